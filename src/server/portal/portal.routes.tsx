/**
 * The public portal: server-rendered pages at `/` (Vietnamese) and `/en/` (English), the section
 * pages, a portal-styled 404 and the one stylesheet. It never answers for /api, /app or /healthz:
 * those paths fall through to the server's own not-found handler.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Db } from '../kernel/db.js';
import { pressSitemap } from '../modules/press/press.public.js';
import { certificateRoutes, CERTIFICATE_PATHS } from './certificates.routes.js';
import { libraryRoutes } from './library.routes.js';
import { exhibitionsRoutes } from './exhibitions.routes.js';
import { createFileStore } from '../kernel/storage.js';
import { newsroomRoutes } from './newsroom.routes.js';
import { organisationsHref } from './newsroom.views.js';
import { progressRoutes } from './progress.routes.js';
import { provinceShapesFile } from './provinceMapSvg.js';
import { factCheckPortalRoutes } from './factchecks.routes.js';
import { FACTCHECK_PATHS } from './factchecks.text.js';
import { factCheckSitemap } from '../modules/factcheck/factcheck.public.js';
import { librarySitemap } from '../modules/library/library.service.js';
import { exhibitionsSitemap } from '../modules/exhibitions/exhibitions.service.js';
import { recommendationsSitemap } from '../modules/recommendations/recommendations.service.js';
import { recommendationPortalRoutes } from './recommendations.routes.js';
import { pagesSection, recordSection, sitemapRoutes, SITEMAP_URLS_PER_PART, type PagePair } from './sitemap.js';
import { chooseCoding, installPortalCache } from './portal.cache.js';
import { SECTIONS, type Lang, type Section } from './programme.js';
import { NotFoundPage, SectionPage, type PageContext } from './portal.views.js';
import { HomePage } from './home.views.js';
import { loadHomeOverview } from './home.js';
import { INFO_PATHS } from './info.text.js';
import { InfoPage } from './info.views.js';

export const PORTAL_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; " +
  "base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

export interface PortalOptions {
  /** Public origin (e.g. https://rightshub.example.vn) for canonical and hreflang URLs; relative if absent. */
  baseUrl?: string;
  /** The database, for the newsroom, the library and the sitemap's items. Without it those sections stay placeholders. */
  db?: Db;
  /** The data directory (the file store), for the online exhibitions' images. */
  dataDir?: string;
  /** Signs the public forms (fact-check submissions, complaints); random per process when absent. */
  formSecret?: string;
  /** `s-maxage` (seconds) of cached public pages: how long a CDN in front may serve one without asking. */
  sharedMaxAge?: number;
  /** Bytes of rendered pages kept in memory. */
  cacheBytes?: number;
  /** What the server is doing that the pages say (the demo data loading in the background after the first start). */
  status?: PortalStatus;
  /** URLs per sitemap part (at most 50,000). */
  sitemapUrlsPerPart?: number;
}

export interface PortalStatus {
  demoLoading: boolean;
}

const RESERVED = /^\/(api(\/|$)|app(\/|$|[?#])|healthz(\/|$))/;

// Read once at start-up: the stylesheet is small and changes only with a deploy.
const CSS = readFileSync(new URL('./portal.css', import.meta.url));
const CSS_HASH = createHash('sha256').update(CSS).digest('hex').slice(0, 12);
const CSS_HREF = `/assets/portal.css?v=${CSS_HASH}`;
const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#9b1c1c"/>' +
  '<text x="16" y="22" font-family="sans-serif" font-size="15" font-weight="700" fill="#fff" text-anchor="middle">RH</text></svg>';

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', PORTAL_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'strict-origin-when-cross-origin');
}

function sendPage(reply: FastifyReply, status: number, page: ReactElement) {
  const html = '<!DOCTYPE html>' + renderToStaticMarkup(page);
  return (
    securityHeaders(reply)
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      // Cached pages get their Cache-Control from the page cache (portal.cache.ts); this is for the static ones.
      .header('cache-control', status === 200 ? 'public, max-age=300' : 'no-cache')
      .send(html)
  );
}

export async function portalRoutes(app: FastifyInstance, opts: PortalOptions = {}): Promise<void> {
  const ctx = (lang: Lang, path: string, altPath: string, noindex = false): PageContext => ({
    lang,
    path,
    altPath,
    noindex,
    cssHref: CSS_HREF,
    baseUrl: opts.baseUrl,
    demoLoading: opts.status?.demoLoading || undefined,
  });
  // Registered before the routes: every page and feed whose section has a policy is served from the page cache.
  if (opts.db) {
    installPortalCache(app, {
      db: opts.db,
      sharedMaxAge: opts.sharedMaxAge,
      maxBytes: opts.cacheBytes,
      variant: () => (opts.status?.demoLoading ? 'demo-loading' : ''),
    });
  }
  // Absolute URLs (feeds, sitemap, JSON-LD) come from the configured base URL; the request's host only without one.
  const origin = (req: FastifyRequest) => (opts.baseUrl ?? `${req.protocol}://${req.host}`).replace(/\/$/, '');
  const notFound = (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '/';
    const lang: Lang = path === '/en' || path.startsWith('/en/') ? 'en' : 'vi';
    return sendPage(reply, 404, <NotFoundPage ctx={ctx(lang, path, lang === 'vi' ? '/en/' : '/', true)} />);
  };

  app.get('/assets/portal.css', async (req, reply) => {
    const etag = `"${CSS_HASH}"`;
    securityHeaders(reply).header('etag', etag);
    // A versioned URL never changes content; the bare one is revalidated.
    reply.header(
      'cache-control',
      (req.query as Record<string, unknown>)?.v === CSS_HASH ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
    );
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.header('content-type', 'text/css; charset=utf-8').send(CSS);
  });

  // The province maps' outlines (provinceShapesFile): pages draw each province as a <use> of this file. Kept
  // compressed once; the versioned URL never changes content.
  const shapes = new Map<string, { body: Buffer; br: Buffer; gzip: Buffer; hash: string }>();
  for (const map of ['34', '63'] as const) {
    app.get(`/ban-do/tinh-${map}.svg`, async (req, reply) => {
      let file = shapes.get(map);
      if (!file) {
        const { body, hash } = provinceShapesFile(map);
        const raw = Buffer.from(body);
        file = { body: raw, br: zlib.brotliCompressSync(raw), gzip: zlib.gzipSync(raw, { level: 9 }), hash };
        shapes.set(map, file);
      }
      const coding = chooseCoding(req.headers['accept-encoding']);
      const etag = `"${file.hash}${coding === 'identity' ? '' : coding === 'br' ? '-br' : '-gz'}"`;
      securityHeaders(reply)
        .header('etag', etag)
        .header('content-type', 'image/svg+xml')
        .header('vary', 'Accept-Encoding')
        .header(
          'cache-control',
          (req.query as Record<string, unknown>)?.v === file.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
        );
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      if (coding !== 'identity') reply.header('content-encoding', coding);
      return reply.send(coding === 'br' ? file.br : coding === 'gzip' ? file.gzip : file.body);
    });
  }

  for (const url of ['/favicon.svg', '/favicon.ico']) {
    app.get(url, async (_req, reply) =>
      securityHeaders(reply).header('content-type', 'image/svg+xml').header('cache-control', 'public, max-age=86400').send(ICON),
    );
  }

  // The home says where the programme stands and lists the latest items when it has a database.
  const home = (lang: Lang) => async (_req: FastifyRequest, reply: FastifyReply) => {
    const overview = opts.db ? await loadHomeOverview(opts.db, lang, { exhibitions: Boolean(opts.dataDir) }) : undefined;
    const [path, alt] = lang === 'vi' ? ['/', '/en/'] : ['/en/', '/'];
    return sendPage(reply, 200, <HomePage ctx={ctx(lang, path, alt)} overview={overview} />);
  };
  app.get('/', home('vi'));
  app.get('/en/', home('en'));
  for (const key of ['contact', 'accessibility', 'privacy'] as const) {
    const p = INFO_PATHS[key];
    app.get(p.vi, async (_req, reply) => sendPage(reply, 200, <InfoPage ctx={ctx('vi', p.vi, p.en)} page={key} />));
    app.get(p.en, async (_req, reply) => sendPage(reply, 200, <InfoPage ctx={ctx('en', p.en, p.vi)} page={key} />));
  }
  app.get('/en', async (_req, reply) => reply.redirect('/en/', 301));

  const sectionRoute = (section: Section, lang: Lang) => async (_req: FastifyRequest, reply: FastifyReply) => {
    const alt: Lang = lang === 'vi' ? 'en' : 'vi';
    return sendPage(reply, 200, <SectionPage ctx={ctx(lang, section.path[lang], section.path[alt])} section={section} />);
  };
  const db = opts.db;
  if (db) newsroomRoutes(app, { db, ctx, sendPage, securityHeaders, origin, notFound });
  if (db) progressRoutes(app, { db, ctx, sendPage });
  if (db) libraryRoutes(app, { db, ctx, sendPage, securityHeaders, origin, notFound });
  if (db && opts.dataDir)
    exhibitionsRoutes(app, { db, ctx, sendPage, securityHeaders, origin, notFound, store: createFileStore(opts.dataDir) });
  if (db) recommendationPortalRoutes(app, { db, ctx, sendPage, securityHeaders, notFound });
  if (db) factCheckPortalRoutes(app, { db, ctx, sendPage, securityHeaders, notFound, formSecret: opts.formSecret });
  if (db) certificateRoutes(app, { db, ctx, sendPage, securityHeaders, origin, notFound });
  for (const s of SECTIONS) {
    if (
      db &&
      (s.key === 'news' ||
        s.key === 'progress' ||
        s.key === 'library' ||
        s.key === 'recommendations' ||
        s.key === 'factChecks' ||
        (s.key === 'exhibitions' && opts.dataDir))
    )
      continue;
    app.get(s.path.vi, sectionRoute(s, 'vi'));
    app.get(s.path.en, sectionRoute(s, 'en'));
  }

  app.get('/robots.txt', async (req, reply) =>
    securityHeaders(reply)
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(`User-agent: *\nDisallow: /app/\nDisallow: /api/\nAllow: /\n\nSitemap: ${origin(req)}/sitemap.xml\n`),
  );

  // The sitemap index and its parts: fixed pages first, then each section's public records.
  const section = (key: Section['key']) => SECTIONS.find((x) => x.key === key)!.path;
  const pages: PagePair[] = [
    { vi: '/', en: '/en/' },
    ...SECTIONS.map((s) => ({ vi: s.path.vi, en: s.path.en })),
    ...Object.values(INFO_PATHS),
    ...(db
      ? [
          { vi: '/tin-tuc/nguoi-phat-ngon', en: '/en/news/spokespersons' },
          { vi: organisationsHref('vi'), en: organisationsHref('en') },
          CERTIFICATE_PATHS,
        ]
      : []),
    ...(db ? [FACTCHECK_PATHS.methodology, FACTCHECK_PATHS.submit, FACTCHECK_PATHS.complaints] : []),
  ];
  sitemapRoutes(app, {
    origin,
    securityHeaders,
    notFound,
    urlsPerPart: opts.sitemapUrlsPerPart ?? SITEMAP_URLS_PER_PART,
    sections: [
      pagesSection('pages', pages),
      ...(db
        ? [
            recordSection(db, 'news', pressSitemap, section('news')),
            recordSection(db, 'library', librarySitemap, section('library')),
            ...(opts.dataDir ? [recordSection(db, 'exhibitions', exhibitionsSitemap, section('exhibitions'))] : []),
            recordSection(db, 'factchecks', factCheckSitemap, section('factChecks')),
            recordSection(db, 'recommendations', recommendationsSitemap, section('recommendations')),
          ]
        : []),
    ],
  });

  // Anything else under the portal is a portal 404 — except the paths the server owns.
  const known = new Set<string>([
    ...SECTIONS.flatMap((s) => [s.path.vi, s.path.en]),
    ...Object.values(INFO_PATHS).flatMap((p) => [p.vi, p.en]),
    '/tin-tuc/nguoi-phat-ngon',
    '/en/news/spokespersons',
    organisationsHref('vi'),
    organisationsHref('en'),
    ...Object.values(FACTCHECK_PATHS).flatMap((p) => [p.vi, p.en]),
  ]);
  app.get('/*', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (RESERVED.test(path)) return reply.callNotFound();
    const trimmed = path.replace(/\/+$/, '');
    if (trimmed !== path && known.has(trimmed)) return reply.redirect(trimmed, 301);
    return notFound(req, reply);
  });
}
