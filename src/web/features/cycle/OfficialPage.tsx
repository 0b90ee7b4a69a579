// The official figures of a closed period (?period=ID, optional &province= and &organisation=): each target's official
// figure (from the facts frozen at the close), the current figure beside it when records dated in the period changed
// since ("revised since the official figure"), the records that differ, and every official version with its reason.
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from '../../app/router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { langOf } from '../indicators/api';
import { useOfficial, useRevisions } from './api';
import { DataTable, Figure, Problem } from './parts';
import { fmtDate } from '../../lib/format';

export function OfficialPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const sp = useSearchParams();
  const periodId = Number(sp.get('period')) || 0;
  const scope = { province: sp.get('province'), organisationId: sp.get('organisation') };
  const q = useOfficial(periodId, scope);
  const [open, setOpen] = useState<string | null>(null);
  const o = q.data;
  useDocumentTitle(o ? t('cycle.officialTitle', { period: o.period.label[lang] }) : t('cycle.officialFigures'));
  return (
    <Stack>
      <Anchor component={Link} to="/cycle?tab=calendar">
        ← {t('cycle.title')}
      </Anchor>
      <Title order={1} size="h2">
        {o ? t('cycle.officialTitle', { period: o.period.label[lang] }) : t('cycle.officialFigures')}
      </Title>
      {q.isPending && <Text>{t('common.loading')}</Text>}
      <Problem error={q.error} />
      {o && (
        <>
          <Text size="sm" c="gray.7">
            {t('cycle.officialExplained')}
          </Text>
          <DataTable
            caption={t('cycle.officialCaption')}
            columns={[t('cycle.target'), t('cycle.officialFigure'), t('cycle.currentFigure'), t('cycle.records')]}
            testId="official-table"
          >
            {o.dashboard.figures.map((f) => {
              const def = o.dashboard.indicators.find((d) => d.id === f.id)!;
              const rev = o.revisions.find((r) => r.indicator === f.id);
              return (
                <Table.Tr key={f.id} data-testid={`official-${f.id}`}>
                  <Table.Th scope="row">
                    {f.id} — {def.name[lang]}
                  </Table.Th>
                  <Table.Td>
                    <Figure value={f.value} numerator={f.numerator} denominator={f.denominator} unit={def.unit} />
                  </Table.Td>
                  <Table.Td>
                    {rev?.live ? (
                      <Stack gap={2}>
                        <Badge color="orange.9" variant="light" data-testid="revised-since">
                          {t('cycle.revisedSince')}
                        </Badge>
                        <Text size="sm">
                          <Figure
                            value={rev.live.value}
                            numerator={rev.live.numerator}
                            denominator={rev.live.denominator}
                            unit={def.unit}
                          />
                        </Text>
                      </Stack>
                    ) : (
                      <Text size="sm" c="gray.7">
                        {t('cycle.unchanged')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {rev && rev.revisedRecords > 0 ? (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setOpen(open === f.id ? null : f.id)}
                        aria-expanded={open === f.id}
                        data-testid={`differ-${f.id}`}
                      >
                        {t('cycle.recordsDiffer', { count: rev.revisedRecords })}
                      </Button>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </DataTable>
          {open && <Revisions periodId={periodId} indicator={open} scope={scope} />}
          <Card withBorder component="section" aria-labelledby="versions-h">
            <Title order={2} size="h4" id="versions-h">
              {t('cycle.versions')}
            </Title>
            {o.versions.map((v) => (
              <Group key={v.version} gap="xs">
                <Badge variant={v.status === 'closed' ? 'filled' : 'light'} color={v.status === 'closed' ? 'dark.6' : 'gray.7'}>
                  {t(`cycle.versionStatus.${v.status}`)}
                </Badge>
                <Text size="sm">
                  {t('cycle.closedOn', { day: fmtDate(v.closedAt, i18n.language), name: v.closedByName, version: v.version })}
                  {v.reason ? ` — ${v.reason}` : ''}
                  {v.endReason ? ` · ${t('cycle.endedBecause', { reason: v.endReason })}` : ''}
                </Text>
              </Group>
            ))}
          </Card>
        </>
      )}
    </Stack>
  );
}

function Revisions({ periodId, indicator, scope }: { periodId: number; indicator: string; scope: Record<string, string | null> }) {
  const { t } = useTranslation();
  const q = useRevisions(periodId, indicator, scope);
  return (
    <Card withBorder component="section" aria-labelledby="revisions-h">
      <Title order={2} size="h4" id="revisions-h">
        {t('cycle.revisionsOf', { id: indicator })}
      </Title>
      <Problem error={q.error} />
      <DataTable
        caption={t('cycle.revisionsCaption', { count: q.data?.total ?? 0 })}
        testId="revisions"
        columns={[t('cycle.record'), t('cycle.organisation'), t('cycle.change'), t('cycle.countsOfficial'), t('cycle.countsNow')]}
      >
        {(q.data?.records ?? []).map((r) => (
          <Table.Tr key={`${r.type}-${r.id}`}>
            <Table.Th scope="row">
              {r.href ? (
                <Anchor component={Link} to={r.href}>
                  {r.label}
                </Anchor>
              ) : (
                r.label
              )}
            </Table.Th>
            <Table.Td>{r.organisationName ?? '—'}</Table.Td>
            <Table.Td>
              <Badge variant="light">{t(`cycle.changes.${r.change}`)}</Badge>
            </Table.Td>
            <Table.Td>{r.officialCounts === null ? '—' : r.officialCounts ? t('common.yes') : t('common.no')}</Table.Td>
            <Table.Td>{r.liveCounts === null ? '—' : r.liveCounts ? t('common.yes') : t('common.no')}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Card>
  );
}
