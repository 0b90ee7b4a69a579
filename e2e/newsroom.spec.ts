// The public newsroom with the demo data: list, search without diacritics, an item with its JSON-LD, the
// feeds, and axe-core on the list, an item and /en/news. axe runs through page.evaluate so the pages keep
// their real Content-Security-Policy; any CSP violation on the page fails the test.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const cspErrors: string[] = [];
test.beforeEach(({ page }) => {
  cspErrors.length = 0;
  page.on('console', (m) => { if (m.type() === 'error' && /Content.Security.Policy/i.test(m.text())) cspErrors.push(m.text()); });
});
test.afterEach(() => expect(cspErrors).toEqual([]));

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }

async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

test('newsroom: list, search without diacritics, item with JSON-LD, accessible', async ({ page }) => {
  await page.goto('/tin-tuc');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1, name: 'Tin tức' })).toBeVisible();
  await expect(page.locator('ol.news-list > li')).toHaveCount(20);
  await expect(page.getByRole('navigation', { name: 'Phân trang' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Search without diacritics through the GET form.
  await page.getByLabel('Từ khóa').fill('quyen tre em');
  await page.getByRole('button', { name: 'Tìm' }).click();
  await expect(page).toHaveURL(/\/tin-tuc\?q=quyen\+tre\+em/);
  const first = page.locator('ol.news-list > li h3 a').first();
  await expect(first).toContainText(/quyền trẻ em/i);

  // Open an item: title, facts, JSON-LD NewsArticle.
  const title = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/tin-tuc\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const ld = await page.locator('script[type="application/ld+json"]').textContent();
  const article = JSON.parse(ld!)['@graph'].find((n: { '@type': string }) => n['@type'] === 'NewsArticle');
  expect(article).toMatchObject({ headline: title });
  expect(article.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(await seriousViolations(page)).toEqual([]);
});

test('newsroom in English and the spokespersons page are accessible', async ({ page }) => {
  await page.goto('/en/news');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'News' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Spokespersons' }).first().click();
  await expect(page).toHaveURL(/\/en\/news\/spokespersons$/);
  await expect(page.locator('.spokes > li').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('newsroom feeds answer with their content types', async ({ request }) => {
  const rss = await request.get('/tin-tuc/rss.xml');
  expect(rss.headers()['content-type']).toBe('application/rss+xml; charset=utf-8');
  expect(await rss.text()).toContain('<rss version="2.0"');
  const json = await (await request.get('/en/news/feed.json')).json();
  expect(json.version).toBe('https://jsonfeed.org/version/1.1');
  expect(json.items.length).toBeGreaterThan(0);
});
