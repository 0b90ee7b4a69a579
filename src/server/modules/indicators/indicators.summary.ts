// Where the programme stands in one line: how many targets are on track, at risk, behind and without data. Pure (no
// database), so the dashboard's response and the public portal compute the same summary from the same statuses.
import type { IndicatorStatus } from '../../../shared/contracts/indicators.js';

export type StatusSummary = { onTrack: number; atRisk: number; behind: number; noData: number };

/** Counts the statuses of the targets (a target without a data source is `no_data`). */
export function summariseStatuses(statuses: readonly IndicatorStatus[]): StatusSummary {
  const out: StatusSummary = { onTrack: 0, atRisk: 0, behind: 0, noData: 0 };
  for (const s of statuses) {
    if (s === 'on_track') out.onTrack++;
    else if (s === 'at_risk') out.atRisk++;
    else if (s === 'off_track') out.behind++;
    else out.noData++;
  }
  return out;
}

export { STATUS_ORDER, statusRank } from '../../../shared/indicatorStatus.js';
