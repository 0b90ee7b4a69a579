// Exhibitions bench: T3 over 20,000 exhibitions (BENCH_EXHIBITIONS changes the number) on embedded PGlite, generated
// with set-based SQL over the demo directory's provincial departments: 2023–2026, about 85% physical in Viet Nam
// (before 1 July 2025 on the 63-unit map, after it on the 34-unit map with the pre-2025 unit, as the service writes
// them), 5% abroad, 10% online; every pre-2025 unit but a few is covered. Measures T3 through the indicators service
// (dashboard figure with its province breakdown, cold and cached, and the drill-down of the provinces not covered)
// and the coverage of both maps, and prints the figures. `BENCH_ONLY=exhibitions npm run bench` runs this part alone.
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite, rows, type Database } from '../src/server/kernel/db.js';
import { seedDemo } from '../src/server/modules/directory/directory.demo.js';
import { computeCoverage } from '../src/server/modules/exhibitions/exhibitions.indicators.js';
import { drillDown, getDashboard } from '../src/server/modules/indicators/indicators.service.js';
import { loadAllReference } from '../src/server/modules/index.js';

const COUNT = Number(process.env.BENCH_EXHIBITIONS ?? 20_000);
/** Pre-2025 units left without an exhibition, so the gap is not empty. */
const UNCOVERED = ['04', '11', '14'];

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;

/** `count` exhibitions (2023–2026, as described above) generated with set-based SQL on a migrated database with the
 *  demo directory. Also feeds bench/national.ts. */
export async function addExhibitions(d: Database, count: number): Promise<string> {
  const t0 = performance.now();
  // Units: the 63-unit units (minus UNCOVERED) with their 34-unit province and its lead organiser.
  await d.db.execute(sql`create table bench_units as
    select row_number() over (order by o.code) - 1 as k, o.id as old_id, n.id as new_id, org.id as org_id
    from admin_unit_crosswalk c join admin_units o on o.id = c.old_unit_id join admin_units n on n.id = c.new_unit_id
    join organisations org on org.code = 'SVHTTDL-' || n.code
    where o.code not in (${sql.join(
      UNCOVERED.map((u) => sql`${u}`),
      sql`, `,
    )})`);
  const [{ n: units }] = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from bench_units`);
  await d.db.execute(sql`
    insert into exhibitions (kind, format, organisation_id, start_date, end_date, visitors, views, location, venue_name, unit_id, former_unit_id, country_code, city, has_foreign, search_text, is_demo)
    select (array['photographs','archival_documents','both'])[1 + g % 3],
      case when g % 20 < 17 then 'physical' when g % 20 < 18 then 'both' when g % 20 < 19 then 'physical' else 'online' end,
      u.org_id, s.d, s.d + 7, 100 + g % 5000, null,
      case when g % 20 = 18 then 'abroad' when g % 20 = 19 then null else 'vietnam' end,
      'Địa điểm ' || g,
      case when g % 20 >= 18 then null when s.d < date '2025-07-01' then u.old_id else u.new_id end,
      case when g % 20 >= 18 then null else u.old_id end,
      case when g % 20 = 18 then (array['CH','FR','JP','US'])[1 + (g / 20) % 4] end,
      case when g % 20 = 18 then (array['Genève','Paris','Tokyo','New York'])[1 + (g / 20) % 4] end,
      g % 3 = 0, 'trien lam ' || g, true
    from generate_series(0, ${count - 1}) g
    join bench_units u on u.k = (g / 20) % ${units}
    cross join lateral (select date '2023-01-02' + ((g * 7919) % 1400) as d) s`);
  await d.db.execute(sql`drop table bench_units`);
  await d.db.execute(
    sql`insert into exhibition_texts (exhibition_id, position, language, title) select id, 0, 'vie', 'Triển lãm ảnh số ' || id from exhibitions where is_demo and not exists (select 1 from exhibition_texts t where t.exhibition_id = exhibitions.id)`,
  );
  await d.db.execute(
    sql`insert into exhibition_organisers (exhibition_id, position, organisation_id, confirmation) select id, 0, organisation_id, 'confirmed' from exhibitions where is_demo and not exists (select 1 from exhibition_organisers o where o.exhibition_id = exhibitions.id)`,
  );
  await d.db.execute(sql`insert into audit_log (actor_name, via, action, entity) values ('bench', 'seed', 'create-many', 'exhibition')`);
  await d.db.execute(sql`analyze`);
  return `exhibitions: ${count.toLocaleString('en')} exhibitions generated in ${ms(t0)}`;
}

export async function benchExhibitions(root: string) {
  const d = await openPglite(path.join(root, 'exhibitions-db'));
  try {
    await d.migrate();
    await loadAllReference(d.db);
    await seedDemo(d.db);
    console.log(await addExhibitions(d, COUNT));

    for (const label of ['cold', 'cached']) {
      const t1 = performance.now();
      const dash = await getDashboard(d.db, { period: '2026', map: '63' }, { only: ['T3'] });
      const fig = dash.figures[0]!;
      console.log(
        `exhibitions: T3 (2026, cumulative, 63-unit map) = ${fig.value} of 63 provinces, ${fig.breakdowns.province?.length ?? 0} breakdown rows, trend ${fig.trend.map((x) => `${x.period}:${x.value}`).join(' ')} — ${label} ${ms(t1)}`,
      );
    }
    const t2 = performance.now();
    const gap = await drillDown(d.db, 'T3', { period: '2026', map: '63', part: 'gap', limit: 100 });
    console.log(`exhibitions: provinces not yet covered (drill-down "gap"): ${gap.records.map((r) => r.label).join(', ')} — ${ms(t2)}`);
    const t3 = performance.now();
    const cov = await computeCoverage(d.db, { until: '2026-12-31' });
    console.log(
      `exhibitions: coverage ${cov.map63.covered}/63 (63-unit map), ${cov.map34.covered}/34 (34-unit map), ${cov.abroad.length} locations abroad, foreign-language share ${(100 * (cov.foreign.share ?? 0)).toFixed(1)}% of ${cov.foreign.total.toLocaleString('en')} — ${ms(t3)}`,
    );
  } finally {
    await d.close();
  }
}
