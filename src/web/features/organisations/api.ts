import { useQuery } from '@tanstack/react-query';
import type { AdminUnit, Country, Organisation, OrgTreeNode } from '../../../shared/contracts/directory';
import { get } from '../../lib/api';

export const orgKeys = {
  all: ['organisations'] as const,
  tree: ['organisations', 'tree'] as const,
  one: (id: number) => ['organisations', 'one', id] as const,
};

export const useOrgTree = () =>
  useQuery({ queryKey: orgKeys.tree, queryFn: () => get<OrgTreeNode[]>('/api/organisations/tree?includeInactive=true') });

export const useOrganisation = (id: number | null) =>
  useQuery({
    queryKey: orgKeys.one(id ?? 0),
    queryFn: () => get<Organisation>(`/api/organisations/${id}`),
    enabled: id !== null,
  });

export const useUnits = (map: '63' | '34') =>
  useQuery({ queryKey: ['units', map], queryFn: () => get<AdminUnit[]>(`/api/units?map=${map}`), staleTime: Infinity });

export const useCountries = () =>
  useQuery({ queryKey: ['countries'], queryFn: () => get<Country[]>('/api/countries'), staleTime: Infinity });
