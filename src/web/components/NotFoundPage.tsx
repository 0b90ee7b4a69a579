import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/contracts/directory';
import { Link } from '../app/router';
import { useDocumentTitle } from './useDocumentTitle';

/** A page that does not exist, or one the signed-in role may not open: says which roles may (`roles`), who to ask
 *  (the programme office, which manages accounts and roles) and links back to the dashboard. */
export function NotFoundPage({ forbidden, roles }: { forbidden?: boolean; roles?: Role[] }) {
  const { t } = useTranslation();
  const title = forbidden ? t('errors.forbiddenPage') : t('errors.notFoundPage');
  useDocumentTitle(title);
  return (
    <Stack gap="md" data-testid={forbidden ? 'forbidden-page' : 'not-found-page'}>
      <Title order={2}>{title}</Title>
      <Alert color={forbidden ? 'red' : 'gray'}>{forbidden ? t('errors.forbidden') : t('errors.not_found')}</Alert>
      {forbidden && (
        <Text>
          {roles?.length ? `${t('access.onlyFor', { roles: roles.map((r) => t(`roles.${r}`)).join(', ') })} ` : ''}
          {t('access.whoToAsk')}
        </Text>
      )}
      <Anchor component={Link} to="/">
        ← {t('access.back')}
      </Anchor>
    </Stack>
  );
}
