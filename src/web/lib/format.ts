// The workspace's one helper for dates, times and numbers (the rules live in src/shared/format.ts, shared with the
// server's portal and reports). Pass i18n.language as `lang`.
export {
  DATE_PLACEHOLDER,
  fmtDate,
  fmtDateTime,
  fmtNumber,
  fmtPercent,
  fmtShare,
  formatLang,
  isoToDmy,
  isoToVnWall,
  parseDmy,
  parseDmyTime,
  TIME_LABEL,
  vnToday,
  vnWallToIso,
  VN_TIME_ZONE,
  wallToDmy,
} from '../../shared/format';
export type { DateInput, FormatLang } from '../../shared/format';
