// The plans module in the programme cycle (issue 17): an organisation with a submitted plan for a year is expected to
// report for that year (reason 'plan'), and its periodic report shows its plan vs spending per target and source from
// the version in force, through the API as a focal point sees it.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Report } from '../../../shared/contracts/cycle.js';
import { createPeriod, expectedOrganisations, periodRow } from '../cycle/cycle.periods.js';
import { approvePlan, createPlan, recordSpending, submitPlan } from './plans.service.js';
import './plans.cycle.js';

let t: Awaited<ReturnType<typeof testApp>>;
let editor: Session;
let orgId: number, draftOnly: number, periodId: number;

beforeAll(async () => {
  t = await testApp();
  const db = t.db;
  orgId = (await makeOrg(db, { nameVi: 'Sở thử kế hoạch', kind: 'provincial_department', provinceCode: '01' })).id;
  draftOnly = (await makeOrg(db, { nameVi: 'Sở chỉ có kế hoạch nháp', kind: 'provincial_department', provinceCode: '01' })).id;
  const u = await makeUser(t.db, 'editor', orgId);
  editor = await signIn(t.app, u.username, TEST_PASSWORD);
  const plan = await createPlan(db, seedActor, {
    organisationId: orgId,
    year: 2025,
    activities: [
      {
        title: 'Tập huấn cán bộ',
        targets: ['T2a'],
        startMonth: '2025-03',
        endMonth: '2025-04',
        budget: { central: 40_000_000, local: 10_000_000 },
      },
      { title: 'Triển lãm ảnh', targets: ['T3', 'T4a'], startMonth: '2025-09', endMonth: '2025-09', budget: { other: 25_000_000 } },
    ],
  });
  await submitPlan(db, seedActor, plan.id);
  await approvePlan(db, seedActor, plan.id);
  await recordSpending(db, seedActor, plan.id, { activityNo: 1, source: 'central', amount: 32_500_000, spentOn: '2025-04-20' });
  await createPlan(db, seedActor, {
    organisationId: draftOnly,
    year: 2025,
    activities: [{ title: 'Nháp', targets: ['T1'], startMonth: '2025-01', endMonth: '2025-02', budget: { central: 1_000_000 } }],
  });
  periodId = (await createPeriod(db, seedActor, { kind: 'yearly', year: 2025, deadline: '2026-01-31' })).id;
});

describe('plans in the programme cycle', () => {
  it('expect an organisation with a submitted plan to report for its year, not one with a bare draft', async () => {
    const expected = await expectedOrganisations(t.db, await periodRow(t.db, periodId));
    expect(expected.get(orgId)).toContain('plan');
    expect(expected.has(draftOnly)).toBe(false);
  });

  it("fill the report's plan section with planned and spent per target and source, from the approved version", async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/cycle/reports',
      headers: editor.headers,
      payload: { periodId, organisationId: orgId },
    });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json() as Report;
    expect(r.plan?.basis).toEqual({ version: 1, status: 'approved' });
    const row = (label: string, source: string | null) => r.plan!.rows.find((x) => x.label === label && x.source === source);
    expect(row('T2a', 'central')).toMatchObject({ planned: 40_000_000, spent: 32_500_000 });
    expect(row('T2a', 'local')).toMatchObject({ planned: 10_000_000, spent: 0 });
    // An activity serving two targets counts in full for each, once in the totals.
    expect(row('T3', 'other')).toMatchObject({ planned: 25_000_000 });
    expect(row('T4a', 'other')).toMatchObject({ planned: 25_000_000 });
    expect(row('bySource', 'other')).toMatchObject({ planned: 25_000_000 });
    expect(row('total', null)).toMatchObject({ planned: 75_000_000, spent: 32_500_000 });
    expect(row('T1', 'central')).toBeUndefined(); // nothing planned or spent: no row
  });
});
