import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { openPglite, openPg, rows } from '../src/server/kernel/db.js';
const q = fs.readFileSync(process.argv[2], 'utf8');
const d = process.env.URL ? openPg(process.env.URL) : await openPglite('/tmp/t2x/db');
for (const stmt of q.split(';;')) {
  if (!stmt.trim()) continue;
  const t = performance.now();
  const r = await rows<Record<string, unknown>>(d.db, sql.raw(stmt));
  console.log(`-- ${(performance.now() - t).toFixed(0)} ms`);
  for (const x of r.slice(0, 80)) console.log(Object.values(x).join(' | '));
}
await d.close();
