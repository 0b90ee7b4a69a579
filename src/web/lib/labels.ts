// Labels, never codes, in the workspace: the one place pages turn a code into the reader's words (languages,
// audit actions and entities, periods, breakdown rows, target codes). The tables live in src/shared/labels.ts,
// which the server's reports use too; `useLabels` binds them to the interface language.
import { useTranslation } from 'react-i18next';
import {
  auditAction,
  auditEntity,
  auditVia,
  breakdownLabel,
  languageName,
  periodLabel,
  targetCode,
  targetSpecText,
  type Lang,
  type Words,
} from '../../shared/labels';

export { auditAction, auditEntity, auditVia, breakdownLabel, languageName, periodLabel, targetCode, targetSpecText };
export type { Lang, Words };

/** The label helpers in the interface language. */
export function useLabels() {
  const { i18n } = useTranslation();
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'vi';
  return {
    lang,
    language: (code: string | null | undefined) => languageName(code, lang),
    period: (period: string | null | undefined) => periodLabel(period, lang),
    target: targetCode,
    auditAction: (action: string) => auditAction(action, lang),
    auditEntity: (entity: string) => auditEntity(entity, lang),
    auditVia: (via: string) => auditVia(via, lang),
    breakdownRow: (breakdown: string, row: { key: string; label?: Partial<Words> | null }) =>
      breakdownLabel(breakdown, row.key, row.label)[lang],
  };
}
