// Pair precision and recall of the duplicate grouping (factcheck.dedupe.ts) on a labelled sample of real posts
// (data/eval/dedupe/: items.jsonl, pairs.csv with a label and a dev/test split per pair; README.md says how the sample
// was drawn and labelled, SOURCES.md where it comes from). The whole sample (1,500 posts) is grouped at once, as a
// file import would group it; a labelled pair counts as predicted duplicate when both posts end in one group.
//   npx tsx src/server/modules/factcheck/factcheck.dedupe.eval.ts   (prints dev and test)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupDuplicates, type DedupeItem } from './factcheck.dedupe.js';
import { FACTCHECK_DATA_DIR } from './factcheck.normalise.js';

export const DEDUPE_EVAL_DIR = path.resolve(FACTCHECK_DATA_DIR, '../eval/dedupe');

export type DedupePair = { a: string; b: string; duplicate: boolean; split: 'dev' | 'test' };
export type DedupeSample = { items: DedupeItem[]; pairs: DedupePair[] };

export function loadDedupeSample(dir = DEDUPE_EVAL_DIR): DedupeSample {
  const items = fs
    .readFileSync(path.join(dir, 'items.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as DedupeItem);
  const [, ...lines] = fs.readFileSync(path.join(dir, 'pairs.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
  const pairs = lines.map((l) => {
    const [a, b, d, split] = l.split(',');
    return { a: a!, b: b!, duplicate: d === '1', split: split as DedupePair['split'] };
  });
  return { items, pairs };
}

export type DedupeFigures = {
  split: string;
  pairs: number;
  duplicates: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
};

/** Groups the whole sample and scores the labelled pairs of one split. */
export function evaluateDedupe(sample: DedupeSample, split: 'dev' | 'test', group = groupDuplicates): DedupeFigures {
  const { groupOf } = group(sample.items);
  let tp = 0,
    fp = 0,
    fn = 0;
  const pairs = sample.pairs.filter((p) => p.split === split);
  for (const p of pairs) {
    const same = groupOf.get(p.a) === groupOf.get(p.b);
    if (same && p.duplicate) tp++;
    else if (same) fp++;
    else if (p.duplicate) fn++;
  }
  return {
    split,
    pairs: pairs.length,
    duplicates: pairs.filter((p) => p.duplicate).length,
    tp,
    fp,
    fn,
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
  };
}

export const formatDedupe = (f: DedupeFigures) =>
  `duplicate grouping, ${f.split}: ${f.pairs} labelled pairs (${f.duplicates} duplicates): pair precision ${f.precision.toFixed(3)} ` +
  `(${f.tp} of ${f.tp + f.fp}), pair recall ${f.recall.toFixed(3)} (${f.tp} of ${f.duplicates})`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = loadDedupeSample();
  for (const split of ['dev', 'test'] as const) console.log(formatDedupe(evaluateDedupe(s, split)));
}
