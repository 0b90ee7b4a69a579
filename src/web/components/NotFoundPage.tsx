import { Alert, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from './useDocumentTitle';

export function NotFoundPage({ forbidden }: { forbidden?: boolean }) {
  const { t } = useTranslation();
  const title = forbidden ? t('errors.forbiddenPage') : t('errors.notFoundPage');
  useDocumentTitle(title);
  return (
    <>
      <Title order={2} mb="md">
        {title}
      </Title>
      <Alert color={forbidden ? 'red' : 'gray'}>{forbidden ? t('errors.forbidden') : t('errors.not_found')}</Alert>
    </>
  );
}
