// Details of the selected organisation with Edit / Deactivate / Reactivate.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SuccessionKind, type Organisation, type OrgTreeNode } from '../../../shared/contracts/directory';
import { post } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { Link } from '../../app/router';
import { orgKeys, useOrganisation } from './api';
import { orgLabel } from './OrgTree';
import { ScrollTable } from '../../components/ScrollTable';
import { fmtDate, fmtDateTime } from '../../lib/format';

interface Props {
  id: number;
  canWrite: boolean;
  nodes: OrgTreeNode[];
  onEdit(org: Organisation): void;
  /** Opens another organisation (a predecessor or the successor). */
  onSelect?(id: number): void;
}

export function OrgDetails({ id, canWrite, nodes, onEdit, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const q = useOrganisation(id);
  const [deactivating, setDeactivating] = useState(false);
  const [successor, setSuccessor] = useState<string | null>(null);
  const [kind, setKind] = useState<SuccessionKind>('merged_into');

  const refresh = () => qc.invalidateQueries({ queryKey: orgKeys.all });
  const deactivate = useMutation({
    mutationFn: () =>
      post<Organisation>(`/api/organisations/${id}/deactivate`, {
        successorId: successor ? Number(successor) : null,
        ...(successor ? { successionKind: kind } : {}),
      }),
    onSuccess: async () => {
      setDeactivating(false);
      await refresh();
    },
  });
  const reactivate = useMutation({
    mutationFn: () => post<Organisation>(`/api/organisations/${id}/reactivate`),
    onSuccess: refresh,
  });

  if (q.isPending) return <Loader aria-label={t('common.loading')} />;
  if (q.error) return <ErrorAlert error={q.error} />;
  const o = q.data;
  const successorName = o.successorId ? nodes.find((n) => n.id === o.successorId) : undefined;
  const link = (to: number, label: string) =>
    onSelect ? (
      <Anchor component="button" type="button" onClick={() => onSelect(to)}>
        {label}
      </Anchor>
    ) : (
      label
    );
  const yes = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  const rows: [string, React.ReactNode][] = [
    [t('organisations.fields.code'), o.code],
    [t('organisations.fields.nameVi'), <span lang="vi">{o.nameVi}</span>],
    [t('organisations.fields.nameEn'), o.nameEn ? <span lang="en">{o.nameEn}</span> : '—'],
    [t('organisations.fields.shortName'), o.shortName ?? '—'],
    [t('organisations.fields.kind'), t(`kinds.${o.kind}`)],
    [t('organisations.fields.parent'), o.parentName ?? '—'],
    [
      t('organisations.fields.province'),
      o.provinceName ? (
        <span data-testid="org-province">
          {t('organisations.provinceOnMap', { name: o.provinceName, code: o.provinceCode, map: o.provinceMap ?? '34' })}
        </span>
      ) : (
        '—'
      ),
    ],
    [t('organisations.fields.country'), o.countryName ? `${o.countryName} (${o.countryCode})` : '—'],
    [t('organisations.fields.isStateAdminAgency'), yes(o.isStateAdminAgency)],
    [t('organisations.fields.validFrom'), o.validFrom ? fmtDate(o.validFrom, i18n.language) : '—'],
    [t('organisations.fields.validTo'), o.validTo ? fmtDate(o.validTo, i18n.language) : '—'],
    [
      t('organisations.fields.successor'),
      successorName ? (
        <span data-testid="org-successor">
          {o.successionKind ? `${t(`organisations.succession.${o.successionKind}`)} ` : ''}
          {link(o.successorId!, orgLabel(successorName, i18n.language))}
        </span>
      ) : (
        '—'
      ),
    ],
    [
      t('organisations.predecessors'),
      o.predecessors?.length ? (
        <Stack gap={2} data-testid="org-predecessors">
          {o.predecessors.map((p) => (
            <span key={p.id}>
              {link(p.id, p.nameVi)}
              {p.successionKind ? ` — ${t(`organisations.succession.${p.successionKind}`)}` : ''}
              {p.validTo ? ` (${fmtDate(p.validTo, i18n.language)})` : ''}
            </span>
          ))}
        </Stack>
      ) : (
        '—'
      ),
    ],
    [t('organisations.fields.updatedAt'), fmtDateTime(o.updatedAt, i18n.language)],
  ];
  const writeHint = canWrite ? undefined : t('organisations.readOnly');

  return (
    <Card withBorder padding="md" data-testid="org-details">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={3} size="h4">
            {orgLabel(o, i18n.language)}
          </Title>
          <Group gap={6}>
            {o.active ? (
              <Badge color="teal.9">{t('organisations.active')}</Badge>
            ) : (
              <Badge color="gray">{t('organisations.inactive')}</Badge>
            )}
            {o.isDemo && (
              <Badge color="gray.8" variant="outline">
                {t('common.demo')}
              </Badge>
            )}
          </Group>
        </Group>
        <ScrollTable withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            {rows.map(([k, v]) => (
              <Table.Tr key={k}>
                <Table.Th scope="row" w="40%" fw={500} c="gray.7">
                  {k}
                </Table.Th>
                <Table.Td>{v}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        <Link to={`/scorecard?organisation=${o.id}`} data-testid="org-scorecard">
          {t('indicators.scorecard')} →
        </Link>
        {canWrite ? (
          <Group>
            <Button variant="light" onClick={() => onEdit(o)}>
              {t('common.edit')}
            </Button>
            {o.active ? (
              <Button
                variant="light"
                color="red"
                onClick={() => {
                  setSuccessor(null);
                  deactivate.reset();
                  setDeactivating(true);
                }}
              >
                {t('organisations.deactivate')}
              </Button>
            ) : (
              <Button variant="light" color="green" loading={reactivate.isPending} onClick={() => reactivate.mutate()}>
                {t('organisations.reactivate')}
              </Button>
            )}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {writeHint}
          </Text>
        )}
        <ErrorAlert error={reactivate.error} />
      </Stack>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={deactivating}
        onClose={() => setDeactivating(false)}
        title={t('organisations.deactivateTitle')}
      >
        <Stack>
          <Text size="sm">{t('organisations.deactivateHelp', { name: orgLabel(o, i18n.language) })}</Text>
          <Select
            label={t('organisations.successorOptional')}
            searchable
            clearable
            filter={foldFilter}
            limit={100}
            nothingFoundMessage={t('common.nothingFound')}
            data={nodes
              .filter((n) => n.active && n.id !== o.id)
              .map((n) => ({ value: String(n.id), label: `${orgLabel(n, i18n.language)} (${n.code})` }))}
            value={successor}
            onChange={setSuccessor}
            comboboxProps={{ withinPortal: true }}
          />
          {successor && (
            <Select
              label={t('organisations.successionKind')}
              allowDeselect={false}
              data={SuccessionKind.options.map((k) => ({ value: k, label: t(`organisations.succession.${k}`) }))}
              value={kind}
              onChange={(v) => v && setKind(v as SuccessionKind)}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <ErrorAlert error={deactivate.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeactivating(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={deactivate.isPending} onClick={() => deactivate.mutate()}>
              {t('organisations.deactivate')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {o.active === false && o.validTo && (
        <Alert mt="sm" color="gray">
          {t('organisations.inactiveSince', { date: fmtDate(o.validTo, i18n.language) })}
        </Alert>
      )}
    </Card>
  );
}
