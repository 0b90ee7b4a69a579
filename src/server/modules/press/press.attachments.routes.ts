// HTTP routes of press attachments: multipart upload (field `file`, optional `caption`), list, remove, and the
// public download with ETag (the SHA-256) and single byte ranges. Thin: the service decides, the store serves.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/press.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { readUpload, requireActor } from '../../kernel/http.js';
import { contentDisposition, createFileStore, parseRange } from '../../kernel/storage.js';
import * as files from './press.attachments.js';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const AttachmentParams = IdParams.extend({ attachmentId: z.coerce.number().int().positive().max(2_147_483_647) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody };
const tags = ['press'];

export async function pressAttachmentRoutes(root: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const store = createFileStore(config.dataDir, (msg, extra) => root.log.error(extra ?? {}, msg));

  app.get(
    '/api/press/items/:id/attachments',
    { schema: { tags, params: IdParams, response: { 200: z.array(C.PressAttachment), ...errors } } },
    async (req) => {
      requireActor(req);
      return files.listPressAttachments(db, req.params.id);
    },
  );

  app.post(
    '/api/press/items/:id/attachments',
    { schema: { tags, params: IdParams, consumes: ['multipart/form-data'], response: { 201: C.PressAttachment, ...errors } } },
    async (req, reply) => {
      const actor = requireActor(req);
      const { file: upload, fields } = await readUpload(req, ['caption']);
      return reply
        .status(201)
        .send(await files.attachPressFile(db, store, actor, req.params.id, { ...upload, caption: fields.caption || undefined }));
    },
  );

  app.delete('/api/press/items/:id/attachments/:attachmentId', { schema: { tags, params: AttachmentParams } }, async (req, reply) => {
    await files.removePressAttachment(db, requireActor(req), req.params.id, req.params.attachmentId);
    return reply.status(204).send();
  });

  app.get(
    '/api/public/press/attachments/:attachmentId',
    { schema: { tags: ['public'], params: AttachmentParams.omit({ id: true }) } },
    async (req, reply) => {
      const a = await files.getPublicAttachment(db, req.params.attachmentId);
      const etag = `"${a.sha256}"`;
      reply
        .header('etag', etag)
        .header('accept-ranges', 'bytes')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', contentDisposition(a.filename));
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      const ifRange = req.headers['if-range'];
      const range = ifRange && ifRange !== etag ? undefined : parseRange(req.headers.range, a.size);
      if (range === 'unsatisfiable') {
        return reply
          .status(416)
          .header('content-range', `bytes */${a.size}`)
          .send({ error: { code: 'range_not_satisfiable', message: `The range is outside the file (${a.size} bytes)` } });
      }
      const { stream } = await store.open(a.sha256, range);
      reply.type(a.mediaType);
      if (!range) return reply.header('content-length', a.size).send(stream);
      return reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${a.size}`)
        .header('content-length', range.end - range.start + 1)
        .send(stream);
    },
  );
}
