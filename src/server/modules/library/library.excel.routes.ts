// HTTP routes of the library's bulk entry (library.excel.ts): the Excel template, the import of a filled-in sheet
// (multipart, field "file"; 422 import_invalid listing every bad row and column, nothing written) and the export of
// any product list in the same columns. Registered from libraryRoutes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/library.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { importQueue } from '../../kernel/imports.js';
import { withProgress } from '../../kernel/progress.js';
import { requireActor } from '../../kernel/http.js';
import { exportProducts, productTemplate } from './library.excel.js';
import { importProducts } from './library.excel.import.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['library'];
export const LibraryImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  published: z.number().int(),
  unchanged: z.number().int(),
  rows: z.number().int(),
});
export const ProductExportQuery = C.ProductListQuery.omit({ limit: true, offset: true });

export async function libraryExcelRoutes(root: FastifyInstance, { db }: { db: Db }) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/library/import-template.xlsx',
    {
      schema: {
        tags,
        description:
          'The Excel template of the product import: the header row, a help sheet (Vietnamese and English) with every allowed value, drop-down lists',
      },
    },
    async (req, reply) => {
      const buf = await productTemplate(db, requireActor(req));
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="library-template.xlsx"').send(buf);
    },
  );

  app.get(
    '/api/library/products/export.xlsx',
    {
      schema: {
        tags,
        querystring: ProductExportQuery,
        description:
          "The products of a list query (the filters of GET /api/library/products), in the template's columns with their ids: re-imported, rows update their products. At most 20,000 (header x-export-truncated: true when more matched).",
      },
    },
    async (req, reply) => {
      const { buf, count, truncated } = await exportProducts(db, requireActor(req), req.query);
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="library-products.xlsx"')
        .header('x-export-count', String(count))
        .header('x-export-truncated', String(truncated))
        .send(buf);
    },
  );

  app.post(
    '/api/library/import',
    {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        description:
          'Imports a filled-in template (multipart field "file"): rows without id create products, rows with id update them; all or nothing',
        response: { 200: LibraryImportResult, ...errors, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 503: ErrorBody },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (actor.role !== 'admin' && actor.role !== 'editor') throw new AppError('forbidden', `Your role (${actor.role}) is read-only`);
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in the field "file"', [
          { field: 'file', message: 'multipart/form-data expected' },
        ]);
      const file = await req.file();
      if (!file || file.fieldname !== 'file')
        throw new AppError('validation_failed', 'No file in the field "file"', [{ field: 'file', message: 'required' }]);
      return withProgress(req, (progress) => importQueue.run(async () => importProducts(db, actor, await file.toBuffer(), { progress }))); // a turn in the import queue (503 when full)
    },
  );
}
