// Files of library products through HTTP, on a real database and a real file store: types decided from the bytes
// (audio and video included, executables refused), the size limit, filenames as metadata only, de-duplication,
// thumbnails with sharp, PDF text extracted into search, downloads with ETag and byte ranges, integrity on read,
// public versus signed-in access by the product's status, and authorisation by organisation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Organisation } from '../../../shared/contracts/directory.js';
import { rows } from '../../kernel/db.js';
import { sniffMediaType } from '../../kernel/storage.js';
import { extractPdfText, MAX_EXTRACTED_CHARS, makeThumbnail } from './library.files.js';
import { libraryFileRoutes } from './library.files.routes.js';
import { makePdf } from './library.samples.js';
import { refreshProductSearch } from './library.search.js';
import { libraryFiles, libraryProductLanguages, libraryProductTexts, libraryProducts } from './library.tables.js';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Session, editorA: Session, editorB: Session, viewer: Session;
let provA: Organisation, provB: Organisation;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-libfiles-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// ---------------------------------------------------------------- test files, made here

const PDF = makePdf(['Quy\x80n con ng\x81\x82i', 'Universal periodic review handbook']);
const BROKEN_PDF = Buffer.from('%PDF-1.4\nthis is not really a PDF at all\n');
const EXE = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
  Buffer.alloc(64, 0),
  Buffer.from('This program cannot be run in DOS mode.'),
]);
const MP4 = Buffer.concat([Buffer.from('\0\0\0\x18ftypisom\0\0\x02\0isomiso2', 'latin1'), Buffer.alloc(32, 0)]);
const M4A = Buffer.concat([Buffer.from('\0\0\0\x20ftypM4A \0\0\x02\0M4A isomiso2', 'latin1'), Buffer.alloc(32, 0)]);
const MP3_ID3 = Buffer.concat([
  Buffer.from('ID3\x04\0\0\0\0\0\x0a', 'latin1'),
  Buffer.alloc(10, 0),
  Buffer.from([0xff, 0xfb, 0x90, 0x64]),
  Buffer.alloc(100, 0),
]);
const MP3_FRAME = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413, 0)]);
const AAC_ADTS = Buffer.concat([Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), Buffer.alloc(20, 0)]);
const WAV = Buffer.concat([Buffer.from('RIFF\x24\0\0\0WAVEfmt ', 'latin1'), Buffer.alloc(32, 0)]);
const OGG = Buffer.concat([
  Buffer.from('OggS\0\x02', 'latin1'),
  Buffer.alloc(22, 0),
  Buffer.from('\x01vorbis', 'latin1'),
  Buffer.alloc(20, 0),
]);
const WEBM = Buffer.concat([
  Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]),
  Buffer.from('webm'),
  Buffer.alloc(20, 0),
]);
const MKV = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88]), Buffer.from('matroska'), Buffer.alloc(20, 0)]);
let PNG: Buffer;

// ---------------------------------------------------------------- helpers

function multipart(file: { name: string; bytes: Buffer; type?: string } | null, caption?: string) {
  const boundary = '----rh' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  if (caption !== undefined)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n${caption}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (s: Session | null, productId: number, file: { name: string; bytes: Buffer; type?: string } | null, caption?: string) => {
  const m = multipart(file, caption);
  return t.app.inject({
    method: 'POST',
    url: `/api/library/products/${productId}/files`,
    payload: m.payload,
    headers: { ...(s?.headers ?? {}), ...m.headers },
  });
};
const get = (url: string, s?: Session | null, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...(s?.headers ?? {}), ...headers } });
const del = (s: Session | null, productId: number, fileId: number) =>
  t.app.inject({ method: 'DELETE', url: `/api/library/products/${productId}/files/${fileId}`, headers: s?.headers ?? {} });

let productSeq = 0;
async function newProduct(
  org: number,
  status: 'draft' | 'published' | 'withdrawn' = 'draft',
  title = `Ấn phẩm thử ${++productSeq}`,
): Promise<number> {
  const [p] = await t.db
    .insert(libraryProducts)
    .values({
      kind: 'book',
      organisationId: org,
      channel: 'print',
      date: '2025-03-01',
      status,
      publishedAt: status === 'draft' ? null : new Date(),
      withdrawnAt: status === 'withdrawn' ? new Date() : null,
    })
    .returning({ id: libraryProducts.id });
  await t.db.insert(libraryProductTexts).values({ productId: p!.id, position: 0, language: 'vie', title });
  await t.db.insert(libraryProductLanguages).values({ productId: p!.id, language: 'vie' });
  await refreshProductSearch(t.db, p!.id);
  return p!.id;
}
const setStatus = (id: number, status: string) => t.db.update(libraryProducts).set({ status }).where(eq(libraryProducts.id, id));
const storedNames = () => {
  const root = path.join(dataDir, 'files');
  return fs.existsSync(root) ? fs.readdirSync(root).flatMap((d) => fs.readdirSync(path.join(root, d)).map((f) => path.join(d, f))) : [];
};
const fileUrl = (id: number) => `/api/library/files/${id}`;

beforeAll(async () => {
  PNG = await sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 200, g: 30, b: 40 } } })
    .png()
    .toBuffer();
  t = await testApp({ UPLOAD_MAX_MB: '1', DATA_DIR: dataDir });
  // The core library routes call libraryFileRoutes; until they are wired into the module list, register here.
  if (!t.app.hasRoute({ method: 'POST', url: '/api/library/products/:id/files' })) {
    await t.app.register(async (scope) => libraryFileRoutes(scope, { db: t.db, config: t.config }));
  }
  provA = await makeOrg(t.db, {
    code: 'UBND-48',
    nameVi: 'Ủy ban nhân dân thành phố Đà Nẵng',
    kind: 'provincial_committee',
    provinceCode: '48',
    isStateAdminAgency: true,
  });
  provB = await makeOrg(t.db, {
    code: 'UBND-56',
    nameVi: 'Ủy ban nhân dân tỉnh Khánh Hòa',
    kind: 'provincial_committee',
    provinceCode: '56',
    isStateAdminAgency: true,
  });
  const u = async (role: 'admin' | 'editor' | 'viewer', org: number | null = null) => {
    const x = await makeUser(t.db, role, org);
    return signIn(t.app, x.username, x.password);
  };
  admin = await u('admin');
  editorA = await u('editor', provA.id);
  editorB = await u('editor', provB.id);
  viewer = await u('viewer');
});

// ---------------------------------------------------------------- tests

describe('sniffing types from the bytes', () => {
  it('recognises audio and video containers, and refuses executables and SVG', () => {
    expect(sniffMediaType(MP3_ID3)).toBe('audio/mpeg');
    expect(sniffMediaType(MP3_FRAME)).toBe('audio/mpeg');
    expect(sniffMediaType(AAC_ADTS)).toBe('audio/aac');
    expect(sniffMediaType(M4A)).toBe('audio/mp4');
    expect(sniffMediaType(MP4)).toBe('video/mp4');
    expect(sniffMediaType(WAV)).toBe('audio/wav');
    expect(sniffMediaType(OGG)).toBe('audio/ogg');
    expect(sniffMediaType(WEBM)).toBe('video/webm');
    expect(sniffMediaType(MKV)).toBe('video/x-matroska');
    expect(sniffMediaType(Buffer.from('fLaC\0\0\0\x22', 'latin1'))).toBe('audio/flac');
    expect(sniffMediaType(EXE, 'report.pdf')).toBeNull();
    expect(sniffMediaType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'logo.svg')).toBeNull();
    expect(sniffMediaType(Buffer.from('<?xml version="1.0"?><svg/>'), 'logo.svg')).toBeNull();
    // JPEG's FF D8 is not an MPEG audio frame; a bare sync with reserved fields is nothing.
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toBeNull();
  });
});

describe('derived content', () => {
  it('extracts PDF text (Vietnamese through glyph names, and ASCII), and logs rather than fails on a broken PDF', async () => {
    const text = await extractPdfText(PDF);
    expect(text).toContain('Quyền con người');
    expect(text).toContain('Universal periodic review handbook');
    const logs: string[] = [];
    expect(await extractPdfText(BROKEN_PDF, (m) => logs.push(m))).toBeNull();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/PDF text extraction failed/);
    expect(MAX_EXTRACTED_CHARS).toBe(200_000);
  });

  it('caps extracted text', async () => {
    const line = 'Long text line for the cap test '.repeat(3);
    const many = makePdf(Array.from({ length: 24 }, () => line));
    const text = (await extractPdfText(many))!;
    expect(text.length).toBeGreaterThan(1000);
    expect(text.length).toBeLessThanOrEqual(MAX_EXTRACTED_CHARS);
  });

  it('makes no thumbnail of bytes that only look like an image', async () => {
    const logs: string[] = [];
    expect(await makeThumbnail(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), (m) => logs.push(m))).toBeNull();
    expect(logs).toHaveLength(1);
  });
});

describe('library product files', () => {
  it("uploads a PDF with a caption, extracts its text into the product's search fields, and audits the attach", async () => {
    const id = await newProduct(provA.id);
    const r = await upload(editorA, id, { name: 'Sổ tay UPR.pdf', bytes: PDF, type: 'application/pdf' }, 'Bản tiếng Việt');
    expect(r.statusCode).toBe(201);
    const f = r.json();
    expect(f).toMatchObject({
      filename: 'Sổ tay UPR.pdf',
      size: PDF.length,
      mediaType: 'application/pdf',
      caption: 'Bản tiếng Việt',
      hasThumbnail: false,
    });
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [row] = await t.db.select().from(libraryFiles).where(eq(libraryFiles.id, f.id));
    expect(row!.extractedText).toContain('Quyền con người');
    const found = await rows<{ id: number }>(
      t.db,
      sql`select id from library_products where search_text ilike '%quyen con nguoi%' and search_text ilike '%universal periodic review%'`,
    );
    expect(found.map((x) => Number(x.id))).toEqual([id]);
    const audit = (await get(`/api/audit?entity=library_product&entityId=${id}`, admin)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['attach']);

    // Detaching removes the text from search and is audited too.
    expect((await del(editorA, id, f.id)).statusCode).toBe(204);
    expect(await rows(t.db, sql`select id from library_products where id = ${id} and search_text ilike '%quyen%'`)).toEqual([]);
    const after = (await get(`/api/audit?entity=library_product&entityId=${id}`, admin)).json();
    expect(after.items.map((a: { action: string }) => a.action)).toEqual(['detach', 'attach']);
    expect((await del(editorA, id, f.id)).statusCode).toBe(404);
  });

  it('keeps a broken PDF, without text', async () => {
    const id = await newProduct(provA.id);
    const r = await upload(editorA, id, { name: 'hong.pdf', bytes: BROKEN_PDF });
    expect(r.statusCode).toBe(201);
    expect(r.json().mediaType).toBe('application/pdf');
    const [row] = await t.db.select().from(libraryFiles).where(eq(libraryFiles.id, r.json().id));
    expect(row!.extractedText).toBeNull();
  });

  it('makes a 320 px wide WebP thumbnail of an image and serves it', async () => {
    const id = await newProduct(provA.id, 'published');
    const r = await upload(editorA, id, { name: 'anh.png', bytes: PNG, type: 'image/png' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ mediaType: 'image/png', hasThumbnail: true });
    const th = await get(`${fileUrl(r.json().id)}/thumbnail`);
    expect(th.statusCode).toBe(200);
    expect(th.headers['content-type']).toBe('image/webp');
    expect(th.headers['x-content-type-options']).toBe('nosniff');
    const meta = await sharp(th.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 320, height: 240 });
    const [row] = await t.db.select().from(libraryFiles).where(eq(libraryFiles.id, r.json().id));
    expect(th.headers.etag).toBe(`"${row!.thumbnailSha256}"`);
    expect(storedNames()).toContain(path.join(row!.thumbnailSha256!.slice(0, 2), row!.thumbnailSha256!));
    const part = await get(`${fileUrl(r.json().id)}/thumbnail`, null, { range: 'bytes=0-3' });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.toString('latin1')).toBe('RIFF');
    // A PDF has no thumbnail.
    const pdf = await upload(editorA, id, { name: 'a.pdf', bytes: PDF });
    expect((await get(`${fileUrl(pdf.json().id)}/thumbnail`)).statusCode).toBe(404);
  });

  it('decides the type from the bytes: audio and video are accepted, a .pdf that is an EXE is a 415', async () => {
    const id = await newProduct(provA.id);
    for (const [name, bytes, type] of [
      ['podcast.mp3', MP3_ID3, 'audio/mpeg'],
      ['clip.mp4', MP4, 'video/mp4'],
      ['talk.m4a', M4A, 'audio/mp4'],
      ['speech.wav', WAV, 'audio/wav'],
      ['song.ogg', OGG, 'audio/ogg'],
      ['film.webm', WEBM, 'video/webm'],
      ['raw.mp3', MP3_FRAME, 'audio/mpeg'],
    ] as const) {
      const r = await upload(editorA, id, { name: `wrong-name-${name}.txt`, bytes });
      expect(r.statusCode, name).toBe(201);
      expect(r.json().mediaType, name).toBe(type);
    }
    const exe = await upload(editorA, id, { name: 'report.pdf', bytes: EXE, type: 'application/pdf' });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error).toMatchObject({ code: 'unsupported_media_type', details: [{ field: 'file' }] });
    const svg = await upload(editorA, id, {
      name: 'logo.svg',
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      type: 'image/svg+xml',
    });
    expect(svg.statusCode).toBe(415);
    const html = await upload(editorA, id, { name: 'page.txt', bytes: Buffer.from('<html><script>alert(1)</script></html>\u0001') });
    expect(html.statusCode).toBe(415);
    expect((await upload(editorA, id, null, 'only a caption')).statusCode).toBe(400);
    expect((await upload(editorA, id, { name: 'empty.pdf', bytes: Buffer.alloc(0) })).statusCode).toBe(400);
  });

  it('refuses files over UPLOAD_MAX_MB with 413 naming the limit', async () => {
    const id = await newProduct(provA.id);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const r = await upload(editorA, id, { name: 'big.pdf', bytes: big });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('payload_too_large');
    expect(r.json().error.message).toContain('1 MB');
    expect(r.json().error.details).toEqual([{ field: 'file', message: `at most ${1024 * 1024} bytes` }]);
  });

  it('keeps a filename with path separators as sanitised metadata only', async () => {
    const id = await newProduct(provA.id);
    const before = new Set(storedNames());
    const bytes = makePdf(['Path separator test']);
    const r = await upload(editorA, id, { name: '../../../etc/Báo cáo.pdf', bytes });
    expect(r.statusCode).toBe(201);
    expect(r.json().filename).toBe('Báo cáo.pdf');
    const win = await upload(editorA, id, { name: '..\\..\\Windows\\sổ tay.pdf', bytes });
    expect(win.json().filename).toBe('sổ tay.pdf');
    // On disk only the content address appears; nothing escapes the store.
    const added = storedNames().filter((n) => !before.has(n));
    expect(added).toEqual([path.join(r.json().sha256.slice(0, 2), r.json().sha256)]);
    expect(fs.existsSync(path.join(dataDir, 'etc'))).toBe(false);
    expect(fs.existsSync(path.join(path.dirname(dataDir), 'etc', 'Báo cáo.pdf'))).toBe(false);
  });

  it('stores the same bytes once, attached to two products', async () => {
    const bytes = makePdf(['Dedup test content']);
    const p1 = await newProduct(provA.id);
    const p2 = await newProduct(provA.id);
    const before = storedNames().length;
    const a = (await upload(editorA, p1, { name: 'a.pdf', bytes })).json();
    const b = (await upload(editorA, p2, { name: 'b.pdf', bytes })).json();
    expect(a.sha256).toBe(b.sha256);
    expect(a.id).not.toBe(b.id);
    expect(storedNames().length).toBe(before + 1);
    expect(storedNames().filter((n) => n.endsWith(a.sha256))).toHaveLength(1);
    // Detaching one leaves the other's bytes in place.
    expect((await del(editorA, p1, a.id)).statusCode).toBe(204);
    expect((await get(fileUrl(b.id), editorA)).rawPayload.equals(bytes)).toBe(true);
  });

  it('serves downloads with ETag, the sniffed type, disposition, nosniff and byte ranges', async () => {
    const id = await newProduct(provA.id, 'published');
    const f = (await upload(editorA, id, { name: 'Thông cáo quý.exe', bytes: PDF })).json();
    const full = await get(fileUrl(f.id));
    expect(full.statusCode).toBe(200);
    expect(full.rawPayload.equals(PDF)).toBe(true);
    expect(full.headers).toMatchObject({
      'content-type': 'application/pdf',
      'x-content-type-options': 'nosniff',
      'accept-ranges': 'bytes',
      etag: `"${f.sha256}"`,
    });
    expect(full.headers['content-length']).toBe(String(PDF.length));
    expect(full.headers['content-disposition']).toBe(
      `inline; filename="Thong cao quy.exe"; filename*=UTF-8''Th%C3%B4ng%20c%C3%A1o%20qu%C3%BD.exe`,
    );
    expect(full.headers['cache-control']).toBe('public, no-cache');

    const part = await get(fileUrl(f.id), null, { range: 'bytes=1-7' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1-7/${PDF.length}`);
    expect(part.headers['content-length']).toBe('7');
    expect(part.rawPayload.equals(PDF.subarray(1, 8))).toBe(true);
    const tail = await get(fileUrl(f.id), null, { range: 'bytes=-6' });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(PDF.subarray(PDF.length - 6))).toBe(true);
    const bad = await get(fileUrl(f.id), null, { range: `bytes=${PDF.length}-` });
    expect(bad.statusCode).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${PDF.length}`);
    // If-Range with another validator: the whole file.
    const stale = await get(fileUrl(f.id), null, { range: 'bytes=0-3', 'if-range': '"other"' });
    expect(stale.statusCode).toBe(200);
    expect((await get(fileUrl(f.id), null, { 'if-none-match': `"${f.sha256}"` })).statusCode).toBe(304);

    // Not shown in the browser: archives and documents are attachments.
    const zip = (
      await upload(editorA, id, { name: 'bo.zip', bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26, 0)]) })
    ).json();
    expect((await get(fileUrl(zip.id))).headers['content-disposition']).toMatch(/^attachment; filename="bo.zip"/);
    const mp3 = (await upload(editorA, id, { name: 'nghe.mp3', bytes: MP3_ID3 })).json();
    const m = await get(fileUrl(mp3.id));
    expect(m.headers['content-type']).toBe('audio/mpeg');
    expect(m.headers['content-disposition']).toMatch(/^inline;/);
    expect((await get(fileUrl(999999))).statusCode).toBe(404);
  });

  it('never serves a stored file that fails its integrity check, and says nothing about why', async () => {
    const id = await newProduct(provA.id, 'published');
    const bytes = makePdf(['Integrity check']);
    const f = (await upload(editorA, id, { name: 'i.pdf', bytes })).json();
    const file = path.join(dataDir, 'files', f.sha256.slice(0, 2), f.sha256);
    const tampered = Buffer.from(bytes);
    tampered.write('TAMPERED', 20, 'latin1');
    fs.writeFileSync(file, tampered);
    for (const headers of [{}, { range: 'bytes=0-9' }] as Record<string, string>[]) {
      const r = await get(fileUrl(f.id), null, headers);
      expect(r.statusCode).toBe(500);
      expect(r.json().error.code).toBe('internal');
      expect(r.body).not.toContain('TAMPERED');
      expect(r.body).not.toContain(dataDir);
      expect(r.body).not.toContain(f.sha256);
    }
    // A missing file is the same to the client.
    fs.rmSync(file);
    const gone = await get(fileUrl(f.id), editorA);
    expect(gone.statusCode).toBe(500);
    expect(gone.body).not.toContain(dataDir);
  });

  it("serves files of published products to everyone, other products' files only to signed-in users", async () => {
    const id = await newProduct(provA.id, 'draft');
    const f = (await upload(editorA, id, { name: 'p.png', bytes: PNG })).json();
    const url = fileUrl(f.id);
    expect((await get(url)).statusCode).toBe(404);
    expect((await get(`${url}/thumbnail`)).statusCode).toBe(404);
    const signed = await get(url, viewer);
    expect(signed.statusCode).toBe(200);
    expect(signed.headers['cache-control']).toBe('no-store');
    expect((await get(`${url}/thumbnail`, viewer)).statusCode).toBe(200);

    await setStatus(id, 'published');
    const pub = await get(url);
    expect(pub.statusCode).toBe(200);
    expect(pub.rawPayload.equals(PNG)).toBe(true);
    expect((await get(`${url}/thumbnail`)).statusCode).toBe(200);

    await setStatus(id, 'withdrawn');
    expect((await get(url)).statusCode).toBe(404);
    expect((await get(`${url}/thumbnail`)).statusCode).toBe(404);
    expect((await get(url, viewer)).statusCode).toBe(200);
    // A withdrawn product takes no new files, but its files can still be taken down.
    expect((await upload(editorA, id, { name: 'x.pdf', bytes: PDF })).statusCode).toBe(409);
    expect((await del(editorA, id, f.id)).statusCode).toBe(204);
  });

  it("lets admins and the product organisation's editors write; others get 403, anonymous clients 401", async () => {
    const id = await newProduct(provA.id);
    expect((await upload(editorB, id, { name: 'a.pdf', bytes: PDF })).statusCode).toBe(403);
    expect((await upload(viewer, id, { name: 'a.pdf', bytes: PDF })).statusCode).toBe(403);
    expect((await upload(null, id, { name: 'a.pdf', bytes: PDF })).statusCode).toBe(401);
    expect((await upload(editorA, 999999, { name: 'a.pdf', bytes: PDF })).statusCode).toBe(404);
    const a = await upload(admin, id, { name: 'a.pdf', bytes: PDF });
    expect(a.statusCode).toBe(201);
    expect((await del(editorB, id, a.json().id)).statusCode).toBe(403);
    expect((await del(null, id, a.json().id)).statusCode).toBe(401);
    const other = await newProduct(provB.id);
    expect((await del(editorA, other, a.json().id)).statusCode).toBe(403);
    expect((await del(editorB, other, a.json().id)).statusCode).toBe(404); // not that product's file
    expect((await del(editorA, id, a.json().id)).statusCode).toBe(204);
  });
});

describe('stored files opened in the browser', () => {
  it('carry a Content-Security-Policy that lets nothing run: an image in a sandbox, a PDF without one (its viewer needs it)', async () => {
    const id = await newProduct(provA.id);
    const png = (await upload(editorA, id, { name: 'anh.png', bytes: PNG })).json();
    const pdf = (await upload(editorA, id, { name: 'tai-lieu.pdf', bytes: PDF })).json();
    for (const url of [fileUrl(png.id), `${fileUrl(png.id)}/thumbnail`]) {
      const r = await get(url, viewer);
      expect(r.headers['content-disposition']).toMatch(/^inline/);
      expect(r.headers['content-security-policy']).toMatch(/^default-src 'none';.*; sandbox$/);
      expect(r.headers['content-security-policy']).not.toMatch(/script-src/);
    }
    const p = await get(fileUrl(pdf.id), viewer);
    expect(p.headers['content-type']).toBe('application/pdf');
    expect(p.headers['content-security-policy']).toMatch(/^default-src 'none';/);
    expect(p.headers['content-security-policy']).not.toMatch(/sandbox|script-src/);
    expect(p.headers['permissions-policy']).toContain('camera=()');
  });
});
