// Reach (issue 21): the figures come from the records created here and are checked against a plain reading of the
// same records (distinct people for training, sums for exhibitions), by audience, province (34-unit map, a 2024
// session on the 63-unit map counting for its new province) and year; the scope of each role; the route.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp } from '../../../../test/test-db.js';
import type { ReachMetric, ReachSummary } from '../../../shared/contracts/reach.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { createUser } from '../directory/users.service.js';
import { getReach } from './indicators.reach.js';

let app: Awaited<ReturnType<typeof testApp>>['app'];
let db: Db;
let hn: number, hnChild: number, dn: number;

// The records: sessions (course audiences, province code and map, year, organiser) and who attended each.
type SessionRow = {
  course: 'A' | 'B';
  day: string;
  map: '34' | '63';
  unit: string;
  organiser: () => number;
  attended: string[];
  absent: string[];
};
const COURSES = { A: [1, 3], B: [] as number[] };
const NEW_PROVINCE: Record<string, string> = { '34:01': '01', '34:48': '48', '63:02': '08' }; // 63-unit Hà Giang → Tuyên Quang
const SESSIONS: SessionRow[] = [
  { course: 'A', day: '2025-09-10', map: '34', unit: '01', organiser: () => hn, attended: ['p1', 'p2'], absent: ['p3'] },
  { course: 'A', day: '2026-03-01', map: '34', unit: '01', organiser: () => hnChild, attended: ['p1', 'p4'], absent: [] },
  { course: 'B', day: '2024-05-01', map: '63', unit: '02', organiser: () => dn, attended: ['p5'], absent: [] },
  { course: 'B', day: '2026-04-01', map: '34', unit: '48', organiser: () => dn, attended: ['p5', 'p2'], absent: [] },
];
type ExhibitionRow = {
  day: string;
  unit: string | null;
  organiser: () => number;
  visitors: number | null;
  views: number | null;
  audiences: number[];
};
const EXHIBITIONS: ExhibitionRow[] = [
  { day: '2025-10-01', unit: '01', organiser: () => hn, visitors: 1200, views: null, audiences: [2] },
  { day: '2026-02-01', unit: '48', organiser: () => dn, visitors: 300, views: 5000, audiences: [2, 5] },
  { day: '2026-05-01', unit: null, organiser: () => hn, visitors: null, views: 800, audiences: [] },
];

/** The plain reading: distinct people per key over the sessions kept. */
function people(keep: (s: SessionRow) => boolean, keysOf: (s: SessionRow) => string[]): Record<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const s of SESSIONS.filter(keep))
    for (const k of keysOf(s)) for (const p of s.attended) sets.set(k, (sets.get(k) ?? new Set()).add(p));
  return Object.fromEntries([...sets].map(([k, v]) => [k, v.size]));
}
function sums(keep: (e: ExhibitionRow) => boolean, n: (e: ExhibitionRow) => number | null, keysOf: (e: ExhibitionRow) => string[]) {
  const out: Record<string, number> = {};
  for (const e of EXHIBITIONS.filter((x) => keep(x) && n(x) !== null)) for (const k of keysOf(e)) out[k] = (out[k] ?? 0) + n(e)!;
  return out;
}
const provinceOf = (s: SessionRow) => [NEW_PROVINCE[`${s.map}:${s.unit}`]!];
const audiencesOf = (a: number[]) => (a.length ? a.map(String) : ['none']);
const asMap = (list: { key: string; value: number }[]) => Object.fromEntries(list.map((r) => [r.key, r.value]));
const metric = (r: ReachSummary, id: ReachMetric['id']) => r.metrics.find((m) => m.id === id)!;

beforeAll(async () => {
  ({ app, db } = await testApp());
  hn = (await makeOrg(db, { code: 'REACH-HN', kind: 'provincial_department', provinceCode: '01' })).id;
  hnChild = (await makeOrg(db, { code: 'REACH-HN-1', kind: 'other', parentId: hn })).id;
  dn = (await makeOrg(db, { code: 'REACH-DN', kind: 'provincial_department', provinceCode: '48' })).id;
  const unit = async (map: string, code: string) =>
    (await rows<{ id: number }>(db, sql`select id from admin_units where map_version = ${map} and code = ${code}`))[0]!.id;
  const courses: Record<string, number> = {};
  for (const [k, aud] of Object.entries(COURSES))
    courses[k] = (
      await rows<{ id: number }>(
        db,
        sql`insert into training_courses (title, kind, format, organisation_id, audiences)
        values (${`Khóa ${k}`}, 'training', 'in_person', ${hn}, ${`{${aud.join(',')}}`}::int[]) returning id`,
      )
    )[0]!.id;
  const person: Record<string, number> = {};
  for (const p of ['p1', 'p2', 'p3', 'p4', 'p5'])
    person[p] = (
      await rows<{ id: number }>(
        db,
        sql`insert into training_people (full_name, name_key, organisation_id) values (${p}, ${p}, ${hn}) returning id`,
      )
    )[0]!.id;
  for (const s of SESSIONS) {
    const [row] = await rows<{ id: number }>(
      db,
      sql`insert into training_sessions (course_id, starts_on, ends_on, province_unit_id, organiser_id)
      values (${courses[s.course]}, ${s.day}, ${s.day}, ${await unit(s.map, s.unit)}, ${s.organiser()}) returning id`,
    );
    for (const [list, attended] of [
      [s.attended, true],
      [s.absent, false],
    ] as const)
      for (const p of list)
        await db.execute(
          sql`insert into training_attendance (session_id, person_id, attended) values (${row!.id}, ${person[p]}, ${attended})`,
        );
  }
  for (const e of EXHIBITIONS) {
    const [row] = await rows<{ id: number }>(
      db,
      sql`insert into exhibitions (kind, format, organisation_id, start_date, end_date, visitors, views, unit_id)
      values ('photographs', 'both', ${e.organiser()}, ${e.day}, ${e.day}, ${e.visitors}, ${e.views},
        ${e.unit ? await unit('34', e.unit) : null}) returning id`,
    );
    for (const a of e.audiences)
      await db.execute(sql`insert into exhibition_audiences (exhibition_id, audience) values (${row!.id}, ${a})`);
  }
});

describe('reach', () => {
  it('adds up each metric on its own, by audience, province (34-unit map) and year, with the method note', async () => {
    const r = await getReach(db, seedActor, {});
    const all = () => true;
    const t = metric(r, 'training_participants');
    expect(t.total).toBe(people(all, () => ['all']).all);
    expect(t.records).toBe(SESSIONS.length);
    expect(asMap(t.byProvince)).toEqual(people(all, provinceOf));
    expect(asMap(t.byYear)).toEqual(people(all, (s) => [s.day.slice(0, 4)]));
    expect(asMap(t.byAudience)).toEqual(people(all, (s) => audiencesOf(COURSES[s.course])));
    expect(t.byProvince.find((x) => x.key === '08')!.label!.vi).toBe('Tuyên Quang');

    const v = metric(r, 'exhibition_visitors');
    expect(v.total).toBe(
      sums(
        all,
        (e) => e.visitors,
        () => ['all'],
      ).all,
    );
    expect(v.records).toBe(EXHIBITIONS.filter((e) => e.visitors !== null).length);
    expect(asMap(v.byAudience)).toEqual(
      sums(
        all,
        (e) => e.visitors,
        (e) => audiencesOf(e.audiences),
      ),
    );
    expect(asMap(v.byProvince)).toEqual(
      sums(
        all,
        (e) => e.visitors,
        (e) => [e.unit ?? 'none'],
      ),
    );
    const w = metric(r, 'exhibition_views');
    expect(w.total).toBe(
      sums(
        all,
        (e) => e.views,
        () => ['all'],
      ).all,
    );
    expect(asMap(w.byProvince)).toEqual(
      sums(
        all,
        (e) => e.views,
        (e) => [e.unit ?? 'none'],
      ),
    );
    expect(asMap(w.byYear)).toEqual(
      sums(
        all,
        (e) => e.views,
        (e) => [e.day.slice(0, 4)],
      ),
    );
    // Never one figure across metrics; each says what it counts, in both languages.
    expect(r.metrics.map((m) => m.unit.en)).toEqual(['people', 'visits', 'views']);
    expect(r.note.en).toContain('not added together');
    expect(r.note.vi).toContain('không cộng');
    expect(t.method.vi).toContain('người khác nhau');
  });

  it('keeps to a period: sessions and exhibitions starting in it', async () => {
    const r = await getReach(db, seedActor, { period: '2026' });
    const in2026 = (d: string) => d.startsWith('2026');
    expect(metric(r, 'training_participants').total).toBe(
      people(
        (s) => in2026(s.day),
        () => ['all'],
      ).all,
    );
    expect(metric(r, 'exhibition_views').total).toBe(
      sums(
        (e) => in2026(e.day),
        (e) => e.views,
        () => ['all'],
      ).all,
    );
    expect(r.scope.period).toMatchObject({ firstDay: '2026-01-01', lastDay: '2026-12-31' });
    await expect(getReach(db, seedActor, { period: '2026-Q9' })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it("an editor sees its organisation's subtree; asking for another organisation is refused", async () => {
    const u = await makeUser(db, 'editor', hn);
    const editor: Actor = { userId: u.id, name: u.username, role: 'editor', organisationId: hn, via: 'api' };
    const mine = (s: SessionRow) => [hn, hnChild].includes(s.organiser());
    const r = await getReach(db, editor, {});
    expect(metric(r, 'training_participants').total).toBe(people(mine, () => ['all']).all);
    expect(metric(r, 'exhibition_visitors').total).toBe(
      sums(
        (e) => e.organiser() === hn,
        (e) => e.visitors,
        () => ['all'],
      ).all,
    );
    await expect(getReach(db, editor, { organisationId: dn })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it("GET /api/indicators/reach: a province's coordinator sees only its province, and is refused another", async () => {
    const u = await createUser(db, seedActor, {
      username: 'coord01.reach',
      displayName: 'Điều phối 01',
      password: TEST_PASSWORD,
      role: 'coordinator',
      provinceCode: '01',
    });
    const s = await signIn(app, u.username, TEST_PASSWORD);
    const res = await app.inject({ method: 'GET', url: '/api/indicators/reach', headers: s.headers });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as ReachSummary;
    expect(r.scope.province).toBe('01');
    const t = metric(r, 'training_participants');
    expect(t.total).toBe(
      people(
        (x) => provinceOf(x)[0] === '01',
        () => ['all'],
      ).all,
    );
    expect(t.byProvince.map((x) => x.key)).toEqual(['01']);
    expect(metric(r, 'exhibition_visitors').total).toBe(
      sums(
        (e) => e.unit === '01',
        (e) => e.visitors,
        () => ['all'],
      ).all,
    );
    expect(metric(r, 'exhibition_views').total).toBe(0);
    const other = await app.inject({ method: 'GET', url: '/api/indicators/reach?province=48', headers: s.headers });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.details[0].field).toBe('province');
    const admin = await signIn(app, (await makeUser(db, 'admin')).username, TEST_PASSWORD);
    const all = (
      await app.inject({ method: 'GET', url: '/api/indicators/reach?province=48', headers: admin.headers })
    ).json() as ReachSummary;
    expect(metric(all, 'exhibition_views').total).toBe(
      sums(
        (e) => e.unit === '48',
        (e) => e.views,
        () => ['all'],
      ).all,
    );
    expect((await app.inject({ method: 'GET', url: '/api/indicators/reach' })).statusCode).toBe(401);
    // An organisation id past PostgreSQL's integer is refused as input, naming the field, not a server error.
    const huge = await app.inject({ method: 'GET', url: '/api/indicators/reach?organisationId=2147483648', headers: admin.headers });
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('organisationId');
  });
});
