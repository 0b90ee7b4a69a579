// Training (T2a–T2d): rosters (personal data: the purpose is stated, the roster shows only what the actor's
// organisation may see, exports are audited), courses and sessions, imports with a review step, and coverage as of a
// day against 100% / 70% with the covered and not-yet people (/training/coverage, the indicators' drill-down link).
import { AudienceBadges } from '../../components/Audiences';
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROSTER_PURPOSE, TARGET_GROUPS } from '../../../shared/contracts/training';
import { useAuth } from '../../app/auth';
import { navigate, usePath, useSearchParams, setSearchParams } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { post, qs } from '../../lib/api';
import { useOrgTree } from '../organisations/api';
import { orgLabel } from '../organisations/OrgTree';
import { pct, useAttendance, useCoverage, useCourses, useDuplicates, useRoster, useRule, useSessions } from './api';
import { BADGE_STYLES, ReviewImport } from './ReviewImport';
import { AttendanceEditor, CourseForm, PersonForm, RuleForm, SessionForm } from './TrainingForms';
import { RecordRecommendations } from '../recommendations/EvidencePicker';
import type { Course, Person, Session } from '../../../shared/contracts/training';
import { ScrollTable } from '../../components/ScrollTable';
import { DateField } from '../../components/DateField';
import { fmtDate } from '../../lib/format';

/** The organisations for the forms' selects, labelled in the interface language. */
function useOrgs() {
  const { i18n } = useTranslation();
  const tree = useOrgTree();
  return useMemo(() => (tree.data ?? []).map((n) => ({ id: n.id, name: orgLabel(n, i18n.language) })), [tree.data, i18n.language]);
}

const TABS = ['roster', 'courses', 'import', 'coverage'] as const;
type Tab = (typeof TABS)[number];

export function TrainingPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('nav.training'));
  const path = usePath();
  const sp = useSearchParams();
  // The import tab is for those who may write (editors and the office); a viewer is not offered it.
  const tabs = TABS.filter((k) => k !== 'import' || me?.role === 'admin' || me?.role === 'editor');
  const tab: Tab = path.endsWith('/coverage')
    ? 'coverage'
    : (tabs as readonly string[]).includes(sp.get('tab') ?? '')
      ? (sp.get('tab') as Tab)
      : 'roster';
  const go = (v: string | null) => (v === 'coverage' ? navigate('/training/coverage') : navigate(`/training?tab=${v ?? 'roster'}`));
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('training.title')}
      </Title>
      <Tabs value={tab} onChange={go} keepMounted={false}>
        <Tabs.List>
          {tabs.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`tab-${k}`}>
              {t(`training.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="roster" pt="md">
          <RosterTab />
        </Tabs.Panel>
        <Tabs.Panel value="courses" pt="md">
          <CoursesTab />
        </Tabs.Panel>
        <Tabs.Panel value="import" pt="md">
          <ImportTab />
        </Tabs.Panel>
        <Tabs.Panel value="coverage" pt="md">
          <CoverageTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** A table's header row from i18n keys. */
function Head({ cols }: { cols: string[] }) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        {cols.map((c) => (
          <Table.Th scope="col" key={c}>
            {t(c)}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/** Previous / next page of 50. */
/** Possible duplicate groups shown at a time. */
const DUPLICATES_PAGE = 20;

function Pager({ offset, total, onChange, size = 50 }: { offset: number; total: number; onChange: (o: number) => void; size?: number }) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button variant="default" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - size))}>
        {t('training.prev')}
      </Button>
      <Button variant="default" disabled={total <= offset + size} onClick={() => onChange(offset + size)}>
        {t('training.next')}
      </Button>
    </Group>
  );
}

function Purpose() {
  const { i18n } = useTranslation();
  return (
    <Alert color="blue" variant="light" data-testid="roster-purpose">
      <Text size="sm">{i18n.language === 'en' ? ROSTER_PURPOSE.en : ROSTER_PURPOSE.vi}</Text>
    </Alert>
  );
}

const groupOptions = (t: (k: string) => string) => [
  { value: '', label: t('training.allGroups') },
  ...TARGET_GROUPS.map((g) => ({ value: g, label: `${g} — ${t(`training.groups.${g}`)}` })),
];

function RosterTab() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [group, setGroup] = useState('');
  const [offset, setOffset] = useState(0);
  const roster = useRoster({ q: q || undefined, group: group || undefined, offset });
  const dups = useDuplicates();
  // The possible duplicates (hundreds in a large roster) a page at a time; a page past the end (after merges) steps back.
  const [dupOffset, setDupOffset] = useState(0);
  const dupTotal = dups.data?.length ?? 0;
  useEffect(() => {
    if (dupOffset > 0 && dupOffset >= dupTotal) setDupOffset(Math.max(0, Math.floor((dupTotal - 1) / DUPLICATES_PAGE) * DUPLICATES_PAGE));
  }, [dupOffset, dupTotal]);
  const merge = useMutation({
    mutationFn: (v: { keepId: number; mergeId: number }) => post('/api/training/people/merge', v),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['training'] }),
  });
  const canWrite = me?.role === 'admin' || me?.role === 'editor';
  const orgs = useOrgs();
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  return (
    <Stack>
      <Purpose />
      {editing && (
        <PersonForm
          person={editing === 'new' ? null : editing}
          orgs={orgs}
          defaultOrgId={me?.organisationId ?? null}
          onClose={() => setEditing(null)}
        />
      )}
      <Group align="flex-end">
        {canWrite && (
          <Button onClick={() => setEditing('new')} data-testid="person-new">
            {t('training.form.newPerson')}
          </Button>
        )}
        <TextInput
          label={t('training.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setOffset(0);
          }}
          data-testid="roster-search"
        />
        <NativeSelect
          label={t('training.group')}
          value={group}
          onChange={(e) => {
            setGroup(e.currentTarget.value);
            setOffset(0);
          }}
          data={groupOptions(t)}
        />
        <Anchor
          href={`/api/training/people/export.xlsx${qs({ q: q || undefined, group: group || undefined })}`}
          download
          data-testid="roster-export"
        >
          {t('training.export')}
        </Anchor>
      </Group>
      <ErrorAlert error={roster.error} />
      <Text size="sm" role="status">
        {t('training.peopleCount', { count: roster.data?.total ?? 0 })}
      </Text>
      <ScrollTable striped withTableBorder data-testid="roster-table">
        <Head
          cols={['training.fullName', 'training.position', 'training.organisation', 'training.memberships', 'training.sessionsAttended']}
        />
        <Table.Tbody>
          {(roster.data?.items ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                {canWrite ? (
                  <Anchor component="button" type="button" onClick={() => setEditing(p)}>
                    {p.fullName}
                  </Anchor>
                ) : (
                  p.fullName
                )}
              </Table.Td>
              <Table.Td>{p.position ?? ''}</Table.Td>
              <Table.Td>{p.organisationName}</Table.Td>
              <Table.Td>
                {p.memberships
                  .map(
                    (m) => `${m.targetGroup} ${fmtDate(m.validFrom, i18n.language)}–${m.validTo ? fmtDate(m.validTo, i18n.language) : ''}`,
                  )
                  .join('; ')}
              </Table.Td>
              <Table.Td>{p.attendanceCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <Pager offset={offset} total={roster.data?.total ?? 0} onChange={setOffset} />
      <Title order={2} size="h4">
        {t('training.duplicates')}
      </Title>
      <ErrorAlert error={merge.error} />
      {(dups.data ?? []).length === 0 ? (
        <Text size="sm">{t('training.noDuplicates')}</Text>
      ) : (
        <Text size="sm" role="status" data-testid="duplicates-range">
          {t('training.duplicatesRange', {
            from: dupOffset + 1,
            to: Math.min(dupOffset + DUPLICATES_PAGE, dups.data!.length),
            total: dups.data!.length,
          })}
        </Text>
      )}
      {(dups.data ?? []).slice(dupOffset, dupOffset + DUPLICATES_PAGE).map((d) => (
        <Card withBorder key={d.key} data-testid="duplicate-group">
          <Stack gap={4}>
            {d.people.map((p, i) => (
              <Group key={p.id} justify="space-between">
                <Text size="sm">
                  {p.fullName} — {p.organisationName} ({t('training.sessionsAttended')}: {p.attendanceCount})
                </Text>
                {canWrite && i > 0 && (
                  <Button size="xs" variant="light" onClick={() => merge.mutate({ keepId: d.people[0]!.id, mergeId: p.id })}>
                    {t('training.mergeInto', { name: d.people[0]!.fullName })}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        </Card>
      ))}
      {(dups.data ?? []).length > DUPLICATES_PAGE && (
        <Pager offset={dupOffset} total={dups.data!.length} onChange={setDupOffset} size={DUPLICATES_PAGE} />
      )}
    </Stack>
  );
}

function CoursesTab() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const courses = useCourses();
  const sessions = useSessions();
  const orgs = useOrgs();
  const sp = useSearchParams();
  // ?session=ID (a link from elsewhere, e.g. a recommendation's evidence) opens that session's attendance.
  const [open, setOpen] = useState<number | null>(() => (/^\d+$/.test(sp.get('session') ?? '') ? Number(sp.get('session')) : null));
  const [course, setCourse] = useState<Course | 'new' | null>(null);
  const [session, setSession] = useState<Session | 'new' | null>(null);
  const canWrite = me?.role === 'admin' || me?.role === 'editor';
  const edit = (label: string, onClick: () => void) =>
    canWrite ? (
      <Anchor component="button" type="button" onClick={onClick}>
        {label}
      </Anchor>
    ) : (
      label
    );
  return (
    <Stack>
      <ErrorAlert error={courses.error ?? sessions.error} />
      {course && (
        <CourseForm
          course={course === 'new' ? null : course}
          orgs={orgs}
          defaultOrgId={me?.organisationId ?? null}
          onClose={() => setCourse(null)}
        />
      )}
      {session && (
        <SessionForm
          session={session === 'new' ? null : session}
          courses={courses.data ?? []}
          orgs={orgs}
          defaultOrgId={me?.organisationId ?? null}
          onClose={() => setSession(null)}
        />
      )}
      {canWrite && (
        <Group>
          <Button onClick={() => setCourse('new')} data-testid="course-new">
            {t('training.form.newCourse')}
          </Button>
          <Button variant="light" onClick={() => setSession('new')} data-testid="session-new">
            {t('training.form.newSession')}
          </Button>
        </Group>
      )}
      <Title order={2} size="h4">
        {t('training.courses')}
      </Title>
      <ScrollTable striped withTableBorder data-testid="courses-table">
        <Head
          cols={[
            'training.courseTitle',
            'training.kind',
            'training.format',
            'training.hours',
            'library.fields.audiences',
            'training.sessions',
          ]}
        />
        <Table.Tbody>
          {(courses.data ?? []).map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{edit(c.title, () => setCourse(c))}</Table.Td>
              <Table.Td>{t(`training.kinds.${c.kind}`)}</Table.Td>
              <Table.Td>{t(`training.formats.${c.format}`)}</Table.Td>
              <Table.Td>{c.hours ?? ''}</Table.Td>
              <Table.Td>
                <AudienceBadges value={c.audiences} compact />
              </Table.Td>
              <Table.Td>{c.sessionCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <Title order={2} size="h4">
        {t('training.sessions')}
      </Title>
      <ScrollTable striped withTableBorder data-testid="sessions-table">
        <Head cols={['training.dates', 'training.courseTitle', 'training.place', 'training.organiser', 'training.attendance']} />
        <Table.Tbody>
          {(sessions.data ?? []).map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                {edit(
                  `${fmtDate(s.startsOn, i18n.language)}${s.endsOn !== s.startsOn ? ` – ${fmtDate(s.endsOn, i18n.language)}` : ''}`,
                  () => setSession(s),
                )}
              </Table.Td>
              <Table.Td>{s.courseTitle}</Table.Td>
              <Table.Td>{[s.place, s.provinceName ?? s.countryCode].filter(Boolean).join(', ')}</Table.Td>
              <Table.Td>{s.organiserName}</Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  onClick={() => setOpen(open === s.id ? null : s.id)}
                  aria-expanded={open === s.id}
                >
                  {s.attendanceCount}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {open && (
        <SessionAttendance
          sessionId={open}
          canWrite={canWrite}
          total={sessions.data?.find((s) => s.id === open)?.attendanceCount ?? null}
        />
      )}
    </Stack>
  );
}

/** A session's attendees the reader may see (their organisation subtree); the others are only counted. */
function SessionAttendance({ sessionId, canWrite, total }: { sessionId: number; canWrite: boolean; total: number | null }) {
  const { t } = useTranslation();
  const att = useAttendance(sessionId);
  const hidden = att.data && total !== null ? total - att.data.length : 0;
  return (
    <Card withBorder data-testid="session-attendance">
      <ErrorAlert error={att.error} />
      {canWrite && <AttendanceEditor sessionId={sessionId} rows={att.data ?? []} />}
      <RecordRecommendations recordType="training_session" recordId={sessionId} />
      <ScrollTable striped>
        <Head cols={['training.fullName', 'training.organisation', 'training.completed', 'training.certificate']} />
        <Table.Tbody>
          {(att.data ?? []).map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{a.fullName}</Table.Td>
              <Table.Td>{a.organisationName}</Table.Td>
              <Table.Td>{a.completed ? '✓' : '—'}</Table.Td>
              <Table.Td>
                {a.completed ? (
                  <Anchor href={`/api/training/attendance/${a.id}/certificate.pdf`} download>
                    {t('training.certificatePdf')}
                  </Anchor>
                ) : (
                  ''
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {hidden > 0 && (
        <Text size="sm" mt="xs" data-testid="attendance-hidden">
          {t('training.attendanceHidden', { count: hidden })}
        </Text>
      )}
    </Card>
  );
}

function ImportTab() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const sessions = useSessions();
  const tree = useOrgTree();
  const orgs = useMemo(() => (tree.data ?? []).map((n) => ({ id: n.id, name: orgLabel(n, i18n.language) })), [tree.data, i18n.language]);
  const [sessionId, setSessionId] = useState('');
  const session = (sessions.data ?? []).find((s) => String(s.id) === sessionId);
  if (me?.role !== 'admin' && me?.role !== 'editor') return <Text>{t('training.readOnly')}</Text>;
  return (
    <Stack>
      <Purpose />
      <ReviewImport
        kind="roster"
        uploadPath="/api/training/import/roster"
        defaultOrgId={me.organisationId}
        orgs={orgs}
        templates={[{ href: '/api/training/roster-template.xlsx', label: t('training.import.rosterTemplate') }]}
      />
      <Card withBorder>
        <NativeSelect
          label={t('training.import.session')}
          value={sessionId}
          onChange={(e) => setSessionId(e.currentTarget.value)}
          data-testid="signin-session"
          data={[
            { value: '', label: t('training.import.chooseSession') },
            ...(sessions.data ?? []).map((s) => ({
              value: String(s.id),
              label: `${fmtDate(s.startsOn, i18n.language)} · ${s.courseTitle} · ${s.organiserName}`,
            })),
          ]}
        />
      </Card>
      <ReviewImport
        key={sessionId}
        kind="signin"
        uploadPath={sessionId ? `/api/training/sessions/${sessionId}/import` : null}
        defaultOrgId={session?.organiserId ?? me.organisationId}
        orgs={orgs}
        templates={[{ href: '/api/training/signin-example.xlsx', label: t('training.import.signinExample') }]}
      />
    </Stack>
  );
}

function CoverageTab() {
  const { t, i18n } = useTranslation();
  const sp = useSearchParams();
  const asOf = sp.get('asOf') ?? '';
  const group = sp.get('group') ?? '';
  const status = sp.get('status') ?? '';
  const person = sp.get('person') && /^\d+$/.test(sp.get('person')!) ? Number(sp.get('person')) : null;
  const [offset, setOffset] = useState(0);
  const cov = useCoverage({ asOf: asOf || undefined, group: group || undefined, status: status || undefined, person, offset });
  const rule = useRule();
  const { me } = useAuth();
  const [editRule, setEditRule] = useState(false);
  const set = (k: string, v: string | null) => {
    setOffset(0);
    setSearchParams({ ...Object.fromEntries(sp.entries()), [k]: v || null });
  };
  return (
    <Stack>
      <Group align="flex-end">
        <DateField
          label={t('training.asOf')}
          value={asOf || cov.data?.asOf || ''}
          onChange={(e) => set('asOf', e.currentTarget.value)}
          data-testid="coverage-asof"
        />
        <NativeSelect
          label={t('training.group')}
          value={group}
          onChange={(e) => set('group', e.currentTarget.value)}
          data={groupOptions(t)}
        />
        <NativeSelect
          label={t('training.status')}
          value={status}
          onChange={(e) => set('status', e.currentTarget.value)}
          data={[
            { value: '', label: t('training.everyone') },
            { value: 'covered', label: t('training.covered') },
            { value: 'not_yet', label: t('training.notYet') },
          ]}
        />
        {person && (
          <Button variant="subtle" onClick={() => set('person', null)}>
            {t('training.allPeople')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={cov.error} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {(cov.data?.summary ?? []).map((s) => (
          <Paper withBorder p="md" key={s.targetGroup} data-testid={`coverage-${s.targetGroup}`}>
            <Text fw={600}>
              {s.targetGroup} — {t(`training.groups.${s.targetGroup}`)}
            </Text>
            <Text size="xl" fw={700} data-testid={`coverage-${s.targetGroup}-value`}>
              {pct(s.covered, s.people, i18n.language)}
            </Text>
            <Text size="sm">{t('training.coveredOf', { covered: s.covered, people: s.people, target: Math.round(s.target * 100) })}</Text>
          </Paper>
        ))}
      </SimpleGrid>
      <ScrollTable striped withTableBorder data-testid="coverage-table">
        <Head
          cols={[
            'training.fullName',
            'training.organisation',
            'training.group',
            'training.trainings',
            'training.updates',
            'training.status',
          ]}
        />
        <Table.Tbody>
          {(cov.data?.items ?? []).map((r) => (
            <Table.Tr key={`${r.personId}-${r.targetGroup}`}>
              <Table.Td>{r.fullName}</Table.Td>
              <Table.Td>{r.organisationName}</Table.Td>
              <Table.Td>{r.targetGroup}</Table.Td>
              <Table.Td>{r.trainings}</Table.Td>
              <Table.Td>{r.updates}</Table.Td>
              <Table.Td>
                <Badge variant="dot" color={r.covered ? 'green' : 'gray'} styles={BADGE_STYLES}>
                  {r.covered ? `✓ ${t('training.covered')}` : `○ ${t('training.notYet')}`}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <Pager offset={offset} total={cov.data?.total ?? 0} onChange={setOffset} />
      {rule.data && (
        <details>
          <summary>{t('training.methodNote')}</summary>
          <Text size="sm" data-testid="method-note">
            {i18n.language === 'en' ? rule.data.methodNote.en : rule.data.methodNote.vi}
          </Text>
          {me?.role === 'admin' && (
            <Button mt="xs" size="xs" variant="light" onClick={() => setEditRule(true)} data-testid="edit-rule">
              {t('training.form.editRule')}
            </Button>
          )}
        </details>
      )}
      {editRule && rule.data && <RuleForm rule={rule.data.rule} onClose={() => setEditRule(false)} />}
    </Stack>
  );
}
