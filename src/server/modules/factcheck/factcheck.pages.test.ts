// "Fetch the page" for an evidence snapshot: the readable text of the page (article first, no scripts, menus or
// footers), its title; refused addresses (loopback, private, metadata, a redirect to them) and non-pages named on the
// url field; only people who write fact-checks may use it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../kernel/audit.js';
import { fetchPage, pageText } from './factcheck.pages.js';

const analyst: Actor = { userId: 1, name: 'a', role: 'analyst', organisationId: null, via: 'api' };
const viewer: Actor = { ...analyst, role: 'viewer' };
let server: http.Server, port: number, allowed: string[];
const PAGE = `<!doctype html><html><head><title>Luật Tín ngưỡng, tôn giáo 2016</title><script>var x = "không lấy";</script></head>
<body><nav>Trang chủ | Văn bản</nav><article><h1>Điều 6</h1><p>Mỗi người có quyền tự do tín ngưỡng, tôn giáo,&nbsp;theo hoặc không theo một tôn giáo nào.</p></article>
<footer>Bản quyền</footer></body></html>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/law') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(PAGE);
      return;
    }
    if (req.url === '/pdf') {
      res.setHeader('content-type', 'application/pdf');
      res.end('%PDF-1.4');
      return;
    }
    if (req.url === '/to-metadata') {
      res.statusCode = 302;
      res.setHeader('location', 'http://169.254.169.254/latest/meta-data/');
      res.end();
      return;
    }
    res.statusCode = 404;
    res.end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  allowed = [`127.0.0.1:${port}`];
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; details?: { field: string; message: string }[] };
  }
  throw new Error('expected a failure');
};

describe('fetching a page for an evidence snapshot', () => {
  it('gives the title and the article text, without scripts, menus or footers', async () => {
    const p = await fetchPage(
      analyst,
      { url: `http://127.0.0.1:${port}/law` },
      { testOnlyAllowedAddresses: allowed },
      new Date('2026-11-29T03:00:00Z'),
    );
    expect(p).toMatchObject({ title: 'Luật Tín ngưỡng, tôn giáo 2016', fetchedAt: '2026-11-29T03:00:00.000Z' });
    expect(p.text).toBe('Điều 6\nMỗi người có quyền tự do tín ngưỡng, tôn giáo, theo hoặc không theo một tôn giáo nào.');
    expect(pageText('<html><body><main>Chính</main><aside>Quảng cáo</aside></body></html>').text).toBe('Chính');
  });
  it('refuses non-public addresses (also behind a redirect), HTTP errors and non-pages, naming the url field', async () => {
    for (const url of [
      'http://127.0.0.1:9/',
      'http://10.0.0.8/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      `http://127.0.0.1:${port}/to-metadata`,
    ]) {
      const e = await failure(fetchPage(analyst, { url }, { testOnlyAllowedAddresses: allowed }));
      expect(e.code, url).toBe('validation_failed');
      expect(e.details![0]).toMatchObject({ field: 'url', message: expect.stringMatching(/^blocked_address/) });
    }
    expect(
      (await failure(fetchPage(analyst, { url: `http://127.0.0.1:${port}/gone` }, { testOnlyAllowedAddresses: allowed }))).details![0]!
        .message,
    ).toMatch(/HTTP 404/);
    expect(
      (await failure(fetchPage(analyst, { url: `http://127.0.0.1:${port}/pdf` }, { testOnlyAllowedAddresses: allowed }))).details![0]!
        .message,
    ).toMatch(/not a web page/);
    expect((await failure(fetchPage(analyst, { url: 'file:///etc/passwd' }))).details![0]!.field).toBe('url');
    expect((await failure(fetchPage(viewer, { url: `http://127.0.0.1:${port}/law` }, { testOnlyAllowedAddresses: allowed }))).code).toBe(
      'forbidden',
    );
  });
});
