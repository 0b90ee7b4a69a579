// Reporting settings of the press module (T1): period kind, grace days for late information, and which
// organisations are expected beyond every active state administrative agency. Everyone reads; admins edit.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Loader, MultiSelect, NumberInput, Paper, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PERIOD_KINDS, type PeriodKind, type ReportingSettings } from '../../../shared/contracts/press';
import { useAuth } from '../../app/auth';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ApiError, get, put } from '../../lib/api';
import { useOrgTree } from '../organisations/api';
import { orgLabel } from '../organisations/OrgTree';
import { pressKeys } from './api';
import { PressTabs } from './PressTabs';

const FIELDS = ['periodKind', 'graceDays', 'includeOrgIds', 'excludeOrgIds'] as const;
const settingsKey = pressKeys.settings;

type FormState = { periodKind: PeriodKind; graceDays: number | string; includeOrgIds: string[]; excludeOrgIds: string[] };
const toForm = (s: ReportingSettings): FormState => ({
  periodKind: s.periodKind,
  graceDays: s.graceDays,
  includeOrgIds: s.includeOrgIds.map(String),
  excludeOrgIds: s.excludeOrgIds.map(String),
});

export function ReportingSettingsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('press.tabs.settings'));
  const { me } = useAuth();
  const canEdit = me?.role === 'admin';
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const settings = useQuery({ queryKey: settingsKey, queryFn: () => get<ReportingSettings>('/api/press/settings') });
  const tree = useOrgTree();
  const [v, setV] = useState<FormState | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data && v === null) setV(toForm(settings.data));
  }, [settings.data, v]);

  const save = useMutation({
    mutationFn: (input: ReportingSettings) => put<ReportingSettings>('/api/press/settings', input),
    onSuccess: async (s) => {
      qc.setQueryData(settingsKey, s);
      setV(toForm(s));
      setSaved(true);
      await qc.invalidateQueries({ queryKey: pressKeys.complianceAll });
    },
  });

  const fieldErrors = useMemo(() => {
    const m: Record<string, string> = {};
    if (save.error instanceof ApiError)
      for (const i of save.error.issues) {
        const f = i.field.split('.')[0];
        m[f] = m[f] ? `${m[f]}; ${i.message}` : i.message;
      }
    return m;
  }, [save.error]);
  const otherIssues =
    save.error instanceof ApiError ? save.error.issues.filter((i) => !(FIELDS as readonly string[]).includes(i.field.split('.')[0])) : [];

  const orgOptions = useMemo(() => {
    const nodes = tree.data ?? [];
    const selected = new Set([...(v?.includeOrgIds ?? []), ...(v?.excludeOrgIds ?? [])]);
    return nodes
      .filter((n) => n.active || selected.has(String(n.id)))
      .map((n) => ({ value: String(n.id), label: `${orgLabel(n, i18n.language)} (${n.code})` }))
      .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  }, [tree.data, v?.includeOrgIds, v?.excludeOrgIds, i18n.language]);

  const set = <K extends keyof FormState>(k: K, value: FormState[K]) => {
    setSaved(false);
    setV((s) => (s ? { ...s, [k]: value } : s));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!v || !canEdit) return;
    setSaved(false);
    save.mutate({
      periodKind: v.periodKind,
      graceDays: typeof v.graceDays === 'number' ? v.graceDays : v.graceDays.trim() === '' ? Number.NaN : Number(v.graceDays),
      includeOrgIds: v.includeOrgIds.map(Number),
      excludeOrgIds: v.excludeOrgIds.map(Number),
    });
  };

  return (
    <Stack>
      <PressTabs title={t('nav.press')} />
      {(settings.isPending || tree.isPending) && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={settings.error ?? tree.error} />
      {v && (
        <Paper withBorder p="md" component="section" aria-label={t('press.settings.title')}>
          <form onSubmit={submit} noValidate data-testid="press-settings-form">
            <Stack gap="sm">
              {!canEdit && (
                <Text c="dimmed" data-testid="press-settings-readonly">
                  {t('press.settings.readOnly')}
                </Text>
              )}
              {save.error != null && (
                <Alert color="red" role="alert">
                  {errorMessage(save.error)}
                  {otherIssues.map((i, n) => (
                    <div key={n}>
                      {i.field}: {i.message}
                    </div>
                  ))}
                </Alert>
              )}
              {saved && (
                <Alert color="green" role="status" data-testid="press-settings-saved">
                  {t('press.settings.saved')}
                </Alert>
              )}
              <Select
                label={t('press.settings.periodKind')}
                data={PERIOD_KINDS.map((k) => ({ value: k, label: t(`press.settings.periodKinds.${k}`) }))}
                value={v.periodKind}
                onChange={(x) => x && set('periodKind', x as PeriodKind)}
                allowDeselect={false}
                disabled={!canEdit}
                error={fieldErrors.periodKind}
              />
              <NumberInput
                label={t('press.settings.graceDays')}
                description={t('press.settings.graceDaysHelp')}
                min={0}
                max={120}
                allowDecimal={false}
                allowNegative={false}
                value={v.graceDays}
                onChange={(x) => set('graceDays', x)}
                disabled={!canEdit}
                error={fieldErrors.graceDays}
              />
              <Text size="sm">{t('press.settings.defaultExpected')}</Text>
              <MultiSelect
                label={t('press.settings.include')}
                description={t('press.settings.includeHelp')}
                searchable
                clearable
                filter={foldFilter}
                limit={100}
                nothingFoundMessage={t('common.nothingFound')}
                data={orgOptions}
                value={v.includeOrgIds}
                onChange={(x) => set('includeOrgIds', x)}
                disabled={!canEdit}
                error={fieldErrors.includeOrgIds}
              />
              <MultiSelect
                label={t('press.settings.exclude')}
                description={t('press.settings.excludeHelp')}
                searchable
                clearable
                filter={foldFilter}
                limit={100}
                nothingFoundMessage={t('common.nothingFound')}
                data={orgOptions}
                value={v.excludeOrgIds}
                onChange={(x) => set('excludeOrgIds', x)}
                disabled={!canEdit}
                error={fieldErrors.excludeOrgIds}
              />
              {canEdit && (
                <Group justify="flex-end">
                  <Button type="submit" loading={save.isPending}>
                    {t('common.save')}
                  </Button>
                </Group>
              )}
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
