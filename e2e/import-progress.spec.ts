// Journey: long work shows a figure, not a spinner (issue 18). An administrator imports a workbook of a few thousand
// organisation rows; while the server works, the progress under the import names the rows read / written so far
// ("Đã ghi 1.200 / 2.000 dòng"), polled from GET /api/progress/:id, before the answer comes. Every row names a parent
// that does not exist, so the import is refused whole at the end (422, every row listed) and nothing is written: the
// journey leaves the shared database as it found it.
import { test, expect } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { login, switchToVietnamese } from './helpers';

const COLUMNS = ['code', 'name_vi', 'name_en', 'short_name', 'kind', 'parent_code', 'province_code', 'country_code', 'state_admin_agency'];
const ROWS = 2000;

test('an import of thousands of rows shows the rows done while the server works', async ({ page }) => {
  const run = Date.now().toString(36).toUpperCase();
  const file = join(mkdtempSync(join(tmpdir(), 'rh-e2e-')), 'nhieu-dong.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('organisations');
  ws.addRow(COLUMNS);
  for (let i = 0; i < ROWS; i++)
    ws.addRow([`PRG-${run}-${i}`, `Tổ chức ${run} số ${i}`, null, null, 'other', `KHONG-CO-${run}`, null, null, 'không']);
  await wb.xlsx.writeFile(file);

  await login(page);
  await switchToVietnamese(page);
  await page.goto('/app/organisations');
  await page.getByLabel('Tệp Excel (.xlsx)').setInputFiles(file);
  const polls: number[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/progress/')) polls.push(r.status());
  });
  await page.getByRole('button', { name: 'Nhập từ Excel' }).click();

  // While the server works: a row figure, with a bar (not the final "Đã xử lý …", which comes with the answer).
  const figure = page.getByTestId('import-progress-text');
  await expect(figure).toHaveText(/^Đã (đọc|đối chiếu|ghi) [\d.]+( \/ [\d.]+)? dòng/, { timeout: 60_000 });
  // The bar's filled section has no width at 0 %, so Playwright counts it hidden: the box around it is what shows.
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await expect(page.getByTestId('import-progress').getByRole('progressbar')).toHaveAttribute('aria-valuetext', /^\d+%$/);
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  const seen = (await figure.textContent()) ?? '';
  if (seen.includes('/')) expect(seen).toMatch(/\/ 2\.000 dòng$/);
  await page.screenshot({ path: 'test-results/import-progress-figure.png' });

  // Then the answer: refused whole, every row named; nothing was written.
  const errors = page.getByTestId('import-errors');
  await expect(errors).toBeVisible({ timeout: 170_000 });
  await expect(errors).toContainText('Chưa nhập dòng nào');
  expect(polls).toContain(200);
  await page.getByLabel('Tìm tổ chức').fill(`PRG-${run}`);
  await expect(page.getByTestId('org-tree-empty')).toBeVisible();
});
