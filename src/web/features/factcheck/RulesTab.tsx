// Rules tab: the on-topic rules the office can read (everyone) and edit (reviewers and admins), and a "test a text"
// box giving the verdict an incoming item with that text would get (the server's own judgement, with its why). How they
// decide: factcheck.topic.ts on the server, told to the office in factcheck.rules.help.
import { useState } from 'react';
import { ActionIcon, Button, Card, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TOPIC_RULE_KINDS, type TopicRule, type TopicVerdict } from '../../../shared/contracts/factcheck';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, fieldErrorsOf, post, put } from '../../lib/api';
import { useLabels } from '../../lib/labels';
import { isReviewer, topicLabels, useRules } from './api';
import { Head, OnTopicBadge, TopicWhyView, useFcMutation, WriteError } from './parts';
import { ScrollTable } from '../../components/ScrollTable';

type Draft = { kind: string; phrase: string; language: string; topic: string; accents: boolean };
const blank: Draft = { kind: 'subject', phrase: '', language: 'vi', topic: '', accents: false };
const body = (d: Draft) => ({ kind: d.kind, phrase: d.phrase, language: d.language, topic: d.topic.trim() || null, accents: d.accents });

export function RulesTab() {
  const { t } = useTranslation();
  const L = useLabels();
  const { me } = useAuth();
  const rules = useRules();
  const canEdit = isReviewer(me);
  const [editing, setEditing] = useState<number | null>(null);
  const del = useFcMutation((id: number) => api('DELETE', `/api/factcheck/topic-rules/${id}`));
  return (
    <Stack>
      <Text size="sm">{t('factcheck.rules.help')}</Text>
      <TestText />
      {!canEdit && (
        <Text size="sm" data-testid="rules-read-only">
          {t('factcheck.rules.readOnly')}
        </Text>
      )}
      <ErrorAlert error={rules.error} />
      <WriteError error={del.m.error} />
      <ScrollTable striped withTableBorder data-testid="rules-table">
        <Head
          cols={[
            'rules.id',
            'rules.kind',
            'rules.phrase',
            'rules.accents',
            'rules.language',
            'rules.topic',
            ...(canEdit ? ['rules.actions'] : []),
          ]}
        />
        <Table.Tbody>
          {(rules.data ?? []).map((r) =>
            editing === r.id ? (
              <RuleRow key={r.id} rule={r} onDone={() => setEditing(null)} />
            ) : (
              <Table.Tr key={r.id} data-testid={`rule-${r.id}`}>
                <Table.Td>#{r.id}</Table.Td>
                <Table.Td>{t(`factcheck.rules.kinds.${r.kind}`)}</Table.Td>
                <Table.Td>{r.phrase}</Table.Td>
                <Table.Td>{r.accents ? t('factcheck.rules.accentsYes') : '—'}</Table.Td>
                <Table.Td>{L.language(r.language)}</Table.Td>
                <Table.Td>
                  {r.topic ? `${topicLabels([r.topic])}${topicLabels([r.topic]) !== r.topic ? ` (${r.topic})` : ''}` : '—'}
                </Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => setEditing(r.id)}
                        aria-label={t('factcheck.rules.editRule', { phrase: r.phrase })}
                      >
                        {t('common.edit')}
                      </Button>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('factcheck.rules.deleteRule', { phrase: r.phrase })}
                        onClick={() => {
                          if (window.confirm(t('factcheck.rules.confirmDelete', { phrase: r.phrase }))) del.m.mutate(r.id);
                        }}
                      >
                        ✕
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ),
          )}
          {canEdit && <RuleRow rule={null} onDone={() => undefined} />}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

/** One rule being edited (or the new rule's row at the foot of the table). */
function RuleRow({ rule, onDone }: { rule: TopicRule | null; onDone(): void }) {
  const { t } = useTranslation();
  const L = useLabels();
  const [v, setV] = useState<Draft>(
    rule ? { kind: rule.kind, phrase: rule.phrase, language: rule.language, topic: rule.topic ?? '', accents: rule.accents } : blank,
  );
  const save = useFcMutation(
    () =>
      rule ? put<TopicRule>(`/api/factcheck/topic-rules/${rule.id}`, body(v)) : post<TopicRule>('/api/factcheck/topic-rules', body(v)),
    () => {
      if (!rule) setV(blank);
      onDone();
    },
  );
  const p = rule ? `rule-${rule.id}` : 'rule-new';
  return (
    <Table.Tr data-testid={p}>
      <Table.Td>{rule ? `#${rule.id}` : t('factcheck.rules.newRule')}</Table.Td>
      <Table.Td>
        <NativeSelect
          aria-label={t('factcheck.rules.kind')}
          value={v.kind}
          onChange={(e) => setV({ ...v, kind: e.currentTarget.value })}
          error={save.err('kind')}
          data={TOPIC_RULE_KINDS.map((k) => ({ value: k, label: t(`factcheck.rules.kinds.${k}`) }))}
          data-testid={`${p}-kind`}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={t('factcheck.rules.phrase')}
          value={v.phrase}
          onChange={(e) => setV({ ...v, phrase: e.currentTarget.value })}
          error={save.err('phrase')}
          data-testid={`${p}-phrase`}
        />
      </Table.Td>
      <Table.Td>
        <Checkbox
          aria-label={t('factcheck.rules.accents')}
          checked={v.accents}
          onChange={(e) => setV({ ...v, accents: e.currentTarget.checked })}
          data-testid={`${p}-accents`}
        />
      </Table.Td>
      <Table.Td>
        <NativeSelect
          aria-label={t('factcheck.rules.language')}
          value={v.language}
          onChange={(e) => setV({ ...v, language: e.currentTarget.value })}
          error={save.err('language')}
          data={[
            { value: 'vi', label: L.language('vi') },
            { value: 'en', label: L.language('en') },
          ]}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={t('factcheck.rules.topic')}
          value={v.topic}
          onChange={(e) => setV({ ...v, topic: e.currentTarget.value })}
          error={save.err('topic')}
          data-testid={`${p}-topic`}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-sm" onClick={() => save.m.mutate()} loading={save.m.isPending} data-testid={`${p}-save`}>
            {rule ? t('common.save') : t('factcheck.rules.add')}
          </Button>
          {rule && (
            <Button size="compact-sm" variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
        <WriteError error={save.m.error} shown={['kind', 'phrase', 'language', 'topic', 'accents']} />
      </Table.Td>
    </Table.Tr>
  );
}

function TestText() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  // A read, not a write: nothing to refresh afterwards.
  const test = useMutation({ mutationFn: () => post<TopicVerdict>('/api/factcheck/topic-rules/test', { text }) });
  const run = { m: test, err: (k: string) => fieldErrorsOf(test.error)[k] };
  const v = run.m.data;
  return (
    <Card withBorder component="section" aria-labelledby="fc-test-title" data-testid="rules-test">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          run.m.mutate();
        }}
      >
        <Stack gap="xs">
          <Title order={2} size="h5" id="fc-test-title">
            {t('factcheck.rules.testTitle')}
          </Title>
          <Textarea
            label={t('factcheck.rules.testText')}
            autosize
            minRows={2}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              run.m.reset();
            }}
            error={run.err('text')}
            data-testid="rules-test-text"
          />
          <Group>
            <Button type="submit" variant="light" loading={run.m.isPending} data-testid="rules-test-run">
              {t('factcheck.rules.testRun')}
            </Button>
          </Group>
          <WriteError error={run.m.error} shown={['text']} />
          {v && (
            <Stack gap={4} role="status" data-testid="rules-verdict">
              <Group>
                <Text size="sm" fw={600}>
                  {t('factcheck.rules.verdict')}:
                </Text>
                <OnTopicBadge value={v.onTopic} />
              </Group>
              <Text size="sm">
                {t('factcheck.items.topics')}: {topicLabels(v.topics) || '—'}
              </Text>
              <TopicWhyView why={v.why} />
            </Stack>
          )}
        </Stack>
      </form>
    </Card>
  );
}
