// GET /api/progress/:id over a real import: the figure of an organisations import is seen while it runs and after it,
// its rows match the file's, and nobody else (another user, nobody signed in) reads it.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../test/test-db.js';
import { multipart } from '../../../test/xlsx.js';
import { ORG_COLUMNS } from '../modules/directory/organisations.excel.js';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Session, other: Session;

async function workbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('organisations');
  ws.addRow([...ORG_COLUMNS]);
  for (let i = 0; i < rows; i++) ws.addRow([`PROG-${i}`, `Tổ chức thử ${i}`, '', '', 'other', '', '', '', 'no']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const poll = (s: Session | null, id: string) =>
  t.app.inject({ method: 'GET', url: `/api/progress/${id}`, headers: s ? { ...s.headers, 'accept-language': 'vi' } : {} });

beforeAll(async () => {
  t = await testApp();
  const a = await makeUser(t.db, 'admin');
  const b = await makeUser(t.db, 'admin');
  admin = await signIn(t.app, a.username, a.password);
  other = await signIn(t.app, b.username, b.password);
});

describe('progress of an import', () => {
  it('is seen while the import runs and after it, by its user only', async () => {
    const rows = 150;
    const id = 'test-import-0001';
    const m = multipart(await workbook(rows));
    const running = t.app.inject({
      method: 'POST',
      url: '/api/organisations/import',
      headers: { ...admin.headers, ...m.headers, 'x-progress-id': id },
      payload: m.payload,
    });
    let done = false;
    void running.then(() => (done = true));
    const seen: { stage: string; done: number; total: number | null; finished: boolean }[] = [];
    while (!done) {
      const r = await poll(admin, id);
      if (r.statusCode === 200 && !done) seen.push(r.json());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const res = await running;
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: rows, rows });
    // Seen during the work: rows read, then rows written of all (never more than the file's).
    const during = seen.filter((s) => !s.finished);
    expect(during.length).toBeGreaterThan(0);
    expect(during.some((s) => s.stage === 'write' && s.total === rows && s.done > 0 && s.done < rows)).toBe(true);
    for (const s of during) expect(s.done).toBeLessThanOrEqual(s.stage === 'read' ? rows + 1 : rows);
    // After it: finished, every row written.
    const after = await poll(admin, id);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual({ stage: 'write', done: rows, total: rows, finished: true });
    // Nobody else reads it.
    const stranger = await poll(other, id);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.json().error.message).toBe('Không có công việc nào của bạn với mã này ở đây');
    expect((await poll(null, id)).statusCode).toBe(401);
    expect((await poll(admin, 'test-import-9999')).statusCode).toBe(404);
    expect((await poll(admin, 'bad')).statusCode).toBe(400);
  });

  it('refuses a malformed x-progress-id (400), and works without one', async () => {
    const m = multipart(await workbook(2));
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/organisations/import',
      headers: { ...admin.headers, ...m.headers, 'x-progress-id': 'no spaces allowed' },
      payload: m.payload,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('x-progress-id');
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/organisations/import',
      headers: { ...admin.headers, ...m.headers },
      payload: m.payload,
    });
    expect(none.statusCode).toBe(200);
  });
});
