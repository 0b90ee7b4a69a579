// HTTP routes of the library core: the language list, the ISBN check for the form, products and their lifecycle
// (signed in), and the public reads (published products; a withdrawn one as a tombstone). The file routes
// (upload, download, thumbnails) are library.files.routes.ts's, registered from here. Thin: contract in, service out.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/library.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { requestLang, requireActor } from '../../kernel/http.js';
import { detailText } from '../../kernel/messages.js';
import { libraryExcelRoutes } from './library.excel.routes.js';
import { libraryFileRoutes } from './library.files.routes.js';
import { checkIsbn } from './library.isbn.js';
import * as products from './library.service.js';
import * as productsWrite from './library.write.js';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['library'];
/** A client asking for a fresh answer (`Cache-Control: no-cache`) gets the search's total and facets recomputed. */
const noCache = (req: FastifyRequest) => /\bno-cache\b/i.test(String(req.headers['cache-control'] ?? ''));

export async function libraryRoutes(root: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  await libraryFileRoutes(root, { db, config });
  await libraryExcelRoutes(root, { db });

  // ---- reference and public reads (no sign-in) ----
  app.get('/api/library/languages', { schema: { tags, response: { 200: z.array(C.Language) } } }, async () => products.listLanguages(db));
  app.get(
    '/api/public/library/products',
    { schema: { tags: ['public'], querystring: C.PublicProductListQuery, response: { 200: C.PublicProductList, ...errors } } },
    async (req) => products.listPublicProducts(db, req.query, { fresh: noCache(req) }),
  );
  app.get(
    '/api/public/library/products/:id',
    { schema: { tags: ['public'], params: IdParams, response: { 200: C.PublicProduct, ...errors } } },
    async (req) => products.getPublicProduct(db, req.params.id),
  );

  // ---- the form's ISBN check ----
  app.get(
    '/api/library/isbn',
    { schema: { tags, querystring: C.IsbnCheckQuery, response: { 200: C.IsbnCheckResult, ...errors } } },
    async (req) => {
      requireActor(req);
      const r = checkIsbn(req.query.isbn);
      return r.valid ? r : { ...r, message: detailText(r.message)[requestLang(req)] };
    },
  );

  // ---- products ----
  app.get(
    '/api/library/products',
    { schema: { tags, querystring: C.ProductListQuery, response: { 200: C.ProductList, ...errors } } },
    async (req) => {
      requireActor(req);
      return products.listProducts(db, req.query, { publicOnly: false, fresh: noCache(req) });
    },
  );
  app.get('/api/library/products/:id', { schema: { tags, params: IdParams, response: { 200: C.Product, ...errors } } }, async (req) => {
    requireActor(req);
    return products.getProduct(db, req.params.id);
  });
  app.post(
    '/api/library/products',
    { schema: { tags, body: C.ProductInput, response: { 201: C.Product, ...errors } } },
    async (req, reply) => reply.status(201).send(await productsWrite.createProduct(db, requireActor(req), req.body)),
  );
  app.put(
    '/api/library/products/:id',
    { schema: { tags, params: IdParams, body: C.ProductInput, response: { 200: C.Product, ...errors } } },
    async (req) => productsWrite.updateProduct(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/library/products/:id/publish',
    { schema: { tags, params: IdParams, response: { 200: C.Product, ...errors } } },
    async (req) => productsWrite.publishProduct(db, requireActor(req), req.params.id),
  );
  app.post(
    '/api/library/products/:id/withdraw',
    { schema: { tags, params: IdParams, body: C.WithdrawProductInput, response: { 200: C.Product, ...errors } } },
    async (req) => productsWrite.withdrawProduct(db, requireActor(req), req.params.id, req.body),
  );
}
