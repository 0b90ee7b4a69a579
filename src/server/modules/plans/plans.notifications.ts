// What the plans module tells people (notification source, see notifications/notifications.sources.ts):
//   - a submitted plan waiting for a decision: to the active coordinators of its organisation's province while it waits
//     for the province (coordinators on; the office when the province has none), then to the programme office — the
//     same rule as periodic reports (cycle.notifications.ts waitingNotices);
//   - a plan returned (by the office or the province's coordinator): to the editors who may change and resubmit it
//     (the organisation's own and those above it: the plans' write rule), linking to the plan with the comments;
//   - a year's plan deadline (plans.deadlines.ts) coming (REMINDER_DAYS_AHEAD days before, again in its last 3 days) and
//     passed: to the same editors of each organisation expected to plan for the year whose plan is not submitted (none
//     yet, a draft, returned); once passed, the office also gets one count. Not after the plan's year has ended.
// Each step (a submission, the province's approval, a return) is an event of its own, keyed by the plan's history entry.
import { sql } from 'drizzle-orm';
import { workspacePage } from '../../../shared/contracts/links.js';
import { rows, type Db } from '../../kernel/db.js';
import { LAST_CALL_DAYS, stageOf, waitingNotices } from '../cycle/cycle.notifications.js';
import {
  activeUsersWithRoles,
  addDays,
  editorsWritingFor,
  organisationNames,
  type Notice,
  type NotificationSource,
  type SourceContext,
} from '../notifications/notifications.sources.js';
import { expectedPlanners, PLAN_IN } from './plans.deadlines.js';

export const PLAN_WAITING = 'plans.plan_waiting';
export const PLAN_RETURNED = 'plans.plan_returned';
export const PLAN_DUE = 'plans.plan_due';
const LIMIT = 5000;

type Line = {
  id: number;
  org: number;
  name: string;
  province: string | null;
  year: number;
  version: number;
  awaiting: string | null;
  event: number;
  at: string;
  by_province: boolean;
  comment: string | null;
};

const lastEvent = (
  actions: string[],
) => sql`left join lateral (select e.id, e.at, e.action, e.comment from plan_events e where e.plan_id = p.id and e.version = p.version
  and e.action in (${sql.join(
    actions.map((a) => sql`${a}`),
    sql`, `,
  )}) order by e.id desc limit 1) e on true`;

async function deadlines(db: Db, ctx: SourceContext): Promise<Notice[]> {
  const due = await rows<{ year: number; deadline: string }>(
    db,
    sql`select year, to_char(deadline, 'YYYY-MM-DD') as deadline from plan_deadlines
      where deadline <= ${addDays(ctx.today, ctx.daysAhead)}::date and year >= ${Number(ctx.today.slice(0, 4))} order by year`,
  );
  const out: Notice[] = [];
  for (const d of due) {
    const stage = stageOf(d.deadline, ctx);
    if (!stage) continue;
    const expected = await expectedPlanners(db, d.year);
    const missing = [...expected].filter(([, p]) => !p.status || !PLAN_IN.includes(p.status));
    if (!missing.length) continue;
    const ids = missing.map(([o]) => o);
    const names = await organisationNames(db, ids);
    const editors = await editorsWritingFor(db, ids);
    for (const [org, plan] of missing) {
      const state = {
        none: { vi: 'Chưa lập kế hoạch.', en: 'No plan started yet.' },
        draft: { vi: 'Kế hoạch đang là bản nháp, chưa gửi duyệt.', en: 'The plan is a draft, not submitted.' },
        returned: { vi: 'Kế hoạch bị trả lại, chưa gửi lại.', en: 'The plan was returned and is not resubmitted yet.' },
      }[plan.status === 'returned' ? 'returned' : plan.status ? 'draft' : 'none'];
      out.push({
        kind: PLAN_DUE,
        key: `${d.year}:${org}:${d.deadline}:${stage}`,
        organisationId: org,
        userIds: editors.get(org) ?? [],
        due: d.deadline,
        link: plan.planId ? workspacePage.plan(plan.planId) : workspacePage.plans(d.year),
        title:
          stage === 'overdue'
            ? { vi: `Quá hạn gửi kế hoạch năm ${d.year}: ${names.get(org)}`, en: `Plan for ${d.year} overdue: ${names.get(org)}` }
            : { vi: `Sắp đến hạn gửi kế hoạch năm ${d.year}: ${names.get(org)}`, en: `Plan for ${d.year} due soon: ${names.get(org)}` },
        body:
          stage === 'overdue'
            ? { vi: `Hạn gửi là ngày ${d.deadline} (ĐÃ QUÁ HẠN). ${state.vi}`, en: `The deadline was ${d.deadline} (OVERDUE). ${state.en}` }
            : { vi: `Hạn gửi: ngày ${d.deadline}. ${state.vi}`, en: `Deadline: ${d.deadline}. ${state.en}` },
      });
    }
    if (stage === 'overdue') {
      out.push({
        kind: PLAN_DUE,
        key: `${d.year}:office:${d.deadline}:overdue`,
        organisationId: null,
        userIds: await activeUsersWithRoles(db, ['admin']),
        due: d.deadline,
        link: workspacePage.plans(d.year),
        title: {
          vi: `${missing.length}/${expected.size} cơ quan chưa gửi kế hoạch năm ${d.year} (hạn ${d.deadline})`,
          en: `${missing.length} of ${expected.size} organisations have not submitted their plan for ${d.year} (due ${d.deadline})`,
        },
        body: { vi: 'Danh sách ở trang Kế hoạch, lọc theo năm.', en: 'Who: the plans page, by year.' },
      });
    }
  }
  return out;
}

async function find(db: Db, ctx: SourceContext): Promise<Notice[]> {
  const waiting = await rows<Line>(
    db,
    sql`
    select p.id, p.organisation_id as org, o.name_vi as name, u.code as province, p.year, p.version, p.awaiting, e.id as event,
      to_char(e.at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS') as at, e.action = 'approved_by_province' as by_province, null as comment
    from plans p join organisations o on o.id = p.organisation_id left join admin_units u on u.id = o.province_unit_id
    ${lastEvent(['submitted', 'approved_by_province'])}
    where p.status = 'submitted' order by p.id limit ${LIMIT}`,
  );
  const returned = await rows<Line>(
    db,
    sql`
    select p.id, p.organisation_id as org, o.name_vi as name, null as province, p.year, p.version, null as awaiting, e.id as event, null as at, false as by_province, e.comment
    from plans p join organisations o on o.id = p.organisation_id ${lastEvent(['returned', 'returned_by_province'])}
    where p.status = 'returned' order by p.id limit ${LIMIT}`,
  );
  const editors = await editorsWritingFor(
    db,
    returned.map((x) => Number(x.org)),
  );
  return [
    ...(await deadlines(db, ctx)),
    ...(await waitingNotices(
      db,
      waiting.map((x) => ({
        ...x,
        id: Number(x.id),
        org: Number(x.org),
        event: Number(x.event ?? 0),
        at: x.at ?? '',
        kind: PLAN_WAITING,
        link: workspacePage.plan(Number(x.id)),
        what: { vi: `Kế hoạch năm ${x.year} (phiên bản ${x.version})`, en: `Plan for ${x.year} (version ${x.version})` },
      })),
    )),
    ...returned.map((x): Notice => {
      const comment = x.comment ? x.comment.slice(0, 300) : null;
      return {
        kind: PLAN_RETURNED,
        key: `${x.id}:${x.event ?? 0}`,
        organisationId: Number(x.org),
        userIds: editors.get(Number(x.org)) ?? [],
        link: workspacePage.plan(Number(x.id)),
        title: { vi: `Kế hoạch năm ${x.year} bị trả lại: ${x.name}`, en: `Plan for ${x.year} returned: ${x.name}` },
        body: {
          vi: `Cần sửa theo ý kiến và gửi duyệt lại.${comment ? ` Ý kiến: ${comment}` : ''}`,
          en: `Change it as commented and submit it again.${comment ? ` Comment: ${comment}` : ''}`,
        },
      };
    }),
  ];
}

export const plansNotificationSource: NotificationSource = {
  module: 'plans',
  kinds: [
    {
      id: PLAN_DUE,
      label: { vi: 'Hạn gửi kế hoạch', en: 'Plan deadlines' },
      description: {
        vi: `Kế hoạch năm của cơ quan bạn chưa gửi duyệt khi sắp đến hạn (lần nữa ${LAST_CALL_DAYS} ngày cuối) và khi đã quá hạn (Văn phòng Đề án: số cơ quan chưa gửi).`,
        en: `Your organisation's plan for the year not yet submitted as its deadline comes (again in the last ${LAST_CALL_DAYS} days) and once it has passed (the programme office: how many have not submitted).`,
      },
    },
    {
      id: PLAN_WAITING,
      label: { vi: 'Kế hoạch chờ duyệt', en: 'Plans waiting for a decision' },
      description: {
        vi: 'Kế hoạch đã gửi chờ bạn duyệt hoặc trả lại (điều phối viên: các cơ quan trong tỉnh; Văn phòng Đề án: sau tỉnh).',
        en: "A submitted plan waits for you to approve or return it (coordinators: their province's organisations; the programme office: after the province).",
      },
    },
    {
      id: PLAN_RETURNED,
      label: { vi: 'Kế hoạch bị trả lại', en: 'Plans returned' },
      description: {
        vi: 'Điều phối viên tỉnh hoặc Văn phòng Đề án trả lại kế hoạch của cơ quan bạn kèm ý kiến.',
        en: "The provincial coordinator or the programme office returned your organisation's plan with comments.",
      },
    },
  ],
  find,
};
