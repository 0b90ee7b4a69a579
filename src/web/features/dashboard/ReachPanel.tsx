// "Phạm vi tiếp cận / Reach" on the dashboard: one table per metric (training participants, exhibition visitors,
// online views) with its breakdowns by audience, province (34-unit map) and year, each with its method note, and the
// note that counts of different channels are never added together. Same period, province and organisation as the
// dashboard (a province only on the 34-unit map); the server keeps a coordinator to its province.
import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReachMetric, ReachRow, ReachSummary } from '../../../shared/contracts/reach';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { get, qs } from '../../lib/api';
import { fmtNumber } from '../../lib/format';
import { langOf, type Scope } from '../indicators/api';

export function ReachPanel({ scope }: { scope: Scope }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const query = {
    period: scope.period,
    province: scope.map === '34' ? scope.province : null,
    organisationId: scope.organisationId,
  };
  const reach = useQuery({
    queryKey: ['indicators', 'reach', query],
    queryFn: () => get<ReachSummary>(`/api/indicators/reach${qs(query)}`),
    placeholderData: (prev) => prev,
  });
  const d = reach.data;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="reach-title" data-testid="reach-panel">
      <Title order={3} size="h4" id="reach-title">
        {t('reach.title')}
      </Title>
      <ErrorAlert error={reach.error} />
      {d && (
        <Stack gap="md" mt="xs">
          <Text size="sm" data-testid="reach-note">
            {d.note[lang]}
          </Text>
          {d.metrics.map((m) => (
            <MetricTable key={m.id} m={m} />
          ))}
        </Stack>
      )}
    </Card>
  );
}

function MetricTable({ m }: { m: ReachMetric }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const audience = (r: ReachRow) => (r.key === 'none' ? t('reach.notGiven') : `${r.key}. ${t(`library.audiences.${r.key}`)}`);
  const province = (r: ReachRow) => (r.key === 'none' ? t('reach.noProvince') : `${r.label?.[lang] ?? r.key} (${r.key})`);
  return (
    <div data-testid={`reach-${m.id}`}>
      <Title order={4} size="h5">
        {m.label[lang]}: <span data-testid="reach-total">{fmtNumber(m.total, i18n.language)}</span> {m.unit[lang]}
      </Title>
      <Text size="xs" c="gray.7">
        {t('reach.records', { count: m.records })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }} mt="xs">
        <Breakdown title={t('reach.byAudience')} rows={m.byAudience} name={audience} unit={m.unit[lang]} />
        <Breakdown title={t('reach.byProvince')} rows={m.byProvince} name={province} unit={m.unit[lang]} />
        <Breakdown title={t('reach.byYear')} rows={m.byYear} name={(r) => r.key} unit={m.unit[lang]} />
      </SimpleGrid>
      <Text size="xs" mt={4}>
        <b>{t('indicators.methodNote')}:</b> {m.method[lang]}
      </Text>
    </div>
  );
}

function Breakdown({ title, rows, name, unit }: { title: string; rows: ReachRow[]; name(r: ReachRow): string; unit: string }) {
  const { i18n } = useTranslation();
  return (
    <ScrollTable striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{title}</Table.Th>
          <Table.Th scope="col" ta="right">
            {unit}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={2}>—</Table.Td>
          </Table.Tr>
        )}
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>{name(r)}</Table.Td>
            <Table.Td ta="right">{fmtNumber(r.value, i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}
