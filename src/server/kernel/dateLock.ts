// The date lock: one check that every module's dated writes call (create and update of a record dated in a period:
// press items, spokespersons, training sessions and attendance, exhibitions, library editions, fact-checking items and
// actions, recommendation actions and reports) before writing, in their transaction. The programme cycle registers
// what the lock is (a closed period past its expiry days needs the office's permission, cycle.official.ts); the
// kernel knows only that there is a check and what a dated field is, so no module imports the cycle.
import type { Actor } from './audit.js';
import type { Db } from './db.js';
import { vnDate } from './periods.js';

/** A dated field of the record being written: its name (as the error names it) and its day (a date, or an instant
 *  read as its day in Viet Nam); empty days are skipped. */
export type DatedField = { field: string; day: string | Date | null | undefined };
export type DateLockCheck = (db: Db, actor: Actor, days: { field: string; day: string }[]) => Promise<void>;

const checks: DateLockCheck[] = [];

export function registerDateLock(check: DateLockCheck): void {
  if (!checks.includes(check)) checks.push(check);
}

/** Throws (AppError, naming each refused field) when a registered lock refuses a write dated on one of these days. */
export async function assertDatesWritable(db: Db, actor: Actor, fields: DatedField[]): Promise<void> {
  if (!checks.length) return;
  const days: { field: string; day: string }[] = [];
  for (const f of fields) {
    if (f.day === null || f.day === undefined || f.day === '') continue;
    const day = f.day instanceof Date ? vnDate(f.day) : /^\d{4}-\d{2}-\d{2}$/.test(f.day.slice(0, 10)) && f.day.length <= 10 ? f.day : vnDate(new Date(f.day));
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) days.push({ field: f.field, day });
  }
  for (const c of checks) await c(db, actor, days);
}
