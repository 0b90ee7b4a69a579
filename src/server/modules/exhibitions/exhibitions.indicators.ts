// Target T3 as an indicator, and the exhibitions' coverage of both maps.
//  - T3 (count, cumulative; target 63): the records are the 63 provincial units of the 63-unit map (T3 was set on
//    it). A unit counts when at least one physical exhibition in Viet Nam whose pre-2025 unit is that unit ran within
//    the span (its dates overlap it). Every venue records its pre-2025 unit (pre-filled from the crosswalk or chosen),
//    so nothing is attributed: a unit is covered only by exhibitions that were really held in it. The drill-down's
//    "gap" lists the units not yet covered; each covered unit expands to its exhibitions.
//    By organiser (exact): a covered unit stands behind every organisation that organised or co-organised (once
//    confirmed by itself or the programme office: exhibition_organisers.confirmation) one of its exhibitions in the span (`organisations`, and the `organiser` breakdown keyed by organisation id), so an
//    exhibition with two organisers counts for both, while the figure itself counts the unit once. The drill-down of
//    an organiser's row (or under an organisation filter) expands each unit to that organiser's exhibitions only.
//  - Coverage (GET /api/exhibitions/coverage): x of 63 units, x of 34 provinces (through the crosswalk, or the
//    34-unit province itself for exhibitions from 1 July 2025), the locations abroad, the share of exhibitions with a
//    foreign-language version, the same per organiser, and the venues with coordinates as points (labelled in
//    Vietnamese and English, each saying whether it is shown on the portal).
import { sql } from 'drizzle-orm';
import type { Coverage, CoverageQuery } from '../../../shared/contracts/exhibitions.js';
import { CoverageQuery as CoverageQuerySchema } from '../../../shared/contracts/exhibitions.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { vnDate } from '../../kernel/periods.js';
import { parseInput } from '../../kernel/validate.js';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import type { DrillRow, IndicatorProvider, IndicatorRecord, RelatedRecord } from '../indicators/indicators.registry.js';

/** Audit entities whose writes can change the records. */
const DEPENDS_ON = ['exhibition', 'organisation'];
export const exhibitionHref = (id: number) => `/exhibitions?exhibition=${id}`;
export const PROGRAMME_START_DAY = '2023-01-01';

export type Organiser = { id: number; code: string; name: string; nameEn: string | null; kind: string };
export type Held = {
  id: number;
  title: string | null;
  title_en: string | null;
  start_date: string;
  end_date: string;
  location: string | null;
  venue_name: string | null;
  former: string | null;
  former_vi: string | null;
  former_en: string | null;
  unit_map: string | null;
  unit: string | null;
  country: string | null;
  country_name: string | null;
  country_name_en: string | null;
  city: string | null;
  lat: number | null;
  lon: number | null;
  has_foreign: boolean;
  is_public: boolean;
  organisers: Organiser[];
};

/** Exhibitions whose dates overlap [from, until], optionally with `organisationId` among their organisers (and with
 *  their pre-2025 unit among `formerUnitIds`), each with every organiser (the lead first). Organisers are only the
 *  confirmed ones: a co-organiser waiting for its organisation's confirmation (or declined) counts for nobody. */
export async function exhibitionsIn(
  db: Db,
  from: string,
  until: string,
  organisationId?: number,
  formerUnitIds?: number[],
): Promise<Held[]> {
  const byOrg = organisationId
    ? sql`and exists (select 1 from exhibition_organisers eo where eo.exhibition_id = e.id and eo.organisation_id = ${organisationId} and eo.confirmation = 'confirmed')`
    : sql``;
  const byUnit = formerUnitIds ? sql`and e.former_unit_id = any(${intArray(formerUnitIds)})` : sql``;
  const overlap = sql`e.start_date <= ${until}::date and e.end_date >= ${from}::date ${byOrg} ${byUnit}`;
  const [held, orgs] = await Promise.all([
    rows<Omit<Held, 'organisers'>>(
      db,
      sql`
      select e.id, t.title, te.title as title_en, e.start_date::text, e.end_date::text, e.location, e.venue_name,
        f.code as former, f.name_vi as former_vi, f.name_en as former_en, u.map_version as unit_map, u.code as unit,
        e.country_code as country, c.name_vi as country_name, c.name_en as country_name_en, e.city, e.lat, e.lon, e.has_foreign,
        (e.public_at is not null or e.online_published_at is not null) as is_public
      from exhibitions e
      left join exhibition_texts t on t.exhibition_id = e.id and t.position = 0
      left join lateral (select x.title from exhibition_texts x where x.exhibition_id = e.id and x.language = 'eng' limit 1) te on true
      left join admin_units f on f.id = e.former_unit_id
      left join admin_units u on u.id = e.unit_id
      left join countries c on c.alpha2 = e.country_code
      where ${overlap}
      order by e.start_date, e.id`,
    ),
    rows<{ e: number; id: number; code: string; name: string; name_en: string | null; kind: string }>(
      db,
      sql`
      select eo.exhibition_id as e, o.id, o.code, o.name_vi as name, o.name_en, o.kind
      from exhibition_organisers eo join organisations o on o.id = eo.organisation_id
      where eo.exhibition_id in (select e.id from exhibitions e where ${overlap}) and eo.confirmation = 'confirmed'
      order by eo.exhibition_id, eo.position`,
    ),
  ]);
  const byExhibition = new Map<number, Organiser[]>();
  for (const o of orgs) {
    const list = byExhibition.get(Number(o.e)) ?? [];
    list.push({ id: Number(o.id), code: o.code, name: o.name, nameEn: o.name_en, kind: o.kind });
    byExhibition.set(Number(o.e), list);
  }
  return held.map((e) => ({ ...e, organisers: byExhibition.get(Number(e.id)) ?? [] }));
}

type UnitRow = { code: string; name_vi: string; name_en: string; map: string };
async function unitsOf(db: Db) {
  const all = await rows<UnitRow>(db, sql`select code, name_vi, name_en, map_version as map from admin_units order by code`);
  const cw = await rows<{ old: string; new: string }>(
    db,
    sql`select o.code as old, n.code as new from admin_unit_crosswalk c
    join admin_units o on o.id = c.old_unit_id join admin_units n on n.id = c.new_unit_id`,
  );
  return { u63: all.filter((u) => u.map === '63'), u34: all.filter((u) => u.map === '34'), to34: new Map(cw.map((c) => [c.old, c.new])) };
}

export const physicalInVn = (e: Held) => e.location === 'vietnam' && e.former !== null;
export const orgLabel = (o: { name: string; nameEn: string | null }): Bilingual => ({ vi: o.name, en: o.nameEn ?? o.name });
/** Every organiser of a unit's exhibitions, each once (in order of the exhibitions, the lead first). */
export const organisersOf = (list: Held[]): Organiser[] => [...new Map(list.flatMap((e) => e.organisers).map((o) => [o.id, o])).values()];

/** A unit's detail: its exhibitions in the span (in date order) and their organisers. */
export function t3Detail(list: Held[]): Bilingual {
  const first = list[0];
  if (!first) return { vi: 'Chưa có triển lãm trực tiếp', en: 'No physical exhibition yet' };
  const organisers = organisersOf(list);
  return {
    vi: `${list.length} triển lãm, đầu tiên: «${first.title ?? ''}» (${first.start_date}); đơn vị tổ chức: ${organisers.map((o) => o.name).join('; ')}`,
    en: `${list.length} exhibition${list.length > 1 ? 's' : ''}, first: «${first.title_en ?? first.title ?? ''}» (${first.start_date}); organisers: ${organisers.map((o) => o.nameEn ?? o.name).join('; ')}`,
  };
}

/** The organisations a drill-down row stands for: an organiser's row and the scope's organisation (the related
 *  exhibitions are then only those every one of them organised or co-organised). */
export const rowOrganisers = (row?: DrillRow): number[] =>
  [row?.breakdown === 'organiser' && row.key && /^\d+$/.test(row.key) ? Number(row.key) : null, row?.organisationId ?? null].filter(
    (x): x is number => x !== null,
  );
export const t3Href = (code: string) => `/exhibitions?map=63&province=${code}`;

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
      const organisers = organisersOf(list);
      const lead = first?.organisers[0];
      return {
        type: 'province',
        id: i + 1,
        label: u.name_vi,
        counts: list.length > 0,
        inDenominator: true,
        unit: { map: '63', code: u.code },
        orgKind: lead?.kind ?? null,
        organisationId: lead?.id ?? null,
        organisationName: lead?.name ?? null,
        organisations: organisers.map((o) => ({ id: o.id, kind: o.kind })),
        dims: { organiser: organisers.map((o) => String(o.id)) },
        dimLabels: { organiser: Object.fromEntries(organisers.map((o) => [String(o.id), orgLabel(o)])) },
        detail: t3Detail(list),
        href: t3Href(u.code),
        refs: list.map((e) => Number(e.id)),
      };
    });
  },
  async expand(db, records, row) {
    // An organiser's row (or an organisation filter): only the exhibitions that organisation organised or co-organised.
    const orgs = rowOrganisers(row);
    const all = [...new Set(records.flatMap((r) => r.refs ?? []))];
    let keep: Set<number> | null = null;
    if (orgs.length && all.length) {
      const hit = await rows<{ id: number; n: number }>(
        db,
        sql`select exhibition_id as id, count(distinct organisation_id)::int as n from exhibition_organisers
        where exhibition_id in ${all} and organisation_id in ${orgs} and confirmation = 'confirmed' group by exhibition_id`,
      );
      const need = new Set(orgs).size;
      keep = new Set(hit.filter((h) => Number(h.n) >= need).map((h) => Number(h.id)));
    }
    const refsOf = (r: IndicatorRecord) => (r.refs ?? []).filter((id) => !keep || keep.has(id)).slice(0, 20);
    const ids = [...new Set(records.flatMap(refsOf))];
    const titles = ids.length
      ? await rows<{ id: number; title: string }>(
          db,
          sql`select exhibition_id as id, title from exhibition_texts where position = 0 and exhibition_id in ${ids}`,
        )
      : [];
    const byId = new Map(titles.map((t) => [Number(t.id), t.title]));
    return new Map(
      records.map((r) => [
        r,
        refsOf(r).map((id): RelatedRecord => ({ type: 'exhibition', id, label: byId.get(id) ?? `#${id}`, href: exhibitionHref(id) })),
      ]),
    );
  },
};

/** Coverage of both maps, abroad, the foreign-language share, the same per organiser, and the venues, cumulative
 *  from 2023 (or `from`). `publicVenuesOnly` (the portal): only the venues of exhibitions shown on the portal. */
export async function computeCoverage(
  db: Db,
  query: CoverageQuery,
  now = new Date(),
  opts: { publicVenuesOnly?: boolean } = {},
): Promise<Coverage> {
  const q = parseInput(CoverageQuerySchema, query ?? {});
  const from = q.from ?? PROGRAMME_START_DAY;
  const until = q.until ?? vnDate(now);
  const [held, { u63, u34, to34 }] = await Promise.all([exhibitionsIn(db, from, until, q.organisationId), unitsOf(db)]);
  const n63 = new Map<string, number>(),
    n34 = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const to34of = (e: Held) => (e.unit_map === '34' ? e.unit! : (to34.get(e.former!) ?? e.former!));
  type OrgTally = { org: Organiser; u63: Set<string>; u34: Set<string>; abroad: Set<string>; exhibitions: number };
  const perOrg = new Map<number, OrgTally>();
  for (const e of held) {
    for (const o of e.organisers) {
      const t = perOrg.get(o.id) ?? { org: o, u63: new Set(), u34: new Set(), abroad: new Set(), exhibitions: 0 };
      t.exhibitions++;
      if (physicalInVn(e)) {
        t.u63.add(e.former!);
        t.u34.add(to34of(e));
      }
      if (e.location === 'abroad') t.abroad.add(`${e.country}|${e.city}`);
      perOrg.set(o.id, t);
    }
  }
  for (const e of held.filter(physicalInVn)) {
    inc(n63, e.former!);
    inc(n34, to34of(e));
  }
  const abroad = new Map<string, Coverage['abroad'][number]>();
  for (const e of held.filter((x) => x.location === 'abroad')) {
    const k = `${e.country}|${e.city}`;
    const a = abroad.get(k) ?? {
      countryCode: e.country ?? '',
      countryName: e.country_name ?? e.country ?? '',
      countryNameEn: e.country_name_en ?? e.country ?? '',
      city: e.city ?? '',
      exhibitions: 0,
    };
    a.exhibitions++;
    abroad.set(k, a);
  }
  const unitList = (units: UnitRow[], n: Map<string, number>) =>
    units.map((u) => ({ code: u.code, nameVi: u.name_vi, nameEn: u.name_en, exhibitions: n.get(u.code) ?? 0 }));
  const withForeign = held.filter((e) => e.has_foreign).length;
  // A venue's place: its own name as entered, then the pre-2025 unit (in Viet Nam) or the city and country, per language.
  const placeOf = (e: Held, lang: 'vi' | 'en') =>
    [
      e.venue_name,
      ...(e.location === 'abroad'
        ? [e.city, lang === 'vi' ? e.country_name : e.country_name_en]
        : [lang === 'vi' ? e.former_vi : e.former_en]),
    ]
      .filter(Boolean)
      .join(', ');
  return {
    from,
    until,
    map63: { covered: u63.filter((u) => n63.has(u.code)).length, total: u63.length, units: unitList(u63, n63) },
    map34: { covered: u34.filter((u) => n34.has(u.code)).length, total: u34.length, units: unitList(u34, n34) },
    abroad: [...abroad.values()].sort((a, b) => a.countryName.localeCompare(b.countryName, 'vi') || a.city.localeCompare(b.city, 'vi')),
    foreign: { withForeign, total: held.length, share: held.length ? withForeign / held.length : null },
    venues: held
      .filter((e) => e.lat !== null && e.lon !== null && (!opts.publicVenuesOnly || e.is_public))
      .map((e) => ({
        id: Number(e.id),
        title: e.title ?? `#${e.id}`,
        titleEn: e.title_en ?? e.title ?? `#${e.id}`,
        lat: Number(e.lat),
        lon: Number(e.lon),
        place: placeOf(e, 'vi'),
        placeEn: placeOf(e, 'en'),
        public: Boolean(e.is_public),
      })),
    byOrganiser: [...perOrg.values()]
      .map((t) => ({
        id: t.org.id,
        code: t.org.code,
        name: t.org.name,
        nameEn: t.org.nameEn,
        covered63: t.u63.size,
        covered34: t.u34.size,
        abroad: t.abroad.size,
        exhibitions: t.exhibitions,
      }))
      .sort((a, b) => b.covered63 - a.covered63 || b.exhibitions - a.exhibitions || a.name.localeCompare(b.name, 'vi')),
  };
}
