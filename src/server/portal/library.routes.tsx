/**
 * The public library under /thu-vien (vi) and /en/library (en): search and browse published products (GET form,
 * facets with counts, sort, pagination), a product page (withdrawn products answer 410 with a tombstone; drafts and
 * unknown ids 404), and the RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds of new products, overall or narrowed by the
 * list's filters. Registered by portalRoutes when it has a database; reads only through the library's services.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CHANNELS,
  PRODUCT_KINDS,
  type Channel,
  type Product,
  type ProductKind,
  type ProductListQuery,
  type PublicProduct,
} from '../../shared/contracts/library.js';
import type { Db } from '../kernel/db.js';
import { getOrganisation } from '../modules/directory/organisations.service.js';
import { searchProducts, type Facets } from '../modules/library/library.search.js';
import { listLanguages, loadProducts, toPublicProduct } from '../modules/library/library.service.js';
import { atom, jsonFeed, rss, type LibraryFeedMeta } from './library.feeds.js';
import { audienceLabel, channelLabel, kindLabel, LIB, orgDisplayName } from './library.text.js';
import { filterQuery, type LanguageNames, type LibraryFilter, type LibrarySort } from './library.views.js';
import { LibraryListPage } from './library.list.views.js';
import { ProductPage, productLd, type ProductExtras, type RelatedEntry } from './library.product.views.js';
import type { NewsroomDeps } from './newsroom.routes.js';
import { queryText } from './portal.views.js';
import type { Lang } from './programme.js';

export const LIBRARY_PAGE_SIZE = 20;
/** Deeper pages are not offered (a search narrows better than page 500). */
export const LIBRARY_MAX_PAGE = 500;
const FEED_SIZE = 50;

export type LibraryDeps = NewsroomDeps;

const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

function posInt(v: unknown, max = 999_999_999): number | undefined {
  const s = queryText(v, 12);
  return /^[1-9][0-9]{0,8}$/.test(s) && Number(s) <= max ? Number(s) : undefined;
}
const oneOf = <T extends string>(list: readonly T[], v: string): T | undefined =>
  (list as readonly string[]).includes(v) ? (v as T) : undefined;

/** The list's GET parameters, each checked; anything unknown or malformed is ignored. */
export function parseLibraryFilter(query: unknown): LibraryFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const topic = queryText(q.topic, 60);
  const lang = queryText(q.lang, 3).toLowerCase();
  const audience = posInt(q.audience, 6);
  const year = posInt(q.year, 2100);
  return {
    q: queryText(q.q, 200),
    kind: oneOf<ProductKind>(PRODUCT_KINDS, queryText(q.kind, 40)),
    lang: /^[a-z]{3}$/.test(lang) ? lang : undefined,
    channel: oneOf<Channel>(CHANNELS, queryText(q.channel, 40)),
    audience,
    topic: /^[a-z0-9-]+$/.test(topic) ? topic : undefined,
    org: posInt(q.org, 2_147_483_647),
    year: year && year >= 1900 ? year : undefined,
    sort: oneOf<LibrarySort>(['relevance', 'date', 'title'], queryText(q.sort, 12)),
    page: Math.min(posInt(q.page) ?? 1, LIBRARY_MAX_PAGE),
  };
}

/** The search service's query for a filter. */
export function toSearchQuery(f: LibraryFilter, limit: number, offset: number): ProductListQuery {
  return {
    q: f.q || undefined,
    kind: f.kind,
    language: f.lang,
    channel: f.channel,
    audience: f.audience,
    topic: f.topic,
    organisationId: f.org,
    year: f.year,
    sort: f.sort,
    limit,
    offset,
  };
}

/** Published products of a search page, in order, as the public sees them. */
async function publicProducts(db: Db, ids: number[]): Promise<PublicProduct[]> {
  return (await loadProducts(db, ids)).filter((p) => p.status === 'published').map(toPublicProduct);
}

export function libraryFeedLinks(lang: Lang, origin: string, f?: LibraryFilter) {
  const base = `${origin}${LIB[lang].base}`;
  const q = f ? filterQuery(f, { feed: true }) : '';
  const name = LIB[lang].library;
  return [
    { type: 'application/rss+xml', href: `${base}/rss.xml${q}`, title: `${name} (RSS)` },
    { type: 'application/atom+xml', href: `${base}/atom.xml${q}`, title: `${name} (Atom)` },
    { type: 'application/feed+json', href: `${base}/feed.json${q}`, title: `${name} (JSON Feed)` },
  ];
}

/** What a filter means in words, for a feed's title (from the search's facets, which carry the names). */
function scopeOf(f: LibraryFilter, facets: Facets, lang: Lang): string[] {
  const s: string[] = [];
  if (f.q) s.push(`“${f.q}”`);
  if (f.kind) s.push(kindLabel(f.kind, lang));
  if (f.lang) {
    const l = facets.language.find((x) => x.value === f.lang);
    s.push(l ? (lang === 'en' ? l.nameEn : l.nameVi) : f.lang);
  }
  if (f.channel) s.push(channelLabel(f.channel, lang));
  if (f.audience) s.push(audienceLabel(f.audience, lang));
  if (f.topic) {
    const x = facets.topic.find((y) => y.value === f.topic);
    s.push(x ? (lang === 'en' ? x.nameEn : x.nameVi) : f.topic);
  }
  if (f.org) {
    const o = facets.organisation.find((y) => y.value === f.org);
    s.push(o ? orgDisplayName(o.nameVi, o.nameEn, lang) : `#${f.org}`);
  }
  if (f.year) s.push(String(f.year));
  return s;
}

/** A related product as the page links it; `from` is the product on the page (its languages are not what sets
 *  the other one apart, so they are not the link's hreflang when there is another). */
const toEntry = (x: Product | PublicProduct, label: string, from: PublicProduct): RelatedEntry => {
  const mine = new Set(from.languages.map((l) => l.code));
  const titleLang = x.texts[0]?.language ?? 'vie';
  return {
    id: x.id,
    title: x.texts[0]?.title ?? `#${x.id}`,
    titleLang,
    languages: x.languages.map((l) => l.code),
    status: x.status,
    label,
    // A bilingual edition (e.g. Hmong and Vietnamese) is its minority or foreign language's version.
    hrefLang:
      (x.languages.find((l) => !mine.has(l.code) && l.group !== 'national') ?? x.languages.find((l) => !mine.has(l.code)) ?? x.languages[0])
        ?.code ?? titleLang,
  };
};

/** The product page's surroundings: organisation name, language versions (translations both ways and the other
 *  translations of the same original), other relations, the re-published and the first edition. Drafts never show. */
async function extrasOf(db: Db, p: PublicProduct, lang: Lang): Promise<ProductExtras> {
  const t = LIB[lang];
  const [org, languages] = await Promise.all([getOrganisation(db, p.organisationId).catch(() => null), listLanguages(db)]);
  const names: LanguageNames = new Map(languages.map((l) => [l.code, { nameVi: l.nameVi, nameEn: l.nameEn }]));
  const orgName = org ? orgDisplayName(org.nameVi, org.nameEn, lang) : p.organisationName;
  if (p.status === 'withdrawn') return { orgName, languageVersions: [], related: [], editionOf: null, firstEdition: null, names };

  const direct = p.relations.filter((r) => r.status !== 'draft');
  const wanted = [...direct.map((r) => r.id), p.book?.editionOfId, p.book?.titleRootId].filter(
    (x): x is number => typeof x === 'number' && x !== p.id,
  );
  const loaded = new Map((await loadProducts(db, wanted)).filter((x) => x.status !== 'draft').map((x) => [x.id, x]));
  // Other translations of what this product translates.
  const originals = direct
    .filter((r) => r.kind === 'translation_of' && r.direction === 'out')
    .map((r) => loaded.get(r.id))
    .filter((x): x is Product => Boolean(x));
  const siblingIds = originals.flatMap((o) =>
    o.relations
      .filter((r) => r.kind === 'translation_of' && r.direction === 'in' && r.status !== 'draft' && r.id !== p.id)
      .map((r) => r.id),
  );
  const siblings = (
    await loadProducts(
      db,
      siblingIds.filter((id) => !loaded.has(id)),
    )
  ).filter((x) => x.status !== 'draft');
  for (const s of siblings) loaded.set(s.id, s);

  const seen = new Set<number>([p.id]);
  const languageVersions: RelatedEntry[] = [];
  const related: RelatedEntry[] = [];
  for (const r of direct) {
    const x = loaded.get(r.id);
    // The edition a re-publication re-publishes is shown with the book's edition, not twice.
    if (!x || (r.kind === 'edition_of' && r.direction === 'out' && r.id === p.book?.editionOfId)) continue;
    const label = t.relation[r.kind][r.direction];
    if (r.kind === 'translation_of') {
      if (!seen.has(x.id)) languageVersions.push(toEntry(x, label, p));
      seen.add(x.id);
    } else {
      related.push(toEntry(x, label, p));
    }
  }
  for (const id of siblingIds) {
    const x = loaded.get(id);
    if (x && !seen.has(id)) {
      languageVersions.push(toEntry(x, t.sibling, p));
      seen.add(id);
    }
  }
  const edition = (id: number | null | undefined, label: string) => {
    const x = id && id !== p.id ? loaded.get(id) : undefined;
    return x ? toEntry(x, label, p) : null;
  };
  return {
    orgName,
    names,
    languageVersions,
    related,
    editionOf: edition(p.book?.editionOfId, t.republicationOf),
    firstEdition: edition(p.book?.titleRootId, t.firstEditionLink),
  };
}

export function libraryRoutes(app: FastifyInstance, deps: LibraryDeps) {
  const { db, ctx, sendPage, securityHeaders, origin, notFound } = deps;

  for (const lang of ['vi', 'en'] as const) {
    const base = LIB[lang].base;
    const altBase = LIB[other(lang)].base;

    app.get(base, async (req, reply) => {
      const filter = parseLibraryFilter(req.query);
      const r = await searchProducts(db, toSearchQuery(filter, LIBRARY_PAGE_SIZE, (filter.page - 1) * LIBRARY_PAGE_SIZE), {
        publicOnly: true,
      });
      const products = await publicProducts(db, r.ids);
      // Only the unfiltered first page is canonical and indexed; searches, filters and other pages are not.
      const filtered = filterQuery(filter) !== '';
      const c = { ...ctx(lang, base, altBase, filtered), feeds: libraryFeedLinks(lang, origin(req), filter) };
      return sendPage(
        reply,
        200,
        <LibraryListPage
          ctx={c}
          filter={filter}
          facets={r.facets}
          products={products}
          total={r.total}
          estimated={r.estimated}
          pageSize={LIBRARY_PAGE_SIZE}
          maxPage={LIBRARY_MAX_PAGE}
        />,
      );
    });

    app.get(`${base}/:id`, async (req, reply) => {
      const raw = (req.params as { id: string }).id;
      if (raw === '') return reply.redirect(base, 301);
      const id = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
      const [found] = id <= 2_147_483_647 ? await loadProducts(db, [id]) : [];
      if (!found || found.status === 'draft') return notFound(req, reply);
      const product = toPublicProduct(found);
      const path = `${base}/${product.id}`;
      const alt = `${altBase}/${product.id}`;
      const extras = await extrasOf(db, product, lang);
      if (product.status === 'withdrawn') {
        // 410 Gone: the product existed and was withdrawn on purpose; the page says when and why.
        return sendPage(reply, 410, <ProductPage ctx={ctx(lang, path, alt, true)} product={product} extras={extras} />);
      }
      const c0 = { ...ctx(lang, path, alt), feeds: libraryFeedLinks(lang, origin(req)) };
      const c1 = { ...c0, baseUrl: c0.baseUrl ?? origin(req) };
      return sendPage(reply, 200, <ProductPage ctx={{ ...c1, ld: [productLd(c1, product, extras)] }} product={product} extras={extras} />);
    });

    const feed = (build: (m: LibraryFeedMeta) => string, type: string) => async (req: FastifyRequest, reply: FastifyReply) => {
      const filter = { ...parseLibraryFilter(req.query), sort: 'date' as const, page: 1 };
      const r = await searchProducts(db, toSearchQuery(filter, FEED_SIZE, 0), { publicOnly: true });
      const products = await publicProducts(db, r.ids);
      const orgNames = new Map(r.facets.organisation.map((o) => [o.value, orgDisplayName(o.nameVi, o.nameEn, lang)]));
      const query = filterQuery(filter, { feed: true });
      return securityHeaders(reply)
        .header('content-type', `${type}; charset=utf-8`)
        .header('cache-control', 'public, max-age=300')
        .send(build({ lang, origin: origin(req), query, scope: scopeOf(filter, r.facets, lang), products, orgNames }));
    };
    app.get(`${base}/rss.xml`, feed(rss, 'application/rss+xml'));
    app.get(`${base}/atom.xml`, feed(atom, 'application/atom+xml'));
    app.get(`${base}/feed.json`, feed(jsonFeed, 'application/feed+json'));
  }
}
