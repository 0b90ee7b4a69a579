// The server's one helper for dates, times and numbers shown to people (portal pages, Word and Excel reports).
// The rules live in src/shared/format.ts, shared with the workspace.
export {
  fmtDate,
  fmtDateTime,
  fmtNumber,
  fmtPercent,
  fmtShare,
  formatLang,
  isoToDmy,
  parseDmy,
  TIME_LABEL,
  vnToday,
  VN_TIME_ZONE,
} from '../../shared/format.js';
export type { DateInput, FormatLang } from '../../shared/format.js';
