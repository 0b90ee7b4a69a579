// The date lock applied by every module's dated writes: once 2025 is closed and its expiry days have passed, an
// editor's create or update of a record dated in 2025 is refused in each module (press items and spokespersons,
// training people, sessions and attendance, exhibitions, library products, fact-checking items and handling actions,
// recommendation actions), naming the field and saying why, and nothing is written; the same write dated in 2026
// passes, the office writes into 2025, and so does an editor the office has given permission.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { createExhibition } from '../exhibitions/exhibitions.service.js';
import { addItem } from '../factcheck/factcheck.items.js';
import { createProduct, publishProduct } from '../library/library.write.js';
import { createPressItem } from '../press/press.service.js';
import { createSpokesperson, endSpokesperson } from '../press/spokespersons.service.js';
import { assignImplementers, createRecommendation } from '../recommendations/recommendations.edit.js';
import { createAction } from '../recommendations/recommendations.progress.js';
import { createCourse, createPerson, createSession, recordAttendance, updateSession } from '../training/training.service.js';
import { closePeriod, grantLockPermission } from './cycle.official.js';
import { createPeriod } from './cycle.periods.js';

let db: Db;
let editor: Actor, office: Actor;
let orgA: number, course: number, session2025: number, person: number, recId: number;

const refused = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    const x = e as { code: string; message: string; details?: { field: string; message: string }[] };
    return { code: x.code, fields: (x.details ?? []).map((d) => d.field), message: x.message, why: x.details?.[0]?.message ?? '' };
  }
  throw new Error('expected a refusal');
};
const count = async (table: string) =>
  Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n);

const press = (day: string) => ({
  kind: 'press_release',
  organisationId: orgA,
  title: 'Thông cáo báo chí',
  heldAt: `${day}T09:00:00+07:00`,
});
const spokes = (day: string) => ({ organisationId: orgA, fullName: 'Người phát ngôn thử', validFrom: day });
const session = (day: string) => ({ courseId: course, startsOn: day, endsOn: day, provinceCode: '01', organiserId: orgA });
const roster = (day: string) => ({
  fullName: 'Cán bộ khoá sổ',
  organisationId: orgA,
  memberships: [{ targetGroup: 'T2a', validFrom: day }],
});
const exhibition = (day: string) => ({
  texts: [{ language: 'vie', title: 'Triển lãm ảnh thử' }],
  kind: 'photographs',
  format: 'physical',
  organiserIds: [orgA],
  startDate: day,
  endDate: day,
  audiences: [2],
  captionLanguages: ['vie'],
  visitors: 10,
  venue: { location: 'vietnam', name: 'Nhà văn hoá', provinceCode: '01' },
  items: [],
});
const video = (day: string) => ({
  kind: 'video',
  organisationId: orgA,
  channel: 'social_media',
  date: day,
  languages: ['vie'],
  texts: [{ language: 'vie', title: 'Video thử' }],
});
const item = (day: string) => ({ text: 'Tin thử về quyền con người', platform: 'facebook', publishedAt: `${day}T08:00:00+07:00` });
const action = (day: string) => ({ organisationId: orgA, title: 'Hội thảo', targetDate: day, status: 'done', completedOn: day });

beforeAll(async () => {
  db = (await testDatabase()).db;
  orgA = (
    await makeOrg(db, { code: 'SO-KS', nameVi: 'Sở khoá sổ', kind: 'provincial_department', provinceCode: '01', isStateAdminAgency: true })
  ).id;
  const u = await makeUser(db, 'editor', orgA),
    a = await makeUser(db, 'admin');
  editor = { userId: u.id, name: u.username, role: 'editor', organisationId: orgA, via: 'api' };
  office = { userId: a.id, name: a.username, role: 'admin', organisationId: null, via: 'api' };
  course = (await createCourse(db, seedActor, { title: 'Khoá thử', kind: 'both', format: 'in_person', organisationId: orgA })).id;
  session2025 = (await createSession(db, seedActor, session('2025-04-04'))).id;
  person = (await createPerson(db, seedActor, roster('2024-01-01'))).id;
  recId = (
    await createRecommendation(db, seedActor, {
      mechanism: 'upr',
      cycle: 'UPR-IV',
      sourceDocument: 'A/HRC/TEST/9',
      paragraph: '99.901',
      recommendingStates: ['Freedonia'],
      textEn: 'Fictional: raise awareness.',
      position: 'supported',
      positionSource: 'test',
      themes: ['Awareness raising'],
      communication: true,
      targets: ['T6'],
    })
  ).id;
  await assignImplementers(db, seedActor, recId, { leadOrganisationId: orgA });
  const p = await createPeriod(db, seedActor, { kind: 'yearly', year: 2025, deadline: '2026-01-31' });
  await closePeriod(db, office, p.id, { expiryDays: 0 });
});

describe('dated writes into a locked period', () => {
  it('are refused in every module for an editor, naming the field, and write nothing', async () => {
    const before = {
      press: await count('press_items'),
      people: await count('training_people'),
      exhibitions: await count('exhibitions'),
      products: await count('library_products'),
      items: await count('fc_items'),
    };
    const cases: [string, () => Promise<unknown>, string][] = [
      ['press item', () => createPressItem(db, editor, press('2025-06-01')), 'heldAt'],
      ['spokesperson', () => createSpokesperson(db, editor, spokes('2025-06-01')), 'validFrom'],
      ['training session', () => createSession(db, editor, session('2025-06-01')), 'startsOn'],
      [
        'training session moved into 2025',
        async () => updateSession(db, editor, (await createSession(db, editor, session('2026-03-03'))).id, session('2025-03-03')),
        'startsOn',
      ],
      ['rostered person', () => createPerson(db, editor, roster('2025-06-01')), 'memberships.0.validFrom'],
      [
        'attendance of a 2025 session',
        () => recordAttendance(db, editor, { sessionId: session2025, personId: person, attended: true, completed: true }),
        'sessionId',
      ],
      ['exhibition', () => createExhibition(db, editor, exhibition('2025-06-01')), 'startDate'],
      ['library product', () => createProduct(db, editor, video('2025-06-01')), 'date'],
      ['monitored item', () => addItem(db, editor, item('2025-06-01')), 'publishedAt'],
      ['recommendation action', () => createAction(db, editor, recId, action('2025-06-01')), 'completedOn'],
    ];
    for (const [what, call, field] of cases) {
      // one at a time: each refusal is awaited before the next write starts
      const r = await refused(call());
      expect(r.code, what).toBe('forbidden');
      expect(r.fields[0], what).toBe(field);
      expect(r.message, what).toMatch(/Period 2025 is closed and locked/);
      expect(r.why, what).toMatch(/2025-0\d-0\d is in 2025, closed on \d{4}-\d{2}-\d{2} and locked since/);
    }
    expect({
      press: await count('press_items'),
      people: await count('training_people'),
      exhibitions: await count('exhibitions'),
      products: await count('library_products'),
      items: await count('fc_items'),
    }).toEqual(before);
  });

  it("pass when dated after the period, for the office, and with the office's permission", async () => {
    await createPressItem(db, editor, press('2026-02-01'));
    await createSession(db, editor, session('2026-02-01'));
    await createPerson(db, editor, roster('2026-02-01'));
    await createSpokesperson(db, editor, spokes('2026-02-01'));
    const s = await createSpokesperson(db, office, spokes('2024-06-01'));
    await createProduct(db, editor, video('2026-02-01'));
    await addItem(db, editor, item('2026-02-01'));
    await createAction(db, editor, recId, action('2026-02-01'));
    await createExhibition(db, office, exhibition('2025-07-01'));
    await createProduct(db, office, video('2025-07-01'));
    await recordAttendance(db, office, { sessionId: session2025, personId: person, attended: true, completed: true });
    // An appointment cannot be ended on a locked day either.
    expect(await refused(endSpokesperson(db, editor, s.id, '2025-12-31'))).toMatchObject({ code: 'forbidden', fields: ['validTo'] });
    const [p] = await rows<{ id: number }>(db, sql`select id from cycle_periods where key = '2025'`);
    await grantLockPermission(db, office, p!.id, { organisationId: orgA, until: '2099-01-01', reason: 'Bổ sung hồ sơ năm 2025' });
    const book = await createProduct(db, editor, {
      ...video('2025-08-01'),
      kind: 'book',
      channel: 'print',
      book: { isbn: '9786040000002', publisher: 'NXB', year: 2025, pages: 10, edition: 'first' },
    });
    await publishProduct(db, editor, book.id);
    await createSession(db, editor, session('2025-08-01'));
  });
});
