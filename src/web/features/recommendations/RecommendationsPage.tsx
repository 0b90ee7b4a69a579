// UN recommendations (T6) in the workspace: the list (filters, due and overdue work), the import panel (preview, then
// commit) and a recommendation's page (texts, implementers, actions, progress reports with review, evidence from
// every module with counts and links beside the figures of the targets it maps to — tagged through a picker that
// searches every kind of record by title — status with its rules and history). The list exports the Government matrix.
import { AudienceBadges, AudiencePicker, audienceError } from '../../components/Audiences';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  MultiSelect,
  Group,
  NumberInput,
  Pagination,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  Action,
  Cluster,
  EvidenceItem,
  ImportPreview,
  RecList,
  Recommendation,
  RecommendationPage,
  ReminderSettings,
  Report,
} from '../../../shared/contracts/recommendations';
import { MECHANISMS, POSITIONS, REC_STATUSES } from '../../../shared/contracts/recommendations';
import { workspacePage } from '../../../shared/contracts/links';
import { INDICATOR_IDS } from '../../../shared/contracts/indicators';
import { useAuth } from '../../app/auth';
import { Link, setSearchParams, useSearchParams } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ApiError, api, fieldErrorsOf, get, post, put, qs } from '../../lib/api';
import { DownloadLink, TransferProgress } from '../../lib/TransferProgress';
import { uploadForm, useTransfer } from '../../lib/transfer';
import { useOrgTree } from '../organisations/api';
import { canWriteOrg, indexTree } from '../organisations/tree';
import { EvidencePicker } from './EvidencePicker';
import { ScrollTable } from '../../components/ScrollTable';
import { DateField } from '../../components/DateField';
import { fmtDate, fmtPercent, vnToday } from '../../lib/format';

const PAGE = 50;
type Facets = {
  cycles: string[];
  themes: string[];
  states: string[];
  clusters: Cluster[];
  evidenceTypes: { recordType: string; label: { vi: string; en: string } }[];
  statusNote: { vi: string; en: string };
};
const keys = { all: ['recommendations'] as const };

export function RecommendationsPage() {
  const sp = useSearchParams();
  const id = Number(sp.get('id')) || null;
  return id ? <RecommendationView id={id} /> : <RecommendationList sp={sp} />;
}

function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = { not_started: 'gray', in_progress: 'blue', partly_implemented: 'yellow', implemented: 'green' }[status] ?? 'gray';
  return (
    <Badge color={color} variant="light">
      {t(`rec.status.${status}`)}
    </Badge>
  );
}

function RecommendationList({ sp }: { sp: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { me } = useAuth();
  useDocumentTitle(t('rec.title'));
  const f = {
    q: sp.get('q') ?? '',
    cycle: sp.get('cycle') ?? '',
    status: sp.get('status') ?? '',
    position: sp.get('position') ?? '',
    due: sp.get('due') ?? '',
    clusterId: sp.get('clusterId') ?? '',
    organisationId: sp.get('organisationId') ?? '',
  };
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const set = (patch: Record<string, string | null>) => setSearchParams({ ...Object.fromEntries(sp), page: null, ...patch });
  // An editor's list opens on the recommendations its organisation implements (once: unticked, it shows all).
  const openedOnOwn = useRef(false);
  useEffect(() => {
    if (openedOnOwn.current) return;
    openedOnOwn.current = true;
    if (me?.role === 'editor' && me.organisationId !== null && [...sp.keys()].length === 0)
      set({ organisationId: String(me.organisationId) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on opening the page
  }, []);
  const facets = useQuery({ queryKey: [...keys.all, 'facets'], queryFn: () => get<Facets>('/api/recommendations/facets') });
  const list = useQuery({
    queryKey: [...keys.all, 'list', f, page],
    placeholderData: keepPreviousData,
    queryFn: () => get<RecList>(`/api/recommendations${qs({ ...f, limit: PAGE, offset: (page - 1) * PAGE })}`),
  });
  const reminders = useQuery({
    queryKey: [...keys.all, 'reminders'],
    queryFn: () => get<ReminderSettings>('/api/recommendations/reminders'),
  });
  const [importing, setImporting] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('rec.title')}</Title>
        <Group>
          <DownloadLink
            href={`/api/recommendations/report-draft.docx${qs({ lang: 'vi', clusterId: f.clusterId || undefined })}`}
            testId="rec-report-draft"
          >
            {t('rec.report.draft')} (VI)
          </DownloadLink>
          <DownloadLink
            href={`/api/recommendations/report-draft.docx${qs({ lang: 'en', clusterId: f.clusterId || undefined })}`}
            testId="rec-report-draft-en"
          >
            {t('rec.report.draft')} (EN)
          </DownloadLink>
          <DownloadLink
            href={`/api/recommendations/matrix.xlsx${qs({ q: f.q, cycle: f.cycle, status: f.status, position: f.position, due: f.due, clusterId: f.clusterId })}`}
            testId="rec-matrix-export"
          >
            {t('rec.matrixExport')}
          </DownloadLink>
          {me?.role === 'admin' && (
            <Button variant="light" onClick={() => setImporting((x) => !x)} data-testid="rec-import-toggle">
              {t('rec.import.open')}
            </Button>
          )}
        </Group>
      </Group>
      <Text c="dimmed">{t('rec.intro')}</Text>
      {reminders.data && (
        <Text size="sm" data-testid="rec-reminders">
          {reminders.data.enabled
            ? t('rec.reminders.on', { days: reminders.data.daysAhead })
            : t('rec.reminders.off', { days: reminders.data.daysAhead })}
        </Text>
      )}
      {importing && <ImportPanel />}
      <Group align="end">
        <TextInput
          label={t('rec.search')}
          defaultValue={f.q}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ q: (e.target as HTMLInputElement).value || null });
          }}
        />
        <Select
          label={t('rec.fields.cycle')}
          clearable
          data={facets.data?.cycles ?? []}
          value={f.cycle || null}
          onChange={(v) => set({ cycle: v })}
        />
        <Select
          label={t('rec.fields.status')}
          clearable
          data={REC_STATUSES.map((s) => ({ value: s, label: t(`rec.status.${s}`) }))}
          value={f.status || null}
          onChange={(v) => set({ status: v })}
        />
        <Select
          label={t('rec.fields.position')}
          clearable
          data={POSITIONS.map((s) => ({ value: s, label: t(`rec.position.${s}`) }))}
          value={f.position || null}
          onChange={(v) => set({ position: v })}
        />
        <Select
          label={t('rec.fields.cluster')}
          clearable
          data={(facets.data?.clusters ?? []).map((c) => ({ value: String(c.id), label: lang === 'en' ? c.nameEn : c.nameVi }))}
          value={f.clusterId || null}
          onChange={(v) => set({ clusterId: v })}
        />
        {me?.organisationId != null && (
          <Checkbox
            label={t('rec.mine')}
            checked={f.organisationId === String(me.organisationId)}
            onChange={(e) => set({ organisationId: e.currentTarget.checked ? String(me.organisationId) : null })}
            data-testid="rec-filter-mine"
          />
        )}
        <SegmentedControl
          value={f.due || 'all'}
          onChange={(v) => set({ due: v === 'all' ? null : v })}
          data={[
            { value: 'all', label: t('rec.due.all') },
            { value: 'due', label: t('rec.due.due') },
            { value: 'overdue', label: t('rec.due.overdue') },
          ]}
          aria-label={t('rec.due.label')}
        />
      </Group>
      <ErrorAlert error={list.error} />
      <Text size="sm">{t('rec.count', { count: list.data?.total ?? 0 })}</Text>
      <ScrollTable striped highlightOnHover data-testid="rec-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('rec.fields.reference')}</Table.Th>
            <Table.Th>{t('rec.fields.text')}</Table.Th>
            <Table.Th>{t('rec.fields.position')}</Table.Th>
            <Table.Th>{t('rec.fields.status')}</Table.Th>
            <Table.Th>{t('rec.fields.lead')}</Table.Th>
            <Table.Th>{t('rec.fields.nextDue')}</Table.Th>
            <Table.Th>{t('rec.fields.evidence')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Link to={workspacePage.recommendation(r.id)}>{r.label}</Link>
                {r.named && ' ★'}
                {r.fictional && (
                  <Badge ml="xs" size="xs" color="grape">
                    {t('rec.fictional')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {(lang === 'vi' ? r.textVi : null) ?? r.textEn ?? t('rec.noText')}
                </Text>
              </Table.Td>
              <Table.Td>{r.position ? t(`rec.position.${r.position}`) : '—'}</Table.Td>
              <Table.Td>
                <StatusBadge status={r.status} />
              </Table.Td>
              <Table.Td>{r.lead?.name ?? '—'}</Table.Td>
              <Table.Td>
                {fmtDate(r.nextDue, i18n.language)}
                {r.overdueActions > 0 && (
                  <Badge ml="xs" color="red" size="sm">
                    {t('rec.overdueCount', { count: r.overdueActions })}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{r.evidenceCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {(list.data?.total ?? 0) > PAGE && (
        <Pagination
          total={Math.ceil((list.data?.total ?? 0) / PAGE)}
          value={page}
          onChange={(p) => setSearchParams({ ...Object.fromEntries(sp), page: String(p) })}
        />
      )}
    </Stack>
  );
}

function ImportPanel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [format, setFormat] = useState<'matrix' | 'uhri'>('matrix');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  // UHRI: a file without a State column is imported only when the office confirms every row is Viet Nam's.
  const [stateConfirmed, setStateConfirmed] = useState(false);
  const transfer = useTransfer();
  const run = useMutation({
    mutationFn: (commit: boolean) => {
      const fd = new FormData();
      fd.append('file', file!);
      return uploadForm<ImportPreview>(
        `/api/recommendations/import?format=${format}&commit=${commit}${format === 'uhri' && stateConfirmed ? '&stateConfirmed=true' : ''}`,
        fd,
        transfer.onProgress,
      );
    },
    onError: transfer.reset,
    onSuccess: (p) => {
      setPreview(p);
      if (p.committed) void qc.invalidateQueries({ queryKey: keys.all });
    },
  });
  const issues = run.error instanceof ApiError ? run.error.issues : [];
  return (
    <Card withBorder data-testid="rec-import">
      <Stack>
        <Title order={2} size="h4">
          {t('rec.import.title')}
        </Title>
        <Text size="sm">
          {t('rec.import.hint')} <Anchor href="/api/recommendations/matrix-template.xlsx">{t('rec.import.template')}</Anchor>
        </Text>
        <Group align="end">
          <Select
            label={t('rec.import.format')}
            data={[
              { value: 'matrix', label: t('rec.import.matrix') },
              { value: 'uhri', label: t('rec.import.uhri') },
            ]}
            value={format}
            onChange={(v) => {
              setFormat((v ?? 'matrix') as 'matrix' | 'uhri');
              setPreview(null);
            }}
            allowDeselect={false}
          />
          <FileInput
            label={t('rec.import.file')}
            accept=".xlsx,.csv"
            value={file}
            onChange={(f) => {
              setFile(f);
              setPreview(null);
              run.reset();
              transfer.reset();
            }}
            data-testid="rec-import-file"
          />
          <Button disabled={!file || run.isPending} onClick={() => run.mutate(false)} data-testid="rec-import-preview">
            {t('rec.import.preview')}
          </Button>
          <Button
            disabled={!preview || preview.committed || run.isPending}
            color="green"
            onClick={() => run.mutate(true)}
            data-testid="rec-import-commit"
          >
            {t('rec.import.commit')}
          </Button>
        </Group>
        <TransferProgress progress={transfer.progress} testId="rec-import-progress" />
        {format === 'uhri' && (
          <Checkbox
            label={t('rec.import.stateConfirmed')}
            description={t('rec.import.stateConfirmedHint')}
            checked={stateConfirmed}
            onChange={(e) => {
              setStateConfirmed(e.currentTarget.checked);
              setPreview(null);
            }}
            data-testid="rec-import-state-confirmed"
          />
        )}
        {run.error && !issues.length && <ErrorAlert error={run.error} />}
        {issues.length > 0 && (
          <Alert color="red" title={t('rec.import.problems')} role="alert">
            <ul>
              {issues.map((i, n) => (
                <li key={n}>
                  {i.row ? t('rec.import.row', { row: i.row }) : ''} {i.field}: {i.message}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {preview && (
          <Stack gap="xs" data-testid="rec-import-result">
            <Text fw={600}>{preview.committed ? t('rec.import.done', preview) : t('rec.import.will', preview)}</Text>
            <ScrollTable>
              <Table.Tbody>
                {preview.changes
                  .filter((c) => c.kind !== 'unchanged')
                  .slice(0, 200)
                  .map((c) => (
                    <Table.Tr key={c.row}>
                      <Table.Td>{t('rec.import.row', { row: c.row })}</Table.Td>
                      <Table.Td>{c.label}</Table.Td>
                      <Table.Td>{t(`rec.import.kind.${c.kind}`)}</Table.Td>
                      <Table.Td>{c.fields.join(', ')}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </ScrollTable>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function RecommendationView({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { me } = useAuth();
  const qc = useQueryClient();
  const page = useQuery({ queryKey: [...keys.all, 'page', id], queryFn: () => get<RecommendationPage>(`/api/recommendations/${id}`) });
  const facets = useQuery({ queryKey: [...keys.all, 'facets'], queryFn: () => get<Facets>('/api/recommendations/facets') });
  const tree = useOrgTree();
  const orgOptions = useMemo(
    () => (tree.data ?? []).map((o) => ({ value: String(o.id), label: `${lang === 'en' && o.nameEn ? o.nameEn : o.nameVi} (${o.code})` })),
    [tree.data, lang],
  );
  // Invalidation refetches in the background; a failed refetch shows in the queries themselves.
  const refresh = () => void qc.invalidateQueries({ queryKey: keys.all });
  const office = me?.role === 'admin';
  // Write controls only for those the server lets write: the office, and editors of an implementing organisation's
  // subtree for its actions, reports and (the lead's) translation; a viewer sees none.
  const idx = useMemo(() => indexTree(tree.data ?? []), [tree.data]);
  const mayWrite = (orgId: number | null) => canWriteOrg(me, idx, orgId);
  const mayTag = office || me?.role === 'editor';
  const [editing, setEditing] = useState(false);
  useDocumentTitle(page.data?.recommendation.label ?? t('rec.title'));
  if (page.error) return <ErrorAlert error={page.error} />;
  if (!page.data) return null;
  const { recommendation: r, actions, reports, history, evidence, targets, translations } = page.data;
  const implementers = [r.lead, ...r.coImplementers].filter((x): x is NonNullable<typeof x> => !!x);
  const writable = implementers.filter((o) => mayWrite(o.id));
  if (editing)
    return (
      <RecommendationForm
        r={r}
        clusters={facets.data?.clusters ?? []}
        onClose={() => setEditing(false)}
        onDone={() => {
          setEditing(false);
          void refresh();
        }}
      />
    );
  return (
    <Stack>
      <Anchor component={Link} to="/recommendations">
        ← {t('rec.back')}
      </Anchor>
      <Group>
        <Title order={1}>{r.label}</Title>
        <StatusBadge status={r.status} />
        {r.named && <Badge color="red">{t('rec.named')}</Badge>}
        {r.fictional && <Badge color="grape">{t('rec.fictional')}</Badge>}
        {office && (
          <Button variant="light" size="xs" onClick={() => setEditing(true)} data-testid="rec-edit">
            {t('rec.edit.open')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {r.sourceDocument} · {t(`rec.mechanism.${r.mechanism}`)} · {r.recommendingStates.join(', ') || '—'}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h5">
            {t('rec.fields.textEn')}
          </Title>
          <Text lang="en">{r.textEn ?? t('rec.noText')}</Text>
          {r.textEnSource && (
            <Text size="xs" c="dimmed">
              {r.textEnSource}
            </Text>
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h5">
            {t('rec.fields.textVi')} {r.translationVersion && `(v${r.translationVersion})`}
          </Title>
          <Text lang="vi">{r.textVi ?? '—'}</Text>
          {translations.length > 1 && (
            <Text size="xs" c="dimmed">
              {t('rec.versions', { count: translations.length })}
            </Text>
          )}
          {(office || (r.lead && mayWrite(r.lead.id))) && <TranslationForm id={r.id} onDone={refresh} />}
        </Card>
      </SimpleGrid>
      <Text size="sm">
        {t('rec.fields.position')}: {r.position ? t(`rec.position.${r.position}`) : '—'} {r.positionSource && `(${r.positionSource})`} ·{' '}
        {t('rec.fields.themes')}: {r.themes.join(', ') || '—'} · SDG: {r.sdgTargets.join(', ') || '—'} · UPR Info: {r.actionCategory ?? '—'}
      </Text>
      {r.links.length > 0 && (
        <Text size="sm">
          {t('rec.links')}:{' '}
          {r.links.map((l) => (
            <Anchor key={`${l.kind}${l.id}`} component={Link} to={workspacePage.recommendation(l.id)} mr="sm">
              {t(`rec.link.${l.kind}.${l.direction}`)} {l.label}
            </Anchor>
          ))}
        </Text>
      )}

      <Card withBorder>
        <Title order={2} size="h4">
          {t('rec.implementers')}
        </Title>
        <Text>
          {t('rec.fields.lead')}: {r.lead?.name ?? '—'} · {t('rec.fields.co')}: {r.coImplementers.map((c) => c.name).join(', ') || '—'}
        </Text>
        {office && <AssignForm r={r} orgOptions={orgOptions} onDone={refresh} />}
      </Card>

      <Card withBorder>
        <Title order={2} size="h4">
          {t('rec.actions.title')}
        </Title>
        <ScrollTable data-testid="rec-actions">
          <Table.Tbody>
            {actions.map((a) => (
              <ActionRow key={a.id} a={a} canEdit={mayWrite(a.organisationId)} onDone={refresh} />
            ))}
          </Table.Tbody>
        </ScrollTable>
        {implementers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('rec.actions.needLead')}
          </Text>
        ) : (
          writable.length > 0 && <ActionForm recId={r.id} orgs={writable} onDone={refresh} />
        )}
      </Card>

      <Card withBorder>
        <Title order={2} size="h4">
          {t('rec.reports.title')}
        </Title>
        <Stack>
          {reports.map((p) => (
            <ReportCard key={p.id} p={p} office={office} onDone={refresh} />
          ))}
        </Stack>
        {writable.length > 0 && <ReportForm recId={r.id} orgs={writable} onDone={refresh} />}
      </Card>

      <Card withBorder data-testid="rec-evidence">
        <Title order={2} size="h4">
          {t('rec.evidence.title', { count: evidence.total })}
        </Title>
        <Group>
          {evidence.counts.map((c) => (
            <Badge key={c.recordType} variant="outline">
              {c.label[lang]}: {c.count}
            </Badge>
          ))}
        </Group>
        <ScrollTable data-testid="rec-evidence-list">
          <Table.Tbody>
            {evidence.items.map((e) => (
              <EvidenceRow
                key={`${e.recordType}:${e.recordId}`}
                e={e}
                recId={r.id}
                types={facets.data?.evidenceTypes ?? []}
                canUntag={mayTag}
                onDone={refresh}
              />
            ))}
          </Table.Tbody>
        </ScrollTable>
        {mayTag && <EvidencePicker recId={r.id} types={facets.data?.evidenceTypes ?? []} orgOptions={orgOptions} onDone={refresh} />}
        {targets.length > 0 && (
          <>
            <Title order={3} size="h5" mt="md">
              {t('rec.targets')}
            </Title>
            <Group>
              {targets.map((x) => (
                <Badge key={x.id} size="lg" variant="light">
                  {x.id} · {x.name[lang]}: {x.unit === 'percent' ? fmtPercent(x.value, lang) : x.numerator}
                </Badge>
              ))}
            </Group>
          </>
        )}
      </Card>

      <Card withBorder>
        <Title order={2} size="h4">
          {t('rec.statusTitle')}
        </Title>
        {facets.data && (
          <Text size="xs" c="dimmed">
            {facets.data.statusNote[lang]}
          </Text>
        )}
        <ScrollTable data-testid="rec-history">
          <Table.Tbody>
            {history.map((h, i) => (
              <Table.Tr key={i}>
                <Table.Td>{fmtDate(h.at, lang)}</Table.Td>
                <Table.Td>
                  {h.from ? t(`rec.status.${h.from}`) : '—'} → {t(`rec.status.${h.to}`)}
                </Table.Td>
                <Table.Td>{h.actorName}</Table.Td>
                <Table.Td>{h.reason ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        {office && <StatusForm r={r} onDone={refresh} />}
      </Card>
    </Stack>
  );
}

const splitList = (s: string) =>
  s
    .split(/[;,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The programme office edits a recommendation's fields (PUT /api/recommendations/:id); the original English text can
 *  only be set while it is empty. Field errors of the server appear under their fields. */
function RecommendationForm({
  r,
  clusters,
  onClose,
  onDone,
}: {
  r: Recommendation;
  clusters: Cluster[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const [v, setV] = useState({
    mechanism: r.mechanism as string,
    cycle: r.cycle,
    sourceDocument: r.sourceDocument,
    paragraph: r.paragraph,
    recommendingStates: r.recommendingStates.join('; '),
    textEn: r.textEn ?? '',
    textEnSource: r.textEnSource ?? '',
    position: r.position as string | null,
    positionSource: r.positionSource ?? '',
    themes: r.themes.join('; '),
    affectedPersons: r.affectedPersons.join('; '),
    sdgTargets: r.sdgTargets.join('; '),
    actionCategory: r.actionCategory as number | string | null,
    communication: r.communication,
    targets: r.targets as string[],
    clusterId: r.cluster ? String(r.cluster.id) : null,
  });
  const set = <K extends keyof typeof v>(k: K, x: (typeof v)[K]) => setV((o) => ({ ...o, [k]: x }));
  const save = useMutation({
    mutationFn: () =>
      put(`/api/recommendations/${r.id}`, {
        mechanism: v.mechanism,
        cycle: v.cycle.trim(),
        sourceDocument: v.sourceDocument.trim(),
        paragraph: v.paragraph.trim(),
        recommendingStates: splitList(v.recommendingStates),
        textEn: v.textEn.trim() || null,
        textEnSource: v.textEnSource.trim() || null,
        position: v.position || null,
        positionSource: v.positionSource.trim() || null,
        themes: splitList(v.themes),
        affectedPersons: splitList(v.affectedPersons),
        sdgTargets: splitList(v.sdgTargets),
        actionCategory: v.actionCategory === '' || v.actionCategory === null ? null : Number(v.actionCategory),
        communication: v.communication,
        targets: v.targets,
        clusterId: v.clusterId ? Number(v.clusterId) : null,
      }),
    onSuccess: onDone,
  });
  const errs = fieldErrorsOf(save.error);
  // Array fields report the bad item (sdgTargets.0): shown under the field itself.
  const err = (f: string) =>
    Object.entries(errs)
      .filter(([k]) => k === f || k.startsWith(`${f}.`))
      .map(([, m]) => m)
      .join('; ') || undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Card withBorder data-testid="rec-form">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={1} size="h3">
            {t('rec.edit.title', { label: r.label })}
          </Title>
          {save.error != null && (
            <Alert color="red" role="alert">
              {save.error instanceof Error ? save.error.message : String(save.error)}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, md: 4 }}>
            <Select
              label={t('rec.edit.mechanism')}
              required
              data={MECHANISMS.map((m) => ({ value: m, label: t(`rec.mechanism.${m}`) }))}
              value={v.mechanism}
              onChange={(x) => x && set('mechanism', x)}
              error={err('mechanism')}
              allowDeselect={false}
            />
            <TextInput
              label={t('rec.fields.cycle')}
              required
              value={v.cycle}
              onChange={(e) => set('cycle', e.currentTarget.value)}
              error={err('cycle')}
              data-testid="rec-form-cycle"
            />
            <TextInput
              label={t('rec.edit.sourceDocument')}
              required
              value={v.sourceDocument}
              onChange={(e) => set('sourceDocument', e.currentTarget.value)}
              error={err('sourceDocument')}
            />
            <TextInput
              label={t('rec.edit.paragraph')}
              required
              value={v.paragraph}
              onChange={(e) => set('paragraph', e.currentTarget.value)}
              error={err('paragraph')}
              data-testid="rec-form-paragraph"
            />
          </SimpleGrid>
          <TextInput
            label={t('rec.edit.states')}
            description={t('rec.edit.listHint')}
            value={v.recommendingStates}
            onChange={(e) => set('recommendingStates', e.currentTarget.value)}
            error={err('recommendingStates')}
          />
          {r.textEn === null ? (
            <Textarea
              label={t('rec.fields.textEn')}
              description={t('rec.edit.textEnOnce')}
              lang="en"
              autosize
              minRows={2}
              value={v.textEn}
              onChange={(e) => set('textEn', e.currentTarget.value)}
              error={err('textEn')}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('rec.edit.textEnFixed')}
            </Text>
          )}
          <TextInput
            label={t('rec.edit.textEnSource')}
            value={v.textEnSource}
            onChange={(e) => set('textEnSource', e.currentTarget.value)}
            error={err('textEnSource')}
          />
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Select
              label={t('rec.fields.position')}
              clearable
              data={POSITIONS.map((p) => ({ value: p, label: t(`rec.position.${p}`) }))}
              value={v.position}
              onChange={(x) => set('position', x)}
              error={err('position')}
            />
            <TextInput
              label={t('rec.edit.positionSource')}
              value={v.positionSource}
              onChange={(e) => set('positionSource', e.currentTarget.value)}
              error={err('positionSource')}
            />
            <NumberInput
              label={t('rec.edit.actionCategory')}
              min={1}
              max={5}
              clampBehavior="none"
              value={v.actionCategory ?? ''}
              onChange={(x) => set('actionCategory', x)}
              error={err('actionCategory')}
              data-testid="rec-form-category"
            />
          </SimpleGrid>
          <TextInput
            label={t('rec.fields.themes')}
            description={t('rec.edit.listHint')}
            value={v.themes}
            onChange={(e) => set('themes', e.currentTarget.value)}
            error={err('themes')}
          />
          <TextInput
            label={t('rec.edit.affectedPersons')}
            description={t('rec.edit.listHint')}
            value={v.affectedPersons}
            onChange={(e) => set('affectedPersons', e.currentTarget.value)}
            error={err('affectedPersons')}
          />
          <TextInput
            label={t('rec.edit.sdgTargets')}
            description={t('rec.edit.listHint')}
            value={v.sdgTargets}
            onChange={(e) => set('sdgTargets', e.currentTarget.value)}
            error={err('sdgTargets')}
            data-testid="rec-form-sdg"
          />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <MultiSelect
              label={t('rec.edit.targets')}
              data={[...INDICATOR_IDS]}
              value={v.targets}
              onChange={(x) => set('targets', x)}
              error={err('targets')}
            />
            <Select
              label={t('rec.fields.cluster')}
              clearable
              data={clusters.map((c) => ({ value: String(c.id), label: lang === 'en' ? c.nameEn : c.nameVi }))}
              value={v.clusterId}
              onChange={(x) => set('clusterId', x)}
              error={err('clusterId')}
            />
          </SimpleGrid>
          <Checkbox
            label={t('rec.edit.communication')}
            checked={v.communication}
            onChange={(e) => set('communication', e.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="rec-form-save">
              {t('rec.save')}
            </Button>
            <Button variant="default" onClick={onClose}>
              {t('rec.edit.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function useWrite<T>(fn: (v: T) => Promise<unknown>, onDone: () => void) {
  return useMutation({ mutationFn: fn, onSuccess: onDone });
}

function TranslationForm({ id, onDone }: { id: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const m = useWrite(
    (textVi: string) => post(`/api/recommendations/${id}/translations`, { textVi }),
    () => {
      setText('');
      onDone();
    },
  );
  return (
    <Stack gap="xs" mt="sm">
      <Textarea label={t('rec.newTranslation')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} />
      <ErrorAlert error={m.error} />
      <Button size="xs" disabled={!text.trim()} onClick={() => m.mutate(text)}>
        {t('rec.save')}
      </Button>
    </Stack>
  );
}

function AssignForm({ r, orgOptions, onDone }: { r: Recommendation; orgOptions: { value: string; label: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [lead, setLead] = useState<string | null>(r.lead ? String(r.lead.id) : null);
  const [co, setCo] = useState<string | null>(null);
  const m = useWrite(
    () =>
      put(`/api/recommendations/${r.id}/implementers`, {
        leadOrganisationId: lead ? Number(lead) : null,
        coImplementerIds: [...r.coImplementers.map((c) => c.id), ...(co ? [Number(co)] : [])],
      }),
    () => {
      setCo(null);
      onDone();
    },
  );
  return (
    <Group align="end" mt="sm">
      <Select
        label={t('rec.fields.lead')}
        searchable
        clearable
        data={orgOptions}
        value={lead}
        onChange={setLead}
        limit={100}
        data-testid="rec-lead"
      />
      <Select label={t('rec.addCo')} searchable clearable data={orgOptions} value={co} onChange={setCo} limit={100} />
      <Button onClick={() => m.mutate(undefined)} data-testid="rec-assign">
        {t('rec.save')}
      </Button>
      <ErrorAlert error={m.error} />
    </Group>
  );
}

function ActionRow({ a, canEdit, onDone }: { a: Action; canEdit: boolean; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const m = useWrite(
    () =>
      put(`/api/recommendations/actions/${a.id}`, {
        organisationId: a.organisationId,
        title: a.title,
        targetDate: a.targetDate,
        status: 'done',
        completedOn: vnToday(),
        audiences: a.audiences,
      }),
    onDone,
  );
  return (
    <Table.Tr>
      <Table.Td>{a.title}</Table.Td>
      <Table.Td>{a.organisationName}</Table.Td>
      <Table.Td>
        {a.targetDate && fmtDate(a.targetDate, i18n.language)}
        {a.overdue && (
          <Badge ml="xs" color="red" size="sm">
            {t('rec.due.overdue')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{t(`rec.actionStatus.${a.status}`)}</Table.Td>
      <Table.Td>
        <AudienceBadges value={a.audiences} compact />
      </Table.Td>
      <Table.Td>
        {canEdit && (a.status === 'planned' || a.status === 'in_progress') && (
          <Button size="xs" variant="light" onClick={() => m.mutate(undefined)}>
            {t('rec.actions.markDone')}
          </Button>
        )}
        <ErrorAlert error={m.error} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Which of the user's implementing organisations writes an action or a report. */
function ImplementerSelect({ orgs, value, onChange }: { orgs: { id: number; name: string }[]; value: string; onChange(v: string): void }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('rec.fields.organisation')}
      data={orgs.map((o) => ({ value: String(o.id), label: o.name }))}
      value={value}
      onChange={(x) => x && onChange(x)}
      allowDeselect={false}
    />
  );
}

function ActionForm({ recId, orgs, onDone }: { recId: number; orgs: { id: number; name: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ organisationId: String(orgs[0]!.id), title: '', targetDate: '', audiences: [] as number[] });
  const m = useWrite(
    () => post(`/api/recommendations/${recId}/actions`, { ...v, organisationId: Number(v.organisationId) }),
    () => {
      setV({ ...v, title: '', targetDate: '', audiences: [] });
      onDone();
    },
  );
  return (
    <Stack gap="xs" mt="sm">
      <Group align="end">
        <ImplementerSelect orgs={orgs} value={v.organisationId} onChange={(x) => setV({ ...v, organisationId: x })} />
        <TextInput
          label={t('rec.actions.new')}
          value={v.title}
          onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
          data-testid="rec-action-title"
        />
        <DateField
          label={t('rec.fields.targetDate')}
          value={v.targetDate}
          onChange={(e) => setV({ ...v, targetDate: e.currentTarget.value })}
          data-testid="rec-action-date"
        />
        <Button onClick={() => m.mutate(undefined)} data-testid="rec-action-add">
          {t('rec.add')}
        </Button>
      </Group>
      <AudiencePicker
        value={v.audiences}
        onChange={(x) => setV({ ...v, audiences: x })}
        error={audienceError(fieldErrorsOf(m.error))}
        testId="rec-action-audiences"
      />
      <ErrorAlert error={m.error} />
    </Stack>
  );
}

function ReportCard({ p, office, onDone }: { p: Report; office: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const m = useWrite(
    (decision: 'approve' | 'return') => post(`/api/recommendations/reports/${p.id}/review`, { decision, comment: comment || null }),
    onDone,
  );
  return (
    <Card withBorder data-testid="rec-report">
      <Group>
        <Text fw={600}>
          {p.period} · {p.organisationName}
        </Text>
        <Badge>{t(`rec.reportStatus.${p.status}`)}</Badge>
      </Group>
      <Text size="sm">{p.narrative}</Text>
      {p.figures.length > 0 && <Text size="sm">{p.figures.map((f) => `${f.label}: ${f.value}`).join(' · ')}</Text>}
      {p.reviewComment && (
        <Text size="sm" c="orange">
          {t('rec.reports.comment')}: {p.reviewComment}
        </Text>
      )}
      {office && p.status === 'submitted' && (
        <Group align="end" mt="xs">
          <TextInput label={t('rec.reports.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
          <Button color="green" onClick={() => m.mutate('approve')} data-testid="rec-report-approve">
            {t('rec.reports.approve')}
          </Button>
          <Button color="orange" variant="light" onClick={() => m.mutate('return')}>
            {t('rec.reports.return')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={m.error} />
    </Card>
  );
}

function ReportForm({ recId, orgs, onDone }: { recId: number; orgs: { id: number; name: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ organisationId: String(orgs[0]!.id), period: '', narrative: '' });
  const m = useWrite(
    () => post(`/api/recommendations/${recId}/reports`, { ...v, organisationId: Number(v.organisationId) }),
    () => {
      setV({ ...v, narrative: '' });
      onDone();
    },
  );
  return (
    <Stack gap="xs" mt="sm">
      <Group align="end">
        <ImplementerSelect orgs={orgs} value={v.organisationId} onChange={(x) => setV({ ...v, organisationId: x })} />
        <TextInput
          label={t('rec.reports.period')}
          placeholder="2026-H1"
          value={v.period}
          onChange={(e) => setV({ ...v, period: e.currentTarget.value })}
          data-testid="rec-report-period"
        />
      </Group>
      <Textarea
        label={t('rec.reports.narrative')}
        value={v.narrative}
        onChange={(e) => setV({ ...v, narrative: e.currentTarget.value })}
        autosize
        minRows={2}
        data-testid="rec-report-narrative"
      />
      <ErrorAlert error={m.error} />
      <Button onClick={() => m.mutate(undefined)} data-testid="rec-report-submit">
        {t('rec.reports.submit')}
      </Button>
    </Stack>
  );
}

function EvidenceRow({
  e,
  recId,
  types,
  canUntag,
  onDone,
}: {
  e: EvidenceItem;
  recId: number;
  types: Facets['evidenceTypes'];
  canUntag: boolean;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const type = types.find((x) => x.recordType === e.recordType)?.label[i18n.language === 'en' ? 'en' : 'vi'] ?? e.recordType;
  const m = useWrite(
    () => api('DELETE', `/api/recommendations/${recId}/evidence`, { recordType: e.recordType, recordId: e.recordId }),
    onDone,
  );
  return (
    <Table.Tr>
      <Table.Td>
        {e.href ? (
          <Anchor component={Link} to={e.href}>
            {e.label}
          </Anchor>
        ) : (
          e.label
        )}
        {e.missing && (
          <Badge ml="xs" color="red" size="xs">
            {t('rec.evidence.missing')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{type}</Table.Td>
      <Table.Td>{e.date ?? ''}</Table.Td>
      <Table.Td>{e.organisationName ?? ''}</Table.Td>
      <Table.Td>{e.public ? t('rec.evidence.public') : t('rec.evidence.internal')}</Table.Td>
      <Table.Td>
        {canUntag && (
          <Button size="xs" variant="subtle" color="red" onClick={() => m.mutate(undefined)}>
            {t('rec.evidence.untag')}
          </Button>
        )}
        <ErrorAlert error={m.error} />
      </Table.Td>
    </Table.Tr>
  );
}

function StatusForm({ r, onDone }: { r: Recommendation; onDone: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const m = useWrite(
    () => post(`/api/recommendations/${r.id}/status`, { status, reason: reason || null }),
    () => {
      setStatus(null);
      setReason('');
      onDone();
    },
  );
  return (
    <Group align="end" mt="sm">
      <Select
        label={t('rec.newStatus')}
        data={REC_STATUSES.filter((s) => s !== r.status).map((s) => ({ value: s, label: t(`rec.status.${s}`) }))}
        value={status}
        onChange={setStatus}
        data-testid="rec-status"
      />
      <TextInput label={t('rec.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      <Button disabled={!status} onClick={() => m.mutate(undefined)} data-testid="rec-status-save">
        {t('rec.save')}
      </Button>
      <ErrorAlert error={m.error} />
    </Group>
  );
}
