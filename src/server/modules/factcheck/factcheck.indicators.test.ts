// T5b and T5c on fixtures through the indicators service (the dashboard's figures, breakdowns and drill-down):
// a viral item counts once per duplicate group; only published fact-checks rated false count; the unreviewed share is
// beside the figure; off-topic and still-unsure items are outside the sample; public-form-only groups count for T5c
// (detected) but not for T5b's sample; handling counts up to the period's last day, with the time to handle.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { drillDown, getDashboard } from '../indicators/indicators.service.js';
import { addItem, decideItemTopic, ingestItems, linkItem, recordHandlingAction, undoLink } from './factcheck.items.js';
import { addEvidence, createClaim, transitionClaim, updateDraft } from './factcheck.service.js';

let db: Db;
let analyst: Actor, reviewer: Actor;
const ids: Record<string, number> = {};

async function actor(role: 'analyst' | 'reviewer'): Promise<Actor> {
  const u = await makeUser(db, role);
  return { userId: u.id, name: u.username, role, organisationId: null, via: 'api' };
}
/** A claim with a fact-check rated `rating`, published (drafted by the analyst, approved and published by the reviewer). */
async function published(text: string, rating: 'false' | 'true', publish = true) {
  const c = await createClaim(db, analyst, { text });
  await transitionClaim(db, analyst, c.id, { to: 'researching' });
  await addEvidence(db, analyst, c.id, {
    url: 'https://example.org/nguon',
    title: 'Nguồn',
    snapshot: 'Đoạn trích làm căn cứ.',
    fetchedAt: '2026-03-01',
  });
  await updateDraft(db, analyst, c.id, { ratingCode: rating, rationaleVi: 'Căn cứ vào nguồn chính thức.' });
  if (publish) {
    await transitionClaim(db, analyst, c.id, { to: 'drafted' });
    await transitionClaim(db, reviewer, c.id, { to: 'approved' });
    await transitionClaim(db, reviewer, c.id, { to: 'published' });
  }
  return c.id;
}
const item = async (text: string, platform: 'facebook' | 'youtube' | 'news', publishedAt: string) =>
  (await addItem(db, analyst, { text, platform, publishedAt })).id;

beforeAll(async () => {
  db = (await testDatabase()).db;
  [analyst, reviewer] = [await actor('analyst'), await actor('reviewer')];
  // On topic (a human-rights subject and Viet Nam), in 2026.
  ids.a1 = await item('Nhân quyền ở Việt Nam: chính quyền cấm lễ Giáng sinh của người Tin Lành', 'facebook', '2026-02-03T08:00:00Z');
  ids.a2 = await item('Nhân quyền ở Việt Nam: chính quyền cấm lễ Giáng sinh của người Tin Lành', 'youtube', '2026-02-04T08:00:00Z'); // exact duplicate
  ids.b = await item('Nhân quyền ở Việt Nam: Luật Tín ngưỡng tôn giáo được thông qua năm 2016', 'news', '2026-03-01T08:00:00Z');
  ids.c = await item('Tự do ngôn luận ở Việt Nam: một bài đăng nói về người viết blog', 'facebook', '2026-04-01T08:00:00Z');
  ids.d = await item('Tự do báo chí ở Việt Nam: nhà báo bị bắt khi đưa tin lũ lụt', 'news', '2026-05-01T08:00:00Z');
  ids.old = await item('Nhân quyền ở Việt Nam: lễ Giáng sinh bị cấm, theo một bài năm ngoái', 'facebook', '2025-12-20T08:00:00Z');
  // Outside the sample: off topic, and unsure (a subject in a text that is not Vietnamese and names no Vietnamese place)
  // until a person decides.
  ids.off = await item('Giá cà phê tăng mạnh trong tuần này', 'news', '2026-02-05T08:00:00Z');
  ids.unsure = await item('Human rights are a value shared by all of humankind', 'facebook', '2026-02-06T08:00:00Z');
  // The claims come after the items, so the matcher leaves no links of its own: every link here is the fixture's.
  const falseClaim = await published('Một tỉnh cấm người dân theo đạo Tin Lành tổ chức lễ Giáng sinh', 'false');
  const trueClaim = await published('Quốc hội thông qua Luật Tín ngưỡng, tôn giáo năm 2016', 'true');
  const open = await published('Một nhà báo bị bắt vì đưa tin về lũ lụt', 'false', false);
  await linkItem(db, analyst, ids.a1!, { claimId: falseClaim });
  await linkItem(db, analyst, ids.b!, { claimId: trueClaim });
  await linkItem(db, analyst, ids.d!, { claimId: open });
  await linkItem(db, analyst, ids.old!, { claimId: falseClaim });
  await linkItem(db, analyst, ids.unsure!, { claimId: falseClaim });
  // A suggestion awaiting a person (as the matcher leaves it).
  await db.execute(sql`insert into fc_links (item_id, claim_id, status, score) values (${ids.c}, ${falseClaim}, 'suggested', 0.4)`);
  // Sent by the public form only, linked to the false fact-check.
  await db.transaction(async (tx) => {
    const r = await ingestItems(
      tx,
      analyst,
      [
        {
          text: 'Nhân quyền Việt Nam: có người nói lễ Giáng sinh của người Tin Lành bị cấm ở một xã',
          platform: 'other',
          publishedAt: '2026-06-01T08:00:00Z',
        },
      ],
      'form',
    );
    ids.form = r.ids[0]!;
  });
  await linkItem(db, analyst, ids.form!, { claimId: falseClaim });
  ids.falseClaim = falseClaim;
  // The false fact-check was published in mid-January (fixture time, set before any figure is computed).
  await db.execute(sql`update fc_claims set published_at = '2026-01-15T03:00:00Z' where id = ${falseClaim}`);
});

const fig = async (id: 'T5b' | 'T5c', period = '2026') => (await getDashboard(db, { period }, { only: [id] })).figures[0]!;

describe('T5b: false information in the monitored sample', () => {
  it('counts each duplicate group once; only published fact-checks rated false count; unreviewed beside it', async () => {
    const f = await fig('T5b');
    // Sample: {a1, a2} one group, b, c, d = 4 groups; counts: {a1, a2}; unreviewed: c (suggested) and d (not published).
    expect(f).toMatchObject({ numerator: 1, denominator: 4, value: 0.25, pending: 2 });
    const d = await getDashboard(db, { period: '2026' }, { only: ['T5b'] });
    expect(d.indicators.find((i) => i.id === 'T5b')!.pendingLabel).toEqual({ vi: 'chưa rà soát', en: 'unreviewed' });
    const num = await drillDown(db, 'T5b', { period: '2026', part: 'numerator' });
    expect(num.total).toBe(1);
    expect(num.records[0]!.label).toContain('(×2)');
    expect(num.records[0]!.related.map((r) => r.id).sort()).toEqual([ids.a1, ids.a2].sort());
    expect(num.records[0]!.detail!.en).toContain(`#${ids.falseClaim}`);
    const pending = await drillDown(db, 'T5b', { period: '2026', part: 'pending' });
    expect(pending.records.map((r) => r.related[0]!.id).sort()).toEqual([ids.c, ids.d].sort());
  });

  it('breaks down by platform, topic and language', async () => {
    const f = await fig('T5b');
    const platform = Object.fromEntries(f.breakdowns.platform!.map((r) => [r.key, [r.numerator, r.denominator, r.pending]]));
    expect(platform).toEqual({ facebook: [1, 2, 1], youtube: [1, 1, 0], news: [0, 2, 1] });
    expect(f.breakdowns.platform!.find((r) => r.key === 'news')!.label).toEqual({ vi: 'Báo, tin tức', en: 'News media' });
    const topic = Object.fromEntries(f.breakdowns.topic!.map((r) => [r.key, [r.numerator, r.denominator]]));
    expect(topic.human_rights).toEqual([1, 2]);
    expect(topic.expression).toEqual([0, 2]);
    expect(f.breakdowns.language!.map((r) => [r.key, r.denominator])).toEqual([['vi', 4]]);
    // Drill-down of one row.
    expect((await drillDown(db, 'T5b', { period: '2026', breakdown: 'platform', key: 'youtube', part: 'denominator' })).total).toBe(1);
  });

  it('a person deciding an unsure item brings it into the sample; periods are separate', async () => {
    expect((await fig('T5b', '2025')).denominator).toBe(1);
    expect((await fig('T5b', '2026-Q1')).denominator).toBe(2); // {a1,a2} and b
    await decideItemTopic(db, reviewer, ids.unsure!, { onTopic: true, topics: ['human_rights'] });
    expect(await fig('T5b')).toMatchObject({ numerator: 2, denominator: 5, pending: 2 });
    expect((await fig('T5b', '2026-Q1')).denominator).toBe(3);
  });
});

describe('T5c: detected false information handled', () => {
  it('counts groups handled by the end of the period, public-form groups included, with the time to handle', async () => {
    let f = await fig('T5c');
    expect(f).toMatchObject({ numerator: 0, denominator: 3 }); // {a1, a2}, the item a person put on topic, the form group
    await recordHandlingAction(db, analyst, ids.a2!, { action: 'platform_report', actedOn: '2026-02-10' });
    f = await fig('T5c');
    expect(f).toMatchObject({ numerator: 1, denominator: 3 });
    const handled = await drillDown(db, 'T5c', { period: '2026', part: 'numerator' });
    expect(handled.records[0]!.detail).toEqual({
      vi: expect.stringContaining('sau 7 ngày'),
      en: "Handled on 2026-02-10 (Reported through the platform's channel), after 7 days",
    });
    // Handled after the end of Q1: not handled within Q1.
    await recordHandlingAction(db, analyst, ids.form!, {
      action: 'no_action',
      actedOn: '2026-07-01',
      reason: 'Bài đã bị gỡ trước khi xử lý',
    });
    expect(await fig('T5c')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(await fig('T5c', '2026-Q2')).toMatchObject({ numerator: 0, denominator: 1 }); // the form item, handled in July
  });

  it('an undone link takes the group out of the false ones; a fact-check published after the period does not count in it', async () => {
    expect((await fig('T5c', '2025')).denominator).toBe(0); // the 2025 item's fact-check was published in January 2026
    const [l] = await rows<{ id: number }>(db, sql`select id from fc_links where item_id = ${ids.unsure}`);
    await undoLink(db, analyst, l!.id);
    expect(await fig('T5c')).toMatchObject({ numerator: 2, denominator: 2 });
  });
});
