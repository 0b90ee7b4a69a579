// Shared by `npm start` and `npm test`: is the built workspace (dist/web) older than its sources?
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

export function webBuildIsStale(root) {
  const built = path.join(root, 'dist', 'web', 'index.html');
  const sources = Math.max(...['src/web', 'src/shared', 'vite.config.ts'].map((p) => newestMtime(path.join(root, p))));
  return !existsSync(built) || statSync(built).mtimeMs < sources;
}
