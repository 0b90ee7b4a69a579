// Evaluation of the on-topic rules on real posts labelled by hand (data/eval/topic/posts.tsv, see its README): the
// shipped default rules (data/factcheck/topic-rules.tsv, the same rows migration 0037 puts in fc_topic_rules) or the
// rules given, on the dev or test split: precision and recall of "yes", the share of "unsure", the confusion table.
// `rightshub claims topic-eval` prints it; the tests and the method note quote the test split.
import fs from 'node:fs';
import path from 'node:path';
import type { TopicRule } from '../../../shared/contracts/factcheck.js';
import { TOPIC_RULE_KINDS } from '../../../shared/contracts/factcheck.js';
import { FACTCHECK_DATA_DIR } from './factcheck.normalise.js';
import { judgeTopic } from './factcheck.topic.js';

export const TOPIC_EVAL_DIR = path.resolve(FACTCHECK_DATA_DIR, '../eval/topic');
export const DEFAULT_TOPIC_RULES_FILE = path.join(FACTCHECK_DATA_DIR, 'topic-rules.tsv');

function readTsv(file: string): Record<string, string>[] {
  const [head, ...lines] = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.startsWith('#'));
  const cols = head!.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v.trim()])));
}

/** The shipped default rules (ids by line, from 1). */
export function loadDefaultTopicRules(file = DEFAULT_TOPIC_RULES_FILE): TopicRule[] {
  return readTsv(file).map((r, i) => {
    const kind = r.kind as TopicRule['kind'];
    if (!TOPIC_RULE_KINDS.includes(kind))
      throw new Error(`${path.basename(file)} row ${i + 2}: kind "${r.kind}" is not one of ${TOPIC_RULE_KINDS.join(', ')}`);
    return { id: i + 1, kind, phrase: r.phrase!, language: r.language!, topic: r.topic || null, accents: r.accents === 'yes' };
  });
}

export type TopicPost = { id: string; split: string; label: 'yes' | 'no'; stratum: string; text: string };

export function loadTopicPosts(dir = TOPIC_EVAL_DIR): TopicPost[] {
  return readTsv(path.join(dir, 'posts.tsv')).map((r, i) => {
    if (r.label !== 'yes' && r.label !== 'no') throw new Error(`posts.tsv row ${i + 2}: label must be yes or no`);
    return { id: r.id!, split: r.split!, label: r.label, stratum: r.stratum ?? '', text: r.text ?? '' };
  });
}

export type TopicFigures = {
  split: string;
  posts: number;
  onTopic: number;
  /** Counts by label (yes/no) × decision (yes/unsure/no). */
  table: Record<'yes' | 'no', Record<'yes' | 'unsure' | 'no', number>>;
  /** Of the posts decided "yes", the share labelled on topic (null without any "yes"). */
  precisionYes: number | null;
  /** Of the posts labelled on topic, the share decided "yes". */
  recallYes: number | null;
  /** Share of all posts left "unsure" (a person's time). */
  unsureShare: number;
  /** Posts decided wrongly or left unsure, for reading. */
  errors: { id: string; label: string; decision: string; reason: string; terms: string[]; text: string }[];
};

export function evaluateTopic(posts: TopicPost[], rules: TopicRule[], split: 'dev' | 'test' | 'all'): TopicFigures {
  const chosen = posts.filter((p) => split === 'all' || p.split === split);
  const table = { yes: { yes: 0, unsure: 0, no: 0 }, no: { yes: 0, unsure: 0, no: 0 } };
  const errors: TopicFigures['errors'] = [];
  for (const p of chosen) {
    const v = judgeTopic(rules, p.text);
    table[p.label][v.onTopic]++;
    if (v.onTopic !== p.label)
      errors.push({
        id: p.id,
        label: p.label,
        decision: v.onTopic,
        reason: v.why.reason,
        terms: v.why.terms.map((t) => `${t.kind}:${t.found}${t.masked ? '(masked)' : ''}`),
        text: p.text.slice(0, 160),
      });
  }
  const saidYes = table.yes.yes + table.no.yes;
  const onTopic = table.yes.yes + table.yes.unsure + table.yes.no;
  const unsure = table.yes.unsure + table.no.unsure;
  return {
    split,
    posts: chosen.length,
    onTopic,
    table,
    precisionYes: saidYes ? table.yes.yes / saidYes : null,
    recallYes: onTopic ? table.yes.yes / onTopic : null,
    unsureShare: chosen.length ? unsure / chosen.length : 0,
    errors,
  };
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)} %`);

export function formatTopicFigures(f: TopicFigures, withErrors = false): string {
  const t = f.table;
  const lines = [
    `On-topic rules on ${f.posts} labelled real posts (split ${f.split}; ${f.onTopic} on topic):`,
    `  "yes" precision ${pct(f.precisionYes)} (${t.yes.yes} of ${t.yes.yes + t.no.yes}), recall ${pct(f.recallYes)} (${t.yes.yes} of ${f.onTopic})`,
    `  "unsure" ${pct(f.unsureShare)} of posts (${t.yes.unsure + t.no.unsure})`,
    `  labelled on topic → yes ${t.yes.yes}, unsure ${t.yes.unsure}, no ${t.yes.no}; off topic → yes ${t.no.yes}, unsure ${t.no.unsure}, no ${t.no.no}`,
  ];
  if (withErrors)
    for (const e of f.errors)
      lines.push(`  ${e.id} labelled ${e.label}, decided ${e.decision} (${e.reason}; ${e.terms.join(', ')}): ${e.text}`);
  return lines.join('\n');
}
