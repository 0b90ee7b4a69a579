// Attachments of press items through HTTP: upload with the type decided from the bytes, de-duplication, the size
// limit, authorisation, removal only while editable, and the public download with ETag and byte ranges.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Organisation } from '../../../shared/contracts/directory.js';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Session, editorA: Session, editorB: Session;
let provA: Organisation, provB: Organisation;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-attach-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

beforeAll(async () => {
  t = await testApp({ UPLOAD_MAX_MB: '1', DATA_DIR: dataDir });
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
  const u = async (role: 'admin' | 'editor', org: number | null = null) => {
    const x = await makeUser(t.db, role, org);
    return signIn(t.app, x.username, x.password);
  };
  admin = await u('admin');
  editorA = await u('editor', provA.id);
  editorB = await u('editor', provB.id);
});

function multipart(file: { name: string; bytes: Buffer; type?: string } | null, caption?: string) {
  const boundary = '----rh' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  if (caption !== undefined)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n${caption}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/pdf'}\r\n\r\n`,
      ),
    );
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (s: Session | null, itemId: number, file: { name: string; bytes: Buffer; type?: string }, caption?: string) => {
  const m = multipart(file, caption);
  return t.app.inject({
    method: 'POST',
    url: `/api/press/items/${itemId}/attachments`,
    payload: m.payload,
    headers: { ...(s?.headers ?? {}), ...m.headers },
  });
};
async function newItem(s: Session, org: number) {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/press/items',
    headers: s.headers,
    payload: { kind: 'press_release', organisationId: org, title: 'Thông cáo có tệp', bodyHtml: '<p>x</p>', language: 'vie' },
  });
  return r.json().id as number;
}
const publish = (s: Session, id: number) =>
  t.app.inject({ method: 'POST', url: `/api/press/items/${id}/publish`, headers: s.headers, payload: {} });

describe('press attachments', () => {
  it('uploads a PDF, stores identical bytes once, and lists them on the item', async () => {
    const id = await newItem(editorA, provA.id);
    const r = await upload(editorA, id, { name: 'Báo cáo quý 1.pdf', bytes: PDF }, 'Toàn văn');
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      filename: 'Báo cáo quý 1.pdf',
      size: PDF.length,
      mediaType: 'application/pdf',
      caption: 'Toàn văn',
      url: `/api/public/press/attachments/${r.json().id}`,
    });
    const again = await upload(editorA, await newItem(editorA, provA.id), { name: 'copy.pdf', bytes: PDF });
    expect(again.statusCode).toBe(201);
    const dir = path.join(t.config.dataDir, 'files');
    const stored = fs.readdirSync(dir).flatMap((d) => fs.readdirSync(path.join(dir, d)));
    expect(stored.length).toBe(1);
    const item = (await t.app.inject({ method: 'GET', url: `/api/press/items/${id}`, headers: editorA.headers })).json();
    expect(item.attachments.map((a: { filename: string }) => a.filename)).toEqual(['Báo cáo quý 1.pdf']);
    const list = await t.app.inject({ method: 'GET', url: `/api/press/items/${id}/attachments`, headers: editorA.headers });
    expect(list.json()).toHaveLength(1);
    const audit = (
      await t.app.inject({ method: 'GET', url: `/api/audit?entity=press_item&entityId=${id}`, headers: admin.headers })
    ).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['attach', 'create']);
  });

  it('decides the type from the bytes: a .pdf-named PNG is a PNG, a .pdf-named text is refused with 415', async () => {
    const id = await newItem(editorA, provA.id);
    const png = await upload(editorA, id, { name: 'scan.pdf', bytes: PNG });
    expect(png.statusCode).toBe(201);
    expect(png.json().mediaType).toBe('image/png');
    const txt = await upload(editorA, id, { name: 'notes.pdf', bytes: Buffer.from('just some text') });
    expect(txt.statusCode).toBe(415);
    expect(txt.json().error).toMatchObject({ code: 'unsupported_media_type', details: [{ field: 'file' }] });
  });

  it('refuses files over UPLOAD_MAX_MB with 413', async () => {
    const id = await newItem(editorA, provA.id);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const r = await upload(editorA, id, { name: 'big.pdf', bytes: big });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('payload_too_large');
  });

  it("refuses another organisation's editor (403) and logged-out clients (401)", async () => {
    const id = await newItem(editorA, provA.id);
    expect((await upload(editorB, id, { name: 'a.pdf', bytes: PDF })).statusCode).toBe(403);
    expect((await upload(null, id, { name: 'a.pdf', bytes: PDF })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/press/items/${id}/attachments` })).statusCode).toBe(401);
    const a = (await upload(editorA, id, { name: 'a.pdf', bytes: PDF })).json();
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/press/items/${id}/attachments/${a.id}`, headers: editorB.headers })).statusCode,
    ).toBe(403);
  });

  it('keeps drafts private, serves published files with ETag and ranges, and keeps attachments once published', async () => {
    const id = await newItem(editorA, provA.id);
    const a = (await upload(editorA, id, { name: 'Thông cáo.pdf', bytes: PDF })).json();
    const removable = (await upload(editorA, id, { name: 'extra.png', bytes: PNG })).json();
    expect((await t.app.inject({ method: 'GET', url: a.url })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/press/items/${id}/attachments/${removable.id}`, headers: editorA.headers }))
        .statusCode,
    ).toBe(204);
    await publish(editorA, id);
    const full = await t.app.inject({ method: 'GET', url: a.url });
    expect(full.statusCode).toBe(200);
    expect(full.rawPayload.equals(PDF)).toBe(true);
    expect(full.headers).toMatchObject({
      'content-type': 'application/pdf',
      'x-content-type-options': 'nosniff',
      'accept-ranges': 'bytes',
    });
    expect(full.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(full.headers['content-disposition']).toBe(`attachment; filename="Thong cao.pdf"; filename*=UTF-8''Th%C3%B4ng%20c%C3%A1o.pdf`);
    const part = await t.app.inject({ method: 'GET', url: a.url, headers: { range: 'bytes=1-7' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1-7/${PDF.length}`);
    expect(part.rawPayload.equals(PDF.subarray(1, 8))).toBe(true);
    const bad = await t.app.inject({ method: 'GET', url: a.url, headers: { range: `bytes=${PDF.length}-` } });
    expect(bad.statusCode).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${PDF.length}`);
    expect((await t.app.inject({ method: 'GET', url: a.url, headers: { 'if-none-match': full.headers.etag as string } })).statusCode).toBe(
      304,
    );
    const del = await t.app.inject({ method: 'DELETE', url: `/api/press/items/${id}/attachments/${a.id}`, headers: editorA.headers });
    expect(del.statusCode).toBe(409);
    const pub = (await t.app.inject({ method: 'GET', url: `/api/public/press/items/${id}` })).json();
    expect(pub.attachments.map((x: { id: number }) => x.id)).toEqual([a.id]);
    const page = await t.app.inject({ method: 'GET', url: `/tin-tuc/${id}` });
    expect(page.body).toContain(`href="/api/public/press/attachments/${a.id}"`);
    expect(page.body).toContain(`(PDF, ${PDF.length} B)`);
  });

  it('never serves a stored file that fails its integrity check', async () => {
    const id = await newItem(editorA, provA.id);
    const bytes = Buffer.from('%PDF-1.4\nintegrity check\n');
    const a = (await upload(editorA, id, { name: 'i.pdf', bytes })).json();
    await publish(editorA, id);
    const etag = (await t.app.inject({ method: 'GET', url: a.url })).headers.etag as string;
    const sha = etag.slice(1, -1);
    fs.writeFileSync(path.join(t.config.dataDir, 'files', sha.slice(0, 2), sha), '%PDF-1.4\ntampered!!!!!\n');
    const r = await t.app.inject({ method: 'GET', url: a.url });
    expect(r.statusCode).toBe(500);
    expect(r.body).not.toContain('tampered');
  });
});
