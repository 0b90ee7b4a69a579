// Exact and near-duplicate grouping of monitored items, so one viral claim counts once per group while its spread
// (the group's size) stays visible. Everything is computed on the item's match text (its first ITEM_MATCH_CHARS
// characters, itemMatchText), so a post of 28,000 characters costs what a long paragraph does.
//   - Exact duplicates: the same normalised words (folded, informal spelling expanded, URLs and handles gone, case and
//     punctuation ignored — factcheck.normalise.ts) hash the same (SHA-1 of the words).
//   - A short caption is not evidence: an item with fewer than SHORT_CAPTION_WORDS distinct content words ("Sad news",
//     "Xem ngay!", "Must watch") is its link, not its words: its exact key also holds its links (the item's URL and
//     the addresses in its text), so the same caption over different links makes different items, and it takes no
//     part in near-duplicate grouping (no signature).
//   - Near duplicates: MinHash over the content words and the word pairs of the text (a reworded rumour keeps most of
//     its content words even where the pairs change) with NUM_HASHES hash functions, split into BANDS bands of ROWS
//     rows for locality-sensitive hashing: two items whose signatures agree on every row of at least one band become
//     candidates, and a candidate pair joins a group only if its estimated Jaccard similarity (share of equal
//     signature positions) reaches NEAR_DUPLICATE_JACCARD. With 33 bands of 3 rows a pair of true Jaccard 0.5 is a
//     candidate with probability 1 − (1 − 0.55³)³³ ≈ 0.997; a pair at 0.2 with ≈ 0.23 (then refused by the estimate).
//   The threshold and the short-caption bound were chosen on the development half of a labelled sample of real posts
//   (data/eval/dedupe/, factcheck.dedupe.eval.ts); the README and the method note give the test half's figures.
//   Groups are the connected components (union-find) of exact and near-duplicate pairs; the group id is the id of
//   its first item in input order.
import { createHash } from 'node:crypto';
import { itemMatchText } from '../../../shared/contracts/factcheck.js';
import { normaliseText } from './factcheck.normalise.js';

export const SHINGLE = 2;
export const BANDS = 33;
export const ROWS = 3;
export const NUM_HASHES = BANDS * ROWS;
export const NEAR_DUPLICATE_JACCARD = 0.55;
/** Fewer distinct content words than this: a caption, grouped only with the same caption over the same link. */
export const SHORT_CAPTION_WORDS = 4;

export type DedupeItem = { id: string; text: string; url?: string | null };
export type DedupeResult = {
  /** item id → group id (the id of the group's first item) */
  groupOf: Map<string, string>;
  /** group id → member ids in input order (every group, singletons included) */
  groups: Map<string, string[]>;
};

/** The normalised words of a text's match part (what exact hashing sees). */
function surfaceWords(text: string): string[] {
  return normaliseText(itemMatchText(text)).folded;
}

export function exactKey(text: string): string {
  return createHash('sha1').update(surfaceWords(text).join(' ')).digest('hex');
}

/** A link as its identity: host without www, path without a trailing slash, query without tracking parameters. */
export function linkKey(u: string): string {
  try {
    const x = new URL(u);
    const q = [...x.searchParams].filter(([k]) => !/^(utm_|fbclid$|gclid$|igshid$|si$|ref$|mibextid$)/i.test(k)).sort();
    return `${x.hostname.replace(/^www\./, '').toLowerCase()}${x.pathname.replace(/\/+$/, '')}${q.length ? '?' + new URLSearchParams(q).toString() : ''}`;
  } catch {
    return u.trim().toLowerCase();
  }
}

/** The links of an item: its URL and the addresses in its text, as identities, sorted. */
export function itemLinks(text: string, url?: string | null): string[] {
  const found = [...(url ? [url] : []), ...(itemMatchText(text).match(/https?:\/\/[^\s<>"]+/gi) ?? [])];
  return [...new Set(found.map((u) => linkKey(u.replace(/[.,;:!?)\]]+$/, ''))))].sort();
}

export type DedupeFeatures = {
  /** words found (false for a bare URL, emoji only) */
  hasWords: boolean;
  /** a caption: too few distinct content words to be evidence */
  short: boolean;
  /** equal keys are exact duplicates */
  key: string;
  /** MinHash signature, null for a caption or an item without words */
  sig: Uint32Array | null;
};

/** What grouping needs of an item (its match text, its links). */
export function dedupeFeatures(text: string, url?: string | null): DedupeFeatures {
  const n = normaliseText(itemMatchText(text));
  const hasWords = n.folded.length > 0;
  const short = new Set(n.surface).size < SHORT_CAPTION_WORDS;
  const links = itemLinks(text, url);
  const hash = (s: string) => createHash('sha1').update(s).digest('hex');
  // Without words (a bare URL, emoji only): the URL, else the raw text, is what repeats.
  const key = !hasWords
    ? `raw:${hash(url ?? text)}`
    : short && links.length
      ? `link:${hash(`${n.folded.join(' ')}\n${links.join('\n')}`)}`
      : hash(n.folded.join(' '));
  const sh = hasWords && !short ? shingles(n.folded, n.surface) : new Set<string>();
  return { hasWords, short, key, sig: sh.size ? minhash(sh) : null };
}

/** 32-bit FNV-1a of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hash functions h_i(x) = (a_i · x + b_i) mod 2^32 (odd a_i), fixed so signatures are stable across runs. */
const A = new Uint32Array(NUM_HASHES);
const B = new Uint32Array(NUM_HASHES);
{
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  for (let i = 0; i < NUM_HASHES; i++) {
    A[i] = next() | 1;
    B[i] = next();
  }
}

/** The word pairs of a text and its content words (stemmed, stop words gone), as one set. */
export function shingles(words: string[], content: string[] = []): Set<string> {
  const out = new Set<string>();
  if (words.length && words.length < SHINGLE) out.add(words.join(' '));
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(words.slice(i, i + SHINGLE).join(' '));
  for (const w of content) out.add(`\u00b7${w}`);
  return out;
}

export function minhash(sh: Set<string>): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (const s of sh) {
    const x = fnv1a(s);
    for (let i = 0; i < NUM_HASHES; i++) {
      const h = (Math.imul(A[i], x) + B[i]) >>> 0;
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let eq = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) eq++;
  return eq / NUM_HASHES;
}

export function groupDuplicates(items: DedupeItem[], threshold = NEAR_DUPLICATE_JACCARD): DedupeResult {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (i: number, j: number) => {
    const a = find(i),
      b = find(j);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  const exact = new Map<string, number>();
  const buckets = new Map<string, number[]>();
  const sigs: (Uint32Array | null)[] = [];
  items.forEach((item, i) => {
    const { key, sig } = dedupeFeatures(item.text, item.url);
    const first = exact.get(key);
    if (first !== undefined) {
      union(first, i);
      sigs.push(null);
      return;
    }
    exact.set(key, i);
    if (!sig) {
      sigs.push(null);
      return;
    }
    sigs.push(sig);
    for (let b = 0; b < BANDS; b++) {
      const band = `${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`;
      const list = buckets.get(band);
      if (!list) {
        buckets.set(band, [i]);
        continue;
      }
      for (const j of list) if (find(i) !== find(j) && similarity(sig, sigs[j]!) >= threshold) union(i, j);
      list.push(i);
    }
  });
  const groupOf = new Map<string, string>();
  const groups = new Map<string, string[]>();
  items.forEach((item, i) => {
    const g = items[find(i)].id;
    groupOf.set(item.id, g);
    const members = groups.get(g) ?? [];
    members.push(item.id);
    groups.set(g, members);
  });
  return { groupOf, groups };
}
