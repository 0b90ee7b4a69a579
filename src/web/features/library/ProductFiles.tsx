// The files of a library product: thumbnails for images, download links, removal, and upload (drag a file onto the
// panel or choose one; optional caption). The server decides the type from the bytes and the size limit; its 413 and
// 415 messages are shown as they are.
import { useState, type DragEvent } from 'react';
import { ActionIcon, Anchor, Button, FileInput, Group, Image, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Product, ProductFile } from '../../../shared/contracts/library';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, ApiError } from '../../lib/api';
import { useCaptionedUpload } from '../../lib/useCaptionedUpload';
import { humanSize } from '../press/PressAttachments';
import { fileUrl, libraryKeys, thumbnailUrl } from './api';

export function ProductFiles({ product, canWrite }: { product: Product; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const { file, setFile, caption, setCaption, resetKey, upload, refresh } = useCaptionedUpload<ProductFile>(
    `/api/library/products/${product.id}/files`,
    libraryKeys.all,
  );
  const [dragging, setDragging] = useState(false);
  const canUpload = canWrite && product.status !== 'withdrawn';
  const remove = useMutation({
    mutationFn: (f: ProductFile) => api<void>('DELETE', `/api/library/products/${product.id}/files/${f.id}`),
    onSuccess: refresh,
  });
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files?.[0];
    if (dropped) {
      upload.reset();
      setFile(dropped);
    }
  };
  const serverMessage =
    upload.error instanceof ApiError && !['forbidden', 'conflict', 'not_found', 'network'].includes(upload.error.code)
      ? upload.error.message
      : null;

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={`files-h-${product.id}`} data-testid="product-files-panel">
      <Stack gap="xs">
        <Title order={3} size="h5" id={`files-h-${product.id}`}>
          {t('library.files.title')}
        </Title>
        {product.files.length === 0 && (
          <Text size="sm" c="gray.7">
            {t('library.files.empty')}
          </Text>
        )}
        {product.files.map((f) => (
          <Group key={f.id} justify="space-between" wrap="nowrap" data-testid={`product-file-${f.id}`}>
            <Group wrap="nowrap" gap="sm">
              {f.hasThumbnail && (
                <Image
                  src={thumbnailUrl(f.id)}
                  alt={t('library.files.thumbnail', { name: f.filename })}
                  w={64}
                  h={64}
                  fit="contain"
                  radius="sm"
                />
              )}
              <div>
                <Anchor href={fileUrl(f.id)} size="sm" data-testid="product-file-link">
                  {f.filename}
                </Anchor>
                <Text size="xs" c="gray.7">
                  {[f.caption, f.mediaType.split(';')[0], humanSize(f.size, i18n.language)].filter(Boolean).join(' · ')}
                </Text>
              </div>
            </Group>
            {canWrite && (
              <ActionIcon
                variant="subtle"
                color="red.8"
                size="lg"
                aria-label={`${t('library.files.remove')}: ${f.filename}`}
                loading={remove.isPending && remove.variables?.id === f.id}
                onClick={() => remove.mutate(f)}
                data-testid={`product-file-remove-${f.id}`}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        {product.status !== 'published' && product.files.length > 0 && (
          <Text size="xs" c="gray.7">
            {t('library.files.privateUntilPublished')}
          </Text>
        )}
        <ErrorAlert error={remove.error} />
        {canUpload && (
          <div
            onDragEnter={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragOver={(e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'copy';
            }}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
            }}
            onDrop={onDrop}
            data-testid="product-file-drop"
            style={{
              border: `2px dashed var(--mantine-color-${dragging ? 'blue-7' : 'gray-5'})`,
              borderRadius: 8,
              padding: 12,
              background: dragging ? 'var(--mantine-color-blue-0)' : undefined,
            }}
          >
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {dragging ? t('library.files.dropActive') : t('library.files.drop')}
              </Text>
              <Group align="flex-end" grow>
                <FileInput
                  key={resetKey.current}
                  label={t('library.files.file')}
                  placeholder={t('library.files.choose')}
                  value={file}
                  onChange={(f) => {
                    upload.reset();
                    setFile(f);
                  }}
                  clearable
                  clearButtonProps={{ 'aria-label': t('library.files.clear') }}
                  data-testid="product-file-input"
                />
                <TextInput
                  label={t('library.files.caption')}
                  value={caption}
                  maxLength={500}
                  onChange={(e) => setCaption(e.currentTarget.value)}
                />
              </Group>
              <Text size="xs" c="gray.7">
                {t('library.files.hint')}
              </Text>
              <ErrorAlert error={upload.error} />
              {serverMessage && (
                <Text size="sm" c="red.8" data-testid="product-file-error">
                  {serverMessage}
                </Text>
              )}
              <Group justify="flex-end">
                <Button disabled={!file} loading={upload.isPending} onClick={() => upload.mutate()} data-testid="product-file-upload">
                  {t('library.files.upload')}
                </Button>
              </Group>
            </Stack>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
