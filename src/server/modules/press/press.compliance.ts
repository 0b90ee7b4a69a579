// Compliance with target T1 for a reporting period: for each expected agency, does it have a current
// spokesperson, and did it give the press periodic information on time, late or not at all; T1 is the
// share of expected agencies with both. Every figure comes with the records behind it (drill-down).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { OrgKind } from '../../../shared/contracts/directory.js';
import type { ComplianceRow, T1Result } from '../../../shared/contracts/press.js';
import { rows, type Db } from '../../kernel/db.js';
import { adminUnits, organisations } from '../directory/directory.tables.js';
import { parsePeriodId, periodContaining, periodFromRange, type Period } from '../../kernel/periods.js';
import { getReportingSettings } from './press.settings.js';
import { pressItems, pressSpokespersons } from './press.tables.js';
import { COUNTING_STATUSES } from './press.workflow.js';
import { validOn } from './spokespersons.service.js';
import { complianceRowsFromFacts, hasFacts } from './press.facts.js';

export const T1_METHOD_NOTE = {
  en: [
    'Periods are cut in Viet Nam time (UTC+7): a period runs from 00:00 on its first day to 00:00 after its last day.',
    'Expected agencies: every state administrative agency, plus the organisations the programme office includes, minus those it excludes, that is active on the last day of the period (created on or before that day, not deactivated before it). An agency created during the period is therefore expected for that period.',
    'An agency deactivated during the period (valid-to before the last day) is not expected; its obligation passes to its successor from the day after, and what it published in the period before deactivation counts for the successor, if the successor is expected.',
    'Spokesperson: the agency has a spokesperson whose appointment is valid on the last day of the period (appointed on or before it, not ended before it). A spokesperson appointed mid-period counts; one whose appointment ended before the last day does not.',
    'Information: an item counts when it is published (or published then corrected) with its publication time inside the period: on time. Published within the grace days after the period ends: late (used only when nothing was on time). Otherwise missing. Drafts, scheduled and withdrawn items never count. One item may count on time for its own period and late for the previous one.',
    'T1 = agencies with both a spokesperson and information on time or late, divided by expected agencies.',
  ].join(' '),
  vi: [
    'Kỳ báo cáo tính theo giờ Việt Nam (UTC+7): từ 00:00 ngày đầu kỳ đến 00:00 sau ngày cuối kỳ.',
    'Cơ quan phải báo cáo: mọi cơ quan hành chính nhà nước, cộng các tổ chức Văn phòng Đề án bổ sung, trừ các tổ chức được loại trừ, đang hoạt động vào ngày cuối kỳ (thành lập trước hoặc trong ngày đó, chưa giải thể trước ngày đó). Cơ quan thành lập trong kỳ vì vậy phải báo cáo cho kỳ đó.',
    'Cơ quan ngừng hoạt động trong kỳ (ngày hết hiệu lực trước ngày cuối kỳ) không phải báo cáo; nghĩa vụ chuyển sang cơ quan kế thừa từ ngày hôm sau, và thông tin cơ quan đó đã công bố trong kỳ trước khi ngừng hoạt động được tính cho cơ quan kế thừa, nếu cơ quan kế thừa phải báo cáo.',
    'Người phát ngôn: cơ quan có người phát ngôn được giao nhiệm vụ còn hiệu lực vào ngày cuối kỳ (bổ nhiệm trước hoặc trong ngày đó, chưa kết thúc trước ngày đó). Người phát ngôn được bổ nhiệm giữa kỳ được tính; người đã thôi trước ngày cuối kỳ thì không.',
    'Thông tin: một tin được tính khi đã công bố (hoặc đã công bố rồi đính chính) với thời điểm công bố trong kỳ: đúng hạn. Công bố trong số ngày gia hạn sau khi kết thúc kỳ: muộn (chỉ dùng khi không có tin đúng hạn). Ngoài ra: thiếu. Bản nháp, tin đã lên lịch và tin đã thu hồi không bao giờ được tính. Một tin có thể được tính đúng hạn cho kỳ của nó và muộn cho kỳ trước.',
    'T1 = số cơ quan vừa có người phát ngôn vừa có thông tin đúng hạn hoặc muộn, chia cho số cơ quan phải báo cáo.',
  ].join(' '),
};

export type T1Query = {
  period?: string;
  periodStart?: string | Date;
  periodEnd?: string | Date;
  provinceCode?: string;
  orgKind?: OrgKind;
  now?: Date;
};
const DAY_MS = 86_400_000;
/** How many of the items that count a row lists (itemCount gives them all). */
export const ITEMS_LISTED = 10;

type Org = {
  id: number;
  code: string;
  nameVi: string;
  kind: string;
  provinceCode: string | null;
  provinceMap: string | null;
  isStateAdminAgency: boolean;
  active: boolean;
  validFrom: string | null;
  validTo: string | null;
  successorId: number | null;
};

/** Active on day: created on or before it and not deactivated before it (valid_to is the last active day). */
function activeOn(o: Org, day: string): boolean {
  if (o.validFrom && o.validFrom > day) return false;
  return o.validTo ? o.validTo >= day : o.active;
}

export async function resolvePeriod(db: Db, q: T1Query): Promise<Period> {
  if (q.period) return parsePeriodId(q.period);
  if (q.periodStart && q.periodEnd) return periodFromRange(new Date(q.periodStart), new Date(q.periodEnd));
  const settings = await getReportingSettings(db);
  return periodContaining(settings.periodKind, q.now ?? new Date());
}

/** T1 and its rows for a period: from the indicator facts (press.facts.ts) for a standard period of the programme,
 *  else (a free range, a period outside 2023–2029) from the records. */
export async function computeT1(db: Db, q: T1Query): Promise<T1Result> {
  const period = await resolvePeriod(db, q);
  if (!hasFacts(period.id)) return computeT1FromRecords(db, q);
  const settings = await getReportingSettings(db);
  return t1Result(period, settings.graceDays, await complianceRowsFromFacts(db, period, q, settings.graceDays));
}

/** T1 computed record by record from the agencies, spokespersons and items: the rule as first written, kept as the
 *  test oracle of the facts (the indicator provider, press.indicators.ts) and for free ranges. */
export async function computeT1FromRecords(db: Db, q: T1Query): Promise<T1Result> {
  const period = await resolvePeriod(db, q);
  const settings = await getReportingSettings(db);
  const include = new Set(settings.includeOrgIds);
  const exclude = new Set(settings.excludeOrgIds);
  const orgs: Org[] = await db
    .select({
      id: organisations.id,
      code: organisations.code,
      nameVi: organisations.nameVi,
      kind: organisations.kind,
      provinceCode: adminUnits.code,
      provinceMap: adminUnits.mapVersion,
      isStateAdminAgency: organisations.isStateAdminAgency,
      active: organisations.active,
      validFrom: organisations.validFrom,
      validTo: organisations.validTo,
      successorId: organisations.successorId,
    })
    .from(organisations)
    .leftJoin(adminUnits, eq(adminUnits.id, organisations.provinceUnitId));

  const expected = orgs.filter(
    (o) =>
      (include.has(o.id) || (o.isStateAdminAgency && !exclude.has(o.id))) &&
      activeOn(o, period.lastDay) &&
      (!q.provinceCode || o.provinceCode === q.provinceCode) &&
      (!q.orgKind || o.kind === q.orgKind),
  );

  // Predecessors deactivated inside the period, followed down chains of successions.
  const bySuccessor = new Map<number, Org[]>();
  for (const o of orgs)
    if (o.successorId && o.validTo && o.validTo >= period.firstDay && o.validTo < period.lastDay)
      bySuccessor.set(o.successorId, [...(bySuccessor.get(o.successorId) ?? []), o]);
  const predecessorsOf = (id: number, seen = new Set<number>()): number[] =>
    (bySuccessor.get(id) ?? [])
      .filter((p) => !seen.has(p.id))
      .flatMap((p) => {
        seen.add(p.id);
        return [p.id, ...predecessorsOf(p.id, seen)];
      });

  const preds = new Map(expected.map((o) => [o.id, predecessorsOf(o.id)]));
  const relevant = [...new Set(expected.flatMap((o) => [o.id, ...preds.get(o.id)!]))];
  const graceEnd = new Date(period.end.getTime() + settings.graceDays * DAY_MS);
  // One row per organisation, aggregated in the database: counts on time / late and the first items of each.
  const agg = relevant.length
    ? await rows<{ org: number; on_time: number; late: number; on_time_ids: number[] | null; late_ids: number[] | null }>(
        db,
        sql`
    select organisation_id as org,
      count(*) filter (where published_at < ${period.end})::int as on_time,
      count(*) filter (where published_at >= ${period.end})::int as late,
      (array_agg(id order by published_at, id) filter (where published_at < ${period.end}))[1:${sql.raw(String(ITEMS_LISTED))}] as on_time_ids,
      (array_agg(id order by published_at, id) filter (where published_at >= ${period.end}))[1:${sql.raw(String(ITEMS_LISTED))}] as late_ids
    from ${pressItems}
    where status in (${sql.join(
      COUNTING_STATUSES.map((x) => sql`${x}`),
      sql`, `,
    )}) and published_at >= ${period.start} and published_at < ${graceEnd}
      and organisation_id in (${sql.join(
        relevant.map((id) => sql`${id}`),
        sql`, `,
      )})
    group by organisation_id`,
      )
    : [];
  const byOrg = new Map(agg.map((a) => [a.org, a]));
  const spokes = expected.length
    ? await db
        .select({ id: pressSpokespersons.id, organisationId: pressSpokespersons.organisationId })
        .from(pressSpokespersons)
        .where(
          and(
            validOn(period.lastDay),
            inArray(
              pressSpokespersons.organisationId,
              expected.map((o) => o.id),
            ),
          ),
        )
        .orderBy(pressSpokespersons.id)
    : [];

  const spokesByOrg = new Map<number, number>();
  for (const s of spokes) if (!spokesByOrg.has(s.organisationId)) spokesByOrg.set(s.organisationId, s.id);

  const result: ComplianceRow[] = expected.map((o) => {
    const mine = [o.id, ...preds.get(o.id)!].flatMap((id) => (byOrg.has(id) ? [byOrg.get(id)!] : []));
    const onTime = mine.reduce((n, a) => n + a.on_time, 0);
    const late = mine.reduce((n, a) => n + a.late, 0);
    const information = onTime ? ('on_time' as const) : late ? ('late' as const) : ('missing' as const);
    const spokespersonId = spokesByOrg.get(o.id) ?? null;
    const itemIds = mine.flatMap((a) => (onTime ? a.on_time_ids : a.late_ids) ?? []).slice(0, ITEMS_LISTED);
    return {
      organisationId: o.id,
      code: o.code,
      nameVi: o.nameVi,
      kind: o.kind,
      provinceCode: o.provinceCode,
      provinceMap: o.provinceMap as ComplianceRow['provinceMap'],
      spokespersonId,
      information,
      itemIds,
      itemCount: onTime || late,
      predecessorIds: preds.get(o.id)!,
      compliant: spokespersonId !== null && information !== 'missing',
    };
  });
  return t1Result(period, settings.graceDays, result);
}

/** The figure over the rows, sorted by name as a Vietnamese reader expects. */
function t1Result(period: Period, graceDays: number, rows: ComplianceRow[]): T1Result {
  const result = rows.sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi') || a.organisationId - b.organisationId);
  const numerator = result.filter((r) => r.compliant).length;
  return {
    period: {
      id: period.id,
      kind: period.kind,
      start: period.start.toISOString(),
      end: period.end.toISOString(),
      firstDay: period.firstDay,
      lastDay: period.lastDay,
    },
    graceDays,
    value: result.length ? numerator / result.length : null,
    numerator,
    denominator: result.length,
    rows: result,
    methodNote: T1_METHOD_NOTE,
  };
}
