// The active organisations as options of a Select (name in the interface's language, code), for forms that pick one.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgTree } from './api';
import { orgLabel } from './OrgTree';

export function useOrgOptions() {
  const { i18n } = useTranslation();
  const tree = useOrgTree();
  return useMemo(
    () =>
      (tree.data ?? []).filter((n) => n.active).map((n) => ({ value: String(n.id), label: `${orgLabel(n, i18n.language)} (${n.code})` })),
    [tree.data, i18n.language],
  );
}
