// Signing in and out: argon2id hashes, HttpOnly SameSite session cookies (Secure on https), server-side
// sessions, sign-in limits that slow a guesser without locking the owner out (per account and address, per address,
// 429 with Retry-After, an administrator's unlock, a notice to the user), admin-only user management, the locale.
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.js';
import { signIn, testApp, testConfig } from '../../../../test/test-db.js';
import { buildApp } from '../../app.js';
import { pairWait } from '../../kernel/auth.js';
import { loadConfig } from '../../kernel/config.js';
import { rows } from '../../kernel/db.js';
import type { MailMessage } from '../../kernel/mail.js';
import { users } from './directory.tables.js';
import { login as loginService } from './users.service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let adminUser: Awaited<ReturnType<typeof makeUser>>;
beforeAll(async () => {
  t = await testApp({ LOGIN_MAX_PER_ACCOUNT: '3', LOGIN_MAX_PER_ADDRESS: '6' });
  adminUser = await makeUser(t.db, 'admin');
});

const login = (username: string, password: string, ip = '203.0.113.5') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('sign-in', () => {
  it('stores argon2id hashes only', async () => {
    const r = await rows<{ password_hash: string }>(t.db, sql`select password_hash from users where username = ${adminUser.username}`);
    expect(r[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it('sets an HttpOnly SameSite session cookie, serves /me and signs out server-side', async () => {
    const r = await login(adminUser.username, adminUser.password);
    expect(r.statusCode).toBe(200);
    const c = r.cookies.find((x) => x.name === 'rh_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(c.secure).toBeFalsy();
    const headers = { cookie: `rh_session=${c.value}`, 'x-csrf-token': r.json().csrfToken };
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
    expect(me.json()).toMatchObject({ username: adminUser.username, role: 'admin', locale: 'vi' });
    const stored = await rows<{ id: string }>(t.db, sql`select id from sessions`);
    expect(stored.some((s) => s.id === c.value)).toBe(false); // only a hash of the token is stored
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('marks the cookie Secure when BASE_URL is https', async () => {
    const app = await buildApp({ config: { ...t.config, secureCookies: true }, database: t.database, logger: false });
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: adminUser.username, password: adminUser.password },
      remoteAddress: '198.51.100.9',
    });
    expect(r.cookies.find((x) => x.name === 'rh_session')!.secure).toBe(true);
    await app.close();
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const r = await login(adminUser.username, 'wrong-password', '198.51.100.1');
    expect(r.statusCode).toBe(401);
    expect(r.json().error).toMatchObject({ code: 'invalid_credentials', message: 'Wrong username or password' });
    const nobody = await login('nobody-here', 'x', '198.51.100.1');
    expect(nobody.json().error.code).toBe('invalid_credentials');
  });

  it('slows a guesser per account and address without locking the owner out', async () => {
    const u = await makeUser(t.db, 'viewer');
    // An attacker hammers the account from one address: three failures, then 429 with Retry-After, whatever the password.
    for (let i = 0; i < 3; i++) expect((await login(u.username, 'bad', '192.0.2.10')).statusCode).toBe(401);
    for (const pw of ['bad', u.password]) {
      const blocked = await login(u.username, pw, '192.0.2.10');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('rate_limited');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    }
    // Variants of the name are the same account: no way around the count.
    expect((await login(` ${u.username.toUpperCase()} `, 'bad', '192.0.2.10')).statusCode).toBe(429);
    // The owner, from another address, still signs in while the attacker keeps trying.
    expect((await login(u.username, u.password, '192.0.2.50')).statusCode).toBe(200);
    // Failures spread over many addresses never lock the account either.
    for (let i = 0; i < 6; i++) expect((await login(u.username, 'bad', `192.0.2.${100 + i}`)).statusCode).toBe(401);
    expect((await login(u.username, u.password, '192.0.2.51')).statusCode).toBe(200);
  });

  it('counts parallel guesses one after the other', async () => {
    const u = await makeUser(t.db, 'viewer');
    const r = await Promise.all(Array.from({ length: 8 }, () => login(u.username, 'bad', '192.0.2.77')));
    expect(r.filter((x) => x.statusCode === 401)).toHaveLength(3);
    expect(r.filter((x) => x.statusCode === 429)).toHaveLength(5);
  });

  it('waits longer after each failure past the free ones', () => {
    const cfg = { login: { maxPerAccount: 8, maxPerAddress: 100, windowMinutes: 15 } };
    expect([0, 1, 2].map((n) => pairWait(n, 0, cfg))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6, 7].map((n) => pairWait(n, 0, cfg))).toEqual([1, 2, 4, 8, 16]);
    expect(pairWait(5, 3, cfg)).toBe(1);
    expect(pairWait(8, 60, cfg)).toBe(15 * 60 - 60);
  });

  it('limits failed attempts per address across accounts, except accounts that signed in from it before', async () => {
    const colleague = await makeUser(t.db, 'viewer');
    expect((await login(colleague.username, colleague.password, '192.0.2.200')).statusCode).toBe(200);
    for (let i = 0; i < 6; i++) await login(`someone${i}`, 'bad', '192.0.2.200');
    const r = await login(adminUser.username, adminUser.password, '192.0.2.200');
    expect(r.statusCode).toBe(429);
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(adminUser.username, adminUser.password, '192.0.2.201')).statusCode).toBe(200);
    // Behind the same NAT, a colleague who signed in from there before still can.
    expect((await login(colleague.username, colleague.password, '192.0.2.200')).statusCode).toBe(200);
  });

  it('answers 429 with Retry-After when one address asks for too many sign-ins (the route limiter)', async () => {
    let last;
    for (let i = 0; i < 61; i++) last = await login(`flood${i}`, 'bad', '192.0.2.233');
    expect(last!.statusCode).toBe(429);
    expect(last!.json().error.code).toBe('rate_limited');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets an administrator see blocked accounts and unlock one (audited); the user is told by e-mail', async () => {
    const u = await makeUser(t.db, 'editor', (await makeOrg(t.db)).id);
    await t.db.update(users).set({ email: 'nguoi.dung@example.vn' }).where(eq(users.id, u.id));
    const sent: MailMessage[] = [];
    const mailer = {
      send: async (m: MailMessage) => {
        sent.push(m);
      },
    };
    for (let i = 0; i < 3; i++)
      await expect(loginService(t.db, t.config, u.username, 'bad', '198.51.100.66', { mailer })).rejects.toMatchObject({
        code: 'invalid_credentials',
      });
    await expect(loginService(t.db, t.config, u.username, u.password, '198.51.100.66', { mailer })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: ['nguoi.dung@example.vn'], subject: expect.stringContaining('sign-in temporarily blocked') });
    expect(sent[0]!.text).toContain('198.51.100.66');

    const admin = await signIn(t.app, adminUser.username, adminUser.password);
    const list = await t.app.inject({ method: 'GET', url: '/api/users/sign-in-failures', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    const mine = list.json().find((x: { userId: number }) => x.userId === u.id);
    expect(mine).toMatchObject({
      username: u.username,
      failures: 3,
      addresses: [{ address: '198.51.100.66', failures: 3, blockedSeconds: expect.any(Number) }],
    });
    expect(mine.addresses[0].blockedSeconds).toBeGreaterThan(0);

    const other = await signIn(t.app, u.username, u.password);
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${u.id}/unlock-sign-in`, headers: other.headers })).statusCode).toBe(403);
    const unlock = await t.app.inject({ method: 'POST', url: `/api/users/${u.id}/unlock-sign-in`, headers: admin.headers });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.json()).toEqual({ cleared: 3 });
    expect((await login(u.username, u.password, '198.51.100.66')).statusCode).toBe(200);
    const audit = (await t.app.inject({ method: 'GET', url: `/api/audit?entity=user&entityId=${u.id}`, headers: admin.headers })).json()
      .items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['sign-in-blocked', 'unlock-sign-in']));
  });

  it('believes X-Forwarded-For only from the configured proxies', async () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY: true would believe an X-Forwarded-For header from anyone[\s\S]*TRUST_PROXY=127\.0\.0\.1/,
    );
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33,proxy.example' })).toThrow(/not one: 10\.0\.0\.0\/33, proxy\.example/);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    expect(loadConfig({}).trustProxy).toBe(false);
    const app = await buildApp({
      config: { ...t.config, ...testConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' }) },
      database: t.database,
      logger: false,
    });
    const seen = async (remoteAddress: string, xff: string) => {
      const name = `xff-${crypto.randomUUID()}`;
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: name, password: 'bad' },
        remoteAddress,
        headers: { 'x-forwarded-for': xff },
      });
      return (await rows<{ address: string }>(t.db, sql`select address from login_attempts where username = ${name}`))[0]?.address;
    };
    // A client that is no proxy cannot choose its address: rotating forged headers all count for its own.
    expect(await seen('203.0.113.7', '1.2.3.4')).toBe('203.0.113.7');
    expect(await seen('203.0.113.7', '5.6.7.8')).toBe('203.0.113.7');
    // Through a configured proxy, the client the proxy saw (the address it appended, not what the client claimed).
    expect(await seen('127.0.0.1', '198.51.100.23')).toBe('198.51.100.23');
    expect(await seen('10.1.2.3', '6.6.6.6, 198.51.100.24')).toBe('198.51.100.24');
    expect(await seen('127.0.0.1', '6.6.6.6, 198.51.100.25, 10.0.0.9')).toBe('198.51.100.25');
    await app.close();
  });

  it('keeps the language choice on the account', async () => {
    const s = await signIn(t.app, adminUser.username, adminUser.password);
    const r = await t.app.inject({ method: 'PUT', url: '/api/auth/me/locale', headers: s.headers, payload: { locale: 'en' } });
    expect(r.json().locale).toBe('en');
    const again = await signIn(t.app, adminUser.username, adminUser.password);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: again.headers })).json().locale).toBe('en');
  });
});

describe('users', () => {
  it('lets only admins manage users, and ends sessions of a deactivated user', async () => {
    const admin = await signIn(t.app, adminUser.username, adminUser.password);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'analyst.x', displayName: 'Phân tích X', password: 'long-enough-pw', role: 'analyst' },
    });
    expect(created.statusCode).toBe(201);
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'weak', displayName: 'W', password: 'short', role: 'viewer' },
    });
    expect(weak.json().error.details[0].field).toBe('password');
    const analyst = await signIn(t.app, 'analyst.x', 'long-enough-pw');
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: analyst.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: analyst.headers })).statusCode).toBe(403);
    const off = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${created.json().id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(off.json().active).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: analyst.headers })).statusCode).toBe(401);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/audit?entity=user&entityId=${created.json().id}`,
      headers: admin.headers,
    });
    const entries = audit.json().items;
    expect(entries.map((a: { action: string }) => a.action)).toContain('create');
    expect(JSON.stringify(entries)).not.toMatch(/argon2|long-enough-pw/);
  });

  it('requires an organisation for an editor', async () => {
    const admin = await signIn(t.app, adminUser.username, adminUser.password);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'ed.no.org', displayName: 'E', password: 'long-enough-pw', role: 'editor' },
    });
    expect(r.json().error.details[0].field).toBe('organisationId');
  });
});
