// The bench's server helpers: start the real server (`src/server/main.ts serve`) on a port of its own, wait until
// it is healthy, stop it. Shared by bench/run.ts (and, through it, bench/press.ts) and bench/dashboard.ts.
import { spawn, type ChildProcess } from 'node:child_process';

export interface BenchServer {
  base: string;
  /** Starts the server on dataDir (embedded database), or on env.DATABASE_URL when given; args default to --first-run-demo.
   *  `production`: as `npm start` does (scripts/start.mjs: the compiled server, NODE_ENV=production, --first-run-demo
   *  with the demo loading in the background). */
  start: (dataDir: string, opts?: { env?: Record<string, string>; args?: string[]; production?: boolean }) => { child: ChildProcess; t0: number };
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
      const argv = opts.production ? ['scripts/start.mjs', ...(opts.args ?? [])] : ['--import', 'tsx', 'src/server/main.ts', 'serve', ...(opts.args ?? ['--first-run-demo'])];
      const child = spawn(process.execPath, argv, {
        env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', ...opts.env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      return { child, t0 };
    },
    async waitHealthy(t0, timeoutMs = 60_000) {
      while (performance.now() - t0 < timeoutMs) {
        try { if ((await fetch(`${base}/healthz`)).ok) return performance.now() - t0; } catch { /* not up yet */ }
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
