// Contracts of the recommendations module (target T6): UN human-rights recommendations to Viet Nam, who implements
// them, their actions, progress reports, status and the evidence from every module. Shared by server and workspace.
import { z } from 'zod';
import { Bilingual, IndicatorId } from './indicators.js';
import { Audience } from './library.js';

export const MECHANISMS = ['upr', 'treaty_body', 'special_procedure'] as const;
export const Mechanism = z.enum(MECHANISMS);
export type Mechanism = z.infer<typeof Mechanism>;

export const POSITIONS = ['supported', 'supported_in_part', 'noted'] as const;
export const Position = z.enum(POSITIONS);
export type Position = z.infer<typeof Position>;
/** Accepted by the Government: in T6's denominator (when on communication). */
export const isAccepted = (p: string | null | undefined) => p === 'supported' || p === 'supported_in_part';

export const REC_STATUSES = ['not_started', 'in_progress', 'partly_implemented', 'implemented'] as const;
export const RecStatus = z.enum(REC_STATUSES);
export type RecStatus = z.infer<typeof RecStatus>;

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const ActionStatus = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatus>;

export const REPORT_STATUSES = ['submitted', 'returned', 'approved'] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const LINK_KINDS = ['successor_of', 'overlaps'] as const;
export const LinkKind = z.enum(LINK_KINDS);
export type LinkKind = z.infer<typeof LinkKind>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const tags = z.array(z.string().trim().min(1).max(200)).max(50).default([]);

/** A cycle code: UPR-I … UPR-IV, or a treaty body's or special procedure's review (CCPR-2019). */
export const CycleCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,29}$/, 'a cycle code such as UPR-III or CCPR-2019');
/** A paragraph of the source document: 38.63, 115.2, 12 (a)… */
export const Paragraph = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,4})*( ?\([a-z]{1,4}\))?$/, 'a paragraph number such as 38.63');

// ---- recommendations ----
export const RecommendationInput = z.object({
  mechanism: Mechanism,
  cycle: CycleCode,
  sourceDocument: z.string().trim().min(1).max(60),
  paragraph: Paragraph,
  recommendingStates: tags,
  /** Only for a recommendation without an original text yet; once set it never changes. */
  textEn: optionalText(10_000),
  textEnSource: optionalText(300),
  position: Position.nullable().optional(),
  positionSource: optionalText(300),
  themes: tags,
  affectedPersons: tags,
  /** SDG targets (16.10) and goals (16: a goal UHRI names without a target). */
  sdgTargets: z
    .array(
      z
        .string()
        .trim()
        .regex(/^(?:[1-9]|1[0-7])(?:\.[0-9a-z]{1,2})?$/, 'an SDG goal (1 to 17, e.g. 16) or target (e.g. 16.10)'),
    )
    .max(50)
    .default([]),
  actionCategory: z.number().int().min(1).max(5).nullable().optional(),
  communication: z.boolean().default(false),
  targets: z.array(IndicatorId).max(12).default([]),
  clusterId: z.number().int().positive().nullable().optional(),
});
export type RecommendationInput = z.infer<typeof RecommendationInput>;

export const TranslationInput = z.object({ textVi: z.string().trim().min(1).max(10_000), note: optionalText(300) });
export const Translation = z.object({
  version: z.number().int(),
  textVi: z.string(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Translation = z.infer<typeof Translation>;

export const AssignInput = z.object({
  leadOrganisationId: z.number().int().positive().nullable(),
  coImplementerIds: z.array(z.number().int().positive()).max(50).default([]),
});
export const LinkInput = z.object({ targetId: z.number().int().positive(), kind: LinkKind });
export const ClusterInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9_-]{0,29}$/, 'a code such as C1 or MEDIA'),
  nameVi: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().min(1).max(300),
});
export const Cluster = z.object({
  id: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  count: z.number().int(),
});
export type Cluster = z.infer<typeof Cluster>;

export const OrgRef = z.object({ id: z.number().int(), name: z.string(), nameEn: z.string().nullable() });
export const RecLink = z.object({ kind: LinkKind, direction: z.enum(['out', 'in']), id: z.number().int(), label: z.string() });

export const Recommendation = z.object({
  id: z.number().int(),
  mechanism: Mechanism,
  cycle: z.string(),
  sourceDocument: z.string(),
  paragraph: z.string(),
  /** "UPR-III 38.63" */
  label: z.string(),
  recommendingStates: z.array(z.string()),
  textEn: z.string().nullable(),
  textEnSource: z.string().nullable(),
  textVi: z.string().nullable(),
  translationVersion: z.number().int().nullable(),
  position: Position.nullable(),
  positionSource: z.string().nullable(),
  themes: z.array(z.string()),
  affectedPersons: z.array(z.string()),
  sdgTargets: z.array(z.string()),
  actionCategory: z.number().int().nullable(),
  communication: z.boolean(),
  /** Named in the programme decision (UPR III 38.63, 38.67, 38.86). */
  named: z.boolean(),
  targets: z.array(IndicatorId),
  status: RecStatus,
  lead: OrgRef.nullable(),
  coImplementers: z.array(OrgRef),
  cluster: z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() }).nullable(),
  links: z.array(RecLink),
  fictional: z.boolean(),
  isDemo: z.boolean(),
  /** Open actions past their target date. */
  overdueActions: z.number().int(),
  nextDue: z.string().nullable(),
  evidenceCount: z.number().int(),
  updatedAt: z.string(),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const RecListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  cycle: z.string().trim().max(30).optional(),
  mechanism: Mechanism.optional(),
  position: Position.optional(),
  status: RecStatus.optional(),
  theme: z.string().trim().max(200).optional(),
  state: z.string().trim().max(200).optional(),
  clusterId: z.coerce.number().int().positive().optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  communication: z.enum(['true', 'false']).optional(),
  /** due: an open action due within 30 days; overdue: an open action past its date. */
  due: z.enum(['due', 'overdue']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type RecListQuery = z.infer<typeof RecListQuery>;
export const RecList = z.object({ items: z.array(Recommendation), total: z.number().int() });
export type RecList = z.infer<typeof RecList>;

// ---- actions ----
export const ActionInput = z.object({
  organisationId: z.number().int().positive(),
  title: z.string().trim().min(1).max(500),
  targetDate: isoDate,
  status: ActionStatus.default('planned'),
  completedOn: isoDate.nullable().optional(),
  /** Audience groups of the decision (1–6, programme.md). */
  audiences: z.array(Audience).max(6).default([]),
});
export type ActionInput = z.infer<typeof ActionInput>;
export const Action = z.object({
  id: z.number().int(),
  recommendationId: z.number().int(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  title: z.string(),
  targetDate: z.string(),
  status: ActionStatus,
  completedOn: z.string().nullable(),
  audiences: z.array(z.number().int()),
  overdue: z.boolean(),
});
export type Action = z.infer<typeof Action>;

// ---- progress reports ----
export const ReportInput = z.object({
  organisationId: z.number().int().positive(),
  period: z
    .string()
    .trim()
    .regex(/^\d{4}(-(Q[1-4]|H[12]|\d{2}))?$/, 'a period such as 2025, 2025-H1, 2025-Q3 or 2025-06'),
  narrative: z.string().trim().min(1).max(20_000),
  figures: z
    .array(z.object({ label: z.string().trim().min(1).max(200), value: z.string().trim().min(1).max(100) }))
    .max(30)
    .default([]),
});
export type ReportInput = z.infer<typeof ReportInput>;
export const ReviewInput = z.object({ decision: z.enum(['approve', 'return']), comment: optionalText(5000) });
export const Report = z.object({
  id: z.number().int(),
  recommendationId: z.number().int(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  period: z.string(),
  narrative: z.string(),
  figures: z.array(z.object({ label: z.string(), value: z.string() })),
  status: ReportStatus,
  reviewComment: z.string().nullable(),
  submittedBy: z.string(),
  submittedAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export type Report = z.infer<typeof Report>;

// ---- status ----
export const StatusInput = z.object({ status: RecStatus, reason: optionalText(2000) });
export const StatusChange = z.object({
  from: RecStatus.nullable(),
  to: RecStatus,
  reason: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
});
export type StatusChange = z.infer<typeof StatusChange>;

// ---- evidence ----
export const EvidenceInput = z.object({
  recordType: z
    .string()
    .trim()
    .regex(/^[a-z_]{2,40}$/, 'a record type such as press_item'),
  recordId: z.number().int().positive(),
  note: optionalText(500),
});
export type EvidenceInput = z.infer<typeof EvidenceInput>;
export const EvidenceItem = z.object({
  recordType: z.string(),
  recordId: z.number().int(),
  label: z.string(),
  date: z.string().nullable(),
  organisationName: z.string().nullable(),
  href: z.string().nullable(),
  publicHref: z.string().nullable(),
  public: z.boolean(),
  missing: z.boolean(),
  note: z.string().nullable(),
  taggedBy: z.string(),
  taggedAt: z.string(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;
export const EvidenceList = z.object({
  counts: z.array(z.object({ recordType: z.string(), label: Bilingual, count: z.number().int() })),
  total: z.number().int(),
  items: z.array(EvidenceItem),
});
export type EvidenceList = z.infer<typeof EvidenceList>;
export const EvidenceTypes = z.array(z.object({ recordType: z.string(), label: Bilingual }));
/** The evidence picker: records of every kind (or one) by title, among those the actor may tag. */
export const EvidenceSearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  recordType: z
    .string()
    .trim()
    .regex(/^[a-z_]{2,40}$/, 'a record type such as press_item')
    .optional(),
  recommendationId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  /** Only records of this organisation and the organisations below it. */
  organisationId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const EvidenceHit = z.object({
  recordType: z.string(),
  typeLabel: Bilingual,
  recordId: z.number().int(),
  label: z.string(),
  date: z.string().nullable(),
  organisationName: z.string().nullable(),
  href: z.string().nullable(),
  public: z.boolean(),
  /** Already evidence of the recommendation asked about. */
  tagged: z.boolean(),
});
export type EvidenceHit = z.infer<typeof EvidenceHit>;
export const EvidenceSearchResult = z.object({ items: z.array(EvidenceHit) });
export type EvidenceSearchResult = z.infer<typeof EvidenceSearchResult>;
/** A recommendation a record is evidence of (the record's side). */
export const RecordRecommendation = z.object({
  id: z.number().int(),
  label: z.string(),
  status: RecStatus,
  textVi: z.string().nullable(),
  textEn: z.string().nullable(),
  fictional: z.boolean(),
  taggedBy: z.string(),
  taggedAt: z.string(),
});
export type RecordRecommendation = z.infer<typeof RecordRecommendation>;

/** The figures of the targets a recommendation maps to, beside its evidence. */
export const TargetFigure = z.object({
  id: IndicatorId,
  name: Bilingual,
  value: z.number().nullable(),
  unit: z.enum(['percent', 'count']),
  numerator: z.number(),
  denominator: z.number().nullable(),
  status: z.string(),
});
export const RecommendationPage = z.object({
  recommendation: Recommendation,
  translations: z.array(Translation),
  actions: z.array(Action),
  reports: z.array(Report),
  history: z.array(StatusChange),
  evidence: EvidenceList,
  targets: z.array(TargetFigure),
});
export type RecommendationPage = z.infer<typeof RecommendationPage>;

// ---- imports ----
export const ImportChange = z.object({
  row: z.number().int(),
  kind: z.enum(['create', 'update', 'unchanged']),
  label: z.string(),
  fields: z.array(z.string()),
});
export const ImportPreview = z.object({
  format: z.enum(['uhri', 'matrix']),
  rows: z.number().int(),
  creates: z.number().int(),
  updates: z.number().int(),
  unchanged: z.number().int(),
  changes: z.array(ImportChange),
  committed: z.boolean(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** Whether the notifications of due actions also go by e-mail (SMTP configured) and how many days ahead they look. */
export const ReminderSettings = z.object({ enabled: z.boolean(), daysAhead: z.number().int().nullable() });
export type ReminderSettings = z.infer<typeof ReminderSettings>;
