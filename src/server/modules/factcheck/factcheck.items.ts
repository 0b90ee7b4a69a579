// Monitored items (T5b's denominator): added by staff one at a time or from a file, each stored whole (up to
// ITEM_TEXT_MAX characters) and
//   - grouped with its exact duplicates (same normalised words; a short caption only with the same caption over the
//     same link) and near duplicates (MinHash, LSH bands stored in fc_item_bands; a candidate joins when its estimated
//     Jaccard similarity reaches NEAR_DUPLICATE_JACCARD), so one viral claim counts once per group while the group's
//     size shows its spread — on its first ITEM_MATCH_CHARS characters (itemMatchText), as matching is;
//   - marked on-topic by the office's rules (fc_topic_rules; factcheck.topic.ts: whole words and phrases, accents where
//     a rule says they matter, masks, events that need a rights holder, exclusions; a place name alone is never a
//     reason to be unsure), the why of each decision stored with the item (on_topic_why); when the rules change,
//     every item the rules decided is judged again (rejudgeItems), a person's decisions stay;
//   - matched against the claims (not withdrawn) with the claim matcher: the best three at or above SUGGEST_THRESHOLD
//     are suggested, the best one is linked automatically at AUTO_LINK_THRESHOLD for items of AUTO_LINK_MIN_WORDS
//     words or more; a person confirms, links by hand or undoes any link. A claim added (or reworded) later is matched
//     against the items of the last REMATCH_DAYS the same way (matchRecentItems); an undone link is never remade.
// No author identity is taken in or stored: the contract has no field for it and a file with such a column is refused.
import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import * as C from '../../../shared/contracts/factcheck.js';
import { vnToday } from '../../../shared/format.js';
import { recordAudit, systemActor, type Actor } from '../../kernel/audit.js';
import { type Db, intArray, lockRow, rows, textArray, iso } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { noProgress, type ProgressReporter } from '../../kernel/progress.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDatesWritable } from '../../kernel/dateLock.js';
import { BANDS, dedupeFeatures, NEAR_DUPLICATE_JACCARD, NUM_HASHES, ROWS, similarity } from './factcheck.dedupe.js';
import { addClaim, buildClaimIndex, indexSize, linkDecision, matchPassages, removeClaim, type ClaimIndex } from './factcheck.matcher.js';
import { normaliseText } from './factcheck.normalise.js';
import { judgeTopic, type TopicVerdict } from './factcheck.topic.js';
import { readSearch, searchIds } from './factcheck.search.js';
import { assertMayWrite, assertOffice } from './factcheck.roles.js';
import { fcClaims, fcItemActions, fcItemBands, fcItems, fcLinks, fcRatings, fcTopicRules } from './factcheck.tables.js';

export const ITEM_ENTITY = 'fc_item';
export const LINK_ENTITY = 'fc_link';
export const RULE_ENTITY = 'fc_topic_rule';
/** Suggestions kept per item. */
export const SUGGESTIONS = 3;

// ---------------------------------------------------------------- on-topic rules

type Rule = C.TopicRule;
export type { TopicVerdict };
export { judgeTopic };

export async function listTopicRules(db: Db): Promise<Rule[]> {
  return (await db
    .select({
      id: fcTopicRules.id,
      kind: fcTopicRules.kind,
      phrase: fcTopicRules.phrase,
      language: fcTopicRules.language,
      topic: fcTopicRules.topic,
      accents: fcTopicRules.accents,
    })
    .from(fcTopicRules)
    .orderBy(asc(fcTopicRules.kind), asc(fcTopicRules.id))) as Rule[];
}

/** Items judged again after a change of the rules, on record (an item write: T5b/T5c recompute). */
async function rejudgeAudited(tx: Db, actor: Actor) {
  const n = await rejudgeItems(tx);
  if (n) await recordAudit(tx, actor, 'rejudge-on-topic', ITEM_ENTITY, null, null, { items: n });
}

export async function createTopicRule(db: Db, actor: Actor, raw: unknown): Promise<Rule> {
  assertOffice(actor, 'edit the on-topic rules');
  const input = parseInput(C.TopicRuleInput, raw);
  return db.transaction(async (tx) => {
    const [r] = await tx
      .insert(fcTopicRules)
      .values({
        kind: input.kind,
        phrase: nfc(input.phrase),
        language: input.language,
        topic: input.topic ?? null,
        accents: input.accents,
        createdBy: actor.userId,
      })
      .returning({
        id: fcTopicRules.id,
        kind: fcTopicRules.kind,
        phrase: fcTopicRules.phrase,
        language: fcTopicRules.language,
        topic: fcTopicRules.topic,
        accents: fcTopicRules.accents,
      });
    await recordAudit(tx, actor, 'create', RULE_ENTITY, r!.id, null, r);
    await rejudgeAudited(tx, actor);
    return r as Rule;
  });
}

export async function updateTopicRule(db: Db, actor: Actor, id: number, raw: unknown): Promise<Rule> {
  assertOffice(actor, 'edit the on-topic rules');
  const input = parseInput(C.TopicRuleInput, raw);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(fcTopicRules).where(eq(fcTopicRules.id, id));
    if (!before) throw notFound(`On-topic rule ${id}`);
    const [r] = await tx
      .update(fcTopicRules)
      .set({ kind: input.kind, phrase: nfc(input.phrase), language: input.language, topic: input.topic ?? null, accents: input.accents })
      .where(eq(fcTopicRules.id, id))
      .returning({
        id: fcTopicRules.id,
        kind: fcTopicRules.kind,
        phrase: fcTopicRules.phrase,
        language: fcTopicRules.language,
        topic: fcTopicRules.topic,
        accents: fcTopicRules.accents,
      });
    await recordAudit(tx, actor, 'update', RULE_ENTITY, id, before, r);
    await rejudgeAudited(tx, actor);
    return r as Rule;
  });
}

export async function deleteTopicRule(db: Db, actor: Actor, id: number): Promise<void> {
  assertOffice(actor, 'edit the on-topic rules');
  await db.transaction(async (tx) => {
    const [before] = await tx.delete(fcTopicRules).where(eq(fcTopicRules.id, id)).returning();
    if (!before) throw notFound(`On-topic rule ${id}`);
    await recordAudit(tx, actor, 'delete', RULE_ENTITY, id, before, null);
    await rejudgeAudited(tx, actor);
  });
}

/** Items the rules decided before they kept their why (migration 0037 changed the default rules too): judged again
 *  once, at start-up after the migrations (the module's reference step), on record; nothing to do afterwards. */
export async function judgeItemsWithoutWhy(db: Db): Promise<number> {
  const [r] = await rows<{ any: boolean }>(
    db,
    sql`select exists (select 1 from fc_items where on_topic_by = 'rules' and on_topic_why is null) as any`,
  );
  if (!r?.any) return 0;
  return db.transaction(async (tx) => {
    // Every such item counts as changed (its why was null), so each gets its why.
    const n = await rejudgeItems(tx);
    if (n) await recordAudit(tx, systemActor('job'), 'rejudge-on-topic', ITEM_ENTITY, null, null, { items: n });
    return n;
  });
}

/** After a change of the rules, every item the rules decided (not a person) is judged again by the new rules, so the
 *  monitored sample always follows the rules in force; a person's decisions stay. Returns the items whose verdict or
 *  topics changed (written in bulk, in the caller's transaction). */
export async function rejudgeItems(tx: Db): Promise<number> {
  const rules = await listTopicRules(tx);
  const list = await rows<{
    id: number;
    text: string;
    on_topic: string;
    topics: string[];
    on_topic_rule_ids: number[];
    on_topic_why: C.TopicWhy | null;
  }>(
    tx,
    sql`
    select id, text, on_topic, topics, on_topic_rule_ids, on_topic_why from fc_items where on_topic_by = 'rules'`,
  );
  const changed: { id: number; v: TopicVerdict }[] = [];
  for (const it of list) {
    const v = judgeTopic(rules, it.text);
    if (
      v.onTopic !== it.on_topic ||
      JSON.stringify(v.topics) !== JSON.stringify(it.topics) ||
      JSON.stringify(v.ruleIds) !== JSON.stringify(it.on_topic_rule_ids) ||
      JSON.stringify(v.why) !== JSON.stringify(it.on_topic_why)
    )
      changed.push({ id: Number(it.id), v });
  }
  for (let i = 0; i < changed.length; i += 5000) {
    const c = changed.slice(i, i + 5000);
    await tx.execute(sql`update fc_items i set on_topic = u.o, topics = u.t::jsonb, on_topic_rule_ids = u.r::jsonb, on_topic_why = u.w::jsonb
      from unnest(${intArray(c.map((x) => x.id))}, ${textArray(c.map((x) => x.v.onTopic))}, ${textArray(c.map((x) => JSON.stringify(x.v.topics)))}, ${textArray(c.map((x) => JSON.stringify(x.v.ruleIds)))}, ${textArray(c.map((x) => JSON.stringify(x.v.why)))}) as u(id, o, t, r, w)
      where i.id = u.id`);
  }
  return changed.length;
}

// ---------------------------------------------------------------- the claim index (changed claim by claim)

type Cached = { key: string; max: string | null; index: ClaimIndex; size: number; versions: Map<number, string> };
let cached: Cached | null = null;

/** The matcher's index over every claim not withdrawn. When claims changed, only those are added, replaced or removed
 *  (addClaim / removeClaim): the claims changed since the last look (updated_at at or after its latest) are read;
 *  when the count or the ids then disagree with the table (a claim deleted, or a status changed with an earlier
 *  timestamp), the (id, updated_at) list of every claim is compared instead. Nothing is rebuilt after the first call. */
export async function claimIndex(db: Db): Promise<{ index: ClaimIndex; size: number }> {
  const [k] = await rows<{ n: string; m: string | null; s: string | null; e: string | null }>(
    db,
    sql`select count(*)::text as n, max(updated_at)::text as m, coalesce(sum(id), 0)::text as s, sum(extract(epoch from updated_at))::text as e
      from fc_claims where status <> 'withdrawn'`,
  );
  const key = `${k!.n}|${k!.m}|${k!.s}|${k!.e}`;
  if (cached?.key === key) return cached;
  if (!cached) {
    const claims = await rows<{ id: number; text: string; v: string }>(
      db,
      sql`select id, text, updated_at::text as v from fc_claims where status <> 'withdrawn' order by id`,
    );
    cached = {
      key,
      max: k!.m,
      index: buildClaimIndex(claims.map((c) => ({ id: String(c.id), text: c.text }))),
      size: claims.length,
      versions: new Map(claims.map((c) => [Number(c.id), c.v])),
    };
    return cached;
  }
  const { index, versions } = cached;
  const apply = (list: { id: number; text: string; v: string; withdrawn: boolean }[]) => {
    for (const c of list) {
      const id = Number(c.id);
      if (c.withdrawn) {
        removeClaim(index, String(id));
        versions.delete(id);
      } else if (versions.get(id) !== c.v) {
        addClaim(index, { id: String(id), text: c.text });
        versions.set(id, c.v);
      }
    }
  };
  if (cached.max !== null)
    apply(
      await rows(
        db,
        sql`select id, text, updated_at::text as v, status = 'withdrawn' as withdrawn from fc_claims where updated_at >= ${cached.max}::timestamptz`,
      ),
    );
  let sum = 0;
  for (const id of versions.keys()) sum += id;
  if (versions.size !== Number(k!.n) || String(sum) !== k!.s) {
    const live = await rows<{ id: number; v: string }>(
      db,
      sql`select id, updated_at::text as v from fc_claims where status <> 'withdrawn'`,
    );
    const seen = new Set<number>();
    const changed: number[] = [];
    for (const r of live) {
      const id = Number(r.id);
      seen.add(id);
      if (versions.get(id) !== r.v) changed.push(id);
    }
    for (const id of [...versions.keys()])
      if (!seen.has(id)) {
        removeClaim(index, String(id));
        versions.delete(id);
      }
    for (let i = 0; i < changed.length; i += 5000)
      apply(
        await rows(
          db,
          sql`select id, text, updated_at::text as v, false as withdrawn from fc_claims where id = any(${intArray(changed.slice(i, i + 5000))}) order by id`,
        ),
      );
  }
  cached = { key, max: k!.m, index, size: indexSize(index), versions };
  return cached;
}

// ---------------------------------------------------------------- ingest

type Parsed = z_Item;
type z_Item = ReturnType<typeof C.ItemInput.parse>;
export type IngestResult = C.ImportResult & { ids: number[] };

const bandKeys = (sig: Uint32Array) =>
  Array.from({ length: BANDS }, (_, b) => `${b}:${Array.from(sig.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`);

type Prepared = {
  text: string;
  url: string | null;
  platform: string;
  publishedAt: Date | null;
  lang: string;
  words: number;
  hasWords: boolean;
  key: string;
  sig: Uint32Array | null;
  bands: string[];
  verdict: TopicVerdict;
};
/** The words of a long item past its match text (counted, not normalised: addresses and handles left out). */
function wordsPast(text: string): number {
  const head = C.itemMatchText(text);
  if (head.length === text.length) return 0;
  return (
    text
      .slice(head.length)
      .replace(/https?:\/\/\S+|www\.\S+|@[\p{L}\p{N}_.]+/gu, ' ')
      .match(/[\p{L}\p{N}]+/gu)?.length ?? 0
  );
}

/** Signatures of another scheme (an older shingling or band layout, told by their length) are recomputed once,
 *  with their bands, so that items stored before a change of the grouping still group with new ones. */
let signaturesChecked = false;
async function upgradeSignatures(tx: Db) {
  if (signaturesChecked) return;
  const old = await rows<{ id: number; text: string; url: string | null }>(
    tx,
    sql`select id, text, url from fc_items where signature is not null and jsonb_array_length(signature) <> ${NUM_HASHES}`,
  );
  for (let i = 0; i < old.length; i += 1000) {
    const chunk = old.slice(i, i + 1000).map((o) => ({ id: Number(o.id), sig: dedupeFeatures(o.text, o.url).sig }));
    const ids = chunk.map((c) => c.id);
    await tx.execute(sql`delete from fc_item_bands where item_id = any(${intArray(ids)})`);
    await tx.execute(
      sql`update fc_items i set signature = case when u.s = '' then null else u.s::jsonb end from unnest(${intArray(ids)}, ${textArray(
        chunk.map((c) => (c.sig ? JSON.stringify(Array.from(c.sig)) : '')),
      )}) as u(id, s) where i.id = u.id`,
    );
    const bandRows = chunk.flatMap((c) => (c.sig ? bandKeys(c.sig).map((band) => ({ itemId: c.id, band })) : []));
    for (let k = 0; k < bandRows.length; k += 5000) await tx.insert(fcItemBands).values(bandRows.slice(k, k + 5000));
  }
  // Known current only once a check found nothing to upgrade (an upgrade in a transaction rolled back is done again).
  if (!old.length) signaturesChecked = true;
}

/** Where an item of a batch goes: an existing group (its id), the group of an earlier item of the batch, or a new one. */
type Placement = { db: number } | { batch: number } | null;

/** Writes parsed items (inside the caller's transaction), a batch at a time with a fixed number of statements:
 *  each joins an exact duplicate's group (stored, or earlier in the batch), else the most similar near duplicate's
 *  (MinHash estimate ≥ NEAR_DUPLICATE_JACCARD among the items sharing an LSH band; ties go to the oldest group), else
 *  starts its own; then the on-topic verdict of the rules and the claim links. */
export async function ingestItems(
  tx: Db,
  actor: Actor,
  items: Parsed[],
  source: 'staff' | 'file' | 'feed' | 'form',
  opts: { isDemo?: boolean; progress?: ProgressReporter } = {},
): Promise<IngestResult> {
  const progress = opts.progress ?? noProgress;
  const result: IngestResult = { created: 0, groups: 0, suggested: 0, autoLinked: 0, unsure: 0, ids: [] };
  if (!items.length) return result;
  // Items counted in a past period (T5b, T5c) by their publication day: entered by staff or from a file, under the date lock.
  if (source === 'staff' || source === 'file')
    await assertDatesWritable(
      tx,
      actor,
      items.map((it) => ({ field: 'publishedAt', day: it.publishedAt })),
    );
  const rules = await listTopicRules(tx);
  const { index, size } = await claimIndex(tx);
  await upgradeSignatures(tx);
  const prep: Prepared[] = [];
  for (const it of items) {
    // Matching starts here (features of every item first): the figure says 0 matched while they are computed.
    await progress.step('match', 0, items.length);
    // Stored whole; grouped and matched on its first ITEM_MATCH_CHARS characters (factcheck.dedupe.ts).
    const text = nfc(it.text ?? '');
    const n = normaliseText(C.itemMatchText(text));
    const { hasWords, key, sig } = dedupeFeatures(text, it.url);
    prep.push({
      text,
      url: it.url ?? null,
      platform: it.platform,
      publishedAt: it.publishedAt ? new Date(it.publishedAt) : null,
      lang: n.lang,
      words: n.words + wordsPast(text),
      hasWords,
      key,
      sig,
      bands: sig ? bandKeys(sig) : [],
      verdict: judgeTopic(rules, text),
    });
  }

  // Stored groups: exact keys, and the items sharing a band (with their signatures), read once for the batch.
  const exact = new Map(
    (
      await rows<{ exact_key: string; group_id: number }>(
        tx,
        sql`
    select distinct on (exact_key) exact_key, group_id from fc_items where exact_key = any(${textArray(new Set(prep.map((p) => p.key)))})
    order by exact_key, id`,
      )
    ).map((r) => [r.exact_key, Number(r.group_id)]),
  );
  const allBands = new Set(prep.flatMap((p) => p.bands));
  const byBand = new Map<string, { itemId: number; groupId: number; sig: Uint32Array }[]>();
  if (allBands.size) {
    const cands = await rows<{ band: string; item_id: number; group_id: number; signature: number[] }>(
      tx,
      sql`
      select b.band, b.item_id, i.group_id, i.signature from fc_item_bands b join fc_items i on i.id = b.item_id
      where b.band = any(${textArray(allBands)}) and i.signature is not null`,
    );
    const sigs = new Map<number, Uint32Array>();
    for (const c of cands) {
      const id = Number(c.item_id);
      if (!sigs.has(id)) sigs.set(id, Uint32Array.from(c.signature));
      const list = byBand.get(c.band) ?? [];
      list.push({ itemId: id, groupId: Number(c.group_id), sig: sigs.get(id)! });
      byBand.set(c.band, list);
    }
  }

  // Placement, item by item in order (an item may join one received earlier in the same batch), and each item's claim
  // matches (the best three at or above the suggestion threshold; the best one automatic when strong and long).
  const place: Placement[] = [];
  const batchKey = new Map<string, number>();
  const batchBand = new Map<string, number[]>();
  const matches: { claimId: number; decision: 'auto' | 'suggest'; score: number }[][] = [];
  for (const [i, p] of prep.entries()) {
    await progress.step('match', i, prep.length); // rows matched so far; the event loop gets its turns
    let at: Placement = exact.has(p.key) ? { db: exact.get(p.key)! } : batchKey.has(p.key) ? { batch: batchKey.get(p.key)! } : null;
    if (!at && p.sig) {
      let best: { s: number; at: Placement; order: number } | null = null;
      const consider = (s: number, cand: Placement, order: number) => {
        if (s >= NEAR_DUPLICATE_JACCARD && (!best || s > best.s || (s === best.s && order < best.order))) best = { s, at: cand, order };
      };
      const seenDb = new Set<number>();
      const seenBatch = new Set<number>();
      for (const band of p.bands) {
        for (const c of byBand.get(band) ?? []) {
          if (seenDb.has(c.itemId)) continue;
          seenDb.add(c.itemId);
          consider(similarity(p.sig, c.sig), { db: c.groupId }, c.groupId);
        }
        for (const j of batchBand.get(band) ?? []) {
          if (seenBatch.has(j)) continue;
          seenBatch.add(j);
          // Stored groups are older than anything in the batch: on a tie they win.
          consider(similarity(p.sig, prep[j]!.sig!), { batch: j }, 2_147_483_647 + j);
        }
      }
      at = (best as { at: Placement } | null)?.at ?? null;
    }
    place.push(at);
    if (!batchKey.has(p.key)) batchKey.set(p.key, i);
    for (const band of p.bands) {
      const l = batchBand.get(band) ?? [];
      l.push(i);
      batchBand.set(band, l);
    }
    const mine: (typeof matches)[number] = [];
    if (p.verdict.onTopic === 'unsure') result.unsure++;
    if (p.hasWords && size)
      for (const m of matchPassages(index, C.itemMatchText(p.text), SUGGESTIONS)) {
        const d = m.rank === 1 && !m.passage ? linkDecision(m.score, p.words) : linkDecision(m.score, 0);
        if (d !== 'none') mine.push({ claimId: Number(m.claimId), decision: d, score: m.score });
      }
    matches.push(mine);
  }
  progress.report('match', prep.length, prep.length);

  // Items, a thousand rows per statement (RETURNING gives the ids in the order of the rows).
  const ids: number[] = [];
  for (let i = 0; i < prep.length; i += 1000) {
    await progress.step('write', i, prep.length);
    const chunk = prep.slice(i, i + 1000);
    const r = await tx
      .insert(fcItems)
      .values(
        chunk.map((p) => ({
          text: p.text,
          url: p.url,
          platform: p.platform,
          publishedAt: p.publishedAt,
          source,
          language: p.lang,
          words: p.words,
          topics: p.verdict.topics,
          onTopic: p.verdict.onTopic,
          onTopicBy: 'rules',
          onTopicRuleIds: p.verdict.ruleIds,
          onTopicWhy: p.verdict.why,
          exactKey: p.key,
          signature: p.sig ? Array.from(p.sig) : null,
          groupId: null,
          isDemo: opts.isDemo ?? false,
          createdBy: actor.userId,
        })),
      )
      .returning({ id: fcItems.id });
    ids.push(...r.map((x) => x.id));
  }
  const groupOf: number[] = [];
  place.forEach((at, i) => {
    groupOf[i] = at === null ? ids[i]! : 'db' in at ? at.db : groupOf[at.batch]!;
    if (at === null) result.groups++;
  });
  await tx.execute(
    sql`update fc_items i set group_id = u.g from unnest(${intArray(ids)}, ${intArray(groupOf)}) as u(id, g) where i.id = u.id`,
  );
  const bandRows = prep.flatMap((p, i) => p.bands.map((band) => ({ itemId: ids[i]!, band })));
  for (let i = 0; i < bandRows.length; i += 5000) await tx.insert(fcItemBands).values(bandRows.slice(i, i + 5000));

  // Claim links, as matched above.
  const linkRows: (typeof fcLinks.$inferInsert)[] = [];
  const now = new Date();
  matches.forEach((mine, i) => {
    for (const m of mine) {
      linkRows.push({
        itemId: ids[i]!,
        claimId: m.claimId,
        status: m.decision === 'auto' ? 'auto' : 'suggested',
        score: m.score,
        decidedAt: m.decision === 'auto' ? now : null,
      });
      if (m.decision === 'auto') result.autoLinked++;
      else result.suggested++;
    }
  });
  for (let i = 0; i < linkRows.length; i += 2000) await tx.insert(fcLinks).values(linkRows.slice(i, i + 2000));
  progress.report('write', prep.length, prep.length);
  result.created = prep.length;
  result.ids = ids;
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
  const recent = await rows<{ id: number; text: string; words: number }>(
    tx,
    sql`
    select i.id, i.text, i.words from fc_items i
    where i.received_at >= ${since.toISOString()}::timestamptz and i.words > 0
      and not exists (select 1 from fc_links l where l.item_id = i.id and l.claim_id = ${claimId})
    order by i.id desc limit ${REMATCH_LIMIT}`,
  );
  const links: (typeof fcLinks.$inferInsert)[] = [];
  const key = String(claimId);
  for (const it of recent) {
    const m = matchPassages(index, C.itemMatchText(it.text), SUGGESTIONS).find((x) => x.claimId === key);
    if (!m) continue;
    const d = m.rank === 1 && !m.passage ? linkDecision(m.score, it.words) : linkDecision(m.score, 0);
    if (d === 'none') continue;
    links.push({
      itemId: Number(it.id),
      claimId,
      status: d === 'auto' ? 'auto' : 'suggested',
      score: m.score,
      decidedAt: d === 'auto' ? now : null,
    });
  }
  for (let i = 0; i < links.length; i += 1000)
    await tx
      .insert(fcLinks)
      .values(links.slice(i, i + 1000))
      .onConflictDoNothing();
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
  const sizes = new Map(
    (
      await db.select({ g: fcItems.groupId, n: count() }).from(fcItems).where(inArray(fcItems.groupId, groups)).groupBy(fcItems.groupId)
    ).map((r) => [r.g!, Number(r.n)]),
  );
  const links = await db.select().from(fcLinks).where(inArray(fcLinks.itemId, ids)).orderBy(desc(fcLinks.score), asc(fcLinks.id));
  const actions = await db
    .select()
    .from(fcItemActions)
    .where(inArray(fcItemActions.itemId, ids))
    .orderBy(asc(fcItemActions.actedOn), asc(fcItemActions.id));
  return list.map((i) => ({
    id: i.id,
    text: i.text,
    url: i.url,
    platform: i.platform,
    publishedAt: iso(i.publishedAt),
    receivedAt: iso(i.receivedAt)!,
    source: i.source,
    language: i.language,
    words: i.words,
    topics: i.topics,
    onTopic: i.onTopic as C.Item['onTopic'],
    onTopicBy: i.onTopicBy as C.Item['onTopicBy'],
    onTopicRuleIds: i.onTopicRuleIds,
    onTopicWhy: i.onTopicBy === 'rules' ? (i.onTopicWhy ?? null) : null,
    onTopicDecidedBy: i.onTopicDecidedBy,
    groupId: i.groupId!,
    groupSize: sizes.get(i.groupId!) ?? 1,
    links: links.filter((l) => l.itemId === i.id).map(presentLink),
    actions: actions.filter((a) => a.itemId === i.id).map(presentAction),
  }));
}
const presentLink = (l: typeof fcLinks.$inferSelect): C.Link => ({
  id: l.id,
  itemId: l.itemId,
  claimId: l.claimId,
  status: l.status as C.Link['status'],
  score: l.score,
  decidedBy: l.decidedBy,
  decidedAt: iso(l.decidedAt),
  createdAt: iso(l.createdAt)!,
});

const presentAction = (a: typeof fcItemActions.$inferSelect): C.HandlingAction => ({
  id: a.id,
  itemId: a.itemId,
  action: a.action as C.HandlingAction['action'],
  actedOn: a.actedOn,
  reason: a.reason,
  createdBy: a.createdBy,
  createdAt: iso(a.createdAt)!,
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
  if (q.platform) where.push(eq(fcItems.platform, q.platform));
  if (q.source) where.push(eq(fcItems.source, q.source));
  if (q.linkStatus) where.push(sql`exists (select 1 from fc_links l where l.item_id = ${fcItems.id} and l.status = ${q.linkStatus})`);
  if (q.q !== undefined && q.q !== '') return searchItems(db, q, where);
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = (await db.select({ n: count() }).from(fcItems).where(cond)) as [{ n: number }];
  const list = await db.select().from(fcItems).where(cond).orderBy(desc(fcItems.id)).limit(q.limit).offset(q.offset);
  return { total: Number(n), rows: await present(db, list) };
}

/** The list with a search box (factcheck.search.ts): the filters' conditions on `fc_items t` and the search. */
async function searchItems(db: Db, q: ReturnType<typeof C.ItemListQuery.parse>, filters: SQL[]): Promise<C.ItemList> {
  const search = readSearch(q.q);
  const echo = { unsearchable: search.unsearchable, terms: search.terms };
  if (search.unsearchable || !search.folded) return { total: 0, search: echo, rows: [] };
  const page = await searchIds(db, {
    table: sql`fc_items`,
    idColumn: sql`fc_items.id`,
    textColumn: sql`fc_items.text`,
    where: filters,
    search,
    limit: q.limit,
    offset: q.offset,
  });
  const list = page.ids.length ? await db.select().from(fcItems).where(inArray(fcItems.id, page.ids)) : [];
  const byId = new Map(list.map((r) => [r.id, r]));
  return {
    total: page.total,
    ...(page.totalCapped ? { totalCapped: true } : {}),
    search: echo,
    rows: await present(db, page.ids.map((id) => byId.get(id)!).filter(Boolean)),
  };
}

// ---------------------------------------------------------------- decisions by a person

const lockItem = (db: Db, id: number): Promise<C.Item> => lockRow(db, 'fc_items', id, 'Item', getItem);

/** A person decides whether an item is on-topic (where the rules were unsure, or to overrule them). */
export async function decideItemTopic(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Item> {
  assertMayWrite(actor);
  const input = parseInput(C.TopicDecision, raw);
  return db.transaction(async (tx) => {
    const before = await lockItem(tx, id);
    await assertDatesWritable(tx, actor, [{ field: 'publishedAt', day: before.publishedAt ?? before.receivedAt }]);
    await tx
      .update(fcItems)
      .set({
        onTopic: input.onTopic ? 'yes' : 'no',
        onTopicBy: 'person',
        onTopicDecidedBy: actor.userId,
        onTopicDecidedAt: new Date(),
        ...(input.topics ? { topics: [...new Set(input.topics)].sort() } : {}),
      })
      .where(eq(fcItems.id, id));
    const after = await getItem(tx, id);
    await recordAudit(tx, actor, 'decide-topic', ITEM_ENTITY, id, before, after);
    return after;
  });
}

const lockLink = (db: Db, id: number) =>
  lockRow(db, 'fc_links', id, 'Link', async (d, i) => (await d.select().from(fcLinks).where(eq(fcLinks.id, i)))[0]!);

/** An analyst confirms a suggested or automatic link. */
export async function confirmLink(db: Db, actor: Actor, id: number): Promise<C.Link> {
  assertMayWrite(actor);
  return db.transaction(async (tx) => {
    const before = await lockLink(tx, id);
    if (before.status === 'confirmed') return presentLink(before);
    const [after] = await tx
      .update(fcLinks)
      .set({ status: 'confirmed', decidedBy: actor.userId, decidedAt: new Date() })
      .where(eq(fcLinks.id, id))
      .returning();
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
    const [after] = await tx
      .update(fcLinks)
      .set({ status: 'undone', decidedBy: actor.userId, decidedAt: new Date() })
      .where(eq(fcLinks.id, id))
      .returning();
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
    if (claim.status === 'withdrawn')
      throw new AppError('conflict', `Claim ${input.claimId} is withdrawn`, [{ field: 'claimId', message: 'withdrawn' }]);
    const [before] = await tx
      .select()
      .from(fcLinks)
      .where(and(eq(fcLinks.itemId, itemId), eq(fcLinks.claimId, input.claimId)));
    const now = new Date();
    const [after] = before
      ? await tx
          .update(fcLinks)
          .set({ status: 'confirmed', decidedBy: actor.userId, decidedAt: now })
          .where(eq(fcLinks.id, before.id))
          .returning()
      : await tx
          .insert(fcLinks)
          .values({ itemId, claimId: input.claimId, status: 'confirmed', score: null, decidedBy: actor.userId, decidedAt: now })
          .returning();
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
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== input.actedOn)
    throw new AppError('validation_failed', `${input.actedOn} is not a calendar date`, [
      { field: 'actedOn', message: 'not a calendar date' },
    ]);
  if (input.actedOn > vnToday(today))
    throw new AppError('validation_failed', 'An action is recorded once taken', [{ field: 'actedOn', message: 'in the future' }]);
  return db.transaction(async (tx) => {
    const before = await lockItem(tx, itemId);
    await assertDatesWritable(tx, actor, [{ field: 'actedOn', day: input.actedOn }]);
    // The item, or another item of its duplicate group (a repost of a false claim is handled like the original).
    const falseLinks = await tx
      .select({ id: fcLinks.id })
      .from(fcLinks)
      .innerJoin(fcItems, eq(fcItems.id, fcLinks.itemId))
      .innerJoin(fcClaims, eq(fcClaims.id, fcLinks.claimId))
      .innerJoin(fcRatings, eq(fcRatings.code, fcClaims.ratingCode))
      .where(
        and(
          eq(fcItems.groupId, before.groupId),
          inArray(fcLinks.status, ['auto', 'confirmed']),
          eq(fcRatings.countsAsFalse, true),
          ne(fcClaims.status, 'withdrawn'),
        ),
      );
    if (!falseLinks.length) {
      throw new AppError('conflict', 'Handling is recorded for items linked to a claim rated false or partly false', [
        { field: 'itemId', message: 'not linked to a claim rated false or partly false' },
      ]);
    }
    await tx.insert(fcItemActions).values({
      itemId,
      action: input.action,
      actedOn: input.actedOn,
      reason: input.reason ? nfc(input.reason) : null,
      createdBy: actor.userId,
    });
    const after = await getItem(tx, itemId);
    await recordAudit(tx, actor, `handle-${input.action}`, ITEM_ENTITY, itemId, before, after);
    return after;
  });
}
