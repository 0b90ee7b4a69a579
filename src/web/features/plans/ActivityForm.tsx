// One activity of a plan: what, which targets (at least one) and target groups, the months of the plan's year, expected
// outputs and the budget by source in đồng. The server checks everything; its field errors appear beside their fields.
import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { INDICATOR_IDS, type IndicatorId } from '../../../shared/contracts/indicators';
import { AUDIENCES } from '../../../shared/contracts/library';
import { FUNDING_SOURCES, type Activity, type ActivityInput } from '../../../shared/contracts/plans';

/** An activity as the plan's save takes it back. */
export const toInput = (a: Activity): ActivityInput => ({
  no: a.no,
  title: a.title,
  description: a.description,
  targets: a.targets,
  audiences: a.audiences,
  startMonth: a.startMonth,
  endMonth: a.endMonth,
  expectedOutputs: a.expectedOutputs,
  budget: { central: a.budget.central, local: a.budget.local, other: a.budget.other },
});

interface Props {
  year: number;
  activity: ActivityInput | null;
  saving: boolean;
  /** Field → message, for this activity (the server's `activities.N.` prefix removed). */
  errors: Record<string, string>;
  error: string | null;
  onClose(): void;
  onSave(a: ActivityInput): void;
}

export function ActivityForm({ year, activity, saving, errors, error, onClose, onSave }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    title: activity?.title ?? '',
    description: activity?.description ?? '',
    targets: (activity?.targets ?? []) as string[],
    audiences: (activity?.audiences ?? []).map(String),
    startMonth: activity?.startMonth ?? `${year}-01`,
    endMonth: activity?.endMonth ?? `${year}-12`,
    expectedOutputs: activity?.expectedOutputs ?? '',
    central: activity?.budget?.central ?? 0,
    local: activity?.budget?.local ?? 0,
    other: activity?.budget?.other ?? 0,
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((s) => ({ ...s, [k]: value }));
  const months = Array.from({ length: 12 }, (_, i) => {
    const m = String(i + 1).padStart(2, '0');
    return { value: `${year}-${m}`, label: t('plans.month', { m: i + 1, y: year }) };
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({
      no: activity?.no ?? null,
      title: v.title,
      description: v.description || null,
      targets: v.targets as IndicatorId[],
      audiences: v.audiences.map(Number),
      startMonth: v.startMonth,
      endMonth: v.endMonth,
      expectedOutputs: v.expectedOutputs || null,
      budget: { central: Number(v.central) || 0, local: Number(v.local) || 0, other: Number(v.other) || 0 },
    });
  };
  const money = (k: 'central' | 'local' | 'other') => (
    <NumberInput
      key={k}
      label={t(`plans.sources.${k}`)}
      min={0}
      step={1_000_000}
      allowDecimal={false}
      allowNegative={false}
      thousandSeparator="."
      decimalSeparator=","
      value={v[k]}
      onChange={(x) => set(k, typeof x === 'number' ? x : Number(x) || 0)}
      error={errors[`budget.${k}`]}
      data-testid={`activity-budget-${k}`}
    />
  );
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={activity?.no ? `${t('plans.editActivity')} #${activity.no}` : t('plans.addActivity')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('plans.activity.title')}
            required
            value={v.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
            data-testid="activity-title"
          />
          <Textarea
            label={t('plans.activity.description')}
            autosize
            minRows={2}
            value={v.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={errors.description}
          />
          <MultiSelect
            label={t('plans.activity.targets')}
            required
            searchable
            data={INDICATOR_IDS.map((id) => ({ value: id, label: t(`plans.targets.${id}`) }))}
            value={v.targets}
            onChange={(x) => set('targets', x)}
            error={errors.targets ?? Object.entries(errors).find(([k]) => k.startsWith('targets.'))?.[1]}
            data-testid="activity-targets"
          />
          <MultiSelect
            label={t('plans.activity.audiences')}
            searchable
            data={AUDIENCES.map((n) => ({ value: String(n), label: `${n}. ${t(`library.audiences.${n}`)}` }))}
            value={v.audiences}
            onChange={(x) => set('audiences', x)}
            error={errors.audiences}
            data-testid="activity-audiences"
          />
          <SimpleGrid cols={2}>
            <Select
              label={t('plans.activity.startMonth')}
              data={months}
              value={v.startMonth}
              onChange={(x) => set('startMonth', x ?? v.startMonth)}
              error={errors.startMonth}
              allowDeselect={false}
              data-testid="activity-start"
            />
            <Select
              label={t('plans.activity.endMonth')}
              data={months}
              value={v.endMonth}
              onChange={(x) => set('endMonth', x ?? v.endMonth)}
              error={errors.endMonth}
              allowDeselect={false}
              data-testid="activity-end"
            />
          </SimpleGrid>
          <Textarea
            label={t('plans.activity.expectedOutputs')}
            autosize
            minRows={2}
            value={v.expectedOutputs}
            onChange={(e) => set('expectedOutputs', e.currentTarget.value)}
            error={errors.expectedOutputs}
            data-testid="activity-outputs"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>{FUNDING_SOURCES.map(money)}</SimpleGrid>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="activity-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
