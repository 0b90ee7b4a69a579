// The consolidated programme report of a period, on the cycle workspace: its summary paragraphs (the generated text
// pre-filled, the office's edits marked "edited", each resettable to the generated text; read-only for the national
// readers) and the downloads of the Word report and its Excel annex, each showing while it is being made and what went
// wrong when it fails. The report is printed in the language of the workspace.
import { useEffect, useState } from 'react';
import { Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConsolidatedSummary, SummarySectionId } from '../../../shared/contracts/cycle';
import { get, put, qs } from '../../lib/api';
import { downloadFile, useTransfer } from '../../lib/transfer';
import { TransferProgress } from '../../lib/TransferProgress';
import { langOf } from '../indicators/api';
import { useCycleWrite } from './api';
import { Problem } from './parts';
import { fmtDate } from '../../lib/format';

const useSummary = (periodId: number, lang: 'vi' | 'en') =>
  useQuery({
    queryKey: ['cycle', 'summary', periodId, lang],
    queryFn: () => get<ConsolidatedSummary>(`/api/cycle/periods/${periodId}/summary${qs({ lang })}`),
  });

function DownloadButton({ periodId, format, lang }: { periodId: number; format: 'docx' | 'xlsx'; lang: 'vi' | 'en' }) {
  const { t } = useTranslation();
  const { progress, onProgress, reset } = useTransfer();
  const [state, setState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const go = async () => {
    setState({ busy: true, error: null });
    try {
      await downloadFile(`/api/cycle/periods/${periodId}/report.${format}${qs({ lang })}`, onProgress, `report.${format}`);
      setState({ busy: false, error: null });
    } catch (e) {
      reset();
      setState({ busy: false, error: e });
    }
  };
  return (
    <Stack gap={4}>
      <Button
        onClick={() => void go()}
        disabled={state.busy}
        variant={format === 'docx' ? 'filled' : 'light'}
        data-testid={`consolidated-${format}`}
      >
        {t(`cycle.consolidated.download.${format}`)}
      </Button>
      <TransferProgress progress={progress} testId={`consolidated-${format}-progress`} />
      <Problem error={state.error} />
    </Stack>
  );
}

export function ConsolidatedSection({ periodId }: { periodId: number }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const summary = useSummary(periodId, lang);
  const [drafts, setDrafts] = useState<Partial<Record<SummarySectionId, string>>>({});
  useEffect(() => setDrafts({}), [periodId, lang]);
  const save = useCycleWrite((sections: { section: SummarySectionId; text: string | null }[]) =>
    put<ConsolidatedSummary>(`/api/cycle/periods/${periodId}/summary`, { lang, sections }),
  );
  const data = summary.data;
  const changed = data ? data.sections.filter((s) => drafts[s.section] !== undefined && drafts[s.section] !== s.text) : [];
  return (
    <Card withBorder component="section" aria-labelledby="consolidated-h" data-testid="consolidated-section">
      <Stack>
        <Title order={2} size="h4" id="consolidated-h">
          {t('cycle.consolidated.title')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('cycle.consolidated.intro')}
        </Text>
        <Group align="flex-start">
          <DownloadButton periodId={periodId} format="docx" lang={lang} />
          <DownloadButton periodId={periodId} format="xlsx" lang={lang} />
        </Group>
        <Problem error={summary.error ?? save.error} />
        {summary.isPending && <Text>{t('common.loading')}</Text>}
        {data && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(
                changed.map((s) => ({ section: s.section, text: drafts[s.section]!.trim() || null })),
                { onSuccess: () => setDrafts({}) },
              );
            }}
            noValidate
          >
            <Stack>
              {data.sections.map((s) => (
                <Stack key={s.section} gap={4}>
                  <Textarea
                    label={
                      <Group gap={6} component="span">
                        {s.title[lang]}
                        {s.edited !== null && (
                          <Badge size="xs" color="orange.9" variant="light" data-testid={`edited-${s.section}`}>
                            {t('cycle.consolidated.edited')}
                          </Badge>
                        )}
                      </Group>
                    }
                    description={
                      s.edited !== null && s.editedByName
                        ? t('cycle.consolidated.editedBy', { name: s.editedByName, day: fmtDate(s.editedAt, i18n.language) })
                        : t('cycle.consolidated.generatedHint')
                    }
                    autosize
                    minRows={3}
                    maxRows={14}
                    readOnly={!data.canEdit}
                    maxLength={10_000}
                    value={drafts[s.section] ?? s.text}
                    onChange={(e) => setDrafts({ ...drafts, [s.section]: e.currentTarget.value })}
                    data-testid={`summary-${s.section}`}
                  />
                  {data.canEdit && s.edited !== null && (
                    <Group>
                      <Button
                        size="xs"
                        variant="subtle"
                        loading={save.isPending}
                        data-testid={`reset-${s.section}`}
                        onClick={() =>
                          save.mutate([{ section: s.section, text: null }], {
                            onSuccess: () =>
                              setDrafts((d) => {
                                const { [s.section]: _drop, ...rest } = d;
                                return rest;
                              }),
                          })
                        }
                      >
                        {t('cycle.consolidated.reset')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              ))}
              {data.canEdit && (
                <Group justify="flex-end">
                  <Button type="submit" disabled={!changed.length} loading={save.isPending} data-testid="save-summary">
                    {t('cycle.consolidated.save')}
                  </Button>
                </Group>
              )}
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
