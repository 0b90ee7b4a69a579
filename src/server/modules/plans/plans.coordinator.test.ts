// The provincial coordinator's step in plans, through the HTTP API: when the office has turned coordinators on and the
// plan's organisation is in a province with an active coordinator, a submitted plan waits for that coordinator first
// (approve → it waits for the office; return → back to the organisation with comments), as periodic reports do; a
// coordinator is refused outside its province with both provinces named, and at the office's stage; the office
// decides at either stage; a province without a coordinator, or coordinators off, go straight to the office; the
// coordinator reads its province's plans only. Each step is in the plan's history and the audit log, and tells the
// next decider (the coordinator, then the office) or the organisation's focal points.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, TEST_PASSWORD } from '../../../../test/factories.js';
import { toldOf } from '../../../../test/notifications.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { PlanDetail, PlanEvent } from '../../../shared/contracts/plans.js';
import { rows } from '../../kernel/db.js';
import { generateNotifications } from '../notifications/notifications.service.js';
import { PLAN_RETURNED, PLAN_WAITING, plansNotificationSource } from './plans.notifications.js';

let t: Awaited<ReturnType<typeof testApp>>;
const s: Record<string, Session> = {};
const uid: Record<string, number> = {};
const org: Record<string, number> = {};
let year = 2023;

type Method = 'GET' | 'POST' | 'PUT';
const call = (who: string, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: s[who]!.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
const activity = (y: number) => ({
  title: 'Tập huấn cán bộ',
  targets: ['T2a'],
  startMonth: `${y}-03`,
  endMonth: `${y}-04`,
  budget: { local: 100_000_000 },
});

/** A plan of `o` for a new year, submitted by its editor; the plan as the editor then sees it. */
async function submitted(o: string, editor: string): Promise<PlanDetail> {
  const y = year++;
  const c = await call(editor, 'POST', '/api/plans', { organisationId: org[o], year: y, activities: [activity(y)] });
  expect(c.statusCode, c.body).toBe(201);
  const r = await call(editor, 'POST', `/api/plans/${c.json().id}/submit`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
const history = async (id: number) =>
  ((await call('office', 'GET', `/api/plans/${id}/history`)).json() as PlanEvent[]).map((e) => e.action);
const notify = () => generateNotifications(t.db, { daysAhead: 14, mail: false, sources: [plansNotificationSource] });
const told = async (who: string, kind: string) => (await toldOf(t.db, [kind])).get(uid[who]!) ?? [];

beforeAll(async () => {
  t = await testApp();
  org.hn = (await makeOrg(t.db, { kind: 'provincial_department', provinceCode: '01', nameVi: 'Sở thử Hà Nội' })).id;
  org.hnChild = (await makeOrg(t.db, { kind: 'other', provinceCode: '01', nameVi: 'Phòng thử Hà Nội', parentId: org.hn })).id;
  org.hcm = (await makeOrg(t.db, { kind: 'provincial_department', provinceCode: '79', nameVi: 'Sở thử TP HCM' })).id;
  org.dn = (await makeOrg(t.db, { kind: 'provincial_department', provinceCode: '48', nameVi: 'Sở thử Đà Nẵng' })).id; // no coordinator
  for (const [k, role, o] of [
    ['office', 'admin', null],
    ['editorHn', 'editor', org.hn],
    ['editorHnChild', 'editor', org.hnChild],
    ['editorHcm', 'editor', org.hcm],
    ['editorDn', 'editor', org.dn],
    ['viewerHn', 'viewer', org.hn],
  ] as const) {
    const u = await makeUser(t.db, role, o);
    uid[k] = u.id;
    s[k] = await signIn(t.app, u.username, TEST_PASSWORD);
  }
  for (const [k, code] of [
    ['coord01', '01'],
    ['coord79', '79'],
  ] as const) {
    const r = await call('office', 'POST', '/api/users', {
      username: `${k}.plans`,
      displayName: `Điều phối ${code}`,
      password: TEST_PASSWORD,
      role: 'coordinator',
      provinceCode: code,
    });
    expect(r.statusCode, r.body).toBe(201);
    uid[k] = r.json().id;
    s[k] = await signIn(t.app, `${k}.plans`, TEST_PASSWORD);
  }
});

describe('plans through the provincial coordinator', () => {
  it('with coordinators off, a submitted plan waits for the office and coordinators do not decide', async () => {
    const p = await submitted('hn', 'editorHn');
    expect(p).toMatchObject({ status: 'submitted', awaiting: 'office' });
    const r = await call('coord01', 'POST', `/api/plans/${p.id}/approve`, {});
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toMatch(/do not decide plans/);
    expect((await call('office', 'POST', `/api/plans/${p.id}/approve`, {})).json()).toMatchObject({ status: 'approved', awaiting: null });
  });

  it('with coordinators on, the province decides first, then the office', async () => {
    expect((await call('office', 'PUT', '/api/cycle/settings', { coordinatorsEnabled: true })).statusCode).toBe(200);
    const p = await submitted('hnChild', 'editorHnChild');
    expect(p).toMatchObject({ status: 'submitted', awaiting: 'province', can: { decide: false } });
    expect((await call('coord01', 'GET', `/api/plans/${p.id}`)).json()).toMatchObject({
      awaiting: 'province',
      can: { decide: true, edit: false, submit: false },
    });
    expect((await call('office', 'GET', `/api/plans/${p.id}`)).json().can.decide).toBe(true); // the office may decide at either stage
    // Not the coordinator of another province: refused, naming both provinces.
    const outside = await call('coord79', 'POST', `/api/plans/${p.id}/approve`, {});
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toMatch(/province 01 \(.*Hà Nội.*\).*you coordinate province 79 \(.*Hồ Chí Minh.*\)/);
    expect((await call('coord79', 'GET', `/api/plans/${p.id}`)).statusCode).toBe(403);
    // Nor the organisation's own editor or viewer.
    expect((await call('editorHn', 'POST', `/api/plans/${p.id}/approve`, {})).statusCode).toBe(403);
    expect((await call('viewerHn', 'POST', `/api/plans/${p.id}/return`, { comment: 'x' })).statusCode).toBe(403);
    await notify();
    expect(await told('coord01', PLAN_WAITING)).toHaveLength(1);
    expect(await told('office', PLAN_WAITING)).toEqual([]);
    // The coordinator approves for the province: it now waits for the office, and the coordinator's part is over.
    const a = await call('coord01', 'POST', `/api/plans/${p.id}/approve`, { comment: 'Phù hợp kế hoạch của tỉnh' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ status: 'submitted', awaiting: 'office', can: { decide: false } });
    const again = await call('coord01', 'POST', `/api/plans/${p.id}/approve`, {});
    expect(again.statusCode).toBe(403);
    expect(again.json().error.message).toMatch(/passed the province and waits for the programme office/);
    await notify();
    expect((await told('office', PLAN_WAITING)).map((k) => k.split(':')[1])).toEqual(['office']);
    const [n] = await rows<{ title_en: string; body_en: string; link: string }>(
      t.db,
      sql`select title_en, body_en, link from notifications where user_id = ${uid.office} and kind = ${PLAN_WAITING}`,
    );
    expect(n).toMatchObject({
      title_en: expect.stringContaining('waiting for the programme office: Phòng thử Hà Nội'),
      link: `/plans?id=${p.id}`,
    });
    expect(n!.body_en).toMatch(/^Approved by the provincial coordinator at /);
    expect((await call('office', 'POST', `/api/plans/${p.id}/approve`, {})).json()).toMatchObject({
      status: 'approved',
      awaiting: null,
      approvedVersion: 1,
    });
    expect(await history(p.id)).toEqual(['approved', 'approved_by_province', 'submitted', 'created']);
    const audit = await rows<{ action: string }>(
      t.db,
      sql`select action from audit_log where entity = 'plan' and entity_id = ${String(p.id)} order by id`,
    );
    expect(audit.map((x) => x.action)).toEqual(['create', 'update', 'submit', 'approve_by_province', 'approve']);
  });

  it('the coordinator returns with comments; it is fixed, resubmitted and waits for the province again', async () => {
    const p = await submitted('hn', 'editorHn');
    const r = await call('coord01', 'POST', `/api/plans/${p.id}/return`, {
      comment: 'Nêu rõ địa bàn',
      activityComments: [{ no: 1, comment: 'Huyện nào?' }],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      status: 'returned',
      awaiting: null,
      current: { decisionComment: 'Nêu rõ địa bàn', activityComments: [{ no: 1, comment: 'Huyện nào?' }] },
    });
    expect((await call('editorHn', 'GET', `/api/plans/${p.id}`)).json().can).toMatchObject({ edit: true, submit: true, decide: false });
    await notify();
    expect(await told('editorHn', PLAN_RETURNED)).toHaveLength(1);
    for (const u of ['editorHnChild', 'editorHcm', 'viewerHn', 'coord01', 'office']) expect(await told(u, PLAN_RETURNED), u).toEqual([]);
    expect(
      (
        await call('editorHn', 'PUT', `/api/plans/${p.id}/activities`, {
          activities: [{ ...activity(p.year), no: 1, title: 'Tập huấn cán bộ huyện Sóc Sơn' }],
        })
      ).statusCode,
    ).toBe(200);
    expect((await call('editorHn', 'POST', `/api/plans/${p.id}/submit`)).json()).toMatchObject({
      status: 'submitted',
      awaiting: 'province',
    });
    // The office decides at the province's stage too.
    expect((await call('office', 'POST', `/api/plans/${p.id}/return`, { comment: 'Văn phòng trả lại' })).json()).toMatchObject({
      status: 'returned',
    });
    await notify();
    expect(await told('editorHn', PLAN_RETURNED)).toHaveLength(2); // each return an event
    expect(await history(p.id)).toEqual(['returned', 'submitted', 'edited', 'returned_by_province', 'submitted', 'created']);
  });

  it("a province without a coordinator goes straight to the office; the coordinator lists its province's plans only", async () => {
    const p = await submitted('dn', 'editorDn');
    expect(p.awaiting).toBe('office');
    const hcm = await submitted('hcm', 'editorHcm');
    expect(hcm.awaiting).toBe('province');
    const list = (await call('coord01', 'GET', '/api/plans?limit=500')).json() as { items: PlanDetail[] };
    expect(new Set(list.items.map((x) => x.provinceCode))).toEqual(new Set(['01']));
    const waiting = (await call('coord79', 'GET', '/api/plans?awaiting=province')).json() as { items: PlanDetail[] };
    expect(waiting.items.map((x) => x.id)).toEqual([hcm.id]);
    expect((await call('office', 'GET', '/api/plans?awaiting=office')).json().items.map((x: PlanDetail) => x.id)).toContain(p.id);
  });
});
