// A product's status: a dot, a symbol and the word (never colour alone), in text colour for contrast.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProductStatus } from '../../../shared/contracts/library';
import { statusColor, statusIcon } from './api';

export function StatusBadge({ status, testId }: { status: ProductStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="dot"
      color={statusColor(status)}
      data-testid={testId}
      styles={{
        root: { minWidth: 'max-content', overflow: 'visible' },
        label: { color: 'var(--mantine-color-text)', overflow: 'visible' },
      }}
    >
      <span aria-hidden="true">{statusIcon(status)} </span>
      {t(`library.statuses.${status}`)}
    </Badge>
  );
}
