// National bench (`npm run bench -- --national [--scale 0.02] [--regenerate] [--generate-only] [--only pglite|postgres]
// [--measures close_national_year_s,consolidated_report_s]`, issue 15; --measures runs only the measures named, with the
// server's peak memory, and keeps the previous run's other rows in bench/results/national.json):
// ONE national data set — about 2,000 reporting agencies; press items over the programme years (200,000 in the current
// year, 50,000 in each earlier one); 300,000 rostered people with ~450,000 attendances; 200,000 library products;
// 20,000 exhibitions; fact-check claims, items, groups, links and handling actions; recommendations with evidence — built
// by the modules' own generators (bench/press.ts, dashboard.ts, training.ts, library.ts, exhibitions.ts, factcheck.ts,
// recommendations.ts), every size times --scale. It is generated once and reused: embedded PGlite under
// bench/.national/scale-<s>/pglite (marker.json beside it says which generator version made it), and the PostgreSQL
// database rh_national (rh_national_s<s> for another scale; BENCH_DATABASE_URL or DATABASE_URL name another database;
// the table bench_national_marker inside says which version made it; skipped with a note when no server answers).
// --regenerate builds them again. Each run works on a copy (a copied data dir; CREATE DATABASE … TEMPLATE) so the
// writes of a run never reach the kept data set.
//
// Then, against the real server on that data (bench/server.ts), each measure beside a reference of the same run:
//   dashboard_after_write_p95_ms  GET /api/indicators for the current year right after a press item is created and
//                                 published through the API, 20 rounds (reference: /healthz in the same rounds)
//   progress_page_rps_ratio,      requests/s of /tien-do and /tin-tuc over those of the bare route /healthz
//   newsroom_rps_ratio            (benchPortal(base, ctx) of bench/portal.ts when it exists)
//   search_p95_ms                 20 varied public library searches (reference: the index query alone in SQL)
//                                 (benchSearch(base, ctx) of bench/library.ts when exported)
//   signin_import_50k_s           a 50,000-row sign-in sheet read, matched and written (reference: exceljs reading the
//                                 file alone) (benchSigninImport(base, ctx) of bench/training.ts when exported, else the
//                                 training bench's import through the services, in this process before the server starts)
//   oai_records_per_s             a full OAI-PMH ListRecords harvest (reference: SELECT of the same rows, keyset pages)
//                                 (benchOai(base, ctx) of bench/library.ts when exported)
//   close_national_year_s         POST /api/cycle/periods/:id/close of last year's period (every module's facts of the year
//                                 frozen; the programme cycle's plans and reports added to the run's copy by bench/cycle.ts)
//                                 (reference: a plain SELECT count(*) over the frozen rows the close wrote; on PGlite,
//                                 whose one connection the server holds, GET the live dashboard of that year just before)
//   consolidated_report_s         GET the consolidated programme report of that closed year, Word then Excel
//                                 (reference: GET /api/cycle/periods/:id/official, the official dashboard, just before)
//   start_to_healthy_s            a fresh empty data dir (PostgreSQL: a fresh empty database) to /healthz, npm start's way
//                                 (reference: PGlite initdb alone; on PostgreSQL, CREATE DATABASE)
//   peak_rss_mib                  the server process's peak RSS (VmHWM) over all of the above (reference: its RSS once healthy)
// A hook returns a number (the measured value) or { measured, reference?, unit?, detail? }, or for benchPortal an object
// (or array of rows) keyed by the two measure names. A measure that fails prints its error; the run goes on.
// Prints the table and writes bench/results/national.json.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { systemActor } from '../src/server/kernel/audit.js';
import { openPg, openPglite, PGLITE_EXTENSIONS, rows, type Database } from '../src/server/kernel/db.js';
import { periodContaining } from '../src/server/kernel/periods.js';
import { fold } from '../src/server/kernel/text.js';
import { createUser } from '../src/server/modules/directory/users.service.js';
import { generatePress } from './dashboard.js';
import { addExhibitions } from './exhibitions.js';
import { addClaims, addFactcheckItems } from './factcheck.js';
import * as library from './library.js';
import { SUBJECTS } from './library.vocab.js';
import { dropBenchTables, n, prepareAgencies } from './press.js';
import { addCycleData } from './cycle.js';
import { addRecommendations } from './recommendations.js';
import { benchServer, serverPid } from './server.js';
import * as training from './training.js';

/** Bump when the generated data changes: a kept data set of another version is generated again. */
const GENERATOR_VERSION = 1;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_NATIONAL_PORT ?? 3197);
const server = benchServer(PORT);
const ADMIN = { username: 'bench.national', password: 'bench-national-password' };
const ROUNDS = 20;
/** The dashboard's rounds stop after this many seconds (at least 3 rounds): a recompute after each write can take minutes. */
const ROUND_BUDGET_S = Number(process.env.BENCH_NATIONAL_BUDGET ?? 600);
const FACTS_MODULE = '../src/server/modules/indicators/indicators.facts.js';

type Sizes = {
  agencies: number;
  pressCurrentYear: number;
  pressEarlierYear: number;
  people: number;
  products: number;
  exhibitions: number;
  claims: number;
  fcItems: number;
  recommendations: number;
  evidence: number;
  signinRows: number;
};
const sizesOf = (s: number): Sizes => {
  const r = (x: number, min = 1) => Math.max(min, Math.round(x * s));
  return {
    agencies: r(2000, 150),
    pressCurrentYear: r(200_000, 500),
    pressEarlierYear: r(50_000, 200),
    people: r(300_000, 1000),
    products: r(200_000, 500),
    exhibitions: r(20_000, 200),
    claims: r(50_000, 200),
    fcItems: r(20_000, 200),
    recommendations: r(2000, 20),
    evidence: r(50_000, 100),
    signinRows: Math.min(r(50_000, 200), r(300_000, 1000)),
  };
};

type Db = 'PGlite' | 'PostgreSQL';
type Row = {
  measure: string;
  db: Db;
  goal: number;
  goal_op: '<=' | '>=';
  measured: number | null;
  reference: number | null;
  reference_unit: string;
  ratio: number | null;
  unit: string;
  met: boolean;
  detail?: string;
  error?: string;
  scale: number;
};
/** ratio: measured / reference unless given (a measure that is itself a ratio of the reference gives itself). */
type Result = { measured: number; reference?: number | null; referenceUnit?: string; ratio?: number; unit?: string; detail?: string };
/** The measures this run makes (--measures), null: all. */
let WANTED: Set<string> | null = null;
const wanted = (measure: string) => !WANTED || WANTED.has(measure);

const MEASURES: Record<string, { goal: (db: Db) => number; op: '<=' | '>='; unit: string }> = {
  dashboard_after_write_p95_ms: { goal: (db) => (db === 'PostgreSQL' ? 150 : 500), op: '<=', unit: 'ms' },
  progress_page_rps_ratio: { goal: () => 0.5, op: '>=', unit: 'ratio' },
  newsroom_rps_ratio: { goal: () => 0.5, op: '>=', unit: 'ratio' },
  search_p95_ms: { goal: () => 50, op: '<=', unit: 'ms' },
  signin_import_50k_s: { goal: () => 15, op: '<=', unit: 's' },
  oai_records_per_s: { goal: () => 5000, op: '>=', unit: 'records/s' },
  close_national_year_s: { goal: () => 60, op: '<=', unit: 's' },
  consolidated_report_s: { goal: () => 30, op: '<=', unit: 's' },
  start_to_healthy_s: { goal: () => 10, op: '<=', unit: 's' },
  peak_rss_mib: { goal: () => 1024, op: '<=', unit: 'MiB' },
};

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * xs.length) - 1)]!; // nearest rank
const secs = (t0: number) => (performance.now() - t0) / 1000;
const log = (s: string) => console.log(`[national] ${s}`);

// ---------------------------------------------------------------- the data set

type Marker = { version: number; scale: number; sizes: Sizes; generatedAt: string; seconds: number; schema: string; facts: boolean };

/** The newest migration's tag: a kept data set is migrated (and its facts refreshed) when it changes. */
const schemaTag = () => {
  const journal = JSON.parse(fs.readFileSync(path.join(ROOT, 'migrations/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.at(-1)!.tag;
};

/** refreshAllFacts(db) of the indicator facts module, when it exists (it is being written in parallel). */
async function factsRefresher(): Promise<((db: Database['db']) => Promise<unknown>) | null> {
  try {
    const m = (await import(FACTS_MODULE)) as { refreshAllFacts?: (db: Database['db']) => Promise<unknown> };
    return typeof m.refreshAllFacts === 'function' ? m.refreshAllFacts : null;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes('indicators.facts')) return null;
    throw e;
  }
}

async function refreshFacts(d: Database): Promise<boolean> {
  const refresh = await factsRefresher();
  if (!refresh) {
    log('indicator facts: src/server/modules/indicators/indicators.facts.ts has no refreshAllFacts yet — nothing to refresh');
    return false;
  }
  const t0 = performance.now();
  await refresh(d.db);
  log(`indicator facts: refreshAllFacts in ${secs(t0).toFixed(1)} s`);
  return true;
}

async function generate(d: Database, sizes: Sizes, on: Db): Promise<number> {
  const t0 = performance.now();
  const year = Number(periodContaining('yearly', new Date()).id);
  const years = Array.from({ length: year - 2023 + 1 }, (_, i) => 2023 + i);
  const part = async (what: string, fn: () => Promise<string>) => {
    const t = performance.now();
    log(`${on}: generating ${what} …`);
    const line = await fn();
    log(`${on}: ${line} (${secs(t).toFixed(1)} s; ${secs(t0).toFixed(0)} s so far)`);
  };
  await part('migrations, reference data, demo directory and agencies', async () => {
    // ~2.5% of the provincial departments set up with the 34-province map (from 1 July 2025), as bench/dashboard.ts.
    const agencies = await prepareAgencies(d, sizes.agencies, { validFrom: sql`case when s % 40 = 17 then date '2025-07-01' end` });
    return `${n(agencies)} expected agencies`;
  });
  await part(`press (${years.join(', ')})`, () =>
    generatePress(d, { years, itemsPerYear: (y) => (y === year ? sizes.pressCurrentYear : sizes.pressEarlierYear) }),
  );
  await part('training', async () => (await training.generateTraining(d, sizes.people)).line);
  await part('library', async () => {
    const r = await library.addLibraryProducts(d, sizes.products);
    const [c] = await rows<{ p: number; t: number }>(
      d.db,
      sql`select (select count(*) from library_products)::int as p, (select count(*) from library_product_texts)::int as t`,
    );
    return `library: ${n(c!.p)} products, ${n(c!.t)} titles (${r.indexes} indexes re-created in ${r.indexing.toFixed(1)} s)`;
  });
  await part('exhibitions', () => addExhibitions(d, sizes.exhibitions));
  await part('fact-checking', async () => {
    await addClaims(d, sizes.claims);
    return addFactcheckItems(d, sizes.fcItems);
  });
  await part('recommendations', () => addRecommendations(d, sizes.recommendations, sizes.evidence));
  await dropBenchTables(d);
  await createUser(
    d.db,
    systemActor('cli', 'bench/national.ts'),
    { ...ADMIN, role: 'admin', displayName: 'Quản trị viên (bench quốc gia)' },
    { isDemo: true },
  );
  await d.db.execute(sql`analyze`);
  return secs(t0);
}

/** Opens the kept data set on PGlite, generating it first when missing, of another version or when asked to. */
async function pgliteDataSet(scale: number, sizes: Sizes, regenerate: boolean): Promise<{ dir: string; marker: Marker }> {
  const home = path.join(ROOT, 'bench', '.national', `scale-${scale}`);
  const dir = path.join(home, 'pglite');
  const markerFile = path.join(home, 'marker.json');
  let marker = fs.existsSync(markerFile) ? (JSON.parse(fs.readFileSync(markerFile, 'utf8')) as Marker) : null;
  if (regenerate || !marker || marker.version !== GENERATOR_VERSION || marker.scale !== scale) {
    fs.rmSync(home, { recursive: true, force: true });
    fs.mkdirSync(home, { recursive: true });
    log(`PGlite: generating the national data set (scale ${scale}) into ${path.relative(ROOT, dir)}`);
    const d = await openPglite(path.join(dir, 'db'));
    try {
      const seconds = await generate(d, sizes, 'PGlite');
      const facts = await refreshFacts(d);
      marker = { version: GENERATOR_VERSION, scale, sizes, generatedAt: new Date().toISOString(), seconds, schema: schemaTag(), facts };
    } finally {
      await d.close();
    }
    fs.writeFileSync(markerFile, JSON.stringify(marker, null, 2));
    log(`PGlite: national data set generated in ${marker.seconds.toFixed(0)} s`);
  } else {
    log(
      `PGlite: reusing the national data set generated ${marker.generatedAt} in ${marker.seconds.toFixed(0)} s (${path.relative(ROOT, dir)}; --regenerate builds it again)`,
    );
    if (marker.schema !== schemaTag() || (!marker.facts && (await factsRefresher()))) {
      const d = await openPglite(path.join(dir, 'db'));
      try {
        await d.migrate();
        marker.facts = await refreshFacts(d);
        marker.schema = schemaTag();
        await d.db.execute(sql`analyze`);
      } finally {
        await d.close();
      }
      fs.writeFileSync(markerFile, JSON.stringify(marker, null, 2));
    }
  }
  return { dir, marker };
}

const pgTarget = (scale: number) => {
  const given = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  const url = new URL(given || 'postgres://postgres@127.0.0.1:5432/rh_national');
  if (!given && scale !== 1) url.pathname = `/rh_national_s${String(scale).replace(/\W/g, '_')}`;
  const name = url.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const other = (suffix: string) => {
    const u = new URL(url);
    u.pathname = `/${name}${suffix}`;
    return u.toString();
  };
  return { url: url.toString(), name, admin: admin.toString(), other };
};

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The kept data set on PostgreSQL, generated when missing, of another version or when asked to; null: no server. */
async function pgDataSet(
  scale: number,
  sizes: Sizes,
  regenerate: boolean,
): Promise<{ target: ReturnType<typeof pgTarget>; marker: Marker } | null> {
  const target = pgTarget(scale);
  let exists: boolean;
  try {
    exists = await withAdmin(
      target.admin,
      async (c) => (await c.query('select 1 from pg_database where datname = $1', [target.name])).rowCount === 1,
    );
  } catch (e) {
    log(`PostgreSQL: skipped (${new URL(target.admin).host} does not answer: ${(e as Error).message})`);
    return null;
  }
  let marker: Marker | null = null;
  if (exists && !regenerate) {
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    try {
      const r = await c.query(`select to_regclass('bench_national_marker') is not null as has`);
      if (r.rows[0].has) marker = ((await c.query('select marker from bench_national_marker')).rows[0]?.marker as Marker) ?? null;
    } finally {
      await c.end();
    }
  }
  const save = async (d: Database, m: Marker) => {
    await d.db.execute(sql`create table if not exists bench_national_marker (marker jsonb not null)`);
    await d.db.execute(sql`delete from bench_national_marker`);
    await d.db.execute(sql`insert into bench_national_marker values (${JSON.stringify(m)}::jsonb)`);
  };
  if (!marker || marker.version !== GENERATOR_VERSION || marker.scale !== scale) {
    await withAdmin(target.admin, async (c) => {
      await c.query(`drop database if exists "${target.name}" with (force)`);
      await c.query(`create database "${target.name}"`);
    });
    log(`PostgreSQL: generating the national data set (scale ${scale}) into the database ${target.name}`);
    const d = openPg(target.url);
    try {
      const seconds = await generate(d, sizes, 'PostgreSQL');
      const facts = await refreshFacts(d);
      marker = { version: GENERATOR_VERSION, scale, sizes, generatedAt: new Date().toISOString(), seconds, schema: schemaTag(), facts };
      await save(d, marker);
    } finally {
      await d.close();
    }
    log(`PostgreSQL: national data set generated in ${marker.seconds.toFixed(0)} s`);
  } else {
    log(
      `PostgreSQL: reusing the national data set in ${target.name}, generated ${marker.generatedAt} in ${marker.seconds.toFixed(0)} s (--regenerate builds it again)`,
    );
    if (marker.schema !== schemaTag() || (!marker.facts && (await factsRefresher()))) {
      const d = openPg(target.url);
      try {
        await d.migrate();
        marker.facts = await refreshFacts(d);
        marker.schema = schemaTag();
        await d.db.execute(sql`analyze`);
        await save(d, marker);
      } finally {
        await d.close();
      }
    }
  }
  return { target, marker };
}

// ---------------------------------------------------------------- references measured in process, before the server

/** The 20 searches: subjects of the library's vocabulary typed with diacritics, without them, as a quoted phrase, in
 *  English, and with kind + language filters. */
function searches(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (let i = 0; out.length < ROUNDS; i++) {
    const [vi, en] = SUBJECTS[(i * 5) % SUBJECTS.length]!;
    const words = vi.replace(/[,.()]/g, '').split(/\s+/);
    const two = words.slice(0, Math.min(3, words.length)).join(' ');
    const v = i % 5;
    if (v === 0) out.push({ q: two });
    else if (v === 1) out.push({ q: fold(two) });
    else if (v === 2) out.push({ q: `"${words.slice(-2).join(' ')}"` });
    else if (v === 3) out.push({ q: en.split(/\s+/).slice(0, 2).join(' ') });
    else out.push({ q: words.slice(0, 2).join(' '), kind: i % 2 ? 'video' : 'book', language: 'vie' });
  }
  return out;
}

/** The index query of a search alone: published products whose folded-text vector matches, newest first, a page of 20. */
async function rawSearchMs(d: Database): Promise<number[]> {
  const times: number[] = [];
  for (const s of searches()) {
    const q = fold(s.q!.replace(/"/g, ''));
    const t = performance.now();
    await rows(
      d.db,
      sql`select p.id from library_products p where p.status = 'published' and p.search_tsv @@ plainto_tsquery('simple', ${q})
      ${s.kind ? sql`and p.kind = ${s.kind} and exists (select 1 from library_product_languages l where l.product_id = p.id and l.language = ${s.language})` : sql``}
      order by p.date desc, p.id desc limit 20`,
    );
    times.push(performance.now() - t);
  }
  return times;
}

/** The rows a full harvest sends — every product not a draft, with its titles — read with keyset pages of 1,000. */
async function selectHarvestRows(d: Database): Promise<{ rows: number; seconds: number }> {
  const t0 = performance.now();
  let last = 0,
    total = 0;
  for (;;) {
    const page = await rows<{ id: number }>(
      d.db,
      sql`
      select p.id, p.kind, p.status, p.date, p.updated_at, p.url, p.isbn, p.licence, p.rights,
        (select json_agg(json_build_object('language', t.language, 'title', t.title, 'description', t.description) order by t.position) from library_product_texts t where t.product_id = p.id) as texts,
        (select array_agg(l.language) from library_product_languages l where l.product_id = p.id) as languages
      from library_products p where p.status <> 'draft' and p.id > ${last} order by p.id limit 1000`,
    );
    if (!page.length) break;
    total += page.length;
    last = Number(page.at(-1)!.id);
  }
  return { rows: total, seconds: secs(t0) };
}

// ---------------------------------------------------------------- measures against the server

type Ctx = { base: string; cookie: string; csrfToken: string; db: Db; scale: number; sizes: Sizes; rounds: number; pid: number };

/** Waits until the server process is nearly idle (under 15% of a core over 2 s, at most 10 minutes): requests a load
 *  left behind (autocannon gives up on a request after its timeout; the server does not) must not weigh on the next measure. */
async function settle(pid: number): Promise<void> {
  const cpu = () => {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  const t0 = performance.now();
  for (let before = cpu(); secs(t0) < 600;) {
    await new Promise((r) => setTimeout(r, 2000));
    const now = cpu();
    if (now - before < 0.3) return;
    before = now;
  }
}

/** GET without a time limit (fetch gives up after 300 s; a dashboard recomputed under load can take longer). */
function httpGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function signIn(): Promise<{ cookie: string; csrfToken: string }> {
  const login = await fetch(`${server.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!login.ok) throw new Error(`sign-in as ${ADMIN.username} failed: HTTP ${login.status}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!, csrfToken };
}

async function dashboardAfterWrite(ctx: Ctx, organisationId: number): Promise<Result> {
  const year = periodContaining('yearly', new Date()).id!;
  const headers = { cookie: ctx.cookie, 'x-csrf-token': ctx.csrfToken, 'content-type': 'application/json' };
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${ctx.base}${url}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`POST ${url}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    return res.json() as Promise<{ id: number }>;
  };
  const get = async (url: string, withCookie: boolean) => {
    const t = performance.now();
    const res = await httpGet(`${ctx.base}${url}`, withCookie ? { cookie: ctx.cookie } : {});
    if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
    return performance.now() - t;
  };
  const first = await get(`/api/indicators?period=${year}`, true);
  const dash: number[] = [],
    health: number[] = [],
    writes: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < ctx.rounds && !(i >= 3 && secs(t0) > ROUND_BUDGET_S); i++) {
    const t = performance.now();
    const item = await post('/api/press/items', {
      kind: 'press_release',
      organisationId,
      title: `Thông cáo báo chí quốc gia số ${i} (bench)`,
      bodyHtml: '<p>Dữ liệu minh họa (bench).</p>',
      language: 'vie',
    });
    await post(`/api/press/items/${item.id}/publish`, {});
    writes.push(performance.now() - t);
    dash.push(await get(`/api/indicators?period=${year}`, true));
    health.push(await get('/healthz', false));
  }
  return {
    measured: pct(dash, 0.95),
    reference: pct(health, 0.95),
    referenceUnit: 'ms (/healthz p95)',
    detail: `dashboard ${year} p50 ${pct(dash, 0.5).toFixed(0)} ms, p95 ${pct(dash, 0.95).toFixed(0)} ms over ${dash.length} rounds${dash.length < ctx.rounds ? ` (of ${ctx.rounds}: the ${(ROUND_BUDGET_S / 60).toFixed(0)}-minute budget ran out)` : ''} (first request after start ${first.toFixed(0)} ms); /healthz p50 ${pct(health, 0.5).toFixed(0)} ms; the write (create + publish) p50 ${pct(writes, 0.5).toFixed(0)} ms`,
  };
}

/** The office closes last year's period through the API; the reference is a plain count of the rows the close froze
 *  (read in process on PostgreSQL), or on PGlite the live dashboard of the same year through the server. */
async function closeNationalYear(ctx: Ctx, periodId: number, open: (() => Promise<Database>) | null): Promise<Result> {
  const headers = { cookie: ctx.cookie, 'x-csrf-token': ctx.csrfToken, 'content-type': 'application/json' };
  // On PGlite (one connection: the server's) the reference is the live dashboard of the same year through the server,
  // just before: the close computes that figure and freezes it with its breakdowns and records.
  let dashboard = NaN;
  if (!open) {
    const p = (await (await fetch(`${ctx.base}/api/cycle/periods/${periodId}`, { headers })).json()) as { key: string };
    const td = performance.now();
    const r = await fetch(`${ctx.base}/api/indicators?period=${p.key}`, { headers, signal: AbortSignal.timeout(1_800_000) });
    if (!r.ok) throw new Error(`dashboard: HTTP ${r.status}`);
    await r.arrayBuffer();
    dashboard = secs(td);
  }
  const t = performance.now();
  const res = await fetch(`${ctx.base}/api/cycle/periods/${periodId}/close`, {
    method: 'POST',
    headers,
    body: JSON.stringify({}),
    signal: AbortSignal.timeout(1_800_000),
  });
  if (!res.ok) throw new Error(`close: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  const measured = secs(t);
  if (!open)
    return {
      measured,
      reference: dashboard,
      referenceUnit: "s (GET the live dashboard of the period's year, just before)",
      detail: `the reference: the live dashboard of the same year through the server (PGlite has one connection, the server's)`,
    };
  const d = await open();
  try {
    const [f] = await rows<{ id: number; facts: number }>(
      d.db,
      sql`select f.id, f.facts from indicator_freezes f join cycle_period_closes c on c.freeze_id = f.id where c.period_id = ${periodId} and c.status = 'closed'`,
    );
    const tr = performance.now();
    const [c] = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from indicator_frozen_facts where freeze_id = ${f!.id}`);
    const reference = secs(tr);
    const tl = performance.now();
    const [l] = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from indicator_facts`);
    return {
      measured,
      reference,
      referenceUnit: 's (SELECT count(*) of the frozen rows)',
      detail: `${n(c!.n)} facts frozen (of ${n(l!.n)} live facts, counted in ${secs(tl).toFixed(2)} s); the count of the frozen rows ${(reference * 1000).toFixed(0)} ms`,
    };
  } finally {
    await d.close();
  }
}

/** The consolidated report of the closed year as the office downloads it: Word, then the Excel annex. */
async function consolidatedReport(ctx: Ctx, periodId: number): Promise<Result> {
  const get = async (url: string) => {
    const t = performance.now();
    const res = await fetch(`${ctx.base}${url}`, { headers: { cookie: ctx.cookie }, signal: AbortSignal.timeout(1_800_000) });
    const bytes = (await res.arrayBuffer()).byteLength;
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    return { s: secs(t), bytes };
  };
  const reference = await get(`/api/cycle/periods/${periodId}/official`);
  const docx = await get(`/api/cycle/periods/${periodId}/report.docx?lang=vi`);
  const xlsx = await get(`/api/cycle/periods/${periodId}/report.xlsx?lang=vi`);
  return {
    measured: docx.s + xlsx.s,
    reference: reference.s,
    referenceUnit: 's (GET the official dashboard)',
    detail: `Word ${docx.s.toFixed(1)} s (${(docx.bytes / 1024).toFixed(0)} KiB), Excel ${xlsx.s.toFixed(1)} s (${(xlsx.bytes / 1024).toFixed(0)} KiB); the official dashboard ${reference.s.toFixed(2)} s`,
  };
}

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
async function rps(url: string): Promise<{ rps: number; detail: string }> {
  const r = await autocannon({ url, connections: 10, duration: DURATION, timeout: 60 });
  return {
    rps: r.requests.average,
    detail: `${r.requests.average.toFixed(1)} req/s (p50 ${r.latency.p50} ms, ${r['2xx']} ok, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)`,
  };
}

/** /tien-do and /tin-tuc under load beside /healthz (the bare route), each after one request alone (which also waits
 *  for whatever the previous load left queued). */
async function portalRatios(ctx: Ctx): Promise<Record<string, Result>> {
  const alone = async (p: string) => {
    const t = performance.now();
    const r = await httpGet(`${ctx.base}${p}`);
    if (r.status !== 200) throw new Error(`GET ${p}: HTTP ${r.status}`);
    return performance.now() - t;
  };
  await settle(ctx.pid);
  await alone('/healthz');
  const bare = await rps(`${ctx.base}/healthz`);
  const out: Record<string, Result> = {};
  for (const [measure, page] of [
    ['progress_page_rps_ratio', '/tien-do'],
    ['newsroom_rps_ratio', '/tin-tuc'],
  ] as const) {
    await settle(ctx.pid);
    const one = await alone(page);
    const r = await rps(`${ctx.base}${page}`);
    await settle(ctx.pid);
    out[measure] = {
      measured: r.rps / bare.rps,
      ratio: r.rps / bare.rps,
      reference: bare.rps,
      referenceUnit: 'req/s (/healthz)',
      detail: `${page}: ${r.detail}, one request alone ${one.toFixed(0)} ms; /healthz ${bare.detail}`,
    };
  }
  return out;
}

async function searchApi(ctx: Ctx, raw: number[]): Promise<Result> {
  await settle(ctx.pid);
  const times: number[] = [];
  for (const s of searches()) {
    const url = `${ctx.base}/api/public/library/products?${new URLSearchParams(s)}`;
    const t = performance.now();
    const res = await fetch(url);
    const body = await res.text();
    times.push(performance.now() - t);
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${body.slice(0, 300)}`);
  }
  return {
    measured: pct(times, 0.95),
    reference: pct(raw, 0.95),
    referenceUnit: 'ms (SQL p95)',
    detail: `API p50 ${pct(times, 0.5).toFixed(0)} ms, p95 ${pct(times, 0.95).toFixed(0)} ms over ${times.length} different queries (each once, uncached); the index query alone in SQL p50 ${pct(raw, 0.5).toFixed(1)} ms, p95 ${pct(raw, 0.95).toFixed(1)} ms`,
  };
}

async function oaiHarvest(ctx: Ctx, select: { rows: number; seconds: number }): Promise<Result> {
  await settle(ctx.pid);
  let url = `${ctx.base}/oai?verb=ListRecords&metadataPrefix=oai_dc`;
  let records = 0,
    pages = 0;
  const t0 = performance.now();
  for (;;) {
    const res = await fetch(url);
    const xml = await res.text();
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    if (xml.includes('<error ')) throw new Error(`ListRecords: ${xml.match(/<error[^>]*>[^<]*<\/error>/)?.[0]}`);
    pages++;
    records += xml.match(/<header[ >]/g)?.length ?? 0;
    const token = /<resumptionToken[^>]*>([^<]*)<\/resumptionToken>/.exec(xml);
    if (!token || !token[1]) break;
    url = `${ctx.base}/oai?verb=ListRecords&resumptionToken=${encodeURIComponent(token[1])}`;
  }
  const s = secs(t0);
  const selectRate = select.rows / select.seconds;
  return {
    measured: records / s,
    reference: selectRate,
    referenceUnit: 'rows/s (SELECT)',
    detail: `${n(records)} records in ${s.toFixed(1)} s over ${n(pages)} pages; SELECT of the same ${n(select.rows)} rows (with titles, keyset pages of 1,000) in ${select.seconds.toFixed(1)} s`,
  };
}

/** Start to healthy on a fresh empty data dir (PostgreSQL: a fresh empty database), `npm start`'s way: scripts/start.mjs. */
async function startToHealthy(on: Db, pgt: ReturnType<typeof pgTarget> | null): Promise<Result> {
  const { webBuildIsStale } = (await import(path.join(ROOT, 'scripts/web-build.mjs'))) as { webBuildIsStale: (root: string) => boolean };
  if (webBuildIsStale(ROOT)) {
    log('the workspace is not built: building it first (vite build; not counted — the goal is for a built web app)');
    const t = performance.now();
    await new Promise<void>((resolve, reject) =>
      spawn(path.join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' }).on('exit', (c) =>
        c === 0 ? resolve() : reject(new Error(`vite build exited with ${c}`)),
      ),
    );
    log(`workspace built in ${secs(t).toFixed(0)} s`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-national-fresh-'));
  try {
    let reference: number, what: string;
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      DATA_DIR: path.join(tmp, 'data'),
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    };
    if (on === 'PGlite') {
      const t = performance.now();
      const p = await PGlite.create({ dataDir: path.join(tmp, 'initdb'), extensions: PGLITE_EXTENSIONS });
      await p.close();
      reference = secs(t);
      what = 'PGlite initdb alone';
    } else {
      const fresh = pgt!.other('_fresh');
      const t = performance.now();
      await withAdmin(pgt!.admin, async (c) => {
        await c.query(`drop database if exists "${pgt!.name}_fresh" with (force)`);
        await c.query(`create database "${pgt!.name}_fresh"`);
      });
      reference = secs(t);
      what = 'CREATE DATABASE';
      env.DATABASE_URL = fresh;
    }
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
    try {
      const ms = await server.waitHealthy(t0, 300_000);
      return {
        measured: ms / 1000,
        reference,
        referenceUnit: `s (${what})`,
        detail: `npm start (scripts/start.mjs --first-run-demo) on a fresh ${on === 'PGlite' ? 'data dir' : 'database'} to /healthz; ${what} ${reference.toFixed(2)} s`,
      };
    } finally {
      // scripts/start.mjs, tsx and the server run in the process group started here.
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }
      if (on === 'PostgreSQL')
        await withAdmin(pgt!.admin, (c) => c.query(`drop database if exists "${pgt!.name}_fresh" with (force)`)).catch(() => {});
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const memory = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
};

/** A hook of a bench file, when it exports one (other work adds them): a function of (base, ctx). */
async function hook(mod: Record<string, unknown>, name: string): Promise<((base: string, ctx: Ctx) => Promise<unknown>) | null> {
  const f = mod[name];
  return typeof f === 'function' ? (f as (base: string, ctx: Ctx) => Promise<unknown>) : null;
}
async function portalHook() {
  try {
    return await hook((await import('./portal.js' as string)) as Record<string, unknown>, 'benchPortal');
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes('portal')) return null;
    throw e;
  }
}

/** A hook's answer as the result of `measure`: a number, { measured, reference, … }, an object keyed by measure or rows. */
function resultOf(measure: string, x: unknown): Result {
  if (typeof x === 'number') return { measured: x };
  if (Array.isArray(x)) {
    const r = x.find((e) => e && e.measure === measure);
    if (r) return resultOf(measure, r);
  } else if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (measure in o) return resultOf(measure, o[measure]);
    // A ratio measure (benchPortal's rows): the ratio is the figure, the page's and the bare route's requests/s its detail.
    if (measure.endsWith('_ratio') && typeof o.ratio === 'number') {
      return {
        measured: o.ratio,
        reference: typeof o.reference === 'number' ? o.reference : null,
        referenceUnit: 'req/s (bare route)',
        detail: `${typeof o.measured === 'number' ? o.measured.toFixed(0) : '?'} req/s`,
      };
    }
    if (typeof o.measured === 'number')
      return {
        measured: o.measured,
        reference: typeof o.reference === 'number' ? o.reference : null,
        ratio: typeof o.ratio === 'number' ? o.ratio : undefined,
        referenceUnit: typeof o.referenceUnit === 'string' ? o.referenceUnit : undefined,
        unit: typeof o.unit === 'string' ? o.unit : undefined,
        detail: typeof o.detail === 'string' ? o.detail : undefined,
      };
  }
  throw new Error(`the hook's answer has no figure for ${measure}: ${JSON.stringify(x)?.slice(0, 300)}`);
}

// ---------------------------------------------------------------- one database

async function measureOn(
  on: Db,
  scale: number,
  sizes: Sizes,
  setup: { dataDir: string; databaseUrl?: string; open: () => Promise<Database> },
  pgt: ReturnType<typeof pgTarget> | null,
): Promise<Row[]> {
  const out: Row[] = [];
  // The server's peak RSS after each measure: which part of the run sets the peak.
  let phasePid = 0;
  const phases: string[] = [];
  const record = async (measure: string, fn: () => Promise<Result>) => {
    if (!wanted(measure)) return;
    const m = MEASURES[measure]!;
    const goal = m.goal(on);
    try {
      const r = await fn();
      if (phasePid && measure !== 'peak_rss_mib') {
        try {
          phases.push(`${measure} ${memory(phasePid).hwm.toFixed(0)}`);
        } catch {
          /* the server is gone */
        }
      }
      const ratio = r.ratio ?? (r.reference ? r.measured / r.reference : null);
      const row: Row = {
        measure,
        db: on,
        goal,
        goal_op: m.op,
        measured: r.measured,
        reference: r.reference ?? null,
        reference_unit: r.referenceUnit ?? r.unit ?? m.unit,
        ratio,
        unit: r.unit ?? m.unit,
        met: m.op === '<=' ? r.measured <= goal : r.measured >= goal,
        detail: r.detail,
        scale,
      };
      out.push(row);
      log(
        `${on}: ${measure} = ${fmt(r.measured)} ${row.unit} (goal ${m.op === '<=' ? '≤' : '≥'} ${goal}; reference ${fmt(r.reference ?? null)} ${row.reference_unit}) — ${r.detail ?? ''}`,
      );
    } catch (e) {
      console.error(`[national] ${on}: ${measure} failed: ${(e as Error).stack ?? String(e)}`);
      out.push({
        measure,
        db: on,
        goal,
        goal_op: m.op,
        measured: null,
        reference: null,
        reference_unit: m.unit,
        ratio: null,
        unit: m.unit,
        met: false,
        error: String((e as Error).message ?? e),
        scale,
      });
    }
  };

  // In process, before the server holds the database: the references, and the sign-in import when no API hook exists.
  const signinHook = await hook(training as unknown as Record<string, unknown>, 'benchSigninImport');
  let raw: number[] = [],
    select = { rows: 0, seconds: 0 },
    organisationId = 0;
  let searchRef: number | null = null,
    oaiRef: number | null = null;
  let signin: Error | null = null;
  let cyclePeriod = 0;
  const d = await setup.open();
  try {
    await d.migrate();
    const lastYear = Number(periodContaining('yearly', new Date()).id) - 1;
    const tc = performance.now();
    const cycle = await addCycleData(d, lastYear);
    cyclePeriod = cycle.periodId;
    log(`${on}: ${cycle.line} added to the run's copy in ${secs(tc).toFixed(1)} s`);
    organisationId = Number((await rows<{ id: number }>(d.db, sql`select id from organisations where code = 'BENCH-SO-0'`))[0]?.id ?? 0);
    if (wanted('search_p95_ms')) {
      raw = await rawSearchMs(d);
      raw = await rawSearchMs(d); // the second pass: warm, as the server's
      searchRef = await library.searchReference(d).catch(() => null);
    }
    if (wanted('oai_records_per_s')) {
      select = await selectHarvestRows(d);
      oaiRef = await library.oaiReference(d).catch(() => null);
    }
    if (wanted('search_p95_ms') || wanted('oai_records_per_s'))
      log(
        `${on}: references in process — the index query of the 20 searches p95 ${pct(raw, 0.95).toFixed(1)} ms; SELECT of ${n(select.rows)} harvest rows in ${select.seconds.toFixed(1)} s`,
      );
    if (signinHook && !setup.databaseUrl && wanted('signin_import_50k_s'))
      await training.writeSheet(d.db, path.join(os.tmpdir(), `rh-national-signin-${process.pid}.xlsx`), sizes.signinRows);
    if (!signinHook) signin = new Error('bench/training.ts exports no benchSigninImport');
  } finally {
    await d.close();
  }

  const srv = server.start(setup.dataDir, {
    args: [],
    production: true,
    env: setup.databaseUrl ? { DATABASE_URL: setup.databaseUrl } : {},
  });
  let rssHealthy = NaN;
  try {
    const healthy = await server.waitHealthy(srv.t0, 600_000);
    rssHealthy = memory(serverPid(srv.child)!).rss;
    log(`${on}: server healthy on the national data in ${(healthy / 1000).toFixed(1)} s (RSS ${rssHealthy.toFixed(0)} MiB)`);
    const ctx: Ctx = { base: server.base, ...(await signIn()), db: on, scale, sizes, rounds: ROUNDS, pid: serverPid(srv.child)! };
    phasePid = ctx.pid;
    await record('dashboard_after_write_p95_ms', () => dashboardAfterWrite(ctx, organisationId));
    const portal = await portalHook().catch((e) => {
      console.error(`[national] bench/portal.ts: ${e}`);
      return null;
    });
    if (portal) {
      let answer: Promise<unknown> | null = null;
      const once = () => (answer ??= portal(ctx.base, ctx));
      await record('progress_page_rps_ratio', async () => resultOf('progress_page_rps_ratio', await once()));
      await record('newsroom_rps_ratio', async () => resultOf('newsroom_rps_ratio', await once()));
    } else {
      let ratios: Promise<Record<string, Result>> | null = null;
      const once = () => (ratios ??= portalRatios(ctx));
      await record('progress_page_rps_ratio', async () => (await once()).progress_page_rps_ratio!);
      await record('newsroom_rps_ratio', async () => (await once()).newsroom_rps_ratio!);
    }
    const searchHook = await hook(library as unknown as Record<string, unknown>, 'benchSearch');
    const headers = { cookie: ctx.cookie, 'x-csrf-token': ctx.csrfToken };
    await record('search_p95_ms', async () =>
      searchHook ? resultOf('search_p95_ms', await library.benchSearch(ctx.base, headers, searchRef ?? undefined)) : searchApi(ctx, raw),
    );
    await record('signin_import_50k_s', async () => {
      if (signinHook) {
        const file = path.join(os.tmpdir(), `rh-national-signin-${process.pid}.xlsx`);
        const d2 = setup.databaseUrl ? openPg(setup.databaseUrl) : null;
        try {
          if (d2) await training.writeSheet(d2.db, file, sizes.signinRows);
          else if (!fs.existsSync(file)) throw new Error('the sign-in sheet is written before the server starts');
        } finally {
          await d2?.close();
        }
        const r = await training.benchSigninImport(ctx.base, headers, file, { pid: ctx.pid, log: (l) => log(`${on}: ${l}`) });
        return {
          ...resultOf('signin_import_50k_s', r),
          detail: `${n(sizes.signinRows)} rows through the server (upload, read + match, review not timed, write); exceljs reading the file alone is the reference`,
        };
      }
      throw signin ?? new Error('no sign-in import');
    });
    const oaiHook = await hook(library as unknown as Record<string, unknown>, 'benchOai');
    await record('oai_records_per_s', async () =>
      oaiHook && oaiRef ? resultOf('oai_records_per_s', await library.benchOai(ctx.base, oaiRef)) : oaiHarvest(ctx, select),
    );
    await settle(ctx.pid);
    await record('close_national_year_s', () =>
      closeNationalYear(ctx, cyclePeriod, setup.databaseUrl ? () => Promise.resolve(openPg(setup.databaseUrl!)) : null),
    );
    await record('consolidated_report_s', () => consolidatedReport(ctx, cyclePeriod));
  } catch (e) {
    console.error(`[national] ${on}: the server run failed: ${(e as Error).stack ?? String(e)}`);
  } finally {
    try {
      const m = memory(serverPid(srv.child)!);
      await record('peak_rss_mib', async () => ({
        measured: m.hwm,
        reference: Number.isNaN(rssHealthy) ? null : rssHealthy,
        referenceUnit: 'MiB (RSS once healthy)',
        detail: `VmHWM of the server process over the run; its RSS once healthy ${rssHealthy.toFixed(0)} MiB; the peak after each measure (MiB): ${phases.join(', ')}`,
      }));
    } catch (e) {
      await record('peak_rss_mib', async () => {
        throw e;
      });
    }
    await server.stop(srv.child);
  }
  await record('start_to_healthy_s', () => startToHealthy(on, pgt));
  return out;
}

const fmt = (x: number | null) => (x === null ? '—' : Math.abs(x) >= 100 ? n(Math.round(x)) : x.toFixed(Math.abs(x) >= 10 ? 1 : 3));

function table(rowsOut: Row[]): string {
  const head = ['measure', 'db', 'goal', 'measured', 'reference', 'ratio', 'met'];
  const lines = rowsOut.map((r) => [
    r.measure,
    r.db,
    `${r.goal_op === '<=' ? '≤' : '≥'} ${n(r.goal)} ${r.unit}`,
    r.measured === null ? `failed: ${r.error?.slice(0, 60)}` : `${fmt(r.measured)} ${r.unit}`,
    r.reference === null ? '—' : `${fmt(r.reference)} ${r.reference_unit}`,
    r.ratio === null ? '—' : r.ratio.toFixed(r.ratio >= 10 ? 0 : 2),
    r.met ? 'yes' : 'no',
  ]);
  return [head, head.map(() => '---'), ...lines].map((l) => `| ${l.join(' | ')} |`).join('\n');
}

export async function benchNational(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = Number(arg('--scale') ?? 1);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be a number in (0, 1], not ${arg('--scale')}`);
  const regenerate = argv.includes('--regenerate');
  const only = arg('--only');
  if (only && only !== 'pglite' && only !== 'postgres') throw new Error(`--only must be pglite or postgres, not ${only}`);
  const sizes = sizesOf(scale);
  const measures = arg('--measures')?.split(',').filter(Boolean);
  const unknown = (measures ?? []).filter((m) => !MEASURES[m]);
  if (unknown.length) throw new Error(`--measures: unknown ${unknown.join(', ')} (known: ${Object.keys(MEASURES).join(', ')})`);
  WANTED = measures?.length ? new Set([...measures, 'peak_rss_mib']) : null;
  if (argv.includes('--generate-only')) {
    // Build (or check) the kept data sets and stop: generating is long and CPU-heavy, measuring wants a quiet machine.
    if (only !== 'postgres') await pgliteDataSet(scale, sizes, regenerate);
    if (only !== 'pglite') await pgDataSet(scale, sizes, regenerate);
    return;
  }
  log(
    `scale ${scale}: ${Object.entries(sizes)
      .map(([k, v]) => `${k} ${n(v)}`)
      .join(', ')}`,
  );
  const all: Row[] = [];
  fs.mkdirSync(path.join(ROOT, 'bench', '.national'), { recursive: true });
  const runs = fs.mkdtempSync(path.join(ROOT, 'bench', '.national', 'run-'));
  try {
    if (only !== 'postgres') {
      const { dir } = await pgliteDataSet(scale, sizes, regenerate);
      const copy = path.join(runs, 'pglite');
      const t = performance.now();
      fs.cpSync(dir, copy, { recursive: true });
      log(`PGlite: working copy of the data dir made in ${secs(t).toFixed(1)} s`);
      all.push(...(await measureOn('PGlite', scale, sizes, { dataDir: copy, open: () => openPglite(path.join(copy, 'db')) }, null)));
      fs.rmSync(copy, { recursive: true, force: true });
    }
    if (only !== 'pglite') {
      const set = await pgDataSet(scale, sizes, regenerate).catch((e) => {
        console.error(`[national] PostgreSQL: the data set failed: ${(e as Error).stack ?? String(e)}`);
        return null;
      });
      if (set) {
        const { target } = set;
        const runUrl = target.other('_run');
        await withAdmin(target.admin, async (c) => {
          await c.query(`drop database if exists "${target.name}_run" with (force)`);
          await c.query(`create database "${target.name}_run" template "${target.name}"`);
        });
        try {
          all.push(
            ...(await measureOn(
              'PostgreSQL',
              scale,
              sizes,
              { dataDir: path.join(runs, 'pg'), databaseUrl: runUrl, open: async () => openPg(runUrl) },
              target,
            )),
          );
        } finally {
          await withAdmin(target.admin, (c) => c.query(`drop database if exists "${target.name}_run" with (force)`)).catch(() => {});
        }
      }
    }
  } finally {
    fs.rmSync(runs, { recursive: true, force: true });
  }
  console.log(`\nNational bench (scale ${scale}; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)})\n${table(all)}\n`);
  const file = path.join(ROOT, 'bench', 'results', 'national.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // A run on one database (--only) or of some measures (--measures) keeps the previous run's other rows.
  const ran = new Set(all.map((r) => `${r.db} ${r.measure}`));
  const kept =
    (only || WANTED) && fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Row[]).filter(
          (r) => r.scale === scale && !ran.has(`${r.db} ${r.measure}`) && (WANTED ? true : !all.some((a) => a.db === r.db)),
        )
      : [];
  fs.writeFileSync(
    file,
    `${JSON.stringify(
      [...all, ...kept].sort((a, b) => (a.db === b.db ? 0 : a.db === 'PGlite' ? -1 : 1)),
      null,
      2,
    )}\n`,
  );
  log(`written ${path.relative(ROOT, file)}`);
}
