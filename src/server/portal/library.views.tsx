/**
 * The public library's pages: the list (library.list.views.tsx: GET search form with facet counts, browse links, sort,
 * pagination) and a product (library.product.views.tsx: facts in the page language, titles and descriptions in every
 * language, book fields, files, language versions and related products, a citation, schema.org JSON-LD) or its
 * tombstone. Static HTML, no client script. This file: the list's filter and its URLs, and what both pages share.
 */
import type { Channel, ProductKind } from '../../shared/contracts/library.js';
import { formatDate } from './newsroom.text.js';
import { bcp47, LIB } from './library.text.js';
import type { Lang } from './programme.js';

export type LibrarySort = 'relevance' | 'date' | 'title';

export interface LibraryFilter {
  q: string;
  kind?: ProductKind;
  /** A content language (ISO 639-3). */
  lang?: string;
  channel?: Channel;
  audience?: number;
  topic?: string;
  org?: number;
  year?: number;
  /** Absent: relevance with search words, else newest first. */
  sort?: LibrarySort;
  page: number;
}

export type FilterKey = 'kind' | 'lang' | 'channel' | 'audience' | 'topic' | 'org' | 'year';

/** The filter's query string (page 1 and the default sort omitted), so links, the form and feeds agree. */
export function filterQuery(f: LibraryFilter, opts: { page?: number; feed?: boolean } = {}): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.kind) p.set('kind', f.kind);
  if (f.lang) p.set('lang', f.lang);
  if (f.channel) p.set('channel', f.channel);
  if (f.audience) p.set('audience', String(f.audience));
  if (f.topic) p.set('topic', f.topic);
  if (f.org) p.set('org', String(f.org));
  if (f.year) p.set('year', String(f.year));
  if (!opts.feed) {
    if (f.sort) p.set('sort', f.sort);
    const page = opts.page ?? f.page;
    if (page > 1) p.set('page', String(page));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const listHref = (lang: Lang, f: LibraryFilter, page = f.page) => LIB[lang].base + filterQuery(f, { page });
/** The list with one filter set (or removed with `undefined`), the rest kept, from page 1. */
export const withFilter = (lang: Lang, f: LibraryFilter, key: FilterKey, value: string | number | undefined) =>
  listHref(lang, { ...f, [key]: value, page: 1 }, 1);
/** The list filtered by one value only (browse links on a product page). */
export const only = (lang: Lang, key: FilterKey, value: string | number) => withFilter(lang, { q: '', page: 1 }, key, value);

export const productPath = (lang: Lang, id: number) => `${LIB[lang].base}/${id}`;
/** A lang attribute only when the text's language differs from the page's. */
export const langAttr = (iso3: string, lang: Lang) => (bcp47(iso3) === lang ? undefined : bcp47(iso3));
export const dateOf = (d: string, lang: Lang) => formatDate(`${d}T12:00:00+07:00`, lang);
export const isHttp = (u: string | null | undefined): u is string => Boolean(u && /^https?:\/\//i.test(u));

export type LanguageNames = Map<string, { nameVi: string; nameEn: string }>;
export const languageName = (names: LanguageNames, code: string, lang: Lang) => {
  const n = names.get(code);
  return n ? (lang === 'en' ? n.nameEn : n.nameVi) : code;
};
