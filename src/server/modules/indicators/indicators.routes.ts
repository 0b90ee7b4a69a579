// HTTP routes of the indicators module: the dashboard's figures for a scope, drill-down to the records, the
// official reports (Excel workbook, Word report) for the same scope, and the programme office's baselines and
// trajectories. Thin: contract in, service out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/indicators.js';
import type { Db } from '../../kernel/db.js';
import { requireActor } from '../../kernel/http.js';
import { periodContaining } from '../../kernel/periods.js';
import { ReachQuery, ReachSummary } from '../../../shared/contracts/reach.js';
import { buildIndicatorWorkbook } from './indicators.excel.js';
import { getReach } from './indicators.reach.js';
import { reportFileName } from './indicators.reports.js';
import { drillDown, getDashboard, listDefinitions, updateIndicatorSettings } from './indicators.service.js';
import { buildIndicatorReport } from './indicators.word.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['indicators'];
const IdParams = z.object({ id: C.IndicatorId });
/** The dashboard's scope and the language of the report. */
const ReportQuery = C.IndicatorScope.extend({ lang: z.enum(['vi', 'en']).default('vi') });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** The period a report is for: the one asked, or the current year (as the dashboard). */
const periodIdOf = (period: string | undefined) => period ?? periodContaining('yearly', new Date()).id!;

export async function indicatorRoutes(root: FastifyInstance, { db }: { db: Db }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/indicators',
    { schema: { tags, querystring: C.IndicatorScope, response: { 200: C.DashboardResult, ...errors } } },
    async (req) => {
      requireActor(req);
      return getDashboard(db, req.query);
    },
  );
  app.get(
    '/api/indicators/definitions',
    { schema: { tags, response: { 200: z.array(C.IndicatorDefinition), ...errors } } },
    async (req) => {
      requireActor(req);
      return listDefinitions(db);
    },
  );
  // Reach (issue 21): each metric with its breakdowns, in the actor's scope (a coordinator its province).
  app.get('/api/indicators/reach', { schema: { tags, querystring: ReachQuery, response: { 200: ReachSummary, ...errors } } }, async (req) =>
    getReach(db, requireActor(req), req.query),
  );
  // The official reports; static paths, registered before the parametric /:id routes (Fastify prefers them anyway).
  app.get('/api/indicators/report.xlsx', { schema: { tags, querystring: ReportQuery } }, async (req, reply) => {
    requireActor(req);
    const { lang, ...scope } = req.query;
    const buf = await buildIndicatorWorkbook(db, scope, lang);
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="${reportFileName(periodIdOf(scope.period), lang, 'xlsx')}"`)
      .send(buf);
  });
  app.get('/api/indicators/report.docx', { schema: { tags, querystring: ReportQuery } }, async (req, reply) => {
    requireActor(req);
    const { lang, ...scope } = req.query;
    const buf = await buildIndicatorReport(db, scope, lang);
    return reply
      .type(DOCX)
      .header('content-disposition', `attachment; filename="${reportFileName(periodIdOf(scope.period), lang, 'docx')}"`)
      .send(buf);
  });
  app.get(
    '/api/indicators/:id/records',
    { schema: { tags, params: IdParams, querystring: C.DrillQuery, response: { 200: C.DrillResult, ...errors } } },
    async (req) => {
      requireActor(req);
      return drillDown(db, req.params.id, req.query);
    },
  );
  app.put(
    '/api/indicators/:id/settings',
    { schema: { tags, params: IdParams, body: C.IndicatorSettingsInput, response: { 200: C.IndicatorDefinition, ...errors } } },
    async (req) => updateIndicatorSettings(db, requireActor(req), req.params.id, req.body),
  );
}
