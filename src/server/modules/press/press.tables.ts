// Tables of the press module (target T1): spokespersons with their history, the managed list of
// human-rights topics, press items with their lifecycle and translations, and the reporting settings.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations } from '../directory/directory.tables.js';

/** A designated spokesperson; never deleted: an appointment ends by setting valid_to, so history is kept. */
export const pressSpokespersons = pgTable(
  'press_spokespersons',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    fullName: text('full_name').notNull(),
    position: text('position'),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date', { mode: 'string' }),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    email: text('email'),
    emailPublic: boolean('email_public').notNull().default(false),
    phone: text('phone'),
    phonePublic: boolean('phone_public').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('press_spokespersons_org_idx').on(t.organisationId, t.validFrom)],
);

export const pressTopics = pgTable(
  'press_topics',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('press_topics_code_uq').on(t.code)],
);

export const pressItems = pgTable(
  'press_items',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    bodyHtml: text('body_html').notNull().default(''), // always sanitised on the server before it is stored
    summary: text('summary'),
    language: text('language').notNull(), // ISO 639-3
    translationGroupId: text('translation_group_id').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }),
    /** The decision's audience groups (1–6, programme.md) the item is meant for. */
    audiences: integer('audiences')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    status: text('status').notNull().default('draft'),
    withdrawalReason: text('withdrawal_reason'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    // Each correction: when, by whom, the note, and (since corrections may change the text) which fields it changed
    // and their previous values, so no version is lost. Older entries have neither `changed` nor `previous`.
    corrections: jsonb('corrections')
      .$type<
        {
          at: string;
          by: string;
          note: string;
          changed?: ('title' | 'summary' | 'body')[];
          previous?: { title?: string; summary?: string | null; bodyHtml?: string };
        }[]
      >()
      .notNull()
      .default([]),
    searchText: text('search_text').notNull().default(''), // folded title, summary and body text
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('press_items_org_published_idx').on(t.organisationId, t.publishedAt),
    index('press_items_status_published_idx').on(t.status, t.publishedAt),
    index('press_items_translation_idx').on(t.translationGroupId),
    index('press_items_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    // The newsroom list and feeds (listed items, newest first): walks 20 or 50 entries instead of sorting every listed item.
    index('press_items_listed_idx')
      .on(t.publishedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} in ('published', 'corrected')`),
  ],
);

export const pressItemTopics = pgTable(
  'press_item_topics',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => pressItems.id),
    topicId: integer('topic_id')
      .notNull()
      .references(() => pressTopics.id),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.topicId] }), index('press_item_topics_topic_idx').on(t.topicId)],
);

/** One row (id = 1): how periods are cut and who is expected to report. */
export const pressReportingSettings = pgTable('press_reporting_settings', {
  id: integer('id').primaryKey(),
  periodKind: text('period_kind').notNull().default('quarterly'),
  graceDays: integer('grace_days').notNull().default(15),
  includeOrgIds: integer('include_org_ids')
    .array()
    .notNull()
    .default(sql`'{}'::integer[]`),
  excludeOrgIds: integer('exclude_org_ids')
    .array()
    .notNull()
    .default(sql`'{}'::integer[]`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Files attached to a press item. The bytes live in the content-addressed store (kernel/storage.ts) under their
 *  SHA-256; the user's filename is metadata only. Published items keep their attachments. */
export const pressAttachments = pgTable(
  'press_attachments',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => pressItems.id),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(), // sniffed from the bytes, never the declared type
    filename: text('filename').notNull(), // sanitised original name, for Content-Disposition only
    caption: text('caption'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('press_attachments_item_idx').on(t.itemId), index('press_attachments_sha_idx').on(t.sha256)],
);
