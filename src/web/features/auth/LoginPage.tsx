import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Center, Divider, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useSearchParams } from '../../app/router';
import { ApiError, get } from '../../lib/api';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useDocumentTitle } from '../../components/useDocumentTitle';

type SsoProvider = { id: string; label: string };

/** Why single sign-on sent the person back here (?sso_error=<code>, modules/directory/oidc.ts). */
function ssoErrorText(t: (key: string) => string, code: string): string {
  const texts: Record<string, string> = {
    unknown_provider: t('login.ssoError.unknown_provider'),
    provider_unavailable: t('login.ssoError.provider_unavailable'),
    expired: t('login.ssoError.expired'),
    denied: t('login.ssoError.denied'),
    invalid_response: t('login.ssoError.invalid_response'),
    unverified_email: t('login.ssoError.unverified_email'),
    unknown_user: t('login.ssoError.unknown_user'),
    ambiguous_user: t('login.ssoError.ambiguous_user'),
    inactive_user: t('login.ssoError.inactive_user'),
    wrong_organisation: t('login.ssoError.wrong_organisation'),
  };
  return texts[code] ?? t('login.ssoError.error');
}

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  useDocumentTitle(t('login.title'));
  const search = useSearchParams();
  const ssoError = search.get('sso_error');
  const next = search.get('next');
  // The identity providers of ministries and provinces (OIDC_PROVIDERS); none: the password form only.
  const providers = useQuery({
    queryKey: ['sso-providers'],
    queryFn: () => get<SsoProvider[]>('/api/auth/oidc/providers'),
    staleTime: Infinity,
  });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!username.trim() || !password) {
      setError(t('login.missing'));
      return;
    }
    setBusy(true);
    try {
      // The router sends a signed-in user from /login to the dashboard.
      await login(username.trim(), password);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'unknown';
      if (code === 'invalid_credentials') setError(t('login.invalidCredentials'));
      else if (code === 'rate_limited') {
        const wait = err instanceof ApiError ? err.retryAfter : undefined;
        setError(
          !wait
            ? t('login.rateLimited')
            : wait < 90
              ? t('login.rateLimitedSeconds', { n: Math.ceil(wait) })
              : t('login.rateLimitedMinutes', { n: Math.ceil(wait / 60) }),
        );
      } else if (code === 'network') setError(t('errors.network'));
      else setError(t('errors.unknown'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box bg="gray.0" mih="100vh">
      <Box component="header" p="md">
        <Group justify="space-between">
          <Text fw={700} size="lg">
            RightsHub
          </Text>
          <LanguageSwitch />
        </Group>
      </Box>
      <Center component="main" py="xl">
        <Paper withBorder shadow="sm" p="xl" w={400} maw="92vw">
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack>
              <Title order={1} size="h2">
                {t('login.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('login.subtitle')}
              </Text>
              {(error ?? ssoError) && (
                <Alert color="red" role="alert" data-testid="login-error">
                  {error ?? ssoErrorText(t, ssoError!)}
                </Alert>
              )}
              {!!providers.data?.length && (
                <>
                  {providers.data.map((p) => (
                    <Button
                      key={p.id}
                      component="a"
                      variant="default"
                      href={`/api/auth/oidc/${encodeURIComponent(p.id)}/start${next ? `?next=${encodeURIComponent(next)}` : ''}`}
                    >
                      {t('login.sso', { label: p.label })}
                    </Button>
                  ))}
                  <Divider label={t('login.or')} labelPosition="center" />
                </>
              )}
              <TextInput
                label={t('login.username')}
                name="username"
                autoComplete="username"
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                required
                autoFocus
              />
              <PasswordInput
                label={t('login.password')}
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                required
              />
              <Button type="submit" loading={busy}>
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
