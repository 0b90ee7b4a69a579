// Journey of the calendar: the demo focal point of UBND-01 Hà Nội records a training session today, opens the calendar
// from the navigation and finds it on today's day of the month grid; the province filter keeps it under Hà Nội and
// hides it under another province; the list view links to the session's record in Training. axe-core finds no
// serious or critical violation on the month and list views. The public feed downloads as text/calendar.
import { test, expect } from '@playwright/test';
import { vnToday } from '../src/shared/format';
import { failOnCspViolations, login, seriousViolations, switchToVietnamese } from './helpers';

failOnCspViolations();

test('a focal point finds a training session on its day, filters by province and follows the link', async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, 'editor');
  await switchToVietnamese(page);
  const me = await (await page.request.get('/api/auth/me')).json();
  const headers = { 'x-csrf-token': me.csrfToken as string };
  const title = `Tập huấn lịch ${Date.now()}`;
  const course = await page.request.post('/api/training/courses', {
    headers,
    data: { title, kind: 'training', format: 'in_person', organisationId: me.organisationId },
  });
  expect(course.status(), await course.text()).toBe(201);
  const today = vnToday();
  const session = await page.request.post('/api/training/sessions', {
    headers,
    data: { courseId: (await course.json()).id, startsOn: today, endsOn: today, provinceCode: '01', organiserId: me.organisationId },
  });
  expect(session.status(), await session.text()).toBe(201);
  const sessionId = (await session.json()).id as number;

  await page.getByRole('navigation').getByRole('link', { name: 'Lịch', exact: true }).click();
  await expect(page).toHaveURL(/\/app\/calendar$/);
  await page.getByTestId('calendar-view').getByText('Tháng', { exact: true }).click();
  const day = page.locator(`[data-testid="calendar-grid"] td[data-day="${today}"]`);
  await expect(day.getByText(title)).toBeVisible();
  await page.mouse.move(900, 5);
  expect(await seriousViolations(page)).toEqual([]);

  // The province filter: Hà Nội keeps it, Hồ Chí Minh hides it.
  await page.getByTestId('calendar-province').fill('Hồ Chí Minh');
  await page.getByRole('option', { name: /Hồ Chí Minh/ }).click();
  await expect(page).toHaveURL(/province=79/);
  await expect(page.getByTestId('calendar-grid')).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
  await page.getByTestId('calendar-province').fill('Hà Nội');
  await page.getByRole('option', { name: /Hà Nội/ }).click();
  await expect(page).toHaveURL(/province=01/);
  await expect(day.getByText(title)).toBeVisible();

  // The list view (small screens, screen readers): the day in dd/mm/yyyy, the event a link to its record.
  await page.getByTestId('calendar-view').getByText('Danh sách', { exact: true }).click();
  const list = page.getByTestId('calendar-list');
  const [y, m, d] = today.split('-');
  await expect(list.locator(`[data-day="${today}"]`).getByRole('heading')).toHaveText(`${d}/${m}/${y}`);
  expect(await seriousViolations(page)).toEqual([]);
  await list.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/app/training\\?tab=courses&session=${sessionId}$`));
  await expect(page.getByRole('heading', { name: 'Tập huấn (mục tiêu T2)' })).toBeVisible();
  await expect(page.getByTestId('sessions-table').getByRole('cell', { name: title, exact: true })).toBeVisible();
});

test('the public calendar downloads as text/calendar', async ({ request }) => {
  for (const path of ['/lich.ics', '/en/calendar.ics']) {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/calendar/);
    const body = await res.text();
    expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(body).toContain('BEGIN:VTIMEZONE');
  }
});
