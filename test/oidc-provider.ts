// A small OpenID Connect provider for tests, started by the test itself on a free local port: discovery, JWKS, an
// authorization endpoint (a form asking whom to sign in as — no password, it is a test double), and a token endpoint
// that checks the client's secret, the redirect URI and the PKCE S256 verifier before it signs an RS256 ID token.
// `tamper` lets a test make the next ID token wrong in one way (audience, nonce, issuer, expiry, signing key).
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export type Person = { sub: string; email?: string; email_verified?: boolean; preferred_username?: string; [claim: string]: unknown };
export type Tamper = { aud?: string; nonce?: string; iss?: string; expiredSeconds?: number; otherKey?: boolean };

type Grant = { person: Person; clientId: string; redirectUri: string; challenge: string; nonce?: string };

export async function startOidcProvider(opts: { clientId: string; clientSecret: string; port?: number }) {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const state = { tamper: {} as Tamper, tokenRequests: 0 };
  let issuer = '';

  const send = (res: http.ServerResponse, status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const readForm = (req: http.IncomingMessage) =>
    new Promise<URLSearchParams>((resolve) => {
      let s = '';
      req.on('data', (c: Buffer) => (s += c.toString('utf8')));
      req.on('end', () => resolve(new URLSearchParams(s)));
    });
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

  /** The authorization request's answer: a code bound to the person, the client, the redirect URI and the challenge. */
  const authorize = (q: URLSearchParams, person: Person) => {
    const redirectUri = q.get('redirect_uri') ?? '';
    const target = new URL(redirectUri);
    if (q.get('client_id') !== opts.clientId) target.searchParams.set('error', 'unauthorized_client');
    else if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
      target.searchParams.set('error', 'invalid_request');
    else {
      const code = crypto.randomBytes(16).toString('base64url');
      grants.set(code, {
        person,
        clientId: opts.clientId,
        redirectUri,
        challenge: q.get('code_challenge')!,
        nonce: q.get('nonce') ?? undefined,
      });
      target.searchParams.set('code', code);
    }
    if (q.get('state')) target.searchParams.set('state', q.get('state')!);
    target.searchParams.set('iss', issuer);
    return target.href;
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', issuer);
      if (url.pathname === '/.well-known/openid-configuration')
        return send(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_post'],
          authorization_response_iss_parameter_supported: true,
        });
      if (url.pathname === '/jwks') return send(res, 200, { keys: [jwk] });
      if (url.pathname === '/authorize' && req.method === 'GET') {
        const hidden = [...url.searchParams].map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join('');
        return send(
          res,
          200,
          `<!doctype html><title>Test identity provider</title><form method="post" action="/authorize">${hidden}` +
            `<label>E-mail <input name="login_email" type="email"></label><button type="submit">Sign in</button></form>`,
          'text/html; charset=utf-8',
        );
      }
      if (url.pathname === '/authorize' && req.method === 'POST') {
        const f = await readForm(req);
        const email = f.get('login_email') ?? '';
        res.writeHead(302, { location: authorize(f, { sub: `sub-${email}`, email, email_verified: true }) });
        return res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        state.tokenRequests++;
        const f = await readForm(req);
        const g = grants.get(f.get('code') ?? '');
        grants.delete(f.get('code') ?? ''); // a code is used once
        if (f.get('client_id') !== opts.clientId || f.get('client_secret') !== opts.clientSecret)
          return send(res, 401, { error: 'invalid_client' });
        if (!g || f.get('grant_type') !== 'authorization_code' || f.get('redirect_uri') !== g.redirectUri)
          return send(res, 400, { error: 'invalid_grant' });
        const verifier = f.get('code_verifier') ?? '';
        if (crypto.createHash('sha256').update(verifier).digest('base64url') !== g.challenge)
          return send(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        const t = state.tamper;
        state.tamper = {};
        const now = Math.floor(Date.now() / 1000) - (t.expiredSeconds ?? 0);
        const idToken = await new SignJWT({ ...g.person, nonce: t.nonce ?? g.nonce })
          .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
          .setIssuer(t.iss ?? issuer)
          .setAudience(t.aud ?? opts.clientId)
          .setSubject(g.person.sub)
          .setIssuedAt(now)
          .setExpirationTime(now + 300)
          .sign(t.otherKey ? other.privateKey : privateKey);
        return send(res, 200, {
          access_token: crypto.randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: 300,
          id_token: idToken,
        });
      }
      send(res, 404, { error: 'not_found' });
    })().catch((e: Error) => send(res, 500, { error: 'server_error', error_description: e.message }));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    state,
    /** Signs `person` in at the authorization endpoint as a browser would, returning where the provider redirects. */
    authorizeAs(authorizationUrl: string, person: Person): string {
      return authorize(new URL(authorizationUrl).searchParams, person);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
