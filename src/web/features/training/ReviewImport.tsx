// Excel import with a review step (rosters and sign-in sheets): the file is read and every name matched on the
// server; ambiguous and unknown names are listed here and the user picks the person or creates a new one for each;
// only then is the import written, all rows or none. Nothing is guessed.
import { useRef, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportCommitResult, ImportPreview, Resolution } from '../../../shared/contracts/training';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError, post } from '../../lib/api';

/** Badge text in the text colour (contrast); the dot and the symbol carry the state, never colour alone. */
export const BADGE_STYLES = { root: { minWidth: 'max-content', overflow: 'visible' }, label: { color: 'var(--mantine-color-text)', overflow: 'visible' } } as const;

type Props = { kind: 'roster' | 'signin'; uploadPath: string | null; defaultOrgId: number | null; orgs: { id: number; name: string }[]; templates: { href: string; label: string }[] };

/** A decision as a select value: "p:<personId>" or "c:<organisationId>". */
const toResolution = (v: string): Resolution | null =>
  v.startsWith('p:') ? { personId: Number(v.slice(2)) } : v.startsWith('c:') ? { create: true, organisationId: Number(v.slice(2)) } : null;

export function ReviewImport({ kind, uploadPath, defaultOrgId, orgs, templates }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [choice, setChoice] = useState<Record<number, string>>({});
  const preview = useMutation({
    mutationFn: (f: File) => { const fd = new FormData(); fd.append('file', f, f.name); return post<ImportPreview>(uploadPath!, fd); },
    onSuccess: () => { setChoice({}); commit.reset(); },
  });
  const p = preview.data;
  const commit = useMutation({
    mutationFn: () => post<ImportCommitResult>(`/api/training/import/${p!.importId}/commit`, {
      resolutions: Object.entries(choice).map(([row, v]) => ({ row: Number(row), resolution: toResolution(v) })).filter((r) => r.resolution),
    }),
    onSuccess: async () => { await qc.invalidateQueries({ queryKey: ['training'] }); await qc.invalidateQueries({ queryKey: ['indicators'] }); },
  });
  const needs = p ? p.rows.filter((r) => r.status === 'ambiguous' || r.status === 'unknown') : [];
  const undecided = needs.filter((r) => !choice[r.row]).length;
  const invalid = [preview.error, commit.error].find((e) => e instanceof ApiError && e.code === 'import_invalid') as ApiError | undefined;
  const orgName = (id: number | null) => orgs.find((o) => o.id === id)?.name ?? '';

  return (
    <Card withBorder component="section" aria-labelledby={`${kind}-import-title`}>
      <Stack gap="sm">
        <Title order={3} size="h5" id={`${kind}-import-title`}>{t(`training.import.${kind}Title`)}</Title>
        <Group gap="md">{templates.map((x) => <Anchor key={x.href} href={x.href} download data-testid={`${kind}-template`}>{x.label}</Anchor>)}</Group>
        <Group align="flex-end">
          <div>
            <Text component="label" htmlFor={`${kind}-file`} size="sm" fw={500} display="block" mb={4}>{t('training.import.file')}</Text>
            <input id={`${kind}-file`} ref={input} type="file" accept=".xlsx" data-testid={`${kind}-file`}
              onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); preview.reset(); commit.reset(); }} />
          </div>
          <Button disabled={!file || !uploadPath} loading={preview.isPending} onClick={() => file && preview.mutate(file)} data-testid={`${kind}-read`}>{t('training.import.read')}</Button>
        </Group>
        {invalid && (
          <Alert color="red" role="alert" title={t('import.nothingImported')} data-testid={`${kind}-errors`}>
            <Table withTableBorder>
              <Table.Thead><Table.Tr><Table.Th scope="col">{t('import.row')}</Table.Th><Table.Th scope="col">{t('import.field')}</Table.Th><Table.Th scope="col">{t('import.message')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>{invalid.issues.map((i, n) => <Table.Tr key={n}><Table.Td>{i.row ?? ''}</Table.Td><Table.Td>{i.field}</Table.Td><Table.Td>{i.message}</Table.Td></Table.Tr>)}</Table.Tbody>
            </Table>
          </Alert>
        )}
        {!invalid && <ErrorAlert error={preview.error ?? commit.error} />}
        {p && !commit.isSuccess && (
          <Stack gap="xs" data-testid={`${kind}-review`}>
            <Text size="sm" role="status">{t('training.import.counts', { total: p.total, ...p.counts })}</Text>
            {p.rows.length > 0 && (
              <Table withTableBorder striped>
                <Table.Thead><Table.Tr>
                  <Table.Th scope="col">{t('import.row')}</Table.Th><Table.Th scope="col">{t('training.fullName')}</Table.Th>
                  <Table.Th scope="col">{t('training.organisation')}</Table.Th><Table.Th scope="col">{t('training.import.status')}</Table.Th>
                  <Table.Th scope="col">{t('training.import.decision')}</Table.Th>
                </Table.Tr></Table.Thead>
                <Table.Tbody>
                  {p.rows.map((r) => {
                    const decide = r.status === 'ambiguous' || r.status === 'unknown';
                    const createIn = r.organisationId ?? defaultOrgId;
                    return (
                      <Table.Tr key={r.row} data-testid={`review-row-${r.row}`}>
                        <Table.Td>{r.row}</Table.Td>
                        <Table.Td>{r.fullName}</Table.Td>
                        <Table.Td>{r.organisationText || '—'}</Table.Td>
                        <Table.Td><Badge variant="dot" color={decide ? 'orange' : 'gray'} styles={BADGE_STYLES}><span aria-hidden="true">{decide ? '? ' : '✓ '}</span>{t(`training.import.st.${r.status}`)}</Badge></Table.Td>
                        <Table.Td>
                          {decide ? (
                            <NativeSelect aria-label={t('training.import.decisionFor', { name: r.fullName, row: r.row })} data-testid={`decide-${r.row}`}
                              value={choice[r.row] ?? ''} onChange={(e) => { const v = e.currentTarget.value; setChoice((c) => ({ ...c, [r.row]: v })); }}
                              data={[
                                { value: '', label: t('training.import.choose') },
                                ...r.candidates.map((c) => ({ value: `p:${c.personId}`, label: `${c.fullName} — ${c.organisationName}${c.position ? `, ${c.position}` : ''} (${t(`training.import.how.${c.how}`)})` })),
                                ...(createIn ? [{ value: `c:${createIn}`, label: t('training.import.createIn', { org: orgName(createIn) }) }] : []),
                              ]} />
                          ) : r.status === 'new' ? t('training.import.willCreate', { org: orgName(r.organisationId) }) : t(`training.import.how.${r.candidates[0]?.how ?? 'folded'}`)}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
            <Group>
              <Button onClick={() => commit.mutate()} disabled={undecided > 0} loading={commit.isPending} data-testid={`${kind}-commit`}>
                {t('training.import.commit', { count: p.total })}
              </Button>
              {undecided > 0 && <Text size="sm" fw={600}>{t('training.import.undecided', { count: undecided })}</Text>}
            </Group>
          </Stack>
        )}
        {commit.isSuccess && (
          <Alert color="green" role="status" data-testid={`${kind}-success`}>{t('training.import.done', commit.data)}</Alert>
        )}
      </Stack>
    </Card>
  );
}
