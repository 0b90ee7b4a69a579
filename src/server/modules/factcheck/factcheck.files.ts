// Files of the `rightshub claims` command: CSV or TSV with `id` and `text` columns (any other columns ignored), and
// the `item_id,claim_id,rank,score` CSV it writes. The delimiter is the header's: a tab if the first line has one,
// a comma otherwise. Fields may be quoted ("…", "" inside for a quote, line breaks allowed) in both.
// Every problem is reported with the file, the row (the header is row 1; a row is a record, which may span lines)
// and the column, all of them at once.
import fs from 'node:fs';
import { decodeText } from '../../kernel/csv.js';
import { AppError } from '../../kernel/errors.js';
import type { ClaimMatch } from './factcheck.matcher.js';

/** A row of a claims or items file; `title` (optional column) is a claim's headline, matched as a second field. */
export type IdText = { id: string; text: string; title?: string };
type Problem = { row?: number; field: string; message: string };

/** Records of a delimited text (RFC 4180 quoting); each with the line it starts on. */
function records(src: string, delimiter: string, problems: Problem[]): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let start = 1;
  let quoteLine = 0;
  const end = () => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
    } else if (c === '"')
      field += c; // a stray quote inside an unquoted field is kept as a character
    else if (c === delimiter) end();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      end();
      if (fields.some((f) => f.trim() !== '')) out.push({ line: start, fields });
      fields = [];
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) problems.push({ row: out.length + 1, field: '', message: `a quoted field opened on line ${quoteLine} is never closed` });
  if (field !== '' || fields.length) {
    end();
    if (fields.some((f) => f.trim() !== '')) out.push({ line: start, fields });
  }
  return out;
}

/** Parses an `id`,`text` file's content; `name` is how errors name the file. */
export function parseIdText(content: string, name: string): IdText[] {
  const src = content.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') ? '\t' : ',';
  const problems: Problem[] = [];
  const recs = records(src, delimiter, problems);
  const fail = (message: string) =>
    new AppError(
      'import_invalid',
      `${name}: ${message}`,
      problems.map((p) => ({
        ...p,
        message: `${name}${p.row ? `, row ${p.row}` : ''}${p.field ? `, column ${p.field}` : ''}: ${p.message}`,
      })),
    );
  if (!recs.length)
    throw new AppError('import_invalid', `${name}: the file is empty (expected a header row with columns id and text)`, [
      { field: '', message: 'empty file' },
    ]);
  const header = recs[0].fields.map((h) => h.trim().toLowerCase());
  const idCol = header.indexOf('id');
  const textCol = header.indexOf('text');
  const titleCol = header.indexOf('title');
  if (idCol < 0 || textCol < 0) {
    const missing = [idCol < 0 ? 'id' : '', textCol < 0 ? 'text' : ''].filter(Boolean).join(' and ');
    problems.push({
      row: 1,
      field: missing,
      message: `the header row has no column ${missing} (found: ${header.join(delimiter === '\t' ? ' | ' : ', ') || 'nothing'}; ${delimiter === '\t' ? 'tab' : 'comma'}-separated)`,
    });
    throw fail(`the first row must be a header with columns id and text`);
  }
  if (recs.length === 1) {
    problems.push({ row: 2, field: '', message: 'no rows after the header' });
    throw fail('no rows after the header');
  }
  const seen = new Map<string, number>();
  const out: IdText[] = [];
  recs.slice(1).forEach((r, i) => {
    const row = i + 2;
    const id = (r.fields[idCol] ?? '').trim();
    const text = (r.fields[textCol] ?? '').normalize('NFC').trim();
    if (r.fields.length < header.length)
      problems.push({
        row,
        field: header[r.fields.length] ?? 'text',
        message: `only ${r.fields.length} of ${header.length} columns (line ${r.line})`,
      });
    else if (r.fields.length > header.length)
      problems.push({
        row,
        field: '',
        message: `${r.fields.length} columns where the header has ${header.length} (line ${r.line}; quote a text that contains ${delimiter === '\t' ? 'a tab' : 'a comma'})`,
      });
    if (!id) problems.push({ row, field: 'id', message: `empty id (line ${r.line})` });
    else if (seen.has(id)) problems.push({ row, field: 'id', message: `id ${id} is already used on row ${seen.get(id)}` });
    else seen.set(id, row);
    if (!text && r.fields.length >= header.length) problems.push({ row, field: 'text', message: `empty text (line ${r.line})` });
    const title = titleCol >= 0 ? (r.fields[titleCol] ?? '').normalize('NFC').trim() : '';
    out.push(title ? { id, text, title } : { id, text });
  });
  if (problems.length) throw fail(`${problems.length} problem${problems.length > 1 ? 's' : ''}; nothing was matched`);
  return out;
}

export function readIdTextFile(file: string): IdText[] {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new AppError('import_invalid', `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, [
      { field: '', message: String((e as Error).message) },
    ]);
  }
  // UTF-8, UTF-16, Windows-1258 or Windows-1252, found and converted (or refused, named), as every CSV import
  return parseIdText(decodeText(bytes, file).text, file);
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The command's output: a header and one line per (item, match). */
export function matchesCsv(rows: { itemId: string; matches: ClaimMatch[] }[]): string {
  const lines = ['item_id,claim_id,rank,score'];
  for (const r of rows)
    for (const m of r.matches) lines.push(`${csvField(r.itemId)},${csvField(m.claimId)},${m.rank},${m.score.toFixed(4)}`);
  return lines.join('\n') + '\n';
}
