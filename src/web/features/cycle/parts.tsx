// Small pieces of the cycle's pages: status badges, a problem alert that names the fields, figures, completeness.
import type { ReactNode } from 'react';
import { Alert, Badge, Group, List, SimpleGrid, Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Completeness, CompletenessCounts, ReportStatus } from '../../../shared/contracts/cycle';
import { ApiError } from '../../lib/api';
import { useErrorMessage } from '../../components/ErrorAlert';
import { fmt, langOf } from '../indicators/api';
import { ScrollBox } from '../../components/ScrollTable';
import { fmtDate } from '../../lib/format';

const STATUS_COLOUR: Record<ReportStatus, string> = {
  draft: 'gray.7',
  submitted: 'blue.9',
  returned: 'orange.9',
  approved: 'teal.9',
  locked: 'dark.6',
};

export function StatusBadge({ status, awaiting }: { status: ReportStatus | null; awaiting?: 'province' | 'office' | null }) {
  const { t } = useTranslation();
  if (!status)
    return (
      <Badge color="red.9" variant="light">
        {t('cycle.status.none')}
      </Badge>
    );
  return (
    <Group gap={4} wrap="nowrap">
      {/* filled when decided; else a dot and the word in text colour (contrast on any background, never colour alone) */}
      <Badge
        color={STATUS_COLOUR[status]}
        variant={status === 'approved' || status === 'locked' ? 'filled' : 'dot'}
        data-testid="report-status"
        styles={status === 'approved' || status === 'locked' ? undefined : { label: { color: 'var(--mantine-color-text)' } }}
      >
        {t(`cycle.status.${status}`)}
      </Badge>
      {awaiting && (
        <Badge color="gray.7" variant="outline">
          {t(`cycle.awaiting.${awaiting}`)}
        </Badge>
      )}
    </Group>
  );
}

/** A table with its caption and column heads (every table of the cycle's pages). */
export function DataTable({
  caption,
  columns,
  testId,
  minWidth = 700,
  children,
}: {
  caption: string;
  columns: string[];
  testId?: string;
  minWidth?: number;
  children: ReactNode;
}) {
  return (
    <ScrollBox minWidth={minWidth}>
      <Table striped data-testid={testId}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={i} scope="col">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </ScrollBox>
  );
}

/** An API refusal with what the server said and each field it named. */
export function Problem({ error }: { error: unknown }) {
  const message = useErrorMessage();
  if (!error) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <Alert color="red" role="alert" data-testid="cycle-problem">
      <Text size="sm">
        {message(error)}
        {error instanceof ApiError && error.code === 'validation_failed' ? ` ${error.message}` : ''}
      </Text>
      {issues.length > 0 && (
        <List size="sm" mt={4}>
          {issues.map((i, k) => (
            <List.Item key={k}>
              {i.row ? `#${i.row} ` : ''}
              <b>{i.field}</b>: {i.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

export function Figure({
  value,
  numerator,
  denominator,
  unit,
}: {
  value: number | null;
  numerator: number;
  denominator: number | null;
  unit: 'percent' | 'count';
}) {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <>
      {fmt(value, unit, lang)}
      {unit === 'percent' && denominator !== null ? ` (${numerator}/${denominator})` : ''}
    </>
  );
}

const pct = (v: number | null, lang: 'vi' | 'en') => fmt(v, 'percent', lang);

/** Expected / submitted / on time / late / missing, as figures. */
export function CompletenessFigures({ c }: { c: CompletenessCounts }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const cells: [string, string, string?][] = [
    ['expected', String(c.expected)],
    ['submitted', String(c.submitted), pct(c.rate, lang)],
    ['onTime', String(c.onTime), pct(c.onTimeRate, lang)],
    ['late', String(c.late)],
    ['missing', String(c.missing)],
    ['approved', String(c.approved)],
  ];
  return (
    <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="xs">
      {cells.map(([k, v, sub]) => (
        <Paper key={k} withBorder p="xs" data-testid={`completeness-${k}`}>
          <Text size="xs" c="gray.7">
            {t(`cycle.completeness.${k}`)}
          </Text>
          <Text fw={700} fz="lg">
            {v}
          </Text>
          {sub && (
            <Text size="xs" c="gray.7">
              {sub}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** Completeness of a period: figures, by kind and by province, and every expected organisation (missing first). */
export function CompletenessView({ c }: { c: Completeness }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const heads = (['expected', 'submitted', 'onTime', 'late', 'missing'] as const).map((k) => t(`cycle.completeness.${k}`));
  const rowsTable = (title: string, rows: (CompletenessCounts & { key: string; label: { vi: string; en: string } })[]) => (
    <DataTable caption={title} columns={[title, ...heads]} minWidth={600}>
      {rows.map((r) => (
        <Table.Tr key={r.key}>
          <Table.Th scope="row">{r.label[lang]}</Table.Th>
          <Table.Td>{r.expected}</Table.Td>
          <Table.Td>{r.submitted}</Table.Td>
          <Table.Td>{r.onTime}</Table.Td>
          <Table.Td>{r.late}</Table.Td>
          <Table.Td>{r.missing}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
  return (
    <>
      <Text size="sm" c="gray.7">
        {t(c.expectedAsOf === 'close' ? 'cycle.completeness.asOfClose' : 'cycle.completeness.asOfNow')} · {t('cycle.deadline')}:{' '}
        {fmtDate(c.period.deadline, i18n.language)}
      </Text>
      <CompletenessFigures c={c.totals} />
      {rowsTable(
        t('cycle.completeness.byKind'),
        c.byKind.map((r) => ({ ...r, key: r.kind })),
      )}
      {rowsTable(
        t('cycle.completeness.byProvince'),
        c.byProvince.map((r) => ({ ...r, key: r.provinceCode ?? '_none' })),
      )}
      <DataTable
        caption={t('cycle.completeness.organisations')}
        testId="completeness-organisations"
        columns={[
          t('cycle.organisation'),
          t('cycle.province'),
          t('cycle.completeness.state'),
          t('cycle.reportStatus'),
          t('cycle.completeness.firstSubmitted'),
        ]}
      >
        {c.organisations.map((o) => (
          <Table.Tr key={o.organisationId}>
            <Table.Th scope="row">
              {o.name}
              {o.validFrom && (
                <Text span size="xs" c="gray.7">
                  {' '}
                  · {t('cycle.completeness.createdOn', { day: fmtDate(o.validFrom, i18n.language) })}
                </Text>
              )}
              {o.validTo && (
                <Text span size="xs" c="gray.7">
                  {' '}
                  · {t('cycle.completeness.endedOn', { day: fmtDate(o.validTo, i18n.language) })}
                </Text>
              )}
            </Table.Th>
            <Table.Td>{o.provinceName ?? '—'}</Table.Td>
            <Table.Td>
              <Badge color={o.state === 'missing' ? 'red.9' : o.state === 'late' ? 'orange.9' : 'teal.9'} variant="light">
                {t(`cycle.completeness.${o.state === 'on_time' ? 'onTime' : o.state}`)}
              </Badge>
            </Table.Td>
            <Table.Td>{o.reportStatus ? t(`cycle.status.${o.reportStatus}`) : '—'}</Table.Td>
            <Table.Td>{o.firstSubmittedAt ? fmtDate(o.firstSubmittedAt, i18n.language) : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </>
  );
}
