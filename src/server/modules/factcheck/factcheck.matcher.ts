// Claim matcher: which already fact-checked claims does an incoming item repeat? Vietnamese and English, with or
// without diacritics, informal spelling, paraphrases. Nothing is downloaded or learned at run time: the features come
// from factcheck.normalise.ts and the data files it reads (teencode, bilingual lexicon, stop words in data/factcheck/).
//
// Two TF-IDF vector spaces over the claims (compressed rows: feature → claims and claim → features, with weights):
//   - words: content terms (lexicon concepts such as §arrest, folded words) and adjacent-term bigrams;
//   - characters: 4-grams of the folded surface text (word boundaries marked), robust to typos, missing spaces
//     (#nhanquyen) and spelling the lexicon does not know.
// Weights are (1 + ln tf) · ln(1 + N / df), rows L2-normalised; an item's score against a claim is
// WORD_WEIGHT · cos_words + (1 − WORD_WEIGHT) · cos_chars, in [0, 1]. Query features unknown to the index count in
// the item's norm (a long item that merely mentions a claim scores lower than one that states it). Matching walks the
// word space's inverted index, keeps the CANDIDATES best claims by words and scores only those on characters (their
// forward rows against the item's dense vector): a claim sharing no word with the item is never returned. Cross-language
// pairs (Vietnamese item, English claim) are scored on words alone (CROSS_LANGUAGE_WORD_WEIGHT).
import { normaliseText, type Normalised } from './factcheck.normalise.js';

export type Claim = { id: string; text: string };
export type ClaimMatch = { claimId: string; score: number; rank: number };

/** Share of the word space in the combined score (tuned on data/eval/claims dev split only). */
export const WORD_WEIGHT = 0.7;
/** The same when the item and the claim are in different languages: their characters share little but names. */
export const CROSS_LANGUAGE_WORD_WEIGHT = 1;
export const CHAR_NGRAM = 4;
/** Extra weight of a name the claims contain (a place, a body, a group): what tells two versions of a claim apart. */
export const ENTITY_BOOST = 2;
/** Claims scored on characters too: the best this many by words (and all of them when fewer share a word). */
export const CANDIDATES = 300;

/**
 * Thresholds on the combined score, set on the dev split of data/eval/claims (never the test split):
 * - SUGGEST_THRESHOLD 0.2: the analyst sees the match as a suggestion. On the dev split 95% of correct top matches
 *   score at least 0.2 (5th percentile 0.205); half of the items that repeat no claim also do (the set is built to be
 *   hard: the same event in another province scores like the real one). A suggestion costs an analyst one glance;
 *   a missed repeat costs a fact-check, so the suggestion threshold is low.
 * - AUTO_LINK_THRESHOLD 0.6: linked without a person (who can undo it). On the dev split the highest score of an item
 *   repeating no claim was 0.54 and of a wrong top claim 0.51; 0.6 leaves a margin, and about one correct match in
 *   seven still clears it. Only for items of AUTO_LINK_MIN_WORDS words or more: a short item ("cấm học tiếng dân
 *   tộc?") carries too little to be sure of.
 */
export const SUGGEST_THRESHOLD = 0.2;
export const AUTO_LINK_THRESHOLD = 0.6;
export const AUTO_LINK_MIN_WORDS = 8;

export type LinkDecision = 'auto' | 'suggest' | 'none';

/** What happens to an item's best match: linked automatically, suggested to an analyst, or nothing. */
export function linkDecision(score: number, words: number): LinkDecision {
  if (score >= AUTO_LINK_THRESHOLD && words >= AUTO_LINK_MIN_WORDS) return 'auto';
  if (score >= SUGGEST_THRESHOLD) return 'suggest';
  return 'none';
}

type Space = {
  ids: Map<string, number>;
  idf: Float32Array;
  /** postings of feature f: docs[offsets[f] .. offsets[f + 1]) with weights at the same positions */
  offsets: Int32Array;
  docs: Int32Array;
  weights: Float32Array;
  /** the same, per claim (forward rows): row d is rowIds/rowWeights[rowOffsets[d] .. rowOffsets[d + 1]) */
  rowOffsets: Int32Array;
  rowIds: Int32Array;
  rowWeights: Float32Array;
  /** idf given to a query feature the claims never had */
  unknownIdf: number;
};

/** Names seen capitalised in the claims (single-word names, and adjacent word pairs of longer ones), folded. */
type Gazetteer = Set<string>;

export type ClaimIndex = {
  claimIds: string[];
  /** 1 = Vietnamese, 0 = English */ vi: Uint8Array;
  names: Gazetteer;
  words: Space;
  chars: Space;
  scratch: { w: Float32Array; seen: Uint8Array; touched: Int32Array; q: Float32Array; bins: Int32Array };
};

function gazetteer(all: Normalised[]): Gazetteer {
  const g: Gazetteer = new Set();
  for (const n of all)
    for (const run of n.names) {
      if (run.length === 1) g.add(run[0]);
      for (let i = 0; i + 1 < run.length; i++) g.add(run[i] + ' ' + run[i + 1]);
    }
  return g;
}

/** Term features of a normalised text: terms, adjacent-term bigrams and the claims' names found in its words
 *  (capitalised or not: "o hoa lam" still names Hòa Lam), prefixed @. */
export function wordFeatures(n: Normalised, names: Gazetteer): string[] {
  const out = n.terms.slice();
  for (let i = 0; i + 1 < n.terms.length; i++) out.push(n.terms[i] + ' ' + n.terms[i + 1]);
  const p = n.plain;
  for (let i = 0; i < p.length; i++) {
    if (names.has(p[i])) out.push('@' + p[i]);
    if (i + 1 < p.length) {
      const b = p[i] + ' ' + p[i + 1];
      if (names.has(b)) out.push('@' + b);
    }
  }
  return out;
}

const boost = (f: string) => (f.charCodeAt(0) === 64 /* @ */ ? ENTITY_BOOST : 1);

/** Character n-grams of the surface text, words joined and bounded by "_". */
export function charFeatures(n: Normalised): string[] {
  const s = '_' + n.surface.join('_') + '_';
  const out: string[] = [];
  for (let i = 0; i + CHAR_NGRAM <= s.length; i++) out.push(s.slice(i, i + CHAR_NGRAM));
  return out;
}

function counts(features: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of features) m.set(f, (m.get(f) ?? 0) + 1);
  return m;
}

function buildSpace(perDoc: Map<string, number>[]): Space {
  const ids = new Map<string, number>();
  const df: number[] = [];
  for (const doc of perDoc)
    for (const f of doc.keys()) {
      let id = ids.get(f);
      if (id === undefined) {
        id = df.length;
        ids.set(f, id);
        df.push(0);
      }
      df[id]++;
    }
  const n = perDoc.length;
  const idf = new Float32Array(df.length);
  for (let i = 0; i < df.length; i++) idf[i] = Math.log(1 + n / df[i]);
  const offsets = new Int32Array(df.length + 1);
  for (let i = 0; i < df.length; i++) offsets[i + 1] = offsets[i] + df[i];
  const fill = offsets.slice(0, -1);
  const total = offsets[df.length];
  const docs = new Int32Array(total);
  const weights = new Float32Array(total);
  const rowOffsets = new Int32Array(n + 1);
  const rowIds = new Int32Array(total);
  const rowWeights = new Float32Array(total);
  let r = 0;
  perDoc.forEach((doc, d) => {
    let norm = 0;
    const start = r;
    for (const [f, tf] of doc) {
      const id = ids.get(f)!;
      const w = (1 + Math.log(tf)) * idf[id] * boost(f);
      rowIds[r] = id;
      rowWeights[r++] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = start; k < r; k++) {
      rowWeights[k] /= norm;
      docs[fill[rowIds[k]]] = d;
      weights[fill[rowIds[k]]++] = rowWeights[k];
    }
    rowOffsets[d + 1] = r;
  });
  return { ids, idf, offsets, docs, weights, rowOffsets, rowIds, rowWeights, unknownIdf: Math.log(1 + n) };
}

/** Builds the index once over the claims; match() then reads it without changing it (one index per process). */
export function buildClaimIndex(claims: Claim[]): ClaimIndex {
  const normalised = claims.map((c) => normaliseText(c.text));
  const n = claims.length;
  const names = gazetteer(normalised);
  const chars = buildSpace(normalised.map((x) => counts(charFeatures(x))));
  return {
    claimIds: claims.map((c) => c.id),
    vi: Uint8Array.from(normalised, (x) => (x.lang === 'vi' ? 1 : 0)),
    names,
    words: buildSpace(normalised.map((x) => counts(wordFeatures(x, names)))),
    chars,
    scratch: {
      w: new Float32Array(n),
      seen: new Uint8Array(n),
      touched: new Int32Array(n),
      q: new Float32Array(chars.idf.length),
      bins: new Int32Array(BINS + 1),
    },
  };
}

const BINS = 512;

/** The top K claims for an already normalised item (scores in [0, 1], rank from 1). */
export function matchNormalised(index: ClaimIndex, n: Normalised, topK: number): ClaimMatch[] {
  const { w, seen, touched, q, bins } = index.scratch;
  // 1. Word space through the inverted index: cosine numerators of every claim sharing a term.
  const words = index.words;
  const { offsets: wOffsets, docs: wDocs, weights: wWeights } = words;
  let wNorm = 0;
  let count = 0;
  for (const [f, tf] of counts(wordFeatures(n, index.names))) {
    const id = words.ids.get(f);
    const x = (1 + Math.log(tf)) * (id === undefined ? words.unknownIdf : words.idf[id]) * boost(f);
    wNorm += x * x;
    if (id === undefined) continue;
    for (let p = wOffsets[id], end = wOffsets[id + 1]; p < end; p++) {
      const d = wDocs[p];
      w[d] += x * wWeights[p];
      if (seen[d] === 0) {
        seen[d] = 1;
        touched[count++] = d;
      }
    }
  }
  wNorm = Math.sqrt(wNorm) || 1;
  // 2. The item's character vector, dense over the claims' n-grams.
  const chars = index.chars;
  let cNorm = 0;
  const qIds: number[] = [];
  for (const [f, tf] of counts(charFeatures(n))) {
    const id = chars.ids.get(f);
    const x = (1 + Math.log(tf)) * (id === undefined ? chars.unknownIdf : chars.idf[id]);
    cNorm += x * x;
    if (id !== undefined) {
      q[id] = x;
      qIds.push(id);
    }
  }
  cNorm = Math.sqrt(cNorm) || 1;
  // 3. Candidates: the CANDIDATES best by words (a histogram of word scores gives the cut in one pass).
  let cut = 0;
  if (count > CANDIDATES) {
    bins.fill(0);
    const scale = BINS / wNorm;
    for (let i = 0; i < count; i++) bins[Math.min(BINS, (w[touched[i]] * scale) | 0)]++;
    let above = 0;
    let b = BINS;
    for (; b > 0 && above + bins[b] < CANDIDATES; b--) above += bins[b];
    cut = b / BINS;
  }
  // 4. Character cosine for the candidates (forward rows), combined score, top K.
  const itemVi = n.lang === 'vi' ? 1 : 0;
  const { rowOffsets, rowIds, rowWeights } = chars;
  const claimVi = index.vi;
  const best: { d: number; s: number }[] = [];
  const wCut = cut * wNorm;
  for (let i = 0; i < count; i++) {
    const d = touched[i];
    const wd = w[d];
    w[d] = 0;
    seen[d] = 0;
    if (wd < wCut) continue;
    const ws = wd / wNorm;
    let cs = 0;
    for (let p = rowOffsets[d], end = rowOffsets[d + 1]; p < end; p++) cs += q[rowIds[p]] * rowWeights[p];
    const a = claimVi[d] === itemVi ? WORD_WEIGHT : CROSS_LANGUAGE_WORD_WEIGHT;
    const s = a * ws + (1 - a) * (cs / cNorm);
    if (best.length === topK && s <= best[topK - 1].s) continue;
    let j = Math.min(best.length, topK - 1);
    best[j] = { d, s };
    while (j > 0 && (best[j - 1].s < s || (best[j - 1].s === s && index.claimIds[best[j - 1].d] > index.claimIds[d]))) {
      best[j] = best[j - 1];
      best[--j] = { d, s };
    }
  }
  for (const id of qIds) q[id] = 0;
  return best.map((b, i) => ({ claimId: index.claimIds[b.d], score: Math.round(Math.min(1, b.s) * 10000) / 10000, rank: i + 1 }));
}

/** The top K claims for an item's text: [{ claimId, score, rank }], best first. */
export function match(index: ClaimIndex, text: string, topK = 5): ClaimMatch[] {
  if (topK < 1) return [];
  return matchNormalised(index, normaliseText(text), topK);
}
