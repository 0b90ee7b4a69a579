// A recommendation's status (recommendations.service.ts): what each step's rule needs (STATUS_RULES), and the office's
// change forward or back with a reason, kept as history.
import { eq, sql } from 'drizzle-orm';
import * as C from '../../../shared/contracts/recommendations.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { type Db, rows } from '../../kernel/db.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { recommendations, recStatusHistory } from './recommendations.tables.js';
import { assertOffice, AUDIT, fail, getRecommendation } from './recommendations.service.js';
import { lockRec } from './recommendations.edit.js';

// ---------------------------------------------------------------- status

/** What the rule of `to` needs that the recommendation lacks (empty: allowed). */
export async function statusBlockers(db: Db, id: number, to: C.RecStatus): Promise<string[]> {
  const [f] = await rows<{ lead: boolean; actions: number; done: number; open: number; approved: number; evidence: number }>(
    db,
    sql`
    select (r.lead_organisation_id is not null) as lead,
      (select count(*)::int from rec_actions a where a.recommendation_id = r.id and a.status <> 'cancelled') as actions,
      (select count(*)::int from rec_actions a where a.recommendation_id = r.id and a.status = 'done') as done,
      (select count(*)::int from rec_actions a where a.recommendation_id = r.id and a.status in ('planned', 'in_progress')) as open,
      (select count(*)::int from rec_reports p where p.recommendation_id = r.id and p.status = 'approved') as approved,
      (select count(*)::int from rec_evidence e where e.recommendation_id = r.id) as evidence
    from recommendations r where r.id = ${id}`,
  );
  if (!f) return [];
  const n = (k: keyof typeof f) => Number(f[k]);
  const out: string[] = [];
  if (to === 'in_progress') {
    if (!f.lead) out.push('no lead agency is assigned');
    if (n('actions') === 0) out.push('no action is planned');
  }
  if (to === 'partly_implemented' || to === 'implemented') {
    if (n('done') === 0) out.push('no action is done');
    if (n('approved') === 0) out.push('no progress report is approved');
  }
  if (to === 'implemented') {
    if (n('open') > 0) out.push(`${n('open')} action(s) are still open`);
    if (n('evidence') === 0) out.push('no evidence is tagged');
  }
  return out;
}

/** Changes the status (the programme office): forward when the target status's rule holds, back with a reason. */
export async function setStatus(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()): Promise<C.Recommendation> {
  assertOffice(actor);
  const input = parseInput(C.StatusInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockRec(tx, id);
    const from = C.REC_STATUSES.indexOf(before.status),
      to = C.REC_STATUSES.indexOf(input.status);
    if (from === to) fail('conflict', [{ field: 'status', message: `already ${input.status}` }]);
    if (to < from && !input.reason) fail('validation_failed', [{ field: 'reason', message: 'a step back needs a reason' }]);
    if (to > from) {
      const blockers = await statusBlockers(tx, id, input.status);
      if (blockers.length)
        fail(
          'conflict',
          blockers.map((message) => ({ field: 'status', message: `${input.status}: ${message}` })),
        );
    }
    await tx.update(recommendations).set({ status: input.status, updatedAt: now }).where(eq(recommendations.id, id));
    await tx.insert(recStatusHistory).values({
      recommendationId: id,
      fromStatus: before.status,
      toStatus: input.status,
      reason: input.reason ? nfc(input.reason) : null,
      actorName: actor.name,
      at: now,
    });
    const after = await getRecommendation(tx, id);
    await recordAudit(tx, actor, 'status', AUDIT.recommendation, id, before, { ...after, reason: input.reason ?? null });
    return after;
  });
}
