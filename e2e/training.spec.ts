// Journey of the training module (T2): a focal point (the demo editor of UBND-01 Hà Nội) imports a roster of three
// new officials (group T2a), then the sign-in sheet of a session with two ambiguous names (one in another word
// order, "Le Thi Ha" who could be Lê Thị Hà or Lê Thị Hạ); nothing is written until both are resolved; after the
// write, T2a coverage on the coverage page and on the indicators goes up. axe-core finds no serious or critical
// violation on the review step and the coverage page, in Vietnamese and English.
import ExcelJS from 'exceljs';
import { test, expect, type Page } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations, switchToEnglish, switchToVietnamese } from './helpers';

failOnCspViolations();

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** T2a's numerator for the editor's default scope, from the indicators API. */
async function t2aCovered(page: Page): Promise<number> {
  const res = await page.request.get('/api/indicators');
  expect(res.status()).toBe(200);
  return (await res.json()).figures.find((f: { id: string }) => f.id === 'T2a').numerator as number;
}

test('a focal point adds a person, a course and a session in the workspace, marks the person completed, and T2a rises', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await login(page, 'editor');
  await switchToVietnamese(page);
  const before = await t2aCovered(page);
  const title = `Khóa tập huấn tạo trong biểu mẫu (e2e ${Date.now()})`;
  await page.goto('/app/training');

  // 1. A person on the roster (the purpose is stated on the form); a bad date range is refused beside its field.
  await page.getByTestId('person-new').click();
  const pf = page.getByTestId('person-form');
  await expect(pf).toContainText('Mục đích');
  await pf.getByTestId('person-name').fill('Đinh Văn Biểu Mẫu');
  await pf.getByRole('button', { name: 'Thêm nhóm đối tượng' }).click();
  await pf.getByLabel('Từ ngày').fill('01/01/2024');
  await pf.getByLabel('Đến ngày').fill('01/01/2023');
  await pf.getByRole('button', { name: 'Lưu' }).click();
  await expect(pf.getByText('không được trước ngày bắt đầu hiệu lực')).toBeVisible();
  await pf.getByLabel('Đến ngày').fill('');
  await pf.getByRole('button', { name: 'Lưu' }).click();
  await expect(pf).toBeHidden();

  // 2. A course (training and update) with a library product as material.
  await page.getByTestId('tab-courses').click();
  await page.getByTestId('course-new').click();
  const cf = page.getByTestId('course-form');
  await cf.getByTestId('course-title').fill(title);
  await cf.getByTestId('course-kind').selectOption('both');
  await cf.getByTestId('course-material').click();
  await page.getByRole('listbox').getByRole('option').first().click();
  await expect(cf).toContainText('(#');
  expect(await seriousViolations(page)).toEqual([]);
  await cf.getByRole('button', { name: 'Lưu' }).click();
  await expect(cf).toBeHidden();
  await expect(page.getByTestId('courses-table')).toContainText(title);

  // 3. A session of it in Hà Nội, organised by the editor's committee.
  await page.getByTestId('session-new').click();
  const sf = page.getByTestId('session-form');
  await sf.getByTestId('session-course').click();
  await page.getByRole('listbox').getByRole('option', { name: title }).click();
  await sf.getByTestId('session-start').fill('10/03/2026');
  await sf.getByTestId('session-end').fill('11/03/2026');
  await sf.getByTestId('session-province').click();
  await page
    .getByRole('listbox')
    .getByRole('option', { name: /\(01\)$/ })
    .click();
  await sf.getByRole('button', { name: 'Lưu' }).click();
  await expect(sf).toBeHidden();

  // 4. Attendance: add the person, mark completed.
  const row = page.getByTestId('sessions-table').getByRole('row', { name: title });
  await row.getByRole('button', { name: '0', exact: true }).click();
  const att = page.getByTestId('session-attendance');
  await att.getByTestId('att-add').fill('Biểu Mẫu');
  await page
    .getByRole('listbox')
    .getByRole('option', { name: /Đinh Văn Biểu Mẫu/ })
    .click();
  const person = att.locator('[data-testid^="attendance-"]', { hasText: 'Đinh Văn Biểu Mẫu' });
  await expect(person).toBeVisible();
  await person.getByTestId('att-completed').check();
  await person.getByTestId('att-save').click();
  await expect(person.getByTestId('att-save')).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);

  // 5. Coverage counts the person.
  expect(await t2aCovered(page)).toBe(before + 1);
  await page.goto('/app/training/coverage?status=covered');
  await expect(page.getByTestId('coverage-table')).toBeVisible();
  // (No English switch here: the choice is kept for the user, and the import journey below checks English at its end.)
});

test('import a roster and a sign-in sheet, resolve two ambiguous names, see T2a coverage rise', async ({ page }) => {
  test.setTimeout(180_000); // a long journey; the shared machine is often loaded
  await login(page, 'editor');
  await switchToVietnamese(page);
  const before = await t2aCovered(page);
  await page.goto('/app/training/coverage');
  const card = page.getByTestId('coverage-T2a');
  await expect(card).toBeVisible();
  const cardBefore = await card.innerText();

  // 1. The roster: three new people of the editor's own committee.
  await page.getByTestId('tab-import').click();
  await expect(page.getByTestId('roster-purpose')).toContainText('Mục đích');
  await page.getByTestId('roster-file').setInputFiles({
    name: 'danh-sach.xlsx',
    mimeType: XLSX,
    buffer: await xlsx([
      ['Họ và tên', 'Chức vụ', 'Đơn vị', 'Nhóm đối tượng', 'Từ ngày'],
      ['Phan Thị Thử Nghiệm', 'Chuyên viên (e2e)', 'UBND-01', 'T2a', '01/01/2025'],
      ['Lương Văn Kiểm Tra', 'Chuyên viên (e2e)', 'UBND-01', 'T2a', '01/01/2025'],
      ['Mai Hồng Ví Dụ', 'Chuyên viên (e2e)', 'UBND-01', 'T2a', '01/01/2025'],
    ]),
  });
  await page.getByTestId('roster-read').click();
  await expect(page.getByTestId('roster-review')).toContainText('3 dòng');
  await page.getByTestId('roster-commit').click();
  await expect(page.getByTestId('roster-success')).toContainText('3 người mới');

  // 2. The sign-in sheet of the demo's sample session.
  const session = page.getByTestId('signin-session');
  const option = session.locator('option', { hasText: 'Tập huấn và cập nhật tình hình quyền con người (demo)' }).last();
  await session.selectOption(await option.getAttribute('value'));
  await page.getByTestId('signin-file').setInputFiles({
    name: 'diem-danh.xlsx',
    mimeType: XLSX,
    buffer: await xlsx([
      ['DANH SÁCH ĐIỂM DANH'],
      [],
      ['STT', 'Họ và tên', 'Đơn vị', 'Có mặt', 'Hoàn thành'],
      [1, 'Phan Thị Thử Nghiệm', 'UBND-01', 'x', 'x'],
      [2, 'Mai Hong Vi Du', 'UBND-01', 'x', 'x'],
      [3, 'Kiem Tra Luong Van', 'UBND-01', 'x', 'x'],
      [4, 'Le Thi Ha', 'UBND-01', 'x', 'x'],
    ]),
  });
  await page.getByTestId('signin-read').click();
  const review = page.getByTestId('signin-review');
  await expect(review).toContainText('4 dòng: 2 khớp, 2 chưa rõ');
  await expect(page.getByTestId('signin-commit')).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);
  await page
    .getByTestId('decide-6')
    .selectOption({ label: await page.getByTestId('decide-6').locator('option', { hasText: 'Lương Văn Kiểm Tra' }).innerText() });
  await expect(page.getByTestId('signin-commit')).toBeDisabled(); // one still undecided
  await page.getByTestId('decide-7').selectOption({
    label: await page
      .getByTestId('decide-7')
      .locator('option', { hasText: /^Lê Thị Hà — Ủy ban nhân dân thành phố Hà Nội/ })
      .innerText(),
  });
  await page.getByTestId('signin-commit').click();
  await expect(page.getByTestId('signin-success')).toContainText('4 lượt tham dự');

  // 3. Coverage went up by the four people.
  expect(await t2aCovered(page)).toBe(before + 4);
  await page.getByTestId('tab-coverage').click();
  await expect(card).not.toHaveText(cardBefore);
  await page.getByLabel('Tình trạng').selectOption('covered');
  await expect(page.getByTestId('coverage-table')).toContainText('Lương Văn Kiểm Tra');
  await expect(page.getByTestId('coverage-table')).toContainText('Lê Thị Hà');
  expect(await seriousViolations(page)).toEqual([]);

  // 4. The same pages in English.
  await switchToEnglish(page);
  await expect(page.getByTestId('method-note')).toBeAttached();
  await expect(page.getByRole('tab', { name: 'Coverage' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('tab-roster').click();
  await expect(page.getByTestId('roster-table')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('a sign-in sheet naming someone of another organisation: the focal point is told someone outside matches, never who', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  // Someone the programme office sees and the editor (UBND-01 Hà Nội and below) does not.
  expect((await request.post('/api/auth/login', { data: { username: 'admin', password: 'rightshub-demo' } })).status()).toBe(200);
  const everyone = (await (await request.get('/api/training/people?limit=500')).json()).items as {
    id: number;
    fullName: string;
    position: string | null;
  }[];
  await login(page, 'editor');
  await switchToVietnamese(page);
  const mine = (await (await page.request.get('/api/training/people?limit=500')).json()).items as { id: number; fullName: string }[];
  // its words, diacritics and order aside: a stranger none of the editor's people could be taken for
  const words = (n: string) => n.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().split(' ').sort().join(' ');
  const near = new Set(mine.map((p) => words(p.fullName)));
  const stranger = everyone.find((p) => !mine.some((m) => m.id === p.id) && !near.has(words(p.fullName)))!;
  expect(stranger).toBeTruthy();

  await page.goto('/app/training');
  await page.getByTestId('tab-import').click();
  const session = page.getByTestId('signin-session');
  const option = session.locator('option', { hasText: 'Tập huấn và cập nhật tình hình quyền con người (demo)' }).last();
  await session.selectOption(await option.getAttribute('value'));
  await page.getByTestId('signin-file').setInputFiles({
    name: 'diem-danh.xlsx',
    mimeType: XLSX,
    buffer: await xlsx([
      ['STT', 'Họ và tên', 'Có mặt'],
      [1, stranger.fullName, 'x'],
    ]),
  });
  await page.getByTestId('signin-read').click();
  const review = page.getByTestId('signin-review');
  await expect(review).toContainText('1 dòng: 0 khớp');
  await expect(page.getByTestId('outside-match-2')).toHaveText(/ngoài đơn vị của bạn.*Văn phòng Đề án có thể liên kết/);
  await expect(page.getByTestId('decide-2')).toBeVisible(); // a decision is needed: the stranger is not offered
  expect(await page.getByTestId('decide-2').locator('option').allInnerTexts()).not.toContainEqual(
    expect.stringContaining(stranger.fullName),
  );
  expect(await seriousViolations(page)).toEqual([]);
  await switchToEnglish(page);
  await expect(page.getByTestId('outside-match-2')).toHaveText(
    'A person outside your organisation matches — the programme office can link them.',
  );
});

test('the programme office changes the coverage rule: the method note and T2a follow, and the change is undone', async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, 'admin');
  await switchToVietnamese(page);
  await page.goto('/app/training');
  await page.getByTestId('tab-coverage').click();
  const card = page.getByTestId('coverage-T2a-value');
  await expect(card).toHaveText(/%|—/);
  const before = await card.textContent();
  await page.getByText('Cách tính').click();
  await expect(page.getByTestId('method-note')).toContainText('cập nhật thông tin');

  // No information update required any more: people with a completed training session alone now count.
  await page.getByTestId('edit-rule').click();
  const form = page.getByTestId('rule-form');
  await form.getByTestId('rule-min-updates').fill('0');
  await form.getByRole('button', { name: /Lưu/ }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('method-note')).not.toContainText('cập nhật thông tin');
  await expect(card).not.toHaveText(before!);

  // A window that ends before it starts is refused beside the field; nothing changes.
  await page.getByTestId('edit-rule').click();
  await form.getByTestId('rule-window-to').fill('01/01/2020');
  await form.getByRole('button', { name: /Lưu/ }).click();
  await expect(form.getByText('không được trước đầu khoảng thời gian')).toBeVisible();
  await form.getByTestId('rule-window-to').fill('31/12/2028');
  await form.getByTestId('rule-min-updates').fill('1');
  await form.getByRole('button', { name: /Lưu/ }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('method-note')).toContainText('cập nhật thông tin');
  await expect(card).toHaveText(before!);
});
