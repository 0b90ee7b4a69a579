import { sql } from 'drizzle-orm';
import { openPglite, openPg } from '../src/server/kernel/db.js';
import { trainingFactSource } from '../src/server/modules/training/training.facts.js';
const d = process.env.URL ? openPg(process.env.URL) : await openPglite(process.env.DIR ?? '/tmp/t2x/db');
const db = d.db;
for (let i = 0; i < 2; i++) {
  let t = performance.now();
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from indicator_facts where ind in ('T2a','T2b','T2c','T2d')`);
    console.log('delete', (performance.now() - t).toFixed(0)); t = performance.now();
    const orig = tx.execute.bind(tx);
    (tx as any).execute = async (q: any) => { const t0 = performance.now(); const r = await orig(q); console.log('  stmt', (performance.now() - t0).toFixed(0)); return r; };
    await trainingFactSource.refresh(tx, null);
    console.log('refresh', (performance.now() - t).toFixed(0));
  });
}
await d.close();
