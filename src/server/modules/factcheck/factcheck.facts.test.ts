// T5b and T5c from the indicator facts give exactly what the record-by-record providers give (the oracle), on
// randomised fact-checking data (items over 2023–2027 with times near Viet Nam's midnight, duplicate groups, public-form
// items, on-topic, off-topic and unsure items, claims in every state with every rating, links in every state, handling
// actions), for years, halves, quarters and months — after the full build and after each write through the services
// (new items joining a group, links made, undone and confirmed, handling recorded, a person's topic decision, a
// fact-check corrected and withdrawn, a public-form submission) and hand-written statements (re-grouping by
// de-duplication, a rating's meaning, a deleted action, a publication date), each followed by a read.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import { recordAudit, systemActor, type Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import type { IndicatorId, IndicatorScope } from '../../../shared/contracts/indicators.js';
import { HANDLING_ACTIONS, PLATFORMS } from '../../../shared/contracts/factcheck.js';
import { compareWithOracle, overlappingFacts } from '../indicators/indicators.oracle.js';
import { drillDown } from '../indicators/indicators.service.js';
import { exactKey } from './factcheck.dedupe.js';
import { addItem, confirmLink, decideItemTopic, ingestItems, linkItem, recordHandlingAction, undoLink } from './factcheck.items.js';
import { proposeCorrection, transitionClaim } from './factcheck.service.js';

let db: Db;
let analyst: Actor, reviewer: Actor;
const IDS: IndicatorId[] = ['T5b', 'T5c'];

let seed = 15_2026;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
/** A random instant from late 2022 to early 2028; one in four within half an hour of the Vietnamese midnight that starts
 *  a month (where it changes period), one in five near another Vietnamese midnight (17:00Z). */
function instant(): string {
  if (rand() < 0.25)
    return new Date(
      Date.UTC(2023 + Math.floor(rand() * 5), Math.floor(rand() * 12), 1) - 7 * 3600_000 + Math.floor(rand() * 60 - 30) * 60_000,
    ).toISOString();
  const day = new Date(Date.UTC(2022, 11, 20) + Math.floor(rand() * 1850) * 86_400_000);
  const edge = rand() < 0.2;
  const minutes = edge ? 16 * 60 + 30 + Math.floor(rand() * 60) : Math.floor(rand() * 1440);
  return new Date(day.getTime() + minutes * 60_000).toISOString();
}
/** The last day of a random month of 2023–2026 (up to November 2026: no action is recorded ahead). */
const monthEnd = () =>
  new Date(Date.UTC(2023 + Math.floor(rand() * 4), 1 + Math.floor(rand() * 12), 0))
    .toISOString()
    .slice(0, 10)
    .replace(/^2026-12-31$/, '2026-11-30');
const dayBetween = (from: string, to: string) => {
  const a = Date.parse(from),
    b = Date.parse(to);
  return new Date(a + Math.floor(rand() * ((b - a) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
};

const TOPICS = ['human_rights', 'religion', 'expression', 'minorities', 'children'];
const TEXTS = Array.from(
  { length: 140 },
  (_, i) =>
    `Nhân quyền ở Việt Nam: bài đăng thử số ${i} về ${pick(['lễ hội', 'nhà báo', 'trường học', 'tôn giáo', 'đất đai'])} ở xã ${i % 17}`,
);

async function actor(role: 'analyst' | 'reviewer'): Promise<Actor> {
  const u = await makeUser(db, role);
  return { userId: u.id, name: u.username, role, organisationId: null, via: 'api' };
}
/** A hand-written statement leaves no audit entry; the oracle's record cache is keyed by the newest one. */
const touched = () => recordAudit(db, systemActor('cli', 'test'), 'test', 'fc_item', null, null, null);

async function generate() {
  const ratings = ['false', 'partly_false', 'missing_context', 'true', 'unverifiable'];
  const states = ['new', 'researching', 'drafted', 'approved', 'published', 'published', 'corrected', 'withdrawn'];
  const claims = Array.from({ length: 45 }, (_, i) => {
    const status = pick(states);
    const rated = status !== 'new' && status !== 'researching' ? pick(ratings) : rand() < 0.5 ? pick(ratings) : null;
    const publishedAt =
      status === 'published' || status === 'corrected' || (status === 'withdrawn' && rand() < 0.5)
        ? rand() < 0.08
          ? null
          : instant()
        : null;
    return sql`(${`Nhận định thử ${i}`}, 'vi', ${status}, ${rated}, ${publishedAt}::timestamptz, ${rated ? analyst.userId : null}::int, ${rated ? 'Căn cứ thử.' : null})`;
  });
  await db.execute(
    sql`insert into fc_claims (text, language, status, rating_code, published_at, drafted_by, rationale_vi) values ${sql.join(claims, sql`, `)}`,
  );
  const items = Array.from({ length: 520 }, () => {
    const text = pick(TEXTS);
    const r = rand();
    const onTopic = r < 0.75 ? 'yes' : r < 0.88 ? 'no' : 'unsure';
    const topics = rand() < 0.2 ? [] : TOPICS.filter(() => rand() < 0.3);
    const source = rand() < 0.22 ? 'form' : pick(['staff', 'file', 'feed']);
    return sql`(${text}, ${pick(PLATFORMS)}, ${rand() < 0.8 ? instant() : null}::timestamptz, ${instant()}::timestamptz, ${source}, ${pick(['vi', 'vi', 'en'])},
      12, ${JSON.stringify(topics)}::jsonb, ${onTopic}, 'rules', ${exactKey(text)})`;
  });
  await db.execute(sql`insert into fc_items (text, platform, published_at, received_at, source, language, words, topics, on_topic, on_topic_by, exact_key)
    values ${sql.join(items, sql`, `)}`);
  // Duplicate groups as the ingest makes them: an exact duplicate joins the first item with its words.
  await db.execute(
    sql`update fc_items i set group_id = g.first from (select exact_key, min(id) as first from fc_items group by exact_key) g where g.exact_key = i.exact_key`,
  );
  const itemIds = (await rows<{ id: number }>(db, sql`select id from fc_items order by id`)).map((r) => Number(r.id));
  const claimIds = (await rows<{ id: number }>(db, sql`select id from fc_claims order by id`)).map((r) => Number(r.id));
  const seen = new Set<string>();
  const links = [];
  for (let k = 0; k < 380; k++) {
    const item = pick(itemIds),
      claim = pick(claimIds);
    if (seen.has(`${item}:${claim}`)) continue;
    seen.add(`${item}:${claim}`);
    links.push(sql`(${item}, ${claim}, ${pick(['suggested', 'auto', 'confirmed', 'confirmed', 'undone'])}, ${rand()})`);
  }
  await db.execute(sql`insert into fc_links (item_id, claim_id, status, score) values ${sql.join(links, sql`, `)}`);
  const actions = Array.from({ length: 130 }, () => {
    const action = pick(HANDLING_ACTIONS);
    return sql`(${pick(itemIds)}, ${action}, ${rand() < 0.3 ? monthEnd() : dayBetween('2022-12-25', '2026-12-01')}::date, ${action === 'no_action' ? 'Bài đã bị gỡ.' : null})`;
  });
  await db.execute(sql`insert into fc_item_actions (item_id, action, acted_on, reason) values ${sql.join(actions, sql`, `)}`);
}

let scopes: IndicatorScope[];
/** The false claims a detail names, in id order (the records list them in the order the links were read). */
const claimsSorted = (d: { vi: string; en: string } | null) =>
  d &&
  Object.fromEntries(
    Object.entries(d).map(([k, v]) => [
      k,
      v.replace(/#\d+(, #\d+)*/g, (m) =>
        m
          .split(', ')
          .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
          .join(', '),
      ),
    ]),
  );
const check = async (list: IndicatorScope[]) => expect(await compareWithOracle(db, IDS, list)).toEqual([]);
const few = (period: string): IndicatorScope[] => [
  { period } as IndicatorScope,
  { period: `${period.slice(0, 4)}-Q${1 + Math.floor(rand() * 4)}` } as IndicatorScope,
];

beforeAll(async () => {
  db = (await testDatabase()).db;
  [analyst, reviewer] = [await actor('analyst'), await actor('reviewer')];
  await generate();
  const [p63] = await rows<{ code: string }>(db, sql`select code from admin_units where map_version = '63' order by code limit 1`);
  const [p34] = await rows<{ code: string }>(db, sql`select code from admin_units where map_version = '34' order by code desc limit 1`);
  scopes = [
    { period: '2023' },
    { period: '2024' },
    { period: '2025' },
    { period: '2026' },
    { period: '2027' },
    { period: '2024-H2' },
    { period: '2025-Q3' },
    { period: '2026-Q1' },
    { period: '2026-02' },
    { period: '2023-12' },
    { period: '2027-01' },
    { period: '2026', map: '63', province: p63!.code },
    { period: '2026', map: '34', province: p34!.code },
    { period: '2026', orgKind: 'press' },
    { period: '2026', organisationId: 1 },
  ] as IndicatorScope[];
}, 120_000);

describe('T5b and T5c from the indicator facts', () => {
  it('give what the records give, on every kind of period and scope, with at most one fact per group and period', async () => {
    await check(scopes);
    for (const id of IDS)
      expect(await overlappingFacts(db, id, ['2023-06-01', '2024-01-01', '2025-12-31', '2026-06-30', '2027-03-01'])).toEqual([]);
    const [{ n }] = (await rows<{ n: number }>(db, sql`select count(*)::int as n from indicator_facts where ind = 'T5b'`)) as [
      { n: number },
    ];
    expect(n).toBeGreaterThan(100); // the data gives something to compare
  }, 300_000);

  it('describe each group as the records do: label (×n), detail and the in-period items', async () => {
    for (const [id, period, part] of [
      ['T5b', '2026', 'numerator'],
      ['T5b', '2025-Q2', 'pending'],
      ['T5b', '2024', 'gap'],
      ['T5c', '2026', 'numerator'],
      ['T5c', '2025', 'gap'],
    ] as const) {
      const q = { period, part, limit: 50 };
      const [a, o] = await Promise.all([drillDown(db, id, q), drillDown(db, id, q, { oracle: true })]);
      expect(a.total, `${id} ${period} ${part}`).toBe(o.total);
      const byId = new Map(o.records.map((r) => [r.id, r]));
      for (const r of a.records) {
        const x = byId.get(r.id)!;
        expect(r.label).toBe(x.label);
        expect(claimsSorted(r.detail)).toEqual(claimsSorted(x.detail));
        expect(r.href).toBe(x.href);
        expect(r.related).toEqual(x.related);
      }
      expect(a.records.map((r) => r.id)).toEqual(o.records.map((r) => r.id)); // the groups in order of first appearance
    }
  }, 120_000);

  it('stay exact after each write through the services and by hand', async () => {
    const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(db, q))[0]!;
    // A new item repeating a known text joins its group (2026).
    const base = await one<{ id: number; text: string }>(
      sql`select id, text from fc_items where on_topic = 'yes' order by id limit 1 offset 7`,
    );
    const added = await addItem(db, analyst, { text: base.text, platform: 'facebook', publishedAt: '2026-03-10T16:45:00Z' });
    expect(added.groupId).not.toBe(added.id);
    await check(few('2026'));
    // A link by hand to a published false fact-check, then undone; a suggestion confirmed.
    const claim = await one<{ id: number }>(sql`select c.id from fc_claims c join fc_ratings r on r.code = c.rating_code
      where c.status = 'published' and r.counts_as_false and c.published_at < '2026-01-01' order by c.id limit 1`);
    const link = await linkItem(db, analyst, added.id, { claimId: claim.id });
    await check(few('2026'));
    await undoLink(db, analyst, link.id);
    await check(few('2026'));
    const suggested = await one<{ id: number; t: string }>(sql`select l.id, to_char(coalesce(i.published_at, i.received_at), 'YYYY') as t
      from fc_links l join fc_items i on i.id = l.item_id where l.status = 'suggested' and i.on_topic = 'yes'
        and coalesce(i.published_at, i.received_at) between '2023-02-01' and '2027-11-30' order by l.id limit 1`);
    await confirmLink(db, analyst, suggested.id);
    await check(few(suggested.t));
    // Handling recorded on an item of a false group (2026), and a person's topic decision on an unsure item.
    const falseItem = await one<{
      id: number;
    }>(sql`select i.id from fc_items i join fc_links l on l.item_id = i.id and l.status in ('auto', 'confirmed')
      join fc_claims c on c.id = l.claim_id join fc_ratings r on r.code = c.rating_code
      where r.counts_as_false and c.status <> 'withdrawn' and i.on_topic = 'yes' and coalesce(i.published_at, i.received_at) between '2026-01-01' and '2026-10-31' order by i.id limit 1`);
    await recordHandlingAction(db, analyst, falseItem.id, { action: 'platform_report', actedOn: '2026-11-02' });
    await check(few('2026'));
    const unsure = await one<{
      id: number;
      t: string;
    }>(sql`select id, to_char(coalesce(published_at, received_at), 'YYYY') as t from fc_items
      where on_topic = 'unsure' and coalesce(published_at, received_at) between '2023-02-01' and '2027-11-30' order by id limit 1`);
    await decideItemTopic(db, reviewer, unsure.id, { onTopic: true, topics: ['detention'] });
    await check(few(unsure.t));
    // A fact-check corrected to "true", then withdrawn.
    const linked = await one<{
      id: number;
      t: string;
    }>(sql`select c.id, to_char(c.published_at, 'YYYY') as t from fc_claims c join fc_ratings r on r.code = c.rating_code
      where c.status = 'published' and r.counts_as_false and c.published_at between '2023-02-01' and '2027-11-30'
        and exists (select 1 from fc_links l where l.claim_id = c.id and l.status in ('auto', 'confirmed')) order by c.id limit 1`);
    await proposeCorrection(db, analyst, linked.id, { ratingCode: 'true', note: 'Đã có thêm nguồn chính thức.' });
    await transitionClaim(db, reviewer, linked.id, { to: 'corrected' });
    await check(few(linked.t));
    await transitionClaim(db, reviewer, linked.id, { to: 'withdrawn', reason: 'Nhận định trùng với một nhận định khác.' });
    await check(few(linked.t));
    // A public-form submission repeating a text (its group stays in T5b through the other items) and a new one alone.
    await db.transaction(async (tx) => {
      await ingestItems(
        tx,
        analyst,
        [
          { text: TEXTS[3]!, platform: 'other', publishedAt: '2026-05-01T10:00:00Z' },
          { text: 'Nhân quyền Việt Nam: một bài gửi qua biểu mẫu, chỉ có ở đây', platform: 'other', publishedAt: '2026-05-02T10:00:00Z' },
        ],
        'form',
      );
      await recordAudit(tx, analyst, 'create', 'fc_item', null, null, null);
    });
    await check(few('2026'));
    // De-duplication moves items: two groups merged, one item split off into its own group.
    const [g1, g2] = await rows<{ g: number }>(
      db,
      sql`select group_id as g from fc_items where on_topic = 'yes'
      and coalesce(published_at, received_at) between '2025-01-01' and '2025-12-31' group by group_id order by count(*) desc, group_id limit 2`,
    );
    await db.execute(sql`update fc_items set group_id = ${g1!.g} where group_id = ${g2!.g}`);
    const split = await one<{ id: number }>(
      sql`select id from fc_items where group_id = ${g1!.g} and id <> ${g1!.g} order by id desc limit 1`,
    );
    await db.execute(sql`update fc_items set group_id = id where id = ${split.id}`);
    await touched();
    await check([{ period: '2025' } as IndicatorScope, { period: '2025-H1' } as IndicatorScope, { period: '2025-H2' } as IndicatorScope]);
    // What a rating means for T5b changes every group; then back.
    await db.execute(sql`update fc_ratings set counts_as_false = not counts_as_false where code = 'missing_context'`);
    await touched();
    await check(few('2024'));
    await db.execute(sql`update fc_ratings set counts_as_false = not counts_as_false where code = 'missing_context'`);
    await touched();
    // A handling action deleted, a publication date moved into the next year.
    await db.execute(sql`delete from fc_item_actions where id = (select min(id) from fc_item_actions where acted_on >= '2025-01-01')`);
    await db.execute(sql`update fc_claims set published_at = published_at + interval '200 days' where id = (
      select min(c.id) from fc_claims c join fc_links l on l.claim_id = c.id where c.status = 'published' and c.published_at between '2024-03-01' and '2024-12-31')`);
    await touched();
    await check([{ period: '2024' }, { period: '2025' }, { period: '2024-Q4' }, { period: '2025-07' }] as IndicatorScope[]);
    for (const id of IDS) expect(await overlappingFacts(db, id, ['2024-01-01', '2025-06-30', '2026-06-30'])).toEqual([]);
  }, 600_000);
});
