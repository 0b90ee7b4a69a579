// Authentication: argon2id password hashes, server-side sessions (only a hash of the cookie token is
// stored), a CSRF token per session, and login attempts limited per account and per address.
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Config } from './config.js';
import type { Db } from './db.js';
import { AppError } from './errors.js';
import { loginAttempts, sessions } from './kernel.tables.js';

const ARGON2ID = 2; // Algorithm.Argon2id (const enum in the package's types)
export const hashPassword = (pw: string) => hash(pw, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
export const verifyPassword = async (stored: string, pw: string) => {
  try { return await verify(stored, pw); } catch { return false; }
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
  const [s] = await db.select().from(sessions).where(and(eq(sessions.id, tokenHash(token)), gt(sessions.expiresAt, new Date())));
  return s;
}

export async function deleteSession(db: Db, token: string) {
  await db.delete(sessions).where(eq(sessions.id, tokenHash(token)));
}

export async function deleteUserSessions(db: Db, userId: number) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Refuses a login when this account or this address has failed too often in the window. */
export async function checkLoginRate(db: Db, config: Config, username: string, address: string) {
  const since = new Date(Date.now() - config.login.windowMinutes * 60_000);
  const [r] = await db.select({
    byUser: sql<number>`count(*) filter (where ${loginAttempts.username} = ${username.toLowerCase()})::int`,
    byAddr: sql<number>`count(*) filter (where ${loginAttempts.address} = ${address})::int`,
  }).from(loginAttempts).where(and(eq(loginAttempts.success, false), gt(loginAttempts.at, since)));
  if ((r?.byUser ?? 0) >= config.login.maxPerAccount || (r?.byAddr ?? 0) >= config.login.maxPerAddress) {
    throw new AppError('rate_limited', `Too many failed sign-in attempts; try again in ${config.login.windowMinutes} minutes`);
  }
}

export async function recordLoginAttempt(db: Db, username: string, address: string, success: boolean) {
  await db.insert(loginAttempts).values({ username: username.toLowerCase(), address, success });
  // Keep the table small: attempts older than a day are of no use to the limiter.
  if (Math.random() < 0.01) await db.delete(loginAttempts).where(sql`${loginAttempts.at} < now() - interval '1 day'`);
}
