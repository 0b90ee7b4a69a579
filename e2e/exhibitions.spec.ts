// Journey of the exhibitions (T3): the demo editor of UBND-01 Hà Nội records an exhibition held after the 2025 merger
// in a province formed from several former units, picks the pre-2025 unit its venue lies in (one not yet covered),
// adds two library items with captions, publishes the online version, uploads a photo of the event (a real JPEG) and
// sees its thumbnail, sees that unit light up on the 63-unit map (and T3 go up by one) with English labels on the map,
// follows the organiser's coverage to the T3 drill-down, and reads the online exhibition on the portal with the
// keyboard, without script.
// axe-core finds no serious or critical violation on the workspace page and the portal's exhibition pages.
import { test, expect, type Page } from '@playwright/test';
import sharp from 'sharp';
import { failOnCspViolations, login, seriousViolations, switchToEnglish } from './helpers';

failOnCspViolations();

type Coverage = {
  venues: { id: number; title: string; titleEn: string; lat: number; lon: number; place: string; placeEn: string; public: boolean }[];
  map63: { covered: number; units: { code: string; nameVi: string; nameEn: string; exhibitions: number }[] };
  map34: { units: { code: string; nameEn: string }[] };
};
type Unit = { code: string; nameEn: string; crosswalk: { code: string; nameVi: string }[] };

async function coverage(page: Page): Promise<Coverage> {
  return (await page.request.get('/api/exhibitions/coverage')).json();
}

async function t3(page: Page): Promise<number> {
  // The drill-down's numerator: the provinces (63-unit map) that count, computed by the T3 provider alone.
  const res = await page.request.get('/api/indicators/T3/records?map=63&part=numerator&limit=1');
  expect(res.status()).toBe(200);
  return (await res.json()).total as number;
}

test('an exhibition in a merged province, with its pre-2025 unit and library items, published online, lights up the 63-unit map', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const run = Date.now().toString(36);
  const title = `Triển lãm ảnh kiểm thử ${run}`;
  await login(page, 'editor');
  await switchToEnglish(page);

  // A province of the 34-unit map formed from several former units, one of which has no exhibition yet.
  const before = await coverage(page);
  const units34 = (await (await page.request.get('/api/units?map=34')).json()) as Unit[];
  const uncovered = new Set(before.map63.units.filter((u) => u.exhibitions === 0).map((u) => u.code));
  const province = units34.find((u) => u.crosswalk.length > 1 && u.crosswalk.some((c) => uncovered.has(c.code)))!;
  expect(province, 'a merged province with an uncovered former unit').toBeTruthy();
  const former = before.map63.units.find((u) => province.crosswalk.some((c) => c.code === u.code) && u.exhibitions === 0)!;
  const t3Before = await t3(page);

  // Two published library products with images (the items of a demo online exhibition).
  const list = (await (await page.request.get('/api/exhibitions?location=online')).json()) as { items: { id: number }[] };
  const demo = (await (await page.request.get(`/api/exhibitions/${list.items[0]!.id}`)).json()) as {
    items: { productId: number; title: string }[];
  };
  const items = demo.items.slice(0, 2);
  expect(items).toHaveLength(2);

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Exhibitions' }).click();
  await expect(page).toHaveURL(/\/app\/exhibitions$/);
  await expect(page.getByTestId('covered-63')).toHaveText(`${before.map63.covered}/63`);
  await page.mouse.move(900, 5); // off the navigation (a hovered link is not what is checked)
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('new-exhibition').click();
  const form = page.getByTestId('exhibition-form');
  await expect(form).toBeVisible();
  await form.getByTestId('title-vi').fill(title);
  await form.getByRole('textbox', { name: 'Title (English)' }).fill(`Test photo exhibition ${run}`);
  await form.getByTestId('format').click();
  await page.getByRole('option', { name: 'On site and online', exact: true }).click();
  await form.getByTestId('lead').click();
  await page.getByRole('option', { name: /\(UBND-01\)$/ }).click();
  await form.getByTestId('start-date').fill('02/03/2026');
  await form.getByTestId('end-date').fill('12/03/2026');
  await expect(form.getByText('The venue is placed on the 34-unit map valid on this date')).toBeVisible();
  await form.getByTestId('venue-name').fill('Nhà văn hóa trung tâm');
  await form.getByTestId('province').click();
  await page.getByRole('option', { name: `${province.nameEn} (${province.code})` }).click();
  // The province was formed from several units: the pre-2025 unit must be picked.
  await expect(form.getByText(/This province was formed from \d former units/)).toBeVisible();
  await form.getByTestId('former-unit').click();
  await page.getByRole('option', { name: `${former.nameEn} (${former.code})` }).click();

  for (const [k, it] of items.entries()) {
    await form.getByTestId('item-picker').fill(it.title.replace(' (demo)', '').split(' ').slice(0, 6).join(' '));
    await page.getByRole('option', { name: `${it.title} (#${it.productId})` }).click();
    await form.getByTestId('add-item').click();
    await expect(form.getByTestId('item-row')).toHaveCount(k + 1);
    await form
      .getByTestId('item-row')
      .nth(k)
      .getByRole('textbox', { name: 'Caption (Vietnamese)' })
      .fill(`Chú thích tư liệu ${k + 1}`);
    await form
      .getByTestId('item-row')
      .nth(k)
      .getByRole('textbox', { name: 'Caption (English)' })
      .fill(`Caption of item ${k + 1}`);
  }
  await form.getByRole('textbox', { name: 'Online narrative (English)' }).fill('A test narrative.');
  expect(await seriousViolations(page)).toEqual([]);
  await form.getByTestId('save-exhibition').click();

  const details = page.getByTestId('exhibition-details');
  await expect(details).toBeVisible();
  await expect(details.getByTestId('details-place')).toContainText(`${province.nameEn} — pre-2025 unit: ${former.nameEn}`);
  await details.getByTestId('publish-online').click();
  await expect(details.getByTestId('online-published')).toBeVisible();

  // A photo of the event as evidence: a real JPEG, listed with its thumbnail once uploaded.
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2f6f4f' } })
    .jpeg({ quality: 80 })
    .toBuffer();
  await expect(details.getByText('Photos of the event (0)')).toBeVisible();
  await details
    .getByLabel('Add a photo of the event (evidence)')
    .setInputFiles({ name: 'khai-mac.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await details.getByTestId('photo-caption').fill('Lễ khai mạc');
  await details.getByTestId('upload-photo').click();
  await expect(details.getByText('Photos of the event (1)')).toBeVisible();
  const thumb = details.getByTestId('event-photo').getByRole('img', { name: 'Photo of the event: Lễ khai mạc' });
  await expect(thumb).toBeVisible();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const full = await page.request.get((await details.getByTestId('event-photo').getAttribute('href'))!);
  expect(full.headers()['content-type']).toBe('image/jpeg');
  expect(Buffer.compare(await full.body(), jpeg)).toBe(0);
  await expect(details.getByTestId('photo-caption')).toHaveValue('');
  // The details open in a drawer beside the list, named by the exhibition's title; closing it returns to the list.
  const drawer = page.getByRole('dialog', { name: `Test photo exhibition ${run}` });
  await expect(drawer).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  const id = new URL(page.url()).searchParams.get('exhibition');
  expect(id).toBeTruthy();
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(details).toBeHidden();
  await expect(page).not.toHaveURL(/exhibition=/);

  // The former unit lights up on the 63-unit map; T3 counts one more province.
  await expect(page.getByTestId('covered-63')).toHaveText(`${before.map63.covered + 1}/63`);
  const table = page.getByTestId('province-map-table');
  await table.locator('summary').click();
  await expect(table.locator(`tr[data-code="${former.code}"]`)).toContainText('1 exhibition');
  const map = page.getByTestId('province-map');
  await expect(map).toHaveAttribute('data-ready', 'true');
  expect(await t3(page)).toBe(t3Before + 1);

  // The venues with coordinates are dots on the map (the demo's, in Viet Nam), each named in its tooltip and in the list.
  const venues = (await coverage(page)).venues.filter((v) => v.lat > 8 && v.lat < 24 && v.lon > 102 && v.lon < 118);
  expect(venues.length).toBeGreaterThan(10);
  const dots = page.getByTestId('province-map-point');
  await expect(dots).toHaveCount(venues.length);
  // In English: the English title where there is one, the province in English (the venue's own name as entered).
  const first = venues.find((v) => v.titleEn !== v.title && v.placeEn !== v.place)!;
  expect(first, 'a demo venue with an English title').toBeTruthy();
  await expect(page.locator(`[data-testid="province-map-point"][title="${first.titleEn} — ${first.placeEn}"]`).first()).toBeAttached();
  const venueList = page.getByTestId('province-map-points');
  await venueList.locator('summary').click();
  await expect(venueList).toContainText(`Venues (${venues.length})`);
  await expect(
    venueList
      .getByRole('listitem')
      .filter({ hasText: `${first.titleEn} — ${first.placeEn}` })
      .first(),
  ).toBeVisible();
  await expect(venueList).not.toContainText(first.place);
  // The list: free text without diacritics, year and format find the new exhibition (and a wrong year does not).
  const rows = page.getByTestId('exhibition-list').locator('tbody tr');
  await page.getByTestId('exhibition-search').fill(`trien lam anh kiem thu ${run}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(run);
  await page.getByTestId('format-filter').click();
  await page.getByRole('option', { name: 'On site and online', exact: true }).click();
  await page.getByTestId('year-filter').click();
  await page.getByRole('option', { name: '2026', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(page).toHaveURL(/year=2026/);
  await page.getByTestId('year-filter').click();
  await page.getByRole('option', { name: '2024', exact: true }).click();
  await expect(rows).toHaveCount(0);
  await page.getByTestId('exhibition-search').fill('');
  await expect(page).not.toHaveURL(/[?&]q=/);
  // On the 34-unit map too.
  await page.getByTestId('map-choice').getByText('34 units (from 1 July 2025)').click();
  await expect(dots).toHaveCount(venues.length);

  // By organiser: the lead (UBND-01) covers the former unit; its figure drills down to the units and its exhibitions.
  const byOrg = page.getByTestId('by-organiser');
  await byOrg.locator('summary').click();
  const orgRow = byOrg.locator('[data-org="UBND-01"]');
  await expect(orgRow).toBeVisible();
  await orgRow.getByRole('link', { name: /of 63/ }).click();
  await expect(page).toHaveURL(/\/app\/indicators\/records\?.*breakdown=organiser/);
  const unitRow = page.getByTestId('record-row').filter({ hasText: former.nameVi });
  await expect(unitRow).toBeVisible();
  await expect(unitRow.getByRole('link', { name: title })).toBeVisible();

  // The online exhibition on the portal: a gallery read and navigated with the keyboard.
  await page.goto(`/en/exhibitions/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Test photo exhibition ${run}`);
  await expect(page.getByRole('img', { name: /Caption of item 1/ })).toBeVisible();
  const next = page.getByRole('link', { name: 'Next item →' });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#item-2$/);
  expect(await seriousViolations(page)).toEqual([]);
  const manifest = await page.request.get(`/api/public/exhibitions/${id}/manifest.json`);
  expect((await manifest.json()).items).toHaveLength(2);
});

test("the portal's exhibition pages have no serious or critical accessibility violations, in both languages", async ({ page }) => {
  for (const path of ['/trien-lam', '/en/exhibitions']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // The demo venues are circles on the server-drawn map, each with its <title>.
    const circles = page.locator('svg.province-map circle');
    expect(await circles.count(), path).toBeGreaterThan(10);
    await expect(circles.first().locator('title')).toHaveText(/ — /);
    // The page says what the points are: the venues of exhibitions published on the portal.
    await expect(page.getByTestId('map-points-note')).toContainText(
      path === '/trien-lam'
        ? `đã được công bố trên cổng thông tin (${await circles.count()} địa điểm)`
        : `published on this portal (${await circles.count()} venues)`,
    );
    expect(await seriousViolations(page), path).toEqual([]);
  }
  const online = page.locator('.cards a').first();
  const href = await online.getAttribute('href');
  for (const path of [href!, href!.replace('/en/exhibitions', '/trien-lam')]) {
    await page.goto(path);
    await expect(page.locator('ol.gallery > li').first()).toBeVisible();
    expect(await seriousViolations(page), path).toEqual([]);
  }
});

test('a co-organiser named by another organisation is shown awaiting confirmation; the office confirms it from its requests', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const title = `Triển lãm đồng tổ chức ${run}`;
  await login(page, 'editor');
  await switchToEnglish(page);
  // The Hà Nội editor names the Ministry of Foreign Affairs (outside its organisation) as co-organiser.
  const org = async (code: string) =>
    ((await (await page.request.get(`/api/organisations?q=${code}`)).json()) as { items: { id: number; code: string }[] }).items.find(
      (o) => o.code === code,
    )!;
  const [lead, co] = [await org('UBND-01'), await org('BNG')];
  const me = await (await page.request.get('/api/auth/me')).json();
  const created = await page.request.post('/api/exhibitions', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: {
      texts: [{ language: 'vie', title }],
      kind: 'photographs',
      format: 'physical',
      organiserIds: [lead.id, co.id],
      startDate: '2026-04-01',
      endDate: '2026-04-03',
      venue: { location: 'vietnam', name: 'Cung văn hoá', provinceCode: '01', formerProvinceCode: '01' },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = (await created.json()).id as number;
  await page.goto(`/app/exhibitions?exhibition=${id}`);
  const organisers = page.getByTestId('details-organiser');
  await expect(organisers.nth(1)).toHaveAttribute('data-state', 'pending');
  await expect(organisers.nth(1)).toContainText('awaiting confirmation');
  await expect(page.getByTestId('details-organisers')).toContainText('does not count for that organisation');
  // The editor may not decide for the ministry: no buttons, and no request waits for its own organisation.
  await expect(organisers.nth(1).getByRole('button')).toHaveCount(0);
  await expect(page.getByTestId('coorg-requests')).toHaveCount(0);

  // The programme office sees the request above the exhibitions and confirms it.
  await page.context().clearCookies();
  await login(page, 'admin');
  await switchToEnglish(page);
  await page.goto('/app/exhibitions');
  const request = page.getByTestId('coorg-request').filter({ hasText: title });
  await expect(request).toContainText('named');
  expect(await seriousViolations(page)).toEqual([]);
  await request.getByRole('button', { name: new RegExp(`^Confirm .* as co-organiser of «${title}»$`) }).click();
  await expect(page.getByTestId('coorg-request').filter({ hasText: title })).toHaveCount(0);
  await page.goto(`/app/exhibitions?exhibition=${id}`);
  await expect(page.getByTestId('details-organiser').nth(1)).toHaveAttribute('data-state', 'confirmed');
  await expect(page.getByTestId('details-organiser').nth(1)).toContainText('confirmed by');
});
