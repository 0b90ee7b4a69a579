// Feeds tab: the RSS/Atom feeds the programme office registers (polled by background jobs): each with its last
// poll (status, error, new items), items taken in and next poll; reviewers and admins add and edit feeds and may
// poll one now (the result: entries read, new items, suggested and automatic links, or the error).
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PLATFORMS, type Feed, type FeedInput, type PollResult } from '../../../shared/contracts/factcheck';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { post, put } from '../../lib/api';
import { isReviewer, platformLabel, useFeeds } from './api';
import { BADGE_STYLES, Head, useFcMutation, WriteError } from './parts';
import { ScrollTable } from '../../components/ScrollTable';
import { fmtDateTime } from '../../lib/format';

export function FeedsTab() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const feeds = useFeeds();
  const canEdit = isReviewer(me);
  const [editing, setEditing] = useState<Feed | 'new' | null>(null);
  const [results, setResults] = useState<Record<number, PollResult>>({});
  const poll = useFcMutation(
    (id: number) => post<PollResult>(`/api/factcheck/feeds/${id}/poll`),
    (r) => setResults((x) => ({ ...x, [r.feedId]: r })),
  );
  return (
    <Stack>
      <Text size="sm">{t('factcheck.feeds.help')}</Text>
      {editing && <FeedForm feed={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {canEdit ? (
        <Group>
          <Button onClick={() => setEditing('new')} data-testid="feed-new">
            {t('factcheck.feeds.new')}
          </Button>
        </Group>
      ) : (
        <Text size="sm">{t('factcheck.feeds.readOnly')}</Text>
      )}
      <ErrorAlert error={feeds.error} />
      <WriteError error={poll.m.error} />
      <ScrollTable striped withTableBorder data-testid="feeds-table">
        <Head
          cols={[
            'feeds.title',
            'feeds.platform',
            'feeds.lastPoll',
            'feeds.newItems',
            'feeds.totalItems',
            'feeds.nextPoll',
            ...(canEdit ? ['feeds.actions'] : []),
          ]}
        />
        <Table.Tbody>
          {(feeds.data ?? []).map((f) => {
            const r = results[f.id];
            return (
              <Table.Tr key={f.id} data-testid={`feed-${f.id}`}>
                <Table.Td>
                  {canEdit ? (
                    <Anchor component="button" type="button" ta="left" onClick={() => setEditing(f)}>
                      {f.title}
                    </Anchor>
                  ) : (
                    f.title
                  )}
                  <Text size="xs" style={{ wordBreak: 'break-all' }}>
                    {f.url}
                  </Text>
                  {!f.active && (
                    <Text size="xs" fw={600}>
                      {t('factcheck.feeds.paused')}
                    </Text>
                  )}
                  {f.isDemo && <Text size="xs">{t('common.demo')}</Text>}
                </Table.Td>
                <Table.Td>{platformLabel(f.platform)}</Table.Td>
                <Table.Td>
                  {f.lastStatus ? (
                    <Badge variant="dot" color={f.lastStatus === 'ok' ? 'green' : 'red'} styles={BADGE_STYLES}>
                      <span aria-hidden="true">{f.lastStatus === 'ok' ? '✓ ' : '✕ '}</span>
                      {t(`factcheck.feeds.status.${f.lastStatus}`)}
                    </Badge>
                  ) : (
                    '—'
                  )}
                  <Text size="xs">{fmtDateTime(f.lastPolledAt, i18n.language)}</Text>
                  {f.lastError && (
                    <Text size="xs" c="red.9" data-testid="feed-error">
                      {f.lastError}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{f.lastNew ?? '—'}</Table.Td>
                <Table.Td>{f.totalItems}</Table.Td>
                <Table.Td>{f.active ? fmtDateTime(f.nextPollAt, i18n.language) : '—'}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="light"
                      loading={poll.m.isPending && poll.m.variables === f.id}
                      onClick={() => poll.m.mutate(f.id)}
                      data-testid="feed-poll"
                    >
                      {t('factcheck.feeds.pollNow')}
                    </Button>
                    {r && (
                      <Alert mt={4} p="xs" color={r.status === 'error' ? 'red' : 'green'} role="status" data-testid="poll-result">
                        {r.status === 'error'
                          ? `${t('factcheck.feeds.status.error')}: ${r.error ?? ''}`
                          : t(`factcheck.feeds.result.${r.status}`, r)}
                      </Alert>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

function FeedForm({ feed, onClose }: { feed: Feed | null; onClose(): void }) {
  const { t } = useTranslation();
  const [v, setV] = useState<Required<FeedInput>>({
    title: feed?.title ?? '',
    url: feed?.url ?? '',
    platform: (feed?.platform ?? 'news') as Required<FeedInput>['platform'],
    everyMinutes: feed?.everyMinutes ?? 60,
    active: feed?.active ?? true,
  });
  const save = useFcMutation(
    () => (feed ? put<Feed>(`/api/factcheck/feeds/${feed.id}`, v) : post<Feed>('/api/factcheck/feeds', v)),
    onClose,
  );
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={feed ? t('factcheck.feeds.edit') : t('factcheck.feeds.new')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.m.mutate();
        }}
        data-testid="feed-form"
      >
        <Stack>
          <WriteError error={save.m.error} shown={['title', 'url', 'platform', 'everyMinutes', 'active']} />
          <TextInput
            label={t('factcheck.feeds.title')}
            required
            value={v.title}
            onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
            error={save.err('title')}
            data-testid="feed-title"
          />
          <TextInput
            label={t('factcheck.feeds.url')}
            description={t('factcheck.feeds.urlHint')}
            required
            value={v.url}
            onChange={(e) => setV({ ...v, url: e.currentTarget.value })}
            error={save.err('url')}
            data-testid="feed-url"
          />
          <NativeSelect
            label={t('factcheck.feeds.platform')}
            value={v.platform}
            onChange={(e) => setV({ ...v, platform: e.currentTarget.value as typeof v.platform })}
            error={save.err('platform')}
            data={PLATFORMS.map((p) => ({ value: p, label: platformLabel(p) }))}
          />
          <NumberInput
            label={t('factcheck.feeds.everyMinutes')}
            min={15}
            max={1440}
            value={v.everyMinutes}
            onChange={(x) => setV({ ...v, everyMinutes: Number(x) || 0 })}
            error={save.err('everyMinutes')}
          />
          <Checkbox
            label={t('factcheck.feeds.active')}
            checked={v.active}
            onChange={(e) => setV({ ...v, active: e.currentTarget.checked })}
            error={save.err('active')}
          />
          <FormActions onCancel={onClose} saving={save.m.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
