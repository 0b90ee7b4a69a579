// Vietnamese-aware text helpers: NFC storage, diacritic folding (đ included), Vietnamese sorting.
const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Normalise to NFC and trim; every text stored passes through here. */
export function nfc(s: string): string {
  return s.normalize('NFC').trim();
}

export { fold } from '../../shared/text.js';

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

export function sortVi<T>(items: T[], key: (t: T) => string): T[] {
  return [...items].sort((x, y) => compareVi(key(x), key(y)));
}
