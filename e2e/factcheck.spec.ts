// Journey of the fact-checking desk (T5b, T5c): an analyst records a claim and researches it; an item paraphrasing it
// arrives through "Add items" and is matched; the analyst confirms the link, adds evidence, rates the claim false and
// drafts (a draft without evidence is refused beside the evidence); the analyst is offered no approval (a reviewer's
// step) and is told who takes it; a reviewer (a second person) approves and publishes; the
// public page shows the rating with ClaimReview JSON-LD; the analyst records a handling action on the item (no_action
// without a reason is refused beside the reason) and T5c changes. axe-core finds no serious or critical violation on
// the Items and Claims tabs and on the claim's page.
import { test, expect, type Page } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations, switchToEnglish, switchToVietnamese } from './helpers';

failOnCspViolations();

const YEAR = String(new Date().getUTCFullYear());

/** T5c of the current year from the indicators API (the lead's provider): numerator and denominator. */
async function t5c(page: Page): Promise<{ numerator: number; denominator: number | null } | undefined> {
  const res = await page.request.get(`/api/indicators?period=${YEAR}`);
  expect(res.status()).toBe(200);
  return (await res.json()).figures.find((f: { id: string }) => f.id === 'T5c');
}

async function signInAs(page: Page, who: string) {
  await page.context().clearCookies();
  await login(page, who);
  await switchToVietnamese(page);
}

test('an item is matched, a claim drafted by one person and approved by another, published, the item handled, T5c changes', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  const claimText = `Từ tháng 12 năm 2026 mọi người dân Cao Bằng phải xin giấy phép trước khi đăng ảnh lễ hội chùa lên mạng xã hội (${stamp})`;
  const itemText = `Nghe nói từ tháng 12/2026 dân Cao Bằng muốn đăng ảnh lễ hội chùa lên mạng xã hội thì phải xin giấy phép trước (${stamp})`;

  // 1. The analyst records the claim and starts researching it.
  await signInAs(page, 'analyst');
  await page.goto('/app/factcheck?tab=claims');
  await expect(page.getByTestId('claims-table')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('claim-new').click();
  const form = page.getByTestId('claim-form');
  await form.getByTestId('claim-text').fill(claimText);
  await form.getByRole('button', { name: 'Lưu' }).click();
  const detail = page.getByTestId('claim-detail');
  await expect(detail.getByTestId('claim-text-view')).toHaveText(claimText);
  const claimId = Number(new URL(page.url()).searchParams.get('claim'));
  expect(claimId).toBeGreaterThan(0);
  await detail.getByTestId('move-researching').click();
  await expect(detail.getByTestId('claim-state')).toHaveText('Đang nghiên cứu');

  // 2. Drafting without evidence (nor rating, nor rationale) is refused, each beside its field.
  await detail.getByTestId('move-drafted').click();
  await expect(detail.getByTestId('evidence-error')).toContainText('ít nhất một nguồn');
  await expect(detail.getByTestId('draft-form')).toContainText('bản nháp cần có kết luận đánh giá');
  await expect(detail.getByTestId('claim-state')).toHaveText('Đang nghiên cứu');

  // 3. An item paraphrasing the claim arrives through "Add items" and is matched.
  await page.getByTestId('fc-tab-add').click();
  await page.getByTestId('item-text-input').fill(itemText);
  await page.getByTestId('item-platform').selectOption('facebook');
  await page.getByTestId('item-add').click();
  const outcome = page.getByTestId('item-outcome');
  await expect(outcome).toBeVisible();
  await expect(outcome.getByTestId('outcome-links')).toContainText(claimText.slice(0, 40));
  await expect(
    outcome.getByTestId('outcome-links').locator('[data-testid="link-auto"], [data-testid="link-suggested"]').first(),
  ).toBeVisible();

  // 4. The analyst opens the item, says it is on-topic and confirms the link.
  await outcome.getByTestId('outcome-open').click();
  const item = page.getByTestId('item-detail');
  await expect(item.getByTestId('item-text')).toHaveText(itemText);
  const itemId = Number(new URL(page.url()).searchParams.get('item'));
  await item.getByTestId('decide-yes').click();
  await expect(item.getByTestId('topic-decision').getByTestId('on-topic')).toContainText('do người quyết định');
  const linkRow = item.getByTestId(`link-row-${claimId}`);
  await linkRow.getByTestId('link-confirm').click();
  await expect(linkRow.getByTestId('link-confirmed')).toBeVisible();
  // Handling is not offered yet: the claim has no rating.
  await expect(item.getByTestId('handling-not-offered')).toBeVisible();
  await page.goto('/app/factcheck?tab=items');
  await expect(page.getByTestId('items-table')).toContainText(itemText.slice(0, 40));
  expect(await seriousViolations(page)).toEqual([]);

  // 5. Evidence, rating "false", rationale; the draft is submitted.
  await page.goto(`/app/factcheck?tab=claims&claim=${claimId}`);
  // "Fetch the page" never reaches an internal address: the refusal shows beside the URL field.
  await detail.getByTestId('evidence-url').fill('http://169.254.169.254/latest/meta-data/');
  await detail.getByTestId('evidence-fetch').click();
  await expect(
    detail.getByTestId('evidence-url').locator('xpath=ancestor::div[contains(@class,"mantine-InputWrapper-root")][1]'),
  ).toContainText('không phải là địa chỉ công khai trên Internet');
  await detail.getByTestId('evidence-url').fill('https://vanban.example.gov.vn/cao-bang/quyet-dinh-le-hoi');
  await detail.getByTestId('evidence-title').fill('Quyết định của UBND tỉnh Cao Bằng về tổ chức lễ hội năm 2026');
  await detail
    .getByTestId('evidence-snapshot')
    .fill('Quyết định không có quy định nào về việc xin phép khi đăng ảnh lễ hội lên mạng xã hội.');
  await detail.getByTestId('evidence-add').click();
  await expect(detail.getByTestId('evidence-list')).toContainText('Quyết định của UBND tỉnh Cao Bằng');
  await detail.getByTestId('draft-rating').selectOption('false');
  await detail
    .getByTestId('draft-rationale-vi')
    .fill('Không có văn bản nào yêu cầu người dân xin phép trước khi đăng ảnh lễ hội; quyết định của tỉnh chỉ nói về tổ chức lễ hội.');
  await detail.getByTestId('draft-save').click();
  await expect(detail.getByTestId('draft-saved')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await detail.getByTestId('move-drafted').click();
  await expect(detail.getByTestId('claim-state')).toHaveText('Đã có bản thảo');
  await expect(detail.getByTestId('claim-drafted-by')).toContainText('bạn');

  // 6. The analyst is offered no approval (a reviewer's step) and is told who takes it.
  await expect(detail.getByTestId('move-approved')).toHaveCount(0);
  await expect(detail.getByTestId('moves-reviewer-only')).toContainText('người duyệt');
  await expect(detail.getByTestId('claim-state')).toHaveText('Đã có bản thảo');
  expect(await seriousViolations(page)).toEqual([]);

  // 7. A reviewer (a second person) approves and publishes.
  await signInAs(page, 'reviewer');
  await page.goto(`/app/factcheck?tab=claims&claim=${claimId}`);
  await expect(detail.getByTestId('move-hint-approved')).toHaveCount(0);
  await detail.getByTestId('move-approved').click();
  await expect(detail.getByTestId('claim-state')).toHaveText('Đã duyệt');
  await detail.getByTestId('move-published').click();
  await expect(detail.getByTestId('claim-state')).toHaveText('Đã công bố');
  await expect(detail.getByTestId('claim-public-link')).toHaveAttribute('href', `/kiem-chung/${claimId}`);

  // 8. The public page (the link on the claim's page): the rating and schema.org ClaimReview JSON-LD.
  await page.goto(`/kiem-chung/${claimId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(claimText);
  await expect(page.getByTestId('fc-rating')).toHaveText('Sai sự thật');
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  const review = ld['@graph'].find((n: { '@type': string }) => n['@type'] === 'ClaimReview');
  expect(review).toMatchObject({ claimReviewed: claimText, reviewRating: { alternateName: 'False' } });

  // 9. The analyst records a handling action on the item; no_action without a reason is refused beside the reason.
  await signInAs(page, 'analyst');
  const before = await t5c(page);
  await page.goto(`/app/factcheck?tab=items&item=${itemId}`);
  const handling = item.getByTestId('handling-form');
  await expect(handling).toBeVisible();
  await handling.getByTestId('handling-action').selectOption('no_action');
  await handling.getByTestId('handling-save').click();
  await expect(handling.getByText('hãy nêu lý do không cần xử lý')).toBeVisible();
  await handling.getByTestId('handling-action').selectOption('platform_report');
  await handling.getByTestId('handling-save').click();
  await expect(item.getByTestId('handling-list')).toContainText('Đã báo cáo qua kênh báo cáo công khai của nền tảng');

  // 10. T5c changes: one more false item group handled.
  const after = await t5c(page);
  expect(before, 'T5c is among the figures').toBeTruthy();
  expect(after, 'T5c is among the figures').toBeTruthy();
  expect(after!.numerator).toBe(before!.numerator + 1);
});

test("the desk's other tools: a file with bad rows lists every one, the rules judge a test text, a feed polled now shows its result", async ({
  page,
}) => {
  test.setTimeout(180_000);
  // An analyst reads the rules (not editable) and tries a text; a file with two bad rows is refused whole.
  await signInAs(page, 'analyst');
  await page.goto('/app/factcheck?tab=rules');
  await expect(page.getByTestId('rules-read-only')).toBeVisible();
  await expect(page.getByTestId('rule-new')).toHaveCount(0);
  await page.getByTestId('rules-test-text').fill('Nhân quyền ở Việt Nam được bảo đảm');
  await page.getByTestId('rules-test-run').click();
  await expect(page.getByTestId('rules-verdict')).toContainText('Đúng chủ đề');
  await expect(page.getByTestId('rules-verdict')).toContainText('“Việt Nam”');
  await page.getByTestId('rules-test-text').fill('Giá vàng hôm nay tăng nhẹ');
  await page.getByTestId('rules-test-run').click();
  await expect(page.getByTestId('rules-verdict')).toContainText('Không đúng chủ đề');
  // The why of a decision: words inside a mask phrase do not count (issue 19's accent-folded false positive).
  await page.getByTestId('rules-test-text').fill('Chân dung nữ doanh nhân quyền lực nhất Việt Nam');
  await page.getByTestId('rules-test-run').click();
  await expect(page.getByTestId('rules-verdict')).toContainText('Không đúng chủ đề');
  await expect(page.getByTestId('topic-why')).toContainText('nằm trong cụm che, không tính');
  // Searching the items: an emoji alone is refused with a reason, never "everything".
  await page.goto('/app/factcheck?tab=items');
  await page.getByTestId('item-search').fill('🙂');
  await page.getByTestId('item-search').press('Enter');
  await expect(page.getByTestId('items-count')).toContainText('Không có từ nào để tìm');

  await page.goto('/app/factcheck?tab=add');
  // A URL alone: fetching its text never reaches a private address (the refusal is beside the URL field).
  await page.getByTestId('item-url-input').fill('http://10.1.2.3/bai-dang');
  await page.getByTestId('item-fetch').click();
  await expect(page.getByTestId('item-form')).toContainText('không phải là địa chỉ công khai trên Internet');
  await page.getByTestId('item-url-input').fill('');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-file').click();
  await (
    await chooser
  ).setFiles({
    name: 'tin-bai.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'text,platform,published_at\nNhân quyền ở Việt Nam,facebook,2026-11-01\nMột tin khác,nowhere,2026-11-02\n,web,hôm qua\n',
    ),
  });
  await page.getByTestId('import-run').click();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toBeVisible();
  await expect(errors.getByRole('row', { name: /^3 platform/ })).toBeVisible();
  await expect(errors.getByRole('row', { name: /^4 / }).first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  // The same file, importing the valid rows: one written, the two others offered back as a file with their errors.
  await page.getByTestId('import-mode-valid').check();
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-result')).toContainText('1');
  // The rows the server read, as a figure: the one written and the two rejected.
  await expect(page.getByTestId('import-progress-text')).toHaveText('Đã xử lý 3 dòng');
  const rejected = page.getByTestId('import-rejected');
  await expect(rejected.getByRole('row', { name: /^4 text/ })).toBeVisible();
  await expect(rejected.getByTestId('import-rejected-file')).toHaveAttribute('download', 'tin-bai.rejected.csv');
  await page.screenshot({ path: 'test-results/factcheck-import-valid.png', fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  // A reviewer registers a feed at an internal address: polling it now is refused by the safe fetcher, shown on the row.
  await signInAs(page, 'reviewer');
  await page.goto('/app/factcheck?tab=feeds');
  await page.getByTestId('feed-new').click();
  const form = page.getByTestId('feed-form');
  await form.getByTestId('feed-title').fill('Nguồn thử (địa chỉ nội bộ)');
  await form.getByTestId('feed-url').fill('not a url');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form.getByText('phải là địa chỉ http(s)')).toBeVisible();
  await form.getByTestId('feed-url').fill(`http://127.0.0.1/rss-${Date.now()}.xml`);
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form).toBeHidden();
  const row = page.getByTestId('feeds-table').getByRole('row', { name: /Nguồn thử/ });
  await row.getByTestId('feed-poll').click();
  await expect(row.getByTestId('poll-result')).toContainText('Lỗi');
  await expect(row.getByTestId('feed-error')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // In English too (the choice is kept for the user; every journey switches back to Vietnamese after signing in).
  await switchToEnglish(page);
  await page.goto('/app/factcheck?tab=items');
  await expect(page.getByRole('heading', { name: 'Fact-checking desk' })).toBeVisible();
  await expect(page.getByTestId('items-table')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('fc-tab-claims').click();
  await expect(page.getByTestId('claims-table')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await switchToVietnamese(page);
});

/** A write through the API as the signed-in user (the CSRF token comes from /api/auth/me). */
async function apiPost(page: Page, url: string, data: unknown, method: 'POST' | 'PATCH' = 'POST') {
  const me = await (await page.request.get('/api/auth/me')).json();
  const res = await page.request.fetch(url, { method, headers: { 'x-csrf-token': me.csrfToken }, data: data as object });
  expect(res.ok(), `${method} ${url}: ${await res.text()}`).toBe(true);
  return res.json();
}

test('a reviewer proposes a correction (a note is required), cannot approve it, another reviewer does, and the history shows it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, 'analyst');
  const c = await apiPost(page, '/api/factcheck/claims', {
    text: `Tỉnh Điện Biên đóng cửa mọi trường dạy tiếng dân tộc thiểu số (${Date.now()})`,
  });
  await apiPost(page, `/api/factcheck/claims/${c.id}/transition`, { to: 'researching' });
  await apiPost(page, `/api/factcheck/claims/${c.id}/evidence`, {
    url: 'https://dienbien.example.gov.vn/giao-duc',
    title: 'Sở Giáo dục Điện Biên',
    snapshot: 'Các lớp song ngữ tiếp tục mở trong năm học.',
    fetchedAt: '2026-11-20',
  });
  await apiPost(page, `/api/factcheck/claims/${c.id}`, { ratingCode: 'false', rationaleVi: 'Các lớp vẫn mở.' }, 'PATCH');
  await apiPost(page, `/api/factcheck/claims/${c.id}/transition`, { to: 'drafted' });
  await signInAs(page, 'reviewer');
  await apiPost(page, `/api/factcheck/claims/${c.id}/transition`, { to: 'approved' });
  await apiPost(page, `/api/factcheck/claims/${c.id}/transition`, { to: 'published' });

  await page.goto(`/app/factcheck?tab=claims&claim=${c.id}`);
  const detail = page.getByTestId('claim-detail');
  await expect(detail.getByTestId('claim-state')).toHaveText('Đã công bố');
  await expect(detail.getByTestId('draft-form')).toHaveCount(0);
  await expect(detail.getByTestId('move-corrected')).toHaveText('Đề xuất đính chính');
  await detail.getByTestId('move-corrected').click();
  const form = detail.getByTestId('correction-form');
  await form.getByLabel('Kết luận').selectOption('partly_false');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form.getByText('nêu nội dung đã đính chính và lý do')).toBeVisible();
  await form.getByLabel('Nội dung đính chính').fill('Một số lớp đã tạm dừng trong học kỳ I: kết luận đổi thành sai một phần.');
  await form.getByRole('button', { name: 'Lưu' }).click();
  // Proposed, not yet applied: its author sees that another reviewer approves it, and the server refuses them too.
  await expect(detail.getByTestId('pending-correction')).toContainText('Sai sự thật → Sai một phần');
  await expect(detail.getByTestId('claim-state')).toHaveText('Đã công bố');
  await expect(detail.getByTestId('move-hint-corrected')).toContainText('Bạn đã viết một phần đính chính này');
  await detail.getByTestId('move-corrected').click();
  await expect(detail.getByTestId('write-error')).toBeVisible();
  await expect(detail.getByTestId('claim-state')).toHaveText('Đã công bố');
  expect(await seriousViolations(page)).toEqual([]);
  // A second reviewer (the programme office's admin) approves it.
  await signInAs(page, 'admin');
  await page.goto(`/app/factcheck?tab=claims&claim=${c.id}`);
  await expect(detail.getByTestId('move-hint-corrected')).toHaveCount(0);
  await expect(detail.getByTestId('move-corrected')).toHaveText('Duyệt đính chính');
  await detail.getByTestId('move-corrected').click();
  await expect(detail.getByTestId('claim-state')).toHaveText('Đã đính chính');
  await expect(detail.getByTestId('corrections')).toContainText('Sai sự thật → Sai một phần');
  await expect(detail.getByTestId('claim-rating-view')).toHaveText('Sai một phần');
  expect(await seriousViolations(page)).toEqual([]);
});
