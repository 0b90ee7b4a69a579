// Journey (issue 18): everything that goes wrong is said in Vietnamese to a Vietnamese reader. Empty forms are
// submitted, an import with a bad row is refused, a page the role may not open is asked for, a private address is
// fetched — and no English sentence reaches the screen: not under a field, not in an alert, not in an import's table.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { login, switchToVietnamese } from './helpers';

// English words that a Vietnamese error text never has (codes of the import template's columns are not checked:
// they are the file's own headers).
const ENGLISH =
  /\b(the|is|are|must|should|expected|invalid|required|not|of|characters?|string|number|field|row|column|at least|too|failed|error|unknown|option|please|cannot|already)\b/i;

async function signInAs(page: Page, who: string) {
  await page.context().clearCookies();
  await login(page, who);
  await switchToVietnamese(page);
}

/** The texts of every error the page shows now: field errors, alerts, import error messages. */
async function errorTexts(scope: Page | Locator): Promise<string[]> {
  const texts = await scope
    .locator('.mantine-InputWrapper-error, [role="alert"], [data-testid="import-error-table"] tbody td:nth-child(3)')
    .allInnerTexts();
  return texts.map((t) => t.trim()).filter(Boolean);
}

function expectVietnamese(texts: string[]) {
  expect(texts.length, 'an error is shown').toBeGreaterThan(0);
  for (const text of texts) expect(text, `English in a Vietnamese error: "${text}"`).not.toMatch(ENGLISH);
}

test('a focal point gets every refusal in Vietnamese: empty forms, a bad import row, a page of another role', async ({ page }) => {
  test.setTimeout(240_000);
  await signInAs(page, 'editor');

  // An empty product form: each field's error in Vietnamese.
  await page.goto('/app/library');
  await page.getByTestId('new-product').click();
  const form = page.getByTestId('product-form');
  await expect(form).toBeVisible();
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByTestId('product-form-error')).toBeVisible();
  await expect(form.locator('.mantine-InputWrapper-error').first()).toBeVisible();
  expectVietnamese([...(await errorTexts(form)), ...(await errorTexts(page.getByTestId('product-form-error')))]);
  await page.keyboard.press('Escape');

  // An import whose row has a wrong kind, a date that does not exist and no title: every problem in one pass, in Vietnamese.
  const ExcelJS = (await import('exceljs')).default;
  await page.getByTestId('library-import-toggle').click();
  const template = await page.request.get('/api/library/import-template.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await template.body()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const row: Record<string, string> = {
    kind: 'not-a-kind',
    organisation_code: 'KHONG-CO-MA-NAY',
    date: '2026-02-30',
    channel: 'website',
    languages: 'vie',
    title_1_lang: 'vie',
  };
  ws.getRow(2).values = header.map((h) => row[h] ?? '');
  await page.getByTestId('import-file').setInputFiles({
    name: 'nhap-loi.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  await page.locator('section[aria-labelledby="import-title"]').getByRole('button', { name: 'Nhập từ Excel' }).click();
  const table = page.getByTestId('import-error-table');
  await expect(table).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(3); // kind, organisation, date, title: one pass
  expectVietnamese(await errorTexts(page));

  // A file that is not a workbook.
  await page.getByTestId('import-file').setInputFiles({
    name: 'khong-phai-excel.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from('đây không phải là tệp Excel'),
  });
  await page.locator('section[aria-labelledby="import-title"]').getByRole('button', { name: 'Nhập từ Excel' }).click();
  await expect(page.locator('[role="alert"]').first()).toBeVisible();
  expectVietnamese(await errorTexts(page));

  // A page only the office's administrators open: said in Vietnamese, with whom to ask.
  await page.goto('/app/users');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const main = page.locator('main');
  await expect(main).toContainText('Quản trị viên');
  expect(await main.innerText()).not.toMatch(ENGLISH);
});

test('an analyst gets every refusal in Vietnamese: an empty claim, a private address fetched', async ({ page }) => {
  await signInAs(page, 'analyst');
  await page.goto('/app/factcheck?tab=claims');
  await page.getByTestId('claim-new').click();
  const form = page.getByTestId('claim-form');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form.locator('.mantine-InputWrapper-error, [role="alert"]').first()).toBeVisible();
  expectVietnamese(await errorTexts(form));
  await page.keyboard.press('Escape');

  await page.goto('/app/factcheck?tab=add');
  await page.getByTestId('item-url-input').fill('http://10.1.2.3/bai-dang');
  await page.getByTestId('item-fetch').click();
  await expect(page.getByTestId('item-form')).toContainText('không phải là địa chỉ công khai');
  expectVietnamese(await errorTexts(page.getByTestId('item-form')));
});
