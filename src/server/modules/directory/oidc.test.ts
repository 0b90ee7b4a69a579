// Single sign-on with OpenID Connect against a provider the test starts itself (test/oidc-provider.ts): the full
// authorization code flow with PKCE through the routes, ending in the same session a password gives; and every refusal
// (state, nonce, audience, issuer, signature, expiry, code reuse, unknown, ambiguous, deactivated, unverified,
// wrong organisation) ends on the sign-in page with a code it explains, and without a session.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.js';
import { startOidcProvider, type Person, type Tamper } from '../../../../test/oidc-provider.js';
import { testApp } from '../../../../test/test-db.js';
import { loadConfig } from '../../kernel/config.js';
import { rows } from '../../kernel/db.js';
import { users } from './directory.tables.js';

const CLIENT = { clientId: 'rightshub-test', clientSecret: 'a-test-client-secret' };
let idp: Awaited<ReturnType<typeof startOidcProvider>>;
let t: Awaited<ReturnType<typeof testApp>>;
let editor: Awaited<ReturnType<typeof makeUser>>;
let orgCode: string;

beforeAll(async () => {
  idp = await startOidcProvider(CLIENT);
  const base = { issuer: idp.issuer, ...CLIENT };
  t = await testApp({
    OIDC_PROVIDERS: JSON.stringify([
      { id: 'moj', label: 'Bộ Tư pháp', ...base },
      { id: 'province', label: 'Tỉnh', ...base, organisationClaim: 'org_code' },
      { id: 'by-name', label: 'Theo tên', ...base, userClaim: 'preferred_username', userField: 'username' },
    ]),
  });
  const org = await makeOrg(t.db);
  orgCode = org.code;
  editor = await makeUser(t.db, 'editor', org.id);
  await t.db.update(users).set({ email: 'Editor.SSO@example.vn' }).where(eq(users.id, editor.id));
});
afterAll(() => idp?.close());

const person = (email: string, extra: Partial<Person> = {}): Person => ({ sub: `sub-${email}`, email, email_verified: true, ...extra });

/** A browser's trip: the start route, the provider (signing `who` in), the callback with the flow cookie. */
async function signInVia(
  who: Person,
  o: { provider?: string; tamper?: Tamper; next?: string; editCallback?: (u: URL) => void; cookie?: string | null } = {},
) {
  const provider = o.provider ?? 'moj';
  const start = await t.app.inject({
    method: 'GET',
    url: `/api/auth/oidc/${provider}/start${o.next ? `?next=${encodeURIComponent(o.next)}` : ''}`,
  });
  expect(start.statusCode).toBe(303);
  const authUrl = start.headers.location as string;
  const flow = start.cookies.find((c) => c.name === 'rh_oidc')!;
  idp.state.tamper = o.tamper ?? {};
  const back = new URL(idp.authorizeAs(authUrl, who));
  o.editCallback?.(back);
  const cookie = o.cookie === undefined ? flow.value : o.cookie;
  const cb = await t.app.inject({
    method: 'GET',
    url: back.pathname + back.search,
    cookies: cookie === null ? {} : { rh_oidc: cookie },
  });
  return { start, authUrl, flow, back, cb, session: cb.cookies.find((c) => c.name === 'rh_session' && c.value) };
}

const refusedWith = (cb: { statusCode: number; headers: Record<string, unknown> }, code: string) => {
  expect(cb.statusCode).toBe(303);
  expect(cb.headers.location).toBe(`/app/login?sso_error=${code}`);
};

describe('single sign-on (OpenID Connect, code flow with PKCE)', () => {
  it('lists the providers for the sign-in page, without their secrets', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/providers' });
    expect(r.json()).toEqual([
      { id: 'moj', label: 'Bộ Tư pháp' },
      { id: 'province', label: 'Tỉnh' },
      { id: 'by-name', label: 'Theo tên' },
    ]);
    expect(r.body).not.toContain(CLIENT.clientSecret);
  });

  it('signs an existing user in through the provider with the same session a password gives, and audits it', async () => {
    const { authUrl, flow, cb, session } = await signInVia(person('editor.sso@example.vn'), { next: '/calendar' });
    // The authorization request: code flow, S256 challenge, state and nonce; the verifier never leaves the server.
    const q = new URL(authUrl).searchParams;
    expect(authUrl.startsWith(`${idp.issuer}/authorize?`)).toBe(true);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('state')).toBeTruthy();
    expect(q.get('nonce')).toBeTruthy();
    expect(q.get('redirect_uri')).toBe(`${t.config.baseUrl}/api/auth/oidc/moj/callback`);
    expect(flow).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc' });
    expect(flow.value).not.toContain(q.get('state')!); // sealed, not readable

    expect(cb.statusCode).toBe(303);
    expect(cb.headers.location).toBe('/app/calendar');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cb.cookies.find((c) => c.name === 'rh_oidc')?.value).toBe(''); // the flow is over
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { rh_session: session!.value } });
    expect(me.json()).toMatchObject({ username: editor.username, role: 'editor' });
    const audit = await rows<{ action: string; after: { sso: string; subject: string } }>(
      t.db,
      sql`select action, after from audit_log where entity = 'user' and entity_id = ${String(editor.id)} and action = 'login'`,
    );
    expect(audit.at(-1)!.after).toMatchObject({ sso: 'moj', subject: 'sub-editor.sso@example.vn' });
  });

  it('matches by username when so configured, and goes to the dashboard without a page to return to', async () => {
    const { cb, session } = await signInVia({ sub: 'x1', preferred_username: editor.username.toUpperCase() }, { provider: 'by-name' });
    expect(cb.headers.location).toBe('/app/');
    expect(session).toBeDefined();
  });

  it('never returns to another site after signing in', async () => {
    const { cb } = await signInVia(person('editor.sso@example.vn'), { next: '//evil.example/x' });
    expect(cb.headers.location).toBe('/app/');
  });

  it('checks the organisation claim against the account organisation when configured', async () => {
    const ok = await signInVia(person('editor.sso@example.vn', { org_code: orgCode }), { provider: 'province' });
    expect(ok.session).toBeDefined();
    const other = await signInVia(person('editor.sso@example.vn', { org_code: 'SOMEWHERE-ELSE' }), { provider: 'province' });
    refusedWith(other.cb, 'wrong_organisation');
    expect(other.session).toBeUndefined();
  });

  const badTokens: [string, Tamper][] = [
    ['a wrong nonce', { nonce: 'not-the-one-sent' }],
    ['another audience', { aud: 'another-client' }],
    ['another issuer', { iss: 'https://impostor.example' }],
    ['a signature by a key not in the JWKS', { otherKey: true }],
    ['an expired ID token', { expiredSeconds: 3600 }],
  ];
  for (const [what, tamper] of badTokens) {
    it(`refuses an ID token with ${what}`, async () => {
      const { cb, session } = await signInVia(person('editor.sso@example.vn'), { tamper });
      refusedWith(cb, 'invalid_response');
      expect(session).toBeUndefined();
    });
  }

  it('refuses a callback whose state is not the one sent, or without the flow cookie, or with a used code', async () => {
    const badState = await signInVia(person('editor.sso@example.vn'), { editCallback: (u) => u.searchParams.set('state', 'forged') });
    refusedWith(badState.cb, 'invalid_response');
    expect(badState.session).toBeUndefined();

    const noCookie = await signInVia(person('editor.sso@example.vn'), { cookie: null });
    refusedWith(noCookie.cb, 'expired');
    const forgedCookie = await signInVia(person('editor.sso@example.vn'), { cookie: 'AAAA' + 'B'.repeat(60) });
    refusedWith(forgedCookie.cb, 'expired');

    // Another browser's flow cookie does not fit this browser's code (state differs).
    const first = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/moj/start' });
    const mixed = await signInVia(person('editor.sso@example.vn'), { cookie: first.cookies.find((c) => c.name === 'rh_oidc')!.value });
    refusedWith(mixed.cb, 'invalid_response');

    const ok = await signInVia(person('editor.sso@example.vn'));
    expect(ok.session).toBeDefined();
    const replay = await t.app.inject({ method: 'GET', url: ok.back.pathname + ok.back.search, cookies: { rh_oidc: ok.flow.value } });
    refusedWith(replay, 'invalid_response');
  });

  it('refuses unknown, ambiguous, deactivated and unverified people with their own message', async () => {
    refusedWith((await signInVia(person('nobody@example.vn'))).cb, 'unknown_user');
    refusedWith((await signInVia(person('editor.sso@example.vn', { email_verified: false }))).cb, 'unverified_email');

    const twin1 = await makeUser(t.db, 'viewer');
    const twin2 = await makeUser(t.db, 'viewer');
    await t.db
      .update(users)
      .set({ email: 'shared@example.vn' })
      .where(sql`${users.id} in (${twin1.id}, ${twin2.id})`);
    refusedWith((await signInVia(person('shared@example.vn'))).cb, 'ambiguous_user');

    const gone = await makeUser(t.db, 'viewer');
    await t.db.update(users).set({ email: 'gone@example.vn', active: false }).where(eq(users.id, gone.id));
    const r = await signInVia(person('gone@example.vn'));
    refusedWith(r.cb, 'inactive_user');
    expect(r.session).toBeUndefined();
  });

  it('sends the person back to the sign-in page when they cancel at the provider or the provider is unknown', async () => {
    const cancelled = await signInVia(person('editor.sso@example.vn'), {
      editCallback: (u) => {
        u.searchParams.delete('code');
        u.searchParams.set('error', 'access_denied');
      },
    });
    refusedWith(cancelled.cb, 'denied');
    refusedWith(await t.app.inject({ method: 'GET', url: '/api/auth/oidc/nope/start' }), 'unknown_provider');
  });
});

describe('a provider that cannot be reached', () => {
  it('sends the person back to the sign-in page with a message instead of an error page', async () => {
    const down = await testApp({
      OIDC_PROVIDERS: JSON.stringify([{ id: 'down', label: 'Down', issuer: 'http://127.0.0.1:9', clientId: 'x' }]),
    });
    refusedWith(await down.app.inject({ method: 'GET', url: '/api/auth/oidc/down/start' }), 'provider_unavailable');
  });
});

describe('OIDC_PROVIDERS', () => {
  it('refuses at boot a provider without https (except on this machine), a broken JSON and an id given twice', () => {
    const p = { id: 'moj', label: 'Bộ Tư pháp', clientId: 'c' };
    const load = (v: unknown) => () => loadConfig({ OIDC_PROVIDERS: typeof v === 'string' ? v : JSON.stringify(v) });
    expect(load([{ ...p, issuer: 'http://idp.example.vn' }])).toThrow(/OIDC_PROVIDERS[\s\S]*https/);
    expect(load('{not json')).toThrow(/OIDC_PROVIDERS[\s\S]*JSON array/);
    expect(
      load([
        { ...p, issuer: 'https://a.example' },
        { ...p, issuer: 'https://b.example' },
      ]),
    ).toThrow(/twice: moj/);
    expect(load([{ ...p, issuer: 'https://a.example', role: 'admin' }])).toThrow(/role/); // no role from the provider
    expect(loadConfig({ OIDC_PROVIDERS: JSON.stringify([{ ...p, issuer: 'http://127.0.0.1:8080' }]) }).oidcProviders[0]).toMatchObject({
      userClaim: 'email',
      userField: 'email',
    });
  });
});
