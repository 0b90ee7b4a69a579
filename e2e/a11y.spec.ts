// Accessibility: axe-core finds no serious or critical violation on the portal home, progress and library pages (vi, en),
// a library product page, the login
// page and the workspace's organisations page. axe is evaluated through the DevTools protocol, so the pages
// keep their real Content-Security-Policy, and any CSP violation on the page fails the test too.
import { test, expect } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations } from './helpers';

failOnCspViolations();

test('login page has no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/app/login');
  await expect(page.getByRole('button', { name: /Đăng nhập|Sign in/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('organisations page has no serious or critical accessibility violations', async ({ page }) => {
  await login(page);
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /Tổ chức|Organisations/ })
    .click();
  await expect(page.getByTestId('org-tree')).toBeVisible();
  // With a node selected the details panel is on the page too.
  await page.getByTestId('org-tree').getByRole('button', { pressed: false }).first().click();
  await expect(page.getByTestId('org-details')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const [path, lang] of [
  ['/', 'vi'],
  ['/en/', 'en'],
  ['/tien-do', 'vi'],
  ['/en/progress', 'en'],
  ['/thu-vien', 'vi'],
  ['/en/library', 'en'],
  ['/thu-vien?kind=book&sort=title', 'vi'],
  ['/tin-tuc', 'vi'],
  ['/en/news', 'en'],
  ['/kiem-chung', 'vi'],
  ['/en/fact-checks', 'en'],
  ['/lien-he', 'vi'],
  ['/en/accessibility', 'en'],
  ['/quyen-rieng-tu', 'vi'],
] as const) {
  test(`portal page ${path} has no serious or critical accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

for (const [list, lang] of [
  ['/thu-vien?kind=book', 'vi'],
  ['/en/library?kind=book', 'en'],
] as const) {
  test(`a library product page (from ${list}) has no serious or critical accessibility violations`, async ({ page }) => {
    await page.goto(list);
    // The demo's books: open the first one listed (a book has the most facts, editions and language versions).
    await page.locator('.library-list h3 a').first().click();
    await expect(page).toHaveURL(/\/(thu-vien|en\/library)\/\d+$/);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

for (const [list, lang] of [
  ['/kiem-chung', 'vi'],
  ['/en/fact-checks', 'en'],
] as const) {
  test(`a fact-check page (from ${list}) with its verdict panel has no serious or critical accessibility violations`, async ({ page }) => {
    await page.goto(list);
    await page.locator('.news-list h3 a').first().click();
    await expect(page).toHaveURL(/\/(kiem-chung|en\/fact-checks)\/\d+$/);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByTestId('fc-verdict')).toBeVisible();
    // Where the claim appeared is folded away; opened, it is checked too.
    const more = page.locator('.fc-appear summary');
    if (await more.count()) await more.click();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
