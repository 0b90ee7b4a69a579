// Completeness of reporting, as DHIS2 names it: for a period, how many organisations were expected to report, how many
// submitted (on time: first submitted by the end of the deadline day in Viet Nam; late: after it), how many are
// missing, and who — by organisation, kind and province (current map), on the dashboard and in Excel. A closed period
// counts the organisations expected when it was closed; an open one those the rule expects now. An organisation that
// was created (valid from) or deactivated (valid to) during the period is expected only if the rule finds it and it
// existed during the period; the list says when it started or ended.
import ExcelJS from 'exceljs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import * as C from '../../../shared/contracts/cycle.js';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import type { Actor } from '../../kernel/audit.js';
import { iso, type Db } from '../../kernel/db.js';
import { parseInput } from '../../kernel/validate.js';
import { adminUnits, organisations } from '../directory/directory.tables.js';
import { KIND_LABELS } from '../indicators/indicators.service.js';
import { currentCloses, expectedOrganisations, periodRow, toPeriod } from './cycle.periods.js';
import { deadlineEnd } from './cycle.reports.js';
import { readableOrganisations } from './cycle.scope.js';
import { cycleReports } from './cycle.tables.js';

const NO_PROVINCE: Bilingual = { vi: 'Trung ương, nước ngoài hoặc không gắn tỉnh', en: 'Central, abroad or no province' };

function counts(list: C.CompletenessOrg[]): C.CompletenessCounts {
  const expected = list.length;
  const onTime = list.filter((o) => o.state === 'on_time').length,
    late = list.filter((o) => o.state === 'late').length;
  const submitted = onTime + late;
  return {
    expected,
    submitted,
    onTime,
    late,
    missing: expected - submitted,
    approved: list.filter((o) => o.reportStatus === 'approved' || o.reportStatus === 'locked').length,
    returned: list.filter((o) => o.reportStatus === 'returned').length,
    rate: expected ? submitted / expected : null,
    onTimeRate: expected ? onTime / expected : null,
  };
}

/** Completeness of one period for the organisations the caller reads (a coordinator: its province; an editor: its
 *  subtree; the office and analysts: all), filtered by province and kind. */
export async function getCompleteness(db: Db, actor: Actor, periodId: number, raw: unknown = {}): Promise<C.Completeness> {
  const q = parseInput(C.CompletenessQuery, raw);
  const p = await periodRow(db, periodId);
  const close = (await currentCloses(db, [p.id])).get(p.id);
  const expected: Map<number, string[]> = close
    ? new Map(close.expectedOrgIds.map((id) => [id, ['close']]))
    : await expectedOrganisations(db, p);
  const ids = [...expected.keys()];
  const orgs = ids.length
    ? await db
        .select({ o: organisations, provinceCode: adminUnits.code, provinceName: adminUnits.nameVi, provinceEn: adminUnits.nameEn })
        .from(organisations)
        .leftJoin(adminUnits, eq(adminUnits.id, organisations.provinceUnitId))
        .where(
          and(
            inArray(organisations.id, ids),
            await readableOrganisations(db, actor, sql`${organisations.id}`),
            q.province ? eq(adminUnits.code, q.province) : undefined,
            q.kind ? eq(organisations.kind, q.kind) : undefined,
          ),
        )
    : [];
  const reports: Map<number, typeof cycleReports.$inferSelect> = orgs.length
    ? new Map(
        (
          await db
            .select()
            .from(cycleReports)
            .where(
              and(
                eq(cycleReports.periodId, p.id),
                inArray(
                  cycleReports.organisationId,
                  orgs.map((o) => o.o.id),
                ),
              ),
            )
        ).map((r) => [r.organisationId, r]),
      )
    : new Map();
  const due = deadlineEnd(p.deadline);
  const list: C.CompletenessOrg[] = orgs
    .map(({ o, provinceCode, provinceName }) => {
      const r = reports.get(o.id);
      const first = r?.firstSubmittedAt ? new Date(r.firstSubmittedAt) : null;
      return {
        organisationId: o.id,
        code: o.code,
        name: o.nameVi,
        kind: o.kind as C.CompletenessOrg['kind'],
        provinceCode,
        provinceName,
        state: (first ? (first.getTime() <= due ? 'on_time' : 'late') : 'missing') as C.CompletenessOrg['state'],
        reportId: r?.id ?? null,
        reportStatus: (r?.status as C.ReportStatus | undefined) ?? null,
        firstSubmittedAt: iso(first),
        expectedBecause: expected.get(o.id) ?? [],
        validFrom: o.validFrom && o.validFrom >= p.firstDay && o.validFrom <= p.lastDay ? o.validFrom : null,
        validTo: o.validTo && o.validTo >= p.firstDay && o.validTo <= p.lastDay ? o.validTo : null,
        active: o.active,
      };
    })
    .sort((a, b) =>
      a.state === b.state
        ? a.name.localeCompare(b.name, 'vi')
        : a.state === 'missing'
          ? -1
          : b.state === 'missing'
            ? 1
            : a.state.localeCompare(b.state),
    );

  const byKind = [...new Set(list.map((o) => o.kind))].map((kind) => ({
    kind,
    label: KIND_LABELS[kind] ?? { vi: kind, en: kind },
    ...counts(list.filter((o) => o.kind === kind)),
  }));
  const names = new Map(orgs.map((o) => [o.provinceCode, { vi: o.provinceName ?? '', en: o.provinceEn ?? '' }]));
  const byProvince = [...new Set(list.map((o) => o.provinceCode))]
    .sort((a, b) => (a ?? 'zz').localeCompare(b ?? 'zz'))
    .map((code) => ({
      provinceCode: code,
      label: code ? names.get(code)! : NO_PROVINCE,
      ...counts(list.filter((o) => o.provinceCode === code)),
    }));
  return {
    period: toPeriod(p, close),
    expectedAsOf: close ? 'close' : 'now',
    totals: counts(list),
    byKind,
    byProvince,
    organisations: list,
  };
}

const T = {
  vi: {
    summary: 'Tổng hợp',
    byKind: 'Theo loại tổ chức',
    byProvince: 'Theo tỉnh',
    organisations: 'Từng tổ chức',
    missing: 'Chưa báo cáo',
    countsHead: ['Phải báo cáo', 'Đã nộp', 'Đúng hạn', 'Muộn', 'Chưa nộp', 'Đã duyệt', 'Bị trả lại', 'Tỷ lệ đã nộp', 'Tỷ lệ đúng hạn'],
    kind: 'Loại tổ chức',
    province: 'Tỉnh, thành phố',
    period: 'Kỳ báo cáo',
    deadline: 'Hạn nộp',
    asOf: 'Danh sách phải báo cáo',
    asOfClose: 'tại thời điểm khoá sổ',
    asOfNow: 'theo quy tắc hiện nay',
    orgHead: [
      'Mã',
      'Tổ chức',
      'Loại',
      'Tỉnh, thành phố',
      'Tình trạng',
      'Trạng thái báo cáo',
      'Nộp lần đầu',
      'Lý do phải báo cáo',
      'Ghi chú',
    ],
    state: { on_time: 'Đúng hạn', late: 'Muộn', missing: 'Chưa nộp' } as Record<string, string>,
    from: (d: string) => `thành lập ${d}`,
    to: (d: string) => `ngừng hoạt động ${d}`,
  },
  en: {
    summary: 'Summary',
    byKind: 'By kind',
    byProvince: 'By province',
    organisations: 'Organisations',
    missing: 'Missing',
    countsHead: ['Expected', 'Submitted', 'On time', 'Late', 'Missing', 'Approved', 'Returned', 'Submitted rate', 'On-time rate'],
    kind: 'Kind of organisation',
    province: 'Province',
    period: 'Period',
    deadline: 'Deadline',
    asOf: 'Expected organisations',
    asOfClose: 'as at the close',
    asOfNow: 'as the rule finds them now',
    orgHead: ['Code', 'Organisation', 'Kind', 'Province', 'State', 'Report status', 'First submitted', 'Expected because', 'Note'],
    state: { on_time: 'On time', late: 'Late', missing: 'Missing' } as Record<string, string>,
    from: (d: string) => `created ${d}`,
    to: (d: string) => `deactivated ${d}`,
  },
} as const;

/** The completeness workbook: summary, by kind, by province, every organisation, and the missing ones. */
export async function completenessWorkbook(c: C.Completeness, lang: 'vi' | 'en'): Promise<Buffer> {
  const t = T[lang];
  const wb = new ExcelJS.Workbook();
  wb.created = new Date();
  const head = (ws: ExcelJS.Worksheet, values: readonly string[]) => {
    const r = ws.addRow([...values]);
    r.font = { bold: true };
    return r;
  };
  const countRow = (x: C.CompletenessCounts) => [
    x.expected,
    x.submitted,
    x.onTime,
    x.late,
    x.missing,
    x.approved,
    x.returned,
    x.rate,
    x.onTimeRate,
  ];
  const pct = (ws: ExcelJS.Worksheet, from: number) => {
    for (const col of [from, from + 1]) ws.getColumn(col).numFmt = '0.0%';
  };

  const s = wb.addWorksheet(t.summary);
  s.addRow([t.period, c.period.label[lang]]);
  s.addRow([t.deadline, c.period.deadline]);
  s.addRow([t.asOf, c.expectedAsOf === 'close' ? t.asOfClose : t.asOfNow]);
  s.addRow([]);
  head(s, t.countsHead);
  s.addRow(countRow(c.totals));
  pct(s, 8);
  s.getColumn(1).width = 24;

  const byRows = (name: string, label: string, list: (C.CompletenessCounts & { label: Bilingual })[]) => {
    const ws = wb.addWorksheet(name);
    head(ws, [label, ...t.countsHead]);
    for (const x of list) ws.addRow([x.label[lang], ...countRow(x)]);
    pct(ws, 9);
    ws.getColumn(1).width = 40;
  };
  byRows(t.byKind, t.kind, c.byKind);
  byRows(t.byProvince, t.province, c.byProvince);

  const orgRows = (ws: ExcelJS.Worksheet, list: C.CompletenessOrg[]) => {
    head(ws, t.orgHead);
    for (const o of list) {
      ws.addRow([
        o.code,
        o.name,
        KIND_LABELS[o.kind]?.[lang] ?? o.kind,
        o.provinceName ?? '',
        t.state[o.state],
        o.reportStatus ?? '',
        o.firstSubmittedAt ? o.firstSubmittedAt.slice(0, 10) : '',
        o.expectedBecause.join(', '),
        [o.validFrom ? t.from(o.validFrom) : '', o.validTo ? t.to(o.validTo) : ''].filter(Boolean).join('; '),
      ]);
    }
    ws.getColumn(2).width = 50;
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };
  orgRows(wb.addWorksheet(t.organisations), c.organisations);
  orgRows(
    wb.addWorksheet(t.missing),
    c.organisations.filter((o) => o.state === 'missing'),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
