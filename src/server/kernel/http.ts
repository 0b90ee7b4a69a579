// HTTP kernel: the one error shape, the session/actor hook with CSRF protection, security headers.
// Nothing domain-specific lives here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Actor } from './audit.js';
import { findSession } from './auth.js';
import type { Config } from './config.js';
import type { Db } from './db.js';
import { AppError, ERROR_STATUS, type ErrorCode } from './errors.js';
import { inputError, textIssues } from './input.js';
import { issueDetail, langOf, localiseError, msg, type Lang, type Text } from './messages.js';
import { progressRegistry } from './progress.js';

export const SESSION_COOKIE = 'rh_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
    sessionToken: string | null;
  }
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'validation_failed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'validation_failed',
  FST_ERR_RATE_LIMITED: 'rate_limited',
};

/** A plugin's bare 4xx (no code of ours) keeps its status. */
const STATUS_CODES: Record<number, ErrorCode> = {
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** The reader's language of a request (Accept-Language: vi or en; English when it names neither). */
export const requestLang = (req: FastifyRequest): Lang => langOf(req.headers['accept-language']);

/** The one error body, in the reader's language (kernel/messages): `message` and each detail's `message` in it, both
 *  texts beside them. `text` is the thrower's own pair when it gave one. */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown, text?: Text) {
  return reply.status(ERROR_STATUS[code]).send({ error: localiseError(code, message, text, details, requestLang(reply.request)) });
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: unknown, req, reply) => {
    if (err instanceof AppError) {
      if (err.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfter))));
      return sendError(reply, err.code, err.message, err.details, err.text);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) =>
        issueDetail(
          { ...(v.params as object), code: v.keyword, message: v.message ?? 'invalid' },
          [
            err.validationContext,
            ...String(v.instancePath ?? '')
              .split('/')
              .filter(Boolean),
          ]
            .filter((p) => p && p !== 'body')
            .join('.') || '(input)',
        ),
      );
      return sendError(reply, 'validation_failed', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
    }
    const e = err as { code?: string; statusCode?: number; message?: string };
    const mapped = e.code ? FASTIFY_CODES[e.code] : undefined;
    if (mapped) return sendError(reply, mapped, e.message ?? mapped);
    // A plugin's own 4xx keeps its status (the route rate limiter throws a bare 429; its Retry-After is already set).
    const byStatus = e.statusCode ? STATUS_CODES[e.statusCode] : undefined;
    if (byStatus) return sendError(reply, byStatus, e.message ?? byStatus);
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return sendError(reply, 'validation_failed', e.message ?? 'Bad request');
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, 'internal', 'Internal error; it has been logged');
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How a request with `Authorization: Bearer <token>` is authenticated (modules/directory/tokens.service.ts): the
 *  token's actor or an AppError (401 saying why), and one audit entry per call. */
export type BearerAuth = {
  resolve: (db: Db, secret: string) => Promise<Actor>;
  audit: (db: Db, actor: Actor, method: string, path: string) => Promise<void>;
};

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Reads the session cookie, sets request.actor, and refuses cookie-authenticated writes without the CSRF token. A
 *  request with a bearer token is authenticated by the token alone (a cookie beside it is ignored) and needs no CSRF
 *  token: a browser never adds that header to a cross-site request by itself. */
export function installSessionHook(
  app: FastifyInstance,
  db: Db,
  resolveActor: (db: Db, userId: number) => Promise<Actor | null>,
  bearer?: BearerAuth,
) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionToken', null);
  // The token is checked when the request arrives, before its body is validated: a refused token is 401 whatever it
  // sent, and a call that fails validation is in the audit log too.
  app.addHook('onRequest', async (req) => {
    if (!bearer || !req.url.startsWith('/api/')) return;
    const authorization = req.headers.authorization;
    if (!authorization) return;
    const m = BEARER.exec(authorization);
    if (!m)
      throw new AppError(
        'unauthenticated',
        msg('Tiêu đề Authorization phải là «Bearer <khoá API>».', 'The Authorization header must be "Bearer <API token>"'),
      );
    const actor = await bearer.resolve(db, m[1]!);
    // Every call with a token is in the audit log, before it runs (a write that fails is there too).
    await bearer.audit(db, actor, req.method, req.url.split('?')[0]!);
    if (actor.readOnly && !SAFE_METHODS.has(req.method))
      throw new AppError('forbidden', msg('Khoá API này chỉ được đọc, không được ghi.', 'This API token is read-only'));
    req.actor = actor;
  });
  app.addHook('preHandler', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    if (req.actor?.tokenId !== undefined) return; // authenticated by its token (a cookie beside it is ignored)
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return;
    // A poll of running work (kernel/progress.routes) from the session that started it is answered from memory: the
    // embedded database may be busy with that work's transaction, and the poll must not wait for it.
    if ((req.routeOptions.config as { progressPoll?: boolean } | undefined)?.progressPoll && progressRegistry.sessionOwner(token) !== null)
      return;
    const s = await findSession(db, token);
    if (!s) return;
    const actor = await resolveActor(db, s.userId);
    if (!actor) return;
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== s.csrfToken) {
      throw new AppError('csrf_failed', 'Missing or wrong CSRF token (header x-csrf-token); reload the page and try again');
    }
    req.actor = actor;
    req.csrfToken = s.csrfToken;
    req.sessionToken = token;
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated', 'Sign in first');
  return req.actor;
}

export function sessionCookieOptions(config: Config, expires?: Date) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.secureCookies, ...(expires ? { expires } : {}) };
}

/** The workspace and the API description (Swagger UI): scripts from the server only; Mantine and Swagger UI set style
 *  attributes at run time, so styles allow inline. */
export const WORKSPACE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
/** Every other API answer: JSON, and stored files a browser may open inline (images, audio, video, PDF). Nothing in
 *  them may run or load anything; `sandbox` makes a file its own opaque origin, except a PDF (Chromium's viewer does
 *  not open in a sandboxed document; it runs no page script of ours anyway). */
export const FILE_CSP =
  "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; object-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** Browser features no page of RightsHub uses. */
export const PERMISSIONS_POLICY =
  'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';
/** One year of https only, sent when BASE_URL is https. */
export const HSTS = 'max-age=31536000';

export function installSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'secureCookies'>) {
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (config.secureCookies) reply.header('strict-transport-security', HSTS);
    if (!reply.getHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    if (req.url.startsWith('/app') || req.url.startsWith('/api/docs')) {
      reply.header('content-security-policy', WORKSPACE_CSP);
    } else if (req.url.startsWith('/api/') && !reply.getHeader('content-security-policy')) {
      const pdf = String(reply.getHeader('content-type') ?? '').startsWith('application/pdf');
      reply.header('content-security-policy', pdf ? FILE_CSP : `${FILE_CSP}; sandbox`);
    }
    // API answers are never stored, except the few public reference reads that say so themselves (`public, …`).
    const publicCache = String(reply.getHeader('cache-control') ?? '').startsWith('public');
    if (req.url.startsWith('/api/') && !req.url.startsWith('/api/docs') && !publicCache) reply.header('cache-control', 'no-store');
  });
}

/** Reads a multipart upload: the first file of the field `file` and the text fields named in `textFields` (others are
 *  ignored). Text that cannot be stored is refused with the field named, as in every JSON body (kernel/input);
 *  `tooLarge` replaces the 413 of a file past UPLOAD_MAX_MB. */
export async function readUpload(req: FastifyRequest, textFields: readonly string[], tooLarge?: () => AppError) {
  if (!req.isMultipart())
    throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data', [
      { field: 'file', message: 'multipart/form-data expected' },
    ]);
  let file: { bytes: Buffer; filename: string } | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer(); // throws FST_REQ_FILE_TOO_LARGE past UPLOAD_MAX_MB
        if (part.fieldname === 'file' && !file) file = { bytes, filename: part.filename ?? '' };
      } else if (textFields.includes(part.fieldname)) {
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value ?? ''); // a JSON part stays its JSON text
      }
    }
  } catch (e) {
    if (tooLarge && (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw e;
  }
  const issues = textIssues(fields);
  if (issues.length) throw inputError(issues);
  if (!file) throw new AppError('validation_failed', 'No file sent', [{ field: 'file', message: 'required' }]);
  return { file, fields };
}
