// Accessibility: axe-core finds no serious or critical violation on the portal home (vi, en), the login
// page and the workspace's organisations page. axe is evaluated through the DevTools protocol, so the pages
// keep their real Content-Security-Policy, and any CSP violation on the page fails the test too.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { login } from './helpers';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const cspErrors: string[] = [];
test.beforeEach(({ page }) => {
  cspErrors.length = 0;
  page.on('console', (m) => { if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) cspErrors.push(m.text()); });
});
test.afterEach(() => expect(cspErrors).toEqual([]));

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

test('login page has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/app/login');
  await expect(page.getByRole('button', { name: /Đăng nhập|Sign in/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('organisations page has no serious or critical accessibility violations', async ({ page }) => {
  await login(page);
  await page.getByRole('navigation').getByRole('link', { name: /Tổ chức|Organisations/ }).click();
  await expect(page.getByTestId('org-tree')).toBeVisible();
  // With a node selected the details panel is on the page too.
  await page.getByTestId('org-tree').getByRole('button', { pressed: false }).first().click();
  await expect(page.getByTestId('org-details')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const [path, lang] of [['/', 'vi'], ['/en/', 'en']] as const) {
  test(`portal home ${path} has no serious or critical accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
