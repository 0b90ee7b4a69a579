// Tagging evidence without typing ids. On a recommendation: search the records of every kind (press items, library
// products, training sessions, exhibitions …) by title — diacritics optional — among those the user may tag, see
// kind, title, date and organisation, and pick. On a record (press item, product, training session): the
// recommendations it serves, and a search over recommendations to tag it to one more.
import { useState } from 'react';
import { Anchor, Badge, Button, Group, List, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EvidenceSearchResult, RecList, RecordRecommendation } from '../../../shared/contracts/recommendations';
import { useAuth } from '../../app/auth';
import { Link } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, get, post, qs } from '../../lib/api';
import { ScrollTable } from '../../components/ScrollTable';

type Types = { recordType: string; label: { vi: string; en: string } }[];
const recKeys = ['recommendations'] as const;

/** The picker on a recommendation's page. */
export function EvidencePicker({
  recId,
  types,
  orgOptions,
  onDone,
}: {
  recId: number;
  types: Types;
  orgOptions: { value: string; label: string }[];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [org, setOrg] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const hits = useQuery({
    queryKey: [...recKeys, 'evidence-search', recId, debounced, kind, org],
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    queryFn: () =>
      get<EvidenceSearchResult>(
        `/api/recommendations/evidence-search${qs({ q: debounced, recordType: kind, organisationId: org, recommendationId: recId })}`,
      ),
  });
  const tag = useMutation({
    mutationFn: (h: { recordType: string; recordId: number }) => post(`/api/recommendations/${recId}/evidence`, h),
    onSuccess: onDone,
  });
  const items = debounced ? (hits.data?.items ?? []) : [];
  return (
    <Stack gap="xs" mt="sm" data-testid="rec-evidence-picker">
      <Group align="end">
        <TextInput
          label={t('rec.evidence.search')}
          description={t('rec.evidence.searchHint')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={380}
          data-testid="rec-evidence-search"
        />
        <Select
          label={t('rec.evidence.type')}
          placeholder={t('rec.evidence.allKinds')}
          clearable
          data={types.map((x) => ({ value: x.recordType, label: x.label[lang] }))}
          value={kind}
          onChange={setKind}
          data-testid="rec-evidence-kind"
        />
        <Select
          label={t('rec.fields.organisation')}
          placeholder={t('rec.evidence.allOrganisations')}
          searchable
          clearable
          limit={100}
          data={orgOptions}
          value={org}
          onChange={setOrg}
          data-testid="rec-evidence-org"
        />
      </Group>
      <ErrorAlert error={hits.error ?? tag.error} />
      {debounced && hits.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('rec.evidence.noHits')}
        </Text>
      )}
      {items.length > 0 && (
        <ScrollTable striped data-testid="rec-evidence-results">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('rec.evidence.type')}</Table.Th>
              <Table.Th scope="col">{t('rec.evidence.titleCol')}</Table.Th>
              <Table.Th scope="col">{t('rec.evidence.date')}</Table.Th>
              <Table.Th scope="col">{t('rec.fields.organisation')}</Table.Th>
              <Table.Th scope="col" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((h) => (
              <Table.Tr key={`${h.recordType}:${h.recordId}`} data-testid="rec-evidence-hit">
                <Table.Td>
                  <Badge variant="light">{h.typeLabel[lang]}</Badge>
                </Table.Td>
                <Table.Td>
                  {h.href ? (
                    <Anchor component={Link} to={h.href}>
                      {h.label}
                    </Anchor>
                  ) : (
                    h.label
                  )}{' '}
                  {!h.public && (
                    <Text span size="xs" c="dimmed">
                      ({t('rec.evidence.internal')})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{h.date ?? ''}</Table.Td>
                <Table.Td>{h.organisationName ?? ''}</Table.Td>
                <Table.Td>
                  {h.tagged ? (
                    <Badge color="green" variant="outline">
                      {t('rec.evidence.tagged')}
                    </Badge>
                  ) : (
                    <Button
                      size="xs"
                      onClick={() => tag.mutate({ recordType: h.recordType, recordId: h.recordId })}
                      loading={tag.isPending && tag.variables?.recordId === h.recordId}
                      aria-label={`${t('rec.evidence.pick')}: ${h.label}`}
                      data-testid="rec-evidence-pick"
                    >
                      {t('rec.evidence.pick')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}

/** On a record's page: the recommendations it is evidence of, and (for those who may tag) a search to add one. */
export function RecordRecommendations({ recordType, recordId }: { recordType: string; recordId: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { me } = useAuth();
  const qc = useQueryClient();
  const mayTag = me?.role === 'admin' || me?.role === 'editor';
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const current = useQuery({
    queryKey: [...recKeys, 'of-record', recordType, recordId],
    queryFn: () => get<RecordRecommendation[]>(`/api/recommendations/of-record${qs({ recordType, recordId })}`),
  });
  const found = useQuery({
    queryKey: [...recKeys, 'list', 'record-picker', debounced],
    enabled: mayTag && debounced.length > 0,
    placeholderData: keepPreviousData,
    queryFn: () => get<RecList>(`/api/recommendations${qs({ q: debounced, limit: 10 })}`),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: recKeys });
  const tag = useMutation({
    mutationFn: (id: number) => post(`/api/recommendations/${id}/evidence`, { recordType, recordId }),
    onSuccess: () => {
      setQ('');
      void refresh();
    },
  });
  const untag = useMutation({
    mutationFn: (id: number) => api('DELETE', `/api/recommendations/${id}/evidence`, { recordType, recordId }),
    onSuccess: () => void refresh(),
  });
  const taggedIds = new Set((current.data ?? []).map((r) => r.id));
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={`rec-of-${recordType}-${recordId}`} data-testid="record-recommendations">
      <Title order={3} size="h5" id={`rec-of-${recordType}-${recordId}`} mb={4}>
        {t('rec.record.title')}
      </Title>
      <ErrorAlert error={current.error ?? tag.error ?? untag.error} />
      {current.data && current.data.length === 0 && (
        <Text size="sm" c="gray.7">
          {t('rec.record.none')}
        </Text>
      )}
      {current.data && current.data.length > 0 && (
        <List size="sm" spacing={2}>
          {current.data.map((r) => (
            <List.Item key={r.id}>
              <Anchor href={`/app/recommendations?id=${r.id}`}>{r.label}</Anchor>{' '}
              <Text span size="xs" c="gray.7">
                {(lang === 'vi' ? (r.textVi ?? r.textEn) : r.textEn)?.slice(0, 120) ?? ''}
              </Text>{' '}
              <Badge size="xs" variant="light">
                {t(`rec.status.${r.status}`)}
              </Badge>
              {mayTag && (
                <Button size="compact-xs" variant="subtle" color="red" ml="xs" onClick={() => untag.mutate(r.id)}>
                  {t('rec.evidence.untag')}
                </Button>
              )}
            </List.Item>
          ))}
        </List>
      )}
      {mayTag && (
        <Stack gap={4} mt="xs">
          <TextInput
            size="xs"
            label={t('rec.record.search')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            data-testid="record-rec-search"
          />
          {debounced &&
            (found.data?.items ?? [])
              .filter((r) => !taggedIds.has(r.id))
              .map((r) => (
                <Group key={r.id} gap="xs" wrap="nowrap">
                  <Button
                    size="compact-xs"
                    onClick={() => tag.mutate(r.id)}
                    loading={tag.isPending && tag.variables === r.id}
                    data-testid="record-rec-pick"
                  >
                    {t('rec.record.add')}
                  </Button>
                  <Text size="sm">
                    <b>{r.label}</b> {((lang === 'vi' ? (r.textVi ?? r.textEn) : r.textEn) ?? '').slice(0, 100)}
                  </Text>
                </Group>
              ))}
          {debounced && found.data && found.data.items.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('rec.count', { count: 0 })}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
