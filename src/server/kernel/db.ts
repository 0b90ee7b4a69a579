// Database access: embedded PGlite under DATA_DIR by default, a PostgreSQL server when DATABASE_URL is set.
// Both run the same drizzle schema and the same committed migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql } from 'drizzle-orm';
import { notFound } from './errors.js';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from '../schema.js';

export type Db = PgDatabase<any, typeof schema>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'pg';
  /** The embedded database's client (PGlite only): backups take its data directory through it. */
  pglite?: PGlite;
  migrate(): Promise<void>;
  /** Runs `fn` while holding the start-up lock: copies starting together on one PostgreSQL migrate, load reference
   *  data and seed one after the other (PGlite has one process anyway). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** pg_advisory_lock key of the start-up work ("RightsHu" as bytes). */
const STARTUP_LOCK = 0x5269676874734875n;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');
export const PGLITE_EXTENSIONS = { unaccent, pg_trgm };

export async function openPglite(dataDir?: string, loadDataDir?: Blob | File): Promise<Database> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir, extensions: PGLITE_EXTENSIONS, loadDataDir });
  return wrapPglite(client);
}

export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR }),
    exclusive: (fn) => fn(),
    close: () => client.close(),
  };
}

export function openPg(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  let closing = false;
  // An idle connection the server closes (restart, failover, a dropped database) must not crash the process: the
  // pool discards it and opens a new one on the next query. Without a listener, Node treats the event as fatal.
  pool.on('error', (err) => {
    if (!closing) console.warn(`PostgreSQL: an idle connection was closed (${err.message}); it will be replaced.`);
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pg',
    migrate: () => migratePg(db as never, { migrationsFolder: MIGRATIONS_DIR }),
    exclusive: async (fn) => {
      // A session-level lock on a connection of its own; the work itself runs on the pool's other connections.
      const holder = await pool.connect();
      try {
        await holder.query('select pg_advisory_lock($1)', [STARTUP_LOCK.toString()]);
        try {
          return await fn();
        } finally {
          await holder.query('select pg_advisory_unlock($1)', [STARTUP_LOCK.toString()]);
        }
      } finally {
        holder.release();
      }
    },
    close: () => {
      closing = true;
      return pool.end();
    },
  };
}

/** A migrated embedded database with its reference data, dumped by `npm run build` (scripts/db-template.mjs): a
 *  fresh data dir starts from it instead of running initdb (most of a first start's time). Migrations and reference
 *  data are applied at every start anyway, so a template older than them is still correct, only less of a head start. */
export const PGLITE_TEMPLATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/pglite-template.tar.gz');

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) return openPg(opts.databaseUrl);
  const dir = path.join(opts.dataDir, 'db');
  if (!fs.existsSync(path.join(dir, 'PG_VERSION')) && fs.existsSync(PGLITE_TEMPLATE)) {
    return openPglite(dir, new Blob([fs.readFileSync(PGLITE_TEMPLATE)]));
  }
  return openPglite(dir);
}

/** A timestamp (a Date, or the text raw SQL returns) as ISO 8601; null stays null. */
export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
/** A list of integers as one `int[]` parameter (`= any(${intArray(ids)})`): one parameter however long the list;
 *  null elements stay NULL (for `unnest(…)` writes). */
export const intArray = (xs: Iterable<number | null>) =>
  sql`${`{${[...xs].map((x) => (x === null ? 'NULL' : Math.trunc(Number(x)))).join(',')}}`}::int[]`;
/** A list of strings as one `text[]` parameter (`= any(${textArray(xs)})`), every element quoted and escaped; null
 *  elements stay NULL. */
export const textArray = (xs: Iterable<string | null>) =>
  sql`${`{${[...xs].map((x) => (x === null ? 'NULL' : `"${x.replace(/["\\]/g, (m) => `\\${m}`)}"`)).join(',')}}`}::text[]`;
/** Numbers (`numeric[]`) and booleans (`boolean[]`) as one parameter each, for multi-row `insert … select from unnest(…)`. */
export const numericArray = (xs: Iterable<number | null>) =>
  sql`${`{${[...xs].map((x) => (x === null || !Number.isFinite(x) ? 'NULL' : String(x))).join(',')}}`}::numeric[]`;
export const boolArray = (xs: Iterable<boolean>) => sql`${`{${[...xs].map((x) => (x ? 't' : 'f')).join(',')}}`}::boolean[]`;

/** Rows of a raw SQL query, the same on PGlite and pg. */
export async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** Locks one row (`select … for update`, in the caller's transaction) and reads it with `read`; `what` names it in
 *  the not-found error ("Exhibition 12 not found"). */
export async function lockRow<T>(db: Db, table: string, id: number, what: string, read: (db: Db, id: number) => Promise<T>): Promise<T> {
  const r = await rows<{ id: number }>(db, sql`select id from ${sql.identifier(table)} where id = ${id} for update`);
  if (!r.length) throw notFound(`${what} ${id}`);
  return read(db, id);
}

export async function ping(db: Db): Promise<boolean> {
  const r = await rows<{ ok: number }>(db, sql`select 1 as ok`);
  return r[0]?.ok === 1;
}
