import { defineConfig } from '@playwright/test';

// Browser journeys (e2e/*.spec.ts) against a real server on a fresh database (scripts/e2e-server.mjs).
// Debian's chromium only: never a downloaded browser, never --user-data-dir.
// E2E_PORT lets two runs share a machine (default 3100).
const port = process.env.E2E_PORT ?? '3100';
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;
const jsonFile = process.env.RH_PW_JSON;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Journeys do many steps against a server computing every target; a busy 2-core machine needs the room.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: jsonFile ? [['list'], ['json', { outputFile: jsonFile }]] : [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // With E2E_BASE_URL the tests target a server someone else runs.
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: 'node scripts/e2e-server.mjs',
        url: `http://127.0.0.1:${port}/healthz`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        // SIGTERM lets the wrapper stop the server and drop its throw-away database.
        gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
      },
});
