// Add items tab: one item entered by hand (its text and/or URL, platform, time published — nothing about who wrote
// it), showing what happened to it (its group, the on-topic verdict, suggested and automatic links to claims), and a
// file of items (CSV, Excel, JSON Lines; columns text, url, platform, published_at), written all or nothing: every bad
// row of a refused file is listed.
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  FileInput,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PLATFORMS, type FetchedPage, type IMPORT_MODES, type ImportResult, type Item } from '../../../shared/contracts/factcheck';

type ImportMode = (typeof IMPORT_MODES)[number];
import { useAuth } from '../../app/auth';
import { Link } from '../../app/router';
import { ApiError, post } from '../../lib/api';
import { uploadForm, useTransfer } from '../../lib/transfer';
import { TransferProgress } from '../../lib/TransferProgress';
import { canWriteFc, excerpt, platformLabel, topicLabels, useClaim } from './api';
import { LinkBadge, OnTopicBadge, useFcMutation, WriteError } from './parts';
import { ScrollTable } from '../../components/ScrollTable';
import { fmtNumber } from '../../lib/format';
import { DateTimeField } from '../../components/DateField';

export function AddItemsTab() {
  const { t } = useTranslation();
  const { me } = useAuth();
  if (!canWriteFc(me)) return <Text>{t('factcheck.readOnly')}</Text>;
  return (
    <Stack>
      <OneItem />
      <ImportFile />
    </Stack>
  );
}

/** "2026-11-29T10:30" typed in Viet Nam time → ISO 8601 with its offset. */
const vnTime = (local: string) => (local ? `${local.length === 16 ? `${local}:00` : local}+07:00` : null);

function OneItem() {
  const { t } = useTranslation();
  const empty = { text: '', url: '', platform: 'facebook', publishedAt: '' };
  const [v, setV] = useState(empty);
  const [added, setAdded] = useState<Item | null>(null);
  const save = useFcMutation(
    () =>
      post<Item>('/api/factcheck/items', {
        text: v.text,
        url: v.url.trim() || null,
        platform: v.platform,
        publishedAt: vnTime(v.publishedAt),
      }),
    (i) => {
      setAdded(i);
      setV(empty);
    },
  );
  // A URL alone has no words to match: the server may fetch the page's text (SSRF-safe) for the person to check.
  const fetchText = useFcMutation(
    () => post<FetchedPage>('/api/factcheck/pages/fetch', { url: v.url.trim() }),
    (p) => setV((o) => ({ ...o, text: [p.title, p.text].filter(Boolean).join('\n').slice(0, 20_000) })),
  );
  return (
    <Card withBorder component="section" aria-labelledby="fc-one-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setAdded(null);
          save.m.mutate();
        }}
        data-testid="item-form"
      >
        <Stack gap="xs">
          <Title order={2} size="h4" id="fc-one-title">
            {t('factcheck.add.oneTitle')}
          </Title>
          <Text size="sm">{t('factcheck.add.oneHelp')}</Text>
          <Textarea
            label={t('factcheck.add.text')}
            autosize
            minRows={3}
            value={v.text}
            onChange={(e) => setV({ ...v, text: e.currentTarget.value })}
            error={save.err('text')}
            data-testid="item-text-input"
          />
          <TextInput
            label={t('factcheck.add.url')}
            value={v.url}
            onChange={(e) => {
              setV({ ...v, url: e.currentTarget.value });
              fetchText.m.reset();
            }}
            error={save.err('url') ?? fetchText.err('url')}
            data-testid="item-url-input"
          />
          <Group>
            <Button
              size="xs"
              variant="subtle"
              disabled={!v.url.trim()}
              loading={fetchText.m.isPending}
              onClick={() => fetchText.m.mutate()}
              data-testid="item-fetch"
            >
              {t('factcheck.add.fetch')}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('factcheck.items.platform')}
              value={v.platform}
              onChange={(e) => setV({ ...v, platform: e.currentTarget.value })}
              error={save.err('platform')}
              data={PLATFORMS.map((p) => ({ value: p, label: platformLabel(p) }))}
              data-testid="item-platform"
            />
            <DateTimeField
              label={t('factcheck.add.publishedAt')}
              description={t('factcheck.add.vnTime')}
              value={v.publishedAt}
              onChange={(e) => setV({ ...v, publishedAt: e.currentTarget.value })}
              error={save.err('publishedAt')}
              data-testid="item-published"
            />
          </SimpleGrid>
          <WriteError error={save.m.error} shown={['text', 'url', 'platform', 'publishedAt']} />
          <Group>
            <Button type="submit" loading={save.m.isPending} data-testid="item-add">
              {t('factcheck.add.addButton')}
            </Button>
          </Group>
        </Stack>
      </form>
      {added && <Outcome item={added} />}
    </Card>
  );
}

function Outcome({ item }: { item: Item }) {
  const { t } = useTranslation();
  const live = item.links.filter((l) => l.status !== 'undone');
  return (
    <Alert color="green" mt="sm" role="status" title={t('factcheck.add.added')} data-testid="item-outcome">
      <Stack gap={4}>
        <Text size="sm">
          <Link to={`/factcheck?tab=items&item=${item.id}`} data-testid="outcome-open">
            {t('factcheck.items.itemTitle', { id: item.id })}
          </Link>
          {' · '}
          {item.groupSize > 1 ? t('factcheck.add.joinedGroup', { count: item.groupSize }) : t('factcheck.add.newGroup')}
        </Text>
        <Group gap="xs">
          <Text size="sm">{t('factcheck.items.onTopic')}</Text>
          <OnTopicBadge value={item.onTopic} />
          {item.topics.length > 0 && <Text size="sm">({topicLabels(item.topics)})</Text>}
        </Group>
        {live.length === 0 ? (
          <Text size="sm" data-testid="outcome-no-match">
            {t('factcheck.add.noMatch')}
          </Text>
        ) : (
          <Stack gap={2} data-testid="outcome-links">
            <Text size="sm" fw={600}>
              {t('factcheck.add.matched', { count: live.length })}
            </Text>
            {live.map((l) => (
              <OutcomeLink key={l.id} claimId={l.claimId} status={l.status} score={l.score} />
            ))}
          </Stack>
        )}
      </Stack>
    </Alert>
  );
}

function OutcomeLink({ claimId, status, score }: { claimId: number; status: string; score: number | null }) {
  const claim = useClaim(claimId);
  const { i18n } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <LinkBadge status={status} />
      <Text size="sm">{score === null ? '' : fmtNumber(score, i18n.language, 2)}</Text>
      <Link to={`/factcheck?tab=claims&claim=${claimId}`}>{claim.data ? excerpt(claim.data.text, 120) : `#${claimId}`}</Link>
    </Group>
  );
}

/** Problems of an import: row, field, what is wrong. */
function ProblemTable({ rows }: { rows: { row?: number; field: string; message: string }[] }) {
  const { t } = useTranslation();
  return (
    <ScrollTable withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('import.row')}</Table.Th>
          <Table.Th scope="col">{t('import.field')}</Table.Th>
          <Table.Th scope="col">{t('import.message')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((i, n) => (
          <Table.Tr key={n}>
            <Table.Td>{i.row ?? ''}</Table.Td>
            <Table.Td>{i.field}</Table.Td>
            <Table.Td>{i.message}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

/** The rejected rows the server returned, as a file to save (an object URL). */
function rejectedHref(f: NonNullable<ImportResult['rejectedFile']>): string {
  const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: f.mediaType }));
}

function ImportFile() {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all');
  const transfer = useTransfer();
  const run = useFcMutation(() => {
    const fd = new FormData();
    fd.append('file', file!, file!.name);
    return uploadForm<ImportResult>(
      `/api/factcheck/items/import?mode=${mode}`,
      fd,
      transfer.onProgress,
      (r) => r.created + (r.rejected ?? 0),
      transfer.signal,
    ).catch((e: unknown) => {
      transfer.reset();
      throw e;
    });
  });
  const rejected = run.m.data?.rejectedFile ?? null;
  const rejectedUrl = useMemo(() => (rejected ? rejectedHref(rejected) : null), [rejected]);
  useEffect(() => () => void (rejectedUrl && URL.revokeObjectURL(rejectedUrl)), [rejectedUrl]);
  const issues = run.m.error instanceof ApiError && run.m.error.code === 'import_invalid' ? run.m.error.issues : [];
  return (
    <Card withBorder component="section" aria-labelledby="fc-file-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="fc-file-title">
          {t('factcheck.add.fileTitle')}
        </Title>
        <Text size="sm">{t('factcheck.add.fileHelp')}</Text>
        <Group align="flex-end">
          <FileInput
            label={t('factcheck.add.file')}
            accept=".csv,.xlsx,.jsonl,.ndjson"
            value={file}
            onChange={(f) => {
              setFile(f);
              run.m.reset();
              transfer.reset();
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('factcheck.add.clearFile') }}
            w={360}
            data-testid="import-file"
          />
          <Button disabled={!file || run.m.isPending} onClick={() => run.m.mutate()} data-testid="import-run">
            {t('factcheck.add.importButton')}
          </Button>
        </Group>
        <TransferProgress progress={transfer.progress} testId="import-progress" />
        <Radio.Group
          label={t('factcheck.add.modeLabel')}
          value={mode}
          onChange={(v) => {
            setMode(v as ImportMode);
            run.m.reset();
            transfer.reset();
          }}
          data-testid="import-mode"
        >
          <Stack gap={4} mt={4}>
            <Radio value="all" label={t('factcheck.add.modeAll')} />
            <Radio value="valid" label={t('factcheck.add.modeValid')} data-testid="import-mode-valid" />
          </Stack>
        </Radio.Group>
        {issues.length > 0 ? (
          <Alert color="red" role="alert" title={t('import.nothingImported')} data-testid="import-errors">
            <Text size="sm">{t('import.fixAndRetry', { count: issues.length })}</Text>
            <ProblemTable rows={issues.map((i) => ({ row: i.row, field: i.field, message: i.message }))} />
          </Alert>
        ) : (
          <WriteError error={run.m.error} />
        )}
        {run.m.data && (
          <Alert color="green" role="status" data-testid="import-result">
            {t('factcheck.add.imported', run.m.data)}
          </Alert>
        )}
        {rejected && (
          <Alert color="red" role="alert" title={t('factcheck.add.rejectedTitle')} data-testid="import-rejected">
            <Stack gap={4}>
              <Text size="sm">{t('factcheck.add.rejectedCount', { count: run.m.data?.rejected ?? 0 })}</Text>
              <Button
                component="a"
                href={rejectedUrl ?? undefined}
                download={rejected.name}
                size="xs"
                w="fit-content"
                data-testid="import-rejected-file"
              >
                {t('factcheck.add.downloadRejected', { name: rejected.name })}
              </Button>
              <ProblemTable
                rows={(run.m.data?.problems ?? [])
                  .slice(0, 200)
                  .map((p) => ({ ...p, message: i18n.language.startsWith('en') ? p.en : p.vi }))}
              />
            </Stack>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
