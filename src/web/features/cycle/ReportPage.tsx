// One periodic report (?id=): the organisation's figures of every target, pre-filled from the records with the
// drill-down behind each (official once the period is closed, the current figure beside a revised one), the plan
// vs spending section, the narrative sections with the comments of the last return, files, the workflow's actions
// (save, submit; return with comments per part, approve) and the history.
import { useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { COMMENT_PARTS, REPORT_SECTIONS, type Report, type ReportSections } from '../../../shared/contracts/cycle';
import { Link, useSearchParams } from '../../app/router';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { langOf } from '../indicators/api';
import { periodLabel, targetCode } from '../../lib/labels';
import { cycleApi, useCycleWrite, useReport } from './api';
import { DataTable, Figure, Problem, StatusBadge } from './parts';
import { fmtDate, fmtDateTime, fmtNumber } from '../../lib/format';

export function ReportPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const id = Number(useSearchParams().get('id')) || 0;
  const q = useReport(id);
  const r = q.data;
  useDocumentTitle(r ? t('cycle.reportTitle', { period: r.period.label[lang], name: r.organisationName }) : t('cycle.title'));
  if (!r)
    return (
      <Stack>
        <Anchor component={Link} to="/cycle">
          ← {t('cycle.title')}
        </Anchor>
        {q.isPending ? <Text>{t('common.loading')}</Text> : <Problem error={q.error} />}
      </Stack>
    );
  return (
    <Stack>
      <Anchor component={Link} to="/cycle">
        ← {t('cycle.title')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={1} size="h2">
          {t('cycle.reportTitle', { period: r.period.label[lang], name: r.organisationName })}
        </Title>
        <StatusBadge status={r.status} awaiting={r.awaiting} />
      </Group>
      <Text size="sm" c="gray.7">
        {t('cycle.deadline')}: {fmtDate(r.deadline, i18n.language)}
        {r.provinceName ? ` · ${r.provinceName}` : ''}
        {r.firstSubmittedAt ? ` · ${t('cycle.firstSubmitted', { day: fmtDate(r.firstSubmittedAt, i18n.language) })}` : ''}
        {r.period.close
          ? ` · ${t('cycle.closedOn', { day: fmtDate(r.period.close.closedAt, i18n.language), name: r.period.close.closedByName, version: r.period.close.version })}`
          : ''}
      </Text>
      {r.comments.general && (
        <Alert color="orange.9" title={t('cycle.returnedWith')} data-testid="comment-general">
          {r.comments.general}
        </Alert>
      )}
      <Figures r={r} />
      <PlanSection r={r} />
      <Narrative r={r} />
      <Files r={r} />
      <Decide r={r} />
      <History r={r} />
    </Stack>
  );
}

function Figures({ r }: { r: Report }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const c = r.contribution;
  return (
    <Card withBorder component="section" aria-labelledby="figures-h">
      <Title order={2} size="h4" id="figures-h">
        {t('cycle.figures')}
      </Title>
      <Text size="sm" c="gray.7">
        {t(`cycle.source.${c.source}`, { at: fmtDateTime(c.computedAt, i18n.language) })}
      </Text>
      {r.comments.figures && (
        <Alert color="orange.9" mt="xs" data-testid="comment-figures">
          {r.comments.figures}
        </Alert>
      )}
      <DataTable
        caption={t('cycle.figuresCaption')}
        columns={[
          t('cycle.target'),
          t('cycle.period'),
          c.source === 'official' ? t('cycle.officialFigure') : t('cycle.figure'),
          t('cycle.records'),
        ]}
        testId="contribution"
      >
        {c.rows.map((x) => (
          <Table.Tr key={`${x.indicator}-${x.periodId}`} data-testid={`row-${x.indicator}`}>
            <Table.Th scope="row">
              {targetCode(x.indicator)} — {x.name[lang]}
              {x.cumulative && (
                <Text span size="xs" c="gray.7">
                  {' '}
                  ({t('cycle.cumulative')})
                </Text>
              )}
            </Table.Th>
            <Table.Td>{periodLabel(x.periodId, lang)}</Table.Td>
            <Table.Td>
              <Figure value={x.value} numerator={x.numerator} denominator={x.denominator} unit={x.unit} />
              {x.live && (
                <Text size="sm" c="orange.9" data-testid="revised">
                  {t('cycle.revisedSince')}:{' '}
                  <Figure value={x.live.value} numerator={x.live.numerator} denominator={x.live.denominator} unit={x.unit} />
                  {x.revisedRecords > 0 ? ` · ${t('cycle.recordsDiffer', { count: x.revisedRecords })}` : ''}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={x.href} size="sm" aria-label={t('cycle.recordsOf', { id: x.indicator })}>
                {t('cycle.seeRecords')}
              </Anchor>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Card>
  );
}

function PlanSection({ r }: { r: Report }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="plan-h">
      <Title order={2} size="h4" id="plan-h">
        {t('cycle.plan')}
      </Title>
      {r.comments.plan && (
        <Alert color="orange.9" mt="xs">
          {r.comments.plan}
        </Alert>
      )}
      {!r.plan ? (
        <Text size="sm" data-testid="no-plan">
          {t('cycle.noPlan')}
        </Text>
      ) : (
        <>
          {r.plan.basis && (
            <Text size="sm" data-testid="plan-basis">
              {t('cycle.planBasis', {
                version: r.plan.basis.version,
                status: t(`plans.statuses.${r.plan.basis.status}`, { defaultValue: r.plan.basis.status }),
              })}
            </Text>
          )}
          <DataTable
            caption={t('cycle.plan')}
            columns={[t('cycle.planTarget'), t('cycle.budgetSource'), t('cycle.planned'), t('cycle.spent')]}
          >
            {r.plan.rows.map((x, i) => (
              <Table.Tr key={i}>
                <Table.Th scope="row">
                  {x.label === 'total'
                    ? t('cycle.planTotal')
                    : x.label === 'bySource'
                      ? t('cycle.planBySource')
                      : t(`plans.targets.${x.label}`, { defaultValue: x.label })}
                </Table.Th>
                <Table.Td>{x.source ? t(`plans.sources.${x.source}`, { defaultValue: x.source }) : '—'}</Table.Td>
                <Table.Td>{fmtNumber(x.planned, i18n.language)}</Table.Td>
                <Table.Td>{fmtNumber(x.spent, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </>
      )}
    </Card>
  );
}

function Narrative({ r }: { r: Report }) {
  const { t } = useTranslation();
  const [v, setV] = useState<ReportSections>(r.sections);
  useEffect(() => setV(r.sections), [r.id, r.updatedAt]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = useCycleWrite(() => cycleApi.saveReport(r.id, v));
  const submit = useCycleWrite(async () => {
    await cycleApi.saveReport(r.id, v);
    return cycleApi.submit(r.id);
  });
  return (
    <Card withBorder component="section" aria-labelledby="narrative-h">
      <Title order={2} size="h4" id="narrative-h">
        {t('cycle.narrative')}
      </Title>
      <Stack gap="sm" mt="xs">
        {REPORT_SECTIONS.map((s) => (
          <Stack key={s} gap={4}>
            {r.comments[s] && (
              <Alert color="orange.9" title={t('cycle.commentOn', { part: t(`cycle.sections.${s}`) })} data-testid={`comment-${s}`}>
                {r.comments[s]}
              </Alert>
            )}
            <Textarea
              label={t(`cycle.sections.${s}`)}
              autosize
              minRows={3}
              maxRows={14}
              readOnly={!r.can.edit}
              value={v[s] ?? ''}
              onChange={(e) => {
                const x = e.currentTarget.value;
                setV((o) => ({ ...o, [s]: x }));
              }}
              data-testid={`section-${s}`}
            />
          </Stack>
        ))}
        <Problem error={save.error ?? submit.error} />
        {r.can.edit && (
          <Group justify="flex-end">
            <Button variant="default" loading={save.isPending} onClick={() => save.mutate(undefined)} data-testid="save-report">
              {t('common.save')}
            </Button>
            <Button loading={submit.isPending} onClick={() => submit.mutate(undefined)} data-testid="submit-report">
              {t('cycle.submit')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function Files({ r }: { r: Report }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const attach = useCycleWrite(() => cycleApi.attach(r.id, file!, caption));
  const detach = useCycleWrite((fileId: number) => cycleApi.detach(r.id, fileId));
  return (
    <Card withBorder component="section" aria-labelledby="files-h">
      <Title order={2} size="h4" id="files-h">
        {t('cycle.files')}
      </Title>
      {r.comments.files && (
        <Alert color="orange.9" mt="xs">
          {r.comments.files}
        </Alert>
      )}
      {!r.files.length && <Text size="sm">{t('cycle.noFiles')}</Text>}
      {r.files.map((f) => (
        <Group key={f.id} justify="space-between">
          <Anchor href={f.url} size="sm">
            {f.filename}
          </Anchor>
          <Text size="xs" c="gray.7">
            {f.caption ?? ''} · {Math.ceil(f.size / 1024)} KB
          </Text>
          {r.can.edit && (
            <Button
              size="xs"
              variant="light"
              color="red.9"
              onClick={() => detach.mutate(f.id)}
              aria-label={t('cycle.removeFile', { name: f.filename })}
            >
              {t('cycle.remove')}
            </Button>
          )}
        </Group>
      ))}
      <Problem error={attach.error ?? detach.error} />
      {r.can.edit && (
        <Group align="flex-end" mt="xs">
          <FileInput label={t('cycle.file')} value={file} onChange={setFile} clearable w={280} data-testid="report-file" />
          <TextInput label={t('cycle.caption')} value={caption} onChange={(e) => setCaption(e.currentTarget.value)} />
          <Button
            disabled={!file}
            loading={attach.isPending}
            onClick={() =>
              attach.mutate(undefined, {
                onSuccess: () => {
                  setFile(null);
                  setCaption('');
                },
              })
            }
          >
            {t('cycle.attach')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

function Decide({ r }: { r: Report }) {
  const { t } = useTranslation();
  const [returning, setReturning] = useState(false);
  const [comments, setComments] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const ret = useCycleWrite(() => cycleApi.returnReport(r.id, comments));
  const ok = useCycleWrite(() => cycleApi.approve(r.id, note || undefined));
  if (!r.can.approve && !r.can.return) return null;
  return (
    <Card withBorder component="section" aria-labelledby="decide-h">
      <Title order={2} size="h4" id="decide-h">
        {t('cycle.decide')}
      </Title>
      <Text size="sm">{r.awaiting === 'province' ? t('cycle.decideProvince') : t('cycle.decideOffice')}</Text>
      <Problem error={ok.error} />
      <Group align="flex-end" mt="xs">
        <TextInput label={t('cycle.approveComment')} value={note} onChange={(e) => setNote(e.currentTarget.value)} w={320} />
        <Button color="teal.9" loading={ok.isPending} onClick={() => ok.mutate(undefined)} data-testid="approve-report">
          {t('cycle.approve')}
        </Button>
        <Button color="orange.9" variant="light" onClick={() => setReturning(true)} data-testid="return-report">
          {t('cycle.return')}
        </Button>
      </Group>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={returning}
        onClose={() => setReturning(false)}
        title={t('cycle.returnTitle')}
        size="lg"
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            ret.mutate(undefined, { onSuccess: () => setReturning(false) });
          }}
          noValidate
        >
          <Stack>
            <Text size="sm">{t('cycle.returnExplained')}</Text>
            {COMMENT_PARTS.map((p) => (
              <Textarea
                key={p}
                label={t(`cycle.parts.${p}`)}
                autosize
                minRows={1}
                value={comments[p] ?? ''}
                onChange={(e) => {
                  const x = e.currentTarget.value;
                  setComments((c) => ({ ...c, [p]: x }));
                }}
                data-testid={`return-${p}`}
              />
            ))}
            <Problem error={ret.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setReturning(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="orange.9" loading={ret.isPending} data-testid="confirm-return">
                {t('cycle.return')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}

function History({ r }: { r: Report }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="history-h">
      <Title order={2} size="h4" id="history-h">
        {t('cycle.history')}
      </Title>
      <Timeline bulletSize={14} lineWidth={2} mt="xs" data-testid="history">
        {r.history.map((h, i) => (
          <Timeline.Item key={i} title={t(`cycle.events.${h.action}`)}>
            <Text size="xs" c="gray.7">
              {fmtDateTime(h.at, i18n.language)} · {h.actorName}
            </Text>
            {h.note &&
              Object.entries(h.note).map(([k, v]) =>
                k === 'awaiting' ? (
                  <Text key={k} size="sm">
                    {t(`cycle.awaiting.${v}`)}
                  </Text>
                ) : (
                  <Text key={k} size="sm">
                    <Badge size="xs" variant="light" mr={4}>
                      {i18n.exists(`cycle.parts.${k}`) ? t(`cycle.parts.${k}`) : k}
                    </Badge>
                    {v}
                  </Text>
                ),
              )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
