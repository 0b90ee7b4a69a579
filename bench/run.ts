// `npm run bench`: (1) time from start to healthy on a fresh embedded database (migrations, reference
// data and demo data included); (2) requests per second for the authenticated organisation list and the
// whole tree with 5,000 organisations, measured with autocannon on loopback. Prints the figures.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { openPglite } from '../src/server/kernel/db.js';
import { seedDemo } from '../src/server/modules/directory/directory.demo.js';
import { loadAllReference } from '../src/server/modules/index.js';
import { fold } from '../src/server/kernel/text.js';
import { benchPress } from './press.js';

const PORT = 3190;
const base = `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

function start(dataDir: string): { child: ChildProcess; t0: number } {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'serve', '--first-run-demo'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { child, t0 };
}

async function waitHealthy(t0: number): Promise<number> {
  for (let i = 0; i < 1200; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) return performance.now() - t0; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server did not become healthy in 60 s');
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

async function prepare5000(dataDir: string) {
  const d = await openPglite(path.join(dataDir, 'db'));
  await d.migrate();
  await loadAllReference(d.db);
  const demo = await seedDemo(d.db);
  const extra = 5000 - demo.organisations;
  const parents = (await d.db.execute(sql`select id, province_unit_id from organisations where kind = 'provincial_committee'`) as unknown as { rows: { id: number; province_unit_id: number }[] }).rows;
  for (let i = 0; i < extra; i += 500) {
    const values = [];
    for (let k = i; k < Math.min(extra, i + 500); k++) {
      const p = parents[k % parents.length];
      const name = `Phòng Thông tin số ${k} (bench)`;
      values.push(sql`(${`BENCH-${k}`}, ${name}, 'provincial_department', ${p.id}, ${p.province_unit_id}, ${fold(name)}, true)`);
    }
    await d.db.execute(sql`insert into organisations (code, name_vi, kind, parent_id, province_unit_id, search_text, is_demo) values ${sql.join(values, sql`, `)}`);
  }
  await d.close();
}

async function rps(title: string, url: string, headers: Record<string, string>) {
  const r = await autocannon({ url, connections: 10, duration: DURATION, headers });
  const ok = r['2xx'];
  console.log(`${title}: ${r.requests.average.toFixed(0)} requests/s (p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${ok} ok, ${r.non2xx} non-2xx, ${r.errors} errors)`);
}

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-bench-'));
  try {
    const fresh = start(path.join(root, 'fresh'));
    const ms = await waitHealthy(fresh.t0);
    await stop(fresh.child);
    console.log(`start to healthy on a fresh embedded database (migrate + reference + demo seed): ${(ms / 1000).toFixed(2)} s`);

    const dir = path.join(root, 'big');
    await prepare5000(dir);
    const srv = start(dir);
    const warm = await waitHealthy(srv.t0);
    console.log(`start to healthy on an existing database of 5,000 organisations: ${(warm / 1000).toFixed(2)} s`);
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'viewer', password: 'rightshub-demo' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const list = await (await fetch(`${base}/api/organisations?limit=100`, { headers: { cookie } })).json() as { total: number };
    if (list.total < 4900) throw new Error(`expected about 5,000 active organisations, got ${list.total}`);
    console.log(`organisations in the directory (active): ${list.total}`);
    await rps('GET /api/organisations?limit=100 (page of 100, total counted)', `${base}/api/organisations?limit=100`, { cookie });
    await rps('GET /api/organisations?q=thong%20tin%20so%2012 (search)', `${base}/api/organisations?q=thong%20tin%20so%2012&limit=100`, { cookie });
    await rps('GET /api/organisations/tree (all 5,000 nodes)', `${base}/api/organisations/tree?includeInactive=true`, { cookie });
    await stop(srv.child);

    await benchPress(root, { base, start, waitHealthy, stop, rps });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
