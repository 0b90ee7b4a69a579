// Plans and budgets in the workspace: the list of plans the reader sees (by year and status), starting a plan (empty,
// from its kind's template or a copy of last year's), the Excel template, export and import, and a plan's page
// (PlanView: ?id=).
import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Anchor, Badge, Button, Group, Modal, Pagination, Radio, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { workspacePage } from '../../../shared/contracts/links';
import { PLAN_STARTS, PLAN_STATUSES, type PlanDetail, type PlanStatus } from '../../../shared/contracts/plans';
import { useAuth } from '../../app/auth';
import { Link, navigate, setSearchParams, useSearchParams } from '../../app/router';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { fieldErrorsOf, post, qs } from '../../lib/api';
import { useOrgTree } from '../organisations/api';
import { ImportPanel } from '../organisations/ImportPanel';
import { orgLabel } from '../organisations/OrgTree';
import { canWriteOrg, indexTree } from '../organisations/tree';
import { canMakePlans, defaultYear, formatVnd, planKeys, PLAN_YEARS, usePlans } from './api';
import { PlanDeadlines } from './PlanDeadlines';
import { PlanView } from './PlanView';
import { ScrollTable } from '../../components/ScrollTable';

export function PlansPage() {
  const sp = useSearchParams();
  const id = Number(sp.get('id')) || null;
  return id ? <PlanView key={id} id={id} /> : <PlanList sp={sp} />;
}

const PAGE = 100;
const STATUS_COLOR: Record<string, string> = {
  draft: 'gray',
  submitted: 'blue',
  returned: 'orange',
  approved: 'green',
  superseded: 'gray',
};
export function PlanStatusBadge({ status, awaiting = null }: { status: PlanStatus; awaiting?: 'province' | 'office' | null }) {
  const { t } = useTranslation();
  // a dot and the word (never colour alone), in text colour for contrast
  return (
    <Badge
      variant="dot"
      color={STATUS_COLOR[status] ?? 'gray'}
      data-testid="plan-status"
      styles={{
        root: { minWidth: 'max-content', overflow: 'visible' },
        label: { color: 'var(--mantine-color-text)', overflow: 'visible' },
      }}
    >
      {t(`plans.statuses.${status}`)}
      {status === 'submitted' && awaiting ? ` · ${t(`plans.awaiting.${awaiting}`)}` : ''}
    </Badge>
  );
}

function PlanList({ sp }: { sp: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('plans.title'));
  const year = sp.get('year') ?? '';
  const status = sp.get('status') ?? '';
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const list = usePlans({ year: year || undefined, status: status || undefined, limit: PAGE, offset: (page - 1) * PAGE });
  const [creating, setCreating] = useState(false);
  const items = list.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('plans.title')}</Title>
        <Group>
          <Anchor component={Link} to="/plans/summary" data-testid="plans-summary-link">
            {t('plans.summaryLink')}
          </Anchor>
          {canMakePlans(me) && (
            <Button onClick={() => setCreating(true)} data-testid="new-plan">
              {t('plans.new')}
            </Button>
          )}
        </Group>
      </Group>
      <Text c="dimmed">{t('plans.intro')}</Text>
      <PlanDeadlines year={year} />
      <Group align="end">
        <Select
          label={t('plans.year')}
          placeholder={t('plans.allYears')}
          clearable
          data={PLAN_YEARS.map(String)}
          value={year || null}
          onChange={(v) => setSearchParams({ ...Object.fromEntries(sp), year: v, page: null })}
          data-testid="plans-year"
        />
        <Select
          label={t('plans.status')}
          placeholder={t('plans.allStatuses')}
          clearable
          data={PLAN_STATUSES.filter((s) => s !== 'superseded').map((s) => ({ value: s, label: t(`plans.statuses.${s}`) }))}
          value={status || null}
          onChange={(v) => setSearchParams({ ...Object.fromEntries(sp), status: v, page: null })}
        />
      </Group>
      <ErrorAlert error={list.error} />
      <Text size="sm" aria-live="polite">
        {t('plans.count', { count: list.data?.total ?? 0 })}
      </Text>
      {list.data && !items.length && <Text c="dimmed">{t('plans.none')}</Text>}
      {items.length > 0 && (
        <ScrollTable striped highlightOnHover data-testid="plan-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('plans.organisation')}</Table.Th>
              <Table.Th scope="col">{t('plans.year')}</Table.Th>
              <Table.Th scope="col">{t('plans.status')}</Table.Th>
              <Table.Th scope="col">{t('plans.version')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('plans.planned')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('plans.spent')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Link to={workspacePage.plan(p.id)}>{p.organisationName}</Link>
                  {p.isDemo && (
                    <Badge ml="xs" size="xs" color="grape">
                      {t('common.demo')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{p.year}</Table.Td>
                <Table.Td>
                  <PlanStatusBadge status={p.status} awaiting={p.awaiting} />
                </Table.Td>
                <Table.Td>{p.version}</Table.Td>
                <Table.Td ta="right">{formatVnd(p.planned, i18n.language)}</Table.Td>
                <Table.Td ta="right">{formatVnd(p.spent, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {(list.data?.total ?? 0) > PAGE && (
        <Pagination
          total={Math.ceil((list.data?.total ?? 0) / PAGE)}
          value={page}
          onChange={(n) => setSearchParams({ ...Object.fromEntries(sp), page: String(n) })}
        />
      )}
      <ImportPanel
        canImport={canMakePlans(me)}
        // a focal point's template comes pre-filled with the suggested activities of its organisation's kind
        paths={{
          template: `/api/plans/import-template.xlsx${qs(me?.role === 'editor' && me.organisationId ? { organisationId: me.organisationId, year: year || defaultYear() } : {})}`,
          export: `/api/plans/export.xlsx${qs({ year })}`,
          import: '/api/plans/import',
        }}
        invalidate={planKeys.all}
      />
      {creating && <NewPlan onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function NewPlan({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const tree = useOrgTree();
  const writable = useMemo(() => {
    const nodes = tree.data ?? [];
    const idx = indexTree(nodes);
    return nodes.filter((n) => n.active && canWriteOrg(me, idx, n.id)).sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi'));
  }, [tree.data, me]);
  const [organisationId, setOrganisationId] = useState<string | null>(
    me?.role === 'editor' && me.organisationId ? String(me.organisationId) : null,
  );
  const [year, setYear] = useState<string>(String(defaultYear()));
  const [start, setStart] = useState<string>('template');
  const create = useMutation({
    mutationFn: () => post<PlanDetail>('/api/plans', { organisationId: Number(organisationId), year: Number(year), start }),
    onSuccess: async (p) => {
      await qc.invalidateQueries({ queryKey: planKeys.all });
      onClose();
      navigate(workspacePage.plan(p.id));
    },
  });
  const errors = fieldErrorsOf(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('plans.new')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit}>
        <Stack>
          <Select
            label={t('plans.organisation')}
            required
            searchable
            filter={foldFilter}
            data-testid="new-plan-org"
            data={writable.map((n) => ({ value: String(n.id), label: orgLabel(n, i18n.language) }))}
            value={organisationId}
            onChange={setOrganisationId}
            error={errors.organisationId}
          />
          <Select
            label={t('plans.year')}
            required
            data={PLAN_YEARS.map(String)}
            value={year}
            onChange={(v) => setYear(v ?? String(defaultYear()))}
            error={errors.year}
            data-testid="new-plan-year"
          />
          <Radio.Group label={t('plans.start.label')} value={start} onChange={setStart} error={errors.start}>
            <Stack gap={4} mt={4}>
              {PLAN_STARTS.map((s) => (
                <Radio key={s} value={s} label={t(`plans.start.${s}`)} data-testid={`new-plan-start-${s}`} />
              ))}
            </Stack>
          </Radio.Group>
          {create.error != null && (
            <Alert color="red" role="alert">
              {errorMessage(create.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!organisationId} data-testid="new-plan-create">
              {t('plans.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
