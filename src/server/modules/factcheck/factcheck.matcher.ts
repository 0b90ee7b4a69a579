// Claim matcher: which already fact-checked claims does an incoming item repeat? Vietnamese and English, with or
// without diacritics, informal spelling, paraphrases. Nothing is downloaded or learned at run time: the features come
// from factcheck.normalise.ts and the data files it reads (teencode, bilingual lexicon, stop words in data/factcheck/).
//
// Two TF-IDF vector spaces over the claims, fused by normalised score (each a cosine in [0, 1]):
//   - words: content terms (lexicon concepts such as §arrest, folded words), adjacent-term bigrams and names (@);
//   - characters: 3-, 4- and 5-grams of the folded surface text (word boundaries marked), robust to typos, missing
//     spaces (#nhanquyen → nhan quyen, hashtags are split at case changes) and spelling the lexicon does not know.
// Query side, factcheck.normalise.ts drops URLs and @handles, splits hashtags, expands teencode and folds diacritics
// when the item was typed without them. A claim's title (a fact-check's headline), when given, is a second field:
// its features count TITLE_WEIGHT per occurrence in the claim's vector.
// Weights are (1 + ln tf) · ln(1 + N / df), rows L2-normalised; an item's score against a claim is
// WORD_WEIGHT · cos_words + (1 − WORD_WEIGHT) · cos_chars, in [0, 1]. Query features unknown to the index count in
// the item's norm (a long item that merely mentions a claim scores lower than one that states it). Matching walks the
// word space's inverted index, keeps the CANDIDATES (100) best claims by words and scores only those on characters (their
// forward rows against the item's dense vector): a claim sharing no word with the item is never returned. Cross-language
// pairs (Vietnamese item, English claim) are scored on words alone (CROSS_LANGUAGE_WORD_WEIGHT).
// The index is incremental: addClaim / removeClaim change one claim; idf and claim norms are recomputed lazily (one
// pass over the forward rows at the next match), so the ranking equals a fresh build's.
import { normaliseText, type Normalised } from './factcheck.normalise.js';

/** A claim to match against; the title (a fact-check's headline), when there is one, is a second, weighted field. */
export type Claim = { id: string; text: string; title?: string };
/** `passage`: found in a sentence of a long text, not in the text as a whole (matchPassages). */
export type ClaimMatch = { claimId: string; score: number; rank: number; passage?: boolean };

/** Share of the word space in the combined score (chosen on the dev splits of data/eval/*: 0.5 gains 0.015–0.025 MAP@5
 *  on the real sets over 0.7 and loses 0.024 on the synthetic one; lower weights lose more on the synthetic set). */
export const WORD_WEIGHT = 0.5;
/** The same when the item and the claim are in different languages: their characters share little but names. */
export const CROSS_LANGUAGE_WORD_WEIGHT = 1;
/** Extra weight of a name the claims contain (a place, a body, a group): what tells two versions of a claim apart.
 *  1.5 on the dev splits: +0.008 / +0.010 MAP@5 on the real English / Vietnamese sets over 2, −0.008 on the synthetic one. */
export const ENTITY_BOOST = 1.5;
/** Claims scored on characters too: the best this many by words (and all of them when fewer share a word). 100 scores
 *  the same as 300 on every dev split and doubles throughput at 50,000 claims (the 3–5-gram rows are long). */
export const CANDIDATES = 100;

/**
 * Thresholds on the combined score, set on the dev splits of the three sets in data/eval/ (synthetic claims, PolitiFact
 * tweets, ViFN v3) — never a test split:
 * - SUGGEST_THRESHOLD 0.25: the analyst sees the match as a suggestion. On dev, suggestions at 0.25 are right 84 %
 *   (synthetic), 83 % (tweets) and 88 % (ViFN) of the time, against about 80 / 70 / 84 % at 0.2, for a few correct top
 *   matches fewer: a wrong suggestion costs an analyst's time, which real unrelated posts showed.
 * - AUTO_LINK_THRESHOLD 0.65: linked without a person (who can undo it). On dev the highest score of a wrong top
 *   match (8+ words) was 0.60 (synthetic), 0.54 (tweets) and 0.46 (ViFN); every top match at 0.6 or more was right,
 *   and 0.65 leaves a margin. Only for items of AUTO_LINK_MIN_WORDS words or more: a short item ("cấm học tiếng dân
 *   tộc?") carries too little to be sure of.
 */
export const SUGGEST_THRESHOLD = 0.25;
export const AUTO_LINK_THRESHOLD = 0.65;
export const AUTO_LINK_MIN_WORDS = 8;

export type LinkDecision = 'auto' | 'suggest' | 'none';

/** What happens to an item's best match: linked automatically, suggested to an analyst, or nothing. */
export function linkDecision(score: number, words: number): LinkDecision {
  if (score >= AUTO_LINK_THRESHOLD && words >= AUTO_LINK_MIN_WORDS) return 'auto';
  if (score >= SUGGEST_THRESHOLD) return 'suggest';
  return 'none';
}

/** Character n-gram lengths (CHAR_MIN..CHAR_MAX) and the weight of a claim's title against its text. */
export const CHAR_MIN = 3;
export const CHAR_MAX = 5;
export const TITLE_WEIGHT = 1;

/**
 * One vector space over the claims, mutable one claim at a time. Per claim slot: its features (ids) and their
 * log-tf weights (forward row); per feature: its document frequency and, for the word space, its postings (slots).
 * Weights are computed when read: idf from the live df and claim count, claim norms recomputed in one pass over the
 * forward rows when the claims changed — so an index grown claim by claim equals one built at once, to the bit.
 */
class Space {
  ids = new Map<string, number>();
  df: number[] = [];
  idf = new Float32Array(0);
  /** postings (word space only): slots holding the feature, dead slots skipped until compaction */
  postings: number[][] | null;
  /** the claim's log-tf weight at the same position of postings */
  postingLw: number[][] = [];
  rowIds: Int32Array[] = [];
  rowLw: Float32Array[] = [];
  /** 1 / the L2 norm of each claim's vector */
  norm = new Float32Array(0);
  live = 0;
  dirty = true;
  constructor(inverted: boolean) {
    this.postings = inverted ? [] : null;
  }
  add(slot: number, features: Map<string, number>) {
    const ids = new Int32Array(features.size);
    const lw = new Float32Array(features.size);
    let k = 0;
    for (const [f, w] of features) {
      let id = this.ids.get(f);
      if (id === undefined) {
        id = this.df.length;
        this.ids.set(f, id);
        this.df.push(0);
        if (this.postings) {
          this.postings.push([]);
          this.postingLw.push([]);
        }
      }
      this.df[id]++;
      if (this.postings) {
        this.postings[id].push(slot);
        this.postingLw[id].push(w);
      }
      ids[k] = id;
      lw[k++] = w;
    }
    this.rowIds[slot] = ids;
    this.rowLw[slot] = lw;
    this.live++;
    this.dirty = true;
  }
  remove(slot: number) {
    for (const id of this.rowIds[slot]) this.df[id]--;
    this.rowIds[slot] = new Int32Array(0);
    this.rowLw[slot] = new Float32Array(0);
    this.live--;
    this.dirty = true;
  }
  /** idf of every feature and the norm of every claim, after a change. */
  refresh(alive: Uint8Array, slots: number) {
    if (!this.dirty) return;
    const n = this.live;
    if (this.idf.length < this.df.length) this.idf = new Float32Array(Math.max(1024, this.df.length * 2));
    for (let i = 0; i < this.df.length; i++) this.idf[i] = this.df[i] ? Math.log(1 + n / this.df[i]) : 0;
    if (this.norm.length < slots) this.norm = new Float32Array(Math.max(1024, slots * 2));
    for (let d = 0; d < slots; d++) {
      if (!alive[d]) continue;
      const ids = this.rowIds[d];
      const lw = this.rowLw[d];
      let s = 0;
      for (let k = 0; k < ids.length; k++) {
        const x = lw[k] * this.idf[ids[k]];
        s += x * x;
      }
      this.norm[d] = 1 / (Math.sqrt(s) || 1);
    }
    this.dirty = false;
  }
  unknownIdf() {
    return Math.log(1 + this.live);
  }
  /** Postings without dead slots (after many removals). */
  compact(alive: Uint8Array) {
    if (!this.postings) return;
    this.postingLw = this.postingLw.map((lw, f) => lw.filter((_, k) => alive[this.postings![f][k]]));
    this.postings = this.postings.map((p) => p.filter((d) => alive[d]));
  }
}

/** Names seen capitalised in the claims (single-word names, and adjacent word pairs of longer ones), folded, counted. */
type Gazetteer = Map<string, number>;

export type ClaimIndex = {
  claimIds: string[];
  /** slot of each live claim id */
  slotOf: Map<string, number>;
  /** 1 = live slot */ alive: Uint8Array;
  /** 1 = Vietnamese, 0 = English */ vi: Uint8Array;
  /** names of each slot's claim (to count them out of the gazetteer on removal) */
  slotNames: string[][];
  names: Gazetteer;
  words: Space;
  chars: Space;
  dead: number;
  scratch: { w: Float32Array; seen: Uint8Array; touched: Int32Array; q: Float32Array; bins: Int32Array };
};

function ownNames(n: Normalised): string[] {
  const out: string[] = [];
  for (const run of n.names) {
    if (run.length === 1) out.push(run[0]);
    for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + ' ' + run[i + 1]);
  }
  return [...new Set(out)];
}

/** Term features of a normalised text: terms, adjacent-term bigrams and the names of the gazetteer found in its words
 *  (capitalised or not: "o hoa lam" still names Hòa Lam), prefixed @. A claim's names are its own capitalised ones. */
export function wordFeatures(n: Normalised, names: { has(k: string): boolean }): string[] {
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

/** Character n-grams (CHAR_MIN..CHAR_MAX) of the surface text, words joined and bounded by "_". */
export function charFeatures(n: Normalised): string[] {
  const s = '_' + n.surface.join('_') + '_';
  const out: string[] = [];
  for (let g = CHAR_MIN; g <= CHAR_MAX; g++) for (let i = 0; i + g <= s.length; i++) out.push(s.slice(i, i + g));
  return out;
}

function counts(features: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of features) m.set(f, (m.get(f) ?? 0) + 1);
  return m;
}

/** Log-tf weights (1 + ln tf, or tf below 1 for title-only features), names boosted; the title weighs TITLE_WEIGHT. */
function weighted(text: string[], title: string[] | null): Map<string, number> {
  const tf = counts(text);
  if (title) for (const f of title) tf.set(f, (tf.get(f) ?? 0) + TITLE_WEIGHT);
  const out = new Map<string, number>();
  for (const [f, x] of tf) out.set(f, (x <= 1 ? x : 1 + Math.log(x)) * boost(f));
  return out;
}

function emptyIndex(): ClaimIndex {
  return {
    claimIds: [],
    slotOf: new Map(),
    alive: new Uint8Array(1024),
    vi: new Uint8Array(1024),
    slotNames: [],
    names: new Map(),
    words: new Space(true),
    chars: new Space(false),
    dead: 0,
    scratch: {
      w: new Float32Array(0),
      seen: new Uint8Array(0),
      touched: new Int32Array(0),
      q: new Float32Array(0),
      bins: new Int32Array(BINS + 1),
    },
  };
}

/** Adds a claim, or replaces the claim of the same id (update); the rest of the index is not rebuilt. */
export function addClaim(index: ClaimIndex, claim: Claim): void {
  if (index.slotOf.has(claim.id)) removeClaim(index, claim.id);
  const n = normaliseText(claim.text);
  const t = claim.title?.trim() ? normaliseText(claim.title) : null;
  const slot = index.claimIds.length;
  if (slot >= index.alive.length) {
    const grow = <T extends Uint8Array>(a: T) => {
      const b = new Uint8Array(a.length * 2);
      b.set(a);
      return b;
    };
    index.alive = grow(index.alive);
    index.vi = grow(index.vi);
  }
  index.claimIds.push(claim.id);
  index.slotOf.set(claim.id, slot);
  index.alive[slot] = 1;
  index.vi[slot] = n.lang === 'vi' ? 1 : 0;
  const own = [...new Set([...ownNames(n), ...(t ? ownNames(t) : [])])];
  index.slotNames[slot] = own;
  for (const x of own) index.names.set(x, (index.names.get(x) ?? 0) + 1);
  const ownSet = new Set(own);
  index.words.add(slot, weighted(wordFeatures(n, ownSet), t && wordFeatures(t, ownSet)));
  index.chars.add(slot, weighted(charFeatures(n), t && charFeatures(t)));
}

/** Removes a claim (withdrawn or deleted); unknown ids are ignored. */
export function removeClaim(index: ClaimIndex, id: string): void {
  const slot = index.slotOf.get(id);
  if (slot === undefined) return;
  index.slotOf.delete(id);
  index.alive[slot] = 0;
  for (const x of index.slotNames[slot]) {
    const c = (index.names.get(x) ?? 1) - 1;
    if (c) index.names.set(x, c);
    else index.names.delete(x);
  }
  index.slotNames[slot] = [];
  index.words.remove(slot);
  index.chars.remove(slot);
  if (++index.dead > 1000 && index.dead * 4 > index.slotOf.size) {
    index.words.compact(index.alive);
    index.dead = 0;
  }
}

/** Builds the index over the claims; addClaim / removeClaim then change it one claim at a time. */
export function buildClaimIndex(claims: Claim[]): ClaimIndex {
  const index = emptyIndex();
  for (const c of claims) addClaim(index, c);
  return index;
}

/** Number of live claims in the index. */
export const indexSize = (index: ClaimIndex) => index.slotOf.size;

const BINS = 512;

/** The top K claims for an already normalised item (scores in [0, 1], rank from 1). */
export function matchNormalised(index: ClaimIndex, n: Normalised, topK: number): ClaimMatch[] {
  const slots = index.claimIds.length;
  index.words.refresh(index.alive, slots);
  index.chars.refresh(index.alive, slots);
  if (index.scratch.w.length < slots) {
    const size = Math.max(1024, slots * 2);
    index.scratch.w = new Float32Array(size);
    index.scratch.seen = new Uint8Array(size);
    index.scratch.touched = new Int32Array(size);
  }
  if (index.scratch.q.length < index.chars.df.length) index.scratch.q = new Float32Array(Math.max(1024, index.chars.df.length * 2));
  const { w, seen, touched, q, bins } = index.scratch;
  const alive = index.alive;
  // 1. Word space through the inverted index: cosine numerators of every claim sharing a term.
  const words = index.words;
  const wIdf = words.idf;
  const wNormOf = words.norm;
  const postings = words.postings!;
  let wNorm = 0;
  let count = 0;
  const wUnknown = words.unknownIdf();
  for (const [f, tf] of counts(wordFeatures(n, index.names))) {
    const id = words.ids.get(f);
    const live = id !== undefined && words.df[id] > 0;
    const idf = live ? wIdf[id] : wUnknown;
    const x = (1 + Math.log(tf)) * idf * boost(f);
    wNorm += x * x;
    if (!live) continue;
    const p = postings[id];
    const plw = words.postingLw[id];
    const xi = x * idf;
    for (let k = 0; k < p.length; k++) {
      const d = p[k];
      if (!alive[d]) continue;
      // the claim's weight of this feature: its log-tf × idf / its norm
      w[d] += xi * plw[k] * wNormOf[d];
      if (seen[d] === 0) {
        seen[d] = 1;
        touched[count++] = d;
      }
    }
  }
  wNorm = Math.sqrt(wNorm) || 1;
  // 2. The item's character vector, dense over the claims' n-grams.
  const chars = index.chars;
  const cIdf = chars.idf;
  let cNorm = 0;
  const qIds: number[] = [];
  const cUnknown = chars.unknownIdf();
  for (const [f, tf] of counts(charFeatures(n))) {
    const id = chars.ids.get(f);
    const live = id !== undefined && chars.df[id] > 0;
    const x = (1 + Math.log(tf)) * (live ? cIdf[id] : cUnknown);
    cNorm += x * x;
    if (live) {
      q[id] = x * cIdf[id];
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
  const claimVi = index.vi;
  const cNormOf = chars.norm;
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
    const ids = chars.rowIds[d];
    const lw = chars.rowLw[d];
    for (let k = 0; k < ids.length; k++) cs += q[ids[k]] * lw[k];
    cs *= cNormOf[d];
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

/** A text longer than this is also matched sentence by sentence: a claim is a sentence or two, and inside a long post
 *  its words are too small a share of the post's for the post as a whole to reach the thresholds. */
export const PASSAGE_CHARS = 320;
/** Sentences shorter than this are joined to the next (a fragment alone matches by chance). */
const MIN_PASSAGE_CHARS = 40;
const LONG_SENTENCE = new RegExp(`\\S(?:.{0,${PASSAGE_CHARS - 2}}\\S)?(?=\\s|$)`, 'gsu');

/** The passages of a text: its sentences, a fragment joined to the next, a sentence longer than PASSAGE_CHARS cut
 *  between words; every word kept, in order. */
export function passages(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  const push = (s: string) => {
    cur = cur ? `${cur} ${s}` : s;
    if (cur.length >= MIN_PASSAGE_CHARS) {
      out.push(cur);
      cur = '';
    }
  };
  for (const sentence of text.split(/(?<=[.!?…;])\s+|\n+/)) {
    const s = sentence.trim();
    if (!s) continue;
    if (s.length <= PASSAGE_CHARS - MIN_PASSAGE_CHARS) push(s);
    else for (const piece of s.match(LONG_SENTENCE) ?? [s]) push(piece);
  }
  if (cur) out.push(cur);
  return out;
}

/** `match` for a text of any length (the caller bounds it): a short text as it is; a longer one as a whole and sentence
 *  by sentence, each claim keeping its best score. A claim found only in a passage is marked `passage`: the caller
 *  suggests it and never links it automatically (a long article may quote a claim to refute it). */
export function matchPassages(index: ClaimIndex, text: string, topK = 5): ClaimMatch[] {
  if (text.length <= PASSAGE_CHARS) return match(index, text, topK);
  const best = new Map<string, { score: number; passage: boolean }>();
  for (const m of match(index, text, topK)) best.set(m.claimId, { score: m.score, passage: false });
  for (const p of passages(text)) {
    for (const m of match(index, p, topK)) {
      if ((best.get(m.claimId)?.score ?? -1) < m.score) best.set(m.claimId, { score: m.score, passage: true });
    }
  }
  return [...best]
    .sort((a, b) => b[1].score - a[1].score)
    .slice(0, topK)
    .map(([claimId, b], i) => ({ claimId, score: b.score, rank: i + 1, ...(b.passage ? { passage: true } : {}) }));
}
