// Vietnamese-aware text helpers: NFC storage, diacritic folding (đ included), Vietnamese sorting.
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Normalise to NFC and trim; every text stored passes through here. */
export function nfc(s: string): string {
  return s.normalize('NFC').trim();
}

/** Lower-case, strip diacritics and map đ→d: "Đắk Lắk" → "dak lak". Matches SQL f_unaccent + lower. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

export function sortVi<T>(items: T[], key: (t: T) => string): T[] {
  return [...items].sort((x, y) => compareVi(key(x), key(y)));
}
