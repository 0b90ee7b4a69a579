// Bulk files of monitored items: CSV (comma-, semicolon- or tab-separated, RFC 4180 quoting), Excel (.xlsx, first
// sheet) or JSON Lines (one object per line). Columns / keys: text, url, platform, published_at (ISO 8601).
// Every row is validated first, every problem of every row in one pass (the header is row 1; a JSON Lines row is its
// line), each named by its row and field, in Vietnamese and English. Then, as the person chose:
//   - mode `all` (the default): all or nothing — any bad row refuses the file (422 import_invalid listing every problem);
//   - mode `valid`: the valid rows are written and the rejected rows come back as a file in the upload's format (CSV,
//     Excel or JSON Lines) with an `error` column naming each field and its problem.
// Either way what is written is written in one transaction (nothing half-written). Problems of the file itself (an
// unknown column, no rows, too many rows) refuse it in both modes. A column that would carry an author's identity
// (author, handle, name, profile, followers …) refuses the whole file: the module never stores who wrote an item.
// A post is kept whole up to ITEM_TEXT_MAX characters (real posts of 21,233 and 28,453 exist); it is matched and
// grouped on its first ITEM_MATCH_CHARS characters (factcheck.items.ts). A row with neither text nor URL (an empty
// post) is a row error.
import ExcelJS from 'exceljs';
import * as C from '../../../shared/contracts/factcheck.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { decodeText, detectDelimiter, readCsv } from '../../kernel/csv.js';
import { assertDatesWritable } from '../../kernel/dateLock.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { unstorableText } from '../../kernel/input.js';
import { noProgress, type ProgressReporter } from '../../kernel/progress.js';
import { parseInput } from '../../kernel/validate.js';
import { EXCEL_CELL_CHARS } from '../../kernel/xlsx.js';
import { MAX_IMPORT_ROWS, readFirstSheet } from '../directory/organisations.excel.js';
import { ingestItems, ITEM_ENTITY, type IngestResult } from './factcheck.items.js';
import { assertMayWrite } from './factcheck.roles.js';

export const ITEM_COLUMNS = ['text', 'url', 'platform', 'published_at'] as const;
/** The column of the rejected-rows file that says what is wrong with each row. */
export const ERROR_COLUMN = 'error';
/** Column names (folded, any separator) that would identify an author. */
export const AUTHOR_COLUMN =
  /(author|handle|user ?name|screen ?name|nick|profile|follower|account|display ?name|avatar|^name$|poster|owner|sender|phone|email)/;

type Detail = { row?: number; field: string; message: string };
/** A row as it came (for the rejected-rows file: the same columns, the same order) and its values by column name. */
type RawRow = { row: number; values: Record<string, unknown>; cells?: string[]; line?: string };
type Parsed = ReturnType<typeof C.ItemInput.parse>;
export type ImportMode = (typeof C.IMPORT_MODES)[number];

export type ItemFileKind = 'csv' | 'xlsx' | 'jsonl';
export function kindOf(filename: string): ItemFileKind {
  const f = filename.toLowerCase();
  if (f.endsWith('.csv')) return 'csv';
  if (f.endsWith('.xlsx')) return 'xlsx';
  if (f.endsWith('.jsonl') || f.endsWith('.ndjson')) return 'jsonl';
  throw new AppError('unsupported_media_type', `${filename}: send a .csv, .xlsx or .jsonl file`, [
    { field: 'file', message: 'expected .csv, .xlsx or .jsonl' },
  ]);
}

const norm = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/^publishedat$/, 'published_at');

function checkColumns(columns: string[], details: Detail[]) {
  for (const c of columns) {
    const h = norm(c);
    if (!h) continue;
    if (AUTHOR_COLUMN.test(h.replace(/_/g, ' ')))
      details.push({
        row: 1,
        field: c,
        message: `column "${c}" would identify an author: fact-checking stores no author data; remove the column`,
      });
    else if (!(ITEM_COLUMNS as readonly string[]).includes(h))
      details.push({ row: 1, field: c, message: `unknown column "${c}"; expected: ${ITEM_COLUMNS.join(', ')}` });
  }
}

type Table = { header: string[]; rows: RawRow[]; delimiter?: string };

async function readRows(kind: ItemFileKind, buf: Buffer, details: Detail[], progress: ProgressReporter): Promise<Table> {
  if (kind === 'csv') {
    // Any encoding a spreadsheet saves CSV in is found and converted, or refused with its name (kernel/csv).
    const { header, rows } = await readCsv(buf, { maxRows: MAX_IMPORT_ROWS });
    progress.report('read', rows.length);
    checkColumns(header, details);
    return { header, rows, delimiter: detectDelimiter(decodeText(buf).text) };
  }
  if (kind === 'xlsx') {
    const table = await readFirstSheet(buf, progress);
    checkColumns(table.header, details);
    return {
      header: table.header,
      rows: table.rows.map((r) => ({
        row: r.row,
        cells: r.cells,
        values: Object.fromEntries(table.header.map((h, i) => [h, r.cells[i] ?? ''] as const).filter(([h]) => h !== '')),
      })),
    };
  }
  const out: RawRow[] = [];
  const seen = new Set<string>();
  decodeText(buf, 'JSON Lines')
    .text.split(/\r?\n/)
    .forEach((line, i) => {
      if (!line.trim()) return;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        details.push({ row: i + 1, field: '(line)', message: 'not valid JSON' });
        return;
      }
      if (!v || typeof v !== 'object' || Array.isArray(v)) {
        details.push({ row: i + 1, field: '(line)', message: 'each line is one JSON object' });
        return;
      }
      for (const k of Object.keys(v))
        if (!seen.has(k)) {
          seen.add(k);
          checkColumns([k], details);
        }
      out.push({ row: i + 1, values: v as Record<string, unknown>, line });
    });
  return { header: [...seen], rows: out };
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const n = (x: number) => x.toLocaleString('en');
const nVi = (x: number) => x.toLocaleString('en').replace(/,/g, '.');

/** Every problem of one row, each with its field, in Vietnamese and English (pure). */
export function rowProblems(row: number, values: Record<string, unknown>): { input: C.ItemInput; problems: C.RowProblem[] } {
  const v: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(values)) v[norm(k)] = x;
  const problems: C.RowProblem[] = [];
  const add = (field: string, vi: string, en: string) => problems.push({ row, field, vi, en });
  const text = blank(v.text) ? '' : String(v.text).trim();
  const url = blank(v.url) ? null : String(v.url).trim();
  const platform = blank(v.platform) ? undefined : String(v.platform).trim().toLowerCase();
  const publishedAt = blank(v.published_at) ? null : String(v.published_at).trim();
  for (const [field, value] of [
    ['text', text],
    ['url', url],
    ['platform', platform],
    ['published_at', publishedAt],
  ] as const) {
    const why = value ? unstorableText(value) : null;
    if (why) add(field, `có ký tự không lưu được (${why})`, `cannot be stored: ${why}`);
  }
  if (text.length > C.ITEM_TEXT_MAX)
    add(
      'text',
      `dài ${nVi(text.length)} ký tự; tối đa ${nVi(C.ITEM_TEXT_MAX)}`,
      `${n(text.length)} characters; at most ${n(C.ITEM_TEXT_MAX)}`,
    );
  if (!text && !url) add('text', 'bài đăng trống: không có nội dung và không có đường dẫn (url)', 'empty post: no text and no URL (url)');
  if (url && (url.length > 2000 || !C.isHttpUrl(url)))
    add('url', `“${url.slice(0, 80)}” không phải địa chỉ http(s)`, `“${url.slice(0, 80)}” is not an http(s) address`);
  if (platform && !(C.PLATFORMS as readonly string[]).includes(platform))
    add(
      'platform',
      `nền tảng không rõ “${platform.slice(0, 40)}”; dùng: ${C.PLATFORMS.join(', ')}`,
      `unknown platform “${platform.slice(0, 40)}”; use: ${C.PLATFORMS.join(', ')}`,
    );
  if (publishedAt && (publishedAt.length > 40 || !/^\d{4}-\d{2}-\d{2}/.test(publishedAt) || Number.isNaN(Date.parse(publishedAt))))
    add(
      'published_at',
      `“${publishedAt.slice(0, 40)}” không phải ngày ISO 8601 (YYYY-MM-DD hoặc YYYY-MM-DDThh:mm:ssZ)`,
      `“${publishedAt.slice(0, 40)}” is not an ISO 8601 date or date-time (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`,
    );
  return { input: { text, url, platform: platform as C.ItemInput['platform'], publishedAt }, problems };
}

export type ParsedFile = {
  kind: ItemFileKind;
  header: string[];
  delimiter?: string;
  /** the valid rows, parsed, with their row numbers */
  valid: { row: number; item: Parsed; raw: RawRow }[];
  /** the rows with at least one problem, as they came */
  rejected: RawRow[];
  problems: C.RowProblem[];
};

/** Reads a file of items and checks every row; throws import_invalid for problems of the file itself (columns, no
 *  rows, too many rows, lines that are not JSON objects), else returns the valid rows and every problem of the others. */
export async function readItemFile(filename: string, buf: Buffer, progress: ProgressReporter = noProgress): Promise<ParsedFile> {
  const kind = kindOf(filename);
  const details: Detail[] = [];
  const table = await readRows(kind, buf, details, progress);
  const raw = table.rows;
  if (!raw.length && !details.length) details.push({ row: 2, field: 'file', message: 'no rows' });
  if (raw.length > MAX_IMPORT_ROWS)
    details.push({ field: 'file', message: `too many rows (${raw.length}); the limit is ${MAX_IMPORT_ROWS}` });
  const valid: ParsedFile['valid'] = [];
  const rejected: RawRow[] = [];
  const problems: C.RowProblem[] = [];
  // Rows are checked even when the header is wrong, so the person sees every problem at once.
  for (const r of raw) {
    const { input, problems: p } = rowProblems(r.row, r.values);
    let item: Parsed | null = null;
    if (!p.length)
      try {
        item = parseInput(C.ItemInput, input, r.row);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        for (const d of (e.details as Detail[]) ?? [])
          p.push({ row: r.row, field: d.field, vi: `không hợp lệ (${d.message})`, en: d.message });
      }
    if (p.length || !item) {
      rejected.push(r);
      problems.push(...p);
    } else valid.push({ row: r.row, item, raw: r });
  }
  if (details.length)
    throw new AppError('import_invalid', `${filename}: ${details.length + problems.length} problem(s); nothing was imported`, [
      ...details,
      ...problems.map(toDetail),
    ]);
  return { kind, header: table.header, delimiter: table.delimiter, valid, rejected, problems };
}

const toDetail = (p: C.RowProblem): Detail => ({ row: p.row, field: p.field, message: `${p.en} / ${p.vi}` });

/** Reads and validates a file of items, all or nothing: throws import_invalid with every problem, or returns the rows. */
export async function parseItemFile(filename: string, buf: Buffer): Promise<Parsed[]> {
  const f = await readItemFile(filename, buf);
  if (f.problems.length) throw invalid(filename, f.problems);
  return f.valid.map((v) => v.item);
}

const invalid = (filename: string, problems: C.RowProblem[]) =>
  new AppError(
    'import_invalid',
    `${filename}: ${problems.length} problem(s) in ${new Set(problems.map((p) => p.row)).size} row(s); nothing was imported`,
    problems.map(toDetail),
  );

/** The text of the error column for a row: "row N — field: problem; …" in Vietnamese, then in English. */
export function errorCell(row: number, problems: C.RowProblem[]): string {
  const mine = problems.filter((p) => p.row === row);
  return (
    `Dòng ${row} — ${mine.map((p) => `${p.field}: ${p.vi}`).join('; ')} / ` +
    `Row ${row} — ${mine.map((p) => `${p.field}: ${p.en}`).join('; ')}`
  );
}

const csvField = (s: string, delimiter: string) =>
  s.includes('"') || s.includes(delimiter) || /[\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
const cellText = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** The rejected rows as a file in the upload's format, each with the error column (its problems, Vietnamese / English). */
export async function rejectedFile(
  filename: string,
  f: Pick<ParsedFile, 'kind' | 'header' | 'delimiter' | 'rejected' | 'problems'>,
): Promise<NonNullable<C.ImportResult['rejectedFile']>> {
  const base = filename.replace(/\.[^.]*$/, '') || 'items';
  if (f.kind === 'jsonl') {
    const lines = f.rejected.map((r) => JSON.stringify({ ...r.values, [ERROR_COLUMN]: errorCell(r.row, f.problems) }));
    return {
      name: `${base}.rejected.jsonl`,
      mediaType: 'application/x-ndjson',
      base64: Buffer.from(lines.join('\n') + '\n').toString('base64'),
    };
  }
  if (f.kind === 'csv') {
    const d = f.delimiter ?? ',';
    const lines = [[...f.header, ERROR_COLUMN].map((h) => csvField(h, d)).join(d)];
    for (const r of f.rejected)
      lines.push([...f.header.map((h) => cellText(r.values[h])), errorCell(r.row, f.problems)].map((x) => csvField(x, d)).join(d));
    // A byte-order mark so that Excel opens the Vietnamese text as UTF-8.
    return {
      name: `${base}.rejected.csv`,
      mediaType: 'text/csv; charset=utf-8',
      base64: Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n').toString('base64'),
    };
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('rejected');
  ws.addRow([...f.header, ERROR_COLUMN]);
  for (const r of f.rejected)
    ws.addRow([
      ...f.header.map((_, i) => (r.cells?.[i] ?? '').slice(0, EXCEL_CELL_CHARS)),
      errorCell(r.row, f.problems).slice(0, EXCEL_CELL_CHARS),
    ]);
  ws.getRow(1).font = { bold: true };
  return {
    name: `${base}.rejected.xlsx`,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
  };
}

/** The date lock's refusals of the valid rows, as row problems (a locked day is a problem of its row). */
async function dateLockProblems(db: Db, actor: Actor, valid: ParsedFile['valid']): Promise<C.RowProblem[]> {
  try {
    await assertDatesWritable(
      db,
      actor,
      valid.map((v) => ({ field: 'published_at', day: v.item.publishedAt, row: v.row })),
    );
    return [];
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'forbidden') throw e;
    return ((e.details as Detail[]) ?? [])
      .filter((d) => d.row !== undefined)
      .map((d) => ({ row: d.row!, field: d.field, vi: `ngày thuộc kỳ đã khóa (${d.message})`, en: d.message }));
  }
}

/** Imports a file of items — all or nothing (mode `all`), or the valid rows with the rejected ones returned as a file
 *  (mode `valid`) — then groups, judges and matches them like items added one by one, in one transaction. */
export async function importItems(
  db: Db,
  actor: Actor,
  filename: string,
  buf: Buffer,
  mode: ImportMode = 'all',
  progress: ProgressReporter = noProgress,
): Promise<C.ImportResult> {
  assertMayWrite(actor);
  const f = await readItemFile(filename, buf, progress);
  if (mode === 'all' && f.problems.length) throw invalid(filename, f.problems);
  return db.transaction(async (tx) => {
    if (mode === 'valid') {
      const locked = await dateLockProblems(tx, actor, f.valid);
      if (locked.length) {
        const rows = new Set(locked.map((p) => p.row));
        f.rejected.push(...f.valid.filter((v) => rows.has(v.row)).map((v) => v.raw));
        f.rejected.sort((a, b) => a.row - b.row);
        f.problems.push(...locked);
        f.problems.sort((a, b) => a.row - b.row);
        f.valid = f.valid.filter((v) => !rows.has(v.row));
      }
    }
    const r: IngestResult = await ingestItems(
      tx,
      actor,
      f.valid.map((v) => v.item),
      'file',
      { progress },
    );
    const { ids, ...summary } = r;
    const rejected = new Set(f.problems.map((p) => p.row)).size;
    await recordAudit(tx, actor, 'import', ITEM_ENTITY, null, null, {
      filename,
      mode,
      ...summary,
      rejected,
      firstId: ids[0],
      lastId: ids[ids.length - 1],
    });
    if (mode === 'all') return summary;
    return {
      ...summary,
      rejected,
      problems: f.problems,
      rejectedFile: rejected ? await rejectedFile(filename, f) : null,
    };
  });
}
