// The database side of backups (kernel/backup.ts): what a database holds (every table's row count and content sum,
// the stored files it refers to, its schema migration), a consistent copy of the embedded database (PGlite's data
// directory, taken by the running server through a local socket, or by this process when no server runs), and
// pg_dump / pg_restore for PostgreSQL.
import { execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { MIGRATIONS_DIR, openPglite } from './db.js';

export class BackupError extends Error {}

/** One SQL statement's rows: the same shape from PGlite (in a transaction) and from a pg client. */
export type Query = (text: string) => Promise<Record<string, unknown>[]>;

export interface TableSum {
  name: string;
  rows: number;
  sum: string;
}

export interface DatabaseState {
  /** Every table of every non-system schema (drizzle's migration table included), by name. */
  tables: TableSum[];
  /** SHA-256 of every stored file a row refers to (columns named sha256 or *_sha256). */
  referenced: string[];
  /** The newest applied migration (its tag in migrations/meta/_journal.json) and how many are applied. */
  migration: { tag: string | null; count: number };
  serverVersion: string;
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Statements that make a row's text the same in every session (run inside the caller's transaction). */
const STABLE_TEXT = [
  "set local timezone = 'UTC'",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  'set local extra_float_digits = 1',
  "set local bytea_output = 'hex'",
];

/** The journal's migrations by their `when` (drizzle stores it as created_at). */
export function migrationJournal(): { tag: string; when: number }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries;
}

/** Reads what a database holds; `q` runs inside one transaction (its snapshot is the state described). Each table's
 *  sum adds up the first 60 bits of every row's SHA-256: independent of row order, cheap to stream on big tables. */
export async function inspectDatabase(q: Query): Promise<DatabaseState> {
  for (const s of STABLE_TEXT) await q(s);
  const list = await q(`select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
      and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
    order by 1, 2`);
  const tables: TableSum[] = [];
  for (const t of list) {
    const [r] =
      await q(`select count(*)::text as rows, coalesce(sum(('x' || substr(encode(sha256(convert_to(rh_backup_row::text, 'UTF8')), 'hex'), 1, 15))::bit(60)::bigint), 0)::text as sum
      from ${ident(String(t.schema))}.${ident(String(t.name))} as rh_backup_row`);
    tables.push({ name: `${String(t.schema)}.${String(t.name)}`, rows: Number(r!.rows), sum: String(r!.sum) });
  }
  const columns = await q(`select table_name, column_name from information_schema.columns
    where table_schema = 'public' and (column_name = 'sha256' or column_name like '%\\_sha256') and data_type = 'text' order by 1, 2`);
  const referenced = new Set<string>();
  for (const c of columns) {
    const col = ident(String(c.column_name));
    for (const r of await q(`select distinct ${col} as sha from public.${ident(String(c.table_name))} where ${col} is not null`))
      referenced.add(String(r.sha));
  }
  const journal = migrationJournal();
  const [{ exists }] = (await q(`select to_regclass('drizzle.__drizzle_migrations') is not null as exists`)) as [{ exists: boolean }];
  const applied = exists ? await q(`select created_at::text as "when" from drizzle.__drizzle_migrations order by created_at`) : [];
  const last = applied.length ? Number(applied[applied.length - 1]!.when) : null;
  const [v] = await q('show server_version');
  return {
    tables,
    referenced: [...referenced].filter((s) => /^[0-9a-f]{64}$/.test(s)).sort(),
    migration: { tag: last === null ? null : (journal.find((j) => j.when === last)?.tag ?? `unknown (${last})`), count: applied.length },
    serverVersion: String(v!.server_version),
  };
}

// ---- PGlite: a copy of the data directory ----

export type PgliteSnapshot = { state: DatabaseState; dump: Buffer };

/** A consistent copy of an open embedded database: in one transaction (which holds off every other query and
 *  transaction of the process — PGlite has one connection) it reads the state, checkpoints and dumps the data
 *  directory; the server waits for the length of the copy. */
export async function snapshotPglite(client: PGlite): Promise<PgliteSnapshot> {
  return client.transaction(async (tx) => {
    const state = await inspectDatabase(async (text) => (await tx.query<Record<string, unknown>>(text)).rows);
    await tx.query('checkpoint');
    const blob = await client.dumpDataDir('gzip');
    return { state, dump: Buffer.from(await blob.arrayBuffer()) };
  });
}

/** Where the server on an embedded database answers `rightshub backup`: DATA_DIR/rightshub.sock, or (when that path
 *  is too long for a socket) a private directory under the system's temporary directory. Only the data's owner
 *  (the socket is mode 0600) can connect — who can read DATA_DIR/db anyway. */
export function backupSocketPath(dataDir: string): string {
  const inDataDir = path.join(dataDir, 'rightshub.sock');
  const key = crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  if (process.platform === 'win32') return `\\\\.\\pipe\\rightshub-${key}`;
  if (Buffer.byteLength(inDataDir) <= 100) return inDataDir;
  const dir = path.join(os.tmpdir(), `rightshub-${process.getuid?.() ?? 'user'}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid()) || (st.mode & 0o077) !== 0) {
    throw new Error(`${dir} is not a private directory of this user; the backup socket cannot be placed there`);
  }
  return path.join(dir, `${key}.sock`);
}

const connectTo = (socket: string) =>
  new Promise<net.Socket | null>((resolve, reject) => {
    const s = net.connect(socket);
    s.once('connect', () => {
      s.removeAllListeners('error');
      resolve(s);
    });
    s.once('error', (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' || e.code === 'ECONNREFUSED' ? resolve(null) : reject(e)));
  });

export interface BackupChannel {
  serve(client: PGlite): void;
  close(): Promise<void>;
}

/** Claims DATA_DIR for this server before its embedded database is opened: listens on the backup socket, refusing
 *  when another live process already answers there (two processes on one PGlite data directory would corrupt it); a
 *  socket left by a process that died is replaced. Until `serve` it answers that the server is starting. */
export async function openBackupChannel(dataDir: string): Promise<BackupChannel> {
  fs.mkdirSync(dataDir, { recursive: true });
  const socket = backupSocketPath(dataDir);
  let client: PGlite | null = null;
  let busy = false;
  const server = net.createServer((conn) => {
    conn.on('error', () => {}); // the other side went away: nothing to do
    // answer() settles every failure itself (its try/catch ends the connection with the error).
    conn.once('data', (first) => void answer(conn, first));
  });
  const answer = async (conn: net.Socket, first: Buffer) => {
    const reply = (o: object) => conn.write(JSON.stringify(o) + '\n');
    if (!first.toString('utf8').startsWith('snapshot')) return void conn.end();
    if (!client) return void conn.end(JSON.stringify({ ok: false, error: 'the server is still starting; try again in a moment' }) + '\n');
    if (busy)
      return void conn.end(JSON.stringify({ ok: false, error: 'another backup is being taken; try again when it has finished' }) + '\n');
    busy = true;
    try {
      const snap = await snapshotPglite(client);
      reply({ ok: true, state: snap.state, size: snap.dump.length, sha256: crypto.createHash('sha256').update(snap.dump).digest('hex') });
      conn.end(snap.dump);
    } catch (e) {
      conn.end(JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e) }) + '\n');
    } finally {
      busy = false;
    }
  };
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      const umask = process.umask(0o177); // the socket file is created 0600
      try {
        server.listen(socket, () => {
          server.removeListener('error', reject);
          resolve();
        });
      } finally {
        process.umask(umask);
      }
    });
  try {
    await listen();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    const other = await connectTo(socket);
    if (other) {
      other.destroy();
      throw new BackupError(
        `Another RightsHub process is running on DATA_DIR=${dataDir} (it answers at ${socket}); two processes on one embedded database would corrupt it. Stop it first.`,
      );
    }
    fs.rmSync(socket, { force: true }); // left by a process that died
    await listen();
  }
  return {
    serve(c) {
      client = c;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Does a RightsHub server run on DATA_DIR's embedded database (does it answer on the backup socket)? */
export async function serverRunsOn(dataDir: string): Promise<boolean> {
  const conn = await connectTo(backupSocketPath(dataDir));
  conn?.destroy();
  return conn !== null;
}

/** Asks the server running on DATA_DIR for a copy of its embedded database; null when no server answers. */
export async function requestLiveSnapshot(
  dataDir: string,
): Promise<{ state: DatabaseState; size: number; sha256: string; body: AsyncIterable<Buffer> } | null> {
  const socket = backupSocketPath(dataDir);
  const conn = await connectTo(socket);
  if (!conn) return null;
  conn.write('snapshot\n');
  const it = conn[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  while (!head.includes(10)) {
    const r = await it.next();
    if (r.done) throw new BackupError(`The server at ${socket} closed the connection without an answer`);
    head = Buffer.concat([head, r.value]);
  }
  const nl = head.indexOf(10);
  const answer = JSON.parse(head.subarray(0, nl).toString('utf8')) as {
    ok: boolean;
    error?: string;
    state: DatabaseState;
    size: number;
    sha256: string;
  };
  if (!answer.ok) {
    conn.destroy();
    throw new BackupError(`The running server could not copy its database: ${answer.error}`);
  }
  const rest = head.subarray(nl + 1);
  async function* body() {
    if (rest.length) yield rest;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { state: answer.state, size: answer.size, sha256: answer.sha256, body: body() };
}

/** A copy of the embedded database in DATA_DIR/db taken by this process, when no server runs on it. */
export async function snapshotStoppedPglite(dataDir: string): Promise<PgliteSnapshot> {
  const dir = path.join(dataDir, 'db');
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    throw new BackupError(
      `There is no embedded database in ${dir}: nothing to back up (check DATA_DIR; with DATABASE_URL set the backup reads that PostgreSQL database instead)`,
    );
  }
  if (fs.existsSync(path.join(dir, 'postmaster.pid'))) {
    throw new BackupError(
      `The embedded database in ${dir} is open in another process, or was not shut down cleanly, and no RightsHub server answered at ${backupSocketPath(dataDir)}. ` +
        'Stop the other process (rightshub migrate, seed, …) and try again; if none is running, open and close the database once (rightshub migrate) and try again.',
    );
  }
  const database = await openPglite(dir);
  try {
    return await snapshotPglite(database.pglite!);
  } finally {
    await database.close();
  }
}

// ---- PostgreSQL: pg_dump and pg_restore ----

export interface PgTool {
  file: string;
  version: string;
  major: number;
}

/** pg_dump or pg_restore from PATH with its version; a clear error when it is missing. */
export async function pgTool(name: 'pg_dump' | 'pg_restore'): Promise<PgTool> {
  const out = await new Promise<string>((resolve, reject) =>
    execFile(name, ['--version'], (e, stdout) => (e ? reject(e as Error) : resolve(stdout))),
  ).catch((e: NodeJS.ErrnoException) => {
    throw new BackupError(
      e.code === 'ENOENT'
        ? `${name} was not found on PATH. Install the PostgreSQL client programs of the server's major version or newer (Debian/Ubuntu: apt-get install postgresql-client-15, or the version of your server).`
        : `${name} --version failed: ${e.message}`,
    );
  });
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(out);
  if (!m) throw new BackupError(`Cannot read the version of ${name}: ${out.trim()}`);
  return { file: name, version: `${m[1]}${m[2] ? `.${m[2]}` : ''}`, major: Number(m[1]) };
}

/** libpq arguments for a URL without its password (kept out of the process list) and the environment carrying it. */
export function pgConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  // The child inherits this process's environment, as it would by default, plus the password.
  return { dbname: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } };
}

/** Runs a PostgreSQL client program; resolves when it exits 0, otherwise throws with what it printed on stderr. */
export function runPgTool(
  tool: PgTool,
  args: string[],
  env: NodeJS.ProcessEnv,
  onStdout?: (out: NodeJS.ReadableStream) => Promise<unknown>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(tool.file, args, { env, stdio: ['ignore', onStdout ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => {
      if (stderr.length < 20_000) stderr += c.toString('utf8');
    });
    const consumed = onStdout ? onStdout(child.stdout!) : Promise.resolve();
    child.once('error', reject);
    child.once('close', (code) => {
      consumed.then(
        () => (code === 0 ? resolve() : reject(new BackupError(`${tool.file} failed (exit code ${code}):\n${stderr.trim()}`))),
        reject,
      );
    });
  });
}

/** The server's major version (e.g. 15 for 15.20). */
export async function serverMajor(client: pg.Client): Promise<number> {
  const r = await client.query<{ v: string }>('show server_version_num');
  return Math.floor(Number(r.rows[0]!.v) / 10000);
}

/** The objects of a PostgreSQL database outside the system schemas (extensions' own excepted): none means empty. */
export async function pgObjects(client: pg.Client): Promise<string[]> {
  const r = await client.query<{ name: string }>(`
    select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
       and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
    union all
    select 'schema ' || nspname from pg_namespace where nspname not in ('public', 'pg_catalog', 'information_schema') and nspname not like 'pg\\_%'
    order by 1`);
  return r.rows.map((x) => x.name);
}

/** Runs `fn` on a connection of its own to `url`. */
export async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs `fn` in a read-only repeatable-read transaction on a connection of its own to `url`. */
export function withPgSnapshot<T>(url: string, fn: (q: Query, client: pg.Client) => Promise<T>): Promise<T> {
  return withPgClient(url, async (client) => {
    await client.query('begin isolation level repeatable read read only');
    const out = await fn(async (text) => (await client.query(text)).rows, client);
    await client.query('commit');
    return out;
  });
}
