// The deadlines of the plans, on the plans page: each year's deadline (the year in view, or this year's and later ones),
// with how many of the organisations expected to plan have submitted (a link to that year's plans); the office sets,
// moves or removes a year's deadline. Focal points are told as it comes and once it has passed (notifications).
import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { workspacePage } from '../../../shared/contracts/links';
import type { PlanDeadline } from '../../../shared/contracts/plans';
import { useAuth } from '../../app/auth';
import { Link } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, fieldErrorsOf, get, put } from '../../lib/api';
import { fmtDate, vnToday } from '../../lib/format';
import { planKeys, PLAN_YEARS } from './api';
import { DateField } from '../../components/DateField';

const deadlinesKey = [...planKeys.all, 'deadlines'] as const;

export function PlanDeadlines({ year }: { year: string }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: deadlinesKey, queryFn: () => get<PlanDeadline[]>('/api/plans/deadlines') });
  const thisYear = new Date().getFullYear();
  const shown = (q.data ?? []).filter((d) => (year ? String(d.year) === year : d.year >= thisYear));
  const office = me?.role === 'admin';
  if (!q.data || (!shown.length && !office)) return <ErrorAlert error={q.error} />;
  return (
    <Stack gap={4} data-testid="plan-deadlines">
      {shown.map((d) => {
        const passed = d.deadline < vnToday();
        return (
          <Alert key={d.year} color={passed && d.submitted < d.expected ? 'orange' : 'blue'} py="xs">
            <Text size="sm">
              {t('plans.deadline.line', { year: d.year, date: fmtDate(d.deadline, i18n.language) })}{' '}
              {passed ? t('plans.deadline.passed') : ''}{' '}
              <Link to={workspacePage.plans(d.year)}>{t('plans.deadline.in', { submitted: d.submitted, expected: d.expected })}</Link>
            </Text>
          </Alert>
        );
      })}
      {office && (
        <Group>
          <Button size="xs" variant="light" onClick={() => setEditing(true)} data-testid="plan-deadline-edit">
            {t('plans.deadline.set')}
          </Button>
        </Group>
      )}
      {editing && <DeadlineForm deadlines={q.data} year={year} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

function DeadlineForm({ deadlines, year, onClose }: { deadlines: PlanDeadline[]; year: string; onClose(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [y, setY] = useState(year || String(Math.min(2028, new Date().getFullYear() + 1)));
  const current = deadlines.find((d) => String(d.year) === y);
  const [date, setDate] = useState(current?.deadline ?? '');
  const done = async () => {
    await qc.invalidateQueries({ queryKey: deadlinesKey });
    onClose();
  };
  const save = useMutation({ mutationFn: () => put<PlanDeadline>(`/api/plans/deadlines/${y}`, { deadline: date }), onSuccess: done });
  const remove = useMutation({ mutationFn: () => api<void>('DELETE', `/api/plans/deadlines/${y}`), onSuccess: done });
  const errors = fieldErrorsOf(save.error);
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened onClose={onClose} title={t('plans.deadline.set')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Select
            label={t('plans.year')}
            data={PLAN_YEARS.map(String)}
            value={y}
            allowDeselect={false}
            onChange={(v) => {
              setY(v ?? y);
              setDate(deadlines.find((d) => String(d.year) === v)?.deadline ?? '');
            }}
          />
          <DateField
            required
            label={t('plans.deadline.date')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={errors.deadline}
            data-testid="plan-deadline-date"
          />
          <Text size="sm" c="dimmed">
            {t('plans.deadline.who')}
          </Text>
          <ErrorAlert error={Object.keys(errors).length ? null : (save.error ?? remove.error)} />
          <Group justify="flex-end">
            {current && (
              <Button variant="subtle" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
                {t('plans.deadline.remove')}
              </Button>
            )}
            <Button type="submit" loading={save.isPending} data-testid="plan-deadline-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
