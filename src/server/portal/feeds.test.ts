// Every public feed (newsroom and library; RSS 2.0, Atom 1.0 and JSON Feed 1.1; both languages) parsed back with a
// list of hostile payloads stored as titles, summaries, descriptions and bodies: an XML parser (jsdom's, strict) reads
// the feed, an HTML parser reads what the feed declares as HTML (RSS <description>, Atom type="html", JSON Feed
// content_html). Plain text must come back as the same text with no markup at all; rich text only as the
// sanitiser's allow-list. The payloads are written straight into the tables, so the feeds are tested on whatever
// the database holds, not on what today's write validation lets in.
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../test/factories.js';
import { testApp } from '../../../test/test-db.js';
import type { Db } from '../kernel/db.js';
import { ALLOWED } from '../kernel/html.js'; // the sanitiser's allow-list: the only markup a feed's HTML may hold
import { createProduct, publishProduct } from '../modules/library/library.write.js';
import { libraryProductTexts } from '../modules/library/library.tables.js';
import { createPressItem, publishPressItem } from '../modules/press/press.service.js';
import { pressItems } from '../modules/press/press.tables.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  `"'><svg onload=alert(3)><b>bold</b>`,
  '<a href="javascript:alert(4)">click</a>',
  ']]><script>alert(5)</script><![CDATA[',
  '<![CDATA[<script>alert(6)</script>]]>',
  'a < b && c > d; 1 &lt; 2 &amp;amp; &#60;script&#62;alert(7)&#60;/script&#62;',
  '&lt;script&gt;alert(8)&lt;/script&gt;',
  '<!-- x --><style>*{}</style><iframe src="https://evil.example"></iframe>',
  '</description></item><item><title>injected</title>',
  '</summary><entry><title>injected</title></entry>',
  'tab\there, new\nline',
  'control \u0001\u0002\u0008\u000b\u000c\u000e\u001f characters, \u007f and \u0085 kept',
  'non-characters \ufffe\uffff end',
  'Tiếng Việt: quyền con người — “ngoặc kép” ‘đơn’ & <ký hiệu>',
];
/** What XML 1.0 can carry of a text: the characters it forbids are dropped by the feeds. */
// eslint-disable-next-line no-control-regex
const xmlText = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

const ALLOWED_ATTRS = new Set(['href', 'title', 'rel', 'colspan', 'rowspan', 'scope']);

const window = new JSDOM('').window;
function parseXml(body: string): Document {
  const doc = new window.DOMParser().parseFromString(body, 'application/xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  if (err) throw new Error(`not well-formed XML: ${err.textContent}`);
  return doc;
}
/** The elements of an HTML fragment, as a browser's parser builds them (a template: nothing runs). */
function htmlElements(html: string): { elements: Element[]; text: string } {
  const t = window.document.createElement('template');
  t.innerHTML = html;
  return { elements: [...t.content.querySelectorAll('*')], text: t.content.textContent ?? '' };
}
/** No markup that could act: only allow-listed elements and attributes, links only http(s)/mailto. */
function expectInert(html: string, where: string) {
  for (const el of htmlElements(html).elements) {
    expect(ALLOWED.has(el.localName), `${where}: <${el.localName}>`).toBe(true);
    for (const a of el.attributes) {
      expect(ALLOWED_ATTRS.has(a.name), `${where}: <${el.localName} ${a.name}>`).toBe(true);
      if (a.name === 'href') expect(a.value, where).toMatch(/^(https?:|mailto:)/i);
    }
  }
}
/** HTML that stands for plain text: no element at all, and exactly the text. */
function expectText(html: string, text: string, where: string) {
  const h = htmlElements(html);
  expect(
    h.elements.map((e) => e.localName),
    where,
  ).toEqual([]);
  expect(h.text, where).toBe(text);
}

let app: FastifyInstance;
let db: Db;
/** Per payload: a library product (description), a press item with a summary and no body, one with a raw body. */
const lib: number[] = [];
const summaryOnly: number[] = [];
const withBody: number[] = [];
const get = (url: string) => app.inject({ method: 'GET', url });
const idOf = (url: string) => Number(/\/(\d+)$/.exec(url)![1]);

beforeAll(async () => {
  const t = await testApp({ BASE_URL: 'https://rightshub.example.vn' });
  app = t.app;
  db = t.db;
  const org = (await makeOrg(db, { nameVi: 'Bộ thử nguồn tin', kind: 'ministry', isStateAdminAgency: true })).id;
  for (const [k, payload] of PAYLOADS.entries()) {
    const day = `2025-06-${String(k + 1).padStart(2, '0')}`;
    const p = await createProduct(db, seedActor, {
      kind: 'news_article',
      organisationId: org,
      channel: 'online_press',
      date: day,
      languages: ['vie'],
      audiences: [],
      topicIds: [],
      relations: [],
      texts: [
        { language: 'vie', title: `Sản phẩm ${k}`, description: 'mô tả' },
        { language: 'eng', title: `Product ${k}`, description: 'description' },
      ],
      rights: null,
      licence: null,
      url: null,
    });
    await publishProduct(db, seedActor, p.id, new Date(`${day}T03:00:00Z`));
    await db.update(libraryProductTexts).set({ title: payload, description: payload }).where(eq(libraryProductTexts.productId, p.id));
    lib.push(p.id);
    for (const list of [summaryOnly, withBody]) {
      const i = await createPressItem(db, seedActor, {
        kind: 'press_release',
        organisationId: org,
        title: `Tin ${k}`,
        bodyHtml: '<p>x</p>',
        summary: 'x',
        language: 'vie',
        topicIds: [],
        translationOf: null,
      });
      await publishPressItem(db, seedActor, i.id, { publishedAt: `${day}T0${list === summaryOnly ? 1 : 2}:00:00Z` });
      // Written past the service: the feeds must be safe for whatever a row holds (the body even unsanitised).
      await db
        .update(pressItems)
        .set(
          list === summaryOnly
            ? { title: payload, summary: payload, bodyHtml: '' }
            : { title: payload, summary: null, bodyHtml: `<p>ok ${k}</p>${payload}` },
        )
        .where(eq(pressItems.id, i.id));
      list.push(i.id);
    }
  }
});

const FEEDS = [
  { base: '/tin-tuc', kind: 'news' },
  { base: '/en/news', kind: 'news' },
  { base: '/thu-vien', kind: 'library' },
  { base: '/en/library', kind: 'library' },
] as const;

/** The payload an item of a feed was given, and whether its HTML is plain text (a summary, a description). */
function payloadOf(kind: 'news' | 'library', id: number): { payload: string; plain: boolean } | null {
  const k = (kind === 'library' ? lib : summaryOnly).indexOf(id);
  if (k >= 0) return { payload: PAYLOADS[k]!, plain: true };
  const b = kind === 'news' ? withBody.indexOf(id) : -1;
  return b >= 0 ? { payload: PAYLOADS[b]!, plain: false } : null;
}

describe('feeds with hostile text', () => {
  it.each(FEEDS)(
    'RSS $base/rss.xml: titles are the text, descriptions are HTML that shows the text (or sanitised HTML)',
    async ({ base, kind }) => {
      const res = await get(`${base}/rss.xml`);
      expect(res.statusCode).toBe(200);
      const items = [...parseXml(res.body).getElementsByTagName('item')];
      let seen = 0;
      for (const item of items) {
        const link = item.getElementsByTagName('link')[0]!.textContent!;
        const p = payloadOf(kind, idOf(link));
        if (!p) continue;
        seen++;
        const where = `${base}/rss.xml ${link} ${JSON.stringify(p.payload)}`;
        expect(item.getElementsByTagName('title')[0]!.textContent, where).toBe(xmlText(p.payload));
        const description = item.getElementsByTagName('description')[0]!.textContent!;
        expectInert(description, where);
        if (p.plain) expectText(description, xmlText(p.payload), where);
        else expect(htmlElements(description).text, where).toContain('ok ');
      }
      expect(seen).toBe(kind === 'news' ? PAYLOADS.length * 2 : PAYLOADS.length);
      // The channel's own description is HTML too.
      expectInert(parseXml(res.body).querySelector('channel > description')!.textContent!, base);
    },
  );

  it.each(FEEDS)('Atom $base/atom.xml: text constructs are the text, html content is inert', async ({ base, kind }) => {
    const res = await get(`${base}/atom.xml`);
    expect(res.statusCode).toBe(200);
    let seen = 0;
    for (const entry of [...parseXml(res.body).getElementsByTagName('entry')]) {
      const id = entry.getElementsByTagName('id')[0]!.textContent!;
      const p = payloadOf(kind, idOf(id));
      if (!p) continue;
      seen++;
      const where = `${base}/atom.xml ${id} ${JSON.stringify(p.payload)}`;
      const title = entry.getElementsByTagName('title')[0]!;
      expect(title.getAttribute('type'), where).toBe('text');
      expect(title.textContent, where).toBe(xmlText(p.payload));
      const summary = entry.getElementsByTagName('summary')[0];
      if (p.plain) {
        expect(summary?.getAttribute('type'), where).toBe('text');
        expect(summary?.textContent, where).toBe(xmlText(p.payload));
      }
      const content = entry.getElementsByTagName('content')[0];
      if (content) {
        expect(content.getAttribute('type'), where).toBe('html');
        expectInert(content.textContent!, where);
        if (p.plain) expectText(content.textContent!, xmlText(p.payload), where);
      }
    }
    expect(seen).toBe(kind === 'news' ? PAYLOADS.length * 2 : PAYLOADS.length);
  });

  it.each(FEEDS)('JSON Feed $base/feed.json: text fields are the text, content_html is inert', async ({ base, kind }) => {
    const res = await get(`${base}/feed.json`);
    expect(res.statusCode).toBe(200);
    let seen = 0;
    for (const item of JSON.parse(res.body).items as Record<string, string>[]) {
      const p = payloadOf(kind, idOf(item.id!));
      if (!p) continue;
      seen++;
      const where = `${base}/feed.json ${item.id} ${JSON.stringify(p.payload)}`;
      expect(item.title, where).toBe(p.payload);
      if (p.plain) expect(item.summary, where).toBe(p.payload);
      if (item.content_text !== undefined) expect(item.content_text, where).toBe(p.payload);
      if (item.content_html !== undefined) {
        expectInert(item.content_html, where);
        if (p.plain) expectText(item.content_html, p.payload, where);
      }
    }
    expect(seen).toBe(kind === 'news' ? PAYLOADS.length * 2 : PAYLOADS.length);
  });
});
