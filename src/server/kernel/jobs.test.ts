// Interval jobs: run on their timer, log failures without stopping, and wait for running work on stop.
import { describe, expect, it, vi } from 'vitest';
import type { Db } from './db.js';
import { startIntervalJobs } from './jobs.js';

const silent = { info: () => undefined, error: () => undefined } as never;

describe('interval jobs', () => {
  it('runs each job on its timer and keeps going after a failure', async () => {
    let runs = 0;
    let fails = 0;
    const stop = startIntervalJobs({} as Db, silent, [
      { name: 'count', everyMs: 10, run: async () => ++runs },
      {
        name: 'fail',
        everyMs: 10,
        run: async () => {
          fails++;
          throw new Error('boom');
        },
      },
    ]);
    // Wait for three runs of each (a loaded machine may delay timers; no timing is asserted).
    for (let waited = 0; (runs < 3 || fails < 3) && waited < 30_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    await stop();
    const after = runs;
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(fails).toBeGreaterThanOrEqual(3);
    expect(runs).toBe(after); // stopped
  });

  it('runs a job with firstRunMs shortly after start, then on its interval', async () => {
    let runs = 0;
    let later = 0;
    const stop = startIntervalJobs({} as Db, silent, [
      { name: 'soon', everyMs: 3_600_000, firstRunMs: 5, run: async () => ++runs },
      { name: 'later', everyMs: 3_600_000, run: async () => ++later },
    ]);
    await vi.waitFor(() => expect(runs).toBe(1), { timeout: 5_000, interval: 10 });
    await stop();
    expect(later).toBe(0); // without firstRunMs: one interval after start
  });
});
