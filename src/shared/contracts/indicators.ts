// Contracts of the indicators module: one indicator per target of Decision 1079 (T1 … T6), each computed from
// the records of the module that owns it, for any period and scope, with drill-down to those records.
import { z } from 'zod';
import { MapVersion, OrgKind } from './directory.js';

export const INDICATOR_IDS = ['T1', 'T2a', 'T2b', 'T2c', 'T2d', 'T3', 'T4a', 'T4b', 'T5a', 'T5b', 'T5c', 'T6'] as const;
export const IndicatorId = z.enum(INDICATOR_IDS);
export type IndicatorId = z.infer<typeof IndicatorId>;

export const Bilingual = z.object({ vi: z.string(), en: z.string() });
export type Bilingual = z.infer<typeof Bilingual>;

/** The 2028 target: a floor (T1 100%), a ceiling (T5b below 10%) or a band (T4b 15–20%). Percentages are fractions. */
export const TargetSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('at_least'), value: z.number() }),
  z.object({ kind: z.literal('below'), value: z.number() }),
  z.object({ kind: z.literal('band'), min: z.number(), max: z.number() }),
]);
export type TargetSpec = z.infer<typeof TargetSpec>;

/** percent: value is a fraction 0..1 (numerator / denominator); count: value is the numerator. */
export const IndicatorUnit = z.enum(['percent', 'count']);
export type IndicatorUnit = z.infer<typeof IndicatorUnit>;

/** `part`: the parts of a composite indicator counted separately (T4b: ethnic, foreign, digital; each row's share is
 *  over all the indicator's records, the figure itself is their union). `organiser`: one row per organisation (key:
 *  its id) with the records it stands behind, co-organisers included (T3: the units its exhibitions covered). */
export const BREAKDOWNS = [
  'province',
  'orgKind',
  'language',
  'channel',
  'audience',
  'targetGroup',
  'kind',
  'part',
  'organiser',
  'platform',
  'topic',
] as const;
export const Breakdown = z.enum(BREAKDOWNS);
export type Breakdown = z.infer<typeof Breakdown>;

export const TrajectoryPoint = z.object({ year: z.number().int().min(2023).max(2028), value: z.number().min(0) });
export type TrajectoryPoint = z.infer<typeof TrajectoryPoint>;

export const IndicatorDefinition = z.object({
  id: IndicatorId,
  group: z.enum(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']),
  name: Bilingual,
  definition: Bilingual,
  methodNote: Bilingual,
  unit: IndicatorUnit,
  target: TargetSpec,
  targetLabel: Bilingual,
  /** Counted from the programme's start (2023-01-01) to the end of the period, not within the period only. */
  cumulative: z.boolean(),
  /** The module that computes it; `available` is false until that module exists ("no data source yet"). */
  module: z.string(),
  available: z.boolean(),
  breakdowns: z.array(Breakdown),
  /** Indicators whose denominator holds records still awaiting review (T5b): what those are called. The figure then
   *  carries `pending` beside its value, never hidden. */
  pendingLabel: Bilingual.nullable().optional(),
  /** 2023 baseline as set by the programme office; null = the value computed for 2023 (or 0 when there is none). */
  baseline: z.number().nullable(),
  /** The yearly trajectory 2023–2028 in effect (the office's, or linear from the baseline to the target). */
  trajectory: z.array(TrajectoryPoint),
  trajectoryIsDefault: z.boolean(),
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

export const IndicatorSettingsInput = z.object({
  baseline: z.number().min(0).nullable().optional(),
  /** null resets to the default (linear); otherwise exactly one value per year 2023–2028. */
  trajectory: z.array(TrajectoryPoint).nullable().optional(),
});
export type IndicatorSettingsInput = z.infer<typeof IndicatorSettingsInput>;

/** What to compute: a period (YYYY, YYYY-H1, YYYY-Q1, YYYY-MM; default: the current year), a map, and filters. */
export const IndicatorScope = z.object({
  period: z.string().max(10).optional(),
  map: MapVersion.default('34'),
  province: z.string().max(2).optional(),
  orgKind: OrgKind.optional(),
  organisationId: z.coerce.number().int().positive().optional(),
});
export type IndicatorScope = z.input<typeof IndicatorScope>;

export const IndicatorStatus = z.enum(['on_track', 'at_risk', 'off_track', 'no_data']);
export type IndicatorStatus = z.infer<typeof IndicatorStatus>;

export const PeriodRef = z.object({ id: z.string(), firstDay: z.string(), lastDay: z.string() });

export const FigureRow = z.object({
  key: z.string(),
  label: Bilingual,
  numerator: z.number(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  /** Records of the denominator still awaiting review (only for indicators with a pendingLabel). */
  pending: z.number().optional(),
  /** On the 63-unit map, records placed on the current map count for every former unit of their province. */
  attributed: z.boolean().optional(),
  /** Province rows: the row's status against the province's own target (so the worst provinces can come first). */
  status: IndicatorStatus.optional(),
});
export type FigureRow = z.infer<typeof FigureRow>;

export const IndicatorFigure = z.object({
  id: IndicatorId,
  period: PeriodRef,
  /** The records' span: the period itself, or 2023-01-01 to its end for cumulative indicators. */
  span: z.object({ firstDay: z.string(), lastDay: z.string() }),
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number().nullable(),
  /** Records of the denominator still awaiting review (only for indicators with a pendingLabel): shown beside the value. */
  pending: z.number().optional(),
  /** The trajectory's value for the year the period ends in, for the scope's own target (a province's share of a count
   *  of provinces, as a whole number); null when the scope has no target. */
  expected: z.number().nullable(),
  /** The target this scope is judged against: the decision's target for the country and for any share; a province's
   *  own target for a count of provinces (T3: its former units); null when a national count has no share for the scope
   *  (T4a in one province, any count filtered by kind or organisation): the value is then a contribution, not judged. */
  target: TargetSpec.nullable().optional(),
  status: IndicatorStatus,
  trend: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
  breakdowns: z.partialRecord(Breakdown, z.array(FigureRow)),
});
export type IndicatorFigure = z.infer<typeof IndicatorFigure>;

/** How many targets are in each status (`behind` is `off_track`); `noTarget`: targets the scope has no target for. */
export const StatusSummary = z.object({
  onTrack: z.number().int(),
  atRisk: z.number().int(),
  behind: z.number().int(),
  noData: z.number().int(),
  noTarget: z.number().int(),
});
export type StatusSummary = z.infer<typeof StatusSummary>;

export const DashboardResult = z.object({
  scope: z.object({
    period: PeriodRef,
    map: MapVersion,
    province: z.string().nullable(),
    orgKind: OrgKind.nullable(),
    organisationId: z.number().nullable(),
  }),
  indicators: z.array(IndicatorDefinition),
  /** One per available indicator; an unavailable indicator has no figure (never a zero). */
  figures: z.array(IndicatorFigure),
  /** Every target counted once (a target without a data source as no data): the dashboard's and the portal's line. */
  summary: StatusSummary,
  statusRule: Bilingual,
});
export type DashboardResult = z.infer<typeof DashboardResult>;

export const DrillPart = z.enum(['numerator', 'denominator', 'gap', 'pending']);
export const DrillQuery = IndicatorScope.extend({
  /** numerator: the records that count; denominator: all records considered; gap: considered but not counting;
   *  pending: considered and still awaiting review (indicators with a pendingLabel). */
  part: DrillPart.default('numerator'),
  breakdown: Breakdown.optional(),
  key: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  /** Keyset paging: the previous page's `next` (then `offset` is ignored); deep pages stay as fast as the first. */
  after: z.string().max(400).optional(),
});
export type DrillQuery = z.input<typeof DrillQuery>;

export const DrillRecord = z.object({
  type: z.string(),
  id: z.number().int(),
  label: z.string(),
  /** Why it counts or not, in words (e.g. "spokesperson: yes; information: late (2 items)"). */
  detail: Bilingual.nullable(),
  counts: z.boolean(),
  /** The record's page in the workspace (path under /app). */
  href: z.string().nullable(),
  organisationName: z.string().nullable(),
  province: z.string().nullable(),
  /** Records behind this one (e.g. the press items that made an agency count). */
  related: z.array(z.object({ type: z.string(), id: z.number().int(), label: z.string(), href: z.string().nullable() })),
});
export type DrillRecord = z.infer<typeof DrillRecord>;

export const DrillResult = z.object({
  id: IndicatorId,
  part: DrillPart,
  total: z.number().int(),
  records: z.array(DrillRecord),
  /** The cursor of the next page (pass it as `after`); absent on the last page. */
  next: z.string().optional(),
});
export type DrillResult = z.infer<typeof DrillResult>;
