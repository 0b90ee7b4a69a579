// Search fields of library products, recomputed from the rows on every write that changes what is searched
// (texts, files' extracted text). The search itself (ranking, phrases, facets) lives here too.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../kernel/db.js';
import { fold, nfc } from '../../kernel/text.js';
import { libraryFiles, libraryProductTexts, libraryProducts } from './library.tables.js';

/** Recompute search_text (folded), search_exact (lower case, diacritics kept) and sort_key of one product. Call it
 *  inside the writing transaction after its texts or files changed. */
export async function refreshProductSearch(db: Db, productId: number): Promise<void> {
  const texts = await db.select().from(libraryProductTexts).where(eq(libraryProductTexts.productId, productId)).orderBy(asc(libraryProductTexts.position));
  const files = await db.select({ t: libraryFiles.extractedText }).from(libraryFiles).where(eq(libraryFiles.productId, productId));
  const all = [...texts.flatMap((t) => [t.title, t.description ?? '']), ...files.map((f) => f.t ?? '')].filter(Boolean).join(' \n ');
  const exact = nfc(all).toLocaleLowerCase('vi');
  await db.update(libraryProducts).set({ searchText: fold(all), searchExact: exact, sortKey: sortKeyVi(texts[0]?.title ?? '') }).where(eq(libraryProducts.id, productId));
}

/** A sort key that orders Vietnamese titles as a Vietnamese reader expects (base letters a ă â b c d đ e ê …, then
 *  tones), stored because PGlite has no Vietnamese collation. */
export function sortKeyVi(title: string): string {
  const ORDER = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
  const TONES: Record<string, string> = { '\u0300': '2', '\u0309': '3', '\u0303': '4', '\u0301': '5', '\u0323': '6' }; // huyền hỏi ngã sắc nặng
  const base = nfc(title).toLocaleLowerCase('vi');
  let letters = '', tones = '';
  for (const ch of base) {
    const d = ch.normalize('NFD');
    let letter = d[0]!;
    let tone = '1';
    for (const mark of d.slice(1)) {
      if (TONES[mark]) tone = TONES[mark]!;
      else letter = (letter + mark).normalize('NFC'); // ă â ê ô ơ ư keep their vowel marks
    }
    const i = ORDER.indexOf(letter);
    letters += i >= 0 ? String.fromCharCode(0x41 + i) : /[0-9]/.test(letter) ? letter : letter === ' ' ? ' ' : '';
    if (i >= 0) tones += tone;
  }
  return `${letters.replace(/\s+/g, ' ').trim()}|${tones}`.slice(0, 400);
}
