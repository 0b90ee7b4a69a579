// The recommendations journey: the programme office imports a Government matrix (preview, then write), assigns the
// lead agency, adds an action and tags a press item and a training session as evidence through the picker (words of
// the title, no diacritics, no ids), sees the session list the recommendation on its side; the lead agency's editor
// submits a progress report; the office approves it, downloads the report draft and exports the matrix.
// Then the public tracker: readable without JavaScript, filters by GET, no serious axe violation (vi and en).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations, switchToVietnamese } from './helpers';

failOnCspViolations();

const PARAGRAPH = `950.${Date.now() % 1000}`;
const LABEL = `UPR-IV ${PARAGRAPH}`;

async function matrixFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('matrix');
  ws.addRow([
    'mechanism',
    'cycle',
    'document',
    'paragraph',
    'recommending_states',
    'text_en',
    'text_vi',
    'position',
    'themes',
    'communication',
    'targets',
  ]);
  ws.addRow([
    'upr',
    'UPR-IV',
    'A/HRC/E2E/1',
    PARAGRAPH,
    'Freedonia',
    'Fictional end-to-end text on media literacy.',
    'Nội dung thử đầu cuối về hiểu biết truyền thông.',
    'supported',
    'Media',
    'x',
    'T1; T6',
  ]);
  const file = path.join(os.tmpdir(), `rh-e2e-matrix-${process.pid}.xlsx`);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

async function firstTitle(page: Page, url: string): Promise<string> {
  const r = await page.request.get(url);
  expect(r.ok()).toBe(true);
  const { items } = (await r.json()) as { items: { title: string }[] };
  expect(items.length).toBeGreaterThan(0);
  return items[0]!.title;
}
/** Without diacritics, lower case: what a user may type. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

test('import, assign, act, tag evidence, report, approve, download the draft', async ({ page }) => {
  test.setTimeout(180_000); // three sign-ins and a dozen writes on a shared two-core machine
  await login(page, 'admin');
  await switchToVietnamese(page);
  await page.goto('/app/recommendations');
  // The e2e server has no SMTP_URL: the list says the notifications of due actions go to the inbox only.
  await expect(page.getByTestId('rec-reminders')).toContainText('không gửi e-mail');
  await page.getByTestId('rec-import-toggle').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('rec-import-file').click();
  await (await chooser).setFiles(await matrixFile());
  await page.getByTestId('rec-import-preview').click();
  await expect(page.getByTestId('rec-import-result')).toContainText(/Sẽ thêm 1/);
  await page.getByTestId('rec-import-commit').click();
  await expect(page.getByTestId('rec-import-result')).toContainText(/Đã thêm 1/);
  // The rows the server read, as a figure rather than a spinner.
  await expect(page.getByTestId('rec-import-progress-text')).toHaveText(/^Đã xử lý \d+ dòng$/);

  await page.getByRole('link', { name: LABEL }).click();
  await expect(page.getByRole('heading', { name: LABEL })).toBeVisible();
  await expect(page.getByText('Nội dung thử đầu cuối về hiểu biết truyền thông.')).toBeVisible();
  const recId = Number(new URL(page.url()).searchParams.get('id'));

  // Lead agency: the demo editor's organisation.
  await page.getByTestId('rec-lead').fill('UBND-01');
  await page.getByRole('option', { name: /UBND-01\)/ }).click();
  await page.getByTestId('rec-assign').click();
  await expect(page.getByText(/Cơ quan chủ trì: Ủy ban nhân dân/)).toBeVisible();

  await page.getByTestId('rec-action-title').fill('Tập huấn phóng viên (thử)');
  await page.getByTestId('rec-action-date').fill('30/06/2027');
  await page.getByTestId('rec-action-add').click();
  await expect(page.getByTestId('rec-actions')).toContainText('Tập huấn phóng viên (thử)');

  // Evidence through the picker (no ids typed): a press item of the lead agency and a training session, each found by
  // words of its title typed without diacritics.
  const org = (
    (await (await page.request.get('/api/organisations?q=UBND-01&limit=5')).json()) as {
      items: { id: number; code: string; nameVi: string }[];
    }
  ).items.find((o) => o.code === 'UBND-01')!;
  const pressTitle = await firstTitle(page, `/api/press/items?organisationId=${org.id}&status=published&limit=1`);
  await page.getByTestId('rec-evidence-kind').click();
  await page.getByRole('option', { name: 'Tin báo chí' }).click();
  await page.getByTestId('rec-evidence-org').fill('UBND-01');
  await page.getByRole('option', { name: /UBND-01\)/ }).click();
  await page.getByTestId('rec-evidence-search').fill(fold(pressTitle));
  const pressHit = page.getByTestId('rec-evidence-hit').filter({ hasText: pressTitle }).filter({ hasText: org.nameVi }).first();
  await expect(pressHit).toContainText('Tin báo chí');
  await pressHit.getByTestId('rec-evidence-pick').click();
  await expect(page.getByTestId('rec-evidence')).toContainText('Minh chứng (1)');
  await page.getByTestId('rec-evidence-kind').click();
  await page.getByRole('option', { name: 'Lớp tập huấn' }).click();
  await page.getByTestId('rec-evidence-search').fill('tap huan va cap nhat tinh hinh');
  const sessionHit = page.getByTestId('rec-evidence-hit').filter({ hasText: '— Hà Nội (demo)' }).first();
  await expect(sessionHit).toContainText('Tập huấn và cập nhật tình hình quyền con người (demo)');
  await sessionHit.getByTestId('rec-evidence-pick').click();
  await expect(page.getByTestId('rec-evidence')).toContainText('Minh chứng (2)');
  await expect(page.getByTestId('rec-evidence')).toContainText('Tin báo chí: 1');
  await expect(page.getByTestId('rec-evidence')).toContainText('Lớp tập huấn: 1');
  await expect(sessionHit.getByText('Đã gắn')).toBeVisible();

  // The record's side: the training session lists the recommendation it now serves.
  await page
    .getByTestId('rec-evidence-list')
    .getByRole('link', { name: /Tập huấn và cập nhật tình hình quyền con người \(demo\) — Hà Nội \(demo\)/ })
    .click();
  await expect(page.getByTestId('session-attendance').getByTestId('record-recommendations')).toContainText(LABEL);
  await page.goto(`/app/recommendations?id=${recId}`);

  // The office edits the recommendation's fields: a bad SDG target and category are named under their fields.
  await page.getByTestId('rec-edit').click();
  await page.getByTestId('rec-form-sdg').fill('sixteen');
  await page.getByTestId('rec-form-category').fill('7');
  await page.getByTestId('rec-form-save').click();
  await expect(page.getByTestId('rec-form')).toContainText('phải là mục tiêu SDG (1 đến 17, ví dụ 16) hoặc chỉ tiêu (ví dụ 16.10)');
  await expect(page.getByTestId('rec-form-sdg')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('rec-form-category')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('rec-form-sdg').fill('16.10; 4.7');
  await page.getByTestId('rec-form-category').fill('2');
  await page.getByTestId('rec-form-save').click();
  await expect(page.getByTestId('rec-form')).toHaveCount(0);
  await expect(page.getByText(/SDG: 16\.10, 4\.7 · UPR Info: 2/)).toBeVisible();

  // The lead agency's editor reports.
  await page.context().clearCookies();
  await login(page, 'editor');
  await switchToVietnamese(page);
  // The list opens on what the editor's organisation implements; unticked, it shows every recommendation.
  await page.goto('/app/recommendations');
  await expect(page).toHaveURL(/organisationId=\d+/);
  await expect(page.getByTestId('rec-filter-mine')).toBeChecked();
  await expect(page.getByTestId('rec-list').getByRole('link', { name: LABEL })).toBeVisible();
  await page.getByTestId('rec-filter-mine').uncheck();
  await expect(page).not.toHaveURL(/organisationId=/);
  await page.goto(`/app/recommendations?id=${recId}`);
  await page.getByTestId('rec-report-period').fill('2026-H2');
  await page.getByTestId('rec-report-narrative').fill('Đã tổ chức hai lớp tập huấn (thử).');
  await page.getByTestId('rec-report-submit').click();
  await expect(page.getByTestId('rec-report')).toContainText('Đã gửi');

  // The programme office approves and downloads the draft.
  await page.context().clearCookies();
  await login(page, 'admin');
  await switchToVietnamese(page);
  await page.goto(`/app/recommendations?id=${recId}`);
  await page.getByTestId('rec-report-approve').click();
  await expect(page.getByTestId('rec-report')).toContainText('Đã phê duyệt');
  await page.goto('/app/recommendations');
  const download = page.waitForEvent('download');
  await page.getByTestId('rec-report-draft').click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('recommendations-report-vi.docx');
  const matrix = page.waitForEvent('download');
  await page.getByTestId('rec-matrix-export').click();
  expect((await matrix).suggestedFilename()).toBe('recommendations-matrix-export.xlsx');
});

test("a UHRI export without a State column is refused until the office confirms every row is Viet Nam's", async ({ page }) => {
  test.setTimeout(120_000);
  const para = `960.${Date.now() % 1000}`;
  // Shaped like UHRI's "Export to Excel", without its "Countries Concerned" column: the paragraph starts the text.
  const csv = [
    'Text,Reccomending Body,Document Symbol,Sdgs,UPR Position,UPR Session',
    `"${para} Fictional end-to-end UHRI row on access to information (Freedonia);",- UPR,A/HRC/E2E/2,"- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS",- Supported,46th Session`,
  ].join('\n');
  const file = path.join(os.tmpdir(), `rh-e2e-uhri-${process.pid}.csv`);
  writeFileSync(file, csv);
  await login(page, 'admin');
  await switchToVietnamese(page);
  await page.goto('/app/recommendations');
  await page.getByTestId('rec-import-toggle').click();
  await page.getByTestId('rec-import').getByLabel('Nguồn').click();
  await page.getByRole('option', { name: 'Chỉ số Nhân quyền Toàn cầu (UHRI)' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('rec-import-file').click();
  await (await chooser).setFiles(file);
  await page.getByTestId('rec-import-preview').click();
  await expect(page.getByRole('alert')).toContainText('State: thiếu cột "State"');
  await page.getByTestId('rec-import-state-confirmed').check();
  await page.getByTestId('rec-import-preview').click();
  await expect(page.getByTestId('rec-import-result')).toContainText(/Sẽ thêm 1/);
  await expect(page.getByTestId('rec-import-result')).toContainText(`UPR-IV ${para}`);
  await page.getByTestId('rec-import-commit').click();
  await expect(page.getByTestId('rec-import-result')).toContainText(/Đã thêm 1/);
});

test('the public tracker works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/khuyen-nghi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Khuyến nghị quốc tế về quyền con người');
  await expect(page.getByText('UPR-III 38.63').first()).toBeVisible();
  await page.getByLabel('Lập trường').selectOption('noted');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page).toHaveURL(/position=noted/);
  await page.goto('/en/recommendations');
  await page.getByRole('link', { name: /UPR-IV 901\.1/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('UPR-IV 901.1');
  await context.close();
});

test('the public tracker has no serious accessibility violation (vi list, en recommendation page)', async ({ page }) => {
  await page.goto('/khuyen-nghi');
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto('/en/recommendations');
  await page.getByRole('link', { name: /UPR-IV 901\.1/ }).click();
  expect(await seriousViolations(page)).toEqual([]);
});
