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

/**
 * A reader for request paths: concurrent callers share one query, but only one that STARTED after they called, so
 * every caller sees every write committed before its call (exact), while a burst of N requests costs about two
 * queries instead of N.
 */
export function versionReader(db: Db): () => Promise<DataVersions> {
  let running: Promise<DataVersions> | null = null;
  let queued: Promise<DataVersions> | null = null;
  const start = () => {
    const p: Promise<DataVersions> = readDataVersions(db).finally(() => { if (running === p) running = null; });
    running = p;
    return p;
  };
  return () => {
    if (!running) return start();
    if (!queued) {
      queued = running.then(() => undefined, () => undefined).then(() => { queued = null; return start(); });
    }
    return queued;
  };
}
