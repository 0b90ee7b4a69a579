// The attachments panel of a press item: the list with download links, upload (file + caption) showing the
// server's error as it is (415 wrong type, 413 too large, 403 …), and removal while the item is a draft or scheduled.
import { ActionIcon, Anchor, Button, FileInput, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PressAttachment, PressItem } from '../../../shared/contracts/press';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, ApiError } from '../../lib/api';
import { useCaptionedUpload } from '../../lib/useCaptionedUpload';
import { pressKeys } from './api';
import { fmtNumber } from '../../lib/format';

/** 1536 → "1.5 KB" (binary units, one decimal below 10). */
export function humanSize(bytes: number, locale = 'vi'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const n = fmtNumber(v, locale, u > 0 && v < 10 ? 1 : 0);
  return `${n} ${units[u]}`;
}

export function PressAttachments({ item, canWrite }: { item: PressItem; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const { file, setFile, caption, setCaption, resetKey, upload, refresh } = useCaptionedUpload<PressAttachment>(
    `/api/press/items/${item.id}/attachments`,
    pressKeys.all,
  );
  const editable = item.status === 'draft' || item.status === 'scheduled';
  const canUpload = canWrite && item.status !== 'withdrawn';
  const remove = useMutation({
    mutationFn: (a: PressAttachment) => api<void>('DELETE', `/api/press/items/${item.id}/attachments/${a.id}`),
    onSuccess: refresh,
  });
  const published = item.status === 'published' || item.status === 'corrected';

  return (
    <Paper withBorder p="sm" data-testid="press-attachments">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('press.attachments.title')}
        </Title>
        {item.attachments.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('press.attachments.empty')}
          </Text>
        )}
        {item.attachments.map((a) => (
          <Group key={a.id} justify="space-between" wrap="nowrap" data-testid={`press-attachment-${a.id}`}>
            <div>
              {published ? (
                <Anchor href={a.url} size="sm">
                  {a.filename}
                </Anchor>
              ) : (
                <Text size="sm" span>
                  {a.filename}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {[a.caption, a.mediaType.split(';')[0], humanSize(a.size, i18n.language)].filter(Boolean).join(' · ')}
              </Text>
            </div>
            {canWrite && editable && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`${t('press.attachments.remove')}: ${a.filename}`}
                loading={remove.isPending && remove.variables?.id === a.id}
                onClick={() => remove.mutate(a)}
                data-testid={`press-attachment-remove-${a.id}`}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        {!published && item.attachments.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('press.attachments.privateUntilPublished')}
          </Text>
        )}
        <ErrorAlert error={remove.error} />
        {canUpload && (
          <Stack gap="xs">
            <Group align="flex-end" grow>
              <FileInput
                key={resetKey.current}
                label={t('press.attachments.file')}
                placeholder={t('press.attachments.choose')}
                value={file}
                onChange={setFile}
                clearable
                data-testid="press-attachment-file"
              />
              <TextInput
                label={t('press.attachments.caption')}
                value={caption}
                maxLength={500}
                onChange={(e) => setCaption(e.currentTarget.value)}
              />
            </Group>
            <Text size="xs" c="dimmed">
              {t('press.attachments.hint')}
            </Text>
            <ErrorAlert error={upload.error} />
            {upload.error instanceof ApiError && !['forbidden', 'conflict', 'not_found'].includes(upload.error.code) && (
              <Text size="sm" c="red.8" data-testid="press-attachment-error">
                {upload.error.message}
              </Text>
            )}
            <Group justify="flex-end">
              <Button
                variant="light"
                disabled={!file}
                loading={upload.isPending}
                onClick={() => upload.mutate()}
                data-testid="press-attachment-upload"
              >
                {t('press.attachments.upload')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
