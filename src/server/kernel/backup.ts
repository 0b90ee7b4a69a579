// `rightshub backup` and `rightshub restore`: one .tar archive holding the database and every stored file, with a
// manifest of what it holds and every entry's SHA-256.
//
//   database/pglite-datadir.tar.gz   the embedded database's data directory (PGlite dumpDataDir), or
//   database/postgres.pgdump         pg_dump's custom format (pg_restore reads it)
//   files/<2 hex>/<sha256>           every file of DATA_DIR/files (kernel/storage), its bytes checked against its name
//   manifest.json                    format, creation time, database kind and versions, schema migration, every
//                                    table's row count and content sum, every entry's size and SHA-256, problems
//   manifest.json.sha256             the manifest's own checksum (sha256sum format)
//
// The database is copied first, then the files: files are content-addressed and never deleted, and a row is written
// only after its file, so every file the copied database refers to is on disk when the files are copied. The table
// sums are taken in the dump's own snapshot (PostgreSQL: an exported snapshot pg_dump shares; PGlite: the same
// transaction), so a restore is checked table by table against the backup. Archives are written under a temporary
// name, re-read and verified, then renamed; a restore verifies the whole archive before it touches anything, writes
// only into an empty DATA_DIR/files and an empty database, and checks the result against the manifest.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';
import { MIGRATIONS_DIR, openPglite } from './db.js';
import {
  BackupError,
  inspectDatabase,
  migrationJournal,
  pgConnection,
  pgObjects,
  pgTool,
  requestLiveSnapshot,
  runPgTool,
  serverMajor,
  snapshotStoppedPglite,
  withPgClient,
  withPgSnapshot,
  type DatabaseState,
  type TableSum,
} from './backup.database.js';
import { entryChunks, TarError, tarEntries, TarWriter } from './tar.js';

export { BackupError } from './backup.database.js';

export const BACKUP_FORMAT = 'rightshub-backup';
export const BACKUP_FORMAT_VERSION = 1;
const DB_ENTRY = { pglite: 'database/pglite-datadir.tar.gz', pg: 'database/postgres.pgdump' } as const;
const MANIFEST = 'manifest.json';
const MANIFEST_SUM = 'manifest.json.sha256';
const FILE_ENTRY = /^files\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

export type DatabaseKind = 'pglite' | 'pg';

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  createdBy: string;
  database: {
    kind: DatabaseKind;
    entry: string;
    serverVersion: string;
    /** How the copy was taken: by the running server, from a stopped data directory, or by pg_dump (with its version). */
    copiedBy: string;
    pgDumpMajor?: number;
  };
  schema: { migration: string | null; migrations: number };
  tables: TableSum[];
  entries: ManifestEntry[];
  /** Stored files that could not be archived (damaged in DATA_DIR/files, or referred to but missing). */
  problems: { path: string; message: string }[];
}

export interface BackupSummary {
  file: string;
  manifest: Manifest;
  bytes: number;
}

type DbSource = Pick<Config, 'databaseUrl' | 'dataDir'>;

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const filesDir = (dataDir: string) => path.join(dataDir, 'files');
const fileEntry = (sha: string) => `files/${sha.slice(0, 2)}/${sha}`;

function appVersion(): string {
  try {
    return `RightsHub ${JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, '..', 'package.json'), 'utf8')).version}`;
  } catch {
    return 'RightsHub';
  }
}

/** The stored files of DATA_DIR/files (content-addressed names only; temporary files of a write in progress skipped). */
function storedFiles(dataDir: string): string[] {
  const root = filesDir(dataDir);
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  for (const sub of fs.readdirSync(root).sort()) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue;
    for (const name of fs.readdirSync(path.join(root, sub)).sort()) if (name.startsWith(sub) && /^[0-9a-f]{64}$/.test(name)) out.push(name);
  }
  return out;
}

/** Any regular file under `dir` (the first found), or null: a directory holding only empty directories is empty. */
function firstFileUnder(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  if (!fs.statSync(dir).isDirectory()) return dir;
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    const found = fs.lstatSync(p).isDirectory() ? firstFileUnder(p) : p;
    if (found) return found;
  }
  return null;
}

/** Writes a backup of the configured database and DATA_DIR/files to `out` (which must not exist), then verifies it. */
export async function createBackup(config: DbSource, out: string): Promise<BackupSummary> {
  if (fs.existsSync(out)) throw new BackupError(`${out} already exists; choose another file name (a backup never overwrites a file)`);
  const partial = `${out}.partial`;
  const fh = await fsp.open(partial, 'wx').catch((e: NodeJS.ErrnoException) => {
    throw new BackupError(
      e.code === 'EEXIST'
        ? `${partial} exists: another backup to the same name is running, or one was interrupted (delete the file)`
        : `Cannot write ${partial}: ${e.message}`,
    );
  });
  let manifest: Manifest;
  try {
    const writer = new TarWriter(fh);
    const entries: ManifestEntry[] = [];
    const kind: DatabaseKind = config.databaseUrl ? 'pg' : 'pglite';
    const entry = DB_ENTRY[kind];
    let state: DatabaseState, copiedBy: string, pgDumpMajor: number | undefined;
    if (config.databaseUrl) {
      ({ state, copiedBy, pgDumpMajor } = await dumpPg(config.databaseUrl, writer, entries));
    } else {
      const live = await requestLiveSnapshot(config.dataDir);
      if (live) {
        const r = await writer.add(entry, live.body);
        if (r.size !== live.size || r.sha256 !== live.sha256)
          throw new BackupError('The copy of the database from the running server arrived incomplete; try again');
        entries.push({ path: entry, size: r.size, sha256: r.sha256 });
        state = live.state;
        copiedBy = 'the running server (PGlite dumpDataDir, consistent)';
      } else {
        const snap = await snapshotStoppedPglite(config.dataDir);
        const r = await writer.add(entry, snap.dump);
        entries.push({ path: entry, size: r.size, sha256: r.sha256 });
        state = snap.state;
        copiedBy = 'rightshub backup on the stopped data directory (PGlite dumpDataDir)';
      }
    }

    const problems: Manifest['problems'] = [];
    const archived = new Set<string>();
    for (const sha of storedFiles(config.dataDir)) {
      const name = fileEntry(sha);
      const r = await writer.add(name, fs.createReadStream(path.join(filesDir(config.dataDir), sha.slice(0, 2), sha)));
      if (r.sha256 !== sha) {
        await writer.rewind(r.start);
        problems.push({ path: name, message: `damaged in DATA_DIR/files: its bytes hash to ${r.sha256}; left out` });
        continue;
      }
      entries.push({ path: name, size: r.size, sha256: r.sha256 });
      archived.add(sha);
    }
    for (const sha of state.referenced) {
      if (!archived.has(sha) && !problems.some((p) => p.path === fileEntry(sha)))
        problems.push({ path: fileEntry(sha), message: 'the database refers to it but DATA_DIR/files does not have it' });
    }
    manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      createdBy: appVersion(),
      database: { kind, entry, serverVersion: state.serverVersion, copiedBy, ...(pgDumpMajor ? { pgDumpMajor } : {}) },
      schema: { migration: state.migration.tag, migrations: state.migration.count },
      tables: state.tables,
      entries,
      problems,
    };
    const m = Buffer.from(JSON.stringify(manifest, null, 1) + '\n');
    await writer.add(MANIFEST, m);
    await writer.add(MANIFEST_SUM, Buffer.from(`${sha256(m)}  ${MANIFEST}\n`));
    await writer.finish();
    await fh.sync();
    await fh.close();
  } catch (e) {
    await fh.close().catch(() => {});
    await fsp.rm(partial, { force: true });
    throw e;
  }
  await fsp.rename(partial, out);
  try {
    await verifyBackup(out);
  } catch (e) {
    throw new BackupError(`The archive was written but fails its verification; do not rely on it.\n${(e as Error).message}`);
  }
  return { file: out, manifest, bytes: fs.statSync(out).size };
}

/** pg_dump in the custom format, in a snapshot exported by a transaction that reads the table sums in the same state. */
async function dumpPg(url: string, writer: TarWriter, entries: ManifestEntry[]) {
  const tool = await pgTool('pg_dump');
  const { dbname, env } = pgConnection(url);
  return withPgSnapshot(url, async (q, client) => {
    const major = await serverMajor(client);
    if (tool.major < major) {
      throw new BackupError(
        `pg_dump ${tool.version} cannot dump a PostgreSQL ${major} server: install the client programs of version ${major} or newer (Debian/Ubuntu: postgresql-client-${major}) and put them first on PATH`,
      );
    }
    const [{ snapshot }] = (await q('select pg_export_snapshot() as snapshot')) as [{ snapshot: string }];
    let added: { size: number; sha256: string } | undefined;
    const dumped = runPgTool(
      tool,
      ['--format=custom', '--no-password', `--snapshot=${snapshot}`, `--dbname=${dbname}`],
      env,
      async (stdout) => {
        added = await writer.add(DB_ENTRY.pg, stdout as AsyncIterable<Buffer>);
      },
    );
    const [state] = await Promise.all([inspectDatabase(q), dumped]);
    entries.push({ path: DB_ENTRY.pg, size: added!.size, sha256: added!.sha256 });
    return { state, copiedBy: `pg_dump ${tool.version} (custom format)`, pgDumpMajor: tool.major };
  });
}

/** Reads the whole archive and checks every entry against the manifest (and the manifest against its checksum).
 *  Throws BackupError naming every damaged, missing or unexpected entry; returns the manifest. */
export async function verifyBackup(file: string): Promise<Manifest> {
  const fh = await fsp.open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new BackupError(`Cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  const seen = new Map<string, { size: number; sha256: string }>();
  const broken: string[] = [];
  let manifestBytes: Buffer | undefined, manifestSum: string | undefined;
  try {
    for await (const e of tarEntries(fh)) {
      if (seen.has(e.name)) {
        broken.push(`${e.name}: appears twice`);
        continue;
      }
      const hash = crypto.createHash('sha256');
      const keep: Buffer[] = [];
      const small = (e.name === MANIFEST || e.name === MANIFEST_SUM) && e.size < 1 << 30;
      for await (const c of entryChunks(fh, e)) {
        hash.update(c);
        if (small) keep.push(c);
      }
      seen.set(e.name, { size: e.size, sha256: hash.digest('hex') });
      if (e.name === MANIFEST) manifestBytes = Buffer.concat(keep);
      if (e.name === MANIFEST_SUM) manifestSum = Buffer.concat(keep).toString('ascii').split(/\s/)[0];
    }
  } catch (e) {
    throw new BackupError(e instanceof TarError ? `${file}: ${e.message}` : `Cannot read ${file}: ${(e as Error).message}`);
  } finally {
    await fh.close();
  }
  if (!manifestBytes) throw new BackupError(`${file} has no ${MANIFEST}: it is not a RightsHub backup, or it was cut short`);
  if (manifestSum !== sha256(manifestBytes))
    throw new BackupError(
      `The archive ${file} is damaged; do not restore it:\n  - ${MANIFEST}: does not match its checksum in ${MANIFEST_SUM}`,
    );
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  } catch {
    throw new BackupError(`${file}: ${MANIFEST} is not valid JSON`);
  }
  if (manifest.format !== BACKUP_FORMAT)
    throw new BackupError(`${file} is not a RightsHub backup (format ${JSON.stringify(manifest.format)})`);
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION)
    throw new BackupError(
      `${file} was written by a newer RightsHub (backup format ${manifest.formatVersion}); update RightsHub to read it`,
    );
  const listed = new Set<string>([MANIFEST, MANIFEST_SUM]);
  for (const x of manifest.entries) {
    listed.add(x.path);
    const s = seen.get(x.path);
    if (!s) broken.push(`${x.path}: missing from the archive`);
    else if (s.size !== x.size || s.sha256 !== x.sha256) broken.push(`${x.path}: its content does not match its SHA-256 in the manifest`);
  }
  for (const name of seen.keys()) if (!listed.has(name)) broken.push(`${name}: not listed in the manifest`);
  if (!manifest.entries.some((x) => x.path === manifest.database.entry))
    broken.push(`${manifest.database.entry}: the database entry is not listed in the manifest`);
  if (broken.length)
    throw new BackupError(
      `The archive ${file} is damaged; do not restore it:\n  - ${broken.slice(0, 50).join('\n  - ')}${broken.length > 50 ? `\n  … and ${broken.length - 50} more` : ''}`,
    );
  return manifest;
}

export interface RestoreSummary {
  manifest: Manifest;
  tables: number;
  rows: number;
  files: number;
  bytes: number;
}

/** Restores `file` into the configured database and DATA_DIR/files, both of which must be empty. */
export async function restoreBackup(config: DbSource, file: string): Promise<RestoreSummary> {
  const manifest = await verifyBackup(file);
  const kind: DatabaseKind = config.databaseUrl ? 'pg' : 'pglite';
  if (manifest.database.kind !== kind) {
    throw new BackupError(
      manifest.database.kind === 'pglite'
        ? 'This backup holds an embedded (PGlite) database, but DATABASE_URL is set: unset DATABASE_URL to restore it into DATA_DIR'
        : 'This backup holds a PostgreSQL database: set DATABASE_URL to the empty database to restore it into',
    );
  }
  if (manifest.schema.migration && !migrationJournal().some((j) => j.tag === manifest.schema.migration)) {
    throw new BackupError(
      `This backup was made by a newer RightsHub (schema migration ${manifest.schema.migration}, unknown here): update RightsHub first`,
    );
  }

  // The target must be empty: nothing is ever overwritten or merged.
  const files = filesDir(config.dataDir);
  const dbDir = path.join(config.dataDir, 'db');
  const notEmpty: string[] = [];
  const storedFile = firstFileUnder(files);
  if (storedFile) notEmpty.push(`${files} holds files (e.g. ${path.relative(config.dataDir, storedFile)})`);
  let tool: Awaited<ReturnType<typeof pgTool>> | undefined;
  if (config.databaseUrl) {
    tool = await pgTool('pg_restore');
    if (manifest.database.pgDumpMajor && tool.major < manifest.database.pgDumpMajor) {
      throw new BackupError(
        `pg_restore ${tool.version} cannot read a dump of pg_dump ${manifest.database.pgDumpMajor}: install the client programs of version ${manifest.database.pgDumpMajor} or newer`,
      );
    }
    const objects = await withPgClient(config.databaseUrl, pgObjects);
    if (objects.length)
      notEmpty.push(`the database of DATABASE_URL is not empty (${objects.length} objects, e.g. ${objects.slice(0, 3).join(', ')})`);
  } else {
    const inDb = fs.existsSync(dbDir) ? fs.readdirSync(dbDir) : [];
    if (inDb.length) notEmpty.push(`${dbDir} is not empty (a database is there)`);
  }
  if (notEmpty.length) {
    throw new BackupError(
      `Refusing to restore: the target is not empty — ${notEmpty.join('; ')}. A restore writes only into an empty database and an empty DATA_DIR/files; ` +
        (config.databaseUrl
          ? 'create an empty database (createdb -T template0 NAME) and point DATABASE_URL at it, '
          : 'stop the server and move DATA_DIR aside (or set DATA_DIR to a new directory), ') +
        'then run the restore again.',
    );
  }

  fs.mkdirSync(config.dataDir, { recursive: true });
  const staging = await fsp.mkdtemp(path.join(config.dataDir, '.restore-'));
  let createdDb = false;
  try {
    const stagedDb = await extract(file, manifest, staging);
    let state: DatabaseState;
    if (config.databaseUrl) {
      const { dbname, env } = pgConnection(config.databaseUrl);
      // Every item of the dump but the extensions' own comments: only an extension's owner may set them, and a role
      // restoring into a database whose extensions an administrator created beforehand does not own them.
      let toc = '';
      await runPgTool(tool!, ['--list', stagedDb], env, async (out) => {
        for await (const c of out) toc += c.toString();
      });
      const list = path.join(staging, 'restore.list');
      await fsp.writeFile(
        list,
        toc
          .split('\n')
          .filter((l) => !/^\d+; 0 0 COMMENT - EXTENSION /.test(l))
          .join('\n'),
      );
      await runPgTool(
        tool!,
        [
          '--exit-on-error',
          '--single-transaction',
          '--no-owner',
          '--no-privileges',
          '--no-password',
          `--use-list=${list}`,
          `--dbname=${dbname}`,
          stagedDb,
        ],
        env,
      );
      state = await withPgSnapshot(config.databaseUrl, (q) => inspectDatabase(q));
      await withPgClient(config.databaseUrl, (client) => client.query('analyze')); // pg_restore leaves the planner without statistics
    } else {
      createdDb = true;
      const database = await openPglite(dbDir, new Blob([await fsp.readFile(stagedDb)]));
      try {
        state = await database.pglite!.transaction((tx) =>
          inspectDatabase(async (text) => (await tx.query<Record<string, unknown>>(text)).rows),
        );
      } finally {
        await database.close();
      }
    }
    const differences = compareTables(manifest.tables, state.tables);
    if (differences.length) {
      throw new BackupError(
        `The restored database does not match the backup:\n  - ${differences.slice(0, 20).join('\n  - ')}` +
          (config.databaseUrl ? '\nThe database was written; drop and re-create it before trying again.' : ''),
      );
    }
    await fsp.rm(files, { recursive: true, force: true }); // only empty directories (checked above)
    if (fs.existsSync(path.join(staging, 'files'))) await fsp.rename(path.join(staging, 'files'), files);
    else fs.mkdirSync(files, { recursive: true });
    const fileEntries = manifest.entries.filter((x) => FILE_ENTRY.test(x.path));
    return {
      manifest,
      tables: state.tables.length,
      rows: state.tables.reduce((n, t) => n + t.rows, 0),
      files: fileEntries.length,
      bytes: fileEntries.reduce((n, x) => n + x.size, 0),
    };
  } catch (e) {
    if (createdDb) await fsp.rm(dbDir, { recursive: true, force: true }); // leave the target as empty as it was
    throw e;
  } finally {
    await fsp.rm(staging, { recursive: true, force: true });
  }
}

/** Pass two of a restore: writes the database entry and the files into `staging`, hashing them again on the way
 *  (the archive may have changed since it was verified). Returns the staged database file. */
async function extract(file: string, manifest: Manifest, staging: string): Promise<string> {
  const expected = new Map(manifest.entries.map((x) => [x.path, x]));
  const stagedDb = path.join(staging, 'database');
  const fh = await fsp.open(file, 'r');
  try {
    for await (const e of tarEntries(fh)) {
      if (e.name === MANIFEST || e.name === MANIFEST_SUM) continue;
      const want = expected.get(e.name);
      const m = FILE_ENTRY.exec(e.name);
      if (!want || (e.name !== manifest.database.entry && (!m || !m[2]!.startsWith(m[1]!))))
        throw new BackupError(`${e.name}: unexpected entry`);
      const to = e.name === manifest.database.entry ? stagedDb : path.join(staging, e.name);
      await fsp.mkdir(path.dirname(to), { recursive: true });
      const hash = crypto.createHash('sha256');
      const out = await fsp.open(to, 'wx');
      try {
        for await (const c of entryChunks(fh, e)) {
          hash.update(c);
          await out.write(c);
        }
      } finally {
        await out.close();
      }
      if (hash.digest('hex') !== want.sha256 || e.size !== want.size)
        throw new BackupError(`${e.name}: changed since it was verified (the archive is being written to?)`);
    }
  } finally {
    await fh.close();
  }
  return stagedDb;
}

function compareTables(backup: TableSum[], restored: TableSum[]): string[] {
  const got = new Map(restored.map((t) => [t.name, t]));
  const out: string[] = [];
  for (const t of backup) {
    const r = got.get(t.name);
    if (!r) out.push(`${t.name}: missing`);
    else if (r.rows !== t.rows) out.push(`${t.name}: ${r.rows} rows, the backup has ${t.rows}`);
    else if (r.sum !== t.sum) out.push(`${t.name}: the rows' content differs from the backup`);
  }
  for (const t of restored) if (!backup.some((b) => b.name === t.name)) out.push(`${t.name}: not in the backup`);
  return out;
}
