// Single sign-on journey (issue 21): the browser presses "Đăng nhập bằng Test IdP" on the sign-in page, signs in at a
// local OpenID provider this spec starts itself (test/oidc-provider.ts, on E2E_OIDC_PORT or the e2e server's port +
// 1000, where scripts/e2e-server.mjs points OIDC_PROVIDERS) and lands in the workspace; an identity without a RightsHub account is
// sent back to the sign-in page with the reason, and the password form stays.
import { expect, test } from '@playwright/test';
import { startOidcProvider } from '../test/oidc-provider';

let idp: Awaited<ReturnType<typeof startOidcProvider>> | undefined;

test.beforeAll(async ({ baseURL }) => {
  idp = await startOidcProvider({
    clientId: 'rightshub-e2e',
    clientSecret: 'e2e-client-secret',
    port: Number(process.env.E2E_OIDC_PORT ?? Number(new URL(baseURL!).port) + 1000),
  });
});
test.afterAll(async () => idp?.close());

test('a person with a RightsHub account signs in through their organisation provider and lands in the workspace', async ({
  page,
  request,
}) => {
  // The office creates the account with the person's work e-mail (only existing accounts are linked).
  const email = `sso.${Date.now()}@example.gov.vn`;
  const signIn = await request.post('/api/auth/login', { data: { username: 'admin', password: 'rightshub-demo' } });
  expect(signIn.ok()).toBeTruthy();
  const created = await request.post('/api/users', {
    headers: { 'x-csrf-token': ((await signIn.json()) as { csrfToken: string }).csrfToken },
    data: {
      username: `sso${Date.now()}`,
      displayName: 'Người dùng đăng nhập một lần',
      password: 'a-long-password-1',
      role: 'viewer',
      email,
    },
  });
  expect(created.status()).toBe(201);

  await page.goto('/app/login');
  await expect(page.getByLabel('Tên đăng nhập')).toBeVisible(); // the password form stays
  await page.getByRole('link', { name: 'Đăng nhập bằng Test IdP' }).click();
  await expect(page).toHaveTitle('Test identity provider');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('welcome-card')).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(/^\/app\/?$/);

  // Someone the provider knows but RightsHub does not is sent back with the reason.
  await page.context().clearCookies();
  await page.goto('/app/login');
  await page.getByRole('link', { name: 'Đăng nhập bằng Test IdP' }).click();
  await page.getByLabel('E-mail').fill('stranger@example.gov.vn');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toContainText('Bạn chưa có tài khoản RightsHub gắn với danh tính này');
  expect(new URL(page.url()).pathname).toBe('/app/login');
});
