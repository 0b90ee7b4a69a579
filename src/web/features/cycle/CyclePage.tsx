// The programme cycle in the workspace, tabs addressed by the URL (?tab=due|reports|completeness|calendar): what the
// caller's organisations must report and where each report stands (a focal point starts its report here), the reports
// waiting for the caller (a coordinator's province, the office), completeness of a period with its Excel, and the
// office's calendar: periods and deadlines, who must report, the cycle's settings, closing, re-opening and revising;
// the consolidated programme report of a period (?tab=consolidated&period=…: the office and the national readers).
import { useMemo, useState, type FormEvent } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CyclePeriod } from '../../../shared/contracts/cycle';
import { useAuth } from '../../app/auth';
import { Link, navigate, setSearchParams, useSearchParams } from '../../app/router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { qs } from '../../lib/api';
import { DownloadLink } from '../../lib/TransferProgress';
import { langOf } from '../indicators/api';
import { cycleApi, useCompleteness, useCycleSettings, useCycleWrite, useDue, useGrants, usePeriods, useReports } from './api';
import { ConsolidatedSection } from './ConsolidatedSection';
import { CompletenessView, DataTable, Problem, StatusBadge } from './parts';
import { DateField } from '../../components/DateField';
import { fmtDate, vnToday } from '../../lib/format';

const TABS = ['due', 'reports', 'completeness', 'calendar', 'consolidated'] as const;
/** Who reads the consolidated report: the office and the national roles. */
const NATIONAL = ['admin', 'analyst', 'reviewer'];
type Tab = (typeof TABS)[number];

export function CyclePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('cycle.title'));
  const sp = useSearchParams();
  const tabs = TABS.filter(
    (k) => (k !== 'calendar' || me?.role === 'admin') && (k !== 'consolidated' || NATIONAL.includes(me?.role ?? '')),
  );
  const tab: Tab = (tabs as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as Tab) : 'due';
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('cycle.title')}
      </Title>
      <Text c="gray.7" size="sm">
        {t('cycle.intro')}
      </Text>
      <Tabs value={tab} onChange={(v) => navigate(`/cycle?tab=${v ?? 'due'}`)} keepMounted={false}>
        <Tabs.List>
          {tabs.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`cycle-tab-${k}`}>
              {t(`cycle.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="due" pt="md">
          <DueTab />
        </Tabs.Panel>
        <Tabs.Panel value="reports" pt="md">
          <ReportsTab />
        </Tabs.Panel>
        <Tabs.Panel value="completeness" pt="md">
          <CompletenessTab />
        </Tabs.Panel>
        {me?.role === 'admin' && (
          <Tabs.Panel value="calendar" pt="md">
            <CalendarTab />
          </Tabs.Panel>
        )}
        {NATIONAL.includes(me?.role ?? '') && (
          <Tabs.Panel value="consolidated" pt="md">
            <ConsolidatedTab />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

function usePeriodLabel() {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (p: Pick<CyclePeriod, 'label'>) => p.label[lang];
}

function DueTab() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const due = useDue();
  const label = usePeriodLabel();
  const start = useCycleWrite(({ periodId, organisationId }: { periodId: number; organisationId: number }) =>
    cycleApi.createReport(periodId, organisationId),
  );
  const canStart = me?.role === 'editor' || me?.role === 'admin';
  if (due.isPending) return <Text>{t('common.loading')}</Text>;
  if (!due.data?.length) return <Text data-testid="due-empty">{t('cycle.dueEmpty')}</Text>;
  return (
    <Stack>
      <Problem error={due.error ?? start.error} />
      <DataTable
        caption={t('cycle.dueCaption')}
        columns={[t('cycle.period'), t('cycle.organisation'), t('cycle.deadline'), t('cycle.reportStatus'), t('common.actions')]}
        testId="due-table"
      >
        {due.data.map((d) => (
          <Table.Tr key={`${d.period.id}-${d.organisationId}`}>
            <Table.Td>
              {label(d.period)}
              {d.period.close && (
                <Badge ml={6} size="xs" color="dark.6">
                  {t('cycle.closed')}
                </Badge>
              )}
            </Table.Td>
            <Table.Th scope="row">{d.organisationName}</Table.Th>
            <Table.Td>{fmtDate(d.period.deadline, i18n.language)}</Table.Td>
            <Table.Td>
              <StatusBadge status={d.report?.status ?? null} awaiting={d.report?.awaiting} />
            </Table.Td>
            <Table.Td>
              {d.report ? (
                <Anchor
                  component={Link}
                  to={`/cycle/report?id=${d.report.id}`}
                  aria-label={t('cycle.openNamed', { name: d.organisationName, period: label(d.period) })}
                >
                  {t('cycle.open')}
                </Anchor>
              ) : canStart && !d.period.close ? (
                <Button
                  size="xs"
                  loading={start.isPending}
                  data-testid="start-report"
                  aria-label={t('cycle.startNamed', { name: d.organisationName, period: label(d.period) })}
                  onClick={() =>
                    start.mutate(
                      { periodId: d.period.id, organisationId: d.organisationId },
                      { onSuccess: (r) => navigate(`/cycle/report?id=${r.id}`) },
                    )
                  }
                >
                  {t('cycle.start')}
                </Button>
              ) : (
                '—'
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}

function PeriodSelect({ value, onChange, label }: { value: number | null; onChange(id: number | null): void; label?: string }) {
  const { t } = useTranslation();
  const periods = usePeriods();
  const name = usePeriodLabel();
  return (
    <Select
      label={label ?? t('cycle.period')}
      w={260}
      clearable={!label}
      data={(periods.data ?? []).map((p) => ({ value: String(p.id), label: name(p) }))}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      data-testid="period-select"
    />
  );
}

function ReportsTab() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const sp = useSearchParams();
  const periodId = Number(sp.get('period')) || null;
  const status = sp.get('status');
  // The office and coordinators start with what waits for them.
  const awaiting = sp.get('awaiting') ?? (me?.role === 'admin' ? 'office' : me?.role === 'coordinator' ? 'province' : null);
  const list = useReports({ periodId, status, awaiting: awaiting === 'all' ? null : awaiting, limit: 200 });
  const set = (patch: Record<string, string | null>) => setSearchParams({ ...Object.fromEntries(sp), ...patch });
  return (
    <Stack>
      <Group align="flex-end">
        <PeriodSelect value={periodId} onChange={(v) => set({ period: v === null ? null : String(v) })} />
        <Select
          label={t('cycle.reportStatus')}
          clearable
          w={200}
          value={status}
          onChange={(v) => set({ status: v })}
          data={['draft', 'submitted', 'returned', 'approved', 'locked'].map((s) => ({ value: s, label: t(`cycle.status.${s}`) }))}
        />
        <Select
          label={t('cycle.awaitingLabel')}
          w={220}
          value={awaiting ?? 'all'}
          onChange={(v) => set({ awaiting: v })}
          allowDeselect={false}
          data={[
            { value: 'all', label: t('cycle.all') },
            { value: 'province', label: t('cycle.awaiting.province') },
            { value: 'office', label: t('cycle.awaiting.office') },
          ]}
        />
      </Group>
      <Problem error={list.error} />
      <DataTable
        caption={t('cycle.reportsCaption', { count: list.data?.total ?? 0 })}
        columns={[t('cycle.organisation'), t('cycle.province'), t('cycle.period'), t('cycle.reportStatus'), t('cycle.submittedAt')]}
        testId="reports-table"
      >
        {(list.data?.items ?? []).map((r) => (
          <Table.Tr key={r.id}>
            <Table.Th scope="row">
              <Anchor component={Link} to={`/cycle/report?id=${r.id}`}>
                {r.organisationName}
              </Anchor>
            </Table.Th>
            <Table.Td>{r.provinceName ?? '—'}</Table.Td>
            <Table.Td>{r.periodKey}</Table.Td>
            <Table.Td>
              <StatusBadge status={r.status} awaiting={r.awaiting} />
            </Table.Td>
            <Table.Td>{r.submittedAt ? fmtDate(r.submittedAt, i18n.language) : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}

function CompletenessTab() {
  const { t, i18n } = useTranslation();
  const sp = useSearchParams();
  const periods = usePeriods();
  const periodId = Number(sp.get('period')) || periods.data?.find((p) => p.firstDay <= vnToday())?.id || null;
  const c = useCompleteness(periodId);
  return (
    <Stack>
      <Group align="flex-end" justify="space-between">
        <PeriodSelect
          value={periodId}
          label={t('cycle.period')}
          onChange={(v) => setSearchParams({ ...Object.fromEntries(sp), period: v === null ? null : String(v) })}
        />
        {periodId && (
          <DownloadLink
            href={`/api/cycle/periods/${periodId}/completeness.xlsx${qs({ lang: langOf(i18n.language) })}`}
            testId="completeness-xlsx"
          >
            {t('cycle.completeness.excel')}
          </DownloadLink>
        )}
      </Group>
      <Problem error={c.error} />
      {c.data && <CompletenessView c={c.data} />}
    </Stack>
  );
}

function ConsolidatedTab() {
  const { t } = useTranslation();
  const sp = useSearchParams();
  const periods = usePeriods();
  const periodId = Number(sp.get('period')) || periods.data?.find((p) => p.close)?.id || null;
  return (
    <Stack>
      <PeriodSelect
        value={periodId}
        label={t('cycle.period')}
        onChange={(v) => setSearchParams({ ...Object.fromEntries(sp), period: v === null ? null : String(v) })}
      />
      {periodId ? <ConsolidatedSection periodId={periodId} /> : <Text>{t('cycle.consolidated.choose')}</Text>}
    </Stack>
  );
}

// ---------------------------------------------------------------- the office's calendar

function CalendarTab() {
  const { t, i18n } = useTranslation();
  const periods = usePeriods();
  const label = usePeriodLabel();
  const [acting, setActing] = useState<{ period: CyclePeriod; action: 'close' | 'reopen' | 'republish' | 'deadline' | 'grants' } | null>(
    null,
  );
  return (
    <Stack>
      <SettingsCard />
      <NewPeriodCard />
      <DataTable
        caption={t('cycle.calendarCaption')}
        columns={[t('cycle.period'), t('cycle.deadline'), t('cycle.officialFigures'), t('common.actions')]}
        testId="calendar-table"
        minWidth={800}
      >
        {(periods.data ?? []).map((p) => (
          <Table.Tr key={p.id} data-testid={`period-${p.key}`}>
            <Table.Th scope="row">
              {label(p)}{' '}
              <Text span size="xs" c="gray.7">
                ({fmtDate(p.firstDay, i18n.language)} → {fmtDate(p.lastDay, i18n.language)})
              </Text>
            </Table.Th>
            <Table.Td>{fmtDate(p.deadline, i18n.language)}</Table.Td>
            <Table.Td>
              {p.close ? (
                <Stack gap={2}>
                  <Text size="sm">
                    {t('cycle.closedOn', {
                      day: fmtDate(p.close.closedAt, i18n.language),
                      name: p.close.closedByName,
                      version: p.close.version,
                    })}
                  </Text>
                  {p.close.lockAfter && (
                    <Text size="xs" c="gray.7">
                      {p.close.locked
                        ? t('cycle.lockedSince', { day: fmtDate(p.close.lockAfter, i18n.language) })
                        : t('cycle.locksOn', { day: fmtDate(p.close.lockAfter, i18n.language) })}
                    </Text>
                  )}
                  <Anchor component={Link} to={`/cycle/official?period=${p.id}`} size="sm">
                    {t('cycle.seeOfficial')}
                  </Anchor>
                </Stack>
              ) : p.closable ? (
                t('cycle.open')
              ) : (
                t('cycle.review')
              )}
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {!p.close && (
                  <Button size="xs" variant="light" onClick={() => setActing({ period: p, action: 'deadline' })}>
                    {t('cycle.editDeadline')}
                  </Button>
                )}
                {!p.close && p.closable && (
                  <Button size="xs" onClick={() => setActing({ period: p, action: 'close' })} data-testid={`close-${p.key}`}>
                    {t('cycle.close')}
                  </Button>
                )}
                {p.close && (
                  <Button size="xs" variant="light" color="orange.9" onClick={() => setActing({ period: p, action: 'reopen' })}>
                    {t('cycle.reopen')}
                  </Button>
                )}
                {p.close && (
                  <Button size="xs" variant="light" onClick={() => setActing({ period: p, action: 'republish' })}>
                    {t('cycle.republish')}
                  </Button>
                )}
                {p.close?.lockAfter && (
                  <Button size="xs" variant="default" onClick={() => setActing({ period: p, action: 'grants' })}>
                    {t('cycle.grants')}
                  </Button>
                )}
                <Anchor
                  component={Link}
                  to={`/cycle?tab=consolidated&period=${p.id}`}
                  size="sm"
                  data-testid={`consolidated-${p.key}`}
                  aria-label={`${t('cycle.consolidatedLink')}: ${label(p)}`}
                >
                  {t('cycle.consolidatedLink')}
                </Anchor>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {acting && <PeriodAction {...acting} onClose={() => setActing(null)} />}
    </Stack>
  );
}

function SettingsCard() {
  const { t } = useTranslation();
  const settings = useCycleSettings();
  const save = useCycleWrite(cycleApi.settings);
  if (!settings.data) return null;
  const s = settings.data;
  return (
    <Card withBorder component="section" aria-labelledby="cycle-settings-h">
      <Title order={2} size="h4" id="cycle-settings-h">
        {t('cycle.settings.title')}
      </Title>
      <Problem error={save.error} />
      <Group align="flex-end" mt="xs">
        <Checkbox
          label={t('cycle.settings.coordinators')}
          description={t('cycle.settings.coordinatorsHint')}
          checked={s.coordinatorsEnabled}
          onChange={(e) => save.mutate({ coordinatorsEnabled: e.currentTarget.checked })}
          data-testid="coordinators-enabled"
        />
        <NumberInput
          label={t('cycle.settings.expiryDays')}
          description={t('cycle.settings.expiryHint')}
          min={0}
          max={3650}
          w={260}
          value={s.expiryDays ?? ''}
          onBlur={(e) => {
            const v = e.currentTarget.value;
            save.mutate({ expiryDays: v === '' ? null : Number(v) });
          }}
        />
      </Group>
    </Card>
  );
}

function NewPeriodCard() {
  const { t } = useTranslation();
  const [v, setV] = useState({ kind: 'yearly', year: String(new Date().getFullYear()), half: '1', deadline: '' });
  const create = useCycleWrite(cycleApi.createPeriod);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      kind: v.kind,
      ...(v.kind === 'yearly' || v.kind === 'half_yearly' ? { year: Number(v.year) } : {}),
      ...(v.kind === 'half_yearly' ? { half: Number(v.half) } : {}),
      deadline: v.deadline,
    });
  };
  return (
    <Card withBorder component="section" aria-labelledby="new-period-h">
      <Title order={2} size="h4" id="new-period-h">
        {t('cycle.newPeriod')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Problem error={create.error} />
        <Group align="flex-end" mt="xs">
          <Select
            label={t('cycle.kind')}
            w={220}
            allowDeselect={false}
            value={v.kind}
            onChange={(k) => k && setV({ ...v, kind: k })}
            data={['yearly', 'half_yearly', 'midterm', 'final'].map((k) => ({ value: k, label: t(`cycle.kinds.${k}`) }))}
          />
          {(v.kind === 'yearly' || v.kind === 'half_yearly') && (
            <Select
              label={t('cycle.year')}
              w={120}
              allowDeselect={false}
              value={v.year}
              onChange={(y) => y && setV({ ...v, year: y })}
              data={['2023', '2024', '2025', '2026', '2027', '2028']}
            />
          )}
          {v.kind === 'half_yearly' && (
            <Select
              label={t('cycle.half')}
              w={120}
              allowDeselect={false}
              value={v.half}
              onChange={(h) => h && setV({ ...v, half: h })}
              data={[
                { value: '1', label: '1' },
                { value: '2', label: '2' },
              ]}
            />
          )}
          <DateField
            label={t('cycle.deadline')}
            required
            value={v.deadline}
            onChange={(e) => setV({ ...v, deadline: e.currentTarget.value })}
          />
          <Button type="submit" loading={create.isPending}>
            {t('cycle.addPeriod')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

function PeriodAction({
  period,
  action,
  onClose,
}: {
  period: CyclePeriod;
  action: 'close' | 'reopen' | 'republish' | 'deadline' | 'grants';
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [reason, setReason] = useState('');
  const [deadline, setDeadline] = useState(period.deadline);
  const [expiry, setExpiry] = useState<string | number>('');
  const run = useCycleWrite(async () => {
    if (action === 'close') return cycleApi.close(period.id, expiry === '' ? {} : { expiryDays: Number(expiry) });
    if (action === 'reopen') return cycleApi.reopen(period.id, reason);
    if (action === 'republish') return cycleApi.republish(period.id, reason);
    return cycleApi.updatePeriod(period.id, { deadline });
  });
  const title = t(`cycle.actions.${action}`, { period: period.label[lang] });
  if (action === 'grants') return <GrantsModal period={period} onClose={onClose} />;
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={onClose} title={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate(undefined, { onSuccess: onClose });
        }}
        noValidate
      >
        <Stack>
          <Problem error={run.error} />
          {action === 'close' && <Text size="sm">{t('cycle.closeExplained')}</Text>}
          {action === 'close' && (
            <NumberInput
              label={t('cycle.settings.expiryDays')}
              description={t('cycle.expiryOnClose')}
              min={0}
              max={3650}
              value={expiry}
              onChange={setExpiry}
            />
          )}
          {(action === 'reopen' || action === 'republish') && (
            <Textarea
              label={t('cycle.reason')}
              required
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="reason"
            />
          )}
          {action === 'deadline' && (
            <DateField label={t('cycle.deadline')} value={deadline} onChange={(e) => setDeadline(e.currentTarget.value)} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={run.isPending} data-testid="confirm-action">
              {t(`cycle.confirm.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function GrantsModal({ period, onClose }: { period: CyclePeriod; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const grants = useGrants(period.id);
  const due = useDue();
  const [v, setV] = useState({ organisationId: null as string | null, until: '', reason: '' });
  const grant = useCycleWrite(() =>
    cycleApi.grant(period.id, { organisationId: Number(v.organisationId), until: v.until, reason: v.reason }),
  );
  const revoke = useCycleWrite((id: number) => cycleApi.revoke(period.id, id));
  const orgs = useMemo(
    () =>
      [...new Map((due.data ?? []).map((d) => [d.organisationId, d.organisationName])).entries()].map(([id, name]) => ({
        value: String(id),
        label: name,
      })),
    [due.data],
  );
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      size="lg"
      title={t('cycle.grantsTitle', { period: period.label[langOf(i18n.language)] })}
    >
      <Stack>
        <Text size="sm">{t('cycle.grantsExplained')}</Text>
        <Problem error={grant.error ?? revoke.error} />
        {(grants.data ?? []).map((g) => (
          <Group key={g.id} justify="space-between">
            <Text size="sm">
              {g.organisationName} — {t('cycle.until', { day: fmtDate(g.until, i18n.language) })} — {g.reason}
              {g.revokedAt ? ` (${t('cycle.revoked')})` : ''}
            </Text>
            {!g.revokedAt && (
              <Button size="xs" variant="light" color="red.9" onClick={() => revoke.mutate(g.id)}>
                {t('cycle.revoke')}
              </Button>
            )}
          </Group>
        ))}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            grant.mutate(undefined);
          }}
          noValidate
        >
          <Group align="flex-end">
            <Select
              label={t('cycle.organisation')}
              searchable
              w={260}
              data={orgs}
              value={v.organisationId}
              onChange={(o) => setV({ ...v, organisationId: o })}
            />
            <DateField label={t('cycle.untilLabel')} value={v.until} onChange={(e) => setV({ ...v, until: e.currentTarget.value })} />
            <TextInput label={t('cycle.reason')} value={v.reason} onChange={(e) => setV({ ...v, reason: e.currentTarget.value })} />
            <Button type="submit" loading={grant.isPending}>
              {t('cycle.grant')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Modal>
  );
}
