// The figure of a long transfer in words (progress.* of the locale files): an upload's percentage, the server's
// work (rows read, matched, written, when the server says: GET /api/progress/:id), the rows it processed; a download's
// bytes received. Pure, so it is tested without a browser.
import { fmtNumber } from './format';

export type TransferPhase = 'upload' | 'processing' | 'download' | 'done';

export interface Transfer {
  phase: TransferPhase;
  /** Bytes sent (upload) or received (download) so far. */
  loaded: number;
  /** The whole size in bytes, when known. */
  total: number | null;
  /** Rows the server read (an import's answer), when it says. */
  rows?: number | null;
  /** While the server works: its stage and rows done of the rows in all (null while not known), when it says. */
  work?: { stage: 'read' | 'match' | 'write'; done: number; total: number | null } | null;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

const numberFormat = (locale: string, digits: number) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** "1,2 MB" (vi) / "1.2 MB" (en): B and kB whole, MB and GB with one decimal. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${numberFormat(locale, u >= 2 ? 1 : 0).format(v)} ${units[u]}`;
}

/** "45 %" (vi) / "45%" (en). */
export function formatPercent(fraction: number, locale: string): string {
  const n = numberFormat(locale, 0).format(Math.floor(Math.min(1, Math.max(0, fraction)) * 100));
  return locale === 'en' ? `${n}%` : `${n} %`;
}

/** The share done (0–1) of a transfer whose size is known; null while the size is unknown or the server works. */
export function transferFraction(p: Transfer): number | null {
  if (p.phase === 'done') return 1;
  if (p.phase === 'processing') return p.work?.total ? Math.min(1, p.work.done / p.work.total) : null;
  if (!p.total) return null;
  return Math.min(1, p.loaded / p.total);
}

/** The figure a person reads for a transfer, in the interface's language. */
export function transferText(p: Transfer, t: Translate, locale: string): string {
  const loaded = formatBytes(p.loaded, locale);
  const total = p.total ? formatBytes(p.total, locale) : null;
  const fraction = transferFraction(p);
  const percent = fraction === null ? '' : formatPercent(fraction, locale);
  const rows = p.rows == null ? null : numberFormat(locale, 0).format(p.rows);
  switch (p.phase) {
    case 'upload':
      return total ? t('progress.uploading', { percent, loaded, total }) : t('progress.uploadingBytes', { loaded });
    case 'processing':
      return p.work ? workText(p.work, t, locale) : t('progress.processing', { size: formatBytes(p.total ?? p.loaded, locale) });
    case 'download':
      if (p.loaded === 0) return t('progress.preparing');
      return total ? t('progress.downloadingOf', { loaded, total, percent }) : t('progress.downloading', { loaded });
    case 'done':
      return rows !== null ? t('progress.rowsDone', { rows, count: p.rows ?? 0 }) : t('progress.downloaded', { loaded });
  }
}

/** "Đã đọc 12.000 / 50.000 dòng" / "Read 12,000 of 50,000 rows": the server's stage and rows. */
function workText(w: NonNullable<Transfer['work']>, t: Translate, locale: string): string {
  const done = fmtNumber(w.done, locale);
  if (w.total === null) {
    const o = { done, count: w.done };
    if (w.stage === 'read') return t('progress.read', o);
    if (w.stage === 'match') return t('progress.matched', o);
    return t('progress.written', o);
  }
  const o = { done, total: fmtNumber(w.total, locale), count: w.total };
  if (w.stage === 'read') return t('progress.readOf', o);
  if (w.stage === 'match') return t('progress.matchedOf', o);
  return t('progress.writtenOf', o);
}
