// Bulk files of monitored items: CSV (comma-separated, RFC 4180 quoting), Excel (.xlsx, first sheet) or JSON Lines
// (one object per line). Columns / keys: text, url, platform, published_at (ISO 8601). All or nothing: every row is
// validated first and every bad row reported with its row (the header is row 1; a JSON Lines row is its line) and
// field; only then is anything written, in one transaction. A column that would carry an author's identity
// (author, handle, name, profile, followers …) refuses the whole file: the module never stores who wrote an item.
import * as C from '../../../shared/contracts/factcheck.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { decodeText, readCsv } from '../../kernel/csv.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { MAX_IMPORT_ROWS, readFirstSheet, readRows as readSheetRows } from '../directory/organisations.excel.js';
import { ingestItems, ITEM_ENTITY, type IngestResult } from './factcheck.items.js';
import { assertMayWrite } from './factcheck.roles.js';

export const ITEM_COLUMNS = ['text', 'url', 'platform', 'published_at'] as const;
/** Column names (folded, any separator) that would identify an author. */
export const AUTHOR_COLUMN =
  /(author|handle|user ?name|screen ?name|nick|profile|follower|account|display ?name|avatar|^name$|poster|owner|sender|phone|email)/;

type Detail = { row?: number; field: string; message: string };
type RawRow = { row: number; values: Record<string, unknown> };

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

async function readRows(kind: ItemFileKind, buf: Buffer, details: Detail[]): Promise<RawRow[]> {
  if (kind === 'csv') {
    // Any encoding a spreadsheet saves CSV in is found and converted, or refused with its name (kernel/csv).
    const { header, rows } = await readCsv(buf, { maxRows: MAX_IMPORT_ROWS });
    checkColumns(header, details);
    return rows;
  }
  if (kind === 'xlsx') {
    const table = await readFirstSheet(buf);
    checkColumns(table.header, details);
    if (details.length) return [];
    // The header is checked above; the directory's reader takes its columns as they are (keys lower-cased).
    return readSheetRows(
      table,
      table.header.map((h) => h.toLowerCase()),
      [],
    );
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
      out.push({ row: i + 1, values: v as Record<string, unknown> });
    });
  return out;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Reads and validates a file of items; throws import_invalid with every problem, or returns the parsed rows. */
export async function parseItemFile(filename: string, buf: Buffer) {
  const kind = kindOf(filename);
  const details: Detail[] = [];
  const raw = await readRows(kind, buf, details);
  if (!raw.length && !details.length) details.push({ row: 2, field: 'file', message: 'no rows' });
  if (raw.length > MAX_IMPORT_ROWS)
    details.push({ field: 'file', message: `too many rows (${raw.length}); the limit is ${MAX_IMPORT_ROWS}` });
  const parsed: ReturnType<typeof C.ItemInput.parse>[] = [];
  if (!details.length) {
    for (const r of raw) {
      const v: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(r.values)) v[norm(k)] = x;
      const input = {
        text: blank(v.text) ? '' : String(v.text),
        url: blank(v.url) ? null : String(v.url),
        platform: blank(v.platform) ? undefined : String(v.platform).trim().toLowerCase(),
        publishedAt: blank(v.published_at) ? null : String(v.published_at),
      };
      try {
        parsed.push(parseInput(C.ItemInput, input, r.row));
      } catch (e) {
        if (e instanceof AppError) details.push(...((e.details as Detail[]) ?? []));
        else throw e;
      }
    }
  }
  if (details.length)
    throw new AppError(
      'import_invalid',
      `${filename}: ${details.length} problem${details.length > 1 ? 's' : ''}; nothing was imported`,
      details,
    );
  return parsed;
}

/** Imports a file of items, all or nothing, then groups, judges and matches them like items added one by one. */
export async function importItems(db: Db, actor: Actor, filename: string, buf: Buffer): Promise<C.ImportResult> {
  assertMayWrite(actor);
  const parsed = await parseItemFile(filename, buf);
  return db.transaction(async (tx) => {
    const r: IngestResult = await ingestItems(tx, actor, parsed, 'file');
    const { ids, ...summary } = r;
    await recordAudit(tx, actor, 'import', ITEM_ENTITY, null, null, { filename, ...summary, firstId: ids[0], lastId: ids[ids.length - 1] });
    return summary;
  });
}
