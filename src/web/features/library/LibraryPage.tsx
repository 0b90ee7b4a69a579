// The library (T4a, T4b, T5a): search (diacritics optional) and filters kept in the URL, with the server's facet
// counts beside the filter values; a paged table; the Excel export of the filtered list; the product details
// (?product=ID, the link the indicators' drill-down uses) and the create / edit form.
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { Anchor, Button, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import {
  CHANNELS,
  LANGUAGE_GROUPS,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  type LanguageGroup,
  type Product,
} from '../../../shared/contracts/library';
import { useAuth } from '../../app/auth';
import { href, setSearchParams, useSearchParams } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useOrgTree } from '../organisations/api';
import { ImportPanel } from '../organisations/ImportPanel';
import { orgLabel } from '../organisations/OrgTree';
import { indexTree } from '../organisations/tree';
import { useTopics, writableOrgs } from '../press/api';
import {
  PAGE_SIZE,
  canWriteLibrary,
  countsOf,
  exportHref,
  facetsOf,
  filtersFromParams,
  formatDay,
  languageGroups,
  libraryKeys,
  useLanguages,
  useProduct,
  useProducts,
  type FilterKey,
} from './api';
import { ProductDetails } from './ProductDetails';
import { ProductForm } from './ProductForm';
import { StatusBadge } from './StatusBadge';
import { ScrollBox } from '../../components/ScrollTable';
import { vnToday } from '../../lib/format';

/** Whether the server offers an Excel import of products (checked against library.routes.ts when this was built). */
const IMPORT_PATHS = {
  template: '/api/library/import-template.xlsx',
  export: '/api/library/products/export.xlsx',
  import: '/api/library/import',
};

const positive = (v: string | null) => (v && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : null);

/** The current URL's parameters with a change applied; a filter change goes back to the first page. */
function withParams(
  sp: URLSearchParams,
  patch: Record<string, string | number | null | undefined>,
): Record<string, string | number | null | undefined> {
  const out: Record<string, string | number | null | undefined> = Object.fromEntries(sp.entries());
  for (const [k, v] of Object.entries(patch)) out[k] = v;
  if (Object.keys(patch).some((k) => k !== 'page' && k !== 'product')) out.page = null;
  return out;
}

function toSearch(values: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function LibraryPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { me } = useAuth();
  useDocumentTitle(t('nav.library'));
  const sp = useSearchParams();
  const filters = useMemo(() => filtersFromParams(sp), [sp]);
  const page = positive(sp.get('page')) ?? 1;
  const offset = (page - 1) * PAGE_SIZE;
  const productId = positive(sp.get('product'));

  const tree = useOrgTree();
  const nodes = useMemo(() => tree.data ?? [], [tree.data]);
  const idx = useMemo(() => indexTree(nodes), [nodes]);
  const writable = useMemo(() => writableOrgs(me, idx, nodes), [me, idx, nodes]);
  const writableIds = useMemo(() => new Set(writable.map((o) => o.id)), [writable]);
  const languages = useLanguages();
  const topics = useTopics();
  const list = useProducts(filters, offset);
  const selected = useProduct(productId);
  const [form, setForm] = useState<{ open: boolean; product: Product | null }>({ open: false, product: null });
  const [showImport, setShowImport] = useState(false);

  const update = (patch: Partial<Record<FilterKey | 'page' | 'product', string | number | null>>, push = false) =>
    setSearchParams(withParams(new URLSearchParams(window.location.search), patch), { replace: !push });
  const openProduct = (id: number | null) => update({ product: id }, true);
  // An editor's library opens on its own organisation's products (once: cleared, it shows every organisation's).
  const openedOnOwn = useRef(false);
  useEffect(() => {
    if (openedOnOwn.current) return;
    openedOnOwn.current = true;
    if (me?.role === 'editor' && me.organisationId !== null && [...sp.keys()].length === 0) update({ organisationId: me.organisationId });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on opening the page
  }, []);
  const productHref = (id: number) => href(`/library${toSearch(withParams(sp, { product: id }))}`);

  // The search box writes the URL after a pause; the URL (back / forward) writes the box unless it holds what was typed.
  const [search, setSearch] = useState(filters.q ?? '');
  const [debounced] = useDebouncedValue(search, 300);
  const pushed = useRef(filters.q ?? '');
  useEffect(() => {
    const v = debounced.trim();
    if (v !== (filters.q ?? '')) {
      pushed.current = v;
      update({ q: v || null });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  useEffect(() => {
    if ((filters.q ?? '') !== pushed.current) {
      pushed.current = filters.q ?? '';
      setSearch(filters.q ?? '');
    }
  }, [filters.q]);

  const facets = facetsOf(list.data);
  const labelled = (counts: Map<string, number> | null, value: string, label: string) =>
    counts
      ? t('library.facetCount', {
          label,
          count: facets?.estimated && counts.has(value) ? t('library.about', { count: counts.get(value) }) : (counts.get(value) ?? 0),
        })
      : label;
  const opts = (
    name: 'kind' | 'channel' | 'audience' | 'topic' | 'organisation' | 'year' | 'language',
    items: { value: string; label: string }[],
  ) => {
    const counts = countsOf(facets, name);
    return items.map((o) => ({ value: o.value, label: labelled(counts, o.value, o.label) }));
  };

  const kindOptions = opts(
    'kind',
    PRODUCT_KINDS.map((k) => ({ value: k, label: t(`library.kinds.${k}`) })),
  );
  const channelOptions = opts(
    'channel',
    CHANNELS.map((c) => ({ value: c, label: t(`library.channels.${c}`) })),
  );
  const audienceOptions = opts(
    'audience',
    [1, 2, 3, 4, 5, 6].map((a) => ({ value: String(a), label: `${a}. ${t(`library.audiences.${a}`)}` })),
  );
  const topicOptions = opts(
    'topic',
    (topics.data ?? []).map((x) => ({ value: x.code, label: lang === 'en' ? x.nameEn : x.nameVi })),
  );
  const orgOptions = useMemo(
    () =>
      nodes
        .map((o) => ({ value: String(o.id), label: `${orgLabel(o, lang)} (${o.code})` }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    [nodes, lang],
  );
  const thisYear = Number(vnToday().slice(0, 4));
  const years = [
    ...new Set([
      ...Array.from({ length: Math.max(1, thisYear - 2022) }, (_, i) => thisYear - i),
      ...(facets?.year ?? []).map((y) => y.value),
      ...(filters.year ? [Number(filters.year)] : []),
    ]),
  ].sort((a, b) => b - a);
  const languageCounts = countsOf(facets, 'language');
  const languageOptions = languageGroups(
    languages.data ?? [],
    lang,
    (g) => t(`library.languageGroups.${g}`),
    (filters.languageGroup as LanguageGroup | undefined) ?? null,
  ).map((g) => ({ ...g, items: g.items.map((o) => ({ value: o.value, label: labelled(languageCounts, o.value, o.label) })) }));
  const sortValue = filters.sort ?? (filters.q ? 'relevance' : 'date');
  const hasFilters = Object.entries(filters).some(([k, v]) => k !== 'sort' && v);

  const total = list.data?.total ?? 0;
  const filterSelect = (
    key: FilterKey,
    label: string,
    data: { value: string; label: string }[] | { group: string; items: { value: string; label: string }[] }[],
    extra: object = {},
  ) => (
    <Select
      label={label}
      placeholder={t('library.all')}
      clearable
      data={data}
      value={filters[key] ?? null}
      onChange={(v) => update({ [key]: v })}
      comboboxProps={{ withinPortal: true }}
      data-testid={`library-filter-${key}`}
      {...extra}
    />
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('library.title')}</Title>
        <Group gap="sm">
          {canWriteLibrary(me) && (
            <Button
              variant="default"
              onClick={() => setShowImport((v) => !v)}
              aria-expanded={showImport}
              data-testid="library-import-toggle"
            >
              {t('library.import')}
            </Button>
          )}
          {canWriteLibrary(me) && (
            <Button onClick={() => setForm({ open: true, product: null })} disabled={tree.isPending} data-testid="new-product">
              {t('library.new')}
            </Button>
          )}
        </Group>
      </Group>

      {showImport && <ImportPanel canImport={canWriteLibrary(me)} paths={IMPORT_PATHS} invalidate={libraryKeys.all} />}

      <Paper withBorder p="md" component="section" aria-label={t('library.filters')}>
        <Stack gap="sm">
          <Group align="flex-end" grow>
            <TextInput
              type="search"
              label={t('library.search')}
              description={t('library.searchHint')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              data-testid="library-search"
            />
            <Select
              label={t('library.sort.label')}
              data={(['relevance', 'date', 'title'] as const).map((s) => ({ value: s, label: t(`library.sort.${s}`) }))}
              value={sortValue}
              allowDeselect={false}
              onChange={(v) => update({ sort: v })}
              data-testid="library-sort"
              style={{ maxWidth: 220 }}
            />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3, lg: 5 }}>
            {filterSelect('kind', t('library.fields.kind'), kindOptions)}
            {filterSelect(
              'languageGroup',
              t('library.fields.languageGroup'),
              LANGUAGE_GROUPS.map((g) => ({ value: g, label: t(`library.languageGroups.${g}`) })),
              {
                onChange: (v: string | null) =>
                  update({
                    languageGroup: v,
                    language:
                      v && filters.language && !(languages.data ?? []).some((l) => l.code === filters.language && l.group === v)
                        ? null
                        : filters.language,
                  }),
              },
            )}
            {filterSelect('language', t('library.fields.language'), languageOptions, {
              searchable: true,
              filter: foldFilter,
              nothingFoundMessage: t('common.nothingFound'),
            })}
            {filterSelect('channel', t('library.fields.channel'), channelOptions)}
            {filterSelect('audience', t('library.fields.audience'), audienceOptions)}
            {filterSelect('topic', t('library.fields.topic'), topicOptions, { searchable: true, filter: foldFilter })}
            {filterSelect('organisationId', t('library.fields.organisation'), opts('organisation', orgOptions), {
              searchable: true,
              filter: foldFilter,
              limit: 100,
              nothingFoundMessage: t('common.nothingFound'),
            })}
            {filterSelect(
              'year',
              t('library.fields.year'),
              opts(
                'year',
                years.map((y) => ({ value: String(y), label: String(y) })),
              ),
            )}
            {filterSelect(
              'status',
              t('library.fields.status'),
              PRODUCT_STATUSES.map((s) => ({ value: s, label: t(`library.statuses.${s}`) })),
            )}
          </SimpleGrid>
          <Group justify="space-between">
            <Anchor href={exportHref(filters)} download data-testid="library-export" size="sm">
              {t('library.export')}
            </Anchor>
            {hasFilters && (
              <Button
                variant="subtle"
                size="xs"
                onClick={() => {
                  pushed.current = '';
                  setSearch('');
                  setSearchParams({}, { replace: true });
                }}
                data-testid="library-clear"
              >
                {t('library.clearFilters')}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>

      {list.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <Text size="sm" c="gray.7" aria-live="polite" data-testid="library-count">
            {list.data.estimated ? t('library.countAbout', { count: total }) : t('library.count', { count: total })}
            {facets?.estimated ? ` ${t('library.countEstimated', { count: facets.sample ?? total })}` : ''}
          </Text>
          <ScrollBox minWidth={900}>
            <Table striped highlightOnHover data-testid="library-table" aria-busy={list.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('library.fields.title')}</Table.Th>
                  <Table.Th scope="col">{t('library.fields.kind')}</Table.Th>
                  <Table.Th scope="col">{t('library.fields.organisation')}</Table.Th>
                  <Table.Th scope="col">{t('library.fields.date')}</Table.Th>
                  <Table.Th scope="col">{t('library.fields.languages')}</Table.Th>
                  <Table.Th scope="col">{t('library.fields.channel')}</Table.Th>
                  <Table.Th scope="col">{t('library.fields.status')}</Table.Th>
                  <Table.Th scope="col">{t('library.fields.files')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={8}>
                      <Text size="sm" c="gray.7">
                        {t('library.empty')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {list.data.items.map((p) => {
                  const main = p.texts[0];
                  return (
                    <Table.Tr key={p.id} data-testid={`product-row-${p.id}`}>
                      <Table.Td>
                        <Anchor
                          href={productHref(p.id)}
                          lang={main?.language === 'vie' ? 'vi' : undefined}
                          onClick={(e: MouseEvent<HTMLAnchorElement>) => {
                            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                            e.preventDefault();
                            openProduct(p.id);
                          }}
                        >
                          {main?.title ?? `#${p.id}`}
                        </Anchor>
                        {p.texts.length > 1 && (
                          <Text size="xs" c="gray.7">
                            {t('library.otherLanguages', { count: p.texts.length - 1 })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{t(`library.kinds.${p.kind}`)}</Table.Td>
                      <Table.Td>{p.organisationName}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(p.date, lang)}</Table.Td>
                      <Table.Td>{p.languages.map((l) => (lang === 'en' ? l.nameEn : l.nameVi)).join(', ')}</Table.Td>
                      <Table.Td>{t(`library.channels.${p.channel}`)}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={p.status} testId="product-status" />
                      </Table.Td>
                      <Table.Td data-testid="product-files">{p.files.length}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollBox>
          {total > PAGE_SIZE && (
            <Group justify="center" component="nav" aria-label={t('library.pagination')}>
              <Button variant="default" disabled={page <= 1} onClick={() => update({ page: page - 1 > 1 ? page - 1 : null })}>
                {t('common.previous')}
              </Button>
              <Text size="sm">{t('library.pageOf', { from: offset + 1, to: Math.min(offset + PAGE_SIZE, total), total })}</Text>
              <Button variant="default" disabled={offset + PAGE_SIZE >= total} onClick={() => update({ page: page + 1 })}>
                {t('common.next')}
              </Button>
            </Group>
          )}
        </>
      )}

      {productId !== null && selected.error != null && <ErrorAlert error={selected.error} />}
      {productId !== null && selected.data && !form.open && (
        <ProductDetails
          key={selected.data.id}
          product={selected.data}
          canWrite={writableIds.has(selected.data.organisationId)}
          onClose={() => update({ product: null })}
          onEdit={() => setForm({ open: true, product: selected.data! })}
          onOpen={openProduct}
          productHref={productHref}
        />
      )}
      {form.open && (
        <ProductForm
          product={form.product}
          orgs={writable}
          onClose={() => setForm({ open: false, product: null })}
          onSaved={(saved) => {
            setForm({ open: false, product: null });
            if (saved.id !== productId) openProduct(saved.id);
          }}
        />
      )}
    </Stack>
  );
}
