// A day typed as Vietnamese readers write it (dd/mm/yyyy), whatever the browser's locale: the field shows
// "31/12/2026" and hands the form the ISO day the API expects ("2026-12-31"). DateTimeField does the same for a
// moment in Viet Nam time ("31/12/2026 14:05" ↔ "2026-12-31T14:05"). A text that is not a real day is named under
// the field when the user leaves it, and reaches the form as typed so a save is refused, never silently emptied.
// onChange gets an event-like { currentTarget: { value } } so either drops in for a TextInput.
import { TextInput, type TextInputProps } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtDate, isoToDmy, parseDmy, parseDmyTime, wallToDmy } from '../lib/format';

type Props = Omit<TextInputProps, 'type' | 'value' | 'onChange' | 'min' | 'max' | 'label'> & {
  label: ReactNode;
  /** DateField: ISO day (YYYY-MM-DD) or ''. DateTimeField: Viet Nam wall-clock value (YYYY-MM-DDTHH:mm) or ''. */
  value: string;
  onChange: (e: { currentTarget: { value: string } }) => void;
  /** Earliest and latest ISO day accepted. */
  min?: string;
  max?: string;
};

export const DateField = (props: Props) => <DayField {...props} withTime={false} />;
export const DateTimeField = (props: Props) => <DayField {...props} withTime />;

function DayField({ value, onChange, min, max, label, error, onBlur, withTime, description, ...rest }: Props & { withTime: boolean }) {
  const { t, i18n } = useTranslation();
  const parse = withTime ? parseDmyTime : parseDmy;
  const show = withTime ? wallToDmy : isoToDmy;
  const [text, setText] = useState(() => show(value));
  const [problem, setProblem] = useState<string | null>(null);

  // The form changed the value itself (a reset, a pick elsewhere): show it.
  useEffect(() => {
    setText((cur) => (parse(cur) === value || (cur.trim() === '' && value === '') || cur === value ? cur : show(value)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const name = typeof label === 'string' ? label : '';
  const check = (s: string): { v: string | null; msg: string | null } => {
    if (s.trim() === '') return { v: '', msg: null };
    const v = parse(s);
    if (!v) return { v: null, msg: t(withTime ? 'dateField.invalidTime' : 'dateField.invalid', { label: name, text: s.trim() }) };
    const day = v.slice(0, 10);
    if (min && day < min) return { v, msg: t('dateField.before', { label: name, min: fmtDate(min, i18n.language) }) };
    if (max && day > max) return { v, msg: t('dateField.after', { label: name, max: fmtDate(max, i18n.language) }) };
    return { v, msg: null };
  };

  return (
    <TextInput
      {...rest}
      label={label}
      description={description ?? (withTime ? t('dateField.vnTime') : undefined)}
      value={text}
      placeholder={t(withTime ? 'dateField.placeholderTime' : 'dateField.placeholder')}
      autoComplete="off"
      error={problem ?? error}
      onChange={(e) => {
        const s = e.currentTarget.value;
        setText(s);
        const { v, msg } = check(s);
        if (v !== null) onChange({ currentTarget: { value: v } });
        if (!msg) setProblem(null);
      }}
      onBlur={(e) => {
        const { v, msg } = check(text);
        setProblem(msg);
        if (v === null) onChange({ currentTarget: { value: text.trim() } });
        else if (!msg) setText(show(v));
        onBlur?.(e);
      }}
    />
  );
}
