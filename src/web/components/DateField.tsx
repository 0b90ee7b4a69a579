// A day typed as Vietnamese readers write it (dd/mm/yyyy), whatever the browser's locale: the field shows
// "31/12/2026" and hands the form the ISO day the API expects ("2026-12-31"). A text that is not a real day is
// named under the field when the user leaves it, and reaches the form as typed so a save is refused, never
// silently emptied. onChange gets an event-like { currentTarget: { value } } so it drops in for a TextInput.
import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtDate, isoToDmy, parseDmy } from '../lib/format';

type Props = Omit<TextInputProps, 'type' | 'value' | 'onChange' | 'min' | 'max' | 'label'> & {
  label: ReactNode;
  /** ISO day (YYYY-MM-DD) or ''. */
  value: string;
  onChange: (e: { currentTarget: { value: string } }) => void;
  /** Earliest and latest ISO day accepted. */
  min?: string;
  max?: string;
};

export function DateField({ value, onChange, min, max, label, error, onBlur, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(() => isoToDmy(value));
  const [problem, setProblem] = useState<string | null>(null);

  // The form changed the value itself (a reset, a pick elsewhere): show it.
  useEffect(() => {
    setText((cur) => (parseDmy(cur) === value || (cur.trim() === '' && value === '') || cur === value ? cur : isoToDmy(value)));
  }, [value]);

  const name = typeof label === 'string' ? label : t('dateField.placeholder');
  const check = (s: string): { iso: string | null; msg: string | null } => {
    if (s.trim() === '') return { iso: '', msg: null };
    const iso = parseDmy(s);
    if (!iso) return { iso: null, msg: t('dateField.invalid', { label: name, text: s.trim() }) };
    if (min && iso < min) return { iso, msg: t('dateField.before', { label: name, min: fmtDate(min, i18n.language) }) };
    if (max && iso > max) return { iso, msg: t('dateField.after', { label: name, max: fmtDate(max, i18n.language) }) };
    return { iso, msg: null };
  };

  return (
    <TextInput
      {...rest}
      label={label}
      value={text}
      placeholder={t('dateField.placeholder')}
      autoComplete="off"
      error={problem ?? error}
      onChange={(e) => {
        const s = e.currentTarget.value;
        setText(s);
        const { iso, msg } = check(s);
        if (iso !== null) onChange({ currentTarget: { value: iso } });
        if (!msg) setProblem(null);
      }}
      onBlur={(e) => {
        const { iso, msg } = check(text);
        setProblem(msg);
        if (iso === null) onChange({ currentTarget: { value: text.trim() } });
        else if (!msg) setText(isoToDmy(iso));
        onBlur?.(e);
      }}
    />
  );
}
