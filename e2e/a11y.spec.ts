// Accessibility: axe-core finds no serious or critical violation on the login page and on the
// workspace's organisations page.
import { test, expect, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { login } from './helpers';

// The server's CSP (script-src 'self') would refuse the injected axe script; only the test bypasses it.
test.use({ bypassCSP: true });

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath });
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
