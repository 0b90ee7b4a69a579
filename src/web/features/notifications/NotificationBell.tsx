// The header's bell: a link to one's notifications with the unread count (looked at every minute).
import { Badge, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { href, navigate } from '../../app/router';
import { useUnreadCount } from './api';

function BellIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.7 21a2 2 0 0 1-3.4 0" />
    </svg>
  );
}

export function NotificationBell({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const unread = useUnreadCount(true).data?.unread ?? 0;
  const label = unread ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    <Button
      component="a"
      href={href('/notifications')}
      variant={active ? 'light' : 'default'}
      size="xs"
      px={8}
      aria-label={label}
      title={label}
      aria-current={active ? 'page' : undefined}
      data-testid="notification-bell"
      onClick={(e) => {
        e.preventDefault();
        navigate('/notifications');
      }}
      leftSection={<BellIcon />}
      rightSection={
        unread ? (
          <Badge size="sm" color="red" variant="filled" data-testid="unread-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </Badge>
        ) : undefined
      }
    />
  );
}
