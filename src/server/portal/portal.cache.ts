/**
 * The portal's page cache: every public page and feed is rendered once per change of the tables it reads and then
 * served from memory, with a strong ETag (hash of the bytes), Last-Modified, 304 on If-None-Match/If-Modified-Since,
 * and a Cache-Control a CDN or reverse proxy can honour.
 *
 * Exactness: the stamp of a page is the versions of its tables in `data_versions` (kernel/versions.ts), read once per
 * request by a query that starts after the request arrived. A write bumps them in its own transaction, so after it
 * commits no copy of the server serves a page rendered before it. Pages are keyed by origin, path and normalised
 * query, in an LRU bounded in bytes.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../kernel/db.js';
import { versionReader, type DataVersions } from '../kernel/versions.js';

// ---------------------------------------------------------------- what a page reads

const REFERENCE = ['organisations', 'people', 'languages', 'countries', 'admin_units', 'admin_unit_types', 'admin_unit_crosswalk'];
const PRESS = [...REFERENCE, 'press_items', 'press_item_topics', 'press_topics', 'press_attachments', 'press_spokespersons'];
const LIBRARY = [
  ...REFERENCE,
  'press_topics',
  'library_products',
  'library_product_texts',
  'library_product_languages',
  'library_product_audiences',
  'library_product_topics',
  'library_relations',
  'library_files',
];
const EXHIBITIONS = [
  ...LIBRARY,
  'exhibitions',
  'exhibition_texts',
  'exhibition_items',
  'exhibition_photos',
  'exhibition_organisers',
  'exhibition_audiences',
  'exhibition_caption_languages',
];
const FACTCHECKS = [
  ...REFERENCE,
  'press_topics',
  'fc_claims',
  'fc_corrections',
  'fc_evidence',
  'fc_ratings',
  'fc_topic_rules',
  'fc_links',
  'fc_items',
];
/** Every tracked table but the users' (signing in writes it; no public page shows it). */
const EVERYTHING = (v: DataVersions) => [...v.tables.keys()].filter((t) => t !== 'users');

/** The tables a group of pages reads. */
export const PAGE_TABLES = { press: PRESS, library: LIBRARY, exhibitions: EXHIBITIONS, factchecks: FACTCHECKS } as const;

/**
 * The stamp of the data behind the figures (the progress page): for now every table an indicator provider may read,
 * i.e. all of them. The one place to switch to the indicator facts' own version when they land.
 */
export function indicatorDataStamp(v: DataVersions): Stamp | null {
  return stampOf(v, EVERYTHING(v));
}

export interface Stamp {
  key: string;
  /** The newest change among the stamped tables (database clock, ms). */
  changedAt: number;
}

/** The stamp of some tables; null when one is not tracked (such a page is not cached). */
export function stampOf(v: DataVersions, tables: readonly string[]): Stamp | null {
  let key = '';
  let changedAt = 0;
  for (const t of tables) {
    const x = v.tables.get(t);
    if (!x) return null;
    key += x.version + '.';
    if (x.changedAt > changedAt) changedAt = x.changedAt;
  }
  return { key, changedAt };
}

export interface CachePolicy {
  stamp: (v: DataVersions) => Stamp | null;
  /** `public`: any cache may keep it. `private`: only the browser (a page carrying a form token). */
  share: 'public' | 'private';
  /** Re-render at least this often (pages with a signed form token, whose token ages; pages showing "today"). */
  ttlMs?: number;
}

const tables = (list: readonly string[], extra: Partial<CachePolicy> = {}): CachePolicy => ({
  stamp: (v) => stampOf(v, list),
  share: 'public',
  ...extra,
});
const DAY_MS = 24 * 3600_000;

/**
 * Which policy a route (its Fastify URL pattern) has; undefined: not cached here. Paths are matched by the
 * section they belong to, so a new page of a section is cached on that section's tables by default.
 */
export function policyFor(url: string): CachePolicy | undefined {
  // The home says where the programme stands (every table an indicator may read, "this year") and lists the latest
  // news, fact-checks and exhibitions (their tables are among those).
  if (url === '/' || url === '/en/') return { stamp: indicatorDataStamp, share: 'public', ttlMs: 3600_000 };
  // The footer's fixed pages (info.text.ts).
  if (/^\/(gioi-thieu|en\/about|lien-he|en\/contact|tiep-can|en\/accessibility|quyen-rieng-tu|en\/privacy)$/.test(url)) return tables([]);
  if (/^\/(tin-tuc|en\/news)(\/|$)/.test(url)) return tables(PRESS);
  // The library's facet counts come from the search's own cache, which may lag a minute behind other copies' writes.
  if (/^\/(thu-vien|en\/library)(\/|$)/.test(url)) return tables(LIBRARY, { ttlMs: 60_000 });
  // "Now showing" and the coverage are as of today.
  if (/^\/(trien-lam|en\/exhibitions)(\/|$)/.test(url)) return tables(EXHIBITIONS, { ttlMs: 3600_000 });
  // The year and quarters offered and the figures "as of" depend on the date: re-rendered hourly at most.
  if (/^\/(tien-do|en\/progress)$/.test(url)) return { stamp: indicatorDataStamp, share: 'public', ttlMs: 3600_000 };
  if (/^\/(khuyen-nghi|en\/recommendations)(\/|$|\.)/.test(url)) return { stamp: (v) => stampOf(v, EVERYTHING(v)), share: 'public' };
  if (/^\/(kiem-chung|en\/fact-checks)\/:id$/.test(url)) return tables(FACTCHECKS, { share: 'private', ttlMs: 3600_000 });
  if (/^\/(kiem-chung|en\/fact-checks)(\/phuong-phap|\/methodology)?$/.test(url)) return tables(FACTCHECKS);
  if (url === '/sitemap.xml') return { stamp: (v) => stampOf(v, EVERYTHING(v)), share: 'public' };
  // A sitemap part reads only its section's tables (portal/sitemap.ts).
  const part = /^\/sitemap-([a-z]+)-:n$/.exec(url)?.[1];
  if (part) return SITEMAP_PARTS[part];

  return undefined;
}

/** The sitemap's parts by section (the names in /sitemap-<section>-<n>.xml). */
const SITEMAP_PARTS: Record<string, CachePolicy> = {
  pages: tables([]),
  news: tables(PRESS),
  library: tables(LIBRARY),
  exhibitions: tables(EXHIBITIONS),
  factchecks: tables(FACTCHECKS),
  recommendations: tables(['recommendations']),
};

// ---------------------------------------------------------------- the cache

/**
 * Browsers always revalidate (max-age=0: a conditional request answered 304 from memory, exact). Shared caches
 * (a CDN, nginx) may serve a page for `s-maxage` seconds without asking and then, while they revalidate, a
 * stale one for `stale-while-revalidate` seconds more: the bound on how late a CDN shows a change. 0 makes the
 * edge exact too (it then revalidates every request, which the 304s keep cheap).
 */
export function publicCacheControl(sharedMaxAge: number): string {
  return sharedMaxAge > 0
    ? `public, max-age=0, s-maxage=${sharedMaxAge}, stale-while-revalidate=${sharedMaxAge * 6}`
    : 'public, max-age=0, no-cache';
}
/** Pages with a signed form token: the browser may keep one, no shared cache may (tokens age and are per visit). */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/** A page in each content coding a client may ask for, compressed once when rendered (browsers and CDNs send
 *  `Accept-Encoding: gzip, br`; a 110 KB progress page is ~20 KB on the wire, which slow connections notice). */
interface Representation {
  body: Buffer;
  /** Strong ETag of these bytes: each coding has its own (RFC 9110 §8.8.3), the identity one is the plain hash. */
  etag: string;
}
export type Coding = 'br' | 'gzip' | 'identity';

interface Entry {
  stamp: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  etag: string;
  /** Compressed representations (absent when the page is too small to gain from it). */
  br?: Representation;
  gzip?: Representation;
  /** ms, whole seconds; null: no Last-Modified (If-Modified-Since is not honoured). */
  lastModified: number | null;
  /** The entry's newest change, for If-Modified-Since (ms). */
  changedAt: number;
  expires: number;
  share: CachePolicy['share'];
}

/** A least-recently-used map bounded by the bytes of its values. */
const entryBytes = (v: { body: Buffer; br?: Representation; gzip?: Representation }) =>
  v.body.length + (v.br?.body.length ?? 0) + (v.gzip?.body.length ?? 0);

export class ByteLru<V extends { body: Buffer; br?: Representation; gzip?: Representation }> {
  private map = new Map<string, V>();
  private bytes = 0;
  constructor(readonly maxBytes: number) {}
  get size() {
    return this.bytes;
  }
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V) {
    this.delete(key);
    const n = entryBytes(v) + key.length;
    if (n > this.maxBytes / 4) return; // one huge page must not empty the cache
    this.map.set(key, v);
    this.bytes += n;
    while (this.bytes > this.maxBytes) this.delete(this.map.keys().next().value!);
  }
  delete(key: string) {
    const old = this.map.get(key);
    if (!old) return;
    this.map.delete(key);
    this.bytes -= entryBytes(old) + key.length;
  }
}

/** The query string with parameters sorted and empty ones dropped: `?b=2&a=1&c=` and `?a=1&b=2` are one page. */
export function normaliseQuery(url: string): string {
  const i = url.indexOf('?');
  if (i < 0) return '';
  const p = new URLSearchParams(url.slice(i + 1));
  const kept = [...p].filter(([, v]) => v.trim() !== '').sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return kept.length ? '?' + new URLSearchParams(kept).toString() : '';
}

/** Whether a conditional GET may be answered 304 (RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since). */
export function notModified(req: FastifyRequest, etag: string, changedAt: number | null): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined)
    return inm.split(',').some((t) => {
      const x = t.trim();
      return x === '*' || x === etag || x === `W/${etag}`;
    });
  const ims = req.headers['if-modified-since'];
  if (!ims || changedAt === null) return false;
  const t = Date.parse(ims);
  // HTTP dates have whole seconds: the client's copy is current only if it is dated after the second of the change.
  return Number.isFinite(t) && t >= Math.floor(changedAt / 1000) * 1000 + 1000;
}

/**
 * The coding to send for an `Accept-Encoding` header (RFC 9110 §12.5.3): brotli, else gzip, else the bytes as they
 * are; a coding with q=0 is refused, and `*` stands for any coding not named.
 */
export function chooseCoding(header: string | undefined): Coding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const qp = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    const v = qp ? Number(qp.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(v) ? v : 0);
  }
  const weight = (c: string) => q.get(c) ?? q.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** Pages smaller than this are sent as they are (the compressed framing would eat the gain). */
const COMPRESS_MIN_BYTES = 1024;
const tagFor = (etag: string, suffix: string) => `${etag.slice(0, -1)}-${suffix}"`;

/** The compressed representations of a rendered page; brotli at a quality that takes milliseconds, not seconds. */
async function compressed(body: Buffer, etag: string): Promise<Pick<Entry, 'br' | 'gzip'>> {
  if (body.length < COMPRESS_MIN_BYTES) return {};
  const [b, g] = await Promise.all([
    brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip(body, { level: 6 }),
  ]);
  return { br: { body: b, etag: tagFor(etag, 'br') }, gzip: { body: g, etag: tagFor(etag, 'gz') } };
}

/** The representation of an entry for a request. */
function pick(e: Pick<Entry, 'body' | 'etag' | 'br' | 'gzip'>, coding: Coding): { body: Buffer; etag: string; coding: Coding } {
  const r = coding === 'identity' ? undefined : e[coding];
  return r ? { body: r.body, etag: r.etag, coding } : { body: e.body, etag: e.etag, coding: 'identity' };
}

const BOOT = Date.now();
const SKIP_HEADERS = new Set([
  'content-length',
  'set-cookie',
  'date',
  'connection',
  'transfer-encoding',
  'etag',
  'last-modified',
  'cache-control',
  'content-encoding',
  'vary',
]);

export interface PortalCacheOptions {
  db: Db;
  /** Bytes of rendered pages kept in memory. */
  maxBytes?: number;
  /** `s-maxage` of public pages, seconds. */
  sharedMaxAge?: number;
  /** Anything else a page shows that is not in the database (e.g. "demo data is still loading"): part of the key,
   *  and nothing is stored in shared caches while it is not empty. */
  variant?: () => string;
}

declare module 'fastify' {
  interface FastifyRequest {
    portalCache?: { key: string; stamp: Stamp; readAt: number; policy: CachePolicy; variant: string };
  }
}

/** Installs the cache on the portal's routes (hooks of the portal's Fastify scope). */
export function installPortalCache(app: FastifyInstance, opts: PortalCacheOptions) {
  const versions = versionReader(opts.db);
  const lru = new ByteLru<Entry>(opts.maxBytes ?? 64 * 1024 * 1024);
  const sharedCC = publicCacheControl(opts.sharedMaxAge ?? 10);
  const policies = new Map<string, CachePolicy | undefined>();
  const policyOf = (url: string) => {
    if (!policies.has(url)) policies.set(url, policyFor(url));
    return policies.get(url);
  };
  const cacheControl = (share: CachePolicy['share'], variant: string) =>
    share === 'private' ? PRIVATE_CACHE_CONTROL : variant ? 'no-store' : sharedCC;

  const answer = (req: FastifyRequest, reply: FastifyReply, e: Entry, variant: string) => {
    const r = pick(e, chooseCoding(req.headers['accept-encoding']));
    reply.header('etag', r.etag).header('cache-control', cacheControl(e.share, variant)).header('vary', 'Accept-Encoding');
    if (e.lastModified !== null) reply.header('last-modified', new Date(e.lastModified).toUTCString());
    if (notModified(req, r.etag, e.lastModified === null ? null : e.changedAt)) return reply.code(304).send();
    if (r.coding !== 'identity') reply.header('content-encoding', r.coding);
    return reply.code(e.status).headers(e.headers).send(r.body);
  };

  // A page's stamp is computed once per read of the versions (not per request: the progress page's spans ~100 tables).
  const stamps = new WeakMap<DataVersions, Map<CachePolicy, Stamp | null>>();
  const stampFor = (v: DataVersions, policy: CachePolicy) => {
    let m = stamps.get(v);
    if (!m) stamps.set(v, (m = new Map()));
    let s = m.get(policy);
    if (s === undefined) m.set(policy, (s = policy.stamp(v)));
    return s;
  };

  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const url = req.routeOptions.url;
    const policy = url ? policyOf(url) : undefined;
    if (!policy) return;
    const v = await versions();
    const stamp = stampFor(v, policy);
    if (!stamp) return;
    const variant = opts.variant?.() ?? '';
    const path = req.url.split('?')[0]!;
    const key = `${req.protocol}://${req.host}${path}${normaliseQuery(req.url)}`;
    const e = lru.get(key);
    if (e && e.stamp === stamp.key + variant && Date.now() < e.expires) return answer(req, reply, e, variant);
    req.portalCache = { key, stamp, readAt: v.readAt, policy, variant };
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const c = req.portalCache;
    if (!c || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const status = reply.statusCode;
    // A handler that says no-store (a receipt, a form with errors) keeps its word.
    if (String(reply.getHeader('cache-control') ?? '').includes('no-store') && c.policy.share === 'public') return payload;
    if (status !== 200 && status !== 410) {
      reply.header('cache-control', 'no-cache');
      return payload;
    }
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    // A deploy changes pages without a write: nothing is older than this process.
    const changedAt = Math.max(c.stamp.changedAt, BOOT);
    // Last-Modified is the second after the change, sent only once that second has passed (when the stamp was
    // read), with a second's margin for a commit in flight: a later write then always falls in a later second.
    const lastModified = c.readAt >= Math.floor(changedAt / 1000) * 1000 + 2000 ? Math.floor(changedAt / 1000) * 1000 + 1000 : null;
    const headers: Record<string, string> = {};
    for (const [k, val] of Object.entries(reply.getHeaders())) if (!SKIP_HEADERS.has(k) && val !== undefined) headers[k] = String(val);
    const entry: Entry = {
      stamp: c.stamp.key + c.variant,
      status,
      headers,
      body,
      etag,
      lastModified,
      changedAt,
      expires: Date.now() + (c.policy.ttlMs ?? DAY_MS * 365),
      share: c.policy.share,
      ...(await compressed(body, etag)),
    };
    lru.set(c.key, entry);
    const r = pick(entry, chooseCoding(req.headers['accept-encoding']));
    reply.header('etag', r.etag).header('cache-control', cacheControl(c.policy.share, c.variant)).header('vary', 'Accept-Encoding');
    if (lastModified !== null) reply.header('last-modified', new Date(lastModified).toUTCString());
    if (notModified(req, r.etag, lastModified === null ? null : changedAt)) {
      reply.code(304);
      return '';
    }
    if (r.coding !== 'identity') reply.header('content-encoding', r.coding);
    return r.body;
  });
}
