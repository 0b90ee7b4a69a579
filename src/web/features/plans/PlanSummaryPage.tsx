// Plan vs actual of a year for every plan the reader sees: by source, by target, by province (34-unit map, or the
// 63-unit map through the crosswalk, merged provinces attributed) and by organisation; the same figures as an Excel file.
import { Anchor, Card, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { workspacePage } from '../../../shared/contracts/links';
import { ORG_KINDS } from '../../../shared/contracts/directory';
import type { SourceAmounts } from '../../../shared/contracts/plans';
import { Link, setSearchParams, useSearchParams } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { qs } from '../../lib/api';
import { DownloadLink } from '../../lib/TransferProgress';
import { useUnits } from '../organisations/api';
import { defaultYear, formatShare, formatVnd, PLAN_YEARS, usePlanSummary } from './api';
import { PlanStatusBadge } from './PlansPage';
import { ScrollBox } from '../../components/ScrollTable';

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      <ScrollBox minWidth={700}>{children}</ScrollBox>
    </Card>
  );
}

export function PlanSummaryPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  useDocumentTitle(t('plans.summary.title'));
  const sp = useSearchParams();
  const year = Number(sp.get('year')) || defaultYear();
  const map: '34' | '63' = sp.get('map') === '63' ? '63' : '34';
  const province = sp.get('province') ?? '';
  const orgKind = sp.get('orgKind') ?? '';
  const scope = { year, map, province: province || undefined, orgKind: orgKind || undefined };
  const summary = usePlanSummary(scope);
  const units = useUnits(map);
  const go = (patch: Record<string, string | number | null>) => setSearchParams({ ...scope, ...patch });
  const s = summary.data;
  const money = (x: number) => formatVnd(x, lang);
  const head = (...labels: string[]) => (
    <Table.Thead>
      <Table.Tr>
        {labels.map((l, i) => (
          <Table.Th key={l} scope="col" ta={i > 0 ? 'right' : undefined}>
            {l}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
  const cells = (planned: SourceAmounts, spent: SourceAmounts) => (
    <>
      <Table.Td ta="right">{money(planned.total)}</Table.Td>
      <Table.Td ta="right">{money(spent.total)}</Table.Td>
      <Table.Td ta="right">{formatShare(spent.total, planned.total, lang)}</Table.Td>
    </>
  );
  const money3 = [t('plans.planned'), t('plans.spent'), t('plans.summary.execution')];
  return (
    <Stack>
      <Anchor component={Link} to="/plans">
        {t('plans.back')}
      </Anchor>
      <Title order={1}>{t('plans.summary.title')}</Title>
      <Text c="dimmed">{t('plans.summary.intro')}</Text>
      <Group align="end">
        <Select
          label={t('plans.year')}
          data={PLAN_YEARS.map(String)}
          value={String(year)}
          allowDeselect={false}
          onChange={(v) => go({ year: v })}
          data-testid="summary-year"
        />
        <div>
          <Text component="span" size="sm" fw={500} display="block" mb={4} id="summary-map-label">
            {t('plans.summary.map')}
          </Text>
          <SegmentedControl
            aria-labelledby="summary-map-label"
            value={map}
            onChange={(v) => go({ map: v, province: null })}
            data={[
              { value: '34', label: t('plans.summary.map34') },
              { value: '63', label: t('plans.summary.map63') },
            ]}
            data-testid="summary-map"
          />
        </div>
        <Select
          label={t('indicators.province')}
          placeholder={t('indicators.all')}
          clearable
          searchable
          data={(units.data ?? []).map((u) => ({ value: u.code, label: lang === 'en' ? u.nameEn : u.nameVi }))}
          value={province || null}
          onChange={(v) => go({ province: v })}
        />
        <Select
          label={t('indicators.orgKind')}
          placeholder={t('indicators.all')}
          clearable
          data={ORG_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          value={orgKind || null}
          onChange={(v) => go({ orgKind: v })}
        />
        <DownloadLink href={`/api/plans/summary.xlsx${qs({ ...scope, lang })}`} testId="summary-xlsx">
          {t('plans.summary.download')}
        </DownloadLink>
      </Group>
      <ErrorAlert error={summary.error} />
      {s && (
        <>
          <Text size="sm" aria-live="polite">
            {t('plans.summary.plans', { count: s.plans })}
          </Text>
          <Section title={t('plans.summary.bySource')} id="summary-source">
            <Table striped data-testid="summary-by-source">
              {head(t('plans.spendingFields.source'), ...money3)}
              <Table.Tbody>
                {s.bySource.map((x) => (
                  <Table.Tr key={x.source}>
                    <Table.Td>{t(`plans.sources.${x.source}`)}</Table.Td>
                    <Table.Td ta="right">{money(x.planned)}</Table.Td>
                    <Table.Td ta="right">{money(x.spent)}</Table.Td>
                    <Table.Td ta="right">{formatShare(x.spent, x.planned, lang)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr fw={700}>
                  <Table.Td>{t('plans.summary.total')}</Table.Td>
                  {cells(s.total.planned, s.total.spent)}
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Section>
          <Section title={t('plans.summary.byTarget')} id="summary-target">
            <Table striped data-testid="summary-by-target">
              {head(t('plans.activity.targets'), t('plans.summary.activities'), ...money3)}
              <Table.Tbody>
                {s.byTarget.map((x) => (
                  <Table.Tr key={x.target}>
                    <Table.Td>{t(`plans.targets.${x.target}`)}</Table.Td>
                    <Table.Td ta="right">{x.activities}</Table.Td>
                    {cells(x.planned, x.spent)}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
          <Section title={t('plans.summary.byProvince')} id="summary-province">
            <Text size="xs" c="dimmed" mb="xs">
              {t('plans.summary.onlyWithPlans')}
              {map === '63' ? ` ${t('plans.summary.attributedNote')}` : ''}
            </Text>
            <Table striped data-testid="summary-by-province">
              {head(t('indicators.province'), t('plans.summary.organisations'), ...money3)}
              <Table.Tbody>
                {s.byProvince
                  .filter((x) => x.organisations > 0)
                  .map((x) => (
                    <Table.Tr key={x.key}>
                      <Table.Td>
                        {lang === 'en' ? x.nameEn : x.nameVi}
                        {x.attributed ? ' *' : ''}
                      </Table.Td>
                      <Table.Td ta="right">{x.organisations}</Table.Td>
                      {cells(x.planned, x.spent)}
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Section>
          <Section title={t('plans.summary.byOrganisation')} id="summary-organisation">
            <Table striped data-testid="summary-by-organisation">
              {head(t('plans.organisation'), t('plans.status'), ...money3)}
              <Table.Tbody>
                {s.byOrganisation.map((x) => (
                  <Table.Tr key={x.planId}>
                    <Table.Td>
                      <Link to={workspacePage.plan(x.planId)}>{x.name}</Link>
                    </Table.Td>
                    <Table.Td ta="right">
                      <PlanStatusBadge status={x.status} />
                    </Table.Td>
                    {cells(x.planned, x.spent)}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
        </>
      )}
    </Stack>
  );
}
