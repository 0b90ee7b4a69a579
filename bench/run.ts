// `npm run bench`: (1) time from start to healthy on a fresh embedded database (migrations, reference
// data and demo data included); (2) requests per second for the authenticated organisation list and the
// whole tree with 5,000 organisations, measured with autocannon on loopback; (3) the press data set
// (bench/press.ts); (4) the indicators dashboard over six programme years on PGlite and PostgreSQL
// (bench/dashboard.ts); (5) the library: search, Excel import and a full OAI-PMH harvest over 200,000 products on PGlite
// and PostgreSQL (bench/library.ts); (6) T3 over 20,000 exhibitions (bench/exhibitions.ts); (7) the claim matcher and
// ingest against 10,000 and 50,000 claims (bench/factcheck.ts); (8) the recommendation tracker and report draft
// (bench/recommendations.ts); (9) training: coverage for 300,000 rostered people and a 50,000-row sign-in import
// (bench/training.ts); (10) the portal: fresh `npm start` to healthy beside initdb, and pages per second beside a bare
// route (bench/portal.ts); (11) uploads: the server's peak memory during the largest allowed import, four at once and
// four concurrent zip bombs (bench/uploads.ts). Prints the figures.
// BENCH_ONLY=directory,portal,press,dashboard,library,exhibitions,factcheck,factcheck-search,recommendations,training,uploads (any of them) runs only those parts;
// factcheck-search: the items' search over 200,000 items (bench/factcheck.search.ts).
// `npm run bench -- --national [--scale 0.02] [--regenerate] [--only pglite|postgres]` runs the national bench instead
// (bench/national.ts: one national data set, kept between runs, and the issue-15 table in bench/results/national.json).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { openPglite } from '../src/server/kernel/db.js';
import { seedDemo } from '../src/server/modules/directory/directory.demo.js';
import { loadAllReference } from '../src/server/modules/index.js';
import { fold } from '../src/server/kernel/text.js';
import { benchDashboard } from './dashboard.js';
import { benchFactcheck } from './factcheck.js';
import { benchFactcheckSearch } from './factcheck.search.js';
import { benchLibrary } from './library.js';
import { benchNational } from './national.js';
import { benchExhibitions } from './exhibitions.js';
import { benchPress } from './press.js';
import { benchRecommendations } from './recommendations.js';
import { benchTraining } from './training.js';
import { benchUploads } from './uploads.js';
import { benchServer } from './server.js';
import { benchPortal, benchStart, printPortal } from './portal.js';

const { base, start, waitHealthy, stop } = benchServer(Number(process.env.BENCH_PORT ?? 3190));
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const PARTS = [
  'directory',
  'portal',
  'press',
  'dashboard',
  'library',
  'exhibitions',
  'factcheck',
  'factcheck-search',
  'recommendations',
  'training',
  'uploads',
] as const;

async function prepare5000(dataDir: string) {
  const d = await openPglite(path.join(dataDir, 'db'));
  await d.migrate();
  await loadAllReference(d.db);
  const demo = await seedDemo(d.db);
  const extra = 5000 - demo.organisations;
  const parents = (
    (await d.db.execute(sql`select id, province_unit_id from organisations where kind = 'provincial_committee'`)) as unknown as {
      rows: { id: number; province_unit_id: number }[];
    }
  ).rows;
  for (let i = 0; i < extra; i += 500) {
    const values = [];
    for (let k = i; k < Math.min(extra, i + 500); k++) {
      const p = parents[k % parents.length];
      const name = `Phòng Thông tin số ${k} (bench)`;
      values.push(sql`(${`BENCH-${k}`}, ${name}, 'provincial_department', ${p.id}, ${p.province_unit_id}, ${fold(name)}, true)`);
    }
    await d.db.execute(
      sql`insert into organisations (code, name_vi, kind, parent_id, province_unit_id, search_text, is_demo) values ${sql.join(values, sql`, `)}`,
    );
  }
  await d.close();
}

async function rps(title: string, url: string, headers: Record<string, string>) {
  const r = await autocannon({ url, connections: 10, duration: DURATION, headers });
  const ok = r['2xx'];
  console.log(
    `${title}: ${r.requests.average.toFixed(0)} requests/s (p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${ok} ok, ${r.non2xx} non-2xx, ${r.errors} errors)`,
  );
}

async function main() {
  if (process.argv.includes('--national')) return benchNational(process.argv.slice(2));
  const only = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const unknown = only.filter((x) => !(PARTS as readonly string[]).includes(x));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown part ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
  const run = (part: (typeof PARTS)[number]) => !only.length || only.includes(part);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-bench-'));
  try {
    if (run('directory')) await benchDirectory(root);
    if (run('portal')) {
      const srv = await benchStart(root, { base, start, waitHealthy, stop });
      try {
        printPortal(await benchPortal(base));
      } finally {
        await stop(srv.child);
      }
    }
    if (run('press')) await benchPress(root, { base, start, waitHealthy, stop, rps });
    if (run('dashboard')) await benchDashboard(root);
    if (run('library')) await benchLibrary(root);
    if (run('exhibitions')) await benchExhibitions(root);
    if (run('factcheck')) await benchFactcheck(root);
    if (run('factcheck-search')) await benchFactcheckSearch(root);
    if (run('recommendations')) await benchRecommendations(root);
    if (run('training')) await benchTraining(root);
    if (run('uploads')) await benchUploads(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function benchDirectory(root: string) {
  const fresh = start(path.join(root, 'fresh'), { args: ['--first-run-demo', '--demo-before-listen'] });
  const ms = await waitHealthy(fresh.t0);
  await stop(fresh.child);
  console.log(`start to healthy on a fresh embedded database, from sources, demo loaded before listening: ${(ms / 1000).toFixed(2)} s`);
  const prod = await benchStart(root, { base, start, waitHealthy, stop });
  await stop(prod.child);

  const dir = path.join(root, 'big');
  await prepare5000(dir);
  const srv = start(dir);
  const warm = await waitHealthy(srv.t0);
  console.log(`start to healthy on an existing database of 5,000 organisations: ${(warm / 1000).toFixed(2)} s`);
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'viewer', password: 'rightshub-demo' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const list = (await (await fetch(`${base}/api/organisations?limit=100`, { headers: { cookie } })).json()) as { total: number };
  if (list.total < 4900) throw new Error(`expected about 5,000 active organisations, got ${list.total}`);
  console.log(`organisations in the directory (active): ${list.total}`);
  await rps('GET /api/organisations?limit=100 (page of 100, total counted)', `${base}/api/organisations?limit=100`, { cookie });
  await rps('GET /api/organisations?q=thong%20tin%20so%2012 (search)', `${base}/api/organisations?q=thong%20tin%20so%2012&limit=100`, {
    cookie,
  });
  await rps('GET /api/organisations/tree (all 5,000 nodes)', `${base}/api/organisations/tree?includeInactive=true`, { cookie });
  await stop(srv.child);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
