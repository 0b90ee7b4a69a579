// Dashboard bench: the indicators dashboard (GET /api/indicators) over a national data set of the whole programme —
// 2,000 expected agencies over the 34 provinces and six programme years (2023–2028, Viet Nam time) of records of
// every module that feeds an indicator (today press, T1: spokespersons and 300,000 press items), generated with
// set-based SQL — on embedded PGlite and on PostgreSQL (a throw-away database rh_bench_<random> on 127.0.0.1:5432,
// or BENCH_PG_URL; skipped with a note when unreachable). Against the real server it measures (a) the default scope
// (the current year, national) warm, (b) the same cold, right after a write through the API, (c) a quarter with a
// province filter on the 63-unit map, warm, and (d) the Excel and Word reports for the year. Called from
// bench/run.ts; `BENCH_ONLY=dashboard npm run bench` runs this part alone.
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/server/kernel/audit.js';
import { openPg, openPglite, type Database } from '../src/server/kernel/db.js';
import { periodContaining } from '../src/server/kernel/periods.js';
import { createUser } from '../src/server/modules/directory/users.service.js';
import { addPressItems, addSpokespersons, count, dropBenchTables, n, prepareAgencies, quartersOf } from './press.js';
import { benchServer, withThrowawayPg } from './server.js';

const PORT = 3195; // other work on this machine may hold 3100–3170; the rest of the bench uses 3190
const server = benchServer(PORT);
const YEARS = [2023, 2024, 2025, 2026, 2027, 2028];
const AGENCIES = 2000;
const ITEMS_PER_YEAR = 50_000;
const WARM = 30;
const COLD = 10;
const ADMIN = { username: 'bench.admin', password: 'bench-admin-password' };

/** The press data of a national set over `years` (the programme's years, in order): `itemsPerYear(year)` items a year. */
export type PressSizes = { years: number[]; itemsPerYear: (year: number) => number };
type Generator = { module: string; run: (d: Database, sizes: PressSizes) => Promise<string> };

/** Press (T1): spokespersons for ~90% of the agencies of bench_agencies (press.ts) — most appointed before the
 *  programme, ~10% appointed at some point in 2023–2027, ~2% whose appointment ended in 2024–2026 (half of them
 *  replaced three months later) — and the items of each year, with gaps that shrink as the programme goes on (14% of
 *  (agency, quarter) pairs silent in the first year, 2% from the fifth, on top of press.ts's own gaps, late-only and
 *  draft-only pairs). Years of the same volume are generated together. Also feeds bench/national.ts. */
export async function generatePress(d: Database, sizes: PressSizes): Promise<string> {
  const spread = (salt: number, from: string, days: number) =>
    sql`(date ${sql.raw(`'${from}'`)} + ((hashint4(a::int * 5 + ${sql.raw(String(salt))}) & 1023) * ${sql.raw(String(days))} / 1024))`;
  const appointed = sql`case when a % 20 in (7, 13) then ${spread(1, '2023-02-01', 1600)} else date '2022-12-15' end`;
  const ended = spread(2, '2024-03-01', 1000);
  const hasOne = sql`(hashint4(a::int) & 1023) % 10 <> 9`;
  await addSpokespersons(d, {
    where: hasOne,
    decisionDate: sql`${appointed} - 10`,
    validFrom: appointed,
    validTo: sql`case when a % 50 = 11 then ${ended} end`,
  });
  await addSpokespersons(d, {
    where: sql`${hasOne} and a % 100 = 11`,
    decisionDate: sql`${ended} + 80`,
    validFrom: sql`${ended} + 90`,
    validTo: sql`null::date`,
    who: ' thay thế',
  });
  const byVolume = new Map<number, number[]>();
  for (const y of sizes.years) byVolume.set(sizes.itemsPerYear(y), [...(byVolume.get(sizes.itemsPerYear(y)) ?? []), y]);
  let pairs = 0,
    first = 0;
  for (const [perYear, years] of byVolume) {
    pairs += await addPressItems(d, {
      quarters: quartersOf(years),
      items: perYear * years.length,
      first,
      silent: sql`(hashint4(a::int * 13 + q.q) & 1023) % 100 < greatest(2, 14 - 3 * (q.year - ${sizes.years[0]}))`,
    });
    first += perYear * years.length;
  }
  const spokespersons = await count(d, sql`select count(*)::int as n from press_spokespersons`);
  const items = await count(d, sql`select count(*)::int as n from press_items`);
  return `press: ${n(spokespersons)} spokespersons, ${n(items)} items over ${n(pairs)} (agency, quarter) pairs`;
}

// The generators of the modules that feed an indicator, run in this order over the same agencies (the table
// bench_agencies, see press.ts) and the same programme years. A module that adds an indicator provider
// (modules/providers.ts) adds its generator here, one entry returning its summary line; the measurements below
// then cover its indicator too, since the dashboard computes every indicator that has a provider.
const generators: Generator[] = [{ module: 'press (T1)', run: generatePress }];

export type DataSet = { lines: string[]; seconds: number; organisationId: number; province63: string; province34: string };

export async function generateNational(d: Database): Promise<DataSet> {
  const t0 = performance.now();
  // ~2.5% of the provincial departments were set up with the 34-province map (from 1 July 2025).
  const agencies = await prepareAgencies(d, AGENCIES, { validFrom: sql`case when s % 40 = 17 then date '2025-07-01' end` });
  const lines = [`${n(agencies)} expected agencies`];
  for (const g of generators) lines.push(await g.run(d, { years: YEARS, itemsPerYear: () => ITEMS_PER_YEAR }));
  await dropBenchTables(d);
  await createUser(
    d.db,
    systemActor('cli', 'bench/dashboard.ts'),
    { ...ADMIN, role: 'admin', displayName: 'Quản trị viên (bench)' },
    { isDemo: true },
  );
  await d.db.execute(sql`analyze`);
  // The 63-unit filter: a former unit of the merged province (made of several former units) with the most agencies.
  const [{ province34, province63 }] = (
    (await d.db.execute(sql`select u.code as province34, min(o.code) as province63
    from admin_unit_crosswalk c join admin_units o on o.id = c.old_unit_id join admin_units u on u.id = c.new_unit_id
    where u.map_version = '34' group by u.id, u.code having count(*) > 1
    order by (select count(*) from organisations g where g.province_unit_id = u.id and g.is_state_admin_agency) desc, u.code limit 1`)) as unknown as {
      rows: { province34: string; province63: string }[];
    }
  ).rows;
  const [{ id: organisationId }] = (
    (await d.db.execute(sql`select id from organisations where code = 'BENCH-SO-0'`)) as unknown as { rows: { id: number }[] }
  ).rows;
  return { lines, seconds: (performance.now() - t0) / 1000, organisationId, province63, province34 };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)]; // nearest rank
const ms = (x: number) => `${x.toFixed(0)} ms`;
const stats = (xs: number[]) => `p50 ${ms(pct(xs, 0.5))}, p95 ${ms(pct(xs, 0.95))}`;

type Figure = {
  id: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  trend: { period: string; value: number | null }[];
};

/** Signs in as the bench admin, then measures (a)–(d) against the running server. */
async function measure(on: string, data: DataSet): Promise<void> {
  const base = server.base;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!login.ok) throw new Error(`sign-in as ${ADMIN.username} failed: HTTP ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const timed = async (url: string) => {
    const t = performance.now();
    const res = await fetch(`${base}${url}`, { headers: { cookie } });
    const body = Buffer.from(await res.arrayBuffer());
    return { ms: performance.now() - t, status: res.status, body };
  };
  const dashboard = async (url: string) => {
    const r = await timed(url);
    if (r.status !== 200) throw new Error(`GET ${url}: HTTP ${r.status} ${r.body.toString().slice(0, 300)}`);
    return { ms: r.ms, figures: (JSON.parse(r.body.toString()) as { figures: Figure[] }).figures };
  };
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: number }>;
  };
  const year = periodContaining('yearly', new Date()).id!;

  // (a) The default scope: the current year, national.
  const first = await dashboard('/api/indicators');
  const t1 = first.figures.find((f) => f.id === 'T1');
  const fmt = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);
  console.log(
    `dashboard (${year}, national) on ${on}: first request after start ${ms(first.ms)} (${first.figures.length} indicator(s) with data; T1 ${fmt(t1?.value ?? null)} = ${n(t1?.numerator ?? 0)}/${n(t1?.denominator ?? 0)}; trend ${t1?.trend.map((p) => `${p.period} ${fmt(p.value)}`).join(', ')})`,
  );
  const warm: number[] = [];
  for (let i = 0; i < WARM; i++) warm.push((await dashboard('/api/indicators')).ms);
  console.log(`dashboard (${year}, national) on ${on}: ${stats(warm)} (warm, ${WARM} requests)`);

  // (b) Cold: a press item created and published through the API before each request (two audited writes).
  const cold: number[] = [];
  const writes: number[] = [];
  for (let i = 0; i < COLD; i++) {
    const t = performance.now();
    const item = await post('/api/press/items', {
      kind: 'press_release',
      organisationId: data.organisationId,
      title: `Thông cáo báo chí số ${i} (bench)`,
      bodyHtml: '<p>Dữ liệu minh họa (bench).</p>',
      language: 'vie',
    });
    await post(`/api/press/items/${item.id}/publish`, {});
    writes.push(performance.now() - t);
    cold.push((await dashboard('/api/indicators')).ms);
  }
  console.log(
    `dashboard (${year}, national) on ${on}: ${stats(cold)} (cold: right after a write, ${COLD} rounds; the write itself — create + publish a press item — ${stats(writes)})`,
  );

  // (c) A quarter (the last complete one) with a province filter on the 63-unit map: a former unit of the province
  // with the most agencies, which counts every record of that province (attributed through the crosswalk).
  const now = periodContaining('quarterly', new Date());
  const quarter = periodContaining('quarterly', new Date(now.start.getTime() - 1)).id!;
  const scoped = `/api/indicators?period=${quarter}&map=63&province=${data.province63}`;
  const firstScoped = await dashboard(scoped);
  const scopedWarm: number[] = [];
  for (let i = 0; i < WARM; i++) scopedWarm.push((await dashboard(scoped)).ms);
  const st1 = firstScoped.figures.find((f) => f.id === 'T1');
  console.log(
    `dashboard (${quarter}, province ${data.province63} on the 63-unit map, i.e. ${data.province34} on the 34-unit map) on ${on}: ${stats(scopedWarm)} (warm, ${WARM} requests; the first ${ms(firstScoped.ms)}; T1 ${fmt(st1?.value ?? null)} = ${n(st1?.numerator ?? 0)}/${n(st1?.denominator ?? 0)})`,
  );

  // (d) The reports for the year (national), three times each: the dashboard's figures for the year are cached by now.
  for (const ext of ['xlsx', 'docx']) {
    const url = `/api/indicators/report.${ext}?period=${year}`;
    const runs: { ms: number; status: number; body: Buffer }[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await timed(url);
      runs.push(r);
      if (r.status !== 200) break;
    }
    const last = runs[runs.length - 1];
    if (last.status === 404)
      console.log(`GET /api/indicators/report.${ext} on ${on}: skipped (HTTP 404: the report route is not there yet)`);
    else if (last.status !== 200)
      console.log(`GET /api/indicators/report.${ext} on ${on}: failed (HTTP ${last.status}: ${last.body.toString().slice(0, 200)})`);
    else {
      const times = runs.map((r) => r.ms);
      console.log(
        `GET /api/indicators/report.${ext}?period=${year} (national) on ${on}: ${ms(pct(times, 0.5))} (median of 3: ${times.map(ms).join(', ')}; ${n(Math.round(last.body.length / 1024))} KiB)`,
      );
    }
  }
}

async function onPglite(root: string) {
  const dir = path.join(root, 'dashboard');
  const d = await openPglite(path.join(dir, 'db'));
  let data: DataSet;
  try {
    data = await generateNational(d);
  } finally {
    await d.close();
  }
  console.log(
    `dashboard data set on PGlite: ${data.lines.join('; ')}; ${YEARS[0]}–${YEARS[YEARS.length - 1]} (generated in ${data.seconds.toFixed(1)} s)`,
  );
  const srv = server.start(dir, { args: [] });
  try {
    console.log(`start to healthy on the dashboard database (PGlite): ${((await server.waitHealthy(srv.t0)) / 1000).toFixed(2)} s`);
    await measure('PGlite', data);
  } finally {
    await server.stop(srv.child);
  }
}

async function onPostgres(root: string) {
  await withThrowawayPg('dashboard on PostgreSQL', async (url, name) => {
    const d = openPg(url);
    let data: DataSet;
    try {
      data = await generateNational(d);
    } finally {
      await d.close();
    }
    console.log(
      `dashboard data set on PostgreSQL (database ${name}): ${data.lines.join('; ')}; ${YEARS[0]}–${YEARS[YEARS.length - 1]} (generated in ${data.seconds.toFixed(1)} s)`,
    );
    const srv = server.start(path.join(root, 'dashboard-pg'), { args: [], env: { DATABASE_URL: url } });
    try {
      console.log(`start to healthy on the dashboard database (PostgreSQL): ${((await server.waitHealthy(srv.t0)) / 1000).toFixed(2)} s`);
      await measure('PostgreSQL', data);
    } finally {
      await server.stop(srv.child);
    }
  });
}

export async function benchDashboard(root: string): Promise<void> {
  await onPglite(root);
  await onPostgres(root);
}
