// Tables of the training module (targets T2a–T2d): rostered people and their target-group memberships over time
// (the denominators), courses, sessions, attendance (the numerators) and the programme office's coverage rule.
// Only what the purpose needs (Decree 13/2023/NĐ-CP): name, position, organisation, groups — no ID numbers,
// birth dates or addresses.
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { adminUnits, organisations } from '../directory/directory.tables.js';

/** A person on an organisation's roster. A duplicate merged into another keeps its row with merged_into_id set. */
export const trainingPeople = pgTable(
  'training_people',
  {
    id: serial('id').primaryKey(),
    fullName: text('full_name').notNull(),
    /** fold(full name): diacritics and case removed, for matching and search. */
    nameKey: text('name_key').notNull(),
    position: text('position'),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => trainingPeople.id),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_people_org_idx').on(t.organisationId), index('training_people_name_key_idx').on(t.nameKey)],
);

/** A person's membership of one target group (T2a–T2d) from a day to a day (open-ended when valid_to is null). */
export const trainingMemberships = pgTable(
  'training_memberships',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => trainingPeople.id),
    targetGroup: text('target_group').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [index('training_memberships_person_idx').on(t.personId), index('training_memberships_group_idx').on(t.targetGroup, t.validFrom)],
);

export const trainingCourses = pgTable(
  'training_courses',
  {
    id: serial('id').primaryKey(),
    title: text('title').notNull(),
    topics: text('topics')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** training | update | both (an information update on the human-rights situation). */
    kind: text('kind').notNull(),
    /** in_person | online | blended */
    format: text('format').notNull(),
    hours: numeric('hours', { mode: 'number' }),
    /** The decision's audience groups (1–6, programme.md) the course is meant for. */
    audiences: integer('audiences')
      .array()
      .notNull()
      .default(sql`'{}'::int[]`),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** Library products used as materials (ids in the library module). */
    materialIds: integer('material_ids')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_courses_org_idx').on(t.organisationId)],
);

export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: serial('id').primaryKey(),
    courseId: integer('course_id')
      .notNull()
      .references(() => trainingCourses.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** A province on the map valid on the session's date, or null when abroad (country_code set). */
    provinceUnitId: integer('province_unit_id').references(() => adminUnits.id),
    countryCode: text('country_code'),
    place: text('place'),
    organiserId: integer('organiser_id')
      .notNull()
      .references(() => organisations.id),
    trainers: text('trainers'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('training_sessions_course_idx').on(t.courseId), index('training_sessions_dates_idx').on(t.endsOn)],
);

export const trainingAttendance = pgTable(
  'training_attendance',
  {
    id: serial('id').primaryKey(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => trainingSessions.id),
    personId: integer('person_id')
      .notNull()
      .references(() => trainingPeople.id),
    attended: boolean('attended').notNull().default(true),
    completed: boolean('completed').notNull().default(false),
    assessment: numeric('assessment', { mode: 'number' }),
    /** Completion certificate: verification code, set when the certificate is first issued. */
    certificateCode: text('certificate_code'),
    certificateIssuedAt: timestamp('certificate_issued_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    uniqueIndex('training_attendance_session_person_uq').on(t.sessionId, t.personId),
    index('training_attendance_person_idx').on(t.personId),
    uniqueIndex('training_attendance_certificate_uq').on(t.certificateCode),
  ],
);

/** One row (id = 1): the coverage rule the programme office sets, with its own note. */
export const trainingSettings = pgTable('training_settings', {
  id: integer('id').primaryKey(),
  rule: jsonb('rule').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An import: read and matched (its progress kept here while it runs), then waiting for the user's review; committed
 *  (all or nothing) once every ambiguous and unknown row has a decision. Its rows are in training_import_rows. */
export const trainingImports = pgTable('training_imports', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(), // roster | signin
  sessionId: integer('session_id').references(() => trainingSessions.id),
  /** Rows of imports staged before training_import_rows existed (read by nothing new; kept for history). */
  rows: jsonb('rows')
    .notNull()
    .default(sql`'[]'::jsonb`),
  /** reading | matching | ready | committed | failed */
  state: text('state').notNull().default('ready'),
  rowsRead: integer('rows_read').notNull().default(0),
  rowsMatched: integer('rows_matched').notNull().default(0),
  rowsWritten: integer('rows_written').notNull().default(0),
  /** { matched, ambiguous, unknown, new, suggested } once matched. */
  counts: jsonb('counts'),
  /** Why a failed import failed: { code, message, details } (every bad row, as the preview reports them). */
  error: jsonb('error'),
  createdBy: integer('created_by'),
  createdByName: text('created_by_name').notNull(),
  committedAt: timestamp('committed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row of an import as read, with its match, the best candidate (suggestion and its score 0–100) and the
 *  reviewer's decision; paged and filtered in SQL so every row needing a decision can be reached. */
export const trainingImportRows = pgTable(
  'training_import_rows',
  {
    importId: integer('import_id')
      .notNull()
      .references(() => trainingImports.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    /** matched | ambiguous | unknown | new */
    status: text('status').notNull(),
    how: text('how'),
    fullName: text('full_name').notNull(),
    nameKey: text('name_key').notNull(),
    position: text('position'),
    organisationId: integer('organisation_id'),
    organisationText: text('organisation_text').notNull(),
    personId: integer('person_id'),
    suggestedId: integer('suggested_id'),
    score: integer('score'),
    candidateIds: integer('candidate_ids')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    candidates: jsonb('candidates')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Sign-in rows: { attended, completed, assessment }; roster rows: { memberships }. */
    detail: jsonb('detail')
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** The reviewer's decision: { personId } or { create: true, organisationId }. */
    decision: jsonb('decision'),
  },
  (t) => [primaryKey({ columns: [t.importId, t.row] }), index('training_import_rows_review_idx').on(t.importId, t.status, t.row)],
);
