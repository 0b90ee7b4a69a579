// Journey of plans and budgets: the demo focal point of UBND-01 Hà Nội starts its 2027 plan, adds two activities with
// targets, months and budgets by source, and submits it; the programme office returns it with a comment (and one on an
// activity); the focal point reads the comments, fixes the activity and submits again; the office approves it and it is
// locked. The plan vs actual page shows it on both maps. axe-core finds no serious or critical violation on the plans
// list, a plan's page (with the activity form open too) and plan vs actual.
import { test, expect, type Page } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations, switchToVietnamese } from './helpers';

failOnCspViolations();

async function signInAs(page: Page, who: 'editor' | 'admin') {
  await page.context().clearCookies();
  await login(page, who);
  await switchToVietnamese(page);
}

async function pick(page: Page, testId: string, option: string | RegExp) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

async function addActivity(
  page: Page,
  a: { title: string; targets: string[]; audiences: string[]; from: string; to: string; outputs: string; local: string; other: string },
) {
  await page.getByTestId('add-activity').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('activity-title').fill(a.title);
  // multi-selects: type to find the option, pick it
  for (const target of a.targets) {
    await dialog.getByTestId('activity-targets').fill(target);
    await page.getByRole('option', { name: new RegExp(`^${target} — `) }).click();
  }
  for (const audience of a.audiences) {
    await dialog.getByTestId('activity-audiences').fill(`${audience}.`);
    await page.getByRole('option', { name: new RegExp(`^${audience}\\. `) }).click();
  }
  await dialog.getByTestId('activity-title').click(); // closes the last dropdown
  await pick(page, 'activity-start', a.from);
  await pick(page, 'activity-end', a.to);
  await dialog.getByTestId('activity-outputs').fill(a.outputs);
  await dialog.getByTestId('activity-budget-local').fill(a.local);
  await dialog.getByTestId('activity-budget-other').fill(a.other);
  await dialog.getByTestId('activity-save').click();
  await expect(dialog).toBeHidden();
}

test('a focal point plans, the office returns the plan with a comment, it is fixed and approved', async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, 'editor');
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /Kế hoạch, kinh phí/ })
    .click();
  await expect(page).toHaveURL(/\/app\/plans$/);
  await expect(page.getByTestId('plan-list')).toBeVisible(); // the demo's 2025 and 2026 plans of Hà Nội
  await page.mouse.move(900, 5);
  expect(await seriousViolations(page)).toEqual([]);

  // A new plan for 2027, empty, for the focal point's own organisation.
  await page.getByTestId('new-plan').click();
  await expect(page.getByTestId('new-plan-org')).toHaveValue(/Hà Nội/);
  await pick(page, 'new-plan-year', '2027');
  await page.getByTestId('new-plan-start-empty').check();
  await page.getByTestId('new-plan-create').click();
  await expect(page).toHaveURL(/\/app\/plans\?id=\d+$/);
  const planUrl = new URL(page.url()).pathname + new URL(page.url()).search;
  await expect(page.getByTestId('plan-title')).toContainText('2027');
  await expect(page.getByTestId('plan-status')).toHaveText('Nháp');
  await expect(page.getByTestId('plan-no-activities')).toBeVisible();

  await addActivity(page, {
    title: 'Tập huấn kỹ năng truyền thông về quyền con người cho cán bộ (kiểm thử)',
    targets: ['T2a', 'T2b'],
    audiences: ['1'],
    from: 'Tháng 3/2027',
    to: 'Tháng 5/2027',
    outputs: '2 lớp, 120 lượt cán bộ',
    local: '150000000',
    other: '10000000',
  });
  await expect(page.getByTestId('activity-row-1')).toBeVisible();
  // The form's own check: an activity must serve a target (the server names the field, in the interface's language).
  await page.getByTestId('add-activity').click();
  await page.getByRole('dialog').getByTestId('activity-title').fill('Không có mục tiêu');
  await page.getByRole('dialog').getByTestId('activity-save').click();
  await expect(page.getByRole('dialog').getByText(/ít nhất một chỉ tiêu/)).toBeVisible();
  await page.mouse.move(5, 5);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('dialog').getByRole('button', { name: 'Huỷ' }).click();
  await addActivity(page, {
    title: 'Triển lãm ảnh về quyền con người tại Hà Nội (kiểm thử)',
    targets: ['T3'],
    audiences: ['2', '5'],
    from: 'Tháng 9/2027',
    to: 'Tháng 10/2027',
    outputs: '1 triển lãm',
    local: '200000000',
    other: '50000000',
  });
  await expect(page.getByTestId('activity-row-2')).toBeVisible();
  await expect(page.getByTestId('plan-total')).toHaveText('410.000.000');
  await page.mouse.move(900, 5);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('plan-submit').click();
  await expect(page.getByTestId('plan-status')).toHaveText('Chờ duyệt');
  await expect(page.getByTestId('add-activity')).toHaveCount(0); // locked while the office looks at it

  // The programme office returns it with a comment, and one on the exhibition.
  await signInAs(page, 'admin');
  await page.goto(planUrl);
  await expect(page.getByTestId('plan-status')).toHaveText('Chờ duyệt');
  await page.getByTestId('plan-return').click();
  await page.getByTestId('return-comment').fill('Đề nghị ghi rõ địa điểm triển lãm.');
  await page.getByRole('dialog').getByRole('textbox', { name: 'Ý kiến về hoạt động #2' }).fill('Địa điểm ở đâu?');
  await page.getByTestId('return-confirm').click();
  await expect(page.getByTestId('plan-status')).toHaveText('Bị trả lại');

  // The focal point reads the comments, fixes the activity and submits again.
  await signInAs(page, 'editor');
  await page.goto(planUrl);
  await expect(page.getByTestId('plan-return-comment')).toHaveText('Đề nghị ghi rõ địa điểm triển lãm.');
  await expect(page.getByTestId('plan-returned')).toContainText('#2: Địa điểm ở đâu?');
  await page.getByTestId('edit-activity-2').click();
  await page.getByRole('dialog').getByTestId('activity-outputs').fill('1 triển lãm tại Bảo tàng Hà Nội, 3.000 lượt khách');
  await page.getByRole('dialog').getByTestId('activity-save').click();
  await expect(page.getByTestId('activity-row-2')).toContainText('Bảo tàng Hà Nội');
  await page.getByTestId('plan-submit').click();
  await expect(page.getByTestId('plan-status')).toHaveText('Chờ duyệt');

  // The office approves it: it is locked, a new version is the way to change it.
  await signInAs(page, 'admin');
  await page.goto(planUrl);
  await page.getByTestId('plan-approve').click();
  await expect(page.getByTestId('plan-status')).toHaveText('Đã phê duyệt');
  await expect(page.getByTestId('plan-revise')).toBeVisible();
  await expect(page.getByTestId('add-activity')).toHaveCount(0);
  await expect(page.getByTestId('plan-history')).toContainText('Trả lại');
  await expect(page.getByTestId('plan-history')).toContainText('Đề nghị ghi rõ địa điểm triển lãm.');

  // Plan vs actual: the plan counts for Hà Nội on the 34-unit map and on the 63-unit map.
  await page.goto('/app/plans/summary?year=2027');
  await expect(page.getByTestId('summary-by-organisation')).toContainText('Hà Nội');
  await expect(page.getByTestId('summary-by-province')).toContainText('410.000.000');
  await page.mouse.move(900, 5);
  expect(await seriousViolations(page)).toEqual([]);
  await page
    .getByTestId('summary-map')
    .getByText(/63 tỉnh/)
    .click();
  await expect(page).toHaveURL(/map=63/);
  await expect(page.getByTestId('summary-by-province')).toContainText('Hà Nội');
  const xlsx = await page.request.get('/api/plans/summary.xlsx?year=2027&map=63');
  expect(xlsx.status()).toBe(200);
});
