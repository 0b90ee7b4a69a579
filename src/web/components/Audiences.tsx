// The decision's six audience groups (programme.md; the list and labels of the library, `library.audiences.N`):
// a checkbox picker for the forms (press items, courses, recommendation actions) and small badges for lists and pages.
import { Badge, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AUDIENCES } from '../../shared/contracts/library';

/** The server's message for the audiences field or one of its entries (`audiences.2`). */
export function audienceError(fieldErrors: Record<string, string>): string | undefined {
  const key = Object.keys(fieldErrors).find((k) => k === 'audiences' || k.startsWith('audiences.'));
  return key ? fieldErrors[key] : undefined;
}

export function AudiencePicker({
  value,
  onChange,
  label,
  error,
  testId,
}: {
  value: number[];
  onChange(v: number[]): void;
  label?: string;
  error?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  // Checkboxes, one per line, like the library's form: the labels are long and a chip does not wrap (a phone's dialog
  // would scroll sideways).
  return (
    <Checkbox.Group
      label={label ?? t('library.fields.audiences')}
      error={error}
      data-testid={testId}
      value={value.map(String)}
      onChange={(x) => onChange(x.map(Number).sort((a, b) => a - b))}
    >
      <Stack gap={6} mt={6}>
        {AUDIENCES.map((a) => (
          <Checkbox key={a} value={String(a)} label={`${a}. ${t(`library.audiences.${a}`)}`} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** The audiences of a record as badges (number and label; in a table's cell, `compact`: the number, the label on
 *  hover); a dash when none. */
export function AudienceBadges({ value, compact, testId }: { value: readonly number[]; compact?: boolean; testId?: string }) {
  const { t } = useTranslation();
  if (!value.length)
    return (
      <Text span size="sm" c="dimmed" data-testid={testId}>
        —
      </Text>
    );
  return (
    <Group gap={4} data-testid={testId}>
      {value.map((a) => (
        <Badge key={a} size="sm" variant="light" title={t(`library.audiences.${a}`)}>
          {compact ? a : `${a}. ${t(`library.audiences.${a}`)}`}
        </Badge>
      ))}
    </Group>
  );
}
