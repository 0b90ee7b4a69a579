// The public newsroom on a real database: pages in both languages, search without diacritics, only public
// items listed, withdrawn items as 410 tombstones, spokespersons' public fields only, feeds parsed back by an
// independent parser (fast-xml-parser) and checked field by field, the sitemap, and XSS escaped everywhere.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../test/factories.js';
import { readSitemap } from '../../../test/sitemap.js';
import { testApp } from '../../../test/test-db.js';
import type { Db } from '../kernel/db.js';
import { correctPressItem, createPressItem, publishPressItem, withdrawPressItem } from '../modules/press/press.service.js';
import { listTopics, loadPressTopics } from '../modules/press/press.topics.js';
import { createSpokesperson } from '../modules/press/spokespersons.service.js';

let app: FastifyInstance;
let db: Db;
let base: string;
let orgA: number, orgB: number;
const ids: Record<string, number> = {};
const XSS = `<script>alert(1)</script>"'&<img src=x onerror=alert(2)>`;

const get = (url: string) => app.inject({ method: 'GET', url });
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name, jpath) =>
    ['item', 'entry', 'category', 'url', 'xhtml:link'].includes(name) || /^feed(\.entry)?\.link$/.test(String(jpath)),
});

async function item(
  title: string,
  opts: {
    org?: number;
    lang?: string;
    at: string;
    body?: string;
    summary?: string;
    topics?: number[];
    translationOf?: number;
    publish?: boolean;
  },
) {
  const i = await createPressItem(db, seedActor, {
    kind: 'press_release',
    organisationId: opts.org ?? orgA,
    title,
    bodyHtml: opts.body ?? `<p>${title} — nội dung</p>`,
    summary: opts.summary ?? null,
    language: opts.lang ?? 'vie',
    topicIds: opts.topics ?? [],
    translationOf: opts.translationOf ?? null,
  });
  if (opts.publish !== false) await publishPressItem(db, seedActor, i.id, { publishedAt: opts.at });
  return i.id;
}

beforeAll(async () => {
  const t = await testApp({ BASE_URL: 'https://rightshub.example.vn' });
  app = t.app;
  db = t.db;
  base = t.config.baseUrl;
  await loadPressTopics(db);
  const topics = await listTopics(db);
  const children = topics.find((x) => x.code === 'children')!.id;
  orgA = (await makeOrg(db, { nameVi: 'Bộ Tư pháp thử', nameEn: 'Ministry of Justice (test)', kind: 'ministry', isStateAdminAgency: true }))
    .id;
  orgB = (await makeOrg(db, { nameVi: 'Bộ Ngoại giao thử', kind: 'ministry', isStateAdminAgency: true })).id;
  ids.rights = await item('Thông cáo về quyền con người năm 2026', {
    at: '2026-03-31T17:30:00Z',
    topics: [children],
    summary: 'Tóm tắt về quyền trẻ em',
  });
  ids.rightsEn = await item('Press release on human rights 2026', { at: '2026-04-01T01:00:00Z', lang: 'eng', translationOf: ids.rights });
  ids.other = await item('Họp báo định kỳ của Bộ Ngoại giao', { org: orgB, at: '2026-02-01T02:00:00Z' });
  ids.draft = await item('Bản nháp bí mật quyền con người', { at: '2026-01-01T00:00:00Z', publish: false });
  ids.withdrawn = await item('Tin đã thu hồi quyền con người', { at: '2026-01-05T00:00:00Z' });
  await withdrawPressItem(db, seedActor, ids.withdrawn, { reason: 'Số liệu sai, sẽ đăng lại' });
  ids.corrected = await item('Tin có đính chính', { at: '2026-01-10T00:00:00Z' });
  await correctPressItem(db, seedActor, ids.corrected, { note: 'Sửa số liệu ở đoạn 2' }, new Date('2026-01-11T00:00:00Z'));
  ids.xss = await item(XSS, { org: orgB, at: '2026-01-20T00:00:00Z', summary: XSS, body: `<p>ok</p>${XSS}` });
  for (let k = 0; k < 22; k++) await item(`Tin phân trang số ${k}`, { org: orgB, at: new Date(Date.UTC(2025, 5, 1 + k)).toISOString() });
  await createSpokesperson(db, seedActor, {
    organisationId: orgA,
    fullName: 'Nguyễn Văn Phát Ngôn',
    position: 'Chánh Văn phòng',
    validFrom: '2025-01-01',
    email: 'an@example.vn',
    emailPublic: true,
    phone: '024 999 888',
    phonePublic: false,
    decisionNumber: '12/QĐ-BÍMẬT',
  });
});

describe('newsroom pages', () => {
  it("lists a release once with its translations, under the title in the reader's language; other-language text is marked", async () => {
    const entry = (html: string, id: number) => new RegExp(`<li><h3><a href="/[^"]*/${id}"[^>]*>[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';
    const vi = (await get('/tin-tuc')).body;
    const v = entry(vi, ids.rights);
    expect(v).toContain('Thông cáo về quyền con người năm 2026');
    expect(v).toContain('<p class="summary">Tóm tắt về quyền trẻ em</p>');
    expect(v).toContain(`Bản dịch: <span><a href="/tin-tuc/${ids.rightsEn}" hrefLang="en">Tiếng Anh</a>`);
    expect(vi).not.toMatch(new RegExp(`<h3><a href="/tin-tuc/${ids.rightsEn}"`));
    const en = (await get('/en/news')).body;
    const e = entry(en, ids.rightsEn);
    // The English title, linked to the English text, without a lang of its own; the Vietnamese one beside it.
    expect(e).toContain(`<h3><a href="/en/news/${ids.rightsEn}">Press release on human rights 2026</a></h3>`);
    expect(e).toContain(`<a href="/en/news/${ids.rights}" hrefLang="vi">Vietnamese</a>`);
    // A Vietnamese-only item: its title marked lang="vi"; the meta line stays English; an organisation without an
    // English name is marked Vietnamese.
    const o = entry(en, ids.other);
    expect(o).toContain(`<h3><a href="/en/news/${ids.other}" lang="vi">Họp báo định kỳ của Bộ Ngoại giao</a></h3>`);
    expect(o).toContain('<p class="news-meta" lang="en">');
    expect(o).toContain('<span lang="vi">Bộ Ngoại giao thử</span>');
  });

  it("names the agency's spokesperson on the day of publication, with public contact details only", async () => {
    const res = await get(`/en/news/${ids.rights}`);
    expect(res.statusCode).toBe(200);
    const facts = /<dl class="item-facts"[\s\S]*?<\/dl>/.exec(res.body)?.[0] ?? '';
    expect(facts).toContain('<dt>Spokesperson</dt>');
    expect(facts).toContain('<span lang="vi">Nguyễn Văn Phát Ngôn</span>, <span lang="vi">Chánh Văn phòng</span>');
    expect(facts).toContain('mailto:an@example.vn');
    expect(facts).not.toContain('024 999 888');
    // Another agency, no spokesperson recorded: no such line.
    expect((await get(`/en/news/${ids.other}`)).body).not.toContain('<dt>Spokesperson</dt>');
  });

  it('lists the latest public items in Vietnamese and English, 20 per page, with feed links in the head', async () => {
    const vi = await get('/tin-tuc');
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain('<html lang="vi">');
    expect(vi.body).toContain(`href="/tin-tuc/${ids.rights}"`);
    expect(vi.body).toContain('aria-current="page"');
    expect(vi.body).not.toContain('sẽ sớm ra mắt');
    expect((vi.body.match(/<li[^>]*><h3>/g) ?? []).length).toBe(20);
    expect(vi.body).toContain('<nav class="pagination" aria-label="Phân trang">');
    expect(vi.body).toContain('href="/tin-tuc?page=2"');
    for (const [type, path] of [
      ['application/rss+xml', 'rss.xml'],
      ['application/atom+xml', 'atom.xml'],
      ['application/feed+json', 'feed.json'],
    ]) {
      expect(vi.body).toContain(`<link rel="alternate" type="${type}" href="${base}/tin-tuc/${path}"`);
    }
    const p2 = await get('/tin-tuc?page=2');
    // 27 listed items (29 created, less the draft and the withdrawn one), a release and its English translation one
    // entry: 6 on page 2.
    expect((p2.body.match(/<li[^>]*><h3>/g) ?? []).length).toBe(6);
    expect(p2.body).toContain('<a href="/tin-tuc?page=2" aria-current="page" aria-label="Trang 2">2</a>');
    expect(p2.body).toContain('<a href="/tin-tuc" rel="prev">Trang trước</a>');
    const en = await get('/en/news');
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Ministry of Justice (test)');
    expect(en.body).toContain(`href="/en/news/${ids.rights}"`);
    expect(en.body).toContain(`href="${base}/en/news/rss.xml"`);
    // Still no script but the JSON-LD block, no inline style.
    for (const body of [vi.body, en.body]) {
      expect(body).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
      expect(body).not.toMatch(/\sstyle=|<style/i);
    }
  });

  it('finds Vietnamese text searched without diacritics; never lists drafts or withdrawn items', async () => {
    const res = await get('/tin-tuc?q=quyen%20con%20nguoi');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Thông cáo về quyền con người năm 2026');
    expect(res.body).toContain('1 bản tin');
    expect(res.body).not.toContain('Bản nháp bí mật');
    expect(res.body).not.toContain('Tin đã thu hồi');
    expect(res.body).toContain('value="quyen con nguoi"');
    const all = await get('/tin-tuc?page=2');
    expect(all.body).not.toContain('Bản nháp bí mật');
    expect(all.body).not.toContain('Tin đã thu hồi');
  });

  it('filters by organisation, topic and language with GET parameters', async () => {
    const byOrg = await get(`/tin-tuc?org=${orgA}`);
    expect(byOrg.body).toContain(`href="/tin-tuc/${ids.rights}"`);
    expect(byOrg.body).not.toContain(`href="/tin-tuc/${ids.other}"`);
    expect(byOrg.body).toContain(`<option value="${orgA}" selected="">`);
    const byTopic = await get('/en/news?topic=children');
    expect(byTopic.body).toContain('1 item<');
    expect(byTopic.body).toContain(`href="/en/news/${ids.rights}"`);
    const byLang = await get('/tin-tuc?lang=eng');
    expect(byLang.body).toContain(`href="/tin-tuc/${ids.rightsEn}"`);
    expect(byLang.body).not.toContain(`href="/tin-tuc/${ids.rights}"`);
  });

  it('shows an item with its facts, Viet Nam date, translations, body and NewsArticle JSON-LD', async () => {
    const res = await get(`/tin-tuc/${ids.rights}`);
    expect(res.statusCode).toBe(200);
    // 2026-03-31T17:30Z is 1 April 00:30 in Viet Nam.
    expect(res.body).toContain('<time dateTime="2026-03-31T17:30:00.000Z">01/04/2026, 00:30 (giờ Việt Nam)</time>');
    expect(res.body).toContain('Quyền trẻ em');
    expect(res.body).toContain('<p>Thông cáo về quyền con người năm 2026 — nội dung</p>');
    expect(res.body).toContain(`<a href="/tin-tuc/${ids.rightsEn}" hrefLang="en" lang="en">Press release on human rights 2026</a>`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.body)![1]);
    const article = ld['@graph'].find((n: { '@type': string }) => n['@type'] === 'NewsArticle');
    expect(article).toMatchObject({
      headline: 'Thông cáo về quyền con người năm 2026',
      datePublished: '2026-03-31T17:30:00.000Z',
      inLanguage: 'vi',
      url: `${base}/tin-tuc/${ids.rights}`,
      author: { name: 'Bộ Tư pháp thử' },
    });
    const en = await get(`/en/news/${ids.rights}`);
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('<article lang="vi"');
    expect(en.body).toContain('1 April 2026, 00:30 (Viet Nam time)');
  });

  it('shows corrections as corrections, withdrawn items as a 410 tombstone, drafts and unknown ids as 404', async () => {
    const c = await get(`/tin-tuc/${ids.corrected}`);
    expect(c.body).toContain('<h2 id="corrections-h">Đính chính</h2>');
    expect(c.body).toContain('Sửa số liệu ở đoạn 2');
    const w = await get(`/tin-tuc/${ids.withdrawn}`);
    expect(w.statusCode).toBe(410);
    expect(w.body).toContain('Bản tin này đã được thu hồi ngày');
    expect(w.body).toContain('Số liệu sai, sẽ đăng lại');
    expect(w.body).not.toContain('nội dung</p>');
    expect(w.body).toContain('<meta name="robots" content="noindex"/>');
    expect((await get(`/en/news/${ids.withdrawn}`)).statusCode).toBe(410);
    for (const url of [`/tin-tuc/${ids.draft}`, '/tin-tuc/99999999', '/tin-tuc/abc', '/en/news/0']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type'], url).toBe('text/html; charset=utf-8');
    }
  });

  it('lists current spokespersons with public contact fields only', async () => {
    for (const url of ['/tin-tuc/nguoi-phat-ngon', '/en/news/spokespersons']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Nguyễn Văn Phát Ngôn');
      expect(res.body).toContain('mailto:an@example.vn');
      expect(res.body).not.toContain('024 999 888');
      expect(res.body).not.toContain('12/QĐ-BÍMẬT');
    }
    expect((await get('/en/news/spokespersons')).body).toContain('Ministry of Justice (test)');
  });
});

describe('newsroom feeds', () => {
  it('RSS 2.0: valid XML, right content type, fields, RFC 822 dates, permalink guids, per organisation', async () => {
    const res = await get('/tin-tuc/rss.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const { rss } = parser.parse(res.body);
    expect(rss['@version']).toBe('2.0');
    const ch = rss.channel;
    expect(ch.title).toBe('Tin tức RightsHub');
    expect(ch.link).toBe(`${base}/tin-tuc`);
    expect(ch.language).toBe('vi');
    expect(ch['atom:link']['@href']).toBe(`${base}/tin-tuc/rss.xml`);
    const items = ch.item as Record<string, unknown>[];
    const ids0 = items.map((i) => i.link);
    expect(ids0).not.toContain(`${base}/tin-tuc/${ids.draft}`);
    expect(ids0).not.toContain(`${base}/tin-tuc/${ids.withdrawn}`);
    const rights = items.find((i) => i.link === `${base}/tin-tuc/${ids.rights}`)!;
    expect(rights.title).toBe('Thông cáo về quyền con người năm 2026');
    expect(rights.guid).toEqual({ '#text': `${base}/tin-tuc/${ids.rights}`, '@isPermaLink': 'true' });
    expect(rights.pubDate).toBe('Tue, 31 Mar 2026 17:30:00 GMT');
    expect(rights.pubDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(rights['dc:creator']).toBe('Bộ Tư pháp thử');
    expect(rights.category).toEqual(['Quyền trẻ em']);
    expect(rights.description).toBe('<p>Thông cáo về quyền con người năm 2026 — nội dung</p>');
    expect(new Set(ids0).size).toBe(ids0.length);

    const org = parser.parse((await get(`/tin-tuc/rss.xml?org=${orgA}`)).body).rss.channel;
    expect(org.title).toBe('Tin tức RightsHub — Bộ Tư pháp thử');
    expect(
      (org.item as { link: string }[]).every((i) =>
        [ids.rights, ids.rightsEn, ids.corrected].map((x) => `${base}/tin-tuc/${x}`).includes(i.link),
      ),
    ).toBe(true);
    expect((await get('/tin-tuc/rss.xml?org=99999999')).statusCode).toBe(404);
    const en = parser.parse((await get('/en/news/rss.xml')).body).rss.channel;
    expect(en.link).toBe(`${base}/en/news`);
    expect((en.item as { link: string }[])[0].link).toMatch(new RegExp(`^${base}/en/news/\\d+$`));
  });

  it('Atom 1.0: ids, titles, RFC 3339 dates, links, authors, content', async () => {
    const res = await get('/en/news/atom.xml');
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const { feed } = parser.parse(res.body);
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${base}/en/news/atom.xml`);
    expect(feed.title['#text']).toBe('RightsHub News');
    expect(feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(feed.link.map((l: Record<string, string>) => l['@rel'])).toEqual(['self', 'alternate']);
    const entries = feed.entry as Record<string, any>[];
    const e = entries.find((x) => x.id === `${base}/en/news/${ids.rights}`)!;
    expect(e.title['#text']).toBe('Thông cáo về quyền con người năm 2026');
    expect(e.link[0]['@href']).toBe(`${base}/en/news/${ids.rights}`);
    expect(e.published).toBe('2026-03-31T17:30:00.000Z');
    expect(e.updated).toBe('2026-03-31T17:30:00.000Z');
    expect(e.author.name).toBe('Ministry of Justice (test)');
    expect(e['@xml:lang']).toBe('vi');
    expect(e.category[0]['@term']).toBe('children');
    expect(e.content['@type']).toBe('html');
    expect(e.content['#text']).toBe('<p>Thông cáo về quyền con người năm 2026 — nội dung</p>');
    const corrected = entries.find((x) => x.id === `${base}/en/news/${ids.corrected}`)!;
    expect(corrected.updated).toBe('2026-01-11T00:00:00.000Z');
    expect(new Set(entries.map((x) => x.id)).size).toBe(entries.length);
    for (const x of entries) {
      expect(x.title).toBeDefined();
      expect(x.updated).toBeDefined();
      expect(x.author.name).toBeTruthy();
    }
  });

  it('JSON Feed 1.1: version, title, items with string ids and content', async () => {
    const res = await get(`/tin-tuc/feed.json?org=${orgA}`);
    expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const f = JSON.parse(res.body);
    expect(f.version).toBe('https://jsonfeed.org/version/1.1');
    expect(typeof f.title).toBe('string');
    expect(f.feed_url).toBe(`${base}/tin-tuc/feed.json?org=${orgA}`);
    expect(f.home_page_url).toBe(`${base}/tin-tuc?org=${orgA}`);
    expect(Array.isArray(f.items)).toBe(true);
    expect(f.items.length).toBe(3);
    for (const i of f.items) {
      expect(typeof i.id).toBe('string');
      expect(typeof i.content_html === 'string' || typeof i.content_text === 'string').toBe(true);
      expect(new Date(i.date_published).toISOString()).toBe(i.date_published);
    }
    expect(f.items[0]).toMatchObject({
      id: `${base}/tin-tuc/${ids.rightsEn}`,
      url: `${base}/tin-tuc/${ids.rightsEn}`,
      title: 'Press release on human rights 2026',
      language: 'en',
      authors: [{ name: 'Bộ Tư pháp thử' }],
    });
    expect(f.items[1]).toMatchObject({
      id: `${base}/tin-tuc/${ids.rights}`,
      summary: 'Tóm tắt về quyền trẻ em',
      tags: ['Quyền trẻ em'],
      date_published: '2026-03-31T17:30:00.000Z',
    });
  });
});

describe('sitemap and robots', () => {
  it('lists the portal pages and every public item in both languages, and robots.txt points to it', async () => {
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const { locs } = await readSitemap(get);
    for (const p of [
      '/',
      '/en/',
      '/tin-tuc',
      '/en/news',
      '/tin-tuc/nguoi-phat-ngon',
      `/tin-tuc/${ids.rights}`,
      `/en/news/${ids.rights}`,
      `/tin-tuc/${ids.corrected}`,
    ])
      expect(locs).toContain(base + p);
    for (const p of [`/tin-tuc/${ids.draft}`, `/tin-tuc/${ids.withdrawn}`]) expect(locs).not.toContain(base + p);
    const robots = await get('/robots.txt');
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body).toContain(`Sitemap: ${base}/sitemap.xml`);
  });
});

describe('XSS in a title, summary and body', () => {
  it('is escaped in HTML, JSON-LD and every feed', async () => {
    for (const url of ['/tin-tuc', `/tin-tuc/${ids.xss}`, `/en/news/${ids.xss}`, '/tin-tuc?q=alert']) {
      const res = await get(url);
      expect(res.body, url).not.toContain('<script>alert(1)');
      expect(res.body, url).not.toMatch(/<img[^>]*onerror/i);
      expect(res.body, url).not.toMatch(/<[^>]*\son[a-z]+=/i);
    }
    const page = (await get(`/tin-tuc/${ids.xss}`)).body;
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const ldText = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1];
    expect(ldText).not.toContain('<');
    expect(ldText).toContain('\\u003cscript');
    const article = JSON.parse(ldText)['@graph'].find((n: { '@type': string }) => n['@type'] === 'NewsArticle');
    expect(article.name).toBe(XSS);

    const rss = await get('/tin-tuc/rss.xml');
    expect(rss.body).not.toContain('<script>');
    const it = (parser.parse(rss.body).rss.channel.item as { title: string; link: string }[]).find((x) => x.link.endsWith(`/${ids.xss}`))!;
    expect(it.title).toBe(XSS);
    const atomBody = (await get('/tin-tuc/atom.xml')).body;
    expect(atomBody).not.toContain('<script>');
    expect(XMLValidator.validate(atomBody)).toBe(true);
    const json = JSON.parse((await get('/tin-tuc/feed.json')).body);
    const j = json.items.find((x: { id: string }) => x.id.endsWith(`/${ids.xss}`));
    expect(j.title).toBe(XSS);
    expect(j.content_html).not.toMatch(/<script|onerror/i);
  });
});
