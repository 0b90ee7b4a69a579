// HTTP routes of library product files: multipart upload (field `file`, optional `caption`), removal, and the
// download (public when the product is published, otherwise for signed-in users) with ETag (the SHA-256), the
// sniffed type, nosniff and single byte ranges; and the image thumbnail. Thin: the service decides, the store serves.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import { ProductFile } from '../../../shared/contracts/library.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { readUpload, requireActor } from '../../kernel/http.js';
import { contentDisposition, createFileStore, MEDIA_TYPES, parseRange, type FileStore } from '../../kernel/storage.js';
import * as files from './library.files.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const ProductParams = z.object({ id: Id });
const ProductFileParams = ProductParams.extend({ fileId: Id });
const FileParams = z.object({ fileId: Id });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody };
const tags = ['library'];

const megabytes = (bytes: number) => `${Number((bytes / (1024 * 1024)).toFixed(2))} MB`;

export async function libraryFileRoutes(root: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const store = createFileStore(config.dataDir, (msg, extra) => root.log.error(extra ?? {}, msg));
  const warn: files.Log = (msg, extra) => root.log.warn(extra ?? {}, msg);
  const tooLarge = () =>
    new AppError('payload_too_large', `The file is larger than the limit of ${megabytes(config.uploadMaxBytes)} (UPLOAD_MAX_MB)`, [
      { field: 'file', message: `at most ${config.uploadMaxBytes} bytes` },
    ]);

  app.post(
    '/api/library/products/:id/files',
    {
      schema: { tags, params: ProductParams, consumes: ['multipart/form-data'], response: { 201: ProductFile, ...errors } },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { file: upload, fields } = await readUpload(req, ['caption'], tooLarge);
      if (upload.bytes.length > config.uploadMaxBytes) throw tooLarge();
      return reply
        .status(201)
        .send(await files.attachProductFile(db, store, actor, req.params.id, { ...upload, caption: fields.caption || undefined }, warn));
    },
  );

  app.delete('/api/library/products/:id/files/:fileId', { schema: { tags, params: ProductFileParams } }, async (req, reply) => {
    await files.removeProductFile(db, requireActor(req), req.params.id, req.params.fileId);
    return reply.status(204).send();
  });

  app.get('/api/library/files/:fileId', { schema: { tags, params: FileParams } }, async (req, reply) => {
    const { file, isPublic } = await files.fileForDownload(db, req.actor, req.params.fileId);
    return sendStored(req, reply, store, {
      sha256: file.sha256,
      size: file.size,
      mediaType: file.mediaType,
      isPublic,
      disposition: contentDisposition(file.filename, files.dispositionKind(file.mediaType)),
    });
  });

  app.get('/api/library/files/:fileId/thumbnail', { schema: { tags, params: FileParams } }, async (req, reply) => {
    const { file, isPublic } = await files.fileForDownload(db, req.actor, req.params.fileId);
    if (!file.thumbnailSha256) throw new AppError('not_found', `File ${file.id} has no thumbnail`);
    const name = `${file.filename.replace(/\.[^.]*$/, '')}.webp`;
    return sendStored(req, reply, store, {
      sha256: file.thumbnailSha256,
      mediaType: MEDIA_TYPES.webp,
      isPublic,
      disposition: contentDisposition(name, 'inline'),
    });
  });
}

/** Sends stored bytes with ETag (the SHA-256; 304 on a match), nosniff, the given type and disposition, and a single
 *  byte range when asked (206, or 416 when outside the file). The store verifies the hash before anything is sent. */
async function sendStored(
  req: FastifyRequest,
  reply: FastifyReply,
  store: FileStore,
  f: { sha256: string; size?: number; mediaType: string; disposition: string; isPublic: boolean },
) {
  const etag = `"${f.sha256}"`;
  reply
    .header('etag', etag)
    .header('accept-ranges', 'bytes')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', f.disposition)
    // Public files may be cached but are revalidated (a withdrawn product's files stop being public); others are private.
    .header('cache-control', f.isPublic ? 'public, no-cache' : 'private, no-store');
  const inm = req.headers['if-none-match'];
  if (
    inm &&
    inm
      .split(',')
      .map((s) => s.trim().replace(/^W\//, ''))
      .some((t) => t === etag || t === '*')
  )
    return reply.status(304).send();
  // The thumbnail's size is not in its row: the store tells it (thumbnails are small; reopening for a range is cheap).
  let opened = f.size === undefined ? await store.open(f.sha256) : null;
  const size = f.size ?? opened!.size;
  const ifRange = req.headers['if-range'];
  const range = ifRange && ifRange !== etag ? undefined : parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    opened?.stream.destroy();
    return reply
      .status(416)
      .header('content-range', `bytes */${size}`)
      .send({ error: { code: 'range_not_satisfiable', message: `The range is outside the file (${size} bytes)` } });
  }
  if (range) {
    opened?.stream.destroy();
    opened = await store.open(f.sha256, range);
  }
  const { stream } = opened ?? (await store.open(f.sha256));
  reply.type(f.mediaType);
  if (!range) return reply.header('content-length', size).send(stream);
  return reply
    .status(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
    .header('content-length', range.end - range.start + 1)
    .send(stream);
}
