// Library products (T4a, T4b, T5a): books, articles, videos, infographics … with titles and descriptions in several
// languages, content languages, channel, audiences, topics, relations between products and, for books, the ISBN and
// the edition (a re-publication points to the edition it re-publishes; every book knows its title's first
// publication, its "title root", so T4a counts a title once). Lifecycle: draft → published → withdrawn; drafts and
// published products may be edited, a withdrawn one stays as a tombstone (a deleted record for OAI-PMH).
//
// Editors write only for organisations in their subtree, admins anywhere, every other role reads only. Every write
// validates the whole input (each problem named by its field), writes the rows, refreshes the search fields and
// records an audit entry in one transaction: nothing is half-written.
import { asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import * as C from '../../../shared/contracts/library.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { type Db, lockRow, rows, iso } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { containsPattern, fold, nfc, sortVi } from '../../kernel/text.js';
import { sitemapSource } from '../../kernel/sitemap.js';
import { parseInput } from '../../kernel/validate.js';
import { organisations } from '../directory/directory.tables.js';
import { assertCanWriteUnder } from '../directory/organisations.service.js';
import { pressTopics } from '../press/press.tables.js';
import { checkIsbn, displayIsbn } from './library.isbn.js';
import { refreshProductSearch, searchProducts, type Facets } from './library.search.js';
import {
  languages, libraryFiles, libraryProductAudiences, libraryProductLanguages, libraryProducts, libraryProductTexts, libraryProductTopics, libraryRelations,
} from './library.tables.js';

export const AUDIT_ENTITY = 'library_product';

type Detail = { field: string; message: string };
const GROUP_ORDER: Record<string, number> = { national: 0, ethnic: 1, foreign: 2 };

// ---------------------------------------------------------------- reads

/** The language list (reference data), national first, then ethnic-minority, then foreign, by Vietnamese name. */
export async function listLanguages(db: Db): Promise<C.Language[]> {
  const all = await db.select().from(languages);
  return sortVi(all, (l) => l.nameVi)
    .sort((a, b) => (GROUP_ORDER[a.group] ?? 9) - (GROUP_ORDER[b.group] ?? 9))
    .map((l) => ({ code: l.code, nameVi: l.nameVi, nameEn: l.nameEn, group: l.group as C.LanguageGroup }));
}

/** Full products for the given ids, in the order given (unknown ids are skipped, repeated ids once). */
export async function loadProducts(db: Db, ids: number[]): Promise<C.Product[]> {
  const wanted = [...new Set(ids.filter((id) => Number.isInteger(id) && id > 0))];
  if (!wanted.length) return [];
  const base = await db.select({ p: libraryProducts, organisationName: organisations.nameVi }).from(libraryProducts)
    .innerJoin(organisations, eq(organisations.id, libraryProducts.organisationId)).where(inArray(libraryProducts.id, wanted));
  if (!base.length) return [];
  const found = base.map((r) => r.p.id);
  const [texts, langs, auds, topics, outRel, inRel, files, reasons] = await Promise.all([
    db.select().from(libraryProductTexts).where(inArray(libraryProductTexts.productId, found)).orderBy(asc(libraryProductTexts.productId), asc(libraryProductTexts.position)),
    db.select({ productId: libraryProductLanguages.productId, code: languages.code, group: languages.group, nameVi: languages.nameVi, nameEn: languages.nameEn })
      .from(libraryProductLanguages).innerJoin(languages, eq(languages.code, libraryProductLanguages.language)).where(inArray(libraryProductLanguages.productId, found)),
    db.select().from(libraryProductAudiences).where(inArray(libraryProductAudiences.productId, found)).orderBy(asc(libraryProductAudiences.audience)),
    db.select({ productId: libraryProductTopics.productId, id: pressTopics.id, code: pressTopics.code, nameVi: pressTopics.nameVi, nameEn: pressTopics.nameEn })
      .from(libraryProductTopics).innerJoin(pressTopics, eq(pressTopics.id, libraryProductTopics.topicId)).where(inArray(libraryProductTopics.productId, found))
      .orderBy(asc(pressTopics.sortOrder), asc(pressTopics.id)),
    rows<{ self: number; other: number; kind: string; title: string | null; status: string }>(db, sql`
      select r.from_id as self, r.to_id as other, r.kind, t.title, p.status from library_relations r
      join library_products p on p.id = r.to_id left join library_product_texts t on t.product_id = r.to_id and t.position = 0
      where r.from_id in ${found} order by r.from_id, r.kind, r.to_id`),
    rows<{ self: number; other: number; kind: string; title: string | null; status: string }>(db, sql`
      select r.to_id as self, r.from_id as other, r.kind, t.title, p.status from library_relations r
      join library_products p on p.id = r.from_id left join library_product_texts t on t.product_id = r.from_id and t.position = 0
      where r.to_id in ${found} order by r.to_id, r.kind, r.from_id`),
    db.select().from(libraryFiles).where(inArray(libraryFiles.productId, found)).orderBy(asc(libraryFiles.id)),
    withdrawalReasons(db, base.filter((r) => r.p.status === 'withdrawn').map((r) => r.p.id)),
  ]);
  const group = <T extends { productId: number }>(list: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of list) m.set(x.productId, [...(m.get(x.productId) ?? []), x]);
    return m;
  };
  const textsBy = group(texts), langsBy = group(langs), audsBy = group(auds), topicsBy = group(topics), filesBy = group(files);
  const rel = (list: typeof outRel, direction: 'out' | 'in') => list.map((r) => ({ productId: Number(r.self), kind: r.kind as C.RelationKind, direction, id: Number(r.other), title: r.title ?? `#${r.other}`, status: r.status as C.ProductStatus }));
  const relBy = group([...rel(outRel, 'out'), ...rel(inRel, 'in')]);
  const byId = new Map(base.map(({ p, organisationName }): [number, C.Product] => [p.id, {
    id: p.id, kind: p.kind as C.ProductKind, organisationId: p.organisationId, organisationName,
    texts: (textsBy.get(p.id) ?? []).map((t) => ({ language: t.language, title: t.title, description: t.description })),
    languages: (langsBy.get(p.id) ?? []).sort((a, b) => (GROUP_ORDER[a.group] ?? 9) - (GROUP_ORDER[b.group] ?? 9) || a.code.localeCompare(b.code))
      .map((l) => ({ code: l.code, group: l.group as C.LanguageGroup, nameVi: l.nameVi, nameEn: l.nameEn })),
    channel: p.channel as C.Channel, digital: C.isDigitalChannel(p.channel),
    audiences: (audsBy.get(p.id) ?? []).map((a) => a.audience),
    topics: (topicsBy.get(p.id) ?? []).map(({ productId: _p, ...t }) => t),
    date: p.date, rights: p.rights, licence: p.licence, url: p.url,
    relations: (relBy.get(p.id) ?? []).map(({ productId: _p, ...r }) => r),
    book: p.kind === 'book' ? {
      isbn: p.isbn, isbnHyphenated: displayIsbn(p.isbn), publisher: p.publisher, year: p.bookYear, pages: p.pages,
      edition: (p.edition ?? 'first') as 'first' | 'republication', editionOfId: p.editionOfId, titleRootId: p.titleRootId,
    } : null,
    status: p.status as C.ProductStatus, publishedAt: iso(p.publishedAt), withdrawnAt: iso(p.withdrawnAt),
    withdrawalReason: p.status === 'withdrawn' ? (reasons.get(p.id) ?? null) : null,
    files: (filesBy.get(p.id) ?? []).map((f) => ({
      id: f.id, sha256: f.sha256, size: f.size, mediaType: f.mediaType, filename: f.filename, caption: f.caption,
      hasThumbnail: f.thumbnailSha256 != null, createdAt: new Date(f.createdAt).toISOString(),
    })),
    isDemo: p.isDemo, updatedAt: iso(p.updatedAt)!,
  }]));
  return wanted.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
}

/** What another module needs of products it refers to (exhibition items): kind, status, main title and its
 *  language, organisation, rights, and the first image file (its store hash for image sizes). Unknown ids are absent. */
export type ProductSummary = {
  id: number; kind: string; status: C.ProductStatus; title: string; organisationName: string; rights: string | null; date: string;
  titles: { language: string; title: string }[];
  image: { fileId: number; sha256: string; mediaType: string; hasThumbnail: boolean; thumbnailSha256: string | null } | null;
};
export async function productSummaries(db: Db, ids: number[]): Promise<Map<number, ProductSummary>> {
  const wanted = [...new Set(ids.filter((id) => Number.isInteger(id) && id > 0 && id <= 2_147_483_647))];
  const out = new Map<number, ProductSummary>();
  if (!wanted.length) return out;
  const [base, texts, files] = await Promise.all([
    db.select({ id: libraryProducts.id, kind: libraryProducts.kind, status: libraryProducts.status, rights: libraryProducts.rights, date: libraryProducts.date, org: organisations.nameVi })
      .from(libraryProducts).innerJoin(organisations, eq(organisations.id, libraryProducts.organisationId)).where(inArray(libraryProducts.id, wanted)),
    db.select({ id: libraryProductTexts.productId, language: libraryProductTexts.language, title: libraryProductTexts.title }).from(libraryProductTexts)
      .where(inArray(libraryProductTexts.productId, wanted)).orderBy(asc(libraryProductTexts.productId), asc(libraryProductTexts.position)),
    db.select().from(libraryFiles).where(sql`${inArray(libraryFiles.productId, wanted)} and ${libraryFiles.mediaType} like 'image/%'`).orderBy(asc(libraryFiles.id)),
  ]);
  for (const p of base) {
    const titles = texts.filter((t) => t.id === p.id).map((t) => ({ language: t.language, title: t.title }));
    const f = files.find((x) => x.productId === p.id);
    out.set(p.id, {
      id: p.id, kind: p.kind, status: p.status as C.ProductStatus, title: titles[0]?.title ?? `#${p.id}`, titles, organisationName: p.org, rights: p.rights, date: p.date,
      image: f ? { fileId: f.id, sha256: f.sha256, mediaType: f.mediaType, hasThumbnail: f.thumbnailSha256 !== null, thumbnailSha256: f.thumbnailSha256 } : null,
    });
  }
  return out;
}

/** The reason of each withdrawal, from its audit entry (the withdraw action records it with the product). */
async function withdrawalReasons(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const r = await rows<{ id: string; reason: string | null }>(db, sql`
    select distinct on (entity_id) entity_id as id, after->>'withdrawalReason' as reason from audit_log
    where entity = ${AUDIT_ENTITY} and action = 'withdraw' and entity_id in ${ids.map(String)} order by entity_id, id desc`);
  return new Map(r.filter((x) => x.reason).map((x) => [Number(x.id), x.reason!]));
}

export async function getProduct(db: Db, id: number): Promise<C.Product> {
  const [p] = await loadProducts(db, [id]);
  if (!p) throw notFound(`Product ${id}`);
  return p;
}

/** The public view: no internal flags; relations only to products the public may know of; a withdrawn product is a
 *  tombstone (titles, dates, metadata and the reason, no descriptions, files or link). */
export function toPublicProduct(p: C.Product): C.PublicProduct {
  const { isDemo: _d, ...rest } = p;
  const relations = rest.relations.filter((r) => r.status !== 'draft');
  if (p.status !== 'withdrawn') return { ...rest, relations };
  return { ...rest, relations, texts: rest.texts.map((t) => ({ ...t, description: null })), url: null, files: [] };
}

/** A published product, or a withdrawn one as a tombstone; drafts and unknown ids are not found. */
export async function getPublicProduct(db: Db, id: number): Promise<C.PublicProduct> {
  const [p] = await loadProducts(db, [id]);
  if (!p || p.status === 'draft') throw notFound(`Product ${id}`);
  return toPublicProduct(p);
}

/** A simple list: every ProductListQuery filter, the words of `q` matched (diacritics ignored) anywhere in the folded
 *  search text, newest first, with the number of matches. `publicOnly` keeps published products only.
 *  (library.search.ts's searchProducts ranks and counts facets; listProducts will delegate to it.) */
export async function listProductsBasic(db: Db, query: C.ProductListQuery, opts: { publicOnly: boolean }): Promise<{ items: C.Product[]; total: number }> {
  const q = parseInput(C.ProductListQuery, query ?? {});
  const where: SQL[] = [];
  if (opts.publicOnly) where.push(sql`p.status = 'published'`);
  else if (q.status) where.push(sql`p.status = ${q.status}`);
  if (q.kind) where.push(sql`p.kind = ${q.kind}`);
  if (q.channel) where.push(sql`p.channel = ${q.channel}`);
  if (q.organisationId) where.push(sql`p.organisation_id = ${q.organisationId}`);
  if (q.year) where.push(sql`p.date >= ${`${q.year}-01-01`}::date and p.date < ${`${q.year + 1}-01-01`}::date`);
  if (q.language) where.push(sql`exists (select 1 from library_product_languages pl where pl.product_id = p.id and pl.language = ${q.language})`);
  if (q.languageGroup) where.push(sql`exists (select 1 from library_product_languages pl join languages lg on lg.code = pl.language where pl.product_id = p.id and lg."group" = ${q.languageGroup})`);
  if (q.audience) where.push(sql`exists (select 1 from library_product_audiences pa where pa.product_id = p.id and pa.audience = ${q.audience})`);
  if (q.topic) where.push(sql`exists (select 1 from library_product_topics pt join press_topics t on t.id = pt.topic_id where pt.product_id = p.id and t.code = ${q.topic})`);
  for (const word of fold(q.q ?? '').split(' ').filter(Boolean).slice(0, 10)) {
    where.push(sql`p.search_text ilike ${containsPattern(word)}`);
  }
  const cond = where.length ? sql.join(where.map((w) => sql`(${w})`), sql` and `) : sql`true`;
  const [page, count] = await Promise.all([
    rows<{ id: number }>(db, sql`select p.id from library_products p where ${cond} order by p.date desc, p.id desc limit ${q.limit} offset ${q.offset}`),
    rows<{ n: number }>(db, sql`select count(*)::int as n from library_products p where ${cond}`),
  ]);
  return { items: await loadProducts(db, page.map((r) => Number(r.id))), total: Number(count[0]?.n ?? 0) };
}

/** The product list behind the API (workspace and portal): library.search.ts's searchProducts (words, phrases,
 *  accent-exact and title matches first, filters, facets), then the products of the page. `estimated`: more
 *  matches than the search reads (the total and the facets are estimates). `fresh`: not from the search's cache. */
export async function listProducts(db: Db, query: C.ProductListQuery, opts: { publicOnly: boolean; fresh?: boolean }): Promise<{ items: C.Product[]; total: number; estimated?: boolean; facets?: Facets }> {
  const q = parseInput(C.ProductListQuery, query ?? {});
  const r = await searchProducts(db, q, opts);
  return { items: await loadProducts(db, r.ids), total: r.total, ...(r.estimated ? { estimated: true } : {}), facets: r.facets };
}

export async function listPublicProducts(db: Db, query: C.PublicProductListQuery, opts: { fresh?: boolean } = {}): Promise<C.PublicProductList> {
  const r = await listProducts(db, { ...query, status: undefined }, { publicOnly: true, ...opts });
  return { ...r, items: r.items.map(toPublicProduct) };
}

/** Published products, for the portal's sitemap (read block by block). */
export const librarySitemap = sitemapSource(libraryProducts, { id: libraryProducts.id, updatedAt: libraryProducts.updatedAt }, () => eq(libraryProducts.status, 'published'));

// ---------------------------------------------------------------- validation

function assertMayWrite(actor: Actor) {
  if (!['admin', 'editor', 'system'].includes(actor.role)) throw forbidden(`Your role (${actor.role}) is read-only`);
}

function fail(details: Detail[]): never {
  const onlyDuplicates = details.every((d) => d.field === 'book.isbn' && d.message.includes('already used'));
  throw new AppError(onlyDuplicates ? 'conflict' : 'validation_failed', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
}

async function assertOrganisation(db: Db, id: number) {
  const [o] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id));
  if (!o) fail([{ field: 'organisationId', message: `no organisation ${id}` }]);
}

const isRealDate = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
};

/** Everything the write needs besides the input, once the input is known to be sound. */
type Resolved = { isbn: string | null; editionOf: { id: number; root: number } | null; relations: { kind: C.RelationKind; targetId: number }[] };
export type ResolvedProduct = Resolved;

/** What validation asks the database. The service asks it each time (productLookups); a bulk import (library.excel.ts)
 *  answers the same questions from what it loaded once plus the rows of its file, and runs the same validateProduct. */
export interface ProductLookups {
  /** Which of these language codes are on the language list. */
  knownLanguages(codes: string[]): Promise<Set<string>>;
  /** Which of these topic ids exist. */
  knownTopics(ids: number[]): Promise<Set<number>>;
  /** A non-withdrawn product other than `selfId` holding this ISBN-13 (the service also serialises writers of it). */
  isbnHolder(isbn13: string, selfId: number | null): Promise<{ id: number; title: string | null } | undefined>;
  /** A product's kind and title root. */
  product(id: number): Promise<{ id: number; kind: string; root: number | null } | undefined>;
  /** Which of these product ids exist. */
  existingProducts(ids: number[]): Promise<Set<number>>;
  /** The ids from `id` up its chain of earlier editions (edition_of_id), `id` first. */
  editionChain(id: number): Promise<number[]>;
  /** Does walking `kind` relations from `start` reach `self`? */
  reaches(kind: string, start: number, self: number): Promise<boolean>;
  /** How many products name `id` as their earlier edition. */
  laterEditions(id: number): Promise<number>;
}

/** The lookups of validateProduct, answered by the database (`db` may be a transaction). */
export function productLookups(db: Db): ProductLookups {
  return {
    knownLanguages: async (codes) => new Set(codes.length ? (await db.select({ code: languages.code }).from(languages).where(inArray(languages.code, codes))).map((l) => l.code) : []),
    knownTopics: async (ids) => new Set(ids.length ? (await db.select({ id: pressTopics.id }).from(pressTopics).where(inArray(pressTopics.id, ids))).map((t) => t.id) : []),
    isbnHolder: async (isbn, selfId) => {
      // Serialise writers of one ISBN so that two requests cannot both take it.
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'library_isbn:' + isbn}))`);
      const [other] = await rows<{ id: number; title: string | null }>(db, sql`
        select p.id, t.title from library_products p left join library_product_texts t on t.product_id = p.id and t.position = 0
        where p.isbn = ${isbn} and p.status <> 'withdrawn' ${selfId ? sql`and p.id <> ${selfId}` : sql``} order by p.id limit 1`);
      return other;
    },
    product: async (id) => {
      const [t] = await db.select({ id: libraryProducts.id, kind: libraryProducts.kind, root: libraryProducts.titleRootId }).from(libraryProducts).where(eq(libraryProducts.id, id));
      return t;
    },
    existingProducts: async (ids) => new Set(ids.length ? (await db.select({ id: libraryProducts.id }).from(libraryProducts).where(inArray(libraryProducts.id, ids))).map((r) => r.id) : []),
    editionChain: (id) => editionChainOf(db, id),
    reaches: (kind, start, self) => reaches(db, kind, start, self),
    laterEditions: async (id) => {
      const [later] = await rows<{ n: number }>(db, sql`select count(*)::int as n from library_products where edition_of_id = ${id}`);
      return Number(later?.n ?? 0);
    },
  };
}

/** Walks edges of one relation kind from `start`: does it reach `self`? (An existing cycle elsewhere stops the walk.) */
async function reaches(db: Db, kind: string, start: number, self: number): Promise<boolean> {
  const r = await rows<{ found: boolean }>(db, sql`
    with recursive walk(id, depth) as (
      select ${start}::int, 0
      union select r.to_id, w.depth + 1 from library_relations r join walk w on r.from_id = w.id where r.kind = ${kind} and w.depth < 1000
    ) select exists(select 1 from walk where id = ${self}) as found`);
  return Boolean(r[0]?.found);
}

/** Validates what the schema cannot: languages and topics known, relations sound (target exists, not itself, no
 *  cycle of edition_of or part_of), book fields (ISBN check digit, unique among non-withdrawn products; a
 *  re-publication names an earlier book). Collects every problem, then throws once. `selfId` is null on create. */
async function validate(db: Db, input: C.ProductInput, selfId: number | null): Promise<Resolved> {
  return validateProduct(input, selfId, productLookups(db));
}

/** validate() over any lookups: every rule of a product write beyond the contract. Throws validation_failed (or
 *  conflict for a taken ISBN) with every problem, each named by its field (`book.isbn`, `texts.1.language` …). */
export async function validateProduct(input: C.ProductInput, selfId: number | null, look: ProductLookups): Promise<Resolved> {
  const details: Detail[] = [];
  // Dates and link
  if (!isRealDate(input.date)) details.push({ field: 'date', message: `${input.date} is not a calendar date` });
  if (input.url && !/^https?:\/\//i.test(input.url)) details.push({ field: 'url', message: 'must be an http:// or https:// address' });
  // Languages
  const codes = [...new Set([...input.languages, ...input.texts.map((t) => t.language)])];
  const known = await look.knownLanguages(codes);
  input.languages.forEach((c, i) => { if (!known.has(c)) details.push({ field: `languages.${i}`, message: `unknown language code ${c} (ISO 639-3, from the language list)` }); });
  const seenText = new Map<string, number>();
  input.texts.forEach((t, i) => {
    if (!known.has(t.language)) details.push({ field: `texts.${i}.language`, message: `unknown language code ${t.language} (ISO 639-3, from the language list)` });
    else if (seenText.has(t.language)) details.push({ field: `texts.${i}.language`, message: `a second title in ${t.language} (text ${seenText.get(t.language)} is already in it); one text per language` });
    else seenText.set(t.language, i);
  });
  // Topics
  const topicIds = [...new Set(input.topicIds)];
  if (topicIds.length) {
    const found = await look.knownTopics(topicIds);
    input.topicIds.forEach((t, i) => { if (!found.has(t)) details.push({ field: `topicIds.${i}`, message: `unknown topic ${t}` }); });
  }
  // Book fields
  let isbn: string | null = null;
  let editionOf: Resolved['editionOf'] = null;
  const book = input.book ?? null;
  if (input.kind === 'book' && !book) details.push({ field: 'book', message: 'a book needs its book fields (edition; ISBN, publisher … when known)' });
  if (input.kind !== 'book' && book) details.push({ field: 'book', message: `only books have book fields; this product is a ${input.kind}` });
  if (input.kind === 'book' && book) {
    if (book.isbn) {
      const c = checkIsbn(book.isbn);
      if (!c.valid) details.push({ field: 'book.isbn', message: c.message });
      else {
        isbn = c.isbn13;
        const other = await look.isbnHolder(isbn, selfId);
        if (other) details.push({ field: 'book.isbn', message: `ISBN ${c.hyphenated} is already used by product #${other.id} «${other.title ?? ''}»` });
      }
    }
    if (book.edition === 'republication') {
      const target = book.editionOfId ?? null;
      if (!target) details.push({ field: 'book.editionOfId', message: 'a re-publication names the earlier edition it re-publishes' });
      else if (target === selfId) details.push({ field: 'book.editionOfId', message: 'a book cannot be a re-publication of itself' });
      else {
        const t = await look.product(target);
        if (!t) details.push({ field: 'book.editionOfId', message: `no product ${target}` });
        else if (t.kind !== 'book') details.push({ field: 'book.editionOfId', message: `product ${target} is a ${t.kind}, not a book` });
        else if (selfId && (await look.editionChain(target)).includes(selfId)) details.push({ field: 'book.editionOfId', message: `product ${target} is itself a later edition of this book (a cycle)` });
        else editionOf = { id: t.id, root: t.root ?? t.id };
      }
    } else if (book.editionOfId) {
      details.push({ field: 'book.editionOfId', message: 'only a re-publication names an earlier edition (edition: republication)' });
    }
  }
  if (selfId && input.kind !== 'book') {
    const later = await look.laterEditions(selfId);
    if (later > 0) details.push({ field: 'kind', message: `${later} re-publication(s) name this book as their earlier edition; it stays a book` });
  }
  // Relations
  const relations: Resolved['relations'] = [];
  const targets = [...new Set(input.relations.map((r) => r.targetId))];
  const existing = await look.existingProducts(targets);
  for (const [i, r] of input.relations.entries()) {
    const field = `relations.${i}.targetId`;
    if (r.targetId === selfId) details.push({ field, message: 'a product cannot be related to itself' });
    else if (!existing.has(r.targetId)) details.push({ field, message: `no product ${r.targetId}` });
    else if (selfId && r.kind !== 'translation_of' && (await look.reaches(r.kind, r.targetId, selfId))) {
      details.push({ field, message: `product ${r.targetId} is already, through ${r.kind}, below this product (a cycle)` });
    } else if (!relations.some((x) => x.kind === r.kind && x.targetId === r.targetId)) relations.push({ kind: r.kind, targetId: r.targetId });
  }
  // A re-publication is an edition of the book it re-publishes.
  if (editionOf && !relations.some((x) => x.kind === 'edition_of' && x.targetId === editionOf!.id)) {
    if (selfId && (await look.reaches('edition_of', editionOf.id, selfId))) details.push({ field: 'book.editionOfId', message: `product ${editionOf.id} is already an edition of this book (a cycle)` });
    else relations.push({ kind: 'edition_of', targetId: editionOf.id });
  }
  if (details.length) fail(details);
  return { isbn, editionOf, relations };
}

/** The ids from `id` up its chain of earlier editions (edition_of_id), `id` first. */
async function editionChainOf(db: Db, id: number): Promise<number[]> {
  const r = await rows<{ id: number }>(db, sql`
    with recursive up(id, prev, depth) as (
      select id, edition_of_id, 0 from library_products where id = ${id}
      union select p.id, p.edition_of_id, up.depth + 1 from library_products p join up on p.id = up.prev where up.depth < 1000
    ) select id from up order by depth`);
  return r.map((x) => Number(x.id));
}

// ---------------------------------------------------------------- writes

/** The product row's columns of a validated input (bulk writers use the same: library.excel.ts). */
export function columns(input: C.ProductInput, v: Resolved) {
  const book = input.kind === 'book' ? input.book ?? null : null;
  const text = (s: string | null | undefined) => (s ? nfc(s) : null);
  return {
    kind: input.kind, organisationId: input.organisationId, channel: input.channel, date: input.date,
    rights: text(input.rights), licence: text(input.licence), url: input.url ? input.url.trim() : null,
    isbn: v.isbn, publisher: text(book?.publisher), bookYear: book?.year ?? null, pages: book?.pages ?? null,
    edition: book ? book.edition : null, editionOfId: v.editionOf?.id ?? null,
  };
}

/** Replaces the product's texts, languages, audiences, topics and outgoing relations. */
async function writeChildren(db: Db, id: number, input: C.ProductInput, v: Resolved) {
  await db.delete(libraryProductTexts).where(eq(libraryProductTexts.productId, id));
  await db.delete(libraryProductLanguages).where(eq(libraryProductLanguages.productId, id));
  await db.delete(libraryProductAudiences).where(eq(libraryProductAudiences.productId, id));
  await db.delete(libraryProductTopics).where(eq(libraryProductTopics.productId, id));
  await db.delete(libraryRelations).where(eq(libraryRelations.fromId, id));
  const c = productChildRows(id, input, v);
  await db.insert(libraryProductTexts).values(c.texts);
  await db.insert(libraryProductLanguages).values(c.languages);
  if (c.audiences.length) await db.insert(libraryProductAudiences).values(c.audiences);
  if (c.topics.length) await db.insert(libraryProductTopics).values(c.topics);
  if (c.relations.length) await db.insert(libraryRelations).values(c.relations);
}

/** The rows of a product's texts, languages, audiences, topics and outgoing relations (bulk writers use the same). */
export function productChildRows(id: number, input: C.ProductInput, v: Resolved) {
  return {
    texts: input.texts.map((t, position) => ({ productId: id, position, language: t.language, title: nfc(t.title), description: t.description ? nfc(t.description) : null })),
    languages: [...new Set(input.languages)].map((language) => ({ productId: id, language })),
    audiences: [...new Set(input.audiences)].map((audience) => ({ productId: id, audience })),
    topics: [...new Set(input.topicIds)].map((topicId) => ({ productId: id, topicId })),
    relations: v.relations.map((r) => ({ fromId: id, toId: r.targetId, kind: r.kind })),
  };
}

/** Sets the title root of a book and of every later edition that re-publishes it (directly or further down). */
async function setTitleRoots(db: Db, id: number, root: number | null) {
  await db.execute(sql`
    with recursive later(id, depth) as (
      select ${id}::int, 0
      union select p.id, l.depth + 1 from library_products p join later l on p.edition_of_id = l.id where l.depth < 1000
    ) update library_products set title_root_id = ${root} where id in (select id from later)`);
}

const isUniqueIsbnViolation = (e: unknown): boolean => {
  for (let x = e as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined, i = 0; x && i < 4; x = x.cause as typeof x, i++) {
    if (x.code === '23505' && (x.constraint === 'library_products_isbn_uq' || String(x.message).includes('library_products_isbn_uq'))) return true;
  }
  return false;
};

/** Runs a write; a race lost on the ISBN's unique index becomes the same answer as the check gives. */
async function guarded<T>(f: () => Promise<T>): Promise<T> {
  try { return await f(); } catch (e) {
    if (isUniqueIsbnViolation(e)) fail([{ field: 'book.isbn', message: 'this ISBN is already used by another product' }]);
    throw e;
  }
}

export async function createProduct(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.Product> {
  assertMayWrite(actor);
  const input = parseInput(C.ProductInput, raw);
  return guarded(() => db.transaction(async (tx) => {
    await assertOrganisation(tx, input.organisationId);
    await assertCanWriteUnder(tx, actor, input.organisationId, 'the product\'s organisation');
    const v = await validate(tx, input, null);
    const [row] = await tx.insert(libraryProducts).values({ ...columns(input, v), status: 'draft', createdBy: actor.userId, isDemo: opts.isDemo ?? false })
      .returning({ id: libraryProducts.id });
    const id = row!.id;
    if (input.kind === 'book') await tx.update(libraryProducts).set({ titleRootId: v.editionOf?.root ?? id }).where(eq(libraryProducts.id, id));
    await writeChildren(tx, id, input, v);
    await refreshProductSearch(tx, id);
    const after = await getProduct(tx, id);
    await recordAudit(tx, actor, 'create', AUDIT_ENTITY, id, null, after);
    return after;
  }));
}

/** Locks the product row for the rest of the transaction and returns it as the API shows it. */
const lockProduct = (db: Db, id: number): Promise<C.Product> => lockRow(db, 'library_products', id, 'Product', getProduct);

/** Edits a draft or published product (everything but its status); a withdrawn product is not edited. */
export async function updateProduct(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Product> {
  assertMayWrite(actor);
  return guarded(() => db.transaction(async (tx) => {
    const before = await lockProduct(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisationId, 'the product\'s organisation');
    if (before.status === 'withdrawn') throw new AppError('conflict', 'A withdrawn product cannot be edited', [{ field: 'status', message: 'withdrawn products are not editable' }]);
    const input = parseInput(C.ProductInput, raw);
    if (input.organisationId !== before.organisationId) {
      await assertOrganisation(tx, input.organisationId);
      await assertCanWriteUnder(tx, actor, input.organisationId, 'the new organisation');
    }
    const v = await validate(tx, input, id);
    await tx.update(libraryProducts).set({ ...columns(input, v), updatedAt: new Date() }).where(eq(libraryProducts.id, id));
    await setTitleRoots(tx, id, input.kind === 'book' ? (v.editionOf?.root ?? id) : null);
    await writeChildren(tx, id, input, v);
    await refreshProductSearch(tx, id);
    const after = await getProduct(tx, id);
    await recordAudit(tx, actor, 'update', AUDIT_ENTITY, id, before, after);
    return after;
  }));
}

/** Moves a product from one of `from` to `to`; editors of its organisation's subtree or admins. */
async function transition(db: Db, actor: Actor, id: number, action: 'publish' | 'withdraw', from: C.ProductStatus, to: C.ProductStatus, patch: Partial<typeof libraryProducts.$inferInsert>, extra: Record<string, unknown> = {}): Promise<C.Product> {
  assertMayWrite(actor);
  return db.transaction(async (tx) => {
    const before = await lockProduct(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisationId, 'the product\'s organisation');
    if (before.status !== from) {
      throw new AppError('conflict', `A ${before.status} product cannot be ${action === 'publish' ? 'published' : 'withdrawn'}`, [{ field: 'status', message: `${before.status} → ${to} is not allowed; only ${from} → ${to}` }]);
    }
    await tx.update(libraryProducts).set({ ...patch, status: to, updatedAt: new Date() }).where(eq(libraryProducts.id, id));
    await refreshProductSearch(tx, id);
    const after = { ...(await getProduct(tx, id)), ...extra };
    await recordAudit(tx, actor, action, AUDIT_ENTITY, id, before, after);
    return after;
  });
}

/** Publishes a draft, dated now (seeding passes the product's own time as `now`). */
export async function publishProduct(db: Db, actor: Actor, id: number, now = new Date()): Promise<C.Product> {
  return transition(db, actor, id, 'publish', 'draft', 'published', { publishedAt: now });
}

/** Withdraws a published product with a reason; it stays as a tombstone (and its ISBN is free again). */
export async function withdrawProduct(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()): Promise<C.Product> {
  assertMayWrite(actor);
  const input = parseInput(C.WithdrawProductInput, raw);
  const reason = nfc(input.reason);
  return transition(db, actor, id, 'withdraw', 'published', 'withdrawn', { withdrawnAt: now }, { withdrawalReason: reason });
}

