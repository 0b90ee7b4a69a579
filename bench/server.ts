// The bench's server helpers: start the real server (`src/server/main.ts serve`) on a port of its own, wait until
// it is healthy, stop it. Shared by bench/run.ts (and, through it, bench/press.ts) and bench/dashboard.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';

export interface BenchServer {
  base: string;
  /** Starts the server on dataDir (embedded database), or on env.DATABASE_URL when given; args default to --first-run-demo.
   *  `production`: as `npm start` does (scripts/start.mjs: the compiled server, NODE_ENV=production, --first-run-demo
   *  with the demo loading in the background). */
  start: (
    dataDir: string,
    opts?: { env?: Record<string, string>; args?: string[]; production?: boolean },
  ) => { child: ChildProcess; t0: number };
  /** Milliseconds from t0 to the first healthy answer; throws after timeoutMs (60 s by default). */
  waitHealthy: (t0: number, timeoutMs?: number) => Promise<number>;
  stop: (child: ChildProcess) => Promise<void>;
}

export function benchServer(port: number): BenchServer {
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    start(dataDir, opts = {}) {
      const t0 = performance.now();
      const argv = opts.production
        ? ['scripts/start.mjs', ...(opts.args ?? [])]
        : ['--import', 'tsx', 'src/server/main.ts', 'serve', ...(opts.args ?? ['--first-run-demo'])];
      const child = spawn(process.execPath, argv, {
        env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', ...opts.env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      return { child, t0 };
    },
    async waitHealthy(t0, timeoutMs = 60_000) {
      while (performance.now() - t0 < timeoutMs) {
        try {
          if ((await fetch(`${base}/healthz`)).ok) return performance.now() - t0;
        } catch {
          /* not up yet */
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`server did not become healthy in ${(timeoutMs / 1000).toFixed(0)} s`);
    },
    async stop(child) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Runs `fn` on a throw-away PostgreSQL database `rh_bench_<random>` (on BENCH_PG_URL's server, default
 *  127.0.0.1:5432) and drops it afterwards; says `<label>: skipped (why)` and returns null when none can be made. */
export async function withThrowawayPg<T>(label: string, fn: (url: string, name: string) => Promise<T>): Promise<T | null> {
  const adminUrl = new URL(process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `rh_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch (e) {
    console.log(`${label}: skipped (${adminUrl.host} not reachable or no database could be created: ${(e as Error).message})`);
    await admin.end().catch(() => {});
    return null;
  }
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString(), name);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** The server's process: `child` itself, or — started as `npm start` does — the server that scripts/start.mjs
 *  supervises (its child), whose memory and CPU are the figures to read. */
export function serverPid(child: ChildProcess): number | undefined {
  const pid = child.pid;
  if (!pid) return undefined;
  try {
    if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('scripts/start.mjs')) return pid;
    const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    // (start.mjs may also hold esbuild's service process, when it rebuilt the server)
    return (
      kids.find((k) => {
        try {
          return fs.readFileSync(`/proc/${k}/cmdline`, 'utf8').includes('serve');
        } catch {
          return false;
        }
      }) ?? pid
    );
  } catch {
    return pid;
  }
}
