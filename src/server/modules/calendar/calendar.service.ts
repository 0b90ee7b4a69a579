// The calendar: trainings (sessions), exhibitions, press conferences, reporting deadlines (the cycle's periods), plan
// deadlines and the target dates of actions on UN recommendations, read from the modules' tables in one SQL query.
// Who sees what: public records (an exhibition listed on the portal or published online, a published press conference)
// everyone; the office-wide deadlines every signed-in person; every other record the organisation subtree it belongs
// to and the programme office (training's readScope / inScope, the rule of the rosters).
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { addDays } from '../../../shared/format.js';
import { workspacePage } from '../../../shared/contracts/links.js';
import { CALENDAR_MAX_DAYS, CalendarQuery, type CalendarEvent, type CalendarKind } from '../../../shared/contracts/calendar.js';
import { inScope } from '../training/training.service.js';

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

type Row = {
  kind: CalendarKind;
  id: number;
  ref: string | null;
  title_vi: string;
  title_en: string | null;
  start: string;
  end: string;
  all_day: boolean;
  organisation_id: number | null;
  organisation_vi: string | null;
  organisation_en: string | null;
  province_code: string | null;
  province_vi: string | null;
  province_en: string | null;
  is_public: boolean;
};

/** A unit (either map) as the province on the current 34-unit map: itself, or what its old unit became. */
const province34 = (unit: SQL) => sql`(select coalesce(n.id, u.id) from admin_units u
  left join admin_unit_crosswalk cw on cw.old_unit_id = u.id and u.map_version = '63'
  left join admin_units n on n.id = cw.new_unit_id where u.id = ${unit})`;

const TZ = 'Asia/Ho_Chi_Minh';

/** The events that overlap [from, to] (both days included) of every kind, before scoping and filters. */
function eventsSql(from: string, to: string): SQL {
  const pressAt = sql`coalesce(p.held_at, p.scheduled_at, p.published_at, p.created_at)`;
  return sql`
    select 'training' as kind, s.id, null::text as ref, c.title as title_vi, null::text as title_en,
      s.starts_on::text as start, s.ends_on::text as "end", true as all_day, s.organiser_id as organisation_id,
      ${province34(sql`s.province_unit_id`)} as province_id, false as is_public
    from training_sessions s join training_courses c on c.id = s.course_id
    where s.ends_on >= ${from}::date and s.starts_on <= ${to}::date
    union all
    select 'exhibition', e.id, null, t.title,
      (select te.title from exhibition_texts te where te.exhibition_id = e.id and te.language = 'eng' order by te.position limit 1),
      e.start_date::text, e.end_date::text, true, e.organisation_id,
      ${province34(sql`e.unit_id`)}, (e.public_at is not null or e.online_published_at is not null)
    from exhibitions e join exhibition_texts t on t.exhibition_id = e.id and t.position = (select min(position) from exhibition_texts x where x.exhibition_id = e.id)
    where e.end_date >= ${from}::date and e.start_date <= ${to}::date
    union all
    select 'press_conference', p.id, null, p.title, case when p.language = 'eng' then p.title else (select x.title from press_items x where p.translation_group_id is not null
        and x.translation_group_id = p.translation_group_id and x.language = 'eng' and x.status <> 'withdrawn' limit 1) end,
      to_char(${pressAt} at time zone ${TZ}, 'YYYY-MM-DD"T"HH24:MI'), to_char((${pressAt} + interval '1 hour') at time zone ${TZ}, 'YYYY-MM-DD"T"HH24:MI'),
      false, p.organisation_id, o.province_unit_id, p.status in ('published', 'corrected')
    from press_items p join organisations o on o.id = p.organisation_id
    where p.kind = 'press_conference' and p.status <> 'withdrawn'
      and ${pressAt} >= (${from}::date::timestamp at time zone ${TZ}) and ${pressAt} < ((${to}::date + 1)::timestamp at time zone ${TZ})
    union all
    select 'report_deadline', cp.id, cp.key, cp.key, null, cp.deadline::text, cp.deadline::text, true, null, null, false
    from cycle_periods cp where cp.deadline between ${from}::date and ${to}::date
    union all
    select 'plan_deadline', pd.year, null, pd.year::text, null, pd.deadline::text, pd.deadline::text, true, null, null, false
    from plan_deadlines pd where pd.deadline between ${from}::date and ${to}::date
    union all
    select 'recommendation_action', a.recommendation_id, a.id::text, a.title, null, a.target_date::text, a.target_date::text, true,
      a.organisation_id, null, false
    from rec_actions a where a.status in ('planned', 'in_progress') and a.target_date between ${from}::date and ${to}::date`;
}

export type CalendarOptions = { publicOnly?: boolean };

/** The calendar's events as `actor` may read them (with `publicOnly`: only public events, for the public feed). */
export async function listCalendar(
  db: Db,
  actor: Actor | null,
  raw: unknown,
  opts: CalendarOptions = {},
): Promise<{ from: string; to: string; events: CalendarEvent[] }> {
  const q = parseInput(CalendarQuery, raw);
  const details = [];
  const real = (iso: string) => !Number.isNaN(dayNumber(iso)) && addDays(iso, 0) === iso; // not 30 February
  if (!real(q.from)) details.push({ field: 'from', message: 'a date as YYYY-MM-DD' });
  if (!real(q.to)) details.push({ field: 'to', message: 'a date as YYYY-MM-DD' });
  if (!details.length && q.to < q.from) details.push({ field: 'to', message: 'must not be before from' });
  if (!details.length && dayNumber(q.to) - dayNumber(q.from) + 1 > CALENDAR_MAX_DAYS)
    details.push({ field: 'to', message: `at most ${CALENDAR_MAX_DAYS} days from the first day` });
  if (details.length) throw new AppError('validation_failed', 'The calendar range is not valid', details);
  return { from: q.from, to: q.to, events: await calendarEvents(db, actor, q, opts) };
}

/** The events of a checked query (the feeds call this with their own bounded range). */
export async function calendarEvents(db: Db, actor: Actor | null, q: CalendarQuery, opts: CalendarOptions = {}): Promise<CalendarEvent[]> {
  const where: SQL[] = [];
  if (opts.publicOnly || !actor) where.push(sql`ev.is_public`);
  else where.push(sql`(ev.is_public or ev.organisation_id is null or ${inScope(actor, sql`ev.organisation_id`)})`);
  if (q.organisationId)
    where.push(sql`(ev.organisation_id is null or ev.organisation_id in (with recursive down(id, depth) as (
      select id, 0 from organisations where id = ${q.organisationId}
      union all select o.id, d.depth + 1 from organisations o join down d on o.parent_id = d.id where d.depth < 100) select id from down))`);
  if (q.province) where.push(sql`pu.map_version = '34' and pu.code = ${q.province.padStart(2, '0')}`);
  const found = await rows<Row>(
    db,
    sql`select ev.kind, ev.id, ev.ref, ev.title_vi, ev.title_en, ev.start, ev."end", ev.all_day, ev.organisation_id,
        o.name_vi as organisation_vi, o.name_en as organisation_en, pu.code as province_code, pu.name_vi as province_vi,
        pu.name_en as province_en, ev.is_public
      from (${eventsSql(q.from, q.to)}) ev
      left join organisations o on o.id = ev.organisation_id
      left join admin_units pu on pu.id = ev.province_id
      where ${sql.join(where, sql` and `)}
      order by ev.start, ev.kind, ev.id
      limit 20000`,
  );
  return found.map(toEvent);
}

function titleOf(r: Row): { vi: string; en: string } {
  switch (r.kind) {
    case 'report_deadline':
      return { vi: `Hạn nộp báo cáo kỳ ${r.title_vi}`, en: `Reporting deadline, period ${r.title_vi}` };
    case 'plan_deadline':
      return { vi: `Hạn nộp kế hoạch năm ${r.title_vi}`, en: `Deadline for the ${r.title_vi} plans` };
    case 'recommendation_action':
      return { vi: `Hạn hành động: ${r.title_vi}`, en: `Action due: ${r.title_en ?? r.title_vi}` };
    default:
      return { vi: r.title_vi, en: r.title_en ?? r.title_vi };
  }
}

function linkOf(r: Row): string {
  const id = Number(r.id);
  switch (r.kind) {
    case 'training':
      return `/training?tab=courses&session=${id}`;
    case 'exhibition':
      return `/exhibitions?exhibition=${id}`;
    case 'press_conference':
      return `/press?item=${id}`;
    case 'report_deadline':
      return workspacePage.cycleCompleteness(id);
    case 'plan_deadline':
      return workspacePage.plans(id);
    case 'recommendation_action':
      return workspacePage.recommendation(id);
  }
}

function toEvent(r: Row): CalendarEvent {
  return {
    id: `${r.kind}-${r.ref ?? r.id}`,
    kind: r.kind,
    title: titleOf(r),
    start: r.start,
    end: r.end,
    allDay: Boolean(r.all_day),
    organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
    organisationName: r.organisation_vi,
    provinceCode: r.province_code,
    provinceName: r.province_code ? { vi: r.province_vi ?? r.province_code, en: r.province_en ?? r.province_vi ?? r.province_code } : null,
    isPublic: Boolean(r.is_public),
    link: linkOf(r),
  };
}
