// The table of contents: every module, in order. A later module adds one line here.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../kernel/config.js';
import type { Db } from '../kernel/db.js';
import type { IntervalJob } from '../kernel/jobs.js';
import { directoryRoutes } from './directory/directory.routes.js';
import { loadReferenceData } from './directory/directory.reference.js';
import { loadLanguages } from './library/library.reference.js';
import { oaiRoutes } from './library/library.oai.routes.js';
import { libraryRoutes } from './library/library.routes.js';
import { indicatorRoutes } from './indicators/indicators.routes.js';
import { refreshDirty } from './indicators/indicators.facts.js';
import './factSources.js';
import { exhibitionRoutes } from './exhibitions/exhibitions.routes.js';
import { pressRoutes } from './press/press.routes.js';
import { loadNamedReferences } from './recommendations/recommendations.demo.js';
import { recommendationRoutes } from './recommendations/recommendations.routes.js';
import { publishDueItems } from './press/press.service.js';
import { trainingRoutes } from './training/training.routes.js';
import { factcheckRoutes } from './factcheck/factcheck.routes.js';
import { pollDueFeeds } from './factcheck/factcheck.feeds.js';
import { judgeItemsWithoutWhy } from './factcheck/factcheck.items.js';
import { loadPressTopics } from './press/press.topics.js';
import { cycleRoutes } from './cycle/cycle.routes.js';
import { notificationRoutes } from './notifications/notifications.routes.js';
import { notificationJobs } from './notifications/notifications.mail.js';
import { planRoutes } from './plans/plans.routes.js';
import { calendarRoutes } from './calendar/calendar.routes.js';

export type ModuleContext = { db: Db; config: Config };
/** `reference` loads the facts a module ships (idempotent); it runs after migrations, before serving. */
export type RightsHubModule = {
  name: string;
  routes: (app: FastifyInstance, ctx: ModuleContext) => Promise<void>;
  reference?: (db: Db) => Promise<unknown>;
  /** Periodic jobs; a function when they depend on the configuration (e.g. only with SMTP). */
  jobs?: IntervalJob[] | ((config: Config) => IntervalJob[]);
};

export const moduleJobs = (config: Config): IntervalJob[] =>
  modules.flatMap((m) => (typeof m.jobs === 'function' ? m.jobs(config) : (m.jobs ?? [])));

export const modules: RightsHubModule[] = [
  { name: 'directory', routes: directoryRoutes, reference: loadReferenceData },
  {
    name: 'press',
    routes: pressRoutes,
    reference: loadPressTopics,
    jobs: [{ name: 'press.publish-scheduled', everyMs: 60_000, run: (db) => publishDueItems(db) }],
  },
  // Library (T4a, T4b, T5a): products and their files (libraryRoutes), OAI-PMH.
  {
    name: 'library',
    routes: async (app, ctx) => {
      await libraryRoutes(app, ctx);
      await oaiRoutes(app, ctx);
    },
    reference: loadLanguages,
  },
  { name: 'exhibitions', routes: exhibitionRoutes }, // T3: exhibitions, online exhibitions (IIIF), coverage of both maps
  // UN recommendations (T6): recommendations, implementers, actions, progress reports, status, evidence from every module.
  { name: 'recommendations', routes: recommendationRoutes, reference: loadNamedReferences },
  // Training (T2a–T2d): rosters, courses, sessions, attendance, coverage, imports with review, certificates.
  { name: 'training', routes: trainingRoutes },
  // Fact-checking (T5b, T5c): claims and fact-checks (two-person review), monitored items, duplicate groups, claim links,
  // feeds polled every minute for the ones due (each feed at its own interval).
  {
    name: 'factcheck',
    routes: factcheckRoutes,
    // Items judged before the rules kept their why (migration 0037): judged again once.
    reference: (db) => judgeItemsWithoutWhy(db),
    jobs: [{ name: 'factcheck.poll-feeds', everyMs: 60_000, firstRunMs: 15_000, run: (db) => pollDueFeeds(db) }],
  },
  // Plans and budgets: each organisation's yearly plan (activities, targets, audiences, budget by source), the office's
  // approval with versions, spending and plan vs actual (workspace and Excel).
  { name: 'plans', routes: planRoutes },
  // Computes every target from the other modules' records (their providers are listed in providers.ts).
  // Facts are brought up to date by every read that needs them (exact); this sweep does it soon after writes, so that a
  // reader seldom waits for a refresh (e.g. after an import of thousands of rows).
  {
    name: 'indicators',
    routes: indicatorRoutes,
    jobs: [{ name: 'indicators.sync-facts', everyMs: 5_000, firstRunMs: 3_000, run: refreshDirty }],
  },
  // The programme cycle: report calendar, agencies' periodic reports (draft → submitted → returned / approved → locked,
  // provincial coordinators first where the office turns them on), completeness, period close with official figures
  // and the date lock of closed periods (registered with kernel/dateLock at import).
  { name: 'cycle', routes: cycleRoutes },
  // Tells each person what concerns them (every module's source in notificationSources.ts): inbox, e-mail, digest.
  { name: 'notifications', routes: notificationRoutes, jobs: notificationJobs },
  // One calendar of every module's dated records (trainings, exhibitions, press conferences, deadlines) and its
  // iCalendar feeds: a private one per person, a public one of public events.
  { name: 'calendar', routes: calendarRoutes },
];

export async function loadAllReference(db: Db): Promise<void> {
  for (const m of modules) await m.reference?.(db);
}
