// The progress page's interface words, in both languages, and its small formatting helpers. Numbers go through
// the shared map scale (src/shared/mapScale.ts), so the page, the map and the workspace write them the same way.
import type { IndicatorStatus, IndicatorUnit } from '../../shared/contracts/indicators.js';
import { formatNumber, formatValue } from '../../shared/mapScale.js';
import type { Lang } from './programme.js';
import { fmtDate } from '../kernel/format.js';

export const PROGRESS = {
  vi: {
    title: 'Tiến độ Đề án',
    lead: 'Kết quả thực hiện từng mục tiêu của Đề án, tính trực tiếp từ hồ sơ đã nhập, so với mục tiêu năm 2028 và lộ trình từng năm.',
    base: '/tien-do',
    filters: 'Chọn kỳ và phạm vi',
    year: 'Năm',
    quarter: 'Quý',
    wholeYear: 'Cả năm',
    quarterN: (q: number) => `Quý ${q}`,
    quarterHint: 'Các quý của năm đã chọn; đổi năm rồi bấm Xem để chọn quý của năm khác.',
    map: 'Bản đồ hành chính',
    mapOption: { '34': '34 đơn vị (từ 1/7/2025)', '63': '63 đơn vị (trước 1/7/2025)' },
    onThisPage: 'Trên trang này',
    summaryHeading: 'Tóm tắt',
    summaryCaption: 'Các mục tiêu của Đề án: giá trị, chỉ tiêu đến năm 2028 và tình trạng',
    summaryTarget: 'Mục tiêu',
    province: 'Tỉnh, thành phố',
    wholeCountry: 'Toàn quốc',
    mapIndicator: 'Chỉ số trên bản đồ',
    apply: 'Xem',
    reset: 'Về mặc định',
    scope: 'Đang xem',
    mapScope: (m: string) => `bản đồ ${m} đơn vị`,
    statusRule: 'Cách đánh giá tiến độ',
    targetGroup: (g: string) => `Mục tiêu ${g.slice(1)}`,
    groups: {
      T1: 'Phát ngôn và cung cấp thông tin định kỳ cho báo chí',
      T2: 'Cập nhật thông tin, tập huấn cán bộ',
      T3: 'Triển lãm ảnh, tài liệu lưu trữ',
      T4: 'Sách và sản phẩm truyền thông',
      T5: 'Số hoá và xử lý thông tin sai lệch',
      T6: 'Thực hiện khuyến nghị quốc tế',
    } as Record<string, string>,
    decisionTarget: 'Mục tiêu theo Quyết định',
    target2028: 'Chỉ tiêu đến năm 2028',
    current: 'Giá trị hiện tại',
    official: 'Số liệu chính thức',
    officialNotice: (period: string, day: string, version: number) =>
      `Kỳ ${period} đã khoá sổ ngày ${day}: trang này cho số liệu chính thức${version > 1 ? ` (bản điều chỉnh lần ${version - 1})` : ''}. Hồ sơ nhập hoặc sửa sau ngày khoá sổ không làm thay đổi số liệu chính thức; khi có, số liệu hiện tại được ghi bên cạnh.`,
    revised: 'Đã điều chỉnh sau số liệu chính thức; số liệu hiện tại',
    expected: (year: number) => `Giá trị kỳ vọng theo lộ trình năm ${year}`,
    expectedShort: 'Kỳ vọng',
    expectedNone: 'Không áp dụng',
    expectedNational: 'Chỉ tiêu đếm được đặt cho cả nước, không chia theo tỉnh.',
    ratio: 'Tử số / mẫu số',
    status: 'Tình trạng',
    cumulative: (from: string, to: string) => `Luỹ kế từ ${from} đến ${to}`,
    span: (a: string, b: string) => `${a} – ${b}`,
    countedOver: 'Thời gian tính',
    method: 'Cách tính',
    noSourceText: 'Mô-đun ghi nhận hồ sơ của mục tiêu này đang được xây dựng; số liệu sẽ được tính khi có hồ sơ.',
    trendTitle: (name: string) => `Diễn biến: ${name}`,
    trendCaption: (id: string) => `Diễn biến ${id} theo kỳ`,
    trendDesc: (series: string) => `Cột: giá trị từng kỳ; vạch ngang: giá trị kỳ vọng theo lộ trình. ${series}`,
    period: 'Kỳ',
    value: 'Giá trị',
    mapHeading: 'Theo tỉnh, thành phố',
    mapTitle: (name: string, period: string, map: string) => `${name}, ${period}, bản đồ ${map} đơn vị`,
    mapLead: 'Bấm vào một tỉnh, thành phố trên bản đồ hoặc trong bảng để xem số liệu của tỉnh, thành phố đó.',
    mapCaption: (id: string, period: string) => `${id} theo tỉnh, thành phố, ${period}`,
    mapNone: 'Chưa có chỉ số nào có số liệu theo tỉnh, thành phố.',
    attributed: 'Cơ quan của tỉnh, thành phố mới được tính cho mọi đơn vị cũ hợp thành tỉnh đó (bản đồ 63 đơn vị).',
    attributedMark: 'tính theo tỉnh mới',
    selected: 'đang xem',
    errorTitle: 'Lỗi bộ lọc',
    errorHeading: 'Không dùng được một số giá trị lọc',
    errorTail: 'Trang đang hiển thị số liệu với giá trị mặc định thay cho giá trị sai.',
    badPeriod: (v: string, last: number) =>
      `Kỳ "${v}" không hợp lệ: hãy chọn một năm từ 2023 đến ${last}, hoặc một quý đã bắt đầu của năm đó.`,
    badMap: (v: string) => `Bản đồ "${v}" không có: chỉ có bản đồ 34 hoặc 63 đơn vị. Đang dùng bản đồ 34 đơn vị.`,
    badProvince: (v: string, map: string) => `Không có tỉnh, thành phố mã "${v}" trên bản đồ ${map} đơn vị. Đang hiển thị toàn quốc.`,
    badIndicator: (v: string, used: string) => `Chỉ số "${v}" không có số liệu theo tỉnh, thành phố. Bản đồ đang hiển thị ${used}.`,
    converted: (code: string, oldName: string, newName: string) =>
      `Mã ${code} (${oldName}) là đơn vị của bản đồ 63 đơn vị, nay thuộc ${newName}: đang hiển thị ${newName}.`,
  },
  en: {
    title: 'Programme progress',
    lead: 'How far each target of the programme has been reached, computed from the records, against the 2028 target and the yearly trajectory.',
    base: '/en/progress',
    filters: 'Choose the period and scope',
    year: 'Year',
    quarter: 'Quarter',
    wholeYear: 'Whole year',
    quarterN: (q: number) => `Q${q}`,
    quarterHint: 'Quarters of the selected year; change the year and press Show to pick a quarter of another year.',
    map: 'Administrative map',
    mapOption: { '34': '34 units (from 1 July 2025)', '63': '63 units (before 1 July 2025)' },
    onThisPage: 'On this page',
    summaryHeading: 'Summary',
    summaryCaption: "The programme's targets: value, 2028 target and status",
    summaryTarget: 'Target',
    province: 'Province or city',
    wholeCountry: 'Whole country',
    mapIndicator: 'Indicator on the map',
    apply: 'Show',
    reset: 'Back to defaults',
    scope: 'Showing',
    mapScope: (m: string) => `${m}-unit map`,
    statusRule: 'How progress is assessed',
    targetGroup: (g: string) => `Target ${g.slice(1)}`,
    groups: {
      T1: 'Spokespersons and periodic information for the press',
      T2: 'Updating and training officials',
      T3: 'Photo and archival-document exhibitions',
      T4: 'Books and communication products',
      T5: 'Digitisation and false information handled',
      T6: 'International recommendations implemented',
    } as Record<string, string>,
    decisionTarget: 'Target in the decision',
    target2028: 'Target for 2028',
    current: 'Current value',
    official: 'Official figure',
    officialNotice: (period: string, day: string, version: number) =>
      `${period} was closed on ${day}: this page shows its official figures${version > 1 ? ` (revision ${version - 1})` : ''}. Records entered or changed after the close do not change an official figure; where they exist, the current figure is shown beside it.`,
    revised: 'Revised since the official figure; current figure',
    expected: (year: number) => `Expected on the ${year} trajectory`,
    expectedShort: 'Expected',
    expectedNone: 'Not applicable',
    expectedNational: 'Count targets are set for the whole country, not per province.',
    ratio: 'Numerator / denominator',
    status: 'Status',
    cumulative: (from: string, to: string) => `Cumulative from ${from} to ${to}`,
    span: (a: string, b: string) => `${a} – ${b}`,
    countedOver: 'Counted over',
    method: 'How it is computed',
    noSourceText: 'The module that records the work for this target is being built; the figure will be computed from its records.',
    trendTitle: (name: string) => `Trend: ${name}`,
    trendCaption: (id: string) => `${id} by period`,
    trendDesc: (series: string) => `Bars: the value of each period; horizontal marks: the value expected on the trajectory. ${series}`,
    period: 'Period',
    value: 'Value',
    mapHeading: 'By province',
    mapTitle: (name: string, period: string, map: string) => `${name}, ${period}, ${map}-unit map`,
    mapLead: 'Select a province or city on the map or in the table to see its figures.',
    mapCaption: (id: string, period: string) => `${id} by province, ${period}`,
    mapNone: 'No indicator has figures by province yet.',
    attributed: 'On the 63-unit map, agencies of a new province count for every former unit it was formed from.',
    attributedMark: 'counted via the new province',
    selected: 'selected',
    errorTitle: 'Filter error',
    errorHeading: 'Some filter values could not be used',
    errorTail: 'The page shows the figures with the default values instead of the wrong ones.',
    badPeriod: (v: string, last: number) =>
      `The period "${v}" is not valid: choose a year from 2023 to ${last}, or a quarter of that year that has begun.`,
    badMap: (v: string) => `There is no map "${v}": only the 34-unit and the 63-unit maps. Using the 34-unit map.`,
    badProvince: (v: string, map: string) => `There is no province with code "${v}" on the ${map}-unit map. Showing the whole country.`,
    badIndicator: (v: string, used: string) => `The indicator "${v}" has no figures by province. The map shows ${used}.`,
    converted: (code: string, oldName: string, newName: string) =>
      `Code ${code} (${oldName}) is a unit of the 63-unit map, now part of ${newName}: showing ${newName}.`,
  },
} as const;

export const STATUS_TEXT: Record<IndicatorStatus | 'no_source', Record<Lang, string>> = {
  on_track: { vi: 'Đúng tiến độ', en: 'On track' },
  at_risk: { vi: 'Có nguy cơ chậm', en: 'At risk' },
  off_track: { vi: 'Chậm tiến độ', en: 'Off track' },
  no_data: { vi: 'Chưa có số liệu', en: 'No data yet' },
  no_source: { vi: 'Chưa có nguồn dữ liệu', en: 'No data source yet' },
};

/** A shape for each status, so it never rests on colour alone (the word is always next to it). */
export const STATUS_ICON: Record<IndicatorStatus | 'no_source', string> = {
  on_track: '✓',
  at_risk: '!',
  off_track: '✗',
  no_data: '–',
  no_source: '○',
};

/** A figure as people read it: percentages are fractions in the indicators service, 0–100 on the map scale. */
export function formatFigure(value: number | null, unit: IndicatorUnit, lang: Lang): string {
  return formatValue(value === null ? null : unit === 'percent' ? value * 100 : value, unit, lang);
}

/** The value a map class is chosen by (0–100 for percentages). */
export const mapValue = (value: number | null, unit: IndicatorUnit): number | null =>
  value === null ? null : unit === 'percent' ? value * 100 : value;

export function formatRatio(numerator: number, denominator: number | null, lang: Lang): string {
  return denominator === null ? formatNumber(numerator, lang) : `${formatNumber(numerator, lang)} / ${formatNumber(denominator, lang)}`;
}

/** "Năm 2026", "Quý 1/2026", "6 tháng đầu năm 2026", "Tháng 3/2026" / "2026", "Q1 2026", "H1 2026", "March 2026". */
export function periodLabel(id: string, lang: Lang): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(id))) return lang === 'vi' ? `Quý ${m[2]}/${m[1]}` : `Q${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-H([12])$/.exec(id)))
    return lang === 'vi' ? `${m[2] === '1' ? '6 tháng đầu năm' : '6 tháng cuối năm'} ${m[1]}` : `H${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(id))) return lang === 'vi' ? `Tháng ${+m[2]}/${m[1]}` : `${MONTHS[+m[2] - 1]} ${m[1]}`;
  return lang === 'vi' ? `Năm ${id}` : id;
}
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A calendar day (YYYY-MM-DD): vi "01/04/2026", en "1 April 2026". */
export const formatDay = (day: string, lang: Lang): string => fmtDate(day, lang);
