// The recommendations module's notifications (the former e-mail reminders, now a notification source): actions
// coming due and overdue go to the editors who may update them (their organisation's and those above it) and to the
// programme office; a returned progress report to the editors who may resubmit it. Nobody else — not a viewer, not
// another organisation's editor, not a reviewer, not a deactivated editor — is told. Each event once; a moved target
// date and an action passing its date are new events. By e-mail, through a real SMTP conversation: one message per
// person and pass, Vietnamese first, links to the recommendation's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { person, toldOf } from '../../../../test/notifications.js';
import { startInbox, type Inbox } from '../../../../test/smtp.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { smtpMailer } from '../../kernel/mail.js';
import { updateUser } from '../directory/users.service.js';
import { runNotifications } from '../notifications/notifications.mail.js';
import { REC_ACTION_DUE, REC_REPORT_RETURNED, recommendationsNotificationSource } from './recommendations.notifications.js';
import * as SEdit from './recommendations.edit.js';
import * as SProgress from './recommendations.progress.js';

let smtp: Inbox;
let db: Db;
let recId = 0;
let soonId = 0;
let paragraph = '';
let leadId = 0;
const who: Record<string, number> = {};
const NOW = new Date('2026-06-20T03:00:00Z'); // 10:00 in Viet Nam
const BASE = 'https://rightshub.example.test';
const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

beforeAll(async () => {
  smtp = await startInbox();
  db = (await testDatabase()).db;
  const parent = await makeOrg(db, { code: 'REM-PARENT', nameVi: 'Bộ chủ quản thử', kind: 'ministry' });
  const lead = await makeOrg(db, {
    code: 'REM-LEAD',
    nameVi: 'Cục nhắc việc thử',
    kind: 'ministry',
    isStateAdminAgency: true,
    parentId: parent.id,
  });
  leadId = lead.id;
  const other = await makeOrg(db, { code: 'REM-OTHER', nameVi: 'Bộ khác thử', kind: 'ministry' });
  const office = await person(db, 'admin', null, 'office@example.test');
  who.office = office.id;
  who.leadEditor = (await person(db, 'editor', lead.id, 'lead.editor@example.test')).id;
  who.leadEditorNoMail = (await person(db, 'editor', lead.id)).id; // inbox only
  who.parentEditor = (await person(db, 'editor', parent.id, 'parent.editor@example.test')).id; // writes under the lead
  who.leadViewer = (await person(db, 'viewer', lead.id, 'lead.viewer@example.test')).id; // reads only
  who.otherEditor = (await person(db, 'editor', other.id, 'other.editor@example.test')).id; // another agency
  who.reviewer = (await person(db, 'reviewer', null, 'reviewer@example.test')).id;
  who.gone = (await person(db, 'editor', lead.id, 'gone@example.test')).id;
  await updateUser(db, seedActor, who.gone, { active: false });
  const admin: Actor = office.actor;
  const rec = await SEdit.createRecommendation(db, admin, {
    mechanism: 'upr',
    cycle: 'UPR-IV',
    sourceDocument: 'A/HRC/TEST/9',
    paragraph: '41.207',
    recommendingStates: ['Freedonia'],
    textEn: 'Fictional test text.',
    position: 'supported',
    positionSource: 'test',
    themes: [],
    communication: true,
    targets: ['T6'],
  });
  recId = rec.id;
  paragraph = rec.paragraph;
  await SEdit.assignImplementers(db, admin, rec.id, { leadOrganisationId: lead.id, coImplementerIds: [other.id] });
  soonId = (
    await SProgress.createAction(db, admin, rec.id, {
      organisationId: lead.id,
      title: 'Tập huấn phóng viên (thử)',
      targetDate: '2026-06-25',
    })
  ).id;
  await SProgress.createAction(db, admin, rec.id, { organisationId: lead.id, title: 'Phát hành tờ gấp (thử)', targetDate: '2026-06-01' }); // overdue
  await SProgress.createAction(db, admin, rec.id, { organisationId: lead.id, title: 'Hội thảo xa (thử)', targetDate: '2026-12-31' }); // not yet due
  await SProgress.createAction(db, admin, rec.id, {
    organisationId: lead.id,
    title: 'Đã xong (thử)',
    targetDate: '2026-06-02',
    status: 'done',
    completedOn: '2026-06-02',
  });
  const report = await SProgress.submitReport(db, admin, rec.id, { organisationId: lead.id, period: '2026-H1', narrative: 'Báo cáo thử' });
  await SProgress.reviewReport(db, admin, report.id, { decision: 'return', comment: 'Thiếu số liệu' });
});

afterAll(() => smtp.close());

const mailer = () => smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'rightshub@example.test');
const pass = (now: Date, withMail = true) =>
  runNotifications(db, {
    daysAhead: 14,
    baseUrl: BASE,
    digestHour: 7,
    now,
    mailer: withMail ? mailer() : undefined,
    sources: [recommendationsNotificationSource],
  });
const kinds = [REC_ACTION_DUE, REC_REPORT_RETURNED];

describe('recommendation notifications', () => {
  it('tell the editors who may act and the office — nobody else', async () => {
    await pass(NOW);
    const told = await toldOf(db, kinds);
    const soon = `${REC_ACTION_DUE} ${soonId}:2026-06-25:due`;
    for (const u of [who.leadEditor, who.leadEditorNoMail, who.parentEditor]) {
      expect(told.get(u)!.length, String(u)).toBe(3);
      expect(told.get(u)).toContain(soon);
      expect(told.get(u)!.filter((k) => k.startsWith(REC_REPORT_RETURNED))).toHaveLength(1);
    }
    expect(told.get(who.office)!.length).toBe(2); // the actions; the office returned the report itself
    expect(told.get(who.office)!.every((k) => k.startsWith(REC_ACTION_DUE))).toBe(true);
    for (const u of [who.leadViewer, who.otherEditor, who.reviewer, who.gone]) expect(told.get(u), String(u)).toBeUndefined();
  });

  it('e-mail each person with an address one message, Vietnamese first, linking to the recommendation', async () => {
    const to = smtp.messages.map((m) => m.to.join(',')).sort();
    expect(to).toEqual(['lead.editor@example.test', 'office@example.test', 'parent.editor@example.test']);
    const m = smtp.messages.find((x) => x.to[0] === 'lead.editor@example.test')!;
    expect(m.from).toBe('rightshub@example.test');
    expect(m.subject).toMatch(/3 thông báo mới \/ 3 new notifications/);
    expect(m.text).toContain(`¶${paragraph}`);
    expect(m.text).toContain('Hành động sắp đến hạn: Tập huấn phóng viên (thử)');
    expect(m.text).toContain('hạn 2026-06-01 (QUÁ HẠN)');
    expect(m.text).toContain('due 2026-06-25');
    expect(m.text).toContain('6 tháng đầu năm 2026');
    expect(m.text).not.toContain('2026-H1');
    expect(m.text).toContain('Thiếu số liệu');
    expect(m.text).not.toContain('Hội thảo xa');
    expect(m.text).not.toContain('Đã xong');
    expect(m.text.indexOf('Kính gửi')).toBeLessThan(m.text.indexOf('Dear'));
    expect(m.text).toContain(`${BASE}/app/recommendations?id=${recId}`);
  });

  it('tell of an event once; a date passed and a date moved are new events', async () => {
    const before = smtp.messages.length;
    expect(await pass(new Date(NOW.getTime() + 3600_000))).toBe(0);
    expect(await pass(at(1))).toBe(0);
    expect(smtp.messages.length).toBe(before);
    // The action due on the 25th is overdue on the 26th: told again, as overdue.
    expect(await pass(at(6))).toBeGreaterThan(0);
    expect((await toldOf(db, kinds)).get(who.leadEditor)).toContain(`${REC_ACTION_DUE} ${soonId}:2026-06-25:overdue`);
    const office = await person(db, 'admin', null);
    await SProgress.updateAction(db, office.actor, soonId, {
      organisationId: leadId,
      title: 'Tập huấn phóng viên (thử)',
      targetDate: '2026-06-30',
    });
    await pass(at(6), false);
    expect((await toldOf(db, kinds)).get(who.leadEditor)).toContain(`${REC_ACTION_DUE} ${soonId}:2026-06-30:due`);
  });

  it('a refused message releases its claim, so the next pass sends it', async () => {
    await SProgress.createAction(db, (await person(db, 'admin', null)).actor, recId, {
      organisationId: leadId,
      title: 'Việc mới (thử)',
      targetDate: '2026-06-28',
    });
    smtp.refuse = true;
    const before = smtp.messages.length;
    await expect(pass(at(7))).rejects.toThrow();
    smtp.refuse = false;
    expect(smtp.messages.length).toBe(before);
    await pass(at(7));
    const got = smtp.messages.slice(before).filter((m) => m.text.includes('Việc mới (thử)'));
    expect(got.map((m) => m.to[0]).sort()).toEqual(['lead.editor@example.test', 'office@example.test', 'parent.editor@example.test']);
  });
});
