// Links into the product from outside it (the e-mails it sends): pages of the workspace (the SPA under /app) and of
// the public portal, made absolute with the server's base URL. Every page named here must exist — the workspace's
// router (src/web/app/routes.tsx) and the portal's routes; src/server/kernel/mail.links.test.ts renders every
// message kind and opens each of its links.

/** Where the workspace is served. */
export const WORKSPACE_BASE = '/app';

/** Workspace pages (paths inside the SPA, with the query its page reads). */
export const workspacePage = {
  /** A recommendation's page: its actions, progress reports and evidence. */
  recommendation: (id: number) => `/recommendations?id=${id}`,
  /** T1 compliance of a reporting period (who gave periodic information, who has not). */
  compliance: (periodId: string) => `/press/compliance?period=${encodeURIComponent(periodId)}`,
  /** A fact-check in the workspace: its draft, evidence, review and corrections. */
  claim: (id: number) => `/factcheck?tab=claims&claim=${id}`,
  /** The fact-checking desk's complaints (open ones first, by reply deadline), the one named highlighted. */
  complaint: (id: number) => `/factcheck/complaints?complaint=${id}`,
  /** One's notifications. */
  notifications: () => '/notifications',
  /** Which notifications one gets, where, and the daily digest. */
  notificationSettings: () => '/notifications/settings',
  /** A plan's page: its activities and budget, versions, the office's comments, spending. */
  plan: (id: number) => `/plans?id=${id}`,
  /** The plans of one year (the list, filtered), with that year's deadline. */
  plans: (year: number) => `/plans?year=${year}`,
  /** What the caller's organisations must report, with each report's state (a focal point starts its report there). */
  cycleDue: () => '/cycle?tab=due',
  /** A periodic report's page: figures, narrative, the comments of a return, submit / return / approve. */
  cycleReport: (id: number) => `/cycle/report?id=${id}`,
  /** Completeness of a period: who submitted, on time or late, and who is missing. */
  cycleCompleteness: (periodId: number) => `/cycle?tab=completeness&period=${periodId}`,
  /** The office's report calendar: periods, deadlines, close / re-open / revise. */
  cycleCalendar: () => '/cycle?tab=calendar',
  /** A closed period's official figures, with what was revised since. */
  cycleOfficial: (periodId: number) => `/cycle/official?period=${periodId}`,
} as const;

/** Public portal pages. */
export const portalPage = {
  factCheck: (lang: 'vi' | 'en', id: number) => (lang === 'en' ? `/en/fact-checks/${id}` : `/kiem-chung/${id}`),
} as const;

/** An absolute URL of a portal path. */
export const portalUrl = (baseUrl: string, path: string) => baseUrl.replace(/\/+$/, '') + path;
/** An absolute URL of a workspace page. */
export const workspaceUrl = (baseUrl: string, page: string) => portalUrl(baseUrl, WORKSPACE_BASE + page);
