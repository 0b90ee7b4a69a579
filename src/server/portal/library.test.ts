// The public library on a real database: the list in both languages (only published products, 20 per page),
// search without diacritics and with a quoted phrase, filters with facet counts and browse links, a product page
// (titles in every language with lang attributes, book fields, ISBN hyphenated, editions, language versions both
// ways, files with thumbnails, citation, JSON-LD of the right type), withdrawn → 410 tombstone, draft → 404, the
// feeds parsed back by an independent parser (fast-xml-parser) and checked field by field, the sitemap, and XSS
// escaped everywhere.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../test/factories.js';
import { readSitemap } from '../../../test/sitemap.js';
import { testApp } from '../../../test/test-db.js';
import type { Db } from '../kernel/db.js';
import { createFileStore } from '../kernel/storage.js';
import { attachProductFile } from '../modules/library/library.files.js';
import { isbn13CheckDigit } from '../modules/library/library.isbn.js';
import { createProduct, publishProduct, withdrawProduct } from '../modules/library/library.write.js';
import { listTopics } from '../modules/press/press.topics.js';

let app: FastifyInstance;
let db: Db;
let base: string;
let orgA: number, orgB: number;
let fileId: number;
const ids: Record<string, number> = {};
const topic: Record<string, number> = {};
const XSS = `<script>alert(1)</script>"'&<img src=x onerror=alert(2)>`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-portal-library-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const isbn = (n: number) => {
  const f = `978604300${String(n).padStart(3, '0')}`;
  return f + isbn13CheckDigit(f);
};
const get = (url: string) => app.inject({ method: 'GET', url });
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name, jpath) =>
    ['item', 'entry', 'category', 'url', 'xhtml:link', 'dc:language'].includes(name) || /^feed(\.entry)?\.link$/.test(String(jpath)),
});
const ldOf = (body: string) =>
  JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)![1]!)['@graph'] as Record<string, any>[];
const listed = (body: string) =>
  (body.match(/<li>(?:<img [^>]*>)?<h3[^>]*><a href="\/(?:thu-vien|en\/library)\/(\d+)"/g) ?? []).map((m) => Number(/(\d+)"$/.exec(m)![1]));

type Spec = {
  kind: string;
  title: string;
  texts?: { language: string; title: string; description?: string | null }[];
  description?: string;
  org?: number;
  languages?: string[];
  channel?: string;
  audiences?: number[];
  topics?: number[];
  date: string;
  book?: Record<string, unknown>;
  relations?: { kind: string; targetId: number }[];
  rights?: string;
  licence?: string;
  url?: string;
  publish?: string | false;
};

async function product(s: Spec): Promise<number> {
  const p = await createProduct(db, seedActor, {
    kind: s.kind,
    organisationId: s.org ?? orgA,
    channel: s.channel ?? (s.kind === 'book' ? 'print' : 'online_press'),
    date: s.date,
    texts: s.texts ?? [{ language: 'vie', title: s.title, description: s.description ?? null }],
    languages: s.languages ?? ['vie'],
    audiences: s.audiences ?? [],
    topicIds: s.topics ?? [],
    relations: s.relations ?? [],
    rights: s.rights ?? null,
    licence: s.licence ?? null,
    url: s.url ?? null,
    ...(s.book ? { book: { edition: 'first', ...s.book } } : {}),
  });
  if (s.publish !== false) await publishProduct(db, seedActor, p.id, new Date(s.publish ?? `${s.date}T03:00:00Z`));
  return p.id;
}

beforeAll(async () => {
  const t = await testApp({ BASE_URL: 'https://rightshub.example.vn', DATA_DIR: dataDir });
  app = t.app;
  db = t.db;
  base = t.config.baseUrl;
  for (const x of await listTopics(db)) topic[x.code] = x.id;
  orgA = (await makeOrg(db, { nameVi: 'Bộ Tư pháp thử', nameEn: 'Ministry of Justice (test)', kind: 'ministry', isStateAdminAgency: true }))
    .id;
  orgB = (await makeOrg(db, { nameVi: 'Sở Văn hóa thử', kind: 'provincial_department' })).id;

  ids.bookVi = await product({
    kind: 'book',
    title: 'Quyền con người trong Hiến pháp năm 2013',
    date: '2024-05-10',
    publish: '2024-05-12T03:00:00Z',
    texts: [
      {
        language: 'vie',
        title: 'Quyền con người trong Hiến pháp năm 2013',
        description: 'Sách giới thiệu các quy định của Hiến pháp về quyền con người, quyền công dân.',
      },
      {
        language: 'eng',
        title: 'Human rights in the 2013 Constitution',
        description: 'A book on the Constitution’s provisions on human and citizens’ rights.',
      },
    ],
    audiences: [1, 2],
    topics: [topic['civil-political']!],
    rights: '© Bộ Tư pháp thử 2024',
    licence: 'CC BY 4.0',
    url: 'https://example.vn/sach-hien-phap',
    book: { isbn: isbn(10), publisher: 'NXB Tư pháp thử', year: 2024, pages: 240 },
  });
  ids.bookEn = await product({
    kind: 'book',
    title: 'Human rights in the 2013 Constitution (English edition)',
    date: '2024-09-01',
    languages: ['eng'],
    audiences: [4, 5, 6],
    texts: [
      { language: 'eng', title: 'Human rights in the 2013 Constitution (English edition)' },
      { language: 'vie', title: 'Quyền con người trong Hiến pháp năm 2013 — bản tiếng Anh' },
    ],
    book: { isbn: isbn(11), publisher: 'NXB Thế giới thử', year: 2024, pages: 210 },
    relations: [{ kind: 'translation_of', targetId: ids.bookVi }],
  });
  ids.bookHmn = await product({
    kind: 'book',
    title: 'Quyền con người trong Hiến pháp năm 2013 — bản tiếng Mông',
    date: '2024-10-01',
    languages: ['hmn', 'vie'],
    audiences: [2],
    book: { isbn: isbn(12), publisher: 'NXB Dân tộc thử', pages: 180 },
    relations: [{ kind: 'translation_of', targetId: ids.bookVi }],
  });
  ids.bookRepub = await product({
    kind: 'book',
    title: 'Quyền con người trong Hiến pháp năm 2013 (tái bản)',
    date: '2025-06-01',
    audiences: [1],
    book: { isbn: isbn(13), publisher: 'NXB Tư pháp thử', year: 2025, pages: 256, edition: 'republication', editionOfId: ids.bookVi },
  });
  ids.video = await product({
    kind: 'video',
    title: 'Video: quyền trẻ em ở vùng cao',
    date: '2025-03-02',
    channel: 'social_media',
    languages: ['vie', 'hmn'],
    audiences: [2],
    topics: [topic.children!],
    description: 'Phóng sự ngắn về trẻ em vùng cao được đến trường.',
    url: 'https://video.example.vn/quyen-tre-em',
  });
  ids.article = await product({
    kind: 'news_article',
    title: 'Tin: hội nghị về quyền của người khuyết tật',
    date: '2023-11-20',
    org: orgB,
    topics: [topic.disabilities!],
    audiences: [3],
  });
  ids.phraseApart = await product({ kind: 'photo', title: 'Bộ ảnh: em bé và người trẻ', date: '2025-01-15', channel: 'print' });
  ids.draft = await product({ kind: 'infographic', title: 'Bản nháp bí mật quyền con người', date: '2025-02-01', publish: false });
  ids.withdrawn = await product({
    kind: 'infographic',
    title: 'Đồ họa đã thu hồi về quyền con người',
    date: '2025-02-02',
    description: 'Mô tả không còn công khai',
  });
  await withdrawProduct(db, seedActor, ids.withdrawn, { reason: 'Số liệu sai, sẽ đăng lại' }, new Date('2025-02-10T02:00:00Z'));
  ids.xss = await product({
    kind: 'periodical_article',
    title: XSS,
    description: XSS,
    date: '2025-04-01',
    org: orgB,
    texts: [
      { language: 'vie', title: XSS, description: XSS },
      { language: 'eng', title: `${XSS} (en)` },
    ],
  });
  for (let k = 0; k < 20; k++)
    await product({
      kind: 'infographic',
      title: `Tờ gấp phân trang số ${k}`,
      date: `2022-01-${String(k + 1).padStart(2, '0')}`,
      org: orgB,
      channel: 'outdoor',
    });

  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c03030' } })
    .png()
    .toBuffer();
  fileId = (
    await attachProductFile(db, createFileStore(dataDir), seedActor, ids.video, {
      bytes: png,
      filename: 'anh-tap-huan.png',
      caption: 'Ảnh minh họa buổi tập huấn',
    })
  ).id;
});

describe('library list', () => {
  it('lists published products in Vietnamese and English, 20 per page, with feed links in the head', async () => {
    const vi = await get('/thu-vien');
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain('<html lang="vi">');
    expect(vi.body).toContain('<a href="/thu-vien" aria-current="page">Thư viện</a>');
    expect(vi.body).not.toContain('sẽ sớm ra mắt');
    expect(vi.body).toContain('28 sản phẩm');
    const page1 = listed(vi.body);
    expect(page1.length).toBe(20);
    // Newest first by the product's date.
    expect(page1[0]).toBe(ids.bookRepub);
    expect(vi.body).toContain('<nav class="pagination" aria-label="Phân trang">');
    expect(vi.body).toContain('href="/thu-vien?page=2"');
    for (const [type, p] of [
      ['application/rss+xml', 'rss.xml'],
      ['application/atom+xml', 'atom.xml'],
      ['application/feed+json', 'feed.json'],
    ]) {
      expect(vi.body).toContain(`<link rel="alternate" type="${type}" href="${base}/thu-vien/${p}"`);
    }
    expect(vi.body).toContain(`<link rel="canonical" href="${base}/thu-vien"/>`);
    const p2 = await get('/thu-vien?page=2');
    expect(listed(p2.body).length).toBe(8);
    expect(p2.body).toContain('<a href="/thu-vien?page=2" aria-current="page" aria-label="Trang 2">2</a>');
    expect(p2.body).toContain('<meta name="robots" content="noindex"/>');
    expect([...page1, ...listed(p2.body)]).not.toContain(ids.draft);
    expect([...page1, ...listed(p2.body)]).not.toContain(ids.withdrawn);

    const en = await get('/en/library');
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain(`href="${base}/en/library/rss.xml"`);
    // The English title of a product shown first; the organisation's English name; dates as people read them.
    expect(en.body).toContain(`<h3><a href="/en/library/${ids.bookVi}">Human rights in the 2013 Constitution</a></h3>`);
    expect(en.body).toContain('Ministry of Justice (test)');
    expect(en.body).toContain('<time dateTime="2024-05-10">10 May 2024</time>');
    // A Vietnamese-only title on the English page carries its language.
    expect(en.body).toContain(`<h3 lang="vi"><a href="/en/library/${ids.article}">`);
    expect(vi.body).toContain('<time dateTime="2024-05-10">10/05/2024</time>');
    for (const body of [vi.body, en.body, p2.body]) {
      expect(body).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
      expect(body).not.toMatch(/\sstyle=|<style/i);
    }
  });

  it('finds Vietnamese text typed without diacritics, never drafts or withdrawn products', async () => {
    const res = await get('/thu-vien?q=quyen%20con%20nguoi');
    expect(res.statusCode).toBe(200);
    const found = listed(res.body);
    expect(found).toEqual(expect.arrayContaining([ids.bookVi, ids.bookEn, ids.bookHmn, ids.bookRepub]));
    expect(found).not.toContain(ids.draft);
    expect(found).not.toContain(ids.withdrawn);
    expect(res.body).not.toContain('Bản nháp bí mật');
    expect(res.body).toContain('value="quyen con nguoi"');
    expect(res.body).toContain('<option value="relevance" selected="">Phù hợp nhất</option>');
    expect(res.body).toContain('<meta name="robots" content="noindex"/>');
  });

  it('matches a quoted phrase only with its words adjacent and in order', async () => {
    const words = listed((await get('/thu-vien?q=tre%20em')).body);
    expect(words).toEqual(expect.arrayContaining([ids.video, ids.phraseApart]));
    const phrase = await get(`/thu-vien?q=${encodeURIComponent('"tre em"')}`);
    expect(listed(phrase.body)).toEqual([ids.video]);
    expect(phrase.body).toContain('1 sản phẩm');
    expect(phrase.body).toContain('value="&quot;tre em&quot;"');
    expect(listed((await get(`/thu-vien?q=${encodeURIComponent('"em tre"')}`)).body)).toEqual([]);
  });

  it('filters by kind, language, channel, audience, topic, organisation and year, with facet counts and browse links', async () => {
    const all = await get('/thu-vien');
    expect(all.body).toContain('<option value="book">Sách (4)</option>');
    expect(all.body).toContain('<option value="infographic">Đồ họa thông tin (20)</option>');
    expect(all.body).toContain('<a href="/thu-vien?kind=video">Video</a> (1)');
    expect(all.body).toContain(`<a href="/thu-vien?topic=children">Quyền trẻ em</a> (1)`);
    expect(all.body).toContain('<a href="/thu-vien?lang=hmn">');
    expect(all.body).toContain('<a href="/thu-vien?audience=4">');
    expect(all.body).toContain('<option value="2022">2022 (20)</option>');

    const books = await get('/thu-vien?kind=book');
    expect(books.body).toContain('4 sản phẩm');
    expect(listed(books.body).sort()).toEqual([ids.bookVi, ids.bookEn, ids.bookHmn, ids.bookRepub].sort());
    // A facet ignores its own filter: the other kinds keep their counts; the chosen one can be removed.
    expect(books.body).toContain('<option value="book" selected="">Sách (4)</option>');
    expect(books.body).toContain('<option value="video">Video (1)</option>');
    expect(books.body).toContain('<strong aria-current="true">Sách</strong> (4) <a href="/thu-vien" class="unselect">Bỏ chọn');
    // Other facets count within the chosen kind.
    expect(books.body).toContain('<option value="2024">2024 (3)</option>');
    expect(books.body).toContain('<a href="/thu-vien?kind=book&amp;year=2024">2024</a> (3)');

    expect(listed((await get('/thu-vien?lang=hmn')).body).sort()).toEqual([ids.bookHmn, ids.video].sort());
    expect(listed((await get('/thu-vien?channel=social_media')).body)).toEqual([ids.video]);
    expect(listed((await get('/thu-vien?audience=4')).body)).toEqual([ids.bookEn]);
    expect(listed((await get('/en/library?topic=children')).body)).toEqual([ids.video]);
    expect(listed((await get('/thu-vien?year=2023')).body)).toEqual([ids.article]);
    const byOrg = await get(`/thu-vien?org=${orgB}&kind=news_article`);
    expect(listed(byOrg.body)).toEqual([ids.article]);
    expect(byOrg.body).toContain(`<option value="${orgB}" selected="">Sở Văn hóa thử (1)</option>`);
    // Unknown values are ignored rather than failing.
    expect((await get('/thu-vien?kind=nonsense&audience=9&year=abc&org=-1&page=zz')).body).toContain('28 sản phẩm');
  });

  it('sorts by title and pages through filters and sort alike', async () => {
    const res = await get('/thu-vien?kind=book&sort=title');
    const order = listed(res.body);
    expect(order[0]).toBe(ids.bookEn); // "Human …" before "Quyền …"
    expect(order.slice(1).sort()).toEqual([ids.bookVi, ids.bookRepub, ids.bookHmn].sort());
    expect(res.body).toContain('<option value="title" selected="">Tên (A–Z)</option>');
    const p = await get('/thu-vien?channel=outdoor&sort=title&page=1');
    expect(listed(p.body).length).toBe(20);
  });
});

describe('product page', () => {
  it('shows a book: titles and descriptions in every language, facts, ISBN hyphenated, citation and Book JSON-LD', async () => {
    const res = await get(`/thu-vien/${ids.bookVi}`);
    expect(res.statusCode).toBe(200);
    const b = res.body;
    expect(b).toContain('<h1 id="product-title">Quyền con người trong Hiến pháp năm 2013</h1>');
    expect(b).toContain('Sách giới thiệu các quy định của Hiến pháp');
    expect(b).toContain('<p class="other-title" lang="en">Human rights in the 2013 Constitution</p>');
    expect(b).toContain('<p lang="en">A book on the Constitution’s provisions on human and citizens’ rights.</p>');
    expect(b).toContain('<span class="isbn">978-604-300-010-8</span>');
    expect(b).toContain('NXB Tư pháp thử');
    expect(b).toContain('240 trang');
    expect(b).toContain('Xuất bản lần đầu');
    expect(b).toContain('<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>');
    expect(b).toContain('© Bộ Tư pháp thử 2024');
    expect(b).toContain('<a href="https://example.vn/sach-hien-phap" rel="noopener noreferrer" class="url">');
    expect(b).toContain('<a href="/thu-vien?kind=book">Sách</a>');
    expect(b).toContain(`<a href="/thu-vien?org=${orgA}">Bộ Tư pháp thử</a>`);
    expect(b).toContain('<a href="/thu-vien?audience=1">');
    expect(b).toContain('<a href="/thu-vien?topic=civil-political">Quyền dân sự và chính trị</a>');
    expect(b).toContain('<a href="/thu-vien?lang=vie">Tiếng Việt</a>');
    // Language versions both ways: its translations; a later edition under related products.
    expect(b).toContain(
      `<a href="/thu-vien/${ids.bookEn}" lang="en" hrefLang="en">Human rights in the 2013 Constitution (English edition)</a>`,
    );
    expect(b).toContain(`<a href="/thu-vien/${ids.bookHmn}" hrefLang="hmn">`);
    expect(b).toMatch(new RegExp(`<dt>Ấn bản sau</dt><dd><ul class="plain"><li><a href="/thu-vien/${ids.bookRepub}"`));
    // The citation, as plain text to copy.
    expect(b).toContain(
      '<p class="citation" id="citation" aria-describedby="citation-hint">Bộ Tư pháp thử (2024). Quyền con người trong Hiến pháp năm 2013. NXB Tư pháp thử. ISBN 978-604-300-010-8. Truy cập tại: https://example.vn/sach-hien-phap</p>',
    );

    const book = ldOf(b).find((n) => n['@type'] === 'Book')!;
    expect(book).toMatchObject({
      '@id': `${base}/thu-vien/${ids.bookVi}#product`,
      url: `${base}/thu-vien/${ids.bookVi}`,
      name: 'Quyền con người trong Hiến pháp năm 2013',
      alternateName: ['Human rights in the 2013 Constitution'],
      isbn: '9786043000108',
      numberOfPages: 240,
      bookEdition: 'Xuất bản lần đầu',
      inLanguage: 'vi',
      license: 'https://creativecommons.org/licenses/by/4.0/',
      copyrightNotice: '© Bộ Tư pháp thử 2024',
      datePublished: '2024-05-10',
      publisher: { '@type': 'Organization', name: 'NXB Tư pháp thử' },
      author: { name: 'Bộ Tư pháp thử' },
      sameAs: 'https://example.vn/sach-hien-phap',
    });
    expect(book.workTranslation.map((x: { url: string }) => x.url).sort()).toEqual(
      [`${base}/thu-vien/${ids.bookEn}`, `${base}/thu-vien/${ids.bookHmn}`].sort(),
    );
    expect(b).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
    expect(b).not.toMatch(/\sstyle=|<style/i);
  });

  it('reads in English with the Vietnamese title marked, the English citation and hreflang alternates', async () => {
    const res = await get(`/en/library/${ids.bookVi}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('<h1 id="product-title">Human rights in the 2013 Constitution</h1>');
    expect(res.body).toContain('<p class="other-title" lang="vi">Quyền con người trong Hiến pháp năm 2013</p>');
    expect(res.body).toContain('240 pages');
    expect(res.body).toContain('Ministry of Justice (test)');
    expect(res.body).toContain(`<link rel="alternate" hrefLang="vi" href="${base}/thu-vien/${ids.bookVi}"/>`);
    expect(res.body).toContain(
      'Ministry of Justice (test) (2024). Quyền con người trong Hiến pháp năm 2013 [Human rights in the 2013 Constitution]. NXB Tư pháp thử. ISBN 978-604-300-010-8. Available at: https://example.vn/sach-hien-phap',
    );
    const book = ldOf(res.body).find((n) => n['@type'] === 'Book')!;
    expect(book).toMatchObject({
      name: 'Human rights in the 2013 Constitution',
      bookEdition: 'First edition',
      url: `${base}/en/library/${ids.bookVi}`,
    });
  });

  it('links a translation to its original and its sibling translations, a re-publication to its first edition', async () => {
    const en = (await get(`/thu-vien/${ids.bookEn}`)).body;
    // On the Vietnamese page its Vietnamese title comes first; the English one is marked as English.
    expect(en).toContain('<h1 id="product-title">Quyền con người trong Hiến pháp năm 2013 — bản tiếng Anh</h1>');
    expect(en).toContain('<p class="other-title" lang="en">Human rights in the 2013 Constitution (English edition)</p>');
    const enEn = (await get(`/en/library/${ids.bookEn}`)).body;
    expect(enEn).toContain('<h1 id="product-title">Human rights in the 2013 Constitution (English edition)</h1>');
    expect(enEn).toContain('<p class="other-title" lang="vi">Quyền con người trong Hiến pháp năm 2013 — bản tiếng Anh</p>');
    expect(en).toContain(`Bản dịch của: <a href="/thu-vien/${ids.bookVi}" hrefLang="vi">Quyền con người trong Hiến pháp năm 2013</a>`);
    expect(en).toContain(`Bản dịch khác: <a href="/thu-vien/${ids.bookHmn}" hrefLang="hmn">`);
    const rep = (await get(`/en/library/${ids.bookRepub}`)).body;
    expect(rep).not.toContain('related-h'); // the re-published edition is not listed twice
    expect(rep).toContain(
      `Re-publication of <a href="/en/library/${ids.bookVi}" lang="vi" hrefLang="vi">Quyền con người trong Hiến pháp năm 2013</a>`,
    );
    const ld = ldOf(rep).find((n) => n['@type'] === 'Book')!;
    expect(ld).toMatchObject({
      bookEdition: 'Re-publication',
      isBasedOn: `${base}/en/library/${ids.bookVi}`,
      numberOfPages: 256,
      isbn: '9786043000139',
    });
  });

  it('shows files with download links and thumbnails (alt = caption); a video is a VideoObject; news a NewsArticle', async () => {
    const res = await get(`/thu-vien/${ids.video}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      `<img class="thumb" src="/api/library/files/${fileId}/thumbnail" alt="Ảnh minh họa buổi tập huấn" loading="lazy"/>`,
    );
    expect(res.body).toContain(
      `<a href="/api/library/files/${fileId}" download="anh-tap-huan.png" type="image/png">Tải về: anh-tap-huan.png</a>`,
    );
    const file = await get(`/api/library/files/${fileId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await get(`/api/library/files/${fileId}/thumbnail`)).statusCode).toBe(200);
    const video = ldOf(res.body).find((n) => n['@type'] === 'VideoObject')!;
    expect(video).toMatchObject({
      name: 'Video: quyền trẻ em ở vùng cao',
      inLanguage: ['vi', 'hmn'],
      uploadDate: '2025-03-02T03:00:00.000Z',
      contentUrl: 'https://video.example.vn/quyen-tre-em',
      thumbnailUrl: `${base}/api/library/files/${fileId}/thumbnail`,
      sameAs: 'https://video.example.vn/quyen-tre-em',
    });
    expect(video.associatedMedia[0]).toMatchObject({ contentUrl: `${base}/api/library/files/${fileId}`, encodingFormat: 'image/png' });
    // The list shows the thumbnail too, as decoration next to the title.
    expect((await get('/thu-vien?kind=video')).body).toContain(
      `<img class="thumb" src="/api/library/files/${fileId}/thumbnail" alt="" loading="lazy"/>`,
    );
    const news = ldOf((await get(`/thu-vien/${ids.article}`)).body).find((n) => n['@type'] === 'NewsArticle')!;
    expect(news).toMatchObject({
      headline: 'Tin: hội nghị về quyền của người khuyết tật',
      author: { name: 'Sở Văn hóa thử' },
      datePublished: '2023-11-20',
    });
    expect(ldOf((await get(`/thu-vien/${ids.phraseApart}`)).body).some((n) => n['@type'] === 'ImageObject')).toBe(true);
    expect(ldOf((await get(`/thu-vien/${ids.xss}`)).body).some((n) => n['@type'] === 'Article')).toBe(true);
  });

  it('answers a withdrawn product with a 410 tombstone, drafts and unknown ids with 404', async () => {
    for (const url of [`/thu-vien/${ids.withdrawn}`, `/en/library/${ids.withdrawn}`]) {
      const w = await get(url);
      expect(w.statusCode, url).toBe(410);
      expect(w.body).toContain('<meta name="robots" content="noindex"/>');
      expect(w.body).toContain('Đồ họa đã thu hồi về quyền con người');
      expect(w.body).toContain('Số liệu sai, sẽ đăng lại');
      expect(w.body).not.toContain('Mô tả không còn công khai');
      expect(w.body).not.toContain('application/ld+json');
    }
    expect((await get(`/thu-vien/${ids.withdrawn}`)).body).toContain(
      'Sản phẩm này đã được thu hồi khỏi thư viện ngày <time dateTime="2025-02-10T02:00:00.000Z">10/02/2025</time>.',
    );
    for (const url of [
      `/thu-vien/${ids.draft}`,
      `/en/library/${ids.draft}`,
      '/thu-vien/99999999',
      '/thu-vien/abc',
      '/en/library/0',
      '/thu-vien/99999999999',
    ]) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(r.body).not.toContain('Bản nháp bí mật');
    }
  });
});

describe('library feeds', () => {
  it('RSS 2.0: valid XML, channel, items field by field, no drafts or withdrawn products, narrowed by filters', async () => {
    const res = await get('/thu-vien/rss.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const { rss } = parser.parse(res.body);
    expect(rss['@version']).toBe('2.0');
    const ch = rss.channel;
    expect(ch.title).toBe('Thư viện RightsHub');
    expect(ch.link).toBe(`${base}/thu-vien`);
    expect(ch.language).toBe('vi');
    expect(ch['atom:link']['@href']).toBe(`${base}/thu-vien/rss.xml`);
    const items = ch.item as Record<string, any>[];
    expect(items.length).toBe(28);
    const links = items.map((i) => i.link);
    expect(new Set(links).size).toBe(links.length);
    expect(links).not.toContain(`${base}/thu-vien/${ids.draft}`);
    expect(links).not.toContain(`${base}/thu-vien/${ids.withdrawn}`);
    const book = items.find((i) => i.link === `${base}/thu-vien/${ids.bookVi}`)!;
    expect(book.title).toBe('Quyền con người trong Hiến pháp năm 2013');
    expect(book.guid).toEqual({ '#text': `${base}/thu-vien/${ids.bookVi}`, '@isPermaLink': 'true' });
    expect(book.pubDate).toBe('Sun, 12 May 2024 03:00:00 GMT');
    expect(book['dc:creator']).toBe('Bộ Tư pháp thử');
    expect(book['dc:date']).toBe('2024-05-10');
    expect(book['dc:language']).toEqual(['vi']);
    expect(book.category).toEqual(['Sách', 'Quyền dân sự và chính trị']);
    expect(book.description).toBe('Sách giới thiệu các quy định của Hiến pháp về quyền con người, quyền công dân.');
    const video = items.find((i) => i.link === `${base}/thu-vien/${ids.video}`)!;
    expect(video.enclosure).toEqual({
      '@url': `${base}/api/library/files/${fileId}`,
      '@length': expect.stringMatching(/^\d+$/),
      '@type': 'image/png',
    });

    const books = parser.parse((await get('/thu-vien/rss.xml?kind=book')).body).rss.channel;
    expect(books.title).toBe('Thư viện RightsHub — Sách');
    expect(books.link).toBe(`${base}/thu-vien?kind=book`);
    expect(books['atom:link']['@href']).toBe(`${base}/thu-vien/rss.xml?kind=book`);
    expect((books.item as { link: string }[]).map((i) => i.link).sort()).toEqual(
      [ids.bookVi, ids.bookEn, ids.bookHmn, ids.bookRepub].map((x) => `${base}/thu-vien/${x}`).sort(),
    );
    const en = parser.parse((await get('/en/library/rss.xml')).body).rss.channel;
    expect(en.title).toBe('RightsHub Library');
    expect(en.link).toBe(`${base}/en/library`);
    expect((en.item as { title: string; link: string }[]).find((i) => i.link === `${base}/en/library/${ids.bookVi}`)!.title).toBe(
      'Human rights in the 2013 Constitution',
    );
  });

  it('Atom 1.0: ids, titles, RFC 3339 dates, links, authors, categories, summaries', async () => {
    const res = await get('/en/library/atom.xml');
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(XMLValidator.validate(res.body)).toBe(true);
    const { feed } = parser.parse(res.body);
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${base}/en/library/atom.xml`);
    expect(feed.title['#text']).toBe('RightsHub Library');
    expect(feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(feed.link.map((l: Record<string, string>) => l['@rel'])).toEqual(['self', 'alternate']);
    const entries = feed.entry as Record<string, any>[];
    expect(entries.length).toBe(28);
    const e = entries.find((x) => x.id === `${base}/en/library/${ids.bookVi}`)!;
    expect(e['@xml:lang']).toBe('en');
    expect(e.title['#text']).toBe('Human rights in the 2013 Constitution');
    expect(e.link[0]).toMatchObject({ '@rel': 'alternate', '@href': `${base}/en/library/${ids.bookVi}` });
    expect(e.published).toBe('2024-05-12T03:00:00.000Z');
    expect(e.updated >= e.published).toBe(true);
    expect(e.author.name).toBe('Ministry of Justice (test)');
    expect(e.category.map((c: Record<string, string>) => c['@term'])).toEqual(['book', 'civil-political']);
    expect(e.category[0]['@label']).toBe('Book');
    expect(e.summary['#text']).toBe('A book on the Constitution’s provisions on human and citizens’ rights.');
    const v = entries.find((x) => x.id === `${base}/en/library/${ids.video}`)!;
    expect(v['@xml:lang']).toBe('vi');
    expect(v.link[1]).toMatchObject({ '@rel': 'enclosure', '@type': 'image/png', '@href': `${base}/api/library/files/${fileId}` });
    for (const x of entries) {
      expect(x.title).toBeDefined();
      expect(x.updated).toBeDefined();
      expect(x.author.name).toBeTruthy();
    }
  });

  it('JSON Feed 1.1: version, urls, items with string ids, dates, tags and attachments', async () => {
    const res = await get('/thu-vien/feed.json?topic=children');
    expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const f = JSON.parse(res.body);
    expect(f.version).toBe('https://jsonfeed.org/version/1.1');
    expect(f.title).toBe('Thư viện RightsHub — Quyền trẻ em');
    expect(f.feed_url).toBe(`${base}/thu-vien/feed.json?topic=children`);
    expect(f.home_page_url).toBe(`${base}/thu-vien?topic=children`);
    expect(f.items.length).toBe(1);
    expect(f.items[0]).toMatchObject({
      id: `${base}/thu-vien/${ids.video}`,
      url: `${base}/thu-vien/${ids.video}`,
      title: 'Video: quyền trẻ em ở vùng cao',
      external_url: 'https://video.example.vn/quyen-tre-em',
      summary: 'Phóng sự ngắn về trẻ em vùng cao được đến trường.',
      date_published: '2025-03-02T03:00:00.000Z',
      authors: [{ name: 'Bộ Tư pháp thử' }],
      tags: ['Video', 'Quyền trẻ em'],
      language: 'vi',
      attachments: [{ url: `${base}/api/library/files/${fileId}`, mime_type: 'image/png', title: 'Ảnh minh họa buổi tập huấn' }],
    });
  });
});

describe('sitemap', () => {
  it('lists the library and every published product in both languages, never drafts or withdrawn products', async () => {
    const { parts, urls, locs } = await readSitemap(get);
    for (const p of parts) expect(XMLValidator.validate(p.body), p.path).toBe(true);
    for (const p of ['/thu-vien', '/en/library', `/thu-vien/${ids.bookVi}`, `/en/library/${ids.bookVi}`, `/thu-vien/${ids.xss}`])
      expect(locs).toContain(base + p);
    for (const p of [`/thu-vien/${ids.draft}`, `/en/library/${ids.draft}`, `/thu-vien/${ids.withdrawn}`])
      expect(locs).not.toContain(base + p);
    expect(locs.filter((l) => /\/thu-vien\/\d+$/.test(l)).length).toBe(28);
    const entry = urls.find((u) => u.loc === `${base}/thu-vien/${ids.bookVi}`)!;
    expect(entry['xhtml:link']).toEqual([
      { '@rel': 'alternate', '@hreflang': 'vi', '@href': `${base}/thu-vien/${ids.bookVi}` },
      { '@rel': 'alternate', '@hreflang': 'en', '@href': `${base}/en/library/${ids.bookVi}` },
    ]);
  });
});

describe('XSS in a title and description', () => {
  it('is escaped in HTML, JSON-LD and every feed', async () => {
    for (const url of [
      '/thu-vien',
      `/thu-vien/${ids.xss}`,
      `/en/library/${ids.xss}`,
      '/thu-vien?q=alert',
      `/thu-vien?q=${encodeURIComponent(XSS)}`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      // Attribute values are where the search words come back (escaped); outside them no event handler may appear.
      const outside = res.body.replace(/"[^"]*"/g, '""');
      expect(res.body, url).not.toContain('<script>alert(1)');
      expect(res.body, url).not.toMatch(/<img[^>]*onerror/i);
      expect(outside, url).not.toMatch(/<[^>]*\son[a-z]+=/i);
      expect(res.body, url).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
    }
    expect((await get(`/thu-vien?q=${encodeURIComponent(XSS)}`)).body).toContain(
      'value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;&lt;img src=x onerror=alert(2)&gt;"',
    );
    const page = (await get(`/thu-vien/${ids.xss}`)).body;
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const ldText = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!;
    expect(ldText).not.toContain('<');
    expect(ldText).toContain('\\u003cscript');
    const article = JSON.parse(ldText)['@graph'].find((n: { '@type': string }) => n['@type'] === 'Article');
    expect(article.name).toBe(XSS);
    expect(article.description).toBe(XSS);
    expect(page).toContain(`<p class="citation" id="citation" aria-describedby="citation-hint">Sở Văn hóa thử (2025). &lt;script&gt;`);

    for (const url of [
      '/thu-vien/rss.xml',
      '/en/library/rss.xml',
      '/thu-vien/atom.xml',
      `/thu-vien/rss.xml?q=${encodeURIComponent(XSS)}`,
    ]) {
      const body = (await get(url)).body;
      expect(body, url).not.toContain('<script>');
      expect(body, url).not.toMatch(/<img/);
      expect(XMLValidator.validate(body), url).toBe(true);
    }
    const it = (
      parser.parse((await get('/thu-vien/rss.xml')).body).rss.channel.item as { title: string; link: string; description: string }[]
    ).find((x) => x.link.endsWith(`/${ids.xss}`))!;
    expect(it.title).toBe(XSS);
    // A description is HTML to a reader: plain text arrives escaped (shown as the text, never run).
    expect(it.description).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&lt;img src=x onerror=alert(2)&gt;');
    const entry = (parser.parse((await get('/en/library/atom.xml')).body).feed.entry as Record<string, any>[]).find((x) =>
      x.id.endsWith(`/${ids.xss}`),
    )!;
    expect(entry.title['#text']).toBe(`${XSS} (en)`);
    const json = JSON.parse((await get('/thu-vien/feed.json')).body);
    expect(json.items.find((x: { id: string }) => x.id.endsWith(`/${ids.xss}`)).title).toBe(XSS);
  });
});
