// Fact-checking desk (T5b, T5c) client side: queries and keys of the rating scale, claims, monitored items, on-topic
// rules and feeds; who may do what (the server checks again on every write).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Me } from '../../../shared/contracts/directory';
import type { Claim, ClaimSummary, Feed, Item, ItemList, Rating, TopicRule } from '../../../shared/contracts/factcheck';
import type { z } from 'zod';
import { PLATFORM_LABELS, TOPIC_LABELS } from '../../../shared/contracts/factcheck';
import { get, qs } from '../../lib/api';
import i18n from '../../lib/i18n';
import { vnToday } from '../../lib/format';

export type ClaimRow = z.infer<typeof ClaimSummary>;

export const fcKeys = {
  all: ['factcheck'] as const,
  ratings: ['factcheck', 'ratings'] as const,
  claims: (q: Record<string, unknown>) => ['factcheck', 'claims', q] as const,
  claim: (id: number | null) => ['factcheck', 'claim', id] as const,
  items: (q: Record<string, unknown>) => ['factcheck', 'items', q] as const,
  item: (id: number | null) => ['factcheck', 'item', id] as const,
  rules: ['factcheck', 'rules'] as const,
  feeds: ['factcheck', 'feeds'] as const,
};

export const useRatings = () =>
  useQuery({ queryKey: fcKeys.ratings, queryFn: () => get<Rating[]>('/api/factcheck/ratings'), staleTime: Infinity });
export const useClaims = (q: { status?: string; q?: string; limit?: number; offset?: number }, enabled = true) =>
  useQuery({
    queryKey: fcKeys.claims(q),
    queryFn: () => get<{ total: number; search?: { unsearchable: boolean }; rows: ClaimRow[] }>(`/api/factcheck/claims${qs(q)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
export const useClaim = (id: number | null) =>
  useQuery({ queryKey: fcKeys.claim(id), queryFn: () => get<Claim>(`/api/factcheck/claims/${id}`), enabled: id !== null });
export const useItems = (
  q: {
    onTopic?: string;
    linkStatus?: string;
    groupId?: number;
    platform?: string;
    source?: string;
    q?: string;
    limit?: number;
    offset?: number;
  },
  enabled = true,
) =>
  useQuery({
    queryKey: fcKeys.items(q),
    queryFn: () => get<ItemList>(`/api/factcheck/items${qs(q)}`),
    placeholderData: keepPreviousData,
    enabled,
  });
export const useItem = (id: number | null) =>
  useQuery({ queryKey: fcKeys.item(id), queryFn: () => get<Item>(`/api/factcheck/items/${id}`), enabled: id !== null });
export const useRules = () => useQuery({ queryKey: fcKeys.rules, queryFn: () => get<TopicRule[]>('/api/factcheck/topic-rules') });
export const useFeeds = () => useQuery({ queryKey: fcKeys.feeds, queryFn: () => get<Feed[]>('/api/factcheck/feeds') });

const WRITERS = ['admin', 'editor', 'reviewer', 'analyst'];
/** Creates claims and items, drafts, links, decides on-topic, records handling. */
export const canWriteFc = (me: Me | null) => !!me && WRITERS.includes(me.role);
/** Approves, publishes, corrects, withdraws; edits the on-topic rules and the feeds. */
export const isReviewer = (me: Me | null) => !!me && (me.role === 'admin' || me.role === 'reviewer');

export const excerpt = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** Today in Viet Nam (YYYY-MM-DD). */
export const today = () => vnToday();

/** Platform and topic names shared with the portal (an unknown code shows as itself), in the interface language;
 *  read at render time by components that re-render on a language change (useTranslation). */
const lang = () => (i18n.language === 'en' ? 'en' : 'vi');
export const platformLabel = (code: string) => PLATFORM_LABELS[code]?.[lang()] ?? code;
export const topicLabels = (codes: string[]) => codes.map((c) => TOPIC_LABELS[c]?.[lang()] ?? c).join(', ');
