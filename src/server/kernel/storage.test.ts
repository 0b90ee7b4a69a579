// The content-addressed store: de-duplication, integrity checked on read, types from the bytes, atomic writes,
// filenames for Content-Disposition and byte ranges.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { contentDisposition, createFileStore, parseRange, sanitizeFilename, sniffMediaType } from './storage.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-store-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const read = async (s: NodeJS.ReadableStream) => {
  const c: Buffer[] = [];
  for await (const x of s) c.push(x as Buffer);
  return Buffer.concat(c);
};
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('file store', () => {
  it('stores the same bytes once under files/<two hex>/<sha256>', async () => {
    const logs: string[] = [];
    const store = createFileStore(dir, (m) => logs.push(m));
    const a = await store.put(Buffer.from('%PDF-1.4 hello'));
    const b = await store.put(Buffer.from('%PDF-1.4 hello'));
    expect(a).toEqual(b);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const sub = path.join(dir, 'files', a.sha256.slice(0, 2));
    expect(fs.readdirSync(sub)).toEqual([a.sha256]);
    expect(await store.has(a.sha256)).toBe(true);
    expect(await store.has('0'.repeat(64))).toBe(false);
    const { stream, size } = await store.open(a.sha256);
    expect(size).toBe(14);
    expect((await read(stream)).toString()).toBe('%PDF-1.4 hello');
    expect((await read((await store.open(a.sha256, { start: 5, end: 7 })).stream)).toString()).toBe('1.4');
    expect(logs).toEqual([]);
  });

  it('detects a corrupted file and refuses to serve it', async () => {
    const logs: string[] = [];
    const store = createFileStore(dir, (m) => logs.push(m));
    const { sha256 } = await store.put(Buffer.from('original bytes'));
    fs.writeFileSync(path.join(dir, 'files', sha256.slice(0, 2), sha256), 'tampered bytes');
    const e = await store.open(sha256).catch((x) => x);
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('internal');
    expect(logs).toEqual(['stored file failed its integrity check']);
  });

  it('writes through a temporary file and leaves nothing half-written behind', async () => {
    const store = createFileStore(dir);
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    const seen = new Set<string>();
    const watcher = setInterval(() => {
      for (const d of fs.existsSync(path.join(dir, 'files')) ? fs.readdirSync(path.join(dir, 'files')) : []) {
        for (const f of fs.readdirSync(path.join(dir, 'files', d))) seen.add(f);
      }
    }, 0);
    const { sha256 } = await store.put(big);
    clearInterval(watcher);
    // A visible final name always holds the complete bytes; temporary names are gone after the write.
    expect(fs.statSync(path.join(dir, 'files', sha256.slice(0, 2), sha256)).size).toBe(big.length);
    const leftovers = fs.readdirSync(path.join(dir, 'files', sha256.slice(0, 2))).filter((f) => f.startsWith('.tmp-'));
    expect(leftovers).toEqual([]);
    for (const f of seen) expect(f === sha256 || f.startsWith('.tmp-') || /^[0-9a-f]{64}$/.test(f)).toBe(true);
    // A failing write (the directory is read-only) leaves no file at all.
    const ro = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-ro-'));
    const other = Buffer.from('never stored');
    const roStore = createFileStore(ro);
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(other).digest('hex');
    fs.mkdirSync(path.join(ro, 'files', sha.slice(0, 2)), { recursive: true });
    fs.chmodSync(path.join(ro, 'files', sha.slice(0, 2)), 0o500);
    const failed = await roStore.put(other).then(
      () => false,
      () => true,
    );
    fs.chmodSync(path.join(ro, 'files', sha.slice(0, 2)), 0o700);
    if (failed) expect(fs.readdirSync(path.join(ro, 'files', sha.slice(0, 2)))).toEqual([]);
    fs.rmSync(ro, { recursive: true, force: true });
  });

  it('decides the type from the bytes, never the name', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.4\n'), 'a.txt')).toBe('application/pdf');
    expect(sniffMediaType(PNG, 'report.pdf')).toBe('image/png');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'x')).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from('GIF89a....'), 'x')).toBe('image/gif');
    expect(sniffMediaType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '), 'x')).toBe('image/webp');
    expect(sniffMediaType(Buffer.from('\0\0\0\x18ftypmp42', 'latin1'), 'x')).toBe('video/mp4');
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]);
    expect(sniffMediaType(zip, 'a.docx')).toMatch(/wordprocessingml/);
    expect(sniffMediaType(zip, 'a.xlsx')).toMatch(/spreadsheetml/);
    expect(sniffMediaType(zip, 'a.pdf')).toBe('application/zip');
    expect(sniffMediaType(Buffer.from('Xin chào'), 'note.txt')).toBe('text/plain; charset=utf-8');
    expect(sniffMediaType(Buffer.from('Xin chào'), 'note.pdf')).toBeNull();
    expect(sniffMediaType(Buffer.from([0xc3, 0x28]), 'bad.txt')).toBeNull();
    expect(sniffMediaType(Buffer.from('MZ\x90\0'), 'setup.txt')).toBeNull();
  });

  it('keeps filenames as metadata only and encodes them for Content-Disposition', () => {
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFilename('C:\\x\\Báo cáo.pdf')).toBe('Báo cáo.pdf');
    expect(sanitizeFilename('\u0000..')).toBe('file');
    expect(contentDisposition('Báo cáo "quý" 1.pdf')).toBe(
      `attachment; filename="Bao cao quy 1.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%201.pdf`,
    );
  });

  it('parses single byte ranges', () => {
    expect(parseRange(undefined, 10)).toBeUndefined();
    expect(parseRange('bytes=0-3', 10)).toEqual({ start: 0, end: 3 });
    expect(parseRange('bytes=5-', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=-4', 10)).toEqual({ start: 6, end: 9 });
    expect(parseRange('bytes=8-20', 10)).toEqual({ start: 8, end: 9 });
    expect(parseRange('bytes=10-12', 10)).toBe('unsatisfiable');
  });
});
