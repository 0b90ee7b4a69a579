// The printable exhibition catalogue (PDF, A4) in one language: a title page (title, description, dates, venue,
// organisers), the narrative, then every item in order with its image (from the library's file store), its caption in
// that language (else the first given), the item's title and its credit. DejaVu Sans is embedded, so Vietnamese
// diacritics print everywhere.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import type { Exhibition } from '../../../shared/contracts/exhibitions.js';
import type { Db } from '../../kernel/db.js';
import type { FileStore } from '../../kernel/storage.js';
import { exhibitionImages, readAll } from './exhibitions.iiif.js';
import { publicView } from './exhibitions.service.js';

const FONTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/fonts');
export type CatalogueLang = 'vi' | 'en';
const ISO = { vi: 'vie', en: 'eng' } as const;

const T = {
  vi: {
    catalogue: 'Ca-ta-lô triển lãm',
    dates: 'Thời gian',
    venue: 'Địa điểm',
    online: 'Trực tuyến',
    organisers: 'Đơn vị tổ chức',
    items: 'Các tư liệu trưng bày',
    item: 'Tư liệu',
    credit: 'Nguồn',
    noImage: '(tư liệu không có ảnh)',
    page: 'Trang',
    formerUnit: 'đơn vị trước 2025',
  },
  en: {
    catalogue: 'Exhibition catalogue',
    dates: 'Dates',
    venue: 'Venue',
    online: 'Online',
    organisers: 'Organisers',
    items: 'Items on show',
    item: 'Item',
    credit: 'Credit',
    noImage: '(this item has no image)',
    page: 'Page',
    formerUnit: 'pre-2025 unit',
  },
};

const pick = <X extends { language: string }>(list: X[], lang: CatalogueLang) => list.find((x) => x.language === ISO[lang]) ?? list[0];
const dmy = (d: string, lang: CatalogueLang) => (lang === 'vi' ? `${+d.slice(8, 10)}/${+d.slice(5, 7)}/${d.slice(0, 4)}` : d);

export function venueText(e: Exhibition, lang: CatalogueLang): string {
  const v = e.venue;
  if (!v) return T[lang].online;
  if (v.location === 'abroad') return `${v.name}, ${v.city}, ${v.countryName ?? v.countryCode}`;
  const former = v.formerProvinceName && v.formerProvinceName !== v.provinceName ? ` (${T[lang].formerUnit}: ${v.formerProvinceName})` : '';
  return `${v.name}, ${v.provinceName}${former}`;
}

/** The catalogue as PDF bytes; it names only the confirmed organisers (publicView), as printed matter does. */
export async function renderCatalogue(db: Db, store: FileStore, exhibition: Exhibition, lang: CatalogueLang): Promise<Buffer> {
  const e = publicView(exhibition);
  const t = T[lang];
  const text = pick(e.texts, lang)!;
  const images = await exhibitionImages(db, store, e);
  // pdfkit embeds PNG and JPEG: every image becomes a JPEG at most 1600 px wide.
  const { default: sharp } = await import('sharp');
  const jpegs = new Map<number, Buffer>();
  for (const [fileId, img] of images) {
    try {
      jpegs.set(
        fileId,
        await sharp(await readAll(store, img.sha256), { limitInputPixels: 100_000_000 })
          .rotate()
          .resize({ width: 1600, withoutEnlargement: true })
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: 85 })
          .toBuffer(),
      );
    } catch {
      /* unreadable: the item is listed without its image */
    }
  }
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true,
    info: { Title: `${text.title} — ${t.catalogue}`, Author: e.organisers.map((o) => o.name).join('; '), Subject: t.catalogue },
  });
  doc.registerFont('body', path.join(FONTS, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(FONTS, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 112;

  // Title page
  doc.font('body').fontSize(11).fillColor('#555555').text(t.catalogue.toUpperCase(), { characterSpacing: 1 });
  doc.moveDown(0.5).font('bold').fontSize(24).fillColor('#111111').text(text.title);
  if (text.description) doc.moveDown(0.5).font('body').fontSize(12).text(text.description);
  doc.moveDown(1).fontSize(11);
  const fact = (label: string, value: string) => {
    doc.font('bold').text(`${label}: `, { continued: true }).font('body').text(value);
  };
  fact(t.dates, `${dmy(e.startDate, lang)} – ${dmy(e.endDate, lang)}`);
  fact(t.venue, venueText(e, lang));
  fact(t.organisers, e.organisers.map((o) => (lang === 'en' ? (o.nameEn ?? o.name) : o.name)).join('; '));
  const narrative = pick(
    e.texts.filter((x) => x.narrative),
    lang,
  )?.narrative;
  if (narrative) {
    doc.moveDown(1);
    for (const p of narrative.split(/\n\s*\n/)) doc.font('body').fontSize(11).text(p.trim(), { align: 'justify' }).moveDown(0.5);
  }

  // Items
  e.items.forEach((it, k) => {
    doc.addPage();
    doc
      .font('body')
      .fontSize(10)
      .fillColor('#555555')
      .text(`${t.item} ${k + 1}/${e.items.length}`);
    doc.moveDown(0.3);
    const jpeg = it.image ? jpegs.get(it.image.fileId) : undefined;
    if (jpeg) doc.image(jpeg, { fit: [width, 480], align: 'center' });
    else doc.fillColor('#777777').text(t.noImage);
    doc.moveDown(0.5).fillColor('#111111');
    const caption = pick(it.captions, lang)?.text;
    doc
      .font('bold')
      .fontSize(13)
      .text(caption ?? it.title);
    if (caption && caption !== it.title) doc.font('body').fontSize(10).text(it.title);
    if (it.credit) doc.font('body').fontSize(9).fillColor('#555555').text(`${t.credit}: ${it.credit}`);
  });

  // Page numbers
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#777777')
      .text(`${t.page} ${i + 1}/${range.count}`, 56, doc.page.height - 40, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
