// Writes on recommendations (recommendations.service.ts): create, edit, translate, assign implementers, link,
// clusters. The programme office, except translations (also the lead agency).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import * as C from '../../../shared/contracts/recommendations.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { type Db, lockRow } from '../../kernel/db.js';
import { forbidden } from '../../kernel/errors.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { organisations } from '../directory/directory.tables.js';
import { assertCanWriteUnder } from '../directory/organisations.service.js';
import { recClusters, recCoImplementers, recLinks, recommendations, recStatusHistory, recTranslations } from './recommendations.tables.js';
import { assertOffice, AUDIT, type Detail, fail, getRecommendation, recLabel, sameText } from './recommendations.service.js';

// ---------------------------------------------------------------- writes: recommendations

/** The database columns of a validated input; the original text only when the recommendation has none yet. */
export function recColumns(input: C.RecommendationInput) {
  const t = (s: string | null | undefined) => (s ? nfc(s) : null);
  const list = (l: string[]) => [...new Set(l.map(nfc))];
  return {
    mechanism: input.mechanism,
    cycle: input.cycle,
    sourceDocument: input.sourceDocument,
    paragraph: input.paragraph,
    recommendingStates: list(input.recommendingStates),
    position: input.position ?? null,
    positionSource: t(input.positionSource),
    themes: list(input.themes),
    affectedPersons: list(input.affectedPersons),
    sdgTargets: list(input.sdgTargets),
    actionCategory: input.actionCategory ?? null,
    communication: input.communication,
    targets: [...new Set(input.targets)],
    clusterId: input.clusterId ?? null,
  };
}

async function refreshSearch(db: Db, id: number) {
  await db.execute(sql`update recommendations r set search_text = lower(f_unaccent(concat_ws(' ', r.cycle, r.source_document, r.paragraph, r.text_en,
    (select t.text_vi from rec_translations t where t.recommendation_id = r.id order by t.version desc limit 1),
    array_to_string(r.recommending_states, ' '), array_to_string(r.themes, ' '), array_to_string(r.affected_persons, ' ')))) where r.id = ${id}`);
}

async function assertCluster(db: Db, id: number | null | undefined, row?: number) {
  if (!id) return;
  const [c] = await db.select({ id: recClusters.id }).from(recClusters).where(eq(recClusters.id, id));
  if (!c) fail('validation_failed', [{ ...(row ? { row } : {}), field: 'clusterId', message: `no cluster ${id}` }]);
}

/** Finds a recommendation by its reference (mechanism, cycle, document, paragraph). */
export async function findByRef(db: Db, ref: { mechanism: string; cycle: string; sourceDocument: string; paragraph: string }) {
  const [r] = await db
    .select()
    .from(recommendations)
    .where(
      and(
        eq(recommendations.mechanism, ref.mechanism),
        eq(recommendations.cycle, ref.cycle),
        eq(recommendations.sourceDocument, ref.sourceDocument),
        eq(recommendations.paragraph, ref.paragraph),
      ),
    );
  return r;
}

export async function createRecommendation(
  db: Db,
  actor: Actor,
  raw: unknown,
  opts: { isDemo?: boolean; fictional?: boolean } = {},
): Promise<C.Recommendation> {
  assertOffice(actor);
  const input = parseInput(C.RecommendationInput, raw);
  return db.transaction(async (tx) => {
    const existing = await findByRef(tx, input);
    if (existing)
      fail('conflict', [{ field: 'paragraph', message: `${recLabel(input)} of ${input.sourceDocument} already exists (#${existing.id})` }]);
    await assertCluster(tx, input.clusterId);
    const [row] = await tx
      .insert(recommendations)
      .values({
        ...recColumns(input),
        textEn: input.textEn ? nfc(input.textEn) : null,
        textEnSource: input.textEn ? (input.textEnSource ?? 'manual entry') : null,
        isDemo: opts.isDemo ?? false,
        fictional: opts.fictional ?? false,
      })
      .returning({ id: recommendations.id });
    await tx
      .insert(recStatusHistory)
      .values({ recommendationId: row!.id, fromStatus: null, toStatus: 'not_started', actorName: actor.name });
    await refreshSearch(tx, row!.id);
    const after = await getRecommendation(tx, row!.id);
    await recordAudit(tx, actor, 'create', AUDIT.recommendation, row!.id, null, after);
    return after;
  });
}

export const lockRec = (db: Db, id: number): Promise<C.Recommendation> =>
  lockRow(db, 'recommendations', id, 'Recommendation', getRecommendation);

/** Edits a recommendation. The original text: absent keeps it; the same text is fine; a different one is refused. */
export async function updateRecommendation(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Recommendation> {
  assertOffice(actor);
  const input = parseInput(C.RecommendationInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockRec(tx, id);
    const other = await findByRef(tx, input);
    if (other && other.id !== id)
      fail('conflict', [{ field: 'paragraph', message: `${recLabel(input)} of ${input.sourceDocument} already exists (#${other.id})` }]);
    if (input.textEn && before.textEn !== null && !sameText(before.textEn, input.textEn)) {
      fail('conflict', [{ field: 'textEn', message: 'the original text is kept unchanged once imported; this text differs from it' }]);
    }
    await assertCluster(tx, input.clusterId);
    const setText =
      before.textEn === null && input.textEn ? { textEn: nfc(input.textEn), textEnSource: input.textEnSource ?? 'manual entry' } : {};
    await tx
      .update(recommendations)
      .set({ ...recColumns(input), ...setText, updatedAt: new Date() })
      .where(eq(recommendations.id, id));
    await refreshSearch(tx, id);
    const after = await getRecommendation(tx, id);
    await recordAudit(tx, actor, 'update', AUDIT.recommendation, id, before, after);
    return after;
  });
}

/** A new version of the Vietnamese translation (the office or the lead agency's editors). */
export async function addTranslation(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Recommendation> {
  const input = parseInput(C.TranslationInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockRec(tx, id);
    if (actor.role !== 'admin' && actor.role !== 'system') {
      if (!before.lead) throw forbidden('Only the programme office translates a recommendation without a lead agency');
      await assertCanWriteUnder(tx, actor, before.lead.id, 'the lead agency');
    }
    if (before.textVi !== null && nfc(input.textVi) === before.textVi)
      fail('validation_failed', [{ field: 'textVi', message: 'the same as the current translation' }]);
    await tx.insert(recTranslations).values({
      recommendationId: id,
      version: (before.translationVersion ?? 0) + 1,
      textVi: nfc(input.textVi),
      note: input.note ? nfc(input.note) : null,
      createdBy: actor.name,
    });
    await tx.update(recommendations).set({ updatedAt: new Date() }).where(eq(recommendations.id, id));
    await refreshSearch(tx, id);
    const after = await getRecommendation(tx, id);
    await recordAudit(tx, actor, 'translate', AUDIT.recommendation, id, before, after);
    return after;
  });
}

async function assertOrgs(db: Db, ids: number[], field: string) {
  if (!ids.length) return;
  const found = new Set(
    (await db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, ids))).map((o) => o.id),
  );
  const details = ids
    .map((id, i) =>
      found.has(id) ? null : { field: `${field}${field === 'coImplementerIds' ? `.${i}` : ''}`, message: `no organisation ${id}` },
    )
    .filter((d): d is Detail => d !== null);
  if (details.length) fail('validation_failed', details);
}

/** Sets the lead agency and the co-implementers (the programme office). */
export async function assignImplementers(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Recommendation> {
  assertOffice(actor);
  const input = parseInput(C.AssignInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockRec(tx, id);
    if (input.leadOrganisationId) await assertOrgs(tx, [input.leadOrganisationId], 'leadOrganisationId');
    const co = [...new Set(input.coImplementerIds)].filter((x) => x !== input.leadOrganisationId);
    await assertOrgs(tx, co, 'coImplementerIds');
    await tx
      .update(recommendations)
      .set({ leadOrganisationId: input.leadOrganisationId, updatedAt: new Date() })
      .where(eq(recommendations.id, id));
    await tx.delete(recCoImplementers).where(eq(recCoImplementers.recommendationId, id));
    if (co.length) await tx.insert(recCoImplementers).values(co.map((organisationId) => ({ recommendationId: id, organisationId })));
    const after = await getRecommendation(tx, id);
    await recordAudit(tx, actor, 'assign', AUDIT.recommendation, id, before, after);
    return after;
  });
}

/** A write on a recommendation's links by the programme office, audited as `action`. */
async function changeLinks(
  db: Db,
  actor: Actor,
  id: number,
  raw: unknown,
  action: 'link' | 'unlink',
  write: (tx: Db, before: C.Recommendation, input: z.infer<typeof C.LinkInput>) => Promise<void>,
): Promise<C.Recommendation> {
  assertOffice(actor);
  const input = parseInput(C.LinkInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockRec(tx, id);
    await write(tx, before, input);
    const after = await getRecommendation(tx, id);
    await recordAudit(tx, actor, action, AUDIT.recommendation, id, before, after);
    return after;
  });
}

/** Links a recommendation to another: `successor_of` (this one, of a later cycle, continues the target) or `overlaps`. */
export async function linkRecommendations(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Recommendation> {
  return changeLinks(db, actor, id, raw, 'link', async (tx, before, input) => {
    if (input.targetId === id) fail('validation_failed', [{ field: 'targetId', message: 'a recommendation cannot be linked to itself' }]);
    const [target] = await tx.select().from(recommendations).where(eq(recommendations.id, input.targetId));
    if (!target) fail('validation_failed', [{ field: 'targetId', message: `no recommendation ${input.targetId}` }]);
    if (input.kind === 'successor_of' && target!.cycle === before.cycle)
      fail('validation_failed', [{ field: 'targetId', message: `a successor belongs to a later cycle than ${target!.cycle}` }]);
    const exists = before.links.some(
      (l) => l.id === input.targetId && l.kind === input.kind && (l.direction === 'out' || input.kind === 'overlaps'),
    );
    if (exists) fail('conflict', [{ field: 'targetId', message: 'already linked' }]);
    await tx.insert(recLinks).values({ fromId: id, toId: input.targetId, kind: input.kind });
  });
}

export async function unlinkRecommendations(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Recommendation> {
  return changeLinks(db, actor, id, raw, 'unlink', async (tx, _before, input) => {
    await tx
      .delete(recLinks)
      .where(
        sql`kind = ${input.kind} and ((from_id = ${id} and to_id = ${input.targetId}) or (from_id = ${input.targetId} and to_id = ${id}))`,
      );
  });
}

export async function createCluster(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.Cluster> {
  assertOffice(actor);
  const input = parseInput(C.ClusterInput, raw);
  return db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: recClusters.id }).from(recClusters).where(eq(recClusters.code, input.code));
    if (dup) fail('conflict', [{ field: 'code', message: `cluster ${input.code} already exists` }]);
    const [c] = await tx
      .insert(recClusters)
      .values({ code: input.code, nameVi: nfc(input.nameVi), nameEn: nfc(input.nameEn), isDemo: opts.isDemo ?? false })
      .returning();
    const after = { id: c!.id, code: c!.code, nameVi: c!.nameVi, nameEn: c!.nameEn, count: 0 };
    await recordAudit(tx, actor, 'create', AUDIT.cluster, c!.id, null, after);
    return after;
  });
}
