// Excel import of organisations: every bad row reported by row and field, nothing written on any error;
// a good file creates and updates; export round-trips.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser, makeOrg } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { FieldIssue, Organisation } from '../../../shared/contracts/directory.js';
import { ORG_COLUMNS } from './organisations.excel.js';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Session, editor: Session;

async function xlsx(rows: (string | number)[][], header: string[] = [...ORG_COLUMNS]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('organisations');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(buf: Buffer, filename = 'orgs.xlsx') {
  const boundary = '----rh' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const upload = (s: Session, buf: Buffer) => {
  const m = multipart(buf);
  return t.app.inject({ method: 'POST', url: '/api/organisations/import', headers: { ...s.headers, ...m.headers }, payload: m.payload });
};
const count = async () =>
  (await t.app.inject({ method: 'GET', url: '/api/organisations?includeInactive=true&limit=1', headers: admin.headers })).json()
    .total as number;

beforeAll(async () => {
  t = await testApp();
  const hn = await makeOrg(t.db, {
    code: 'UBND-01',
    nameVi: 'Ủy ban nhân dân thành phố Hà Nội',
    kind: 'provincial_committee',
    provinceCode: '01',
  });
  await makeOrg(t.db, {
    code: 'UBND-79',
    nameVi: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
    kind: 'provincial_committee',
    provinceCode: '79',
  });
  const a = await makeUser(t.db, 'admin');
  const e = await makeUser(t.db, 'editor', hn.id);
  admin = await signIn(t.app, a.username, a.password);
  editor = await signIn(t.app, e.username, e.password);
});

describe('organisation import', () => {
  it('reports every bad row with its row number and field and writes nothing', async () => {
    const before = await count();
    const file = await xlsx([
      ['SO-01', 'Sở Tư pháp Hà Nội', '', '', 'provincial_department', 'UBND-01', '01', '', 'yes'], // good
      ['BAO-99', 'Báo X', '', '', 'press', '', '99', '', 'no'], // unknown province
      ['BAO-HG', 'Báo Hà Giang', '', '', 'press', '', '02', '', 'no'], // 63-unit code
      ['SO-01', 'Trùng mã', '', '', 'other', '', '', '', ''], // duplicate code
      ['A', 'Vòng A', '', '', 'other', 'B', '', '', ''], // cycle A→B→A
      ['B', 'Vòng B', '', '', 'other', 'A', '', '', ''],
      ['LONG', 'x'.repeat(301), '', '', 'other', '', '', '', ''], // over-long
      ['EMPTY', '', '', '', 'other', '', '', '', ''], // empty name
      ['K', 'Loại sai', '', '', 'ministryy', '', '', '', 'maybe'], // bad kind, bad yes/no
      ['P', 'Cha không có', '', '', 'other', 'NO-SUCH', '', '', ''], // unknown parent
    ]);
    const r = await upload(admin, file);
    expect(r.statusCode).toBe(422);
    const issues = r.json().error.details as FieldIssue[];
    const has = (row: number, field: string) => issues.some((i) => i.row === row && i.field === field);
    expect(has(5, 'code')).toBe(true);
    expect(has(10, 'kind') && has(10, 'state_admin_agency')).toBe(true);
    expect(issues.some((i) => (i.row === 6 || i.row === 7) && i.field === 'parent_code' && /cycle/.test(i.message))).toBe(true);
    expect(has(3, 'province_code') && has(4, 'province_code') && has(8, 'name_vi') && has(9, 'name_vi') && has(11, 'parent_code')).toBe(
      true,
    );
    expect(issues.some((i) => i.row === 2)).toBe(false);
    expect(r.json().error.message).toMatch(/nothing was imported/);
    expect(await count()).toBe(before);

    // Fix the structural problems: the row-level ones (province, length, parent) now surface.
    const second = await upload(
      admin,
      await xlsx([
        ['SO-01', 'Sở Tư pháp Hà Nội', '', '', 'provincial_department', 'UBND-01', '01', '', 'yes'],
        ['BAO-99', 'Báo X', '', '', 'press', '', '99', '', 'no'],
        ['BAO-HG', 'Báo Hà Giang', '', '', 'press', '', '02', '', 'no'],
        ['LONG', 'x'.repeat(301), '', '', 'other', '', '', '', ''],
        ['EMPTY', '', '', '', 'other', '', '', '', ''],
        ['P', 'Cha không có', '', '', 'other', 'NO-SUCH', '', '', ''],
      ]),
    );
    expect(second.statusCode).toBe(422);
    const s = second.json().error.details as FieldIssue[];
    expect(s).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, field: 'province_code' }),
        expect.objectContaining({ row: 4, field: 'province_code', message: expect.stringMatching(/63-unit map.*08 \(Tuyên Quang\)/) }),
        expect.objectContaining({ row: 5, field: 'name_vi' }),
        expect.objectContaining({ row: 6, field: 'name_vi' }),
        expect.objectContaining({ row: 7, field: 'parent_code' }),
      ]),
    );
    expect(s.some((i) => i.row === 2)).toBe(false);
    expect(await count()).toBe(before);
  });

  it('refuses a header with unknown or missing columns', async () => {
    const r = await upload(admin, await xlsx([['X', 'Y']], ['code', 'ten']));
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 1, field: 'ten' }),
        expect.objectContaining({ row: 1, field: 'name_vi' }),
        expect.objectContaining({ row: 1, field: 'kind' }),
      ]),
    );
  });

  it('refuses a file that is not an xlsx workbook', async () => {
    const csv = await upload(admin, Buffer.from('code,name_vi\nA,B\n'));
    expect(csv.statusCode).toBe(415);
    expect(csv.json().error.details[0].field).toBe('file');
    const broken = await upload(admin, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]));
    expect(broken.statusCode).toBe(415);
  });

  it('imports a good file (parents from the same file first) and updates on re-import', async () => {
    const before = await count();
    const rows = [
      ['SO-01-B', 'Phòng báo chí', '', '', 'other', 'SO-01', '01', '', 'không'],
      ['SO-01', 'Sở Tư pháp thành phố Hà Nội', 'Ha Noi Department of Justice', '', 'provincial_department', 'UBND-01', '01', '', 'có'],
      ['DSQ-DE', 'Đại sứ quán Việt Nam tại Đức', '', '', 'mission_abroad', '', '', 'DE', 'yes'],
    ];
    const r = await upload(admin, await xlsx(rows));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ created: 3, updated: 0, rows: 3 });
    expect(await count()).toBe(before + 3);
    const again = await upload(admin, await xlsx(rows));
    expect(again.json()).toEqual({ created: 0, updated: 3, rows: 3 });
    const audit = await t.app.inject({ method: 'GET', url: '/api/audit?entity=organisation&action=create', headers: admin.headers });
    expect(audit.json().items.filter((a: { via: string }) => a.via === 'import')).toHaveLength(3);
  });

  it("refuses an editor's import that touches another province, writing nothing", async () => {
    const before = await count();
    const r = await upload(
      editor,
      await xlsx([
        ['SO-01-C', 'Phòng mới', '', '', 'other', 'UBND-01', '01', '', ''],
        ['SO-79-X', 'Sở của TP.HCM', '', '', 'other', 'UBND-79', '79', '', ''],
      ]),
    );
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details).toEqual([expect.objectContaining({ row: 3 })]);
    expect(await count()).toBe(before);
  });

  it('exports the directory in the import format', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/organisations/export.xlsx', headers: admin.headers });
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual([...ORG_COLUMNS]);
    const codes = ws.getColumn(1).values.slice(2);
    expect(codes).toEqual(expect.arrayContaining(['UBND-01', 'SO-01', 'DSQ-DE']));
  });

  it('imports history: a former agency on the 63-unit map, its successor and the kind, in any order of rows', async () => {
    const before = await count();
    // The former Sở of Hà Giang (63-unit 02) first, its successor (34-unit 08) below it.
    const r = await upload(
      admin,
      await xlsx([
        [
          'SO-HG-CU',
          'Sở Thông tin và Truyền thông Hà Giang',
          '',
          '',
          'provincial_department',
          '',
          '02',
          '',
          'có',
          '2008-04-01',
          '2025-06-30',
          'SO-TQ-MOI',
          'merged_into',
        ],
        [
          'SO-TQ-MOI',
          'Sở Văn hóa, Thể thao và Du lịch Tuyên Quang',
          '',
          '',
          'provincial_department',
          '',
          '08',
          '',
          'có',
          '2025-07-01',
          '',
          '',
          '',
        ],
      ]),
    );
    expect(r.statusCode, r.body).toBe(200);
    expect(await count()).toBe(before + 2);
    const found = (
      await t.app.inject({ method: 'GET', url: '/api/organisations?q=ha%20giang&includeInactive=true', headers: admin.headers })
    ).json().items as Organisation[];
    const successor = found.find((o) => o.code === 'SO-TQ-MOI')!; // found by its predecessor's name too
    expect(found.find((o) => o.code === 'SO-HG-CU')).toMatchObject({
      provinceCode: '02',
      provinceMap: '63',
      validFrom: '2008-04-01',
      validTo: '2025-06-30',
      successorId: successor.id,
      successionKind: 'merged_into',
      active: false,
    });
    expect(successor).toMatchObject({ provinceCode: '08', provinceMap: '34', validFrom: '2025-07-01', validTo: null, active: true });
  });

  it('refuses bad history cells naming row and column, writing nothing', async () => {
    const before = await count();
    const r = await upload(
      admin,
      await xlsx([
        ['H-1', 'Sở hiện tại', '', '', 'other', '', '02', '', '', '', '', '', ''],
        ['H-2', 'Sở cũ', '', '', 'other', '', '', '', '', '', '2024-01-31', 'UBND-01', 'absorbed'],
        ['H-3', 'Sở cũ 2', '', '', 'other', '', '', '', '', '', '2024-01-31', 'NO-SUCH', 'renamed'],
        ['H-4', 'Sở cũ 3', '', '', 'other', '', '', '', '', '2024-02-30', '', '', ''],
        ['H-5', 'Sở cũ 4', '', '', 'other', '', '', '', '', '', '', 'UBND-01', 'renamed'],
        ['H-6', 'Sở tốt', '', '', 'other', '', '', '', '', '', '', '', ''],
      ]),
    );
    expect(r.statusCode).toBe(422);
    expect((r.json().error.details as FieldIssue[]).map((d) => `${d.row}:${d.field}`)).toEqual([
      '2:province_code',
      '3:succession_kind',
      '4:successor_code',
      '5:valid_from',
      '6:valid_to',
    ]);
    expect(await count()).toBe(before);
  });

  it('offers the history columns in the template, with their meaning', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/organisations/import-template.xlsx', headers: admin.headers });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(
      expect.arrayContaining(['valid_from', 'valid_to', 'successor_code', 'succession_kind']),
    );
    const help = wb.getWorksheet('help')!.getColumn(1).values.join(' ');
    expect(help).toContain('successor_code');
    expect(help).toContain('succession_kind');
  });
});
