// Create / edit a library product (drafts and published products). One or more texts (language, title, description;
// the first is the main title), content languages, channel, audiences, topics, rights, licence, link, relations to
// other products and, for a book, its ISBN (checked live by the server, which shows the hyphenated form or the
// corrected check digit), publisher, year, pages and edition. The server validates everything; its field errors
// (texts.0.title, book.isbn, relations.1.targetId, languages.2 …) appear beside their fields.
import { useMemo, useState, type FormEvent } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Divider,
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
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OrgTreeNode } from '../../../shared/contracts/directory';
import {
  CHANNELS,
  PRODUCT_KINDS,
  RELATION_KINDS,
  isDigitalChannel,
  type Channel,
  type Product,
  type ProductInput,
  type ProductKind,
  type RelationKind,
} from '../../../shared/contracts/library';
import { useAuth } from '../../app/auth';
import { useErrorMessage } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { foldFilter } from '../../components/foldFilter';
import { ApiError, post, put } from '../../lib/api';
import { orgLabel } from '../organisations/OrgTree';
import { useTopics } from '../press/api';
import { LICENCES, fieldErrorsOf, languageGroups, libraryKeys, useIsbnCheck, useLanguages, vnToday } from './api';
import { ProductPicker } from './ProductPicker';
import { DateField } from '../../components/DateField';

/** Fields shown in the form; an error on any other path goes to the alert at the top. */
const KNOWN =
  /^(kind|organisationId|texts(\.\d+(\.(language|title|description))?)?|languages(\.\d+)?|channel|audiences(\.\d+)?|topicIds(\.\d+)?|date|rights|licence|url|relations(\.\d+(\.(kind|targetId))?)?|book(\.(isbn|publisher|year|pages|edition|editionOfId))?)$/;

type TextRow = { key: number; language: string | null; title: string; description: string };
type RelationRow = { key: number; kind: RelationKind; targetId: number | null; label: string | null };

let nextKey = 1;
const key = () => nextKey++;

interface Props {
  product: Product | null;
  orgs: OrgTreeNode[];
  onClose(): void;
  onSaved(product: Product): void;
}

export function ProductForm({ product, orgs, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { me } = useAuth();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const languages = useLanguages();
  const topics = useTopics();
  const p = product;
  const defaultOrg =
    p?.organisationId ??
    (me?.organisationId && orgs.some((o) => o.id === me.organisationId) ? me.organisationId : orgs.length === 1 ? orgs[0].id : null);
  const licence = p?.licence ?? null;
  const knownLicence = licence === null || (LICENCES as readonly string[]).includes(licence);
  const editionOfId = p?.book?.editionOfId ?? null;

  const [v, setV] = useState({
    kind: (p?.kind ?? 'book') as ProductKind,
    organisationId: defaultOrg as number | null,
    languages: p ? p.languages.map((l) => l.code) : ['vie'],
    channel: (p?.channel ?? null) as Channel | null,
    audiences: (p?.audiences ?? []).map(String),
    topicIds: (p?.topics ?? []).map((x) => String(x.id)),
    date: p?.date?.slice(0, 10) ?? vnToday(),
    rights: p?.rights ?? '',
    licenceChoice: licence === null ? null : knownLicence ? licence : 'other',
    licenceOther: knownLicence ? '' : (licence ?? ''),
    url: p?.url ?? '',
    isbn: p?.book?.isbnHyphenated ?? p?.book?.isbn ?? '',
    publisher: p?.book?.publisher ?? '',
    year: (p?.book?.year ?? '') as number | string,
    pages: (p?.book?.pages ?? '') as number | string,
    edition: (p?.book?.edition ?? 'first') as 'first' | 'republication',
    editionOfId,
    editionOfLabel: p?.relations.find((r) => r.direction === 'out' && r.kind === 'edition_of' && r.id === editionOfId)?.title ?? null,
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((s) => ({ ...s, [k]: value }));
  const [texts, setTexts] = useState<TextRow[]>(() =>
    p?.texts.length
      ? p.texts.map((x) => ({ key: key(), language: x.language, title: x.title, description: x.description ?? '' }))
      : [{ key: key(), language: 'vie', title: '', description: '' }],
  );
  // The edition_of relation a re-publication implies is shown as "re-publication of", not as a relation row.
  const [relations, setRelations] = useState<RelationRow[]>(() =>
    (p?.relations ?? [])
      .filter((r) => r.direction === 'out' && !(r.kind === 'edition_of' && r.id === editionOfId))
      .map((r) => ({ key: key(), kind: r.kind, targetId: r.id, label: `${r.title} (#${r.id})` })),
  );
  const setText = (k: number, patch: Partial<TextRow>) => setTexts((rows) => rows.map((r) => (r.key === k ? { ...r, ...patch } : r)));
  const setRelation = (k: number, patch: Partial<RelationRow>) =>
    setRelations((rows) => rows.map((r) => (r.key === k ? { ...r, ...patch } : r)));

  const [isbnTyped] = useDebouncedValue(v.isbn.trim(), 400);
  const isBook = v.kind === 'book';
  const isbnCheck = useIsbnCheck(isBook ? isbnTyped : '');

  // Relation rows without a product are not sent; the server's relations.N refer to the rows that were.
  const [sentRelations, setSentRelations] = useState<number[]>([]);
  const save = useMutation({
    mutationFn: (input: ProductInput) =>
      p ? put<Product>(`/api/library/products/${p.id}`, input) : post<Product>('/api/library/products', input),
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: libraryKeys.all });
      onSaved(saved);
    },
  });
  const fe = useMemo(() => fieldErrorsOf(save.error), [save.error]);
  const issues = save.error instanceof ApiError ? save.error.issues : [];
  const otherIssues = issues.filter((i) => !KNOWN.test(i.field));
  /** Every message on a field or on its elements (languages, languages.2 …). */
  const listError = (field: string) => {
    const m = issues.filter((i) => i.field === field || i.field.startsWith(`${field}.`)).map((i) => i.message);
    return m.length ? m.join('; ') : undefined;
  };
  const relationError = (rowKey: number, part: 'kind' | 'targetId') => {
    const n = sentRelations.indexOf(rowKey);
    return n >= 0 ? fe[`relations.${n}.${part}`] : undefined;
  };

  const orgOptions = orgs
    .map((o) => ({ value: String(o.id), label: `${orgLabel(o, lang)} (${o.code})` }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  const groupLabel = (g: string) => t(`library.languageGroups.${g}`);
  const langData = languageGroups(languages.data ?? [], lang, groupLabel);
  const topicOptions = (topics.data ?? []).map((x) => ({ value: String(x.id), label: lang === 'en' ? x.nameEn : x.nameVi }));
  const num = (x: number | string) => (x === '' || x === null || Number.isNaN(Number(x)) ? null : Number(x));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const sent = relations.filter((r) => r.targetId !== null);
    setSentRelations(sent.map((r) => r.key));
    const licenceValue = v.licenceChoice === 'other' ? v.licenceOther.trim() || null : v.licenceChoice;
    save.mutate({
      kind: v.kind,
      organisationId: v.organisationId ?? 0,
      texts: texts.map((r) => ({ language: r.language ?? '', title: r.title.trim(), description: r.description.trim() || null })),
      languages: v.languages,
      channel: v.channel as Channel,
      audiences: v.audiences.map(Number),
      topicIds: v.topicIds.map(Number),
      date: v.date,
      rights: v.rights.trim() || null,
      licence: licenceValue,
      url: v.url.trim() || null,
      relations: sent.map((r) => ({ kind: r.kind, targetId: r.targetId! })),
      book: isBook
        ? {
            isbn: v.isbn.trim() || null,
            publisher: v.publisher.trim() || null,
            year: num(v.year),
            pages: num(v.pages),
            edition: v.edition,
            editionOfId: v.edition === 'republication' ? v.editionOfId : null,
          }
        : null,
    });
  };

  const isbnStatus = (() => {
    if (!isBook || !isbnTyped) return null;
    if (isbnCheck.isFetching && !isbnCheck.data)
      return (
        <Text size="xs" c="gray.7">
          {t('library.form.isbnChecking')}
        </Text>
      );
    const r = isbnCheck.data;
    if (!r) return null;
    if (r.valid)
      return (
        <Text size="sm" c="teal.9" data-testid="isbn-valid">
          ✓ {t('library.form.isbnValid', { hyphenated: r.hyphenated })}
        </Text>
      );
    if (r.suggestion) {
      return (
        <Group gap="xs" data-testid="isbn-suggestion">
          <Text size="sm" c="red.8">
            ✗ {t('library.form.isbnSuggestion', { suggestion: r.suggestion })}
          </Text>
          <Button size="compact-xs" variant="default" onClick={() => set('isbn', r.suggestion!)}>
            {t('library.form.useSuggestion', { suggestion: r.suggestion })}
          </Button>
        </Group>
      );
    }
    return (
      <Text size="sm" c="red.8" data-testid="isbn-invalid">
        ✗ {t('library.form.isbnInvalid')} {r.message}
      </Text>
    );
  })();

  return (
    <Modal
      opened
      onClose={onClose}
      title={p ? t('library.form.editTitle') : t('library.form.newTitle')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate data-testid="product-form">
        <Stack gap="sm">
          {save.error != null && (
            <Alert color="red" role="alert" data-testid="product-form-error">
              {errorMessage(save.error)}
              {otherIssues.length > 0 && (
                <Text size="sm" mt={4}>
                  {t('library.form.otherIssues')}
                </Text>
              )}
              {otherIssues.map((i, n) => (
                <div key={n}>
                  {i.field}: {i.message}
                </div>
              ))}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('library.fields.kind')}
              required
              data={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`library.kinds.${k}`) }))}
              value={v.kind}
              onChange={(x) => x && set('kind', x as ProductKind)}
              error={fe.kind}
              allowDeselect={false}
              data-testid="product-kind"
            />
            <Select
              label={t('library.fields.organisation')}
              required
              searchable
              filter={foldFilter}
              limit={100}
              nothingFoundMessage={t('common.nothingFound')}
              data={orgOptions}
              value={v.organisationId === null ? null : String(v.organisationId)}
              onChange={(x) => set('organisationId', x ? Number(x) : null)}
              error={fe.organisationId}
              allowDeselect={false}
              description={me?.role === 'editor' ? t('library.form.orgScopeHint') : undefined}
              data-testid="product-org"
            />
          </SimpleGrid>

          <Fieldset legend={t('library.fields.texts')} data-testid="product-texts">
            <Text size="xs" c="gray.7" mb="xs">
              {t('library.form.textsHint')}
            </Text>
            {fe.texts && (
              <Text size="sm" c="red.8" mb="xs">
                {fe.texts}
              </Text>
            )}
            <Stack gap="md">
              {texts.map((row, i) => (
                <Stack
                  key={row.key}
                  gap={6}
                  component="section"
                  aria-label={t('library.form.textN', { n: i + 1 })}
                  data-testid={`product-text-${i}`}
                >
                  <Group align="flex-end" wrap="nowrap">
                    <Select
                      label={t('library.fields.textLanguage')}
                      required
                      searchable
                      filter={foldFilter}
                      nothingFoundMessage={t('common.nothingFound')}
                      data={langData}
                      value={row.language}
                      onChange={(x) => setText(row.key, { language: x })}
                      error={fe[`texts.${i}.language`]}
                      allowDeselect={false}
                      style={{ flex: 1 }}
                    />
                    {texts.length > 1 && (
                      <Button
                        variant="subtle"
                        color="red.8"
                        onClick={() => {
                          save.reset();
                          setTexts((rows) => rows.filter((r) => r.key !== row.key));
                        }}
                        aria-label={t('library.form.removeText', { n: i + 1 })}
                      >
                        ×
                      </Button>
                    )}
                  </Group>
                  <TextInput
                    label={t('library.fields.title')}
                    required
                    value={row.title}
                    maxLength={500}
                    onChange={(e) => setText(row.key, { title: e.currentTarget.value })}
                    error={fe[`texts.${i}.title`]}
                  />
                  <Textarea
                    label={t('library.fields.description')}
                    autosize
                    minRows={2}
                    maxRows={8}
                    value={row.description}
                    onChange={(e) => setText(row.key, { description: e.currentTarget.value })}
                    error={fe[`texts.${i}.description`]}
                  />
                  {i < texts.length - 1 && <Divider />}
                </Stack>
              ))}
            </Stack>
            {texts.length < 20 && (
              <Button
                mt="sm"
                variant="default"
                size="xs"
                data-testid="product-add-text"
                onClick={() => setTexts((rows) => [...rows, { key: key(), language: null, title: '', description: '' }])}
              >
                {t('library.form.addText')}
              </Button>
            )}
          </Fieldset>

          <MultiSelect
            label={t('library.fields.languages')}
            description={t('library.form.languagesHint')}
            required
            searchable
            filter={foldFilter}
            nothingFoundMessage={t('common.nothingFound')}
            data={langData}
            value={v.languages}
            onChange={(x) => set('languages', x)}
            error={listError('languages')}
            data-testid="product-languages"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('library.fields.channel')}
              required
              data={CHANNELS.map((c) => ({ value: c, label: t(`library.channels.${c}`) }))}
              value={v.channel}
              onChange={(x) => set('channel', x as Channel | null)}
              error={fe.channel}
              allowDeselect={false}
              description={isDigitalChannel(v.channel) ? t('library.form.digitalHint') : undefined}
              data-testid="product-channel"
            />
            <DateField
              label={t('library.fields.date')}
              description={t('library.form.dateHint')}
              required
              value={v.date}
              onChange={(e) => set('date', e.currentTarget.value)}
              error={fe.date}
              data-testid="product-date"
            />
          </SimpleGrid>

          <Checkbox.Group
            label={t('library.fields.audiences')}
            value={v.audiences}
            onChange={(x) => set('audiences', x)}
            error={listError('audiences')}
            data-testid="product-audiences"
          >
            <Stack gap={6} mt={6}>
              {[1, 2, 3, 4, 5, 6].map((a) => (
                <Checkbox key={a} value={String(a)} label={`${a}. ${t(`library.audiences.${a}`)}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <MultiSelect
            label={t('library.fields.topics')}
            searchable
            filter={foldFilter}
            data={topicOptions}
            value={v.topicIds}
            onChange={(x) => set('topicIds', x)}
            error={listError('topicIds')}
            nothingFoundMessage={t('common.nothingFound')}
          />

          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('library.fields.licence')}
              clearable
              value={v.licenceChoice}
              onChange={(x) => set('licenceChoice', x)}
              error={v.licenceChoice === 'other' ? undefined : fe.licence}
              data={[
                ...LICENCES.map((l) => ({ value: l, label: t(`library.licences.${l}`) })),
                { value: 'other', label: t('library.licences.other') },
              ]}
            />
            {v.licenceChoice === 'other' && (
              <TextInput
                label={t('library.fields.licenceOther')}
                required
                value={v.licenceOther}
                maxLength={100}
                onChange={(e) => set('licenceOther', e.currentTarget.value)}
                error={fe.licence}
              />
            )}
          </SimpleGrid>
          <Textarea
            label={t('library.fields.rights')}
            autosize
            minRows={1}
            maxRows={4}
            value={v.rights}
            maxLength={1000}
            onChange={(e) => set('rights', e.currentTarget.value)}
            error={fe.rights}
          />
          <TextInput
            type="url"
            label={t('library.fields.url')}
            description={t('library.form.urlHint')}
            value={v.url}
            onChange={(e) => set('url', e.currentTarget.value)}
            error={fe.url}
            data-testid="product-url"
          />

          {isBook && (
            <Fieldset legend={t('library.form.bookSection')} data-testid="product-book">
              <Stack gap="sm">
                {fe.book && (
                  <Text size="sm" c="red.8">
                    {fe.book}
                  </Text>
                )}
                <div>
                  <TextInput
                    label={t('library.fields.isbn')}
                    description={t('library.form.isbnHint')}
                    value={v.isbn}
                    maxLength={20}
                    onChange={(e) => set('isbn', e.currentTarget.value)}
                    error={fe['book.isbn']}
                    data-testid="product-isbn"
                  />
                  <div aria-live="polite" style={{ marginTop: 4 }}>
                    {isbnStatus}
                  </div>
                </div>
                <TextInput
                  label={t('library.fields.publisher')}
                  value={v.publisher}
                  maxLength={300}
                  onChange={(e) => set('publisher', e.currentTarget.value)}
                  error={fe['book.publisher']}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <NumberInput
                    label={t('library.fields.bookYear')}
                    min={1900}
                    max={2100}
                    allowDecimal={false}
                    thousandSeparator={false}
                    value={v.year}
                    onChange={(x) => set('year', x)}
                    error={fe['book.year']}
                  />
                  <NumberInput
                    label={t('library.fields.pages')}
                    min={1}
                    max={100000}
                    allowDecimal={false}
                    value={v.pages}
                    onChange={(x) => set('pages', x)}
                    error={fe['book.pages']}
                  />
                </SimpleGrid>
                <Radio.Group
                  label={t('library.fields.edition')}
                  value={v.edition}
                  onChange={(x) => set('edition', x as 'first' | 'republication')}
                  error={fe['book.edition']}
                  data-testid="product-edition"
                >
                  <Group mt={6}>
                    <Radio value="first" label={t('library.editions.first')} />
                    <Radio value="republication" label={t('library.editions.republication')} />
                  </Group>
                </Radio.Group>
                {v.edition === 'republication' && (
                  <ProductPicker
                    label={t('library.fields.editionOf')}
                    description={t('library.form.editionOfHint')}
                    required
                    kind="book"
                    excludeId={p?.id ?? null}
                    value={v.editionOfId}
                    initialLabel={v.editionOfLabel && v.editionOfId ? `${v.editionOfLabel} (#${v.editionOfId})` : null}
                    onChange={(id, label) => setV((s) => ({ ...s, editionOfId: id, editionOfLabel: label }))}
                    error={fe['book.editionOfId']}
                    testId="product-edition-of"
                  />
                )}
              </Stack>
            </Fieldset>
          )}

          <Fieldset legend={t('library.fields.relations')} data-testid="product-relations">
            <Text size="xs" c="gray.7" mb="xs">
              {t('library.form.relationsHint')}
            </Text>
            {fe.relations && (
              <Text size="sm" c="red.8" mb="xs">
                {fe.relations}
              </Text>
            )}
            <Stack gap="sm">
              {relations.map((row, i) => (
                <Group key={row.key} align="flex-start" wrap="nowrap" role="group" aria-label={t('library.form.relationN', { n: i + 1 })}>
                  <Select
                    label={t('library.fields.relationKind')}
                    data={RELATION_KINDS.map((k) => ({ value: k, label: t(`library.relationKinds.${k}`) }))}
                    value={row.kind}
                    onChange={(x) => x && setRelation(row.key, { kind: x as RelationKind })}
                    allowDeselect={false}
                    error={relationError(row.key, 'kind')}
                    w={200}
                  />
                  <div style={{ flex: 1 }}>
                    <ProductPicker
                      label={t('library.fields.relationTarget')}
                      value={row.targetId}
                      initialLabel={row.label}
                      excludeId={p?.id ?? null}
                      onChange={(id, label) => setRelation(row.key, { targetId: id, label })}
                      error={relationError(row.key, 'targetId')}
                      testId={`product-relation-target-${i}`}
                    />
                  </div>
                  <ActionIcon
                    variant="subtle"
                    color="red.8"
                    mt={26}
                    size="lg"
                    aria-label={t('library.form.removeRelation', { n: i + 1 })}
                    onClick={() => setRelations((rows) => rows.filter((r) => r.key !== row.key))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
            {relations.length < 50 && (
              <Button
                mt="sm"
                variant="default"
                size="xs"
                data-testid="product-add-relation"
                onClick={() => setRelations((rows) => [...rows, { key: key(), kind: 'translation_of', targetId: null, label: null }])}
              >
                {t('library.form.addRelation')}
              </Button>
            )}
          </Fieldset>
          <FormActions onCancel={onClose} saving={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
