// IIIF for online exhibitions: a Presentation API 3.0 manifest per published online exhibition (one canvas per item
// with an image, in the exhibition's order, labels and captions in every language given) and a level-0 Image API 3.0
// service per library image file (info.json with the full size and the thumbnail size; the image at those sizes as
// JPEG), so any IIIF viewer can show the exhibition. Only files of published library products are served.
import { sql } from 'drizzle-orm';
import type { Exhibition } from '../../../shared/contracts/exhibitions.js';
import { rows, type Db } from '../../kernel/db.js';
import { notFound } from '../../kernel/errors.js';
import type { FileStore } from '../../kernel/storage.js';
import { fileForDownload } from '../library/library.files.js';

/** ISO 639-3 → the BCP 47 tag IIIF language maps use (two letters where there is one). */
const BCP47: Record<string, string> = {
  vie: 'vi',
  eng: 'en',
  fra: 'fr',
  zho: 'zh',
  rus: 'ru',
  spa: 'es',
  deu: 'de',
  jpn: 'ja',
  kor: 'ko',
  khm: 'km',
  lao: 'lo',
  tha: 'th',
  ara: 'ar',
  por: 'pt',
  ita: 'it',
};
export const bcp47 = (iso3: string) => BCP47[iso3] ?? iso3;

type Size = { width: number; height: number };
const sizeCache = new Map<string, Size>();

/** The whole stored file (hash verified by the store). */
export async function readAll(store: FileStore, sha256: string): Promise<Buffer> {
  const { stream } = await store.open(sha256);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Width and height of a stored image (EXIF orientation applied), cached by its hash. */
export async function imageSize(store: FileStore, sha256: string): Promise<Size | null> {
  const hit = sizeCache.get(sha256);
  if (hit) return hit;
  try {
    const { default: sharp } = await import('sharp');
    const m = await sharp(await readAll(store, sha256)).metadata();
    if (!m.width || !m.height) return null;
    const swap = (m.orientation ?? 1) >= 5;
    const size = swap ? { width: m.height, height: m.width } : { width: m.width, height: m.height };
    sizeCache.set(sha256, size);
    return size;
  } catch {
    return null;
  }
}

export type PublicImage = { fileId: number; sha256: string; mediaType: string; full: Size; thumb: Size | null; thumbSha256: string | null };

/** The public image behind a library file (its product published), with its full and thumbnail sizes. */
export async function publicImage(db: Db, store: FileStore, fileId: number): Promise<PublicImage> {
  const { file, isPublic } = await fileForDownload(db, null, fileId);
  if (!isPublic || !file.mediaType.startsWith('image/')) throw notFound(`Image ${fileId}`);
  const full = await imageSize(store, file.sha256);
  if (!full) throw notFound(`Image ${fileId}`);
  const thumb = file.thumbnailSha256 ? await imageSize(store, file.thumbnailSha256) : null;
  return { fileId, sha256: file.sha256, mediaType: file.mediaType, full, thumb, thumbSha256: file.thumbnailSha256 };
}

/** The images of an exhibition's items that can be shown publicly, by file id. */
export async function exhibitionImages(db: Db, store: FileStore, e: Exhibition): Promise<Map<number, PublicImage>> {
  const out = new Map<number, PublicImage>();
  for (const it of e.items) {
    if (!it.image || out.has(it.image.fileId)) continue;
    try {
      out.set(it.image.fileId, await publicImage(db, store, it.image.fileId));
    } catch {
      /* not public or unreadable: no canvas */
    }
  }
  return out;
}

export const imageServiceId = (origin: string, fileId: number) => `${origin}/api/public/iiif/image/${fileId}`;
export const manifestUrl = (origin: string, id: number) => `${origin}/api/public/exhibitions/${id}/manifest.json`;

/** The level-0 Image API 3.0 description of an image. */
export function imageInfo(origin: string, img: PublicImage) {
  const sizes = [...(img.thumb ? [img.thumb] : []), img.full];
  return {
    '@context': 'http://iiif.io/api/image/3/context.json',
    id: imageServiceId(origin, img.fileId),
    type: 'ImageService3',
    protocol: 'http://iiif.io/api/image',
    profile: 'level0',
    width: img.full.width,
    height: img.full.height,
    sizes,
  };
}

/** Renders one of the listed sizes as JPEG (the only format level 0 requires). */
export async function renderImage(store: FileStore, img: PublicImage, size: 'max' | Size): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const useThumb = size !== 'max' && img.thumb && size.width === img.thumb.width && size.height === img.thumb.height && img.thumbSha256;
  const src = await readAll(store, useThumb ? img.thumbSha256! : img.sha256);
  const s = sharp(src, { limitInputPixels: 100_000_000 }).rotate();
  if (size !== 'max') s.resize({ width: size.width, height: size.height, fit: 'fill' });
  return s.flatten({ background: '#ffffff' }).jpeg({ quality: 85 }).toBuffer();
}

const langMap = (values: { language: string; text: string }[]) => {
  const m: Record<string, string[]> = {};
  for (const v of values) if (v.text) (m[bcp47(v.language)] ??= []).push(v.text);
  return Object.keys(m).length ? m : { none: [''] };
};

/** The IIIF Presentation API 3.0 manifest of a published online exhibition. */
export function buildManifest(origin: string, e: Exhibition, images: Map<number, PublicImage>, portalPath: string) {
  const id = manifestUrl(origin, e.id);
  const base = id.replace(/\/manifest\.json$/, '');
  const canvases = e.items
    .filter((it) => it.image && images.has(it.image.fileId))
    .map((it, k) => {
      const img = images.get(it.image!.fileId)!;
      const canvasId = `${base}/canvas/${k + 1}`;
      const service = imageServiceId(origin, img.fileId);
      return {
        id: canvasId,
        type: 'Canvas',
        width: img.full.width,
        height: img.full.height,
        label: langMap(
          it.captions.length ? it.captions.map((c) => ({ language: c.language, text: c.text })) : [{ language: 'vie', text: it.title }],
        ),
        metadata: [{ label: { vi: ['Tư liệu'], en: ['Item'] }, value: { none: [it.title] } }],
        ...(it.credit ? { requiredStatement: { label: { vi: ['Nguồn'], en: ['Credit'] }, value: { none: [it.credit] } } } : {}),
        ...(img.thumb
          ? {
              thumbnail: [
                {
                  id: `${service}/full/${img.thumb.width},${img.thumb.height}/0/default.jpg`,
                  type: 'Image',
                  format: 'image/jpeg',
                  width: img.thumb.width,
                  height: img.thumb.height,
                },
              ],
            }
          : {}),
        items: [
          {
            id: `${canvasId}/page`,
            type: 'AnnotationPage',
            items: [
              {
                id: `${canvasId}/page/painting`,
                type: 'Annotation',
                motivation: 'painting',
                target: canvasId,
                body: {
                  id: `${service}/full/max/0/default.jpg`,
                  type: 'Image',
                  format: 'image/jpeg',
                  width: img.full.width,
                  height: img.full.height,
                  service: [{ id: service, type: 'ImageService3', profile: 'level0' }],
                },
              },
            ],
          },
        ],
      };
    });
  return {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id,
    type: 'Manifest',
    label: langMap(e.texts.map((t) => ({ language: t.language, text: t.title }))),
    ...(e.texts.some((t) => t.description)
      ? { summary: langMap(e.texts.filter((t) => t.description).map((t) => ({ language: t.language, text: t.description! }))) }
      : {}),
    metadata: [
      { label: { vi: ['Thời gian'], en: ['Dates'] }, value: { none: [`${e.startDate} – ${e.endDate}`] } },
      {
        label: { vi: ['Đơn vị tổ chức'], en: ['Organisers'] },
        value: { vi: [e.organisers.map((o) => o.name).join('; ')], en: [e.organisers.map((o) => o.nameEn ?? o.name).join('; ')] },
      },
    ],
    requiredStatement: {
      label: { vi: ['Đơn vị tổ chức'], en: ['Organised by'] },
      value: { vi: [e.organisers.map((o) => o.name).join('; ')], en: [e.organisers.map((o) => o.nameEn ?? o.name).join('; ')] },
    },
    homepage: [
      {
        id: `${origin}${portalPath}`,
        type: 'Text',
        format: 'text/html',
        label: langMap(e.texts.slice(0, 1).map((t) => ({ language: t.language, text: t.title }))),
      },
    ],
    items: canvases,
  };
}

/** Ids of every published online exhibition (for the manifest test and the portal). */
export async function publishedOnlineIds(db: Db): Promise<number[]> {
  return (await rows<{ id: number }>(db, sql`select id from exhibitions where online_published_at is not null order by id`)).map((r) =>
    Number(r.id),
  );
}
