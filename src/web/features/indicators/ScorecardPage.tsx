// A province's or an organisation's scorecard: every target for that scope (same cards as the dashboard),
// the breakdown by organisation kind, and links to the records. Reached from the map or the tables.
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useOrganisation, useUnits } from '../organisations/api';
import { langOf, scopeSearch, useDashboard, useScope } from './api';
import { BreakdownTable, IndicatorCards, Loading, ReportLinks, ScopeFilters, StatusSummaryLine } from './IndicatorBoard';

export function ScorecardPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [scope, setScope] = useScope();
  const units = useUnits(scope.map);
  const data = useDashboard(scope);
  const d = data.data;
  const unit = units.data?.find((u) => u.code === scope.province);
  const org = useOrganisation(scope.organisationId ? Number(scope.organisationId) : null);
  const orgName = org.data ? (lang === 'en' && org.data.nameEn) || org.data.nameVi : null;
  const title = scope.organisationId
    ? t('indicators.scorecardOrganisation', { name: orgName ?? `#${scope.organisationId}` })
    : unit
      ? t('indicators.scorecardProvince', { name: lang === 'en' ? unit.nameEn : unit.nameVi, map: scope.map })
      : t('indicators.scorecard');
  useDocumentTitle(title);
  return (
    <Stack>
      <Anchor component={Link} to={`/${scopeSearch({ ...scope, province: null, organisationId: null })}`}>
        ← {t('nav.dashboard')}
      </Anchor>
      <Title order={2} data-testid="scorecard-title">
        {title}
      </Title>
      <ScopeFilters scope={scope} setScope={setScope} showOrganisation />
      <ReportLinks scope={scope} />
      <Loading pending={data.isPending} error={data.error} />
      {d && (
        <>
          <StatusSummaryLine data={d} />
          <IndicatorCards data={d} scope={scope} />
          {d.indicators
            .filter((x) => x.available)
            .map((def) => {
              const fig = d.figures.find((f) => f.id === def.id);
              return fig ? (
                <section key={def.id} aria-label={def.name[lang]}>
                  <Title order={3} size="h5">
                    {def.id} — {def.name[lang]}
                  </Title>
                  {def.breakdowns.includes('orgKind') && <BreakdownTable def={def} fig={fig} scope={scope} breakdown="orgKind" />}
                  <Text size="sm">
                    <Link to={`/indicators/records${scopeSearch(scope, { id: def.id, part: 'denominator' })}`}>
                      {t('indicators.allRecords')}
                    </Link>
                  </Text>
                </section>
              ) : null;
            })}
        </>
      )}
    </Stack>
  );
}
