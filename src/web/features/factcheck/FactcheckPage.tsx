// Fact-checking desk (T5b, T5c) in the workspace: tabs addressed by the URL (?tab=items|claims|rules|feeds|add; an
// item or a claim opens with &item=ID / &claim=ID). Items: the monitored sample, the "unsure" queue first, links to
// claims and handling. Claims: research, evidence, two-person review, publication and corrections. Rules: the on-topic
// rules with a "test a text" box. Feeds: the registered RSS/Atom feeds. Add items: one by hand or a file.
import { Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, navigate, useSearchParams } from '../../app/router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { AddItemsTab } from './AddItemsTab';
import { ClaimsTab } from './ClaimsTab';
import { FeedsTab } from './FeedsTab';
import { ItemsTab } from './ItemsTab';
import { RulesTab } from './RulesTab';

const TABS = ['items', 'claims', 'rules', 'feeds', 'add'] as const;
type Tab = (typeof TABS)[number];

export function FactcheckPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('factcheck.title'));
  const sp = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as Tab) : 'items';
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={1} size="h2">
          {t('factcheck.title')}
        </Title>
        <Group gap="md">
          <Link to="/factcheck/complaints" data-testid="fc-complaints-link">
            {t('factcheck.complaintsLink')}
          </Link>
          <Link to={`/indicators/records?id=T5b&period=${new Date().getFullYear()}`}>{t('factcheck.indicatorsLink')}</Link>
        </Group>
      </Group>
      <Text c="dimmed" size="sm">
        {t('factcheck.intro')}
      </Text>
      <Tabs value={tab} onChange={(v) => navigate(`/factcheck?tab=${v ?? 'items'}`)} keepMounted={false}>
        <Tabs.List>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`fc-tab-${k}`}>
              {t(`factcheck.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="items" pt="md">
          <ItemsTab />
        </Tabs.Panel>
        <Tabs.Panel value="claims" pt="md">
          <ClaimsTab />
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="md">
          <RulesTab />
        </Tabs.Panel>
        <Tabs.Panel value="feeds" pt="md">
          <FeedsTab />
        </Tabs.Panel>
        <Tabs.Panel value="add" pt="md">
          <AddItemsTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
