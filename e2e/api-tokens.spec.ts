// API tokens (issue 21): the programme office makes a token in the workspace (axe: no serious or critical violation),
// the secret shown once; then "a script" — Playwright's request API with only the bearer header, no cookie, no CSRF
// token — pushes a press item and reads the indicators' figures; the office revokes the token and the next call is 401.
import { expect, test } from '@playwright/test';
import { failOnCspViolations, login, seriousViolations, switchToVietnamese } from './helpers';

failOnCspViolations();

test('the office makes a token, a script pushes a press item and reads figures with it, then the token is revoked', async ({
  page,
  request,
}) => {
  const name = `Hệ thống tỉnh thử ${Date.now()}`;
  await login(page, 'admin');
  await switchToVietnamese(page);
  await page.goto('/app/tokens');
  await expect(page.getByRole('heading', { level: 2, name: 'Khoá API' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('token-name').fill(name);
  await page.getByTestId('token-create').click();
  const shown = page.getByTestId('token-created');
  await expect(shown).toBeVisible();
  await expect(shown).toContainText('lần duy nhất');
  const secret = (await page.getByTestId('token-secret').textContent())!.trim();
  expect(secret).toMatch(/^rh_/);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('token-done').click();
  await expect(page.getByTestId('token-secret')).toHaveCount(0); // shown once: gone from the page
  const row = page.getByTestId('tokens-table').locator('tr', { hasText: name });
  await expect(row).toContainText(secret.slice(0, 11));
  await expect(row).toContainText('Chưa dùng');

  // The script: its own request context, no cookie; only the token.
  const auth = { authorization: `Bearer ${secret}`, 'accept-language': 'vi' };
  const orgs = await request.get('/api/organisations?q=UBND&limit=5', { headers: auth });
  expect(orgs.status()).toBe(200);
  const organisationId = ((await orgs.json()) as { items: { id: number }[] }).items[0]!.id;
  const title = `Thông cáo gửi qua khoá API ${Date.now()}`;
  const pushed = await request.post('/api/press/items', {
    headers: auth,
    data: { kind: 'press_release', organisationId, title, bodyHtml: '<p>Gửi từ hệ thống của tỉnh.</p>' },
  });
  expect(pushed.status()).toBe(201);
  expect(((await pushed.json()) as { title: string }).title).toBe(title);
  const figures = await request.get('/api/indicators?map=34', { headers: auth });
  expect(figures.status()).toBe(200);
  expect(((await figures.json()) as { figures: unknown[] }).figures.length).toBeGreaterThan(0);

  // The list now says when the token was last used; the office revokes it and the script's next call is refused.
  await page.reload();
  await expect(row).not.toContainText('Chưa dùng');
  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: `Thu hồi khoá ${name}` }).click();
  await expect(row).toContainText('Đã thu hồi');
  const after = await request.get('/api/indicators?map=34', { headers: auth });
  expect(after.status()).toBe(401);
  expect(((await after.json()) as { error: { message: string } }).error.message).toMatch(/thu hồi/);
});
