// HTTP routes of the indicators module: the dashboard's figures for a scope, drill-down to the records, and
// the programme office's baselines and trajectories. Thin: contract in, service out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/indicators.js';
import type { Db } from '../../kernel/db.js';
import { requireActor } from '../../kernel/http.js';
import { drillDown, getDashboard, listDefinitions, updateIndicatorSettings } from './indicators.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['indicators'];
const IdParams = z.object({ id: C.IndicatorId });

export async function indicatorRoutes(root: FastifyInstance, { db }: { db: Db }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/api/indicators', { schema: { tags, querystring: C.IndicatorScope, response: { 200: C.DashboardResult, ...errors } } }, async (req) => {
    requireActor(req);
    return getDashboard(db, req.query);
  });
  app.get('/api/indicators/definitions', { schema: { tags, response: { 200: z.array(C.IndicatorDefinition), ...errors } } }, async (req) => {
    requireActor(req);
    return listDefinitions(db);
  });
  app.get('/api/indicators/:id/records', { schema: { tags, params: IdParams, querystring: C.DrillQuery, response: { 200: C.DrillResult, ...errors } } }, async (req) => {
    requireActor(req);
    return drillDown(db, req.params.id, req.query);
  });
  app.put('/api/indicators/:id/settings', { schema: { tags, params: IdParams, body: C.IndicatorSettingsInput, response: { 200: C.IndicatorDefinition, ...errors } } },
    async (req) => updateIndicatorSettings(db, requireActor(req), req.params.id, req.body));
}
