// Demo data of the programme cycle, relative to today: the calendar (last year, this year, the mid-term review),
// provincial coordinators turned on (the demo coordinator: Hà Nội), reports for last year — most approved (Hà Nội's
// through its coordinator), some returned with comments, some missing, the demo editor's own organisation among the
// missing so that it can report — then last year closed with its official figures, and a few records dated last year
// entered after the close, so that "revised since the official figure" shows. Everything is marked is_demo (the
// records of other modules by their own demo flags) and removed by `seed --remove-demo`.
import { eq, inArray } from 'drizzle-orm';
import { systemActor, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { vnDate } from '../../kernel/periods.js';
import { organisations, users } from '../directory/directory.tables.js';
import { deleteFreezes } from '../indicators/indicators.service.js';
import { createPerson } from '../training/training.service.js';
import { closePeriod } from './cycle.official.js';
import { createPeriod, expectedOrganisations, periodRow, updateCycleSettings } from './cycle.periods.js';
import { approveReport, createReport, returnReport, submitReport, updateReport } from './cycle.reports.js';
import {
  cycleLockGrants,
  cyclePeriodCloses,
  cyclePeriods,
  cycleReportEvents,
  cycleReportFiles,
  cycleReports,
  cycleSummaryEdits,
} from './cycle.tables.js';

const RESULTS = [
  'Tổ chức {n} hội nghị, tọa đàm phổ biến chính sách, pháp luật về quyền con người; cập nhật danh sách cán bộ được tập huấn.',
  'Phối hợp với cơ quan báo chí đăng tải tin, bài về bảo đảm quyền con người; cung cấp thông tin định kỳ cho báo chí đúng hạn.',
  'Biên soạn và phát hành tài liệu tuyên truyền bằng tiếng Việt và tiếng dân tộc thiểu số; số hóa tài liệu lên thư viện điện tử.',
];
const DIFFICULTIES = [
  'Kinh phí bố trí cho hoạt động tuyên truyền còn hạn chế; đội ngũ cán bộ làm công tác này còn kiêm nhiệm.',
  'Việc thống kê số liệu ở cấp cơ sở chưa đồng bộ, một số hoạt động chưa được cập nhật kịp thời lên hệ thống.',
];
const PROPOSALS = [
  'Đề nghị Văn phòng Đề án tổ chức tập huấn kỹ năng truyền thông về quyền con người cho cán bộ đầu mối.',
  'Đề nghị bổ sung kinh phí từ ngân sách trung ương cho các hoạt động tại địa bàn khó khăn.',
];
const NEXT = [
  'Tiếp tục tập huấn cho cán bộ chưa được tập huấn; tổ chức triển lãm ảnh tại địa phương; cập nhật hồ sơ đầy đủ lên hệ thống.',
  'Xây dựng kế hoạch truyền thông năm tới gắn với các mục tiêu của Đề án; tăng sản phẩm trên nền tảng số.',
];

const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;
/** An instant on a day in Viet Nam (10:00 local). */
const at = (day: string) => new Date(`${day}T10:00:00+07:00`);

export async function seedCycleDemo(
  db: Db,
  now = new Date(),
): Promise<{ periods: number; reports: number; approved: number; returned: number; missing: number }> {
  const office = systemActor('seed', 'Văn phòng Đề án (demo)');
  const year = Math.min(2028, Math.max(2023, Number(vnDate(now).slice(0, 4)) - 1));
  const [coordinator] = await db.select().from(users).where(eq(users.username, 'coordinator'));
  const coordinatorActor: Actor | null = coordinator
    ? { userId: coordinator.id, name: coordinator.username, role: 'coordinator', organisationId: null, provinceCode: '01', via: 'seed' }
    : null;
  const [editorOrg] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, 'UBND-01'));

  await updateCycleSettings(db, office, { coordinatorsEnabled: true, expiryDays: 90 });
  const last = await createPeriod(
    db,
    office,
    { kind: 'yearly', year, deadline: `${year + 1}-01-31`, includeOrganisationIds: editorOrg ? [editorOrg.id] : [] },
    { isDemo: true },
  );
  let periods = 1;
  // This year: the demo editor's organisation (Hà Nội, through its coordinator) is expected, so it has a report to fill.
  if (year + 1 <= 2028) {
    await createPeriod(
      db,
      office,
      { kind: 'yearly', year: year + 1, deadline: `${year + 2}-01-31`, includeOrganisationIds: editorOrg ? [editorOrg.id] : [] },
      { isDemo: true },
    );
    periods++;
  }
  await createPeriod(db, office, { kind: 'midterm', deadline: '2026-03-31' }, { isDemo: true });
  periods++;

  // Reports of last year: 8 in 10 approved, 1 in 10 returned, the rest (and the demo editor's own) missing.
  const expected = [...(await expectedOrganisations(db, await periodRow(db, last.id))).keys()]
    .sort((a, b) => a - b)
    .filter((id) => id !== editorOrg?.id);
  const codeOf = new Map(
    (
      await db
        .select({ id: organisations.id, code: organisations.code })
        .from(organisations)
        .where(inArray(organisations.id, expected.length ? expected : [0]))
    ).map((o) => [o.id, o.code]),
  );
  let approved = 0,
    returned = 0,
    reports = 0;
  for (const [i, orgId] of expected.entries()) {
    const slot = i % 10;
    if (slot === 9) continue; // missing
    const focal = systemActor('seed', `Đầu mối ${codeOf.get(orgId) ?? orgId} (demo)`);
    const r = await createReport(db, focal, { periodId: last.id, organisationId: orgId }, { isDemo: true });
    reports++;
    await updateReport(db, focal, r.id, {
      sections: {
        results: pick(RESULTS, i).replace('{n}', String(2 + (i % 5))),
        difficulties: pick(DIFFICULTIES, i),
        proposals: pick(PROPOSALS, i),
        nextTasks: pick(NEXT, i),
      },
    });
    // On time mostly (January), some late (February).
    const submitted = at(
      slot === 7 ? `${year + 1}-02-${String(10 + (i % 15)).padStart(2, '0')}` : `${year + 1}-01-${String(10 + (i % 18)).padStart(2, '0')}`,
    );
    const s = await submitReport(db, focal, r.id, submitted);
    if (s.awaiting === 'province' && coordinatorActor)
      await approveReport(
        db,
        coordinatorActor,
        r.id,
        { comment: 'Đã rà soát, đề nghị Văn phòng duyệt.' },
        new Date(submitted.getTime() + 2 * 86_400_000),
      );
    if (slot === 8) {
      await returnReport(
        db,
        office,
        r.id,
        {
          comments: {
            results: 'Đề nghị nêu rõ số cán bộ đã được tập huấn và số sản phẩm truyền thông.',
            figures: 'Số liệu T2 chưa khớp với danh sách cán bộ; đề nghị cập nhật danh sách.',
          },
        },
        new Date(submitted.getTime() + 5 * 86_400_000),
      );
      returned++;
    } else {
      await approveReport(db, office, r.id, { comment: 'Đạt yêu cầu.' }, new Date(submitted.getTime() + 6 * 86_400_000));
      approved++;
    }
  }

  // Last year closed: its official figures; then records dated in it entered after the close (revised since).
  await closePeriod(db, office, last.id, {}, now);
  const late = expected.slice(0, 2);
  for (const [k, orgId] of late.entries()) {
    await createPerson(
      db,
      office,
      {
        fullName: `${k ? 'Trần Thị' : 'Lê Văn'} Bổ Sung ${k + 1}`,
        position: 'Chuyên viên (demo, nhập sau khoá sổ)',
        organisationId: orgId,
        memberships: [{ targetGroup: 'T2a', validFrom: `${year}-10-0${k + 1}` }],
      },
      { isDemo: true },
    );
  }
  return { periods, reports, approved, returned, missing: expected.length + (editorOrg ? 1 : 0) - reports };
}

/** Removes the cycle's demo data: demo periods with their reports, closes (and their frozen facts), permissions and
 *  the consolidated report's edited paragraphs. */
export async function removeCycleDemo(db: Db): Promise<{ periods: number; reports: number }> {
  return db.transaction(async (tx) => {
    const periods = (await tx.select({ id: cyclePeriods.id }).from(cyclePeriods).where(eq(cyclePeriods.isDemo, true))).map((p) => p.id);
    const reports = (await tx.select({ id: cycleReports.id }).from(cycleReports).where(eq(cycleReports.isDemo, true))).map((r) => r.id);
    if (reports.length) {
      await tx.delete(cycleReportEvents).where(inArray(cycleReportEvents.reportId, reports));
      await tx.delete(cycleReportFiles).where(inArray(cycleReportFiles.reportId, reports));
      await tx.delete(cycleReports).where(inArray(cycleReports.id, reports));
    }
    if (periods.length) {
      // Reports others wrote for a demo period go with it (the period is the demo's).
      const others = (await tx.select({ id: cycleReports.id }).from(cycleReports).where(inArray(cycleReports.periodId, periods))).map(
        (r) => r.id,
      );
      if (others.length) {
        await tx.delete(cycleReportEvents).where(inArray(cycleReportEvents.reportId, others));
        await tx.delete(cycleReportFiles).where(inArray(cycleReportFiles.reportId, others));
        await tx.delete(cycleReports).where(inArray(cycleReports.id, others));
      }
      const freezes = (
        await tx.select({ id: cyclePeriodCloses.freezeId }).from(cyclePeriodCloses).where(inArray(cyclePeriodCloses.periodId, periods))
      ).map((c) => c.id);
      await tx.delete(cyclePeriodCloses).where(inArray(cyclePeriodCloses.periodId, periods));
      await deleteFreezes(tx, freezes);
      await tx.delete(cycleLockGrants).where(inArray(cycleLockGrants.periodId, periods));
      await tx.delete(cycleSummaryEdits).where(inArray(cycleSummaryEdits.periodId, periods));
      await tx.delete(cyclePeriods).where(inArray(cyclePeriods.id, periods));
    }
    return { periods: periods.length, reports: reports.length };
  });
}
