// Tables of the library module (targets T4a, T4b, T5a): products (books included) with multilingual titles and
// descriptions, content languages, audiences, topics, relations between products, and files. The language list
// (ISO 639-3, grouped national / ethnic / foreign) is reference data loaded at start.
import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations } from '../directory/directory.tables.js';
import { pressTopics } from '../press/press.tables.js';

/** A text-search vector (read only through SQL: `@@`, `ts_rank`). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** ISO 639-3 languages the programme uses (data/reference/languages.csv). */
export const languages = pgTable('languages', {
  code: text('code').primaryKey(),
  nameVi: text('name_vi').notNull(),
  nameEn: text('name_en').notNull(),
  group: text('group').notNull(), // national | ethnic | foreign
});

export const libraryProducts = pgTable(
  'library_products',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    channel: text('channel').notNull(),
    date: date('date', { mode: 'string' }).notNull(), // produced or published, Viet Nam calendar date
    rights: text('rights'),
    licence: text('licence'),
    url: text('url'),
    // books
    isbn: text('isbn'), // ISBN-13 digits, normalised
    publisher: text('publisher'),
    bookYear: integer('book_year'),
    pages: integer('pages'),
    edition: text('edition'), // first | republication (books only)
    editionOfId: integer('edition_of_id'),
    /** The first publication of this title (itself for a first edition): T4a counts distinct title roots. */
    titleRootId: integer('title_root_id'),
    status: text('status').notNull().default('draft'), // draft | published | withdrawn
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** Folded (no diacritics, lower case) titles, descriptions and extracted file text, for search. */
    searchText: text('search_text').notNull().default(''),
    /** The same text, lower case with diacritics kept: accent-exact matches rank first. */
    searchExact: text('search_exact').notNull().default(''),
    /** Vietnamese sort key of the main title (PGlite has no vi collation); compare it bytewise (collate "C"). */
    sortKey: text('sort_key').notNull().default(''),
    /** Folded titles (every language) only: title matches rank above description and file text matches. */
    searchTitle: text('search_title').notNull().default(''),
    /** Word vectors ('simple' config: no stemming, no stop words) of the three texts above, kept by the database. */
    /** search_tsv also holds the month of `date` as a lexeme no query can type ('_m202611', migration 0019), so the
     *  search reads the newest matches of a word month window by month window from the GIN index. */
    searchTsv: tsvector('search_tsv').generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, search_text) || f_month_lexeme(date)`),
    searchExactTsv: tsvector('search_exact_tsv').generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, search_exact)`),
    searchTitleTsv: tsvector('search_title_tsv').generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, search_title)`),
    /** Adjacent word pairs of search_text, joined (f_word_pairs, migration 0009): narrows phrase searches down to the
     *  products that have every pair of the phrase before their positions are checked. */
    searchPairs: tsvector('search_pairs').generatedAlwaysAs(sql`f_word_pairs(search_text)`),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('library_products_org_idx').on(t.organisationId),
    index('library_products_status_date_idx').on(t.status, t.date),
    index('library_products_updated_idx').on(t.updatedAt, t.id),
    uniqueIndex('library_products_isbn_uq')
      .on(t.isbn)
      .where(sql`${t.isbn} is not null and ${t.status} <> 'withdrawn'`),
    index('library_products_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('library_products_search_tsv_idx').using('gin', t.searchTsv),
    index('library_products_search_exact_tsv_idx').using('gin', t.searchExactTsv),
    index('library_products_search_title_tsv_idx').using('gin', t.searchTitleTsv),
    index('library_products_search_pairs_idx').using('gin', t.searchPairs),
    index('library_products_sort_key_idx').on(sql`${t.sortKey} collate "C"`, t.id),
    index('library_products_date_idx').on(t.date, t.id),
    // OAI-PMH: records (published or withdrawn) by (datestamp, id), all or one set (migration 0019).
    index('library_products_oai_idx')
      .on(t.updatedAt, t.id)
      .where(sql`${t.status} in ('published', 'withdrawn')`),
    index('library_products_oai_kind_idx')
      .on(t.kind, t.updatedAt, t.id)
      .where(sql`${t.status} in ('published', 'withdrawn')`),
    index('library_products_oai_org_idx')
      .on(t.organisationId, t.updatedAt, t.id)
      .where(sql`${t.status} in ('published', 'withdrawn')`),
  ],
);

/** Title and description per language; the first row (position 0) is the main title. */
export const libraryProductTexts = pgTable(
  'library_product_texts',
  {
    productId: integer('product_id')
      .notNull()
      .references(() => libraryProducts.id),
    position: integer('position').notNull(),
    language: text('language').notNull(),
    title: text('title').notNull(),
    description: text('description'),
  },
  (t) => [primaryKey({ columns: [t.productId, t.position] })],
);

/** Languages of the content. */
export const libraryProductLanguages = pgTable(
  'library_product_languages',
  {
    productId: integer('product_id')
      .notNull()
      .references(() => libraryProducts.id),
    language: text('language')
      .notNull()
      .references(() => languages.code),
  },
  (t) => [primaryKey({ columns: [t.productId, t.language] }), index('library_product_languages_lang_idx').on(t.language)],
);

export const libraryProductAudiences = pgTable(
  'library_product_audiences',
  {
    productId: integer('product_id')
      .notNull()
      .references(() => libraryProducts.id),
    audience: integer('audience').notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.audience] })],
);

export const libraryProductTopics = pgTable(
  'library_product_topics',
  {
    productId: integer('product_id')
      .notNull()
      .references(() => libraryProducts.id),
    topicId: integer('topic_id')
      .notNull()
      .references(() => pressTopics.id),
  },
  (t) => [primaryKey({ columns: [t.productId, t.topicId] }), index('library_product_topics_topic_idx').on(t.topicId)],
);

/** A product's languages, audiences and topic ids as arrays (derived: kept from the three link tables above by triggers
 *  of migration 0030, in the writer's transaction): what a search reads of its candidates and filters on. */
export const libraryProductFacets = pgTable('library_product_facets', {
  productId: integer('product_id')
    .primaryKey()
    .references(() => libraryProducts.id, { onDelete: 'cascade' }),
  languages: text('languages')
    .array()
    .notNull()
    .default(sql`'{}'`),
  audiences: integer('audiences')
    .array()
    .notNull()
    .default(sql`'{}'`),
  topicIds: integer('topic_ids')
    .array()
    .notNull()
    .default(sql`'{}'`),
});

/** from —kind→ to: "from is a translation of / a new edition of / part of to". */
export const libraryRelations = pgTable(
  'library_relations',
  {
    fromId: integer('from_id')
      .notNull()
      .references(() => libraryProducts.id),
    toId: integer('to_id')
      .notNull()
      .references(() => libraryProducts.id),
    kind: text('kind').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fromId, t.toId, t.kind] }), index('library_relations_to_idx').on(t.toId)],
);

/** Files of a product; bytes in the content-addressed store (kernel/storage.ts) under their SHA-256. */
export const libraryFiles = pgTable(
  'library_files',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => libraryProducts.id),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(), // sniffed from the bytes
    filename: text('filename').notNull(), // sanitised user filename, metadata only
    caption: text('caption'),
    thumbnailSha256: text('thumbnail_sha256'),
    /** Text extracted from a PDF (for search), if any. */
    extractedText: text('extracted_text'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('library_files_product_idx').on(t.productId), index('library_files_sha_idx').on(t.sha256)],
);
