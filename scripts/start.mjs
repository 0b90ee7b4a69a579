#!/usr/bin/env node
// `npm start`: production mode. Builds the workspace (vite) and the server (esbuild → dist/server) only when missing
// or older than their sources (npm ci builds both in `prepare`), then runs the compiled `rightshub serve
// --first-run-demo` in this process with NODE_ENV=production (React's production build; no TypeScript at run time).
// An empty database gets the demo data, loaded in the background once /healthz answers.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureServerBuilt, SERVER_MAIN } from './server-build.mjs';
import { webBuildIsStale } from './web-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

if (webBuildIsStale(root)) {
  console.log('Building the workspace (vite build) …');
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    console.error('vite build failed; not starting.');
    process.exit(r.status ?? 1);
  }
}
await ensureServerBuilt(root);

// Set before the server's modules load: React picks its build when first imported.
process.env.NODE_ENV ??= 'production';
process.argv = [process.argv[0], path.join(root, SERVER_MAIN), 'serve', '--first-run-demo', ...process.argv.slice(2)];
await import(pathToFileURL(path.join(root, SERVER_MAIN)).href);
