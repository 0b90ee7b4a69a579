// What the programme cycle tells people (notification source, see notifications/notifications.sources.ts):
//   - a report deadline coming (REMINDER_DAYS_AHEAD days before, and again in its last 3 days) and passed, for every
//     open (not closed) period that has started: to the focal points — the active editors who may write the report
//     (the organisation's own and those above it: the cycle's write rule) — of each expected organisation whose report
//     is not submitted (none yet, a draft, or returned); once passed, the office also gets one count per period;
//   - a report returned (by the office or the province's coordinator): to the organisation's focal points, linking to
//     the report's page with the comments;
//   - a report waiting for a decision: to the active coordinators of its organisation's province while it waits for the
//     province (the office when the province has none, or coordinators are turned off), else to the office;
//   - a closed period re-opened, or a revised official figure published: to the office (but the one who did it), for
//     RECENT_DAYS days after.
// Keys hold what makes a new event: the deadline and its stage, the report's step (return, submission, the
// province's approval), the close.
import { sql } from 'drizzle-orm';
import { workspacePage } from '../../../shared/contracts/links.js';
import { rows, type Db } from '../../kernel/db.js';
import {
  activeUsersWithRoles,
  addDays,
  daysBetween,
  editorsWritingFor,
  organisationNames,
  without,
  type Notice,
  type NotificationSource,
  type SourceContext,
} from '../notifications/notifications.sources.js';
import { expectedOrganisations, periodLabel, type PeriodRow } from './cycle.periods.js';
import { coordinatorsOf } from './cycle.scope.js';
import { cyclePeriods } from './cycle.tables.js';
import { fmtDateTime } from '../../kernel/format.js';

export const CYCLE_REPORT_DUE = 'cycle.report_due';
export const CYCLE_REPORT_RETURNED = 'cycle.report_returned';
export const CYCLE_REPORT_WAITING = 'cycle.report_waiting';
export const CYCLE_OFFICIAL_CHANGED = 'cycle.official_changed';
/** The deadline's last call: days before it when the focal points are told again. */
export const LAST_CALL_DAYS = 3;
/** How long after a re-opening or a revised official figure the office is told of it (a new admin is not told of old ones). */
export const RECENT_DAYS = 30;
const LIMIT = 5000;
const NOT_SUBMITTED = ['draft', 'returned'];

/** The stage of a deadline today: coming (within daysAhead), last call (within 3 days), passed; null: not yet. */
export function stageOf(deadline: string, ctx: SourceContext): 'due' | 'last_call' | 'overdue' | null {
  const days = daysBetween(ctx.today, deadline);
  if (days < 0) return 'overdue';
  if (days <= Math.min(LAST_CALL_DAYS, ctx.daysAhead)) return 'last_call';
  return days <= ctx.daysAhead ? 'due' : null;
}

async function deadlines(db: Db, ctx: SourceContext): Promise<Notice[]> {
  const periods = await db.select().from(cyclePeriods)
    .where(sql`${cyclePeriods.firstDay} <= ${ctx.today}::date and ${cyclePeriods.deadline} <= ${addDays(ctx.today, ctx.daysAhead)}::date
    and not exists (select 1 from cycle_period_closes c where c.period_id = ${cyclePeriods.id} and c.status = 'closed')`);
  const office = await activeUsersWithRoles(db, ['admin']);
  const out: Notice[] = [];
  for (const p of periods) {
    const stage = stageOf(p.deadline, ctx);
    if (!stage) continue;
    const expected = [...(await expectedOrganisations(db, p)).keys()];
    if (!expected.length) continue;
    const reports = await rows<{ org: number; id: number; status: string }>(
      db,
      sql`select organisation_id as org, id, status from cycle_reports
      where period_id = ${p.id} and organisation_id = any(${`{${expected.join(',')}}`}::int[])`,
    );
    const byOrg = new Map(reports.map((r) => [Number(r.org), r]));
    const missing = expected.filter((o) => !byOrg.has(o) || NOT_SUBMITTED.includes(byOrg.get(o)!.status));
    if (!missing.length) continue;
    const names = await organisationNames(db, missing);
    const editors = await editorsWritingFor(db, missing);
    const label = periodLabel(p);
    for (const org of missing) {
      const report = byOrg.get(org);
      const returned = report?.status === 'returned';
      out.push({
        kind: CYCLE_REPORT_DUE,
        key: `${p.id}:${org}:${p.deadline}:${stage}`,
        organisationId: org,
        userIds: editors.get(org) ?? [],
        due: p.deadline,
        link: report ? workspacePage.cycleReport(Number(report.id)) : workspacePage.cycleDue(),
        title:
          stage === 'overdue'
            ? { vi: `Quá hạn nộp báo cáo ${label.vi}: ${names.get(org)}`, en: `Report overdue — ${label.en}: ${names.get(org)}` }
            : { vi: `Sắp đến hạn nộp báo cáo ${label.vi}: ${names.get(org)}`, en: `Report due soon — ${label.en}: ${names.get(org)}` },
        body: dueBody(p, stage, report ? (returned ? 'returned' : 'draft') : 'none'),
      });
    }
    if (stage === 'overdue') {
      out.push({
        kind: CYCLE_REPORT_DUE,
        key: `${p.id}:office:${p.deadline}:overdue`,
        organisationId: null,
        userIds: office,
        due: p.deadline,
        link: workspacePage.cycleCompleteness(p.id),
        title: {
          vi: `${missing.length}/${expected.length} cơ quan chưa nộp báo cáo ${label.vi} (hạn ${p.deadline})`,
          en: `${missing.length} of ${expected.length} organisations have not submitted their report for ${label.en} (due ${p.deadline})`,
        },
        body: { vi: 'Danh sách cơ quan còn thiếu ở trang mức độ đầy đủ của kỳ.', en: "Who is missing: the period's completeness page." },
      });
    }
  }
  return out;
}

function dueBody(p: PeriodRow, stage: 'due' | 'last_call' | 'overdue', report: 'none' | 'draft' | 'returned') {
  const state = {
    none: { vi: 'Chưa lập báo cáo.', en: 'No report started yet.' },
    draft: { vi: 'Báo cáo đang là bản nháp, chưa nộp.', en: 'The report is a draft, not submitted.' },
    returned: { vi: 'Báo cáo bị trả lại, chưa nộp lại.', en: 'The report was returned and is not resubmitted yet.' },
  }[report];
  return stage === 'overdue'
    ? { vi: `Hạn nộp là ngày ${p.deadline} (ĐÃ QUÁ HẠN). ${state.vi}`, en: `The deadline was ${p.deadline} (OVERDUE). ${state.en}` }
    : { vi: `Hạn nộp: ngày ${p.deadline}. ${state.vi}`, en: `Deadline: ${p.deadline}. ${state.en}` };
}

type ReportLine = {
  id: number;
  org: number;
  name: string;
  province: string | null;
  key: string;
  kind: string;
  event: number | null;
  at: string;
  awaiting: string | null;
  by_province: boolean;
  comments: Record<string, string> | null;
};
/** The period is open (not closed): its reports still take steps. */
const OPEN_PERIOD = sql`not exists (select 1 from cycle_period_closes c where c.period_id = r.period_id and c.status = 'closed')`;

/** A Viet Nam wall-clock time from `at` below, as people read it ("07/12/2026, 17:56 (giờ Việt Nam)"). */
const vnAt = (wall: string, lang: 'vi' | 'en') => fmtDateTime(`${wall}+07:00`, lang);
const at = (col: string) => sql.raw(`to_char(${col} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD"T"HH24:MI:SS')`);

async function returnedReports(db: Db): Promise<Notice[]> {
  const r = await rows<ReportLine>(
    db,
    sql`
    select r.id, r.organisation_id as org, o.name_vi as name, p.key, p.kind, r.comments, e.id as event
    from cycle_reports r join cycle_periods p on p.id = r.period_id join organisations o on o.id = r.organisation_id
    left join lateral (select e.id from cycle_report_events e where e.report_id = r.id and e.action in ('return', 'return_by_province') order by e.id desc limit 1) e on true
    where r.status = 'returned' and ${OPEN_PERIOD} order by r.id limit ${LIMIT}`,
  );
  const editors = await editorsWritingFor(
    db,
    r.map((x) => Number(x.org)),
  );
  return r.map((x) => {
    const label = periodLabel(x);
    const comment = Object.values(x.comments ?? {})
      .join(' · ')
      .slice(0, 300);
    return {
      kind: CYCLE_REPORT_RETURNED,
      key: `${x.id}:${x.event ?? 0}`,
      organisationId: Number(x.org),
      userIds: editors.get(Number(x.org)) ?? [],
      link: workspacePage.cycleReport(Number(x.id)),
      title: { vi: `Báo cáo ${label.vi} bị trả lại: ${x.name}`, en: `Report returned — ${label.en}: ${x.name}` },
      body: {
        vi: `Cần sửa theo ý kiến và nộp lại.${comment ? ` Ý kiến: ${comment}` : ''}`,
        en: `Fix it as commented and resubmit.${comment ? ` Comments: ${comment}` : ''}`,
      },
    };
  });
}

async function waitingReports(db: Db): Promise<Notice[]> {
  const r = await rows<ReportLine>(
    db,
    sql`
    select r.id, r.organisation_id as org, o.name_vi as name, a.code as province, p.key, p.kind, r.awaiting, r.province_approved_at is not null as by_province,
      e.id as event, ${at('e.at')} as at
    from cycle_reports r join cycle_periods p on p.id = r.period_id join organisations o on o.id = r.organisation_id
    left join admin_units a on a.id = o.province_unit_id
    left join lateral (select e.id, e.at from cycle_report_events e where e.report_id = r.id and e.action in ('submit', 'approve_by_province') order by e.id desc limit 1) e on true
    where r.status = 'submitted' and ${OPEN_PERIOD} order by r.id limit ${LIMIT}`,
  );
  return waitingNotices(
    db,
    r.map((x) => ({
      ...x,
      event: Number(x.event ?? 0),
      kind: CYCLE_REPORT_WAITING,
      link: workspacePage.cycleReport(Number(x.id)),
      what: { vi: `Báo cáo ${periodLabel(x).vi}`, en: `Report for ${periodLabel(x).en}` },
    })),
  );
}

/** Notices of items (reports, plans) submitted and waiting for a decision: to the coordinators of the organisation's
 *  province while an item waits for the province (the office when the province has none or coordinators are off),
 *  else to the office. Each stage of each submission is an event (`event`: the id of the step that made it wait). */
export async function waitingNotices(
  db: Db,
  items: {
    kind: string;
    id: number;
    org: number;
    name: string;
    province: string | null;
    awaiting: string | null;
    by_province: boolean;
    event: number;
    at: string;
    link: string;
    what: { vi: string; en: string };
  }[],
): Promise<Notice[]> {
  if (!items.length) return [];
  const office = await activeUsersWithRoles(db, ['admin']);
  const [s] = await rows<{ on: boolean }>(db, sql`select coordinators_enabled as on from cycle_settings where id = 1`);
  const coordinators = s?.on
    ? await coordinatorsOf(
        db,
        items.filter((x) => x.awaiting === 'province' && x.province).map((x) => x.province!),
      )
    : new Map<string, number[]>();
  return items.map((x) => {
    const province = x.awaiting === 'province' ? (coordinators.get(x.province ?? '') ?? []) : [];
    const byProvince = province.length > 0;
    return {
      kind: x.kind,
      key: `${x.id}:${x.awaiting ?? 'office'}:${x.event}`,
      organisationId: Number(x.org),
      userIds: byProvince ? province : office,
      link: x.link,
      title: {
        vi: `${x.what.vi} chờ ${byProvince ? 'điều phối viên tỉnh' : 'Văn phòng Đề án'} duyệt: ${x.name}`,
        en: `${x.what.en} waiting for ${byProvince ? 'the provincial coordinator' : 'the programme office'}: ${x.name}`,
      },
      body: x.by_province
        ? {
            vi: `Điều phối viên tỉnh đã duyệt lúc ${vnAt(x.at, 'vi')}.`,
            en: `Approved by the provincial coordinator at ${vnAt(x.at, 'en')}.`,
          }
        : { vi: `Nộp lúc ${vnAt(x.at, 'vi')}.`, en: `Submitted at ${vnAt(x.at, 'en')}.` },
    };
  });
}

async function officialChanges(db: Db, ctx: SourceContext): Promise<Notice[]> {
  const since = addDays(ctx.today, -RECENT_DAYS);
  const r = await rows<{
    id: number;
    period: number;
    key: string;
    kind: string;
    version: number;
    what: string;
    by: number | null;
    reason: string | null;
    at: string;
  }>(
    db,
    sql`
    select c.id, c.period_id as period, p.key, p.kind, c.version, 'reopened' as what, c.ended_by as by, c.end_reason as reason, ${at('c.ended_at')} as at
      from cycle_period_closes c join cycle_periods p on p.id = c.period_id where c.status = 'reopened' and c.ended_at >= ${since}::date
    union all
    select c.id, c.period_id, p.key, p.kind, c.version, 'revised', c.closed_by, c.reason, ${at('c.closed_at')}
      from cycle_period_closes c join cycle_periods p on p.id = c.period_id where c.version > 1 and c.reason is not null and c.closed_at >= ${since}::date
    order by 1 limit ${LIMIT}`,
  );
  if (!r.length) return [];
  const office = await activeUsersWithRoles(db, ['admin']);
  return r.map((x) => {
    const label = periodLabel(x);
    const reopened = x.what === 'reopened';
    return {
      kind: CYCLE_OFFICIAL_CHANGED,
      key: `${x.id}:${x.what}`,
      organisationId: null,
      userIds: without(office, x.by === null ? [] : [Number(x.by)]),
      link: reopened ? workspacePage.cycleCalendar() : workspacePage.cycleOfficial(Number(x.period)),
      title: reopened
        ? {
            vi: `Kỳ ${label.vi} đã được mở lại (số liệu chính thức phiên bản ${x.version} bị thu hồi)`,
            en: `${label.en} re-opened (official figures version ${x.version} withdrawn)`,
          }
        : {
            vi: `Số liệu chính thức ${label.vi} được công bố lại (phiên bản ${x.version})`,
            en: `Revised official figures for ${label.en} (version ${x.version})`,
          },
      body: {
        vi: `Lúc ${vnAt(x.at, 'vi')}. Lý do: ${x.reason ?? ''}`,
        en: `At ${vnAt(x.at, 'en')}. Reason: ${x.reason ?? ''}`,
      },
    };
  });
}

async function find(db: Db, ctx: SourceContext): Promise<Notice[]> {
  return [
    ...(await deadlines(db, ctx)),
    ...(await returnedReports(db)),
    ...(await waitingReports(db)),
    ...(await officialChanges(db, ctx)),
  ];
}

export const cycleNotificationSource: NotificationSource = {
  module: 'cycle',
  kinds: [
    {
      id: CYCLE_REPORT_DUE,
      label: { vi: 'Hạn nộp báo cáo định kỳ', en: 'Periodic report deadlines' },
      description: {
        vi: `Báo cáo định kỳ của cơ quan bạn chưa nộp khi sắp đến hạn (lần nữa ${LAST_CALL_DAYS} ngày cuối) và khi đã quá hạn (Văn phòng Đề án: số cơ quan chưa nộp).`,
        en: `Your organisation's periodic report not yet submitted as its deadline comes (again in the last ${LAST_CALL_DAYS} days) and once it has passed (the programme office: how many have not submitted).`,
      },
    },
    {
      id: CYCLE_REPORT_RETURNED,
      label: { vi: 'Báo cáo định kỳ bị trả lại', en: 'Periodic reports returned' },
      description: {
        vi: 'Điều phối viên tỉnh hoặc Văn phòng Đề án trả lại báo cáo của cơ quan bạn kèm ý kiến.',
        en: "The provincial coordinator or the programme office returned your organisation's report with comments.",
      },
    },
    {
      id: CYCLE_REPORT_WAITING,
      label: { vi: 'Báo cáo định kỳ chờ duyệt', en: 'Periodic reports waiting for a decision' },
      description: {
        vi: 'Báo cáo đã nộp chờ bạn duyệt hoặc trả lại (điều phối viên: các cơ quan trong tỉnh; Văn phòng Đề án: sau tỉnh).',
        en: "A submitted report waits for you to approve or return it (coordinators: their province's organisations; the programme office: after the province).",
      },
    },
    {
      id: CYCLE_OFFICIAL_CHANGED,
      label: { vi: 'Kỳ báo cáo mở lại, số liệu chính thức công bố lại', en: 'Periods re-opened, official figures revised' },
      description: {
        vi: 'Một cán bộ khác của Văn phòng Đề án mở lại một kỳ đã khóa sổ hoặc công bố lại số liệu chính thức.',
        en: 'Another member of the programme office re-opened a closed period or published a revised official figure.',
      },
    },
  ],
  find,
};
