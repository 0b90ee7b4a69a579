// Journey of the consolidated programme report: the programme office opens the report of last year (closed by the demo
// data) on the cycle workspace, edits the overall summary and saves it ("edited" badge), downloads the Word report —
// which carries the edited paragraph — and the Excel annex, then resets the paragraph to the generated text. An analyst
// reads the paragraphs without editing them. axe-core finds no serious or critical violation on the section.
import fs from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { unzip } from '../test/zip';
import { failOnCspViolations, login, seriousViolations, switchToVietnamese } from './helpers';

failOnCspViolations();

async function signInAs(page: Page, who: 'admin' | 'analyst') {
  await page.context().clearCookies();
  await login(page, who);
  await switchToVietnamese(page);
}

const lastYear = new Date().getFullYear() - 1;

test('the office edits the summary, downloads the Word report with it and resets it; an analyst reads it', async ({ page }) => {
  await signInAs(page, 'admin');
  await page.goto('/app/cycle?tab=calendar');
  await page.getByTestId(`consolidated-${lastYear}`).click();
  const section = page.getByTestId('consolidated-section');
  await expect(section.getByRole('heading', { name: 'Báo cáo tổng hợp' })).toBeVisible();
  const overall = page.getByTestId('summary-overall');
  await expect(overall).toHaveValue(new RegExp(`^Năm ${lastYear}: trong \\d+ chỉ tiêu có nguồn dữ liệu`));
  expect(await seriousViolations(page)).toEqual([]);

  const edited = `Năm ${lastYear}, các cơ quan, tổ chức đã triển khai Đề án đồng bộ (đoạn do Văn phòng Đề án viết).`;
  await overall.fill(edited);
  await page.getByTestId('save-summary').click();
  await expect(page.getByTestId('edited-overall')).toHaveText('Đã sửa');
  await expect(overall).toHaveValue(edited);

  const [word] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('consolidated-docx').click()]);
  expect(word.suggestedFilename()).toBe(`bao-cao-tong-hop-${lastYear}.docx`);
  // The download shows its size as a figure once done.
  await expect(page.getByTestId('consolidated-docx-progress-text')).toHaveText(/^Đã tải xong \d+(,\d)? (kB|MB)$/);
  const xml = unzip(fs.readFileSync((await word.path())!))
    .get('word/document.xml')!
    .toString('utf8');
  expect(xml).toContain('đoạn do Văn phòng Đề án viết');
  expect(xml).toContain('số liệu chính thức, khoá sổ lần');
  const [excel] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('consolidated-xlsx').click()]);
  expect(excel.suggestedFilename()).toBe(`phu-luc-bao-cao-tong-hop-${lastYear}.xlsx`);

  await page.getByTestId('reset-overall').click();
  await expect(page.getByTestId('edited-overall')).toHaveCount(0);
  await expect(overall).toHaveValue(new RegExp(`^Năm ${lastYear}: trong \\d+ chỉ tiêu`));

  await signInAs(page, 'analyst');
  await page.goto('/app/cycle?tab=consolidated');
  await expect(page.getByTestId('summary-overall')).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('save-summary')).toHaveCount(0);
  await expect(page.getByTestId('consolidated-docx')).toBeVisible();
});
