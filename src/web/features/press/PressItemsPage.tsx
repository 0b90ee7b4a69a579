// Press items (T1): filtered list, create/edit form, item details with lifecycle actions.
import { AudienceBadges } from '../../components/Audiences';
import { useMemo, useState } from 'react';
import { Button, Group, Loader, Paper, Select, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PRESS_KINDS, PRESS_STATUSES, type PressItem } from '../../../shared/contracts/press';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useOrgTree } from '../organisations/api';
import { orgLabel } from '../organisations/OrgTree';
import { indexTree } from '../organisations/tree';
import { canWritePress, usePressItem, usePressItems, writableOrgs, type ItemFilters } from './api';
import { PressItemDetails } from './PressItemDetails';
import { PressItemForm } from './PressItemForm';
import { usePressImport } from './PressImport';
import { PressTabs } from './PressTabs';
import { ScrollBox } from '../../components/ScrollTable';
import { fmtDate } from '../../lib/format';

function initialItemId(): number | null {
  const v = Number(new URLSearchParams(window.location.search).get('item'));
  return Number.isInteger(v) && v > 0 ? v : null;
}

export function PressItemsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('press.tabs.items'));
  const tree = useOrgTree();
  const nodes = useMemo(() => tree.data ?? [], [tree.data]);
  const idx = useMemo(() => indexTree(nodes), [nodes]);
  const writable = useMemo(() => writableOrgs(me, idx, nodes), [me, idx, nodes]);
  const writableIds = useMemo(() => new Set(writable.map((o) => o.id)), [writable]);
  // An editor's list opens on its own organisation's items (cleared, it shows every organisation's).
  const [filters, setFilters] = useState<ItemFilters>(() => ({
    status: null,
    kind: null,
    organisationId: me?.role === 'editor' && me.organisationId !== null ? String(me.organisationId) : null,
    q: '',
  }));
  const [offset, setOffset] = useState(0);
  const excel = usePressImport('items', canWritePress(me));
  const list = usePressItems(filters, offset);
  const [selectedId, setSelectedId] = useState<number | null>(initialItemId);
  const selected = usePressItem(selectedId);
  const [form, setForm] = useState<{ open: boolean; item: PressItem | null }>({ open: false, item: null });
  const setF = (k: keyof ItemFilters, v: string | null) => {
    setOffset(0);
    setFilters((s) => ({ ...s, [k]: v }));
  };
  const fmt = (iso: string | null) => fmtDate(iso, i18n.language);
  const orgOptions = useMemo(
    () =>
      nodes
        .map((o) => ({ value: String(o.id), label: `${orgLabel(o, i18n.language)} (${o.code})` }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    [nodes, i18n.language],
  );
  const total = list.data?.total ?? 0;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap="xs">
          <PressTabs title={t('nav.press')} />
        </Stack>
        {canWritePress(me) && (
          <Group gap="sm">
            {excel.button}
            <Button onClick={() => setForm({ open: true, item: null })} data-testid="new-press-item" disabled={tree.isPending}>
              {t('press.items.new')}
            </Button>
          </Group>
        )}
      </Group>
      {excel.panel}
      <Paper withBorder p="md" component="section" aria-label={t('press.items.filters')}>
        <Group grow align="flex-end">
          <TextInput
            type="search"
            label={t('press.items.search')}
            value={filters.q}
            onChange={(e) => setF('q', e.currentTarget.value)}
            data-testid="press-search"
          />
          <Select
            label={t('press.fields.status')}
            placeholder={t('press.items.all')}
            clearable
            data={PRESS_STATUSES.map((s) => ({ value: s, label: t(`press.statuses.${s}`) }))}
            value={filters.status ?? null}
            onChange={(v) => setF('status', v)}
          />
          <Select
            label={t('press.fields.kind')}
            placeholder={t('press.items.all')}
            clearable
            data={PRESS_KINDS.map((k) => ({ value: k, label: t(`press.kinds.${k}`) }))}
            value={filters.kind ?? null}
            onChange={(v) => setF('kind', v)}
          />
          <Select
            label={t('press.fields.organisation')}
            placeholder={t('press.items.all')}
            clearable
            searchable
            filter={foldFilter}
            limit={100}
            nothingFoundMessage={t('common.nothingFound')}
            data={orgOptions}
            value={filters.organisationId ?? null}
            onChange={(v) => setF('organisationId', v)}
          />
        </Group>
      </Paper>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <Text size="sm" c="gray.7" aria-live="polite">
            {t('press.items.count', { count: total })}
          </Text>
          <ScrollBox minWidth={800}>
            <Table striped highlightOnHover data-testid="press-items-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('press.fields.title')}</Table.Th>
                  <Table.Th scope="col">{t('press.fields.kind')}</Table.Th>
                  <Table.Th scope="col">{t('press.fields.organisation')}</Table.Th>
                  <Table.Th scope="col">{t('press.fields.language')}</Table.Th>
                  <Table.Th scope="col">{t('library.fields.audiences')}</Table.Th>
                  <Table.Th scope="col">{t('press.fields.status')}</Table.Th>
                  <Table.Th scope="col">{t('press.fields.publishedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((it) => (
                  <Table.Tr key={it.id} data-testid={`press-item-row-${it.id}`}>
                    <Table.Td>
                      <UnstyledButton
                        onClick={() => setSelectedId(it.id)}
                        style={{ color: 'var(--mantine-color-blue-9)', textDecoration: 'underline' }}
                      >
                        {it.title}
                      </UnstyledButton>
                    </Table.Td>
                    <Table.Td>{t(`press.kinds.${it.kind}`)}</Table.Td>
                    <Table.Td>{it.organisationName}</Table.Td>
                    <Table.Td>{it.language}</Table.Td>
                    <Table.Td>
                      <AudienceBadges value={it.audiences} compact />
                    </Table.Td>
                    <Table.Td>
                      <Text span size="sm" fw={600}>
                        {t(`press.statuses.${it.status}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{fmt(it.publishedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
          {total > 50 && (
            <Group justify="center">
              <Button variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 50))}>
                {t('common.previous')}
              </Button>
              <Text size="sm">
                {offset + 1}–{Math.min(offset + 50, total)} / {total}
              </Text>
              <Button variant="default" disabled={offset + 50 >= total} onClick={() => setOffset(offset + 50)}>
                {t('common.next')}
              </Button>
            </Group>
          )}
        </>
      )}
      {selectedId !== null && selected.error != null && <ErrorAlert error={selected.error} />}
      {selectedId !== null && selected.data && !form.open && (
        <PressItemDetails
          key={selected.data.id}
          item={selected.data}
          canWrite={writableIds.has(selected.data.organisationId)}
          onClose={() => setSelectedId(null)}
          onEdit={() => setForm({ open: true, item: selected.data! })}
          onOpen={setSelectedId}
        />
      )}
      {form.open && (
        <PressItemForm
          item={form.item}
          orgs={writable}
          onClose={() => setForm({ open: false, item: null })}
          onSaved={(saved) => {
            setForm({ open: false, item: null });
            setSelectedId(saved.id);
          }}
        />
      )}
    </Stack>
  );
}
