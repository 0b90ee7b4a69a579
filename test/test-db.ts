// One fresh database per test file, cloned from the template the global setup migrated, plus the
// app built on it and helpers to sign in. Real database, no mocks.
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { loadConfig, type Config } from '../src/server/kernel/config.js';
import { openPg, openPglite, type Database } from '../src/server/kernel/db.js';

export async function testDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    // Named after the run's template, so the run's teardown drops any the file's own clean-up missed.
    const name = `${inject('pgTemplate')}_t_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
        break;
      } catch (e) {
        if (attempt > 20) throw e;
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      }
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = openPg(u.toString(), 4);
    afterAll(async () => {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    return database;
  }
  const buf = fs.readFileSync(inject('pgliteDump'));
  const database = await openPglite(undefined, new Blob([buf]));
  afterAll(() => database.close());
  return database;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ DATA_DIR: '/tmp/rh-test-data', LOG_LEVEL: 'silent', ...overrides });
}

export async function testApp(overrides: Record<string, string> = {}) {
  const database = await testDatabase();
  const config = testConfig(overrides);
  const app = await buildApp({ config, database, logger: false });
  afterAll(() => app.close());
  return { app, db: database.db, database, config };
}

export type Session = { cookie: string; csrf: string; headers: Record<string, string> };

export async function signIn(app: Awaited<ReturnType<typeof testApp>>['app'], username: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === 'rh_session')!;
  const cookie = `rh_session=${set.value}`;
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}
