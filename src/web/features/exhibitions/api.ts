// Exhibitions (T3) client side: queries and keys of the list, one exhibition, the coverage of both maps, the
// pre-2025 unit picker's choices and the co-organiser requests waiting for the reader's organisation.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Me } from '../../../shared/contracts/directory';
import type { CoOrganiserRequestList, Coverage, Exhibition, ExhibitionList, FormerUnits } from '../../../shared/contracts/exhibitions';
import { get, qs } from '../../lib/api';

export const exhibitionKeys = {
  all: ['exhibitions'] as const,
  list: (q: Record<string, unknown>) => ['exhibitions', 'list', q] as const,
  one: (id: number | null) => ['exhibitions', 'one', id] as const,
  coverage: ['exhibitions', 'coverage'] as const,
  requests: ['exhibitions', 'co-organiser-requests'] as const,
};

export const useExhibitions = (q: Record<string, string | number | undefined>) =>
  useQuery({
    queryKey: exhibitionKeys.list(q),
    queryFn: () => get<ExhibitionList>(`/api/exhibitions${qs(q)}`),
    placeholderData: keepPreviousData,
  });
export const useExhibition = (id: number | null) =>
  useQuery({ queryKey: exhibitionKeys.one(id), queryFn: () => get<Exhibition>(`/api/exhibitions/${id}`), enabled: id !== null });
export const useCoOrganiserRequests = (enabled: boolean) =>
  useQuery({
    queryKey: exhibitionKeys.requests,
    queryFn: () => get<CoOrganiserRequestList>('/api/exhibitions/co-organiser-requests?limit=200'),
    enabled,
  });
export const useCoverage = () => useQuery({ queryKey: exhibitionKeys.coverage, queryFn: () => get<Coverage>('/api/exhibitions/coverage') });
export const useFormerUnits = (map: '63' | '34', province: string | null) =>
  useQuery({
    queryKey: ['exhibitions', 'former-units', map, province],
    queryFn: () => get<FormerUnits>(`/api/exhibitions/former-units${qs({ map, province: province ?? undefined })}`),
    enabled: !!province,
    staleTime: Infinity,
  });

export const canWriteExhibitions = (me: Me | null) => !!me && (me.role === 'admin' || (me.role === 'editor' && me.organisationId !== null));
