// Fact-checks on a real database: no author data in any fc_ table, the state machine over every (from, to) pair,
// evidence before a draft, the two-person rule (enforced in the service: nobody who wrote any of a version's content
// approves it, whoever marked it drafted), publication, corrections proposed and approved by a second person, versioned
// with the previous rating and rationale kept, withdrawal with a reason, who may do what.
import { eq, getTableColumns, getTableName, sql, type Table } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import { FC_STATES, type FcState } from '../../../shared/contracts/factcheck.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import * as tables from './factcheck.tables.js';
import {
  addEvidence,
  createClaim,
  discardCorrection,
  getClaim,
  listClaims,
  listRatings,
  proposeCorrection,
  transitionClaim,
  updateDraft,
} from './factcheck.service.js';
import { fcClaims } from './factcheck.tables.js';

let db: Db;
let analyst: Actor, analyst2: Actor, reviewer: Actor, reviewer2: Actor, admin: Actor, viewer: Actor;

async function actor(role: Actor['role']): Promise<Actor> {
  const u = await makeUser(db, role as 'analyst');
  return { userId: u.id, name: u.username, role, organisationId: null, via: 'api' };
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  [analyst, analyst2, reviewer, reviewer2, admin, viewer] = await Promise.all(
    ['analyst', 'analyst', 'reviewer', 'reviewer', 'admin', 'viewer'].map((r) => actor(r as Actor['role'])),
  );
});

const evidence = {
  url: 'https://example.org/bao-cao',
  title: 'Báo cáo chính thức',
  snapshot: 'Đoạn văn bản được trích dẫn làm căn cứ.',
  fetchedAt: '2026-11-01T08:00:00Z',
};

/** A claim researched by `author`: rating, rationale and one source — ready to be drafted. */
async function researched(author = analyst, text = 'Việt Nam cấm mọi hoạt động tôn giáo từ năm 2026') {
  const c = await createClaim(db, author, { text, topics: ['religion'] });
  await transitionClaim(db, author, c.id, { to: 'researching' });
  await addEvidence(db, author, c.id, evidence);
  await updateDraft(db, author, c.id, {
    ratingCode: 'false',
    rationaleVi: 'Luật Tín ngưỡng, tôn giáo 2016 vẫn có hiệu lực.',
    rationaleEn: 'The 2016 Law on Belief and Religion is in force.',
  });
  return c.id;
}
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; details?: { field: string }[] };
  }
  throw new Error('expected a failure');
};

describe('no author identity in any fact-checking table', () => {
  const FORBIDDEN =
    /(author|handle|username|user_name|screen_name|nick|profile|follower|display_name|avatar|account|^name$|poster|phone|email)/;
  const fcTables = Object.values(tables).filter(
    (t): t is typeof tables.fcItems => t instanceof PgTable && getTableName(t as Table).startsWith('fc_'),
  );

  it('the drizzle schema declares none of the forbidden columns', () => {
    expect(fcTables.length).toBeGreaterThanOrEqual(9);
    for (const t of fcTables) {
      for (const col of Object.values(getTableColumns(t)) as { name: string }[]) {
        expect(col.name, `${getTableName(t)}.${col.name}`).not.toMatch(FORBIDDEN);
      }
    }
  });

  it('the database (after every migration) has none either', async () => {
    const cols = await rows<{ table_name: string; column_name: string }>(
      db,
      sql`
      select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name like 'fc\\_%'`,
    );
    expect(new Set(cols.map((c) => c.table_name)).size).toBe(fcTables.length);
    for (const c of cols) expect(c.column_name, `${c.table_name}.${c.column_name}`).not.toMatch(FORBIDDEN);
    // The check itself bites: these would be caught.
    for (const bad of ['author_id', 'handle', 'name', 'profile_url', 'follower_count', 'screen_name']) expect(bad).toMatch(FORBIDDEN);
  });
});

describe('the rating scale', () => {
  it('is public with Vietnamese and English labels and ClaimReview alternateName; false and partly false count as false', async () => {
    const r = await listRatings(db);
    expect(r.map((x) => x.code)).toEqual(['false', 'partly_false', 'missing_context', 'true', 'unverifiable']);
    expect(r[0]).toMatchObject({ labelVi: 'Sai sự thật', labelEn: 'False', alternateName: 'False', countsAsFalse: true });
    expect(r.filter((x) => x.countsAsFalse).map((x) => x.code)).toEqual(['false', 'partly_false']);
  });
});

describe('the state machine', () => {
  // Written out here, not read from the service: the test states the rule.
  const ALLOWED = new Set([
    'new>researching',
    'researching>drafted',
    'drafted>researching',
    'drafted>approved',
    'approved>researching',
    'approved>published',
    'published>corrected',
    'published>withdrawn',
    'corrected>corrected',
    'corrected>withdrawn',
  ]);
  const pairs = FC_STATES.flatMap((from) => FC_STATES.map((to) => [from, to] as [FcState, FcState]));

  it.each(pairs)('%s → %s', async (from, to) => {
    const id = await researched();
    // Put the claim in `from` as its author (analyst) would have left it, then a second person (a reviewer) moves it.
    await db.update(fcClaims).set({ status: from, draftedBy: analyst.userId, version: 1 }).where(eq(fcClaims.id, id));
    // A correction is proposed (by the analyst) before a reviewer approves it.
    if (from === 'published' || from === 'corrected')
      await proposeCorrection(db, analyst, id, { note: 'Cập nhật số liệu mới', ratingCode: 'partly_false' });
    const move = transitionClaim(db, reviewer, id, { to, reason: 'Nguồn gốc đã bị gỡ bỏ' });
    if (ALLOWED.has(`${from}>${to}`)) {
      const after = await move;
      expect(after.status).toBe(to);
    } else {
      expect((await failure(move)).code).toBe('conflict');
      expect((await getClaim(db, id)).status).toBe(from);
    }
  });
});

describe('review and publication', () => {
  it('a draft needs a rating, a rationale and evidence, each named', async () => {
    const c = await createClaim(db, analyst, { text: 'Người dân tộc thiểu số bị cấm học tiếng mẹ đẻ ở trường' });
    await transitionClaim(db, analyst, c.id, { to: 'researching' });
    const e = await failure(transitionClaim(db, analyst, c.id, { to: 'drafted' }));
    expect(e.code).toBe('validation_failed');
    expect(e.details!.map((d) => d.field).sort()).toEqual(['evidence', 'ratingCode', 'rationaleVi']);
    await updateDraft(db, analyst, c.id, { ratingCode: 'false', rationaleVi: 'Sai: chương trình song ngữ vẫn dạy.' });
    expect((await failure(transitionClaim(db, analyst, c.id, { to: 'drafted' }))).details!.map((d) => d.field)).toEqual(['evidence']);
    await addEvidence(db, analyst, c.id, evidence);
    const d = await transitionClaim(db, analyst, c.id, { to: 'drafted' });
    expect(d).toMatchObject({ status: 'drafted', draftedBy: analyst.userId });
    expect(d.evidence[0]).toMatchObject({ url: evidence.url, snapshot: evidence.snapshot, fetchedAt: '2026-11-01T08:00:00.000Z' });
  });

  it('evidence is a link with a snapshot of the text relied on', async () => {
    const c = await createClaim(db, analyst, { text: 'Một tuyên bố cần kiểm chứng về quyền trẻ em' });
    const e = await failure(addEvidence(db, analyst, c.id, { ...evidence, url: 'javascript:alert(1)', snapshot: '' }));
    expect(e.details!.map((d) => d.field).sort()).toEqual(['snapshot', 'url']);
  });

  it('only a reviewer other than the author approves: the author (even a reviewer or an admin) cannot, nor can an analyst', async () => {
    const byReviewer = await researched(reviewer);
    await transitionClaim(db, reviewer, byReviewer, { to: 'drafted' });
    const own = await failure(transitionClaim(db, reviewer, byReviewer, { to: 'approved' }));
    expect(own.code).toBe('forbidden');
    expect(own.details).toEqual([{ field: 'approvedBy', message: expect.stringMatching(/you wrote part of this draft/) }]);
    expect((await failure(transitionClaim(db, analyst, byReviewer, { to: 'approved' }))).code).toBe('forbidden');
    expect((await getClaim(db, byReviewer)).status).toBe('drafted');
    const approved = await transitionClaim(db, reviewer2, byReviewer, { to: 'approved' });
    expect(approved).toMatchObject({ status: 'approved', approvedBy: reviewer2.userId });
    // The two people by name, as the workspace shows them.
    const names = await rows<{ id: number; display_name: string }>(
      db,
      sql`select id, display_name from users where id in (${reviewer.userId}, ${reviewer2.userId})`,
    );
    const nameOf = (id: number | null) => names.find((n) => n.id === id)!.display_name;
    expect([approved.draftedByName, approved.approvedByName]).toEqual([nameOf(reviewer.userId), nameOf(reviewer2.userId)]);
    expect(approved.draftedByName).not.toBe(approved.approvedByName);

    const byAdmin = await researched(admin);
    await transitionClaim(db, admin, byAdmin, { to: 'drafted' });
    expect((await failure(transitionClaim(db, admin, byAdmin, { to: 'approved' }))).code).toBe('forbidden');
    // Sent back and drafted again by someone else: both are authors now; a third person approves.
    await transitionClaim(db, analyst2, byAdmin, { to: 'researching' });
    await transitionClaim(db, analyst2, byAdmin, { to: 'drafted' });
    expect((await failure(transitionClaim(db, admin, byAdmin, { to: 'approved' }))).code).toBe('forbidden');
    expect((await transitionClaim(db, reviewer2, byAdmin, { to: 'approved' })).approvedBy).toBe(reviewer2.userId);
  });

  it('a reviewer who wrote the rating, rationale or evidence cannot approve once someone else marks it drafted', async () => {
    // The walk-around of issue 16 (finding 12): the reviewer writes the content, an analyst clicks "drafted".
    const c = await createClaim(db, analyst, { text: 'Nhà nước thu hồi mọi giấy phép của báo chí tư nhân', topics: ['press_freedom'] });
    await transitionClaim(db, analyst, c.id, { to: 'researching' });
    await addEvidence(db, reviewer, c.id, evidence);
    await updateDraft(db, reviewer, c.id, { ratingCode: 'false', rationaleVi: 'Báo chí được cấp phép theo Luật Báo chí 2016.' });
    await transitionClaim(db, analyst, c.id, { to: 'drafted' });
    const own = await failure(transitionClaim(db, reviewer, c.id, { to: 'approved' }));
    expect(own.code).toBe('forbidden');
    expect(own.details).toEqual([{ field: 'approvedBy', message: expect.stringMatching(/you wrote part of this draft/) }]);
    // Only the evidence, or only the English rationale, makes an author too.
    const byEvidence = await createClaim(db, analyst, { text: 'Một tuyên bố khác về báo chí tư nhân', topics: ['press_freedom'] });
    await transitionClaim(db, analyst, byEvidence.id, { to: 'researching' });
    await updateDraft(db, analyst, byEvidence.id, { ratingCode: 'false', rationaleVi: 'Căn cứ.' });
    await addEvidence(db, reviewer2, byEvidence.id, evidence);
    await updateDraft(db, admin, byEvidence.id, { rationaleEn: 'The grounds.' });
    // A save that changes nothing writes nothing: that reviewer is no author.
    await updateDraft(db, reviewer, byEvidence.id, { ratingCode: 'false', rationaleVi: 'Căn cứ.' });
    await transitionClaim(db, analyst, byEvidence.id, { to: 'drafted' });
    expect((await failure(transitionClaim(db, reviewer2, byEvidence.id, { to: 'approved' }))).code).toBe('forbidden');
    expect((await failure(transitionClaim(db, admin, byEvidence.id, { to: 'approved' }))).code).toBe('forbidden');
    const d = await getClaim(db, byEvidence.id);
    expect(d.contributors.map((x) => [x.userId, x.parts])).toEqual([
      [analyst.userId, ['drafted', 'rating', 'rationale']],
      [reviewer2.userId, ['evidence']],
      [admin.userId, ['rationale']],
    ]);
    expect((await transitionClaim(db, reviewer, byEvidence.id, { to: 'approved' })).approvedBy).toBe(reviewer.userId);
    expect((await getClaim(db, c.id)).contributors.map((x) => x.userId).sort()).toEqual([analyst.userId, reviewer.userId].sort());
    expect((await transitionClaim(db, reviewer2, c.id, { to: 'approved' })).approvedBy).toBe(reviewer2.userId);
  });

  it('publication by a reviewer; then corrections versioned with the previous rating and rationale kept; withdrawal with a reason', async () => {
    const id = await researched();
    await transitionClaim(db, analyst, id, { to: 'drafted' });
    await transitionClaim(db, reviewer, id, { to: 'approved' });
    expect((await failure(transitionClaim(db, analyst, id, { to: 'published' }))).code).toBe('forbidden');
    const pub = await transitionClaim(db, reviewer, id, { to: 'published' }, new Date('2026-11-20T03:00:00Z'));
    expect(pub).toMatchObject({
      status: 'published',
      version: 1,
      publishedAt: '2026-11-20T03:00:00.000Z',
      next: ['corrected', 'withdrawn'],
    });
    // Published: the draft is no longer edited in place.
    expect((await failure(updateDraft(db, analyst, id, { ratingCode: 'true' }))).code).toBe('conflict');
    expect((await failure(proposeCorrection(db, reviewer, id, { ratingCode: 'partly_false' }))).details!.map((d) => d.field)).toEqual([
      'note',
    ]);
    expect((await failure(proposeCorrection(db, reviewer, id, { note: 'Không đổi gì' }))).details!.map((d) => d.field)).toEqual([
      'ratingCode',
    ]);
    // Nothing proposed: nothing to approve; the content is never given with the approval.
    expect((await failure(transitionClaim(db, reviewer, id, { to: 'corrected' }))).code).toBe('conflict');
    expect(
      (
        await failure(transitionClaim(db, reviewer, id, { to: 'corrected', ratingCode: 'partly_false', note: 'Sửa và duyệt một mình' }))
      ).details!.map((d) => d.field),
    ).toEqual(['ratingCode', 'note']);
    const proposed = await proposeCorrection(db, reviewer, id, {
      ratingCode: 'partly_false',
      note: 'Một số hoạt động bị hạn chế tại địa phương',
    });
    expect(proposed).toMatchObject({
      status: 'published',
      version: 1,
      ratingCode: 'false',
      pendingCorrection: { version: 2, ratingCode: 'partly_false' },
    });
    // Its author does not approve it; another reviewer does.
    expect((await failure(transitionClaim(db, reviewer, id, { to: 'corrected' }))).details).toEqual([
      { field: 'approvedBy', message: 'you wrote part of this correction: another reviewer approves it' },
    ]);
    const v2 = await transitionClaim(db, reviewer2, id, { to: 'corrected' });
    expect(v2).toMatchObject({ status: 'corrected', version: 2, ratingCode: 'partly_false', pendingCorrection: null });
    // The next correction, written by two people (an analyst proposes, a reviewer amends): neither approves it.
    await proposeCorrection(db, analyst, id, { rationaleVi: 'Căn cứ mới: báo cáo 2026.', note: 'Cập nhật căn cứ' });
    await proposeCorrection(db, reviewer2, id, { rationaleVi: 'Căn cứ mới: báo cáo năm 2026.' });
    expect((await failure(transitionClaim(db, reviewer2, id, { to: 'corrected' }))).code).toBe('forbidden');
    expect((await failure(transitionClaim(db, analyst, id, { to: 'corrected' }))).code).toBe('forbidden');
    const v3 = await transitionClaim(db, reviewer, id, { to: 'corrected' });
    expect(v3.contributors.filter((c) => c.version === 3).map((c) => c.userId)).toEqual([analyst.userId, reviewer2.userId]);
    expect(v3).toMatchObject({ status: 'corrected', version: 3, ratingCode: 'partly_false', rationaleVi: 'Căn cứ mới: báo cáo năm 2026.' });
    expect(v3.corrections.map((c) => [c.version, c.previousRatingCode, c.ratingCode])).toEqual([
      [2, 'false', 'partly_false'],
      [3, 'partly_false', 'partly_false'],
    ]);
    expect(v3.corrections[0]!.previousRationaleVi).toBe('Luật Tín ngưỡng, tôn giáo 2016 vẫn có hiệu lực.');
    expect(v3.corrections[1]!.previousRationaleVi).toBe('Luật Tín ngưỡng, tôn giáo 2016 vẫn có hiệu lực.');
    // A proposal can be discarded (by a reviewer or one of its authors; not by another analyst); its authors then
    // wrote nothing of a version.
    await proposeCorrection(db, analyst, id, { ratingCode: 'true', note: 'Đề xuất sẽ bị huỷ' });
    expect((await failure(discardCorrection(db, analyst2, id))).code).toBe('forbidden');
    expect((await discardCorrection(db, analyst, id)).pendingCorrection).toBeNull();
    expect((await getClaim(db, id)).contributors.some((c) => c.version === 4)).toBe(false);
    expect((await failure(transitionClaim(db, reviewer, id, { to: 'withdrawn' }))).details!.map((d) => d.field)).toEqual(['reason']);
    const w = await transitionClaim(db, reviewer, id, { to: 'withdrawn', reason: 'Tuyên bố gốc không tồn tại' });
    expect(w).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Tuyên bố gốc không tồn tại', next: [] });
    expect(w.corrections).toHaveLength(2);
  });

  it('a viewer changes nothing; every move is audited', async () => {
    expect((await failure(createClaim(db, viewer, { text: 'Một tuyên bố bất kỳ' }))).code).toBe('forbidden');
    const id = await researched();
    const audit = await rows<{ action: string }>(
      db,
      sql`select action from audit_log where entity = 'fc_claim' and entity_id = ${String(id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'move-researching', 'add-evidence', 'update']);
  });

  it('lists claims by state and by text without diacritics', async () => {
    await createClaim(db, analyst, { text: 'Nhà báo bị bắt giữ vì đưa tin về lũ lụt' });
    const found = await listClaims(db, { q: 'nha bao bi bat' });
    expect(found.rows.map((r) => r.text)).toEqual(['Nhà báo bị bắt giữ vì đưa tin về lũ lụt']);
    expect((await listClaims(db, { status: 'withdrawn' })).rows.every((r) => r.status === 'withdrawn')).toBe(true);
    // A typed % or _ is a character, not a wildcard.
    expect((await listClaims(db, { q: '%' })).total).toBe(0);
    await createClaim(db, analyst, { text: 'Tỉ lệ 100% học sinh được học tiếng mẹ đẻ' });
    expect((await listClaims(db, { q: '100%' })).rows.map((r) => r.text)).toEqual(['Tỉ lệ 100% học sinh được học tiếng mẹ đẻ']);
    expect((await listClaims(db, { q: 'b_o' })).total).toBe(0);
  });
});
