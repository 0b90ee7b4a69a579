#!/usr/bin/env node
// `npm start`: production mode. Builds the workspace (vite) and the server (esbuild → dist/server) only when missing
// or older than their sources (npm ci builds both in `prepare`), then runs the compiled `rightshub serve
// --first-run-demo` with NODE_ENV=production (React's production build; no TypeScript at run time) as a child process
// it supervises (scripts/supervise.mjs): a server that crashes — an uncaught error, an out-of-memory abort, kill -9 —
// is started again after a pause, and said so on stderr. An empty database gets the demo data, loaded in the
// background once /healthz answers.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServerBuilt, SERVER_MAIN } from './server-build.mjs';
import { supervise } from './supervise.mjs';
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

// NODE_ENV is set before the server's modules load: React picks its build when first imported.
const server = supervise({
  args: [...process.execArgv, path.join(root, SERVER_MAIN), 'serve', '--first-run-demo', ...process.argv.slice(2)],
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
  cwd: root,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void server.stop(signal));
process.exitCode = await server.done;
