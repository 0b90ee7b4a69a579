// Contracts of the press module (target T1): spokespersons, press items and their lifecycle, human-rights
// topics, reporting settings and compliance. Shared by the server and the workspace.
import { z } from 'zod';
import { ImportResult, OrgKind } from './directory.js';
import { Audience } from './library.js';

export const PRESS_KINDS = ['press_release', 'press_conference', 'statement', 'press_answer'] as const;
export const PressKind = z.enum(PRESS_KINDS);
export type PressKind = z.infer<typeof PressKind>;

export const PRESS_STATUSES = ['draft', 'scheduled', 'published', 'corrected', 'withdrawn'] as const;
export const PressStatus = z.enum(PRESS_STATUSES);
export type PressStatus = z.infer<typeof PressStatus>;

export const PERIOD_KINDS = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export const PeriodKind = z.enum(PERIOD_KINDS);
export type PeriodKind = z.infer<typeof PeriodKind>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const instant = z.iso.datetime({ offset: true });
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

// ---- spokespersons ----
export const SpokespersonInput = z
  .object({
    organisationId: z.number().int().positive(),
    fullName: z.string().trim().min(1).max(200),
    position: optionalText(200),
    decisionNumber: optionalText(100),
    decisionDate: isoDate.nullable().optional(),
    validFrom: isoDate,
    validTo: isoDate.nullable().optional(),
    email: z
      .string()
      .trim()
      .max(200)
      .email()
      .nullable()
      .optional()
      .or(z.literal('').transform(() => null)),
    emailPublic: z.boolean().default(false),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[0-9 +().-]*$/, 'digits, spaces and + ( ) . - only')
      .nullable()
      .optional(),
    phonePublic: z.boolean().default(false),
  })
  .refine((v) => !v.validTo || v.validTo >= v.validFrom, { path: ['validTo'], message: 'must not be before validFrom' });
export type SpokespersonInput = z.infer<typeof SpokespersonInput>;

export const Spokesperson = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  fullName: z.string(),
  position: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  email: z.string().nullable(),
  emailPublic: z.boolean(),
  phone: z.string().nullable(),
  phonePublic: z.boolean(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export type Spokesperson = z.infer<typeof Spokesperson>;

/** What the public sees: contact fields only when flagged public. */
export const PublicSpokesperson = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  fullName: z.string(),
  position: z.string().nullable(),
  validFrom: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type PublicSpokesperson = z.infer<typeof PublicSpokesperson>;

export const SpokespersonListQuery = z.object({
  organisationId: z.coerce.number().int().optional(),
  current: z.enum(['true', 'false']).optional(),
});

// ---- topics ----
export const Topic = z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() });
export type Topic = z.infer<typeof Topic>;

// ---- press items ----
export const PressItemInput = z.object({
  kind: PressKind,
  organisationId: z.number().int().positive(),
  title: z.string().trim().min(1).max(400),
  bodyHtml: z.string().max(200_000).default(''),
  summary: optionalText(2000),
  /** ISO 639-3, e.g. vie, eng, fra. */
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{3}$/, 'an ISO 639-3 code such as vie or eng')
    .default('vie'),
  /** Another item this one translates: both end up in the same translation group. On create, and on update of a
   *  draft or scheduled item (null or absent there: the group stays as it is; unlinking is its own action). The item
   *  must be of the same organisation or one the actor may write for; a group holds one item per language. */
  translationOf: z.number().int().positive().nullable().optional(),
  topicIds: z.array(z.number().int().positive()).max(30).default([]),
  /** Audience groups of the decision (1–6, programme.md). */
  audiences: z.array(Audience).max(6).default([]),
  /** When a conference was held (or a statement made), if not the publication time. */
  heldAt: instant.nullable().optional(),
});
export type PressItemInput = z.infer<typeof PressItemInput>;

/** The parts of an item a correction may change. */
export const CORRECTION_FIELDS = ['title', 'summary', 'body'] as const;
export const CorrectionField = z.enum(CORRECTION_FIELDS);
export type CorrectionField = z.infer<typeof CorrectionField>;

/** One correction of a published item. `changed` lists what it changed and `previous` keeps the text it replaced,
 *  so no version is lost; both are absent on corrections recorded before corrections could change the text. */
export const Correction = z.object({
  at: z.string(),
  by: z.string(),
  note: z.string(),
  changed: z.array(CorrectionField).optional(),
  previous: z
    .object({ title: z.string().optional(), summary: z.string().nullable().optional(), bodyHtml: z.string().optional() })
    .optional(),
});
export type Correction = z.infer<typeof Correction>;

/** A correction as the public sees it: never who made it; of the replaced text only the previous title. */
export const PublicCorrection = z.object({
  at: z.string(),
  note: z.string(),
  changed: z.array(CorrectionField),
  previous: z.object({ title: z.string().optional() }).optional(),
});
export type PublicCorrection = z.infer<typeof PublicCorrection>;

/** Another language version of an item (same translation group), as the workspace lists it. */
export const PressTranslation = z.object({
  id: z.number().int(),
  title: z.string(),
  language: z.string(),
  status: PressStatus,
  organisationId: z.number().int(),
});
export type PressTranslation = z.infer<typeof PressTranslation>;

/** A file attached to a press item; `url` is the public download (it answers only once the item is public). */
export const PressAttachment = z.object({
  id: z.number().int(),
  filename: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  caption: z.string().nullable(),
  url: z.string(),
  createdAt: z.string(),
});
export type PressAttachment = z.infer<typeof PressAttachment>;
export const AttachmentCaption = z.string().trim().max(500).optional();

export const PressItem = z.object({
  id: z.number().int(),
  kind: PressKind,
  organisationId: z.number().int(),
  organisationName: z.string(),
  title: z.string(),
  bodyHtml: z.string(),
  summary: z.string().nullable(),
  language: z.string(),
  translationGroupId: z.string(),
  topics: z.array(Topic),
  audiences: z.array(z.number().int()),
  heldAt: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  status: PressStatus,
  withdrawalReason: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  corrections: z.array(Correction),
  isDemo: z.boolean(),
  updatedAt: z.string(),
  attachments: z.array(PressAttachment),
});
export type PressItem = z.infer<typeof PressItem>;

export const PressItemListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  organisationId: z.coerce.number().int().optional(),
  kind: PressKind.optional(),
  status: PressStatus.optional(),
  topic: z.string().max(60).optional(),
  language: z.string().max(3).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PressItemListQuery = z.infer<typeof PressItemListQuery>;
export const PressItemList = z.object({ items: z.array(PressItem), total: z.number().int() });

export const ScheduleInput = z.object({ scheduledAt: instant });
/** publishedAt: only admins may record a past publication (back-entry); editors publish now. */
export const PublishInput = z.object({ publishedAt: instant.optional() });
/** A correction of a published (or corrected) item: the note is always required; title, summary and body are the
 *  corrected text (absent: unchanged; the body is sanitised like on create). The text it replaces is kept. */
export const CorrectInput = z.object({
  note: z
    .string({ error: 'required: say what the correction corrects' })
    .trim()
    .min(1, 'required: say what the correction corrects')
    .max(2000),
  title: z.string().trim().min(1).max(400).optional(),
  bodyHtml: z.string().max(200_000).optional(),
  summary: optionalText(2000),
});
export type CorrectInput = z.infer<typeof CorrectInput>;
export const WithdrawInput = z.object({ reason: z.string().trim().min(1).max(2000) });

// ---- reporting settings and compliance ----
export const ReportingSettings = z.object({
  periodKind: PeriodKind,
  graceDays: z.number().int().min(0).max(120),
  /** Organisations expected in addition to every active state administrative agency. */
  includeOrgIds: z.array(z.number().int()),
  /** Organisations never expected, even if state administrative agencies. */
  excludeOrgIds: z.array(z.number().int()),
});
export type ReportingSettings = z.infer<typeof ReportingSettings>;
export const ReportingSettingsInput = ReportingSettings.partial();

export const ComplianceQuery = z.object({
  period: z.string().max(10).optional(),
  provinceCode: z.string().max(2).optional(),
  orgKind: OrgKind.optional(),
});

export const ComplianceRow = z.object({
  organisationId: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  kind: z.string(),
  provinceCode: z.string().nullable(),
  /** The map of the province code: '63' for a former agency (ended before 2025-07-01), else '34'. */
  provinceMap: z.enum(['63', '34']).nullable().optional(),
  spokespersonId: z.number().int().nullable(),
  information: z.enum(['on_time', 'late', 'missing']),
  /** Items that count (on time if any, else the late ones), the first 10 by publication time. */
  itemIds: z.array(z.number().int()),
  /** How many items count. */
  itemCount: z.number().int(),
  /** Predecessors (deactivated in the period) whose items count for this agency. */
  predecessorIds: z.array(z.number().int()),
  compliant: z.boolean(),
});
export type ComplianceRow = z.infer<typeof ComplianceRow>;

export const T1Result = z.object({
  period: z.object({
    id: z.string().nullable(),
    kind: PeriodKind.nullable(),
    start: z.string(),
    end: z.string(),
    firstDay: z.string(),
    lastDay: z.string(),
  }),
  graceDays: z.number().int(),
  value: z.number().nullable(),
  numerator: z.number().int(),
  denominator: z.number().int(),
  rows: z.array(ComplianceRow),
  methodNote: z.object({ vi: z.string(), en: z.string() }),
});
export type T1Result = z.infer<typeof T1Result>;

// ---- public read models ----
/** A press item as the public sees it: no internal fields; a withdrawn item is a tombstone with its reason. */
export const PublicPressItem = PressItem.omit({ isDemo: true, scheduledAt: true, corrections: true }).extend({
  corrections: z.array(PublicCorrection),
});
export type PublicPressItem = z.infer<typeof PublicPressItem>;
export const PublicPressItemList = z.object({ items: z.array(PublicPressItem), total: z.number().int() });
export const PublicPressItemQuery = PressItemListQuery.omit({ status: true });

/** The answer to an Excel import of spokespersons or press items: rows written, rows already there (skipped), and
 *  whether it was written (commit) or only checked (preview). */
export const PressImportResult = ImportResult.extend({ skipped: z.number().int(), committed: z.boolean() });
export type PressImportResult = z.infer<typeof PressImportResult>;
