// The newsroom's feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1), built as strings. Every text and
// attribute is escaped here; URLs are absolute from the server's configured base URL.
import { escapeHtml, sanitizeHtml } from '../kernel/html.js';
import type { NewsItem } from '../modules/press/press.public.js';
import type { Lang } from './programme.js';
import { langTag, NEWS } from './newsroom.text.js';

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 does not allow at all are what is looked for
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Characters XML 1.0 does not allow at all are dropped; the five specials are escaped. */
export function xmlEscape(s: string): string {
  return s
    .replace(XML_FORBIDDEN, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * What a feed carries as HTML (an RSS `<description>`, an Atom `type="html"` content, a JSON Feed `content_html`):
 * readers render it as markup, so stored rich text is sanitised again on the way out (only the sanitiser's
 * allow-list leaves) and plain text (a summary, a description) is HTML-escaped, so it is shown as the text it is.
 */
export function feedHtml(html: string | null | undefined, text: string | null | undefined): string {
  const clean = html ? sanitizeHtml(html) : '';
  return clean.trim() ? clean : escapeHtml(text ?? '');
}

/** What RSS and Atom say of a whole feed, around its entries (each already XML); `updated`: ISO 8601. */
export type FeedChannel = {
  lang: Lang;
  title: string;
  page: string;
  description: string;
  self: string;
  updated: string;
  entries: string[];
};

/** An RSS 2.0 document (with Dublin Core, and its own address as atom:link). */
export function rssDocument(c: FeedChannel): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${xmlEscape(c.title)}</title>`,
    `<link>${xmlEscape(c.page)}</link>`,
    `<description>${xmlEscape(escapeHtml(c.description))}</description>`,
    `<language>${c.lang}</language>`,
    `<lastBuildDate>${new Date(c.updated).toUTCString()}</lastBuildDate>`,
    `<atom:link href="${xmlEscape(c.self)}" rel="self" type="application/rss+xml"/>`,
    ...c.entries,
    '</channel>',
    '</rss>',
  ].join('\n');
}

/** An Atom 1.0 document. */
export function atomDocument(c: FeedChannel): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${c.lang}">`,
    `<id>${xmlEscape(c.self)}</id>`,
    `<title type="text">${xmlEscape(c.title)}</title>`,
    `<subtitle type="text">${xmlEscape(c.description)}</subtitle>`,
    `<updated>${c.updated}</updated>`,
    `<author><name>RightsHub</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(c.self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(c.page)}"/>`,
    ...c.entries,
    '</feed>',
  ].join('\n');
}

export interface FeedMeta {
  lang: Lang;
  /** Absolute origin without a trailing slash. */
  origin: string;
  /** The organisation the feed is restricted to, if any. */
  organisation?: { id: number; name: string } | null;
  items: NewsItem[];
}

export const itemPath = (lang: Lang, id: number) => `${NEWS[lang].base}/${id}`;
const orgName = (i: NewsItem, lang: Lang) => (lang === 'en' && i.organisationNameEn) || i.organisationName;
const orgQuery = (m: FeedMeta) => (m.organisation ? `?org=${m.organisation.id}` : '');

function titles(m: FeedMeta) {
  const t = NEWS[m.lang];
  const title = m.organisation ? `${t.newsroom} — ${m.organisation.name}` : t.newsroom;
  const page = `${m.origin}${t.base}${m.organisation ? `?org=${m.organisation.id}` : ''}`;
  return { title, page, description: t.feedDescription };
}

/** Last change of an item: its last correction, else its publication. */
function updated(i: NewsItem): string {
  const last = i.corrections.at(-1)?.at;
  return new Date(last ?? i.publishedAt ?? i.updatedAt).toISOString();
}

function latest(m: FeedMeta): string {
  return m.items.length ? m.items.map(updated).sort().at(-1)! : new Date(0).toISOString();
}

export function rss(m: FeedMeta): string {
  const { title, page, description } = titles(m);
  const self = `${m.origin}${NEWS[m.lang].base}/rss.xml${orgQuery(m)}`;
  const entries = m.items.map((i) => {
    const url = m.origin + itemPath(m.lang, i.id);
    return [
      '<item>',
      `<title>${xmlEscape(i.title)}</title>`,
      `<link>${xmlEscape(url)}</link>`,
      `<guid isPermaLink="true">${xmlEscape(url)}</guid>`,
      `<pubDate>${new Date(i.publishedAt!).toUTCString()}</pubDate>`,
      `<dc:creator>${xmlEscape(orgName(i, m.lang))}</dc:creator>`,
      ...i.topics.map((t) => `<category>${xmlEscape(m.lang === 'en' ? t.nameEn : t.nameVi)}</category>`),
      `<description>${xmlEscape(feedHtml(i.bodyHtml, i.summary))}</description>`,
      '</item>',
    ].join('');
  });
  return rssDocument({ lang: m.lang, title, page, description, self, updated: latest(m), entries });
}

export function atom(m: FeedMeta): string {
  const { title, page, description } = titles(m);
  const self = `${m.origin}${NEWS[m.lang].base}/atom.xml${orgQuery(m)}`;
  const entries = m.items.map((i) => {
    const url = m.origin + itemPath(m.lang, i.id);
    return [
      `<entry xml:lang="${xmlEscape(langTag(i.language))}">`,
      `<id>${xmlEscape(url)}</id>`,
      `<title type="text">${xmlEscape(i.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>`,
      `<published>${new Date(i.publishedAt!).toISOString()}</published>`,
      `<updated>${updated(i)}</updated>`,
      `<author><name>${xmlEscape(orgName(i, m.lang))}</name></author>`,
      ...i.topics.map((t) => `<category term="${xmlEscape(t.code)}" label="${xmlEscape(m.lang === 'en' ? t.nameEn : t.nameVi)}"/>`),
      i.summary ? `<summary type="text">${xmlEscape(i.summary)}</summary>` : '',
      `<content type="html">${xmlEscape(feedHtml(i.bodyHtml, i.summary))}</content>`,
      '</entry>',
    ].join('');
  });
  return atomDocument({ lang: m.lang, title, page, description, self, updated: latest(m), entries });
}

export function jsonFeed(m: FeedMeta): string {
  const { title, page, description } = titles(m);
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: page,
    feed_url: `${m.origin}${NEWS[m.lang].base}/feed.json${orgQuery(m)}`,
    description,
    language: m.lang,
    authors: [{ name: 'RightsHub' }],
    items: m.items.map((i) => {
      const url = m.origin + itemPath(m.lang, i.id);
      return {
        id: url,
        url,
        title: i.title,
        content_html: feedHtml(i.bodyHtml, i.summary),
        ...(i.summary ? { summary: i.summary } : {}),
        date_published: new Date(i.publishedAt!).toISOString(),
        date_modified: updated(i),
        authors: [{ name: orgName(i, m.lang) }],
        tags: i.topics.map((t) => (m.lang === 'en' ? t.nameEn : t.nameVi)),
        language: langTag(i.language),
      };
    }),
  };
  return JSON.stringify(feed);
}
