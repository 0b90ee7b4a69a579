// Change stamps of tables (migration 0018): `data_versions` holds one row per tracked table whose version is bumped
// at the commit of every transaction that wrote it. A stamp read after a commit sees it, on every server copy.
import { sql } from 'drizzle-orm';
import pg from 'pg';
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

/** How many times this process read the versions (for tests: the page cache must not read per request). */
export const versionReads = { count: 0 };

/** Every tracked table's version, in one query. */
export async function readDataVersions(db: Db): Promise<DataVersions> {
  versionReads.count++;
  const r = await rows<{ name: string; version: string; changed: number; now: number }>(
    db,
    sql`select name, version::text as version,
    (extract(epoch from changed_at) * 1000)::float8 as changed, (extract(epoch from clock_timestamp()) * 1000)::float8 as now from data_versions`,
  );
  return {
    tables: new Map(r.map((x) => [x.name, { version: x.version, changedAt: Number(x.changed) }])),
    readAt: r.length ? Number(r[0]!.now) : Date.now(),
  };
}

/** One text stamp of the given tables' versions (changes whenever a committed write touched one of them);
 *  null when one of them is not tracked (then nothing may be cached on it). */
export async function tablesStamp(db: Db, tables: readonly string[]): Promise<string | null> {
  const r = await rows<{ name: string; version: string }>(
    db,
    sql`select name, version::text as version from data_versions where name = any(${textArray(tables)})`,
  );
  if (r.length !== new Set(tables).size) return null;
  return r
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((x) => x.version)
    .join('.');
}

type Client = Record<'query' | 'exec' | 'transaction', (...a: unknown[]) => Promise<unknown>>;
type Counter = { n: number };
const generations = new WeakMap<object, Counter>();

/** Wraps the named async methods of `o` so each call moves `gen` at its start and at its end (one in flight never
 *  goes unnoticed). */
function countCalls(o: Record<string, unknown>, methods: readonly string[], gen: Counter) {
  for (const m of methods) {
    const original = (o[m] as (...a: unknown[]) => unknown).bind(o);
    o[m] = (...args: unknown[]) => {
      gen.n++;
      const r = original(...args);
      if (r && typeof (r as Promise<unknown>).finally === 'function')
        return (r as Promise<unknown>).finally(() => {
          gen.n++;
        });
      gen.n++;
      return r;
    };
  }
}

/**
 * Counts the calls of this process on its database client: while the count has not moved since versions were read,
 * nothing this process did can have changed them. Embedded PGlite belongs to this one process, so there that is the
 * whole truth. For a PostgreSQL pool, every query of every client it lends (pool.query borrows one too) is counted; other copies' writes arrive as notifications (below).
 */
function localGeneration(db: Db): { gen: Counter; kind: 'pglite' | 'pg' } | null {
  const client = (db as unknown as { $client?: Client & { dumpDataDir?: unknown } }).$client;
  if (!client) return null;
  const isPglite = typeof client.dumpDataDir === 'function';
  const isPool = client instanceof pg.Pool;
  if (!isPglite && !isPool) return null;
  let gen = generations.get(client);
  if (!gen) {
    const g: Counter = { n: 0 };
    gen = g;
    if (isPglite) countCalls(client as unknown as Record<string, unknown>, ['query', 'exec', 'transaction'], g);
    else {
      // pool.query lends a client too, so counting the lent clients' queries counts every query exactly once.
      const pool = client as unknown as pg.Pool;
      const lent = new WeakSet<object>();
      pool.on('acquire', (c) => {
        if (lent.has(c)) return;
        lent.add(c);
        countCalls(c as unknown as Record<string, unknown>, ['query'], g);
      });
    }
    generations.set(client, g);
  }
  return { gen, kind: isPglite ? 'pglite' : 'pg' };
}

/** The channel migration 0025's flush notifies at the commit of every transaction that bumped a version. */
export const VERSIONS_CHANNEL = 'rh_data_versions';

export interface VersionListener {
  /** True while the LISTEN connection is up (notifications cannot have been missed since `since`). */
  listening: boolean;
  /** Moves on every notification and every (re)connection. */
  notified: number;
}
const listeners = new WeakMap<object, VersionListener>();

/**
 * One LISTEN connection per pool (outside it, so it never takes a slot a request needs), reconnected with backoff
 * when it drops. Until it is (again) listening, readers read on every request, as without it.
 */
function versionListener(pool: pg.Pool): VersionListener {
  const known = listeners.get(pool);
  if (known) return known;
  const state: VersionListener = { listening: false, notified: 0 };
  listeners.set(pool, state);
  let closed = false;
  let client: pg.Client | null = null;
  let delay = 500;
  const connect = async () => {
    if (closed) return;
    const c = new pg.Client(pool.options as pg.ClientConfig);
    client = c;
    const lost = () => {
      if (client !== c) return;
      state.listening = false;
      state.notified++;
      client = null;
      c.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect(), delay).unref(); // connect() handles its own failure (lost → retry)
      delay = Math.min(delay * 2, 30_000);
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', () => {
      state.notified++;
    });
    try {
      await c.connect();
      // The socket must not keep a process alive that is otherwise done (tests, CLI commands).
      (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      await c.query(`LISTEN ${VERSIONS_CHANNEL}`);
      if (client !== c) return;
      state.notified++;
      state.listening = true;
      delay = 500;
    } catch {
      lost();
    }
  };
  void connect();
  const end = pool.end.bind(pool);
  pool.end = (() => {
    closed = true;
    state.listening = false;
    const c = client;
    client = null;
    return Promise.all([c?.end().catch(() => undefined), end()]).then(() => undefined);
  }) as typeof pool.end;
  return state;
}

/** Re-read at least this often even when nothing says anything changed (a lost notification, a clock of "now"). */
const MAX_REUSE_MS = 1000;

/**
 * A reader for request paths. It answers from the last read while nothing can have changed since:
 * - on PGlite, while no other call reached the database (it belongs to this process alone): exact;
 * - on PostgreSQL, while this process ran no other query AND no notification came from the commit of a write
 *   elsewhere (migration 0025: the flush trigger notifies `rh_data_versions`) AND the LISTEN connection stayed up,
 *   and for at most a second. A write by another copy is then seen as soon as its notification is delivered
 *   (milliseconds after its commit); a write by this process at once.
 * Otherwise it reads: concurrent callers share one query, but only one that STARTED after they called, so each sees
 * every write committed before its call, and a burst of N requests costs about two queries instead of N.
 */
export function versionReader(db: Db): () => Promise<DataVersions> {
  let running: Promise<DataVersions> | null = null;
  let queued: Promise<DataVersions> | null = null;
  const local = localGeneration(db);
  const listener = local?.kind === 'pg' ? versionListener((db as unknown as { $client: pg.Pool }).$client) : null;
  let last: { gen: number; notified: number; at: number; v: DataVersions } | null = null;
  const start = () => {
    const before = local?.gen.n ?? 0;
    const notified = listener?.notified ?? 0;
    const listening = listener?.listening ?? true;
    const p: Promise<DataVersions> = readDataVersions(db)
      .then((v) => {
        // The read's own query moved the count by two; anything more was another query meanwhile.
        if (local && local.gen.n === before + 2 && listening) last = { gen: local.gen.n, notified, at: Date.now(), v };
        else last = null;
        return v;
      })
      .finally(() => {
        if (running === p) running = null;
      });
    running = p;
    return p;
  };
  const fresh = () => {
    if (!local || !last || last.gen !== local.gen.n) return false;
    if (!listener) return true;
    return listener.listening && last.notified === listener.notified && Date.now() - last.at < MAX_REUSE_MS;
  };
  return () => {
    if (fresh()) return Promise.resolve(last!.v);
    if (!running) return start();
    if (!queued) {
      queued = running
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          queued = null;
          return start();
        });
    }
    return queued;
  };
}
