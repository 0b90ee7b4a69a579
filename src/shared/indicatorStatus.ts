// Worst first, the same on every page and in every report: behind, at risk, on track, then no data; rows of the same
// status by how far each falls short of the target's direction. Pure, shared by the workspace (the dashboard's
// province rows), the server (its summary and the Word report's province tables).
import type { IndicatorStatus, TargetSpec } from './contracts/indicators.js';

/** Worst first: behind, at risk, on track, then no data (nothing to judge yet). */
export const STATUS_ORDER: readonly IndicatorStatus[] = ['off_track', 'at_risk', 'on_track', 'no_data'];
export const statusRank = (s: IndicatorStatus | undefined): number => STATUS_ORDER.indexOf(s ?? 'no_data');

/** How far a value falls short of the target's direction (larger is worse), to order rows of the same status. */
function shortfall(target: TargetSpec, value: number | null): number {
  if (value === null) return -Infinity;
  if (target.kind === 'below') return value;
  if (target.kind === 'band') return value < target.min ? target.min - value : value > target.max ? value - target.max : 0;
  return -value;
}

/** Rows (provinces) worst first: by status, then by how far each falls short; rows without a value last. */
export function worstFirst<T extends { status?: IndicatorStatus; value: number | null }>(rows: T[], target: TargetSpec): T[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) => statusRank(a.r.status) - statusRank(b.r.status) || shortfall(target, b.r.value) - shortfall(target, a.r.value) || a.i - b.i,
    )
    .map((x) => x.r);
}
