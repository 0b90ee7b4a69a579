// CSV uploads in the encodings spreadsheets save them in (issue 16, finding 9), from real byte files
// (test/fixtures/encodings): UTF-8 with a BOM and semicolons, UTF-16 LE (tab-separated, as Excel's "Unicode text") and
// BE, UTF-16 without a BOM, Windows-1258 (Vietnamese, tone marks as combining characters) and Windows-1252 (Latin-1)
// are read as the text they hold, in every CSV import (fact-check items, UN recommendations, the claims command);
// UTF-32 and bytes no code page defines are refused with the encoding named, nothing imported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser, TEST_PASSWORD } from '../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../test/test-db.js';
import { multipart } from '../../../test/xlsx.js';
import { readIdTextFile } from '../modules/factcheck/factcheck.files.js';
import { decodeText, readCsv } from './csv.js';
import { rows } from './db.js';
import { AppError } from './errors.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/encodings');
const bytes = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const VI = [
  'Tin đồn sai sự thật về quyền con người ở Việt Nam lan truyền trên mạng xã hội',
  'Nguyễn Thị Hương: bài đăng bịa đặt về Luật Báo chí, Hội đồng nhân dân',
];
const LATIN = [
  "Informação falsa: São Tomé não é citado; à l'élection, ça a été démenti",
  'Così è: può essere vero? Perché no — lunedì, città',
];
const VI_FILES = {
  'items-windows-1258.csv': 'Windows-1258',
  'items-utf-16le-tab.csv': 'UTF-16LE',
  'items-utf-16be.csv': 'UTF-16BE',
  'items-utf-16le-no-bom.csv': 'UTF-16LE',
  'items-utf-8-bom-semicolon.csv': 'UTF-8',
} as const;
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('the encoding of a CSV upload', () => {
  it('reads each encoding as the text it holds, NFC, with its separator, and says which encoding it was', async () => {
    for (const [file, encoding] of Object.entries(VI_FILES)) {
      const t = await readCsv(bytes(file), { maxRows: 10 });
      expect(t.encoding, file).toBe(encoding);
      expect(t.header, file).toEqual(['text', 'url', 'platform', 'published_at']);
      expect(
        t.rows.map((r) => r.values.text),
        file,
      ).toEqual(VI);
      expect(
        t.rows.map((r) => r.row),
        file,
      ).toEqual([2, 3]);
      for (const r of t.rows) expect(r.values.text, file).toBe(r.values.text!.normalize('NFC'));
    }
    const latin = await readCsv(bytes('items-windows-1252.csv'), { maxRows: 10 });
    expect(latin.encoding).toBe('Windows-1252'); // "così", "può": Latin letters after consonants, not Vietnamese tone marks
    expect(latin.rows.map((r) => r.values.text)).toEqual(LATIN);
    expect((await readCsv(Buffer.from('text\nNhân quyền\n'), { maxRows: 10 })).encoding).toBe('UTF-8');
  });

  it('refuses UTF-32, bytes no code page defines and binary data with 415 naming the encoding', () => {
    expect(refusal(() => decodeText(bytes('items-utf-32le.csv')))).toMatchObject({
      code: 'unsupported_media_type',
      message: expect.stringContaining('UTF-32'),
    });
    const unknown = refusal(() => decodeText(bytes('items-unknown.csv')));
    expect(unknown.code).toBe('unsupported_media_type');
    expect(unknown.message).toMatch(/neither UTF-8 nor Windows-1258 text \(byte 0x81 at offset \d+/);
    expect(refusal(() => decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00])))).toMatchObject({
      code: 'unsupported_media_type',
      message: expect.stringContaining('binary'),
    });
    expect(refusal(() => decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0x28])))).toMatchObject({
      message: expect.stringContaining('not valid UTF-8'),
    });
  });

  it('the claims command (rightshub claims match) reads its files the same way', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-csv-'));
    try {
      // "Quyền con người Việt Nam" in Windows-1258: ê ư ơ as letters, the grave (0xCC) and the dot below (0xF2) as bytes of their own
      const cp1258 = Buffer.concat([
        Buffer.from('id,text\r\n1,Quy'),
        Buffer.from([0xea, 0xcc]),
        Buffer.from('n con ng'),
        Buffer.from([0xfd, 0xf5, 0xcc]),
        Buffer.from('i Vi'),
        Buffer.from([0xea, 0xf2]),
        Buffer.from('t Nam\r\n'),
      ]);
      fs.writeFileSync(path.join(dir, 'a.csv'), cp1258);
      fs.writeFileSync(
        path.join(dir, 'b.tsv'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\ttext\r\n1\tQuyền con người ở Việt Nam\r\n', 'utf16le')]),
      );
      expect(readIdTextFile(path.join(dir, 'a.csv'))).toEqual([{ id: '1', text: 'Quyền con người Việt Nam' }]);
      expect(readIdTextFile(path.join(dir, 'b.tsv'))).toEqual([{ id: '1', text: 'Quyền con người ở Việt Nam' }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses more rows than allowed at the first one past the limit (413)', async () => {
    const e = await readCsv(Buffer.from(`text\n${'dòng\n'.repeat(50)}`), { maxRows: 20 }).catch((x) => x);
    expect(e).toMatchObject({ code: 'payload_too_large', details: [{ row: 22, field: 'data_rows' }] });
  });
});

describe('every CSV import reads every encoding', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let admin: Session;
  beforeAll(async () => {
    t = await testApp();
    const u = await makeUser(t.db, 'admin');
    admin = await signIn(t.app, u.username, TEST_PASSWORD);
  });
  const upload = (url: string, buf: Buffer, filename: string) => {
    const m = multipart(buf, filename);
    return t.app.inject({ method: 'POST', url, headers: { ...admin.headers, ...m.headers }, payload: m.payload });
  };

  it('fact-check items: Vietnamese from Windows-1258 and UTF-16 and Latin text from Windows-1252 are stored as written; UTF-32 is refused, nothing stored', async () => {
    // every file's items are stored with the same text: exactly the one written
    const stored = async (url: string) =>
      (await rows<{ text: string }>(t.db, sql`select distinct text from fc_items where url = ${url}`)).map((r) => r.text);
    for (const file of Object.keys(VI_FILES)) {
      const r = await upload('/api/factcheck/items/import', bytes(file), file);
      expect(r.statusCode, `${file}: ${r.body.slice(0, 300)}`).toBe(200);
      expect(await stored('https://example.vn/a'), file).toEqual([VI[0]]);
      expect(await stored('https://example.vn/b'), file).toEqual([VI[1]]);
    }
    const latin = await upload('/api/factcheck/items/import', bytes('items-windows-1252.csv'), 'items.csv');
    expect(latin.statusCode, latin.body).toBe(200);
    expect(await stored('https://example.it/b')).toEqual([LATIN[1]]);
    const before = Number((await rows<{ n: number }>(t.db, sql`select count(*)::int as n from fc_items`))[0]!.n);
    const u32 = await upload('/api/factcheck/items/import', bytes('items-utf-32le.csv'), 'items.csv');
    expect(u32.statusCode).toBe(415);
    expect(u32.json().error.message).toContain('UTF-32');
    expect(Number((await rows<{ n: number }>(t.db, sql`select count(*)::int as n from fc_items`))[0]!.n)).toBe(before);
  });

  it('UN recommendations (UHRI CSV): a UTF-16 file with tabs and a Windows-1252 file are read, column names and accents intact', async () => {
    const lines = [
      ['State', 'Text', 'Mechanism', 'Response (UPR)', 'Recommending State (UPR)', 'Document Code', 'Paragraph', 'Cycle'],
      [
        'Viet Nam',
        'Fictional fixture in UTF-16 — "quoted".',
        'Universal Periodic Review',
        'Supported',
        "Côte d'Ivoire",
        'A/HRC/FICTION/ENC',
        '7.1',
        'Cycle 4',
      ],
    ];
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(lines.map((l) => l.map((c) => `"${c.replace(/"/g, '""')}"`).join('\t')).join('\r\n'), 'utf16le'),
    ]);
    const r = await upload('/api/recommendations/import?format=uhri&commit=false', utf16, 'uhri.csv');
    expect(r.statusCode, r.body.slice(0, 400)).toBe(200);
    expect(r.json()).toMatchObject({ creates: 1, changes: [{ row: 2, kind: 'create', label: 'UPR-IV 7.1' }] });
    const cp1252 = Buffer.from(
      lines
        .map((l) => l.join(';'))
        .join('\r\n')
        .replace('—', '-')
        .replace(/"/g, ''),
      'latin1',
    );
    const w = await upload('/api/recommendations/import?format=uhri&commit=true', cp1252, 'uhri.csv');
    expect(w.statusCode, w.body.slice(0, 400)).toBe(200);
    const [rec] = await rows<{ recommending_states: string[] }>(
      t.db,
      sql`select recommending_states from recommendations where paragraph = '7.1' and source_document = 'A/HRC/FICTION/ENC'`,
    );
    expect(rec?.recommending_states).toEqual(["Côte d'Ivoire"]);
  });
});
