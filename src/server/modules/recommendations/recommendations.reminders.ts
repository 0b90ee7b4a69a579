// Email reminders (T6): when SMTP is configured, a job emails each lead agency's editors and the programme office
// (admins) about actions due within N days, overdue actions and progress reports returned for correction — one
// message per agency, Vietnamese first then English, at most once per action or report per day. Each reminder is
// claimed in rec_reminders (with the audit entry) before the message goes out; a failed send releases the claim.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { workspacePage, workspaceUrl } from '../../../shared/contracts/links.js';
import { recordAudit, systemActor } from '../../kernel/audit.js';
import type { Config } from '../../kernel/config.js';
import { rows, type Db } from '../../kernel/db.js';
import type { IntervalJob } from '../../kernel/jobs.js';
import { smtpMailer, type Mailer } from '../../kernel/mail.js';
import { vnDate } from '../../kernel/periods.js';
import { recReminders } from './recommendations.tables.js';


type Item = {
  kind: 'action' | 'report'; id: number; org: number; orgName: string; recId: number;
  ref: string; title: string; date: string; overdue: boolean;
};

async function pendingItems(db: Db, day: string, until: string): Promise<Item[]> {
  const actions = await rows<{ id: number; org: number; org_name: string; rec: number; ref: string; title: string; d: string }>(db, sql`
    select a.id, o.id as org, o.name_vi as org_name, r.id as rec, r.cycle || ' ' || r.source_document || ' ¶' || r.paragraph as ref, a.title, a.target_date::text as d
    from rec_actions a join recommendations r on r.id = a.recommendation_id
    join organisations o on o.id = coalesce(r.lead_organisation_id, a.organisation_id)
    where a.status in ('planned', 'in_progress') and a.target_date <= ${until}::date
      and not exists (select 1 from rec_reminders m where m.kind = 'action' and m.ref_id = a.id and m.day = ${day}::date)
    order by a.target_date, a.id limit 2000`);
  const reports = await rows<{ id: number; org: number; org_name: string; rec: number; ref: string; title: string; d: string }>(db, sql`
    select p.id, o.id as org, o.name_vi as org_name, r.id as rec, r.cycle || ' ' || r.source_document || ' ¶' || r.paragraph as ref, p.period as title,
      to_char(coalesce(p.reviewed_at, p.submitted_at) at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as d
    from rec_reports p join recommendations r on r.id = p.recommendation_id
    join organisations o on o.id = coalesce(r.lead_organisation_id, p.organisation_id)
    where p.status = 'returned'
      and not exists (select 1 from rec_reminders m where m.kind = 'report' and m.ref_id = p.id and m.day = ${day}::date)
    order by p.id limit 2000`);
  return [
    ...actions.map((a) => ({ kind: 'action' as const, id: Number(a.id), org: Number(a.org), orgName: a.org_name, recId: Number(a.rec), ref: a.ref, title: a.title, date: a.d, overdue: a.d < day })),
    ...reports.map((p) => ({ kind: 'report' as const, id: Number(p.id), org: Number(p.org), orgName: p.org_name, recId: Number(p.rec), ref: p.ref, title: p.title, date: p.d, overdue: true })),
  ];
}

/** The lead agency's active editors and the programme office's active admins that have an email address. */
async function recipientsOf(db: Db, org: number): Promise<string[]> {
  const r = await rows<{ email: string }>(db, sql`
    select distinct email from users where active and email is not null and email <> ''
      and ((role = 'editor' and organisation_id = ${org}) or role = 'admin') order by email`);
  return r.map((x) => x.email);
}

export function reminderMessage(orgName: string, items: Item[], day: string, baseUrl: string): { subject: string; text: string } {
  const actions = items.filter((i) => i.kind === 'action');
  const reports = items.filter((i) => i.kind === 'report');
  // The recommendation's page in the workspace, where its actions are updated and reports resubmitted.
  const link = (i: Item) => workspaceUrl(baseUrl, workspacePage.recommendation(i.recId));
  const vi = [
    `Kính gửi ${orgName},`, '',
    `Hệ thống RightsHub nhắc việc ngày ${day} về các khuyến nghị của Liên hợp quốc do cơ quan chủ trì:`, '',
    ...(actions.length ? ['Hành động đến hạn hoặc quá hạn:', ...actions.map((i) => `- ${i.ref}: ${i.title} — hạn ${i.date}${i.overdue ? ' (QUÁ HẠN)' : ''} — ${link(i)}`), ''] : []),
    ...(reports.length ? ['Báo cáo tiến độ bị trả lại, cần nộp lại:', ...reports.map((i) => `- ${i.ref}: kỳ ${i.title} — trả lại ngày ${i.date} — ${link(i)}`), ''] : []),
  ];
  const en = [
    `Dear ${orgName},`, '',
    `RightsHub reminder of ${day} about the UN recommendations your agency leads:`, '',
    ...(actions.length ? ['Actions due or overdue:', ...actions.map((i) => `- ${i.ref}: ${i.title} — due ${i.date}${i.overdue ? ' (OVERDUE)' : ''} — ${link(i)}`), ''] : []),
    ...(reports.length ? ['Progress reports returned for correction:', ...reports.map((i) => `- ${i.ref}: period ${i.title} — returned on ${i.date} — ${link(i)}`), ''] : []),
  ];
  const n = items.length;
  return {
    subject: `[RightsHub] Nhắc việc: ${n} việc về khuyến nghị đến hạn / Reminder: ${n} recommendation item(s) due`,
    text: [...vi, '— English below —', '', ...en].join('\n'),
  };
}

/** One pass: returns the number of messages sent. */
export async function sendReminders(db: Db, mailer: Mailer, opts: { daysAhead: number; baseUrl: string; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  const day = vnDate(now);
  const until = vnDate(new Date(now.getTime() + opts.daysAhead * 86400_000));
  const items = await pendingItems(db, day, until);
  const byOrg = new Map<number, Item[]>();
  for (const i of items) byOrg.set(i.org, [...(byOrg.get(i.org) ?? []), i]);
  const actor = systemActor('job', 'reminders');
  let sent = 0;
  let failure: unknown;
  for (const [org, list] of byOrg) {
    const to = await recipientsOf(db, org);
    if (to.length === 0) continue;
    // Claim: only the items no other copy claimed today go into this message.
    const claimed = await db.transaction(async (tx) => {
      const got = await tx.insert(recReminders).values(list.map((i) => ({ kind: i.kind, refId: i.id, day, recipients: to })))
        .onConflictDoNothing().returning({ kind: recReminders.kind, refId: recReminders.refId });
      const keys = new Set(got.map((g) => `${g.kind}:${g.refId}`));
      const mine = list.filter((i) => keys.has(`${i.kind}:${i.id}`));
      if (mine.length) await recordAudit(tx, actor, 'remind', 'rec_reminder', org, null, { day, to, items: mine.map((i) => ({ kind: i.kind, id: i.id, ref: i.ref, date: i.date })) });
      return mine;
    });
    if (claimed.length === 0) continue;
    const msg = reminderMessage(list[0].orgName, claimed, day, opts.baseUrl);
    try {
      await mailer.send({ to, ...msg });
      sent++;
    } catch (err) {
      await db.transaction(async (tx) => {
        for (const kind of ['action', 'report'] as const) {
          const ids = claimed.filter((i) => i.kind === kind).map((i) => i.id);
          if (ids.length) await tx.delete(recReminders).where(and(eq(recReminders.kind, kind), eq(recReminders.day, day), inArray(recReminders.refId, ids)));
        }
        await recordAudit(tx, actor, 'remind-failed', 'rec_reminder', org, null, { day, to, error: String((err as Error).message ?? err) });
      });
      failure ??= err; // the other agencies still get theirs
    }
  }
  if (failure) throw failure;
  return sent;
}

/** The first pass after start: soon, so a restart (or a deployment) does not delay the day's reminders by a whole
 *  interval. Several copies starting together are safe: each item is claimed in rec_reminders before it is mailed. */
export const FIRST_RUN_MS = 30_000;

/** The job, only when SMTP is configured: a first pass shortly after start, then every REMINDER_EVERY_MINUTES. */
export function reminderJobs(config: Config, opts: { firstRunMs?: number } = {}): IntervalJob[] {
  const smtp = config.smtp;
  if (!smtp) return [];
  const mailer = smtpMailer(smtp.url, smtp.from);
  return [{
    name: 'recommendations.reminders', everyMs: smtp.everyMs, firstRunMs: Math.min(opts.firstRunMs ?? FIRST_RUN_MS, smtp.everyMs),
    run: (db) => sendReminders(db, mailer, { daysAhead: smtp.daysAhead, baseUrl: config.baseUrl }),
  }];
}
