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
import { readUpload, requireActor } from '../../kernel/http.js';
import { createFileStore } from '../../kernel/storage.js';
import { AppError } from '../../kernel/errors.js';
import { importQueue } from '../../kernel/imports.js';
import { withProgress } from '../../kernel/progress.js';
import { buildManifest, exhibitionImages, imageInfo, publicImage, renderImage } from './exhibitions.iiif.js';
import { renderCatalogue } from './exhibitions.catalogue.js';
import { exhibitionTemplate, exportExhibitions, importExhibitions } from './exhibitions.excel.js';
import { computeCoverage } from './exhibitions.indicators.js';
import { attachExhibitionPhoto, photoFor, removeExhibitionPhoto } from './exhibitions.photos.js';
import * as svc from './exhibitions.service.js';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['exhibitions'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exhibitionRoutes(root: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const store = createFileStore(config.dataDir, (msg, extra) => root.log.error(extra ?? {}, msg));
  const origin = config.baseUrl;

  // ---- IIIF (public): the manifest of a published online exhibition, a level-0 image service per image ----
  app.get('/api/public/exhibitions/:id/manifest.json', { schema: { tags: ['public'], params: IdParams } }, async (req, reply) => {
    const e = await svc.getPublicExhibition(db, req.params.id);
    const manifest = buildManifest(origin, e, await exhibitionImages(db, store, e), `/trien-lam/${e.id}`);
    return reply
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=300')
      .type('application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"')
      .send(JSON.stringify(manifest));
  });
  // ---- the printable catalogue, per language: public for published online exhibitions, any exhibition when signed in ----
  const LangQuery = z.object({ lang: z.enum(['vi', 'en']).default('vi') });
  const sendPdf = async (reply: import('fastify').FastifyReply, e: C.Exhibition, lang: 'vi' | 'en', isPublic: boolean) =>
    reply
      .type('application/pdf')
      .header('cache-control', isPublic ? 'public, max-age=300' : 'private, no-store')
      .header('content-disposition', `inline; filename="catalogue-${e.id}-${lang}.pdf"`)
      .send(await renderCatalogue(db, store, e, lang));
  app.get(
    '/api/public/exhibitions/:id/catalogue.pdf',
    { schema: { tags: ['public'], params: IdParams, querystring: LangQuery } },
    async (req, reply) => sendPdf(reply, await svc.getPublicExhibition(db, req.params.id), req.query.lang, true),
  );
  app.get('/api/exhibitions/:id/catalogue.pdf', { schema: { tags, params: IdParams, querystring: LangQuery } }, async (req, reply) => {
    requireActor(req);
    return sendPdf(reply, await svc.getExhibition(db, req.params.id), req.query.lang, false);
  });

  const FileParams = z.object({ fileId: z.coerce.number().int().positive().max(2_147_483_647) });
  app.get('/api/public/iiif/image/:fileId', { schema: { tags: ['public'], params: FileParams } }, async (req, reply) =>
    reply.redirect(`/api/public/iiif/image/${req.params.fileId}/info.json`, 303),
  );
  app.get('/api/public/iiif/image/:fileId/info.json', { schema: { tags: ['public'], params: FileParams } }, async (req, reply) => {
    const img = await publicImage(db, store, req.params.fileId);
    return reply
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=3600')
      .type('application/ld+json;profile="http://iiif.io/api/image/3/context.json"')
      .send(JSON.stringify(imageInfo(origin, img)));
  });
  app.get(
    '/api/public/iiif/image/:fileId/full/:size/0/default.jpg',
    { schema: { tags: ['public'], params: FileParams.extend({ size: z.string().max(20) }) } },
    async (req, reply) => {
      const img = await publicImage(db, store, req.params.fileId);
      const m = /^(\d+),(\d+)$/.exec(req.params.size);
      const listed = [img.full, ...(img.thumb ? [img.thumb] : [])];
      const size =
        req.params.size === 'max' ? ('max' as const) : m ? listed.find((x) => x.width === +m[1]! && x.height === +m[2]!) : undefined;
      if (!size)
        throw new AppError('validation_failed', 'This level-0 image service serves only the sizes listed in its info.json', [
          { field: 'size', message: `one of max, ${listed.map((x) => `${x.width},${x.height}`).join(', ')}` },
        ]);
      return reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=86400')
        .type('image/jpeg')
        .send(await renderImage(store, img, size));
    },
  );

  app.get(
    '/api/exhibitions/former-units',
    { schema: { tags, querystring: C.FormerUnitsQuery, response: { 200: C.FormerUnits, ...errors } } },
    async (req) => {
      requireActor(req);
      return svc.formerUnits(await svc.loadReference(db), req.query.map, req.query.province);
    },
  );
  app.get(
    '/api/exhibitions/coverage',
    { schema: { tags, querystring: C.CoverageQuery, response: { 200: C.Coverage, ...errors } } },
    async (req) => {
      requireActor(req);
      return computeCoverage(db, req.query);
    },
  );
  // ---- Excel import of past exhibitions (all or nothing; 422 import_invalid lists every bad row and column) ----
  app.get('/api/exhibitions/import-template.xlsx', { schema: { tags } }, async (req, reply) => {
    requireActor(req);
    return reply
      .type(XLSX)
      .header('content-disposition', 'attachment; filename="exhibitions-template.xlsx"')
      .send(await exhibitionTemplate());
  });
  app.get('/api/exhibitions/export.xlsx', { schema: { tags } }, async (req, reply) => {
    requireActor(req);
    return reply
      .type(XLSX)
      .header('content-disposition', 'attachment; filename="exhibitions.xlsx"')
      .send(await exportExhibitions(db));
  });
  app.post(
    '/api/exhibitions/import',
    {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        response: {
          200: z.object({ created: z.number().int(), updated: z.number().int(), rows: z.number().int() }),
          ...errors,
          413: ErrorBody,
          415: ErrorBody,
          422: ErrorBody,
          503: ErrorBody,
        },
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
      return withProgress(req, (progress) => importQueue.run(async () => importExhibitions(db, actor, await file.toBuffer(), progress))); // a turn in the import queue (503 when full)
    },
  );
  // ---- photos of the event (evidence; signed-in users only) ----
  app.post(
    '/api/exhibitions/:id/photos',
    {
      schema: {
        tags,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: C.ExhibitionPhoto, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { file: upload, fields } = await readUpload(
        req,
        ['caption'],
        () => new AppError('payload_too_large', 'The photo is too large (UPLOAD_MAX_MB)', [{ field: 'file', message: 'too large' }]),
      );
      return reply
        .status(201)
        .send(await attachExhibitionPhoto(db, store, actor, req.params.id, { ...upload, caption: fields.caption || undefined }));
    },
  );
  const PhotoParams = IdParams.extend({ photoId: z.coerce.number().int().positive().max(2_147_483_647) });
  app.delete('/api/exhibitions/:id/photos/:photoId', { schema: { tags, params: PhotoParams } }, async (req, reply) => {
    await removeExhibitionPhoto(db, requireActor(req), req.params.id, req.params.photoId);
    return reply.status(204).send();
  });
  app.get(
    '/api/exhibitions/:id/photos/:photoId',
    { schema: { tags, params: PhotoParams, querystring: z.object({ thumbnail: z.enum(['1']).optional() }) } },
    async (req, reply) => {
      requireActor(req);
      const p = await photoFor(db, req.params.photoId);
      if (p.exhibitionId !== req.params.id) throw new AppError('not_found', `Photo ${req.params.photoId} not found`);
      const sha = req.query.thumbnail && p.thumbnailSha256 ? p.thumbnailSha256 : p.sha256;
      const { stream } = await store.open(sha);
      return reply
        .type(sha === p.sha256 ? p.mediaType : 'image/webp')
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
  // ---- co-organisers: the requests waiting for the reader's organisation (or the office), and their decisions ----
  const RequestQuery = z.object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  });
  app.get(
    '/api/exhibitions/co-organiser-requests',
    {
      schema: {
        tags,
        querystring: RequestQuery,
        response: { 200: C.CoOrganiserRequestList, ...errors },
        description:
          "Co-organisers waiting for confirmation that the reader may decide: its organisation's subtree (an editor), all (the programme office)",
      },
    },
    async (req) => svc.listCoOrganiserRequests(db, requireActor(req), req.query),
  );
  const OrganiserParams = IdParams.extend({ organisationId: z.coerce.number().int().positive().max(2_147_483_647) });
  for (const [path, decision] of [
    ['confirm', 'confirmed'],
    ['decline', 'declined'],
  ] as const) {
    app.post(
      `/api/exhibitions/:id/organisers/:organisationId/${path}`,
      {
        schema: {
          tags,
          params: OrganiserParams,
          response: { 200: C.Exhibition, ...errors },
          description: `${decision === 'confirmed' ? 'Confirms' : 'Declines'} the organisation as co-organiser (an editor of its own subtree, or the programme office); only a confirmed co-organiser counts for it`,
        },
      },
      async (req) => svc.decideCoOrganiser(db, requireActor(req), req.params.id, req.params.organisationId, decision),
    );
  }
  app.get(
    '/api/exhibitions',
    { schema: { tags, querystring: C.ExhibitionListQuery, response: { 200: C.ExhibitionList, ...errors } } },
    async (req) => {
      requireActor(req);
      return svc.listExhibitions(db, req.query);
    },
  );
  app.get('/api/exhibitions/:id', { schema: { tags, params: IdParams, response: { 200: C.Exhibition, ...errors } } }, async (req) => {
    requireActor(req);
    return svc.getExhibition(db, req.params.id);
  });
  app.post(
    '/api/exhibitions',
    { schema: { tags, body: C.ExhibitionInput, response: { 201: C.Exhibition, ...errors } } },
    async (req, reply) => reply.status(201).send(await svc.createExhibition(db, requireActor(req), req.body)),
  );
  app.put(
    '/api/exhibitions/:id',
    { schema: { tags, params: IdParams, body: C.ExhibitionInput, response: { 200: C.Exhibition, ...errors } } },
    async (req) => svc.updateExhibition(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/exhibitions/:id/publish-online',
    { schema: { tags, params: IdParams, response: { 200: C.Exhibition, ...errors } } },
    async (req) => svc.setOnlinePublished(db, requireActor(req), req.params.id, true),
  );
  app.post(
    '/api/exhibitions/:id/show-on-portal',
    { schema: { tags, params: IdParams, response: { 200: C.Exhibition, ...errors } } },
    async (req) => svc.setExhibitionPublic(db, requireActor(req), req.params.id, true),
  );
  app.post(
    '/api/exhibitions/:id/hide-from-portal',
    { schema: { tags, params: IdParams, response: { 200: C.Exhibition, ...errors } } },
    async (req) => svc.setExhibitionPublic(db, requireActor(req), req.params.id, false),
  );
  app.post(
    '/api/exhibitions/:id/unpublish-online',
    { schema: { tags, params: IdParams, response: { 200: C.Exhibition, ...errors } } },
    async (req) => svc.setOnlinePublished(db, requireActor(req), req.params.id, false),
  );
}
