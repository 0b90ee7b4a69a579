// Audit log (admin): filterable, paged; a row opens its before/after side by side.
import { useState } from 'react';
import { Badge, Code, Group, Loader, Modal, Pagination, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/contracts/directory';
import { get, qs } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../../../shared/labels';
import { useLabels } from '../../lib/labels';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ScrollBox } from '../../components/ScrollTable';
import { DateField } from '../../components/DateField';
import { fmtDateTime } from '../../lib/format';

const PAGE = 50;

/** A day filter's bounds in Viet Nam time ("2025-07-01" → its first or last moment); a day not yet valid filters nothing. */
const isDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
const startOfDay = (d: string): string | undefined => (isDay(d) ? `${d}T00:00:00.000+07:00` : undefined);
const endOfDay = (d: string): string | undefined => (isDay(d) ? `${d}T23:59:59.999+07:00` : undefined);

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const L = useLabels();
  useDocumentTitle(t('nav.audit'));
  // The filters offer the kinds of record and the actions by name; the server filters on their codes.
  const byName = (codes: string[], label: (c: string) => string) =>
    codes.map((c) => ({ value: c, label: label(c) })).sort((a, b) => a.label.localeCompare(b.label, L.lang));
  const entityOptions = byName(Object.keys(AUDIT_ENTITIES), L.auditEntity);
  const actionOptions = byName(Object.keys(AUDIT_ACTIONS), L.auditAction);
  const [f, setF] = useState({ entity: '', action: '', from: '', to: '' });
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const setFilter = (k: keyof typeof f, v: string) => {
    setF((s) => ({ ...s, [k]: v }));
    setPage(1);
  };
  const query = qs({
    entity: f.entity.trim() || undefined,
    action: f.action.trim() || undefined,
    from: startOfDay(f.from),
    to: endOfDay(f.to),
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
  const list = useQuery({
    queryKey: ['audit', query],
    queryFn: () => get<{ items: AuditEntry[]; total: number }>(`/api/audit${query}`),
    placeholderData: keepPreviousData,
  });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE)) : 1;

  return (
    <Stack>
      <Title order={2}>{t('nav.audit')}</Title>
      <Group grow align="flex-end" component="form" role="search" onSubmit={(e) => e.preventDefault()}>
        <Select
          label={t('audit.entity')}
          placeholder={t('audit.any')}
          data={entityOptions}
          value={f.entity || null}
          onChange={(v) => setFilter('entity', v ?? '')}
          clearable
          searchable
          data-testid="audit-entity-filter"
        />
        <Select
          label={t('audit.action')}
          placeholder={t('audit.any')}
          data={actionOptions}
          value={f.action || null}
          onChange={(v) => setFilter('action', v ?? '')}
          clearable
          searchable
          data-testid="audit-action-filter"
        />
        <DateField label={t('audit.from')} value={f.from} onChange={(e) => setFilter('from', e.currentTarget.value)} />
        <DateField label={t('audit.to')} value={f.to} onChange={(e) => setFilter('to', e.currentTarget.value)} />
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <Text size="sm" c="gray.7">
            {t('audit.total', { count: list.data.total })}
          </Text>
          <ScrollBox minWidth={800}>
            <Table striped highlightOnHover data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.at')}</Table.Th>
                  <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.via')}</Table.Th>
                  <Table.Th scope="col">{t('audit.action')}</Table.Th>
                  <Table.Th scope="col">{t('audit.entity')}</Table.Th>
                  <Table.Th scope="col">{t('audit.entityId')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((e) => (
                  <Table.Tr
                    key={e.id}
                    tabIndex={0}
                    style={{ cursor: 'pointer' }}
                    onClick={() => setOpen(e)}
                    onKeyDown={(ev) => {
                      if (ev.key === 'Enter' || ev.key === ' ') {
                        ev.preventDefault();
                        setOpen(e);
                      }
                    }}
                    aria-label={t('audit.openEntry', {
                      action: L.auditAction(e.action),
                      entity: L.auditEntity(e.entity),
                      id: e.entityId ?? '',
                    })}
                    data-testid="audit-row"
                  >
                    <Table.Td>{fmtDateTime(e.at, i18n.language)}</Table.Td>
                    <Table.Td>{e.actorName}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray">
                        {L.auditVia(e.via)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{L.auditAction(e.action)}</Table.Td>
                    <Table.Td>{L.auditEntity(e.entity)}</Table.Td>
                    <Table.Td>{e.entityId ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
          {list.data.items.length === 0 && <Text c="dimmed">{t('audit.empty')}</Text>}
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            getControlProps={(c) => ({ 'aria-label': c === 'previous' ? t('common.previous') : c === 'next' ? t('common.next') : c })}
          />
        </>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={open !== null}
        onClose={() => setOpen(null)}
        size="xl"
        title={open ? `${L.auditAction(open.action)} · ${L.auditEntity(open.entity)} ${open.entityId ?? ''}` : ''}
      >
        {open && (
          <Stack>
            <Text size="sm">
              {t('audit.byAt', { actor: open.actorName, via: L.auditVia(open.via), at: fmtDateTime(open.at, i18n.language) })}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="audit-diff">
              <div>
                <Title order={4} size="h6" mb={4}>
                  {t('audit.before')}
                </Title>
                <Code block style={{ maxHeight: '60vh', overflow: 'auto' }}>
                  {open.before == null ? '—' : JSON.stringify(open.before, null, 2)}
                </Code>
              </div>
              <div>
                <Title order={4} size="h6" mb={4}>
                  {t('audit.after')}
                </Title>
                <Code block style={{ maxHeight: '60vh', overflow: 'auto' }}>
                  {open.after == null ? '—' : JSON.stringify(open.after, null, 2)}
                </Code>
              </div>
            </SimpleGrid>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
