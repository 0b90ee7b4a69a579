// Tables of the calendar module: each person's private iCalendar feed key. The feed's address carries an HMAC of the
// user id keyed by this random key (calendar.feed.ts); resetting the key changes the address, the old one answers 404.
import { pgTable, integer, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../directory/directory.tables.js';

export const calendarFeedKeys = pgTable('calendar_feed_keys', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** 32 random bytes, base64url; never shown: only the HMAC made with it is part of an address. */
  feedKey: text('feed_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
