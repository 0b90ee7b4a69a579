#!/usr/bin/env node
// bin/rightshub's body: the compiled CLI (dist/server/main.js, rebuilt first when older than its sources) in
// production mode. RIGHTSHUB_DEV=1 runs the TypeScript sources through tsx instead.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureServerBuilt, SERVER_MAIN } from './server-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await ensureServerBuilt(root, (m) => console.error(m));
process.env.NODE_ENV ??= 'production';
process.argv = [process.argv[0], path.join(root, SERVER_MAIN), ...process.argv.slice(2)];
await import(pathToFileURL(path.join(root, SERVER_MAIN)).href);
