// What the recommendations module tells people (notification source, see notifications/notifications.sources.ts):
//   - an action's target date coming (within REMINDER_DAYS_AHEAD days) and passed, while the action is planned or in
//     progress: to those who may update it — the active editors of its organisation and the organisations above it
//     (assertImplementer's rule) — and to the programme office;
//   - a progress report returned for correction: to the editors who may resubmit it (the office returned it).
// A moved target date is a new event (announced again); a report returned a second time likewise.
import { sql } from 'drizzle-orm';
import { workspacePage } from '../../../shared/contracts/links.js';
import { rows, type Db } from '../../kernel/db.js';
import {
  activeUsersWithRoles,
  editorsWritingFor,
  type Notice,
  type NotificationSource,
  type SourceContext,
  addDays,
} from '../notifications/notifications.sources.js';
import { periodPhrase } from '../../../shared/labels.js';

export const REC_ACTION_DUE = 'recommendations.action_due';
export const REC_REPORT_RETURNED = 'recommendations.report_returned';
const LIMIT = 5000;

async function find(db: Db, ctx: SourceContext): Promise<Notice[]> {
  const actions = await rows<{ id: number; org: number; rec: number; ref: string; title: string; d: string }>(
    db,
    sql`
    select a.id, a.organisation_id as org, r.id as rec, r.cycle || ' ' || r.source_document || ' ¶' || r.paragraph as ref, a.title, a.target_date::text as d
    from rec_actions a join recommendations r on r.id = a.recommendation_id
    where a.status in ('planned', 'in_progress') and a.target_date <= ${addDays(ctx.today, ctx.daysAhead)}::date
    order by a.target_date, a.id limit ${LIMIT}`,
  );
  const reports = await rows<{ id: number; org: number; rec: number; ref: string; period: string; comment: string | null; at: string }>(
    db,
    sql`
    select p.id, p.organisation_id as org, r.id as rec, r.cycle || ' ' || r.source_document || ' ¶' || r.paragraph as ref, p.period, p.review_comment as comment,
      to_char(coalesce(p.reviewed_at, p.submitted_at) at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS') as at
    from rec_reports p join recommendations r on r.id = p.recommendation_id
    where p.status = 'returned' order by p.id limit ${LIMIT}`,
  );
  const editors = await editorsWritingFor(db, [...actions.map((a) => Number(a.org)), ...reports.map((p) => Number(p.org))]);
  const office = await activeUsersWithRoles(db, ['admin']);
  const out: Notice[] = [];
  for (const a of actions) {
    const overdue = a.d < ctx.today;
    out.push({
      kind: REC_ACTION_DUE,
      key: `${a.id}:${a.d}:${overdue ? 'overdue' : 'due'}`,
      organisationId: Number(a.org),
      userIds: [...new Set([...(editors.get(Number(a.org)) ?? []), ...office])],
      title: overdue
        ? { vi: `Hành động quá hạn: ${a.title}`, en: `Action overdue: ${a.title}` }
        : { vi: `Hành động sắp đến hạn: ${a.title}`, en: `Action due soon: ${a.title}` },
      body: {
        vi: `Khuyến nghị ${a.ref} — hạn ${a.d}${overdue ? ' (QUÁ HẠN)' : ''}`,
        en: `Recommendation ${a.ref} — due ${a.d}${overdue ? ' (OVERDUE)' : ''}`,
      },
      link: workspacePage.recommendation(Number(a.rec)),
      due: a.d,
    });
  }
  for (const p of reports) {
    const comment = p.comment ? p.comment.slice(0, 300) : null;
    out.push({
      kind: REC_REPORT_RETURNED,
      key: `${p.id}:${p.at}`,
      organisationId: Number(p.org),
      userIds: editors.get(Number(p.org)) ?? [],
      title: {
        vi: `Báo cáo tiến độ bị trả lại: ${p.ref}, ${periodPhrase(p.period, 'vi')}`,
        en: `Progress report returned: ${p.ref}, ${periodPhrase(p.period, 'en')}`,
      },
      body: {
        vi: `Trả lại ngày ${p.at.slice(0, 10)}, cần sửa và nộp lại.${comment ? ` Ý kiến: ${comment}` : ''}`,
        en: `Returned on ${p.at.slice(0, 10)} for correction and resubmission.${comment ? ` Comment: ${comment}` : ''}`,
      },
      link: workspacePage.recommendation(Number(p.rec)),
    });
  }
  return out;
}

export const recommendationsNotificationSource: NotificationSource = {
  module: 'recommendations',
  kinds: [
    {
      id: REC_ACTION_DUE,
      label: { vi: 'Hành động về khuyến nghị LHQ đến hạn', en: 'UN recommendation actions due' },
      description: {
        vi: 'Hành động của cơ quan bạn sắp đến hạn hoặc đã quá hạn (biên tập viên của cơ quan và Văn phòng Đề án).',
        en: 'Actions of your organisation coming due or overdue (its editors and the programme office).',
      },
    },
    {
      id: REC_REPORT_RETURNED,
      label: { vi: 'Báo cáo tiến độ khuyến nghị bị trả lại', en: 'Recommendation progress reports returned' },
      description: {
        vi: 'Văn phòng Đề án trả lại báo cáo tiến độ của cơ quan bạn để sửa.',
        en: 'The programme office returned a progress report of your organisation for correction.',
      },
    },
  ],
  find,
};
