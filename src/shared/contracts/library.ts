// Contracts of the library module (targets T4a, T4b, T5a): communication products and books, their
// multilingual titles, content languages, channel, audiences, topics, relations and files. Shared by the
// server and the workspace.
import { z } from 'zod';

export const PRODUCT_KINDS = [
  'book',
  'periodical_article',
  'news_article',
  'video',
  'audio',
  'infographic',
  'photo',
  'archival_document',
  'exhibition_catalogue',
  'social_media_post',
  'web_page',
  'other',
] as const;
export const ProductKind = z.enum(PRODUCT_KINDS);
export type ProductKind = z.infer<typeof ProductKind>;

export const CHANNELS = [
  'print',
  'television',
  'radio',
  'online_press',
  'social_media',
  'website',
  'mobile_app',
  'outdoor',
  'other',
] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;
/** Channels that are digital platforms (T4b's third part). */
export const DIGITAL_CHANNELS: readonly Channel[] = ['online_press', 'social_media', 'website', 'mobile_app'];
export const isDigitalChannel = (c: string | null | undefined) => DIGITAL_CHANNELS.includes(c as Channel);

/** The six target groups of the decision (programme.md, "Audiences"), by number. */
export const AUDIENCES = [1, 2, 3, 4, 5, 6] as const;
export const Audience = z.number().int().min(1).max(6);
/** An Excel cell of audiences ("1;3", "2, 5"): the numbers, or the text of the first entry that is not one of 1–6. */
export function parseAudienceCell(cell: string | undefined): number[] | { bad: string } {
  const parts = (cell ?? '')
    .split(/[;,]/)
    .map((x) => x.trim())
    .filter(Boolean);
  const wrong = parts.find((x) => !/^[1-6]$/.test(x));
  return wrong === undefined ? audienceSet(parts.map(Number)) : { bad: wrong };
}
/** Audiences as stored: each once, in order. */
export const audienceSet = (list: readonly number[]): number[] => [...new Set(list)].sort((x, y) => x - y);

export const PRODUCT_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export const ProductStatus = z.enum(PRODUCT_STATUSES);
export type ProductStatus = z.infer<typeof ProductStatus>;

export const RELATION_KINDS = ['translation_of', 'edition_of', 'part_of'] as const;
export const RelationKind = z.enum(RELATION_KINDS);
export type RelationKind = z.infer<typeof RelationKind>;

export const LANGUAGE_GROUPS = ['national', 'ethnic', 'foreign'] as const;
export type LanguageGroup = (typeof LANGUAGE_GROUPS)[number];

/** ISO 639-3: three lower-case letters; whether the code is known is checked against the language list. */
export const LanguageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{3}$/, 'an ISO 639-3 code (three letters)');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** A title and description in one language (each value tagged with its language). */
export const ProductText = z.object({
  language: LanguageCode,
  title: z.string().trim().min(1).max(500),
  description: optionalText(10_000),
});
export type ProductText = z.infer<typeof ProductText>;

export const ProductRelationInput = z.object({ kind: RelationKind, targetId: z.number().int().positive() });

export const BookInput = z.object({
  /** ISBN-10 or ISBN-13, with or without hyphens; stored as ISBN-13 digits. */
  isbn: z.string().trim().max(20).nullable().optional(),
  publisher: optionalText(300),
  year: z.number().int().min(1900).max(2100).nullable().optional(),
  pages: z.number().int().min(1).max(100_000).nullable().optional(),
  /** first: first publication; republication: re-publication of an earlier title (editionOfId). */
  edition: z.enum(['first', 'republication']).default('first'),
  editionOfId: z.number().int().positive().nullable().optional(),
});
export type BookInput = z.infer<typeof BookInput>;

export const ProductInput = z.object({
  kind: ProductKind,
  organisationId: z.number().int().positive(),
  texts: z.array(ProductText).min(1).max(20),
  languages: z.array(LanguageCode).min(1).max(20),
  channel: Channel,
  audiences: z.array(Audience).max(6).default([]),
  topicIds: z.array(z.number().int().positive()).max(30).default([]),
  date: isoDate,
  rights: optionalText(1000),
  licence: optionalText(100),
  /** A stable public link to the product online (counts as digitised for T5a). */
  url: z.string().trim().url().max(2000).nullable().optional(),
  relations: z.array(ProductRelationInput).max(50).default([]),
  book: BookInput.nullable().optional(),
});
export type ProductInput = z.infer<typeof ProductInput>;

export const ProductFile = z.object({
  id: z.number().int(),
  sha256: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  filename: z.string(),
  caption: z.string().nullable(),
  hasThumbnail: z.boolean(),
  createdAt: z.string(),
});
export type ProductFile = z.infer<typeof ProductFile>;

export const Product = z.object({
  id: z.number().int(),
  kind: ProductKind,
  organisationId: z.number().int(),
  organisationName: z.string(),
  texts: z.array(z.object({ language: z.string(), title: z.string(), description: z.string().nullable() })),
  languages: z.array(z.object({ code: z.string(), group: z.enum(LANGUAGE_GROUPS), nameVi: z.string(), nameEn: z.string() })),
  channel: Channel,
  digital: z.boolean(),
  audiences: z.array(z.number().int()),
  topics: z.array(z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() })),
  date: z.string(),
  rights: z.string().nullable(),
  licence: z.string().nullable(),
  url: z.string().nullable(),
  relations: z.array(
    z.object({ kind: RelationKind, direction: z.enum(['out', 'in']), id: z.number().int(), title: z.string(), status: ProductStatus }),
  ),
  book: z
    .object({
      isbn: z.string().nullable(),
      isbnHyphenated: z.string().nullable(),
      publisher: z.string().nullable(),
      year: z.number().nullable(),
      pages: z.number().nullable(),
      edition: z.enum(['first', 'republication']),
      editionOfId: z.number().nullable(),
      /** The first publication of this title (itself for a first edition): T4a counts a title once. */
      titleRootId: z.number().nullable(),
    })
    .nullable(),
  status: ProductStatus,
  publishedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  /** Why a withdrawn product was withdrawn (null otherwise). */
  withdrawalReason: z.string().nullable(),
  files: z.array(ProductFile),
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof Product>;

export const ProductListQuery = z.object({
  q: z.string().max(200).optional(),
  kind: ProductKind.optional(),
  language: LanguageCode.optional(),
  languageGroup: z.enum(LANGUAGE_GROUPS).optional(),
  channel: Channel.optional(),
  audience: z.coerce.number().int().min(1).max(6).optional(),
  topic: z.string().max(60).optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  status: ProductStatus.optional(),
  sort: z.enum(['relevance', 'date', 'title']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ProductListQuery = z.input<typeof ProductListQuery>;

// ---------------------------------------------------------------- API shapes of the library core (library.routes.ts)

export const Language = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), group: z.enum(LANGUAGE_GROUPS) });
export type Language = z.infer<typeof Language>;

export const IsbnCheckQuery = z.object({ isbn: z.string().max(40) });
/** The form's ISBN check: valid → the ISBN-13 digits and display form; invalid → why, and for a wrong check digit
 *  the corrected ISBN to suggest. */
export const IsbnCheckResult = z.object({
  valid: z.boolean(),
  isbn13: z.string().nullable(),
  hyphenated: z.string().nullable(),
  suggestion: z.string().optional(),
  message: z.string().optional(),
});
export type IsbnCheckResult = z.infer<typeof IsbnCheckResult>;

export const WithdrawProductInput = z.object({ reason: z.string().trim().min(1).max(1000) });
export type WithdrawProductInput = z.infer<typeof WithdrawProductInput>;

/** A page of products and the number of matches; `facets` when the search provides them. */
/** Facet counts of a list answer (kind, language, channel, audience, topic, organisation, year). */
export interface FacetCount<V> {
  value: V;
  count: number;
}
export interface Facets {
  kind: FacetCount<string>[];
  language: (FacetCount<string> & { nameVi: string; nameEn: string; group: string })[];
  channel: FacetCount<string>[];
  audience: FacetCount<number>[];
  topic: (FacetCount<string> & { nameVi: string; nameEn: string })[];
  organisation: (FacetCount<number> & { nameVi: string; nameEn: string | null })[];
  year: FacetCount<number>[];
  /** More matches than the search reads (CANDIDATES): the counts are estimates, scaled from the newest `sample`
   *  matches to the estimated total and rounded ("about N"). */
  estimated: boolean;
  /** How many matches the estimated counts come from. */
  sample?: number;
}
/** `estimated`: more matches than the search reads; `total` is then an estimate ("about N"), exact otherwise. */
export const ProductList = z.object({
  items: z.array(Product),
  total: z.number().int(),
  estimated: z.boolean().optional(),
  facets: z.custom<Facets>().optional(),
});
export type ProductList = z.infer<typeof ProductList>;

/** What the public sees: no internal flags; relations to published or withdrawn products only; a withdrawn product
 *  is a tombstone (titles, dates and the reason; no descriptions, files or link). */
export const PublicProduct = Product.omit({ isDemo: true });
export type PublicProduct = z.infer<typeof PublicProduct>;
export const PublicProductList = z.object({
  items: z.array(PublicProduct),
  total: z.number().int(),
  estimated: z.boolean().optional(),
  facets: z.custom<Facets>().optional(),
});
export type PublicProductList = z.infer<typeof PublicProductList>;
export const PublicProductListQuery = ProductListQuery.omit({ status: true });
export type PublicProductListQuery = z.input<typeof PublicProductListQuery>;
