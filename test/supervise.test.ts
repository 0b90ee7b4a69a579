// `npm start` supervises the server (issue 16, finding 1): a server that crashes comes back by itself, after a pause
// that grows while it keeps failing, and every stop is logged; a clean exit and a configuration error (exit 78) are
// not restarted; stopping passes the signal on.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module of the start script, without types
import { supervise } from '../scripts/supervise.mjs';

type Supervisor = { pid: number | undefined; restarts: number; stop(signal?: string): Promise<number>; done: Promise<number> };
const ROOT = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-supervise-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A child that exits with the codes listed in its state file, one per start, then stays up. */
function flakyScript(codes: number[]): string {
  const state = path.join(tmp, `state-${Math.random().toString(16).slice(2)}.json`);
  fs.writeFileSync(state, JSON.stringify(codes));
  const file = path.join(tmp, `flaky-${Math.random().toString(16).slice(2)}.mjs`);
  fs.writeFileSync(
    file,
    `import fs from 'node:fs';
const codes = JSON.parse(fs.readFileSync(${JSON.stringify(state)}, 'utf8'));
const code = codes.shift();
fs.writeFileSync(${JSON.stringify(state)}, JSON.stringify(codes));
if (code !== undefined) process.exit(code);
setInterval(() => {}, 1000);`,
  );
  return file;
}
const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('the supervisor of npm start', () => {
  it('restarts a crashing server with a growing pause, logging each stop, until it stays up; stop passes the signal on', async () => {
    const lines: string[] = [];
    const s: Supervisor = supervise({
      args: [flakyScript([1, 3, 1])],
      stdio: 'ignore',
      minDelayMs: 100,
      maxDelayMs: 250,
      log: (m: string) => lines.push(m),
    });
    await until('three restarts', () => s.restarts === 3);
    await new Promise((r) => setTimeout(r, 600)); // the third pause, then the fourth start
    const pid = s.pid!;
    await new Promise((r) => setTimeout(r, 300));
    expect(s.pid).toBe(pid); // it stays up now
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/stopped unexpectedly \(exit code 1\) after .*; restarting in 0\.1 s \(restart 1\)/);
    expect(lines[1]).toMatch(/\(exit code 3\).*restarting in 0\.2 s \(restart 2\)/);
    expect(lines[2]).toMatch(/restarting in 0\.3 s \(restart 3\)/); // doubled, capped at maxDelayMs
    expect(await s.stop('SIGTERM')).toBe(0);
    expect(() => process.kill(pid, 0)).toThrow(); // the server is gone
  });

  it('does not restart a clean exit or a configuration error (exit 78)', async () => {
    for (const [code, said] of [
      [0, /exited normally/],
      [78, /configuration error/],
    ] as const) {
      const lines: string[] = [];
      const s: Supervisor = supervise({ args: [flakyScript([code])], stdio: 'ignore', minDelayMs: 50, log: (m: string) => lines.push(m) });
      expect(await s.done).toBe(code);
      expect(s.restarts).toBe(0);
      expect(lines.join('\n')).toMatch(said);
    }
  });

  it('brings the real server back after kill -9: /healthz answers again from a new process', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const lines: string[] = [];
    const out = fs.openSync(path.join(tmp, 'server.log'), 'a');
    const s: Supervisor = supervise({
      args: ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts'), 'serve'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        BASE_URL: `http://127.0.0.1:${port}`,
        DATA_DIR: path.join(tmp, 'data'),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
      cwd: ROOT,
      stdio: ['ignore', out, out],
      minDelayMs: 200,
      log: (m: string) => lines.push(m),
    });
    const healthy = async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
      } catch {
        return false;
      }
    };
    try {
      await until('the server to answer', healthy, 180_000);
      const first = s.pid!;
      process.kill(first, 'SIGKILL');
      await until('the restart', () => s.restarts === 1 && s.pid !== first, 20_000);
      await until('the server to answer again', healthy, 180_000);
      expect(lines[0]).toMatch(new RegExp(`the server \\(pid ${first}\\) stopped unexpectedly \\(signal SIGKILL\\)`));
    } catch (e) {
      throw new Error(`${(e as Error).message}; the server said: ${fs.readFileSync(path.join(tmp, 'server.log'), 'utf8').slice(-2000)}`, {
        cause: e,
      });
    } finally {
      await s.stop('SIGTERM');
      fs.closeSync(out);
    }
    expect(await healthy()).toBe(false);
  }, 420_000);

  it('is what npm start runs', () => {
    const start = fs.readFileSync(path.join(ROOT, 'scripts/start.mjs'), 'utf8');
    expect(start).toMatch(/supervise\(\{/);
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start).toBe('node scripts/start.mjs');
  });
});
