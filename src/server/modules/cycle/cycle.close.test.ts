// Period close and official figures on a real database: only the office closes, only an ended reporting period; the
// close freezes every figure of the period (with its breakdowns and the records behind it), locks the approved reports
// and is audited; a record entered later with a date in the period changes the live figure and not the official one,
// which reports, the dashboard's status and the official view keep showing, with the live figure beside it as revised
// and the records that differ; re-opening and publishing a revised official figure need a reason and are audited;
// the date lock refuses writes dated in a closed period after its expiry days, except the office's and those it
// permits, naming the field.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rosterRecord } from '../../../../test/cycle.js';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Official, OfficialStatus, Report, RevisionList } from '../../../shared/contracts/cycle.js';
import type { Actor } from '../../kernel/audit.js';
import { assertDatesWritable } from '../../kernel/dateLock.js';
import { rows } from '../../kernel/db.js';
import { updatePerson } from '../training/training.service.js';
import { createPeriod } from './cycle.periods.js';

let t: Awaited<ReturnType<typeof testApp>>;
const s: Record<string, Session> = {};
const org: Record<string, { id: number; code: string }> = {};
let p2025: number, p2026: number, reportA: number, reportB: number, firstPerson: number, latePerson: number;
let editorA: Actor;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const call = (who: string | null, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who ? s[who]!.headers : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
const fields = (r: { json(): { error?: { details?: { field: string }[] } } }) => (r.json().error?.details ?? []).map((d) => d.field);
const SECTIONS = { results: 'Kết quả.', difficulties: 'Khó khăn.', proposals: 'Kiến nghị.', nextTasks: 'Nhiệm vụ.' };
const status = async (q = '') => (await call('editorA', 'GET', `/api/cycle/official-status?period=2025${q}`)).json() as OfficialStatus;
const t2a = (x: OfficialStatus) => x.figures.find((f) => f.indicator === 'T2a')!;

beforeAll(async () => {
  t = await testApp();
  const db = t.db;
  org.a = await makeOrg(db, { code: 'SO-A', nameVi: 'Sở A', kind: 'provincial_department', provinceCode: '01' });
  org.b = await makeOrg(db, { code: 'SO-B', nameVi: 'Sở B', kind: 'provincial_department', provinceCode: '79' });
  firstPerson = await rosterRecord(db, org.a.id, '2025-03-01', true);
  await rosterRecord(db, org.b.id, '2025-04-01');
  const office = await makeUser(db, 'admin'),
    edA = await makeUser(db, 'editor', org.a.id),
    edB = await makeUser(db, 'editor', org.b.id);
  s.office = await signIn(t.app, office.username, TEST_PASSWORD);
  s.editorA = await signIn(t.app, edA.username, TEST_PASSWORD);
  s.editorB = await signIn(t.app, edB.username, TEST_PASSWORD);
  editorA = { userId: edA.id, name: edA.username, role: 'editor', organisationId: org.a.id, via: 'api' };
  p2025 = (await createPeriod(db, seedActor, { kind: 'yearly', year: 2025, deadline: '2026-01-31' })).id;
  p2026 = (await createPeriod(db, seedActor, { kind: 'yearly', year: 2026, deadline: '2027-01-31' })).id;
  reportA = (await call('editorA', 'POST', '/api/cycle/reports', { periodId: p2025, organisationId: org.a.id })).json().id;
  await call('editorA', 'PUT', `/api/cycle/reports/${reportA}`, { sections: SECTIONS });
  await call('editorA', 'POST', `/api/cycle/reports/${reportA}/submit`);
  await call('office', 'POST', `/api/cycle/reports/${reportA}/approve`, {});
  reportB = (await call('editorB', 'POST', '/api/cycle/reports', { periodId: p2025, organisationId: org.b.id })).json().id;
});

describe('closing a period', () => {
  it("is the office's, for a reporting period that has ended", async () => {
    // Before the close the portal shows current figures (and caches the page: the close must renew it).
    expect((await t.app.inject({ method: 'GET', url: '/en/progress?year=2025' })).body).not.toContain('Official figure');
    expect((await call('editorA', 'POST', `/api/cycle/periods/${p2025}/close`, {})).statusCode).toBe(403);
    const open = await call('office', 'POST', `/api/cycle/periods/${p2026}/close`, {});
    expect(open.statusCode).toBe(400);
    expect(fields(open)).toEqual(['period']);
    const mid = await call('office', 'POST', '/api/cycle/periods', { kind: 'midterm', deadline: '2027-03-31' });
    expect(fields(await call('office', 'POST', `/api/cycle/periods/${mid.json().id}/close`, {}))).toEqual(['period']);
    expect(await status()).toMatchObject({ closed: false, figures: [] });
  });

  it('freezes every figure of the period, locks its approved reports and is audited', async () => {
    const r = await call('office', 'POST', `/api/cycle/periods/${p2025}/close`, {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().close).toMatchObject({ version: 1, reason: null, expiryDays: null, lockAfter: null, locked: false });
    expect((await call('office', 'POST', `/api/cycle/periods/${p2025}/close`, {})).statusCode).toBe(409);
    const rep = (await call('editorA', 'GET', `/api/cycle/reports/${reportA}`)).json() as Report;
    expect(rep.status).toBe('locked');
    expect(rep.history.at(-1)).toMatchObject({ action: 'lock', fromStatus: 'approved', toStatus: 'locked' });
    expect(rep.contribution.source).toBe('official');
    const audit = await rows<{ after: { key: string; facts: number; version: number } }>(
      t.db,
      sql`select after from audit_log where entity = 'cycle_period' and action = 'close'`,
    );
    expect(audit[0]!.after).toMatchObject({ key: '2025', version: 1 });
    expect(audit[0]!.after.facts).toBeGreaterThan(0);
    const st = await status();
    expect(st.closed).toBe(true);
    expect(t2a(st)).toMatchObject({ official: { numerator: 1, denominator: 2 }, live: null, revisedRecords: 0 });
    // The official view: the dashboard over the frozen facts, with the breakdowns.
    const off = (await call('editorB', 'GET', `/api/cycle/periods/${p2025}/official`)).json() as Official;
    const fig = off.dashboard.figures.find((f) => f.id === 'T2a')!;
    expect(fig).toMatchObject({ numerator: 1, denominator: 2 });
    expect(fig.breakdowns.province!.find((x) => x.key === '01')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(off.versions).toMatchObject([{ version: 1, status: 'closed' }]);
    // Its reports no longer change.
    const w = await call('editorB', 'PUT', `/api/cycle/reports/${reportB}`, { sections: SECTIONS });
    expect(w.statusCode).toBe(409);
    expect(w.json().error.message).toMatch(/Period 2025 is closed/);
    expect((await call('editorB', 'POST', '/api/cycle/reports', { periodId: p2025, organisationId: org.b.id })).statusCode).toBe(409);
  });

  it('keeps the official figure when a record dated in the period comes later; the live one is shown beside it with the records that differ', async () => {
    latePerson = await rosterRecord(t.db, org.a.id, '2025-06-01');
    const st = await status();
    expect(t2a(st)).toMatchObject({
      official: { numerator: 1, denominator: 2 },
      live: { numerator: 1, denominator: 3 },
      revisedRecords: 1,
    });
    // Other targets are not revised.
    expect(st.figures.filter((f) => f.revisedRecords > 0).map((f) => f.indicator)).toEqual(['T2a']);
    const ofA = t2a(await status(`&organisationId=${org.a.id}`));
    expect(ofA).toMatchObject({ official: { numerator: 1, denominator: 1 }, live: { numerator: 1, denominator: 2 }, revisedRecords: 1 });
    const rev = (await call('editorA', 'GET', `/api/cycle/periods/${p2025}/revisions/T2a`)).json() as RevisionList;
    expect(rev).toMatchObject({
      indicator: 'T2a',
      total: 1,
      records: [{ type: 'training_person', id: latePerson, change: 'added', officialCounts: null, liveCounts: false }],
    });
    // A record changed later (moved to another organisation): changed nationally, removed from A's figure.
    await updatePerson(t.db, seedActor, firstPerson, {
      fullName: 'Cán bộ chuyển',
      position: null,
      organisationId: org.b.id,
      memberships: [{ targetGroup: 'T2a', validFrom: '2025-03-01' }],
    });
    const national = (await call('editorA', 'GET', `/api/cycle/periods/${p2025}/revisions/T2a`)).json() as RevisionList;
    expect(national.records.map((x) => [x.id, x.change]).sort()).toEqual(
      [
        [firstPerson, 'changed'],
        [latePerson, 'added'],
      ].sort(),
    );
    const inA = (
      await call('editorA', 'GET', `/api/cycle/periods/${p2025}/revisions/T2a?organisationId=${org.a.id}`)
    ).json() as RevisionList;
    expect(inA.records.map((x) => [x.id, x.change]).sort()).toEqual(
      [
        [firstPerson, 'removed'],
        [latePerson, 'added'],
      ].sort(),
    );
    // The official figure itself has not moved; the report shows it with the live one beside it.
    const off = (await call('office', 'GET', `/api/cycle/periods/${p2025}/official?organisationId=${org.a.id}`)).json() as Official;
    expect(off.dashboard.figures.find((f) => f.id === 'T2a')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(off.revisions.find((x) => x.indicator === 'T2a')).toMatchObject({ live: { numerator: 0, denominator: 1 }, revisedRecords: 2 });
    const row = ((await call('editorA', 'GET', `/api/cycle/reports/${reportA}`)).json() as Report).contribution.rows.find(
      (x) => x.indicator === 'T2a',
    )!;
    expect(row).toMatchObject({ numerator: 1, denominator: 1, live: { numerator: 0, denominator: 1 }, revisedRecords: 2 });
    // The live dashboard has moved.
    expect(
      (await call('office', 'GET', '/api/indicators?period=2025')).json().figures.find((f: { id: string }) => f.id === 'T2a'),
    ).toMatchObject({ numerator: 1, denominator: 3 });
    // The public progress page shows the official figure, and the current one beside it where revised.
    const page = await t.app.inject({ method: 'GET', url: '/en/progress?year=2025' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/2025 was closed on/);
    expect(page.body).toContain('Official figure');
    const t2aBlock = page.body.slice(page.body.indexOf('id="t2a"'), page.body.indexOf('id="t2b"'));
    expect(t2aBlock).toContain('Revised since the official figure');
    expect(page.body.slice(page.body.indexOf('id="t2b"'), page.body.indexOf('id="t2c"'))).not.toContain('Revised since');
    expect((await t.app.inject({ method: 'GET', url: '/en/progress?year=2026' })).body).not.toContain('Official figure');
  });

  it('is re-opened and revised only by the office, with a reason, audited', async () => {
    expect((await call('editorA', 'POST', `/api/cycle/periods/${p2025}/reopen`, { reason: 'Sửa số liệu' })).statusCode).toBe(403);
    const noReason = await call('office', 'POST', `/api/cycle/periods/${p2025}/reopen`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(fields(noReason)).toEqual(['reason']);
    const re = await call('office', 'POST', `/api/cycle/periods/${p2025}/reopen`, { reason: 'Bổ sung hồ sơ muộn' });
    expect(re.json().close).toBeNull();
    expect((await call('editorA', 'GET', `/api/cycle/reports/${reportA}`)).json()).toMatchObject({ status: 'approved' });
    expect(await status()).toMatchObject({ closed: false });
    const audit = await rows<{ action: string; after: { reason?: string } }>(
      t.db,
      sql`select action, after from audit_log where entity = 'cycle_period' and entity_id = ${String(p2025)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'close', 'reopen']);
    expect(audit[2]!.after.reason).toBe('Bổ sung hồ sơ muộn');
    expect((await call('office', 'POST', `/api/cycle/periods/${p2025}/reopen`, { reason: 'again' })).statusCode).toBe(409);

    await call('office', 'POST', `/api/cycle/periods/${p2025}/close`, {});
    expect(t2a(await status())).toMatchObject({ official: { numerator: 1, denominator: 3 }, live: null, revisedRecords: 0 });
    await rosterRecord(t.db, org.b.id, '2025-09-09', true);
    expect(t2a(await status())).toMatchObject({
      official: { numerator: 1, denominator: 3 },
      live: { numerator: 2, denominator: 4 },
      revisedRecords: 1,
    });
    expect(fields(await call('office', 'POST', `/api/cycle/periods/${p2025}/republish`, {}))).toEqual(['reason']);
    expect((await call('editorB', 'POST', `/api/cycle/periods/${p2025}/republish`, { reason: 'x y z' })).statusCode).toBe(403);
    const rp = await call('office', 'POST', `/api/cycle/periods/${p2025}/republish`, { reason: 'Số liệu bổ sung của Sở B' });
    expect(rp.json().close).toMatchObject({ version: 3, reason: 'Số liệu bổ sung của Sở B' });
    expect(t2a(await status())).toMatchObject({ official: { numerator: 2, denominator: 4 }, live: null, revisedRecords: 0 });
    const off = (await call('office', 'GET', `/api/cycle/periods/${p2025}/official`)).json() as Official;
    expect(off.versions.map((v) => [v.version, v.status])).toEqual([
      [3, 'closed'],
      [2, 'superseded'],
      [1, 'reopened'],
    ]);
    expect(off.versions[1]).toMatchObject({ endReason: 'Số liệu bổ sung của Sở B' });
    const audit2 = await rows<{ action: string }>(
      t.db,
      sql`select action from audit_log where entity = 'cycle_period' and entity_id = ${String(p2025)} order by id`,
    );
    expect(audit2.map((a) => a.action)).toEqual(['create', 'close', 'reopen', 'close', 'republish']);
  });
});

describe('the date lock', () => {
  it("refuses writes dated in a closed period after its expiry days, except the office's and those it permits", async () => {
    const dated = (actor: Actor, day: string) =>
      assertDatesWritable(t.db, actor, [{ field: 'startsOn', day }]).then(
        () => 'ok',
        (e) => e,
      );
    // Closed without a lock (expiry days: none): writes still pass (and change the live figures only).
    expect(await dated(editorA, '2025-05-05')).toBe('ok');
    await call('office', 'POST', `/api/cycle/periods/${p2025}/reopen`, { reason: 'Đặt khoá sổ' });
    const c = await call('office', 'POST', `/api/cycle/periods/${p2025}/close`, { expiryDays: 0 });
    expect(c.json().close).toMatchObject({ expiryDays: 0, locked: true });
    const refused = await dated(editorA, '2025-05-05');
    expect(refused).toMatchObject({ code: 'forbidden', details: [{ field: 'startsOn' }] });
    expect(refused.message).toMatch(/Period 2025 is closed and locked/);
    expect(refused.details[0].message).toMatch(/2025-05-05 is in 2025, closed on .* and locked since/);
    expect(await dated(editorA, '2026-05-05')).toBe('ok');
    expect(await dated({ ...editorA, role: 'admin', organisationId: null }, '2025-05-05')).toBe('ok');
    // The office's permission for organisation A (and those below it), until a day.
    const past = await call('office', 'POST', `/api/cycle/periods/${p2025}/grants`, {
      organisationId: org.a.id,
      until: '2020-01-01',
      reason: 'Bổ sung',
    });
    expect(fields(past)).toEqual(['until']);
    expect(
      (
        await call('editorA', 'POST', `/api/cycle/periods/${p2025}/grants`, {
          organisationId: org.a.id,
          until: '2030-01-01',
          reason: 'Bổ sung',
        })
      ).statusCode,
    ).toBe(403);
    const g = await call('office', 'POST', `/api/cycle/periods/${p2025}/grants`, {
      organisationId: org.a.id,
      until: '2030-01-01',
      reason: 'Bổ sung hồ sơ tập huấn',
    });
    expect(g.statusCode, g.body).toBe(201);
    expect(await dated(editorA, '2025-05-05')).toBe('ok');
    expect(await dated({ ...editorA, organisationId: org.b.id }, '2025-05-05')).toMatchObject({ code: 'forbidden' });
    expect((await call('office', 'DELETE', `/api/cycle/periods/${p2025}/grants/${g.json().id}`)).statusCode).toBe(204);
    expect(await dated(editorA, '2025-05-05')).toMatchObject({ code: 'forbidden' });
    expect((await call('office', 'GET', `/api/cycle/periods/${p2025}/grants`)).json()).toMatchObject([
      { organisationName: 'Sở A', revokedAt: expect.any(String) },
    ]);
  });
});
