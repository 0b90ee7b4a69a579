// Work done once, whichever copy of the server does it — the way the recommendation reminders first sent their
// e-mails, made general: the work's keys are claimed in once_claims (insert … on conflict do nothing) in one
// transaction with whatever records the claim (the audit entry, rows marked as done); only the keys this caller
// inserted are its to do. When the work fails, the claims are deleted again (with the caller's undo), so a later pass
// does it; a copy that finds a key claimed skips it. N copies on one database, each with its own timer, therefore do
// each piece of work once. Used by the notifications' e-mails (modules/notifications/notifications.mail.ts).
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from './db.js';
import { onceClaims } from './kernel.tables.js';

/** Claims `keys` of `scope`; returns those this caller got (the others were claimed before, by it or by another copy). */
export async function claimOnce(db: Db, scope: string, keys: string[]): Promise<Set<string>> {
  const unique = [...new Set(keys)];
  if (!unique.length) return new Set();
  const got = await db
    .insert(onceClaims)
    .values(unique.map((key) => ({ scope, key })))
    .onConflictDoNothing()
    .returning({ key: onceClaims.key });
  return new Set(got.map((g) => g.key));
}

/** Gives claims back (the work failed): a later pass may claim them again. */
export async function releaseOnce(db: Db, scope: string, keys: string[]): Promise<void> {
  if (keys.length) await db.delete(onceClaims).where(and(eq(onceClaims.scope, scope), inArray(onceClaims.key, [...new Set(keys)])));
}

/** One delivery, once: in one transaction claim the items' keys and `record` what was claimed (audit, marks); then
 *  `deliver` the claimed items outside any transaction (an e-mail is not rolled back); when that fails, in one
 *  transaction release the claims and `undo` the marks, and rethrow. Returns the items this caller delivered (none:
 *  every key had been claimed before). */
export async function deliverOnce<T>(
  db: Db,
  scope: string,
  items: T[],
  keyOf: (item: T) => string,
  steps: {
    record?: (tx: Db, mine: T[]) => Promise<void>;
    deliver: (mine: T[]) => Promise<void>;
    undo?: (tx: Db, mine: T[], error: unknown) => Promise<void>;
  },
): Promise<T[]> {
  const mine = await db.transaction(async (tx) => {
    const got = await claimOnce(tx, scope, items.map(keyOf));
    const list = items.filter((i) => got.has(keyOf(i)));
    if (list.length && steps.record) await steps.record(tx, list);
    return list;
  });
  if (!mine.length) return mine;
  try {
    await steps.deliver(mine);
  } catch (err) {
    await db.transaction(async (tx) => {
      await releaseOnce(tx, scope, mine.map(keyOf));
      await steps.undo?.(tx, mine, err);
    });
    throw err;
  }
  return mine;
}
