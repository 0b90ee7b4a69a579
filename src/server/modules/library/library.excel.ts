// Bulk entry of library products (issue 5): an Excel template with a help sheet, the import of a filled-in sheet and
// the export of any product list in the same columns, so that an export can be edited and imported again.
//
// One row is one product. A row with an `id` updates that product (columns missing from the sheet keep the product's
// values; an unchanged row is not written); a row without one creates a product. Rows point to each other through
// their `ref` (edition_of, translation_of, part_of), in any order, or to products already in RightsHub by id or ISBN.
//
// How the import stays fast (20,000 rows) and still applies the service's rules: the whole file is read, every row
// turned into a ProductInput (the contract) and checked by library.validate.ts's validateProduct — the same function
// createProduct and updateProduct run — answered from what was loaded once (languages, topics, the ISBNs and products
// the file names, the relation graph around them) plus the file's own rows, whose new products get their ids from the
// sequence first so that refs resolve whatever the order. Authorisation is the directory's assertCanWriteUnder, once
// per organisation. Every problem of every row is collected, named by row and column; any problem → 422
// import_invalid and nothing is written. Otherwise everything is written in set-based statements in one transaction
// (rows, child rows and search fields built by the service's own mappers), with an audit entry per product.
// Parts: library.excel.columns.ts (columns, cells), library.excel.import.ts (reading, validating), library.excel.write.ts
// (lookups, writes); this file writes the template and the export.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import * as C from '../../../shared/contracts/library.js';
import type { Actor } from '../../kernel/audit.js';
import { type Db } from '../../kernel/db.js';
import { parseInput } from '../../kernel/validate.js';
import { MAX_IMPORT_ROWS } from '../directory/organisations.excel.js';
import { organisationTree } from '../directory/organisations.service.js';
import { listTopics } from '../press/press.topics.js';
import { AUDIENCE_LABELS, CHANNEL_LABELS, KIND_LABELS } from './library.indicators.js';
import { searchProductIds } from './library.search.js';
import { listLanguages, loadProducts } from './library.service.js';
import { chunks, HELP, productCells, productColumns, SHEET, TEMPLATE_TEXTS } from './library.excel.columns.js';

// ---------------------------------------------------------------- import
// ---------------------------------------------------------------- template and export

type SheetData = { products: C.Product[]; truncated: boolean } | null;

const HELP_COLUMNS: [string, string, string, string][] = [
  [
    'id',
    '',
    'Để trống khi thêm sản phẩm mới. Có id: cập nhật sản phẩm đó (cột nào không có trong tệp thì giữ nguyên; dòng không đổi thì không ghi).',
    'Empty for a new product. With an id: updates that product (columns missing from the file keep its values; an unchanged row is not written).',
  ],
  [
    'ref',
    '',
    'Mã tham chiếu của dòng trong tệp này (chữ, số, . _ -, có ít nhất một chữ cái), để các dòng khác trỏ tới (edition_of, translation_of, part_of), theo thứ tự bất kỳ.',
    "The row's own reference in this file (letters, digits, . _ -, at least one letter), for other rows to point to (edition_of, translation_of, part_of), in any order.",
  ],
  ['kind', 'x', 'Loại sản phẩm (xem danh sách bên dưới).', 'Kind of product (see the list below).'],
  [
    'organisation_code',
    'x',
    'Mã cơ quan, tổ chức thực hiện (xem danh sách bên dưới). Biên tập viên chỉ nhập cho cơ quan mình và đơn vị trực thuộc.',
    'Code of the organisation (see the list below). Editors import only for their own organisation and the units below it.',
  ],
  ['date', 'x', 'Ngày sản xuất hoặc phát hành: YYYY-MM-DD (hoặc DD/MM/YYYY).', 'Date produced or published: YYYY-MM-DD (or DD/MM/YYYY).'],
  ['channel', 'x', 'Kênh (xem danh sách bên dưới).', 'Channel (see the list below).'],
  [
    'languages',
    'x',
    'Ngôn ngữ của nội dung: mã ISO 639-3, cách nhau bằng dấu ; (ví dụ vie;eng).',
    'Languages of the content: ISO 639-3 codes separated by ; (e.g. vie;eng).',
  ],
  [
    'title_1_lang',
    '',
    'Ngôn ngữ của tên chính (mã ISO 639-3); để trống = ngôn ngữ đầu tiên ở cột languages.',
    'Language of the main title (ISO 639-3); empty = the first code in languages.',
  ],
  ['title_1', 'x', 'Tên chính.', 'Main title.'],
  ['description_1', '', 'Mô tả bằng ngôn ngữ của tên chính.', 'Description in the language of the main title.'],
  [
    'title_2_lang, title_2, description_2, title_3_lang …',
    '',
    'Tên và mô tả bằng ngôn ngữ khác (mỗi ngôn ngữ một tên; có thể thêm cột title_4_lang, title_4, description_4 … đến 20).',
    'Title and description in another language (one per language; columns title_4_lang, title_4, description_4 … up to 20 may be added).',
  ],
  ['audiences', '', 'Nhóm đối tượng 1–6, cách nhau bằng dấu ; (ví dụ 1;3).', 'Target groups 1–6 separated by ; (e.g. 1;3).'],
  ['topics', '', 'Mã chủ đề, cách nhau bằng dấu ; (xem danh sách bên dưới).', 'Topic codes separated by ; (see the list below).'],
  ['rights', '', 'Chủ sở hữu quyền, ghi chú bản quyền.', 'Rights holder, copyright note.'],
  ['licence', '', 'Giấy phép, ví dụ CC BY 4.0.', 'Licence, e.g. CC BY 4.0.'],
  ['url', '', 'Đường dẫn ổn định (http:// hoặc https://).', 'Stable link (http:// or https://).'],
  [
    'isbn',
    '',
    'Sách: ISBN-10 hoặc ISBN-13 (có hoặc không có gạch nối); số kiểm tra sai sẽ được gợi ý số đúng. Mỗi ISBN một sản phẩm.',
    'Books: ISBN-10 or ISBN-13 (hyphens optional); a wrong check digit is answered with the right one. One product per ISBN.',
  ],
  ['publisher, year, pages', '', 'Sách: nhà xuất bản, năm xuất bản, số trang.', 'Books: publisher, year, number of pages.'],
  [
    'edition',
    '',
    'Sách: first (xuất bản lần đầu, mặc định) hoặc republication (tái bản).',
    'Books: first (first publication, the default) or republication.',
  ],
  [
    'edition_of',
    '',
    'Tái bản của: ref của dòng khác, id sản phẩm hoặc ISBN của ấn bản trước (bắt buộc khi edition = republication).',
    'Edition of: a ref in this file, a product id or the ISBN of the earlier edition (required for edition = republication).',
  ],
  [
    'translation_of',
    '',
    'Bản dịch của: ref, id hoặc ISBN; nhiều giá trị cách nhau bằng dấu ;.',
    'Translation of: ref, id or ISBN; several separated by ;.',
  ],
  [
    'part_of',
    '',
    'Là một phần của: ref, id hoặc ISBN; nhiều giá trị cách nhau bằng dấu ;.',
    'Part of: ref, id or ISBN; several separated by ;.',
  ],
  [
    'status',
    '',
    'draft (bản nháp, mặc định) hoặc published (công bố ngay). Sản phẩm đã công bố không trở lại bản nháp; thu hồi sản phẩm trong phần mềm (cần lý do).',
    'draft (the default) or published (published at once). A published product does not return to draft; withdraw products in the workspace (it needs a reason).',
  ],
];

/** The workbook: the products sheet (the template's header; the products' rows for an export) with drop-down lists, and
 *  the help sheet in Vietnamese and English with every allowed value. `actor` decides which organisations it lists.
 *  Written as a stream without shared strings (several times faster than building the workbook for 20,000 rows). */
async function workbook(db: Db, actor: Actor, data: SheetData): Promise<Buffer> {
  const texts = Math.max(TEMPLATE_TEXTS, ...(data?.products ?? []).map((p) => p.texts.length));
  const cols = productColumns(texts);
  const [langs, topics, tree] = await Promise.all([listLanguages(db), listTopics(db), organisationTree(db, true)]);
  const orgCode = new Map(tree.map((o) => [o.id, o.code]));
  // Organisations the actor may write for: an editor's subtree, everyone's for the others.
  let orgs = tree.filter((o) => o.active);
  if (actor.role === 'editor' && actor.organisationId) {
    const children = new Map<number, number[]>();
    for (const o of tree) if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id]);
    const mine = new Set<number>();
    for (const todo = [actor.organisationId]; todo.length;) {
      const id = todo.pop()!;
      if (!mine.has(id)) {
        mine.add(id);
        todo.push(...(children.get(id) ?? []));
      }
    }
    orgs = orgs.filter((o) => mine.has(o.id));
  }

  // ---- the help sheet's rows, laid out first: the drop-down lists point at its cells
  type HelpRow = { cells: (string | number)[]; font?: Partial<ExcelJS.Font> };
  const helpRows: HelpRow[] = [
    { cells: ['RightsHub — Nhập sản phẩm thư viện từ Excel / Importing library products from Excel'], font: { bold: true, size: 13 } },
    {
      cells: [
        'Mỗi dòng của trang "products" là một sản phẩm. Tệp có lỗi thì không dòng nào được nhập; mọi lỗi được liệt kê theo dòng và cột.',
        'One row of the "products" sheet is one product. A file with any error imports nothing; every error is listed by row and column.',
      ],
    },
  ];
  if (data?.truncated)
    helpRows.push({
      cells: [`Bản xuất này chỉ gồm ${MAX_IMPORT_ROWS} sản phẩm đầu tiên / This export holds the first ${MAX_IMPORT_ROWS} products only.`],
      font: { bold: true },
    });
  helpRows.push({ cells: [] });
  const section = (title: string, head: string[], items: (string | number)[][]) => {
    helpRows.push({ cells: [title], font: { bold: true, size: 12 } }, { cells: head, font: { bold: true } });
    const first = helpRows.length + 1;
    for (const it of items) helpRows.push({ cells: it });
    helpRows.push({ cells: [] });
    return `'${HELP}'!$A$${first}:$A$${Math.max(first, first + items.length - 1)}`;
  };
  section('Cột / Columns', ['cột / column', 'bắt buộc / required', 'ý nghĩa', 'meaning'], HELP_COLUMNS);
  const kindRange = section(
    'kind',
    ['mã / code', 'tiếng Việt', 'English'],
    C.PRODUCT_KINDS.map((k) => [k, KIND_LABELS[k].vi, KIND_LABELS[k].en]),
  );
  const channelRange = section(
    'channel',
    ['mã / code', 'tiếng Việt', 'English', 'nền tảng số / digital (T4b)'],
    C.CHANNELS.map((c) => [c, CHANNEL_LABELS[c].vi, CHANNEL_LABELS[c].en, C.isDigitalChannel(c) ? 'x' : '']),
  );
  section(
    'audiences',
    ['số / number', 'tiếng Việt', 'English'],
    C.AUDIENCES.map((a) => [a, AUDIENCE_LABELS[a]!.vi, AUDIENCE_LABELS[a]!.en]),
  );
  const langRange = section(
    'languages (ISO 639-3)',
    ['mã / code', 'tiếng Việt', 'English', 'nhóm / group'],
    langs.map((l) => [l.code, l.nameVi, l.nameEn, l.group]),
  );
  section(
    'topics',
    ['mã / code', 'tiếng Việt', 'English'],
    topics.map((t) => [t.code, t.nameVi, t.nameEn]),
  );
  section(
    'edition',
    ['mã / code', 'tiếng Việt', 'English'],
    [
      ['first', 'Xuất bản lần đầu', 'First publication'],
      ['republication', 'Tái bản', 'Re-publication'],
    ],
  );
  section(
    'status',
    ['mã / code', 'tiếng Việt', 'English'],
    [
      ['draft', 'Bản nháp', 'Draft'],
      ['published', 'Công bố', 'Published'],
    ],
  );
  const orgRange = section(
    actor.role === 'editor' ? 'organisation_code (cơ quan của bạn / your organisations)' : 'organisation_code',
    ['mã / code', 'tên / name', 'name (English)'],
    orgs.map((o) => [o.code, o.nameVi, o.nameEn ?? '']),
  );

  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (c: Buffer) => parts.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  wb.creator = 'RightsHub';

  // ---- the products sheet
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({
    width: /^(title|description)_\d+$/.test(c) ? 40 : c === 'organisation_code' || c === 'url' || c === 'rights' ? 24 : 14,
  }));
  const head = ws.addRow(cols);
  head.font = { bold: true };
  head.commit();
  for (const p of data?.products ?? []) {
    const cells = productCells(p, orgCode, texts);
    ws.addRow(cols.map((c) => cells[c] ?? '')).commit();
  }
  // Drop-down lists and number checks where Excel has them (the import checks everything again).
  const last = Math.max(MAX_IMPORT_ROWS + 1, (data?.products.length ?? 0) + 1001);
  const letter = (c: string) => ws.getColumn(cols.indexOf(c) + 1).letter;
  const dv = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const range = (c: string) => `${letter(c)}2:${letter(c)}${last}`;
  const pick = (c: string, formula: string) =>
    dv.add(range(c), {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: c,
      error: `Không có trong danh sách (trang ${HELP}) / not in the list (sheet ${HELP})`,
    });
  pick('kind', kindRange);
  pick('channel', channelRange);
  pick('organisation_code', orgRange);
  for (let n = 1; n <= texts; n++) pick(`title_${n}_lang`, langRange);
  pick('edition', '"first,republication"');
  pick('status', '"draft,published"');
  for (const c of ['year', 'pages']) {
    dv.add(range(c), {
      type: 'whole',
      operator: 'between',
      allowBlank: true,
      formulae: c === 'year' ? [1900, 2100] : [1, 100000],
      showErrorMessage: true,
      errorTitle: c,
      error: 'Số nguyên / a whole number',
    });
  }
  for (const [c, prompt] of [
    ['languages', 'vie;eng'],
    ['audiences', '1;3 (1–6)'],
    ['topics', 'children;women'],
  ] as const) {
    dv.add(range(c), {
      type: 'custom',
      allowBlank: true,
      formulae: ['TRUE'],
      showInputMessage: true,
      promptTitle: c,
      prompt: `; — ${prompt}`,
    });
  }
  ws.commit();

  // ---- the help sheet
  const help = wb.addWorksheet(HELP);
  help.columns = [{ width: 34 }, { width: 48 }, { width: 60 }, { width: 60 }];
  for (const h of helpRows) {
    const row = help.addRow(h.cells);
    if (h.font) row.font = h.font;
    row.commit();
  }
  help.commit();
  await wb.commit();
  return Buffer.concat(parts);
}

/** The empty template (header, help sheet, drop-down lists). */
export async function productTemplate(db: Db, actor: Actor): Promise<Buffer> {
  return workbook(db, actor, null);
}

/** The products of a list query (any filter of the product list: library.search.ts's searchProducts, page after page;
 *  at most MAX_IMPORT_ROWS) in the template's columns, each with its id: edited and imported again, the rows update
 *  their products. */
export async function exportProducts(
  db: Db,
  actor: Actor,
  query: Omit<C.ProductListQuery, 'limit' | 'offset'>,
): Promise<{ buf: Buffer; count: number; truncated: boolean }> {
  const q = parseInput(C.ProductListQuery, { ...query, limit: 200, offset: 0 });
  const sort = q.sort === 'title' ? 'title' : 'date';
  const ids: number[] = [];
  for (let offset = 0; ids.length <= MAX_IMPORT_ROWS; offset += 200) {
    const page = await searchProductIds(db, { ...q, sort, limit: 200, offset }, { publicOnly: false });
    ids.push(...page);
    if (page.length < 200) break;
  }
  const truncated = ids.length > MAX_IMPORT_ROWS;
  const products: C.Product[] = [];
  for (const part of chunks(ids.slice(0, MAX_IMPORT_ROWS), 1000)) products.push(...(await loadProducts(db, part)));
  return { buf: await workbook(db, actor, { products, truncated }), count: products.length, truncated };
}
