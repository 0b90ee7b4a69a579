// The indicators service: definitions with their trajectories, figures for any period and scope, breakdowns,
// status against the trajectory, trends, drill-down to the records, and the office's settings.
// Figures are computed from the providers' records. Records of a span are cached and the cache is keyed by
// the newest audit-log id: every write of every module records an audit entry in its own transaction, so any
// write makes the next read recompute — exact, kept current by the writes, shared by nothing but the database.
import { eq, inArray } from 'drizzle-orm';
import { ORG_KINDS, type OrgKind } from '../../../shared/contracts/directory.js';
import {
  DrillQuery,
  IndicatorScope,
  IndicatorSettingsInput,
  INDICATOR_IDS,
  TrajectoryPoint,
  type Bilingual,
  type Breakdown,
  type DashboardResult,
  type DrillRecord,
  type DrillResult,
  type FigureRow,
  type IndicatorDefinition,
  type IndicatorFigure,
  type IndicatorId,
  type IndicatorStatus,
  type IndicatorUnit,
  type TargetSpec,
} from '../../../shared/contracts/indicators.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { makePeriod, parsePeriodId, periodContaining, vnMidnight, vnDate, type Period } from '../../kernel/periods.js';
import { parseInput } from '../../kernel/validate.js';
import { indicatorProviders } from '../providers.js';
import '../factSources.js';
import { adminUnitCrosswalk, adminUnits } from '../directory/directory.tables.js';
import { DEFINITIONS, definitionText, STATUS_RULE, targetLabel, type StaticDefinition } from './indicators.definitions.js';
import {
  diffFrozen,
  drillFacts,
  factIndicatorOf,
  freezeFacts,
  isOverride,
  syncFacts,
  tallyBySpan,
  tallyByDim,
  tallyByUnitAndKind,
  toTally,
  type FactIndicator,
  type FactScope,
  type SpanRef,
} from './indicators.facts.js';
import { summariseStatuses } from './indicators.summary.js';
import { changedSince, writeStamp, type IndicatorProvider, type IndicatorRecord, type Span } from './indicators.registry.js';
import { indicatorFreezes, indicatorFrozenFacts, indicatorSettings } from './indicators.tables.js';
import { breakdownLabel } from '../../../shared/labels.js';

export const PROGRAMME_START_YEAR = 2023;
export const PROGRAMME_END_YEAR = 2028;
const PROGRAMME_START = vnMidnight(PROGRAMME_START_YEAR, 1);

const providerOf = (id: IndicatorId): IndicatorProvider | undefined => indicatorProviders.find((p) => p.id === id);
/** The providers as the modules registered them: a target's facts stand in for its module's own provider only, so a
 *  provider taken out or put in its place at run time (tests) is what the target then has ("no data source yet" or
 *  that provider's records). */
const registeredProviders = new Map(indicatorProviders.map((p) => [p.id, p]));
const factsOf = (id: IndicatorId) => {
  const fi = factIndicatorOf(id);
  return fi && (isOverride(fi.source) || providerOf(id) === registeredProviders.get(id)) ? fi : undefined;
};
const staticOf = (id: IndicatorId): StaticDefinition => DEFINITIONS.find((d) => d.id === id)!;

// ---------------------------------------------------------------- geography (both maps, crosswalk)

type Geo = {
  names: Record<'34' | '63', Map<string, Bilingual>>;
  to34: Map<string, string>; // 63-unit code → 34-unit code
  to63: Map<string, string[]>; // 34-unit code → the former units it was formed from
};
const geoCache = new WeakMap<Db, Geo>();

export async function loadGeo(db: Db): Promise<Geo> {
  const hit = geoCache.get(db);
  if (hit) return hit;
  const units = await db
    .select({ id: adminUnits.id, map: adminUnits.mapVersion, code: adminUnits.code, vi: adminUnits.nameVi, en: adminUnits.nameEn })
    .from(adminUnits)
    .orderBy(adminUnits.code);
  const cw = await db.select().from(adminUnitCrosswalk);
  const byId = new Map(units.map((u) => [u.id, u]));
  const geo: Geo = { names: { '34': new Map(), '63': new Map() }, to34: new Map(), to63: new Map() };
  for (const u of units) geo.names[u.map as '34' | '63'].set(u.code, { vi: u.vi, en: u.en });
  for (const c of cw) {
    const o = byId.get(c.oldUnitId)!,
      n = byId.get(c.newUnitId)!;
    geo.to34.set(o.code, n.code);
    geo.to63.set(n.code, [...(geo.to63.get(n.code) ?? []), o.code].sort());
  }
  if (units.length) geoCache.set(db, geo); // an empty table (before reference loading) is not cached
  return geo;
}

/** Where a record lies on a map: its units there, and whether they are attributed (a record of a merged province
 *  on the old map counts for each of its former units). */
export function placeOn(geo: Geo, unit: IndicatorRecord['unit'], map: '34' | '63'): { codes: string[]; attributed: boolean } {
  if (!unit) return { codes: [], attributed: false };
  if (unit.map === map) return { codes: [unit.code], attributed: false };
  if (map === '34') return { codes: [geo.to34.get(unit.code) ?? unit.code], attributed: false };
  const former = geo.to63.get(unit.code) ?? [];
  return { codes: former, attributed: former.length > 1 }; // an unmerged province is the same unit on both maps
}

// ---------------------------------------------------------------- scope and spans

type Resolved = {
  period: Period & { id: string };
  map: '34' | '63';
  province: string | null;
  orgKind: OrgKind | null;
  organisationId: number | null;
};

function resolveScope(input: unknown, now = new Date()): Resolved {
  const s = parseInput(IndicatorScope, input ?? {});
  const period = (s.period ? parsePeriodId(s.period) : periodContaining('yearly', now)) as Period & { id: string };
  if (period.start.getTime() < PROGRAMME_START.getTime() || period.start.getUTCFullYear() > PROGRAMME_END_YEAR + 1) {
    throw new AppError('validation_failed', `The period ${period.id} is outside the programme (2023–2028)`, [
      { field: 'period', message: 'must fall within 2023–2028' },
    ]);
  }
  return { period, map: s.map, province: s.province ?? null, orgKind: s.orgKind ?? null, organisationId: s.organisationId ?? null };
}

function spanOf(def: StaticDefinition, p: Period & { id: string }): Span {
  const start = def.cumulative ? PROGRAMME_START : p.start;
  return { start, end: p.end, firstDay: vnDate(start), lastDay: p.lastDay, periodId: p.id };
}

/** The periods a trend shows: the programme's years up to this one for a year, else the last six periods of its kind. */
function trendPeriods(p: Period & { id: string }, now = new Date()): (Period & { id: string })[] {
  const year = +p.lastDay.slice(0, 4);
  if (p.kind === 'yearly') {
    const last = Math.min(year, Math.max(PROGRAMME_START_YEAR, +vnDate(now).slice(0, 4)));
    return Array.from(
      { length: Math.max(1, last - PROGRAMME_START_YEAR + 1) },
      (_, i) => makePeriod('yearly', PROGRAMME_START_YEAR + i, 0) as Period & { id: string },
    );
  }
  const perYear = { monthly: 12, quarterly: 4, half_yearly: 2, yearly: 1 }[p.kind!];
  const index = +p.lastDay.slice(5, 7) / (12 / perYear) - 1; // 0-based index of the period in its year
  const out: (Period & { id: string })[] = [];
  for (let k = 5; k >= 0; k--) {
    const abs = year * perYear + index - k;
    const y = Math.floor(abs / perYear);
    if (y >= PROGRAMME_START_YEAR) out.push(makePeriod(p.kind!, y, abs % perYear) as Period & { id: string });
  }
  return out;
}

// ---------------------------------------------------------------- records, cached per write

type CacheEntry = { stamp: number; records: Promise<IndicatorRecord[]> };
const recordCache = new WeakMap<Db, Map<string, CacheEntry>>();
const MAX_CACHED = 300;

export { writeStamp };

/** Whether any audit entry in (from, to] may change a provider's records. */
const touched = (db: Db, provider: IndicatorProvider, from: number, to: number) => changedSince(db, provider.dependsOn, from, to);

async function recordsFor(db: Db, provider: IndicatorProvider, span: Span, stamp: number): Promise<IndicatorRecord[]> {
  let cache = recordCache.get(db);
  if (!cache) recordCache.set(db, (cache = new Map()));
  const key = `${provider.id}|${span.firstDay}|${span.lastDay}|${span.periodId}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.records;
  // Writes since the entry was computed that cannot change these records (another module's) keep it.
  if (hit && hit.stamp < stamp && !(await touched(db, provider, hit.stamp, stamp))) {
    hit.stamp = stamp;
    return hit.records;
  }
  const records = provider.records(db, span);
  cache.delete(key);
  cache.set(key, { stamp, records });
  records.catch(() => cache!.delete(key));
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return records;
}

function inScope(geo: Geo, s: Resolved, r: IndicatorRecord): boolean {
  if (s.orgKind && !(r.organisations ? r.organisations.some((o) => o.kind === s.orgKind) : r.orgKind === s.orgKind)) return false;
  if (
    s.organisationId &&
    !(r.organisations ? r.organisations.some((o) => o.id === s.organisationId) : r.organisationId === s.organisationId)
  )
    return false;
  if (s.province && !placeOn(geo, r.unit, s.map).codes.includes(s.province)) return false;
  return true;
}

type Tally = { numerator: number; denominator: number | null; value: number | null; pending?: number };
type Counts = (r: IndicatorRecord) => boolean;
const byCounts: Counts = (r) => r.counts;
/** Whether a record counts in one row of a breakdown (its `countsIn` for that breakdown, else `counts`). */
const countsInRow =
  (b: Breakdown, key: string): Counts =>
  (r) =>
    r.countsIn?.[b] ? r.countsIn[b]!.includes(key) : r.counts;

function tally(def: StaticDefinition, records: IndicatorRecord[], counts: Counts = byCounts): Tally {
  if (def.unit === 'count') {
    const n = records.filter(counts).length;
    return { numerator: n, denominator: null, value: n };
  }
  const den = records.filter((r) => r.inDenominator);
  const num = den.filter(counts).length;
  const pending = def.pendingLabel ? { pending: den.filter((r) => r.pending && !counts(r)).length } : {};
  return { numerator: num, denominator: den.length, value: den.length ? num / den.length : null, ...pending };
}

const NO_PROVINCE: Bilingual = { vi: 'Trung ương, nước ngoài hoặc không gắn tỉnh', en: 'Central, abroad or no province' };
/** Labels of the organisation kinds (the orgKind breakdown; the reports name a kind filter with them). */
export const KIND_LABELS: Record<string, Bilingual> = {
  ministry: { vi: 'Bộ, cơ quan ngang bộ', en: 'Ministry' },
  central_agency: { vi: 'Cơ quan trung ương khác', en: 'Other central agency' },
  provincial_committee: { vi: 'UBND tỉnh, thành phố', en: "Provincial People's Committee" },
  provincial_department: { vi: 'Sở, ngành cấp tỉnh', en: 'Provincial department' },
  press: { vi: 'Cơ quan báo chí', en: 'Press agency' },
  socio_political_central: { vi: 'Tổ chức chính trị - xã hội trung ương', en: 'Central socio-political organisation' },
  socio_political_provincial: { vi: 'Tổ chức chính trị - xã hội cấp tỉnh', en: 'Provincial socio-political organisation' },
  mission_abroad: { vi: 'Cơ quan đại diện ở nước ngoài', en: 'Mission abroad' },
  other: { vi: 'Khác', en: 'Other' },
};

/** Which records fall in one row of a breakdown. */
function rowMatcher(geo: Geo, s: Resolved, breakdown: Breakdown, key: string): (r: IndicatorRecord) => boolean {
  if (breakdown === 'province')
    return key === '_none' ? (r) => placeOn(geo, r.unit, s.map).codes.length === 0 : (r) => placeOn(geo, r.unit, s.map).codes.includes(key);
  if (breakdown === 'orgKind') return (r) => (r.orgKind ?? '_none') === key;
  return (r) => (r.dims?.[breakdown] ?? []).includes(key);
}

function breakdownRows(
  def: StaticDefinition,
  provider: IndicatorProvider,
  geo: Geo,
  s: Resolved,
  records: IndicatorRecord[],
): Partial<Record<Breakdown, FigureRow[]>> {
  const out: Partial<Record<Breakdown, FigureRow[]>> = {};
  for (const b of def.breakdowns) {
    if (b === 'province') {
      const groups = new Map<string, { recs: IndicatorRecord[]; attributed: boolean }>();
      for (const code of geo.names[s.map].keys()) groups.set(code, { recs: [], attributed: false });
      const none: IndicatorRecord[] = [];
      for (const r of records) {
        const place = placeOn(geo, r.unit, s.map);
        if (!place.codes.length) none.push(r);
        for (const c of place.codes) {
          const g = groups.get(c) ?? { recs: [], attributed: false };
          g.recs.push(r);
          g.attributed ||= place.attributed;
          groups.set(c, g);
        }
      }
      out.province = [...groups].map(([code, g]) => ({
        key: code,
        label: geo.names[s.map].get(code) ?? { vi: code, en: code },
        ...tally(def, g.recs),
        ...(g.attributed ? { attributed: true } : {}),
      }));
      if (none.length) out.province.push({ key: '_none', label: NO_PROVINCE, ...tally(def, none) });
    } else {
      const keys = new Map<string, IndicatorRecord[]>();
      for (const r of records) {
        const ks = b === 'orgKind' ? [r.orgKind ?? '_none'] : (r.dims?.[b] ?? []);
        for (const k of ks) {
          const list = keys.get(k);
          if (list) list.push(r);
          else keys.set(k, [r]);
        }
      }
      const order = b === 'orgKind' ? (k: string) => (ORG_KINDS as readonly string[]).indexOf(k) : () => 0;
      const label = (k: string, recs: IndicatorRecord[]): Bilingual =>
        (b === 'orgKind' ? KIND_LABELS[k] : undefined) ??
        recs.find((r) => r.dimLabels?.[b]?.[k])?.dimLabels?.[b]?.[k] ??
        provider.dimLabel?.(b, k) ??
        breakdownLabel(b, k);
      const rowsOf = [...keys].map(([k, recs]) => ({ key: k, label: label(k, recs), ...tally(def, recs, countsInRow(b, k)) }));
      // Organisers: the most records first, then by name; other breakdowns in their own order.
      out[b] =
        b === 'organiser'
          ? rowsOf.sort((x, y) => y.numerator - x.numerator || x.label.vi.localeCompare(y.label.vi, 'vi'))
          : rowsOf.sort((x, y) => order(x.key) - order(y.key) || x.key.localeCompare(y.key));
    }
  }
  return out;
}

// ---------------------------------------------------------------- definitions, trajectories, status

async function settingsMap(db: Db) {
  const rows = await db.select().from(indicatorSettings);
  return new Map(rows.map((r) => [r.indicatorId, r]));
}

/** Where the default trajectory leads from the baseline: the target, or for a band its nearer edge (a baseline already
 *  in the band stays where it is). */
export function trajectoryAim(target: TargetSpec, baseline: number): number {
  if (target.kind !== 'band') return target.value;
  return Math.min(target.max, Math.max(target.min, baseline));
}

function defaultBaseline(def: StaticDefinition): number {
  return def.target.kind === 'below' ? def.target.value : 0;
}

export function linearTrajectory(baseline: number, target: number): { year: number; value: number }[] {
  const span = PROGRAMME_END_YEAR - PROGRAMME_START_YEAR;
  return Array.from({ length: span + 1 }, (_, i) => ({
    year: PROGRAMME_START_YEAR + i,
    value: Math.round((baseline + ((target - baseline) * i) / span) * 10000) / 10000,
  }));
}

/** Figures for 2023 (national, no filter) as the default baselines, computed like any other figure. */
async function computedBaseline(db: Db, def: StaticDefinition, stamp: number, facts: FactState | null): Promise<number | null> {
  const p = makePeriod('yearly', PROGRAMME_START_YEAR, 0) as Period & { id: string };
  const fi = facts ? factsOf(def.id) : undefined;
  if (fi) {
    const national: Resolved = { period: p, map: '34', province: null, orgKind: null, organisationId: null };
    const geo = await loadGeo(db);
    return (await factFigure(db, def, fi.indicator, national, geo, spanOf(def, p), facts!.versionOf(fi.source.name))).tally.value;
  }
  const provider = providerOf(def.id);
  if (!provider) return null;
  const recs = await recordsFor(db, provider, spanOf(def, p), stamp);
  return tally(def, recs).value;
}

/** `facts`: the fact versions of the request (omitted: brought up to date here); null: the providers' records. */
export async function listDefinitions(db: Db, stamp?: number, facts?: FactState | null): Promise<IndicatorDefinition[]> {
  const st = stamp ?? (await writeStamp(db));
  const fs = facts === undefined ? await factState(db) : facts;
  const settings = await settingsMap(db);
  return Promise.all(
    DEFINITIONS.map(async (d) => {
      const s = settings.get(d.id);
      const provider = providerOf(d.id) ?? factsOf(d.id);
      const baseline = s?.baseline ?? null;
      // The computed 2023 figure is the default baseline, needed only for the default trajectory.
      const from = s?.trajectory ? 0 : (baseline ?? (await computedBaseline(db, d, st, fs)) ?? defaultBaseline(d));
      const trajectory = s?.trajectory ?? linearTrajectory(from, trajectoryAim(d.target, from));
      return {
        id: d.id,
        group: d.group,
        name: d.name,
        definition: definitionText(d.id),
        methodNote: d.methodNote,
        unit: d.unit,
        target: d.target,
        targetLabel: targetLabel(d.id),
        cumulative: d.cumulative,
        module: d.module,
        available: Boolean(provider),
        breakdowns: d.breakdowns,
        ...(d.pendingLabel ? { pendingLabel: d.pendingLabel } : {}),
        baseline,
        trajectory,
        trajectoryIsDefault: !s?.trajectory,
      };
    }),
  );
}

export function expectedFor(def: Pick<IndicatorDefinition, 'trajectory'>, lastDay: string): number | null {
  const year = Math.min(PROGRAMME_END_YEAR, Math.max(PROGRAMME_START_YEAR, +lastDay.slice(0, 4)));
  return def.trajectory.find((t) => t.year === year)?.value ?? null;
}

/** The status rule in STATUS_RULE, against the scope's target (`scopeTarget`); no target, no value or no expected value:
 *  no data. A band: on track inside the band or between the trajectory and the band (on the way in from either side);
 *  outside that corridor, at risk within the slack of its nearer end. */
export function statusOf(
  def: { unit: IndicatorUnit; target: TargetSpec | null },
  value: number | null,
  expected: number | null,
): IndicatorStatus {
  if (value === null || expected === null || !def.target) return 'no_data';
  const slack = def.unit === 'percent' ? 0.1 : expected * 0.1;
  const t = def.target;
  if (t.kind === 'band') {
    const lo = Math.min(expected, t.min),
      hi = Math.max(expected, t.max);
    const off = value < lo ? lo - value : value > hi ? value - hi : 0;
    return off === 0 ? 'on_track' : off <= slack + 1e-9 ? 'at_risk' : 'off_track';
  }
  if (t.kind === 'below') return value <= expected ? 'on_track' : value <= expected + slack ? 'at_risk' : 'off_track';
  return value >= expected ? 'on_track' : value >= expected - slack ? 'at_risk' : 'off_track';
}

/** The target a scope is judged against and its expected value for the period. The country, and any share in any
 *  scope: the decision's target on the trajectory. A province, for a count of provinces (T3): its own units on the
 *  63-unit map, expected the national trajectory's share of them (a whole number). A national count in any other
 *  scope: no target (the value is a contribution). */
export function scopeTarget(
  def: Pick<IndicatorDefinition, 'id' | 'unit' | 'target' | 'trajectory'>,
  s: { province: string | null; orgKind: string | null; organisationId: number | null; map: '34' | '63'; lastDay: string },
  unitsOf: (province: string) => number,
): { target: TargetSpec | null; expected: number | null } {
  const filtered = Boolean(s.province || s.orgKind || s.organisationId);
  const national = expectedFor(def, s.lastDay);
  if (def.unit === 'percent' || !filtered) return { target: def.target, expected: national };
  const own = staticOf(def.id).provinceTarget;
  if (own !== 'units63' || !s.province || s.orgKind || s.organisationId || def.target.kind === 'band')
    return { target: null, expected: null };
  const units = s.map === '63' ? 1 : unitsOf(s.province);
  return {
    target: { kind: 'at_least', value: units },
    expected: national === null ? null : Math.round((national * units) / def.target.value),
  };
}

/** The units on the 63-unit map a province of the 34-unit map was formed from (one when it was not merged). */
const units63Of = (geo: Geo) => (code: string) => geo.to63.get(code)?.length || 1;

// ---------------------------------------------------------------- figures

/** Periods read from frozen facts (period id → freeze id): a closed period's official figures. */
export type Frozen = ReadonlyMap<string, number>;
const NOTHING_FROZEN: Frozen = new Map();

async function figureFor(
  db: Db,
  def: IndicatorDefinition,
  s: Resolved,
  geo: Geo,
  stamp: number,
  facts: FactState | null,
  frozen: Frozen = NOTHING_FROZEN,
): Promise<IndicatorFigure> {
  const sd = staticOf(def.id);
  const span = spanOf(sd, s.period);
  const unitsOf = units63Of(geo);
  const at = { ...s, lastDay: s.period.lastDay };
  const { target, expected } = scopeTarget(def, at, unitsOf);
  const fi = facts ? factsOf(def.id) : undefined;
  const computed = fi
    ? await factFigure(db, sd, fi.indicator, s, geo, span, facts!.versionOf(fi.source.name), frozen)
    : await providerFigure(db, sd, s, geo, span, stamp);
  // Each province row judged against that province's own target (so the worst provinces can come first).
  const breakdowns = computed.breakdowns.province
    ? {
        ...computed.breakdowns,
        province: computed.breakdowns.province.map((r) => {
          if (r.key === '_none') return r;
          const own = scopeTarget(def, { ...at, province: r.key }, unitsOf);
          return { ...r, status: statusOf({ unit: def.unit, target: own.target }, r.value, own.expected) };
        }),
      }
    : computed.breakdowns;
  return {
    id: def.id,
    period: { id: s.period.id, firstDay: s.period.firstDay, lastDay: s.period.lastDay },
    span: { firstDay: span.firstDay, lastDay: span.lastDay },
    ...computed.tally,
    expected,
    target,
    status: statusOf({ unit: def.unit, target }, computed.tally.value, expected),
    trend: computed.trend,
    breakdowns,
  };
}

type Computed = { tally: Tally; trend: { period: string; value: number | null }[]; breakdowns: Partial<Record<Breakdown, FigureRow[]>> };

/** The record-by-record computation from the providers' records: the test oracle of the facts (and the path of a
 *  target whose module keeps no facts yet). */
async function providerFigure(db: Db, sd: StaticDefinition, s: Resolved, geo: Geo, span: Span, stamp: number): Promise<Computed> {
  const provider = providerOf(sd.id)!;
  const records = (await recordsFor(db, provider, span, stamp)).filter((r) => inScope(geo, s, r));
  const trend = await Promise.all(
    trendPeriods(s.period).map(async (p) => {
      const recs = (await recordsFor(db, provider, spanOf(sd, p), stamp)).filter((r) => inScope(geo, s, r));
      return { period: p.id, value: tally(sd, recs).value };
    }),
  );
  return { tally: tally(sd, records), trend, breakdowns: breakdownRows(sd, provider, geo, s, records) };
}

// ---------------------------------------------------------------- figures from the indicator facts

/** The fact versions read at the start of a request (after bringing the facts up to date). */
type FactState = { versionOf(source: string): string };
async function factState(db: Db): Promise<FactState> {
  const v = await syncFacts(db);
  const places = v.get('places') ?? 0;
  return { versionOf: (source) => `${v.get(source) ?? 0}.${places}` };
}

const figureCache = new WeakMap<Db, Map<string, Promise<Computed>>>();
const MAX_FIGURES = 500;
const spanRef = (sp: Span, frozen: Frozen = NOTHING_FROZEN): SpanRef => ({
  pid: sp.periodId,
  firstDay: sp.firstDay,
  lastDay: sp.lastDay,
  ...(frozen.has(sp.periodId) ? { freeze: frozen.get(sp.periodId)! } : {}),
});
const factScope = (s: Resolved): FactScope => ({ map: s.map, province: s.province, orgKind: s.orgKind, organisationId: s.organisationId });

/** A figure, its trend and breakdowns from the facts, cached under the version of the facts it reads (and the freezes
 *  of the frozen periods among its spans, which never change). */
function factFigure(
  db: Db,
  sd: StaticDefinition,
  ind: FactIndicator,
  s: Resolved,
  geo: Geo,
  span: Span,
  version: string,
  frozen: Frozen = NOTHING_FROZEN,
): Promise<Computed> {
  let cache = figureCache.get(db);
  if (!cache) figureCache.set(db, (cache = new Map()));
  const freezes = [...frozen]
    .sort()
    .map(([p, f]) => `${p}:${f}`)
    .join(',');
  const key = `${sd.id}|${s.period.id}|${s.map}|${s.province}|${s.orgKind}|${s.organisationId}|${version}|${freezes}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const p = computeFactFigure(db, sd, ind, s, geo, span, frozen);
  cache.set(key, p);
  p.catch(() => cache!.delete(key));
  while (cache.size > MAX_FIGURES) cache.delete(cache.keys().next().value!);
  return p;
}

async function computeFactFigure(
  db: Db,
  sd: StaticDefinition,
  ind: FactIndicator,
  s: Resolved,
  geo: Geo,
  span: Span,
  frozen: Frozen,
): Promise<Computed> {
  const scope = factScope(s);
  const withPending = Boolean(sd.pendingLabel);
  const periods = trendPeriods(s.period);
  const spans = [spanRef(span, frozen), ...periods.map((p) => spanRef(spanOf(sd, p), frozen)).filter((x) => x.pid !== span.periodId)];
  const placeKinds = sd.breakdowns.includes('province') || sd.breakdowns.includes('orgKind');
  const own = sd.breakdowns.filter((b) => b !== 'province' && b !== 'orgKind');
  const [bySpan, byUnit, byDim] = await Promise.all([
    tallyBySpan(db, ind, sd.unit, spans, scope),
    placeKinds ? tallyByUnitAndKind(db, ind, sd.unit, spanRef(span, frozen), scope) : Promise.resolve([]),
    tallyByDim(db, ind, sd.unit, spanRef(span, frozen), scope, own),
  ]);
  const trend = periods.map((p) => ({ period: p.id, value: toTally(sd.unit, bySpan.get(p.id), withPending).value }));
  const breakdowns: Partial<Record<Breakdown, FigureRow[]>> = {};
  const sum = (xs: { num: number; den: number; pend: number }[]) =>
    xs.reduce((a, x) => ({ num: a.num + Number(x.num), den: a.den + Number(x.den), pend: a.pend + Number(x.pend) }), {
      num: 0,
      den: 0,
      pend: 0,
    });
  for (const b of sd.breakdowns) {
    if (b === 'province') {
      const groups = new Map<string, { rows: typeof byUnit; attributed: boolean }>();
      for (const code of geo.names[s.map].keys()) groups.set(code, { rows: [], attributed: false });
      const none: typeof byUnit = [];
      for (const r of byUnit) {
        const codes = r.unit_id === null ? [] : s.map === '34' ? (r.p34 ? [r.p34] : []) : (r.p63 ?? []);
        if (!codes.length) none.push(r);
        for (const c of codes) {
          const g = groups.get(c) ?? { rows: [], attributed: false };
          g.rows.push(r);
          g.attributed ||= s.map === '63' && r.map !== '63' && codes.length > 1;
          groups.set(c, g);
        }
      }
      breakdowns.province = [...groups].map(([code, g]) => ({
        key: code,
        label: geo.names[s.map].get(code) ?? { vi: code, en: code },
        ...toTally(sd.unit, sum(g.rows), withPending),
        ...(g.attributed ? { attributed: true } : {}),
      }));
      if (none.length) breakdowns.province.push({ key: '_none', label: NO_PROVINCE, ...toTally(sd.unit, sum(none), withPending) });
    } else if (b === 'orgKind') {
      const kinds = new Map<string, typeof byUnit>();
      for (const r of byUnit) kinds.set(r.kind ?? '_none', [...(kinds.get(r.kind ?? '_none') ?? []), r]);
      const order = (k: string) => (ORG_KINDS as readonly string[]).indexOf(k);
      breakdowns.orgKind = [...kinds]
        .map(([k, rs]) => ({ key: k, label: KIND_LABELS[k] ?? breakdownLabel('orgKind', k), ...toTally(sd.unit, sum(rs), withPending) }))
        .sort((x, y) => order(x.key) - order(y.key) || x.key.localeCompare(y.key));
    } else {
      const mine = byDim.filter((r) => r.b === b);
      const looked = ind.dimLabels
        ? await ind.dimLabels(
            db,
            b,
            mine.map((r) => r.k),
          )
        : new Map<string, Bilingual>();
      const rowsOf = mine.map((r) => ({
        key: r.k,
        label: looked.get(r.k) ?? ind.dimLabel?.(b, r.k) ?? breakdownLabel(b, r.k),
        ...toTally(sd.unit, r, withPending),
      }));
      breakdowns[b] =
        b === 'organiser'
          ? rowsOf.sort((x, y) => y.numerator - x.numerator || x.label.vi.localeCompare(y.label.vi, 'vi'))
          : rowsOf.sort((x, y) => x.key.localeCompare(y.key));
    }
  }
  return { tally: toTally(sd.unit, bySpan.get(span.periodId), withPending), trend, breakdowns };
}

/** Every indicator for one scope: definitions, and a figure for each indicator that has a data source. */
/** `oracle`: compute from the providers' records, record by record (the tests compare the facts with it). `frozen`:
 *  the periods (of the figure and of its trend) to read from their frozen facts: closed periods' official figures. */
export async function getDashboard(
  db: Db,
  scopeInput: unknown,
  opts: { only?: IndicatorId[]; oracle?: boolean; frozen?: Frozen } = {},
): Promise<DashboardResult> {
  const s = resolveScope(scopeInput);
  const geo = await loadGeo(db);
  if (s.province && !geo.names[s.map].has(s.province)) {
    throw new AppError('validation_failed', `No province ${s.province} on the ${s.map}-unit map`, [
      { field: 'province', message: `not a unit of the ${s.map}-unit map` },
    ]);
  }
  const stamp = await writeStamp(db);
  const facts = opts.oracle ? null : await factState(db);
  const indicators = await listDefinitions(db, stamp, facts);
  const wanted = indicators.filter((d) => d.available && (!opts.only || opts.only.includes(d.id)));
  const figures = await Promise.all(wanted.map((d) => figureFor(db, d, s, geo, stamp, facts, opts.frozen)));
  const judged = indicators.map((d) => figures.find((f) => f.id === d.id)).filter((f) => !f || f.target !== null);
  const summary = { ...summariseStatuses(judged.map((f) => f?.status ?? 'no_data')), noTarget: indicators.length - judged.length };
  return {
    scope: {
      period: { id: s.period.id, firstDay: s.period.firstDay, lastDay: s.period.lastDay },
      map: s.map,
      province: s.province,
      orgKind: s.orgKind,
      organisationId: s.organisationId,
    },
    indicators,
    figures,
    summary,
    statusRule: STATUS_RULE,
  };
}

/** The records behind a figure (or one row of a breakdown), a page at a time, with what each rests on. Facts are read
 *  a page at a time in their indicator's order (keyset: `after` is the previous page's `next`). `oracle`: from the
 *  providers' records. */
export async function drillDown(
  db: Db,
  id: IndicatorId,
  queryInput: DrillQuery,
  opts: { oracle?: boolean; frozen?: Frozen } = {},
): Promise<DrillResult> {
  const q = parseInput(DrillQuery, queryInput);
  const fi = opts.oracle ? undefined : factsOf(id);
  const provider = providerOf(id);
  if (!provider && !fi) throw new AppError('not_found', `Indicator ${id} has no data source yet`);
  const s = resolveScope(q);
  const geo = await loadGeo(db);
  const sd = staticOf(id);
  if (fi) return factDrill(db, sd, fi.indicator, q, s, geo, opts.frozen);
  const stamp = await writeStamp(db);
  let records = (await recordsFor(db, provider!, spanOf(sd, s.period), stamp)).filter((r) => inScope(geo, s, r));
  if (q.breakdown && q.key !== undefined) records = records.filter(rowMatcher(geo, s, q.breakdown, q.key));
  const counts = q.breakdown && q.key !== undefined ? countsInRow(q.breakdown, q.key) : byCounts;
  const considered = sd.unit === 'count' ? records : records.filter((r) => r.inDenominator);
  const part =
    q.part === 'numerator'
      ? considered.filter(counts)
      : q.part === 'gap'
        ? considered.filter((r) => !counts(r))
        : q.part === 'pending'
          ? considered.filter((r) => r.pending && !counts(r))
          : considered;
  const page = part.slice(q.offset, q.offset + q.limit);
  const row = {
    breakdown: q.breakdown && q.key !== undefined ? q.breakdown : null,
    key: q.breakdown && q.key !== undefined ? q.key : null,
    organisationId: s.organisationId,
  };
  const related = provider!.expand ? await provider!.expand(db, page, row) : new Map();
  const province = (r: IndicatorRecord) => {
    const place = placeOn(geo, r.unit, s.map);
    return place.codes.length ? place.codes.map((c) => geo.names[s.map].get(c)?.vi ?? c).join(', ') : null;
  };
  const out: DrillRecord[] = page.map((r) => ({
    type: r.type,
    id: r.id,
    label: r.label,
    detail: r.detail,
    counts: counts(r),
    href: r.href,
    organisationName: r.organisationName,
    province: province(r),
    related: related.get(r) ?? [],
  }));
  return { id, part: q.part, total: part.length, records: out };
}

/** A keyset cursor: the last record's sort key and id, opaque to the client. */
const cursorOf = (sortKey: string, recId: number) => Buffer.from(JSON.stringify([sortKey, recId])).toString('base64url');
function parseCursor(after: string): { sortKey: string; recId: number } {
  try {
    const [sortKey, recId] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof sortKey === 'string' && !sortKey.includes('\u0000') && Number.isSafeInteger(recId))
      return { sortKey, recId: recId as number };
  } catch {
    /* refused below */
  }
  throw new AppError('validation_failed', 'Unknown page cursor', [
    { field: 'after', message: "not a cursor this server gave (use the previous page's next)" },
  ]);
}

async function factDrill(
  db: Db,
  sd: StaticDefinition,
  ind: FactIndicator,
  q: ReturnType<typeof DrillQuery.parse>,
  s: Resolved,
  geo: Geo,
  frozen?: Frozen,
): Promise<DrillResult> {
  await syncFacts(db);
  const span = spanOf(sd, s.period);
  const breakdown = q.breakdown && q.key !== undefined ? q.breakdown : null;
  const key = breakdown ? q.key! : null;
  const { page, total } = await drillFacts(db, ind, sd.unit, spanRef(span, frozen), factScope(s), {
    part: q.part,
    breakdown,
    key,
    limit: q.limit,
    offset: q.offset,
    after: q.after ? parseCursor(q.after) : null,
  });
  const described = await ind.describe(db, page, span, { breakdown, key, organisationId: s.organisationId });
  const records: DrillRecord[] = page.map((f) => {
    const d = described.get(Number(f.rec_id));
    const codes = f.map === null ? [] : s.map === '34' ? (f.p34 ? [f.p34] : []) : (f.p63 ?? []);
    return {
      type: f.rec_type,
      id: Number(f.rec_id),
      label: d?.label ?? `#${f.rec_id}`,
      detail: d?.detail ?? null,
      counts: Boolean(f.row_counts),
      href: d?.href ?? null,
      organisationName: f.org_name,
      province: codes.length ? codes.map((c) => geo.names[s.map].get(c)?.vi ?? c).join(', ') : null,
      related: d?.related ?? [],
    };
  });
  const last = page[page.length - 1];
  const more = q.after ? page.length === q.limit : q.offset + page.length < total;
  return { id: sd.id, part: q.part, total, records, ...(last && more ? { next: cursorOf(last.sort_key, Number(last.rec_id)) } : {}) };
}

// ---------------------------------------------------------------- official figures (frozen facts)

export type TallyOf = { id: IndicatorId; numerator: number; denominator: number | null; value: number | null };

/** Each target's figure alone (no trend, no breakdowns) for one scope: one grouped count per target over its facts, or
 *  its frozen facts when `frozen` has the period (a report's contribution, official and live side by side). */
export async function getTallies(db: Db, scopeInput: unknown, opts: { frozen?: Frozen } = {}): Promise<TallyOf[]> {
  const s = resolveScope(scopeInput);
  await syncFacts(db);
  const out: TallyOf[] = [];
  for (const sd of DEFINITIONS) {
    const fi = factsOf(sd.id);
    if (!fi) continue;
    const span = spanRef(spanOf(sd, s.period), opts.frozen);
    const t = toTally(sd.unit, (await tallyBySpan(db, fi.indicator, sd.unit, [span], factScope(s))).get(span.pid), false);
    out.push({ id: sd.id, numerator: t.numerator, denominator: t.denominator, value: t.value });
  }
  return out;
}

/** Freezes the facts behind every figure of one period (each target's span ending with it), in the caller's
 *  transaction: the official figures are then `getDashboard(…, { frozen })` over them. Returns the freeze's id. */
export async function freezePeriod(db: Db, periodId: string): Promise<{ freezeId: number; facts: number }> {
  const p = resolveScope({ period: periodId }).period;
  await syncFacts(db);
  const [f] = await db.insert(indicatorFreezes).values({ periodId: p.id }).returning({ id: indicatorFreezes.id });
  let n = 0;
  for (const sd of DEFINITIONS) {
    const fi = factsOf(sd.id);
    if (fi) n += await freezeFacts(db, f!.id, fi.indicator, spanRef(spanOf(sd, p)));
  }
  await db.update(indicatorFreezes).set({ facts: n }).where(eq(indicatorFreezes.id, f!.id));
  return { freezeId: f!.id, facts: n };
}

/** Drops freezes and their frozen facts (the demo data's closes, when the demo is removed). */
export async function deleteFreezes(db: Db, freezeIds: number[]): Promise<void> {
  if (!freezeIds.length) return;
  await db.delete(indicatorFrozenFacts).where(inArray(indicatorFrozenFacts.freezeId, freezeIds));
  await db.delete(indicatorFreezes).where(inArray(indicatorFreezes.id, freezeIds));
}

/** The records whose facts differ between a period's freeze and the live facts, for one indicator and scope (the
 *  records behind "revised since the official figure"); `limit` 0 counts them only. */
export async function frozenRevisions(
  db: Db,
  id: IndicatorId,
  freezeId: number,
  periodId: string,
  scopeInput: unknown,
  page: { limit: number; offset: number },
) {
  const fi = factsOf(id);
  if (!fi)
    return {
      total: 0,
      records: [] as (DrillRecord & {
        change: 'added' | 'removed' | 'changed';
        officialCounts: boolean | null;
        liveCounts: boolean | null;
      })[],
    };
  const s = resolveScope({ ...(scopeInput as object), period: periodId });
  await syncFacts(db);
  const sd = staticOf(id);
  const span = spanOf(sd, s.period);
  const { total, rows: found } = await diffFrozen(db, fi.indicator, { ...spanRef(span), freeze: freezeId }, factScope(s), page);
  const described = found.length
    ? await fi.indicator.describe(db, found, span, { breakdown: null, key: null, organisationId: s.organisationId })
    : new Map();
  const records = found.map((f) => {
    const d = described.get(Number(f.rec_id));
    return {
      type: f.rec_type,
      id: Number(f.rec_id),
      label: d?.label ?? `#${f.rec_id}`,
      detail: d?.detail ?? null,
      counts: Boolean(f.live_counts ?? f.official_counts),
      href: d?.href ?? null,
      organisationName: f.org_name,
      province: null,
      related: [],
      change: f.change,
      officialCounts: f.official_counts,
      liveCounts: f.live_counts,
    };
  });
  return { total, records };
}

// ---------------------------------------------------------------- settings (programme office)

export async function updateIndicatorSettings(db: Db, actor: Actor, id: IndicatorId, input: unknown): Promise<IndicatorDefinition> {
  if (actor.role !== 'admin' && actor.role !== 'system')
    throw forbidden('Only the programme office (admin) sets baselines and trajectories');
  if (!INDICATOR_IDS.includes(id)) throw notFound(`Indicator ${id}`);
  const body = parseInput(IndicatorSettingsInput, input);
  const def = staticOf(id);
  if (body.trajectory) {
    const years = body.trajectory.map((p) => p.year).sort();
    const want = linearTrajectory(0, 0).map((p) => p.year);
    if (years.join() !== want.join()) {
      throw new AppError('validation_failed', 'The trajectory needs one value per year 2023–2028', [
        { field: 'trajectory', message: `years given: ${years.join(', ') || 'none'}; needed: ${want.join(', ')}` },
      ]);
    }
    body.trajectory.forEach((p, i) => {
      parseInput(TrajectoryPoint, p);
      if (def.unit === 'percent' && p.value > 1)
        throw new AppError('validation_failed', 'A percentage is a fraction between 0 and 1', [
          { field: `trajectory.${i}.value`, message: `${p.year}: ${p.value} is above 1 (100%)` },
        ]);
    });
  }
  if (def.unit === 'percent' && body.baseline != null && body.baseline > 1) {
    throw new AppError('validation_failed', 'A percentage is a fraction between 0 and 1', [
      { field: 'baseline', message: 'must be between 0 and 1' },
    ]);
  }
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(indicatorSettings).where(eq(indicatorSettings.indicatorId, id));
    const next = {
      indicatorId: id,
      baseline: body.baseline !== undefined ? body.baseline : (before?.baseline ?? null),
      trajectory:
        body.trajectory !== undefined
          ? body.trajectory
            ? [...body.trajectory].sort((a, b) => a.year - b.year)
            : null
          : (before?.trajectory ?? null),
      updatedBy: actor.userId,
      updatedAt: new Date(),
    };
    await tx.insert(indicatorSettings).values(next).onConflictDoUpdate({ target: indicatorSettings.indicatorId, set: next });
    await recordAudit(tx, actor, 'indicator.settings', 'indicator', id, before ?? null, next);
  });
  return (await listDefinitions(db)).find((d) => d.id === id)!;
}
