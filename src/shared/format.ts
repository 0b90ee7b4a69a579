// One way to write dates, times and numbers, for the workspace (src/web/lib/format.ts) and the server
// (src/server/kernel/format.ts) alike.
// - Dates as Vietnamese readers write them: vi "07/12/2026", en "7 December 2026".
// - Times always in Viet Nam time and labelled: vi "07/12/2026, 14:05 (giờ Việt Nam)",
//   en "7 December 2026, 14:05 (Viet Nam time)".
// - Numbers grouped, one decimal separator per language: vi "12.345,6" / "89,9 %", en "12,345.6" / "89.9%".
// Intl formatters are costly to build: each is built once and kept. `lang` is 'vi' | 'en' or an i18n language
// ('en-GB' reads as English, anything else as Vietnamese).

export type FormatLang = 'vi' | 'en';
/** 'en…' → en; anything else (vi, vi-VN, undefined) → vi. */
export const formatLang = (l: string | null | undefined): FormatLang => (l && l.startsWith('en') ? 'en' : 'vi');

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const TIME_LABEL: Record<FormatLang, string> = { vi: 'giờ Việt Nam', en: 'Viet Nam time' };
export const DATE_PLACEHOLDER: Record<FormatLang, string> = { vi: 'dd/mm/yyyy', en: 'dd/mm/yyyy' };

/** English month names (dates and periods). */
export const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// Calendar parts of an instant in Viet Nam time (en-GB digits are plain ASCII).
const VN_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: VN_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

type Parts = { y: string; m: string; d: string; hh: string; mm: string };
const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day ("2026-12-07", kept as is) or an instant (ISO text, Date or epoch ms, read in Viet Nam time). */
export type DateInput = string | number | Date;

function parts(v: DateInput): Parts | null {
  if (typeof v === 'string') {
    const m = DAY_ONLY.exec(v);
    if (m) return { y: m[1]!, m: m[2]!, d: m[3]!, hh: '00', mm: '00' };
  }
  const date = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(date.getTime())) return null;
  const p: Record<string, string> = {};
  for (const x of VN_PARTS.formatToParts(date)) p[x.type] = x.value;
  return { y: p.year!, m: p.month!, d: p.day!, hh: p.hour === '24' ? '00' : p.hour!, mm: p.minute! };
}

const dayText = (p: Parts, lang: string) =>
  formatLang(lang) === 'vi' ? `${p.d}/${p.m}/${p.y}` : `${Number(p.d)} ${MONTHS_EN[Number(p.m) - 1]} ${p.y}`;

/** A day: vi "07/12/2026", en "7 December 2026"; '—' when there is none. Instants are read in Viet Nam time. */
export function fmtDate(v: DateInput | null | undefined, lang: string): string {
  const p = v === null || v === undefined || v === '' ? null : parts(v);
  return p ? dayText(p, lang) : '—';
}

/** A moment in Viet Nam time, labelled: vi "07/12/2026, 14:05 (giờ Việt Nam)", en "7 December 2026, 14:05 (Viet Nam time)".
 *  `label: false` leaves the label out where the column or sentence already says it. */
export function fmtDateTime(v: DateInput | null | undefined, lang: string, opts: { label?: boolean } = {}): string {
  const p = v === null || v === undefined || v === '' ? null : parts(v);
  if (!p) return '—';
  const s = `${dayText(p, lang)}, ${p.hh}:${p.mm}`;
  return opts.label === false ? s : `${s} (${TIME_LABEL[formatLang(lang)]})`;
}

/** A day `n` days after (before, when negative) the day `d` (YYYY-MM-DD). */
export function addDays(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** Today's calendar day in Viet Nam, YYYY-MM-DD. */
export function vnToday(now: Date = new Date()): string {
  const p = parts(now)!;
  return `${p.y}-${p.m}-${p.d}`;
}

const NUMBER: Record<FormatLang, Intl.NumberFormat[]> = {
  vi: [0, 1, 2, 3].map((d) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: d })),
  en: [0, 1, 2, 3].map((d) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: d })),
};

/** A number grouped the reader's way: vi "12.345" / "1,5", en "12,345" / "1.5"; at most `digits` decimals (default 0). */
export function fmtNumber(n: number | null | undefined, lang: string, digits: 0 | 1 | 2 | 3 = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const s = NUMBER[formatLang(lang)][digits]!.format(n);
  return s === '-0' ? '0' : s;
}

/** A share given as a fraction (0.899): vi "89,9 %", en "89.9%"; at most `digits` decimals (default 1). */
export function fmtPercent(fraction: number | null | undefined, lang: string, digits: 0 | 1 | 2 = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  const n = fmtNumber(fraction * 100, lang, digits);
  return formatLang(lang) === 'vi' ? `${n} %` : `${n}%`;
}

/** n out of d as a percentage ("—" when d is 0). */
export const fmtShare = (n: number, d: number, lang: string, digits: 0 | 1 | 2 = 1): string => (d ? fmtPercent(n / d, lang, digits) : '—');

/** The text a date field shows for an ISO day: "2026-12-31" → "31/12/2026" ('' stays ''; anything else is kept). */
export function isoToDmy(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = DAY_ONLY.exec(iso.slice(0, 10));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A typed day → ISO "YYYY-MM-DD", or null when it is not a real day. Reads d/m/yyyy with "/", "-" or "." between
 *  (one or two digits for day and month) and an ISO day as pasted from elsewhere. */
export function parseDmy(text: string): string | null {
  const s = text.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return null;
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > last) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A typed moment in Viet Nam time ("31/12/2026 14:05", also with a comma or "T" between, or "2026-12-31T14:05")
 *  → its wall-clock value "2026-12-31T14:05", or null when it is not a real day and time. */
export function parseDmyTime(text: string): string | null {
  const m = /^(.+?)(?:[ ,T]+)(\d{1,2})[:h](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const day = parseDmy(m[1]!);
  const [hh, mm] = [Number(m[2]), Number(m[3])];
  if (!day || hh > 23 || mm > 59) return null;
  return `${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}
/** The text a date-and-time field shows for a wall-clock value: "2026-12-31T14:05" → "31/12/2026 14:05". */
export function wallToDmy(v: string | null | undefined): string {
  if (!v) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(v);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : v;
}
/** Viet Nam wall-clock value ("2026-12-31T14:05") → ISO instant; '' → null. */
export function vnWallToIso(v: string): string | null {
  if (!v) return null;
  // Not a moment: handed on as typed, for the server to refuse beside the field.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return v;
  return new Date(`${v.slice(0, 16)}:00+07:00`).toISOString();
}
/** ISO instant → its Viet Nam wall-clock value ("2026-12-31T14:05"). */
export function isoToVnWall(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  return p ? `${p.y}-${p.m}-${p.d}T${p.hh}:${p.mm}` : '';
}
