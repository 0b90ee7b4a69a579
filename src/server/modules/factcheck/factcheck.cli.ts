// `rightshub claims match | eval | topic-eval`: the claim matcher on files, without a database (main.ts runs it before opening one).
import fs from 'node:fs';
import path from 'node:path';
import { invocationDir } from '../../kernel/config.js';
import { EVAL_SETS, evalDir, evaluate, formatFigures, loadEvalSet } from './factcheck.eval.js';
import { matchesCsv, readIdTextFile } from './factcheck.files.js';
import { buildClaimIndex, match } from './factcheck.matcher.js';
import { evaluateTopic, formatTopicFigures, loadDefaultTopicRules, loadTopicPosts } from './factcheck.topic.eval.js';

/** `claims topic-eval`: the on-topic rules' figures on a split of the labelled posts (a section of its own). */
function topicEvalReport(split: string, dir?: string): string {
  if (split !== 'dev' && split !== 'test' && split !== 'all') throw new Error('--split must be dev, test or all');
  return formatTopicFigures(evaluateTopic(loadTopicPosts(dir), loadDefaultTopicRules(), split), true);
}

export const CLAIMS_USAGE = `  claims match --claims FILE --items FILE [--top K] [--out FILE]
                             match items against fact-checked claims (CSV or TSV with id and text columns;
                             a title column of the claims file is matched as a second field);
                             writes item_id,claim_id,rank,score (CSV) to stdout or --out; K defaults to 5
  claims eval [--split dev|test|all] [--dir DIR]
                             the matcher's MAP@5, recall@1/5, suggestion and auto-link precision and items
                             per second, beside BM25 baselines, on every set in data/eval/ (or DIR)
  claims topic-eval [--split dev|test|all] [--dir DIR]
                             the default on-topic rules on labelled real posts (data/eval/topic): precision and
                             recall of "yes", share of "unsure", and each post decided wrongly`;

export type ClaimsOptions = { claims?: string; items?: string; top?: string; out?: string; split?: string; dir?: string };

export function claimsCommand(
  sub: string | undefined,
  o: ClaimsOptions,
  write: (s: string) => void = (s) => process.stdout.write(s),
): void {
  const here = (f: string) => path.resolve(invocationDir(), f);
  if (sub === 'match') {
    if (!o.claims || !o.items) throw new Error(`claims match needs --claims FILE and --items FILE\n${CLAIMS_USAGE}`);
    const top = o.top === undefined ? 5 : Number(o.top);
    if (!Number.isInteger(top) || top < 1 || top > 1000) throw new Error(`--top must be a whole number from 1 to 1000 (got ${o.top})`);
    const claims = readIdTextFile(here(o.claims));
    const items = readIdTextFile(here(o.items));
    const index = buildClaimIndex(claims);
    const csv = matchesCsv(items.map((i) => ({ itemId: i.id, matches: match(index, i.text, top) })));
    if (o.out) fs.writeFileSync(here(o.out), csv);
    else write(csv);
  } else if (sub === 'eval') {
    const split = o.split ?? 'test';
    if (split !== 'dev' && split !== 'test' && split !== 'all') throw new Error('--split must be dev, test or all');
    const dirs = o.dir ? [[path.basename(here(o.dir)), here(o.dir)]] : EVAL_SETS.map((n) => [n, evalDir(n)]);
    for (const [name, dir] of dirs) write(formatFigures(evaluate(loadEvalSet(dir), split), name) + '\n');
  } else if (sub === 'topic-eval') {
    write(topicEvalReport(o.split ?? 'test', o.dir ? here(o.dir) : undefined) + '\n');
  } else throw new Error(`Unknown claims command ${sub ?? '(none)'}\n${CLAIMS_USAGE}`);
}
