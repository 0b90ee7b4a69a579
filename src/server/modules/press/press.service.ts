// Press items (releases, conferences, statements, answers to the press): create and edit drafts, then
// move them along the lifecycle of press.workflow.ts. Bodies are sanitised before they are stored;
// editors act only for their organisation's subtree, admins anywhere, every other role reads only.
import crypto from 'node:crypto';
import { and, asc, desc, eq, ilike, inArray, lte, sql, type SQL } from 'drizzle-orm';
import * as C from '../../../shared/contracts/press.js';
import { recordAudit, systemActor, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { markPressChanged } from './press.changes.js';
import { htmlToText, sanitizeHtml } from '../../kernel/html.js';
import { fold, nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { organisations } from '../directory/directory.tables.js';
import { assertCanWriteUnder, getOrganisation } from '../directory/organisations.service.js';
import { attachmentsByItem } from './press.attachments.js';
import { pressItems, pressItemTopics, pressTopics } from './press.tables.js';
import { ACTION_TARGET, assertTransition, isEditable, PUBLIC_STATUSES, type PressAction } from './press.workflow.js';

const base = (db: Db) => db.select({ p: pressItems, organisationName: organisations.nameVi }).from(pressItems)
  .innerJoin(organisations, eq(organisations.id, pressItems.organisationId));
type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function withTopics(db: Db, list: Row[]): Promise<C.PressItem[]> {
  const ids = list.map((r) => r.p.id);
  const links = ids.length ? await db.select({ itemId: pressItemTopics.itemId, id: pressTopics.id, code: pressTopics.code, nameVi: pressTopics.nameVi, nameEn: pressTopics.nameEn })
    .from(pressItemTopics).innerJoin(pressTopics, eq(pressTopics.id, pressItemTopics.topicId)).where(inArray(pressItemTopics.itemId, ids)).orderBy(asc(pressTopics.sortOrder)) : [];
  const files = await attachmentsByItem(db, ids);
  return list.map(({ p, organisationName }) => ({
    id: p.id, kind: p.kind as C.PressKind, organisationId: p.organisationId, organisationName, title: p.title, bodyHtml: p.bodyHtml, summary: p.summary,
    language: p.language, translationGroupId: p.translationGroupId, topics: links.filter((l) => l.itemId === p.id).map(({ itemId: _i, ...t }) => t),
    heldAt: iso(p.heldAt), scheduledAt: iso(p.scheduledAt), publishedAt: iso(p.publishedAt), status: p.status as C.PressStatus,
    withdrawalReason: p.withdrawalReason, withdrawnAt: iso(p.withdrawnAt), corrections: p.corrections, isDemo: p.isDemo, updatedAt: iso(p.updatedAt)!,
    attachments: files.get(p.id) ?? [],
  }));
}

export async function getPressItem(db: Db, id: number): Promise<C.PressItem> {
  const r = await base(db).where(eq(pressItems.id, id));
  if (!r.length) throw notFound(`Press item ${id}`);
  return (await withTopics(db, r))[0];
}

/** Workspace list (every status) or, with `publicOnly`, what the public may see; withdrawn items as tombstones. */
export async function listPressItems(db: Db, q: Partial<C.PressItemListQuery>, opts: { publicOnly?: boolean } = {}): Promise<{ items: (C.PressItem | C.PublicPressItem)[]; total: number }> {
  const where: SQL[] = [];
  if (opts.publicOnly) where.push(inArray(pressItems.status, [...PUBLIC_STATUSES]));
  if (q.status) where.push(eq(pressItems.status, q.status));
  if (q.organisationId) where.push(eq(pressItems.organisationId, q.organisationId));
  if (q.kind) where.push(eq(pressItems.kind, q.kind));
  if (q.language) where.push(eq(pressItems.language, q.language));
  if (q.topic) where.push(sql`exists (select 1 from ${pressItemTopics} it join ${pressTopics} t on t.id = it.topic_id where it.item_id = ${pressItems.id} and t.code = ${q.topic})`);
  for (const word of fold(q.q ?? '').split(' ').filter(Boolean)) where.push(ilike(pressItems.searchText, `%${word.replace(/[%_\\]/g, (m) => '\\' + m)}%`));
  const cond = where.length ? and(...where) : undefined;
  const r = await base(db).where(cond).orderBy(sql`${pressItems.publishedAt} desc nulls first`, desc(pressItems.id)).limit(q.limit ?? 50).offset(q.offset ?? 0);
  const [t] = await db.select({ n: sql<number>`count(*)::int` }).from(pressItems).where(cond);
  const items = await withTopics(db, r);
  return { items: opts.publicOnly ? items.map(toPublic) : items, total: t?.n ?? 0 };
}

/** The public view: internal fields dropped; a withdrawn item keeps only its title, dates and reason. */
export function toPublic(i: C.PressItem): C.PublicPressItem {
  const { isDemo: _d, scheduledAt: _s, corrections, ...rest } = i;
  const pub = { ...rest, corrections: corrections.map(({ at, note }) => ({ at, note })) };
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
  if (missing.length) throw new AppError('validation_failed', `Unknown topic(s) ${missing.join(', ')}`, [{ field: 'topicIds', message: `unknown topic id(s): ${missing.join(', ')}` }]);
}

function content(title: string, bodyHtml: string, summary: string | null | undefined) {
  const body = sanitizeHtml(nfc(bodyHtml));
  const sum = summary ? nfc(summary) : null;
  return { title: nfc(title), bodyHtml: body, summary: sum, searchText: fold([title, sum, htmlToText(body)].filter(Boolean).join(' ')).slice(0, 20_000) };
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
    await assertCanWriteUnder(tx, actor, input.organisationId, 'the item\'s organisation');
    await assertTopics(tx, input.topicIds);
    let group: string = crypto.randomUUID();
    if (input.translationOf) {
      const [o] = await tx.select({ g: pressItems.translationGroupId, org: pressItems.organisationId }).from(pressItems).where(eq(pressItems.id, input.translationOf));
      if (!o || o.org !== input.organisationId) throw new AppError('validation_failed', 'A translation links to an item of the same organisation', [{ field: 'translationOf', message: 'no such item in this organisation' }]);
      group = o.g;
    }
    markPressChanged();
    const [c] = await tx.insert(pressItems).values({
      kind: input.kind, organisationId: input.organisationId, ...content(input.title, input.bodyHtml, input.summary), language: input.language,
      translationGroupId: group, heldAt: input.heldAt ? new Date(input.heldAt) : null, status: 'draft', createdBy: actor.userId, isDemo: opts.isDemo ?? false,
    }).returning({ id: pressItems.id });
    await setTopics(tx, c.id, input.topicIds);
    const after = await getPressItem(tx, c.id);
    await recordAudit(tx, actor, 'create', 'press_item', c.id, null, after);
    return after;
  });
}

export async function updatePressItem(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.PressItem> {
  return db.transaction(async (tx) => {
    const before = await getPressItem(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisationId, 'the item\'s organisation');
    if (!isEditable(before.status)) throw new AppError('conflict', `A ${before.status} item cannot be edited; publish a correction instead`, [{ field: 'status', message: `${before.status} items are not editable` }]);
    const input = parseInput(C.PressItemInput, raw);
    if (input.organisationId !== before.organisationId) await assertCanWriteUnder(tx, actor, input.organisationId, 'the new organisation');
    await assertTopics(tx, input.topicIds);
    markPressChanged();
    await tx.update(pressItems).set({
      kind: input.kind, organisationId: input.organisationId, ...content(input.title, input.bodyHtml, input.summary), language: input.language,
      heldAt: input.heldAt ? new Date(input.heldAt) : null, updatedAt: new Date(),
    }).where(eq(pressItems.id, id));
    await setTopics(tx, id, input.topicIds);
    const after = await getPressItem(tx, id);
    await recordAudit(tx, actor, 'update', 'press_item', id, before, after);
    return after;
  });
}

type Patch = Partial<typeof pressItems.$inferInsert>;

/** Moves an item along the lifecycle; `patch` computes the fields the action sets. */
async function transition(db: Db, actor: Actor, id: number, action: PressAction, patch: (before: C.PressItem) => Patch): Promise<C.PressItem> {
  return db.transaction(async (tx) => {
    const before = await getPressItem(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisationId, 'the item\'s organisation');
    assertTransition(before.status, ACTION_TARGET[action]);
    await tx.update(pressItems).set({ ...patch(before), status: ACTION_TARGET[action], updatedAt: new Date() }).where(eq(pressItems.id, id));
    markPressChanged();
    const after = await getPressItem(tx, id);
    await recordAudit(tx, actor, action, 'press_item', id, before, after);
    return after;
  });
}

export async function schedulePressItem(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()) {
  const input = parseInput(C.ScheduleInput, raw);
  const at = new Date(input.scheduledAt);
  if (at <= now) throw new AppError('validation_failed', 'The scheduled time must be in the future', [{ field: 'scheduledAt', message: 'must be in the future' }]);
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
  if (at > now) throw new AppError('validation_failed', 'Publication date in the future: schedule the item instead', [{ field: 'publishedAt', message: 'must not be in the future' }]);
  return transition(db, actor, id, 'publish', () => ({ publishedAt: at, scheduledAt: null }));
}

export async function correctPressItem(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()) {
  const input = parseInput(C.CorrectInput, raw);
  return transition(db, actor, id, 'correct', (b) => ({
    ...content(input.title ?? b.title, input.bodyHtml ?? b.bodyHtml, input.summary === undefined ? b.summary : input.summary),
    corrections: [...b.corrections, { at: now.toISOString(), by: actor.name, note: nfc(input.note) }],
  }));
}

export async function withdrawPressItem(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()) {
  const input = parseInput(C.WithdrawInput, raw);
  return transition(db, actor, id, 'withdraw', () => ({ withdrawalReason: nfc(input.reason), withdrawnAt: now }));
}

/** Publishes every scheduled item whose time has come, dated at its scheduled time. For a periodic job. */
export async function publishDueItems(db: Db, now = new Date()): Promise<number> {
  const due = await db.select({ id: pressItems.id, at: pressItems.scheduledAt }).from(pressItems).where(and(eq(pressItems.status, 'scheduled'), lte(pressItems.scheduledAt, now)));
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
