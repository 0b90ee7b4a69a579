import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { ApiError } from '../../lib/api';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useDocumentTitle } from '../../components/useDocumentTitle';

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  useDocumentTitle(t('login.title'));
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
              {error && (
                <Alert color="red" role="alert" data-testid="login-error">
                  {error}
                </Alert>
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
