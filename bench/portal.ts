// The public portal at web speed: requests per second of the progress page, the newsroom, a library search page, a
// press item page and the newsroom's RSS feed, each measured right after a bare route of the same server (the
// favicon: no database, no rendering) in alternating one-second slices of the same run, with the ratio (goal ≥ 0.5). `benchPortal(base)` works on
// any running server (the national bench calls it with its own); `npm run bench` (BENCH_ONLY=portal) also times a
// fresh `npm start` to healthy beside PGlite's initdb alone.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import type { BenchServer } from './server.js';

export interface PortalFigure {
  measure: string;
  measured: number;
  reference: number;
  ratio: number;
}

const SECONDS = Number(process.env.BENCH_PORTAL_SECONDS ?? process.env.BENCH_SECONDS ?? 5);

/** What a browser or a CDN sends: the pages are measured as readers get them (compressed when they ask). */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

async function requests(url: string, seconds: number): Promise<number> {
  const r = await autocannon({ url, connections: 10, duration: seconds, headers: BROWSER_HEADERS });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return r.requests.total;
}

/** Requests per second of a page and of the reference, in alternating one-second slices: on a shared machine (and
 *  beside the server's own minute jobs) a burst of load then hits both alike. */
async function pair(page: string, reference: string): Promise<[number, number]> {
  let p = 0,
    r = 0;
  for (let i = 0; i < SECONDS; i++) {
    r += await requests(reference, 1);
    p += await requests(page, 1);
  }
  return [p / SECONDS, r / SECONDS];
}

/** The portal's pages against a bare route, each pair measured back to back on `base`. */
export async function benchPortal(base: string): Promise<PortalFigure[]> {
  const list = await (await fetch(`${base}/tin-tuc`)).text();
  const item = /href="\/tin-tuc\/(\d+)"/.exec(list)?.[1];
  if (!item) throw new Error('the newsroom lists no item to measure');
  const pages: [string, string][] = [
    ['progress_page_rps_ratio', '/tien-do'],
    ['newsroom_rps_ratio', '/tin-tuc'],
    ['library_search_rps_ratio', '/thu-vien?q=quyen+con+nguoi'],
    ['press_item_rps_ratio', `/tin-tuc/${item}`],
    ['newsroom_rss_rps_ratio', '/tin-tuc/rss.xml'],
  ];
  const out: PortalFigure[] = [];
  for (const [measure, p] of pages) {
    await fetch(base + p); // rendered once; what follows is what every reader gets until the data changes
    const [measured, reference] = await pair(base + p, `${base}/favicon.svg`);
    out.push({
      measure,
      measured: Math.round(measured),
      reference: Math.round(reference),
      ratio: Number((measured / reference).toFixed(2)),
    });
  }
  return out;
}

export function printPortal(figures: PortalFigure[]) {
  for (const f of figures) {
    console.log(
      `${f.measure.padEnd(26)} ${String(f.measured).padStart(6)} req/s  bare route ${String(f.reference).padStart(6)} req/s  ratio ${f.ratio.toFixed(2)} ${f.ratio >= 0.5 ? '(goal ≥ 0.5 met)' : '(goal ≥ 0.5 NOT met)'}`,
    );
  }
}

/** PGlite's initdb alone on a fresh directory: the reference for a fresh start. */
export async function initdbSeconds(root: string): Promise<number> {
  const dir = path.join(root, 'initdb-reference');
  const t0 = performance.now();
  const c = await PGlite.create({ dataDir: dir });
  await c.query('select 1');
  const s = (performance.now() - t0) / 1000;
  await c.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return s;
}

/** `npm start` on a fresh data dir to healthy, beside initdb alone in the same run; the server is left running
 *  (with its demo data loaded) for the page measures. */
export async function benchStart(root: string, server: BenchServer) {
  const initdb = await initdbSeconds(root);
  const s = server.start(path.join(root, 'portal-fresh'), { production: true });
  const healthy = (await server.waitHealthy(s.t0)) / 1000;
  console.log(
    `start to healthy (npm start, production, fresh data dir): ${healthy.toFixed(2)} s; PGlite initdb alone: ${initdb.toFixed(2)} s; ratio ${(healthy / initdb).toFixed(2)} (goal ≤ 10 s)`,
  );
  // The demo loads in the background: wait until the portal no longer says so.
  const t0 = performance.now();
  for (let i = 0; i < 2400; i++) {
    if (!(await (await fetch(`${server.base}/`)).text()).includes('notice info" role="status"')) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`demo data loaded in the background ${((performance.now() - t0) / 1000).toFixed(1)} s after healthy`);
  return { child: s.child, healthy, initdb };
}
