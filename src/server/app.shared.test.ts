// Several copies on one database (issue 20): two apps built on the SAME database share the sign-in route limit and
// the public forms' limit (counted in rate_limit_hits, keyed by a hash, never the address), /readyz says whether a
// copy should get requests (database, migrations, file store; 503 from the start of a shutdown while the copy still
// finishes what it has), and a copy declared one of several refuses to boot without FORM_SECRET.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, testDatabase } from '../../test/test-db.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './kernel/config.js';
import { rows, type Database } from './kernel/db.js';
import { SWEEP_EVERY_MS, sweepRateLimits } from './kernel/rateLimit.js';
import { gracefulShutdown } from './kernel/shutdown.js';
import { formToken } from './modules/factcheck/factcheck.desk.js';

const SECRET = 'shared-test-secret-0123456789';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-shared-'));
let database: Database;
let copies: FastifyInstance[];
const build = (overrides: Record<string, string> = {}) =>
  buildApp({ config: testConfig({ DATA_DIR: dataDir, FORM_SECRET: SECRET, ...overrides }), database, logger: false });

beforeAll(async () => {
  database = await testDatabase();
  copies = [await build(), await build()];
});
afterAll(async () => {
  for (const c of copies) await c.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A GET on a connection of its own, closed after the answer (no keep-alive to hold a closing server open). */
const get = (url: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
      .on('error', reject);
  });

const login = (copy: FastifyInstance, i: number, ip: string, lang = 'vi') =>
  copy.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `nobody${i}`, password: 'wrong' },
    remoteAddress: ip,
    headers: { 'accept-language': lang },
  });

describe('limits shared by the copies', () => {
  it('counts failed sign-ins spread over two copies as one: the 61st in a minute is refused, on either copy', async () => {
    const ip = '192.0.2.61';
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await login(copies[i % 2]!, i, ip)).statusCode);
    expect(statuses.every((s) => s === 401)).toBe(true);
    for (const [n, copy] of copies.entries()) {
      const r = await login(copy, 100 + n, ip, n ? 'en' : 'vi');
      expect(r.statusCode).toBe(429);
      expect(r.json().error.code).toBe('rate_limited');
      // The same answers as before: Vietnamese from kernel/messages, the limiter's own English.
      expect(r.json().error.message).toMatch(
        n ? /^Rate limit exceeded, retry in \d+ seconds$/ : /^Quá nhiều yêu cầu; vui lòng đợi một lát rồi thử lại\.$/,
      );
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    // Another address is not affected, on either copy.
    expect((await login(copies[1]!, 200, '192.0.2.62')).statusCode).toBe(401);
    // The count is one row of the database, and the address is not in it.
    const stored = await rows<{ bucket: string; key: string; hits: number }>(
      database.db,
      sql`select bucket, key, hits from rate_limit_hits where bucket = 'POST /api/auth/login' order by hits desc`,
    );
    expect(stored[0]).toMatchObject({ hits: 62 });
    expect(stored.map((s) => s.key).join(' ')).not.toMatch(/192\.0\.2/);
  });

  it('counts parallel sign-ins on both copies exactly (one atomic upsert per hit)', async () => {
    const ip = '192.0.2.80';
    const r = await Promise.all(Array.from({ length: 70 }, (_, i) => login(copies[i % 2]!, 500 + i, ip)));
    expect(r.filter((x) => x.statusCode === 401)).toHaveLength(60);
    expect(r.filter((x) => x.statusCode === 429)).toHaveLength(10);
  });

  it('counts a public form sent through two copies as one: the sixth within ten minutes is refused (HTML, Retry-After)', async () => {
    const ip = '198.51.100.90';
    const send = (copy: FastifyInstance, i: number) =>
      copy.inject({
        method: 'POST',
        url: '/kiem-chung/gui-tin',
        remoteAddress: ip,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          token: formToken(SECRET, 'submit', new Date(Date.now() - 10_000)),
          website: '',
          text: `Tin thử số ${i} gửi qua nhiều máy chủ`,
        }).toString(),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await send(copies[i % 2]!, i)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const last = await send(copies[0]!, 7);
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(last.body).toContain('Bạn đã gửi quá nhiều lần');
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(9 * 60);
  });

  it('starts a new window once the old one ended, and sweeps ended windows', async () => {
    const ip = '192.0.2.70';
    for (let i = 0; i < 61; i++) await login(copies[i % 2]!, 300 + i, ip);
    expect((await login(copies[0]!, 400, ip)).statusCode).toBe(429);
    // As if the minute had passed: the window ends, the next sign-in is counted afresh and answered.
    await database.db.execute(sql`update rate_limit_hits set resets_at = now() - interval '1 second'`);
    expect((await login(copies[1]!, 401, ip)).statusCode).toBe(401);
    const [r] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from rate_limit_hits where resets_at <= now()`);
    expect(r!.n).toBeGreaterThan(0);
    expect(await sweepRateLimits(database.db)).toBe(r!.n);
    expect(SWEEP_EVERY_MS).toBe(60_000);
  });
});

describe('/readyz', () => {
  it('answers 200 when the database answers, every migration is applied and the file store takes writes', async () => {
    for (const copy of copies) {
      const r = await copy.inject({ method: 'GET', url: '/readyz' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', storage: 'ok' } });
    }
  });

  it('answers 503 naming the migration the database lacks', async () => {
    const [last] = await rows<{ id: number; hash: string; created_at: string }>(
      database.db,
      sql`select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    await database.db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${last!.id}`);
    try {
      const r = await copies[1]!.inject({ method: 'GET', url: '/readyz' });
      expect(r.statusCode).toBe(503);
      expect(r.json()).toMatchObject({ status: 'not_ready', notReady: ['migrations'], checks: { database: 'ok', storage: 'ok' } });
      expect(r.json().checks.migrations).toMatch(/^1 not applied: \d{4}_\w+$/);
      // /healthz still says the process is alive.
      expect((await copies[1]!.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await database.db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${last!.id}, ${last!.hash}, ${last!.created_at})`,
      );
    }
    expect((await copies[1]!.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('answers 503 when the file store cannot be written', async () => {
    const notADir = path.join(dataDir, 'a-file');
    fs.writeFileSync(notADir, 'x');
    const app = await build({ DATA_DIR: notADir });
    try {
      const r = await app.inject({ method: 'GET', url: '/readyz' });
      expect(r.statusCode).toBe(503);
      expect(r.json()).toMatchObject({ status: 'not_ready', notReady: ['storage'], checks: { database: 'ok', migrations: 'ok' } });
      expect(r.json().checks.storage).toMatch(/^DATA_DIR\/files is not writable/);
      expect(r.body).not.toContain(dataDir);
    } finally {
      await app.close();
    }
  });

  it('turns 503 at the start of a shutdown while the copy finishes the requests in progress', async () => {
    const app = await build();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    app.get('/test-slow', async () => {
      entered();
      await released;
      return { done: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    expect((await get(`${base}/readyz`)).status).toBe(200);
    const slow = get(`${base}/test-slow`);
    await inside;
    const stopped = gracefulShutdown(app, { drainMs: 400 });
    // Still listening during the drain, but not ready; alive all the same.
    const ready = await get(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({
      status: 'not_ready',
      notReady: ['shutdown'],
      checks: { shutdown: 'shutting down: finishing the requests in progress' },
    });
    expect((await get(`${base}/healthz`)).status).toBe(200);
    // The request in progress is answered; then the copy is closed and takes no new connection.
    setTimeout(release, 600);
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ done: true });
    await stopped;
    await expect(get(`${base}/readyz`)).rejects.toThrow();
  });
});

describe('several copies declared', () => {
  it('refuse a configuration without FORM_SECRET (and without DATABASE_URL), naming the variables', () => {
    expect(loadConfig({}).instances).toBe(1);
    expect(loadConfig({}).formSecret).toBeUndefined();
    let err: unknown;
    try {
      loadConfig({ INSTANCES: '3' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/FORM_SECRET: required when INSTANCES is more than 1 \(3\)/);
    expect((err as Error).message).toMatch(/DATABASE_URL: required when INSTANCES is more than 1/);
    const ok = loadConfig({ INSTANCES: '3', FORM_SECRET: SECRET, DATABASE_URL: 'postgres://db.example/rightshub' });
    expect(ok).toMatchObject({ instances: 3, formSecret: SECRET });
  });

  it('refuse to boot: `rightshub serve` ends with exit 78 and the message', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['src/server/main.ts', 'serve'], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        INSTANCES: '2',
        DATABASE_URL: 'postgres://db.invalid/rightshub',
        DATA_DIR: dataDir,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('FORM_SECRET: required when INSTANCES is more than 1 (2)');
  });
});
