// The indicators' official report as a Word document in the administrative format of Decree 30/2020/NĐ-CP
// (Appendix I): A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; a borderless two-column
// header (issuing body, number and symbol | national motto with its rule, place and date); title and summary;
// a 14 pt justified body with a first-line indent; recipients and signature in a borderless two-column table;
// page numbers from the second page, centred in the top margin (the layout's pieces: kernel/decree30.ts, shared with
// the consolidated programme report).
// The body: an introduction (period, scope, source), one section per target group T1 … T6 with each indicator's
// figure against its target and trajectory and its status, a table of its main breakdown and a bar chart of its
// trend — or "no data source yet" — then a summary table and the status rule. Every number is read through
// getDashboard (indicators.reports.ts), so it equals the dashboard's.
// The charts are drawn as SVG and converted to PNG with sharp. They carry only digits, "%", "-" and period ids
// (2026-Q1): no words, so they render the same on a server whatever fonts it has; the words are in the caption.
import { AlignmentType, ImageRun, Paragraph, type Table } from 'docx';
import sharp from 'sharp';
import type { Breakdown, FigureRow, IndicatorDefinition, IndicatorFigure, IndicatorScope } from '../../../shared/contracts/indicators.js';
import { worstFirst } from '../../../shared/indicatorStatus.js';
import { formatNumber } from '../../../shared/mapScale.js';
import type { Db } from '../../kernel/db.js';
import {
  body,
  centred,
  dataTable,
  decreeDocument,
  decreeHeading,
  decreeSignature,
  FIRST_LINE,
  heading,
  LINE,
  mm,
  note,
  placeAndDate,
  reportOptions,
  run,
  type ReportOptions,
} from '../../kernel/decree30.js';
import { DECISION, PROGRAMME_NAME } from '../../portal/programme.js';
import { MODULE_NAMES } from './indicators.definitions.js';
import {
  ATTRIBUTED_NOTE,
  BREAKDOWN_TITLES,
  dayWords,
  expectedYear,
  formatFigure,
  generatedWords,
  loadReport,
  MAP_WORDS,
  NO_SOURCE,
  periodWords,
  scopeJudgement,
  scopeWords,
  standingWords,
  STATUS_WORDS,
  targetCell,
  type ReportLang,
} from './indicators.reports.js';

export type { ReportOptions };

const lower = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

const W = {
  vi: {
    title: 'BÁO CÁO',
    subtitle: (p: string) => `Tiến độ thực hiện Đề án truyền thông về quyền con người ở Việt Nam giai đoạn 2023–2028, kỳ ${p}`,
    intro: (p: string, scope: string, from: string, to: string) =>
      `Thực hiện ${DECISION.vi} phê duyệt ${PROGRAMME_NAME.vi}, Văn phòng Đề án báo cáo tiến độ thực hiện các mục tiêu của Đề án ${p} (từ ngày ${from} đến ngày ${to}), phạm vi: ${scope}, như sau:`,
    source: (at: string, map: string) =>
      `Số liệu trong báo cáo được tính tự động từ hồ sơ do các cơ quan, tổ chức tham gia Đề án cập nhật trên hệ thống RightsHub, tại thời điểm ${at}; không nhập tay. Số liệu theo địa bàn tính trên ${map}. Chỉ tiêu chưa có nguồn dữ liệu được ghi rõ, không tính là 0. Danh sách hồ sơ làm căn cứ cho từng số liệu có trong tệp Excel kèm theo.`,
    part1: 'I. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU',
    part2: 'II. TỔNG HỢP CÁC CHỈ TIÊU',
    part3: 'III. CÁCH ĐÁNH GIÁ TIẾN ĐỘ',
    group: (n: number, title: string) => `${n}. Mục tiêu ${n}: ${title}`,
    targetLine: (text: string, figure: string) => `Mục tiêu đến năm 2028: ${text}; chỉ tiêu: ${lower(figure)}.`,
    percentFigure: (p: string, num: string, den: string, noun: string, v: string) =>
      `Kết quả ${p}: ${num} trên tổng số ${den} ${noun} đạt yêu cầu của chỉ tiêu, tỉ lệ ${v}.`,
    countFigure: (p: string, v: string, noun: string, cumulative: string | null) =>
      cumulative ? `Kết quả luỹ kế ${cumulative}: ${v} ${noun}.` : `Kết quả ${p}: ${v} ${noun}.`,
    cumulativeSpan: (from: string, to: string) => `từ ngày ${from} đến ngày ${to}`,
    cumulativePercent: (from: string, to: string) => ` Số liệu luỹ kế từ ngày ${from} đến ngày ${to}.`,
    empty: (p: string) => `Kết quả ${p}: chưa có hồ sơ nào thuộc mẫu số nên chưa có số liệu (không tính là 0).`,
    against: (year: number, expected: string, status: string) =>
      `Giá trị kỳ vọng theo lộ trình năm ${year}: ${expected}. Đánh giá: ${status}.`,
    noExpected: (status: string) => `Chỉ tiêu đếm không có giá trị kỳ vọng khi lọc theo địa bàn hoặc tổ chức. Đánh giá: ${status}.`,
    ownTarget: (target: string) => `Chỉ tiêu riêng của phạm vi báo cáo (phần của địa bàn trong chỉ tiêu toàn quốc): ${target}.`,
    contribution: (national: string) =>
      `Phạm vi báo cáo không có chỉ tiêu riêng cho chỉ tiêu đếm này: kết quả là phần đóng góp vào chỉ tiêu toàn quốc (${national}), không được đánh giá riêng.`,
    standing: (line: string) => `Tình hình chung: ${line}.`,
    noSource: (module: string) => `${NO_SOURCE.vi}: mô-đun ${module} chưa được đưa vào hệ thống nên chỉ tiêu này chưa được tính.`,
    table: (k: number, id: string, b: string) => `Bảng ${k}. ${id} – ${b}`,
    breakdownHead: (percent: boolean) => (percent ? ['STT', 'Đơn vị', 'Đạt', 'Tổng số', 'Tỉ lệ'] : ['STT', 'Đơn vị', 'Số lượng']),
    statusHead: 'Đánh giá',
    topNote: (shown: number, all: number) =>
      `Bảng nêu ${shown}/${all} dòng có số liệu, xếp theo giá trị giảm dần; số liệu đầy đủ có trong tệp Excel kèm theo.`,
    worstNote: (shown: number, all: number) =>
      `Bảng nêu ${shown}/${all} tỉnh, thành phố có số liệu, tỉnh chậm tiến độ nhất trước (mỗi tỉnh đánh giá theo chỉ tiêu riêng của tỉnh); số liệu đầy đủ có trong tệp Excel kèm theo.`,
    noRows: (b: string) => `Chưa có số liệu ${b.toLowerCase()}.`,
    chart: (k: number, id: string, name: string, first: string, last: string, percent: boolean, withExpected: boolean) =>
      `Biểu đồ ${k}. ${id} – ${name}: giá trị từng kỳ, từ ${first} đến ${last} (cột${percent ? ', đơn vị %' : ''}; kỳ không có số liệu để trống, ghi "-")${withExpected ? '; vạch ngang nét đứt: giá trị kỳ vọng theo lộ trình của năm' : ''}.`,
    summaryHead: ['Mã', 'Chỉ tiêu', 'Mục tiêu của phạm vi', 'Kết quả', 'Kỳ vọng', 'Đánh giá'],
    attributedMark: ' (*)',
  },
  en: {
    title: 'REPORT',
    subtitle: (p: string) => `Progress of the Communication Programme on Human Rights in Viet Nam, 2023–2028, period: ${p}`,
    intro: (p: string, scope: string, from: string, to: string) =>
      `Pursuant to ${DECISION.en} approving the ${PROGRAMME_NAME.en}, the Programme Office reports on the progress towards the programme's targets for ${p} (${from} to ${to}), scope: ${scope}, as follows:`,
    source: (at: string, map: string) =>
      `The figures are computed from the records that the participating agencies and organisations keep in RightsHub, as of ${at}; none is typed in. Figures by place are on ${map}. An indicator without a data source is said to be so and is never counted as 0. The records behind every figure are listed in the accompanying Excel workbook.`,
    part1: 'I. PROGRESS TOWARDS THE TARGETS',
    part2: 'II. SUMMARY OF THE INDICATORS',
    part3: 'III. HOW THE STATUS IS DECIDED',
    group: (n: number, title: string) => `${n}. Target ${n}: ${title}`,
    targetLine: (text: string, figure: string) => `Target for 2028: ${text}; figure: ${lower(figure)}.`,
    percentFigure: (p: string, num: string, den: string, noun: string, v: string) =>
      `Result for ${p}: ${num} of ${den} ${noun} meet the indicator, ${v}.`,
    countFigure: (p: string, v: string, noun: string, cumulative: string | null) =>
      cumulative ? `Cumulative result ${cumulative}: ${v} ${noun}.` : `Result for ${p}: ${v} ${noun}.`,
    cumulativeSpan: (from: string, to: string) => `from ${from} to ${to}`,
    cumulativePercent: (from: string, to: string) => ` Counted cumulatively from ${from} to ${to}.`,
    empty: (p: string) => `Result for ${p}: no record in the denominator yet, so there is no figure (not counted as 0).`,
    against: (year: number, expected: string, status: string) =>
      `Expected value on the trajectory for ${year}: ${expected}. Status: ${status}.`,
    noExpected: (status: string) => `A count indicator has no expected value when filtered by place or organisation. Status: ${status}.`,
    ownTarget: (target: string) => `This scope's own target (its share of the national target): ${target}.`,
    contribution: (national: string) =>
      `This scope has no target of its own for this count: the result is a contribution to the national target (${national}) and is not judged on its own.`,
    standing: (line: string) => `Where the programme stands: ${line}.`,
    noSource: (module: string) => `${NO_SOURCE.en}: the ${module} module is not in the system yet, so this indicator is not computed.`,
    table: (k: number, id: string, b: string) => `Table ${k}. ${id} – ${b}`,
    breakdownHead: (percent: boolean) => (percent ? ['No.', 'Unit', 'Meeting', 'Total', 'Share'] : ['No.', 'Unit', 'Count']),
    statusHead: 'Status',
    topNote: (shown: number, all: number) =>
      `The table shows ${shown} of ${all} rows with data, highest value first; the full figures are in the accompanying Excel workbook.`,
    worstNote: (shown: number, all: number) =>
      `The table shows ${shown} of ${all} provinces with data, the furthest behind first (each judged against its own target); the full figures are in the accompanying Excel workbook.`,
    noRows: (b: string) => `No figures ${b.toLowerCase()} yet.`,
    chart: (k: number, id: string, name: string, first: string, last: string, percent: boolean, withExpected: boolean) =>
      `Chart ${k}. ${id} – ${name}: value for each period from ${first} to ${last} (bars${percent ? ', in %' : ''}; a period without data is left empty and marked "-")${withExpected ? "; dashed line: the trajectory's expected value for the year" : ''}.`,
    summaryHead: ['Id', 'Indicator', "Scope's target", 'Result', 'Expected', 'Status'],
    attributedMark: ' (*)',
  },
} as const;

export const GROUP_TITLES: Record<IndicatorDefinition['group'], Record<ReportLang, string>> = {
  T1: { vi: 'Cơ chế phát ngôn và cung cấp thông tin định kỳ cho báo chí', en: 'Spokespersons and periodic information for the press' },
  T2: {
    vi: 'Cập nhật thông tin, tập huấn kiến thức, kỹ năng truyền thông về quyền con người',
    en: 'Updating and training officials in human-rights communication',
  },
  T3: { vi: 'Triển lãm ảnh, tư liệu về quyền con người', en: 'Exhibitions of photographs and documents on human rights' },
  T4: { vi: 'Xuất bản phẩm và sản phẩm truyền thông', en: 'Publications and communication products' },
  T5: { vi: 'Số hoá dữ liệu và xử lý thông tin sai lệch', en: 'Digitisation and false information' },
  T6: {
    vi: 'Thực hiện khuyến nghị quốc tế về truyền thông, nâng cao nhận thức về quyền con người',
    en: 'International recommendations on communication and awareness',
  },
};

/** What a record of each indicator is, for "2 of 3 agencies". */
const NOUNS: Record<string, Record<ReportLang, string>> = {
  T1: { vi: 'cơ quan', en: 'agencies' },
  T2a: { vi: 'cán bộ', en: 'officials' },
  T2b: { vi: 'cán bộ', en: 'officials' },
  T2c: { vi: 'người', en: 'staff' },
  T2d: { vi: 'cán bộ', en: 'officials' },
  T3: { vi: 'tỉnh, thành phố', en: 'provinces' },
  T4a: { vi: 'đầu sách', en: 'titles' },
  T4b: { vi: 'sản phẩm', en: 'products' },
  T5a: { vi: 'nguồn dữ liệu, sản phẩm', en: 'data sources and products' },
  T5b: { vi: 'tin', en: 'items' },
  T5c: { vi: 'tin sai lệch', en: 'false items' },
  T6: { vi: 'khuyến nghị', en: 'recommendations' },
};

export { placeAndDate };

// ---------------------------------------------------------------- the chart

const CHART = { w: 600, h: 300, left: 56, right: 16, top: 24, bottom: 40 };
const CHART_FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';
const BAR = '#2f72ad';
const EXPECTED = '#c0392b';

function niceMax(x: number): number {
  if (x <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A bar chart of the trend as SVG: digits, "%" and period ids only. Percent values are fractions, shown 0–100. */
export function trendSvg(
  trend: { period: string; value: number | null; expected: number | null }[],
  unit: IndicatorDefinition['unit'],
  lang: ReportLang,
): string {
  const { w, h, left, right, top, bottom } = CHART;
  const k = unit === 'percent' ? 100 : 1;
  const values = trend
    .flatMap((p) => [p.value, p.expected])
    .filter((v): v is number => v !== null)
    .map((v) => v * k);
  const max = unit === 'percent' ? 100 : niceMax(Math.max(0, ...values));
  const plotW = w - left - right;
  const plotH = h - top - bottom;
  const y = (v: number) => top + plotH - (Math.min(v, max) / max) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${CHART_FONT}">`,
    `<rect width="${w}" height="${h}" fill="#ffffff"/>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const v = (max / 5) * i;
    const yy = y(v).toFixed(1);
    out.push(`<line x1="${left}" x2="${w - right}" y1="${yy}" y2="${yy}" stroke="${i === 0 ? '#333333' : '#d9d9d9'}" stroke-width="1"/>`);
    out.push(
      `<text x="${left - 6}" y="${yy}" dy="4" font-size="11" text-anchor="end" fill="#333333">${esc(formatNumber(v, lang))}${unit === 'percent' ? ' %' : ''}</text>`,
    );
  }
  const n = Math.max(1, trend.length);
  const slot = plotW / n;
  const bw = Math.min(56, slot * 0.6);
  const labels: string[] = []; // drawn last, over the trajectory marks
  trend.forEach((p, i) => {
    const cx = left + slot * (i + 0.5);
    if (p.value !== null) {
      const v = p.value * k;
      const yy = y(v);
      out.push(
        `<rect x="${(cx - bw / 2).toFixed(1)}" y="${yy.toFixed(1)}" width="${bw.toFixed(1)}" height="${(top + plotH - yy).toFixed(1)}" fill="${BAR}"/>`,
      );
      const ye = p.expected === null ? null : y(p.expected * k);
      const ly = ye !== null && ye > yy - 18 && ye < yy + 2 ? Math.min(yy, ye) - 6 : yy - 5; // above the trajectory mark
      labels.push(
        `<text x="${cx.toFixed(1)}" y="${ly.toFixed(1)}" font-size="11" text-anchor="middle" fill="#111111" stroke="#ffffff" stroke-width="3" paint-order="stroke">${esc(formatNumber(v, lang))}</text>`,
      );
    } else {
      out.push(
        `<text x="${cx.toFixed(1)}" y="${(top + plotH - 5).toFixed(1)}" font-size="12" text-anchor="middle" fill="#777777">-</text>`,
      );
    }
    if (p.expected !== null) {
      const ye = y(p.expected * k).toFixed(1);
      out.push(
        `<line x1="${(cx - bw / 2 - 6).toFixed(1)}" x2="${(cx + bw / 2 + 6).toFixed(1)}" y1="${ye}" y2="${ye}" stroke="${EXPECTED}" stroke-width="2" stroke-dasharray="5 3"/>`,
      );
    }
    out.push(
      `<text x="${cx.toFixed(1)}" y="${h - bottom + 18}" font-size="11" text-anchor="middle" fill="#333333">${esc(p.period)}</text>`,
    );
  });
  out.push(...labels, '</svg>');
  return out.join('');
}

async function trendPng(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: 192 }).png().toBuffer(); // twice 96 dpi: sharp in print
}

// ---------------------------------------------------------------- the report

/** The main breakdown of a figure: by province unless the scope is one province, else by kind, else the first. */
function mainBreakdown(def: IndicatorDefinition, scope: { province: string | null; orgKind: string | null }): Breakdown | null {
  if (def.breakdowns.includes('province') && !scope.province) return 'province';
  if (def.breakdowns.includes('orgKind') && !scope.orgKind) return 'orgKind';
  return def.breakdowns[0] ?? null;
}

const TOP_ROWS = 10;

export async function buildIndicatorReport(db: Db, scope: IndicatorScope, lang: ReportLang, opts: ReportOptions = {}): Promise<Buffer> {
  const w = W[lang];
  const o = reportOptions(lang, opts);
  const now = o.now;
  const { dashboard, figureOf } = await loadReport(db, scope);
  const words = await scopeWords(db, dashboard, lang);
  const s = dashboard.scope;
  const period = periodWords(s.period.id, lang);
  const year = expectedYear(dashboard);

  const children: (Paragraph | Table)[] = decreeHeading(o, lang, w.title, w.subtitle(period));

  // ---- introduction
  children.push(body(w.intro(period, words.summary, dayWords(s.period.firstDay, lang), dayWords(s.period.lastDay, lang))));
  children.push(body(w.source(generatedWords(now, lang), MAP_WORDS[s.map][lang])));
  children.push(body(w.standing(standingWords(dashboard, lang))));

  // ---- one section per target group
  children.push(heading(w.part1, { before: 200 }));
  let tableNo = 0;
  let chartNo = 0;
  const groups = [...new Set(dashboard.indicators.map((d) => d.group))];
  for (const [gi, g] of groups.entries()) {
    const defs = dashboard.indicators.filter((d) => d.group === g);
    children.push(heading(w.group(gi + 1, GROUP_TITLES[g][lang])));
    for (const [di, def] of defs.entries()) {
      if (defs.length > 1) {
        children.push(
          new Paragraph({
            alignment: AlignmentType.BOTH,
            indent: { firstLine: FIRST_LINE },
            spacing: LINE,
            keepNext: true,
            children: [run(`${String.fromCharCode(97 + di)}) ${def.name[lang]} (${def.id})`, { bold: true, italics: true })],
          }),
        );
      }
      children.push(body(w.targetLine(def.definition[lang], def.targetLabel[lang])));
      const f = figureOf(def.id);
      if (!f) {
        children.push(body(w.noSource(MODULE_NAMES[def.module]?.[lang] ?? def.module), { italics: true }));
        continue;
      }
      // Judged against the scope's own target (a province's for T3), as the dashboard judges it.
      const j = scopeJudgement(def, f, lang);
      if (j.own) children.push(body(w.ownTarget(j.target)));
      children.push(body(figureSentence(def, f, lang, period)));
      children.push(
        body(
          !j.judged
            ? w.contribution(def.targetLabel[lang])
            : f.expected === null && f.value !== null
              ? w.noExpected(j.status)
              : w.against(year, formatFigure(f.expected, def.unit, lang), j.status),
        ),
      );

      const b = mainBreakdown(def, s);
      if (b) {
        const title = `${BREAKDOWN_TITLES[b]?.[lang] ?? b}${b === 'province' ? ` (${s.map === '34' ? (lang === 'vi' ? 'bản đồ 34 đơn vị' : '34-unit map') : lang === 'vi' ? 'bản đồ 63 đơn vị' : '63-unit map'})` : ''}`;
        const withData = (f.breakdowns[b] ?? []).filter((r) => (def.unit === 'percent' ? (r.denominator ?? 0) > 0 : r.numerator > 0));
        if (!withData.length) children.push(body(w.noRows(title), { italics: true }));
        else {
          // Provinces judged against their own targets: the furthest behind first, as on the dashboard.
          const judgedRows = b === 'province' && withData.some((r) => r.status);
          const byValue = [...withData].sort(
            (x, y) =>
              (y.value ?? -1) - (x.value ?? -1) ||
              (y.denominator ?? 0) - (x.denominator ?? 0) ||
              x.label[lang].localeCompare(y.label[lang], lang),
          );
          const sorted = judgedRows ? worstFirst(byValue, def.target) : byValue;
          const top = sorted.slice(0, TOP_ROWS);
          tableNo++;
          children.push(centred(w.table(tableNo, def.id, title), { bold: true, size: 26, before: 120, after: 80 }));
          children.push(breakdownTable(def, top, lang, judgedRows));
          const notes: string[] = [];
          if (sorted.length > top.length || judgedRows)
            notes.push(judgedRows ? w.worstNote(top.length, sorted.length) : w.topNote(top.length, sorted.length));
          if (top.some((r) => r.attributed)) notes.push(`(*) ${ATTRIBUTED_NOTE[lang]}.`);
          for (const n of notes) children.push(note(n));
        }
      }

      // The chart of the trend, with the trajectory's value for each period's year.
      if (f.trend.length) {
        chartNo++;
        // The trajectory of the scope's own target (a province's share of a count of provinces, in whole units); none
        // when the scope has no target.
        const trajectory = new Map(def.trajectory.map((p) => [p.year, p.value]));
        const scaled = (v: number | undefined) =>
          v === undefined || j.factor === null ? null : j.own && def.unit === 'count' ? Math.round(v * j.factor) : v * j.factor;
        const points = f.trend.map((p) => ({
          period: p.period,
          value: p.value,
          expected: f.expected === null ? null : scaled(trajectory.get(Math.min(2028, Math.max(2023, +p.period.slice(0, 4))))),
        }));
        const png = await trendPng(trendSvg(points, def.unit, lang));
        const caption = w.chart(
          chartNo,
          def.id,
          def.name[lang],
          f.trend[0].period,
          f.trend.at(-1)!.period,
          def.unit === 'percent',
          f.expected !== null,
        );
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 200, after: 60 },
            keepNext: true,
            children: [
              new ImageRun({
                type: 'png',
                data: png,
                transformation: { width: CHART.w, height: CHART.h },
                altText: { name: `${def.id}-trend`, title: caption, description: caption },
              }),
            ],
          }),
        );
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 160 },
            children: [run(caption, { italics: true, size: 24 })],
          }),
        );
      }
    }
  }

  // ---- summary of the twelve indicators
  children.push(heading(w.part2, { before: 240 }));
  const sumCols = [mm(13), mm(62), mm(25), mm(22), mm(18), mm(25)];
  children.push(
    dataTable(
      sumCols,
      [...w.summaryHead],
      dashboard.indicators.map((def) => {
        const f = figureOf(def.id);
        const j = f ? scopeJudgement(def, f, lang) : null;
        return [
          def.id,
          def.name[lang],
          targetCell(def, j, lang),
          f ? formatFigure(f.value, def.unit, lang) : NO_SOURCE[lang],
          f ? (f.expected === null ? '' : formatFigure(f.expected, def.unit, lang)) : '',
          j ? j.status : NO_SOURCE[lang],
        ];
      }),
      ['center', 'left', 'left', 'right', 'right', 'left'],
    ),
  );

  // ---- the status rule
  children.push(heading(w.part3, { before: 240 }));
  children.push(body(dashboard.statusRule[lang]));

  children.push(decreeSignature(o, lang));
  return decreeDocument({ title: `${w.title} – ${w.subtitle(period)}`, description: `${s.period.id}; ${words.summary}` }, children);
}

function figureSentence(def: IndicatorDefinition, f: IndicatorFigure, lang: ReportLang, period: string): string {
  const w = W[lang];
  const noun = NOUNS[def.id]?.[lang] ?? '';
  const from = dayWords(f.span.firstDay, lang);
  const to = dayWords(f.span.lastDay, lang);
  if (f.value === null) return w.empty(period);
  if (def.unit === 'count')
    return w.countFigure(period, formatFigure(f.value, 'count', lang), noun, def.cumulative ? w.cumulativeSpan(from, to) : null);
  const n = (x: number) => formatNumber(x, lang);
  return (
    w.percentFigure(period, n(f.numerator), n(f.denominator ?? 0), noun, formatFigure(f.value, 'percent', lang)) +
    (def.cumulative ? w.cumulativePercent(from, to) : '')
  );
}

function breakdownTable(def: IndicatorDefinition, rows: FigureRow[], lang: ReportLang, withStatus = false): Table {
  const w = W[lang];
  const label = (r: FigureRow) => `${r.label[lang]}${r.attributed ? w.attributedMark : ''}`;
  // A province row's status against its own target, when the rows are judged (the dashboard's province table).
  const status = (r: FigureRow) => (withStatus ? [r.status ? STATUS_WORDS[r.status][lang] : ''] : []);
  const statusHead = withStatus ? [w.statusHead] : [];
  if (def.unit === 'percent') {
    return dataTable(
      withStatus ? [mm(12), mm(63), mm(20), mm(20), mm(22), mm(28)] : [mm(14), mm(85), mm(22), mm(22), mm(22)],
      [...w.breakdownHead(true), ...statusHead],
      rows.map((r, i) => [
        String(i + 1),
        label(r),
        formatNumber(r.numerator, lang),
        formatNumber(r.denominator ?? 0, lang),
        formatFigure(r.value, 'percent', lang),
        ...status(r),
      ]),
      ['center', 'left', 'right', 'right', 'right', ...(withStatus ? (['left'] as const) : [])],
    );
  }
  return dataTable(
    withStatus ? [mm(14), mm(91), mm(30), mm(30)] : [mm(14), mm(111), mm(40)],
    [...w.breakdownHead(false), ...statusHead],
    rows.map((r, i) => [String(i + 1), label(r), formatFigure(r.value, 'count', lang), ...status(r)]),
    ['center', 'left', 'right', ...(withStatus ? (['left'] as const) : [])],
  );
}
