// Plans and budgets: each organisation's yearly plan of activities (targets T1–T6, audiences, months, expected outputs,
// budget by source), the programme office's approval, versions and the spending recorded against the plan.
// Workflow of a version: draft → submitted → returned (with comments) → submitted … → approved, then locked. A change to
// an approved plan is a new version (a draft copied from it); the approved one stays in force until the new one is
// approved, then it is `superseded`. Every version is kept and readable.
// Who: editors of the organisation or of one above it (the directory's subtree rule) and the programme office write and
// submit; the programme office (admin) returns and approves; when the office has turned provincial coordinators on
// and the organisation's province has an active one, a submitted plan waits for that coordinator first (approve →
// then it waits for the office; return → back to the organisation), exactly as periodic reports do (cycle.scope.ts:
// firstStage, decides and the coordinator's checks); the office may decide at either stage. Coordinators read their
// province's plans; everyone else reads within their organisation's subtree. Every step is audited in its own
// transaction.
// Spending belongs to an activity's number (the same in every version) and a source; it is recorded against a plan
// with an approved version, for activities of that version, dated in the plan's year. An activity with spending cannot
// be removed from a later version.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { OrgKind } from '../../../shared/contracts/directory.js';
import type { IndicatorId } from '../../../shared/contracts/indicators.js';
import {
  ActivitiesInput,
  ApproveInput,
  FUNDING_SOURCES,
  PlanCreateInput,
  PlanListQuery,
  ReturnInput,
  SpendingInput,
  SummaryQuery,
  type Activity,
  type FundingSource,
  type PlanAction,
  type PlanDetail,
  type PlanEvent,
  type PlanListItem,
  type PlanStatus,
  type PlanStatusAnswer,
  type PlanSummary,
  type PlanVersion,
  type PlanVsActual,
  type SourceAmounts,
  type SpendingEntry,
  type VersionSummary,
} from '../../../shared/contracts/plans.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { intArray, iso, rows, type Db } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import type { InputIssue } from '../../kernel/input.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { isWithin, subtreeIds } from '../directory/organisations.service.js';
import { assertMayDecide, assertProvinceStage, decides, firstStage, provinceOfOrganisation } from '../cycle/cycle.scope.js';
import { loadGeo, placeOn } from '../indicators/indicators.service.js';
import { PLAN_TEMPLATES } from './plans.templates.js';
import { planActivities, planEvents, plans, planSpending, planVersions } from './plans.tables.js';

export const AUDIT_ENTITY = 'plan';
type PlanRow = typeof plans.$inferSelect;
type ParsedActivity = ReturnType<typeof ActivitiesInput.parse>['activities'][number];

// ---------------------------------------------------------------- who may do what

const isOffice = (actor: Actor) => actor.role === 'admin' || actor.role === 'system';

/** Editors of the organisation or of one above it, and the programme office. */
export async function canWritePlanOf(db: Db, actor: Actor, organisationId: number): Promise<boolean> {
  if (isOffice(actor)) return true;
  if (actor.role !== 'editor' || actor.organisationId === null) return false;
  return isWithin(db, actor.organisationId, organisationId);
}

async function assertCanWrite(db: Db, actor: Actor, organisationId: number): Promise<void> {
  if (await canWritePlanOf(db, actor, organisationId)) return;
  if (actor.role !== 'editor') throw forbidden(`Your role (${actor.role}) may not change plans`);
  throw forbidden('You may only plan for your own organisation and those below it');
}

/** Readers of an organisation's plans: its own and higher organisations' users, the coordinators of its province and
 *  the programme office. */
export async function assertCanReadPlansOf(db: Db, actor: Actor, organisationId: number): Promise<void> {
  if (isOffice(actor)) return;
  if (actor.role === 'coordinator' && actor.provinceCode && (await provinceOfOrganisation(db, organisationId))?.code === actor.provinceCode)
    return;
  if (actor.organisationId !== null && (await isWithin(db, actor.organisationId, organisationId))) return;
  throw forbidden(
    "This plan belongs to an organisation outside yours; only that organisation, those above it, its province's coordinator and the programme office see it",
  );
}

/** Only the office and (for their province, while a plan waits for it) the coordinators decide plans. */
function assertDecidingRole(actor: Actor): void {
  if (!isOffice(actor) && actor.role !== 'coordinator')
    throw forbidden("Only the programme office (or the province's coordinator, first) approves or returns plans");
}

/** The organisations whose plans the actor reads: null = all (the programme office); a coordinator, its province's. */
export async function readablePlanOrganisations(db: Db, actor: Actor): Promise<number[] | null> {
  if (isOffice(actor)) return null;
  if (actor.role === 'coordinator') {
    if (!actor.provinceCode) return [];
    const r = await rows<{ id: number }>(
      db,
      sql`select o.id from organisations o join admin_units u on u.id = o.province_unit_id where u.code = ${actor.provinceCode}`,
    );
    return r.map((x) => Number(x.id));
  }
  return actor.organisationId === null ? [] : subtreeIds(db, actor.organisationId);
}

const OPEN: readonly string[] = ['draft', 'returned'];

/** Why the latest version cannot take the step: a 409 that says what the plan's state allows. */
function stateConflict(plan: PlanRow, wanted: string): AppError {
  const why: Record<string, string> = {
    draft: 'it is a draft (not yet submitted)',
    submitted:
      plan.awaiting === 'province'
        ? 'it is submitted and awaits the provincial coordinator'
        : 'it is submitted and awaits the programme office',
    returned: 'it was returned to its organisation for changes',
    approved: 'it is approved and locked; start a new version to change it',
  };
  return new AppError('conflict', `Version ${plan.version} of this plan cannot be ${wanted}: ${why[plan.status] ?? plan.status}`, [
    { field: 'status', message: `the plan is ${plan.status}` },
  ]);
}

// ---------------------------------------------------------------- reading

const amounts = (c: number, l: number, o: number): SourceAmounts => ({ central: c, local: l, other: o, total: c + l + o });
const ZERO = amounts(0, 0, 0);
const addInto = (a: SourceAmounts, b: SourceAmounts): SourceAmounts => amounts(a.central + b.central, a.local + b.local, a.other + b.other);

/** Locks the plan's row for the caller's transaction and reads it. */
export async function lockPlanRow(db: Db, id: number): Promise<PlanRow> {
  const r = await rows<{ id: number }>(db, sql`select id from plans where id = ${id} for update`);
  if (!r.length) throw notFound(`Plan ${id}`);
  const [p] = await db.select().from(plans).where(eq(plans.id, id));
  return p!;
}

async function versionRow(db: Db, planId: number, version: number) {
  const [v] = await db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.version, version)));
  if (!v) throw notFound(`Version ${version} of plan ${planId}`);
  return v;
}

/** Spending of a plan per activity number and source. */
async function spentByActivity(db: Db, planId: number): Promise<Map<number, SourceAmounts>> {
  const r = await rows<{ no: number; source: FundingSource; amount: string }>(
    db,
    sql`
    select activity_no as no, source, sum(amount)::text as amount from plan_spending where plan_id = ${planId} group by 1, 2`,
  );
  const out = new Map<number, SourceAmounts>();
  for (const x of r) {
    const cur = out.get(Number(x.no)) ?? ZERO;
    const add = Number(x.amount);
    out.set(
      Number(x.no),
      addInto(cur, amounts(x.source === 'central' ? add : 0, x.source === 'local' ? add : 0, x.source === 'other' ? add : 0)),
    );
  }
  return out;
}

async function activitiesOf(db: Db, versionId: number, spent: Map<number, SourceAmounts>): Promise<Activity[]> {
  const r = await db
    .select()
    .from(planActivities)
    .where(eq(planActivities.versionId, versionId))
    .orderBy(asc(planActivities.position), asc(planActivities.no));
  return r.map((a) => ({
    no: a.no,
    position: a.position,
    title: a.title,
    description: a.description,
    targets: a.targets as IndicatorId[],
    audiences: a.audiences,
    startMonth: a.startMonth,
    endMonth: a.endMonth,
    expectedOutputs: a.expectedOutputs,
    budget: amounts(Number(a.budgetCentral), Number(a.budgetLocal), Number(a.budgetOther)),
    spent: spent.get(a.no) ?? ZERO,
  }));
}

type VersionRow = typeof planVersions.$inferSelect;
const summaryOf = (v: VersionRow, budget: SourceAmounts): VersionSummary => ({
  version: v.version,
  status: v.status as PlanStatus,
  note: v.note,
  createdAt: iso(v.createdAt)!,
  submittedAt: iso(v.submittedAt),
  decidedAt: iso(v.decidedAt),
  decisionComment: v.decisionComment,
  budget,
});

async function loadVersion(db: Db, planId: number, version: number): Promise<PlanVersion> {
  const v = await versionRow(db, planId, version);
  const activities = await activitiesOf(db, v.id, await spentByActivity(db, planId));
  return {
    planId,
    ...summaryOf(
      v,
      activities.reduce((s, a) => addInto(s, a.budget), ZERO),
    ),
    activityComments: (v.activityComments as { no: number; comment: string }[]) ?? [],
    activities,
  };
}

type ListRow = {
  id: number;
  organisation_id: number;
  code: string;
  name: string;
  kind: OrgKind;
  province_code: string | null;
  year: number;
  status: PlanStatus;
  awaiting: 'province' | 'office' | null;
  version: number;
  approved_version: number | null;
  planned: string;
  spent: string;
  is_demo: boolean;
  updated_at: string;
};

async function listRows(db: Db, where: SQL, page?: { limit: number; offset: number }): Promise<PlanListItem[]> {
  const r = await rows<ListRow>(
    db,
    sql`
    select p.id, p.organisation_id, o.code, o.name_vi as name, o.kind, u.code as province_code, p.year, p.status, p.awaiting, p.version, p.approved_version,
      (select coalesce(sum(a.budget_central + a.budget_local + a.budget_other), 0) from plan_versions v join plan_activities a on a.version_id = v.id
        where v.plan_id = p.id and v.version = coalesce(p.approved_version, p.version))::text as planned,
      (select coalesce(sum(s.amount), 0) from plan_spending s where s.plan_id = p.id)::text as spent,
      p.is_demo, p.updated_at
    from plans p join organisations o on o.id = p.organisation_id left join admin_units u on u.id = o.province_unit_id
    where ${where} order by p.year desc, o.name_vi, p.id ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`,
  );
  return r.map((x) => ({
    id: Number(x.id),
    organisationId: Number(x.organisation_id),
    organisationCode: x.code,
    organisationName: x.name,
    organisationKind: x.kind,
    provinceCode: x.province_code,
    year: Number(x.year),
    status: x.status,
    awaiting: x.awaiting ?? null,
    version: Number(x.version),
    approvedVersion: x.approved_version === null ? null : Number(x.approved_version),
    planned: Number(x.planned),
    spent: Number(x.spent),
    isDemo: Boolean(x.is_demo),
    updatedAt: iso(x.updated_at)!,
  }));
}

function listWhere(ids: number[] | null, q: { year?: number; organisationId?: number; status?: string; awaiting?: string }): SQL {
  const parts: SQL[] = [ids === null ? sql`true` : sql`p.organisation_id = any(${intArray(ids)})`];
  if (q.year) parts.push(sql`p.year = ${q.year}`);
  if (q.organisationId) parts.push(sql`p.organisation_id = ${q.organisationId}`);
  if (q.status) parts.push(sql`p.status = ${q.status}`);
  if (q.awaiting) parts.push(sql`p.status = 'submitted' and p.awaiting = ${q.awaiting}`);
  return sql.join(parts, sql` and `);
}

export async function listPlans(db: Db, actor: Actor, raw: unknown): Promise<{ items: PlanListItem[]; total: number }> {
  const q = parseInput(PlanListQuery, raw ?? {});
  const where = listWhere(await readablePlanOrganisations(db, actor), q);
  // one after the other: `db` may be a transaction (one connection)
  const items = await listRows(db, where, q);
  const total = await rows<{ n: number }>(db, sql`select count(*)::int as n from plans p where ${where}`);
  return { items, total: Number(total[0]?.n ?? 0) };
}

export async function getPlan(db: Db, actor: Actor, id: number): Promise<PlanDetail> {
  const [item] = await listRows(db, sql`p.id = ${id}`);
  if (!item) throw notFound(`Plan ${id}`);
  await assertCanReadPlansOf(db, actor, item.organisationId);
  const vs = await db.select().from(planVersions).where(eq(planVersions.planId, id)).orderBy(asc(planVersions.version));
  const sums = await rows<{ version_id: number; c: string; l: string; o: string }>(
    db,
    sql`
    select a.version_id, sum(a.budget_central)::text as c, sum(a.budget_local)::text as l, sum(a.budget_other)::text as o
    from plan_activities a join plan_versions v on v.id = a.version_id where v.plan_id = ${id} group by a.version_id`,
  );
  const byVersion = new Map(sums.map((s) => [Number(s.version_id), amounts(Number(s.c), Number(s.l), Number(s.o))]));
  const current = await loadVersion(db, id, item.version);
  const write = await canWritePlanOf(db, actor, item.organisationId);
  const open = OPEN.includes(item.status);
  return {
    ...item,
    versions: vs.map((v) => summaryOf(v, byVersion.get(v.id) ?? ZERO)),
    current,
    can: {
      edit: write && open,
      submit: write && open && current.activities.length > 0,
      decide: await decides(db, actor, item),
      revise: write && item.status === 'approved',
      spend: write && item.approvedVersion !== null,
    },
  };
}

/** Any version of a plan, as it was (every version is kept). */
export async function getPlanVersion(db: Db, actor: Actor, id: number, version: number): Promise<PlanVersion> {
  const [p] = await db.select().from(plans).where(eq(plans.id, id));
  if (!p) throw notFound(`Plan ${id}`);
  await assertCanReadPlansOf(db, actor, p.organisationId);
  return loadVersion(db, id, version);
}

/** The workflow's steps, newest first, with the office's comments and who took each step. */
export async function planHistory(db: Db, actor: Actor, id: number): Promise<PlanEvent[]> {
  const [p] = await db.select().from(plans).where(eq(plans.id, id));
  if (!p) throw notFound(`Plan ${id}`);
  await assertCanReadPlansOf(db, actor, p.organisationId);
  const r = await db
    .select()
    .from(planEvents)
    .where(eq(planEvents.planId, id))
    .orderBy(sql`${planEvents.id} desc`);
  return r.map((e) => ({ version: e.version, action: e.action as PlanAction, comment: e.comment, actorName: e.actorName, at: iso(e.at)! }));
}

// ---------------------------------------------------------------- activities: validation and writing

/** Every problem of a version's activities beyond the contract: months in the plan's year and in order, numbers known
 *  to the plan and not repeated, no activity with spending left out. Fields are named like the input's. */
export function activityIssues(year: number, activities: ParsedActivity[], known: Set<number>, spentNos: Set<number>): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Map<number, number>();
  activities.forEach((a, i) => {
    const f = (k: string) => `activities.${i}.${k}`;
    for (const k of ['startMonth', 'endMonth'] as const) {
      if (!a[k].startsWith(`${year}-`)) issues.push({ field: f(k), message: `must be a month of ${year}, the plan's year` });
    }
    if (a.startMonth > a.endMonth) issues.push({ field: f('endMonth'), message: 'must not be before the start month' });
    if (a.no !== null && a.no !== undefined) {
      if (!known.has(a.no))
        issues.push({ field: f('no'), message: `activity #${a.no} is not in this plan; leave the number empty for a new activity` });
      else if (seen.has(a.no))
        issues.push({ field: f('no'), message: `activity #${a.no} appears twice (also as activity ${seen.get(a.no)! + 1})` });
      seen.set(a.no, i);
    }
  });
  for (const no of [...spentNos].sort((x, y) => x - y)) {
    if (!seen.has(no))
      issues.push({ field: 'activities', message: `activity #${no} has spending recorded against it and cannot be removed` });
  }
  return issues;
}

/** Activity numbers the plan has used (any version) and those with spending. */
export async function planNumbers(db: Db, planId: number): Promise<{ known: Set<number>; spent: Set<number> }> {
  const k = await rows<{ no: number }>(
    db,
    sql`select distinct a.no from plan_activities a join plan_versions v on v.id = a.version_id where v.plan_id = ${planId}`,
  );
  const s = await rows<{ no: number }>(db, sql`select distinct activity_no as no from plan_spending where plan_id = ${planId}`);
  return { known: new Set(k.map((x) => Number(x.no))), spent: new Set(s.map((x) => Number(x.no))) };
}

/** Replaces a version's activities (checked first: validation_failed naming every bad field); new ones get numbers. */
async function writeActivities(db: Db, plan: PlanRow, versionId: number, activities: ParsedActivity[]): Promise<void> {
  const { known, spent } = await planNumbers(db, plan.id);
  const issues = activityIssues(plan.year, activities, known, spent);
  if (issues.length) throw new AppError('validation_failed', issues.map((d) => `${d.field}: ${d.message}`).join('; '), issues);
  let next = plan.nextActivityNo;
  await db.delete(planActivities).where(eq(planActivities.versionId, versionId));
  const values = activities.map((a, i) => ({
    versionId,
    no: a.no ?? next++,
    position: i + 1,
    title: nfc(a.title),
    description: a.description ? nfc(a.description) : null,
    targets: [...new Set(a.targets)],
    audiences: [...new Set(a.audiences)].sort((x, y) => x - y),
    startMonth: a.startMonth,
    endMonth: a.endMonth,
    expectedOutputs: a.expectedOutputs ? nfc(a.expectedOutputs) : null,
    budgetCentral: a.budget.central,
    budgetLocal: a.budget.local,
    budgetOther: a.budget.other,
  }));
  if (values.length) await db.insert(planActivities).values(values);
  if (next !== plan.nextActivityNo) await db.update(plans).set({ nextActivityNo: next }).where(eq(plans.id, plan.id));
  plan.nextActivityNo = next;
}

async function addEvent(db: Db, actor: Actor, planId: number, version: number, action: PlanAction, comment: string | null = null) {
  await db.insert(planEvents).values({ planId, version, action, comment, actorId: actor.userId, actorName: actor.name });
}

async function touch(db: Db, planId: number, set: Partial<typeof plans.$inferInsert> = {}) {
  await db
    .update(plans)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(plans.id, planId));
}

// ---------------------------------------------------------------- creating and editing

/** The activities a new plan starts with: none, its kind's template, or its previous year's plan (the version in force,
 *  else the latest), moved to the new year with their budgets (numbers are the new plan's own). */
async function startingActivities(
  db: Db,
  start: 'empty' | 'template' | 'copy',
  org: { id: number; kind: OrgKind },
  year: number,
): Promise<ParsedActivity[]> {
  if (start === 'template') {
    return PLAN_TEMPLATES[org.kind].map((t) => ({
      no: null,
      title: t.title,
      description: null,
      targets: t.targets,
      audiences: t.audiences,
      expectedOutputs: t.expectedOutputs,
      startMonth: `${year}-${String(t.startMonth).padStart(2, '0')}`,
      endMonth: `${year}-${String(t.endMonth).padStart(2, '0')}`,
      budget: { central: 0, local: 0, other: 0 },
    }));
  }
  if (start === 'copy') {
    const [prev] = await db
      .select()
      .from(plans)
      .where(and(eq(plans.organisationId, org.id), eq(plans.year, year - 1)));
    if (!prev)
      throw new AppError('validation_failed', `There is no ${year - 1} plan of this organisation to copy`, [
        { field: 'start', message: `no plan for ${year - 1} to copy` },
      ]);
    const v = await loadVersion(db, prev.id, prev.approvedVersion ?? prev.version);
    const shift = (m: string) => `${year}-${m.slice(5, 7)}`;
    return v.activities.map((a) => ({
      no: null,
      title: a.title,
      description: a.description,
      targets: a.targets,
      audiences: a.audiences,
      expectedOutputs: a.expectedOutputs,
      startMonth: shift(a.startMonth),
      endMonth: shift(a.endMonth),
      budget: { central: a.budget.central, local: a.budget.local, other: a.budget.other },
    }));
  }
  return [];
}

/** The plan's row and its version 1 (an empty draft), with the event and audit of its creation; the caller checked the
 *  actor may write for the organisation and that it has no plan for the year. */
export async function insertPlan(
  db: Db,
  actor: Actor,
  organisationId: number,
  year: number,
  opts: { isDemo?: boolean; start?: string },
): Promise<PlanRow> {
  const [p] = await db
    .insert(plans)
    .values({ organisationId, year, isDemo: opts.isDemo ?? false })
    .returning();
  await db.insert(planVersions).values({ planId: p!.id, version: 1, status: 'draft', createdBy: actor.userId });
  await addEvent(db, actor, p!.id, 1, 'created', opts.start && opts.start !== 'empty' ? opts.start : null);
  await recordAudit(db, actor, 'create', AUDIT_ENTITY, p!.id, null, {
    organisationId,
    year,
    version: 1,
    status: 'draft',
    start: opts.start ?? 'empty',
  });
  return p!;
}

/** Whether `e` (or an error it wraps) is the unique index of (organisation, year): a create that lost a race. */
function isSecondPlan(e: unknown): boolean {
  const chain: unknown[] = [];
  for (let x: unknown = e; x && chain.length < 4; x = (x as { cause?: unknown }).cause) chain.push(x);
  return chain.some(
    (x) =>
      (x as { code?: string }).code === '23505' &&
      String((x as { constraint?: string; message?: string }).constraint ?? (x as { message?: string }).message).includes(
        'plans_org_year_uq',
      ),
  );
}

/** Creates an organisation's plan for a year: version 1, a draft. */
export async function createPlan(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<PlanDetail> {
  const input = parseInput(PlanCreateInput, raw);
  return createPlanIn(db, actor, input, opts).catch((e: unknown) => {
    if (isSecondPlan(e))
      throw new AppError('conflict', `This organisation already has a plan for ${input.year}`, [
        { field: 'year', message: `a plan for ${input.year} exists` },
      ]);
    throw e;
  });
}

async function createPlanIn(
  db: Db,
  actor: Actor,
  input: ReturnType<typeof PlanCreateInput.parse>,
  opts: { isDemo?: boolean },
): Promise<PlanDetail> {
  return db.transaction(async (tx) => {
    const [org] = await rows<{ id: number; kind: OrgKind; active: boolean }>(
      tx,
      sql`select id, kind, active from organisations where id = ${input.organisationId}`,
    );
    if (!org)
      throw new AppError('validation_failed', `Organisation ${input.organisationId} does not exist`, [
        { field: 'organisationId', message: 'no such organisation' },
      ]);
    await assertCanWrite(tx, actor, org.id);
    const [existing] = await tx
      .select({ id: plans.id })
      .from(plans)
      .where(and(eq(plans.organisationId, org.id), eq(plans.year, input.year)));
    if (existing)
      throw new AppError('conflict', `This organisation already has a plan for ${input.year} (plan ${existing.id})`, [
        { field: 'year', message: `a plan for ${input.year} exists` },
      ]);
    const activities = input.activities ?? (await startingActivities(tx, input.start, { id: Number(org.id), kind: org.kind }, input.year));
    const p = await insertPlan(tx, actor, org.id, input.year, { isDemo: opts.isDemo, start: input.start });
    if (activities.length) {
      await writeActivities(tx, p, (await versionRow(tx, p.id, 1)).id, activities);
      await recordAudit(tx, actor, 'update', AUDIT_ENTITY, p.id, null, await loadVersion(tx, p.id, 1));
    }
    return getPlan(tx, actor, p.id);
  });
}

/** Replaces the activities of the plan's open version (a draft, or one returned for changes). */
export async function saveActivities(db: Db, actor: Actor, id: number, raw: unknown): Promise<PlanDetail> {
  const input = parseInput(ActivitiesInput, raw);
  return db.transaction(async (tx) => {
    const plan = await lockPlanRow(tx, id);
    await assertCanWrite(tx, actor, plan.organisationId);
    if (!OPEN.includes(plan.status)) throw stateConflict(plan, 'changed');
    return replaceOpenVersion(tx, actor, plan, input.activities, input.note ?? null, 'edited');
  });
}

/** Writes the open version's activities (the caller checked the plan is open and locked it), with its event and audit. */
export async function replaceOpenVersion(
  db: Db,
  actor: Actor,
  plan: PlanRow,
  activities: ParsedActivity[],
  note: string | null,
  action: 'edited' | 'imported',
): Promise<PlanDetail> {
  const v = await versionRow(db, plan.id, plan.version);
  const before = await loadVersion(db, plan.id, plan.version);
  await writeActivities(db, plan, v.id, activities);
  await db
    .update(planVersions)
    .set({ note: note ? nfc(note) : null })
    .where(eq(planVersions.id, v.id));
  await touch(db, plan.id);
  await addEvent(db, actor, plan.id, plan.version, action);
  const after = await getPlan(db, actor, plan.id);
  await recordAudit(db, actor, action === 'imported' ? 'import' : 'update', AUDIT_ENTITY, plan.id, before, after.current);
  return after;
}

// ---------------------------------------------------------------- the workflow

export async function submitPlan(db: Db, actor: Actor, id: number): Promise<PlanDetail> {
  return db.transaction(async (tx) => {
    const plan = await lockPlanRow(tx, id);
    await assertCanWrite(tx, actor, plan.organisationId);
    if (!OPEN.includes(plan.status)) throw stateConflict(plan, 'submitted');
    const v = await versionRow(tx, id, plan.version);
    const [n] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from plan_activities where version_id = ${v.id}`);
    if (!Number(n?.n))
      throw new AppError('validation_failed', 'A plan needs at least one activity before it is submitted', [
        { field: 'activities', message: 'add at least one activity' },
      ]);
    const now = new Date();
    const awaiting = await firstStage(tx, plan.organisationId);
    await tx
      .update(planVersions)
      .set({ status: 'submitted', submittedBy: actor.userId, submittedAt: now })
      .where(eq(planVersions.id, v.id));
    await touch(tx, id, { status: 'submitted', awaiting });
    await addEvent(tx, actor, id, plan.version, 'submitted', awaiting === 'province' ? 'awaiting: province' : null);
    await recordAudit(
      tx,
      actor,
      'submit',
      AUDIT_ENTITY,
      id,
      { version: plan.version, status: plan.status },
      { version: plan.version, status: 'submitted', awaiting },
    );
    return getPlan(tx, actor, id);
  });
}

/** Locks a submitted plan for a decision by the actor: the office at either stage, the coordinator of the plan's
 *  organisation's province while it waits for the province (refused outside it, naming both provinces). */
async function forDeciding(tx: Db, actor: Actor, id: number, verb: 'approve' | 'return'): Promise<PlanRow> {
  assertDecidingRole(actor);
  const plan = await lockPlanRow(tx, id);
  await assertMayDecide(tx, actor, plan.organisationId, 'plan', verb);
  if (plan.status !== 'submitted') throw stateConflict(plan, verb === 'approve' ? 'approved' : 'returned');
  await assertProvinceStage(tx, actor, plan, `Plan ${id}`, 'plan');
  return plan;
}

/** The office or the province's coordinator sends the submitted version back with what to change (and comments on
 *  single activities). */
export async function returnPlan(db: Db, actor: Actor, id: number, raw: unknown): Promise<PlanDetail> {
  assertDecidingRole(actor);
  const input = parseInput(ReturnInput, raw);
  return db.transaction(async (tx) => {
    const plan = await forDeciding(tx, actor, id, 'return');
    const v = await versionRow(tx, id, plan.version);
    const nos = new Set(
      (await tx.select({ no: planActivities.no }).from(planActivities).where(eq(planActivities.versionId, v.id))).map((a) => a.no),
    );
    const bad = input.activityComments.map((c, i) => ({ c, i })).filter(({ c }) => !nos.has(c.no));
    if (bad.length)
      throw new AppError(
        'validation_failed',
        'Comments name activities that are not in this version',
        bad.map(({ c, i }) => ({ field: `activityComments.${i}.no`, message: `activity #${c.no} is not in version ${plan.version}` })),
      );
    const comment = nfc(input.comment);
    const activityComments = input.activityComments.map((c) => ({ no: c.no, comment: nfc(c.comment) }));
    await tx
      .update(planVersions)
      .set({ status: 'returned', decidedBy: actor.userId, decidedAt: new Date(), decisionComment: comment, activityComments })
      .where(eq(planVersions.id, v.id));
    await touch(tx, id, { status: 'returned', awaiting: null });
    const byProvince = actor.role === 'coordinator';
    await addEvent(
      tx,
      actor,
      id,
      plan.version,
      byProvince ? 'returned_by_province' : 'returned',
      [comment, ...activityComments.map((c) => `#${c.no}: ${c.comment}`)].join('\n'),
    );
    await recordAudit(
      tx,
      actor,
      byProvince ? 'return_by_province' : 'return',
      AUDIT_ENTITY,
      id,
      { version: plan.version, status: 'submitted', awaiting: plan.awaiting },
      { version: plan.version, status: 'returned', comment, activityComments },
    );
    return getPlan(tx, actor, id);
  });
}

/** The province's coordinator approves the submitted version for its province: it then waits for the office. The office
 *  approves it: it comes into force and is locked; an earlier approved one is superseded. */
export async function approvePlan(db: Db, actor: Actor, id: number, raw: unknown = {}): Promise<PlanDetail> {
  assertDecidingRole(actor);
  const input = parseInput(ApproveInput, raw ?? {});
  return db.transaction(async (tx) => {
    const plan = await forDeciding(tx, actor, id, 'approve');
    const comment = input.comment ? nfc(input.comment) : null;
    if (actor.role === 'coordinator') {
      await touch(tx, id, { awaiting: 'office' });
      await addEvent(tx, actor, id, plan.version, 'approved_by_province', comment);
      await recordAudit(
        tx,
        actor,
        'approve_by_province',
        AUDIT_ENTITY,
        id,
        { version: plan.version, status: 'submitted', awaiting: 'province' },
        { version: plan.version, status: 'submitted', awaiting: 'office', comment },
      );
      return getPlan(tx, actor, id);
    }
    if (plan.approvedVersion !== null) {
      await tx
        .update(planVersions)
        .set({ status: 'superseded' })
        .where(and(eq(planVersions.planId, id), eq(planVersions.version, plan.approvedVersion)));
    }
    await tx
      .update(planVersions)
      .set({ status: 'approved', decidedBy: actor.userId, decidedAt: new Date(), decisionComment: comment, activityComments: [] })
      .where(and(eq(planVersions.planId, id), eq(planVersions.version, plan.version)));
    await touch(tx, id, { status: 'approved', awaiting: null, approvedVersion: plan.version });
    await addEvent(tx, actor, id, plan.version, 'approved', comment);
    await recordAudit(
      tx,
      actor,
      'approve',
      AUDIT_ENTITY,
      id,
      { version: plan.version, status: 'submitted', approvedVersion: plan.approvedVersion },
      { version: plan.version, status: 'approved', approvedVersion: plan.version, comment },
    );
    return getPlan(tx, actor, id);
  });
}

/** Starts a new version of an approved plan: a draft copied from the version in force (which stays in force meanwhile). */
export async function revisePlan(db: Db, actor: Actor, id: number): Promise<PlanDetail> {
  return db.transaction(async (tx) => {
    const plan = await lockPlanRow(tx, id);
    await assertCanWrite(tx, actor, plan.organisationId);
    if (plan.status !== 'approved') {
      throw new AppError(
        'conflict',
        `Only an approved plan gets a new version; version ${plan.version} is ${plan.status}: change it as it is`,
        [{ field: 'status', message: `the plan is ${plan.status}` }],
      );
    }
    await startVersion(tx, actor, plan);
    return getPlan(tx, actor, id);
  });
}

/** A new draft version copied from the latest (approved) one; the caller locked the plan. */
export async function startVersion(db: Db, actor: Actor, plan: PlanRow): Promise<void> {
  const from = await versionRow(db, plan.id, plan.version);
  const version = plan.version + 1;
  const [v] = await db
    .insert(planVersions)
    .values({ planId: plan.id, version, status: 'draft', createdBy: actor.userId, note: from.note })
    .returning({ id: planVersions.id });
  await db.execute(sql`insert into plan_activities (version_id, no, position, title, description, targets, audiences, start_month, end_month, expected_outputs, budget_central, budget_local, budget_other)
    select ${v!.id}, no, position, title, description, targets, audiences, start_month, end_month, expected_outputs, budget_central, budget_local, budget_other
    from plan_activities where version_id = ${from.id}`);
  await touch(db, plan.id, { version, status: 'draft' });
  await addEvent(db, actor, plan.id, version, 'revised');
  await recordAudit(
    db,
    actor,
    'revise',
    AUDIT_ENTITY,
    plan.id,
    { version: plan.version, status: plan.status },
    { version, status: 'draft', from: plan.version },
  );
  plan.version = version;
  plan.status = 'draft';
}

// ---------------------------------------------------------------- spending

const toEntry = (s: typeof planSpending.$inferSelect): SpendingEntry => ({
  id: s.id,
  activityNo: s.activityNo,
  source: s.source as FundingSource,
  amount: Number(s.amount),
  spentOn: s.spentOn,
  note: s.note,
  createdAt: iso(s.createdAt)!,
});

export async function listSpending(db: Db, actor: Actor, planId: number): Promise<SpendingEntry[]> {
  const [p] = await db.select().from(plans).where(eq(plans.id, planId));
  if (!p) throw notFound(`Plan ${planId}`);
  await assertCanReadPlansOf(db, actor, p.organisationId);
  const r = await db
    .select()
    .from(planSpending)
    .where(eq(planSpending.planId, planId))
    .orderBy(asc(planSpending.spentOn), asc(planSpending.id));
  return r.map(toEntry);
}

/** Checks one spending entry against the plan (approved version, its activity, the plan's year): the problems by field. */
export async function spendingIssues(db: Db, plan: PlanRow, input: ReturnType<typeof SpendingInput.parse>): Promise<InputIssue[]> {
  if (plan.approvedVersion === null)
    return [{ field: 'activityNo', message: 'spending is recorded against an approved plan; this plan has no approved version yet' }];
  const issues: InputIssue[] = [];
  const v = await versionRow(db, plan.id, plan.approvedVersion);
  const [a] = await db
    .select({ no: planActivities.no })
    .from(planActivities)
    .where(and(eq(planActivities.versionId, v.id), eq(planActivities.no, input.activityNo)));
  if (!a)
    issues.push({
      field: 'activityNo',
      message: `activity #${input.activityNo} is not in the approved plan (version ${plan.approvedVersion})`,
    });
  if (!input.spentOn.startsWith(`${plan.year}-`) || Number.isNaN(Date.parse(input.spentOn)))
    issues.push({ field: 'spentOn', message: `must be a day of ${plan.year}, the plan's year` });
  return issues;
}

export async function recordSpending(db: Db, actor: Actor, planId: number, raw: unknown): Promise<SpendingEntry> {
  const input = parseInput(SpendingInput, raw);
  return db.transaction(async (tx) => {
    const plan = await lockPlanRow(tx, planId);
    await assertCanWrite(tx, actor, plan.organisationId);
    const issues = await spendingIssues(tx, plan, input);
    if (issues.length) throw new AppError('validation_failed', issues.map((d) => `${d.field}: ${d.message}`).join('; '), issues);
    const [s] = await tx
      .insert(planSpending)
      .values({
        planId,
        activityNo: input.activityNo,
        source: input.source,
        amount: input.amount,
        spentOn: input.spentOn,
        note: input.note ? nfc(input.note) : null,
        createdBy: actor.userId,
      })
      .returning();
    await touch(tx, planId);
    const entry = toEntry(s!);
    await recordAudit(tx, actor, 'record-spending', AUDIT_ENTITY, planId, null, entry);
    return entry;
  });
}

/** Removes a wrong spending entry (the audit log keeps it). */
export async function deleteSpending(db: Db, actor: Actor, planId: number, spendingId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await lockPlanRow(tx, planId);
    await assertCanWrite(tx, actor, plan.organisationId);
    const [s] = await tx
      .select()
      .from(planSpending)
      .where(and(eq(planSpending.id, spendingId), eq(planSpending.planId, planId)));
    if (!s) throw notFound(`Spending entry ${spendingId} of plan ${planId}`);
    await tx.delete(planSpending).where(eq(planSpending.id, spendingId));
    await touch(tx, planId);
    await recordAudit(tx, actor, 'delete-spending', AUDIT_ENTITY, planId, toEntry(s), null);
  });
}

// ---------------------------------------------------------------- for other modules: status and plan vs actual

/** Where an organisation's plan for a year stands: `none`, or the latest version's status and the version in force. */
export async function planStatus(db: Db, q: { organisationId: number; year: number }): Promise<PlanStatusAnswer> {
  const [p] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.organisationId, q.organisationId), eq(plans.year, q.year)));
  if (!p)
    return {
      organisationId: q.organisationId,
      year: q.year,
      planId: null,
      status: 'none',
      version: null,
      approvedVersion: null,
      submittedAt: null,
      approvedAt: null,
      returnComment: null,
    };
  const latest = await versionRow(db, p.id, p.version);
  const approved = p.approvedVersion === null ? null : await versionRow(db, p.id, p.approvedVersion);
  return {
    organisationId: q.organisationId,
    year: q.year,
    planId: p.id,
    status: p.status as PlanStatus,
    version: p.version,
    approvedVersion: p.approvedVersion,
    submittedAt: iso(latest.submittedAt),
    approvedAt: approved ? iso(approved.decidedAt) : null,
    returnComment: p.status === 'returned' ? latest.decisionComment : null,
  };
}

type BasisActivity = { plan_id: number; no: number; targets: IndicatorId[]; bc: string; bl: string; bo: string };
type SpentRow = { plan_id: number; no: number; source: FundingSource; amount: string };

/** The activities of each plan's basis version (the version in force, else the latest) and the spending per plan,
 *  activity and source, for the plans `where` selects (alias p). */
async function basisFigures(db: Db, where: SQL): Promise<{ activities: BasisActivity[]; spent: SpentRow[] }> {
  const activities = await rows<BasisActivity>(
    db,
    sql`select p.id as plan_id, a.no, a.targets, a.budget_central::text as bc, a.budget_local::text as bl, a.budget_other::text as bo
      from plans p join plan_versions v on v.plan_id = p.id and v.version = coalesce(p.approved_version, p.version)
      join plan_activities a on a.version_id = v.id where ${where}`,
  );
  const spent = await rows<SpentRow>(
    db,
    sql`select s.plan_id, s.activity_no as no, s.source, sum(s.amount)::text as amount
      from plan_spending s join plans p on p.id = s.plan_id where ${where} group by 1, 2, 3`,
  );
  return { activities, spent };
}

const bySourceOf = (x: { bc: string; bl: string; bo: string }) => amounts(Number(x.bc), Number(x.bl), Number(x.bo));
const oneSource = (source: FundingSource, n: number) =>
  amounts(source === 'central' ? n : 0, source === 'local' ? n : 0, source === 'other' ? n : 0);

/** Planned and spent per plan: totals and per target (an activity serving several targets counts for each). */
function tallyPlans(f: { activities: BasisActivity[]; spent: SpentRow[] }) {
  const key = (plan: number, no: number) => `${plan}:${no}`;
  const targetsOf = new Map(f.activities.map((a) => [key(Number(a.plan_id), Number(a.no)), a.targets]));
  type Tally = {
    planned: SourceAmounts;
    spent: SourceAmounts;
    byTarget: Map<IndicatorId, { planned: SourceAmounts; spent: SourceAmounts; activities: number }>;
  };
  const out = new Map<number, Tally>();
  const of = (plan: number) => {
    let t = out.get(plan);
    if (!t) out.set(plan, (t = { planned: ZERO, spent: ZERO, byTarget: new Map() }));
    return t;
  };
  const target = (t: Tally, id: IndicatorId) => {
    let x = t.byTarget.get(id);
    if (!x) t.byTarget.set(id, (x = { planned: ZERO, spent: ZERO, activities: 0 }));
    return x;
  };
  for (const a of f.activities) {
    const t = of(Number(a.plan_id));
    const b = bySourceOf(a);
    t.planned = addInto(t.planned, b);
    for (const id of a.targets) {
      const x = target(t, id);
      x.planned = addInto(x.planned, b);
      x.activities++;
    }
  }
  for (const s of f.spent) {
    const t = of(Number(s.plan_id));
    const add = oneSource(s.source, Number(s.amount));
    t.spent = addInto(t.spent, add);
    for (const id of targetsOf.get(key(Number(s.plan_id), Number(s.no))) ?? []) {
      const x = target(t, id);
      x.spent = addInto(x.spent, add);
    }
  }
  return out;
}

const TARGET_ORDER = ['T1', 'T2a', 'T2b', 'T2c', 'T2d', 'T3', 'T4a', 'T4b', 'T5a', 'T5b', 'T5c', 'T6'];
const byTargetOrder = (a: IndicatorId, b: IndicatorId) => TARGET_ORDER.indexOf(a) - TARGET_ORDER.indexOf(b);

/** Planned and spent for one organisation's plan of a year, per target and source: planned from the version in force
 *  (else the latest version), spent from every spending entry. An activity serving several targets counts in full for
 *  each; the totals and `bySource` count it once. No plan: empty rows and `basis` null. */
export async function planVsActual(db: Db, q: { organisationId: number; year: number }): Promise<PlanVsActual> {
  const [p] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.organisationId, q.organisationId), eq(plans.year, q.year)));
  if (!p)
    return {
      organisationId: q.organisationId,
      year: q.year,
      basis: null,
      byTarget: [],
      bySource: FUNDING_SOURCES.map((source) => ({ source, planned: 0, spent: 0 })),
      total: { planned: 0, spent: 0 },
    };
  const basis = p.approvedVersion ?? p.version;
  const v = await versionRow(db, p.id, basis);
  const t = tallyPlans(await basisFigures(db, sql`p.id = ${p.id}`)).get(p.id) ?? { planned: ZERO, spent: ZERO, byTarget: new Map() };
  const byTarget = [...t.byTarget.entries()]
    .sort(([a], [b]) => byTargetOrder(a, b))
    .flatMap(([target, x]) => FUNDING_SOURCES.map((source) => ({ target, source, planned: x.planned[source], spent: x.spent[source] })));
  return {
    organisationId: q.organisationId,
    year: q.year,
    basis: { version: basis, status: v.status as PlanStatus },
    byTarget,
    bySource: FUNDING_SOURCES.map((source) => ({ source, planned: t.planned[source], spent: t.spent[source] })),
    total: { planned: t.planned.total, spent: t.spent.total },
  };
}

// ---------------------------------------------------------------- plan vs actual across organisations

type SummaryPlan = {
  id: number;
  organisation_id: number;
  code: string;
  name: string;
  kind: OrgKind;
  status: PlanStatus;
  version: number;
  basis: number;
  map: string | null;
  unit: string | null;
};

/** Plan vs actual of a year for every plan the reader sees (within the filters): by organisation, by province on the
 *  chosen map (an organisation of a merged province counts for each former unit on the 63-unit map, marked attributed;
 *  central and abroad: `_none`), by target and by source. */
export async function planSummary(db: Db, actor: Actor, raw: unknown): Promise<PlanSummary> {
  const q = parseInput(SummaryQuery, raw);
  const parts: SQL[] = [sql`p.year = ${q.year}`];
  const ids = await readablePlanOrganisations(db, actor);
  if (ids !== null) parts.push(sql`p.organisation_id = any(${intArray(ids)})`);
  if (q.organisationId) parts.push(sql`p.organisation_id = any(${intArray(await subtreeIds(db, q.organisationId))})`);
  if (q.orgKind) parts.push(sql`p.organisation_id in (select id from organisations where kind = ${q.orgKind})`);
  const where = sql.join(parts, sql` and `);
  const geo = await loadGeo(db);
  const ps = (
    await rows<SummaryPlan>(
      db,
      sql`
    select p.id, p.organisation_id, o.code, o.name_vi as name, o.kind, p.status, p.version, coalesce(p.approved_version, p.version) as basis, u.map_version as map, u.code as unit
    from plans p join organisations o on o.id = p.organisation_id left join admin_units u on u.id = o.province_unit_id
    where ${where} order by o.name_vi, p.id`,
    )
  )
    .map((p) => ({ ...p, place: placeOn(geo, p.map && p.unit ? { map: p.map as '34' | '63', code: p.unit } : null, q.map) }))
    .filter((p) => !q.province || p.place.codes.includes(q.province.padStart(2, '0')));
  const tallies = ps.length ? tallyPlans(await basisFigures(db, sql`p.id = any(${intArray(ps.map((p) => Number(p.id)))})`)) : new Map();
  const empty = { planned: ZERO, spent: ZERO, byTarget: new Map() };
  const total = { planned: ZERO, spent: ZERO };
  const provinces = new Map<string, { planned: SourceAmounts; spent: SourceAmounts; organisations: Set<number>; attributed: boolean }>();
  const targets = new Map<IndicatorId, { planned: SourceAmounts; spent: SourceAmounts; activities: number }>();
  const byOrganisation = ps.map((p) => {
    const t = tallies.get(Number(p.id)) ?? empty;
    total.planned = addInto(total.planned, t.planned);
    total.spent = addInto(total.spent, t.spent);
    for (const code of p.place.codes.length ? p.place.codes : ['_none']) {
      const g = provinces.get(code) ?? { planned: ZERO, spent: ZERO, organisations: new Set<number>(), attributed: false };
      g.planned = addInto(g.planned, t.planned);
      g.spent = addInto(g.spent, t.spent);
      g.organisations.add(Number(p.organisation_id));
      g.attributed ||= p.place.attributed;
      provinces.set(code, g);
    }
    for (const [id, x] of t.byTarget as Map<IndicatorId, { planned: SourceAmounts; spent: SourceAmounts; activities: number }>) {
      const g = targets.get(id) ?? { planned: ZERO, spent: ZERO, activities: 0 };
      targets.set(id, {
        planned: addInto(g.planned, x.planned),
        spent: addInto(g.spent, x.spent),
        activities: g.activities + x.activities,
      });
    }
    return {
      organisationId: Number(p.organisation_id),
      code: p.code,
      name: p.name,
      kind: p.kind,
      provinceCode: p.unit,
      planId: Number(p.id),
      status: p.status,
      version: Number(p.version),
      basisVersion: Number(p.basis),
      planned: t.planned,
      spent: t.spent,
    };
  });
  const names = geo.names[q.map];
  const byProvince = [...names.keys()]
    .filter((code) => !q.province || code === q.province.padStart(2, '0'))
    .map((code) => {
      const g = provinces.get(code);
      return {
        key: code,
        nameVi: names.get(code)!.vi,
        nameEn: names.get(code)!.en,
        planned: g?.planned ?? ZERO,
        spent: g?.spent ?? ZERO,
        organisations: g?.organisations.size ?? 0,
        attributed: g?.attributed ?? false,
      };
    });
  const none = provinces.get('_none');
  if (none)
    byProvince.push({
      key: '_none',
      nameVi: 'Trung ương và nước ngoài',
      nameEn: 'Central and abroad',
      planned: none.planned,
      spent: none.spent,
      organisations: none.organisations.size,
      attributed: false,
    });
  return {
    year: q.year,
    map: q.map,
    plans: ps.length,
    total,
    byOrganisation,
    byProvince,
    byTarget: [...targets.entries()].sort(([a], [b]) => byTargetOrder(a, b)).map(([target, x]) => ({ target, ...x })),
    bySource: FUNDING_SOURCES.map((source) => ({ source, planned: total.planned[source], spent: total.spent[source] })),
  };
}

export type { ParsedActivity, PlanRow };
