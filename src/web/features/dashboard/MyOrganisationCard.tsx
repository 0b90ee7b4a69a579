// An editor's own view on the dashboard: what its organisation must report (the cycle's due reports), the work
// returned to it (reports and plans), and where it stands on T1 (spokesperson and periodic press information) in the
// period the dashboard shows. Reads existing routes only: /api/cycle/due, /api/plans, /api/indicators/T1/records.
import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../shared/contracts/directory';
import { Link } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDue } from '../cycle/api';
import { StatusBadge } from '../cycle/parts';
import { langOf, periodText, scopeSearch, STATUS_COLOUR, STATUS_ICON, useDrill, type Scope } from '../indicators/api';
import { usePlans } from '../plans/api';

export function MyOrganisationCard({ me, scope }: { me: Me; scope: Scope }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const orgId = me.organisationId!;
  const due = useDue();
  const mine = (due.data ?? []).filter((d) => d.organisationId === orgId && !d.period.close);
  const toDo = mine.filter((d) => !d.report || d.report.status === 'draft' || d.report.status === 'returned');
  const returnedReports = mine.filter((d) => d.report?.status === 'returned');
  const plans = usePlans({ organisationId: orgId, status: 'returned' });
  const returnedPlans = plans.data?.items ?? [];
  const own: Scope = { period: scope.period, map: scope.map, province: null, orgKind: null, organisationId: String(orgId) };
  const t1 = useDrill('T1', own, { part: 'denominator', offset: 0, limit: 1 });
  const t1Record = t1.data?.records[0];
  const t1Status = t1Record ? (t1Record.counts ? 'on_track' : 'off_track') : null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="my-org-h" data-testid="my-organisation">
      <Group justify="space-between" align="flex-start">
        <Title order={3} size="h5" id="my-org-h">
          {t('indicators.mine.title', { name: me.organisationName ?? '' })}
        </Title>
        <Anchor component={Link} to={`/scorecard${scopeSearch(own)}`} size="sm">
          {t('indicators.mine.scorecard')}
        </Anchor>
      </Group>
      <ErrorAlert error={due.error ?? plans.error ?? t1.error} />
      <Stack gap="sm" mt="xs">
        <div data-testid="my-due">
          <Text size="sm" fw={600}>
            {t('indicators.mine.due', { count: toDo.length })}
          </Text>
          {mine.length ? (
            <List size="sm" spacing={4}>
              {mine.map((d) => (
                <List.Item key={d.period.id}>
                  <Group gap="xs" wrap="wrap">
                    {d.report ? (
                      <Anchor component={Link} to={`/cycle/report?id=${d.report.id}`}>
                        {d.period.label[lang]}
                      </Anchor>
                    ) : (
                      <Anchor component={Link} to="/cycle?tab=due">
                        {d.period.label[lang]}
                      </Anchor>
                    )}
                    <Text size="sm" c="gray.7">
                      {t('indicators.mine.deadline', { day: d.period.deadline })}
                    </Text>
                    {d.report ? (
                      <StatusBadge status={d.report.status} awaiting={d.report.awaiting} />
                    ) : (
                      // not started: a dot and the word in text colour (the cycle's light badge is unreadable here)
                      <Badge color="red.9" variant="dot" styles={{ label: { color: 'var(--mantine-color-text)' } }}>
                        {t('cycle.status.none')}
                      </Badge>
                    )}
                  </Group>
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm" c="gray.7">
              {t('indicators.mine.nothingDue')}
            </Text>
          )}
        </div>
        <div data-testid="my-returned">
          <Text size="sm" fw={600}>
            {t('indicators.mine.returned', { count: returnedReports.length + returnedPlans.length })}
          </Text>
          {returnedReports.length + returnedPlans.length > 0 ? (
            <List size="sm" spacing={4}>
              {returnedReports.map((d) => (
                <List.Item key={`r${d.report!.id}`}>
                  <Anchor component={Link} to={`/cycle/report?id=${d.report!.id}`}>
                    {t('indicators.mine.returnedReport', { period: d.period.label[lang] })}
                  </Anchor>
                </List.Item>
              ))}
              {returnedPlans.map((p) => (
                <List.Item key={`p${p.id}`}>
                  <Anchor component={Link} to={`/plans?id=${p.id}`}>
                    {t('indicators.mine.returnedPlan', { year: p.year })}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm" c="gray.7">
              {t('indicators.mine.nothingReturned')}
            </Text>
          )}
        </div>
        <div data-testid="my-t1">
          <Text size="sm" fw={600}>
            {t('indicators.mine.t1', { period: periodText(scope.period, lang) })}
          </Text>
          {t1.isPending ? null : t1Record && t1Status ? (
            <Group gap="xs" wrap="wrap">
              <Badge color={STATUS_COLOUR[t1Status]} variant="dot" data-testid="my-t1-status">
                {STATUS_ICON[t1Status]} {t1Record.counts ? t('indicators.mine.t1Counts') : t('indicators.mine.t1Short')}
              </Badge>
              {t1Record.detail && <Text size="sm">{t1Record.detail[lang]}</Text>}
              <Anchor component={Link} to={`/indicators/records${scopeSearch(own, { id: 'T1', part: 'denominator' })}`} size="sm">
                {t('indicators.mine.why')}
              </Anchor>
            </Group>
          ) : (
            <Text size="sm" c="gray.7" data-testid="my-t1-status">
              {t('indicators.mine.t1NotExpected')}
            </Text>
          )}
        </div>
      </Stack>
    </Card>
  );
}
