// Bench part `recommendations` (BENCH_ONLY=recommendations npm run bench): the public tracker and the Word report
// draft over 2,000 fictional recommendations with 50,000 evidence links (to 10,000 published fictional press items),
// on PGlite, against the real server. Prints: the data set, the tracker's list (first page, a filter, a deep page),
// a recommendation's public page, the open data export (CSV and JSON, every row; evidence counted as the public sees
// it), the report draft of one cluster and of all clusters (Vietnamese and English; set-based, so its query count
// does not grow with the recommendations), the matrix export and the evidence picker's search.
// BENCH_REC_RECOMMENDATIONS and BENCH_REC_EVIDENCE change the size (a quick trial).
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite, type Database } from '../src/server/kernel/db.js';
import { seedDemo } from '../src/server/modules/directory/directory.demo.js';
import { loadAllReference } from '../src/server/modules/index.js';
import { benchServer } from './server.js';

const RECS = Number(process.env.BENCH_REC_RECOMMENDATIONS ?? 2000);
const EVIDENCE = Number(process.env.BENCH_REC_EVIDENCE ?? 50_000);
const CLUSTERS = 20;
const server = benchServer(Number(process.env.BENCH_REC_PORT ?? 3152));
const STATUSES = ['not_started', 'in_progress', 'partly_implemented', 'implemented'];
const THEMES = ['Media', 'Education', 'Awareness raising', 'Access to information', 'Digital'];
const STATES = ['Freedonia', 'Sylvania', 'Ruritania', 'Latveria', 'Genovia'];

/** `recs` fictional recommendations in 20 clusters (with status history, two actions and a progress report each) and
 *  `evidence` evidence links to published fictional press items (one for every five links, at most 10,000, created
 *  here), on a migrated database with the demo directory. Returns a summary line. Also feeds bench/national.ts. */
export async function addRecommendations(d: Database, recs: number, evidence: number): Promise<string> {
  const t0 = performance.now();
  const press = Math.max(100, Math.min(10_000, Math.ceil(evidence / 5)));
  const x = (q: ReturnType<typeof sql>) => d.db.execute(q);
  await x(
    sql`insert into rec_clusters (code, name_vi, name_en, is_demo) select 'B' || g, 'Nhóm thử ' || g || ' (bench)', 'Bench cluster ' || g, true from generate_series(1, ${CLUSTERS}) g`,
  );
  await x(sql`insert into recommendations (mechanism, cycle, source_document, paragraph, recommending_states, text_en, text_en_source, position, themes, sdg_targets, action_category,
      communication, targets, status, lead_organisation_id, cluster_id, fictional, is_demo, search_text)
    select 'upr', case when g % 2 = 0 then 'UPR-IV' else 'UPR-III' end, 'A/HRC/BENCH/1', (900 + g / 1000)::text || '.' || (g % 1000)::text,
      array[(string_to_array(${STATES.join('|')}, '|'))[1 + g % 5]], '[FICTIONAL BENCH] Recommendation number ' || g || ' on human-rights communication.', 'bench (fictional)',
      (array['supported','supported_in_part','noted'])[1 + g % 3], array[(string_to_array(${THEMES.join('|')}, '|'))[1 + g % 5]], array['16.10'], 1 + g % 5, g % 4 <> 0, array['T6'],
      (string_to_array(${STATUSES.join('|')}, '|'))[1 + g % 4], (select id from organisations where is_demo order by id offset (g % 50) limit 1),
      (select id from rec_clusters order by id offset (g % ${CLUSTERS}) limit 1), true, true, lower('upr bench recommendation ' || g)
    from generate_series(1, ${recs}) g`);
  await x(
    sql`insert into rec_status_history (recommendation_id, from_status, to_status, actor_name) select id, null, status, 'bench' from recommendations where is_demo`,
  );
  await x(sql`insert into rec_actions (recommendation_id, organisation_id, title, target_date, status, is_demo)
    select r.id, coalesce(r.lead_organisation_id, (select min(id) from organisations)), 'Hoạt động thử ' || k || ' (bench)', date '2025-01-01' + (r.id * 7 + k * 90) % 1400, (array['planned','in_progress','done'])[1 + (r.id + k) % 3], true
    from recommendations r cross join generate_series(1, 2) k where r.is_demo`);
  await x(sql`insert into rec_reports (recommendation_id, organisation_id, period, narrative, status, submitted_by, is_demo)
    select r.id, r.lead_organisation_id, '2025-H2', 'Báo cáo tiến độ thử (bench) của khuyến nghị ' || r.paragraph, 'approved', 'bench', true from recommendations r where r.is_demo and r.lead_organisation_id is not null`);
  const [p0] = ((await x(sql`select coalesce(max(id), 0)::int as id from press_items`)) as unknown as { rows: { id: number }[] }).rows;
  await x(sql`insert into press_items (kind, organisation_id, title, language, translation_group_id, status, published_at, search_text, is_demo)
    select 'press_release', (select id from organisations where is_demo order by id offset (g % 50) limit 1), 'Tin minh chứng thử ' || g || ' (bench)', 'vie', 'bench-evidence-' || g,
      'published', now() - (g || ' hours')::interval, 'tin minh chung thu ' || g, true from generate_series(1, ${press}) g`);
  await x(sql`insert into rec_evidence (recommendation_id, record_type, record_id, tagged_by, is_demo)
    select distinct on (r, p) r, 'press_item', p, 'bench', true from (
      select (select min(id) from recommendations where is_demo) + (g % ${recs}) as r, (select min(id) from press_items where id > ${p0!.id}) + ((g * 7919 + (g / ${recs}) * 37) % ${press}) as p from generate_series(0, ${evidence - 1}) g) s`);
  const [c] = (
    (await x(
      sql`select (select count(*) from recommendations)::int as recs, (select count(*) from rec_evidence)::int as ev`,
    )) as unknown as { rows: { recs: number; ev: number }[] }
  ).rows;
  return `recommendations: ${c!.recs} recommendations (${recs} fictional + the named references), ${c!.ev} evidence links to ${press} press items, ${CLUSTERS} clusters, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
}

async function generate(dir: string): Promise<string> {
  const d = await openPglite(path.join(dir, 'db'));
  try {
    await d.migrate();
    await loadAllReference(d.db);
    await seedDemo(d.db);
    return await addRecommendations(d, RECS, EVIDENCE);
  } finally {
    await d.close();
  }
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
async function timed(title: string, url: string, headers: Record<string, string> = {}, times = 10): Promise<void> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) throw new Error(`${title}: HTTP ${res.status} ${body.toString('utf8').slice(0, 200)}`);
    ms.push(performance.now() - t0);
    bytes = body.length;
  }
  console.log(
    `${title}: p50 ${pct(ms, 0.5).toFixed(0)} ms, p95 ${pct(ms, 0.95).toFixed(0)} ms over ${times} requests (${(bytes / 1024).toFixed(0)} KiB)`,
  );
}

export async function benchRecommendations(root: string): Promise<void> {
  const dir = path.join(root, 'recommendations');
  console.log(`recommendations data set on PGlite: ${await generate(dir)}`);
  const srv = server.start(dir, { args: [] });
  try {
    console.log(`start to healthy on the recommendations database: ${((await server.waitHealthy(srv.t0)) / 1000).toFixed(2)} s`);
    const login = await fetch(`${server.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'rightshub-demo' }),
    });
    if (!login.ok) throw new Error(`sign-in failed: HTTP ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const b = server.base;
    const [first] = await (
      await fetch(`${b}/api/recommendations?limit=1&cycle=UPR-IV`, { headers: { cookie } })
    )
      .json()
      .then((r: { items: { id: number }[] }) => r.items);
    await timed('tracker, first page (/khuyen-nghi)', `${b}/khuyen-nghi`);
    await timed('tracker, filtered (cycle + theme + status)', `${b}/en/recommendations?cycle=UPR-IV&theme=Media&status=implemented`);
    await timed('tracker, page 20', `${b}/khuyen-nghi?page=20`);
    await timed('recommendation public page (with its evidence)', `${b}/khuyen-nghi/${first!.id}`);
    await timed('open data CSV (every recommendation)', `${b}/khuyen-nghi/du-lieu.csv`, {}, 3);
    await timed('open data JSON (every recommendation)', `${b}/en/recommendations/data.json`, {}, 3);
    const clusters = (await (await fetch(`${b}/api/recommendation-clusters`, { headers: { cookie } })).json()) as {
      id: number;
      count: number;
    }[];
    await timed(
      `report draft, one cluster (${clusters[0]!.count} recommendations, Word)`,
      `${b}/api/recommendations/report-draft.docx?clusterId=${clusters[0]!.id}`,
      { cookie },
      3,
    );
    await timed(
      `report draft, every cluster (${RECS + 3} recommendations, Word, vi)`,
      `${b}/api/recommendations/report-draft.docx?lang=vi`,
      { cookie },
      3,
    );
    await timed(
      `report draft, every cluster (${RECS + 3} recommendations, Word, en)`,
      `${b}/api/recommendations/report-draft.docx?lang=en`,
      { cookie },
      3,
    );
    await timed(`matrix export (${RECS + 3} recommendations, Excel)`, `${b}/api/recommendations/matrix.xlsx`, { cookie }, 3);
    await timed(
      'evidence picker, "tin minh chung 12" over every kind',
      `${b}/api/recommendations/evidence-search?q=${encodeURIComponent('tin minh chung 12')}`,
      { cookie },
    );
  } finally {
    await server.stop(srv.child);
  }
}
