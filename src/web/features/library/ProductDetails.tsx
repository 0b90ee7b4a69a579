// One library product: every field, its titles in each language, its relations in both directions (links open the
// other product here), its files, and the actions its status and the user's role allow (edit, publish, withdraw with
// a reason); a published product links to its public page. The server decides; refusals show its message.
import { useState, type MouseEvent, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Group, List, Modal, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../shared/contracts/library';
import { ErrorAlert } from '../../components/ErrorAlert';
import { post } from '../../lib/api';
import { fieldErrorsOf, formatDay, libraryKeys, publicPageUrl, useLanguages } from './api';
import { StatusBadge } from './StatusBadge';
import { ProductFiles } from './ProductFiles';
import { RecordRecommendations } from '../recommendations/EvidencePicker';
import { ScrollTable } from '../../components/ScrollTable';
import { fmtDateTime } from '../../lib/format';

interface Props {
  product: Product;
  canWrite: boolean;
  onClose(): void;
  onEdit(): void;
  /** Shows another product (a related one) in place of this one. */
  onOpen(id: number): void;
  /** The workspace address of a product (for the links' href). */
  productHref(id: number): string;
}

export function ProductDetails({ product: p, canWrite, onClose, onEdit, onOpen, productHref }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const qc = useQueryClient();
  const languages = useLanguages();
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: ({ action, body }: { action: 'publish' | 'withdraw'; body?: unknown }) =>
      post<Product>(`/api/library/products/${p.id}/${action}`, body ?? {}),
    onSuccess: async (saved) => {
      setWithdrawing(false);
      setReason('');
      qc.setQueryData(libraryKeys.product(saved.id), saved);
      await qc.invalidateQueries({ queryKey: libraryKeys.all });
    },
  });
  const fe = fieldErrorsOf(act.error);
  const fmt = (iso: string | null) => fmtDateTime(iso, lang);
  const langName = (code: string) => {
    const l = languages.data?.find((x) => x.code === code) ?? p.languages.find((x) => x.code === code);
    return l ? (lang === 'en' ? l.nameEn : l.nameVi) : code;
  };
  const link = (id: number, title: string) => (
    <Anchor
      href={productHref(id)}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        onOpen(id);
      }}
      data-testid={`product-link-${id}`}
    >
      {title}
    </Anchor>
  );
  const [main, ...others] = p.texts;
  const editable = p.status === 'draft' || p.status === 'published';
  const out = p.relations.filter((r) => r.direction === 'out');
  const incoming = p.relations.filter((r) => r.direction === 'in');
  const editionOf = p.book?.editionOfId
    ? p.relations.find((r) => r.direction === 'out' && r.kind === 'edition_of' && r.id === p.book!.editionOfId)
    : undefined;

  const rows: [string, ReactNode][] = [
    [t('library.fields.organisation'), p.organisationName],
    [t('library.fields.kind'), t(`library.kinds.${p.kind}`)],
    [t('library.fields.date'), formatDay(p.date, lang)],
    [
      t('library.fields.channel'),
      <>
        {t(`library.channels.${p.channel}`)}
        {p.digital && <> · {t('library.fields.digital')}</>}
      </>,
    ],
    [t('library.fields.languages'), p.languages.map((l) => (lang === 'en' ? l.nameEn : l.nameVi)).join(', ') || '—'],
    [
      t('library.fields.audiences'),
      p.audiences.length ? (
        <List size="sm" spacing={0}>
          {p.audiences.map((a) => (
            <List.Item key={a}>
              {a}. {t(`library.audiences.${a}`)}
            </List.Item>
          ))}
        </List>
      ) : (
        '—'
      ),
    ],
    [t('library.fields.topics'), p.topics.map((x) => (lang === 'en' ? x.nameEn : x.nameVi)).join(', ') || '—'],
    [t('library.fields.rights'), p.rights ?? '—'],
    [
      t('library.fields.licence'),
      p.licence ? (i18n.exists(`library.licences.${p.licence}`) ? t(`library.licences.${p.licence}`) : p.licence) : '—',
    ],
    [
      t('library.fields.url'),
      p.url ? (
        <Anchor href={p.url} target="_blank" rel="noopener noreferrer">
          {p.url}
        </Anchor>
      ) : (
        '—'
      ),
    ],
    ...(p.book
      ? ([
          [t('library.fields.isbn'), <span data-testid="product-isbn-value">{p.book.isbnHyphenated ?? p.book.isbn ?? '—'}</span>],
          [t('library.fields.publisher'), p.book.publisher ?? '—'],
          [t('library.fields.bookYear'), p.book.year ?? '—'],
          [t('library.fields.pages'), p.book.pages ?? '—'],
          [
            t('library.fields.edition'),
            <>
              {t(`library.editions.${p.book.edition}`)}
              {p.book.edition === 'republication' && p.book.editionOfId ? (
                <>
                  {' '}
                  — {t('library.fields.editionOf')}: {link(p.book.editionOfId, editionOf?.title ?? `#${p.book.editionOfId}`)}
                </>
              ) : null}
            </>,
          ],
        ] as [string, ReactNode][])
      : []),
    [t('library.fields.publishedAt'), fmt(p.publishedAt)],
    ...(p.withdrawnAt ? ([[t('library.fields.withdrawnAt'), fmt(p.withdrawnAt)]] as [string, ReactNode][]) : []),
    [t('library.fields.updatedAt'), fmt(p.updatedAt)],
  ];

  return (
    <Modal opened onClose={onClose} title={main?.title ?? `#${p.id}`} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm" data-testid="product-details">
        <Group gap="xs">
          <StatusBadge status={p.status} testId="product-status" />
          <Badge variant="outline" color="dark">
            {t(`library.kinds.${p.kind}`)}
          </Badge>
          <Badge variant="outline" color="dark">
            #{p.id}
          </Badge>
          {p.isDemo && (
            <Badge variant="outline" color="dark">
              {t('common.demo')}
            </Badge>
          )}
        </Group>
        {p.status === 'withdrawn' && (
          <Alert color="red" title={t('library.details.withdrawnTitle')} data-testid="product-withdrawn">
            {p.withdrawalReason ?? '—'}
          </Alert>
        )}
        {p.status === 'published' && (
          <Anchor href={publicPageUrl(p.id)} data-testid="product-public-link">
            {t('library.details.publicPage')} ↗
          </Anchor>
        )}

        <Paper withBorder p="sm" component="section" aria-labelledby={`texts-h-${p.id}`}>
          <Title order={3} size="h5" id={`texts-h-${p.id}`} mb={4}>
            {t('library.details.mainTitle')}
          </Title>
          {main && (
            <>
              <Text fw={600}>
                {main.title}{' '}
                <Text span size="sm" c="gray.7">
                  ({langName(main.language)})
                </Text>
              </Text>
              {main.description && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {main.description}
                </Text>
              )}
            </>
          )}
          {others.length > 0 && (
            <>
              <Title order={4} size="h6" mt="sm" mb={4}>
                {t('library.details.otherTexts')}
              </Title>
              <List size="sm" spacing={4}>
                {others.map((x) => (
                  <List.Item key={x.language}>
                    <b>{x.title}</b> ({langName(x.language)})
                    {x.description && (
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {x.description}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Paper>

        <ScrollTable withTableBorder data-testid="product-fields" variant="vertical" layout="fixed">
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row" w={200}>
                  {label}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>

        <Paper withBorder p="sm" component="section" aria-labelledby={`relations-h-${p.id}`} data-testid="product-relations-panel">
          <Title order={3} size="h5" id={`relations-h-${p.id}`} mb={4}>
            {t('library.fields.relations')}
          </Title>
          {p.relations.length === 0 && (
            <Text size="sm" c="gray.7">
              {t('library.details.noRelations')}
            </Text>
          )}
          {out.length > 0 && (
            <>
              <Text size="sm" fw={600}>
                {t('library.details.relationsOut')}
              </Text>
              <List size="sm" spacing={2} mb="xs">
                {out.map((r) => (
                  <List.Item key={`o-${r.kind}-${r.id}`}>
                    {t(`library.relationKinds.${r.kind}`)}: {link(r.id, r.title)}{' '}
                    <Text span size="xs" c="gray.7">
                      ({t(`library.statuses.${r.status}`)})
                    </Text>
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {incoming.length > 0 && (
            <>
              <Text size="sm" fw={600}>
                {t('library.details.relationsIn')}
              </Text>
              <List size="sm" spacing={2}>
                {incoming.map((r) => (
                  <List.Item key={`i-${r.kind}-${r.id}`}>
                    {t(`library.relationKindsIn.${r.kind}`)}: {link(r.id, r.title)}{' '}
                    <Text span size="xs" c="gray.7">
                      ({t(`library.statuses.${r.status}`)})
                    </Text>
                  </List.Item>
                ))}
              </List>
            </>
          )}
        </Paper>

        <ProductFiles product={p} canWrite={canWrite} />
        <RecordRecommendations recordType="library_product" recordId={p.id} />

        <ErrorAlert error={act.error} />
        {Object.entries(fe)
          .filter(([f]) => f !== 'reason')
          .map(([f, m]) => (
            <Text key={f} size="sm" c="red.8">
              {f}: {m}
            </Text>
          ))}
        {canWrite && withdrawing && (
          <Stack gap="xs" data-testid="product-withdraw-form">
            <Textarea
              label={t('library.actions.withdrawReason')}
              required
              maxLength={1000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fe.reason}
            />
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => {
                  act.reset();
                  setWithdrawing(false);
                }}
              >
                {t('common.cancel')}
              </Button>
              <Button
                color="red.9"
                disabled={reason.trim() === ''}
                loading={act.isPending}
                onClick={() => act.mutate({ action: 'withdraw', body: { reason: reason.trim() } })}
                data-testid="product-confirm-withdraw"
              >
                {t('library.actions.confirmWithdraw')}
              </Button>
            </Group>
          </Stack>
        )}
        {canWrite && !withdrawing && (
          <Group justify="flex-end">
            {editable && (
              <Button variant="default" onClick={onEdit} data-testid="product-edit">
                {t('common.edit')}
              </Button>
            )}
            {p.status === 'draft' && (
              <Button onClick={() => act.mutate({ action: 'publish' })} loading={act.isPending} data-testid="product-publish">
                {t('library.actions.publish')}
              </Button>
            )}
            {p.status === 'published' && (
              <Button
                color="red.9"
                onClick={() => {
                  act.reset();
                  setWithdrawing(true);
                }}
                data-testid="product-withdraw"
              >
                {t('library.actions.withdraw')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
