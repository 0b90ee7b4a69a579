// HTTP routes of the directory module and of sign-in. Thin: validate with the contract, call the service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as C from '../../../shared/contracts/directory.js';
import { deleteSession } from '../../kernel/auth.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { importQueue } from '../../kernel/imports.js';
import { withProgress } from '../../kernel/progress.js';
import { requireActor, SESSION_COOKIE, sessionCookieOptions } from '../../kernel/http.js';
import { listAudit } from './audit.service.js';
import { provinceGeometryJson } from './geometry.js';
import { exportOrganisations, importOrganisations } from './organisations.excel.js';
import {
  getOrganisation,
  listOrganisations,
  organisationTreeJson,
  createOrganisation,
  setOrganisationActive,
  updateOrganisation,
} from './organisations.service.js';
import { oidcRoutes } from './oidc.routes.js';
import { tokenRoutes } from './tokens.routes.js';
import { listCountries, listUnits } from './units.service.js';
import { smtpMailer } from '../../kernel/mail.js';
import {
  createUser,
  getUser,
  listSignInFailures,
  listUsers,
  login,
  setLocale,
  toMe,
  unlockUserSignIn,
  updateUser,
} from './users.service.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: C.ErrorBody, 401: C.ErrorBody, 403: C.ErrorBody, 404: C.ErrorBody, 409: C.ErrorBody };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** If-None-Match against a strong ETag: a list of tags or `*`; a weak `W/` tag matches too (weak comparison, RFC 9110 13.1.2). */
const etagMatches = (header: string | undefined, etag: string) =>
  !!header && (header.trim() === '*' || header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));

export async function directoryRoutes(root: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  // Sign-in limits per account and address live in the service (kernel/auth); this one only bounds the password
  // hashing one address can ask for (429 with Retry-After).
  const mailer = config.smtp ? smtpMailer(config.smtp.url, config.smtp.from) : undefined;
  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: C.LoginInput, response: { 200: C.Me, ...errors, 429: C.ErrorBody } },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { session, user } = await login(db, config, req.body.username, req.body.password, req.ip, { mailer });
      reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(config, session.expiresAt));
      return toMe(user, session.csrfToken);
    },
  );
  app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (req, reply) => {
    if (req.sessionToken) await deleteSession(db, req.sessionToken);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
    return reply.status(204).send();
  });
  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: C.Me, ...errors } } }, async (req) => {
    const actor = requireActor(req);
    return toMe(await getUser(db, actor.userId!), req.csrfToken ?? ''); // no CSRF token with an API token
  });
  app.put('/api/auth/me/locale', { schema: { tags: ['auth'], body: C.LocaleInput, response: { 200: C.Me, ...errors } } }, async (req) => {
    const actor = requireActor(req);
    await setLocale(db, actor.userId!, req.body.locale);
    return toMe(await getUser(db, actor.userId!), req.csrfToken ?? '');
  });

  // Reference data is public: the portal and the workspace both show it.
  app.get(
    '/api/units',
    {
      schema: { tags: ['directory'], querystring: z.object({ map: C.MapVersion.default('34') }), response: { 200: z.array(C.AdminUnit) } },
    },
    async (req) => listUnits(db, req.query.map),
  );
  app.get('/api/countries', { schema: { tags: ['directory'], response: { 200: z.array(C.Country) } } }, async () => listCountries(db));
  app.get(
    '/api/units/geometry/:map',
    {
      schema: {
        tags: ['directory'],
        params: z.object({ map: C.MapVersion }),
        description:
          'Province map geometry (GeoJSON FeatureCollection, properties code, nameVi, nameEn; prepared JSON with a strong ETag; 304 on If-None-Match)',
      },
    },
    async (req, reply) => {
      // The same bytes for everyone until a deploy changes the reference files: cacheable by browsers and proxies.
      const { etag, json } = provinceGeometryJson(req.params.map);
      reply.header('etag', etag).header('cache-control', 'public, max-age=86400');
      if (etagMatches(req.headers['if-none-match'], etag)) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(json);
    },
  );

  app.get(
    '/api/organisations',
    { schema: { tags: ['directory'], querystring: C.OrganisationListQuery, response: { 200: C.OrganisationList, ...errors } } },
    async (req) => {
      requireActor(req);
      return listOrganisations(db, req.query);
    },
  );
  app.get(
    '/api/organisations/tree',
    {
      schema: {
        tags: ['directory'],
        querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }),
        description: 'All organisations as OrgTreeNode[] (prepared JSON, with an ETag; 304 on If-None-Match)',
      },
    },
    async (req, reply) => {
      requireActor(req);
      // Prepared JSON with an ETag: a focal point on a slow line downloads the tree again only when it changed.
      const { etag, json } = await organisationTreeJson(db, req.query.includeInactive === 'true');
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(json);
    },
  );
  app.get('/api/organisations/export.xlsx', { schema: { tags: ['directory'] } }, async (req, reply) => {
    requireActor(req);
    const buf = await exportOrganisations(db);
    return reply.type(XLSX).header('content-disposition', 'attachment; filename="organisations.xlsx"').send(buf);
  });
  app.get('/api/organisations/import-template.xlsx', { schema: { tags: ['directory'] } }, async (req, reply) => {
    requireActor(req);
    const buf = await exportOrganisations(db, { template: true });
    return reply.type(XLSX).header('content-disposition', 'attachment; filename="organisations-template.xlsx"').send(buf);
  });
  app.get(
    '/api/organisations/:id',
    { schema: { tags: ['directory'], params: IdParams, response: { 200: C.Organisation, ...errors } } },
    async (req) => {
      requireActor(req);
      return getOrganisation(db, req.params.id);
    },
  );
  app.post(
    '/api/organisations',
    { schema: { tags: ['directory'], body: C.OrganisationInput, response: { 201: C.Organisation, ...errors } } },
    async (req, reply) => {
      const org = await createOrganisation(db, requireActor(req), req.body);
      return reply.status(201).send(org);
    },
  );
  app.put(
    '/api/organisations/:id',
    { schema: { tags: ['directory'], params: IdParams, body: C.OrganisationInput, response: { 200: C.Organisation, ...errors } } },
    async (req) => updateOrganisation(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/organisations/:id/deactivate',
    {
      schema: {
        tags: ['directory'],
        params: IdParams,
        body: z.object({ successorId: z.number().int().nullable().optional(), successionKind: C.SuccessionKind.optional() }).optional(),
        response: { 200: C.Organisation, ...errors },
      },
    },
    async (req) =>
      setOrganisationActive(db, requireActor(req), req.params.id, false, req.body?.successorId ?? null, req.body?.successionKind),
  );
  app.post(
    '/api/organisations/:id/reactivate',
    { schema: { tags: ['directory'], params: IdParams, response: { 200: C.Organisation, ...errors } } },
    async (req) => setOrganisationActive(db, requireActor(req), req.params.id, true),
  );
  app.post(
    '/api/organisations/import',
    {
      schema: {
        tags: ['directory'],
        consumes: ['multipart/form-data'],
        response: { 200: C.ImportResult, ...errors, 413: C.ErrorBody, 415: C.ErrorBody, 422: C.ErrorBody, 503: C.ErrorBody },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (actor.role !== 'admin' && actor.role !== 'editor') throw new AppError('forbidden', `Your role (${actor.role}) is read-only`);
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file"', [
          { field: 'file', message: 'multipart/form-data expected' },
        ]);
      const file = await req.file();
      if (!file || file.fieldname !== 'file')
        throw new AppError('validation_failed', 'No file in the field "file"', [{ field: 'file', message: 'required' }]);
      return withProgress(req, (progress) => importQueue.run(async () => importOrganisations(db, actor, await file.toBuffer(), progress))); // a turn in the import queue (503 when full)
    },
  );

  app.get('/api/users', { schema: { tags: ['users'], response: { 200: z.array(C.User), ...errors } } }, async (req) =>
    listUsers(db, requireActor(req)),
  );
  app.post(
    '/api/users',
    { schema: { tags: ['users'], body: C.UserCreateInput, response: { 201: C.User, ...errors } } },
    async (req, reply) => {
      return reply.status(201).send(await createUser(db, requireActor(req), req.body));
    },
  );
  app.get(
    '/api/users/sign-in-failures',
    {
      schema: {
        tags: ['users'],
        response: { 200: C.SignInFailures, ...errors },
        description: "Accounts with failed sign-ins in the limits' window, by address, and how long each blocked address waits (admin)",
      },
    },
    async (req) => listSignInFailures(db, requireActor(req), config),
  );
  app.post(
    '/api/users/:id/unlock-sign-in',
    {
      schema: {
        tags: ['users'],
        params: IdParams,
        response: { 200: z.object({ cleared: z.number().int() }), ...errors },
        description: "Clears the account's failed sign-ins from every address (admin; audited)",
      },
    },
    async (req) => unlockUserSignIn(db, requireActor(req), req.params.id),
  );
  app.put(
    '/api/users/:id',
    { schema: { tags: ['users'], params: IdParams, body: C.UserUpdateInput, response: { 200: C.User, ...errors } } },
    async (req) => updateUser(db, requireActor(req), req.params.id, req.body),
  );

  await tokenRoutes(root, { db });
  await oidcRoutes(root, { db, config });

  app.get(
    '/api/audit',
    { schema: { tags: ['audit'], querystring: C.AuditQuery, response: { 200: C.AuditList, ...errors } } },
    async (req) => listAudit(db, requireActor(req), req.query),
  );
}
