// Items tab: the monitored items (their text, URL, platform, time, language, topics — never who wrote them). The
// items the rules were unsure about come first, for a person to decide; then the list with its filters. An item
// opens (?item=ID) with its group, its on-topic decision, its links to claims (confirm / undo / link by hand) and its
// handling (T5c), offered only when it is linked to a claim whose rating counts as false.
import { useState } from 'react';
import {
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { HANDLING_ACTIONS, PLATFORMS, type Claim, type Item, type Link as FcLink } from '../../../shared/contracts/factcheck';
import { useAuth } from '../../app/auth';
import { Link, setSearchParams, useSearchParams } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { get, post } from '../../lib/api';
import { useLabels } from '../../lib/labels';
import { Head, LinkBadge, OnTopicBadge, StateBadge, TopicWhyView, useFcMutation, WriteError } from './parts';
import { ScrollTable } from '../../components/ScrollTable';
import { canWriteFc, excerpt, fcKeys, platformLabel, today, topicLabels, useClaims, useItem, useItems, useRatings } from './api';
import { DateField } from '../../components/DateField';
import { fmtDate, fmtDateTime, fmtNumber } from '../../lib/format';

const PAGE = 50;

export function ItemsTab() {
  const sp = useSearchParams();
  const id = Number(sp.get('item')) || null;
  return id ? <ItemDetail id={id} /> : <ItemList />;
}

/** "seen 3 times" when a group has more than one item. */
function Seen({ n }: { n: number }) {
  const { t } = useTranslation();
  return n > 1 ? (
    <Text size="xs" fw={600} data-testid="group-size">
      {t('factcheck.items.seen', { count: n })}
    </Text>
  ) : null;
}

function LinkBadges({ links }: { links: FcLink[] }) {
  const counts = new Map<string, number>();
  for (const l of links) counts.set(l.status, (counts.get(l.status) ?? 0) + 1);
  return (
    <Group gap={4}>
      {['confirmed', 'auto', 'suggested', 'undone']
        .filter((s) => counts.has(s))
        .map((s) => (
          <LinkBadge key={s} status={s} count={counts.get(s)} />
        ))}
    </Group>
  );
}

function ItemRows({ rows }: { rows: Item[] }) {
  const { i18n } = useTranslation();
  const L = useLabels();
  return (
    <Table.Tbody>
      {rows.map((i) => (
        <Table.Tr key={i.id} data-testid={`item-row-${i.id}`}>
          <Table.Td maw={420}>
            <Link to={`/factcheck?tab=items&item=${i.id}`}>{excerpt(i.text || i.url || `#${i.id}`)}</Link>
            <Seen n={i.groupSize} />
          </Table.Td>
          <Table.Td>{platformLabel(i.platform)}</Table.Td>
          <Table.Td>{fmtDateTime(i.publishedAt ?? i.receivedAt, i18n.language)}</Table.Td>
          <Table.Td>{L.language(i.language)}</Table.Td>
          <Table.Td>{topicLabels(i.topics) || '—'}</Table.Td>
          <Table.Td>
            <OnTopicBadge value={i.onTopic} />
          </Table.Td>
          <Table.Td>
            <LinkBadges links={i.links} />
          </Table.Td>
        </Table.Tr>
      ))}
    </Table.Tbody>
  );
}

const COLS = ['items.text', 'items.platform', 'items.time', 'items.language', 'items.topics', 'items.onTopic', 'items.links'];

/** The items the rules could not decide, for a person: yes / no in one click (topics are kept). */
function UnsureQueue() {
  const { t } = useTranslation();
  const L = useLabels();
  const { me } = useAuth();
  const q = useItems({ onTopic: 'unsure', limit: 5 });
  const decide = useFcMutation((v: { id: number; onTopic: boolean }) =>
    post<Item>(`/api/factcheck/items/${v.id}/topic`, { onTopic: v.onTopic }),
  );
  const rows = q.data?.rows ?? [];
  return (
    <Card withBorder component="section" aria-labelledby="fc-unsure-title" data-testid="unsure-queue">
      <Stack gap="xs">
        <Title order={2} size="h4" id="fc-unsure-title">
          {t('factcheck.items.queueTitle', { count: q.data?.total ?? 0 })}
        </Title>
        <Text size="sm">{t('factcheck.items.queueHelp')}</Text>
        <ErrorAlert error={q.error} />
        <WriteError error={decide.m.error} />
        {rows.map((i) => (
          <Group key={i.id} justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Link to={`/factcheck?tab=items&item=${i.id}`}>{excerpt(i.text || i.url || `#${i.id}`, 120)}</Link>
              <Text size="xs">
                {[platformLabel(i.platform), L.language(i.language), topicLabels(i.topics)].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
            {canWriteFc(me) && (
              <Group gap={4} wrap="nowrap">
                <Button
                  size="compact-sm"
                  variant="outline"
                  onClick={() => decide.m.mutate({ id: i.id, onTopic: true })}
                  aria-label={t('factcheck.items.markOnTopicFor', { id: i.id })}
                >
                  {t('factcheck.items.onTopicYes')}
                </Button>
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() => decide.m.mutate({ id: i.id, onTopic: false })}
                  aria-label={t('factcheck.items.markOffTopicFor', { id: i.id })}
                >
                  {t('factcheck.items.onTopicNo')}
                </Button>
              </Group>
            )}
          </Group>
        ))}
        {(q.data?.total ?? 0) > rows.length && (
          <Anchor component="button" type="button" onClick={() => setSearchParams({ tab: 'items', onTopic: 'unsure' })}>
            {t('factcheck.items.seeQueue')}
          </Anchor>
        )}
      </Stack>
    </Card>
  );
}

function ItemList() {
  const { t } = useTranslation();
  const sp = useSearchParams();
  const onTopic = sp.get('onTopic') ?? '';
  const linkStatus = sp.get('linkStatus') ?? '';
  // A duplicate group (from an indicator's drill-down: T5b and T5c count groups).
  const groupId = Number(sp.get('group')) || undefined;
  const platform = sp.get('platform') ?? '';
  const source = sp.get('source') ?? '';
  const q = sp.get('q') ?? '';
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const set = (patch: Record<string, string | null>) => setSearchParams({ ...Object.fromEntries(sp), page: null, ...patch });
  const list = useItems({
    onTopic: onTopic || undefined,
    linkStatus: linkStatus || undefined,
    groupId,
    platform: platform || undefined,
    source: source || undefined,
    q: q || undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
  const total = list.data?.total ?? 0;
  return (
    <Stack>
      {onTopic !== 'unsure' && !groupId && !q && <UnsureQueue />}
      {groupId && (
        <Group data-testid="group-filter">
          <Text size="sm" fw={600}>
            {t('factcheck.items.groupOnly', { id: groupId })}
          </Text>
          <Button size="xs" variant="subtle" onClick={() => set({ group: null })}>
            {t('factcheck.items.groupClear')}
          </Button>
        </Group>
      )}
      <Group align="flex-end">
        <TextInput
          label={t('factcheck.items.search')}
          description={t('factcheck.items.searchHelp')}
          defaultValue={q}
          miw={280}
          data-testid="item-search"
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ q: (e.target as HTMLInputElement).value.trim() || null });
          }}
        />
        <NativeSelect
          label={t('factcheck.items.onTopic')}
          value={onTopic}
          onChange={(e) => set({ onTopic: e.currentTarget.value || null })}
          data-testid="filter-on-topic"
          data={[
            { value: '', label: t('factcheck.all') },
            ...['unsure', 'yes', 'no'].map((v) => ({ value: v, label: t(`factcheck.onTopic.${v}`) })),
          ]}
        />
        <NativeSelect
          label={t('factcheck.items.linkStatus')}
          value={linkStatus}
          onChange={(e) => set({ linkStatus: e.currentTarget.value || null })}
          data-testid="filter-link"
          data={[
            { value: '', label: t('factcheck.all') },
            ...['suggested', 'auto', 'confirmed', 'undone'].map((v) => ({ value: v, label: t(`factcheck.linkStatus.${v}`) })),
          ]}
        />
        <NativeSelect
          label={t('factcheck.items.platform')}
          value={platform}
          onChange={(e) => set({ platform: e.currentTarget.value || null })}
          data-testid="filter-platform"
          data={[{ value: '', label: t('factcheck.all') }, ...PLATFORMS.map((v) => ({ value: v, label: platformLabel(v) }))]}
        />
        <NativeSelect
          label={t('factcheck.items.source')}
          value={source}
          onChange={(e) => set({ source: e.currentTarget.value || null })}
          data-testid="filter-source"
          data={[
            { value: '', label: t('factcheck.all') },
            ...['feed', 'staff', 'file', 'form'].map((v) => ({ value: v, label: t(`factcheck.source.${v}`) })),
          ]}
        />
      </Group>
      <ErrorAlert error={list.error} />
      <Text size="sm" role="status" data-testid="items-count">
        {list.data?.search?.unsearchable
          ? t('factcheck.unsearchable')
          : list.data?.totalCapped
            ? t('factcheck.items.countCapped', { count: total })
            : t('factcheck.items.count', { count: total })}
      </Text>
      <ScrollTable striped withTableBorder data-testid="items-table">
        <Head cols={COLS} />
        <ItemRows rows={list.data?.rows ?? []} />
      </ScrollTable>
      {total > PAGE && (
        <Pagination
          total={Math.ceil(total / PAGE)}
          value={page}
          onChange={(p) => setSearchParams({ ...Object.fromEntries(sp), page: String(p) })}
          getControlProps={(c) => ({ 'aria-label': c === 'previous' ? t('common.previous') : c === 'next' ? t('common.next') : c })}
        />
      )}
    </Stack>
  );
}

// ---------------------------------------------------------------- one item

function ItemDetail({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const L = useLabels();
  const { me } = useAuth();
  const item = useItem(id);
  const i = item.data;
  const ratings = useRatings();
  // Handling is recorded on an item whose own link, or a link of another item of its duplicate group, is live.
  const group = useItems({ groupId: i?.groupId, limit: 50 }, !!i && i.groupSize > 1);
  const groupLinks = [...(i?.links ?? []), ...(group.data?.rows ?? []).filter((x) => x.id !== i?.id).flatMap((x) => x.links)];
  const claimIds = [...new Set(groupLinks.map((l) => l.claimId))];
  const claims = useQueries({
    queries: claimIds.map((cid) => ({ queryKey: fcKeys.claim(cid), queryFn: () => get<Claim>(`/api/factcheck/claims/${cid}`) })),
  });
  const claimOf = (cid: number) => claims.find((q) => q.data?.id === cid)?.data;
  const falseCodes = new Set<string>((ratings.data ?? []).filter((r) => r.countsAsFalse).map((r) => r.code));
  const handleable = groupLinks.some((l) => {
    const c = claimOf(l.claimId);
    return (
      (l.status === 'auto' || l.status === 'confirmed') && !!c && c.status !== 'withdrawn' && !!c.ratingCode && falseCodes.has(c.ratingCode)
    );
  });
  return (
    <Stack data-testid="item-detail">
      <Link to="/factcheck?tab=items">← {t('factcheck.items.back')}</Link>
      <ErrorAlert error={item.error} />
      {i && (
        <>
          <Title order={2} size="h3">
            {t('factcheck.items.itemTitle', { id: i.id })}
          </Title>
          <Card withBorder>
            <Stack gap="xs">
              <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="item-text">
                {i.text || '—'}
              </Text>
              {i.url && (
                <Anchor href={i.url} target="_blank" rel="noopener noreferrer nofollow" data-testid="item-url">
                  {i.url}
                </Anchor>
              )}
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                <Field label={t('factcheck.items.platform')} value={platformLabel(i.platform)} />
                <Field label={t('factcheck.items.publishedAt')} value={fmtDateTime(i.publishedAt, i18n.language)} />
                <Field
                  label={t('factcheck.items.receivedAt')}
                  value={`${fmtDateTime(i.receivedAt, i18n.language)} · ${t(`factcheck.source.${i.source}`, { defaultValue: i.source })}`}
                />
                <Field
                  label={t('factcheck.items.language')}
                  value={`${L.language(i.language)} · ${t('factcheck.items.words', { count: i.words })}`}
                />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('factcheck.items.noAuthor')}
              </Text>
            </Stack>
          </Card>
          <TopicDecision item={i} canWrite={canWriteFc(me)} />
          <GroupMembers members={i} />
          <Links item={i} claimOf={claimOf} canWrite={canWriteFc(me)} />
          <Handling item={i} handleable={handleable} canWrite={canWriteFc(me)} />
        </>
      )}
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

function TopicDecision({ item, canWrite }: { item: Item; canWrite: boolean }) {
  const { t } = useTranslation();
  const [topics, setTopics] = useState<string[]>(item.topics);
  const decide = useFcMutation((onTopic: boolean) => post<Item>(`/api/factcheck/items/${item.id}/topic`, { onTopic, topics }));
  return (
    <Card withBorder component="section" aria-labelledby="fc-topic-title" data-testid="topic-decision">
      <Stack gap="xs">
        <Title order={3} size="h5" id="fc-topic-title">
          {t('factcheck.items.onTopic')}
        </Title>
        <Group>
          <OnTopicBadge value={item.onTopic} by={item.onTopicBy} />
        </Group>
        <TopicWhyView why={item.onTopicWhy} by={item.onTopicBy} />
        {canWrite && (
          <>
            <TagsInput
              label={t('factcheck.items.topics')}
              description={t('factcheck.topicHint')}
              value={topics}
              onChange={setTopics}
              error={decide.err('topics', ...topics.map((_, n) => `topics.${n}`))}
            />
            <Group>
              <Button size="sm" onClick={() => decide.m.mutate(true)} loading={decide.m.isPending} data-testid="decide-yes">
                {t('factcheck.items.onTopicYes')}
              </Button>
              <Button
                size="sm"
                variant="default"
                onClick={() => decide.m.mutate(false)}
                loading={decide.m.isPending}
                data-testid="decide-no"
              >
                {t('factcheck.items.onTopicNo')}
              </Button>
            </Group>
            <WriteError error={decide.m.error} shown={['topics']} />
          </>
        )}
      </Stack>
    </Card>
  );
}

function GroupMembers({ members }: { members: Item }) {
  const { t, i18n } = useTranslation();
  const list = useItems({ groupId: members.groupId, limit: 50 });
  if (members.groupSize < 2) return null;
  return (
    <Card withBorder component="section" aria-labelledby="fc-group-title" data-testid="group-members">
      <Title order={3} size="h5" id="fc-group-title">
        {t('factcheck.items.groupTitle', { count: members.groupSize })}
      </Title>
      <ul>
        {(list.data?.rows ?? [])
          .filter((x) => x.id !== members.id)
          .map((x) => (
            <li key={x.id}>
              <Link to={`/factcheck?tab=items&item=${x.id}`}>{excerpt(x.text || x.url || `#${x.id}`, 100)}</Link> —{' '}
              {platformLabel(x.platform)}, {fmtDateTime(x.publishedAt ?? x.receivedAt, i18n.language)}
            </li>
          ))}
      </ul>
    </Card>
  );
}

function Links({ item, claimOf, canWrite }: { item: Item; claimOf: (id: number) => Claim | undefined; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const act = useFcMutation((v: { id: number; op: 'confirm' | 'undo' }) => post(`/api/factcheck/links/${v.id}/${v.op}`));
  return (
    <Card withBorder component="section" aria-labelledby="fc-links-title" data-testid="item-links">
      <Stack gap="xs">
        <Title order={3} size="h5" id="fc-links-title">
          {t('factcheck.items.linksTitle')}
        </Title>
        <WriteError error={act.m.error} />
        {item.links.length === 0 ? (
          <Text size="sm">{t('factcheck.items.noLinks')}</Text>
        ) : (
          <ScrollTable withTableBorder>
            <Head cols={['links.claim', 'links.score', 'links.status', 'links.actions']} />
            <Table.Tbody>
              {item.links.map((l) => {
                const c = claimOf(l.claimId);
                return (
                  <Table.Tr key={l.id} data-testid={`link-row-${l.claimId}`}>
                    <Table.Td>
                      <Link to={`/factcheck?tab=claims&claim=${l.claimId}`}>{c ? excerpt(c.text, 160) : `#${l.claimId}`}</Link>
                      {c && (
                        <>
                          {' '}
                          <StateBadge state={c.status} />
                        </>
                      )}
                    </Table.Td>
                    <Table.Td>{l.score === null ? t('factcheck.links.byHand') : fmtNumber(l.score, i18n.language, 2)}</Table.Td>
                    <Table.Td>
                      <LinkBadge status={l.status} />
                    </Table.Td>
                    <Table.Td>
                      {canWrite && (
                        <Group gap={4}>
                          {(l.status === 'suggested' || l.status === 'auto') && (
                            <Button
                              size="compact-sm"
                              variant="light"
                              onClick={() => act.m.mutate({ id: l.id, op: 'confirm' })}
                              data-testid="link-confirm"
                            >
                              {t('factcheck.links.confirm')}
                            </Button>
                          )}
                          {l.status !== 'undone' && (
                            <Button
                              size="compact-sm"
                              variant="default"
                              onClick={() => act.m.mutate({ id: l.id, op: 'undo' })}
                              data-testid="link-undo"
                            >
                              {t('factcheck.links.undo')}
                            </Button>
                          )}
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </ScrollTable>
        )}
        {canWrite && <ManualLink itemId={item.id} />}
      </Stack>
    </Card>
  );
}

/** Link to a claim by hand: search the claims by their text. */
function ManualLink({ itemId }: { itemId: number }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q, 250);
  const [claimId, setClaimId] = useState<string | null>(null);
  const found = useClaims({ q: dq, limit: 20 }, dq.trim().length > 1);
  const link = useFcMutation(
    () => post(`/api/factcheck/items/${itemId}/links`, { claimId: Number(claimId) }),
    () => {
      setClaimId(null);
      setQ('');
    },
  );
  return (
    <Group align="flex-end">
      <Select
        label={t('factcheck.links.byHandLabel')}
        placeholder={t('factcheck.links.search')}
        searchable
        searchValue={q}
        onSearchChange={setQ}
        value={claimId}
        onChange={setClaimId}
        filter={({ options }) => options}
        nothingFoundMessage={dq.length > 1 ? t('common.nothingFound') : undefined}
        w={420}
        data-testid="link-claim-search"
        data={(found.data?.rows ?? [])
          .filter((c) => c.status !== 'withdrawn')
          .map((c) => ({ value: String(c.id), label: `#${c.id} ${excerpt(c.text, 90)}` }))}
        error={link.err('claimId')}
      />
      <Button disabled={!claimId} loading={link.m.isPending} onClick={() => link.m.mutate()} data-testid="link-claim">
        {t('factcheck.links.link')}
      </Button>
      <WriteError error={link.m.error} shown={['claimId']} />
    </Group>
  );
}

function Handling({ item, handleable, canWrite }: { item: Item; handleable: boolean; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const [v, setV] = useState({ action: 'fact_check_published' as string, actedOn: today(), reason: '' });
  const save = useFcMutation(
    () => post<Item>(`/api/factcheck/items/${item.id}/actions`, { action: v.action, actedOn: v.actedOn, reason: v.reason.trim() || null }),
    () => setV({ action: 'fact_check_published', actedOn: today(), reason: '' }),
  );
  return (
    <Card withBorder component="section" aria-labelledby="fc-handling-title" data-testid="item-handling">
      <Stack gap="xs">
        <Title order={3} size="h5" id="fc-handling-title">
          {t('factcheck.handling.title')}
        </Title>
        {item.actions.length > 0 ? (
          <ScrollTable withTableBorder data-testid="handling-list">
            <Head cols={['handling.action', 'handling.actedOn', 'handling.reason']} />
            <Table.Tbody>
              {item.actions.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{t(`factcheck.action.${a.action}`)}</Table.Td>
                  <Table.Td>{fmtDate(a.actedOn, i18n.language)}</Table.Td>
                  <Table.Td>{a.reason ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        ) : (
          <Text size="sm">{t('factcheck.handling.none')}</Text>
        )}
        {!handleable && (
          <Text size="sm" data-testid="handling-not-offered">
            {t('factcheck.handling.notOffered')}
          </Text>
        )}
        {handleable && canWrite && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              save.m.mutate();
            }}
            data-testid="handling-form"
          >
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={t('factcheck.handling.action')}
                  value={v.action}
                  onChange={(e) => setV({ ...v, action: e.currentTarget.value })}
                  error={save.err('action')}
                  data-testid="handling-action"
                  data={HANDLING_ACTIONS.map((a) => ({ value: a, label: t(`factcheck.action.${a}`) }))}
                />
                <DateField
                  label={t('factcheck.handling.actedOn')}
                  required
                  value={v.actedOn}
                  max={today()}
                  onChange={(e) => setV({ ...v, actedOn: e.currentTarget.value })}
                  error={save.err('actedOn')}
                  data-testid="handling-date"
                />
              </SimpleGrid>
              <Textarea
                label={v.action === 'no_action' ? t('factcheck.handling.reasonRequired') : t('factcheck.handling.note')}
                required={v.action === 'no_action'}
                autosize
                minRows={2}
                value={v.reason}
                onChange={(e) => setV({ ...v, reason: e.currentTarget.value })}
                error={save.err('reason')}
                data-testid="handling-reason"
              />
              <WriteError error={save.m.error} shown={['action', 'actedOn', 'reason']} />
              <Group>
                <Button type="submit" loading={save.m.isPending} data-testid="handling-save">
                  {t('factcheck.handling.record')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
