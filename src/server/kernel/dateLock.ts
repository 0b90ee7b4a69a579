// The date lock: one check that every module's dated writes call (create and update of a record dated in a period:
// press items, spokespersons, training sessions and attendance, exhibitions, library editions, fact-checking items and
// actions, recommendation actions and reports) before writing, in their transaction. The programme cycle registers
// what the lock is (a closed period past its expiry days needs the office's permission, cycle.official.ts); the
// kernel knows only that there is a check and what a dated field is, so no module imports the cycle.
import type { Actor } from './audit.js';
import type { Db } from './db.js';
import { AppError } from './errors.js';
import { vnDate } from './periods.js';

/** A dated field of the record being written: its name (as the error names it), its day (a date, or an instant
 *  read as its day in Viet Nam; empty days are skipped) and, in an import, its row. */
export type DatedField = { field: string; day: string | Date | null | undefined; row?: number };
/** What a lock says of the days it refuses: the index of each in `days`, why, and one sentence for the whole refusal. */
export type DateLockCheck = (
  db: Db,
  actor: Actor,
  days: { field: string; day: string }[],
) => Promise<{ refused: { index: number; message: string }[]; summary: string } | null>;

const checks: DateLockCheck[] = [];

export function registerDateLock(check: DateLockCheck): void {
  if (!checks.includes(check)) checks.push(check);
}

function dayOf(d: string | Date): string {
  if (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)) return d;
  const t = d instanceof Date ? d : new Date(d);
  return Number.isNaN(t.getTime()) ? '' : vnDate(t);
}

/** Throws 403 naming each refused field (and row) when a registered lock refuses a write dated on one of these days. */
export async function assertDatesWritable(db: Db, actor: Actor, fields: DatedField[]): Promise<void> {
  if (!checks.length) return;
  // A day that is no calendar date (2025-02-30) is left to the service's validation, which names it.
  const dated = fields
    .filter((f) => f.day !== null && f.day !== undefined && f.day !== '')
    .map((f) => ({ ...f, day: dayOf(f.day!) }))
    .filter(
      (f) =>
        /^\d{4}-\d{2}-\d{2}$/.test(f.day) &&
        !Number.isNaN(Date.parse(`${f.day}T00:00:00Z`)) &&
        new Date(`${f.day}T00:00:00Z`).toISOString().startsWith(f.day),
    );
  if (!dated.length) return;
  for (const check of checks) {
    const r = await check(
      db,
      actor,
      dated.map(({ field, day }) => ({ field, day })),
    );
    if (r?.refused.length) {
      throw new AppError(
        'forbidden',
        r.summary,
        r.refused.map(({ index, message }) => ({
          ...(dated[index]!.row !== undefined ? { row: dated[index]!.row } : {}),
          field: dated[index]!.field,
          message,
        })),
      );
    }
  }
}
