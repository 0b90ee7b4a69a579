// One format for dates, numbers and times (issue 18): the workspace pages of the journeys, read in Vietnamese by a
// browser set to US English in New York, show no stray format — no ISO day, no month-first day, no two-digit year,
// no AM/PM, no "." decimal in a percentage — and a date field of a Vietnamese form reads and writes dd/mm/yyyy.
// Read in English, the same pages write days "7 December 2026", shares "89.9%", numbers "12,345" and times
// "7 December 2026, 14:05 (Viet Nam time)": no Vietnamese day, decimal comma or "giờ Việt Nam" left.
import { expect, test, type Page } from '@playwright/test';
import { firstId, login, switchToEnglish, switchToVietnamese } from './helpers';

// The browser's own locale and zone must not leak into what the page shows.
test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

const PAGES = [
  '/app/',
  '/app/press',
  '/app/press/spokespersons',
  '/app/press/compliance',
  '/app/training',
  '/app/training/coverage',
  '/app/library',
  '/app/exhibitions',
  '/app/factcheck?tab=items',
  '/app/factcheck?tab=claims',
  '/app/factcheck?tab=feeds',
  '/app/recommendations',
  '/app/audit',
  '/app/users',
  '/app/plans',
  '/app/plans/summary',
  '/app/cycle',
  '/app/cycle?tab=reports',
  '/app/cycle?tab=calendar',
  '/app/cycle/official',
  '/app/notifications',
  '/app/organisations',
  '/app/units',
  '/app/press/settings',
  '/app/factcheck?tab=rules',
  '/app/factcheck/complaints',
  '/app/training?tab=courses',
  '/app/scorecard',
  '/app/indicators/records',
  '/app/indicators/settings',
  '/app/notifications/settings',
];

/** The journeys' pages and the details they open (a recommendation, a plan, a report, a fact-check item and claim,
 *  a training session, a press item, a library product). */
async function pagesAndDetails(page: Page): Promise<string[]> {
  return [
    ...PAGES,
    `/app/recommendations?id=${await firstId(page, '/api/recommendations?limit=1')}`,
    `/app/plans?id=${await firstId(page, '/api/plans?limit=1')}`,
    `/app/cycle/report?id=${await firstId(page, '/api/cycle/reports?limit=1')}`,
    `/app/factcheck?tab=items&item=${await firstId(page, '/api/factcheck/items?limit=1')}`,
    `/app/factcheck?tab=claims&claim=${await firstId(page, '/api/factcheck/claims?limit=1')}`,
    `/app/training?tab=courses&session=${await firstId(page, '/api/training/sessions')}`,
    `/app/press?item=${await firstId(page, '/api/press/items?limit=1')}`,
    `/app/library?product=${await firstId(page, '/api/library/products?limit=1')}`,
  ];
}

/** Every visible text of the page outside inputs, code and pre, one string per text node. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text) continue;
      if (el.closest('code, pre, script, style, textarea, noscript, svg')) continue;
      if (!el.checkVisibility()) continue;
      out.push(text);
    }
    return out;
  });
}

/** What reads wrong to a Vietnamese reader in a text, with the rule it breaks. */
function strays(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b20\d\d-\d\d-\d\d\b/g)) found.push(`ISO day "${m[0]}"`);
  for (const m of text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g))
    if (Number(m[2]) > 12 || Number(m[1]) > 31 || Number(m[2]) === 0) found.push(`month first "${m[0]}"`);
  for (const m of text.matchAll(/(?<![\d/])\d{1,2}\/\d{1,2}\/\d{2}(?![\d/])/g)) found.push(`two-digit year "${m[0]}"`);
  for (const m of text.matchAll(/\b\d{1,2}:\d\d(:\d\d)?\s?(AM|PM)\b/gi)) found.push(`12-hour clock "${m[0]}"`);
  for (const m of text.matchAll(/\d\.\d{1,2}\s?%/g)) found.push(`"." decimal in a percentage "${m[0]}"`);
  for (const m of text.matchAll(/\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, 20\d\d\b/g))
    found.push(`US date "${m[0]}"`);
  return found;
}

async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
}

test('the pages of the journeys show dates, times and numbers the Vietnamese way', async ({ page }) => {
  await login(page);
  await switchToVietnamese(page);
  const problems: string[] = [];
  for (const path of await pagesAndDetails(page)) {
    await page.goto(path);
    await settled(page);
    // No native date input, whose display follows the browser's locale (mm/dd/yyyy here).
    expect(await page.locator('input[type="date"], input[type="datetime-local"]').count(), path).toBe(0);
    for (const text of await visibleTexts(page)) for (const s of strays(text)) problems.push(`${path}: ${s} in "${text.slice(0, 120)}"`);
  }
  expect(problems).toEqual([]);

  // A time is in Viet Nam time and says so (the audit log lists when each change was made).
  await page.goto('/app/audit');
  await settled(page);
  await expect(
    page
      .getByRole('table')
      .getByText(/^\d{2}\/\d{2}\/20\d\d, \d{2}:\d{2} \(giờ Việt Nam\)$/)
      .first(),
  ).toBeVisible();
});

test('a date field of a Vietnamese form shows dd/mm/yyyy and accepts "31/12/2026", whatever the browser', async ({ page }) => {
  await login(page);
  await switchToVietnamese(page);
  await page.goto('/app/audit');
  await settled(page);
  const from = page.getByLabel('Từ ngày');
  await expect(from).toHaveAttribute('placeholder', 'dd/mm/yyyy');
  await expect(from).not.toHaveAttribute('type', 'date');

  // A day that does not exist is named under its field.
  await from.fill('31/02/2026');
  await from.blur();
  await expect(page.getByText('Từ ngày: “31/02/2026” không phải là một ngày có thật')).toBeVisible();

  // A real day is kept as written, and the list asks the server for that ISO day.
  const asked = page.waitForRequest((r) => r.url().includes('/api/audit') && r.url().includes('from=2026-12-31'));
  await from.fill('31/12/2026');
  await asked;
  await from.blur();
  await expect(from).toHaveValue('31/12/2026');
  await expect(page.getByText('không phải là một ngày có thật')).toHaveCount(0);

  // A single-digit day and month are read too, and written back in full.
  const to = page.getByLabel('Đến ngày');
  await to.fill('1/1/2027');
  await to.blur();
  await expect(to).toHaveValue('01/01/2027');
});

/** What reads wrong to an English reader in a text of the English workspace, with the rule it breaks. */
function englishStrays(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b20\d\d-\d\d-\d\d\b/g)) found.push(`ISO day "${m[0]}"`);
  for (const m of text.matchAll(/(?<![\d/])\d{1,2}\/\d{1,2}\/\d{2,4}(?![\d/])/g)) found.push(`numeric day "${m[0]}"`);
  for (const m of text.matchAll(/\b\d{1,2}:\d\d(:\d\d)?\s?(AM|PM)\b/gi)) found.push(`12-hour clock "${m[0]}"`);
  for (const m of text.matchAll(/\d,\d{1,2}\s?%/g)) found.push(`"," decimal in a percentage "${m[0]}"`);
  for (const m of text.matchAll(/\d\s%/g)) found.push(`space before % "${m[0]}"`);
  for (const m of text.matchAll(/(?<![\d.,])\d{1,3}(\.\d{3})+(?![\d.,])/g)) found.push(`"." grouping "${m[0]}"`);
  for (const m of text.matchAll(/\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2}, 20\d\d\b/g))
    found.push(`US date "${m[0]}"`);
  if (/giờ Việt Nam/.test(text)) found.push('"giờ Việt Nam"');
  return found;
}

test('read in English, the same pages show "7 December 2026", "89.9%", "12,345" and times in Viet Nam time', async ({ page }) => {
  test.setTimeout(300_000);
  await login(page);
  await switchToEnglish(page);
  try {
    const problems: string[] = [];
    const all: string[] = [];
    for (const path of await pagesAndDetails(page)) {
      await page.goto(path);
      await settled(page);
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      for (const text of await visibleTexts(page)) {
        all.push(text);
        for (const s of englishStrays(text)) problems.push(`${path}: ${s} in "${text.slice(0, 120)}"`);
      }
    }
    expect(problems).toEqual([]);
    // The English formats are there: a day in words, a share with a "." decimal and no space, a number grouped by ",".
    const joined = all.join('\n');
    expect(joined).toMatch(/\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d\b/);
    expect(joined).toMatch(/(^|[^\d,.])\d{1,3}(\.\d)?%/m);
    expect(joined).toMatch(/\b\d{1,3}(,\d{3})+\b/);

    // A time is in Viet Nam time and says so, in English.
    await page.goto('/app/audit');
    await settled(page);
    await expect(
      page
        .getByRole('table')
        .getByText(/^\d{1,2} [A-Z][a-z]+ 20\d\d, \d{2}:\d{2} \(Viet Nam time\)$/)
        .first(),
    ).toBeVisible();
  } finally {
    // The demo user is shared with the other specs: back to Vietnamese, whatever happened above.
    await switchToVietnamese(page);
  }
});
