import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';

/** Signs in through the login page (which may be in either language). */
export async function login(page: Page, username = 'admin', password = 'rightshub-demo'): Promise<void> {
  await page.goto('/app/login');
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(password);
  await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
  await expect(page.getByTestId('welcome-card')).toBeVisible();
}

/** The first id of a list the API returns (an array, or an object with `items` or `rows`). */
export async function firstId(page: Page, url: string): Promise<number> {
  const r = await page.request.get(url);
  expect(r.ok(), url).toBeTruthy();
  const body = (await r.json()) as { id: number }[] | { items?: { id: number }[]; rows?: { id: number }[] };
  const list = Array.isArray(body) ? body : (body.items ?? body.rows ?? []);
  expect(list.length, `${url} lists something`).toBeGreaterThan(0);
  return list[0]!.id;
}

/** Switches the interface to English through the header's language switch. */
export async function switchToEnglish(page: Page): Promise<void> {
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

/** Switches the interface to Vietnamese (a user's language choice persists across sessions and tests). */
export async function switchToVietnamese(page: Page): Promise<void> {
  await page.getByTestId('language-switch').getByText('Tiếng Việt').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
}

// ---- accessibility and CSP, shared by every spec that checks pages ----
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's serious and critical violations on the current page. axe is evaluated through the DevTools
 *  protocol, so the page keeps its real Content-Security-Policy. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails each test of the calling spec in which the page reports a Content-Security-Policy violation. */
export function failOnCspViolations(): void {
  const cspErrors: string[] = [];
  test.beforeEach(({ page }) => {
    cspErrors.length = 0;
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) cspErrors.push(m.text());
    });
  });
  test.afterEach(() => expect(cspErrors).toEqual([]));
}
