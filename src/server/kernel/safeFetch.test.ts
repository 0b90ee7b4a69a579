import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress, safeFetch, SafeFetchError, type SafeFetchErrorCode, type SafeFetchOptions } from './safeFetch.js';

// Two local servers (ports 3140 and 3141 are this work's; any free port if taken). Only the first, 127.0.0.1:<its port>,
// is let through with the test-only option; everything else on loopback (the second server included) stays refused.
let ALLOW: SafeFetchOptions = {};
let hits = 0;
let base = '';
let other = '';
const servers: http.Server[] = [];

function listen(handler: http.RequestListener, port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = http.createServer(handler);
    servers.push(s);
    s.once('error', () => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
    s.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`));
  });
}

beforeAll(async () => {
  other = await listen((_req, res) => {
    hits++;
    res.end('other');
  }, 3141);
  base = await listen((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/feed') {
      res.setHeader('content-type', 'application/rss+xml');
      res.end('<rss><channel><title>Bản tin</title></channel></rss>');
    } else if (u.pathname === '/to') {
      res.statusCode = 302;
      res.setHeader('location', u.searchParams.get('u') ?? '/');
      res.end();
    } else if (u.pathname === '/loop') {
      res.statusCode = 301;
      res.setHeader('location', '/loop');
      res.end();
    } else if (u.pathname === '/big') {
      res.write(Buffer.alloc(600_000, 97));
      res.end(Buffer.alloc(600_000, 97));
    } else if (u.pathname === '/slow') {
      res.write('x'); /* never ends */
    } else {
      res.statusCode = 404;
      res.end('no');
    }
  }, 3140);
  ALLOW = { testOnlyAllowedAddresses: [`127.0.0.1:${new URL(base).port}`], timeoutMs: 3000 };
});
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function refused(url: string, code: SafeFetchErrorCode, options = ALLOW) {
  const e = await safeFetch(url, options).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, `${url} should be refused`).toBeInstanceOf(SafeFetchError);
  expect((e as SafeFetchError).code, (e as Error).message).toBe(code);
}

describe('safeFetch', () => {
  it('fetches from an allowed server and follows a redirect within it', async () => {
    const r = await safeFetch(`${base}/to?u=/feed`, ALLOW);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('Bản tin');
    expect(r.redirects).toEqual([`${base}/feed`]);
  });

  it('refuses loopback, private, link-local, metadata, unspecified and IPv6 local addresses without connecting', async () => {
    const before = hits;
    const port = new URL(other).port;
    for (const url of [
      'http://127.0.0.2/',
      `http://127.0.0.1:${port}/`,
      'http://10.1.2.3/',
      'http://172.16.5.4/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0/',
      `http://[::1]:${port}/`,
      'http://[::]/',
      'http://[fd12:3456::1]/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/',
      'http://[::ffff:10.0.0.1]/',
      'http://[64:ff9b::7f00:1]/',
      'http://100.64.0.1/',
      'http://224.0.0.1/',
    ])
      await refused(url, 'blocked_address');
    expect(hits).toBe(before);
  });

  it('refuses a host name that resolves to loopback (localhost), checked after resolution', async () => {
    await refused(`http://localhost:${new URL(other).port}/`, 'blocked_address');
    // A name with one public and one private address is refused too.
    await refused('http://mixed.example/', 'blocked_address', {
      ...ALLOW,
      resolve: async () => [
        { address: '93.184.216.34', family: 4 },
        { address: '10.0.0.7', family: 4 },
      ],
    });
  });

  it('checks every redirect: from an allowed server to loopback, 10.x, metadata, [::1] or a name resolving to loopback', async () => {
    const port = new URL(other).port;
    for (const target of [
      `http://127.0.0.2:${port}/`,
      'http://10.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      `http://[::1]:${port}/`,
      `http://localhost:${port}/`,
    ]) {
      await refused(`${base}/to?u=${encodeURIComponent(target)}`, 'blocked_address');
    }
    await refused(`${base}/to?u=${encodeURIComponent('file:///etc/passwd')}`, 'scheme');
  });

  it('connects to the address it checked, not to a second DNS answer (rebinding)', async () => {
    let calls = 0;
    const rebinding = async () => (++calls === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.1', family: 4 }]);
    const r = await safeFetch(`http://feeds.example:${new URL(base).port}/feed`, { ...ALLOW, resolve: rebinding });
    expect(r.status).toBe(200);
    expect(calls).toBe(1);
  });

  it('refuses other schemes, credentials, oversized bodies, endless redirects and slow servers', async () => {
    await refused('file:///etc/passwd', 'scheme');
    await refused('ftp://example.org/x', 'scheme');
    await refused('gopher://127.0.0.1/', 'scheme');
    await refused(`http://user:pw@127.0.0.1:${new URL(base).port}/feed`, 'bad_url');
    await refused(`${base}/big`, 'too_large', { ...ALLOW, maxBytes: 1_000_000 });
    await refused(`${base}/loop`, 'too_many_redirects');
    await refused(`${base}/slow`, 'timeout', { ...ALLOW, timeoutMs: 300 });
  });

  it('classifies addresses', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPublicAddress(a), a).toBe(true);
    for (const a of [
      '127.0.0.1',
      '10.255.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '0.0.0.0',
      '::1',
      '::',
      'fc00::1',
      'fdff::1',
      'fe80::1',
      'febf::1',
      '::ffff:192.168.0.1',
      '::127.0.0.1',
      '2002:7f00:1::1',
      'not-an-ip',
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    expect(isPublicAddress('172.32.0.1')).toBe(true);
  });
});
