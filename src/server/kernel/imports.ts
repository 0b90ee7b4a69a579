// How many imports this process reads at once, and the queue of the others. Reading a large workbook, matching and
// staging its rows takes memory and CPU; with every import of every module passing through one queue, a burst of
// uploads waits its turn instead of taking the server down. A place in the queue is taken before the upload is read,
// so a full queue is refused at once (503 with Retry-After) and a waiting upload costs no memory: its body is read
// when its turn comes. Background imports (training) report their place ("queued, N ahead") in their progress.
import { busy } from './errors.js';

/** What a refused upload is told to wait before trying again (Retry-After), seconds. */
const RETRY_AFTER_S = 30;

export type ImportLimits = { concurrency: number; maxWaiting: number };

export class ImportQueue {
  private running = 0;
  private readonly waiting: { start(): void }[] = [];
  constructor(private limits: ImportLimits = { concurrency: 2, maxWaiting: 8 }) {}

  configure(limits: ImportLimits): void {
    this.limits = { ...limits };
    this.pump();
  }

  stats(): { running: number; queued: number; concurrency: number; maxWaiting: number } {
    return { running: this.running, queued: this.waiting.length, ...this.limits };
  }

  /** Takes a place: `started` resolves when the import may run, `ahead()` counts the imports queued before it (0 once
   *  it runs), `running()` says whether it runs, `done()` gives the place back (idempotent). Throws 503 (busy) when the
   *  queue is full. */
  enter(): ImportTicket {
    if (this.running >= this.limits.concurrency && this.waiting.length >= this.limits.maxWaiting) {
      throw busy(
        `The server is already reading ${this.running} imports and has ${this.waiting.length} more waiting; send the file again in a minute`,
        [{ field: 'file', message: 'too many imports at once: try again later' }],
        RETRY_AFTER_S,
      );
    }
    let state: 'waiting' | 'running' | 'done' = 'waiting';
    let release!: () => void;
    const started = new Promise<void>((resolve) => {
      release = resolve;
    });
    const entry = {
      start: () => {
        state = 'running';
        this.running++;
        release();
      },
    };
    const ticket: ImportTicket = {
      started,
      ahead: () => (state === 'waiting' ? this.waiting.indexOf(entry) : 0),
      running: () => state === 'running',
      done: () => {
        if (state === 'running') this.running--;
        else if (state === 'waiting') this.waiting.splice(this.waiting.indexOf(entry), 1);
        state = 'done';
        this.pump();
      },
    };
    this.waiting.push(entry);
    this.pump();
    return ticket;
  }

  /** Runs `fn` when its turn comes (503 at once when the queue is full). */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const ticket = this.enter();
    try {
      await ticket.started;
      return await fn();
    } finally {
      ticket.done();
    }
  }

  private pump(): void {
    while (this.running < this.limits.concurrency && this.waiting.length) this.waiting.shift()!.start();
  }
}

export type ImportTicket = { started: Promise<void>; ahead(): number; running(): boolean; done(): void };

/** The process's one queue of imports (configured from IMPORTS_AT_ONCE and IMPORT_QUEUE by buildApp). */
export const importQueue = new ImportQueue();
