// Reporting periods in Viet Nam's time (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving): a period is
// the half-open instant range [start, end) between two Vietnamese midnights, e.g. Q1 2026 is
// [2025-12-31T17:00Z, 2026-03-31T17:00Z). Ids: 2026 | 2026-H1 | 2026-Q1 | 2026-03.
import type { PeriodKind } from '../../shared/contracts/press.js';
import { AppError } from './errors.js';

export const VN_OFFSET_MS = 7 * 3600_000;
export type Period = { id: string | null; kind: PeriodKind | null; start: Date; end: Date; firstDay: string; lastDay: string };

const MONTHS: Record<PeriodKind, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

/** The instant of Vietnamese midnight starting day d of month m (1-based; overflow rolls over). */
export function vnMidnight(y: number, m: number, d = 1): Date {
  return new Date(Date.UTC(y, m - 1, d) - VN_OFFSET_MS);
}

/** The calendar date in Viet Nam of an instant, YYYY-MM-DD. */
export function vnDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

function idOf(kind: PeriodKind, y: number, index: number): string {
  if (kind === 'yearly') return String(y);
  if (kind === 'half_yearly') return `${y}-H${index + 1}`;
  if (kind === 'quarterly') return `${y}-Q${index + 1}`;
  return `${y}-${String(index + 1).padStart(2, '0')}`;
}

export function makePeriod(kind: PeriodKind, y: number, index: number): Period {
  const n = MONTHS[kind];
  const start = vnMidnight(y, index * n + 1);
  const end = vnMidnight(y, (index + 1) * n + 1);
  return { id: idOf(kind, y, index), kind, start, end, firstDay: vnDate(start), lastDay: vnDate(new Date(end.getTime() - 1)) };
}

export function parsePeriodId(id: string): Period {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(id))) return makePeriod('yearly', +m[1], 0);
  if ((m = /^(\d{4})-H([12])$/.exec(id))) return makePeriod('half_yearly', +m[1], +m[2] - 1);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(id))) return makePeriod('quarterly', +m[1], +m[2] - 1);
  if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(id))) return makePeriod('monthly', +m[1], +m[2] - 1);
  throw new AppError('validation_failed', `Unknown period "${id}"`, [
    { field: 'period', message: 'one of YYYY, YYYY-H1, YYYY-Q1, YYYY-MM' },
  ]);
}

export function periodContaining(kind: PeriodKind, at: Date): Period {
  const local = new Date(at.getTime() + VN_OFFSET_MS);
  return makePeriod(kind, local.getUTCFullYear(), Math.floor(local.getUTCMonth() / MONTHS[kind]));
}

/** The periods of one kind that make up a year. */
export function periodsOfYear(kind: PeriodKind, y: number): Period[] {
  return Array.from({ length: 12 / MONTHS[kind] }, (_, i) => makePeriod(kind, y, i));
}

/** A free range [start, end): both instants; the days are their Vietnamese dates. */
export function periodFromRange(start: Date, end: Date): Period {
  if (!(end > start))
    throw new AppError('validation_failed', 'The period must end after it starts', [
      { field: 'periodEnd', message: 'must be after periodStart' },
    ]);
  return { id: null, kind: null, start, end, firstDay: vnDate(start), lastDay: vnDate(new Date(end.getTime() - 1)) };
}
