// Streamed reading of an uploaded .xlsx with limits checked while reading, so that a large or hostile file is refused
// early with the limit named instead of being loaded whole: the uncompressed size of the workbook (a first pass
// inflates every part once, counting, without keeping anything — a "zip bomb" stops at the limit), then the first
// sheet's rows one at a time with exceljs's streaming WorkbookReader (no workbook model in memory), each row's
// column count and each cell's length checked as it arrives.
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from './errors.js';

export type SheetLimits = {
  /** rows of the sheet (title block and header included) */
  rows: number;
  /** the highest column used in a row */
  columns: number;
  /** characters in one cell */
  cellChars: number;
  /** bytes of the workbook once unzipped (every part) */
  uncompressedBytes: number;
};

export const DEFAULT_SHEET_LIMITS: SheetLimits = { rows: 100_010, columns: 50, cellChars: 2000, uncompressedBytes: 200 * 1024 * 1024 };

/** The error of a limit: 413, the limit named in the message and in `field`. */
export function limitError(limit: keyof SheetLimits | 'data_rows', message: string, row?: number): AppError {
  return new AppError('payload_too_large', `The file is over a limit (${limit}): ${message}; nothing was imported`, [{ ...(row ? { row } : {}), field: limit, message }]);
}

type ZipEntry = Readable & { path: string; autodrain(): void };
// exceljs's own zip reader (unzipper), resolved from exceljs so the first pass sees exactly the entries exceljs will.
const unzipper = createRequire(createRequire(import.meta.url).resolve('exceljs'))('unzipper') as { Parse(opts: { forceStream: boolean }): NodeJS.ReadWriteStream & AsyncIterable<ZipEntry> };

/** Inflates every entry of the zip once, counting bytes; refuses as soon as the total passes the limit. */
async function assertUncompressedSize(buf: Buffer, limit: number): Promise<void> {
  const zip = unzipper.Parse({ forceStream: true });
  const input = Readable.from([buf]);
  input.pipe(zip as unknown as NodeJS.WritableStream);
  let total = 0;
  try {
    for await (const entry of zip) {
      for await (const chunk of entry) {
        total += (chunk as Buffer).length;
        if (total > limit) {
          input.unpipe(); input.destroy(); entry.destroy();
          throw limitError('uncompressedBytes', `the workbook unzips to more than ${Math.round(limit / 1024 / 1024)} MiB`);
        }
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('unsupported_media_type', 'The .xlsx file could not be read (damaged or not a workbook)', [{ field: 'file', message: 'damaged or not an .xlsx workbook' }]);
  }
}

/** The text of a cell as a user sees it (dates as YYYY-MM-DD, formulas by their result). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return '';
  }
  return String(v);
}

export function assertXlsx(buf: Buffer): void {
  // .xlsx is a ZIP container: refuse anything else before handing it to the parser.
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) {
    throw new AppError('unsupported_media_type', 'The file is not an Excel .xlsx workbook', [{ field: 'file', message: 'expected an .xlsx file (Excel 2007 or newer)' }]);
  }
}

/** The rows of the workbook's first sheet as trimmed-free cell texts (cells[0] is column A), streamed, limits checked
 *  while reading. Empty rows are skipped by the reader (their numbers are kept). */
export async function* streamSheet(buf: Buffer, limits: SheetLimits = DEFAULT_SHEET_LIMITS): AsyncGenerator<{ row: number; cells: string[] }> {
  assertXlsx(buf);
  await assertUncompressedSize(buf, limits.uncompressedBytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let sheets = 0;
  try {
    for await (const ws of reader) {
      if (sheets++) break; // only the first sheet is read
      for await (const r of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        if (r.number > limits.rows) throw limitError('rows', `more than ${limits.rows.toLocaleString('en')} rows in the sheet`, r.number);
        const values = (r.values as ExcelJS.CellValue[]) ?? [];
        if (values.length - 1 > limits.columns) throw limitError('columns', `row ${r.number} uses ${values.length - 1} columns; at most ${limits.columns}`, r.number);
        const cells: string[] = new Array(Math.max(0, values.length - 1));
        for (let c = 1; c < values.length; c++) {
          const text = cellText(values[c]);
          if (text.length > limits.cellChars) throw limitError('cellChars', `the cell in row ${r.number}, column ${c} has ${text.length} characters; at most ${limits.cellChars}`, r.number);
          cells[c - 1] = text;
        }
        yield { row: r.number, cells };
      }
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('unsupported_media_type', 'The .xlsx file could not be read (damaged or not a workbook)', [{ field: 'file', message: 'damaged or not an .xlsx workbook' }]);
  }
  if (!sheets) throw new AppError('import_invalid', 'The workbook has no sheet', [{ field: 'file', message: 'no worksheet' }]);
}
