// Library products in Excel (library.excel.ts): the import — the sheet read with limits, every row turned into
// a ProductInput and validated (library.validate.ts) against lookups loaded once, every problem named by row and column.
import { sql } from 'drizzle-orm';
import type { FieldIssue } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/library.js';
import type { Actor } from '../../kernel/audit.js';
import { intArray, rows as sqlRows, type Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { noProgress, type ProgressReporter } from '../../kernel/progress.js';
import { assertDatesWritable } from '../../kernel/dateLock.js';
import { readFirstSheet } from '../directory/organisations.excel.js';
import { assertCanWriteUnder, findOrganisationByCode, organisationTree } from '../directory/organisations.service.js';
import { listTopics } from '../press/press.topics.js';
import { checkIsbn } from './library.isbn.js';
import { listLanguages, loadProducts } from './library.service.js';
import { isRealDate, validateProduct } from './library.validate.js';
import {
  ACCEPTED,
  BOOK_COLUMNS,
  canonicalOfInput,
  canonicalOfProduct,
  chunks,
  ESSENTIAL,
  IMPORT_STATUSES,
  LIBRARY_COLUMNS,
  type LibraryImportResult,
  list,
  MAX_INT,
  MAX_TEXTS,
  orNull,
  productCells,
  productColumns,
  RELATION_COLUMNS,
  type Row,
  TEMPLATE_TEXTS,
  textArray,
  textColumns,
} from './library.excel.columns.js';
import { bulkLookups, writeAll } from './library.excel.write.js';

function importError(all: FieldIssue[], order: string[]): AppError {
  const seen = new Set<string>();
  const issues = all.filter((i) => {
    const k = `${i.row}|${i.field}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const col = (f: string) => {
    const i = order.indexOf(f);
    return i < 0 ? order.length : i;
  };
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || col(a.field) - col(b.field));
  const rowsWithIssues = new Set(issues.map((i) => i.row)).size;
  return new AppError('import_invalid', `${issues.length} problem(s) in ${rowsWithIssues} row(s); nothing was imported`, issues);
}

type SheetRow = { row: number; values: Record<string, string> };

/** The first sheet of an .xlsx upload, streamed with limits checked while reading (kernel/xlsx): its header (lower
 *  case) and its non-empty rows, cells as NFC text (dates as YYYY-MM-DD). The header is checked against `accepted`;
 *  `required(header)` names the columns it must have. */
async function readSheet(
  buf: Buffer,
  accepted: readonly string[],
  required: (header: string[]) => string[],
  progress: ProgressReporter,
): Promise<{ header: string[]; rows: SheetRow[] }> {
  const table = await readFirstSheet(buf, progress); // refuses what is not a readable .xlsx (415) or is over a limit (413)
  const header = table.header.map((c) => c.toLowerCase());
  const issues: FieldIssue[] = [];
  for (const h of header)
    if (h && !accepted.includes(h))
      issues.push({
        row: 1,
        field: h,
        message: `unknown column "${h}"; expected: ${LIBRARY_COLUMNS.join(', ')} (title_N_lang, title_N, description_N up to N = 20)`,
      });
  for (const c of required(header)) if (!header.includes(c)) issues.push({ row: 1, field: c, message: `missing column "${c}"` });
  if (issues.length) throw new AppError('import_invalid', 'The header row is wrong', issues);
  const rows: SheetRow[] = [];
  for (const { row, cells } of table.rows) {
    const values: Record<string, string> = {};
    header.forEach((h, idx) => {
      if (h) values[h] = cells[idx] ?? '';
    });
    if (Object.values(values).every((x) => x === '')) continue;
    rows.push({ row, values });
  }
  if (!rows.length)
    throw new AppError('import_invalid', 'The sheet has no data rows', [
      { row: 2, field: 'file', message: 'no data rows below the header' },
    ]);
  return { header, rows };
}

/** Imports a filled-in template (see the file's head). Throws import_invalid listing every problem, writing nothing. */
export async function importProducts(
  db: Db,
  actor: Actor,
  buf: Buffer,
  opts: { onPhase?: (phase: string) => void; progress?: ProgressReporter } = {},
): Promise<LibraryImportResult> {
  const phase = opts.onPhase ?? (() => undefined);
  const progress = opts.progress ?? noProgress;
  const { header, rows: rowsIn } = await readSheet(buf, ACCEPTED, (h) => (h.includes('id') ? [] : ESSENTIAL), progress);
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
      const row: Row = {
        row: r.row,
        v: r.values,
        id: 0,
        isNew: true,
        status: 'draft',
        textCol: [],
        relCol: [],
        bookCol: 'kind',
        isbn13: null,
        changed: true,
      };
      all.push(row);
      const idCell = r.values.id ?? '';
      if (!idCell) continue;
      const id = /^\d{1,10}$/.test(idCell) ? Number(idCell) : NaN;
      if (!(id >= 1 && id <= MAX_INT)) {
        add(row, 'id', `"${idCell}" is not a product id (leave it empty for a new product)`);
        row.isNew = false;
        continue;
      }
      row.isNew = false;
      row.id = id;
      const other = rowsById.get(id);
      if (other) {
        add(row, 'id', `product ${id} is already on row ${other.row}`);
        row.id = 0;
        continue;
      }
      rowsById.set(id, row);
    }
    if (rowsById.size) {
      // Lock what is updated, then read it as the API shows it.
      const ids = [...rowsById.keys()];
      await tx.execute(sql`select id from library_products where id = any(${intArray(ids)}) order by id for update`);
      for (const part of chunks(ids, 1000)) for (const p of await loadProducts(tx, part)) rowsById.get(p.id)!.before = p;
      for (const row of rowsById.values())
        if (!row.before) {
          add(row, 'id', `no product ${row.id}`);
          row.id = 0;
        }
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
      if (!/^[\p{L}\p{N}._-]{1,60}$/u.test(ref) || !/\p{L}/u.test(ref)) {
        add(
          row,
          'ref',
          `"${ref.slice(0, 80)}" is not a ref: 1–60 letters, digits, . _ - with at least one letter (so it cannot be taken for a product id)`,
        );
        continue;
      }
      const other = byRef.get(ref.toLowerCase());
      if (other) {
        add(row, 'ref', `ref ${ref} is already used on row ${other.row}`);
        continue;
      }
      byRef.set(ref.toLowerCase(), row);
    }
    const fresh = all.filter((r) => r.isNew);
    if (fresh.length) {
      const ids = await sqlRows<{ id: number }>(
        tx,
        sql`select nextval(pg_get_serial_sequence('library_products', 'id'))::int as id from generate_series(1, ${fresh.length})`,
      );
      fresh.forEach((r, i) => {
        r.id = Number(ids[i]!.id);
      });
    }
    const rowOfId = new Map(all.filter((r) => r.id).map((r) => [r.id, r]));
    // Messages name products by id; a new product of this file is named by its row.
    const friendly = (m: string) =>
      m.replace(/(product #?|no product |edition )(\d+)/g, (whole, lead: string, n: string) => {
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
    for (const row of all)
      for (const col of Object.values(RELATION_COLUMNS))
        for (const t of list(row.v[col]))
          if (!byRef.has(t.toLowerCase()) && looksIsbn(t)) {
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
      const held = await sqlRows<{ id: number; isbn: string; title: string | null }>(
        tx,
        sql`
        select p.id, p.isbn, t.title from library_products p left join library_product_texts t on t.product_id = p.id and t.position = 0
        where p.isbn = any(${textArray(allIsbns)}) and p.status <> 'withdrawn' order by p.id`,
      );
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
        if (!c.valid) {
          add(row, col, c.message);
          return null;
        }
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

    // The figure: rows matched (refs, ISBNs, organisations, topics, languages resolved) of all rows.
    for (const [i, row] of all.entries()) {
      await progress.step('match', i, all.length);
      const v = row.v;
      if (row.id === 0 && !row.isNew) continue; // a bad id: nothing more to say about the row
      // status
      const st = (v.status ?? '').toLowerCase();
      if (row.before?.status === 'withdrawn') {
        row.status = 'withdrawn';
        if (st && st !== 'withdrawn')
          add(row, 'status', `product ${row.id} is withdrawn; a withdrawn product is not edited or published again`);
      } else if (!st) row.status = row.before?.status ?? 'draft';
      else if ((IMPORT_STATUSES as readonly string[]).includes(st)) {
        row.status = st as C.ProductStatus;
        if (row.before?.status === 'published' && st === 'draft')
          add(row, 'status', 'a published product does not return to draft (withdraw it in the workspace if it must go)');
      } else
        add(
          row,
          'status',
          st === 'withdrawn'
            ? 'withdraw a product in the workspace (it needs a reason)'
            : `"${v.status}" is not a status: draft or published`,
        );
      // what a new product needs
      if (row.isNew)
        for (const c of ESSENTIAL) if (!v[c]) add(row, c, present.has(c) ? 'required' : `required: the sheet has no column ${c}`);
      // organisation
      let organisationId: number | undefined;
      if (v.organisation_code) {
        const id = orgIds.get(v.organisation_code.toLowerCase());
        if (id) organisationId = id;
        else {
          add(row, 'organisation_code', `no organisation has code ${v.organisation_code.slice(0, 80)}`);
          organisationId = MAX_INT;
        }
      }
      // date: YYYY-MM-DD, or DD/MM/YYYY as typed in Viet Nam
      const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(v.date ?? '');
      const date = dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : v.date || undefined;
      // Cells checked on their own, so that a row with a required cell empty still hears about its date, ISBN, link and
      // languages in the same pass (the contract and validateProduct run only on a row whose cells make an input).
      if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date))
        add(row, 'date', `"${v.date!.slice(0, 40)}" is not a date: write it as dd/mm/yyyy or yyyy-mm-dd`);
      else if (date && !isRealDate(date)) add(row, 'date', `${date} is not a calendar date`);
      if (v.isbn) {
        const c = checkIsbn(v.isbn);
        if (!c.valid) add(row, 'isbn', c.message);
      }
      if (v.url && !/^https?:\/\//i.test(v.url)) add(row, 'url', 'must be an http:// or https:// address');
      for (const code of list(v.languages))
        if (!languageCodes.has(code.toLowerCase()))
          add(row, 'languages', `unknown language code ${code.slice(0, 20)} (ISO 639-3, from the language list)`);
      // texts
      const langs = list(v.languages).map((x) => x.toLowerCase());
      const texts: Record<string, unknown>[] = [];
      for (let n = 1; n <= MAX_TEXTS; n++) {
        const [lc, tc, dc] = textColumns(n);
        if (!v[lc!] && !v[tc!] && !v[dc!]) continue;
        // The main title's language defaults to the first content language (when that is missing too, that is the problem).
        if (n === 1 && !v[lc!] && !langs[0]) flagged.add(`${row.row}|${lc}`);
        if (v[lc!] && !languageCodes.has(v[lc!]!.toLowerCase()))
          add(row, lc!, `unknown language code ${v[lc!]!.slice(0, 20)} (ISO 639-3, from the language list)`);
        texts.push({
          language: (v[lc!] || (n === 1 ? (langs[0] ?? '') : '')).toLowerCase(),
          title: v[tc!] ?? '',
          description: orNull(v[dc!]),
        });
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
      const targets = (col: string) =>
        list(v[col])
          .map((t) => resolveTarget(row, col, t))
          .filter((x): x is number => x !== null);
      let book: Record<string, unknown> | null = null;
      const editionOf = targets('edition_of');
      if (kind === 'book' || bookCol) {
        const edition = (v.edition ?? '').toLowerCase();
        book = {
          isbn: orNull(v.isbn),
          publisher: orNull(v.publisher),
          year: num('year'),
          pages: num('pages'),
          edition: edition || undefined,
        };
        if (editionOf.length) {
          book.editionOfId = editionOf[0];
          // A re-publication is an edition of one book; further edition_of links are plain relations.
          for (const t of editionOf.slice(1)) {
            relations.push({ kind: 'edition_of', targetId: t });
            row.relCol.push('edition_of');
          }
        }
      } else
        for (const t of editionOf) {
          relations.push({ kind: 'edition_of', targetId: t });
          row.relCol.push('edition_of');
        }
      for (const k of ['translation_of', 'part_of'] as const)
        for (const t of targets(k)) {
          relations.push({ kind: k, targetId: t });
          row.relCol.push(k);
        }
      row.raw = {
        kind,
        organisationId,
        texts,
        languages: langs,
        channel: v.channel ?? '',
        audiences,
        topicIds,
        date,
        rights: orNull(v.rights),
        licence: orNull(v.licence),
        url: orNull(v.url),
        relations,
        book,
      };
    }

    phase('cells');
    // ---- the contract
    for (const row of all) {
      if (!row.raw) continue;
      try {
        row.input = parseInput(C.ProductInput, row.raw);
      } catch (e) {
        report(row, e);
      }
      if (row.input && row.before) {
        row.changed = canonicalOfInput(row.input, row.status) !== canonicalOfProduct(row.before);
        if (row.changed && row.before.status === 'withdrawn')
          add(row, 'id', `product ${row.id} is withdrawn; a withdrawn product is not edited (leave its row as exported, or remove it)`);
      }
    }
    function report(row: Row, e: unknown) {
      if (!(e instanceof AppError) || e.code === 'internal' || e.code === 'not_found') throw e;
      const ds =
        Array.isArray(e.details) && e.details.length
          ? (e.details as { field: string; message: string }[])
          : [{ field: '(input)', message: e.message }];
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
        try {
          await assertCanWriteUnder(tx, importActor, orgId, "the product's organisation");
          mayWrite.set(orgId, null);
        } catch (e) {
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
        try {
          await assertDatesWritable(tx, importActor, [
            { field: 'date', day: row.before?.date },
            { field: 'date', day: row.input!.date },
          ]);
        } catch (e) {
          if (!(e instanceof AppError) || e.code !== 'forbidden') throw e;
          add(row, 'date', (e.details as { message: string }[])[0]?.message ?? e.message);
        }
      }
    }

    // ---- the service's rules (validateProduct) over the database and this file
    const lookups = await bulkLookups(tx, writes, rowsById, languageCodes, new Set(topics.map((t) => t.id)), isbnHolders);
    for (const row of writes) {
      try {
        row.resolved = await validateProduct(row.input!, row.id, lookups);
      } catch (e) {
        report(row, e);
      }
    }

    phase('rules');
    progress.report('match', all.length, all.length);
    const order = productColumns(Math.max(textsInSheet, MAX_TEXTS));
    if (issues.length) throw importError(issues, ['row', ...order]);

    // ---- write
    try {
      return await writeAll(tx, importActor, all, writes, rowsIn.length, lookups, phase, progress);
    } catch (e) {
      if (isIsbnTaken(e)) {
        throw new AppError(
          'conflict',
          'Another write took an ISBN of this file while it was being imported; nothing was imported. Import the file again to see which row.',
          [{ field: 'isbn', message: 'an ISBN of this file was taken meanwhile' }],
        );
      }
      throw e;
    }
  });
}

/** A unique violation of the products' ISBN index (a concurrent write took an ISBN between the check and the write). */
function isIsbnTaken(e: unknown): boolean {
  for (
    let x = e as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined, i = 0;
    x && i < 4;
    x = x.cause as typeof x, i++
  ) {
    if (x.code === '23505' && (x.constraint === 'library_products_isbn_uq' || String(x.message).includes('library_products_isbn_uq')))
      return true;
  }
  return false;
}

/** The column a service field path is about (`book.isbn` → isbn, `texts.1.title` → the sheet's title_N …). */
function columnOf(field: string, row: Row): string {
  const [head, a, b] = field.split('.');
  switch (head) {
    case 'organisationId':
      return 'organisation_code';
    case 'texts': {
      if (a === undefined) return 'title_1';
      const n = row.textCol[Number(a)] ?? Number(a) + 1;
      return b === 'language' ? `title_${n}_lang` : b === 'description' ? `description_${n}` : `title_${n}`;
    }
    case 'topicIds':
      return 'topics';
    case 'relations':
      return row.relCol[Number(a)] ?? 'translation_of';
    case 'book': {
      if (a === undefined) return row.bookCol;
      return (
        (
          { isbn: 'isbn', publisher: 'publisher', year: 'year', pages: 'pages', edition: 'edition', editionOfId: 'edition_of' } as Record<
            string,
            string
          >
        )[a] ?? 'kind'
      );
    }
    case 'kind':
    case 'channel':
    case 'date':
    case 'languages':
    case 'audiences':
    case 'rights':
    case 'licence':
    case 'url':
    case 'status':
      return head;
    default:
      return 'row';
  }
}
