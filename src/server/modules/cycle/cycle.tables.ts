// Tables of the programme cycle module: the office's report calendar (periods with deadlines and who must report),
// the agencies' periodic reports with their files and history, period closes (official figures: a freeze of the
// indicator facts, kept per version) and the office's permissions to write into a locked period.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations } from '../directory/directory.tables.js';

/** One row: whether provincial coordinators approve before the office, and the default lock after a close. */
export const cycleSettings = pgTable('cycle_settings', {
  id: integer('id').primaryKey().default(1),
  coordinatorsEnabled: boolean('coordinators_enabled').notNull().default(false),
  /** Days after a close when writes dated in the period start to need the office's permission; null: no lock. */
  expiryDays: integer('expiry_days'),
  updatedBy: integer('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A reporting period of the calendar: key 2025 | 2025-H1 | 2023-2025 (mid-term review) | 2023-2028 (final review). */
export const cyclePeriods = pgTable(
  'cycle_periods',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    firstDay: date('first_day', { mode: 'string' }).notNull(),
    lastDay: date('last_day', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    /** Added to / taken out of the organisations the rule expects (expectedOrganisations). */
    includeOrgIds: integer('include_org_ids')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    excludeOrgIds: integer('exclude_org_ids')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cycle_periods_key_uq').on(t.key)],
);

/** A close of a period, one row per official version: status closed (the current one, at most one per period),
 *  superseded (a revised official figure replaced it) or reopened. */
export const cyclePeriodCloses = pgTable(
  'cycle_period_closes',
  {
    id: serial('id').primaryKey(),
    periodId: integer('period_id')
      .notNull()
      .references(() => cyclePeriods.id),
    version: integer('version').notNull(),
    status: text('status').notNull().default('closed'),
    /** indicator_freezes.id: the frozen facts the official figures are computed from. */
    freezeId: integer('freeze_id').notNull(),
    closedBy: integer('closed_by'),
    closedByName: text('closed_by_name').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Why a revised official figure was published (version > 1). */
    reason: text('reason'),
    expiryDays: integer('expiry_days'),
    /** From when writes dated in the period need the office's permission (closed_at + expiry days); null: never. */
    lockAfter: timestamp('lock_after', { withTimezone: true }),
    /** The organisations expected to report, as they were at the close (completeness of a closed period). */
    expectedOrgIds: integer('expected_org_ids')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    endedBy: integer('ended_by'),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
  },
  (t) => [
    index('cycle_period_closes_period_idx').on(t.periodId),
    uniqueIndex('cycle_period_closes_current_uq')
      .on(t.periodId)
      .where(sql`status = 'closed'`),
  ],
);

/** The office's permission for one organisation (and those below it) to write into a locked period until a day. */
export const cycleLockGrants = pgTable(
  'cycle_lock_grants',
  {
    id: serial('id').primaryKey(),
    periodId: integer('period_id')
      .notNull()
      .references(() => cyclePeriods.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    until: date('until', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    grantedBy: integer('granted_by'),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('cycle_lock_grants_period_idx').on(t.periodId)],
);

export type ReportSections = Partial<Record<'results' | 'difficulties' | 'proposals' | 'nextTasks', string>>;

/** An organisation's report for a period. */
export const cycleReports = pgTable(
  'cycle_reports',
  {
    id: serial('id').primaryKey(),
    periodId: integer('period_id')
      .notNull()
      .references(() => cyclePeriods.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** draft | submitted | returned | approved | locked */
    status: text('status').notNull().default('draft'),
    /** Who must act on a submitted report: province (its coordinator) | office; null otherwise. */
    awaiting: text('awaiting'),
    sections: jsonb('sections').$type<ReportSections>().notNull().default({}),
    /** The comments of the last return, per section (and figures, files, general). */
    comments: jsonb('comments').$type<Record<string, string>>().notNull().default({}),
    /** The contribution as submitted (rows of figures), kept from the last submission. */
    figures: jsonb('figures'),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: integer('submitted_by'),
    provinceApprovedAt: timestamp('province_approved_at', { withTimezone: true }),
    provinceApprovedBy: integer('province_approved_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: integer('decided_by'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cycle_reports_period_org_uq').on(t.periodId, t.organisationId), index('cycle_reports_org_idx').on(t.organisationId)],
);

/** A file attached to a report: bytes in the content-addressed store (kernel/storage.ts), as press attachments. */
export const cycleReportFiles = pgTable(
  'cycle_report_files',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => cycleReports.id),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(),
    filename: text('filename').notNull(),
    caption: text('caption'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cycle_report_files_report_idx').on(t.reportId)],
);

/** A report's history as its readers see it (the audit log, which only the office reads, has every write too). */
export const cycleReportEvents = pgTable(
  'cycle_report_events',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => cycleReports.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: jsonb('note').$type<Record<string, string>>(),
  },
  (t) => [index('cycle_report_events_report_idx').on(t.reportId, t.at)],
);

/** The office's edits of the consolidated report's generated summary paragraphs, one row per period, language and
 *  paragraph ('overall', 'target:T1' … 'target:T6', 'conclusions'); no row: the generated text is used. */
export const cycleSummaryEdits = pgTable(
  'cycle_summary_edits',
  {
    id: serial('id').primaryKey(),
    periodId: integer('period_id')
      .notNull()
      .references(() => cyclePeriods.id),
    lang: text('lang').notNull(),
    section: text('section').notNull(),
    text: text('text').notNull(),
    updatedBy: integer('updated_by'),
    updatedByName: text('updated_by_name').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cycle_summary_edits_period_lang_section_uq').on(t.periodId, t.lang, t.section)],
);
