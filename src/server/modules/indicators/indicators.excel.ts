// The indicators' official workbook for one period and scope: a summary of the 12 indicators, the scope and the
// status rule, then one sheet per indicator that has a data source — its figure, trend, trajectory, every
// breakdown and every record of its denominator. Everything is read through getDashboard and drillDown
// (indicators.reports.ts), so each number equals the dashboard's. Values are numbers with a number format,
// never text; an indicator without a data source says so and never shows a zero.
import ExcelJS from 'exceljs';
import type { FigureRow, IndicatorDefinition, IndicatorFigure, IndicatorScope } from '../../../shared/contracts/indicators.js';
import type { Db } from '../../kernel/db.js';
import { MODULE_NAMES } from './indicators.definitions.js';
import {
  ATTRIBUTED_NOTE,
  BREAKDOWN_TITLES,
  denominatorRecords,
  expectedYear,
  generatedWords,
  loadReport,
  NO_SOURCE,
  resolvedScope,
  scopeJudgement,
  scopeWords,
  standingWords,
  targetCell,
  STATUS_WORDS,
  type ReportLang,
} from './indicators.reports.js';
import { periodLabel } from '../../../shared/labels.js';

const T = {
  vi: {
    summary: 'Tổng hợp',
    scope: 'Phạm vi',
    summaryHead: [
      'Mã',
      'Chỉ tiêu',
      'Mục tiêu đến năm 2028',
      'Giá trị',
      'Tử số',
      'Mẫu số',
      'Kỳ vọng theo lộ trình',
      'Đánh giá',
      'Nguồn dữ liệu',
    ],
    item: 'Mục',
    content: 'Nội dung',
    period: 'Kỳ báo cáo',
    map: 'Bản đồ hành chính',
    province: 'Tỉnh, thành phố',
    orgKind: 'Loại tổ chức',
    organisation: 'Tổ chức',
    generated: 'Thời điểm lập',
    statusRule: 'Cách đánh giá tiến độ',
    source: 'Nguồn số liệu',
    sourceText:
      'Tính trực tiếp từ hồ sơ trên RightsHub tại thời điểm lập, không nhập tay; bằng số liệu trên trang Chỉ tiêu của hệ thống cho cùng kỳ và phạm vi.',
    figure: 'Số liệu',
    indicator: 'Chỉ tiêu',
    target: 'Mục tiêu đến năm 2028',
    scopeTarget: 'Chỉ tiêu của phạm vi báo cáo',
    rowStatus: 'Đánh giá (theo chỉ tiêu riêng của tỉnh)',
    standing: 'Tình hình chung',
    span: 'Khoảng thời gian tính',
    value: 'Giá trị',
    numerator: 'Tử số',
    denominator: 'Mẫu số',
    expected: (y: number) => `Kỳ vọng theo lộ trình (năm ${y})`,
    status: 'Đánh giá',
    method: 'Cách tính',
    definition: 'Nội dung mục tiêu',
    cumulative: '(luỹ kế từ đầu Đề án)',
    trend: 'Xu hướng',
    trendHead: ['Kỳ', 'Giá trị'],
    trajectory: 'Lộ trình',
    trajectoryHead: ['Năm', 'Giá trị kỳ vọng'],
    trajectoryDefault: 'Mặc định: tăng tuyến tính từ mức cơ sở năm 2023 đến mục tiêu năm 2028',
    trajectorySet: 'Do Văn phòng Đề án đặt',
    breakdownHead: ['Mã', 'Tên', 'Tử số', 'Mẫu số', 'Giá trị', 'Ghi chú'],
    records: (n: number) => `Hồ sơ thuộc mẫu số (${n})`,
    recordsHead: ['Mã hồ sơ', 'Hồ sơ', 'Tổ chức', 'Tỉnh, thành phố', 'Được tính', 'Chi tiết', 'Hồ sơ liên quan'],
    yes: 'Có',
    no: 'Không',
    noData: 'Chưa có số liệu',
    mapSuffix: (m: string) => ` (bản đồ ${m} đơn vị)`,
  },
  en: {
    summary: 'Summary',
    scope: 'Scope',
    summaryHead: [
      'Id',
      'Indicator',
      'Target for 2028',
      'Value',
      'Numerator',
      'Denominator',
      'Expected per trajectory',
      'Status',
      'Data source',
    ],
    item: 'Item',
    content: 'Content',
    period: 'Period',
    map: 'Administrative map',
    province: 'Province',
    orgKind: 'Kind of organisation',
    organisation: 'Organisation',
    generated: 'Generated at',
    statusRule: 'How the status is decided',
    source: 'Source of the figures',
    sourceText:
      "Computed from the records in RightsHub when generated, never typed in; equal to the system's Indicators page for the same period and scope.",
    figure: 'Figure',
    indicator: 'Indicator',
    target: 'Target for 2028',
    scopeTarget: "This scope's target",
    rowStatus: 'Status (against the province’s own target)',
    standing: 'Where the programme stands',
    span: 'Records counted from … to',
    value: 'Value',
    numerator: 'Numerator',
    denominator: 'Denominator',
    expected: (y: number) => `Expected per trajectory (${y})`,
    status: 'Status',
    method: 'Method',
    definition: 'Target as decided',
    cumulative: '(cumulative since the programme began)',
    trend: 'Trend',
    trendHead: ['Period', 'Value'],
    trajectory: 'Trajectory',
    trajectoryHead: ['Year', 'Expected value'],
    trajectoryDefault: 'Default: linear from the 2023 baseline to the 2028 target',
    trajectorySet: 'Set by the programme office',
    breakdownHead: ['Key', 'Name', 'Numerator', 'Denominator', 'Value', 'Note'],
    records: (n: number) => `Records of the denominator (${n})`,
    recordsHead: ['Record id', 'Record', 'Organisation', 'Province', 'Counts', 'Detail', 'Related records'],
    yes: 'Yes',
    no: 'No',
    noData: 'No data',
    mapSuffix: (m: string) => ` (${m}-unit map)`,
  },
} as const;

const BOLD: Partial<ExcelJS.Font> = { bold: true };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

const numFmt = (unit: IndicatorDefinition['unit']) => (unit === 'percent' ? '0.0%' : '#,##0');

function headerRow(ws: ExcelJS.Worksheet, values: readonly string[]): ExcelJS.Row {
  const row = ws.addRow([...values]);
  row.font = BOLD;
  row.eachCell((c) => {
    c.fill = HEAD_FILL;
    c.alignment = { wrapText: true, vertical: 'middle' };
  });
  return row;
}

function titleRow(ws: ExcelJS.Worksheet, text: string): void {
  if (ws.rowCount > 0) ws.addRow([]);
  ws.addRow([text]).font = { bold: true, size: 12 };
}

/** A number cell with its format, or a word (never a zero) when there is no value. */
function setValue(cell: ExcelJS.Cell, value: number | null, unit: IndicatorDefinition['unit'], none: string): void {
  if (value === null) {
    cell.value = none;
    return;
  }
  cell.value = value;
  cell.numFmt = numFmt(unit);
}

export async function buildIndicatorWorkbook(db: Db, scope: IndicatorScope, lang: ReportLang, opts: { now?: Date } = {}): Promise<Buffer> {
  const t = T[lang];
  const now = opts.now ?? new Date();
  const { dashboard, figureOf } = await loadReport(db, scope);
  const words = await scopeWords(db, dashboard, lang);
  const year = expectedYear(dashboard);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'RightsHub';
  wb.created = now;
  wb.title = lang === 'vi' ? `Báo cáo tiến độ Đề án, ${words.period}` : `Programme progress report, ${words.period}`;

  // ---- summary: one row per indicator
  const sum = wb.addWorksheet(t.summary, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  headerRow(sum, [...t.summaryHead.slice(0, 6), `${t.summaryHead[6]} (${year})`, ...t.summaryHead.slice(7)]);
  for (const def of dashboard.indicators) {
    const f = figureOf(def.id);
    const j = f ? scopeJudgement(def, f, lang) : null;
    const row = sum.addRow([def.id, def.name[lang], targetCell(def, j, lang)]);
    if (!f || !j) {
      row.getCell(4).value = NO_SOURCE[lang];
      row.getCell(8).value = NO_SOURCE[lang];
      row.getCell(4).font = { italic: true };
    } else {
      setValue(row.getCell(4), f.value, def.unit, t.noData);
      row.getCell(5).value = f.numerator;
      row.getCell(5).numFmt = '#,##0';
      if (f.denominator !== null) {
        row.getCell(6).value = f.denominator;
        row.getCell(6).numFmt = '#,##0';
      }
      if (f.expected !== null) {
        row.getCell(7).value = f.expected;
        row.getCell(7).numFmt = numFmt(def.unit);
      }
      row.getCell(8).value = j.status;
    }
    row.getCell(9).value = MODULE_NAMES[def.module]?.[lang] ?? def.module;
    row.alignment = { vertical: 'top' };
    row.getCell(2).alignment = WRAP;
  }
  [8, 52, 22, 14, 12, 12, 18, 22, 20].forEach((w, i) => {
    sum.getColumn(i + 1).width = w;
  });
  sum.autoFilter = { from: { row: 1, column: 1 }, to: { row: sum.rowCount, column: 9 } };

  // ---- scope and rules
  const sc = wb.addWorksheet(t.scope, { views: [{ state: 'frozen', ySplit: 1 }] });
  headerRow(sc, [t.item, t.content]);
  const scopeRows: [string, string][] = [
    [t.period, words.period],
    [t.map, words.map],
    [t.province, words.province],
    [t.orgKind, words.orgKind],
    [t.organisation, words.organisation],
    [t.generated, generatedWords(now, lang)],
    [t.source, t.sourceText],
    [t.standing, standingWords(dashboard, lang)],
    [t.statusRule, dashboard.statusRule[lang]],
  ];
  for (const [k, v] of scopeRows) {
    const r = sc.addRow([k, v]);
    r.getCell(1).font = BOLD;
    r.getCell(1).alignment = WRAP;
    r.getCell(2).alignment = WRAP;
  }
  sc.getColumn(1).width = 28;
  sc.getColumn(2).width = 110;
  sc.autoFilter = { from: { row: 1, column: 1 }, to: { row: sc.rowCount, column: 2 } };

  // ---- one sheet per indicator with a data source
  const drillScope = resolvedScope(dashboard);
  for (const def of dashboard.indicators) {
    const f = figureOf(def.id);
    if (f) await indicatorSheet(wb, db, def, f, drillScope, lang, dashboard.scope.map, year);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function indicatorSheet(
  wb: ExcelJS.Workbook,
  db: Db,
  def: IndicatorDefinition,
  f: IndicatorFigure,
  scope: IndicatorScope,
  lang: ReportLang,
  map: '34' | '63',
  year: number,
) {
  const t = T[lang];
  const ws = wb.addWorksheet(def.id, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([`${def.id} — ${def.name[lang]}`]).font = { bold: true, size: 13 };
  [22, 48, 32, 24, 14, 60, 50].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });

  // The figure
  titleRow(ws, t.figure);
  headerRow(ws, [t.item, t.content]);
  const kv = (k: string, set: (c: ExcelJS.Cell) => void, long = false) => {
    const r = ws.addRow([k]);
    r.getCell(1).font = BOLD;
    r.getCell(1).alignment = WRAP;
    set(r.getCell(2));
    if (long) {
      ws.mergeCells(r.number, 2, r.number, 7);
      r.getCell(2).alignment = WRAP;
      r.height = Math.min(400, 15 * Math.ceil(r.getCell(2).text.length / 150) + 4);
    } else r.getCell(2).alignment = { horizontal: 'left' };
  };
  kv(
    t.definition,
    (c) => {
      c.value = def.definition[lang];
    },
    true,
  );
  kv(t.target, (c) => {
    c.value = def.targetLabel[lang];
  });
  // What this scope is judged against, when it is not the decision's target (a province's own, or none).
  const j = scopeJudgement(def, f, lang);
  if (j.own || !j.judged)
    kv(t.scopeTarget, (c) => {
      c.value = j.target;
    });
  kv(t.period, (c) => {
    c.value = `${periodLabel(f.period.id, lang)} (${f.period.firstDay} – ${f.period.lastDay})`;
  });
  kv(t.span, (c) => {
    c.value = `${f.span.firstDay} – ${f.span.lastDay}${def.cumulative ? ` ${t.cumulative}` : ''}`;
  });
  kv(t.value, (c) => setValue(c, f.value, def.unit, t.noData));
  kv(t.numerator, (c) => {
    c.value = f.numerator;
    c.numFmt = '#,##0';
  });
  if (def.unit === 'percent')
    kv(t.denominator, (c) => {
      c.value = f.denominator;
      c.numFmt = '#,##0';
    });
  // The records still awaiting review (T5b's unreviewed groups) are stated beside the figure, never hidden.
  if (def.pendingLabel && f.pending !== undefined)
    kv(
      def.pendingLabel[lang].replace(/^./, (x) => x.toUpperCase()),
      (c) => {
        c.value = f.pending;
        c.numFmt = '#,##0';
      },
    );
  kv(t.expected(year), (c) => setValue(c, f.expected, def.unit, t.noData));
  kv(t.status, (c) => {
    c.value = j.status;
  });
  kv(
    t.method,
    (c) => {
      c.value = def.methodNote[lang];
    },
    true,
  );

  // Trend
  titleRow(ws, t.trend);
  headerRow(ws, t.trendHead);
  for (const p of f.trend) setValue(ws.addRow([periodLabel(p.period, lang)]).getCell(2), p.value, def.unit, t.noData);

  // Trajectory
  titleRow(ws, `${t.trajectory} — ${def.trajectoryIsDefault ? t.trajectoryDefault : t.trajectorySet}`);
  headerRow(ws, t.trajectoryHead);
  for (const p of def.trajectory) setValue(ws.addRow([p.year]).getCell(2), p.value, def.unit, t.noData);

  // Breakdowns
  for (const b of def.breakdowns) {
    const rows: FigureRow[] = f.breakdowns[b] ?? [];
    titleRow(ws, `${BREAKDOWN_TITLES[b]?.[lang] ?? b}${b === 'province' ? t.mapSuffix(map) : ''}`);
    const judgedRows = b === 'province' && rows.some((r) => r.status);
    headerRow(ws, judgedRows ? [...t.breakdownHead, t.rowStatus] : t.breakdownHead);
    for (const r of rows) {
      const row = ws.addRow([r.key === '_none' ? '' : r.key, r.label[lang], r.numerator, r.denominator ?? '']);
      row.getCell(3).numFmt = '#,##0';
      if (r.denominator !== null) row.getCell(4).numFmt = '#,##0';
      setValue(row.getCell(5), r.value, def.unit, t.noData);
      if (r.attributed) row.getCell(6).value = ATTRIBUTED_NOTE[lang];
      if (judgedRows && r.status) row.getCell(7).value = STATUS_WORDS[r.status][lang];
    }
  }

  // The records behind the figure: the whole denominator
  const { total, records } = await denominatorRecords(db, def.id, scope);
  titleRow(ws, t.records(total));
  const head = headerRow(ws, t.recordsHead);
  for (const r of records) {
    const row = ws.addRow([
      r.id,
      r.label,
      r.organisationName ?? '',
      r.province ?? '',
      r.counts ? t.yes : t.no,
      r.detail?.[lang] ?? '',
      r.related.map((x) => `${x.label} (#${x.id})`).join('; '),
    ]);
    row.alignment = { vertical: 'top' };
    row.getCell(6).alignment = WRAP;
    row.getCell(7).alignment = WRAP;
  }
  ws.autoFilter = { from: { row: head.number, column: 1 }, to: { row: Math.max(head.number, ws.rowCount), column: 7 } };
}
