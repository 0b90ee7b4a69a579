// Create / edit a press item (drafts and scheduled items); server field errors appear beside their fields.
// "Translation of" puts the item in another item's translation group (the server checks the organisation and
// that the group has no item in this language yet); an item already linked is unlinked from its details.
import { AudiencePicker, audienceError } from '../../components/Audiences';
import { useMemo, useState, type FormEvent } from 'react';
import {
  Alert,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  type ComboboxItem,
  type OptionsFilter,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrgTreeNode } from '../../../shared/contracts/directory';
import { PRESS_KINDS, type PressItem, type PressItemInput, type PressKind } from '../../../shared/contracts/press';
import { useAuth } from '../../app/auth';
import { ApiError, post, put } from '../../lib/api';
import { useErrorMessage } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { orgLabel } from '../organisations/OrgTree';
import {
  LANGUAGES,
  fieldErrorsOf,
  isoToLocal,
  localToIso,
  pressKeys,
  usePressTranslations,
  useTopics,
  useTranslationCandidates,
} from './api';
import { FormActions } from '../../components/FormActions';
import { PressBodyEditor } from './PressBodyEditor';
import { DateTimeField } from '../../components/DateField';

const FIELDS = ['kind', 'organisationId', 'title', 'summary', 'bodyHtml', 'language', 'topicIds', 'heldAt', 'translationOf', 'audiences'];

/** The server already searched (title, summary and body, diacritics optional): show what it found. */
const serverFiltered: OptionsFilter<string> = ({ options }) => options;

/** A searchable select of an organisation's items, labelled with title and language. */
function TranslationOfSelect(props: {
  organisationId: number | null;
  excludeId: number | null;
  value: number | null;
  onChange(id: number | null): void;
  error?: string;
}) {
  const { organisationId, excludeId, value, onChange, error } = props;
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<ComboboxItem | null>(null);
  const [debounced] = useDebouncedValue(search, 250);
  // Once an item is picked the search box shows its label: list everything again rather than search for the label.
  const candidates = useTranslationCandidates(organisationId, picked && debounced === picked.label ? '' : debounced);
  const langName = (l: string) => (LANGUAGES.includes(l as (typeof LANGUAGES)[number]) ? t(`press.languages.${l}`) : l);
  const options = (candidates.data?.items ?? [])
    .filter((i) => i.id !== excludeId)
    .map((i) => ({ value: String(i.id), label: `${i.title} (${langName(i.language)})` }));
  const data = picked && value !== null && !options.some((o) => o.value === picked.value) ? [picked, ...options] : options;
  return (
    <Select
      label={t('press.fields.translationOf')}
      description={t('press.items.translationOfHint')}
      placeholder={t('press.items.translationOfPlaceholder')}
      searchable
      clearable
      filter={serverFiltered}
      searchValue={search}
      onSearchChange={setSearch}
      disabled={organisationId === null}
      nothingFoundMessage={candidates.isFetching ? t('common.loading') : t('common.nothingFound')}
      data={data}
      value={value === null ? null : String(value)}
      error={error}
      data-testid="press-translation-of"
      onChange={(v, option) => {
        setPicked(v && option ? option : null);
        onChange(v ? Number(v) : null);
      }}
    />
  );
}

interface Props {
  item: PressItem | null;
  orgs: OrgTreeNode[];
  onClose(): void;
  onSaved(item: PressItem): void;
}

export function PressItemForm({ item, orgs, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const topics = useTopics();
  const defaultOrg =
    item?.organisationId ??
    (me?.organisationId && orgs.some((o) => o.id === me.organisationId) ? me.organisationId : orgs.length === 1 ? orgs[0].id : null);
  const [v, setV] = useState({
    kind: (item?.kind ?? 'press_release') as PressKind,
    organisationId: defaultOrg as number | null,
    title: item?.title ?? '',
    summary: item?.summary ?? '',
    bodyHtml: item?.bodyHtml ?? '',
    language: item?.language ?? 'vie',
    topicIds: (item?.topics ?? []).map((x) => String(x.id)),
    heldAt: isoToLocal(item?.heldAt),
    translationOf: null as number | null,
    audiences: item?.audiences ?? [],
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((s) => ({ ...s, [k]: value }));
  // An item being edited that is already linked keeps its group here; its details page offers unlinking.
  const linked = usePressTranslations(item?.id ?? null);
  const canLink = !item || (linked.data !== undefined && linked.data.length === 0);

  const save = useMutation({
    mutationFn: (input: PressItemInput) =>
      item ? put<PressItem>(`/api/press/items/${item.id}`, input) : post<PressItem>('/api/press/items', input),
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: pressKeys.all });
      onSaved(saved);
    },
  });
  const fe = useMemo(() => fieldErrorsOf(save.error), [save.error]);
  const otherIssues = save.error instanceof ApiError ? save.error.issues.filter((i) => !FIELDS.includes(i.field.split('.')[0])) : [];

  const orgOptions = orgs
    .map((o) => ({ value: String(o.id), label: `${orgLabel(o, i18n.language)} (${o.code})` }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  const topicOptions = (topics.data ?? []).map((x) => ({ value: String(x.id), label: i18n.language === 'en' ? x.nameEn : x.nameVi }));
  const langOptions = LANGUAGES.map((l) => ({ value: l, label: `${t(`press.languages.${l}`)} (${l})` }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      kind: v.kind,
      organisationId: v.organisationId ?? 0,
      title: v.title.trim(),
      summary: v.summary.trim() === '' ? null : v.summary.trim(),
      bodyHtml: v.bodyHtml,
      language: v.language,
      topicIds: v.topicIds.map(Number),
      heldAt: localToIso(v.heldAt),
      translationOf: v.translationOf,
      audiences: v.audiences,
    });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={item ? t('press.items.editTitle') : t('press.items.newTitle')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate data-testid="press-item-form">
        <Stack gap="sm">
          {save.error != null && (
            <Alert color="red" role="alert">
              {errorMessage(save.error)}
              {otherIssues.map((i, n) => (
                <div key={n}>
                  {i.field}: {i.message}
                </div>
              ))}
            </Alert>
          )}
          <Select
            label={t('press.fields.kind')}
            required
            data={PRESS_KINDS.map((k) => ({ value: k, label: t(`press.kinds.${k}`) }))}
            value={v.kind}
            onChange={(x) => x && set('kind', x as PressKind)}
            error={fe.kind}
            allowDeselect={false}
          />
          <Select
            label={t('press.fields.organisation')}
            required
            searchable
            filter={foldFilter}
            limit={100}
            nothingFoundMessage={t('common.nothingFound')}
            data={orgOptions}
            value={v.organisationId === null ? null : String(v.organisationId)}
            onChange={(x) => setV((s) => ({ ...s, organisationId: x ? Number(x) : null, translationOf: null }))}
            error={fe.organisationId}
            allowDeselect={false}
            description={me?.role === 'editor' ? t('press.items.orgScopeHint') : undefined}
            data-testid="press-org-select"
          />
          <TextInput
            label={t('press.fields.title')}
            required
            value={v.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={fe.title}
          />
          <Textarea
            label={t('press.fields.summary')}
            autosize
            minRows={2}
            value={v.summary}
            onChange={(e) => set('summary', e.currentTarget.value)}
            error={fe.summary}
          />
          <PressBodyEditor
            label={t('press.fields.bodyHtml')}
            initialHtml={item?.bodyHtml ?? ''}
            onChange={(html) => set('bodyHtml', html)}
            error={fe.bodyHtml}
            testId="press-body-editor"
          />
          <Group grow align="flex-start">
            <Select
              label={t('press.fields.language')}
              required
              data={langOptions}
              value={v.language}
              onChange={(x) => x && set('language', x)}
              error={fe.language}
              allowDeselect={false}
            />
            <DateTimeField
              label={t('press.fields.heldAt')}
              value={v.heldAt}
              onChange={(e) => set('heldAt', e.currentTarget.value)}
              error={fe.heldAt}
            />
          </Group>
          <MultiSelect
            label={t('press.fields.topics')}
            searchable
            data={topicOptions}
            value={v.topicIds}
            onChange={(x) => set('topicIds', x)}
            error={fe.topicIds}
            nothingFoundMessage={t('common.nothingFound')}
          />
          <AudiencePicker value={v.audiences} onChange={(x) => set('audiences', x)} error={audienceError(fe)} testId="press-audiences" />
          {canLink ? (
            <TranslationOfSelect
              key={v.organisationId ?? 0}
              organisationId={v.organisationId}
              excludeId={item?.id ?? null}
              value={v.translationOf}
              onChange={(x) => set('translationOf', x)}
              error={fe.translationOf}
            />
          ) : item && linked.data ? (
            <Text size="sm">{t('press.items.linkedHint', { count: linked.data.length })}</Text>
          ) : null}
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
