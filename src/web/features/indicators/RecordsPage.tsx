// Drill-down: the records behind a figure (or one row of a breakdown), a page at a time — each with why it
// counts or not and links to its page and to the records it rests on.
import { Anchor, Badge, Group, Pagination, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from '../../app/router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { langOf, scopeSearch, useDashboard, useDrill, useScope } from './api';
import { Loading, ScopeFilters } from './IndicatorBoard';
import { ScrollBox } from '../../components/ScrollTable';

const PAGE = 50;

export function RecordsPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [scope, setScope] = useScope();
  const p = useSearchParams();
  const id = p.get('id') ?? 'T1';
  const part = p.get('part') ?? 'numerator';
  const breakdown = p.get('breakdown');
  const key = p.get('key');
  const page = Math.max(1, Number(p.get('page') ?? 1) || 1);
  const dash = useDashboard(scope);
  const def = dash.data?.indicators.find((d) => d.id === id);
  const drill = useDrill(id, scope, { part, breakdown, key, offset: (page - 1) * PAGE, limit: PAGE });
  const row =
    breakdown && key
      ? dash.data?.figures.find((f) => f.id === id)?.breakdowns[breakdown as 'province']?.find((r) => r.key === key)
      : undefined;
  const title = `${id} — ${def?.name[lang] ?? ''}`;
  useDocumentTitle(t('indicators.recordsTitle', { id }));
  const r = drill.data;
  return (
    <Stack>
      <Anchor component={Link} to={`/${scopeSearch(scope, { indicator: id })}`}>
        ← {t('nav.dashboard')}
      </Anchor>
      <Title order={2}>{t('indicators.recordsTitle', { id })}</Title>
      <Text>
        {title}
        {row ? ` · ${t(`indicators.breakdown.${breakdown}`)}: ${row.label[lang]}` : ''}
      </Text>
      <ScopeFilters scope={scope} setScope={(patch) => setScope({ ...patch, page: null })} />
      <SegmentedControl
        value={part}
        onChange={(v) => setScope({ part: v, page: null })}
        data-testid="part-toggle"
        aria-label={t('indicators.part.label')}
        data={[
          ...['numerator', 'gap', 'denominator'].map((v) => ({ value: v, label: t(`indicators.part.${v}`) })),
          ...(def?.pendingLabel ? [{ value: 'pending', label: def.pendingLabel[lang] }] : []),
        ]}
      />
      <Loading pending={drill.isPending} error={drill.error} />
      {r && (
        <>
          <Text size="sm" data-testid="records-total">
            {t('indicators.recordsTotal', { count: r.total })}
          </Text>
          <ScrollBox minWidth={800}>
            <Table striped data-testid="records-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('indicators.record')}</Table.Th>
                  <Table.Th scope="col">{t('indicators.province')}</Table.Th>
                  <Table.Th scope="col">{t('indicators.counts')}</Table.Th>
                  <Table.Th scope="col">{t('indicators.why')}</Table.Th>
                  <Table.Th scope="col">{t('indicators.related')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.records.map((rec) => (
                  <Table.Tr key={`${rec.type}-${rec.id}`} data-testid="record-row">
                    <Table.Td>
                      {rec.href ? <Link to={rec.href}>{rec.label}</Link> : rec.label}
                      {rec.type === 'organisation' && (
                        <>
                          {' '}
                          ·{' '}
                          <Link to={`/scorecard${scopeSearch({ ...scope, province: null, organisationId: String(rec.id) })}`}>
                            {t('indicators.scorecard')}
                          </Link>
                        </>
                      )}
                    </Table.Td>
                    <Table.Td>{rec.province ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={rec.counts ? 'teal.8' : 'red.8'}>
                        {rec.counts ? `✓ ${t('common.yes')}` : `✗ ${t('common.no')}`}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{rec.detail?.[lang] ?? ''}</Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        {rec.related.map((x) =>
                          x.href ? (
                            <Link key={`${x.type}-${x.id}`} to={x.href}>
                              {x.label}
                            </Link>
                          ) : (
                            <span key={`${x.type}-${x.id}`}>{x.label}</span>
                          ),
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
          {r.total > PAGE && (
            <Pagination
              total={Math.ceil(r.total / PAGE)}
              value={page}
              onChange={(n) => setScope({ page: String(n) })}
              aria-label={t('indicators.pages')}
            />
          )}
        </>
      )}
    </Stack>
  );
}
