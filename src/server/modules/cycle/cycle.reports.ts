// Periodic agency reports. A report is pre-filled from the records: the organisation's own figure for each target in
// the period (its numerators from the indicator facts, with the drill-down behind each); the focal point writes the
// narrative sections (results, difficulties and causes, proposals, tasks for the next period) and attaches files.
// Workflow: draft → submitted → returned (comments per part) | approved → locked (when the period closes). A submitted
// report of an organisation in a province with a coordinator waits for that coordinator first when the office has
// turned coordinators on; the office decides last (and may decide at either stage). Every step is audited and kept in
// the report's history; a closed period's reports no longer change.
import { and, asc, count, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import * as C from '../../../shared/contracts/cycle.js';
import type { IndicatorId } from '../../../shared/contracts/indicators.js';
import { recordAudit, recordAudits, type Actor } from '../../kernel/audit.js';
import { iso, type Db } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { acceptDocument, type FileStore } from '../../kernel/storage.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { adminUnits, organisations, users } from '../directory/directory.tables.js';
import { DEFINITIONS } from '../indicators/indicators.definitions.js';
import { frozenRevisions, getTallies, type Frozen, type TallyOf } from '../indicators/indicators.service.js';
import { closedFreezes } from './cycle.official.js';
import { currentCloses, expectedOrganisations, periodRow, toPeriod, today, figurePeriodsOf, type PeriodRow } from './cycle.periods.js';
import {
  assertMayDecide,
  assertProvinceStage,
  assertWriteFor,
  canReadFor,
  canWriteFor,
  decides,
  firstStage,
  readableOrganisations,
} from './cycle.scope.js';
import { cyclePeriods, cycleReportEvents, cycleReportFiles, cycleReports } from './cycle.tables.js';

type ReportRow = typeof cycleReports.$inferSelect;
const AUDIT_ENTITY = 'cycle_report';
const EDITABLE: C.ReportStatus[] = ['draft', 'returned'];

// ---------------------------------------------------------------- the plan section (filled by the plans module)

/** What the plans module answers for an organisation's year (null: no plan recorded). Set when that module lands;
 *  until then every report shows "no plan recorded". */
export type PlanProvider = (db: Db, q: { organisationId: number; year: number }) => Promise<C.PlanSection>;
let planProvider: PlanProvider | null = null;
export function setPlanProvider(p: PlanProvider | null): void {
  planProvider = p;
}

async function planOf(db: Db, p: PeriodRow, organisationId: number): Promise<C.PlanSection> {
  if (!planProvider || (p.kind !== 'yearly' && p.kind !== 'half_yearly')) return null;
  return planProvider(db, { organisationId, year: Number(p.key.slice(0, 4)) });
}

// ---------------------------------------------------------------- the figures

const defOf = (id: IndicatorId) => DEFINITIONS.find((d) => d.id === id)!;
const drillHref = (id: string, periodId: string, organisationId: number) =>
  `/indicators/records?id=${id}&period=${encodeURIComponent(periodId)}&organisation=${organisationId}&part=numerator`;
const sameTally = (a: TallyOf, b: TallyOf | undefined) => b !== undefined && a.numerator === b.numerator && a.denominator === b.denominator;

/** The organisation's own figure of every target for each figure period of the report's period: from the frozen
 *  facts where that period is closed (with the live figure beside it when revised since, and how many records
 *  differ), else live. */
export async function contributionOf(db: Db, p: PeriodRow, organisationId: number, frozen?: Frozen): Promise<C.Contribution> {
  const freezes = frozen ?? (await closedFreezes(db));
  const out: C.ContributionRow[] = [];
  let official = false;
  for (const fp of figurePeriodsOf(p)) {
    const scope = { period: fp, organisationId };
    const freeze = freezes.get(fp);
    const shown = await getTallies(db, scope, { frozen: freezes });
    const live = freeze !== undefined ? new Map((await getTallies(db, scope)).map((t) => [t.id, t])) : null;
    if (freeze !== undefined) official = true;
    for (const t of shown) {
      const d = defOf(t.id);
      const l = live?.get(t.id);
      const revisedRecords =
        freeze !== undefined ? (await frozenRevisions(db, t.id, freeze, fp, { organisationId }, { limit: 0, offset: 0 })).total : 0;
      out.push({
        indicator: t.id,
        name: d.name,
        unit: d.unit,
        cumulative: d.cumulative,
        periodId: fp,
        numerator: t.numerator,
        denominator: t.denominator,
        value: t.value,
        href: drillHref(t.id, fp, organisationId),
        live: l && (!sameTally(t, l) || revisedRecords > 0) ? { numerator: l.numerator, denominator: l.denominator, value: l.value } : null,
        revisedRecords,
      });
    }
  }
  return { source: official ? 'official' : 'live', computedAt: new Date().toISOString(), rows: out };
}

// ---------------------------------------------------------------- reading

const summaryFields = {
  r: cycleReports,
  periodKey: sql<string>`(select key from cycle_periods p where p.id = ${cycleReports.periodId})`,
  deadline: sql<string>`(select deadline::text from cycle_periods p where p.id = ${cycleReports.periodId})`,
  orgName: organisations.nameVi,
  orgKind: organisations.kind,
  provinceCode: adminUnits.code,
  provinceName: adminUnits.nameVi,
};
const summaryQuery = (db: Db) =>
  db
    .select(summaryFields)
    .from(cycleReports)
    .innerJoin(organisations, eq(organisations.id, cycleReports.organisationId))
    .leftJoin(adminUnits, eq(adminUnits.id, organisations.provinceUnitId));
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

function toSummary(x: SummaryRow): C.ReportSummary {
  const r = x.r;
  return {
    id: r.id,
    periodId: r.periodId,
    periodKey: x.periodKey,
    organisationId: r.organisationId,
    organisationName: x.orgName,
    organisationKind: x.orgKind as C.ReportSummary['organisationKind'],
    provinceCode: x.provinceCode,
    provinceName: x.provinceName,
    status: r.status as C.ReportStatus,
    awaiting: r.awaiting as C.ReportSummary['awaiting'],
    deadline: x.deadline,
    firstSubmittedAt: iso(r.firstSubmittedAt),
    submittedAt: iso(r.submittedAt),
    decidedAt: iso(r.decidedAt),
    updatedAt: iso(r.updatedAt)!,
  };
}

async function reportRow(db: Db, id: number): Promise<ReportRow> {
  const [r] = await db.select().from(cycleReports).where(eq(cycleReports.id, id));
  if (!r) throw notFound(`Report ${id}`);
  return r;
}

async function assertCanRead(db: Db, actor: Actor, r: Pick<ReportRow, 'organisationId' | 'id'>): Promise<void> {
  if (!(await canReadFor(db, actor, r.organisationId))) throw notFound(`Report ${r.id}`);
}

export async function getReport(db: Db, actor: Actor, id: number): Promise<C.Report> {
  const r = await reportRow(db, id);
  await assertCanRead(db, actor, r);
  const [s] = await summaryQuery(db).where(eq(cycleReports.id, id));
  const p = await periodRow(db, r.periodId);
  const close = (await currentCloses(db, [p.id])).get(p.id);
  const freezes = await closedFreezes(db);
  const frozenAny = figurePeriodsOf(p).some((fp) => freezes.has(fp));
  // Submitted and decided reports show the figures as submitted until their period closes; drafts the live ones.
  const contribution =
    !frozenAny && r.figures && !EDITABLE.includes(r.status as C.ReportStatus)
      ? { ...(r.figures as C.Contribution), source: 'submitted' as const }
      : await contributionOf(db, p, r.organisationId, freezes);
  const files = await db.select().from(cycleReportFiles).where(eq(cycleReportFiles.reportId, id)).orderBy(asc(cycleReportFiles.id));
  const history = await db
    .select()
    .from(cycleReportEvents)
    .where(eq(cycleReportEvents.reportId, id))
    .orderBy(asc(cycleReportEvents.at), asc(cycleReportEvents.id));
  const writable = !close && EDITABLE.includes(r.status as C.ReportStatus) && (await canWriteFor(db, actor, r.organisationId));
  const deciding = !close && (await decides(db, actor, r));
  return {
    ...toSummary(s!),
    period: toPeriod(p, close),
    sections: r.sections,
    comments: r.comments,
    contribution,
    plan: await planOf(db, p, r.organisationId),
    files: files.map(toFile),
    history: history.map((e) => ({
      at: iso(e.at)!,
      actorName: e.actorName,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note ?? null,
    })),
    can: { edit: writable, submit: writable, return: deciding, approve: deciding },
  };
}

export async function listReports(db: Db, actor: Actor, raw: unknown): Promise<{ items: C.ReportSummary[]; total: number }> {
  const q = parseInput(C.ReportListQuery, raw);
  const where: SQL[] = [await readableOrganisations(db, actor, sql`${cycleReports.organisationId}`)];
  if (q.periodId) where.push(eq(cycleReports.periodId, q.periodId));
  if (q.status) where.push(eq(cycleReports.status, q.status));
  if (q.awaiting) where.push(eq(cycleReports.awaiting, q.awaiting));
  if (q.organisationId) where.push(eq(cycleReports.organisationId, q.organisationId));
  if (q.province) where.push(eq(adminUnits.code, q.province));
  const cond = and(...where);
  const items = await summaryQuery(db)
    .where(cond)
    .orderBy(desc(cycleReports.updatedAt), desc(cycleReports.id))
    .limit(q.limit)
    .offset(q.offset);
  const [t] = await db
    .select({ n: count() })
    .from(cycleReports)
    .innerJoin(organisations, eq(organisations.id, cycleReports.organisationId))
    .leftJoin(adminUnits, eq(adminUnits.id, organisations.provinceUnitId))
    .where(cond);
  return { items: items.map(toSummary), total: Number(t?.n ?? 0) };
}

/** The periods the caller's organisation (and those below it) must report for, open or not yet closed, with each
 *  report's state: what a focal point has to submit. The office and analysts see every expected organisation. */
export async function dueReports(db: Db, actor: Actor): Promise<C.DueReport[]> {
  const periods = await db
    .select()
    .from(cyclePeriods)
    .where(lte(cyclePeriods.firstDay, today()))
    .orderBy(desc(cyclePeriods.lastDay), asc(cyclePeriods.key));
  const closes = await currentCloses(db);
  const out: C.DueReport[] = [];
  for (const p of periods) {
    const expected = await expectedOrganisations(db, p);
    const ids = [...expected.keys()];
    if (!ids.length) continue;
    const visible = await db
      .select({ id: organisations.id, name: organisations.nameVi })
      .from(organisations)
      .where(and(inArray(organisations.id, ids), await readableOrganisations(db, actor, sql`${organisations.id}`)));
    if (!visible.length) continue;
    const reports = new Map(
      (
        await summaryQuery(db).where(
          and(
            eq(cycleReports.periodId, p.id),
            inArray(
              cycleReports.organisationId,
              visible.map((v) => v.id),
            ),
          ),
        )
      ).map((x) => [x.r.organisationId, toSummary(x)]),
    );
    for (const o of visible.sort((a, b) => a.name.localeCompare(b.name, 'vi'))) {
      out.push({
        period: toPeriod(p, closes.get(p.id)),
        organisationId: o.id,
        organisationName: o.name,
        expectedBecause: expected.get(o.id) ?? [],
        report: reports.get(o.id) ?? null,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- writing

async function displayName(db: Db, actor: Actor): Promise<string> {
  if (actor.userId === null) return actor.name;
  const [u] = await db.select({ n: users.displayName }).from(users).where(eq(users.id, actor.userId));
  return u?.n ?? actor.name;
}

async function addEvent(
  tx: Db,
  actor: Actor,
  reportId: number,
  action: string,
  from: string | null,
  to: string,
  note: Record<string, string> | null = null,
) {
  await tx
    .insert(cycleReportEvents)
    .values({ reportId, actorId: actor.userId, actorName: await displayName(tx, actor), action, fromStatus: from, toStatus: to, note });
}

async function assertPeriodOpen(db: Db, p: PeriodRow, field = 'periodId'): Promise<void> {
  const close = (await currentCloses(db, [p.id])).get(p.id);
  if (close) {
    throw new AppError(
      'conflict',
      `Period ${p.key} is closed (official figures since ${iso(close.closedAt)!.slice(0, 10)}): its reports no longer change; the programme office may re-open it`,
      [{ field, message: `period ${p.key} is closed` }],
    );
  }
}

export async function createReport(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.Report> {
  const input = parseInput(C.ReportCreateInput, raw);
  const id = await db.transaction(async (tx) => {
    const p = await periodRow(tx, input.periodId, 'periodId');
    const [org] = await tx
      .select({ id: organisations.id, name: organisations.nameVi })
      .from(organisations)
      .where(eq(organisations.id, input.organisationId));
    if (!org)
      throw new AppError('validation_failed', `No organisation ${input.organisationId}`, [
        { field: 'organisationId', message: 'no such organisation' },
      ]);
    await assertWriteFor(tx, actor, org.id);
    if (p.firstDay > today() && actor.role !== 'system') {
      throw new AppError('validation_failed', `Period ${p.key} is not due yet: it starts on ${p.firstDay}`, [
        { field: 'periodId', message: `not due yet (starts on ${p.firstDay})` },
      ]);
    }
    await assertPeriodOpen(tx, p);
    const expected = await expectedOrganisations(tx, p);
    if (!expected.has(org.id)) {
      throw new AppError(
        'validation_failed',
        `${org.name} is not due to report for ${p.key}: it has no records in the period and the office has not added it`,
        [
          {
            field: 'organisationId',
            message: `not expected to report for ${p.key} (no records in the period; the programme office can add it to the calendar)`,
          },
        ],
      );
    }
    const [dup] = await tx
      .select({ id: cycleReports.id })
      .from(cycleReports)
      .where(and(eq(cycleReports.periodId, p.id), eq(cycleReports.organisationId, org.id)));
    if (dup)
      throw new AppError('conflict', `${org.name} already has a report for ${p.key} (report ${dup.id})`, [
        { field: 'organisationId', message: `already has report ${dup.id} for ${p.key}` },
      ]);
    const [r] = await tx
      .insert(cycleReports)
      .values({ periodId: p.id, organisationId: org.id, isDemo: opts.isDemo ?? false, createdBy: actor.userId })
      .returning();
    await addEvent(tx, actor, r!.id, 'create', null, 'draft');
    await recordAudit(tx, actor, 'create', AUDIT_ENTITY, r!.id, null, {
      periodId: p.id,
      periodKey: p.key,
      organisationId: org.id,
      status: 'draft',
    });
    return r!.id;
  });
  return getReport(db, actor, id);
}

/** Locks the report for a write by the organisation's writers: it exists, its period is open and it is editable. */
async function forWriting(tx: Db, actor: Actor, id: number, what: string): Promise<{ r: ReportRow; p: PeriodRow }> {
  const [r] = await tx.select().from(cycleReports).where(eq(cycleReports.id, id)).for('update');
  if (!r) throw notFound(`Report ${id}`);
  await assertCanRead(tx, actor, r);
  await assertWriteFor(tx, actor, r.organisationId);
  const p = await periodRow(tx, r.periodId);
  await assertPeriodOpen(tx, p, 'status');
  if (!EDITABLE.includes(r.status as C.ReportStatus)) {
    const why = r.status === 'submitted' ? 'it is submitted and waits for a decision' : `it is ${r.status}`;
    throw new AppError('conflict', `Report ${id} cannot ${what}: ${why}`, [
      { field: 'status', message: `${r.status}: only a draft or a returned report can ${what}` },
    ]);
  }
  return { r, p };
}

export async function updateReport(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Report> {
  const input = parseInput(C.ReportUpdateInput, raw);
  await db.transaction(async (tx) => {
    const { r } = await forWriting(tx, actor, id, 'be changed');
    const sections: C.ReportSections = { ...r.sections };
    for (const s of C.REPORT_SECTIONS) if (input.sections[s] !== undefined) sections[s] = nfc(input.sections[s]!);
    await tx.update(cycleReports).set({ sections, updatedAt: new Date() }).where(eq(cycleReports.id, id));
    await recordAudit(tx, actor, 'update', AUDIT_ENTITY, id, { sections: r.sections }, { sections });
  });
  return getReport(db, actor, id);
}

export async function submitReport(db: Db, actor: Actor, id: number, now = new Date()): Promise<C.Report> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(cycleReports).where(eq(cycleReports.id, id));
    if (current && (current.status === 'approved' || current.status === 'locked')) {
      await assertCanRead(tx, actor, current);
      throw new AppError('conflict', `Report ${id} is already approved: it cannot be submitted again`, [
        { field: 'status', message: `${current.status}: an approved report is not submitted a second time` },
      ]);
    }
    if (current?.status === 'submitted') {
      await assertCanRead(tx, actor, current);
      throw new AppError('conflict', `Report ${id} is already submitted and waits for a decision`, [
        { field: 'status', message: 'already submitted' },
      ]);
    }
    const { r, p } = await forWriting(tx, actor, id, 'be submitted');
    const empty = C.REPORT_SECTIONS.filter((s) => !(r.sections[s] ?? '').trim());
    if (empty.length) {
      throw new AppError(
        'validation_failed',
        `Write every narrative section before submitting (missing: ${empty.join(', ')})`,
        empty.map((s) => ({ field: `sections.${s}`, message: 'required before submitting' })),
      );
    }
    const awaiting = await firstStage(tx, r.organisationId);
    const figures = await contributionOf(tx, p, r.organisationId);
    await tx
      .update(cycleReports)
      .set({
        status: 'submitted',
        awaiting,
        figures,
        submittedAt: now,
        submittedBy: actor.userId,
        firstSubmittedAt: r.firstSubmittedAt ?? now,
        provinceApprovedAt: null,
        provinceApprovedBy: null,
        updatedAt: now,
      })
      .where(eq(cycleReports.id, id));
    await addEvent(tx, actor, id, 'submit', r.status, 'submitted', awaiting === 'province' ? { awaiting: 'province' } : null);
    await recordAudit(
      tx,
      actor,
      'submit',
      AUDIT_ENTITY,
      id,
      { status: r.status },
      { status: 'submitted', awaiting, lateness: now.getTime() > deadlineEnd(p.deadline) ? 'late' : 'on_time' },
    );
  });
  return getReport(db, actor, id);
}

/** The end of a deadline day in Viet Nam (UTC+7), as an instant. */
export const deadlineEnd = (deadline: string) => Date.parse(`${deadline}T23:59:59.999+07:00`);

/** Locks a submitted report for a decision by the actor (office, or the coordinator of its province while it waits
 *  for the province). */
async function forDeciding(tx: Db, actor: Actor, id: number, what: 'approve' | 'return'): Promise<{ r: ReportRow; p: PeriodRow }> {
  const [r] = await tx.select().from(cycleReports).where(eq(cycleReports.id, id)).for('update');
  if (!r) throw notFound(`Report ${id}`);
  if (actor.role !== 'coordinator') await assertCanRead(tx, actor, r);
  await assertMayDecide(tx, actor, r.organisationId, 'report', what);
  const p = await periodRow(tx, r.periodId);
  await assertPeriodOpen(tx, p, 'status');
  if (r.status !== 'submitted') {
    const msg = r.status === 'approved' || r.status === 'locked' ? 'already approved' : `${r.status}: only a submitted report`;
    throw new AppError('conflict', `Report ${id} cannot be ${what === 'approve' ? 'approved' : 'returned'}: it is ${r.status}`, [
      { field: 'status', message: msg },
    ]);
  }
  await assertProvinceStage(tx, actor, r, `Report ${id}`, 'report');
  return { r, p };
}

export async function returnReport(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()): Promise<C.Report> {
  const input = parseInput(C.ReportReturnInput, raw);
  const comments: Record<string, string> = {};
  for (const part of C.COMMENT_PARTS) if (input.comments[part]?.trim()) comments[part] = nfc(input.comments[part]!);
  if (!Object.keys(comments).length)
    throw new AppError('validation_failed', 'Say what to fix: a comment on at least one part', [
      { field: 'comments', message: 'at least one comment (on a section, the figures, the files or the whole report)' },
    ]);
  await db.transaction(async (tx) => {
    const { r } = await forDeciding(tx, actor, id, 'return');
    await tx
      .update(cycleReports)
      .set({ status: 'returned', awaiting: null, comments, provinceApprovedAt: null, provinceApprovedBy: null, updatedAt: now })
      .where(eq(cycleReports.id, id));
    await addEvent(tx, actor, id, actor.role === 'coordinator' ? 'return_by_province' : 'return', 'submitted', 'returned', comments);
    await recordAudit(tx, actor, 'return', AUDIT_ENTITY, id, { status: r.status, awaiting: r.awaiting }, { status: 'returned', comments });
  });
  return getReport(db, actor, id);
}

export async function approveReport(db: Db, actor: Actor, id: number, raw: unknown = {}, now = new Date()): Promise<C.Report> {
  const input = parseInput(C.ReportApproveInput, raw);
  const note = input.comment?.trim() ? { general: nfc(input.comment) } : null;
  await db.transaction(async (tx) => {
    const { r } = await forDeciding(tx, actor, id, 'approve');
    if (actor.role === 'coordinator') {
      await tx
        .update(cycleReports)
        .set({ awaiting: 'office', provinceApprovedAt: now, provinceApprovedBy: actor.userId, updatedAt: now })
        .where(eq(cycleReports.id, id));
      await addEvent(tx, actor, id, 'approve_by_province', 'submitted', 'submitted', note);
      await recordAudit(
        tx,
        actor,
        'approve_by_province',
        AUDIT_ENTITY,
        id,
        { status: r.status, awaiting: r.awaiting },
        { status: 'submitted', awaiting: 'office' },
      );
    } else {
      await tx
        .update(cycleReports)
        .set({ status: 'approved', awaiting: null, comments: {}, decidedAt: now, decidedBy: actor.userId, updatedAt: now })
        .where(eq(cycleReports.id, id));
      await addEvent(tx, actor, id, 'approve', 'submitted', 'approved', note);
      await recordAudit(tx, actor, 'approve', AUDIT_ENTITY, id, { status: r.status, awaiting: r.awaiting }, { status: 'approved' });
    }
  });
  return getReport(db, actor, id);
}

/** At a period's close its approved reports are locked (and unlocked again when it is re-opened): in the close's
 *  transaction, each with its history entry and audit. */
export async function setReportsLocked(tx: Db, actor: Actor, periodId: number, locked: boolean): Promise<number> {
  const from = locked ? 'approved' : 'locked',
    to = locked ? 'locked' : 'approved';
  const changed = await tx
    .update(cycleReports)
    .set({ status: to, updatedAt: new Date() })
    .where(and(eq(cycleReports.periodId, periodId), eq(cycleReports.status, from)))
    .returning({ id: cycleReports.id });
  // A national close locks thousands of reports: their events and audit entries are written a thousand at a time.
  const action = locked ? 'lock' : 'unlock';
  const actorName = await displayName(tx, actor);
  for (let i = 0; i < changed.length; i += 1000) {
    await tx
      .insert(cycleReportEvents)
      .values(
        changed
          .slice(i, i + 1000)
          .map((c) => ({ reportId: c.id, actorId: actor.userId, actorName, action, fromStatus: from, toStatus: to, note: null })),
      );
  }
  await recordAudits(
    tx,
    actor,
    changed.map((c) => ({ action, entity: AUDIT_ENTITY, entityId: c.id, before: { status: from }, after: { status: to } })),
  );
  return changed.length;
}

// ---------------------------------------------------------------- files

const toFile = (f: typeof cycleReportFiles.$inferSelect): C.ReportFile => ({
  id: f.id,
  filename: f.filename,
  size: f.size,
  mediaType: f.mediaType,
  caption: f.caption,
  url: `/api/cycle/reports/${f.reportId}/files/${f.id}`,
  createdAt: iso(f.createdAt)!,
});

export async function attachReportFile(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  upload: { bytes: Buffer; filename: string; caption?: string | undefined },
): Promise<C.ReportFile> {
  const { mediaType, caption, filename } = acceptDocument(upload);
  const stored = await store.put(upload.bytes);
  return db.transaction(async (tx) => {
    await forWriting(tx, actor, id, 'take files');
    const [f] = await tx
      .insert(cycleReportFiles)
      .values({ reportId: id, sha256: stored.sha256, size: stored.size, mediaType, filename, caption, createdBy: actor.userId })
      .returning();
    await tx.update(cycleReports).set({ updatedAt: new Date() }).where(eq(cycleReports.id, id));
    const after = toFile(f!);
    await recordAudit(tx, actor, 'attach', AUDIT_ENTITY, id, null, { ...after, sha256: stored.sha256 });
    return after;
  });
}

export async function removeReportFile(db: Db, actor: Actor, id: number, fileId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await forWriting(tx, actor, id, 'lose files');
    const [f] = await tx.select().from(cycleReportFiles).where(eq(cycleReportFiles.id, fileId));
    if (!f || f.reportId !== id) throw notFound(`File ${fileId}`);
    await tx.delete(cycleReportFiles).where(eq(cycleReportFiles.id, fileId));
    await recordAudit(tx, actor, 'detach', AUDIT_ENTITY, id, { ...toFile(f), sha256: f.sha256 }, null);
  });
}

/** A report's file for a reader of the report. */
export async function reportFileOf(db: Db, actor: Actor, id: number, fileId: number) {
  const r = await reportRow(db, id);
  await assertCanRead(db, actor, r);
  const [f] = await db.select().from(cycleReportFiles).where(eq(cycleReportFiles.id, fileId));
  if (!f || f.reportId !== id) throw notFound(`File ${fileId}`);
  return f;
}
