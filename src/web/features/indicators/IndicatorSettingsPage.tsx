// The programme office sets each indicator's 2023 baseline and yearly trajectory (default: linear from the
// baseline to the 2028 target). Percentages are entered in % and stored as fractions.
import { useEffect, useState } from 'react';
import { Button, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IndicatorDefinition } from '../../../shared/contracts/indicators';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { api, fieldErrorsOf } from '../../lib/api';
import { fmt, langOf, targetText, useDefinitions } from './api';
import { ScrollBox } from '../../components/ScrollTable';

const YEARS = [2023, 2024, 2025, 2026, 2027, 2028];

function Row({ def }: { def: IndicatorDefinition }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const qc = useQueryClient();
  const scale = def.unit === 'percent' ? 100 : 1;
  const [values, setValues] = useState<(number | string)[]>(() => def.trajectory.map((p) => Math.round(p.value * scale * 100) / 100));
  useEffect(() => setValues(def.trajectory.map((p) => Math.round(p.value * scale * 100) / 100)), [def, scale]);
  const save = useMutation({
    mutationFn: (trajectory: { year: number; value: number }[] | null) =>
      api<IndicatorDefinition>('PUT', `/api/indicators/${def.id}/settings`, { trajectory }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['indicators'] }),
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <Table.Tr data-testid={`trajectory-${def.id}`}>
      <Table.Th scope="row">
        {def.id}
        <Text size="xs" c="gray.7">
          {def.name[lang]}
        </Text>
      </Table.Th>
      <Table.Td>{targetText(def, lang)}</Table.Td>
      {YEARS.map((y, i) => (
        <Table.Td key={y}>
          <NumberInput
            aria-label={t('indicators.settings.valueFor', { id: def.id, year: y })}
            value={values[i]}
            min={0}
            max={def.unit === 'percent' ? 100 : undefined}
            decimalScale={2}
            w={90}
            size="xs"
            suffix={def.unit === 'percent' ? ' %' : undefined}
            error={errors[`trajectory.${i}.value`]}
            onChange={(v) => setValues((prev) => prev.map((x, k) => (k === i ? v : x)))}
          />
        </Table.Td>
      ))}
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button
            size="xs"
            loading={save.isPending}
            onClick={() => save.mutate(YEARS.map((year, i) => ({ year, value: Number(values[i] || 0) / scale })))}
          >
            {t('common.save')}
          </Button>
          {!def.trajectoryIsDefault && (
            <Button size="xs" variant="subtle" onClick={() => save.mutate(null)}>
              {t('indicators.settings.reset')}
            </Button>
          )}
        </Group>
        <Text size="xs" c="gray.7">
          {def.trajectoryIsDefault ? t('indicators.settings.default') : t('indicators.settings.custom')}
        </Text>
        {save.error ? <ErrorAlert error={save.error} /> : null}
      </Table.Td>
    </Table.Tr>
  );
}

export function IndicatorSettingsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('indicators.settings.title'));
  const defs = useDefinitions();
  const lang = langOf(i18n.language);
  return (
    <Stack>
      <Title order={2}>{t('indicators.settings.title')}</Title>
      <Text size="sm">{t('indicators.settings.help')}</Text>
      <ErrorAlert error={defs.error} />
      <Paper withBorder p="sm">
        <ScrollBox minWidth={1000}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('indicators.indicator')}</Table.Th>
                <Table.Th scope="col">{t('indicators.target')}</Table.Th>
                {YEARS.map((y) => (
                  <Table.Th scope="col" key={y}>
                    {y}
                  </Table.Th>
                ))}
                <Table.Th scope="col" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(defs.data ?? []).map((d) => (
                <Row key={d.id} def={d} />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      </Paper>
      <Text size="xs" c="gray.7">
        {t('indicators.settings.baselineNote', { example: fmt(0.2, 'percent', lang) })}
      </Text>
    </Stack>
  );
}
