// Indicator facts: each module keeps its contribution to each target as small rows in `indicator_facts`, maintained
// from its records, and every figure, breakdown, trend and drill-down page is an SQL aggregate over them.
//
// How the facts stay exact (one way for all modules):
//  1. Triggers on the module's tables write the keys whose facts may change into `indicator_dirty`, in the same
//     transaction as the records (migrations; the generic `rh_mark_dirty(source, key column)`), so no write path —
//     API, import, CLI, seed, job, a later hand-written statement — can forget them.
//  2. Before any figure is read, `syncFacts` takes the committed dirty keys of each source under an advisory lock and
//     has the module rewrite the facts of those keys with set-based SQL (`FactSource.refresh`), then bumps the source's
//     version. A figure read after a committed write therefore includes it, on every server copy; copies refreshing at
//     the same moment wait for each other rather than read half-written facts.
//  3. Computed figures are cached under the versions of their source and of 'places' (organisations, units): a write
//     to one module recomputes only that module's targets.
//
// A fact is one record behind one indicator. The indicator's mode says how a span of days selects it:
//   'period'  facts kept per reporting period (period_id = the span's period): T1, T5b, T5c
//   'dated'   the record is dated on d_from; selected when d_from lies in the span: T4b, T5a
//   'asof'    the fact holds on the days [d_from, d_to] (d_to null: open); selected when it holds on the span's last
//             day: coverage-style targets (T2, T3, T4a, T6) keep one fact per stretch of time their record is unchanged
//   'overlap' selected when [d_from, d_to] meets the span
// Whatever the mode, a record has at most one fact selected by any span (the modules keep them so; the oracle tests
// check it), so figures are plain filtered counts. A fact is placed by unit_id (admin_units) or else by its
// organisation's unit, and filtered by organisation (org_id, or any of org_ids when set) and kind at query time.
//
// Frozen facts (a period close, cycle module): `freezeFacts` copies the facts a span selects, with the place and kind
// they had, into indicator_frozen_facts under a freeze id; a span carrying `freeze` is then read from those rows by
// the same queries (official figures, their breakdowns and drill-down), and `diffFrozen` lists the records whose live
// facts differ from the frozen ones (revised since the official figure).
import { sql, type SQL } from 'drizzle-orm';
import type { Bilingual, Breakdown, IndicatorId } from '../../../shared/contracts/indicators.js';
import { rows, textArray, type Db } from '../../kernel/db.js';
import type { DrillRow, RelatedRecord, Span } from './indicators.registry.js';

export type FactMode = 'period' | 'dated' | 'asof' | 'overlap';

/** A fact as the drill-down reads it. */
export type FactRow = {
  rec_type: string;
  rec_id: number;
  counts: boolean;
  in_den: boolean;
  pending: boolean;
  unit_id: number | null;
  org_id: number | null;
  org_ids: number[] | null;
  dims: string[];
  counts_in: string[] | null;
  sort_key: string;
  info: Record<string, unknown> | null;
  period_id: string | null;
  d_from: string;
  d_to: string | null;
  org_name: string | null;
  org_kind: string | null;
};

/** What a drill-down shows of one record beside its counts, place and organisation. */
export type Described = { label: string; detail: Bilingual | null; href: string | null; related?: RelatedRecord[] };

export interface FactIndicator {
  id: IndicatorId;
  mode: FactMode;
  /** Breakdowns whose rows each count something else (T4b's parts): a record counts in row k when `b:k` is in counts_in. */
  countsInBreakdowns?: Breakdown[];
  /** Labels of the indicator's own breakdown keys. */
  dimLabel?(breakdown: Breakdown, key: string): Bilingual;
  /** Labels read from the database (e.g. organisers' names), for the keys of one breakdown. */
  dimLabels?(db: Db, breakdown: Breakdown, keys: string[]): Promise<Map<string, Bilingual>>;
  /** The texts of one drill-down page's records, by rec_id (the span and row the page is for). */
  describe(db: Db, facts: FactRow[], span: Span, row: DrillRow): Promise<Map<number, Described>>;
}

export interface FactSource {
  /** The name the triggers write into indicator_dirty.source. */
  name: string;
  indicators: FactIndicator[];
  /** Rewrites, in the caller's transaction, the facts of every indicator of the source for `keys` (null: all keys):
   *  deletes the facts with src in keys and inserts them again from the records, set-based. */
  refresh(db: Db, keys: number[] | null): Promise<void>;
}

// ---------------------------------------------------------------- registry

const sources: FactSource[] = [];

/** Registers a module's fact source (modules/factSources.ts does it for every module at import). */
export function registerFactSource(source: FactSource): void {
  if (!sources.some((s) => s.name === source.name)) sources.push(source);
}
export const factSources = (): readonly FactSource[] => sources;
/** Puts a source first (tests: a fake source in place of a module's); returns the undo. */
export function overrideFactSource(source: FactSource): () => void {
  sources.unshift(source);
  overrides.add(source);
  return () => {
    sources.splice(sources.indexOf(source), 1);
    overrides.delete(source);
  };
}
const overrides = new Set<FactSource>();
/** Whether a source was put in place by a test (it then stands for its targets whatever their providers). */
export const isOverride = (source: FactSource): boolean => overrides.has(source);
export const factIndicatorOf = (id: IndicatorId): { source: FactSource; indicator: FactIndicator } | undefined => {
  for (const source of sources) {
    const indicator = source.indicators.find((i) => i.id === id);
    if (indicator) return { source, indicator };
  }
  return undefined;
};

// ---------------------------------------------------------------- keeping the facts current

/** Two-key advisory lock namespace of the fact refresh ("RHfa"). */
const LOCK_SPACE = 0x52486661;

/** How many dirty keys make a refresh rebuild the whole source instead. */
const FULL_REFRESH_KEYS = 50_000;

/** Rewrites the facts of one source's dirty keys, if any were committed; bumps its version when it did. */
async function refreshSource(db: Db, name: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_SPACE}::int, hashtext(${name}))`);
    const [pending] = await rows<{ n: number; whole: boolean | null }>(
      tx,
      sql`select count(*)::int as n, bool_or(key is null) as whole
      from indicator_dirty where source = ${name}`,
    );
    if (!pending?.n) return; // another copy refreshed them while this one waited
    const source = sources.find((s) => s.name === name);
    // Past a bulk load's worth of keys, one rebuild of everything is cheaper than a lookup per key (and the keys are
    // not read back): rows committed after the count are rebuilt too, since each statement of the rebuild sees them.
    const all = Boolean(pending.whole) || Number(pending.n) > FULL_REFRESH_KEYS;
    let keys: number[] = [];
    if (all) await tx.execute(sql`delete from indicator_dirty where source = ${name}`);
    else {
      const taken = await rows<{ key: string | number }>(tx, sql`delete from indicator_dirty where source = ${name} returning key`);
      keys = [...new Set(taken.map((t) => Number(t.key)))];
    }
    if (source) {
      await source.refresh(tx, all ? null : keys);
      // A rebuild rewrites a source's facts wholesale: the planner needs their new statistics at once (PGlite has no
      // autovacuum; on PostgreSQL it comes later), else it plans the figures' joins for a handful of rows (3x slower
      // at 450,000 T2 facts).
      if (all) await tx.execute(sql`analyze indicator_facts`);
    }
    await tx.execute(sql`insert into indicator_fact_versions (source, version) values (${name}, 1)
      on conflict (source) do update set version = indicator_fact_versions.version + 1`);
  });
}

/** Rewrites the facts of every source with committed dirty keys; returns how many sources had some. */
export async function refreshDirty(db: Db): Promise<number> {
  // One index probe per registered source (a few), not a scan of the table (which a bulk load leaves full of dead rows);
  // a source taken out (tests) keeps its keys until it is back.
  const names = [...sources.map((x) => x.name), 'places'];
  const dirty = await rows<{ source: string }>(
    db,
    sql`select s as source from unnest(${textArray(names)}) as s
    where exists (select 1 from indicator_dirty d where d.source = s)`,
  );
  for (const d of dirty) await refreshSource(db, d.source);
  return dirty.length;
}

/** Brings every source's facts up to date with the committed records and returns the versions (source → version). */
export async function syncFacts(db: Db): Promise<Map<string, number>> {
  await refreshDirty(db);
  const v = await rows<{ source: string; version: string | number }>(db, sql`select source, version from indicator_fact_versions`);
  return new Map(v.map((x) => [x.source, Number(x.version)]));
}

/** Rebuilds every source's facts from its records (after a bulk load that bypassed nothing but wants them now). */
export async function refreshAllFacts(db: Db, only?: string[]): Promise<void> {
  for (const s of sources) {
    if (only && !only.includes(s.name)) continue;
    await db.execute(sql`insert into indicator_dirty (source, key) values (${s.name}, null)`);
  }
  await syncFacts(db);
}

/** Replaces the facts of `keys` (null: all) of the given indicators: the delete half of every refresh. */
export async function deleteFacts(db: Db, indicators: IndicatorId[], keys: number[] | null): Promise<void> {
  const inds = sql.join(
    indicators.map((i) => sql`${i}`),
    sql`, `,
  );
  if (keys === null) await db.execute(sql`delete from indicator_facts where ind in (${inds})`);
  else if (keys.length)
    await db.execute(sql`delete from indicator_facts where ind in (${inds}) and src = any(${`{${keys.join(',')}}`}::bigint[])`);
}

// ---------------------------------------------------------------- querying

export type FactScope = { map: '34' | '63'; province: string | null; orgKind: string | null; organisationId: number | null };
/** A span of days (its period id, first and last day); `freeze`: read the facts frozen under that id instead of the live ones. */
export type SpanRef = { pid: string; firstDay: string; lastDay: string; freeze?: number };
export type Tally = { numerator: number; denominator: number | null; value: number | null; pending?: number };

/** The spans as a VALUES list s(pid, first, last), joined to the facts each selects, with their organisation and place
 *  (o: kind, name_vi; pl: unit_id, map, p34, p63). Frozen spans (all of `spans` share one freeze) read the frozen rows
 *  and the place and kind frozen with them. */
function base(ind: FactIndicator, spans: SpanRef[]): SQL {
  const values = sql.join(
    spans.map((s) => sql`(${s.pid}::text, ${s.firstDay}::date, ${s.lastDay}::date)`),
    sql`, `,
  );
  const freeze = spans[0]?.freeze;
  if (freeze !== undefined) {
    return sql`(values ${values}) as s(pid, first, last)
      join indicator_frozen_facts f on f.freeze_id = ${freeze}::int and f.ind = ${ind.id} and f.pid = s.pid
      cross join lateral (select f.o_kind as kind, f.o_name as name_vi) o
      cross join lateral (select f.pl_unit_id as unit_id, f.pl_map as map, f.pl_p34 as p34, f.pl_p63 as p63) pl`;
  }
  const cond = {
    period: sql`f.period_id = s.pid`,
    dated: sql`f.d_from between s.first and s.last`,
    asof: sql`f.d_from <= s.last and (f.d_to is null or f.d_to >= s.last)`,
    overlap: sql`f.d_from <= s.last and (f.d_to is null or f.d_to >= s.first)`,
  }[ind.mode];
  return sql`(values ${values}) as s(pid, first, last)
    join indicator_facts f on f.ind = ${ind.id} and ${cond}
    left join organisations o on o.id = f.org_id
    left join indicator_places pl on pl.unit_id = coalesce(f.unit_id, o.province_unit_id)`;
}

/** The scope's filters (organisation, kind, province); `frozen`: over frozen rows (their organisations' kinds kept). */
function scopeWhere(s: FactScope, frozen = false): SQL {
  const parts: SQL[] = [sql`true`];
  if (s.organisationId)
    parts.push(sql`(case when f.org_ids is null then f.org_id = ${s.organisationId} else ${s.organisationId}::int = any(f.org_ids) end)`);
  if (s.orgKind) {
    parts.push(
      frozen
        ? sql`(case when f.org_ids is null then o.kind = ${s.orgKind} else ${s.orgKind}::text = any(coalesce(f.o_kinds, '{}')) end)`
        : sql`(case when f.org_ids is null then o.kind = ${s.orgKind}
      else exists (select 1 from organisations k where k.id = any(f.org_ids) and k.kind = ${s.orgKind}) end)`,
    );
  }
  if (s.province) parts.push(s.map === '34' ? sql`pl.p34 = ${s.province}` : sql`${s.province}::text = any(pl.p63)`);
  return sql.join(parts, sql` and `);
}

/** The tally columns for one set of facts; `counts` is the expression saying whether a fact counts. */
function tallyColumns(unit: 'count' | 'percent', counts: SQL = sql`f.counts`): SQL {
  return unit === 'count'
    ? sql`count(*) filter (where ${counts})::int as num, 0 as den, 0 as pend`
    : sql`count(*) filter (where f.in_den and ${counts})::int as num, count(*) filter (where f.in_den)::int as den,
      count(*) filter (where f.in_den and f.pending and not ${counts})::int as pend`;
}

type TallyRow = { num: number; den: number; pend: number };
export function toTally(unit: 'count' | 'percent', r: TallyRow | undefined, withPending: boolean): Tally {
  const num = Number(r?.num ?? 0),
    den = Number(r?.den ?? 0);
  if (unit === 'count') return { numerator: num, denominator: null, value: num };
  return { numerator: num, denominator: den, value: den ? num / den : null, ...(withPending ? { pending: Number(r?.pend ?? 0) } : {}) };
}

const isFrozen = (spans: SpanRef[]) => spans[0]?.freeze !== undefined;

/** The figure of each span (a trend and its current period in one grouped query; one more per freeze among them). */
export async function tallyBySpan(
  db: Db,
  ind: FactIndicator,
  unit: 'count' | 'percent',
  spans: SpanRef[],
  scope: FactScope,
): Promise<Map<string, TallyRow>> {
  const groups = new Map<number | undefined, SpanRef[]>();
  for (const sp of spans) groups.set(sp.freeze, [...(groups.get(sp.freeze) ?? []), sp]);
  const out = new Map<string, TallyRow>();
  for (const group of groups.values()) {
    const r = await rows<TallyRow & { pid: string }>(
      db,
      sql`select s.pid, ${tallyColumns(unit)} from ${base(ind, group)} where ${scopeWhere(scope, isFrozen(group))} group by s.pid`,
    );
    for (const x of r) out.set(x.pid, x);
  }
  return out;
}

/** Tallies of one span by place unit and organisation kind: the province and kind breakdowns are sums of these. */
export async function tallyByUnitAndKind(db: Db, ind: FactIndicator, unit: 'count' | 'percent', span: SpanRef, scope: FactScope) {
  return rows<TallyRow & { unit_id: number | null; map: string | null; p34: string | null; p63: string[] | null; kind: string | null }>(
    db,
    sql`
    select pl.unit_id, pl.map, pl.p34, pl.p63, o.kind, ${tallyColumns(unit)}
    from ${base(ind, [span])} where ${scopeWhere(scope, isFrozen([span]))}
    group by pl.unit_id, pl.map, pl.p34, pl.p63, o.kind`,
  );
}

/** Tallies of one span by the keys of the indicator's own breakdowns (dims 'breakdown:key'). */
export async function tallyByDim(
  db: Db,
  ind: FactIndicator,
  unit: 'count' | 'percent',
  span: SpanRef,
  scope: FactScope,
  breakdowns: Breakdown[],
) {
  if (!breakdowns.length) return [];
  const via = ind.countsInBreakdowns ?? [];
  const counts = via.length
    ? sql`(case when split_part(d, ':', 1) in (${sql.join(
        via.map((b) => sql`${b}`),
        sql`, `,
      )}) then d = any(coalesce(f.counts_in, '{}')) else f.counts end)`
    : sql`f.counts`;
  return rows<TallyRow & { b: string; k: string }>(
    db,
    sql`
    select split_part(d, ':', 1) as b, substr(d, strpos(d, ':') + 1) as k, ${tallyColumns(unit, counts)}
    from ${base(ind, [span])} cross join lateral unnest(f.dims) as d
    where ${scopeWhere(scope, isFrozen([span]))} and split_part(d, ':', 1) in (${sql.join(
      breakdowns.map((b) => sql`${b}`),
      sql`, `,
    )})
    group by 1, 2`,
  );
}

export type DrillPartName = 'numerator' | 'denominator' | 'gap' | 'pending';

/** One page of the facts behind a figure (or a breakdown row), in the indicator's order (sort_key, rec_id), with the
 *  total; `after` is the keyset cursor of the previous page's last record. */
export async function drillFacts(
  db: Db,
  ind: FactIndicator,
  unit: 'count' | 'percent',
  span: SpanRef,
  scope: FactScope,
  q: {
    part: DrillPartName;
    breakdown: Breakdown | null;
    key: string | null;
    limit: number;
    offset: number;
    after?: { sortKey: string; recId: number } | null;
  },
) {
  const conds: SQL[] = [scopeWhere(scope, isFrozen([span]))];
  let counts = sql`f.counts`;
  if (q.breakdown && q.key !== null) {
    const b = q.breakdown,
      k = q.key;
    if (b === 'province')
      conds.push(k === '_none' ? sql`pl.unit_id is null` : scope.map === '34' ? sql`pl.p34 = ${k}` : sql`${k}::text = any(pl.p63)`);
    else if (b === 'orgKind') conds.push(sql`coalesce(o.kind, '_none') = ${k}`);
    else conds.push(sql`${`${b}:${k}`}::text = any(f.dims)`);
    if ((ind.countsInBreakdowns ?? []).includes(b)) counts = sql`(${`${b}:${k}`}::text = any(coalesce(f.counts_in, '{}')))`;
  }
  if (unit === 'percent') conds.push(sql`f.in_den`);
  if (q.part === 'numerator') conds.push(counts);
  else if (q.part === 'gap') conds.push(sql`not ${counts}`);
  else if (q.part === 'pending') conds.push(sql`f.pending and not ${counts}`);
  const where = sql.join(conds, sql` and `);
  const keyset = q.after ? sql`and (f.sort_key, f.rec_id) > (${q.after.sortKey}::text, ${q.after.recId}::bigint)` : sql``;
  const [page, total] = await Promise.all([
    rows<FactRow & { row_counts: boolean; map: string | null; p34: string | null; p63: string[] | null }>(
      db,
      sql`
      select f.rec_type, f.rec_id::int as rec_id, f.counts, f.in_den, f.pending, f.unit_id, f.org_id, f.org_ids, f.dims, f.counts_in, f.sort_key, f.info,
        f.period_id, f.d_from::text as d_from, f.d_to::text as d_to, o.name_vi as org_name, o.kind as org_kind, ${counts} as row_counts, pl.map, pl.p34, pl.p63
      from ${base(ind, [span])} where ${where} ${keyset}
      order by f.sort_key, f.rec_id limit ${q.limit} offset ${q.after ? 0 : q.offset}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from ${base(ind, [span])} where ${where}`),
  ]);
  return { page, total: Number(total[0]?.n ?? 0) };
}

// ---------------------------------------------------------------- frozen facts (official figures)

/** Copies the facts `span` selects for one indicator, with their organisation's kind and name and their place as they
 *  are now, under `freeze` (one statement); returns how many were copied. */
export async function freezeFacts(db: Db, freeze: number, ind: FactIndicator, span: SpanRef): Promise<number> {
  const r = await rows<{ n: number }>(
    db,
    sql`with ins as (
    insert into indicator_frozen_facts (freeze_id, ind, pid, rec_type, rec_id, period_id, d_from, d_to, counts, in_den, pending, unit_id, org_id,
      org_ids, dims, counts_in, sort_key, info, o_kind, o_name, o_kinds, pl_unit_id, pl_map, pl_p34, pl_p63)
    select ${freeze}::int, f.ind, s.pid, f.rec_type, f.rec_id, f.period_id, f.d_from, f.d_to, f.counts, f.in_den, f.pending, f.unit_id, f.org_id,
      f.org_ids, f.dims, f.counts_in, f.sort_key, f.info, o.kind, o.name_vi,
      case when f.org_ids is null then null else (select array_agg(distinct k.kind) from organisations k where k.id = any(f.org_ids)) end,
      pl.unit_id, pl.map, pl.p34, pl.p63
    from ${base(ind, [{ ...span, freeze: undefined }])}
    returning 1) select count(*)::int as n from ins`,
  );
  return Number(r[0]?.n ?? 0);
}

/** What one record's fact says, compared between the frozen and the live facts. */
const DIFF_COLUMNS = ['counts', 'in_den', 'pending', 'unit_id', 'org_id', 'org_ids', 'dims', 'counts_in'] as const;
export type DiffRow = FactRow & { change: 'added' | 'removed' | 'changed'; official_counts: boolean | null; live_counts: boolean | null };

/** The records behind a frozen span whose facts differ from the live facts of the same span, in the scope (each
 *  side filtered by its own places): added (live only), removed (frozen only) or changed. A page of them in the
 *  indicator's order, with the total; `limit` 0 counts only. */
export async function diffFrozen(
  db: Db,
  ind: FactIndicator,
  span: SpanRef & { freeze: number },
  scope: FactScope,
  page: { limit: number; offset: number },
) {
  const side = (
    frozen: boolean,
  ) => sql`select f.rec_type, f.rec_id, f.period_id, f.d_from, f.d_to, f.sort_key, f.info, o.name_vi as org_name, o.kind as org_kind,
      ${sql.join(
        DIFF_COLUMNS.map((c) => sql.raw(`f.${c}`)),
        sql`, `,
      )}
    from ${base(ind, [frozen ? span : { ...span, freeze: undefined }])} where ${scopeWhere(scope, frozen)}`;
  const differs = sql.join(
    DIFF_COLUMNS.map((c) => sql.raw(`l.${c} is distinct from z.${c}`)),
    sql` or `,
  );
  const pick = (c: string) => sql.raw(`coalesce(l.${c}, z.${c}) as ${c}`);
  const diff = sql`with l as materialized (${side(false)}), z as materialized (${side(true)})
    select ${sql.join(['rec_type', 'rec_id', 'period_id', 'd_from', 'd_to', 'sort_key', 'info', 'org_name', 'org_kind', 'unit_id', 'org_id', 'org_ids', 'dims', 'counts_in'].map(pick), sql`, `)},
      coalesce(l.counts, z.counts) as counts, coalesce(l.in_den, z.in_den) as in_den, coalesce(l.pending, z.pending) as pending,
      case when z.rec_id is null then 'added' when l.rec_id is null then 'removed' else 'changed' end as change,
      z.counts as official_counts, l.counts as live_counts
    from l full join z on z.rec_type = l.rec_type and z.rec_id = l.rec_id
    where l.rec_id is null or z.rec_id is null or ${differs}`;
  const [total] = await rows<{ n: number }>(db, sql`select count(*)::int as n from (${diff}) d`);
  const list =
    page.limit > 0
      ? await rows<DiffRow>(
          db,
          sql`select d.*, d.rec_id::int as rec_id, d.d_from::text as d_from, d.d_to::text as d_to from (${diff}) d
        order by d.sort_key, d.rec_id limit ${page.limit} offset ${page.offset}`,
        )
      : [];
  return { total: Number(total?.n ?? 0), rows: list };
}

/** The organisations with records in a span of days: behind a fact of any target that starts in it (a dated record,
 *  or a record's stretch of time: created or changed then), or behind a counting fact of one of `periodIds` (targets
 *  kept per period, e.g. T1: an agency that gave information in it). Brought up to date first. */
export async function organisationsWithFacts(db: Db, firstDay: string, lastDay: string, periodIds: string[]): Promise<number[]> {
  await syncFacts(db);
  const r = await rows<{ org: number }>(
    db,
    sql`select distinct x.org from indicator_facts f
    cross join lateral unnest(case when f.org_ids is null then array[f.org_id] else f.org_ids end) as x(org)
    where x.org is not null and ((f.period_id is null and f.d_from between ${firstDay}::date and ${lastDay}::date)
      or (f.period_id = any(${textArray(periodIds)}) and f.counts))`,
  );
  return r.map((x) => Number(x.org));
}
