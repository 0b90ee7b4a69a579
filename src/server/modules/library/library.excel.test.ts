// Bulk entry of library products: the template (header, help sheet, drop-down lists); a good file (books with their
// ISBNs, refs between rows in any order, languages, audiences, topics, ids and ISBNs of products already stored)
// creates every product with its fields; a bad file lists every bad row by row number and column and writes nothing;
// an editor's rows for another province are refused; an export of a filtered list imports again as updates
// (unchanged rows untouched, missing columns kept).
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { FieldIssue, Organisation } from '../../../shared/contracts/directory.js';
import type { Product } from '../../../shared/contracts/library.js';
import { LIBRARY_COLUMNS } from './library.excel.columns.js';
import { hyphenateIsbn13, isbn13CheckDigit } from './library.isbn.js';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Session, editorA: Session, viewer: Session;
let provA: Organisation, deptA: Organisation, provB: Organisation;

/** A valid ISBN-13 of Viet Nam's group, hyphenated, from a 6-digit number. */
const isbn = (n: number) => {
  const first12 = `978604${String(n).padStart(6, '0')}`;
  return hyphenateIsbn13(first12 + isbn13CheckDigit(first12));
};

type Cells = Record<string, string | number>;
async function xlsx(rows: Cells[], header: string[] = LIBRARY_COLUMNS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('products');
  ws.addRow(header);
  for (const r of rows) ws.addRow(header.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(buf: Buffer) {
  const boundary = '----rh' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="library.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (s: Session, buf: Buffer) => {
  const m = multipart(buf);
  return t.app.inject({ method: 'POST', url: '/api/library/import', headers: { ...s.headers, ...m.headers }, payload: m.payload });
};
const get = (s: Session | null, url: string) => t.app.inject({ method: 'GET', url, headers: s?.headers ?? {} });
const count = async () => (await get(admin, '/api/library/products?limit=1')).json().total as number;
const auditCount = async () => (await get(admin, '/api/audit?entity=library_product&limit=1')).json().total as number;
const productsOf = async (orgId: number): Promise<Product[]> =>
  (await get(admin, `/api/library/products?organisationId=${orgId}&limit=200`)).json().items;
const byTitle = (list: Product[], title: string) => {
  const p = list.find((x) => x.texts[0]?.title === title);
  if (!p) throw new Error(`no product «${title}»`);
  return p;
};
async function readSheet(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  t = await testApp();
  provA = await makeOrg(t.db, {
    code: 'UBND-48',
    nameVi: 'Ủy ban nhân dân thành phố Đà Nẵng',
    kind: 'provincial_committee',
    provinceCode: '48',
    isStateAdminAgency: true,
  });
  deptA = await makeOrg(t.db, { code: 'BAO-48', nameVi: 'Báo Đà Nẵng', kind: 'press', parentId: provA.id, provinceCode: '48' });
  provB = await makeOrg(t.db, {
    code: 'UBND-56',
    nameVi: 'Ủy ban nhân dân tỉnh Khánh Hòa',
    kind: 'provincial_committee',
    provinceCode: '56',
    isStateAdminAgency: true,
  });
  const session = async (role: 'admin' | 'editor' | 'viewer', org: number | null = null) => {
    const u = await makeUser(t.db, role, org);
    return signIn(t.app, u.username, u.password);
  };
  admin = await session('admin');
  editorA = await session('editor', provA.id);
  viewer = await session('viewer');
});

describe('the template', () => {
  it('has the header row, the help sheet in Vietnamese and English, and drop-down lists', async () => {
    expect((await get(null, '/api/library/import-template.xlsx')).statusCode).toBe(401);
    const r = await get(editorA, '/api/library/import-template.xlsx');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = await readSheet(r.rawPayload);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual(LIBRARY_COLUMNS);
    expect(LIBRARY_COLUMNS).toEqual(
      expect.arrayContaining([
        'ref',
        'kind',
        'organisation_code',
        'languages',
        'title_1_lang',
        'title_1',
        'description_1',
        'title_3',
        'audiences',
        'topics',
        'isbn',
        'edition',
        'edition_of',
        'translation_of',
        'part_of',
        'status',
      ]),
    );
    const help = wb.getWorksheet('Hướng dẫn - Help')!;
    expect(help).toBeTruthy();
    const text: string[] = [];
    help.eachRow((row) => text.push((row.values as unknown[]).slice(1).map(String).join(' | ')));
    const all = text.join('\n');
    for (const s of [
      'book | Sách | Book',
      'online_press | Báo điện tử | Online press',
      '3 | Báo chí trong và ngoài nước | Domestic and international press',
      'vie | Tiếng Việt | Vietnamese',
      'children | Quyền trẻ em',
      'republication | Tái bản',
      'BAO-48 | Báo Đà Nẵng',
      'Mã tham chiếu',
      "The row's own reference",
    ]) {
      expect(all, s).toContain(s);
    }
    expect(all).not.toContain('UBND-56'); // an editor's template lists their organisations only
    // Drop-down lists on the kind and language columns (exceljs reads them per cell).
    const dv = (ws as unknown as { dataValidations: { find(a: string): { type: string; formulae: string[] } | undefined } })
      .dataValidations;
    const col = (c: string) => ws.getColumn(LIBRARY_COLUMNS.indexOf(c) + 1).letter;
    expect(dv.find(`${col('kind')}2`)).toMatchObject({ type: 'list' });
    expect(dv.find(`${col('title_1_lang')}500`)?.formulae[0]).toContain('Help');
    expect(dv.find(`${col('status')}2`)?.formulae[0]).toBe('"draft,published"');
  });
});

describe('the import', () => {
  it('creates every product of a good file: books, refs in any order, languages, audiences, topics, stored products by id and ISBN', async () => {
    // Stored already: a book (named by its ISBN) and a series (named by its id).
    const stored = (
      await t.app.inject({
        method: 'POST',
        url: '/api/library/products',
        headers: admin.headers,
        payload: {
          kind: 'book',
          organisationId: deptA.id,
          channel: 'print',
          date: '2020-05-01',
          languages: ['vie'],
          texts: [{ language: 'vie', title: 'Sách đã có' }],
          book: { isbn: isbn(900) },
        },
      })
    ).json() as Product;
    const series = (
      await t.app.inject({
        method: 'POST',
        url: '/api/library/products',
        headers: admin.headers,
        payload: {
          kind: 'other',
          organisationId: deptA.id,
          channel: 'website',
          date: '2024-01-01',
          languages: ['vie'],
          texts: [{ language: 'vie', title: 'Tủ sách quyền con người' }],
        },
      })
    ).json() as Product;
    const before = await count();
    const rows: Cells[] = [
      // The re-publication comes before its first edition, the translation before its original.
      {
        ref: 'B2',
        kind: 'book',
        organisation_code: 'BAO-48',
        date: '2025-03-01',
        channel: 'print',
        languages: 'vie',
        title_1: 'Quyền con người (tái bản)',
        isbn: isbn(2),
        publisher: 'NXB Chính trị quốc gia Sự thật',
        year: 2025,
        pages: 320,
        edition: 'republication',
        edition_of: 'B1',
        part_of: String(series.id),
      },
      {
        ref: 'EN1',
        kind: 'book',
        organisation_code: 'bao-48',
        date: '2024-06-01',
        channel: 'print',
        languages: 'eng',
        title_1_lang: 'eng',
        title_1: 'Human rights: questions and answers',
        translation_of: 'B1',
        isbn: isbn(3),
        audiences: '5;6',
        status: 'published',
      },
      {
        ref: 'B1',
        kind: 'book',
        organisation_code: 'BAO-48',
        date: '2023-01-15',
        channel: 'print',
        languages: 'vie',
        title_1: 'Quyền con người: hỏi và đáp',
        description_1: 'Sách hỏi đáp',
        title_2_lang: 'eng',
        title_2: 'Human rights: Q&A',
        isbn: isbn(1),
        publisher: 'NXB Tư pháp',
        year: 2023,
        pages: 200,
        edition: 'first',
      },
      {
        ref: 'V1',
        kind: 'video',
        organisation_code: 'BAO-48',
        date: '15/02/2026',
        channel: 'social_media',
        languages: 'vie;khm',
        title_1: 'Phóng sự: trẻ em vùng cao',
        audiences: '1;3',
        topics: 'children;women',
        url: 'https://example.org/video',
        part_of: 'SER',
        status: 'published',
        licence: 'CC BY 4.0',
        rights: 'Báo Đà Nẵng',
      },
      {
        ref: 'V2',
        kind: 'video',
        organisation_code: 'BAO-48',
        date: '2026-03-01',
        channel: 'television',
        languages: 'vie',
        title_1: 'Phóng sự: trẻ em vùng cao (bản truyền hình)',
        edition_of: 'v1',
      }, // edition_of of a product that is not a book: a plain relation; refs ignore case
      {
        ref: 'SER',
        kind: 'other',
        organisation_code: 'BAO-48',
        date: '2026-01-01',
        channel: 'website',
        languages: 'vie',
        title_1: 'Loạt phóng sự vùng cao',
      },
      {
        ref: 'B3',
        kind: 'book',
        organisation_code: 'BAO-48',
        date: '2026-04-01',
        channel: 'print',
        languages: 'vie',
        title_1: 'Sách đã có (tái bản)',
        edition: 'republication',
        edition_of: isbn(900).replace(/-/g, ''),
        isbn: isbn(4),
      },
    ];
    const r = await upload(editorA, await xlsx(rows));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ created: 7, updated: 0, published: 2, unchanged: 0, rows: 7 });
    expect(await count()).toBe(before + 7);

    const list = await productsOf(deptA.id);
    const b1 = byTitle(list, 'Quyền con người: hỏi và đáp'),
      b2 = byTitle(list, 'Quyền con người (tái bản)'),
      en = byTitle(list, 'Human rights: questions and answers');
    const v1 = byTitle(list, 'Phóng sự: trẻ em vùng cao'),
      ser = byTitle(list, 'Loạt phóng sự vùng cao'),
      b3 = byTitle(list, 'Sách đã có (tái bản)');
    expect(b1).toMatchObject({
      kind: 'book',
      status: 'draft',
      organisationId: deptA.id,
      date: '2023-01-15',
      channel: 'print',
      texts: [
        { language: 'vie', title: 'Quyền con người: hỏi và đáp', description: 'Sách hỏi đáp' },
        { language: 'eng', title: 'Human rights: Q&A', description: null },
      ],
      book: {
        isbn: isbn(1).replace(/-/g, ''),
        isbnHyphenated: isbn(1),
        publisher: 'NXB Tư pháp',
        year: 2023,
        pages: 200,
        edition: 'first',
        editionOfId: null,
        titleRootId: b1.id,
      },
    });
    expect(b2.book).toMatchObject({ edition: 'republication', editionOfId: b1.id, titleRootId: b1.id, pages: 320 });
    expect(b2.relations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'edition_of', direction: 'out', id: b1.id }),
        expect.objectContaining({ kind: 'part_of', direction: 'out', id: series.id }),
      ]),
    );
    expect(en).toMatchObject({
      status: 'published',
      audiences: [5, 6],
      languages: [expect.objectContaining({ code: 'eng' })],
      texts: [{ language: 'eng' }],
    });
    expect(en.publishedAt).not.toBeNull();
    expect(en.relations).toEqual([expect.objectContaining({ kind: 'translation_of', direction: 'out', id: b1.id })]);
    expect(v1).toMatchObject({
      kind: 'video',
      status: 'published',
      date: '2026-02-15',
      channel: 'social_media',
      digital: true,
      audiences: [1, 3],
      url: 'https://example.org/video',
      licence: 'CC BY 4.0',
      rights: 'Báo Đà Nẵng',
      book: null,
    });
    expect(v1.languages.map((l) => l.code).sort()).toEqual(['khm', 'vie']);
    expect(v1.topics.map((x) => x.code).sort()).toEqual(['children', 'women']);
    expect(v1.relations.filter((x) => x.direction === 'out')).toEqual([expect.objectContaining({ kind: 'part_of', id: ser.id })]);
    expect(ser.relations).toEqual([expect.objectContaining({ kind: 'part_of', direction: 'in', id: v1.id })]);
    expect(byTitle(list, 'Phóng sự: trẻ em vùng cao (bản truyền hình)')).toMatchObject({
      book: null,
      relations: [expect.objectContaining({ kind: 'edition_of', direction: 'out', id: v1.id })],
    });
    expect(b3.book).toMatchObject({ edition: 'republication', editionOfId: stored.id, titleRootId: stored.id });
    // Searchable like any product, and audited as an import.
    const found = await get(viewer, `/api/library/products?q=${encodeURIComponent('tre em vung cao')}`);
    expect(found.json().items.map((p: Product) => p.id)).toContain(v1.id);
    const audit = await get(admin, `/api/audit?entity=library_product&entityId=${v1.id}`);
    expect(
      audit
        .json()
        .items.map((a: { action: string; via: string }) => `${a.action}/${a.via}`)
        .sort(),
    ).toEqual(['create/import', 'publish/import']);
  });

  it('lists every bad row with its row number and column, with the ISBN suggestion, and writes nothing', async () => {
    const before = await count();
    const audits = await auditCount();
    const ok = {
      kind: 'news_article',
      organisation_code: 'BAO-48',
      date: '2026-02-10',
      channel: 'online_press',
      languages: 'vie',
      title_1: 'Tin tốt',
    };
    const rows: Cells[] = [
      { ...ok, ref: 'GOOD' }, // row 2: good
      { ...ok, languages: 'vie;xyz' }, // row 3: unknown language
      { ...ok, kind: 'book', isbn: '978-604-0-00000-1' }, // row 4: wrong check digit
      { ...ok, kind: 'book', isbn: isbn(50) }, // row 5
      { ...ok, kind: 'book', isbn: isbn(50).replace(/-/g, '') }, // row 6: the same ISBN again
      { ...ok, organisation_code: 'NO-SUCH' }, // row 7: unknown organisation
      { ...ok, part_of: 'NOPE' }, // row 8: broken ref
      { ...ok, kind: 'bookz' }, // row 9: unknown kind
      { ...ok, ref: '../../etc/passwd', url: 'file:///etc/passwd', organisation_code: '..\\..\\windows', translation_of: '/etc/shadow' }, // row 10: path-like junk
      { ...ok, title_2: 'No language', audiences: '1;7', topics: 'children;nope' }, // row 11
      { ...ok, date: '2026-02-30', status: 'withdrawn' }, // row 12: no such day; withdrawal is not imported
      { ...ok, ref: 'CA', part_of: 'CB' }, // rows 13, 14: a cycle of parts
      { ...ok, ref: 'CB', part_of: 'CA' },
      { ...ok, kind: 'book', edition: 'republication', edition_of: 'GOOD' }, // row 15: a re-publication of a news article
      { ...ok, kind: '', title_1: '' }, // row 16: required cells empty
    ];
    const r = await upload(admin, await xlsx(rows));
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('import_invalid');
    expect(r.json().error.message).toMatch(/nothing was imported/);
    const issues = r.json().error.details as FieldIssue[];
    const at = (row: number, field: string) => issues.filter((i) => i.row === row && i.field === field);
    const has = (row: number, field: string, message?: RegExp) =>
      expect(
        at(row, field).some((i) => !message || message.test(i.message)),
        `${row} ${field} ${JSON.stringify(issues.filter((i) => i.row === row))}`,
      ).toBe(true);
    expect(issues.filter((i) => i.row === 2)).toEqual([]);
    has(3, 'languages', /xyz/);
    expect(at(4, 'isbn')).toEqual([
      { row: 4, field: 'isbn', message: 'ISBN 978-604-0-00000-1 has a wrong check digit; did you mean 978-604-0-00000-2?' },
    ]);
    has(6, 'isbn', /also on row 5/);
    expect(issues.filter((i) => i.row === 5)).toEqual([]);
    has(7, 'organisation_code', /NO-SUCH/);
    has(8, 'part_of', /NOPE/);
    has(9, 'kind');
    has(10, 'ref');
    has(10, 'url', /http/);
    has(10, 'organisation_code');
    has(10, 'translation_of');
    has(11, 'title_2_lang');
    has(11, 'audiences');
    has(11, 'topics', /nope/);
    has(12, 'date', /calendar date/);
    has(12, 'status', /workspace/);
    has(13, 'part_of', /cycle/);
    has(14, 'part_of', /cycle/);
    has(15, 'edition_of', /on row 2 \(ref GOOD\).*not a book/);
    has(16, 'kind', /required/);
    has(16, 'title_1', /required/);
    // Sorted by row, each problem once.
    expect(issues.map((i) => i.row)).toEqual([...issues.map((i) => i.row)].sort((a, b) => a! - b!));
    expect(await count()).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  it('reports every problem of a row in one pass, in the reader’s language: dates, ISBNs and languages beside empty required cells', async () => {
    const before = await count();
    const rows: Cells[] = [
      // row 2: kind and channel empty, and a day that does not exist, a wrong check digit, an unknown language, a bad link
      {
        organisation_code: 'BAO-48',
        date: '31/02/2026',
        languages: 'vie;xyz',
        title_1: 'Sách',
        isbn: '978-604-0-00000-1',
        url: 'ftp://example.org',
      },
      // row 3: a date that is not a date, beside an empty title
      { kind: 'news_article', organisation_code: 'BAO-48', date: 'hôm qua', channel: 'online_press', languages: 'vie' },
    ];
    const m = multipart(await xlsx(rows));
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/library/import',
      headers: { ...admin.headers, ...m.headers, 'accept-language': 'vi' },
      payload: m.payload,
    });
    expect(r.statusCode).toBe(422);
    const error = r.json().error;
    const issues = error.details as FieldIssue[];
    const at = (row: number, field: string) => issues.filter((i) => i.row === row && i.field === field).map((i) => i.message);
    expect(at(2, 'kind')).toEqual(['bắt buộc nhập']);
    expect(at(2, 'channel')).toEqual(['bắt buộc nhập']);
    expect(at(2, 'date')).toEqual(['2026-02-31 không phải là một ngày có thật']);
    expect(at(2, 'isbn')).toEqual(['ISBN 978-604-0-00000-1 có chữ số kiểm tra (số cuối) không đúng; có phải là 978-604-0-00000-2 không?']);
    expect(at(2, 'languages')).toEqual(['không có ngôn ngữ nào mang mã xyz (mã ISO 639-3 trong danh sách ngôn ngữ)']);
    expect(at(2, 'url')).toEqual(['phải là địa chỉ bắt đầu bằng http:// hoặc https://']);
    expect(at(3, 'title_1')).toEqual(['bắt buộc nhập']);
    expect(at(3, 'date')).toEqual(['"hôm qua" không phải là ngày: hãy viết dạng dd/mm/yyyy hoặc yyyy-mm-dd']);
    expect(error.message).toBe(`${issues.length} lỗi ở 2 dòng; chưa có dòng nào được nhập`);
    expect(error.text.en).toBe(`${issues.length} problem(s) in 2 row(s); nothing was imported`);
    // No English reaches the Vietnamese reader.
    for (const i of issues) expect(i.message, i.message).not.toMatch(/\b(required|is not|must|unknown|expected)\b/);
    expect(await count()).toBe(before);
  });

  it("reads long Vietnamese text exactly (no character garbled across the reader's chunks)", async () => {
    // Three-byte characters only: a streaming parse that decodes chunk by chunk splits some of them.
    const text = (i: number) => `${i} ${'Quyền được học tập, bình đẳng giới — ệ ữ ằ ẫ ộ ở '.repeat(20)}`.trim();
    const rows: Cells[] = Array.from({ length: 150 }, (_, i) => ({
      kind: 'web_page',
      organisation_code: 'BAO-48',
      date: '2026-05-01',
      channel: 'website',
      languages: 'vie',
      title_1: `Trang ${i} — ữ ệ ằ`,
      description_1: text(i),
    }));
    const r = await upload(admin, await xlsx(rows));
    expect(r.statusCode, r.body).toBe(200);
    const pages = (await get(admin, `/api/library/products?organisationId=${deptA.id}&kind=web_page&limit=200`)).json().items as Product[];
    expect(pages).toHaveLength(150);
    for (const p of pages) expect(p.texts[0]!.description).toBe(text(Number(p.texts[0]!.title.split(' ')[1])));
  });

  it('refuses a header with unknown columns, a file that is not a workbook, and read-only roles', async () => {
    const h = await upload(
      admin,
      await xlsx([{ kind: 'video' }], ['kind', 'organisation_code', 'date', 'channel', 'languages', 'title_1', 'colour']),
    );
    expect(h.statusCode).toBe(422);
    expect(h.json().error.details).toEqual([expect.objectContaining({ row: 1, field: 'colour' })]);
    const missing = await upload(admin, await xlsx([{ kind: 'video' }], ['kind', 'title_1']));
    expect(missing.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ row: 1, field: 'organisation_code' })]));
    expect((await upload(admin, Buffer.from('kind,title_1\nvideo,x\n'))).statusCode).toBe(415);
    expect((await upload(viewer, await xlsx([{ kind: 'video' }]))).statusCode).toBe(403);
  });

  it('refuses every row an editor imports for another province, writing nothing', async () => {
    const before = await count();
    const row = (org: string, title: string): Cells => ({
      kind: 'news_article',
      organisation_code: org,
      date: '2026-03-01',
      channel: 'online_press',
      languages: 'vie',
      title_1: title,
    });
    const r = await upload(
      editorA,
      await xlsx([
        row('BAO-48', 'Tin Đà Nẵng'),
        row('UBND-56', 'Tin Khánh Hòa 1'),
        row('UBND-48', 'Tin Đà Nẵng 2'),
        row('UBND-56', 'Tin Khánh Hòa 2'),
      ]),
    );
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details).toEqual([
      { row: 3, field: 'organisation_code', message: expect.stringMatching(/only change organisations within your own/) },
      { row: 5, field: 'organisation_code', message: expect.stringMatching(/only change organisations within your own/) },
    ]);
    expect(await count()).toBe(before);
  });
});

describe('the export', () => {
  it('exports a filtered list in the template columns and imports again as updates', async () => {
    const r = await get(viewer, `/api/library/products/export.xlsx?organisationId=${deptA.id}&kind=book`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
    const books = (await productsOf(deptA.id)).filter((p) => p.kind === 'book');
    expect(Number(r.headers['x-export-count'])).toBe(books.length);
    const wb = await readSheet(r.rawPayload);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(LIBRARY_COLUMNS);
    const exported = ws.getColumn(1).values.slice(2).map(Number);
    expect(exported.sort()).toEqual(books.map((b) => b.id).sort());

    // Unchanged: nothing is written.
    const audits = await auditCount();
    const same = await upload(editorA, r.rawPayload);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toEqual({ created: 0, updated: 0, published: 0, unchanged: books.length, rows: books.length });
    expect(await auditCount()).toBe(audits);

    // Two edits in the sheet: a publisher, and a draft published.
    const b1 = byTitle(books, 'Quyền con người: hỏi và đáp');
    const b2 = byTitle(books, 'Quyền con người (tái bản)');
    const col = (c: string) => header.indexOf(c) + 1;
    ws.eachRow((row, n) => {
      if (n === 1) return;
      if (Number(row.getCell(1).value) === b1.id) row.getCell(col('publisher')).value = 'NXB Tư pháp (sửa)';
      if (Number(row.getCell(1).value) === b2.id) row.getCell(col('status')).value = 'published';
    });
    const edited = await upload(editorA, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toEqual({ created: 0, updated: 2, published: 1, unchanged: books.length - 2, rows: books.length });
    const after = await productsOf(deptA.id);
    expect(byTitle(after, 'Quyền con người: hỏi và đáp')).toMatchObject({
      book: { publisher: 'NXB Tư pháp (sửa)', titleRootId: b1.id },
      texts: b1.texts,
      relations: b1.relations.map(({ status: _s, ...rel }) => expect.objectContaining(rel)),
    });
    expect(byTitle(after, 'Quyền con người (tái bản)')).toMatchObject({
      status: 'published',
      book: { editionOfId: b1.id, titleRootId: b1.id },
    });
    const untouched = byTitle(after, 'Human rights: questions and answers');
    expect(untouched.updatedAt).toBe(byTitle(books, 'Human rights: questions and answers').updatedAt);
    const audit = await get(admin, `/api/audit?entity=library_product&entityId=${b1.id}`);
    expect(audit.json().items[0]).toMatchObject({ action: 'update', via: 'import' });
  });

  it('updates by id with only some columns, keeping the others', async () => {
    const v1 = byTitle(await productsOf(deptA.id), 'Phóng sự: trẻ em vùng cao');
    const r = await upload(admin, await xlsx([{ id: v1!.id, audiences: '2', topics: '' }], ['id', 'audiences', 'topics']));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ updated: 1, created: 0 });
    const p = (await get(admin, `/api/library/products/${v1!.id}`)).json() as Product;
    expect(p).toMatchObject({
      audiences: [2],
      topics: [],
      texts: v1!.texts,
      languages: v1!.languages,
      relations: v1!.relations,
      status: 'published',
      url: v1!.url,
    });
    // An unknown id and a product of another province (for an editor) are refused.
    const other = (
      await t.app.inject({
        method: 'POST',
        url: '/api/library/products',
        headers: admin.headers,
        payload: {
          kind: 'video',
          organisationId: provB.id,
          channel: 'television',
          date: '2026-01-05',
          languages: ['vie'],
          texts: [{ language: 'vie', title: 'Phóng sự Khánh Hòa' }],
        },
      })
    ).json() as Product;
    const bad = await upload(
      editorA,
      await xlsx(
        [
          { id: 99_999_999, audiences: '1' },
          { id: other.id, audiences: '1' },
        ],
        ['id', 'audiences'],
      ),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([
      expect.objectContaining({ row: 2, field: 'id', message: 'no product 99999999' }),
      expect.objectContaining({ row: 3, field: 'organisation_code' }),
    ]);
  });
});
