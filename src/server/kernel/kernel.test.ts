// Kernel behaviour a user or operator notices: config errors listed at boot, health, the error shape,
// OpenAPI, security headers, the append-only audit log, Vietnamese text helpers.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testConfig } from '../../../test/test-db.js';
import { buildApp } from '../app.js';
import { recordAudit, systemActor } from './audit.js';
import { loadConfig } from './config.js';
import { rows } from './db.js';
import { fold, nfc, sortVi } from './text.js';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});

describe('kernel', () => {
  it('lists every bad setting at boot', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL/,
    );
    expect(loadConfig({ BASE_URL: 'https://rightshub.example.vn' }).secureCookies).toBe(true);
  });

  it('answers /healthz after checking the database', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', db: process.env.TEST_DATABASE_URL ? 'pg' : 'pglite' });
  });

  it('answers unknown API routes with the one error shape', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('not_found');
  });

  it('publishes OpenAPI built from the contracts', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/organisations', '/api/auth/login', '/api/audit']));
  });

  it('sends security headers', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/units?map=34' });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.json()).toHaveLength(34);
  });

  it('sends a Content-Security-Policy on the API description, Permissions-Policy everywhere, HSTS on https', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self';");
    expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const api = await t.app.inject({ method: 'GET', url: '/api/units?map=34' });
    expect(api.headers['content-security-policy']).toMatch(/^default-src 'none'/);
    for (const url of ['/api/units?map=34', '/api/docs', '/app', '/', '/healthz']) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.headers['permissions-policy'], url).toMatch(/camera=\(\), .*geolocation=\(\), .*microphone=\(\)/);
      expect(r.headers['strict-transport-security'], url).toBeUndefined(); // BASE_URL is http here
    }
    const https = await buildApp({ config: testConfig({ BASE_URL: 'https://rightshub.example.vn' }), database: t.database, logger: false });
    for (const url of ['/api/units?map=34', '/', '/app']) {
      expect((await https.inject({ method: 'GET', url })).headers['strict-transport-security'], url).toBe('max-age=31536000');
    }
    await https.close();
  });

  it('keeps the audit log append-only, even from SQL', async () => {
    await recordAudit(t.db, systemActor('cli'), 'test', 'thing', 1, null, { a: 1 });
    const why = (e: { message: string; cause?: { message: string } }) => e.cause?.message ?? e.message;
    expect(why(await t.db.execute(sql`update audit_log set action = 'changed'`).catch((e) => e))).toMatch(/append-only/);
    expect(why(await t.db.execute(sql`delete from audit_log`).catch((e) => e))).toMatch(/append-only/);
    const r = await rows<{ n: number }>(t.db, sql`select count(*)::int as n from audit_log where action = 'test'`);
    expect(r[0].n).toBe(1);
  });

  it('folds Vietnamese (đ included) the same in code and in SQL, and sorts the Vietnamese way', async () => {
    expect(fold('Đà Nẵng  Đắk Lắk')).toBe('da nang dak lak');
    const r = await rows<{ f: string }>(t.db, sql`select lower(f_unaccent('Đà Nẵng Đắk Lắk')) as f`);
    expect(r[0].f).toBe('da nang dak lak');
    expect(nfc('Hoa\u0300')).toBe('Hoà');
    expect(sortVi(['Đồng Nai', 'Dũng', 'An Giang', 'Ấp'], (s) => s)).toEqual(['An Giang', 'Ấp', 'Dũng', 'Đồng Nai']);
    const ts = await rows<{ v: string }>(t.db, sql`select to_tsvector('vi', 'Quyền con người ở Việt Nam')::text as v`);
    expect(ts[0].v).toContain("'quyen'");
  });
});
