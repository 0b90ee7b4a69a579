// Press bench (issue 3, "Bench"): a national-scale year of press data generated with set-based SQL into a
// fresh embedded database — 2,000 expected state administrative agencies, spokespersons for ~90% of them,
// 200,000 press items over the four quarters of 2026 — then (1) computeT1 for each quarter (whole country)
// and for one province, median of 3 runs, and (2) the public newsroom list, a search and the RSS feed
// under load on loopback with autocannon. Called from bench/run.ts, which passes its server helpers. The generators
// (prepareAgencies, addSpokespersons, addPressItems) also feed bench/dashboard.ts, over six years.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { openPglite, type Database } from '../src/server/kernel/db.js';
import { seedDemo } from '../src/server/modules/directory/directory.demo.js';
import { loadAllReference } from '../src/server/modules/index.js';
import { computeT1 } from '../src/server/modules/press/press.compliance.js';

export interface BenchHelpers {
  base: string;
  start: (dataDir: string) => { child: ChildProcess; t0: number };
  waitHealthy: (t0: number) => Promise<number>;
  stop: (child: ChildProcess) => Promise<void>;
  rps: (title: string, url: string, headers: Record<string, string>) => Promise<void>;
}

const AGENCIES = 2000;
const ITEMS = 200_000;
export const n = (x: number) => x.toLocaleString('en-US');

export async function count(d: Database, q: ReturnType<typeof sql>): Promise<number> {
  const r = (await d.db.execute(q)) as unknown as { rows: { n: number }[] };
  return Number(r.rows[0].n);
}

export type Quarter = { year: number; q: number };
/** The quarters of the given years, in order. */
export const quartersOf = (years: number[]): Quarter[] => years.flatMap((year) => [1, 2, 3, 4].map((q) => ({ year, q })));

/** Migrations, reference data, the demo directory, then provincial departments (marked demo, named "(bench)") until
 *  there are `total` expected agencies, spread over the 34 provinces under each province's people's committee.
 *  Leaves the table bench_agencies (a = 0..total-1 in id order, id, name_vi, valid_from) for the generators below;
 *  dropBenchTables removes it. `validFrom` (SQL over s, the department's number) dates some departments later. */
export async function prepareAgencies(d: Database, total: number, opts: { validFrom?: SQL } = {}): Promise<number> {
  await d.migrate();
  await loadAllReference(d.db);
  await seedDemo(d.db);
  const extra = total - (await count(d, sql`select count(*)::int as n from organisations where is_state_admin_agency and active`));
  await d.db.execute(sql`
    with pc as (select id, province_unit_id, row_number() over (order by id) - 1 as rn, count(*) over () as total
                from organisations where kind = 'provincial_committee'),
         names(k, name) as (select ordinality - 1, name from unnest(array['Sở Tư pháp', 'Sở Nội vụ', 'Sở Tài chính', 'Sở Y tế', 'Sở Giáo dục và Đào tạo',
           'Sở Lao động, Thương binh và Xã hội', 'Sở Xây dựng', 'Sở Công Thương', 'Sở Nông nghiệp và Môi trường', 'Sở Khoa học và Công nghệ',
           'Ban Dân tộc', 'Thanh tra tỉnh', 'Sở Ngoại vụ']) with ordinality as t(name, ordinality)),
         g as (select s, s % (select max(total) from pc) as rn, s / (select max(total) from pc) as slot from generate_series(0, ${extra - 1}::int) s),
         rows as (select g.s, pc.id as parent_id, pc.province_unit_id, format('%s (bench %s)', names.name, g.s) as name
                  from g join pc on pc.rn = g.rn join names on names.k = g.slot % 13)
    insert into organisations (code, name_vi, kind, parent_id, province_unit_id, search_text, is_state_admin_agency, valid_from, is_demo)
    select 'BENCH-SO-' || s, name, 'provincial_department', parent_id, province_unit_id, lower(f_unaccent(name)), true, ${opts.validFrom ?? sql`null::date`}, true from rows`);
  await d.db.execute(
    sql`create table bench_agencies as select row_number() over (order by id) - 1 as a, id, name_vi, valid_from from organisations where is_state_admin_agency and active`,
  );
  return count(d, sql`select count(*)::int as n from bench_agencies`);
}

/** One spokesperson for each agency of bench_agencies that `where` selects; the dates are SQL over a (the agency's number). */
export async function addSpokespersons(
  d: Database,
  s: { where: SQL; decisionDate: SQL; validFrom: SQL; validTo: SQL; who?: string },
): Promise<void> {
  await d.db.execute(sql`
    insert into press_spokespersons (organisation_id, full_name, position, decision_number, decision_date, valid_from, valid_to, email, email_public, phone, phone_public, is_demo)
    select id, format('Người phát ngôn số %s%s (bench)', a, ${s.who ?? ''}::text), case when a % 3 = 0 then 'Phó Giám đốc' else 'Chánh Văn phòng' end, format('%s/QĐ-BENCH', a),
      ${s.decisionDate}, ${s.validFrom}, ${s.validTo}, format('phatngon%s@bench.example.vn', a), true, '024 0000 0000', a % 2 = 0, true
    from bench_agencies where ${s.where}`);
}

/** `items` press items over (agency, quarter) pairs of bench_agencies: ~10% of agencies have nothing in one quarter of
 *  each year, `silent` (SQL over a, q.q = the quarter's number from 1, q.year, q.qn = 1..4) more pairs; ~6% of pairs only
 *  late items (published in the 10 days after the quarter end), ~3% only drafts; otherwise spread over the quarter.
 *  An agency dated later has no pairs before its quarter. Topics are assigned round-robin. `first` numbers the items
 *  from there (a second call over other quarters must not reuse the first call's numbers: they key the translation
 *  groups). Returns the pairs. */
export async function addPressItems(d: Database, o: { quarters: Quarter[]; items: number; silent?: SQL; first?: number }): Promise<number> {
  const ymd = (y: number, m: number) => `${y + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}-01`;
  const qs = o.quarters.map(({ year, q }, i) => {
    const first = ymd(year, 3 * q - 2),
      next = ymd(year, 3 * q + 1);
    return sql`(${i + 1}::int, ${year}::int, ${q}::int, ${`${first} 00:00+07`}::timestamptz, ${`${next} 00:00+07`}::timestamptz, ${next}::date)`;
  });
  await d.db.execute(sql`
    create table bench_pairs as
    with q(q, year, qn, qs, qe, next_day) as (values ${sql.join(qs, sql`, `)})
    select row_number() over (order by q.q, b.a) - 1 as p, b.a, b.id, b.name_vi, q.q, q.year, q.qn, q.qs, q.qe,
      case when (hashint4(b.a::int * 7 + q.q) & 1023) % 100 < 6 then 'late' when (hashint4(b.a::int * 7 + q.q) & 1023) % 100 < 9 then 'draft' else 'normal' end as mode
    from bench_agencies b cross join q
    where not ((hashint4(b.a::int) & 1023) % 10 = 3 and q.qn = 1 + (b.a % 4)) and not (${o.silent ?? sql`false`})
      and (b.valid_from is null or b.valid_from < q.next_day)`);
  const pairs = await count(d, sql`select count(*)::int as n from bench_pairs`);
  await d.db.execute(sql`
    insert into press_items (kind, organisation_id, title, body_html, summary, language, translation_group_id, held_at, published_at, status,
                             withdrawal_reason, withdrawn_at, corrections, search_text, is_demo)
    select kind, id, title, '<p>' || body || '</p>', 'Tóm tắt: ' || title, lang, md5('bench-' || g), case when kind = 'press_conference' then at end,
      case when status = 'draft' then null else at end, status,
      case when status = 'withdrawn' then 'Thông tin cần được cập nhật (bench)' end, case when status = 'withdrawn' then at + interval '1 day' end,
      case when status = 'corrected' then jsonb_build_array(jsonb_build_object('at', to_char(at + interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'by', 'bench', 'note', 'Đính chính số liệu (bench)')) else '[]'::jsonb end,
      lower(f_unaccent(title || ' ' || body)), true
    from (
      select g, p.id, r,
        (array['press_release', 'press_conference', 'statement', 'press_answer'])[1 + g % 4] as kind,
        case when g % 10 = 0 then 'eng' else 'vie' end as lang,
        case when g % 10 = 0 then format('Press release %s: human-rights work, Q%s %s (bench)', g, p.qn, p.year)
             else format('%s quý %s/%s — %s (bench %s)', (array['Thông cáo báo chí: kết quả bảo đảm quyền trẻ em', 'Họp báo định kỳ: công tác bảo đảm quyền con người',
               'Tuyên bố về tiến độ thực hiện khuyến nghị UPR', 'Trả lời báo chí về quyền của người khuyết tật', 'Thông cáo: chính sách hỗ trợ đồng bào dân tộc thiểu số',
               'Thông cáo: bình đẳng giới và quyền của phụ nữ', 'Thông tin về cải cách thủ tục hành chính', 'Kết quả phổ biến, giáo dục pháp luật'])[1 + (g / 4) % 8], p.qn, p.year, p.name_vi, g) end as title,
        case when g % 10 = 0 then 'Illustrative bench content, not real information.'
             else p.name_vi || ' thông tin về ' || (array['công tác bảo đảm quyền con người', 'kết quả thực hiện nhiệm vụ', 'chính sách an sinh xã hội', 'cải cách hành chính'])[1 + g % 4]
               || '. Nội dung này là dữ liệu minh họa (bench), không phải thông tin thật.' end as body,
        case when p.mode = 'draft' then 'draft' when r < 3 then 'draft' when r < 6 then 'withdrawn' when r < 10 then 'corrected' else 'published' end as status,
        case when p.mode = 'late' then p.qe + make_interval(secs => ((hashint4(g * 3 + 1) & 1048575) * 10 * 86400.0 / 1048576)::float8)
             else p.qs + make_interval(secs => ((hashint4(g * 3 + 2) & 1048575) * extract(epoch from p.qe - p.qs) / 1048576)::float8) end as at
      from (select g, (hashint4(g * 3) & 1023) % 100 as r from generate_series(${o.first ?? 0}::int, ${(o.first ?? 0) + o.items - 1}::int) g) s
      join bench_pairs p on p.p = s.g % ${pairs}
    ) x`);
  await d.db.execute(sql`
    insert into press_item_topics (item_id, topic_id)
    select i.id, t.id from press_items i join (select id, row_number() over (order by id) - 1 as k, count(*) over () as c from press_topics) t on t.k = i.id % t.c
    where not exists (select 1 from press_item_topics x where x.item_id = i.id)`);
  await d.db.execute(sql`drop table bench_pairs`);
  return pairs;
}

export const dropBenchTables = (d: Database) => d.db.execute(sql`drop table if exists bench_agencies`);

/** Loads the national data set; returns what was created. Every statement is one set-based insert. */
async function prepareNational(d: Database): Promise<{ agencies: number; spokespersons: number; items: number; provinceCode: string }> {
  const agencies = await prepareAgencies(d, AGENCIES);
  // Spokespersons for ~90%: most appointed before 2026, some mid-year (not counted in Q1/Q2), a few whose appointment ended in Q2.
  await addSpokespersons(d, {
    where: sql`(hashint4(a::int) & 1023) % 10 <> 9`,
    decisionDate: sql`case when a % 20 = 7 then date '2026-05-01' else date '2024-12-20' end`,
    validFrom: sql`case when a % 20 = 7 then date '2026-05-01' else date '2025-01-01' end`,
    validTo: sql`case when a % 50 = 11 then date '2026-06-10' end`,
  });
  const spokespersons = await count(d, sql`select count(*)::int as n from press_spokespersons`);
  await addPressItems(d, { quarters: quartersOf([2026]), items: ITEMS });
  await dropBenchTables(d);
  const items = await count(d, sql`select count(*)::int as n from press_items`);
  const [prov] = (
    (await d.db.execute(
      sql`select u.code from admin_units u join organisations o on o.province_unit_id = u.id where o.is_state_admin_agency group by u.code order by count(*) desc, u.code limit 1`,
    )) as unknown as { rows: { code: string }[] }
  ).rows;
  return { agencies, spokespersons, items, provinceCode: prov.code };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeT1(d: Database, label: string, q: { period: string; provinceCode?: string }, items: number) {
  const times: number[] = [];
  let r: Awaited<ReturnType<typeof computeT1>> | undefined;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    r = await computeT1(d.db, q);
    times.push(performance.now() - t0);
  }
  const pct = r!.value === null ? 'n/a' : `${(r!.value * 100).toFixed(1)}%`;
  console.log(
    `T1 for ${q.period}${label} over ${n(r!.denominator)} agencies and ${n(items)} items: ${pct} (${n(r!.numerator)}/${n(r!.denominator)}) in ${median(times).toFixed(0)} ms (median of 3: ${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
  );
}

export async function benchPress(root: string, h: BenchHelpers): Promise<void> {
  const dir = path.join(root, 'press');
  const d = await openPglite(path.join(dir, 'db'));
  const t0 = performance.now();
  const data = await prepareNational(d);
  console.log(
    `press data set: ${n(data.agencies)} expected agencies, ${n(data.spokespersons)} spokespersons, ${n(data.items)} press items over 2026 (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  for (const period of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']) await timeT1(d, '', { period }, data.items);
  await timeT1(d, ` (province ${data.provinceCode})`, { period: '2026-Q1', provinceCode: data.provinceCode }, data.items);
  await d.close();

  const srv = h.start(dir);
  const warm = await h.waitHealthy(srv.t0);
  console.log(`start to healthy on the press database: ${(warm / 1000).toFixed(2)} s`);
  try {
    for (const [title, url] of [
      ['GET /tin-tuc (newsroom list, page 1)', '/tin-tuc'],
      ['GET /tin-tuc?q=quyen%20con%20nguoi (newsroom search)', '/tin-tuc?q=quyen%20con%20nguoi'],
      ['GET /tin-tuc/rss.xml (RSS feed, 50 items)', '/tin-tuc/rss.xml'],
    ]) {
      // One request alone first: it waits for whatever the previous load left queued on the single embedded
      // connection (so the runs do not overlap), and gives the unloaded latency.
      await fetch(`${h.base}${url}`).then((r) => r.text());
      const t = performance.now();
      const res = await fetch(`${h.base}${url}`);
      await res.text();
      console.log(`${title}: one request alone ${(performance.now() - t).toFixed(0)} ms (HTTP ${res.status})`);
      await h.rps(title, `${h.base}${url}`, {});
    }
  } finally {
    await h.stop(srv.child);
  }
}
