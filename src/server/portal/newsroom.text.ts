// The newsroom's interface words, in both languages, and the few formatting helpers its pages and feeds share.
import type { PressKind } from '../../shared/contracts/press.js';
import type { Lang } from './programme.js';
import { formatNumber } from './portal.text.js';
import { fmtDate, fmtDateTime, fmtNumber } from '../kernel/format.js';

export const NEWS = {
  vi: {
    title: 'Tin tức',
    lead: 'Thông cáo báo chí, họp báo, tuyên bố và trả lời báo chí của các cơ quan về quyền con người.',
    base: '/tin-tuc',
    filters: 'Tìm kiếm và lọc',
    search: 'Từ khóa',
    searchHint: 'Có thể gõ không dấu, ví dụ: quyen con nguoi',
    organisation: 'Cơ quan',
    organisationsTop: (n: number) => `${n} cơ quan đăng nhiều tin nhất`,
    organisationsAll: (n: number) => `Tất cả ${formatNumber(n, 'vi')} cơ quan đã đăng tin`,
    organisationsTitle: 'Các cơ quan đã đăng tin',
    organisationsLead: 'Chọn một cơ quan để xem các bản tin của cơ quan đó.',
    items: (n: number) => `${formatNumber(n, 'vi')} bản tin`,
    topic: 'Chủ đề',
    language: 'Ngôn ngữ',
    kind: 'Loại tin',
    date: 'Ngày đăng',
    all: 'Tất cả',
    apply: 'Tìm',
    reset: 'Xóa bộ lọc',
    results: (n: number) => `${formatNumber(n, 'vi')} bản tin`,
    resultsMore: (n: number) => `Hơn ${formatNumber(n, 'vi')} bản tin`,
    none: 'Không có bản tin nào phù hợp.',
    pagination: 'Phân trang',
    prev: 'Trang trước',
    next: 'Trang sau',
    page: (n: number) => `Trang ${n}`,
    pageOf: (n: number, total: number) => `Trang ${n} / ${total}`,
    feeds: 'Nhận tin qua',
    spokespersons: 'Người phát ngôn',
    spokesperson: 'Người phát ngôn',
    spokespersonsLead: 'Người phát ngôn và người được giao phát ngôn hiện tại của các cơ quan, với thông tin liên hệ công khai.',
    noSpokespersons: 'Chưa có người phát ngôn nào được công bố.',
    position: 'Chức vụ',
    email: 'Thư điện tử',
    phone: 'Điện thoại',
    since: 'Từ ngày',
    translations: 'Bản dịch',
    corrections: 'Đính chính',
    attachments: 'Tệp đính kèm',
    correctedOn: 'Đính chính ngày',
    correctedLead: 'Bản tin này đã được đính chính. Nội dung dưới đây là bản đã sửa.',
    changedFields: 'Phần được sửa',
    fieldNames: { title: 'tiêu đề', summary: 'tóm tắt', body: 'nội dung' },
    previousTitle: 'Tiêu đề trước khi đính chính',
    withdrawnTitle: 'Bản tin đã bị thu hồi',
    withdrawnOn: 'Bản tin này đã được thu hồi ngày',
    reason: 'Lý do',
    backToNews: 'Về trang Tin tức',
    newsroom: 'Tin tức RightsHub',
    feedDescription: 'Thông cáo báo chí, họp báo, tuyên bố và trả lời báo chí về quyền con người',
  },
  en: {
    title: 'News',
    lead: 'Press releases, press conferences, statements and answers to the press from agencies working on human rights.',
    base: '/en/news',
    filters: 'Search and filter',
    search: 'Keywords',
    searchHint: 'Vietnamese words may be typed without diacritics, e.g. quyen con nguoi',
    organisation: 'Organisation',
    organisationsTop: (n: number) => `The ${n} organisations with most items`,
    organisationsAll: (n: number) => `All ${formatNumber(n, 'en')} organisations that have published`,
    organisationsTitle: 'Organisations that have published',
    organisationsLead: 'Choose an organisation to see its items.',
    items: (n: number) => `${formatNumber(n, 'en')} item${n === 1 ? '' : 's'}`,
    topic: 'Topic',
    language: 'Language',
    kind: 'Kind',
    date: 'Published',
    all: 'All',
    apply: 'Search',
    reset: 'Clear filters',
    results: (n: number) => `${formatNumber(n, 'en')} item${n === 1 ? '' : 's'}`,
    resultsMore: (n: number) => `More than ${formatNumber(n, 'en')} items`,
    none: 'No item matches.',
    pagination: 'Pagination',
    prev: 'Previous page',
    next: 'Next page',
    page: (n: number) => `Page ${n}`,
    pageOf: (n: number, total: number) => `Page ${n} of ${total}`,
    feeds: 'Follow with',
    spokespersons: 'Spokespersons',
    spokesperson: 'Spokesperson',
    spokespersonsLead: "Agencies' current spokespersons, with their public contact details.",
    noSpokespersons: 'No spokesperson has been published yet.',
    position: 'Position',
    email: 'Email',
    phone: 'Phone',
    since: 'Since',
    translations: 'Translations',
    corrections: 'Corrections',
    attachments: 'Attachments',
    correctedOn: 'Corrected on',
    correctedLead: 'This item has been corrected. The text below is the corrected version.',
    changedFields: 'Changed',
    fieldNames: { title: 'title', summary: 'summary', body: 'body' },
    previousTitle: 'Title before the correction',
    withdrawnTitle: 'This item was withdrawn',
    withdrawnOn: 'This item was withdrawn on',
    reason: 'Reason',
    backToNews: 'Back to News',
    newsroom: 'RightsHub News',
    feedDescription: 'Press releases, press conferences, statements and answers to the press on human rights',
  },
} as const;

export const KIND_LABEL: Record<PressKind, Record<Lang, string>> = {
  press_release: { vi: 'Thông cáo báo chí', en: 'Press release' },
  press_conference: { vi: 'Họp báo', en: 'Press conference' },
  statement: { vi: 'Tuyên bố', en: 'Statement' },
  press_answer: { vi: 'Trả lời báo chí', en: 'Answer to the press' },
};

const LANGUAGES: Record<string, { tag: string; vi: string; en: string }> = {
  vie: { tag: 'vi', vi: 'Tiếng Việt', en: 'Vietnamese' },
  eng: { tag: 'en', vi: 'Tiếng Anh', en: 'English' },
  fra: { tag: 'fr', vi: 'Tiếng Pháp', en: 'French' },
  zho: { tag: 'zh', vi: 'Tiếng Trung', en: 'Chinese' },
  rus: { tag: 'ru', vi: 'Tiếng Nga', en: 'Russian' },
  spa: { tag: 'es', vi: 'Tiếng Tây Ban Nha', en: 'Spanish' },
};

/** BCP 47 tag for an ISO 639-3 code (a 3-letter code is a valid tag when there is no 2-letter one). */
export const langTag = (iso3: string): string => LANGUAGES[iso3]?.tag ?? iso3;
export const languageName = (iso3: string, lang: Lang): string => LANGUAGES[iso3]?.[lang] ?? iso3;

/** A date (and time) as people read it, in Viet Nam time (kernel/format): vi "01/04/2026, 00:30 (giờ Việt Nam)",
 *  en "1 April 2026, 00:30 (Viet Nam time)". */
export const formatDate = (iso: string, lang: Lang, withTime = false): string => (withTime ? fmtDateTime : fmtDate)(iso, lang);

const FILE_KIND: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'video/mp4': 'MP4',
  'application/zip': 'ZIP',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
};
/** A short name of a file's type, e.g. "PDF". */
export const fileKind = (mediaType: string): string => FILE_KIND[mediaType] ?? (mediaType.startsWith('text/plain') ? 'TXT' : mediaType);

/** A size as people read it: vi "1,5 MB", en "1.5 MB" (binary units). */
export function formatSize(bytes: number, lang: Lang): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const n = fmtNumber(v, lang, u > 0 && v < 10 ? 1 : 0);
  return `${n} ${units[u]}`;
}
