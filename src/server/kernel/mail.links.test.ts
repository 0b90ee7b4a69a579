// Every link in every message the product e-mails opens the right page. The messages are produced the way the
// product produces them — the notification job built from the configuration (every kind of every notification
// source, single messages and a digest), the complaint reply through its HTTP route —
// and delivered over SMTP to a local server; then each link is followed: a workspace link must name a page of the
// SPA's router (src/web/app/routes.tsx) that its recipients' roles may open, the data that page loads must answer
// for every recipient, and the server must serve the SPA at that URL; a portal link must answer 200 and show the
// record. A module that starts sending e-mail without being covered here fails the first test.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../test/factories.js';
import { startInbox, type Inbox, type Received } from '../../../test/smtp.js';
import { signIn, testApp, type Session } from '../../../test/test-db.js';
import { WEB_DIST } from '../app.js';
import { notificationJobs } from '../modules/notifications/notifications.mail.js';
import { notificationKinds, setPreferences } from '../modules/notifications/notifications.service.js';
import { updateReportingSettings } from '../modules/press/press.settings.js';
import * as REdit from '../modules/recommendations/recommendations.edit.js';
import * as RProgress from '../modules/recommendations/recommendations.progress.js';
import { submitComplaint } from '../modules/factcheck/factcheck.desk.js';
import { addEvidence, createClaim, transitionClaim, updateDraft } from '../modules/factcheck/factcheck.service.js';
import { updateUser } from '../modules/directory/users.service.js';
import { closePeriod, reopenPeriod } from '../modules/cycle/cycle.official.js';
import { createPeriod } from '../modules/cycle/cycle.periods.js';
import { createReport, returnReport, submitReport, updateReport } from '../modules/cycle/cycle.reports.js';
import { setPlanDeadline } from '../modules/plans/plans.deadlines.js';
import { createPlan, returnPlan, submitPlan } from '../modules/plans/plans.service.js';
import type { Actor } from './audit.js';
import { rows, type Db } from './db.js';
import { sql } from 'drizzle-orm';
import { vnDate } from './periods.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BASE = 'https://rightshub.example.vn';

/** The code that sends e-mail (imports kernel/mail.ts), and the message kinds of each that this test renders. */
const SENDERS: Record<string, string> = {
  'src/server/modules/notifications/notifications.mail.ts':
    'notifications of every source (modules/notificationSources.ts), one message per person and pass or a daily digest',
  'src/server/modules/factcheck/factcheck.desk.ts': 'the reply to a complaint',
  'src/server/modules/factcheck/factcheck.desk.routes.ts': '(wires the SMTP mailer into the complaint reply)',
  'src/server/modules/directory/users.service.ts': 'the notice that an address was blocked from signing in to the account',
  'src/server/modules/directory/directory.routes.ts': '(wires the SMTP mailer into sign-in)',
};

/** The workspace router's pages: path and the roles allowed (none listed: every signed-in user). */
function spaRoutes(): { path: string; roles: string[] | null }[] {
  const src = readFileSync(path.join(ROOT, 'src/web/app/routes.tsx'), 'utf8');
  const table = /const ROUTES: Route\[\] = \[([\s\S]*?)\n\];/.exec(src)![1]!;
  return table
    .split('\n')
    .filter((l) => l.includes('path:'))
    .map((l) => ({
      path: /path: '([^']+)'/.exec(l)![1]!,
      roles:
        /roles: \[([^\]]*)\]/
          .exec(l)?.[1]!
          .split(',')
          .map((r) => r.trim().replace(/'/g, '')) ?? null,
    }));
}

/** What a workspace page loads first (the data that makes it "the right page"), from its path and query. */
const PAGE_DATA: Record<string, (q: URLSearchParams) => string> = {
  '/recommendations': (q) => (q.get('id') ? `/api/recommendations/${q.get('id')}` : '/api/recommendations'),
  '/press/compliance': (q) => `/api/press/compliance?period=${encodeURIComponent(q.get('period') ?? '')}`,
  '/factcheck': (q) => (q.get('claim') ? `/api/factcheck/claims/${q.get('claim')}` : '/api/factcheck/claims'),
  '/factcheck/complaints': (q) => (q.get('complaint') ? `/api/factcheck/complaints/${q.get('complaint')}` : '/api/factcheck/complaints'),
  '/notifications': () => '/api/notifications',
  '/cycle': (q) =>
    q.get('tab') === 'completeness'
      ? `/api/cycle/periods/${q.get('period')}/completeness`
      : q.get('tab') === 'calendar'
        ? '/api/cycle/periods'
        : '/api/cycle/due',
  '/plans': (q) => (q.get('id') ? `/api/plans/${q.get('id')}` : `/api/plans?year=${q.get('year')}`),
  '/cycle/report': (q) => `/api/cycle/reports/${q.get('id')}`,
  '/cycle/official': (q) => `/api/cycle/periods/${q.get('period')}/official`,
  '/notifications/settings': () => '/api/notifications/preferences',
};

const linksOf = (m: Received) => (m.text.match(/https?:\/\/[^\s<>"]+/g) ?? []).map((l) => l.replace(/[.,;:)]+$/, ''));

let smtp: Inbox;
let app: FastifyInstance;
let db: Db;
const sessions = new Map<string, { session: Session; role: string }>(); // by e-mail address
let recId = 0,
  recLabel = '';
let claimId = 0,
  draftId = 0,
  dueComplaint = 0,
  t1OrgName = '',
  cycleReportId = 0,
  planId = 0;
const CLAIM = 'Nhận định thử về quyền được học tập của trẻ em';
const complaints: Record<'vi' | 'en' | 'none', number> = { vi: 0, en: 0, none: 0 };
const get = (url: string, s?: Session) => app.inject({ method: 'GET', url, headers: s?.headers ?? {} });

beforeAll(async () => {
  smtp = await startInbox();
  // Digests go out from midnight, so the reviewer's (below) goes out in this pass.
  const t = await testApp({
    BASE_URL: BASE,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    SMTP_FROM: 'rightshub@example.vn',
    FORM_SECRET: 'mail-links-test-secret-0123',
    LOGIN_MAX_PER_ACCOUNT: '3',
    NOTIFY_DIGEST_HOUR: '0',
  });
  app = t.app;
  db = t.db;
  const person = async (role: 'admin' | 'editor' | 'reviewer' | 'analyst', org: number | null, email?: string) => {
    const u = await makeUser(db, role, org);
    if (email) {
      await updateUser(db, seedActor, u.id, { email });
      sessions.set(email, { session: await signIn(app, u.username, TEST_PASSWORD), role });
    }
    return { ...u, actor: { userId: u.id, name: u.username, role, organisationId: org, via: 'api' } as Actor };
  };

  // A recommendation led by an agency, with an action due soon, one overdue and a progress report returned.
  const lead = await makeOrg(db, { nameVi: 'Bộ chủ trì thử', kind: 'ministry', isStateAdminAgency: true });
  const office = await person('admin', null, 'office@example.vn');
  await person('editor', lead.id, 'lead.editor@example.vn');
  const rec = await REdit.createRecommendation(db, office.actor, {
    mechanism: 'upr',
    cycle: 'UPR-IV',
    sourceDocument: 'A/HRC/TEST/14',
    paragraph: '14.1',
    recommendingStates: ['Freedonia'],
    textEn: 'Fictional test text.',
    position: 'supported',
    positionSource: 'test',
    themes: [],
    communication: true,
    targets: ['T6'],
  });
  recId = rec.id;
  recLabel = rec.label;
  await REdit.assignImplementers(db, office.actor, rec.id, { leadOrganisationId: lead.id, coImplementerIds: [] });
  const day = (d: number) => vnDate(new Date(Date.now() + d * 86_400_000));
  await RProgress.createAction(db, office.actor, rec.id, { organisationId: lead.id, title: 'Tập huấn (thử)', targetDate: day(3) });
  await RProgress.createAction(db, office.actor, rec.id, { organisationId: lead.id, title: 'Tờ gấp (thử)', targetDate: day(-5) });
  const report = await RProgress.submitReport(db, office.actor, rec.id, {
    organisationId: lead.id,
    period: '2026-H1',
    narrative: 'Báo cáo thử',
  });
  await RProgress.reviewReport(db, office.actor, report.id, { decision: 'return', comment: 'Thiếu số liệu' });

  // A published fact-check and complaints about it (in Vietnamese and English) and one about nothing in particular.
  const analyst = await person('analyst', null);
  const reviewer = await person('reviewer', null, 'reviewer@example.vn');
  const c = await createClaim(db, analyst.actor, { text: CLAIM });
  await transitionClaim(db, analyst.actor, c.id, { to: 'researching' });
  await addEvidence(db, analyst.actor, c.id, {
    url: 'https://example.org/src',
    title: 'Nguồn',
    snapshot: 'Văn bản căn cứ.',
    fetchedAt: '2026-01-02',
  });
  await updateDraft(db, analyst.actor, c.id, { ratingCode: 'false', rationaleVi: 'Căn cứ.' });
  await transitionClaim(db, analyst.actor, c.id, { to: 'drafted' });
  await transitionClaim(db, reviewer.actor, c.id, { to: 'approved' });
  await transitionClaim(db, reviewer.actor, c.id, { to: 'published' });
  claimId = c.id;
  for (const k of ['vi', 'en', 'none'] as const) {
    complaints[k] = (
      await submitComplaint(db, {
        text: 'Xin xem lại kết luận của bài kiểm chứng này.',
        claimId: k === 'none' ? null : claimId,
        email: `reader.${k}@mail.example`,
        consent: true,
        locale: k === 'en' ? 'en' : 'vi',
      })
    ).id;
  }

  // A draft awaiting a second person (the reviewer wrote none of it), a complaint due tomorrow.
  const d = await createClaim(db, analyst.actor, { text: 'Nhận định thử chờ duyệt' });
  await transitionClaim(db, analyst.actor, d.id, { to: 'researching' });
  await addEvidence(db, analyst.actor, d.id, {
    url: 'https://example.org/src2',
    title: 'Nguồn',
    snapshot: 'Văn bản căn cứ.',
    fetchedAt: '2026-01-02',
  });
  await updateDraft(db, analyst.actor, d.id, { ratingCode: 'false', rationaleVi: 'Căn cứ.' });
  await transitionClaim(db, analyst.actor, d.id, { to: 'drafted' });
  draftId = d.id;
  dueComplaint = (
    await submitComplaint(
      db,
      { text: 'Khiếu nại sắp đến hạn trả lời (thử).', claimId: null, locale: 'vi' },
      new Date(Date.now() - 13 * 86_400_000),
    )
  ).id;
  // T1: monthly periods (the current one always ends within 90 days), an agency with no information, its editor.
  await updateReportingSettings(db, seedActor, { periodKind: 'monthly' });
  const agency = await makeOrg(db, {
    nameVi: 'Sở thử chưa có thông tin',
    kind: 'provincial_department',
    isStateAdminAgency: true,
    provinceCode: '01',
  });
  t1OrgName = agency.nameVi;
  const waiting = await makeOrg(db, { nameVi: 'Sở thử đã nộp báo cáo', kind: 'provincial_department', provinceCode: '79' });
  await person('editor', agency.id, 'agency.editor@example.vn');
  // The programme cycle: this year's reports due in a month (the agency has none; the lead agency's was returned),
  // a report waiting for the office, last year closed and re-opened by another member of the office.
  const year = Number(vnDate(new Date()).slice(0, 4));
  const period = await createPeriod(db, seedActor, {
    kind: 'yearly',
    year,
    deadline: day(30),
    includeOrganisationIds: [agency.id, lead.id, waiting.id],
  });
  const sections = { results: 'Kết quả.', difficulties: 'Khó khăn.', proposals: 'Đề xuất.', nextTasks: 'Nhiệm vụ.' };
  for (const o of [lead.id, waiting.id]) {
    const r = await createReport(db, office.actor, { periodId: period.id, organisationId: o });
    await updateReport(db, office.actor, r.id, { sections });
    await submitReport(db, office.actor, r.id);
    if (o === lead.id) await returnReport(db, office.actor, r.id, { comments: { results: 'Bổ sung số liệu' } });
    else cycleReportId = r.id;
  }
  const office2 = await person('admin', null);
  const last = await createPeriod(db, seedActor, { kind: 'yearly', year: year - 1, deadline: `${year}-01-31` });
  await closePeriod(db, office2.actor, last.id);
  await reopenPeriod(db, office2.actor, last.id, { reason: 'Bổ sung số liệu' });
  // Plans: the lead agency's returned, another waiting for the office.
  for (const o of [lead.id, waiting.id]) {
    const plan = await createPlan(db, office.actor, {
      organisationId: o,
      year,
      activities: [
        { title: 'Tập huấn (thử)', targets: ['T2a'], startMonth: `${year}-03`, endMonth: `${year}-04`, budget: { local: 1_000_000 } },
      ],
    });
    await submitPlan(db, office.actor, plan.id);
    if (o === lead.id) await returnPlan(db, office.actor, plan.id, { comment: 'Bổ sung kinh phí' });
    else planId = plan.id;
  }
  // This year's plans are due today: the lead agency's (returned) is not in.
  await setPlanDeadline(db, seedActor, year, { deadline: vnDate(new Date()) });
  // The office also wants the once-only welcome by e-mail; the reviewer a daily digest.
  await setPreferences(
    db,
    office.actor,
    { kinds: [{ id: 'notifications.welcome', inbox: true, email: true }], digest: false },
    { mailEnabled: true, digestHour: 0 },
  );
  await setPreferences(db, reviewer.actor, { kinds: [], digest: true }, { mailEnabled: true, digestHour: 0 });

  // The messages, as the product sends them.
  const [job] = notificationJobs({ ...t.config, notifications: { ...t.config.notifications, daysAhead: 90 } });
  await job!.run(db);
  const reviewerSession = sessions.get('reviewer@example.vn')!.session;
  for (const id of Object.values(complaints)) {
    const r = await app.inject({
      method: 'POST',
      url: `/api/factcheck/complaints/${id}/reply`,
      headers: reviewerSession.headers,
      payload: { status: 'answered', reply: 'Chúng tôi đã xem lại; kết luận giữ nguyên.' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().mailed).toBe(true);
  }
});

afterAll(() => smtp.close());

/** Follows a link as its recipients would: the page exists, they may open it, and it loads what the link names. */
async function expectOpens(link: string, m: Received) {
  const u = new URL(link);
  expect(u.origin, link).toBe(BASE);
  if (u.pathname === '/app' || u.pathname.startsWith('/app/')) {
    const inner = u.pathname.slice('/app'.length) || '/';
    const route = spaRoutes().find((r) => r.path === inner);
    expect(route, `${link}: no page ${inner} in src/web/app/routes.tsx`).toBeDefined();
    const data = PAGE_DATA[inner];
    expect(data, `${link}: say in PAGE_DATA what the page ${inner} loads`).toBeDefined();
    for (const to of m.to) {
      const r = sessions.get(to);
      expect(r, `${to} is a user`).toBeDefined();
      if (route!.roles) expect(route!.roles, `${link}: ${to} (${r!.role}) may not open ${inner}`).toContain(r!.role);
      const res = await get(data!(u.searchParams), r!.session);
      expect(res.statusCode, `${link} for ${to}: ${res.body}`).toBe(200);
    }
    // The server hands the SPA out at the link's URL (once the workspace is built).
    if (existsSync(path.join(WEB_DIST, 'index.html'))) {
      const spa = await get(u.pathname + u.search);
      expect(spa.statusCode, link).toBe(200);
      expect(spa.headers['content-type'], link).toContain('text/html');
    }
  } else {
    const res = await get(u.pathname + u.search);
    expect(res.statusCode, link).toBe(200);
  }
}

describe('links in e-mails', () => {
  it('covers every module that sends e-mail', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (
          /\.tsx?$/.test(e.name) &&
          !/\.test\.tsx?$/.test(e.name) &&
          !p.endsWith(path.join('kernel', 'mail.ts')) &&
          /from '[./]*(kernel\/)?mail\.js'/.test(readFileSync(p, 'utf8'))
        )
          found.push(path.relative(ROOT, p));
      }
    };
    walk(path.join(ROOT, 'src/server'));
    expect(found.sort()).toEqual(Object.keys(SENDERS).sort());
  });

  it('notifications of every kind are mailed, each linking to its page in the workspace, which its recipient can open', async () => {
    const mailed = await rows<{ kind: string }>(
      db,
      sql`select distinct kind from notifications where emailed_at is not null order by kind`,
    );
    expect(mailed.map((k) => k.kind)).toEqual(
      notificationKinds()
        .map((k) => k.id)
        .sort(),
    );
    const notices = smtp.messages.filter((m) => m.subject.startsWith('[RightsHub]'));
    expect(notices.map((m) => m.to.join(',')).sort()).toEqual([
      'agency.editor@example.vn',
      'lead.editor@example.vn',
      'office@example.vn',
      'reviewer@example.vn',
    ]);
    const of = (to: string) => notices.find((m) => m.to.includes(to))!;
    const settings = `${BASE}/app/notifications/settings`;
    for (const m of notices) {
      expect(m.to).toHaveLength(1); // each person's own message
      expect(linksOf(m)).toContain(settings);
      for (const link of new Set(linksOf(m))) await expectOpens(link, m);
    }
    expect(linksOf(of('lead.editor@example.vn'))).toContain(`${BASE}/app/recommendations?id=${recId}`);
    expect(linksOf(of('office@example.vn'))).toEqual(expect.arrayContaining([`${BASE}/app/recommendations?id=${recId}`, settings]));
    expect(linksOf(of('agency.editor@example.vn')).some((l) => l.startsWith(`${BASE}/app/press/compliance?period=`))).toBe(true);
    expect(of('agency.editor@example.vn').text).toContain(t1OrgName);
    expect(linksOf(of('agency.editor@example.vn'))).toContain(`${BASE}/app/cycle?tab=due`);
    expect(linksOf(of('office@example.vn'))).toEqual(
      expect.arrayContaining([
        `${BASE}/app/cycle/report?id=${cycleReportId}`,
        `${BASE}/app/cycle?tab=calendar`,
        `${BASE}/app/plans?id=${planId}`,
      ]),
    );
    const digest = of('reviewer@example.vn');
    expect(digest.subject).toMatch(/Tóm tắt ngày .* \/ Digest of /);
    expect(linksOf(digest)).toEqual(
      expect.arrayContaining([
        `${BASE}/app/factcheck?tab=claims&claim=${draftId}`,
        `${BASE}/app/factcheck/complaints?complaint=${dueComplaint}`,
      ]),
    );
    const page = await get(`/api/recommendations/${recId}`, sessions.get('lead.editor@example.vn')!.session);
    expect(page.json().recommendation.label).toBe(recLabel);
  });

  it("a complaint reply links to the public page of the fact-check complained about, in the sender's language", async () => {
    const reply = (to: string) => smtp.messages.find((m) => m.to.includes(to))!;
    const vi = reply('reader.vi@mail.example');
    const en = reply('reader.en@mail.example');
    expect(linksOf(vi)).toEqual([`${BASE}/kiem-chung/${claimId}`]);
    expect(linksOf(en)).toEqual([`${BASE}/en/fact-checks/${claimId}`]);
    expect(linksOf(reply('reader.none@mail.example'))).toEqual([]); // about no fact-check in particular
    for (const m of [vi, en]) {
      const page = await get(new URL(linksOf(m)[0]!).pathname);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(CLAIM);
    }
  });

  it("the notice of a blocked sign-in links to the portal's home page", async () => {
    const u = await makeUser(db, 'viewer', null);
    await updateUser(db, seedActor, u.id, { email: 'blocked.user@example.vn' });
    for (let i = 0; i < 4; i++)
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password: 'wrong' },
        remoteAddress: '192.0.2.77',
      });
    for (let i = 0; i < 100 && !smtp.messages.some((m) => m.to.includes('blocked.user@example.vn')); i++)
      await new Promise((r) => setTimeout(r, 50));
    const notice = smtp.messages.find((m) => m.to.includes('blocked.user@example.vn'))!;
    expect(notice.text).toContain('192.0.2.77');
    expect(linksOf(notice)).toEqual([BASE]);
    const home = await get('/');
    expect(home.statusCode).toBe(200);
  });

  it('every link of every message sent opens its page', async () => {
    expect(smtp.messages.length).toBe(8); // 4 notification messages, 3 complaint replies, 1 sign-in notice
    for (const m of smtp.messages) for (const link of new Set(linksOf(m))) await expectOpens(link, m);
  });
});
