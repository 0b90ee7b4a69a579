// Small pieces shared by the fact-checking desk's tabs: badges (the symbol and the text carry the state, never colour
// alone), table heads, a mutation that refreshes the desk and the indicators, and field errors of the server.
import { Alert, Badge, List, Stack, Table, Text } from '@mantine/core';
import type { TopicWhy } from '../../../shared/contracts/factcheck';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../components/ErrorAlert';
import { fieldErrorsOf } from '../../lib/api';
import { BADGE_STYLES } from '../training/ReviewImport';

export { BADGE_STYLES };

const STATE_COLOURS: Record<string, string> = {
  new: 'gray',
  researching: 'blue',
  drafted: 'yellow',
  approved: 'teal',
  published: 'green',
  corrected: 'grape',
  withdrawn: 'red',
};
export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={STATE_COLOURS[state] ?? 'gray'} styles={BADGE_STYLES} data-testid="claim-state">
      {t(`factcheck.state.${state}`)}
    </Badge>
  );
}

const LINK_SYMBOL: Record<string, string> = { suggested: '?', auto: '⚙', confirmed: '✓', undone: '✕' };
export function LinkBadge({ status, count }: { status: string; count?: number }) {
  const { t } = useTranslation();
  const color = { suggested: 'orange', auto: 'blue', confirmed: 'green', undone: 'gray' }[status] ?? 'gray';
  return (
    <Badge variant="dot" color={color} styles={BADGE_STYLES} data-testid={`link-${status}`}>
      <span aria-hidden="true">{LINK_SYMBOL[status]} </span>
      {t(`factcheck.linkStatus.${status}`)}
      {count && count > 1 ? ` ×${count}` : ''}
    </Badge>
  );
}

export function OnTopicBadge({ value, by }: { value: string; by?: string }) {
  const { t } = useTranslation();
  const color = { yes: 'green', no: 'gray', unsure: 'orange' }[value] ?? 'gray';
  const sym = { yes: '✓', no: '–', unsure: '?' }[value] ?? '';
  return (
    <Badge variant="dot" color={color} styles={BADGE_STYLES} data-testid="on-topic">
      <span aria-hidden="true">{sym} </span>
      {t(`factcheck.onTopic.${value}`)}
      {by ? ` (${t(`factcheck.onTopicBy.${by}`)})` : ''}
    </Badge>
  );
}

export function Head({ cols }: { cols: string[] }) {
  const { t } = useTranslation();
  return (
    <Table.Thead>
      <Table.Tr>
        {cols.map((c) => (
          <Table.Th scope="col" key={c}>
            {t(`factcheck.${c}`)}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/** A write of the desk: on success every fact-checking query and the indicators are refreshed. */
export function useFcMutation<T, V = void>(fn: (v: V) => Promise<T>, onSaved?: (x: T) => void) {
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: fn,
    onSuccess: async (x) => {
      onSaved?.(x);
      await qc.invalidateQueries({ queryKey: ['factcheck'] });
      await qc.invalidateQueries({ queryKey: ['indicators'] });
    },
  });
  const errs = fieldErrorsOf(m.error);
  /** The server's message for these fields (beside the field), or undefined. */
  const err = (...keys: string[]) =>
    keys
      .map((k) => errs[k])
      .filter(Boolean)
      .join('; ') || undefined;
  return { m, err, errs };
}

/** The server's refusal (code + message), with the field messages the form does not place beside a field. */
export function WriteError({ error, shown = [] }: { error: unknown; shown?: string[] }) {
  const message = useErrorMessage();
  if (!error) return null;
  const other = Object.entries(fieldErrorsOf(error)).filter(([k]) => !shown.includes(k));
  const all = Object.keys(fieldErrorsOf(error));
  if (all.length > 0 && other.length === 0) return null;
  return (
    <Alert color="red" role="alert" data-testid="write-error">
      {message(error)}
      {other.map(([k, m]) => (
        <div key={k}>
          {k}: {m}
        </div>
      ))}
    </Alert>
  );
}

/** Why the on-topic rules decided: the rule of the decision list that applied, then each phrase found (its kind, the
 *  words as they stand in the text; a masked match or a rule kept with its accents said in words). */
export function TopicWhyView({ why, by }: { why: TopicWhy | null; by?: string }) {
  const { t } = useTranslation();
  if (by === 'person')
    return (
      <Text size="sm" data-testid="topic-why">
        {t('factcheck.why.person')}
      </Text>
    );
  if (!why)
    return (
      <Text size="sm" data-testid="topic-why">
        {t('factcheck.why.none')}
      </Text>
    );
  return (
    <Stack gap={2} data-testid="topic-why">
      <Text size="sm">
        <strong>{t('factcheck.why.title')}:</strong> {t(`factcheck.why.reasons.${why.reason}`)}
      </Text>
      {why.terms.length > 0 && (
        <List size="sm" spacing={0}>
          {why.terms.map((x, n) => (
            <List.Item key={n} data-testid={`why-term-${x.ruleId}`}>
              #{x.ruleId} {t(`factcheck.rules.kinds.${x.kind}`)} “{x.phrase}” — {t('factcheck.why.found', { found: x.found })}
              {x.accents ? ` (${t('factcheck.why.accents')})` : ''}
              {x.masked ? ` — ${t('factcheck.why.masked')}` : ''}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
