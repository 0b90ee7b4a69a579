// Tables of the indicators module: what the programme office sets per indicator (2023 baseline, yearly
// trajectory). Figures themselves are never stored: they are computed from the modules' records.
import { doublePrecision, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const indicatorSettings = pgTable('indicator_settings', {
  indicatorId: text('indicator_id').primaryKey(),
  /** null: the value computed for 2023 is the baseline. */
  baseline: doublePrecision('baseline'),
  /** null: linear from the baseline (2023) to the target (2028). */
  trajectory: jsonb('trajectory').$type<{ year: number; value: number }[]>(),
  updatedBy: integer('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
