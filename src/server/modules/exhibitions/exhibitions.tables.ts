// Tables of the exhibitions module (target T3): exhibitions with texts (title, description, narrative) per language,
// organisers, audiences, caption languages, the venue (a unit on the map valid on the start date and its pre-2025 unit,
// or a country and city abroad), the items shown (published library products, captions per language) and photos of
// the event as evidence (bytes in the content-addressed store).
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { adminUnits, countries, organisations } from '../directory/directory.tables.js';
import { libraryProducts } from '../library/library.tables.js';

export const exhibitions = pgTable(
  'exhibitions',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(), // photographs | archival_documents | both
    format: text('format').notNull(), // physical | online | both
    /** The lead organiser (first of exhibition_organisers): authorisation and the organiser breakdown. */
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    visitors: integer('visitors'),
    views: integer('views'),
    location: text('location'), // vietnam | abroad | null (online only)
    venueName: text('venue_name'),
    /** The province on the map valid on the start date (63-unit before 2025-07-01, 34-unit from then). */
    unitId: integer('unit_id').references(() => adminUnits.id),
    /** The pre-2025 (63-unit map) unit the venue lies in: T3 was set on that map. */
    formerUnitId: integer('former_unit_id').references(() => adminUnits.id),
    countryCode: text('country_code').references(() => countries.alpha2),
    city: text('city'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    /** Some title or caption language is a foreign language (kept by the service). */
    hasForeign: boolean('has_foreign').notNull().default(false),
    onlinePublishedAt: timestamp('online_published_at', { withTimezone: true }),
    /** Listed on the portal (title, dates, place, organisers: the venue a point on the public coverage map); an
     *  exhibition whose online version is published is public too. Null: internal record only. */
    publicAt: timestamp('public_at', { withTimezone: true }),
    searchText: text('search_text').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('exhibitions_dates_idx').on(t.startDate, t.endDate),
    index('exhibitions_org_idx').on(t.organisationId),
    index('exhibitions_former_unit_idx').on(t.formerUnitId),
  ],
);

export const exhibitionTexts = pgTable(
  'exhibition_texts',
  {
    exhibitionId: integer('exhibition_id')
      .notNull()
      .references(() => exhibitions.id),
    position: integer('position').notNull(),
    language: text('language').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    narrative: text('narrative'),
  },
  (t) => [primaryKey({ columns: [t.exhibitionId, t.position] })],
);

/** The organisers, the lead first. A co-organiser named by another organisation's editor is `pending` until an editor
 *  of its own organisation's subtree (or the programme office) confirms or declines it: only a `confirmed` organiser
 *  counts (T3 by organiser, the coverage by organiser, the portal). One the writer may confirm for itself (its own
 *  subtree; the office anywhere) and the lead are confirmed when written. */
export const exhibitionOrganisers = pgTable(
  'exhibition_organisers',
  {
    exhibitionId: integer('exhibition_id')
      .notNull()
      .references(() => exhibitions.id),
    position: integer('position').notNull(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** pending | confirmed | declined */
    confirmation: text('confirmation').notNull().default('pending'),
    /** Who named the organisation as organiser, and when. */
    requestedBy: integer('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    /** Who confirmed or declined it, and when (null while pending). */
    decidedBy: integer('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.exhibitionId, t.position] }), index('exhibition_organisers_org_idx').on(t.organisationId)],
);

export const exhibitionAudiences = pgTable(
  'exhibition_audiences',
  {
    exhibitionId: integer('exhibition_id')
      .notNull()
      .references(() => exhibitions.id),
    audience: integer('audience').notNull(),
  },
  (t) => [primaryKey({ columns: [t.exhibitionId, t.audience] })],
);

export const exhibitionCaptionLanguages = pgTable(
  'exhibition_caption_languages',
  {
    exhibitionId: integer('exhibition_id')
      .notNull()
      .references(() => exhibitions.id),
    language: text('language').notNull(),
  },
  (t) => [primaryKey({ columns: [t.exhibitionId, t.language] })],
);

/** The items shown, in order: each a library product, with its caption per language. */
export const exhibitionItems = pgTable(
  'exhibition_items',
  {
    exhibitionId: integer('exhibition_id')
      .notNull()
      .references(() => exhibitions.id),
    position: integer('position').notNull(),
    productId: integer('product_id')
      .notNull()
      .references(() => libraryProducts.id),
    captions: jsonb('captions').$type<{ language: string; text: string }[]>().notNull().default([]),
  },
  (t) => [primaryKey({ columns: [t.exhibitionId, t.position] }), index('exhibition_items_product_idx').on(t.productId)],
);

/** Photos of the event itself (evidence), in the content-addressed store. */
export const exhibitionPhotos = pgTable(
  'exhibition_photos',
  {
    id: serial('id').primaryKey(),
    exhibitionId: integer('exhibition_id')
      .notNull()
      .references(() => exhibitions.id),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(),
    filename: text('filename').notNull(),
    caption: text('caption'),
    thumbnailSha256: text('thumbnail_sha256'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exhibition_photos_exhibition_idx').on(t.exhibitionId)],
);
