// Press demo data: a year of fictional items and spokespersons that make compliance lively (some agencies
// late, some missing), all marked demo, all removed before the directory's demo removal.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/test-db.js';
import type { Db } from '../../kernel/db.js';
import { removeDemo, seedDemo } from '../directory/directory.demo.js';
import { computeT1 } from './press.compliance.js';
import { seedPressDemo, removePressDemo } from './press.demo.js';
import { periodContaining } from '../../kernel/periods.js';
import { listPressItems } from './press.service.js';

let db: Db;
const NOW = new Date('2026-11-29T05:00:00Z');
beforeAll(async () => {
  db = (await testDatabase()).db;
});
const n = async (q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0].n;

describe('press demo data', () => {
  it('gives a year of demo items and spokespersons for most agencies', async () => {
    await seedDemo(db);
    const r = await seedPressDemo(db, NOW);
    expect(r.items).toBeGreaterThan(200);
    expect(await n(sql`select count(*)::int as n from press_items where title not like '%(demo)%' or not is_demo`)).toBe(0);
    expect(await n(sql`select count(*)::int as n from press_items where published_at > ${NOW.toISOString()}`)).toBe(0);
    const prev = periodContaining('quarterly', new Date(NOW.getTime() - 92 * 86_400_000));
    const t1 = await computeT1(db, { period: prev.id! });
    const info = new Set(t1.rows.map((x) => x.information));
    expect([...info].sort()).toEqual(['late', 'missing', 'on_time']);
    expect(t1.value!).toBeGreaterThan(0.3);
    expect(t1.value!).toBeLessThan(1);
    expect(t1.rows.some((x) => x.spokespersonId === null)).toBe(true);
    expect((await listPressItems(db, { q: 'quyen tre em' }, { publicOnly: true })).total).toBeGreaterThan(0);
  });

  it('is removed entirely, and the directory demo can then be removed', async () => {
    const r = await removePressDemo(db);
    expect(r.items).toBeGreaterThan(200);
    expect(await n(sql`select count(*)::int as n from press_items`)).toBe(0);
    expect(await n(sql`select count(*)::int as n from press_spokespersons`)).toBe(0);
    const d = await removeDemo(db);
    expect(d.kept).toEqual([]);
  });
});
