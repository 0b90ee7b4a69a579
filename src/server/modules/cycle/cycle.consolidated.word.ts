// The consolidated programme report as a Word document in the layout of Decree 30/2020/NĐ-CP (kernel/decree30.ts, as
// the indicators report): heading, introduction with where the figures come from; I. overall summary with the table of
// every target; II. each target: its figure per figure period (official with the close's version and date, and the live
// figure beside it when revised since; provisional when open), trend over the programme's years, expected value and
// status, the target's summary paragraph and the agencies' narratives by section with who said what; III. completeness
// of reporting; IV. plan vs spending by funding source; V. the UN recommendations' status; VI. conclusions and
// proposals; annex tables (trend, figures with official and live side by side, who has not reported); signature.
// Every table says its period and source. The summary paragraphs are the office's edits where it made them.
import type { Paragraph, Table } from 'docx';
import { DECISION, PROGRAMME_NAME } from '../../portal/programme.js';
import {
  body,
  dataTable,
  dayWords,
  decreeDocument,
  decreeHeading,
  decreeSignature,
  heading,
  mm,
  note,
  reportOptions,
  run,
  TEXT_WIDTH,
  type ReportOptions,
} from '../../kernel/decree30.js';
import { generatedWords, STATUS_WORDS } from '../indicators/indicators.reports.js';
import { GROUP_TITLES } from '../indicators/indicators.word.js';
import { KIND_LABELS } from '../indicators/indicators.service.js';
import { STATUS_LABELS } from '../recommendations/recommendations.indicators.js';
import type { Consolidated, Lang } from './cycle.consolidated.js';
import { fmtTally, money, pctOf, SECTION_TITLES, sourceWords } from './cycle.consolidated.js';
import type * as C from '../../../shared/contracts/cycle.js';

export const SOURCE_NAMES: Record<string, Record<Lang, string>> = {
  central: { vi: 'Ngân sách trung ương', en: 'Central state budget' },
  local: { vi: 'Ngân sách địa phương', en: 'Local state budget' },
  other: { vi: 'Nguồn hợp pháp khác', en: 'Other lawful sources' },
};

export const W = {
  vi: {
    title: 'BÁO CÁO',
    subtitle: (p: string) => `Kết quả thực hiện Đề án truyền thông về quyền con người ở Việt Nam giai đoạn 2023–2028: ${p}`,
    intro: (p: string, from: string, to: string) =>
      `Thực hiện ${DECISION.vi} phê duyệt ${PROGRAMME_NAME.vi}, Văn phòng Đề án tổng hợp kết quả thực hiện Đề án ${p} (từ ngày ${from} đến ngày ${to}) từ hồ sơ, báo cáo định kỳ và kế hoạch, kinh phí của các cơ quan, tổ chức tham gia, như sau:`,
    source: (at: string) =>
      `Số liệu được tính từ hồ sơ trên hệ thống RightsHub, không nhập tay; tổng hợp lúc ${at}. Mỗi bảng ghi rõ kỳ và nguồn số liệu: số liệu chính thức (kỳ đã khoá sổ, kèm lần khoá sổ và ngày khoá) hoặc số liệu tạm tính (kỳ chưa khoá sổ). Các bảng đầy đủ có trong tệp Excel kèm theo.`,
    perPeriod: (p: string, src: string) => `${p}: ${src}.`,
    part1: 'I. ĐÁNH GIÁ CHUNG',
    part2: 'II. KẾT QUẢ THỰC HIỆN TỪNG MỤC TIÊU',
    part3: 'III. TÌNH HÌNH BÁO CÁO ĐỊNH KỲ',
    part4: 'IV. KẾ HOẠCH VÀ KINH PHÍ',
    part5: 'V. THỰC HIỆN KHUYẾN NGHỊ CỦA LIÊN HỢP QUỐC',
    part6: 'VI. KẾT LUẬN VÀ KIẾN NGHỊ',
    annex: 'PHỤ LỤC',
    group: (n: number, t: string) => `${n}. Mục tiêu ${n}: ${t}`,
    table: (k: number, t: string) => `Bảng ${k}. ${t}`,
    tableSource: (p: string, src: string) => `Kỳ: ${p}. Nguồn: ${src}.`,
    summaryTable: 'Tổng hợp các chỉ tiêu',
    summaryHead: (ps: string[]) => ['Mã', 'Chỉ tiêu', ...ps, 'Kỳ vọng', 'Đánh giá'],
    figure: (p: string, v: string, kind: string) => `${p}: ${v} (${kind}).`,
    revised: (v: string, n: number) => `Số liệu hiện nay: ${v} – đã thay đổi sau khoá sổ (${n} hồ sơ khác với số liệu chính thức).`,
    trend: (xs: string) => `Diễn biến qua các năm: ${xs}.`,
    status: (e: string, s: string) => `Giá trị kỳ vọng theo lộ trình: ${e}. Đánh giá: ${s}.`,
    narratives: 'Ý kiến của các cơ quan, tổ chức (từ báo cáo đã được phê duyệt)',
    noNarratives: 'Chưa có báo cáo được phê duyệt nêu ý kiến về mục tiêu này.',
    general: 'Ý kiến chung của các cơ quan, tổ chức (báo cáo không gắn với số liệu của mục tiêu cụ thể)',
    said: (org: string, p: string) => `${org} (${p}): `,
    compTable: 'Tình hình nộp báo cáo định kỳ',
    compHead: ['Kỳ báo cáo', 'Phải báo cáo', 'Đã nộp', 'Đúng hạn', 'Muộn', 'Chưa nộp', 'Tỷ lệ đã nộp'],
    compSource: (asOf: string) => `danh sách phải báo cáo ${asOf}; báo cáo nộp lần đầu so với hạn nộp (giờ Việt Nam)`,
    asOfClose: 'tại thời điểm khoá sổ',
    asOfNow: 'theo quy tắc hiện nay',
    byKind: 'Tình hình nộp báo cáo theo loại tổ chức',
    byProvince: 'Tình hình nộp báo cáo theo tỉnh, thành phố',
    kindHead: 'Loại tổ chức',
    provinceHead: 'Tỉnh, thành phố',
    missingTable: 'Cơ quan, tổ chức chưa nộp báo cáo',
    missingHead: ['STT', 'Kỳ', 'Cơ quan, tổ chức', 'Loại', 'Tỉnh, thành phố'],
    noneMissing: 'Mọi cơ quan, tổ chức phải báo cáo đã nộp báo cáo.',
    planTable: (y: number) => `Kế hoạch và kinh phí năm ${y} theo nguồn`,
    planHead: ['Nguồn kinh phí', 'Kế hoạch (đồng)', 'Đã chi (đồng)', 'Tỷ lệ'],
    total: 'Tổng cộng',
    planSource: (n: number) =>
      `kế hoạch của ${n} cơ quan, tổ chức (phiên bản đã duyệt đang có hiệu lực, nếu chưa duyệt thì phiên bản mới nhất) và các khoản chi đã ghi nhận`,
    planTarget: (y: number) => `Kế hoạch và kinh phí năm ${y} theo mục tiêu`,
    planTargetHead: ['Chỉ tiêu', 'Số hoạt động', 'Kế hoạch (đồng)', 'Đã chi (đồng)', 'Tỷ lệ'],
    planNote: 'Một hoạt động phục vụ nhiều chỉ tiêu được tính đủ cho từng chỉ tiêu; dòng tổng cộng tính mỗi hoạt động một lần.',
    noPlans: 'Chưa có kế hoạch nào được ghi nhận cho các năm của kỳ.',
    recTable: 'Tình hình thực hiện các khuyến nghị',
    recHead: ['Trạng thái', 'Tất cả khuyến nghị', 'Khuyến nghị về truyền thông đã chấp thuận'],
    recSource: (at: string) => `lịch sử trạng thái của các khuyến nghị tại thời điểm ${at}`,
    trendTable: 'Diễn biến các chỉ tiêu qua các năm của Đề án',
    trendSource: (basis: string) =>
      `số liệu chính thức của các năm đã khoá sổ, tạm tính của các năm chưa khoá sổ (bảng điều khiển kỳ ${basis})`,
    figTable: (p: string) => `Số liệu chính thức và số liệu hiện nay – ${p}`,
    figHead: ['Mã', 'Chỉ tiêu', 'Số liệu', 'Số liệu hiện nay', 'Hồ sơ thay đổi'],
    unchanged: 'không đổi',
  },
  en: {
    title: 'REPORT',
    subtitle: (p: string) => `Results of the Communication Programme on Human Rights in Viet Nam, 2023–2028: ${p}`,
    intro: (p: string, from: string, to: string) =>
      `Pursuant to ${DECISION.en} approving the ${PROGRAMME_NAME.en}, the Programme Office reports the programme's results for ${p} (${from} to ${to}) from the records, periodic reports, plans and budgets of the participating organisations, as follows:`,
    source: (at: string) =>
      `The figures are computed from the records in RightsHub, none typed in; compiled ${at}. Every table names its period and source: official figures (a closed period, with the close's version and date) or provisional figures (a period not closed). The full tables are in the accompanying Excel workbook.`,
    perPeriod: (p: string, src: string) => `${p}: ${src}.`,
    part1: 'I. OVERALL SUMMARY',
    part2: 'II. RESULTS BY TARGET',
    part3: 'III. PERIODIC REPORTING',
    part4: 'IV. PLANS AND BUDGETS',
    part5: 'V. UN RECOMMENDATIONS',
    part6: 'VI. CONCLUSIONS AND PROPOSALS',
    annex: 'ANNEX',
    group: (n: number, t: string) => `${n}. Target ${n}: ${t}`,
    table: (k: number, t: string) => `Table ${k}. ${t}`,
    tableSource: (p: string, src: string) => `Period: ${p}. Source: ${src}.`,
    summaryTable: 'The indicators at a glance',
    summaryHead: (ps: string[]) => ['Id', 'Indicator', ...ps, 'Expected', 'Status'],
    figure: (p: string, v: string, kind: string) => `${p}: ${v} (${kind}).`,
    revised: (v: string, n: number) => `Live figure now: ${v} – revised since the official figure (${n} records differ from it).`,
    trend: (xs: string) => `Over the years: ${xs}.`,
    status: (e: string, s: string) => `Expected on the trajectory: ${e}. Status: ${s}.`,
    narratives: 'What the organisations reported (approved reports)',
    noNarratives: 'No approved report speaks to this target yet.',
    general: 'What the organisations reported in general (reports without figures on a particular target)',
    said: (org: string, p: string) => `${org} (${p}): `,
    compTable: 'Periodic reports submitted',
    compHead: ['Period', 'Expected', 'Submitted', 'On time', 'Late', 'Missing', 'Submitted rate'],
    compSource: (asOf: string) => `expected organisations ${asOf}; first submission against the deadline (Viet Nam time)`,
    asOfClose: 'as at the close',
    asOfNow: 'as the rule finds them now',
    byKind: 'Reports submitted by kind of organisation',
    byProvince: 'Reports submitted by province',
    kindHead: 'Kind of organisation',
    provinceHead: 'Province',
    missingTable: 'Organisations that have not reported',
    missingHead: ['No.', 'Period', 'Organisation', 'Kind', 'Province'],
    noneMissing: 'Every expected organisation has reported.',
    planTable: (y: number) => `Plans and spending of ${y} by funding source`,
    planHead: ['Funding source', 'Planned (VND)', 'Spent (VND)', 'Share spent'],
    total: 'Total',
    planSource: (n: number) => `the plans of ${n} organisations (the approved version in force, else the latest) and the spending recorded`,
    planTarget: (y: number) => `Plans and spending of ${y} by target`,
    planTargetHead: ['Indicator', 'Activities', 'Planned (VND)', 'Spent (VND)', 'Share spent'],
    planNote: 'An activity serving several indicators counts in full for each; the total counts each activity once.',
    noPlans: 'No plan is recorded for the years of the period.',
    recTable: 'Implementation of the recommendations',
    recHead: ['Status', 'All recommendations', 'Accepted, on communication'],
    recSource: (at: string) => `the recommendations' status history as of ${at}`,
    trendTable: "The indicators over the programme's years",
    trendSource: (basis: string) => `official figures of the closed years, provisional ones of the others (dashboard of ${basis})`,
    figTable: (p: string) => `Official and live figures – ${p}`,
    figHead: ['Id', 'Indicator', 'Figure', 'Live figure now', 'Records differing'],
    unchanged: 'unchanged',
  },
} as const;

const rateWords = (x: number | null, lang: Lang) => (x === null ? '–' : pctOf(x, 1, lang));

export async function buildConsolidatedWord(
  d: Consolidated,
  summary: Map<C.SummarySectionId, string>,
  lang: Lang,
  opts: ReportOptions = {},
): Promise<Buffer> {
  const w = W[lang];
  const o = reportOptions(lang, { now: d.generatedAt, ...opts });
  const p = d.period;
  const periodName = p.label[lang];
  const children: (Paragraph | Table)[] = decreeHeading(o, lang, w.title, w.subtitle(periodName));
  let tableNo = 0;
  const table = (
    title: string,
    source: string,
    cols: number[],
    head: string[],
    rowsOut: string[][],
    align: ('left' | 'right' | 'center')[],
  ) => {
    tableNo++;
    children.push(heading(w.table(tableNo, title), { before: 160, italics: true }));
    children.push(dataTable(cols, head, rowsOut, align));
    children.push(note(w.tableSource(periodName, source)));
  };
  const para = (section: C.SummarySectionId) => {
    for (const x of (summary.get(section) ?? '').split(/\n+/).filter((s) => s.trim())) children.push(body(x));
  };
  const defs = d.indicators;
  const fps = d.figurePeriods;
  const allSources = fps.map((f) => w.perPeriod(f.label[lang], sourceWords(f, lang))).join(' ');

  // ---- introduction
  children.push(body(w.intro(periodName, dayWords(p.firstDay, lang), dayWords(p.lastDay, lang))));
  children.push(body(w.source(generatedWords(d.generatedAt, lang))));
  for (const f of fps) children.push(body(w.perPeriod(f.label[lang], sourceWords(f, lang)), { italics: true }));

  // ---- I. overall
  children.push(heading(w.part1, { before: 200 }));
  para('overall');
  const figCols = Math.max(1, fps.length);
  const rest = TEXT_WIDTH - mm(13) - mm(22) - mm(25);
  const each = Math.floor((rest * 0.45) / figCols);
  table(
    w.summaryTable,
    fps.map((f) => `${f.label[lang]}: ${sourceWords(f, lang)}`).join('; '),
    [mm(13), rest - each * figCols, ...fps.map(() => each), mm(22), mm(25)].map(Math.round),
    w.summaryHead(fps.map((f) => f.key)),
    defs.map((i) => [
      i.def.id,
      i.def.name[lang],
      ...fps.map((f) => {
        const c = f.cells.find((x) => x.indicator === i.def.id);
        return c ? `${fmtTally(c.shown, i.def.unit, lang)}${f.close ? '' : ' *'}${c.live ? ' †' : ''}` : '';
      }),
      i.expected === null ? '' : fmtTally({ numerator: 0, denominator: null, value: i.expected }, i.def.unit, lang),
      STATUS_WORDS[i.status][lang],
    ]),
    ['center', 'left', ...fps.map(() => 'right' as const), 'right', 'left'],
  );
  children.push(
    note(
      lang === 'vi'
        ? '* số liệu tạm tính (kỳ chưa khoá sổ); † số liệu đã thay đổi sau khoá sổ (xem mục II và phụ lục).'
        : '* provisional (period not closed); † revised since the official figure (see part II and the annex).',
    ),
  );

  // ---- II. each target
  children.push(heading(w.part2, { before: 240 }));
  const general = d.narratives.filter((n) => !n.groups.length);
  for (const [gi, g] of d.groups.entries()) {
    children.push(heading(w.group(gi + 1, GROUP_TITLES[g as keyof typeof GROUP_TITLES][lang])));
    for (const i of defs.filter((x) => x.def.group === g)) {
      children.push(body([run(`${i.def.id} – ${i.def.name[lang]}`, { bold: true, italics: true })]));
      for (const f of fps) {
        const c = f.cells.find((x) => x.indicator === i.def.id);
        if (!c) continue;
        children.push(body(w.figure(f.label[lang], fmtTally(c.shown, i.def.unit, lang), sourceWords(f, lang))));
        if (c.live) children.push(body(w.revised(fmtTally(c.live, i.def.unit, lang), c.revisedRecords), { italics: true }));
      }
      if (i.trend.length)
        children.push(
          body(
            w.trend(
              i.trend
                .map((t) => `${t.period}: ${fmtTally({ numerator: 0, denominator: null, value: t.value }, i.def.unit, lang)}`)
                .join('; '),
            ),
          ),
        );
      children.push(
        body(
          w.status(
            i.expected === null ? '–' : fmtTally({ numerator: 0, denominator: null, value: i.expected }, i.def.unit, lang),
            STATUS_WORDS[i.status][lang],
          ),
        ),
      );
    }
    para(`target:${g}` as C.SummarySectionId);
    narrativeBlock(
      children,
      d.narratives.filter((n) => n.groups.includes(g)),
      lang,
      w.narratives,
      w.noNarratives,
    );
  }
  if (general.length) narrativeBlock(children, general, lang, w.general, '');

  // ---- III. completeness
  children.push(heading(w.part3, { before: 240 }));
  const asOf = (c: Consolidated['completeness'][number]) => (c.expectedAsOf === 'close' ? w.asOfClose : w.asOfNow);
  const compSrc = d.completeness.map((c) => `${c.period.label[lang]}: ${w.compSource(asOf(c))}`).join('; ');
  table(
    w.compTable,
    compSrc,
    [mm(45), mm(22), mm(20), mm(20), mm(18), mm(20), mm(20)],
    [...w.compHead],
    d.completeness.map((c) => [
      c.period.label[lang],
      String(c.totals.expected),
      String(c.totals.submitted),
      String(c.totals.onTime),
      String(c.totals.late),
      String(c.totals.missing),
      rateWords(c.totals.rate, lang),
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const combined = (lists: (C.CompletenessCounts & { label: { vi: string; en: string } })[][]) => {
    const by = new Map<string, { label: string; c: C.CompletenessCounts[] }>();
    for (const l of lists)
      for (const x of l) {
        const k = x.label[lang];
        by.set(k, { label: k, c: [...(by.get(k)?.c ?? []), x] });
      }
    return [...by.values()].map((g) => {
      const s = g.c.reduce(
        (a, x) => ({ e: a.e + x.expected, s: a.s + x.submitted, o: a.o + x.onTime, l: a.l + x.late, m: a.m + x.missing }),
        { e: 0, s: 0, o: 0, l: 0, m: 0 },
      );
      return [g.label, String(s.e), String(s.s), String(s.o), String(s.l), String(s.m), s.e ? pctOf(s.s, s.e, lang) : '–'];
    });
  };
  const countCols = [mm(45), mm(22), mm(20), mm(20), mm(18), mm(20), mm(20)];
  const countAlign: ('left' | 'right')[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right'];
  table(w.byKind, compSrc, countCols, [w.kindHead, ...w.compHead.slice(1)], combined(d.completeness.map((c) => c.byKind)), countAlign);
  table(
    w.byProvince,
    compSrc,
    countCols,
    [w.provinceHead, ...w.compHead.slice(1)],
    combined(d.completeness.map((c) => c.byProvince)),
    countAlign,
  );
  const missing = d.completeness.flatMap((c) => c.missing.map((m) => ({ period: c.period.label[lang], m })));
  if (!missing.length) children.push(body(w.noneMissing));
  else
    table(
      w.missingTable,
      compSrc,
      [mm(12), mm(30), mm(63), mm(30), mm(30)],
      [...w.missingHead],
      missing.map((x, k) => [String(k + 1), x.period, x.m.name, KIND_LABELS[x.m.kind]?.[lang] ?? x.m.kind, x.m.provinceName ?? '']),
      ['center', 'left', 'left', 'left', 'left'],
    );

  // ---- IV. plans and budgets
  children.push(heading(w.part4, { before: 240 }));
  const plans = (d.plans ?? []).filter((x) => x.plans > 0);
  if (!plans.length) children.push(body(w.noPlans));
  for (const ps of plans) {
    const src = `${ps.year}: ${w.planSource(ps.plans)}`;
    table(
      w.planTable(ps.year),
      src,
      [mm(55), mm(40), mm(40), mm(30)],
      [...w.planHead],
      [
        ...ps.bySource.map((x) => [
          SOURCE_NAMES[x.source]?.[lang] ?? x.source,
          money(x.planned, lang),
          money(x.spent, lang),
          pctOf(x.spent, x.planned, lang),
        ]),
        [
          w.total,
          money(ps.total.planned.total, lang),
          money(ps.total.spent.total, lang),
          pctOf(ps.total.spent.total, ps.total.planned.total, lang),
        ],
      ],
      ['left', 'right', 'right', 'right'],
    );
    table(
      w.planTarget(ps.year),
      src,
      [mm(40), mm(25), mm(37), mm(37), mm(26)],
      [...w.planTargetHead],
      ps.byTarget.map((x) => [
        x.target,
        String(x.activities),
        money(x.planned.total, lang),
        money(x.spent.total, lang),
        pctOf(x.spent.total, x.planned.total, lang),
      ]),
      ['left', 'right', 'right', 'right', 'right'],
    );
    children.push(note(w.planNote));
  }

  // ---- V. recommendations
  children.push(heading(w.part5, { before: 240 }));
  const at = dayWords(new Date(Date.parse(d.recommendations.at) + 7 * 3600_000).toISOString().slice(0, 10), lang);
  table(
    w.recTable,
    w.recSource(at),
    [mm(65), mm(50), mm(50)],
    [...w.recHead],
    [
      ...d.recommendations.counts.map((x) => [
        STATUS_LABELS[x.status as keyof typeof STATUS_LABELS]?.[lang] ?? x.status,
        String(x.all),
        String(x.communication),
      ]),
      [
        w.total,
        String(d.recommendations.counts.reduce((a, x) => a + x.all, 0)),
        String(d.recommendations.counts.reduce((a, x) => a + x.communication, 0)),
      ],
    ],
    ['left', 'right', 'right'],
  );

  // ---- VI. conclusions
  children.push(heading(w.part6, { before: 240 }));
  para('conclusions');

  // ---- signature, then the annex
  children.push(decreeSignature(o, lang));
  children.push(heading(w.annex, { before: 480 }));
  if (d.trendPeriods.length) {
    const yc = Math.floor((TEXT_WIDTH - mm(13) - mm(55)) / d.trendPeriods.length);
    table(
      w.trendTable,
      w.trendSource(d.trendBasis),
      [mm(13), mm(55), ...d.trendPeriods.map(() => yc)],
      ['', '', ...d.trendPeriods].map((x, k) => (k === 0 ? w.figHead[0] : k === 1 ? w.figHead[1] : x)),
      defs.map((i) => [
        i.def.id,
        i.def.name[lang],
        ...d.trendPeriods.map((tp) =>
          fmtTally({ numerator: 0, denominator: null, value: i.trend.find((t) => t.period === tp)?.value ?? null }, i.def.unit, lang),
        ),
      ]),
      ['center', 'left', ...d.trendPeriods.map(() => 'right' as const)],
    );
  }
  for (const f of fps) {
    table(
      w.figTable(f.label[lang]),
      sourceWords(f, lang),
      [mm(13), mm(67), mm(30), mm(30), mm(25)],
      [...w.figHead],
      defs.map((i) => {
        const c = f.cells.find((x) => x.indicator === i.def.id);
        return [
          i.def.id,
          i.def.name[lang],
          c ? fmtTally(c.shown, i.def.unit, lang) : '',
          c?.live ? fmtTally(c.live, i.def.unit, lang) : f.close ? w.unchanged : '',
          c && f.close ? String(c.revisedRecords) : '',
        ];
      }),
      ['center', 'left', 'right', 'right', 'right'],
    );
  }
  return decreeDocument({ title: `${w.title} – ${w.subtitle(periodName)}`, description: `${p.key}; ${allSources}` }, children);
}

/** The narratives, by section, each paragraph opened by the organisation that wrote it. */
function narrativeBlock(children: (Paragraph | Table)[], list: Consolidated['narratives'], lang: Lang, title: string, none: string): void {
  children.push(heading(title, { italics: true }));
  if (!list.length) {
    if (none) children.push(body(none, { italics: true }));
    return;
  }
  for (const s of ['results', 'difficulties', 'proposals', 'nextTasks'] as const) {
    const mine = list.filter((n) => n.section === s);
    if (!mine.length) continue;
    children.push(body([run(`${SECTION_TITLES[s][lang]}:`, { bold: true })]));
    for (const n of mine)
      children.push(body([run(W[lang].said(n.organisationName, n.periodKey), { bold: true }), run(n.text.replace(/\s*\n+\s*/g, ' '))]));
  }
}
