// Notifications: one row per person and event (who was told of what, once), each person's choices per kind, and
// whether they want a daily digest. The e-mails are claimed in the kernel's once_claims (kernel/once.ts).
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organisations, users } from '../directory/directory.tables.js';

export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** The kind (a source's, e.g. press.t1_missing) and the event within it: one row per person, kind and event. */
    kind: text('kind').notNull(),
    eventKey: text('event_key').notNull(),
    /** The organisation whose record it is about (null: none in particular, e.g. the fact-checking desk's work). */
    organisationId: integer('organisation_id').references(() => organisations.id),
    /** The person's role and organisation when told: shown to them only while they still hold both. */
    toldRole: text('told_role').notNull(),
    toldOrganisationId: integer('told_organisation_id'),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en').notNull(),
    bodyVi: text('body_vi'),
    bodyEn: text('body_en'),
    /** A workspace page (path and query inside /app). */
    link: text('link').notNull(),
    due: date('due', { mode: 'string' }),
    /** Shown in the inbox (the person's choice for the kind when told). */
    inInbox: boolean('in_inbox').notNull().default(true),
    /** Still to be e-mailed (alone or in the next digest). */
    emailPending: boolean('email_pending').notNull().default(false),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    uniqueIndex('notifications_event_uq').on(t.userId, t.kind, t.eventKey),
    index('notifications_inbox_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`${t.inInbox} and ${t.readAt} is null`),
    index('notifications_mail_idx')
      .on(t.userId)
      .where(sql`${t.emailPending}`),
  ],
);

/** A person's choice for one kind (no row: the kind's defaults). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    inbox: boolean('inbox').notNull(),
    email: boolean('email').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/** A person's e-mail rhythm: a daily digest instead of a message per notice (no row: single messages). */
export const notificationSettings = pgTable('notification_settings', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id),
  digest: boolean('digest').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
