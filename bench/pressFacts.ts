// T1's indicator facts at national scale (`npx tsx bench/pressFacts.ts`): the dashboard's data set (bench/dashboard.ts:
// 2,000 agencies, 300,000 press items over 2023–2028) plus 2% of the departments deactivated mid-programme with a
// successor, on PGlite and on PostgreSQL (a throw-away database on 127.0.0.1:5432, or BENCH_PG_URL). Measures the full
// rebuild of the T1 facts, the refresh after one write (one agency), and T1's dashboard figure (with its trend and
// breakdowns) right after a write, from the facts and — the reference of the same run — from the old record-by-record
// provider (the oracle). BENCH_PF_DIR keeps (and reuses) the PGlite data dir; BENCH_PF_PG_URL measures on an existing
// PostgreSQL database instead (generating into it when empty); BENCH_PF_ONLY_PGLITE=1 skips PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/server/kernel/audit.js';
import { openPg, openPglite, rows, type Database } from '../src/server/kernel/db.js';
import { refreshAllFacts, syncFacts } from '../src/server/modules/indicators/indicators.facts.js';
import { getDashboard } from '../src/server/modules/indicators/indicators.service.js';
import { computeT1, computeT1FromRecords } from '../src/server/modules/press/press.compliance.js';
import { createPressItem, publishPressItem } from '../src/server/modules/press/press.service.js';
import { generateNational } from './dashboard.js';
import { withThrowawayPg } from './server.js';

const actor = systemActor('cli', 'bench/pressFacts.ts');
const ROUNDS = 10;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)];
const stats = (xs: number[]) => `p50 ${ms(pct(xs, 0.5))}, p95 ${ms(pct(xs, 0.95))}`;
async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

async function measure(on: string, d: Database): Promise<void> {
  const t0 = performance.now();
  const [{ had }] = await rows<{ had: number }>(d.db, sql`select count(*)::int as had from pg_tables where tablename = 'press_items'`);
  if (had && (await rows<{ n: number }>(d.db, sql`select count(*)::int as n from press_items`))[0]!.n > 100_000) {
    await d.migrate(); // a data set kept from an earlier run (BENCH_PF_DIR, BENCH_PF_PG_URL)
    console.log(`${on}: reusing the data set already there`);
  } else await generate(d);
  await measure2(on, d, t0);
}

async function generate(d: Database): Promise<void> {
  await generateNational(d);
  // Successions: 2% of the departments deactivated on a day of 2023–2027, their successor another department of the province.
  await d.db.execute(sql`update organisations o set active = false, valid_to = date '2023-01-01' + (hashint4(o.id) & 1023) * 1820 / 1024,
      successor_id = (select s.id from organisations s where s.province_unit_id = o.province_unit_id and s.id <> o.id and s.code like 'BENCH-SO-%' and s.id % 50 <> 7 order by s.id limit 1)
    where o.code like 'BENCH-SO-%' and o.id % 50 = 7`);
  await d.db.execute(sql`analyze`);
}

async function measure2(on: string, d: Database, t0: number): Promise<void> {
  const [{ items }] = await rows<{ items: number }>(d.db, sql`select count(*)::int as items from press_items`);
  console.log(
    `${on}: data set generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (${items.toLocaleString('en-US')} press items)`,
  );

  const full: number[] = [];
  for (let i = 0; i < 3; i++) full.push((await timed(() => refreshAllFacts(d.db, ['press'])))[0]);
  const [{ facts }] = await rows<{ facts: number }>(d.db, sql`select count(*)::int as facts from indicator_facts where ind = 'T1'`);
  const [quarter] = await timed(() => computeT1FromRecords(d.db, { period: '2026-Q2' }));
  const page: number[] = [];
  for (let i = 0; i < 3; i++) page.push((await timed(() => computeT1(d.db, { period: '2026-Q2' })))[0]);
  console.log(
    `${on}: full rebuild of the T1 facts (${facts.toLocaleString('en-US')} facts, 133 periods): ${full.map(ms).join(', ')}; reference: the old computeT1 of ONE quarter (2026-Q2) ${ms(quarter)}`,
  );
  console.log(
    `${on}: the compliance page's T1 for 2026-Q2 (every agency's row with its first items) from the facts: ${page.map(ms).join(', ')}; reference, from the records: ${ms(quarter)}`,
  );

  const org = (await rows<{ id: number }>(d.db, sql`select id from organisations where code = 'BENCH-SO-0'`))[0]!.id;
  const write = async (i: number) => {
    const item = await createPressItem(d.db, actor, {
      kind: 'press_release',
      organisationId: org,
      title: `Thông cáo ${i} (bench)`,
      bodyHtml: '<p>bench</p>',
    });
    await publishPressItem(d.db, actor, item.id, {});
  };
  const refresh: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await write(i);
    refresh.push((await timed(() => syncFacts(d.db)))[0]);
  }
  const scope = { period: '2026' };
  const facts1: number[] = [],
    oracle1: number[] = [];
  let same = true;
  for (let i = 0; i < ROUNDS; i++) {
    await write(100 + i);
    const [t, f] = await timed(() => getDashboard(d.db, scope, { only: ['T1'] }));
    facts1.push(t);
    if (i < 3) {
      const [to, o] = await timed(() => getDashboard(d.db, scope, { only: ['T1'], oracle: true }));
      oracle1.push(to);
      same &&=
        f.figures[0]!.numerator === o.figures[0]!.numerator &&
        f.figures[0]!.denominator === o.figures[0]!.denominator &&
        JSON.stringify(f.figures[0]!.trend) === JSON.stringify(o.figures[0]!.trend);
    }
  }
  console.log(`${on}: refresh after one write (one agency, 133 periods): ${stats(refresh)} (${ROUNDS} rounds)`);
  console.log(
    `${on}: T1 for 2026 (figure, trend 2023–2026, provinces, kinds) right after a write: facts ${stats(facts1)} (${ROUNDS} rounds); reference, the old provider: ${oracle1.map(ms).join(', ')}; same figures: ${same}`,
  );
}

async function main() {
  if (process.env.BENCH_PF_PG_URL) {
    const d = openPg(process.env.BENCH_PF_PG_URL);
    try {
      await measure('PostgreSQL', d);
    } finally {
      await d.close();
    }
    return;
  }
  const dir = process.env.BENCH_PF_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rh-press-facts-'));
  try {
    const d = await openPglite(path.join(dir, 'db'));
    try {
      await measure('PGlite', d);
    } finally {
      await d.close();
    }
  } finally {
    if (!process.env.BENCH_PF_DIR) fs.rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_PF_ONLY_PGLITE) return;
  await withThrowawayPg('PostgreSQL', async (url) => {
    const d = openPg(url);
    try {
      await measure('PostgreSQL', d);
    } finally {
      await d.close();
    }
  });
}

await main();
