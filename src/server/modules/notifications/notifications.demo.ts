// Demo notifications: the sources asked as the job asks them, with the whole current reporting period in view (so
// that every demo user finds notices waiting whatever the day of the quarter), marked is_demo; a third of them read
// already. removeNotificationsDemo deletes them, every notice and choice of a demo user, and the notices about demo
// organisations (call it before the directory's removeDemo).
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../kernel/db.js';
import { generateNotifications } from './notifications.service.js';

/** Days ahead for the demo pass: a quarter's length, so a period's "information missing" shows on any day. */
export const DEMO_DAYS_AHEAD = 92;

export async function seedNotificationsDemo(db: Db, now = new Date()): Promise<{ notifications: number }> {
  const n = await generateNotifications(db, { daysAhead: DEMO_DAYS_AHEAD, mail: false, now, isDemo: true });
  await db.execute(sql`update notifications set read_at = created_at where is_demo and id % 3 = 0 and kind <> 'notifications.welcome'`);
  return { notifications: n };
}

export async function removeNotificationsDemo(db: Db): Promise<{ notifications: number }> {
  return db.transaction(async (tx) => {
    const demoUsers = sql`(select id from users where is_demo)`;
    const r = await rows<{ id: number }>(
      tx,
      sql`delete from notifications where is_demo or user_id in ${demoUsers}
      or organisation_id in (select id from organisations where is_demo) returning id`,
    );
    await tx.execute(sql`delete from notification_preferences where user_id in ${demoUsers}`);
    await tx.execute(sql`delete from notification_settings where user_id in ${demoUsers}`);
    return { notifications: r.length };
  });
}
