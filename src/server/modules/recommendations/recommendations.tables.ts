// Tables of the recommendations module (target T6): recommendations of the UN human-rights mechanisms to Viet Nam
// (UPR, treaty bodies, special procedures) with their original English text (unchanged once imported), versioned
// Vietnamese translations, position, classification, links across cycles and overlaps, clusters, the agencies that
// implement them, their actions, progress reports, status history, and the evidence tags that connect any record of
// any module (press item, library product, training session …) to the recommendations it serves.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations } from '../directory/directory.tables.js';

export const recClusters = pgTable(
  'rec_clusters',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [uniqueIndex('rec_clusters_code_uq').on(t.code)],
);

export const recommendations = pgTable(
  'recommendations',
  {
    id: serial('id').primaryKey(),
    mechanism: text('mechanism').notNull(), // upr | treaty_body | special_procedure
    cycle: text('cycle').notNull(), // UPR-III, UPR-IV, CCPR-2019 …
    sourceDocument: text('source_document').notNull(), // A/HRC/41/7
    paragraph: text('paragraph').notNull(), // 38.63
    recommendingStates: text('recommending_states')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The original English text; null until imported; once set it never changes (a different text is a conflict). */
    textEn: text('text_en'),
    textEnSource: text('text_en_source'),
    position: text('position'), // supported | supported_in_part | noted | null (not yet known)
    positionSource: text('position_source'),
    themes: text('themes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    affectedPersons: text('affected_persons')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sdgTargets: text('sdg_targets')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    actionCategory: integer('action_category'), // UPR Info 1–5
    /** The programme's targets (T1 … T6) the recommendation maps to: its page shows their figures. */
    targets: text('targets')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** On communication and awareness of human rights: in T6's denominator when accepted. */
    communication: boolean('communication').notNull().default(false),
    status: text('status').notNull().default('not_started'), // not_started | in_progress | partly_implemented | implemented
    leadOrganisationId: integer('lead_organisation_id').references(() => organisations.id),
    clusterId: integer('cluster_id').references(() => recClusters.id),
    /** Demo rows: fictional ones are invented for the demo and say so everywhere; real references carry no text. */
    fictional: boolean('fictional').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    searchText: text('search_text').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('recommendations_ref_uq').on(t.mechanism, t.cycle, t.sourceDocument, t.paragraph),
    index('recommendations_cycle_idx').on(t.cycle, t.status),
    index('recommendations_lead_idx').on(t.leadOrganisationId),
    index('recommendations_cluster_idx').on(t.clusterId),
  ],
);

/** Vietnamese translations: every version kept; the current one is the highest version. */
export const recTranslations = pgTable(
  'rec_translations',
  {
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    version: integer('version').notNull(),
    textVi: text('text_vi').notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.recommendationId, t.version] })],
);

/** from —kind→ to: `successor_of` (a later cycle's recommendation continues an earlier one), `overlaps`. */
export const recLinks = pgTable(
  'rec_links',
  {
    fromId: integer('from_id')
      .notNull()
      .references(() => recommendations.id),
    toId: integer('to_id')
      .notNull()
      .references(() => recommendations.id),
    kind: text('kind').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fromId, t.toId, t.kind] }), index('rec_links_to_idx').on(t.toId)],
);

/** Co-implementing organisations (the lead is on the recommendation). */
export const recCoImplementers = pgTable(
  'rec_co_implementers',
  {
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.recommendationId, t.organisationId] }), index('rec_co_org_idx').on(t.organisationId)],
);

export const recActions = pgTable(
  'rec_actions',
  {
    id: serial('id').primaryKey(),
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    targetDate: date('target_date', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('planned'), // planned | in_progress | done | cancelled
    completedOn: date('completed_on', { mode: 'string' }),
    /** The decision's audience groups (1–6, programme.md) the action is meant for. */
    audiences: integer('audiences')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rec_actions_rec_idx').on(t.recommendationId), index('rec_actions_due_idx').on(t.status, t.targetDate)],
);

/** Progress reports: submitted → returned (with comments) → submitted again … → approved by the programme office. */
export const recReports = pgTable(
  'rec_reports',
  {
    id: serial('id').primaryKey(),
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    period: text('period').notNull(), // e.g. 2025-H1
    narrative: text('narrative').notNull(),
    figures: jsonb('figures').$type<{ label: string; value: string }[]>().notNull().default([]),
    status: text('status').notNull().default('submitted'), // submitted | returned | approved
    reviewComment: text('review_comment'),
    submittedBy: text('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [index('rec_reports_rec_idx').on(t.recommendationId), index('rec_reports_status_idx').on(t.status)],
);

export const recStatusHistory = pgTable(
  'rec_status_history',
  {
    id: serial('id').primaryKey(),
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rec_status_history_rec_idx').on(t.recommendationId, t.id)],
);

/** Evidence: any record of any module (record type + id, resolved by the registered resolver) serving a recommendation. */
export const recEvidence = pgTable(
  'rec_evidence',
  {
    recommendationId: integer('recommendation_id')
      .notNull()
      .references(() => recommendations.id),
    recordType: text('record_type').notNull(),
    recordId: integer('record_id').notNull(),
    note: text('note'),
    taggedBy: text('tagged_by').notNull(),
    taggedAt: timestamp('tagged_at', { withTimezone: true }).notNull().defaultNow(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.recommendationId, t.recordType, t.recordId] }),
    index('rec_evidence_record_idx').on(t.recordType, t.recordId),
  ],
);
