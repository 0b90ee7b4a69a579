/**
 * The public progress page (/tien-do, /en/progress): one block per target T1–T6 with the value against the 2028
 * target and the trajectory, the status in words and a shape, a trend chart (inline SVG drawn here, followed by its
 * data table) and the method note; then a province map (provinceMapSvg.ts) with its table. Static HTML, no client
 * script, no style attribute: the GET form does the filtering and every province links to the filtered page.
 */
import type { DashboardResult, FigureRow, IndicatorDefinition, IndicatorFigure, IndicatorId } from '../../shared/contracts/indicators.js';
import { Layout, type PageContext } from './portal.views.js';
import { formatDay, formatFigure, formatRatio, mapValue, periodLabel, PROGRESS, STATUS_ICON, STATUS_TEXT } from './progress.text.js';
import { vnToday } from '../kernel/format.js';
import { renderProvinceMapSvg } from './provinceMapSvg.js';
import type { Lang } from './programme.js';
import { expectedText, figureText, summariseStatuses, summaryLine } from './progress.summary.js';

export type MapVersion = '34' | '63';

export interface ProgressFilter {
  year: number;
  /** 1–4, or null for the whole year. */
  quarter: number | null;
  map: MapVersion;
  province: string | null;
  /** The indicator the map is coloured by. */
  indicator: IndicatorId;
}

/** A filter value that could not be used (the page falls back to the default and says so). */
export interface FilterProblem {
  field: 'period' | 'map' | 'province' | 'indicator';
  value: string;
  used?: string;
}
/** A value that was understood differently (a 63-unit province on the 34-unit map). */
export interface FilterInfo {
  code: string;
  from: { vi: string; en: string };
  to: { vi: string; en: string };
}

export interface ProgressView {
  filter: ProgressFilter;
  /** Whether the query asked for anything (such pages are not indexed). */
  explicit: boolean;
  years: number[];
  quarters: number[];
  /** Year shown when a default is needed (the latest the form offers). */
  lastYear: number;
  provinces: { code: string; name: { vi: string; en: string } }[];
  dashboard: DashboardResult;
  /** The figures the map is drawn from: the whole country, even when the page is filtered to a province. */
  mapFigure: IndicatorFigure | null;
  mapIndicators: IndicatorDefinition[];
  problems: FilterProblem[];
  infos: FilterInfo[];
  /** A closed period: when it was closed, its version, and the current (live) figure of each target whose records
   *  differ from the official one's. */
  official: {
    closedAt: string;
    version: number;
    live: Map<IndicatorId, { numerator: number; denominator: number | null; value: number | null }>;
  } | null;
}

export const periodId = (f: Pick<ProgressFilter, 'year' | 'quarter'>) => (f.quarter ? `${f.year}-Q${f.quarter}` : String(f.year));

/** The page's URL for a filter; values equal to the defaults are left out, so links and the form agree. */
export function progressHref(
  lang: Lang,
  f: ProgressFilter,
  defaults: { year: number; indicator: IndicatorId },
  over: Partial<ProgressFilter> = {},
): string {
  const x = { ...f, ...over };
  const p = new URLSearchParams();
  if (x.year !== defaults.year || x.quarter) p.set('year', String(x.year));
  if (x.quarter) p.set('quarter', String(x.quarter));
  if (x.map !== '34') p.set('map', x.map);
  if (x.province) p.set('province', x.province);
  if (x.indicator !== defaults.indicator) p.set('indicator', x.indicator);
  const s = p.toString();
  return PROGRESS[lang].base + (s ? `?${s}` : '');
}

const GROUPS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;

export function Status({ status, lang }: { status: keyof typeof STATUS_TEXT; lang: Lang }) {
  return (
    <span className={`status status-${status.replace('_', '-')}`}>
      <span className="status-icon" aria-hidden="true">
        {STATUS_ICON[status]}
      </span>{' '}
      {STATUS_TEXT[status][lang]}
    </span>
  );
}

/** 1, 2 or 5 × 10^k, the smallest such number ≥ x (at least 1), so that half of it is whole too (from 2 up). */
function niceMax(x: number): number {
  if (!(x > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x - 1e-9) return m * p;
  return 10 * p;
}

/** The trajectory's value for the year a period ends in; count targets are national, so none for a filtered count. */
function expectedOf(def: IndicatorDefinition, period: string, filtered: boolean): number | null {
  if (def.unit === 'count' && filtered) return null;
  const year = Math.min(2028, Math.max(2023, Number(period.slice(0, 4))));
  return def.trajectory.find((t) => t.year === year)?.value ?? null;
}

/** Short tick labels: "2025", or "Q1" over "2026". */
function tickLines(period: string): [string, string?] {
  const m = /^(\d{4})-(Q[1-4]|H[12]|\d{2})$/.exec(period);
  return m ? [m[2]!, m[1]!] : [period];
}

function TrendChart({ def, fig, lang, filtered }: { def: IndicatorDefinition; fig: IndicatorFigure; lang: Lang; filtered: boolean }) {
  const t = PROGRESS[lang];
  const id = `trend-${def.id.toLowerCase()}`;
  const points = fig.trend.map((p) => ({
    period: p.period,
    value: p.value,
    shown: mapValue(p.value, def.unit),
    expected: expectedOf(def, p.period, filtered),
  }));
  const W = 380,
    H = 200,
    L = 52,
    R = 10,
    T = 22,
    B = 44;
  const plotW = W - L - R,
    plotH = H - T - B;
  const peak = Math.max(0, ...points.map((p) => p.shown ?? 0), ...points.map((p) => mapValue(p.expected, def.unit) ?? 0));
  const max = def.unit === 'percent' ? 100 : niceMax(peak);
  const r1 = (n: number) => Math.round(n * 10) / 10;
  const y = (v: number) => r1(T + plotH - (Math.min(v, max) / max) * plotH);
  const ticks = def.unit === 'percent' ? [0, 25, 50, 75, 100] : max < 2 ? [0, max] : [0, max / 2, max];
  const band = plotW / Math.max(1, points.length);
  const barW = Math.round(Math.min(44, band * 0.6));
  const series = points.map((p) => `${periodLabel(p.period, lang)}: ${formatFigure(p.value, def.unit, lang)}`).join('; ');
  const hasExpected = points.some((p) => p.expected !== null);
  return (
    <div className="trend">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        className="trend-chart"
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
      >
        <title id={`${id}-t`}>{t.trendTitle(`${def.id} — ${def.name[lang]}`)}</title>
        <desc id={`${id}-d`}>{t.trendDesc(series)}</desc>
        <g fontSize="12" fill="#3d3d3d">
          {ticks.map((v) => (
            <g key={v}>
              <line x1={L} x2={W - R} y1={y(v)} y2={y(v)} stroke={v === 0 ? '#6b6b6b' : '#d4d4d4'} strokeWidth="1" />
              <text x={L - 6} y={y(v) + 4} textAnchor="end">
                {formatFigure(def.unit === 'percent' ? v / 100 : v, def.unit, lang)}
              </text>
            </g>
          ))}
        </g>
        <g>
          {points.map((p, i) => {
            const cx = r1(L + band * i + band / 2);
            const [a, b] = tickLines(p.period);
            const ex = mapValue(p.expected, def.unit);
            return (
              <g key={p.period}>
                {p.shown === null ? (
                  <text x={cx} y={T + plotH - 6} textAnchor="middle" fontSize="12" fill="#3d3d3d">
                    –
                  </text>
                ) : (
                  <>
                    <rect
                      x={cx - barW / 2}
                      y={y(p.shown)}
                      width={barW}
                      height={Math.max(p.shown > 0 ? 1 : 0, T + plotH - y(p.shown))}
                      fill="#2f72ad"
                    />
                    <text x={cx} y={Math.max(12, y(p.shown) - 5)} textAnchor="middle" fontSize="11" fill="#1b1b1b">
                      {formatFigure(p.value, def.unit, lang)}
                    </text>
                  </>
                )}
                {ex !== null ? (
                  <line
                    x1={cx - barW / 2 - 4}
                    x2={cx + barW / 2 + 4}
                    y1={y(ex)}
                    y2={y(ex)}
                    stroke="#9b1c1c"
                    strokeWidth="3"
                    strokeDasharray="5 3"
                  />
                ) : null}
                <text x={cx} y={H - B + 18} textAnchor="middle" fontSize="12" fill="#3d3d3d">
                  <tspan x={cx}>{a}</tspan>
                  {b ? (
                    <tspan x={cx} dy="14">
                      {b}
                    </tspan>
                  ) : null}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
      <table className="data trend-data">
        <caption>{t.trendCaption(def.id)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.period}</th>
            <th scope="col">{t.value}</th>
            {hasExpected ? <th scope="col">{t.expectedShort}</th> : null}
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.period}>
              <th scope="row">{periodLabel(p.period, lang)}</th>
              <td>{formatFigure(p.value, def.unit, lang)}</td>
              {hasExpected ? <td>{p.expected === null ? t.expectedNone : expectedText(p.expected, def.unit, lang)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function IndicatorBlock({
  def,
  fig,
  lang,
  filtered,
  official,
  live,
}: {
  def: IndicatorDefinition;
  fig: IndicatorFigure | undefined;
  lang: Lang;
  filtered: boolean;
  official: boolean;
  live?: { numerator: number; denominator: number | null; value: number | null } | undefined;
}) {
  const t = PROGRESS[lang];
  const hid = `ind-${def.id.toLowerCase()}`;
  const year = fig ? Math.min(2028, Math.max(2023, Number(fig.period.lastDay.slice(0, 4)))) : 0;
  return (
    <article className={fig ? 'indicator' : 'indicator no-source'} id={def.id.toLowerCase()} aria-labelledby={hid}>
      <h3 id={hid}>
        <span className="ind-id">{def.id}</span> {def.name[lang]}
      </h3>
      <dl className="facts">
        <dt>{t.decisionTarget}</dt>
        <dd>{def.definition[lang]}</dd>
        <dt>{t.target2028}</dt>
        <dd className="target-figure">{def.targetLabel[lang]}</dd>
        {fig ? (
          <>
            <dt>{official ? t.official : t.current}</dt>
            <dd>
              <strong className="figure-value">
                {filtered ? formatFigure(fig.value, def.unit, lang) : figureText(fig.value, def, lang)}
              </strong>
            </dd>
            {live ? (
              <>
                <dt>{t.revised}</dt>
                <dd className="figure-revised">
                  {formatFigure(live.value, def.unit, lang)}
                  {def.unit === 'percent' ? ` (${formatRatio(live.numerator, live.denominator, lang)})` : ''}
                </dd>
              </>
            ) : null}
            {def.unit === 'percent' ? (
              <>
                <dt>{t.ratio}</dt>
                <dd>{formatRatio(fig.numerator, fig.denominator, lang)}</dd>
                {def.pendingLabel && fig.pending !== undefined ? (
                  <>
                    <dt>{def.pendingLabel[lang].replace(/^./, (x) => x.toUpperCase())}</dt>
                    <dd className="figure-pending">{formatRatio(fig.pending, fig.denominator, lang)}</dd>
                  </>
                ) : null}
              </>
            ) : null}
            <dt>{t.expected(year)}</dt>
            <dd>
              {fig.expected === null ? t.expectedNone : expectedText(fig.expected, def.unit, lang)}
              {fig.expected === null && def.unit === 'count' && filtered ? <> ({t.expectedNational})</> : null}
            </dd>
            <dt>{t.countedOver}</dt>
            <dd>
              {def.cumulative
                ? t.cumulative(formatDay(fig.span.firstDay, lang), formatDay(fig.span.lastDay, lang))
                : t.span(formatDay(fig.span.firstDay, lang), formatDay(fig.span.lastDay, lang))}
            </dd>
            <dt>{t.status}</dt>
            <dd>
              <Status status={fig.status} lang={lang} />
            </dd>
          </>
        ) : (
          <>
            <dt>{t.status}</dt>
            <dd>
              <Status status="no_source" lang={lang} />
            </dd>
          </>
        )}
      </dl>
      {fig ? <TrendChart def={def} fig={fig} lang={lang} filtered={filtered} /> : <p className="note no-source-text">{t.noSourceText}</p>}
      <details className="method">
        <summary>{t.method}</summary>
        <p>{def.methodNote[lang]}</p>
      </details>
    </article>
  );
}

function FilterForm({ view, lang }: { view: ProgressView; lang: Lang }) {
  const t = PROGRESS[lang];
  const f = view.filter;
  return (
    <form className="progress-filters" method="get" action={t.base} aria-labelledby="filters-h">
      <h2 id="filters-h">{t.filters}</h2>
      <div className="fields">
        <div className="field">
          <label htmlFor="f-year">{t.year}</label>
          <select id="f-year" name="year" defaultValue={String(f.year)}>
            {view.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-quarter">{t.quarter}</label>
          <select id="f-quarter" name="quarter" defaultValue={f.quarter ? String(f.quarter) : ''} aria-describedby="f-quarter-hint">
            <option value="">{t.wholeYear}</option>
            {view.quarters.map((q) => (
              <option key={q} value={q}>
                {t.quarterN(q)}
              </option>
            ))}
          </select>
          <p id="f-quarter-hint" className="hint">
            {t.quarterHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor="f-map">{t.map}</label>
          <select id="f-map" name="map" defaultValue={f.map}>
            {(['34', '63'] as const).map((m) => (
              <option key={m} value={m}>
                {t.mapOption[m]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-province">{t.province}</label>
          <select id="f-province" name="province" defaultValue={f.province ?? ''}>
            <option value="">{t.wholeCountry}</option>
            {view.provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name[lang]}
              </option>
            ))}
          </select>
        </div>
        {view.mapIndicators.length ? (
          <div className="field">
            <label htmlFor="f-indicator">{t.mapIndicator}</label>
            <select id="f-indicator" name="indicator" defaultValue={f.indicator}>
              {view.mapIndicators.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.id} — {d.name[lang]}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <p className="actions">
        <button type="submit">{t.apply}</button>
        {view.explicit ? <a href={t.base}>{t.reset}</a> : null}
      </p>
    </form>
  );
}

function ProvinceMap({
  view,
  lang,
  defaults,
  period,
}: {
  view: ProgressView;
  lang: Lang;
  defaults: { year: number; indicator: IndicatorId };
  period: string;
}) {
  const t = PROGRESS[lang];
  const def = view.mapIndicators.find((d) => d.id === view.filter.indicator);
  const rows: FigureRow[] = view.mapFigure?.breakdowns.province ?? [];
  if (!def || !view.mapFigure || !rows.length) {
    return (
      <section aria-labelledby="map-h" className="map-section">
        <h2 id="map-h">{t.mapHeading}</h2>
        <p className="notice">{t.mapNone}</p>
      </section>
    );
  }
  const f = view.filter;
  const href = (code: string) => progressHref(lang, f, defaults, { province: code });
  const values = new Map<string, { value: number | null; text: string; href?: string }>();
  for (const r of rows) {
    if (r.key === '_none') continue;
    const ratio = def.unit === 'percent' ? ` (${formatRatio(r.numerator, r.denominator, lang)})` : '';
    values.set(r.key, { value: mapValue(r.value, def.unit), text: formatFigure(r.value, def.unit, lang) + ratio, href: href(r.key) });
  }
  const svg = renderProvinceMapSvg({
    map: f.map,
    values,
    unit: def.unit,
    lang,
    width: 560,
    externalShapes: true,
    title: t.mapTitle(`${def.id} — ${def.name[lang]}`, period, f.map),
  });
  const attributed = rows.some((r) => r.attributed);
  return (
    <section aria-labelledby="map-h" className="map-section">
      <h2 id="map-h">
        {t.mapHeading}: {def.id} — {def.name[lang]}
      </h2>
      <p>{t.mapLead}</p>
      {/* The SVG is generated on the server by renderProvinceMapSvg from the reference geometry and values formatted
          here; every text and attribute in it is escaped there. It is the only markup on this page inserted as HTML. */}
      <div className="map-layout">
        <div className="map-figure" dangerouslySetInnerHTML={{ __html: svg }} />
        <table className="data province-table">
          <caption>{t.mapCaption(def.id, period)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.province}</th>
              <th scope="col">{t.value}</th>
              {def.unit === 'percent' ? <th scope="col">{t.ratio}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const selected = r.key === f.province;
              return (
                <tr key={r.key} className={selected ? 'selected' : undefined}>
                  <th scope="row">
                    {r.key === '_none' ? (
                      r.label[lang]
                    ) : (
                      <a href={href(r.key)} aria-current={selected ? 'true' : undefined}>
                        {r.label[lang]}
                      </a>
                    )}
                    {r.attributed ? (
                      <>
                        {' '}
                        <abbr title={t.attributedMark}>*</abbr>
                      </>
                    ) : null}
                    {selected ? (
                      <>
                        {' '}
                        <span className="tag">({t.selected})</span>
                      </>
                    ) : null}
                  </th>
                  <td>{formatFigure(r.value, def.unit, lang)}</td>
                  {def.unit === 'percent' ? <td>{formatRatio(r.numerator, r.denominator, lang)}</td> : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {attributed ? <p className="note">* {t.attributed}</p> : null}
    </section>
  );
}

/** Every target in one table, before the cards: its value, its 2028 target and its status; the id links to its card. */
function SummaryTable({ d, lang, filtered }: { d: DashboardResult; lang: Lang; filtered: boolean }) {
  const t = PROGRESS[lang];
  const figures = new Map(d.figures.map((x) => [x.id, x]));
  return (
    <section aria-labelledby="summary-h" className="progress-summary">
      <h2 id="summary-h">{t.summaryHeading}</h2>
      <p className="summary-line" data-testid="status-summary">
        {summaryLine(summariseStatuses(d), lang)}
      </p>
      <div className="table-scroll">
        <table className="data summary-table">
          <caption>{t.summaryCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.summaryTarget}</th>
              <th scope="col">{t.value}</th>
              <th scope="col">{t.target2028}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {d.indicators.map((def) => {
              const fig = figures.get(def.id);
              return (
                <tr key={def.id}>
                  <th scope="row">
                    <a href={`#${def.id.toLowerCase()}`}>
                      <span className="ind-id">{def.id}</span> {def.name[lang]}
                    </a>
                  </th>
                  <td className="summary-value">
                    {fig ? (filtered ? formatFigure(fig.value, def.unit, lang) : figureText(fig.value, def, lang)) : '—'}
                  </td>
                  <td>{def.targetLabel[lang]}</td>
                  <td>
                    <Status status={fig ? fig.status : 'no_source'} lang={lang} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ProgressPage({
  ctx,
  view,
  defaults,
}: {
  ctx: PageContext;
  view: ProgressView;
  defaults: { year: number; indicator: IndicatorId };
}) {
  const { lang } = ctx;
  const t = PROGRESS[lang];
  const f = view.filter;
  const d = view.dashboard;
  const period = periodLabel(d.scope.period.id, lang);
  const provinceName = f.province ? (view.provinces.find((p) => p.code === f.province)?.name[lang] ?? f.province) : null;
  const title = [view.problems.length ? `${t.errorTitle}: ${t.title}` : t.title, period, provinceName].filter(Boolean).join(' — ');
  const filtered = Boolean(f.province);
  const figures = new Map(d.figures.map((x) => [x.id, x]));
  const messages = view.problems.map((p) => {
    if (p.field === 'period') return t.badPeriod(p.value, view.lastYear);
    if (p.field === 'map') return t.badMap(p.value);
    if (p.field === 'province') return t.badProvince(p.value, f.map);
    return t.badIndicator(p.value, p.used ?? '');
  });
  return (
    <Layout ctx={ctx} title={title} current="progress">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>

      {messages.length ? (
        <div className="notice filter-errors" aria-labelledby="errors-h">
          <h2 id="errors-h">{t.errorHeading}</h2>
          <ul>
            {messages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
          <p>{t.errorTail}</p>
        </div>
      ) : null}
      {view.infos.map((i) => (
        <p key={i.code} className="notice info">
          {t.converted(i.code, i.from[lang], i.to[lang])}
        </p>
      ))}
      {view.official ? (
        <p className="notice info official-notice">
          {t.officialNotice(period, formatDay(vnToday(new Date(view.official.closedAt)), lang), view.official.version)}
        </p>
      ) : null}

      <p className="scope">
        <strong>{t.scope}:</strong> {period} ({t.span(formatDay(d.scope.period.firstDay, lang), formatDay(d.scope.period.lastDay, lang))})
        {' · '}
        {provinceName ?? t.wholeCountry}
        {' · '}
        {t.mapScope(f.map)}
      </p>
      <SummaryTable d={d} lang={lang} filtered={filtered} />

      <FilterForm view={view} lang={lang} />
      <nav className="page-toc" aria-label={t.onThisPage}>
        <ul>
          <li>
            <a href="#summary-h">{t.summaryHeading}</a>
          </li>
          {GROUPS.map((g) => (
            <li key={g}>
              <a href={`#group-${g.toLowerCase()}`}>{t.targetGroup(g)}</a>
            </li>
          ))}
          <li>
            <a href="#map-h">{t.mapHeading}</a>
          </li>
        </ul>
      </nav>
      <details className="method status-rule">
        <summary>{t.statusRule}</summary>
        <p>{d.statusRule[lang]}</p>
      </details>

      {GROUPS.map((g) => {
        const defs = d.indicators.filter((x) => x.group === g);
        if (!defs.length) return null;
        return (
          <section key={g} className="target-group" aria-labelledby={`group-${g.toLowerCase()}`}>
            <h2 id={`group-${g.toLowerCase()}`}>
              {t.targetGroup(g)}: {t.groups[g]}
            </h2>
            {defs.map((def) => (
              <IndicatorBlock
                key={def.id}
                def={def}
                fig={figures.get(def.id)}
                lang={lang}
                filtered={filtered}
                official={Boolean(view.official)}
                live={view.official?.live.get(def.id)}
              />
            ))}
          </section>
        );
      })}

      <ProvinceMap view={view} lang={lang} defaults={defaults} period={period} />
    </Layout>
  );
}
