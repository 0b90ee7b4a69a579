// Notifications by e-mail, and the job that runs the whole thing. Each pass (every REMINDER_EVERY_MINUTES, on every
// server copy) first asks the sources who must be told what (notifications.service.ts), then, when SMTP is
// configured, mails what waits: one message per person and pass listing their new notices, or — for those who chose
// it — one digest a day from NOTIFY_DIGEST_HOUR (Viet Nam time). Sent once whichever copy sends it: the notices (or
// the person's digest of the day) are claimed in once_claims before the message goes out, together with the audit
// entry, and released when the SMTP server refuses it (kernel/once.ts). Vietnamese first, then English; every link
// opens a workspace page (mail.links.test.ts follows them).
import { sql } from 'drizzle-orm';
import { workspacePage, workspaceUrl } from '../../../shared/contracts/links.js';
import { recordAudit, systemActor } from '../../kernel/audit.js';
import type { Config } from '../../kernel/config.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import type { IntervalJob } from '../../kernel/jobs.js';
import { smtpMailer, type Mailer } from '../../kernel/mail.js';
import { deliverOnce } from '../../kernel/once.js';
import { VN_OFFSET_MS, vnDate } from '../../kernel/periods.js';
import type { NotificationSource } from './notifications.sources.js';
import { AUDIT_ENTITY, generateNotifications } from './notifications.service.js';
import { fmtDate } from '../../kernel/format.js';

export const MAIL_SCOPE = 'notification-mail';
export const DIGEST_SCOPE = 'notification-digest';

type Pending = {
  id: number;
  user_id: number;
  name: string;
  email: string | null;
  digest: boolean;
  ok: boolean;
  title_vi: string;
  title_en: string;
  body_vi: string | null;
  body_en: string | null;
  link: string;
  due: string | null;
};

/** The message to one person: a notice alone, several from one pass, or the day's digest. */
export function notificationMessage(
  name: string,
  items: Pending[],
  baseUrl: string,
  opts: { digest?: string } = {},
): { subject: string; text: string } {
  const n = items.length;
  const settings = workspaceUrl(baseUrl, workspacePage.notificationSettings());
  const list = (lang: 'vi' | 'en') =>
    items.flatMap((i) => [
      `- ${lang === 'vi' ? i.title_vi : i.title_en}`,
      ...((lang === 'vi' ? i.body_vi : i.body_en) ? [`  ${lang === 'vi' ? i.body_vi : i.body_en}`] : []),
      ...(i.due ? [`  ${lang === 'vi' ? 'Hạn' : 'Due'}: ${fmtDate(i.due, lang)}`] : []),
      `  ${workspaceUrl(baseUrl, i.link)}`,
    ]);
  const vi = [
    `Kính gửi ${name},`,
    '',
    opts.digest
      ? `Tóm tắt thông báo RightsHub ngày ${fmtDate(opts.digest, 'vi')}:`
      : n === 1
        ? 'RightsHub thông báo:'
        : `RightsHub có ${n} thông báo mới cho bạn:`,
    '',
    ...list('vi'),
    '',
    `Chọn loại thông báo bạn nhận, qua hộp thư hay e-mail, và bản tóm tắt hằng ngày: ${settings}`,
  ];
  const en = [
    `Dear ${name},`,
    '',
    opts.digest
      ? `Your RightsHub digest of ${fmtDate(opts.digest, 'en')}:`
      : n === 1
        ? 'RightsHub notification:'
        : `RightsHub has ${n} new notifications for you:`,
    '',
    ...list('en'),
    '',
    `Choose which notifications you get, in the inbox or by e-mail, and a daily digest: ${settings}`,
  ];
  const subject = opts.digest
    ? `[RightsHub] Tóm tắt ngày ${fmtDate(opts.digest, 'vi')}: ${n} thông báo / Digest of ${fmtDate(opts.digest, 'en')}: ${n} notification(s)`
    : n === 1
      ? `[RightsHub] ${items[0]!.title_vi} / ${items[0]!.title_en}`
      : `[RightsHub] ${n} thông báo mới / ${n} new notifications`;
  return { subject, text: [...vi, '', '— English below —', '', ...en].join('\n') };
}

/** One pass of the e-mails; returns the number of messages sent. */
export async function mailNotifications(
  db: Db,
  mailer: Mailer,
  opts: { baseUrl: string; digestHour: number; now?: Date },
): Promise<number> {
  const now = opts.now ?? new Date();
  const day = vnDate(now);
  const hour = new Date(now.getTime() + VN_OFFSET_MS).getUTCHours();
  const pending = await rows<Pending>(
    db,
    sql`
    select n.id, n.user_id, u.display_name as name, u.email, coalesce(s.digest, false) as digest,
      (u.active and coalesce(trim(u.email), '') <> '' and u.role = n.told_role and u.organisation_id is not distinct from n.told_organisation_id) as ok,
      n.title_vi, n.title_en, n.body_vi, n.body_en, n.link, n.due::text as due
    from notifications n join users u on u.id = n.user_id left join notification_settings s on s.user_id = n.user_id
    where n.email_pending order by n.user_id, n.created_at, n.id limit 20000`,
  );
  // No longer theirs to receive (deactivated, no address, another role or organisation now): not sent.
  const gone = pending.filter((p) => !p.ok).map((p) => Number(p.id));
  if (gone.length) await db.execute(sql`update notifications set email_pending = false where id = any(${intArray(gone)})`);
  const byUser = new Map<number, Pending[]>();
  for (const p of pending) if (p.ok) byUser.set(Number(p.user_id), [...(byUser.get(Number(p.user_id)) ?? []), p]);
  const actor = systemActor('job', 'notifications');
  let sent = 0;
  let failure: unknown;
  for (const [userId, list] of byUser) {
    const digest = list[0]!.digest;
    if (digest && hour < opts.digestHour) continue;
    const to = [list[0]!.email!.trim()];
    const mark = async (tx: Db, items: Pending[], emailed: boolean) => {
      await tx.execute(
        sql`update notifications set email_pending = ${!emailed}, emailed_at = ${emailed ? now.toISOString() : null}::timestamptz where id = any(${intArray(items.map((i) => Number(i.id)))})`,
      );
    };
    try {
      // A digest: the person's day, claimed once; else each notice, claimed once, all in one message.
      const batches = digest ? [{ key: `${userId}:${day}`, items: list }] : list.map((i) => ({ key: String(i.id), items: [i] }));
      const mine = await deliverOnce(db, digest ? DIGEST_SCOPE : MAIL_SCOPE, batches, (b) => b.key, {
        record: async (tx, got) => {
          const items = got.flatMap((b) => b.items);
          await mark(tx, items, true);
          await recordAudit(tx, actor, 'mail', AUDIT_ENTITY, userId, null, {
            to,
            digest: digest ? day : null,
            notifications: items.map((i) => Number(i.id)),
          });
        },
        deliver: async (got) =>
          mailer.send({
            to,
            ...notificationMessage(
              list[0]!.name,
              got.flatMap((b) => b.items),
              opts.baseUrl,
              digest ? { digest: day } : {},
            ),
          }),
        undo: async (tx, got, err) => {
          await mark(
            tx,
            got.flatMap((b) => b.items),
            false,
          );
          await recordAudit(tx, actor, 'mail-failed', AUDIT_ENTITY, userId, null, { to, error: String((err as Error)?.message ?? err) });
        },
      });
      if (mine.length) sent++;
    } catch (err) {
      failure ??= err; // the others still get theirs
    }
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows the first error caught, whatever it was
  if (failure) throw failure;
  return sent;
}

export type RunOptions = {
  daysAhead: number;
  baseUrl: string;
  digestHour: number;
  mailer?: Mailer;
  now?: Date;
  sources?: NotificationSource[];
};

/** One pass of the job: the sources, then the e-mails; returns notices created + messages sent. */
export async function runNotifications(db: Db, opts: RunOptions): Promise<number> {
  let failure: unknown;
  const created = await generateNotifications(db, {
    daysAhead: opts.daysAhead,
    mail: Boolean(opts.mailer),
    now: opts.now,
    sources: opts.sources,
  }).catch((err: unknown) => {
    failure = err;
    return 0;
  });
  const sent = opts.mailer ? await mailNotifications(db, opts.mailer, opts) : 0;
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows the first error caught, whatever it was
  if (failure) throw failure;
  return created + sent;
}

/** The first pass after start: soon, so a restart (or a deployment) does not delay the day's notices by a whole
 *  interval. Several copies starting together are safe (see above). */
export const FIRST_RUN_MS = 30_000;

/** The job, with or without SMTP (without: the inbox only). */
export function notificationJobs(config: Config, opts: { firstRunMs?: number; mailer?: Mailer } = {}): IntervalJob[] {
  const mailer = opts.mailer ?? (config.smtp ? smtpMailer(config.smtp.url, config.smtp.from) : undefined);
  const { everyMs, daysAhead, digestHour } = config.notifications;
  return [
    {
      name: 'notifications.run',
      everyMs,
      firstRunMs: Math.min(opts.firstRunMs ?? FIRST_RUN_MS, everyMs),
      run: (db) => runNotifications(db, { daysAhead, digestHour, baseUrl: config.baseUrl, mailer }),
    },
  ];
}
