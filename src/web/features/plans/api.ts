// Plans and budgets, client side: query keys and hooks of the list, one plan, an earlier version, its history and
// spending, the templates and plan vs actual; money and month formatting.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Me } from '../../../shared/contracts/directory';
import type { PlanDetail, PlanEvent, PlanList, PlanSummary, PlanVersion, SpendingEntry } from '../../../shared/contracts/plans';
import { get, qs } from '../../lib/api';
import { fmtNumber, fmtShare } from '../../lib/format';

export const planKeys = {
  all: ['plans'] as const,
  list: (q: Record<string, unknown>) => ['plans', 'list', q] as const,
  one: (id: number) => ['plans', 'one', id] as const,
  version: (id: number, v: number) => ['plans', 'version', id, v] as const,
  history: (id: number) => ['plans', 'history', id] as const,
  spending: (id: number) => ['plans', 'spending', id] as const,
  summary: (q: Record<string, unknown>) => ['plans', 'summary', q] as const,
};

export const usePlans = (q: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: planKeys.list(q), queryFn: () => get<PlanList>(`/api/plans${qs(q)}`), placeholderData: keepPreviousData });
export const usePlan = (id: number) => useQuery({ queryKey: planKeys.one(id), queryFn: () => get<PlanDetail>(`/api/plans/${id}`) });
export const usePlanVersion = (id: number, v: number | null) =>
  useQuery({
    queryKey: planKeys.version(id, v ?? 0),
    queryFn: () => get<PlanVersion>(`/api/plans/${id}/versions/${v}`),
    enabled: v !== null,
  });
export const usePlanHistory = (id: number) =>
  useQuery({ queryKey: planKeys.history(id), queryFn: () => get<PlanEvent[]>(`/api/plans/${id}/history`) });
export const useSpending = (id: number, enabled: boolean) =>
  useQuery({ queryKey: planKeys.spending(id), queryFn: () => get<SpendingEntry[]>(`/api/plans/${id}/spending`), enabled });
export const usePlanSummary = (q: { year: number; map: '34' | '63'; province?: string; orgKind?: string }) =>
  useQuery({
    queryKey: planKeys.summary(q),
    queryFn: () => get<PlanSummary>(`/api/plans/summary${qs(q)}`),
    placeholderData: keepPreviousData,
  });

/** Editors (for their organisation's subtree) and the programme office make plans. */
export const canMakePlans = (me: Me | null) => !!me && (me.role === 'admin' || (me.role === 'editor' && me.organisationId !== null));

/** Đồng, grouped the reader's way ("150.000.000" in Vietnamese, "150,000,000" in English). */
export const formatVnd = (n: number, lang: string) => fmtNumber(n, lang);
/** Spent out of planned: vi "45,5 %", en "45.5%". */
export const formatShare = (spent: number, planned: number, lang: string) => fmtShare(spent, planned, lang);

/** The programme's years, and the year a new page starts on (this year, kept within the programme). */
export const PLAN_YEARS = [2023, 2024, 2025, 2026, 2027, 2028];
export const defaultYear = () => Math.min(2028, Math.max(2023, new Date().getFullYear()));
