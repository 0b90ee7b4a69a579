// Journey of the library (T4a): a focal point (the demo editor of UBND-01 Hà Nội) records a book with a valid
// ISBN (a wrong check digit first, corrected from the form's suggestion), uploads its PDF, publishes it, finds it
// by a search typed without diacritics (in the workspace, by a word of the PDF too, and on the public portal),
// and sees T4a (human-rights book titles) go up by one on the dashboard.
// axe-core finds no serious or critical violation on the library list, the form and the product details.
import { test, expect, type Page } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations, switchToEnglish } from './helpers';

failOnCspViolations();

/** The check digit of an ISBN-13 from its first 12 digits. */
function isbn13Check(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** A small but well-formed one-page PDF (correct xref offsets) whose page shows `text` (ASCII). */
function makePdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** T4a's figure (number of book titles) for the default scope, from the API. */
async function t4a(page: Page): Promise<number> {
  const res = await page.request.get('/api/indicators');
  expect(res.status()).toBe(200);
  const fig = (await res.json()).figures.find((f: { id: string }) => f.id === 'T4a') as
    { value: number | null; numerator: number } | undefined;
  expect(fig, 'T4a has a figure').toBeTruthy();
  return fig!.numerator;
}

/** The number shown on the dashboard's T4a card. */
async function dashboardT4a(page: Page): Promise<string> {
  await page.goto('/app/');
  const value = page.getByTestId('target-T4a').getByTestId('figure-value');
  await expect(value).toBeVisible();
  return (await value.textContent())!.replace(/\D/g, '');
}

test('a focal point records a book with its PDF, publishes it, finds it without diacritics, and T4a goes up', async ({ page }) => {
  const run = Date.now().toString(36).toLowerCase();
  const title = `Quyền con người trong đời sống — sách kiểm thử ${run}`;
  const first12 = `978604${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const check = isbn13Check(first12);
  const isbn = `${first12}${check}`;
  const wrongIsbn = `${first12}${(check + 1) % 10}`;

  await login(page, 'editor');
  await switchToEnglish(page);
  const before = await t4a(page);
  expect(await dashboardT4a(page)).toBe(String(before));

  // The library from the side navigation.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Library' }).click();
  // An editor's library opens on its own organisation's products.
  await expect(page).toHaveURL(/\/app\/library\?organisationId=\d+$/);
  await expect(page.getByTestId('library-filter-organisationId')).not.toHaveValue('');
  await expect(page.getByTestId('library-table')).toBeVisible();

  // A new book: kind Book by default, the editor's organisation by default.
  await page.getByTestId('new-product').click();
  const form = page.getByTestId('product-form');
  await expect(form).toBeVisible();
  await expect(form.getByRole('combobox', { name: /^Kind/ })).toHaveValue('Book');
  await expect(form.getByRole('combobox', { name: /^Organisation/ })).toHaveValue(/UBND-01/);
  await form
    .getByTestId('product-text-0')
    .getByRole('textbox', { name: /^Title/ })
    .fill(title);
  await form
    .getByTestId('product-text-0')
    .getByRole('textbox', { name: /^Description/ })
    .fill('Sách hỏi đáp về quyền con người cho cán bộ cơ sở.');
  await form.getByRole('combobox', { name: /^Channel/ }).click();
  await page.getByRole('option', { name: 'Print', exact: true }).click();
  await form.getByRole('checkbox', { name: /^1\. Officials/ }).check();
  await form.getByRole('checkbox', { name: /^2\. People/ }).check();
  await form.getByRole('combobox', { name: /^Licence/ }).click();
  await page.getByRole('option', { name: 'CC BY 4.0', exact: true }).click();

  // The ISBN is checked as it is typed: a wrong check digit gets the corrected ISBN as a suggestion.
  const book = form.getByTestId('product-book');
  await book.getByRole('textbox', { name: /^ISBN/ }).fill(wrongIsbn);
  const suggestion = book.getByTestId('isbn-suggestion');
  await expect(suggestion).toContainText('Wrong check digit');
  await expect(suggestion).toContainText(`978-604-`);
  await suggestion.getByRole('button', { name: /^Use / }).click();
  await expect(book.getByTestId('isbn-valid')).toContainText(/Valid ISBN: 978-604-[\d-]+/);
  expect((await book.getByRole('textbox', { name: /^ISBN/ }).inputValue()).replace(/-/g, '')).toBe(isbn);
  await book.getByRole('textbox', { name: /^Publisher/ }).fill('Nhà xuất bản Chính trị quốc gia Sự thật');
  await book.getByRole('textbox', { name: /^Year of publication/ }).fill(new Date().getFullYear().toString());
  await book.getByRole('textbox', { name: /^Pages/ }).fill('120');
  await expect(book.getByRole('radio', { name: 'First publication' })).toBeChecked();

  const created = page.waitForResponse((r) => r.url().endsWith('/api/library/products') && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Save' }).click();
  const res = await created;
  expect(res.status()).toBe(201);
  const product = (await res.json()) as { id: number; status: string; book: { isbn: string; isbnHyphenated: string } };
  expect(product.status).toBe('draft');
  expect(product.book.isbn).toBe(isbn);

  // The details open on the new draft.
  await expect(page).toHaveURL(new RegExp(`[?&]product=${product.id}`));
  const details = page.getByTestId('product-details');
  await expect(details.getByTestId('product-status')).toContainText('Draft');
  await expect(details.getByTestId('product-isbn-value')).toHaveText(product.book.isbnHyphenated);
  await expect(details.getByTestId('product-public-link')).toHaveCount(0);

  // Upload the PDF (made here; the server decides the type from the bytes).
  const pdf = makePdf(`Human rights handbook ${run} Hanoi`);
  const panel = details.getByTestId('product-files-panel');
  await panel.locator('input[type="file"]').setInputFiles({ name: `sach-${run}.pdf`, mimeType: 'application/pdf', buffer: pdf });
  await panel.getByRole('textbox', { name: 'Caption' }).fill('Toàn văn');
  const uploaded = page.waitForResponse(
    (r) => r.url().endsWith(`/api/library/products/${product.id}/files`) && r.request().method() === 'POST',
  );
  await panel.getByTestId('product-file-upload').click();
  const up = await uploaded;
  expect(up.status()).toBe(201);
  const file = (await up.json()) as { id: number; mediaType: string };
  expect(file.mediaType).toBe('application/pdf');
  const fileRow = panel.getByTestId(`product-file-${file.id}`);
  await expect(fileRow).toContainText(`sach-${run}.pdf`);
  await expect(fileRow).toContainText('Toàn văn');
  const download = await page.request.get((await fileRow.getByTestId('product-file-link').getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect((await download.body()).equals(pdf)).toBe(true);

  // A file the server does not accept: its 415 message is shown.
  await panel
    .locator('input[type="file"]')
    .setInputFiles({ name: 'virus.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00 not accepted') });
  await panel.getByTestId('product-file-upload').click();
  await expect(panel.getByTestId('product-file-error')).toContainText('not accepted');

  // Publish.
  await details.getByTestId('product-publish').click();
  await expect(details.getByTestId('product-status')).toContainText('Published');
  await expect(details.getByTestId('product-public-link')).toHaveAttribute('href', `/thu-vien/${product.id}`);
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);

  // Found by a search typed without diacritics: in the workspace …
  const query = `quyen con nguoi kiem thu ${run}`;
  await page.getByTestId('library-search').fill(query);
  await expect(page).toHaveURL(/[?&]q=quyen/);
  const row = page.getByTestId(`product-row-${product.id}`);
  await expect(row).toContainText(title);
  await expect(row.getByTestId('product-status')).toContainText('Published');
  await expect(row.getByTestId('product-files')).toHaveText('1');
  // Its language by name, never its code.
  await expect(row).toContainText('Vietnamese');
  await expect(row).not.toContainText(/\bvie\b/);
  await expect(page.getByTestId('library-count')).toHaveText('1 product');
  // … by a word of the PDF's text …
  await page.getByTestId('library-search').fill(`handbook ${run}`);
  await expect(page.getByTestId(`product-row-${product.id}`)).toBeVisible();
  await expect(page.getByTestId('library-count')).toHaveText('1 product');
  // … and the export link carries the same query.
  await expect(page.getByTestId('library-export')).toHaveAttribute('href', new RegExp(`^/api/library/products/export\\.xlsx\\?q=handbook`));

  // … and on the public portal, with its PDF.
  await page.goto(`/thu-vien?q=${encodeURIComponent(query)}`);
  const hit = page.locator(`a[href="/thu-vien/${product.id}"]`).first();
  await expect(hit).toHaveText(title);
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`/thu-vien/${product.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator(`a[href="/api/library/files/${file.id}"]`).first()).toBeVisible();

  // T4a counts the new title once, on the API and on the dashboard.
  await expect.poll(() => t4a(page)).toBe(before + 1);
  expect(await dashboardT4a(page)).toBe(String(before + 1));
});

test('the library list, the product form and the product details have no serious or critical accessibility violations', async ({
  page,
}) => {
  await login(page, 'editor');
  await switchToEnglish(page);
  await page.goto('/app/library');
  await expect(page.getByTestId('library-table')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Filters are kept in the URL and survive a reload; with the server's facets, each value shows its count.
  await page.getByTestId('library-filter-kind').click();
  await page.getByRole('option', { name: /^Book/ }).click();
  await expect(page).toHaveURL(/[?&]kind=book/);
  await page.reload();
  // The editor's list opened on its own organisation: the same filters as the page's address.
  const list = (await (await page.request.get(`/api/library/products${new URL(page.url()).search}&limit=1`)).json()) as {
    total: number;
    facets?: { kind?: { value: string; count: number }[] };
  };
  await expect(page.getByTestId('library-filter-kind')).toHaveValue(/^Book/);
  await expect(page.getByTestId('library-table')).toBeVisible();
  await expect(page.getByTestId('library-count')).toHaveText(`${list.total} products`);
  const books = list.facets?.kind?.find((k) => k.value === 'book');
  if (books) await expect(page.getByTestId('library-filter-kind')).toHaveValue(`Book (${books.count})`);
  expect(await seriousViolations(page)).toEqual([]);

  // The form; saved empty, the server's field errors show at their fields (texts.0.title, channel).
  await page.getByTestId('new-product').click();
  const form = page.getByTestId('product-form');
  await expect(form).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('product-form-error')).toContainText('Some fields are not valid');
  await expect(form.getByTestId('product-text-0').getByRole('textbox', { name: /^Title/ })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('combobox', { name: /^Channel/ })).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  const first = page.locator('[data-testid^="product-row-"] a').first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByTestId('product-details')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('a focal point imports products from Excel: a bad row is listed by row and column and nothing is written', async ({ page }) => {
  const ExcelJS = (await import('exceljs')).default;
  await login(page, 'editor');
  await switchToEnglish(page);
  await page.goto('/app/library');
  await page.getByTestId('library-import-toggle').click();
  await expect(page.getByTestId('download-template')).toHaveAttribute('href', '/api/library/import-template.xlsx');
  // Fill the real template with one good-looking row whose kind is wrong.
  const template = await page.request.get('/api/library/import-template.xlsx');
  expect(template.status()).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await template.body()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const row: Record<string, string> = {
    kind: 'not-a-kind',
    organisation_code: 'UBND-01',
    date: '2026-05-01',
    channel: 'website',
    languages: 'vie',
    title_1_lang: 'vie',
    title_1: 'Sản phẩm nhập thử (e2e)',
  };
  ws.getRow(2).values = header.map((h) => row[h] ?? '');
  const before = (await (await page.request.get('/api/library/products?limit=1')).json()).total;
  await page.getByTestId('import-file').setInputFiles({
    name: 'nhap-thu.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  await page.locator('section[aria-labelledby="import-title"]').getByRole('button', { name: 'Import from Excel' }).click();
  const errors = page.getByTestId('import-error-table');
  await expect(errors).toBeVisible();
  await expect(errors.getByRole('row').nth(1)).toContainText('2');
  await expect(errors).toContainText('kind');
  expect((await (await page.request.get('/api/library/products?limit=1')).json()).total).toBe(before);
  expect(await seriousViolations(page)).toEqual([]);
});
