#!/usr/bin/env node
// The README's two pictures, taken from the product itself: `node scripts/readme-screenshots.mjs`.
// Starts the e2e server (fresh data dir, demo data) on SHOT_PORT (default 3190), signs in as the demo office
// admin, and writes docs/screenshots/dashboard.png (the workspace dashboard) and docs/screenshots/portal.png
// (the public home), both at 1440 × 900 in Vietnamese. Needs the web build (`npx vite build`) and Debian's chromium.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.SHOT_PORT ?? '3190';
const base = `http://127.0.0.1:${port}`;
const out = path.join(root, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });

const server = spawn(process.execPath, [path.join(root, 'scripts', 'e2e-server.mjs')], {
  cwd: root,
  env: { ...process.env, E2E_PORT: port, TEST_DATABASE_URL: '' },
  stdio: 'inherit',
});

async function healthy() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not become healthy in 5 minutes');
}

let failed = false;
try {
  await healthy();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  await page.goto(`${base}/`);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(out, 'portal.png') });
  await page.goto(`${base}/app/login`);
  await page.getByLabel(/Tên đăng nhập|Username/).fill('admin');
  await page.getByLabel(/Mật khẩu|Password/).fill('rightshub-demo');
  await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
  await page.getByTestId('welcome-card').waitFor({ timeout: 120_000 });
  await page.goto(`${base}/app/`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(out, 'dashboard.png') });
  await browser.close();
  console.log(`wrote ${path.relative(root, out)}/portal.png and dashboard.png`);
} catch (e) {
  failed = true;
  console.error(e instanceof Error ? e.message : e);
} finally {
  server.kill('SIGTERM');
}
process.exitCode = failed ? 1 : 0;
