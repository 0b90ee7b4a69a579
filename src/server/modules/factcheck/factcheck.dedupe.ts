// Exact and near-duplicate grouping of monitored items, so one viral claim counts once per group while its spread
// (the group's size) stays visible.
//   - Exact duplicates: the same normalised text (folded, informal spelling expanded, URLs and handles gone, case and
//     punctuation ignored — factcheck.normalise.ts) hashes the same (SHA-1 of the words).
//   - Near duplicates: MinHash over word shingles (SHINGLE consecutive words: pairs suit short posts) with NUM_HASHES hash functions,
//     split into BANDS bands of ROWS rows for locality-sensitive hashing: two items whose signatures agree on every
//     row of at least one band become candidates, and a candidate pair joins a group only if its estimated Jaccard
//     similarity (share of equal signature positions) reaches NEAR_DUPLICATE_JACCARD. With 20 bands of 5 rows a pair
//     of true Jaccard 0.7 is a candidate with probability 1 − (1 − 0.7⁵)²⁰ ≈ 0.98; a pair at 0.3 with ≈ 0.05.
//   Groups are the connected components (union-find) of exact and near-duplicate pairs; the group id is the id of
//   its first item in input order.
import { createHash } from 'node:crypto';
import { normaliseText } from './factcheck.normalise.js';

export const SHINGLE = 2;
export const NUM_HASHES = 100;
export const BANDS = 20;
export const ROWS = NUM_HASHES / BANDS;
export const NEAR_DUPLICATE_JACCARD = 0.6;

export type DedupeItem = { id: string; text: string };
export type DedupeResult = {
  /** item id → group id (the id of the group's first item) */
  groupOf: Map<string, string>;
  /** group id → member ids in input order (every group, singletons included) */
  groups: Map<string, string[]>;
};

/** The normalised words of a text (what both exact hashing and shingling see). */
function surfaceWords(text: string): string[] {
  return normaliseText(text).folded;
}

export function exactKey(text: string): string {
  return createHash('sha1').update(surfaceWords(text).join(' ')).digest('hex');
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

export function shingles(words: string[]): Set<string> {
  const out = new Set<string>();
  if (words.length && words.length < SHINGLE) out.add(words.join(' '));
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(words.slice(i, i + SHINGLE).join(' '));
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
    const words = surfaceWords(item.text);
    const key = createHash('sha1').update(words.join(' ')).digest('hex');
    const first = exact.get(key);
    if (first !== undefined) {
      union(first, i);
      sigs.push(null);
      return;
    }
    exact.set(key, i);
    const sh = shingles(words);
    if (!sh.size) {
      sigs.push(null);
      return;
    }
    const sig = minhash(sh);
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
