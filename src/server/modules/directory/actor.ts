// Turns a signed-in user into the Actor every service receives.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { adminUnits, users } from './directory.tables.js';

export async function getActorForUser(db: Db, userId: number, via: Actor['via'] = 'api'): Promise<Actor | null> {
  const [r] = await db
    .select({ u: users, province: adminUnits.code })
    .from(users)
    .leftJoin(adminUnits, eq(adminUnits.id, users.provinceUnitId))
    .where(eq(users.id, userId));
  const u = r?.u;
  if (!u || !u.active) return null;
  return {
    userId: u.id,
    name: u.username,
    role: u.role as Actor['role'],
    organisationId: u.organisationId,
    provinceCode: r.province ?? null,
    via,
  };
}
