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
import { type Db, rows, iso } from '../../kernel/db.js';
import { notFound } from '../../kernel/errors.js';
import { containsPattern, fold, sortVi } from '../../kernel/text.js';
import { sitemapSource } from '../../kernel/sitemap.js';
import { parseInput } from '../../kernel/validate.js';
import { organisations } from '../directory/directory.tables.js';
import { pressTopics } from '../press/press.tables.js';
import { displayIsbn } from './library.isbn.js';
import { searchProducts, type Facets } from './library.search.js';
import {
  languages,
  libraryFiles,
  libraryProductAudiences,
  libraryProductLanguages,
  libraryProducts,
  libraryProductTexts,
  libraryProductTopics,
} from './library.tables.js';

export const AUDIT_ENTITY = 'library_product';

export type Detail = { field: string; message: string };
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
  const base = await db
    .select({ p: libraryProducts, organisationName: organisations.nameVi })
    .from(libraryProducts)
    .innerJoin(organisations, eq(organisations.id, libraryProducts.organisationId))
    .where(inArray(libraryProducts.id, wanted));
  if (!base.length) return [];
  const found = base.map((r) => r.p.id);
  const [texts, langs, auds, topics, outRel, inRel, files, reasons] = await Promise.all([
    db
      .select()
      .from(libraryProductTexts)
      .where(inArray(libraryProductTexts.productId, found))
      .orderBy(asc(libraryProductTexts.productId), asc(libraryProductTexts.position)),
    db
      .select({
        productId: libraryProductLanguages.productId,
        code: languages.code,
        group: languages.group,
        nameVi: languages.nameVi,
        nameEn: languages.nameEn,
      })
      .from(libraryProductLanguages)
      .innerJoin(languages, eq(languages.code, libraryProductLanguages.language))
      .where(inArray(libraryProductLanguages.productId, found)),
    db
      .select()
      .from(libraryProductAudiences)
      .where(inArray(libraryProductAudiences.productId, found))
      .orderBy(asc(libraryProductAudiences.audience)),
    db
      .select({
        productId: libraryProductTopics.productId,
        id: pressTopics.id,
        code: pressTopics.code,
        nameVi: pressTopics.nameVi,
        nameEn: pressTopics.nameEn,
      })
      .from(libraryProductTopics)
      .innerJoin(pressTopics, eq(pressTopics.id, libraryProductTopics.topicId))
      .where(inArray(libraryProductTopics.productId, found))
      .orderBy(asc(pressTopics.sortOrder), asc(pressTopics.id)),
    rows<{ self: number; other: number; kind: string; title: string | null; status: string }>(
      db,
      sql`
      select r.from_id as self, r.to_id as other, r.kind, t.title, p.status from library_relations r
      join library_products p on p.id = r.to_id left join library_product_texts t on t.product_id = r.to_id and t.position = 0
      where r.from_id in ${found} order by r.from_id, r.kind, r.to_id`,
    ),
    rows<{ self: number; other: number; kind: string; title: string | null; status: string }>(
      db,
      sql`
      select r.to_id as self, r.from_id as other, r.kind, t.title, p.status from library_relations r
      join library_products p on p.id = r.from_id left join library_product_texts t on t.product_id = r.from_id and t.position = 0
      where r.to_id in ${found} order by r.to_id, r.kind, r.from_id`,
    ),
    db.select().from(libraryFiles).where(inArray(libraryFiles.productId, found)).orderBy(asc(libraryFiles.id)),
    withdrawalReasons(
      db,
      base.filter((r) => r.p.status === 'withdrawn').map((r) => r.p.id),
    ),
  ]);
  const group = <T extends { productId: number }>(list: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of list) m.set(x.productId, [...(m.get(x.productId) ?? []), x]);
    return m;
  };
  const textsBy = group(texts),
    langsBy = group(langs),
    audsBy = group(auds),
    topicsBy = group(topics),
    filesBy = group(files);
  const rel = (list: typeof outRel, direction: 'out' | 'in') =>
    list.map((r) => ({
      productId: Number(r.self),
      kind: r.kind as C.RelationKind,
      direction,
      id: Number(r.other),
      title: r.title ?? `#${r.other}`,
      status: r.status as C.ProductStatus,
    }));
  const relBy = group([...rel(outRel, 'out'), ...rel(inRel, 'in')]);
  const byId = new Map(
    base.map(({ p, organisationName }): [number, C.Product] => [
      p.id,
      {
        id: p.id,
        kind: p.kind as C.ProductKind,
        organisationId: p.organisationId,
        organisationName,
        texts: (textsBy.get(p.id) ?? []).map((t) => ({ language: t.language, title: t.title, description: t.description })),
        languages: (langsBy.get(p.id) ?? [])
          .sort((a, b) => (GROUP_ORDER[a.group] ?? 9) - (GROUP_ORDER[b.group] ?? 9) || a.code.localeCompare(b.code))
          .map((l) => ({ code: l.code, group: l.group as C.LanguageGroup, nameVi: l.nameVi, nameEn: l.nameEn })),
        channel: p.channel as C.Channel,
        digital: C.isDigitalChannel(p.channel),
        audiences: (audsBy.get(p.id) ?? []).map((a) => a.audience),
        topics: (topicsBy.get(p.id) ?? []).map(({ productId: _p, ...t }) => t),
        date: p.date,
        rights: p.rights,
        licence: p.licence,
        url: p.url,
        relations: (relBy.get(p.id) ?? []).map(({ productId: _p, ...r }) => r),
        book:
          p.kind === 'book'
            ? {
                isbn: p.isbn,
                isbnHyphenated: displayIsbn(p.isbn),
                publisher: p.publisher,
                year: p.bookYear,
                pages: p.pages,
                edition: (p.edition ?? 'first') as 'first' | 'republication',
                editionOfId: p.editionOfId,
                titleRootId: p.titleRootId,
              }
            : null,
        status: p.status as C.ProductStatus,
        publishedAt: iso(p.publishedAt),
        withdrawnAt: iso(p.withdrawnAt),
        withdrawalReason: p.status === 'withdrawn' ? (reasons.get(p.id) ?? null) : null,
        files: (filesBy.get(p.id) ?? []).map((f) => ({
          id: f.id,
          sha256: f.sha256,
          size: f.size,
          mediaType: f.mediaType,
          filename: f.filename,
          caption: f.caption,
          hasThumbnail: f.thumbnailSha256 != null,
          createdAt: new Date(f.createdAt).toISOString(),
        })),
        isDemo: p.isDemo,
        updatedAt: iso(p.updatedAt)!,
      },
    ]),
  );
  return wanted.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
}

/** What another module needs of products it refers to (exhibition items): kind, status, main title and its
 *  language, organisation, rights, and the first image file (its store hash for image sizes). Unknown ids are absent. */
export type ProductSummary = {
  id: number;
  kind: string;
  status: C.ProductStatus;
  title: string;
  organisationName: string;
  rights: string | null;
  date: string;
  titles: { language: string; title: string }[];
  image: { fileId: number; sha256: string; mediaType: string; hasThumbnail: boolean; thumbnailSha256: string | null } | null;
};
export async function productSummaries(db: Db, ids: number[]): Promise<Map<number, ProductSummary>> {
  const wanted = [...new Set(ids.filter((id) => Number.isInteger(id) && id > 0 && id <= 2_147_483_647))];
  const out = new Map<number, ProductSummary>();
  if (!wanted.length) return out;
  const [base, texts, files] = await Promise.all([
    db
      .select({
        id: libraryProducts.id,
        kind: libraryProducts.kind,
        status: libraryProducts.status,
        rights: libraryProducts.rights,
        date: libraryProducts.date,
        org: organisations.nameVi,
      })
      .from(libraryProducts)
      .innerJoin(organisations, eq(organisations.id, libraryProducts.organisationId))
      .where(inArray(libraryProducts.id, wanted)),
    db
      .select({ id: libraryProductTexts.productId, language: libraryProductTexts.language, title: libraryProductTexts.title })
      .from(libraryProductTexts)
      .where(inArray(libraryProductTexts.productId, wanted))
      .orderBy(asc(libraryProductTexts.productId), asc(libraryProductTexts.position)),
    db
      .select()
      .from(libraryFiles)
      .where(sql`${inArray(libraryFiles.productId, wanted)} and ${libraryFiles.mediaType} like 'image/%'`)
      .orderBy(asc(libraryFiles.id)),
  ]);
  for (const p of base) {
    const titles = texts.filter((t) => t.id === p.id).map((t) => ({ language: t.language, title: t.title }));
    const f = files.find((x) => x.productId === p.id);
    out.set(p.id, {
      id: p.id,
      kind: p.kind,
      status: p.status as C.ProductStatus,
      title: titles[0]?.title ?? `#${p.id}`,
      titles,
      organisationName: p.org,
      rights: p.rights,
      date: p.date,
      image: f
        ? {
            fileId: f.id,
            sha256: f.sha256,
            mediaType: f.mediaType,
            hasThumbnail: f.thumbnailSha256 !== null,
            thumbnailSha256: f.thumbnailSha256,
          }
        : null,
    });
  }
  return out;
}

/** The reason of each withdrawal, from its audit entry (the withdraw action records it with the product). */
async function withdrawalReasons(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const r = await rows<{ id: string; reason: string | null }>(
    db,
    sql`
    select distinct on (entity_id) entity_id as id, after->>'withdrawalReason' as reason from audit_log
    where entity = ${AUDIT_ENTITY} and action = 'withdraw' and entity_id in ${ids.map(String)} order by entity_id, id desc`,
  );
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
export async function listProductsBasic(
  db: Db,
  query: C.ProductListQuery,
  opts: { publicOnly: boolean },
): Promise<{ items: C.Product[]; total: number }> {
  const q = parseInput(C.ProductListQuery, query ?? {});
  const where: SQL[] = [];
  if (opts.publicOnly) where.push(sql`p.status = 'published'`);
  else if (q.status) where.push(sql`p.status = ${q.status}`);
  if (q.kind) where.push(sql`p.kind = ${q.kind}`);
  if (q.channel) where.push(sql`p.channel = ${q.channel}`);
  if (q.organisationId) where.push(sql`p.organisation_id = ${q.organisationId}`);
  if (q.year) where.push(sql`p.date >= ${`${q.year}-01-01`}::date and p.date < ${`${q.year + 1}-01-01`}::date`);
  if (q.language)
    where.push(sql`exists (select 1 from library_product_languages pl where pl.product_id = p.id and pl.language = ${q.language})`);
  if (q.languageGroup)
    where.push(
      sql`exists (select 1 from library_product_languages pl join languages lg on lg.code = pl.language where pl.product_id = p.id and lg."group" = ${q.languageGroup})`,
    );
  if (q.audience)
    where.push(sql`exists (select 1 from library_product_audiences pa where pa.product_id = p.id and pa.audience = ${q.audience})`);
  if (q.topic)
    where.push(
      sql`exists (select 1 from library_product_topics pt join press_topics t on t.id = pt.topic_id where pt.product_id = p.id and t.code = ${q.topic})`,
    );
  for (const word of fold(q.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 10)) {
    where.push(sql`p.search_text ilike ${containsPattern(word)}`);
  }
  const cond = where.length
    ? sql.join(
        where.map((w) => sql`(${w})`),
        sql` and `,
      )
    : sql`true`;
  const [page, count] = await Promise.all([
    rows<{ id: number }>(
      db,
      sql`select p.id from library_products p where ${cond} order by p.date desc, p.id desc limit ${q.limit} offset ${q.offset}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from library_products p where ${cond}`),
  ]);
  return {
    items: await loadProducts(
      db,
      page.map((r) => Number(r.id)),
    ),
    total: Number(count[0]?.n ?? 0),
  };
}

/** The product list behind the API (workspace and portal): library.search.ts's searchProducts (words, phrases,
 *  accent-exact and title matches first, filters, facets), then the products of the page. `estimated`: more
 *  matches than the search reads (the total and the facets are estimates). `fresh`: not from the search's cache. */
export async function listProducts(
  db: Db,
  query: C.ProductListQuery,
  opts: { publicOnly: boolean; fresh?: boolean },
): Promise<{ items: C.Product[]; total: number; estimated?: boolean; facets?: Facets }> {
  const q = parseInput(C.ProductListQuery, query ?? {});
  const r = await searchProducts(db, q, opts);
  return { items: await loadProducts(db, r.ids), total: r.total, ...(r.estimated ? { estimated: true } : {}), facets: r.facets };
}

export async function listPublicProducts(
  db: Db,
  query: C.PublicProductListQuery,
  opts: { fresh?: boolean } = {},
): Promise<C.PublicProductList> {
  const r = await listProducts(db, { ...query, status: undefined }, { publicOnly: true, ...opts });
  return { ...r, items: r.items.map(toPublicProduct) };
}

/** Published products, for the portal's sitemap (read block by block). */
export const librarySitemap = sitemapSource(libraryProducts, { id: libraryProducts.id, updatedAt: libraryProducts.updatedAt }, () =>
  eq(libraryProducts.status, 'published'),
);
