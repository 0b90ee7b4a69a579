// HTTP routes of the recommendations module (T6). Thin: contract in, service out. Reads need a session (the public
// reads are the portal's tracker and its open-data export); writes are authorised by the services.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/recommendations.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { requireActor } from '../../kernel/http.js';
import {
  evidenceTypes,
  listEvidence,
  recommendationsOfRecord,
  searchEvidence,
  tagEvidence,
  untagEvidence,
} from './recommendations.evidence.js';
import { exportMatrix, importRecommendations, matrixTemplate } from './recommendations.import.js';
import { getRecommendationPage } from './recommendations.page.js';
import { recommendationReportDraft } from './recommendations.word.js';
import { AppError } from '../../kernel/errors.js';
import { importQueue } from '../../kernel/imports.js';
import { withProgress } from '../../kernel/progress.js';
import * as S from './recommendations.service.js';
import * as SEdit from './recommendations.edit.js';
import * as SStatus from './recommendations.status.js';
import * as SProgress from './recommendations.progress.js';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['recommendations'];
const P = '/api/recommendations';

export async function recommendationRoutes(root: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(`${P}/reminders`, { schema: { tags, response: { 200: C.ReminderSettings, ...errors } } }, async (req) => {
    requireActor(req);
    return { enabled: Boolean(config.smtp), daysAhead: config.notifications.daysAhead };
  });
  app.get(P, { schema: { tags, querystring: C.RecListQuery, response: { 200: C.RecList, ...errors } } }, async (req) => {
    requireActor(req);
    return S.listRecommendations(db, req.query);
  });
  app.get(
    `${P}/facets`,
    {
      schema: {
        tags,
        response: {
          200: z.object({
            cycles: z.array(z.string()),
            themes: z.array(z.string()),
            states: z.array(z.string()),
            clusters: z.array(C.Cluster),
            evidenceTypes: C.EvidenceTypes,
            statusNote: z.object({ vi: z.string(), en: z.string() }),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      requireActor(req);
      return { ...(await S.listFacets(db)), clusters: await S.listClusters(db), evidenceTypes: evidenceTypes(), statusNote: S.STATUS_NOTE };
    },
  );
  app.get(
    `${P}/due`,
    {
      schema: {
        tags,
        querystring: z.object({
          organisationId: z.coerce.number().int().positive().optional(),
          days: z.coerce.number().int().min(0).max(366).optional(),
        }),
        response: { 200: z.array(C.Action.extend({ recommendationLabel: z.string() })), ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      return SProgress.listDueActions(db, req.query);
    },
  );
  app.get(`${P}/:id`, { schema: { tags, params: IdParams, response: { 200: C.RecommendationPage, ...errors } } }, async (req) => {
    requireActor(req);
    return getRecommendationPage(db, req.params.id);
  });
  app.post(P, { schema: { tags, body: C.RecommendationInput, response: { 201: C.Recommendation, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await SEdit.createRecommendation(db, requireActor(req), req.body)),
  );
  app.put(
    `${P}/:id`,
    { schema: { tags, params: IdParams, body: C.RecommendationInput, response: { 200: C.Recommendation, ...errors } } },
    async (req) => SEdit.updateRecommendation(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/translations`,
    { schema: { tags, params: IdParams, body: C.TranslationInput, response: { 200: C.Recommendation, ...errors } } },
    async (req) => SEdit.addTranslation(db, requireActor(req), req.params.id, req.body),
  );
  app.put(
    `${P}/:id/implementers`,
    { schema: { tags, params: IdParams, body: C.AssignInput, response: { 200: C.Recommendation, ...errors } } },
    async (req) => SEdit.assignImplementers(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/links`,
    { schema: { tags, params: IdParams, body: C.LinkInput, response: { 200: C.Recommendation, ...errors } } },
    async (req) => SEdit.linkRecommendations(db, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    `${P}/:id/links`,
    { schema: { tags, params: IdParams, body: C.LinkInput, response: { 200: C.Recommendation, ...errors } } },
    async (req) => SEdit.unlinkRecommendations(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/status`,
    { schema: { tags, params: IdParams, body: C.StatusInput, response: { 200: C.Recommendation, ...errors } } },
    async (req) => SStatus.setStatus(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/actions`,
    { schema: { tags, params: IdParams, body: C.ActionInput, response: { 201: C.Action, ...errors } } },
    async (req, reply) => reply.status(201).send(await SProgress.createAction(db, requireActor(req), req.params.id, req.body)),
  );
  app.put(
    `${P}/actions/:id`,
    { schema: { tags, params: IdParams, body: C.ActionInput, response: { 200: C.Action, ...errors } } },
    async (req) => SProgress.updateAction(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    `${P}/:id/reports`,
    { schema: { tags, params: IdParams, body: C.ReportInput, response: { 201: C.Report, ...errors } } },
    async (req, reply) => reply.status(201).send(await SProgress.submitReport(db, requireActor(req), req.params.id, req.body)),
  );
  app.put(
    `${P}/reports/:id`,
    { schema: { tags, params: IdParams, body: C.ReportInput, response: { 200: C.Report, ...errors } } },
    async (req) => SProgress.resubmitReport(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    `${P}/reports/:id/review`,
    { schema: { tags, params: IdParams, body: C.ReviewInput, response: { 200: C.Report, ...errors } } },
    async (req) => SProgress.reviewReport(db, requireActor(req), req.params.id, req.body),
  );
  app.get('/api/recommendation-clusters', { schema: { tags, response: { 200: z.array(C.Cluster), ...errors } } }, async (req) => {
    requireActor(req);
    return S.listClusters(db);
  });
  app.post(
    '/api/recommendation-clusters',
    { schema: { tags, body: C.ClusterInput, response: { 201: C.Cluster, ...errors } } },
    async (req, reply) => reply.status(201).send(await SEdit.createCluster(db, requireActor(req), req.body)),
  );

  // ---- imports: preview (commit=false) then commit (all or nothing) ----
  app.get(
    `${P}/matrix-template.xlsx`,
    { schema: { tags, description: 'The Government matrix template (header row, help sheet)' } },
    async (req, reply) => {
      requireActor(req);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="recommendations-matrix.xlsx"')
        .send(await matrixTemplate());
    },
  );
  app.get(
    `${P}/matrix.xlsx`,
    {
      schema: {
        tags,
        querystring: C.RecListQuery.omit({ limit: true, offset: true }),
        description:
          'The recommendations (the list filters) as the Government matrix: the columns the matrix import reads, so a file exported and imported again changes nothing',
      },
    },
    async (req, reply) => {
      requireActor(req);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="recommendations-matrix-export.xlsx"')
        .send(await exportMatrix(db, req.query));
    },
  );
  app.post(
    `${P}/import`,
    {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        querystring: z.object({
          format: z.enum(['uhri', 'matrix']),
          commit: z.enum(['true', 'false']).default('false'),
          stateConfirmed: z.enum(['true', 'false']).default('false'),
        }),
        description:
          'Imports a Universal Human Rights Index export (CSV or .xlsx) or the Government matrix (multipart field "file"). commit=false: the preview of what will change; commit=true: writes every row or none. A UHRI file needs its State column (rows of another State are refused); stateConfirmed=true: the office confirms that every row without a State is a recommendation to Viet Nam',
        response: { 200: C.ImportPreview, ...errors, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 503: ErrorBody },
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
      // a turn in the import queue (503 when full)
      return withProgress(req, (progress) =>
        importQueue.run(async () =>
          importRecommendations(db, actor, await file.toBuffer(), {
            format: req.query.format,
            commit: req.query.commit === 'true',
            stateConfirmed: req.query.stateConfirmed === 'true',
            progress,
          }),
        ),
      );
    },
  );

  // ---- report draft (Word) ----
  app.get(
    `${P}/report-draft.docx`,
    {
      schema: {
        tags,
        querystring: z.object({ lang: z.enum(['vi', 'en']).default('vi'), clusterId: z.coerce.number().int().positive().optional() }),
        description:
          'A draft implementation report per cluster (Word; Vietnamese in the Decree 30/2020 layout, or English): recommendations, position, actions, approved reports, figures, evidence',
      },
    },
    async (req, reply) => {
      requireActor(req);
      const buf = await recommendationReportDraft(db, req.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="recommendations-report-${req.query.lang}.docx"`)
        .send(buf);
    },
  );

  // ---- evidence ----
  app.get(
    `${P}/evidence-search`,
    {
      schema: {
        tags,
        querystring: C.EvidenceSearchQuery,
        description: 'The evidence picker: records of every kind by title (diacritics ignored) among those the caller may tag',
        response: { 200: C.EvidenceSearchResult, ...errors },
      },
    },
    async (req) => searchEvidence(db, requireActor(req), req.query),
  );
  app.get(
    `${P}/of-record`,
    {
      schema: {
        tags,
        querystring: z.object({
          recordType: z
            .string()
            .trim()
            .regex(/^[a-z_]{2,40}$/),
          recordId: z.coerce.number().int().positive().max(2_147_483_647),
        }),
        description: 'The recommendations a record is evidence of',
        response: { 200: z.array(C.RecordRecommendation), ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      return recommendationsOfRecord(db, req.query.recordType, req.query.recordId);
    },
  );
  app.get(
    `${P}/:id/evidence`,
    {
      schema: {
        tags,
        params: IdParams,
        querystring: z.object({
          recordType: z.string().max(40).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: C.EvidenceList, ...errors },
      },
    },
    async (req) => {
      requireActor(req);
      return listEvidence(db, req.params.id, req.query);
    },
  );
  app.post(
    `${P}/:id/evidence`,
    { schema: { tags, params: IdParams, body: C.EvidenceInput, response: { 201: C.EvidenceItem, ...errors } } },
    async (req, reply) => reply.status(201).send(await tagEvidence(db, requireActor(req), req.params.id, req.body)),
  );
  app.delete(
    `${P}/:id/evidence`,
    { schema: { tags, params: IdParams, body: C.EvidenceInput, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await untagEvidence(db, requireActor(req), req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );
}
