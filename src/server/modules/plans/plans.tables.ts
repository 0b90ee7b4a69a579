// Tables of the plans module: one plan per organisation and year, its versions (every one kept: a change to an approved
// plan is a new version), each version's activities with their budget by source, the workflow's steps with the office's
// comments, and the spending recorded against an activity (by its number, which stays the same across versions).
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations } from '../directory/directory.tables.js';

export const plans = pgTable(
  'plans',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    /** The latest version's number and status (mirrored here for lists). */
    version: integer('version').notNull().default(1),
    status: text('status').notNull().default('draft'),
    /** Who must decide a submitted version: province (its coordinator, when the office has turned coordinators on) |
     *  office; null unless submitted. */
    awaiting: text('awaiting'),
    /** The version in force: the latest approved one. */
    approvedVersion: integer('approved_version'),
    /** The next activity number to hand out (numbers are never reused within a plan). */
    nextActivityNo: integer('next_activity_no').notNull().default(1),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plans_org_year_uq').on(t.organisationId, t.year), index('plans_year_idx').on(t.year, t.status)],
);

export const planVersions = pgTable(
  'plan_versions',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    version: integer('version').notNull(),
    status: text('status').notNull(), // draft | submitted | returned | approved | superseded
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: integer('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedBy: integer('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionComment: text('decision_comment'),
    /** The office's comments on single activities when it returned the version: [{ no, comment }]. */
    activityComments: jsonb('activity_comments')
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [uniqueIndex('plan_versions_plan_version_uq').on(t.planId, t.version)],
);

export const planActivities = pgTable(
  'plan_activities',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id')
      .notNull()
      .references(() => planVersions.id),
    no: integer('no').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    targets: text('targets').array().notNull(),
    audiences: integer('audiences')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    startMonth: text('start_month').notNull(),
    endMonth: text('end_month').notNull(),
    expectedOutputs: text('expected_outputs'),
    budgetCentral: bigint('budget_central', { mode: 'number' }).notNull().default(0),
    budgetLocal: bigint('budget_local', { mode: 'number' }).notNull().default(0),
    budgetOther: bigint('budget_other', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    uniqueIndex('plan_activities_version_no_uq').on(t.versionId, t.no),
    check('plan_activities_budget_check', sql`${t.budgetCentral} >= 0 and ${t.budgetLocal} >= 0 and ${t.budgetOther} >= 0`),
    check('plan_activities_targets_check', sql`cardinality(${t.targets}) >= 1`),
  ],
);

export const planEvents = pgTable(
  'plan_events',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    version: integer('version').notNull(),
    action: text('action').notNull(), // created | edited | submitted | returned | approved | revised | imported
    comment: text('comment'),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_events_plan_idx').on(t.planId, t.id)],
);

export const planSpending = pgTable(
  'plan_spending',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    activityNo: integer('activity_no').notNull(),
    source: text('source').notNull(), // central | local | other
    amount: bigint('amount', { mode: 'number' }).notNull(),
    spentOn: date('spent_on', { mode: 'string' }).notNull(),
    note: text('note'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_spending_plan_idx').on(t.planId, t.activityNo),
    check('plan_spending_amount_check', sql`${t.amount} > 0`),
    check('plan_spending_source_check', sql`${t.source} in ('central', 'local', 'other')`),
  ],
);

/** The office's deadline for each year's plans (at most one per year): the organisations expected to plan (those with a
 *  plan for the year or an approved one for the year before) are told as it comes and once it has passed. */
export const planDeadlines = pgTable('plan_deadlines', {
  year: integer('year').primaryKey(),
  deadline: date('deadline', { mode: 'string' }).notNull(),
  setBy: integer('set_by'),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  isDemo: boolean('is_demo').notNull().default(false),
});
