// The portal's province maps draw each province as a <use> of the map's shapes file (/ban-do/tinh-<map>.svg, cached
// for good): in a real browser, under the page's real CSP, every province is drawn with its outline and its link works.
import { test, expect } from '@playwright/test';
import { failOnCspViolations } from './helpers';

failOnCspViolations();

for (const [path, count] of [
  ['/tien-do', 34],
  ['/tien-do?map=63', 63],
  ['/trien-lam', 63],
] as const) {
  test(`the province map of ${path} draws all ${count} provinces from the shapes file`, async ({ page }) => {
    const shapes: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/ban-do/tinh-')) shapes.push(`${r.status()} ${r.headers()['content-type']}`);
    });
    await page.goto(path);
    const uses = page.locator('svg.province-map use');
    await expect(uses).toHaveCount(count);
    // An outline that did not load has no size: every province must have one.
    await expect
      .poll(async () =>
        uses.evaluateAll(
          (els) =>
            els.filter((e) => {
              const b = (e as SVGGraphicsElement).getBBox();
              return b.width > 0 && b.height > 0;
            }).length,
        ),
      )
      .toBe(count);
    expect(shapes.length).toBeGreaterThan(0);
    expect(shapes.every((s) => s === '200 image/svg+xml')).toBe(true);
  });
}

test("a province on the progress map is a link to that province's figures", async ({ page }) => {
  await page.goto('/tien-do');
  const hanoi = page.locator('svg.province-map a[href$="province=01"]');
  await expect(hanoi).toHaveCount(1);
  await hanoi.scrollIntoViewIfNeeded();
  const box = await hanoi.boundingBox();
  expect(box && box.width > 3 && box.height > 3).toBe(true);
  await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
  await expect(page).toHaveURL(/province=01/);
  await expect(page.locator('.province-table tr.selected')).toContainText('Hà Nội');
});
