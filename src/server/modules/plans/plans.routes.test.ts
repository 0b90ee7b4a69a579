// The plans API as a focal point and the programme office use it: create a plan with activities and budgets, submit,
// the office returns it with a comment, it is fixed and approved; the refused steps answer 403 / 409 / 400 naming the
// field; spending and plan vs actual (JSON and the Excel download, the same figures on both maps); every version stays
// readable; nothing without signing in; every route is in the OpenAPI document.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { PlanDetail, PlanSummary } from '../../../shared/contracts/plans.js';

let t: Awaited<ReturnType<typeof testApp>>;
let focal: Session, office: Session, outsider: Session, viewer: Session;
let org: { id: number; code: string };

const call = (s: Session | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: s?.headers ?? {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
const activity = (patch: Record<string, unknown> = {}) => ({
  title: 'Tập huấn cho cán bộ',
  targets: ['T2a', 'T2b'],
  audiences: [1],
  startMonth: '2026-03',
  endMonth: '2026-04',
  expectedOutputs: '2 lớp, 120 lượt',
  budget: { central: 0, local: 150_000_000, other: 10_000_000 },
  ...patch,
});

beforeAll(async () => {
  t = await testApp();
  org = await makeOrg(t.db, { kind: 'provincial_committee', provinceCode: '79', nameVi: 'UBND thử TP HCM' });
  const other = await makeOrg(t.db, { kind: 'provincial_committee', provinceCode: '01' });
  focal = await signIn(t.app, (await makeUser(t.db, 'editor', org.id)).username, TEST_PASSWORD);
  office = await signIn(t.app, (await makeUser(t.db, 'admin')).username, TEST_PASSWORD);
  outsider = await signIn(t.app, (await makeUser(t.db, 'editor', other.id)).username, TEST_PASSWORD);
  viewer = await signIn(t.app, (await makeUser(t.db, 'viewer', org.id)).username, TEST_PASSWORD);
});

describe('the plans API', () => {
  it('a focal point plans and submits, the office returns with a comment, it is fixed and approved', async () => {
    const created = await call(focal, 'POST', '/api/plans', { organisationId: org.id, year: 2026 });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as PlanDetail).id;
    const bad = await call(focal, 'PUT', `/api/plans/${id}/activities`, {
      activities: [activity({ targets: [] }), activity({ budget: { central: -1, local: 'x', other: 0 } })],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['activities.0.targets', 'activities.1.budget.central', 'activities.1.budget.local']),
    );
    const saved = await call(focal, 'PUT', `/api/plans/${id}/activities`, {
      activities: [
        activity(),
        activity({
          title: 'Triển lãm ảnh',
          targets: ['T3'],
          audiences: [2, 5],
          startMonth: '2026-09',
          endMonth: '2026-10',
          budget: { central: 50_000_000, local: 200_000_000, other: 0 },
        }),
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as PlanDetail).current.budget).toEqual({
      central: 50_000_000,
      local: 350_000_000,
      other: 10_000_000,
      total: 410_000_000,
    });
    expect((await call(focal, 'POST', `/api/plans/${id}/submit`)).statusCode).toBe(200);
    expect((await call(focal, 'POST', `/api/plans/${id}/submit`)).statusCode).toBe(409);
    expect((await call(focal, 'POST', `/api/plans/${id}/approve`, {})).statusCode).toBe(403);
    expect((await call(focal, 'POST', `/api/plans/${id}/return`, { comment: 'x' })).statusCode).toBe(403);
    expect((await call(office, 'POST', `/api/plans/${id}/return`, {})).statusCode).toBe(400);
    const returned = await call(office, 'POST', `/api/plans/${id}/return`, {
      comment: 'Bổ sung địa điểm triển lãm',
      activityComments: [{ no: 2, comment: 'Ở đâu?' }],
    });
    expect(returned.json()).toMatchObject({
      status: 'returned',
      current: { decisionComment: 'Bổ sung địa điểm triển lãm', activityComments: [{ no: 2, comment: 'Ở đâu?' }] },
    });
    const focalView = (await call(focal, 'GET', `/api/plans/${id}`)).json() as PlanDetail;
    expect(focalView.can).toMatchObject({ edit: true, submit: true, decide: false });
    const fixed = focalView.current.activities.map((a) => ({
      ...a,
      description: a.no === 2 ? 'Nhà Văn hoá Thanh niên' : a.description,
      budget: { central: a.budget.central, local: a.budget.local, other: a.budget.other },
    }));
    expect((await call(focal, 'PUT', `/api/plans/${id}/activities`, { activities: fixed })).statusCode).toBe(200);
    expect((await call(focal, 'POST', `/api/plans/${id}/submit`)).statusCode).toBe(200);
    const approved = await call(office, 'POST', `/api/plans/${id}/approve`, { comment: 'Đồng ý' });
    expect(approved.json()).toMatchObject({
      status: 'approved',
      approvedVersion: 1,
      can: { spend: true, revise: true, decide: false, edit: false },
    });
    expect((await call(focal, 'PUT', `/api/plans/${id}/activities`, { activities: fixed })).statusCode).toBe(409);
    const history = (await call(viewer, 'GET', `/api/plans/${id}/history`)).json() as { action: string; comment: string | null }[];
    expect(history.map((h) => h.action)).toEqual(['approved', 'submitted', 'edited', 'returned', 'submitted', 'edited', 'created']);
    // spending, then a new version; version 1 stays readable
    expect(
      (await call(focal, 'POST', `/api/plans/${id}/spending`, { activityNo: 1, source: 'local', amount: -5, spentOn: '2026-03-20' })).json()
        .error.details[0].field,
    ).toBe('amount');
    const sp = await call(focal, 'POST', `/api/plans/${id}/spending`, {
      activityNo: 1,
      source: 'local',
      amount: 90_000_000,
      spentOn: '2026-03-20',
      note: 'Hợp đồng 12',
    });
    expect(sp.statusCode, sp.body).toBe(201);
    expect(
      (await call(outsider, 'POST', `/api/plans/${id}/spending`, { activityNo: 1, source: 'local', amount: 5, spentOn: '2026-03-20' }))
        .statusCode,
    ).toBe(403);
    expect((await call(viewer, 'GET', `/api/plans/${id}/spending`)).json()).toHaveLength(1);
    const v2 = await call(focal, 'POST', `/api/plans/${id}/revise`);
    expect(v2.json()).toMatchObject({ version: 2, status: 'draft', approvedVersion: 1 });
    const v1 = await call(viewer, 'GET', `/api/plans/${id}/versions/1`);
    expect(v1.json()).toMatchObject({ version: 1, status: 'approved', decisionComment: 'Đồng ý' });
    expect(v1.json().activities[1].description).toBe('Nhà Văn hoá Thanh niên');
    const pva = await call(viewer, 'GET', `/api/plans/${id}/vs-actual`);
    expect(pva.json()).toMatchObject({ basis: { version: 1, status: 'approved' }, total: { planned: 410_000_000, spent: 90_000_000 } });
    expect((await call(viewer, 'GET', `/api/plans/status?organisationId=${org.id}&year=2026`)).json()).toMatchObject({
      status: 'draft',
      version: 2,
      approvedVersion: 1,
    });
    const spId = sp.json().id as number;
    expect((await call(viewer, 'DELETE', `/api/plans/${id}/spending/${spId}`)).statusCode).toBe(403);
  });

  it('keeps other organisations out and asks for a session', async () => {
    const [{ id }] = (await call(office, 'GET', `/api/plans?organisationId=${org.id}`)).json().items;
    expect((await call(outsider, 'GET', `/api/plans/${id}`)).statusCode).toBe(403);
    expect((await call(outsider, 'GET', `/api/plans/${id}/versions/1`)).statusCode).toBe(403);
    expect((await call(outsider, 'GET', `/api/plans/status?organisationId=${org.id}&year=2026`)).statusCode).toBe(403);
    expect((await call(outsider, 'GET', '/api/plans')).json().total).toBe(0);
    expect((await call(outsider, 'POST', '/api/plans', { organisationId: org.id, year: 2027 })).statusCode).toBe(403);
    expect((await call(viewer, 'POST', '/api/plans', { organisationId: org.id, year: 2027 })).statusCode).toBe(403);
    for (const url of [
      '/api/plans',
      `/api/plans/${id}`,
      '/api/plans/templates',
      '/api/plans/summary?year=2026',
      '/api/plans/export.xlsx',
    ]) {
      expect((await call(null, 'GET', url)).statusCode, url).toBe(401);
    }
    expect((await call(null, 'POST', `/api/plans/${id}/submit`)).statusCode).toBe(401);
    expect((await call(office, 'GET', '/api/plans/summary?year=2031')).statusCode).toBe(400);
    expect((await call(office, 'GET', '/api/plans/99999')).statusCode).toBe(404);
  });

  it('answers plan vs actual by organisation, province on both maps, target and source, in JSON and in Excel', async () => {
    for (const map of ['34', '63'] as const) {
      const json = (await call(office, 'GET', `/api/plans/summary?year=2026&map=${map}`)).json() as PlanSummary;
      expect(json.total).toEqual({
        planned: { central: 50_000_000, local: 350_000_000, other: 10_000_000, total: 410_000_000 },
        spent: { central: 0, local: 90_000_000, other: 0, total: 90_000_000 },
      });
      const hcm = json.byProvince.filter((p) => p.organisations > 0);
      expect(hcm.map((p) => [p.key, p.attributed])).toEqual(
        map === '34'
          ? [['79', false]]
          : [
              ['74', true],
              ['77', true],
              ['79', true],
            ],
      );
      const x = await call(office, 'GET', `/api/plans/summary.xlsx?year=2026&map=${map}&lang=en`);
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-type']).toMatch(/spreadsheetml/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['By organisation', 'By province', 'By target', 'By source']);
      const orgs = wb.getWorksheet('By organisation')!;
      expect(orgs.getRow(3).getCell(1).value).toBe(org.code);
      expect(orgs.getRow(3).getCell(11).value).toBe(410_000_000); // planned total
      expect(orgs.getRow(3).getCell(15).value).toBe(90_000_000); // spent total
      const prov = wb.getWorksheet('By province')!;
      const provRows = prov
        .getRows(3, prov.rowCount - 2)!
        .filter((r) => Number(r.getCell(3).value) > 0)
        .map((r) => [r.getCell(1).value, r.getCell(8).value]);
      expect(provRows).toEqual(hcm.map((p) => [p.key, p.planned.total]));
      const targets = wb.getWorksheet('By target')!;
      expect(targets.getRow(3).values).toEqual(expect.arrayContaining(['T2a', 160_000_000]));
    }
    const vi = await call(viewer, 'GET', '/api/plans/summary.xlsx?year=2026');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(vi.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Theo tổ chức', 'Theo tỉnh', 'Theo mục tiêu', 'Theo nguồn']);
  });

  it('offers templates per kind of organisation and starts a plan from them or from last year', async () => {
    const templates = (await call(viewer, 'GET', '/api/plans/templates')).json() as { kind: string; activities: unknown[] }[];
    expect(templates.map((x) => x.kind)).toEqual(expect.arrayContaining(['ministry', 'provincial_committee', 'press', 'mission_abroad']));
    for (const x of templates) expect(x.activities.length).toBeGreaterThan(0);
    const copied = await call(focal, 'POST', '/api/plans', { organisationId: org.id, year: 2027, start: 'copy' });
    expect(copied.statusCode, copied.body).toBe(201);
    // the version in force (1) is copied, moved to 2027, with new numbers of its own
    expect((copied.json() as PlanDetail).current.activities.map((a) => [a.no, a.title, a.startMonth, a.budget.total])).toEqual([
      [1, 'Tập huấn cho cán bộ', '2027-03', 160_000_000],
      [2, 'Triển lãm ảnh', '2027-09', 250_000_000],
    ]);
    const fromTemplate = await call(office, 'POST', '/api/plans', { organisationId: org.id, year: 2028, start: 'template' });
    expect((fromTemplate.json() as PlanDetail).current.activities.length).toBe(
      templates.find((x) => x.kind === 'provincial_committee')!.activities.length,
    );
  });

  it('is in the OpenAPI document', async () => {
    const paths = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json().paths;
    for (const p of [
      '/api/plans',
      '/api/plans/{id}',
      '/api/plans/{id}/activities',
      '/api/plans/{id}/submit',
      '/api/plans/{id}/return',
      '/api/plans/{id}/approve',
      '/api/plans/{id}/revise',
      '/api/plans/{id}/versions/{version}',
      '/api/plans/{id}/spending',
      '/api/plans/summary',
      '/api/plans/summary.xlsx',
      '/api/plans/import',
      '/api/plans/export.xlsx',
      '/api/plans/import-template.xlsx',
      '/api/plans/templates',
      '/api/plans/status',
    ])
      expect(paths[p], p).toBeTruthy();
    expect(paths['/api/plans/summary'].get.parameters.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['year', 'map', 'province', 'orgKind', 'organisationId']),
    );
  });
});
