// The portal's page cache as a browser, a CDN and a second server copy see it: ETag and 304, a write to a table a
// page reads changes the page at once, a write elsewhere does not, two app instances on one database never serve
// each other's stale pages, and pages carrying a form token are never shared-cached.
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../test/factories.js';
import { testApp, testConfig } from '../../../test/test-db.js';
import { buildApp } from '../app.js';
import type { Db } from '../kernel/db.js';
import pg from 'pg';
import { readDataVersions, tablesStamp, versionReads } from '../kernel/versions.js';
import { createPressItem, publishPressItem } from '../modules/press/press.service.js';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ByteLru, chooseCoding, indicatorDataStamp, normaliseQuery, PAGE_TABLES } from './portal.cache.js';

let app: FastifyInstance;
let pgUrl: string | null = null;
let other: FastifyInstance;
let db: Db;
let org: number;

async function publish(title: string) {
  const i = await createPressItem(db, seedActor, {
    kind: 'press_release',
    organisationId: org,
    title,
    bodyHtml: `<p>${title}</p>`,
    summary: null,
    language: 'vie',
    topicIds: [],
    translationOf: null,
  });
  await publishPressItem(db, seedActor, i.id, { publishedAt: '2026-03-01T02:00:00Z' });
  return i.id;
}

beforeAll(async () => {
  const t = await testApp({ BASE_URL: 'https://rightshub.example.vn' });
  app = t.app;
  db = t.db;
  if (t.database.kind === 'pg') pgUrl = String((db as unknown as { $client: pg.Pool }).$client.options.connectionString);
  // A second server copy on the same database, with its own page cache.
  other = await buildApp({ config: testConfig({ BASE_URL: 'https://rightshub.example.vn' }), database: t.database, logger: false });
  org = (await makeOrg(db, { nameVi: 'Bộ Thông tin thử', kind: 'ministry' })).id;
  await publish('Thông cáo đầu tiên về quyền con người');
});

describe('portal page cache', () => {
  it('sends a strong ETag, Last-Modified and a CDN-friendly Cache-Control, and answers 304 to If-None-Match', async () => {
    const first = await app.inject({ method: 'GET', url: '/tin-tuc' });
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=0, (s-maxage=\d+, stale-while-revalidate=\d+|no-cache)$/);
    expect(first.headers['content-security-policy']).toContain("default-src 'self'");
    const again = await app.inject({ method: 'GET', url: '/tin-tuc' });
    expect(again.headers.etag).toBe(etag);
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    const cond = await app.inject({ method: 'GET', url: '/tin-tuc', headers: { 'if-none-match': etag } });
    expect(cond.statusCode).toBe(304);
    expect(cond.body).toBe('');
    expect(cond.headers.etag).toBe(etag);
    // The other copy renders the same bytes, so a CDN's copy validates against either.
    const there = await other.inject({ method: 'GET', url: '/tin-tuc', headers: { 'if-none-match': etag } });
    expect(there.statusCode).toBe(304);
    const stale = await app.inject({ method: 'GET', url: '/tin-tuc', headers: { 'if-none-match': '"something-else"' } });
    expect(stale.statusCode).toBe(200);
  });

  it('answers 304 to If-Modified-Since only when the page has not changed since', async () => {
    const rss = await app.inject({ method: 'GET', url: '/tin-tuc/rss.xml' });
    const lm = rss.headers['last-modified'];
    if (lm) {
      const cond = await app.inject({ method: 'GET', url: '/tin-tuc/rss.xml', headers: { 'if-modified-since': String(lm) } });
      expect(cond.statusCode).toBe(304);
    }
    const old = await app.inject({
      method: 'GET',
      url: '/tin-tuc/rss.xml',
      headers: { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' },
    });
    expect(old.statusCode).toBe(200);
  });

  it('shows a write to a table the page reads at once, with a new ETag, on this copy and the other', async () => {
    const before = await app.inject({ method: 'GET', url: '/tin-tuc' });
    const beforeOther = await other.inject({ method: 'GET', url: '/tin-tuc' });
    const beforeFeed = await other.inject({ method: 'GET', url: '/tin-tuc/rss.xml' });
    const id = await publish('Tin mới nhất sau khi trang đã được lưu');
    for (const copy of [app, other]) {
      const after = await copy.inject({ method: 'GET', url: '/tin-tuc', headers: { 'if-none-match': String(before.headers.etag) } });
      expect(after.statusCode).toBe(200);
      expect(after.body).toContain('Tin mới nhất sau khi trang đã được lưu');
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.headers.etag).not.toBe(beforeOther.headers.etag);
    }
    const feed = await other.inject({ method: 'GET', url: '/tin-tuc/rss.xml' });
    expect(feed.body).toContain(`/tin-tuc/${id}`);
    expect(feed.headers.etag).not.toBe(beforeFeed.headers.etag);
    // A change written straight into the table (another copy, a script) counts as well.
    await db.execute(sql`update press_items set title = 'Tiêu đề sửa trực tiếp' where id = ${id}`);
    const page = await other.inject({ method: 'GET', url: `/tin-tuc/${id}` });
    expect(page.body).toContain('Tiêu đề sửa trực tiếp');
  });

  it('caches the home, which lists the latest news: a release published shows at once, with a new ETag; the footer pages read no table', async () => {
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.headers['cache-control']).toMatch(/^public, max-age=0/);
    const same = await app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': String(home.headers.etag) } });
    expect(same.statusCode).toBe(304);
    const privacy = await app.inject({ method: 'GET', url: '/en/privacy' });
    expect(privacy.statusCode).toBe(200);
    await publish('Thông cáo mới trên trang chủ');
    for (const copy of [app, other]) {
      const after = await copy.inject({ method: 'GET', url: '/', headers: { 'if-none-match': String(home.headers.etag) } });
      expect(after.statusCode).toBe(200);
      expect(after.body).toContain('Thông cáo mới trên trang chủ');
    }
    const p2 = await app.inject({ method: 'GET', url: '/en/privacy', headers: { 'if-none-match': String(privacy.headers.etag) } });
    expect(p2.statusCode).toBe(304);
  });

  it('keeps the ETag when a table the page does not read changes', async () => {
    const before = await app.inject({ method: 'GET', url: '/tin-tuc' });
    const stamp = await tablesStamp(db, PAGE_TABLES.press);
    const fc = await tablesStamp(db, ['fc_ratings']);
    await db.execute(sql`update fc_ratings set position = position`);
    expect(await tablesStamp(db, ['fc_ratings'])).not.toBe(fc);
    expect(await tablesStamp(db, PAGE_TABLES.press)).toBe(stamp);
    const after = await app.inject({ method: 'GET', url: '/tin-tuc', headers: { 'if-none-match': String(before.headers.etag) } });
    expect(after.statusCode).toBe(304);
  });

  it('does not bump a version for a transaction that rolls back or a statement that changes nothing', async () => {
    const stamp = await tablesStamp(db, ['press_items']);
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`update press_items set title = title`);
        tx.rollback();
      })
      .catch(() => undefined);
    expect(await tablesStamp(db, ['press_items'])).toBe(stamp);
    // Nor for a statement that changes no row (a job finding nothing due).
    await db.execute(sql`update press_items set title = title where id < 0`);
    await db.execute(sql`delete from press_items where id < 0`);
    expect(await tablesStamp(db, ['press_items'])).toBe(stamp);
    await db.execute(sql`update press_items set title = title`);
    expect(await tablesStamp(db, ['press_items'])).not.toBe(stamp);
  });

  it('caches the progress page under the indicator data and shows a write behind a figure', async () => {
    const a = await app.inject({ method: 'GET', url: '/tien-do' });
    expect(a.statusCode).toBe(200);
    const b = await app.inject({ method: 'GET', url: '/tien-do', headers: { 'if-none-match': String(a.headers.etag) } });
    expect(b.statusCode).toBe(304);
    const stamp = indicatorDataStamp(await readDataVersions(db));
    await publish('Tin làm thay đổi số liệu T1');
    expect(indicatorDataStamp(await readDataVersions(db))?.key).not.toBe(stamp?.key);
    // What the cached copy serves now is what a copy that never rendered the page renders.
    const c = await app.inject({ method: 'GET', url: '/tien-do' });
    const fresh = await other.inject({ method: 'GET', url: '/tien-do' });
    expect(c.body).toBe(fresh.body);
  });

  it('caches search pages per normalised query string', async () => {
    const a = await app.inject({ method: 'GET', url: '/thu-vien?q=quyen&kind=&sort=date' });
    const b = await app.inject({ method: 'GET', url: '/thu-vien?sort=date&q=quyen', headers: { 'if-none-match': String(a.headers.etag) } });
    expect(b.statusCode).toBe(304);
    expect(normaliseQuery('/x?b=2&a=1&c=&a=0')).toBe('?a=0&a=1&b=2');
  });

  it('never lets a shared cache keep a page with a form token', async () => {
    for (const url of ['/kiem-chung/gui-tin', '/kiem-chung/khieu-nai', '/en/fact-checks/submit']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      expect(r.body).toContain('name="token"');
      expect(r.headers['cache-control']).toBe('private, no-store');
    }
    const list = await app.inject({ method: 'GET', url: '/kiem-chung' });
    expect(String(list.headers['cache-control'])).toMatch(/^public/);
  });

  it('sends the page compressed to clients that ask (brotli, else gzip), the same bytes once decoded, each coding with its own ETag', async () => {
    const plain = await app.inject({ method: 'GET', url: '/tien-do' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    const br = await app.inject({ method: 'GET', url: '/tien-do', headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.headers['content-type']).toBe(plain.headers['content-type']);
    const gz = await app.inject({ method: 'GET', url: '/tien-do', headers: { 'accept-encoding': 'gzip;q=1, br;q=0' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    const tags = new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]);
    expect(tags.size).toBe(3);
    // A CDN revalidating its brotli copy gets a 304; its plain copy's tag does not validate a brotli answer.
    const again = await app.inject({
      method: 'GET',
      url: '/tien-do',
      headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const mixed = await app.inject({
      method: 'GET',
      url: '/tien-do',
      headers: { 'accept-encoding': 'br', 'if-none-match': String(plain.headers.etag) },
    });
    expect(mixed.statusCode).toBe(200);
    expect(mixed.headers['content-encoding']).toBe('br');
    // The first answer after a change (rendered, not yet cached) is compressed too.
    await publish('Tin làm trang tiến độ được vẽ lại');
    const fresh = await other.inject({ method: 'GET', url: '/tien-do', headers: { 'accept-encoding': 'gzip' } });
    expect(fresh.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(fresh.rawPayload).toString()).toBe((await other.inject({ method: 'GET', url: '/tien-do' })).body);
  });

  it('serves a burst of cached pages without reading the database once per request', async () => {
    // On PostgreSQL the LISTEN connection comes up in the background: until it does, every request reads (exact).
    for (let i = 0; i < 100; i++) {
      await app.inject({ method: 'GET', url: '/tin-tuc' });
      const n = versionReads.count;
      await app.inject({ method: 'GET', url: '/tin-tuc' });
      if (versionReads.count === n) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const before = versionReads.count;
    for (let i = 0; i < 40; i++) expect((await app.inject({ method: 'GET', url: '/tin-tuc' })).statusCode).toBe(200);
    expect(versionReads.count - before).toBeLessThanOrEqual(2);
  });

  // Needs a PostgreSQL server (TEST_DATABASE_URL): a second connection is what another copy would be; PGlite has one.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'sees a write committed by another server copy (its own connection, not this pool) through the notification',
    async () => {
      const before = await app.inject({ method: 'GET', url: '/tin-tuc' });
      const id = Number(/href="\/tin-tuc\/(\d+)"/.exec(before.body)?.[1]);
      expect(id).toBeGreaterThan(0);
      const elsewhere = new pg.Client({ connectionString: pgUrl! });
      await elsewhere.connect();
      try {
        await elsewhere.query(`update press_items set title = 'Sửa bởi một bản sao khác của máy chủ' where id = $1`, [id]);
      } finally {
        await elsewhere.end();
      }
      // Delivered within milliseconds of the commit; the reader never reuses a read for more than a second anyway.
      const t0 = Date.now();
      let page = '';
      while (Date.now() - t0 < 1500) {
        page = (await app.inject({ method: 'GET', url: '/tin-tuc' })).body;
        if (page.includes('Sửa bởi một bản sao khác của máy chủ')) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(page).toContain('Sửa bởi một bản sao khác của máy chủ');
    },
  );

  it('reads Accept-Encoding as RFC 9110 says', () => {
    expect(chooseCoding(undefined)).toBe('identity');
    expect(chooseCoding('')).toBe('identity');
    expect(chooseCoding('gzip, deflate, br')).toBe('br');
    expect(chooseCoding('gzip')).toBe('gzip');
    expect(chooseCoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(chooseCoding('br;q=0, gzip;q=0')).toBe('identity');
    expect(chooseCoding('*')).toBe('br');
    expect(chooseCoding('*;q=0, identity')).toBe('identity');
    expect(chooseCoding('deflate')).toBe('identity');
  });

  it('bounds the cache by bytes', () => {
    const lru = new ByteLru<{ body: Buffer }>(1000);
    for (let i = 0; i < 10; i++) lru.set(`k${i}`, { body: Buffer.alloc(200) });
    expect(lru.size).toBeLessThanOrEqual(1000);
    expect(lru.get('k9')).toBeDefined();
    expect(lru.get('k0')).toBeUndefined();
  });

  it('tracks every table a cached page reads', async () => {
    for (const list of Object.values(PAGE_TABLES)) expect(await tablesStamp(db, list)).not.toBeNull();
  });
});
