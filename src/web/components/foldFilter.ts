import type { ComboboxItem, ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { fold } from '../../shared/text';

/** Diacritic-insensitive option filter for searchable selects ("ha noi" finds "Hà Nội"). */
export const foldFilter: OptionsFilter<string> = ({ options, search, limit }) => {
  const q = fold(search);
  const out: ComboboxParsedItem<string>[] = [];
  for (const o of options) {
    if (out.length >= limit) break;
    if ('group' in o) {
      const items = o.items.filter((i: ComboboxItem<string>) => fold(i.label).includes(q));
      if (items.length) out.push({ ...o, items });
    } else if (fold((o as ComboboxItem<string>).label).includes(q)) out.push(o);
  }
  return out;
};
