// Journey of the press module (T1): a focal point (the demo editor of UBND-01 Hà Nội) drafts a press release
// for their organisation, publishes it and sees it published in the list; they cannot choose another
// province's organisation; the compliance page for the current period shows UBND-01 on time with the item
// linked. The release carries a PDF attachment, which the public newsroom item page lists and serves, and the
// item is in the RSS feed; a correction of its title shows on the public page and in the feed. axe-core finds
// no serious or critical violation on the press items and compliance pages.
import { test, expect } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations, switchToEnglish } from './helpers';

failOnCspViolations();

test('a focal point drafts and publishes a press release, which counts on time on the compliance page', async ({ page }) => {
  const run = Date.now().toString(36).toUpperCase();
  const title = `Thông cáo báo chí kiểm thử ${run}`;
  await login(page, 'editor');
  await switchToEnglish(page);
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Press' }).click();
  await expect(page).toHaveURL(/\/app\/press$/);
  await expect(page.getByTestId('press-items-table')).toBeVisible();
  // The list opens on the editor's own organisation.
  const filters = page.getByRole('region', { name: 'Filters' });
  await expect(filters.getByRole('combobox', { name: 'Organisation' })).toHaveValue(/UBND-01/);

  await page.getByTestId('new-press-item').click();
  const form = page.getByTestId('press-item-form');
  await expect(form).toBeVisible();
  // Editors default to their organisation, and cannot pick another province's.
  const org = form.getByRole('combobox', { name: /^Organisation/ });
  await expect(org).toHaveValue(/UBND-01/);
  await org.fill('UBND');
  const options = page.getByRole('option');
  await expect(options.first()).toBeVisible();
  for (const text of await options.allTextContents()) expect(text).toContain('UBND-01');
  await org.fill('UBND-79');
  await expect(page.getByText('Nothing found')).toBeVisible();
  await org.fill('UBND-01');
  await page
    .getByRole('option', { name: /UBND-01/ })
    .first()
    .click();
  await expect(org).toHaveValue(/UBND-01/);

  await form.getByRole('textbox', { name: /^Title/ }).fill(title);
  await form.getByRole('textbox', { name: /^Summary/ }).fill('Tóm tắt kiểm thử.');
  // The body is written in a rich-text editor offering only what the server keeps: no strikethrough, code or
  // "open in a new tab". Bold from the toolbar, italic from the keyboard.
  const body = form.getByRole('textbox', { name: /^Body/ });
  const toolbar = form.getByRole('toolbar', { name: 'Body formatting' });
  await expect(toolbar.getByRole('button', { name: 'Section heading', exact: true })).toBeVisible();
  await expect(toolbar.getByRole('button', { name: /Strikethrough|Code/ })).toHaveCount(0);
  await body.click();
  await body.pressSequentially('Nội dung ');
  await toolbar.getByRole('button', { name: 'Bold' }).click();
  await body.pressSequentially('kiểm thử');
  await toolbar.getByRole('button', { name: 'Bold' }).click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+i');
  await body.pressSequentially('Xem thêm');
  await expect(body.locator('strong')).toHaveText('kiểm thử');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/press/items') && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Save' }).click();
  const res = await created;
  expect(res.status()).toBe(201);
  const item = (await res.json()) as { id: number; status: string; bodyHtml: string };
  expect(item.status).toBe('draft');
  expect(item.bodyHtml).toContain('<p>Nội dung <strong>kiểm thử</strong></p>');
  expect(item.bodyHtml).toContain('<em>Xem thêm</em>');

  const details = page.getByTestId('press-item-details');
  await expect(details.getByTestId('press-item-status')).toHaveText('Draft');
  await expect(details.getByTestId('press-item-body').locator('strong')).toHaveText('kiểm thử');

  // Attach a small PDF made here; the type is decided from its bytes on the server.
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  );
  const panel = details.getByTestId('press-attachments');
  await expect(panel).toContainText('Attachments');
  await panel.locator('input[type="file"]').setInputFiles({ name: `Thông cáo ${run}.pdf`, mimeType: 'application/pdf', buffer: pdf });
  await panel.getByRole('textbox', { name: 'Caption' }).fill('Toàn văn thông cáo');
  const uploaded = page.waitForResponse(
    (r) => r.url().endsWith(`/api/press/items/${item.id}/attachments`) && r.request().method() === 'POST',
  );
  await panel.getByTestId('press-attachment-upload').click();
  const up = await uploaded;
  expect(up.status()).toBe(201);
  const attachment = (await up.json()) as { id: number; url: string; mediaType: string };
  expect(attachment.mediaType).toBe('application/pdf');
  await expect(panel.getByTestId(`press-attachment-${attachment.id}`)).toContainText(`Thông cáo ${run}.pdf`);
  // Not public while a draft.
  expect((await page.request.get(attachment.url)).status()).toBe(404);

  await details.getByTestId('press-action-publish').click();
  await expect(details.getByTestId('press-item-status')).toHaveText('Published');
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);

  await page.getByTestId('press-search').fill(run);
  const row = page.getByTestId(`press-item-row-${item.id}`);
  await expect(row).toContainText(title);
  await expect(row).toContainText('Published');

  // Compliance for the current period: UBND-01 on time, with this item among those that count.
  await page.getByTestId('press-tabs').getByRole('link', { name: 'Compliance (T1)' }).click();
  await expect(page).toHaveURL(/\/app\/press\/compliance$/);
  const ubnd = page.getByTestId('compliance-row-UBND-01');
  await expect(ubnd).toBeVisible();
  await expect(ubnd.getByTestId('compliance-information')).toHaveText('On time');
  await expect(ubnd.getByTestId(`compliance-item-${item.id}`)).toBeVisible();
  await expect(page.getByTestId('method-note')).toContainText('Viet Nam time');
  await expect(page.getByTestId('compliance-export')).toHaveAttribute('href', /\/api\/press\/compliance\.xlsx\?period=\d{4}-Q[1-4]/);
  // The link leads to the item.
  await ubnd.getByTestId(`compliance-item-${item.id}`).click();
  await expect(page.getByRole('dialog', { name: title })).toBeVisible();
  await expect(page.getByTestId('press-item-details')).toContainText('Published');

  // The public newsroom item page lists the attachment, and its link downloads the PDF.
  await page.goto(`/tin-tuc/${item.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('main strong').filter({ hasText: 'kiểm thử' })).toHaveCount(1);
  const link = page.locator(`a[href="${attachment.url}"]`);
  await expect(link).toHaveText(`Thông cáo ${run}.pdf`);
  await expect(page.locator('section.attachments')).toContainText('PDF');
  const download = await page.request.get((await link.getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toBe('application/pdf');
  expect((await download.body()).equals(pdf)).toBe(true);
  // And the item is in the RSS feed.
  const rss = await page.request.get('/tin-tuc/rss.xml');
  expect(rss.status()).toBe(200);
  expect(await rss.text()).toContain(title);

  // A correction changes the title (the form is pre-filled) with a note; the public page shows the corrected
  // title and the Correction box with the note and the previous title, and so does the feed.
  const corrected = `${title} (đã đính chính)`;
  await page.goto(`/app/press?item=${item.id}`);
  const again = page.getByTestId('press-item-details');
  await again.getByTestId('press-action-correct').click();
  const fix = again.getByTestId('press-pending-correct');
  await expect(fix.getByRole('textbox', { name: /^Title/ })).toHaveValue(title);
  await fix.getByRole('textbox', { name: /^Title/ }).fill(corrected);
  await fix.getByRole('textbox', { name: /^Correction note/ }).fill('Sửa tiêu đề');
  await fix.getByRole('button', { name: 'Publish correction' }).click();
  await expect(again.getByTestId('press-item-status')).toHaveText('Corrected');
  await expect(again.getByTestId('press-corrections')).toContainText('Changed: title');
  // (The English page: the browser may still hold the Vietnamese one, which the portal lets it cache for 5 minutes.)
  await page.goto(`/en/news/${item.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(corrected);
  const box = page.locator('section.corrections');
  await expect(box).toContainText('Sửa tiêu đề');
  await expect(box).toContainText('Changed: title');
  await expect(box).toContainText(`Title before the correction: ${title}`);
  expect(await (await page.request.get('/tin-tuc/rss.xml')).text()).toContain(corrected);
});

test('press items and compliance pages have no serious or critical accessibility violations', async ({ page }) => {
  await login(page, 'editor');
  await page.goto('/app/press');
  await expect(page.getByTestId('press-items-table')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // The item form with its rich-text editor, open.
  await page.getByTestId('new-press-item').click();
  await expect(page.getByTestId('press-body-editor')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.goto('/app/press/compliance');
  await expect(page.getByTestId('compliance-table')).toBeVisible();
  await expect(page.getByTestId('compliance-summary')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('an admin changes the grace days in the reporting settings, which persist after a reload', async ({ page }) => {
  await login(page, 'admin');
  await switchToEnglish(page);
  await page.goto('/app/press');
  await page.getByTestId('press-tabs').getByRole('link', { name: 'Reporting settings' }).click();
  await expect(page).toHaveURL(/\/app\/press\/settings$/);
  const grace = page.getByRole('textbox', { name: 'Grace days for late information' });
  await expect(grace).toBeEnabled();
  const original = await grace.inputValue();
  const save = async (value: string) => {
    await grace.fill(value);
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/press/settings') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await saved).status()).toBe(200);
    await expect(page.getByRole('status').filter({ hasText: 'Reporting settings saved.' })).toBeVisible();
  };
  await save('20');
  await page.reload();
  await expect(grace).toHaveValue('20');
  await save(original);
});
