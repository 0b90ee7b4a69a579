// The public newsroom with the demo data: list, search without diacritics, an item with its JSON-LD, the
// feeds, and axe-core on the list, an item and /en/news. axe runs through page.evaluate so the pages keep
// their real Content-Security-Policy; any CSP violation on the page fails the test.
import { test, expect } from '@playwright/test';
import { failOnCspViolations, seriousViolations } from './helpers';

failOnCspViolations();

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
