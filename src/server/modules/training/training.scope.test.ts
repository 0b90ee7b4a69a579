// Rosters stay within their organisation (issue 16, findings 2 and 3): an editor records attendance only of people it
// may see, so it can neither read another organisation's people through a session's attendance list nor raise another
// province's T2a coverage; every list shows only what the reader may see; the import review neither matches, offers,
// suggests nor accepts people of other organisations — it says that someone outside matches, and the programme office
// (which sees every roster) is offered them.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import { OUTSIDE_MATCH, type ImportPreview, type ImportRowsPage } from '../../../shared/contracts/training.js';
import type { FigureRow } from '../../../shared/contracts/indicators.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { getDashboard } from '../indicators/indicators.service.js';
import { signinSheet } from './training.excel.js';
import { createCourse, createPerson, createSession, findDuplicates, listAttendance, recordAttendance } from './training.service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let db: Db;
let x: { id: number; code: string }, y: { id: number; code: string };
let edX: Session, edY: Session, office: Session;
let sessionX: number, mine: number, theirs: number;
const THEIR_NAME = 'Nguyễn Thị Yến',
  THEIR_POSITION = 'Phó Giám đốc Sở Tư pháp';
const admin: Actor = { userId: null, name: 'office', role: 'admin', organisationId: null, via: 'api' };

function multipart(buf: Buffer) {
  const boundary = '----rh' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = async (s: Session, url: string, buf: Buffer) => {
  const m = multipart(buf);
  return t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...m.headers }, payload: m.payload });
};
const api = (s: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: s?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
/** The T2a figure of a province in 2026 (read from the indicator facts). */
const t2a = async (province: string) =>
  (
    (await getDashboard(db, { period: '2026' })).figures.find((f) => f.id === 'T2a')!.breakdowns as Record<string, FigureRow[]>
  ).province!.find((r) => r.key === province);

beforeAll(async () => {
  t = await testApp();
  db = t.db;
  x = await makeOrg(db, { kind: 'provincial_department', provinceCode: '01', nameVi: 'Sở Tư pháp thử Hà Nội' });
  y = await makeOrg(db, { kind: 'provincial_department', provinceCode: '79', nameVi: 'Sở Tư pháp thử TP Hồ Chí Minh' });
  const [ux, uy, ua] = [await makeUser(db, 'editor', x.id), await makeUser(db, 'editor', y.id), await makeUser(db, 'admin')];
  [edX, edY, office] = [
    await signIn(t.app, ux.username, TEST_PASSWORD),
    await signIn(t.app, uy.username, TEST_PASSWORD),
    await signIn(t.app, ua.username, TEST_PASSWORD),
  ];
  const session = async (org: number, province: string) => {
    const course = await createCourse(db, seedActor, {
      title: `Tập huấn ${province}`,
      kind: 'both',
      format: 'in_person',
      organisationId: org,
    });
    return (
      await createSession(db, seedActor, {
        courseId: course.id,
        startsOn: '2026-03-10',
        endsOn: '2026-03-10',
        provinceCode: province,
        organiserId: org,
      })
    ).id;
  };
  sessionX = await session(x.id, '01');
  mine = (
    await createPerson(db, seedActor, {
      fullName: 'Trần Văn Hà',
      position: 'Chuyên viên',
      organisationId: x.id,
      memberships: [{ targetGroup: 'T2a', validFrom: '2023-01-01' }],
    })
  ).id;
  theirs = (
    await createPerson(db, seedActor, {
      fullName: THEIR_NAME,
      position: THEIR_POSITION,
      organisationId: y.id,
      memberships: [{ targetGroup: 'T2a', validFrom: '2023-01-01' }],
    })
  ).id;
});

describe('attendance names only people the actor may see', () => {
  it("refuses another organisation's person at the editor's own session, and that province's T2a coverage stays as it was", async () => {
    expect(await t2a('79')).toMatchObject({ numerator: 0, denominator: 1 });
    const r = await api(edX, 'POST', '/api/training/attendance', {
      sessionId: sessionX,
      personId: theirs,
      attended: true,
      completed: true,
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.details).toEqual([{ field: 'personId', message: 'outside the organisations whose roster you see' }]);
    expect(JSON.stringify(r.json())).not.toContain(THEIR_NAME);
    const list = await api(edX, 'GET', `/api/training/sessions/${sessionX}/attendance`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(THEIR_NAME);
    expect(await t2a('79')).toMatchObject({ numerator: 0, denominator: 1 });
    // its own people: recorded, listed and counted
    expect(
      (await api(edX, 'POST', '/api/training/attendance', { sessionId: sessionX, personId: mine, attended: true, completed: true }))
        .statusCode,
    ).toBe(200);
    expect(
      (await api(edX, 'GET', `/api/training/sessions/${sessionX}/attendance`)).json().map((a: { fullName: string }) => a.fullName),
    ).toEqual(['Trần Văn Hà']);
    expect(await t2a('01')).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it("lists to each reader only the attendees it may see, the session's organiser included; certificates likewise", async () => {
    const { id: attendanceId } = await recordAttendance(db, admin, {
      sessionId: sessionX,
      personId: theirs,
      attended: true,
      completed: true,
    }); // the programme office links them
    const names = async (s: Session) =>
      ((await api(s, 'GET', `/api/training/sessions/${sessionX}/attendance`)).json() as { fullName: string }[])
        .map((a) => a.fullName)
        .sort();
    expect(await names(edX)).toEqual(['Trần Văn Hà']);
    expect(await names(edY)).toEqual([THEIR_NAME]);
    expect(await names(office)).toEqual([THEIR_NAME, 'Trần Văn Hà'].sort());
    expect((await api(edX, 'GET', '/api/training/sessions')).json().find((s: { id: number }) => s.id === sessionX).attendanceCount).toBe(2); // only counted
    expect((await api(edX, 'GET', `/api/training/attendance/${attendanceId}/certificate.pdf`)).statusCode).toBe(403);
    expect((await api(edY, 'GET', `/api/training/attendance/${attendanceId}/certificate.pdf`)).statusCode).toBe(200);
  });
});

describe('sign-in sheets: matched, offered and written only among the people the editor may see', () => {
  let importId: number;
  it('names people in a coverage drill-down by number only, never by position (any signed-in user may open one)', async () => {
    const drill = await api(edX, 'GET', '/api/indicators/T2a/records?period=2026');
    expect(drill.statusCode).toBe(200);
    const records = drill.json().records as { label: string }[];
    expect(records.map((r) => r.label)).toContain(`#${theirs}`);
    expect(drill.body).not.toContain(THEIR_POSITION);
    expect(drill.body).not.toContain(THEIR_NAME);
  });

  it("does not match another organisation's person: says someone outside matches, without naming them", async () => {
    const buf = await signinSheet('Lớp thử phạm vi', [
      { name: 'Nguyen Thi Yen', organisation: y.code }, // exactly Y's person once folded: was matched and written
      { name: 'Trần Văn Hà', organisation: x.code },
    ]);
    const res = await upload(edX, `/api/training/sessions/${sessionX}/import`, buf);
    expect(res.statusCode).toBe(200);
    const p = res.json() as ImportPreview;
    importId = p.importId;
    expect(p.counts).toEqual({ matched: 1, ambiguous: 0, unknown: 1, new: 0 });
    expect(p.rows.find((r) => r.row === 5)).toMatchObject({
      status: 'unknown',
      personId: null,
      candidates: [],
      suggestedId: null,
      outsideMatch: OUTSIDE_MATCH,
    });
    expect(res.body).not.toContain(THEIR_NAME);
    expect(res.body).not.toContain(THEIR_POSITION);
    const page = await api(edX, 'GET', `/api/training/import/${importId}/rows?status=all`);
    expect((page.json() as ImportRowsPage).items.find((r) => r.row === 5)).toMatchObject({ candidates: [], outsideMatch: OUTSIDE_MATCH });
    expect(page.body).not.toContain(THEIR_NAME);
    // the programme office sees every roster: it is offered the person
    const seen = (await api(office, 'GET', `/api/training/import/${importId}/rows?status=all`)).json() as ImportRowsPage;
    expect(seen.items.find((r) => r.row === 5)).toMatchObject({
      candidates: [{ personId: theirs, fullName: THEIR_NAME, position: THEIR_POSITION }],
      outsideMatch: null,
    });
  });

  it('refuses to keep or write a decision naming that person, and writes a new person of that organisation instead', async () => {
    const attendances = async () =>
      (await rows(db, sql`select id from training_attendance where session_id = ${sessionX} order by id`)).length;
    const before = await attendances();
    const kept = await api(edX, 'PUT', `/api/training/import/${importId}/decisions`, {
      decisions: [{ row: 5, resolution: { personId: theirs } }],
    });
    expect(kept.statusCode).toBe(400);
    expect(kept.json().error.details).toEqual([
      { row: 5, field: 'personId', message: `person ${theirs} is outside your organisation: the programme office can link them` },
    ]);
    const written = await api(edX, 'POST', `/api/training/import/${importId}/commit`, {
      resolutions: [{ row: 5, resolution: { personId: theirs } }],
    });
    expect(written.statusCode).toBe(422);
    expect(written.json().error.details).toEqual([
      { row: 5, field: 'personId', message: `person ${theirs} is outside your organisation: the programme office can link them` },
    ]);
    expect(await attendances()).toBe(before); // nothing written
    // a new person of the sheet's organisation (people newly created through the review step may be named)
    const ok = await api(edX, 'POST', `/api/training/import/${importId}/commit`, {
      resolutions: [{ row: 5, resolution: { create: true, organisationId: y.id } }],
    });
    expect(ok.json()).toMatchObject({ created: 1, attendance: 2 });
    expect(await t2a('79')).toMatchObject({ numerator: 1, denominator: 1 }); // only the office's link above counts
    // that organisation sees the new person beside its own: it (or the office) merges them
    const dup = (await findDuplicates(db, { ...admin, role: 'editor', organisationId: y.id })).find((d) =>
      d.people.some((q) => q.id === theirs),
    );
    expect(dup?.people.map((q) => q.fullName).sort()).toEqual(['Nguyen Thi Yen', THEIR_NAME]);
    expect((await listAttendance(db, { ...admin, role: 'editor', organisationId: x.id }, sessionX)).map((a) => a.fullName)).toEqual([
      'Trần Văn Hà',
    ]);
  });

  it('does not accept a suggestion of a person outside, even one staged before candidates were limited', async () => {
    const p = (
      await upload(
        edX,
        `/api/training/sessions/${sessionX}/import`,
        await signinSheet('Lớp gợi ý', [{ name: 'Yến Nguyễn Thị', organisation: x.code }]),
      )
    ).json() as ImportPreview;
    expect(p.rows[0]).toMatchObject({ status: 'unknown', candidates: [], outsideMatch: OUTSIDE_MATCH });
    // as an import staged by the old code had it: Y's person offered and suggested
    const old = [
      {
        personId: theirs,
        fullName: THEIR_NAME,
        position: THEIR_POSITION,
        organisationId: y.id,
        organisationName: 'x',
        how: 'reordered',
        sameOrganisation: false,
        score: 45,
      },
    ];
    await db.execute(
      sql`update training_import_rows set status = 'ambiguous', suggested_id = ${theirs}, score = 45, candidate_ids = ${`{${theirs}}`}::int[], candidates = ${JSON.stringify(old)}::jsonb where import_id = ${p.importId}`,
    );
    const page = await api(edX, 'GET', `/api/training/import/${p.importId}/rows?status=all`);
    expect(page.body).not.toContain(THEIR_NAME);
    expect((page.json() as ImportRowsPage).items[0]).toMatchObject({
      candidates: [],
      suggestedId: null,
      score: null,
      outsideMatch: OUTSIDE_MATCH,
    });
    expect((await api(edX, 'POST', `/api/training/import/${p.importId}/accept-suggestions`, { minScore: 0 })).json()).toEqual({
      accepted: 0,
    });
    const c = await api(edX, 'POST', `/api/training/import/${p.importId}/commit`, {
      resolutions: [{ row: 5, resolution: { personId: theirs } }],
    });
    expect(c.statusCode).toBe(422);
  });
});

describe("roster sheets: candidates only from the editor's organisation", () => {
  it('offers its own people only, and says when someone outside matches', async () => {
    await createPerson(db, seedActor, { fullName: 'Nguyễn Thị Yên', organisationId: x.id }); // the editor's own near namesake
    const head = ['Họ và tên', 'Đơn vị', 'Nhóm đối tượng', 'Từ ngày'];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('r');
    ws.addRow(head);
    ws.addRow(['Yến Nguyễn Thị', x.code, 'T2a', '2024-01-01']);
    const res = await upload(edX, '/api/training/import/roster', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(200);
    const p = res.json() as ImportPreview;
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0]!.candidates.map((c) => c.fullName)).toEqual(['Nguyễn Thị Yên']);
    expect(p.rows[0]!.outsideMatch).toEqual(OUTSIDE_MATCH);
    expect(res.body).not.toContain(THEIR_NAME);
  });
});
