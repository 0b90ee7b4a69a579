// The one way RightsHub fetches a URL someone else chose (feeds, pages entered by staff): GET over http(s) only,
// with a size limit, an overall time limit and a redirect limit, and never to loopback, private, link-local (cloud
// metadata 169.254.169.254 included), unique-local, multicast, reserved or otherwise non-public addresses.
//
// How the address is checked (SSRF):
//   1. The host is resolved here (every address of the name); if ANY address is not public, the fetch is refused.
//   2. The connection is made to the checked address (a custom `lookup` hands it to the socket; TLS still verifies
//      the certificate against the host name), so a DNS answer that changes between the check and the connection
//      (DNS rebinding) cannot move the request elsewhere.
//   3. Redirects are followed by hand, at most maxRedirects; every hop goes through 1–2 again.
// IPv4-mapped / -compatible / NAT64 / 6to4 IPv6 forms are judged by the IPv4 address they carry.
//
// testOnlyAllowedAddresses: tests need a server the fetcher may reach, and test servers listen on loopback. That
// option lists exact addresses, best with a port (e.g. ['127.0.0.1:3140'], ['[::1]:3140']), let through although not
// public. It is a parameter of the
// call only — no environment variable or configuration reaches it — and no production caller passes it.
import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export type SafeFetchErrorCode =
  'bad_url' | 'scheme' | 'blocked_address' | 'dns' | 'too_large' | 'timeout' | 'too_many_redirects' | 'network';

export class SafeFetchError extends Error {
  constructor(
    public readonly code: SafeFetchErrorCode,
    message: string,
    public readonly url: string,
  ) {
    super(message);
    this.name = 'SafeFetchError';
  }
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export type SafeFetchOptions = {
  /** Largest body accepted, in bytes (default 5 MiB). */
  maxBytes?: number;
  /** Time for the whole fetch, redirects included, in milliseconds (default 15 s). */
  timeoutMs?: number;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  headers?: Record<string, string>;
  /** TESTS ONLY: exact addresses ('127.0.0.1') or address:port ('127.0.0.1:3140') let through although not public. */
  testOnlyAllowedAddresses?: readonly string[];
  /** Name resolution (default: the system resolver, every address). Tests replace it. */
  resolve?: Resolver;
};

export type SafeFetchResult = { url: string; status: number; headers: http.IncomingHttpHeaders; body: Buffer; redirects: string[] };

const DEFAULTS = { maxBytes: 5 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5 };

// ---------------------------------------------------------------- address classification

function v4ToInt(a: string): number {
  return a.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const V4_RANGES = V4_BLOCKED.map(([base, bits]) => ({ base: v4ToInt(base), mask: bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0 }));

function v4Public(a: string): boolean {
  const x = v4ToInt(a);
  return !V4_RANGES.some((r) => (x & r.mask) >>> 0 === r.base);
}

/** The eight 16-bit groups of an IPv6 address (embedded IPv4 and :: expanded). */
function v6Groups(a: string): number[] | null {
  let s = a.toLowerCase().replace(/%.*$/, '');
  const v4 = s.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    if (!net.isIPv4(v4[1])) return null;
    const x = v4ToInt(v4[1]);
    s = s.slice(0, -v4[1].length) + ((x >>> 16) & 0xffff).toString(16) + ':' + (x & 0xffff).toString(16);
  }
  const [head, tail, more] = s.split('::');
  if (more !== undefined) return null;
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  const fill = tail !== undefined ? 8 - h.length - t.length : 0;
  if (fill < 0 || (tail === undefined && h.length !== 8)) return null;
  const groups = [...h, ...Array(fill).fill('0'), ...t].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

const embeddedV4 = (g: number[], at: number) => `${g[at] >> 8}.${g[at] & 255}.${g[at + 1] >> 8}.${g[at + 1] & 255}`;

function v6Public(a: string): boolean {
  const g = v6Groups(a);
  if (!g) return false;
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 8)) return false; // ::
  if (zero(0, 7) && g[7] === 1) return false; // ::1
  if (zero(0, 5) && g[5] === 0xffff) return v4Public(embeddedV4(g, 6)); // ::ffff:a.b.c.d (IPv4-mapped)
  if (zero(0, 6)) return false; // ::a.b.c.d (IPv4-compatible, deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b) return v4Public(embeddedV4(g, 6)); // NAT64
  if (g[0] === 0x2002) return v4Public(embeddedV4(g, 1)); // 6to4
  if ((g[0] & 0xfe00) === 0xfc00) return false; // fc00::/7 unique local
  if ((g[0] & 0xffc0) === 0xfe80) return false; // fe80::/10 link-local
  if ((g[0] & 0xffc0) === 0xfec0) return false; // fec0::/10 site-local (deprecated)
  if ((g[0] & 0xff00) === 0xff00) return false; // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return false; // documentation
  if (g[0] === 0x0100 && zero(1, 4)) return false; // discard-only 100::/64
  return true;
}

/** Whether an IP address is a public unicast address a fetch may go to. */
export function isPublicAddress(address: string): boolean {
  const kind = net.isIP(address);
  if (kind === 4) return v4Public(address);
  if (kind === 6) return v6Public(address);
  return false;
}

// ---------------------------------------------------------------- fetching

const systemResolve: Resolver = async (host) => dns.lookup(host, { all: true, verbatim: true });

async function checkedAddress(url: URL, options: SafeFetchOptions): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const allowed = new Set(options.testOnlyAllowedAddresses ?? []);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const ok = (a: string) => isPublicAddress(a) || allowed.has(a) || allowed.has(`${net.isIPv6(a) ? `[${a}]` : a}:${port}`);
  if (net.isIP(host)) {
    if (!ok(host)) throw new SafeFetchError('blocked_address', `${host} is not a public address`, url.href);
    return { address: host, family: net.isIP(host) };
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await (options.resolve ?? systemResolve)(host);
  } catch (e) {
    throw new SafeFetchError('dns', `${host} does not resolve (${(e as NodeJS.ErrnoException).code ?? 'error'})`, url.href);
  }
  if (!addresses.length) throw new SafeFetchError('dns', `${host} has no address`, url.href);
  const bad = addresses.find((a) => !ok(a.address));
  if (bad) throw new SafeFetchError('blocked_address', `${host} resolves to ${bad.address}, which is not a public address`, url.href);
  return addresses[0];
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SafeFetchError('bad_url', `not a URL: ${raw}`, raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SafeFetchError('scheme', `only http and https URLs are fetched, not ${url.protocol}`, raw);
  if (url.username || url.password) throw new SafeFetchError('bad_url', 'URLs with a user name or password are not fetched', raw);
  return url;
}

type Hop = { status: number; headers: http.IncomingHttpHeaders; body: Buffer | null; location?: string };

function request(
  url: URL,
  pinned: { address: string; family: number },
  options: SafeFetchOptions,
  maxBytes: number,
  deadline: number,
  fetchUrl: string,
): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new SafeFetchError('timeout', 'time limit reached', fetchUrl));
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, {
      method: 'GET',
      headers: { 'user-agent': 'RightsHub-fetcher/1 (+feeds)', accept: '*/*', 'accept-encoding': 'identity', ...options.headers },
      // Pin the connection to the address that was checked: no second resolution.
      lookup: ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
        if (opts?.all) cb(null, [{ address: pinned.address, family: pinned.family }]);
        else cb(null, pinned.address, pinned.family);
      }) as unknown as net.LookupFunction,
      agent: false,
    });
    const timer = setTimeout(
      () => req.destroy(new SafeFetchError('timeout', `no complete answer within the time limit`, fetchUrl)),
      remaining,
    );
    const done = (f: () => void) => {
      clearTimeout(timer);
      f();
    };
    req.on('error', (e) =>
      done(() =>
        reject(
          e instanceof SafeFetchError
            ? e
            : new SafeFetchError('network', `${url.host}: ${(e as NodeJS.ErrnoException).code ?? e.message}`, fetchUrl),
        ),
      ),
    );
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
        res.resume();
        return done(() => resolve({ status, headers: res.headers, body: null, location: res.headers.location }));
      }
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (declared > maxBytes) {
        req.destroy();
        return done(() =>
          reject(new SafeFetchError('too_large', `the answer is ${declared} bytes, more than the limit of ${maxBytes}`, fetchUrl)),
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) req.destroy(new SafeFetchError('too_large', `the answer exceeds the limit of ${maxBytes} bytes`, fetchUrl));
        else chunks.push(c);
      });
      res.on('end', () => done(() => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) })));
      res.on('error', (e) => done(() => reject(e instanceof SafeFetchError ? e : new SafeFetchError('network', e.message, fetchUrl))));
    });
    req.end();
  });
}

/** GET a URL safely (see the file's header). Resolves with the final URL, status, headers and body (any status). */
export async function safeFetch(rawUrl: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? DEFAULTS.maxRedirects;
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULTS.timeoutMs);
  const redirects: string[] = [];
  let url = parseUrl(rawUrl);
  for (;;) {
    const pinned = await checkedAddress(url, options);
    const hop = await request(url, pinned, options, maxBytes, deadline, rawUrl);
    if (hop.location === undefined)
      return { url: url.href, status: hop.status, headers: hop.headers, body: hop.body ?? Buffer.alloc(0), redirects };
    if (redirects.length >= maxRedirects) throw new SafeFetchError('too_many_redirects', `more than ${maxRedirects} redirects`, rawUrl);
    let next: string;
    try {
      next = new URL(hop.location, url).href;
    } catch {
      throw new SafeFetchError('bad_url', `redirect to an invalid URL: ${hop.location}`, rawUrl);
    }
    redirects.push(next);
    url = parseUrl(next);
  }
}
