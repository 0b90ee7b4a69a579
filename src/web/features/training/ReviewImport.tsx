// Excel import with a review step (rosters and sign-in sheets): the file is read and every name matched on the
// server; ambiguous and unknown names are listed here and the user picks the person or creates a new one for each;
// only then is the import written, all rows or none. Nothing is guessed.
import { useRef, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  NumberInput,
  Progress,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_ROW_FILTERS,
  type ImportCommitResult,
  type ImportRowsPage,
  type ImportStatus,
  type Resolution,
} from '../../../shared/contracts/training';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError, get, post, put, qs } from '../../lib/api';
import { ScrollTable } from '../../components/ScrollTable';

/** Badge text in the text colour (contrast); the dot and the symbol carry the state, never colour alone. */
export const BADGE_STYLES = {
  root: { minWidth: 'max-content', overflow: 'visible' },
  label: { color: 'var(--mantine-color-text)', overflow: 'visible' },
} as const;

type Props = {
  kind: 'roster' | 'signin';
  uploadPath: string | null;
  defaultOrgId: number | null;
  orgs: { id: number; name: string }[];
  templates: { href: string; label: string }[];
};

/** A decision as a select value: "p:<personId>" or "c:<organisationId>", and back. */
const toResolution = (v: string): Resolution | null =>
  v.startsWith('p:') ? { personId: Number(v.slice(2)) } : v.startsWith('c:') ? { create: true, organisationId: Number(v.slice(2)) } : null;
const fromResolution = (r: Resolution | null | undefined): string =>
  !r ? '' : 'personId' in r ? `p:${r.personId}` : `c:${r.organisationId}`;
const RUNNING = new Set(['queued', 'reading', 'matching', 'writing']);
const PAGE = 50;

export function ReviewImport({ kind, uploadPath, defaultOrgId, orgs, templates }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [importId, setImportId] = useState<number | null>(null);
  const [filter, setFilter] = useState<{ status: (typeof IMPORT_ROW_FILTERS)[number]; q: string; minScore: number | '' }>({
    status: 'needs',
    q: '',
    minScore: '',
  });
  const [pages, setPages] = useState<number[]>([0]); // keyset bounds of the pages seen: the last is the current one
  const [acceptAt, setAcceptAt] = useState<number | ''>(75);
  // The upload answers at once; the file is read, validated and matched on the server while the progress is polled.
  const upload = useMutation({
    mutationFn: (f: File) => {
      const fd = new FormData();
      fd.append('file', f, f.name);
      return post<{ importId: number }>(`${uploadPath!}?background=true`, fd);
    },
    onSuccess: (r) => {
      setImportId(r.importId);
      setPages([0]);
      commit.reset();
    },
  });
  const status = useQuery({
    queryKey: ['training', 'import', importId],
    queryFn: () => get<ImportStatus>(`/api/training/import/${importId}`),
    enabled: importId !== null,
    refetchInterval: (q) => (q.state.data && !RUNNING.has(q.state.data.state) ? false : 400),
  });
  const st = status.data;
  const ready = st?.state === 'ready' || st?.state === 'writing';
  const after = pages[pages.length - 1]!;
  const page = useQuery({
    queryKey: ['training', 'import', importId, 'rows', filter, after],
    queryFn: () =>
      get<ImportRowsPage>(
        `/api/training/import/${importId}/rows${qs({ status: filter.status, q: filter.q || undefined, minScore: filter.minScore === '' ? undefined : filter.minScore, after, limit: PAGE })}`,
      ),
    enabled: importId !== null && ready,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['training', 'import', importId] });
  const decide = useMutation({
    mutationFn: (d: { row: number; value: string }) =>
      put(`/api/training/import/${importId}/decisions`, { decisions: [{ row: d.row, resolution: toResolution(d.value) }] }),
    onSettled: refresh,
  });
  const accept = useMutation({
    mutationFn: () =>
      post<{ accepted: number }>(`/api/training/import/${importId}/accept-suggestions`, { minScore: Number(acceptAt) || 0 }),
    onSettled: refresh,
  });
  const commit = useMutation({
    mutationFn: () => {
      setTimeout(() => void status.refetch(), 300);
      return post<ImportCommitResult>(`/api/training/import/${importId}/commit`, {});
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['training'] });
      await qc.invalidateQueries({ queryKey: ['indicators'] });
    },
  });
  const failed = st?.state === 'failed' ? st.error : null;
  const invalid =
    (failed && (failed.code === 'import_invalid' || failed.code === 'payload_too_large') ? { issues: failed.details } : null) ??
    ([upload.error, commit.error].find((e) => e instanceof ApiError && (e.code === 'import_invalid' || e.code === 'payload_too_large')) as
      ApiError | undefined);
  const orgName = (id: number | null) => orgs.find((o) => o.id === id)?.name ?? '';
  const setFilterAndReset = (f: Partial<typeof filter>) => {
    setFilter((x) => ({ ...x, ...f }));
    setPages([0]);
  };
  const running = st && RUNNING.has(st.state) && !commit.isSuccess;
  const writingNow = st?.state === 'writing' || commit.isPending;

  return (
    <Card withBorder component="section" aria-labelledby={`${kind}-import-title`}>
      <Stack gap="sm">
        <Title order={3} size="h5" id={`${kind}-import-title`}>
          {t(`training.import.${kind}Title`)}
        </Title>
        <Group gap="md">
          {templates.map((x) => (
            <Anchor key={x.href} href={x.href} download data-testid={`${kind}-template`}>
              {x.label}
            </Anchor>
          ))}
        </Group>
        <Group align="flex-end">
          <div>
            <Text component="label" htmlFor={`${kind}-file`} size="sm" fw={500} display="block" mb={4}>
              {t('training.import.file')}
            </Text>
            <input
              id={`${kind}-file`}
              ref={input}
              type="file"
              accept=".xlsx"
              data-testid={`${kind}-file`}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setImportId(null);
                upload.reset();
                commit.reset();
              }}
            />
          </div>
          <Button
            disabled={!file || !uploadPath}
            loading={upload.isPending || Boolean(running && !writingNow)}
            onClick={() => file && upload.mutate(file)}
            data-testid={`${kind}-read`}
          >
            {t('training.import.read')}
          </Button>
        </Group>
        {st && (running || writingNow) && (
          <Stack gap={4} data-testid={`${kind}-progress`}>
            <Progress
              aria-label={t('training.import.progressLabel')}
              value={writingNow && st.total ? Math.min(100, (st.rowsWritten / st.total) * 100) : 100}
              animated={!writingNow || !st.total}
              striped
            />
            <Text size="sm" role="status">
              {st.state === 'queued'
                ? t('training.import.queued', { ahead: st.ahead ?? 0 })
                : t('training.import.progress', { read: st.rowsRead, matched: st.rowsMatched, written: st.rowsWritten })}
            </Text>
          </Stack>
        )}
        {invalid && (
          <Alert color="red" role="alert" title={t('import.nothingImported')} data-testid={`${kind}-errors`}>
            {failed && (
              <Text size="sm" mb="xs">
                {failed.message}
              </Text>
            )}
            <ScrollTable withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('import.row')}</Table.Th>
                  <Table.Th scope="col">{t('import.field')}</Table.Th>
                  <Table.Th scope="col">{t('import.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invalid.issues.slice(0, 500).map((i, n) => (
                  <Table.Tr key={n}>
                    <Table.Td>{i.row ?? ''}</Table.Td>
                    <Table.Td>{i.field}</Table.Td>
                    <Table.Td>{i.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          </Alert>
        )}
        {!invalid && failed && (
          <Alert color="red" role="alert">
            {failed.message}
          </Alert>
        )}
        {!invalid && <ErrorAlert error={upload.error ?? commit.error ?? decide.error ?? accept.error} />}
        {st && ready && st.counts && !commit.isSuccess && (
          <Stack gap="xs" data-testid={`${kind}-review`}>
            <Text size="sm" role="status">
              {t('training.import.counts', { total: st.total, ...st.counts })}
            </Text>
            {st.suggested > 0 && (
              <Group align="flex-end" gap="sm">
                <NumberInput
                  label={t('training.import.acceptAt')}
                  min={0}
                  max={100}
                  w={180}
                  value={acceptAt}
                  onChange={(v) => setAcceptAt(typeof v === 'number' ? v : '')}
                  data-testid={`${kind}-accept-score`}
                />
                <Button variant="light" onClick={() => accept.mutate()} loading={accept.isPending} data-testid={`${kind}-accept`}>
                  {t('training.import.accept', { count: st.suggested })}
                </Button>
                {accept.isSuccess && (
                  <Text size="sm" role="status">
                    {t('training.import.accepted', { count: accept.data.accepted })}
                  </Text>
                )}
              </Group>
            )}
            <Group align="flex-end" gap="sm">
              <NativeSelect
                label={t('training.import.show')}
                value={filter.status}
                onChange={(e) => setFilterAndReset({ status: e.currentTarget.value as typeof filter.status })}
                data-testid={`${kind}-filter`}
                data={IMPORT_ROW_FILTERS.map((f) => ({ value: f, label: t(`training.import.filter.${f}`) }))}
              />
              <TextInput
                label={t('training.import.search')}
                value={filter.q}
                onChange={(e) => setFilterAndReset({ q: e.currentTarget.value })}
              />
              <NumberInput
                label={t('training.import.minScore')}
                min={0}
                max={100}
                w={140}
                value={filter.minScore}
                onChange={(v) => setFilterAndReset({ minScore: typeof v === 'number' ? v : '' })}
              />
            </Group>
            {page.data && page.data.items.length === 0 && <Text size="sm">{t('training.import.noRows')}</Text>}
            {page.data && page.data.items.length > 0 && (
              <ScrollTable withTableBorder striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('import.row')}</Table.Th>
                    <Table.Th scope="col">{t('training.fullName')}</Table.Th>
                    <Table.Th scope="col">{t('training.organisation')}</Table.Th>
                    <Table.Th scope="col">{t('training.import.status')}</Table.Th>
                    <Table.Th scope="col">{t('training.import.decision')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.data.items.map((r) => {
                    const ask = r.status === 'ambiguous' || r.status === 'unknown';
                    const createIn = r.organisationId ?? defaultOrgId;
                    return (
                      <Table.Tr key={r.row} data-testid={`review-row-${r.row}`}>
                        <Table.Td>{r.row}</Table.Td>
                        <Table.Td>{r.fullName}</Table.Td>
                        <Table.Td>{r.organisationText || '—'}</Table.Td>
                        <Table.Td>
                          <Badge variant="dot" color={ask ? 'orange' : 'gray'} styles={BADGE_STYLES}>
                            <span aria-hidden="true">{ask ? '? ' : '✓ '}</span>
                            {t(`training.import.st.${r.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {ask ? (
                            <NativeSelect
                              aria-label={t('training.import.decisionFor', { name: r.fullName, row: r.row })}
                              data-testid={`decide-${r.row}`}
                              value={fromResolution(r.decision)}
                              onChange={(e) => decide.mutate({ row: r.row, value: e.currentTarget.value })}
                              data={[
                                { value: '', label: t('training.import.choose') },
                                ...r.candidates.map((c) => ({
                                  value: `p:${c.personId}`,
                                  label: `${c.fullName} — ${c.organisationName}${c.position ? `, ${c.position}` : ''} (${t(`training.import.how.${c.how}`)}${c.personId === r.suggestedId ? `, ${t('training.import.suggested', { score: r.score })}` : ''})`,
                                })),
                                ...(createIn
                                  ? [{ value: `c:${createIn}`, label: t('training.import.createIn', { org: orgName(createIn) }) }]
                                  : []),
                              ]}
                            />
                          ) : r.status === 'new' ? (
                            t('training.import.willCreate', { org: orgName(r.organisationId) })
                          ) : (
                            t(`training.import.how.${r.candidates[0]?.how ?? 'folded'}`)
                          )}
                          {r.outsideMatch && (
                            <Text size="xs" mt={4} data-testid={`outside-match-${r.row}`}>
                              {i18n.language === 'en' ? r.outsideMatch.en : r.outsideMatch.vi}
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </ScrollTable>
            )}
            {page.data && (page.data.nextAfter !== null || pages.length > 1) && (
              <Group gap="sm">
                <Button variant="default" size="xs" disabled={pages.length <= 1} onClick={() => setPages((p) => p.slice(0, -1))}>
                  {t('training.import.prev')}
                </Button>
                <Text size="sm">
                  {t('training.import.page', {
                    page: pages.length,
                    pages: Math.max(1, Math.ceil(page.data.total / PAGE)),
                    total: page.data.total,
                  })}
                </Text>
                <Button
                  variant="default"
                  size="xs"
                  disabled={page.data.nextAfter === null}
                  onClick={() => setPages((p) => [...p, page.data!.nextAfter!])}
                  data-testid={`${kind}-next`}
                >
                  {t('training.import.next')}
                </Button>
              </Group>
            )}
            <Group>
              <Button
                onClick={() => commit.mutate()}
                disabled={st.undecided > 0 || decide.isPending}
                loading={commit.isPending}
                data-testid={`${kind}-commit`}
              >
                {t('training.import.commit', { count: st.total ?? 0 })}
              </Button>
              {st.undecided > 0 && (
                <Text size="sm" fw={600}>
                  {t('training.import.undecided', { count: st.undecided })}
                </Text>
              )}
            </Group>
          </Stack>
        )}
        {commit.isSuccess && (
          <Alert color="green" role="status" data-testid={`${kind}-success`}>
            {t('training.import.done', commit.data)}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
