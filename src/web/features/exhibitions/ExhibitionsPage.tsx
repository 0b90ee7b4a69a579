// Exhibitions (T3): coverage of the 63-unit map (the target) and of the 34-unit map, the provinces not yet covered,
// the locations abroad and the share with a foreign-language version, the venues as points (labelled in the reader's
// language), the coverage by organiser (co-organisers included) with the drill-down to each one's exhibitions; the list (filtered by
// province from the map, by free text without diacritics, year and format);
// an exhibition's details (?exhibition=ID, the link the indicators' drill-down uses) with the online version's
// publication, the portal page, the IIIF manifest and the catalogue; the form; the Excel import. Co-organisers: the
// requests waiting for the reader's organisation (confirm or decline), each organiser's state on the exhibition.
import { useEffect, useMemo, useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  List,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CoOrganiserRequest, Exhibition } from '../../../shared/contracts/exhibitions';
import { useAuth } from '../../app/auth';
import { Link, setSearchParams, useSearchParams } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProvinceMap } from '../../components/ProvinceMap';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { post } from '../../lib/api';
import { useOrgTree } from '../organisations/api';
import { ImportPanel } from '../organisations/ImportPanel';
import { indexTree } from '../organisations/tree';
import { writableOrgs } from '../press/api';
import { fmtDate, fmtDateTime, fmtNumber } from '../../lib/format';
import { canWriteExhibitions, exhibitionKeys, useCoOrganiserRequests, useCoverage, useExhibition, useExhibitions } from './api';
import { ExhibitionForm } from './ExhibitionForm';
import { ScrollBox } from '../../components/ScrollTable';

const IMPORT_PATHS = {
  template: '/api/exhibitions/import-template.xlsx',
  export: '/api/exhibitions/export.xlsx',
  import: '/api/exhibitions/import',
};
const positive = (v: string | null) => (v && /^[1-9]\d{0,9}$/.test(v) ? Number(v) : null);
const FORMATS = ['physical', 'online', 'both'] as const;
/** The programme's years, 2023 to next year. */
const YEARS = Array.from({ length: new Date().getFullYear() - 2021 }, (_, i) => String(2023 + i));

export function ExhibitionsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { me } = useAuth();
  useDocumentTitle(t('nav.exhibitions'));
  const sp = useSearchParams();
  const selectedId = positive(sp.get('exhibition'));
  const map = (sp.get('map') === '34' ? '34' : '63') as '63' | '34';
  const province = /^\d{2}$/.test(sp.get('province') ?? '') ? sp.get('province') : null;
  const page = positive(sp.get('page')) ?? 1;
  const q = sp.get('q') ?? '';
  const year = YEARS.includes(sp.get('year') ?? '') ? sp.get('year') : null;
  const format = (FORMATS as readonly string[]).includes(sp.get('format') ?? '') ? sp.get('format') : null;
  const update = (patch: Record<string, string | number | null>) => setSearchParams({ ...Object.fromEntries(sp.entries()), ...patch });
  // The search box writes the URL after a pause (diacritics optional: the server folds both sides); the URL writes the box.
  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => {
    if (debounced.trim() !== q) update({ q: debounced.trim() || null, page: null });
  }, [debounced]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (q !== search.trim()) setSearch(q);
  }, [q]); // eslint-disable-line react-hooks/exhaustive-deps

  const tree = useOrgTree();
  const nodes = useMemo(() => tree.data ?? [], [tree.data]);
  const idx = useMemo(() => indexTree(nodes), [nodes]);
  const writable = useMemo(() => writableOrgs(me, idx, nodes), [me, idx, nodes]);
  const coverage = useCoverage();
  const list = useExhibitions({
    map: province ? map : undefined,
    province: province ?? undefined,
    q: q || undefined,
    year: year ?? undefined,
    format: format ?? undefined,
    limit: 50,
    offset: (page - 1) * 50,
  });
  const selected = useExhibition(selectedId);
  const phone = useMediaQuery('(max-width: 48em)');
  const [form, setForm] = useState<{ open: boolean; exhibition: Exhibition | null }>({ open: false, exhibition: null });
  const [showImport, setShowImport] = useState(false);

  const cov = coverage.data;
  const units = cov ? (map === '63' ? cov.map63 : cov.map34) : null;
  const uncovered = (units?.units ?? []).filter((u) => u.exhibitions === 0);
  const name = (u: { nameVi: string; nameEn: string }) => (lang === 'en' ? u.nameEn : u.nameVi);

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{t('exhibitions.title')}</Title>
        {canWriteExhibitions(me) && (
          <Group gap="sm">
            <Button variant="default" onClick={() => setShowImport((v) => !v)} aria-expanded={showImport}>
              {t('exhibitions.import')}
            </Button>
            <Button onClick={() => setForm({ open: true, exhibition: null })} disabled={tree.isPending} data-testid="new-exhibition">
              {t('exhibitions.new')}
            </Button>
          </Group>
        )}
      </Group>
      {showImport && <ImportPanel canImport={canWriteExhibitions(me)} paths={IMPORT_PATHS} invalidate={exhibitionKeys.all} />}
      <CoOrganiserRequests enabled={canWriteExhibitions(me)} onOpen={(id) => update({ exhibition: id })} />

      <Paper withBorder p="md" component="section" aria-labelledby="coverage-title">
        <Stack gap="sm">
          <Title order={3} size="h4" id="coverage-title">
            {t('exhibitions.coverage')}
          </Title>
          <ErrorAlert error={coverage.error} />
          {cov && (
            <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="coverage-figures">
              <div>
                <Text size="xl" fw={700} data-testid="covered-63">
                  {cov.map63.covered}/{cov.map63.total}
                </Text>
                <Text size="sm">{t('exhibitions.covered63')}</Text>
              </div>
              <div>
                <Text size="xl" fw={700} data-testid="covered-34">
                  {cov.map34.covered}/{cov.map34.total}
                </Text>
                <Text size="sm">{t('exhibitions.covered34')}</Text>
              </div>
              <div>
                <Text size="xl" fw={700}>
                  {cov.abroad.length}
                </Text>
                <Text size="sm">{t('exhibitions.abroadCount')}</Text>
              </div>
              <div>
                <Text size="xl" fw={700}>
                  {cov.foreign.share === null ? '—' : `${Math.round(cov.foreign.share * 100)}%`}
                </Text>
                <Text size="sm">{t('exhibitions.foreignShare', { n: cov.foreign.withForeign, total: cov.foreign.total })}</Text>
              </div>
            </SimpleGrid>
          )}
          <SegmentedControl
            value={map}
            onChange={(v) => update({ map: v, province: null })}
            aria-label={t('exhibitions.mapChoice')}
            data-testid="map-choice"
            data={[
              { value: '63', label: t('exhibitions.map63') },
              { value: '34', label: t('exhibitions.map34') },
            ]}
          />
          {units && (
            <ProvinceMap
              mapVersion={map}
              unit="count"
              title={t('exhibitions.mapTitle', { map })}
              values={units.units.map((u) => ({
                code: u.code,
                value: u.exhibitions, // 0 is a gap (its own colour), not "no data"
                text: u.exhibitions ? t('exhibitions.count', { count: u.exhibitions }) : t('exhibitions.notCovered'),
              }))}
              onSelect={(code) => update({ province: code, page: null })}
              points={(cov?.venues ?? []).map((v) => ({
                id: v.id,
                lon: v.lon,
                lat: v.lat,
                label: lang === 'en' ? `${v.titleEn} — ${v.placeEn}` : `${v.title} — ${v.place}`,
              }))}
              pointsLabel={t('exhibitions.venues')}
            />
          )}
          {units && (
            <details data-testid="uncovered">
              <summary>{t('exhibitions.uncovered', { count: uncovered.length, map })}</summary>
              <Text size="sm">{uncovered.map(name).join(', ') || '—'}</Text>
            </details>
          )}
          {cov && cov.abroad.length > 0 && (
            <div>
              <Text fw={500} size="sm">
                {t('exhibitions.abroadList')}
              </Text>
              <List size="sm">
                {cov.abroad.map((a) => (
                  <List.Item key={`${a.countryCode}-${a.city}`}>
                    {a.city}, {lang === 'en' ? a.countryNameEn : a.countryName} ({a.exhibitions})
                  </List.Item>
                ))}
              </List>
            </div>
          )}
          {cov && cov.byOrganiser.length > 0 && (
            <details data-testid="by-organiser">
              <summary>
                {t('exhibitions.byOrganiser')} ({cov.byOrganiser.length})
              </summary>
              <Text size="sm" c="dimmed" my={4}>
                {t('exhibitions.byOrganiserHint')}
              </Text>
              <ScrollBox minWidth={600}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('exhibitions.org.name')}</Table.Th>
                      <Table.Th scope="col">{t('exhibitions.org.covered63')}</Table.Th>
                      <Table.Th scope="col">{t('exhibitions.org.covered34')}</Table.Th>
                      <Table.Th scope="col">{t('exhibitions.org.abroad')}</Table.Th>
                      <Table.Th scope="col">{t('exhibitions.org.exhibitions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {cov.byOrganiser.map((o) => {
                      const orgName = lang === 'en' ? (o.nameEn ?? o.name) : o.name;
                      return (
                        <Table.Tr key={o.id} data-testid="organiser-row" data-org={o.code}>
                          <Table.Th scope="row" fw={400}>
                            {orgName}
                          </Table.Th>
                          <Table.Td>
                            {o.covered63 ? (
                              <Link
                                to={`/indicators/records?id=T3&map=63&part=numerator&breakdown=organiser&key=${o.id}`}
                                aria-label={t('exhibitions.org.drill63', { n: o.covered63, name: orgName })}
                              >
                                {o.covered63}/63
                              </Link>
                            ) : (
                              '0/63'
                            )}
                          </Table.Td>
                          <Table.Td>{o.covered34}/34</Table.Td>
                          <Table.Td>{o.abroad}</Table.Td>
                          <Table.Td>{o.exhibitions}</Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </ScrollBox>
            </details>
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="list-title">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3} size="h4" id="list-title">
              {t('exhibitions.list', { count: list.data?.total ?? 0 })}
            </Title>
            {province && (
              <Button variant="subtle" size="compact-sm" onClick={() => update({ province: null })}>
                {t('exhibitions.clearProvince', {
                  name: units?.units.find((u) => u.code === province) ? name(units.units.find((u) => u.code === province)!) : province,
                })}
              </Button>
            )}
          </Group>
          <Group align="flex-end" grow>
            <TextInput
              type="search"
              label={t('exhibitions.search')}
              description={t('exhibitions.searchHint')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              data-testid="exhibition-search"
            />
            <Select
              label={t('exhibitions.year')}
              placeholder={t('exhibitions.all')}
              clearable
              data={YEARS}
              value={year}
              onChange={(v) => update({ year: v, page: null })}
              data-testid="year-filter"
            />
            <Select
              label={t('exhibitions.form.format')}
              placeholder={t('exhibitions.all')}
              clearable
              value={format}
              data={FORMATS.map((f) => ({ value: f, label: t(`exhibitions.formats.${f}`) }))}
              onChange={(v) => update({ format: v, page: null })}
              data-testid="format-filter"
            />
          </Group>
          <ErrorAlert error={list.error} />
          <ScrollBox minWidth={700}>
            <Table striped highlightOnHover data-testid="exhibition-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('exhibitions.col.title')}</Table.Th>
                  <Table.Th scope="col">{t('exhibitions.col.dates')}</Table.Th>
                  <Table.Th scope="col">{t('exhibitions.col.place')}</Table.Th>
                  <Table.Th scope="col">{t('exhibitions.col.organiser')}</Table.Th>
                  <Table.Th scope="col">{t('exhibitions.col.items')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(list.data?.items ?? []).map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      {/* English pages: the English title where there is one, else the first title marked as Vietnamese. */}
                      <Anchor
                        component="button"
                        type="button"
                        onClick={() => update({ exhibition: e.id })}
                        lang={lang === 'en' && !e.titleEn ? 'vi' : undefined}
                      >
                        {lang === 'en' && e.titleEn ? e.titleEn : e.title}
                      </Anchor>
                      {e.online && <OnlineBadge ml="xs" />}
                    </Table.Td>
                    <Table.Td>
                      {fmtDate(e.startDate, i18n.language)} – {fmtDate(e.endDate, i18n.language)}
                    </Table.Td>
                    <Table.Td>{e.format === 'online' ? t('exhibitions.formats.online') : lang === 'en' ? e.placeEn : e.place}</Table.Td>
                    <Table.Td>{lang === 'en' ? (e.organiserEn ?? e.organiser) : e.organiser}</Table.Td>
                    <Table.Td>{e.items}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
          <Group>
            <Button variant="default" size="compact-sm" disabled={page <= 1} onClick={() => update({ page: page - 1 })}>
              {t('common.previous')}
            </Button>
            <Button
              variant="default"
              size="compact-sm"
              disabled={page * 50 >= (list.data?.total ?? 0)}
              onClick={() => update({ page: page + 1 })}
            >
              {t('common.next')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      {/* The details open beside the list, where the user clicked (not below fifty rows); on a phone they fill the screen. */}
      <Drawer
        opened={selectedId !== null && !form.open}
        onClose={() => update({ exhibition: null })}
        position="right"
        size={phone ? '100%' : 'xl'}
        title={selected.data ? exhibitionTitle(selected.data, lang) : t('common.loading')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      >
        <ErrorAlert error={selected.error} />
        {selected.isPending && selectedId !== null && <Loader aria-label={t('common.loading')} />}
        {selected.data && (
          <ExhibitionDetails
            e={selected.data}
            canWrite={canWriteExhibitions(me)}
            decidable={new Set(writable.map((o) => o.id))}
            onEdit={() => setForm({ open: true, exhibition: selected.data! })}
          />
        )}
      </Drawer>
      {form.open && (
        <ExhibitionForm
          exhibition={form.exhibition}
          orgs={writable}
          allOrgs={nodes}
          onClose={() => setForm({ open: false, exhibition: null })}
          onSaved={(e) => {
            setForm({ open: false, exhibition: null });
            update({ exhibition: e.id });
          }}
        />
      )}
    </Stack>
  );
}

/** Confirms or declines an organisation as co-organiser (the server decides who may). */
function useDecideCoOrganiser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      exhibitionId,
      organisationId,
      decision,
    }: {
      exhibitionId: number;
      organisationId: number;
      decision: 'confirm' | 'decline';
    }) => post<Exhibition>(`/api/exhibitions/${exhibitionId}/organisers/${organisationId}/${decision}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: exhibitionKeys.all }),
  });
}

/** The co-organiser requests waiting for the reader's organisation (the office: all), each confirmed or declined
 *  here; nothing is shown when none waits. */
function CoOrganiserRequests({ enabled, onOpen }: { enabled: boolean; onOpen(id: number): void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const requests = useCoOrganiserRequests(enabled);
  const decide = useDecideCoOrganiser();
  const items = requests.data?.items ?? [];
  if (!enabled || (!items.length && !requests.error)) return null;
  const name = (o: CoOrganiserRequest['lead']) => (en ? (o.nameEn ?? o.name) : o.name);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="coorg-title" data-testid="coorg-requests">
      <Stack gap="sm">
        <Title order={3} size="h4" id="coorg-title">
          {t('exhibitions.coorg.title')} ({requests.data?.total ?? 0})
        </Title>
        <Text size="sm">{t('exhibitions.coorg.hint')}</Text>
        <ErrorAlert error={requests.error ?? decide.error} />
        <ScrollBox minWidth={700}>
          <Table striped>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={`${r.exhibitionId}-${r.organisation.id}`} data-testid="coorg-request">
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => onOpen(r.exhibitionId)}>
                      {r.title}
                    </Anchor>
                    <Text size="xs">
                      {fmtDate(r.startDate, i18n.language)} – {fmtDate(r.endDate, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('exhibitions.coorg.request', { lead: name(r.lead), org: name(r.organisation) })}</Text>
                    <Text size="xs" c="dimmed">
                      {t('exhibitions.coorg.requestedBy', {
                        name: r.requestedByName ?? '—',
                        at: fmtDateTime(r.requestedAt, i18n.language),
                      })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        loading={decide.isPending}
                        data-testid="coorg-confirm"
                        aria-label={t('exhibitions.coorg.confirmAria', { org: name(r.organisation), title: r.title })}
                        onClick={() =>
                          decide.mutate({ exhibitionId: r.exhibitionId, organisationId: r.organisation.id, decision: 'confirm' })
                        }
                      >
                        {t('exhibitions.coorg.confirm')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        loading={decide.isPending}
                        data-testid="coorg-decline"
                        aria-label={t('exhibitions.coorg.declineAria', { org: name(r.organisation), title: r.title })}
                        onClick={() =>
                          decide.mutate({ exhibitionId: r.exhibitionId, organisationId: r.organisation.id, decision: 'decline' })
                        }
                      >
                        {t('exhibitions.coorg.decline')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      </Stack>
    </Paper>
  );
}

/** The organisers of an exhibition, the lead first, each co-organiser with its state in words ("awaiting
 *  confirmation", "declined", or who confirmed it and when); the reader decides for the organisations it may write for. */
function Organisers({ e, decidable }: { e: Exhibition; decidable: Set<number> }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const decide = useDecideCoOrganiser();
  const waiting = e.organisers.some((o) => o.confirmation !== 'confirmed');
  return (
    <Stack gap={2} data-testid="details-organisers">
      <Text size="sm" fw={500}>
        {t('exhibitions.col.organiser')}
      </Text>
      <List size="sm">
        {e.organisers.map((o, k) => (
          <List.Item key={o.id} data-testid="details-organiser" data-state={o.confirmation}>
            {en ? (o.nameEn ?? o.name) : o.name}
            {k > 0 && o.confirmation !== 'confirmed' && (
              <Badge
                ml="xs"
                variant="outline"
                color={o.confirmation === 'pending' ? 'yellow' : 'red'}
                styles={{ label: { color: 'var(--mantine-color-text)' } }}
              >
                {t(`exhibitions.coorg.${o.confirmation}`)}
              </Badge>
            )}
            {k > 0 && o.decidedAt && (
              <Text span size="xs" c="dimmed" ml="xs">
                {t('exhibitions.coorg.decidedBy', {
                  state: t(`exhibitions.coorg.${o.confirmation}`),
                  name: o.decidedByName ?? '—',
                  at: fmtDateTime(o.decidedAt, i18n.language),
                })}
              </Text>
            )}
            {k > 0 && decidable.has(o.id) && (
              <Group gap="xs" mt={2}>
                {o.confirmation !== 'confirmed' && (
                  <Button
                    size="compact-xs"
                    loading={decide.isPending}
                    onClick={() => decide.mutate({ exhibitionId: e.id, organisationId: o.id, decision: 'confirm' })}
                  >
                    {t('exhibitions.coorg.confirm')}
                  </Button>
                )}
                {o.confirmation !== 'declined' && (
                  <Button
                    size="compact-xs"
                    variant="default"
                    loading={decide.isPending}
                    onClick={() => decide.mutate({ exhibitionId: e.id, organisationId: o.id, decision: 'decline' })}
                  >
                    {t('exhibitions.coorg.decline')}
                  </Button>
                )}
              </Group>
            )}
          </List.Item>
        ))}
      </List>
      {waiting && (
        <Text size="xs" c="dimmed">
          {t('exhibitions.coorg.awaitingHint')}
        </Text>
      )}
      <ErrorAlert error={decide.error} />
    </Stack>
  );
}

/** Photos of the event itself (evidence): thumbnails linking to the full photo, and an upload for those who may write. */
function EventPhotos({ e, canWrite }: { e: Exhibition; canWrite: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [inputKey, setInputKey] = useState(0); // a new key empties the file input after an upload
  const upload = useMutation({
    mutationFn: (f: File) => {
      const fd = new FormData();
      if (caption.trim()) fd.append('caption', caption.trim());
      fd.append('file', f, f.name);
      return post(`/api/exhibitions/${e.id}/photos`, fd);
    },
    onSuccess: async () => {
      setFile(null);
      setCaption('');
      setInputKey((k) => k + 1);
      await qc.invalidateQueries({ queryKey: exhibitionKeys.all });
    },
  });
  const base = `/api/exhibitions/${e.id}/photos`;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('exhibitions.photos', { count: e.photos.length })}
      </Text>
      <Group gap="xs" data-testid="event-photos">
        {e.photos.map((p) => (
          <Anchor key={p.id} href={`${base}/${p.id}`} target="_blank" data-testid="event-photo">
            <img
              src={p.hasThumbnail ? `${base}/${p.id}?thumbnail=1` : `${base}/${p.id}`}
              alt={t('exhibitions.photoAlt', { name: p.caption ?? p.filename })}
              height={64}
              style={{ display: 'block' }}
            />
          </Anchor>
        ))}
      </Group>
      {canWrite && (
        <Group gap="xs" align="flex-end">
          <div>
            <Text component="label" htmlFor="event-photo" size="sm" display="block">
              {t('exhibitions.addPhoto')}
            </Text>
            <input
              key={inputKey}
              id="event-photo"
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp"
              onChange={(x) => {
                setFile(x.currentTarget.files?.[0] ?? null);
                upload.reset();
              }}
            />
          </div>
          <TextInput
            size="xs"
            label={t('exhibitions.photoCaption')}
            value={caption}
            onChange={(x) => setCaption(x.currentTarget.value)}
            maxLength={500}
            data-testid="photo-caption"
          />
          <Button
            size="compact-sm"
            variant="default"
            disabled={!file}
            loading={upload.isPending}
            onClick={() => file && upload.mutate(file)}
            data-testid="upload-photo"
          >
            {t('exhibitions.upload')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={upload.error} />
    </Stack>
  );
}

/** "Published online": a dot and the word in text colour (contrast), never colour alone. */
function OnlineBadge({ ml, testId }: { ml?: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="dot"
      color="green"
      ml={ml}
      data-testid={testId}
      styles={{
        root: { minWidth: 'max-content', overflow: 'visible' },
        label: { color: 'var(--mantine-color-text)', overflow: 'visible' },
      }}
    >
      {t('exhibitions.onlineBadge')}
    </Badge>
  );
}

/** The exhibition's title in the reader's language (the first text when it has none in that language). */
function exhibitionTitle(e: Exhibition, lang: 'vi' | 'en'): string {
  return (e.texts.find((x) => x.language === (lang === 'en' ? 'eng' : 'vie')) ?? e.texts[0])!.title;
}

function ExhibitionDetails({
  e,
  canWrite,
  decidable,
  onEdit,
}: {
  e: Exhibition;
  canWrite: boolean;
  decidable: Set<number>;
  onEdit(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const qc = useQueryClient();
  const publish = useMutation({
    mutationFn: (on: boolean) => post<Exhibition>(`/api/exhibitions/${e.id}/${on ? 'publish-online' : 'unpublish-online'}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: exhibitionKeys.all }),
  });
  const listing = useMutation({
    mutationFn: (on: boolean) => post<Exhibition>(`/api/exhibitions/${e.id}/${on ? 'show-on-portal' : 'hide-from-portal'}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: exhibitionKeys.all }),
  });
  const v = e.venue;
  const en = lang === 'en';
  // The venue's own name as entered; its province, pre-2025 unit or country in the reader's language.
  const place = !v
    ? t('exhibitions.formats.online')
    : v.location === 'abroad'
      ? `${v.name}, ${v.city}, ${en ? v.countryNameEn : v.countryName}`
      : `${v.name}, ${en ? v.provinceNameEn : v.provinceName} — ${t('exhibitions.formerUnit')}: ${en ? v.formerProvinceNameEn : v.formerProvinceName}`;
  const portal = lang === 'en' ? `/en/exhibitions/${e.id}` : `/trien-lam/${e.id}`;
  return (
    <section data-testid="exhibition-details" aria-label={exhibitionTitle(e, lang)}>
      <Stack gap="xs">
        <Text size="sm">
          {fmtDate(e.startDate, i18n.language)} – {fmtDate(e.endDate, i18n.language)} · {t(`exhibitions.kinds.${e.kind}`)} ·{' '}
          {t(`exhibitions.formats.${e.format}`)}
        </Text>
        <Text size="sm" data-testid="details-place">
          {place}
        </Text>
        <Organisers e={e} decidable={decidable} />
        {e.visitors !== null && (
          <Text size="sm">
            {t('exhibitions.form.visitors')}: {fmtNumber(e.visitors, lang)}
          </Text>
        )}
        {e.views !== null && (
          <Text size="sm">
            {t('exhibitions.form.views')}: {fmtNumber(e.views, lang)}
          </Text>
        )}
        <Text size="sm" fw={500}>
          {t('exhibitions.form.items')} ({e.items.length})
        </Text>
        <List size="sm" type="ordered">
          {e.items.map((it) => {
            const caption = it.captions.find((c) => c.language === (en ? 'eng' : 'vie')) ?? it.captions[0];
            return (
              <List.Item key={it.position}>
                {it.title}
                {caption ? ` — ${caption.text}` : ''}
              </List.Item>
            );
          })}
        </List>
        <Group gap="md">
          <Anchor href={`/api/exhibitions/${e.id}/catalogue.pdf?lang=vi`}>{t('exhibitions.catalogueVi')}</Anchor>
          <Anchor href={`/api/exhibitions/${e.id}/catalogue.pdf?lang=en`}>{t('exhibitions.catalogueEn')}</Anchor>
          {e.onlinePublishedAt && (
            <Anchor href={portal} data-testid="portal-link">
              {t('exhibitions.portalPage')}
            </Anchor>
          )}
          {e.onlinePublishedAt && <Anchor href={`/api/public/exhibitions/${e.id}/manifest.json`}>{t('exhibitions.manifest')}</Anchor>}
        </Group>
        <Text size="sm" data-testid="public-state">
          {e.isPublic ? t('exhibitions.publicHint') : t('exhibitions.internalHint')}
        </Text>
        <EventPhotos e={e} canWrite={canWrite} />
        <ErrorAlert error={publish.error} />
        <ErrorAlert error={listing.error} />
        {canWrite && (
          <Group>
            <Button variant="default" onClick={onEdit} data-testid="edit-exhibition">
              {t('common.edit')}
            </Button>
            {e.format !== 'physical' &&
              (e.onlinePublishedAt ? (
                <Button variant="default" color="red" loading={publish.isPending} onClick={() => publish.mutate(false)}>
                  {t('exhibitions.unpublishOnline')}
                </Button>
              ) : (
                <Button loading={publish.isPending} onClick={() => publish.mutate(true)} data-testid="publish-online">
                  {t('exhibitions.publishOnline')}
                </Button>
              ))}
            {e.onlinePublishedAt && <OnlineBadge testId="online-published" />}
            {!e.onlinePublishedAt &&
              (e.publicAt ? (
                <Button variant="default" loading={listing.isPending} onClick={() => listing.mutate(false)} data-testid="hide-from-portal">
                  {t('exhibitions.hideFromPortal')}
                </Button>
              ) : (
                <Button variant="default" loading={listing.isPending} onClick={() => listing.mutate(true)} data-testid="show-on-portal">
                  {t('exhibitions.showOnPortal')}
                </Button>
              ))}
          </Group>
        )}
      </Stack>
    </section>
  );
}
