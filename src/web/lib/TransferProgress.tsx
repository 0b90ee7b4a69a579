// The figure of a long transfer (see transfer.ts): a bar when the share done is known, and the words for it, read out
// politely by screen readers.
import { useState, type ReactNode } from 'react';
import { Anchor, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { downloadFile, useTransfer } from './transfer';
import { transferFraction, transferText, type Transfer } from './transferFigure';

export function TransferProgress({
  progress,
  testId = 'transfer-progress',
  compact = false,
}: {
  progress: Transfer | null;
  testId?: string;
  /** Words only, in small print (beside a link). */
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (!progress) return null;
  const fraction = transferFraction(progress);
  const text = transferText(progress, t, i18n.language);
  return (
    <Stack gap={4} data-testid={testId}>
      {progress.phase !== 'done' && !compact && (
        <Progress
          value={fraction === null ? 100 : fraction * 100}
          striped={fraction === null}
          animated={fraction === null}
          size="sm"
          aria-label={text}
        />
      )}
      <Text size={compact ? 'xs' : 'sm'} c="gray.7" aria-live="polite" data-testid={`${testId}-text`}>
        {text}
      </Text>
    </Stack>
  );
}

/** A link to a file of the API that, when followed, downloads it with the bytes received shown beside it (the link
 *  still works as a plain download, e.g. opened in a new tab). */
export function DownloadLink({
  href,
  children,
  testId,
  fallbackName,
}: {
  href: string;
  children: ReactNode;
  testId?: string;
  fallbackName?: string;
}) {
  const { progress, onProgress, reset } = useTransfer();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setError(null);
    setBusy(true);
    try {
      await downloadFile(href, onProgress, fallbackName);
    } catch (e) {
      reset();
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 2 }}>
      <Anchor
        href={href}
        download
        data-testid={testId}
        aria-disabled={busy || undefined}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          if (!busy) void go();
        }}
      >
        {children}
      </Anchor>
      <TransferProgress progress={progress} testId={testId ? `${testId}-progress` : undefined} compact />
      <ErrorAlert error={error} />
    </span>
  );
}
