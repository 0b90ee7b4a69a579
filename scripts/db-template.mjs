// The embedded database's template (dist/pglite-template.tar.gz): initdb, every migration and the reference data,
// dumped once at build time so that a fresh data dir starts from it (src/server/kernel/db.ts, openDatabase).
// Needs the compiled server (scripts/server-build.mjs). Rebuilt when older than the migrations, the reference
// data, the compiled server or the lockfile (a new PGlite).
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestMtime } from './web-build.mjs';

const TEMPLATE = 'dist/pglite-template.tar.gz';
const INPUTS = ['migrations', 'data/reference', 'dist/server/main.js', 'package-lock.json'];

export function templateIsStale(root) {
  const t = path.join(root, TEMPLATE);
  return !existsSync(t) || statSync(t).mtimeMs < Math.max(...INPUTS.map((p) => newestMtime(path.join(root, p))));
}

export async function buildTemplate(root) {
  const t0 = Date.now();
  const { openPglite } = await import(pathToFileURL(path.join(root, 'dist/server/kernel/db.js')).href);
  const { loadAllReference } = await import(pathToFileURL(path.join(root, 'dist/server/modules/index.js')).href);
  const d = await openPglite();
  await d.migrate();
  await loadAllReference(d.db);
  const dump = await d.db.$client.dumpDataDir('gzip');
  writeFileSync(path.join(root, TEMPLATE), Buffer.from(await dump.arrayBuffer()));
  await d.close();
  return Date.now() - t0;
}

export async function ensureTemplate(root, log = console.log) {
  if (!templateIsStale(root)) return false;
  log('Preparing the embedded database template (initdb, migrations, reference data) …');
  const ms = await buildTemplate(root);
  log(`Database template ready in ${(ms / 1000).toFixed(1)} s.`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  await ensureTemplate(root);
}
