// Contracts of the directory module and of authentication: the only code both server and web import.
import { z } from 'zod';

/** admin: the programme office; editor: one organisation and those below it; reviewer, analyst, viewer: read (reviewers
 *  also approve fact-checks); coordinator: a provincial coordinator, scoped to one province of the current map (approves
 *  the reports of that province's organisations before the office, when the office turns it on; read-only elsewhere). */
export const ROLES = ['admin', 'editor', 'reviewer', 'analyst', 'viewer', 'coordinator'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ORG_KINDS = [
  'ministry',
  'central_agency',
  'provincial_committee',
  'provincial_department',
  'press',
  'socio_political_central',
  'socio_political_provincial',
  'mission_abroad',
  'other',
] as const;
export const OrgKind = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof OrgKind>;

export const MapVersion = z.enum(['63', '34']);
export type MapVersion = z.infer<typeof MapVersion>;

/** A message in both languages. */
export const BilingualText = z.object({ vi: z.string(), en: z.string() });
export type BilingualText = z.infer<typeof BilingualText>;
/** Error body every endpoint returns on failure: `message` (and each detail's) in the language the request asked for
 *  (Accept-Language: vi or en, else English); `text` holds both; `key` names the message when the server knows it;
 *  `generic` says the Vietnamese is only the code's own sentence. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    key: z.string().optional(),
    text: BilingualText.optional(),
    generic: z.boolean().optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
/** One bad row or field in an import or form: `row` is the spreadsheet row number (1 = header); `sheet` names the
 *  worksheet when a workbook has several (e.g. "items"). */
export const FieldIssue = z.object({
  sheet: z.string().optional(),
  row: z.number().int().optional(),
  field: z.string(),
  /** In the reader's language (Accept-Language: vi or en, else English). */
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

// ---- auth ----
export const LoginInput = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) });
export const LocaleInput = z.object({ locale: z.enum(['vi', 'en']) });

// ---- administrative units ----
export const AdminUnit = z.object({
  id: z.number().int(),
  mapVersion: MapVersion,
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  type: z.enum(['province', 'municipality']),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  region: z.string().nullable(),
  /** 63-map: the 34-map unit it became; 34-map: the 63-map units it was formed from. */
  crosswalk: z.array(z.object({ code: z.string(), nameVi: z.string() })),
  typeHistory: z.array(
    z.object({ type: z.enum(['province', 'municipality']), validFrom: z.string().nullable(), validTo: z.string().nullable() }),
  ),
});
export type AdminUnit = z.infer<typeof AdminUnit>;
export const Country = z.object({ alpha2: z.string(), alpha3: z.string(), nameEn: z.string(), nameVi: z.string() });
export type Country = z.infer<typeof Country>;

// ---- organisations ----
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/** A calendar date as YYYY-MM-DD (a real day). */
const calendarDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a calendar date',
  );
/** The first day of the 34-unit map (Resolution 202/2025/QH15): an organisation whose validity ends before it lies on
 *  the 63-unit map. */
export const MAP34_FROM = '2025-07-01';
/** How an organisation passed to its successor: merged into it, split up (the successor was split from it and takes
 *  over its records), or renamed to it. */
export const SuccessionKind = z.enum(['merged_into', 'split_from', 'renamed']);
export type SuccessionKind = z.infer<typeof SuccessionKind>;

export const OrganisationInput = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only'),
  nameVi: z.string().trim().min(1).max(300),
  nameEn: optionalText(300),
  shortName: optionalText(60),
  kind: OrgKind,
  parentId: z.number().int().nullable().optional(),
  /** Province on the map valid at the organisation's dates: the 63-unit map when its validity ends before
   *  2025-07-01 (a former agency), else the current 34-unit map; null for central or abroad. */
  provinceCode: z.string().trim().max(2).nullable().optional(),
  /** First and last day of existence (Viet Nam days); omitted on an update: unchanged. */
  validFrom: calendarDate.nullable().optional(),
  validTo: calendarDate.nullable().optional(),
  /** ISO 3166-1 alpha-2, for missions abroad. */
  countryCode: z.string().trim().length(2).nullable().optional(),
  isStateAdminAgency: z.boolean().default(false),
  /** The organisation that took over from it (with the kind of succession, and a last day); omitted: unchanged. */
  successorId: z.number().int().nullable().optional(),
  successionKind: SuccessionKind.nullable().optional(),
});
export type OrganisationInput = z.infer<typeof OrganisationInput>;

export const Organisation = z.object({
  id: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
  shortName: z.string().nullable(),
  kind: OrgKind,
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  /** The map the province is on ('63' for a former agency's province, else '34'). */
  provinceMap: z.enum(['63', '34']).nullable(),
  countryCode: z.string().nullable(),
  countryName: z.string().nullable(),
  isStateAdminAgency: z.boolean(),
  active: z.boolean(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  successorId: z.number().int().nullable(),
  successionKind: SuccessionKind.nullable(),
  /** The organisations that passed to it (one organisation's read only). */
  predecessors: z
    .array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        nameVi: z.string(),
        successionKind: SuccessionKind.nullable(),
        validTo: z.string().nullable(),
      }),
    )
    .optional(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: OrgKind.optional(),
  province: z.string().max(2).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const OrganisationList = z.object({ items: z.array(Organisation), total: z.number().int() });

/** Compact node for the whole tree (all organisations in one response). */
export const OrgTreeNode = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
  kind: OrgKind,
  provinceCode: z.string().nullable(),
  active: z.boolean(),
});
export type OrgTreeNode = z.infer<typeof OrgTreeNode>;

export const ImportResult = z.object({ created: z.number().int(), updated: z.number().int(), rows: z.number().int() });
export type ImportResult = z.infer<typeof ImportResult>;

// ---- users ----
export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  /** A provincial coordinator's province (34-unit map code); null for other roles. */
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  active: z.boolean(),
  locale: z.enum(['vi', 'en']),
  email: z.string().nullable(),
  isDemo: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof User>;
/** Accounts with failed sign-ins in the limits' window, by address; blockedSeconds: how long that address must still
 *  wait before trying the account again (0: it may try). */
export const SignInFailures = z.array(
  z.object({
    userId: z.number().int(),
    username: z.string(),
    failures: z.number().int(),
    addresses: z.array(z.object({ address: z.string(), failures: z.number().int(), blockedSeconds: z.number().int() })),
  }),
);
export type SignInFailures = z.infer<typeof SignInFailures>;
/** The signed-in user, with the CSRF token every cookie-authenticated write must send back. */
export const Me = User.pick({
  id: true,
  username: true,
  displayName: true,
  role: true,
  organisationId: true,
  organisationName: true,
  provinceCode: true,
  locale: true,
}).extend({ csrfToken: z.string() });
export type Me = z.infer<typeof Me>;
export const UserCreateInput = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(100)
    .regex(/^[a-z0-9._@-]+$/, 'lower-case letters, digits, . _ @ - only'),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(10, 'at least 10 characters').max(200),
  role: Role,
  organisationId: z.number().int().nullable().optional(),
  /** Required for a provincial coordinator: a province of the current (34-unit) map. */
  provinceCode: z.string().trim().max(2).nullable().optional(),
  email: z.string().trim().email('not an email address').max(200).nullable().optional(),
});
export const UserUpdateInput = z.object({
  email: z.string().trim().email('not an email address').max(200).nullable().optional(),
  displayName: z.string().trim().min(1).max(200).optional(),
  role: Role.optional(),
  organisationId: z.number().int().nullable().optional(),
  provinceCode: z.string().trim().max(2).nullable().optional(),
  active: z.boolean().optional(),
  password: z.string().min(10, 'at least 10 characters').max(200).optional(),
});

// ---- audit ----
export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string(),
  via: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditQuery = z.object({
  entity: z.string().max(60).optional(),
  action: z.string().max(60).optional(),
  actorId: z.coerce.number().int().optional(),
  entityId: z.string().max(60).optional(),
  from: z.string().max(30).optional(),
  to: z.string().max(30).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const AuditList = z.object({ items: z.array(AuditEntry), total: z.number().int() });
