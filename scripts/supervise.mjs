// Keeps the server running: `npm start` runs it as a child process and starts it again when it stops unexpectedly (a
// crash, an out-of-memory abort, kill -9), after a pause that doubles from 1 s up to a minute while it keeps failing
// and drops back to 1 s once it has stayed up for a minute. Every stop and restart is logged on stderr. A clean exit
// (code 0, e.g. after SIGTERM) and a configuration error (exit code 78, EX_CONFIG: restarting would not help) end it;
// SIGINT and SIGTERM are passed on to the server, which shuts down cleanly. Under systemd, Restart=always does the
// same (README, "Running it as a service").
import { spawn } from 'node:child_process';

/** The exit code of a configuration error (sysexits.h EX_CONFIG): not restarted. */
export const EX_CONFIG = 78;

const secs = (ms) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

/**
 * Runs `command args` and restarts it when it stops unexpectedly. Returns { pid, restarts, stop(signal), done }:
 * `done` resolves with the exit code to end with once the child stopped for good.
 */
export function supervise({
  command = process.execPath,
  args,
  env = process.env,
  cwd,
  stdio = 'inherit',
  minDelayMs = 1000,
  maxDelayMs = 60_000,
  stableAfterMs = 60_000,
  log = (m) => console.error(m),
}) {
  let child = null;
  let stopping = false;
  let timer = null;
  let delay = minDelayMs;
  let restarts = 0;
  let finish;
  const done = new Promise((r) => {
    finish = r;
  });
  const say = (m) => log(`[rightshub supervisor ${new Date().toISOString()}] ${m}`);

  const start = () => {
    timer = null;
    const startedAt = Date.now();
    const c = spawn(command, args, { env, cwd, stdio });
    child = c;
    c.on('error', (e) => {
      say(`could not start the server: ${e.message}`);
      finish(1);
    });
    c.on('exit', (code, signal) => {
      if (stopping) return finish(code ?? 0);
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      if (code === 0) {
        say('the server exited normally');
        return finish(0);
      }
      if (code === EX_CONFIG) {
        say('the server stopped on a configuration error; fix it and start again (not restarting)');
        return finish(code);
      }
      const up = Date.now() - startedAt;
      if (up >= stableAfterMs) delay = minDelayMs;
      restarts++;
      say(`the server (pid ${c.pid}) stopped unexpectedly (${how}) after ${secs(up)}; restarting in ${secs(delay)} (restart ${restarts})`);
      timer = setTimeout(start, delay);
      delay = Math.min(maxDelayMs, delay * 2);
    });
  };
  start();

  return {
    get pid() {
      return child?.pid;
    },
    get restarts() {
      return restarts;
    },
    /** Stops for good: the signal is passed on to the server (none is running during a pause). */
    stop(signal = 'SIGTERM') {
      stopping = true;
      if (timer) {
        clearTimeout(timer);
        timer = null;
        finish(0);
      } else if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
      else finish(0);
      return done;
    },
    done,
  };
}
