// Request limits counted in PostgreSQL, so that every copy of the server behind a load balancer sees the same count:
// a store for @fastify/rate-limit (which keeps its limits, 429 answers and Retry-After). One row per route and client:
// the window starts at the first hit and ends at `resets_at` (as the plugin's in-memory store counts), and one atomic
// `insert … on conflict do update` counts a hit, so parallel hits on several copies are all counted. The client's
// address is never stored: the key is an HMAC of it with the server's secret (FORM_SECRET; without it a key of this
// process, which is why several copies must set FORM_SECRET). Ended windows are deleted at most once a minute.
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows, type Db } from './db.js';
import { rateLimitHits } from './kernel.tables.js';

/** How often a copy deletes the rows of ended windows. */
export const SWEEP_EVERY_MS = 60_000;

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
type RouteOptions = { routeInfo?: { method?: string | string[]; url?: string } };

/** Counts one hit of `key` in `bucket`: the hits of the current window (this one included) and the milliseconds left. */
export async function countHit(db: Db, bucket: string, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const window = sql`${`${Math.max(1, Math.round(windowMs))} milliseconds`}::interval`;
  const [r] = await rows<{ hits: number; ttl: number }>(
    db,
    sql`
    insert into ${rateLimitHits} as h (bucket, key, hits, resets_at) values (${bucket}, ${key}, 1, now() + ${window})
    on conflict (bucket, key) do update set
      hits = case when h.resets_at <= now() then 1 else h.hits + 1 end,
      resets_at = case when h.resets_at <= now() then excluded.resets_at else h.resets_at end
    returning h.hits, greatest(0, extract(epoch from h.resets_at - now()) * 1000)::float8 as ttl`,
  );
  return { current: r!.hits, ttl: Math.ceil(r!.ttl) };
}

/** The hits of `key` in `bucket` without counting one (0 when no window is open). */
export async function readHits(db: Db, bucket: string, key: string): Promise<{ current: number; ttl: number }> {
  const [r] = await rows<{ hits: number; ttl: number }>(
    db,
    sql`select hits, extract(epoch from resets_at - now())::float8 * 1000 as ttl from ${rateLimitHits}
        where bucket = ${bucket} and key = ${key} and resets_at > now()`,
  );
  return r ? { current: r.hits, ttl: Math.ceil(r.ttl) } : { current: 0, ttl: 0 };
}

/** Deletes the rows of ended windows; returns how many. */
export async function sweepRateLimits(db: Db): Promise<number> {
  const gone = await rows<{ n: number }>(
    db,
    sql`with d as (delete from ${rateLimitHits} where resets_at <= now() returning 1) select count(*)::int as n from d`,
  );
  return gone[0]?.n ?? 0;
}

/** The stored form of a client key: an HMAC with the server's secret (never the address itself). */
export const storedKey = (secret: string, key: string) => createHmac('sha256', secret).update(`rate-limit:${key}`).digest('base64url');

/** A @fastify/rate-limit store class (`store:` option) counting in `db`; `secret` keys the stored hashes. */
export function pgRateLimitStore(db: Db, secret: string) {
  const sweep = { last: Date.now() };
  class PgRateLimitStore {
    constructor(
      _globalParams?: unknown,
      private readonly bucket = '*',
    ) {}

    incr(key: string, cb: Callback, timeWindow: number) {
      countHit(db, this.bucket, storedKey(secret, key), timeWindow)
        .then(async (res) => {
          if (Date.now() - sweep.last >= SWEEP_EVERY_MS) {
            sweep.last = Date.now();
            await sweepRateLimits(db).catch(() => undefined);
          }
          cb(null, res);
        })
        .catch((e: unknown) => cb(e instanceof Error ? e : new Error(String(e))));
    }

    read(key: string, cb: Callback) {
      readHits(db, this.bucket, storedKey(secret, key)).then(
        (res) => cb(null, res),
        (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))),
      );
    }

    /** One bucket per route: its method and URL pattern (the plugin passes the route's merged limit options, whose
     *  `routeInfo` is the route). */
    child(routeOptions: object) {
      const route = (routeOptions as RouteOptions).routeInfo;
      const m = route?.method;
      return new PgRateLimitStore(undefined, `${Array.isArray(m) ? m.join(',') : (m ?? '')} ${route?.url ?? ''}`.trim() || '*');
    }
  }
  return PgRateLimitStore;
}

/** The copies' timer (kernel/jobs) that deletes ended windows even when no limited route is asked for. */
export const rateLimitSweepJob = { name: 'rate-limits.sweep', everyMs: SWEEP_EVERY_MS, run: sweepRateLimits };
