// Evidence from every module: a tag says "record (type, id) serves recommendation R". The tag table knows nothing of
// the record; an EvidenceResolver per record type (registered below, one per module) turns ids into labels, dates,
// organisations and links through that module's own service functions. A module that lands later (training sessions,
// exhibitions, fact-checks) writes a resolver in its own folder and registers it with `registerEvidenceResolver` (one
// line in recommendations.resolvers.ts's list): tagging, listing, counting, the public tracker and the report draft
// then show its records with no other change.
import { and, eq, sql } from 'drizzle-orm';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import * as C from '../../../shared/contracts/recommendations.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { assertCanWriteUnder } from '../directory/organisations.service.js';
import { BUILTIN_RESOLVERS } from './recommendations.resolvers.js';
import { AUDIT, getRecommendation } from './recommendations.service.js';
import { recEvidence } from './recommendations.tables.js';

/** One record as evidence. `public`: the public may see it (published); the tracker lists only those. */
export type EvidenceRecord = {
  label: string;
  date: string | null;
  organisationId: number | null;
  organisationName: string | null;
  /** Workspace path (under /app). */
  href: string | null;
  /** Portal path, when public. */
  publicHref: string | null;
  public: boolean;
};

export interface EvidenceResolver {
  type: string;
  label: Bilingual;
  /** The records among `ids` that exist (unknown ids are absent from the map). */
  resolve(db: Db, ids: number[]): Promise<Map<number, EvidenceRecord>>;
}

const registry = new Map<string, EvidenceResolver>();

export function registerEvidenceResolver(r: EvidenceResolver): void {
  registry.set(r.type, r);
}
for (const r of BUILTIN_RESOLVERS) registerEvidenceResolver(r);

export function evidenceTypes(): { recordType: string; label: Bilingual }[] {
  return [...registry.values()].map((r) => ({ recordType: r.type, label: r.label }));
}

function resolverOf(type: string): EvidenceResolver {
  const r = registry.get(type);
  if (!r) {
    throw new AppError('validation_failed', `Unknown record type ${type}`, [{ field: 'recordType', message: `unknown record type ${type}; known: ${[...registry.keys()].join(', ')}` }]);
  }
  return r;
}

/** Who may tag or untag a record: the programme office, or editors of the record's own organisation subtree. */
async function assertMayTag(db: Db, actor: Actor, rec: EvidenceRecord) {
  await assertCanWriteUnder(db, actor, rec.organisationId, 'the record\'s organisation');
}

async function resolveOne(db: Db, type: string, id: number): Promise<EvidenceRecord> {
  const rec = (await resolverOf(type).resolve(db, [id])).get(id);
  if (!rec) throw new AppError('validation_failed', `No ${type} ${id}`, [{ field: 'recordId', message: `no ${type} ${id}` }]);
  return rec;
}

export async function tagEvidence(db: Db, actor: Actor, recommendationId: number, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.EvidenceItem> {
  const input = parseInput(C.EvidenceInput, raw);
  return db.transaction(async (tx) => {
    await getRecommendation(tx, recommendationId);
    const rec = await resolveOne(tx, input.recordType, input.recordId);
    await assertMayTag(tx, actor, rec);
    const inserted = await tx.insert(recEvidence).values({ recommendationId, recordType: input.recordType, recordId: input.recordId, note: input.note ? nfc(input.note) : null, taggedBy: actor.name, isDemo: opts.isDemo ?? false })
      .onConflictDoNothing().returning({ at: recEvidence.taggedAt });
    if (!inserted.length) throw new AppError('conflict', 'Already tagged', [{ field: 'recordId', message: `${input.recordType} ${input.recordId} is already evidence of this recommendation` }]);
    const item: C.EvidenceItem = { recordType: input.recordType, recordId: input.recordId, ...rec, missing: false, note: input.note ?? null, taggedBy: actor.name, taggedAt: new Date(inserted[0]!.at).toISOString() };
    await recordAudit(tx, actor, 'tag', AUDIT.evidence, `${recommendationId}:${input.recordType}:${input.recordId}`, null, { recommendationId, ...item });
    return item;
  });
}

export async function untagEvidence(db: Db, actor: Actor, recommendationId: number, raw: unknown): Promise<void> {
  const input = parseInput(C.EvidenceInput, raw);
  await db.transaction(async (tx) => {
    const where = and(eq(recEvidence.recommendationId, recommendationId), eq(recEvidence.recordType, input.recordType), eq(recEvidence.recordId, input.recordId));
    const [tag] = await tx.select().from(recEvidence).where(where);
    if (!tag) throw notFound(`Evidence ${input.recordType} ${input.recordId} of recommendation ${recommendationId}`);
    const rec = (await resolverOf(input.recordType).resolve(tx, [input.recordId])).get(input.recordId);
    // A record deleted since it was tagged: only the office removes its tag.
    if (rec) await assertMayTag(tx, actor, rec);
    else await assertCanWriteUnder(tx, actor, null, 'a record that no longer exists');
    await tx.delete(recEvidence).where(where);
    await recordAudit(tx, actor, 'untag', AUDIT.evidence, `${recommendationId}:${input.recordType}:${input.recordId}`, tag, null);
  });
}

type Tag = typeof recEvidence.$inferSelect;

/** Resolves tags through their resolvers (one call per type). */
export async function resolveTags(db: Db, tags: Tag[]): Promise<C.EvidenceItem[]> {
  const byType = new Map<string, number[]>();
  for (const t of tags) byType.set(t.recordType, [...(byType.get(t.recordType) ?? []), t.recordId]);
  const resolved = new Map<string, Map<number, EvidenceRecord>>();
  for (const [type, ids] of byType) resolved.set(type, registry.has(type) ? await registry.get(type)!.resolve(db, ids) : new Map());
  return tags.map((t) => {
    const r = resolved.get(t.recordType)?.get(t.recordId);
    const base = { recordType: t.recordType, recordId: t.recordId, note: t.note, taggedBy: t.taggedBy, taggedAt: new Date(t.taggedAt).toISOString() };
    return r ? { ...base, ...r, missing: false } : { ...base, label: `${t.recordType} #${t.recordId}`, date: null, organisationName: null, href: null, publicHref: null, public: false, missing: true };
  });
}

/** A recommendation's evidence: counts per record type and one page of items, newest first. `publicOnly`: only records
 *  the public may see, counted after resolving (the tracker's view). */
export async function listEvidence(db: Db, recommendationId: number, opts: { publicOnly?: boolean; recordType?: string; limit?: number; offset?: number } = {}): Promise<C.EvidenceList> {
  const limit = Math.min(opts.limit ?? 100, 500), offset = opts.offset ?? 0;
  const label = (type: string) => registry.get(type)?.label ?? { vi: type, en: type };
  if (opts.publicOnly) {
    const tags = await db.select().from(recEvidence).where(eq(recEvidence.recommendationId, recommendationId)).orderBy(sql`tagged_at desc, record_type, record_id`).limit(5000);
    const items = (await resolveTags(db, tags)).filter((i) => i.public);
    const counts = new Map<string, number>();
    for (const i of items) counts.set(i.recordType, (counts.get(i.recordType) ?? 0) + 1);
    const shown = opts.recordType ? items.filter((i) => i.recordType === opts.recordType) : items;
    return { counts: [...counts].map(([recordType, count]) => ({ recordType, label: label(recordType), count })), total: items.length, items: shown.slice(offset, offset + limit) };
  }
  const counts = await rows<{ t: string; n: number }>(db, sql`select record_type as t, count(*)::int as n from rec_evidence where recommendation_id = ${recommendationId} group by record_type order by record_type`);
  const page = await db.select().from(recEvidence)
    .where(and(eq(recEvidence.recommendationId, recommendationId), opts.recordType ? eq(recEvidence.recordType, opts.recordType) : undefined))
    .orderBy(sql`tagged_at desc, record_type, record_id`).limit(limit).offset(offset);
  return {
    counts: counts.map((c) => ({ recordType: c.t, label: label(c.t), count: Number(c.n) })),
    total: counts.reduce((s, c) => s + Number(c.n), 0),
    items: await resolveTags(db, page),
  };
}

/** The recommendations a record is evidence of (for a record's own page in its module). */
export async function recommendationsOfRecord(db: Db, recordType: string, recordId: number): Promise<{ id: number; label: string }[]> {
  const r = await rows<{ id: number; cycle: string; paragraph: string }>(db, sql`
    select r.id, r.cycle, r.paragraph from rec_evidence e join recommendations r on r.id = e.recommendation_id
    where e.record_type = ${recordType} and e.record_id = ${recordId} order by r.cycle, r.paragraph`);
  return r.map((x) => ({ id: Number(x.id), label: `${x.cycle} ${x.paragraph}` }));
}
