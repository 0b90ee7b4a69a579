// Turns a signed-in user into the Actor every service receives.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { users } from './directory.tables.js';

export async function getActorForUser(db: Db, userId: number, via: Actor['via'] = 'api'): Promise<Actor | null> {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u || !u.active) return null;
  return { userId: u.id, name: u.username, role: u.role as Actor['role'], organisationId: u.organisationId, via };
}
