// Imports of recommendations: a Universal Human Rights Index export (CSV) and the Government matrix (.xlsx), each
// previewed before it is written, written all or nothing, every bad row named by row and column (unknown columns,
// duplicate paragraphs, a changed original text as a conflict, unknown agencies and clusters); over HTTP the office
// only. Every text here is a fictional fixture under a fictional document symbol.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { exportMatrix, importRecommendations, MATRIX_COLUMNS } from './recommendations.import.js';
import * as S from './recommendations.service.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
let admin: Actor, editor: Actor;
let adminSession: Session, editorSession: Session;
let leadCode: string;

const DOC = 'A/HRC/FICTION/1';
const csv = (lines: string[][]) => Buffer.from(lines.map((l) => l.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n'));
const UHRI_HEAD = ['State', 'Text', 'SDG Targets', 'Groups', 'Themes', 'Mechanism', 'Response (UPR)', 'Recommending State (UPR)', 'Document Code', 'Paragraph', 'Cycle'];
const uhriRow = (para: string, text: string, extra: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = { State: 'Viet Nam', Text: text, 'SDG Targets': '16.10 - Public access to information; 4.7 - Education', Groups: 'Journalists; Children',
    Themes: 'Freedom of expression', Mechanism: 'Universal Periodic Review', 'Response (UPR)': 'Supported', 'Recommending State (UPR)': 'Freedonia; Sylvania', 'Document Code': DOC, Paragraph: para, Cycle: 'Cycle 4', ...extra };
  return UHRI_HEAD.map((h) => base[h] ?? '');
};
const count = async () => Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from recommendations`))[0]!.n);
const failure = async (p: Promise<unknown>) => {
  try { await p; } catch (e) { return e as { code: string; details: { row?: number; field: string; message: string }[] }; }
  throw new Error('expected a failure');
};
async function matrix(rowsIn: Record<string, string>[], header: string[] = [...MATRIX_COLUMNS]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('matrix');
  ws.addRow(header);
  for (const r of rowsIn) ws.addRow(header.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function multipart(buf: Buffer, filename: string) {
  const boundary = '----rh' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    buf, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  const t = await testApp();
  app = t.app; db = t.db;
  const org = await makeOrg(db, { code: 'BTT-IMP', nameVi: 'Bộ thử nhập', kind: 'ministry', isStateAdminAgency: true });
  leadCode = org.code;
  const a = await makeUser(db, 'admin');
  const e = await makeUser(db, 'editor', org.id);
  admin = { userId: a.id, name: a.username, role: 'admin', organisationId: null, via: 'api' };
  editor = { userId: e.id, name: e.username, role: 'editor', organisationId: org.id, via: 'api' };
  adminSession = await signIn(app, a.username, a.password);
  editorSession = await signIn(app, e.username, e.password);
});

describe('UHRI export', () => {
  it('previews, then writes; a second import of the same file changes nothing', async () => {
    const file = csv([UHRI_HEAD, uhriRow('10.1', 'Fictional fixture one.'), uhriRow('10.2', 'Fictional fixture two.', { 'Response (UPR)': 'Noted' })]);
    const before = await count();
    const preview = await importRecommendations(db, admin, file, { format: 'uhri', commit: false });
    expect(preview).toMatchObject({ committed: false, creates: 2, updates: 0, changes: [{ row: 2, kind: 'create', label: 'UPR-IV 10.1' }, { row: 3, kind: 'create' }] });
    expect(await count()).toBe(before);
    expect((await importRecommendations(db, admin, file, { format: 'uhri', commit: true })).committed).toBe(true);
    const [r] = (await S.listRecommendations(db, { q: 'fixture one' })).items;
    expect(r).toMatchObject({
      cycle: 'UPR-IV', sourceDocument: DOC, paragraph: '10.1', textEn: 'Fictional fixture one.', position: 'supported', recommendingStates: ['Freedonia', 'Sylvania'],
      themes: ['Freedom of expression'], affectedPersons: ['Journalists', 'Children'], sdgTargets: ['16.10', '4.7'],
    });
    expect(r!.textEnSource).toContain('Universal Human Rights Index');
    const again = await importRecommendations(db, admin, file, { format: 'uhri', commit: false });
    expect(again).toMatchObject({ creates: 0, updates: 0, unchanged: 2 });
  });

  it('refuses a changed original text as a conflict on its row, and writes nothing of the file', async () => {
    await importRecommendations(db, admin, csv([UHRI_HEAD, uhriRow('11.1', 'Fictional original.')]), { format: 'uhri', commit: true });
    const before = await count();
    const e = await failure(importRecommendations(db, admin, csv([UHRI_HEAD, uhriRow('11.2', 'A new fictional row.'), uhriRow('11.1', 'Fictional original, edited.')]), { format: 'uhri', commit: true }));
    expect(e.code).toBe('import_invalid');
    expect(e.details).toEqual([expect.objectContaining({ row: 3, field: 'Text', message: expect.stringMatching(/conflict/) })]);
    expect(await count()).toBe(before);
  });

  it('names unknown columns, duplicate paragraphs, other States and bad positions', async () => {
    const e1 = await failure(importRecommendations(db, admin, csv([[...UHRI_HEAD, 'Colour'], [...uhriRow('12.1', 'x'), 'red']]), { format: 'uhri', commit: false }));
    expect(e1.details).toEqual([expect.objectContaining({ row: 1, field: 'Colour' })]);
    const e2 = await failure(importRecommendations(db, admin, csv([UHRI_HEAD, uhriRow('12.1', 'a'), uhriRow('12.1', 'b'), uhriRow('12.2', 'c', { State: 'Freedonia' }), uhriRow('12.3', 'd', { 'Response (UPR)': 'Maybe' })]), { format: 'uhri', commit: false }));
    expect(e2.details.map((d) => [d.row, d.field])).toEqual([[3, 'Paragraph'], [4, 'State'], [5, 'Response (UPR)']]);
  });
});

describe('Government matrix', () => {
  it('creates with agencies, cluster and translation; updates only what changed; unknown agencies and clusters are errors', async () => {
    await S.createCluster(db, admin, { code: 'AWARE', nameVi: 'Nâng cao nhận thức', nameEn: 'Awareness' });
    const row = { mechanism: 'upr', cycle: 'UPR-IV', document: DOC, paragraph: '20.1', text_en: 'Fictional matrix text.', text_vi: 'Văn bản thử.', position: 'supported_in_part',
      themes: 'Media', communication: 'x', targets: 'T1; T6', cluster: 'AWARE', lead_agency: leadCode, action_category: '4' };
    const p = await importRecommendations(db, admin, await matrix([row]), { format: 'matrix', commit: true });
    expect(p).toMatchObject({ creates: 1, committed: true });
    const [r] = (await S.listRecommendations(db, { q: 'matrix text' })).items;
    expect(r).toMatchObject({ textVi: 'Văn bản thử.', translationVersion: 1, position: 'supported_in_part', communication: true, targets: ['T1', 'T6'], actionCategory: 4, cluster: { code: 'AWARE' }, lead: { name: 'Bộ thử nhập' } });
    const update = await importRecommendations(db, admin, await matrix([{ ...row, text_vi: 'Văn bản thử, sửa.', themes: 'Media; Education' }]), { format: 'matrix', commit: false });
    expect(update.changes).toEqual([expect.objectContaining({ kind: 'update', fields: ['themes', 'textVi'] })]);
    const e = await failure(importRecommendations(db, admin, await matrix([{ ...row, paragraph: '20.2', lead_agency: 'NO-SUCH', co_implementers: 'NOPE', cluster: 'ZZZ' }]), { format: 'matrix', commit: true }));
    expect(e.details.map((d) => d.field).sort()).toEqual(['cluster', 'co_implementers', 'lead_agency']);
    expect((await S.listRecommendations(db, { q: '20.2' })).total).toBe(0);
  });

  it('over HTTP: the office previews and commits; an agency may not import', async () => {
    const file = await matrix([{ mechanism: 'upr', cycle: 'UPR-IV', document: DOC, paragraph: '30.1', text_en: 'Fictional HTTP text.' }]);
    const m = multipart(file, 'm.xlsx');
    const preview = await app.inject({ method: 'POST', url: '/api/recommendations/import?format=matrix', payload: m.payload, headers: { ...m.headers, ...adminSession.headers } });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ creates: 1, committed: false });
    const m2 = multipart(file, 'm.xlsx');
    const commit = await app.inject({ method: 'POST', url: '/api/recommendations/import?format=matrix&commit=true', payload: m2.payload, headers: { ...m2.headers, ...adminSession.headers } });
    expect(commit.json()).toMatchObject({ creates: 1, committed: true });
    const m3 = multipart(file, 'm.xlsx');
    const denied = await app.inject({ method: 'POST', url: '/api/recommendations/import?format=matrix', payload: m3.payload, headers: { ...m3.headers, ...editorSession.headers } });
    expect(denied.statusCode).toBe(403);
    const tpl = await app.inject({ method: 'GET', url: '/api/recommendations/matrix-template.xlsx', headers: adminSession.headers });
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual([...MATRIX_COLUMNS]);
  });
});

describe('matrix export', () => {
  it('exports the matrix columns; imported again, nothing changes (preview and commit)', async () => {
    const co = await makeOrg(db, { code: 'BTT-CO', nameVi: 'Bộ phối hợp thử', kind: 'ministry' });
    await S.createCluster(db, admin, { code: 'ROUND', nameVi: 'Nhóm khứ hồi', nameEn: 'Round trip' });
    const input: Record<string, string>[] = [
      { mechanism: 'upr', cycle: 'UPR-IV', document: DOC, paragraph: '40.60', recommending_states: 'Freedonia; Sylvania (Kingdom of)', text_en: 'Fictional round-trip text, with "quotes"; and a semicolon.',
        text_vi: 'Văn bản khứ hồi thử — có dấu.', position: 'supported_in_part', position_source: 'A/HRC/FICTION/1/Add.1', themes: 'Media; Education', affected_persons: 'Journalists',
        sdg_targets: '16.10; 4.7', action_category: '3', communication: 'x', targets: 'T1; T2a; T6', cluster: 'ROUND', lead_agency: leadCode, co_implementers: 'BTT-CO' },
      { mechanism: 'treaty_body', cycle: 'CCPR-2019', document: 'CCPR/C/FICTION/3', paragraph: '7(b)', text_en: '=SUM(A1) fictional text that looks like a formula.', position: 'noted' },
    ];
    expect(await importRecommendations(db, admin, await matrix(input), { format: 'matrix', commit: true })).toMatchObject({ creates: 2 });
    const before = await count();

    const file = await exportMatrix(db, {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual([...MATRIX_COLUMNS]);
    expect(ws.rowCount - 1).toBe(before); // every recommendation, the three named references included
    const exported = [...Array(ws.rowCount - 1).keys()].map((i) => Object.fromEntries(MATRIX_COLUMNS.map((c, j) => [c, String(ws.getRow(i + 2).getCell(j + 1).value ?? '')])));
    expect(exported.find((r) => r.paragraph === '40.60')).toMatchObject({ cycle: 'UPR-IV', text_vi: 'Văn bản khứ hồi thử — có dấu.', lead_agency: leadCode, co_implementers: 'BTT-CO', cluster: 'ROUND', communication: 'yes', targets: 'T1; T2a; T6', action_category: '3' });
    expect(exported.find((r) => r.paragraph === '7(b)')).toMatchObject({ mechanism: 'treaty_body', text_en: '=SUM(A1) fictional text that looks like a formula.', communication: 'no' });

    const preview = await importRecommendations(db, admin, file, { format: 'matrix', commit: false });
    expect(preview).toMatchObject({ rows: before, creates: 0, updates: 0, unchanged: before });
    const audit = async () => Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from audit_log`))[0]!.n);
    const auditBefore = await audit();
    expect(await importRecommendations(db, admin, file, { format: 'matrix', commit: true })).toMatchObject({ committed: true, updates: 0, unchanged: before });
    expect(await audit()).toBe(auditBefore);

    // An edit in the exported file shows as exactly that change.
    const edited = await matrix(exported.map((r) => (r.paragraph === '40.60' ? { ...r, themes: 'Media', communication: 'no' } : r)));
    expect((await importRecommendations(db, admin, edited, { format: 'matrix', commit: false })).changes.filter((c) => c.kind !== 'unchanged'))
      .toEqual([expect.objectContaining({ label: 'UPR-IV 40.60', kind: 'update', fields: ['themes', 'communication'] })]);
  });

  it('over HTTP, with the list\'s filters', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/recommendations/matrix.xlsx?cycle=CCPR-2019', headers: editorSession.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(2);
    expect(wb.worksheets[0]!.getRow(2).getCell(4).value).toBe('7(b)');
  });
});

describe('UHRI downloads as they come', () => {
  it('reads the column names of real downloads: "Reccomending Body", Symbol, Document Publication Date, "- " lists, ignored extras', async () => {
    const head = ['AnnotationId', 'Countries', 'Text', 'Reccomending Body', 'Symbol', 'Paragraph', 'Cycle', 'Document Publication Date', 'Themes', 'AffectedPersons', 'Regions'];
    const line = ['x-1', 'Viet Nam', 'Fictional fixture from a download.', '- UPR', 'A/HRC/FICTION/DL', '12.1', 'Cycle 4', '2024-09-20', '- Freedom of opinion and expression\n- Human rights education', '- Journalists', '- Asia'];
    const tb = ['x-2', 'Viet Nam', 'Fictional treaty-body fixture.', '- CCPR', 'CCPR/C/FICTION/1', '30', '', '2019-03-29', '- Freedom of expression', '', ''];
    const preview = await importRecommendations(db, admin, csv([head, line, tb]), { format: 'uhri', commit: false });
    expect(preview).toMatchObject({ creates: 2, changes: [{ row: 2, kind: 'create', label: 'UPR-IV 12.1' }, { row: 3, kind: 'create' }] });
    await importRecommendations(db, admin, csv([head, line, tb]), { format: 'uhri', commit: true });
    const [r] = (await S.listRecommendations(db, { q: 'fixture from a download' })).items;
    expect(r).toMatchObject({ mechanism: 'upr', cycle: 'UPR-IV', paragraph: '12.1', themes: ['Freedom of opinion and expression', 'Human rights education'], affectedPersons: ['Journalists'] });
    const [t] = (await S.listRecommendations(db, { q: 'treaty-body fixture' })).items;
    expect(t).toMatchObject({ mechanism: 'treaty_body', cycle: 'CCPR-2019', sourceDocument: 'CCPR/C/FICTION/1' });
  });
});
