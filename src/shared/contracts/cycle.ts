// Contracts of the programme cycle: the office's report calendar, the agencies' periodic reports and their workflow,
// completeness of reporting (DHIS2's names), period close with official figures, the lock of closed periods and the
// cycle's settings (provincial coordinators).
import { z } from 'zod';
import { Bilingual, DashboardResult, IndicatorId, IndicatorUnit } from './indicators.js';
import { MapVersion, OrgKind } from './directory.js';

const day = (what: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${what}: a date YYYY-MM-DD`);
const Id = z.number().int().positive().max(2_147_483_647);

// ---------------------------------------------------------------- calendar

/** yearly (default) | half_yearly | midterm (review of 2023–2025) | final (review of 2023–2028). */
export const CYCLE_PERIOD_KINDS = ['yearly', 'half_yearly', 'midterm', 'final'] as const;
export const CyclePeriodKind = z.enum(CYCLE_PERIOD_KINDS);
export type CyclePeriodKind = z.infer<typeof CyclePeriodKind>;

export const PeriodInput = z.object({
  kind: CyclePeriodKind.default('yearly'),
  /** The year of a yearly or half-yearly period (ignored for the reviews). */
  year: z.number().int().min(2023).max(2028).optional(),
  /** 1 or 2: the half of a half-yearly period. */
  half: z.union([z.literal(1), z.literal(2)]).optional(),
  deadline: day('deadline'),
  /** Organisations expected to report beyond the rule, and organisations the rule would expect that need not. */
  includeOrganisationIds: z.array(Id).max(5000).default([]),
  excludeOrganisationIds: z.array(Id).max(5000).default([]),
});
export type PeriodInput = z.input<typeof PeriodInput>;
/** What changes of a period (absent: kept). */
export const PeriodUpdateInput = z.object({
  deadline: day('deadline').optional(),
  includeOrganisationIds: z.array(Id).max(5000).optional(),
  excludeOrganisationIds: z.array(Id).max(5000).optional(),
});

export const CloseInfo = z.object({
  version: z.number().int(),
  closedAt: z.string(),
  closedByName: z.string(),
  /** Why this version of the official figures was published (versions after the first). */
  reason: z.string().nullable(),
  expiryDays: z.number().int().nullable(),
  /** From when writes dated in the period need the office's permission; null: never. */
  lockAfter: z.string().nullable(),
  locked: z.boolean(),
});
export type CloseInfo = z.infer<typeof CloseInfo>;

export const CyclePeriod = z.object({
  id: z.number().int(),
  key: z.string(),
  kind: CyclePeriodKind,
  label: Bilingual,
  firstDay: z.string(),
  lastDay: z.string(),
  deadline: z.string(),
  /** The indicator periods a report's figures are computed for: the period itself, or each year of a review. */
  figurePeriods: z.array(z.string()),
  /** Whether the period can be closed (yearly and half-yearly periods; a review is made of closed years). */
  closable: z.boolean(),
  includeOrganisationIds: z.array(z.number().int()),
  excludeOrganisationIds: z.array(z.number().int()),
  close: CloseInfo.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CyclePeriod = z.infer<typeof CyclePeriod>;

// ---------------------------------------------------------------- settings

export const CycleSettings = z.object({
  /** Provincial coordinators approve the reports of their province's organisations before the office. */
  coordinatorsEnabled: z.boolean(),
  /** Default days after a close before writes dated in the period need the office's permission; null: no lock. */
  expiryDays: z.number().int().min(0).max(3650).nullable(),
});
export type CycleSettings = z.infer<typeof CycleSettings>;
export const CycleSettingsInput = CycleSettings.partial();

// ---------------------------------------------------------------- reports

export const REPORT_SECTIONS = ['results', 'difficulties', 'proposals', 'nextTasks'] as const;
export const ReportSection = z.enum(REPORT_SECTIONS);
export type ReportSection = z.infer<typeof ReportSection>;
/** What a return comments on: each narrative section, the figures, the files, or the report as a whole. */
export const COMMENT_PARTS = [...REPORT_SECTIONS, 'figures', 'plan', 'files', 'general'] as const;
export const CommentPart = z.enum(COMMENT_PARTS);
export type CommentPart = z.infer<typeof CommentPart>;

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'locked'] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

const sectionText = z.string().max(20_000, 'at most 20,000 characters');
export const ReportSections = z.object(
  Object.fromEntries(REPORT_SECTIONS.map((s) => [s, sectionText.optional()])) as Record<ReportSection, z.ZodOptional<typeof sectionText>>,
);
export type ReportSections = z.infer<typeof ReportSections>;

export const ReportCreateInput = z.object({ periodId: Id, organisationId: Id });
export const ReportUpdateInput = z.object({ sections: ReportSections });
const commentText = z.string().trim().max(5000, 'at most 5,000 characters');
export const ReportReturnInput = z.object({
  comments: z.object(
    Object.fromEntries(COMMENT_PARTS.map((s) => [s, commentText.optional()])) as Record<CommentPart, z.ZodOptional<typeof commentText>>,
  ),
});
export const ReportApproveInput = z.object({ comment: commentText.optional() });
export const ReasonInput = z.object({ reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(2000) });

/** One indicator's figure in a report: the organisation's own numerator (and denominator) for one figure period. */
export const ContributionRow = z.object({
  indicator: IndicatorId,
  name: Bilingual,
  unit: IndicatorUnit,
  cumulative: z.boolean(),
  periodId: z.string(),
  numerator: z.number(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  /** The drill-down of the records behind the numerator (workspace path). */
  href: z.string(),
  /** For a closed period: the live figure when it differs from the official one shown above (revised since). */
  live: z.object({ numerator: z.number(), denominator: z.number().nullable(), value: z.number().nullable() }).nullable(),
  /** Records that differ between the official figure and the live one (0 when not closed or not revised). */
  revisedRecords: z.number().int(),
});
export type ContributionRow = z.infer<typeof ContributionRow>;
export const Contribution = z.object({
  /** live: computed now from the records; submitted: as submitted; official: the closed period's official figures. */
  source: z.enum(['live', 'submitted', 'official']),
  computedAt: z.string(),
  rows: z.array(ContributionRow),
});
export type Contribution = z.infer<typeof Contribution>;

/** Plan vs spending of the organisation for the report's year, when the plans module provides it; null: no plan recorded. */
export const PlanSection = z
  .object({
    /** A target's code per source, then 'bySource' per source (each activity once), then 'total'. */
    rows: z.array(z.object({ label: z.string(), source: z.string().nullable(), planned: z.number(), spent: z.number() })),
    note: z.string().nullable(),
    /** The plan version the planned amounts come from (the approved one in force, else the latest). */
    basis: z.object({ version: z.number().int(), status: z.string() }).nullable().optional(),
  })
  .nullable();
export type PlanSection = z.infer<typeof PlanSection>;

export const ReportFile = z.object({
  id: z.number().int(),
  filename: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  caption: z.string().nullable(),
  url: z.string(),
  createdAt: z.string(),
});
export type ReportFile = z.infer<typeof ReportFile>;

export const ReportEvent = z.object({
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  note: z.record(z.string(), z.string()).nullable(),
});
export type ReportEvent = z.infer<typeof ReportEvent>;

export const ReportSummary = z.object({
  id: z.number().int(),
  periodId: z.number().int(),
  periodKey: z.string(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  organisationKind: OrgKind,
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  status: ReportStatus,
  /** Who acts next on a submitted report: the province's coordinator or the office. */
  awaiting: z.enum(['province', 'office']).nullable(),
  deadline: z.string(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const Report = ReportSummary.extend({
  period: CyclePeriod,
  sections: ReportSections,
  /** The comments of the last return, by part. */
  comments: z.partialRecord(CommentPart, z.string()),
  contribution: Contribution,
  plan: PlanSection,
  files: z.array(ReportFile),
  history: z.array(ReportEvent),
  /** What the caller may do now. */
  can: z.object({ edit: z.boolean(), submit: z.boolean(), return: z.boolean(), approve: z.boolean() }),
});
export type Report = z.infer<typeof Report>;

export const ReportListQuery = z.object({
  periodId: z.coerce.number().int().positive().optional(),
  status: ReportStatus.optional(),
  awaiting: z.enum(['province', 'office']).optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  province: z.string().max(2).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ReportList = z.object({ items: z.array(ReportSummary), total: z.number().int() });
export type ReportList = z.infer<typeof ReportList>;

/** A period the caller's organisations must (or may) report for, and where each stands. */
export const DueReport = z.object({
  period: CyclePeriod,
  organisationId: z.number().int(),
  organisationName: z.string(),
  expectedBecause: z.array(z.string()),
  report: ReportSummary.nullable(),
});
export type DueReport = z.infer<typeof DueReport>;
export const DueList = z.array(DueReport);

// ---------------------------------------------------------------- completeness

export const COMPLETENESS_STATES = ['on_time', 'late', 'missing'] as const;
export const CompletenessCounts = z.object({
  expected: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  approved: z.number().int(),
  /** Returned and not submitted again. */
  returned: z.number().int(),
  /** submitted / expected (null when nothing is expected). */
  rate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
});
export type CompletenessCounts = z.infer<typeof CompletenessCounts>;
export const CompletenessOrg = z.object({
  organisationId: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: OrgKind,
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  state: z.enum(COMPLETENESS_STATES),
  reportId: z.number().int().nullable(),
  reportStatus: ReportStatus.nullable(),
  firstSubmittedAt: z.string().nullable(),
  expectedBecause: z.array(z.string()),
  /** Created (valid from) or deactivated (valid to) within the period: said beside the name. */
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  active: z.boolean(),
});
export type CompletenessOrg = z.infer<typeof CompletenessOrg>;
export const CompletenessQuery = z.object({ province: z.string().max(2).optional(), kind: OrgKind.optional() });
export const Completeness = z.object({
  period: CyclePeriod,
  /** The expected organisations as they were at the close (closed period), or as the rule finds them now. */
  expectedAsOf: z.enum(['close', 'now']),
  totals: CompletenessCounts,
  byKind: z.array(CompletenessCounts.extend({ kind: z.string(), label: Bilingual })),
  byProvince: z.array(CompletenessCounts.extend({ provinceCode: z.string().nullable(), label: Bilingual })),
  organisations: z.array(CompletenessOrg),
});
export type Completeness = z.infer<typeof Completeness>;

// ---------------------------------------------------------------- close and official figures

export const CloseInput = z.object({
  /** Days after the close before writes dated in the period need the office's permission (null: no lock; absent:
   *  the settings' default). */
  expiryDays: z.number().int().min(0).max(3650).nullable().optional(),
});
export const OfficialQuery = z.object({
  map: MapVersion.default('34'),
  province: z.string().max(2).optional(),
  orgKind: OrgKind.optional(),
  organisationId: z.coerce.number().int().positive().optional(),
});
export const OfficialFigureState = z.object({
  indicator: IndicatorId,
  /** The live figure, when the records behind it differ from the official figure's. */
  live: z.object({ numerator: z.number(), denominator: z.number().nullable(), value: z.number().nullable() }).nullable(),
  revisedRecords: z.number().int(),
});
export const Official = z.object({
  period: CyclePeriod,
  /** The official figures (computed over the facts frozen at the close). */
  dashboard: DashboardResult,
  revisions: z.array(OfficialFigureState),
  versions: z.array(
    CloseInfo.extend({
      status: z.enum(['closed', 'superseded', 'reopened']),
      endedAt: z.string().nullable(),
      endReason: z.string().nullable(),
    }),
  ),
});
export type Official = z.infer<typeof Official>;
export const RevisionQuery = OfficialQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const Revision = z.object({
  type: z.string(),
  id: z.number().int(),
  label: z.string(),
  href: z.string().nullable(),
  organisationName: z.string().nullable(),
  /** added: not behind the official figure; removed: behind it, no longer; changed: behind both, counted differently. */
  change: z.enum(['added', 'removed', 'changed']),
  officialCounts: z.boolean().nullable(),
  liveCounts: z.boolean().nullable(),
});
export const RevisionList = z.object({ indicator: IndicatorId, total: z.number().int(), records: z.array(Revision) });
export type RevisionList = z.infer<typeof RevisionList>;

/** The official figure of a closed period as the dashboard and the portal show it (null when the period is not closed). */
export const OfficialStatus = z.object({
  periodKey: z.string(),
  closed: z.boolean(),
  close: CloseInfo.nullable(),
  figures: z.array(
    z.object({
      indicator: IndicatorId,
      official: z.object({ numerator: z.number(), denominator: z.number().nullable(), value: z.number().nullable() }),
      live: z.object({ numerator: z.number(), denominator: z.number().nullable(), value: z.number().nullable() }).nullable(),
      revisedRecords: z.number().int(),
    }),
  ),
});
export type OfficialStatus = z.infer<typeof OfficialStatus>;

// ---------------------------------------------------------------- lock

export const GrantInput = z.object({
  organisationId: Id,
  until: day('until'),
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(2000),
});
export const LockGrant = z.object({
  id: z.number().int(),
  periodId: z.number().int(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  until: z.string(),
  reason: z.string(),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type LockGrant = z.infer<typeof LockGrant>;

// ---------------------------------------------------------------- the consolidated programme report

/** The summary paragraphs of the consolidated report the office may edit: the overall summary, each target's summary
 *  and the conclusions and proposals. */
export const SUMMARY_SECTIONS = [
  'overall',
  'target:T1',
  'target:T2',
  'target:T3',
  'target:T4',
  'target:T5',
  'target:T6',
  'conclusions',
] as const;
export const SummarySectionId = z.enum(SUMMARY_SECTIONS);
export type SummarySectionId = z.infer<typeof SummarySectionId>;
export const ReportLang = z.enum(['vi', 'en']);
export const SummaryQuery = z.object({ lang: ReportLang.default('vi') });
export const SummarySection = z.object({
  section: SummarySectionId,
  title: Bilingual,
  /** The paragraph as generated from the figures now. */
  generated: z.string(),
  /** The office's text, when it edited the paragraph (it replaces the generated one in the report). */
  edited: z.string().nullable(),
  editedAt: z.string().nullable(),
  editedByName: z.string().nullable(),
  /** What the report prints: the edited text, else the generated one. */
  text: z.string(),
});
export type SummarySection = z.infer<typeof SummarySection>;
export const ConsolidatedSummary = z.object({
  period: CyclePeriod,
  lang: ReportLang,
  sections: z.array(SummarySection),
  /** Whether the caller may edit (the office). */
  canEdit: z.boolean(),
});
export type ConsolidatedSummary = z.infer<typeof ConsolidatedSummary>;
/** Edits of some paragraphs in one language: a text replaces the generated paragraph; null resets it to the generated one. */
export const SummaryEditInput = z.object({
  lang: ReportLang,
  sections: z
    .array(
      z.object({
        section: SummarySectionId,
        text: z
          .string()
          .trim()
          .min(1, 'empty: send null to go back to the generated text')
          .max(10_000, 'at most 10,000 characters')
          .nullable(),
      }),
    )
    .min(1)
    .max(SUMMARY_SECTIONS.length),
});
export type SummaryEditInput = z.infer<typeof SummaryEditInput>;
