// Journeys: the language choice persists (reload, and a new browser through the account), and the
// programme office creates a user who can then sign in with a read-only workspace.
import { test, expect } from '@playwright/test';
import { login, switchToEnglish } from './helpers';

test('the language choice persists across a reload and a new browser', async ({ page, browser }) => {
  await login(page, 'reviewer');
  await switchToEnglish(page);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Organisations' })).toBeVisible();

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await login(fresh, 'reviewer');
  await expect(fresh.locator('html')).toHaveAttribute('lang', 'en');
  await expect(fresh.getByRole('button', { name: 'Log out' })).toBeVisible();
  // Back to Vietnamese, the default, for whoever signs in next.
  await fresh.getByTestId('language-switch').getByText('Tiếng Việt').click();
  await expect(fresh.locator('html')).toHaveAttribute('lang', 'vi');
  await other.close();
});

test('an administrator creates a user, who signs in read-only', async ({ page, browser }) => {
  const username = `viewer.${Date.now().toString(36)}`;
  await login(page);
  await switchToEnglish(page);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Display name').fill('Trần Thị Kiểm Thử');
  await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('at least 10 characters').first()).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill('a-long-enough-password');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('users-table')).toContainText(username);

  const ctx = await browser.newContext();
  const p2 = await ctx.newPage();
  await login(p2, username, 'a-long-enough-password');
  const nav = p2.getByRole('navigation');
  await expect(nav.getByRole('link', { name: /Tổ chức|Organisations/ })).toBeVisible();
  await expect(nav.getByRole('link', { name: /Người dùng|Users/ })).toHaveCount(0);
  await nav.getByRole('link', { name: /Tổ chức|Organisations/ }).click();
  await expect(p2.getByRole('button', { name: /Thêm tổ chức|New organisation/ })).toHaveCount(0);
  await ctx.close();

  // Wrong passwords show on the account; the administrator clears them.
  const guesser = await browser.newContext();
  for (let i = 0; i < 2; i++) {
    expect((await guesser.request.post('/api/auth/login', { data: { username, password: 'wrong-password' } })).status()).toBe(401);
  }
  await guesser.close();
  await page.reload();
  const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: username });
  await expect(row.getByText('2 recent failed sign-ins')).toBeVisible();
  await row.getByRole('button', { name: `Unlock sign-in for ${username}` }).click();
  await expect(row.getByText('2 recent failed sign-ins')).toHaveCount(0);
  await expect(row.getByRole('button', { name: `Unlock sign-in for ${username}` })).toHaveCount(0);
});
