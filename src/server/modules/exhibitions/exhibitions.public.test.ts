// The exhibitions' public side on the demo data: every published online exhibition's IIIF manifest parsed by an
// independent parser (@allmaps/iiif-parser) with its labels, canvases and image sizes checked against the image
// service and the real image bytes; the portal pages without script (gallery, alt texts, responsive images,
// keyboard links); the catalogue PDF in both languages; the demo's coverage (T3 alive, some units uncovered);
// the HTTP API's authorisation; demo removal leaves nothing behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IIIF } from '@allmaps/iiif-parser';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { extractText } from 'unpdf';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSitemap } from '../../../../test/sitemap.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import { rows, type Db } from '../../kernel/db.js';
import { createFileStore } from '../../kernel/storage.js';
import { seedDemo, DEMO_PASSWORD } from '../directory/directory.demo.js';
import { seedLibraryDemo, seedLibraryDemoFiles } from '../library/library.demo.js';
import { removeExhibitionsDemo, seedExhibitionsDemo } from './exhibitions.demo.js';
import { publishedOnlineIds } from './exhibitions.iiif.js';

const ORIGIN = 'https://rightshub.example.vn';
let app: FastifyInstance;
let db: Db;
let admin: Session, editor: Session, viewer: Session;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-exh-'));
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  const t = await testApp({ BASE_URL: ORIGIN, DATA_DIR: dataDir });
  app = t.app;
  db = t.db;
  await seedDemo(db);
  await seedLibraryDemo(db, new Date('2026-11-29T05:00:00Z'));
  await seedLibraryDemoFiles(db, createFileStore(dataDir));
  await seedExhibitionsDemo(db);
  admin = await signIn(app, 'admin', DEMO_PASSWORD);
  editor = await signIn(app, 'editor', DEMO_PASSWORD);
  viewer = await signIn(app, 'viewer', DEMO_PASSWORD);
}, 240_000);

describe('demo data', () => {
  it('covers many pre-2025 units (not all), a few places abroad, and two online exhibitions', async () => {
    const res = await get('/api/exhibitions/coverage?until=2026-11-29', viewer.headers);
    expect(res.statusCode).toBe(200);
    const cov = res.json();
    expect(cov.map63.covered).toBeGreaterThan(30);
    expect(cov.map63.covered).toBeLessThan(63);
    expect(cov.map34.covered).toBeGreaterThan(15);
    expect(cov.abroad.length).toBe(3);
    expect(cov.foreign.share).toBeGreaterThan(0);
    expect(await publishedOnlineIds(db)).toHaveLength(2);
    const titles = await rows<{ n: number }>(db, sql`select count(*)::int as n from exhibition_texts where title not like '%(demo)'`);
    expect(titles[0]!.n).toBe(0);
  });
});

describe('IIIF manifests', () => {
  it('every published online exhibition has a Presentation 3.0 manifest an independent parser reads, with real image sizes', async () => {
    const ids = await publishedOnlineIds(db);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const res = await get(`/api/public/exhibitions/${id}/manifest.json`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('iiif.io/api/presentation/3/context.json');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const raw = res.json();
      const parsed = IIIF.parse(raw) as unknown as {
        type: string;
        majorVersion: number;
        label: Record<string, string[]>;
        canvases: {
          label?: Record<string, string[]>;
          width: number;
          height: number;
          image: { uri: string; width: number; height: number };
        }[];
      };
      expect(parsed.type).toBe('manifest');
      expect(parsed.majorVersion).toBe(3);
      const ex = (await get(`/api/exhibitions/${id}`, viewer.headers)).json();
      expect(parsed.label.vi).toEqual([ex.texts.find((t: { language: string }) => t.language === 'vie').title]);
      expect(parsed.label.en?.[0]).toContain('(demo)');
      const withImages = ex.items.filter((it: { image: unknown }) => it.image);
      expect(parsed.canvases).toHaveLength(withImages.length);
      for (const [k, c] of parsed.canvases.entries()) {
        expect(c.label?.vi?.[0]).toBe(withImages[k].captions.find((x: { language: string }) => x.language === 'vie').text);
        expect(c.label?.en?.[0]).toBeTruthy();
        // The canvas, the image body and the service agree with the real image.
        const info = await get(`${c.image.uri.replace(ORIGIN, '')}/info.json`);
        expect(info.statusCode).toBe(200);
        const i = info.json();
        expect([i.width, i.height]).toEqual([c.width, c.height]);
        expect([c.image.width, c.image.height]).toEqual([c.width, c.height]);
        const full = await get(`${c.image.uri.replace(ORIGIN, '')}/full/max/0/default.jpg`);
        expect(full.headers['content-type']).toBe('image/jpeg');
        const meta = await sharp(full.rawPayload).metadata();
        expect([meta.width, meta.height]).toEqual([c.width, c.height]);
        const small = i.sizes[0];
        expect(small.width).toBeLessThanOrEqual(320);
        expect((await get(`${c.image.uri.replace(ORIGIN, '')}/full/${small.width},${small.height}/0/default.jpg`)).statusCode).toBe(200);
        expect((await get(`${c.image.uri.replace(ORIGIN, '')}/full/17,17/0/default.jpg`)).statusCode).toBe(400);
      }
    }
  });

  it('has no manifest for an exhibition that is not published online', async () => {
    const [phys] = await rows<{ id: number }>(db, sql`select id from exhibitions where online_published_at is null limit 1`);
    expect((await get(`/api/public/exhibitions/${phys!.id}/manifest.json`)).statusCode).toBe(404);
  });
});

describe('portal', () => {
  it('lists coverage and the online exhibitions, in Vietnamese and English, without script', async () => {
    const vi = await get('/trien-lam');
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toMatch(/\d+\/63 tỉnh, thành phố/);
    expect(vi.body).not.toContain('<script src');
    expect(vi.body).toContain('<svg');
    const en = await get('/en/exhibitions');
    expect(en.body).toMatch(/\d+ of 63 provinces/);
  });

  it("puts on the map only the venues of exhibitions shown on the portal, says what the points are, and labels them in the page's language", async () => {
    const cov = (await get('/api/exhibitions/coverage', viewer.headers)).json() as {
      venues: { id: number; title: string; titleEn: string; place: string; placeEn: string; public: boolean }[];
    };
    const shown = cov.venues.filter((v) => v.public),
      internal = cov.venues.filter((v) => !v.public);
    expect(shown.length).toBeGreaterThan(10);
    expect(internal.length).toBeGreaterThan(0); // the demo keeps some exhibitions internal
    const circles = (body: string) => [...body.matchAll(/<circle[^>]*>\s*<title>([^<]*)<\/title>/g)].map((m) => m[1]!);
    const vi = await get('/trien-lam'),
      en = await get('/en/exhibitions');
    for (const [res, label] of [
      [vi, (v: (typeof shown)[number]) => `${v.title} — ${v.place}`],
      [en, (v: (typeof shown)[number]) => `${v.titleEn} — ${v.placeEn}`],
    ] as const) {
      const titles = circles(res.body);
      expect(titles).toHaveLength(shown.length);
      for (const v of shown) expect(titles).toContain(label(v).replace(/&/g, '&amp;'));
      for (const v of internal) expect(res.body).not.toContain(v.title.replace(/&/g, '&amp;'));
    }
    expect(vi.body).toContain(`Mỗi chấm tròn là địa điểm của một triển lãm đã được công bố trên cổng thông tin (${shown.length} địa điểm)`);
    expect(en.body).toContain(`Each dot is the venue of an exhibition published on this portal (${shown.length} venues)`);
    // English: provinces and countries in English (the venues' own names stay as entered).
    const first = shown.find((v) => v.place !== v.placeEn)!;
    expect(first.placeEn).toMatch(/^Bảo tàng .+ \(demo\), [A-Za-z -]+$/);
    expect(en.body).toContain('Genève (Switzerland)');
    expect(en.body).not.toContain('Thụy Sĩ');
    // Without a mouse: every dot's exhibition and place is also in a list under the map.
    const list = vi.body.slice(vi.body.indexOf('data-testid="map-venues"'));
    expect(list).toContain(`Danh sách địa điểm trên bản đồ (${shown.length})`);
    const items = list.slice(0, list.indexOf('</details>')).match(/<li>/g) ?? [];
    expect(items).toHaveLength(shown.length);
    expect(list).toContain(`${shown[0]!.title.replace(/&/g, '&amp;')}</span> — ${shown[0]!.place.replace(/&/g, '&amp;')}`);
    // A province without an exhibition is a gap (count 0, its own class in the legend), not "no data".
    expect(vi.body).toMatch(/<text[^>]*>0<\/text>/);
  });

  it('shows an online exhibition as a keyboard-navigable gallery with alt texts and responsive images', async () => {
    const [id] = await publishedOnlineIds(db);
    const res = await get(`/trien-lam/${id}`);
    expect(res.statusCode).toBe(200);
    const imgs = [...res.body.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    expect(imgs.length).toBeGreaterThan(1);
    for (const img of imgs) {
      expect(img).toMatch(/alt="[^"]+"/);
      expect(img).toMatch(/srcSet="[^"]*\/thumbnail \d+w, [^"]* \d+w"/i);
      expect(img).toMatch(/width="\d+" height="\d+"/);
    }
    expect(res.body).toContain('href="#item-2"');
    expect(res.body).toContain('id="item-1"');
    expect(res.body).toContain(`/api/public/exhibitions/${id}/manifest.json`);
    expect(res.body).toContain('Triển lãm giới thiệu các tư liệu minh hoạ');
    const en = await get(`/en/exhibitions/${id}`);
    expect(en.body).toContain('Next item');
    expect(en.body).toContain('(demo)');
    expect((await get('/trien-lam/999999')).statusCode).toBe(404);
    const sitemap = await readSitemap((u) => get(u));
    expect(sitemap.body).toContain(`/trien-lam/${id}`);
  });
});

describe('catalogue', () => {
  it('prints a PDF catalogue per language with the items and captions', async () => {
    const [id] = await publishedOnlineIds(db);
    for (const [lang, word] of [
      ['vi', 'Tư liệu'],
      ['en', 'Item'],
    ] as const) {
      const res = await get(`/api/public/exhibitions/${id}/catalogue.pdf?lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const { text, totalPages } = await extractText(new Uint8Array(res.rawPayload), { mergePages: true });
      expect(totalPages).toBeGreaterThan(1);
      expect(text).toContain(word);
      expect(text).toContain('(demo)');
    }
    expect((await get(`/api/public/exhibitions/${id}/catalogue.pdf?lang=vi`)).body.slice(0, 5)).toBe('%PDF-');
  });
});

describe('HTTP API', () => {
  it('requires sign-in, lets the Hà Nội editor write Hà Nội exhibitions only, and keeps viewers read-only', async () => {
    expect((await get('/api/exhibitions')).statusCode).toBe(401);
    const list = await get('/api/exhibitions?limit=5', viewer.headers);
    expect(list.json().total).toBeGreaterThan(30);
    const ids = await rows<{ id: number; code: string }>(
      db,
      sql`select id, code from organisations where code in ('UBND-01', 'SVHTTDL-48')`,
    );
    const org = (c: string) => ids.find((o) => o.code === c)!.id;
    const body = (organiserId: number) => ({
      texts: [{ language: 'vie', title: 'Triển lãm thử qua API' }],
      kind: 'photographs',
      format: 'physical',
      organiserIds: [organiserId],
      startDate: '2026-03-01',
      endDate: '2026-03-05',
      venue: { location: 'vietnam', name: 'Nhà văn hóa', provinceCode: '01' },
    });
    const post = (s: Session, payload: unknown) =>
      app.inject({ method: 'POST', url: '/api/exhibitions', headers: s.headers, payload: payload as object });
    expect((await post(viewer, body(org('UBND-01')))).statusCode).toBe(403);
    expect((await post(editor, body(org('SVHTTDL-48')))).statusCode).toBe(403);
    const ok = await post(editor, body(org('UBND-01')));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().venue.formerProvinceCode).toBe('01');
    const bad = await post(admin, { ...body(org('UBND-01')), venue: { location: 'vietnam', name: 'X', provinceCode: '48' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ field: 'venue.formerProvinceCode' })]);
    const fu = await get('/api/exhibitions/former-units?map=34&province=48', viewer.headers);
    expect(fu.json().candidates.map((c: { code: string }) => c.code)).toEqual(['48', '49']);
  });
});

describe('photos of the event', () => {
  const multipart = (bytes: Buffer, name: string) => {
    const boundary = '----rhexh' + Math.random().toString(16).slice(2);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\nKhai mạc triển lãm\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };
  it('attaches a photo of the event as evidence, for those who may write the exhibition; signed-in users read it', async () => {
    const [e] = await rows<{ id: number }>(
      db,
      sql`select e.id from exhibitions e join organisations o on o.id = e.organisation_id where o.code = 'SVHTTDL-48' limit 1`,
    );
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const up = (s: Session, bytes: Buffer, name = 'khai-mac.png') => {
      const m = multipart(bytes, name);
      return app.inject({
        method: 'POST',
        url: `/api/exhibitions/${e!.id}/photos`,
        headers: { ...s.headers, ...m.headers },
        payload: m.payload,
      });
    };
    expect((await up(editor, png)).statusCode).toBe(403); // the Hà Nội editor, a Đà Nẵng exhibition
    expect((await up(admin, Buffer.from('not an image'), 'x.png')).statusCode).toBe(415);
    const ok = await up(admin, png);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ mediaType: 'image/png', caption: 'Khai mạc triển lãm', hasThumbnail: true });
    const got = await get(`/api/exhibitions/${e!.id}/photos/${ok.json().id}`, viewer.headers);
    expect(got.statusCode).toBe(200);
    expect(Buffer.compare(got.rawPayload, png)).toBe(0);
    expect((await get(`/api/exhibitions/${e!.id}/photos/${ok.json().id}`)).statusCode).toBe(401);
    expect((await get(`/api/exhibitions/${e!.id}`, viewer.headers)).json().photos).toHaveLength(1);
  });
});

describe('demo removal', () => {
  it('removes every demo exhibition and nothing else', async () => {
    const before = await rows<{ n: number }>(db, sql`select count(*)::int as n from exhibitions where not is_demo`);
    const r = await removeExhibitionsDemo(db);
    expect(r.exhibitions).toBeGreaterThan(30);
    const after = await rows<{ n: number; d: number }>(
      db,
      sql`select count(*)::int as n, count(*) filter (where is_demo)::int as d from exhibitions`,
    );
    expect(after[0]).toEqual({ n: before[0]!.n, d: 0 });
    expect(await seedExhibitionsDemo(db).then((x) => x.exhibitions)).toBeGreaterThan(30);
  });
});
