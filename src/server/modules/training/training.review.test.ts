// Large sign-in imports: a file over a limit is refused while it is read, with the limit named; every row needing a
// decision can be reached by pages however many there are; suggestions above a score are accepted in one audited
// request; progress counts every row read, matched and written; a bad row keeps the whole import out.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { streamSheet } from '../../kernel/xlsx.js';
import { commitImport, previewSigninImport, signinSheet } from './training.excel.js';
import { acceptSuggestions, decideImportRows, importStatus, listImportRows } from './training.review.js';
import { createCourse, createPerson, createSession, listAttendance } from './training.service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let db: Db;
let org: number, orgCode: string;
let editor: Actor, editorSession: Session;
const admin: Actor = { userId: null, name: 'office', role: 'admin', organisationId: null, via: 'api' };
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
};
let sessionN = 0;
async function newSession() {
  const course = await createCourse(db, seedActor, { title: `Lớp ${++sessionN}`, kind: 'both', format: 'in_person', organisationId: org });
  return (
    await createSession(db, seedActor, {
      courseId: course.id,
      startsOn: '2026-04-10',
      endsOn: '2026-04-10',
      provinceCode: '01',
      organiserId: org,
    })
  ).id;
}
async function sheet(rowsIn: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  for (const r of rowsIn) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const stagedRows = async (importId: number) =>
  Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from training_import_rows where import_id = ${importId}`))[0]!.n);

beforeAll(async () => {
  t = await testApp();
  db = t.db;
  const o = await makeOrg(db, { kind: 'provincial_department', provinceCode: '01', nameVi: 'Sở thử nhập lớn' });
  org = o.id;
  orgCode = o.code;
  const u = await makeUser(db, 'editor', org);
  editor = { userId: u.id, name: u.username, role: 'editor', organisationId: org, via: 'api' };
  editorSession = await signIn(t.app, u.username, TEST_PASSWORD);
  for (const fullName of ['Nguyễn Thị Lan', 'Trần Văn Hùng', 'Lê Minh Đức']) {
    await createPerson(db, seedActor, { fullName, organisationId: org, memberships: [{ targetGroup: 'T2a', validFrom: '2023-01-01' }] });
  }
});

describe('limits checked while reading', () => {
  it('stops at the first row over the row limit, naming it, before reading the rest', async () => {
    const buf = await sheet([['Họ và tên'], ...Array.from({ length: 200 }, (_, i) => [`Người ${i}`])]);
    const seen: number[] = [];
    const e = await failure(
      (async () => {
        for await (const r of streamSheet(buf, { rows: 20, columns: 10, cellChars: 100, uncompressedBytes: 1e7 })) seen.push(r.row);
      })(),
    );
    expect(e).toMatchObject({ code: 'payload_too_large', details: [{ row: 21, field: 'rows' }] });
    expect(e!.message).toContain('(rows)');
    expect(seen).toHaveLength(20);
  });

  it('refuses a workbook that unzips past the size limit (a "zip bomb") before reading any row', async () => {
    const buf = await sheet([['Họ và tên'], ...Array.from({ length: 50 }, (_, i) => [`${i} ${'x'.repeat(30_000)}`])]);
    expect(buf.length).toBeLessThan(200_000);
    const e = await failure(
      (async () => {
        for await (const _ of streamSheet(buf, { rows: 1000, columns: 10, cellChars: 100_000, uncompressedBytes: 1_000_000 })) {
          /* nothing */
        }
      })(),
    );
    expect(e).toMatchObject({ code: 'payload_too_large', details: [{ field: 'uncompressedBytes' }] });
  });

  it('refuses a sign-in sheet with too many columns or too long a cell, naming the limit and the row; nothing is staged', async () => {
    const sessionId = await newSession();
    const wide = await sheet([
      ['Họ và tên', 'Đơn vị'],
      ['Nguyễn Thị Lan', orgCode],
      ['Trần Văn Hùng', orgCode, ...Array.from({ length: 60 }, () => 'x')],
    ]);
    const e = await failure(previewSigninImport(db, editor, sessionId, wide));
    expect(e).toMatchObject({ code: 'payload_too_large', details: [{ row: 3, field: 'columns' }] });
    const long = await sheet([
      ['Họ và tên', 'Đơn vị'],
      ['Nguyễn Thị Lan', 'y'.repeat(5000)],
    ]);
    expect(await failure(previewSigninImport(db, editor, sessionId, long))).toMatchObject({
      code: 'payload_too_large',
      details: [{ row: 2, field: 'cellChars' }],
    });
    const [imp] = await rows<{ id: number; state: string; error: { details: { field: string }[] } }>(
      db,
      sql`select id, state, error from training_imports order by id desc limit 1`,
    );
    expect(imp).toMatchObject({ state: 'failed', error: { details: [{ field: 'cellChars' }] } });
    expect(await stagedRows(Number(imp!.id))).toBe(0);
  });
});

describe('review of a large sheet', () => {
  it('reaches every one of 6,000 rows needing a decision through pages, and counts every row read', async () => {
    const sessionId = await newSession();
    const lines = Array.from({ length: 6000 }, (_, i) => ({ name: `Khách Mời Số ${i}`, organisation: orgCode }));
    lines.push({ name: 'Nguyễn Thị Lan', organisation: orgCode });
    const p = await previewSigninImport(db, editor, sessionId, await signinSheet('Lớp đông', lines));
    expect(p.counts).toEqual({ matched: 1, ambiguous: 0, unknown: 6000, new: 0 });
    expect(p.rows.length).toBeLessThanOrEqual(5000); // the preview is only a first look
    const status = await importStatus(db, editor, p.importId);
    expect(status).toMatchObject({ state: 'ready', rowsRead: 6001, rowsMatched: 6001, total: 6001, undecided: 6000 });
    const seen = new Set<number>();
    let after = 0,
      pages = 0;
    for (;;) {
      const page = await listImportRows(db, editor, p.importId, { status: 'needs', after, limit: 500 });
      expect(page.total).toBe(6000);
      page.items.forEach((r) => {
        expect(r.status).toBe('unknown');
        seen.add(r.row);
      });
      pages++;
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    expect(seen.size).toBe(6000);
    expect(pages).toBe(12);
    const found = await listImportRows(db, editor, p.importId, { status: 'needs', q: 'khach moi so 5999', after: 0, limit: 50 });
    expect(found.items.map((r) => r.fullName)).toEqual(['Khách Mời Số 5999']);
    // decide every row on the server, by pages of 1,000, then write
    const decisions = [...seen].map((row) => ({ row, resolution: { create: true as const, organisationId: org } }));
    for (let i = 0; i < decisions.length; i += 1000)
      await decideImportRows(db, editor, p.importId, { decisions: decisions.slice(i, i + 1000) });
    expect((await importStatus(db, editor, p.importId)).undecided).toBe(0);
    expect(await commitImport(db, editor, p.importId, {})).toEqual({ rows: 6001, created: 6000, updated: 1, attendance: 6001 });
    expect(await importStatus(db, editor, p.importId)).toMatchObject({ state: 'committed', rowsWritten: 6001 });
    expect(await listAttendance(db, admin, sessionId)).toHaveLength(6001);
  }, 120_000);

  it('accepts every suggestion above a score in one audited request; the rest still need a decision', async () => {
    const sessionId = await newSession();
    const p = await previewSigninImport(
      db,
      editor,
      sessionId,
      await signinSheet('Lớp gợi ý', [
        { name: 'Lan Nguyễn Thị', organisation: orgCode }, // reordered: 75
        { name: 'Hùng Trần Văn', organisation: orgCode }, // reordered: 75
        { name: 'Lê Đức', organisation: orgCode }, // a middle name left out: 60
        { name: 'Nguyễn Thị Lan', organisation: orgCode }, // exact: matched
      ]),
    );
    expect(p.counts).toMatchObject({ matched: 1, ambiguous: 3 });
    expect(p.suggested).toBe(3);
    const above = await listImportRows(db, editor, p.importId, { status: 'suggested', minScore: 70, after: 0, limit: 50 });
    expect(above.items.map((r) => [r.row, r.score])).toEqual([
      [5, 75],
      [6, 75],
    ]);
    expect(await acceptSuggestions(db, editor, p.importId, { minScore: 70 })).toEqual({ accepted: 2 });
    const audit = await rows<{ after: { accepted: number; minScore: number } }>(
      db,
      sql`select after from audit_log where entity = 'training_import' and entity_id = ${String(p.importId)} and action = 'accept_suggestions'`,
    );
    expect(audit).toEqual([{ after: expect.objectContaining({ minScore: 70, accepted: 2 }) }]);
    const e = await failure(commitImport(db, editor, p.importId, {}));
    expect(e?.details).toMatchObject([{ row: 7, field: 'full_name' }]); // only the row below the score
    expect(await listAttendance(db, admin, sessionId)).toHaveLength(0);
    const low = (await listImportRows(db, editor, p.importId, { status: 'needs', decided: 'no', after: 0, limit: 50 })).items;
    expect(low.map((r) => r.row)).toEqual([7]);
    await decideImportRows(db, editor, p.importId, { decisions: [{ row: 7, resolution: { personId: low[0]!.suggestedId! } }] });
    expect(await commitImport(db, editor, p.importId, {})).toMatchObject({ rows: 4, created: 0, attendance: 3 });
    expect((await listAttendance(db, admin, sessionId)).map((a) => a.fullName).sort()).toEqual([
      'Lê Minh Đức',
      'Nguyễn Thị Lan',
      'Trần Văn Hùng',
    ]);
  });

  it('keeps the whole sheet out when one row is bad: every bad row named, nothing staged or written', async () => {
    const sessionId = await newSession();
    const lines: (string | number)[][] = [['Họ và tên', 'Đơn vị', 'Điểm']];
    for (let i = 0; i < 3000; i++) lines.push([`Khách ${i}`, orgCode, i === 2500 ? 'mười' : 8]);
    const e = await failure(previewSigninImport(db, editor, sessionId, await sheet(lines)));
    expect(e).toMatchObject({ code: 'import_invalid', details: [{ row: 2502, field: 'assessment' }] });
    const [imp] = await rows<{ id: number; state: string }>(db, sql`select id, state from training_imports order by id desc limit 1`);
    expect(imp!.state).toBe('failed');
    expect(await stagedRows(Number(imp!.id))).toBe(0);
    expect(await importStatus(db, editor, Number(imp!.id))).toMatchObject({
      state: 'failed',
      rowsRead: 3000,
      error: { code: 'import_invalid', details: [{ row: 2502 }] },
    });
    expect(await listAttendance(db, admin, sessionId)).toHaveLength(0);
  });
});

describe('over HTTP, in the background', () => {
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

  it('answers at once, reports progress until every row is read and matched, then pages, accepts and writes', async () => {
    const sessionId = await newSession();
    const lines = Array.from({ length: 1200 }, (_, i) => ({ name: i % 2 ? `Đại Biểu ${i}` : 'Lan Nguyễn Thị', organisation: orgCode }));
    const m = multipart(await signinSheet('Lớp nền', lines));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/training/sessions/${sessionId}/import?background=true`,
      headers: { ...editorSession.headers, ...m.headers },
      payload: m.payload,
    });
    expect(res.statusCode).toBe(202);
    const { importId } = res.json() as { importId: number };
    let status: { state: string; rowsRead: number; total: number | null; suggested: number };
    for (;;) {
      const s = await t.app.inject({ method: 'GET', url: `/api/training/import/${importId}`, headers: editorSession.headers });
      expect(s.statusCode).toBe(200);
      status = s.json();
      if (status.state !== 'reading' && status.state !== 'matching') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toMatchObject({ state: 'ready', rowsRead: 1200, total: 1200, suggested: 600 });
    const page = await t.app.inject({
      method: 'GET',
      url: `/api/training/import/${importId}/rows?status=unknown&limit=500`,
      headers: editorSession.headers,
    });
    expect(page.json()).toMatchObject({ total: 600, nextAfter: expect.any(Number) });
    const acc = await t.app.inject({
      method: 'POST',
      url: `/api/training/import/${importId}/accept-suggestions`,
      headers: editorSession.headers,
      payload: { minScore: 50 },
    });
    expect(acc.json()).toEqual({ accepted: 600 });
    const unknown: number[] = [];
    for (let after = 0; ;) {
      const r = (
        await t.app.inject({
          method: 'GET',
          url: `/api/training/import/${importId}/rows?status=unknown&limit=500&after=${after}`,
          headers: editorSession.headers,
        })
      ).json() as { items: { row: number }[]; nextAfter: number | null };
      unknown.push(...r.items.map((x) => x.row));
      if (r.nextAfter === null) break;
      after = r.nextAfter;
    }
    const dec = await t.app.inject({
      method: 'PUT',
      url: `/api/training/import/${importId}/decisions`,
      headers: editorSession.headers,
      payload: { decisions: unknown.map((row) => ({ row, resolution: { create: true, organisationId: org } })) },
    });
    expect(dec.json()).toEqual({ decided: 600 });
    const c = await t.app.inject({
      method: 'POST',
      url: `/api/training/import/${importId}/commit`,
      headers: editorSession.headers,
      payload: {},
    });
    expect(c.json()).toEqual({ rows: 1200, created: 600, updated: 600, attendance: 601 });
    const done = (await t.app.inject({ method: 'GET', url: `/api/training/import/${importId}`, headers: editorSession.headers })).json();
    expect(done).toMatchObject({ state: 'committed', rowsRead: 1200, rowsMatched: 1200, rowsWritten: 1200 });
  }, 60_000);

  it('shows an import and its rows only to who read it and the programme office; others, strangers and impossible ids are refused', async () => {
    const sessionId = await newSession();
    const m = multipart(
      await signinSheet('Lớp riêng', [
        { name: 'Nguyễn Thị Lan', organisation: orgCode },
        { name: 'Khách Lạ', organisation: orgCode },
      ]),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/training/sessions/${sessionId}/import?background=true`,
      headers: { ...editorSession.headers, ...m.headers },
      payload: m.payload,
    });
    const { importId } = res.json() as { importId: number };
    const other = await makeOrg(db, { kind: 'provincial_department', provinceCode: '79', nameVi: 'Sở khác' });
    const otherEditor = await makeUser(db, 'editor', other.id);
    const viewer = await makeUser(db, 'viewer');
    const sessions = [await signIn(t.app, otherEditor.username, TEST_PASSWORD), await signIn(t.app, viewer.username, TEST_PASSWORD)];
    const routes = [
      { method: 'GET' as const, url: `/api/training/import/${importId}` },
      { method: 'GET' as const, url: `/api/training/import/${importId}/rows` },
      {
        method: 'PUT' as const,
        url: `/api/training/import/${importId}/decisions`,
        payload: { decisions: [{ row: 2, resolution: { create: true, organisationId: org } }] },
      },
      { method: 'POST' as const, url: `/api/training/import/${importId}/accept-suggestions`, payload: { minScore: 0 } },
    ];
    for (const r of routes) {
      const anon = await t.app.inject({ ...r });
      expect([r.url, anon.statusCode, anon.json().error?.code]).toEqual([r.url, 401, 'unauthenticated']);
      for (const s of sessions) expect((await t.app.inject({ ...r, headers: s.headers })).statusCode).toBe(403);
      const huge = { ...r, url: r.url.replace(String(importId), '2147483648'), headers: editorSession.headers };
      expect((await t.app.inject(huge)).statusCode).toBe(400);
    }
    const nul = await t.app.inject({ method: 'GET', url: `/api/training/import/${importId}/rows?q=%00`, headers: editorSession.headers });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.details[0].field).toBe('querystring.q');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/training/import/${importId}/rows?after=2147483648`, headers: editorSession.headers }))
        .statusCode,
    ).toBe(400);
  }, 60_000);
});
