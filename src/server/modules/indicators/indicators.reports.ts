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
import { targetSpecText } from '../../../shared/labels.js';
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

/** How a report states what a figure of its scope is judged against (the dashboard's rule, `scopeTarget`): the
 *  decision's target for the country and for any share; a province's own target for a count of provinces (T3: its
 *  former units); none for a count in a scope that has no share of it (the value is then a contribution, not judged). */
export type ScopeJudgement = {
  /** The figure has a target in this scope and a status against it. */
  judged: boolean;
  /** The scope's target differs from the decision's (a province's own). */
  own: boolean;
  /** The target as a figure ("≥ 2"), or "Không có chỉ tiêu riêng …" / "No target of its own …". */
  target: string;
  /** The status in words, or "Không đánh giá (phần đóng góp)" / "Not judged (a contribution)". */
  status: string;
  /** What the decision's trajectory is multiplied by for this scope's expected values (a province's share of a count
   *  of provinces); null when the scope has no target (no expected values). */
  factor: number | null;
};

/** The summary table's target cell: the decision's wording, a province's own target marked so, or "—" (not judged). */
export function targetCell(def: IndicatorDefinition, j: ScopeJudgement | null, lang: ReportLang): string {
  if (!j || (j.judged && !j.own)) return def.targetLabel[lang];
  if (!j.judged) return '—';
  return `${j.target} (${lang === 'vi' ? 'chỉ tiêu riêng' : 'own target'})`;
}

/** Where the programme stands in one line, from the dashboard's summary: "5 đúng tiến độ, 2 có nguy cơ, …". */
export function standingWords(d: DashboardResult, lang: ReportLang): string {
  const s = d.summary;
  const all = d.indicators.length;
  const parts = (
    [
      [s.onTrack, STATUS_WORDS.on_track],
      [s.atRisk, STATUS_WORDS.at_risk],
      [s.behind, STATUS_WORDS.off_track],
      [s.noData, STATUS_WORDS.no_data],
      [s.noTarget, NOT_JUDGED],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, w]) => `${n} ${w[lang].toLocaleLowerCase(lang)}`);
  return lang === 'vi' ? `trong ${all} chỉ tiêu: ${parts.join(', ')}` : `of ${all} indicators: ${parts.join(', ')}`;
}

export const NOT_JUDGED: Record<ReportLang, string> = { vi: 'Không đánh giá (phần đóng góp)', en: 'Not judged (a contribution)' };

export function scopeJudgement(def: IndicatorDefinition, f: IndicatorFigure, lang: ReportLang): ScopeJudgement {
  const target = f.target === undefined ? def.target : f.target;
  if (!target)
    return {
      judged: false,
      own: false,
      target:
        lang === 'vi'
          ? `Không có chỉ tiêu riêng cho phạm vi này (đóng góp vào chỉ tiêu toàn quốc ${targetSpecText(def.target, def.unit, lang)})`
          : `No target of its own in this scope (a contribution to the national target ${targetSpecText(def.target, def.unit, lang)})`,
      status: NOT_JUDGED[lang],
      factor: null,
    };
  const own = JSON.stringify(target) !== JSON.stringify(def.target);
  const factor =
    own && target.kind === 'at_least' && def.target.kind === 'at_least' && def.target.value ? target.value / def.target.value : 1;
  return { judged: true, own, target: targetSpecText(target, def.unit, lang), status: STATUS_WORDS[f.status][lang], factor };
}

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
