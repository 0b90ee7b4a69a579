#!/usr/bin/env node
// The server Playwright tests against: `rightshub serve` on port E2E_PORT (default 3100) with a fresh DATA_DIR, on
// embedded PGlite — or, when TEST_DATABASE_URL is set, on a throw-away database `rh_e2e_<random>`
// created on that PostgreSQL server and dropped again when this process is stopped.
// Builds nothing: scripts/test.mjs builds the web first.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'rh-e2e-'));
const adminUrl = process.env.TEST_DATABASE_URL;
let dbName = null;

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function cleanUp() {
  if (dbName) {
    const name = dbName;
    dbName = null;
    try {
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      console.log(`[e2e-server] dropped database ${name}`);
    } catch (e) {
      console.error(`[e2e-server] could not drop database ${name}: ${e.message}`);
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}

const port = process.env.E2E_PORT ?? '3100';
const env = {
  ...process.env,
  PORT: port,
  HOST: '127.0.0.1',
  BASE_URL: `http://127.0.0.1:${port}`,
  DATA_DIR: dataDir,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
delete env.DATABASE_URL;
// Single sign-on against the provider e2e/sso.spec.ts starts itself (test/oidc-provider.ts) on E2E_OIDC_PORT (default:
// the server's port + 1000, clear of the other runs' E2E_PORTs); until that spec runs nothing answers there, and the
// sign-in page only shows the button.
env.OIDC_PROVIDERS ??= JSON.stringify([
  {
    id: 'test-idp',
    label: 'Test IdP',
    issuer: `http://127.0.0.1:${process.env.E2E_OIDC_PORT ?? Number(port) + 1000}`,
    clientId: 'rightshub-e2e',
    clientSecret: 'e2e-client-secret',
  },
]);
if (adminUrl) {
  dbName = `rh_e2e_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE "${dbName}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  env.DATABASE_URL = url.toString();
  console.log(`[e2e-server] created database ${dbName} on ${url.host}`);
}

// --first-run-demo --demo-before-listen: the journeys sign in with the demo accounts (admin, editor, … / rightshub-demo)
// and need all of the demo data from their first request.
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, ['src/server/main.ts', 'serve', '--first-run-demo', '--demo-before-listen'], { cwd: root, env, stdio: 'inherit' });

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    stopping = true;
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('exit', async (code, signal) => {
  await cleanUp();
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});
child.on('error', async (e) => {
  console.error(`[e2e-server] could not start the server: ${e.message}`);
  await cleanUp();
  process.exit(1);
});
