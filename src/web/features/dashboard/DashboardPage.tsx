// The programme office's morning view: a card per target (value against target and trajectory, status, trend),
// the province map coloured by the chosen indicator, breakdowns, reports. Filters live in the URL.
import { useEffect } from 'react';
import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useSearchParams } from '../../app/router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { langOf, useDashboard, useScope } from '../indicators/api';
import { BreakdownTable, IndicatorCards, IndicatorMap, Loading, ReportLinks, ScopeFilters } from '../indicators/IndicatorBoard';
import { CycleCard } from '../cycle/CycleCard';
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
      <ScopeFilters scope={scope} setScope={setScope} />
      <ReportLinks scope={scope} />
      <CycleCard scope={scope} />
      <Loading pending={data.isPending} error={data.error} />
      {d && (
        <>
          <Title order={3} size="h4">
            {t('dashboard.targets')} — {d.scope.period.id} ({fmtDate(d.scope.period.firstDay, i18n.language)} →{' '}
            {fmtDate(d.scope.period.lastDay, i18n.language)})
          </Title>
          <IndicatorCards data={d} scope={scope} />
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
          <Text size="xs" c="gray.7" data-testid="status-rule">
            <b>{t('indicators.statusRule')}:</b> {d.statusRule[lang]}
          </Text>
        </>
      )}
    </Stack>
  );
}
