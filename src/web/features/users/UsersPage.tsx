// Users (admin): list, create, change role / organisation / active, reset password.
import { useMemo, useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type SignInFailures, type User } from '../../../shared/contracts/directory';
import { fieldErrorsOf, get, post, put } from '../../lib/api';
import { ErrorAlert, useErrorMessage } from '../../components/ErrorAlert';
import { foldFilter } from '../../components/foldFilter';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useUnits } from '../organisations/api';
import { useOrgOptions } from '../organisations/useOrgOptions';
import { ScrollBox } from '../../components/ScrollTable';
import { fmtDateTime } from '../../lib/format';

const USERS_KEY = ['users'] as const;
const FAILURES_KEY = ['users', 'sign-in-failures'] as const;

export function UsersPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('nav.users'));
  const users = useQuery({ queryKey: USERS_KEY, queryFn: () => get<User[]>('/api/users') });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  // Failed sign-ins in the limits' window: who is blocked from where, and the administrator's unlock.
  const failures = useQuery({ queryKey: FAILURES_KEY, queryFn: () => get<SignInFailures>('/api/users/sign-in-failures') });
  const failuresOf = useMemo(() => new Map((failures.data ?? []).map((f) => [f.userId, f])), [failures.data]);
  const qc = useQueryClient();
  const unlock = useMutation({
    mutationFn: (id: number) => post<{ cleared: number }>(`/api/users/${id}/unlock-sign-in`),
    onSuccess: () => qc.invalidateQueries({ queryKey: FAILURES_KEY }),
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('nav.users')}</Title>
        <Button onClick={() => setEditing('new')}>{t('users.new')}</Button>
      </Group>
      {users.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={users.error ?? unlock.error} />
      {users.data && (
        <ScrollBox minWidth={700}>
          <Table striped highlightOnHover data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.fields.username')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.displayName')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.role')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.organisation')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.status')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.lastLogin')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.username}</Table.Td>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`roles.${u.role}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    {u.role === 'coordinator' && u.provinceName
                      ? t('users.provinceOf', { name: u.provinceName })
                      : (u.organisationName ?? '—')}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.active ? <Badge color="teal.9">{t('users.active')}</Badge> : <Badge color="gray">{t('users.inactive')}</Badge>}
                      <SignInBadge failures={failuresOf.get(u.id)} />
                    </Group>
                  </Table.Td>
                  <Table.Td>{u.lastLoginAt ? fmtDateTime(u.lastLoginAt, i18n.language) : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setEditing(u)}
                        aria-label={t('users.editNamed', { name: u.username })}
                      >
                        {t('common.edit')}
                      </Button>
                      {failuresOf.has(u.id) && (
                        <Button
                          size="xs"
                          variant="light"
                          color="orange.9"
                          loading={unlock.isPending && unlock.variables === u.id}
                          onClick={() => unlock.mutate(u.id)}
                          aria-label={t('users.unlockNamed', { name: u.username })}
                        >
                          {t('users.unlock')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollBox>
      )}
      {editing !== null && <UserForm user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

/** "Sign-in blocked" when an address waits before it may try the account again, else the count of recent failures. */
function SignInBadge({ failures }: { failures?: SignInFailures[number] }) {
  const { t } = useTranslation();
  if (!failures) return null;
  const blocked = failures.addresses.filter((a) => a.blockedSeconds > 0);
  if (!blocked.length)
    return (
      <Badge color="yellow.9" variant="light">
        {t('users.failedSignIns', { n: failures.failures })}
      </Badge>
    );
  return (
    <Tooltip label={t('users.signInBlockedHint', { addresses: blocked.map((a) => a.address).join(', ') })} multiline w={280}>
      <Badge color="orange.9" tabIndex={0}>
        {t('users.signInBlocked')}
      </Badge>
    </Tooltip>
  );
}

function UserForm({ user, onClose }: { user: User | null; onClose(): void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorMessage = useErrorMessage();
  const units = useUnits('34');
  const [v, setV] = useState({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    password: '',
    role: (user?.role ?? 'viewer') as Role,
    organisationId: user?.organisationId ?? null,
    provinceCode: user?.provinceCode ?? null,
    active: user?.active ?? true,
    email: user?.email ?? '',
  });
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((s) => ({ ...s, [k]: value }));
  const save = useMutation({
    mutationFn: () =>
      user
        ? put<User>(`/api/users/${user.id}`, {
            displayName: v.displayName.trim(),
            role: v.role,
            organisationId: v.organisationId,
            provinceCode: v.role === 'coordinator' ? v.provinceCode : null,
            active: v.active,
            email: v.email.trim() || null,
            ...(v.password ? { password: v.password } : {}),
          })
        : post<User>('/api/users', {
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            password: v.password,
            role: v.role,
            organisationId: v.organisationId,
            provinceCode: v.role === 'coordinator' ? v.provinceCode : null,
            email: v.email.trim() || null,
          }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: USERS_KEY });
      onClose();
    },
  });
  const errs = useMemo(() => fieldErrorsOf(save.error), [save.error]);
  const orgOptions = useOrgOptions();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={onClose}
      title={user ? t('users.editTitle', { name: user.username }) : t('users.newTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {save.error != null && (
            <Alert color="red" role="alert">
              {errorMessage(save.error)}
            </Alert>
          )}
          <TextInput
            label={t('users.fields.username')}
            required
            disabled={!!user}
            value={v.username}
            onChange={(e) => set('username', e.currentTarget.value)}
            error={errs.username}
            autoComplete="off"
          />
          <TextInput
            label={t('users.fields.displayName')}
            required
            value={v.displayName}
            onChange={(e) => set('displayName', e.currentTarget.value)}
            error={errs.displayName}
          />
          <TextInput
            label={t('users.fields.email')}
            description={t('users.emailHint')}
            type="email"
            value={v.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errs.email}
            autoComplete="off"
          />
          <PasswordInput
            label={user ? t('users.fields.newPassword') : t('users.fields.password')}
            description={t('users.passwordHint')}
            required={!user}
            value={v.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errs.password}
            autoComplete="new-password"
          />
          <Select
            label={t('users.fields.role')}
            required
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={v.role}
            onChange={(r) => r && set('role', r as Role)}
            error={errs.role}
            allowDeselect={false}
          />
          <Select
            label={t('users.fields.organisation')}
            searchable
            clearable
            filter={foldFilter}
            limit={100}
            nothingFoundMessage={t('common.nothingFound')}
            data={orgOptions}
            value={v.organisationId === null ? null : String(v.organisationId)}
            onChange={(o) => set('organisationId', o ? Number(o) : null)}
            error={errs.organisationId}
          />
          {v.role === 'coordinator' && (
            <Select
              label={t('users.fields.province')}
              description={t('users.provinceHint')}
              required
              searchable
              filter={foldFilter}
              data={(units.data ?? []).map((u) => ({ value: u.code, label: `${u.nameVi} (${u.code})` }))}
              value={v.provinceCode}
              onChange={(c) => set('provinceCode', c)}
              error={errs.provinceCode}
            />
          )}
          {user && (
            <Checkbox label={t('users.fields.active')} checked={v.active} onChange={(e) => set('active', e.currentTarget.checked)} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
