// The office's deadline for each year's plans, through the HTTP API: only the office sets, moves or removes it (audited);
// a date in the past, not a date, after the plan's year, or a year outside the programme is refused naming the field;
// the list says how many organisations are expected to plan and how many have submitted. As the deadline comes (and
// again in its last days) and once it has passed, the focal points of each expected organisation whose plan is not in
// (none yet for an organisation with last year's approved plan, a draft, a returned plan) are told — not those whose
// plan is submitted or approved, not viewers, not organisations that never planned; once passed the office gets one
// count. Each stage once.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../../test/factories.js';
import { toldOf } from '../../../../test/notifications.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { PlanDeadline } from '../../../shared/contracts/plans.js';
import { rows } from '../../kernel/db.js';
import { vnDate } from '../../kernel/periods.js';
import { generateNotifications } from '../notifications/notifications.service.js';
import { setPlanDeadline } from './plans.deadlines.js';
import { PLAN_DUE, plansNotificationSource } from './plans.notifications.js';
import { approvePlan, createPlan, returnPlan, submitPlan } from './plans.service.js';

let t: Awaited<ReturnType<typeof testApp>>;
const s: Record<string, Session> = {};
const uid: Record<string, number> = {};
const org: Record<string, number> = {};
const YEAR = 2027;
const NOW = new Date('2026-12-01T03:00:00Z'); // 10:00 in Viet Nam
const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

type Method = 'GET' | 'PUT' | 'DELETE';
const call = (who: string, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: s[who]!.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
const activity = (y: number) => ({
  title: 'Tập huấn cán bộ',
  targets: ['T2a'],
  startMonth: `${y}-03`,
  endMonth: `${y}-04`,
  budget: { local: 1 },
});
const notify = (now: Date) => generateNotifications(t.db, { daysAhead: 14, now, mail: false, sources: [plansNotificationSource] });
const told = async (who: string) => (await toldOf(t.db, [PLAN_DUE])).get(uid[who]!) ?? [];

beforeAll(async () => {
  t = await testApp();
  for (const k of ['none', 'draft', 'returned', 'submitted', 'approved', 'never']) {
    org[k] = (await makeOrg(t.db, { kind: 'provincial_department', provinceCode: '01', nameVi: `Sở thử ${k}` })).id;
  }
  for (const [k, role, o] of [
    ['office', 'admin', null],
    ['viewerNone', 'viewer', org.none],
    ...Object.keys(org).map((k) => [`editor_${k}`, 'editor', org[k]] as const),
  ] as const) {
    const u = await makeUser(t.db, role, o);
    uid[k] = u.id;
    s[k] = await signIn(t.app, u.username, TEST_PASSWORD);
  }
  // Last year's approved plan makes `none` expected; the others have a plan for YEAR in each state; `never` has none.
  const last = await createPlan(t.db, seedActor, { organisationId: org.none, year: YEAR - 1, activities: [activity(YEAR - 1)] });
  await submitPlan(t.db, seedActor, last.id);
  await approvePlan(t.db, seedActor, last.id);
  for (const k of ['draft', 'returned', 'submitted', 'approved']) {
    const p = await createPlan(t.db, seedActor, { organisationId: org[k], year: YEAR, activities: [activity(YEAR)] });
    if (k === 'draft') continue;
    await submitPlan(t.db, seedActor, p.id);
    if (k === 'returned') await returnPlan(t.db, seedActor, p.id, { comment: 'Bổ sung' });
    if (k === 'approved') await approvePlan(t.db, seedActor, p.id);
  }
});

describe("the plans' deadline", () => {
  it('is set, moved and removed by the office only, audited, with bad dates refused naming the field', async () => {
    const today = vnDate(new Date());
    const next = Number(today.slice(0, 4)) + 1;
    const year = Math.min(next, 2028);
    const when = year > Number(today.slice(0, 4)) ? `${year}-01-15` : `${year}-12-31`;
    expect((await call('editor_draft', 'PUT', `/api/plans/deadlines/${year}`, { deadline: when })).statusCode).toBe(403);
    const bad = async (y: number | string, deadline: string, message: RegExp) => {
      const r = await call('office', 'PUT', `/api/plans/deadlines/${y}`, { deadline });
      expect(r.statusCode, r.body).toBe(400);
      expect(JSON.stringify(r.json().error)).toMatch(message);
    };
    await bad(year, '2020-01-01', /deadline.*in the past/);
    await bad(year, '2026-02-30', /deadline.*calendar date/);
    await bad(year, `${year + 1}-01-02`, /deadline.*after the end of/);
    await bad(2035, when, /year/);
    const r = await call('office', 'PUT', `/api/plans/deadlines/${year}`, { deadline: when });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ year, deadline: when });
    const list = (await call('viewerNone', 'GET', '/api/plans/deadlines')).json() as PlanDeadline[];
    expect(list.map((d) => d.year)).toContain(year);
    expect((await call('editor_draft', 'DELETE', `/api/plans/deadlines/${year}`)).statusCode).toBe(403);
    expect((await call('office', 'DELETE', `/api/plans/deadlines/${year}`)).statusCode).toBe(204);
    expect((await call('office', 'DELETE', `/api/plans/deadlines/${year}`)).statusCode).toBe(404);
    const audit = await rows<{ action: string }>(
      t.db,
      sql`select action from audit_log where entity = 'plan_deadline' and entity_id = ${String(year)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('counts who is expected and who is in', async () => {
    const d = await setPlanDeadline(t.db, seedActor, YEAR, { deadline: '2026-12-10' });
    // expected: none (last year approved), draft, returned, submitted, approved; in: submitted, approved
    expect(d).toMatchObject({ expected: 5, submitted: 2 });
  });

  it('tells the focal points of the organisations whose plan is not in, as it comes, in its last days and once passed', async () => {
    await setPlanDeadline(t.db, seedActor, YEAR, { deadline: '2026-12-10' });
    await notify(at(-30)); // more than 14 days before: nothing yet
    expect(await told('editor_draft')).toEqual([]);
    await notify(NOW); // 9 days before
    await notify(NOW); // once
    for (const k of ['none', 'draft', 'returned'])
      expect(await told(`editor_${k}`), k).toEqual([`${PLAN_DUE} ${YEAR}:${org[k]}:2026-12-10:due`]);
    for (const k of ['editor_submitted', 'editor_approved', 'editor_never', 'viewerNone', 'office']) expect(await told(k), k).toEqual([]);
    await notify(at(7)); // 2 days before: the last call
    expect(await told('editor_draft')).toHaveLength(2);
    await notify(at(10)); // passed
    expect((await told('editor_returned')).map((k) => k.split(':').at(-1))).toEqual(['due', 'last_call', 'overdue']);
    expect(await told('office')).toEqual([`${PLAN_DUE} ${YEAR}:office:2026-12-10:overdue`]);
    const [n] = await rows<{ title_vi: string; link: string }>(
      t.db,
      sql`select title_vi, link from notifications where user_id = ${uid.office} and kind = ${PLAN_DUE}`,
    );
    expect(n!.title_vi).toBe(`3/5 cơ quan chưa gửi kế hoạch năm ${YEAR} (hạn 2026-12-10)`);
    expect(n!.link).toBe(`/plans?year=${YEAR}`);
  });
});
