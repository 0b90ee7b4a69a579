// Attachments of press items: files whose bytes live in the content-addressed store (kernel/storage.ts) and whose
// rows hold the sniffed media type and the sanitised original filename. Editors attach and remove only for their
// organisation's subtree; removal only while the item is a draft or scheduled (published items keep theirs).
// Every write is audited. The public download answers only for published or corrected items.
import { asc, eq, inArray } from 'drizzle-orm';
import * as C from '../../../shared/contracts/press.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { acceptDocument, type FileStore } from '../../kernel/storage.js';
import { assertCanWriteUnder } from '../directory/organisations.service.js';
import { pressAttachments, pressItems } from './press.tables.js';
import { isEditable } from './press.workflow.js';

export const attachmentUrl = (id: number) => `/api/public/press/attachments/${id}`;
const DOWNLOADABLE = ['published', 'corrected'];

type Row = typeof pressAttachments.$inferSelect;
const toContract = (r: Row): C.PressAttachment => ({
  id: r.id,
  filename: r.filename,
  size: r.size,
  mediaType: r.mediaType,
  caption: r.caption,
  url: attachmentUrl(r.id),
  createdAt: new Date(r.createdAt).toISOString(),
});

/** Attachments of several items, by item id, oldest first. */
export async function attachmentsByItem(db: Db, itemIds: number[]): Promise<Map<number, C.PressAttachment[]>> {
  const m = new Map<number, C.PressAttachment[]>();
  if (!itemIds.length) return m;
  const rows = await db.select().from(pressAttachments).where(inArray(pressAttachments.itemId, itemIds)).orderBy(asc(pressAttachments.id));
  for (const r of rows) m.set(r.itemId, [...(m.get(r.itemId) ?? []), toContract(r)]);
  return m;
}

async function itemOf(db: Db, itemId: number) {
  const [i] = await db
    .select({ id: pressItems.id, organisationId: pressItems.organisationId, status: pressItems.status })
    .from(pressItems)
    .where(eq(pressItems.id, itemId));
  if (!i) throw notFound(`Press item ${itemId}`);
  return i;
}

export async function listPressAttachments(db: Db, itemId: number): Promise<C.PressAttachment[]> {
  await itemOf(db, itemId);
  return (await attachmentsByItem(db, [itemId])).get(itemId) ?? [];
}

export interface Upload {
  bytes: Buffer;
  filename: string;
  caption?: string | undefined;
}

/** Stores the bytes (once per content) and attaches them. The type comes from the bytes; anything else is a 415. */
export async function attachPressFile(db: Db, store: FileStore, actor: Actor, itemId: number, upload: Upload): Promise<C.PressAttachment> {
  const before = await itemOf(db, itemId);
  await assertCanWriteUnder(db, actor, before.organisationId, "the item's organisation");
  if (before.status === 'withdrawn')
    throw new AppError('conflict', 'A withdrawn item takes no new attachments', [{ field: 'status', message: 'withdrawn' }]);
  const { mediaType, caption, filename } = acceptDocument(upload);
  const stored = await store.put(upload.bytes);
  return db.transaction(async (tx) => {
    const [r] = await tx
      .insert(pressAttachments)
      .values({
        itemId,
        sha256: stored.sha256,
        size: stored.size,
        mediaType,
        filename,
        caption,
        createdBy: actor.userId,
      })
      .returning();
    const after = toContract(r);
    await recordAudit(tx, actor, 'attach', 'press_item', itemId, null, { ...after, sha256: r.sha256 });
    return after;
  });
}

export async function removePressAttachment(db: Db, actor: Actor, itemId: number, attachmentId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const item = await itemOf(tx, itemId);
    await assertCanWriteUnder(tx, actor, item.organisationId, "the item's organisation");
    const [r] = await tx.select().from(pressAttachments).where(eq(pressAttachments.id, attachmentId));
    if (!r || r.itemId !== itemId) throw notFound(`Attachment ${attachmentId}`);
    if (!isEditable(item.status as C.PressStatus)) {
      throw new AppError('conflict', `A ${item.status} item keeps its attachments`, [
        { field: 'status', message: 'attachments can be removed only from drafts and scheduled items' },
      ]);
    }
    await tx.delete(pressAttachments).where(eq(pressAttachments.id, attachmentId));
    // The bytes stay in the store: another attachment may share them (content addressing).
    await recordAudit(tx, actor, 'detach', 'press_item', itemId, { ...toContract(r), sha256: r.sha256 }, null);
  });
}

/** The row behind a public download, or 404 when the attachment or its item is not public. */
export async function getPublicAttachment(db: Db, attachmentId: number): Promise<Row> {
  const [r] = await db
    .select({ a: pressAttachments, status: pressItems.status })
    .from(pressAttachments)
    .innerJoin(pressItems, eq(pressItems.id, pressAttachments.itemId))
    .where(eq(pressAttachments.id, attachmentId));
  if (!r || !DOWNLOADABLE.includes(r.status)) throw notFound(`Attachment ${attachmentId}`);
  return r.a;
}
