// Journeys at a desk (1440 px) and on a phone (390 px), issue 18: for the programme office, a ministry's focal point,
// a read-only viewer and an anonymous citizen, every page of their journey fits the screen (nothing scrolls sideways:
// wide tables scroll inside their own box), axe-core finds no serious or critical violation on it — nor in an open
// drawer —, and the viewer is offered no control that writes. Screenshots of the dashboard and of the public home at
// both widths are kept as test artefacts (test-results/screenshots/).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations } from './helpers';

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

    test(`a focal point's journey fits the screen and passes axe (${size.name})`, async ({ page }) => {
      test.setTimeout(600_000);
      await login(page, 'editor');
      for (const p of FOCAL_POINT) {
        await page.goto(p);
        await settled(page);
        await checkPage(page, `focal point ${p}`);
      }
      await checkDrawer(page, 'focal point');
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
