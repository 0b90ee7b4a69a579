// T1 as indicator facts (see indicators/indicators.facts.ts): one fact per expected agency and standard reporting
// period of the programme (every year, half, quarter and month of 2023–2029, the periods a figure can ask for), key
// (src) = the agency. Exactly computeT1's rule, set-based: an agency is expected in a period when it is included, or a
// state administrative agency not excluded, and active on the period's last day; it counts with a spokesperson valid
// on that day and periodic information on time (published in the period) or late (within the grace days after).
// Items of predecessors deactivated within the period count for their successor, down chains of successions.
//
// Items are tallied per agency and Viet Nam day: periods and grace windows are whole Viet Nam days (they start and
// end at Vietnamese midnights), so the day counts joined to the periods give every (agency, period) tally at once.
// The triggers of migration 0021 mark an agency dirty when its items, spokespersons or row change, and the agencies
// its items pass to (successors); the reporting settings mark every agency.
import { sql, type SQL } from 'drizzle-orm';
import type { ComplianceRow, PeriodKind, ReportingSettings } from '../../../shared/contracts/press.js';
import { rows, type Db } from '../../kernel/db.js';
import { makePeriod, parsePeriodId, type Period } from '../../kernel/periods.js';
import { deleteFacts, syncFacts, type FactIndicator, type FactSource } from '../indicators/indicators.facts.js';
import { getReportingSettings } from './press.settings.js';
import { COUNTING_STATUSES } from './press.workflow.js';
import { ITEMS_LISTED } from './press.compliance.js';
import { t1Detail, t1Href } from './press.indicators.js';

/** The years whose periods have facts: every period the indicators accept (2023 up to the year after the programme). */
export const FACT_YEARS = { from: 2023, to: 2029 } as const;
const KINDS: [PeriodKind, number][] = [
  ['yearly', 1],
  ['half_yearly', 2],
  ['quarterly', 4],
  ['monthly', 12],
];

let periodList: Period[] | undefined;
/** Every standard period of FACT_YEARS (133). */
export function factPeriods(): Period[] {
  if (!periodList) {
    periodList = [];
    for (let y = FACT_YEARS.from; y <= FACT_YEARS.to; y++)
      for (const [kind, n] of KINDS) for (let i = 0; i < n; i++) periodList.push(makePeriod(kind, y, i));
  }
  return periodList;
}

/** What a T1 fact keeps for its drill-down text: spokesperson, information, item count, predecessors (when any). */
export type T1Info = { s: number | null; i: 'on_time' | 'late' | 'missing'; n: number; p?: number[] };

const intArray = (xs: readonly number[]) => `{${xs.join(',')}}`;
const counting = sql.join(
  COUNTING_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);
/** The Viet Nam calendar day of a timestamptz column (UTC+7 all year). */
const vnDay = (col: string) => sql.raw(`((${col} at time zone 'UTC') + interval '7 hours')::date`);

/** Rewrites the T1 facts of the given agencies (null: all), in one statement. */
async function refreshT1(db: Db, keys: number[] | null): Promise<void> {
  await deleteFacts(db, ['T1'], keys);
  if (keys && !keys.length) return;
  // A full rebuild groups a few hundred thousand rows: in memory rather than spilled to disk (in the caller's transaction).
  if (!keys) await db.execute(sql`set local work_mem = '64MB'`);
  await db.execute(t1FactsInsert(await getReportingSettings(db), keys));
}

/** The statement inserting the T1 facts of `keys` (null: all). */
export const t1FactsInsert = (settings: ReportingSettings, keys: number[] | null): SQL => sql`
  insert into indicator_facts (ind, src, rec_type, rec_id, period_id, d_from, d_to, counts, in_den, pending, org_id, sort_key, info)
  ${t1FactsSelect(settings, keys)}`;

/** The T1 facts of `keys` (null: all), as rows of indicator_facts. */
export function t1FactsSelect(settings: ReportingSettings, keys: number[] | null): SQL {
  const periods = sql.join(
    factPeriods().map((p, i) => sql`(${i}::int, ${p.id}::text, ${p.firstDay}::date, ${p.lastDay}::date)`),
    sql`, `,
  );
  const only = keys ? sql`o.id = any(${intArray(keys)}::int[])` : sql`true`;
  return sql`
    with recursive
      p(pn, pid, first_day, last_day) as (values ${periods}),
      -- the agencies that may be expected (their sort key computed once each), and the periods they are expected in
      org as materialized (
        select id, active, valid_from, valid_to, lower(f_unaccent(name_vi)) as sort_key from organisations o
        where ${only} and (o.id = any(${intArray(settings.includeOrgIds)}::int[])
          or (o.is_state_admin_agency and not o.id = any(${intArray(settings.excludeOrgIds)}::int[])))),
      exp as materialized (
        select p.pn, p.pid, p.first_day, p.last_day, o.id, o.sort_key from p join org o
          on (o.valid_from is null or o.valid_from <= p.last_day) and (case when o.valid_to is null then o.active else o.valid_to >= p.last_day end)),
      -- agencies deactivated within a period that have a successor, and where their items go: the first agency down
      -- the chain of successors that was not itself deactivated within the period (a cycle goes nowhere)
      dz as materialized (select p.pn, o.id, o.successor_id from p join organisations o
        on o.successor_id is not null and o.valid_to >= p.first_day and o.valid_to < p.last_day),
      chain(pn, id, cur, depth) as (
        select pn, id, successor_id, 1 from dz
        union all
        select c.pn, c.id, d.successor_id, c.depth + 1 from chain c join dz d on d.pn = c.pn and d.id = c.cur where c.depth < 64),
      pred as materialized (
        select c.pn, c.cur as root, c.id as member from chain c join exp e on e.pn = c.pn and e.id = c.cur
        where not exists (select 1 from dz d where d.pn = c.pn and d.id = c.cur)),
      -- items that count, per agency and Viet Nam day, and the periods each day is on time or late for
      dayn as materialized (
        select i.organisation_id as org, ${vnDay('i.published_at')} as day, count(*)::int as n from press_items i
        where i.status in (${counting}) and i.published_at is not null
          ${keys ? sql`and i.organisation_id in (select id from org union all select member from pred)` : sql``}
        group by 1, 2),
      dmap as (
        select d.day, p.pn, d.day > p.last_day as late from (select distinct day from dayn) d
        join p on d.day >= p.first_day and d.day <= p.last_day + ${settings.graceDays}::int),
      orgp as materialized (
        select dn.org, dm.pn, sum(dn.n) filter (where not dm.late)::int as on_time, sum(dn.n) filter (where dm.late)::int as late
        from dayn dn join dmap dm on dm.day = dn.day group by 1, 2),
      -- what predecessors add (few)
      predc as (
        select r.pn, r.root, sum(x.on_time)::int as on_time, sum(x.late)::int as late, array_agg(r.member order by r.member) as preds
        from pred r left join orgp x on x.org = r.member and x.pn = r.pn group by 1, 2),
      sp as (
        select e.pn, e.id, min(s.id) as sid from exp e join press_spokespersons s on s.organisation_id = e.id
          and s.valid_from <= e.last_day and (s.valid_to is null or s.valid_to >= e.last_day)
        group by 1, 2),
      t as (
        select e.*, sp.sid, coalesce(x.on_time, 0) + coalesce(r.on_time, 0) as on_time, coalesce(x.late, 0) + coalesce(r.late, 0) as late, r.preds
        from exp e
        left join orgp x on x.org = e.id and x.pn = e.pn
        left join predc r on r.pn = e.pn and r.root = e.id
        left join sp on sp.pn = e.pn and sp.id = e.id)
    select 'T1', id, 'organisation', id, pid, first_day, last_day, sid is not null and (on_time > 0 or late > 0), true, false, id, sort_key,
      jsonb_build_object('s', sid, 'i', case when on_time > 0 then 'on_time' when late > 0 then 'late' else 'missing' end,
        'n', case when on_time > 0 then on_time else late end)
        || case when preds is null then '{}'::jsonb else jsonb_build_object('p', to_jsonb(preds)) end
    from t`;
}

/** A T1 record as far as its items go: the agency and what its fact keeps. */
type Behind = { id: number; info: T1Info | null };

/** The first items (ITEMS_LISTED) behind each record, on time ones (late ones when none were on time), the agency's
 *  own first and then its predecessors' (the old provider's expand, computeT1's itemIds). */
async function itemsBehind(db: Db, records: Behind[], period: Period, graceDays: number) {
  const out = new Map<number, { id: number; title: string }[]>();
  const members = (r: Behind) => [r.id, ...(r.info?.p ?? [])];
  const withItems = records.filter((r) => r.info && r.info.i !== 'missing');
  const orgs = [...new Set(withItems.flatMap(members))];
  if (!orgs.length) return out;
  const graceEnd = new Date(period.end.getTime() + graceDays * 86_400_000);
  const found = await rows<{ id: number; title: string; org: number; on_time: boolean }>(
    db,
    sql`
    select id, title, org, on_time from (
      select id, title, organisation_id as org, published_at < ${period.end} as on_time,
        row_number() over (partition by organisation_id, published_at < ${period.end} order by published_at, id) as rn
      from press_items
      where organisation_id = any(${intArray(orgs)}::int[]) and status in (${counting})
        and published_at >= ${period.start} and published_at < ${graceEnd}) x
    where rn <= ${ITEMS_LISTED} order by org, rn`,
  );
  const byOrg = new Map<string, { id: number; title: string }[]>();
  for (const x of found) {
    const k = `${x.org}:${x.on_time}`;
    const list = byOrg.get(k) ?? [];
    list.push({ id: Number(x.id), title: x.title });
    byOrg.set(k, list);
  }
  for (const r of withItems)
    out.set(
      r.id,
      members(r)
        .flatMap((m) => byOrg.get(`${m}:${r.info!.i === 'on_time'}`) ?? [])
        .slice(0, ITEMS_LISTED),
    );
  return out;
}

/** computeT1's rows for a standard period of FACT_YEARS, read from the facts (brought up to date first). */
export async function complianceRowsFromFacts(
  db: Db,
  period: Period,
  q: { provinceCode?: string; orgKind?: string },
  graceDays: number,
): Promise<ComplianceRow[]> {
  await syncFacts(db);
  const found = await rows<{
    id: number;
    counts: boolean;
    info: T1Info;
    code: string;
    name_vi: string;
    kind: string;
    province_code: string | null;
    province_map: '63' | '34' | null;
  }>(
    db,
    sql`
    select f.rec_id::int as id, f.counts, f.info, o.code, o.name_vi, o.kind, u.code as province_code, u.map_version as province_map
    from indicator_facts f join organisations o on o.id = f.rec_id left join admin_units u on u.id = o.province_unit_id
    where f.ind = 'T1' and f.period_id = ${period.id}
      ${q.provinceCode ? sql`and u.code = ${q.provinceCode}` : sql``} ${q.orgKind ? sql`and o.kind = ${q.orgKind}` : sql``}`,
  );
  const items = await itemsBehind(
    db,
    found.map((r) => ({ id: Number(r.id), info: r.info })),
    period,
    graceDays,
  );
  return found.map((r) => ({
    organisationId: Number(r.id),
    code: r.code,
    nameVi: r.name_vi,
    kind: r.kind,
    provinceCode: r.province_code,
    provinceMap: r.province_map,
    spokespersonId: r.info.s,
    information: r.info.i,
    itemIds: (items.get(Number(r.id)) ?? []).map((x) => x.id),
    itemCount: r.info.n,
    predecessorIds: r.info.p ?? [],
    compliant: r.counts,
  }));
}

/** Whether a period has facts (a standard period of FACT_YEARS). */
export const hasFacts = (periodId: string | null): boolean => periodId !== null && factPeriods().some((p) => p.id === periodId);

export const t1Facts: FactIndicator = {
  id: 'T1',
  mode: 'period',
  async describe(db, facts, span) {
    const { graceDays } = await getReportingSettings(db);
    const items = await itemsBehind(
      db,
      facts.map((f) => ({ id: Number(f.rec_id), info: f.info as T1Info | null })),
      parsePeriodId(span.periodId),
      graceDays,
    );
    return new Map(
      facts.map((f) => {
        const info = (f.info ?? { s: null, i: 'missing', n: 0 }) as T1Info;
        const id = Number(f.rec_id);
        return [
          id,
          {
            label: f.org_name ?? `#${id}`,
            detail: t1Detail(info.s !== null, info.i, info.n),
            href: t1Href(span.periodId, id),
            related: (items.get(id) ?? []).map((x) => ({ type: 'press_item', id: x.id, label: x.title, href: `/press?item=${x.id}` })),
          },
        ];
      }),
    );
  },
};

export const pressFactSource: FactSource = {
  name: 'press',
  indicators: [t1Facts],
  refresh: refreshT1,
};
