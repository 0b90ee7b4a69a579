// buildApp: the kernel plugins and every module's routes on one Fastify instance. Never listens.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Config } from './kernel/config.js';
import { ping, type Database } from './kernel/db.js';
import { importQueue } from './kernel/imports.js';
import { progressRoutes } from './kernel/progress.routes.js';
import { installErrorHandling, installSecurityHeaders, installSessionHook, sendError } from './kernel/http.js';
import { installInputChecks } from './kernel/input.js';
import { pgRateLimitStore } from './kernel/rateLimit.js';
import { safeError } from './kernel/logging.js';
import { readiness } from './kernel/readiness.js';
import { getActorForUser } from './modules/directory/actor.js';
import { actorForToken, auditTokenUse } from './modules/directory/tokens.service.js';
import { formKeySecret } from './modules/factcheck/factcheck.desk.js';
import { modules } from './modules/index.js';
import { portalRoutes, type PortalStatus } from './portal/portal.routes.js';

/** How long /healthz waits for a busy embedded database, and how long the database may stay silent. */
const HEALTH_WAIT_MS = 500;
const DB_SILENT_MS = 5 * 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Turns /readyz to 503 (shutting down) while the copy keeps serving: the first step of a graceful shutdown. */
    drain(): void;
  }
}

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** `status`: what the server is doing that the portal says (the demo data loading in the background); `logStream`:
 *  where the log goes instead of stdout (tests read it). */
export async function buildApp({
  config,
  database,
  logger = true,
  status,
  logStream,
}: {
  config: Config;
  database: Database;
  logger?: boolean;
  status?: PortalStatus;
  logStream?: { write(line: string): void };
}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger
      ? {
          level: config.logLevel,
          redact: {
            paths: [
              'req.headers.cookie',
              'req.headers.authorization',
              'req.headers["x-csrf-token"]',
              'res.headers["set-cookie"]',
              '*.password',
              '*.passwordHash',
              '*.token',
            ],
            censor: '[redacted]',
          },
          // Errors without a query's parameters or row data (kernel/logging).
          serializers: { err: (e: unknown) => safeError(e) },
          ...(logStream ? { stream: logStream } : {}),
        }
      : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.setSerializerCompiler(serializerCompiler);
  // Text that cannot be stored or exported, and integers past PostgreSQL's integer: 400 naming the field, every route.
  installInputChecks(app);
  installErrorHandling(app);
  // The API speaks JSON and multipart only: any other body type is refused with 415.
  app.removeContentTypeParser('text/plain');
  installSecurityHeaders(app, config);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 }, throwFileSizeLimit: true });
  // Route limits (sign-in, the public forms) counted in the database, so every copy behind a balancer shares them.
  await app.register(rateLimit, { global: false, store: pgRateLimitStore(database.db, formKeySecret(config.formSecret)) });
  await app.register(swagger, {
    openapi: {
      info: { title: 'RightsHub API', version: '0.1.0', description: 'Communication Programme on Human Rights in Viet Nam, 2023–2028' },
      // Machine clients send an API token (made in the workspace, /app/tokens); the workspace uses its session cookie
      // plus the x-csrf-token header on writes. Either one authenticates a route that needs a user.
      components: {
        securitySchemes: {
          bearerToken: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'rh_…',
            description: 'An API token: `Authorization: Bearer rh_…`. No CSRF token needed; every call is in the audit log.',
          },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'rh_session',
            description: 'The workspace session (writes also need x-csrf-token)',
          },
        },
      },
      security: [{ bearerToken: [] }, { sessionCookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installSessionHook(app, database.db, getActorForUser, { resolve: actorForToken, audit: auditTokenUse });

  importQueue.configure(config.imports);
  // The embedded database runs one statement at a time on this thread: while an import writes, a health check waits
  // at most HEALTH_WAIT_MS for it and then answers that the process is alive and the database busy — unless the
  // database has not answered for DB_SILENT_MS (then it is down, whatever runs).
  let lastAnswer = Date.now();
  const answer = <T>(query: Promise<T>): Promise<T | 'busy'> => {
    const answered = query.then((v) => {
      lastAnswer = Date.now();
      return v;
    });
    answered.catch(() => undefined);
    return importQueue.stats().running && database.kind === 'pglite' && Date.now() - lastAnswer < DB_SILENT_MS
      ? Promise.race([answered, new Promise<'busy'>((r) => setTimeout(() => r('busy'), HEALTH_WAIT_MS).unref())])
      : answered;
  };
  app.get('/healthz', async (_req, reply) => {
    const { running, queued } = importQueue.stats();
    const imports = running || queued ? { imports: { running, queued } } : {};
    try {
      const db = await answer(ping(database.db).then(() => 'ok' as const));
      return { status: 'ok', db: database.kind, ...(db === 'busy' ? { busy: true } : {}), ...imports };
    } catch {
      return sendError(reply, 'internal', 'database unavailable');
    }
  });
  // Whether a load balancer should send this copy requests (kernel/readiness): 503 naming what is not ready, and from
  // the moment the copy starts shutting down (app.drain(), or close()) while it finishes what it has.
  let draining = false;
  app.decorate('drain', () => {
    draining = true;
  });
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.get('/readyz', async (_req, reply) => {
    const r = await readiness({ db: database.db, dataDir: config.dataDir, draining, answer });
    return reply
      .status(r.status === 'ready' ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(r);
  });

  // The figure of running imports (kernel/progress: in memory, per process).
  await app.register(progressRoutes);
  for (const m of modules) await app.register(async (scope) => m.routes(scope, { db: database.db, config }));

  // The workspace SPA: built files under /app/, index.html for every client-side route. Files are looked up
  // per request, so a rebuilt workspace is served without a restart.
  await app.register(fastifyStatic, { root: WEB_DIST, serve: false });
  const sendApp = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The workspace is not built: run `npm run build` (npm start does it for you).');
    }
    const rel = decodeURIComponent(req.url.split('?')[0]).replace(/^\/app\/?/, '');
    const file = path.resolve(WEB_DIST, rel);
    if (rel && file.startsWith(WEB_DIST + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.header('cache-control', rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(rel);
    }
    if (rel.startsWith('assets/')) return sendError(reply, 'not_found', `No file ${rel}`);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  };
  app.get('/app', sendApp);
  app.get('/app/*', sendApp);
  await app.register(portalRoutes, {
    baseUrl: config.baseUrl,
    db: database.db,
    dataDir: config.dataDir,
    formSecret: config.formSecret,
    sharedMaxAge: config.portal.sharedMaxAge,
    cacheBytes: config.portal.cacheBytes,
    sitemapUrlsPerPart: config.portal.sitemapUrlsPerPart,
    status,
  });
  return app;
}
