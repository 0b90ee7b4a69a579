// Excel import (all or nothing), template download and export: shared by every module with an Excel import
// (organisations, library, exhibitions, press). Each bad row is listed with its row number and column; nothing is written then.
import { useRef, useState } from 'react';
import { Alert, Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../shared/contracts/directory';
import { ApiError } from '../../lib/api';
import { uploadForm, useTransfer } from '../../lib/transfer';
import { DownloadLink, TransferProgress } from '../../lib/TransferProgress';
import { ErrorAlert } from '../../components/ErrorAlert';
import { orgKeys } from './api';
import { ScrollTable } from '../../components/ScrollTable';

export interface ImportPaths {
  template: string;
  /** Absent: the module has no Excel export. */
  export?: string;
  import: string;
}
const ORGANISATION_PATHS: ImportPaths = {
  template: '/api/organisations/import-template.xlsx',
  export: '/api/organisations/export.xlsx',
  import: '/api/organisations/import',
};

export function ImportPanel({
  canImport,
  paths = ORGANISATION_PATHS,
  invalidate = orgKeys.all,
}: {
  canImport: boolean;
  paths?: ImportPaths;
  invalidate?: readonly unknown[];
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const transfer = useTransfer();

  const upload = useMutation({
    mutationFn: (f: File) => {
      const fd = new FormData();
      fd.append('file', f, f.name);
      return uploadForm<ImportResult & { skipped?: number }>(paths.import, fd, transfer.onProgress, undefined, transfer.signal);
    },
    onError: transfer.reset,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: [...invalidate] });
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
    },
  });
  const invalid = upload.error instanceof ApiError && upload.error.code === 'import_invalid' ? upload.error : null;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="import-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="import-title">
          {t('import.title')}
        </Title>
        <Group gap="md" align="flex-start">
          <Anchor href={paths.template} download data-testid="download-template">
            {t('import.template')}
          </Anchor>
          {paths.export && (
            <DownloadLink href={paths.export} testId="export-xlsx">
              {t('import.export')}
            </DownloadLink>
          )}
        </Group>
        {canImport && (
          <Group align="flex-end" gap="sm">
            <div>
              <Text component="label" htmlFor="import-file" size="sm" fw={500} display="block" mb={4}>
                {t('import.file')}
              </Text>
              <input
                id="import-file"
                ref={inputRef}
                type="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                data-testid="import-file"
                onChange={(e) => {
                  setFile(e.currentTarget.files?.[0] ?? null);
                  upload.reset();
                  transfer.reset();
                }}
              />
            </div>
            <Button disabled={!file || upload.isPending} onClick={() => file && upload.mutate(file)}>
              {t('import.submit')}
            </Button>
          </Group>
        )}
        <TransferProgress progress={transfer.progress} testId="import-progress" />
        {upload.isSuccess && (
          <Alert color="green" role="status" data-testid="import-success">
            {t('import.success', { created: upload.data.created, updated: upload.data.updated, rows: upload.data.rows })}
            {upload.data.skipped ? ` ${t('import.skipped', { count: upload.data.skipped })}` : ''}
          </Alert>
        )}
        {invalid && (
          <Alert color="red" role="alert" title={t('import.nothingImported')} data-testid="import-errors">
            <Text size="sm" mb="xs">
              {t('import.fixAndRetry', { count: invalid.issues.length })}
            </Text>
            <ScrollTable
              striped
              withTableBorder
              verticalSpacing={4}
              layout="fixed"
              data-testid="import-error-table"
              style={{ overflowWrap: 'anywhere' }}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={72}>
                    {t('import.row')}
                  </Table.Th>
                  <Table.Th scope="col" w="35%">
                    {t('import.field')}
                  </Table.Th>
                  <Table.Th scope="col">{t('import.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invalid.issues.map((i, n) => (
                  <Table.Tr key={n}>
                    <Table.Td>{i.sheet ? `${i.sheet} · ${i.row ?? '—'}` : (i.row ?? '—')}</Table.Td>
                    <Table.Td>{i.field}</Table.Td>
                    <Table.Td>{i.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          </Alert>
        )}
        {upload.error != null && !invalid && <ErrorAlert error={upload.error} title={t('import.nothingImported')} />}
      </Stack>
    </Card>
  );
}
