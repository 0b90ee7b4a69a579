// Private iCalendar feeds: each person's address is /calendar/u/<user id>-<HMAC-SHA256 of the user id keyed by the
// person's random feed key>.ics. The key is made on the first request for the address and replaced on reset, which
// makes every earlier address answer 404. The id alone opens nothing.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { calendarFeedKeys } from './calendar.tables.js';

const AUDIT_ENTITY = 'calendar_feed';

const mac = (userId: number, key: string) => createHmac('sha256', key).update(`rightshub-calendar:${userId}`).digest('base64url');
const feedPath = (userId: number, key: string) => `/calendar/u/${userId}-${mac(userId, key)}.ics`;

function signedIn(actor: Actor): number {
  if (actor.userId === null) throw new AppError('forbidden', 'Only a signed-in person has a private calendar feed');
  return actor.userId;
}

/** The actor's private feed path, or null when none has been made yet. */
export async function getFeedPath(db: Db, actor: Actor): Promise<string | null> {
  const userId = signedIn(actor);
  const [k] = await db.select().from(calendarFeedKeys).where(eq(calendarFeedKeys.userId, userId));
  return k ? feedPath(userId, k.feedKey) : null;
}

/** Makes (or replaces) the actor's feed key: the new address; the old one, if any, stops working. */
export async function resetFeedKey(db: Db, actor: Actor): Promise<string> {
  const userId = signedIn(actor);
  const feedKey = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ userId: calendarFeedKeys.userId }).from(calendarFeedKeys).where(eq(calendarFeedKeys.userId, userId));
    await tx
      .insert(calendarFeedKeys)
      .values({ userId, feedKey })
      .onConflictDoUpdate({ target: calendarFeedKeys.userId, set: { feedKey, createdAt: new Date() } });
    await recordAudit(tx, actor, before ? 'update' : 'create', AUDIT_ENTITY, userId, null, null);
  });
  return feedPath(userId, feedKey);
}

/** The user a feed token opens, or null (unknown user, no key, or a signature that does not match). */
export async function userOfToken(db: Db, token: string): Promise<number | null> {
  const m = /^(\d{1,10})-([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const userId = Number(m[1]);
  if (userId > 2_147_483_647) return null;
  const [k] = await db.select().from(calendarFeedKeys).where(eq(calendarFeedKeys.userId, userId));
  if (!k) return null;
  const want = Buffer.from(mac(userId, k.feedKey));
  const got = Buffer.from(m[2]!);
  return want.length === got.length && timingSafeEqual(want, got) ? userId : null;
}
