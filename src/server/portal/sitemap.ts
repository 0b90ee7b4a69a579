// The sitemap (sitemaps.org protocol 0.9). `/sitemap.xml` is a sitemap index; its parts are
// `/sitemap-<section>-<n>.xml`, each a <urlset> of at most `urlsPerPart` URLs (default 20,000; the protocol allows
// 50,000) and well under 50 MB. A page is listed in Vietnamese and English, each URL with both as hreflang
// alternates. Record sections (news items, library products, …) are cut into blocks of ids (kernel/sitemap.ts): the
// index is one grouped query per section, a part reads its block in keyset pages of BATCH rows, so no request loads
// every record. Parts answer 404 once their block is empty. Index and parts go through the portal's page cache.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../kernel/db.js';
import type { SitemapSource } from '../kernel/sitemap.js';
import { xmlEscape } from './newsroom.feeds.js';

/** The protocol's limits of one sitemap file. */
export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;
/** URLs per part unless configured: a part stays a few MB, small enough for the page cache to keep. */
export const SITEMAP_URLS_PER_PART = 20_000;
const BATCH = 2_000;
/** The longest path a sitemap URL may have (a section's base and a record id are far shorter). */
const MAX_PATH = 100;
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** A page in both languages. */
export interface PagePair {
  vi: string;
  en: string;
  lastmod?: string | null;
}

export interface SitemapSection {
  /** In the part's URL: /sitemap-<name>-<n>.xml (lower case letters). */
  name: string;
  /** The parts holding at least one page (numbers from 1), each with its newest change, at `pairs` pages a part. */
  parts(pairs: number): Promise<{ n: number; lastmod: string | null }[]>;
  /** The pages of part `n`, handed to `emit` in batches. */
  pages(n: number, pairs: number, emit: (batch: PagePair[]) => void): Promise<void>;
}

/** A fixed list of pages (home, section pages, …), cut into parts in order. */
export function pagesSection(name: string, list: PagePair[]): SitemapSection {
  return {
    name,
    parts: async (pairs) => Array.from({ length: Math.ceil(list.length / pairs) }, (_, i) => ({ n: i + 1, lastmod: null })),
    pages: async (n, pairs, emit) => emit(list.slice((n - 1) * pairs, n * pairs)),
  };
}

/** A module's public records, one page each at `<base>/<id>` in both languages; part n is id block n − 1. */
export function recordSection(db: Db, name: string, source: SitemapSource, base: { vi: string; en: string }): SitemapSection {
  return {
    name,
    parts: async (pairs) => (await source.blocks(db, pairs)).map((b) => ({ n: b.block + 1, lastmod: b.lastmod })),
    async pages(n, pairs, emit) {
      const from = (n - 1) * pairs;
      const to = from + pairs;
      for (let after = from - 1; ;) {
        const rows = await source.page(db, { from, to, after, limit: BATCH });
        if (rows.length) emit(rows.map((r) => ({ vi: `${base.vi}/${r.id}`, en: `${base.en}/${r.id}`, lastmod: r.updatedAt })));
        if (rows.length < BATCH) return;
        after = rows.at(-1)!.id;
      }
    },
  };
}

/**
 * Pages (pairs of URLs) per part for an origin: half the URLs allowed, fewer if the origin is so long that the
 * part could pass 50 MB (every URL entry is bounded by three escaped URLs and the fixed markup around them).
 */
export function pairsPerPart(origin: string, urlsPerPart: number): number {
  const urls = Math.min(Math.max(2, Math.trunc(urlsPerPart)), SITEMAP_MAX_URLS);
  const entryBytes = 3 * (Buffer.byteLength(xmlEscape(origin)) + MAX_PATH) + 200;
  return Math.max(1, Math.min(Math.floor(urls / 2), Math.floor((SITEMAP_MAX_BYTES - 1024) / (2 * entryBytes))));
}

function urlEntries(origin: string, p: PagePair): string {
  const alternates = `<xhtml:link rel="alternate" hreflang="vi" href="${xmlEscape(origin + p.vi)}"/><xhtml:link rel="alternate" hreflang="en" href="${xmlEscape(origin + p.en)}"/>`;
  const lastmod = p.lastmod ? `<lastmod>${xmlEscape(p.lastmod)}</lastmod>` : '';
  return `<url><loc>${xmlEscape(origin + p.vi)}</loc>${lastmod}${alternates}</url>\n<url><loc>${xmlEscape(origin + p.en)}</loc>${lastmod}${alternates}</url>\n`;
}

export interface SitemapDeps {
  sections: SitemapSection[];
  urlsPerPart: number;
  origin: (req: FastifyRequest) => string;
  securityHeaders: (reply: FastifyReply) => FastifyReply;
  notFound: (req: FastifyRequest, reply: FastifyReply) => unknown;
}

export const partPath = (section: string, n: number) => `/sitemap-${section}-${n}.xml`;

export function sitemapRoutes(app: FastifyInstance, deps: SitemapDeps) {
  const { sections, urlsPerPart, origin, securityHeaders, notFound } = deps;
  const sendXml = (reply: FastifyReply, body: string) =>
    securityHeaders(reply)
      .header('content-type', 'application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(body);

  app.get('/sitemap.xml', async (req, reply) => {
    const o = origin(req);
    const pairs = pairsPerPart(o, urlsPerPart);
    const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<sitemapindex xmlns="${NS}">`];
    for (const s of sections) {
      for (const p of await s.parts(pairs)) {
        out.push(
          `<sitemap><loc>${xmlEscape(o + partPath(s.name, p.n))}</loc>${p.lastmod ? `<lastmod>${xmlEscape(p.lastmod)}</lastmod>` : ''}</sitemap>`,
        );
      }
    }
    out.push('</sitemapindex>');
    return sendXml(reply, out.join('\n'));
  });

  for (const s of sections) {
    app.get(`/sitemap-${s.name}-:n`, async (req, reply) => {
      const m = /^([1-9][0-9]{0,8})\.xml$/.exec((req.params as { n: string }).n);
      if (!m) return notFound(req, reply);
      const o = origin(req);
      const chunks: string[] = [];
      let count = 0;
      await s.pages(Number(m[1]), pairsPerPart(o, urlsPerPart), (batch) => {
        count += batch.length;
        chunks.push(batch.map((p) => urlEntries(o, p)).join(''));
      });
      if (!count) return notFound(req, reply);
      return sendXml(
        reply,
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${NS}" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${chunks.join('')}</urlset>`,
      );
    });
  }
}
