// The indicator cards and the province map for one scope: used by the dashboard and by the province and
// organisation scorecards. Every figure links to the records behind it.
import { Badge, Button, Card, Group, Loader, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardResult, IndicatorDefinition, IndicatorFigure } from '../../../shared/contracts/indicators';
import { ORG_KINDS } from '../../../shared/contracts/directory';
import { Link, navigate } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { ProvinceMap } from '../../components/ProvinceMap';
import { DownloadLink } from '../../lib/TransferProgress';
import { useUnits } from '../organisations/api';
import { breakdownLabel, periodLabel, targetCode } from '../../lib/labels';
import {
  currentYear,
  figureOf,
  fmt,
  langOf,
  orderTargets,
  periodOptions,
  reportHref,
  scopeSearch,
  STATUS_COLOUR,
  STATUS_ICON,
  targetText,
  worstFirst,
  type Scope,
} from './api';
import { ScrollBox } from '../../components/ScrollTable';

/** A small trend line (inline SVG) with the values as its accessible name. */
export function Sparkline({
  points,
  unit,
  label,
}: {
  points: { period: string; value: number | null }[];
  unit: 'percent' | 'count';
  label: string;
}) {
  const { i18n } = useTranslation();
  const vals = points.map((p) => p.value);
  const max = unit === 'percent' ? 1 : Math.max(1, ...vals.map((v) => v ?? 0));
  const w = 120,
    h = 32,
    step = points.length > 1 ? w / (points.length - 1) : 0;
  const xy = points.map((p, i) => (p.value === null ? null : ([i * step, h - 2 - (p.value / max) * (h - 4)] as const)));
  const d = xy.map((c, i) => (c ? `${i === 0 || !xy[i - 1] ? 'M' : 'L'}${c[0].toFixed(1)},${c[1].toFixed(1)}` : '')).join(' ');
  const text = points
    .map((p) => `${periodLabel(p.period, langOf(i18n.language))}: ${fmt(p.value, unit, langOf(i18n.language))}`)
    .join('; ');
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${label}: ${text}`}>
      <title>{text}</title>
      <path d={d} fill="none" stroke="#2b5799" strokeWidth={2} />
      {xy.map((c, i) => (c ? <circle key={i} cx={c[0]} cy={c[1]} r={2.5} fill="#2b5799" /> : null))}
    </svg>
  );
}

/** The CSS colour of a Mantine colour key such as 'teal.8'. */
const cssColour = (key: string) => `var(--mantine-color-${key.replace('.', '-')})`;

function IndicatorCard({ def, fig, scope }: { def: IndicatorDefinition; fig: IndicatorFigure | undefined; scope: Scope }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const name = def.name[lang];
  // The target this scope is judged against (a province's own for T3); null: a national count, not judged here.
  const target = fig ? (fig.target === undefined ? def.target : fig.target) : def.target;
  const judged = Boolean(def.available && fig && target);
  const status = judged && fig ? fig.status : 'no_data';
  const own = Boolean(fig && target && JSON.stringify(target) !== JSON.stringify(def.target));
  // "No data" never stands beside a value: a judged figure without data shows no value.
  const shown = fig && judged && status === 'no_data' ? null : (fig?.value ?? null);
  return (
    <Card
      withBorder
      padding="md"
      data-testid={`target-${def.id}`}
      data-status={judged ? status : 'not_judged'}
      component="section"
      aria-labelledby={`card-${def.id}`}
      style={{ borderLeft: `6px solid ${cssColour(judged ? STATUS_COLOUR[status] : 'gray.4')}` }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text fw={600} id={`card-${def.id}`}>
          {name}
        </Text>
        <Badge variant="outline" tt="none" style={{ flexShrink: 0 }}>
          {targetCode(def.id)}
        </Badge>
      </Group>
      {!def.available || !fig ? (
        <Text size="sm" c="gray.7" mt="sm" data-testid="no-data-source">
          {t('indicators.noDataSource', { module: t(`nav.${def.module}`) })}
        </Text>
      ) : (
        <Stack gap={4} mt="sm">
          <Group justify="space-between" align="flex-end">
            <div>
              <Text component="div" fz={28} fw={700} data-testid="figure-value">
                {fmt(shown, def.unit, lang)}
              </Text>
              <Text size="sm">
                {def.unit === 'percent' ? (
                  <Link to={`/indicators/records${scopeSearch(scope, { id: def.id, part: 'numerator' })}`} data-testid="figure-fraction">
                    {t('indicators.fraction', { numerator: fig.numerator, denominator: fig.denominator })}
                  </Link>
                ) : (
                  <Link to={`/indicators/records${scopeSearch(scope, { id: def.id, part: 'numerator' })}`} data-testid="figure-fraction">
                    {t('indicators.records', { count: fig.numerator })}
                  </Link>
                )}
              </Text>
              {def.pendingLabel && fig.pending !== undefined && (
                <Text size="sm" data-testid="figure-pending">
                  <Link to={`/indicators/records${scopeSearch(scope, { id: def.id, part: 'pending' })}`}>
                    {t('indicators.pending', {
                      count: fig.pending,
                      share: fmt(fig.denominator ? fig.pending / fig.denominator : null, 'percent', lang),
                      label: def.pendingLabel[lang],
                    })}
                  </Link>
                </Text>
              )}
            </div>
            <Sparkline points={fig.trend} unit={def.unit} label={t('indicators.trend')} />
          </Group>
          {target ? (
            <Text size="sm" data-testid="figure-target">
              {own ? t('indicators.ownTarget') : t('indicators.target')}: {targetText(def, lang, target)} · {t('indicators.expected')}:{' '}
              {/* a count is expected in whole records */}
              {fmt(def.unit === 'count' && fig.expected !== null ? Math.round(fig.expected) : fig.expected, def.unit, lang)}
            </Text>
          ) : (
            <Text size="sm" data-testid="figure-no-target">
              {t('indicators.noScopeTarget', { target: targetText(def, lang) })}
            </Text>
          )}
          <Group gap="xs">
            {target && (
              <Badge color={STATUS_COLOUR[status]} variant="dot" size="lg" data-testid="figure-status">
                {STATUS_ICON[status]} {t(`indicators.status.${status}`)}
              </Badge>
            )}
            {/* For a ceiling (T5b: below 10%) the records that do not count are not a shortfall. */}
            {def.target.kind !== 'below' && fig.denominator !== null && fig.numerator < fig.denominator && (
              <Link to={`/indicators/records${scopeSearch(scope, { id: def.id, part: 'gap' })}`}>
                {t('indicators.gapLink', { count: fig.denominator - fig.numerator })}
              </Link>
            )}
          </Group>
        </Stack>
      )}
    </Card>
  );
}

export function ScopeFilters({
  scope,
  setScope,
  showOrganisation = false,
}: {
  scope: Scope;
  setScope: (p: Partial<Scope>) => void;
  showOrganisation?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const units = useUnits(scope.map);
  const lang = langOf(i18n.language);
  const provinceOptions = (units.data ?? []).map((u) => ({ value: u.code, label: `${lang === 'en' ? u.nameEn : u.nameVi} (${u.code})` }));
  return (
    <Paper withBorder p="md" component="section" aria-label={t('indicators.filters')}>
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('indicators.period')}
          data={periodOptions(lang, Number(currentYear()))}
          value={scope.period}
          onChange={(v) => v && setScope({ period: v })}
          allowDeselect={false}
          searchable
          maxDropdownHeight={320}
          data-testid="period-select"
          w={200}
        />
        <div>
          <Text size="sm" fw={500} id="map-version-label" mb={4}>
            {t('indicators.map')}
          </Text>
          <SegmentedControl
            aria-labelledby="map-version-label"
            data-testid="map-toggle"
            value={scope.map}
            onChange={(v) => setScope({ map: v as '34' | '63', province: null })}
            data={[
              { value: '34', label: t('indicators.map34') },
              { value: '63', label: t('indicators.map63') },
            ]}
          />
        </div>
        <Select
          label={t('indicators.province')}
          placeholder={t('indicators.all')}
          clearable
          searchable
          filter={foldFilter}
          nothingFoundMessage={t('common.nothingFound')}
          data={provinceOptions}
          value={scope.province}
          onChange={(v) => setScope({ province: v })}
          w={240}
          data-testid="province-select"
        />
        <Select
          label={t('indicators.orgKind')}
          placeholder={t('indicators.all')}
          clearable
          data={ORG_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          value={scope.orgKind}
          onChange={(v) => setScope({ orgKind: v })}
          w={240}
        />
        {showOrganisation && scope.organisationId && (
          <Button variant="subtle" onClick={() => setScope({ organisationId: null })}>
            {t('indicators.clearOrganisation')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

export function ReportLinks({ scope }: { scope: Scope }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <Group gap="md" align="flex-start" data-testid="report-links">
      <Text size="sm" fw={600}>
        {t('indicators.reports')}:
      </Text>
      <DownloadLink href={reportHref(scope, 'xlsx', lang)} testId="report-xlsx">
        {t('indicators.reportXlsx')}
      </DownloadLink>
      <DownloadLink href={reportHref(scope, 'docx', lang)} testId="report-docx">
        {t('indicators.reportDocx')}
      </DownloadLink>
    </Group>
  );
}

/** Cards for every target for one scope: T1…T6 as in the decision, or the worst status first. */
export function IndicatorCards({ data, scope, order = 'target' }: { data: DashboardResult; scope: Scope; order?: 'target' | 'status' }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="target-cards">
      {orderTargets(data, order).map((d) => (
        <IndicatorCard key={d.id} def={d} fig={figureOf(data, d.id)} scope={scope} />
      ))}
    </SimpleGrid>
  );
}

const SUMMARY_PARTS = [
  ['onTrack', 'on_track'],
  ['atRisk', 'at_risk'],
  ['behind', 'off_track'],
  ['noData', 'no_data'],
] as const;

/** Where the targets stand in one line: "7 đúng tiến độ · 2 có nguy cơ · 1 chậm tiến độ · 2 chưa có số liệu". */
export function StatusSummaryLine({ data }: { data: DashboardResult }) {
  const { t } = useTranslation();
  const s = data.summary;
  const parts: { key: string; colour: string; icon: string; text: string }[] = SUMMARY_PARTS.map(([k, st]) => ({
    key: k,
    colour: STATUS_COLOUR[st],
    icon: STATUS_ICON[st],
    text: t(`indicators.summary.${k}`, { count: s[k] }),
  }));
  if (s.noTarget)
    parts.push({ key: 'noTarget', colour: 'gray.4', icon: '', text: t('indicators.summary.noTarget', { count: s.noTarget }) });
  return (
    <Text
      fw={600}
      data-testid="status-summary"
      style={{ flex: '1 1 16rem', minWidth: 0 }}
      aria-label={`${t('indicators.summary.label')}: ${parts.map((p) => p.text).join(', ')}`}
    >
      {parts.map((p, i) => (
        <Fragment key={p.key}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          <span data-testid={`summary-${p.key}`}>
            <span aria-hidden="true" style={{ color: cssColour(p.colour) }}>
              ●
            </span>{' '}
            {p.text}
          </span>
        </Fragment>
      ))}
    </Text>
  );
}

/** The province map coloured by one indicator, with its table; a province opens its scorecard. */
export function IndicatorMap({
  data,
  scope,
  indicator,
  setIndicator,
}: {
  data: DashboardResult;
  scope: Scope;
  indicator: string;
  setIndicator: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const available = data.indicators.filter((d) => d.available && d.breakdowns.includes('province'));
  const def = available.find((d) => d.id === indicator) ?? available[0];
  if (!def) return null;
  const fig = figureOf(data, def.id);
  const rows = (fig?.breakdowns.province ?? []).filter((r) => r.key !== '_none');
  const open = (code: string) => `/scorecard${scopeSearch({ ...scope, province: code })}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="map-title">
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={3} size="h4" id="map-title">
          {t('indicators.mapTitle', { name: def.name[lang], map: scope.map })}
        </Title>
        <Select
          label={t('indicators.mapIndicator')}
          data={available.map((d) => ({ value: d.id, label: `${d.id} — ${d.name[lang]}` }))}
          value={def.id}
          onChange={(v) => v && setIndicator(v)}
          allowDeselect={false}
          w={360}
          data-testid="map-indicator"
        />
      </Group>
      <ProvinceMap
        mapVersion={scope.map}
        unit={def.unit}
        title={t('indicators.mapTitle', { name: def.name[lang], map: scope.map })}
        values={rows.map((r) => ({
          code: r.key,
          value: r.value === null ? null : def.unit === 'percent' ? r.value * 100 : r.value,
          text: `${fmt(r.value, def.unit, lang)}${r.denominator !== null ? ` (${r.numerator}/${r.denominator})` : ''}${r.attributed ? ` — ${t('indicators.attributed')}` : ''}`,
        }))}
        onSelect={(code) => navigate(open(code))}
      />
      {scope.map === '63' && (
        <Text size="xs" c="gray.7" mt="xs">
          {t('indicators.attributedNote')}
        </Text>
      )}
    </Paper>
  );
}

/** One breakdown of a figure as a table, each row drilling down to its records. */
export function BreakdownTable({
  def,
  fig,
  scope,
  breakdown,
}: {
  def: IndicatorDefinition;
  fig: IndicatorFigure;
  scope: Scope;
  breakdown: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const all = (fig.breakdowns[breakdown as keyof typeof fig.breakdowns] ?? []).filter((r) => r.denominator !== 0 || r.numerator > 0);
  // Provinces: the worst first, each with its status against its own target; the row without a province last.
  const byProvince = breakdown === 'province';
  const rows = byProvince
    ? [
        ...worstFirst(
          all.filter((r) => r.key !== '_none'),
          fig.target ?? def.target,
        ),
        ...all.filter((r) => r.key === '_none'),
      ]
    : all;
  const withStatus = byProvince && rows.some((r) => r.status && r.key !== '_none');
  return (
    <ScrollBox minWidth={500}>
      <Table striped data-testid={`breakdown-${breakdown}`}>
        <Table.Caption>{t(`indicators.breakdown.${breakdown}`)}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t(`indicators.breakdown.${breakdown}`)}</Table.Th>
            <Table.Th scope="col">{t('indicators.value')}</Table.Th>
            <Table.Th scope="col">{t('indicators.numerator')}</Table.Th>
            {def.unit === 'percent' && <Table.Th scope="col">{t('indicators.denominator')}</Table.Th>}
            {def.pendingLabel && <Table.Th scope="col">{def.pendingLabel[lang]}</Table.Th>}
            {withStatus && <Table.Th scope="col">{t('indicators.statusColumn')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>
                {breakdown === 'province' && r.key !== '_none' ? (
                  <Link to={`/scorecard${scopeSearch({ ...scope, province: r.key })}`}>
                    {breakdownLabel(breakdown, r.key, r.label)[lang]}
                  </Link>
                ) : (
                  breakdownLabel(breakdown, r.key, r.label)[lang]
                )}
                {r.attributed ? ' *' : ''}
              </Table.Td>
              <Table.Td>{fmt(r.value, def.unit, lang)}</Table.Td>
              <Table.Td>
                <Link to={`/indicators/records${scopeSearch(scope, { id: def.id, part: 'numerator', breakdown, key: r.key })}`}>
                  {r.numerator}
                </Link>
              </Table.Td>
              {def.unit === 'percent' && (
                <Table.Td>
                  <Link to={`/indicators/records${scopeSearch(scope, { id: def.id, part: 'denominator', breakdown, key: r.key })}`}>
                    {r.denominator}
                  </Link>
                </Table.Td>
              )}
              {def.pendingLabel && (
                <Table.Td>
                  <Link to={`/indicators/records${scopeSearch(scope, { id: def.id, part: 'pending', breakdown, key: r.key })}`}>
                    {r.pending ?? 0}
                  </Link>
                </Table.Td>
              )}
              {withStatus && (
                <Table.Td data-testid="row-status">
                  {r.status && r.key !== '_none' && (r.status !== 'no_data' || r.value === null) ? (
                    <Badge color={STATUS_COLOUR[r.status]} variant="dot">
                      {STATUS_ICON[r.status]} {t(`indicators.status.${r.status}`)}
                    </Badge>
                  ) : null}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollBox>
  );
}

export function Loading({ pending, error }: { pending: boolean; error: unknown }) {
  const { t } = useTranslation();
  return (
    <>
      {pending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={error} />
    </>
  );
}
