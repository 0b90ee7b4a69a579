// Journey: an administrator imports organisations from Excel. A file with one bad row is refused
// whole (every bad row listed, nothing written); the corrected file creates both, which the
// tree search finds and the audit log records.
import { test, expect, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { login, switchToEnglish, switchToVietnamese } from './helpers';

const COLUMNS = ['code', 'name_vi', 'name_en', 'short_name', 'kind', 'parent_code', 'province_code', 'country_code', 'state_admin_agency'];

async function writeWorkbook(path: string, rows: (string | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('organisations');
  ws.addRow(COLUMNS);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
  return path;
}

async function importFile(page: Page, file: string): Promise<void> {
  await page.getByLabel('Excel file (.xlsx)').setInputFiles(file);
  await page.getByRole('button', { name: 'Import from Excel' }).click();
}

test('import organisations from Excel: all or nothing, then found in the tree and the audit log', async ({ page }) => {
  const run = Date.now().toString(36).toUpperCase();
  const codeA = `E2E-A-${run}`;
  const codeB = `E2E-B-${run}`;
  const nameA = `Tổ chức kiểm thử Đông ${run}`;
  const nameB = `Tổ chức kiểm thử Tây ${run}`;
  const dir = mkdtempSync(join(tmpdir(), 'rh-e2e-'));
  const good = [codeA, nameA, `Test organisation East ${run}`, null, 'other', null, '01', null, 'no'];
  const bad = [codeB, nameB, `Test organisation West ${run}`, null, 'other', null, '99', null, 'không'];
  const badFile = await writeWorkbook(join(dir, 'bad.xlsx'), [good, bad]);
  const fixedFile = await writeWorkbook(join(dir, 'fixed.xlsx'), [good, [...bad.slice(0, 6), '01', null, 'không']]);

  await login(page);
  await switchToEnglish(page);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Organisations' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();

  await nav.getByRole('link', { name: 'Organisations' }).click();
  await expect(page).toHaveURL(/\/app\/organisations$/);
  await expect(page).toHaveTitle(/Organisations/);
  await expect(page.getByTestId('org-tree')).toBeVisible();

  // 1. One bad row: the whole file is refused and the bad row is named.
  await importFile(page, badFile);
  const errors = page.getByTestId('import-errors');
  await expect(errors).toBeVisible();
  await expect(errors).toContainText('Nothing was imported');
  const badRow = page.getByTestId('import-error-table').getByRole('row').filter({ hasText: 'province_code' });
  await expect(badRow).toHaveCount(1);
  await expect(badRow.getByRole('cell').first()).toHaveText('3');
  await expect(page.getByTestId('import-success')).toHaveCount(0);

  const search = page.getByLabel('Search organisations');
  await search.fill(codeA);
  await expect(page.getByTestId('org-tree-empty')).toBeVisible();
  await expect(page.getByTestId(`org-node-${codeA}`)).toHaveCount(0);

  // 2. The corrected file: both are created.
  await importFile(page, fixedFile);
  await expect(page.getByTestId('import-success')).toContainText('2 created');
  await expect(page.getByTestId('import-progress-text')).toHaveText('2 rows processed');
  await expect(page.getByTestId('import-errors')).toHaveCount(0);

  // Diacritic-insensitive search finds both.
  await search.fill(`E2E-`);
  await expect(page.getByTestId(`org-node-${codeA}`)).toBeVisible();
  await expect(page.getByTestId(`org-node-${codeB}`)).toBeVisible();
  await search.fill(`kiem thu dong ${run}`);
  await expect(page.getByTestId(`org-node-${codeA}`)).toBeVisible();
  await expect(page.getByTestId(`org-node-${codeB}`)).toHaveCount(0);

  // 3. The audit log has a create entry for each, said in words (the filters offer them by name; no code shows).
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveTitle(/Audit log/);
  await page.getByRole('combobox', { name: 'Entity', exact: true }).fill('Organisation');
  await page.getByRole('option', { name: 'Organisation', exact: true }).click();
  await page.getByRole('combobox', { name: 'Action', exact: true }).fill('Created');
  await page.getByRole('option', { name: 'Created', exact: true }).click();
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toContainText('Organisation');
  await expect(rows.first()).toContainText('Created');
  await expect(rows.first()).toContainText('File import');
  await expect(rows.first()).not.toContainText('organisation');
  await expect(rows.first()).not.toContainText('create');
  let seen = '';
  for (const i of [0, 1]) {
    await rows.nth(i).click();
    const diff = page.getByTestId('audit-diff');
    await expect(diff).toBeVisible();
    seen += await diff.innerText();
    await page.keyboard.press('Escape');
    await expect(diff).toBeHidden();
  }
  expect(seen).toContain(codeA);
  expect(seen).toContain(codeB);

  // In Vietnamese the same entries read in Vietnamese.
  await switchToVietnamese(page);
  await expect(rows.first()).toContainText('Cơ quan, đơn vị');
  await expect(rows.first()).toContainText('Tạo mới');
  await expect(rows.first()).toContainText('Nhập từ tệp');
  await switchToEnglish(page);
});
