// The colour scale of every province map (workspace ECharts map, portal SVG): five classes, one palette, one
// number format. Shared by the server and the workspace; no dependencies.
//
// Palette: one blue→indigo ramp whose lightness falls steadily (CIE L* 56, 47, 37, 27, 16), so the order of the
// classes survives every kind of colour blindness and greyscale printing. Every class has a contrast of at least
// 3:1 with white (WCAG 1.4.11), so the white province borders stay visible. "No data" is a light neutral grey,
// lighter than every class, so it never reads as a low value. A count of zero is a gap, not a low value: it has a
// class of its own in amber, outside the ramp (3:1 with white too), so "nothing recorded here" stands out on
// every count map (exhibitions per province: the T3 gap) and never looks like "no data".

export type MapUnit = 'percent' | 'count';
export type MapLang = 'vi' | 'en';

export interface MapClass {
  /** Lower bound, inclusive. */
  from: number;
  /** Upper bound: exclusive, except for the last class, which also takes `to` and everything above. */
  to: number;
  colour: string;
  /** "0–20 %" (vi) / "0–20%" (en); counts "1.000–2.000" (vi) / "1,000–2,000" (en). */
  label: string;
}

export const MAP_PALETTE = ['#3d8fbf', '#2f72ad', '#2b5799', '#283b80', '#1d1f5c'] as const;
export const NO_DATA_COLOUR = '#b5b5b5';
/** The class of a count of exactly zero (amber, 4.9:1 with white; the venues' dots are orange, the ramp blue). */
export const ZERO_COLOUR = '#a16207';
export const NO_DATA_LABEL: Record<MapLang, string> = { vi: 'Không có số liệu', en: 'No data' };

/** 1, 2, 2.5, 5 or 10 × 10^k, the smallest such number ≥ x (at least 1: counts are whole). */
function niceStep(x: number): number {
  if (!(x > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x - 1e-9) return Number.isInteger(m * p) ? m * p : Math.ceil(m * p);
  return 10 * p;
}

/**
 * The classes of a map. Percent: 0–20, 20–40, 40–60, 60–80, 80–100. Count: a class of its own for 0, then five
 * whole-number classes of equal width (1, 2, 2.5 or 5 × 10^k) that reach `max`, labelled as whole numbers that do
 * not overlap: "0", "1–20", "21–40", … (width 1: "1", "2", …; without `max`, or with max ≤ 5: width 1).
 * `lang` only changes the labels' number format (default Vietnamese).
 */
export function mapClasses(unit: MapUnit, max?: number, lang: MapLang = 'vi'): MapClass[] {
  if (unit === 'percent') {
    return MAP_PALETTE.map((colour, i) => {
      const range = `${formatNumber(i * 20, lang)}–${formatNumber((i + 1) * 20, lang)}`;
      return { from: i * 20, to: (i + 1) * 20, colour, label: percentSuffix(range, lang) };
    });
  }
  const step = niceStep((max ?? 0) / 5);
  const zero: MapClass = { from: 0, to: 1, colour: ZERO_COLOUR, label: formatNumber(0, lang) };
  return [
    zero,
    ...MAP_PALETTE.map((colour, i) => {
      const first = i * step + 1;
      const last = (i + 1) * step;
      const label = first === last ? formatNumber(first, lang) : `${formatNumber(first, lang)}–${formatNumber(last, lang)}`;
      return { from: first, to: last + 1, colour, label };
    }),
  ];
}

/** The class colour of a value (below the first class: the first; above the last: the last); null → NO_DATA_COLOUR. */
export function colourFor(value: number | null | undefined, classes: MapClass[]): string {
  if (value === null || value === undefined || !Number.isFinite(value) || classes.length === 0) return NO_DATA_COLOUR;
  const c = classes.find((k, i) => value < k.to || i === classes.length - 1)!;
  return c.colour;
}

/** Index of the class a value falls in, or -1 for no data (for a legend or a visualMap). */
export function classIndex(value: number | null | undefined, classes: MapClass[]): number {
  if (value === null || value === undefined || !Number.isFinite(value) || classes.length === 0) return -1;
  const i = classes.findIndex((k) => value < k.to);
  return i === -1 ? classes.length - 1 : i;
}

/**
 * "72,5 %" (vi) / "72.5%" (en); counts "1.234" / "1,234". At most one decimal, trailing zeros dropped.
 * A plain space before % in Vietnamese. null → "Không có số liệu" / "No data".
 */
export function formatValue(value: number | null | undefined, unit: MapUnit, lang: MapLang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA_LABEL[lang];
  const n = formatNumber(value, lang);
  return unit === 'percent' ? percentSuffix(n, lang) : n;
}

function percentSuffix(s: string, lang: MapLang): string {
  return lang === 'vi' ? `${s} %` : `${s}%`;
}

/** One decimal at most; vi: "." groups thousands and "," marks decimals; en the other way round. */
export function formatNumber(value: number, lang: MapLang): string {
  const rounded = Math.round(value * 10) / 10;
  const neg = rounded < 0;
  const [int, dec] = Math.abs(rounded).toFixed(1).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
  const out = dec === '0' ? grouped : `${grouped}${lang === 'vi' ? ',' : '.'}${dec}`;
  return neg ? `-${out}` : out;
}
