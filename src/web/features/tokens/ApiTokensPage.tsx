// API tokens: one's own (the programme office: every token) — list, create (name, expiry, role and organisation within
// one's rights; the office chooses any), revoke. The secret is shown once, with a copy button.
import { useMemo, useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TOKEN_MAX_DAYS, type ApiToken, type ApiTokenCreated } from '../../../shared/contracts/apiTokens';
import { ROLES, type Role } from '../../../shared/contracts/directory';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { ScrollBox } from '../../components/ScrollTable';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { fieldErrorsOf, get, post } from '../../lib/api';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { useUnits } from '../organisations/api';
import { useOrgOptions } from '../organisations/useOrgOptions';

const TOKENS_KEY = ['api-tokens'] as const;
const EXPIRIES = [30, 90, 180, TOKEN_MAX_DAYS];
const STATE_COLOR: Record<ApiToken['state'], string> = { active: 'green', expired: 'gray', revoked: 'red' };

export function ApiTokensPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('nav.apiTokens'));
  const { me } = useAuth();
  const admin = me?.role === 'admin';
  const qc = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: () => get<ApiToken[]>('/api/tokens') });
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const revoke = useMutation({
    mutationFn: (id: number) => post<ApiToken>(`/api/tokens/${id}/revoke`),
    onSuccess: () => qc.invalidateQueries({ queryKey: TOKENS_KEY }),
  });

  return (
    <Stack>
      <Title order={2}>{t('nav.apiTokens')}</Title>
      <Text size="sm">{t('tokens.intro')}</Text>
      {created ? (
        <Paper withBorder p="md" data-testid="token-created">
          <Stack gap="xs">
            <Alert color="yellow" role="status" title={t('tokens.createdTitle', { name: created.name })}>
              {t('tokens.onceOnly')}
            </Alert>
            <Group gap="xs" wrap="nowrap">
              <Code data-testid="token-secret" style={{ wordBreak: 'break-all' }}>
                {created.secret}
              </Code>
              <CopyButton value={created.secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant={copied ? 'filled' : 'default'} onClick={copy} data-testid="copy-secret">
                    {copied ? t('tokens.copied') : t('tokens.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="sm">{t('tokens.usage')}</Text>
            <Code block>{`curl -H "Authorization: Bearer ${created.prefix}…" ${window.location.origin}/api/indicators`}</Code>
            <Group>
              <Button variant="default" onClick={() => setCreated(null)} data-testid="token-done">
                {t('tokens.done')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : (
        <CreateForm admin={admin} onCreated={setCreated} />
      )}
      <Title order={3}>{admin ? t('tokens.allTokens') : t('tokens.yourTokens')}</Title>
      {tokens.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={tokens.error ?? revoke.error} />
      {tokens.data && tokens.data.length === 0 && <Text c="gray.7">{t('tokens.none')}</Text>}
      {tokens.data && tokens.data.length > 0 && (
        <ScrollBox minWidth={900}>
          <Table striped data-testid="tokens-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tokens.fields.name')}</Table.Th>
                <Table.Th scope="col">{t('tokens.fields.prefix')}</Table.Th>
                {admin && <Table.Th scope="col">{t('tokens.fields.owner')}</Table.Th>}
                <Table.Th scope="col">{t('tokens.fields.scope')}</Table.Th>
                <Table.Th scope="col">{t('tokens.fields.created')}</Table.Th>
                <Table.Th scope="col">{t('tokens.fields.expires')}</Table.Th>
                <Table.Th scope="col">{t('tokens.fields.lastUsed')}</Table.Th>
                <Table.Th scope="col">{t('tokens.fields.state')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((k) => (
                <Table.Tr key={k.id} data-testid={`token-row-${k.id}`}>
                  <Table.Th scope="row" fw={500}>
                    {k.name}
                  </Table.Th>
                  <Table.Td>
                    <Code>{k.prefix}…</Code>
                  </Table.Td>
                  {admin && <Table.Td>{k.ownerName}</Table.Td>}
                  <Table.Td>
                    {t(`roles.${k.role}`)}
                    {k.organisationName ? ` · ${k.organisationName}` : ''}
                    {k.provinceCode ? ` · ${k.provinceCode}` : ''}
                    {k.readOnly ? ` · ${t('tokens.readOnlyShort')}` : ''}
                  </Table.Td>
                  <Table.Td>{fmtDate(k.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>{fmtDate(k.expiresAt, i18n.language)}</Table.Td>
                  <Table.Td>{k.lastUsedAt ? fmtDateTime(k.lastUsedAt, i18n.language) : t('tokens.never')}</Table.Td>
                  <Table.Td>
                    <Badge color={STATE_COLOR[k.state]} variant="light">
                      {t(`tokens.state.${k.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {k.state === 'active' && (
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        loading={revoke.isPending && revoke.variables === k.id}
                        onClick={() => {
                          if (window.confirm(t('tokens.revokeConfirm', { name: k.name }))) revoke.mutate(k.id);
                        }}
                        aria-label={t('tokens.revokeNamed', { name: k.name })}
                        data-testid={`revoke-${k.id}`}
                      >
                        {t('tokens.revoke')}
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

function CreateForm({ admin, onCreated }: { admin: boolean; onCreated: (c: ApiTokenCreated) => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const qc = useQueryClient();
  const units = useUnits('34');
  const [name, setName] = useState('');
  const [days, setDays] = useState(String(90));
  const [readOnly, setReadOnly] = useState(false);
  const [role, setRole] = useState<Role>(me?.role ?? 'viewer');
  const [organisationId, setOrganisationId] = useState<number | null>(me?.organisationId ?? null);
  const [provinceCode, setProvinceCode] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      post<ApiTokenCreated>('/api/tokens', {
        name,
        expiresInDays: Number(days),
        readOnly,
        ...(admin ? { role, organisationId, provinceCode: role === 'coordinator' ? provinceCode : null } : {}),
      }),
    onSuccess: async (c) => {
      await qc.invalidateQueries({ queryKey: TOKENS_KEY });
      setName('');
      onCreated(c);
    },
  });
  const errs = useMemo(() => fieldErrorsOf(create.error), [create.error]);
  const orgOptions = useOrgOptions();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="token-new-h">
      <form onSubmit={submit} noValidate data-testid="token-form">
        <Stack gap="sm">
          <Title order={3} id="token-new-h">
            {t('tokens.new')}
          </Title>
          <ErrorAlert error={create.error} />
          <TextInput
            label={t('tokens.fields.name')}
            description={t('tokens.nameHint')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errs.name}
            data-testid="token-name"
          />
          <Select
            label={t('tokens.fields.expiresIn')}
            required
            allowDeselect={false}
            data={EXPIRIES.map((d) => ({ value: String(d), label: t('tokens.daysN', { n: d }) }))}
            value={days}
            onChange={(d) => d && setDays(d)}
            error={errs.expiresInDays}
            data-testid="token-expiry"
          />
          {admin ? (
            <>
              <Select
                label={t('tokens.fields.role')}
                required
                allowDeselect={false}
                data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                value={role}
                onChange={(r) => r && setRole(r as Role)}
                error={errs.role}
              />
              <Select
                label={t('tokens.fields.organisation')}
                searchable
                clearable
                filter={foldFilter}
                limit={100}
                nothingFoundMessage={t('common.nothingFound')}
                data={orgOptions}
                value={organisationId === null ? null : String(organisationId)}
                onChange={(o) => setOrganisationId(o ? Number(o) : null)}
                error={errs.organisationId}
              />
              {role === 'coordinator' && (
                <Select
                  label={t('tokens.fields.province')}
                  required
                  searchable
                  filter={foldFilter}
                  data={(units.data ?? []).map((u) => ({ value: u.code, label: `${u.nameVi} (${u.code})` }))}
                  value={provinceCode}
                  onChange={setProvinceCode}
                  error={errs.provinceCode}
                />
              )}
            </>
          ) : (
            <Text size="sm" data-testid="token-scope">
              {t('tokens.ownScope', { role: me ? t(`roles.${me.role}`) : '', organisation: me?.organisationName ?? '—' })}
            </Text>
          )}
          <Checkbox label={t('tokens.readOnly')} checked={readOnly} onChange={(e) => setReadOnly(e.currentTarget.checked)} />
          <Group>
            <Button type="submit" loading={create.isPending} data-testid="token-create">
              {t('tokens.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
