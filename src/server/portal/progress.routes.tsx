/**
 * The progress page at /tien-do (vi) and /en/progress (en): figures of every target for a period (a year from 2023,
 * or a quarter of it), on the 34- or 63-unit map, nationally or for one province, read from the query string of a
 * plain GET form. A value that cannot be used never makes a 500: the page answers 400, says what was wrong, and
 * shows the figures with the default in its place. Registered by portalRoutes when it has a database.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import type { IndicatorId } from '../../shared/contracts/indicators.js';
import type { Db } from '../kernel/db.js';
import { AppError } from '../kernel/errors.js';
import { getDashboard, loadGeo, PROGRAMME_END_YEAR, PROGRAMME_START_YEAR } from '../modules/indicators/indicators.service.js';
import { officialPeriod } from '../modules/cycle/cycle.official.js';
import type { PageContext } from './portal.views.js';
import { PROGRESS } from './progress.text.js';
import {
  periodId,
  ProgressPage,
  progressHref,
  type FilterInfo,
  type FilterProblem,
  type MapVersion,
  type ProgressFilter,
  type ProgressView,
} from './progress.views.js';
import type { Lang } from './programme.js';

export interface ProgressDeps {
  db: Db;
  ctx: (lang: Lang, path: string, altPath: string, noindex?: boolean) => PageContext;
  sendPage: (reply: FastifyReply, status: number, page: ReactElement) => FastifyReply;
}

type Geo = Awaited<ReturnType<typeof loadGeo>>;

const VN_OFFSET_MS = 7 * 3600_000;

/** The years the form offers (newest first), the latest of them, and the quarters of a year that have begun. */
export function calendar(now: Date) {
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  const cur = { year: local.getUTCFullYear(), quarter: Math.floor(local.getUTCMonth() / 3) + 1 };
  const lastYear = Math.min(PROGRAMME_END_YEAR, Math.max(PROGRAMME_START_YEAR, cur.year));
  const years = Array.from({ length: lastYear - PROGRAMME_START_YEAR + 1 }, (_, i) => lastYear - i);
  const quartersOf = (y: number): number[] => {
    const n = y < cur.year ? 4 : y === cur.year ? cur.quarter : 0;
    return Array.from({ length: n }, (_, i) => i + 1);
  };
  return { lastYear, years, quartersOf };
}

/** One query value as text (the first of a repeated one), trimmed and cut short; undefined when absent or empty. */
function raw(v: unknown): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a query value is a string or a list; anything else is read as its text and then refused by the filter
  const s = (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : v === undefined || v === null ? '' : String(v))
    .trim()
    .slice(0, 40);
  return s === '' ? undefined : s;
}

export interface ParsedQuery {
  filter: Omit<ProgressFilter, 'indicator'>;
  indicator: string | undefined;
  explicit: boolean;
  problems: FilterProblem[];
  infos: FilterInfo[];
}

/**
 * Reads year (2023 … this year, at most 2028), quarter (1–4, begun), map (34 | 63), province (a code of that map;
 * a former unit's code on the 34-unit map is read as the province it became part of) and indicator. `period`
 * (2026 or 2026-Q1, as in the API) is accepted too. Every unusable value is reported and replaced by its default.
 */
export function parseProgressQuery(query: unknown, now: Date, geo: Geo): ParsedQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const cal = calendar(now);
  const problems: FilterProblem[] = [];
  const infos: FilterInfo[] = [];
  let yearRaw = raw(q.year);
  let quarterRaw = raw(q.quarter);
  const periodRaw = raw(q.period);
  if (!yearRaw && periodRaw) {
    const m = /^(\d{4})(?:-Q([1-4]))?$/i.exec(periodRaw);
    if (m) [yearRaw, quarterRaw] = [m[1], m[2] ?? quarterRaw];
    else problems.push({ field: 'period', value: periodRaw });
  }
  let year = cal.lastYear;
  let quarter: number | null = null;
  if (yearRaw) {
    if (/^\d{4}$/.test(yearRaw) && cal.years.includes(Number(yearRaw))) year = Number(yearRaw);
    else {
      problems.push({ field: 'period', value: yearRaw });
      quarterRaw = undefined; // a quarter of a year that is not shown means nothing
    }
  }
  if (quarterRaw) {
    const n = /^Q?[1-4]$/i.test(quarterRaw) ? Number(quarterRaw.slice(-1)) : NaN;
    if (cal.quartersOf(year).includes(n)) quarter = n;
    else problems.push({ field: 'period', value: /^\d{1,3}$/.test(quarterRaw) ? `${year}-Q${quarterRaw}` : quarterRaw });
  }

  const mapRaw = raw(q.map);
  let map: MapVersion = '34';
  if (mapRaw === '63' || mapRaw === '34') map = mapRaw;
  else if (mapRaw) problems.push({ field: 'map', value: mapRaw });

  const provinceRaw = raw(q.province);
  let province: string | null = null;
  if (provinceRaw) {
    if (geo.names[map].has(provinceRaw)) province = provinceRaw;
    else if (map === '34' && geo.to34.has(provinceRaw) && geo.names['63'].has(provinceRaw)) {
      province = geo.to34.get(provinceRaw)!;
      infos.push({
        code: provinceRaw,
        from: geo.names['63'].get(provinceRaw)!,
        to: geo.names['34'].get(province) ?? { vi: province, en: province },
      });
    } else problems.push({ field: 'province', value: provinceRaw });
  }

  const indicator = raw(q.indicator);
  const explicit = [yearRaw, quarterRaw, periodRaw, mapRaw, provinceRaw, indicator].some((v) => v !== undefined);
  return { filter: { year, quarter, map, province }, indicator, explicit, problems, infos };
}

const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

export function progressRoutes(app: FastifyInstance, deps: ProgressDeps) {
  const { db, ctx, sendPage } = deps;

  const page = (lang: Lang) => async (req: FastifyRequest, reply: FastifyReply) => {
    const now = new Date();
    const cal = calendar(now);
    const geo = await loadGeo(db);
    const parsed = parseProgressQuery(req.query, now, geo);
    const problems = [...parsed.problems];
    let f = parsed.filter;
    const scopeOf = (x: typeof f) => ({ period: periodId(x), map: x.map, ...(x.province ? { province: x.province } : {}) });

    // A closed period shows its official figures (closed periods' frozen facts), the current figure beside any whose
    // records have changed since.
    const { frozen, close: closed } = await officialPeriod(db, periodId(f));
    let dashboard;
    try {
      dashboard = await getDashboard(db, scopeOf(f), { frozen });
    } catch (e) {
      // The query was checked above; should the service still refuse it, say so and show the defaults.
      if (!(e instanceof AppError) || e.code !== 'validation_failed') throw e;
      const field = (e.details as { field?: string }[] | undefined)?.[0]?.field === 'province' ? 'province' : 'period';
      problems.push({ field, value: field === 'province' ? String(f.province) : periodId(f) });
      f = { year: cal.lastYear, quarter: null, map: '34', province: null };
      dashboard = await getDashboard(db, scopeOf(f), { frozen });
    }
    let official: ProgressView['official'] = null;
    if (closed && dashboard.scope.period.id === closed.key) {
      const live = await getDashboard(db, scopeOf(f));
      const differs = new Map(
        live.figures
          .filter((l) => {
            const o = dashboard.figures.find((x) => x.id === l.id);
            return o && (o.numerator !== l.numerator || o.denominator !== l.denominator);
          })
          .map((l) => [l.id, { numerator: l.numerator, denominator: l.denominator, value: l.value }]),
      );
      official = { closedAt: closed.closedAt, version: closed.version, live: differs };
    }

    const mapIndicators = dashboard.indicators.filter((d) => d.available && d.breakdowns.includes('province'));
    const defaultIndicator: IndicatorId = mapIndicators[0]?.id ?? 'T1';
    let indicator = defaultIndicator;
    if (parsed.indicator) {
      const hit = mapIndicators.find((d) => d.id.toLowerCase() === parsed.indicator!.toLowerCase());
      if (hit) indicator = hit.id;
      else problems.push({ field: 'indicator', value: parsed.indicator, used: defaultIndicator });
    }
    const filter: ProgressFilter = { ...f, indicator };

    // The map always shows the whole country; with a province chosen, the blocks above are that province's.
    let mapFigure = null;
    if (mapIndicators.length) {
      mapFigure = filter.province
        ? ((await getDashboard(db, { period: periodId(filter), map: filter.map }, { only: [indicator], frozen })).figures.find(
            (x) => x.id === indicator,
          ) ?? null)
        : (dashboard.figures.find((x) => x.id === indicator) ?? null);
    }

    const view: ProgressView = {
      filter,
      explicit: parsed.explicit,
      years: cal.years,
      quarters: cal.quartersOf(filter.year),
      lastYear: cal.lastYear,
      provinces: [...geo.names[filter.map]].map(([code, name]) => ({ code, name })),
      dashboard,
      mapFigure,
      mapIndicators,
      problems,
      infos: parsed.infos,
      official,
    };
    const defaults = { year: cal.lastYear, indicator: defaultIndicator };
    // Only the default view is canonical and indexed; the other language keeps the same filter.
    const noindex = parsed.explicit || problems.length > 0;
    const c = ctx(lang, PROGRESS[lang].base, noindex ? progressHref(other(lang), filter, defaults) : PROGRESS[other(lang)].base, noindex);
    return sendPage(reply, problems.length ? 400 : 200, <ProgressPage ctx={c} view={view} defaults={defaults} />);
  };

  app.get(PROGRESS.vi.base, page('vi'));
  app.get(PROGRESS.en.base, page('en'));
}
