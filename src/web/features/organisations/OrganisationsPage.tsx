// Organisations: searchable tree on the left, the selected organisation on the right.
import { useMemo, useState } from 'react';
import { Button, Grid, Group, Loader, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS, type Organisation, type OrgKind } from '../../../shared/contracts/directory';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useOrgTree } from './api';
import { ImportPanel } from './ImportPanel';
import { OrgDetails } from './OrgDetails';
import { OrgForm } from './OrgForm';
import { OrgTree } from './OrgTree';
import { canCreateOrg, canWriteOrg, indexTree, visibleIds } from './tree';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('nav.organisations'));
  const tree = useOrgTree();
  const nodes = useMemo(() => tree.data ?? [], [tree.data]);
  const idx = useMemo(() => indexTree(nodes), [nodes]);
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<OrgKind | null>(null);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [form, setForm] = useState<{ open: boolean; org: Organisation | null }>({ open: false, org: null });
  const visible = useMemo(() => visibleIds(idx, search, kind), [idx, search, kind]);

  const toggle = (id: number) =>
    setExpanded((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const isAdmin = me?.role === 'admin';
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('nav.organisations')}</Title>
        {canCreateOrg(me) && (
          <Button onClick={() => setForm({ open: true, org: null })} data-testid="new-organisation">
            {t('organisations.new')}
          </Button>
        )}
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="org-tree-title">
            <Stack gap="sm">
              <Title order={3} size="h5" id="org-tree-title">
                {t('organisations.tree')}
              </Title>
              <Group grow align="flex-end">
                <TextInput
                  label={t('organisations.search')}
                  placeholder={t('organisations.searchPlaceholder')}
                  type="search"
                  value={search}
                  onChange={(e) => setSearch(e.currentTarget.value)}
                  data-testid="org-search"
                />
                <Select
                  label={t('organisations.filterKind')}
                  placeholder={t('organisations.allKinds')}
                  clearable
                  data={ORG_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
                  value={kind}
                  onChange={(v) => setKind((v as OrgKind | null) ?? null)}
                />
              </Group>
              {tree.isPending && <Loader aria-label={t('common.loading')} />}
              <ErrorAlert error={tree.error} />
              {tree.data && (
                <>
                  <Text size="xs" c="gray.7" aria-live="polite">
                    {visible
                      ? t('organisations.matches', { count: [...visible].length })
                      : t('organisations.total', { count: nodes.length })}
                  </Text>
                  <div style={{ maxHeight: '60vh', overflow: 'auto' }}>
                    <OrgTree
                      idx={idx}
                      visible={visible}
                      expanded={expanded}
                      onToggle={toggle}
                      selectedId={selectedId}
                      onSelect={setSelectedId}
                    />
                  </div>
                </>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            {selectedId !== null ? (
              <OrgDetails
                key={selectedId}
                id={selectedId}
                canWrite={canWriteOrg(me, idx, selectedId)}
                nodes={nodes}
                onEdit={(org) => setForm({ open: true, org })}
                onSelect={setSelectedId}
              />
            ) : (
              <Paper withBorder p="md">
                <Text c="dimmed">{t('organisations.selectHint')}</Text>
              </Paper>
            )}
            <ImportPanel canImport={isAdmin || me?.role === 'editor'} />
          </Stack>
        </Grid.Col>
      </Grid>
      <OrgForm
        opened={form.open}
        org={form.org}
        defaultParentId={form.org ? undefined : me?.role === 'editor' ? me.organisationId : selectedId}
        nodes={nodes}
        onClose={() => setForm({ open: false, org: null })}
        onSaved={(o) => {
          setForm({ open: false, org: null });
          setSelectedId(o.id);
        }}
      />
    </Stack>
  );
}
