// Periodic jobs inside the server process. Each job must be idempotent and safe to run on several copies
// at once (the work is claimed in the database), so N stateless copies can each run the timer.
// Bigger queues (feed polling, reports) are planned on pg-boss; these are the small recurring sweeps.
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './db.js';

/** `firstRunMs`: the first run comes this long after start (then every `everyMs`); without it, one interval after start. */
export type IntervalJob = { name: string; everyMs: number; firstRunMs?: number; run: (db: Db) => Promise<number> };

export function startIntervalJobs(db: Db, log: FastifyBaseLogger, jobs: IntervalJob[]): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  const first: NodeJS.Timeout[] = [];
  const timers = jobs.map((job) => {
    const tick = () => {
      const p = job
        .run(db)
        .then((n) => {
          if (n > 0) log.info({ job: job.name, done: n }, 'job ran');
        })
        .catch((err) => log.error({ err, job: job.name }, 'job failed'))
        .finally(() => running.delete(p));
      running.add(p);
    };
    if (job.firstRunMs !== undefined) first.push(setTimeout(tick, job.firstRunMs).unref());
    return setInterval(tick, job.everyMs).unref();
  });
  return async () => {
    first.forEach(clearTimeout);
    timers.forEach(clearInterval);
    await Promise.allSettled([...running]);
  };
}
