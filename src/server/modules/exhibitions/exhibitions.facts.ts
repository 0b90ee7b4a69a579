// The exhibitions' indicator facts (source 'exhibitions'; see indicators/indicators.facts.ts), kept exactly as the
// provider of exhibitions.indicators.ts computes T3 (it stays as the test oracle). T3 is cumulative from 2023 and its
// records are the 63 units of the 63-unit map, so its facts are 'asof' stretches per unit: one not counting before the
// unit's first physical exhibition in Viet Nam (every unit is in the gap from the start), then one from that
// exhibition's first day (or 1 January 2023 for one already running) and one more from each day a new organiser first
// held an exhibition there, each carrying the organisers so far (org_ids, dims 'organiser:<id>'). The lead organiser of
// the unit's first exhibition places its kind and organisation. Only confirmed organisers count (a co-organiser
// pending or declined holds nothing: exhibition_organisers.confirmation, migration 0025). Keys (src) are the units'
// admin_units ids; the triggers (migration 0023) mark an exhibition's pre-2025 unit, before and after a write, and its
// organisers' writes (any column: a confirmation or a decline too).
import { sql, type SQL } from 'drizzle-orm';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { deleteFacts, type Described, type FactSource } from '../indicators/indicators.facts.js';
import {
  exhibitionHref,
  exhibitionsIn,
  orgLabel,
  physicalInVn,
  PROGRAMME_START_DAY,
  rowOrganisers,
  t3Detail,
  t3Href,
  type Held,
} from './exhibitions.indicators.js';

/** T3's facts of the units `keys` (null: all). */
function unitFacts(keys: number[] | null): SQL {
  const only = (col: SQL) => (keys ? sql`and ${col} = any(${intArray(keys)})` : sql``);
  return sql`
    with u as (
      select id, code, row_number() over (order by code) as n from admin_units where map_version = '63'
    ), ex as (
      select e.id, e.former_unit_id as unit, greatest(e.start_date, ${PROGRAMME_START_DAY}::date) as d, e.start_date
      from exhibitions e
      where e.location = 'vietnam' and e.former_unit_id is not null and e.end_date >= ${PROGRAMME_START_DAY}::date ${only(sql`e.former_unit_id`)}
    ), first_day as (
      select unit, min(d) as d from ex group by unit
    ), lead_org as (
      select distinct on (ex.unit) ex.unit, eo.organisation_id from ex
      left join exhibition_organisers eo on eo.exhibition_id = ex.id and eo.confirmation = 'confirmed'
      order by ex.unit, ex.start_date, ex.id, eo.position
    ), first_held as (
      select ex.unit, eo.organisation_id as org, min(ex.d) as d from ex
      join exhibition_organisers eo on eo.exhibition_id = ex.id and eo.confirmation = 'confirmed' group by 1, 2
    ), starts as (
      select unit, d from first_day union select unit, d from first_held
    ), stretch as (
      select s.unit, s.d, lead(s.d) over (partition by s.unit order by s.d) as next from starts s
    ), covered as (
      select s.unit, s.d, s.next, coalesce(array_agg(h.org order by h.org) filter (where h.org is not null), '{}') as orgs
      from stretch s left join first_held h on h.unit = s.unit and h.d <= s.d
      group by s.unit, s.d, s.next
    )
    insert into indicator_facts (ind, src, rec_type, rec_id, d_from, d_to, counts, unit_id, org_id, org_ids, dims, sort_key)
    select 'T3', u.id, 'province', u.n, c.d, c.next - 1, true, u.id, l.organisation_id, c.orgs,
      array(select 'organiser:' || x from unnest(c.orgs) x), u.code
    from covered c join u on u.id = c.unit left join lead_org l on l.unit = c.unit
    union all
    select 'T3', u.id, 'province', u.n, ${PROGRAMME_START_DAY}::date, f.d - 1, false, u.id, null, '{}', '{}', u.code
    from u left join first_day f on f.unit = u.id
    where (f.d is null or f.d > ${PROGRAMME_START_DAY}::date) ${only(sql`u.id`)}`;
}

async function refresh(db: Db, keys: number[] | null): Promise<void> {
  await deleteFacts(db, ['T3'], keys);
  if (keys?.length === 0) return;
  await db.execute(unitFacts(keys));
}

export const exhibitionsFactSource: FactSource = {
  name: 'exhibitions',
  indicators: [
    {
      id: 'T3',
      mode: 'asof',
      async dimLabels(db, breakdown, keys) {
        const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
        if (breakdown !== 'organiser' || !ids.length) return new Map();
        const orgs = await rows<{ id: number; name: string; name_en: string | null }>(
          db,
          sql`select id, name_vi as name, name_en from organisations where id = any(${intArray(ids)})`,
        );
        return new Map(orgs.map((o): [string, Bilingual] => [String(o.id), orgLabel({ name: o.name, nameEn: o.name_en })]));
      },
      // The unit's exhibitions in the span, as the old provider listed them; related: only those of the row's organiser
      // and of the scope's organisation when there are.
      async describe(db, facts, span, row) {
        const unitIds = [...new Set(facts.map((f) => Number(f.unit_id)))];
        if (!unitIds.length) return new Map();
        const [units, held] = await Promise.all([
          rows<{ id: number; code: string; name_vi: string }>(
            db,
            sql`select id, code, name_vi from admin_units where id = any(${intArray(unitIds)})`,
          ),
          exhibitionsIn(db, span.firstDay, span.lastDay, undefined, unitIds),
        ]);
        const byCode = new Map<string, Held[]>();
        for (const e of held.filter(physicalInVn)) byCode.set(e.former!, [...(byCode.get(e.former!) ?? []), e]);
        const unitOf = new Map(units.map((u) => [Number(u.id), u]));
        const orgs = rowOrganisers(row);
        const out = new Map<number, Described>();
        for (const f of facts) {
          const u = unitOf.get(Number(f.unit_id));
          if (!u) continue;
          const list = byCode.get(u.code) ?? [];
          const related = list
            .filter((e) => orgs.every((o) => e.organisers.some((x) => x.id === o)))
            .slice(0, 20)
            .map((e) => ({ type: 'exhibition', id: Number(e.id), label: e.title ?? `#${e.id}`, href: exhibitionHref(Number(e.id)) }));
          out.set(Number(f.rec_id), { label: u.name_vi, detail: t3Detail(list), href: t3Href(u.code), related });
        }
        return out;
      },
    },
  ],
  refresh,
};
