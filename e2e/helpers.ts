import { expect, type Page } from '@playwright/test';

/** Signs in through the login page (which may be in either language). */
export async function login(page: Page, username = 'admin', password = 'rightshub-demo'): Promise<void> {
  await page.goto('/app/login');
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(password);
  await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
  await expect(page.getByTestId('welcome-card')).toBeVisible();
}

/** Switches the interface to English through the header's language switch. */
export async function switchToEnglish(page: Page): Promise<void> {
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}
