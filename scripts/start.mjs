#!/usr/bin/env node
// `npm start`: build the workspace if it is missing or older than its sources, then run
// `rightshub serve --first-run-demo` (an empty database gets the demo data on its first start).
// Signals go to the server; its exit code becomes ours.
import { spawn, spawnSync } from 'node:child_process';

import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['src/server/main.ts', 'serve', '--first-run-demo', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('error', (e) => {
  console.error(`Could not start the server: ${e.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
});
