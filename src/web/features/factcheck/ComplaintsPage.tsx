// Fact-checking desk (T5b, T5c): complaints from the public portal, with their reply deadline (overdue ones
// highlighted), answered or rejected by a reviewer or admin (the reply is e-mailed when SMTP is configured and the
// address erased); and the public's submissions, each closed by erasing the sender's address.
import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Complaint, Submission } from '../../../shared/contracts/factcheck';
import { useAuth } from '../../app/auth';
import { useSearchParams } from '../../app/router';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { fieldErrorsOf, get, post, qs } from '../../lib/api';
import { ScrollBox } from '../../components/ScrollTable';
import { fmtDate } from '../../lib/format';

const keys = { complaints: ['fc-desk', 'complaints'] as const, submissions: ['fc-desk', 'submissions'] as const };
const ref = (prefix: 'C' | 'S', id: number) => `${prefix}-${String(id).padStart(6, '0')}`;

export function ComplaintsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  useDocumentTitle(t('fcDesk.title'));
  const [status, setStatus] = useState<string | null>('open');
  const [overdue, setOverdue] = useState(false);
  const [replying, setReplying] = useState<Complaint | null>(null);
  const canAnswer = me?.role === 'admin' || me?.role === 'reviewer';
  // A link (a notification's) names one complaint: ?complaint=ID is highlighted and scrolled to.
  const highlighted = Number(useSearchParams().get('complaint')) || null;
  const complaints = useQuery({
    queryKey: [...keys.complaints, status, overdue],
    queryFn: () =>
      get<{ total: number; rows: Complaint[] }>(
        `/api/factcheck/complaints${qs({ status, overdue: overdue ? 'true' : undefined, limit: 200 })}`,
      ),
    placeholderData: keepPreviousData,
  });
  const portalPath = (claimId: number) => `/kiem-chung/${claimId}`;
  const loaded = Boolean(complaints.data);
  useEffect(() => {
    if (highlighted && loaded) document.querySelector(`[data-testid="complaint-${highlighted}"]`)?.scrollIntoView({ block: 'center' });
  }, [highlighted, loaded]);

  return (
    <Stack>
      <Title order={2}>{t('fcDesk.title')}</Title>
      <Text c="gray.7">{t('fcDesk.intro')}</Text>
      <Paper withBorder p="md">
        <Group align="flex-end">
          <Select
            label={t('fcDesk.filters.status')}
            data={[
              { value: 'open', label: t('fcDesk.status.open') },
              { value: 'answered', label: t('fcDesk.status.answered') },
              { value: 'rejected', label: t('fcDesk.status.rejected') },
            ]}
            value={status}
            onChange={setStatus}
            clearable
            placeholder={t('fcDesk.filters.all')}
            maw={240}
            data-testid="complaint-status-filter"
          />
          <Checkbox
            label={t('fcDesk.filters.overdue')}
            checked={overdue}
            onChange={(e) => setOverdue(e.currentTarget.checked)}
            data-testid="complaint-overdue-filter"
          />
        </Group>
      </Paper>
      <Title order={3} id="fc-complaints-h">
        {t('fcDesk.complaints', { count: complaints.data?.total ?? 0 })}
      </Title>
      {complaints.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={complaints.error} />
      {complaints.data && (
        <ScrollBox minWidth={960}>
          <Table aria-labelledby="fc-complaints-h" data-testid="complaints-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fcDesk.col.reference')}</Table.Th>
                <Table.Th scope="col">{t('fcDesk.col.received')}</Table.Th>
                <Table.Th scope="col">{t('fcDesk.col.due')}</Table.Th>
                <Table.Th scope="col">{t('fcDesk.col.factCheck')}</Table.Th>
                <Table.Th scope="col">{t('fcDesk.col.text')}</Table.Th>
                <Table.Th scope="col">{t('fcDesk.col.contact')}</Table.Th>
                <Table.Th scope="col">{t('fcDesk.col.status')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {complaints.data.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={8}>{t('fcDesk.noComplaints')}</Table.Td>
                </Table.Tr>
              )}
              {complaints.data.rows.map((c) => (
                <Table.Tr
                  key={c.id}
                  bg={c.id === highlighted ? 'yellow.1' : c.overdue ? 'red.0' : undefined}
                  data-testid={`complaint-${c.id}`}
                  data-overdue={c.overdue ? 'true' : 'false'}
                  data-highlighted={c.id === highlighted ? 'true' : undefined}
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{ref('C', c.id)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmtDate(c.receivedAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <div>{fmtDate(c.replyDue, i18n.language)}</div>
                    {c.daysLeft !== null &&
                      (c.overdue ? (
                        <Badge color="red" variant="filled">
                          {t('fcDesk.overdueBy', { count: -c.daysLeft })}
                        </Badge>
                      ) : (
                        <Text size="sm">{t('fcDesk.daysLeft', { count: c.daysLeft })}</Text>
                      ))}
                  </Table.Td>
                  <Table.Td>
                    {c.claimId ? (
                      <Anchor href={portalPath(c.claimId)} target="_blank" rel="noopener">
                        {(c.claimText ?? '').slice(0, 80)}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="gray.7">
                        {t('fcDesk.general')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                      {c.text}
                    </Text>
                    {c.reply && (
                      <Text size="sm" mt={4}>
                        <strong>{t('fcDesk.reply')}:</strong> {c.reply}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`fcDesk.contact.${c.contact}`)}</Table.Td>
                  <Table.Td>
                    {t(`fcDesk.status.${c.status}`)}
                    {c.repliedAt && <Text size="xs">{fmtDate(c.repliedAt, i18n.language)}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {canAnswer && c.status === 'open' && (
                      <Button size="xs" onClick={() => setReplying(c)} data-testid={`reply-${c.id}`}>
                        {t('fcDesk.answer')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      )}
      {!canAnswer && (
        <Text size="sm" c="gray.7">
          {t('fcDesk.onlyReviewers')}
        </Text>
      )}
      {replying && <ReplyForm complaint={replying} onClose={() => setReplying(null)} />}
      <Submissions />
    </Stack>
  );
}

function ReplyForm({ complaint, onClose }: { complaint: Complaint; onClose(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const [status, setStatus] = useState<'answered' | 'rejected'>('answered');
  const [reply, setReply] = useState('');
  const [version, setVersion] = useState<number | string>('');
  const [tooShort, setTooShort] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      post<Complaint & { mailed: boolean }>(`/api/factcheck/complaints/${complaint.id}/reply`, {
        status,
        reply,
        correctionVersion: typeof version === 'number' ? version : null,
      }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: keys.complaints });
      onClose();
    },
  });
  const fe = fieldErrorsOf(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const short = reply.trim().length < 3;
    setTooShort(short);
    if (!short) save.mutate();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={t('fcDesk.replyTitle', { ref: ref('C', complaint.id) })}
      size="lg"
    >
      <form onSubmit={submit} noValidate data-testid="complaint-reply-form">
        <Stack gap="sm">
          {save.error != null && (
            <Alert color="red" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )}
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {complaint.text}
          </Text>
          <Select
            label={t('fcDesk.decision')}
            required
            allowDeselect={false}
            data={[
              { value: 'answered', label: t('fcDesk.status.answered') },
              { value: 'rejected', label: t('fcDesk.status.rejected') },
            ]}
            value={status}
            onChange={(v) => setStatus((v as 'answered' | 'rejected') ?? 'answered')}
            error={fe.status}
          />
          <Textarea
            label={t('fcDesk.reply')}
            required
            autosize
            minRows={4}
            value={reply}
            onChange={(e) => setReply(e.currentTarget.value)}
            error={tooShort ? t('fcDesk.replyTooShort') : fe.reply}
            description={t('fcDesk.replyHint')}
          />
          {complaint.claimId && (
            <NumberInput
              label={t('fcDesk.correctionVersion')}
              description={t('fcDesk.correctionVersionHint')}
              min={2}
              value={version}
              onChange={setVersion}
              error={fe.correctionVersion}
            />
          )}
          {complaint.contact === 'kept' && <Text size="sm">{t('fcDesk.willErase')}</Text>}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('fcDesk.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Submissions() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const qc = useQueryClient();
  const canClose = me?.role !== 'viewer';
  const list = useQuery({
    queryKey: keys.submissions,
    queryFn: () => get<{ total: number; rows: Submission[] }>('/api/factcheck/submissions?limit=200'),
  });
  const close = useMutation({
    mutationFn: (id: number) => post<Submission>(`/api/factcheck/submissions/${id}/close`),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.submissions }),
  });
  return (
    <Stack gap="xs" mt="lg">
      <Title order={3} id="fc-submissions-h">
        {t('fcDesk.submissions', { count: list.data?.total ?? 0 })}
      </Title>
      <Text size="sm" c="gray.7">
        {t('fcDesk.submissionsIntro')}
      </Text>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={list.error ?? close.error} />
      {list.data && (
        <ScrollBox minWidth={900}>
          <Table striped aria-labelledby="fc-submissions-h" data-testid="submissions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('fcDesk.col.reference')}</Table.Th>
                <Table.Th scope="col">{t('fcDesk.col.received')}</Table.Th>
                <Table.Th scope="col">{t('fcDesk.col.item')}</Table.Th>
                <Table.Th scope="col">{t('fcDesk.col.platform')}</Table.Th>
                <Table.Th scope="col">{t('fcDesk.col.note')}</Table.Th>
                <Table.Th scope="col">{t('fcDesk.col.contact')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}>{t('fcDesk.noSubmissions')}</Table.Td>
                </Table.Tr>
              )}
              {list.data.rows.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{ref('S', s.id)}</Table.Td>
                  <Table.Td>{fmtDate(s.receivedAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('fcDesk.itemNo', { id: s.itemId })}</Text>
                    {s.itemText && <Text size="sm">{s.itemText.slice(0, 160)}</Text>}
                    {s.itemUrl && (
                      <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                        {s.itemUrl}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`fcDesk.platform.${s.platform}`, { defaultValue: s.platform })}</Table.Td>
                  <Table.Td>{s.note ?? '—'}</Table.Td>
                  <Table.Td>{t(`fcDesk.contact.${s.contact}`)}</Table.Td>
                  <Table.Td>
                    {canClose && s.contact === 'kept' && (
                      <Button
                        size="xs"
                        variant="light"
                        color="red"
                        loading={close.isPending && close.variables === s.id}
                        onClick={() => close.mutate(s.id)}
                      >
                        {t('fcDesk.closeErase')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      )}
    </Stack>
  );
}
