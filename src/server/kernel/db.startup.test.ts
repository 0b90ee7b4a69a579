// Copies of RightsHub starting at the same moment on one empty PostgreSQL: migrations, reference data and the
// first-run checks run under a start-up lock, so every copy starts and the reference data is there once.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadAllReference } from '../modules/index.js';
import { openPg, rows } from './db.js';

const url = process.env.TEST_DATABASE_URL;

describe('start-up lock', () => {
  // Needs a PostgreSQL server (TEST_DATABASE_URL): PGlite has one process, so there is no start-up race to lock.
  it.skipIf(!url)('three copies starting together on an empty PostgreSQL all start, with the reference data loaded once', async () => {
    const name = `rh_start_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(url!);
    u.pathname = `/${name}`;
    const copies = [0, 1, 2].map(() => openPg(u.toString(), 3));
    try {
      const order: string[] = [];
      const results = await Promise.allSettled(
        copies.map((d, i) =>
          d.exclusive(async () => {
            order.push(`start ${i}`);
            await d.migrate();
            await loadAllReference(d.db);
            order.push(`end ${i}`);
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      // One copy at a time: every start is followed by its own end.
      for (let k = 0; k < order.length; k += 2) expect(order[k + 1]).toBe(order[k]!.replace('start', 'end'));
      const units = await rows<{ map: string; n: number }>(
        copies[0]!.db,
        sql`select map_version as map, count(*)::int as n from admin_units group by map_version order by map_version`,
      );
      expect(units).toEqual([
        { map: '34', n: 34 },
        { map: '63', n: 63 },
      ]);
    } finally {
      for (const d of copies) await d.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
