// HTTP routes of the plans module: plans and their versions, the workflow (submit, return, approve, new version),
// spending, templates per kind of organisation, plan vs actual (JSON and Excel) and the Excel template in and out.
// Thin: contract in, service out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import './plans.cycle.js'; // the plan section of periodic reports and the 'plan' source of who must report
import { ErrorBody, ImportResult } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/plans.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { requireActor } from '../../kernel/http.js';
import { withProgress } from '../../kernel/progress.js';
import { exportPlans, importPlans, planTemplateWorkbook, summaryWorkbook } from './plans.excel.js';
import * as deadlines from './plans.deadlines.js';
import * as svc from './plans.service.js';
import { planTemplates } from './plans.templates.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const IdParams = z.object({ id: Id });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['plans'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function planRoutes(root: FastifyInstance, { db }: { db: Db }) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/plans/templates',
    {
      schema: {
        tags,
        response: { 200: z.array(C.PlanTemplate), ...errors },
        description: 'The activities suggested to each kind of organisation',
      },
    },
    async (req) => {
      requireActor(req);
      return planTemplates();
    },
  );
  app.get(
    '/api/plans/deadlines',
    {
      schema: {
        tags,
        response: { 200: z.array(C.PlanDeadline), ...errors },
        description: "Each year's deadline for plans, with how many are in",
      },
    },
    async (req) => {
      requireActor(req);
      return deadlines.listPlanDeadlines(db);
    },
  );
  app.put(
    '/api/plans/deadlines/:year',
    {
      schema: {
        tags,
        params: z.object({ year: C.PlanYear }),
        body: C.PlanDeadlineInput,
        response: { 200: C.PlanDeadline, ...errors },
        description: "Sets or moves the deadline of a year's plans (the programme office)",
      },
    },
    async (req) => deadlines.setPlanDeadline(db, requireActor(req), req.params.year, req.body),
  );
  app.delete(
    '/api/plans/deadlines/:year',
    {
      schema: {
        tags,
        params: z.object({ year: C.PlanYear }),
        description: "Removes the deadline of a year's plans (the programme office)",
      },
    },
    async (req, reply) => {
      await deadlines.removePlanDeadline(db, requireActor(req), req.params.year);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/plans/status',
    {
      schema: {
        tags,
        querystring: z.object({ organisationId: Id, year: C.PlanYear }),
        response: { 200: C.PlanStatusAnswer, ...errors },
        description: "Where an organisation's plan for a year stands (none, draft, submitted, returned, approved)",
      },
    },
    async (req) => {
      await svc.assertCanReadPlansOf(db, requireActor(req), req.query.organisationId);
      return svc.planStatus(db, req.query);
    },
  );
  app.get(
    '/api/plans/summary',
    {
      schema: {
        tags,
        querystring: C.SummaryQuery,
        response: { 200: C.PlanSummary, ...errors },
        description: 'Plan vs actual of a year: by organisation, by province (34- or 63-unit map), by target and by source',
      },
    },
    async (req) => svc.planSummary(db, requireActor(req), req.query),
  );
  app.get(
    '/api/plans/summary.xlsx',
    { schema: { tags, querystring: C.SummaryQuery, description: 'Plan vs actual as an Excel workbook (one sheet per view)' } },
    async (req, reply) => {
      const actor = requireActor(req);
      const buf = await summaryWorkbook(db, actor, req.query);
      return reply.type(XLSX).header('content-disposition', `attachment; filename="plan-vs-actual-${req.query.year}.xlsx"`).send(buf);
    },
  );

  // ---- Excel: the template (with the organisation kind's suggested activities), the plans as a sheet, the import ----
  const SheetQuery = z.object({ year: C.PlanYear.optional(), organisationId: Id.optional() });
  app.get(
    '/api/plans/import-template.xlsx',
    {
      schema: {
        tags,
        querystring: SheetQuery,
        description: 'The activities sheet to fill in; with organisationId and year, pre-filled with the template of its kind',
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="plan-template.xlsx"')
        .send(await planTemplateWorkbook(db, actor, req.query));
    },
  );
  app.get(
    '/api/plans/export.xlsx',
    {
      schema: {
        tags,
        querystring: SheetQuery,
        description: "The latest version of every plan the reader sees, in the import's layout (a round trip)",
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="plans.xlsx"')
        .send(await exportPlans(db, actor, req.query));
    },
  );
  app.post(
    '/api/plans/import',
    {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        response: { 200: ImportResult, ...errors, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
        description: 'Imports the activities sheet, all or nothing: 422 import_invalid names the sheet, row and column of every problem',
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file"', [
          { field: 'file', message: 'multipart/form-data expected' },
        ]);
      const file = await req.file();
      if (!file || file.fieldname !== 'file')
        throw new AppError('validation_failed', 'No file in the field "file"', [{ field: 'file', message: 'required' }]);
      return withProgress(req, async (progress) => importPlans(db, actor, await file.toBuffer(), progress));
    },
  );

  // ---- plans ----
  app.get('/api/plans', { schema: { tags, querystring: C.PlanListQuery, response: { 200: C.PlanList, ...errors } } }, async (req) =>
    svc.listPlans(db, requireActor(req), req.query),
  );
  app.post(
    '/api/plans',
    {
      schema: {
        tags,
        body: C.PlanCreateInput,
        response: { 201: C.PlanDetail, ...errors },
        description: "Starts an organisation's plan for a year (empty, from its kind's template, or a copy of last year's)",
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createPlan(db, requireActor(req), req.body)),
  );
  app.get('/api/plans/:id', { schema: { tags, params: IdParams, response: { 200: C.PlanDetail, ...errors } } }, async (req) =>
    svc.getPlan(db, requireActor(req), req.params.id),
  );
  app.get(
    '/api/plans/:id/versions/:version',
    {
      schema: {
        tags,
        params: IdParams.extend({ version: Id }),
        response: { 200: C.PlanVersion, ...errors },
        description: 'Any version of the plan as it was (every version is kept)',
      },
    },
    async (req) => svc.getPlanVersion(db, requireActor(req), req.params.id, req.params.version),
  );
  app.get(
    '/api/plans/:id/history',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: z.array(C.PlanEvent), ...errors },
        description: "The workflow's steps with the office's comments and who took them",
      },
    },
    async (req) => svc.planHistory(db, requireActor(req), req.params.id),
  );
  app.get('/api/plans/:id/vs-actual', { schema: { tags, params: IdParams, response: { 200: C.PlanVsActual, ...errors } } }, async (req) => {
    const p = await svc.getPlan(db, requireActor(req), req.params.id);
    return svc.planVsActual(db, { organisationId: p.organisationId, year: p.year });
  });
  app.put(
    '/api/plans/:id/activities',
    {
      schema: {
        tags,
        params: IdParams,
        body: C.ActivitiesInput,
        response: { 200: C.PlanDetail, ...errors },
        description: 'Replaces the activities of the open version (a draft, or one returned for changes)',
      },
    },
    async (req) => svc.saveActivities(db, requireActor(req), req.params.id, req.body),
  );
  app.post('/api/plans/:id/submit', { schema: { tags, params: IdParams, response: { 200: C.PlanDetail, ...errors } } }, async (req) =>
    svc.submitPlan(db, requireActor(req), req.params.id),
  );
  app.post(
    '/api/plans/:id/return',
    {
      schema: {
        tags,
        params: IdParams,
        body: C.ReturnInput,
        response: { 200: C.PlanDetail, ...errors },
        description: 'The programme office returns the submitted version with comments',
      },
    },
    async (req) => svc.returnPlan(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/plans/:id/approve',
    {
      schema: {
        tags,
        params: IdParams,
        body: C.ApproveInput,
        response: { 200: C.PlanDetail, ...errors },
        description: 'The programme office approves the submitted version: it comes into force and is locked',
      },
    },
    async (req) => svc.approvePlan(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/plans/:id/revise',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: C.PlanDetail, ...errors },
        description: 'Starts a new version of an approved plan (a draft copied from it)',
      },
    },
    async (req) => svc.revisePlan(db, requireActor(req), req.params.id),
  );

  // ---- spending ----
  app.get(
    '/api/plans/:id/spending',
    { schema: { tags, params: IdParams, response: { 200: z.array(C.SpendingEntry), ...errors } } },
    async (req) => svc.listSpending(db, requireActor(req), req.params.id),
  );
  app.post(
    '/api/plans/:id/spending',
    {
      schema: {
        tags,
        params: IdParams,
        body: C.SpendingInput,
        response: { 201: C.SpendingEntry, ...errors },
        description: 'Records spending against an activity of the approved plan, by source (VND, a whole number above 0)',
      },
    },
    async (req, reply) => reply.status(201).send(await svc.recordSpending(db, requireActor(req), req.params.id, req.body)),
  );
  app.delete(
    '/api/plans/:id/spending/:spendingId',
    { schema: { tags, params: IdParams.extend({ spendingId: Id }) } },
    async (req, reply) => {
      await svc.deleteSpending(db, requireActor(req), req.params.id, req.params.spendingId);
      return reply.status(204).send();
    },
  );
}
