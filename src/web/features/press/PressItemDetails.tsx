// One press item: its content, its corrections, its other language versions and the lifecycle actions its
// status allows. A correction may change the title, summary and body (pre-filled) and always needs a note; the
// server keeps the replaced text. The server decides; refused transitions and 403s show the server's message.
import { AudienceBadges } from '../../components/Audiences';
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, List, Modal, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PressItem } from '../../../shared/contracts/press';
import { post } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LANGUAGES, actionsFor, fieldErrorsOf, localToIso, pressKeys, usePressTranslations } from './api';
import { PressAttachments } from './PressAttachments';
import { PressBodyEditor } from './PressBodyEditor';
import { RecordRecommendations } from '../recommendations/EvidencePicker';
import { fmtDateTime } from '../../lib/format';
import { DateTimeField } from '../../components/DateField';

type Action = ReturnType<typeof actionsFor>[number] | 'unlink-translation';

export const statusColor = (s: string) =>
  ({ draft: 'gray', scheduled: 'blue', published: 'green', corrected: 'teal', withdrawn: 'red' })[s] ?? 'gray';

const CORRECTION_FIELDS = ['title', 'summary', 'bodyHtml', 'note'];

interface Props {
  item: PressItem;
  canWrite: boolean;
  onClose(): void;
  onEdit(): void;
  /** Shows another item (a language version) in place of this one. */
  onOpen(id: number): void;
}

export function PressItemDetails({ item, canWrite, onClose, onEdit, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const translations = usePressTranslations(item.id);
  const [pending, setPending] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const [fix, setFix] = useState({ title: item.title, summary: item.summary ?? '', bodyHtml: item.bodyHtml });
  const act = useMutation({
    mutationFn: ({ action, body }: { action: Action; body?: unknown }) =>
      post<PressItem>(`/api/press/items/${item.id}/${action}`, body ?? {}),
    onSuccess: async () => {
      setPending(null);
      setText('');
      await qc.invalidateQueries({ queryKey: pressKeys.all });
    },
  });
  const fe = fieldErrorsOf(act.error);
  const fmt = (iso: string | null) => fmtDateTime(iso, i18n.language);
  const langName = (l: string) => (LANGUAGES.includes(l as (typeof LANGUAGES)[number]) ? t(`press.languages.${l}`) : l);
  const run = (action: Action) => {
    if (action === 'publish' || action === 'unschedule' || action === 'unlink-translation') act.mutate({ action });
    else {
      act.reset();
      setText('');
      if (action === 'correct') setFix({ title: item.title, summary: item.summary ?? '', bodyHtml: item.bodyHtml });
      setPending(action);
    }
  };
  const confirm = () => {
    if (!pending) return;
    const body =
      pending === 'schedule'
        ? { scheduledAt: localToIso(text) ?? '' }
        : pending === 'correct'
          ? { note: text, title: fix.title.trim(), summary: fix.summary.trim() === '' ? null : fix.summary.trim(), bodyHtml: fix.bodyHtml }
          : { reason: text };
    act.mutate({ action: pending, body });
  };
  const editable = item.status === 'draft' || item.status === 'scheduled';
  const otherErrors = Object.entries(fe).filter(([f]) => pending !== 'correct' || !CORRECTION_FIELDS.includes(f));

  return (
    <Modal opened onClose={onClose} title={item.title} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm" data-testid="press-item-details">
        <Group gap="xs">
          <Badge color={statusColor(item.status)} data-testid="press-item-status">
            {t(`press.statuses.${item.status}`)}
          </Badge>
          <Badge variant="light">{t(`press.kinds.${item.kind}`)}</Badge>
          <Badge variant="outline">{item.language}</Badge>
          {item.isDemo && (
            <Badge variant="light" color="yellow">
              {t('common.demo')}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          <b>{t('press.fields.organisation')}:</b> {item.organisationName}
        </Text>
        <Text size="sm">
          <b>{t('press.fields.publishedAt')}:</b> {fmt(item.publishedAt)} · <b>{t('press.fields.scheduledAt')}:</b> {fmt(item.scheduledAt)}{' '}
          · <b>{t('press.fields.heldAt')}:</b> {fmt(item.heldAt)}
        </Text>
        {item.topics.length > 0 && (
          <Text size="sm">
            <b>{t('press.fields.topics')}:</b> {item.topics.map((x) => (i18n.language === 'en' ? x.nameEn : x.nameVi)).join(', ')}
          </Text>
        )}
        <Group gap="xs" align="center">
          <Text size="sm" fw={700}>
            {t('library.fields.audiences')}:
          </Text>
          <AudienceBadges value={item.audiences} testId="press-item-audiences" />
        </Group>
        {item.summary && (
          <Text size="sm" fs="italic">
            {item.summary}
          </Text>
        )}
        {item.status === 'withdrawn' && (
          <Alert color="red" title={t('press.items.withdrawnTitle')}>
            {item.withdrawalReason}
          </Alert>
        )}
        {item.corrections.length > 0 && (
          <Alert color="teal" title={t('press.items.corrections')} data-testid="press-corrections">
            <List size="sm" spacing={4}>
              {item.corrections.map((c, n) => (
                <List.Item key={n}>
                  <b>{fmt(c.at)}</b> — {c.note}{' '}
                  <Text span size="sm" c="gray.7">
                    (
                    {c.changed === undefined
                      ? c.by
                      : c.changed.length
                        ? `${t('press.items.changed')}: ${c.changed.map((f) => t(`press.correctionFields.${f}`)).join(', ')} · ${c.by}`
                        : `${t('press.items.noTextChange')} · ${c.by}`}
                    )
                  </Text>
                  {c.previous?.title !== undefined && (
                    <Text size="sm">
                      {t('press.items.previousTitle')}: <q>{c.previous.title}</q>
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {/* The body was sanitised by the server when saved. */}
        <div
          dangerouslySetInnerHTML={{ __html: item.bodyHtml }}
          data-testid="press-item-body"
          style={{ borderTop: '1px solid var(--mantine-color-gray-3)', paddingTop: 8 }}
        />
        <PressAttachments item={item} canWrite={canWrite} />
        <RecordRecommendations recordType="press_item" recordId={item.id} />
        <Paper withBorder p="sm" component="section" aria-labelledby={`translations-h-${item.id}`} data-testid="press-translations">
          <Title order={3} size="h5" id={`translations-h-${item.id}`} mb={4}>
            {t('press.items.translations')}
          </Title>
          {translations.data && translations.data.length === 0 && (
            <Text size="sm" c="gray.7">
              {t('press.items.noTranslations')}
            </Text>
          )}
          {translations.data && translations.data.length > 0 && (
            <List size="sm" spacing={2}>
              {translations.data.map((x) => (
                <List.Item key={x.id}>
                  <Anchor
                    href={`/app/press?item=${x.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      onOpen(x.id);
                    }}
                    data-testid={`press-translation-${x.id}`}
                  >
                    {x.title}
                  </Anchor>{' '}
                  ({langName(x.language)}){' '}
                  <Badge size="xs" variant="light" color={statusColor(x.status)}>
                    {t(`press.statuses.${x.status}`)}
                  </Badge>
                </List.Item>
              ))}
            </List>
          )}
          {canWrite && editable && !pending && translations.data && translations.data.length > 0 && (
            <Group justify="flex-end" mt="xs">
              <Button
                size="xs"
                variant="default"
                onClick={() => run('unlink-translation')}
                loading={act.isPending && act.variables?.action === 'unlink-translation'}
                data-testid="press-action-unlink-translation"
              >
                {t('press.actions.unlinkTranslation')}
              </Button>
            </Group>
          )}
        </Paper>
        <ErrorAlert error={act.error} />
        {otherErrors.map(([f, m]) => (
          <Text key={f} size="sm" c="red.8">
            {f}: {m}
          </Text>
        ))}
        {canWrite && pending && (
          <Stack
            gap="xs"
            component={pending === 'correct' ? 'section' : 'div'}
            aria-label={pending === 'correct' ? t('press.items.correctTitle') : undefined}
            data-testid={`press-pending-${pending}`}
          >
            {pending === 'schedule' && (
              <DateTimeField label={t('press.items.scheduleAt')} required value={text} onChange={(e) => setText(e.currentTarget.value)} />
            )}
            {pending === 'correct' && (
              <>
                <Title order={3} size="h5">
                  {t('press.items.correctTitle')}
                </Title>
                <Text size="sm" c="gray.7">
                  {t('press.items.correctHint')}
                </Text>
                <TextInput
                  label={t('press.fields.title')}
                  required
                  value={fix.title}
                  onChange={(e) => {
                    const x = e.currentTarget.value;
                    setFix((f) => ({ ...f, title: x }));
                  }}
                  error={fe.title}
                />
                <Textarea
                  label={t('press.fields.summary')}
                  autosize
                  minRows={2}
                  value={fix.summary}
                  onChange={(e) => {
                    const x = e.currentTarget.value;
                    setFix((f) => ({ ...f, summary: x }));
                  }}
                  error={fe.summary}
                />
                <PressBodyEditor
                  label={t('press.fields.bodyHtml')}
                  initialHtml={item.bodyHtml}
                  onChange={(x) => setFix((f) => ({ ...f, bodyHtml: x }))}
                  error={fe.bodyHtml}
                  testId="press-correct-body-editor"
                />
                <Textarea
                  label={t('press.items.correctionNote')}
                  description={t('press.items.correctionNoteHint')}
                  required
                  value={text}
                  onChange={(e) => setText(e.currentTarget.value)}
                  error={fe.note}
                />
              </>
            )}
            {pending === 'withdraw' && (
              <Textarea label={t('press.items.withdrawReason')} required value={text} onChange={(e) => setText(e.currentTarget.value)} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                onClick={confirm}
                loading={act.isPending}
                disabled={text.trim() === ''}
                color={pending === 'withdraw' ? 'red' : undefined}
              >
                {t(`press.actions.confirm_${pending}`)}
              </Button>
            </Group>
          </Stack>
        )}
        {canWrite && !pending && (
          <Group justify="flex-end">
            {editable && (
              <Button variant="default" onClick={onEdit}>
                {t('common.edit')}
              </Button>
            )}
            {actionsFor(item.status).map((a) => (
              <Button
                key={a}
                onClick={() => run(a)}
                loading={act.isPending && act.variables?.action === a}
                color={a === 'withdraw' ? 'red' : undefined}
                variant={a === 'publish' ? 'filled' : 'light'}
                data-testid={`press-action-${a}`}
              >
                {t(`press.actions.${a}`)}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
