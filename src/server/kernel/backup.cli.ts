// `rightshub backup [--out FILE]`, `rightshub backup --verify FILE`, `rightshub restore FILE` (kernel/backup.ts).
// They never migrate: a backup copies the database as it is, a restore needs an empty target.
import path from 'node:path';
import { invocationDir, type Config } from './config.js';
import { createBackup, restoreBackup, verifyBackup, type Manifest } from './backup.js';

export const BACKUP_USAGE = `  backup [--out FILE]        write the database and every stored file (DATA_DIR/files) to one .tar, then verify it
                             (embedded database: the running server takes the copy; PostgreSQL: pg_dump on PATH)
  backup --verify FILE       check an archive: every entry against its SHA-256 in the manifest
  restore FILE               restore an archive into an EMPTY database (DATABASE_URL, or DATA_DIR/db) and DATA_DIR/files`;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const num = (n: number) => n.toLocaleString('en-US');

function describe(m: Manifest): string[] {
  const files = m.entries.filter((x) => x.path.startsWith('files/'));
  return [
    `  created:  ${m.createdAt} by ${m.createdBy}`,
    `  database: ${m.database.kind === 'pg' ? 'PostgreSQL' : 'embedded (PGlite)'} ${m.database.serverVersion}, copied by ${m.database.copiedBy}`,
    `  schema:   ${m.schema.migration ?? 'no migrations'} (${m.schema.migrations} migrations)`,
    `  content:  ${m.tables.length} tables, ${num(m.tables.reduce((n, t) => n + t.rows, 0))} rows; ${num(files.length)} stored files, ${mb(files.reduce((n, x) => n + x.size, 0))}`,
  ];
}

function printProblems(m: Manifest): boolean {
  if (!m.problems.length) return false;
  console.error(`\n${m.problems.length} stored file(s) could not be archived:`);
  for (const p of m.problems.slice(0, 50)) console.error(`  - ${p.path}: ${p.message}`);
  return true;
}

export async function backupCommand(
  cmd: 'backup' | 'restore',
  arg: string | undefined,
  values: { out?: string; verify?: string },
  config: Config,
): Promise<void> {
  const here = (f: string) => path.resolve(invocationDir(), f);
  if (cmd === 'backup' && values.verify) {
    const m = await verifyBackup(here(values.verify));
    console.log([`Intact: ${here(values.verify)} — every entry matches its SHA-256 in the manifest.`, ...describe(m)].join('\n'));
    if (printProblems(m)) process.exitCode = 1;
  } else if (cmd === 'backup') {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const out = here(values.out ?? arg ?? `rightshub-backup-${stamp}.tar`);
    const r = await createBackup(config, out);
    console.log([`Backup written and verified: ${r.file} (${mb(r.bytes)})`, ...describe(r.manifest)].join('\n'));
    if (printProblems(r.manifest)) process.exitCode = 1;
  } else {
    if (!arg) throw new Error('restore needs the archive: rightshub restore FILE');
    const r = await restoreBackup(config, here(arg));
    console.log(
      [
        `Restored ${here(arg)} into ${config.databaseUrl ? 'the database of DATABASE_URL' : path.join(config.dataDir, 'db')} and ${path.join(config.dataDir, 'files')}:`,
        `  ${r.tables} tables match the backup row for row (${num(r.rows)} rows); ${num(r.files)} stored files (${mb(r.bytes)}), each checked against its SHA-256.`,
        ...describe(r.manifest),
        'Start the server as usual (rightshub serve / npm start); it applies any newer migrations.',
      ].join('\n'),
    );
    if (printProblems(r.manifest)) process.exitCode = 1;
  }
}
