// Excel import of the press module (issue 21): the programme office imports press items from a workbook built here
// with exceljs (one published today, one draft) and finds both in the press list; a file with a bad row is refused
// with the row and column named and nothing written; the focal point of UBND-01 imports a spokesperson for their
// organisation and sees them in the spokespersons list.
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { login, switchToEnglish } from './helpers';

async function workbook(sheet: string, rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
/** Opens the import panel with the page's "Import from Excel" button, uploads `buffer` and waits for the answer. */
async function importFile(page: Page, kind: 'items' | 'spokespersons', buffer: Buffer) {
  const panel = page.getByRole('region', { name: 'Excel' });
  if (!(await panel.isVisible())) await page.getByTestId(`press-import-${kind}`).click();
  await expect(panel.getByTestId('download-template')).toHaveAttribute('href', `/api/press/${kind}/import-template.xlsx`);
  await panel.getByTestId('import-file').setInputFiles({
    name: `${kind}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  await panel.getByRole('button', { name: 'Import from Excel' }).click();
  return panel;
}
/** Today in Viet Nam, YYYY-MM-DD. */
const vnToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

test('the office imports press items from Excel and finds them in the list; a bad row is named and nothing written', async ({ page }) => {
  const run = Date.now().toString(36).toUpperCase();
  await login(page, 'admin');
  await switchToEnglish(page);
  await page.goto('/app/press');
  await expect(page.getByTestId('press-items-table')).toBeVisible();
  const header = ['organisation_code', 'kind', 'title', 'published_on'];

  // A bad kind on row 3: the whole file is refused with that row and column.
  const bad = await importFile(
    page,
    'items',
    await workbook('press_items', [
      header,
      ['UBND-01', 'press_release', `Thông cáo nhập ${run} A`, vnToday()],
      ['UBND-01', 'tweet', `Sai ${run}`, ''],
    ]),
  );
  const errors = bad.getByTestId('import-error-table');
  await expect(errors).toBeVisible();
  await expect(errors.getByRole('row').nth(1)).toContainText('3');
  await expect(errors.getByRole('row').nth(1)).toContainText('kind');

  const good = await importFile(
    page,
    'items',
    await workbook('press_items', [
      header,
      ['UBND-01', 'press_release', `Thông cáo nhập ${run} A`, vnToday()],
      ['UBND-01', 'statement', `Tuyên bố nhập ${run} B`, ''],
    ]),
  );
  await expect(good.getByTestId('import-success')).toContainText('2 created');
  const filters = page.getByRole('region', { name: 'Filters' });
  await filters.getByRole('searchbox').fill(run);
  const table = page.getByTestId('press-items-table');
  await expect(table.getByText(`Thông cáo nhập ${run} A`)).toBeVisible();
  await expect(table.getByText(`Tuyên bố nhập ${run} B`)).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(3); // the header and the two imported items: the refused file wrote nothing
});

test('a focal point imports a spokesperson of their organisation and sees them in the list', async ({ page }) => {
  const run = Date.now().toString(36).toUpperCase();
  await login(page, 'editor');
  await switchToEnglish(page);
  await page.goto('/app/press/spokespersons');
  const panel = await importFile(
    page,
    'spokespersons',
    await workbook('spokespersons', [
      ['organisation_code', 'full_name', 'position', 'valid_from'],
      ['UBND-01', `Người phát ngôn ${run}`, 'Chánh Văn phòng', vnToday()],
    ]),
  );
  await expect(panel.getByTestId('import-success')).toContainText('1 created');
  await expect(page.getByText(`Người phát ngôn ${run}`)).toBeVisible();
});
