// The append-only audit log: every write, through any path, records who did what to which record, before and after.
import type { Db } from './db.js';
import { auditLog } from './kernel.tables.js';

/** Who is acting. `via` says through which path the write came (api, import, cli, seed, job). A provincial
 *  coordinator's scope is `provinceCode` (34-unit map); absent or null for every other role. */
export type Actor = {
  userId: number | null;
  name: string;
  role: 'admin' | 'editor' | 'reviewer' | 'analyst' | 'viewer' | 'coordinator' | 'system';
  organisationId: number | null;
  provinceCode?: string | null;
  via: 'api' | 'import' | 'cli' | 'seed' | 'job';
  /** Set when the request came with an API token (modules/directory/tokens.service.ts) rather than a session: such a
   *  caller may not manage tokens, users or passwords; `readOnly` tokens may not write at all. */
  tokenId?: number;
  readOnly?: boolean;
};

export const systemActor = (via: Actor['via'], name = 'system'): Actor => ({
  userId: null,
  name,
  role: 'system',
  organisationId: null,
  via,
});

function plain(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  return JSON.parse(JSON.stringify(v, (_k, val) => (_k === 'passwordHash' ? undefined : val)));
}

export async function recordAudit(
  db: Db,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string | number | null,
  before: unknown,
  after: unknown,
): Promise<void> {
  await db.insert(auditLog).values({
    actorId: actor.userId,
    actorName: actor.name,
    via: actor.via,
    action,
    entity,
    entityId: entityId === null ? null : String(entityId),
    before: plain(before),
    after: plain(after),
  });
}

/** Several audit entries of one actor in a few statements (a step applied to many rows at once, e.g. a period's close
 *  locking its reports); the same rows as one recordAudit each. */
export async function recordAudits(
  db: Db,
  actor: Actor,
  entries: { action: string; entity: string; entityId: string | number | null; before: unknown; after: unknown }[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await db.insert(auditLog).values(
      entries.slice(i, i + 1000).map((e) => ({
        actorId: actor.userId,
        actorName: actor.name,
        via: actor.via,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId === null ? null : String(e.entityId),
        before: plain(e.before),
        after: plain(e.after),
      })),
    );
  }
}
