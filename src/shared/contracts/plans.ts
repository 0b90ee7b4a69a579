// Contracts of the plans module: each participating organisation's yearly plan of activities and budget, its approval by
// the programme office (draft → submitted → returned / approved, then locked; a change to an approved plan is a new
// version, every version kept), the spending recorded against it and plan vs actual. Shared by server and workspace.
import { z } from 'zod';
import { IndicatorId } from './indicators.js';
import { Audience } from './library.js';
import { MapVersion, OrgKind } from './directory.js';

/** The years a plan may be made for: the programme's (Decision 1079/QĐ-TTg, 2023–2028). */
export const PLAN_FIRST_YEAR = 2023;
export const PLAN_LAST_YEAR = 2028;
export const PlanYear = z.coerce
  .number()
  .int()
  .min(PLAN_FIRST_YEAR, `a year of the programme (${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR})`)
  .max(PLAN_LAST_YEAR, `a year of the programme (${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR})`);

/** Where the money comes from: central state budget, local state budget, other lawful sources. */
export const FUNDING_SOURCES = ['central', 'local', 'other'] as const;
export const FundingSource = z.enum(FUNDING_SOURCES);
export type FundingSource = z.infer<typeof FundingSource>;

/** An amount in Viet Nam đồng: a whole number, never negative, at most 10^15 (stored as bigint). */
export const MAX_VND = 1_000_000_000_000_000;
export const Vnd = z
  .number({ error: 'an amount in VND (a whole number)' })
  .int('a whole number of đồng')
  .min(0, 'must not be negative')
  .max(MAX_VND, 'at most 10^15 đồng');

/** A version's lifecycle. `superseded`: an approved version replaced by a later approved one (kept, read-only). */
export const PLAN_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'superseded'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatus>;

export const PLAN_ACTIONS = [
  'created',
  'edited',
  'submitted',
  'returned',
  'approved',
  'revised',
  'imported',
  'returned_by_province',
  'approved_by_province',
] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

const month = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const BudgetBySource = z.object({ central: Vnd.default(0), local: Vnd.default(0), other: Vnd.default(0) });
export type BudgetBySource = z.infer<typeof BudgetBySource>;

export const ActivityInput = z.object({
  /** The activity's number in its plan, kept from version to version (spending is recorded against it); empty for a new one. */
  no: z.number().int().min(1).max(10_000).nullable().optional(),
  title: z.string().trim().min(1, 'required').max(500),
  description: optionalText(5000),
  /** The targets of Decision 1079 the activity serves (indicator codes T1, T2a … T6): at least one. */
  targets: z.array(IndicatorId).min(1, 'an activity must serve at least one target (T1–T6)').max(12),
  /** The six target groups (1–6). */
  audiences: z.array(Audience).max(6).default([]),
  /** First and last month, both in the plan's year. */
  startMonth: month,
  endMonth: month,
  expectedOutputs: optionalText(2000),
  budget: BudgetBySource,
});
export type ActivityInput = z.input<typeof ActivityInput>;

export const ActivitiesInput = z.object({
  activities: z.array(ActivityInput).max(200),
  note: optionalText(2000),
});
export type ActivitiesInput = z.input<typeof ActivitiesInput>;

export const PLAN_STARTS = ['empty', 'template', 'copy'] as const;
export const PlanCreateInput = z.object({
  organisationId: z.number().int().positive(),
  year: PlanYear,
  /** empty; the template of the organisation's kind; or a copy of its previous year's plan (approved version if any). */
  start: z.enum(PLAN_STARTS).default('empty'),
  /** The activities to start with, instead of those `start` gives. */
  activities: z.array(ActivityInput).max(200).optional(),
});
export type PlanCreateInput = z.input<typeof PlanCreateInput>;

export const ReturnInput = z.object({
  comment: z.string().trim().min(1, 'say what to change').max(4000),
  /** Comments on single activities, by their number. */
  activityComments: z
    .array(z.object({ no: z.number().int().min(1).max(10_000), comment: z.string().trim().min(1).max(2000) }))
    .max(200)
    .default([]),
});
export type ReturnInput = z.input<typeof ReturnInput>;
export const ApproveInput = z.object({ comment: optionalText(4000) });
export type ApproveInput = z.input<typeof ApproveInput>;

export const SpendingInput = z.object({
  activityNo: z.number().int().min(1).max(10_000),
  source: FundingSource,
  amount: Vnd.min(1, 'must be more than 0'),
  /** When it was spent: a day of the plan's year. */
  spentOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
  note: optionalText(1000),
});
export type SpendingInput = z.input<typeof SpendingInput>;

// ---- answers ----
export const SourceAmounts = z.object({ central: z.number(), local: z.number(), other: z.number(), total: z.number() });
export type SourceAmounts = z.infer<typeof SourceAmounts>;

export const Activity = z.object({
  no: z.number().int(),
  position: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  targets: z.array(IndicatorId),
  audiences: z.array(z.number().int()),
  startMonth: z.string(),
  endMonth: z.string(),
  expectedOutputs: z.string().nullable(),
  budget: SourceAmounts,
  /** Spending recorded against the activity (any version: spending belongs to the activity's number). */
  spent: SourceAmounts,
});
export type Activity = z.infer<typeof Activity>;

export const PlanVersion = z.object({
  planId: z.number().int(),
  version: z.number().int(),
  status: PlanStatus,
  note: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  activityComments: z.array(z.object({ no: z.number().int(), comment: z.string() })),
  activities: z.array(Activity),
  budget: SourceAmounts,
});
export type PlanVersion = z.infer<typeof PlanVersion>;

export const VersionSummary = PlanVersion.omit({ activities: true, activityComments: true, planId: true });
export type VersionSummary = z.infer<typeof VersionSummary>;

export const PlanListItem = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  organisationCode: z.string(),
  organisationName: z.string(),
  organisationKind: OrgKind,
  provinceCode: z.string().nullable(),
  year: z.number().int(),
  /** The latest version's status. */
  status: PlanStatus,
  /** Who must decide it while submitted: the province's coordinator (coordinators on, the organisation's province has
   *  one) or the programme office; null otherwise. */
  awaiting: z.enum(['province', 'office']).nullable(),
  version: z.number().int(),
  /** The version in force (the latest approved), if any. */
  approvedVersion: z.number().int().nullable(),
  planned: z.number(),
  spent: z.number(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export type PlanListItem = z.infer<typeof PlanListItem>;
export const PlanList = z.object({ items: z.array(PlanListItem), total: z.number().int() });
export type PlanList = z.infer<typeof PlanList>;
export const PlanListQuery = z.object({
  year: PlanYear.optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  status: PlanStatus.optional(),
  awaiting: z.enum(['province', 'office']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PlanListQuery = z.infer<typeof PlanListQuery>;

/** A plan as its reader may act on it: the list row, every version's summary, the latest version in full. */
export const PlanDetail = PlanListItem.extend({
  versions: z.array(VersionSummary),
  current: PlanVersion,
  /** What the reader may do now. */
  can: z.object({ edit: z.boolean(), submit: z.boolean(), decide: z.boolean(), revise: z.boolean(), spend: z.boolean() }),
});
export type PlanDetail = z.infer<typeof PlanDetail>;

export const PlanEvent = z.object({
  version: z.number().int(),
  action: z.enum(PLAN_ACTIONS),
  comment: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
});
export type PlanEvent = z.infer<typeof PlanEvent>;

export const SpendingEntry = z.object({
  id: z.number().int(),
  activityNo: z.number().int(),
  source: FundingSource,
  amount: z.number(),
  spentOn: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type SpendingEntry = z.infer<typeof SpendingEntry>;

export const TemplateActivity = z.object({
  title: z.string(),
  titleEn: z.string(),
  targets: z.array(IndicatorId),
  audiences: z.array(z.number().int()),
  startMonth: z.number().int(),
  endMonth: z.number().int(),
  expectedOutputs: z.string(),
});
export type TemplateActivity = z.infer<typeof TemplateActivity>;
export const PlanTemplate = z.object({ kind: OrgKind, activities: z.array(TemplateActivity) });
export type PlanTemplate = z.infer<typeof PlanTemplate>;

/** planStatus(): where an organisation's plan for a year stands (for other modules: reports, completeness, reminders). */
export const PlanStatusAnswer = z.object({
  organisationId: z.number().int(),
  year: z.number().int(),
  planId: z.number().int().nullable(),
  /** `none`: no plan yet; else the latest version's status. */
  status: z.union([PlanStatus, z.literal('none')]),
  version: z.number().int().nullable(),
  approvedVersion: z.number().int().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  /** The office's comment when the latest version was returned. */
  returnComment: z.string().nullable(),
});
export type PlanStatusAnswer = z.infer<typeof PlanStatusAnswer>;

/** planVsActual(): planned and spent per target and source for one organisation and year. */
export const PlanVsActual = z.object({
  organisationId: z.number().int(),
  year: z.number().int(),
  /** The version the planned amounts come from: the approved one in force, else the latest (null: no plan). */
  basis: z.object({ version: z.number().int(), status: PlanStatus }).nullable(),
  /** One row per target and source. An activity serving several targets counts in full for each of them. */
  byTarget: z.array(z.object({ target: IndicatorId, source: FundingSource, planned: z.number(), spent: z.number() })),
  /** One row per source; each activity counted once. */
  bySource: z.array(z.object({ source: FundingSource, planned: z.number(), spent: z.number() })),
  total: z.object({ planned: z.number(), spent: z.number() }),
});
export type PlanVsActual = z.infer<typeof PlanVsActual>;

// ---- plan vs actual across organisations ----
export const SummaryQuery = z.object({
  year: PlanYear,
  map: MapVersion.default('34'),
  province: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, 'a province code')
    .optional(),
  orgKind: OrgKind.optional(),
  /** The organisation and those below it. */
  organisationId: z.coerce.number().int().positive().optional(),
  lang: z.enum(['vi', 'en']).default('vi'),
});
export type SummaryQuery = z.input<typeof SummaryQuery>;

const PlannedSpent = z.object({ planned: SourceAmounts, spent: SourceAmounts });
export const PlanSummary = z.object({
  year: z.number().int(),
  map: MapVersion,
  plans: z.number().int(),
  total: PlannedSpent,
  byOrganisation: z.array(
    PlannedSpent.extend({
      organisationId: z.number().int(),
      code: z.string(),
      name: z.string(),
      kind: OrgKind,
      provinceCode: z.string().nullable(),
      planId: z.number().int(),
      status: PlanStatus,
      version: z.number().int(),
      basisVersion: z.number().int(),
    }),
  ),
  /** On the 63-unit map an organisation of a merged province counts for each former unit (`attributed`); `_none`: central and abroad. */
  byProvince: z.array(
    PlannedSpent.extend({
      key: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      organisations: z.number().int(),
      attributed: z.boolean(),
    }),
  ),
  byTarget: z.array(PlannedSpent.extend({ target: IndicatorId, activities: z.number().int() })),
  bySource: z.array(z.object({ source: FundingSource, planned: z.number(), spent: z.number() })),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

// ---------------------------------------------------------------- deadlines

/** The office's deadline for one year's plans. */
export const PlanDeadline = z.object({
  year: z.number().int(),
  deadline: z.string(),
  setBy: z.string().nullable(),
  setAt: z.string(),
  /** Organisations expected to plan for the year (a plan for it, or an approved plan for the year before), and of them
   *  how many have submitted (waiting for a decision, or approved). */
  expected: z.number().int(),
  submitted: z.number().int(),
});
export type PlanDeadline = z.infer<typeof PlanDeadline>;
export const PlanDeadlineInput = z.object({
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
});
