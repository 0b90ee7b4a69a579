// Helpers of the notification tests: people with an e-mail address and an actor, and who was told of what.
import { sql } from 'drizzle-orm';
import type { Actor } from '../src/server/kernel/audit.js';
import { rows, type Db } from '../src/server/kernel/db.js';
import { updateUser } from '../src/server/modules/directory/users.service.js';
import type { Role } from '../src/shared/contracts/directory.js';
import { makeUser, seedActor } from './factories.js';

/** A user (optionally with an e-mail address) and the actor they act as. */
export async function person(db: Db, role: Role, org: number | null, email?: string | null) {
  const u = await makeUser(db, role, org);
  if (email) await updateUser(db, seedActor, u.id, { email });
  return { ...u, actor: { userId: u.id, name: u.username, role, organisationId: org, via: 'api' } as Actor };
}

/** `kind key` of every notification of each user (of the kinds given, all when none), sorted. */
export async function toldOf(db: Db, kinds: string[] = []): Promise<Map<number, string[]>> {
  const r = await rows<{ user_id: number; k: string }>(
    db,
    sql`
    select user_id, kind || ' ' || event_key as k from notifications
    where ${
      kinds.length
        ? sql`kind in (${sql.join(
            kinds.map((k) => sql`${k}`),
            sql`, `,
          )})`
        : sql`true`
    } order by user_id, k`,
  );
  const out = new Map<number, string[]>();
  for (const x of r) out.set(Number(x.user_id), [...(out.get(Number(x.user_id)) ?? []), x.k]);
  return out;
}
