// Readiness (/readyz): whether this copy should be sent requests. /healthz says the process is alive; /readyz also
// says the database answers, every migration this code ships is applied, and the file store takes writes — and
// turns 503 as soon as the copy starts shutting down, while it still finishes what it has.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_DIR, rows, type Db } from './db.js';

type JournalEntry = { tag: string; when: number };
let shipped: JournalEntry[] | undefined;

/** The migrations this code ships (migrations/meta/_journal.json), oldest first. */
export function shippedMigrations(dir = MIGRATIONS_DIR): JournalEntry[] {
  if (dir !== MIGRATIONS_DIR) return readJournal(dir);
  return (shipped ??= readJournal(dir));
}
const readJournal = (dir: string): JournalEntry[] =>
  (JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries.map((e) => ({
    tag: e.tag,
    when: e.when,
  }));

/** The shipped migrations the database has not applied: those newer than the newest applied one (what the migrator
 *  would apply at the next start). All of them when the migrations table does not exist. */
export async function pendingMigrations(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const [t] = await rows<{ exists: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`);
  const all = shippedMigrations(dir);
  if (!t?.exists) return all.map((m) => m.tag);
  const [last] = await rows<{ at: string | number | null }>(db, sql`select max(created_at) as at from drizzle.__drizzle_migrations`);
  const at = last?.at == null ? -Infinity : Number(last.at);
  return all.filter((m) => m.when > at).map((m) => m.tag);
}

/** Writes and removes a small file in the file store's directory (DATA_DIR/files): throws when it cannot. */
export async function checkStorageWritable(dataDir: string): Promise<void> {
  const dir = path.join(dataDir, 'files');
  await fsp.mkdir(dir, { recursive: true });
  const probe = path.join(dir, `.ready-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    await fsp.writeFile(probe, 'ok', { flag: 'wx' });
  } finally {
    await fsp.rm(probe, { force: true });
  }
}

export type ReadyCheck = 'database' | 'migrations' | 'storage' | 'shutdown';
export type Readiness = { status: 'ready' | 'not_ready'; notReady?: ReadyCheck[]; checks: Partial<Record<ReadyCheck, string>> };

/**
 * What /readyz answers. `draining`: the copy is shutting down (nothing else is checked); `answer`: wraps a database
 * query so that a busy embedded database counts as answering (as /healthz does), returning 'busy' instead.
 */
export async function readiness(opts: {
  db: Db;
  dataDir: string;
  draining: boolean;
  answer?: <T>(q: Promise<T>) => Promise<T | 'busy'>;
}): Promise<Readiness> {
  if (opts.draining) {
    return { status: 'not_ready', notReady: ['shutdown'], checks: { shutdown: 'shutting down: finishing the requests in progress' } };
  }
  const answer = opts.answer ?? (<T>(q: Promise<T>) => q);
  const checks: Readiness['checks'] = {};
  const notReady: ReadyCheck[] = [];
  const fail = (c: ReadyCheck, why: string) => {
    checks[c] = why;
    notReady.push(c);
  };
  try {
    const pending = await answer(pendingMigrations(opts.db));
    checks.database = pending === 'busy' ? 'busy' : 'ok';
    if (pending === 'busy') checks.migrations = 'not checked (the database is busy)';
    else if (pending.length) fail('migrations', `${pending.length} not applied: ${pending.join(', ')}`);
    else checks.migrations = 'ok';
  } catch {
    // No query text or parameters: only that it did not answer.
    fail('database', 'unavailable');
    fail('migrations', 'not checked (no database)');
  }
  try {
    await checkStorageWritable(opts.dataDir);
    checks.storage = 'ok';
  } catch (e) {
    // The error's code only (EACCES, EROFS, ENOSPC …): no path of the machine in a public answer.
    const code = (e as NodeJS.ErrnoException)?.code;
    fail('storage', `DATA_DIR/files is not writable${code ? ` (${code})` : ''}`);
  }
  return notReady.length ? { status: 'not_ready', notReady, checks } : { status: 'ready', checks };
}
