// Feeds the office registers, polled over the network through the SSRF-safe fetcher: RSS 2.0, RSS 1.0 and Atom read
// (titles, text, links, dates — never authors), malformed and hostile documents refused with the reason on the feed,
// loopback / private / link-local / metadata addresses refused (also behind a redirect), every entry taken in once,
// conditional requests (ETag → 304), and the job polling only the feeds that are due, once even with two copies.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, testDatabase } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { createFeed, getFeed, listFeeds, parseFeed, pollDueFeeds, pollFeed, pollFeedNow, updateFeed } from './factcheck.feeds.js';
import { createClaim } from './factcheck.service.js';

const RSS = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Tin tức</title><link>https://tin.example/</link>${items}</channel></rss>`;
const item = (guid: string, title: string, body: string, extra = '') =>
  `<item><title>${title}</title><link>https://tin.example/${guid}</link><guid>${guid}</guid><pubDate>Tue, 10 Nov 2026 08:00:00 +0700</pubDate>
   <description><![CDATA[<p>${body}</p>]]></description>${extra}</item>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><id>urn:blog</id>
  <entry><title type="html">Vietnam &amp; human rights</title><id>urn:e1</id><link rel="alternate" href="https://blog.example/e1"/>
    <link rel="replies" href="https://blog.example/e1#c"/><updated>2026-11-02T10:00:00Z</updated><published>2026-11-01T10:00:00Z</published>
    <author><name>Trần Văn Tác Giả</name><uri>https://social.example/@tacgia</uri></author>
    <summary>Vietnam arrested 500 journalists in 2025, the post says.</summary></entry>
</feed>`;

const RDF = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example/"><title>Old</title></channel>
<item rdf:about="https://old.example/1"><title>Một tin cũ</title><link>https://old.example/1</link><description>Nội dung</description><dc:date>2026-10-01T00:00:00Z</dc:date><dc:creator>Người Viết</dc:creator></item>
</rdf:RDF>`;

describe('parsing a feed', () => {
  it('reads RSS 2.0 entries (title, plain text of the HTML, link, date) and never the author', () => {
    const e = parseFeed(
      RSS(
        item(
          'a1',
          'Tin &amp; bình luận',
          'Học sinh <b>dân tộc thiểu số</b> bị cấm học tiếng mẹ đẻ&nbsp;ở trường',
          '<dc:creator>Nguyễn Văn Tác Giả</dc:creator><author>tacgia@mail.example</author>',
        ),
      ),
    );
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({
      title: 'Tin & bình luận',
      text: 'Học sinh dân tộc thiểu số bị cấm học tiếng mẹ đẻ ở trường',
      link: 'https://tin.example/a1',
      publishedAt: '2026-11-10T01:00:00.000Z',
    });
    expect(JSON.stringify(e)).not.toMatch(/Tác Giả|tacgia/);
  });
  it('reads Atom (the alternate link, published date) and RSS 1.0 (RDF), without authors', () => {
    const [a] = parseFeed(ATOM);
    expect(a).toMatchObject({ title: 'Vietnam & human rights', link: 'https://blog.example/e1', publishedAt: '2026-11-01T10:00:00.000Z' });
    expect(a!.text).toContain('500 journalists');
    expect(JSON.stringify(a)).not.toMatch(/Tác Giả|tacgia/);
    const [r] = parseFeed(RDF);
    expect(r).toMatchObject({
      title: 'Một tin cũ',
      text: 'Nội dung',
      link: 'https://old.example/1',
      publishedAt: '2026-10-01T00:00:00.000Z',
    });
    expect(JSON.stringify(r)).not.toContain('Người Viết');
  });
  it('refuses malformed XML, a document that is not a feed, and entity declarations (billion laughs)', () => {
    expect(() => parseFeed('<rss><channel><item><title>x</item></channel></rss>')).toThrow(/not well-formed XML \(line 1/);
    expect(() => parseFeed('<html><body>Not a feed</body></html>')).toThrow(/not an RSS or Atom feed/);
    expect(() => parseFeed('')).toThrow(/not/);
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><rss><channel><item><title>&lol2;</title></item></channel></rss>';
    expect(() => parseFeed(bomb)).toThrow(/entit/);
  });
  it('drops a link that is not http(s) and keys entries by guid, else link, else text', () => {
    const e = parseFeed(
      RSS('<item><title>A</title><link>javascript:alert(1)</link></item><item><title>B</title><link>https://x.example/b</link></item>'),
    );
    expect(e.map((x) => x.link)).toEqual([null, 'https://x.example/b']);
    expect(new Set(e.map((x) => x.key)).size).toBe(2);
  });
});

// ---------------------------------------------------------------- polling over the network

let db: Db;
let office: Actor, analyst: Actor;
let server: http.Server, port: number, allowed: string[];
const routes = new Map<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>();
const hits: string[] = [];

async function actor(role: 'reviewer' | 'analyst'): Promise<Actor> {
  const u = await makeUser(db, role);
  return { userId: u.id, name: u.username, role, organisationId: null, via: 'api' };
}
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; details?: { field: string; message: string }[] };
  }
  throw new Error('expected a failure');
};
const itemCount = async () =>
  Number((await rows<{ n: string }>(db, sql`select count(*)::text as n from fc_items where source = 'feed'`))[0]!.n);
const url = (p: string) => `http://127.0.0.1:${port}${p}`;

beforeAll(async () => {
  db = (await testDatabase()).db;
  [office, analyst] = [await actor('reviewer'), await actor('analyst')];
  await createClaim(db, analyst, { text: 'Học sinh dân tộc thiểu số bị cấm học tiếng mẹ đẻ ở trường' });
  server = http.createServer((req, res) => {
    hits.push(req.url!);
    const h = routes.get(req.url!.split('?')[0]!);
    if (h) h(req, res);
    else {
      res.statusCode = 404;
      res.end('no');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  allowed = [`127.0.0.1:${port}`];
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('polling a feed', () => {
  it('takes in each entry once; new entries later; items are grouped, judged and matched like any other', async () => {
    let entries = [
      item('p1', 'Cấm học tiếng mẹ đẻ', 'Học sinh dân tộc thiểu số bị cấm học tiếng mẹ đẻ ở trường, theo một bài đăng'),
      item('p2', 'Thời tiết', 'Hà Nội mưa rào'),
    ];
    routes.set('/rss', (_q, res) => {
      res.setHeader('content-type', 'application/rss+xml');
      res.end(RSS(entries.join('')));
    });
    const f = await createFeed(db, office, { title: 'Báo mẫu', url: url('/rss'), platform: 'news', everyMinutes: 30 });
    const before = await itemCount();
    const r1 = await pollFeed(db, office, f.id, { testOnlyAllowedAddresses: allowed });
    expect(r1).toMatchObject({ status: 'ok', entries: 2, created: 2, error: null });
    expect(r1.suggested + r1.autoLinked).toBeGreaterThanOrEqual(1);
    expect(await itemCount()).toBe(before + 2);
    const [it] = await rows<{ text: string; url: string; platform: string; published_at: Date }>(
      db,
      sql`select i.text, i.url, i.platform, i.published_at from fc_items i join fc_feed_entries e on e.item_id = i.id where e.feed_id = ${f.id} order by i.id limit 1`,
    );
    expect(it).toMatchObject({ url: 'https://tin.example/p1', platform: 'news' });
    expect(it!.text).toContain('Cấm học tiếng mẹ đẻ');
    const r2 = await pollFeed(db, office, f.id, { testOnlyAllowedAddresses: allowed });
    expect(r2).toMatchObject({ status: 'ok', entries: 2, created: 0 });
    entries = [item('p3', 'Mới', 'Một tin mới về quyền trẻ em ở Việt Nam'), ...entries];
    expect((await pollFeed(db, office, f.id, { testOnlyAllowedAddresses: allowed })).created).toBe(1);
    const feed = await getFeed(db, f.id);
    expect(feed).toMatchObject({ lastStatus: 'ok', lastError: null, lastNew: 1, totalItems: 3 });
    expect(new Date(feed.nextPollAt).getTime() - new Date(feed.lastPolledAt!).getTime()).toBe(30 * 60_000);
  });

  it('sends the ETag back and takes a 304 as "not modified"', async () => {
    routes.set('/etag', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.setHeader('etag', '"v1"');
      res.end(RSS(item('e1', 'Một', 'Nội dung một')));
    });
    const f = await createFeed(db, office, { title: 'ETag', url: url('/etag') });
    expect((await pollFeed(db, office, f.id, { testOnlyAllowedAddresses: allowed })).created).toBe(1);
    expect(await pollFeed(db, office, f.id, { testOnlyAllowedAddresses: allowed })).toMatchObject({ status: 'not_modified', created: 0 });
  });

  it('a malformed feed, an HTTP error, an oversized or slow answer: recorded on the feed with the reason, nothing taken in', async () => {
    routes.set('/broken', (_q, res) => res.end('<rss><channel><item><title>Half'));
    routes.set('/html', (_q, res) => res.end('<!doctype html><html><body>Hello</body></html>'));
    routes.set('/500', (_q, res) => {
      res.statusCode = 500;
      res.end('boom');
    });
    routes.set('/big', (_q, res) => res.end(RSS(item('b', 'x', 'y'.repeat(5000)))));
    routes.set('/slow', () => {
      /* never answers */
    });
    const cases: [string, RegExp, object][] = [
      ['/broken', /not well-formed XML/, {}],
      ['/html', /not (well-formed|an RSS)/, {}],
      ['/500', /HTTP 500/, {}],
      ['/big', /too_large/, { maxBytes: 1000 }],
      ['/slow', /timeout/, { timeoutMs: 300 }],
    ];
    const before = await itemCount();
    for (const [p, msg, opts] of cases) {
      const f = await createFeed(db, office, { title: `Bad ${p}`, url: url(p) });
      const r = await pollFeed(db, office, f.id, { testOnlyAllowedAddresses: allowed, ...opts });
      expect(r.status, p).toBe('error');
      expect(r.error, p).toMatch(msg);
      expect(await getFeed(db, f.id), p).toMatchObject({ lastStatus: 'error', lastError: r.error });
    }
    expect(await itemCount()).toBe(before);
  });

  it('refuses loopback, private, link-local, metadata and IPv6 loopback addresses, also behind a redirect', async () => {
    routes.set('/to-loopback', (_q, res) => {
      res.statusCode = 302;
      res.setHeader('location', 'http://127.0.0.1:1/feed');
      res.end();
    });
    routes.set('/to-metadata', (_q, res) => {
      res.statusCode = 301;
      res.setHeader('location', 'http://169.254.169.254/latest/meta-data/');
      res.end();
    });
    const targets = [
      'http://127.0.0.1:9/feed',
      'http://10.1.2.3/feed',
      'http://192.168.1.1/rss',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/feed',
      'http://localhost/feed',
      url('/to-loopback').replace('127.0.0.1', '127.0.0.1'),
      url('/to-metadata'),
    ];
    for (const t of targets) {
      const f = await createFeed(db, office, { title: `SSRF ${t}`, url: t });
      // Only the test server itself is let through (exactly its address and port), not the redirect's target.
      const r = await pollFeed(db, office, f.id, {
        testOnlyAllowedAddresses: allowed,
        resolve: async (h) => (h === 'localhost' ? [{ address: '127.0.0.1', family: 4 }] : []),
      });
      expect(r, t).toMatchObject({ status: 'error', created: 0 });
      expect(r.error, t).toMatch(/blocked_address/);
    }
    expect(hits.filter((h) => h.includes('meta-data'))).toEqual([]);
  });

  it('the office registers feeds (http(s) only, one registration per address); others may not; "poll now"', async () => {
    expect((await failure(createFeed(db, analyst, { title: 'Báo X', url: 'https://x.example/rss' }))).code).toBe('forbidden');
    expect((await failure(createFeed(db, office, { title: 'Báo X', url: 'ftp://x.example/rss' }))).details?.[0]?.field).toBe('url');
    expect(
      (await failure(createFeed(db, office, { title: 'Báo X', url: 'https://x.example/rss', everyMinutes: 1 }))).details?.[0]?.field,
    ).toBe('everyMinutes');
    const f = await createFeed(db, office, { title: 'Báo X', url: 'https://x.example/rss' });
    const dup = await failure(createFeed(db, office, { title: 'Báo Y', url: 'https://x.example/rss' }));
    expect(dup).toMatchObject({ code: 'conflict', details: [{ field: 'url', message: 'already registered' }] });
    expect((await updateFeed(db, office, f.id, { title: 'Báo X2', url: 'https://x.example/rss', active: false })).active).toBe(false);
    expect((await failure(pollFeedNow(db, analyst, f.id))).code).toBe('forbidden');
    expect((await listFeeds(db)).some((x) => x.title === 'Báo X2')).toBe(true);
  });
});

describe('the polling job', () => {
  it('polls only active feeds that are due, and two copies at once take each entry once', async () => {
    await db.execute(sql`update fc_feeds set active = false`);
    let n = 0;
    routes.set('/job', (_q, res) => {
      n++;
      res.end(RSS(item('j1', 'Job một', 'Nội dung job một') + item('j2', 'Job hai', 'Nội dung job hai')));
    });
    const due = await createFeed(db, office, { title: 'Due', url: url('/job') });
    const later = await createFeed(db, office, { title: 'Later', url: url('/job?later') });
    await db.execute(sql`update fc_feeds set next_poll_at = now() + interval '1 hour' where id = ${later.id}`);
    const before = await itemCount();
    const [a, b] = await Promise.all([
      pollDueFeeds(db, { testOnlyAllowedAddresses: allowed }),
      pollDueFeeds(db, { testOnlyAllowedAddresses: allowed }),
    ]);
    expect(a + b).toBe(2);
    expect(n).toBe(1);
    expect(await itemCount()).toBe(before + 2);
    expect((await getFeed(db, later.id)).lastPolledAt).toBeNull();
    expect(await pollDueFeeds(db, { testOnlyAllowedAddresses: allowed })).toBe(0);
    expect((await getFeed(db, due.id)).lastStatus).toBe('ok');
  });
});

describe('the feeds API and the demo fixtures', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
  });
  it('a reviewer registers a feed and polls it now (a refused address answers 200 with the reason); an analyst may not; fixtures are served', async () => {
    const r = await makeUser(t.db, 'reviewer');
    const a = await makeUser(t.db, 'analyst');
    const rev = await signIn(t.app, r.username, TEST_PASSWORD);
    const ana = await signIn(t.app, a.username, TEST_PASSWORD);
    const call = (s: { headers: Record<string, string> }, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
    const bad = await call(rev, 'POST', '/api/factcheck/feeds', { title: 'Nội bộ', url: 'file:///etc/passwd' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('url');
    expect((await call(ana, 'POST', '/api/factcheck/feeds', { title: 'Metadata', url: 'http://169.254.169.254/latest/' })).statusCode).toBe(
      403,
    );
    const created = await call(rev, 'POST', '/api/factcheck/feeds', { title: 'Metadata', url: 'http://169.254.169.254/latest/' });
    expect(created.statusCode).toBe(201);
    const poll = await call(rev, 'POST', `/api/factcheck/feeds/${created.json().id}/poll`);
    expect(poll.statusCode).toBe(200);
    expect(poll.json()).toMatchObject({ status: 'error', created: 0, error: expect.stringMatching(/^blocked_address/) });
    const list = (await call(ana, 'GET', '/api/factcheck/feeds')).json();
    expect(list).toEqual([expect.objectContaining({ title: 'Metadata', lastStatus: 'error' })]);
    // A Vietnamese reader gets the stored reason in words (the English stays for English readers).
    const vi = { headers: { ...ana.headers, 'accept-language': 'vi' } };
    expect((await call(vi, 'GET', '/api/factcheck/feeds')).json()[0].lastError).toBe(
      'Không truy cập trang này: 169.254.169.254 không phải là địa chỉ công khai trên Internet',
    );
    expect(
      (
        await call({ headers: { ...rev.headers, 'accept-language': 'vi' } }, 'POST', `/api/factcheck/feeds/${created.json().id}/poll`)
      ).json().error,
    ).toMatch(/^Không truy cập trang này/);
    const fixture = await t.app.inject({ method: 'GET', url: '/demo/feeds/tin-tuc-mau.xml' });
    expect(fixture.statusCode).toBe(200);
    expect(fixture.headers['content-type']).toContain('application/rss+xml');
    expect(parseFeed(fixture.body).length).toBeGreaterThan(50);
    expect((await t.app.inject({ method: 'GET', url: '/demo/feeds/..%2F..%2Fpackage.json' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/demo/feeds/none.xml' })).statusCode).toBe(404);
  });
});
