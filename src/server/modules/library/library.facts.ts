// The library's indicator facts (source 'library'; see indicators/indicators.facts.ts), kept exactly as the providers
// of library.indicators.ts compute T4a, T4b and T5a (they stay as the test oracle):
//  - T4b ('dated'): one fact per published product dated from 2023, dims language/channel/audience/kind/part, counting
//    when it meets a part (counts_in 'part:ethnic' … for the part rows).
//  - T5a ('dated', the span is cumulative): one fact per product not withdrawn dated from 2023, counting when it is
//    published and online (a file or a link).
//  - T4a ('asof', cumulative from 2023): one fact per title root and stretch between successive dates of its published
//    book editions from 2023 on, carrying the editions so far (placed by the earliest, languages their union).
// Keys (src) are product ids for T4b/T5a and title-root ids for T4a; the triggers (migration 0023) mark a product's id
// and its old and new title root, and the refresh also rewrites the root of every key. Everything is set-based: one
// statement per source for any number of keys (a full rebuild over 200,000 products included).
import { sql, type SQL } from 'drizzle-orm';
import { DIGITAL_CHANNELS } from '../../../shared/contracts/library.js';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { deleteFacts, type Described, type FactIndicator, type FactRow, type FactSource } from '../indicators/indicators.facts.js';
import { libraryDimLabel, productHref, productTitles, relatedProducts, t4aDetail, t4bDetail, t5aDetail } from './library.indicators.js';

/** The programme's first day: nothing dated before it is in any span. */
const FROM = '2023-01-01';
/** Above this many dirty keys, one full rebuild is cheaper than a key filter. */
const FULL_REBUILD_ABOVE = 20_000;

/** Each product's language groups (sorted, distinct), for the products of `products` (a query returning ids). */
const groupsOf = (products: SQL) => sql`select pl.product_id, array_agg(distinct lg."group" order by lg."group") as groups
  from library_product_languages pl join languages lg on lg.code = pl.language
  where pl.product_id in (${products}) group by pl.product_id`;

/** T4b and T5a facts of the products `keys` (null: all). */
function productFacts(keys: number[] | null): SQL {
  const only = keys ? sql`and p.id = any(${intArray(keys)})` : sql``;
  const digital = sql.join(
    DIGITAL_CHANNELS.map((c) => sql`${c}`),
    sql`, `,
  );
  return sql`
    with p as (
      select p.id, p.kind, p.channel, p.status, p.date, coalesce(p.url, '') <> '' as has_url, p.organisation_id
      from library_products p where p.status <> 'withdrawn' and p.date >= ${FROM}::date ${only}
    ), g as (${groupsOf(sql`select id from p`)}),
    a as (select product_id, array_agg(audience order by audience) as aud from library_product_audiences where product_id in (select id from p) group by product_id),
    f as (select product_id, count(*)::int as n from library_files where product_id in (select id from p) group by product_id),
    x as (
      select p.*, coalesce(g.groups, '{}') as groups, coalesce(a.aud, '{}') as aud, coalesce(f.n, 0) as files,
        array_remove(array[
          case when 'ethnic' = any(g.groups) then 'part:ethnic' end,
          case when 'foreign' = any(g.groups) then 'part:foreign' end,
          case when p.channel in (${digital}) then 'part:digital' end], null) as parts
      from p left join g on g.product_id = p.id left join a on a.product_id = p.id left join f on f.product_id = p.id
    )
    insert into indicator_facts (ind, src, rec_type, rec_id, d_from, counts, org_id, dims, counts_in, sort_key, info)
    select 'T4b', id, 'library_product', id, date, cardinality(parts) > 0, organisation_id,
      array(select 'language:' || x from unnest(groups) x) || array['channel:' || channel, 'kind:' || kind]
        || array(select 'audience:' || x from unnest(aud) x) || array['part:ethnic', 'part:foreign', 'part:digital'],
      parts, date::text, jsonb_build_object('channel', channel)
    from x where status = 'published'
    union all
    select 'T5a', id, 'library_product', id, date, status = 'published' and (files > 0 or has_url), organisation_id,
      array['kind:' || kind], null, date::text, jsonb_build_object('published', status = 'published', 'files', files, 'url', has_url)
    from x`;
}

/** T4a facts of the title roots `roots` (null: all): a stretch per date of the root's published book editions. */
function titleFacts(roots: number[] | null): SQL {
  // The OR lets the planner use both indexes; the coalesce keeps only these roots' editions.
  const only = roots
    ? sql`and (p.title_root_id = any(${intArray(roots)}) or p.id = any(${intArray(roots)}))
    and coalesce(p.title_root_id, p.id) = any(${intArray(roots)})`
    : sql``;
  return sql`
    with ed as (
      select p.id, coalesce(p.title_root_id, p.id) as root, p.date, p.edition, p.organisation_id
      from library_products p where p.kind = 'book' and p.status = 'published' and p.date >= ${FROM}::date ${only}
    ), g as (${groupsOf(sql`select id from ed`)}),
    run as (
      select ed.root, ed.date, lead(ed.date) over w as next,
        first_value(ed.id) over w as first_id, first_value(ed.date) over w as first_date, first_value(ed.organisation_id) over w as first_org,
        string_agg(array_to_string(coalesce(g.groups, '{}'), ','), ',') over w as groups,
        jsonb_agg(jsonb_build_object('id', ed.id, 'edition', ed.edition, 'date', ed.date::text)) over w as eds
      from ed left join g on g.product_id = ed.id
      window w as (partition by ed.root order by ed.date, ed.id)
    )
    insert into indicator_facts (ind, src, rec_type, rec_id, d_from, d_to, counts, org_id, dims, sort_key, info)
    select 'T4a', root, 'library_title', root, date, next - 1, true, first_org,
      array(select distinct 'language:' || x from unnest(string_to_array(groups, ',')) x where x <> ''),
      first_date::text || ' ' || lpad(first_id::text, 12, '0'), jsonb_build_object('first', first_id, 'eds', eds)
    from run where next is null or next > date`;
}

async function refresh(db: Db, keys: number[] | null): Promise<void> {
  if (keys && keys.length > FULL_REBUILD_ABOVE) keys = null;
  let roots: number[] | null = null;
  if (keys) {
    const r = await rows<{ root: number }>(
      db,
      sql`select distinct coalesce(title_root_id, id) as root from library_products where id = any(${intArray(keys)})`,
    );
    roots = [...new Set([...keys, ...r.map((x) => Number(x.root))])];
  }
  await deleteFacts(db, ['T4b', 'T5a'], keys);
  await deleteFacts(db, ['T4a'], roots);
  if (keys?.length === 0) return;
  await db.execute(productFacts(keys));
  await db.execute(titleFacts(roots));
}

const labelled = (titles: Map<number, string>, id: number, fallback?: number) =>
  titles.get(id) ?? (fallback !== undefined ? titles.get(fallback) : undefined) ?? `#${id}`;

/** T4b and T5a: the product's title and the texts the old provider gave. */
function productIndicator(id: 'T4b' | 'T5a', detail: (f: FactRow) => Bilingual, extra: Partial<FactIndicator> = {}): FactIndicator {
  return {
    id,
    mode: 'dated',
    dimLabel: libraryDimLabel,
    ...extra,
    async describe(db, facts) {
      const titles = await productTitles(
        db,
        facts.map((f) => Number(f.rec_id)),
      );
      return new Map(
        facts.map((f): [number, Described] => [
          Number(f.rec_id),
          { label: labelled(titles, Number(f.rec_id)), detail: detail(f), href: productHref(Number(f.rec_id)) },
        ]),
      );
    },
  };
}

type Edition = { id: number; edition: string | null; date: string };

const t4a: FactIndicator = {
  id: 'T4a',
  mode: 'asof',
  dimLabel: libraryDimLabel,
  async describe(db, facts) {
    const eds = (f: FactRow) => (f.info?.eds ?? []) as Edition[];
    const firstOf = (f: FactRow) => Number(f.info?.first ?? f.rec_id);
    const titles = await productTitles(
      db,
      facts.flatMap((f) => [
        Number(f.rec_id),
        firstOf(f),
        ...eds(f)
          .slice(0, 20)
          .map((e) => e.id),
      ]),
    );
    return new Map(
      facts.map((f): [number, Described] => [
        Number(f.rec_id),
        {
          label: labelled(titles, Number(f.rec_id), firstOf(f)),
          detail: t4aDetail(eds(f)),
          href: productHref(Number(f.rec_id)),
          related: relatedProducts(
            eds(f).map((e) => e.id),
            titles,
          ),
        },
      ]),
    );
  },
};

export const libraryFactSource: FactSource = {
  name: 'library',
  indicators: [
    t4a,
    productIndicator(
      'T4b',
      (f) =>
        t4bDetail(
          (f.counts_in ?? []).map((p) => p.slice('part:'.length)),
          typeof f.info?.channel === 'string' ? f.info.channel : '',
        ),
      { countsInBreakdowns: ['part'] },
    ),
    productIndicator('T5a', (f) => t5aDetail(Boolean(f.info?.published), Number(f.info?.files ?? 0), Boolean(f.info?.url))),
  ],
  refresh,
};
