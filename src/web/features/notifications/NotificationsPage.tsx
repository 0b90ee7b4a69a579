// One's notifications (the header's bell leads here): newest first, unread ones marked; following a notice's link
// marks it read and opens its page; "mark all read"; the choices page is one click away.
import { Anchor, Badge, Button, Group, Loader, Pagination, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Notification } from '../../../shared/contracts/notifications';
import { href, Link, navigate, setSearchParams, useSearchParams } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useMarkRead, useNotifications } from './api';
import { fmtDate, fmtDateTime } from '../../lib/format';

const PAGE = 20;

export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('notifications.title'));
  const sp = useSearchParams();
  const show = sp.get('show') === 'unread' ? 'unread' : 'all';
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const list = useNotifications({ ...(show === 'unread' ? { unread: 'true' } : {}), limit: PAGE, offset: (page - 1) * PAGE });
  const mark = useMarkRead();
  const en = i18n.language === 'en';
  const text = (b: { vi: string; en: string }) => (en ? b.en : b.vi);
  const when = (iso: string) => fmtDateTime(iso, i18n.language);
  const open = (n: Notification) => {
    if (!n.readAt) mark.one.mutate(n.id);
    navigate(n.link);
  };
  const d = list.data;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('notifications.title')}</Title>
        <Link to="/notifications/settings" data-testid="notification-settings-link">
          {t('notifications.settingsLink')}
        </Link>
      </Group>
      <Group justify="space-between">
        <SegmentedControl
          aria-label={t('notifications.show')}
          value={show}
          data-testid="notification-filter"
          onChange={(v) => setSearchParams({ show: v === 'unread' ? 'unread' : null })}
          data={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: t('notifications.unreadOnly') },
          ]}
        />
        <Button
          variant="default"
          size="sm"
          onClick={() => mark.all.mutate()}
          loading={mark.all.isPending}
          disabled={!d?.unread}
          data-testid="mark-all-read"
        >
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      <Text size="sm" c="gray.7" aria-live="polite" data-testid="unread-summary">
        {d ? t('notifications.unreadSummary', { count: d.unread }) : ''}
      </Text>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={list.error ?? mark.one.error ?? mark.all.error} />
      {d && d.rows.length === 0 && (
        <Text data-testid="notifications-empty">{show === 'unread' ? t('notifications.noneUnread') : t('notifications.none')}</Text>
      )}
      {d && d.rows.length > 0 && (
        <Stack
          component="ul"
          gap="sm"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('notifications.title')}
          data-testid="notification-list"
        >
          {d.rows.map((n) => (
            <Paper
              component="li"
              key={n.id}
              withBorder
              p="sm"
              bg={n.readAt ? undefined : 'blue.0'}
              data-testid={`notification-${n.id}`}
              data-unread={n.readAt ? 'false' : 'true'}
            >
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={4}>
                  <Group gap="xs">
                    {!n.readAt && (
                      <Badge color="blue" variant="filled" size="sm">
                        {t('notifications.new')}
                      </Badge>
                    )}
                    <Badge variant="light" color="gray" size="sm">
                      {text(n.kindLabel)}
                    </Badge>
                    <Text size="xs" c="gray.7">
                      {when(n.createdAt)}
                    </Text>
                  </Group>
                  <Anchor
                    href={href(n.link)}
                    fw={n.readAt ? 400 : 700}
                    data-testid="notification-link"
                    onClick={(e) => {
                      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                      e.preventDefault();
                      open(n);
                    }}
                  >
                    {text(n.title)}
                  </Anchor>
                  {n.body && <Text size="sm">{text(n.body)}</Text>}
                  {(n.due || n.emailedAt) && (
                    <Text size="xs" c="gray.7">
                      {n.due && t('notifications.due', { date: fmtDate(n.due, i18n.language) })}
                      {n.due && n.emailedAt && ' · '}
                      {n.emailedAt && t('notifications.emailed')}
                    </Text>
                  )}
                </Stack>
                {!n.readAt && (
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => mark.one.mutate(n.id)}
                    aria-label={t('notifications.markReadOf', { title: text(n.title) })}
                    data-testid={`mark-read-${n.id}`}
                  >
                    {t('notifications.markRead')}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {d && d.total > PAGE && (
        <Pagination
          total={Math.ceil(d.total / PAGE)}
          value={page}
          aria-label={t('notifications.pages')}
          onChange={(p) => setSearchParams({ show: show === 'unread' ? 'unread' : null, page: p > 1 ? p : null })}
        />
      )}
    </Stack>
  );
}
