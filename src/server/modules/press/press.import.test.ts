// Excel import of spokespersons and press items (issue 21): a sound file writes every row as the workspace's create
// would; a file with bad rows writes nothing and names each problem's row and column; an editor imports only for
// their own organisation and those below it (and records no past publication: the office's back-entry); importing the
// same file again writes nothing new (its rows are counted as skipped), a row repeated inside one file is refused;
// ?commit=false checks without writing; the templates carry the columns and a notes sheet.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Organisation } from '../../../shared/contracts/directory.js';
import { rows, type Db } from '../../kernel/db.js';
import { PRESS_ITEM_COLUMNS, SPOKESPERSON_COLUMNS } from './press.import.js';
import { listPressItems } from './press.service.js';
import { listSpokespersons } from './spokespersons.service.js';

let app: Awaited<ReturnType<typeof testApp>>['app'];
let db: Db;
let a: Organisation, aChild: Organisation, b: Organisation;
let admin: Session, editorA: Session, viewer: Session;

async function book(sheet: string, data: Record<string, string>[]): Promise<Buffer> {
  const columns = [...new Set(data.flatMap((d) => Object.keys(d)))];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(columns);
  for (const d of data) ws.addRow(columns.map((c) => d[c] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(s: Session, kind: 'spokespersons' | 'items', bytes: Buffer, commit?: boolean) {
  const boundary = '----press' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="press.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: `/api/press/${kind}/import${commit === false ? '?commit=false' : ''}`,
    payload,
    headers: { ...s.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}
/** Uploads a workbook of `data` (one sheet named as the template's). */
const send = async (s: Session, kind: 'spokespersons' | 'items', data: Record<string, string>[], commit?: boolean) =>
  upload(s, kind, await book(kind === 'items' ? 'press_items' : 'spokespersons', data), commit);
const problems = (res: { statusCode: number; json: () => unknown }) => {
  expect(res.statusCode).toBe(422);
  const body = res.json() as { error: { code: string; details: { row: number; field: string }[] } };
  expect(body.error.code).toBe('import_invalid');
  return body.error.details.map((d) => `${d.row}:${d.field}`);
};
const count = async (table: 'press_spokespersons' | 'press_items') =>
  Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n);

const spokesperson = (patch: Record<string, string> = {}) => ({
  organisation_code: 'PXL-A',
  full_name: 'Trần Thị Phát Ngôn',
  position: 'Chánh Văn phòng',
  valid_from: '2025-03-01',
  valid_to: '',
  email: 'phatngon@example.gov.vn',
  email_public: 'có',
  phone: '024 3825 0000',
  phone_public: 'không',
  ...patch,
});
const item = (patch: Record<string, string> = {}) => ({
  organisation_code: 'PXL-A',
  kind: 'press_release',
  title: 'Thông cáo nhập từ Excel',
  summary: 'Tóm tắt',
  body: '<p>Nội dung <script>alert(1)</script>thông cáo</p>',
  language: 'vie',
  topic_codes: 'civil-political',
  held_on: '',
  published_on: '2025-08-20',
  period: '2025-Q3',
  audiences: '3; 1',
  ...patch,
});

beforeAll(async () => {
  ({ app, db } = await testApp());
  a = await makeOrg(db, { code: 'PXL-A', nameVi: 'Sở thử nhập báo chí A', kind: 'provincial_department', provinceCode: '01' });
  aChild = await makeOrg(db, { code: 'PXL-A-1', nameVi: 'Phòng thử thuộc A', kind: 'other', parentId: a.id });
  b = await makeOrg(db, { code: 'PXL-B', nameVi: 'Sở thử nhập báo chí B', kind: 'provincial_department', provinceCode: '48' });
  const session = async (role: 'admin' | 'editor' | 'viewer', org: number | null = null) =>
    signIn(app, (await makeUser(db, role, org)).username, TEST_PASSWORD);
  admin = await session('admin');
  editorA = await session('editor', a.id);
  viewer = await session('viewer');
});

describe('spokespersons from Excel', () => {
  it('a sound file writes every row as the form would (an editor, for their organisation and one below it)', async () => {
    const res = await send(editorA, 'spokespersons', [
      spokesperson(),
      spokesperson({ organisation_code: 'pxl-a-1', full_name: 'Lê Văn Trực Thuộc', valid_to: '2025-12-31', email: '' }),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 2, updated: 0, skipped: 0, rows: 2, committed: true });
    expect(await listSpokespersons(db, { organisationId: a.id })).toMatchObject([
      {
        fullName: 'Trần Thị Phát Ngôn',
        position: 'Chánh Văn phòng',
        validFrom: '2025-03-01',
        validTo: null,
        email: 'phatngon@example.gov.vn',
        emailPublic: true,
        phone: '024 3825 0000',
        phonePublic: false,
      },
    ]);
    expect(await listSpokespersons(db, { organisationId: aChild.id })).toMatchObject([
      { fullName: 'Lê Văn Trực Thuộc', validTo: '2025-12-31', email: null },
    ]);
  });

  it('a file with bad rows writes nothing and names each row and column', async () => {
    const before = await count('press_spokespersons');
    const res = await send(admin, 'spokespersons', [
      spokesperson({ full_name: 'Người hợp lệ', valid_from: '2025-04-01' }), // row 2: sound, yet not written
      spokesperson({ organisation_code: 'KHONG-CO' }), // 3
      spokesperson({ full_name: 'Email sai', email: 'khong-phai-email' }), // 4
      spokesperson({ full_name: 'Ngày sai', valid_from: '2025-06-01', valid_to: '2025-05-01' }), // 5
      spokesperson({ full_name: 'Có không', phone_public: 'có lẽ', phone: 'abc' }), // 6
      spokesperson({ full_name: '' }), // 7
    ]);
    expect(problems(res)).toEqual(['3:organisation_code', '4:email', '5:valid_to', '6:phone_public', '6:phone', '7:full_name']);
    expect(await count('press_spokespersons')).toBe(before);
  });

  it('an editor cannot import for another organisation; a read-only role imports nothing', async () => {
    const before = await count('press_spokespersons');
    const file = await book('spokespersons', [spokesperson({ full_name: 'Người của A' }), spokesperson({ organisation_code: 'PXL-B' })]);
    const res = await upload(editorA, 'spokespersons', file);
    expect(problems(res)).toEqual(['3:organisation_code']);
    expect((res.json() as { error: { details: { message: string }[] } }).error.details[0]!.message).toMatch(/outside/);
    expect((await upload(viewer, 'spokespersons', file)).statusCode).toBe(403);
    expect(await count('press_spokespersons')).toBe(before);
    expect(await listSpokespersons(db, { organisationId: b.id })).toEqual([]);
  });

  it('importing the same file again writes nothing new; a row repeated inside a file is refused', async () => {
    const file = await book('spokespersons', [spokesperson(), spokesperson({ full_name: 'Người mới thêm', valid_from: '2025-09-01' })]);
    const before = await count('press_spokespersons');
    const first = await upload(admin, 'spokespersons', file);
    expect(first.json()).toMatchObject({ created: 1, skipped: 1, rows: 2 }); // the first row is already there
    const again = await upload(admin, 'spokespersons', file);
    expect(again.json()).toMatchObject({ created: 0, skipped: 2, rows: 2 });
    expect(await count('press_spokespersons')).toBe(before + 1);
    const twice = await book('spokespersons', [
      spokesperson({ full_name: 'Hai lần', valid_from: '2025-10-01' }),
      spokesperson({ full_name: 'HAI LẦN', valid_from: '2025-10-01' }),
    ]);
    expect(problems(await upload(admin, 'spokespersons', twice))).toEqual(['3:full_name']);
  });
});

describe('press items from Excel', () => {
  it('a sound file writes every item: published on its day in Viet Nam, or a draft; topics, cleaned body', async () => {
    const res = await send(admin, 'items', [
      item(),
      item({ organisation_code: 'PXL-B', kind: 'statement', title: 'Tuyên bố nháp', published_on: '', period: '', topic_codes: '' }),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, skipped: 0, rows: 2 });
    const [published] = (await listPressItems(db, { organisationId: a.id })).items;
    expect(published).toMatchObject({
      title: 'Thông cáo nhập từ Excel',
      kind: 'press_release',
      status: 'published',
      publishedAt: '2025-08-19T17:00:00.000Z', // 00:00 on 20 August in Viet Nam
      topics: [{ code: 'civil-political' }],
      summary: 'Tóm tắt',
      audiences: [1, 3],
    });
    expect(published!.bodyHtml).not.toContain('script');
    expect((await listPressItems(db, { organisationId: b.id })).items).toMatchObject([{ title: 'Tuyên bố nháp', status: 'draft' }]);
  });

  it('a file with bad rows writes nothing and names each row and column', async () => {
    const before = await count('press_items');
    const res = await send(admin, 'items', [
      item({ title: 'Hợp lệ nhưng không được ghi', published_on: '2025-07-01' }), // 2
      item({ title: 'Loại sai', kind: 'tweet' }), // 3
      item({ title: 'Chủ đề sai', topic_codes: 'no-such-topic' }), // 4
      item({ title: 'Ngoài kỳ', published_on: '2025-10-02' }), // 5: not in 2025-Q3
      item({ title: 'Ngày sai', published_on: '2025-02-30', period: '' }), // 6
      item({ title: '' }), // 7
      item({ title: 'Kỳ lạ', period: '2025-Q5' }), // 8
      item({ title: 'Ngôn ngữ sai', language: 'vietnamese' }), // 9
      item({ title: 'Đối tượng sai', audiences: '2;7' }), // 10
    ]);
    expect(problems(res)).toEqual([
      '3:kind',
      '4:topic_codes',
      '5:published_on',
      '6:published_on',
      '7:title',
      '8:period',
      '9:language',
      '10:audiences',
    ]);
    expect(await count('press_items')).toBe(before);
  });

  it('an editor imports drafts for their own organisation only, and records no past publication', async () => {
    const before = await count('press_items');
    const res = await send(editorA, 'items', [
      item({ title: 'Nháp của A', published_on: '', period: '' }),
      item({ title: 'Của B', organisation_code: 'PXL-B', published_on: '', period: '' }),
      item({ title: 'A công bố lùi ngày' }),
    ]);
    expect(problems(res)).toEqual(['3:organisation_code', '4:published_on']);
    expect(await count('press_items')).toBe(before);
    const own = await send(editorA, 'items', [item({ title: 'Nháp của A', published_on: '', period: '' })]);
    expect(own.json()).toMatchObject({ created: 1 });
    expect(await count('press_items')).toBe(before + 1);
  });

  it('re-import skips the items already there; ?commit=false checks the file and writes nothing', async () => {
    const file = await book('press_items', [item(), item({ title: 'Thông cáo thứ hai', published_on: '2025-09-05' })]);
    const before = await count('press_items');
    const preview = await upload(admin, 'items', file, false);
    expect(preview.json()).toEqual({ created: 1, updated: 0, skipped: 1, rows: 2, committed: false });
    expect(await count('press_items')).toBe(before);
    expect((await upload(admin, 'items', file)).json()).toMatchObject({ created: 1, skipped: 1, committed: true });
    expect((await upload(admin, 'items', file)).json()).toMatchObject({ created: 0, skipped: 2 });
    expect(await count('press_items')).toBe(before + 1);
  });
});

describe('the templates', () => {
  it.each([
    ['spokespersons', SPOKESPERSON_COLUMNS],
    ['items', PRESS_ITEM_COLUMNS],
  ] as const)('of %s carry the columns, an example row and a notes sheet', async (kind, columns) => {
    const res = await app.inject({ method: 'GET', url: `/api/press/${kind}/import-template.xlsx`, headers: editorA.headers });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([kind === 'items' ? 'press_items' : 'spokespersons', 'notes']);
    expect((wb.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual([...columns]);
    const notes = wb.getWorksheet('notes')!;
    const noted = new Set<string>();
    notes.eachRow((r) =>
      String(r.getCell(1).value ?? '')
        .split(/,\s*/)
        .forEach((c) => noted.add(c)),
    );
    for (const c of ['organisation_code', kind === 'items' ? 'published_on' : 'valid_from']) expect(noted).toContain(c);
  });
});
