// Bulk entry of library products (issue 5): an Excel template with a help sheet, the import of a filled-in sheet and
// the export of any product list in the same columns, so that an export can be edited and imported again.
//
// One row is one product. A row with an `id` updates that product (columns missing from the sheet keep the product's
// values; an unchanged row is not written); a row without one creates a product. Rows point to each other through
// their `ref` (edition_of, translation_of, part_of), in any order, or to products already in RightsHub by id or ISBN.
//
// How the import stays fast (20,000 rows) and still applies the service's rules: the whole file is read, every row
// turned into a ProductInput (the contract) and checked by library.service.ts's validateProduct — the same function
// createProduct and updateProduct run — answered from what was loaded once (languages, topics, the ISBNs and products
// the file names, the relation graph around them) plus the file's own rows, whose new products get their ids from the
// sequence first so that refs resolve whatever the order. Authorisation is the directory's assertCanWriteUnder, once
// per organisation. Every problem of every row is collected, named by row and column; any problem → 422
// import_invalid and nothing is written. Otherwise everything is written in set-based statements in one transaction
// (rows, child rows and search fields built by the service's own mappers), with an audit entry per product.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FieldIssue } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/library.js';
import type { Actor } from '../../kernel/audit.js';
import { intArray, rows as sqlRows, type Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDatesWritable } from '../../kernel/dateLock.js';
import { MAX_IMPORT_ROWS, readFirstSheet } from '../directory/organisations.excel.js';
import { assertCanWriteUnder, findOrganisationByCode, organisationTree } from '../directory/organisations.service.js';
import { listTopics } from '../press/press.topics.js';
import { AUDIENCE_LABELS, CHANNEL_LABELS, KIND_LABELS } from './library.indicators.js';
import { checkIsbn } from './library.isbn.js';
import { noteLibraryWrite, productSearchFields, searchProductIds } from './library.search.js';
import {
  AUDIT_ENTITY, columns as productRow, listLanguages, loadProducts, productChildRows, validateProduct, type ProductLookups, type ResolvedProduct,
} from './library.service.js';

// ---------------------------------------------------------------- columns

/** Titles in the template; an import accepts title_N… up to the contract's 20, an export adds what its products use. */
export const TEMPLATE_TEXTS = 3;
const MAX_TEXTS = 20;
const HEAD = ['id', 'ref', 'kind', 'organisation_code', 'date', 'channel', 'languages'] as const;
const TAIL = ['audiences', 'topics', 'rights', 'licence', 'url', 'isbn', 'publisher', 'year', 'pages', 'edition', 'edition_of', 'translation_of', 'part_of', 'status'] as const;
const textColumns = (n: number) => [`title_${n}_lang`, `title_${n}`, `description_${n}`];
export const productColumns = (texts = TEMPLATE_TEXTS): string[] => [...HEAD, ...Array.from({ length: texts }, (_, i) => textColumns(i + 1)).flat(), ...TAIL];
/** The template's columns, in order. */
export const LIBRARY_COLUMNS = productColumns();
const ACCEPTED = productColumns(MAX_TEXTS);
/** What a new product (a row without `id`) needs. */
const ESSENTIAL = ['kind', 'organisation_code', 'date', 'channel', 'languages', 'title_1'];
/** Columns that make a row carry book fields (edition_of is a plain relation for other kinds). */
const BOOK_COLUMNS = ['isbn', 'publisher', 'year', 'pages', 'edition'];
const RELATION_COLUMNS = { edition_of: 'edition_of', translation_of: 'translation_of', part_of: 'part_of' } as const satisfies Record<C.RelationKind, string>;
const IMPORT_STATUSES = ['draft', 'published'] as const;
const MAX_INT = 2_147_483_647;
const SHEET = 'products';
const HELP = 'Hướng dẫn - Help'; // Excel forbids "/" in sheet names

export type LibraryImportResult = { created: number; updated: number; published: number; unchanged: number; rows: number };

// ---------------------------------------------------------------- product → cells (export) and back

const list = (s: string | undefined) => (s ?? '').split(/[;,]/).map((x) => x.trim()).filter(Boolean);
const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** The cells of a product, as the template has them (`texts`: how many title columns). */
function productCells(p: C.Product, orgCode: Map<number, string>, texts: number): Record<string, string | number> {
  const out = (kind: C.RelationKind) => p.relations.filter((r) => r.direction === 'out' && r.kind === kind).map((r) => r.id);
  const editions = out('edition_of');
  const first = p.book?.editionOfId ?? null;
  const cells: Record<string, string | number> = {
    id: p.id, ref: '', kind: p.kind, organisation_code: orgCode.get(p.organisationId) ?? '', date: p.date, channel: p.channel,
    languages: p.languages.map((l) => l.code).join(';'),
    audiences: p.audiences.join(';'), topics: p.topics.map((t) => t.code).join(';'),
    rights: p.rights ?? '', licence: p.licence ?? '', url: p.url ?? '',
    isbn: p.book?.isbnHyphenated ?? p.book?.isbn ?? '', publisher: p.book?.publisher ?? '', year: p.book?.year ?? '', pages: p.book?.pages ?? '', edition: p.book?.edition ?? '',
    edition_of: (first ? [first, ...editions.filter((e) => e !== first)] : editions).join(';'),
    translation_of: out('translation_of').join(';'), part_of: out('part_of').join(';'), status: p.status,
  };
  for (let n = 1; n <= texts; n++) {
    const t = p.texts[n - 1];
    cells[`title_${n}_lang`] = t?.language ?? '';
    cells[`title_${n}`] = t?.title ?? '';
    cells[`description_${n}`] = t?.description ?? '';
  }
  return cells;
}

/** What a write would leave: equal for a stored product and a row that would not change it. */
function canonical(p: { kind: string; organisationId: number; channel: string; date: string; rights: string | null; licence: string | null; url: string | null;
  book: { isbn: string | null; publisher: string | null; year: number | null; pages: number | null; edition: string; editionOfId: number | null } | null;
  texts: { language: string; title: string; description: string | null }[]; languages: string[]; audiences: number[]; topicIds: number[]; relations: string[]; status: string }): string {
  const t = (s: string | null | undefined) => (s ? nfc(s.trim()) : null);
  const set = <T>(xs: T[]) => [...new Set(xs)].sort();
  return JSON.stringify([p.kind, p.organisationId, p.channel, p.date, t(p.rights), t(p.licence), t(p.url),
    p.book ? [p.book.isbn, t(p.book.publisher), p.book.year ?? null, p.book.pages ?? null, p.book.edition, p.book.editionOfId ?? null] : null,
    p.texts.map((x) => [x.language, t(x.title), t(x.description)]), set(p.languages), set(p.audiences), set(p.topicIds), set(p.relations), p.status]);
}

const canonicalOfProduct = (p: C.Product) => canonical({
  ...p, book: p.book ? { ...p.book } : null, languages: p.languages.map((l) => l.code), topicIds: p.topics.map((x) => x.id),
  relations: p.relations.filter((r) => r.direction === 'out').map((r) => `${r.kind}:${r.id}`),
});

function canonicalOfInput(i: C.ProductInput, status: string): string {
  const b = i.book ?? null;
  const isbn = b?.isbn ? (checkIsbn(b.isbn).isbn13 ?? b.isbn) : null;
  const editionOf = b?.edition === 'republication' ? b.editionOfId ?? null : null;
  return canonical({
    ...i, rights: i.rights ?? null, licence: i.licence ?? null, url: i.url ?? null,
    book: b ? { isbn, publisher: b.publisher ?? null, year: b.year ?? null, pages: b.pages ?? null, edition: b.edition, editionOfId: b.editionOfId ?? null } : null,
    texts: i.texts.map((x) => ({ language: x.language, title: x.title, description: x.description ?? null })),
    relations: [...i.relations.map((r) => `${r.kind}:${r.targetId}`), ...(editionOf ? [`edition_of:${editionOf}`] : [])], status,
  });
}

/** A stored product in the form of its input, with its id and status (the audit snapshot of an import's update). */
function productAsInput(p: C.Product) {
  return {
    id: p.id, status: p.status, publishedAt: p.publishedAt, kind: p.kind, organisationId: p.organisationId, date: p.date, channel: p.channel,
    texts: p.texts.map((t) => ({ language: t.language, title: t.title, description: t.description })), languages: p.languages.map((l) => l.code),
    audiences: p.audiences, topicIds: p.topics.map((t) => t.id), rights: p.rights, licence: p.licence, url: p.url,
    relations: p.relations.filter((r) => r.direction === 'out').map((r) => ({ kind: r.kind, targetId: r.id })),
    book: p.book ? { isbn: p.book.isbn, publisher: p.book.publisher, year: p.book.year, pages: p.book.pages, edition: p.book.edition, editionOfId: p.book.editionOfId, titleRootId: p.book.titleRootId } : null,
  };
}

// ---------------------------------------------------------------- import

type Row = {
  row: number;
  /** Cells after merging: a product's current cells under the sheet's for an update. */
  v: Record<string, string>;
  id: number;
  isNew: boolean;
  before?: C.Product;
  status: C.ProductStatus;
  raw?: Record<string, unknown>;
  input?: C.ProductInput;
  resolved?: ResolvedProduct;
  /** texts[i] came from title_{textCol[i]}; relations[i] from the column relCol[i]. */
  textCol: number[];
  relCol: string[];
  /** The book column a "book" problem is named after. */
  bookCol: string;
  isbn13: string | null;
  changed: boolean;
};

/** Sets of ints and texts as one bound parameter (no limit on the number of values). */
const textArray = (xs: Iterable<string>) => sql`array(select jsonb_array_elements_text(${JSON.stringify([...xs])}::jsonb))`;
const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

function importError(all: FieldIssue[], order: string[]): AppError {
  const seen = new Set<string>();
  const issues = all.filter((i) => { const k = `${i.row}|${i.field}|${i.message}`; if (seen.has(k)) return false; seen.add(k); return true; });
  const col = (f: string) => { const i = order.indexOf(f); return i < 0 ? order.length : i; };
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || col(a.field) - col(b.field));
  const rowsWithIssues = new Set(issues.map((i) => i.row)).size;
  return new AppError('import_invalid', `${issues.length} problem(s) in ${rowsWithIssues} row(s); nothing was imported`, issues);
}

type SheetRow = { row: number; values: Record<string, string> };

/** The first sheet of an .xlsx upload, streamed with limits checked while reading (kernel/xlsx): its header (lower
 *  case) and its non-empty rows, cells as NFC text (dates as YYYY-MM-DD). The header is checked against `accepted`;
 *  `required(header)` names the columns it must have. */
async function readSheet(buf: Buffer, accepted: readonly string[], required: (header: string[]) => string[]): Promise<{ header: string[]; rows: SheetRow[] }> {
  const table = await readFirstSheet(buf); // refuses what is not a readable .xlsx (415) or is over a limit (413)
  const header = table.header.map((c) => c.toLowerCase());
  const issues: FieldIssue[] = [];
  for (const h of header) if (h && !accepted.includes(h)) issues.push({ row: 1, field: h, message: `unknown column "${h}"; expected: ${LIBRARY_COLUMNS.join(', ')} (title_N_lang, title_N, description_N up to N = 20)` });
  for (const c of required(header)) if (!header.includes(c)) issues.push({ row: 1, field: c, message: `missing column "${c}"` });
  if (issues.length) throw new AppError('import_invalid', 'The header row is wrong', issues);
  const rows: SheetRow[] = [];
  for (const { row, cells } of table.rows) {
    const values: Record<string, string> = {};
    header.forEach((h, idx) => { if (h) values[h] = cells[idx] ?? ''; });
    if (Object.values(values).every((x) => x === '')) continue;
    rows.push({ row, values });
  }
  if (!rows.length) throw new AppError('import_invalid', 'The sheet has no data rows', [{ row: 2, field: 'file', message: 'no data rows below the header' }]);
  return { header, rows };
}

/** Imports a filled-in template (see the file's head). Throws import_invalid listing every problem, writing nothing. */
export async function importProducts(db: Db, actor: Actor, buf: Buffer, opts: { onPhase?: (phase: string) => void } = {}): Promise<LibraryImportResult> {
  const phase = opts.onPhase ?? (() => undefined);
  const { header, rows: rowsIn } = await readSheet(buf, ACCEPTED, (h) => (h.includes('id') ? [] : ESSENTIAL));
  phase('read');
  const present = new Set(header.filter(Boolean));
  const textsInSheet = Math.max(TEMPLATE_TEXTS, ...[...present].map((h) => Number(/^title_(\d+)$/.exec(h)?.[1] ?? 0)));
  const importActor: Actor = { ...actor, via: 'import' };

  return db.transaction(async (tx) => {
    const issues: FieldIssue[] = [];
    const flagged = new Set<string>(); // row|column with a problem found while reading: later checks do not repeat it
    const add = (r: Row | number, field: string, message: string) => {
      const row = typeof r === 'number' ? r : r.row;
      issues.push({ row, field, message });
      flagged.add(`${row}|${field}`);
    };

    // ---- the products the rows update
    const rowsById = new Map<number, Row>();
    const all: Row[] = [];
    for (const r of rowsIn) {
      const row: Row = { row: r.row, v: r.values, id: 0, isNew: true, status: 'draft', textCol: [], relCol: [], bookCol: 'kind', isbn13: null, changed: true };
      all.push(row);
      const idCell = r.values.id ?? '';
      if (!idCell) continue;
      const id = /^\d{1,10}$/.test(idCell) ? Number(idCell) : NaN;
      if (!(id >= 1 && id <= MAX_INT)) { add(row, 'id', `"${idCell}" is not a product id (leave it empty for a new product)`); row.isNew = false; continue; }
      row.isNew = false;
      row.id = id;
      const other = rowsById.get(id);
      if (other) { add(row, 'id', `product ${id} is already on row ${other.row}`); row.id = 0; continue; }
      rowsById.set(id, row);
    }
    if (rowsById.size) {
      // Lock what is updated, then read it as the API shows it.
      const ids = [...rowsById.keys()];
      await tx.execute(sql`select id from library_products where id = any(${intArray(ids)}) order by id for update`);
      for (const part of chunks(ids, 1000)) for (const p of await loadProducts(tx, part)) rowsById.get(p.id)!.before = p;
      for (const row of rowsById.values()) if (!row.before) { add(row, 'id', `no product ${row.id}`); row.id = 0; }
    }

    phase('products updated');
    // ---- reference data
    const orgCodeById = new Map<number, string>();
    if (rowsById.size) for (const o of await organisationTree(tx, true)) orgCodeById.set(o.id, o.code);
    const topics = await listTopics(tx);
    const topicByCode = new Map(topics.map((t) => [t.code.toLowerCase(), t.id]));
    const languageCodes = new Set((await listLanguages(tx)).map((l) => l.code));

    // Columns missing from the sheet keep an updated product's values.
    for (const row of all) {
      if (!row.before) continue;
      const current = productCells(row.before, orgCodeById, Math.max(textsInSheet, row.before.texts.length));
      const merged: Record<string, string> = {};
      for (const [k, val] of Object.entries(current)) merged[k] = String(val);
      for (const [k, val] of Object.entries(row.v)) if (present.has(k)) merged[k] = val;
      row.v = merged;
    }

    // ---- refs, and ids for the new products (so that rows may point to rows below them)
    const byRef = new Map<string, Row>();
    for (const row of all) {
      const ref = row.v.ref ?? '';
      if (!ref) continue;
      if (!/^[\p{L}\p{N}._-]{1,60}$/u.test(ref) || !/\p{L}/u.test(ref)) { add(row, 'ref', `"${ref.slice(0, 80)}" is not a ref: 1–60 letters, digits, . _ - with at least one letter (so it cannot be taken for a product id)`); continue; }
      const other = byRef.get(ref.toLowerCase());
      if (other) { add(row, 'ref', `ref ${ref} is already used on row ${other.row}`); continue; }
      byRef.set(ref.toLowerCase(), row);
    }
    const fresh = all.filter((r) => r.isNew);
    if (fresh.length) {
      const ids = await sqlRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('library_products', 'id'))::int as id from generate_series(1, ${fresh.length})`);
      fresh.forEach((r, i) => { r.id = Number(ids[i]!.id); });
    }
    const rowOfId = new Map(all.filter((r) => r.id).map((r) => [r.id, r]));
    // Messages name products by id; a new product of this file is named by its row.
    const friendly = (m: string) => m.replace(/(product #?|no product |edition )(\d+)/g, (whole, lead: string, n: string) => {
      const r = rowOfId.get(Number(n));
      return r?.isNew ? `${lead.replace('#', '')}on row ${r.row}${r.v.ref ? ` (ref ${r.v.ref})` : ''}` : whole;
    });

    // ---- ISBNs: the file's own, and the products they name
    for (const row of all) {
      const c = row.v.isbn ? checkIsbn(row.v.isbn) : null;
      row.isbn13 = c?.valid ? c.isbn13 : null;
    }
    const isbnTokens = new Set<string>();
    const looksIsbn = (t: string) => /^(?:\d{9}[\dX]|\d{13})$/i.test(t.replace(/^ISBN(?:-1[03])?:?\s*/i, '').replace(/[\s-]/g, ''));
    for (const row of all) for (const col of Object.values(RELATION_COLUMNS)) for (const t of list(row.v[col])) if (!byRef.has(t.toLowerCase()) && looksIsbn(t)) {
      const c = checkIsbn(t);
      if (c.valid) isbnTokens.add(c.isbn13);
    }
    const fileIsbns = new Set(all.map((r) => r.isbn13).filter((x): x is string => !!x));
    const rowOfIsbn = new Map<string, Row>();
    for (const r of all) if (r.isbn13 && r.id && !rowOfIsbn.has(r.isbn13)) rowOfIsbn.set(r.isbn13, r);
    const allIsbns = [...new Set([...fileIsbns, ...isbnTokens])].sort();
    const isbnHolders = new Map<string, { id: number; title: string | null }[]>();
    if (allIsbns.length) {
      // No per-ISBN advisory locks here (thousands would exhaust PostgreSQL's lock table): a concurrent write of the same
      // ISBN meets the unique index, which writeAll turns into a conflict.
      const held = await sqlRows<{ id: number; isbn: string; title: string | null }>(tx, sql`
        select p.id, p.isbn, t.title from library_products p left join library_product_texts t on t.product_id = p.id and t.position = 0
        where p.isbn = any(${textArray(allIsbns)}) and p.status <> 'withdrawn' order by p.id`);
      for (const h of held) isbnHolders.set(h.isbn, [...(isbnHolders.get(h.isbn) ?? []), { id: Number(h.id), title: h.title }]);
    }

    // ---- cells → ProductInput
    const orgIds = new Map<string, number | null>();
    for (const code of new Set(all.map((r) => (r.v.organisation_code ?? '').toLowerCase()).filter(Boolean))) {
      orgIds.set(code, (await findOrganisationByCode(tx, code))?.id ?? null);
    }
    const resolveTarget = (row: Row, col: string, token: string): number | null => {
      const ref = byRef.get(token.toLowerCase());
      if (ref) return ref.id || null;
      if (looksIsbn(token)) {
        const c = checkIsbn(token);
        if (!c.valid) { add(row, col, c.message); return null; }
        const inFile = rowOfIsbn.get(c.isbn13);
        const id = (inFile !== row ? inFile?.id : undefined) ?? isbnHolders.get(c.isbn13)?.find((h) => h.id !== row.id)?.id;
        if (!id) add(row, col, `no product has ISBN ${c.hyphenated} (in RightsHub or in this file)`);
        return id ?? null;
      }
      if (/^#?\d{1,10}$/.test(token)) {
        const id = Number(token.replace('#', ''));
        if (id >= 1 && id <= MAX_INT) return id;
      }
      add(row, col, `"${token.slice(0, 80)}" is neither a ref of this file, a product id nor an ISBN`);
      return null;
    };

    for (const row of all) {
      const v = row.v;
      if (row.id === 0 && !row.isNew) continue; // a bad id: nothing more to say about the row
      // status
      const st = (v.status ?? '').toLowerCase();
      if (row.before?.status === 'withdrawn') {
        row.status = 'withdrawn';
        if (st && st !== 'withdrawn') add(row, 'status', `product ${row.id} is withdrawn; a withdrawn product is not edited or published again`);
      } else if (!st) row.status = row.before?.status ?? 'draft';
      else if ((IMPORT_STATUSES as readonly string[]).includes(st)) {
        row.status = st as C.ProductStatus;
        if (row.before?.status === 'published' && st === 'draft') add(row, 'status', 'a published product does not return to draft (withdraw it in the workspace if it must go)');
      } else add(row, 'status', st === 'withdrawn' ? 'withdraw a product in the workspace (it needs a reason)' : `"${v.status}" is not a status: draft or published`);
      // what a new product needs
      if (row.isNew) for (const c of ESSENTIAL) if (!v[c]) add(row, c, present.has(c) ? 'required' : `required: the sheet has no column ${c}`);
      // organisation
      let organisationId: number | undefined;
      if (v.organisation_code) {
        const id = orgIds.get(v.organisation_code.toLowerCase());
        if (id) organisationId = id;
        else { add(row, 'organisation_code', `no organisation has code ${v.organisation_code.slice(0, 80)}`); organisationId = MAX_INT; }
      }
      // date: YYYY-MM-DD, or DD/MM/YYYY as typed in Viet Nam
      const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(v.date ?? '');
      const date = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : v.date || undefined;
      // texts
      const langs = list(v.languages).map((x) => x.toLowerCase());
      const texts: Record<string, unknown>[] = [];
      for (let n = 1; n <= MAX_TEXTS; n++) {
        const [lc, tc, dc] = textColumns(n);
        if (!v[lc!] && !v[tc!] && !v[dc!]) continue;
        // The main title's language defaults to the first content language (when that is missing too, that is the problem).
        if (n === 1 && !v[lc!] && !langs[0]) flagged.add(`${row.row}|${lc}`);
        texts.push({ language: (v[lc!] || (n === 1 ? langs[0] ?? '' : '')).toLowerCase(), title: v[tc!] ?? '', description: orNull(v[dc!]) });
        row.textCol.push(n);
      }
      // audiences and topics
      const audiences: number[] = [];
      for (const a of list(v.audiences)) {
        if (/^\d+$/.test(a)) audiences.push(Number(a));
        else add(row, 'audiences', `"${a.slice(0, 40)}" is not an audience number (1–6)`);
      }
      const topicIds: number[] = [];
      for (const code of list(v.topics)) {
        const id = topicByCode.get(code.toLowerCase());
        if (id) topicIds.push(id);
        else add(row, 'topics', `unknown topic code ${code.slice(0, 60)}; see the help sheet`);
      }
      // book fields and relations
      const kind = v.kind ?? '';
      const bookCol = BOOK_COLUMNS.find((c) => v[c]);
      row.bookCol = bookCol ?? 'kind';
      const num = (col: string): number | null | undefined => {
        if (!v[col]) return null;
        if (/^\d+$/.test(v[col]!)) return Number(v[col]);
        add(row, col, `"${v[col]!.slice(0, 40)}" is not a whole number`);
        return undefined;
      };
      const relations: { kind: C.RelationKind; targetId: number }[] = [];
      const targets = (col: string) => list(v[col]).map((t) => resolveTarget(row, col, t)).filter((x): x is number => x !== null);
      let book: Record<string, unknown> | null = null;
      const editionOf = targets('edition_of');
      if (kind === 'book' || bookCol) {
        const edition = (v.edition ?? '').toLowerCase();
        book = { isbn: orNull(v.isbn), publisher: orNull(v.publisher), year: num('year'), pages: num('pages'), edition: edition || undefined };
        if (editionOf.length) {
          book.editionOfId = editionOf[0];
          // A re-publication is an edition of one book; further edition_of links are plain relations.
          for (const t of editionOf.slice(1)) { relations.push({ kind: 'edition_of', targetId: t }); row.relCol.push('edition_of'); }
        }
      } else for (const t of editionOf) { relations.push({ kind: 'edition_of', targetId: t }); row.relCol.push('edition_of'); }
      for (const k of ['translation_of', 'part_of'] as const) for (const t of targets(k)) { relations.push({ kind: k, targetId: t }); row.relCol.push(k); }
      row.raw = {
        kind, organisationId, texts, languages: langs, channel: v.channel ?? '', audiences, topicIds, date,
        rights: orNull(v.rights), licence: orNull(v.licence), url: orNull(v.url), relations, book,
      };
    }

    phase('cells');
    // ---- the contract
    for (const row of all) {
      if (!row.raw) continue;
      try { row.input = parseInput(C.ProductInput, row.raw); } catch (e) { report(row, e); }
      if (row.input && row.before) {
        row.changed = canonicalOfInput(row.input, row.status) !== canonicalOfProduct(row.before);
        if (row.changed && row.before.status === 'withdrawn') add(row, 'id', `product ${row.id} is withdrawn; a withdrawn product is not edited (leave its row as exported, or remove it)`);
      }
    }
    function report(row: Row, e: unknown) {
      if (!(e instanceof AppError) || e.code === 'internal' || e.code === 'not_found') throw e;
      const ds = Array.isArray(e.details) && e.details.length ? (e.details as { field: string; message: string }[]) : [{ field: '(input)', message: e.message }];
      for (const d of ds) {
        const field = columnOf(d.field, row);
        if (flagged.has(`${row.row}|${field}`)) continue;
        issues.push({ row: row.row, field, message: friendly(d.message) });
      }
    }

    phase('contract');
    // ---- duplicate ISBNs in the file
    const firstWithIsbn = new Map<string, Row>();
    for (const row of all) {
      if (!row.isbn13 || !row.changed || row.status === 'withdrawn') continue;
      const first = firstWithIsbn.get(row.isbn13);
      if (first) add(row, 'isbn', `ISBN ${row.v.isbn} is also on row ${first.row}; one product per ISBN`);
      else firstWithIsbn.set(row.isbn13, row);
    }

    // ---- who may write: the directory's rule, once per organisation
    const writes = all.filter((r) => r.input && r.changed);
    const mayWrite = new Map<number, string | null>();
    const check = async (orgId: number) => {
      if (!mayWrite.has(orgId)) {
        try { await assertCanWriteUnder(tx, importActor, orgId, 'the product\'s organisation'); mayWrite.set(orgId, null); } catch (e) {
          if (!(e instanceof AppError) || e.code !== 'forbidden') throw e;
          mayWrite.set(orgId, e.message);
        }
      }
      return mayWrite.get(orgId)!;
    };
    for (const row of writes) {
      const orgId = row.input!.organisationId;
      if (orgId === MAX_INT) continue; // unknown code, already reported
      const denied = (row.before && (await check(row.before.organisationId))) || (await check(orgId));
      if (denied) add(row, 'organisation_code', denied);
      else {
        try { await assertDatesWritable(tx, importActor, [{ field: 'date', day: row.before?.date }, { field: 'date', day: row.input!.date }]); } catch (e) {
          if (!(e instanceof AppError) || e.code !== 'forbidden') throw e;
          add(row, 'date', (e.details as { message: string }[])[0]?.message ?? e.message);
        }
      }
    }

    // ---- the service's rules (validateProduct) over the database and this file
    const lookups = await bulkLookups(tx, writes, rowsById, languageCodes, new Set(topics.map((t) => t.id)), isbnHolders);
    for (const row of writes) {
      try { row.resolved = await validateProduct(row.input!, row.id, lookups); } catch (e) { report(row, e); }
    }

    phase('rules');
    const order = productColumns(Math.max(textsInSheet, MAX_TEXTS));
    if (issues.length) throw importError(issues, ['row', ...order]);

    // ---- write
    try {
      return await writeAll(tx, importActor, all, writes, rowsIn.length, lookups, phase);
    } catch (e) {
      if (isIsbnTaken(e)) {
        throw new AppError('conflict', 'Another write took an ISBN of this file while it was being imported; nothing was imported. Import the file again to see which row.',
          [{ field: 'isbn', message: 'an ISBN of this file was taken meanwhile' }]);
      }
      throw e;
    }
  });
}

/** A unique violation of the products' ISBN index (a concurrent write took an ISBN between the check and the write). */
function isIsbnTaken(e: unknown): boolean {
  for (let x = e as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined, i = 0; x && i < 4; x = x.cause as typeof x, i++) {
    if (x.code === '23505' && (x.constraint === 'library_products_isbn_uq' || String(x.message).includes('library_products_isbn_uq'))) return true;
  }
  return false;
}

/** The column a service field path is about (`book.isbn` → isbn, `texts.1.title` → the sheet's title_N …). */
function columnOf(field: string, row: Row): string {
  const [head, a, b] = field.split('.');
  switch (head) {
    case 'organisationId': return 'organisation_code';
    case 'texts': {
      if (a === undefined) return 'title_1';
      const n = row.textCol[Number(a)] ?? Number(a) + 1;
      return b === 'language' ? `title_${n}_lang` : b === 'description' ? `description_${n}` : `title_${n}`;
    }
    case 'topicIds': return 'topics';
    case 'relations': return row.relCol[Number(a)] ?? 'translation_of';
    case 'book': {
      if (a === undefined) return row.bookCol;
      return ({ isbn: 'isbn', publisher: 'publisher', year: 'year', pages: 'pages', edition: 'edition', editionOfId: 'edition_of' } as Record<string, string>)[a] ?? 'kind';
    }
    case 'kind': case 'channel': case 'date': case 'languages': case 'audiences': case 'rights': case 'licence': case 'url': case 'status': return head;
    default: return 'row';
  }
}

// ---------------------------------------------------------------- the lookups of a bulk import

type Node = { id: number; kind: string; root: number | null; editionOfId: number | null; edges: { kind: string; to: number }[]; fromFile?: boolean };

/** validateProduct's questions answered from one load: the products the rows name (and everything reachable from them
 *  through relations and earlier editions), overlaid with what the rows will write. */
async function bulkLookups(tx: Db, writes: Row[], rowsById: Map<number, Row>, languageCodes: Set<string>, topicIds: Set<number>, isbnHolders: Map<string, { id: number; title: string | null }[]>): Promise<ProductLookups & { node(id: number): Node | undefined }> {
  const world = new Map<number, Node>();
  const start = new Set<number>();
  for (const r of writes) {
    if (!r.isNew) start.add(r.id);
    const b = r.input!.book;
    if (b?.editionOfId) start.add(b.editionOfId);
    for (const rel of r.input!.relations) start.add(rel.targetId);
  }
  const writing = new Set(writes.map((r) => r.id));
  for (const id of writing) start.delete(id);
  const updated = writes.filter((r) => !r.isNew).map((r) => r.id);
  if (start.size || updated.length) {
    // Later editions of the updated products, then everything reachable from the named products.
    const later = updated.length ? await sqlRows<{ id: number }>(tx, sql`select id from library_products where edition_of_id = any(${intArray(updated)})`) : [];
    for (const l of later) start.add(Number(l.id));
    for (const id of updated) start.add(id);
    const reach = await sqlRows<{ id: number }>(tx, sql`
      with recursive reach(id, depth) as (
        select x, 0 from unnest(${intArray(start)}) x
        union
        select n.next, reach.depth + 1 from reach cross join lateral (
          select r.to_id as next from library_relations r where r.from_id = reach.id
          union all select p.edition_of_id from library_products p where p.id = reach.id and p.edition_of_id is not null
        ) n where reach.depth < 1000
      ) select distinct id from reach`);
    const ids = reach.map((r) => Number(r.id));
    for (const part of chunks(ids, 5000)) {
      const [products, edges] = await Promise.all([
        sqlRows<{ id: number; kind: string; root: number | null; prev: number | null }>(tx, sql`select id, kind, title_root_id as root, edition_of_id as prev from library_products where id = any(${intArray(part)})`),
        sqlRows<{ f: number; t: number; kind: string }>(tx, sql`select from_id as f, to_id as t, kind from library_relations where from_id = any(${intArray(part)})`),
      ]);
      for (const p of products) world.set(Number(p.id), { id: Number(p.id), kind: p.kind, root: p.root === null ? null : Number(p.root), editionOfId: p.prev === null ? null : Number(p.prev), edges: [] });
      for (const e of edges) world.get(Number(e.f))?.edges.push({ kind: e.kind, to: Number(e.t) });
    }
  }
  // What the rows will write replaces the stored products (new ones get their ids already).
  for (const r of writes) {
    const b = r.input!.kind === 'book' ? r.input!.book ?? null : null;
    const editionOfId = b?.edition === 'republication' ? b.editionOfId ?? null : null;
    const edges = r.input!.relations.map((x) => ({ kind: x.kind as string, to: x.targetId }));
    if (editionOfId && !edges.some((e) => e.kind === 'edition_of' && e.to === editionOfId)) edges.push({ kind: 'edition_of', to: editionOfId });
    world.set(r.id, { id: r.id, kind: r.input!.kind, root: rowsById.get(r.id)?.before?.book?.titleRootId ?? null, editionOfId, edges, fromFile: true });
  }
  const stored = new Map<number, number>(); // id → number of stored products (not rewritten here) naming it as their earlier edition
  for (const n of world.values()) if (n.editionOfId && !n.fromFile) stored.set(n.editionOfId, (stored.get(n.editionOfId) ?? 0) + 1);
  return {
    node: (id) => world.get(id),
    knownLanguages: async (codes) => new Set(codes.filter((c) => languageCodes.has(c))),
    knownTopics: async (ids) => new Set(ids.filter((i) => topicIds.has(i))),
    isbnHolder: async (isbn, selfId) => isbnHolders.get(isbn)?.find((h) => h.id !== selfId),
    product: async (id) => { const n = world.get(id); return n ? { id, kind: n.kind, root: n.root } : undefined; },
    existingProducts: async (ids) => new Set(ids.filter((i) => world.has(i))),
    editionChain: async (id) => {
      const out: number[] = [];
      for (let n = world.get(id), seen = 0; n && seen < 1000 && !out.includes(n.id); n = n.editionOfId ? world.get(n.editionOfId) : undefined, seen++) out.push(n.id);
      return out;
    },
    reaches: async (kind, from, self) => {
      const seen = new Set<number>([from]);
      const todo = [from];
      while (todo.length) {
        const id = todo.pop()!;
        if (id === self) return true;
        for (const e of world.get(id)?.edges ?? []) if (e.kind === kind && !seen.has(e.to)) { seen.add(e.to); todo.push(e.to); }
      }
      return false;
    },
    // Stored re-publications only (as for the service, where a new product has none): a row of the file naming a
    // product that is not a book is told so on its own row.
    laterEditions: async (id) => stored.get(id) ?? 0,
  };
}

// ---------------------------------------------------------------- the writes

/** Inserts rows given as JSON objects in one statement per chunk (jsonb_to_recordset: one bound parameter, however many
 *  rows; far cheaper than thousands of parameters on PGlite). `cols`: column → SQL type, in the objects' keys. */
async function insertJson(tx: Db, table: string, cols: Record<string, string>, items: Record<string, unknown>[], chunk = 2000) {
  const names = Object.keys(cols);
  const list = sql.raw(names.map((n) => `"${n}"`).join(', '));
  const types = sql.raw(names.map((n) => `"${n}" ${cols[n]}`).join(', '));
  for (const part of chunks(items, chunk)) {
    await tx.execute(sql`insert into ${sql.raw(table)} (${list}) select ${list} from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as x(${types})`);
  }
}

/** What an import writes for a row, in the form of productAsInput. */
function writtenAsInput(r: Row, kids: ReturnType<typeof productChildRows>, titleRootId: number | null, publishedAt: string | null) {
  const c = productRow(r.input!, r.resolved!);
  return {
    id: r.id, status: r.status, publishedAt, kind: c.kind, organisationId: c.organisationId, date: c.date, channel: c.channel,
    texts: kids.texts.map((t) => ({ language: t.language, title: t.title, description: t.description })), languages: kids.languages.map((l) => l.language),
    audiences: kids.audiences.map((a) => a.audience), topicIds: kids.topics.map((t) => t.topicId), rights: c.rights, licence: c.licence, url: c.url,
    relations: kids.relations.map((x) => ({ kind: x.kind, targetId: x.toId })),
    book: c.edition ? { isbn: c.isbn, publisher: c.publisher, year: c.bookYear, pages: c.pages, edition: c.edition, editionOfId: c.editionOfId, titleRootId } : null,
  };
}

const PRODUCT_COLUMNS_SQL: Record<string, string> = {
  id: 'int', kind: 'text', organisation_id: 'int', channel: 'text', date: 'date', rights: 'text', licence: 'text', url: 'text', isbn: 'text', publisher: 'text',
  book_year: 'int', pages: 'int', edition: 'text', edition_of_id: 'int', title_root_id: 'int', status: 'text', published_at: 'timestamptz',
  search_text: 'text', search_exact: 'text', search_title: 'text', sort_key: 'text',
};

async function writeAll(tx: Db, actor: Actor, all: Row[], writes: Row[], rowCount: number, lookups: { node(id: number): Node | undefined }, phase: (p: string) => void): Promise<LibraryImportResult> {
  const now = new Date().toISOString();
  const byId = new Map(writes.map((r) => [r.id, r]));
  // Title roots: the service's rule (a re-publication's root is its earlier edition's root), through the file's rows.
  const rootOf = (r: Row, depth = 0): number | null => {
    if (r.input!.kind !== 'book') return null;
    const prev = r.resolved!.editionOf?.id;
    if (!prev) return r.id;
    const inFile = byId.get(prev);
    if (inFile && depth < 1000) return rootOf(inFile, depth + 1);
    return lookups.node(prev)?.root ?? prev;
  };
  const created = writes.filter((r) => r.isNew);
  const updated = writes.filter((r) => !r.isNew);
  const publishes = writes.filter((r) => r.status === 'published' && r.before?.status !== 'published');
  const children = new Map(writes.map((r) => [r.id, productChildRows(r.id, r.input!, r.resolved!)]));

  // Updated products lose their child rows and outgoing relations (as updateProduct's writeChildren does); their search
  // fields keep their files' extracted text (as refreshProductSearch does).
  const fileTexts = new Map<number, string[]>();
  for (const part of chunks(updated.map((r) => r.id), 5000)) {
    const ids = intArray(part);
    for (const f of await sqlRows<{ product_id: number; t: string | null }>(tx, sql`select product_id, extracted_text as t from library_files where product_id = any(${ids}) order by id`)) {
      fileTexts.set(Number(f.product_id), [...(fileTexts.get(Number(f.product_id)) ?? []), f.t ?? '']);
    }
    for (const table of ['library_product_texts', 'library_product_languages', 'library_product_audiences', 'library_product_topics']) {
      await tx.execute(sql`delete from ${sql.raw(table)} where product_id = any(${ids})`);
    }
    await tx.execute(sql`delete from library_relations where from_id = any(${ids})`);
  }
  const productValues = (r: Row) => {
    const c = productRow(r.input!, r.resolved!);
    const s = productSearchFields(children.get(r.id)!.texts, fileTexts.get(r.id) ?? []);
    return {
      id: r.id, kind: c.kind, organisation_id: c.organisationId, channel: c.channel, date: c.date, rights: c.rights, licence: c.licence, url: c.url,
      isbn: c.isbn, publisher: c.publisher, book_year: c.bookYear, pages: c.pages, edition: c.edition, edition_of_id: c.editionOfId, title_root_id: rootOf(r),
      status: r.status, published_at: r.status === 'published' && r.before?.status !== 'published' ? now : null,
      search_text: s.searchText, search_exact: s.searchExact, search_title: s.searchTitle, sort_key: s.sortKey,
    };
  };
  const types = sql.raw(Object.entries(PRODUCT_COLUMNS_SQL).map(([n, t]) => `${n} ${t}`).join(', '));
  for (const part of chunks(updated, 2000)) {
    await tx.execute(sql`
      update library_products p set kind = v.kind, organisation_id = v.organisation_id, channel = v.channel, date = v.date, rights = v.rights,
        licence = v.licence, url = v.url, isbn = v.isbn, publisher = v.publisher, book_year = v.book_year, pages = v.pages, edition = v.edition,
        edition_of_id = v.edition_of_id, title_root_id = v.title_root_id, status = v.status, published_at = coalesce(v.published_at, p.published_at),
        search_text = v.search_text, search_exact = v.search_exact, search_title = v.search_title, sort_key = v.sort_key, updated_at = ${now}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(part.map(productValues))}::jsonb) as v(${types})
      where p.id = v.id`);
  }
  phase('updates written');
  // New products, with the ids they were given.
  await insertJson(tx, 'library_products', { ...PRODUCT_COLUMNS_SQL, created_by: 'int' }, created.map((r) => ({ ...productValues(r), created_by: actor.userId })), 1000);
  phase('products inserted');
  // Child rows of both.
  const kids = [...children.values()];
  await insertJson(tx, 'library_product_texts', { product_id: 'int', position: 'int', language: 'text', title: 'text', description: 'text' },
    kids.flatMap((c) => c.texts.map((x) => ({ product_id: x.productId, position: x.position, language: x.language, title: x.title, description: x.description }))));
  await insertJson(tx, 'library_product_languages', { product_id: 'int', language: 'text' }, kids.flatMap((c) => c.languages.map((x) => ({ product_id: x.productId, language: x.language }))), 10_000);
  await insertJson(tx, 'library_product_audiences', { product_id: 'int', audience: 'int' }, kids.flatMap((c) => c.audiences.map((x) => ({ product_id: x.productId, audience: x.audience }))), 10_000);
  await insertJson(tx, 'library_product_topics', { product_id: 'int', topic_id: 'int' }, kids.flatMap((c) => c.topics.map((x) => ({ product_id: x.productId, topic_id: x.topicId }))), 10_000);
  await insertJson(tx, 'library_relations', { from_id: 'int', to_id: 'int', kind: 'text' }, kids.flatMap((c) => c.relations.map((x) => ({ from_id: x.fromId, to_id: x.toId, kind: x.kind }))), 10_000);
  // Later editions (not in the file) of updated books follow their new title root, as updateProduct's setTitleRoots does.
  const roots = updated.filter((r) => r.input!.kind === 'book' || r.before?.kind === 'book').map((r) => ({ id: r.id, root: rootOf(r) }));
  if (roots.length) {
    await tx.execute(sql`
      with recursive later(id, root, depth) as (
        select p.id, s.root, 1 from library_products p join jsonb_to_recordset(${JSON.stringify(roots)}::jsonb) as s(id int, root int) on p.edition_of_id = s.id
        where not (p.id = any(${intArray(byId.keys())}))
        union select p.id, l.root, l.depth + 1 from library_products p join later l on p.edition_of_id = l.id where l.depth < 1000
      ) update library_products set title_root_id = later.root from later where library_products.id = later.id`);
  }
  noteLibraryWrite();
  phase('child rows inserted');

  // Audit: an entry per product created or updated (before and after in the form of its input, with its id and status:
  // the full API view of 20,000 products would double the import's time), one per publication, one for the import.
  type Entry = { actor_id: number | null; actor_name: string; via: string; action: string; entity: string; entity_id: string | null; before: unknown; after: unknown };
  const entry = (action: string, id: number | null, before: unknown, after: unknown, entity = AUDIT_ENTITY): Entry => ({
    actor_id: actor.userId, actor_name: actor.name, via: actor.via, action, entity, entity_id: id === null ? null : String(id), before: before ?? null, after: after ?? null,
  });
  const AUDIT_COLUMNS = { actor_id: 'int', actor_name: 'text', via: 'text', action: 'text', entity: 'text', entity_id: 'text', before: 'jsonb', after: 'jsonb' };
  for (const part of chunks(writes, 1000)) {
    const entries: Entry[] = [];
    for (const r of part) {
      const published = r.status === 'published' && r.before?.status !== 'published';
      entries.push(entry(r.isNew ? 'create' : 'update', r.id, r.before ? productAsInput(r.before) : null, writtenAsInput(r, children.get(r.id)!, rootOf(r), published ? now : r.before?.publishedAt ?? null)));
      if (published) entries.push(entry('publish', r.id, null, { id: r.id, status: 'published', publishedAt: now }));
    }
    await insertJson(tx, 'audit_log', AUDIT_COLUMNS, entries, 1000);
  }
  const result: LibraryImportResult = { created: created.length, updated: updated.length, published: publishes.length, unchanged: all.length - writes.length, rows: rowCount };
  await insertJson(tx, 'audit_log', AUDIT_COLUMNS, [entry('import', null, null, result, 'library')]);
  phase('audited');
  return result;
}

// ---------------------------------------------------------------- template and export

type SheetData = { products: C.Product[]; truncated: boolean } | null;

const HELP_COLUMNS: [string, string, string, string][] = [
  ['id', '', 'Để trống khi thêm sản phẩm mới. Có id: cập nhật sản phẩm đó (cột nào không có trong tệp thì giữ nguyên; dòng không đổi thì không ghi).',
    'Empty for a new product. With an id: updates that product (columns missing from the file keep its values; an unchanged row is not written).'],
  ['ref', '', 'Mã tham chiếu của dòng trong tệp này (chữ, số, . _ -, có ít nhất một chữ cái), để các dòng khác trỏ tới (edition_of, translation_of, part_of), theo thứ tự bất kỳ.',
    "The row's own reference in this file (letters, digits, . _ -, at least one letter), for other rows to point to (edition_of, translation_of, part_of), in any order."],
  ['kind', 'x', 'Loại sản phẩm (xem danh sách bên dưới).', 'Kind of product (see the list below).'],
  ['organisation_code', 'x', 'Mã cơ quan, tổ chức thực hiện (xem danh sách bên dưới). Biên tập viên chỉ nhập cho cơ quan mình và đơn vị trực thuộc.',
    'Code of the organisation (see the list below). Editors import only for their own organisation and the units below it.'],
  ['date', 'x', 'Ngày sản xuất hoặc phát hành: YYYY-MM-DD (hoặc DD/MM/YYYY).', 'Date produced or published: YYYY-MM-DD (or DD/MM/YYYY).'],
  ['channel', 'x', 'Kênh (xem danh sách bên dưới).', 'Channel (see the list below).'],
  ['languages', 'x', 'Ngôn ngữ của nội dung: mã ISO 639-3, cách nhau bằng dấu ; (ví dụ vie;eng).', 'Languages of the content: ISO 639-3 codes separated by ; (e.g. vie;eng).'],
  ['title_1_lang', '', 'Ngôn ngữ của tên chính (mã ISO 639-3); để trống = ngôn ngữ đầu tiên ở cột languages.', 'Language of the main title (ISO 639-3); empty = the first code in languages.'],
  ['title_1', 'x', 'Tên chính.', 'Main title.'],
  ['description_1', '', 'Mô tả bằng ngôn ngữ của tên chính.', 'Description in the language of the main title.'],
  ['title_2_lang, title_2, description_2, title_3_lang …', '', 'Tên và mô tả bằng ngôn ngữ khác (mỗi ngôn ngữ một tên; có thể thêm cột title_4_lang, title_4, description_4 … đến 20).',
    'Title and description in another language (one per language; columns title_4_lang, title_4, description_4 … up to 20 may be added).'],
  ['audiences', '', 'Nhóm đối tượng 1–6, cách nhau bằng dấu ; (ví dụ 1;3).', 'Target groups 1–6 separated by ; (e.g. 1;3).'],
  ['topics', '', 'Mã chủ đề, cách nhau bằng dấu ; (xem danh sách bên dưới).', 'Topic codes separated by ; (see the list below).'],
  ['rights', '', 'Chủ sở hữu quyền, ghi chú bản quyền.', 'Rights holder, copyright note.'],
  ['licence', '', 'Giấy phép, ví dụ CC BY 4.0.', 'Licence, e.g. CC BY 4.0.'],
  ['url', '', 'Đường dẫn ổn định (http:// hoặc https://).', 'Stable link (http:// or https://).'],
  ['isbn', '', 'Sách: ISBN-10 hoặc ISBN-13 (có hoặc không có gạch nối); số kiểm tra sai sẽ được gợi ý số đúng. Mỗi ISBN một sản phẩm.',
    'Books: ISBN-10 or ISBN-13 (hyphens optional); a wrong check digit is answered with the right one. One product per ISBN.'],
  ['publisher, year, pages', '', 'Sách: nhà xuất bản, năm xuất bản, số trang.', 'Books: publisher, year, number of pages.'],
  ['edition', '', 'Sách: first (xuất bản lần đầu, mặc định) hoặc republication (tái bản).', 'Books: first (first publication, the default) or republication.'],
  ['edition_of', '', 'Tái bản của: ref của dòng khác, id sản phẩm hoặc ISBN của ấn bản trước (bắt buộc khi edition = republication).',
    'Edition of: a ref in this file, a product id or the ISBN of the earlier edition (required for edition = republication).'],
  ['translation_of', '', 'Bản dịch của: ref, id hoặc ISBN; nhiều giá trị cách nhau bằng dấu ;.', 'Translation of: ref, id or ISBN; several separated by ;.'],
  ['part_of', '', 'Là một phần của: ref, id hoặc ISBN; nhiều giá trị cách nhau bằng dấu ;.', 'Part of: ref, id or ISBN; several separated by ;.'],
  ['status', '', 'draft (bản nháp, mặc định) hoặc published (công bố ngay). Sản phẩm đã công bố không trở lại bản nháp; thu hồi sản phẩm trong phần mềm (cần lý do).',
    'draft (the default) or published (published at once). A published product does not return to draft; withdraw products in the workspace (it needs a reason).'],
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
    for (const todo = [actor.organisationId]; todo.length;) { const id = todo.pop()!; if (!mine.has(id)) { mine.add(id); todo.push(...(children.get(id) ?? [])); } }
    orgs = orgs.filter((o) => mine.has(o.id));
  }

  // ---- the help sheet's rows, laid out first: the drop-down lists point at its cells
  type HelpRow = { cells: (string | number)[]; font?: Partial<ExcelJS.Font> };
  const helpRows: HelpRow[] = [
    { cells: ['RightsHub — Nhập sản phẩm thư viện từ Excel / Importing library products from Excel'], font: { bold: true, size: 13 } },
    { cells: ['Mỗi dòng của trang "products" là một sản phẩm. Tệp có lỗi thì không dòng nào được nhập; mọi lỗi được liệt kê theo dòng và cột.',
      'One row of the "products" sheet is one product. A file with any error imports nothing; every error is listed by row and column.'] },
  ];
  if (data?.truncated) helpRows.push({ cells: [`Bản xuất này chỉ gồm ${MAX_IMPORT_ROWS} sản phẩm đầu tiên / This export holds the first ${MAX_IMPORT_ROWS} products only.`], font: { bold: true } });
  helpRows.push({ cells: [] });
  const section = (title: string, head: string[], items: (string | number)[][]) => {
    helpRows.push({ cells: [title], font: { bold: true, size: 12 } }, { cells: head, font: { bold: true } });
    const first = helpRows.length + 1;
    for (const it of items) helpRows.push({ cells: it });
    helpRows.push({ cells: [] });
    return `'${HELP}'!$A$${first}:$A$${Math.max(first, first + items.length - 1)}`;
  };
  section('Cột / Columns', ['cột / column', 'bắt buộc / required', 'ý nghĩa', 'meaning'], HELP_COLUMNS);
  const kindRange = section('kind', ['mã / code', 'tiếng Việt', 'English'], C.PRODUCT_KINDS.map((k) => [k, KIND_LABELS[k].vi, KIND_LABELS[k].en]));
  const channelRange = section('channel', ['mã / code', 'tiếng Việt', 'English', 'nền tảng số / digital (T4b)'],
    C.CHANNELS.map((c) => [c, CHANNEL_LABELS[c].vi, CHANNEL_LABELS[c].en, C.isDigitalChannel(c) ? 'x' : '']));
  section('audiences', ['số / number', 'tiếng Việt', 'English'], C.AUDIENCES.map((a) => [a, AUDIENCE_LABELS[a]!.vi, AUDIENCE_LABELS[a]!.en]));
  const langRange = section('languages (ISO 639-3)', ['mã / code', 'tiếng Việt', 'English', 'nhóm / group'], langs.map((l) => [l.code, l.nameVi, l.nameEn, l.group]));
  section('topics', ['mã / code', 'tiếng Việt', 'English'], topics.map((t) => [t.code, t.nameVi, t.nameEn]));
  section('edition', ['mã / code', 'tiếng Việt', 'English'], [['first', 'Xuất bản lần đầu', 'First publication'], ['republication', 'Tái bản', 'Re-publication']]);
  section('status', ['mã / code', 'tiếng Việt', 'English'], [['draft', 'Bản nháp', 'Draft'], ['published', 'Công bố', 'Published']]);
  const orgRange = section(actor.role === 'editor' ? 'organisation_code (cơ quan của bạn / your organisations)' : 'organisation_code',
    ['mã / code', 'tên / name', 'name (English)'], orgs.map((o) => [o.code, o.nameVi, o.nameEn ?? '']));

  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (c: Buffer) => parts.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  wb.creator = 'RightsHub';

  // ---- the products sheet
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ width: /^(title|description)_\d+$/.test(c) ? 40 : c === 'organisation_code' || c === 'url' || c === 'rights' ? 24 : 14 }));
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
  const pick = (c: string, formula: string) => dv.add(range(c), {
    type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true, errorStyle: 'warning', errorTitle: c, error: `Không có trong danh sách (trang ${HELP}) / not in the list (sheet ${HELP})`,
  });
  pick('kind', kindRange);
  pick('channel', channelRange);
  pick('organisation_code', orgRange);
  for (let n = 1; n <= texts; n++) pick(`title_${n}_lang`, langRange);
  pick('edition', '"first,republication"');
  pick('status', '"draft,published"');
  for (const c of ['year', 'pages']) {
    dv.add(range(c), { type: 'whole', operator: 'between', allowBlank: true, formulae: c === 'year' ? [1900, 2100] : [1, 100000], showErrorMessage: true, errorTitle: c, error: 'Số nguyên / a whole number' });
  }
  for (const [c, prompt] of [['languages', 'vie;eng'], ['audiences', '1;3 (1–6)'], ['topics', 'children;women']] as const) {
    dv.add(range(c), { type: 'custom', allowBlank: true, formulae: ['TRUE'], showInputMessage: true, promptTitle: c, prompt: `; — ${prompt}` });
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
export async function exportProducts(db: Db, actor: Actor, query: Omit<C.ProductListQuery, 'limit' | 'offset'>): Promise<{ buf: Buffer; count: number; truncated: boolean }> {
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
