// What the official reports of the indicators module (Excel: indicators.excel.ts, Word: indicators.word.ts) share:
// the dashboard and the records behind each figure, read through getDashboard and drillDown only, so that every
// number in a report is the dashboard's; the words for periods, scopes and statuses in Vietnamese and English;
// one number format (the dashboard's and the maps': src/shared/mapScale.ts).
import type {
  DashboardResult,
  DrillRecord,
  IndicatorDefinition,
  IndicatorFigure,
  IndicatorId,
  IndicatorScope,
  IndicatorStatus,
} from '../../../shared/contracts/indicators.js';
import { formatValue } from '../../../shared/mapScale.js';
import type { Db } from '../../kernel/db.js';
import { dayWords, monthName } from '../../kernel/decree30.js';
import { AppError } from '../../kernel/errors.js';
import { VN_OFFSET_MS } from '../../kernel/periods.js';
import { getOrganisation } from '../directory/organisations.service.js';
import { drillDown, getDashboard, KIND_LABELS, loadGeo } from './indicators.service.js';

export type ReportLang = 'vi' | 'en';

/** A value as the dashboard shows it: "66,7 %" / "66.7%", counts "1.234" / "1,234"; null → "Không có số liệu" / "No data". */
export function formatFigure(value: number | null, unit: IndicatorDefinition['unit'], lang: ReportLang): string {
  return formatValue(value === null ? null : unit === 'percent' ? value * 100 : value, unit, lang);
}

export const NO_SOURCE: Record<ReportLang, string> = { vi: 'Chưa có nguồn dữ liệu', en: 'No data source yet' };

export const STATUS_WORDS: Record<IndicatorStatus, Record<ReportLang, string>> = {
  on_track: { vi: 'Đúng tiến độ', en: 'On track' },
  at_risk: { vi: 'Có nguy cơ', en: 'At risk' },
  off_track: { vi: 'Chậm tiến độ', en: 'Off track' },
  no_data: { vi: 'Chưa có số liệu', en: 'No data' },
};

export const BREAKDOWN_TITLES: Record<string, Record<ReportLang, string>> = {
  province: { vi: 'Theo tỉnh, thành phố', en: 'By province' },
  orgKind: { vi: 'Theo loại tổ chức', en: 'By kind of organisation' },
  language: { vi: 'Theo ngôn ngữ', en: 'By language' },
  channel: { vi: 'Theo kênh', en: 'By channel' },
  audience: { vi: 'Theo đối tượng', en: 'By audience' },
  targetGroup: { vi: 'Theo nhóm đối tượng', en: 'By target group' },
  organiser: { vi: 'Theo đơn vị tổ chức (kể cả đồng tổ chức)', en: 'By organiser (co-organisers included)' },
  kind: { vi: 'Theo loại', en: 'By kind' },
  platform: { vi: 'Theo nền tảng', en: 'By platform' },
  topic: { vi: 'Theo chủ đề', en: 'By topic' },
};

export const MAP_WORDS: Record<'34' | '63', Record<ReportLang, string>> = {
  '34': { vi: 'bản đồ 34 đơn vị hành chính cấp tỉnh (từ 01/7/2025)', en: 'the 34-unit map of provinces (from 1 July 2025)' },
  '63': {
    vi: 'bản đồ 63 đơn vị hành chính cấp tỉnh (trước 01/7/2025, quy đổi qua bảng chuyển đổi)',
    en: 'the 63-unit map of provinces (before 1 July 2025, through the crosswalk)',
  },
};

export const ATTRIBUTED_NOTE: Record<ReportLang, string> = {
  vi: 'Quy đổi: hồ sơ của tỉnh mới được tính cho mọi đơn vị cũ hợp thành tỉnh đó',
  en: 'Attributed: records of the new province count for every former unit it was formed from',
};

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "quý I năm 2026" / "Q1 2026", "6 tháng đầu năm 2026" / "first half of 2026", "tháng 3 năm 2026" / "March 2026", "năm 2026" / "2026". */
export function periodWords(id: string, lang: ReportLang): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-H([12])$/.exec(id)))
    return lang === 'vi' ? `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}` : `${m[2] === '1' ? 'first' : 'second'} half of ${m[1]}`;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(id))) return lang === 'vi' ? `quý ${ROMAN[+m[2] - 1]} năm ${m[1]}` : `Q${m[2]} ${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(id))) return lang === 'vi' ? `tháng ${+m[2]} năm ${m[1]}` : `${monthName(+m[2])} ${m[1]}`;
  return lang === 'vi' ? `năm ${id}` : id;
}

export { dayWords };

/** Viet Nam's calendar day and time of an instant: { day: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function vnDateTime(at: Date): { day: string; time: string } {
  const iso = new Date(at.getTime() + VN_OFFSET_MS).toISOString();
  return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
}

export function generatedWords(at: Date, lang: ReportLang): string {
  const { day, time } = vnDateTime(at);
  return lang === 'vi' ? `${time} ngày ${dayWords(day, 'vi')} (giờ Việt Nam)` : `${dayWords(day, 'en')}, ${time} (Viet Nam time, UTC+7)`;
}

export type ScopeWords = {
  period: string;
  map: string;
  province: string;
  orgKind: string;
  organisation: string;
  /** One line for a sentence: "toàn quốc" or "tỉnh … ; loại tổ chức …". */
  summary: string;
};

/** The scope of a dashboard in words (names of the province, the kind and the organisation filtered on). */
export async function scopeWords(db: Db, d: DashboardResult, lang: ReportLang): Promise<ScopeWords> {
  const s = d.scope;
  const all = lang === 'vi' ? 'Tất cả' : 'All';
  const provinceName = s.province ? ((await loadGeo(db)).names[s.map].get(s.province)?.[lang] ?? s.province) : null;
  let orgName: string | null = null;
  if (s.organisationId) {
    try {
      const o = await getOrganisation(db, s.organisationId);
      orgName = lang === 'en' && o.nameEn ? o.nameEn : o.nameVi;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      orgName = `#${s.organisationId}`;
    }
  }
  const kind = s.orgKind ? (KIND_LABELS[s.orgKind]?.[lang] ?? s.orgKind) : null;
  const parts: string[] = [];
  if (provinceName)
    parts.push(lang === 'vi' ? `tỉnh, thành phố ${provinceName} (${MAP_WORDS[s.map].vi})` : `${provinceName} (${MAP_WORDS[s.map].en})`);
  if (kind) parts.push(lang === 'vi' ? `loại tổ chức: ${kind}` : `kind of organisation: ${kind}`);
  if (orgName) parts.push(lang === 'vi' ? `tổ chức: ${orgName}` : `organisation: ${orgName}`);
  return {
    period: `${periodWords(s.period.id, lang)} (${dayWords(s.period.firstDay, lang)} – ${dayWords(s.period.lastDay, lang)})`,
    map: MAP_WORDS[s.map][lang],
    province: provinceName ? `${provinceName} (${s.province})` : lang === 'vi' ? 'Toàn quốc' : 'Whole country',
    orgKind: kind ?? all,
    organisation: orgName ?? all,
    summary: parts.length ? parts.join('; ') : lang === 'vi' ? 'toàn quốc' : 'the whole country',
  };
}

export type ReportData = {
  dashboard: DashboardResult;
  /** The figure of each available indicator; an unavailable one has none. */
  figureOf: (id: IndicatorId) => IndicatorFigure | undefined;
};

export async function loadReport(db: Db, scope: IndicatorScope): Promise<ReportData> {
  const dashboard = await getDashboard(db, scope);
  const byId = new Map(dashboard.figures.map((f) => [f.id, f]));
  return { dashboard, figureOf: (id) => byId.get(id) };
}

/** The dashboard's scope as a query that names it exactly (the same period even across a year's end). */
export function resolvedScope(d: DashboardResult): IndicatorScope {
  const s = d.scope;
  return {
    period: s.period.id,
    map: s.map,
    ...(s.province ? { province: s.province } : {}),
    ...(s.orgKind ? { orgKind: s.orgKind } : {}),
    ...(s.organisationId ? { organisationId: s.organisationId } : {}),
  };
}

const PAGE = 1000; // DrillQuery's largest page

/** Every record of the figure's denominator (for a count indicator: every record considered), page by page. */
export async function denominatorRecords(
  db: Db,
  id: IndicatorId,
  scope: IndicatorScope,
): Promise<{ total: number; records: DrillRecord[] }> {
  const records: DrillRecord[] = [];
  let total: number;
  for (let offset = 0; ; offset += PAGE) {
    const page = await drillDown(db, id, { ...scope, part: 'denominator', limit: PAGE, offset });
    total = page.total;
    records.push(...page.records);
    if (page.records.length < PAGE || records.length >= total) break;
  }
  return { total, records };
}

/** The 2028 target, trajectory year of the period (the figure's `expected` is its value). */
export function expectedYear(d: DashboardResult): number {
  return Math.min(2028, Math.max(2023, +d.scope.period.lastDay.slice(0, 4)));
}

/** "bao-cao-tien-do-2026-Q1.docx" / "progress-report-2026-Q1.xlsx" (ASCII, for Content-Disposition). */
export function reportFileName(periodId: string, lang: ReportLang, ext: 'docx' | 'xlsx'): string {
  const safe = periodId.replace(/[^0-9A-Za-z-]/g, '');
  return `${lang === 'vi' ? 'bao-cao-tien-do' : 'progress-report'}-${safe}.${ext}`;
}
