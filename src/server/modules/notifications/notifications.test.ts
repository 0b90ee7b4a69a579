// The notification machinery, with a source of its own (test kinds) and the real job: each person is told of an
// event once and mailed once however many passes and server copies run at the same moment; choices per kind (inbox,
// e-mail, neither) and the daily digest; a person sees only their own notices, and only while they hold the role and
// organisation they were told in; the routes (inbox, unread count, read, all read, choices), each for oneself only.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { person } from '../../../../test/notifications.js';
import { startInbox, type Inbox, type Received } from '../../../../test/smtp.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import { loadConfig } from '../../kernel/config.js';
import { rows, type Db } from '../../kernel/db.js';
import { startIntervalJobs } from '../../kernel/jobs.js';
import { smtpMailer } from '../../kernel/mail.js';
import { updateUser } from '../directory/users.service.js';
import { moduleJobs } from '../index.js';
import { FIRST_RUN_MS, notificationJobs, runNotifications } from './notifications.mail.js';
import { generateNotifications, getPreferences, setPreferences } from './notifications.service.js';
import type { NotificationSource } from './notifications.sources.js';
import { WELCOME } from './notifications.welcome.js';

const PING = 'test.ping',
  QUIET = 'test.quiet';
type Ev = { key: string; userIds: number[]; org?: number | null; kind?: string };
const events: Ev[] = [];
const testSource: NotificationSource = {
  module: 'test',
  kinds: [
    { id: PING, label: { vi: 'Thử', en: 'Test' }, description: { vi: 'Thử.', en: 'Test.' } },
    {
      id: QUIET,
      label: { vi: 'Thử lặng', en: 'Quiet test' },
      description: { vi: 'Thử.', en: 'Test.' },
      defaults: { inbox: true, email: false },
    },
  ],
  find: async () =>
    events.map((e) => ({
      kind: e.kind ?? PING,
      key: e.key,
      userIds: e.userIds,
      organisationId: e.org ?? null,
      title: { vi: `Sự kiện thử ${e.key}`, en: `Test event ${e.key}` },
      body: { vi: 'Nội dung thử.', en: 'Test body.' },
      link: '/notifications',
      due: '2026-07-01',
    })),
};
const sources = [testSource];

let smtp: Inbox;
let t: Awaited<ReturnType<typeof testApp>>;
let db: Db;
const BASE = 'https://rightshub.example.test';
const NOW = new Date('2026-06-20T03:00:00Z'); // 10:00 in Viet Nam
const mailer = () => smtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'rightshub@example.test');
const run = (now = NOW, extra: Partial<Parameters<typeof runNotifications>[1]> = {}) =>
  runNotifications(db, { daysAhead: 14, baseUrl: BASE, digestHour: 7, now, mailer: mailer(), sources, ...extra });
const mailsTo = (addr: string, from = 0): Received[] => smtp.messages.slice(from).filter((m) => m.to.includes(addr));
const count = (text: string, part: string) => text.split(part).length - 1;
const facts = { mailEnabled: true, digestHour: 7, sources };

beforeAll(async () => {
  smtp = await startInbox();
  t = await testApp();
  db = t.db;
});
afterAll(() => smtp.close());

describe('once per person and event', () => {
  it('four passes at the same moment store each notice once and mail each once', async () => {
    const org = await makeOrg(db);
    const people = await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => ({ ...(await person(db, 'editor', org.id, `p${i}@example.test`)), email: `p${i}@example.test` })),
    );
    events.push(...['a', 'b', 'c'].map((k) => ({ key: `once-${k}`, userIds: people.map((p) => p.id), org: org.id })));
    const before = smtp.messages.length;
    // A mailer that pauses, so that the passes overlap while messages are on their way.
    const slow = mailer();
    const paused = {
      send: async (m: Parameters<typeof slow.send>[0]) => {
        await new Promise((r) => setTimeout(r, 30));
        await slow.send(m);
      },
    };
    await Promise.all([1, 2, 3, 4].map(() => run(NOW, { mailer: paused })));
    const [{ n }] = await rows<{ n: number }>(db, sql`select count(*)::int as n from notifications where event_key like 'once-%'`);
    expect(n).toBe(15);
    for (const p of people) {
      const got = mailsTo(p.email, before)
        .map((m) => m.text)
        .join('\n');
      for (const k of ['a', 'b', 'c']) expect(count(got, `- Sự kiện thử once-${k}`), `${p.username} once-${k}`).toBe(1);
    }
    // Again: nothing new, nothing mailed.
    const after = smtp.messages.length;
    expect(await run(NOW)).toBe(0);
    expect(smtp.messages.length).toBe(after);
  });

  it('two server copies started together (the job as configured) mail each notice once', async () => {
    const config = loadConfig({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SMTP_FROM: 'rightshub@example.test',
      REMINDER_EVERY_MINUTES: '60',
      BASE_URL: BASE,
    });
    expect(notificationJobs(config)[0]).toMatchObject({ name: 'notifications.run', everyMs: 3_600_000, firstRunMs: FIRST_RUN_MS });
    expect(FIRST_RUN_MS).toBeLessThanOrEqual(60_000);
    // The welcome notice (a real source), which these people chose to get by e-mail too.
    const org = await makeOrg(db);
    const people = await Promise.all([1, 2, 3].map((i) => person(db, 'viewer', org.id, `copy${i}@example.test`)));
    for (const p of people)
      await setPreferences(
        db,
        p.actor,
        { kinds: [{ id: WELCOME, inbox: true, email: true }], digest: false },
        { mailEnabled: true, digestHour: 7 },
      );
    const before = smtp.messages.length;
    const passes: number[] = [];
    const silent = { info: () => undefined, error: () => undefined } as never;
    const copy = () =>
      startIntervalJobs(
        db,
        silent,
        notificationJobs(config, { firstRunMs: 5 }).map((j) => ({
          ...j,
          run: async (d: Db) => {
            const n = await j.run(d);
            passes.push(n);
            return n;
          },
        })),
      );
    const stops = [copy(), copy()];
    await vi.waitFor(() => expect(passes).toHaveLength(2), { timeout: 60_000, interval: 50 });
    await Promise.all(stops.map((stop) => stop()));
    for (const i of [1, 2, 3]) {
      const got = mailsTo(`copy${i}@example.test`, before);
      expect(got, `copy${i}`).toHaveLength(1);
      expect(got[0]!.text).toContain(`${BASE}/app/notifications/settings`);
    }
  });

  it('the job runs without SMTP too (the inbox), with it it mails', () => {
    expect(moduleJobs(loadConfig({})).map((j) => j.name)).toContain('notifications.run');
    expect(moduleJobs(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:25', SMTP_FROM: 'a@example.test' })).map((j) => j.name)).toContain(
      'notifications.run',
    );
    expect(() => loadConfig({ SMTP_URL: 'smtp://127.0.0.1:25' })).toThrow(/SMTP_FROM/);
    expect(() => loadConfig({ NOTIFY_DIGEST_HOUR: '24' })).toThrow(/NOTIFY_DIGEST_HOUR/);
  });

  it('a source that fails does not stop the others; a notice of an undeclared kind is an error', async () => {
    const u = await person(db, 'viewer', null);
    const broken: NotificationSource = {
      module: 'broken',
      kinds: [],
      find: async () => {
        throw new Error('source down');
      },
    };
    const stray: NotificationSource = {
      module: 'stray',
      kinds: [],
      find: async () => [{ kind: PING, key: 'stray', userIds: [u.id], organisationId: null, title: { vi: 'x', en: 'x' }, link: '/' }],
    };
    events.push({ key: 'survives', userIds: [u.id] });
    await expect(generateNotifications(db, { daysAhead: 14, mail: false, now: NOW, sources: [broken, testSource] })).rejects.toThrow(
      'source down',
    );
    await expect(generateNotifications(db, { daysAhead: 14, mail: false, now: NOW, sources: [stray] })).rejects.toThrow(/does not declare/);
    const r = await rows<{ event_key: string }>(db, sql`select event_key from notifications where user_id = ${u.id}`);
    expect(r.map((x) => x.event_key)).toEqual(['survives']);
  });
});

describe('choices', () => {
  it("per kind: inbox and e-mail, inbox only, e-mail only, neither — and the kind's defaults", async () => {
    const org = await makeOrg(db);
    const [both, inboxOnly, mailOnly, neither] = await Promise.all(
      ['both', 'inbox', 'mail', 'none'].map((k) => person(db, 'editor', org.id, `${k}@choices.test`)),
    );
    await setPreferences(db, inboxOnly!.actor, { kinds: [{ id: PING, inbox: true, email: false }], digest: false }, facts);
    await setPreferences(db, mailOnly!.actor, { kinds: [{ id: PING, inbox: false, email: true }], digest: false }, facts);
    await setPreferences(db, neither!.actor, { kinds: [{ id: PING, inbox: false, email: false }], digest: false }, facts);
    const all = [both!, inboxOnly!, mailOnly!, neither!];
    events.push(
      { key: 'choices', userIds: all.map((p) => p.id), org: org.id },
      { key: 'quiet', kind: QUIET, userIds: [both!.id], org: org.id },
    );
    const before = smtp.messages.length;
    await run(NOW);
    const inboxOf = async (p: typeof both) =>
      rows<{ event_key: string }>(db, sql`select event_key from notifications where user_id = ${p!.id} and in_inbox order by event_key`);
    expect((await inboxOf(both)).map((r) => r.event_key)).toEqual(['choices', 'quiet']);
    expect((await inboxOf(inboxOnly)).map((r) => r.event_key)).toEqual(['choices']);
    expect(await inboxOf(mailOnly)).toEqual([]);
    expect(await inboxOf(neither)).toEqual([]);
    const mailed = (addr: string) =>
      mailsTo(addr, before)
        .map((m) => m.text)
        .join('\n');
    expect(mailed('both@choices.test')).toContain('Sự kiện thử choices');
    expect(mailed('both@choices.test')).not.toContain('Sự kiện thử quiet'); // the kind's default: inbox only
    expect(mailed('inbox@choices.test')).toBe('');
    expect(mailed('mail@choices.test')).toContain('Sự kiện thử choices');
    expect(mailed('none@choices.test')).toBe('');
    // Told all the same (recorded): choosing it later does not bring old events back.
    await setPreferences(db, neither!.actor, { kinds: [{ id: PING, inbox: true, email: true }], digest: false }, facts);
    expect(await run(NOW)).toBe(0);
    const p = await getPreferences(db, neither!.actor, facts);
    expect(p.kinds.find((k) => k.id === PING)).toMatchObject({ inbox: true, email: true });
    expect(p.kinds.find((k) => k.id === QUIET)).toMatchObject({ inbox: true, email: false });
    expect(p.email).toBe('none@choices.test');
  });

  it('a daily digest: nothing before the digest hour, then one message with all that waits; later notices wait a day', async () => {
    const u = await person(db, 'viewer', null, 'digest@choices.test');
    await setPreferences(db, u.actor, { kinds: [], digest: true }, facts);
    events.push({ key: 'digest-1', userIds: [u.id] }, { key: 'digest-2', userIds: [u.id] });
    const early = new Date('2026-06-21T23:30:00Z'); // 06:30 on the 22nd in Viet Nam
    await run(early);
    expect(mailsTo('digest@choices.test')).toHaveLength(0);
    await run(new Date('2026-06-22T00:10:00Z')); // 07:10
    const [d] = mailsTo('digest@choices.test');
    expect(d!.subject).toBe('[RightsHub] Tóm tắt ngày 22/06/2026: 2 thông báo / Digest of 22 June 2026: 2 notification(s)');
    expect(d!.text).toContain('Sự kiện thử digest-1');
    expect(d!.text).toContain('Sự kiện thử digest-2');
    events.push({ key: 'digest-3', userIds: [u.id] });
    await run(new Date('2026-06-22T05:00:00Z'));
    expect(mailsTo('digest@choices.test')).toHaveLength(1);
    await run(new Date('2026-06-23T00:10:00Z'));
    const next = mailsTo('digest@choices.test');
    expect(next).toHaveLength(2);
    expect(next[1]!.text).toContain('Sự kiện thử digest-3');
    expect(next[1]!.text).not.toContain('digest-1');
  });

  it('a refused digest is released and sent by the next pass; turning e-mail off drops what waits', async () => {
    const u = await person(db, 'viewer', null, 'refused@choices.test');
    await setPreferences(db, u.actor, { kinds: [], digest: true }, facts);
    events.push({ key: 'refused-1', userIds: [u.id] });
    smtp.refuse = true;
    await expect(run(new Date('2026-06-24T01:00:00Z'))).rejects.toThrow();
    smtp.refuse = false;
    await run(new Date('2026-06-24T02:00:00Z'));
    expect(mailsTo('refused@choices.test')).toHaveLength(1);
    const [{ n }] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where entity = 'notification' and action = 'mail-failed' and entity_id = ${String(u.id)}`,
    );
    expect(n).toBe(1);
    events.push({ key: 'refused-2', userIds: [u.id] });
    await run(new Date('2026-06-24T03:00:00Z'));
    await setPreferences(db, u.actor, { kinds: [{ id: PING, inbox: true, email: false }], digest: true }, facts);
    await run(new Date('2026-06-25T03:00:00Z'));
    expect(mailsTo('refused@choices.test')).toHaveLength(1);
  });
});

describe('scope and routes', () => {
  let orgX = 0,
    orgY = 0;
  let a: Awaited<ReturnType<typeof person>>, b: Awaited<ReturnType<typeof person>>;
  let sa: Session, sb: Session;
  beforeAll(async () => {
    orgX = (await makeOrg(db, { nameVi: 'Cơ quan X (thử)' })).id;
    orgY = (await makeOrg(db, { nameVi: 'Cơ quan Y (thử)' })).id;
    a = await person(db, 'editor', orgX, 'a@scope.test');
    b = await person(db, 'editor', orgY, 'b@scope.test');
    sa = await signIn(t.app, a.username, a.password);
    sb = await signIn(t.app, b.username, b.password);
    await setPreferences(db, a.actor, { kinds: [], digest: true }, facts); // so the e-mail waits (until 07:00)
    events.push(
      { key: 'scope-x1', userIds: [a.id], org: orgX },
      { key: 'scope-x2', userIds: [a.id], org: orgX },
      { key: 'scope-y', userIds: [b.id], org: orgY },
    );
    await run(new Date('2026-06-26T23:00:00Z')); // 06:00
  });
  const call = (s: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s?.headers ?? {}, ...(payload ? { payload } : {}) });

  it('list, unread count, read and all read: each person their own only', async () => {
    const list = (await call(sa, 'GET', '/api/notifications')).json();
    expect(list.rows.map((r: { title: { vi: string } }) => r.title.vi).sort()).toEqual(['Sự kiện thử scope-x1', 'Sự kiện thử scope-x2']);
    expect(list).toMatchObject({ total: 2, unread: 2 });
    expect(list.rows[0]).toMatchObject({
      kind: PING,
      link: '/notifications',
      due: '2026-07-01',
      readAt: null,
      body: { vi: 'Nội dung thử.', en: 'Test body.' },
    });
    expect((await call(sa, 'GET', '/api/notifications/unread-count')).json()).toEqual({ unread: 2 });
    const theirs = (await call(sb, 'GET', '/api/notifications')).json().rows[0].id as number;
    expect((await call(sa, 'POST', `/api/notifications/${theirs}/read`)).statusCode).toBe(404); // another person's
    const first = list.rows[0].id as number;
    const read = await call(sa, 'POST', `/api/notifications/${first}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect((await call(sa, 'GET', '/api/notifications?unread=true')).json()).toMatchObject({ total: 1, unread: 1 });
    expect((await call(sa, 'POST', '/api/notifications/read-all')).json()).toEqual({ marked: 1 });
    expect((await call(sa, 'GET', '/api/notifications/unread-count')).json()).toEqual({ unread: 0 });
    expect((await call(sb, 'GET', '/api/notifications/unread-count')).json()).toEqual({ unread: 1 }); // b's untouched
    const audit = await rows<{ action: string }>(
      db,
      sql`select action from audit_log where entity = 'notification' and actor_id = ${a.id} order by id`,
    );
    expect(audit.map((x) => x.action)).toEqual(['read', 'read-all']);
  });

  it("someone who moves to another organisation no longer sees, nor is mailed, the old one's notices", async () => {
    await updateUser(db, seedActor, a.id, { organisationId: orgY });
    const moved = await signIn(t.app, a.username, a.password);
    expect((await call(moved, 'GET', '/api/notifications')).json()).toMatchObject({ total: 0, unread: 0, rows: [] });
    await run(new Date('2026-06-27T01:00:00Z')); // past the digest hour: a's digest would go now
    expect(mailsTo('a@scope.test')).toHaveLength(0);
    const [{ n }] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from notifications where user_id = ${a.id} and email_pending`,
    );
    expect(n).toBe(0);
  });

  it('choices through the API: every kind listed, unknown kinds refused naming the field', async () => {
    const got = (await call(sb, 'GET', '/api/notifications/preferences')).json();
    expect(got.kinds.map((k: { id: string }) => k.id)).toEqual(
      expect.arrayContaining([
        'press.t1_missing',
        'factcheck.complaint_due',
        'factcheck.review_waiting',
        'recommendations.action_due',
        'recommendations.report_returned',
        WELCOME,
      ]),
    );
    expect(got).toMatchObject({ digest: false, email: 'b@scope.test', mailEnabled: false });
    const put = await call(sb, 'PUT', '/api/notifications/preferences', {
      kinds: [{ id: 'press.t1_missing', inbox: true, email: false }],
      digest: true,
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().kinds.find((k: { id: string }) => k.id === 'press.t1_missing')).toMatchObject({ inbox: true, email: false });
    expect(put.json().digest).toBe(true);
    const bad = await call(sb, 'PUT', '/api/notifications/preferences', {
      kinds: [{ id: 'press.nothing', inbox: true, email: true }],
      digest: false,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toContain('kinds.0.id');
  });

  it('nothing signed out; every route in the API description', async () => {
    for (const [m, u] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread-count'],
      ['POST', '/api/notifications/1/read'],
      ['POST', '/api/notifications/read-all'],
      ['GET', '/api/notifications/preferences'],
      ['PUT', '/api/notifications/preferences'],
    ] as const) {
      expect((await call(null, m, u, m === 'PUT' ? { kinds: [], digest: false } : undefined)).statusCode, `${m} ${u}`).toBe(401);
    }
    const paths = Object.keys((await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/notifications',
        '/api/notifications/unread-count',
        '/api/notifications/{id}/read',
        '/api/notifications/read-all',
        '/api/notifications/preferences',
      ]),
    );
  });
});
