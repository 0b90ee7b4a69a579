// Plans and budgets, service rules: who may create, edit, submit, decide and read; the workflow's transitions (the
// forbidden ones included) and their audit; versions (a change to an approved plan is a new version, every version kept);
// bad input named by field (no target, negative or non-numeric amounts, months outside the year); spending against the
// approved plan; planStatus / planVsActual; plan vs actual by organisation, target, source and province on both maps.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { ActivityInput } from '../../../shared/contracts/plans.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import {
  approvePlan,
  createPlan,
  deleteSpending,
  getPlan,
  getPlanVersion,
  listPlans,
  listSpending,
  planHistory,
  planStatus,
  planSummary,
  planVsActual,
  recordSpending,
  returnPlan,
  revisePlan,
  saveActivities,
  submitPlan,
} from './plans.service.js';

let db: Db;
let office: Actor, editorP: Actor, editorC: Actor, editorOther: Actor, viewerP: Actor, viewerC: Actor;
let parent: { id: number }, child: { id: number }, other: { id: number }, central: { id: number }, hcm: { id: number };

const as = (u: { id: number; username: string }, role: Actor['role'], organisationId: number | null): Actor => ({
  userId: u.id,
  name: u.username,
  role,
  organisationId,
  via: 'api',
});
const act = (patch: Partial<ActivityInput> = {}): ActivityInput => ({
  title: 'Tập huấn kỹ năng truyền thông',
  targets: ['T2a'],
  audiences: [1],
  startMonth: '2026-03',
  endMonth: '2026-05',
  expectedOutputs: '2 lớp',
  budget: { central: 100_000_000, local: 50_000_000, other: 0 },
  ...patch,
});
/** The error a promise rejects with: its code and the fields it names. */
async function refusal(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (x: { code?: string; details?: { field: string }[]; message: string }) => x,
  );
  expect(e, 'expected a refusal').not.toBeNull();
  return { code: e!.code, fields: (e!.details ?? []).map((d) => d.field), message: e!.message };
}
const auditCount = async (id: number) =>
  Number(
    (await rows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where entity = 'plan' and entity_id = ${String(id)}`))[0]!
      .n,
  );

beforeAll(async () => {
  db = (await testDatabase()).db;
  parent = await makeOrg(db, { kind: 'provincial_committee', provinceCode: '08', nameVi: 'UBND thử Tuyên Quang' });
  child = await makeOrg(db, { kind: 'provincial_department', provinceCode: '08', nameVi: 'Sở thử Tuyên Quang', parentId: parent.id });
  other = await makeOrg(db, { kind: 'provincial_committee', provinceCode: '01', nameVi: 'UBND thử Hà Nội' });
  central = await makeOrg(db, { kind: 'ministry', nameVi: 'Bộ thử' });
  hcm = await makeOrg(db, { kind: 'press', provinceCode: '79', nameVi: 'Báo thử TP HCM' });
  office = as(await makeUser(db, 'admin'), 'admin', null);
  editorP = as(await makeUser(db, 'editor', parent.id), 'editor', parent.id);
  editorC = as(await makeUser(db, 'editor', child.id), 'editor', child.id);
  editorOther = as(await makeUser(db, 'editor', other.id), 'editor', other.id);
  viewerP = as(await makeUser(db, 'viewer', parent.id), 'viewer', parent.id);
  viewerC = as(await makeUser(db, 'viewer', child.id), 'viewer', child.id);
});

describe('creating a plan', () => {
  it('is for editors of the organisation or one above it and the office; one plan per organisation and year', async () => {
    const p = await createPlan(db, editorP, { organisationId: child.id, year: 2026 }); // the parent's editor plans for its child
    expect(p).toMatchObject({ organisationId: child.id, year: 2026, status: 'draft', version: 1, approvedVersion: null, planned: 0 });
    expect(p.can).toMatchObject({ edit: true, submit: false, decide: false, revise: false, spend: false });
    expect(await refusal(createPlan(db, editorC, { organisationId: child.id, year: 2026 }))).toMatchObject({
      code: 'conflict',
      fields: ['year'],
    });
    expect((await refusal(createPlan(db, editorC, { organisationId: parent.id, year: 2026 }))).code).toBe('forbidden'); // not upwards
    expect((await refusal(createPlan(db, editorOther, { organisationId: child.id, year: 2025 }))).code).toBe('forbidden');
    expect((await refusal(createPlan(db, viewerP, { organisationId: child.id, year: 2025 }))).code).toBe('forbidden');
    expect(await refusal(createPlan(db, office, { organisationId: 999_999, year: 2025 }))).toMatchObject({
      code: 'validation_failed',
      fields: ['organisationId'],
    });
    expect(await refusal(createPlan(db, office, { organisationId: child.id, year: 2029 }))).toMatchObject({
      code: 'validation_failed',
      fields: ['year'],
    });
    expect(await refusal(createPlan(db, office, { organisationId: child.id, year: 2024, start: 'copy' }))).toMatchObject({
      code: 'validation_failed',
      fields: ['start'],
    });
  });

  it('answers a conflict, never a server error, to two creations at once', async () => {
    const both = await Promise.allSettled([0, 1].map(() => createPlan(db, office, { organisationId: hcm.id, year: 2028 })));
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(both.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['conflict']);
  });

  it('starts from the template of its kind', async () => {
    const p = await createPlan(db, office, { organisationId: parent.id, year: 2024, start: 'template' });
    expect(p.current.activities.length).toBeGreaterThanOrEqual(4);
    expect(p.current.activities.map((a) => a.no)).toEqual(p.current.activities.map((_, i) => i + 1));
    expect(p.current.activities.flatMap((a) => a.targets)).toEqual(expect.arrayContaining(['T1', 'T3']));
    for (const a of p.current.activities) expect(a.startMonth.startsWith('2024-')).toBe(true);
  });
});

describe('editing: bad input is named by its field, nothing half-written', () => {
  it('refuses an activity tied to no target, negative or non-numeric amounts, months outside the year or out of order', async () => {
    const p = await createPlan(db, editorOther, { organisationId: other.id, year: 2026 });
    const before = await auditCount(p.id);
    const cases: [Partial<ActivityInput> | Record<string, unknown>, string][] = [
      [{ targets: [] }, 'activities.0.targets'],
      [{ targets: ['T7'] as never }, 'activities.0.targets.0'],
      [{ budget: { central: -1, local: 0, other: 0 } }, 'activities.0.budget.central'],
      [{ budget: { central: 0, local: 'nhiều' as never, other: 0 } }, 'activities.0.budget.local'],
      [{ budget: { central: 0, local: 0, other: 1.5 } }, 'activities.0.budget.other'],
      [{ startMonth: '2025-12' }, 'activities.0.startMonth'],
      [{ startMonth: '2026-06', endMonth: '2026-02' }, 'activities.0.endMonth'],
      [{ startMonth: '2026-13' }, 'activities.0.startMonth'],
      [{ title: '' }, 'activities.0.title'],
      [{ no: 7 }, 'activities.0.no'],
      [{ audiences: [7] as never }, 'activities.0.audiences.0'],
    ];
    for (const [patch, field] of cases) {
      const r = await refusal(saveActivities(db, editorOther, p.id, { activities: [act(patch as Partial<ActivityInput>)] }));
      expect(r.code, JSON.stringify(patch)).toBe('validation_failed');
      expect(r.fields, JSON.stringify(patch)).toContain(field);
    }
    // a second, sound activity does not get written beside a bad one
    expect((await refusal(saveActivities(db, editorOther, p.id, { activities: [act(), act({ targets: [] })] }))).fields).toEqual([
      'activities.1.targets',
    ]);
    expect((await getPlan(db, editorOther, p.id)).current.activities).toEqual([]);
    expect(await auditCount(p.id)).toBe(before);
  });

  it('numbers new activities, keeps numbers across saves and versions, never reuses one', async () => {
    const p = await createPlan(db, editorOther, { organisationId: other.id, year: 2025 });
    let d = await saveActivities(db, editorOther, p.id, {
      activities: [
        act({ startMonth: '2025-01', endMonth: '2025-02' }),
        act({ title: 'Triển lãm', targets: ['T3'], startMonth: '2025-08', endMonth: '2025-09' }),
      ],
    });
    expect(d.current.activities.map((a) => [a.no, a.title])).toEqual([
      [1, 'Tập huấn kỹ năng truyền thông'],
      [2, 'Triển lãm'],
    ]);
    d = await saveActivities(db, editorOther, p.id, {
      activities: [
        { ...act({ title: 'Triển lãm ảnh', targets: ['T3'], startMonth: '2025-08', endMonth: '2025-09' }), no: 2 },
        act({ title: 'Sách', targets: ['T4a'], startMonth: '2025-04', endMonth: '2025-06' }),
      ],
    });
    expect(d.current.activities.map((a) => [a.no, a.title])).toEqual([
      [2, 'Triển lãm ảnh'],
      [3, 'Sách'],
    ]);
    expect(d.planned).toBe(300_000_000);
  });
});

describe('the workflow', () => {
  it('goes draft → submitted → returned → submitted → approved, refusing every other step, each audited', async () => {
    const p = await createPlan(db, editorC, { organisationId: child.id, year: 2025 });
    expect(await refusal(submitPlan(db, editorC, p.id))).toMatchObject({ code: 'validation_failed', fields: ['activities'] });
    await saveActivities(db, editorC, p.id, {
      activities: [
        act({ startMonth: '2025-03', endMonth: '2025-05' }),
        act({
          title: 'Triển lãm',
          targets: ['T3', 'T4b'],
          audiences: [2],
          startMonth: '2025-08',
          endMonth: '2025-10',
          budget: { central: 0, local: 200_000_000, other: 20_000_000 },
        }),
      ],
    });
    // the office decides only what was submitted
    expect((await refusal(approvePlan(db, office, p.id))).code).toBe('conflict');
    expect((await refusal(returnPlan(db, office, p.id, { comment: 'x' }))).code).toBe('conflict');
    const audits = await auditCount(p.id);
    let d = await submitPlan(db, editorC, p.id);
    expect(d).toMatchObject({ status: 'submitted', can: { edit: false, submit: false } });
    expect(await auditCount(p.id)).toBe(audits + 1);
    expect((await refusal(submitPlan(db, editorC, p.id))).code).toBe('conflict'); // a second submission
    expect(
      (await refusal(saveActivities(db, editorC, p.id, { activities: [act({ startMonth: '2025-03', endMonth: '2025-05' })] }))).code,
    ).toBe('conflict'); // under review
    expect((await refusal(approvePlan(db, editorC, p.id))).code).toBe('forbidden'); // editors do not approve
    expect((await refusal(approvePlan(db, editorP, p.id))).code).toBe('forbidden');
    expect((await refusal(returnPlan(db, viewerP, p.id, { comment: 'x' }))).code).toBe('forbidden');
    expect(await refusal(returnPlan(db, office, p.id, { comment: ' ' }))).toMatchObject({ code: 'validation_failed', fields: ['comment'] });
    expect(await refusal(returnPlan(db, office, p.id, { comment: 'x', activityComments: [{ no: 9, comment: 'y' }] }))).toMatchObject({
      code: 'validation_failed',
      fields: ['activityComments.0.no'],
    });
    d = await returnPlan(db, office, p.id, {
      comment: 'Bổ sung kết quả dự kiến',
      activityComments: [{ no: 2, comment: 'Ghi rõ địa điểm' }],
    });
    expect(d.status).toBe('returned');
    expect(d.current).toMatchObject({
      status: 'returned',
      decisionComment: 'Bổ sung kết quả dự kiến',
      activityComments: [{ no: 2, comment: 'Ghi rõ địa điểm' }],
    });
    expect(d.can).toMatchObject({ edit: true, submit: true });
    d = await saveActivities(db, editorC, p.id, {
      activities: [
        { ...act({ startMonth: '2025-03', endMonth: '2025-05' }), no: 1 },
        {
          ...act({
            title: 'Triển lãm tại Bảo tàng tỉnh',
            targets: ['T3', 'T4b'],
            audiences: [2],
            startMonth: '2025-08',
            endMonth: '2025-10',
            budget: { central: 0, local: 200_000_000, other: 20_000_000 },
          }),
          no: 2,
        },
      ],
    });
    expect(d.status).toBe('returned');
    await submitPlan(db, editorC, p.id);
    d = await approvePlan(db, office, p.id, { comment: 'Đồng ý' });
    expect(d).toMatchObject({
      status: 'approved',
      version: 1,
      approvedVersion: 1,
      can: { edit: false, submit: false, decide: false, revise: true, spend: true },
    });
    // approved is locked
    expect((await refusal(saveActivities(db, editorC, p.id, { activities: [] }))).code).toBe('conflict');
    expect((await refusal(submitPlan(db, editorC, p.id))).code).toBe('conflict');
    expect((await refusal(returnPlan(db, office, p.id, { comment: 'x' }))).code).toBe('conflict');
    expect((await refusal(approvePlan(db, office, p.id))).code).toBe('conflict');
    const history = await planHistory(db, viewerC, p.id);
    expect(history.map((h) => h.action).reverse()).toEqual([
      'created',
      'edited',
      'submitted',
      'returned',
      'edited',
      'submitted',
      'approved',
    ]);
    expect(history.find((h) => h.action === 'returned')!.comment).toContain('#2: Ghi rõ địa điểm');
    const actions = await rows<{ action: string }>(
      db,
      sql`select action from audit_log where entity = 'plan' and entity_id = ${String(p.id)} order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual(['create', 'update', 'submit', 'return', 'update', 'submit', 'approve']);
  });

  it('changes an approved plan only through a new version; every version is kept; the approved one stays in force until the next is approved', async () => {
    const [{ id }] = (await listPlans(db, office, { organisationId: child.id, year: 2025 })).items;
    expect((await refusal(revisePlan(db, editorOther, id))).code).toBe('forbidden');
    let d = await revisePlan(db, editorC, id);
    expect(d).toMatchObject({ status: 'draft', version: 2, approvedVersion: 1 });
    expect(d.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'approved'],
      [2, 'draft'],
    ]);
    expect((await refusal(revisePlan(db, editorC, id))).code).toBe('conflict'); // one open version at a time
    const v1 = await getPlanVersion(db, viewerP, id, 1);
    d = await saveActivities(db, editorC, id, {
      activities: [
        { ...act({ startMonth: '2025-03', endMonth: '2025-05', budget: { central: 120_000_000, local: 50_000_000, other: 0 } }), no: 1 },
      ],
    });
    expect(d.planned).toBe(v1.budget.total); // still the approved version's figures
    expect((await planVsActual(db, { organisationId: child.id, year: 2025 })).basis).toEqual({ version: 1, status: 'approved' });
    await submitPlan(db, editorC, id);
    d = await approvePlan(db, office, id);
    expect(d.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'approved'],
    ]);
    expect(d.planned).toBe(170_000_000);
    // version 1, as it was, is still readable
    expect(await getPlanVersion(db, viewerC, id, 1)).toEqual({ ...v1, status: 'superseded' });
    expect((await refusal(getPlanVersion(db, viewerC, id, 3))).code).toBe('not_found');
  });
});

describe('spending', () => {
  it("is recorded against an activity of the approved plan, by source, in the plan's year, never negative", async () => {
    const draft = (await listPlans(db, office, { organisationId: other.id, year: 2025 })).items[0]!;
    expect(
      await refusal(recordSpending(db, editorOther, draft.id, { activityNo: 2, source: 'central', amount: 1000, spentOn: '2025-05-01' })),
    ).toMatchObject({ code: 'validation_failed', fields: ['activityNo'] });
    const p = (await listPlans(db, office, { organisationId: child.id, year: 2025 })).items[0]!;
    const ok = { activityNo: 1, source: 'central', amount: 40_000_000, spentOn: '2025-04-10', note: 'Hợp đồng số 1' } as const;
    for (const [bad, field] of [
      [{ amount: -5 }, 'amount'],
      [{ amount: 0 }, 'amount'],
      [{ amount: '5000' }, 'amount'],
      [{ amount: 10.5 }, 'amount'],
      [{ source: 'donor' }, 'source'],
      [{ spentOn: '2026-01-02' }, 'spentOn'],
      [{ activityNo: 2 }, 'activityNo'],
      [{ spentOn: '10/04/2025' }, 'spentOn'],
    ] as const) {
      const r = await refusal(recordSpending(db, editorC, p.id, { ...ok, ...bad }));
      expect(r.code, JSON.stringify(bad)).toBe('validation_failed');
      expect(r.fields, JSON.stringify(bad)).toContain(field);
    }
    expect((await refusal(recordSpending(db, editorOther, p.id, ok))).code).toBe('forbidden');
    expect((await refusal(recordSpending(db, viewerC, p.id, ok))).code).toBe('forbidden');
    const e1 = await recordSpending(db, editorC, p.id, ok);
    await recordSpending(db, editorP, p.id, { ...ok, source: 'local', amount: 30_000_000, spentOn: '2025-05-20' });
    const e3 = await recordSpending(db, editorC, p.id, { ...ok, amount: 1_000_000 });
    await deleteSpending(db, editorC, p.id, e3.id);
    expect((await refusal(deleteSpending(db, editorC, p.id, e3.id))).code).toBe('not_found');
    expect((await listSpending(db, viewerC, p.id)).map((s) => [s.activityNo, s.source, s.amount])).toEqual([
      [1, 'central', 40_000_000],
      [1, 'local', 30_000_000],
    ]);
    const d = await getPlan(db, viewerP, p.id);
    expect(d.spent).toBe(70_000_000);
    expect(d.current.activities[0]!.spent).toEqual({ central: 40_000_000, local: 30_000_000, other: 0, total: 70_000_000 });
    const audit = await rows<{ action: string }>(
      db,
      sql`select action from audit_log where entity = 'plan' and entity_id = ${String(p.id)} and action like '%spending' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['record-spending', 'record-spending', 'record-spending', 'delete-spending']);
    expect(e1.amount).toBe(40_000_000);
  });

  it('keeps an activity with spending in every later version', async () => {
    const p = (await listPlans(db, office, { organisationId: child.id, year: 2025 })).items[0]!;
    await revisePlan(db, editorC, p.id);
    const r = await refusal(
      saveActivities(db, editorC, p.id, { activities: [act({ title: 'Khác', startMonth: '2025-06', endMonth: '2025-07' })] }),
    );
    expect(r).toMatchObject({ code: 'validation_failed', fields: ['activities'] });
    expect(r.message).toMatch(/#1 has spending/);
  });
});

describe('reading within scope', () => {
  it('shows a plan to its organisation, those above it and the office only', async () => {
    const p = (await listPlans(db, office, { organisationId: child.id, year: 2025 })).items[0]!;
    for (const a of [office, editorP, editorC, viewerP, viewerC]) expect((await getPlan(db, a, p.id)).id).toBe(p.id);
    expect((await refusal(getPlan(db, editorOther, p.id))).code).toBe('forbidden');
    expect((await refusal(planHistory(db, editorOther, p.id))).code).toBe('forbidden');
    expect((await refusal(listSpending(db, editorOther, p.id))).code).toBe('forbidden');
    const parentPlan = (await listPlans(db, office, { organisationId: parent.id })).items[0]!;
    expect((await refusal(getPlan(db, viewerC, parentPlan.id))).code).toBe('forbidden'); // not upwards
    const seen = async (a: Actor) => new Set((await listPlans(db, a, {})).items.map((x) => x.organisationId));
    expect([...(await seen(viewerC))]).toEqual([child.id]);
    expect([...(await seen(viewerP))].sort()).toEqual([parent.id, child.id].sort());
    expect([...(await seen(editorOther))]).toEqual([other.id]);
    expect((await seen(office)).size).toBeGreaterThanOrEqual(3);
    expect((await planSummary(db, viewerC, { year: 2025 })).byOrganisation.map((o) => o.organisationId)).toEqual([child.id]);
  });
});

describe('status and plan vs actual for other modules', () => {
  it('planStatus says where the plan stands', async () => {
    expect(await planStatus(db, { organisationId: central.id, year: 2025 })).toMatchObject({ planId: null, status: 'none' });
    const s = await planStatus(db, { organisationId: child.id, year: 2025 });
    expect(s).toMatchObject({ status: 'draft', version: 3, approvedVersion: 2 });
    expect(s.approvedAt).not.toBeNull();
    const r = await createPlan(db, office, { organisationId: central.id, year: 2025 });
    await saveActivities(db, office, r.id, { activities: [act({ startMonth: '2025-01', endMonth: '2025-12' })] });
    await submitPlan(db, office, r.id);
    await returnPlan(db, office, r.id, { comment: 'Thiếu T1' });
    expect(await planStatus(db, { organisationId: central.id, year: 2025 })).toMatchObject({
      status: 'returned',
      returnComment: 'Thiếu T1',
      approvedVersion: null,
    });
  });

  it('planVsActual sums planned and spent per target and source; several targets count in full for each, totals once', async () => {
    const p = await createPlan(db, office, { organisationId: hcm.id, year: 2026 });
    await saveActivities(db, office, p.id, {
      activities: [
        act({ targets: ['T4b', 'T5b'], budget: { central: 10_000_000, local: 0, other: 90_000_000 } }),
        act({ targets: ['T2c'], budget: { central: 30_000_000, local: 0, other: 0 } }),
      ],
    });
    await submitPlan(db, office, p.id);
    await approvePlan(db, office, p.id);
    await recordSpending(db, office, p.id, { activityNo: 1, source: 'other', amount: 45_000_000, spentOn: '2026-04-01' });
    await recordSpending(db, office, p.id, { activityNo: 2, source: 'central', amount: 31_000_000, spentOn: '2026-04-02' });
    const r = await planVsActual(db, { organisationId: hcm.id, year: 2026 });
    expect(r.basis).toEqual({ version: 1, status: 'approved' });
    expect(r.total).toEqual({ planned: 130_000_000, spent: 76_000_000 });
    expect(r.bySource).toEqual([
      { source: 'central', planned: 40_000_000, spent: 31_000_000 },
      { source: 'local', planned: 0, spent: 0 },
      { source: 'other', planned: 90_000_000, spent: 45_000_000 },
    ]);
    const row = (t: string, s: string) => r.byTarget.find((x) => x.target === t && x.source === s);
    expect(row('T4b', 'other')).toEqual({ target: 'T4b', source: 'other', planned: 90_000_000, spent: 45_000_000 });
    expect(row('T5b', 'other')).toEqual({ target: 'T5b', source: 'other', planned: 90_000_000, spent: 45_000_000 });
    expect(row('T2c', 'central')).toEqual({ target: 'T2c', source: 'central', planned: 30_000_000, spent: 31_000_000 });
    expect(r.byTarget.map((x) => x.target)).toEqual(['T2c', 'T2c', 'T2c', 'T4b', 'T4b', 'T4b', 'T5b', 'T5b', 'T5b']);
    expect(await planVsActual(db, { organisationId: central.id, year: 2027 })).toMatchObject({
      basis: null,
      byTarget: [],
      total: { planned: 0, spent: 0 },
    });
  });
});

describe('plan vs actual across organisations', () => {
  it('sums by province on the 34-unit map and, through the crosswalk, on the 63-unit map (merged provinces attributed)', async () => {
    // 2026: the child (Tuyên Quang, 34-map 08 = former 02 + 08), Hà Nội (01, unmerged), the HCM press (79 = 74 + 77 + 79)
    // and a ministry (central).
    const c = await createPlan(db, editorC, { organisationId: child.id, year: 2027 });
    await saveActivities(db, editorC, c.id, {
      activities: [act({ startMonth: '2027-02', endMonth: '2027-03', budget: { central: 0, local: 80_000_000, other: 0 } })],
    });
    const h = await createPlan(db, editorOther, { organisationId: other.id, year: 2027 });
    await saveActivities(db, editorOther, h.id, {
      activities: [
        act({ targets: ['T1'], startMonth: '2027-01', endMonth: '2027-12', budget: { central: 0, local: 25_000_000, other: 5_000_000 } }),
      ],
    });
    const m = await createPlan(db, office, { organisationId: central.id, year: 2027 });
    await saveActivities(db, office, m.id, {
      activities: [
        act({ targets: ['T6'], startMonth: '2027-01', endMonth: '2027-06', budget: { central: 60_000_000, local: 0, other: 0 } }),
      ],
    });
    await submitPlan(db, office, m.id);
    await approvePlan(db, office, m.id);
    await recordSpending(db, office, m.id, { activityNo: 1, source: 'central', amount: 20_000_000, spentOn: '2027-03-03' });
    const s34 = await planSummary(db, office, { year: 2027 });
    expect(s34.plans).toBe(3);
    const p34 = (k: string) => s34.byProvince.find((x) => x.key === k)!;
    expect(s34.byProvince.length).toBe(35); // 34 + central and abroad
    expect(p34('08')).toMatchObject({ organisations: 1, attributed: false, planned: { local: 80_000_000, total: 80_000_000 } });
    expect(p34('01')).toMatchObject({ organisations: 1, planned: { local: 25_000_000, other: 5_000_000, total: 30_000_000 } });
    expect(p34('_none')).toMatchObject({
      organisations: 1,
      planned: { central: 60_000_000 },
      spent: { central: 20_000_000, total: 20_000_000 },
    });
    expect(p34('79').organisations).toBe(0);
    expect(s34.total).toEqual({
      planned: { central: 60_000_000, local: 105_000_000, other: 5_000_000, total: 170_000_000 },
      spent: { central: 20_000_000, local: 0, other: 0, total: 20_000_000 },
    });
    expect(s34.bySource).toEqual([
      { source: 'central', planned: 60_000_000, spent: 20_000_000 },
      { source: 'local', planned: 105_000_000, spent: 0 },
      { source: 'other', planned: 5_000_000, spent: 0 },
    ]);
    expect(s34.byTarget.map((t) => [t.target, t.planned.total, t.activities])).toEqual([
      ['T1', 30_000_000, 1],
      ['T2a', 80_000_000, 1],
      ['T6', 60_000_000, 1],
    ]);
    const s63 = await planSummary(db, office, { year: 2027, map: '63' });
    const p63 = (k: string) => s63.byProvince.find((x) => x.key === k)!;
    expect(s63.byProvince.length).toBe(64);
    for (const k of ['02', '08']) expect(p63(k)).toMatchObject({ organisations: 1, attributed: true, planned: { total: 80_000_000 } });
    expect(p63('01')).toMatchObject({ organisations: 1, attributed: false, planned: { total: 30_000_000 } });
    expect(s63.total).toEqual(s34.total); // the totals count each organisation once
    // filters: a province (on either map), a kind, an organisation's subtree
    expect((await planSummary(db, office, { year: 2027, map: '63', province: '02' })).byOrganisation.map((o) => o.organisationId)).toEqual([
      child.id,
    ]);
    expect((await planSummary(db, office, { year: 2027, province: '8' })).plans).toBe(1);
    expect((await planSummary(db, office, { year: 2027, orgKind: 'ministry' })).byOrganisation.map((o) => o.organisationId)).toEqual([
      central.id,
    ]);
    expect((await planSummary(db, office, { year: 2027, organisationId: parent.id })).byOrganisation.map((o) => o.organisationId)).toEqual([
      child.id,
    ]);
    // the HCM press in 2026 on the 63-unit map: each former unit of HCM
    const h63 = await planSummary(db, office, { year: 2026, map: '63' });
    for (const k of ['74', '77', '79'])
      expect(
        h63.byProvince.find((x) => x.key === k),
        k,
      ).toMatchObject({ attributed: true, planned: { total: 130_000_000 } });
    expect(await refusal(planSummary(db, office, { year: 2030 }))).toMatchObject({ code: 'validation_failed', fields: ['year'] });
  });
});
