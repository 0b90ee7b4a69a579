// Tables of the fact-checking module (targets T5b, T5c). It judges claims, never people: no table here stores or
// derives the identity of an item's author (no handle, name, profile link or follower column — a test checks every
// column of every fc_ table against a forbidden list). Staff ids (created_by, drafted_by …) are RightsHub users.
//
//   fc_ratings        the public rating scale (vi/en labels, ClaimReview alternateName, counts as false for T5b)
//   fc_claims         a claim (text, language, topics) and its fact-check: state, rating, rationale, who drafted and
//                     approved it, publication, withdrawal; `version` counts corrections
//   fc_evidence       sources relied on: url, title, a stored snapshot of the text relied on, when it was fetched
//   fc_corrections    one row per correction: the rating and rationale before and after, the note shown to readers
//   fc_correction_proposals  a correction waiting for a second person's approval
//   fc_contributions  who wrote the content of each version (none of them approves it)
//   fc_topic_rules    the office's on-topic rules (keyword phrases, vi/en, matched without diacritics)
//   fc_items          monitored items (T5b's denominator): text, url, platform, time, language, topics, on-topic
//                     decision and who/what made it, duplicate group (exact key, MinHash signature)
//   fc_item_bands     LSH band keys of each item's MinHash signature (near-duplicate candidates)
//   fc_links          item ↔ claim: suggested / auto / confirmed / undone, the matcher's score, who decided
//   fc_item_actions   handling of an item linked to a false claim (T5c): action, date, reason
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, real, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TopicWhy } from '../../../shared/contracts/factcheck.js';

export const fcRatings = pgTable('fc_ratings', {
  code: text('code').primaryKey(), // false | partly_false | missing_context | true | unverifiable
  position: integer('position').notNull(),
  labelVi: text('label_vi').notNull(),
  labelEn: text('label_en').notNull(),
  /** schema.org ClaimReview reviewRating.alternateName (English, as fact-checkers publish it). */
  alternateName: text('alternate_name').notNull(),
  /** reviewRating.ratingValue on a 1 (false) … 5 (true) scale; null: not on the scale (unverifiable). */
  ratingValue: integer('rating_value'),
  /** Counts as false or distorted information for T5b/T5c. */
  countsAsFalse: boolean('counts_as_false').notNull(),
});

export const fcClaims = pgTable(
  'fc_claims',
  {
    id: serial('id').primaryKey(),
    text: text('text').notNull(),
    language: text('language').notNull(), // vi | en
    topics: jsonb('topics').$type<string[]>().notNull().default([]),
    /** new → researching → drafted → approved → published → corrected …; withdrawn (factcheck.states.ts). */
    status: text('status').notNull().default('new'),
    ratingCode: text('rating_code').references(() => fcRatings.code),
    rationaleVi: text('rationale_vi'),
    rationaleEn: text('rationale_en'),
    /** The draft's author: who moved it to drafted. Approval must come from someone else. */
    draftedBy: integer('drafted_by'),
    draftedAt: timestamp('drafted_at', { withTimezone: true }),
    approvedBy: integer('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    publishedBy: integer('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** 1 when first published; +1 per correction. */
    version: integer('version').notNull().default(1),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawalReason: text('withdrawal_reason'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fc_claims_status_idx').on(t.status),
    /** Search (factcheck.search.ts): the folded words of the text. */
    index('fc_claims_search_idx').using('gin', sql`to_tsvector('simple'::regconfig, lower(f_unaccent(${t.text})))`),
  ],
);

export const fcEvidence = pgTable(
  'fc_evidence',
  {
    id: serial('id').primaryKey(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => fcClaims.id),
    url: text('url').notNull(),
    title: text('title').notNull(),
    /** The text relied on, as it read when fetched (kept even if the page changes or disappears). */
    snapshot: text('snapshot').notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
    addedBy: integer('added_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('fc_evidence_claim_idx').on(t.claimId)],
);

export const fcCorrections = pgTable(
  'fc_corrections',
  {
    id: serial('id').primaryKey(),
    claimId: integer('claim_id')
      .notNull()
      .references(() => fcClaims.id),
    /** The version this correction created (2 for the first correction). */
    version: integer('version').notNull(),
    previousRatingCode: text('previous_rating_code').notNull(),
    previousRationaleVi: text('previous_rationale_vi'),
    previousRationaleEn: text('previous_rationale_en'),
    ratingCode: text('rating_code').notNull(),
    rationaleVi: text('rationale_vi'),
    rationaleEn: text('rationale_en'),
    /** What was corrected and why, shown to readers. */
    note: text('note').notNull(),
    correctedBy: integer('corrected_by'),
    correctedAt: timestamp('corrected_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fc_corrections_version_idx').on(t.claimId, t.version)],
);

/** Who wrote the content of each version of a fact-check: the draft (version 1: its rating, rationale, claim wording,
 *  topics, evidence, and marking it drafted) and each correction (version n+1: its proposal). The two-person rule:
 *  none of them approves that version. */
export const fcContributions = pgTable(
  'fc_contributions',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => fcClaims.id),
    version: integer('version').notNull(),
    userId: integer('user_id').notNull(),
    /** What they wrote: rating, rationale, text, topics, evidence, drafted, correction. */
    parts: text('parts')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull().defaultNow(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.version, t.userId] })],
);

/** A correction of a published fact-check waiting for a reviewer who did not write it: the new rating and rationale
 *  and the note shown to readers. At most one per claim; applied, it becomes an fc_corrections row. */
export const fcCorrectionProposals = pgTable('fc_correction_proposals', {
  claimId: integer('claim_id')
    .primaryKey()
    .references(() => fcClaims.id),
  /** The version it will create. */
  version: integer('version').notNull(),
  ratingCode: text('rating_code')
    .notNull()
    .references(() => fcRatings.code),
  rationaleVi: text('rationale_vi'),
  rationaleEn: text('rationale_en'),
  note: text('note').notNull(),
  proposedBy: integer('proposed_by'),
  proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const fcTopicRules = pgTable('fc_topic_rules', {
  id: serial('id').primaryKey(),
  /** subject | event | holder | exclude | place | mask (factcheck.topic.ts says what each does). */
  kind: text('kind').notNull(),
  phrase: text('phrase').notNull(),
  /** vi | en (shown to the office) */
  language: text('language').notNull(),
  topic: text('topic'),
  /** Compared with its diacritics in a text typed with them (folding changes its meaning); else diacritic-insensitive. */
  accents: boolean('accents').notNull().default(false),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const fcItems = pgTable(
  'fc_items',
  {
    id: serial('id').primaryKey(),
    text: text('text').notNull().default(''),
    url: text('url'),
    /** facebook | youtube | tiktok | x | web | news | other — the platform, never the account. */
    platform: text('platform').notNull().default('other'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** staff | file | feed | form */
    source: text('source').notNull(),
    language: text('language').notNull(), // detected: vi | en
    words: integer('words').notNull(),
    topics: jsonb('topics').$type<string[]>().notNull().default([]),
    /** yes | no | unsure (unsure waits for a person) */
    onTopic: text('on_topic').notNull(),
    /** rules | person */
    onTopicBy: text('on_topic_by').notNull(),
    /** The rules that matched (ids), or the person (user id) who decided. */
    onTopicRuleIds: jsonb('on_topic_rule_ids').$type<number[]>().notNull().default([]),
    onTopicDecidedBy: integer('on_topic_decided_by'),
    onTopicDecidedAt: timestamp('on_topic_decided_at', { withTimezone: true }),
    /** Why the rules decided (factcheck.topic.ts): the reason and the terms found; null for a person's decision. */
    onTopicWhy: jsonb('on_topic_why').$type<TopicWhy | null>(),
    /** SHA-1 of the normalised words: equal keys are exact duplicates. */
    exactKey: text('exact_key').notNull(),
    /** MinHash signature (factcheck.dedupe.ts), null for an item without words. */
    signature: jsonb('signature').$type<number[] | null>(),
    /** The group's first item (its own id when it starts a group). */
    groupId: integer('group_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: integer('created_by'),
  },
  (t) => [
    index('fc_items_group_idx').on(t.groupId),
    index('fc_items_exact_idx').on(t.exactKey),
    index('fc_items_published_idx').on(t.publishedAt),
    /** Search (factcheck.search.ts): the folded words of the text. */
    index('fc_items_search_idx').using('gin', sql`to_tsvector('simple'::regconfig, lower(f_unaccent(${t.text})))`),
  ],
);

export const fcItemBands = pgTable(
  'fc_item_bands',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => fcItems.id),
    band: text('band').notNull(),
  },
  (t) => [index('fc_item_bands_band_idx').on(t.band)],
);

export const fcLinks = pgTable(
  'fc_links',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => fcItems.id),
    claimId: integer('claim_id')
      .notNull()
      .references(() => fcClaims.id),
    /** suggested | auto | confirmed | undone */
    status: text('status').notNull(),
    /** The matcher's score (null for a link made by hand). */
    score: real('score'),
    /** Who confirmed, made or undid it (null: the matcher). */
    decidedBy: integer('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fc_links_item_claim_idx').on(t.itemId, t.claimId), index('fc_links_claim_idx').on(t.claimId)],
);

/** Handling of an item linked to a claim rated false or partly false (T5c; services to come). */
export const fcItemActions = pgTable(
  'fc_item_actions',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => fcItems.id),
    /** fact_check_published | agency_clarification | correction_requested | platform_report | no_action */
    action: text('action').notNull(),
    actedOn: date('acted_on', { mode: 'string' }).notNull(),
    /** Required for no_action. */
    reason: text('reason'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('fc_item_actions_item_idx').on(t.itemId)],
);

// ---------------------------------------------------------------- feeds, public submissions, complaints (0016)
//   fc_feeds          RSS/Atom feeds the programme office registers, polled by a background job (kernel/safeFetch)
//   fc_feed_entries   which entries of a feed were already taken in (its guid/link, hashed), so a poll adds new ones only
//   fc_submissions    "send us a suspicious claim" (public form): the item it became, and a contact only with consent
//   fc_complaints     complaints about a published fact-check (public form), with the reply deadline and the reply
//   public_contacts   how to answer a member of the public who wrote to the desk (a sender or a complainant — never the
//                     author of a monitored item): kept only with their consent, erased once answered. Outside the fc_
//                     prefix on purpose: the no-author-columns test holds for every fc_ table.

export const publicContacts = pgTable('public_contacts', {
  id: serial('id').primaryKey(),
  email: text('email'),
  consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
  /** Set when the reply was sent (or the matter closed): the address is then blanked. */
  erasedAt: timestamp('erased_at', { withTimezone: true }),
});

export const fcFeeds = pgTable(
  'fc_feeds',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    url: text('url').notNull(),
    /** The platform its items are counted under (news, web …). */
    platform: text('platform').notNull().default('news'),
    active: boolean('active').notNull().default(true),
    everyMinutes: integer('every_minutes').notNull().default(60),
    /** Demo feeds only: the product's own fixture file (data/demo/feeds/NAME) read instead of the network. */
    fixture: text('fixture'),
    nextPollAt: timestamp('next_poll_at', { withTimezone: true }).notNull().defaultNow(),
    lastPolledAt: timestamp('last_polled_at', { withTimezone: true }),
    /** ok | error */
    lastStatus: text('last_status'),
    lastError: text('last_error'),
    lastNew: integer('last_new'),
    /** Entries taken in over the feed's life. */
    totalItems: integer('total_items').notNull().default(0),
    etag: text('etag'),
    lastModified: text('last_modified'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fc_feeds_url_idx').on(t.url), index('fc_feeds_next_idx').on(t.nextPollAt)],
);

export const fcFeedEntries = pgTable(
  'fc_feed_entries',
  {
    feedId: integer('feed_id')
      .notNull()
      .references(() => fcFeeds.id),
    /** SHA-1 of the entry's guid/id, else its link, else its title and text. */
    entryKey: text('entry_key').notNull(),
    itemId: integer('item_id').references(() => fcItems.id),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fc_feed_entries_key_idx').on(t.feedId, t.entryKey)],
);

export const fcSubmissions = pgTable('fc_submissions', {
  id: serial('id').primaryKey(),
  itemId: integer('item_id')
    .notNull()
    .references(() => fcItems.id),
  /** What the sender found suspicious (optional). */
  note: text('note'),
  /** vi | en: the language of the page the form was sent from (for a reply). */
  locale: text('locale').notNull().default('vi'),
  /** A way to answer the sender, only when they gave one and ticked the consent box (public_contacts). */
  contactId: integer('contact_id').references(() => publicContacts.id),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

export const fcComplaints = pgTable(
  'fc_complaints',
  {
    id: serial('id').primaryKey(),
    /** The published fact-check complained about (null: about the desk in general). */
    claimId: integer('claim_id').references(() => fcClaims.id),
    text: text('text').notNull(),
    locale: text('locale').notNull().default('vi'),
    contactId: integer('contact_id').references(() => publicContacts.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** The reply is due by this day (received + the methodology's reply period). */
    replyDue: date('reply_due', { mode: 'string' }).notNull(),
    /** open | answered | rejected (spam or out of scope, with the reason as reply) */
    status: text('status').notNull().default('open'),
    reply: text('reply'),
    repliedBy: integer('replied_by'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    /** A correction made because of it, if any (the version it created). */
    correctionVersion: integer('correction_version'),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('fc_complaints_status_idx').on(t.status, t.replyDue)],
);
