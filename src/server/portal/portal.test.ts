import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGETS } from './programme.js';
import { portalRoutes } from './portal.routes.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  // Stand-ins for what the real server registers beside the portal.
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: { code: 'not_found', message: req.url } }));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/api/ping', async () => ({ pong: true }));
  await app.register(portalRoutes);
  await app.ready();
});
afterAll(() => app.close());

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('portal home', () => {
  it('serves Vietnamese at / with every target T1–T6', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(res.body).toContain('<html lang="vi">');
    for (const id of ['T1', 'T2a', 'T2b', 'T2c', 'T2d', 'T3', 'T4a', 'T4b', 'T5a', 'T5b', 'T5c', 'T6']) {
      expect(res.body).toContain(`<th scope="row">${id}</th>`);
    }
    expect(TARGETS).toHaveLength(12);
    expect(res.body).toContain('Mục tiêu cụ thể đến năm 2028');
    expect(res.body).toContain('1.000 đầu sách');
    expect(res.body).toMatch(/<caption>[^<]+<\/caption>/);
    expect(res.body).toContain('href="/app/"');
    expect(res.body).toContain('Đăng nhập');
    expect(res.body).toContain('Staff sign-in');
  });

  it('sends a strict CSP and the other security headers', async () => {
    const res = await get('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });

  it('works without JavaScript: no script files, no inline script or style', async () => {
    const res = await get('/');
    expect(res.body).not.toMatch(/<script[^>]*\ssrc=/i);
    // The only script element is the JSON-LD data block, which browsers never execute.
    const scripts = res.body.match(/<script[^>]*>/gi) ?? [];
    expect(scripts).toEqual(['<script type="application/ld+json">']);
    expect(res.body).not.toMatch(/\sstyle=/i);
    expect(res.body).not.toMatch(/<style/i);
    expect(res.body).not.toMatch(/\son[a-z]+=/i);
  });

  it('has landmarks, a skip link, language alternates and JSON-LD', async () => {
    const res = await get('/');
    for (const tag of ['<header', '<nav', '<main id="main"', '<footer']) expect(res.body).toContain(tag);
    expect(res.body).toContain('href="#main"');
    expect(res.body).toMatch(/<link rel="alternate" hreflang="en" href="\/en\/"/i);
    expect(res.body).toMatch(/<a href="\/en\/" hreflang="en" lang="en"/i);
    const text = res.body.replace(/<[^>]+>/g, '');
    expect(text).toContain('Open Development Mekong / Dept. of Survey and Mapping (Viet Nam), CC BY-SA 4.0');
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.body)?.[1];
    const data = JSON.parse(ld ?? 'null');
    const types = data['@graph'].map((n: { '@type': string }) => n['@type']);
    expect(types).toEqual(expect.arrayContaining(['WebSite', 'GovernmentOrganization']));
  });

  it('serves English at /en/ and redirects /en', async () => {
    const res = await get('/en/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('Targets to reach by 2028');
    expect(res.body).toContain('1,000 titles');
    expect(res.body).toMatch(/<a href="\/" hreflang="vi" lang="vi"/i);
    const redirect = await get('/en');
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/en/');
  });
});

describe('portal footer pages', () => {
  it.each([
    ['/', 'vi', ['/lien-he', '/tiep-can', '/quyen-rieng-tu']],
    ['/en/', 'en', ['/en/contact', '/en/accessibility', '/en/privacy']],
  ] as const)(
    'every page of %s links in its footer to contact, accessibility and privacy, each answering 200',
    async (home, lang, links) => {
      for (const page of [home, lang === 'vi' ? '/tin-tuc' : '/en/news', lang === 'vi' ? '/khong-co' : '/en/nope']) {
        const footer = /<footer[\s\S]*<\/footer>/.exec((await get(page)).body)?.[0] ?? '';
        for (const href of links) expect(footer, page).toContain(`href="${href}"`);
      }
      for (const href of links) {
        const res = await get(href);
        expect(res.statusCode, href).toBe(200);
        expect(res.body).toContain(`<html lang="${lang}">`);
        expect(res.body).toMatch(/<h1>[^<]+<\/h1>/);
        expect(res.body).toContain(`aria-current="page"`);
      }
    },
  );

  it('calls the programme by one name, "Đề án", on every page', async () => {
    for (const url of ['/', '/lien-he', '/tiep-can', '/quyen-rieng-tu', '/tin-tuc', '/khong-co']) {
      const body = (await get(url)).body;
      expect(body, url).toContain('Đề án truyền thông về quyền con người ở Việt Nam giai đoạn 2023–2028');
      expect(body, url).not.toMatch(/Chương trình/i);
    }
  });

  it('the privacy notice says what is collected, why, for how long and whom to ask', async () => {
    const text = (await get('/en/privacy')).body.replace(/<[^>]+>/g, '');
    expect(text).toContain('e-mail address');
    expect(text).toContain('only to answer you');
    expect(text).toContain('erased as soon as your complaint is answered');
    expect(text).toContain('Whom to contact about your data');
    const vi = (await get('/quyen-rieng-tu')).body.replace(/<[^>]+>/g, '');
    expect(vi).toContain('bị xoá ngay khi khiếu nại được trả lời');
    // The page's links to the forms and the contact page are the portal's own.
    expect((await get('/en/privacy')).body).toContain('href="/en/fact-checks/complaints"');
    expect((await get('/en/privacy')).body).toContain('href="/en/contact"');
  });
});

describe('portal sections', () => {
  const pages: [string, 'vi' | 'en', string][] = [
    ['/tin-tuc', 'vi', 'sẽ sớm ra mắt'],
    ['/thu-vien', 'vi', 'sẽ sớm ra mắt'],
    ['/trien-lam', 'vi', 'sẽ sớm ra mắt'],
    ['/kiem-chung', 'vi', 'sẽ sớm ra mắt'],
    ['/khuyen-nghi', 'vi', 'sẽ sớm ra mắt'],
    ['/tien-do', 'vi', 'sẽ sớm ra mắt'],
    ['/en/news', 'en', 'coming soon'],
    ['/en/library', 'en', 'coming soon'],
    ['/en/exhibitions', 'en', 'coming soon'],
    ['/en/fact-checks', 'en', 'coming soon'],
    ['/en/recommendations', 'en', 'coming soon'],
    ['/en/progress', 'en', 'coming soon'],
  ];
  it.each(pages)('%s is a placeholder in its language', async (url, lang, words) => {
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<html lang="${lang}">`);
    expect(res.body).toContain(words);
    expect(res.body).toContain('aria-current="page"');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('redirects a trailing slash on a section', async () => {
    const res = await get('/tin-tuc/');
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/tin-tuc');
  });
});

describe('portal 404 and boundaries', () => {
  it('answers unknown portal paths with a portal 404 in the right language', async () => {
    const vi = await get('/khong-co-trang-nay');
    expect(vi.statusCode).toBe(404);
    expect(vi.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(vi.headers['content-security-policy']).toBeDefined();
    expect(vi.body).toContain('<html lang="vi">');
    expect(vi.body).toContain('Không tìm thấy trang');
    expect(vi.body).toContain('<main id="main"');
    const en = await get('/en/no-such-page');
    expect(en.statusCode).toBe(404);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Page not found');
  });

  it('leaves /api, /app and /healthz to the server', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/api/ping')).json()).toEqual({ pong: true });
    for (const url of ['/api/nope', '/app', '/app/x', '/healthz/x']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code, url).toBe('not_found');
    }
  });

  it('serves the stylesheet, cacheable, with revalidation', async () => {
    const res = await get('/assets/portal.css');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toContain('max-age=');
    const etag = String(res.headers.etag);
    expect((await get('/assets/portal.css', { 'if-none-match': etag })).statusCode).toBe(304);
    const home = await get('/');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)?.[1] ?? '';
    expect(href).toMatch(/^\/assets\/portal\.css\?v=/);
    expect((await get(href)).headers['cache-control']).toContain('immutable');
  });
});
