// The programme office's morning view: where the targets stand in one line, a card per target (value against the
// scope's target and trajectory, coloured by status, in the decision's order or the worst first), the province map
// coloured by the chosen indicator, breakdowns (the worst provinces first), reports; for an editor, its organisation's
// own view first. Filters and the order live in the URL.
import { useEffect } from 'react';
import { Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useSearchParams } from '../../app/router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { langOf, periodText, useDashboard, useScope } from '../indicators/api';
import {
  BreakdownTable,
  IndicatorCards,
  IndicatorMap,
  Loading,
  ReportLinks,
  ScopeFilters,
  StatusSummaryLine,
} from '../indicators/IndicatorBoard';
import { CycleCard } from '../cycle/CycleCard';
import { MyOrganisationCard } from './MyOrganisationCard';
import { ReachPanel } from './ReachPanel';
import { fmtDate } from '../../lib/format';

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('nav.dashboard'));
  const [scope, setScope] = useScope();
  // A provincial coordinator's dashboard opens on its province.
  useEffect(() => {
    if (me?.role === 'coordinator' && me.provinceCode && !scope.province) setScope({ province: me.provinceCode });
  }, [me?.role, me?.provinceCode]); // eslint-disable-line react-hooks/exhaustive-deps
  const params = useSearchParams();
  const indicator = params.get('indicator') ?? 'T1';
  const order = params.get('sort') === 'status' ? 'status' : 'target';
  const data = useDashboard(scope);
  const lang = langOf(i18n.language);
  const d = data.data;
  const mapDef = d?.indicators.find((x) => x.id === indicator && x.available) ?? d?.indicators.find((x) => x.available);
  const mapFig = mapDef && d?.figures.find((f) => f.id === mapDef.id);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('nav.dashboard')}</Title>
        <Text size="sm" c="gray.7" data-testid="welcome-card">
          {t('dashboard.welcome', { name: me?.displayName ?? '' })} ·{' '}
          {me?.organisationName ? t('dashboard.organisation', { name: me.organisationName }) : t('dashboard.noOrganisation')}
        </Text>
      </Group>
      {me?.role === 'editor' && me.organisationId && <MyOrganisationCard me={me} scope={scope} />}
      <ScopeFilters scope={scope} setScope={setScope} />
      <ReportLinks scope={scope} />
      <CycleCard scope={scope} />
      <Loading pending={data.isPending} error={data.error} />
      {d && (
        <>
          <Title order={3} size="h4">
            {t('dashboard.targets')} — {periodText(d.scope.period.id, lang)} ({fmtDate(d.scope.period.firstDay, i18n.language)} →{' '}
            {fmtDate(d.scope.period.lastDay, i18n.language)})
          </Title>
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <StatusSummaryLine data={d} />
            <div>
              <Text size="sm" fw={500} id="target-order-label" mb={4}>
                {t('indicators.order.label')}
              </Text>
              <SegmentedControl
                aria-labelledby="target-order-label"
                data-testid="target-order"
                value={order}
                onChange={(v) => setScope({ sort: v === 'status' ? 'status' : null })}
                data={[
                  { value: 'target', label: t('indicators.order.target') },
                  { value: 'status', label: t('indicators.order.status') },
                ]}
              />
            </div>
          </Group>
          <IndicatorCards data={d} scope={scope} order={order} />
          <IndicatorMap data={d} scope={scope} indicator={mapDef?.id ?? 'T1'} setIndicator={(id) => setScope({ indicator: id })} />
          {mapDef && mapFig && (
            <Card withBorder padding="md" component="section" aria-labelledby="breakdown-title">
              <Title order={3} size="h5" id="breakdown-title">
                {t('indicators.breakdownsOf', { name: mapDef.name[lang] })}
              </Title>
              {mapDef.breakdowns
                .filter((b) => b !== 'province')
                .map((b) => (
                  <BreakdownTable key={b} def={mapDef} fig={mapFig} scope={scope} breakdown={b} />
                ))}
              <BreakdownTable def={mapDef} fig={mapFig} scope={scope} breakdown="province" />
              <Text size="sm" mt="sm" data-testid="method-note">
                <b>{t('indicators.methodNote')}:</b> {mapDef.methodNote[lang]}
              </Text>
            </Card>
          )}
          <ReachPanel scope={scope} />
          <Text size="xs" c="gray.7" data-testid="status-rule">
            <b>{t('indicators.statusRule')}:</b> {d.statusRule[lang]}
          </Text>
        </>
      )}
    </Stack>
  );
}
