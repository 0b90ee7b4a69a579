// What a Vietnamese reader sees when something goes wrong: an empty form, a bad import, a refusal and a wrong address
// answer in Vietnamese (Accept-Language: vi, as the workspace sends it), the English reader gets English, and the
// error body keeps its shape (code, message, details[] of { row?, field, message }) with both texts beside.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../test/test-db.js';
import type { FieldIssue } from '../../shared/contracts/directory.js';
import { ORG_COLUMNS } from '../modules/directory/organisations.excel.js';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Session, viewer: Session;
const VI = { 'accept-language': 'vi' };
const EN = { 'accept-language': 'en-GB,en;q=0.9' };
/** English words zod or a service would have sent. */
const ENGLISH = /\b(required|Invalid|expected|must|not found|Too small|unknown|characters|may not)\b/;

beforeAll(async () => {
  t = await testApp();
  const a = await makeUser(t.db, 'admin');
  const v = await makeUser(t.db, 'viewer');
  admin = await signIn(t.app, a.username, a.password);
  viewer = await signIn(t.app, v.username, v.password);
});

async function orgWorkbook(rows: string[][]): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('organisations');
  ws.addRow([...ORG_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const boundary = '----rh' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="o.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('errors in the reader’s language', () => {
  it('an empty form: every field message in Vietnamese, in English for an English reader', async () => {
    const vi = await t.app.inject({ method: 'POST', url: '/api/organisations', headers: { ...admin.headers, ...VI }, payload: {} });
    expect(vi.statusCode).toBe(400);
    const body = vi.json().error;
    expect(body.code).toBe('validation_failed');
    const details = body.details as FieldIssue[];
    expect(details.length).toBeGreaterThan(1);
    expect(details.find((d) => d.field === 'code')?.message).toBe('bắt buộc nhập');
    for (const d of details) {
      expect(Object.keys(d).sort()).toEqual(['field', 'message']); // the shape clients read, unchanged
      expect(d.message, d.field).not.toMatch(ENGLISH);
    }
    expect(body.message).not.toMatch(ENGLISH);
    expect(body.message).toContain('code: bắt buộc nhập');
    expect(body.text.vi).toBe(body.message);

    const en = await t.app.inject({ method: 'POST', url: '/api/organisations', headers: { ...admin.headers, ...EN }, payload: {} });
    expect((en.json().error.details as FieldIssue[]).find((d) => d.field === 'code')?.message).toBe('required');
  });

  it('a too long value and a wrong choice say the rule and the allowed values', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { ...admin.headers, ...VI },
      payload: { code: 'X1', nameVi: 'Tên'.repeat(200), kind: 'bogus' },
    });
    const details = r.json().error.details as FieldIssue[];
    expect(details.find((d) => d.field === 'nameVi')?.message).toMatch(/^tối đa \d+ ký tự$/);
    expect(details.find((d) => d.field === 'kind')?.message).toMatch(/^phải là một trong các giá trị: ministry, .*other$/);
  });

  it('a bad import: every row’s problems in Vietnamese, the summary too', async () => {
    const m = await orgWorkbook([
      ['', 'Sở A', '', '', 'ministry', '', '', '', 'yes'],
      ['S-2', 'Sở B', '', '', 'bogus', 'NO-SUCH', '', '', 'maybe'],
    ]);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/organisations/import',
      headers: { ...admin.headers, ...m.headers, ...VI },
      payload: m.payload,
    });
    expect(r.statusCode).toBe(422);
    const body = r.json().error;
    expect(body.code).toBe('import_invalid');
    const details = body.details as FieldIssue[];
    expect(details.some((d) => d.row === 2 && d.field === 'code' && d.message === 'bắt buộc nhập')).toBe(true);
    expect(details.some((d) => d.row === 3 && d.field === 'kind' && d.message.startsWith('loại "bogus" không hợp lệ'))).toBe(true);
    expect(details.some((d) => d.row === 3 && d.field === 'state_admin_agency' && d.message.includes('không phải là có/không'))).toBe(true);
    for (const d of details) expect(d.message, `${d.row} ${d.field}`).not.toMatch(ENGLISH);
    expect(body.message).not.toMatch(ENGLISH);
  });

  it('a refusal and a wrong address answer in Vietnamese, with the English kept beside', async () => {
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { ...viewer.headers, ...VI },
      payload: { code: 'X2', nameVi: 'Tổ chức', kind: 'ministry' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).not.toMatch(ENGLISH);
    expect(refused.json().error.text.en).toBeTruthy();
    const missing = await t.app.inject({ method: 'GET', url: '/api/no-such-thing', headers: VI });
    expect(missing.json().error).toMatchObject({
      code: 'not_found',
      message: 'Không có địa chỉ GET /api/no-such-thing',
      key: 'route.none',
    });
    const signedOut = await t.app.inject({ method: 'GET', url: '/api/users', headers: VI });
    expect(signedOut.json().error.message).toBe('Vui lòng đăng nhập trước');
    // A client that names no language of ours keeps the English of before.
    expect((await t.app.inject({ method: 'GET', url: '/api/users' })).json().error.message).toBe('Sign in first');
  });
});
