// Implementing agencies' actions and progress reports on a recommendation (recommendations.service.ts): their
// organisation's editors write them, the programme office approves or returns a report; the due list.
import { eq, sql } from 'drizzle-orm';
import * as C from '../../../shared/contracts/recommendations.js';
import { audienceSet } from '../../../shared/contracts/library.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { type Db, rows } from '../../kernel/db.js';
import { notFound } from '../../kernel/errors.js';
import { vnDate } from '../../kernel/periods.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDatesWritable } from '../../kernel/dateLock.js';
import { organisations } from '../directory/directory.tables.js';
import { recActions, recReports } from './recommendations.tables.js';
import { assertImplementer, assertOffice, AUDIT, fail, listActions, listActionsOf, recLabel, toReport } from './recommendations.service.js';
import { lockRec } from './recommendations.edit.js';

// ---------------------------------------------------------------- actions

function checkAction(input: C.ActionInput) {
  if (input.status === 'done' && !input.completedOn)
    fail('validation_failed', [{ field: 'completedOn', message: 'a done action says when it was completed' }]);
  if (input.status !== 'done' && input.completedOn)
    fail('validation_failed', [{ field: 'completedOn', message: 'only a done action has a completion date' }]);
}

async function getAction(db: Db, id: number): Promise<C.Action> {
  const [a] = await db.select({ recommendationId: recActions.recommendationId }).from(recActions).where(eq(recActions.id, id));
  if (!a) throw notFound(`Action ${id}`);
  return (await listActions(db, a.recommendationId)).find((x) => x.id === id)!;
}

export async function createAction(db: Db, actor: Actor, recId: number, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.Action> {
  const input = parseInput(C.ActionInput, raw);
  checkAction(input);
  return db.transaction(async (tx) => {
    await lockRec(tx, recId);
    await assertImplementer(tx, actor, recId, input.organisationId);
    await assertDatesWritable(tx, actor, [{ field: 'completedOn', day: input.completedOn }]);
    const [a] = await tx
      .insert(recActions)
      .values({
        recommendationId: recId,
        organisationId: input.organisationId,
        title: nfc(input.title),
        targetDate: input.targetDate,
        status: input.status,
        completedOn: input.completedOn ?? null,
        audiences: audienceSet(input.audiences),
        isDemo: opts.isDemo ?? false,
      })
      .returning({ id: recActions.id });
    const after = await getAction(tx, a!.id);
    await recordAudit(tx, actor, 'create', AUDIT.action, a!.id, null, after);
    return after;
  });
}

/** Edits an action: its organisation's editors (and the new organisation's, when it moves) or the office. */
export async function updateAction(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Action> {
  const input = parseInput(C.ActionInput, raw);
  checkAction(input);
  return db.transaction(async (tx) => {
    const before = await getAction(tx, id);
    await assertImplementer(tx, actor, before.recommendationId, before.organisationId);
    if (input.organisationId !== before.organisationId) await assertImplementer(tx, actor, before.recommendationId, input.organisationId);
    await assertDatesWritable(tx, actor, [
      { field: 'completedOn', day: before.completedOn },
      { field: 'completedOn', day: input.completedOn },
    ]);
    await tx
      .update(recActions)
      .set({
        organisationId: input.organisationId,
        title: nfc(input.title),
        targetDate: input.targetDate,
        status: input.status,
        completedOn: input.completedOn ?? null,
        audiences: audienceSet(input.audiences),
        updatedAt: new Date(),
      })
      .where(eq(recActions.id, id));
    const after = await getAction(tx, id);
    await recordAudit(tx, actor, 'update', AUDIT.action, id, before, after);
    return after;
  });
}

// ---------------------------------------------------------------- progress reports

async function getReport(db: Db, id: number): Promise<C.Report> {
  const [r] = await db
    .select({ r: recReports, organisationName: organisations.nameVi })
    .from(recReports)
    .innerJoin(organisations, eq(organisations.id, recReports.organisationId))
    .where(eq(recReports.id, id));
  if (!r) throw notFound(`Progress report ${id}`);
  return toReport(r.r, r.organisationName);
}

export async function submitReport(db: Db, actor: Actor, recId: number, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.Report> {
  const input = parseInput(C.ReportInput, raw);
  return db.transaction(async (tx) => {
    await lockRec(tx, recId);
    await assertImplementer(tx, actor, recId, input.organisationId);
    const [r] = await tx
      .insert(recReports)
      .values({
        recommendationId: recId,
        organisationId: input.organisationId,
        period: input.period,
        narrative: nfc(input.narrative),
        figures: input.figures.map((f) => ({ label: nfc(f.label), value: nfc(f.value) })),
        status: 'submitted',
        submittedBy: actor.name,
        isDemo: opts.isDemo ?? false,
      })
      .returning({ id: recReports.id });
    const after = await getReport(tx, r!.id);
    await recordAudit(tx, actor, 'submit', AUDIT.report, r!.id, null, after);
    return after;
  });
}

/** Resubmits a returned report with its changes (the same organisation). */
export async function resubmitReport(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Report> {
  const input = parseInput(C.ReportInput, raw);
  return db.transaction(async (tx) => {
    const before = await getReport(tx, id);
    await assertImplementer(tx, actor, before.recommendationId, before.organisationId);
    if (input.organisationId !== before.organisationId)
      fail('validation_failed', [{ field: 'organisationId', message: 'a report stays with the organisation that submitted it' }]);
    if (before.status !== 'returned')
      fail('conflict', [{ field: 'status', message: `a ${before.status} report cannot be resubmitted; only a returned one` }]);
    await tx
      .update(recReports)
      .set({
        period: input.period,
        narrative: nfc(input.narrative),
        figures: input.figures,
        status: 'submitted',
        submittedBy: actor.name,
        submittedAt: new Date(),
      })
      .where(eq(recReports.id, id));
    const after = await getReport(tx, id);
    await recordAudit(tx, actor, 'resubmit', AUDIT.report, id, before, after);
    return after;
  });
}

/** The programme office approves a submitted report or returns it with comments (required). */
export async function reviewReport(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()): Promise<C.Report> {
  assertOffice(actor);
  const input = parseInput(C.ReviewInput, raw);
  if (input.decision === 'return' && !input.comment)
    fail('validation_failed', [{ field: 'comment', message: 'a returned report says what to change' }]);
  return db.transaction(async (tx) => {
    const before = await getReport(tx, id);
    if (before.status !== 'submitted')
      fail('conflict', [{ field: 'status', message: `a ${before.status} report cannot be reviewed; only a submitted one` }]);
    await tx
      .update(recReports)
      .set({
        status: input.decision === 'approve' ? 'approved' : 'returned',
        reviewComment: input.comment ? nfc(input.comment) : null,
        reviewedBy: actor.name,
        reviewedAt: now,
      })
      .where(eq(recReports.id, id));
    const after = await getReport(tx, id);
    await recordAudit(tx, actor, input.decision === 'approve' ? 'approve' : 'return', AUDIT.report, id, before, after);
    return after;
  });
}

/** Recommendations whose open actions are due within `days` or overdue, for the workspace's due list. */
export async function listDueActions(
  db: Db,
  opts: { organisationId?: number; days?: number } = {},
): Promise<(C.Action & { recommendationLabel: string })[]> {
  const until = vnDate(new Date(Date.now() + (opts.days ?? 30) * 86400_000));
  const r = await rows<{ id: number; rec: number; cycle: string; paragraph: string }>(
    db,
    sql`
    select a.id, a.recommendation_id as rec, r.cycle, r.paragraph from rec_actions a join recommendations r on r.id = a.recommendation_id
    where a.status in ('planned', 'in_progress') and a.target_date <= ${until}::date ${opts.organisationId ? sql`and a.organisation_id = ${opts.organisationId}` : sql``}
    order by a.target_date, a.id limit 500`,
  );
  const byRec = await listActionsOf(
    db,
    r.map((x) => Number(x.rec)),
  );
  return r.map((x) => ({ ...byRec.get(Number(x.rec))!.find((a) => a.id === Number(x.id))!, recommendationLabel: recLabel(x) }));
}
