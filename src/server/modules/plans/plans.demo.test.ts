// Plans demo data: 2025 and 2026 plans for about half of the demo organisations in every state of the workflow, spending
// on the approved 2025 ones, all marked demo and all removed before the directory's demo removal.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/test-db.js';
import { rows, type Db } from '../../kernel/db.js';
import { removeDemo, seedDemo } from '../directory/directory.demo.js';
import { removePlansDemo, seedPlansDemo } from './plans.demo.js';
import { planStatus, planVsActual } from './plans.service.js';

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});
const n = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(db, q))[0]!.n);

describe('plans demo data', () => {
  it('plans 2025 and 2026 for a good share of the demo organisations, in every state, with spending on 2025', async () => {
    await seedDemo(db);
    const started = Date.now();
    const r = await seedPlansDemo(db);
    console.log(`plans demo: ${r.plans} plans, ${r.spending} spending entries in ${Date.now() - started} ms`);
    const orgs = await n(sql`select count(*)::int as n from organisations where is_demo and active`);
    const planned = await n(sql`select count(distinct organisation_id)::int as n from plans`);
    expect(planned / orgs).toBeGreaterThan(0.35);
    expect(await n(sql`select count(*)::int as n from plans where not is_demo`)).toBe(0);
    const states = await rows<{ year: number; status: string; n: number }>(
      db,
      sql`select year, status, count(*)::int as n from plans group by 1, 2 order by 1, 2`,
    );
    const of = (year: number) => states.filter((s) => s.year === year).map((s) => s.status);
    expect(of(2025)).toEqual(expect.arrayContaining(['approved', 'submitted', 'returned']));
    expect(of(2026)).toEqual(expect.arrayContaining(['approved', 'submitted', 'returned', 'draft']));
    expect(
      await n(sql`select count(*)::int as n from plan_spending s join plans p on p.id = s.plan_id where p.year = 2025`),
    ).toBeGreaterThan(100);
    expect(
      await n(sql`select count(*)::int as n from plan_spending s join plans p on p.id = s.plan_id where p.approved_version is null`),
    ).toBe(0);
    expect(await n(sql`select count(*)::int as n from plan_versions where status = 'superseded' or version > 1`)).toBeGreaterThan(0);
    // Hà Nội (the demo editor's organisation): 2025 approved with spending, 2026 returned for changes.
    const [hn] = await rows<{ id: number }>(db, sql`select id from organisations where code = 'UBND-01'`);
    expect((await planStatus(db, { organisationId: hn!.id, year: 2025 })).status).toBe('approved');
    const s26 = await planStatus(db, { organisationId: hn!.id, year: 2026 });
    expect(s26.status).toBe('returned');
    expect(s26.returnComment).toMatch(/demo/);
    const pva = await planVsActual(db, { organisationId: hn!.id, year: 2025 });
    expect(pva.total.spent).toBeGreaterThan(0);
    expect(pva.total.spent).toBeLessThan(pva.total.planned * 1.1);
    // the deadlines: 2026's passed (Hà Nội's returned plan is overdue), next year's coming in ten days
    const deadlines = await rows<{ year: number; deadline: string }>(
      db,
      sql`select year, to_char(deadline, 'YYYY-MM-DD') as deadline from plan_deadlines where is_demo order by year`,
    );
    expect(deadlines[0]).toEqual({ year: 2026, deadline: '2026-01-31' });
    const next = new Date().getFullYear() + 1;
    if (next <= 2028) expect(deadlines.map((d) => d.year)).toContain(next);
    // every demo text says it is demo
    expect(
      await n(
        sql`select count(*)::int as n from plan_versions where decision_comment is not null and decision_comment not like '%(demo)%'`,
      ),
    ).toBe(0);
  }, 600_000);

  it('is removed entirely, and the directory demo can then be removed', async () => {
    const r = await removePlansDemo(db);
    expect(r.plans).toBeGreaterThan(50);
    for (const t of ['plans', 'plan_versions', 'plan_activities', 'plan_events', 'plan_spending', 'plan_deadlines']) {
      expect(await n(sql`select count(*)::int as n from ${sql.identifier(t)}`), t).toBe(0);
    }
    const d = await removeDemo(db);
    expect(d.kept).toEqual([]);
  }, 120_000);
});
