// Email reminders through a real SMTP conversation (a local smtp-server): the lead agency's editors with an email
// and the programme office's admins receive one message, Vietnamese first then English, naming the recommendation
// paragraph and the due date; overdue actions and returned reports are included; a second pass the same day sends
// nothing, the next day sends again; every sent reminder is audited; a refused message releases its claim.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { startInbox, type Inbox } from '../../../../test/smtp.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import { loadConfig } from '../../kernel/config.js';
import { rows, type Db } from '../../kernel/db.js';
import { updateUser } from '../directory/users.service.js';
import { moduleJobs } from '../index.js';
import { startIntervalJobs } from '../../kernel/jobs.js';
import { smtpMailer } from '../../kernel/mail.js';
import { FIRST_RUN_MS, reminderJobs, sendReminders } from './recommendations.reminders.js';
import * as S from './recommendations.service.js';

let smtp: Inbox;
let PORT = 0;
let db: Db;
let paragraph = '';
const NOW = new Date('2026-06-20T03:00:00Z'); // 10:00 in Viet Nam

beforeAll(async () => {
  smtp = await startInbox();
  PORT = smtp.port;
  db = (await testDatabase()).db;
  const lead = await makeOrg(db, { code: 'REM-LEAD', nameVi: 'Bộ nhắc việc thử', kind: 'ministry', isStateAdminAgency: true });
  const other = await makeOrg(db, { code: 'REM-OTHER', nameVi: 'Bộ khác thử', kind: 'ministry' });
  const withEmail = async (role: 'admin' | 'editor' | 'viewer', org: number | null, email: string | null) => {
    const u = await makeUser(db, role, org);
    if (email) await updateUser(db, seedActor, u.id, { email });
    return u;
  };
  const office = await withEmail('admin', null, 'office@example.test');
  await withEmail('editor', lead.id, 'lead.editor@example.test');
  await withEmail('editor', lead.id, null); // no address: skipped
  await withEmail('viewer', lead.id, 'lead.viewer@example.test'); // not an editor
  await withEmail('editor', other.id, 'other.editor@example.test'); // another agency
  const admin: Actor = { userId: office.id, name: office.username, role: 'admin', organisationId: null, via: 'api' };
  const rec = await S.createRecommendation(db, admin, {
    mechanism: 'upr', cycle: 'UPR-IV', sourceDocument: 'A/HRC/TEST/9', paragraph: '41.207', recommendingStates: ['Freedonia'],
    textEn: 'Fictional test text.', position: 'supported', positionSource: 'test', themes: [], communication: true, targets: ['T6'],
  });
  paragraph = rec.paragraph;
  await S.assignImplementers(db, admin, rec.id, { leadOrganisationId: lead.id, coImplementerIds: [other.id] });
  await S.createAction(db, admin, rec.id, { organisationId: lead.id, title: 'Tập huấn phóng viên (thử)', targetDate: '2026-06-25' });
  await S.createAction(db, admin, rec.id, { organisationId: lead.id, title: 'Phát hành tờ gấp (thử)', targetDate: '2026-06-01' }); // overdue
  await S.createAction(db, admin, rec.id, { organisationId: lead.id, title: 'Hội thảo xa (thử)', targetDate: '2026-12-31' }); // not yet due
  await S.createAction(db, admin, rec.id, { organisationId: lead.id, title: 'Đã xong (thử)', targetDate: '2026-06-02', status: 'done', completedOn: '2026-06-02' });
  const report = await S.submitReport(db, admin, rec.id, { organisationId: lead.id, period: '2026-H1', narrative: 'Báo cáo thử' });
  await S.reviewReport(db, admin, report.id, { decision: 'return', comment: 'Thiếu số liệu' });
});

afterAll(() => smtp.close());

describe('email reminders', () => {
  const mailer = () => smtpMailer(`smtp://127.0.0.1:${PORT}`, 'rightshub@example.test');

  it('emails the lead agency editors and the office about due and overdue actions and returned reports, Vietnamese first', async () => {
    const sent = await sendReminders(db, mailer(), { daysAhead: 14, baseUrl: 'https://rightshub.example.test', now: NOW });
    expect(sent).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    const m = smtp.messages[0];
    expect(m.from).toBe('rightshub@example.test');
    expect([...m.to].sort()).toEqual(['lead.editor@example.test', 'office@example.test']);
    expect(m.subject).toContain('Nhắc việc');
    expect(m.subject).toContain('Reminder');
    expect(m.text).toContain(`¶${paragraph}`);
    expect(m.text).toContain('Tập huấn phóng viên (thử) — hạn 2026-06-25');
    expect(m.text).toContain('Phát hành tờ gấp (thử) — hạn 2026-06-01 (QUÁ HẠN)');
    expect(m.text).toContain('due 2026-06-25');
    expect(m.text).toContain('kỳ 2026-H1');
    expect(m.text).not.toContain('Hội thảo xa');
    expect(m.text).not.toContain('Đã xong');
    expect(m.text.indexOf('Kính gửi')).toBeLessThan(m.text.indexOf('Dear'));
    const audit = await rows<{ action: string; after: { to: string[]; items: unknown[] } }>(db, sql`select action, after from audit_log where entity = 'rec_reminder' order by id`);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'remind', after: { to: ['lead.editor@example.test', 'office@example.test'] } });
    expect(audit[0].after.items).toHaveLength(3);
  });

  it('sends nothing a second time the same day, and again the next day', async () => {
    expect(await sendReminders(db, mailer(), { daysAhead: 14, baseUrl: 'x', now: new Date(NOW.getTime() + 3600_000) })).toBe(0);
    expect(smtp.messages).toHaveLength(1);
    expect(await sendReminders(db, mailer(), { daysAhead: 14, baseUrl: 'x', now: new Date(NOW.getTime() + 86400_000) })).toBe(1);
    expect(smtp.messages).toHaveLength(2);
  });

  it('releases the claim when the server refuses the message, so the next pass sends it', async () => {
    const day3 = new Date(NOW.getTime() + 2 * 86400_000);
    smtp.refuse = true;
    await expect(sendReminders(db, mailer(), { daysAhead: 14, baseUrl: 'x', now: day3 })).rejects.toThrow();
    smtp.refuse = false;
    expect(smtp.messages).toHaveLength(2);
    const [{ n }] = await rows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where entity = 'rec_reminder' and action = 'remind-failed'`);
    expect(n).toBe(1);
    expect(await sendReminders(db, mailer(), { daysAhead: 14, baseUrl: 'x', now: day3 })).toBe(1);
    expect(smtp.messages).toHaveLength(3);
  });

  it('runs no job without SMTP; with SMTP_URL it needs SMTP_FROM', () => {
    expect(moduleJobs(loadConfig({})).map((j) => j.name)).not.toContain('recommendations.reminders');
    expect(moduleJobs(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:25', SMTP_FROM: 'a@example.test' })).map((j) => j.name)).toContain('recommendations.reminders');
    expect(() => loadConfig({ SMTP_URL: 'smtp://127.0.0.1:25' })).toThrow(/SMTP_FROM/);
    expect(() => loadConfig({ SMTP_URL: 'mail.example', SMTP_FROM: 'a@example.test' })).toThrow(/SMTP_URL/);
  });

  it('runs a first pass shortly after start, not one interval later; two copies starting together mail each item once', async () => {
    const config = loadConfig({ SMTP_URL: `smtp://127.0.0.1:${PORT}`, SMTP_FROM: 'rightshub@example.test', REMINDER_EVERY_MINUTES: '60' });
    expect(reminderJobs(config)[0]).toMatchObject({ everyMs: 3_600_000, firstRunMs: FIRST_RUN_MS });
    expect(FIRST_RUN_MS).toBeLessThanOrEqual(60_000);
    const inboxBefore = smtp.messages.length;
    const passes: number[] = [];
    const silent = { info: () => undefined, error: () => undefined } as never;
    // Two server copies on one database, each with its own timer; the job's claims keep them from sending twice.
    const copy = () => startIntervalJobs(db, silent, reminderJobs(config, { firstRunMs: 5 }).map((j) => ({ ...j, run: async (d: Db) => { const n = await j.run(d); passes.push(n); return n; } })));
    const stops = [copy(), copy()];
    await vi.waitFor(() => expect(passes).toHaveLength(2), { timeout: 30_000, interval: 50 });
    await Promise.all(stops.map((stop) => stop()));
    expect(passes.reduce((a, b) => a + b, 0)).toBe(1);
    expect(smtp.messages.length - inboxBefore).toBe(1);
    expect(smtp.messages[smtp.messages.length - 1]!.text).toContain('kỳ 2026-H1'); // the returned report is due whatever today is
  });
});

