import Fastify from 'fastify';
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { portalRoutes } from './src/server/portal/portal.routes.js';

const app = Fastify();
await app.register(portalRoutes);
app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: { code: 'not_found' } }));
await app.listen({ port: 3199, host: '127.0.0.1' });
const nf = await app.inject({ url: '/api/nope' });
console.log('late notFound handler for /api/nope:', nf.statusCode, nf.body);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const axe = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const errors: string[] = [];
for (const [url, w, name] of [['/', 1280, 'vi-desktop'], ['/', 375, 'vi-mobile'], ['/en/', 1280, 'en-desktop'], ['/tin-tuc', 375, 'section'], ['/nope', 1280, '404']] as const) {
  const page = await browser.newPage({ viewport: { width: w, height: 900 } });
  page.on('console', (m) => errors.push(`${name} console ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${name} pageerror: ${e.message}`));
  await page.goto('http://127.0.0.1:3199' + url);
  await page.screenshot({ path: `/tmp/portal-${name}.png`, fullPage: w > 400 });
  if (w < 400) { await page.evaluate(() => window.scrollTo(0, 900)); await page.screenshot({ path: `/tmp/portal-${name}-2.png` }); }
  // CSP forbids inline script; evaluate via the devtools protocol instead (not subject to page CSP).
  await page.evaluate(axe);
  const res = await page.evaluate(async () => (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }));
  console.log(name, 'violations:', res.violations.map((v: any) => `${v.impact} ${v.id} (${v.nodes.length}) ${v.nodes.slice(0,3).map((n: any) => n.target.join(' ')).join(' | ')}`));
  console.log(name, 'incomplete:', res.incomplete.map((v: any) => `${v.id}(${v.nodes.length})`).join(', '));
  const css = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).backgroundColor);
  console.log(name, 'css applied header bg:', css);
  await page.close();
}
console.log(errors.join('\n') || 'no console errors');
await browser.close();
await app.close();
