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
    claims: readTsv(path.join(dir, 'claims.tsv')).map((r) => ({ id: r.id, text: r.text })),
    items: readTsv(path.join(dir, 'items.tsv')).map((r) => ({
      id: r.id,
      text: r.text,
      variant: r.variant ?? '',
      split: split.get(r.id) ?? 'test',
    })),
    qrels,
  };
}

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
  /** Items with a relevant claim: top match correct and suggested / auto-linked; a wrong top match that would be linked. */
  thresholds: {
    suggestCorrect: number;
    autoCorrect: number;
    autoWrong: number;
    noClaimSuggested: number;
    noClaimAuto: number;
    noClaimItems: number;
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
  const th = { suggestCorrect: 0, autoCorrect: 0, autoWrong: 0, noClaimSuggested: 0, noClaimAuto: 0, noClaimItems: 0 };
  for (const { item, m } of results) {
    const rel = set.qrels.get(item.id);
    const words = item.text.split(/\s+/).filter(Boolean).length;
    const top = m[0];
    const decision = top ? linkDecision(top.score, words) : 'none';
    if (!rel) {
      th.noClaimItems++;
      if (decision !== 'none') th.noClaimSuggested++;
      if (decision === 'auto') th.noClaimAuto++;
      continue;
    }
    const ranked = m.map((x) => x.claimId);
    const ap = ap5(ranked, rel);
    const hit1 = top && rel.has(top.claimId) ? 1 : 0;
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
    thresholds: th,
  };
}

export function formatFigures(f: EvalFigures): string {
  const pct = (x: number) => (x * 100).toFixed(1) + '%';
  const lines = [
    `split ${f.split}: ${f.items} items (${f.withClaim} with a relevant claim) against ${f.claims} claims`,
    `  MAP@5 ${f.map5.toFixed(4)}   recall@1 ${pct(f.recall1)}   recall@5 ${pct(f.recall5)}   ${Math.round(f.itemsPerSecond).toLocaleString('en')} items/s (wall clock, JIT cold; throughput: npm run bench)`,
    ...Object.entries(f.byVariant)
      .sort()
      .map(([k, v]) => `    ${k.padEnd(14)} ${String(v.items).padStart(4)} items  MAP@5 ${v.map5.toFixed(3)}  recall@1 ${pct(v.recall1)}`),
    `  thresholds (suggest ≥ ${SUGGEST_THRESHOLD}, auto-link ≥ ${AUTO_LINK_THRESHOLD} and 8+ words): correct top match suggested or linked ${f.thresholds.suggestCorrect}/${f.withClaim}, ` +
      `auto-linked ${f.thresholds.autoCorrect}/${f.withClaim}, wrong auto-links ${f.thresholds.autoWrong}; ` +
      `items with no claim: suggested ${f.thresholds.noClaimSuggested}/${f.thresholds.noClaimItems}, auto-linked ${f.thresholds.noClaimAuto}`,
  ];
  return lines.join('\n');
}
