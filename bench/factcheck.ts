// Fact-checking bench (`BENCH_ONLY=factcheck npm run bench`), in this process, one core, no database:
//   (1) the claim matcher's figures on the evaluation set data/eval/claims (dev and test splits);
//   (2) index build time and matching throughput (items per CPU-second of this single-threaded process — immune to other
//       work on a shared machine — and per wall-clock second, top 5) against 10,000 and 50,000 claims
//       synthesised from the evaluation vocabulary (scripts/claims-eval-data.ts: 43 fictional events in Vietnamese and
//       English × generated fictional place names × numbers), items being paraphrases of random claims typed with
//       diacritics, without them or in the other language, plus the evaluation items;
//   (3) ingest throughput against 50,000 claims: normalise, group exact and near duplicates (MinHash), match each group;
//   (4) the same on the database, through the product's own path: 50,000 claims in fc_claims, a CSV file of items
//       imported (parse, validate, group with the stored MinHash bands, judge on-topic, match, write links — one
//       transaction), then a feed of 500 entries polled; and T5b/T5c computed over what was taken in.
// BENCH_FACTCHECK_ITEMS changes the number of items timed (default 5,000); BENCH_FACTCHECK_SIZES the claim counts
// (default 10000,50000).
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/server/kernel/audit.js';
import { openPglite, type Database } from '../src/server/kernel/db.js';
import { loadAllReference } from '../src/server/modules/index.js';
import { getDashboard } from '../src/server/modules/indicators/indicators.service.js';
import { createFeed, pollFeed } from '../src/server/modules/factcheck/factcheck.feeds.js';
import { importItems } from '../src/server/modules/factcheck/factcheck.import.js';
import { claimIndex } from '../src/server/modules/factcheck/factcheck.items.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { EVENTS } from '../scripts/claims-eval-data.js';
import { groupDuplicates } from '../src/server/modules/factcheck/factcheck.dedupe.js';
import { EVAL_SETS, evalDir, evaluate, formatFigures, loadEvalSet } from '../src/server/modules/factcheck/factcheck.eval.js';
import { addClaim, buildClaimIndex, match, removeClaim, type Claim } from '../src/server/modules/factcheck/factcheck.matcher.js';
import { n } from './press.js';

const ITEMS = Number(process.env.BENCH_FACTCHECK_ITEMS ?? 5000);
const SIZES = (process.env.BENCH_FACTCHECK_SIZES ?? '10000,50000').split(',').map(Number);

const FIRST = [
  'Hòa',
  'Tân',
  'Ngọc',
  'Bích',
  'Phú',
  'An',
  'Thạch',
  'Mỹ',
  'Quế',
  'Lạc',
  'Kim',
  'Đông',
  'Vân',
  'Hạc',
  'Lũng',
  'Bảo',
  'Cẩm',
  'Diên',
  'Gia',
  'Hương',
  'Khánh',
  'Lam',
  'Minh',
  'Nghĩa',
  'Ong',
  'Phước',
  'Sa',
  'Tường',
  'Uyên',
  'Vĩnh',
  'Xuân',
  'Yên',
];
const SECOND = [
  'Lam',
  'Khê',
  'Lĩnh',
  'Sơn',
  'Đài',
  'Trạch',
  'Yên',
  'Vân',
  'Dương',
  'Hồ',
  'Phong',
  'Nhạn',
  'Cừ',
  'Thủy',
  'Mây',
  'Bình',
  'Châu',
  'Điền',
  'Giang',
  'Hà',
  'Khang',
  'Lộc',
  'Mai',
  'Nguyên',
  'Oanh',
  'Phúc',
  'Quang',
  'Tâm',
  'Uy',
  'Vỹ',
  'Xá',
  'Yến',
];

let seed = 20261129;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

type Synth = { claims: Claim[]; facts: { e: number; place: string; num: number; lang: 'vi' | 'en' }[] };

export function synthesise(count: number): Synth {
  const claims: Claim[] = [];
  const facts: Synth['facts'] = [];
  for (let i = 0; i < count; i++) {
    const e = Math.floor(rand() * EVENTS.length);
    const place = `${pick(FIRST)} ${pick(SECOND)}${rand() < 0.3 ? ' ' + pick(SECOND) : ''}`;
    const num = 2 + Math.floor(rand() * 500);
    const lang: 'vi' | 'en' = rand() < 0.6 ? 'vi' : 'en';
    const t = (lang === 'vi' ? EVENTS[e].vi : EVENTS[e].en)
      .replaceAll('{P}', lang === 'en' ? strip(place) : place)
      .replaceAll('{N}', String(num));
    claims.push({ id: `S${i}`, text: t });
    facts.push({ e, place, num, lang });
  }
  return { claims, facts };
}

export function items(s: Synth, count: number, extra: string[]): string[] {
  const out: string[] = [];
  while (out.length < count) {
    if (rand() < 0.15) {
      out.push(pick(extra));
      continue;
    }
    const f = s.facts[Math.floor(rand() * s.facts.length)];
    const lang = rand() < 0.2 ? (f.lang === 'vi' ? 'en' : 'vi') : f.lang;
    const para = pick(lang === 'vi' ? EVENTS[f.e].paraVi : EVENTS[f.e].paraEn)
      .replaceAll('{P}', lang === 'en' ? strip(f.place) : f.place)
      .replaceAll('{N}', String(f.num));
    out.push(lang === 'vi' && rand() < 0.4 ? strip(para).toLowerCase() : para);
  }
  return out;
}

export async function benchFactcheck(root: string) {
  console.log('\nFact-checking: claim matcher (one core, in process)');
  const set = loadEvalSet();
  const warm = buildClaimIndex(set.claims);
  for (const i of set.items) match(warm, i.text, 5); // JIT warm-up
  for (const name of EVAL_SETS) {
    const s = loadEvalSet(evalDir(name));
    for (const split of ['dev', 'test'] as const) console.log(formatFigures(evaluate(s, split), name));
  }
  const evalTexts = set.items.map((i) => i.text);
  for (const size of SIZES) {
    const s = synthesise(size);
    let t = performance.now();
    const index = buildClaimIndex(s.claims);
    const buildMs = performance.now() - t;
    const texts = items(s, ITEMS, evalTexts);
    for (const x of texts.slice(0, 500)) match(index, x, 5);
    t = performance.now();
    const cpu0 = process.cpuUsage();
    for (const x of texts) match(index, x, 5);
    const sec = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSec = (cpu.user + cpu.system) / 1e6;
    // One claim saved (added, then its wording changed) against the index of `size` claims: the incremental path,
    // then the first match after it (which refreshes idf and claim norms), beside the full rebuild above.
    const one: number[] = [];
    for (let k = 0; k < 20; k++) {
      const t1 = performance.now();
      addClaim(index, { id: `new-${k}`, text: `${s.claims[k].text} (bản cập nhật ${k})` });
      match(index, texts[k], 5);
      one.push(performance.now() - t1);
    }
    for (let k = 0; k < 20; k++) removeClaim(index, `new-${k}`);
    one.sort((a, b) => a - b);
    console.log(
      `against ${n(size)} claims: one claim added incrementally and the next item matched in ${one[10]!.toFixed(0)} ms (median of 20, p95 ${one[18]!.toFixed(0)} ms); ` +
        `full rebuild ${buildMs.toFixed(0)} ms`,
    );
    console.log(
      `against ${n(size)} synthesised claims: index built in ${(buildMs / 1000).toFixed(1)} s; ${n(texts.length)} items matched (top 5): ` +
        `${n(Math.round(texts.length / cpuSec))} items per CPU-second (${((cpuSec * 1000) / texts.length).toFixed(2)} ms CPU per item), ${n(Math.round(texts.length / sec))} items/s wall clock` +
        ` (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
    );
    if (size === SIZES[SIZES.length - 1]) {
      // Ingest: a batch with repeats (a viral item reposted, with and without diacritics), grouped, then matched once per group.
      const batch = texts.flatMap((x, i) => (i % 4 === 0 ? [x, strip(x), `${x} #chiase`] : [x]));
      t = performance.now();
      const ingestCpu0 = process.cpuUsage();
      const { groups } = groupDuplicates(batch.map((text, i) => ({ id: String(i), text })));
      const dedupeSec = (performance.now() - t) / 1000;
      for (const id of groups.keys()) match(index, batch[Number(id)], 5);
      const totalSec = (performance.now() - t) / 1000;
      const ic = process.cpuUsage(ingestCpu0);
      console.log(
        `ingest against ${n(size)} claims: ${n(batch.length)} items → ${n(groups.size)} duplicate groups in ${dedupeSec.toFixed(2)} s, each group matched; ` +
          `${n(Math.round(batch.length / ((ic.user + ic.system) / 1e6)))} items per CPU-second, ${n(Math.round(batch.length / totalSec))} items/s wall clock end to end`,
      );
    }
  }
  await benchIngestOnDatabase(root, evalTexts);
}

/** `count` synthesised claims in fc_claims: published fact-checks, every other one rated false (so T5b has something
 *  to count). Returns what was synthesised. Also feeds bench/national.ts. */
export async function addClaims(d: Database, count: number): Promise<Synth> {
  const s = synthesise(count);
  for (let i = 0; i < s.claims.length; i += 2000) {
    const chunk = s.claims.slice(i, i + 2000);
    await d.db.execute(sql`insert into fc_claims (text, language, status, rating_code, published_at, is_demo)
      values ${sql.join(
        chunk.map(
          (c, k) => sql`(${c.text}, ${s.facts[i + k]!.lang}, 'published', ${(i + k) % 2 ? 'true' : 'false'}, '2026-01-01T00:00:00Z', true)`,
        ),
        sql`, `,
      )}`);
  }
  return s;
}

/** `count` monitored items taken in from a file (set-based SQL over the claims of addClaims): the text of a claim
 *  with a prefix, over 2023–2026 (more in later years) and every platform; 90% on topic (by the rules); in duplicate
 *  groups of one to three consecutive items; the group's first item linked to a claim for about half the groups
 *  (auto, confirmed or suggested); about 70% of the items linked to a false claim handled (an action a few days later).
 *  MinHash signatures and bands are left empty (they only serve to group items taken in later). */
export async function addFactcheckItems(d: Database, count: number): Promise<string> {
  const t0 = performance.now();
  const base = Number(
    ((await d.db.execute(sql`select coalesce(max(id), 0)::int as n from fc_items`)) as unknown as { rows: { n: number }[] }).rows[0]!.n,
  );
  await d.db.execute(
    sql`create table bench_fc_claims as select row_number() over (order by id) - 1 as k, id, text, language, rating_code from fc_claims where status = 'published'`,
  );
  const claims = Number(
    ((await d.db.execute(sql`select count(*)::int as n from bench_fc_claims`)) as unknown as { rows: { n: number }[] }).rows[0]!.n,
  );
  if (!claims) throw new Error('addFactcheckItems: no published claims (run addClaims first)');
  await d.db.execute(sql`
    insert into fc_items (id, text, url, platform, published_at, received_at, source, language, words, topics, on_topic, on_topic_by, exact_key, group_id, is_demo)
    select ${base} + g + 1, 'Nhân quyền Việt Nam: ' || c.text, 'https://bench.example/item/' || g,
      (array['facebook', 'youtube', 'tiktok', 'x', 'web', 'news', 'other'])[1 + g % 7], t.at, t.at + interval '2 hours', 'file', c.language,
      array_length(regexp_split_to_array(c.text, '\s+'), 1) + 3, '[]'::jsonb,
      case when (hashint4(g * 5 + 1) & 1023) < 922 then 'yes' else 'no' end, 'rules', md5('bench-fc-' || grp.first), ${base} + grp.first + 1, true
    from generate_series(0, ${count - 1}::int) g
    cross join lateral (select g - g % (1 + (hashint4(g / 3) & 1) * 2) as first) grp
    join bench_fc_claims c on c.k = (hashint4(g / 3 * 7 + 3) & 1048575) % ${claims}
    cross join lateral (select timestamptz '2023-01-01 00:00+07' + sqrt((hashint4(g / 3 * 11 + 2) & 1048575)::float8 / 1048576) * (timestamptz '2026-11-30 00:00+07' - timestamptz '2023-01-01 00:00+07') as at) t`);
  await d.db.execute(sql`select setval(pg_get_serial_sequence('fc_items', 'id'), (select max(id) from fc_items))`);
  await d.db.execute(sql`
    insert into fc_links (item_id, claim_id, status, score, decided_at, created_at)
    select i.id, c.id, (array['auto', 'confirmed', 'suggested', 'auto'])[1 + i.id % 4], 0.7 + (i.id % 30) / 100.0,
      case when i.id % 4 = 1 then i.received_at + interval '1 day' end, i.received_at
    from fc_items i join bench_fc_claims c on c.k = (hashint4((i.id - ${base} - 1) / 3 * 7 + 3) & 1048575) % ${claims}
    where i.is_demo and i.id > ${base} and i.id = i.group_id and (hashint4(i.id * 3) & 1023) < 512`);
  await d.db.execute(sql`
    insert into fc_item_actions (item_id, action, acted_on, reason, created_at)
    select i.id, (array['fact_check_published', 'agency_clarification', 'correction_requested', 'platform_report', 'no_action'])[1 + i.id % 5],
      ((i.received_at + make_interval(days => 1 + i.id % 9)) at time zone 'Asia/Ho_Chi_Minh')::date, case when i.id % 5 = 4 then 'Đã được cải chính (bench)' end, i.received_at
    from fc_items i join fc_links l on l.item_id = i.id and l.status in ('auto', 'confirmed') join fc_claims c on c.id = l.claim_id and c.rating_code = 'false'
    where i.id > ${base} and (hashint4(i.id * 7) & 1023) < 717`);
  await d.db.execute(sql`drop table bench_fc_claims`);
  const [c] = (
    (await d.db
      .execute(sql`select (select count(*) from fc_items)::int as items, (select count(distinct group_id) from fc_items)::int as groups,
    (select count(*) from fc_links)::int as links, (select count(*) from fc_item_actions)::int as actions`)) as unknown as {
      rows: { items: number; groups: number; links: number; actions: number }[];
    }
  ).rows;
  return `fact-checking: ${n(claims)} published claims, ${n(c!.items)} items in ${n(c!.groups)} groups, ${n(c!.links)} links, ${n(c!.actions)} handling actions in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
}

const DB_CLAIMS = Number(process.env.BENCH_FACTCHECK_DB_CLAIMS ?? 50_000);
const DB_ITEMS = Number(process.env.BENCH_FACTCHECK_DB_ITEMS ?? 2_000);

async function benchIngestOnDatabase(root: string, evalTexts: string[]) {
  const d = await openPglite(path.join(root, 'factcheck', 'db'));
  const db = d.db;
  const actor = systemActor('cli', 'bench');
  try {
    await d.migrate();
    await loadAllReference(db);
    const s = await addClaims(d, DB_CLAIMS);
    let t = performance.now();
    await claimIndex(db);
    console.log(
      `database ingest: ${n(DB_CLAIMS)} claims in fc_claims, matcher index read and built in ${((performance.now() - t) / 1000).toFixed(1)} s (once per process)`,
    );
    // One claim saved: the index takes in only that claim (its list of versions compared, its text read).
    const saves: number[] = [];
    for (let k = 0; k < 10; k++) {
      await db.execute(sql`insert into fc_claims (text, language, status, rating_code, published_at, is_demo)
        values (${`${s.claims[k]!.text} (bench ${k})`}, 'vi', 'published', 'false', '2026-01-01T00:00:00Z', true)`);
      t = performance.now();
      await claimIndex(db);
      saves.push(performance.now() - t);
    }
    saves.sort((a, b) => a - b);
    console.log(
      `database: one claim saved with ${n(DB_CLAIMS)} claims, index brought up to date in ${saves[5]!.toFixed(0)} ms (median of 10, max ${saves[9]!.toFixed(0)} ms)`,
    );
    // A file of items: paraphrases (some reposted, some without diacritics), on-topic wording so the rules say yes.
    const texts = items(s, DB_ITEMS, evalTexts)
      .flatMap((x, i) => (i % 5 === 0 ? [x, strip(x)] : [x]))
      .map((x) => `Nhân quyền Việt Nam: ${x}`);
    const csv =
      'text,platform,published_at\n' +
      texts.map((x, i) => `"${x.replaceAll('"', '""')}",facebook,2026-${String(1 + (i % 11)).padStart(2, '0')}-15T08:00:00Z`).join('\n');
    t = performance.now();
    const r = await importItems(db, actor, 'bench.csv', Buffer.from(csv));
    const sec = (performance.now() - t) / 1000;
    console.log(
      `database ingest (CSV import, one transaction): ${n(r.created)} items → ${n(r.groups)} new groups, ${n(r.autoLinked)} linked automatically, ${n(r.suggested)} suggestions in ${sec.toFixed(1)} s = ${n(Math.round(r.created / sec))} items/s`,
    );
    // Long posts (issue 19: real posts of 21,233 and 28,453 characters): 200 of them, every other one 28,453 characters,
    // stored whole, grouped and matched on their first ITEM_MATCH_CHARS characters.
    const filler = ' Bài viết dài kể lại diễn biến, trích dẫn nhiều nguồn và bình luận của người đọc về sự việc.';
    const longCsv =
      'text,platform\n' +
      texts
        .slice(0, 200)
        .map(
          (x, i) =>
            `"${(x + filler.repeat(Math.ceil((i % 2 ? 21_233 : 28_453) / filler.length))).slice(0, i % 2 ? 21_233 : 28_453).replaceAll('"', '""')}",web`,
        )
        .join('\n');
    t = performance.now();
    const lr = await importItems(db, actor, 'long.csv', Buffer.from(longCsv));
    const lsec = (performance.now() - t) / 1000;
    console.log(
      `database ingest of long posts (200 posts of 21,233–28,453 characters, ${(longCsv.length / 1e6).toFixed(1)} MB CSV, one transaction): ${n(lr.created)} items → ${n(lr.groups)} new groups, ${n(lr.autoLinked + lr.suggested)} links in ${lsec.toFixed(1)} s = ${n(Math.round(lr.created / lsec))} items/s`,
    );
    // A feed of 500 entries (a local fixture, as the demo's), polled once.
    const dir = path.join(root, 'factcheck', 'feeds');
    mkdirSync(dir, { recursive: true });
    const esc = (x: string) => x.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    writeFileSync(
      path.join(dir, 'bench.xml'),
      `<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>${items(s, 500, evalTexts)
        .map(
          (x, i) =>
            `<item><title>${esc(x.slice(0, 60))}</title><guid>b${i}</guid><link>https://feed.example/${i}</link><pubDate>Sun, 15 Nov 2026 08:00:00 GMT</pubDate><description>${esc(x)}</description></item>`,
        )
        .join('')}</channel></rss>`,
    );
    const feed = await createFeed(db, actor, { title: 'Bench feed', url: 'https://feed.example/rss' }, { fixture: 'bench.xml' });
    t = performance.now();
    const p = await pollFeed(db, actor, feed.id, { fixturesDir: dir });
    const psec = (performance.now() - t) / 1000;
    console.log(
      `feed poll (500 entries, parse + ingest): ${n(p.created)} items in ${psec.toFixed(1)} s = ${n(Math.round(p.created / psec))} items/s`,
    );
    t = performance.now();
    const dash = await getDashboard(db, { period: '2026' }, { only: ['T5b', 'T5c'] });
    const [b, c] = dash.figures;
    console.log(
      `T5b and T5c with their 2023–2026 trend over ${n(r.created + p.created)} items: ${((performance.now() - t) / 1000).toFixed(2)} s ` +
        `(T5b ${b!.numerator}/${b!.denominator}, ${b!.pending} unreviewed; T5c ${c!.numerator}/${c!.denominator})`,
    );
  } finally {
    await d.close();
  }
}
