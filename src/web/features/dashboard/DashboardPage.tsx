import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useDocumentTitle } from '../../components/useDocumentTitle';

const TARGETS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;

/** Until the indicators module exists, every target says it has no data source: never a zero. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('nav.dashboard'));
  return (
    <Stack>
      <Title order={2}>{t('nav.dashboard')}</Title>
      <Card withBorder padding="lg" data-testid="welcome-card">
        <Title order={3} size="h4">{t('dashboard.welcome', { name: me?.displayName ?? '' })}</Title>
        <Text mt="xs">
          {me?.organisationName ? t('dashboard.organisation', { name: me.organisationName }) : t('dashboard.noOrganisation')}
        </Text>
        <Text size="sm" c="dimmed" mt="xs">{t('dashboard.role', { role: t(`roles.${me?.role ?? 'viewer'}`) })}</Text>
      </Card>
      <Title order={3} size="h4">{t('dashboard.targets')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {TARGETS.map((id) => (
          <Card withBorder key={id} padding="md" data-testid={`target-${id}`}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Text fw={600}>{t(`targets.${id}`)}</Text>
              <Badge variant="outline" style={{ flexShrink: 0 }}>{id}</Badge>
            </Group>
            <Text size="sm" c="dimmed" mt="sm">{t('dashboard.noDataSource')}</Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
