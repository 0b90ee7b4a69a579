// Monitored items (T5b's denominator): added by staff one at a time or from a file, each
//   - grouped with its exact duplicates (same normalised words) and near duplicates (MinHash, LSH bands stored in
//     fc_item_bands; a candidate joins when its estimated Jaccard similarity reaches NEAR_DUPLICATE_JACCARD), so one
//     viral claim counts once per group while the group's size shows its spread;
//   - marked on-topic by the office's rules (fc_topic_rules, matched on whole words without diacritics): a subject
//     term and a Viet Nam term → yes; only one of the two, or an item without text → unsure (a person decides);
//     neither → no; an exclude phrase turns yes into unsure and anything else into no;
//   - matched against the claims (not withdrawn) with the claim matcher: the best three at or above SUGGEST_THRESHOLD
//     are suggested, the best one is linked automatically at AUTO_LINK_THRESHOLD for items of AUTO_LINK_MIN_WORDS
//     words or more; a person confirms, links by hand or undoes any link. A claim added (or reworded) later is matched
//     against the items of the last REMATCH_DAYS the same way (matchRecentItems); an undone link is never remade.
// No author identity is taken in or stored: the contract has no field for it and a file with such a column is refused.
import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import * as C from '../../../shared/contracts/factcheck.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { type Db, lockRow, rows } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { fold, nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { BANDS, exactKey, minhash, NEAR_DUPLICATE_JACCARD, ROWS, shingles, similarity } from './factcheck.dedupe.js';
import { buildClaimIndex, linkDecision, match, type ClaimIndex } from './factcheck.matcher.js';
import { normaliseText } from './factcheck.normalise.js';
import { assertMayWrite } from './factcheck.service.js';
import { fcClaims, fcItemActions, fcItemBands, fcItems, fcLinks, fcRatings, fcTopicRules } from './factcheck.tables.js';

export const ITEM_ENTITY = 'fc_item';
export const LINK_ENTITY = 'fc_link';
export const RULE_ENTITY = 'fc_topic_rule';
/** Suggestions kept per item. */
export const SUGGESTIONS = 3;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

// ---------------------------------------------------------------- on-topic rules

/** Whole-word, diacritic-insensitive form: "TP.HCM" → " tp hcm ". */
export const wordForm = (s: string) => ` ${fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

type Rule = C.TopicRule;
export type TopicVerdict = { onTopic: 'yes' | 'no' | 'unsure'; topics: string[]; ruleIds: number[] };

/** The rules' verdict on a text (pure: the office can read exactly what decides). */
export function judgeTopic(rules: Rule[], text: string): TopicVerdict {
  const t = wordForm(text);
  if (t.trim() === '') return { onTopic: 'unsure', topics: [], ruleIds: [] };
  const hits = rules.filter((r) => { const p = wordForm(r.phrase); return p.trim() !== '' && t.includes(p); });
  const subject = hits.filter((r) => r.kind === 'subject');
  const place = hits.some((r) => r.kind === 'place');
  const exclude = hits.some((r) => r.kind === 'exclude');
  const topics = [...new Set(subject.map((r) => r.topic!).filter(Boolean))].sort();
  let onTopic: TopicVerdict['onTopic'] = subject.length && place ? 'yes' : subject.length || place ? 'unsure' : 'no';
  if (exclude) onTopic = onTopic === 'yes' ? 'unsure' : 'no';
  return { onTopic, topics, ruleIds: hits.map((r) => r.id).sort((a, b) => a - b) };
}

export async function listTopicRules(db: Db): Promise<Rule[]> {
  return (await db.select({ id: fcTopicRules.id, kind: fcTopicRules.kind, phrase: fcTopicRules.phrase, language: fcTopicRules.language, topic: fcTopicRules.topic })
    .from(fcTopicRules).orderBy(asc(fcTopicRules.kind), asc(fcTopicRules.id))) as Rule[];
}

function assertOffice(actor: Actor) {
  if (!['admin', 'reviewer', 'system'].includes(actor.role)) throw forbidden(`Only a reviewer or an admin edits the on-topic rules (your role: ${actor.role})`);
}

export async function createTopicRule(db: Db, actor: Actor, raw: unknown): Promise<Rule> {
  assertOffice(actor);
  const input = parseInput(C.TopicRuleInput, raw);
  return db.transaction(async (tx) => {
    const [r] = await tx.insert(fcTopicRules).values({ kind: input.kind, phrase: nfc(input.phrase), language: input.language, topic: input.topic ?? null, createdBy: actor.userId })
      .returning({ id: fcTopicRules.id, kind: fcTopicRules.kind, phrase: fcTopicRules.phrase, language: fcTopicRules.language, topic: fcTopicRules.topic });
    await recordAudit(tx, actor, 'create', RULE_ENTITY, r!.id, null, r);
    return r as Rule;
  });
}

export async function updateTopicRule(db: Db, actor: Actor, id: number, raw: unknown): Promise<Rule> {
  assertOffice(actor);
  const input = parseInput(C.TopicRuleInput, raw);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(fcTopicRules).where(eq(fcTopicRules.id, id));
    if (!before) throw notFound(`On-topic rule ${id}`);
    const [r] = await tx.update(fcTopicRules).set({ kind: input.kind, phrase: nfc(input.phrase), language: input.language, topic: input.topic ?? null }).where(eq(fcTopicRules.id, id))
      .returning({ id: fcTopicRules.id, kind: fcTopicRules.kind, phrase: fcTopicRules.phrase, language: fcTopicRules.language, topic: fcTopicRules.topic });
    await recordAudit(tx, actor, 'update', RULE_ENTITY, id, before, r);
    return r as Rule;
  });
}

export async function deleteTopicRule(db: Db, actor: Actor, id: number): Promise<void> {
  assertOffice(actor);
  await db.transaction(async (tx) => {
    const [before] = await tx.delete(fcTopicRules).where(eq(fcTopicRules.id, id)).returning();
    if (!before) throw notFound(`On-topic rule ${id}`);
    await recordAudit(tx, actor, 'delete', RULE_ENTITY, id, before, null);
  });
}

// ---------------------------------------------------------------- the claim index (rebuilt when claims change)

let cached: { key: string; index: ClaimIndex; size: number } | null = null;

/** The matcher's index over every claim not withdrawn; rebuilt only when a claim was added or changed. */
export async function claimIndex(db: Db): Promise<{ index: ClaimIndex; size: number }> {
  const [k] = await rows<{ n: string; m: string | null; s: string | null }>(db, sql`select count(*)::text as n, max(updated_at)::text as m, sum(id)::text as s from fc_claims where status <> 'withdrawn'`);
  const key = `${k!.n}|${k!.m}|${k!.s}`;
  if (cached?.key === key) return cached;
  const claims = await db.select({ id: fcClaims.id, text: fcClaims.text }).from(fcClaims).where(ne(fcClaims.status, 'withdrawn')).orderBy(asc(fcClaims.id));
  cached = { key, index: buildClaimIndex(claims.map((c) => ({ id: String(c.id), text: c.text }))), size: claims.length };
  return cached;
}

// ---------------------------------------------------------------- ingest

type Parsed = z_Item;
type z_Item = ReturnType<typeof C.ItemInput.parse>;
export type IngestResult = C.ImportResult & { ids: number[] };

const bandKeys = (sig: Uint32Array) => Array.from({ length: BANDS }, (_, b) => `${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`);

/** The group a new item joins: an exact duplicate's, else the best near duplicate's, else none (a new group). */
async function findGroup(db: Db, key: string, sig: Uint32Array | null, bands: string[]): Promise<number | null> {
  const [exact] = await db.select({ groupId: fcItems.groupId }).from(fcItems).where(eq(fcItems.exactKey, key)).orderBy(asc(fcItems.id)).limit(1);
  if (exact) return exact.groupId;
  if (!sig) return null;
  const cands = await db.selectDistinct({ id: fcItemBands.itemId }).from(fcItemBands).where(inArray(fcItemBands.band, bands));
  if (!cands.length) return null;
  const others = await db.select({ id: fcItems.id, groupId: fcItems.groupId, signature: fcItems.signature }).from(fcItems).where(inArray(fcItems.id, cands.map((c) => c.id)));
  let best: { s: number; groupId: number } | null = null;
  for (const o of others) {
    if (!o.signature) continue;
    const s = similarity(sig, Uint32Array.from(o.signature));
    if (s >= NEAR_DUPLICATE_JACCARD && (!best || s > best.s || (s === best.s && o.groupId! < best.groupId))) best = { s, groupId: o.groupId! };
  }
  return best?.groupId ?? null;
}

/** Writes parsed items (inside the caller's transaction): group, on-topic verdict, claim links. */
export async function ingestItems(tx: Db, actor: Actor, items: Parsed[], source: 'staff' | 'file' | 'feed' | 'form', opts: { isDemo?: boolean } = {}): Promise<IngestResult> {
  const rules = await listTopicRules(tx);
  const { index, size } = await claimIndex(tx);
  const result: IngestResult = { created: 0, groups: 0, suggested: 0, autoLinked: 0, unsure: 0, ids: [] };
  for (const it of items) {
    const text = nfc(it.text ?? '');
    const n = normaliseText(text);
    const hasWords = n.folded.length > 0;
    // Without words (a bare URL, emoji only): the URL, else the raw text, is what repeats.
    const key = hasWords ? exactKey(text) : `raw:${createHash('sha1').update(it.url ?? text).digest('hex')}`;
    const sh = hasWords ? shingles(n.folded) : new Set<string>();
    const sig = sh.size ? minhash(sh) : null;
    const bands = sig ? bandKeys(sig) : [];
    const groupId = await findGroup(tx, key, sig, bands);
    const verdict = judgeTopic(rules, text);
    const [row] = await tx.insert(fcItems).values({
      text, url: it.url ?? null, platform: it.platform, publishedAt: it.publishedAt ? new Date(it.publishedAt) : null, source, language: n.lang, words: n.words,
      topics: verdict.topics, onTopic: verdict.onTopic, onTopicBy: 'rules', onTopicRuleIds: verdict.ruleIds,
      exactKey: key, signature: sig ? Array.from(sig) : null, groupId, isDemo: opts.isDemo ?? false, createdBy: actor.userId,
    }).returning({ id: fcItems.id });
    const id = row!.id;
    if (groupId === null) { await tx.update(fcItems).set({ groupId: id }).where(eq(fcItems.id, id)); result.groups++; }
    if (bands.length) await tx.insert(fcItemBands).values(bands.map((band) => ({ itemId: id, band })));
    if (verdict.onTopic === 'unsure') result.unsure++;
    if (hasWords && size) {
      const links = match(index, text, SUGGESTIONS)
        .map((m) => ({ m, d: m.rank === 1 ? linkDecision(m.score, n.words) : (linkDecision(m.score, 0) as 'suggest' | 'none') }))
        .filter((x) => x.d !== 'none');
      if (links.length) {
        await tx.insert(fcLinks).values(links.map(({ m, d }) => ({ itemId: id, claimId: Number(m.claimId), status: d === 'auto' ? 'auto' : 'suggested', score: m.score, decidedAt: d === 'auto' ? new Date() : null })));
        for (const l of links) { if (l.d === 'auto') result.autoLinked++; else result.suggested++; }
      }
    }
    result.created++;
    result.ids.push(id);
  }
  return result;
}

/** Items received within this many days are matched again when a claim is added or its text changes. */
export const REMATCH_DAYS = 90;
/** At most this many of them (the newest first). */
export const REMATCH_LIMIT = 5000;

/** A new (or reworded) claim is matched against the recent items as if they had arrived now: each item not yet linked
 *  to it gets the link its rank and score give (suggested, or automatic for the best match of an item of 8 words or
 *  more). Runs in the caller's transaction; returns the links made. */
export async function matchRecentItems(tx: Db, claimId: number, now = new Date()): Promise<number> {
  const { index } = await claimIndex(tx);
  const since = new Date(now.getTime() - REMATCH_DAYS * 86_400_000);
  const recent = await rows<{ id: number; text: string; words: number }>(tx, sql`
    select i.id, i.text, i.words from fc_items i
    where i.received_at >= ${since.toISOString()}::timestamptz and i.words > 0
      and not exists (select 1 from fc_links l where l.item_id = i.id and l.claim_id = ${claimId})
    order by i.id desc limit ${REMATCH_LIMIT}`);
  const links: (typeof fcLinks.$inferInsert)[] = [];
  const key = String(claimId);
  for (const it of recent) {
    const m = match(index, it.text, SUGGESTIONS).find((x) => x.claimId === key);
    if (!m) continue;
    const d = m.rank === 1 ? linkDecision(m.score, it.words) : linkDecision(m.score, 0);
    if (d === 'none') continue;
    links.push({ itemId: Number(it.id), claimId, status: d === 'auto' ? 'auto' : 'suggested', score: m.score, decidedAt: d === 'auto' ? now : null });
  }
  for (let i = 0; i < links.length; i += 1000) await tx.insert(fcLinks).values(links.slice(i, i + 1000)).onConflictDoNothing();
  return links.length;
}

/** One item entered by staff (its text and/or URL). */
export async function addItem(db: Db, actor: Actor, raw: unknown): Promise<C.Item> {
  assertMayWrite(actor);
  const input = parseInput(C.ItemInput, raw);
  return db.transaction(async (tx) => {
    const r = await ingestItems(tx, actor, [input], 'staff');
    const after = await getItem(tx, r.ids[0]!);
    await recordAudit(tx, actor, 'create', ITEM_ENTITY, after.id, null, after);
    return after;
  });
}

// ---------------------------------------------------------------- reads

type ItemRow = typeof fcItems.$inferSelect;
async function present(db: Db, list: ItemRow[]): Promise<C.Item[]> {
  if (!list.length) return [];
  const ids = list.map((i) => i.id);
  const groups = [...new Set(list.map((i) => i.groupId!))];
  const sizes = new Map((await db.select({ g: fcItems.groupId, n: count() }).from(fcItems).where(inArray(fcItems.groupId, groups)).groupBy(fcItems.groupId)).map((r) => [r.g!, Number(r.n)]));
  const links = await db.select().from(fcLinks).where(inArray(fcLinks.itemId, ids)).orderBy(desc(fcLinks.score), asc(fcLinks.id));
  const actions = await db.select().from(fcItemActions).where(inArray(fcItemActions.itemId, ids)).orderBy(asc(fcItemActions.actedOn), asc(fcItemActions.id));
  return list.map((i) => ({
    id: i.id, text: i.text, url: i.url, platform: i.platform, publishedAt: iso(i.publishedAt), receivedAt: iso(i.receivedAt)!, source: i.source,
    language: i.language, words: i.words, topics: i.topics, onTopic: i.onTopic as C.Item['onTopic'], onTopicBy: i.onTopicBy as C.Item['onTopicBy'],
    onTopicRuleIds: i.onTopicRuleIds, onTopicDecidedBy: i.onTopicDecidedBy, groupId: i.groupId!, groupSize: sizes.get(i.groupId!) ?? 1,
    links: links.filter((l) => l.itemId === i.id).map(presentLink),
    actions: actions.filter((a) => a.itemId === i.id).map(presentAction),
  }));
}
const presentLink = (l: typeof fcLinks.$inferSelect): C.Link => ({
  id: l.id, itemId: l.itemId, claimId: l.claimId, status: l.status as C.Link['status'], score: l.score, decidedBy: l.decidedBy, decidedAt: iso(l.decidedAt), createdAt: iso(l.createdAt)!,
});

const presentAction = (a: typeof fcItemActions.$inferSelect): C.HandlingAction => ({
  id: a.id, itemId: a.itemId, action: a.action as C.HandlingAction['action'], actedOn: a.actedOn, reason: a.reason, createdBy: a.createdBy, createdAt: iso(a.createdAt)!,
});

export async function getItem(db: Db, id: number): Promise<C.Item> {
  const list = await db.select().from(fcItems).where(eq(fcItems.id, id));
  if (!list.length) throw notFound(`Item ${id}`);
  return (await present(db, list))[0]!;
}

export async function listItems(db: Db, raw: unknown): Promise<C.ItemList> {
  const q = parseInput(C.ItemListQuery, raw);
  const where: SQL[] = [];
  if (q.onTopic) where.push(eq(fcItems.onTopic, q.onTopic));
  if (q.groupId !== undefined) where.push(eq(fcItems.groupId, q.groupId));
  if (q.linkStatus) where.push(sql`exists (select 1 from fc_links l where l.item_id = ${fcItems.id} and l.status = ${q.linkStatus})`);
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = await db.select({ n: count() }).from(fcItems).where(cond) as [{ n: number }];
  const list = await db.select().from(fcItems).where(cond).orderBy(desc(fcItems.id)).limit(q.limit).offset(q.offset);
  return { total: Number(n), rows: await present(db, list) };
}

// ---------------------------------------------------------------- decisions by a person

const lockItem = (db: Db, id: number): Promise<C.Item> => lockRow(db, 'fc_items', id, 'Item', getItem);

/** A person decides whether an item is on-topic (where the rules were unsure, or to overrule them). */
export async function decideItemTopic(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Item> {
  assertMayWrite(actor);
  const input = parseInput(C.TopicDecision, raw);
  return db.transaction(async (tx) => {
    const before = await lockItem(tx, id);
    await tx.update(fcItems).set({
      onTopic: input.onTopic ? 'yes' : 'no', onTopicBy: 'person', onTopicDecidedBy: actor.userId, onTopicDecidedAt: new Date(),
      ...(input.topics ? { topics: [...new Set(input.topics)].sort() } : {}),
    }).where(eq(fcItems.id, id));
    const after = await getItem(tx, id);
    await recordAudit(tx, actor, 'decide-topic', ITEM_ENTITY, id, before, after);
    return after;
  });
}

async function lockLink(db: Db, id: number) {
  const r = await rows<{ id: number }>(db, sql`select id from fc_links where id = ${id} for update`);
  if (!r.length) throw notFound(`Link ${id}`);
  const [l] = await db.select().from(fcLinks).where(eq(fcLinks.id, id));
  return l!;
}

/** An analyst confirms a suggested or automatic link. */
export async function confirmLink(db: Db, actor: Actor, id: number): Promise<C.Link> {
  assertMayWrite(actor);
  return db.transaction(async (tx) => {
    const before = await lockLink(tx, id);
    if (before.status === 'confirmed') return presentLink(before);
    const [after] = await tx.update(fcLinks).set({ status: 'confirmed', decidedBy: actor.userId, decidedAt: new Date() }).where(eq(fcLinks.id, id)).returning();
    await recordAudit(tx, actor, 'confirm', LINK_ENTITY, id, before, after);
    return presentLink(after!);
  });
}

/** Undoes any link (suggested, automatic or confirmed): it stays on record as undone, by whom and when. */
export async function undoLink(db: Db, actor: Actor, id: number): Promise<C.Link> {
  assertMayWrite(actor);
  return db.transaction(async (tx) => {
    const before = await lockLink(tx, id);
    if (before.status === 'undone') return presentLink(before);
    const [after] = await tx.update(fcLinks).set({ status: 'undone', decidedBy: actor.userId, decidedAt: new Date() }).where(eq(fcLinks.id, id)).returning();
    await recordAudit(tx, actor, 'undo', LINK_ENTITY, id, before, after);
    return presentLink(after!);
  });
}

/** A person links an item to a claim by hand (or confirms again a link undone before). */
export async function linkItem(db: Db, actor: Actor, itemId: number, raw: unknown): Promise<C.Link> {
  assertMayWrite(actor);
  const input = parseInput(C.ManualLinkInput, raw);
  return db.transaction(async (tx) => {
    await lockItem(tx, itemId);
    const [claim] = await tx.select({ id: fcClaims.id, status: fcClaims.status }).from(fcClaims).where(eq(fcClaims.id, input.claimId));
    if (!claim) throw new AppError('validation_failed', `No claim ${input.claimId}`, [{ field: 'claimId', message: 'no such claim' }]);
    if (claim.status === 'withdrawn') throw new AppError('conflict', `Claim ${input.claimId} is withdrawn`, [{ field: 'claimId', message: 'withdrawn' }]);
    const [before] = await tx.select().from(fcLinks).where(and(eq(fcLinks.itemId, itemId), eq(fcLinks.claimId, input.claimId)));
    const now = new Date();
    const [after] = before
      ? await tx.update(fcLinks).set({ status: 'confirmed', decidedBy: actor.userId, decidedAt: now }).where(eq(fcLinks.id, before.id)).returning()
      : await tx.insert(fcLinks).values({ itemId, claimId: input.claimId, status: 'confirmed', score: null, decidedBy: actor.userId, decidedAt: now }).returning();
    await recordAudit(tx, actor, 'link', LINK_ENTITY, after!.id, before ?? null, after);
    return presentLink(after!);
  });
}

// ---------------------------------------------------------------- handling (T5c)

/** Records an action taken on an item linked — itself or another item of its duplicate group — (automatically or by a
 *  person, not undone) to a claim whose rating counts as false (false, partly false): fact-check published, agency clarification, correction requested,
 *  platform report, or no action needed (with its reason). */
export async function recordHandlingAction(db: Db, actor: Actor, itemId: number, raw: unknown, today = new Date()): Promise<C.Item> {
  assertMayWrite(actor);
  const input = parseInput(C.HandlingActionInput, raw);
  const t = new Date(`${input.actedOn}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== input.actedOn) throw new AppError('validation_failed', `${input.actedOn} is not a calendar date`, [{ field: 'actedOn', message: 'not a calendar date' }]);
  if (input.actedOn > today.toISOString().slice(0, 10)) throw new AppError('validation_failed', 'An action is recorded once taken', [{ field: 'actedOn', message: 'in the future' }]);
  return db.transaction(async (tx) => {
    const before = await lockItem(tx, itemId);
    // The item, or another item of its duplicate group (a repost of a false claim is handled like the original).
    const falseLinks = await tx.select({ id: fcLinks.id }).from(fcLinks)
      .innerJoin(fcItems, eq(fcItems.id, fcLinks.itemId))
      .innerJoin(fcClaims, eq(fcClaims.id, fcLinks.claimId)).innerJoin(fcRatings, eq(fcRatings.code, fcClaims.ratingCode))
      .where(and(eq(fcItems.groupId, before.groupId), inArray(fcLinks.status, ['auto', 'confirmed']), eq(fcRatings.countsAsFalse, true), ne(fcClaims.status, 'withdrawn')));
    if (!falseLinks.length) {
      throw new AppError('conflict', 'Handling is recorded for items linked to a claim rated false or partly false', [{ field: 'itemId', message: 'not linked to a claim rated false or partly false' }]);
    }
    await tx.insert(fcItemActions).values({ itemId, action: input.action, actedOn: input.actedOn, reason: input.reason ? nfc(input.reason) : null, createdBy: actor.userId });
    const after = await getItem(tx, itemId);
    await recordAudit(tx, actor, `handle-${input.action}`, ITEM_ENTITY, itemId, before, after);
    return after;
  });
}
