// Journeys at a desk (1440 px) and on a phone (390 px), issue 18: for the programme office, a ministry's focal point,
// a read-only viewer and an anonymous citizen, every page of their journey fits the screen (nothing scrolls sideways:
// wide tables scroll inside their own box), axe-core finds no serious or critical violation on it — nor in an open
// drawer —, and the viewer is offered no control that writes. The office also goes through every other route, the
// tabs, the details it opens (an organisation, a report, a recommendation, a plan, a fact-check item and claim, a
// training session, a press item, a library product) and its "new …" forms, each open in its dialog and closed
// unsaved; the focal point opens its own forms the same way. Screenshots of the dashboard and of the public home at
// both widths are kept as test artefacts (test-results/screenshots/).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { failOnCspViolations, firstId, login, seriousViolations } from './helpers';

failOnCspViolations();

const WIDTHS = [
  { name: 'desk', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** The pages of each role's journey. */
const OFFICE = [
  '/app/',
  '/app/cycle',
  '/app/organisations',
  '/app/users',
  '/app/press',
  '/app/press/spokespersons',
  '/app/press/compliance',
  '/app/training',
  '/app/training/coverage',
  '/app/exhibitions',
  '/app/library',
  '/app/factcheck',
  '/app/recommendations',
  '/app/plans',
  '/app/plans/summary',
  '/app/scorecard',
  '/app/indicators/records',
  '/app/units',
  '/app/notifications',
];
const FOCAL_POINT = [
  '/app/',
  '/app/cycle',
  '/app/press',
  '/app/press/spokespersons',
  '/app/training',
  '/app/exhibitions',
  '/app/library',
  '/app/factcheck',
  '/app/recommendations',
  '/app/plans',
];
const VIEWER = [
  '/app/',
  '/app/press',
  '/app/press/spokespersons',
  '/app/training',
  '/app/exhibitions',
  '/app/library',
  '/app/factcheck',
  '/app/recommendations',
  '/app/plans',
];
const PUBLIC = [
  '/',
  '/en/',
  '/tien-do',
  '/en/progress',
  '/khuyen-nghi',
  '/en/recommendations',
  '/kiem-chung',
  '/en/fact-checks',
  '/tin-tuc',
  '/tin-tuc/nguoi-phat-ngon',
  '/thu-vien',
  '/en/library',
  '/trien-lam',
  '/app/login',
];

/** Waits until a workspace page has drawn its data (no loader left in the main area). */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('main')).toBeVisible();
  await expect(page.locator('main .mantine-Loader-root')).toHaveCount(0);
}

/** The page's width fits the screen: nothing scrolls sideways. */
async function sidewaysOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => {
    const el = document.scrollingElement!;
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
  });
}

/** No sideways scrolling and no serious or critical axe violation on the current page (soft: every page is reported). */
async function checkPage(page: Page, label: string): Promise<void> {
  const { scrollWidth, clientWidth } = await sidewaysOverflow(page);
  expect.soft(scrollWidth, `${label} scrolls sideways (${scrollWidth} > ${clientWidth})`).toBeLessThanOrEqual(clientWidth + 1);
  expect.soft(await seriousViolations(page), `${label}: axe`).toEqual([]);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = path.join(testInfo.project.outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** The exhibition list's first title opens the details in a drawer, beside the list: checked like a page. */
async function checkDrawer(page: Page, label: string): Promise<void> {
  await page.goto('/app/exhibitions');
  await settled(page);
  await page.getByTestId('exhibition-list').getByRole('button').first().click();
  // Named by the exhibition's title in the reader's language.
  const drawer = page.getByRole('dialog');
  await expect(drawer).toBeVisible();
  await expect(drawer).toHaveAccessibleName(/\S/);
  await expect(drawer.getByTestId('exhibition-details')).toBeVisible();
  await checkPage(page, `${label} (exhibition drawer open)`);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
}

/** Goes to a page, waits for its data and checks it. */
async function visit(page: Page, p: string, label: string): Promise<void> {
  await page.goto(p);
  await settled(page);
  await checkPage(page, `${label} ${p}`);
}

/** The dialog open on the page (a modal or a drawer) is named, checked like a page with it open, then closed
 *  without saving. */
async function checkOpenDialog(page: Page, label: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleName(/\S/);
  await page.waitForLoadState('networkidle');
  await expect(dialog.locator('.mantine-Loader-root')).toHaveCount(0);
  await checkPage(page, `${label} (dialog open)`);
  const box = await dialog.boundingBox();
  const width = page.viewportSize()!.width;
  expect.soft(box && box.x >= 0 && box.x + box.width <= width + 1, `${label}: the dialog fits the screen`).toBeTruthy();
  // Nor does the dialog itself scroll sideways (a wide table in it scrolls in its own box).
  const inner = await dialog.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect.soft(inner.scrollWidth, `${label}: the dialog scrolls sideways`).toBeLessThanOrEqual(inner.clientWidth + 1);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

/** A "new …" button of the page opens its form in a dialog: checked, then closed without saving. */
async function checkForm(page: Page, p: string, opener: string | RegExp, label: string): Promise<void> {
  await page.goto(p);
  await settled(page);
  const button = typeof opener === 'string' ? page.getByTestId(opener) : page.getByRole('main').getByRole('button', { name: opener });
  await expect(button.first()).toBeEnabled();
  await button.first().click();
  await checkOpenDialog(page, `${label} ${p} form ${String(opener)}`);
}

/** Pages, tabs and states the office reaches beyond the main lists. */
const OFFICE_MORE = [
  '/app/cycle?tab=reports',
  '/app/cycle?tab=completeness',
  '/app/cycle?tab=calendar',
  '/app/cycle?tab=consolidated',
  '/app/cycle/official',
  '/app/audit',
  '/app/press/settings',
  '/app/factcheck?tab=claims',
  '/app/factcheck?tab=rules',
  '/app/factcheck?tab=feeds',
  '/app/factcheck?tab=add',
  '/app/factcheck/complaints',
  '/app/training?tab=courses',
  '/app/training?tab=import',
  '/app/indicators/settings',
  '/app/notifications/settings',
  '/app/notifications?show=unread',
  '/app/recommendations?due=overdue',
  '/app/indicators/records?part=gap',
  '/app/plans/summary?map=63',
  '/app/exhibitions?map=34',
  '/app/calendar?view=month',
  '/app/calendar?view=list',
  '/app/tokens',
];

/** A focal point's own "new …" forms: page and the button that opens the form. */
const FOCAL_POINT_FORMS: [string, string | RegExp][] = [
  ['/app/press', 'new-press-item'],
  ['/app/press/spokespersons', 'new-spokesperson'],
  ['/app/library', 'new-product'],
  ['/app/exhibitions', 'new-exhibition'],
  ['/app/training', 'person-new'],
  ['/app/training?tab=courses', 'course-new'],
  ['/app/training?tab=courses', 'session-new'],
];

/** The office's "new …" forms: the focal point's and its own. */
const OFFICE_FORMS: [string, string | RegExp][] = [
  ['/app/organisations', 'new-organisation'],
  ['/app/users', /^(Thêm|Tạo|New|Add)/],
  ...FOCAL_POINT_FORMS,
  ['/app/factcheck?tab=claims', 'claim-new'],
  ['/app/factcheck?tab=feeds', 'feed-new'],
  ['/app/plans', 'new-plan'],
];

/** Buttons that write, by name (both languages), and the write controls roles.spec.ts checks by test id. */
const WRITE_NAMES =
  /^(Tạo|Thêm|Lưu|Nhập|Xoá|Xóa|Sửa|Gửi|Duyệt|Phê duyệt|Công bố|Gộp|Đánh dấu|Bỏ gắn|New|Create|Add|Save|Import|Delete|Remove|Edit|Submit|Approve|Publish|Merge|Mark)\b/i;
const WRITE_TEST_IDS = [
  'rec-edit',
  'rec-action-add',
  'rec-report-submit',
  'rec-status-save',
  'rec-assign',
  'rec-report-approve',
  'tab-import',
];

async function expectNoWriteControls(page: Page, label: string): Promise<void> {
  const main = page.getByRole('main');
  const writing = main.getByRole('button', { name: WRITE_NAMES });
  const names: string[] = [];
  for (const b of await writing.all()) if (await b.isEnabled()) names.push((await b.textContent()) ?? '?');
  expect.soft(names, `${label}: write controls offered to a viewer`).toEqual([]);
  for (const id of WRITE_TEST_IDS) await expect.soft(page.getByTestId(id), `${label}: ${id}`).toHaveCount(0);
}

for (const size of WIDTHS) {
  test.describe(`at ${size.width} px`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test(`the programme office's journey fits the screen and passes axe (${size.name})`, async ({ page }, testInfo) => {
      test.setTimeout(600_000);
      await login(page, 'admin');
      for (const p of OFFICE) {
        await page.goto(p);
        await settled(page);
        if (p === '/app/') await screenshot(page, testInfo, `dashboard-${size.width}`);
        await checkPage(page, `office ${p}`);
      }
      await checkDrawer(page, 'office');
    });

    // The office's other pages, tabs, details and forms: at 390 px only, where a page or a dialog can overflow (at 1440 px
    // the office's journey above covers the layout; this walk takes minutes per width on a shared machine).
    test(`the programme office's other pages, tabs, details and forms fit the screen and pass axe (${size.name})`, async ({ page }) => {
      // Skipped at 1440 px on purpose: the office's journey above already checks every page's layout at desk width, and
      // only a phone's width makes these pages and dialogs overflow; walking them twice would add minutes per CI pass.
      test.skip(size.name === 'desk', 'walked at 390 px only');
      test.setTimeout(900_000);
      await login(page, 'admin');
      const label = 'office';
      for (const p of OFFICE_MORE) await visit(page, p, label);

      // A report of the cycle, opened.
      await visit(page, `/app/cycle/report?id=${await firstId(page, '/api/cycle/reports?limit=1')}`, label);

      // An organisation's details, beside the tree.
      await page.goto('/app/organisations');
      await settled(page);
      await page.getByTestId('org-tree').getByRole('button', { pressed: false }).first().click();
      await settled(page);
      await checkPage(page, `${label} /app/organisations (an organisation's details)`);

      // Details addressed by the URL: pages, or a dialog open over the list.
      await visit(page, `/app/recommendations?id=${await firstId(page, '/api/recommendations?limit=1')}`, label);
      await visit(page, `/app/plans?id=${await firstId(page, '/api/plans?limit=1')}`, label);
      await visit(page, `/app/factcheck?tab=items&item=${await firstId(page, '/api/factcheck/items?limit=1')}`, label);
      await visit(page, `/app/factcheck?tab=claims&claim=${await firstId(page, '/api/factcheck/claims?limit=1')}`, label);
      await visit(page, `/app/training?tab=courses&session=${await firstId(page, '/api/training/sessions')}`, label);
      for (const p of [
        `/app/press?item=${await firstId(page, '/api/press/items?limit=1')}`,
        `/app/library?product=${await firstId(page, '/api/library/products?limit=1')}`,
      ]) {
        await page.goto(p);
        await settled(page);
        await checkOpenDialog(page, `${label} ${p}`);
      }

      for (const [p, opener] of OFFICE_FORMS) await checkForm(page, p, opener, label);
    });

    test(`a focal point's journey fits the screen and passes axe (${size.name})`, async ({ page }) => {
      test.setTimeout(600_000);
      await login(page, 'editor');
      for (const p of FOCAL_POINT) {
        await page.goto(p);
        await settled(page);
        await checkPage(page, `focal point ${p}`);
      }
      await checkDrawer(page, 'focal point');
      for (const [p, opener] of FOCAL_POINT_FORMS) await checkForm(page, p, opener, 'focal point');
    });

    test(`a viewer's journey fits the screen, passes axe and offers no write control (${size.name})`, async ({ page }) => {
      test.setTimeout(600_000);
      await login(page, 'admin');
      // A recommendation with actions and evidence: the page that once offered every form to a viewer.
      const r = await page.request.get('/api/recommendations?limit=200');
      const { items } = (await r.json()) as { items: { id: number; evidenceCount: number }[] };
      const busy = items.find((x) => x.evidenceCount > 0);
      expect(busy, 'a demo recommendation with evidence').toBeTruthy();
      await page.context().clearCookies();

      await login(page, 'viewer');
      for (const p of [...VIEWER, `/app/recommendations?id=${busy!.id}`]) {
        await page.goto(p);
        await settled(page);
        await checkPage(page, `viewer ${p}`);
        await expectNoWriteControls(page, `viewer ${p}`);
      }
      await checkDrawer(page, 'viewer');
      await expectNoWriteControls(page, 'viewer exhibitions');
    });

    test(`a citizen's journey on the portal fits the screen and passes axe (${size.name})`, async ({ page }, testInfo) => {
      test.setTimeout(600_000);
      for (const p of PUBLIC) {
        const res = await page.goto(p);
        expect.soft(res?.status(), p).toBe(200);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        if (p === '/') await screenshot(page, testInfo, `public-home-${size.width}`);
        await checkPage(page, `public ${p}`);
      }
    });
  });
}
