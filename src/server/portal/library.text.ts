// The public library's interface words in both languages, the labels of kinds, channels and audiences (shared with
// the library's indicators), language tags, licence links and the citation. Formatting helpers (dates, sizes, file
// kinds) are the newsroom's.
import type { Channel, ProductKind, PublicProduct } from '../../shared/contracts/library.js';
import { AUDIENCE_LABELS, CHANNEL_LABELS, KIND_LABELS } from '../modules/library/library.indicators.js';
import { langTag } from './newsroom.text.js';
import type { Lang } from './programme.js';
import { formatNumber } from './portal.text.js';

export const LIB = {
  vi: {
    title: 'Thư viện',
    lead: 'Sách, ấn phẩm và sản phẩm truyền thông về quyền con người của các cơ quan, tổ chức tham gia Đề án.',
    base: '/thu-vien',
    library: 'Thư viện RightsHub',
    feedDescription: 'Sách, ấn phẩm và sản phẩm truyền thông mới về quyền con người',
    filters: 'Tìm kiếm và lọc',
    search: 'Từ khóa',
    searchHint:
      'Có thể gõ không dấu (quyen con nguoi). Đặt cụm từ trong dấu ngoặc kép để tìm đúng cụm từ ("quyền trẻ em"); thêm dấu trừ để loại một từ (-video).',
    kind: 'Loại sản phẩm',
    language: 'Ngôn ngữ',
    channel: 'Kênh',
    audience: 'Đối tượng',
    topic: 'Chủ đề',
    organisation: 'Cơ quan, tổ chức',
    year: 'Năm',
    sort: 'Sắp xếp',
    sorts: { relevance: 'Phù hợp nhất', date: 'Mới nhất', title: 'Tên (A–Z)' },
    all: 'Tất cả',
    apply: 'Tìm',
    reset: 'Xóa bộ lọc',
    results: (n: number) => `${formatNumber(n, 'vi')} sản phẩm`,
    resultsAbout: (n: number) => `Khoảng ${formatNumber(n, 'vi')} sản phẩm`,
    about: 'khoảng',
    none: 'Không có sản phẩm nào phù hợp.',
    browse: 'Duyệt thư viện',
    browseLead: 'Số trong ngoặc là số sản phẩm phù hợp với tìm kiếm hiện tại.',
    unselect: 'Bỏ chọn',
    pagination: 'Phân trang',
    prev: 'Trang trước',
    next: 'Trang sau',
    page: (n: number) => `Trang ${n}`,
    pageOf: (n: number, total: number) => `Trang ${n} / ${total}`,
    feeds: 'Nhận sản phẩm mới qua',
    date: 'Ngày',
    publishedOn: 'Đăng lên thư viện',
    languages: 'Ngôn ngữ nội dung',
    rights: 'Bản quyền',
    licence: 'Giấy phép',
    online: 'Xem trực tuyến',
    isbn: 'ISBN',
    publisher: 'Nhà xuất bản',
    bookYear: 'Năm xuất bản',
    pages: 'Số trang',
    pagesValue: (n: number) => `${formatNumber(n, 'vi')} trang`,
    edition: 'Lần xuất bản',
    firstEdition: 'Xuất bản lần đầu',
    republication: 'Tái bản',
    republicationOf: 'Tái bản của',
    firstEditionLink: 'Bản xuất bản lần đầu',
    otherTitles: 'Nhan đề và mô tả bằng ngôn ngữ khác',
    description: 'Mô tả',
    files: 'Tệp',
    download: 'Tải về',
    languageVersions: 'Phiên bản ngôn ngữ khác',
    related: 'Sản phẩm liên quan',
    relation: {
      translation_of: { out: 'Bản dịch của', in: 'Bản dịch' },
      edition_of: { out: 'Ấn bản mới của', in: 'Ấn bản sau' },
      part_of: { out: 'Thuộc', in: 'Gồm' },
    },
    sibling: 'Bản dịch khác',
    withdrawnBadge: 'đã thu hồi',
    citation: 'Trích dẫn',
    citationHint: 'Bấm vào đoạn trích dẫn để chọn toàn bộ, rồi sao chép.',
    available: 'Truy cập tại',
    withdrawnTitle: 'Sản phẩm đã bị thu hồi',
    withdrawnOn: 'Sản phẩm này đã được thu hồi khỏi thư viện ngày',
    reason: 'Lý do',
    backToLibrary: 'Về trang Thư viện',
  },
  en: {
    title: 'Library',
    lead: 'Books, publications and communication products on human rights from the organisations taking part in the programme.',
    base: '/en/library',
    library: 'RightsHub Library',
    feedDescription: 'New books, publications and communication products on human rights',
    filters: 'Search and filter',
    search: 'Keywords',
    searchHint:
      'Vietnamese may be typed without diacritics (quyen con nguoi). Put words in double quotes for an exact phrase ("children\'s rights"); a leading minus excludes a word (-video).',
    kind: 'Kind',
    language: 'Language',
    channel: 'Channel',
    audience: 'Audience',
    topic: 'Topic',
    organisation: 'Organisation',
    year: 'Year',
    sort: 'Sort by',
    sorts: { relevance: 'Relevance', date: 'Newest', title: 'Title (A–Z)' },
    all: 'All',
    apply: 'Search',
    reset: 'Clear filters',
    results: (n: number) => `${formatNumber(n, 'en')} product${n === 1 ? '' : 's'}`,
    resultsAbout: (n: number) => `About ${formatNumber(n, 'en')} products`,
    about: 'about',
    none: 'No product matches.',
    browse: 'Browse the library',
    browseLead: 'Numbers in brackets count the products matching the current search.',
    unselect: 'Remove',
    pagination: 'Pagination',
    prev: 'Previous page',
    next: 'Next page',
    page: (n: number) => `Page ${n}`,
    pageOf: (n: number, total: number) => `Page ${n} of ${total}`,
    feeds: 'Follow new products with',
    date: 'Date',
    publishedOn: 'Added to the library',
    languages: 'Languages of the content',
    rights: 'Rights',
    licence: 'Licence',
    online: 'View online',
    isbn: 'ISBN',
    publisher: 'Publisher',
    bookYear: 'Year of publication',
    pages: 'Pages',
    pagesValue: (n: number) => `${formatNumber(n, 'en')} pages`,
    edition: 'Edition',
    firstEdition: 'First edition',
    republication: 'Re-publication',
    republicationOf: 'Re-publication of',
    firstEditionLink: 'First edition',
    otherTitles: 'Titles and descriptions in other languages',
    description: 'Description',
    files: 'Files',
    download: 'Download',
    languageVersions: 'Other language versions',
    related: 'Related products',
    relation: {
      translation_of: { out: 'Translation of', in: 'Translations' },
      edition_of: { out: 'New edition of', in: 'Later editions' },
      part_of: { out: 'Part of', in: 'Parts' },
    },
    sibling: 'Other translations',
    withdrawnBadge: 'withdrawn',
    citation: 'Citation',
    citationHint: 'Click the citation to select all of it, then copy.',
    available: 'Available at',
    withdrawnTitle: 'This product was withdrawn',
    withdrawnOn: 'This product was withdrawn from the library on',
    reason: 'Reason',
    backToLibrary: 'Back to the Library',
  },
} as const;

export const kindLabel = (k: string, lang: Lang): string => KIND_LABELS[k as ProductKind]?.[lang] ?? k;
export const channelLabel = (c: string, lang: Lang): string => CHANNEL_LABELS[c as Channel]?.[lang] ?? c;
export const audienceLabel = (a: number, lang: Lang): string => AUDIENCE_LABELS[String(a)]?.[lang] ?? String(a);

/** The page language as an ISO 639-3 code (the library's texts are tagged so). */
export const iso3Of = (lang: Lang): string => (lang === 'vi' ? 'vie' : 'eng');

// ISO 639-3 codes of the language list that have a two-letter (ISO 639-1) code: BCP 47 wants the short one.
const TWO_LETTER: Record<string, string> = {
  vie: 'vi',
  eng: 'en',
  fra: 'fr',
  rus: 'ru',
  spa: 'es',
  jpn: 'ja',
  deu: 'de',
  lao: 'lo',
  tha: 'th',
  ind: 'id',
  kor: 'ko',
  zho: 'zh',
  khm: 'km',
};
/** BCP 47 tag for an ISO 639-3 code (a three-letter code is itself a valid tag when there is no two-letter one). */
export const bcp47 = (iso3: string): string => TWO_LETTER[iso3] ?? langTag(iso3);

/** A URL for a licence when one is known: the licence itself when it is a link, Creative Commons names
 *  ("CC BY 4.0", "CC BY-NC-SA 4.0", "CC0 1.0"), or null. */
export function licenceUrl(licence: string | null | undefined): string | null {
  const s = (licence ?? '').trim();
  if (/^https?:\/\/\S+$/i.test(s)) return s;
  const cc = /^CC[\s-]+(BY(?:-(?:SA|ND|NC|NC-SA|NC-ND))?)[\s-]+(\d\.\d)(?:\s+\w+)?$/i.exec(s);
  if (cc) return `https://creativecommons.org/licenses/${cc[1]!.toLowerCase()}/${cc[2]}/`;
  if (/^CC0(?:[\s-]+1\.0)?$/i.test(s)) return 'https://creativecommons.org/publicdomain/zero/1.0/';
  return null;
}

/** The title a reader of `lang` sees first: the text in that language, else the main (first) text. */
export function pickText(p: Pick<PublicProduct, 'texts'>, lang: Lang): { language: string; title: string; description: string | null } {
  return p.texts.find((t) => t.language === iso3Of(lang)) ?? p.texts[0] ?? { language: iso3Of(lang), title: '', description: null };
}

/** The organisation's name in the page language (English when known). */
export const orgDisplayName = (vi: string, en: string | null | undefined, lang: Lang) => (lang === 'en' && en) || vi;

/** A citation in one simple style for every kind:
 *  Organisation (year). Main title [title in the page language]. Edition. Publisher. ISBN 978-…. Kind. URL
 *  (books: the book's year when known; others: the kind in brackets after the title, and the channel). */
export function citation(p: PublicProduct, lang: Lang, orgName: string, pageUrl: string): string {
  const t = LIB[lang];
  const main = p.texts[0]?.title ?? '';
  const local = p.texts.find((x) => x.language === iso3Of(lang))?.title;
  const year = p.book?.year ?? Number(p.date.slice(0, 4));
  const stop = (s: string) => (/[.!?…]$/.test(s) ? s : `${s}.`);
  const title = local && local !== main ? `${main} [${local}]` : main;
  const parts = [`${orgName} (${year}).`];
  if (p.book) {
    parts.push(stop(title));
    if (p.book.edition === 'republication') parts.push(`${t.republication}.`);
    if (p.book.publisher) parts.push(stop(p.book.publisher));
    if (p.book.isbnHyphenated) parts.push(`ISBN ${p.book.isbnHyphenated}.`);
  } else {
    parts.push(`${title} [${kindLabel(p.kind, lang)}].`);
    parts.push(`${channelLabel(p.channel, lang)}.`);
  }
  parts.push(`${t.available}: ${p.url ?? pageUrl}`);
  return parts.join(' ');
}
