// The report calendar the programme office sets: periods (yearly by default; half-yearly; the mid-term review of
// 2023–2025 and the final review of 2023–2028), a deadline for each, and who must report. Who must report is a rule
// made of sources (expectedSources: each names the organisations it expects and why); the default is every
// organisation with records in the period, and a later module adds its own source with registerExpectedSource
// (e.g. the plans module: every organisation with a plan for the year). The office adds or takes out organisations
// per period on top of the rule.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import * as C from '../../../shared/contracts/cycle.js';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { iso, rows, type Db } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { vnDate } from '../../kernel/periods.js';
import { parseInput } from '../../kernel/validate.js';
import { organisations } from '../directory/directory.tables.js';
import { organisationsWithFacts } from '../indicators/indicators.facts.js';
import { assertOffice } from './cycle.scope.js';
import { cyclePeriodCloses, cyclePeriods, cycleSettings } from './cycle.tables.js';

export type PeriodRow = typeof cyclePeriods.$inferSelect;
type CloseRow = typeof cyclePeriodCloses.$inferSelect;

export const MIDTERM = { key: '2023-2025', first: 2023, last: 2025 } as const;
export const FINAL = { key: '2023-2028', first: 2023, last: 2028 } as const;

/** A period's key, days and the indicator periods its figures are computed for. */
export function periodShape(
  kind: C.CyclePeriodKind,
  year?: number,
  half?: 1 | 2,
): { key: string; firstDay: string; lastDay: string; figurePeriods: string[] } {
  const years = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => String(a + i));
  if (kind === 'midterm')
    return {
      key: MIDTERM.key,
      firstDay: `${MIDTERM.first}-01-01`,
      lastDay: `${MIDTERM.last}-12-31`,
      figurePeriods: years(MIDTERM.first, MIDTERM.last),
    };
  if (kind === 'final')
    return {
      key: FINAL.key,
      firstDay: `${FINAL.first}-01-01`,
      lastDay: `${FINAL.last}-12-31`,
      figurePeriods: years(FINAL.first, FINAL.last),
    };
  if (!year)
    throw new AppError('validation_failed', 'A yearly or half-yearly period needs its year', [
      { field: 'year', message: 'required (2023–2028)' },
    ]);
  if (kind === 'yearly') return { key: String(year), firstDay: `${year}-01-01`, lastDay: `${year}-12-31`, figurePeriods: [String(year)] };
  if (!half)
    throw new AppError('validation_failed', 'A half-yearly period needs its half', [{ field: 'half', message: 'required: 1 or 2' }]);
  const key = `${year}-H${half}`;
  return {
    key,
    firstDay: half === 1 ? `${year}-01-01` : `${year}-07-01`,
    lastDay: half === 1 ? `${year}-06-30` : `${year}-12-31`,
    figurePeriods: [key],
  };
}

export const figurePeriodsOf = (p: Pick<PeriodRow, 'kind' | 'key'>): string[] =>
  p.kind === 'midterm' || p.kind === 'final' ? periodShape(p.kind as C.CyclePeriodKind).figurePeriods : [p.key];
export const isClosable = (p: Pick<PeriodRow, 'kind'>) => p.kind === 'yearly' || p.kind === 'half_yearly';

export function periodLabel(p: Pick<PeriodRow, 'kind' | 'key'>): Bilingual {
  if (p.kind === 'yearly') return { vi: `Năm ${p.key}`, en: `Year ${p.key}` };
  if (p.kind === 'half_yearly') {
    const [y, h] = p.key.split('-H');
    return { vi: `${h === '1' ? '6 tháng đầu' : '6 tháng cuối'} năm ${y}`, en: `${h === '1' ? 'First' : 'Second'} half of ${y}` };
  }
  if (p.kind === 'midterm') return { vi: `Sơ kết giữa kỳ ${p.key.replace('-', '–')}`, en: `Mid-term review ${p.key.replace('-', '–')}` };
  return { vi: `Tổng kết ${p.key.replace('-', '–')}`, en: `Final review ${p.key.replace('-', '–')}` };
}

/** Today in Viet Nam (YYYY-MM-DD). */
export const today = (now = new Date()) => vnDate(now);

export function closeInfo(c: CloseRow, now = new Date()): C.CloseInfo {
  return {
    version: c.version,
    closedAt: iso(c.closedAt)!,
    closedByName: c.closedByName,
    reason: c.reason,
    expiryDays: c.expiryDays,
    lockAfter: iso(c.lockAfter),
    locked: c.lockAfter !== null && new Date(c.lockAfter).getTime() <= now.getTime(),
  };
}

/** The current close of each period (status closed), by period id. */
export async function currentCloses(db: Db, periodIds?: number[]): Promise<Map<number, CloseRow>> {
  if (periodIds && !periodIds.length) return new Map();
  const r = await db
    .select()
    .from(cyclePeriodCloses)
    .where(and(eq(cyclePeriodCloses.status, 'closed'), periodIds ? inArray(cyclePeriodCloses.periodId, periodIds) : undefined));
  return new Map(r.map((c) => [c.periodId, c]));
}

export function toPeriod(p: PeriodRow, close: CloseRow | undefined): C.CyclePeriod {
  return {
    id: p.id,
    key: p.key,
    kind: p.kind as C.CyclePeriodKind,
    label: periodLabel(p),
    firstDay: p.firstDay,
    lastDay: p.lastDay,
    deadline: p.deadline,
    figurePeriods: figurePeriodsOf(p),
    closable: isClosable(p),
    includeOrganisationIds: p.includeOrgIds,
    excludeOrganisationIds: p.excludeOrgIds,
    close: close ? closeInfo(close) : null,
    createdAt: iso(p.createdAt)!,
    updatedAt: iso(p.updatedAt)!,
  };
}

export async function periodRow(db: Db, id: number, field?: string): Promise<PeriodRow> {
  const [p] = await db.select().from(cyclePeriods).where(eq(cyclePeriods.id, id));
  if (!p) {
    if (field)
      throw new AppError('validation_failed', `The calendar has no period ${id}`, [
        { field, message: 'no such period in the report calendar' },
      ]);
    throw notFound(`Period ${id}`);
  }
  return p;
}

export async function getPeriod(db: Db, id: number): Promise<C.CyclePeriod> {
  const p = await periodRow(db, id);
  return toPeriod(p, (await currentCloses(db, [p.id])).get(p.id));
}

export async function periodByKey(db: Db, key: string): Promise<PeriodRow | undefined> {
  const [p] = await db.select().from(cyclePeriods).where(eq(cyclePeriods.key, key));
  return p;
}

/** Every period of the calendar, newest first (reviews after the years they end with). */
export async function listPeriods(db: Db): Promise<C.CyclePeriod[]> {
  const ps = await db.select().from(cyclePeriods).orderBy(desc(cyclePeriods.lastDay), asc(cyclePeriods.firstDay), desc(cyclePeriods.key));
  const closes = await currentCloses(db);
  return ps.map((p) => toPeriod(p, closes.get(p.id)));
}

async function assertOrganisations(db: Db, ids: number[], field: string): Promise<void> {
  if (!ids.length) return;
  const found = new Set(
    (await db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, ids))).map((o) => o.id),
  );
  const issues = ids
    .map((id, i) => (found.has(id) ? null : { field: `${field}.${i}`, message: `no organisation ${id}` }))
    .filter((x) => x !== null);
  if (issues.length) throw new AppError('validation_failed', `Unknown organisations in ${field}`, issues);
}

/** Refuses a deadline in the past (Viet Nam's today) or before the period starts. `allowPast`: demo data and imports
 *  of past calendars (system actors only). */
export function assertDeadline(deadline: string, firstDay: string, allowPast: boolean): void {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(deadline) ||
    Number.isNaN(Date.parse(`${deadline}T00:00:00Z`)) ||
    new Date(`${deadline}T00:00:00Z`).toISOString().slice(0, 10) !== deadline
  ) {
    throw new AppError('validation_failed', `Not a date: ${deadline}`, [{ field: 'deadline', message: 'a calendar date YYYY-MM-DD' }]);
  }
  if (!allowPast && deadline < today())
    throw new AppError('validation_failed', `The deadline ${deadline} is in the past`, [
      { field: 'deadline', message: `in the past (today is ${today()})` },
    ]);
  if (deadline < firstDay)
    throw new AppError('validation_failed', `The deadline ${deadline} is before the period starts (${firstDay})`, [
      { field: 'deadline', message: `before the period starts (${firstDay})` },
    ]);
}

export async function createPeriod(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.CyclePeriod> {
  assertOffice(actor, 'set the report calendar');
  const input = parseInput(C.PeriodInput, raw);
  const shape = periodShape(input.kind, input.year, input.half);
  assertDeadline(input.deadline, shape.firstDay, actor.role === 'system');
  return db.transaction(async (tx) => {
    await assertOrganisations(tx, input.includeOrganisationIds, 'includeOrganisationIds');
    await assertOrganisations(tx, input.excludeOrganisationIds, 'excludeOrganisationIds');
    if (await periodByKey(tx, shape.key))
      throw new AppError('conflict', `The calendar already has the period ${shape.key}`, [
        { field: 'year', message: `period ${shape.key} already exists` },
      ]);
    const [p] = await tx
      .insert(cyclePeriods)
      .values({
        key: shape.key,
        kind: input.kind,
        firstDay: shape.firstDay,
        lastDay: shape.lastDay,
        deadline: input.deadline,
        includeOrgIds: input.includeOrganisationIds,
        excludeOrgIds: input.excludeOrganisationIds,
        isDemo: opts.isDemo ?? false,
        createdBy: actor.userId,
      })
      .returning();
    const after = toPeriod(p!, undefined);
    await recordAudit(tx, actor, 'create', 'cycle_period', p!.id, null, after);
    return after;
  });
}

export async function updatePeriod(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.CyclePeriod> {
  assertOffice(actor, 'set the report calendar');
  const input = parseInput(C.PeriodUpdateInput, raw);
  return db.transaction(async (tx) => {
    const p = await periodRow(tx, id);
    const before = toPeriod(p, (await currentCloses(tx, [id])).get(id));
    if (before.close)
      throw new AppError('conflict', `Period ${p.key} is closed: re-open it to change its calendar`, [
        { field: 'period', message: 'closed' },
      ]);
    if (input.deadline !== undefined && input.deadline !== p.deadline) assertDeadline(input.deadline, p.firstDay, actor.role === 'system');
    if (input.includeOrganisationIds) await assertOrganisations(tx, input.includeOrganisationIds, 'includeOrganisationIds');
    if (input.excludeOrganisationIds) await assertOrganisations(tx, input.excludeOrganisationIds, 'excludeOrganisationIds');
    await tx
      .update(cyclePeriods)
      .set({
        ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
        ...(input.includeOrganisationIds ? { includeOrgIds: input.includeOrganisationIds } : {}),
        ...(input.excludeOrganisationIds ? { excludeOrgIds: input.excludeOrganisationIds } : {}),
        updatedAt: new Date(),
      })
      .where(eq(cyclePeriods.id, id));
    const after = await getPeriod(tx, id);
    await recordAudit(tx, actor, 'update', 'cycle_period', id, before, after);
    return after;
  });
}

// ---------------------------------------------------------------- settings

export async function getCycleSettings(db: Db): Promise<C.CycleSettings> {
  const [s] = await db.select().from(cycleSettings).where(eq(cycleSettings.id, 1));
  return { coordinatorsEnabled: s?.coordinatorsEnabled ?? false, expiryDays: s?.expiryDays ?? null };
}

export async function updateCycleSettings(db: Db, actor: Actor, raw: unknown): Promise<C.CycleSettings> {
  assertOffice(actor, 'change the cycle settings');
  const input = parseInput(C.CycleSettingsInput, raw);
  return db.transaction(async (tx) => {
    const before = await getCycleSettings(tx);
    const next = { ...before, ...input };
    await tx
      .insert(cycleSettings)
      .values({ id: 1, ...next, updatedBy: actor.userId, updatedAt: new Date() })
      .onConflictDoUpdate({ target: cycleSettings.id, set: { ...next, updatedBy: actor.userId, updatedAt: new Date() } });
    await recordAudit(tx, actor, 'settings', 'cycle_settings', 1, before, next);
    return next;
  });
}

// ---------------------------------------------------------------- who must report

/** A source of the rule: the organisations it expects to report for a period. */
export interface ExpectedSource {
  /** Short name, said as the reason an organisation is expected ('records', 'plan' …). */
  name: string;
  organisations(db: Db, period: PeriodRow): Promise<number[]>;
}

/** Every organisation with records in the period (indicator facts starting in it, or counting in it). */
const recordsSource: ExpectedSource = {
  name: 'records',
  organisations: (db, p) => organisationsWithFacts(db, p.firstDay, p.lastDay, figurePeriodsOf(p)),
};

const expectedSources: ExpectedSource[] = [recordsSource];

/** Adds a source to the rule (a later module: e.g. every organisation with a plan for the year). */
export function registerExpectedSource(source: ExpectedSource): void {
  if (!expectedSources.some((s) => s.name === source.name)) expectedSources.push(source);
}

/** The organisations expected to report for a period and why (the sources that expect each, and 'office' for those
 *  the office added): those that existed during the period (valid from no later than its last day, not deactivated
 *  before its first), minus the office's exclusions. */
export async function expectedOrganisations(db: Db, p: PeriodRow): Promise<Map<number, string[]>> {
  const why = new Map<number, string[]>();
  const add = (id: number, reason: string) => why.set(id, [...(why.get(id) ?? []), reason]);
  for (const s of expectedSources) for (const id of await s.organisations(db, p)) add(id, s.name);
  for (const id of p.includeOrgIds) add(id, 'office');
  for (const id of p.excludeOrgIds) why.delete(id);
  if (!why.size) return why;
  const existed = await rows<{ id: number }>(
    db,
    sql`select id from organisations where id = any(${`{${[...why.keys()].join(',')}}`}::int[])
    and (valid_from is null or valid_from <= ${p.lastDay}::date) and (valid_to is null or valid_to >= ${p.firstDay}::date)`,
  );
  const keep = new Set(existed.map((r) => Number(r.id)));
  for (const id of [...why.keys()]) if (!keep.has(id)) why.delete(id);
  return why;
}
