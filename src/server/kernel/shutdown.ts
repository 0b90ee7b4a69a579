// A copy's graceful shutdown (SIGTERM, SIGINT): first /readyz answers 503 while the copy still serves (for
// SHUTDOWN_DRAIN_SECONDS, so a load balancer that polls it stops sending requests), then the periodic jobs stop,
// then Fastify stops listening and finishes the requests in progress (a new request on an open connection gets 503).
import type { FastifyInstance } from 'fastify';

export async function gracefulShutdown(app: FastifyInstance, opts: { drainMs: number; stopJobs?: () => Promise<void> }): Promise<void> {
  app.drain();
  if (opts.drainMs > 0) await new Promise((r) => setTimeout(r, opts.drainMs));
  await opts.stopJobs?.();
  await app.close();
}
