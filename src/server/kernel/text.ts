// Vietnamese-aware text helpers: NFC storage, diacritic folding (đ included), Vietnamese sorting.
import { fold } from '../../shared/text.js';
import { stripUnstorable } from './input.js';

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Normalise to NFC and trim; every text stored passes through here. Characters no text can hold (NUL, control
 *  characters but tab and line breaks, broken surrogates, non-characters) are dropped: input from people is refused
 *  with the field named before it gets here (kernel/input); this catches text that arrives by machine (feeds, pages). */
export function nfc(s: string): string {
  return stripUnstorable(s.normalize('NFC')).trim();
}

export { fold };

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

export function sortVi<T>(items: T[], key: (t: T) => string): T[] {
  return [...items].sort((x, y) => compareVi(key(x), key(y)));
}

/** The folded words of a search (diacritics and case removed, at most `max`), each for a LIKE on a folded column. */
export function foldedWords(q: string | null | undefined, max = 10): string[] {
  return fold(q).split(' ').filter(Boolean).slice(0, max);
}

/** A LIKE pattern "contains `word`" with %, _ and \ escaped. */
export function containsPattern(word: string): string {
  return `%${word.replace(/[%_\\]/g, (m) => '\\' + m)}%`;
}
