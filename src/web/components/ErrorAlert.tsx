import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';

/** A translated message for an API error code; for 403/404/409 the server's own message (in the interface's language:
 *  the request said which) is shown too, unless the server knew no more than the code. */
export function useErrorMessage(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  return (err: unknown) => {
    if (err instanceof ApiError) {
      const key = `errors.${err.code}`;
      const known = i18n.exists(key) ? t(key) : t('errors.unknown');
      if (['forbidden', 'conflict', 'not_found'].includes(err.code) && err.message && !err.generic) {
        return `${known} ${err.message}`;
      }
      return known;
    }
    return t('errors.unknown');
  };
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const message = useErrorMessage();
  if (!error) return null;
  return (
    <Alert color="red" title={title} role="alert" data-testid="error-alert">
      {message(error)}
    </Alert>
  );
}
