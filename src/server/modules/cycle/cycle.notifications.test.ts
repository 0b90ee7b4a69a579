// The programme cycle's notifications: a report deadline coming, in its last days and passed goes to the focal points
// (editors who may write the report) of each expected organisation whose report is not submitted — not to those who
// submitted, not to viewers, other organisations or deactivated editors — and, once passed, one count to the office; a
// returned report to its organisation's focal points with the report's page; a submitted report to the coordinator of
// its province while it waits for the province (the office when the province has none), then to the office; a
// re-opened period and a revised official figure to the rest of the office. Each event once; each person's choices
// (inbox, e-mail) respected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterRecord } from '../../../../test/cycle.js';
import { makeOrg, seedActor, TEST_PASSWORD } from '../../../../test/factories.js';
import { person, toldOf } from '../../../../test/notifications.js';
import { startInbox, type Inbox } from '../../../../test/smtp.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { smtpMailer } from '../../kernel/mail.js';
import { createUser, updateUser } from '../directory/users.service.js';
import { runNotifications } from '../notifications/notifications.mail.js';
import { listNotifications, setPreferences } from '../notifications/notifications.service.js';
import {
  CYCLE_OFFICIAL_CHANGED,
  CYCLE_REPORT_DUE,
  CYCLE_REPORT_RETURNED,
  CYCLE_REPORT_WAITING,
  cycleNotificationSource,
} from './cycle.notifications.js';
import { closePeriod, reopenPeriod, republishPeriod } from './cycle.official.js';
import { createPeriod, updateCycleSettings } from './cycle.periods.js';
import { approveReport, createReport, returnReport, submitReport, updateReport } from './cycle.reports.js';

let smtp: Inbox;
let db: Db;
const who: Record<string, number> = {};
const as: Record<string, Actor> = {};
const org: Record<string, number> = {};
const report: Record<string, number> = {};
let p2026 = 0,
  p2025 = 0;
const NOW = new Date('2027-01-20T03:00:00Z'); // 10:00 in Viet Nam; the 2026 reports are due on 31 January
const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000);
const SECTIONS = { results: 'Đã tập huấn.', difficulties: 'Thiếu kinh phí.', proposals: 'Bổ sung kinh phí.', nextTasks: 'Tập huấn thêm.' };
const kinds = [CYCLE_REPORT_DUE, CYCLE_REPORT_RETURNED, CYCLE_REPORT_WAITING, CYCLE_OFFICIAL_CHANGED];
const mailer = () => smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'rightshub@example.test');
const pass = (now: Date, withMail = false) =>
  runNotifications(db, {
    daysAhead: 14,
    baseUrl: 'https://rh.example.test',
    digestHour: 7,
    now,
    mailer: withMail ? mailer() : undefined,
    sources: [cycleNotificationSource],
  });
const told = async (u: string, kind?: string) => (await toldOf(db, kind ? [kind] : kinds)).get(who[u]!) ?? [];

async function coordinator(province: string, email: string) {
  const u = await createUser(db, seedActor, {
    username: `coord${province}.notify`,
    displayName: `Điều phối ${province}`,
    password: TEST_PASSWORD,
    role: 'coordinator',
    provinceCode: province,
  });
  await updateUser(db, seedActor, u.id, { email });
  return {
    id: u.id,
    actor: { userId: u.id, name: u.username, role: 'coordinator', organisationId: null, provinceCode: province, via: 'api' } as Actor,
  };
}

beforeAll(async () => {
  smtp = await startInbox();
  db = (await testDatabase()).db;
  org.a = (await makeOrg(db, { nameVi: 'Sở thử Hà Nội', kind: 'provincial_department', provinceCode: '01' })).id;
  org.a1 = (await makeOrg(db, { nameVi: 'Phòng thử Hà Nội', kind: 'other', provinceCode: '01', parentId: org.a })).id;
  org.b = (await makeOrg(db, { nameVi: 'Sở thử Đà Nẵng', kind: 'provincial_department', provinceCode: '48' })).id;
  org.c = (await makeOrg(db, { nameVi: 'Bộ thử', kind: 'ministry' })).id;
  org.quiet = (await makeOrg(db, { nameVi: 'Tổ chức không có hồ sơ', kind: 'other', provinceCode: '01' })).id;
  for (const [k, o, email] of [
    ['office', null, 'office@example.test'],
    ['office2', null, 'office2@example.test'],
  ] as const) {
    const p = await person(db, 'admin', o, email);
    who[k] = p.id;
    as[k] = p.actor;
  }
  for (const [k, role, o, email] of [
    ['editorA', 'editor', org.a, 'editor.a@example.test'],
    ['editorA1', 'editor', org.a1, 'editor.a1@example.test'],
    ['viewerA', 'viewer', org.a, 'viewer.a@example.test'],
    ['editorB', 'editor', org.b, 'editor.b@example.test'],
    ['editorC', 'editor', org.c, 'editor.c@example.test'],
    ['editorQuiet', 'editor', org.quiet, null],
    ['gone', 'editor', org.a, 'gone@example.test'],
    ['reviewer', 'reviewer', null, 'reviewer@example.test'],
  ] as const) {
    const p = await person(db, role, o, email);
    who[k] = p.id;
    as[k] = p.actor;
  }
  await updateUser(db, seedActor, who.gone!, { active: false });
  const c01 = await coordinator('01', 'coord01@example.test');
  who.coord01 = c01.id;
  as.coord01 = c01.actor;
  const c79 = await coordinator('79', 'coord79@example.test');
  who.coord79 = c79.id;
  as.coord79 = c79.actor;
  await updateCycleSettings(db, as.office!, { coordinatorsEnabled: true });
  // Records dated in 2025 and 2026 make a, a1, b and c expected to report; the quiet one has none.
  for (const k of ['a', 'a1', 'b', 'c']) {
    await rosterRecord(db, org[k]!, '2026-03-01');
    await rosterRecord(db, org[k]!, '2025-03-01');
  }
  p2026 = (await createPeriod(db, seedActor, { kind: 'yearly', year: 2026, deadline: '2027-01-31' })).id;
  const write = async (k: string, by: string) => {
    const r = await createReport(db, as[by]!, { periodId: p2026, organisationId: org[k]! });
    await updateReport(db, as[by]!, r.id, { sections: SECTIONS });
    report[k] = r.id;
  };
  await write('a1', 'editorA1');
  await submitReport(db, as.editorA1!, report.a1!); // waits for Hà Nội's coordinator
  await write('b', 'editorB');
  await submitReport(db, as.editorB!, report.b!); // Đà Nẵng has no coordinator: the office
  await write('c', 'editorC');
  await submitReport(db, as.editorC!, report.c!);
  await returnReport(db, as.office!, report.c!, { comments: { results: 'Thiếu số liệu tập huấn' } });
  // The editor of A wants the deadlines in the inbox only; the editor of C wants no inbox for them (e-mail only).
  const facts = { mailEnabled: true, digestHour: 7 };
  await setPreferences(db, as.editorA!, { kinds: [{ id: CYCLE_REPORT_DUE, inbox: true, email: false }], digest: false }, facts);
  await setPreferences(db, as.editorC!, { kinds: [{ id: CYCLE_REPORT_DUE, inbox: false, email: true }], digest: false }, facts);
});

afterAll(() => smtp.close());

describe('programme cycle notifications', () => {
  it('a coming deadline, a returned report and reports waiting go to the right people, and nobody else', async () => {
    await pass(NOW, true);
    const due = (k: string, stage: string) => `${CYCLE_REPORT_DUE} ${p2026}:${org[k]}:2027-01-31:${stage}`;
    // A has no report: its editor (and nobody else of A1's) is told; A1's editor writes under A1 only.
    expect(await told('editorA', CYCLE_REPORT_DUE)).toEqual([due('a', 'due')]);
    expect(await told('editorA1', CYCLE_REPORT_DUE)).toEqual([]); // A1 submitted
    expect(await told('editorB', CYCLE_REPORT_DUE)).toEqual([]); // B submitted
    expect(await told('editorC', CYCLE_REPORT_DUE)).toEqual([due('c', 'due')]); // returned, not resubmitted
    expect(await told('editorQuiet', CYCLE_REPORT_DUE)).toEqual([]); // not expected
    // The returned report: C's editor, with the report's page.
    const returned = await told('editorC', CYCLE_REPORT_RETURNED);
    expect(returned).toHaveLength(1);
    expect(returned[0]).toMatch(new RegExp(`^${CYCLE_REPORT_RETURNED} ${report.c}:\\d+$`));
    // Waiting: A1's report for Hà Nội's coordinator (and A's editor is not told: not theirs to decide); B's for the office.
    expect((await told('coord01', CYCLE_REPORT_WAITING)).map((k) => k.split(':')[0])).toEqual([`${CYCLE_REPORT_WAITING} ${report.a1}`]);
    expect(await told('coord79')).toEqual([]);
    for (const o of ['office', 'office2']) {
      expect((await told(o, CYCLE_REPORT_WAITING)).map((k) => k.split(':').slice(0, 2).join(':'))).toEqual([
        `${CYCLE_REPORT_WAITING} ${report.b}:office`,
      ]);
      expect(await told(o, CYCLE_REPORT_DUE)).toEqual([]); // the count comes once the deadline has passed
    }
    for (const u of ['viewerA', 'gone', 'reviewer', 'editorQuiet']) expect(await told(u), u).toEqual([]);
  });

  it("respects each person's choices and links to the workspace pages", async () => {
    const to = (addr: string) => smtp.messages.filter((m) => m.to.includes(addr));
    expect(to('editor.a@example.test')).toHaveLength(0); // deadlines by inbox only, and nothing else for A
    const c = to('editor.c@example.test');
    expect(c).toHaveLength(1);
    expect(c[0]!.text).toContain('Sắp đến hạn nộp báo cáo Năm 2026: Bộ thử');
    expect(c[0]!.text).toContain('Thiếu số liệu tập huấn');
    expect(c[0]!.text).toContain(`https://rh.example.test/app/cycle/report?id=${report.c}`);
    expect(c[0]!.text.indexOf('Kính gửi')).toBeLessThan(c[0]!.text.indexOf('Dear'));
    expect(to('coord01@example.test')[0]!.text).toContain(`https://rh.example.test/app/cycle/report?id=${report.a1}`);
    expect(to('office@example.test')[0]!.text).toContain('Report for Year 2026 waiting for the programme office: Sở thử Đà Nẵng');
    for (const a of [
      'viewer.a@example.test',
      'gone@example.test',
      'reviewer@example.test',
      'coord79@example.test',
      'editor.a1@example.test',
      'editor.b@example.test',
    ])
      expect(to(a), a).toHaveLength(0);
    // Inbox: A's editor sees the deadline; C's editor chose no inbox for deadlines but sees the returned report.
    const inbox = async (k: string) => (await listNotifications(db, as[k]!, {})).rows.map((n) => n.kind);
    expect(await inbox('editorA')).toEqual([CYCLE_REPORT_DUE]);
    expect(await inbox('editorC')).toEqual([CYCLE_REPORT_RETURNED]);
    const [n] = (await listNotifications(db, as.editorA!, {})).rows;
    expect(n!.link).toBe('/cycle?tab=due'); // no report yet: the page where it is started
    expect(n!.due).toBe('2027-01-31');
  });

  it('tells each event once; the last days and the passed deadline are new events, with a count for the office', async () => {
    expect(await pass(new Date(NOW.getTime() + 3600_000))).toBe(0);
    expect(await pass(at(2))).toBe(0);
    await pass(at(9)); // 29 January: 2 days left
    expect(await told('editorA', CYCLE_REPORT_DUE)).toEqual([
      `${CYCLE_REPORT_DUE} ${p2026}:${org.a}:2027-01-31:due`,
      `${CYCLE_REPORT_DUE} ${p2026}:${org.a}:2027-01-31:last_call`,
    ]);
    expect(await pass(at(10))).toBe(0);
    await pass(at(13)); // 2 February: passed
    expect(await told('editorA', CYCLE_REPORT_DUE)).toContain(`${CYCLE_REPORT_DUE} ${p2026}:${org.a}:2027-01-31:overdue`);
    expect(await told('editorC', CYCLE_REPORT_DUE)).toContain(`${CYCLE_REPORT_DUE} ${p2026}:${org.c}:2027-01-31:overdue`);
    for (const o of ['office', 'office2'])
      expect(await told(o, CYCLE_REPORT_DUE)).toEqual([`${CYCLE_REPORT_DUE} ${p2026}:office:2027-01-31:overdue`]);
    const [count] = (await listNotifications(db, as.office!, { kind: CYCLE_REPORT_DUE })).rows;
    expect(count!.title.vi).toBe('2/4 cơ quan chưa nộp báo cáo Năm 2026 (hạn 2027-01-31)');
    expect(count!.link).toBe(`/cycle?tab=completeness&period=${p2026}`);
  });

  it("the coordinator's approval sends the report on to the office; a return by the coordinator goes to the focal points", async () => {
    await approveReport(db, as.coord01!, report.a1!);
    await pass(at(14));
    for (const o of ['office', 'office2'])
      expect((await told(o, CYCLE_REPORT_WAITING)).some((k) => k.startsWith(`${CYCLE_REPORT_WAITING} ${report.a1}:office:`))).toBe(true);
    const [waiting] = (await listNotifications(db, as.office2!, { kind: CYCLE_REPORT_WAITING })).rows;
    expect(waiting!.body?.en).toMatch(/^Approved by the provincial coordinator at /);
    await returnReport(db, as.office!, report.a1!, { comments: { proposals: 'Đề xuất chưa cụ thể' } });
    await pass(at(14));
    await submitReport(db, as.editorA1!, report.a1!);
    await pass(at(14));
    expect(
      (await told('coord01', CYCLE_REPORT_WAITING)).filter((k) => k.startsWith(`${CYCLE_REPORT_WAITING} ${report.a1}:province:`)),
    ).toHaveLength(2); // each submission
    await returnReport(db, as.coord01!, report.a1!, { comments: { results: 'Bổ sung số liệu' } });
    await pass(at(14));
    // A1's report: its own editor and A's (above it) may resubmit it.
    for (const u of ['editorA1', 'editorA'])
      expect((await told(u, CYCLE_REPORT_RETURNED)).filter((k) => k.startsWith(`${CYCLE_REPORT_RETURNED} ${report.a1}:`))).toHaveLength(2);
    expect(await told('coord01', CYCLE_REPORT_RETURNED)).toEqual([]);
  });

  it('a re-opened period and a revised official figure are told to the rest of the office', async () => {
    const day = new Date('2027-02-10T03:00:00Z');
    p2025 = (await createPeriod(db, seedActor, { kind: 'yearly', year: 2025, deadline: '2026-01-31' })).id; // closed at once: nobody is chased
    await closePeriod(db, as.office!, p2025, {}, day);
    await reopenPeriod(db, as.office!, p2025, { reason: 'Bổ sung số liệu của một bộ' }, new Date(day.getTime() + 60_000));
    await closePeriod(db, as.office!, p2025, {}, new Date(day.getTime() + 120_000));
    await republishPeriod(db, as.office2!, p2025, { reason: 'Sửa số liệu T2a' }, new Date(day.getTime() + 180_000));
    await pass(new Date(day.getTime() + 86_400_000));
    const office = await listNotifications(db, as.office!, { kind: CYCLE_OFFICIAL_CHANGED });
    const office2 = await listNotifications(db, as.office2!, { kind: CYCLE_OFFICIAL_CHANGED });
    expect(office.rows.map((n) => n.title.en)).toEqual(['Revised official figures for Year 2025 (version 3)']);
    expect(office.rows[0]!.link).toBe(`/cycle/official?period=${p2025}`);
    expect(office.rows[0]!.body?.vi).toContain('Sửa số liệu T2a');
    expect(office2.rows.map((n) => n.title.en)).toEqual(['Year 2025 re-opened (official figures version 1 withdrawn)']);
    expect(office2.rows[0]!.link).toBe('/cycle?tab=calendar');
    for (const u of ['editorA', 'editorC', 'coord01', 'reviewer']) expect(await told(u, CYCLE_OFFICIAL_CHANGED), u).toEqual([]);
    // Long after, a new member of the office is not told of them.
    const later = await person(db, 'admin', null);
    await pass(new Date(day.getTime() + 40 * 86_400_000));
    expect((await toldOf(db, [CYCLE_OFFICIAL_CHANGED])).get(later.id)).toBeUndefined();
  });
});
