// What the plans module gives the programme cycle (issue 17): the plan section of an agency's periodic report (its
// plan vs spending for the report's year, per target and source, from planVsActual) and a source of the rule of who
// must report (every organisation with a plan for the year that is not a bare draft); and the consolidated programme
// report's plan vs spending across organisations. Registered at import: the cycle
// knows no plans by name.
import { and, eq, ne } from 'drizzle-orm';
import type { PlanSection } from '../../../shared/contracts/cycle.js';
import { systemActor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { registerExpectedSource } from '../cycle/cycle.periods.js';
import { setPlanTotalsProvider } from '../cycle/cycle.consolidated.js';
import { setPlanProvider } from '../cycle/cycle.reports.js';
import { planStatus, planSummary, planVsActual } from './plans.service.js';
import { plans } from './plans.tables.js';

/** The report's plan section: one row per target and source with an amount planned or spent, then one per source
 *  (each activity counted once) and the total; the note says which version the plan figures come from. Null when the
 *  organisation has no plan for the year. */
export async function planSectionOf(db: Db, q: { organisationId: number; year: number }): Promise<PlanSection> {
  const status = await planStatus(db, q);
  if (!status.planId) return null;
  const v = await planVsActual(db, q);
  const rows = [
    ...v.byTarget
      .filter((x) => x.planned || x.spent)
      .map((x) => ({ label: x.target, source: x.source, planned: x.planned, spent: x.spent })),
    ...v.bySource
      .filter((x) => x.planned || x.spent)
      .map((x) => ({ label: 'bySource', source: x.source, planned: x.planned, spent: x.spent })),
    { label: 'total', source: null, planned: v.total.planned, spent: v.total.spent },
  ];
  return { rows, note: null, basis: v.basis };
}

setPlanProvider(planSectionOf);
// The consolidated programme report's plan vs spending: every organisation's plan of the year (the report is the
// programme's, read by national roles), by source, target, organisation and province.
setPlanTotalsProvider((db, year) => planSummary(db, systemActor('cli', 'consolidated programme report'), { year }));
registerExpectedSource({
  name: 'plan',
  organisations: async (db, p) => {
    const year = Number(p.key.slice(0, 4));
    if (p.kind !== 'yearly' && p.kind !== 'half_yearly') return [];
    const r = await db
      .select({ id: plans.organisationId })
      .from(plans)
      .where(and(eq(plans.year, year), ne(plans.status, 'draft')));
    return r.map((x) => x.id);
  },
});
