// Audiences and reach (issue 21): the office picks a press item's audiences, sees them on the item and in
// the list; the dashboard's reach panel shows each metric with its breakdowns and the same totals as the API.
import { expect, test } from '@playwright/test';
import { login, switchToEnglish } from './helpers';

test('a press item carries its audiences; the dashboard shows reach per metric, as the API counts it', async ({ page }) => {
  await login(page, 'admin');
  await switchToEnglish(page);
  const title = `Thông cáo đối tượng ${Date.now()}`;
  await page.goto('/app/press');
  await page.getByTestId('new-press-item').click();
  const form = page.getByTestId('press-item-form');
  const org = form.getByRole('combobox', { name: /^Organisation/ });
  await org.fill('UBND-01');
  await page
    .getByRole('option', { name: /UBND-01/ })
    .first()
    .click();
  await form.getByRole('textbox', { name: /^Title/ }).fill(title);
  const chips = form.getByTestId('press-audiences');
  await chips.getByText(/^3\. /).click();
  await chips.getByText(/^1\. /).click();
  const created = page.waitForResponse((r) => r.url().endsWith('/api/press/items') && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Save' }).click();
  const res = await created;
  expect(res.status()).toBe(201);
  expect(((await res.json()) as { audiences: number[] }).audiences).toEqual([1, 3]);
  await expect(page.getByTestId('press-item-details').getByTestId('press-item-audiences')).toContainText('3. ');

  await page.goto('/app/');
  const panel = page.getByTestId('reach-panel');
  await expect(panel.getByRole('heading', { name: /^Reach/ })).toBeVisible();
  await expect(panel.getByTestId('reach-note')).toContainText('not added together');
  const api = (await (await page.request.get(`/api/indicators/reach?period=${new Date().getUTCFullYear()}`)).json()) as {
    metrics: { id: string; total: number }[];
  };
  for (const m of api.metrics) {
    const table = panel.getByTestId(`reach-${m.id}`);
    await expect(table.getByTestId('reach-total')).toHaveText(m.total.toLocaleString('en-US'));
    await expect(table.getByRole('columnheader', { name: 'By audience' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'By province (34-unit map)' })).toBeVisible();
  }
});
