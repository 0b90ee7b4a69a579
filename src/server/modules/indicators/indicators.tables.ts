// Tables of the indicators module: what the programme office sets per indicator (2023 baseline, yearly
// trajectory), and the frozen facts of closed periods. Figures themselves are never stored: they are computed from the
// modules' records (their facts), or from a closed period's frozen facts.
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const indicatorSettings = pgTable('indicator_settings', {
  indicatorId: text('indicator_id').primaryKey(),
  /** null: the value computed for 2023 is the baseline. */
  baseline: doublePrecision('baseline'),
  /** null: linear from the baseline (2023) to the target (2028). */
  trajectory: jsonb('trajectory').$type<{ year: number; value: number }[]>(),
  updatedBy: integer('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A freeze of the facts behind every figure of one period (a period close of the cycle module): the official figures
 *  are the same aggregates over these rows instead of the live facts. Never changed once written. */
export const indicatorFreezes = pgTable('indicator_freezes', {
  id: serial('id').primaryKey(),
  periodId: text('period_id').notNull(),
  facts: integer('facts').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One live fact as a span of a frozen period selected it (`pid`), with its place and organisation kind as they were
 *  (o_*, pl_*: what the live figures read from organisations and indicator_places at query time). */
export const indicatorFrozenFacts = pgTable(
  'indicator_frozen_facts',
  {
    freezeId: integer('freeze_id')
      .notNull()
      .references(() => indicatorFreezes.id),
    ind: text('ind').notNull(),
    pid: text('pid').notNull(),
    recType: text('rec_type').notNull(),
    recId: bigint('rec_id', { mode: 'number' }).notNull(),
    periodId: text('period_id'),
    dFrom: date('d_from', { mode: 'string' }).notNull(),
    dTo: date('d_to', { mode: 'string' }),
    counts: boolean('counts').notNull(),
    inDen: boolean('in_den').notNull(),
    pending: boolean('pending').notNull(),
    unitId: integer('unit_id'),
    orgId: integer('org_id'),
    orgIds: integer('org_ids').array(),
    dims: text('dims').array().notNull(),
    countsIn: text('counts_in').array(),
    sortKey: text('sort_key').notNull(),
    info: jsonb('info'),
    oKind: text('o_kind'),
    oName: text('o_name'),
    oKinds: text('o_kinds').array(),
    plUnitId: integer('pl_unit_id'),
    plMap: text('pl_map'),
    plP34: text('pl_p34'),
    plP63: text('pl_p63').array(),
  },
  (t) => [index('indicator_frozen_facts_drill').on(t.freezeId, t.ind, t.pid, t.sortKey, t.recId)],
);
