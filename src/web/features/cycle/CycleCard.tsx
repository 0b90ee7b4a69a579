// The cycle on the dashboard: for the period the dashboard shows, completeness of reporting (in the caller's scope)
// and, once the period is closed, its official figures with the targets revised since; for a focal point, the
// reports still to submit.
import { Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import type { Scope } from '../indicators/api';
import { langOf } from '../indicators/api';
import { useCompleteness, useDue, useOfficialStatus, usePeriods } from './api';
import { CompletenessFigures, DataTable, Figure } from './parts';
import { fmtDate } from '../../lib/format';

export function CycleCard({ scope }: { scope: Scope }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const periods = usePeriods();
  const period = periods.data?.find((p) => p.key === scope.period);
  const completeness = useCompleteness(period?.id ?? null, { province: scope.province, kind: scope.orgKind });
  const official = useOfficialStatus(scope.period, {
    map: scope.map,
    province: scope.province,
    orgKind: scope.orgKind,
    organisationId: scope.organisationId,
  });
  const due = useDue();
  const toSubmit = (due.data ?? []).filter(
    (d) => !d.period.close && (!d.report || d.report.status === 'draft' || d.report.status === 'returned'),
  );
  if (!period && !toSubmit.length) return null;
  const revised = official.data?.figures.filter((f) => f.live) ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="cycle-card-h" data-testid="cycle-card">
      <Group justify="space-between">
        <Title order={3} size="h5" id="cycle-card-h">
          {t('cycle.cardTitle')}
        </Title>
        <Anchor component={Link} to="/cycle" size="sm">
          {t('cycle.title')}
        </Anchor>
      </Group>
      <Stack gap="xs" mt="xs">
        {toSubmit.length > 0 && (
          <Text size="sm" data-testid="cycle-to-submit">
            {t('cycle.toSubmit', { count: toSubmit.length })}{' '}
            <Anchor component={Link} to="/cycle?tab=due">
              {t('cycle.tabs.due')}
            </Anchor>
          </Text>
        )}
        {period && completeness.data && (
          <>
            <Text size="sm" fw={500}>
              {t('cycle.completenessOf', { period: period.label[lang] })} ·{' '}
              <Anchor component={Link} to={`/cycle?tab=completeness&period=${period.id}`}>
                {t('cycle.whoIsMissing')}
              </Anchor>
            </Text>
            <CompletenessFigures c={completeness.data.totals} />
          </>
        )}
        {official.data?.closed && official.data.close && (
          <Stack gap={4} data-testid="cycle-official">
            <Text size="sm">
              {t('cycle.officialOn', { day: fmtDate(official.data.close.closedAt, i18n.language), version: official.data.close.version })}{' '}
              {period && (
                <Anchor component={Link} to={`/cycle/official?period=${period.id}`}>
                  {t('cycle.seeOfficial')}
                </Anchor>
              )}
            </Text>
            {revised.length ? (
              <DataTable
                caption={t('cycle.revisedCaption')}
                columns={[t('cycle.target'), t('cycle.officialFigure'), t('cycle.currentFigure')]}
                minWidth={400}
              >
                {revised.map((f) => {
                  const unit = f.official.denominator === null ? 'count' : 'percent';
                  return (
                    <Table.Tr key={f.indicator} data-testid={`revised-${f.indicator}`}>
                      <Table.Th scope="row">{f.indicator}</Table.Th>
                      <Table.Td>
                        <Figure {...f.official} unit={unit} />
                      </Table.Td>
                      <Table.Td>
                        {t('cycle.revisedSince')}: <Figure {...f.live!} unit={unit} /> ·{' '}
                        {t('cycle.recordsDiffer', { count: f.revisedRecords })}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </DataTable>
            ) : (
              <Text size="sm" c="gray.7">
                {t('cycle.noneRevised')}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
