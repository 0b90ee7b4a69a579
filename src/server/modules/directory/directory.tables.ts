// Tables of the directory module: administrative units on both maps and their crosswalk, countries,
// organisations, people and users.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** A provincial unit; identity is (map_version, code) — codes are reused across the 63- and 34-unit maps. */
export const adminUnits = pgTable(
  'admin_units',
  {
    id: serial('id').primaryKey(),
    mapVersion: text('map_version').notNull(), // '63' | '34'
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    region: text('region'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [uniqueIndex('admin_units_map_code_uq').on(t.mapVersion, t.code)],
);

/** Type of a unit over time (province / municipality), e.g. Huế became a municipality on 2025-01-01. */
export const adminUnitTypes = pgTable(
  'admin_unit_types',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => adminUnits.id),
    type: text('type').notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [index('admin_unit_types_unit_idx').on(t.unitId)],
);

/** 63-unit map → 34-unit map (Resolution 202/2025/QH15): every old unit maps to exactly one new unit. */
export const adminUnitCrosswalk = pgTable(
  'admin_unit_crosswalk',
  {
    oldUnitId: integer('old_unit_id')
      .primaryKey()
      .references(() => adminUnits.id),
    newUnitId: integer('new_unit_id')
      .notNull()
      .references(() => adminUnits.id),
  },
  (t) => [index('crosswalk_new_idx').on(t.newUnitId)],
);

export const countries = pgTable('countries', {
  alpha2: text('alpha2').primaryKey(),
  alpha3: text('alpha3').notNull(),
  numeric: text('numeric').notNull(),
  nameEn: text('name_en').notNull(),
  nameVi: text('name_vi').notNull(),
});

export const organisations = pgTable(
  'organisations',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    shortName: text('short_name'),
    kind: text('kind').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => organisations.id),
    provinceUnitId: integer('province_unit_id').references(() => adminUnits.id),
    countryCode: text('country_code').references(() => countries.alpha2),
    isStateAdminAgency: boolean('is_state_admin_agency').notNull().default(false),
    active: boolean('active').notNull().default(true),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    successorId: integer('successor_id').references((): AnyPgColumn => organisations.id),
    /** How it passed to its successor: 'merged_into' | 'split_from' (the successor was split from it) | 'renamed'. */
    successionKind: text('succession_kind'),
    searchText: text('search_text').notNull().default(''), // folded names and code, for diacritic-free search
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_code_uq').on(sql`lower(${t.code})`),
    index('organisations_parent_idx').on(t.parentId),
    index('organisations_name_idx').on(t.nameVi, t.id),
    index('organisations_province_idx').on(t.provinceUnitId),
    index('organisations_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/** People known to the programme (spokespersons, trainees…): only what the purpose needs. */
export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    fullName: text('full_name').notNull(),
    position: text('position'),
    organisationId: integer('organisation_id').references(() => organisations.id),
    email: text('email'),
    phone: text('phone'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('people_org_idx').on(t.organisationId)],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    organisationId: integer('organisation_id').references(() => organisations.id),
    /** A provincial coordinator's province on the current (34-unit) map; null for every other role. */
    provinceUnitId: integer('province_unit_id').references(() => adminUnits.id),
    active: boolean('active').notNull().default(true),
    locale: text('locale').notNull().default('vi'),
    /** Where the person's notifications are e-mailed (modules/notifications); optional. */
    email: text('email'),
    isDemo: boolean('is_demo').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`)],
);

/** API tokens of machine clients (tokens.service.ts): only the SHA-256 of the secret is stored; the scope (role,
 *  organisation, province, read-only) is never more than its creator could grant. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    role: text('role').notNull(),
    organisationId: integer('organisation_id').references(() => organisations.id),
    provinceUnitId: integer('province_unit_id').references(() => adminUnits.id),
    readOnly: boolean('read_only').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_secret_uq').on(t.secretHash), index('api_tokens_user_idx').on(t.userId)],
);
