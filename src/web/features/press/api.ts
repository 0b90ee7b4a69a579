// Press module (T1) client side: queries, keys and small pure helpers shared by the three pages.
import { useQuery } from '@tanstack/react-query';
import type { Me, OrgTreeNode } from '../../../shared/contracts/directory';
import type { PressItem, PressStatus, PressTranslation, Spokesperson, T1Result, Topic } from '../../../shared/contracts/press';
import { get, qs } from '../../lib/api';
import { canWriteOrg, type TreeIndex } from '../organisations/tree';
import { isoToVnWall, vnToday, vnWallToIso } from '../../lib/format';
export { fieldErrorsOf } from '../../lib/api';

export const pressKeys = {
  all: ['press'] as const,
  items: (q: Record<string, unknown>) => ['press', 'items', q] as const,
  spokes: (orgId: number | null) => ['press', 'spokespersons', orgId] as const,
  compliance: (q: Record<string, unknown>) => ['press', 'compliance', q] as const,
  /** Prefix of every compliance query (invalidated when the reporting settings change). */
  complianceAll: ['press', 'compliance'] as const,
  settings: ['press', 'settings'] as const,
};

export type ItemFilters = { status?: string | null; kind?: string | null; organisationId?: string | null; q?: string };

export const usePressItems = (f: ItemFilters, offset: number) => {
  const params = { status: f.status, kind: f.kind, organisationId: f.organisationId, q: f.q?.trim() || undefined, limit: 50, offset };
  return useQuery({
    queryKey: pressKeys.items(params),
    queryFn: () => get<{ items: PressItem[]; total: number }>(`/api/press/items${qs(params)}`),
  });
};

export const usePressItem = (id: number | null) =>
  useQuery({ queryKey: ['press', 'item', id], queryFn: () => get<PressItem>(`/api/press/items/${id}`), enabled: id !== null });

/** The other language versions of an item (its translation group). */
export const usePressTranslations = (id: number | null) =>
  useQuery({
    queryKey: ['press', 'translations', id],
    queryFn: () => get<PressTranslation[]>(`/api/press/items/${id}/translations`),
    enabled: id !== null,
  });

/** Items of an organisation an item may be a translation of, searched on the server (diacritics optional). */
export const useTranslationCandidates = (organisationId: number | null, q: string) =>
  useQuery({
    queryKey: ['press', 'translation-candidates', organisationId, q],
    queryFn: () =>
      get<{ items: PressItem[]; total: number }>(`/api/press/items${qs({ organisationId, q: q.trim() || undefined, limit: 50 })}`),
    enabled: organisationId !== null,
    // While a new search loads, keep the last results of the same organisation (never another one's).
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === organisationId ? prev : undefined),
  });

export const useTopics = () =>
  useQuery({ queryKey: ['press', 'topics'], queryFn: () => get<Topic[]>('/api/press/topics'), staleTime: Infinity });

export const useSpokespersons = (orgId: number | null) =>
  useQuery({
    queryKey: pressKeys.spokes(orgId),
    queryFn: () => get<Spokesperson[]>(`/api/press/spokespersons${qs({ organisationId: orgId })}`),
  });

export type ComplianceFilters = { period: string; provinceCode?: string | null; orgKind?: string | null };
export const complianceQs = (f: ComplianceFilters) => qs({ period: f.period, provinceCode: f.provinceCode, orgKind: f.orgKind });
export const useCompliance = (f: ComplianceFilters) =>
  useQuery({ queryKey: pressKeys.compliance(f), queryFn: () => get<T1Result>(`/api/press/compliance${complianceQs(f)}`) });

/** Languages offered in the form (ISO 639-3; the contract accepts any three-letter code). */
export const LANGUAGES = ['vie', 'eng', 'fra', 'rus', 'zho', 'jpn', 'kor', 'deu', 'spa', 'khm', 'lao'] as const;

/** Organisations the user may write press content for: admins all, editors their own subtree. */
export function writableOrgs(me: Me | null, idx: TreeIndex, nodes: OrgTreeNode[]): OrgTreeNode[] {
  if (!me || (me.role !== 'admin' && me.role !== 'editor')) return [];
  return nodes.filter((n) => n.active && canWriteOrg(me, idx, n.id));
}

export const canWritePress = (me: Me | null) => !!me && (me.role === 'admin' || (me.role === 'editor' && me.organisationId !== null));

/** Actions available from a status (mirrors the server's transition map; the server decides). */
export function actionsFor(status: PressStatus): ('publish' | 'schedule' | 'unschedule' | 'correct' | 'withdraw')[] {
  if (status === 'draft') return ['publish', 'schedule'];
  if (status === 'scheduled') return ['publish', 'unschedule'];
  if (status === 'published' || status === 'corrected') return ['correct', 'withdraw'];
  return [];
}

const VN_OFFSET_MS = 7 * 3600_000;
export { vnToday };
/** The server's id of the quarter containing `now` in Viet Nam time, e.g. 2026-Q1. */
export function currentQuarterId(now = new Date()): string {
  const d = new Date(now.getTime() + VN_OFFSET_MS);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}
/** The quarter before a quarter id. */
export function previousQuarterId(id: string): string {
  const [y, q] = [Number(id.slice(0, 4)), Number(id.slice(-1))];
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

/** A Viet Nam wall-clock value (DateTimeField) → ISO instant; '' → null. */
export const localToIso = (v: string): string | null => vnWallToIso(v);
/** ISO instant → the Viet Nam wall-clock value a DateTimeField shows. */
export const isoToLocal = (iso: string | null | undefined): string => isoToVnWall(iso);
