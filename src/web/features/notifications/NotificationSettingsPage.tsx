// One's choices: for each kind of notification, in the inbox and/or by e-mail; a daily digest instead of a message
// per pass. Says where the e-mails go, or why none do (no address, or the server sends no e-mail).
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, Loader, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KindPreference } from '../../../shared/contracts/notifications';
import { Link } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { usePreferences, useSavePreferences } from './api';
import { ScrollBox } from '../../components/ScrollTable';

export function NotificationSettingsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('notifications.settings.title'));
  const prefs = usePreferences();
  const save = useSavePreferences();
  const [kinds, setKinds] = useState<KindPreference[]>([]);
  const [digest, setDigest] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (prefs.data) {
      setKinds(prefs.data.kinds);
      setDigest(prefs.data.digest);
    }
  }, [prefs.data]);
  const en = i18n.language === 'en';
  const text = (b: { vi: string; en: string }) => (en ? b.en : b.vi);
  const set = (id: string, field: 'inbox' | 'email', value: boolean) => {
    setSaved(false);
    setKinds((ks) => ks.map((k) => (k.id === id ? { ...k, [field]: value } : k)));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ kinds: kinds.map((k) => ({ id: k.id, inbox: k.inbox, email: k.email })), digest }, { onSuccess: () => setSaved(true) });
  };
  const p = prefs.data;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('notifications.settings.title')}</Title>
        <Link to="/notifications">{t('notifications.backToInbox')}</Link>
      </Group>
      {prefs.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={prefs.error} />
      {p && (
        <form onSubmit={submit} data-testid="notification-settings">
          <Stack>
            <Text size="sm" data-testid="mail-state">
              {!p.mailEnabled
                ? t('notifications.settings.mailOff')
                : p.email
                  ? t('notifications.settings.mailTo', { email: p.email })
                  : t('notifications.settings.noAddress')}
            </Text>
            <Paper withBorder p="md">
              <ScrollBox minWidth={560}>
                <Table>
                  <caption id="notification-kinds-h" style={{ textAlign: 'left', fontWeight: 600, paddingBottom: 8 }}>
                    {t('notifications.settings.kinds')}
                  </caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('notifications.settings.kind')}</Table.Th>
                      <Table.Th scope="col">{t('notifications.settings.inbox')}</Table.Th>
                      <Table.Th scope="col">{t('notifications.settings.email')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {kinds.map((k) => (
                      <Table.Tr key={k.id} data-testid={`kind-${k.id}`}>
                        <Table.Th scope="row" fw={400}>
                          <Text fw={600} size="sm">
                            {text(k.label)}
                          </Text>
                          <Text size="xs" c="gray.7">
                            {text(k.description)}
                          </Text>
                        </Table.Th>
                        <Table.Td>
                          <Checkbox
                            checked={k.inbox}
                            onChange={(e) => set(k.id, 'inbox', e.currentTarget.checked)}
                            aria-label={t('notifications.settings.inboxOf', { kind: text(k.label) })}
                            data-testid={`inbox-${k.id}`}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Checkbox
                            checked={k.email}
                            onChange={(e) => set(k.id, 'email', e.currentTarget.checked)}
                            aria-label={t('notifications.settings.emailOf', { kind: text(k.label) })}
                            data-testid={`email-${k.id}`}
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollBox>
            </Paper>
            <Switch
              checked={digest}
              onChange={(e) => {
                setSaved(false);
                setDigest(e.currentTarget.checked);
              }}
              data-testid="digest-switch"
              label={t('notifications.settings.digest')}
              description={t('notifications.settings.digestHint', { hour: p.digestHour })}
            />
            <ErrorAlert error={save.error} />
            {saved && (
              <Alert color="green" role="status" data-testid="settings-saved">
                {t('notifications.settings.saved')}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={save.isPending} data-testid="save-settings">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
