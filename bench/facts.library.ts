// Bench of the library's and the exhibitions' indicator facts (T4a, T4b, T5a, T3) at national scale: 200,000 library
// products (bench/library.ts's generator) and 20,000 exhibitions with one to three organisers each, on embedded PGlite
// and on PostgreSQL (a throw-away database on BENCH_PG_URL or 127.0.0.1:5432; skipped when unreachable). Measures:
//   - the first sync after the bulk load (every row the load wrote marked its key dirty), then a full rebuild
//     (refreshAllFacts) of each source, beside the old providers' records for the same cumulative span (the reference);
//   - one write through the services, then the dashboard of the source's targets (sync of the dirty key included),
//     beside the oracle's dashboard (the old providers) in the same run.
// `npx tsx bench/facts.library.ts` (BENCH_LIBRARY_PRODUCTS, BENCH_EXHIBITIONS change the sizes; BENCH_FACTS_PG=0 skips PostgreSQL,
// BENCH_FACTS_PGLITE=0 PGlite; about 45 minutes for both on this machine under load, most of it generating the products on PGlite).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/server/kernel/audit.js';
import { openPg, openPglite, rows, type Database } from '../src/server/kernel/db.js';
import { t3Provider } from '../src/server/modules/exhibitions/exhibitions.indicators.js';
import { getExhibition, updateExhibition } from '../src/server/modules/exhibitions/exhibitions.service.js';
import { refreshAllFacts, syncFacts } from '../src/server/modules/indicators/indicators.facts.js';
import { getDashboard } from '../src/server/modules/indicators/indicators.service.js';
import { t5aProvider } from '../src/server/modules/library/library.indicators.js';
import { getProduct } from '../src/server/modules/library/library.service.js';
import { updateProduct } from '../src/server/modules/library/library.write.js';
import { generateLibrary } from './library.js';
import { withThrowawayPg } from './server.js';

const EXHIBITIONS = Number(process.env.BENCH_EXHIBITIONS ?? 20_000);
const actor = systemActor('cli', 'bench/facts.library.ts');
const span = {
  start: new Date('2022-12-31T17:00:00Z'),
  end: new Date('2026-12-31T17:00:00Z'),
  firstDay: '2023-01-01',
  lastDay: '2026-12-31',
  periodId: '2026',
};

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}
const ms = (x: number) => `${x.toFixed(0)} ms`;
const count = async (d: Database, ind: string) =>
  Number((await rows<{ n: number }>(d.db, sql`select count(*)::int as n from indicator_facts where ind = ${ind}`))[0]!.n);

/** 20,000 exhibitions over the 63 units (a few left uncovered), 2023–2026, 85% in Viet Nam, one to three organisers
 *  among the demo organisations; written with set-based SQL (the triggers mark their units). */
async function generateExhibitions(d: Database): Promise<void> {
  await d.db.execute(sql`create temporary table bench_u as
    select row_number() over (order by o.code) - 1 as k, o.id as old_id, n.id as new_id
    from admin_unit_crosswalk c join admin_units o on o.id = c.old_unit_id join admin_units n on n.id = c.new_unit_id where o.code not in ('04', '11', '14')`);
  await d.db.execute(
    sql`create temporary table bench_o as select row_number() over (order by id) - 1 as k, id from organisations where is_demo and active`,
  );
  const [c] = await rows<{ u: number; o: number }>(
    d.db,
    sql`select (select count(*)::int from bench_u) as u, (select count(*)::int from bench_o) as o`,
  );
  await d.db.execute(sql`
    insert into exhibitions (kind, format, organisation_id, start_date, end_date, location, venue_name, unit_id, former_unit_id, country_code, city, search_text, is_demo)
    select 'photographs', case when g % 20 = 19 then 'online' else 'physical' end, o.id, s.d, s.d + (g % 30),
      case when g % 20 = 18 then 'abroad' when g % 20 = 19 then null else 'vietnam' end, 'Địa điểm ' || g,
      case when g % 20 >= 18 then null when s.d < date '2025-07-01' then u.old_id else u.new_id end,
      case when g % 20 >= 18 then null else u.old_id end,
      case when g % 20 = 18 then 'FR' end, case when g % 20 = 18 then 'Paris' end, 'trien lam ' || g, true
    from generate_series(0, ${EXHIBITIONS - 1}) g
    join bench_u u on u.k = (hashint4(g) & 1048575) % ${c!.u}
    join bench_o o on o.k = (hashint4(g * 3 + 1) & 1048575) % ${c!.o}
    cross join lateral (select date '2022-12-01' + ((g * 7919) % 1490) as d) s`);
  await d.db.execute(
    sql`insert into exhibition_texts (exhibition_id, position, language, title) select id, 0, 'vie', 'Triển lãm ảnh số ' || id from exhibitions`,
  );
  await d.db.execute(sql`insert into exhibition_organisers (exhibition_id, position, organisation_id, confirmation)
    select e.id, 0, e.organisation_id, 'confirmed' from exhibitions e
    union all select e.id, p, o.id, 'confirmed' from exhibitions e cross join generate_series(1, 2) p
      join bench_o o on o.k = (hashint4(e.id * 7 + p) & 1048575) % ${c!.o}
      where (hashint4(e.id * 5 + p) & 3) < 2 - p + 1 and o.id <> e.organisation_id`);
  await d.db.execute(sql`insert into audit_log (actor_name, via, action, entity) values ('bench', 'seed', 'create-many', 'exhibition')`);
  await d.db.execute(sql`analyze`);
}

async function measure(on: string, d: Database): Promise<string[]> {
  const out: string[] = [];
  const say = (s: string) => {
    console.log(`${on}: ${s}`);
    out.push(`${on}: ${s}`);
  };
  const lib = await generateLibrary(d);
  say(`library: ${lib.line}`);
  await generateExhibitions(d);
  const [dirty] = await rows<{ n: number }>(d.db, sql`select count(*)::int as n from indicator_dirty`);
  const [, first] = await timed(() => syncFacts(d.db));
  say(`first sync after the bulk load (${Number(dirty!.n).toLocaleString('en')} dirty keys, both sources): ${ms(first)}`);
  for (const [source, ids, provider] of [
    ['library', ['T4a', 'T4b', 'T5a'], t5aProvider],
    ['exhibitions', ['T3'], t3Provider],
  ] as const) {
    const [, full] = await timed(() => refreshAllFacts(d.db, [source]));
    const [recs, ref] = await timed(() => provider.records(d.db, span));
    const sizes = await Promise.all(ids.map(async (i) => `${i} ${(await count(d, i)).toLocaleString('en')}`));
    say(
      `full rebuild of '${source}': ${ms(full)} (${sizes.join(', ')} facts); reference: the old ${provider.id} provider's records for 2023–2026 (${recs.length.toLocaleString('en')}): ${ms(ref)}`,
    );
  }
  // One write, then the dashboard of each source's targets from the facts, beside the oracle in the same run.
  const [p] = await rows<{ id: number }>(
    d.db,
    sql`select id from library_products where status = 'published' and kind = 'book' order by id desc limit 1`,
  );
  const [e] = await rows<{ id: number }>(d.db, sql`select id from exhibitions where location = 'vietnam' order by id desc limit 1`);
  const writes = {
    library: async () => {
      const x = await getProduct(d.db, Number(p!.id));
      await updateProduct(d.db, actor, x.id, {
        kind: x.kind,
        organisationId: x.organisationId,
        channel: x.channel === 'print' ? 'website' : 'print',
        date: x.date,
        languages: x.languages.map((l) => l.code),
        audiences: x.audiences,
        texts: x.texts.map((t) => ({ language: t.language, title: t.title })),
        url: x.url,
        book: { edition: 'first', editionOfId: null },
      });
    },
    exhibitions: async () => {
      const x = await getExhibition(d.db, Number(e!.id));
      await updateExhibition(d.db, actor, x.id, {
        texts: x.texts.map((t) => ({ language: t.language, title: t.title })),
        kind: x.kind,
        format: x.format,
        organiserIds: x.organisers.map((o) => o.id),
        startDate: x.startDate,
        endDate: x.endDate,
        audiences: x.audiences,
        captionLanguages: x.captionLanguages,
        venue: {
          location: 'vietnam',
          name: x.venue!.name,
          provinceCode: x.venue!.provinceCode,
          formerProvinceCode: x.venue!.formerProvinceCode,
        },
      });
    },
  };
  for (const [source, ids] of [
    ['library', ['T4a', 'T4b', 'T5a']],
    ['exhibitions', ['T3']],
  ] as const) {
    const facts: number[] = [],
      oracle: number[] = [],
      sync: number[] = [],
      cached: number[] = [];
    for (let i = 0; i < 3; i++) {
      await writes[source]();
      sync.push((await timed(() => syncFacts(d.db)))[1]);
      facts.push((await timed(() => getDashboard(d.db, { period: '2026' }, { only: [...ids] })))[1]);
      cached.push((await timed(() => getDashboard(d.db, { period: '2026' }, { only: [...ids] })))[1]);
      await writes[source]();
      oracle.push((await timed(() => getDashboard(d.db, { period: '2026' }, { only: [...ids], oracle: true })))[1]);
    }
    say(
      `after one write to ${source}: the refresh of its dirty keys ${sync.map(ms).join(', ')}; then the dashboard of ${ids.join(', ')} (2026, with trend and breakdowns) from the facts ${facts.map(ms).join(', ')} (cached: ${cached.map(ms).join(', ')}); ` +
        `reference: the same dashboard from the old providers after one write ${oracle.map(ms).join(', ')}`,
    );
  }
  return out;
}

async function main() {
  const lines: string[] = [];
  if (process.env.BENCH_FACTS_PGLITE !== '0') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rh-facts-'));
    try {
      const d = await openPglite(path.join(dir, 'db'));
      try {
        lines.push(...(await measure('PGlite', d)));
      } finally {
        await d.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (process.env.BENCH_FACTS_PG !== '0') {
    await withThrowawayPg('PostgreSQL', async (url) => {
      const d = openPg(url);
      try {
        lines.push(...(await measure('PostgreSQL', d)));
      } finally {
        await d.close();
      }
    });
  }
  console.log(`\n${lines.join('\n')}`);
}

await main();
