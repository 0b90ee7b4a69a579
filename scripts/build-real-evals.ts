// `npx tsx scripts/build-real-evals.ts`: rebuilds the two real-data evaluation sets in data/eval/ from snapshots of
// their public repositories (both MIT-licensed), deterministically:
//   data/eval/politifact-tweets/  English: real tweets vs PolitiFact fact-checks (Vo & Lee, EMNLP 2020, nguyenvo09/EMNLP2020)
//   data/eval/vifn-v3/            Vietnamese: fake-news titles vs the article's lead sentence (Kietzxje04/VietNam_Fake_New_Detection)
// Each repository is read with `git show` from a local bare mirror (env EMNLP2020_GIT, VIFN3_GIT, defaults below); see
// the README of each set for what was kept and how items, qrels and the dev/test split were made.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fold } from '../src/shared/text.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const EMNLP = process.env.EMNLP2020_GIT ?? '/work/.mirror/nguyenvo09+EMNLP2020/repo';
const VIFN = process.env.VIFN3_GIT ?? '/work/.mirror/Kietzxje04+VietNam_Fake_New_Detection/repo';
export const EMNLP_COMMIT = 'd5cddfc';
export const VIFN_COMMIT = '39e3c0d';

const show = (repo: string, commit: string, file: string) =>
  execFileSync('git', ['--git-dir', repo, 'show', `${commit}:${file}`], { maxBuffer: 64 << 20, encoding: 'utf8' });

/** A stable number in [0, 1) for a key: the split and the held-out claims do not depend on file order. */
const unit = (key: string) => createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
const clean = (s: string) =>
  s
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/\s+/g, ' ')
    .trim();

type Out = { claims: string[][]; items: string[][]; qrels: string[][]; split: string[][] };
function write(dir: string, o: Out, claimCols: string[]) {
  fs.mkdirSync(dir, { recursive: true });
  const tsv = (file: string, head: string[], rows: string[][]) =>
    fs.writeFileSync(path.join(dir, file), [head, ...rows].map((r) => r.join('\t')).join('\n') + '\n');
  tsv('claims.tsv', claimCols, o.claims);
  tsv('items.tsv', ['id', 'lang', 'variant', 'text'], o.items);
  tsv('qrels.tsv', ['item_id', 'claim_id'], o.qrels);
  tsv('split.tsv', ['item_id', 'split'], o.split);
  console.log(`${dir}: ${o.claims.length} claims, ${o.items.length} items, ${o.qrels.length} qrels`);
}

/** Share of claims left out of the index: their items become real items that repeat no indexed claim. */
const HELD_OUT = 0.15;
/** Share of claims (with their items) in the dev split; the rest is test. */
const DEV = 0.4;

function politifact(): Out {
  const base = 'formatted_data/Politifact/';
  const articles = JSON.parse(show(EMNLP, EMNLP_COMMIT, base + 'articles_content.json')) as Record<
    string,
    { claim: string; headerTitle: string }
  >;
  const queries = JSON.parse(show(EMNLP, EMNLP_COMMIT, base + 'queries_content.json')) as Record<
    string,
    { OriginalTweetContent_Raw: string; Images_in_tweet?: Record<string, { text_for_the_image?: string }> }
  >;
  const aMap = JSON.parse(show(EMNLP, EMNLP_COMMIT, base + 'article_mapped.json')) as Record<string, number>;
  const qMap = JSON.parse(show(EMNLP, EMNLP_COMMIT, base + 'query_mapped.json')) as Record<string, number>;
  const aByIdx = new Map(Object.entries(aMap).map(([url, i]) => [i, url]));
  const qByIdx = new Map(Object.entries(qMap).map(([id, i]) => [i, id]));
  const pairs = show(EMNLP, EMNLP_COMMIT, base + 'query_article_interaction.csv')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(',').map(Number));
  const o: Out = { claims: [], items: [], qrels: [], split: [] };
  const claimId = new Map<string, string>();
  const urls = Object.keys(articles).sort();
  urls.forEach((url, i) => {
    const id = `P${String(i + 1).padStart(4, '0')}`;
    claimId.set(url, id);
    if (unit('held:' + url) >= HELD_OUT)
      o.claims.push([id, 'en', clean(articles[url].headerTitle ?? ''), clean(articles[url].claim ?? '')]);
  });
  const byTweet = new Map<string, string[]>();
  for (const [q, a] of pairs) {
    const tweet = qByIdx.get(q);
    const url = aByIdx.get(a);
    if (!tweet || !url || !articles[url] || !queries[tweet]) continue;
    byTweet.set(tweet, [...(byTweet.get(tweet) ?? []), url]);
  }
  let n = 0;
  for (const tweet of [...byTweet.keys()].sort()) {
    const urlsOf = byTweet.get(tweet)!;
    const text = clean(queries[tweet].OriginalTweetContent_Raw ?? '');
    if (!text) continue;
    const held = urlsOf.every((u) => unit('held:' + u) < HELD_OUT);
    const split = unit('split:' + urlsOf[0]) < DEV ? 'dev' : 'test';
    const id = `T${String(++n).padStart(5, '0')}`;
    o.items.push([id, 'en', held ? 'no-claim' : 'tweet', text]);
    o.split.push([id, split]);
    if (!held) for (const u of urlsOf) if (unit('held:' + u) >= HELD_OUT) o.qrels.push([id, claimId.get(u)!]);
  }
  return o;
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The lead sentence: up to the first sentence end after 40 characters, at most 300 characters. */
function lead(s: string): string {
  const t = clean(s);
  const m = /^.{40,}?[.!?](\s|$)/u.exec(t);
  return (m ? m[0] : t).slice(0, 300).trim();
}

function vifn(): Out {
  const [head, ...rows] = csvRows(
    show(VIFN, VIFN_COMMIT, 'ViFN-Vietnamese_Fake_New_Datasets_Ver3-main/processed/deduplicated_articles_fake.csv'),
  );
  const col = (r: string[], name: string) => r[head.indexOf(name)] ?? '';
  const o: Out = { claims: [], items: [], qrels: [], split: [] };
  const seen = new Set<string>();
  const kept = rows
    .filter((r) => col(r, 'url') && clean(col(r, 'title')) && lead(col(r, 'summary') || col(r, 'content_html')).length >= 20)
    .sort((a, b) => col(a, 'url').localeCompare(col(b, 'url')))
    .filter((r) => !seen.has(clean(col(r, 'title'))) && seen.add(clean(col(r, 'title'))));
  let n = 0;
  kept.forEach((r, i) => {
    const url = col(r, 'url');
    const id = `V${String(i + 1).padStart(4, '0')}`;
    const held = unit('held:' + url) < HELD_OUT;
    if (!held) o.claims.push([id, 'vi', clean(col(r, 'title'))]);
    const text = lead(col(r, 'summary') || col(r, 'content_html'));
    const split = unit('split:' + url) < DEV ? 'dev' : 'test';
    for (const [variant, t] of [
      ['accented', text],
      ['no-diacritics', fold(text)],
    ]) {
      const itemId = `VI${String(++n).padStart(5, '0')}`;
      o.items.push([itemId, 'vi', held ? `no-claim-${variant}` : variant, t]);
      o.split.push([itemId, split]);
      if (!held) o.qrels.push([itemId, id]);
    }
  });
  return o;
}

write(path.join(ROOT, 'data/eval/politifact-tweets'), politifact(), ['id', 'lang', 'title', 'text']);
write(path.join(ROOT, 'data/eval/vifn-v3'), vifn(), ['id', 'lang', 'text']);
