// The public fact-checking desk in the browser, JavaScript not needed: a reader sends a suspicious claim (a field error
// first, then a receipt); a fact-check drafted by an analyst and approved and published by a reviewer (through the
// API) is public with its rating, evidence and ClaimReview JSON-LD; a complaint sent from its page reaches the
// reviewer's complaints page in the workspace and is answered there; axe-core on the desk's portal pages, vi and en.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, request as pwRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations, switchToVietnamese } from './helpers';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Every axe-core violation on the page, whatever its impact (the desk's portal pages have none). */
async function allViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: object,
          ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => String(n.target)).join(', ')}`);
  });
}

failOnCspViolations();
test.describe.configure({ mode: 'serial' });

const stamp = Date.now();
const CLAIM = `Kiểm thử e2e ${stamp}: Việt Nam cấm mọi nhóm thiện nguyện hoạt động trên mạng`;
const EVIDENCE = {
  url: 'https://vbpl.example/nghi-dinh-93-2019',
  title: 'Nghị định 93/2019/NĐ-CP về quỹ xã hội, quỹ từ thiện',
  snapshot: `Điều 1. Nghị định này quy định về tổ chức, hoạt động của quỹ xã hội, quỹ từ thiện (${stamp}).`,
  fetchedAt: '2026-11-20T02:00:00Z',
};
const APPEARED = `https://social.example/e2e/${stamp}`;
let claimId = 0;

async function apiAs(baseURL: string, username: string): Promise<{ api: APIRequestContext; headers: Record<string, string> }> {
  const api = await pwRequest.newContext({ baseURL });
  const res = await api.post('/api/auth/login', { data: { username, password: 'rightshub-demo' } });
  expect(res.status(), `sign-in of ${username}`).toBe(200);
  return { api, headers: { 'x-csrf-token': (await res.json()).csrfToken as string } };
}

test.beforeAll(async ({ baseURL }) => {
  const analyst = await apiAs(baseURL!, 'analyst');
  const reviewer = await apiAs(baseURL!, 'reviewer');
  const post = async (who: typeof analyst, url: string, data: unknown, method: 'post' | 'patch' = 'post') => {
    const r = await who.api[method](url, { data, headers: who.headers });
    expect(r.ok(), `${url}: ${await r.text()}`).toBe(true);
    return r.json();
  };
  const claim = await post(analyst, '/api/factcheck/claims', { text: CLAIM, topics: ['association'] });
  claimId = claim.id;
  await post(analyst, `/api/factcheck/claims/${claimId}/transition`, { to: 'researching' });
  await post(analyst, `/api/factcheck/claims/${claimId}/evidence`, EVIDENCE);
  await post(
    analyst,
    `/api/factcheck/claims/${claimId}`,
    {
      ratingCode: 'false',
      rationaleVi: 'Các quỹ và nhóm thiện nguyện vẫn hoạt động theo Nghị định 93/2019.',
      rationaleEn: 'Charitable funds and groups operate under Decree 93/2019.',
    },
    'patch',
  );
  await post(analyst, `/api/factcheck/claims/${claimId}/transition`, { to: 'drafted' });
  await post(reviewer, `/api/factcheck/claims/${claimId}/transition`, { to: 'approved' });
  await post(reviewer, `/api/factcheck/claims/${claimId}/transition`, { to: 'published' });
  const item = await post(analyst, '/api/factcheck/items', {
    text: `Nghe nói từ nay cấm mọi nhóm thiện nguyện trên mạng (${stamp})`,
    url: APPEARED,
    platform: 'facebook',
  });
  await post(analyst, `/api/factcheck/items/${item.id}/links`, { claimId });
  await analyst.api.dispose();
  await reviewer.api.dispose();
});

test('a reader sends a suspicious claim: a field error first, then a receipt', async ({ page }) => {
  await page.goto('/kiem-chung/gui-tin');
  await expect(page.getByRole('heading', { level: 1, name: 'Gửi tin đáng ngờ' })).toBeVisible();
  await page.getByLabel('Nội dung bạn thấy đáng ngờ').fill(`Tin đồn ${stamp}: học sinh bị cấm nói tiếng dân tộc ở trường`);
  await page.getByLabel('Đường dẫn (URL)').fill('https://video.example/watch?v=e2e');
  await page.getByLabel('Nền tảng').selectOption('youtube');
  await page.getByLabel('E-mail (không bắt buộc)').fill('ban.doc@mail.example');
  await page.waitForTimeout(3_200); // a person takes a moment: faster forms are refused
  await page.getByRole('button', { name: 'Gửi' }).click();
  const error = page.locator('#fc-email-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('đánh dấu ô đồng ý');
  await expect(page.getByLabel('E-mail (không bắt buộc)')).toHaveValue('ban.doc@mail.example');
  await expect(page.getByLabel('Nội dung bạn thấy đáng ngờ')).toHaveValue(new RegExp(`Tin đồn ${stamp}`));
  await page.getByLabel(/Tôi đồng ý/).check();
  await page.getByRole('button', { name: 'Gửi' }).click();
  await expect(page.getByTestId('fc-receipt')).toContainText(/mã tham chiếu S-\d{6}/);
  await expect(page.getByTestId('fc-receipt')).toContainText('Chúng tôi sẽ trả lời qua e-mail');
});

test('the published fact-check shows its rating, evidence and ClaimReview JSON-LD', async ({ page }) => {
  await page.goto('/kiem-chung');
  await page.getByRole('link', { name: CLAIM }).click();
  await expect(page).toHaveURL(new RegExp(`/kiem-chung/${claimId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CLAIM);
  await expect(page.getByTestId('fc-rating')).toHaveText('Sai sự thật');
  await expect(page.getByText('Các quỹ và nhóm thiện nguyện vẫn hoạt động theo Nghị định 93/2019.')).toBeVisible();
  await expect(page.getByRole('link', { name: EVIDENCE.title })).toHaveAttribute('href', EVIDENCE.url);
  const snapshot = page.getByText(EVIDENCE.snapshot);
  await expect(snapshot).toBeHidden();
  await page.getByText('Văn bản được lưu làm căn cứ').click();
  await expect(snapshot).toBeVisible();
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  const review = ld['@graph'].find((n: { '@type': string }) => n['@type'] === 'ClaimReview');
  expect(review).toMatchObject({
    claimReviewed: CLAIM,
    inLanguage: 'vi',
    url: expect.stringMatching(new RegExp(`/kiem-chung/${claimId}$`)),
    author: { '@type': 'Organization' },
    reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' },
    itemReviewed: { '@type': 'Claim', firstAppearance: { '@type': 'CreativeWork', url: APPEARED } },
  });
  expect(review.itemReviewed.appearance.map((a: { url: string }) => a.url)).toEqual([APPEARED]);
  expect(review.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  // The English page: the rating in English.
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByTestId('fc-rating')).toHaveText('False');
});

test('a complaint sent from the fact-check page reaches the reviewer, who answers it', async ({ page }) => {
  const text = `Khiếu nại e2e ${stamp}: bài bỏ qua quy định mới về quỹ từ thiện.`;
  await page.goto(`/kiem-chung/${claimId}`);
  await page.getByLabel('Nội dung khiếu nại').fill(text);
  await page.waitForTimeout(3_200);
  await page.locator('.fc-complain').getByRole('button', { name: 'Gửi' }).click();
  await expect(page.getByTestId('fc-receipt')).toContainText(/mã tham chiếu C-\d{6}; hạn trả lời: \d{2}\/\d{2}\/\d{4}/);

  await login(page, 'reviewer');
  await switchToVietnamese(page);
  await page.goto('/app/factcheck/complaints');
  await expect(page.getByRole('heading', { name: 'Khiếu nại và tin bạn đọc gửi' })).toBeVisible();
  const row = page.getByTestId('complaints-table').getByRole('row').filter({ hasText: text });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Còn 14 ngày');
  expect(await seriousViolations(page)).toEqual([]);
  await expect(row.getByRole('link', { name: CLAIM.slice(0, 40) })).toBeVisible();
  await row.getByRole('button', { name: 'Trả lời' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(dialog.getByText(/ít nhất 3 ký tự|at least 3 characters/)).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Trả lời' }).fill('Cảm ơn bạn; chúng tôi đã xem lại và giữ nguyên kết luận.');
  await dialog.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('complaints-table').getByRole('row').filter({ hasText: text })).toHaveCount(0);
  // The reader's submission is listed too, with its consented address kept until closed.
  const sub = page
    .getByTestId('submissions-table')
    .getByRole('row')
    .filter({ hasText: `Tin đồn ${stamp}` });
  await expect(sub).toContainText('Có e-mail (đã đồng ý)');
  await sub.getByRole('button', { name: 'Đóng và xoá liên hệ' }).click();
  await expect(sub).toContainText('Đã xoá');
});

for (const [path, lang] of [
  ['/kiem-chung', 'vi'],
  ['/en/fact-checks', 'en'],
  ['/kiem-chung/phuong-phap', 'vi'],
  ['/en/fact-checks/methodology', 'en'],
  ['/kiem-chung/gui-tin', 'vi'],
  ['/en/fact-checks/submit', 'en'],
  ['FACT-CHECK', 'vi'],
  ['FACT-CHECK-EN', 'en'],
] as const) {
  test(`axe: ${path} (${lang}) has no violations`, async ({ page }) => {
    const url = path === 'FACT-CHECK' ? `/kiem-chung/${claimId}` : path === 'FACT-CHECK-EN' ? `/en/fact-checks/${claimId}` : path;
    await page.goto(url);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const details = page.locator('details').first();
    if (await details.count()) await details.locator('summary').click();
    expect(await allViolations(page)).toEqual([]);
  });
}

test('axe: a submission form with a field error has no violations', async ({ page }) => {
  await page.goto('/en/fact-checks/submit');
  await page.waitForTimeout(3_200);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('#fc-text-error')).toBeVisible();
  expect(await allViolations(page)).toEqual([]);
});
