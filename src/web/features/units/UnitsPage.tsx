// Administrative units on the 63-unit (before 1 July 2025) or 34-unit map, with the crosswalk.
import { useState } from 'react';
import { Badge, Group, Loader, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { fold } from '../../../shared/text';
import { useUnits } from '../organisations/api';
import { ScrollBox } from '../../components/ScrollTable';
import { fmtDate } from '../../lib/format';

export function UnitsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('nav.units'));
  const [map, setMap] = useState<'63' | '34'>('34');
  const [search, setSearch] = useState('');
  const units = useUnits(map);
  const q = fold(search);
  const rows = (units.data ?? []).filter((u) => !q || fold(u.nameVi).includes(q) || fold(u.nameEn).includes(q) || u.code.includes(q));
  const period = (from: string | null, to: string | null) =>
    `${from ? fmtDate(from, i18n.language) : '…'} – ${to ? fmtDate(to, i18n.language) : t('units.now')}`;

  return (
    <Stack>
      <Title order={2}>{t('nav.units')}</Title>
      <Group align="flex-end">
        <div>
          <Text size="sm" fw={500} mb={4} id="map-label">
            {t('units.map')}
          </Text>
          <SegmentedControl
            aria-labelledby="map-label"
            value={map}
            onChange={(v) => setMap(v as '63' | '34')}
            data={[
              { value: '34', label: t('units.map34') },
              { value: '63', label: t('units.map63') },
            ]}
          />
        </div>
        <TextInput label={t('units.search')} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
      </Group>
      <Text size="sm" c="gray.7">
        {map === '34' ? t('units.map34Help') : t('units.map63Help')}
      </Text>
      {units.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={units.error} />
      {units.data && (
        <ScrollBox minWidth={800}>
          <Table striped data-testid="units-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('units.code')}</Table.Th>
                <Table.Th scope="col">{t('units.name')}</Table.Th>
                <Table.Th scope="col">{t('units.type')}</Table.Th>
                <Table.Th scope="col">{map === '63' ? t('units.becomes') : t('units.formedFrom')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.code}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lang="vi">
                      {u.nameVi}
                    </Text>
                    {i18n.language === 'en' && (
                      <Text size="xs" c="gray.7" lang="en">
                        {u.nameEn}
                      </Text>
                    )}
                    <Text size="xs" c="gray.7">
                      {period(u.validFrom, u.validTo)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`units.types.${u.type}`)}</Badge>
                    {u.typeHistory.length > 1 &&
                      u.typeHistory.map((h, n) => (
                        <Text size="xs" c="gray.7" key={n}>
                          {t(`units.types.${h.type}`)}: {period(h.validFrom, h.validTo)}
                        </Text>
                      ))}
                  </Table.Td>
                  <Table.Td>
                    {u.crosswalk.length === 0
                      ? '—'
                      : u.crosswalk.map((c) => (
                          <Text size="sm" key={c.code}>
                            {map === '63' ? '→ ' : '← '}
                            {c.nameVi} ({c.code})
                          </Text>
                        ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      )}
    </Stack>
  );
}
