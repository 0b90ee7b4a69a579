// The consolidated programme report's Excel annex: every table of the Word report, in full, one sheet each, each opened
// by its title and a line naming its period and source (official close version and date, or provisional): the summary
// paragraphs as printed, the figures of each figure period (official and live side by side, records differing), the
// trend, completeness (by period, kind, province, who is missing), the narratives (who said what, under which
// targets), plan vs spending by source, target and organisation, and the recommendations' status.
import ExcelJS from 'exceljs';
import type * as C from '../../../shared/contracts/cycle.js';
import { STATUS_WORDS } from '../indicators/indicators.reports.js';
import { KIND_LABELS } from '../indicators/indicators.service.js';
import { STATUS_LABELS } from '../recommendations/recommendations.indicators.js';
import { SECTION_TITLES, sourceWords, type Consolidated, type Lang } from './cycle.consolidated.js';
import { SOURCE_NAMES, W } from './cycle.consolidated.word.js';
import { dayWords } from '../../kernel/decree30.js';
import { vnToday } from '../../kernel/format.js';

const X = {
  vi: {
    summary: 'Tóm tắt',
    summaryHead: ['Đoạn', 'Nội dung trong báo cáo', 'Đã sửa', 'Người sửa', 'Lúc sửa', 'Nội dung tự động'],
    figures: (k: string) => `Số liệu ${k}`,
    trend: 'Diễn biến',
    completeness: 'Tình hình báo cáo',
    byKind: 'Theo loại tổ chức',
    byProvince: 'Theo tỉnh',
    missing: 'Chưa báo cáo',
    narratives: 'Ý kiến',
    planSource: 'Kinh phí theo nguồn',
    planTarget: 'Kinh phí theo mục tiêu',
    planOrg: 'Kinh phí theo tổ chức',
    recs: 'Khuyến nghị',
    yes: 'có',
    figHead: [
      'Mã',
      'Chỉ tiêu',
      'Tử số',
      'Mẫu số',
      'Giá trị',
      'Loại số liệu',
      'Tử số hiện nay',
      'Mẫu số hiện nay',
      'Giá trị hiện nay',
      'Hồ sơ thay đổi',
      'Kỳ vọng',
      'Đánh giá',
      'Đơn vị của giá trị',
    ],
    official: 'chính thức',
    provisional: 'tạm tính',
    period: 'Kỳ',
    source: 'Nguồn',
    units: { percent: 'tỉ lệ (0–1)', count: 'số lượng' },
    narrHead: ['Kỳ', 'Cơ quan, tổ chức', 'Mục tiêu', 'Phần', 'Nội dung', 'Ngày phê duyệt'],
    orgHead: [
      'Năm',
      'Mã',
      'Cơ quan, tổ chức',
      'Trạng thái kế hoạch',
      'Phiên bản',
      'KH trung ương',
      'KH địa phương',
      'KH nguồn khác',
      'KH tổng',
      'Chi trung ương',
      'Chi địa phương',
      'Chi nguồn khác',
      'Chi tổng',
    ],
    year: 'Năm',
    missingHead: ['Kỳ', 'Mã', 'Cơ quan, tổ chức', 'Loại', 'Tỉnh, thành phố', 'Lý do phải báo cáo'],
  },
  en: {
    summary: 'Summary',
    summaryHead: ['Paragraph', 'Text in the report', 'Edited', 'Edited by', 'Edited at', 'Generated text'],
    figures: (k: string) => `Figures ${k}`,
    trend: 'Trend',
    completeness: 'Reporting',
    byKind: 'By kind',
    byProvince: 'By province',
    missing: 'Missing',
    narratives: 'Narratives',
    planSource: 'Budget by source',
    planTarget: 'Budget by target',
    planOrg: 'Budget by organisation',
    recs: 'Recommendations',
    yes: 'yes',
    figHead: [
      'Id',
      'Indicator',
      'Numerator',
      'Denominator',
      'Value',
      'Kind of figure',
      'Live numerator',
      'Live denominator',
      'Live value',
      'Records differing',
      'Expected',
      'Status',
      'Unit of the values',
    ],
    official: 'official',
    provisional: 'provisional',
    period: 'Period',
    source: 'Source',
    units: { percent: 'share (0–1)', count: 'count' },
    narrHead: ['Period', 'Organisation', 'Targets', 'Section', 'Text', 'Approved on'],
    orgHead: [
      'Year',
      'Code',
      'Organisation',
      'Plan status',
      'Version',
      'Planned central',
      'Planned local',
      'Planned other',
      'Planned total',
      'Spent central',
      'Spent local',
      'Spent other',
      'Spent total',
    ],
    year: 'Year',
    missingHead: ['Period', 'Code', 'Organisation', 'Kind', 'Province', 'Expected because'],
  },
} as const;

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);

export async function buildConsolidatedExcel(d: Consolidated, summary: C.SummarySection[], lang: Lang): Promise<Buffer> {
  const x = X[lang];
  const w = W[lang];
  const wb = new ExcelJS.Workbook();
  wb.created = d.generatedAt;
  const periodName = d.period.label[lang];
  const sheet = (name: string, title: string, source: string, head: readonly string[]) => {
    const ws = wb.addWorksheet(sheetName(name));
    ws.addRow([title]).font = { bold: true, size: 13 };
    ws.addRow([`${x.period}: ${periodName}`]);
    ws.addRow([`${x.source}: ${source}`]).font = { italic: true };
    ws.addRow([]);
    ws.addRow([...head]).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 5 }];
    return ws;
  };
  const figSources = d.figurePeriods.map((f) => `${f.label[lang]}: ${sourceWords(f, lang)}`).join('; ');

  const s = sheet(x.summary, w.subtitle(periodName), figSources, x.summaryHead);
  for (const p of summary)
    s.addRow([p.title[lang], p.text, p.edited !== null ? x.yes : '', p.editedByName ?? '', p.editedAt ?? '', p.generated]);
  s.getColumn(2).width = 100;
  s.getColumn(2).alignment = { wrapText: true, vertical: 'top' };

  for (const f of d.figurePeriods) {
    const ws = sheet(x.figures(f.key), w.figTable(f.label[lang]), sourceWords(f, lang), x.figHead);
    for (const i of d.indicators) {
      const c = f.cells.find((y) => y.indicator === i.def.id);
      if (!c) continue;
      ws.addRow([
        i.def.id,
        i.def.name[lang],
        c.shown.numerator,
        c.shown.denominator,
        c.shown.value,
        f.close ? x.official : x.provisional,
        c.live?.numerator ?? null,
        c.live?.denominator ?? null,
        c.live?.value ?? null,
        f.close ? c.revisedRecords : null,
        i.expected,
        STATUS_WORDS[i.status][lang],
        x.units[i.def.unit],
      ]);
    }
    ws.getColumn(2).width = 50;
  }

  const t = sheet(x.trend, w.trendTable, w.trendSource(d.trendBasis), [w.figHead[0], w.figHead[1], ...d.trendPeriods]);
  for (const i of d.indicators)
    t.addRow([i.def.id, i.def.name[lang], ...d.trendPeriods.map((p) => i.trend.find((y) => y.period === p)?.value ?? null)]);
  t.getColumn(2).width = 50;

  const compSrc = d.completeness
    .map((c) => `${c.period.label[lang]}: ${w.compSource(c.expectedAsOf === 'close' ? w.asOfClose : w.asOfNow)}`)
    .join('; ');
  const counts = (c: C.CompletenessCounts) => [c.expected, c.submitted, c.onTime, c.late, c.missing, c.rate];
  const cs = sheet(x.completeness, w.compTable, compSrc, w.compHead);
  for (const c of d.completeness) cs.addRow([c.period.label[lang], ...counts(c.totals)]);
  const kinds = sheet(x.byKind, w.byKind, compSrc, [x.period, w.kindHead, ...w.compHead.slice(1)]);
  for (const c of d.completeness) for (const k of c.byKind) kinds.addRow([c.period.label[lang], k.label[lang], ...counts(k)]);
  const provs = sheet(x.byProvince, w.byProvince, compSrc, [x.period, w.provinceHead, ...w.compHead.slice(1)]);
  for (const c of d.completeness) for (const k of c.byProvince) provs.addRow([c.period.label[lang], k.label[lang], ...counts(k)]);
  const miss = sheet(x.missing, w.missingTable, compSrc, x.missingHead);
  for (const c of d.completeness)
    for (const m of c.missing)
      miss.addRow([
        c.period.label[lang],
        m.code,
        m.name,
        KIND_LABELS[m.kind]?.[lang] ?? m.kind,
        m.provinceName ?? '',
        m.expectedBecause.join(', '),
      ]);
  for (const ws of [cs, kinds, provs, miss]) ws.getColumn(2).width = 40;

  const nar = sheet(
    x.narratives,
    w.narratives,
    lang === 'vi' ? 'báo cáo định kỳ đã được phê duyệt' : 'approved periodic reports',
    x.narrHead,
  );
  for (const n of d.narratives)
    nar.addRow([
      n.periodKey,
      n.organisationName,
      n.groups.join(', '),
      SECTION_TITLES[n.section][lang],
      n.text,
      n.decidedAt?.slice(0, 10) ?? '',
    ]);
  nar.getColumn(2).width = 40;
  nar.getColumn(5).width = 100;

  const plans = d.plans ?? [];
  const planSrc = plans.map((p) => `${p.year}: ${w.planSource(p.plans)}`).join('; ') || w.noPlans;
  const ps = sheet(x.planSource, x.planSource, planSrc, [x.year, ...w.planHead]);
  for (const p of plans) {
    for (const b of p.bySource)
      ps.addRow([p.year, SOURCE_NAMES[b.source]?.[lang] ?? b.source, b.planned, b.spent, b.planned ? b.spent / b.planned : null]);
    ps.addRow([
      p.year,
      w.total,
      p.total.planned.total,
      p.total.spent.total,
      p.total.planned.total ? p.total.spent.total / p.total.planned.total : null,
    ]);
  }
  const pt = sheet(x.planTarget, x.planTarget, `${planSrc}. ${w.planNote}`, [x.year, ...w.planTargetHead]);
  for (const p of plans)
    for (const b of p.byTarget)
      pt.addRow([p.year, b.target, b.activities, b.planned.total, b.spent.total, b.planned.total ? b.spent.total / b.planned.total : null]);
  const po = sheet(x.planOrg, x.planOrg, planSrc, x.orgHead);
  for (const p of plans)
    for (const o of p.byOrganisation) {
      po.addRow([
        p.year,
        o.code,
        o.name,
        o.status,
        o.basisVersion,
        o.planned.central,
        o.planned.local,
        o.planned.other,
        o.planned.total,
        o.spent.central,
        o.spent.local,
        o.spent.other,
        o.spent.total,
      ]);
    }
  po.getColumn(3).width = 40;

  const rs = sheet(x.recs, w.recTable, w.recSource(dayWords(vnToday(new Date(d.recommendations.at)), lang)), w.recHead);
  for (const r of d.recommendations.counts)
    rs.addRow([STATUS_LABELS[r.status as keyof typeof STATUS_LABELS]?.[lang] ?? r.status, r.all, r.communication]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
