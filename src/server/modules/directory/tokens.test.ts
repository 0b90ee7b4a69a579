// API tokens: the secret shown once and stored as a hash, a scope never beyond its creator's, bearer calls without CSRF,
// 401 for expired / revoked tokens, no token management or user management with a token, every use in the audit log.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import { rows } from '../../kernel/db.js';
import { secretHash } from './tokens.service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: Awaited<ReturnType<typeof makeOrg>>;
let other: Awaited<ReturnType<typeof makeOrg>>;
let editor: Awaited<ReturnType<typeof makeUser>>;
let editorSession: Session;
let adminSession: Session;

beforeAll(async () => {
  t = await testApp();
  org = await makeOrg(t.db);
  other = await makeOrg(t.db);
  editor = await makeUser(t.db, 'editor', org.id);
  const admin = await makeUser(t.db, 'admin');
  editorSession = await signIn(t.app, editor.username, editor.password);
  adminSession = await signIn(t.app, admin.username, admin.password);
});

const create = (s: Session, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/tokens', headers: s.headers, payload });
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const pressItem = (organisationId: number, title: string) => ({
  kind: 'press_release',
  organisationId,
  title,
  bodyHtml: '<p>Nội dung</p>',
});

describe('creating a token', () => {
  it('shows the secret once and stores only its hash', async () => {
    const r = await create(editorSession, { name: 'Hệ thống tỉnh', expiresInDays: 30 });
    expect(r.statusCode).toBe(201);
    const made = r.json();
    expect(made.secret).toMatch(/^rh_[A-Za-z0-9_-]{40,}$/);
    expect(made.secret.startsWith(made.prefix)).toBe(true);
    expect(made).toMatchObject({ role: 'editor', organisationId: org.id, state: 'active', ownerName: editor.username });
    const days = (Date.parse(made.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    const stored = await rows<Record<string, unknown>>(t.db, sql`select * from api_tokens where id = ${made.id}`);
    expect(stored[0]!.secret_hash).toBe(secretHash(made.secret));
    expect(JSON.stringify(stored)).not.toContain(made.secret);
    // The list never carries the secret again, nor does the audit entry of the creation.
    const list = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: editorSession.headers });
    const listed = list.json().find((x: { id: number }) => x.id === made.id);
    expect(listed).toMatchObject({ name: 'Hệ thống tỉnh', prefix: made.prefix, lastUsedAt: null });
    expect(listed.secret).toBeUndefined();
    const audit = await rows<{ after: unknown }>(
      t.db,
      sql`select after from audit_log where entity = 'api_token' and entity_id = ${String(made.id)}`,
    );
    expect(JSON.stringify(audit)).not.toContain(made.secret);
  });

  it('needs an expiry of at most a year', async () => {
    expect((await create(editorSession, { name: 'x' })).statusCode).toBe(400);
    const long = await create(editorSession, { name: 'x', expiresInDays: 400 });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.details[0].field).toBe('expiresInDays');
  });

  it('never gives a user token more than its creator has; the office may scope one for an integration', async () => {
    for (const [payload, field] of [
      [{ role: 'admin' }, 'role'],
      [{ organisationId: other.id }, 'organisationId'],
      [{ role: 'editor', organisationId: null }, 'organisationId'],
    ] as const) {
      const r = await create(editorSession, { name: 'trộm quyền', expiresInDays: 10, ...payload });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.details[0].field).toBe(field);
    }
    const readOnly = await create(editorSession, { name: 'chỉ đọc', expiresInDays: 10, readOnly: true });
    expect(readOnly.statusCode).toBe(201);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/press/items',
      headers: bearer(readOnly.json().secret),
      payload: pressItem(org.id, 'x'),
    });
    expect(write.statusCode).toBe(403);
    const integration = await create(adminSession, { name: 'Sở TT-TT', expiresInDays: 365, role: 'editor', organisationId: other.id });
    expect(integration.statusCode).toBe(201);
    expect(integration.json()).toMatchObject({ role: 'editor', organisationId: other.id });
    // The office sees every token; a user only their own.
    const all = (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: adminSession.headers })).json();
    expect(all.some((x: { ownerName: string }) => x.ownerName === editor.username)).toBe(true);
    const mine = (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: editorSession.headers })).json();
    expect(mine.every((x: { ownerName: string }) => x.ownerName === editor.username)).toBe(true);
  });
});

describe('calling with a token', () => {
  it('writes without a CSRF token, in the token owner’s scope, and audits every call', async () => {
    const { secret, id } = (await create(editorSession, { name: 'đẩy tin', expiresInDays: 5 })).json();
    // The same write with the session cookie but no CSRF token is refused: cookie calls keep their protection.
    const cookieOnly = await t.app.inject({
      method: 'POST',
      url: '/api/press/items',
      headers: { cookie: editorSession.cookie },
      payload: pressItem(org.id, 'qua cookie'),
    });
    expect(cookieOnly.statusCode).toBe(403);
    expect(cookieOnly.json().error.code).toBe('csrf_failed');
    const push = (organisationId: number, title: string) =>
      t.app.inject({ method: 'POST', url: '/api/press/items', headers: bearer(secret), payload: pressItem(organisationId, title) });
    const pushed = await push(org.id, 'Thông cáo qua khoá API');
    expect(pushed.statusCode).toBe(201);
    expect((await push(other.id, 'ngoài phạm vi')).statusCode).toBe(403); // outside the owner's organisation
    const read = await t.app.inject({ method: 'GET', url: '/api/indicators?map=34', headers: bearer(secret) });
    expect(read.statusCode).toBe(200);
    expect(read.json().figures.length).toBeGreaterThan(0);
    const uses = await rows<{ actor_name: string; after: { method: string; path: string } }>(
      t.db,
      sql`select actor_name, after from audit_log where entity = 'api_token' and action = 'use' and entity_id = ${String(id)} order by id`,
    );
    expect(uses.map((u) => `${u.after.method} ${u.after.path}`)).toEqual([
      'POST /api/press/items',
      'POST /api/press/items',
      'GET /api/indicators',
    ]);
    // The press item's own audit entry says it came through the token.
    const [item] = await rows<{ actor_name: string }>(
      t.db,
      sql`select actor_name from audit_log where entity = 'press_item' and entity_id = ${String(pushed.json().id)} and action = 'create'`,
    );
    expect(item!.actor_name).toContain(uses[0]!.actor_name);
    expect(item!.actor_name).toMatch(/rh_/);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: editorSession.headers })).json();
    expect(listed.find((x: { id: number }) => x.id === id).lastUsedAt).not.toBeNull();
  });

  it('refuses a revoked, an expired and an unknown token with 401 saying why', async () => {
    const { secret, id } = (await create(editorSession, { name: 'thu hồi', expiresInDays: 5 })).json();
    expect((await t.app.inject({ method: 'GET', url: '/api/press/items', headers: bearer(secret) })).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'POST', url: `/api/tokens/${id}/revoke`, headers: editorSession.headers });
    expect(revoked.json().state).toBe('revoked');
    const after = await t.app.inject({ method: 'GET', url: '/api/press/items', headers: { ...bearer(secret), 'accept-language': 'vi' } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/thu hồi/);
    // Refused before its body is looked at: 401, not a validation error.
    expect((await t.app.inject({ method: 'POST', url: '/api/press/items', headers: bearer(secret), payload: {} })).statusCode).toBe(401);

    const old = (await create(editorSession, { name: 'hết hạn', expiresInDays: 1 })).json();
    await t.db.execute(sql`update api_tokens set expires_at = now() - interval '1 minute' where id = ${old.id}`);
    const expired = await t.app.inject({ method: 'GET', url: '/api/press/items', headers: bearer(old.secret) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toMatch(/expired/);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: editorSession.headers }))
        .json()
        .find((x: { id: number }) => x.id === old.id).state,
    ).toBe('expired');

    const unknown = await t.app.inject({ method: 'GET', url: '/api/press/items', headers: bearer('rh_not-a-token') });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe('Unknown API token');
  });

  it('cannot make tokens, manage users or change passwords, even an admin token', async () => {
    const { secret } = (await create(adminSession, { name: 'admin script', expiresInDays: 5 })).json();
    const h = bearer(secret);
    const made = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: h, payload: { name: 'con', expiresInDays: 5 } });
    expect(made.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/tokens', headers: h })).statusCode).toBe(403);
    const user = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: h,
      payload: { username: 'qua-khoa', displayName: 'X', password: 'long-enough-password', role: 'admin' },
    });
    expect(user.statusCode).toBe(403);
    const password = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${editor.id}`,
      headers: h,
      payload: { password: 'another-long-password' },
    });
    expect(password.statusCode).toBe(403);
    const [n] = await rows<{ n: number }>(t.db, sql`select count(*)::int as n from users where username = 'qua-khoa'`);
    expect(n!.n).toBe(0);
  });

  it('stops when its owner loses the rights it was made with', async () => {
    const u = await makeUser(t.db, 'editor', org.id);
    const s = await signIn(t.app, u.username, u.password);
    const { secret } = (await create(s, { name: 'trước khi chuyển', expiresInDays: 5 })).json();
    expect((await t.app.inject({ method: 'GET', url: '/api/press/items', headers: bearer(secret) })).statusCode).toBe(200);
    await t.app.inject({ method: 'PUT', url: `/api/users/${u.id}`, headers: adminSession.headers, payload: { role: 'viewer' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/press/items', headers: bearer(secret) })).statusCode).toBe(401);
  });

  it('is described in the OpenAPI document as a bearer scheme', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/tokens'].post).toBeDefined();
  });
});
