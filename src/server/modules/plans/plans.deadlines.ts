// The office's deadline for each year's plans (issue 17): at most one per year, set, moved or removed by the office
// (audited), never in the past (system actors — demo data, imports of past calendars — excepted), and within the year
// before the plan's year or the year itself. Who is expected to plan for a year: every active organisation with a plan
// for it (in any state), or with an approved plan for the year before. The notification source (plans.notifications.ts)
// tells the focal points of those whose plan is not submitted as the deadline comes and once it has passed.
import { asc, eq, sql } from 'drizzle-orm';
import * as C from '../../../shared/contracts/plans.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { iso, rows, type Db } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { users } from '../directory/directory.tables.js';
import { assertDeadline } from '../cycle/cycle.periods.js';
import { assertOffice } from '../cycle/cycle.scope.js';
import { planDeadlines } from './plans.tables.js';

const AUDIT_ENTITY = 'plan_deadline';
/** A plan is "in" once submitted (waiting for the province or the office) or approved. */
export const PLAN_IN = ['submitted', 'approved'];

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < C.PLAN_FIRST_YEAR || year > C.PLAN_LAST_YEAR)
    throw new AppError('validation_failed', `Not a year of the programme: ${year}`, [
      { field: 'year', message: `a year of the programme (${C.PLAN_FIRST_YEAR}–${C.PLAN_LAST_YEAR})` },
    ]);
}

/** The organisations expected to plan for `year`, each with its plan's id and status for the year (null: none yet). */
export async function expectedPlanners(db: Db, year: number): Promise<Map<number, { planId: number | null; status: string | null }>> {
  const r = await rows<{ org: number; plan: number | null; status: string | null }>(
    db,
    sql`select o.id as org, p.id as plan, p.status from organisations o
      left join plans p on p.organisation_id = o.id and p.year = ${year}
      where o.active and (p.id is not null or exists (select 1 from plans q where q.organisation_id = o.id and q.year = ${year - 1}
        and q.approved_version is not null))
      order by o.id`,
  );
  return new Map(r.map((x) => [Number(x.org), { planId: x.plan === null ? null : Number(x.plan), status: x.status }]));
}

async function counts(db: Db, year: number): Promise<{ expected: number; submitted: number }> {
  const m = await expectedPlanners(db, year);
  let submitted = 0;
  for (const v of m.values()) if (v.status && PLAN_IN.includes(v.status)) submitted += 1;
  return { expected: m.size, submitted };
}

type Row = { year: number; deadline: string; setBy: string | null; setAt: Date | string };
async function toDeadline(db: Db, r: Row): Promise<C.PlanDeadline> {
  return { year: r.year, deadline: r.deadline, setBy: r.setBy, setAt: iso(r.setAt)!, ...(await counts(db, r.year)) };
}

const select = (db: Db) =>
  db
    .select({ year: planDeadlines.year, deadline: planDeadlines.deadline, setBy: users.displayName, setAt: planDeadlines.setAt })
    .from(planDeadlines)
    .leftJoin(users, eq(users.id, planDeadlines.setBy));

/** Every year's plan deadline, oldest year first (anyone signed in may read the calendar). */
export async function listPlanDeadlines(db: Db): Promise<C.PlanDeadline[]> {
  const r = await select(db).orderBy(asc(planDeadlines.year));
  const out: C.PlanDeadline[] = [];
  for (const x of r) out.push(await toDeadline(db, x));
  return out;
}

export async function getPlanDeadline(db: Db, year: number): Promise<C.PlanDeadline | null> {
  const [r] = await select(db).where(eq(planDeadlines.year, year));
  return r ? toDeadline(db, r) : null;
}

/** Sets or moves the deadline of `year`'s plans (the office). */
export async function setPlanDeadline(
  db: Db,
  actor: Actor,
  year: number,
  raw: unknown,
  opts: { isDemo?: boolean } = {},
): Promise<C.PlanDeadline> {
  assertOffice(actor, "set the plans' deadline");
  assertYear(year);
  const input = parseInput(C.PlanDeadlineInput, raw);
  assertDeadline(input.deadline, `${year - 1}-01-01`, actor.role === 'system');
  if (input.deadline > `${year}-12-31`)
    throw new AppError('validation_failed', `The deadline ${input.deadline} is after the plan's year ${year}`, [
      { field: 'deadline', message: `after the end of ${year} (a plan is made before or during its year)` },
    ]);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(planDeadlines).where(eq(planDeadlines.year, year)).for('update');
    const values = { deadline: input.deadline, setBy: actor.userId, setAt: new Date() };
    await tx
      .insert(planDeadlines)
      .values({ year, ...values, isDemo: opts.isDemo ?? false })
      .onConflictDoUpdate({ target: planDeadlines.year, set: values });
    await recordAudit(tx, actor, before ? 'update' : 'create', AUDIT_ENTITY, year, before ?? null, { year, deadline: input.deadline });
  });
  return (await getPlanDeadline(db, year))!;
}

/** Removes the deadline of `year`'s plans (the office; no one is told of it any more). */
export async function removePlanDeadline(db: Db, actor: Actor, year: number): Promise<void> {
  assertOffice(actor, "remove the plans' deadline");
  assertYear(year);
  await db.transaction(async (tx) => {
    const [before] = await tx.delete(planDeadlines).where(eq(planDeadlines.year, year)).returning();
    if (!before) throw notFound(`The deadline of the plans of ${year}`);
    await recordAudit(tx, actor, 'delete', AUDIT_ENTITY, year, before, null);
  });
}
