// Library module (T4a, T4b, T5a) client side: queries, keys, the list's URL filters and small pure helpers shared by
// the list, the form and the details.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Me } from '../../../shared/contracts/directory';
import {
  CHANNELS,
  LANGUAGE_GROUPS,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  type FacetCount,
  type Facets,
  type IsbnCheckResult,
  type Language,
  type LanguageGroup,
  type Product,
  type ProductList,
  type ProductStatus,
} from '../../../shared/contracts/library';
import { get, qs } from '../../lib/api';
import { fmtDate, vnToday as vnTodayOf } from '../../lib/format';
export { fieldErrorsOf } from '../../lib/api';

export const libraryKeys = {
  all: ['library'] as const,
  list: (q: Record<string, unknown>) => ['library', 'products', q] as const,
  product: (id: number | null) => ['library', 'product', id] as const,
  languages: ['library-ref', 'languages'] as const,
};

export const PAGE_SIZE = 50;

/** The list's filters as kept in the URL (all strings; empty = not set). */
export const FILTER_KEYS = [
  'q',
  'kind',
  'languageGroup',
  'language',
  'channel',
  'audience',
  'topic',
  'organisationId',
  'year',
  'status',
  'sort',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

const oneOf = (v: string | null, list: readonly (string | number)[]) => (v !== null && list.map(String).includes(v) ? v : undefined);
const positiveInt = (v: string | null) => (v !== null && /^[1-9]\d{0,9}$/.test(v) ? v : undefined);

/** Filters from the URL; anything the server would refuse is dropped, so a hand-edited URL still shows a list. */
export function filtersFromParams(sp: URLSearchParams): Filters {
  const year = sp.get('year');
  return {
    q: sp.get('q')?.slice(0, 200) || undefined,
    kind: oneOf(sp.get('kind'), PRODUCT_KINDS),
    languageGroup: oneOf(sp.get('languageGroup'), LANGUAGE_GROUPS),
    language: /^[a-z]{3}$/.test(sp.get('language') ?? '') ? sp.get('language')! : undefined,
    channel: oneOf(sp.get('channel'), CHANNELS),
    audience: oneOf(sp.get('audience'), [1, 2, 3, 4, 5, 6]),
    topic: sp.get('topic')?.slice(0, 60) || undefined,
    organisationId: positiveInt(sp.get('organisationId')),
    year: year && /^\d{4}$/.test(year) && Number(year) >= 1900 && Number(year) <= 2100 ? year : undefined,
    status: oneOf(sp.get('status'), PRODUCT_STATUSES),
    sort: oneOf(sp.get('sort'), ['relevance', 'date', 'title']),
  };
}

/** The query string of the list API (and of the Excel export) for the filters and a page offset. */
export function listQs(f: Filters, extra: Record<string, string | number | undefined> = {}): string {
  return qs({ ...f, q: f.q?.trim() || undefined, ...extra });
}

export const exportHref = (f: Filters) => `/api/library/products/export.xlsx${listQs(f)}`;

export const useProducts = (f: Filters, offset: number) =>
  useQuery({
    queryKey: libraryKeys.list({ ...f, offset }),
    queryFn: () => get<ProductList>(`/api/library/products${listQs(f, { limit: PAGE_SIZE, offset })}`),
    placeholderData: keepPreviousData,
  });

export const useProduct = (id: number | null) =>
  useQuery({ queryKey: libraryKeys.product(id), queryFn: () => get<Product>(`/api/library/products/${id}`), enabled: id !== null });

export const useLanguages = () =>
  useQuery({ queryKey: libraryKeys.languages, queryFn: () => get<Language[]>('/api/library/languages'), staleTime: Infinity });

/** The server's ISBN check of what is typed (debounce before calling). */
export const useIsbnCheck = (isbn: string) =>
  useQuery({
    queryKey: ['library-ref', 'isbn', isbn],
    queryFn: () => get<IsbnCheckResult>(`/api/library/isbn${qs({ isbn })}`),
    enabled: isbn.trim().length > 0,
    staleTime: Infinity,
    retry: false,
  });

/** Products for a picker, searched on the server (diacritics optional). */
export const useProductSearch = (q: string, kind?: string) =>
  useQuery({
    queryKey: ['library', 'picker', q, kind ?? null],
    queryFn: () =>
      get<ProductList>(`/api/library/products${qs({ q: q.trim() || undefined, kind, sort: q.trim() ? 'relevance' : 'date', limit: 20 })}`),
    placeholderData: keepPreviousData,
  });

// ---------------------------------------------------------------- facets (library.search.ts's shape)

/** The facets of a list answer when the server sent them (and they look like facets), otherwise null. */
export function facetsOf(list: { facets?: unknown } | undefined): Facets | null {
  const f = list?.facets as Partial<Facets> | undefined;
  if (!f || typeof f !== 'object' || !Array.isArray(f.kind)) return null;
  return {
    kind: f.kind ?? [],
    language: f.language ?? [],
    channel: f.channel ?? [],
    audience: f.audience ?? [],
    topic: f.topic ?? [],
    organisation: f.organisation ?? [],
    year: f.year ?? [],
    estimated: !!f.estimated,
    ...(typeof f.sample === 'number' ? { sample: f.sample } : {}),
  };
}

/** value → count of one facet, or null without facets. */
export function countsOf(facets: Facets | null, name: Exclude<keyof Facets, 'estimated' | 'sample'>): Map<string, number> | null {
  if (!facets) return null;
  return new Map((facets[name] as FacetCount<string | number>[]).map((c) => [String(c.value), c.count]));
}

// ---------------------------------------------------------------- helpers

export const canWriteLibrary = (me: Me | null) => !!me && (me.role === 'admin' || (me.role === 'editor' && me.organisationId !== null));

/** Languages as grouped select data (national, ethnic, foreign), labelled in the interface language. */
export function languageGroups(langs: Language[], lang: string, groupLabel: (g: LanguageGroup) => string, only?: LanguageGroup | null) {
  return LANGUAGE_GROUPS.filter((g) => !only || g === only)
    .map((g) => ({
      group: groupLabel(g),
      items: langs
        .filter((l) => l.group === g)
        .map((l) => ({ value: l.code, label: `${lang === 'en' ? l.nameEn : l.nameVi} (${l.code})` })),
    }))
    .filter((g) => g.items.length > 0);
}

export const statusColor = (s: ProductStatus) => ({ draft: 'gray.7', published: 'teal.8', withdrawn: 'red.8' })[s];
/** A symbol beside the status word, so the status is never told by colour alone. */
export const statusIcon = (s: ProductStatus) => ({ draft: '✎', published: '✓', withdrawn: '⊘' })[s];

/** The licences offered in the form; anything else is "other" with its own text. */
export const LICENCES = ['CC BY 4.0', 'CC BY-SA 4.0', 'CC BY-NC 4.0', 'All rights reserved', 'Public domain'] as const;

export const fileUrl = (id: number) => `/api/library/files/${id}`;
export const thumbnailUrl = (id: number) => `/api/library/files/${id}/thumbnail`;
export const publicPageUrl = (id: number) => `/thu-vien/${id}`;

/** Today's date in Viet Nam, YYYY-MM-DD. */
export const vnToday = (now = new Date()): string => vnTodayOf(now);

/** A calendar date (YYYY-MM-DD) for display, without time-zone shifts: vi "04/10/2026", en "4 October 2026". */
export const formatDay = (d: string | null | undefined, lang: string): string => fmtDate(d ? d.slice(0, 10) : null, lang);
