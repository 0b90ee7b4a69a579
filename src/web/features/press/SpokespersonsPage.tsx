// Spokespersons (T1): per organisation, current and past appointments; create, edit, end an appointment.
import { useMemo, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { fold } from '../../../shared/text';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Spokesperson, SpokespersonInput } from '../../../shared/contracts/press';
import { useAuth } from '../../app/auth';
import { ApiError, post, put } from '../../lib/api';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useOrgTree } from '../organisations/api';
import { orgLabel } from '../organisations/OrgTree';
import { indexTree } from '../organisations/tree';
import { fieldErrorsOf, pressKeys, useSpokespersons, vnToday, writableOrgs } from './api';
import { PressTabs } from './PressTabs';
import { usePressImport } from './PressImport';
import { FormActions } from '../../components/FormActions';
import { ScrollBox } from '../../components/ScrollTable';
import { DateField } from '../../components/DateField';
import { fmtDate } from '../../lib/format';

/** Appointments shown at a time. */
const SPOKES_PAGE = 25;

const isCurrent = (s: Spokesperson, today: string) => s.validFrom <= today && (!s.validTo || s.validTo >= today);

export function SpokespersonsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('press.tabs.spokespersons'));
  const tree = useOrgTree();
  const nodes = useMemo(() => tree.data ?? [], [tree.data]);
  const idx = useMemo(() => indexTree(nodes), [nodes]);
  const writable = useMemo(() => writableOrgs(me, idx, nodes), [me, idx, nodes]);
  const writableIds = useMemo(() => new Set(writable.map((o) => o.id)), [writable]);
  const [orgId, setOrgId] = useState<number | null>(me?.organisationId ?? null);
  const list = useSpokespersons(orgId);
  const [editing, setEditing] = useState<Spokesperson | 'new' | null>(null);
  const [ending, setEnding] = useState<Spokesperson | null>(null);
  const today = vnToday();
  const orgOptions = useMemo(
    () =>
      nodes
        .map((o) => ({ value: String(o.id), label: `${orgLabel(o, i18n.language)} (${o.code})` }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    [nodes, i18n.language],
  );
  const sorted = useMemo(
    () =>
      [...(list.data ?? [])].sort(
        (a, b) =>
          a.organisationName.localeCompare(b.organisationName, 'vi') ||
          Number(isCurrent(b, today)) - Number(isCurrent(a, today)) ||
          b.validFrom.localeCompare(a.validFrom),
      ),
    [list.data, today],
  );
  // Search (diacritics optional) and current/past, then a page at a time: a ministry may list hundreds of appointments.
  const [search, setSearch] = useState('');
  const [state, setState] = useState<'all' | 'current' | 'past'>('all');
  const [page, setPage] = useState(0);
  const excel = usePressImport('spokespersons', writable.length > 0);
  const shown = useMemo(() => {
    const q = fold(search.trim());
    return sorted.filter(
      (s) =>
        (state === 'all' || (state === 'current') === isCurrent(s, today)) &&
        (!q || [s.fullName, s.position ?? '', s.organisationName].some((x) => fold(x).includes(q))),
    );
  }, [sorted, search, state, today]);
  const pages = Math.max(1, Math.ceil(shown.length / SPOKES_PAGE));
  const current = Math.min(page, pages - 1);
  const rows = shown.slice(current * SPOKES_PAGE, (current + 1) * SPOKES_PAGE);

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap="xs">
          <PressTabs title={t('nav.press')} />
        </Stack>
        {writable.length > 0 && (
          <Group gap="sm">
            {excel.button}
            <Button onClick={() => setEditing('new')} data-testid="new-spokesperson">
              {t('press.spokes.new')}
            </Button>
          </Group>
        )}
      </Group>
      {excel.panel}
      <Paper withBorder p="md">
        <Select
          label={t('press.fields.organisation')}
          placeholder={t('press.items.all')}
          clearable
          searchable
          filter={foldFilter}
          limit={100}
          maw={600}
          nothingFoundMessage={t('common.nothingFound')}
          data={orgOptions}
          value={orgId === null ? null : String(orgId)}
          onChange={(v) => {
            setOrgId(v ? Number(v) : null);
            setPage(0);
          }}
        />
        <Group align="flex-end" mt="sm">
          <TextInput
            type="search"
            label={t('press.spokes.search')}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(0);
            }}
            w={320}
            maw="100%"
            data-testid="spokes-search"
          />
          <div>
            <Text size="sm" fw={500} mb={4} id="spokes-state-label">
              {t('press.spokes.state')}
            </Text>
            <SegmentedControl
              aria-labelledby="spokes-state-label"
              value={state}
              onChange={(v) => {
                setState(v as 'all' | 'current' | 'past');
                setPage(0);
              }}
              data={[
                { value: 'all', label: t('press.spokes.stateAll') },
                { value: 'current', label: t('press.spokes.current') },
                { value: 'past', label: t('press.spokes.past') },
              ]}
              data-testid="spokes-state"
            />
          </div>
        </Group>
      </Paper>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <ScrollBox minWidth={900}>
          <Table striped data-testid="spokespersons-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('press.fields.organisation')}</Table.Th>
                <Table.Th scope="col">{t('press.spokes.fullName')}</Table.Th>
                <Table.Th scope="col">{t('press.spokes.position')}</Table.Th>
                <Table.Th scope="col">{t('press.spokes.decision')}</Table.Th>
                <Table.Th scope="col">{t('press.spokes.validity')}</Table.Th>
                <Table.Th scope="col">{t('press.spokes.contact')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}>{t('common.nothingFound')}</Table.Td>
                </Table.Tr>
              )}
              {rows.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.organisationName}</Table.Td>
                  <Table.Td>
                    {s.fullName}{' '}
                    {isCurrent(s, today) ? (
                      <Text span size="xs" fw={600}>
                        ({t('press.spokes.current')})
                      </Text>
                    ) : (
                      <Text span size="xs" fw={600}>
                        ({t('press.spokes.past')})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{s.position ?? '—'}</Table.Td>
                  <Table.Td>
                    {[s.decisionNumber, s.decisionDate && fmtDate(s.decisionDate, i18n.language)].filter(Boolean).join(' · ') || '—'}
                  </Table.Td>
                  <Table.Td>
                    {fmtDate(s.validFrom, i18n.language)} → {s.validTo ? fmtDate(s.validTo, i18n.language) : '…'}
                  </Table.Td>
                  <Table.Td>
                    {s.email && (
                      <div>
                        {s.email}{' '}
                        {s.emailPublic && (
                          <Text span size="xs" c="gray.7">
                            ({t('press.spokes.public')})
                          </Text>
                        )}
                      </div>
                    )}
                    {s.phone && (
                      <div>
                        {s.phone}{' '}
                        {s.phonePublic && (
                          <Text span size="xs" c="gray.7">
                            ({t('press.spokes.public')})
                          </Text>
                        )}
                      </div>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {writableIds.has(s.organisationId) && (
                      <Group gap={4} wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => setEditing(s)}>
                          {t('common.edit')}
                        </Button>
                        {(!s.validTo || s.validTo >= today) && (
                          <Button size="xs" variant="light" color="red" onClick={() => setEnding(s)}>
                            {t('press.spokes.end')}
                          </Button>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      )}
      {list.data && shown.length > 0 && (
        <Group justify="space-between">
          <Text size="sm" role="status" data-testid="spokes-range">
            {t('press.spokes.range', {
              from: current * SPOKES_PAGE + 1,
              to: current * SPOKES_PAGE + rows.length,
              total: shown.length,
            })}
          </Text>
          {pages > 1 && (
            <Group gap="xs">
              <Button variant="default" size="compact-sm" disabled={current === 0} onClick={() => setPage(current - 1)}>
                {t('common.previous')}
              </Button>
              <Button variant="default" size="compact-sm" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
                {t('common.next')}
              </Button>
            </Group>
          )}
        </Group>
      )}
      {editing && (
        <SpokespersonForm
          spoke={editing === 'new' ? null : editing}
          orgOptions={orgOptions.filter((o) => writableIds.has(Number(o.value)))}
          defaultOrgId={orgId !== null && writableIds.has(orgId) ? orgId : (me?.organisationId ?? null)}
          onClose={() => setEditing(null)}
        />
      )}
      {ending && <EndForm spoke={ending} onClose={() => setEnding(null)} />}
    </Stack>
  );
}

const FIELDS = ['organisationId', 'fullName', 'position', 'decisionNumber', 'decisionDate', 'validFrom', 'validTo', 'email', 'phone'];

function SpokespersonForm({
  spoke,
  orgOptions,
  defaultOrgId,
  onClose,
}: {
  spoke: Spokesperson | null;
  orgOptions: { value: string; label: string }[];
  defaultOrgId: number | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const [v, setV] = useState({
    organisationId: spoke?.organisationId ?? defaultOrgId,
    fullName: spoke?.fullName ?? '',
    position: spoke?.position ?? '',
    decisionNumber: spoke?.decisionNumber ?? '',
    decisionDate: spoke?.decisionDate ?? '',
    validFrom: spoke?.validFrom ?? vnToday(),
    validTo: spoke?.validTo ?? '',
    email: spoke?.email ?? '',
    emailPublic: spoke?.emailPublic ?? false,
    phone: spoke?.phone ?? '',
    phonePublic: spoke?.phonePublic ?? false,
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((s) => ({ ...s, [k]: value }));
  const save = useMutation({
    mutationFn: (input: SpokespersonInput) =>
      spoke ? put<Spokesperson>(`/api/press/spokespersons/${spoke.id}`, input) : post<Spokesperson>('/api/press/spokespersons', input),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: pressKeys.all });
      onClose();
    },
  });
  const fe = fieldErrorsOf(save.error);
  const other = save.error instanceof ApiError ? save.error.issues.filter((i) => !FIELDS.includes(i.field)) : [];
  const blank = (s: string) => (s.trim() === '' ? null : s.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      organisationId: v.organisationId ?? 0,
      fullName: v.fullName.trim(),
      position: blank(v.position),
      decisionNumber: blank(v.decisionNumber),
      decisionDate: blank(v.decisionDate),
      validFrom: v.validFrom,
      validTo: blank(v.validTo),
      email: blank(v.email),
      emailPublic: v.emailPublic,
      phone: blank(v.phone),
      phonePublic: v.phonePublic,
    });
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={spoke ? t('press.spokes.editTitle') : t('press.spokes.newTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate data-testid="spokesperson-form">
        <Stack gap="sm">
          {save.error != null && (
            <Alert color="red" role="alert">
              {errorMessage(save.error)}
              {other.map((i, n) => (
                <div key={n}>
                  {i.field}: {i.message}
                </div>
              ))}
            </Alert>
          )}
          <Select
            label={t('press.fields.organisation')}
            required
            searchable
            filter={foldFilter}
            limit={100}
            nothingFoundMessage={t('common.nothingFound')}
            data={orgOptions}
            value={v.organisationId === null ? null : String(v.organisationId)}
            onChange={(x) => set('organisationId', x ? Number(x) : null)}
            error={fe.organisationId}
          />
          <TextInput
            label={t('press.spokes.fullName')}
            required
            value={v.fullName}
            onChange={(e) => set('fullName', e.currentTarget.value)}
            error={fe.fullName}
          />
          <TextInput
            label={t('press.spokes.position')}
            value={v.position}
            onChange={(e) => set('position', e.currentTarget.value)}
            error={fe.position}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('press.spokes.decisionNumber')}
              value={v.decisionNumber}
              onChange={(e) => set('decisionNumber', e.currentTarget.value)}
              error={fe.decisionNumber}
            />
            <DateField
              label={t('press.spokes.decisionDate')}
              value={v.decisionDate}
              onChange={(e) => set('decisionDate', e.currentTarget.value)}
              error={fe.decisionDate}
            />
          </Group>
          <Group grow align="flex-start">
            <DateField
              label={t('press.spokes.validFrom')}
              required
              value={v.validFrom}
              onChange={(e) => set('validFrom', e.currentTarget.value)}
              error={fe.validFrom}
            />
            <DateField
              label={t('press.spokes.validTo')}
              value={v.validTo}
              onChange={(e) => set('validTo', e.currentTarget.value)}
              error={fe.validTo}
            />
          </Group>
          <Group grow align="flex-end">
            <TextInput
              type="email"
              label={t('press.spokes.email')}
              value={v.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={fe.email}
            />
            <Checkbox
              label={t('press.spokes.emailPublic')}
              checked={v.emailPublic}
              onChange={(e) => set('emailPublic', e.currentTarget.checked)}
              mb={8}
            />
          </Group>
          <Group grow align="flex-end">
            <TextInput
              type="tel"
              label={t('press.spokes.phone')}
              value={v.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              error={fe.phone}
            />
            <Checkbox
              label={t('press.spokes.phonePublic')}
              checked={v.phonePublic}
              onChange={(e) => set('phonePublic', e.currentTarget.checked)}
              mb={8}
            />
          </Group>
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

function EndForm({ spoke, onClose }: { spoke: Spokesperson; onClose(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [validTo, setValidTo] = useState(vnToday());
  const end = useMutation({
    mutationFn: () => post<Spokesperson>(`/api/press/spokespersons/${spoke.id}/end`, { validTo }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: pressKeys.all });
      onClose();
    },
  });
  const fe = fieldErrorsOf(end.error);
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('press.spokes.endTitle', { name: spoke.fullName })}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          end.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <ErrorAlert error={end.error} />
          <DateField
            label={t('press.spokes.validTo')}
            required
            value={validTo}
            onChange={(e) => setValidTo(e.currentTarget.value)}
            error={fe.validTo}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={end.isPending}>
              {t('press.spokes.end')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
