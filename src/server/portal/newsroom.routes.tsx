/**
 * The newsroom under /tin-tuc (vi) and /en/news (en): list with filters and search, item pages (withdrawn
 * items answer 410 with a tombstone), spokespersons, and the RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds,
 * overall or for one organisation (?org=<id>). Registered by portalRoutes when it has a database.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import type { Db } from '../kernel/db.js';
import { vnToday } from '../kernel/format.js';
import {
  getNewsFacets,
  getNewsItem,
  listGroupTranslations,
  listNewsItems,
  listNewsSpokespersons,
  listTranslations,
  spokespersonsOn,
} from '../modules/press/press.public.js';
import { atom, jsonFeed, rss, type FeedMeta } from './newsroom.feeds.js';
import { NEWS } from './newsroom.text.js';
import {
  NewsItemPage,
  NewsListPage,
  OrganisationsPage,
  organisationsHref,
  SpokespersonsPage,
  newsArticleLd,
  type NewsFilter,
} from './newsroom.views.js';
import type { PageContext } from './portal.views.js';
import type { Lang } from './programme.js';

export const PAGE_SIZE = 20;
const FEED_SIZE = 50;
const SPOKES = { vi: '/tin-tuc/nguoi-phat-ngon', en: '/en/news/spokespersons' } as const;

export interface NewsroomDeps {
  db: Db;
  origin: (req: FastifyRequest) => string;
  ctx: (lang: Lang, path: string, altPath: string, noindex?: boolean) => PageContext;
  sendPage: (reply: FastifyReply, status: number, page: ReactElement) => FastifyReply;
  securityHeaders: (reply: FastifyReply) => FastifyReply;
  /** The portal's own 404 page. */
  notFound: (req: FastifyRequest, reply: FastifyReply) => FastifyReply;
}

const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

function str(v: unknown, max: number): string {
  return typeof v === 'string' ? v.trim().slice(0, max) : '';
}
function posInt(v: unknown): number | undefined {
  const s = str(v, 12);
  return /^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : undefined;
}

export function parseFilter(query: unknown): NewsFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const topic = str(q.topic, 60);
  const lang = str(q.lang, 3);
  return {
    q: str(q.q, 200),
    org: posInt(q.org),
    topic: /^[a-z0-9-]+$/.test(topic) ? topic : undefined,
    lang: /^[a-z]{3}$/.test(lang) ? lang : undefined,
    page: Math.min(posInt(q.page) ?? 1, 100_000),
  };
}

export function feedLinks(lang: Lang, origin: string, org?: number) {
  const base = `${origin}${NEWS[lang].base}`;
  const q = org ? `?org=${org}` : '';
  const name = NEWS[lang].newsroom;
  return [
    { type: 'application/rss+xml', href: `${base}/rss.xml${q}`, title: `${name} (RSS)` },
    { type: 'application/atom+xml', href: `${base}/atom.xml${q}`, title: `${name} (Atom)` },
    { type: 'application/feed+json', href: `${base}/feed.json${q}`, title: `${name} (JSON Feed)` },
  ];
}

export function newsroomRoutes(app: FastifyInstance, deps: NewsroomDeps) {
  const { db, ctx, sendPage, securityHeaders, origin, notFound } = deps;

  for (const lang of ['vi', 'en'] as const) {
    const base = NEWS[lang].base;
    const altBase = NEWS[other(lang)].base;

    app.get(base, async (req, reply) => {
      const filter = parseFilter(req.query);
      const [facets, { items, total, capped }] = await Promise.all([
        getNewsFacets(db),
        listNewsItems(db, {
          q: filter.q,
          organisationId: filter.org,
          topic: filter.topic,
          language: filter.lang,
          // A release and its translations are one entry, under the reader's language (not in a search or a
          // language's list, which show each matching text).
          groupFor: filter.q || filter.lang ? undefined : lang === 'vi' ? 'vie' : 'eng',
          limit: PAGE_SIZE,
          offset: (filter.page - 1) * PAGE_SIZE,
        }),
      ]);
      // A language filter asks for that language's texts: their titles are not swapped for a translation's.
      const translations = filter.lang
        ? []
        : await listGroupTranslations(
            db,
            items.map((i) => i.translationGroupId),
          );
      // Only the unfiltered first page is canonical and indexed; search and filter results are not.
      const filtered = Boolean(filter.q || filter.topic || filter.lang || filter.page > 1);
      const c = { ...ctx(lang, base, altBase, filtered), feeds: feedLinks(lang, origin(req), filter.org) };
      return sendPage(
        reply,
        200,
        <NewsListPage
          ctx={c}
          filter={filter}
          facets={facets}
          items={items}
          translations={translations}
          total={total}
          capped={capped}
          pageSize={PAGE_SIZE}
        />,
      );
    });

    app.get(SPOKES[lang], async (req, reply) => {
      const groups = await listNewsSpokespersons(db);
      const c = { ...ctx(lang, SPOKES[lang], SPOKES[other(lang)]), feeds: feedLinks(lang, origin(req)) };
      return sendPage(reply, 200, <SpokespersonsPage ctx={c} groups={groups} />);
    });

    app.get(organisationsHref(lang), async (req, reply) => {
      const c = { ...ctx(lang, organisationsHref(lang), organisationsHref(other(lang))), feeds: feedLinks(lang, origin(req)) };
      return sendPage(reply, 200, <OrganisationsPage ctx={c} facets={await getNewsFacets(db)} />);
    });

    app.get(`${base}/:id`, async (req, reply) => {
      const raw = (req.params as { id: string }).id;
      if (raw === '') return reply.redirect(base, 301);
      const id = /^[1-9][0-9]{0,9}$/.test(raw) ? Number(raw) : NaN;
      const item = id <= 2_147_483_647 ? await getNewsItem(db, id) : null;
      if (!item) return notFound(req, reply);
      const path = `${base}/${item.id}`;
      const alt = `${altBase}/${item.id}`;
      if (item.status === 'withdrawn') {
        // 410 Gone: the item existed and was withdrawn on purpose; the page says when and why.
        return sendPage(reply, 410, <NewsItemPage ctx={ctx(lang, path, alt, true)} item={item} translations={[]} />);
      }
      // The day of publication in Viet Nam time: who was the agency's spokesperson then.
      const day = vnToday(new Date(item.publishedAt ?? Date.now()));
      const [translations, spokespersons] = await Promise.all([listTranslations(db, item), spokespersonsOn(db, item.organisationId, day)]);
      const c0 = { ...ctx(lang, path, alt), feeds: feedLinks(lang, origin(req)) };
      const c = { ...c0, baseUrl: c0.baseUrl ?? origin(req), ld: [newsArticleLd({ ...c0, baseUrl: c0.baseUrl ?? origin(req) }, item)] };
      return sendPage(reply, 200, <NewsItemPage ctx={c} item={item} translations={translations} spokespersons={spokespersons} />);
    });

    const feed = (build: (m: FeedMeta) => string, type: string) => async (req: FastifyRequest, reply: FastifyReply) => {
      const org = posInt((req.query as Record<string, unknown>)?.org);
      const { items } = await listNewsItems(db, { organisationId: org, limit: FEED_SIZE }, { count: false });
      let organisation: FeedMeta['organisation'] = null;
      if (org) {
        const o = (await getNewsFacets(db)).organisations.find((x) => x.id === org);
        if (!o) return notFound(req, reply);
        organisation = { id: o.id, name: (lang === 'en' && o.nameEn) || o.nameVi };
      }
      return securityHeaders(reply)
        .header('content-type', `${type}; charset=utf-8`)
        .header('cache-control', 'public, max-age=300')
        .send(build({ lang, origin: origin(req), organisation, items }));
    };
    app.get(`${base}/rss.xml`, feed(rss, 'application/rss+xml'));
    app.get(`${base}/atom.xml`, feed(atom, 'application/atom+xml'));
    app.get(`${base}/feed.json`, feed(jsonFeed, 'application/feed+json'));
  }
}
