// Period close and official figures. The office closes a period: the indicators module freezes the facts behind every
// figure of the period (each target's span ending with it, with the records' places and kinds as they are), and the
// close (who, when, which freeze, the organisations then expected to report) becomes the period's official version.
// Official figures are the same SQL aggregates over the frozen facts, for any scope; a record later created, changed
// or withdrawn with a date in the period changes the live figures only, and the records whose facts differ are listed
// as "revised since the official figure". Re-opening a period, or publishing a revised official figure (a new freeze),
// is an office action with a reason, audited. Optionally, after the close's expiry days, writes dated in the period
// need the office's permission (the date lock: kernel/dateLock.ts, which every module's dated writes call).
import { and, asc, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import * as C from '../../../shared/contracts/cycle.js';
import { INDICATOR_IDS, type IndicatorId } from '../../../shared/contracts/indicators.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { registerDateLock } from '../../kernel/dateLock.js';
import { iso, rows, type Db } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { organisations, users } from '../directory/directory.tables.js';
import { isWithin } from '../directory/organisations.service.js';
import { freezePeriod, frozenRevisions, getDashboard, getTallies, type Frozen } from '../indicators/indicators.service.js';
import {
  closeInfo,
  currentCloses,
  expectedOrganisations,
  getCycleSettings,
  getPeriod,
  isClosable,
  periodByKey,
  periodRow,
  today,
  toPeriod,
  type PeriodRow,
} from './cycle.periods.js';
import { setReportsLocked } from './cycle.reports.js';
import { assertOffice } from './cycle.scope.js';
import { cycleLockGrants, cyclePeriodCloses, cyclePeriods } from './cycle.tables.js';

/** The freeze of every closed period, by its key (= the indicator period id): what `frozen` reads officially. */
export async function closedFreezes(db: Db): Promise<Frozen> {
  const r = await db
    .select({ key: cyclePeriods.key, freeze: cyclePeriodCloses.freezeId })
    .from(cyclePeriodCloses)
    .innerJoin(cyclePeriods, eq(cyclePeriods.id, cyclePeriodCloses.periodId))
    .where(eq(cyclePeriodCloses.status, 'closed'));
  return new Map(r.map((x) => [x.key, x.freeze]));
}

/** The freezes of every closed period (what official figures and their trends read) and, when the period `key` is
 *  closed, its official version (the portal's progress page). */
export async function officialPeriod(
  db: Db,
  key: string,
): Promise<{ frozen: Frozen; close: { key: string; closedAt: string; version: number } | null }> {
  const frozen = await closedFreezes(db);
  const p = frozen.has(key) ? await periodByKey(db, key) : undefined;
  const close = p ? (await currentCloses(db, [p.id])).get(p.id) : undefined;
  return { frozen, close: p && close ? { key: p.key, closedAt: iso(close.closedAt)!, version: close.version } : null };
}

async function displayName(db: Db, actor: Actor): Promise<string> {
  if (actor.userId === null) return actor.name;
  const [u] = await db.select({ n: users.displayName }).from(users).where(eq(users.id, actor.userId));
  return u?.n ?? actor.name;
}

/** Freezes the period's facts and records the close as the period's next official version (in `tx`). */
async function writeClose(tx: Db, actor: Actor, p: PeriodRow, expiryDays: number | null, reason: string | null, now: Date) {
  const { freezeId, facts } = await freezePeriod(tx, p.key);
  const expected = [...(await expectedOrganisations(tx, p)).keys()].sort((a, b) => a - b);
  const [v] = await rows<{ n: number }>(
    tx,
    sql`select coalesce(max(version), 0)::int as n from cycle_period_closes where period_id = ${p.id}`,
  );
  const lockAfter = expiryDays === null ? null : new Date(now.getTime() + expiryDays * 86_400_000);
  const [c] = await tx
    .insert(cyclePeriodCloses)
    .values({
      periodId: p.id,
      version: Number(v?.n ?? 0) + 1,
      status: 'closed',
      freezeId,
      closedBy: actor.userId,
      closedByName: await displayName(tx, actor),
      closedAt: now,
      reason,
      expiryDays,
      lockAfter,
      expectedOrgIds: expected,
    })
    .returning();
  return { close: c!, facts };
}

export async function closePeriod(db: Db, actor: Actor, periodId: number, raw: unknown = {}, now = new Date()): Promise<C.CyclePeriod> {
  assertOffice(actor, 'close a period');
  const input = parseInput(C.CloseInput, raw);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select id from cycle_periods where id = ${periodId} for update`);
    const p = await periodRow(tx, periodId);
    if (!isClosable(p)) {
      throw new AppError('validation_failed', `${p.key} is a review, not a reporting period: close its years (and halves) instead`, [
        { field: 'period', message: 'only yearly and half-yearly periods are closed' },
      ]);
    }
    if (p.lastDay >= today(now))
      throw new AppError('validation_failed', `Period ${p.key} has not ended (it ends on ${p.lastDay})`, [
        { field: 'period', message: `ends on ${p.lastDay}: a period is closed after it ends` },
      ]);
    if ((await currentCloses(tx, [p.id])).has(p.id))
      throw new AppError('conflict', `Period ${p.key} is already closed`, [{ field: 'period', message: 'already closed' }]);
    const expiryDays = input.expiryDays !== undefined ? input.expiryDays : (await getCycleSettings(tx)).expiryDays;
    const { close, facts } = await writeClose(tx, actor, p, expiryDays, null, now);
    const locked = await setReportsLocked(tx, actor, p.id, true);
    await recordAudit(tx, actor, 'close', 'cycle_period', p.id, null, {
      key: p.key,
      version: close.version,
      freezeId: close.freezeId,
      facts,
      expiryDays,
      lockAfter: iso(close.lockAfter),
      expected: close.expectedOrgIds.length,
      reportsLocked: locked,
    });
  });
  return getPeriod(db, periodId);
}

/** Ends the current official version of a period (re-opened or superseded), under the period's row lock, with the
 *  office's reason; returns the period and the ended close. */
async function endCurrentClose(tx: Db, actor: Actor, periodId: number, status: 'reopened' | 'superseded', reason: string, now: Date) {
  await tx.execute(sql`select id from cycle_periods where id = ${periodId} for update`);
  const p = await periodRow(tx, periodId);
  const c = (await currentCloses(tx, [p.id])).get(p.id);
  if (!c) throw new AppError('conflict', `Period ${p.key} is not closed`, [{ field: 'period', message: 'not closed' }]);
  await tx
    .update(cyclePeriodCloses)
    .set({ status, endedBy: actor.userId, endedAt: now, endReason: reason })
    .where(eq(cyclePeriodCloses.id, c.id));
  return { p, c };
}

/** Re-opens a closed period (its official figures are withdrawn, its reports unlocked): the office, with a reason. */
export async function reopenPeriod(db: Db, actor: Actor, periodId: number, raw: unknown, now = new Date()): Promise<C.CyclePeriod> {
  assertOffice(actor, 're-open a period');
  const { reason } = parseInput(C.ReasonInput, raw);
  await db.transaction(async (tx) => {
    const { p, c } = await endCurrentClose(tx, actor, periodId, 'reopened', reason, now);
    const unlocked = await setReportsLocked(tx, actor, p.id, false);
    await recordAudit(
      tx,
      actor,
      'reopen',
      'cycle_period',
      p.id,
      { key: p.key, version: c.version, freezeId: c.freezeId },
      { status: 'reopened', reason, reportsUnlocked: unlocked },
    );
  });
  return getPeriod(db, periodId);
}

/** Publishes a revised official figure of a closed period: a new freeze of today's facts replaces the official one,
 *  which is kept as superseded. The office, with a reason. */
export async function republishPeriod(db: Db, actor: Actor, periodId: number, raw: unknown, now = new Date()): Promise<C.CyclePeriod> {
  assertOffice(actor, 'publish a revised official figure');
  const { reason } = parseInput(C.ReasonInput, raw);
  await db.transaction(async (tx) => {
    const { p, c: old } = await endCurrentClose(tx, actor, periodId, 'superseded', reason, now);
    const { close, facts } = await writeClose(tx, actor, p, old.expiryDays, reason, now);
    await recordAudit(
      tx,
      actor,
      'republish',
      'cycle_period',
      p.id,
      { version: old.version, freezeId: old.freezeId },
      { version: close.version, freezeId: close.freezeId, facts, reason },
    );
  });
  return getPeriod(db, periodId);
}

// ---------------------------------------------------------------- reading official figures

const tallyOf = (t: { numerator: number; denominator: number | null; value: number | null }) => ({
  numerator: t.numerator,
  denominator: t.denominator,
  value: t.value,
});

/** Per target: the official figure of a closed period, the live one beside it when the records behind it differ, and
 *  how many records differ, for a scope (map, province, kind, organisation). Null when the period is not closed. */
export async function officialStatus(
  db: Db,
  periodKey: string,
  scope: { map?: '34' | '63'; province?: string | null; orgKind?: string | null; organisationId?: number | null } = {},
): Promise<C.OfficialStatus | null> {
  const p = await periodByKey(db, periodKey);
  if (!p) return null;
  const close = (await currentCloses(db, [p.id])).get(p.id);
  if (!close) return null;
  const q = {
    period: p.key,
    map: scope.map ?? '34',
    ...(scope.province ? { province: scope.province } : {}),
    ...(scope.orgKind ? { orgKind: scope.orgKind } : {}),
    ...(scope.organisationId ? { organisationId: scope.organisationId } : {}),
  };
  const frozen = new Map([[p.key, close.freezeId]]);
  const [official, live] = await Promise.all([getTallies(db, q, { frozen }), getTallies(db, q)]);
  const liveOf = new Map(live.map((t) => [t.id, t]));
  // The records that differ, counted for every target at once (each a comparison of the frozen and live facts).
  const figures = await Promise.all(
    official.map(async (o) => {
      const revisedRecords = (await frozenRevisions(db, o.id, close.freezeId, p.key, q, { limit: 0, offset: 0 })).total;
      const l = liveOf.get(o.id);
      const differs = revisedRecords > 0 || !l || l.numerator !== o.numerator || l.denominator !== o.denominator;
      return { indicator: o.id, official: tallyOf(o), live: differs && l ? tallyOf(l) : null, revisedRecords };
    }),
  );
  return { periodKey: p.key, closed: true, close: closeInfo(close), figures };
}

/** The official dashboard of a closed period for a scope, with what was revised since and every official version. */
export async function getOfficial(db: Db, actor: Actor, periodId: number, raw: unknown): Promise<C.Official> {
  void actor; // every signed-in user reads figures
  const q = parseInput(C.OfficialQuery, raw);
  const p = await periodRow(db, periodId);
  const close = (await currentCloses(db, [p.id])).get(p.id);
  if (!close)
    throw new AppError('conflict', `Period ${p.key} is not closed: it has no official figures yet`, [
      { field: 'period', message: 'not closed' },
    ]);
  const scope = { period: p.key, ...q };
  const dashboard = await getDashboard(db, scope, { frozen: await closedFreezes(db) });
  const status = await officialStatus(db, p.key, q);
  const versions = await db
    .select()
    .from(cyclePeriodCloses)
    .where(eq(cyclePeriodCloses.periodId, p.id))
    .orderBy(desc(cyclePeriodCloses.version));
  return {
    period: toPeriod(p, close),
    dashboard,
    revisions: (status?.figures ?? []).map((f) => ({ indicator: f.indicator, live: f.live, revisedRecords: f.revisedRecords })),
    versions: versions.map((v) => ({
      ...closeInfo(v),
      status: v.status as 'closed' | 'superseded' | 'reopened',
      endedAt: iso(v.endedAt),
      endReason: v.endReason,
    })),
  };
}

/** The records behind "revised since the official figure" for one target of a closed period. */
export async function listRevisions(db: Db, actor: Actor, periodId: number, indicator: string, raw: unknown): Promise<C.RevisionList> {
  void actor;
  const q = parseInput(C.RevisionQuery, raw);
  if (!(INDICATOR_IDS as readonly string[]).includes(indicator)) throw notFound(`Indicator ${indicator}`);
  const p = await periodRow(db, periodId);
  const close = (await currentCloses(db, [p.id])).get(p.id);
  if (!close)
    throw new AppError('conflict', `Period ${p.key} is not closed: nothing is revised`, [{ field: 'period', message: 'not closed' }]);
  const { limit, offset, ...scope } = q;
  const r = await frozenRevisions(db, indicator as IndicatorId, close.freezeId, p.key, scope, { limit, offset });
  return {
    indicator: indicator as IndicatorId,
    total: r.total,
    records: r.records.map((x) => ({
      type: x.type,
      id: x.id,
      label: x.label,
      href: x.href,
      organisationName: x.organisationName,
      change: x.change,
      officialCounts: x.officialCounts,
      liveCounts: x.liveCounts,
    })),
  };
}

// ---------------------------------------------------------------- the lock of closed periods

const toGrant = (g: typeof cycleLockGrants.$inferSelect & { organisationName: string }): C.LockGrant => ({
  id: g.id,
  periodId: g.periodId,
  organisationId: g.organisationId,
  organisationName: g.organisationName,
  until: g.until,
  reason: g.reason,
  grantedAt: iso(g.grantedAt)!,
  revokedAt: iso(g.revokedAt),
});

export async function listGrants(db: Db, actor: Actor, periodId: number): Promise<C.LockGrant[]> {
  void actor;
  await periodRow(db, periodId);
  const r = await db
    .select({ g: cycleLockGrants, organisationName: organisations.nameVi })
    .from(cycleLockGrants)
    .innerJoin(organisations, eq(organisations.id, cycleLockGrants.organisationId))
    .where(eq(cycleLockGrants.periodId, periodId))
    .orderBy(asc(cycleLockGrants.id));
  return r.map((x) => toGrant({ ...x.g, organisationName: x.organisationName }));
}

/** The office lets one organisation (and those below it) write into a locked period until a day. */
export async function grantLockPermission(db: Db, actor: Actor, periodId: number, raw: unknown): Promise<C.LockGrant> {
  assertOffice(actor, 'give permission to write into a locked period');
  const input = parseInput(C.GrantInput, raw);
  return db.transaction(async (tx) => {
    const p = await periodRow(tx, periodId);
    if (!isClosable(p))
      throw new AppError('validation_failed', `${p.key} is a review: permissions are given for its years`, [
        { field: 'period', message: 'not a reporting period' },
      ]);
    if (input.until < today())
      throw new AppError('validation_failed', `The permission would end in the past (${input.until})`, [
        { field: 'until', message: `in the past (today is ${today()})` },
      ]);
    const [o] = await tx
      .select({ id: organisations.id, name: organisations.nameVi })
      .from(organisations)
      .where(eq(organisations.id, input.organisationId));
    if (!o)
      throw new AppError('validation_failed', `No organisation ${input.organisationId}`, [
        { field: 'organisationId', message: 'no such organisation' },
      ]);
    const [g] = await tx
      .insert(cycleLockGrants)
      .values({ periodId, organisationId: o.id, until: input.until, reason: input.reason, grantedBy: actor.userId })
      .returning();
    const after = toGrant({ ...g!, organisationName: o.name });
    await recordAudit(tx, actor, 'grant', 'cycle_lock_grant', g!.id, null, after);
    return after;
  });
}

export async function revokeLockPermission(db: Db, actor: Actor, periodId: number, grantId: number): Promise<void> {
  assertOffice(actor, 'withdraw a permission');
  await db.transaction(async (tx) => {
    const [g] = await tx
      .select()
      .from(cycleLockGrants)
      .where(and(eq(cycleLockGrants.id, grantId), eq(cycleLockGrants.periodId, periodId)));
    if (!g) throw notFound(`Permission ${grantId}`);
    if (g.revokedAt) return;
    await tx.update(cycleLockGrants).set({ revokedAt: new Date() }).where(eq(cycleLockGrants.id, grantId));
    await recordAudit(tx, actor, 'revoke', 'cycle_lock_grant', grantId, { revokedAt: null }, { revokedAt: new Date().toISOString() });
  });
}

/** The date lock: a write dated in a closed period whose lock has begun needs the office (admin, or the system's own
 *  paths) or the office's permission for the actor's organisation; anything else is refused, naming the field, the
 *  period, when it was closed and when it locked. */
async function checkDates(db: Db, actor: Actor, days: { field: string; day: string }[], now = new Date()) {
  if (!days.length || actor.role === 'admin' || actor.role === 'system') return null;
  const lo = days.reduce((a, d) => (d.day < a ? d.day : a), days[0]!.day),
    hi = days.reduce((a, d) => (d.day > a ? d.day : a), days[0]!.day);
  const locked = await db
    .select({ p: cyclePeriods, closedAt: cyclePeriodCloses.closedAt, lockAfter: cyclePeriodCloses.lockAfter })
    .from(cyclePeriodCloses)
    .innerJoin(cyclePeriods, eq(cyclePeriods.id, cyclePeriodCloses.periodId))
    .where(
      and(
        eq(cyclePeriodCloses.status, 'closed'),
        sql`${cyclePeriodCloses.lockAfter} <= ${now}`,
        sql`${cyclePeriods.firstDay} <= ${hi}::date`,
        sql`${cyclePeriods.lastDay} >= ${lo}::date`,
      ),
    );
  if (!locked.length) return null;
  const refused: { index: number; message: string }[] = [];
  const granted = new Map<number, boolean>();
  let first: (typeof locked)[number] | null = null;
  for (const [index, d] of days.entries()) {
    const hit = locked.find((l) => l.p.firstDay <= d.day && d.day <= l.p.lastDay);
    if (!hit) continue;
    if (!granted.has(hit.p.id)) granted.set(hit.p.id, await hasGrant(db, actor, hit.p.id));
    if (granted.get(hit.p.id)) continue;
    first ??= hit;
    refused.push({
      index,
      message: `${d.day} is in ${hit.p.key}, closed on ${iso(hit.closedAt)!.slice(0, 10)} and locked since ${iso(hit.lockAfter)!.slice(0, 10)}: writes dated in it need the programme office's permission`,
    });
  }
  return first
    ? {
        refused,
        summary: `Period ${first.p.key} is closed and locked (since ${iso(first.lockAfter)!.slice(0, 10)}): a record dated in it can be written only by the programme office or with its permission`,
      }
    : null;
}

async function hasGrant(db: Db, actor: Actor, periodId: number): Promise<boolean> {
  if (actor.organisationId === null) return false;
  const grants = await db
    .select({ org: cycleLockGrants.organisationId })
    .from(cycleLockGrants)
    .where(and(eq(cycleLockGrants.periodId, periodId), isNull(cycleLockGrants.revokedAt), gte(cycleLockGrants.until, today())));
  for (const g of grants) if (await isWithin(db, g.org, actor.organisationId)) return true;
  return false;
}

registerDateLock((db, actor, days) => checkDates(db, actor, days));
