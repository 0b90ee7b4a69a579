// Demo data of the plans module: plans for 2025 and 2026 of over a third of the demo organisations (every People's
// Committee among them, Hà Nội's included for the demo editor, and a fifth of the others), started from their kind's template with budgets by
// source that fit the kind (ministries: mostly the central budget; provinces: the local budget; press: other sources).
// 2025: most approved, some still submitted, some returned with the office's comment; the approved ones have spending
// (60–105% of the budget, in two or three entries a source). 2026: copied from 2025, then a mix of drafts, submissions,
// returns and approvals, a few approved ones revised into a second version. Written through the services (validation,
// workflow, audit); the plans are marked is_demo and removePlansDemo deletes them with everything below them (call it
// before the directory's demo removal).
import crypto from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { OrgKind } from '../../../shared/contracts/directory.js';
import { PLAN_LAST_YEAR, type Activity, type ActivityInput, type PlanDetail } from '../../../shared/contracts/plans.js';
import { recordAudit, systemActor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { vnDate } from '../../kernel/periods.js';
import { addDays } from '../../../shared/format.js';
import { setPlanDeadline } from './plans.deadlines.js';
import { PLAN_TEMPLATES } from './plans.templates.js';
import { approvePlan, createPlan, returnPlan, revisePlan, saveActivities, submitPlan } from './plans.service.js';
import { planActivities, planDeadlines, planEvents, plans, planSpending, planVersions } from './plans.tables.js';

const rand = (...k: (string | number)[]) =>
  crypto
    .createHash('sha256')
    .update(`plans:${k.join(':')}`)
    .digest()
    .readUInt32BE(0) / 0x1_0000_0000;
const MILLION = 1_000_000;

/** How a kind's money splits between central, local and other sources. */
const SPLIT: Record<OrgKind, [number, number, number]> = {
  ministry: [0.85, 0, 0.15],
  central_agency: [0.8, 0, 0.2],
  provincial_committee: [0.1, 0.8, 0.1],
  provincial_department: [0, 0.85, 0.15],
  press: [0.3, 0, 0.7],
  socio_political_central: [0.7, 0, 0.3],
  socio_political_provincial: [0, 0.7, 0.3],
  mission_abroad: [0.9, 0, 0.1],
  other: [0, 0, 1],
};

const RETURN_COMMENTS = [
  'Đề nghị bổ sung kết quả dự kiến định lượng cho từng hoạt động và tách kinh phí theo nguồn. (demo)',
  'Kinh phí hoạt động tập huấn cao hơn định mức; đề nghị rà soát lại số lớp và số học viên. (demo)',
  'Chưa có hoạt động phục vụ mục tiêu T1 (người phát ngôn); đề nghị bổ sung. (demo)',
];

type Org = { id: number; code: string; kind: OrgKind };

/** The template of the organisation's kind as activities of `year` (numbered as a new plan numbers them). */
const templateOf = (
  org: Org,
  year: number,
): Pick<Activity, 'no' | 'title' | 'description' | 'targets' | 'audiences' | 'startMonth' | 'endMonth' | 'expectedOutputs'>[] =>
  PLAN_TEMPLATES[org.kind].map((t, i) => ({
    no: i + 1,
    title: t.title,
    description: null,
    targets: t.targets,
    audiences: t.audiences,
    expectedOutputs: t.expectedOutputs,
    startMonth: `${year}-${String(t.startMonth).padStart(2, '0')}`,
    endMonth: `${year}-${String(t.endMonth).padStart(2, '0')}`,
  }));

/** The activities with a budget that fits the kind (`grow` scales it); `keepNumbers` for a plan's own activities. */
function budgeted(activities: ReturnType<typeof templateOf>, org: Org, year: number, grow = 1, keepNumbers = false): ActivityInput[] {
  const [c, l] = SPLIT[org.kind];
  return activities.map((a) => {
    const size = Math.round((40 + rand(org.code, year, a.no, 'size') * 360) * grow) * MILLION;
    const central = Math.round((size * c) / MILLION) * MILLION,
      local = Math.round((size * l) / MILLION) * MILLION;
    return {
      no: keepNumbers ? a.no : null,
      title: a.title,
      description: a.description,
      targets: a.targets,
      audiences: a.audiences,
      startMonth: a.startMonth,
      endMonth: a.endMonth,
      expectedOutputs: a.expectedOutputs,
      budget: { central, local, other: Math.max(0, size - central - local) },
    };
  });
}

/** Spending of an approved plan: for each activity and source with a budget, two or three entries adding up to
 *  60–105% of it, dated within the activity's months. One insert and one audit entry per plan. */
async function spend(db: Db, p: PlanDetail, actor: ReturnType<typeof systemActor>): Promise<number> {
  const values: (typeof planSpending.$inferInsert)[] = [];
  for (const a of p.current.activities) {
    for (const source of ['central', 'local', 'other'] as const) {
      const budget = a.budget[source];
      if (!budget) continue;
      const share = 0.6 + rand(p.id, a.no, source) * 0.45;
      const parts = 2 + Math.floor(rand(p.id, a.no, source, 'n') * 2);
      const total = Math.round((budget * share) / 100_000) * 100_000;
      const first = +a.startMonth.slice(5, 7),
        last = +a.endMonth.slice(5, 7);
      for (let i = 0; i < parts; i++) {
        const amount =
          i < parts - 1
            ? Math.round(total / parts / 100_000) * 100_000
            : total - Math.round(total / parts / 100_000) * 100_000 * (parts - 1);
        const m = first + Math.floor(((last - first + 1) * (i + 0.5)) / parts);
        if (amount > 0)
          values.push({
            planId: p.id,
            activityNo: a.no,
            source,
            amount,
            spentOn: `${p.year}-${String(m).padStart(2, '0')}-${String(5 + Math.floor(rand(p.id, a.no, source, i) * 20)).padStart(2, '0')}`,
            note: `Chứng từ số ${a.no}-${i + 1} (demo)`,
          });
      }
    }
  }
  if (values.length) {
    await db.insert(planSpending).values(values);
    await recordAudit(db, actor, 'record-spending-many', 'plan', p.id, null, { entries: values.length, demo: true });
  }
  return values.length;
}

/** Seeds the demo plans; skipped when some exist or there is no demo directory. */
export async function seedPlansDemo(db: Db): Promise<{ plans: number; spending: number }> {
  const [has] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(plans)
    .where(eq(plans.isDemo, true));
  if (Number(has?.n) > 0) return { plans: 0, spending: 0 };
  const actor = systemActor('seed', 'seed --demo');
  const orgs = (await rows<Org>(db, sql`select id, code, kind from organisations where is_demo and active order by code`)).filter(
    (o) => o.kind === 'provincial_committee' || rand(o.code, 'share') < 0.2,
  );
  let n = 0,
    spending = 0;
  for (const org of orgs) {
    // 2025: from the template, budgeted, submitted; most approved (with spending), some returned, some waiting.
    let p = await createPlan(
      db,
      actor,
      { organisationId: org.id, year: 2025, activities: budgeted(templateOf(org, 2025), org, 2025) },
      { isDemo: true },
    );
    p = await submitPlan(db, actor, p.id);
    const r25 = org.code === 'UBND-01' ? 0 : rand(org.code, 2025);
    if (r25 < 0.72) {
      p = await approvePlan(db, actor, p.id, { comment: r25 < 0.2 ? 'Thống nhất kế hoạch. (demo)' : null });
      spending += await spend(db, p, actor);
    } else if (r25 < 0.86) {
      p = await returnPlan(db, actor, p.id, {
        comment: RETURN_COMMENTS[Math.floor(rand(org.code, 'c') * RETURN_COMMENTS.length)]!,
        activityComments: [{ no: 1, comment: 'Nêu rõ số lượng, thời gian. (demo)' }],
      });
    }
    n++;
    // 2026: a copy of 2025, a little more money; a mix of every state (Hà Nội's is returned for the demo editor to fix).
    const copied = p.current.activities.map((a) => ({
      ...a,
      startMonth: `2026${a.startMonth.slice(4)}`,
      endMonth: `2026${a.endMonth.slice(4)}`,
    }));
    let q = await createPlan(
      db,
      actor,
      { organisationId: org.id, year: 2026, start: 'copy', activities: budgeted(copied, org, 2026, 1.05 + rand(org.code, 'grow') * 0.1) },
      { isDemo: true },
    );
    const r26 = org.code === 'UBND-01' ? 0.6 : rand(org.code, 2026);
    if (r26 >= 0.2) q = await submitPlan(db, actor, q.id);
    if (r26 >= 0.55 && r26 < 0.7) {
      await returnPlan(db, actor, q.id, { comment: RETURN_COMMENTS[Math.floor(rand(org.code, 'c26') * RETURN_COMMENTS.length)]! });
    } else if (r26 >= 0.7) {
      q = await approvePlan(db, actor, q.id, {});
      if (r26 >= 0.92) {
        // revised after approval: a second version, submitted
        q = await revisePlan(db, actor, q.id);
        const acts = budgeted(q.current.activities, org, 2026, 1.2, true);
        q = await saveActivities(db, actor, q.id, { activities: acts, note: 'Điều chỉnh kinh phí giữa năm. (demo)' });
        await submitPlan(db, actor, q.id);
      }
    }
    n++;
  }
  // The deadlines: 2026's plans were due at the end of January 2026 (those still not in are overdue); next year's are due
  // in ten days, so their focal points are being reminded.
  const today = vnDate(new Date());
  await setPlanDeadline(db, actor, 2026, { deadline: '2026-01-31' }, { isDemo: true });
  const next = Number(today.slice(0, 4)) + 1;
  if (next <= PLAN_LAST_YEAR && next > 2026) {
    const soon = addDays(today, 10);
    await setPlanDeadline(db, actor, next, { deadline: soon > `${next}-12-31` ? `${next}-12-31` : soon }, { isDemo: true });
  }
  return { plans: n, spending };
}

/** Deletes every demo plan with its versions, activities, events and spending. */
export async function removePlansDemo(db: Db): Promise<{ plans: number }> {
  return db.transaction(async (tx) => {
    const ids = (await tx.select({ id: plans.id }).from(plans).where(eq(plans.isDemo, true))).map((r) => r.id);
    if (ids.length) {
      const versions = (await tx.select({ id: planVersions.id }).from(planVersions).where(inArray(planVersions.planId, ids))).map(
        (r) => r.id,
      );
      if (versions.length) await tx.delete(planActivities).where(inArray(planActivities.versionId, versions));
      await tx.delete(planVersions).where(inArray(planVersions.planId, ids));
      await tx.delete(planEvents).where(inArray(planEvents.planId, ids));
      await tx.delete(planSpending).where(inArray(planSpending.planId, ids));
      await tx.delete(plans).where(inArray(plans.id, ids));
    }
    await tx.delete(planDeadlines).where(eq(planDeadlines.isDemo, true));
    await recordAudit(tx, systemActor('cli', 'seed --remove-demo'), 'remove-demo', 'plan', null, null, { plans: ids.length });
    return { plans: ids.length };
  });
}
