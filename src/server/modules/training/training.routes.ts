// HTTP routes of the training module: rosters (personal data: scoped, exports audited), duplicates and merging,
// courses, sessions, attendance, the coverage rule and coverage as of a day. Thin: contract in, service out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/training.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { importQueue, type ImportTicket } from '../../kernel/imports.js';
import { progressOf, withProgress } from '../../kernel/progress.js';
import type { ErrorCode } from '../../kernel/errors.js';
import { requestLang, requireActor } from '../../kernel/http.js';
import { localiseError } from '../../kernel/messages.js';
import { issueCertificate, verifyCertificate } from './training.certificates.js';
import { coverageReport, describeRule, getCoverageRule, setCoverageRule } from './training.coverage.js';
import {
  commitImport,
  exportRoster,
  previewRosterImport,
  previewSigninImport,
  rosterTemplate,
  startRosterImport,
  startSigninImport,
} from './training.excel.js';
import { acceptSuggestions, decideImportRows, importStatus, listImportRows } from './training.review.js';
import { signinExample } from './training.demo.js';
import * as svc from './training.service.js';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['training'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const importErrors = { ...errors, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 503: ErrorBody };

async function upload(req: import('fastify').FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart())
    throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file"', [
      { field: 'file', message: 'multipart/form-data expected' },
    ]);
  const file = await req.file();
  if (!file || file.fieldname !== 'file')
    throw new AppError('validation_failed', 'No file in the field "file"', [{ field: 'file', message: 'required' }]);
  return file.toBuffer();
}

/** A place in the import queue taken before the upload is read (503 at once when the queue is full), handed to a
 *  background import; given back if the import does not start. */
async function inTurn<T>(start: (ticket: ImportTicket) => Promise<T>): Promise<T> {
  const ticket = importQueue.enter();
  try {
    return await start(ticket);
  } catch (e) {
    ticket.done();
    throw e;
  }
}

export async function trainingRoutes(root: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  // ---- certificates ----
  app.get(
    '/api/training/attendance/:id/certificate.pdf',
    {
      schema: {
        tags,
        params: IdParams,
        description: 'The completion certificate (PDF) of a completed attendance, with its verification code (issued once)',
      },
    },
    async (req, reply) => {
      const { code, pdf } = await issueCertificate(db, requireActor(req), req.params.id, `${config.baseUrl}/xac-minh-chung-chi`);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="certificate-${code}.pdf"`).send(pdf);
    },
  );
  app.get(
    '/api/public/training/certificates/:code',
    { schema: { tags: ['public'], params: z.object({ code: z.string().max(20) }), response: { 200: C.CertificateCheck, ...errors } } },
    async (req) => {
      const r = await verifyCertificate(db, req.params.code);
      if (!r) throw new AppError('not_found', 'No certificate has this code');
      return r;
    },
  );

  // ---- rosters ----
  app.get(
    '/api/training/people',
    { schema: { tags, querystring: C.RosterQuery, response: { 200: C.RosterList, ...errors } } },
    async (req) => svc.listRoster(db, requireActor(req), req.query),
  );
  app.get('/api/training/people/:id', { schema: { tags, params: IdParams, response: { 200: C.Person, ...errors } } }, async (req) =>
    svc.getPerson(db, requireActor(req), req.params.id),
  );
  app.post('/api/training/people', { schema: { tags, body: C.PersonInput, response: { 201: C.Person, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createPerson(db, requireActor(req), req.body)),
  );
  app.put(
    '/api/training/people/:id',
    { schema: { tags, params: IdParams, body: C.PersonInput, response: { 200: C.Person, ...errors } } },
    async (req) => svc.updatePerson(db, requireActor(req), req.params.id, req.body),
  );
  app.get('/api/training/duplicates', { schema: { tags, response: { 200: z.array(C.DuplicateGroup), ...errors } } }, async (req) =>
    svc.findDuplicates(db, requireActor(req)),
  );
  app.post('/api/training/people/merge', { schema: { tags, body: C.MergeInput, response: { 200: C.Person, ...errors } } }, async (req) =>
    svc.mergePeople(db, requireActor(req), req.body),
  );

  app.get(
    '/api/training/people/export.xlsx',
    {
      schema: {
        tags,
        querystring: C.RosterQuery.omit({ limit: true, offset: true }),
        description: 'The roster the actor may see (recorded in the audit log)',
      },
    },
    async (req, reply) => {
      const { buf, count } = await exportRoster(db, requireActor(req), req.query);
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="training-roster.xlsx"')
        .header('x-export-count', String(count))
        .send(buf);
    },
  );
  app.get('/api/training/roster-template.xlsx', { schema: { tags } }, async (req, reply) => {
    requireActor(req);
    return reply
      .type(XLSX)
      .header('content-disposition', 'attachment; filename="training-roster-template.xlsx"')
      .send(await rosterTemplate());
  });

  app.get(
    '/api/training/signin-example.xlsx',
    { schema: { tags, description: 'An example sign-in sheet (title block, Vietnamese headers, names written as sheets really are)' } },
    async (req, reply) => {
      requireActor(req);
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="diem-danh-mau.xlsx"')
        .send(await signinExample(db));
    },
  );

  // ---- imports: read and match (preview), then write the reviewed import ----
  // With ?background=true the upload is answered at once (202, the import's id) and read, validated and matched in the
  // background; the workspace polls GET /api/training/import/:id for rows read / matched / written.
  const Background = z.object({ background: z.enum(['true', 'false']).optional() });
  const Started = z.object({ importId: z.number().int() });
  app.post(
    '/api/training/import/roster',
    {
      schema: {
        tags,
        querystring: Background,
        consumes: ['multipart/form-data'],
        response: { 200: C.ImportPreview, 202: Started, ...importErrors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return req.query.background === 'true'
        ? reply.status(202).send(await inTurn(async (ticket) => startRosterImport(db, actor, await upload(req), ticket, progressOf(req))))
        : withProgress(req, (progress) => importQueue.run(async () => previewRosterImport(db, actor, await upload(req), progress)));
    },
  );
  app.post(
    '/api/training/sessions/:id/import',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: Background,
        consumes: ['multipart/form-data'],
        response: { 200: C.ImportPreview, 202: Started, ...importErrors },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return req.query.background === 'true'
        ? reply
            .status(202)
            .send(await inTurn(async (ticket) => startSigninImport(db, actor, req.params.id, await upload(req), ticket, progressOf(req))))
        : withProgress(req, (progress) =>
            importQueue.run(async () => previewSigninImport(db, actor, req.params.id, await upload(req), progress)),
          );
    },
  );
  app.get(
    '/api/training/import/:id',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: C.ImportStatus, ...errors },
        description: "An import's progress (rows read / matched / written), counts and what is left to decide",
      },
    },
    async (req) => {
      const status = await importStatus(db, requireActor(req), req.params.id);
      if (!status.error) return status;
      // A background import's failure is kept in English; it is read in the reader's language, like any error.
      const e = localiseError(status.error.code as ErrorCode, status.error.message, undefined, status.error.details, requestLang(req));
      return { ...status, error: { code: e.code, message: e.message, details: e.details as typeof status.error.details } };
    },
  );
  app.get(
    '/api/training/import/:id/rows',
    {
      schema: {
        tags,
        params: IdParams,
        querystring: C.ImportRowsQuery,
        response: { 200: C.ImportRowsPage, ...errors },
        description: "An import's rows by pages (keyset: after = the last row number of the page before), filtered",
      },
    },
    async (req) => listImportRows(db, requireActor(req), req.params.id, req.query),
  );
  app.put(
    '/api/training/import/:id/decisions',
    {
      schema: {
        tags,
        params: IdParams,
        body: C.ImportDecisions,
        response: { 200: z.object({ decided: z.number().int() }), ...importErrors },
      },
    },
    async (req) => decideImportRows(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/training/import/:id/accept-suggestions',
    {
      schema: {
        tags,
        params: IdParams,
        body: C.AcceptSuggestions,
        response: { 200: z.object({ accepted: z.number().int() }), ...importErrors },
        description: 'Accepts every suggestion scored at least minScore for rows not yet decided (audited)',
      },
    },
    async (req) => acceptSuggestions(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/training/import/:id/commit',
    { schema: { tags, params: IdParams, body: C.ImportCommit, response: { 200: C.ImportCommitResult, ...importErrors } } },
    async (req) => commitImport(db, requireActor(req), req.params.id, req.body),
  );

  // ---- courses and sessions ----
  app.get('/api/training/courses', { schema: { tags, response: { 200: z.array(C.Course), ...errors } } }, async (req) => {
    requireActor(req);
    return svc.listCourses(db);
  });
  app.post('/api/training/courses', { schema: { tags, body: C.CourseInput, response: { 201: C.Course, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createCourse(db, requireActor(req), req.body)),
  );
  app.put(
    '/api/training/courses/:id',
    { schema: { tags, params: IdParams, body: C.CourseInput, response: { 200: C.Course, ...errors } } },
    async (req) => svc.updateCourse(db, requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/api/training/sessions',
    {
      schema: {
        tags,
        querystring: z.object({ courseId: z.coerce.number().int().positive().optional() }),
        response: { 200: z.array(C.Session), ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      return svc.listSessions(db, req.query);
    },
  );
  app.post(
    '/api/training/sessions',
    { schema: { tags, body: C.SessionInput, response: { 201: C.Session, ...errors } } },
    async (req, reply) => reply.status(201).send(await svc.createSession(db, requireActor(req), req.body)),
  );
  app.put(
    '/api/training/sessions/:id',
    { schema: { tags, params: IdParams, body: C.SessionInput, response: { 200: C.Session, ...errors } } },
    async (req) => svc.updateSession(db, requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/api/training/sessions/:id/attendance',
    { schema: { tags, params: IdParams, response: { 200: z.array(C.Attendance), ...errors } } },
    async (req) => svc.listAttendance(db, requireActor(req), req.params.id),
  );
  app.post(
    '/api/training/attendance',
    { schema: { tags, body: C.AttendanceInput, response: { 200: z.object({ id: z.number().int() }), ...errors } } },
    async (req) => svc.recordAttendance(db, requireActor(req), req.body),
  );

  // ---- coverage ----
  app.get('/api/training/rule', { schema: { tags, response: { 200: C.CoverageRuleView, ...errors } } }, async (req) => {
    requireActor(req);
    const rule = await getCoverageRule(db);
    return { rule, methodNote: describeRule(rule) };
  });
  app.put('/api/training/rule', { schema: { tags, body: C.CoverageRule, response: { 200: C.CoverageRuleView, ...errors } } }, async (req) =>
    setCoverageRule(db, requireActor(req), req.body),
  );
  app.get(
    '/api/training/coverage',
    { schema: { tags, querystring: C.CoverageQuery, response: { 200: C.CoverageResult, ...errors } } },
    async (req) => coverageReport(db, requireActor(req), req.query),
  );
}
