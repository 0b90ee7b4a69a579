// The figure of a long transfer (see transfer.ts): a bar when the share done is known, and the words for it, read out
// politely by screen readers.
import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { transferFraction, transferText, type Transfer } from './transferFigure';

export function TransferProgress({ progress, testId = 'transfer-progress' }: { progress: Transfer | null; testId?: string }) {
  const { t, i18n } = useTranslation();
  if (!progress) return null;
  const fraction = transferFraction(progress);
  const text = transferText(progress, t, i18n.language);
  return (
    <Stack gap={4} data-testid={testId}>
      {progress.phase !== 'done' && (
        <Progress
          value={fraction === null ? 100 : fraction * 100}
          striped={fraction === null}
          animated={fraction === null}
          size="sm"
          aria-label={text}
        />
      )}
      <Text size="sm" c="gray.7" aria-live="polite" data-testid={`${testId}-text`}>
        {text}
      </Text>
    </Stack>
  );
}
