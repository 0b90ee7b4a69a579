// The fact-checking demo: three feeds served by the product's own fixtures (no network), a few hundred items grouped
// and matched, fact-checks drafted and approved by two different people (one corrected, one still awaiting approval),
// suggested links left unreviewed beside confirmed ones, handling records; T5b and T5c computed from it; a second
// seeding changes nothing; removal leaves nothing behind and the directory's demo can go after it.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/test-db.js';
import { rows, type Db } from '../../kernel/db.js';
import { removeDemo, seedDemo } from '../directory/directory.demo.js';
import { getDashboard } from '../indicators/indicators.service.js';
import { removeFactcheckDemo, seedFactcheckDemo } from './factcheck.demo.js';
import { listFeeds } from './factcheck.feeds.js';

let db: Db;
const NOW = new Date('2026-11-29T05:00:00Z');
beforeAll(async () => {
  db = (await testDatabase()).db;
});
const n = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(db, q))[0]!.n);

describe('fact-checking demo data', () => {
  it('takes a few hundred items from its own fixture feeds, with fact-checks by two people and handling', async () => {
    await seedDemo(db);
    const r = await seedFactcheckDemo(db, 'http://localhost:3000', NOW);
    expect(r.items).toBeGreaterThanOrEqual(200);
    expect(r.items).toBeLessThanOrEqual(400);
    const feeds = await listFeeds(db);
    expect(feeds.map((f) => [f.lastStatus, f.fixture !== null, f.url.startsWith('http://localhost:3000/demo/feeds/')])).toEqual(
      Array(3).fill(['ok', true, true]),
    );
    // Grouped: fewer groups than items; on-topic decisions by rules and by a person; some unsure left for a person.
    expect(await n(sql`select count(distinct group_id)::int as n from fc_items`)).toBeLessThan(r.items * 0.6);
    expect(await n(sql`select count(*)::int as n from fc_items where on_topic_by = 'person'`)).toBeGreaterThan(0);
    expect(await n(sql`select count(*)::int as n from fc_items where on_topic = 'unsure'`)).toBeGreaterThan(0);
    // Every published fact-check was approved by someone other than its author; one correction; one draft waiting.
    const claims = await rows<{ status: string; drafted_by: number | null; approved_by: number | null }>(
      db,
      sql`select status, drafted_by, approved_by from fc_claims`,
    );
    const pub = claims.filter((c) => c.status === 'published' || c.status === 'corrected');
    expect(pub.length).toBeGreaterThanOrEqual(6);
    for (const c of pub) expect(c.approved_by).not.toBe(c.drafted_by);
    expect(claims.filter((c) => c.status === 'corrected')).toHaveLength(1);
    expect(claims.filter((c) => c.status === 'drafted')).toHaveLength(1);
    expect(await n(sql`select count(*)::int as n from fc_corrections`)).toBe(1);
    // Links: automatic, confirmed by a person, and suggestions still waiting.
    const links = Object.fromEntries(
      (await rows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from fc_links group by status`)).map((x) => [
        x.status,
        x.n,
      ]),
    );
    expect(links.auto).toBeGreaterThan(20);
    expect(links.confirmed).toBeGreaterThan(0);
    expect(links.suggested).toBeGreaterThan(0);
    expect(r.handled).toBeGreaterThan(5);
    const complaints = await rows<{ status: string; correction_version: number | null; reply_due: string }>(
      db,
      sql`select status, correction_version, reply_due::text from fc_complaints where is_demo order by id`,
    );
    expect(complaints.map((c) => [c.status, c.correction_version])).toEqual([
      ['answered', 2],
      ['open', null],
      ['open', null],
    ]);
    expect(complaints[2]!.reply_due < '2026-11-29').toBe(true); // past its reply day: the workspace shows it overdue
    // Nothing author-like reached the items (the fixtures carry none; the parser reads none).
    expect(await n(sql`select count(*)::int as n from fc_items where not is_demo`)).toBe(0);
  });

  it('gives real T5b and T5c figures with the unreviewed share beside T5b', async () => {
    const d = await getDashboard(db, { period: '2026' }, { only: ['T5b', 'T5c'] });
    const [t5b, t5c] = d.figures;
    expect(t5b!.denominator).toBeGreaterThan(20);
    expect(t5b!.numerator).toBeGreaterThan(0);
    expect(t5b!.pending).toBeGreaterThan(0);
    expect(t5b!.breakdowns.platform!.map((x) => x.key).sort()).toEqual(['facebook', 'news', 'web']);
    expect(t5c!.denominator).toBeGreaterThan(5);
    expect(t5c!.value).toBeGreaterThan(0.4);
    expect(t5c!.value).toBeLessThan(1);
  });

  it('a second seeding changes nothing; removal leaves nothing and the directory demo can go after it', async () => {
    expect(await seedFactcheckDemo(db, 'http://localhost:3000', NOW)).toEqual({ claims: 0, items: 0, handled: 0 });
    const removed = await removeFactcheckDemo(db);
    expect(removed.feeds).toBe(3);
    for (const t of [
      'fc_complaints',
      'fc_items',
      'fc_claims',
      'fc_links',
      'fc_feeds',
      'fc_feed_entries',
      'fc_item_actions',
      'fc_evidence',
      'fc_corrections',
      'fc_item_bands',
    ]) {
      expect(await n(sql.raw(`select count(*)::int as n from ${t}`)), t).toBe(0);
    }
    await removeDemo(db);
  });
});
