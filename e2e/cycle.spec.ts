// Journey of the programme cycle (issue 17), on the demo data: the focal point of UBND Hà Nội (demo editor) opens this
// year's due report, pre-filled from the records (every target's figure with a link to the records behind it), writes
// the narrative and submits; Hà Nội's coordinator (demo coordinator) returns it with a comment on one section; the
// focal point sees the comment, fixes it and resubmits; the coordinator approves, then the office; the office closes a
// year that has ended and is not closed (2024: added to the calendar when the demo has no such period, re-opened first
// when it is already closed), enters a record dated in that year after the close and sees "revised since the official
// figure" with the record that differs. axe-core finds no serious or critical violation on the reports list, the
// report page, the calendar and the official figures.
// Independent of the other specs sharing the demo server: every user is switched to Vietnamese first, the report is
// this year's (no other spec reports), the year closed is one no other spec closes, the late record has its own name.
import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { unzip } from '../test/zip';
import { failOnCspViolations, login, seriousViolations, switchToVietnamese } from './helpers';

failOnCspViolations();

const YEAR = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4)); // this year in Viet Nam
const CLOSE_YEAR = 2024;
const STAMP = Date.now();
const COMMENT = `Đề nghị nêu rõ số cán bộ đã được tập huấn (e2e ${STAMP}).`;
const LATE_PERSON = `Nguyễn Văn Nhập Muộn ${STAMP}`;

async function as(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, username);
  await switchToVietnamese(page);
  return page;
}

async function noSeriousViolations(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

test('a focal point reports, the coordinator returns and approves, the office approves, closes a year and sees what was revised since', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const editor = await as(browser, 'editor');
  let reportId = 0;
  let orgName = '';

  await test.step("the focal point opens this year's due report, pre-filled from the records", async () => {
    const me = (await (await editor.request.get('/api/auth/me')).json()) as { organisationId: number };
    const due = (await (await editor.request.get('/api/cycle/due')).json()) as {
      period: { key: string };
      organisationId: number;
      organisationName: string;
      report: { id: number; status: string } | null;
    }[];
    const mine = due.find((d) => d.period.key === String(YEAR) && d.organisationId === me.organisationId);
    expect(mine, `UBND Hà Nội is due to report for ${YEAR}`).toBeDefined();
    orgName = mine!.organisationName;
    await editor.goto('/app/cycle?tab=due');
    await expect(editor.getByTestId('due-table')).toBeVisible();
    await noSeriousViolations(editor);
    if (mine!.report) {
      // A run against a server someone else started may find the draft an earlier run began.
      expect(mine!.report.status).toBe('draft');
      await editor.getByRole('link', { name: `Mở báo cáo của ${orgName} kỳ Năm ${YEAR}` }).click();
    } else {
      await editor.getByRole('button', { name: `Lập báo cáo của ${orgName} kỳ Năm ${YEAR}` }).click();
    }
    await expect(editor).toHaveURL(/\/app\/cycle\/report\?id=\d+/);
    reportId = Number(new URL(editor.url()).searchParams.get('id'));
    await expect(editor.getByRole('heading', { level: 1, name: `Báo cáo Năm ${YEAR} — ${orgName}` })).toBeVisible();
    await expect(editor.getByTestId('report-status').first()).toHaveText('Bản nháp');
    // Every target, each with the link to the records behind its figure.
    const figures = editor.getByTestId('contribution');
    await expect(figures.getByTestId('row-T2a')).toBeVisible();
    await expect(figures.getByTestId('row-T1')).toBeVisible();
    await noSeriousViolations(editor);
    const drill = figures.getByRole('link', { name: 'Xem hồ sơ của T2a' });
    await expect(drill).toHaveAttribute(
      'href',
      new RegExp(`/indicators/records\\?id=T2a&period=${YEAR}&organisation=${me.organisationId}`),
    );
    await drill.click();
    await expect(editor).toHaveURL(/\/app\/indicators\/records\?id=T2a/);
    await expect(editor.getByRole('main').getByRole('heading').first()).toBeVisible();
    await editor.goBack();
    await expect(editor.getByTestId('section-results')).toBeVisible();
  });

  await test.step("the focal point writes the narrative and submits: the report waits for Hà Nội's coordinator", async () => {
    await editor.getByTestId('section-results').fill('Tổ chức 3 hội nghị phổ biến pháp luật về quyền con người.');
    await editor.getByTestId('section-difficulties').fill('Kinh phí còn hạn chế.');
    await editor.getByTestId('section-proposals').fill('Đề nghị tập huấn kỹ năng truyền thông cho cán bộ đầu mối.');
    await editor.getByTestId('section-nextTasks').fill('Tiếp tục tập huấn; tổ chức triển lãm ảnh.');
    await editor.getByTestId('submit-report').click();
    await expect(editor.getByTestId('report-status').first()).toHaveText('Đã nộp');
    await expect(editor.getByText('Chờ điều phối viên tỉnh').first()).toBeVisible();
    await expect(editor.getByTestId('submit-report')).toHaveCount(0);
  });

  const coordinator = await as(browser, 'coordinator');
  await test.step('the coordinator finds it among the reports waiting for the province and returns it with a comment on one section', async () => {
    await coordinator.goto('/app/cycle?tab=reports');
    const link = coordinator.getByRole('link', { name: orgName, exact: true }).first();
    await expect(link).toBeVisible();
    await noSeriousViolations(coordinator);
    await coordinator.goto(`/app/cycle/report?id=${reportId}`);
    await coordinator.getByTestId('return-report').click();
    await coordinator.getByTestId('return-results').fill(COMMENT);
    await coordinator.getByTestId('confirm-return').click();
    await expect(coordinator.getByTestId('report-status').first()).toHaveText('Bị trả lại');
    await expect(coordinator.getByTestId('history')).toContainText(COMMENT);
  });

  await test.step('the focal point sees the comment on that section, fixes it and resubmits', async () => {
    await editor.reload();
    await expect(editor.getByTestId('comment-results')).toContainText(COMMENT);
    await expect(editor.getByTestId('comment-difficulties')).toHaveCount(0);
    await editor
      .getByTestId('section-results')
      .fill('Tổ chức 3 hội nghị phổ biến pháp luật về quyền con người; 45 cán bộ đã được tập huấn.');
    await editor.getByTestId('submit-report').click();
    await expect(editor.getByTestId('report-status').first()).toHaveText('Đã nộp');
    await expect(editor.getByText('Chờ điều phối viên tỉnh').first()).toBeVisible();
  });

  await test.step('the coordinator approves for the province: it now waits for the office', async () => {
    await coordinator.reload();
    await coordinator.getByTestId('approve-report').click();
    await expect(coordinator.getByText('Chờ Văn phòng Đề án').first()).toBeVisible();
    await expect(coordinator.getByTestId('approve-report')).toHaveCount(0);
  });
  const office = await as(browser, 'admin');
  await test.step('the office approves', async () => {
    await office.goto(`/app/cycle/report?id=${reportId}`);
    await office.getByTestId('approve-report').click();
    await expect(office.getByTestId('report-status').first()).toHaveText('Đã duyệt');
    await office.reload();
    for (const step of ['Nộp', 'Điều phối viên tỉnh trả lại', 'Điều phối viên tỉnh duyệt', 'Văn phòng duyệt'])
      await expect(office.getByTestId('history')).toContainText(step);
    await editor.reload();
    await expect(editor.getByTestId('report-status').first()).toHaveText('Đã duyệt');
    await expect(editor.getByTestId('section-results')).toHaveAttribute('readonly', '');
  });

  let periodId = 0;
  await test.step(`the office closes ${CLOSE_YEAR}`, async () => {
    await office.goto('/app/cycle?tab=calendar');
    await expect(office.getByTestId('calendar-table')).toBeVisible();
    const row = office.getByTestId(`period-${CLOSE_YEAR}`);
    if (!(await row.count())) {
      // The demo's calendar starts last year: the office adds the year, its deadline ahead.
      const card = office.locator('section', { has: office.getByRole('heading', { name: 'Thêm kỳ báo cáo' }) });
      await card.getByLabel('Năm', { exact: true }).click();
      await office.getByRole('option', { name: String(CLOSE_YEAR), exact: true }).click();
      await card
        .getByLabel('Hạn nộp')
        .fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/'));
      await card.getByRole('button', { name: 'Thêm' }).click();
      await expect(row).toBeVisible();
    } else if (await row.getByRole('button', { name: 'Mở lại' }).count()) {
      await row.getByRole('button', { name: 'Mở lại' }).click();
      await office.getByTestId('reason').fill('Khoá sổ lại trong hành trình thử (e2e).');
      await office.getByTestId('confirm-action').click();
      await expect(row.getByTestId(`close-${CLOSE_YEAR}`)).toBeVisible();
    }
    await noSeriousViolations(office);
    await row.getByTestId(`close-${CLOSE_YEAR}`).click();
    await office.getByTestId('confirm-action').click();
    await expect(row).toContainText('Khoá sổ ngày');
    await row.getByRole('link', { name: 'Xem số liệu chính thức' }).click();
    await expect(office).toHaveURL(/\/app\/cycle\/official\?period=\d+/);
    periodId = Number(new URL(office.url()).searchParams.get('period'));
    await expect(office.getByTestId('official-T2a')).toContainText('Không đổi');
    await noSeriousViolations(office);
  });

  await test.step('office downloads the consolidated Word report', async () => {
    // The year just closed: its report carries the official figures, with the close named as their source.
    await office.goto('/app/cycle?tab=calendar');
    await office.getByTestId(`consolidated-${CLOSE_YEAR}`).click();
    await expect(office.getByTestId('consolidated-section')).toBeVisible();
    const [word] = await Promise.all([
      office.waitForEvent('download', { timeout: 120_000 }),
      office.getByTestId('consolidated-docx').click(),
    ]);
    expect(word.suggestedFilename()).toBe(`bao-cao-tong-hop-${CLOSE_YEAR}.docx`);
    const xml = unzip(fs.readFileSync((await word.path())!))
      .get('word/document.xml')!
      .toString('utf8');
    expect(xml).toContain('số liệu chính thức, khoá sổ lần');
  });

  await test.step('the office enters a record dated in the closed year and sees "revised since the official figure" with it', async () => {
    await office.goto('/app/training');
    await office.getByTestId('person-new').click();
    const form = office.getByTestId('person-form');
    await form.getByTestId('person-name').fill(LATE_PERSON);
    await form.getByLabel('Đơn vị').first().fill(orgName);
    await office.getByRole('option', { name: orgName, exact: true }).click();
    await form.getByRole('button', { name: 'Thêm nhóm đối tượng' }).click();
    await form.getByLabel('Từ ngày').fill(`01/05/${CLOSE_YEAR}`);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await expect(form).toBeHidden();
    const roster = (await (await office.request.get(`/api/training/people?q=${encodeURIComponent(LATE_PERSON)}`)).json()) as {
      items: { id: number }[];
    };
    expect(roster.items).toHaveLength(1);

    await office.goto(`/app/cycle/official?period=${periodId}`);
    const t2a = office.getByTestId('official-T2a');
    await expect(t2a.getByTestId('revised-since')).toHaveText('Đã điều chỉnh sau số liệu chính thức');
    await t2a.getByTestId('differ-T2a').click();
    const added = office.getByTestId('revisions').getByRole('row', { name: new RegExp(`#${roster.items[0]!.id}\\b`) });
    await expect(added).toContainText(orgName);
    await expect(added).toContainText('Thêm sau khoá sổ');
    await noSeriousViolations(office);
  });
});
