// The report calendar, agency reports and their workflow through the HTTP API, on a real database: the office's
// calendar (deadlines in the past refused, one period per key), who must report (records in the period, the office's
// additions and exclusions), a report pre-filled from the records with the drill-down behind each figure, the
// narrative sections, files, draft → submitted → returned (comments per part) → submitted → approved, a second
// submission of an approved report refused, every step audited; provincial coordinators (when the office turns them
// on) deciding first, refused outside their province; completeness (on time, late, missing; organisations created or
// deactivated during the period; by kind and province; Excel).
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rosterRecord } from '../../../../test/cycle.js';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import { unzip } from '../../../../test/zip.js';
import type { Report } from '../../../shared/contracts/cycle.js';
import { rows } from '../../kernel/db.js';
import { createPeriod } from './cycle.periods.js';
import { submitReport } from './cycle.reports.js';

let t: Awaited<ReturnType<typeof testApp>>;
const s: Record<string, Session> = {};
const org: Record<string, { id: number; code: string }> = {};
let p2025: number, p2026: number, p2027: number;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const call = (who: string | null, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who ? s[who]!.headers : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
const fields = (r: { json(): { error?: { details?: { field: string }[] } } }) => (r.json().error?.details ?? []).map((d) => d.field);
const SECTIONS = {
  results: 'Đã tập huấn 2 cán bộ.',
  difficulties: 'Thiếu kinh phí.',
  proposals: 'Bổ sung kinh phí.',
  nextTasks: 'Tập huấn thêm.',
};

beforeAll(async () => {
  t = await testApp();
  const db = t.db;
  org.a = await makeOrg(db, { code: 'SO-HN', nameVi: 'Sở thử Hà Nội', kind: 'provincial_department', provinceCode: '01' });
  org.aChild = await makeOrg(db, { code: 'PHONG-HN', nameVi: 'Phòng thử Hà Nội', kind: 'other', provinceCode: '01', parentId: org.a.id });
  org.b = await makeOrg(db, { code: 'SO-HCM', nameVi: 'Sở thử TP HCM', kind: 'provincial_department', provinceCode: '79' });
  org.c = await makeOrg(db, { code: 'BO-T', nameVi: 'Bộ thử', kind: 'ministry' });
  org.d = await makeOrg(db, { code: 'SO-DN', nameVi: 'Sở thử Đà Nẵng', kind: 'provincial_department', provinceCode: '48' });
  org.newcomer = await makeOrg(db, { code: 'MOI-T', nameVi: 'Tổ chức mới thành lập', kind: 'other', provinceCode: '01' });
  org.closed = await makeOrg(db, { code: 'GT-T', nameVi: 'Tổ chức đã giải thể', kind: 'other', provinceCode: '79' });
  org.late = await makeOrg(db, { code: 'SAU-T', nameVi: 'Tổ chức lập sau kỳ', kind: 'other', provinceCode: '79' });
  // Records dated in 2025 (roster entries of T2a): a, b, d, the newcomer, the dissolved one, the one created after.
  for (const k of ['a', 'b', 'd', 'newcomer', 'closed', 'late']) await rosterRecord(db, org[k]!.id, '2025-03-01');
  await db.execute(sql`update organisations set valid_from = '2025-05-01' where id = ${org.newcomer!.id}`);
  await db.execute(sql`update organisations set valid_to = '2025-06-30', active = false where id = ${org.closed!.id}`);
  await db.execute(sql`update organisations set valid_from = '2026-02-01' where id = ${org.late!.id}`);
  const users = {
    office: await makeUser(db, 'admin'),
    editorA: await makeUser(db, 'editor', org.a.id),
    editorB: await makeUser(db, 'editor', org.b.id),
    editorD: await makeUser(db, 'editor', org.d.id),
    viewerA: await makeUser(db, 'viewer', org.a.id),
    viewerChild: await makeUser(db, 'viewer', org.aChild.id),
    analyst: await makeUser(db, 'analyst'),
  };
  for (const [k, u] of Object.entries(users)) s[k] = await signIn(t.app, u.username, TEST_PASSWORD);
  for (const [k, code] of [
    ['coord01', '01'],
    ['coord79', '79'],
  ] as const) {
    const r = await call('office', 'POST', '/api/users', {
      username: `${k}.test`,
      displayName: `Điều phối ${code}`,
      password: TEST_PASSWORD,
      role: 'coordinator',
      provinceCode: code,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ role: 'coordinator', provinceCode: code });
    s[k] = await signIn(t.app, `${k}.test`, TEST_PASSWORD);
  }
  // Past periods come from the system (demo data, history); the office sets future deadlines.
  p2025 = (await createPeriod(db, seedActor, { kind: 'yearly', year: 2025, deadline: '2026-01-31' })).id;
});

describe('the report calendar', () => {
  it('lets the office set periods with deadlines, refusing past deadlines, duplicates and incomplete periods', async () => {
    const r = await call('office', 'POST', '/api/cycle/periods', { kind: 'yearly', year: 2026, deadline: '2027-01-31' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      key: '2026',
      kind: 'yearly',
      firstDay: '2026-01-01',
      lastDay: '2026-12-31',
      deadline: '2027-01-31',
      figurePeriods: ['2026'],
      closable: true,
      close: null,
    });
    p2026 = r.json().id;
    const past = await call('office', 'POST', '/api/cycle/periods', { kind: 'yearly', year: 2027, deadline: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(fields(past)).toEqual(['deadline']);
    expect((await call('office', 'POST', '/api/cycle/periods', { kind: 'yearly', year: 2026, deadline: '2027-02-01' })).statusCode).toBe(
      409,
    );
    const half = await call('office', 'POST', '/api/cycle/periods', { kind: 'half_yearly', year: 2027, deadline: '2027-07-20' });
    expect(half.statusCode).toBe(400);
    expect(fields(half)).toEqual(['half']);
    const h = await call('office', 'POST', '/api/cycle/periods', { kind: 'half_yearly', year: 2027, half: 1, deadline: '2027-07-20' });
    expect(h.json()).toMatchObject({ key: '2027-H1', firstDay: '2027-01-01', lastDay: '2027-06-30', label: { en: 'First half of 2027' } });
    const mid = await call('office', 'POST', '/api/cycle/periods', { kind: 'midterm', deadline: '2027-03-31' });
    expect(mid.json()).toMatchObject({ key: '2023-2025', figurePeriods: ['2023', '2024', '2025'], closable: false });
    p2027 = (await call('office', 'POST', '/api/cycle/periods', { kind: 'yearly', year: 2027, deadline: '2028-01-31' })).json().id;
    expect((await call('editorA', 'POST', '/api/cycle/periods', { kind: 'final', deadline: '2029-01-31' })).statusCode).toBe(403);
    const moved = await call('office', 'PUT', `/api/cycle/periods/${p2026}`, { deadline: '2019-05-05' });
    expect(fields(moved)).toEqual(['deadline']);
    const bad = await call('office', 'PUT', `/api/cycle/periods/${p2026}`, { includeOrganisationIds: [org.c!.id, 999999] });
    expect(fields(bad)).toEqual(['includeOrganisationIds.1']);
    expect((await call('analyst', 'GET', '/api/cycle/periods')).json().map((p: { key: string }) => p.key)).toEqual(
      expect.arrayContaining(['2027', '2026', '2025', '2023-2025', '2027-H1']),
    );
  });

  it("expects every organisation with records in the period that existed during it, plus the office's additions, minus its exclusions", async () => {
    const due = async (who: string) =>
      (await call(who, 'GET', '/api/cycle/due')).json() as { period: { key: string }; organisationId: number; expectedBecause: string[] }[];
    const of2025 = (await due('office')).filter((d) => d.period.key === '2025');
    const ids = of2025.map((d) => d.organisationId);
    expect(ids).toEqual(expect.arrayContaining([org.a!.id, org.b!.id, org.d!.id, org.newcomer!.id, org.closed!.id]));
    expect(ids).not.toContain(org.c!.id); // no records
    expect(ids).not.toContain(org.late!.id); // created after the period
    expect(of2025.find((d) => d.organisationId === org.a!.id)!.expectedBecause).toEqual(['records']);
    // An editor sees its own subtree only.
    expect((await due('editorA')).filter((d) => d.period.key === '2025').map((d) => d.organisationId)).toEqual([org.a!.id]);
    const r = await call('office', 'PUT', `/api/cycle/periods/${p2025}`, {
      includeOrganisationIds: [org.c!.id],
      excludeOrganisationIds: [org.d!.id],
    });
    expect(r.statusCode, r.body).toBe(200);
    const after = (await due('office')).filter((d) => d.period.key === '2025');
    expect(after.find((d) => d.organisationId === org.c!.id)!.expectedBecause).toEqual(['office']);
    expect(after.map((d) => d.organisationId)).not.toContain(org.d!.id);
  });
});

describe('a report', () => {
  let id: number;
  it("is pre-filled from the records: the organisation's own figure of each target, with the drill-down behind it", async () => {
    const r = await call('editorA', 'POST', '/api/cycle/reports', { periodId: p2025, organisationId: org.a!.id });
    expect(r.statusCode, r.body).toBe(201);
    const rep = r.json() as Report;
    id = rep.id;
    expect(rep).toMatchObject({
      status: 'draft',
      periodKey: '2025',
      organisationName: 'Sở thử Hà Nội',
      provinceCode: '01',
      plan: null,
      can: { edit: true, submit: true, approve: false },
    });
    const t2a = rep.contribution.rows.find((x) => x.indicator === 'T2a')!;
    expect(rep.contribution.source).toBe('live');
    expect(t2a).toMatchObject({ periodId: '2025', numerator: 0, denominator: 1, cumulative: true, live: null, revisedRecords: 0 });
    expect(t2a.href).toBe(`/indicators/records?id=T2a&period=2025&organisation=${org.a!.id}&part=numerator`);
    // The drill-down behind the figure answers the same records.
    const drill = await call('editorA', 'GET', `/api/indicators/T2a/records?period=2025&organisationId=${org.a!.id}&part=denominator`);
    expect(drill.json().total).toBe(1);
    expect(rep.history).toMatchObject([{ action: 'create', toStatus: 'draft' }]);
  });

  it("refuses a report for a period not due, an organisation not expected, outside the editor's organisation, or twice", async () => {
    const notDue = await call('editorA', 'POST', '/api/cycle/reports', { periodId: p2027, organisationId: org.a!.id });
    expect(notDue.statusCode).toBe(400);
    expect(fields(notDue)).toEqual(['periodId']);
    expect(notDue.json().error.message).toMatch(/not due yet/);
    const unknown = await call('editorA', 'POST', '/api/cycle/reports', { periodId: 999999, organisationId: org.a!.id });
    expect(fields(unknown)).toEqual(['periodId']);
    const notExpected = await call('office', 'POST', '/api/cycle/reports', { periodId: p2026, organisationId: org.c!.id });
    expect(notExpected.statusCode).toBe(400);
    expect(fields(notExpected)).toEqual(['organisationId']);
    expect((await call('editorB', 'POST', '/api/cycle/reports', { periodId: p2025, organisationId: org.a!.id })).statusCode).toBe(403);
    expect((await call('viewerA', 'POST', '/api/cycle/reports', { periodId: p2025, organisationId: org.a!.id })).statusCode).toBe(403);
    const twice = await call('editorA', 'POST', '/api/cycle/reports', { periodId: p2025, organisationId: org.a!.id });
    expect(twice.statusCode).toBe(409);
    expect(fields(twice)).toEqual(['organisationId']);
    const n = await rows<{ n: number }>(t.db, sql`select count(*)::int as n from cycle_reports where organisation_id = ${org.a!.id}`);
    expect(n[0]!.n).toBe(1);
  });

  it('takes narrative sections and files, and is read only by those who may', async () => {
    const empty = await call('editorA', 'POST', `/api/cycle/reports/${id}/submit`);
    expect(empty.statusCode).toBe(400);
    expect(fields(empty)).toEqual(['sections.results', 'sections.difficulties', 'sections.proposals', 'sections.nextTasks']);
    const long = await call('editorA', 'PUT', `/api/cycle/reports/${id}`, { sections: { results: 'x'.repeat(20_001) } });
    expect(long.statusCode).toBe(400);
    expect(fields(long)).toEqual(['sections.results']);
    const put = await call('editorA', 'PUT', `/api/cycle/reports/${id}`, { sections: { results: SECTIONS.results } });
    expect(put.json().sections).toEqual({ results: SECTIONS.results });
    expect((await call('editorB', 'PUT', `/api/cycle/reports/${id}`, { sections: SECTIONS })).statusCode).toBe(404);
    expect((await call('viewerA', 'GET', `/api/cycle/reports/${id}`)).statusCode).toBe(200);
    expect((await call('viewerA', 'PUT', `/api/cycle/reports/${id}`, { sections: SECTIONS })).statusCode).toBe(403);
    expect((await call('editorB', 'GET', `/api/cycle/reports/${id}`)).statusCode).toBe(404);
    expect((await call('viewerChild', 'GET', `/api/cycle/reports/${id}`)).statusCode).toBe(404);
    expect((await call('coord79', 'GET', `/api/cycle/reports/${id}`)).statusCode).toBe(404);
    expect((await call('coord01', 'GET', `/api/cycle/reports/${id}`)).statusCode).toBe(200);
    // A file, as multipart; read back by a reader; an executable is refused.
    const upload = (bytes: Buffer, name: string) => {
      const b = '----rhtest';
      return t.app.inject({
        method: 'POST',
        url: `/api/cycle/reports/${id}/files`,
        headers: { ...s.editorA!.headers, 'content-type': `multipart/form-data; boundary=${b}` },
        payload: Buffer.concat([
          Buffer.from(
            `--${b}\r\nContent-Disposition: form-data; name="caption"\r\n\r\nBiên bản\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          bytes,
          Buffer.from(`\r\n--${b}--\r\n`),
        ]),
      });
    };
    const f = await upload(Buffer.from('%PDF-1.4\n% test\n'), 'bien-ban.pdf');
    expect(f.statusCode, f.body).toBe(201);
    expect(f.json()).toMatchObject({ filename: 'bien-ban.pdf', mediaType: 'application/pdf', caption: 'Biên bản' });
    expect((await upload(Buffer.from('MZ\x90\x00'), 'x.exe')).statusCode).toBe(415);
    const dl = await call('coord01', 'GET', f.json().url);
    expect(dl.statusCode).toBe(200);
    expect(dl.body).toContain('%PDF-1.4');
    expect((await call('editorB', 'GET', f.json().url)).statusCode).toBe(404);
    const second = await upload(Buffer.from('%PDF-1.4\n% second\n'), 'b.pdf');
    expect((await call('editorA', 'DELETE', `/api/cycle/reports/${id}/files/${second.json().id}`)).statusCode).toBe(204);
    expect((await call('editorA', 'GET', `/api/cycle/reports/${id}`)).json().files.map((x: { filename: string }) => x.filename)).toEqual([
      'bien-ban.pdf',
    ]);
  });

  it('goes draft → submitted → returned with comments per part → submitted → approved; a second submission is refused', async () => {
    await call('editorA', 'PUT', `/api/cycle/reports/${id}`, { sections: SECTIONS });
    const sub = await call('editorA', 'POST', `/api/cycle/reports/${id}/submit`);
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'submitted', awaiting: 'office', can: { edit: false } });
    expect(sub.json().contribution.source).toBe('submitted');
    const again = await call('editorA', 'POST', `/api/cycle/reports/${id}/submit`);
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['status']);
    expect((await call('editorA', 'PUT', `/api/cycle/reports/${id}`, { sections: SECTIONS })).statusCode).toBe(409);
    expect((await call('editorA', 'POST', `/api/cycle/reports/${id}/approve`, {})).statusCode).toBe(403);
    const noComment = await call('office', 'POST', `/api/cycle/reports/${id}/return`, { comments: { results: '  ' } });
    expect(noComment.statusCode).toBe(400);
    expect(fields(noComment)).toEqual(['comments']);
    const ret = await call('office', 'POST', `/api/cycle/reports/${id}/return`, {
      comments: { results: 'Nêu rõ số người được tập huấn.', figures: 'Kiểm tra danh sách.' },
    });
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({
      status: 'returned',
      awaiting: null,
      comments: { results: 'Nêu rõ số người được tập huấn.', figures: 'Kiểm tra danh sách.' },
    });
    expect((await call('office', 'POST', `/api/cycle/reports/${id}/approve`, {})).statusCode).toBe(409);
    await call('editorA', 'PUT', `/api/cycle/reports/${id}`, { sections: { results: 'Đã tập huấn 1 cán bộ trong danh sách.' } });
    expect((await call('editorA', 'POST', `/api/cycle/reports/${id}/submit`)).json()).toMatchObject({ status: 'submitted' });
    const ok = await call('office', 'POST', `/api/cycle/reports/${id}/approve`, { comment: 'Đạt.' });
    expect(ok.json()).toMatchObject({ status: 'approved', comments: {}, can: { edit: false, approve: false } });
    const second = await call('editorA', 'POST', `/api/cycle/reports/${id}/submit`);
    expect(second.statusCode).toBe(409);
    expect(fields(second)).toEqual(['status']);
    expect(second.json().error.message).toMatch(/already approved/);
    expect(ok.json().history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'return', 'submit', 'approve']);
    const audit = await rows<{ action: string }>(
      t.db,
      sql`select action from audit_log where entity = 'cycle_report' and entity_id = ${String(id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'create',
      'update',
      'attach',
      'attach',
      'detach',
      'update',
      'submit',
      'return',
      'update',
      'submit',
      'approve',
    ]);
  });
});

describe('provincial coordinators', () => {
  let idB: number, idD: number;
  it('decide first where the office turns them on, in their province only', async () => {
    expect((await call('editorA', 'PUT', '/api/cycle/settings', { coordinatorsEnabled: true })).statusCode).toBe(403);
    expect((await call('office', 'PUT', '/api/cycle/settings', { coordinatorsEnabled: true })).json()).toMatchObject({
      coordinatorsEnabled: true,
    });
    idB = (await call('editorB', 'POST', '/api/cycle/reports', { periodId: p2025, organisationId: org.b!.id })).json().id;
    await call('editorB', 'PUT', `/api/cycle/reports/${idB}`, { sections: SECTIONS });
    expect((await call('editorB', 'POST', `/api/cycle/reports/${idB}/submit`)).json()).toMatchObject({
      status: 'submitted',
      awaiting: 'province',
    });
    // Outside the province: refused, naming both provinces.
    const outside = await call('coord01', 'POST', `/api/cycle/reports/${idB}/approve`, {});
    expect(outside.statusCode).toBe(403);
    expect(fields(outside)).toEqual(['organisationId']);
    expect(outside.json().error.message).toMatch(/Outside your province.*province 79.*you coordinate province 01/);
    expect((await call('coord01', 'POST', `/api/cycle/reports/${idB}/return`, { comments: { general: 'x' } })).statusCode).toBe(403);
    const ret = await call('coord79', 'POST', `/api/cycle/reports/${idB}/return`, { comments: { difficulties: 'Nêu nguyên nhân.' } });
    expect(ret.json()).toMatchObject({ status: 'returned', comments: { difficulties: 'Nêu nguyên nhân.' } });
    expect((await call('editorB', 'POST', `/api/cycle/reports/${idB}/submit`)).json()).toMatchObject({ awaiting: 'province' });
    const up = await call('coord79', 'POST', `/api/cycle/reports/${idB}/approve`, {});
    expect(up.json()).toMatchObject({ status: 'submitted', awaiting: 'office', can: { approve: false } });
    const twice = await call('coord79', 'POST', `/api/cycle/reports/${idB}/approve`, {});
    expect(twice.statusCode).toBe(403);
    expect(twice.json().error.message).toMatch(/waits for the programme office/);
    expect((await call('office', 'POST', `/api/cycle/reports/${idB}/approve`, {})).json()).toMatchObject({ status: 'approved' });
    const h = (await call('coord79', 'GET', `/api/cycle/reports/${idB}`)).json().history.map((x: { action: string }) => x.action);
    expect(h).toEqual(['create', 'submit', 'return_by_province', 'submit', 'approve_by_province', 'approve']);
  });

  it('leave a province without a coordinator to the office, and read only their province', async () => {
    await call('office', 'PUT', `/api/cycle/periods/${p2025}`, { excludeOrganisationIds: [] });
    idD = (await call('editorD', 'POST', '/api/cycle/reports', { periodId: p2025, organisationId: org.d!.id })).json().id;
    await call('editorD', 'PUT', `/api/cycle/reports/${idD}`, { sections: SECTIONS });
    expect((await call('editorD', 'POST', `/api/cycle/reports/${idD}/submit`)).json()).toMatchObject({ awaiting: 'office' });
    const list = (await call('coord79', 'GET', '/api/cycle/reports?periodId=' + p2025)).json();
    expect(list.items.map((r: { provinceCode: string }) => r.provinceCode)).toEqual(['79']);
    expect((await call('coord79', 'POST', '/api/cycle/reports', { periodId: p2025, organisationId: org.b!.id })).statusCode).toBe(403);
    expect((await call('coord79', 'POST', '/api/cycle/periods', { kind: 'final', deadline: '2029-01-31' })).statusCode).toBe(403);
    // Read-only elsewhere: the directory refuses a coordinator's write.
    expect((await call('coord79', 'POST', '/api/organisations', { code: 'X-COORD', nameVi: 'X', kind: 'other' })).statusCode).toBe(403);
    await call('office', 'PUT', '/api/cycle/settings', { coordinatorsEnabled: false });
  });
});

describe('completeness', () => {
  it('counts expected, submitted on time and late, and missing, by kind and province, with who is missing', async () => {
    // org a: approved, submitted in December 2026 (late: the deadline was 31 January 2026); org d: submitted late too;
    // org c (added by the office): on time, submitted on 20 January 2026.
    const created = await call('office', 'POST', '/api/cycle/reports', { periodId: p2025, organisationId: org.c!.id });
    expect(created.statusCode, created.body).toBe(201);
    const idC = created.json().id;
    await call('office', 'PUT', `/api/cycle/reports/${idC}`, { sections: SECTIONS });
    const officeActor = { userId: null, name: 'office', role: 'admin' as const, organisationId: null, via: 'api' as const };
    await submitReport(t.db, officeActor, idC, new Date('2026-01-20T10:00:00+07:00'));
    const c = (await call('office', 'GET', `/api/cycle/periods/${p2025}/completeness`)).json();
    expect(c.expectedAsOf).toBe('now');
    const state = (o: { id: number }) => c.organisations.find((x: { organisationId: number }) => x.organisationId === o.id)?.state;
    expect(state(org.c!)).toBe('on_time');
    expect(state(org.a!)).toBe('late');
    expect(state(org.newcomer!)).toBe('missing');
    expect(state(org.closed!)).toBe('missing');
    expect(state(org.late!)).toBeUndefined();
    const newcomer = c.organisations.find((x: { organisationId: number }) => x.organisationId === org.newcomer!.id);
    expect(newcomer).toMatchObject({ validFrom: '2025-05-01', validTo: null, active: true });
    expect(c.organisations.find((x: { organisationId: number }) => x.organisationId === org.closed!.id)).toMatchObject({
      validTo: '2025-06-30',
      active: false,
    });
    expect(c.totals).toMatchObject({ expected: 6, submitted: 4, onTime: 1, late: 3, missing: 2, approved: 2 });
    expect(c.byProvince.find((x: { provinceCode: string }) => x.provinceCode === '79')).toMatchObject({
      expected: 2,
      submitted: 1,
      missing: 1,
    });
    expect(c.byKind.find((x: { kind: string }) => x.kind === 'ministry')).toMatchObject({ expected: 1, onTime: 1 });
    // The missing come first.
    expect(c.organisations.slice(0, 2).map((x: { state: string }) => x.state)).toEqual(['missing', 'missing']);
    // Scoped: a coordinator sees its province, an editor its subtree; filters by province and kind.
    expect((await call('coord79', 'GET', `/api/cycle/periods/${p2025}/completeness`)).json().totals.expected).toBe(2);
    expect((await call('editorA', 'GET', `/api/cycle/periods/${p2025}/completeness`)).json().totals.expected).toBe(1);
    expect(
      (await call('office', 'GET', `/api/cycle/periods/${p2025}/completeness?kind=provincial_department`)).json().totals.expected,
    ).toBe(3);
    const x = await call('office', 'GET', `/api/cycle/periods/${p2025}/completeness.xlsx?lang=vi`);
    expect(x.statusCode).toBe(200);
    expect(String(x.headers['content-type'])).toMatch(/spreadsheetml/);
    const text = [...unzip(x.rawPayload).values()].map((b) => b.toString('utf8')).join('\n');
    expect(text).toContain('Chưa báo cáo');
    expect(text).toContain('Tổ chức mới thành lập');
    expect(text).toContain('ngừng hoạt động 2025-06-30');
  });
});
