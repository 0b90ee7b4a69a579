// Create / edit an organisation; server validation errors appear beside their fields.
import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Checkbox, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS, type Organisation, type OrganisationInput, type OrgKind, type OrgTreeNode } from '../../../shared/contracts/directory';
import { ApiError, fieldErrorsOf, post, put } from '../../lib/api';
import { useErrorMessage } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { orgKeys, useCountries, useUnits } from './api';
import { orgLabel } from './OrgTree';
import { FormActions } from '../../components/FormActions';

interface Props {
  opened: boolean;
  onClose(): void;
  /** Present when editing. */
  org?: Organisation | null;
  defaultParentId?: number | null;
  nodes: OrgTreeNode[];
  onSaved(org: Organisation): void;
}

const FIELDS = ['code', 'nameVi', 'nameEn', 'shortName', 'kind', 'parentId', 'provinceCode', 'countryCode', 'isStateAdminAgency'] as const;

export function OrgForm(props: Props) {
  // Remount per opening so the form starts from the organisation being edited.
  if (!props.opened) return null;
  return <OrgFormInner {...props} />;
}

function OrgFormInner({ opened, onClose, org, defaultParentId, nodes, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const units = useUnits('34');
  const countries = useCountries();
  const [v, setV] = useState({
    code: org?.code ?? '',
    nameVi: org?.nameVi ?? '',
    nameEn: org?.nameEn ?? '',
    shortName: org?.shortName ?? '',
    kind: (org?.kind ?? null) as OrgKind | null,
    parentId: org?.parentId ?? defaultParentId ?? null,
    provinceCode: org?.provinceCode ?? null,
    countryCode: org?.countryCode ?? null,
    isStateAdminAgency: org?.isStateAdminAgency ?? false,
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((s) => ({ ...s, [k]: value }));

  const save = useMutation({
    mutationFn: (input: OrganisationInput) =>
      org ? put<Organisation>(`/api/organisations/${org.id}`, input) : post<Organisation>('/api/organisations', input),
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: orgKeys.all });
      onSaved(saved);
    },
  });

  const fieldErrors = useMemo(() => fieldErrorsOf(save.error), [save.error]);
  const otherIssues =
    save.error instanceof ApiError ? save.error.issues.filter((i) => !(FIELDS as readonly string[]).includes(i.field)) : [];

  const parentOptions = useMemo(
    () =>
      nodes
        .filter((n) => n.id !== org?.id)
        .map((n) => ({ value: String(n.id), label: `${orgLabel(n, i18n.language)} (${n.code})` }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    [nodes, org?.id, i18n.language],
  );
  const provinceOptions = (units.data ?? []).map((u) => ({
    value: u.code,
    label: `${i18n.language === 'en' ? u.nameEn : u.nameVi} (${u.code})`,
  }));
  const countryOptions = (countries.data ?? []).map((c) => ({
    value: c.alpha2,
    label: `${i18n.language === 'en' ? c.nameEn : c.nameVi} (${c.alpha2})`,
  }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const blank = (s: string) => (s.trim() === '' ? null : s.trim());
    save.mutate({
      code: v.code.trim(),
      nameVi: v.nameVi.trim(),
      nameEn: blank(v.nameEn),
      shortName: blank(v.shortName),
      kind: (v.kind ?? '') as OrgKind,
      parentId: v.parentId,
      provinceCode: v.provinceCode,
      countryCode: v.countryCode,
      isStateAdminAgency: v.isStateAdminAgency,
    });
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={org ? t('organisations.editTitle') : t('organisations.newTitle')}
      size="lg"
    >
      <form onSubmit={submit} noValidate data-testid="org-form">
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
          <TextInput
            label={t('organisations.fields.code')}
            required
            value={v.code}
            onChange={(e) => set('code', e.currentTarget.value)}
            error={fieldErrors.code}
          />
          <TextInput
            label={t('organisations.fields.nameVi')}
            required
            value={v.nameVi}
            onChange={(e) => set('nameVi', e.currentTarget.value)}
            error={fieldErrors.nameVi}
          />
          <TextInput
            label={t('organisations.fields.nameEn')}
            value={v.nameEn}
            onChange={(e) => set('nameEn', e.currentTarget.value)}
            error={fieldErrors.nameEn}
          />
          <TextInput
            label={t('organisations.fields.shortName')}
            value={v.shortName}
            onChange={(e) => set('shortName', e.currentTarget.value)}
            error={fieldErrors.shortName}
          />
          <Select
            label={t('organisations.fields.kind')}
            required
            data={ORG_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            value={v.kind}
            onChange={(val) => set('kind', (val as OrgKind | null) ?? null)}
            error={fieldErrors.kind}
          />
          <Select
            label={t('organisations.fields.parent')}
            searchable
            clearable
            filter={foldFilter}
            limit={100}
            nothingFoundMessage={t('common.nothingFound')}
            data={parentOptions}
            value={v.parentId === null ? null : String(v.parentId)}
            onChange={(val) => set('parentId', val ? Number(val) : null)}
            error={fieldErrors.parentId}
          />
          <Select
            label={t('organisations.fields.province')}
            searchable
            clearable
            filter={foldFilter}
            nothingFoundMessage={t('common.nothingFound')}
            data={provinceOptions}
            value={v.provinceCode}
            onChange={(val) => set('provinceCode', val)}
            error={fieldErrors.provinceCode}
          />
          <Select
            label={t('organisations.fields.country')}
            searchable
            clearable
            filter={foldFilter}
            limit={300}
            nothingFoundMessage={t('common.nothingFound')}
            data={countryOptions}
            value={v.countryCode}
            onChange={(val) => set('countryCode', val)}
            error={fieldErrors.countryCode}
          />
          <Checkbox
            label={t('organisations.fields.isStateAdminAgency')}
            checked={v.isStateAdminAgency}
            onChange={(e) => set('isStateAdminAgency', e.currentTarget.checked)}
            error={fieldErrors.isStateAdminAgency}
          />
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
