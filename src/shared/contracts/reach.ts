// Contracts of the reach summary (issue 21): whom the programme's work reached, by metric, where the records carry a
// count. Each metric stands alone: participants are people, visitors and views are counts of a channel, and the
// figures of different metrics are never added together. Shared by the server and the workspace.
import { z } from 'zod';
import { Bilingual, PeriodRef } from './indicators.js';

export const REACH_METRICS = ['training_participants', 'exhibition_visitors', 'exhibition_views'] as const;
export const ReachMetricId = z.enum(REACH_METRICS);
export type ReachMetricId = z.infer<typeof ReachMetricId>;

/** Which reach: a period (YYYY, YYYY-H1, YYYY-Q1, YYYY-MM; absent: every year), a province of the 34-unit map, an
 *  organisation (with those below it). A coordinator sees only its province, an editor or viewer only its
 *  organisation's subtree. */
export const ReachQuery = z.object({
  period: z.string().max(10).optional(),
  province: z.string().max(2).optional(),
  organisationId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});
export type ReachQuery = z.input<typeof ReachQuery>;

/** One row of a breakdown: an audience (1–6, or `none`), a province code (or `none`: abroad, online, not given), a year. */
export const ReachRow = z.object({ key: z.string(), label: Bilingual.nullable(), value: z.number().int() });
export type ReachRow = z.infer<typeof ReachRow>;

export const ReachMetric = z.object({
  id: ReachMetricId,
  label: Bilingual,
  /** What one unit of the figure is (people, visits, views). */
  unit: Bilingual,
  /** What is counted, from which records, and what the breakdowns mean. */
  method: Bilingual,
  total: z.number().int(),
  /** How many records (sessions, exhibitions) the figure rests on. */
  records: z.number().int(),
  byAudience: z.array(ReachRow),
  byProvince: z.array(ReachRow),
  byYear: z.array(ReachRow),
});
export type ReachMetric = z.infer<typeof ReachMetric>;

export const ReachSummary = z.object({
  scope: z.object({
    period: PeriodRef.nullable(),
    province: z.string().nullable(),
    organisationId: z.number().int().nullable(),
  }),
  metrics: z.array(ReachMetric),
  /** The note shown with every reach table: metrics are not added together, rows of a breakdown may overlap. */
  note: Bilingual,
});
export type ReachSummary = z.infer<typeof ReachSummary>;
