// The press workspace's Excel imports (spokespersons, press items): a button beside "new" that opens the shared
// import panel (template with a notes sheet, all-or-nothing upload with its live figure, every bad row and column).
import { useState } from 'react';
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ImportPanel } from '../organisations/ImportPanel';
import { pressKeys } from './api';

export function usePressImport(kind: 'spokespersons' | 'items', canImport: boolean) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const paths = { template: `/api/press/${kind}/import-template.xlsx`, import: `/api/press/${kind}/import` };
  return {
    button: canImport ? (
      <Button variant="default" onClick={() => setOpen((v) => !v)} aria-expanded={open} data-testid={`press-import-${kind}`}>
        {kind === 'items' ? t('press.items.import') : t('press.spokes.import')}
      </Button>
    ) : null,
    panel: open ? <ImportPanel canImport={canImport} paths={paths} invalidate={pressKeys.all} /> : null,
  };
}
