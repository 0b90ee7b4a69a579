// Claims tab: the claims by state with a search, a new claim, and a claim's page (?claim=ID): the draft (text,
// topics, rating, rationale in Vietnamese and English) editable while new or researching, the evidence (source, title,
// the text relied on as stored snapshot, date fetched), the moves the state machine allows next — the server decides
// who may make each move and its refusal is shown (a draft's author cannot approve it: said before the click) —, the
// correction history, who drafted and approved, and the public page once published.
import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  Pagination,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FC_STATES, type Claim, type FcState, type Rating, type FetchedPage } from '../../../shared/contracts/factcheck';
import { useAuth } from '../../app/auth';
import { Link, navigate, setSearchParams, useSearchParams } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { api, post } from '../../lib/api';
import { canWriteFc, excerpt, isReviewer, today, topicLabels, useClaim, useClaims, useRatings } from './api';
import { Head, StateBadge, useFcMutation, WriteError } from './parts';
import { ScrollTable } from '../../components/ScrollTable';
import { DateField } from '../../components/DateField';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { RecordRecommendations } from '../recommendations/EvidencePicker';

const PAGE = 50;

export function ClaimsTab() {
  const sp = useSearchParams();
  const id = Number(sp.get('claim')) || null;
  return id ? <ClaimDetail id={id} /> : <ClaimList />;
}

export function ratingLabel(ratings: Rating[] | undefined, code: string | null, lang: string): string {
  if (!code) return '—';
  const r = ratings?.find((x) => x.code === code);
  return r ? (lang === 'en' ? r.labelEn : r.labelVi) : code;
}

function ClaimList() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const sp = useSearchParams();
  const status = sp.get('status') ?? '';
  const q = sp.get('q') ?? '';
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const set = (patch: Record<string, string | null>) => setSearchParams({ ...Object.fromEntries(sp), page: null, ...patch });
  const list = useClaims({ status: status || undefined, q: q || undefined, limit: PAGE, offset: (page - 1) * PAGE });
  const ratings = useRatings();
  const [creating, setCreating] = useState(false);
  return (
    <Stack>
      {creating && <NewClaim onClose={() => setCreating(false)} />}
      <Group align="flex-end">
        {canWriteFc(me) && (
          <Button onClick={() => setCreating(true)} data-testid="claim-new">
            {t('factcheck.claims.new')}
          </Button>
        )}
        <TextInput
          label={t('factcheck.claims.search')}
          defaultValue={q}
          data-testid="claim-search"
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ q: (e.target as HTMLInputElement).value.trim() || null });
          }}
        />
        <NativeSelect
          label={t('factcheck.claims.state')}
          value={status}
          onChange={(e) => set({ status: e.currentTarget.value || null })}
          data-testid="claim-filter-state"
          data={[{ value: '', label: t('factcheck.all') }, ...FC_STATES.map((s) => ({ value: s, label: t(`factcheck.state.${s}`) }))]}
        />
      </Group>
      <ErrorAlert error={list.error} />
      <Text size="sm" role="status" data-testid="claims-count">
        {list.data?.search?.unsearchable ? t('factcheck.unsearchable') : t('factcheck.claims.count', { count: list.data?.total ?? 0 })}
      </Text>
      <ScrollTable striped withTableBorder data-testid="claims-table">
        <Head cols={['claims.text', 'claims.state', 'claims.rating', 'claims.topics', 'claims.updated']} />
        <Table.Tbody>
          {(list.data?.rows ?? []).map((c) => (
            <Table.Tr key={c.id} data-testid={`claim-row-${c.id}`}>
              <Table.Td maw={460}>
                <Link to={`/factcheck?tab=claims&claim=${c.id}`}>{excerpt(c.text, 160)}</Link>
              </Table.Td>
              <Table.Td>
                <StateBadge state={c.status} />
              </Table.Td>
              <Table.Td>{ratingLabel(ratings.data, c.ratingCode, i18n.language)}</Table.Td>
              <Table.Td>{topicLabels(c.topics) || '—'}</Table.Td>
              <Table.Td>{fmtDateTime(c.updatedAt, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {(list.data?.total ?? 0) > PAGE && (
        <Pagination
          total={Math.ceil((list.data?.total ?? 0) / PAGE)}
          value={page}
          onChange={(p) => setSearchParams({ ...Object.fromEntries(sp), page: String(p) })}
          getControlProps={(c) => ({ 'aria-label': c === 'previous' ? t('common.previous') : c === 'next' ? t('common.next') : c })}
        />
      )}
    </Stack>
  );
}

function NewClaim({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ text: '', topics: [] as string[], language: '' });
  const save = useFcMutation(
    () => post<Claim>('/api/factcheck/claims', { text: v.text, topics: v.topics, ...(v.language ? { language: v.language } : {}) }),
    (c) => {
      onClose();
      navigate(`/factcheck?tab=claims&claim=${c.id}`);
    },
  );
  return (
    <Modal opened onClose={onClose} size="lg" title={t('factcheck.claims.new')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.m.mutate();
        }}
        data-testid="claim-form"
      >
        <Stack>
          <WriteError error={save.m.error} shown={['text', 'topics', 'language']} />
          <Textarea
            label={t('factcheck.claims.text')}
            description={t('factcheck.claims.textHint')}
            required
            autosize
            minRows={3}
            value={v.text}
            onChange={(e) => setV({ ...v, text: e.currentTarget.value })}
            error={save.err('text')}
            data-testid="claim-text"
          />
          <TagsInput
            label={t('factcheck.claims.topics')}
            description={t('factcheck.topicHint')}
            value={v.topics}
            onChange={(x) => setV({ ...v, topics: x })}
            error={save.err('topics', ...v.topics.map((_, n) => `topics.${n}`))}
          />
          <NativeSelect
            label={t('factcheck.claims.language')}
            value={v.language}
            onChange={(e) => setV({ ...v, language: e.currentTarget.value })}
            error={save.err('language')}
            data={[
              { value: '', label: t('factcheck.claims.detect') },
              { value: 'vi', label: 'Tiếng Việt' },
              { value: 'en', label: 'English' },
            ]}
          />
          <FormActions onCancel={onClose} saving={save.m.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

// ---------------------------------------------------------------- one claim

function who(id: number | null, name: string | null, meId: number | undefined, you: string, other: (id: number) => string) {
  if (id === null) return '—';
  return id === meId ? `${name ?? other(id)} (${you})` : (name ?? other(id));
}

function ClaimDetail({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const claim = useClaim(id);
  const ratings = useRatings();
  const c = claim.data;
  const editable = !!c && (c.status === 'new' || c.status === 'researching') && canWriteFc(me);
  // The field errors of a refused move to "drafted" are shown beside the draft's fields and the evidence.
  const move = useFcMutation((body: Record<string, unknown>) => post<Claim>(`/api/factcheck/claims/${id}/transition`, body));
  const public_ = c && (c.status === 'published' || c.status === 'corrected');
  return (
    <Stack data-testid="claim-detail">
      <Link to="/factcheck?tab=claims">← {t('factcheck.claims.back')}</Link>
      <ErrorAlert error={claim.error} />
      {c && (
        <>
          <Group justify="space-between" align="flex-start">
            <Title order={2} size="h3">
              {t('factcheck.claims.claimTitle', { id: c.id })}
            </Title>
            <Group gap="xs">
              <StateBadge state={c.status} />
              {c.version > 0 && <Text size="sm">{t('factcheck.claims.version', { v: c.version })}</Text>}
            </Group>
          </Group>
          <Card withBorder>
            <Stack gap="xs">
              <Text fw={600} style={{ whiteSpace: 'pre-wrap' }} data-testid="claim-text-view">
                {c.text}
              </Text>
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                <Field
                  label={t('factcheck.claims.rating')}
                  value={ratingLabel(ratings.data, c.ratingCode, i18n.language)}
                  testId="claim-rating-view"
                />
                <Field label={t('factcheck.claims.topics')} value={topicLabels(c.topics) || '—'} />
                <Field
                  label={t('factcheck.claims.drafted')}
                  value={
                    c.draftedAt
                      ? `${who(c.draftedBy, c.draftedByName, me?.id, t('factcheck.claims.you'), (x) => t('factcheck.claims.user', { id: x }))} · ${fmtDateTime(c.draftedAt, i18n.language)}`
                      : '—'
                  }
                  testId="claim-drafted-by"
                />
                <Field
                  label={t('factcheck.claims.approved')}
                  value={
                    c.approvedAt
                      ? `${who(c.approvedBy, c.approvedByName, me?.id, t('factcheck.claims.you'), (x) => t('factcheck.claims.user', { id: x }))} · ${fmtDateTime(c.approvedAt, i18n.language)}`
                      : '—'
                  }
                />
              </SimpleGrid>
              <Field label={t('factcheck.claims.authors')} value={authorNames(c, c.version, me?.id, t) || '—'} testId="claim-authors" />
              {public_ && (
                <Text size="sm">
                  {t('factcheck.claims.publicPage')}:{' '}
                  <Anchor href={`/kiem-chung/${c.id}`} target="_blank" data-testid="claim-public-link">
                    /kiem-chung/{c.id}
                  </Anchor>{' '}
                  ({fmtDateTime(c.publishedAt, i18n.language)})
                </Text>
              )}
              {c.status === 'withdrawn' && (
                <Alert color="red" variant="light" data-testid="claim-withdrawn">
                  {t('factcheck.claims.withdrawnReason')}: {c.withdrawalReason}
                </Alert>
              )}
            </Stack>
          </Card>
          {editable ? <DraftForm claim={c} moveErr={move.err} onSaved={() => move.m.reset()} /> : <Rationale claim={c} />}
          <EvidenceSection claim={c} editable={editable} moveErr={move.err('evidence')} onSaved={() => move.m.reset()} />
          <Moves claim={c} move={move} />
          <Corrections claim={c} />
          {/* A published verdict is evidence of UN recommendations (the recommendations module's fact_check records). */}
          {c.publishedAt && <RecordRecommendations recordType="fact_check" recordId={c.id} />}
        </>
      )}
    </Stack>
  );
}

/** Who wrote the content of a version (the two-person rule: none of them approves it), by name. */
function authorNames(c: Claim, version: number, meId: number | undefined, t: (k: string, o?: Record<string, unknown>) => string) {
  return c.contributors
    .filter((x) => x.version === version)
    .map((x) => who(x.userId, x.name, meId, t('factcheck.claims.you'), (id) => t('factcheck.claims.user', { id })))
    .join(', ');
}

function Field({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Text size="sm" data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

function Rationale({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="fc-rationale-title">
      <Title order={3} size="h5" id="fc-rationale-title">
        {t('factcheck.claims.rationale')}
      </Title>
      <Text size="sm" fw={600} mt="xs">
        {t('factcheck.claims.rationaleVi')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {claim.rationaleVi || '—'}
      </Text>
      <Text size="sm" fw={600} mt="xs">
        {t('factcheck.claims.rationaleEn')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {claim.rationaleEn || '—'}
      </Text>
    </Card>
  );
}

/** The draft, editable while the claim is new or being researched. */
function DraftForm({ claim, moveErr, onSaved }: { claim: Claim; moveErr: (...k: string[]) => string | undefined; onSaved(): void }) {
  const { t, i18n } = useTranslation();
  const ratings = useRatings();
  const [v, setV] = useState({
    text: claim.text,
    topics: claim.topics,
    ratingCode: claim.ratingCode ?? '',
    rationaleVi: claim.rationaleVi ?? '',
    rationaleEn: claim.rationaleEn ?? '',
  });
  const [saved, setSaved] = useState(false);
  const save = useFcMutation(
    () =>
      api<Claim>('PATCH', `/api/factcheck/claims/${claim.id}`, {
        text: v.text,
        topics: v.topics,
        ratingCode: v.ratingCode || null,
        rationaleVi: v.rationaleVi.trim() || null,
        rationaleEn: v.rationaleEn.trim() || null,
      }),
    () => {
      setSaved(true);
      onSaved();
    },
  );
  const err = (k: string) => [save.err(k), moveErr(k)].filter(Boolean).join('; ') || undefined;
  const set = (patch: Partial<typeof v>) => {
    setSaved(false);
    setV({ ...v, ...patch });
  };
  return (
    <Card withBorder component="section" aria-labelledby="fc-draft-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.m.mutate();
        }}
        data-testid="draft-form"
      >
        <Stack gap="xs">
          <Title order={3} size="h5" id="fc-draft-title">
            {t('factcheck.claims.draft')}
          </Title>
          <Textarea
            label={t('factcheck.claims.text')}
            required
            autosize
            minRows={2}
            value={v.text}
            onChange={(e) => set({ text: e.currentTarget.value })}
            error={err('text')}
            data-testid="draft-text"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TagsInput
              label={t('factcheck.claims.topics')}
              description={t('factcheck.topicHint')}
              value={v.topics}
              onChange={(x) => set({ topics: x })}
              error={save.err('topics', ...v.topics.map((_, n) => `topics.${n}`))}
            />
            <NativeSelect
              label={t('factcheck.claims.rating')}
              value={v.ratingCode}
              onChange={(e) => set({ ratingCode: e.currentTarget.value })}
              error={err('ratingCode')}
              data-testid="draft-rating"
              data={[
                { value: '', label: t('factcheck.claims.noRating') },
                ...(ratings.data ?? []).map((r) => ({ value: r.code, label: i18n.language === 'en' ? r.labelEn : r.labelVi })),
              ]}
            />
          </SimpleGrid>
          <Textarea
            label={t('factcheck.claims.rationaleVi')}
            autosize
            minRows={3}
            value={v.rationaleVi}
            onChange={(e) => set({ rationaleVi: e.currentTarget.value })}
            error={err('rationaleVi')}
            data-testid="draft-rationale-vi"
          />
          <Textarea
            label={t('factcheck.claims.rationaleEn')}
            autosize
            minRows={3}
            value={v.rationaleEn}
            onChange={(e) => set({ rationaleEn: e.currentTarget.value })}
            error={err('rationaleEn')}
            data-testid="draft-rationale-en"
          />
          <WriteError error={save.m.error} shown={['text', 'topics', 'ratingCode', 'rationaleVi', 'rationaleEn']} />
          <Group>
            <Button type="submit" loading={save.m.isPending} data-testid="draft-save">
              {t('factcheck.claims.saveDraft')}
            </Button>
            {saved && (
              <Text size="sm" role="status" data-testid="draft-saved">
                {t('factcheck.claims.saved')}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function EvidenceSection({ claim, editable, moveErr, onSaved }: { claim: Claim; editable: boolean; moveErr?: string; onSaved(): void }) {
  const { t, i18n } = useTranslation();
  const empty = { url: '', title: '', snapshot: '', fetchedAt: today() };
  const [v, setV] = useState(empty);
  const add = useFcMutation(
    () => post<Claim>(`/api/factcheck/claims/${claim.id}/evidence`, v),
    () => {
      setV(empty);
      onSaved();
    },
  );
  // "Fetch the page": the server fetches it (SSRF-safe) and fills the title and the text; the analyst keeps the passage relied on.
  const fetchPage = useFcMutation(
    () => post<FetchedPage>('/api/factcheck/pages/fetch', { url: v.url }),
    (p) => {
      setV((old) => ({ ...old, title: old.title || p.title, snapshot: p.text, fetchedAt: p.fetchedAt.slice(0, 10) }));
    },
  );
  return (
    <Card withBorder component="section" aria-labelledby="fc-evidence-title" data-testid="evidence">
      <Stack gap="xs">
        <Title order={3} size="h5" id="fc-evidence-title">
          {t('factcheck.evidence.title', { count: claim.evidence.length })}
        </Title>
        {moveErr && (
          <Text c="red" size="sm" role="alert" data-testid="evidence-error">
            {moveErr}
          </Text>
        )}
        {claim.evidence.length === 0 ? (
          <Text size="sm">{t('factcheck.evidence.none')}</Text>
        ) : (
          <Stack gap="xs" data-testid="evidence-list">
            {claim.evidence.map((e) => (
              <Card key={e.id} withBorder padding="xs">
                <Anchor href={e.url} target="_blank" rel="noopener noreferrer">
                  {e.title}
                </Anchor>
                <Text size="xs">
                  {e.url} · {t('factcheck.evidence.fetchedAt')}: {fmtDate(e.fetchedAt, i18n.language)}
                </Text>
                <details>
                  <summary>{t('factcheck.evidence.snapshot')}</summary>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {e.snapshot}
                  </Text>
                </details>
              </Card>
            ))}
          </Stack>
        )}
        {editable && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              add.m.mutate();
            }}
            data-testid="evidence-form"
          >
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                {t('factcheck.evidence.add')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Stack gap={4}>
                  <TextInput
                    label={t('factcheck.evidence.url')}
                    required
                    value={v.url}
                    onChange={(e) => {
                      setV({ ...v, url: e.currentTarget.value });
                      fetchPage.m.reset();
                    }}
                    error={add.err('url') ?? fetchPage.err('url')}
                    data-testid="evidence-url"
                  />
                  <Group>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => fetchPage.m.mutate()}
                      loading={fetchPage.m.isPending}
                      disabled={!v.url}
                      data-testid="evidence-fetch"
                    >
                      {t('factcheck.evidence.fetch')}
                    </Button>
                  </Group>
                </Stack>
                <TextInput
                  label={t('factcheck.evidence.titleField')}
                  required
                  value={v.title}
                  onChange={(e) => setV({ ...v, title: e.currentTarget.value })}
                  error={add.err('title')}
                  data-testid="evidence-title"
                />
              </SimpleGrid>
              <Textarea
                label={t('factcheck.evidence.snapshot')}
                description={t('factcheck.evidence.snapshotHint')}
                required
                autosize
                minRows={3}
                value={v.snapshot}
                onChange={(e) => setV({ ...v, snapshot: e.currentTarget.value })}
                error={add.err('snapshot')}
                data-testid="evidence-snapshot"
              />
              <DateField
                label={t('factcheck.evidence.fetchedAt')}
                required
                value={v.fetchedAt}
                onChange={(e) => setV({ ...v, fetchedAt: e.currentTarget.value })}
                error={add.err('fetchedAt')}
                data-testid="evidence-date"
                w={220}
              />
              <WriteError error={add.m.error} shown={['url', 'title', 'snapshot', 'fetchedAt']} />
              <Group>
                <Button type="submit" variant="light" loading={add.m.isPending} data-testid="evidence-add">
                  {t('factcheck.evidence.addButton')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

type Move = ReturnType<typeof useFcMutation<Claim, Record<string, unknown>>>;

/** The moves the state machine allows next; withdrawal asks for its reason first. A correction is proposed (the form;
 *  anyone who writes fact-checks) and then approved by a reviewer who wrote none of it; the draft's approval likewise
 *  comes from a reviewer who wrote none of the draft (both said before the click). */
function Moves({ claim, move }: { claim: Claim; move: Move }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [form, setForm] = useState<'corrected' | 'withdrawn' | null>(null);
  if (!canWriteFc(me) || claim.next.length === 0) return null;
  const reviewer = isReviewer(me);
  const pending = claim.pendingCorrection;
  const wrote = (version: number) => claim.contributors.some((c) => c.version === version && c.userId === me?.id);
  const author = (claim.draftedBy !== null && claim.draftedBy === me?.id) || wrote(claim.version);
  const needsReviewer: FcState[] = ['approved', 'published', 'corrected', 'withdrawn'];
  // A move only a reviewer may make is not offered to anyone else (proposing a correction is open to every writer).
  const reviewerOnly = (to: FcState) =>
    (needsReviewer.includes(to) && !(to === 'corrected' && !pending)) || (to === 'researching' && claim.status === 'approved');
  const moves = claim.next.filter((to) => reviewer || !reviewerOnly(to));
  const hint = (to: FcState): string | null => {
    if (to === 'approved' && author) return t('factcheck.moves.ownDraft');
    if (to === 'corrected' && !pending) return null;
    if (to === 'corrected' && wrote(pending!.version)) return t('factcheck.moves.ownCorrection');
    return null;
  };
  const label = (to: FcState) =>
    to === 'researching' && claim.status !== 'new'
      ? t('factcheck.moves.sendBack')
      : to === 'corrected'
        ? t(pending ? 'factcheck.moves.approveCorrection' : 'factcheck.moves.proposeCorrection')
        : t(`factcheck.moves.to.${to}`);
  const click = (to: FcState) => (to === 'withdrawn' || (to === 'corrected' && !pending) ? setForm(to) : move.m.mutate({ to }));
  return (
    <Card withBorder component="section" aria-labelledby="fc-moves-title" data-testid="moves">
      <Stack gap="xs">
        <Title order={3} size="h5" id="fc-moves-title">
          {t('factcheck.moves.title')}
        </Title>
        {pending && <PendingCorrection claim={claim} onAmend={() => setForm('corrected')} />}
        {moves.length < claim.next.length && (
          <Text size="sm" c="dimmed" data-testid="moves-reviewer-only">
            {t('factcheck.moves.reviewerOnly')}
          </Text>
        )}
        <Group>
          {moves.map((to) => {
            const h = hint(to);
            return (
              <Stack key={to} gap={2}>
                <Button
                  variant={to === 'researching' && claim.status !== 'new' ? 'default' : 'filled'}
                  color={to === 'withdrawn' ? 'red' : undefined}
                  aria-describedby={h ? `fc-hint-${to}` : undefined}
                  loading={move.m.isPending && move.m.variables?.to === to}
                  data-testid={`move-${to}`}
                  onClick={() => click(to)}
                >
                  {label(to)}
                </Button>
                {h && (
                  <Text size="xs" id={`fc-hint-${to}`} maw={320} data-testid={`move-hint-${to}`}>
                    {h}
                  </Text>
                )}
              </Stack>
            );
          })}
        </Group>
        <WriteError error={move.m.error} shown={['ratingCode', 'rationaleVi', 'evidence', 'note', 'reason']} />
        {form === 'corrected' && <CorrectionForm claim={claim} onClose={() => setForm(null)} />}
        {form === 'withdrawn' && <WithdrawForm move={move} onClose={() => setForm(null)} />}
      </Stack>
    </Card>
  );
}

/** The correction waiting for its approval: what it changes, its note, who wrote it; amend or discard it. */
function PendingCorrection({ claim, onAmend }: { claim: Claim; onAmend(): void }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const ratings = useRatings();
  const p = claim.pendingCorrection!;
  const discard = useFcMutation(() => api<Claim>('DELETE', `/api/factcheck/claims/${claim.id}/correction`));
  return (
    <Alert variant="light" color="grape" title={t('factcheck.corrections.pending', { v: p.version })} data-testid="pending-correction">
      <Stack gap={4}>
        <Text size="sm">{t('factcheck.corrections.pendingHint')}</Text>
        <Text size="sm">
          {t('factcheck.corrections.change')}: {ratingLabel(ratings.data, claim.ratingCode, i18n.language)} →{' '}
          {ratingLabel(ratings.data, p.ratingCode, i18n.language)}
        </Text>
        {p.rationaleVi !== claim.rationaleVi && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('factcheck.claims.rationaleVi')}: {p.rationaleVi || '—'}
          </Text>
        )}
        {p.rationaleEn !== claim.rationaleEn && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('factcheck.claims.rationaleEn')}: {p.rationaleEn || '—'}
          </Text>
        )}
        <Text size="sm">
          {t('factcheck.corrections.note')}: {p.note}
        </Text>
        <Text size="sm" data-testid="pending-correction-authors">
          {t('factcheck.corrections.authors')}: {authorNames(claim, p.version, me?.id, t)}
        </Text>
        <Group gap="xs">
          <Button size="compact-sm" variant="default" onClick={onAmend} data-testid="amend-correction">
            {t('factcheck.corrections.amend')}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            color="red"
            loading={discard.m.isPending}
            onClick={() => discard.m.mutate()}
            data-testid="discard-correction"
          >
            {t('factcheck.corrections.discard')}
          </Button>
        </Group>
        <WriteError error={discard.m.error} />
      </Stack>
    </Alert>
  );
}

/** Proposes a correction, or amends the pending one (prefilled with it). */
function CorrectionForm({ claim, onClose }: { claim: Claim; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const ratings = useRatings();
  const p = claim.pendingCorrection;
  const [v, setV] = useState({
    note: p?.note ?? '',
    ratingCode: p?.ratingCode ?? claim.ratingCode ?? '',
    rationaleVi: (p ? p.rationaleVi : claim.rationaleVi) ?? '',
    rationaleEn: (p ? p.rationaleEn : claim.rationaleEn) ?? '',
  });
  const move = useFcMutation((body: Record<string, unknown>) => post<Claim>(`/api/factcheck/claims/${claim.id}/correction`, body));
  const submit = () =>
    move.m.mutate(
      {
        note: v.note.trim() || undefined,
        ratingCode: v.ratingCode || undefined,
        rationaleVi: v.rationaleVi.trim() || null,
        rationaleEn: v.rationaleEn.trim() || null,
      },
      { onSuccess: onClose },
    );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="correction-form"
    >
      <Stack gap="xs">
        <Textarea
          label={t('factcheck.moves.note')}
          description={t('factcheck.moves.noteHint')}
          required
          autosize
          minRows={2}
          value={v.note}
          onChange={(e) => setV({ ...v, note: e.currentTarget.value })}
          error={move.err('note')}
        />
        <NativeSelect
          label={t('factcheck.claims.rating')}
          value={v.ratingCode}
          onChange={(e) => setV({ ...v, ratingCode: e.currentTarget.value })}
          error={move.err('ratingCode')}
          data={(ratings.data ?? []).map((r) => ({ value: r.code, label: i18n.language === 'en' ? r.labelEn : r.labelVi }))}
        />
        <Textarea
          label={t('factcheck.claims.rationaleVi')}
          autosize
          minRows={3}
          value={v.rationaleVi}
          onChange={(e) => setV({ ...v, rationaleVi: e.currentTarget.value })}
          error={move.err('rationaleVi')}
        />
        <Textarea
          label={t('factcheck.claims.rationaleEn')}
          autosize
          minRows={3}
          value={v.rationaleEn}
          onChange={(e) => setV({ ...v, rationaleEn: e.currentTarget.value })}
          error={move.err('rationaleEn')}
        />
        <WriteError error={move.m.error} shown={['note', 'ratingCode', 'rationaleVi', 'rationaleEn']} />
        <FormActions onCancel={onClose} saving={move.m.isPending} />
      </Stack>
    </form>
  );
}

function WithdrawForm({ move, onClose }: { move: Move; onClose(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        move.m.mutate({ to: 'withdrawn', reason: reason.trim() || undefined }, { onSuccess: onClose });
      }}
      data-testid="withdraw-form"
    >
      <Stack gap="xs">
        <Textarea
          label={t('factcheck.moves.reason')}
          description={t('factcheck.moves.reasonHint')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={move.err('reason')}
        />
        <FormActions onCancel={onClose} saving={move.m.isPending} />
      </Stack>
    </form>
  );
}

function Corrections({ claim }: { claim: Claim }) {
  const { t, i18n } = useTranslation();
  const ratings = useRatings();
  if (claim.corrections.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="fc-corrections-title" data-testid="corrections">
      <Title order={3} size="h5" id="fc-corrections-title">
        {t('factcheck.corrections.title')}
      </Title>
      <ScrollTable withTableBorder>
        <Head cols={['corrections.version', 'corrections.when', 'corrections.change', 'corrections.note']} />
        <Table.Tbody>
          {claim.corrections.map((c) => (
            <Table.Tr key={c.version}>
              <Table.Td>{c.version}</Table.Td>
              <Table.Td>{fmtDateTime(c.correctedAt, i18n.language)}</Table.Td>
              <Table.Td>
                {ratingLabel(ratings.data, c.previousRatingCode, i18n.language)} → {ratingLabel(ratings.data, c.ratingCode, i18n.language)}
              </Table.Td>
              <Table.Td>{c.note}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Card>
  );
}
