// Users and roles: admin (programme office), editor (one organisation and its descendants), reviewer,
// analyst, viewer, coordinator (one province of the current map). Only admins manage users; the CLI creates the first
// admin of a deployment.
import { asc, eq, sql } from 'drizzle-orm';
import { UserCreateInput, UserUpdateInput, type Me, type SignInFailures, type User } from '../../../shared/contracts/directory.js';
import { recordAudit, systemActor, type Actor } from '../../kernel/audit.js';
import {
  accountKey,
  beginSignIn,
  burnVerify,
  createSession,
  deleteUserSessions,
  hashPassword,
  markSignInSucceeded,
  signInFailures,
  unlockSignIn,
  verifyPassword,
} from '../../kernel/auth.js';
import type { Config } from '../../kernel/config.js';
import { rows, type Db } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import type { Mailer } from '../../kernel/mail.js';
import { msg } from '../../kernel/messages.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { adminUnits, organisations, users } from './directory.tables.js';
import { resolveProvince34 } from './units.service.js';

function assertAdmin(actor: Actor) {
  // An API token never manages users or passwords, whatever its role (no escalation from a leaked token).
  if (actor.tokenId !== undefined)
    throw forbidden(
      msg('Không thể quản lý người dùng bằng khoá API; hãy đăng nhập.', 'Users cannot be managed with an API token; sign in'),
    );
  if (actor.role !== 'admin' && actor.role !== 'system') throw forbidden('Only the programme office (admin) manages users');
}

async function toUser(db: Db, id: number): Promise<User> {
  const [r] = await db
    .select({ u: users, orgName: organisations.nameVi, provinceCode: adminUnits.code, provinceName: adminUnits.nameVi })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(adminUnits, eq(adminUnits.id, users.provinceUnitId))
    .where(eq(users.id, id));
  if (!r) throw notFound(`User ${id}`);
  const u = r.u;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role as User['role'],
    organisationId: u.organisationId,
    organisationName: r.orgName,
    provinceCode: r.provinceCode,
    provinceName: r.provinceName,
    active: u.active,
    locale: u.locale as 'vi' | 'en',
    email: u.email,
    isDemo: u.isDemo,
    lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
  };
}
export const getUser = toUser;

export async function listUsers(db: Db, actor: Actor): Promise<User[]> {
  assertAdmin(actor);
  const ids = await db.select({ id: users.id }).from(users).orderBy(asc(users.username));
  return Promise.all(ids.map((r) => toUser(db, r.id)));
}

async function assertOrg(db: Db, id: number | null | undefined) {
  if (id === null || id === undefined) return;
  const [o] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id));
  if (!o)
    throw new AppError('validation_failed', `Organisation ${id} does not exist`, [
      { field: 'organisationId', message: 'no such organisation' },
    ]);
}

/** A provincial coordinator's province (the unit id of a 34-unit map code); every other role has none. */
async function provinceOf(db: Db, role: User['role'], code: string | null | undefined): Promise<number | null> {
  if (role !== 'coordinator') {
    if (code)
      throw new AppError('validation_failed', 'Only a provincial coordinator has a province', [
        { field: 'provinceCode', message: `not for the role ${role}` },
      ]);
    return null;
  }
  if (!code)
    throw new AppError('validation_failed', 'A provincial coordinator needs a province', [
      { field: 'provinceCode', message: 'required for a provincial coordinator (a province of the 34-unit map)' },
    ]);
  return resolveProvince34(db, code);
}

export async function createUser(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<User> {
  assertAdmin(actor);
  const input = parseInput(UserCreateInput, raw);
  if (input.role === 'editor' && !input.organisationId)
    throw new AppError('validation_failed', 'An editor needs an organisation', [
      { field: 'organisationId', message: 'required for an editor' },
    ]);
  await assertOrg(db, input.organisationId);
  const provinceUnitId = await provinceOf(db, input.role, input.provinceCode);
  const [dup] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${input.username})`);
  if (dup) throw new AppError('conflict', `Username ${input.username} is taken`, [{ field: 'username', message: 'already taken' }]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [u] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: nfc(input.displayName),
        passwordHash,
        role: input.role,
        organisationId: input.organisationId ?? null,
        provinceUnitId,
        email: input.email ?? null,
        isDemo: opts.isDemo ?? false,
      })
      .returning({ id: users.id });
    const after = await toUser(tx, u.id);
    await recordAudit(tx, actor, 'create', 'user', u.id, null, after);
    return after;
  });
}

export async function updateUser(db: Db, actor: Actor, id: number, raw: unknown): Promise<User> {
  assertAdmin(actor);
  const input = parseInput(UserUpdateInput, raw);
  await assertOrg(db, input.organisationId);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.transaction(async (tx) => {
    const before = await toUser(tx, id);
    const role = input.role ?? before.role;
    const orgId = input.organisationId !== undefined ? input.organisationId : before.organisationId;
    if (role === 'editor' && !orgId)
      throw new AppError('validation_failed', 'An editor needs an organisation', [
        { field: 'organisationId', message: 'required for an editor' },
      ]);
    // The province stays with a coordinator unless given anew; another role drops it.
    const provinceUnitId = await provinceOf(
      tx,
      role,
      input.provinceCode !== undefined ? input.provinceCode : role === 'coordinator' ? before.provinceCode : null,
    );
    if (actor.userId === id && (input.active === false || (input.role && input.role !== 'admin'))) {
      throw new AppError('validation_failed', 'You cannot deactivate or demote yourself', [
        { field: input.active === false ? 'active' : 'role', message: 'not on your own account' },
      ]);
    }
    await tx
      .update(users)
      .set({
        ...(input.displayName ? { displayName: nfc(input.displayName) } : {}),
        role,
        organisationId: orgId,
        provinceUnitId,
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(passwordHash ? { passwordHash } : {}),
      })
      .where(eq(users.id, id));
    if (input.active === false || passwordHash) await deleteUserSessions(tx, id);
    const after = await toUser(tx, id);
    await recordAudit(tx, actor, passwordHash ? 'update+password' : 'update', 'user', id, before, after);
    return after;
  });
}

/** Signs in, under the sign-in limits (kernel/auth). When a wrong password blocks this address for the account, the
 *  audit log says so and the user is told by e-mail (with `mailer` and an address; once per window). */
export async function login(db: Db, config: Config, username: string, password: string, address: string, opts: { mailer?: Mailer } = {}) {
  const attempt = await beginSignIn(db, config, username, address);
  const [u] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username.trim()})`);
  const ok = u && u.active ? await verifyPassword(u.passwordHash, password) : (await burnVerify(password), false);
  if (!u || !ok) {
    if (u && attempt.failures === config.login.maxPerAccount) await noticeBlocked(db, config, u, address, opts.mailer);
    throw new AppError('invalid_credentials', 'Wrong username or password');
  }
  await markSignInSucceeded(db, attempt.id);
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, u.id));
  const session = await createSession(db, config, u.id, address);
  await recordAudit(
    db,
    { userId: u.id, name: u.username, role: u.role as Actor['role'], organisationId: u.organisationId, via: 'api' },
    'login',
    'user',
    u.id,
    null,
    { address },
  );
  return { session, user: await toUser(db, u.id) };
}

async function noticeBlocked(db: Db, config: Config, u: typeof users.$inferSelect, address: string, mailer?: Mailer) {
  const [earlier] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_log where entity = 'user' and entity_id = ${String(u.id)}
    and action = 'sign-in-blocked' and at > now() - ${`${config.login.windowMinutes} minutes`}::interval`,
  );
  await recordAudit(db, systemActor('api', 'sign-in limits'), 'sign-in-blocked', 'user', u.id, null, {
    address,
    failures: config.login.maxPerAccount,
    minutes: config.login.windowMinutes,
  });
  if (!mailer || !u.email || earlier!.n > 0) return;
  const m = config.login.windowMinutes;
  mailer
    .send({
      to: [u.email],
      subject: 'RightsHub: đăng nhập bị chặn tạm thời / sign-in temporarily blocked',
      text: [
        `Tài khoản ${u.username} vừa bị nhập sai mật khẩu ${config.login.maxPerAccount} lần từ địa chỉ ${address}. Địa chỉ này không được đăng nhập vào tài khoản trong ${m} phút; bạn vẫn đăng nhập được từ nơi khác. Nếu không phải bạn, hãy báo quản trị viên và đổi mật khẩu.`,
        '',
        `The password of the account ${u.username} was entered wrongly ${config.login.maxPerAccount} times from the address ${address}. That address cannot sign in to the account for ${m} minutes; you can still sign in from elsewhere. If this was not you, tell an administrator and change your password.`,
        '',
        config.baseUrl,
      ].join('\n'),
    })
    .catch(() => undefined); // a notice that cannot be sent must not turn a refusal into an error
}

/** The accounts with failed sign-ins in the window (administrators): by address, and how long each blocked one waits. */
export async function listSignInFailures(db: Db, actor: Actor, config: Config): Promise<SignInFailures> {
  assertAdmin(actor);
  const failures = await signInFailures(db, config);
  if (!failures.length) return [];
  const known = await db.select({ id: users.id, username: users.username }).from(users);
  const byKey = new Map(known.map((k) => [accountKey(k.username), k]));
  const out = new Map<number, SignInFailures[number]>();
  for (const f of failures) {
    const k = byKey.get(f.username);
    if (!k) continue; // names that are no account: nothing to unlock
    const entry = out.get(k.id) ?? { userId: k.id, username: k.username, failures: 0, addresses: [] };
    entry.failures += f.failures;
    entry.addresses.push({ address: f.address, failures: f.failures, blockedSeconds: f.blockedFor });
    out.set(k.id, entry);
  }
  return [...out.values()];
}

/** Clears an account's failed sign-ins from every address (administrators; audited). */
export async function unlockUserSignIn(db: Db, actor: Actor, id: number): Promise<{ cleared: number }> {
  assertAdmin(actor);
  const u = await toUser(db, id);
  const cleared = await unlockSignIn(db, u.username);
  await recordAudit(db, actor, 'unlock-sign-in', 'user', id, null, { cleared });
  return { cleared };
}

export async function setLocale(db: Db, userId: number, locale: 'vi' | 'en') {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export function toMe(u: User, csrfToken: string): Me {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    organisationId: u.organisationId,
    organisationName: u.organisationName,
    provinceCode: u.provinceCode,
    locale: u.locale,
    csrfToken,
  };
}
