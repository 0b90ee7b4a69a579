// GET /api/progress/:id: the figure of the caller's running work (kernel/progress). Answered from memory: for the
// session that started the work without asking the database (which may be busy with that very work), for any other
// signed-in caller after the usual session check; unknown, expired or someone else's work is 404 alike.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../shared/contracts/directory.js';
import { ProgressFigure, ProgressId } from '../../shared/contracts/progress.js';
import { AppError } from './errors.js';
import { requireActor, SESSION_COOKIE } from './http.js';
import { progressRegistry } from './progress.js';

/** Route config of the poll: the session hook lets it find its caller in the registry first. */
export const PROGRESS_POLL = { progressPoll: true } as const;

export async function progressRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/progress/:id',
    {
      config: PROGRESS_POLL,
      schema: {
        tags: ['progress'],
        params: z.object({ id: ProgressId }),
        response: { 200: ProgressFigure, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
        description:
          "How far the caller's long work sent with the header x-progress-id is (stage read / match / write, rows done of total); per process: another copy answers 404",
      },
    },
    async (req) => {
      const token = req.cookies?.[SESSION_COOKIE];
      const userId = (token ? progressRegistry.sessionOwner(token) : null) ?? requireActor(req).userId;
      const figure = userId == null ? null : progressRegistry.get(userId, req.params.id);
      if (!figure) throw new AppError('not_found', 'No work of yours with this id is running here');
      return figure;
    },
  );
}
