// HTTP routes of API tokens (tokens.service.ts): list, create (the secret in this answer only), revoke. Only for people
// signed in: a call with a token is refused here.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiToken, ApiTokenCreated, ApiTokenCreateInput } from '../../../shared/contracts/apiTokens.js';
import { ErrorBody } from '../../../shared/contracts/directory.js';
import type { Db } from '../../kernel/db.js';
import { requireActor } from '../../kernel/http.js';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.service.js';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function tokenRoutes(root: FastifyInstance, { db }: { db: Db }) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/tokens',
    {
      schema: {
        tags: ['tokens'],
        response: { 200: z.array(ApiToken), ...errors },
        description: 'Your API tokens (the programme office: every token); never their secrets',
      },
    },
    async (req) => listApiTokens(db, requireActor(req)),
  );
  app.post(
    '/api/tokens',
    {
      schema: {
        tags: ['tokens'],
        body: ApiTokenCreateInput,
        response: { 201: ApiTokenCreated, ...errors },
        description:
          'Makes an API token: at most your own role and organisation (the programme office: any scope); expires in at most 365 days. The secret is in this answer only.',
      },
    },
    async (req, reply) => reply.status(201).send(await createApiToken(db, requireActor(req), req.body)),
  );
  app.post(
    '/api/tokens/:id/revoke',
    {
      schema: {
        tags: ['tokens'],
        params: IdParams,
        response: { 200: ApiToken, ...errors },
        description: 'Stops the token at once (its owner or the programme office); its next call is 401',
      },
    },
    async (req) => revokeApiToken(db, requireActor(req), req.params.id),
  );
}
