// Single sign-on with OpenID Connect (authorization code + PKCE S256) next to local passwords.
//
// Design: a provider's sign-in only links to an account that already exists in RightsHub and is active; an unknown
// person is refused with a message naming the office. Nobody is created from claims, and no role comes from the
// identity provider: a ministry's or a province's directory knows who its staff are, not what they may do in the
// programme, so the role, the organisation and the province stay granted by a RightsHub administrator. The provider
// only proves who the person is (userClaim matched to the account's e-mail or username; an e-mail must be verified by
// the provider), and, when organisationClaim is configured, that the person belongs to the account's organisation.
//
// The flow's secrets (state, nonce, PKCE verifier, the page to return to) travel in a short-lived cookie encrypted
// and authenticated with AES-256-GCM (key derived from FORM_SECRET, or the process's random key), SameSite=Lax so
// that the provider's redirect back brings it, scoped to /api/auth/oidc. openid-client checks the state, exchanges
// the code with the verifier, and checks the ID token's issuer, audience, nonce, expiry and (enableNonRepudiationChecks)
// its signature against the provider's JWKS.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import * as client from 'openid-client';
import { createSession } from '../../kernel/auth.js';
import type { Actor } from '../../kernel/audit.js';
import { recordAudit } from '../../kernel/audit.js';
import type { Config, OidcProviderConfig } from '../../kernel/config.js';
import { rows, type Db } from '../../kernel/db.js';
import { formKeySecret } from '../factcheck/factcheck.desk.js';
import { users } from './directory.tables.js';

export const OIDC_COOKIE = 'rh_oidc';
export const OIDC_COOKIE_PATH = '/api/auth/oidc';
const FLOW_SECONDS = 600;

/** Why a sign-in through a provider was refused: the code the sign-in page translates (?sso_error=<code>). */
export type OidcRefusal =
  | 'unknown_provider' // no such provider configured
  | 'provider_unavailable' // discovery failed (the provider is down or misconfigured)
  | 'expired' // no flow cookie, or an old one: start again
  | 'denied' // the provider answered with an error (the person cancelled, or was refused there)
  | 'invalid_response' // state, code, signature, issuer, audience, nonce or expiry did not check out
  | 'unverified_email' // the e-mail claim is not verified by the provider
  | 'unknown_user' // no RightsHub account for this person
  | 'ambiguous_user' // several accounts share the e-mail
  | 'inactive_user' // the account is deactivated
  | 'wrong_organisation' // the organisation claim is not the account's organisation
  | 'error'; // anything else (logged): try again later

export class OidcError extends Error {
  constructor(
    readonly refusal: OidcRefusal,
    message: string,
  ) {
    super(message);
  }
}

export const publicProviders = (config: Config) => config.oidcProviders.map((p) => ({ id: p.id, label: p.label }));

export const redirectUri = (config: Config, p: OidcProviderConfig) => `${config.baseUrl}${OIDC_COOKIE_PATH}/${p.id}/callback`;

function provider(config: Config, id: string): OidcProviderConfig {
  const p = config.oidcProviders.find((x) => x.id === id);
  if (!p) throw new OidcError('unknown_provider', `No sign-in provider "${id}" is configured`);
  return p;
}

// Discovery once per provider and process; a failure is forgotten so the next sign-in tries again.
const discovered = new Map<string, Promise<client.Configuration>>();
async function configuration(p: OidcProviderConfig): Promise<client.Configuration> {
  const key = JSON.stringify([p.issuer, p.clientId]);
  let c = discovered.get(key);
  if (!c) {
    const insecure = new URL(p.issuer).protocol === 'http:'; // allowed by config.ts for this machine only
    c = client
      .discovery(new URL(p.issuer), p.clientId, undefined, p.clientSecret ? client.ClientSecretPost(p.clientSecret) : client.None(), {
        execute: insecure ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .then((cfg) => {
        client.enableNonRepudiationChecks(cfg); // verify the ID token's signature with the provider's JWKS
        return cfg;
      });
    discovered.set(key, c);
    c.catch(() => discovered.delete(key));
  }
  try {
    return await c;
  } catch (e) {
    throw new OidcError('provider_unavailable', `The provider ${p.id} cannot be reached or described: ${(e as Error).message}`);
  }
}

// ---- the flow cookie ----
type Flow = { p: string; s: string; n: string; v: string; next: string; exp: number };
const cookieKey = (config: Config) =>
  crypto
    .createHash('sha256')
    .update(`rightshub.oidc-flow:${formKeySecret(config.formSecret)}`)
    .digest();

function seal(config: Config, flow: Flow): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', cookieKey(config), iv);
  const body = Buffer.concat([c.update(JSON.stringify(flow), 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

function unseal(config: Config, value: string | undefined): Flow | null {
  if (!value) return null;
  try {
    const raw = Buffer.from(value, 'base64url');
    const d = crypto.createDecipheriv('aes-256-gcm', cookieKey(config), raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    const flow = JSON.parse(Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8')) as Flow;
    return flow.exp > Date.now() ? flow : null;
  } catch {
    return null;
  }
}

export const flowCookieOptions = (config: Config) => ({
  path: OIDC_COOKIE_PATH,
  httpOnly: true,
  sameSite: 'lax' as const, // the provider's redirect back is a cross-site top-level GET
  secure: config.secureCookies,
});
export const FLOW_COOKIE_SECONDS = FLOW_SECONDS;

/** A page of the workspace to return to: one of its own paths, never another site. */
export const safeNext = (next: string | undefined) =>
  next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login') && next.length < 500
    ? next
    : '/';

/** Starts a sign-in: where to send the browser, and the sealed flow cookie. */
export async function startOidc(config: Config, providerId: string, next: string | undefined) {
  const p = provider(config, providerId);
  const cfg = await configuration(p);
  const flow: Flow = {
    p: p.id,
    s: client.randomState(),
    n: client.randomNonce(),
    v: client.randomPKCECodeVerifier(),
    next: safeNext(next),
    exp: Date.now() + FLOW_SECONDS * 1000,
  };
  const url = client.buildAuthorizationUrl(cfg, {
    redirect_uri: redirectUri(config, p),
    scope: p.scope,
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(flow.v),
    code_challenge_method: 'S256',
    state: flow.s,
    nonce: flow.n,
  });
  return { url: url.href, cookie: seal(config, flow) };
}

/** Finishes a sign-in: checks the provider's answer and the ID token, finds the account, opens the session. */
export async function finishOidc(
  db: Db,
  config: Config,
  providerId: string,
  query: Record<string, string | undefined>,
  flowCookie: string | undefined,
  address: string,
) {
  const p = provider(config, providerId);
  const flow = unseal(config, flowCookie);
  if (!flow || flow.p !== p.id)
    throw new OidcError('expired', 'No sign-in in progress with this provider (or it took longer than 10 minutes)');
  if (query.error)
    throw new OidcError('denied', `The provider refused: ${query.error}${query.error_description ? ` (${query.error_description})` : ''}`);
  const cfg = await configuration(p);
  const current = new URL(redirectUri(config, p));
  for (const [k, v] of Object.entries(query)) if (v !== undefined) current.searchParams.set(k, v);
  let claims: client.IDToken;
  try {
    const tokens = await client.authorizationCodeGrant(cfg, current, {
      pkceCodeVerifier: flow.v,
      expectedState: flow.s,
      expectedNonce: flow.n,
      idTokenExpected: true,
    });
    claims = tokens.claims()!;
  } catch (e) {
    throw new OidcError('invalid_response', `The provider's answer did not check out: ${(e as Error).message}`);
  }

  const raw = claims[p.userClaim];
  const name = typeof raw === 'string' ? raw.normalize('NFC').trim() : '';
  if (!name) throw new OidcError('unknown_user', `The provider's ID token has no "${p.userClaim}" claim`);
  if (p.userField === 'email' && p.userClaim === 'email' && claims.email_verified !== true)
    throw new OidcError('unverified_email', `The provider has not verified the e-mail ${name}`);
  const column = p.userField === 'email' ? sql`u.email` : sql`u.username`;
  const found = await rows<{
    id: number;
    username: string;
    role: string;
    organisation_id: number | null;
    active: boolean;
    org_code: string | null;
  }>(
    db,
    sql`select u.id, u.username, u.role, u.organisation_id, u.active, o.code as org_code
        from ${users} u left join organisations o on o.id = u.organisation_id
        where lower(${column}) = lower(${name})`,
  );
  if (!found.length) throw new OidcError('unknown_user', `No RightsHub account has the ${p.userField} ${name}`);
  if (found.length > 1) throw new OidcError('ambiguous_user', `${found.length} RightsHub accounts have the ${p.userField} ${name}`);
  const u = found[0]!;
  if (!u.active) throw new OidcError('inactive_user', `The account ${u.username} is deactivated`);
  if (p.organisationClaim) {
    const org = claims[p.organisationClaim];
    if (typeof org !== 'string' || !u.org_code || org.trim().toLowerCase() !== u.org_code.toLowerCase())
      throw new OidcError(
        'wrong_organisation',
        `The provider says organisation ${typeof org === 'string' ? org : JSON.stringify(org)}, the account ${u.username} is in ${u.org_code ?? 'none'}`,
      );
  }

  await db.execute(sql`update ${users} set last_login_at = now() where id = ${u.id}`);
  const session = await createSession(db, config, u.id, address);
  const actor: Actor = { userId: u.id, name: u.username, role: u.role as Actor['role'], organisationId: u.organisation_id, via: 'api' };
  await recordAudit(db, actor, 'login', 'user', u.id, null, { address, sso: p.id, issuer: p.issuer, subject: claims.sub });
  return { session, next: flow.next };
}
