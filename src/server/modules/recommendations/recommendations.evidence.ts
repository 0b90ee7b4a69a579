// Evidence from every module: a tag says "record (type, id) serves recommendation R". The tag table knows nothing of
// the record; an EvidenceResolver per record type (recommendations.resolver.ts; one per module, written in that
// module's folder as <module>.evidence.ts and listed in modules/evidenceResolvers.ts, as indicator providers are in
// modules/providers.ts) turns ids into labels, dates, organisations and links, and searches its records by title for
// the evidence picker. This module names no other: a module that lands later writes a resolver and adds one line to
// that list; tagging, the picker, listing, counting, the public tracker and the report draft then show its records.
import { and, eq, sql } from 'drizzle-orm';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import * as C from '../../../shared/contracts/recommendations.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { foldedWords, nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { assertCanWriteUnder, subtreeIds } from '../directory/organisations.service.js';
import { moduleEvidenceResolvers } from '../evidenceResolvers.js';
import type { EvidenceHit, EvidenceRecord, EvidenceResolver } from './recommendations.resolver.js';
import { AUDIT, getRecommendation, loadRecommendations } from './recommendations.service.js';
import { recEvidence } from './recommendations.tables.js';

const registry = new Map<string, EvidenceResolver>();

export function registerEvidenceResolver(r: EvidenceResolver): void {
  registry.set(r.type, r);
}
for (const r of moduleEvidenceResolvers) registerEvidenceResolver(r);

export function evidenceTypes(): { recordType: string; label: Bilingual }[] {
  return [...registry.values()].map((r) => ({ recordType: r.type, label: r.label }));
}

function resolverOf(type: string): EvidenceResolver {
  const r = registry.get(type);
  if (!r) {
    throw new AppError('validation_failed', `Unknown record type ${type}`, [
      { field: 'recordType', message: `unknown record type ${type}; known: ${[...registry.keys()].join(', ')}` },
    ]);
  }
  return r;
}

/** Who may tag or untag a record: the programme office, or editors of the record's own organisation subtree. */
async function assertMayTag(db: Db, actor: Actor, rec: EvidenceRecord) {
  await assertCanWriteUnder(db, actor, rec.organisationId, "the record's organisation");
}

async function resolveOne(db: Db, type: string, id: number): Promise<EvidenceRecord> {
  const rec = (await resolverOf(type).resolve(db, [id])).get(id);
  if (!rec) throw new AppError('validation_failed', `No ${type} ${id}`, [{ field: 'recordId', message: `no ${type} ${id}` }]);
  return rec;
}

export async function tagEvidence(
  db: Db,
  actor: Actor,
  recommendationId: number,
  raw: unknown,
  opts: { isDemo?: boolean } = {},
): Promise<C.EvidenceItem> {
  const input = parseInput(C.EvidenceInput, raw);
  return db.transaction(async (tx) => {
    await getRecommendation(tx, recommendationId);
    const rec = await resolveOne(tx, input.recordType, input.recordId);
    await assertMayTag(tx, actor, rec);
    const inserted = await tx
      .insert(recEvidence)
      .values({
        recommendationId,
        recordType: input.recordType,
        recordId: input.recordId,
        note: input.note ? nfc(input.note) : null,
        taggedBy: actor.name,
        isDemo: opts.isDemo ?? false,
      })
      .onConflictDoNothing()
      .returning({ at: recEvidence.taggedAt });
    if (!inserted.length)
      throw new AppError('conflict', 'Already tagged', [
        { field: 'recordId', message: `${input.recordType} ${input.recordId} is already evidence of this recommendation` },
      ]);
    const item: C.EvidenceItem = {
      recordType: input.recordType,
      recordId: input.recordId,
      ...rec,
      missing: false,
      note: input.note ?? null,
      taggedBy: actor.name,
      taggedAt: new Date(inserted[0]!.at).toISOString(),
    };
    await recordAudit(tx, actor, 'tag', AUDIT.evidence, `${recommendationId}:${input.recordType}:${input.recordId}`, null, {
      recommendationId,
      ...item,
    });
    return item;
  });
}

export async function untagEvidence(db: Db, actor: Actor, recommendationId: number, raw: unknown): Promise<void> {
  const input = parseInput(C.EvidenceInput, raw);
  await db.transaction(async (tx) => {
    const where = and(
      eq(recEvidence.recommendationId, recommendationId),
      eq(recEvidence.recordType, input.recordType),
      eq(recEvidence.recordId, input.recordId),
    );
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
  for (const t of tags) {
    const list = byType.get(t.recordType);
    if (list) list.push(t.recordId);
    else byType.set(t.recordType, [t.recordId]);
  }
  const resolved = new Map<string, Map<number, EvidenceRecord>>();
  for (const [type, ids] of byType) resolved.set(type, registry.has(type) ? await registry.get(type)!.resolve(db, ids) : new Map());
  return tags.map((t) => {
    const r = resolved.get(t.recordType)?.get(t.recordId);
    const base = {
      recordType: t.recordType,
      recordId: t.recordId,
      note: t.note,
      taggedBy: t.taggedBy,
      taggedAt: new Date(t.taggedAt).toISOString(),
    };
    return r
      ? { ...base, ...r, missing: false }
      : {
          ...base,
          label: `${t.recordType} #${t.recordId}`,
          date: null,
          organisationName: null,
          href: null,
          publicHref: null,
          public: false,
          missing: true,
        };
  });
}

/** A recommendation's evidence: counts per record type and one page of items, newest first. `publicOnly`: only records
 *  the public may see, counted after resolving (the tracker's view). */
export async function listEvidence(
  db: Db,
  recommendationId: number,
  opts: { publicOnly?: boolean; recordType?: string; limit?: number; offset?: number } = {},
): Promise<C.EvidenceList> {
  const limit = Math.min(opts.limit ?? 100, 500),
    offset = opts.offset ?? 0;
  const label = (type: string) => registry.get(type)?.label ?? { vi: type, en: type };
  if (opts.publicOnly) {
    const tags = await db
      .select()
      .from(recEvidence)
      .where(eq(recEvidence.recommendationId, recommendationId))
      .orderBy(sql`tagged_at desc, record_type, record_id`)
      .limit(5000);
    const items = (await resolveTags(db, tags)).filter((i) => i.public);
    const counts = new Map<string, number>();
    for (const i of items) counts.set(i.recordType, (counts.get(i.recordType) ?? 0) + 1);
    const shown = opts.recordType ? items.filter((i) => i.recordType === opts.recordType) : items;
    return {
      counts: [...counts].map(([recordType, count]) => ({ recordType, label: label(recordType), count })),
      total: items.length,
      items: shown.slice(offset, offset + limit),
    };
  }
  const counts = await rows<{ t: string; n: number }>(
    db,
    sql`select record_type as t, count(*)::int as n from rec_evidence where recommendation_id = ${recommendationId} group by record_type order by record_type`,
  );
  const page = await db
    .select()
    .from(recEvidence)
    .where(
      and(eq(recEvidence.recommendationId, recommendationId), opts.recordType ? eq(recEvidence.recordType, opts.recordType) : undefined),
    )
    .orderBy(sql`tagged_at desc, record_type, record_id`)
    .limit(limit)
    .offset(offset);
  return {
    counts: counts.map((c) => ({ recordType: c.t, label: label(c.t), count: Number(c.n) })),
    total: counts.reduce((s, c) => s + Number(c.n), 0),
    items: await resolveTags(db, page),
  };
}

const typeLabel = (type: string): Bilingual => registry.get(type)?.label ?? { vi: type, en: type };

/** The evidence of many recommendations at once, as `listEvidence` gives it for one (counts per record type, the
 *  newest `limit` items): three queries for any number of recommendations, then one resolver call per record type. */
export async function listEvidenceMany(db: Db, recommendationIds: number[], opts: { limit: number }): Promise<Map<number, C.EvidenceList>> {
  const out = new Map<number, C.EvidenceList>();
  if (!recommendationIds.length) return out;
  const ids = intArray(new Set(recommendationIds));
  const [counts, tags] = await Promise.all([
    rows<{ r: number; t: string; n: number }>(
      db,
      sql`select recommendation_id as r, record_type as t, count(*)::int as n from rec_evidence
      where recommendation_id = any(${ids}) group by recommendation_id, record_type order by recommendation_id, record_type`,
    ),
    db
      .select()
      .from(recEvidence)
      .where(
        sql`(recommendation_id, record_type, record_id) in (select recommendation_id, record_type, record_id from (
        select recommendation_id, record_type, record_id, row_number() over (partition by recommendation_id order by tagged_at desc, record_type, record_id) as k
        from rec_evidence where recommendation_id = any(${ids})) x where k <= ${opts.limit})`,
      )
      .orderBy(sql`recommendation_id, tagged_at desc, record_type, record_id`),
  ]);
  const items = await resolveTags(db, tags);
  for (const id of recommendationIds) out.set(id, { counts: [], total: 0, items: [] });
  for (const c of counts) {
    const e = out.get(Number(c.r))!;
    e.counts.push({ recordType: c.t, label: typeLabel(c.t), count: Number(c.n) });
    e.total += Number(c.n);
  }
  tags.forEach((t, i) => out.get(t.recommendationId)!.items.push(items[i]!));
  return out;
}

/** How many records the public may see each recommendation has as evidence (the tracker's list and open data): one
 *  query for the tags, then each record resolved once per record type however many recommendations it serves. */
export async function publicEvidenceTotals(db: Db, recommendationIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>(recommendationIds.map((id) => [id, 0]));
  if (!recommendationIds.length) return out;
  const tags = await rows<{ r: number; t: string; id: number }>(
    db,
    sql`select recommendation_id as r, record_type as t, record_id as id from rec_evidence
    where recommendation_id = any(${intArray(new Set(recommendationIds))})`,
  );
  const byType = new Map<string, Set<number>>();
  for (const x of tags) {
    const set = byType.get(x.t) ?? new Set<number>();
    if (!set.size) byType.set(x.t, set);
    set.add(Number(x.id));
  }
  const visible = new Set<string>();
  for (const [type, ids] of byType) {
    const resolver = registry.get(type);
    if (!resolver) continue;
    for (const [id, rec] of await resolver.resolve(db, [...ids])) if (rec.public) visible.add(`${type}:${id}`);
  }
  for (const x of tags) if (visible.has(`${x.t}:${x.id}`)) out.set(Number(x.r), (out.get(Number(x.r)) ?? 0) + 1);
  return out;
}

/** The evidence picker: records of every registered kind (or one, `recordType`) whose title contains every word of
 *  `q` — diacritics and case ignored — among those the actor may tag (the programme office: any; an editor: their
 *  organisation's subtree; other roles tag nothing), optionally of one organisation and those below it. Each resolver applies its records' own visibility. Newest first;
 *  with `recommendationId`, each hit says whether it is already evidence of that recommendation. */
export async function searchEvidence(db: Db, actor: Actor, raw: unknown): Promise<C.EvidenceSearchResult> {
  const q = parseInput(C.EvidenceSearchQuery, raw);
  if (actor.role !== 'admin' && actor.role !== 'system' && actor.role !== 'editor')
    throw forbidden(`Your role (${actor.role}) is read-only: it tags no evidence`);
  const words = foldedWords(q.q);
  if (!words.length)
    throw new AppError('validation_failed', 'Type a word of the title', [{ field: 'q', message: 'type a word of the title' }]);
  let organisationIds = actor.role === 'editor' ? (actor.organisationId === null ? [] : await subtreeIds(db, actor.organisationId)) : null;
  if (q.organisationId) {
    const under = await subtreeIds(db, q.organisationId);
    organisationIds = organisationIds ? under.filter((id) => organisationIds!.includes(id)) : under;
  }
  const resolvers = q.recordType ? [resolverOf(q.recordType)] : [...registry.values()];
  const found: (EvidenceHit & { recordType: string })[] = [];
  for (const r of resolvers) {
    if (!r.search || organisationIds?.length === 0) continue;
    for (const hit of await r.search(db, actor, { words, organisationIds, limit: q.limit })) found.push({ ...hit, recordType: r.type });
  }
  found.sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.label.localeCompare(b.label, 'vi'));
  const shown = found.slice(0, q.limit);
  const tagged = new Set<string>();
  if (q.recommendationId && shown.length) {
    const t = await db
      .select({ type: recEvidence.recordType, id: recEvidence.recordId })
      .from(recEvidence)
      .where(sql`recommendation_id = ${q.recommendationId} and record_id = any(${intArray(shown.map((h) => h.id))})`);
    for (const x of t) tagged.add(`${x.type}:${x.id}`);
  }
  return {
    items: shown.map((h) => ({
      recordType: h.recordType,
      typeLabel: typeLabel(h.recordType),
      recordId: h.id,
      label: h.label,
      date: h.date,
      organisationName: h.organisationName,
      href: h.href,
      public: h.public,
      tagged: tagged.has(`${h.recordType}:${h.id}`),
    })),
  };
}

/** The recommendations a record is evidence of (the record's own page in its module), in reference order. */
export async function recommendationsOfRecord(db: Db, recordType: string, recordId: number): Promise<C.RecordRecommendation[]> {
  resolverOf(recordType);
  const tags = await rows<{ id: number; tagged_by: string; tagged_at: Date | string }>(
    db,
    sql`
    select e.recommendation_id as id, e.tagged_by, e.tagged_at from rec_evidence e where e.record_type = ${recordType} and e.record_id = ${recordId}`,
  );
  const recs = await loadRecommendations(
    db,
    tags.map((t) => Number(t.id)),
  );
  const by = new Map(tags.map((t) => [Number(t.id), t]));
  return recs
    .sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }))
    .map((r) => ({
      id: r.id,
      label: r.label,
      status: r.status,
      textVi: r.textVi,
      textEn: r.textEn,
      fictional: r.fictional,
      taggedBy: by.get(r.id)!.tagged_by,
      taggedAt: new Date(by.get(r.id)!.tagged_at).toISOString(),
    }));
}
