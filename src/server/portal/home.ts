/**
 * What the public home shows above the decision's text: where the programme stands this year (the statuses'
 * summary and the headline figures), and the latest news, fact-checks and online exhibitions. Read on each render
 * of the page; the page cache keys it on every table an indicator may read (portal.cache.ts).
 */
import type { DashboardResult } from '../../shared/contracts/indicators.js';
import type { Exhibition } from '../../shared/contracts/exhibitions.js';
import type { Rating } from '../../shared/contracts/factcheck.js';
import type { Db } from '../kernel/db.js';
import { listPublishedOnline } from '../modules/exhibitions/exhibitions.service.js';
import { listPublicFactChecks, listRatings, type PublicFactCheckRow } from '../modules/factcheck/factcheck.public.js';
import { getDashboard } from '../modules/indicators/indicators.service.js';
import { listNewsItems, type NewsItem } from '../modules/press/press.public.js';
import type { Lang } from './programme.js';
import { calendar } from './progress.routes.js';

/** How many of each kind of latest item the home lists. */
export const HOME_LATEST = 3;

export interface HomeOverview {
  dashboard: DashboardResult;
  news: NewsItem[];
  factChecks: PublicFactCheckRow[];
  ratings: Rating[];
  /** Absent when the portal serves no exhibition pages (no file store). */
  exhibitions: Exhibition[] | null;
}

export async function loadHomeOverview(db: Db, lang: Lang, opts: { exhibitions: boolean; now?: Date }): Promise<HomeOverview> {
  const year = calendar(opts.now ?? new Date()).lastYear;
  const [dashboard, news, fc, ratings, exhibitions] = await Promise.all([
    getDashboard(db, { period: String(year), map: '34' }),
    // One entry per release, in the reader's language where it has a translation.
    listNewsItems(db, { limit: HOME_LATEST, groupFor: lang === 'vi' ? 'vie' : 'eng' }, { count: false }),
    listPublicFactChecks(db, { page: 1 }, HOME_LATEST * 2),
    listRatings(db),
    opts.exhibitions ? listPublishedOnline(db) : Promise.resolve(null),
  ]);
  return {
    dashboard,
    news: news.items,
    // A withdrawn fact-check stays listed in its section with its notice, but is not news.
    factChecks: fc.rows.filter((r) => r.status !== 'withdrawn').slice(0, HOME_LATEST),
    ratings,
    exhibitions: exhibitions ? exhibitions.slice(0, HOME_LATEST) : null,
  };
}
