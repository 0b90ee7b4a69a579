// The OAI-PMH 2.0 endpoint at /oai (protocol in library.oai.ts): GET with a query string, or POST with an
// application/x-www-form-urlencoded body, as the protocol allows. The rest of the server accepts only JSON and
// multipart bodies (415 otherwise); the form parser is registered in this route's own scope, so it applies to /oai
// only. Answers are always HTTP 200 text/xml; protocol errors are inside the document. Lists are streamed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../kernel/config.js';
import type { Db } from '../../kernel/db.js';
import { Readable } from 'node:stream';
import { oaiRepository, type OaiRepositoryOptions } from './library.oai.repository.js';
import { streamOaiRequest } from './library.oai.js';

export type OaiRouteOptions = OaiRepositoryOptions;

const FORM = 'application/x-www-form-urlencoded';

/** Decoded arguments in order, repeats kept (so the protocol can refuse them). `+` is a space, as in forms. */
function argumentsOf(query: string): [string, string][] {
  return [...new URLSearchParams(query).entries()];
}

export async function oaiRoutes(
  app: FastifyInstance,
  { db, config }: { db: Db; config: Pick<Config, 'baseUrl'> },
  options: OaiRouteOptions = {},
) {
  const repo = oaiRepository(config.baseUrl, options);
  await app.register(async (scope) => {
    scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));

    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const q = req.url.indexOf('?');
      const args = argumentsOf(q >= 0 ? req.url.slice(q + 1) : '');
      if (req.method === 'POST') {
        const type = String(req.headers['content-type'] ?? '')
          .split(';')[0]!
          .trim()
          .toLowerCase();
        if (type && type !== FORM) {
          return reply
            .status(415)
            .header('content-type', 'text/plain; charset=utf-8')
            .send(`OAI-PMH requests are sent with GET or as a POST with Content-Type: ${FORM}\n`);
        }
        if (typeof req.body === 'string') args.push(...argumentsOf(req.body));
      }
      // Streamed: a list's records go out chunk by chunk as they are read.
      const parts = streamOaiRequest(db, repo, args);
      const first = await parts.next(); // protocol errors and the first chunk before the status is sent
      const body = Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          yield* parts;
        })(),
      );
      return reply.status(200).header('content-type', 'text/xml; charset=utf-8').header('cache-control', 'no-cache').send(body);
    };
    scope.get('/oai', handler);
    scope.post('/oai', handler);
  });
}
