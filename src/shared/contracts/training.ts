// Contracts of the training module (targets T2a–T2d): rosters (the denominators), courses, sessions, attendance,
// the coverage rule set by the programme office, coverage as of a date, imports with a review step, certificates.
// Shared by the server and the workspace.
import { z } from 'zod';
import { Audience } from './library.js';

export const TARGET_GROUPS = ['T2a', 'T2b', 'T2c', 'T2d'] as const;
export const TargetGroup = z.enum(TARGET_GROUPS);
export type TargetGroup = z.infer<typeof TargetGroup>;

export const COURSE_KINDS = ['training', 'update', 'both'] as const;
export const CourseKind = z.enum(COURSE_KINDS);
export const COURSE_FORMATS = ['in_person', 'online', 'blended'] as const;
export const CourseFormat = z.enum(COURSE_FORMATS);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Why the roster exists, shown on every roster form and export (Decree 13/2023/NĐ-CP: purpose stated). */
export const ROSTER_PURPOSE = {
  vi: 'Mục đích: xác định cán bộ thuộc đối tượng của mục tiêu T2 (Quyết định 1079/QĐ-TTg) để tổ chức tập huấn và tính tỉ lệ được tập huấn. Chỉ ghi họ tên, chức vụ, đơn vị và nhóm đối tượng; không ghi số định danh, ngày sinh, địa chỉ. Chỉ đơn vị của người đó (và đơn vị cấp trên) và Văn phòng Đề án được xem; mọi lần xuất danh sách được ghi nhật ký.',
  en: "Purpose: identifying the officials in the T2 target groups (Decision 1079/QĐ-TTg) to organise training and compute the share trained. Only name, position, organisation and target groups are kept; no ID numbers, birth dates or addresses. Only the person's organisation (and those above it) and the programme office can see it; every export is recorded in the audit log.",
} as const;

// ---- people and memberships ----
export const MembershipInput = z
  .object({
    targetGroup: TargetGroup,
    validFrom: isoDate,
    validTo: isoDate.nullable().optional(),
  })
  .refine((v) => !v.validTo || v.validTo >= v.validFrom, { path: ['validTo'], message: 'must not be before validFrom' });
export type MembershipInput = z.infer<typeof MembershipInput>;

export const PersonInput = z.object({
  fullName: z.string().trim().min(1).max(200),
  position: optionalText(200),
  organisationId: z.number().int().positive(),
  memberships: z.array(MembershipInput).max(20).default([]),
});
export type PersonInput = z.infer<typeof PersonInput>;

export const Membership = z.object({
  id: z.number().int(),
  targetGroup: TargetGroup,
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export const Person = z.object({
  id: z.number().int(),
  fullName: z.string(),
  position: z.string().nullable(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  memberships: z.array(Membership),
  attendanceCount: z.number().int(),
  isDemo: z.boolean(),
});
export type Person = z.infer<typeof Person>;

export const RosterQuery = z.object({
  group: TargetGroup.optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(200).optional(),
  asOf: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RosterQuery = z.infer<typeof RosterQuery>;
export const RosterList = z.object({ items: z.array(Person), total: z.number().int() });

export const MergeInput = z
  .object({ keepId: z.number().int().positive(), mergeId: z.number().int().positive() })
  .refine((v) => v.keepId !== v.mergeId, { path: ['mergeId'], message: 'must differ from keepId' });
export const DuplicateGroup = z.object({ key: z.string(), people: z.array(Person) });

// ---- courses and sessions ----
export const CourseInput = z.object({
  title: z.string().trim().min(1).max(300),
  topics: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  kind: CourseKind,
  format: CourseFormat,
  hours: z.number().min(0).max(10000).nullable().optional(),
  organisationId: z.number().int().positive(),
  materialIds: z.array(z.number().int().positive()).max(50).default([]),
  /** Audience groups of the decision (1–6, programme.md). */
  audiences: z.array(Audience).max(6).default([]),
});
export type CourseInput = z.infer<typeof CourseInput>;
export const Course = CourseInput.extend({
  id: z.number().int(),
  hours: z.number().nullable(),
  audiences: z.array(z.number().int()),
  organisationName: z.string(),
  sessionCount: z.number().int(),
  isDemo: z.boolean(),
});
export type Course = z.infer<typeof Course>;

export const SessionInput = z
  .object({
    courseId: z.number().int().positive(),
    startsOn: isoDate,
    endsOn: isoDate,
    /** A province code on the map valid on the session's start, or null with a country code when abroad. */
    provinceCode: z.string().trim().max(10).nullable().optional(),
    countryCode: z.string().trim().length(2).nullable().optional(),
    place: optionalText(300),
    organiserId: z.number().int().positive(),
    trainers: optionalText(500),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'must not be before startsOn' })
  .refine((v) => Boolean(v.provinceCode) !== Boolean(v.countryCode), {
    path: ['provinceCode'],
    message: 'give a province, or a country when abroad (one of the two)',
  });
export type SessionInput = z.infer<typeof SessionInput>;
export const Session = z.object({
  id: z.number().int(),
  courseId: z.number().int(),
  courseTitle: z.string(),
  courseKind: CourseKind,
  startsOn: z.string(),
  endsOn: z.string(),
  provinceCode: z.string().nullable(),
  provinceMap: z.string().nullable(),
  provinceName: z.string().nullable(),
  countryCode: z.string().nullable(),
  place: z.string().nullable(),
  organiserId: z.number().int(),
  organiserName: z.string(),
  trainers: z.string().nullable(),
  attendanceCount: z.number().int(),
  isDemo: z.boolean(),
});
export type Session = z.infer<typeof Session>;

export const AttendanceInput = z
  .object({
    sessionId: z.number().int().positive(),
    personId: z.number().int().positive(),
    attended: z.boolean().default(true),
    completed: z.boolean().default(false),
    assessment: z.number().min(0).max(100).nullable().optional(),
  })
  .refine((v) => v.attended || !v.completed, { path: ['completed'], message: 'cannot complete without attending' });
export type AttendanceInput = z.infer<typeof AttendanceInput>;
export const Attendance = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  personId: z.number().int(),
  fullName: z.string(),
  organisationName: z.string(),
  attended: z.boolean(),
  completed: z.boolean(),
  assessment: z.number().nullable(),
  certificateCode: z.string().nullable(),
});
export type Attendance = z.infer<typeof Attendance>;

// ---- coverage rule (programme office) ----
export const CoverageRule = z
  .object({
    /** Training sessions (courses of kind training or both) a person must have … */
    minTrainings: z.number().int().min(0).max(20),
    /** … completed (true) or only attended (false). */
    requireCompletion: z.boolean(),
    /** Information updates (courses of kind update or both) a person must have attended. */
    minUpdates: z.number().int().min(0).max(20),
    /** Sessions count only when held entirely within these days (the programme period by default). */
    windowFrom: isoDate,
    windowTo: isoDate,
    /** The office's own words added to the method note. */
    note: z.object({ vi: z.string().max(2000), en: z.string().max(2000) }),
  })
  .refine((v) => v.windowTo >= v.windowFrom, { path: ['windowTo'], message: 'must not be before windowFrom' })
  .refine((v) => v.minTrainings + v.minUpdates > 0, { path: ['minTrainings'], message: 'at least one session must be required' });
export type CoverageRule = z.infer<typeof CoverageRule>;
export const CoverageRuleView = z.object({ rule: CoverageRule, methodNote: z.object({ vi: z.string(), en: z.string() }) });

// ---- coverage ----
export const CoverageQuery = z.object({
  asOf: isoDate.optional(),
  group: TargetGroup.optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  status: z.enum(['covered', 'not_yet']).optional(),
  person: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;
export const CoverageRow = z.object({
  personId: z.number().int(),
  fullName: z.string(),
  position: z.string().nullable(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  targetGroup: TargetGroup,
  trainings: z.number().int(),
  updates: z.number().int(),
  covered: z.boolean(),
});
export const CoverageSummary = z.object({
  targetGroup: TargetGroup,
  people: z.number().int(),
  covered: z.number().int(),
  target: z.number(),
});
export const CoverageResult = z.object({
  asOf: z.string(),
  summary: z.array(CoverageSummary),
  items: z.array(CoverageRow),
  total: z.number().int(),
});
export type CoverageResult = z.infer<typeof CoverageResult>;

// ---- imports with a review step ----
export const MATCH_STATUSES = ['matched', 'ambiguous', 'unknown', 'new'] as const;
export const Candidate = z.object({
  personId: z.number().int(),
  fullName: z.string(),
  position: z.string().nullable(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  /** exact | folded (diacritics or case differ) | reordered (word order) | partial (a middle name missing or extra) */
  how: z.enum(['exact', 'folded', 'reordered', 'partial']),
  sameOrganisation: z.boolean(),
  /** 0–100: exact 100, folded 90, reordered 75, partial 60; 30 less for a person of another organisation */
  score: z.number().int().optional(),
});
export type Candidate = z.infer<typeof Candidate>;
/** The user's decision for a row: this person, or a new person in this organisation. */
export const Resolution = z.union([
  z.object({ personId: z.number().int().positive() }),
  z.object({ create: z.literal(true), organisationId: z.number().int().positive() }),
]);
export type Resolution = z.infer<typeof Resolution>;
/** Said on a review row when someone the reader may not see (another organisation's roster) matches the name: never
 *  named; the programme office, which sees every roster, can link them. */
export const OUTSIDE_MATCH = {
  vi: 'Có người thuộc đơn vị khác (ngoài đơn vị của bạn) trùng tên — Văn phòng Đề án có thể liên kết người này.',
  en: 'A person outside your organisation matches — the programme office can link them.',
} as const;
export const ReviewRow = z.object({
  row: z.number().int(),
  fullName: z.string(),
  position: z.string().nullable(),
  organisationId: z.number().int().nullable(),
  organisationText: z.string(),
  status: z.enum(MATCH_STATUSES),
  personId: z.number().int().nullable(),
  candidates: z.array(Candidate),
  /** Roster rows: memberships; sign-in rows: attendance flags. */
  memberships: z.array(MembershipInput).optional(),
  attended: z.boolean().optional(),
  completed: z.boolean().optional(),
  assessment: z.number().nullable().optional(),
  /** An ambiguous row's suggestion: its best candidate when no other ties it, and that score (0–100). */
  suggestedId: z.number().int().nullable().optional(),
  score: z.number().int().nullable().optional(),
  /** The reviewer's decision kept on the server (see PUT …/decisions and …/accept-suggestions). */
  decision: Resolution.nullable().optional(),
  /** OUTSIDE_MATCH when people the reader may not see match the name (they are neither named nor counted). */
  outsideMatch: z.object({ vi: z.string(), en: z.string() }).nullable().optional(),
});
export type ReviewRow = z.infer<typeof ReviewRow>;
export const ImportPreview = z.object({
  importId: z.number().int(),
  kind: z.enum(['roster', 'signin']),
  sessionId: z.number().int().nullable(),
  total: z.number().int(),
  counts: z.object({ matched: z.number().int(), ambiguous: z.number().int(), unknown: z.number().int(), new: z.number().int() }),
  /** The rows worth a look: every ambiguous and unknown row (each needs a decision), new people, and matches made
   *  ignoring diacritics; exact matches are only counted. */
  rows: z.array(ReviewRow),
  /** Ambiguous rows with a suggestion. */
  suggested: z.number().int().optional(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const IMPORT_STATES = ['queued', 'reading', 'matching', 'ready', 'writing', 'committed', 'failed'] as const;
/** An import's progress, polled while it is read, matched and written. */
export const ImportStatus = z.object({
  importId: z.number().int(),
  kind: z.enum(['roster', 'signin']),
  sessionId: z.number().int().nullable(),
  state: z.enum(IMPORT_STATES),
  /** While "queued": how many imports wait before this one (the server reads a few at once: IMPORTS_AT_ONCE). */
  ahead: z.number().int().nullable(),
  rowsRead: z.number().int(),
  rowsMatched: z.number().int(),
  rowsWritten: z.number().int(),
  /** Rows staged (known once read and matched). */
  total: z.number().int().nullable(),
  counts: z.object({ matched: z.number().int(), ambiguous: z.number().int(), unknown: z.number().int(), new: z.number().int() }).nullable(),
  suggested: z.number().int(),
  /** Rows needing a decision that have none yet. */
  undecided: z.number().int(),
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ row: z.number().int().optional(), field: z.string(), message: z.string() })),
    })
    .nullable(),
});
export type ImportStatus = z.infer<typeof ImportStatus>;
export const IMPORT_ROW_FILTERS = ['needs', 'ambiguous', 'suggested', 'unknown', 'new', 'matched', 'all'] as const;
/** A page of an import's rows (keyset on the row number), filtered. "needs" = ambiguous and unknown rows. */
export const ImportRowsQuery = z.object({
  status: z.enum(IMPORT_ROW_FILTERS).default('needs'),
  organisationId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  maxScore: z.coerce.number().int().min(0).max(100).optional(),
  /** Text to find in the names; a NUL (no text holds one) is refused rather than sent to the database. */
  q: z
    .string()
    .max(200)
    .refine((x) => !x.includes('\u0000'), 'must not contain a NUL character')
    .optional(),
  decided: z.enum(['yes', 'no']).optional(),
  after: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ImportRowsQuery = z.infer<typeof ImportRowsQuery>;
export const ImportRowsPage = z.object({ items: z.array(ReviewRow), total: z.number().int(), nextAfter: z.number().int().nullable() });
export type ImportRowsPage = z.infer<typeof ImportRowsPage>;
/** Decisions kept on the server until the commit; null clears a row's decision. */
export const ImportDecisions = z.object({
  decisions: z
    .array(z.object({ row: z.number().int(), resolution: Resolution.nullable() }))
    .min(1)
    .max(1000),
});
export type ImportDecisions = z.infer<typeof ImportDecisions>;
/** Accept every suggestion scored at least minScore (within the other filters), in one audited request. */
export const AcceptSuggestions = ImportRowsQuery.pick({ organisationId: true, q: true }).extend({
  minScore: z.number().int().min(0).max(100),
});
export type AcceptSuggestions = z.infer<typeof AcceptSuggestions>;

export const ImportCommit = z.object({
  resolutions: z
    .array(z.object({ row: z.number().int(), resolution: Resolution }))
    .max(100_000)
    .default([]),
});
export type ImportCommit = z.infer<typeof ImportCommit>;
export const ImportCommitResult = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  attendance: z.number().int(),
});
export type ImportCommitResult = z.infer<typeof ImportCommitResult>;

// ---- certificates ----
export const CertificateCheck = z.object({ fullName: z.string(), courseTitle: z.string(), completedOn: z.string() });
export type CertificateCheck = z.infer<typeof CertificateCheck>;
