// The organisation tree: nested lists of buttons (expand toggle + select), greyed when inactive.
import { ActionIcon, Badge, Box, Group, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrgTreeNode } from '../../../shared/contracts/directory';
import type { TreeIndex } from './tree';

interface Props {
  idx: TreeIndex;
  visible: Set<number> | null;
  expanded: Set<number>;
  onToggle(id: number): void;
  selectedId: number | null;
  onSelect(id: number): void;
}

export function orgLabel(n: { nameVi: string; nameEn: string | null }, lang: string): string {
  return lang === 'en' && n.nameEn ? n.nameEn : n.nameVi;
}

export function OrgTree(props: Props) {
  const { t } = useTranslation();
  const roots = (props.idx.children.get(null) ?? []).filter((n) => !props.visible || props.visible.has(n.id));
  if (roots.length === 0) {
    return (
      <Text c="dimmed" data-testid="org-tree-empty">
        {t('organisations.noMatch')}
      </Text>
    );
  }
  return (
    <Box component="ul" data-testid="org-tree" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {roots.map((n) => (
        <TreeItem key={n.id} node={n} depth={0} {...props} />
      ))}
    </Box>
  );
}

function TreeItem({ node, depth, ...p }: Props & { node: OrgTreeNode; depth: number }) {
  const { t, i18n } = useTranslation();
  const kids = (p.idx.children.get(node.id) ?? []).filter((n) => !p.visible || p.visible.has(n.id));
  // While searching, the path to every match is open.
  const open = kids.length > 0 && (p.visible !== null || p.expanded.has(node.id));
  const selected = p.selectedId === node.id;
  const label = orgLabel(node, i18n.language);
  return (
    <li data-testid={`org-node-${node.code}`} data-active={node.active}>
      <Group gap={4} wrap="nowrap" pl={depth * 18} style={{ minHeight: 32 }}>
        {kids.length > 0 ? (
          <ActionIcon
            variant="subtle"
            size="sm"
            color="gray"
            aria-expanded={open}
            aria-label={t(open ? 'organisations.collapse' : 'organisations.expand', { name: label })}
            onClick={() => p.onToggle(node.id)}
            disabled={p.visible !== null}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </ActionIcon>
        ) : (
          <Box w={22} />
        )}
        <UnstyledButton
          onClick={() => p.onSelect(node.id)}
          aria-pressed={selected}
          px={6}
          py={2}
          style={{
            borderRadius: 4,
            background: selected ? 'var(--mantine-color-blue-light)' : undefined,
            color: node.active ? undefined : 'var(--mantine-color-gray-7)',
            flex: 1,
          }}
        >
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={selected ? 600 : 400} td={node.active ? undefined : 'line-through'} lineClamp={1}>
              {label}
            </Text>
            <Text size="xs" c="gray.7">
              {node.code}
            </Text>
            {!node.active && (
              <Badge size="xs" color="gray" variant="outline">
                {t('organisations.inactive')}
              </Badge>
            )}
          </Group>
        </UnstyledButton>
      </Group>
      {open && (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {kids.map((k) => (
            <TreeItem key={k.id} node={k} depth={depth + 1} {...p} />
          ))}
        </ul>
      )}
    </li>
  );
}
