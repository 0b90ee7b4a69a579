// Notifications in the workspace: the demo editor sees the unread count on the header's bell, opens the inbox (axe:
// no serious or critical violation), follows a notice to the recommendation it names — the right page — comes back to
// find it read, and marks all read (the bell's count goes). The choices page passes axe too and keeps a choice.
import { expect, test } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations, switchToVietnamese } from './helpers';

failOnCspViolations();

test("the bell's unread count, the inbox, a notice's link to its page, read and all read", async ({ page }) => {
  await login(page, 'editor');
  await switchToVietnamese(page); // the editor's language persists across specs (another may have left it in English)
  const bell = page.getByTestId('notification-bell');
  await expect(bell.getByTestId('unread-count')).toHaveText(/^[1-9]\d*\+?$/);
  await expect(bell).toHaveAccessibleName(/Thông báo: \d+ chưa đọc/);
  await bell.click();
  await expect(page).toHaveURL(/\/app\/notifications$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Thông báo' })).toBeVisible();
  await expect(page.getByTestId('notification-list')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // An unread notice about a UN recommendation action: its link opens that recommendation's page.
  const item = page
    .locator('[data-unread="true"]')
    .filter({ has: page.locator('a[href^="/app/recommendations?id="]') })
    .first();
  await expect(item).toBeVisible();
  const testId = (await item.getAttribute('data-testid'))!;
  const link = item.getByTestId('notification-link');
  const id = Number(new URL((await link.getAttribute('href'))!, 'http://x').searchParams.get('id'));
  const { recommendation } = (await (await page.request.get(`/api/recommendations/${id}`)).json()) as { recommendation: { label: string } };
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/app/recommendations\\?id=${id}$`));
  await expect(page.getByRole('heading', { level: 1, name: recommendation.label })).toBeVisible();

  // Back in the inbox, the notice followed is read.
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId(testId)).toHaveAttribute('data-unread', 'false');
  // All read: the count leaves the bell.
  await page.getByTestId('mark-all-read').click();
  await expect(page.locator('[data-unread="true"]')).toHaveCount(0);
  await expect(page.getByTestId('notification-bell').getByTestId('unread-count')).toHaveCount(0);
  await expect(page.getByTestId('unread-summary')).toHaveText('0 thông báo chưa đọc');
});

test('the choices page: accessible, and a choice is kept', async ({ page }) => {
  await login(page, 'reviewer');
  await switchToVietnamese(page);
  await page.goto('/app/notifications');
  await page.getByTestId('notification-settings-link').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Chọn thông báo' })).toBeVisible();
  await expect(page.getByTestId('kind-factcheck.review_waiting')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  const box = page.getByTestId('email-factcheck.complaint_due');
  await expect(box).toBeChecked();
  await box.uncheck();
  await page.getByTestId('digest-switch').check();
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('email-factcheck.complaint_due')).not.toBeChecked();
  await expect(page.getByTestId('digest-switch')).toBeChecked();
});
