// What the plans module tells people (notification source, see notifications/notifications.sources.ts):
//   - a submitted plan waiting for a decision: to the active coordinators of its organisation's province while it waits
//     for the province (coordinators on; the office when the province has none), then to the programme office — the
//     same rule as periodic reports (cycle.notifications.ts waitingNotices);
//   - a plan returned (by the office or the province's coordinator): to the editors who may change and resubmit it
//     (the organisation's own and those above it: the plans' write rule), linking to the plan with the comments.
// Each step (a submission, the province's approval, a return) is an event of its own, keyed by the plan's history entry.
import { sql } from 'drizzle-orm';
import { workspacePage } from '../../../shared/contracts/links.js';
import { rows, type Db } from '../../kernel/db.js';
import { waitingNotices } from '../cycle/cycle.notifications.js';
import { editorsWritingFor, type Notice, type NotificationSource } from '../notifications/notifications.sources.js';

export const PLAN_WAITING = 'plans.plan_waiting';
export const PLAN_RETURNED = 'plans.plan_returned';
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

async function find(db: Db): Promise<Notice[]> {
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
