// Configuration: parsed once from the environment; the only reader of process.env.
// Bad configuration stops the boot with a readable list of what is wrong.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** Names proxy-addr (Fastify's trustProxy) knows for private ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: `false`, or the proxies whose X-Forwarded-For is believed (addresses, CIDR ranges, range names).
 *  `true` (every peer) is refused: any client could then choose the address the limits see. */
function parseTrustProxy(v: string, ctx: z.RefinementCtx): false | string[] {
  if (v === 'false') return false;
  if (v === 'true') {
    ctx.addIssue({
      code: 'custom',
      message:
        'true would believe an X-Forwarded-For header from anyone (a client could choose the address that sign-in and form limits see); list the addresses or ranges of your proxies instead, e.g. TRUST_PROXY=127.0.0.1 or TRUST_PROXY=10.0.0.0/8,192.168.1.5 (loopback, linklocal and uniquelocal name those ranges)',
    });
    return false;
  }
  const entries = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const bad = entries.filter((x) => {
    if (PROXY_RANGE_NAMES.includes(x)) return false;
    const [addr, prefix, more] = x.split('/');
    const kind = isIP(addr!);
    if (!kind || more !== undefined) return true;
    return prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= (kind === 4 ? 32 : 128));
  });
  if (!entries.length || bad.length) {
    ctx.addIssue({
      code: 'custom',
      message: `false, or a comma-separated list of proxy addresses or CIDR ranges (or ${PROXY_RANGE_NAMES.join(', ')})${bad.length ? `; not one: ${bad.join(', ')}` : ''}`,
    });
  }
  return entries;
}

/** One OpenID Connect identity provider (OIDC_PROVIDERS, a JSON array): a ministry's or a province's sign-in.
 *  Sign-in through it only links to accounts that already exist in RightsHub (modules/directory/oidc.ts). */
const OidcProvider = z
  .object({
    /** In the URLs (/api/auth/oidc/<id>/start): letters, digits, dashes. */
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes (at most 40)'),
    /** On the button: "Đăng nhập bằng <label>". */
    label: z.string().min(1).max(80),
    /** The issuer; its /.well-known/openid-configuration is read at the first sign-in. https, except on this machine. */
    issuer: z
      .string()
      .url()
      .refine((u) => {
        const x = new URL(u);
        return x.protocol === 'https:' || (x.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(x.hostname));
      }, 'must be https:// (http:// only for localhost or 127.0.0.1)'),
    clientId: z.string().min(1),
    /** Absent: a public client (PKCE only, no secret at the token endpoint). */
    clientSecret: z.string().min(1).optional(),
    /** The ID token claim that names the person, and the account field it must equal (case-insensitive). */
    userClaim: z.string().min(1).default('email'),
    userField: z.enum(['email', 'username']).default('email'),
    /** When set: the claim giving the organisation's code; it must equal the code of the account's organisation. */
    organisationClaim: z.string().min(1).optional(),
    scope: z.string().default('openid email profile'),
  })
  .strict();

function parseOidcProviders(v: string, ctx: z.RefinementCtx) {
  let json: unknown;
  try {
    json = JSON.parse(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON array of providers ({"id","label","issuer","clientId",…})' });
    return [];
  }
  const parsed = z.array(OidcProvider).safeParse(json);
  if (!parsed.success) {
    for (const i of parsed.error.issues) ctx.addIssue({ code: 'custom', message: `${i.path.join('.')}: ${i.message}` });
    return [];
  }
  const ids = parsed.data.map((p) => p.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) ctx.addIssue({ code: 'custom', message: `each provider needs its own id; twice: ${twice.join(', ')}` });
  return parsed.data;
}
export type OidcProviderConfig = z.infer<typeof OidcProvider>;

const Env = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    BASE_URL: z.string().url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    DATA_DIR: z.string().default('./data'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(12),
    UPLOAD_MAX_MB: z.coerce.number().min(1).max(2048).default(20),
    /** Imports (spreadsheets, CSV) read at once by this process; the others wait in a queue. */
    IMPORTS_AT_ONCE: z.coerce.number().int().min(1).max(32).default(2),
    /** Imports that may wait for their turn; past that, an upload is refused with 503 and Retry-After. */
    IMPORT_QUEUE: z.coerce.number().int().min(0).max(1000).default(8),
    LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(8),
    LOGIN_MAX_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
    LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    TRUST_PROXY: z.string().default('false').transform(parseTrustProxy),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^/]+/, 'must look like smtp://host:port or smtps://user:pass@host:port')
      .optional(),
    SMTP_FROM: z.string().email('must be an email address').optional(),
    /** Notifications: deadlines coming within this many days are announced (and every passed one). */
    REMINDER_DAYS_AHEAD: z.coerce.number().int().min(0).max(90).default(14),
    /** How often the notification job looks for what to tell whom (and mails it). */
    REMINDER_EVERY_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** The hour (Viet Nam time, 0–23) from which each day's digest e-mails go out. */
    NOTIFY_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
    /** Signs the portal's public forms (fact-check submissions, complaints) and keys the stored hashes of the request
     *  limits; random per process when unset (one copy only). */
    FORM_SECRET: z.string().min(16, 'at least 16 characters').optional(),
    /** How many copies of the server run behind the load balancer on this database; more than 1 requires FORM_SECRET
     *  and DATABASE_URL. */
    INSTANCES: z.coerce.number().int().min(1).max(1000).default(1),
    /** On SIGTERM: seconds /readyz answers 503 while the copy still serves, before it stops listening. */
    SHUTDOWN_DRAIN_SECONDS: z.coerce.number().int().min(0).max(300).default(0),
    /** Seconds a CDN or reverse proxy may serve a public page without asking (s-maxage); 0: it revalidates every time. */
    PORTAL_SHARED_MAX_AGE: z.coerce.number().int().min(0).max(86_400).default(10),
    /** Memory for rendered portal pages, MiB. */
    PORTAL_CACHE_MB: z.coerce.number().min(1).max(4096).default(64),
    /** URLs per sitemap part (/sitemap-<section>-<n>.xml); the protocol allows 50,000. */
    PORTAL_SITEMAP_URLS: z.coerce.number().int().min(2).max(50_000).default(20_000),
    /** Single sign-on: a JSON array of OpenID Connect providers (OidcProvider); unset: local passwords only. */
    OIDC_PROVIDERS: z.string().default('[]').transform(parseOidcProviders),
  })
  .refine((e) => !e.SMTP_URL || e.SMTP_FROM, { path: ['SMTP_FROM'], message: 'required when SMTP_URL is set' })
  .superRefine((e, ctx) => {
    if (e.INSTANCES <= 1) return;
    if (!e.FORM_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['FORM_SECRET'],
        message: `required when INSTANCES is more than 1 (${e.INSTANCES}): every copy must sign and check the public forms and key the shared request limits with the same secret; set the same value (at least 16 characters) on every copy`,
      });
    if (!e.DATABASE_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: `required when INSTANCES is more than 1 (${e.INSTANCES}): the embedded database serves one process only; point every copy at one PostgreSQL`,
      });
  });

export type Config = {
  port: number;
  host: string;
  baseUrl: string;
  secureCookies: boolean;
  databaseUrl?: string;
  dataDir: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  sessionTtlHours: number;
  uploadMaxBytes: number;
  imports: { concurrency: number; maxWaiting: number };
  login: { maxPerAccount: number; maxPerAddress: number; windowMinutes: number };
  /** The proxies whose X-Forwarded-For is believed (Fastify trustProxy); false: the peer's address is the client's. */
  trustProxy: false | string[];
  /** The SMTP sender (notifications, complaint replies, sign-in block notices); absent when SMTP_URL is not set (no e-mail). */
  smtp?: { url: string; from: string };
  /** The notification job (inbox always, e-mail with SMTP): how far ahead deadlines are announced, how often it runs,
   *  the hour (Viet Nam time) of the daily digests. */
  notifications: { daysAhead: number; everyMs: number; digestHour: number };
  /** The HMAC key of the portal's public form tokens and of the request limits' stored keys; absent: a random key per
   *  process (required when running several copies). */
  formSecret?: string;
  /** The copies declared to run on this database (INSTANCES); more than 1 means FORM_SECRET and DATABASE_URL are set. */
  instances: number;
  /** On SIGTERM, how long /readyz answers 503 before the copy stops listening (ms). */
  shutdownDrainMs: number;
  portal: { sharedMaxAge: number; cacheBytes: number; sitemapUrlsPerPart: number };
  /** OpenID Connect providers for single sign-on, next to local passwords (empty: none). */
  oidcProviders: OidcProviderConfig[];
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable counts as unset (DATABASE_URL= in a .env file means: embedded database).
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const baseUrl = e.BASE_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    baseUrl: baseUrl.replace(/\/$/, ''),
    secureCookies: baseUrl.startsWith('https://'),
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
    imports: { concurrency: e.IMPORTS_AT_ONCE, maxWaiting: e.IMPORT_QUEUE },
    login: { maxPerAccount: e.LOGIN_MAX_PER_ACCOUNT, maxPerAddress: e.LOGIN_MAX_PER_ADDRESS, windowMinutes: e.LOGIN_WINDOW_MINUTES },
    trustProxy: e.TRUST_PROXY,
    smtp: e.SMTP_URL && e.SMTP_FROM ? { url: e.SMTP_URL, from: e.SMTP_FROM } : undefined,
    notifications: { daysAhead: e.REMINDER_DAYS_AHEAD, everyMs: e.REMINDER_EVERY_MINUTES * 60_000, digestHour: e.NOTIFY_DIGEST_HOUR },
    formSecret: e.FORM_SECRET,
    instances: e.INSTANCES,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_SECONDS * 1000,
    portal: {
      sharedMaxAge: e.PORTAL_SHARED_MAX_AGE,
      cacheBytes: Math.round(e.PORTAL_CACHE_MB * 1024 * 1024),
      sitemapUrlsPerPart: e.PORTAL_SITEMAP_URLS,
    },
    oidcProviders: e.OIDC_PROVIDERS,
  };
}

/** The directory the command line was started from (bin/rightshub changes to the repository root and passes it on
 *  as RIGHTSHUB_INVOKED_FROM), so that file arguments are read relative to where the user typed them. */
export function invocationDir(env: Record<string, string | undefined> = process.env): string {
  return env.RIGHTSHUB_INVOKED_FROM || process.cwd();
}
