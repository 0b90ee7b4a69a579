// HTTP routes of the fact-checking module (signed in): the rating scale, claims and their fact-checks (draft,
// evidence, state moves), monitored items (one by one or a file), on-topic decisions and rules, item ↔ claim links.
// Thin: contract in, service out.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import * as C from '../../../shared/contracts/factcheck.js';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { importQueue } from '../../kernel/imports.js';
import { withProgress } from '../../kernel/progress.js';
import { requireActor } from '../../kernel/http.js';
import { langOf, reasonText } from '../../kernel/messages.js';
import { factcheckDeskRoutes } from './factcheck.desk.routes.js';
import * as feeds from './factcheck.feeds.js';
import { importItems } from './factcheck.import.js';
import { fetchPage } from './factcheck.pages.js';
import * as items from './factcheck.items.js';
import * as svc from './factcheck.service.js';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const IdParams = z.object({ id: Id });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['factcheck'];

export async function factcheckRoutes(root: FastifyInstance, { db, config }: { db: Db; config?: Config }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  // The desk's public side: complaints and submissions from the portal's forms.
  factcheckDeskRoutes(root, { db, config });

  app.get('/api/factcheck/ratings', { schema: { tags, response: { 200: z.array(C.Rating), ...errors } } }, async (req) => {
    requireActor(req);
    return svc.listRatings(db);
  });

  // ---- claims and their fact-checks ----
  app.get(
    '/api/factcheck/claims',
    { schema: { tags, querystring: C.ClaimListQuery, response: { 200: C.ClaimList, ...errors } } },
    async (req) => {
      requireActor(req);
      return svc.listClaims(db, req.query);
    },
  );
  app.get('/api/factcheck/claims/:id', { schema: { tags, params: IdParams, response: { 200: C.Claim, ...errors } } }, async (req) => {
    requireActor(req);
    return svc.getClaim(db, req.params.id);
  });
  app.post('/api/factcheck/claims', { schema: { tags, body: C.ClaimInput, response: { 201: C.Claim, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await svc.createClaim(db, requireActor(req), req.body)),
  );
  app.patch(
    '/api/factcheck/claims/:id',
    { schema: { tags, params: IdParams, body: C.DraftInput, response: { 200: C.Claim, ...errors } } },
    async (req) => svc.updateDraft(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/factcheck/claims/:id/evidence',
    { schema: { tags, params: IdParams, body: C.EvidenceInput, response: { 201: C.Claim, ...errors } } },
    async (req, reply) => reply.status(201).send(await svc.addEvidence(db, requireActor(req), req.params.id, req.body)),
  );
  /** One move of the state machine (drafted; approved — by a reviewer who wrote none of the draft —; published;
   *  corrected — the approval of the proposed correction by a reviewer who wrote none of it —; withdrawn …). */
  app.post(
    '/api/factcheck/claims/:id/transition',
    { schema: { tags, params: IdParams, body: C.TransitionInput, response: { 200: C.Claim, ...errors } } },
    async (req) => svc.transitionClaim(db, requireActor(req), req.params.id, req.body),
  );
  /** Proposes (or amends) the correction of a published fact-check; a reviewer who wrote none of it approves it. */
  app.post(
    '/api/factcheck/claims/:id/correction',
    { schema: { tags, params: IdParams, body: C.CorrectionProposalInput, response: { 200: C.Claim, ...errors } } },
    async (req) => svc.proposeCorrection(db, requireActor(req), req.params.id, req.body),
  );
  app.delete(
    '/api/factcheck/claims/:id/correction',
    { schema: { tags, params: IdParams, response: { 200: C.Claim, ...errors } } },
    async (req) => svc.discardCorrection(db, requireActor(req), req.params.id),
  );

  /** The text of a web page, fetched now through the SSRF-safe fetcher, to take an evidence snapshot from (nothing stored). */
  app.post(
    '/api/factcheck/pages/fetch',
    { schema: { tags, body: C.FetchPageInput, response: { 200: C.FetchedPage, ...errors } } },
    async (req) => fetchPage(requireActor(req), req.body),
  );

  // ---- monitored items ----
  app.get(
    '/api/factcheck/items',
    { schema: { tags, querystring: C.ItemListQuery, response: { 200: C.ItemList, ...errors } } },
    async (req) => {
      requireActor(req);
      return items.listItems(db, req.query);
    },
  );
  app.get('/api/factcheck/items/:id', { schema: { tags, params: IdParams, response: { 200: C.Item, ...errors } } }, async (req) => {
    requireActor(req);
    return items.getItem(db, req.params.id);
  });
  app.post('/api/factcheck/items', { schema: { tags, body: C.ItemInput, response: { 201: C.Item, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await items.addItem(db, requireActor(req), req.body)),
  );
  /** A CSV, Excel or JSON Lines file of items in the field "file": ?mode=all (the default) all or nothing (422
   *  import_invalid lists every problem of every row); ?mode=valid writes the valid rows and returns the rejected ones
   *  as a file of the upload's format with an error column. */
  app.post(
    '/api/factcheck/items/import',
    {
      schema: {
        tags,
        querystring: C.ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: C.ImportResult, ...errors, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 503: ErrorBody },
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
      return withProgress(req, (progress) =>
        importQueue.run(async () => {
          // a turn in the import queue (503 when full)
          let bytes: Buffer;
          try {
            bytes = await file.toBuffer();
          } catch (e) {
            if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
              throw new AppError('payload_too_large', 'The file is too large (UPLOAD_MAX_MB)', [{ field: 'file', message: 'too large' }]);
            throw e;
          }
          return importItems(db, actor, file.filename ?? '', bytes, req.query.mode, progress);
        }),
      );
    },
  );
  app.post(
    '/api/factcheck/items/:id/topic',
    { schema: { tags, params: IdParams, body: C.TopicDecision, response: { 200: C.Item, ...errors } } },
    async (req) => items.decideItemTopic(db, requireActor(req), req.params.id, req.body),
  );
  app.post(
    '/api/factcheck/items/:id/links',
    { schema: { tags, params: IdParams, body: C.ManualLinkInput, response: { 201: C.Link, ...errors } } },
    async (req, reply) => reply.status(201).send(await items.linkItem(db, requireActor(req), req.params.id, req.body)),
  );
  /** T5c: an action taken on an item linked to a claim rated false or partly false. */
  app.post(
    '/api/factcheck/items/:id/actions',
    { schema: { tags, params: IdParams, body: C.HandlingActionInput, response: { 201: C.Item, ...errors } } },
    async (req, reply) => reply.status(201).send(await items.recordHandlingAction(db, requireActor(req), req.params.id, req.body)),
  );
  app.post('/api/factcheck/links/:id/confirm', { schema: { tags, params: IdParams, response: { 200: C.Link, ...errors } } }, async (req) =>
    items.confirmLink(db, requireActor(req), req.params.id),
  );
  app.post('/api/factcheck/links/:id/undo', { schema: { tags, params: IdParams, response: { 200: C.Link, ...errors } } }, async (req) =>
    items.undoLink(db, requireActor(req), req.params.id),
  );

  // ---- on-topic rules (read by every signed-in user, edited by reviewers and admins) ----
  app.get('/api/factcheck/topic-rules', { schema: { tags, response: { 200: z.array(C.TopicRule), ...errors } } }, async (req) => {
    requireActor(req);
    return items.listTopicRules(db);
  });
  app.post(
    '/api/factcheck/topic-rules',
    { schema: { tags, body: C.TopicRuleInput, response: { 201: C.TopicRule, ...errors } } },
    async (req, reply) => reply.status(201).send(await items.createTopicRule(db, requireActor(req), req.body)),
  );
  app.put(
    '/api/factcheck/topic-rules/:id',
    { schema: { tags, params: IdParams, body: C.TopicRuleInput, response: { 200: C.TopicRule, ...errors } } },
    async (req) => items.updateTopicRule(db, requireActor(req), req.params.id, req.body),
  );
  /** The rules' verdict on a text (the same judgement an incoming item gets), for the office to try a rule out. */
  app.post(
    '/api/factcheck/topic-rules/test',
    { schema: { tags, body: C.TopicTestInput, response: { 200: C.TopicVerdict, ...errors } } },
    async (req) => {
      requireActor(req);
      return items.judgeTopic(await items.listTopicRules(db), req.body.text);
    },
  );
  app.delete('/api/factcheck/topic-rules/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await items.deleteTopicRule(db, requireActor(req), req.params.id);
    return reply.status(204).send();
  });

  // ---- feeds (registered and polled by the office) ----
  /** The demo's own feed documents (public, read-only): what the demo feeds stand for, served by the product itself. */
  app.get(
    '/demo/feeds/:name',
    { schema: { hide: true, params: z.object({ name: z.string().regex(/^[a-z0-9-]+\.xml$/) }) } },
    async (req, reply) => {
      let body: string;
      try {
        body = await readFile(path.join(feeds.DEMO_FEEDS_DIR, path.basename(req.params.name)), 'utf8');
      } catch {
        throw new AppError('not_found', `No demo feed ${req.params.name}`);
      }
      return reply.type(body.includes('<feed') ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8').send(body);
    },
  );
  // A poll's stored reason is English; each reader gets it in the language of the request.
  const FEED_ERROR_VI = 'Không đọc được nguồn tin (chi tiết kỹ thuật: xem giao diện tiếng Anh).';
  app.get('/api/factcheck/feeds', { schema: { tags, response: { 200: z.array(C.Feed), ...errors } } }, async (req) => {
    requireActor(req);
    const lang = langOf(req.headers['accept-language']);
    return (await feeds.listFeeds(db)).map((f) => ({ ...f, lastError: reasonText(f.lastError, lang, FEED_ERROR_VI) }));
  });
  app.post('/api/factcheck/feeds', { schema: { tags, body: C.FeedInput, response: { 201: C.Feed, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await feeds.createFeed(db, requireActor(req), req.body)),
  );
  app.put(
    '/api/factcheck/feeds/:id',
    { schema: { tags, params: IdParams, body: C.FeedInput, response: { 200: C.Feed, ...errors } } },
    async (req) => feeds.updateFeed(db, requireActor(req), req.params.id, req.body),
  );
  /** Polls one feed now: an unreachable, refused or malformed feed answers 200 with status "error" and the reason. */
  app.post(
    '/api/factcheck/feeds/:id/poll',
    { schema: { tags, params: IdParams, response: { 200: C.PollResult, ...errors } } },
    async (req) => {
      const r = await feeds.pollFeedNow(db, requireActor(req), req.params.id);
      return { ...r, error: reasonText(r.error, langOf(req.headers['accept-language']), FEED_ERROR_VI) };
    },
  );
}
