// Journey of the indicators dashboard: the programme office opens the dashboard on the demo data, sees T1
// computed (T5b with its unreviewed share beside it), switches the map to the 63-unit map,
// opens a province's scorecard from the map, drills down from a figure to the agencies behind it and on to an
// agency's press item, and downloads both reports (Excel and Word). axe-core finds no serious violation.
import { test, expect } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations, switchToEnglish } from './helpers';

failOnCspViolations();

test('the dashboard computes T1, maps it on both maps, drills down to the records and downloads the reports', async ({ page }) => {
  await login(page, 'admin');
  await switchToEnglish(page);

  const t1 = page.getByTestId('target-T1');
  await expect(t1.getByTestId('figure-value')).toHaveText(/^\d+(\.\d)?%$/);
  await expect(t1.getByTestId('figure-fraction')).toHaveText(/^\d+ of \d+ records$/);
  await expect(t1.getByTestId('figure-status')).toHaveText(/On track|At risk|Off track|No data yet/);
  // T5b: the share of false items, with the unreviewed groups beside it (never hidden).
  await expect(page.getByTestId('target-T5b').getByTestId('figure-pending')).toHaveText(/^\d+ unreviewed \(/);
  await expect(page.getByTestId('no-data-source')).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // The same figure as the API gives for the scope in the URL.
  const api = await page.request.get('/api/indicators');
  const t1Figure = (await api.json()).figures.find((f: { id: string }) => f.id === 'T1');
  await expect(t1.getByTestId('figure-fraction')).toHaveText(`${t1Figure.numerator} of ${t1Figure.denominator} records`);

  // Switch to the 63-unit map: the URL keeps the view; Hà Giang (a former unit) is on the map.
  await page.getByTestId('map-toggle').getByText('63 provinces').click();
  await expect(page).toHaveURL(/map=63/);
  const map = page.getByTestId('province-map');
  await expect(map).toHaveAttribute('data-ready', 'true');
  const pointsOf = async () => JSON.parse((await map.getAttribute('data-province-points')) ?? '{}') as Record<string, [number, number]>;
  await expect.poll(async () => Object.keys(await pointsOf()).length).toBe(63);
  const points = await pointsOf();
  expect(points['02']).toBeTruthy();

  // Click Hà Nội on the map → its scorecard (on the 63-unit map), filters kept in the URL.
  const [x, y] = points['01'];
  await map.click({ position: { x, y } });
  await expect(page).toHaveURL(/\/app\/scorecard\?.*province=01/);
  await expect(page.getByTestId('scorecard-title')).toContainText('Ha Noi');
  const card = page.getByTestId('target-T1');
  await expect(card.getByTestId('figure-value')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Drill down from the figure to the agencies that count, then to an item behind one.
  await card.getByTestId('figure-fraction').click();
  await expect(page).toHaveURL(/\/app\/indicators\/records\?.*id=T1/);
  const rows = page.getByTestId('record-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('records-total')).toHaveText(/^\d+ records?$/);
  await expect(rows.first()).toContainText('Hà Nội');
  expect(await seriousViolations(page)).toEqual([]);
  const item = rows.first().locator('a[href*="/app/press?item="]').first();
  await expect(item).toBeVisible();
  await item.click();
  await expect(page).toHaveURL(/\/app\/press\?item=\d+/);

  // Both reports download and are real files.
  await page.goto('/app/?period=2026');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const xlsxBytes = await (await import('node:fs/promises')).readFile((await xlsx.path())!);
  expect(xlsxBytes.subarray(0, 2).toString()).toBe('PK');
  // The download's size is shown as a figure, not a spinner.
  await expect(page.getByTestId('report-xlsx-progress-text')).toHaveText(/^Downloaded \d+(\.\d)? (B|kB|MB)$/);
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-docx').click()]);
  expect(docx.suggestedFilename()).toMatch(/\.docx$/);
  const docxBytes = await (await import('node:fs/promises')).readFile((await docx.path())!);
  expect(docxBytes.subarray(0, 2).toString()).toBe('PK');
});
