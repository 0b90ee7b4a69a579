// The calendar: trainings, exhibitions, press conferences and deadlines of the month, as a month grid (a list on small
// screens, or by choice), filtered by organisation and province; each event links to its record. Below, the private
// iCalendar address (reset makes a new one) and the public feeds.
import { Anchor, Badge, Button, Code, Group, Loader, Paper, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarEvent } from '../../../shared/contracts/calendar';
import { Link, setSearchParams, useSearchParams } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { fmtDate, vnToday } from '../../lib/format';
import { useOrgTree, useUnits } from '../organisations/api';
import { orgLabel } from '../organisations/OrgTree';
import { useCalendar, useFeed, useResetFeed } from './api';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const KIND_COLOUR: Record<CalendarEvent['kind'], string> = {
  training: 'teal',
  exhibition: 'grape',
  press_conference: 'blue',
  report_deadline: 'red',
  plan_deadline: 'orange',
  recommendation_action: 'yellow',
};

const pad = (n: number) => String(n).padStart(2, '0');
const isoOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function CalendarPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('nav.calendar'));
  const sp = useSearchParams();
  const phone = useMediaQuery('(max-width: 48em)');
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(sp.get('month') ?? '') ? sp.get('month')! : vnToday().slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = isoOf(y, m, 1);
  const to = isoOf(y, m, daysIn(y, m));
  const organisationId = sp.get('organisation') ?? '';
  const province = sp.get('province') ?? '';
  const view = sp.get('view') === 'month' || sp.get('view') === 'list' ? sp.get('view')! : phone ? 'list' : 'month';
  const list = useCalendar({ from, to, organisationId, province });
  const tree = useOrgTree();
  const units = useUnits('34');
  const en = i18n.language === 'en';
  const shift = (n: number) => {
    const d = new Date(Date.UTC(y, m - 1 + n, 1));
    setSearchParams({ month: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}` });
  };
  const title = en
    ? new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
    : t('calendar.monthTitle', { month: m, year: y });

  /** Each day of the month with the events on it (an event of several days on each of them). */
  const byDay = useMemo(() => {
    const days = new Map<string, CalendarEvent[]>();
    for (const e of list.data?.events ?? []) {
      const first = e.start.slice(0, 10) < from ? from : e.start.slice(0, 10);
      const last = e.end.slice(0, 10) > to ? to : e.end.slice(0, 10);
      for (let d = Number(first.slice(8, 10)); d <= Number(last.slice(8, 10)); d++) {
        const key = isoOf(y, m, d);
        days.set(key, [...(days.get(key) ?? []), e]);
      }
    }
    return days;
  }, [list.data, from, to, y, m]);

  const item = (e: CalendarEvent, compact: boolean) => (
    <Group key={e.id} gap={4} wrap="nowrap" align="flex-start" data-testid="calendar-event" data-event={e.id}>
      <Badge size="xs" color={KIND_COLOUR[e.kind]} variant="light" style={{ flexShrink: 0 }}>
        {t(`calendar.kinds.${e.kind}`)}
      </Badge>
      <Stack gap={0}>
        <Link to={e.link}>
          <Text size="sm" span>
            {!e.allDay && `${e.start.slice(11, 16)} `}
            {en ? e.title.en : e.title.vi}
          </Text>
        </Link>
        {!compact && (
          <Text size="xs" c="dimmed">
            {[
              e.allDay && e.end !== e.start ? `${fmtDate(e.start, i18n.language)} – ${fmtDate(e.end, i18n.language)}` : null,
              e.organisationName,
              e.provinceName ? (en ? e.provinceName.en : e.provinceName.vi) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        )}
      </Stack>
    </Group>
  );

  // The month grid: weeks from Monday; blank cells before the 1st and after the last day.
  const offset = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const cells = [...Array(offset).fill(null), ...Array.from({ length: daysIn(y, m) }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7) as (number | null)[]);
  const today = vnToday();
  const days = [...byDay.keys()].sort();

  /** A filter kept in the address (?organisation=, ?province=): empty means all. */
  const filter = (name: 'organisation' | 'province', width: number, data: { value: string; label: string }[]) => (
    <Select
      label={t(`calendar.${name}`)}
      placeholder={t(name === 'organisation' ? 'calendar.allOrganisations' : 'calendar.allProvinces')}
      data={data}
      value={sp.get(name) || null}
      onChange={(v) => setSearchParams({ [name]: v })}
      searchable
      clearable
      w={width}
      data-testid={`calendar-${name}`}
    />
  );

  return (
    <Stack>
      <Title order={1} size="h2" data-testid="calendar-title">
        {t('calendar.title')}
      </Title>
      <Group align="flex-end" wrap="wrap">
        {filter(
          'organisation',
          300,
          (tree.data ?? []).map((o) => ({ value: String(o.id), label: orgLabel(o, i18n.language) })),
        )}
        {filter(
          'province',
          220,
          (units.data ?? []).map((u) => ({ value: u.code, label: en ? u.nameEn : u.nameVi })),
        )}
        <SegmentedControl
          aria-label={t('calendar.view')}
          value={view}
          onChange={(v) => setSearchParams({ view: v })}
          data={[
            { value: 'month', label: t('calendar.monthView') },
            { value: 'list', label: t('calendar.listView') },
          ]}
          data-testid="calendar-view"
        />
      </Group>
      <Group justify="space-between">
        <Button variant="default" size="xs" onClick={() => shift(-1)} data-testid="calendar-prev">
          {t('calendar.previous')}
        </Button>
        <Title order={2} size="h3" data-testid="calendar-month">
          {title}
        </Title>
        <Button variant="default" size="xs" onClick={() => shift(1)} data-testid="calendar-next">
          {t('calendar.next')}
        </Button>
      </Group>
      {list.error && <ErrorAlert error={list.error} />}
      {list.isLoading && <Loader size="sm" aria-label={t('common.loading')} />}
      {list.data && view === 'month' && (
        <ScrollTable minWidth={560} withTableBorder withColumnBorders layout="fixed" data-testid="calendar-grid">
          <Table.Thead>
            <Table.Tr>
              {WEEKDAYS.map((d) => (
                <Table.Th key={d} scope="col">
                  {t(`calendar.weekdays.${d}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {weeks.map((week, w) => (
              <Table.Tr key={w}>
                {week.map((d, i) => {
                  const key = d ? isoOf(y, m, d) : '';
                  return (
                    <Table.Td
                      key={i}
                      valign="top"
                      data-day={key || undefined}
                      style={{ height: 96, background: key === today ? 'var(--mantine-color-blue-light)' : undefined }}
                    >
                      {d && (
                        <Stack gap={4}>
                          <Text size="xs" fw={700} aria-label={fmtDate(key, i18n.language)}>
                            {d}
                          </Text>
                          {(byDay.get(key) ?? []).map((e) => item(e, true))}
                        </Stack>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {list.data && view === 'list' && (
        <Stack gap="sm" data-testid="calendar-list">
          {days.length === 0 && <Text c="dimmed">{t('calendar.empty')}</Text>}
          {days.map((d) => (
            <Paper key={d} withBorder p="sm" data-day={d}>
              <Title order={3} size="h5" mb={4}>
                {fmtDate(d, i18n.language)}
              </Title>
              <Stack gap={6}>{byDay.get(d)!.map((e) => item(e, false))}</Stack>
            </Paper>
          ))}
        </Stack>
      )}
      <FeedPanel />
    </Stack>
  );
}

/** The private address (made or replaced by the reset button) and the public feeds. */
function FeedPanel() {
  const { t, i18n } = useTranslation();
  const feed = useFeed();
  const reset = useResetFeed();
  const origin = window.location.origin;
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('calendar.feeds')}
        </Title>
        <Text size="sm">{t('calendar.privateHelp')}</Text>
        {feed.data?.path ? (
          <Code block data-testid="calendar-private-url">
            {origin + feed.data.path}
          </Code>
        ) : (
          <Text size="sm" c="dimmed">
            {t('calendar.noPrivate')}
          </Text>
        )}
        <Group>
          <Button size="xs" variant="default" onClick={() => reset.mutate()} loading={reset.isPending} data-testid="calendar-reset">
            {feed.data?.path ? t('calendar.resetPrivate') : t('calendar.makePrivate')}
          </Button>
        </Group>
        {reset.error && <ErrorAlert error={reset.error} />}
        <Text size="sm">
          {t('calendar.publicFeeds')}{' '}
          <Anchor href={i18n.language === 'en' ? '/en/calendar.ics' : '/lich.ics'} data-testid="calendar-public-feed">
            {origin}
            {i18n.language === 'en' ? '/en/calendar.ics' : '/lich.ics'}
          </Anchor>
        </Text>
      </Stack>
    </Paper>
  );
}
