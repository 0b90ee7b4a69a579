// Authentication: argon2id password hashes, server-side sessions (only a hash of the cookie token is
// stored), a CSRF token per session, and sign-in limits that slow a guesser without locking the owner out.
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Config } from './config.js';
import { rows, type Db } from './db.js';
import { AppError } from './errors.js';
import { loginAttempts, sessions } from './kernel.tables.js';

const ARGON2ID = 2; // Algorithm.Argon2id (const enum in the package's types)
export const hashPassword = (pw: string) => hash(pw, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
export const verifyPassword = async (stored: string, pw: string) => {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
};
// Verifying against a fixed hash when the user does not exist keeps the timing the same.
let dummyHash: string | undefined;
export async function burnVerify(pw: string) {
  dummyHash ??= await hashPassword('not-a-real-password-' + crypto.randomUUID());
  await verifyPassword(dummyHash, pw);
}

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, config: Config, userId: number, address: string) {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + config.sessionTtlHours * 3600_000);
  await db.insert(sessions).values({ id: tokenHash(token), userId, csrfToken, expiresAt, address });
  return { token, csrfToken, expiresAt };
}

export async function findSession(db: Db, token: string) {
  const [s] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, tokenHash(token)), gt(sessions.expiresAt, new Date())));
  return s;
}

export async function deleteSession(db: Db, token: string) {
  await db.delete(sessions).where(eq(sessions.id, tokenHash(token)));
}

export async function deleteUserSessions(db: Db, userId: number) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

// ---- sign-in limits ----
// The policy slows a guesser without letting anyone lock the owner out:
// - per account and address (the pair): the first FREE_FAILURES failures cost nothing, then each next try waits
//   1, 2, 4, … seconds after the last failure, and LOGIN_MAX_PER_ACCOUNT failures block the pair for the window.
//   Failures from other addresses do not count: the owner elsewhere still signs in while an attacker hammers;
// - per address across accounts: LOGIN_MAX_PER_ADDRESS failures block the address for the window, except for
//   accounts that signed in from it in the last KNOWN_ADDRESS_DAYS days (colleagues behind the same NAT);
// - a refusal is 429 with Retry-After; an administrator can clear an account's failures (unlockSignIn).
// The check and the attempt's row are written under a lock per address, so parallel tries queue behind each other.
const FREE_FAILURES = 3;
const KNOWN_ADDRESS_DAYS = 30;

/** An account as the limits count it: the name as sign-in looks it up (NFC, trimmed, case-insensitive). */
export const accountKey = (username: string) => username.normalize('NFC').trim().toLowerCase();

const minutes = (s: number) => Math.max(1, Math.ceil(s / 60));

/** Seconds this pair still has to wait after `failures` failures, the last `sinceLast` seconds ago (0: may try). */
export function pairWait(failures: number, sinceLast: number, config: Pick<Config, 'login'>): number {
  const window = config.login.windowMinutes * 60;
  if (failures >= config.login.maxPerAccount) return Math.max(0, window - sinceLast);
  if (failures < FREE_FAILURES) return 0;
  return Math.max(0, Math.min(2 ** (failures - FREE_FAILURES), window) - sinceLast);
}

async function refusal(db: Db, config: Config, key: string, address: string): Promise<AppError | null> {
  const window = sql`${`${config.login.windowMinutes} minutes`}::interval`;
  // The pair's failures in the window after its last success, and how long ago the last one was.
  const [pair] = await rows<{ failures: number; since_last: number | null; known: boolean }>(
    db,
    sql`
    with recent as (
      select at, success from ${loginAttempts} where username = ${key} and address = ${address} and at > now() - ${window}
    ), fails as (
      select at from recent where not success and at > coalesce((select max(at) from recent where success), '-infinity')
    )
    select (select count(*)::int from fails) as failures,
           (select extract(epoch from now() - max(at))::float8 from fails) as since_last,
           exists (select 1 from ${loginAttempts} where username = ${key} and address = ${address} and success
                   and at > now() - ${`${KNOWN_ADDRESS_DAYS} days`}::interval) as known`,
  );
  const wait = pairWait(pair!.failures, pair!.since_last ?? Infinity, config);
  if (wait > 0) {
    return new AppError(
      'rate_limited',
      pair!.failures >= config.login.maxPerAccount
        ? `Too many failed sign-ins to this account from your address; try again in ${minutes(wait)} minutes, or ask an administrator to unlock it`
        : `Wait ${Math.ceil(wait)} seconds before trying this account again`,
      undefined,
      wait,
    );
  }
  if (pair!.known) return null;
  // The address's maxPerAddress-th newest failure: while it is in the window, the address is over the limit.
  const [nth] = await rows<{ left: number }>(
    db,
    sql`
    select extract(epoch from at + ${window} - now())::float8 as left from ${loginAttempts}
    where address = ${address} and not success and at > now() - ${window}
    order by at desc offset ${config.login.maxPerAddress - 1} limit 1`,
  );
  if (nth && nth.left > 0) {
    return new AppError(
      'rate_limited',
      `Too many failed sign-ins from your address; try again in ${minutes(nth.left)} minutes`,
      undefined,
      nth.left,
    );
  }
  return null;
}

/** Starts a sign-in attempt: refuses it (429 with Retry-After) under the limits, else records it as a failure until
 *  markSignInSucceeded; returns the attempt's id and the pair's failures counting this one. */
export async function beginSignIn(db: Db, config: Config, username: string, address: string): Promise<{ id: number; failures: number }> {
  const key = accountKey(username);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rightshub.login:${address}`}))`);
    const refused = await refusal(tx, config, key, address);
    if (refused) throw refused;
    const [a] = await tx.insert(loginAttempts).values({ username: key, address, success: false }).returning({ id: loginAttempts.id });
    const [n] = await rows<{ n: number }>(
      tx,
      sql`
      select count(*)::int as n from ${loginAttempts} where username = ${key} and address = ${address} and not success
        and at > greatest(now() - ${`${config.login.windowMinutes} minutes`}::interval,
          coalesce((select max(at) from ${loginAttempts} where username = ${key} and address = ${address} and success), '-infinity'))`,
    );
    // Keep the table small: failures older than a day are of no use; successes say which addresses are known.
    if (Math.random() < 0.01) {
      await tx
        .delete(loginAttempts)
        .where(
          sql`(not ${loginAttempts.success} and ${loginAttempts.at} < now() - interval '1 day') or ${loginAttempts.at} < now() - ${`${KNOWN_ADDRESS_DAYS} days`}::interval`,
        );
    }
    return { id: a!.id, failures: n!.n };
  });
}

export async function markSignInSucceeded(db: Db, attemptId: number) {
  await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId));
}

/** Forgets an account's failed sign-ins (from every address): an administrator's unlock. Returns how many. */
export async function unlockSignIn(db: Db, username: string): Promise<number> {
  const gone = await db
    .delete(loginAttempts)
    .where(and(eq(loginAttempts.username, accountKey(username)), eq(loginAttempts.success, false)))
    .returning({ id: loginAttempts.id });
  return gone.length;
}

/** Per account with failed sign-ins in the window: the failures by address, and until when each blocked pair waits. */
export async function signInFailures(
  db: Db,
  config: Config,
): Promise<{ username: string; address: string; failures: number; blockedFor: number }[]> {
  const r = await rows<{ username: string; address: string; failures: number; since_last: number }>(
    db,
    sql`
    select f.username, f.address, count(*)::int as failures, extract(epoch from now() - max(f.at))::float8 as since_last
    from ${loginAttempts} f
    where not f.success and f.at > now() - ${`${config.login.windowMinutes} minutes`}::interval
      and f.at > coalesce((select max(s.at) from ${loginAttempts} s where s.username = f.username and s.address = f.address and s.success), '-infinity')
    group by f.username, f.address order by f.username, f.address`,
  );
  return r.map((x) => ({
    username: x.username,
    address: x.address,
    failures: x.failures,
    blockedFor: Math.ceil(pairWait(x.failures, x.since_last, config)),
  }));
}
