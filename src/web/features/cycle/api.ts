// The programme cycle on the client: queries and writes of /api/cycle, shared by its pages and the dashboard card.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Completeness,
  CycleSettings,
  CyclePeriod,
  DueReport,
  LockGrant,
  Official,
  OfficialStatus,
  Report,
  ReportList,
  RevisionList,
} from '../../../shared/contracts/cycle';
import { api, get, post, put, qs } from '../../lib/api';

export const cycleKeys = { all: ['cycle'] as const };

export const usePeriods = () => useQuery({ queryKey: ['cycle', 'periods'], queryFn: () => get<CyclePeriod[]>('/api/cycle/periods') });
export const useCycleSettings = () =>
  useQuery({ queryKey: ['cycle', 'settings'], queryFn: () => get<CycleSettings>('/api/cycle/settings') });
export const useDue = () => useQuery({ queryKey: ['cycle', 'due'], queryFn: () => get<DueReport[]>('/api/cycle/due') });
export const useReports = (q: Record<string, string | number | null | undefined>) =>
  useQuery({
    queryKey: ['cycle', 'reports', q],
    queryFn: () => get<ReportList>(`/api/cycle/reports${qs(q)}`),
    placeholderData: (prev) => prev,
  });
export const useReport = (id: number) =>
  useQuery({ queryKey: ['cycle', 'report', id], queryFn: () => get<Report>(`/api/cycle/reports/${id}`), enabled: id > 0 });
export const useCompleteness = (periodId: number | null, q: Record<string, string | null | undefined> = {}) =>
  useQuery({
    queryKey: ['cycle', 'completeness', periodId, q],
    queryFn: () => get<Completeness>(`/api/cycle/periods/${periodId}/completeness${qs(q)}`),
    enabled: Boolean(periodId),
  });
export const useOfficial = (periodId: number, q: Record<string, string | null | undefined> = {}) =>
  useQuery({
    queryKey: ['cycle', 'official', periodId, q],
    queryFn: () => get<Official>(`/api/cycle/periods/${periodId}/official${qs(q)}`),
    enabled: periodId > 0,
  });
export const useRevisions = (periodId: number, indicator: string | null, q: Record<string, string | null | undefined> = {}) =>
  useQuery({
    queryKey: ['cycle', 'revisions', periodId, indicator, q],
    queryFn: () => get<RevisionList>(`/api/cycle/periods/${periodId}/revisions/${indicator}${qs({ ...q, limit: 200 })}`),
    enabled: periodId > 0 && Boolean(indicator),
  });
export const useOfficialStatus = (period: string, q: Record<string, string | null | undefined> = {}) =>
  useQuery({
    queryKey: ['cycle', 'official-status', period, q],
    queryFn: () => get<OfficialStatus>(`/api/cycle/official-status${qs({ period, ...q })}`),
  });
export const useGrants = (periodId: number) =>
  useQuery({
    queryKey: ['cycle', 'grants', periodId],
    queryFn: () => get<LockGrant[]>(`/api/cycle/periods/${periodId}/grants`),
    enabled: periodId > 0,
  });

/** A write of the cycle that refreshes everything the cycle's pages show once it succeeds. */
export function useCycleWrite<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: cycleKeys.all }) });
}

export const cycleApi = {
  createPeriod: (body: unknown) => post<CyclePeriod>('/api/cycle/periods', body),
  updatePeriod: (id: number, body: unknown) => put<CyclePeriod>(`/api/cycle/periods/${id}`, body),
  close: (id: number, body: unknown) => post<CyclePeriod>(`/api/cycle/periods/${id}/close`, body),
  reopen: (id: number, reason: string) => post<CyclePeriod>(`/api/cycle/periods/${id}/reopen`, { reason }),
  republish: (id: number, reason: string) => post<CyclePeriod>(`/api/cycle/periods/${id}/republish`, { reason }),
  grant: (id: number, body: unknown) => post<LockGrant>(`/api/cycle/periods/${id}/grants`, body),
  revoke: (id: number, grantId: number) => api<void>('DELETE', `/api/cycle/periods/${id}/grants/${grantId}`),
  settings: (body: unknown) => put<CycleSettings>('/api/cycle/settings', body),
  createReport: (periodId: number, organisationId: number) => post<Report>('/api/cycle/reports', { periodId, organisationId }),
  saveReport: (id: number, sections: unknown) => put<Report>(`/api/cycle/reports/${id}`, { sections }),
  submit: (id: number) => post<Report>(`/api/cycle/reports/${id}/submit`),
  returnReport: (id: number, comments: Record<string, string>) => post<Report>(`/api/cycle/reports/${id}/return`, { comments }),
  approve: (id: number, comment?: string) => post<Report>(`/api/cycle/reports/${id}/approve`, comment ? { comment } : {}),
  attach: (id: number, file: File, caption: string) => {
    const form = new FormData();
    if (caption) form.set('caption', caption);
    form.set('file', file);
    return api<unknown>('POST', `/api/cycle/reports/${id}/files`, form);
  },
  detach: (id: number, fileId: number) => api<void>('DELETE', `/api/cycle/reports/${id}/files/${fileId}`),
};
