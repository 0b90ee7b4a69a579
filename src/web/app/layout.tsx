// The workspace frame: header (app name, user, language, logout), side navigation, main.
import type { ReactNode } from 'react';
import { AppShell, Badge, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth';
import { visibleNav } from './nav';
import { href, navigate, usePath } from './router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NotificationBell } from '../features/notifications/NotificationBell';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, logout } = useAuth();
  const path = usePath();
  const [opened, { toggle, close }] = useDisclosure();

  const isActive = (p: string) => (p === '/' ? path === '/' : path === p || path.startsWith(`${p}/`));

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header component="header">
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} gap="xs" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('layout.toggleNav')} />
            <Title order={1} size="h3" className="rh-app-name">
              <a
                href={href('/')}
                onClick={(e) => {
                  e.preventDefault();
                  navigate('/');
                }}
                style={{ color: 'inherit', textDecoration: 'none' }}
              >
                RightsHub
              </a>
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me && (
              <Group gap={6} visibleFrom="sm" data-testid="current-user">
                <Text size="sm" fw={500}>
                  {me.displayName}
                </Text>
                <Badge variant="light">{t(`roles.${me.role}`)}</Badge>
              </Group>
            )}
            {me && <NotificationBell active={isActive('/notifications')} />}
            <LanguageSwitch />
            <Button variant="default" size="xs" visibleFrom="sm" onClick={() => void logout()}>
              {t('layout.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar component="nav" aria-label={t('layout.mainNav')} p="xs" style={{ overflowY: 'auto' }}>
        {visibleNav(me?.role).map((entry) =>
          entry.path ? (
            <NavLink
              key={entry.key}
              href={href(entry.path)}
              label={t(`nav.${entry.key}`)}
              active={isActive(entry.path)}
              aria-current={isActive(entry.path) ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(entry.path!);
                close();
              }}
            />
          ) : (
            <NavLink
              key={entry.key}
              component="div"
              label={t(`nav.${entry.key}`)}
              description={`${entry.targets ?? ''} · ${t('layout.comingSoon')}`}
              disabled
              aria-disabled
            />
          ),
        )}
        {/* On a phone the header has no room for the logout button: it sits at the end of the menu. */}
        <Button variant="default" size="sm" mt="md" hiddenFrom="sm" onClick={() => void logout()}>
          {t('layout.logout')}
        </Button>
      </AppShell.Navbar>
      <AppShell.Main component="main" id="main">
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
