// Compliance with T1 for a reporting period: expected agencies, spokesperson yes/no, information on time /
// late / missing with the items that count, T1 itself, due-soon / overdue summary, method note, Excel export.
import { useEffect, useMemo, useState } from 'react';
import { Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS } from '../../../shared/contracts/directory';
import { ErrorAlert } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { Link, useSearchParams } from '../../app/router';
import { useUnits } from '../organisations/api';
import { complianceQs, currentQuarterId, previousQuarterId, useCompliance } from './api';
import { PressTabs } from './PressTabs';
import { periodLabel, useLabels, type Lang } from '../../lib/labels';
import { DownloadLink } from '../../lib/TransferProgress';
import { ScrollBox } from '../../components/ScrollTable';
import { fmtDate, fmtPercent } from '../../lib/format';

function periodOptions(lang: Lang, year: number) {
  const option = (value: string) => ({ value, label: periodLabel(value, lang) });
  return [year, year - 1, year - 2].map((y) => ({
    group: String(y),
    items: [
      ...[1, 2, 3, 4].map((q) => option(`${y}-Q${q}`)),
      ...[1, 2].map((h) => option(`${y}-H${h}`)),
      option(String(y)),
      ...Array.from({ length: 12 }, (_, m) => option(`${y}-${String(m + 1).padStart(2, '0')}`)),
    ],
  }));
}

export function CompliancePage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('press.tabs.compliance'));
  const current = currentQuarterId();
  // A link (a notification's) may name the period: ?period=2026-Q2 (any id the period list offers).
  const asked = useSearchParams().get('period');
  const linked = asked && /^\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(asked) ? asked : null;
  const [period, setPeriod] = useState(linked ?? current);
  useEffect(() => {
    if (linked) setPeriod(linked);
  }, [linked]);
  const [provinceCode, setProvinceCode] = useState<string | null>(null);
  const [orgKind, setOrgKind] = useState<string | null>(null);
  const units = useUnits('34');
  const filters = { period, provinceCode, orgKind };
  const data = useCompliance(filters);
  const cur = useCompliance({ period: current, provinceCode, orgKind });
  const prev = useCompliance({ period: previousQuarterId(current), provinceCode, orgKind });
  const L = useLabels();
  const options = useMemo(() => periodOptions(L.lang, Number(current.slice(0, 4))), [L.lang, current]);
  const provinceOptions = (units.data ?? []).map((u) => ({
    value: u.code,
    label: `${i18n.language === 'en' ? u.nameEn : u.nameVi} (${u.code})`,
  }));

  const summary = useMemo(() => {
    if (!cur.data || !prev.data) return null;
    const now = Date.now();
    const daysLeft = Math.max(0, Math.ceil((new Date(cur.data.period.end).getTime() - now) / 86_400_000));
    const graceEnd = new Date(new Date(prev.data.period.end).getTime() + prev.data.graceDays * 86_400_000);
    return {
      due: cur.data.rows.filter((r) => r.information === 'missing').length,
      daysLeft,
      lastDay: cur.data.period.lastDay,
      overdue: prev.data.rows.filter((r) => r.information === 'missing').length,
      prevId: periodLabel(prev.data.period.id, L.lang),
      graceOpen: graceEnd.getTime() > now,
      graceEnd: graceEnd.toISOString().slice(0, 10),
    };
  }, [cur.data, prev.data, L.lang]);
  const r = data.data;

  return (
    <Stack>
      <PressTabs title={t('nav.press')} />
      <Paper withBorder p="md" component="section" aria-label={t('press.compliance.filters')}>
        <Group grow align="flex-end">
          <Select
            label={t('press.compliance.period')}
            data={options}
            value={period}
            onChange={(v) => v && setPeriod(v)}
            allowDeselect={false}
            searchable
            maxDropdownHeight={320}
            data-testid="period-select"
          />
          <Select
            label={t('press.compliance.province')}
            placeholder={t('press.items.all')}
            clearable
            searchable
            filter={foldFilter}
            nothingFoundMessage={t('common.nothingFound')}
            data={provinceOptions}
            value={provinceCode}
            onChange={setProvinceCode}
          />
          <Select
            label={t('press.compliance.orgKind')}
            placeholder={t('press.items.all')}
            clearable
            data={ORG_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            value={orgKind}
            onChange={setOrgKind}
          />
        </Group>
      </Paper>
      {summary && (
        <Paper withBorder p="md" component="section" aria-labelledby="compliance-summary-title" data-testid="compliance-summary">
          <Title order={3} size="h5" id="compliance-summary-title">
            {t('press.compliance.summaryTitle')}
          </Title>
          <div>
            {t('press.compliance.dueSoon', {
              count: summary.due,
              days: summary.daysLeft,
              lastDay: fmtDate(summary.lastDay, i18n.language),
            })}
          </div>
          <div>
            {summary.graceOpen
              ? t('press.compliance.overdueGrace', { count: summary.overdue, period: summary.prevId, graceEnd: summary.graceEnd })
              : t('press.compliance.overdue', { count: summary.overdue, period: summary.prevId })}
          </div>
        </Paper>
      )}
      {data.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={data.error} />
      {r && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Paper withBorder p="md" data-testid="t1-value">
              <Text size="sm" c="gray.7">
                {t('press.compliance.t1')}
              </Text>
              <Title order={3}>{fmtPercent(r.value, i18n.language)}</Title>
              <Text size="sm">{t('press.compliance.fraction', { numerator: r.numerator, denominator: r.denominator })}</Text>
            </Paper>
            <Paper withBorder p="md">
              <Text size="sm" c="gray.7">
                {t('press.compliance.period')}
              </Text>
              <Title order={3}>{L.period(r.period.id)}</Title>
              <Text size="sm">
                {fmtDate(r.period.firstDay, i18n.language)} → {fmtDate(r.period.lastDay, i18n.language)} ·{' '}
                {t('press.compliance.grace', { count: r.graceDays })}
              </Text>
            </Paper>
            <Paper withBorder p="md">
              <Text size="sm" c="gray.7">
                {t('press.compliance.export')}
              </Text>
              <DownloadLink href={`/api/press/compliance.xlsx${complianceQs(filters)}`} testId="compliance-export">
                {t('press.compliance.exportLink')}
              </DownloadLink>
            </Paper>
          </SimpleGrid>
          <ScrollBox minWidth={900}>
            <Table striped data-testid="compliance-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('press.compliance.agency')}</Table.Th>
                  <Table.Th scope="col">{t('press.compliance.province')}</Table.Th>
                  <Table.Th scope="col">{t('press.compliance.spokesperson')}</Table.Th>
                  <Table.Th scope="col">{t('press.compliance.information')}</Table.Th>
                  <Table.Th scope="col">{t('press.compliance.items')}</Table.Th>
                  <Table.Th scope="col">{t('press.compliance.compliant')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.rows.map((row) => (
                  <Table.Tr key={row.organisationId} data-testid={`compliance-row-${row.code}`}>
                    <Table.Td>
                      {row.nameVi}{' '}
                      <Text span size="xs" c="gray.7">
                        ({row.code})
                      </Text>
                    </Table.Td>
                    <Table.Td>{row.provinceCode ?? '—'}</Table.Td>
                    <Table.Td>{row.spokespersonId ? t('common.yes') : t('common.no')}</Table.Td>
                    <Table.Td>
                      <Text span size="sm" fw={600} data-testid="compliance-information">
                        {t(`press.compliance.info.${row.information}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        {row.itemIds.map((id) => (
                          <Link key={id} to={`/press?item=${id}`} data-testid={`compliance-item-${id}`}>
                            #{id}
                          </Link>
                        ))}
                        {row.itemCount > row.itemIds.length && (
                          <Text span size="xs" c="gray.7">
                            {t('press.compliance.moreItems', { count: row.itemCount - row.itemIds.length })}
                          </Text>
                        )}
                        {row.predecessorIds.length > 0 && (
                          <Text span size="xs" c="gray.7">
                            {t('press.compliance.predecessors', { count: row.predecessorIds.length })}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{row.compliant ? t('common.yes') : t('common.no')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
          <Paper withBorder p="md" component="section" aria-labelledby="method-note-title">
            <Title order={3} size="h5" id="method-note-title">
              {t('press.compliance.methodNote')}
            </Title>
            <Text size="sm" data-testid="method-note">
              {i18n.language === 'en' ? r.methodNote.en : r.methodNote.vi}
            </Text>
          </Paper>
        </>
      )}
    </Stack>
  );
}
