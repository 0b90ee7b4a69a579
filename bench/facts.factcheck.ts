// Bench of the indicator facts of fact-checking (T5b, T5c) and recommendations (T6):
//   npx tsx bench/facts.factcheck.ts            (PGlite in memory; BENCH_DATABASE_URL=postgres://… adds PostgreSQL)
// Generates national-scale data with set-based SQL (BENCH_FC_ITEMS items, default 20,000, in duplicate groups of one to
// three over 2023–2026, 90 % on topic, a tenth from the public form; 50,000 published claims, half rated false; the first
// item of about half the groups linked; handling actions for most false groups; BENCH_REC_RECOMMENDATIONS
// recommendations, default 2,000, with one to four status changes each), then prints, in the same run:
//   the full rebuild of each source's facts (refreshAllFacts), beside a count(*) over the source's main table;
//   the dashboard of the source's targets (2026, with trend) right after one write through the services — from the
//   facts, and from the old providers (the oracle) after the same kind of write.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { recordAudit, systemActor } from '../src/server/kernel/audit.js';
import { openPg, openPglite, rows, type Database, type Db } from '../src/server/kernel/db.js';
import { loadAllReference } from '../src/server/modules/index.js';
import { refreshAllFacts, syncFacts } from '../src/server/modules/indicators/indicators.facts.js';
import { getDashboard } from '../src/server/modules/indicators/indicators.service.js';
import type { IndicatorId } from '../src/shared/contracts/indicators.js';
import { confirmLink, undoLink } from '../src/server/modules/factcheck/factcheck.items.js';
import { seedDemo } from '../src/server/modules/directory/directory.demo.js';

const ITEMS = Number(process.env.BENCH_FC_ITEMS ?? 20_000);
const CLAIMS = Number(process.env.BENCH_FC_CLAIMS ?? 50_000);
const RECS = Number(process.env.BENCH_REC_RECOMMENDATIONS ?? 2000);
const n = (x: number) => x.toLocaleString('en-US');
const ms = (t0: number) => performance.now() - t0;
const one = async <T>(db: Db, q: ReturnType<typeof sql>) => (await rows<T>(db, q))[0]!;

async function generate(db: Db): Promise<string> {
  const t0 = performance.now();
  await db.execute(sql`insert into fc_claims (text, language, status, rating_code, published_at, is_demo)
    select 'Nhận định thử ' || g, 'vi', 'published', case when g % 2 = 0 then 'false' else 'true' end,
      timestamptz '2023-01-01 00:00+07' + (hashint4(g) & 1048575)::float8 / 1048576 * interval '1400 days', true
    from generate_series(1, ${CLAIMS}) g`);
  await db.execute(sql`
    insert into fc_items (id, text, platform, published_at, received_at, source, language, words, topics, on_topic, on_topic_by, exact_key, group_id, is_demo)
    select g + 1, 'Nhân quyền Việt Nam: bài thử ' || (g - g % (1 + (hashint4(g / 3) & 1) * 2)), (array['facebook', 'youtube', 'tiktok', 'x', 'web', 'news', 'other'])[1 + g % 7],
      t.at, t.at + interval '2 hours', case when g % 10 = 0 then 'form' else 'file' end, case when g % 5 = 0 then 'en' else 'vi' end, 12,
      (array['[]', '["human_rights"]', '["expression", "religion"]', '["children"]'])[1 + g % 4]::jsonb,
      case when (hashint4(g * 5 + 1) & 1023) < 922 then 'yes' else 'no' end, 'rules', md5('bench-' || g), (g - g % (1 + (hashint4(g / 3) & 1) * 2)) + 1, true
    from generate_series(0, ${ITEMS - 1}::int) g
    cross join lateral (select timestamptz '2023-01-01 00:00+07' + sqrt((hashint4(g / 3 * 11 + 2) & 1048575)::float8 / 1048576) * interval '1429 days' as at) t`);
  await db.execute(sql`select setval(pg_get_serial_sequence('fc_items', 'id'), (select max(id) from fc_items))`);
  await db.execute(sql`insert into fc_links (item_id, claim_id, status, score)
    select i.id, (select min(id) from fc_claims) + (hashint4(i.id * 7 + 3) & 1048575) % ${CLAIMS}, (array['auto', 'confirmed', 'suggested', 'auto'])[1 + i.id % 4], 0.8
    from fc_items i where i.id = i.group_id and (hashint4(i.id * 3) & 1023) < 512`);
  await db.execute(sql`insert into fc_item_actions (item_id, action, acted_on)
    select i.id, (array['fact_check_published', 'agency_clarification', 'correction_requested', 'platform_report'])[1 + i.id % 4],
      ((i.received_at + make_interval(days => 1 + i.id % 9)) at time zone 'UTC')::date
    from fc_items i join fc_links l on l.item_id = i.id and l.status in ('auto', 'confirmed') join fc_claims c on c.id = l.claim_id and c.rating_code = 'false'
    where (hashint4(i.id * 7) & 1023) < 717`);
  await db.execute(sql`insert into recommendations (mechanism, cycle, source_document, paragraph, position, communication, lead_organisation_id, created_at, is_demo)
    select 'upr', case when g % 2 = 0 then 'UPR-IV' else 'UPR-III' end, 'A/HRC/BENCH/1', (900 + g / 1000)::text || '.' || (g % 1000)::text,
      (array['supported', 'supported_in_part', 'noted'])[1 + g % 3], g % 4 <> 0, (select id from organisations order by id offset (g % 50) limit 1),
      timestamptz '2023-01-01 00:00+07' + (hashint4(g) & 1048575)::float8 / 1048576 * interval '1000 days', true
    from generate_series(1, ${RECS}) g`);
  await db.execute(sql`insert into rec_status_history (recommendation_id, to_status, actor_name, at)
    select r.id, (array['not_started', 'in_progress', 'partly_implemented', 'implemented'])[k], 'bench', r.created_at + (k - 1) * interval '97 days'
    from recommendations r cross join generate_series(1, 4) k where r.is_demo and k <= 1 + r.id % 4`);
  const c = await one<{ items: number; groups: number; links: number; actions: number; recs: number; hist: number }>(
    db,
    sql`select
    (select count(*) from fc_items)::int as items, (select count(distinct group_id) from fc_items)::int as groups, (select count(*) from fc_links)::int as links,
    (select count(*) from fc_item_actions)::int as actions, (select count(*) from recommendations)::int as recs, (select count(*) from rec_status_history)::int as hist`,
  );
  return (
    `${n(CLAIMS)} published claims, ${n(c.items)} items in ${n(c.groups)} groups, ${n(c.links)} links, ${n(c.actions)} handling actions; ` +
    `${n(c.recs)} recommendations with ${n(c.hist)} status changes (generated in ${(ms(t0) / 1000).toFixed(1)} s)`
  );
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

async function afterWrites(db: Db, ids: IndicatorId[], write: (i: number) => Promise<void>, oracle: boolean, times: number) {
  const out: number[] = [],
    sync: number[] = [];
  for (let i = 0; i < times; i++) {
    await write(i);
    const t0 = performance.now();
    if (!oracle) {
      await syncFacts(db);
      sync.push(ms(t0));
    } // the dirty key's facts rewritten (then part of the dashboard's time)
    await getDashboard(db, { period: '2026' }, { only: ids, oracle });
    out.push(ms(t0));
  }
  return `p50 ${pct(out, 0.5).toFixed(0)} ms, p95 ${pct(out, 0.95).toFixed(0)} ms${oracle ? '' : ` (of which the write's facts rewritten: p50 ${pct(sync, 0.5).toFixed(0)} ms)`}`;
}

async function run(label: string, d: Database) {
  const db = d.db;
  await d.migrate();
  await loadAllReference(db);
  await seedDemo(db);
  console.log(`\n${label}: ${await generate(db)}`);
  const actor = systemActor('api', 'bench');
  for (const [source, table] of [
    ['factcheck', 'fc_items'],
    ['recommendations', 'recommendations'],
  ] as const) {
    let t0 = performance.now();
    await refreshAllFacts(db, [source]);
    const rebuild = ms(t0);
    t0 = performance.now();
    await db.execute(sql`select count(*) from ${sql.raw(table)}`);
    const ref = ms(t0);
    const f = await one<{ n: number }>(
      db,
      sql`select count(*)::int as n from indicator_facts where ind in ('T5b', 'T5c', 'T6') and src is not null and
      ${source === 'factcheck' ? sql`ind in ('T5b', 'T5c')` : sql`ind = 'T6'`}`,
    );
    console.log(
      `${label}: full rebuild of the '${source}' facts (${n(f.n)} facts): ${(rebuild / 1000).toFixed(2)} s (reference: count(*) over ${table} ${ref.toFixed(0)} ms)`,
    );
  }
  // One write through the services (a link undone, then confirmed again), then the dashboard of T5b and T5c.
  const links = (
    await rows<{ id: number }>(
      db,
      sql`select l.id from fc_links l join fc_items i on i.id = l.item_id
    where l.status = 'auto' and i.published_at >= '2026-01-01' order by l.id limit 40`,
    )
  ).map((r) => Number(r.id));
  const toggle = async (i: number) => {
    const id = links[Math.floor(i / 2)]!;
    if (i % 2) await confirmLink(db, actor, id);
    else await undoLink(db, actor, id);
  };
  await getDashboard(db, { period: '2026' }, { only: ['T5b', 'T5c'] }); // warm
  console.log(
    `${label}: T5b + T5c dashboard (2026, trend) after one write — facts: ${await afterWrites(db, ['T5b', 'T5c'], toggle, false, 20)}; ` +
      `old providers: ${await afterWrites(db, ['T5b', 'T5c'], (i) => toggle(20 + i), true, 6)}`,
  );
  // One write to a recommendation's status history, then T6.
  const recs = (
    await rows<{ id: number }>(db, sql`select id from recommendations where communication and position <> 'noted' order by id limit 40`)
  ).map((r) => Number(r.id));
  const status = async (i: number) => {
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into rec_status_history (recommendation_id, to_status, actor_name, at) values (${recs[i]!}, 'implemented', 'bench', now())`,
      );
      await recordAudit(tx, actor, 'status', 'recommendation', recs[i]!, null, null);
    });
  };
  await getDashboard(db, { period: '2026' }, { only: ['T6'] });
  console.log(
    `${label}: T6 dashboard (2026, trend) after one write — facts: ${await afterWrites(db, ['T6'], status, false, 20)}; ` +
      `old provider: ${await afterWrites(db, ['T6'], (i) => status(20 + i), true, 6)}`,
  );
}

async function main() {
  const lite = await openPglite();
  try {
    await run('PGlite', lite);
  } finally {
    await lite.close();
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return;
  const name = `rh_bench_facts_fc_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const d = openPg(u.toString(), 4);
  try {
    await run('PostgreSQL', d);
  } finally {
    await d.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
