// Files of library products: bytes in the content-addressed store (kernel/storage.ts, each content kept once), rows
// with the type sniffed from the bytes, the sanitised original name (metadata only), a 320 px WebP thumbnail for
// images and the text of PDFs (for search). Editors attach and detach only within their organisation's subtree;
// every write is audited on the product. Files of a published product are public; any other product's files are
// for signed-in users only (a withdrawn product's files stop being public).
//
// The heavy work (thumbnail, PDF text, writing the bytes) happens before the transaction; the row, the audit entry
// and the product's search fields are written in one transaction.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ProductFile } from '../../../shared/contracts/library.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { MEDIA_TYPES, sanitizeFilename, sniffMediaType, type FileStore } from '../../kernel/storage.js';
import { nfc } from '../../kernel/text.js';
import { assertCanWriteUnder } from '../directory/organisations.service.js';
import { refreshProductSearch } from './library.search.js';
import { libraryFiles, libraryProducts } from './library.tables.js';

export const THUMBNAIL_WIDTH = 320;
/** A thumbnail is at most this tall (very tall images are narrower than THUMBNAIL_WIDTH). */
const THUMBNAIL_MAX_HEIGHT = 4 * THUMBNAIL_WIDTH;
/** Images larger than this (width × height) get no thumbnail: a small file can claim a huge canvas. */
const THUMBNAIL_MAX_PIXELS = 100_000_000;
/** Extracted PDF text kept for search, in characters. */
export const MAX_EXTRACTED_CHARS = 200_000;
/** PDF text extraction gives up after this long (the file is kept, without text). */
const PDF_TIMEOUT_MS = 30_000;

const THUMBNAIL_SOURCES: readonly string[] = [MEDIA_TYPES.png, MEDIA_TYPES.jpg, MEDIA_TYPES.gif, MEDIA_TYPES.webp];
const ACCEPTED =
  'PDF, images (PNG, JPEG, GIF, WebP), audio (MP3, AAC, M4A, WAV, Ogg, FLAC), video (MP4, WebM, Matroska), Word, Excel, ZIP or UTF-8 text';

export const productFileUrl = (fileId: number) => `/api/library/files/${fileId}`;
export const productFileThumbnailUrl = (fileId: number) => `/api/library/files/${fileId}/thumbnail`;

type Row = typeof libraryFiles.$inferSelect;
export const toProductFile = (r: Row): ProductFile => ({
  id: r.id,
  sha256: r.sha256,
  size: r.size,
  mediaType: r.mediaType,
  filename: r.filename,
  caption: r.caption,
  hasThumbnail: r.thumbnailSha256 !== null,
  createdAt: new Date(r.createdAt).toISOString(),
});

/** Files of several products, by product id, oldest first (for the product read). */
export async function filesByProduct(db: Db, productIds: number[]): Promise<Map<number, ProductFile[]>> {
  const m = new Map<number, ProductFile[]>();
  if (!productIds.length) return m;
  const rows = await db.select().from(libraryFiles).where(inArray(libraryFiles.productId, productIds)).orderBy(asc(libraryFiles.id));
  for (const r of rows) m.set(r.productId, [...(m.get(r.productId) ?? []), toProductFile(r)]);
  return m;
}

async function productOf(db: Db, productId: number) {
  const [p] = await db
    .select({ id: libraryProducts.id, organisationId: libraryProducts.organisationId, status: libraryProducts.status })
    .from(libraryProducts)
    .where(eq(libraryProducts.id, productId));
  if (!p) throw notFound(`Product ${productId}`);
  return p;
}

// ---------------------------------------------------------------- derived content

export type Log = (msg: string, extra?: object) => void;

/** A WebP THUMBNAIL_WIDTH px wide (never enlarged, EXIF orientation applied, metadata dropped), or null when the
 *  image cannot be decoded (the failure is logged; the file is still stored). */
export async function makeThumbnail(bytes: Buffer, log: Log = () => {}): Promise<Buffer | null> {
  try {
    const { default: sharp } = await import('sharp');
    return await sharp(bytes, { limitInputPixels: THUMBNAIL_MAX_PIXELS, animated: false })
      .rotate()
      .resize({ width: THUMBNAIL_WIDTH, height: THUMBNAIL_MAX_HEIGHT, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
  } catch (e) {
    log('library file: no thumbnail (the image could not be read)', { error: String((e as Error)?.message ?? e) });
    return null;
  }
}

/** The text of a PDF (pages merged, NFC, control characters removed, at most MAX_EXTRACTED_CHARS), or null when it
 *  has none or cannot be read (the failure is logged; the file is still stored). */
export async function extractPdfText(bytes: Buffer, log: Log = () => {}): Promise<string | null> {
  let doc: Awaited<ReturnType<typeof import('unpdf').getDocumentProxy>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const { getDocumentProxy, extractText } = await import('unpdf');
    // A copy: pdf.js may take over the buffer it is given. No eval, no fonts loaded into anything, no warnings on stdout.
    doc = await getDocumentProxy(new Uint8Array(bytes), {
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${PDF_TIMEOUT_MS} ms`)), PDF_TIMEOUT_MS);
    });
    const { text } = await Promise.race([extractText(doc, { mergePages: true }), timeout]);
    return cleanText(text);
  } catch (e) {
    log('library file: PDF text extraction failed; the file is kept without text', { error: String((e as Error)?.message ?? e) });
    return null;
  } finally {
    clearTimeout(timer);
    await doc?.destroy().catch(() => {});
  }
}

function cleanText(text: string): string | null {
  let t = nfc(text)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  if (t.length > MAX_EXTRACTED_CHARS) {
    t = t.slice(0, MAX_EXTRACTED_CHARS);
    if (/[\ud800-\udbff]$/.test(t)) t = t.slice(0, -1); // never half a surrogate pair
  }
  return t || null;
}

// ---------------------------------------------------------------- writes

export interface Upload {
  bytes: Buffer;
  filename: string;
  caption?: string | undefined;
}
const Caption = z.string().trim().max(500).optional();

/** Stores the bytes (once per content), derives a thumbnail or the PDF text, and attaches the file to the product.
 *  The type comes from the bytes only; anything not accepted is a 415. */
export async function attachProductFile(
  db: Db,
  store: FileStore,
  actor: Actor,
  productId: number,
  upload: Upload,
  log: Log = () => {},
): Promise<ProductFile> {
  const product = await productOf(db, productId);
  await assertCanWriteUnder(db, actor, product.organisationId, "the product's organisation");
  if (product.status === 'withdrawn')
    throw new AppError('conflict', 'A withdrawn product takes no new files', [{ field: 'status', message: 'withdrawn' }]);
  const caption = Caption.safeParse(upload.caption);
  if (!caption.success)
    throw new AppError('validation_failed', 'The caption is too long', [{ field: 'caption', message: 'at most 500 characters' }]);
  if (!upload.bytes.length) throw new AppError('validation_failed', 'The file is empty', [{ field: 'file', message: 'empty file' }]);
  const mediaType = sniffMediaType(upload.bytes, upload.filename);
  if (!mediaType) {
    throw new AppError('unsupported_media_type', `This kind of file is not accepted: ${ACCEPTED}`, [
      { field: 'file', message: 'the content is not an accepted file type' },
    ]);
  }

  // Heavy work first, outside any transaction.
  const [stored, thumbnail, extractedText] = await Promise.all([
    store.put(upload.bytes),
    THUMBNAIL_SOURCES.includes(mediaType) ? makeThumbnail(upload.bytes, log) : Promise.resolve(null),
    mediaType === MEDIA_TYPES.pdf ? extractPdfText(upload.bytes, log) : Promise.resolve(null),
  ]);
  const thumb = thumbnail ? await store.put(thumbnail) : null;

  return db.transaction(async (tx) => {
    const current = await productOf(tx, productId);
    if (current.status === 'withdrawn')
      throw new AppError('conflict', 'A withdrawn product takes no new files', [{ field: 'status', message: 'withdrawn' }]);
    const [r] = await tx
      .insert(libraryFiles)
      .values({
        productId,
        sha256: stored.sha256,
        size: stored.size,
        mediaType,
        filename: sanitizeFilename(upload.filename),
        caption: caption.data ? nfc(caption.data) : null,
        thumbnailSha256: thumb?.sha256 ?? null,
        extractedText,
        createdBy: actor.userId,
      })
      .returning();
    const after = toProductFile(r!);
    await tx
      .update(libraryProducts)
      .set({ updatedAt: sql`now()` })
      .where(eq(libraryProducts.id, productId));
    await recordAudit(tx, actor, 'attach', 'library_product', productId, null, { file: after, extractedChars: extractedText?.length ?? 0 });
    if (extractedText) await refreshProductSearch(tx, productId);
    return after;
  });
}

/** Detaches a file from its product (any status: a withdrawn product's files can still be taken down). The bytes
 *  stay in the store: another file row may share them. */
export async function removeProductFile(db: Db, actor: Actor, productId: number, fileId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const product = await productOf(tx, productId);
    await assertCanWriteUnder(tx, actor, product.organisationId, "the product's organisation");
    const [r] = await tx.select().from(libraryFiles).where(eq(libraryFiles.id, fileId));
    if (!r || r.productId !== productId) throw notFound(`File ${fileId}`);
    await tx.delete(libraryFiles).where(eq(libraryFiles.id, fileId));
    await tx
      .update(libraryProducts)
      .set({ updatedAt: sql`now()` })
      .where(eq(libraryProducts.id, productId));
    await recordAudit(tx, actor, 'detach', 'library_product', productId, { file: toProductFile(r) }, null);
    if (r.extractedText) await refreshProductSearch(tx, productId);
  });
}

// ---------------------------------------------------------------- reads

/** The row behind a download and whether it is public (its product is published). Signed-in users may read the
 *  files of any product; anyone else gets 404 for files that are not public (drafts and withdrawn products are not
 *  revealed). */
export async function fileForDownload(db: Db, actor: Actor | null, fileId: number): Promise<{ file: Row; isPublic: boolean }> {
  const [r] = await db
    .select({ f: libraryFiles, status: libraryProducts.status })
    .from(libraryFiles)
    .innerJoin(libraryProducts, eq(libraryProducts.id, libraryFiles.productId))
    .where(eq(libraryFiles.id, fileId));
  const isPublic = r?.status === 'published';
  if (!r || (!isPublic && !actor)) throw notFound(`File ${fileId}`);
  return { file: r.f, isPublic };
}

/** Shown in the browser (PDF, images, audio, video) or saved (everything else). */
export function dispositionKind(mediaType: string): 'inline' | 'attachment' {
  return /^(image|audio|video)\//.test(mediaType) || mediaType === MEDIA_TYPES.pdf ? 'inline' : 'attachment';
}
