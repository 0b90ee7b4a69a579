// A link from an e-mail (a reminder names a recommendation's page in the workspace) opened in a browser that is not
// signed in: the sign-in page comes first, then the page the link names — not the dashboard. A `next` that is not
// one of the workspace's own paths is ignored.
import { expect, test } from '@playwright/test';
import { workspacePage, workspaceUrl } from '../src/shared/contracts/links';

const PASSWORD = 'rightshub-demo';

async function signInOnPage(page: import('@playwright/test').Page, username: string) {
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(PASSWORD);
  await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
}

test("a reminder's link, opened signed out, leads through the sign-in page to its recommendation", async ({ page, request }) => {
  // A recommendation, as the reminder job would name it (read through the API by another session).
  expect((await request.post('/api/auth/login', { data: { username: 'editor', password: PASSWORD } })).ok()).toBe(true);
  const { items } = (await (await request.get('/api/recommendations?limit=1')).json()) as { items: { id: number; label: string }[] };
  const rec = items[0]!;
  // The same function builds the link in the e-mail; the test server's base URL is Playwright's.
  const link = workspaceUrl('', workspacePage.recommendation(rec.id));
  await page.goto(link);
  await expect(page).toHaveURL(
    new RegExp(`/app/login\\?next=${encodeURIComponent(`/recommendations?id=${rec.id}`).replace(/[?]/g, '\\?')}$`),
  );
  await signInOnPage(page, 'editor');
  await expect(page.getByRole('heading', { level: 1, name: rec.label })).toBeVisible();
  const u = new URL(page.url());
  expect(u.pathname + u.search).toBe(`/app/recommendations?id=${rec.id}`);
});

test("a sign-in link whose next page is not the workspace's own goes to the dashboard", async ({ page }) => {
  await page.goto('/app/login?next=%2F%2Fevil.example%2Fx');
  await signInOnPage(page, 'viewer');
  await expect(page.getByTestId('welcome-card')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/app/');
  expect(page.url()).not.toContain('evil.example');
});
