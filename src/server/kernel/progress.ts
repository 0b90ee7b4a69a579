// The figure of long work while it runs (issue 18): an import's rows read, matched and written, polled by the workspace
// with GET /api/progress/:id while the upload's request is still being answered. The client makes up an id (header
// x-progress-id, 8–64 characters A–Z a–z 0–9 _ -) and sends it with the POST; the handler takes a reporter with
// `progressOf(req)` and tells it how far it is. Entries are keyed by the signed-in user and the id, so nobody reads
// another's figure; they are few per user and overall, and forgotten PROGRESS_TTL_MS after their last word.
//
// In memory, per process: with several copies behind a balancer a poll that reaches another copy answers 404, and the
// workspace keeps showing its own figure (upload, then "processing") until the answer comes. Issue 20 moves long work
// to jobs with their progress in the database.
//
// The embedded database runs one statement at a time on this thread and makes every other query wait for an open
// transaction: a poll must not wait for the import it asks about. So the registry remembers which session started an
// entry (the hash of its token, never the token), and the poll's route reads its caller from there first
// (`sessionOwner`): it is answered from memory, without the database, while the import writes. (A session signed out
// meanwhile can still read its own figures until they expire: nothing else.) `step` yields to the
// event loop every few milliseconds so that the poll gets its turn at all.
import crypto from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

export type ProgressStage = 'read' | 'match' | 'write';
export type ProgressFigure = { stage: ProgressStage; done: number; total: number | null; finished: boolean };

export interface ProgressReporter {
  /** Says how far the work is (cheap: stored at most every THROTTLE_MS, and always when the stage or the total changes
   *  or the stage is complete; a report held back is stored when the work finishes). */
  report(stage: ProgressStage, done: number, total?: number | null): void;
  /** `report`, then a turn of the event loop when the work has held the thread for YIELD_MS (await it in loops). */
  step(stage: ProgressStage, done: number, total?: number | null): Promise<void>;
  /** The work is over (answered or failed): the last figure is stored and kept until it expires. */
  finish(): void;
}

/** The id a client makes up: 8–64 characters of A–Z a–z 0–9 _ -. */
export const PROGRESS_ID = /^[A-Za-z0-9_-]{8,64}$/;
export const PROGRESS_HEADER = 'x-progress-id';
export const PROGRESS_TTL_MS = 10 * 60_000;
export const THROTTLE_MS = 250;
/** How long work may hold the thread between two turns of the event loop (`step`). */
export const YIELD_MS = 20;

type Entry = ProgressFigure & { userId: number; updated: number };
export type ProgressLimits = { perUser: number; overall: number; ttlMs: number; throttleMs: number };
const DEFAULT_LIMITS: ProgressLimits = { perUser: 20, overall: 2000, ttlMs: PROGRESS_TTL_MS, throttleMs: THROTTLE_MS };

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

export class ProgressRegistry {
  /** By `${userId}:${id}`; a Map keeps insertion order, so the first entries are the oldest started. */
  private readonly entries = new Map<string, Entry>();
  /** Sessions that started an entry (hash of the token → user), forgotten with their last entry. */
  private readonly sessions = new Map<string, { userId: number; updated: number }>();

  constructor(
    private readonly limits: ProgressLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A reporter for the work of `userId` under the client's `id` (a reporter that stores nothing when there is no id). */
  start(userId: number, id: string | null | undefined, sessionToken?: string | null): ProgressReporter {
    if (!id || !PROGRESS_ID.test(id)) return noProgress;
    this.sweep();
    const key = `${userId}:${id}`;
    this.entries.delete(key); // a reused id starts again, as the newest
    const mine = [...this.entries.entries()].filter(([, e]) => e.userId === userId);
    for (const [k] of mine.slice(0, Math.max(0, mine.length - this.limits.perUser + 1))) this.entries.delete(k);
    while (this.entries.size >= this.limits.overall) this.entries.delete(this.entries.keys().next().value!);
    const entry: Entry = { userId, stage: 'read', done: 0, total: null, finished: false, updated: this.now() };
    this.entries.set(key, entry);
    if (sessionToken) {
      const h = tokenHash(sessionToken);
      this.sessions.delete(h);
      this.sessions.set(h, { userId, updated: entry.updated });
      while (this.sessions.size > this.limits.overall) this.sessions.delete(this.sessions.keys().next().value!);
    }
    let stored = 0; // when the figure was last stored
    let held = Date.now(); // since when the work has held the thread
    let last: { stage: ProgressStage; done: number; total: number | null } | null = null; // a report not stored yet
    const store = (stage: ProgressStage, done: number, total: number | null) => {
      last = null;
      entry.stage = stage;
      entry.done = done;
      entry.total = total;
      entry.updated = stored = this.now();
    };
    const reporter: ProgressReporter = {
      report: (stage, done, total = null) => {
        if (entry.finished) return;
        if (stage !== entry.stage || total !== entry.total || done === total || this.now() - stored >= this.limits.throttleMs)
          store(stage, done, total);
        else last = { stage, done, total };
      },
      step: async (stage, done, total) => {
        reporter.report(stage, done, total);
        if (Date.now() - held < YIELD_MS) return;
        await nextTurn();
        held = Date.now();
      },
      finish: () => {
        if (entry.finished) return;
        if (last) store(last.stage, last.done, last.total); // the last word, however soon it came
        entry.finished = true;
        entry.updated = this.now();
      },
    };
    return reporter;
  }

  /** The figure of `userId`'s work `id`; null when unknown, expired or someone else's. */
  get(userId: number, id: string): ProgressFigure | null {
    this.sweep();
    const e = PROGRESS_ID.test(id) ? this.entries.get(`${userId}:${id}`) : undefined;
    return e ? { stage: e.stage, done: e.done, total: e.total, finished: e.finished } : null;
  }

  /** The user whose session (token) started work here, while that work is remembered; null otherwise. */
  sessionOwner(sessionToken: string): number | null {
    this.sweep();
    return this.sessions.get(tokenHash(sessionToken))?.userId ?? null;
  }

  size(): number {
    return this.entries.size;
  }

  /** Forgets entries (and sessions) with no word for `ttlMs`. */
  private sweep(): void {
    const before = this.now() - this.limits.ttlMs;
    for (const [k, e] of this.entries) if (e.updated < before) this.entries.delete(k);
    const users = new Set([...this.entries.values()].map((e) => e.userId));
    for (const [k, s] of this.sessions) if (!users.has(s.userId) || s.updated < before) this.sessions.delete(k);
  }
}

/** A reporter that stores nothing (work without an id, tests, the CLI); `step` still yields to the event loop. */
export const noProgress: ProgressReporter = (() => {
  let held = Date.now();
  return {
    report: () => undefined,
    step: async () => {
      if (Date.now() - held < YIELD_MS) return;
      await nextTurn();
      held = Date.now();
    },
    finish: () => undefined,
  };
})();

/** The process's one registry. */
export const progressRegistry = new ProgressRegistry();

/** The reporter of a request's work: its x-progress-id for its signed-in user (none without either). A malformed id
 *  is refused (400) rather than silently not reported. */
export function progressOf(req: FastifyRequest): ProgressReporter {
  const raw = req.headers[PROGRESS_HEADER];
  const userId = req.actor?.userId;
  if (raw === undefined || userId == null) return noProgress;
  const id = Array.isArray(raw) ? raw[0] : raw;
  if (!id || !PROGRESS_ID.test(id))
    throw new AppError('validation_failed', 'The header x-progress-id must be 8 to 64 letters, digits, "_" or "-"', [
      { field: PROGRESS_HEADER, message: '8–64 characters A–Z a–z 0–9 _ -' },
    ]);
  return progressRegistry.start(userId, id, req.sessionToken);
}

/** Counts the rows of a stream as they are read (stage 'read', total unknown), yielding to the event loop now and then;
 *  `count` carries the count on across the sheets of one workbook. */
export async function* countRead<T>(rows: AsyncIterable<T>, progress: ProgressReporter, count = { read: 0 }): AsyncGenerator<T> {
  for await (const r of rows) {
    yield r;
    await progress.step('read', ++count.read);
  }
}

/** Runs a request's work with its reporter (`progressOf`), and marks the figure finished however the work ends. */
export async function withProgress<T>(req: FastifyRequest, work: (progress: ProgressReporter) => Promise<T>): Promise<T> {
  const progress = progressOf(req);
  try {
    return await work(progress);
  } finally {
    progress.finish();
  }
}
