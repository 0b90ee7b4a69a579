// Workspace forms of the training module: a person on a roster (with the purpose stated), a course (materials are
// library products), a session (a province on the map valid on its first day, or a country abroad) and the
// attendance of a session's participants (attended / completed / assessment). The server validates everything; its
// field errors (memberships.0.validTo, materialIds.1, provinceCode, completed …) appear beside their fields.
import { AudiencePicker } from '../../components/Audiences';
import { useState, type FormEvent, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { mapOn } from '../../../shared/contracts/exhibitions';
import {
  COURSE_FORMATS,
  COURSE_KINDS,
  ROSTER_PURPOSE,
  TARGET_GROUPS,
  type Attendance,
  type Course,
  type CourseInput,
  type CoverageRule,
  type Person,
  type PersonInput,
  type Session,
  type SessionInput,
} from '../../../shared/contracts/training';
import { useErrorMessage } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { foldFilter } from '../../components/foldFilter';
import { fieldErrorsOf, get, post, put, qs } from '../../lib/api';
import { useCountries, useUnits } from '../organisations/api';
import { ProductPicker } from '../library/ProductPicker';
import { ScrollTable } from '../../components/ScrollTable';
import { DateField } from '../../components/DateField';

type Org = { id: number; name: string };

/** Field errors of a save, and the errors on fields the form does not show (for the alert at the top). */
function useSave<T, V = void>(fn: (vars: V) => Promise<T>, shown: RegExp, onSaved: (x: T) => void) {
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: fn,
    onSuccess: async (x) => {
      await qc.invalidateQueries({ queryKey: ['training'] });
      onSaved(x);
    },
  });
  const errs = fieldErrorsOf(save.error);
  const err = (...keys: string[]) =>
    keys
      .map((k) => errs[k])
      .filter(Boolean)
      .join('; ') || undefined;
  const other = Object.entries(errs).filter(([k]) => !shown.test(k));
  return { save, err, other, hasFieldErrors: Object.keys(errs).length > 0 };
}

function FormShell({
  title,
  testId,
  onClose,
  onSubmit,
  saving,
  error,
  other,
  hasFieldErrors,
  children,
}: {
  title: string;
  testId: string;
  onClose(): void;
  onSubmit(): void;
  saving: boolean;
  error: unknown;
  other: [string, string][];
  hasFieldErrors: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    onSubmit();
  };
  return (
    <Modal opened onClose={onClose} size="lg" title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate data-testid={testId}>
        <Stack>
          {error && (other.length > 0 || !hasFieldErrors) ? (
            <Alert color="red" role="alert">
              {errorMessage(error)}
              {other.map(([k, m]) => (
                <div key={k}>
                  {k}: {m}
                </div>
              ))}
            </Alert>
          ) : null}
          {children}
          <FormActions onCancel={onClose} saving={saving} />
        </Stack>
      </form>
    </Modal>
  );
}

const orgOptions = (orgs: Org[]) => orgs.map((o) => ({ value: String(o.id), label: o.name }));

// ---------------------------------------------------------------- person

export function PersonForm({
  person,
  orgs,
  defaultOrgId,
  onClose,
}: {
  person: Person | null;
  orgs: Org[];
  defaultOrgId: number | null;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const [v, setV] = useState({
    fullName: person?.fullName ?? '',
    position: person?.position ?? '',
    organisationId: person?.organisationId ?? defaultOrgId,
  });
  const [ms, setMs] = useState(
    (person?.memberships ?? []).map((m) => ({ targetGroup: m.targetGroup as string, validFrom: m.validFrom, validTo: m.validTo ?? '' })),
  );
  const input = (): PersonInput => ({
    fullName: v.fullName,
    position: v.position || null,
    organisationId: v.organisationId ?? 0,
    memberships: ms.map((m) => ({
      targetGroup: m.targetGroup as PersonInput['memberships'][number]['targetGroup'],
      validFrom: m.validFrom,
      validTo: m.validTo || null,
    })),
  });
  const { save, err, other, hasFieldErrors } = useSave(
    () => (person ? put<Person>(`/api/training/people/${person.id}`, input()) : post<Person>('/api/training/people', input())),
    /^(fullName|position|organisationId|memberships(\.\d+(\.(targetGroup|validFrom|validTo))?)?)$/,
    onClose,
  );
  return (
    <FormShell
      title={person ? t('training.form.editPerson') : t('training.form.newPerson')}
      testId="person-form"
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      other={other}
      hasFieldErrors={hasFieldErrors}
    >
      <Alert color="blue" variant="light">
        <Text size="sm">{i18n.language === 'en' ? ROSTER_PURPOSE.en : ROSTER_PURPOSE.vi}</Text>
      </Alert>
      <TextInput
        label={t('training.fullName')}
        required
        value={v.fullName}
        onChange={(e) => setV({ ...v, fullName: e.currentTarget.value })}
        error={err('fullName')}
        data-testid="person-name"
      />
      <TextInput
        label={t('training.position')}
        value={v.position}
        onChange={(e) => setV({ ...v, position: e.currentTarget.value })}
        error={err('position')}
      />
      <Select
        label={t('training.organisation')}
        required
        searchable
        filter={foldFilter}
        data={orgOptions(orgs)}
        value={v.organisationId ? String(v.organisationId) : null}
        onChange={(x) => setV({ ...v, organisationId: x ? Number(x) : null })}
        error={err('organisationId')}
      />
      <Fieldset legend={t('training.memberships')}>
        <Stack gap="xs">
          {ms.map((m, i) => (
            <Group key={i} align="flex-end" wrap="nowrap">
              <NativeSelect
                label={t('training.group')}
                value={m.targetGroup}
                data={TARGET_GROUPS.map((g) => ({ value: g, label: `${g} — ${t(`training.groups.${g}`)}` }))}
                onChange={(e) => setMs(ms.map((x, j) => (j === i ? { ...x, targetGroup: e.currentTarget.value } : x)))}
                error={err(`memberships.${i}.targetGroup`)}
              />
              <DateField
                label={t('training.form.from')}
                required
                value={m.validFrom}
                onChange={(e) => {
                  const val = e.currentTarget.value;
                  setMs(ms.map((x, j) => (j === i ? { ...x, validFrom: val } : x)));
                }}
                error={err(`memberships.${i}.validFrom`)}
              />
              <DateField
                label={t('training.form.to')}
                value={m.validTo}
                onChange={(e) => {
                  const val = e.currentTarget.value;
                  setMs(ms.map((x, j) => (j === i ? { ...x, validTo: val } : x)));
                }}
                error={err(`memberships.${i}.validTo`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('training.form.remove')}
                onClick={() => setMs(ms.filter((_, j) => j !== i))}
              >
                ✕
              </ActionIcon>
            </Group>
          ))}
          {err('memberships') && (
            <Text c="red" size="sm">
              {err('memberships')}
            </Text>
          )}
          <Button variant="light" size="xs" onClick={() => setMs([...ms, { targetGroup: 'T2a', validFrom: '', validTo: '' }])}>
            {t('training.form.addGroup')}
          </Button>
        </Stack>
      </Fieldset>
    </FormShell>
  );
}

// ---------------------------------------------------------------- course

export function CourseForm({
  course,
  orgs,
  defaultOrgId,
  onClose,
}: {
  course: Course | null;
  orgs: Org[];
  defaultOrgId: number | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    title: course?.title ?? '',
    topics: course?.topics ?? [],
    kind: course?.kind ?? 'training',
    format: course?.format ?? 'in_person',
    hours: course?.hours ?? (null as number | null),
    organisationId: course?.organisationId ?? defaultOrgId,
    audiences: course?.audiences ?? [],
  });
  const [materials, setMaterials] = useState<{ id: number; label: string }[]>(
    (course?.materialIds ?? []).map((id) => ({ id, label: `#${id}` })),
  );
  const [pickKey, setPickKey] = useState(0);
  const input = (): CourseInput => ({
    ...v,
    hours: v.hours,
    organisationId: v.organisationId ?? 0,
    materialIds: materials.map((m) => m.id),
  });
  const { save, err, other, hasFieldErrors } = useSave(
    () => (course ? put<Course>(`/api/training/courses/${course.id}`, input()) : post<Course>('/api/training/courses', input())),
    /^(title|topics(\.\d+)?|kind|format|hours|organisationId|materialIds(\.\d+)?|audiences(\.\d+)?)$/,
    onClose,
  );
  return (
    <FormShell
      title={course ? t('training.form.editCourse') : t('training.form.newCourse')}
      testId="course-form"
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      other={other}
      hasFieldErrors={hasFieldErrors}
    >
      <TextInput
        label={t('training.courseTitle')}
        required
        value={v.title}
        onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
        error={err('title')}
        data-testid="course-title"
      />
      <TagsInput
        label={t('training.form.topics')}
        description={t('training.form.topicsHint')}
        value={v.topics}
        onChange={(x) => setV({ ...v, topics: x })}
        error={err('topics', ...v.topics.map((_, i) => `topics.${i}`))}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NativeSelect
          label={t('training.kind')}
          value={v.kind}
          data={COURSE_KINDS.map((k) => ({ value: k, label: t(`training.kinds.${k}`) }))}
          onChange={(e) => setV({ ...v, kind: e.currentTarget.value as Course['kind'] })}
          error={err('kind')}
          data-testid="course-kind"
        />
        <NativeSelect
          label={t('training.format')}
          value={v.format}
          data={COURSE_FORMATS.map((k) => ({ value: k, label: t(`training.formats.${k}`) }))}
          onChange={(e) => setV({ ...v, format: e.currentTarget.value as Course['format'] })}
          error={err('format')}
        />
        <NumberInput
          label={t('training.hours')}
          min={0}
          value={v.hours ?? ''}
          onChange={(x) => setV({ ...v, hours: typeof x === 'number' ? x : null })}
          error={err('hours')}
        />
      </SimpleGrid>
      <Select
        label={t('training.organisation')}
        required
        searchable
        filter={foldFilter}
        data={orgOptions(orgs)}
        value={v.organisationId ? String(v.organisationId) : null}
        onChange={(x) => setV({ ...v, organisationId: x ? Number(x) : null })}
        error={err('organisationId')}
      />
      <AudiencePicker
        value={v.audiences}
        onChange={(x) => setV({ ...v, audiences: x })}
        error={err('audiences', ...[0, 1, 2, 3, 4, 5].map((i) => `audiences.${i}`))}
        testId="course-audiences"
      />
      <Fieldset legend={t('training.form.materials')}>
        <Stack gap="xs">
          {materials.map((m, i) => (
            <Group key={m.id} justify="space-between">
              <Text size="sm" c={err(`materialIds.${i}`) ? 'red' : undefined}>
                {m.label}
                {err(`materialIds.${i}`) ? ` — ${err(`materialIds.${i}`)}` : ''}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('training.form.remove')}
                onClick={() => setMaterials(materials.filter((x) => x.id !== m.id))}
              >
                ✕
              </ActionIcon>
            </Group>
          ))}
          <ProductPicker
            key={pickKey}
            label={t('training.form.addMaterial')}
            value={null}
            error={err('materialIds')}
            testId="course-material"
            onChange={(id, label) => {
              if (id && !materials.some((x) => x.id === id)) setMaterials([...materials, { id, label: label ?? `#${id}` }]);
              setPickKey(pickKey + 1);
            }}
          />
        </Stack>
      </Fieldset>
    </FormShell>
  );
}

// ---------------------------------------------------------------- session

export function SessionForm({
  session,
  courses,
  orgs,
  defaultOrgId,
  onClose,
}: {
  session: Session | null;
  courses: Course[];
  orgs: Org[];
  defaultOrgId: number | null;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const [v, setV] = useState({
    courseId: session?.courseId ?? (null as number | null),
    startsOn: session?.startsOn ?? '',
    endsOn: session?.endsOn ?? '',
    abroad: Boolean(session?.countryCode),
    provinceCode: session?.provinceCode ?? (null as string | null),
    countryCode: session?.countryCode ?? (null as string | null),
    place: session?.place ?? '',
    organiserId: session?.organiserId ?? defaultOrgId,
    trainers: session?.trainers ?? '',
  });
  const map = /^\d{4}-\d{2}-\d{2}$/.test(v.startsOn) ? mapOn(v.startsOn) : '34';
  const units = useUnits(map);
  const countries = useCountries();
  const input = (): SessionInput => ({
    courseId: v.courseId ?? 0,
    startsOn: v.startsOn,
    endsOn: v.endsOn || v.startsOn,
    provinceCode: v.abroad ? null : v.provinceCode,
    countryCode: v.abroad ? v.countryCode : null,
    place: v.place || null,
    organiserId: v.organiserId ?? 0,
    trainers: v.trainers || null,
  });
  const { save, err, other, hasFieldErrors } = useSave(
    () => (session ? put<Session>(`/api/training/sessions/${session.id}`, input()) : post<Session>('/api/training/sessions', input())),
    /^(courseId|startsOn|endsOn|provinceCode|countryCode|place|organiserId|trainers)$/,
    onClose,
  );
  return (
    <FormShell
      title={session ? t('training.form.editSession') : t('training.form.newSession')}
      testId="session-form"
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      other={other}
      hasFieldErrors={hasFieldErrors}
    >
      <Select
        label={t('training.courseTitle')}
        required
        searchable
        filter={foldFilter}
        data={courses.map((c) => ({ value: String(c.id), label: c.title }))}
        value={v.courseId ? String(v.courseId) : null}
        onChange={(x) => setV({ ...v, courseId: x ? Number(x) : null })}
        error={err('courseId')}
        data-testid="session-course"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField
          label={t('training.form.startsOn')}
          required
          value={v.startsOn}
          onChange={(e) => setV({ ...v, startsOn: e.currentTarget.value })}
          error={err('startsOn')}
          data-testid="session-start"
          description={t('training.form.mapNote', { map })}
        />
        <DateField
          label={t('training.form.endsOn')}
          required
          value={v.endsOn}
          onChange={(e) => setV({ ...v, endsOn: e.currentTarget.value })}
          error={err('endsOn')}
          data-testid="session-end"
        />
      </SimpleGrid>
      <Radio.Group
        label={t('training.place')}
        value={v.abroad ? 'abroad' : 'vietnam'}
        onChange={(x) => setV({ ...v, abroad: x === 'abroad' })}
      >
        <Group mt={4}>
          <Radio value="vietnam" label={t('training.form.inVietnam')} />
          <Radio value="abroad" label={t('training.form.abroad')} />
        </Group>
      </Radio.Group>
      {v.abroad ? (
        <Select
          label={t('training.form.country')}
          required
          searchable
          filter={foldFilter}
          value={v.countryCode}
          onChange={(x) => setV({ ...v, countryCode: x })}
          error={err('countryCode', 'provinceCode')}
          data={(countries.data ?? [])
            .filter((c) => c.alpha2 !== 'VN')
            .map((c) => ({ value: c.alpha2, label: lang === 'en' ? c.nameEn : c.nameVi }))}
        />
      ) : (
        <Select
          label={t('training.form.province', { map })}
          required
          searchable
          filter={foldFilter}
          value={v.provinceCode}
          onChange={(x) => setV({ ...v, provinceCode: x })}
          error={err('provinceCode')}
          data-testid="session-province"
          data={(units.data ?? []).map((u) => ({ value: u.code, label: `${lang === 'en' ? u.nameEn : u.nameVi} (${u.code})` }))}
        />
      )}
      <TextInput
        label={t('training.form.placeName')}
        value={v.place}
        onChange={(e) => setV({ ...v, place: e.currentTarget.value })}
        error={err('place')}
      />
      <Select
        label={t('training.organiser')}
        required
        searchable
        filter={foldFilter}
        data={orgOptions(orgs)}
        value={v.organiserId ? String(v.organiserId) : null}
        onChange={(x) => setV({ ...v, organiserId: x ? Number(x) : null })}
        error={err('organiserId')}
      />
      <TextInput
        label={t('training.form.trainers')}
        value={v.trainers}
        onChange={(e) => setV({ ...v, trainers: e.currentTarget.value })}
        error={err('trainers')}
      />
    </FormShell>
  );
}

// ---------------------------------------------------------------- attendance

/** One participant's row: attended / completed / assessment, saved on its own. */
function AttendanceRow({ a, sessionId }: { a: Attendance; sessionId: number }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ attended: a.attended, completed: a.completed, assessment: a.assessment });
  const { save, err } = useSave(
    () => post('/api/training/attendance', { sessionId, personId: a.personId, ...v }),
    /^(attended|completed|assessment)$/,
    () => undefined,
  );
  const dirty = v.attended !== a.attended || v.completed !== a.completed || v.assessment !== a.assessment;
  return (
    <Table.Tr data-testid={`attendance-${a.personId}`}>
      <Table.Td>{a.fullName}</Table.Td>
      <Table.Td>{a.organisationName}</Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={`${t('training.form.attended')}: ${a.fullName}`}
          checked={v.attended}
          onChange={(e) => setV({ ...v, attended: e.currentTarget.checked })}
          error={err('attended')}
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={`${t('training.completed')}: ${a.fullName}`}
          checked={v.completed}
          onChange={(e) => setV({ ...v, completed: e.currentTarget.checked })}
          error={err('completed')}
          data-testid="att-completed"
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={`${t('training.form.assessment')}: ${a.fullName}`}
          min={0}
          max={100}
          w={90}
          value={v.assessment ?? ''}
          onChange={(x) => setV({ ...v, assessment: typeof x === 'number' ? x : null })}
          error={err('assessment')}
        />
      </Table.Td>
      <Table.Td>
        <Button size="compact-sm" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()} data-testid="att-save">
          {t('common.save')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** Marking attendance: the session's participants, and a search of the roster to add one. */
export function AttendanceEditor({ sessionId, rows }: { sessionId: number; rows: Attendance[] }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [dq] = useDebouncedValue(q, 250);
  const found = useQuery({
    queryKey: ['training', 'roster-search', dq],
    queryFn: () => get<{ items: Person[] }>(`/api/training/people${qs({ q: dq, limit: 20 })}`),
    enabled: dq.length > 1,
  });
  const add = useSave(
    (personId: number) => post('/api/training/attendance', { sessionId, personId, attended: true, completed: false }),
    /^$/,
    () => setQ(''),
  );
  return (
    <Stack>
      <ScrollTable striped>
        <Table.Thead>
          <Table.Tr>
            {[
              'training.fullName',
              'training.organisation',
              'training.form.attended',
              'training.completed',
              'training.form.assessment',
              'training.form.save',
            ].map((c) => (
              <Table.Th scope="col" key={c}>
                {t(c)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <AttendanceRow key={`${a.id}-${a.attended}-${a.completed}-${a.assessment}`} a={a} sessionId={sessionId} />
          ))}
        </Table.Tbody>
      </ScrollTable>
      <Group align="flex-end">
        <Select
          label={t('training.form.addParticipant')}
          placeholder={t('training.search')}
          searchable
          searchValue={q}
          onSearchChange={setQ}
          value={null}
          filter={({ options }) => options}
          data={(found.data?.items ?? [])
            .filter((p) => !rows.some((r) => r.personId === p.id))
            .map((p) => ({ value: String(p.id), label: `${p.fullName} — ${p.organisationName}` }))}
          onChange={(x) => x && add.save.mutate(Number(x))}
          error={add.save.error ? add.other.map(([, m]) => m).join('; ') || String(add.save.error) : undefined}
          data-testid="att-add"
        />
      </Group>
    </Stack>
  );
}

// ---------------------------------------------------------------- coverage rule (programme office)

export function RuleForm({ rule, onClose }: { rule: CoverageRule; onClose(): void }) {
  const { t } = useTranslation();
  const [v, setV] = useState<CoverageRule>(rule);
  const { save, err, other, hasFieldErrors } = useSave(
    () => put('/api/training/rule', v),
    /^(minTrainings|requireCompletion|minUpdates|windowFrom|windowTo|note(\.(vi|en))?)$/,
    onClose,
  );
  return (
    <FormShell
      title={t('training.form.ruleTitle')}
      testId="rule-form"
      onClose={onClose}
      onSubmit={() => save.mutate()}
      saving={save.isPending}
      error={save.error}
      other={other}
      hasFieldErrors={hasFieldErrors}
    >
      <Text size="sm">{t('training.form.ruleHelp')}</Text>
      <SimpleGrid cols={2}>
        <NumberInput
          label={t('training.form.minTrainings')}
          min={0}
          max={20}
          value={v.minTrainings}
          onChange={(x) => setV({ ...v, minTrainings: Number(x) || 0 })}
          error={err('minTrainings')}
          data-testid="rule-min-trainings"
        />
        <NumberInput
          label={t('training.form.minUpdates')}
          min={0}
          max={20}
          value={v.minUpdates}
          onChange={(x) => setV({ ...v, minUpdates: Number(x) || 0 })}
          error={err('minUpdates')}
          data-testid="rule-min-updates"
        />
      </SimpleGrid>
      <Checkbox
        label={t('training.form.requireCompletion')}
        checked={v.requireCompletion}
        onChange={(e) => setV({ ...v, requireCompletion: e.currentTarget.checked })}
        error={err('requireCompletion')}
      />
      <SimpleGrid cols={2}>
        <DateField
          label={t('training.form.windowFrom')}
          value={v.windowFrom}
          onChange={(e) => setV({ ...v, windowFrom: e.currentTarget.value })}
          error={err('windowFrom')}
        />
        <DateField
          label={t('training.form.windowTo')}
          value={v.windowTo}
          onChange={(e) => setV({ ...v, windowTo: e.currentTarget.value })}
          error={err('windowTo')}
          data-testid="rule-window-to"
        />
      </SimpleGrid>
      <TextInput
        label={t('training.form.noteVi')}
        value={v.note.vi}
        onChange={(e) => setV({ ...v, note: { ...v.note, vi: e.currentTarget.value } })}
        error={err('note.vi')}
      />
      <TextInput
        label={t('training.form.noteEn')}
        value={v.note.en}
        onChange={(e) => setV({ ...v, note: { ...v.note, en: e.currentTarget.value } })}
        error={err('note.en')}
      />
    </FormShell>
  );
}
