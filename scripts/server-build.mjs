// The server compiled for production: every TypeScript file of src/server and src/shared transpiled by esbuild (the
// one tsx ships) to dist/server and dist/shared, file for file, so paths computed from import.meta.url (migrations,
// data/, dist/web) resolve as they do from src. No bundling: node_modules stay where they are. The portal's
// stylesheet is copied beside its module. Run by `npm run build`, npm ci (prepare) and `npm start` when stale.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newestMtime } from './web-build.mjs';

const SOURCES = ['src/server', 'src/shared'];
export const SERVER_MAIN = 'dist/server/main.js';

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const isSource = (f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts');
const isAsset = (f) => /\.css$/.test(f);

/** Is dist/server older than any server or shared source (or missing)? */
export function serverBuildIsStale(root) {
  const main = path.join(root, SERVER_MAIN);
  if (!existsSync(main)) return true;
  return statSync(main).mtimeMs < Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
}

export async function buildServer(root) {
  const { build } = await import('esbuild');
  const files = SOURCES.flatMap((s) => walk(path.join(root, s)));
  for (const d of ['dist/server', 'dist/shared']) rmSync(path.join(root, d), { recursive: true, force: true });
  const t0 = Date.now();
  await build({
    entryPoints: files.filter(isSource),
    outbase: path.join(root, 'src'),
    outdir: path.join(root, 'dist'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    sourcemap: true,
    logLevel: 'warning',
    tsconfig: path.join(root, 'tsconfig.json'),
  });
  for (const f of files.filter(isAsset)) {
    const to = path.join(root, 'dist', path.relative(path.join(root, 'src'), f));
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(f, to);
  }
  return Date.now() - t0;
}

/** Builds the server when stale; true when it did. */
export async function ensureServerBuilt(root, log = console.log) {
  if (!serverBuildIsStale(root)) return false;
  log('Compiling the server (esbuild → dist/server) …');
  const ms = await buildServer(root);
  log(`Server compiled in ${(ms / 1000).toFixed(1)} s.`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const ms = await buildServer(root);
  console.log(`Server compiled to dist/server in ${(ms / 1000).toFixed(1)} s.`);
}
