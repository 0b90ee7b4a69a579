// API tokens for machine clients: a user makes one for themselves (at most their own role, organisation and province),
// the programme office (admin) one for an integration (any scope). The secret (`rh_` + 32 random bytes) is shown once;
// only its SHA-256 is stored (a high-entropy secret needs no slow hash). Every call with a token is in the audit log.
import crypto from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { ApiTokenCreateInput, type ApiToken, type ApiTokenCreated } from '../../../shared/contracts/apiTokens.js';
import type { Role } from '../../../shared/contracts/directory.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { fmtDateTime } from '../../kernel/format.js';
import { msg } from '../../kernel/messages.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { adminUnits, apiTokens, organisations, users } from './directory.tables.js';
import { resolveProvince34 } from './units.service.js';

export const TOKEN_PREFIX = 'rh_';
/** How many characters of the secret are kept to recognise it in lists (`rh_` + 8). */
const SHOWN = TOKEN_PREFIX.length + 8;
/** "Last used" is written at most this often per token; the audit log has every call. */
const LAST_USED_EVERY_MS = 60_000;

export const secretHash = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');

/** Token management is for people signed in: a token cannot make, list or revoke tokens (no escalation). */
function assertSignedIn(actor: Actor) {
  if (actor.tokenId !== undefined)
    throw forbidden(
      msg('Không thể quản lý khoá API bằng một khoá API; hãy đăng nhập.', 'API tokens cannot be managed with an API token; sign in'),
    );
  if (actor.userId === null) throw forbidden(msg('Chỉ người dùng mới tạo được khoá API.', 'Only a user can hold API tokens'));
}

const outOfScope = (field: string) =>
  new AppError(
    'forbidden',
    msg('Khoá API không thể có quyền rộng hơn quyền của bạn.', 'An API token cannot have more rights than you have'),
    [{ field, message: 'beyond your own rights' }],
  );

function stateOf(r: { expiresAt: Date; revokedAt: Date | null }, now = new Date()): ApiToken['state'] {
  return r.revokedAt ? 'revoked' : r.expiresAt <= now ? 'expired' : 'active';
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function listRows(db: Db, where: ReturnType<typeof and> | undefined): Promise<ApiToken[]> {
  const r = await db
    .select({ t: apiTokens, owner: users.username, orgName: organisations.nameVi, province: adminUnits.code })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(organisations, eq(organisations.id, apiTokens.organisationId))
    .leftJoin(adminUnits, eq(adminUnits.id, apiTokens.provinceUnitId))
    .where(where)
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return r.map(({ t, owner, orgName, province }) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    ownerId: t.userId,
    ownerName: owner,
    role: t.role as Role,
    organisationId: t.organisationId,
    organisationName: orgName,
    provinceCode: province,
    readOnly: t.readOnly,
    createdAt: iso(t.createdAt)!,
    expiresAt: iso(t.expiresAt)!,
    lastUsedAt: iso(t.lastUsedAt),
    revokedAt: iso(t.revokedAt),
    state: stateOf(t),
  }));
}

/** One's own tokens; the programme office sees every token. */
export async function listApiTokens(db: Db, actor: Actor): Promise<ApiToken[]> {
  assertSignedIn(actor);
  return listRows(db, actor.role === 'admin' ? undefined : and(eq(apiTokens.userId, actor.userId!)));
}

/** Makes a token; its secret is in the answer and nowhere else. */
export async function createApiToken(db: Db, actor: Actor, raw: unknown): Promise<ApiTokenCreated> {
  assertSignedIn(actor);
  const input = parseInput(ApiTokenCreateInput, raw);
  const admin = actor.role === 'admin';
  const role: Role = input.role ?? (actor.role as Role);
  const organisationId = input.organisationId !== undefined ? input.organisationId : actor.organisationId;
  if (!admin) {
    // At most the creator's own scope: the same role, organisation and province (or read-only of them).
    if (role !== actor.role) throw outOfScope('role');
    if (organisationId !== actor.organisationId) throw outOfScope('organisationId');
    if (input.provinceCode && input.provinceCode !== actor.provinceCode) throw outOfScope('provinceCode');
  }
  if (role === 'editor' && !organisationId)
    throw new AppError('validation_failed', 'An editor needs an organisation', [
      { field: 'organisationId', message: 'required for an editor' },
    ]);
  if (organisationId !== null) {
    const [o] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
    if (!o)
      throw new AppError('validation_failed', `Organisation ${organisationId} does not exist`, [
        { field: 'organisationId', message: 'no such organisation' },
      ]);
  }
  const provinceCode = role === 'coordinator' ? (admin ? (input.provinceCode ?? null) : (actor.provinceCode ?? null)) : null;
  if (role !== 'coordinator' && input.provinceCode)
    throw new AppError('validation_failed', 'Only a provincial coordinator has a province', [
      { field: 'provinceCode', message: `not for the role ${role}` },
    ]);
  if (role === 'coordinator' && !provinceCode)
    throw new AppError('validation_failed', 'A provincial coordinator needs a province', [
      { field: 'provinceCode', message: 'required for a provincial coordinator (a province of the 34-unit map)' },
    ]);
  const provinceUnitId = provinceCode ? await resolveProvince34(db, provinceCode) : null;
  const secret = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  return db.transaction(async (tx) => {
    const [t] = await tx
      .insert(apiTokens)
      .values({
        userId: actor.userId!,
        name: nfc(input.name),
        prefix: secret.slice(0, SHOWN),
        secretHash: secretHash(secret),
        role,
        organisationId,
        provinceUnitId,
        readOnly: input.readOnly ?? false,
        expiresAt,
      })
      .returning({ id: apiTokens.id });
    const [after] = await listRows(tx, and(eq(apiTokens.id, t!.id)));
    await recordAudit(tx, actor, 'create', 'api_token', t!.id, null, after);
    return { ...after!, secret };
  });
}

/** Stops a token at once (its owner or the programme office). */
export async function revokeApiToken(db: Db, actor: Actor, id: number): Promise<ApiToken> {
  assertSignedIn(actor);
  return db.transaction(async (tx) => {
    const [before] = await listRows(tx, and(eq(apiTokens.id, id)));
    if (!before || (actor.role !== 'admin' && before.ownerId !== actor.userId)) throw notFound(`API token ${id}`);
    if (before.revokedAt) return before;
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
    const [after] = await listRows(tx, and(eq(apiTokens.id, id)));
    await recordAudit(tx, actor, 'revoke', 'api_token', id, before, after);
    return after!;
  });
}

const refused = (vi: string, en: string) => new AppError('unauthenticated', msg(vi, en));

/** The actor of a bearer secret, or 401 saying why not (unknown, revoked, expired, owner gone or narrowed). Writes
 *  "last used" at most once a minute; the caller records the call in the audit log (auditTokenUse). */
export async function actorForToken(db: Db, secret: string): Promise<Actor> {
  const [r] = await db
    .select({ t: apiTokens, u: users, province: adminUnits.code })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(adminUnits, eq(adminUnits.id, apiTokens.provinceUnitId))
    .where(eq(apiTokens.secretHash, secretHash(secret)));
  if (!r) throw refused('Khoá API không hợp lệ.', 'Unknown API token');
  const { t, u } = r;
  if (t.revokedAt)
    throw refused(
      `Khoá API ${t.prefix}… đã bị thu hồi lúc ${fmtDateTime(t.revokedAt, 'vi', { label: true })}.`,
      `The API token ${t.prefix}… was revoked at ${fmtDateTime(t.revokedAt, 'en', { label: true })}`,
    );
  if (t.expiresAt <= new Date())
    throw refused(
      `Khoá API ${t.prefix}… đã hết hạn lúc ${fmtDateTime(t.expiresAt, 'vi', { label: true })}; hãy tạo khoá mới.`,
      `The API token ${t.prefix}… expired at ${fmtDateTime(t.expiresAt, 'en', { label: true })}; create a new one`,
    );
  if (!u.active) throw refused('Người tạo khoá API này không còn hoạt động.', 'The owner of this API token is no longer active');
  if (u.role !== 'admin') {
    // The owner's rights may have shrunk since: the token never outlives them.
    const [own] = await db
      .select({ code: adminUnits.code })
      .from(adminUnits)
      .where(eq(adminUnits.id, u.provinceUnitId ?? -1));
    if (t.role !== u.role || t.organisationId !== u.organisationId || (t.role === 'coordinator' && r.province !== (own?.code ?? null)))
      throw refused(
        'Quyền của người tạo khoá API đã thay đổi; hãy tạo khoá mới.',
        "The owner's rights have changed since this API token was made; create a new one",
      );
  }
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiTokens.id, t.id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - ${`${LAST_USED_EVERY_MS} milliseconds`}::interval`)),
      ),
    );
  return {
    userId: u.id,
    name: `${u.username} (${t.prefix}…)`,
    role: t.role as Actor['role'],
    organisationId: t.organisationId,
    provinceCode: r.province ?? null,
    via: 'api',
    tokenId: t.id,
    readOnly: t.readOnly,
  };
}

/** One audit entry per call made with a token (reads included): method and path, without the query. */
export async function auditTokenUse(db: Db, actor: Actor, method: string, path: string): Promise<void> {
  await recordAudit(db, actor, 'use', 'api_token', actor.tokenId ?? null, null, { method, path });
}
