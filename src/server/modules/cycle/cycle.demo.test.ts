// The cycle's demo data on the directory's and the training module's: last year's reports (most approved, some
// returned, some missing, the demo editor's organisation missing so that it can report), last year closed with its
// official figures and records entered after the close (revised since), this year open; a removal that leaves
// nothing behind, so the other modules' demo can go after it.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/test-db.js';
import { systemActor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { vnDate } from '../../kernel/periods.js';
import { removeDemo, seedDemo } from '../directory/directory.demo.js';
import { removeTrainingDemo, seedTrainingDemo } from '../training/training.demo.js';
import { getCompleteness } from './cycle.completeness.js';
import { removeCycleDemo, seedCycleDemo } from './cycle.demo.js';
import { officialStatus } from './cycle.official.js';
import { listPeriods } from './cycle.periods.js';

let db: Db;
const office = systemActor('api', 'test');
const lastYear = String(Number(vnDate(new Date()).slice(0, 4)) - 1);
const n = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(db, q))[0]!.n);
beforeAll(async () => {
  db = (await testDatabase()).db;
});

describe('cycle demo data', () => {
  it('reports for last year, most approved, some returned, some missing; last year closed and revised since', async () => {
    await seedDemo(db);
    await seedTrainingDemo(db);
    const r = await seedCycleDemo(db);
    expect(r.reports).toBeGreaterThan(10);
    expect(r.approved).toBeGreaterThan(r.returned);
    expect(r.returned).toBeGreaterThan(0);
    expect(r.missing).toBeGreaterThan(0);
    const periods = await listPeriods(db);
    const last = periods.find((p) => p.key === lastYear)!;
    expect(last.close).toMatchObject({ version: 1, expiryDays: 90, locked: false });
    const c = await getCompleteness(db, office, last.id);
    expect(c.expectedAsOf).toBe('close');
    expect(c.totals.approved).toBe(r.approved);
    expect(c.totals.missing).toBe(r.missing);
    expect(c.totals.late).toBeGreaterThan(0);
    expect(c.totals.onTime).toBeGreaterThan(c.totals.late);
    expect(c.organisations.find((o) => o.code === 'UBND-01')).toMatchObject({
      state: 'missing',
      expectedBecause: expect.arrayContaining(['close']),
    });
    // Hà Nội's reports went through its coordinator.
    expect(await n(sql`select count(*)::int as n from cycle_report_events where action = 'approve_by_province'`)).toBeGreaterThan(0);
    const st = await officialStatus(db, lastYear);
    expect(st!.figures.find((f) => f.indicator === 'T2a')!.revisedRecords).toBeGreaterThan(0);
    expect(periods.find((p) => p.key === String(Number(lastYear) + 1))?.close ?? null).toBeNull();
  });

  it('removes everything it made', async () => {
    expect(await removeCycleDemo(db)).toMatchObject({ periods: 3 });
    for (const t of [
      'cycle_periods',
      'cycle_reports',
      'cycle_report_events',
      'cycle_period_closes',
      'indicator_freezes',
      'indicator_frozen_facts',
    ]) {
      expect(await n(sql`select count(*)::int as n from ${sql.identifier(t)}`), t).toBe(0);
    }
    await removeTrainingDemo(db);
    expect((await removeDemo(db)).kept).toEqual([]);
  });
});
