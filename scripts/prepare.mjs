#!/usr/bin/env node
// npm's `prepare` (run by `npm ci` and `npm install` in this repository): build the workspace and the server when
// stale, and the embedded database's template (scripts/db-template.mjs), so that the first `npm start` only has to start. Skipped, with a note, where the build tools are not
// installed (npm ci --omit=dev).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTemplate } from './db-template.mjs';
import { ensureServerBuilt } from './server-build.mjs';
import { webBuildIsStale } from './web-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vite = path.join(root, 'node_modules', '.bin', 'vite');
if (!existsSync(vite)) {
  console.log('prepare: vite is not installed; the workspace is not built here.');
} else if (webBuildIsStale(root)) {
  const r = spawnSync(vite, ['build'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
try {
  await ensureServerBuilt(root);
  await ensureTemplate(root);
} catch (e) {
  console.log(`prepare: the server or the database template was not built (${e.message}); npm start works without them.`);
}
