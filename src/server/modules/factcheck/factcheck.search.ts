// Search of monitored items and claims with the library's Vietnamese-aware search language (library.search.ts,
// parseSearchQuery): every word must occur as a whole word, diacritics ignored; "quoted words" adjacent and in
// order; -word excludes; word* is a prefix. On top of it, informal spelling (data/factcheck/teencode.tsv, as the
// claim matcher reads it): "ko" also finds "không" and "không" also finds "ko", "k", "hok"; "dc", "đc" find "được".
// Ranking: among the newest CANDIDATES matches, those matching the accented words exactly (when the query has
// diacritics) come first, then newest first; later pages go on newest first.
//
// Safe input: a query without any letter or digit (an emoji, punctuation) has nothing to search and returns nothing
// (`unsearchable`, the interface says why), as the library does; a one-character word is a whole word (never a
// substring or a prefix, never expanded), so "k" finds the items having the word "k", not 76 of 111 claims.
//
// How it scales (200,000 items): one GIN expression index per table on to_tsvector('simple', lower(f_unaccent(text)))
// (migration 0037), the same expression in the query, so a search is one index lookup, the newest CANDIDATES matches
// read by id; the accent-exact tier is computed on those candidates only; the total is counted up to COUNT_CAP
// (`totalCapped` beyond), never over the table.
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Db } from '../../kernel/db.js';
import { fold, nfc } from '../../kernel/text.js';
import { isUnsearchable, parseSearchQuery, type ParsedSearch, type SearchTerm } from '../library/library.search.js';
import { resources } from './factcheck.normalise.js';

/** Matches read, ranked and kept for the first pages. */
export const CANDIDATES = 200;
/** Matches counted at most for the total. */
export const COUNT_CAP = 1000;

/** The folded text of a column as the index holds it. */
export const foldedVector = (column: SQL) => sql`to_tsvector('simple'::regconfig, lower(f_unaccent(${column})))`;
const exactVector = (column: SQL) => sql`to_tsvector('simple'::regconfig, lower(${column}))`;

const words = (s: string) => s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const lexeme = (w: string) => `'${w.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;

let reverse: Map<string, Set<string>> | undefined;
/** Informal spellings of a folded word, both ways: ko → không; không → ko, k, hok (one-word forms only). */
export function spellings(word: string): string[][] {
  const r = resources();
  if (!reverse) {
    reverse = new Map();
    for (const [from, list] of r.teencodeFolded)
      for (const { to } of list) {
        const t = words(fold(to));
        if (t.length !== 1 || t[0] === from) continue;
        const set = reverse.get(t[0]!) ?? new Set<string>();
        set.add(from);
        reverse.set(t[0]!, set);
      }
  }
  const out = new Map<string, string[]>([[word, [word]]]);
  if ([...word].length > 1) {
    for (const { to } of r.teencodeFolded.get(word) ?? []) {
      const t = words(fold(to));
      if (t.length) out.set(t.join(' '), t);
    }
    for (const from of reverse.get(word) ?? []) out.set(from, [from]);
  }
  return [...out.values()];
}

/** One word as a tsquery: itself or any of its spellings (a spelling of several words as a phrase). */
function wordQuery(w: string, expand: boolean): string {
  const alts = expand ? spellings(w) : [[w]];
  const parts = alts.map((a) => (a.length === 1 ? lexeme(a[0]!) : `(${a.map(lexeme).join(' <-> ')})`));
  return parts.length === 1 ? parts[0]! : `(${parts.join(' | ')})`;
}

/** A term as tsquery text over the folded vector (`exact`: the accented form, no spellings). */
function termText(t: SearchTerm, form: 'folded' | 'exact'): string | null {
  const ws = words(form === 'folded' ? t.folded : t.exact);
  if (!ws.length) return null;
  if (t.prefix) return `${lexeme(ws[0]!)}:*`;
  const q = ws.map((w) => wordQuery(w, form === 'folded'));
  return q.length === 1 ? q[0]! : `(${q.join(' <-> ')})`;
}

export interface TextSearch {
  parsed: ParsedSearch;
  /** The query had text but nothing to search (an emoji, punctuation): return nothing. */
  unsearchable: boolean;
  /** tsquery text over the folded vector, or null without terms. */
  folded: string | null;
  /** tsquery text of the accented terms over the exact vector (the first tier), or null. */
  exact: string | null;
  /** The terms as read (for the interface): words and "phrases", -exclusions. */
  terms: string[];
}

/** Reads a search box (library syntax, informal spellings expanded). */
export function readSearch(q: string | null | undefined): TextSearch {
  const parsed = parseSearchQuery(q);
  const must = parsed.must.map((t) => termText(t, 'folded')).filter((x): x is string => !!x);
  const not = parsed.not.map((t) => termText(t, 'folded')).filter((x): x is string => !!x);
  // As the library: nothing to search → nothing returned. Exclusions alone would read every row: refused too.
  const unsearchable = isUnsearchable(q, parsed) || (nfc(q ?? '') !== '' && !must.length);
  const folded = must.length ? [...must, ...not.map((n) => `!${n}`)].join(' & ') : null;
  const exactParts = parsed.must
    .filter((t) => t.accented)
    .map((t) => termText(t, 'exact'))
    .filter((x): x is string => !!x);
  const show = (t: SearchTerm) => (t.phrase ? `"${t.exact}"` : t.prefix ? `${t.exact}*` : t.exact);
  return {
    parsed,
    unsearchable,
    folded,
    exact: exactParts.length ? exactParts.join(' & ') : null,
    terms: [...parsed.must.map(show), ...parsed.not.map((t) => `-${show(t)}`)],
  };
}

/** The condition "the column matches the search" (index-friendly: the indexed expression @@ a constant query). */
export function matchCondition(column: SQL, s: TextSearch): SQL | null {
  return s.folded ? sql`${foldedVector(column)} @@ to_tsquery('simple'::regconfig, ${s.folded}::text)` : null;
}

export interface SearchPage {
  ids: number[];
  total: number;
  totalCapped: boolean;
}

/** Ids of a page of matches in `table` (newest = highest `idColumn`), under `where` (other filters on the table),
 *  ranked as above; `textColumn` is the searched column. */
export async function searchIds(
  db: Db,
  opts: { table: SQL; idColumn: SQL; textColumn: SQL; where: SQL[]; search: TextSearch; limit: number; offset: number },
): Promise<SearchPage> {
  const { search } = opts;
  const m = matchCondition(opts.textColumn, search);
  if (!m) return { ids: [], total: 0, totalCapped: false };
  const cond = sql.join(
    [m, ...opts.where].map((c) => sql`(${c})`),
    sql` and `,
  );
  const tier = search.exact
    ? sql`case when ${exactVector(opts.textColumn)} @@ to_tsquery('simple'::regconfig, ${search.exact}::text) then 0 else 1 end`
    : sql`0`;
  const cand = await rows<{ id: number; tier: number }>(
    db,
    sql`select ${opts.idColumn} as id, ${tier} as tier from ${opts.table} where ${cond}
      order by ${opts.idColumn} desc limit ${CANDIDATES + 1}`,
  );
  const ranked = cand
    .slice(0, CANDIDATES)
    .map((c) => ({ id: Number(c.id), tier: Number(c.tier) }))
    .sort((a, b) => a.tier - b.tier || b.id - a.id)
    .map((c) => c.id);
  const complete = cand.length <= CANDIDATES;
  let total = cand.length;
  let totalCapped = false;
  if (!complete) {
    const [c] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from (select 1 from ${opts.table} where ${cond} limit ${COUNT_CAP + 1}) x`,
    );
    total = Math.min(Number(c?.n ?? 0), COUNT_CAP);
    totalCapped = Number(c?.n ?? 0) > COUNT_CAP;
  }
  const { limit, offset } = opts;
  if (complete || offset + limit <= CANDIDATES) return { ids: ranked.slice(offset, offset + limit), total, totalCapped };
  // Past the candidates: the following matches, newest first (the candidates are exactly the newest ones).
  const head = ranked.slice(offset, offset + limit);
  const from = Math.max(offset, CANDIDATES);
  const rest = await rows<{ id: number }>(
    db,
    sql`select ${opts.idColumn} as id from ${opts.table} where ${cond} order by ${opts.idColumn} desc limit ${offset + limit - from} offset ${from}`,
  );
  return { ids: [...head, ...rest.map((r) => Number(r.id))], total, totalCapped };
}
