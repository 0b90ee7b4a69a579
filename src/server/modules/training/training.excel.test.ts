// Roster and sign-in imports with the review step: every bad row reported and nothing written; ambiguous and
// unknown names wait for a decision (never guessed); the reviewed import is written all or nothing; a roster export
// is recorded in the audit log; an editor cannot import another organisation's roster.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { coverageRecords } from './training.coverage.js';
import { commitImport, previewRosterImport, previewSigninImport, signinSheet } from './training.excel.js';
import { createCourse, createPerson, createSession, listAttendance, listRoster } from './training.service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let db: Db;
let org: number, orgCode: string, other: number, otherCode: string, sessionId: number;
let editor: Actor, editorSession: Session;
const admin: Actor = { userId: null, name: 'office', role: 'admin', organisationId: null, via: 'api' };

async function sheet(head: string[], lines: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  ws.addRow(head);
  for (const l of lines) ws.addRow(l);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
};

beforeAll(async () => {
  t = await testApp();
  db = t.db;
  const o = await makeOrg(db, { kind: 'provincial_department', provinceCode: '01', nameVi: 'Sở Thông tin thử' });
  org = o.id;
  orgCode = o.code;
  const x = await makeOrg(db, { kind: 'ministry', nameVi: 'Bộ thử khác' });
  other = x.id;
  otherCode = x.code;
  const u = await makeUser(db, 'editor', org);
  editor = { userId: u.id, name: u.username, role: 'editor', organisationId: org, via: 'api' };
  editorSession = await signIn(t.app, u.username, TEST_PASSWORD);
  const course = await createCourse(db, seedActor, {
    title: 'Tập huấn và cập nhật',
    kind: 'both',
    format: 'in_person',
    organisationId: org,
  });
  sessionId = (
    await createSession(db, seedActor, {
      courseId: course.id,
      startsOn: '2026-03-10',
      endsOn: '2026-03-11',
      provinceCode: '01',
      organiserId: org,
    })
  ).id;
});

describe('roster import', () => {
  it('reports every bad row with its column and writes nothing', async () => {
    const buf = await sheet(
      ['full_name', 'position', 'organisation', 'target_groups', 'valid_from', 'valid_to'],
      [
        ['Nguyễn Văn Một', 'Chuyên viên', orgCode, 'T2a', '2024-01-01', ''],
        ['', 'Chuyên viên', orgCode, 'T2a', '2024-01-01', ''],
        ['Trần Thị Hai', '', 'không có đơn vị này', 'T2x', '31/02/2024', ''],
        ['Lê Văn Ba', '', otherCode, 'T2b', '1/3/2024', '2023-01-01'],
      ],
    );
    const e = await failure(previewRosterImport(db, editor, buf));
    expect(e?.code).toBe('import_invalid');
    expect((e!.details as { row: number; field: string }[]).map((d) => `${d.row}:${d.field}`)).toEqual([
      '3:full_name',
      '4:organisation',
      '4:target_groups',
      '4:valid_from',
      '5:organisation',
      '5:valid_to',
    ]);
    expect((await listRoster(db, admin, { limit: 50, offset: 0 })).total).toBe(0);
  });

  it('creates new people, asks about near matches, and adds memberships to a matched person', async () => {
    const first = await previewRosterImport(
      db,
      editor,
      await sheet(
        ['Họ và tên', 'Chức vụ', 'Đơn vị', 'Nhóm đối tượng', 'Từ ngày'],
        [
          ['Nguyễn Thị Hoa', 'Phó trưởng phòng', orgCode, 'T2b', '01/01/2024'],
          ['Phạm Văn Đông', 'Chuyên viên', 'Sở Thông tin thử', 'T2a, T2b', '2024-01-01'],
        ],
      ),
    );
    expect(first.counts).toEqual({ matched: 0, ambiguous: 0, unknown: 0, new: 2 });
    expect(await commitImport(db, editor, first.importId, {})).toMatchObject({ created: 2, rows: 2 });
    expect((await failure(commitImport(db, editor, first.importId, {})))?.code).toBe('conflict'); // only once
    const second = await previewRosterImport(
      db,
      editor,
      await sheet(
        ['full_name', 'organisation', 'target_groups', 'valid_from', 'valid_to'],
        [
          ['Nguyen Thi Hoa', orgCode, 'T2b', '2024-01-01', '2025-12-31'], // diacritics dropped: matched, ends the membership
          ['Dong Pham Van', orgCode, 'T2c', '2025-01-01', ''], // word order: asked
        ],
      ),
    );
    expect(second.counts).toEqual({ matched: 1, ambiguous: 1, unknown: 0, new: 0 });
    const asked = second.rows.find((r) => r.status === 'ambiguous')!;
    expect(asked.candidates[0]).toMatchObject({ fullName: 'Phạm Văn Đông', how: 'reordered' });
    const missing = await failure(commitImport(db, editor, second.importId, {}));
    expect(missing?.details).toEqual([
      { row: 3, field: 'full_name', message: '"Dong Pham Van" is ambiguous: pick the person or create a new one' },
    ]);
    await commitImport(db, editor, second.importId, { resolutions: [{ row: 3, resolution: { personId: asked.candidates[0]!.personId } }] });
    const roster = (await listRoster(db, editor, { limit: 50, offset: 0 })).items;
    expect(roster).toHaveLength(2);
    expect(roster.find((p) => p.fullName === 'Nguyễn Thị Hoa')!.memberships).toMatchObject([
      { targetGroup: 'T2b', validFrom: '2024-01-01', validTo: '2025-12-31' },
    ]);
    expect(
      roster
        .find((p) => p.fullName === 'Phạm Văn Đông')!
        .memberships.map((m) => m.targetGroup)
        .sort(),
    ).toEqual(['T2a', 'T2b', 'T2c']);
  });
});

describe('sign-in sheet import', () => {
  it('asks about the ambiguous and unknown names, then writes every attendance at once', async () => {
    await createPerson(db, seedActor, {
      fullName: 'Lê Thị Hà',
      organisationId: org,
      memberships: [{ targetGroup: 'T2a', validFrom: '2023-01-01' }],
    });
    await createPerson(db, seedActor, {
      fullName: 'Lê Thị Hạ',
      organisationId: org,
      memberships: [{ targetGroup: 'T2a', validFrom: '2023-01-01' }],
    });
    const buf = await signinSheet('Lớp tập huấn thử', [
      { name: 'Nguyễn Thị Hoa', organisation: orgCode, assessment: 9 }, // exact
      { name: 'PHAM VAN DONG', organisation: 'Sở Thông tin thử' }, // folded: matched
      { name: 'Le Thi Ha', organisation: orgCode }, // two people fold to it: asked
      { name: 'Hoàng Văn Mới', organisation: orgCode }, // nobody: asked
      { name: 'Nguyễn Thị Hoa', organisation: orgCode, completed: false }, // listed twice
    ]);
    const p = await previewSigninImport(db, editor, sessionId, buf);
    expect(p.counts).toEqual({ matched: 3, ambiguous: 1, unknown: 1, new: 0 });
    expect(p.rows.map((r) => [r.row, r.status])).toEqual([
      [7, 'ambiguous'],
      [8, 'unknown'],
      [6, 'matched'],
    ]); // exact matches are only counted
    const ha = p.rows[0]!.candidates.find((c) => c.fullName === 'Lê Thị Hà')!;
    const e = await failure(commitImport(db, editor, p.importId, { resolutions: [{ row: 7, resolution: { personId: ha.personId } }] }));
    expect(e?.details).toMatchObject([{ row: 8, field: 'full_name' }]);
    expect(await listAttendance(db, admin, sessionId)).toHaveLength(0); // nothing written
    const r = await commitImport(db, editor, p.importId, {
      resolutions: [
        { row: 7, resolution: { personId: ha.personId } },
        { row: 8, resolution: { create: true, organisationId: org } },
      ],
    });
    expect(r).toEqual({ rows: 5, created: 1, updated: 4, attendance: 4 });
    const att = await listAttendance(db, admin, sessionId);
    expect(att.map((a) => a.fullName).sort()).toEqual(['Hoàng Văn Mới', 'Lê Thị Hà', 'Nguyễn Thị Hoa', 'Phạm Văn Đông']);
    expect(att.find((a) => a.fullName === 'Nguyễn Thị Hoa')).toMatchObject({ completed: true, assessment: 9 });
    const cov = await coverageRecords(db, '2026-12-31', { group: 'T2a' });
    expect(
      cov
        .filter((c) => c.covered)
        .map((c) => c.full_name)
        .sort(),
    ).toEqual(['Lê Thị Hà', 'Phạm Văn Đông']);
    const audit = await rows<{ action: string }>(
      db,
      sql`select action from audit_log where entity = 'training_import' and entity_id = ${String(p.importId)}`,
    );
    expect(audit).toEqual([{ action: 'import' }]);
  });

  it("lets only the session's organiser import its sheet, and rejects a bad flag by row and column", async () => {
    const outsider: Actor = { ...editor, organisationId: other };
    expect((await failure(previewSigninImport(db, outsider, sessionId, await signinSheet('x', [{ name: 'A' }]))))?.code).toBe('forbidden');
    const bad = await sheet(
      ['Họ và tên', 'Hoàn thành', 'Điểm'],
      [
        ['Nguyễn A', 'có lẽ', '9'],
        ['Nguyễn B', 'x', '150'],
      ],
    );
    const e = await failure(previewSigninImport(db, editor, sessionId, bad));
    expect(e?.details).toMatchObject([
      { row: 2, field: 'completed' },
      { row: 3, field: 'assessment' },
    ]);
  });
});

describe('over HTTP', () => {
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

  it('previews an upload and records every roster export in the audit log', async () => {
    const m = multipart(await signinSheet('x', [{ name: 'Nguyễn Thị Hoa', organisation: orgCode }]));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/training/sessions/${sessionId}/import`,
      headers: { ...editorSession.headers, ...m.headers },
      payload: m.payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().counts.matched).toBe(1);
    const before = (
      await rows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where entity = 'training_roster' and action = 'export'`)
    )[0]!.n;
    const x = await t.app.inject({ method: 'GET', url: '/api/training/people/export.xlsx', headers: editorSession.headers });
    expect(x.statusCode).toBe(200);
    expect(x.headers['x-export-count']).toBe('5');
    const after = (
      await rows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where entity = 'training_roster' and action = 'export'`)
    )[0]!.n;
    expect(after).toBe(Number(before) + 1);
  });
});
