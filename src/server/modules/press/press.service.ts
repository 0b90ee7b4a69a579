// Press items (releases, conferences, statements, answers to the press): create and edit drafts, then
// move them along the lifecycle of press.workflow.ts. Bodies are sanitised before they are stored;
// editors act only for their organisation's subtree, admins anywhere, every other role reads only.
import crypto from 'node:crypto';
import { and, asc, desc, eq, ilike, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import * as C from '../../../shared/contracts/press.js';
import { audienceSet } from '../../../shared/contracts/library.js';
import { recordAudit, systemActor, type Actor } from '../../kernel/audit.js';
import { iso, type Db } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { htmlToText, sanitizeHtml } from '../../kernel/html.js';
import { containsPattern, fold, foldedWords, nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDatesWritable } from '../../kernel/dateLock.js';
import { organisations } from '../directory/directory.tables.js';
import { assertCanWriteUnder, getOrganisation } from '../directory/organisations.service.js';
import { attachmentsByItem } from './press.attachments.js';
import { pressItems, pressItemTopics, pressTopics } from './press.tables.js';
import { ACTION_TARGET, assertTransition, isEditable, PUBLIC_STATUSES, type PressAction } from './press.workflow.js';

const base = (db: Db) =>
  db
    .select({ p: pressItems, organisationName: organisations.nameVi })
    .from(pressItems)
    .innerJoin(organisations, eq(organisations.id, pressItems.organisationId));
type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

async function withTopics(db: Db, list: Row[]): Promise<C.PressItem[]> {
  const ids = list.map((r) => r.p.id);
  const links = ids.length
    ? await db
        .select({
          itemId: pressItemTopics.itemId,
          id: pressTopics.id,
          code: pressTopics.code,
          nameVi: pressTopics.nameVi,
          nameEn: pressTopics.nameEn,
        })
        .from(pressItemTopics)
        .innerJoin(pressTopics, eq(pressTopics.id, pressItemTopics.topicId))
        .where(inArray(pressItemTopics.itemId, ids))
        .orderBy(asc(pressTopics.sortOrder))
    : [];
  const files = await attachmentsByItem(db, ids);
  return list.map(({ p, organisationName }) => ({
    id: p.id,
    kind: p.kind as C.PressKind,
    organisationId: p.organisationId,
    organisationName,
    title: p.title,
    bodyHtml: p.bodyHtml,
    summary: p.summary,
    language: p.language,
    translationGroupId: p.translationGroupId,
    topics: links.filter((l) => l.itemId === p.id).map(({ itemId: _i, ...t }) => t),
    audiences: p.audiences,
    heldAt: iso(p.heldAt),
    scheduledAt: iso(p.scheduledAt),
    publishedAt: iso(p.publishedAt),
    status: p.status as C.PressStatus,
    withdrawalReason: p.withdrawalReason,
    withdrawnAt: iso(p.withdrawnAt),
    corrections: p.corrections,
    isDemo: p.isDemo,
    updatedAt: iso(p.updatedAt)!,
    attachments: files.get(p.id) ?? [],
  }));
}

export async function getPressItem(db: Db, id: number): Promise<C.PressItem> {
  const r = await base(db).where(eq(pressItems.id, id));
  if (!r.length) throw notFound(`Press item ${id}`);
  return (await withTopics(db, r))[0];
}

/** Press items by id, in one query (unknown ids are skipped): for other modules that show many items (evidence). */
export async function loadPressItems(db: Db, ids: number[]): Promise<C.PressItem[]> {
  const wanted = [...new Set(ids)];
  return wanted.length ? withTopics(db, await base(db).where(inArray(pressItems.id, wanted))) : [];
}

/** Workspace list (every status) or, with `publicOnly`, what the public may see; withdrawn items as tombstones. */
export async function listPressItems(
  db: Db,
  q: Partial<C.PressItemListQuery>,
  opts: { publicOnly: true },
): Promise<{ items: C.PublicPressItem[]; total: number }>;
export async function listPressItems(
  db: Db,
  q: Partial<C.PressItemListQuery>,
  opts?: { publicOnly?: false },
): Promise<{ items: C.PressItem[]; total: number }>;
export async function listPressItems(
  db: Db,
  q: Partial<C.PressItemListQuery>,
  opts: { publicOnly?: boolean } = {},
): Promise<{ items: (C.PressItem | C.PublicPressItem)[]; total: number }> {
  const where: SQL[] = [];
  if (opts.publicOnly) where.push(inArray(pressItems.status, [...PUBLIC_STATUSES]));
  if (q.status) where.push(eq(pressItems.status, q.status));
  if (q.organisationId) where.push(eq(pressItems.organisationId, q.organisationId));
  if (q.kind) where.push(eq(pressItems.kind, q.kind));
  if (q.language) where.push(eq(pressItems.language, q.language));
  if (q.topic)
    where.push(
      sql`exists (select 1 from ${pressItemTopics} it join ${pressTopics} t on t.id = it.topic_id where it.item_id = ${pressItems.id} and t.code = ${q.topic})`,
    );
  for (const word of foldedWords(q.q, Infinity)) where.push(ilike(pressItems.searchText, containsPattern(word)));
  const cond = where.length ? and(...where) : undefined;
  const r = await base(db)
    .where(cond)
    .orderBy(sql`${pressItems.publishedAt} desc nulls first`, desc(pressItems.id))
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0);
  const [t] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(pressItems)
    .where(cond);
  const items = await withTopics(db, r);
  return { items: opts.publicOnly ? items.map(toPublic) : items, total: t?.n ?? 0 };
}

/** A correction as the public sees it: when, the note, what changed and a replaced title; never who made it. */
export function toPublicCorrection(c: C.Correction): C.PublicCorrection {
  const title = c.previous?.title;
  return { at: c.at, note: c.note, changed: c.changed ?? [], ...(title !== undefined ? { previous: { title } } : {}) };
}

/** The public view: internal fields dropped; a withdrawn item keeps only its title, dates and reason. */
export function toPublic(i: C.PressItem): C.PublicPressItem {
  const { isDemo: _d, scheduledAt: _s, corrections, ...rest } = i;
  const pub = { ...rest, corrections: corrections.map(toPublicCorrection) };
  return i.status === 'withdrawn' ? { ...pub, bodyHtml: '', summary: null, attachments: [] } : pub;
}

export async function getPublicPressItem(db: Db, id: number): Promise<C.PublicPressItem> {
  const r = await base(db).where(and(eq(pressItems.id, id), inArray(pressItems.status, [...PUBLIC_STATUSES])));
  if (!r.length) throw notFound(`Press item ${id}`);
  return toPublic((await withTopics(db, r))[0]);
}

async function assertTopics(db: Db, ids: number[]) {
  if (!ids.length) return;
  const found = await db.select({ id: pressTopics.id }).from(pressTopics).where(inArray(pressTopics.id, ids));
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length)
    throw new AppError('validation_failed', `Unknown topic(s) ${missing.join(', ')}`, [
      { field: 'topicIds', message: `unknown topic id(s): ${missing.join(', ')}` },
    ]);
}

/** The one way a body is cleaned before it is stored (create, update, correction). */
const cleanBody = (bodyHtml: string) => sanitizeHtml(nfc(bodyHtml));
const searchTextOf = (title: string, summary: string | null, bodyHtml: string) =>
  fold([title, summary, htmlToText(bodyHtml)].filter(Boolean).join(' ')).slice(0, 20_000);

function content(title: string, bodyHtml: string, summary: string | null | undefined) {
  const body = cleanBody(bodyHtml);
  const sum = summary ? nfc(summary) : null;
  const t = nfc(title);
  return { title: t, bodyHtml: body, summary: sum, searchText: searchTextOf(t, sum, body) };
}

const translationError = (message: string) =>
  new AppError('validation_failed', `Translation of: ${message}`, [{ field: 'translationOf', message }]);

/** Serialises writes to one translation group, so two requests cannot both add the same language to it. */
async function lockGroup(db: Db, group: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'press_translation:' + group}))`);
}

/** The language versions in `group` other than `selfId`, with their language. */
async function groupMembers(db: Db, group: string, selfId: number | null) {
  const rows = await db
    .select({ id: pressItems.id, language: pressItems.language })
    .from(pressItems)
    .where(eq(pressItems.translationGroupId, group));
  return rows.filter((r) => r.id !== selfId);
}

/** The translation group an item joins as a translation of `translationOf`: that item must exist, belong to the same
 *  organisation or one the actor may write for, and its group must not already hold an item in `language`. */
async function translationGroupFor(
  db: Db,
  actor: Actor,
  v: { translationOf: number; organisationId: number; language: string; selfId: number | null },
): Promise<string> {
  if (v.translationOf === v.selfId) throw translationError('an item cannot be a translation of itself');
  const [o] = await db
    .select({ g: pressItems.translationGroupId, org: pressItems.organisationId })
    .from(pressItems)
    .where(eq(pressItems.id, v.translationOf));
  if (!o) throw translationError('no such item in this organisation');
  if (o.org !== v.organisationId) {
    try {
      await assertCanWriteUnder(db, actor, o.org, "the translated item's organisation");
    } catch (e) {
      if (e instanceof AppError && e.code === 'forbidden') throw translationError('no such item in this organisation');
      throw e;
    }
  }
  await lockGroup(db, o.g);
  const taken = (await groupMembers(db, o.g, v.selfId)).find((m) => m.language === v.language);
  if (taken)
    throw translationError(
      `the translation group already has an item in ${v.language} (#${taken.id}); a group holds one item per language`,
    );
  return o.g;
}

async function setTopics(db: Db, itemId: number, topicIds: number[]) {
  await db.delete(pressItemTopics).where(eq(pressItemTopics.itemId, itemId));
  const unique = [...new Set(topicIds)];
  if (unique.length) await db.insert(pressItemTopics).values(unique.map((topicId) => ({ itemId, topicId })));
}

export async function createPressItem(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.PressItem> {
  return db.transaction(async (tx) => {
    const input = parseInput(C.PressItemInput, raw);
    await getOrganisation(tx, input.organisationId);
    await assertCanWriteUnder(tx, actor, input.organisationId, "the item's organisation");
    await assertDatesWritable(tx, actor, [{ field: 'heldAt', day: input.heldAt }]);
    await assertTopics(tx, input.topicIds);
    const group = input.translationOf
      ? await translationGroupFor(tx, actor, {
          translationOf: input.translationOf,
          organisationId: input.organisationId,
          language: input.language,
          selfId: null,
        })
      : crypto.randomUUID();
    const [c] = await tx
      .insert(pressItems)
      .values({
        kind: input.kind,
        organisationId: input.organisationId,
        ...content(input.title, input.bodyHtml, input.summary),
        language: input.language,
        translationGroupId: group,
        heldAt: input.heldAt ? new Date(input.heldAt) : null,
        audiences: audienceSet(input.audiences),
        status: 'draft',
        createdBy: actor.userId,
        isDemo: opts.isDemo ?? false,
      })
      .returning({ id: pressItems.id });
    await setTopics(tx, c.id, input.topicIds);
    const after = await getPressItem(tx, c.id);
    await recordAudit(tx, actor, 'create', 'press_item', c.id, null, after);
    return after;
  });
}

export async function updatePressItem(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.PressItem> {
  return db.transaction(async (tx) => {
    const before = await getPressItem(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisationId, "the item's organisation");
    if (!isEditable(before.status))
      throw new AppError('conflict', `A ${before.status} item cannot be edited; publish a correction instead`, [
        { field: 'status', message: `${before.status} items are not editable` },
      ]);
    const input = parseInput(C.PressItemInput, raw);
    if (input.organisationId !== before.organisationId) await assertCanWriteUnder(tx, actor, input.organisationId, 'the new organisation');
    await assertDatesWritable(tx, actor, [
      { field: 'heldAt', day: before.heldAt },
      { field: 'heldAt', day: input.heldAt },
    ]);
    await assertTopics(tx, input.topicIds);
    let group = before.translationGroupId;
    if (input.translationOf) {
      group = await translationGroupFor(tx, actor, {
        translationOf: input.translationOf,
        organisationId: input.organisationId,
        language: input.language,
        selfId: id,
      });
    } else if (input.language !== before.language) {
      await lockGroup(tx, group);
      const taken = (await groupMembers(tx, group, id)).find((m) => m.language === input.language);
      if (taken)
        throw new AppError('validation_failed', `Its translation group already has an item in ${input.language}`, [
          {
            field: 'language',
            message: `a translation in ${input.language} already exists (#${taken.id}); a group holds one item per language`,
          },
        ]);
    }
    await tx
      .update(pressItems)
      .set({
        kind: input.kind,
        organisationId: input.organisationId,
        ...content(input.title, input.bodyHtml, input.summary),
        language: input.language,
        translationGroupId: group,
        heldAt: input.heldAt ? new Date(input.heldAt) : null,
        audiences: audienceSet(input.audiences),
        updatedAt: new Date(),
      })
      .where(eq(pressItems.id, id));
    await setTopics(tx, id, input.topicIds);
    const after = await getPressItem(tx, id);
    await recordAudit(tx, actor, 'update', 'press_item', id, before, after);
    return after;
  });
}

type Patch = Partial<typeof pressItems.$inferInsert>;

/** Moves an item along the lifecycle; `patch` computes the fields the action sets. */
async function transition(
  db: Db,
  actor: Actor,
  id: number,
  action: PressAction,
  patch: (before: C.PressItem) => Patch,
): Promise<C.PressItem> {
  return db.transaction(async (tx) => {
    const before = await getPressItem(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisationId, "the item's organisation");
    assertTransition(before.status, ACTION_TARGET[action]);
    const set = patch(before);
    // A published item counts on its publication day (T1): publishing, correcting or withdrawing it is a write dated then.
    await assertDatesWritable(tx, actor, [
      { field: 'publishedAt', day: before.publishedAt },
      { field: 'publishedAt', day: set.publishedAt },
    ]);
    await tx
      .update(pressItems)
      .set({ ...set, status: ACTION_TARGET[action], updatedAt: new Date() })
      .where(eq(pressItems.id, id));
    const after = await getPressItem(tx, id);
    await recordAudit(tx, actor, action, 'press_item', id, before, after);
    return after;
  });
}

export async function schedulePressItem(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()) {
  const input = parseInput(C.ScheduleInput, raw);
  const at = new Date(input.scheduledAt);
  if (at <= now)
    throw new AppError('validation_failed', 'The scheduled time must be in the future', [
      { field: 'scheduledAt', message: 'must be in the future' },
    ]);
  return transition(db, actor, id, 'schedule', () => ({ scheduledAt: at }));
}

export async function unschedulePressItem(db: Db, actor: Actor, id: number) {
  return transition(db, actor, id, 'unschedule', () => ({ scheduledAt: null }));
}

/** Publishes now. Admins (and seed/system paths) may record an earlier publication date (back-entry). */
export async function publishPressItem(db: Db, actor: Actor, id: number, raw: unknown = {}, now = new Date()) {
  const input = parseInput(C.PublishInput, raw ?? {});
  if (input.publishedAt && actor.role !== 'admin' && actor.role !== 'system') {
    throw new AppError('forbidden', 'Only administrators may record a past publication date');
  }
  const at = input.publishedAt ? new Date(input.publishedAt) : now;
  if (at > now)
    throw new AppError('validation_failed', 'Publication date in the future: schedule the item instead', [
      { field: 'publishedAt', message: 'must not be in the future' },
    ]);
  return transition(db, actor, id, 'publish', () => ({ publishedAt: at, scheduledAt: null }));
}

/** Corrects a published (or already corrected) item: the new title, summary and body (absent: unchanged; the body
 *  sanitised as on create) with a required note. The correction entry records which fields changed and their
 *  previous values, so every earlier version stays readable; the audit entry has the whole before and after. */
export async function correctPressItem(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()) {
  const input = parseInput(C.CorrectInput, raw);
  return transition(db, actor, id, 'correct', (b) => {
    const title = input.title === undefined ? b.title : nfc(input.title);
    const summary = input.summary === undefined ? b.summary : input.summary ? nfc(input.summary) : null;
    const bodyHtml = input.bodyHtml === undefined ? b.bodyHtml : cleanBody(input.bodyHtml);
    const changed: C.CorrectionField[] = [];
    const previous: NonNullable<C.Correction['previous']> = {};
    if (title !== b.title) {
      changed.push('title');
      previous.title = b.title;
    }
    if (summary !== b.summary) {
      changed.push('summary');
      previous.summary = b.summary;
    }
    if (bodyHtml !== b.bodyHtml) {
      changed.push('body');
      previous.bodyHtml = b.bodyHtml;
    }
    return {
      title,
      summary,
      bodyHtml,
      searchText: searchTextOf(title, summary, bodyHtml),
      corrections: [...b.corrections, { at: now.toISOString(), by: actor.name, note: nfc(input.note), changed, previous }],
    };
  });
}

/** The other language versions of an item (its translation group, every status), for the workspace. */
export async function listPressTranslations(db: Db, id: number): Promise<C.PressTranslation[]> {
  const [item] = await db.select({ g: pressItems.translationGroupId }).from(pressItems).where(eq(pressItems.id, id));
  if (!item) throw notFound(`Press item ${id}`);
  return db
    .select({
      id: pressItems.id,
      title: pressItems.title,
      language: pressItems.language,
      status: pressItems.status,
      organisationId: pressItems.organisationId,
    })
    .from(pressItems)
    .where(and(eq(pressItems.translationGroupId, item.g), ne(pressItems.id, id)))
    .orderBy(asc(pressItems.language), asc(pressItems.id)) as Promise<C.PressTranslation[]>;
}

/** Takes a draft or scheduled item out of its translation group: it gets a group of its own. */
export async function unlinkPressTranslation(db: Db, actor: Actor, id: number): Promise<C.PressItem> {
  return db.transaction(async (tx) => {
    const before = await getPressItem(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisationId, "the item's organisation");
    if (!isEditable(before.status))
      throw new AppError('conflict', `A ${before.status} item stays linked to its translations`, [
        { field: 'status', message: 'only draft or scheduled items can be unlinked' },
      ]);
    await lockGroup(tx, before.translationGroupId);
    if (!(await groupMembers(tx, before.translationGroupId, id)).length) {
      throw new AppError('conflict', 'The item is not linked to any translation', [
        { field: 'translationOf', message: 'not linked to any translation' },
      ]);
    }
    await tx.update(pressItems).set({ translationGroupId: crypto.randomUUID(), updatedAt: new Date() }).where(eq(pressItems.id, id));
    const after = await getPressItem(tx, id);
    await recordAudit(tx, actor, 'unlink_translation', 'press_item', id, before, after);
    return after;
  });
}

export async function withdrawPressItem(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()) {
  const input = parseInput(C.WithdrawInput, raw);
  return transition(db, actor, id, 'withdraw', () => ({ withdrawalReason: nfc(input.reason), withdrawnAt: now }));
}

/** Publishes every scheduled item whose time has come, dated at its scheduled time. For a periodic job. */
export async function publishDueItems(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: pressItems.id, at: pressItems.scheduledAt })
    .from(pressItems)
    .where(and(eq(pressItems.status, 'scheduled'), lte(pressItems.scheduledAt, now)));
  const actor = systemActor('job', 'scheduler');
  let published = 0;
  for (const d of due) {
    try {
      await transition(db, actor, d.id, 'publish', () => ({ publishedAt: d.at, scheduledAt: null }));
      published++;
    } catch (e) {
      // Another server copy published it first, or it was unscheduled meanwhile: nothing to do.
      if (!(e instanceof AppError)) throw e;
    }
  }
  return published;
}
