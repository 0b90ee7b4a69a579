// Workbooks for tests and the bench, written directly (a few parts, inline strings): a 100,000-row sheet in a second,
// and "zip bombs" — small uploads whose sheet or shared strings unzip to a gigabyte of highly compressible XML.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

type Entry = { name: string; data: Buffer; method?: 0 | 8; size?: number };

/** A ZIP of already compressed (method 8) or stored (method 0) entries; `size` is the inflated size when compressed. */
export function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.method ?? 8;
    const raw = method === 8 && e.size === undefined ? zlib.deflateRawSync(e.data) : e.data;
    const size = e.size ?? e.data.length;
    const crc = e.size === undefined ? zlib.crc32(e.data) : 0; // a bomb's CRC is not checked by the reader
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0, 6);
    h.writeUInt16LE(method, 8);
    h.writeUInt32LE(crc >>> 0, 14);
    h.writeUInt32LE(raw.length, 18);
    h.writeUInt32LE(size >>> 0, 22);
    h.writeUInt16LE(name.length, 26);
    locals.push(h, name, raw);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(raw.length, 20);
    c.writeUInt32LE(size >>> 0, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + raw.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a workbook around its sheets (`sheetParts`: each sheet's XML, possibly already compressed). */
function workbook(names: string[], sheetParts: Entry[], extra: Entry[] = []): Buffer {
  const text = (name: string, s: string): Entry => ({ name, data: Buffer.from(s) });
  return zip([
    text(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    text(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    text(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets>${names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
    text(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}${extra.some((e) => e.name === 'xl/sharedStrings.xml') ? `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    ),
    ...sheetParts,
    ...extra,
  ]);
}

/** The XML of one sheet's rows, cells as inline strings (numbers as numbers). */
function sheetXml(rows: (string | number | null)[][]): string {
  const out: string[] = [`<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>`];
  rows.forEach((r, i) => {
    out.push(`<row r="${i + 1}">`);
    r.forEach((v, c) => {
      if (v === null || v === '') return;
      const ref = `${colName(c + 1)}${i + 1}`;
      out.push(
        typeof v === 'number'
          ? `<c r="${ref}"><v>${v}</v></c>`
          : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`,
      );
    });
    out.push('</row>');
  });
  out.push('</sheetData></worksheet>');
  return out.join('');
}
const colName = (n: number): string => (n > 26 ? colName(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));

/** A workbook of one sheet (rows of cells) or of named sheets. */
export function xlsx(sheets: (string | number | null)[][] | { name: string; rows: (string | number | null)[][] }[]): Buffer {
  const list =
    sheets.length && !Array.isArray(sheets[0])
      ? (sheets as { name: string; rows: (string | number | null)[][] }[])
      : [{ name: 'Sheet1', rows: sheets as (string | number | null)[][] }];
  return workbook(
    list.map((s) => s.name),
    list.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: Buffer.from(sheetXml(s.rows)) })),
  );
}

/** Deflates prefix + unit(0) + … + unit(count − 1) + suffix as a stream (never all in memory); the compressed bytes. */
async function deflateEach(
  prefix: string,
  unit: (i: number) => string,
  count: number,
  suffix: string,
): Promise<{ data: Buffer; size: number }> {
  const d = zlib.createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((r) => d.on('end', r));
  let size = Buffer.byteLength(prefix) + Buffer.byteLength(suffix);
  d.write(prefix);
  for (let i = 0; i < count; i += 10_000) {
    const part = Buffer.from(Array.from({ length: Math.min(10_000, count - i) }, (_, k) => unit(i + k)).join(''));
    size += part.length;
    if (!d.write(part)) await new Promise((r) => d.once('drain', r));
  }
  d.end(suffix);
  await done;
  return { data: Buffer.concat(out), size };
}

/** Deflates prefix + unit × count + suffix as a stream (never all in memory); the compressed bytes. */
async function deflateRepeated(prefix: string, unit: string, count: number, suffix: string): Promise<{ data: Buffer; size: number }> {
  const d = zlib.createDeflateRaw({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((r) => d.on('end', r));
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor((1 << 20) / unit.length))));
  const perBlock = Math.max(1, Math.floor((1 << 20) / unit.length));
  d.write(prefix);
  let left = count;
  while (left > 0) {
    const n = Math.min(left, perBlock);
    if (!d.write(n === perBlock ? block : Buffer.from(unit.repeat(n)))) await new Promise((r) => d.once('drain', r));
    left -= n;
  }
  d.end(suffix);
  await done;
  return { data: Buffer.concat(out), size: Buffer.byteLength(prefix) + Buffer.byteLength(unit) * count + Buffer.byteLength(suffix) };
}

export type BombKind = 'cell' | 'rows' | 'strings' | 'columns';
/** A "zip bomb" workbook of about a megabyte that unzips to about `gib` GiB of sheet XML (or shared strings):
 *  'cell' one endless cell, 'rows' endless short rows, 'strings' endless shared strings, 'columns' one row of endless
 *  cells. Kept in the temporary directory between runs (making one takes seconds). */
export async function zipBomb(kind: BombKind, gib = 1): Promise<Buffer> {
  const file = path.join(os.tmpdir(), `rh-zip-bomb-v2-${kind}-${gib}.xlsx`);
  if (fs.existsSync(file)) return fs.readFileSync(file);
  const total = gib * 1024 ** 3;
  const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>`;
  const tail = '</sheetData></worksheet>';
  let sheet: { data: Buffer; size: number };
  const extra: Entry[] = [];
  if (kind === 'cell')
    sheet = await deflateRepeated(
      `${head}<row r="1"><c r="A1" t="inlineStr"><is><t>`,
      'a'.repeat(1024),
      total / 1024,
      `</t></is></c></row>${tail}`,
    );
  else if (kind === 'rows')
    sheet = await deflateRepeated(
      `${head}<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>`,
      '<row><c t="inlineStr"><is><t>Nguyễn Văn A</t></is></c></row>',
      Math.floor(total / 56),
      tail,
    );
  else if (kind === 'columns')
    sheet = await deflateRepeated(`${head}<row r="1">`, '<c t="inlineStr"><is><t>x</t></is></c>', Math.floor(total / 36), `</row>${tail}`);
  else {
    sheet = { data: zlib.deflateRawSync(`${head}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${tail}`), size: 0 };
    sheet.size = zlib.inflateRawSync(sheet.data).length;
    const s = await deflateRepeated(
      `<?xml version="1.0" encoding="UTF-8"?><sst ${NS.split(' ')[0]}>`,
      `<si><t>${'ă'.repeat(400)}</t></si>`,
      Math.floor(total / 816),
      '</sst>',
    );
    extra.push({ name: 'xl/sharedStrings.xml', data: s.data, size: s.size, method: 8 });
  }
  const buf = workbook(['Sheet1'], [{ name: 'xl/worksheets/sheet1.xml', data: sheet.data, size: sheet.size, method: 8 }], extra);
  fs.writeFileSync(file, buf);
  return buf;
}

/** A sheet of `count` rows of one name each below a header (rows and cells numbered, as Excel writes them), deflated
 *  as a stream: a million rows in a few seconds, kept in the temporary directory between runs. */
export async function rowsFile(count: number, header = ['Họ và tên']): Promise<Buffer> {
  const file = path.join(os.tmpdir(), `rh-rows-v2-${count}-${Buffer.from(header.join('|')).toString('hex').slice(0, 40)}.xlsx`);
  if (fs.existsSync(file)) return fs.readFileSync(file);
  const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData><row r="1">${header.map((h, i) => `<c r="${colName(i + 1)}1" t="inlineStr"><is><t>${esc(h)}</t></is></c>`).join('')}</row>`;
  const sheet = await deflateEach(
    head,
    (i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>Nguyễn Văn A</t></is></c></row>`,
    count,
    '</sheetData></worksheet>',
  );
  const buf = workbook(['Sheet1'], [{ name: 'xl/worksheets/sheet1.xml', data: sheet.data, size: sheet.size, method: 8 }]);
  fs.writeFileSync(file, buf);
  return buf;
}

/** A multipart/form-data body with one file in the field "file", for app.inject. */
export function multipart(buf: Buffer, filename = 'upload.xlsx') {
  const boundary = `----rh${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
