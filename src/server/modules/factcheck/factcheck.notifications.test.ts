// The fact-checking desk's notifications: a fact-check waiting for a second person reaches the reviewers and admins
// who wrote none of it (the two-person rule), never its authors, an editor or a viewer; a draft sent back and drafted
// again, and a correction, are new events. Complaints reach reviewers and admins when their reply is due within
// COMPLAINT_NEAR_DAYS days, and again once overdue; answered ones and those far from due do not; the notice names
// the complaint by reference, never its sender.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { person, toldOf } from '../../../../test/notifications.js';
import { testDatabase } from '../../../../test/test-db.js';
import { rows, type Db } from '../../kernel/db.js';
import { updateUser } from '../directory/users.service.js';
import { generateNotifications } from '../notifications/notifications.service.js';
import { replyComplaint, submitComplaint } from './factcheck.desk.js';
import { FC_COMPLAINT_DUE, FC_REVIEW_WAITING, factcheckNotificationSource } from './factcheck.notifications.js';
import { addEvidence, createClaim, proposeCorrection, transitionClaim, updateDraft } from './factcheck.service.js';

let db: Db;
const who: Record<string, number> = {};
const actors: Record<string, Awaited<ReturnType<typeof person>>['actor']> = {};
let draftId = 0,
  publishedId = 0;
const c: Record<string, number> = {};
const NOW = new Date('2026-06-20T03:00:00Z');
const day = (d: number) => new Date(NOW.getTime() + d * 86_400_000);
const pass = (at: Date) => generateNotifications(db, { daysAhead: 14, mail: false, now: at, sources: [factcheckNotificationSource] });

async function drafted(text: string, helper?: 'reviewer1') {
  const a = actors.analyst!;
  const x = await createClaim(db, a, { text });
  await transitionClaim(db, a, x.id, { to: 'researching' });
  await addEvidence(db, helper ? actors[helper]! : a, x.id, {
    url: 'https://example.org/nguon',
    title: 'Nguồn',
    snapshot: 'Văn bản căn cứ.',
    fetchedAt: '2026-01-02',
  });
  await updateDraft(db, a, x.id, { ratingCode: 'false', rationaleVi: 'Căn cứ.' });
  await transitionClaim(db, a, x.id, { to: 'drafted' });
  return x.id;
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  const org = await makeOrg(db, { nameVi: 'Cơ quan thử' });
  for (const [k, role] of [
    ['analyst', 'analyst'],
    ['reviewer1', 'reviewer'],
    ['reviewer2', 'reviewer'],
    ['admin', 'admin'],
    ['editor', 'editor'],
    ['viewer', 'viewer'],
    ['gone', 'reviewer'],
  ] as const) {
    const p = await person(db, role, role === 'editor' ? org.id : null);
    who[k] = p.id;
    actors[k] = p.actor;
  }
  await updateUser(db, seedActor, who.gone!, { active: false });
  draftId = await drafted('Nhận định thử chờ duyệt', 'reviewer1'); // reviewer1 added its evidence: an author
  publishedId = await drafted('Nhận định thử đã công bố');
  await transitionClaim(db, actors.reviewer2!, publishedId, { to: 'approved' });
  await transitionClaim(db, actors.reviewer2!, publishedId, { to: 'published' });
  c.near = (
    await submitComplaint(
      db,
      { text: 'Khiếu nại sắp đến hạn (thử).', claimId: publishedId, email: 'nguoi.gui@mail.example', consent: true, locale: 'vi' },
      day(-12),
    )
  ).id;
  c.far = (await submitComplaint(db, { text: 'Khiếu nại còn xa hạn (thử).', locale: 'vi' }, day(-1))).id;
  c.late = (await submitComplaint(db, { text: 'Khiếu nại đã quá hạn (thử).', locale: 'vi' }, day(-20))).id;
  c.answered = (await submitComplaint(db, { text: 'Khiếu nại đã trả lời (thử).', locale: 'vi' }, day(-13))).id;
  await replyComplaint(db, actors.reviewer1!, c.answered, { status: 'answered', reply: 'Đã xem lại.' }, { now: day(-1) });
});

describe('fact-check notifications', () => {
  it('a draft waiting: the reviewers and admins who wrote none of it — not its authors, an editor, a viewer', async () => {
    await pass(NOW);
    const told = await toldOf(db, [FC_REVIEW_WAITING]);
    const mine = (u: number) => (told.get(u) ?? []).filter((k) => k.includes(`draft:${draftId}:`));
    expect(mine(who.reviewer2!)).toHaveLength(1);
    expect(mine(who.admin!)).toHaveLength(1);
    for (const u of ['analyst', 'reviewer1', 'editor', 'viewer', 'gone']) expect(mine(who[u]!), u).toEqual([]);
    const [n] = await rows<{ link: string; organisation_id: number | null }>(
      db,
      sql`select link, organisation_id from notifications where user_id = ${who.reviewer2} and kind = ${FC_REVIEW_WAITING}`,
    );
    expect(n).toEqual({ link: `/factcheck?tab=claims&claim=${draftId}`, organisation_id: null });
  });

  it('complaints near their deadline and overdue: reviewers and admins, by reference, never the sender', async () => {
    const told = await toldOf(db, [FC_COMPLAINT_DUE]);
    const due = (id: number) => (told.get(who.reviewer1!) ?? []).filter((k) => k.startsWith(`${FC_COMPLAINT_DUE} ${id}:`));
    expect(due(c.near!)).toEqual([`${FC_COMPLAINT_DUE} ${c.near}:2026-06-22:due`]);
    expect(due(c.late!)).toEqual([`${FC_COMPLAINT_DUE} ${c.late}:2026-06-14:overdue`]);
    expect(due(c.far!)).toEqual([]);
    expect(due(c.answered!)).toEqual([]);
    expect(told.get(who.admin!)).toEqual(told.get(who.reviewer1!));
    expect(told.get(who.reviewer2!)).toEqual(told.get(who.reviewer1!));
    for (const u of ['analyst', 'editor', 'viewer', 'gone']) expect(told.get(who[u]!), u).toBeUndefined();
    const texts = await rows<{ t: string }>(
      db,
      sql`select concat_ws(' ', title_vi, title_en, body_vi, body_en, link) as t from notifications where kind = ${FC_COMPLAINT_DUE}`,
    );
    expect(texts.map((x) => x.t).join(' ')).not.toMatch(/nguoi\.gui|Khiếu nại sắp đến hạn \(thử\)/);
    // Two days on, the near one is overdue: told again.
    await pass(day(3));
    expect((await toldOf(db, [FC_COMPLAINT_DUE])).get(who.reviewer1!)).toContain(`${FC_COMPLAINT_DUE} ${c.near}:2026-06-22:overdue`);
  });

  it('a draft sent back and drafted again, and a correction, are new events; a pass adds nothing twice', async () => {
    expect(await pass(day(3))).toBe(0);
    await transitionClaim(db, actors.reviewer2!, draftId, { to: 'researching' });
    await transitionClaim(db, actors.analyst!, draftId, { to: 'drafted' }, day(4));
    await proposeCorrection(
      db,
      actors.reviewer2!,
      publishedId,
      { ratingCode: 'partly_false', rationaleVi: 'Căn cứ mới.', note: 'Sửa mức đánh giá' },
      day(4),
    );
    await pass(day(4));
    const told = await toldOf(db, [FC_REVIEW_WAITING]);
    expect((told.get(who.reviewer2!) ?? []).filter((k) => k.includes(`draft:${draftId}:`))).toHaveLength(2);
    // The correction: reviewer2 proposed it (an author); reviewer1 and the admin did not.
    const corr = (u: string) => (told.get(who[u]!) ?? []).filter((k) => k.includes(`correction:${publishedId}:2:`));
    expect(corr('reviewer1')).toHaveLength(1);
    expect(corr('admin')).toHaveLength(1);
    expect(corr('reviewer2')).toEqual([]);
    expect(corr('analyst')).toEqual([]);
  });
});
