// Fact-checking desk (T5b, T5c) — workspace page. Scaffolding: the tabs are built in features/factcheck/.
import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function FactcheckPage() {
  const { t } = useTranslation();
  return <Title order={2}>{t('nav.factcheck')}</Title>;
}
