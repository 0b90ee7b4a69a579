// Journey: an administrator imports an agency's history from Excel (a former Sở on the 63-unit map merged into its
// successor); the successor's page lists its predecessor with the kind, and the link opens the former agency with
// its province on the map of its time.
import { test, expect } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { login, switchToEnglish } from './helpers';

const COLUMNS = ['code', 'name_vi', 'name_en', 'short_name', 'kind', 'parent_code', 'province_code', 'country_code', 'state_admin_agency'];

test('an organisation page shows its history: predecessors with the kind, the map of their time', async ({ page }) => {
  const run = Date.now().toString(36).toUpperCase();
  const file = join(mkdtempSync(join(tmpdir(), 'rh-e2e-')), 'history.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('organisations');
  ws.addRow([...COLUMNS, 'valid_from', 'valid_to', 'successor_code', 'succession_kind']);
  ws.addRow([
    `HG-${run}`,
    `Sở cũ Hà Giang ${run}`,
    null,
    null,
    'provincial_department',
    null,
    '02',
    null,
    'có',
    '2008-04-01',
    '2025-06-30',
    `TQ-${run}`,
    'merged_into',
  ]);
  ws.addRow([
    `TQ-${run}`,
    `Sở mới Tuyên Quang ${run}`,
    null,
    null,
    'provincial_department',
    null,
    '08',
    null,
    'có',
    '2025-07-01',
    null,
    null,
    null,
  ]);
  await wb.xlsx.writeFile(file);

  await login(page);
  await switchToEnglish(page);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Organisations' }).click();
  await page.getByLabel('Excel file (.xlsx)').setInputFiles(file);
  await page.getByRole('button', { name: 'Import from Excel' }).click();
  await expect(page.getByTestId('import-success')).toContainText('2 created');

  await page.getByLabel('Search organisations').fill(`TQ-${run}`);
  await page.getByTestId(`org-node-TQ-${run}`).click();
  const preds = page.getByTestId('org-predecessors');
  await expect(preds).toContainText(`Sở cũ Hà Giang ${run}`);
  await expect(preds).toContainText('merged into');
  await expect(page.getByTestId('org-province')).toContainText('34-unit map');
  await preds.getByRole('button', { name: `Sở cũ Hà Giang ${run}` }).click();
  await expect(page.getByTestId('org-province')).toContainText('Hà Giang (02, 63-unit map)');
  await expect(page.getByTestId('org-successor')).toContainText(`merged into Sở mới Tuyên Quang ${run}`);
});
