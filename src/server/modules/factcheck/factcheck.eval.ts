// Evaluation of the claim matcher on a claims / items / qrels set (data/eval/claims/ by default): MAP@5, recall@1,
// recall@5, items per second, per-variant figures and what the thresholds do (suggest / auto-link) on items with and
// without a relevant claim. Used by `rightshub claims eval`, the tests and the bench.
import fs from 'node:fs';
import path from 'node:path';
import { FACTCHECK_DATA_DIR } from './factcheck.normalise.js';
import { AUTO_LINK_THRESHOLD, buildClaimIndex, linkDecision, match, SUGGEST_THRESHOLD, type Claim } from './factcheck.matcher.js';

export const EVAL_DIR = path.resolve(FACTCHECK_DATA_DIR, '../eval/claims');

type Row = Record<string, string>;
function readTsv(file: string): Row[] {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
  const cols = head.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

export type EvalSet = { claims: Claim[]; items: (Claim & { variant: string; split: string })[]; qrels: Map<string, Set<string>> };

export function loadEvalSet(dir = EVAL_DIR): EvalSet {
  const split = new Map(readTsv(path.join(dir, 'split.tsv')).map((r) => [r.item_id, r.split]));
  const qrels = new Map<string, Set<string>>();
  for (const r of readTsv(path.join(dir, 'qrels.tsv'))) qrels.set(r.item_id, (qrels.get(r.item_id) ?? new Set()).add(r.claim_id));
  return {
    claims: readTsv(path.join(dir, 'claims.tsv')).map((r) =>
      r.title ? { id: r.id, text: r.text, title: r.title } : { id: r.id, text: r.text },
    ),
    items: readTsv(path.join(dir, 'items.tsv')).map((r) => ({
      id: r.id,
      text: r.text,
      variant: r.variant ?? '',
      split: split.get(r.id) ?? 'test',
    })),
    qrels,
  };
}

/** The real and synthetic sets under data/eval/ that `rightshub claims eval` reports (each a folder with the four TSVs). */
export const EVAL_SETS = ['claims', 'politifact-tweets', 'vifn-v3'];
export const evalDir = (name: string) => path.resolve(EVAL_DIR, '..', name);

type Ranker = (text: string) => string[];

/** Figures of one ranking (the matcher or a baseline) on the items with a relevant claim. */
export type RankFigures = { map5: number; recall1: number; recall5: number };

export type EvalFigures = {
  split: string;
  claims: number;
  items: number;
  withClaim: number;
  map5: number;
  recall1: number;
  recall5: number;
  itemsPerSecond: number;
  byVariant: Record<string, { items: number; map5: number; recall1: number }>;
  /** The textbook baselines on the same items: BM25 over words and over character 3–5-grams. */
  baselines: { bm25Words: RankFigures; bm25Chars: RankFigures };
  /** Items with a relevant claim: top match correct and suggested / auto-linked; a wrong top match that would be linked. */
  thresholds: {
    suggestCorrect: number;
    autoCorrect: number;
    autoWrong: number;
    noClaimSuggested: number;
    noClaimAuto: number;
    noClaimItems: number;
    /** Over every item (with or without a relevant claim): share of suggestions (and of auto-links) whose claim is relevant. */
    suggestions: number;
    suggestionPrecision: number;
    autoLinks: number;
    autoLinkPrecision: number;
  };
};

/** Average precision at 5 for one item (relevant claims known). */
function ap5(ranked: string[], relevant: Set<string>): number {
  let hits = 0;
  let sum = 0;
  ranked.slice(0, 5).forEach((id, i) => {
    if (relevant.has(id)) {
      hits++;
      sum += hits / (i + 1);
    }
  });
  return sum / Math.min(relevant.size, 5);
}

// ---------------------------------------------------------------- baselines (plain BM25, k1 1.2, b 0.75)

const wordTokens = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
function charTokens(s: string): string[] {
  const t = ' ' + wordTokens(s).join(' ') + ' ';
  const out: string[] = [];
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= t.length; i++) out.push(t.slice(i, i + n));
  return out;
}

/** A plain BM25 ranker over the claims (title and text as one document), with the given tokeniser. */
export function bm25Baseline(claims: Claim[], tokens: (s: string) => string[], k1 = 1.2, b = 0.75): Ranker {
  const post = new Map<string, { d: number; tf: number }[]>();
  const len: number[] = [];
  claims.forEach((c, d) => {
    const toks = tokens(c.title ? `${c.title} ${c.text}` : c.text);
    len.push(toks.length);
    const tf = new Map<string, number>();
    for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      let p = post.get(t);
      if (!p) post.set(t, (p = []));
      p.push({ d, tf: f });
    }
  });
  const n = claims.length;
  const avg = len.reduce((a, x) => a + x, 0) / (n || 1);
  const score = new Float64Array(n);
  return (text) => {
    const touched: number[] = [];
    for (const t of new Set(tokens(text))) {
      const p = post.get(t);
      if (!p) continue;
      const idf = Math.log(1 + (n - p.length + 0.5) / (p.length + 0.5));
      for (const { d, tf } of p) {
        if (score[d] === 0) touched.push(d);
        score[d] += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len[d]) / avg));
      }
    }
    const top = touched.sort((x, y) => score[y] - score[x] || x - y).slice(0, 5);
    for (const d of touched) score[d] = 0;
    return top.map((d) => claims[d].id);
  };
}

function rankFigures(items: { id: string; text: string }[], qrels: Map<string, Set<string>>, rank: Ranker): RankFigures {
  let map = 0,
    r1 = 0,
    r5 = 0,
    n = 0;
  for (const i of items) {
    const rel = qrels.get(i.id);
    if (!rel) continue;
    const r = rank(i.text);
    n++;
    map += ap5(r, rel);
    r1 += rel.has(r[0]) ? 1 : 0;
    r5 += r.some((id) => rel.has(id)) ? 1 : 0;
  }
  return { map5: map / (n || 1), recall1: r1 / (n || 1), recall5: r5 / (n || 1) };
}

export function evaluate(set: EvalSet, split: 'dev' | 'test' | 'all'): EvalFigures {
  const index = buildClaimIndex(set.claims);
  const items = set.items.filter((i) => split === 'all' || i.split === split);
  const t0 = performance.now();
  const results = items.map((i) => ({ item: i, m: match(index, i.text, 5) }));
  const seconds = (performance.now() - t0) / 1000;
  let map = 0,
    r1 = 0,
    r5 = 0,
    n = 0;
  const byVariant: EvalFigures['byVariant'] = {};
  const th = {
    suggestCorrect: 0,
    autoCorrect: 0,
    autoWrong: 0,
    noClaimSuggested: 0,
    noClaimAuto: 0,
    noClaimItems: 0,
    suggestions: 0,
    suggestionPrecision: 0,
    autoLinks: 0,
    autoLinkPrecision: 0,
  };
  let suggestRight = 0,
    autoRight = 0;
  for (const { item, m } of results) {
    const rel = set.qrels.get(item.id);
    const words = item.text.split(/\s+/).filter(Boolean).length;
    const top = m[0];
    const decision = top ? linkDecision(top.score, words) : 'none';
    const right = !!(top && rel?.has(top.claimId));
    if (decision !== 'none') {
      th.suggestions++;
      if (right) suggestRight++;
    }
    if (decision === 'auto') {
      th.autoLinks++;
      if (right) autoRight++;
    }
    if (!rel) {
      th.noClaimItems++;
      if (decision !== 'none') th.noClaimSuggested++;
      if (decision === 'auto') th.noClaimAuto++;
      continue;
    }
    const ranked = m.map((x) => x.claimId);
    const ap = ap5(ranked, rel);
    const hit1 = right ? 1 : 0;
    n++;
    map += ap;
    r1 += hit1;
    r5 += ranked.some((id) => rel.has(id)) ? 1 : 0;
    const v = (byVariant[item.variant] ??= { items: 0, map5: 0, recall1: 0 });
    v.items++;
    v.map5 += ap;
    v.recall1 += hit1;
    if (hit1 && decision !== 'none') th.suggestCorrect++;
    if (hit1 && decision === 'auto') th.autoCorrect++;
    if (!hit1 && decision === 'auto') th.autoWrong++;
  }
  th.suggestionPrecision = suggestRight / (th.suggestions || 1);
  th.autoLinkPrecision = autoRight / (th.autoLinks || 1);
  for (const v of Object.values(byVariant)) {
    v.map5 /= v.items || 1;
    v.recall1 /= v.items || 1;
  }
  return {
    split,
    claims: set.claims.length,
    items: items.length,
    withClaim: n,
    map5: map / (n || 1),
    recall1: r1 / (n || 1),
    recall5: r5 / (n || 1),
    itemsPerSecond: items.length / (seconds || 1e-9),
    byVariant,
    baselines: {
      bm25Words: rankFigures(items, set.qrels, bm25Baseline(set.claims, wordTokens)),
      bm25Chars: rankFigures(items, set.qrels, bm25Baseline(set.claims, charTokens)),
    },
    thresholds: th,
  };
}

export function formatFigures(f: EvalFigures, name = ''): string {
  const pct = (x: number) => (x * 100).toFixed(1) + '%';
  const t = f.thresholds;
  const b = f.baselines;
  const lines = [
    `${name ? name + ', ' : ''}split ${f.split}: ${f.items} items (${f.withClaim} with a relevant claim) against ${f.claims} claims`,
    `  matcher          MAP@5 ${f.map5.toFixed(4)}   recall@1 ${pct(f.recall1)}   recall@5 ${pct(f.recall5)}   ${Math.round(f.itemsPerSecond).toLocaleString('en')} items/s (wall clock, JIT cold; throughput: npm run bench)`,
    `  BM25 words       MAP@5 ${b.bm25Words.map5.toFixed(4)}   recall@1 ${pct(b.bm25Words.recall1)}   recall@5 ${pct(b.bm25Words.recall5)}`,
    `  BM25 chars 3–5   MAP@5 ${b.bm25Chars.map5.toFixed(4)}   recall@1 ${pct(b.bm25Chars.recall1)}   recall@5 ${pct(b.bm25Chars.recall5)}`,
    ...Object.entries(f.byVariant)
      .sort()
      .map(([k, v]) => `    ${k.padEnd(14)} ${String(v.items).padStart(4)} items  MAP@5 ${v.map5.toFixed(3)}  recall@1 ${pct(v.recall1)}`),
    `  suggestions (score ≥ ${SUGGEST_THRESHOLD}): ${t.suggestions} of ${f.items} items, precision ${pct(t.suggestionPrecision)}; ` +
      `auto-links (≥ ${AUTO_LINK_THRESHOLD}, 8+ words): ${t.autoLinks}, precision ${t.autoLinks ? pct(t.autoLinkPrecision) : 'n/a'}`,
    `  correct top match suggested or linked ${t.suggestCorrect}/${f.withClaim}, auto-linked ${t.autoCorrect}/${f.withClaim}, wrong auto-links ${t.autoWrong}; ` +
      `items with no claim: suggested ${t.noClaimSuggested}/${t.noClaimItems}, auto-linked ${t.noClaimAuto}`,
  ];
  return lines.join('\n');
}
