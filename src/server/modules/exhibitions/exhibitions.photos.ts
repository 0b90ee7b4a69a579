// Photos of the exhibition itself (evidence that it took place): images only, type sniffed from the bytes, kept in
// the content-addressed store with a thumbnail; attached and removed by those who may write the exhibition, audited
// on it; read by signed-in users only (they may show people: they are not published on the portal).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ExhibitionPhoto } from '../../../shared/contracts/exhibitions.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { sanitizeFilename, sniffMediaType, type FileStore } from '../../kernel/storage.js';
import { nfc } from '../../kernel/text.js';
import { assertCanWriteUnder } from '../directory/organisations.service.js';
import { makeThumbnail } from '../library/library.files.js';
import { AUDIT_ENTITY } from './exhibitions.service.js';
import { exhibitionPhotos, exhibitions } from './exhibitions.tables.js';

const IMAGES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const Caption = z.string().trim().max(500).optional();

type Row = typeof exhibitionPhotos.$inferSelect;
const toPhoto = (r: Row): ExhibitionPhoto => ({
  id: r.id,
  filename: r.filename,
  mediaType: r.mediaType,
  size: r.size,
  caption: r.caption,
  hasThumbnail: r.thumbnailSha256 !== null,
});

async function leadOf(db: Db, id: number): Promise<number> {
  const [e] = await db.select({ org: exhibitions.organisationId }).from(exhibitions).where(eq(exhibitions.id, id));
  if (!e) throw notFound(`Exhibition ${id}`);
  return e.org;
}

export async function attachExhibitionPhoto(
  db: Db,
  store: FileStore,
  actor: Actor,
  id: number,
  upload: { bytes: Buffer; filename: string; caption?: string },
): Promise<ExhibitionPhoto> {
  await assertCanWriteUnder(db, actor, await leadOf(db, id), 'the lead organiser');
  const caption = Caption.safeParse(upload.caption);
  if (!caption.success)
    throw new AppError('validation_failed', 'The caption is too long', [{ field: 'caption', message: 'at most 500 characters' }]);
  const mediaType = upload.bytes.length ? sniffMediaType(upload.bytes, upload.filename) : null;
  if (!mediaType || !IMAGES.includes(mediaType)) {
    throw new AppError('unsupported_media_type', 'A photo of the event is a PNG, JPEG, GIF or WebP image', [
      { field: 'file', message: 'not an accepted image' },
    ]);
  }
  const [stored, thumbnail] = await Promise.all([store.put(upload.bytes), makeThumbnail(upload.bytes)]);
  const thumb = thumbnail ? await store.put(thumbnail) : null;
  return db.transaction(async (tx) => {
    const [r] = await tx
      .insert(exhibitionPhotos)
      .values({
        exhibitionId: id,
        sha256: stored.sha256,
        size: stored.size,
        mediaType,
        filename: sanitizeFilename(upload.filename),
        caption: caption.data ? nfc(caption.data) : null,
        thumbnailSha256: thumb?.sha256 ?? null,
        createdBy: actor.userId,
      })
      .returning();
    await tx.update(exhibitions).set({ updatedAt: new Date() }).where(eq(exhibitions.id, id));
    await recordAudit(tx, actor, 'attach-photo', AUDIT_ENTITY, id, null, { photo: toPhoto(r!) });
    return toPhoto(r!);
  });
}

export async function removeExhibitionPhoto(db: Db, actor: Actor, id: number, photoId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await assertCanWriteUnder(tx, actor, await leadOf(tx, id), 'the lead organiser');
    const [r] = await tx.select().from(exhibitionPhotos).where(eq(exhibitionPhotos.id, photoId));
    if (!r || r.exhibitionId !== id) throw notFound(`Photo ${photoId}`);
    await tx.delete(exhibitionPhotos).where(eq(exhibitionPhotos.id, photoId));
    await recordAudit(tx, actor, 'remove-photo', AUDIT_ENTITY, id, { photo: toPhoto(r) }, null);
  });
}

/** The stored photo (signed-in users only: the route requires an actor). */
export async function photoFor(db: Db, photoId: number): Promise<Row> {
  const [r] = await db.select().from(exhibitionPhotos).where(eq(exhibitionPhotos.id, photoId));
  if (!r) throw notFound(`Photo ${photoId}`);
  return r;
}
