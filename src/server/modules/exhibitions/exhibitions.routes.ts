// HTTP routes of the exhibitions module: exhibitions and their online publication (signed in), the pre-2025 unit
// picker's choices, T3 coverage of both maps, the IIIF manifest of a published online exhibition (public), the
// catalogue PDF and the Excel import. Thin: contract in, service out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/exhibitions.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { requireActor } from '../../kernel/http.js';
import { computeCoverage } from './exhibitions.indicators.js';
import * as svc from './exhibitions.service.js';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['exhibitions'];

export async function exhibitionRoutes(root: FastifyInstance, { db }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get('/api/exhibitions/former-units', { schema: { tags, querystring: C.FormerUnitsQuery, response: { 200: C.FormerUnits, ...errors } } }, async (req) => {
    requireActor(req);
    return svc.formerUnits(await svc.loadReference(db), req.query.map, req.query.province);
  });
  app.get('/api/exhibitions/coverage', { schema: { tags, querystring: C.CoverageQuery, response: { 200: C.Coverage, ...errors } } }, async (req) => {
    requireActor(req);
    return computeCoverage(db, req.query);
  });
  app.get('/api/exhibitions', { schema: { tags, querystring: C.ExhibitionListQuery, response: { 200: C.ExhibitionList, ...errors } } }, async (req) => {
    requireActor(req);
    return svc.listExhibitions(db, req.query);
  });
  app.get('/api/exhibitions/:id', { schema: { tags, params: IdParams, response: { 200: C.Exhibition, ...errors } } }, async (req) => {
    requireActor(req);
    return svc.getExhibition(db, req.params.id);
  });
  app.post('/api/exhibitions', { schema: { tags, body: C.ExhibitionInput, response: { 201: C.Exhibition, ...errors } } },
    async (req, reply) => reply.status(201).send(await svc.createExhibition(db, requireActor(req), req.body)));
  app.put('/api/exhibitions/:id', { schema: { tags, params: IdParams, body: C.ExhibitionInput, response: { 200: C.Exhibition, ...errors } } },
    async (req) => svc.updateExhibition(db, requireActor(req), req.params.id, req.body));
  app.post('/api/exhibitions/:id/publish-online', { schema: { tags, params: IdParams, response: { 200: C.Exhibition, ...errors } } },
    async (req) => svc.setOnlinePublished(db, requireActor(req), req.params.id, true));
  app.post('/api/exhibitions/:id/unpublish-online', { schema: { tags, params: IdParams, response: { 200: C.Exhibition, ...errors } } },
    async (req) => svc.setOnlinePublished(db, requireActor(req), req.params.id, false));
}
