// The desk's public side end to end on a real database: the "send us a suspicious claim" form (a good one becomes a
// monitored item with source 'form', nothing author-like kept; honeypot, too fast, bad or expired token, link limit,
// the consent rule, 429 after five sends from one address), complaints (reply due 14 days after the day received,
// the overdue filter, only a reviewer or admin answers, the reply is mailed and the address erased), submissions in
// the workspace (closing erases the address).
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import { COMPLAINT_REPLY_DAYS } from '../../../shared/contracts/factcheck.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import type { MailMessage } from '../../kernel/mail.js';
import { formToken, replyComplaint, replyDueFor, submitComplaint } from './factcheck.desk.js';
import { addEvidence, createClaim, transitionClaim, updateDraft } from './factcheck.service.js';

const SECRET = 'desk-test-secret-0123456789';
let app: Awaited<ReturnType<typeof testApp>>['app'];
let db: Db;
let analyst: Session, reviewer: Session, viewer: Session;
let reviewerActor: Actor;
let publishedId = 0,
  draftId = 0;
let ipSeq = 10;
const nextIp = () => `203.0.113.${ipSeq++}`;

/** A token issued `agoMs` ago (a person takes a few seconds to fill a form). */
const token = (kind: 'submit' | 'complaint', agoMs = 10_000) => formToken(SECRET, kind, new Date(Date.now() - agoMs));
const form = (url: string, fields: Record<string, string>, ip = nextIp()) =>
  app.inject({
    method: 'POST',
    url,
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
const count = async (table: string) =>
  Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n);
const call = (s: Session | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: s?.headers ?? {}, ...(payload !== undefined ? { payload: payload as object } : {}) });

beforeAll(async () => {
  const t = await testApp({ FORM_SECRET: SECRET });
  app = t.app;
  db = t.db;
  const [a, r, v] = [await makeUser(db, 'analyst'), await makeUser(db, 'reviewer'), await makeUser(db, 'viewer')];
  analyst = await signIn(app, a.username, TEST_PASSWORD);
  reviewer = await signIn(app, r.username, TEST_PASSWORD);
  viewer = await signIn(app, v.username, TEST_PASSWORD);
  const aa: Actor = { userId: a.id, name: a.username, role: 'analyst', organisationId: null, via: 'api' };
  reviewerActor = { userId: r.id, name: r.username, role: 'reviewer', organisationId: null, via: 'api' };
  const mk = async (text: string, publish: boolean) => {
    const c = await createClaim(db, aa, { text });
    await transitionClaim(db, aa, c.id, { to: 'researching' });
    await addEvidence(db, aa, c.id, {
      url: 'https://example.org/src',
      title: 'Nguồn',
      snapshot: 'Văn bản căn cứ.',
      fetchedAt: '2026-11-01',
    });
    await updateDraft(db, aa, c.id, { ratingCode: 'false', rationaleVi: 'Căn cứ.' });
    await transitionClaim(db, aa, c.id, { to: 'drafted' });
    if (publish) {
      await transitionClaim(db, reviewerActor, c.id, { to: 'approved' });
      await transitionClaim(db, reviewerActor, c.id, { to: 'published' });
    }
    return c.id;
  };
  publishedId = await mk('Nhận định đã công bố để khiếu nại về quyền trẻ em', true);
  draftId = await mk('Nhận định chưa công bố', false);
});

describe('"send us a suspicious claim"', () => {
  it('a good submission becomes a monitored item (source form), audited, with nothing author-like stored', async () => {
    const before = await count('fc_submissions');
    const res = await form('/kiem-chung/gui-tin', {
      token: token('submit'),
      website: '',
      text: 'Có tin nói Việt Nam cấm học sinh dân tộc thiểu số học tiếng mẹ đẻ',
      url: 'https://social.example/p/42',
      platform: 'facebook',
      note: 'Thấy trên một nhóm lớn',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/mã tham chiếu S-\d{6}/);
    expect(res.body).toContain('Bạn không để lại địa chỉ liên hệ');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(await count('fc_submissions')).toBe(before + 1);
    const [s] = await rows<{ id: number; item_id: number; note: string; locale: string; contact_id: number | null }>(
      db,
      sql`select * from fc_submissions order by id desc limit 1`,
    );
    expect(s).toMatchObject({ note: 'Thấy trên một nhóm lớn', locale: 'vi', contact_id: null });
    const [item] = await rows<Record<string, unknown>>(db, sql`select * from fc_items where id = ${s!.item_id}`);
    expect(item).toMatchObject({
      source: 'form',
      url: 'https://social.example/p/42',
      platform: 'facebook',
      text: 'Có tin nói Việt Nam cấm học sinh dân tộc thiểu số học tiếng mẹ đẻ',
    });
    expect(item!.created_by).toBeNull();
    expect(Object.keys(item!).filter((k) => /author|handle|name|profile|follower|email|ip/.test(k))).toEqual([]);
    const audit = await rows<{ actor_name: string; action: string }>(
      db,
      sql`select actor_name, action from audit_log where entity = 'fc_submission' and entity_id = ${String(s!.id)}`,
    );
    expect(audit).toEqual([{ actor_name: 'public form', action: 'create' }]);
  });

  it('an e-mail without the consent box is refused beside the field, values kept; with consent it is kept outside the fc_ tables only', async () => {
    const bad = await form('/en/fact-checks/submit', {
      token: token('submit'),
      website: '',
      text: 'A suspicious claim about press freedom in Viet Nam',
      email: 'reader@mail.example',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(
      '<p class="field-error" id="fc-email-error">Tick the consent box so that we may keep your e-mail address, or remove the address.</p>',
    );
    expect(bad.body).toContain('value="reader@mail.example"');
    expect(bad.body).toContain('A suspicious claim about press freedom in Viet Nam</textarea>');
    expect(bad.body).toMatch(/aria-invalid="true" aria-describedby="fc-email-error fc-email-hint"/);
    const contacts = await count('public_contacts');
    const ok = await form('/en/fact-checks/submit', {
      token: token('submit'),
      website: '',
      text: 'A suspicious claim about press freedom in Viet Nam',
      email: 'Reader@Mail.example',
      consent: 'yes',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('We will answer at the e-mail address you gave');
    expect(await count('public_contacts')).toBe(contacts + 1);
    const [c] = await rows<{ email: string; consent_at: string | null }>(
      db,
      sql`select email, consent_at from public_contacts order by id desc limit 1`,
    );
    expect(c!.email).toBe('reader@mail.example');
    expect(c!.consent_at).not.toBeNull();
    // The address is nowhere else: not in any fc_ table, not in the audit log.
    const tables = await rows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_name like 'fc\\_%'`,
    );
    for (const { table_name } of tables) {
      const hits = await rows<{ n: number }>(
        db,
        sql`select count(*)::int as n from ${sql.identifier(table_name)} t where lower(row_to_json(t)::text) like '%reader@mail.example%'`,
      );
      expect(hits[0]!.n, table_name).toBe(0);
    }
    expect(
      (
        await rows<{ n: number }>(
          db,
          sql`select count(*)::int as n from audit_log where lower(coalesce(after::text, '')) like '%reader@mail.example%'`,
        )
      )[0]!.n,
    ).toBe(0);
  });

  it('refuses a filled honeypot, a form sent too fast, a forged or expired token — storing nothing', async () => {
    const before = await count('fc_submissions');
    const fields = { website: '', text: 'Tin đáng ngờ về quyền tự do ngôn luận', platform: 'web' };
    const honey = await form('/kiem-chung/gui-tin', { ...fields, token: token('submit'), website: 'http://spam.example' });
    expect(honey.statusCode).toBe(400);
    expect(honey.body).toContain('Ô này phải để trống.');
    const fresh = formToken(SECRET, 'submit');
    const fast = await form('/kiem-chung/gui-tin', { ...fields, token: fresh });
    expect(fast.statusCode).toBe(400);
    expect(fast.body).toContain('Biểu mẫu được gửi quá nhanh');
    expect(fast.body).toContain(`value="${fresh}"`); // the same token is served again: its time keeps counting
    expect(fast.body).toContain('Tin đáng ngờ về quyền tự do ngôn luận</textarea>');
    const forged = `${Date.now() - 10_000}.${'A'.repeat(43)}`;
    const bad = await form('/kiem-chung/gui-tin', { ...fields, token: forged });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Biểu mẫu đã hết hạn hoặc không được gửi từ trang của chúng tôi');
    expect(bad.body).not.toContain(`value="${forged}"`);
    const otherKey = formToken('another-secret-0123456789', 'submit', new Date(Date.now() - 10_000));
    expect((await form('/kiem-chung/gui-tin', { ...fields, token: otherKey })).statusCode).toBe(400);
    expect((await form('/kiem-chung/gui-tin', { ...fields, token: token('complaint') })).statusCode).toBe(400); // another form's token
    expect((await form('/kiem-chung/gui-tin', { ...fields, token: token('submit', 25 * 3600_000) })).statusCode).toBe(400);
    expect((await form('/kiem-chung/gui-tin', { text: 'không có token' })).statusCode).toBe(400);
    expect(await count('fc_submissions')).toBe(before);
  });

  it('checks the fields: text or URL, an http(s) URL, at most three links', async () => {
    const empty = await form('/kiem-chung/gui-tin', { token: token('submit'), website: '', text: '', url: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<p class="field-error" id="fc-text-error">Nhập nội dung, đường dẫn hoặc cả hai.</p>');
    const js = await form('/en/fact-checks/submit', { token: token('submit'), website: '', url: 'javascript:alert(1)' });
    expect(js.body).toContain('<p class="field-error" id="fc-url-error">The link must start with http:// or https://.</p>');
    const spam = await form('/en/fact-checks/submit', {
      token: token('submit'),
      website: '',
      text: 'buy http://a.example http://b.example www.c.example',
      url: 'https://d.example',
    });
    expect(spam.statusCode).toBe(400);
    expect(spam.body).toContain('Too many links (at most 3).');
    const urlOnly = await form('/en/fact-checks/submit', {
      token: token('submit'),
      website: '',
      url: 'https://video.example/watch?v=1',
      platform: 'youtube',
    });
    expect(urlOnly.statusCode).toBe(200);
  });

  it('answers the sixth form from one address within ten minutes with 429 (an HTML page)', async () => {
    const ip = '198.51.100.77';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await form('/kiem-chung/gui-tin', { token: token('submit'), website: '', text: `Tin thử số ${i} về quyền con người` }, ip))
          .statusCode,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const last = await form('/kiem-chung/gui-tin', { token: token('submit'), website: '', text: 'Lần nữa' }, ip);
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(last.body).toContain('Bạn đã gửi quá nhiều lần');
    // Another address is not affected.
    expect((await form('/kiem-chung/gui-tin', { token: token('submit'), website: '', text: 'Tin từ người khác' })).statusCode).toBe(200);
  });
});

describe('complaints', () => {
  it('the reply is due 14 days after the day received in Viet Nam time', async () => {
    expect(COMPLAINT_REPLY_DAYS).toBe(14);
    expect(replyDueFor(new Date('2026-11-01T20:00:00Z'))).toBe('2026-11-16'); // 03:00 on 2 November in Viet Nam
    expect(replyDueFor(new Date('2026-12-25T10:00:00Z'))).toBe('2027-01-08');
    const res = await form('/kiem-chung/khieu-nai', {
      token: token('complaint'),
      website: '',
      claimId: String(publishedId),
      text: 'Bài kiểm chứng bỏ qua một văn bản mới ban hành.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/mã tham chiếu C-\d{6}; hạn trả lời: \d{2}\/\d{2}\/\d{4}/);
    const [c] = await rows<{ claim_id: number; reply_due: string; status: string; received_at: string }>(
      db,
      sql`select claim_id, reply_due::text, status, received_at from fc_complaints order by id desc limit 1`,
    );
    expect(c).toMatchObject({ claim_id: publishedId, status: 'open', reply_due: replyDueFor(new Date(c!.received_at)) });
  });

  it('checks the complaint: some text, a public fact-check only, the same consent rule and form guard', async () => {
    const short = await form('/en/fact-checks/complaints', { token: token('complaint'), website: '', text: 'bad' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Say what you think is wrong (at least 10 characters).');
    const draft = await form('/en/fact-checks/complaints', {
      token: token('complaint'),
      website: '',
      claimId: String(draftId),
      text: 'About a claim nobody can see yet.',
    });
    expect(draft.statusCode).toBe(400);
    expect(draft.body).toContain('No such published fact-check.');
    const noConsent = await form('/en/fact-checks/complaints', {
      token: token('complaint'),
      website: '',
      text: 'The rating is wrong, see the new decree.',
      email: 'x@mail.example',
    });
    expect(noConsent.body).toContain('Tick the consent box');
    expect(
      (
        await form('/en/fact-checks/complaints', {
          token: formToken(SECRET, 'complaint'),
          website: '',
          text: 'The rating is wrong, see the new decree.',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('lists complaints with days left; overdue=true keeps the open ones past their due day', async () => {
    const old = await submitComplaint(
      db,
      { text: 'Khiếu nại cũ chưa được trả lời đúng hạn.', locale: 'vi' },
      new Date(Date.now() - 30 * 86_400_000),
    );
    const fresh = await submitComplaint(db, { text: 'Khiếu nại mới nhận hôm nay về bài kiểm chứng.', claimId: publishedId, locale: 'vi' });
    const all = (await call(viewer, 'GET', '/api/factcheck/complaints')).json();
    const oldRow = all.rows.find((r: { id: number }) => r.id === old.id);
    const freshRow = all.rows.find((r: { id: number }) => r.id === fresh.id);
    expect(oldRow).toMatchObject({ status: 'open', overdue: true, daysLeft: -16, contact: 'none' });
    expect(freshRow).toMatchObject({
      overdue: false,
      daysLeft: COMPLAINT_REPLY_DAYS,
      replyDue: replyDueFor(new Date()),
      claimText: 'Nhận định đã công bố để khiếu nại về quyền trẻ em',
    });
    expect(all.rows[0].id).toBe(old.id); // open, earliest due first
    const overdue = (await call(viewer, 'GET', '/api/factcheck/complaints?overdue=true')).json();
    expect(overdue.rows.map((r: { id: number }) => r.id)).toEqual([old.id]);
    expect(overdue.total).toBe(1);
    expect((await call(null, 'GET', '/api/factcheck/complaints')).statusCode).toBe(401);
  });

  it('only a reviewer or admin answers; the reply is mailed, then the address erased; a second reply is refused', async () => {
    const c = await submitComplaint(db, {
      text: 'Xin xem lại kết luận của bài kiểm chứng này.',
      claimId: publishedId,
      email: 'nguoi.doc@mail.example',
      consent: true,
      locale: 'vi',
    });
    for (const s of [viewer, analyst]) {
      const r = await call(s, 'POST', `/api/factcheck/complaints/${c.id}/reply`, { status: 'answered', reply: 'Cảm ơn bạn.' });
      expect(r.statusCode).toBe(403);
    }
    const invalid = await call(reviewer, 'POST', `/api/factcheck/complaints/${c.id}/reply`, {
      status: 'answered',
      reply: 'Đã xem lại.',
      correctionVersion: 7,
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details[0].field).toBe('correctionVersion');
    const sent: MailMessage[] = [];
    const r = await replyComplaint(
      db,
      reviewerActor,
      c.id,
      { status: 'answered', reply: 'Chúng tôi đã xem lại; kết luận giữ nguyên vì văn bản mới chưa có hiệu lực.' },
      {
        mailer: {
          send: async (m) => {
            sent.push(m);
          },
        },
      },
    );
    expect(r).toMatchObject({
      status: 'answered',
      repliedBy: reviewerActor.userId,
      contact: 'erased',
      mailed: true,
      daysLeft: null,
      overdue: false,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toEqual(['nguoi.doc@mail.example']);
    expect(sent[0]!.text).toContain('kết luận giữ nguyên');
    const [contact] = await rows<{ email: string | null; erased_at: string | null }>(
      db,
      sql`select pc.email, pc.erased_at from public_contacts pc join fc_complaints c on c.contact_id = pc.id where c.id = ${c.id}`,
    );
    expect(contact!.email).toBeNull();
    expect(contact!.erased_at).not.toBeNull();
    expect(
      (
        await rows<{ n: number }>(
          db,
          sql`select count(*)::int as n from audit_log where after::text like '%nguoi.doc@mail.example%' or before::text like '%nguoi.doc@mail.example%'`,
        )
      )[0]!.n,
    ).toBe(0);
    const again = await call(reviewer, 'POST', `/api/factcheck/complaints/${c.id}/reply`, { status: 'rejected', reply: 'Trùng lặp.' });
    expect(again.statusCode).toBe(409);
  });

  it('through the API without SMTP: answered or rejected, the address erased all the same', async () => {
    const c = await submitComplaint(db, {
      text: 'Spam-like complaint about nothing in particular.',
      email: 'spam@mail.example',
      consent: true,
      locale: 'en',
    });
    const r = await call(reviewer, 'POST', `/api/factcheck/complaints/${c.id}/reply`, {
      status: 'rejected',
      reply: 'Out of scope: not about a fact-check.',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      status: 'rejected',
      reply: 'Out of scope: not about a fact-check.',
      mailed: false,
      contact: 'erased',
    });
    expect((await call(viewer, 'GET', '/api/factcheck/complaints?status=rejected')).json().rows.map((x: { id: number }) => x.id)).toContain(
      c.id,
    );
  });
});

describe('submissions in the workspace', () => {
  it('lists each submission with its item and contact state; closing erases the address', async () => {
    const res = await form('/kiem-chung/gui-tin', {
      token: token('submit'),
      website: '',
      text: 'Tin cần kiểm tra về quyền của người khuyết tật',
      email: 'ban.doc@mail.example',
      consent: 'on',
    });
    expect(res.statusCode).toBe(200);
    const list = (await call(viewer, 'GET', '/api/factcheck/submissions?contact=kept')).json();
    const row = list.rows.find((r: { itemText: string }) => r.itemText === 'Tin cần kiểm tra về quyền của người khuyết tật');
    expect(row).toMatchObject({ contact: 'kept', locale: 'vi' });
    expect(row.itemId).toBeGreaterThan(0);
    expect(JSON.stringify(list)).not.toContain('ban.doc@mail.example');
    expect((await call(viewer, 'POST', `/api/factcheck/submissions/${row.id}/close`)).statusCode).toBe(403);
    const closed = await call(analyst, 'POST', `/api/factcheck/submissions/${row.id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ id: row.id, contact: 'erased' });
    expect(
      (await rows<{ n: number }>(db, sql`select count(*)::int as n from public_contacts where email = 'ban.doc@mail.example'`))[0]!.n,
    ).toBe(0);
    expect((await call(analyst, 'POST', `/api/factcheck/submissions/${row.id}/close`)).statusCode).toBe(409);
    const item = (await call(analyst, 'GET', `/api/factcheck/items/${row.itemId}`)).json();
    expect(item.source).toBe('form');
  });
});

describe('the reply through a real SMTP conversation (SMTP_URL set)', () => {
  let smtp: SMTPServer;
  let mailApp: Awaited<ReturnType<typeof testApp>>['app'];
  let mailDb: Db;
  let boss: Session;
  let refuse = false;
  const inbox: { to: string[]; raw: string }[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (refuse) return cb(new Error('mailbox unavailable'));
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as { port: number }).port;
    const t = await testApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'kiemchung@example.test' });
    mailApp = t.app;
    mailDb = t.db;
    const u = await makeUser(mailDb, 'admin');
    boss = await signIn(mailApp, u.username, TEST_PASSWORD);
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it('a refused message leaves the complaint open with its address; once sent, the address is erased', async () => {
    const c = await submitComplaint(mailDb, {
      text: 'Please look at this fact-check again, the decree changed.',
      email: 'reader2@mail.example',
      consent: true,
      locale: 'en',
    });
    const reply = (payload: object) =>
      mailApp.inject({ method: 'POST', url: `/api/factcheck/complaints/${c.id}/reply`, headers: boss.headers, payload });
    refuse = true;
    const failed = await reply({ status: 'answered', reply: 'We checked the new decree; the rating stands.' });
    expect(failed.statusCode).toBe(409);
    expect(failed.json().error.message).toContain('could not be e-mailed');
    const still = (await mailApp.inject({ method: 'GET', url: `/api/factcheck/complaints/${c.id}`, headers: boss.headers })).json();
    expect(still).toMatchObject({ status: 'open', contact: 'kept', reply: null });
    refuse = false;
    const ok = await reply({ status: 'answered', reply: 'We checked the new decree; the rating stands.' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'answered', mailed: true, contact: 'erased' });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.to).toEqual(['reader2@mail.example']);
    expect(inbox[0]!.raw).toContain('kiemchung@example.test');
    expect(inbox[0]!.raw).toContain(`C-${String(c.id).padStart(6, '0')}`);
    expect((await rows<{ n: number }>(mailDb, sql`select count(*)::int as n from public_contacts where email is not null`))[0]!.n).toBe(0);
  });
});
