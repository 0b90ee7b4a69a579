// The sitemap as a sitemap index with parts, on a real database with a small part size (10 URLs): robots.txt points
// to the index, the index and every part are valid against the protocol's schemas (xmllint, data/schemas), every
// part stays within its limits, together the parts list every public page exactly once in both languages, a part
// beyond the last is a 404, parts go through the page cache (ETag, 304, a write shows at once), and neither the
// index nor a part reads more than its block of records.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../test/factories.js';
import { readSitemap } from '../../../test/sitemap.js';
import { testApp } from '../../../test/test-db.js';
import { xmllint } from '../../../test/xmllint.js';
import { rows, type Db } from '../kernel/db.js';
import type { SitemapSource } from '../kernel/sitemap.js';
import { createProduct, publishProduct } from '../modules/library/library.write.js';
import { createPressItem, publishPressItem, withdrawPressItem } from '../modules/press/press.service.js';
import { CERTIFICATE_PATHS } from './certificates.routes.js';
import { FACTCHECK_PATHS } from './factchecks.text.js';
import { INFO_PATHS } from './info.text.js';
import { organisationsHref } from './newsroom.views.js';
import { SECTIONS } from './programme.js';
import { pairsPerPart, recordSection, SITEMAP_MAX_BYTES, SITEMAP_MAX_URLS, SITEMAP_URLS_PER_PART } from './sitemap.js';

const PER_PART = 10;
const BASE = 'https://rightshub.example.vn';
let app: FastifyInstance;
let db: Db;
let org: number;
const news: number[] = [];
const products: number[] = [];
const hidden: string[] = [];
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (n) => ['sitemap', 'url', 'xhtml:link'].includes(n),
});

async function pressItem(k: number, publish = true) {
  const i = await createPressItem(db, seedActor, {
    kind: 'press_release',
    organisationId: org,
    title: `Tin sơ đồ ${k}`,
    bodyHtml: '<p>x</p>',
    language: 'vie',
    topicIds: [],
    translationOf: null,
  });
  if (publish) await publishPressItem(db, seedActor, i.id, { publishedAt: new Date(Date.UTC(2025, 0, 1 + k)).toISOString() });
  return i.id;
}

beforeAll(async () => {
  const t = await testApp({ BASE_URL: BASE, PORTAL_SITEMAP_URLS: String(PER_PART) });
  app = t.app;
  db = t.db;
  org = (await makeOrg(db, { nameVi: 'Bộ thử sơ đồ', kind: 'ministry', isStateAdminAgency: true })).id;
  for (let k = 0; k < 12; k++) news.push(await pressItem(k));
  const draft = await pressItem(99, false);
  const withdrawn = await pressItem(98);
  await withdrawPressItem(db, seedActor, withdrawn, { reason: 'Sai số liệu' });
  hidden.push(`/tin-tuc/${draft}`, `/tin-tuc/${withdrawn}`);
  for (let k = 0; k < 8; k++) {
    const day = `2024-03-${String(k + 1).padStart(2, '0')}`;
    const p = await createProduct(db, seedActor, {
      kind: 'news_article',
      organisationId: org,
      channel: 'online_press',
      date: day,
      languages: ['vie'],
      audiences: [],
      topicIds: [],
      relations: [],
      texts: [{ language: 'vie', title: `Sản phẩm sơ đồ ${k}`, description: null }],
      rights: null,
      licence: null,
      url: null,
    });
    if (k === 7) {
      hidden.push(`/thu-vien/${p.id}`);
      continue;
    } // a draft
    await publishProduct(db, seedActor, p.id, new Date(`${day}T03:00:00Z`));
    products.push(p.id);
  }
});

/** Every public page in both languages: the fixed pages, then each published record. */
async function expectedLocs(): Promise<string[]> {
  const pairs: { vi: string; en: string }[] = [
    { vi: '/', en: '/en/' },
    ...SECTIONS.map((s) => s.path),
    ...Object.values(INFO_PATHS),
    { vi: '/tin-tuc/nguoi-phat-ngon', en: '/en/news/spokespersons' },
    { vi: organisationsHref('vi'), en: organisationsHref('en') },
    CERTIFICATE_PATHS,
    FACTCHECK_PATHS.methodology,
    FACTCHECK_PATHS.submit,
    FACTCHECK_PATHS.complaints,
    ...news.map((id) => ({ vi: `/tin-tuc/${id}`, en: `/en/news/${id}` })),
    ...products.map((id) => ({ vi: `/thu-vien/${id}`, en: `/en/library/${id}` })),
    ...(await rows<{ id: number }>(db, sql`select id from recommendations`)).map(({ id }) => ({
      vi: `/khuyen-nghi/${id}`,
      en: `/en/recommendations/${id}`,
    })),
  ];
  return pairs.flatMap((p) => [BASE + p.vi, BASE + p.en]);
}

describe('sitemap index', () => {
  it('robots.txt points to /sitemap.xml, a sitemap index valid against the protocol schema that lists parts of every section with pages', async () => {
    expect((await get('/robots.txt')).body).toContain(`Sitemap: ${BASE}/sitemap.xml`);
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const v = await xmllint(res.body, 'siteindex.xsd');
    expect(v.code, v.stderr).toBe(0);
    const listed = parser.parse(res.body).sitemapindex.sitemap as { loc: string; lastmod?: string }[];
    expect(listed.length).toBeLessThanOrEqual(SITEMAP_MAX_URLS);
    for (const s of listed)
      expect(s.loc).toMatch(new RegExp(`^${BASE}/sitemap-(pages|news|library|factchecks|recommendations)-[1-9][0-9]*\\.xml$`));
    const bySection = (name: string) => listed.filter((s) => s.loc.includes(`/sitemap-${name}-`));
    // 17 fixed pages (the footer's contact, accessibility and privacy pages among them) at 5 a part; 12 news items
    // and 7 products over at least 3 and 2 blocks of 5 ids.
    expect(bySection('pages').length).toBe(4);
    expect(bySection('news').length).toBeGreaterThanOrEqual(3);
    expect(bySection('library').length).toBeGreaterThanOrEqual(2);
    expect(bySection('factchecks')).toEqual([]); // no public fact-check: no part
    // A records' part says when its newest record changed.
    for (const s of bySection('news')) expect(s.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  it('every part is a valid urlset within its limits; together they list every public page once, in both languages', async () => {
    const { parts, urls } = await readSitemap(get);
    for (const p of parts) {
      const v = await xmllint(p.body, 'sitemap-xhtml.xsd');
      expect(v.code, `${p.path}: ${v.stderr}`).toBe(0);
      const n = (parser.parse(p.body).urlset.url as unknown[]).length;
      expect(n, p.path).toBeGreaterThan(0);
      expect(n, p.path).toBeLessThanOrEqual(PER_PART);
      expect(Buffer.byteLength(p.body), p.path).toBeLessThanOrEqual(SITEMAP_MAX_BYTES);
    }
    const locs = urls.map((u) => u.loc);
    expect(new Set(locs).size).toBe(locs.length);
    expect([...locs].sort()).toEqual((await expectedLocs()).sort());
    for (const h of hidden) expect(locs).not.toContain(BASE + h);
    const item = urls.find((u) => u.loc === `${BASE}/en/news/${news[0]}`)!;
    expect(item['xhtml:link']).toEqual([
      { '@rel': 'alternate', '@hreflang': 'vi', '@href': `${BASE}/tin-tuc/${news[0]}` },
      { '@rel': 'alternate', '@hreflang': 'en', '@href': `${BASE}/en/news/${news[0]}` },
    ]);
  });

  it('a part beyond the last, a malformed or an unknown one is a 404', async () => {
    for (const url of [
      '/sitemap-news-999999.xml',
      '/sitemap-news-0.xml',
      '/sitemap-news-01.xml',
      '/sitemap-news-1',
      '/sitemap-news-x.xml',
      '/sitemap-pages-5.xml',
      '/sitemap-nope-1.xml',
    ]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
  });

  it('parts are served from the page cache (ETag, 304) and a new publication shows at once in the index and its part', async () => {
    const first = await get('/sitemap-news-1.xml');
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get('/sitemap-news-1.xml', { 'if-none-match': etag })).statusCode).toBe(304);
    const before = await readSitemap(get);
    const id = await pressItem(50);
    const after = await readSitemap(get);
    expect(before.locs).not.toContain(`${BASE}/tin-tuc/${id}`);
    expect(after.locs).toContain(`${BASE}/tin-tuc/${id}`);
    expect(after.locs.length).toBe(before.locs.length + 2);
  });
});

describe('sitemap parts read block by block', () => {
  /** A source of 23 public records (ids 1…23) that records what it was asked. */
  function fakeSource() {
    const calls: string[] = [];
    const ids = Array.from({ length: 23 }, (_, i) => i + 1);
    const source: SitemapSource = {
      async blocks(_db, size) {
        calls.push(`blocks ${size}`);
        return [...new Set(ids.map((id) => Math.floor(id / size)))].map((block) => ({ block, lastmod: null }));
      },
      async page(_db, r) {
        calls.push(`page ${r.from}-${r.to} after ${r.after} limit ${r.limit}`);
        return ids
          .filter((id) => id >= r.from && id < r.to && id > r.after)
          .slice(0, r.limit)
          .map((id) => ({ id, updatedAt: null }));
      },
    };
    return { calls, section: recordSection(null as unknown as Db, 'test', source, { vi: '/x', en: '/en/x' }) };
  }

  it('the index asks only for the blocks; a part reads only its own block of ids, in keyset order', async () => {
    const { calls, section } = fakeSource();
    expect((await section.parts(10)).map((p) => p.n)).toEqual([1, 2, 3]);
    expect(calls).toEqual(['blocks 10']);
    calls.length = 0;
    const got: string[] = [];
    await section.pages(2, 10, (batch) => got.push(...batch.map((p) => p.vi)));
    expect(got).toEqual(Array.from({ length: 10 }, (_, i) => `/x/${10 + i}`));
    expect(calls).toEqual(['page 10-20 after 9 limit 2000']);
  });

  it('keeps a part within 50,000 URLs and 50 MB whatever is configured and however long the origin', () => {
    expect(pairsPerPart(BASE, SITEMAP_URLS_PER_PART) * 2).toBe(SITEMAP_URLS_PER_PART);
    expect(pairsPerPart(BASE, 1_000_000) * 2).toBeLessThanOrEqual(SITEMAP_MAX_URLS);
    const long = `https://${'a'.repeat(1500)}.vn`;
    const pairs = pairsPerPart(long, SITEMAP_MAX_URLS);
    // Two <url> entries a pair, each at most three URLs (of at most 100 characters of path) and the markup around them.
    expect(pairs * 2 * (3 * (long.length + 100) + 200)).toBeLessThanOrEqual(SITEMAP_MAX_BYTES);
  });
});
