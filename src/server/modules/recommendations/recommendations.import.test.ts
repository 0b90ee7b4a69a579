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
import type { ProgressReporter } from '../../kernel/progress.js';
import { exportMatrix, importRecommendations, MATRIX_COLUMNS } from './recommendations.import.js';
import * as S from './recommendations.service.js';
import * as SEdit from './recommendations.edit.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
let admin: Actor;
let adminSession: Session, editorSession: Session;
let leadCode: string;

const DOC = 'A/HRC/FICTION/1';
const csv = (lines: string[][]) => Buffer.from(lines.map((l) => l.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n'));
const UHRI_HEAD = [
  'State',
  'Text',
  'SDG Targets',
  'Groups',
  'Themes',
  'Mechanism',
  'Response (UPR)',
  'Recommending State (UPR)',
  'Document Code',
  'Paragraph',
  'Cycle',
];
const uhriRow = (para: string, text: string, extra: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    State: 'Viet Nam',
    Text: text,
    'SDG Targets': '16.10 - Public access to information; 4.7 - Education',
    Groups: 'Journalists; Children',
    Themes: 'Freedom of expression',
    Mechanism: 'Universal Periodic Review',
    'Response (UPR)': 'Supported',
    'Recommending State (UPR)': 'Freedonia; Sylvania',
    'Document Code': DOC,
    Paragraph: para,
    Cycle: 'Cycle 4',
    ...extra,
  };
  return UHRI_HEAD.map((h) => base[h] ?? '');
};
const count = async () => Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from recommendations`))[0]!.n);
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; details: { row?: number; field: string; message: string }[] };
  }
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
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  const t = await testApp();
  app = t.app;
  db = t.db;
  const org = await makeOrg(db, { code: 'BTT-IMP', nameVi: 'Bộ thử nhập', kind: 'ministry', isStateAdminAgency: true });
  leadCode = org.code;
  const a = await makeUser(db, 'admin');
  const e = await makeUser(db, 'editor', org.id);
  admin = { userId: a.id, name: a.username, role: 'admin', organisationId: null, via: 'api' };
  adminSession = await signIn(app, a.username, a.password);
  editorSession = await signIn(app, e.username, e.password);
});

describe('UHRI export', () => {
  it('previews, then writes; a second import of the same file changes nothing', async () => {
    const file = csv([
      UHRI_HEAD,
      uhriRow('10.1', 'Fictional fixture one.'),
      uhriRow('10.2', 'Fictional fixture two.', { 'Response (UPR)': 'Noted' }),
    ]);
    const before = await count();
    const preview = await importRecommendations(db, admin, file, { format: 'uhri', commit: false });
    expect(preview).toMatchObject({
      committed: false,
      creates: 2,
      updates: 0,
      changes: [
        { row: 2, kind: 'create', label: 'UPR-IV 10.1' },
        { row: 3, kind: 'create' },
      ],
    });
    expect(await count()).toBe(before);
    expect((await importRecommendations(db, admin, file, { format: 'uhri', commit: true })).committed).toBe(true);
    const [r] = (await S.listRecommendations(db, { q: 'fixture one' })).items;
    expect(r).toMatchObject({
      cycle: 'UPR-IV',
      sourceDocument: DOC,
      paragraph: '10.1',
      textEn: 'Fictional fixture one.',
      position: 'supported',
      recommendingStates: ['Freedonia', 'Sylvania'],
      themes: ['Freedom of expression'],
      affectedPersons: ['Journalists', 'Children'],
      sdgTargets: ['16.10', '4.7'],
    });
    expect(r!.textEnSource).toContain('Universal Human Rights Index');
    const again = await importRecommendations(db, admin, file, { format: 'uhri', commit: false });
    expect(again).toMatchObject({ creates: 0, updates: 0, unchanged: 2 });
  });

  it('tells how far it is: rows read, matched, then written of those that change', async () => {
    const seen: [string, number, number | null][] = [];
    const progress: ProgressReporter = {
      report: (stage, done, total = null) => void seen.push([stage, done, total]),
      step: async (stage, done, total = null) => void seen.push([stage, done, total]),
      finish: () => undefined,
    };
    const file = csv([UHRI_HEAD, uhriRow('97.1', 'Fictional progress one.'), uhriRow('97.2', 'Fictional progress two.')]);
    await importRecommendations(db, admin, file, { format: 'uhri', commit: true, progress });
    expect(seen.find((s) => s[0] === 'read')).toEqual(['read', 2, 2]);
    expect(seen.filter((s) => s[0] === 'match').at(-1)).toEqual(['match', 2, 2]);
    expect(seen.filter((s) => s[0] === 'write').at(-1)).toEqual(['write', 2, 2]);
    // Again: nothing changes, so nothing is written (0 of 0).
    seen.length = 0;
    await importRecommendations(db, admin, file, { format: 'uhri', commit: true, progress });
    expect(seen.filter((s) => s[0] === 'write')).toEqual([['write', 0, 0]]);
  });

  it('refuses a changed original text as a conflict on its row, and writes nothing of the file', async () => {
    await importRecommendations(db, admin, csv([UHRI_HEAD, uhriRow('11.1', 'Fictional original.')]), { format: 'uhri', commit: true });
    const before = await count();
    const e = await failure(
      importRecommendations(
        db,
        admin,
        csv([UHRI_HEAD, uhriRow('11.2', 'A new fictional row.'), uhriRow('11.1', 'Fictional original, edited.')]),
        { format: 'uhri', commit: true },
      ),
    );
    expect(e.code).toBe('import_invalid');
    expect(e.details).toEqual([expect.objectContaining({ row: 3, field: 'Text', message: expect.stringMatching(/conflict/) })]);
    expect(await count()).toBe(before);
  });

  it('names unknown columns, duplicate paragraphs, other States and bad positions', async () => {
    const e1 = await failure(
      importRecommendations(
        db,
        admin,
        csv([
          [...UHRI_HEAD, 'Colour'],
          [...uhriRow('12.1', 'x'), 'red'],
        ]),
        { format: 'uhri', commit: false },
      ),
    );
    expect(e1.details).toEqual([expect.objectContaining({ row: 1, field: 'Colour' })]);
    const e2 = await failure(
      importRecommendations(
        db,
        admin,
        csv([
          UHRI_HEAD,
          uhriRow('12.1', 'a'),
          uhriRow('12.1', 'b'),
          uhriRow('12.2', 'c', { State: 'Freedonia' }),
          uhriRow('12.3', 'd', { 'Response (UPR)': 'Maybe' }),
        ]),
        { format: 'uhri', commit: false },
      ),
    );
    expect(e2.details.map((d) => [d.row, d.field])).toEqual([
      [3, 'Paragraph'],
      [4, 'State'],
      [5, 'Response (UPR)'],
    ]);
  });
});

describe('Government matrix', () => {
  it('creates with agencies, cluster and translation; updates only what changed; unknown agencies and clusters are errors', async () => {
    await SEdit.createCluster(db, admin, { code: 'AWARE', nameVi: 'Nâng cao nhận thức', nameEn: 'Awareness' });
    const row = {
      mechanism: 'upr',
      cycle: 'UPR-IV',
      document: DOC,
      paragraph: '20.1',
      text_en: 'Fictional matrix text.',
      text_vi: 'Văn bản thử.',
      position: 'supported_in_part',
      themes: 'Media',
      communication: 'x',
      targets: 'T1; T6',
      cluster: 'AWARE',
      lead_agency: leadCode,
      action_category: '4',
    };
    const p = await importRecommendations(db, admin, await matrix([row]), { format: 'matrix', commit: true });
    expect(p).toMatchObject({ creates: 1, committed: true });
    const [r] = (await S.listRecommendations(db, { q: 'matrix text' })).items;
    expect(r).toMatchObject({
      textVi: 'Văn bản thử.',
      translationVersion: 1,
      position: 'supported_in_part',
      communication: true,
      targets: ['T1', 'T6'],
      actionCategory: 4,
      cluster: { code: 'AWARE' },
      lead: { name: 'Bộ thử nhập' },
    });
    const update = await importRecommendations(
      db,
      admin,
      await matrix([{ ...row, text_vi: 'Văn bản thử, sửa.', themes: 'Media; Education' }]),
      { format: 'matrix', commit: false },
    );
    expect(update.changes).toEqual([expect.objectContaining({ kind: 'update', fields: ['themes', 'textVi'] })]);
    const e = await failure(
      importRecommendations(
        db,
        admin,
        await matrix([{ ...row, paragraph: '20.2', lead_agency: 'NO-SUCH', co_implementers: 'NOPE', cluster: 'ZZZ' }]),
        { format: 'matrix', commit: true },
      ),
    );
    expect(e.details.map((d) => d.field).sort()).toEqual(['cluster', 'co_implementers', 'lead_agency']);
    expect((await S.listRecommendations(db, { q: '20.2' })).total).toBe(0);
  });

  it('over HTTP: the office previews and commits; an agency may not import', async () => {
    const file = await matrix([{ mechanism: 'upr', cycle: 'UPR-IV', document: DOC, paragraph: '30.1', text_en: 'Fictional HTTP text.' }]);
    const m = multipart(file, 'm.xlsx');
    const preview = await app.inject({
      method: 'POST',
      url: '/api/recommendations/import?format=matrix',
      payload: m.payload,
      headers: { ...m.headers, ...adminSession.headers },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ creates: 1, committed: false });
    const m2 = multipart(file, 'm.xlsx');
    const commit = await app.inject({
      method: 'POST',
      url: '/api/recommendations/import?format=matrix&commit=true',
      payload: m2.payload,
      headers: { ...m2.headers, ...adminSession.headers },
    });
    expect(commit.json()).toMatchObject({ creates: 1, committed: true });
    const m3 = multipart(file, 'm.xlsx');
    const denied = await app.inject({
      method: 'POST',
      url: '/api/recommendations/import?format=matrix',
      payload: m3.payload,
      headers: { ...m3.headers, ...editorSession.headers },
    });
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
    await makeOrg(db, { code: 'BTT-CO', nameVi: 'Bộ phối hợp thử', kind: 'ministry' });
    await SEdit.createCluster(db, admin, { code: 'ROUND', nameVi: 'Nhóm khứ hồi', nameEn: 'Round trip' });
    const input: Record<string, string>[] = [
      {
        mechanism: 'upr',
        cycle: 'UPR-IV',
        document: DOC,
        paragraph: '40.60',
        recommending_states: 'Freedonia; Sylvania (Kingdom of)',
        text_en: 'Fictional round-trip text, with "quotes"; and a semicolon.',
        text_vi: 'Văn bản khứ hồi thử — có dấu.',
        position: 'supported_in_part',
        position_source: 'A/HRC/FICTION/1/Add.1',
        themes: 'Media; Education',
        affected_persons: 'Journalists',
        sdg_targets: '16.10; 4.7',
        action_category: '3',
        communication: 'x',
        targets: 'T1; T2a; T6',
        cluster: 'ROUND',
        lead_agency: leadCode,
        co_implementers: 'BTT-CO',
      },
      {
        mechanism: 'treaty_body',
        cycle: 'CCPR-2019',
        document: 'CCPR/C/FICTION/3',
        paragraph: '7(b)',
        text_en: '=SUM(A1) fictional text that looks like a formula.',
        position: 'noted',
      },
    ];
    expect(await importRecommendations(db, admin, await matrix(input), { format: 'matrix', commit: true })).toMatchObject({ creates: 2 });
    const before = await count();

    const file = await exportMatrix(db, {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual([...MATRIX_COLUMNS]);
    expect(ws.rowCount - 1).toBe(before); // every recommendation, the three named references included
    const exported = [...Array(ws.rowCount - 1).keys()].map((i) =>
      Object.fromEntries(MATRIX_COLUMNS.map((c, j) => [c, String(ws.getRow(i + 2).getCell(j + 1).value ?? '')])),
    );
    expect(exported.find((r) => r.paragraph === '40.60')).toMatchObject({
      cycle: 'UPR-IV',
      text_vi: 'Văn bản khứ hồi thử — có dấu.',
      lead_agency: leadCode,
      co_implementers: 'BTT-CO',
      cluster: 'ROUND',
      communication: 'yes',
      targets: 'T1; T2a; T6',
      action_category: '3',
    });
    expect(exported.find((r) => r.paragraph === '7(b)')).toMatchObject({
      mechanism: 'treaty_body',
      text_en: '=SUM(A1) fictional text that looks like a formula.',
      communication: 'no',
    });

    const preview = await importRecommendations(db, admin, file, { format: 'matrix', commit: false });
    expect(preview).toMatchObject({ rows: before, creates: 0, updates: 0, unchanged: before });
    const audit = async () => Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from audit_log`))[0]!.n);
    const auditBefore = await audit();
    expect(await importRecommendations(db, admin, file, { format: 'matrix', commit: true })).toMatchObject({
      committed: true,
      updates: 0,
      unchanged: before,
    });
    expect(await audit()).toBe(auditBefore);

    // An edit in the exported file shows as exactly that change.
    const edited = await matrix(exported.map((r) => (r.paragraph === '40.60' ? { ...r, themes: 'Media', communication: 'no' } : r)));
    expect(
      (await importRecommendations(db, admin, edited, { format: 'matrix', commit: false })).changes.filter((c) => c.kind !== 'unchanged'),
    ).toEqual([expect.objectContaining({ label: 'UPR-IV 40.60', kind: 'update', fields: ['themes', 'communication'] })]);
  });

  it("over HTTP, with the list's filters", async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/recommendations/matrix.xlsx?cycle=CCPR-2019',
      headers: editorSession.headers,
    });
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
    const head = [
      'AnnotationId',
      'Countries',
      'Text',
      'Reccomending Body',
      'Symbol',
      'Paragraph',
      'Cycle',
      'Document Publication Date',
      'Themes',
      'AffectedPersons',
      'Regions',
    ];
    const line = [
      'x-1',
      'Viet Nam',
      'Fictional fixture from a download.',
      '- UPR',
      'A/HRC/FICTION/DL',
      '12.1',
      'Cycle 4',
      '2024-09-20',
      '- Freedom of opinion and expression\n- Human rights education',
      '- Journalists',
      '- Asia',
    ];
    const tb = [
      'x-2',
      'Viet Nam',
      'Fictional treaty-body fixture.',
      '- CCPR',
      'CCPR/C/FICTION/1',
      '30',
      '',
      '2019-03-29',
      '- Freedom of expression',
      '',
      '',
    ];
    const preview = await importRecommendations(db, admin, csv([head, line, tb]), { format: 'uhri', commit: false });
    expect(preview).toMatchObject({
      creates: 2,
      changes: [
        { row: 2, kind: 'create', label: 'UPR-IV 12.1' },
        { row: 3, kind: 'create' },
      ],
    });
    await importRecommendations(db, admin, csv([head, line, tb]), { format: 'uhri', commit: true });
    const [r] = (await S.listRecommendations(db, { q: 'fixture from a download' })).items;
    expect(r).toMatchObject({
      mechanism: 'upr',
      cycle: 'UPR-IV',
      paragraph: '12.1',
      themes: ['Freedom of opinion and expression', 'Human rights education'],
      affectedPersons: ['Journalists'],
    });
    const [t] = (await S.listRecommendations(db, { q: 'treaty-body fixture' })).items;
    expect(t).toMatchObject({ mechanism: 'treaty_body', cycle: 'CCPR-2019', sourceDocument: 'CCPR/C/FICTION/1' });
  });
});

describe("the State, UHRI's SDG labels and unknown values (issue 16, finding 13)", () => {
  const NO_STATE = UHRI_HEAD.filter((h) => h !== 'State');
  const withoutState = (para: string, text: string) => uhriRow(para, text).filter((_, i) => UHRI_HEAD[i] !== 'State');

  it("refuses a file without a State column, unless the office confirms that every row is Viet Nam's", async () => {
    const file = csv([NO_STATE, withoutState('50.1', 'Fictional row of a file without a State.')]);
    const before = await count();
    const e = await failure(importRecommendations(db, admin, file, { format: 'uhri', commit: true }));
    expect(e.code).toBe('import_invalid');
    expect(e.details).toEqual([
      expect.objectContaining({ row: 1, field: 'State', message: expect.stringMatching(/missing column "State".*confirm/) }),
    ]);
    expect(await count()).toBe(before);
    expect(await importRecommendations(db, admin, file, { format: 'uhri', commit: true, stateConfirmed: true })).toMatchObject({
      creates: 1,
      committed: true,
    });
    // Over HTTP the confirmation is the query's stateConfirmed=true.
    const again = csv([NO_STATE, withoutState('50.2', 'Another fictional row without a State.')]);
    const m = multipart(again, 'uhri.csv');
    const refused = await app.inject({
      method: 'POST',
      url: '/api/recommendations/import?format=uhri',
      payload: m.payload,
      headers: { ...m.headers, ...adminSession.headers },
    });
    expect(refused.statusCode).toBe(422);
    const m2 = multipart(again, 'uhri.csv');
    const confirmed = await app.inject({
      method: 'POST',
      url: '/api/recommendations/import?format=uhri&stateConfirmed=true',
      payload: m2.payload,
      headers: { ...m2.headers, ...adminSession.headers },
    });
    expect(confirmed.json()).toMatchObject({ creates: 1 });
  });

  it('refuses each row of another State, or of none, naming the row; Viet Nam as UHRI and people write it passes', async () => {
    const file = csv([
      UHRI_HEAD,
      uhriRow('51.1', 'Fictional a.', { State: '- Viet Nam' }),
      uhriRow('51.2', 'Fictional b.', { State: 'Việt Nam' }),
      uhriRow('51.3', 'Fictional c.', { State: 'Vietnam' }),
      uhriRow('51.4', 'Fictional d.', { State: 'Freedonia' }),
      uhriRow('51.5', 'Fictional e.', { State: '' }),
      uhriRow('51.6', 'Fictional f.', { State: '- Freedonia\n- Viet Nam' }),
    ]);
    const e = await failure(importRecommendations(db, admin, file, { format: 'uhri', commit: false }));
    expect(e.details.map((d) => [d.row, d.field, d.message])).toEqual([
      [5, 'State', 'a recommendation to Freedonia, not to Viet Nam'],
      [6, 'State', expect.stringMatching(/no State/)],
    ]);
  });

  it('maps SDGs as UHRI writes them ("16 - PEACE, JUSTICE …" → 16) and refuses an unknown one with its row and column', async () => {
    const goals = uhriRow('52.1', 'Fictional SDG fixture.', {
      'SDG Targets':
        '- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS\n- 16.10 - Ensure public access to information\n- 4 - QUALITY EDUCATION\n- 5 - GENDER EQUALITY\n- 5.1 - End all forms of discrimination',
    });
    await importRecommendations(db, admin, csv([UHRI_HEAD, goals]), { format: 'uhri', commit: true });
    const [r] = (await S.listRecommendations(db, { q: 'SDG fixture' })).items;
    // A goal is kept when none of its targets is listed (16 and 5 are implied by 16.10 and 5.1).
    expect(r!.sdgTargets).toEqual(['16.10', '4', '5.1']);
    const head = [...UHRI_HEAD, 'SDG Goals'];
    const bad = csv([
      head,
      [...uhriRow('52.2', 'Fictional bad SDG.', { 'SDG Targets': '16.10 - Ensure public access; perhaps' }), '18 - NOT A GOAL'],
    ]);
    const e = await failure(importRecommendations(db, admin, bad, { format: 'uhri', commit: false }));
    expect(e.details.map((d) => [d.row, d.field, d.message])).toEqual([
      [2, 'SDG Goals', expect.stringContaining('"18 - NOT A GOAL" is not an SDG goal')],
      [2, 'SDG Targets', expect.stringContaining('"perhaps" is not an SDG goal')],
    ]);
  });

  it('refuses a matrix value it does not know (communication "perhaps") with its row and column', async () => {
    const row = { mechanism: 'upr', cycle: 'UPR-IV', document: DOC, paragraph: '53.1', text_en: 'Fictional communication fixture.' };
    const e = await failure(
      importRecommendations(
        db,
        admin,
        await matrix([
          { ...row, communication: 'yes' },
          { ...row, paragraph: '53.2', communication: 'perhaps' },
          { ...row, paragraph: '53.3', communication: 'không' },
        ]),
        { format: 'matrix', commit: false },
      ),
    );
    expect(e.details).toEqual([{ row: 3, field: 'communication', message: 'unknown value "perhaps": yes (x, có) or no (không)' }]);
    expect(
      await importRecommendations(
        db,
        admin,
        await matrix([
          { ...row, communication: 'Có' },
          { ...row, paragraph: '53.3', communication: 'không' },
        ]),
        { format: 'matrix', commit: true },
      ),
    ).toMatchObject({ creates: 2 });
    expect(
      (await S.listRecommendations(db, { q: 'communication fixture' })).items.map((x) => [x.paragraph, x.communication]).sort(),
    ).toEqual([
      ['53.1', true],
      ['53.3', false],
    ]);
  });

  it('reads a workbook shaped like UHRI\'s own "Export to Excel": paragraph from the text, cycle from the session, Excel date serials, "- " lists', async () => {
    // The columns, their order and their quirks as UHRI's export writes them (the misspelt "Reccomending", "- " before
    // each value, lists one a line, the publication date as an Excel serial day). Every text is a fictional fixture.
    const HEAD = [
      'Text',
      'Countries Concerned',
      'Reccomending Body',
      'Document Symbol',
      'Themes',
      'Affected Persons',
      'Sdgs',
      'Document Publication Date',
      'UPR Reccomending States',
      'UPR Position',
      'Type',
      'OHCHR Annotation Id',
      'UPR Session',
      'Regions Concerned',
      'Recommending Regions',
      'Date of publication on UHRI',
    ];
    const upr = [
      '115.7 Fictional export fixture: strengthen access to information (Freedonia);',
      '- Viet Nam',
      '- UPR',
      'A/HRC/FICTION/46/9',
      '- Freedom of opinion and expression\n- Access to information',
      '- Journalists\n- Human rights defenders',
      '- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS\n- 16.10 - Ensure public access to information and protect fundamental freedoms\n- 4 - QUALITY EDUCATION',
      45405,
      '- Freedonia',
      '- Supported',
      '- Recommendation',
      'b4288060-0000-4000-8000-000000000001',
      '46th Session',
      '- Asia-Pacific',
      '- Western European and Others',
      45500.42,
    ];
    const tb = [
      'Fictional export fixture of a treaty body, paragraph given in the text below.',
      '- Viet Nam',
      '- CCPR',
      'CCPR/C/FICTION/3',
      '- Freedom of expression',
      '',
      '',
      43553,
      '',
      '',
      '- Recommendation',
      'b4288060-0000-4000-8000-000000000002',
      '',
      '- Asia-Pacific',
      '',
      45500.42,
    ];
    const book = async (lines: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Export');
      ws.addRow(HEAD);
      for (const l of lines) ws.addRow(l);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    // The treaty-body row has no paragraph number in its text: named on its row.
    const e = await failure(importRecommendations(db, admin, await book([upr, tb]), { format: 'uhri', commit: false }));
    expect(e.details.map((d) => [d.row, d.field])).toEqual([[3, 'Paragraph']]);
    const tbNumbered = ['12. Fictional export fixture of a treaty body.', ...tb.slice(1)];
    const preview = await importRecommendations(db, admin, await book([upr, tbNumbered]), { format: 'uhri', commit: false });
    expect(preview.changes.map((c) => [c.row, c.kind, c.label])).toEqual([
      [2, 'create', 'UPR-IV 115.7'],
      [3, 'create', 'CCPR-2019 12'],
    ]);
    await importRecommendations(db, admin, await book([upr, tbNumbered]), { format: 'uhri', commit: true });
    const [r] = (await S.listRecommendations(db, { q: 'strengthen access to information' })).items;
    expect(r).toMatchObject({
      mechanism: 'upr',
      cycle: 'UPR-IV',
      sourceDocument: 'A/HRC/FICTION/46/9',
      paragraph: '115.7',
      position: 'supported',
      recommendingStates: ['Freedonia'],
      textEn: 'Fictional export fixture: strengthen access to information (Freedonia);',
      themes: ['Freedom of opinion and expression', 'Access to information'],
      affectedPersons: ['Journalists', 'Human rights defenders'],
      sdgTargets: ['16.10', '4'],
    });
    // A row of another State, a concern (not a recommendation) and an unknown SDG, named by the file's own columns.
    const other = [...upr];
    other[0] = '115.8 Fictional other State.';
    other[1] = '- Freedonia';
    const concern = [...upr];
    concern[0] = '115.9 Fictional concern.';
    concern[10] = '- Concerns/Observations';
    concern[6] = '- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS\n- perhaps';
    const e2 = await failure(importRecommendations(db, admin, await book([other, concern]), { format: 'uhri', commit: false }));
    expect(e2.details.map((d) => [d.row, d.field])).toEqual([
      [2, 'Countries Concerned'],
      [3, 'Type'],
      [3, 'Sdgs'],
    ]);
  });
});
