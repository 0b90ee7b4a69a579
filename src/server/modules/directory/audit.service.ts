// Browsing the audit log: admins only, filtered by entity, action, actor, record and time.
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { AuditEntry } from '../../../shared/contracts/directory.js';
import type { Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { forbidden } from '../../kernel/errors.js';
import { auditLog } from '../../kernel/kernel.tables.js';

export async function listAudit(
  db: Db,
  actor: Actor,
  q: { entity?: string; action?: string; actorId?: number; entityId?: string; from?: string; to?: string; limit: number; offset: number },
) {
  if (actor.role !== 'admin' && actor.role !== 'system') throw forbidden('Only the programme office (admin) reads the audit log');
  const w: SQL[] = [];
  if (q.entity) w.push(eq(auditLog.entity, q.entity));
  if (q.action) w.push(eq(auditLog.action, q.action));
  if (q.actorId) w.push(eq(auditLog.actorId, q.actorId));
  if (q.entityId) w.push(eq(auditLog.entityId, q.entityId));
  const day = (s: string, end: boolean) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T${end ? '23:59:59.999' : '00:00:00'}+07:00` : s);
  if (q.from && !isNaN(day(q.from, false).getTime())) w.push(gte(auditLog.at, day(q.from, false)));
  if (q.to && !isNaN(day(q.to, true).getTime())) w.push(lte(auditLog.at, day(q.to, true)));
  const cond = w.length ? and(...w) : undefined;
  const items = await db.select().from(auditLog).where(cond).orderBy(desc(auditLog.id)).limit(q.limit).offset(q.offset);
  const [t] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(cond);
  return {
    items: items.map((a): AuditEntry => ({
      id: a.id,
      at: new Date(a.at).toISOString(),
      actorId: a.actorId,
      actorName: a.actorName,
      via: a.via,
      action: a.action,
      entity: a.entity,
      entityId: a.entityId,
      before: a.before ?? null,
      after: a.after ?? null,
    })),
    total: t?.n ?? 0,
  };
}
