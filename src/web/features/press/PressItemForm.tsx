// Create / edit a press item (drafts and scheduled items); server field errors appear beside their fields.
import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, Paper, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrgTreeNode } from '../../../shared/contracts/directory';
import { PRESS_KINDS, type PressItem, type PressItemInput, type PressKind } from '../../../shared/contracts/press';
import { useAuth } from '../../app/auth';
import { ApiError, post, put } from '../../lib/api';
import { useErrorMessage } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { orgLabel } from '../organisations/OrgTree';
import { LANGUAGES, fieldErrorsOf, isoToLocal, localToIso, pressKeys, previewHtml, useTopics } from './api';
import { FormActions } from '../../components/FormActions';

const FIELDS = ['kind', 'organisationId', 'title', 'summary', 'bodyHtml', 'language', 'topicIds', 'heldAt'];

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
  const defaultOrg = item?.organisationId ?? (me?.organisationId && orgs.some((o) => o.id === me.organisationId) ? me.organisationId : orgs.length === 1 ? orgs[0].id : null);
  const [v, setV] = useState({
    kind: (item?.kind ?? 'press_release') as PressKind,
    organisationId: defaultOrg as number | null,
    title: item?.title ?? '',
    summary: item?.summary ?? '',
    bodyHtml: item?.bodyHtml ?? '',
    language: item?.language ?? 'vie',
    topicIds: (item?.topics ?? []).map((x) => String(x.id)),
    heldAt: isoToLocal(item?.heldAt),
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((s) => ({ ...s, [k]: value }));

  const save = useMutation({
    mutationFn: (input: PressItemInput) => (item ? put<PressItem>(`/api/press/items/${item.id}`, input) : post<PressItem>('/api/press/items', input)),
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: pressKeys.all });
      onSaved(saved);
    },
  });
  const fe = useMemo(() => fieldErrorsOf(save.error), [save.error]);
  const otherIssues = save.error instanceof ApiError ? save.error.issues.filter((i) => !FIELDS.includes(i.field)) : [];
  const preview = useMemo(() => previewHtml(v.bodyHtml), [v.bodyHtml]);

  const orgOptions = orgs.map((o) => ({ value: String(o.id), label: `${orgLabel(o, i18n.language)} (${o.code})` })).sort((a, b) => a.label.localeCompare(b.label, 'vi'));
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
    });
  };

  return (
    <Modal opened onClose={onClose} title={item ? t('press.items.editTitle') : t('press.items.newTitle')} size="xl">
      <form onSubmit={submit} noValidate data-testid="press-item-form">
        <Stack gap="sm">
          {save.error != null && (
            <Alert color="red" role="alert">
              {errorMessage(save.error)}
              {otherIssues.map((i, n) => <div key={n}>{i.field}: {i.message}</div>)}
            </Alert>
          )}
          <Select label={t('press.fields.kind')} required data={PRESS_KINDS.map((k) => ({ value: k, label: t(`press.kinds.${k}`) }))}
            value={v.kind} onChange={(x) => x && set('kind', x as PressKind)} error={fe.kind} allowDeselect={false} />
          <Select label={t('press.fields.organisation')} required searchable filter={foldFilter} limit={100} nothingFoundMessage={t('common.nothingFound')}
            data={orgOptions} value={v.organisationId === null ? null : String(v.organisationId)} onChange={(x) => set('organisationId', x ? Number(x) : null)}
            error={fe.organisationId} allowDeselect={false} description={me?.role === 'editor' ? t('press.items.orgScopeHint') : undefined} data-testid="press-org-select" />
          <TextInput label={t('press.fields.title')} required value={v.title} onChange={(e) => set('title', e.currentTarget.value)} error={fe.title} />
          <Textarea label={t('press.fields.summary')} autosize minRows={2} value={v.summary} onChange={(e) => set('summary', e.currentTarget.value)} error={fe.summary} />
          <Textarea label={t('press.fields.bodyHtml')} autosize minRows={5} maxRows={14} value={v.bodyHtml} onChange={(e) => set('bodyHtml', e.currentTarget.value)}
            error={fe.bodyHtml} description={t('press.items.sanitiseNote')} styles={{ input: { fontFamily: 'monospace' } }} />
          {v.bodyHtml.trim() !== '' && (
            <Paper withBorder p="sm" aria-label={t('press.items.preview')} component="section">
              <Text size="xs" c="gray.7" mb={4}>{t('press.items.preview')}</Text>
              <div dangerouslySetInnerHTML={{ __html: preview }} data-testid="press-body-preview" />
            </Paper>
          )}
          <Group grow align="flex-start">
            <Select label={t('press.fields.language')} required data={langOptions} value={v.language} onChange={(x) => x && set('language', x)} error={fe.language} allowDeselect={false} />
            <TextInput type="datetime-local" label={t('press.fields.heldAt')} value={v.heldAt} onChange={(e) => set('heldAt', e.currentTarget.value)} error={fe.heldAt} />
          </Group>
          <MultiSelect label={t('press.fields.topics')} searchable data={topicOptions} value={v.topicIds} onChange={(x) => set('topicIds', x)} error={fe.topicIds}
            nothingFoundMessage={t('common.nothingFound')} />
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
