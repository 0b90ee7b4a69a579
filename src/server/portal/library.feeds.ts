// The library's feeds of new products (RSS 2.0, Atom 1.0, JSON Feed 1.1), built as strings like the newsroom's:
// every text and attribute escaped with the newsroom's xmlEscape, absolute URLs from the server's base URL. A feed
// may be narrowed by the list's filters (the same query string), e.g. /thu-vien/rss.xml?kind=book.
import type { PublicProduct } from '../../shared/contracts/library.js';
import { productFileUrl } from '../modules/library/library.files.js';
import { atomDocument, feedHtml, rssDocument, xmlEscape } from './newsroom.feeds.js';
import { bcp47, kindLabel, LIB, pickText } from './library.text.js';
import { productPath } from './library.views.js';
import type { Lang } from './programme.js';

export interface LibraryFeedMeta {
  lang: Lang;
  /** Absolute origin without a trailing slash. */
  origin: string;
  /** The filters' query string ('' or '?kind=book…'), repeated on the feed's own and its page's URL. */
  query: string;
  /** What the filters mean, in the page language (e.g. ["Sách", "Quyền trẻ em"]): added to the feed's title. */
  scope: string[];
  products: PublicProduct[];
  /** Organisation names in the feed's language, by id (else the product's own organisation name). */
  orgNames: Map<number, string>;
}

function titles(m: LibraryFeedMeta) {
  const t = LIB[m.lang];
  return {
    title: m.scope.length ? `${t.library} — ${m.scope.join('; ')}` : t.library,
    page: `${m.origin}${t.base}${m.query}`,
    description: t.feedDescription,
  };
}

const orgName = (m: LibraryFeedMeta, p: PublicProduct) => m.orgNames.get(p.organisationId) ?? p.organisationName;
const published = (p: PublicProduct) => new Date(p.publishedAt ?? `${p.date}T00:00:00+07:00`).toISOString();
/** Last change: the later of the publication and the last edit. */
const updated = (p: PublicProduct) => [published(p), new Date(p.updatedAt).toISOString()].sort().at(-1)!;
const latest = (m: LibraryFeedMeta) => (m.products.length ? m.products.map(updated).sort().at(-1)! : new Date(0).toISOString());
const categories = (m: LibraryFeedMeta, p: PublicProduct) => [
  { term: p.kind, label: kindLabel(p.kind, m.lang) },
  ...p.topics.map((x) => ({ term: x.code, label: m.lang === 'en' ? x.nameEn : x.nameVi })),
];
const summary = (m: LibraryFeedMeta, p: PublicProduct) => {
  const text = pickText(p, m.lang);
  return text.description ?? p.texts.find((x) => x.description)?.description ?? '';
};

export function rss(m: LibraryFeedMeta): string {
  const { title, page, description } = titles(m);
  const self = `${m.origin}${LIB[m.lang].base}/rss.xml${m.query}`;
  const entries = m.products.map((p) => {
    const url = m.origin + productPath(m.lang, p.id);
    const file = p.files[0];
    return [
      '<item>',
      `<title>${xmlEscape(pickText(p, m.lang).title)}</title>`,
      `<link>${xmlEscape(url)}</link>`,
      `<guid isPermaLink="true">${xmlEscape(url)}</guid>`,
      `<pubDate>${new Date(published(p)).toUTCString()}</pubDate>`,
      `<dc:creator>${xmlEscape(orgName(m, p))}</dc:creator>`,
      `<dc:date>${xmlEscape(p.date)}</dc:date>`,
      ...p.languages.map((l) => `<dc:language>${xmlEscape(bcp47(l.code))}</dc:language>`),
      ...categories(m, p).map((c) => `<category>${xmlEscape(c.label)}</category>`),
      // Plain text: RSS readers render a description as HTML, so it is escaped as such (and then as XML).
      `<description>${xmlEscape(feedHtml(null, summary(m, p)))}</description>`,
      file
        ? `<enclosure url="${xmlEscape(m.origin + productFileUrl(file.id))}" length="${file.size}" type="${xmlEscape(file.mediaType)}"/>`
        : '',
      '</item>',
    ].join('');
  });
  return rssDocument({ lang: m.lang, title, page, description, self, updated: latest(m), entries });
}

export function atom(m: LibraryFeedMeta): string {
  const { title, page, description } = titles(m);
  const self = `${m.origin}${LIB[m.lang].base}/atom.xml${m.query}`;
  const entries = m.products.map((p) => {
    const url = m.origin + productPath(m.lang, p.id);
    const text = pickText(p, m.lang);
    const sum = summary(m, p);
    return [
      `<entry xml:lang="${xmlEscape(bcp47(text.language))}">`,
      `<id>${xmlEscape(url)}</id>`,
      `<title type="text">${xmlEscape(text.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>`,
      ...p.files.map(
        (f) =>
          `<link rel="enclosure" type="${xmlEscape(f.mediaType)}" length="${f.size}" href="${xmlEscape(m.origin + productFileUrl(f.id))}"/>`,
      ),
      `<published>${published(p)}</published>`,
      `<updated>${updated(p)}</updated>`,
      `<author><name>${xmlEscape(orgName(m, p))}</name></author>`,
      ...categories(m, p).map((c) => `<category term="${xmlEscape(c.term)}" label="${xmlEscape(c.label)}"/>`),
      sum ? `<summary type="text">${xmlEscape(sum)}</summary>` : '',
      p.rights ? `<rights type="text">${xmlEscape(p.rights)}</rights>` : '',
      '</entry>',
    ].join('');
  });
  return atomDocument({ lang: m.lang, title, page, description, self, updated: latest(m), entries });
}

export function jsonFeed(m: LibraryFeedMeta): string {
  const { title, page, description } = titles(m);
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    home_page_url: page,
    feed_url: `${m.origin}${LIB[m.lang].base}/feed.json${m.query}`,
    description,
    language: m.lang,
    authors: [{ name: 'RightsHub' }],
    items: m.products.map((p) => {
      const url = m.origin + productPath(m.lang, p.id);
      const text = pickText(p, m.lang);
      const sum = summary(m, p);
      return {
        id: url,
        url,
        title: text.title,
        content_text: sum || text.title,
        ...(sum ? { summary: sum } : {}),
        ...(p.url && /^https?:\/\//i.test(p.url) ? { external_url: p.url } : {}),
        date_published: published(p),
        date_modified: updated(p),
        authors: [{ name: orgName(m, p) }],
        tags: categories(m, p).map((c) => c.label),
        language: bcp47(text.language),
        ...(p.files.length
          ? {
              attachments: p.files.map((f) => ({
                url: m.origin + productFileUrl(f.id),
                mime_type: f.mediaType,
                size_in_bytes: f.size,
                title: f.caption || f.filename,
              })),
            }
          : {}),
      };
    }),
  });
}
