// Create / edit an exhibition: titles, descriptions and online narrative in Vietnamese and English, kind, format,
// organisers, dates, audiences, caption languages, visitors / views, the venue and the items. The venue in Viet Nam
// is a province of the map valid on the start date (63 units before 1 July 2025, 34 from then) and, because T3 was
// set on the 63-unit map, its pre-2025 unit: pre-filled when the province has one former unit, to be picked when it
// was formed from several. Abroad: country and city. Items are published library products with a caption per
// language. The server validates everything; its field errors appear beside their fields.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrgTreeNode } from '../../../shared/contracts/directory';
import {
  EXHIBITION_FORMATS,
  EXHIBITION_KINDS,
  mapOn,
  type Exhibition,
  type ExhibitionFormat,
  type ExhibitionInput,
  type ExhibitionKind,
} from '../../../shared/contracts/exhibitions';
import { useErrorMessage } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { fieldErrorsOf, post, put } from '../../lib/api';
import { useCountries, useUnits } from '../organisations/api';
import { orgLabel } from '../organisations/OrgTree';
import { useLanguages } from '../library/api';
import { ProductPicker } from '../library/ProductPicker';
import { exhibitionKeys, useFormerUnits } from './api';
import { DateField } from '../../components/DateField';

type ItemRow = { productId: number; label: string; vi: string; en: string };
const textOf = (e: Exhibition | null, lang: 'vie' | 'eng') => e?.texts.find((x) => x.language === lang);

interface Props {
  exhibition: Exhibition | null;
  orgs: OrgTreeNode[];
  allOrgs: OrgTreeNode[];
  onClose(): void;
  onSaved(e: Exhibition): void;
}

export function ExhibitionForm({ exhibition: e, orgs, allOrgs, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const languages = useLanguages();
  const countries = useCountries();
  const [v, setV] = useState({
    titleVi: textOf(e, 'vie')?.title ?? '',
    titleEn: textOf(e, 'eng')?.title ?? '',
    descVi: textOf(e, 'vie')?.description ?? '',
    descEn: textOf(e, 'eng')?.description ?? '',
    narrVi: textOf(e, 'vie')?.narrative ?? '',
    narrEn: textOf(e, 'eng')?.narrative ?? '',
    kind: (e?.kind ?? 'photographs') as ExhibitionKind,
    format: (e?.format ?? 'physical') as ExhibitionFormat,
    lead: e?.organisers[0]?.id ?? (orgs.length === 1 ? orgs[0]!.id : null),
    others: (e?.organisers.slice(1) ?? []).map((o) => String(o.id)),
    startDate: e?.startDate ?? '',
    endDate: e?.endDate ?? '',
    audiences: (e?.audiences ?? []).map(String),
    captionLanguages: e?.captionLanguages ?? ['vie'],
    visitors: e?.visitors ?? (null as number | null),
    views: e?.views ?? (null as number | null),
    location: (e?.venue?.location ?? 'vietnam') as 'vietnam' | 'abroad',
    venueName: e?.venue?.name ?? '',
    province: e?.venue?.provinceCode ?? (null as string | null),
    former: e?.venue?.formerProvinceCode ?? (null as string | null),
    country: e?.venue?.countryCode ?? (null as string | null),
    city: e?.venue?.city ?? '',
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((s) => ({ ...s, [k]: value }));
  const [items, setItems] = useState<ItemRow[]>(
    (e?.items ?? []).map((it) => ({
      productId: it.productId,
      label: `${it.title} (#${it.productId})`,
      vi: it.captions.find((c) => c.language === 'vie')?.text ?? '',
      en: it.captions.find((c) => c.language === 'eng')?.text ?? '',
    })),
  );
  const [picked, setPicked] = useState<{ id: number; label: string } | null>(null);

  const physical = v.format !== 'online';
  const map = /^\d{4}-\d{2}-\d{2}$/.test(v.startDate) ? mapOn(v.startDate) : '34';
  const units = useUnits(map);
  const former = useFormerUnits(map, v.location === 'vietnam' ? v.province : null);
  // A province of the other map is no longer valid when the start date moves across 1 July 2025.
  useEffect(() => {
    if (units.data && v.province && !units.data.some((u) => u.code === v.province)) setV((s) => ({ ...s, province: null, former: null }));
  }, [units.data, v.province]);
  // Pre-fill the pre-2025 unit where the crosswalk leaves one choice; keep a valid choice; clear an invalid one.
  useEffect(() => {
    const f = former.data;
    if (!f) return;
    if (f.prefilled) setV((s) => (s.former === f.prefilled ? s : { ...s, former: f.prefilled }));
    else setV((s) => (s.former && f.candidates.some((c) => c.code === s.former) ? s : { ...s, former: null }));
  }, [former.data]);

  const input = (): ExhibitionInput => {
    const texts = [
      { language: 'vie', title: v.titleVi, description: v.descVi || null, narrative: v.narrVi || null },
      ...(v.titleEn ? [{ language: 'eng', title: v.titleEn, description: v.descEn || null, narrative: v.narrEn || null }] : []),
    ];
    return {
      texts,
      kind: v.kind,
      format: v.format,
      organiserIds: [...(v.lead ? [v.lead] : []), ...v.others.map(Number).filter((x) => x !== v.lead)],
      startDate: v.startDate,
      endDate: v.endDate,
      audiences: v.audiences.map(Number),
      captionLanguages: v.captionLanguages,
      visitors: physical ? v.visitors : null,
      views: v.format !== 'physical' ? v.views : null,
      venue: !physical
        ? null
        : v.location === 'abroad'
          ? { location: 'abroad', name: v.venueName, countryCode: v.country ?? '', city: v.city }
          : { location: 'vietnam', name: v.venueName, map, provinceCode: v.province ?? '', formerProvinceCode: v.former },
      items: items.map((it) => ({
        productId: it.productId,
        captions: [...(it.vi ? [{ language: 'vie', text: it.vi }] : []), ...(it.en ? [{ language: 'eng', text: it.en }] : [])],
      })),
    };
  };
  const save = useMutation({
    mutationFn: () => (e ? put<Exhibition>(`/api/exhibitions/${e.id}`, input()) : post<Exhibition>('/api/exhibitions', input())),
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: exhibitionKeys.all });
      onSaved(saved);
    },
  });
  const errs = fieldErrorsOf(save.error);
  const err = (...keys: string[]) =>
    keys
      .map((k) => errs[k])
      .filter(Boolean)
      .join('; ') || undefined;
  const shown = /^(texts|kind|format|organiserIds|startDate|endDate|audiences|captionLanguages|visitors|views|venue|items)/;
  const other = Object.entries(errs).filter(([k]) => !shown.test(k));

  const langOptions = useMemo(
    () => (languages.data ?? []).map((l) => ({ value: l.code, label: lang === 'en' ? l.nameEn : l.nameVi })),
    [languages.data, lang],
  );
  const orgOptions = (list: OrgTreeNode[]) => list.map((o) => ({ value: String(o.id), label: `${orgLabel(o, lang)} (${o.code})` }));
  const itemErr = (i: number) => err(`items.${i}.productId`, `items.${i}.captions`);

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    save.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={e ? t('exhibitions.form.edit') : t('exhibitions.form.new')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate data-testid="exhibition-form">
        <Stack>
          {save.error && (other.length > 0 || !Object.keys(errs).length) ? (
            <Alert color="red" role="alert">
              {errorMessage(save.error)}
              {other.map(([k, m]) => (
                <div key={k}>
                  {k}: {m}
                </div>
              ))}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('exhibitions.form.titleVi')}
              required
              value={v.titleVi}
              onChange={(x) => set('titleVi', x.currentTarget.value)}
              error={err('texts.0.title', 'texts')}
              data-testid="title-vi"
            />
            <TextInput
              label={t('exhibitions.form.titleEn')}
              value={v.titleEn}
              onChange={(x) => set('titleEn', x.currentTarget.value)}
              error={err('texts.1.title')}
              lang="en"
            />
            <Textarea
              label={t('exhibitions.form.descVi')}
              value={v.descVi}
              onChange={(x) => set('descVi', x.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Textarea
              label={t('exhibitions.form.descEn')}
              value={v.descEn}
              onChange={(x) => set('descEn', x.currentTarget.value)}
              autosize
              minRows={2}
              lang="en"
            />
            <Select
              label={t('exhibitions.form.kind')}
              data={EXHIBITION_KINDS.map((k) => ({ value: k, label: t(`exhibitions.kinds.${k}`) }))}
              value={v.kind}
              onChange={(x) => x && set('kind', x as ExhibitionKind)}
              allowDeselect={false}
              error={err('kind')}
            />
            <Select
              label={t('exhibitions.form.format')}
              data={EXHIBITION_FORMATS.map((k) => ({ value: k, label: t(`exhibitions.formats.${k}`) }))}
              value={v.format}
              onChange={(x) => x && set('format', x as ExhibitionFormat)}
              allowDeselect={false}
              error={err('format')}
              data-testid="format"
            />
            <Select
              label={t('exhibitions.form.lead')}
              required
              searchable
              filter={foldFilter}
              data={orgOptions(orgs)}
              value={v.lead ? String(v.lead) : null}
              onChange={(x) => set('lead', x ? Number(x) : null)}
              error={err('organiserIds', 'organiserIds.0')}
              data-testid="lead"
            />
            <MultiSelect
              label={t('exhibitions.form.others')}
              description={t('exhibitions.form.othersHint')}
              searchable
              filter={foldFilter}
              data={orgOptions(allOrgs)}
              value={v.others}
              onChange={(x) => set('others', x)}
              error={err('organiserIds.1')}
            />
            <DateField
              label={t('exhibitions.form.startDate')}
              required
              value={v.startDate}
              onChange={(x) => set('startDate', x.currentTarget.value)}
              error={err('startDate')}
              data-testid="start-date"
              description={t('exhibitions.form.mapNote', { map })}
            />
            <DateField
              label={t('exhibitions.form.endDate')}
              required
              value={v.endDate}
              onChange={(x) => set('endDate', x.currentTarget.value)}
              error={err('endDate')}
              data-testid="end-date"
            />
            <MultiSelect
              label={t('exhibitions.form.audiences')}
              data={[1, 2, 3, 4, 5, 6].map((a) => ({ value: String(a), label: `${a}. ${t(`library.audiences.${a}`)}` }))}
              value={v.audiences}
              onChange={(x) => set('audiences', x)}
            />
            <MultiSelect
              label={t('exhibitions.form.captionLanguages')}
              searchable
              filter={foldFilter}
              data={langOptions}
              value={v.captionLanguages}
              onChange={(x) => set('captionLanguages', x)}
              error={err('captionLanguages')}
            />
            {physical && (
              <NumberInput
                label={t('exhibitions.form.visitors')}
                min={0}
                value={v.visitors ?? ''}
                onChange={(x) => set('visitors', typeof x === 'number' ? x : null)}
                error={err('visitors')}
              />
            )}
            {v.format !== 'physical' && (
              <NumberInput
                label={t('exhibitions.form.views')}
                min={0}
                value={v.views ?? ''}
                onChange={(x) => set('views', typeof x === 'number' ? x : null)}
                error={err('views')}
              />
            )}
          </SimpleGrid>

          {physical && (
            <Fieldset legend={t('exhibitions.form.venue')}>
              <Stack gap="sm">
                <Radio.Group
                  value={v.location}
                  onChange={(x) => set('location', x as 'vietnam' | 'abroad')}
                  label={t('exhibitions.form.location')}
                >
                  <Group mt={4}>
                    <Radio value="vietnam" label={t('exhibitions.form.inVietnam')} />
                    <Radio value="abroad" label={t('exhibitions.form.abroad')} data-testid="location-abroad" />
                  </Group>
                </Radio.Group>
                <TextInput
                  label={t('exhibitions.form.venueName')}
                  required
                  value={v.venueName}
                  onChange={(x) => set('venueName', x.currentTarget.value)}
                  error={err('venue.name', 'venue')}
                  data-testid="venue-name"
                />
                {v.location === 'vietnam' ? (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <Select
                      label={t('exhibitions.form.province', { map })}
                      required
                      searchable
                      filter={foldFilter}
                      data-testid="province"
                      data={(units.data ?? []).map((u) => ({ value: u.code, label: `${lang === 'en' ? u.nameEn : u.nameVi} (${u.code})` }))}
                      value={v.province}
                      onChange={(x) => setV((s) => ({ ...s, province: x, former: null }))}
                      error={err('venue.provinceCode', 'venue.map')}
                    />
                    <Select
                      label={t('exhibitions.form.former')}
                      required={map === '34'}
                      data-testid="former-unit"
                      description={
                        former.data
                          ? former.data.prefilled
                            ? t('exhibitions.form.formerPrefilled')
                            : t('exhibitions.form.formerPick', { n: former.data.candidates.length })
                          : t('exhibitions.form.formerHint')
                      }
                      data={(former.data?.candidates ?? []).map((c) => ({
                        value: c.code,
                        label: `${lang === 'en' ? c.nameEn : c.nameVi} (${c.code})`,
                      }))}
                      value={v.former}
                      onChange={(x) => set('former', x)}
                      disabled={!former.data || !!former.data.prefilled}
                      error={err('venue.formerProvinceCode')}
                    />
                  </SimpleGrid>
                ) : (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <Select
                      label={t('exhibitions.form.country')}
                      required
                      searchable
                      filter={foldFilter}
                      data={(countries.data ?? [])
                        .filter((c) => c.alpha2 !== 'VN')
                        .map((c) => ({ value: c.alpha2, label: lang === 'en' ? c.nameEn : c.nameVi }))}
                      value={v.country}
                      onChange={(x) => set('country', x)}
                      error={err('venue.countryCode')}
                      data-testid="country"
                    />
                    <TextInput
                      label={t('exhibitions.form.city')}
                      required
                      value={v.city}
                      onChange={(x) => set('city', x.currentTarget.value)}
                      error={err('venue.city')}
                      data-testid="city"
                    />
                  </SimpleGrid>
                )}
              </Stack>
            </Fieldset>
          )}

          <Fieldset legend={t('exhibitions.form.items')}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('exhibitions.form.itemsHint')}
              </Text>
              <Group align="flex-end">
                <div style={{ flex: 1 }}>
                  <ProductPicker
                    label={t('exhibitions.form.pickItem')}
                    value={picked?.id ?? null}
                    onChange={(id, label) => setPicked(id ? { id, label: label ?? `#${id}` } : null)}
                    testId="item-picker"
                  />
                </div>
                <Button
                  variant="default"
                  disabled={!picked || items.some((x) => x.productId === picked.id)}
                  data-testid="add-item"
                  onClick={() => {
                    if (picked) {
                      setItems((xs) => [...xs, { productId: picked.id, label: picked.label, vi: '', en: '' }]);
                      setPicked(null);
                    }
                  }}
                >
                  {t('exhibitions.form.addItem')}
                </Button>
              </Group>
              {err('items') && (
                <Text c="red" size="sm">
                  {err('items')}
                </Text>
              )}
              {items.map((it, i) => (
                <Fieldset key={it.productId} legend={`${i + 1}. ${it.label}`} data-testid="item-row">
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput
                      label={t('exhibitions.form.captionVi')}
                      value={it.vi}
                      onChange={(x) => {
                        const val = x.currentTarget.value;
                        setItems((xs) => xs.map((y, k) => (k === i ? { ...y, vi: val } : y)));
                      }}
                      error={itemErr(i)}
                    />
                    <TextInput
                      label={t('exhibitions.form.captionEn')}
                      value={it.en}
                      lang="en"
                      onChange={(x) => {
                        const val = x.currentTarget.value;
                        setItems((xs) => xs.map((y, k) => (k === i ? { ...y, en: val } : y)));
                      }}
                    />
                  </SimpleGrid>
                  <Group justify="flex-end" mt="xs">
                    <ActionIcon
                      variant="subtle"
                      disabled={i === 0}
                      aria-label={t('exhibitions.form.moveUp', { n: i + 1 })}
                      onClick={() =>
                        setItems((xs) => {
                          const c = [...xs];
                          [c[i - 1], c[i]] = [c[i]!, c[i - 1]!];
                          return c;
                        })
                      }
                    >
                      ↑
                    </ActionIcon>
                    <Button variant="subtle" color="red" size="compact-sm" onClick={() => setItems((xs) => xs.filter((_, k) => k !== i))}>
                      {t('exhibitions.form.removeItem')}
                    </Button>
                  </Group>
                </Fieldset>
              ))}
            </Stack>
          </Fieldset>

          {v.format !== 'physical' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Textarea
                label={t('exhibitions.form.narrVi')}
                value={v.narrVi}
                onChange={(x) => set('narrVi', x.currentTarget.value)}
                autosize
                minRows={3}
              />
              <Textarea
                label={t('exhibitions.form.narrEn')}
                value={v.narrEn}
                onChange={(x) => set('narrEn', x.currentTarget.value)}
                autosize
                minRows={3}
                lang="en"
              />
            </SimpleGrid>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-exhibition">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
