// Single sign-on routes (oidc.ts): the providers for the sign-in page, the start (redirect to the provider) and the
// callback (back from it). The two browser routes answer with redirects only: a refusal goes to the sign-in page with
// ?sso_error=<code>, which it explains in the person's language, never with a stack trace.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WORKSPACE_BASE } from '../../../shared/contracts/links.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../../kernel/http.js';
import { finishOidc, FLOW_COOKIE_SECONDS, flowCookieOptions, OIDC_COOKIE, OidcError, publicProviders, startOidc } from './oidc.js';

const Params = z.object({ provider: z.string().max(40) });
// Like password sign-in: each address may start or finish at most this many sign-ins a minute.
const LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };

export async function oidcRoutes(root: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  const refuse = (reply: FastifyReply, e: unknown, log: FastifyInstance['log']) => {
    if (e instanceof OidcError) log.warn({ sso: e.refusal, reason: e.message }, 'single sign-on refused');
    else log.error({ err: e }, 'single sign-on failed');
    const code = e instanceof OidcError ? e.refusal : 'error';
    reply.clearCookie(OIDC_COOKIE, flowCookieOptions(config));
    return reply.redirect(`${WORKSPACE_BASE}/login?sso_error=${code}`, 303);
  };

  app.get(
    '/api/auth/oidc/providers',
    {
      schema: {
        tags: ['auth'],
        description: 'The single sign-on providers configured (OIDC_PROVIDERS), for the sign-in page',
        response: { 200: z.array(z.object({ id: z.string(), label: z.string() })) },
      },
    },
    async () => publicProviders(config),
  );

  app.get(
    '/api/auth/oidc/:provider/start',
    {
      schema: {
        tags: ['auth'],
        params: Params,
        querystring: z.object({ next: z.string().max(500).optional() }),
        description: "Starts single sign-on: redirects to the provider's authorization endpoint (code flow, PKCE S256)",
      },
      config: LIMIT,
    },
    async (req, reply) => {
      let started: Awaited<ReturnType<typeof startOidc>>;
      try {
        started = await startOidc(config, req.params.provider, req.query.next);
      } catch (e) {
        return refuse(reply, e, req.log);
      }
      reply.setCookie(OIDC_COOKIE, started.cookie, { ...flowCookieOptions(config), maxAge: FLOW_COOKIE_SECONDS });
      return reply.redirect(started.url, 303);
    },
  );

  app.get(
    '/api/auth/oidc/:provider/callback',
    {
      schema: {
        tags: ['auth'],
        params: Params,
        querystring: z.record(z.string(), z.string()),
        description:
          'Where the provider sends the browser back: checks the answer and the ID token, opens the session, redirects into /app',
      },
      config: LIMIT,
    },
    async (req, reply) => {
      let done: Awaited<ReturnType<typeof finishOidc>>;
      try {
        done = await finishOidc(db, config, req.params.provider, req.query, req.cookies[OIDC_COOKIE], req.ip);
      } catch (e) {
        return refuse(reply, e, req.log);
      }
      reply.clearCookie(OIDC_COOKIE, flowCookieOptions(config));
      reply.setCookie(SESSION_COOKIE, done.session.token, sessionCookieOptions(config, done.session.expiresAt));
      return reply.redirect(done.next === '/' ? `${WORKSPACE_BASE}/` : `${WORKSPACE_BASE}${done.next}`, 303);
    },
  );
}
