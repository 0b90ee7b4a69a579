// Pure helpers for the organisation tree: children index, client-side search and scope.
import type { Me, OrgKind, OrgTreeNode } from '../../../shared/contracts/directory';
import { fold } from '../../../shared/text';

export interface TreeIndex {
  byId: Map<number, OrgTreeNode>;
  children: Map<number | null, OrgTreeNode[]>;
}

export function indexTree(nodes: OrgTreeNode[]): TreeIndex {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<number | null, OrgTreeNode[]>();
  for (const n of nodes) {
    const parent = n.parentId !== null && byId.has(n.parentId) ? n.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(n);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.nameVi.localeCompare(b.nameVi, 'vi'));
  return { byId, children };
}

export function ancestors(idx: TreeIndex, id: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  let cur = idx.byId.get(id)?.parentId ?? null;
  while (cur !== null && idx.byId.has(cur) && !seen.has(cur)) {
    seen.add(cur);
    out.push(cur);
    cur = idx.byId.get(cur)!.parentId;
  }
  return out;
}

/** Nodes matching the search and kind, plus their ancestors; null when no filter is set. */
export function visibleIds(idx: TreeIndex, search: string, kind: OrgKind | null): Set<number> | null {
  const q = fold(search);
  if (!q && !kind) return null;
  const out = new Set<number>();
  for (const n of idx.byId.values()) {
    if (kind && n.kind !== kind) continue;
    if (q && !(fold(n.nameVi).includes(q) || fold(n.nameEn).includes(q) || fold(n.code).includes(q))) continue;
    out.add(n.id);
    for (const a of ancestors(idx, n.id)) out.add(a);
  }
  return out;
}

/** Whether the user may write this organisation: admins anywhere, editors in their own subtree. */
export function canWriteOrg(me: Me | null, idx: TreeIndex, orgId: number | null): boolean {
  if (!me) return false;
  if (me.role === 'admin') return true;
  if (me.role !== 'editor' || me.organisationId === null || orgId === null) return false;
  return orgId === me.organisationId || ancestors(idx, orgId).includes(me.organisationId);
}

export function canCreateOrg(me: Me | null): boolean {
  return !!me && (me.role === 'admin' || (me.role === 'editor' && me.organisationId !== null));
}
