// Controls that fit the role (issue 18): the demo viewer opens a UN recommendation that has actions, progress reports
// and evidence, and is offered no form and no button that writes (no translation, action, report, status, evidence
// tagging or untagging, no "mark done"); the training page offers it no import tab; a page only the office may open
// says which roles may, whom to ask, and links back to the dashboard. axe-core on the forbidden page.
import { test, expect } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations, switchToVietnamese } from './helpers';

failOnCspViolations();

/** A demo recommendation with a lead agency, actions and evidence (the office's API). */
async function busyRecommendation(page: import('@playwright/test').Page): Promise<{ id: number; lead: string }> {
  const r = await page.request.get('/api/recommendations?limit=200');
  expect(r.ok()).toBe(true);
  const { items } = (await r.json()) as {
    items: { id: number; lead: { name: string } | null; evidenceCount: number; nextDue: string | null }[];
  };
  const busy = items.find((x) => x.lead && x.evidenceCount > 0 && x.nextDue);
  expect(busy, 'a demo recommendation with a lead agency, evidence and an action due').toBeTruthy();
  return { id: busy!.id, lead: busy!.lead!.name };
}

test('a viewer sees no write control; a page for the office says whom to ask', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'admin');
  const rec = await busyRecommendation(page);
  await page.context().clearCookies();

  await login(page, 'viewer');
  await switchToVietnamese(page);
  await page.goto(`/app/recommendations?id=${rec.id}`);
  await expect(page.getByTestId('rec-actions')).toBeVisible();
  await expect(page.getByTestId('rec-evidence-list')).toBeVisible();
  for (const id of ['rec-edit', 'rec-action-add', 'rec-report-submit', 'rec-status-save', 'rec-assign', 'rec-report-approve']) {
    await expect(page.getByTestId(id), id).toHaveCount(0);
  }
  const main = page.getByRole('main');
  for (const name of ['Đánh dấu đã xong', 'Bỏ gắn']) {
    await expect(main.getByRole('button', { name }), name).toHaveCount(0);
  }
  await expect(main.getByRole('textbox')).toHaveCount(0); // no form at all

  await page.goto('/app/training');
  await expect(page.getByTestId('tab-roster')).toBeVisible();
  await expect(page.getByTestId('tab-import')).toHaveCount(0);

  await page.goto('/app/users');
  const forbidden = page.getByTestId('forbidden-page');
  await expect(forbidden).toContainText('Trang này chỉ dành cho: Quản trị viên.');
  await expect(forbidden).toContainText('quản trị viên của Văn phòng Đề án');
  await expect(forbidden.getByRole('link', { name: /Về trang tổng quan/ })).toHaveAttribute('href', /\/app\/?$/);
  expect(await seriousViolations(page)).toEqual([]);
});
