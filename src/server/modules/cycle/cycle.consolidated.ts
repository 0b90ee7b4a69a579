// The consolidated programme report of a period (yearly, half-yearly, or a review over 2023–2025 / 2023–2028, which is
// the same report over the years of its span): what the Word report (cycle.consolidated.word.ts) and its Excel annex
// (cycle.consolidated.excel.ts) print, gathered once here from the other parts of the cycle and the modules' services:
// - each target's figure for each figure period of the report (a review: each year): official for a closed period (the
//   frozen facts of its current close, with its version and date) with the live figure beside it when revised since;
//   live and provisional for an open one; the trend over the programme's years, the trajectory's value and status;
// - completeness of reporting of the period (and, for a review, of each yearly period of the calendar inside it);
// - the agencies' narratives from approved reports, grouped by section, placed under each target their report's figures
//   contribute to (with who said what);
// - plan vs spending by funding source and target for each year (the plans module provides it);
// - the UN recommendations' status at the end of the period;
// - the summary paragraphs, generated from all of the above, which the office edits per period and language (its text
//   replaces the generated one in the Word report and on screen; resetting goes back to the generated text).
// Readers: the office and the national roles (analysts, reviewers); the office alone edits.
import { and, eq, inArray, sql } from 'drizzle-orm';
import * as C from '../../../shared/contracts/cycle.js';
import type { Bilingual, IndicatorDefinition, IndicatorId, IndicatorStatus } from '../../../shared/contracts/indicators.js';
import type { PlanSummary } from '../../../shared/contracts/plans.js';
import { formatNumber } from '../../../shared/mapScale.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { iso, type Db } from '../../kernel/db.js';
import { dayWords, type DocLang } from '../../kernel/decree30.js';
import { AppError, forbidden } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { organisations, users } from '../directory/directory.tables.js';
import { formatFigure, STATUS_WORDS } from '../indicators/indicators.reports.js';
import { getDashboard, getTallies, type TallyOf } from '../indicators/indicators.service.js';
import { statusCountsAt } from '../recommendations/recommendations.service.js';
import { getCompleteness } from './cycle.completeness.js';
import { buildConsolidatedExcel } from './cycle.consolidated.excel.js';
import { buildConsolidatedWord } from './cycle.consolidated.word.js';
import { closedFreezes, officialStatus } from './cycle.official.js';
import { currentCloses, figurePeriodsOf, periodLabel, toPeriod, today, type PeriodRow } from './cycle.periods.js';
import { isOffice } from './cycle.scope.js';
import { cyclePeriods, cycleReports, cycleSummaryEdits } from './cycle.tables.js';
import { vnToday } from '../../kernel/format.js';

export type Lang = DocLang;
type Tally = Pick<TallyOf, 'numerator' | 'denominator' | 'value'>;

// ---------------------------------------------------------------- who reads and writes

const isNationalReader = (actor: Actor) => isOffice(actor) || actor.role === 'analyst' || actor.role === 'reviewer';

export function assertReportReader(actor: Actor): void {
  if (!isNationalReader(actor)) {
    throw forbidden(
      `The consolidated programme report is read by the programme office and the national analysts and reviewers (your role: ${actor.role})`,
    );
  }
}

function assertEditor(actor: Actor): void {
  if (!isOffice(actor))
    throw forbidden(`Only the programme office (admin) edits the consolidated report's summary (your role: ${actor.role})`);
}

/** The period, or a 404 that names the field. */
async function reportPeriod(db: Db, id: number): Promise<PeriodRow> {
  const [p] = await db.select().from(cyclePeriods).where(eq(cyclePeriods.id, id));
  if (!p)
    throw new AppError('not_found', `The report calendar has no period ${id}`, [
      { field: 'period', message: `no period ${id} in the report calendar` },
    ]);
  return p;
}

// ---------------------------------------------------------------- the plan figures (filled by the plans module)

/** Plan vs spending of every organisation's plan for a year (null: the plans module is not there). */
export type PlanTotalsProvider = (db: Db, year: number) => Promise<PlanSummary>;
let planTotals: PlanTotalsProvider | null = null;
export function setPlanTotalsProvider(p: PlanTotalsProvider | null): void {
  planTotals = p;
}

// ---------------------------------------------------------------- the data

export type FigureCell = {
  indicator: IndicatorId;
  /** The figure printed: official (closed) or provisional (open). */
  shown: Tally;
  /** For a closed period: the live figure when the records behind it differ (revised since the official figure). */
  live: Tally | null;
  revisedRecords: number;
};
export type FigurePeriod = {
  key: string;
  label: Bilingual;
  firstDay: string;
  lastDay: string;
  /** The current close of a closed period (its official version); null: open, figures provisional. */
  close: { version: number; closedAt: string; closedByName: string } | null;
  cells: FigureCell[];
};
export type IndicatorLine = {
  def: IndicatorDefinition;
  expected: number | null;
  status: IndicatorStatus;
  trend: { period: string; value: number | null }[];
};
export type Narrative = {
  periodKey: string;
  organisationId: number;
  organisationName: string;
  groups: string[];
  section: C.ReportSection;
  text: string;
  decidedAt: string | null;
};
export type CompletenessPart = {
  period: C.CyclePeriod;
  totals: C.CompletenessCounts;
  byKind: C.Completeness['byKind'];
  byProvince: C.Completeness['byProvince'];
  missing: C.CompletenessOrg[];
  expectedAsOf: 'close' | 'now';
};
export type Consolidated = {
  period: C.CyclePeriod;
  generatedAt: Date;
  figurePeriods: FigurePeriod[];
  /** The programme's years the trend covers (from the dashboard of the last figure period that has started). */
  trendPeriods: string[];
  trendBasis: string;
  indicators: IndicatorLine[];
  completeness: CompletenessPart[];
  narratives: Narrative[];
  plans: PlanSummary[] | null;
  recommendations: { at: string; counts: { status: string; all: number; communication: number }[] };
  groups: string[];
};

const tally = (t: Tally): Tally => ({ numerator: t.numerator, denominator: t.denominator, value: t.value });

/** The yearly periods of the calendar inside a review's span (and the review itself), or the period alone. */
async function sourcePeriods(db: Db, p: PeriodRow): Promise<PeriodRow[]> {
  if (p.kind !== 'midterm' && p.kind !== 'final') return [p];
  const years = await db
    .select()
    .from(cyclePeriods)
    .where(
      and(
        eq(cyclePeriods.kind, 'yearly'),
        sql`${cyclePeriods.firstDay} >= ${p.firstDay}::date and ${cyclePeriods.lastDay} <= ${p.lastDay}::date`,
      ),
    );
  return [...years.sort((a, b) => a.key.localeCompare(b.key)), p];
}

/** Every figure of each figure period: official (frozen) where closed, with the live figure when revised; else live. */
async function figuresOf(db: Db, p: PeriodRow, now: Date): Promise<FigurePeriod[]> {
  const out: FigurePeriod[] = [];
  for (const fp of figurePeriodsOf(p)) {
    const [cp] = await db.select().from(cyclePeriods).where(eq(cyclePeriods.key, fp));
    const close = cp ? (await currentCloses(db, [cp.id])).get(cp.id) : undefined;
    const label = cp ? periodLabel(cp) : periodLabel({ kind: 'yearly', key: fp });
    const firstDay = cp?.firstDay ?? `${fp.slice(0, 4)}-01-01`,
      lastDay = cp?.lastDay ?? `${fp.slice(0, 4)}-12-31`;
    if (firstDay > today(now)) continue; // a year of a review that has not started: nothing to say yet
    if (close) {
      const st = (await officialStatus(db, fp))!;
      out.push({
        key: fp,
        label,
        firstDay,
        lastDay,
        close: { version: close.version, closedAt: iso(close.closedAt)!, closedByName: close.closedByName },
        cells: st.figures.map((f) => ({
          indicator: f.indicator,
          shown: tally(f.official),
          live: f.live ? tally(f.live) : null,
          revisedRecords: f.revisedRecords,
        })),
      });
    } else {
      const live = await getTallies(db, { period: fp });
      out.push({
        key: fp,
        label,
        firstDay,
        lastDay,
        close: null,
        cells: live.map((t) => ({ indicator: t.id, shown: tally(t), live: null, revisedRecords: 0 })),
      });
    }
  }
  return out;
}

function sumCounts(list: C.CompletenessCounts[]): C.CompletenessCounts {
  const z = { expected: 0, submitted: 0, onTime: 0, late: 0, missing: 0, approved: 0, returned: 0 };
  for (const c of list) for (const k of Object.keys(z) as (keyof typeof z)[]) z[k] += c[k];
  return { ...z, rate: z.expected ? z.submitted / z.expected : null, onTimeRate: z.expected ? z.onTime / z.expected : null };
}

/** Completeness of reporting: the period's own, and for a review each yearly period of the calendar in its span. */
async function completenessOf(db: Db, actor: Actor, p: PeriodRow, sources: PeriodRow[]): Promise<CompletenessPart[]> {
  const out: CompletenessPart[] = [];
  for (const sp of sources) {
    const c = await getCompleteness(db, actor, sp.id);
    if (!c.totals.expected && sp.id === p.id && sources.length > 1) continue; // a review nobody reports for separately
    out.push({
      period: c.period,
      totals: c.totals,
      byKind: c.byKind,
      byProvince: c.byProvince,
      missing: c.organisations.filter((o) => o.state === 'missing'),
      expectedAsOf: c.expectedAsOf,
    });
  }
  return out;
}

export async function consolidatedData(db: Db, actor: Actor, periodId: number, now = new Date()): Promise<Consolidated> {
  assertReportReader(actor);
  const p = await reportPeriod(db, periodId);
  const closes = await currentCloses(db, [p.id]);
  const frozen = await closedFreezes(db);
  const sources = await sourcePeriods(db, p);
  const end = new Date(Math.min(now.getTime(), Date.parse(`${p.lastDay}T23:59:59.999+07:00`)));
  // The parts read different tables: asked for at once (on PostgreSQL each on its own connection).
  const [figurePeriods, completeness, reports, recs] = await Promise.all([
    figuresOf(db, p, now),
    completenessOf(db, actor, p, sources),
    sources.length
      ? db
          .select({ r: cycleReports, name: organisations.nameVi, periodKey: cyclePeriods.key })
          .from(cycleReports)
          .innerJoin(organisations, eq(organisations.id, cycleReports.organisationId))
          .innerJoin(cyclePeriods, eq(cyclePeriods.id, cycleReports.periodId))
          .where(
            and(
              inArray(
                cycleReports.periodId,
                sources.map((s) => s.id),
              ),
              inArray(cycleReports.status, ['approved', 'locked']),
            ),
          )
          .orderBy(cyclePeriods.key, organisations.nameVi, cycleReports.id)
      : Promise.resolve([]),
    statusCountsAt(db, end),
  ]);

  // The trend, expected value and status: the dashboard of the last figure period that has started, over the closed
  // periods' frozen facts (so the trend's closed years are their official figures); plan vs spending of its years.
  const basis = figurePeriods.at(-1)?.key ?? figurePeriodsOf(p)[0]!;
  const years = [...new Set(figurePeriods.map((f) => Number(f.key.slice(0, 4))))];
  const [dashboard, plans] = await Promise.all([
    getDashboard(db, { period: basis }, { frozen }),
    planTotals ? Promise.all(years.map((y) => planTotals!(db, y))) : Promise.resolve(null),
  ]);
  const figureOf = new Map(dashboard.figures.map((f) => [f.id, f]));
  const indicators: IndicatorLine[] = dashboard.indicators
    .filter((d) => d.available)
    .map((def) => {
      const f = figureOf.get(def.id);
      return { def, expected: f?.expected ?? null, status: f?.status ?? 'no_data', trend: f?.trend ?? [] };
    });
  const trendPeriods = [...new Set(indicators.flatMap((i) => i.trend.map((t) => t.period)))].sort();
  const groups = [...new Set(dashboard.indicators.map((d) => d.group))];
  const groupOf = new Map(dashboard.indicators.map((d) => [d.id, d.group]));

  // The narratives of approved reports, placed under the target groups their figures contribute to.
  const narratives: Narrative[] = [];
  for (const { r, name, periodKey } of reports) {
    const figures = (r.figures as C.Contribution | null)?.rows ?? [];
    const gs = [
      ...new Set(
        figures
          .filter((f) => f.numerator > 0)
          .map((f) => groupOf.get(f.indicator))
          .filter((g): g is IndicatorDefinition['group'] => Boolean(g)),
      ),
    ].sort();
    for (const section of C.REPORT_SECTIONS) {
      const text = (r.sections[section] ?? '').trim();
      if (text)
        narratives.push({
          periodKey,
          organisationId: r.organisationId,
          organisationName: name,
          groups: gs,
          section,
          text,
          decidedAt: iso(r.decidedAt),
        });
    }
  }

  return {
    period: toPeriod(p, closes.get(p.id)),
    generatedAt: now,
    figurePeriods,
    trendPeriods,
    trendBasis: basis,
    indicators,
    completeness,
    narratives,
    plans,
    recommendations: { at: end.toISOString(), counts: recs },
    groups,
  };
}

// ---------------------------------------------------------------- words shared by the Word report and the Excel annex

export const fmtTally = (t: Tally | null, unit: IndicatorDefinition['unit'], lang: Lang) => (t ? formatFigure(t.value, unit, lang) : '');
export const money = (x: number, lang: Lang) => formatNumber(Math.round(x), lang);
export const pctOf = (part: number, whole: number, lang: Lang) =>
  whole > 0 ? `${formatNumber(Math.round((part / whole) * 1000) / 10, lang)} %` : '–';

/** "official, closed version 1 on 05/01/2026 by …" / "provisional (period open)". */
export function sourceWords(fp: FigurePeriod, lang: Lang): string {
  if (!fp.close) return lang === 'vi' ? 'số liệu tạm tính (kỳ chưa khoá sổ)' : 'provisional (period not closed)';
  const day = dayWords(vnToday(new Date(fp.close.closedAt)), lang);
  return lang === 'vi'
    ? `số liệu chính thức, khoá sổ lần ${fp.close.version} ngày ${day}, người khoá sổ: ${fp.close.closedByName}`
    : `official figures, close version ${fp.close.version} of ${day}, closed by ${fp.close.closedByName}`;
}

export const SECTION_TITLES: Record<C.ReportSection, Bilingual> = {
  results: { vi: 'Kết quả đạt được', en: 'Results' },
  difficulties: { vi: 'Khó khăn, vướng mắc và nguyên nhân', en: 'Difficulties and their causes' },
  proposals: { vi: 'Đề xuất, kiến nghị', en: 'Proposals' },
  nextTasks: { vi: 'Nhiệm vụ kỳ tới', en: 'Tasks for the next period' },
};

export const SUMMARY_TITLES: Record<C.SummarySectionId, Bilingual> = {
  overall: { vi: 'Đánh giá chung', en: 'Overall summary' },
  'target:T1': { vi: 'Tóm tắt Mục tiêu 1', en: 'Summary of target 1' },
  'target:T2': { vi: 'Tóm tắt Mục tiêu 2', en: 'Summary of target 2' },
  'target:T3': { vi: 'Tóm tắt Mục tiêu 3', en: 'Summary of target 3' },
  'target:T4': { vi: 'Tóm tắt Mục tiêu 4', en: 'Summary of target 4' },
  'target:T5': { vi: 'Tóm tắt Mục tiêu 5', en: 'Summary of target 5' },
  'target:T6': { vi: 'Tóm tắt Mục tiêu 6', en: 'Summary of target 6' },
  conclusions: { vi: 'Kết luận và kiến nghị', en: 'Conclusions and proposals' },
};

// ---------------------------------------------------------------- generated summary paragraphs

const joinWords = (xs: string[], lang: Lang) =>
  xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} ${lang === 'vi' ? 'và' : 'and'} ${xs.at(-1)}`;

function statusTally(d: Consolidated): Record<IndicatorStatus, string[]> {
  const out: Record<IndicatorStatus, string[]> = { on_track: [], at_risk: [], off_track: [], no_data: [] };
  for (const i of d.indicators) out[i.status].push(i.def.id);
  return out;
}

function lastCell(d: Consolidated, id: IndicatorId): { fp: FigurePeriod; cell: FigureCell } | null {
  const fp = d.figurePeriods.at(-1);
  const cell = fp?.cells.find((c) => c.indicator === id);
  return fp && cell ? { fp, cell } : null;
}

/** The generated paragraphs, from the figures, completeness, plans and narratives. */
export function generatedSummary(d: Consolidated, lang: Lang): Record<C.SummarySectionId, string> {
  const vi = lang === 'vi';
  const period = d.period.label[lang];
  const st = statusTally(d);
  const comp = sumCounts(d.completeness.map((c) => c.totals));
  const closed = d.figurePeriods.filter((f) => f.close).map((f) => f.label[lang]);
  const open = d.figurePeriods.filter((f) => !f.close).map((f) => f.label[lang]);
  const plan = d.plans
    ? d.plans.reduce((a, x) => ({ planned: a.planned + x.total.planned.total, spent: a.spent + x.total.spent.total }), {
        planned: 0,
        spent: 0,
      })
    : null;
  const revised = d.figurePeriods.flatMap((f) => f.cells.filter((c) => c.live).map((c) => `${c.indicator} (${f.label[lang]})`));

  const overall = [
    vi
      ? `${period}: trong ${d.indicators.length} chỉ tiêu có nguồn dữ liệu, ${st.on_track.length} chỉ tiêu đúng tiến độ, ${st.at_risk.length} có nguy cơ, ${st.off_track.length} chậm tiến độ${st.no_data.length ? `, ${st.no_data.length} chưa có số liệu` : ''}.`
      : `${period}: of the ${d.indicators.length} indicators with a data source, ${st.on_track.length} are on track, ${st.at_risk.length} at risk, ${st.off_track.length} off track${st.no_data.length ? `, ${st.no_data.length} without data` : ''}.`,
    closed.length
      ? vi
        ? `Số liệu ${joinWords(closed, lang)} là số liệu chính thức (đã khoá sổ).`
        : `The figures of ${joinWords(closed, lang)} are official (closed).`
      : '',
    open.length
      ? vi
        ? `Số liệu ${joinWords(open, lang)} là số liệu tạm tính (kỳ chưa khoá sổ).`
        : `The figures of ${joinWords(open, lang)} are provisional (not closed).`
      : '',
    vi
      ? `Về báo cáo định kỳ: ${comp.submitted}/${comp.expected} cơ quan, tổ chức đã nộp báo cáo (${comp.onTime} đúng hạn, ${comp.late} muộn), ${comp.missing} chưa nộp.`
      : `Periodic reports: ${comp.submitted} of ${comp.expected} organisations reported (${comp.onTime} on time, ${comp.late} late), ${comp.missing} missing.`,
    plan
      ? vi
        ? `Kinh phí: đã chi ${money(plan.spent, lang)} đồng trên ${money(plan.planned, lang)} đồng theo kế hoạch (${pctOf(plan.spent, plan.planned, lang)}).`
        : `Budget: ${money(plan.spent, lang)} VND spent of ${money(plan.planned, lang)} VND planned (${pctOf(plan.spent, plan.planned, lang)}).`
      : '',
  ]
    .filter(Boolean)
    .join(' ');

  const out = { overall } as Record<C.SummarySectionId, string>;
  for (const g of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const) {
    const lines = d.indicators
      .filter((i) => i.def.group === g)
      .map((i) => {
        const c = lastCell(d, i.def.id);
        const value = c ? fmtTally(c.cell.shown, i.def.unit, lang) : vi ? 'chưa có số liệu' : 'no figure';
        const kind = c ? (c.fp.close ? (vi ? 'chính thức' : 'official') : vi ? 'tạm tính' : 'provisional') : '';
        const exp =
          i.expected === null
            ? ''
            : vi
              ? `, kỳ vọng ${formatFigure(i.expected, i.def.unit, lang)}`
              : `, expected ${formatFigure(i.expected, i.def.unit, lang)}`;
        return `${i.def.id} (${i.def.name[lang]}): ${value}${kind ? ` (${kind})` : ''}${exp} – ${STATUS_WORDS[i.status][lang].toLocaleLowerCase(lang)}`;
      });
    const orgs = new Set(d.narratives.filter((n) => n.groups.includes(g)).map((n) => n.organisationId)).size;
    out[`target:${g}`] = lines.length
      ? `${lines.join('; ')}. ${vi ? `${orgs} cơ quan, tổ chức có báo cáo về mục tiêu này.` : `${orgs} organisations reported on this target.`}`
      : vi
        ? 'Mục tiêu này chưa có nguồn dữ liệu.'
        : 'This target has no data source yet.';
  }
  const behind = [...st.off_track, ...st.at_risk];
  out.conclusions = [
    behind.length
      ? vi
        ? `Cần tập trung chỉ đạo các chỉ tiêu chậm tiến độ hoặc có nguy cơ: ${behind.join(', ')}.`
        : `The indicators off track or at risk need attention: ${behind.join(', ')}.`
      : vi
        ? 'Các chỉ tiêu có số liệu đều đúng tiến độ.'
        : 'Every indicator with figures is on track.',
    comp.missing
      ? vi
        ? `Đề nghị ${comp.missing} cơ quan, tổ chức chưa nộp báo cáo hoàn thành báo cáo.`
        : `The ${comp.missing} organisations that have not reported are asked to do so.`
      : '',
    revised.length
      ? vi
        ? `Số liệu đã thay đổi sau khoá sổ: ${revised.join(', ')}; cân nhắc công bố số liệu chính thức điều chỉnh.`
        : `Figures revised since their close: ${revised.join(', ')}; consider publishing a revised official figure.`
      : '',
    (() => {
      const n = new Set(d.narratives.filter((x) => x.section === 'proposals').map((x) => x.organisationId)).size;
      return n ? (vi ? `${n} cơ quan, tổ chức có đề xuất, kiến nghị (mục II).` : `${n} organisations made proposals (part II).`) : '';
    })(),
  ]
    .filter(Boolean)
    .join(' ');
  return out;
}

// ---------------------------------------------------------------- the office's edits

async function editsOf(db: Db, periodId: number, lang: Lang) {
  const r = await db
    .select()
    .from(cycleSummaryEdits)
    .where(and(eq(cycleSummaryEdits.periodId, periodId), eq(cycleSummaryEdits.lang, lang)));
  return new Map(r.map((e) => [e.section, e]));
}

/** The summary paragraphs as printed: the office's edits over the generated ones. */
export async function summarySections(db: Db, d: Consolidated, lang: Lang): Promise<C.SummarySection[]> {
  const gen = generatedSummary(d, lang);
  const edits = await editsOf(db, d.period.id, lang);
  return C.SUMMARY_SECTIONS.map((section) => {
    const e = edits.get(section);
    return {
      section,
      title: SUMMARY_TITLES[section],
      generated: gen[section],
      edited: e?.text ?? null,
      editedAt: iso(e?.updatedAt ?? null),
      editedByName: e?.updatedByName ?? null,
      text: e?.text ?? gen[section],
    };
  });
}

export async function getSummary(db: Db, actor: Actor, periodId: number, raw: unknown): Promise<C.ConsolidatedSummary> {
  assertReportReader(actor);
  const { lang } = parseInput(C.SummaryQuery, raw);
  const d = await consolidatedData(db, actor, periodId);
  return { period: d.period, lang, sections: await summarySections(db, d, lang), canEdit: isOffice(actor) };
}

/** The report as Word or Excel, for the caller (the office or a national reader), with the office's edits in place. */
export async function consolidatedFile(
  db: Db,
  actor: Actor,
  periodId: number,
  raw: unknown,
  format: 'docx' | 'xlsx',
): Promise<{ filename: string; bytes: Buffer }> {
  assertReportReader(actor);
  const { lang } = parseInput(C.SummaryQuery, raw);
  const d = await consolidatedData(db, actor, periodId);
  const sections = await summarySections(db, d, lang);
  const bytes =
    format === 'docx'
      ? await buildConsolidatedWord(d, new Map(sections.map((s) => [s.section, s.text])), lang)
      : await buildConsolidatedExcel(d, sections, lang);
  const name =
    lang === 'vi'
      ? format === 'docx'
        ? 'bao-cao-tong-hop'
        : 'phu-luc-bao-cao-tong-hop'
      : format === 'docx'
        ? 'consolidated-report'
        : 'consolidated-report-annex';
  return { filename: `${name}-${d.period.key}.${format}`, bytes };
}

/** Saves the office's edits of some paragraphs (null: back to the generated text), audited, per period and language. */
export async function saveSummary(db: Db, actor: Actor, periodId: number, raw: unknown): Promise<C.ConsolidatedSummary> {
  assertEditor(actor);
  const input = parseInput(C.SummaryEditInput, raw);
  await reportPeriod(db, periodId);
  const seen = new Set<string>();
  const twice = input.sections.map((s, i) => (seen.has(s.section) ? i : (seen.add(s.section), -1))).filter((i) => i >= 0);
  if (twice.length)
    throw new AppError(
      'validation_failed',
      'A paragraph is given twice',
      twice.map((i) => ({ field: `sections.${i}.section`, message: 'given twice' })),
    );
  const [u] = actor.userId === null ? [] : await db.select({ n: users.displayName }).from(users).where(eq(users.id, actor.userId));
  const name = u?.n ?? actor.name;
  await db.transaction(async (tx) => {
    const before = await editsOf(tx, periodId, input.lang);
    for (const s of input.sections) {
      const old = before.get(s.section)?.text ?? null;
      if (old === s.text) continue;
      if (s.text === null) {
        await tx
          .delete(cycleSummaryEdits)
          .where(
            and(eq(cycleSummaryEdits.periodId, periodId), eq(cycleSummaryEdits.lang, input.lang), eq(cycleSummaryEdits.section, s.section)),
          );
      } else {
        await tx
          .insert(cycleSummaryEdits)
          .values({
            periodId,
            lang: input.lang,
            section: s.section,
            text: s.text,
            updatedBy: actor.userId,
            updatedByName: name,
            updatedAt: new Date(),
          })
          .onConflictDoUpdate({
            target: [cycleSummaryEdits.periodId, cycleSummaryEdits.lang, cycleSummaryEdits.section],
            set: { text: s.text, updatedBy: actor.userId, updatedByName: name, updatedAt: new Date() },
          });
      }
      await recordAudit(
        tx,
        actor,
        s.text === null ? 'reset' : 'edit',
        'cycle_summary',
        periodId,
        { lang: input.lang, section: s.section, text: old },
        { lang: input.lang, section: s.section, text: s.text },
      );
    }
  });
  return getSummary(db, actor, periodId, { lang: input.lang });
}
