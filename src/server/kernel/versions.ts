// Change stamps of tables (migration 0018): `data_versions` holds one row per tracked table whose version is bumped
// at the commit of every transaction that wrote it. A stamp read after a commit sees it, on every server copy.
import { sql } from 'drizzle-orm';
import { rows, textArray, type Db } from './db.js';

export interface TableVersion {
  version: string;
  /** When the version was bumped (database clock, ms since the epoch). */
  changedAt: number;
}

export interface DataVersions {
  tables: Map<string, TableVersion>;
  /** The database clock when the versions were read (ms since the epoch). */
  readAt: number;
}

/** Every tracked table's version, in one query. */
export async function readDataVersions(db: Db): Promise<DataVersions> {
  const r = await rows<{ name: string; version: string; changed: number; now: number }>(db, sql`select name, version::text as version,
    (extract(epoch from changed_at) * 1000)::float8 as changed, (extract(epoch from clock_timestamp()) * 1000)::float8 as now from data_versions`);
  return {
    tables: new Map(r.map((x) => [x.name, { version: x.version, changedAt: Number(x.changed) }])),
    readAt: r.length ? Number(r[0]!.now) : Date.now(),
  };
}

/** One text stamp of the given tables' versions (changes whenever a committed write touched one of them);
 *  null when one of them is not tracked (then nothing may be cached on it). */
export async function tablesStamp(db: Db, tables: readonly string[]): Promise<string | null> {
  const r = await rows<{ name: string; version: string }>(db, sql`select name, version::text as version from data_versions where name = any(${textArray(tables)})`);
  if (r.length !== new Set(tables).size) return null;
  return r.sort((a, b) => (a.name < b.name ? -1 : 1)).map((x) => x.version).join('.');
}

type Client = Record<'query' | 'exec' | 'transaction', (...a: unknown[]) => Promise<unknown>>;
const generations = new WeakMap<object, { n: number }>();

/**
 * Embedded PGlite belongs to this one process: every write to it is a call on its client here. Counts those calls
 * (at start and at end, so one in flight never goes unnoticed): while the count has not moved since versions were
 * read, nothing can have changed them, and a request needs no query at all. Null for PostgreSQL (other copies
 * write too): there every request reads.
 */
function pgliteGeneration(db: Db): { n: number } | null {
  const client = (db as unknown as { $client?: Client & { dumpDataDir?: unknown } }).$client;
  if (!client || typeof client.dumpDataDir !== 'function') return null;
  let g = generations.get(client);
  if (g) return g;
  const gen = { n: 0 };
  g = gen;
  for (const m of ['query', 'exec', 'transaction'] as const) {
    const original = client[m].bind(client);
    client[m] = (...args: unknown[]) => {
      gen.n++;
      return original(...args).finally(() => { gen.n++; });
    };
  }
  generations.set(client, gen);
  return gen;
}

/**
 * A reader for request paths: concurrent callers share one query, but only one that STARTED after they called, so
 * every caller sees every write committed before its call (exact), while a burst of N requests costs about two
 * queries instead of N. On PGlite the last result is reused while no other query ran in between.
 */
export function versionReader(db: Db): () => Promise<DataVersions> {
  let running: Promise<DataVersions> | null = null;
  let queued: Promise<DataVersions> | null = null;
  const gen = pgliteGeneration(db);
  let last: { at: number; v: DataVersions } | null = null;
  const start = () => {
    const before = gen?.n ?? 0;
    const p: Promise<DataVersions> = readDataVersions(db).then((v) => {
      // The read's own query moved the count by two; anything more was another query meanwhile.
      if (gen && gen.n === before + 2) last = { at: gen.n, v };
      return v;
    }).finally(() => { if (running === p) running = null; });
    running = p;
    return p;
  };
  return () => {
    if (gen && last && last.at === gen.n) return Promise.resolve(last.v);
    if (!running) return start();
    if (!queued) {
      queued = running.then(() => undefined, () => undefined).then(() => { queued = null; return start(); });
    }
    return queued;
  };
}
