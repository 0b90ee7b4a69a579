// HTTP routes of the press module: spokespersons, press items and their lifecycle, topics, reporting
// settings, compliance (JSON and Excel), and the public read endpoints. Thin: contract in, service out.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/press.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { readUpload, requireActor } from '../../kernel/http.js';
import { importQueue } from '../../kernel/imports.js';
import { withProgress } from '../../kernel/progress.js';
import { pressAttachmentRoutes } from './press.attachments.routes.js';
import { computeT1 } from './press.compliance.js';
import { exportCompliance } from './press.excel.js';
import { importPressItems, importSpokespersons, pressItemTemplate, spokespersonTemplate } from './press.import.js';
import * as items from './press.service.js';
import { getReportingSettings, updateReportingSettings } from './press.settings.js';
import { listTopics } from './press.topics.js';
import * as spokes from './spokespersons.service.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['press'];

export async function pressRoutes(root: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  await pressAttachmentRoutes(root, { db, config });

  // ---- reference and public reads (no sign-in) ----
  app.get('/api/press/topics', { schema: { tags, response: { 200: z.array(C.Topic) } } }, async () => listTopics(db));
  app.get(
    '/api/public/press/items',
    { schema: { tags: ['public'], querystring: C.PublicPressItemQuery, response: { 200: C.PublicPressItemList, ...errors } } },
    async (req) => items.listPressItems(db, req.query, { publicOnly: true }),
  );
  app.get(
    '/api/public/press/items/:id',
    { schema: { tags: ['public'], params: IdParams, response: { 200: C.PublicPressItem, ...errors } } },
    async (req) => items.getPublicPressItem(db, req.params.id),
  );
  app.get(
    '/api/public/press/spokespersons',
    {
      schema: {
        tags: ['public'],
        querystring: z.object({ organisationId: z.coerce.number().int().optional() }),
        response: { 200: z.array(C.PublicSpokesperson) },
      },
    },
    async (req) => spokes.listPublicSpokespersons(db, req.query),
  );

  // ---- spokespersons ----
  app.get(
    '/api/press/spokespersons',
    { schema: { tags, querystring: C.SpokespersonListQuery, response: { 200: z.array(C.Spokesperson), ...errors } } },
    async (req) => spokes.contactsAsSeen(db, requireActor(req), await spokes.listSpokespersons(db, req.query)),
  );
  app.get(
    '/api/press/spokespersons/:id',
    { schema: { tags, params: IdParams, response: { 200: C.Spokesperson, ...errors } } },
    async (req) => (await spokes.contactsAsSeen(db, requireActor(req), [await spokes.getSpokesperson(db, req.params.id)]))[0]!,
  );
  app.post(
    '/api/press/spokespersons',
    { schema: { tags, body: C.SpokespersonInput, response: { 201: C.Spokesperson, ...errors } } },
    async (req, reply) => reply.status(201).send(await spokes.createSpokesperson(db, requireActor(req), req.body)),
  );
  app.put(
    '/api/press/spokespersons/:id',
    { schema: { tags, params: IdParams, body: C.SpokespersonInput, response: { 200: C.Spokesperson, ...errors } } },
    async (req) => spokes.updateSpokesperson(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/press/spokespersons/:id/end',
    { schema: { tags, params: IdParams, body: z.object({ validTo: z.string() }), response: { 200: C.Spokesperson, ...errors } } },
    async (req) => spokes.endSpokesperson(db, requireActor(req), req.params.id, req.body.validTo),
  );

  // ---- press items ----
  app.get(
    '/api/press/items',
    { schema: { tags, querystring: C.PressItemListQuery, response: { 200: C.PressItemList, ...errors } } },
    async (req) => {
      requireActor(req);
      return items.listPressItems(db, req.query) as Promise<z.infer<typeof C.PressItemList>>;
    },
  );
  app.get('/api/press/items/:id', { schema: { tags, params: IdParams, response: { 200: C.PressItem, ...errors } } }, async (req) => {
    requireActor(req);
    return items.getPressItem(db, req.params.id);
  });
  app.post(
    '/api/press/items',
    { schema: { tags, body: C.PressItemInput, response: { 201: C.PressItem, ...errors } } },
    async (req, reply) => reply.status(201).send(await items.createPressItem(db, requireActor(req), req.body)),
  );
  app.put(
    '/api/press/items/:id',
    { schema: { tags, params: IdParams, body: C.PressItemInput, response: { 200: C.PressItem, ...errors } } },
    async (req) => items.updatePressItem(db, requireActor(req), req.params.id, req.body),
  );
  const action = { tags, params: IdParams, response: { 200: C.PressItem, ...errors } };
  app.post('/api/press/items/:id/schedule', { schema: { ...action, body: C.ScheduleInput } }, async (req) =>
    items.schedulePressItem(db, requireActor(req), req.params.id, req.body),
  );
  app.post('/api/press/items/:id/unschedule', { schema: action }, async (req) =>
    items.unschedulePressItem(db, requireActor(req), req.params.id),
  );
  app.post('/api/press/items/:id/publish', { schema: { ...action, body: C.PublishInput.optional() } }, async (req) =>
    items.publishPressItem(db, requireActor(req), req.params.id, req.body ?? {}),
  );
  app.post('/api/press/items/:id/correct', { schema: { ...action, body: C.CorrectInput } }, async (req) =>
    items.correctPressItem(db, requireActor(req), req.params.id, req.body),
  );
  app.post('/api/press/items/:id/withdraw', { schema: { ...action, body: C.WithdrawInput } }, async (req) =>
    items.withdrawPressItem(db, requireActor(req), req.params.id, req.body),
  );
  // Translations: the other language versions of an item; linking is `translationOf` on create or update.
  app.get(
    '/api/press/items/:id/translations',
    { schema: { tags, params: IdParams, response: { 200: z.array(C.PressTranslation), ...errors } } },
    async (req) => {
      requireActor(req);
      return items.listPressTranslations(db, req.params.id);
    },
  );
  app.post('/api/press/items/:id/unlink-translation', { schema: action }, async (req) =>
    items.unlinkPressTranslation(db, requireActor(req), req.params.id),
  );

  // ---- reporting settings and compliance ----
  app.get('/api/press/settings', { schema: { tags, response: { 200: C.ReportingSettings, ...errors } } }, async (req) => {
    requireActor(req);
    return getReportingSettings(db);
  });
  app.put(
    '/api/press/settings',
    { schema: { tags, body: C.ReportingSettingsInput, response: { 200: C.ReportingSettings, ...errors } } },
    async (req) => updateReportingSettings(db, requireActor(req), req.body),
  );
  app.get(
    '/api/press/compliance',
    { schema: { tags, querystring: C.ComplianceQuery, response: { 200: C.T1Result, ...errors } } },
    async (req) => {
      requireActor(req);
      return computeT1(db, req.query);
    },
  );
  app.get('/api/press/compliance.xlsx', { schema: { tags, querystring: C.ComplianceQuery } }, async (req, reply) => {
    requireActor(req);
    const r = await computeT1(db, req.query);
    const buf = await exportCompliance(db, r);
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="compliance-${r.period.id ?? r.period.firstDay}.xlsx"`)
      .send(buf);
  });

  // ---- Excel imports of spokespersons and press items (all or nothing; 422 import_invalid lists every bad row and
  // column; ?commit=false checks the file and writes nothing) ----
  const imports = [
    { path: 'spokespersons', template: () => spokespersonTemplate(), run: importSpokespersons },
    { path: 'items', template: () => pressItemTemplate(db), run: importPressItems },
  ] as const;
  for (const kind of imports) {
    app.get(`/api/press/${kind.path}/import-template.xlsx`, { schema: { tags } }, async (req, reply) => {
      requireActor(req);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="press-${kind.path}-template.xlsx"`)
        .send(await kind.template());
    });
    app.post(
      `/api/press/${kind.path}/import`,
      {
        schema: {
          tags,
          consumes: ['multipart/form-data'],
          querystring: z.object({ commit: z.enum(['true', 'false']).default('true') }),
          response: { 200: C.PressImportResult, ...errors, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 503: ErrorBody },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        const { file } = await readUpload(req, []);
        const commit = req.query.commit === 'true';
        // A turn in the import queue (503 when full); the figure is polled with the request's x-progress-id.
        return withProgress(req, (progress) => importQueue.run(() => kind.run(db, actor, file.bytes, { commit, progress })));
      },
    );
  }
}
