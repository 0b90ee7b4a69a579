// Streamed reading of an uploaded .xlsx with limits checked while reading, so that a large or hostile file is refused
// early with the limit named instead of being loaded whole. Every spreadsheet import of every module reads through here.
//
// The workbook is a ZIP: its central directory is read from the upload (already in memory, bounded by UPLOAD_MAX_MB),
// and only the parts a reader needs are inflated, as streams (zlib, off the main thread): the workbook and its
// relationships (the sheets' names and files), the styles (which cells are dates), the shared strings (kept packed as
// UTF-8 in one growing buffer, not as a million JS strings) and the sheet asked for, row by row. Every inflated byte
// counts against `uncompressedBytes` (a "zip bomb" stops at the limit, whatever the sizes its headers claim); rows,
// columns, cell lengths and the number of shared strings are checked as they arrive, and no text or tag is buffered
// past a small multiple of `cellChars`. Bytes are decoded with a streaming decoder, so a multi-byte character split
// between two chunks stays whole (exceljs's streaming reader garbled it — exceljs #2063, #2316 — which Vietnamese text
// meets in every large file). The reader yields to the event loop every few milliseconds, so health checks and the
// portal keep answering while a large file is read.
import { createRequire } from 'node:module';
import { setImmediate as nextTurn } from 'node:timers/promises';
import zlib from 'node:zlib';
import { AppError } from './errors.js';

export type SheetLimits = {
  /** rows of the sheet (title block and header included) */
  rows: number;
  /** the highest column used in a row */
  columns: number;
  /** characters in one cell */
  cellChars: number;
  /** bytes of the workbook once unzipped (every part read) */
  uncompressedBytes: number;
};

/** Excel's own limit of a cell's length. */
export const EXCEL_CELL_CHARS = 32_767;
export const DEFAULT_SHEET_LIMITS: SheetLimits = { rows: 100_010, columns: 50, cellChars: 2000, uncompressedBytes: 150 * 1024 * 1024 };

type Limit = keyof SheetLimits | 'data_rows' | 'sharedStrings';
/** The error of a limit: 413, the limit named in the message and in `field`. */
export function limitError(limit: Limit, message: string, row?: number): AppError {
  return new AppError('payload_too_large', `The file is over a limit (${limit}): ${message}; nothing was imported`, [
    { ...(row ? { row } : {}), field: limit, message },
  ]);
}

const damaged = (why = 'damaged or not an .xlsx workbook') =>
  new AppError('unsupported_media_type', 'The .xlsx file could not be read (damaged or not a workbook)', [{ field: 'file', message: why }]);

export function assertXlsx(buf: Buffer): void {
  // .xlsx is a ZIP container: refuse anything else before handing it to the parser.
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) {
    throw new AppError('unsupported_media_type', 'The file is not an Excel .xlsx workbook', [
      { field: 'file', message: 'expected an .xlsx file (Excel 2007 or newer)' },
    ]);
  }
}

// ---------------------------------------------------------------- the ZIP container

type ZipEntry = { method: number; flags: number; compressedSize: number; size: number; localOffset: number };

/** The entries of the ZIP's central directory, by name. */
function zipDirectory(buf: Buffer): Map<string, ZipEntry> {
  // End of central directory: the last 22 bytes, or up to 64 KiB earlier when a comment follows.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged();
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) throw damaged('a ZIP64 archive: an .xlsx is never this large');
  const entries = new Map<string, ZipEntry>();
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw damaged();
    const flags = buf.readUInt16LE(p + 8),
      method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20),
      size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28),
      extraLen = buf.readUInt16LE(p + 30),
      commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.set(name.replace(/^\//, ''), { method, flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The inflated bytes of one entry, chunk by chunk; `count` sees every chunk first (the workbook's byte budget). */
async function* inflateEntry(buf: Buffer, e: ZipEntry, count: (n: number) => void): AsyncGenerator<Buffer> {
  if (e.flags & 1) throw damaged('the workbook is encrypted (protected by a password): save it without a password');
  const h = e.localOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== 0x04034b50) throw damaged();
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  if (start + e.compressedSize > buf.length) throw damaged();
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += 65_536) {
      const c = data.subarray(i, i + 65_536);
      count(c.length);
      yield c;
    }
    return;
  }
  if (e.method !== 8) throw damaged(`compression method ${e.method} is not one Excel writes`);
  const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
  inflate.end(data);
  try {
    for await (const c of inflate) {
      count((c as Buffer).length);
      yield c as Buffer;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw damaged();
  } finally {
    inflate.destroy();
  }
}

// ---------------------------------------------------------------- XML, streamed

type Tag = { name: string; attributes: Record<string, string> };
type XmlHandlers = { open?(t: Tag): void; close?(name: string): void; text?(s: string): void };
type Saxes = {
  on(ev: string, fn: (x: never) => void): void;
  write(s: string): void;
  close(): void;
};
// saxes: the XML parser exceljs itself depends on, resolved from exceljs (no dependency of our own).
const { SaxesParser } = createRequire(createRequire(import.meta.url).resolve('exceljs'))('saxes') as {
  SaxesParser: new (opt: object) => Saxes;
};

const PIECE = 64 * 1024;
/** Local name of a tag ("x:row" → "row"). */
const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** Parses one part as XML, calling `h` for every tag and text; after each inflated chunk, `afterChunk` runs (rows are
 *  handed out there). A text or tag that grows past `maxToken` characters without ending is refused (cellChars). */
async function* parsePart(chunks: AsyncIterable<Buffer>, h: XmlHandlers, maxToken: number): AsyncGenerator<void> {
  const parser = new SaxesParser({ position: false });
  let pending = 0;
  let failure: Error | null = null;
  parser.on('error', ((e: Error) => {
    failure ??= e;
  }) as never);
  parser.on('opentag', ((t: Tag) => {
    pending = 0;
    h.open?.({ name: local(t.name), attributes: t.attributes });
  }) as never);
  parser.on('closetag', ((t: Tag) => {
    pending = 0;
    h.close?.(local(t.name));
  }) as never);
  parser.on('text', ((s: string) => {
    pending = 0;
    h.text?.(s);
  }) as never);
  parser.on('cdata', ((s: string) => {
    pending = 0;
    h.text?.(s);
  }) as never);
  for (const ev of ['comment', 'processinginstruction', 'doctype', 'xmldecl'])
    parser.on(ev, (() => {
      pending = 0;
    }) as never);
  const decoder = new TextDecoder('utf-8'); // streaming: a character split between chunks is kept whole
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i += PIECE) {
      const piece = s.length <= PIECE ? s : s.slice(i, i + PIECE);
      pending += piece.length;
      parser.write(piece);
      if (failure) throw damaged();
      if (pending > maxToken)
        throw limitError('cellChars', `a cell or tag of the workbook is longer than ${maxToken.toLocaleString('en')} characters`);
    }
  };
  for await (const chunk of chunks) {
    feed(decoder.decode(chunk, { stream: true }));
    yield;
  }
  feed(decoder.decode());
  parser.close();
  if (failure) throw damaged();
  yield;
}

/** OOXML escapes characters XML cannot hold as _xHHHH_ (ST_Xstring). */
const unescapeX = (s: string) =>
  s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;

// ---------------------------------------------------------------- shared strings, packed

/** The workbook's shared strings as UTF-8 in one buffer with an offset table: a fraction of the memory of JS strings. */
class StringTable {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private ends = new Uint32Array(1024);
  private used = 0;
  count = 0;
  constructor(private readonly maxBytes: number) {}
  push(s: string): void {
    const need = Buffer.byteLength(s);
    if (this.used + need > this.maxBytes)
      throw limitError('sharedStrings', `the workbook's texts take more than ${Math.round(this.maxBytes / 1024 / 1024)} MiB`);
    if (this.used + need > this.bytes.length) {
      const next = Buffer.allocUnsafe(Math.min(this.maxBytes, Math.max(Math.ceil(this.bytes.length * 1.5), this.used + need)));
      this.bytes.copy(next, 0, 0, this.used);
      this.bytes = next;
    }
    this.used += this.bytes.write(s, this.used);
    if (this.count === this.ends.length) {
      const e = new Uint32Array(this.ends.length * 2);
      e.set(this.ends);
      this.ends = e;
    }
    this.ends[this.count++] = this.used;
  }
  get(i: number): string {
    if (!(i >= 0 && i < this.count)) return '';
    return this.bytes.toString('utf8', i ? this.ends[i - 1] : 0, this.ends[i]);
  }
}

// ---------------------------------------------------------------- dates

/** Built-in number formats that show dates (ECMA-376 18.8.30, with the East Asian ones). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
/** A custom format shows a date when it has date or time letters outside quotes and brackets (exceljs's rule). */
const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
/** An Excel serial day as YYYY-MM-DD (1900 or 1904 date system). */
function serialDay(v: number, date1904: boolean): string {
  const d = new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- the workbook

/** Bounds of the small parts (Excel allows 64,000 cell formats; a workbook has far fewer sheets): past them the file
 *  is not a workbook but an attempt to fill memory. */
const MAX_FORMATS = 65_536;
const MAX_PARTS = 10_000;

export type SheetRow = { row: number; cells: string[] };
export type Workbook = {
  /** The sheets' names, in the workbook's order. */
  sheets: string[];
  /** The rows of a sheet (by name or position), streamed, limits checked while reading. */
  rows(sheet?: string | number): AsyncGenerator<SheetRow>;
};

/** Column letters of a cell reference ("AB12") → 1-based column; 0 when there are none. */
function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k >= 65 && k <= 90) c = c * 26 + (k - 64);
    else if (k >= 97 && k <= 122) c = c * 26 + (k - 96);
    else break;
    if (c > 1e6) break;
  }
  return c;
}

/** Opens an .xlsx upload: reads its directory, workbook, relationships and styles (small parts), and gives its sheets'
 *  rows as streams. Every part read counts against `limits.uncompressedBytes`. */
export async function openWorkbook(buf: Buffer, limits: SheetLimits = DEFAULT_SHEET_LIMITS): Promise<Workbook> {
  assertXlsx(buf);
  const dir = zipDirectory(buf);
  let inflated = 0;
  const count = (n: number) => {
    inflated += n;
    if (inflated > limits.uncompressedBytes)
      throw limitError('uncompressedBytes', `the workbook unzips to more than ${Math.round(limits.uncompressedBytes / 1024 / 1024)} MiB`);
  };
  const maxToken = Math.max(10 * limits.cellChars, 64 * 1024);
  const part = (name: string) => {
    const e = dir.get(name);
    return e ? inflateEntry(buf, e, count) : null;
  };
  const readAll = async (name: string, h: XmlHandlers) => {
    const chunks = part(name);
    if (chunks)
      for await (const _ of parsePart(chunks, h, maxToken)) {
        /* handled in h */
      }
    return !!chunks;
  };
  const resolve = (from: string, target: string) => {
    if (target.startsWith('/')) return target.slice(1);
    const parts = from.split('/').slice(0, -1);
    for (const seg of target.split('/')) {
      if (seg === '..') parts.pop();
      else if (seg !== '.') parts.push(seg);
    }
    return parts.join('/');
  };
  const relsOf = async (file: string) => {
    const rels = new Map<string, { type: string; target: string }>();
    const slash = file.lastIndexOf('/');
    await readAll(`${file.slice(0, slash + 1)}_rels/${file.slice(slash + 1)}.rels`, {
      open: (t) => {
        if (t.name !== 'Relationship' || !t.attributes.Id || !t.attributes.Target) return;
        if (rels.size >= MAX_PARTS) throw damaged('more relationships than a workbook has');
        rels.set(t.attributes.Id, { type: t.attributes.Type ?? '', target: resolve(file, t.attributes.Target) });
      },
    });
    return rels;
  };

  try {
    const root = await relsOf('');
    const workbookFile = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const rels = await relsOf(workbookFile);
    const sheets: { name: string; file: string }[] = [];
    let date1904 = false;
    if (
      !(await readAll(workbookFile, {
        open: (t) => {
          if (t.name === 'workbookPr') date1904 = ['1', 'true'].includes(t.attributes.date1904 ?? '');
          if (t.name === 'sheet') {
            const rid = t.attributes['r:id'] ?? Object.entries(t.attributes).find(([k]) => k.endsWith(':id'))?.[1];
            const target = rid ? rels.get(rid)?.target : undefined;
            if (sheets.length >= MAX_PARTS) throw damaged('more sheets than a workbook has');
            if (target) sheets.push({ name: t.attributes.name ?? '', file: target });
          }
        },
      }))
    )
      throw damaged();
    const relOfType = (type: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target;

    // Styles: which cell formats show dates.
    const dateStyles: boolean[] = [];
    const customFormats = new Map<number, string>();
    let inCellXfs = false;
    const stylesFile = relOfType('styles');
    if (stylesFile) {
      await readAll(stylesFile, {
        open: (t) => {
          if (customFormats.size + dateStyles.length >= MAX_FORMATS) throw damaged('more cell formats than Excel allows');
          if (t.name === 'numFmt') customFormats.set(Number(t.attributes.numFmtId), t.attributes.formatCode ?? '');
          else if (t.name === 'cellXfs') inCellXfs = true;
          else if (t.name === 'xf' && inCellXfs) {
            const id = Number(t.attributes.numFmtId ?? 0);
            dateStyles.push(customFormats.has(id) ? isDateFormat(customFormats.get(id)!) : DATE_FORMAT_IDS.has(id));
          }
        },
        close: (name) => {
          if (name === 'cellXfs') inCellXfs = false;
        },
      });
    }

    // Shared strings, read once, when a sheet is first read.
    let strings: StringTable | null = null;
    const maxStrings = Math.max(limits.rows * limits.columns, 1_000_000);
    const loadStrings = async () => {
      // Texts kept: at most half the workbook's byte budget (the rest is markup), 64 MiB at least.
      const table = new StringTable(Math.max(Math.floor(limits.uncompressedBytes / 2), 64 * 1024 * 1024));
      const file = relOfType('sharedStrings');
      if (!file) return table;
      let inSi = false,
        inT = false,
        inRPh = false,
        text = '';
      await readAll(file, {
        open: (t) => {
          if (t.name === 'si') {
            inSi = true;
            text = '';
          } else if (t.name === 'rPh') inRPh = true;
          else if (t.name === 't' && inSi && !inRPh) inT = true;
        },
        text: (s) => {
          if (!inT) return;
          text += s;
          // Checked against cellChars where a cell uses it (its row is known there); bounded here all the same.
          if (text.length > maxToken)
            throw limitError('cellChars', `a text of the workbook has more than ${maxToken.toLocaleString('en')} characters`);
        },
        close: (name) => {
          if (name === 't') inT = false;
          else if (name === 'rPh') inRPh = false;
          else if (name === 'si') {
            inSi = false;
            if (table.count >= maxStrings)
              throw limitError('sharedStrings', `the workbook holds more than ${maxStrings.toLocaleString('en')} different texts`);
            table.push(unescapeX(text));
            text = '';
          }
        },
      });
      return table;
    };

    async function* rows(which: string | number = 0): AsyncGenerator<SheetRow> {
      const sheet = typeof which === 'number' ? sheets[which] : sheets.find((s) => s.name === which);
      if (!sheet)
        throw new AppError('import_invalid', 'The workbook has no sheet', [
          { field: 'file', message: typeof which === 'number' ? 'no worksheet' : `no sheet named "${which}"` },
        ]);
      strings ??= await loadStrings();
      const table = strings;
      const chunks = part(sheet.file);
      if (!chunks) throw damaged();
      // Parse state: the row being read, the cell being read.
      let rowNo = 0,
        rowElements = 0,
        inRow = false;
      let cells: string[] = [];
      let col = 0,
        type = '',
        style = 0,
        inValue = false,
        inInline = false,
        inRPh = false,
        value = '',
        hasValue = false;
      const ready: SheetRow[] = [];
      const h: XmlHandlers = {
        open: (t) => {
          switch (t.name) {
            case 'row': {
              if (++rowElements > limits.rows)
                throw limitError('rows', `more than ${limits.rows.toLocaleString('en')} rows in the sheet`, rowNo + 1);
              const r = Number(t.attributes.r);
              rowNo = Number.isInteger(r) && r > rowNo ? r : rowNo + 1;
              inRow = true;
              cells = [];
              col = 0;
              break;
            }
            case 'c': {
              if (!inRow) break;
              const c = t.attributes.r ? columnOf(t.attributes.r) : 0;
              col = c > col ? c : col + 1;
              if (col > limits.columns) throw limitError('columns', `row ${rowNo} uses ${col} columns; at most ${limits.columns}`, rowNo);
              type = t.attributes.t ?? 'n';
              style = Number(t.attributes.s ?? 0);
              value = '';
              hasValue = false;
              break;
            }
            case 'v':
              inValue = true;
              break;
            case 'is':
              inInline = true;
              break;
            case 'rPh':
              inRPh = true;
              break;
            case 't':
              if (inInline && !inRPh) inValue = true;
              break;
          }
        },
        text: (s) => {
          if (!inValue) return;
          value += s;
          hasValue = true;
          if (value.length > limits.cellChars)
            throw limitError(
              'cellChars',
              `the cell in row ${rowNo}, column ${col} has more than ${limits.cellChars.toLocaleString('en')} characters`,
              rowNo,
            );
        },
        close: (name) => {
          switch (name) {
            case 'v':
              inValue = false;
              break;
            case 't':
              if (inInline) inValue = false;
              break;
            case 'rPh':
              inRPh = false;
              break;
            case 'is':
              inInline = false;
              break;
            case 'c': {
              if (!inRow || !hasValue) break;
              let text: string;
              if (type === 's') text = table.get(Number(value));
              else if (type === 'inlineStr' || type === 'str') text = unescapeX(value);
              else if (type === 'b') text = value.trim() === '1' || value.trim() === 'true' ? 'true' : 'false';
              else if (type === 'e') text = '';
              else if (type === 'd') text = value.trim().slice(0, 10);
              else {
                const n = Number.parseFloat(value);
                text = Number.isNaN(n) ? value.trim() : dateStyles[style] ? serialDay(n, date1904) : String(n);
              }
              if (text.length > limits.cellChars)
                throw limitError(
                  'cellChars',
                  `the cell in row ${rowNo}, column ${col} has ${text.length} characters; at most ${limits.cellChars}`,
                  rowNo,
                );
              while (cells.length < col - 1) cells.push('');
              cells[col - 1] = text;
              break;
            }
            case 'row':
              if (inRow) {
                if (rowNo > limits.rows) throw limitError('rows', `more than ${limits.rows.toLocaleString('en')} rows in the sheet`, rowNo);
                ready.push({ row: rowNo, cells });
              }
              inRow = false;
              break;
          }
        },
      };
      let lastTurn = performance.now();
      async function* handOut() {
        while (ready.length) {
          yield ready.shift()!;
          // The consumer's work between rows counts too: every few milliseconds, let the event loop run.
          if (performance.now() - lastTurn > 8) {
            await nextTurn();
            lastTurn = performance.now();
          }
        }
      }
      try {
        for await (const _ of parsePart(chunks, h, maxToken)) yield* handOut();
      } catch (e) {
        yield* handOut(); // the rows before the one that broke a limit
        throw e;
      }
    }
    return { sheets: sheets.map((s) => s.name), rows };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw damaged();
  }
}

/** The rows of the workbook's first sheet (or the sheet named), cells as texts (cells[0] is column A), streamed,
 *  limits checked while reading. Rows without cells come through empty (their numbers are kept). */
export async function* streamSheet(
  buf: Buffer,
  limits: SheetLimits = DEFAULT_SHEET_LIMITS,
  sheet: string | number = 0,
): AsyncGenerator<SheetRow> {
  const wb = await openWorkbook(buf, limits);
  if (!wb.sheets.length) throw new AppError('import_invalid', 'The workbook has no sheet', [{ field: 'file', message: 'no worksheet' }]);
  try {
    yield* wb.rows(sheet);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw damaged();
  }
}

/** A sheet with its header in row 1: the header's texts (trimmed) and the non-empty rows below it, every cell as NFC
 *  text, trimmed; more than `maxRows` data rows is refused (413, data_rows) at the first row past the limit. */
export async function readTable(rowsIn: AsyncIterable<SheetRow>, maxRows: number): Promise<{ header: string[]; rows: SheetRow[] }> {
  let header: string[] | null = null;
  const out: SheetRow[] = [];
  for await (const r of rowsIn) {
    if (!header) {
      if (r.row !== 1) header = [];
      else {
        header = Array.from(r.cells, (c) => (c ?? '').trim());
        continue;
      }
    }
    const cells = Array.from(r.cells, (c) => (c ?? '').normalize('NFC').trim());
    if (cells.every((c) => c === '')) continue;
    if (out.length >= maxRows) throw limitError('data_rows', `more than ${maxRows.toLocaleString('en')} data rows`, r.row);
    out.push({ row: r.row, cells });
  }
  return { header: header ?? [], rows: out };
}
