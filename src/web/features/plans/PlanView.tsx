// A plan's page: its activities with their budget by source (and spending, once approved), the office's comments when
// it was returned, the next step the reader may take (add or change activities, submit, return or approve, start a new
// version), every earlier version read-only, the spending recorded against the approved plan and the history.
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  FUNDING_SOURCES,
  type Activity,
  type ActivityInput,
  type PlanDetail,
  type PlanVersion,
  type SpendingEntry,
} from '../../../shared/contracts/plans';
import { useAuth } from '../../app/auth';
import { Link } from '../../app/router';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { api, ApiError, fieldErrorsOf, post, put } from '../../lib/api';
import { ActivityForm, toInput } from './ActivityForm';
import { formatShare, formatVnd, planKeys, usePlan, usePlanHistory, usePlanVersion, useSpending } from './api';
import { PlanStatusBadge } from './PlansPage';
import { ScrollBox, ScrollTable } from '../../components/ScrollTable';
import { DateField } from '../../components/DateField';
import { fmtDate, fmtDateTime } from '../../lib/format';

/** The field errors of one activity of a save (`activities.N.field` → `field`), and those of the whole list. */
function activityErrors(err: unknown, index: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, m] of Object.entries(fieldErrorsOf(err))) {
    const prefix = `activities.${index}.`;
    if (k.startsWith(prefix)) out[k.slice(prefix.length)] = m;
  }
  return out;
}

export function PlanView({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const { me } = useAuth();
  const plan = usePlan(id);
  const p = plan.data;
  useDocumentTitle(p ? `${p.organisationName} — ${p.year}` : t('plans.title'));
  const [viewing, setViewing] = useState<number | null>(null);
  const older = usePlanVersion(id, viewing !== null && p && viewing !== p.version ? viewing : null);
  const [editing, setEditing] = useState<{ index: number; activity: ActivityInput | null } | null>(null);
  const [returning, setReturning] = useState(false);

  const refresh = async (d?: PlanDetail) => {
    if (d) qc.setQueryData(planKeys.one(id), d);
    await qc.invalidateQueries({ queryKey: planKeys.all });
  };
  const save = useMutation({
    mutationFn: (activities: ActivityInput[]) =>
      put<PlanDetail>(`/api/plans/${id}/activities`, { activities, note: p?.current.note ?? null }),
    onSuccess: async (d) => {
      setEditing(null);
      await refresh(d);
    },
  });
  const step = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) => post<PlanDetail>(`/api/plans/${id}/${path}`, body),
    onSuccess: async (d) => {
      setReturning(false);
      setViewing(null);
      await refresh(d);
    },
  });

  if (plan.error) return <ErrorAlert error={plan.error} />;
  if (!p) return <Text>{t('common.loading')}</Text>;
  const shown: PlanVersion = viewing !== null && viewing !== p.version && older.data ? older.data : p.current;
  const isCurrent = shown.version === p.version;
  const editable = isCurrent && p.can.edit;
  // a coordinator deciding first: approving sends the plan on to the programme office
  const forProvince = me?.role === 'coordinator' && p.awaiting === 'province';
  const current = p.current.activities.map(toInput);
  const saveAt = (index: number, a: ActivityInput | null) => {
    const next = [...current];
    if (a === null) next.splice(index, 1);
    else if (index >= next.length) next.push(a);
    else next[index] = a;
    save.mutate(next);
  };
  const saveError =
    save.error instanceof ApiError && save.error.code === 'validation_failed' && editing
      ? null
      : save.error
        ? errorMessage(save.error)
        : null;

  return (
    <Stack>
      <Anchor component={Link} to="/plans">
        {t('plans.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1} data-testid="plan-title">
            {p.organisationName} — {p.year}
          </Title>
          <Group gap="xs">
            <PlanStatusBadge status={p.status} />
            <Text size="sm">{t('plans.versionOf', { v: p.version })}</Text>
            {p.approvedVersion !== null && p.approvedVersion !== p.version && (
              <Text size="sm" c="dimmed">
                {t('plans.inForce', { v: p.approvedVersion })}
              </Text>
            )}
            {p.isDemo && (
              <Badge size="xs" color="grape">
                {t('common.demo')}
              </Badge>
            )}
          </Group>
        </Stack>
        {p.versions.length > 1 && (
          <Select
            label={t('plans.version')}
            w={260}
            allowDeselect={false}
            data-testid="plan-version-select"
            data={p.versions.map((v) => ({
              value: String(v.version),
              label: t('plans.versionLabel', { v: v.version, status: t(`plans.statuses.${v.status}`) }),
            }))}
            value={String(shown.version)}
            onChange={(x) => setViewing(x ? Number(x) : null)}
          />
        )}
      </Group>
      {!isCurrent && (
        <Alert color="gray" data-testid="plan-old-version">
          {t('plans.oldVersion', { v: shown.version })}
        </Alert>
      )}
      {isCurrent && p.status === 'returned' && (
        <Alert color="orange" title={t('plans.returned')} data-testid="plan-returned">
          <Text size="sm">{t('plans.returnedHint')}</Text>
          <Text size="sm" fw={600} mt="xs" style={{ whiteSpace: 'pre-wrap' }} data-testid="plan-return-comment">
            {p.current.decisionComment}
          </Text>
          {p.current.activityComments.length > 0 && (
            <List size="sm" mt="xs">
              {p.current.activityComments.map((c) => (
                <List.Item key={c.no}>
                  #{c.no}: {c.comment}
                </List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {isCurrent && p.status === 'submitted' && (
        <Alert color="blue" data-testid="plan-awaiting">
          {t(p.awaiting === 'province' ? 'plans.awaitingProvinceHint' : 'plans.submittedHint', { province: p.provinceCode ?? '' })}
        </Alert>
      )}
      {isCurrent && p.status === 'approved' && p.can.revise && <Alert color="green">{t('plans.reviseHint')}</Alert>}
      <ErrorAlert error={step.error} />
      {!editing && saveError && (
        <Alert color="red" role="alert">
          {saveError}
        </Alert>
      )}

      <Card withBorder component="section" aria-labelledby="plan-activities-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="plan-activities-title">
            {t('plans.activities')}
          </Title>
          {editable && (
            <Button
              variant="light"
              onClick={() => {
                save.reset();
                setEditing({ index: current.length, activity: null });
              }}
              data-testid="add-activity"
            >
              {t('plans.addActivity')}
            </Button>
          )}
        </Group>
        <ActivitiesTable
          version={shown}
          editable={editable}
          showSpent={p.approvedVersion !== null}
          lang={lang}
          onEdit={(i) => {
            save.reset();
            setEditing({ index: i, activity: current[i]! });
          }}
          onRemove={(i) => saveAt(i, null)}
        />
      </Card>

      {isCurrent && (
        <Group>
          {p.can.submit && (
            <Button onClick={() => step.mutate({ path: 'submit' })} loading={step.isPending} data-testid="plan-submit">
              {t('plans.submit')}
            </Button>
          )}
          {p.can.decide && (
            <Button
              color="green"
              onClick={() => step.mutate({ path: 'approve', body: {} })}
              loading={step.isPending}
              data-testid="plan-approve"
            >
              {t(forProvince ? 'plans.approveForProvince' : 'plans.approve')}
            </Button>
          )}
          {p.can.decide && (
            <Button color="orange" variant="light" onClick={() => setReturning(true)} data-testid="plan-return">
              {t('plans.return')}
            </Button>
          )}
          {p.can.revise && (
            <Button variant="light" onClick={() => step.mutate({ path: 'revise' })} loading={step.isPending} data-testid="plan-revise">
              {t('plans.revise')}
            </Button>
          )}
        </Group>
      )}

      {p.approvedVersion !== null && <SpendingCard plan={p} />}
      <History id={id} />

      {editing && (
        <ActivityForm
          year={p.year}
          activity={editing.activity}
          saving={save.isPending}
          onClose={() => setEditing(null)}
          errors={activityErrors(save.error, editing.index)}
          error={save.error ? errorMessage(save.error) : null}
          onSave={(a) => saveAt(editing.index, a)}
        />
      )}
      {returning && (
        <ReturnModal
          plan={p}
          pending={step.isPending}
          error={step.error}
          onClose={() => setReturning(false)}
          onReturn={(body) => step.mutate({ path: 'return', body })}
        />
      )}
    </Stack>
  );
}

function ActivitiesTable({
  version,
  editable,
  showSpent,
  lang,
  onEdit,
  onRemove,
}: {
  version: PlanVersion;
  editable: boolean;
  showSpent: boolean;
  lang: string;
  onEdit(i: number): void;
  onRemove(i: number): void;
}) {
  const { t } = useTranslation();
  if (!version.activities.length)
    return (
      <Text c="dimmed" data-testid="plan-no-activities">
        {t('plans.noActivities')}
      </Text>
    );
  const month = (m: string) => `${+m.slice(5, 7)}/${m.slice(0, 4)}`;
  return (
    <ScrollBox minWidth={900}>
      <Table striped verticalSpacing="xs" data-testid="plan-activities">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('plans.activity.no')}</Table.Th>
            <Table.Th scope="col">{t('plans.activity.title')}</Table.Th>
            <Table.Th scope="col">{t('plans.activity.targets')}</Table.Th>
            <Table.Th scope="col">{t('plans.activity.months')}</Table.Th>
            {FUNDING_SOURCES.map((s) => (
              <Table.Th scope="col" key={s} ta="right">
                {t(`plans.sourceShort.${s}`)}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right">
              {t('plans.activity.total')}
            </Table.Th>
            {showSpent && (
              <Table.Th scope="col" ta="right">
                {t('plans.spent')}
              </Table.Th>
            )}
            {editable && (
              <Table.Th scope="col">
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {version.activities.map((a: Activity, i) => (
            <Table.Tr key={a.no} data-testid={`activity-row-${a.no}`}>
              <Table.Td>#{a.no}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {a.title}
                </Text>
                {a.expectedOutputs && (
                  <Text size="xs" c="dimmed">
                    {t('plans.activity.expectedOutputs')}: {a.expectedOutputs}
                  </Text>
                )}
                {a.audiences.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('plans.activity.audiences')}: {a.audiences.join(', ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {a.targets.map((x) => (
                  <Badge key={x} size="sm" variant="outline" mr={4} tt="none" title={t(`plans.targets.${x}`)}>
                    {x}
                  </Badge>
                ))}
              </Table.Td>
              <Table.Td>
                {month(a.startMonth)}–{month(a.endMonth)}
              </Table.Td>
              {FUNDING_SOURCES.map((s) => (
                <Table.Td key={s} ta="right">
                  {formatVnd(a.budget[s], lang)}
                </Table.Td>
              ))}
              <Table.Td ta="right" fw={600}>
                {formatVnd(a.budget.total, lang)}
              </Table.Td>
              {showSpent && (
                <Table.Td ta="right">
                  {formatVnd(a.spent.total, lang)}{' '}
                  <Text span size="xs" c="dimmed">
                    ({formatShare(a.spent.total, a.budget.total, lang)})
                  </Text>
                </Table.Td>
              )}
              {editable && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => onEdit(i)}
                      aria-label={`${t('plans.editActivity')} #${a.no}`}
                      data-testid={`edit-activity-${a.no}`}
                    >
                      {t('common.edit')}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => onRemove(i)}
                      aria-label={`${t('plans.removeActivity')} #${a.no}`}
                    >
                      ✕
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td colSpan={4} fw={600}>
              {t('plans.activity.total')}
            </Table.Td>
            {FUNDING_SOURCES.map((s) => (
              <Table.Td key={s} ta="right" fw={600}>
                {formatVnd(version.budget[s], lang)}
              </Table.Td>
            ))}
            <Table.Td ta="right" fw={700} data-testid="plan-total">
              {formatVnd(version.budget.total, lang)}
            </Table.Td>
            {showSpent && (
              <Table.Td ta="right" fw={600}>
                {formatVnd(
                  version.activities.reduce((s, a) => s + a.spent.total, 0),
                  lang,
                )}
              </Table.Td>
            )}
            {editable && <Table.Td />}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </ScrollBox>
  );
}

function ReturnModal({
  plan,
  pending,
  error,
  onClose,
  onReturn,
}: {
  plan: PlanDetail;
  pending: boolean;
  error: unknown;
  onClose(): void;
  onReturn(body: unknown): void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [perActivity, setPerActivity] = useState<Record<number, string>>({});
  const errors = fieldErrorsOf(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onReturn({
      comment,
      activityComments: Object.entries(perActivity)
        .filter(([, c]) => c.trim())
        .map(([no, c]) => ({ no: Number(no), comment: c })),
    });
  };
  return (
    <Modal opened onClose={onClose} size="lg" title={t('plans.returnTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Textarea
            label={t('plans.returnComment')}
            required
            autosize
            minRows={3}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={errors.comment}
            data-testid="return-comment"
          />
          {plan.current.activities.map((a) => (
            <TextInput
              key={a.no}
              label={t('plans.activityComment', { no: a.no })}
              description={a.title}
              value={perActivity[a.no] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setPerActivity((s) => ({ ...s, [a.no]: value }));
              }}
            />
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={pending} data-testid="return-confirm">
              {t('plans.return')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SpendingCard({ plan }: { plan: PlanDetail }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const spending = useSpending(plan.id, true);
  const approved = usePlanVersion(plan.id, plan.approvedVersion !== plan.version ? plan.approvedVersion : null);
  const activities = (plan.approvedVersion === plan.version ? plan.current : approved.data)?.activities ?? [];
  const [v, setV] = useState({
    activityNo: null as string | null,
    source: 'central' as string,
    amount: 0 as number,
    spentOn: '',
    note: '',
  });
  const add = useMutation({
    mutationFn: () =>
      post<SpendingEntry>(`/api/plans/${plan.id}/spending`, {
        activityNo: Number(v.activityNo),
        source: v.source,
        amount: v.amount,
        spentOn: v.spentOn,
        note: v.note || null,
      }),
    onSuccess: async () => {
      setV((s) => ({ ...s, amount: 0, note: '' }));
      await qc.invalidateQueries({ queryKey: planKeys.all });
    },
  });
  const remove = useMutation({
    mutationFn: (entry: number) => api<void>('DELETE', `/api/plans/${plan.id}/spending/${entry}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: planKeys.all }),
  });
  const errors = fieldErrorsOf(add.error);
  const titleOf = (no: number) => activities.find((a) => a.no === no)?.title ?? `#${no}`;
  return (
    <Card withBorder component="section" aria-labelledby="plan-spending-title">
      <Title order={2} size="h4" id="plan-spending-title">
        {t('plans.spending')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('plans.spendingHint')}
      </Text>
      <ErrorAlert error={spending.error ?? remove.error} />
      {spending.data && !spending.data.length && <Text c="dimmed">{t('plans.noSpending')}</Text>}
      {spending.data && spending.data.length > 0 && (
        <ScrollTable striped data-testid="plan-spending">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('plans.spendingFields.spentOn')}</Table.Th>
              <Table.Th scope="col">{t('plans.spendingFields.activity')}</Table.Th>
              <Table.Th scope="col">{t('plans.spendingFields.source')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('plans.spendingFields.amount')}
              </Table.Th>
              <Table.Th scope="col">{t('plans.spendingFields.note')}</Table.Th>
              {plan.can.spend && (
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {spending.data.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{fmtDate(s.spentOn, i18n.language)}</Table.Td>
                <Table.Td>
                  #{s.activityNo} {titleOf(s.activityNo)}
                </Table.Td>
                <Table.Td>{t(`plans.sources.${s.source}`)}</Table.Td>
                <Table.Td ta="right">{formatVnd(s.amount, i18n.language)}</Table.Td>
                <Table.Td>{s.note}</Table.Td>
                {plan.can.spend && (
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => remove.mutate(s.id)}
                      aria-label={`${t('plans.deleteSpending')} ${fmtDate(s.spentOn, i18n.language)}`}
                    >
                      ✕
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {plan.can.spend && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
          noValidate
        >
          <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }} mt="sm">
            <Select
              label={t('plans.spendingFields.activity')}
              required
              data={activities.map((a) => ({ value: String(a.no), label: `#${a.no} ${a.title}` }))}
              value={v.activityNo}
              onChange={(x) => setV((s) => ({ ...s, activityNo: x }))}
              error={errors.activityNo}
              data-testid="spending-activity"
            />
            <Select
              label={t('plans.spendingFields.source')}
              required
              allowDeselect={false}
              data={FUNDING_SOURCES.map((s) => ({ value: s, label: t(`plans.sources.${s}`) }))}
              value={v.source}
              onChange={(x) => setV((s) => ({ ...s, source: x ?? 'central' }))}
              error={errors.source}
              data-testid="spending-source"
            />
            <NumberInput
              label={t('plans.spendingFields.amount')}
              required
              min={1}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator="."
              decimalSeparator=","
              value={v.amount}
              onChange={(x) => setV((s) => ({ ...s, amount: typeof x === 'number' ? x : Number(x) || 0 }))}
              error={errors.amount}
              data-testid="spending-amount"
            />
            <DateField
              label={t('plans.spendingFields.spentOn')}
              required
              value={v.spentOn}
              min={`${plan.year}-01-01`}
              max={`${plan.year}-12-31`}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setV((s) => ({ ...s, spentOn: value }));
              }}
              error={errors.spentOn}
              data-testid="spending-date"
            />
            <TextInput
              label={t('plans.spendingFields.note')}
              value={v.note}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setV((s) => ({ ...s, note: value }));
              }}
              error={errors.note}
            />
          </SimpleGrid>
          <Group justify="flex-end" mt="sm">
            <Button type="submit" loading={add.isPending} data-testid="spending-add">
              {t('plans.addSpending')}
            </Button>
          </Group>
        </form>
      )}
    </Card>
  );
}

function History({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const history = usePlanHistory(id);
  if (!history.data?.length) return null;
  const at = (s: string) => fmtDateTime(s, i18n.language);
  return (
    <Card withBorder component="section" aria-labelledby="plan-history-title">
      <Title order={2} size="h4" id="plan-history-title" mb="sm">
        {t('plans.history')}
      </Title>
      <List size="sm" spacing={4} data-testid="plan-history">
        {history.data.map((e, i) => (
          <List.Item key={i}>
            <Text span size="sm" fw={500}>
              {t(`plans.actions.${e.action}`)}
            </Text>{' '}
            · {t('plans.versionOf', { v: e.version })} · {e.actorName} · {at(e.at)}
            {e.comment && (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                {e.action === 'created' && i18n.exists(`plans.start.${e.comment}`) ? t(`plans.start.${e.comment}`) : e.comment}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Card>
  );
}
