// Reach (issue 21): whom the programme's work reached, where the records carry it, one metric at a time and never
// added across metrics: training participants (distinct people who attended a session), exhibition visitors and
// online views (the counts entered on each exhibition). Each metric by audience, by province (34-unit map) and by
// year. Like the calendar, one read over the modules' tables in SQL (grouped in the database, never row by row in
// Node). Scope: the office, analysts and reviewers see everything; a coordinator its province; an editor or viewer
// its organisation's subtree.
import { sql, type SQL } from 'drizzle-orm';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import * as C from '../../../shared/contracts/reach.js';
import type { Actor } from '../../kernel/audit.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { parsePeriodId } from '../../kernel/periods.js';
import { parseInput } from '../../kernel/validate.js';
import { isWithin, subtreeIds } from '../directory/organisations.service.js';

const SEES_ALL = new Set<Actor['role']>(['admin', 'system', 'analyst', 'reviewer']);

/** The province on the 34-unit map of a unit of either map (its code), as a join target. */
const province34 = (unit: SQL) => sql`left join admin_units u0 on u0.id = ${unit}
  left join admin_unit_crosswalk cw on cw.old_unit_id = u0.id and u0.map_version = '63'
  left join admin_units p on p.id = case when u0.map_version = '34' then u0.id else cw.new_unit_id end`;

const NOTE: Bilingual = {
  vi: 'Mỗi chỉ số đếm một thứ riêng (người tham dự, lượt khách tham quan, lượt xem trực tuyến) và không cộng với nhau: số đếm của các kênh khác nhau không phải là số người. Một bản ghi dành cho nhiều nhóm đối tượng được tính trong mỗi nhóm, nên các dòng theo đối tượng có thể chồng lên nhau.',
  en: 'Each metric counts its own thing (participants, visits, online views) and they are not added together: counts from different channels are not people. A record meant for several audiences counts in each, so the audience rows may overlap.',
};

const META: Record<C.ReachMetricId, { label: Bilingual; unit: Bilingual; method: Bilingual }> = {
  training_participants: {
    label: { vi: 'Người tham dự tập huấn, bồi dưỡng', en: 'Training participants' },
    unit: { vi: 'người', en: 'people' },
    method: {
      vi: 'Số người khác nhau đã tham dự ít nhất một buổi tập huấn bắt đầu trong kỳ (mỗi người một lần dù dự nhiều buổi). Theo đối tượng: các nhóm đối tượng của khóa học (không ghi: "chưa ghi"); theo tỉnh: nơi tổ chức buổi học trên bản đồ 34 tỉnh (ở nước ngoài, trực tuyến: "không có tỉnh"); theo năm: năm buổi học bắt đầu. Một người có thể có mặt ở nhiều dòng.',
      en: 'Distinct people who attended at least one training session starting in the period (once each, however many sessions). By audience: the course’s audience groups ("not given" when none); by province: where the session was held, on the 34-unit map ("no province" abroad or online); by year: the year the session started. One person may appear in several rows.',
    },
  },
  exhibition_visitors: {
    label: { vi: 'Khách tham quan triển lãm', en: 'Exhibition visitors' },
    unit: { vi: 'lượt', en: 'visits' },
    method: {
      vi: 'Tổng số lượt khách tham quan ghi trên các triển lãm bắt đầu trong kỳ (chỉ những triển lãm có ghi số khách). Đây là lượt, không phải số người khác nhau. Theo tỉnh: nơi trưng bày trên bản đồ 34 tỉnh; theo năm: năm khai mạc.',
      en: 'The visitors entered on the exhibitions starting in the period (only those with a figure). These are visits, not distinct people. By province: the venue, on the 34-unit map; by year: the opening year.',
    },
  },
  exhibition_views: {
    label: { vi: 'Lượt xem triển lãm trực tuyến', en: 'Online exhibition views' },
    unit: { vi: 'lượt xem', en: 'views' },
    method: {
      vi: 'Tổng số lượt xem trực tuyến ghi trên các triển lãm bắt đầu trong kỳ (chỉ những triển lãm có ghi số lượt xem). Lượt xem không phải là người và không cộng với khách tham quan.',
      en: 'The online views entered on the exhibitions starting in the period (only those with a figure). Views are not people and are not added to visitors.',
    },
  },
};

type Scope = { firstDay: string | null; lastDay: string | null; province: string | null; orgIds: number[] | null };

/** The scope the actor may see for the query: refused (403, naming the field) outside it. */
async function resolveScope(db: Db, actor: Actor, q: { period?: string; province?: string; organisationId?: number }) {
  let period: { id: string; firstDay: string; lastDay: string } | null = null;
  if (q.period) {
    try {
      const p = parsePeriodId(q.period);
      period = { id: q.period, firstDay: p.firstDay, lastDay: p.lastDay };
    } catch {
      throw new AppError('validation_failed', `Unknown period "${q.period}"`, [
        { field: 'period', message: 'a period such as 2025, 2025-H1, 2025-Q3 or 2025-08' },
      ]);
    }
  }
  let province = q.province ?? null;
  if (province) {
    const known = await rows(db, sql`select 1 from admin_units where map_version = '34' and code = ${province}`);
    if (!known.length)
      throw new AppError('validation_failed', `No province ${province} on the 34-unit map`, [
        { field: 'province', message: 'not a unit of the 34-unit map' },
      ]);
  }
  let root = q.organisationId ?? null;
  if (actor.role === 'coordinator') {
    const mine = actor.provinceCode ?? null;
    if (!mine)
      throw new AppError('forbidden', 'A coordinator without a province sees no reach', [{ field: 'province', message: 'no province' }]);
    if (province && province !== mine)
      throw new AppError('forbidden', `Outside your province: you coordinate province ${mine}`, [
        { field: 'province', message: `you see the reach of province ${mine} only` },
      ]);
    province = mine;
  } else if (!SEES_ALL.has(actor.role) && actor.organisationId) {
    if (root && !(await isWithin(db, actor.organisationId, root)))
      throw new AppError('forbidden', 'Outside your organisation: you see the reach of your organisation and those below it', [
        { field: 'organisationId', message: 'not your organisation or one below it' },
      ]);
    root ??= actor.organisationId;
  }
  const scope: Scope = {
    firstDay: period?.firstDay ?? null,
    lastDay: period?.lastDay ?? null,
    province,
    orgIds: root ? await subtreeIds(db, root) : null,
  };
  return { period, province, organisationId: root, scope };
}

type Grouped = {
  set: 'total' | 'audience' | 'province' | 'year';
  key: string | null;
  vi: string | null;
  en: string | null;
  value: number;
  records: number;
};

const dayIn = (col: SQL, s: Scope) => (s.firstDay ? sql`${col} between ${s.firstDay}::date and ${s.lastDay}::date` : sql`true`);
const provinceIs = (s: Scope) => (s.province ? sql`p.code = ${s.province}` : sql`true`);

async function trainingParticipants(db: Db, s: Scope): Promise<Grouped[]> {
  const org = s.orgIds ? sql`s.organiser_id = any(${intArray(s.orgIds)})` : sql`true`;
  // Distinct people per key as a hash grouping of (key, person) on integer keys, then a count per key: faster than
  // count(distinct) over grouping sets on national data (300,000 attendances: about 3 s on a busy 2-core machine).
  return rows<Grouped>(
    db,
    sql`with a as materialized (
      select ta.person_id, ta.session_id, extract(year from s.starts_on)::int as year,
        case when u0.map_version = '34' then u0.id else cw.new_unit_id end as unit, c.audiences
      from training_attendance ta
      join training_sessions s on s.id = ta.session_id
      join training_courses c on c.id = s.course_id
      left join admin_units u0 on u0.id = s.province_unit_id
      left join admin_unit_crosswalk cw on cw.old_unit_id = u0.id and u0.map_version = '63'
      left join admin_units p on p.id = case when u0.map_version = '34' then u0.id else cw.new_unit_id end
      where ta.attended and ${dayIn(sql`s.starts_on`, s)} and ${provinceIs(s)} and ${org}
    ), g as (
      select 'total' as set, null::int as key, count(*)::int as value,
        (select count(*) from (select session_id from a group by session_id) r)::int as records
      from (select person_id from a group by person_id) x
      union all
      select 'audience', aud, count(*)::int, 0 from (select aud, person_id from a
        cross join lateral unnest(case when cardinality(a.audiences) = 0 then array[0] else a.audiences end) aud
        group by aud, person_id) x group by aud
      union all
      select 'province', unit, count(*)::int, 0 from (select unit, person_id from a group by unit, person_id) x group by unit
      union all
      select 'year', year, count(*)::int, 0 from (select year, person_id from a group by year, person_id) x group by year
    )
    select g.set, case when g.set = 'province' then p.code else g.key::text end as key, p.name_vi as vi, p.name_en as en,
      g.value, g.records
    from g left join admin_units p on g.set = 'province' and p.id = g.key`,
  );
}

async function exhibitionCounts(db: Db, s: Scope, column: 'visitors' | 'views'): Promise<Grouped[]> {
  const col = sql.raw(`e.${column}`);
  const org = s.orgIds
    ? sql`(e.organisation_id = any(${intArray(s.orgIds)}) or exists (select 1 from exhibition_organisers o
        where o.exhibition_id = e.id and o.confirmation = 'confirmed' and o.organisation_id = any(${intArray(s.orgIds)})))`
    : sql`true`;
  const base = sql`select e.id, ${col} as n, extract(year from e.start_date)::int::text as year, p.code as province, p.name_vi, p.name_en
      from exhibitions e ${province34(sql`e.unit_id`)}
      where ${col} is not null and ${dayIn(sql`e.start_date`, s)} and ${provinceIs(s)} and ${org}`;
  const grouped = await rows<Grouped>(
    db,
    sql`with e as (${base})
    select case when grouping(province) = 0 then 'province' when grouping(year) = 0 then 'year' else 'total' end as set,
      coalesce(province, year) as key, min(name_vi) as vi, min(name_en) as en, coalesce(sum(n), 0)::int as value, count(*)::int as records
    from e group by grouping sets ((), (province, name_vi, name_en), (year))`,
  );
  const byAudience = await rows<Grouped>(
    db,
    sql`with e as (${base})
    select 'audience' as set, coalesce(a.audience, 0)::text as key, null as vi, null as en, sum(e.n)::int as value, count(*)::int as records
    from e left join exhibition_audiences a on a.exhibition_id = e.id group by a.audience`,
  );
  return [...grouped, ...byAudience];
}

function toMetric(id: C.ReachMetricId, g: Grouped[]): C.ReachMetric {
  const total = g.find((x) => x.set === 'total');
  const rowsOf = (set: Grouped['set'], none: string, label: (x: Grouped) => Bilingual | null) =>
    g
      .filter((x) => x.set === set)
      .map((x) => ({
        key: x.key === null || x.key === '0' ? none : x.key,
        label: x.key === null ? null : label(x),
        value: Number(x.value),
      }));
  const byKey = (a: C.ReachRow, b: C.ReachRow) =>
    a.key === 'none' ? 1 : b.key === 'none' ? -1 : a.key.localeCompare(b.key, 'en', { numeric: true });
  return {
    id,
    ...META[id],
    total: Number(total?.value ?? 0),
    records: Number(total?.records ?? 0),
    byAudience: rowsOf('audience', 'none', () => null).sort(byKey),
    byProvince: rowsOf('province', 'none', (x) => (x.vi ? { vi: x.vi, en: x.en ?? x.vi } : null)).sort(
      (a, b) => b.value - a.value || byKey(a, b),
    ),
    byYear: rowsOf('year', 'none', () => null).sort(byKey),
  };
}

/** The reach the actor may see for a period, province and organisation: each metric with its breakdowns. */
export async function getReach(db: Db, actor: Actor, raw: unknown): Promise<C.ReachSummary> {
  const q = parseInput(C.ReachQuery, raw);
  const r = await resolveScope(db, actor, q);
  const [training, visitors, views] = await Promise.all([
    trainingParticipants(db, r.scope),
    exhibitionCounts(db, r.scope, 'visitors'),
    exhibitionCounts(db, r.scope, 'views'),
  ]);
  return {
    scope: { period: r.period, province: r.province, organisationId: r.organisationId },
    metrics: [toMetric('training_participants', training), toMetric('exhibition_visitors', visitors), toMetric('exhibition_views', views)],
    note: NOTE,
  };
}
