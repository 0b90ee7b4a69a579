// A searchable select of library products, searched on the server (title, description, file text; diacritics
// optional), optionally of one kind; labelled with the main title and the id.
import { useState } from 'react';
import { Select, type ComboboxItem, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../shared/contracts/library';
import { useProductSearch } from './api';

/** The server already searched: show what it found. */
const serverFiltered: OptionsFilter<string> = ({ options }) => options;

export const productLabel = (p: Pick<Product, 'id' | 'texts'>) => `${p.texts[0]?.title ?? ''} (#${p.id})`;

interface Props {
  label: string;
  description?: string;
  value: number | null;
  /** The label of the current value (from the product being edited), so it shows before any search. */
  initialLabel?: string | null;
  onChange(id: number | null, label: string | null): void;
  error?: string;
  kind?: string;
  excludeId?: number | null;
  required?: boolean;
  testId?: string;
}

export function ProductPicker({ label, description, value, initialLabel, onChange, error, kind, excludeId, required, testId }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<ComboboxItem | null>(
    value !== null && initialLabel ? { value: String(value), label: initialLabel } : null,
  );
  const [debounced] = useDebouncedValue(search, 250);
  // Once a product is picked the box shows its label: list the newest again rather than search for the label.
  const results = useProductSearch(picked && debounced === picked.label ? '' : debounced, kind);
  const options = (results.data?.items ?? [])
    .filter((p) => p.id !== excludeId)
    .map((p) => ({ value: String(p.id), label: productLabel(p) }));
  const data = picked && value !== null && !options.some((o) => o.value === picked.value) ? [picked, ...options] : options;
  return (
    <Select
      label={label}
      description={description}
      placeholder={t('library.form.pickerPlaceholder')}
      required={required}
      searchable
      clearable
      filter={serverFiltered}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={results.isFetching ? t('common.loading') : t('common.nothingFound')}
      data={data}
      value={value === null ? null : String(value)}
      error={error}
      data-testid={testId}
      onChange={(v, option) => {
        setPicked(v && option ? option : null);
        onChange(v ? Number(v) : null, v && option ? option.label : null);
      }}
    />
  );
}
