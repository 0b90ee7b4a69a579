// HTTP routes of the programme cycle under /api/cycle: the report calendar and settings, reports and their workflow
// and files, completeness (JSON and Excel), period close with official figures and what was revised since, and the
// office's permissions to write into locked periods; the consolidated programme report (summary paragraphs, Word, Excel). Thin: contract in, service out; the services authorise.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as C from '../../../shared/contracts/cycle.js';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { readUpload, requireActor } from '../../kernel/http.js';
import { contentDisposition, createFileStore } from '../../kernel/storage.js';
import { completenessWorkbook, getCompleteness } from './cycle.completeness.js';
import { consolidatedFile, getSummary, saveSummary } from './cycle.consolidated.js';
import * as O from './cycle.official.js';
import * as P from './cycle.periods.js';
import * as R from './cycle.reports.js';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const IdParams = z.object({ id });
const FileParams = IdParams.extend({ fileId: id });
const GrantParams = IdParams.extend({ grantId: id });
const RevisionParams = IdParams.extend({ indicator: z.string().max(4) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['cycle'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const B = '/api/cycle';

export async function cycleRoutes(root: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const store = createFileStore(config.dataDir, (msg, extra) => root.log.error(extra ?? {}, msg));

  // ---- settings and calendar
  app.get(`${B}/settings`, { schema: { tags, response: { 200: C.CycleSettings, ...errors } } }, async (req) => {
    requireActor(req);
    return P.getCycleSettings(db);
  });
  app.put(`${B}/settings`, { schema: { tags, body: C.CycleSettingsInput, response: { 200: C.CycleSettings, ...errors } } }, async (req) =>
    P.updateCycleSettings(db, requireActor(req), req.body),
  );
  app.get(`${B}/periods`, { schema: { tags, response: { 200: z.array(C.CyclePeriod), ...errors } } }, async (req) => {
    requireActor(req);
    return P.listPeriods(db);
  });
  app.post(`${B}/periods`, { schema: { tags, body: C.PeriodInput, response: { 201: C.CyclePeriod, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await P.createPeriod(db, requireActor(req), req.body)),
  );
  app.get(`${B}/periods/:id`, { schema: { tags, params: IdParams, response: { 200: C.CyclePeriod, ...errors } } }, async (req) => {
    requireActor(req);
    return P.getPeriod(db, req.params.id);
  });
  app.put(
    `${B}/periods/:id`,
    { schema: { tags, params: IdParams, body: C.PeriodUpdateInput, response: { 200: C.CyclePeriod, ...errors } } },
    async (req) => P.updatePeriod(db, requireActor(req), req.params.id, req.body),
  );

  // ---- completeness
  app.get(
    `${B}/periods/:id/completeness`,
    { schema: { tags, params: IdParams, querystring: C.CompletenessQuery, response: { 200: C.Completeness, ...errors } } },
    async (req) => getCompleteness(db, requireActor(req), req.params.id, req.query),
  );
  app.get(
    `${B}/periods/:id/completeness.xlsx`,
    { schema: { tags, params: IdParams, querystring: C.CompletenessQuery.extend({ lang: z.enum(['vi', 'en']).default('vi') }) } },
    async (req, reply) => {
      const { lang, ...q } = req.query;
      const c = await getCompleteness(db, requireActor(req), req.params.id, q);
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          contentDisposition(`${lang === 'vi' ? 'tinh-day-du-bao-cao' : 'reporting-completeness'}-${c.period.key}.xlsx`),
        )
        .send(await completenessWorkbook(c, lang));
    },
  );

  // ---- close, official figures, revisions, lock permissions
  app.post(
    `${B}/periods/:id/close`,
    { schema: { tags, params: IdParams, body: C.CloseInput, response: { 200: C.CyclePeriod, ...errors } } },
    async (req) => O.closePeriod(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    `${B}/periods/:id/reopen`,
    { schema: { tags, params: IdParams, body: C.ReasonInput, response: { 200: C.CyclePeriod, ...errors } } },
    async (req) => O.reopenPeriod(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    `${B}/periods/:id/republish`,
    { schema: { tags, params: IdParams, body: C.ReasonInput, response: { 200: C.CyclePeriod, ...errors } } },
    async (req) => O.republishPeriod(db, requireActor(req), req.params.id, req.body),
  );
  app.get(
    `${B}/periods/:id/official`,
    { schema: { tags, params: IdParams, querystring: C.OfficialQuery, response: { 200: C.Official, ...errors } } },
    async (req) => O.getOfficial(db, requireActor(req), req.params.id, req.query),
  );
  app.get(
    `${B}/periods/:id/revisions/:indicator`,
    { schema: { tags, params: RevisionParams, querystring: C.RevisionQuery, response: { 200: C.RevisionList, ...errors } } },
    async (req) => O.listRevisions(db, requireActor(req), req.params.id, req.params.indicator, req.query),
  );
  app.get(
    `${B}/periods/:id/grants`,
    { schema: { tags, params: IdParams, response: { 200: z.array(C.LockGrant), ...errors } } },
    async (req) => O.listGrants(db, requireActor(req), req.params.id),
  );
  app.post(
    `${B}/periods/:id/grants`,
    { schema: { tags, params: IdParams, body: C.GrantInput, response: { 201: C.LockGrant, ...errors } } },
    async (req, reply) => reply.status(201).send(await O.grantLockPermission(db, requireActor(req), req.params.id, req.body)),
  );
  app.delete(`${B}/periods/:id/grants/:grantId`, { schema: { tags, params: GrantParams } }, async (req, reply) => {
    await O.revokeLockPermission(db, requireActor(req), req.params.id, req.params.grantId);
    return reply.status(204).send();
  });
  /** The official figures of a period beside the live ones, for the dashboard (closed: false when it is not closed). */
  app.get(
    `${B}/official-status`,
    {
      schema: { tags, querystring: C.OfficialQuery.extend({ period: z.string().max(10) }), response: { 200: C.OfficialStatus, ...errors } },
    },
    async (req) => {
      requireActor(req);
      const { period, ...scope } = req.query;
      return (await O.officialStatus(db, period, scope)) ?? { periodKey: period, closed: false, close: null, figures: [] };
    },
  );

  // ---- the consolidated programme report: summary paragraphs (the office edits them), Word and its Excel annex
  app.get(
    `${B}/periods/:id/summary`,
    { schema: { tags, params: IdParams, querystring: C.SummaryQuery, response: { 200: C.ConsolidatedSummary, ...errors } } },
    async (req) => getSummary(db, requireActor(req), req.params.id, req.query),
  );
  app.put(
    `${B}/periods/:id/summary`,
    { schema: { tags, params: IdParams, body: C.SummaryEditInput, response: { 200: C.ConsolidatedSummary, ...errors } } },
    async (req) => saveSummary(db, requireActor(req), req.params.id, req.body),
  );
  for (const format of ['docx', 'xlsx'] as const) {
    app.get(
      `${B}/periods/:id/report.${format}`,
      { schema: { tags, params: IdParams, querystring: C.SummaryQuery } },
      async (req, reply) => {
        const f = await consolidatedFile(db, requireActor(req), req.params.id, req.query, format);
        return reply
          .type(format === 'docx' ? DOCX : XLSX)
          .header('content-disposition', contentDisposition(f.filename))
          .send(f.bytes);
      },
    );
  }

  // ---- reports
  app.get(`${B}/due`, { schema: { tags, response: { 200: C.DueList, ...errors } } }, async (req) => R.dueReports(db, requireActor(req)));
  app.get(`${B}/reports`, { schema: { tags, querystring: C.ReportListQuery, response: { 200: C.ReportList, ...errors } } }, async (req) =>
    R.listReports(db, requireActor(req), req.query),
  );
  app.post(`${B}/reports`, { schema: { tags, body: C.ReportCreateInput, response: { 201: C.Report, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await R.createReport(db, requireActor(req), req.body)),
  );
  app.get(`${B}/reports/:id`, { schema: { tags, params: IdParams, response: { 200: C.Report, ...errors } } }, async (req) =>
    R.getReport(db, requireActor(req), req.params.id),
  );
  app.put(
    `${B}/reports/:id`,
    { schema: { tags, params: IdParams, body: C.ReportUpdateInput, response: { 200: C.Report, ...errors } } },
    async (req) => R.updateReport(db, requireActor(req), req.params.id, req.body),
  );
  app.post(`${B}/reports/:id/submit`, { schema: { tags, params: IdParams, response: { 200: C.Report, ...errors } } }, async (req) =>
    R.submitReport(db, requireActor(req), req.params.id),
  );
  app.post(
    `${B}/reports/:id/return`,
    { schema: { tags, params: IdParams, body: C.ReportReturnInput, response: { 200: C.Report, ...errors } } },
    async (req) => R.returnReport(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    `${B}/reports/:id/approve`,
    { schema: { tags, params: IdParams, body: C.ReportApproveInput, response: { 200: C.Report, ...errors } } },
    async (req) => R.approveReport(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    `${B}/reports/:id/files`,
    {
      schema: {
        tags,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: C.ReportFile, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { file, fields } = await readUpload(req, ['caption']);
      return reply
        .status(201)
        .send(await R.attachReportFile(db, store, actor, req.params.id, { ...file, caption: fields.caption || undefined }));
    },
  );
  app.delete(`${B}/reports/:id/files/:fileId`, { schema: { tags, params: FileParams } }, async (req, reply) => {
    await R.removeReportFile(db, requireActor(req), req.params.id, req.params.fileId);
    return reply.status(204).send();
  });
  app.get(`${B}/reports/:id/files/:fileId`, { schema: { tags, params: FileParams } }, async (req, reply) => {
    const f = await R.reportFileOf(db, requireActor(req), req.params.id, req.params.fileId);
    const { stream } = await store.open(f.sha256);
    return reply
      .type(f.mediaType)
      .header('content-length', f.size)
      .header('content-disposition', contentDisposition(f.filename))
      .send(stream);
  });
}
