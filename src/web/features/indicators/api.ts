// Indicators client side: the scope kept in the URL (so a view can be shared), queries, and formatting.
import { useQuery } from '@tanstack/react-query';
import type {
  DashboardResult,
  DrillResult,
  IndicatorDefinition,
  IndicatorFigure,
  IndicatorStatus,
  TargetSpec,
} from '../../../shared/contracts/indicators';
import { formatValue } from '../../../shared/mapScale';
import { get, qs } from '../../lib/api';
import { statusRank } from '../../../shared/indicatorStatus';
import { periodLabel, targetSpecText } from '../../lib/labels';
import { setSearchParams, useSearchParams } from '../../app/router';

export type Scope = { period: string; map: '34' | '63'; province: string | null; orgKind: string | null; organisationId: string | null };

/** The current year in Viet Nam (UTC+7), the dashboard's default period. */
export function currentYear(now = new Date()): string {
  return String(new Date(now.getTime() + 7 * 3600_000).getUTCFullYear());
}

/** The scope of the page from the URL: ?period=2026-Q1&map=63&province=02&kind=ministry&organisation=12 */
export function useScope(): [Scope, (patch: Partial<Scope> & Record<string, string | null | undefined>) => void] {
  const p = useSearchParams();
  const scope: Scope = {
    period: p.get('period') ?? currentYear(),
    map: p.get('map') === '63' ? '63' : '34',
    province: p.get('province'),
    orgKind: p.get('kind'),
    organisationId: p.get('organisation'),
  };
  const set = (patch: Partial<Scope> & Record<string, string | null | undefined>) => {
    const next = { ...scope, ...patch };
    const extra = Object.fromEntries([...p.entries()].filter(([k]) => !['period', 'map', 'province', 'kind', 'organisation'].includes(k)));
    setSearchParams({
      ...extra,
      ...Object.fromEntries(Object.entries(patch).filter(([k]) => !(k in scope))),
      period: next.period,
      map: next.map === '34' ? null : next.map,
      province: next.province,
      kind: next.orgKind,
      organisation: next.organisationId,
    });
  };
  return [scope, set];
}

export const scopeQuery = (s: Scope) => ({
  period: s.period,
  map: s.map,
  province: s.province,
  orgKind: s.orgKind,
  organisationId: s.organisationId,
});
/** The same scope as a workspace URL query (for links between the indicator pages). */
export const scopeSearch = (s: Scope, extra: Record<string, string | number | null | undefined> = {}) =>
  qs({
    period: s.period,
    map: s.map === '34' ? null : s.map,
    province: s.province,
    kind: s.orgKind,
    organisation: s.organisationId,
    ...extra,
  });

export const indicatorKeys = { all: ['indicators'] as const };

export const useDashboard = (s: Scope) =>
  useQuery({
    queryKey: ['indicators', 'dashboard', scopeQuery(s)],
    queryFn: () => get<DashboardResult>(`/api/indicators${qs(scopeQuery(s))}`),
    placeholderData: (prev) => prev,
  });

export const useDrill = (
  id: string,
  s: Scope,
  q: { part: string; breakdown?: string | null; key?: string | null; offset: number; limit: number },
) =>
  useQuery({
    queryKey: ['indicators', 'drill', id, scopeQuery(s), q],
    queryFn: () => get<DrillResult>(`/api/indicators/${id}/records${qs({ ...scopeQuery(s), ...q })}`),
    placeholderData: (prev) => prev,
  });

export const useDefinitions = () =>
  useQuery({ queryKey: ['indicators', 'definitions'], queryFn: () => get<IndicatorDefinition[]>('/api/indicators/definitions') });

type Lang = 'vi' | 'en';
export const langOf = (l: string): Lang => (l.startsWith('en') ? 'en' : 'vi');

/** A figure as the dashboard shows it: "50 %" / "50%" for percentages (values are fractions), "1.234" for counts. */
export function fmt(value: number | null | undefined, unit: 'percent' | 'count', lang: Lang): string {
  if (value === null || value === undefined) return '—';
  return formatValue(unit === 'percent' ? value * 100 : value, unit, lang);
}

/** The target as a figure; `target`: the scope's own target (a province's for T3) instead of the decision's. */
export function targetText(d: IndicatorDefinition, lang: Lang, target: TargetSpec = d.target): string {
  return targetSpecText(target, d.unit, lang);
}

export { STATUS_ORDER, worstFirst } from '../../../shared/indicatorStatus';
const rank = statusRank;

/** The targets in the order asked: as in the decision (T1…T6), or worst status first (no figure: no data). */
export function orderTargets(data: DashboardResult, order: 'target' | 'status'): IndicatorDefinition[] {
  if (order === 'target') return data.indicators;
  const statusOf = (id: string) => figureOf(data, id)?.status ?? 'no_data';
  return data.indicators
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(statusOf(a.d.id)) - rank(statusOf(b.d.id)) || a.i - b.i)
    .map((x) => x.d);
}

export const STATUS_COLOUR: Record<IndicatorStatus, string> = {
  on_track: 'teal.8',
  at_risk: 'yellow.9',
  off_track: 'red.8',
  no_data: 'gray.7',
};
export const STATUS_ICON: Record<IndicatorStatus, string> = { on_track: '✓', at_risk: '!', off_track: '✗', no_data: '–' };

export const figureOf = (d: DashboardResult | undefined, id: string): IndicatorFigure | undefined => d?.figures.find((f) => f.id === id);

/** Report download URL for the scope (xlsx | docx). */
export const reportHref = (s: Scope, ext: 'xlsx' | 'docx', lang: Lang) => `/api/indicators/report.${ext}${qs({ ...scopeQuery(s), lang })}`;

/** Periods the filter offers: each programme year with its halves, quarters and months. */
export function periodOptions(lang: Lang, lastYear: number) {
  const years = [];
  for (let y = Math.min(lastYear, 2028); y >= 2023; y--) years.push(y);
  const option = (value: string) => ({ value, label: periodLabel(value, lang) });
  return years.map((y) => ({
    group: String(y),
    items: [
      option(String(y)),
      ...[1, 2].map((h) => option(`${y}-H${h}`)),
      ...[1, 2, 3, 4].map((q) => option(`${y}-Q${q}`)),
      ...Array.from({ length: 12 }, (_, m) => option(`${y}-${String(m + 1).padStart(2, '0')}`)),
    ],
  }));
}

/** A period id in words: "2026" → "Năm 2026", "2026-Q4" → "Quý 4/2026", "2026-H1", "2026-03" likewise. */
export function periodText(id: string, lang: 'vi' | 'en'): string {
  return periodLabel(id, lang);
}
