/**
 * Where the programme stands at a glance, for the public home and the progress page: how many targets are on track,
 * at risk, behind or without data, from the status each target's figure already has (a target whose module does not
 * exist yet has no figure: it counts as "no data", never as behind). Counts are written with their 2028 target as
 * denominator ("37 / 63") and their expected values as whole numbers.
 */
import type { DashboardResult, IndicatorDefinition, IndicatorStatus, IndicatorUnit } from '../../shared/contracts/indicators.js';
import { formatNumber } from '../../shared/mapScale.js';
import type { Lang } from './programme.js';
import { formatFigure } from './progress.text.js';

export type StatusSummary = Record<IndicatorStatus, number> & { total: number };

/** The number of targets in each status; `total` is every target of the decision. */
export function summariseStatuses(d: Pick<DashboardResult, 'indicators' | 'figures'>): StatusSummary {
  const out: StatusSummary = { on_track: 0, at_risk: 0, off_track: 0, no_data: 0, total: d.indicators.length };
  const status = new Map(d.figures.map((f) => [f.id, f.status]));
  for (const def of d.indicators) out[status.get(def.id) ?? 'no_data'] += 1;
  return out;
}

const SUMMARY_WORDS = {
  vi: { targets: 'mục tiêu', on_track: 'đúng tiến độ', at_risk: 'có nguy cơ chậm', off_track: 'chậm tiến độ', no_data: 'chưa có số liệu' },
  en: { targets: 'targets', on_track: 'on track', at_risk: 'at risk', off_track: 'behind', no_data: 'no data' },
} as const;

/** The statuses in the order the summary lists them. */
export const SUMMARY_ORDER = ['on_track', 'at_risk', 'off_track', 'no_data'] as const;

/** One status of the summary in words: "5 đúng tiến độ" / "5 on track". */
export const summaryPart = (s: StatusSummary, k: IndicatorStatus, lang: Lang) => `${s[k]} ${SUMMARY_WORDS[lang][k]}`;

/** The whole line: "12 mục tiêu: 5 đúng tiến độ · 3 có nguy cơ chậm · 2 chậm tiến độ · 2 chưa có số liệu". */
export function summaryLine(s: StatusSummary, lang: Lang): string {
  return `${s.total} ${SUMMARY_WORDS[lang].targets}: ${SUMMARY_ORDER.map((k) => summaryPart(s, k, lang)).join(' · ')}`;
}

/** The 2028 figure a count is measured against (T3: 63 provinces, T4a: 1,000 titles); null for other targets. */
export function countTarget(def: Pick<IndicatorDefinition, 'unit' | 'target'>): number | null {
  return def.unit === 'count' && def.target.kind !== 'band' ? def.target.value : null;
}

/** A target's value as people read it: a percentage ("89,9 %"), a count over its target ("37 / 63"). */
export function figureText(value: number | null, def: Pick<IndicatorDefinition, 'unit' | 'target'>, lang: Lang): string {
  const of = countTarget(def);
  if (value === null || of === null) return formatFigure(value, def.unit, lang);
  return `${formatNumber(Math.round(value), lang)} / ${formatNumber(of, lang)}`;
}

/** An expected value: counts are whole (a trajectory of 63 provinces over six years expects 21, not 21,2). */
export function expectedText(value: number | null, unit: IndicatorUnit, lang: Lang): string {
  return formatFigure(value === null ? null : unit === 'count' ? Math.round(value) : value, unit, lang);
}
