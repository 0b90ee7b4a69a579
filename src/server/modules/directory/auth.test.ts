// Signing in and out: argon2id hashes, HttpOnly SameSite session cookies (Secure on https), server-side
// sessions, rate limits per account and per address, admin-only user management, the locale choice.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../../../../test/factories.js';
import { signIn, testApp } from '../../../../test/test-db.js';
import { buildApp } from '../../app.js';
import { rows } from '../../kernel/db.js';

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
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: adminUser.username, password: adminUser.password }, remoteAddress: '198.51.100.9' });
    expect(r.cookies.find((x) => x.name === 'rh_session')!.secure).toBe(true);
    await app.close();
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const r = await login(adminUser.username, 'wrong-password', '198.51.100.1');
    expect(r.statusCode).toBe(401);
    expect(r.json().error).toEqual({ code: 'invalid_credentials', message: 'Wrong username or password' });
    const nobody = await login('nobody-here', 'x', '198.51.100.1');
    expect(nobody.json().error.code).toBe('invalid_credentials');
  });

  it('limits failed attempts per account, even with the right password afterwards', async () => {
    const u = await makeUser(t.db, 'viewer');
    for (let i = 0; i < 3; i++) expect((await login(u.username, 'bad', `192.0.2.${i + 10}`)).statusCode).toBe(401);
    const blocked = await login(u.username, u.password, '192.0.2.50');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
  });

  it('limits failed attempts per address across accounts', async () => {
    for (let i = 0; i < 6; i++) await login(`someone${i}`, 'bad', '192.0.2.200');
    const r = await login(adminUser.username, adminUser.password, '192.0.2.200');
    expect(r.statusCode).toBe(429);
    expect((await login(adminUser.username, adminUser.password, '192.0.2.201')).statusCode).toBe(200);
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
    const created = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'analyst.x', displayName: 'Phân tích X', password: 'long-enough-pw', role: 'analyst' } });
    expect(created.statusCode).toBe(201);
    const weak = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'weak', displayName: 'W', password: 'short', role: 'viewer' } });
    expect(weak.json().error.details[0].field).toBe('password');
    const analyst = await signIn(t.app, 'analyst.x', 'long-enough-pw');
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: analyst.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: analyst.headers })).statusCode).toBe(403);
    const off = await t.app.inject({ method: 'PUT', url: `/api/users/${created.json().id}`, headers: admin.headers, payload: { active: false } });
    expect(off.json().active).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: analyst.headers })).statusCode).toBe(401);
    const audit = await t.app.inject({ method: 'GET', url: `/api/audit?entity=user&entityId=${created.json().id}`, headers: admin.headers });
    const entries = audit.json().items;
    expect(entries.map((a: { action: string }) => a.action)).toContain('create');
    expect(JSON.stringify(entries)).not.toMatch(/argon2|long-enough-pw/);
  });

  it('requires an organisation for an editor', async () => {
    const admin = await signIn(t.app, adminUser.username, adminUser.password);
    const r = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'ed.no.org', displayName: 'E', password: 'long-enough-pw', role: 'editor' } });
    expect(r.json().error.details[0].field).toBe('organisationId');
  });
});
