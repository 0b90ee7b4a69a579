// The press module's four pages as tabs under one nav entry.
import { Group, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, usePath } from '../../app/router';

const TABS = [
  { path: '/press', key: 'items' },
  { path: '/press/spokespersons', key: 'spokespersons' },
  { path: '/press/compliance', key: 'compliance' },
  { path: '/press/settings', key: 'settings' },
] as const;

export function PressTabs({ title }: { title: string }) {
  const { t } = useTranslation();
  const path = usePath();
  return (
    <>
      <Title order={2}>{title}</Title>
      <nav aria-label={t('press.tabsLabel')}>
        <Group gap="xs" data-testid="press-tabs">
          {TABS.map((tab) => {
            const active = path === tab.path;
            return (
              <Link
                key={tab.path}
                to={tab.path}
                aria-current={active ? 'page' : undefined}
                style={{
                  padding: '6px 12px',
                  borderRadius: 4,
                  textDecoration: 'none',
                  fontWeight: active ? 600 : 400,
                  color: active ? 'white' : 'var(--mantine-color-blue-9)',
                  background: active ? 'var(--mantine-color-blue-8)' : 'var(--mantine-color-gray-1)',
                }}
              >
                {t(`press.tabs.${tab.key}`)}
              </Link>
            );
          })}
        </Group>
      </nav>
    </>
  );
}
