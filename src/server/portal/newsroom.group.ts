/**
 * Translations grouped: the newsroom lists a press item once with its translations beside it, under the title in
 * the reader's language when a translation in that language is listed (an English reader sees the English title of a
 * Vietnamese release, linked to the English text).
 */
import type { NewsItem } from '../modules/press/press.public.js';
import { langTag } from './newsroom.text.js';
import type { Lang } from './programme.js';

export interface Translation {
  id: number;
  language: string;
  title: string;
  translationGroupId: string;
}

export interface NewsEntry {
  /** The item listed (its facts and summary): the one whose title is shown when it is on the page. */
  item: NewsItem;
  /** The title shown: the translation in the reader's language when there is one, else the item's own. */
  title: { id: number; language: string; text: string };
  /** The other listed texts of the group (the item itself included when the title is another's). */
  others: { id: number; language: string; title: string }[];
}

/** Items in list order, one entry per translation group (the first of a group on the page stands for it). */
export function groupTranslations(items: NewsItem[], translations: Translation[], lang: Lang): NewsEntry[] {
  const out: NewsEntry[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const g = item.translationGroupId;
    if (seen.has(g)) continue;
    seen.add(g);
    const group = new Map<number, { id: number; language: string; title: string }>();
    group.set(item.id, { id: item.id, language: item.language, title: item.title });
    for (const x of items) if (x.translationGroupId === g) group.set(x.id, { id: x.id, language: x.language, title: x.title });
    for (const x of translations) if (x.translationGroupId === g) group.set(x.id, { id: x.id, language: x.language, title: x.title });
    const own = langTag(item.language) === lang ? item : [...group.values()].find((x) => langTag(x.language) === lang);
    const shown = own ?? item;
    out.push({
      // The facts and summary of the text whose title is shown, when it is on the page.
      item: items.find((x) => x.id === shown.id) ?? item,
      title: { id: shown.id, language: shown.language, text: shown.title },
      others: [...group.values()].filter((x) => x.id !== shown.id),
    });
  }
  return out;
}
