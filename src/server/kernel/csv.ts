// CSV: a small RFC 4180 reader (quoted fields, "" escapes, fields over several lines) for the reference files the
// product ships (parseCsv) and for uploaded files (readCsv: every CSV import reads through it).
//
// An upload's encoding is found, not assumed: a byte-order mark says UTF-8 or UTF-16 (LE/BE); without one, UTF-16 is
// recognised by its zero bytes, then valid UTF-8 is UTF-8; anything else is one of the Windows code pages a Vietnamese
// office's Excel saves "CSV" in: Windows-1258 (Vietnamese: tone marks as combining characters after the vowel) or
// Windows-1252 (Latin-1 and its Windows superset), told apart by where the tone-mark bytes fall. Text is converted
// (Node's own decoders, ICU) and normalised to NFC; a file in an encoding that cannot be converted safely (UTF-32,
// bytes no code page defines, binary data) is refused with the encoding named. The separator is the header line's:
// comma, semicolon (Excel with Vietnamese regional settings) or tab (Excel's "Unicode text").
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from './errors.js';
import { limitError } from './xlsx.js';

export type TextEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1258' | 'Windows-1252';

/** Bytes the code pages leave undefined: a file holding one is in neither. */
const UNDEFINED = {
  'Windows-1252': new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]),
  'Windows-1258': new Set([0x81, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x9a, 0x9d, 0x9e]),
};
const refuse = (message: string, why: string) => new AppError('unsupported_media_type', message, [{ field: 'file', message: why }]);

/** Bytes that open a tone mark in Windows-1258 (combining grave, hook, tilde, acute, dot below). */
const TONE_MARKS = new Set([0xcc, 0xd2, 0xde, 0xec, 0xf2]);
/** Vowels a Vietnamese tone mark follows: ASCII, and Windows-1258's â ê ô ơ ư ă (both cases) and other accented vowels. */
const VOWEL = new Set(
  [...'aeiouyAEIOUY'].map((c) => c.charCodeAt(0)).concat([0xc2, 0xe2, 0xca, 0xea, 0xd4, 0xf4, 0xd5, 0xf5, 0xdd, 0xfd, 0xc3, 0xe3]),
);

/** Windows-1258 or Windows-1252 for bytes that are not UTF-8: a Vietnamese text puts its tone-mark bytes right after
 *  vowels (Nguyê + ~ + n); in Latin-1 text the same bytes are letters (ì ò Ì Ò Þ), mostly after consonants (così). */
function legacyCodePage(buf: Buffer): 'Windows-1258' | 'Windows-1252' {
  let afterVowel = 0,
    elsewhere = 0;
  for (let i = 1; i < buf.length; i++) {
    if (!TONE_MARKS.has(buf[i]!)) continue;
    if (VOWEL.has(buf[i - 1]!)) afterVowel++;
    else elsewhere++;
  }
  return afterVowel > 0 && afterVowel > 3 * elsewhere ? 'Windows-1258' : 'Windows-1252';
}

/** Windows-1252's characters at 0x80–0x9F (Node's TextDecoder reads "windows-1252" as ISO-8859-1 there, giving
 *  control characters); the five bytes it leaves undefined are refused before (UNDEFINED). */
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ';

function decodeAs(buf: Buffer, encoding: TextEncoding, what: string): string {
  if (encoding === 'Windows-1252') return buf.toString('latin1').replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  try {
    return new TextDecoder(encoding.toLowerCase(), { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    throw refuse(`The ${what} file is not valid ${encoding} text; save it again as "CSV UTF-8"`, `not valid ${encoding}`);
  }
}

/** The text of an uploaded text file and the encoding it was in (see the head of this file); NFC. */
export function decodeText(buf: Buffer, what = 'CSV'): { text: string; encoding: TextEncoding } {
  const b = buf;
  if (
    b.length >= 4 &&
    ((b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff))
  ) {
    throw refuse(`The ${what} file is in UTF-32, which is not read here; save it again as "CSV UTF-8"`, 'UTF-32 is not supported');
  }
  let encoding: TextEncoding | null = null;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) encoding = 'UTF-8';
  else if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) encoding = 'UTF-16LE';
  else if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) encoding = 'UTF-16BE';
  else if (b.includes(0)) {
    // UTF-16 without a mark: text in Latin script has a zero in every other byte.
    const n = Math.min(b.length, 4096) & ~1;
    let even = 0,
      odd = 0;
    for (let i = 0; i < n; i += 2) {
      if (b[i] === 0) even++;
      if (b[i + 1] === 0) odd++;
    }
    if (odd > n / 8 && even === 0) encoding = 'UTF-16LE';
    else if (even > n / 8 && odd === 0) encoding = 'UTF-16BE';
    else throw refuse(`The ${what} file holds binary data (zero bytes), not text`, 'not a text file');
  }
  if (!encoding) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(b).normalize('NFC'), encoding: 'UTF-8' };
    } catch {
      /* not UTF-8 */
    }
    encoding = legacyCodePage(b);
    const undefinedBytes = UNDEFINED[encoding];
    const at = b.findIndex((x) => undefinedBytes.has(x));
    if (at >= 0) {
      throw refuse(
        `The ${what} file is neither UTF-8 nor ${encoding} text (byte 0x${b[at]!.toString(16).toUpperCase()} at offset ${at} is no character of ${encoding}); save it again as "CSV UTF-8"`,
        'unknown encoding: not UTF-8, UTF-16, Windows-1258 or Windows-1252',
      );
    }
  }
  return {
    text: decodeAs(b, encoding, what)
      .replace(/^\uFEFF/, '')
      .normalize('NFC'),
    encoding,
  };
}

/** The separator of a CSV: the one of comma, semicolon and tab that the header line (outside quotes) has most of. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c as keyof typeof counts]++;
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t'] ? ';' : counts['\t'] > counts[','] ? '\t' : ',';
}

/** Splits CSV text into records (a field in quotes may hold line breaks). */
function* records(src: string, delimiter: string): Generator<string[]> {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      record.push(field);
      field = '';
      yield record;
      record = [];
    } else field += c;
  }
  if (field !== '' || record.length) {
    record.push(field);
    yield record;
  }
}

// A reader for the reference files the product ships (UTF-8, comma-separated).
export function parseCsv(text: string): Record<string, string>[] {
  const all = [...records(text.replace(/^\uFEFF/, ''), ',')].filter((r) => r.some((f) => f !== ''));
  const [header, ...body] = all;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').normalize('NFC').trim()])));
}

export type CsvTable = { header: string[]; rows: { row: number; values: Record<string, string> }[]; encoding: TextEncoding };

/** An uploaded CSV: its encoding found and converted (or refused, named), its separator found, its header (row 1) and
 *  non-empty records with their numbers (as a spreadsheet shows them), values NFC and trimmed. More than `maxRows` records is refused
 *  (413, data_rows) at the first one past the limit; the event loop runs every few milliseconds while reading. */
export async function readCsv(buf: Buffer, opts: { maxRows: number; what?: string }): Promise<CsvTable> {
  const { text, encoding } = decodeText(buf, opts.what);
  let header: string[] | null = null;
  const rows: CsvTable['rows'] = [];
  let lastTurn = performance.now();
  let row = 0; // the record's number, as a spreadsheet opening the file shows it (the header is row 1)
  for (const fields of records(text, detectDelimiter(text))) {
    row++;
    if (!header) {
      header = fields.map((h) => h.trim());
      continue;
    }
    if (fields.every((f) => f.trim() === '')) continue;
    if (rows.length >= opts.maxRows) throw limitError('data_rows', `more than ${opts.maxRows.toLocaleString('en')} data rows`, row);
    rows.push({ row, values: Object.fromEntries(header.map((h, i) => [h, (fields[i] ?? '').trim()])) });
    if (performance.now() - lastTurn > 8) {
      await nextTurn();
      lastTurn = performance.now();
    }
  }
  return { header: header ?? [], rows, encoding };
}
