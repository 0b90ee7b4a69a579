// Journey of the indicators dashboard: the programme office opens the dashboard on the demo data, sees T1
// computed (T5b with its unreviewed share beside it), switches the map to the 63-unit map,
// opens a province's scorecard from the map, drills down from a figure to the agencies behind it and on to an
// agency's press item, and downloads both reports (Excel and Word). axe-core finds no serious violation.
// Where things stand: the one-line summary (as the API counts it), the cards ordered the worst first, the provinces
// the worst first, a province judged against its own targets (no "≥ 63", no value beside "no data"), and an editor's
// own view (its due reports, returned work and T1 this period).
import { test, expect, type Page } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations, switchToEnglish, switchToVietnamese } from './helpers';

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

const RANK = ['off_track', 'at_risk', 'on_track', 'no_data', 'not_judged'];
const ranks = async (page: Page) =>
  (
    await page
      .getByTestId('target-cards')
      .locator('[data-status]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))
  ).map((s) => RANK.indexOf(s ?? ''));

test('the summary line says where the targets stand; cards and provinces come worst first; a province has its own targets', async ({
  page,
}) => {
  await login(page, 'admin');
  await switchToVietnamese(page);
  await page.goto('/app/');
  const summary = page.getByTestId('status-summary');
  await expect(summary).toHaveText(/^● \d+ đúng tiến độ · ● \d+ có nguy cơ chậm · ● \d+ chậm tiến độ · ● \d+ chưa có số liệu$/);
  const api = await (await page.request.get('/api/indicators')).json();
  const s = api.summary as { onTrack: number; atRisk: number; behind: number; noData: number };
  await expect(summary).toHaveText(
    `● ${s.onTrack} đúng tiến độ · ● ${s.atRisk} có nguy cơ chậm · ● ${s.behind} chậm tiến độ · ● ${s.noData} chưa có số liệu`,
  );
  expect(s.onTrack + s.atRisk + s.behind + s.noData).toBe(12);
  // Each card says its status in words and carries its colour.
  await expect(page.getByTestId('target-T1').getByTestId('figure-status')).toHaveText(
    /Đúng tiến độ|Có nguy cơ chậm|Chậm tiến độ|Chưa có số liệu/,
  );

  // Worst first: the order is kept in the URL and the cards follow the statuses.
  await page.getByTestId('target-order').getByText('Chậm nhất trước').click();
  await expect(page).toHaveURL(/sort=status/);
  await expect
    .poll(async () => {
      const r = await ranks(page);
      return r.length === 12 && r.every((x, i) => i === 0 || r[i - 1]! <= x);
    })
    .toBe(true);
  expect(await seriousViolations(page)).toEqual([]);

  // The provinces of the breakdown come worst first, each with its status.
  const statuses = await page
    .getByTestId('breakdown-province')
    .getByTestId('row-status')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  const order = ['Chậm tiến độ', 'Có nguy cơ chậm', 'Đúng tiến độ', 'Chưa có số liệu', ''];
  const rowRanks = statuses.map((x) => order.findIndex((w) => (w ? x.includes(w) : true)));
  expect(rowRanks.every((x, i) => i === 0 || rowRanks[i - 1]! <= x)).toBe(true);

  // One province (Hà Nội, not merged): T3 against its own target (one unit), never "≥ 63"; T4a is a contribution.
  await page.goto('/app/?period=2026&province=01');
  const t3 = page.getByTestId('target-T3');
  await expect(t3.getByTestId('figure-target')).toContainText('≥ 1 ');
  await expect(t3.getByTestId('figure-target')).not.toContainText('63');
  const t4a = page.getByTestId('target-T4a');
  await expect(t4a.getByTestId('figure-no-target')).toBeVisible();
  await expect(t4a.getByTestId('figure-status')).toHaveCount(0);
  await expect(page.getByTestId('summary-noTarget')).toContainText('không có mục tiêu riêng');
  // No value beside "no data".
  for (const card of await page.getByTestId('target-cards').locator('[data-status="no_data"]').all())
    await expect(card.getByTestId('figure-value')).toHaveText('—');
});

test("an editor's dashboard opens on its organisation's own view", async ({ page }) => {
  await login(page, 'editor');
  await switchToVietnamese(page);
  await page.goto('/app/');
  const mine = page.getByTestId('my-organisation');
  await expect(mine).toBeVisible();
  await expect(mine.getByRole('heading')).toContainText(/^Tổ chức của tôi: .*Hà Nội/);
  await expect(mine.getByTestId('my-due')).toContainText(/Báo cáo cần lập hoặc sửa: \d+/);
  await expect(mine.getByTestId('my-returned')).toContainText(/Bị trả lại cần sửa: \d+/);
  await expect(mine.getByTestId('my-t1')).toContainText('Chỉ tiêu T1');
  await expect(mine.getByTestId('my-t1-status')).toHaveText(/Đạt|Chưa đạt|không thuộc diện/);
  // The T1 status is the one the records give for the organisation in this period.
  const me = await (await page.request.get('/api/auth/me')).json();
  const drill = await (
    await page.request.get(`/api/indicators/T1/records?organisationId=${me.organisationId}&part=denominator&limit=1`)
  ).json();
  if (drill.records.length) await expect(mine.getByTestId('my-t1-status')).toContainText(drill.records[0].counts ? 'Đạt' : 'Chưa đạt');
  expect(await seriousViolations(page)).toEqual([]);
});
