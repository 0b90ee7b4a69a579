// Target T3 as an indicator, and the exhibitions' coverage of both maps.
//  - T3 (count, cumulative; target 63): the records are the 63 provincial units of the 63-unit map (T3 was set on
//    it). A unit counts when at least one physical exhibition in Viet Nam whose pre-2025 unit is that unit ran within
//    the span (its dates overlap it). Every venue records its pre-2025 unit (pre-filled from the crosswalk or chosen),
//    so nothing is attributed: a unit is covered only by exhibitions that were really held in it. The drill-down's
//    "gap" lists the units not yet covered; each covered unit expands to its exhibitions. The record's organisation
//    is the lead organiser of the unit's earliest exhibition in the span (the coverage API filters by any organiser).
//  - Coverage (GET /api/exhibitions/coverage): x of 63 units, x of 34 provinces (through the crosswalk, or the
//    34-unit province itself for exhibitions from 1 July 2025), the locations abroad, the share of exhibitions with a
//    foreign-language version, and the venues with coordinates as points.
import { sql } from 'drizzle-orm';
import type { Coverage, CoverageQuery } from '../../../shared/contracts/exhibitions.js';
import { CoverageQuery as CoverageQuerySchema } from '../../../shared/contracts/exhibitions.js';
import { rows, type Db } from '../../kernel/db.js';
import { vnDate } from '../../kernel/periods.js';
import { parseInput } from '../../kernel/validate.js';
import type { IndicatorProvider, IndicatorRecord, RelatedRecord } from '../indicators/indicators.registry.js';

/** Audit entities whose writes can change the records. */
const DEPENDS_ON = ['exhibition', 'organisation'];
export const exhibitionHref = (id: number) => `/exhibitions?exhibition=${id}`;
export const PROGRAMME_START_DAY = '2023-01-01';

type Held = {
  id: number; title: string | null; start_date: string; end_date: string; location: string | null; former: string | null; unit_map: string | null; unit: string | null;
  country: string | null; country_name: string | null; city: string | null; lat: number | null; lon: number | null; has_foreign: boolean;
  organisation_id: number; org_name: string; org_kind: string;
};

/** Exhibitions whose dates overlap [from, until], optionally with `organisationId` among their organisers. */
async function exhibitionsIn(db: Db, from: string, until: string, organisationId?: number): Promise<Held[]> {
  const byOrg = organisationId ? sql`and exists (select 1 from exhibition_organisers eo where eo.exhibition_id = e.id and eo.organisation_id = ${organisationId})` : sql``;
  return rows<Held>(db, sql`
    select e.id, t.title, e.start_date::text, e.end_date::text, e.location, f.code as former, u.map_version as unit_map, u.code as unit,
      e.country_code as country, c.name_vi as country_name, e.city, e.lat, e.lon, e.has_foreign, e.organisation_id, o.name_vi as org_name, o.kind as org_kind
    from exhibitions e
    join organisations o on o.id = e.organisation_id
    left join exhibition_texts t on t.exhibition_id = e.id and t.position = 0
    left join admin_units f on f.id = e.former_unit_id
    left join admin_units u on u.id = e.unit_id
    left join countries c on c.alpha2 = e.country_code
    where e.start_date <= ${until}::date and e.end_date >= ${from}::date ${byOrg}
    order by e.start_date, e.id`);
}

type UnitRow = { code: string; name_vi: string; name_en: string; map: string };
async function unitsOf(db: Db) {
  const all = await rows<UnitRow>(db, sql`select code, name_vi, name_en, map_version as map from admin_units order by code`);
  const cw = await rows<{ old: string; new: string }>(db, sql`select o.code as old, n.code as new from admin_unit_crosswalk c
    join admin_units o on o.id = c.old_unit_id join admin_units n on n.id = c.new_unit_id`);
  return { u63: all.filter((u) => u.map === '63'), u34: all.filter((u) => u.map === '34'), to34: new Map(cw.map((c) => [c.old, c.new])) };
}

const physicalInVn = (e: Held) => e.location === 'vietnam' && e.former !== null;

export const t3Provider: IndicatorProvider = {
  id: 'T3',
  dependsOn: DEPENDS_ON,
  async records(db, span) {
    const [held, { u63 }] = await Promise.all([exhibitionsIn(db, span.firstDay, span.lastDay), unitsOf(db)]);
    const byUnit = new Map<string, Held[]>();
    for (const e of held.filter(physicalInVn)) byUnit.set(e.former!, [...(byUnit.get(e.former!) ?? []), e]);
    return u63.map((u, i): IndicatorRecord => {
      const list = byUnit.get(u.code) ?? [];
      const first = list[0];
      return {
        type: 'province', id: i + 1, label: u.name_vi, counts: list.length > 0, inDenominator: true,
        unit: { map: '63', code: u.code }, orgKind: first?.org_kind ?? null, organisationId: first ? Number(first.organisation_id) : null, organisationName: first?.org_name ?? null,
        detail: list.length
          ? { vi: `${list.length} triển lãm, đầu tiên: «${first!.title ?? ''}» (${first!.start_date})`, en: `${list.length} exhibition${list.length > 1 ? 's' : ''}, first: «${first!.title ?? ''}» (${first!.start_date})` }
          : { vi: 'Chưa có triển lãm trực tiếp', en: 'No physical exhibition yet' },
        href: `/exhibitions?map=63&province=${u.code}`, refs: list.map((e) => Number(e.id)),
      };
    });
  },
  async expand(db, records) {
    const ids = [...new Set(records.flatMap((r) => (r.refs ?? []).slice(0, 20)))];
    const titles = ids.length ? await rows<{ id: number; title: string }>(db, sql`select exhibition_id as id, title from exhibition_texts where position = 0 and exhibition_id in ${ids}`) : [];
    const byId = new Map(titles.map((t) => [Number(t.id), t.title]));
    return new Map(records.map((r) => [r, (r.refs ?? []).slice(0, 20).map((id): RelatedRecord => ({ type: 'exhibition', id, label: byId.get(id) ?? `#${id}`, href: exhibitionHref(id) }))]));
  },
};

/** Coverage of both maps, abroad, the foreign-language share and the venues, cumulative from 2023 (or `from`). */
export async function computeCoverage(db: Db, query: CoverageQuery, now = new Date()): Promise<Coverage> {
  const q = parseInput(CoverageQuerySchema, query ?? {});
  const from = q.from ?? PROGRAMME_START_DAY;
  const until = q.until ?? vnDate(now);
  const [held, { u63, u34, to34 }] = await Promise.all([exhibitionsIn(db, from, until, q.organisationId), unitsOf(db)]);
  const n63 = new Map<string, number>(), n34 = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const e of held.filter(physicalInVn)) {
    inc(n63, e.former!);
    inc(n34, e.unit_map === '34' ? e.unit! : (to34.get(e.former!) ?? e.former!));
  }
  const abroad = new Map<string, Coverage['abroad'][number]>();
  for (const e of held.filter((x) => x.location === 'abroad')) {
    const k = `${e.country}|${e.city}`;
    const a = abroad.get(k) ?? { countryCode: e.country ?? '', countryName: e.country_name ?? e.country ?? '', city: e.city ?? '', exhibitions: 0 };
    a.exhibitions++;
    abroad.set(k, a);
  }
  const unitList = (units: UnitRow[], n: Map<string, number>) => units.map((u) => ({ code: u.code, nameVi: u.name_vi, nameEn: u.name_en, exhibitions: n.get(u.code) ?? 0 }));
  const withForeign = held.filter((e) => e.has_foreign).length;
  return {
    from, until,
    map63: { covered: u63.filter((u) => n63.has(u.code)).length, total: u63.length, units: unitList(u63, n63) },
    map34: { covered: u34.filter((u) => n34.has(u.code)).length, total: u34.length, units: unitList(u34, n34) },
    abroad: [...abroad.values()].sort((a, b) => a.countryName.localeCompare(b.countryName, 'vi') || a.city.localeCompare(b.city, 'vi')),
    foreign: { withForeign, total: held.length, share: held.length ? withForeign / held.length : null },
    venues: held.filter((e) => e.lat !== null && e.lon !== null).map((e) => ({
      id: Number(e.id), title: e.title ?? `#${e.id}`, lat: Number(e.lat), lon: Number(e.lon),
      place: e.location === 'abroad' ? `${e.city}, ${e.country_name}` : (u63.find((u) => u.code === e.former)?.name_vi ?? ''),
    })),
  };
}
