// One press item: its content and the lifecycle actions its status allows. The server decides; refused
// transitions and 403s show the server's message.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PressItem } from '../../../shared/contracts/press';
import { post } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { actionsFor, fieldErrorsOf, localToIso, pressKeys } from './api';
import { PressAttachments } from './PressAttachments';

type Action = ReturnType<typeof actionsFor>[number];

export const statusColor = (s: string) => ({ draft: 'gray', scheduled: 'blue', published: 'green', corrected: 'teal', withdrawn: 'red' })[s] ?? 'gray';

export function PressItemDetails({ item, canWrite, onClose, onEdit }: { item: PressItem; canWrite: boolean; onClose(): void; onEdit(): void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [pending, setPending] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const act = useMutation({
    mutationFn: ({ action, body }: { action: Action; body?: unknown }) => post<PressItem>(`/api/press/items/${item.id}/${action}`, body ?? {}),
    onSuccess: async () => {
      setPending(null);
      setText('');
      await qc.invalidateQueries({ queryKey: pressKeys.all });
    },
  });
  const fe = fieldErrorsOf(act.error);
  const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN') : '—');
  const run = (action: Action) => {
    if (action === 'publish' || action === 'unschedule') act.mutate({ action });
    else { act.reset(); setText(''); setPending(action); }
  };
  const confirm = () => {
    if (!pending) return;
    const body = pending === 'schedule' ? { scheduledAt: localToIso(text) ?? '' } : pending === 'correct' ? { note: text } : { reason: text };
    act.mutate({ action: pending, body });
  };
  const editable = item.status === 'draft' || item.status === 'scheduled';

  return (
    <Modal opened onClose={onClose} title={item.title} size="xl">
      <Stack gap="sm" data-testid="press-item-details">
        <Group gap="xs">
          <Badge color={statusColor(item.status)} data-testid="press-item-status">{t(`press.statuses.${item.status}`)}</Badge>
          <Badge variant="light">{t(`press.kinds.${item.kind}`)}</Badge>
          <Badge variant="outline">{item.language}</Badge>
          {item.isDemo && <Badge variant="light" color="yellow">{t('common.demo')}</Badge>}
        </Group>
        <Text size="sm"><b>{t('press.fields.organisation')}:</b> {item.organisationName}</Text>
        <Text size="sm"><b>{t('press.fields.publishedAt')}:</b> {fmt(item.publishedAt)} · <b>{t('press.fields.scheduledAt')}:</b> {fmt(item.scheduledAt)} · <b>{t('press.fields.heldAt')}:</b> {fmt(item.heldAt)}</Text>
        {item.topics.length > 0 && <Text size="sm"><b>{t('press.fields.topics')}:</b> {item.topics.map((x) => (i18n.language === 'en' ? x.nameEn : x.nameVi)).join(', ')}</Text>}
        {item.summary && <Text size="sm" fs="italic">{item.summary}</Text>}
        {item.status === 'withdrawn' && <Alert color="red" title={t('press.items.withdrawnTitle')}>{item.withdrawalReason}</Alert>}
        {item.corrections.length > 0 && (
          <Alert color="teal" title={t('press.items.corrections')}>
            {item.corrections.map((c, n) => <div key={n}>{fmt(c.at)} — {c.note}</div>)}
          </Alert>
        )}
        {/* The body was sanitised by the server when saved. */}
        <div dangerouslySetInnerHTML={{ __html: item.bodyHtml }} style={{ borderTop: '1px solid var(--mantine-color-gray-3)', paddingTop: 8 }} />
        <PressAttachments item={item} canWrite={canWrite} />
        <ErrorAlert error={act.error} />
        {Object.entries(fe).map(([f, m]) => <Text key={f} size="sm" c="red.8">{f}: {m}</Text>)}
        {canWrite && pending && (
          <Stack gap="xs">
            {pending === 'schedule' && (
              <TextInput type="datetime-local" label={t('press.items.scheduleAt')} required value={text} onChange={(e) => setText(e.currentTarget.value)} />
            )}
            {pending === 'correct' && <Textarea label={t('press.items.correctionNote')} required value={text} onChange={(e) => setText(e.currentTarget.value)} />}
            {pending === 'withdraw' && <Textarea label={t('press.items.withdrawReason')} required value={text} onChange={(e) => setText(e.currentTarget.value)} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>{t('common.cancel')}</Button>
              <Button onClick={confirm} loading={act.isPending} disabled={text.trim() === ''} color={pending === 'withdraw' ? 'red' : undefined}>
                {t(`press.actions.confirm_${pending}`)}
              </Button>
            </Group>
          </Stack>
        )}
        {canWrite && !pending && (
          <Group justify="flex-end">
            {editable && <Button variant="default" onClick={onEdit}>{t('common.edit')}</Button>}
            {actionsFor(item.status).map((a) => (
              <Button key={a} onClick={() => run(a)} loading={act.isPending && act.variables?.action === a} color={a === 'withdraw' ? 'red' : undefined}
                variant={a === 'publish' ? 'filled' : 'light'} data-testid={`press-action-${a}`}>
                {t(`press.actions.${a}`)}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
