// The public side of the fact-checking desk: what members of the public send in, and the desk's answers.
//   - "send us a suspicious claim" (portal form): becomes a monitored item (source 'form') in the same transaction as
//     its fc_submissions row; no personal data required;
//   - complaints about a published fact-check, or about the desk in general: reply due COMPLAINT_REPLY_DAYS days after
//     the day received (Viet Nam time), tracked in the workspace; a reviewer or admin answers or rejects it;
//   - a way to answer the sender (an e-mail address) is kept only when they ticked the consent box (public_contacts,
//     outside the fc_ tables), and erased once the complaint is answered or the submission closed. The reply is
//     e-mailed first when SMTP is configured. Addresses never enter the audit log.
// Spam resistance of the forms (HMAC-signed token with its issue time, honeypot, link count) is checked by
// checkPublicForm before the services run; the portal adds a per-address rate limit (kernel/rateLimit:
// a keyed hash of the address, kept for the window only).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, count, desc, eq, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import * as C from '../../../shared/contracts/factcheck.js';
import { portalPage, portalUrl } from '../../../shared/contracts/links.js';
import { recordAudit, systemActor, type Actor } from '../../kernel/audit.js';
import { lockRow, type Db, iso } from '../../kernel/db.js';
import type { Mailer } from '../../kernel/mail.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { vnDate } from '../../kernel/periods.js';
import { ingestItems } from './factcheck.items.js';
import { assertMayWrite, assertReviewer } from './factcheck.roles.js';
import { fcClaims, fcComplaints, fcCorrections, fcItems, fcSubmissions, publicContacts } from './factcheck.tables.js';
import { fmtDate } from '../../kernel/format.js';

export const SUBMISSION_ENTITY = 'fc_submission';
export const COMPLAINT_ENTITY = 'fc_complaint';
/** A form sent back sooner than this after it was served is refused (a person reads before sending). */
export const FORM_MIN_MS = 3_000;
/** A form older than this is refused (the reader reloads the page). */
export const FORM_MAX_AGE_MS = 24 * 3600_000;
/** The public writes as this actor (no user behind it). */
export const publicActor = (): Actor => systemActor('api', 'public form');

type Detail = { field: string; message: string };
const M = C.DESK_MESSAGES;
const fail = (details: Detail[]) => new AppError('validation_failed', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);

// ---------------------------------------------------------------- form tokens and spam checks

const PROCESS_SECRET = randomBytes(32).toString('hex');
export type FormKind = 'submit' | 'complaint';
/** The key for anything the forms sign or hash: the configured secret, else this process's random one. */
export const formKeySecret = (secret: string | undefined) => secret ?? PROCESS_SECRET;
const mac = (secret: string, kind: FormKind, issued: number) =>
  createHmac('sha256', secret).update(`fc-form:${kind}:${issued}`).digest('base64url');

/** A token the form carries: when it was issued, signed with the server's secret (config FORM_SECRET). */
export function formToken(secret: string | undefined, kind: FormKind, now = new Date()): string {
  const issued = now.getTime();
  return `${issued}.${mac(secret ?? PROCESS_SECRET, kind, issued)}`;
}

/** The token's problem, if any: not ours (or for another form), sent too fast, or too old. */
export function checkFormToken(secret: string | undefined, kind: FormKind, token: string, now = new Date()): 'token' | 'tooFast' | null {
  const m = /^(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return 'token';
  const issued = Number(m[1]);
  const want = Buffer.from(mac(secret ?? PROCESS_SECRET, kind, issued));
  const got = Buffer.from(m[2]!);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return 'token';
  const age = now.getTime() - issued;
  if (age > FORM_MAX_AGE_MS || age < -60_000) return 'token';
  if (age < FORM_MIN_MS) return 'tooFast';
  return null;
}

/** The form-level checks of a public form: the honeypot stays empty and the token is good. */
export function checkPublicForm(
  secret: string | undefined,
  kind: FormKind,
  form: { token: string; honeypot: string },
  now = new Date(),
): Detail[] {
  if (form.honeypot.trim() !== '') return [{ field: 'website', message: M.honeypot }];
  const t = checkFormToken(secret, kind, form.token, now);
  return t ? [{ field: 'form', message: M[t] }] : [];
}

const LINK = /\bhttps?:\/\/|\bwww\./gi;
export const countLinks = (...texts: string[]) => texts.reduce((n, s) => n + (s.match(LINK)?.length ?? 0), 0);
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

function contactDetails(email: string, consent: boolean): Detail[] {
  if (!email) return [];
  if (!EMAIL.test(email)) return [{ field: 'email', message: M.email }];
  if (!consent) return [{ field: 'email', message: M.consent }];
  return [];
}

async function keepContact(tx: Db, email: string, consent: boolean, now: Date): Promise<number | null> {
  if (!email || !consent) return null;
  const [c] = await tx.insert(publicContacts).values({ email: email.toLowerCase(), consentAt: now }).returning({ id: publicContacts.id });
  return c!.id;
}

export const submissionReference = (id: number) => `S-${String(id).padStart(6, '0')}`;
export const complaintReference = (id: number) => `C-${String(id).padStart(6, '0')}`;

// ---------------------------------------------------------------- "send us a suspicious claim"

/** A claim sent in by the public: a monitored item (source 'form') and its fc_submissions row, one transaction. */
export async function submitClaim(db: Db, raw: unknown, now = new Date()): Promise<{ id: number; reference: string; itemId: number }> {
  const input = parseInput(C.SubmissionInput, raw);
  const text = nfc(input.text);
  const url = input.url.trim();
  const details: Detail[] = [];
  if (!text && !url) details.push({ field: 'text', message: M.textOrUrl });
  if (url && !C.isHttpUrl(url)) details.push({ field: 'url', message: M.url });
  if (countLinks(text, input.note) + (url ? 1 : 0) > C.PUBLIC_FORM_MAX_LINKS)
    details.push({ field: text ? 'text' : 'note', message: M.tooManyLinks });
  details.push(...contactDetails(input.email, input.consent));
  if (details.length) throw fail(details);
  const actor = publicActor();
  return db.transaction(async (tx) => {
    const contactId = await keepContact(tx, input.email, input.consent, now);
    const item = C.ItemInput.parse({ text, url: url || null, platform: input.platform, publishedAt: null });
    const r = await ingestItems(tx, actor, [item], 'form');
    const itemId = r.ids[0]!;
    const [s] = await tx
      .insert(fcSubmissions)
      .values({ itemId, note: input.note ? nfc(input.note) : null, locale: input.locale, contactId, receivedAt: now })
      .returning({ id: fcSubmissions.id });
    await recordAudit(tx, actor, 'create', SUBMISSION_ENTITY, s!.id, null, {
      itemId,
      note: input.note || null,
      locale: input.locale,
      platform: input.platform,
      contact: contactId ? 'kept' : 'none',
    });
    return { id: s!.id, reference: submissionReference(s!.id), itemId };
  });
}

// ---------------------------------------------------------------- complaints

/** The day a reply is due: the day received (Viet Nam) + COMPLAINT_REPLY_DAYS. */
export function replyDueFor(received: Date): string {
  const d = new Date(`${vnDate(received)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + C.COMPLAINT_REPLY_DAYS);
  return d.toISOString().slice(0, 10);
}
const dayDiff = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export async function submitComplaint(
  db: Db,
  raw: unknown,
  now = new Date(),
): Promise<{ id: number; reference: string; replyDue: string }> {
  const input = parseInput(C.ComplaintInput, raw);
  const text = nfc(input.text);
  const details: Detail[] = [];
  if (text.length < 10) details.push({ field: 'text', message: M.complaintText });
  else if (countLinks(text) > C.PUBLIC_FORM_MAX_LINKS) details.push({ field: 'text', message: M.tooManyLinks });
  details.push(...contactDetails(input.email, input.consent));
  if (input.claimId) {
    const [c] = await db.select({ status: fcClaims.status }).from(fcClaims).where(eq(fcClaims.id, input.claimId));
    if (!c || !['published', 'corrected', 'withdrawn'].includes(c.status)) details.push({ field: 'claimId', message: M.claim });
  }
  if (details.length) throw fail(details);
  const actor = publicActor();
  return db.transaction(async (tx) => {
    const contactId = await keepContact(tx, input.email, input.consent, now);
    const replyDue = replyDueFor(now);
    const [r] = await tx
      .insert(fcComplaints)
      .values({ claimId: input.claimId ?? null, text, locale: input.locale, contactId, receivedAt: now, replyDue })
      .returning({ id: fcComplaints.id });
    await recordAudit(tx, actor, 'create', COMPLAINT_ENTITY, r!.id, null, {
      claimId: input.claimId ?? null,
      text,
      locale: input.locale,
      replyDue,
      contact: contactId ? 'kept' : 'none',
    });
    return { id: r!.id, reference: complaintReference(r!.id), replyDue };
  });
}

const contactState = (contactId: number | null, email: string | null): 'kept' | 'erased' | 'none' =>
  contactId === null ? 'none' : email ? 'kept' : 'erased';

const complaintColumns = {
  c: fcComplaints,
  claimText: fcClaims.text,
  email: publicContacts.email,
};
type ComplaintRow = { c: typeof fcComplaints.$inferSelect; claimText: string | null; email: string | null };
function presentComplaint(r: ComplaintRow, today: string): C.Complaint {
  const c = r.c;
  const open = c.status === 'open';
  const daysLeft = open ? dayDiff(today, c.replyDue) : null;
  return {
    id: c.id,
    claimId: c.claimId,
    claimText: r.claimText,
    text: c.text,
    locale: c.locale,
    receivedAt: iso(c.receivedAt)!,
    replyDue: c.replyDue,
    status: c.status as C.Complaint['status'],
    reply: c.reply,
    repliedBy: c.repliedBy,
    repliedAt: iso(c.repliedAt),
    correctionVersion: c.correctionVersion,
    contact: contactState(c.contactId, r.email),
    daysLeft,
    overdue: open && daysLeft! < 0,
  };
}
const complaintQuery = (db: Db) =>
  db
    .select(complaintColumns)
    .from(fcComplaints)
    .leftJoin(fcClaims, eq(fcClaims.id, fcComplaints.claimId))
    .leftJoin(publicContacts, eq(publicContacts.id, fcComplaints.contactId));

/** Complaints for the workspace: open ones first by due date; `overdue=true` keeps open ones past their due day. */
export async function listComplaints(db: Db, raw: unknown, now = new Date()): Promise<{ total: number; rows: C.Complaint[] }> {
  const q = parseInput(C.ComplaintListQuery, raw);
  const today = vnDate(now);
  const where: SQL[] = [];
  if (q.status) where.push(eq(fcComplaints.status, q.status));
  if (q.overdue === 'true') where.push(eq(fcComplaints.status, 'open'), lt(fcComplaints.replyDue, today));
  if (q.overdue === 'false') where.push(sql`not (${fcComplaints.status} = 'open' and ${fcComplaints.replyDue} < ${today})`);
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = (await db.select({ n: count() }).from(fcComplaints).where(cond)) as [{ n: number }];
  const list = await complaintQuery(db)
    .where(cond)
    .orderBy(sql`case when ${fcComplaints.status} = 'open' then 0 else 1 end`, asc(fcComplaints.replyDue), desc(fcComplaints.id))
    .limit(q.limit)
    .offset(q.offset);
  return { total: Number(n), rows: list.map((r) => presentComplaint(r, today)) };
}

export async function getComplaint(db: Db, id: number, now = new Date()): Promise<C.Complaint> {
  const [r] = await complaintQuery(db).where(eq(fcComplaints.id, id));
  if (!r) throw notFound(`Complaint ${id}`);
  return presentComplaint(r, vnDate(now));
}

/** The reply e-mailed to the sender, in the language of the form they used; with the server's base URL it links to
 *  the public page of the fact-check complained about (where a correction it led to is shown). */
function replyMail(locale: string, complaint: C.Complaint, reply: string, baseUrl?: string): { subject: string; text: string } {
  const ref = complaintReference(complaint.id);
  const lang = locale === 'en' ? 'en' : 'vi';
  const page = baseUrl && complaint.claimId !== null ? portalUrl(baseUrl, portalPage.factCheck(lang, complaint.claimId)) : null;
  if (lang === 'en') {
    return {
      subject: `Your complaint ${ref} to the fact-checking desk`,
      text: `Thank you for writing to us.\n\nYour complaint (${ref}, received ${fmtDate(complaint.receivedAt, 'en')}):\n${complaint.text}\n\n${page ? `The fact-check: ${page}\n\n` : ''}Our reply:\n${reply}\n\nYour e-mail address has now been erased from our records.`,
    };
  }
  return {
    subject: `Khiếu nại ${ref} gửi bộ phận kiểm chứng thông tin`,
    text: `Cảm ơn bạn đã gửi ý kiến.\n\nKhiếu nại của bạn (${ref}, nhận ngày ${fmtDate(complaint.receivedAt, 'vi')}):\n${complaint.text}\n\n${page ? `Bài kiểm chứng: ${page}\n\n` : ''}Trả lời của chúng tôi:\n${reply}\n\nĐịa chỉ e-mail của bạn đã được xoá khỏi hệ thống.`,
  };
}

async function eraseContact(tx: Db, contactId: number | null, now: Date): Promise<boolean> {
  if (contactId === null) return false;
  const r = await tx
    .update(publicContacts)
    .set({ email: null, erasedAt: now })
    .where(and(eq(publicContacts.id, contactId), isNull(publicContacts.erasedAt)))
    .returning({ id: publicContacts.id });
  return r.length > 0;
}

/** Answers (or rejects) an open complaint: records the reply, who and when; e-mails it when a mailer is given and
 *  the sender left an address; then erases the address. A failed e-mail leaves the complaint open. */
export async function replyComplaint(
  db: Db,
  actor: Actor,
  id: number,
  raw: unknown,
  opts: { mailer?: Mailer; now?: Date; baseUrl?: string } = {},
): Promise<C.Complaint & { mailed: boolean }> {
  assertReviewer(actor, 'answer a complaint');
  const input = parseInput(C.ComplaintReplyInput, raw);
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const before = await lockRow(tx, 'fc_complaints', id, 'Complaint', (d, i) => getComplaint(d, i, now));
    if (before.status !== 'open')
      throw new AppError('conflict', `Complaint ${id} is already ${before.status}`, [{ field: 'status', message: `is ${before.status}` }]);
    if (input.correctionVersion) {
      const ok =
        before.claimId !== null &&
        (
          await tx
            .select({ v: fcCorrections.version })
            .from(fcCorrections)
            .where(and(eq(fcCorrections.claimId, before.claimId), eq(fcCorrections.version, input.correctionVersion)))
        ).length > 0;
      if (!ok) throw fail([{ field: 'correctionVersion', message: 'no correction with this version on the fact-check complained about' }]);
    }
    const reply = nfc(input.reply);
    await tx
      .update(fcComplaints)
      .set({ status: input.status, reply, repliedBy: actor.userId, repliedAt: now, correctionVersion: input.correctionVersion ?? null })
      .where(eq(fcComplaints.id, id));
    const [row] = await tx
      .select({ contactId: fcComplaints.contactId, email: publicContacts.email })
      .from(fcComplaints)
      .leftJoin(publicContacts, eq(publicContacts.id, fcComplaints.contactId))
      .where(eq(fcComplaints.id, id));
    let mailed = false;
    if (row?.email && opts.mailer) {
      try {
        await opts.mailer.send({ to: [row.email], ...replyMail(before.locale, before, reply, opts.baseUrl) });
      } catch {
        // Nothing is written: the complaint stays open and the address is kept for another try.
        throw new AppError(
          'conflict',
          'The reply could not be e-mailed (the mail server refused or did not answer); the complaint stays open — try again later',
          [{ field: 'reply', message: 'not sent' }],
        );
      }
      mailed = true;
    }
    await eraseContact(tx, row?.contactId ?? null, now);
    const after = await getComplaint(tx, id, now);
    await recordAudit(tx, actor, input.status === 'answered' ? 'answer' : 'reject', COMPLAINT_ENTITY, id, before, { ...after, mailed });
    return { ...after, mailed };
  });
}

// ---------------------------------------------------------------- submissions in the workspace

const submissionQuery = (db: Db) =>
  db
    .select({ s: fcSubmissions, email: publicContacts.email, text: fcItems.text, url: fcItems.url, platform: fcItems.platform })
    .from(fcSubmissions)
    .innerJoin(fcItems, eq(fcItems.id, fcSubmissions.itemId))
    .leftJoin(publicContacts, eq(publicContacts.id, fcSubmissions.contactId));
type SubmissionRow = Awaited<ReturnType<ReturnType<typeof submissionQuery>['where']>>[number];
const presentSubmission = (r: SubmissionRow): C.Submission => ({
  id: r.s.id,
  itemId: r.s.itemId,
  itemText: r.text,
  itemUrl: r.url,
  platform: r.platform,
  note: r.s.note,
  locale: r.s.locale,
  receivedAt: iso(r.s.receivedAt)!,
  contact: contactState(r.s.contactId, r.email),
});

/** What the public sent in, newest first, with the item each became and whether an address is kept. */
export async function listSubmissions(db: Db, raw: unknown): Promise<{ total: number; rows: C.Submission[] }> {
  const q = parseInput(C.SubmissionListQuery, raw);
  const where: SQL[] = [];
  if (q.contact === 'none') where.push(isNull(fcSubmissions.contactId));
  if (q.contact === 'kept') where.push(isNotNull(publicContacts.email));
  if (q.contact === 'erased') where.push(isNotNull(fcSubmissions.contactId), isNull(publicContacts.email));
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = (await db
    .select({ n: count() })
    .from(fcSubmissions)
    .leftJoin(publicContacts, eq(publicContacts.id, fcSubmissions.contactId))
    .where(cond)) as [{ n: number }];
  const list = await submissionQuery(db)
    .where(cond)
    .orderBy(desc(fcSubmissions.receivedAt), desc(fcSubmissions.id))
    .limit(q.limit)
    .offset(q.offset);
  return { total: Number(n), rows: list.map(presentSubmission) };
}

/** Closes a submission: the sender's address (if any) is erased. */
export async function closeSubmission(db: Db, actor: Actor, id: number, now = new Date()): Promise<C.Submission> {
  assertMayWrite(actor);
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(fcSubmissions).where(eq(fcSubmissions.id, id)).for('update');
    if (!s) throw notFound(`Submission ${id}`);
    const erased = await eraseContact(tx, s.contactId, now);
    if (!erased)
      throw new AppError('conflict', `Submission ${id} has no contact address to erase`, [
        { field: 'contact', message: s.contactId ? 'already erased' : 'none given' },
      ]);
    await recordAudit(tx, actor, 'close', SUBMISSION_ENTITY, id, { contact: 'kept' }, { contact: 'erased' });
    const [r] = await submissionQuery(tx).where(eq(fcSubmissions.id, id));
    return presentSubmission(r!);
  });
}
