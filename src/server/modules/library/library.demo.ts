// Demo data of the library: clearly fictional products ("(demo)" at the end of every title) of the demo
// organisations, 2023 to now — about 40 books (ISBNs in the 978-604 group with correct check digits; first editions,
// translations into ethnic-minority and foreign languages, re-publications linked to their first edition, drafts,
// one withdrawn) and about 55 other products (articles, videos, radio programmes, infographics …) on several
// channels and in several languages, some with a link online — enough for T4a, T4b and T5a to show real figures.
// No files (the files' demo adds a few). Everything is marked is_demo; removeLibraryDemo deletes it (call it before
// the directory's removeDemo).
import { attachProductFile } from './library.files.js';
import { makeCover, makePdf } from './library.samples.js';
import type { FileStore } from '../../kernel/storage.js';
import crypto from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Channel, ProductKind, RelationKind } from '../../../shared/contracts/library.js';
import { recordAudit, systemActor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { nfc } from '../../kernel/text.js';
import { organisations } from '../directory/directory.tables.js';
import { pressTopics } from '../press/press.tables.js';
import { loadPressTopics } from '../press/press.topics.js';
import { isbn13CheckDigit } from './library.isbn.js';
import { loadLanguages } from './library.reference.js';
import { refreshProductSearch } from './library.search.js';
import { AUDIT_ENTITY } from './library.service.js';
import {
  libraryFiles,
  libraryProductAudiences,
  libraryProductLanguages,
  libraryProducts,
  libraryProductTexts,
  libraryProductTopics,
  libraryRelations,
} from './library.tables.js';

/** Deterministic 0..1 from a few integers, so the demo is the same on every machine. */
function rand(...n: number[]): number {
  return (
    crypto
      .createHash('sha256')
      .update(`library:${n.join(':')}`)
      .digest()
      .readUInt32BE(0) / 0x1_0000_0000
  );
}

/** A valid ISBN-13 in the Viet Nam group for demo book number `n` (registrant 4999: a 4-digit range of 978-604). */
export function demoIsbn(n: number): string {
  const first12 = `9786044999${String(n).padStart(2, '0')}`;
  return first12 + isbn13CheckDigit(first12);
}

type Spec = {
  key: string;
  kind: ProductKind;
  org: 'central' | 'province' | 'press' | 'mission' | 'hanoi' | 'culture';
  texts: { language: string; title: string; description?: string }[];
  languages: string[];
  channel: Channel;
  audiences: number[];
  topic: string;
  date: string;
  status: 'draft' | 'published' | 'withdrawn';
  url?: string;
  book?: { isbn: number | null; publisher: string; pages: number; editionOf?: string };
  relations?: { kind: RelationKind; to: string }[];
};

const DEMO = ' (demo)';
const url = (slug: string) => `https://thuvien.demo.example/${slug}`;

// Subjects of the demo books: Vietnamese title, English title, topic, audiences.
const SUBJECTS: [string, string, string, number[]][] = [
  ['Hỏi đáp về quyền con người', 'Questions and answers on human rights', 'civil-political', [1, 2]],
  ['Quyền trẻ em trong pháp luật Việt Nam', "Children's rights in Vietnamese law", 'children', [1, 2]],
  ['Bình đẳng giới trong gia đình và xã hội', 'Gender equality in the family and in society', 'women', [2]],
  [
    'Chính sách dân tộc và quyền của đồng bào dân tộc thiểu số',
    'Ethnic policy and the rights of ethnic minorities',
    'ethnic-minorities',
    [1, 2],
  ],
  ['Tự do tín ngưỡng, tôn giáo ở Việt Nam', 'Freedom of religion and belief in Viet Nam', 'religion-belief', [2, 5]],
  [
    'Quyền của người khuyết tật: sổ tay cho cán bộ cơ sở',
    'Rights of persons with disabilities: a handbook for local officials',
    'disabilities',
    [1],
  ],
  ['Người cao tuổi và quyền được chăm sóc', 'Older persons and the right to care', 'older-persons', [2]],
  ['Quyền của người lao động di cư', 'The rights of migrant workers', 'labour-migrants', [2, 4]],
  ['Quyền được chăm sóc sức khỏe', 'The right to health', 'health', [2]],
  ['Quyền được học tập của mọi người', 'The right to education for all', 'education', [2]],
  ['Tiếp cận thông tin: quyền và trách nhiệm', 'Access to information: rights and duties', 'information-expression', [1, 3]],
  ['Xét xử công bằng và quyền bào chữa', 'Fair trial and the right to defence', 'justice', [1]],
  ['Việt Nam và cơ chế Rà soát định kỳ phổ quát', 'Viet Nam and the Universal Periodic Review', 'international-cooperation', [1, 5, 6]],
  [
    'Các công ước quốc tế về quyền con người Việt Nam là thành viên',
    'The international human-rights treaties Viet Nam is party to',
    'international-cooperation',
    [1, 6],
  ],
  [
    'Quyền kinh tế, xã hội và văn hóa trong đời sống',
    'Economic, social and cultural rights in everyday life',
    'economic-social-cultural',
    [2],
  ],
  ['Hiến pháp năm 2013 và quyền con người', 'The 2013 Constitution and human rights', 'civil-political', [1, 2, 3]],
];

/** Ethnic-minority and foreign language versions of some subjects: [subject, language, its name in Vietnamese, title
 *  in that language or null (then the version is described in Vietnamese: no made-up text in a real language)]. */
const TRANSLATIONS: [number, string, string, string | null][] = [
  [1, 'hmn', 'Mông', null],
  [3, 'hmn', 'Mông', null],
  [5, 'hmn', 'Mông', null],
  [3, 'khm', 'Khmer', 'សិទ្ធិជនជាតិភាគតិច'],
  [1, 'tyz', 'Tày', null],
  [9, 'jra', 'Gia Rai', null],
  [0, 'eng', 'Anh', 'Questions and answers on human rights'],
  [12, 'eng', 'Anh', 'Viet Nam and the Universal Periodic Review'],
  [13, 'eng', 'Anh', 'The international human-rights treaties Viet Nam is party to'],
  [12, 'fra', 'Pháp', "Le Viet Nam et l'Examen périodique universel"],
  [15, 'eng', 'Anh', 'The 2013 Constitution and human rights'],
];

/** The other products: kind, channel, languages, producer, Vietnamese and English title stems. */
const OTHER: { kind: ProductKind; channel: Channel; languages: string[]; org: Spec['org']; vi: string; en?: string; online: number }[] = [
  {
    kind: 'periodical_article',
    channel: 'print',
    languages: ['vie'],
    org: 'central',
    vi: 'Bài nghiên cứu: bảo đảm quyền con người trong xây dựng pháp luật',
    online: 0.2,
  },
  {
    kind: 'news_article',
    channel: 'online_press',
    languages: ['vie'],
    org: 'press',
    vi: 'Tin: địa phương tuyên truyền về quyền con người',
    online: 0.9,
  },
  {
    kind: 'video',
    channel: 'television',
    languages: ['vie'],
    org: 'press',
    vi: 'Phóng sự truyền hình: quyền con người trong cuộc sống',
    online: 0.4,
  },
  {
    kind: 'periodical_article',
    channel: 'print',
    languages: ['vie'],
    org: 'province',
    vi: 'Chuyên đề: chăm lo quyền của người yếu thế',
    online: 0.1,
  },
  {
    kind: 'audio',
    channel: 'radio',
    languages: ['vie', 'hmn'],
    org: 'province',
    vi: 'Chương trình phát thanh tiếng Mông về quyền con người',
    online: 0.3,
  },
  {
    kind: 'infographic',
    channel: 'social_media',
    languages: ['vie'],
    org: 'culture',
    vi: 'Đồ họa: những con số về quyền con người',
    online: 1,
  },
  {
    kind: 'news_article',
    channel: 'online_press',
    languages: ['vie'],
    org: 'press',
    vi: 'Tin: hội nghị tập huấn về quyền con người',
    online: 0.9,
  },
  {
    kind: 'exhibition_catalogue',
    channel: 'print',
    languages: ['vie', 'eng'],
    org: 'culture',
    vi: 'Ca-ta-lô triển lãm: thành tựu bảo đảm quyền con người',
    en: 'Exhibition catalogue: achievements in human rights',
    online: 0.3,
  },
  {
    kind: 'video',
    channel: 'television',
    languages: ['khm', 'vie'],
    org: 'province',
    vi: 'Phim tài liệu tiếng Khmer: đời sống đồng bào',
    online: 0.5,
  },
  { kind: 'photo', channel: 'print', languages: ['vie'], org: 'culture', vi: 'Bộ ảnh: quyền con người qua ống kính', online: 0.2 },
  {
    kind: 'social_media_post',
    channel: 'social_media',
    languages: ['eng'],
    org: 'mission',
    vi: 'Bài đăng: Việt Nam và quyền con người',
    en: 'Post: Viet Nam and human rights',
    online: 1,
  },
  {
    kind: 'web_page',
    channel: 'website',
    languages: ['vie'],
    org: 'hanoi',
    vi: 'Trang chuyên mục: hỏi đáp pháp luật về quyền con người',
    online: 1,
  },
  { kind: 'audio', channel: 'radio', languages: ['vie'], org: 'press', vi: 'Chương trình phát thanh: pháp luật và đời sống', online: 0.2 },
  {
    kind: 'periodical_article',
    channel: 'print',
    languages: ['vie'],
    org: 'hanoi',
    vi: 'Bài viết: thực hiện quyền trẻ em ở Thủ đô',
    online: 0.1,
  },
  {
    kind: 'video',
    channel: 'social_media',
    languages: ['vie', 'eng'],
    org: 'central',
    vi: 'Video ngắn: quyền con người là gì?',
    en: 'Short video: what are human rights?',
    online: 1,
  },
  {
    kind: 'news_article',
    channel: 'print',
    languages: ['vie'],
    org: 'press',
    vi: 'Bài báo in: kết quả thực hiện khuyến nghị UPR',
    online: 0.1,
  },
  {
    kind: 'social_media_post',
    channel: 'social_media',
    languages: ['fra'],
    org: 'mission',
    vi: 'Bài đăng tiếng Pháp về quyền con người',
    en: 'French-language post on human rights',
    online: 1,
  },
  {
    kind: 'video',
    channel: 'television',
    languages: ['vie'],
    org: 'central',
    vi: 'Tọa đàm truyền hình: quyền con người và phát triển',
    online: 0.3,
  },
];

const months = (from: string, k: number, total: number, jitter: number): string => {
  // Spread `total` items from `from` to November 2026; k-th item, a few days of jitter.
  const start = new Date(`${from}T00:00:00Z`).getTime();
  const end = new Date('2026-11-20T00:00:00Z').getTime();
  const t = start + ((end - start) * k) / Math.max(1, total - 1) + Math.floor(jitter * 20) * 86_400_000;
  return new Date(Math.min(t, end)).toISOString().slice(0, 10);
};

/** The demo's products, in an order where every product comes after the ones it points to. */
export function demoSpecs(): Spec[] {
  const specs: Spec[] = [];
  let isbn = 1;
  // First editions in Vietnamese, 2023 → 2026.
  SUBJECTS.forEach(([vi, en, topic, audiences], i) => {
    const date = months('2023-02-01', i, SUBJECTS.length + 2, rand(i, 1));
    specs.push({
      key: `book-${i}`,
      kind: 'book',
      org: i % 4 === 0 ? 'central' : i % 4 === 1 ? 'culture' : i % 4 === 2 ? 'province' : 'hanoi',
      texts: [
        { language: 'vie', title: vi + DEMO, description: `Sách minh họa (demo) về chủ đề: ${vi.toLowerCase()}. Không phải ấn phẩm thật.` },
        { language: 'eng', title: en + DEMO },
      ],
      languages: ['vie'],
      channel: 'print',
      audiences,
      topic,
      date,
      status: 'published',
      ...(i % 3 === 0 ? { url: url(`sach-${i}`) } : {}),
      book: { isbn: isbn++, publisher: 'Nhà xuất bản Minh họa (demo)', pages: 120 + Math.floor(rand(i, 2) * 200) },
    });
  });
  // Translations (separate titles) into ethnic-minority and foreign languages.
  TRANSLATIONS.forEach(([s, language, languageVi, title], i) => {
    const original = specs.find((x) => x.key === `book-${s}`)!;
    const date = new Date(
      Math.min(
        new Date(`${original.date}T00:00:00Z`).getTime() + (120 + Math.floor(rand(s, i, 3) * 300)) * 86_400_000,
        new Date('2026-11-15T00:00:00Z').getTime(),
      ),
    )
      .toISOString()
      .slice(0, 10);
    const foreign = language === 'eng' || language === 'fra';
    specs.push({
      key: `tr-${i}`,
      kind: 'book',
      org: foreign ? (i % 2 ? 'mission' : 'central') : 'province',
      texts: [
        ...(title ? [{ language, title: title + DEMO }] : []),
        { language: 'vie', title: `${SUBJECTS[s]![0]} — bản tiếng ${languageVi}${DEMO}` },
      ],
      languages: foreign ? [language] : [language, 'vie'],
      channel: 'print',
      audiences: foreign ? [4, 5, 6] : [2],
      topic: SUBJECTS[s]![2],
      date,
      status: 'published',
      ...(foreign ? { url: url(`sach-dich-${i}`) } : {}),
      book: { isbn: isbn++, publisher: 'Nhà xuất bản Minh họa (demo)', pages: 100 + Math.floor(rand(s, i, 4) * 150) },
      relations: [{ kind: 'translation_of', to: `book-${s}` }],
    });
  });
  // E-books (digital platforms).
  for (const [i, s] of [2, 10].entries()) {
    specs.push({
      key: `ebook-${i}`,
      kind: 'book',
      org: 'culture',
      texts: [{ language: 'vie', title: `${SUBJECTS[s]![0]} — sách điện tử${DEMO}` }],
      languages: ['vie'],
      channel: i ? 'mobile_app' : 'website',
      audiences: [2],
      topic: SUBJECTS[s]![2],
      date: months('2024-06-01', i, 2, rand(s, 5)),
      status: 'published',
      url: url(`sach-dien-tu-${i}`),
      book: { isbn: isbn++, publisher: 'Nhà xuất bản Minh họa (demo)', pages: 90 },
      relations: [{ kind: 'translation_of', to: `book-${s}` }],
    });
  }
  // Re-publications: a title re-published counts once for T4a (book-0 twice: a chain).
  const repub = (key: string, of: string, subject: number, edition: number, date: string) => {
    const o = specs.find((x) => x.key === of)!;
    specs.push({
      ...o,
      key,
      date,
      status: 'published',
      texts: [{ language: 'vie', title: `${SUBJECTS[subject]![0]}, tái bản lần thứ ${edition}${DEMO}` }],
      url: undefined,
      relations: [],
      book: { isbn: isbn++, publisher: o.book!.publisher, pages: o.book!.pages + 24, editionOf: of },
    });
  };
  repub('re-0a', 'book-0', 0, 1, '2024-09-10');
  repub('re-0b', 're-0a', 0, 2, '2026-05-18');
  repub('re-1', 'book-1', 1, 1, '2025-10-02');
  repub('re-3', 'book-3', 3, 1, '2026-03-12');
  repub('re-6', 'book-6', 6, 1, '2026-08-25');
  // Drafts and one withdrawn book.
  specs.push({
    key: 'draft-book-0',
    kind: 'book',
    org: 'hanoi',
    texts: [{ language: 'vie', title: `Sổ tay tuyên truyền viên về quyền con người${DEMO}` }],
    languages: ['vie'],
    channel: 'print',
    audiences: [1],
    topic: 'civil-political',
    date: '2026-10-15',
    status: 'draft',
    book: { isbn: isbn++, publisher: 'Nhà xuất bản Minh họa (demo)', pages: 80 },
  });
  specs.push({
    key: 'draft-book-1',
    kind: 'book',
    org: 'province',
    texts: [
      { language: 'ium', title: `Sách song ngữ Việt – Dao về quyền trẻ em${DEMO}` },
      { language: 'vie', title: `Quyền trẻ em (song ngữ Việt – Dao)${DEMO}` },
    ],
    languages: ['ium', 'vie'],
    channel: 'print',
    audiences: [2],
    topic: 'children',
    date: '2026-09-01',
    status: 'draft',
    book: { isbn: null, publisher: 'Nhà xuất bản Minh họa (demo)', pages: 64 },
  });
  specs.push({
    key: 'draft-book-2',
    kind: 'book',
    org: 'central',
    texts: [{ language: 'vie', title: `Quyền con người trong kỷ nguyên số${DEMO}` }],
    languages: ['vie'],
    channel: 'print',
    audiences: [1, 2],
    topic: 'information-expression',
    date: '2026-11-02',
    status: 'draft',
    book: { isbn: isbn++, publisher: 'Nhà xuất bản Minh họa (demo)', pages: 200 },
  });
  specs.push({
    key: 'withdrawn-book',
    kind: 'book',
    org: 'culture',
    texts: [{ language: 'vie', title: `Tài liệu hỏi đáp (bản có sai sót)${DEMO}` }],
    languages: ['vie'],
    channel: 'print',
    audiences: [2],
    topic: 'civil-political',
    date: '2024-04-20',
    status: 'withdrawn',
    book: { isbn: isbn++, publisher: 'Nhà xuất bản Minh họa (demo)', pages: 60 },
  });
  // Other products, spread over the programme's years.
  const N = 56;
  for (let k = 0; k < N; k++) {
    const t = OTHER[k % OTHER.length]!;
    const year = months('2023-01-10', k, N, rand(k, 6)).slice(0, 4);
    const status: Spec['status'] = k === 23 ? 'withdrawn' : rand(k, 7) < 0.08 || k === N - 1 ? 'draft' : 'published';
    const online = rand(k, 8) < t.online;
    const audiences = [...new Set([1 + Math.floor(rand(k, 9) * 6), 1 + Math.floor(rand(k, 10) * 6)])].sort();
    const topic = SUBJECTS[Math.floor(rand(k, 11) * SUBJECTS.length)]![2];
    specs.push({
      key: `other-${k}`,
      kind: t.kind,
      org: t.org,
      texts: [
        {
          language: t.languages[0]!,
          title: `${t.languages[0] === 'vie' || !t.en ? t.vi : t.en} ${year}${DEMO}`,
          description: 'Sản phẩm truyền thông minh họa (demo), không phải thông tin thật.',
        },
        ...(t.en && t.languages[0] === 'vie' ? [{ language: 'eng', title: `${t.en} ${year}${DEMO}` }] : []),
        ...(t.languages[0] !== 'vie' && t.en ? [{ language: 'vie', title: `${t.vi} ${year}${DEMO}` }] : []),
      ],
      languages: t.languages,
      channel: t.channel,
      audiences,
      topic,
      date: months('2023-01-10', k, N, rand(k, 6)),
      status,
      ...(online ? { url: url(`san-pham-${k}`) } : {}),
    });
  }
  return specs;
}

/** Loads the library demo onto the demo organisations. Idempotent-ish: nothing happens when demo products exist
 *  already or there are no demo organisations. `now` caps publication times. */
export async function seedLibraryDemo(db: Db, now = new Date()): Promise<{ products: number; books: number }> {
  const [existing] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(libraryProducts)
    .where(eq(libraryProducts.isDemo, true));
  if (Number(existing?.n) > 0) return { products: 0, books: 0 };
  await loadLanguages(db);
  await loadPressTopics(db);
  const orgs = await db
    .select({ id: organisations.id, code: organisations.code, kind: organisations.kind, province: organisations.provinceUnitId })
    .from(organisations)
    .where(and(eq(organisations.isDemo, true), eq(organisations.active, true)))
    .orderBy(organisations.id);
  if (!orgs.length) return { products: 0, books: 0 };
  const pools: Record<Spec['org'], number[]> = {
    central: orgs.filter((o) => (o.kind === 'ministry' || o.kind === 'central_agency') && !o.province).map((o) => o.id),
    province: orgs.filter((o) => o.kind === 'provincial_committee' || o.kind === 'socio_political_provincial').map((o) => o.id),
    press: orgs.filter((o) => o.kind === 'press').map((o) => o.id),
    mission: orgs.filter((o) => o.kind === 'mission_abroad').map((o) => o.id),
    hanoi: orgs.filter((o) => /^(UBND|SVHTTDL|BAO)-01$/i.test(o.code)).map((o) => o.id),
    culture: orgs.filter((o) => /^SVHTTDL-/i.test(o.code)).map((o) => o.id),
  };
  const any = orgs.map((o) => o.id);
  const topics = new Map((await db.select({ id: pressTopics.id, code: pressTopics.code }).from(pressTopics)).map((t) => [t.code, t.id]));
  const specs = demoSpecs();
  const orgOf = (s: Spec, i: number) => {
    const pool = pools[s.org].length ? pools[s.org] : any;
    return pool[Math.floor(rand(i, 12) * pool.length)]!;
  };
  const cap = (d: Date) => new Date(Math.min(d.getTime(), now.getTime()));
  return db.transaction(async (tx) => {
    const ids = new Map<string, number>();
    const roots = new Map<string, string>();
    for (const [i, s] of specs.entries()) {
      if (new Date(`${s.date}T00:00:00+07:00`) > now) continue;
      const editionOf = s.book?.editionOf;
      if (editionOf && !ids.has(editionOf)) continue;
      const publishedAt = s.status === 'draft' ? null : cap(new Date(`${s.date}T09:00:00+07:00`));
      roots.set(s.key, editionOf ? (roots.get(editionOf) ?? editionOf) : s.key);
      const [row] = await tx
        .insert(libraryProducts)
        .values({
          kind: s.kind,
          organisationId: orgOf(s, i),
          channel: s.channel,
          date: s.date,
          url: s.url ?? null,
          rights: 'Dữ liệu minh họa (demo)',
          licence: s.status === 'draft' ? null : 'CC BY 4.0',
          isbn: s.book?.isbn ? demoIsbn(s.book.isbn) : null,
          publisher: s.book?.publisher ?? null,
          bookYear: s.book ? Number(s.date.slice(0, 4)) : null,
          pages: s.book?.pages ?? null,
          edition: s.book ? (editionOf ? 'republication' : 'first') : null,
          editionOfId: editionOf ? (ids.get(editionOf) ?? null) : null,
          status: s.status,
          publishedAt,
          withdrawnAt: s.status === 'withdrawn' ? cap(new Date(publishedAt!.getTime() + 30 * 86_400_000)) : null,
          isDemo: true,
        })
        .returning({ id: libraryProducts.id });
      const id = row!.id;
      ids.set(s.key, id);
      if (s.book)
        await tx
          .update(libraryProducts)
          .set({ titleRootId: ids.get(roots.get(s.key)!) ?? id })
          .where(eq(libraryProducts.id, id));
      await tx.insert(libraryProductTexts).values(
        s.texts.map((t, position) => ({
          productId: id,
          position,
          language: t.language,
          title: nfc(t.title),
          description: t.description ?? null,
        })),
      );
      await tx.insert(libraryProductLanguages).values([...new Set(s.languages)].map((language) => ({ productId: id, language })));
      if (s.audiences.length) await tx.insert(libraryProductAudiences).values(s.audiences.map((audience) => ({ productId: id, audience })));
      const topicId = topics.get(s.topic);
      if (topicId) await tx.insert(libraryProductTopics).values({ productId: id, topicId });
      const rels = [...(s.relations ?? []), ...(editionOf ? [{ kind: 'edition_of' as const, to: editionOf }] : [])].filter((r) =>
        ids.has(r.to),
      );
      if (rels.length) await tx.insert(libraryRelations).values(rels.map((r) => ({ fromId: id, toId: ids.get(r.to)!, kind: r.kind })));
      await refreshProductSearch(tx, id);
    }
    const actor = systemActor('seed', 'seed --demo');
    const withdrawn = specs.filter((s) => s.status === 'withdrawn' && ids.has(s.key));
    for (const s of withdrawn) {
      await recordAudit(tx, actor, 'withdraw', AUDIT_ENTITY, ids.get(s.key)!, null, {
        id: ids.get(s.key),
        status: 'withdrawn',
        withdrawalReason: 'Nội dung có sai sót, sẽ được thay thế (demo)',
      });
    }
    const books = specs.filter((s) => s.kind === 'book' && ids.has(s.key)).length;
    await recordAudit(tx, actor, 'create-many', 'library', null, null, { products: ids.size, books, demo: true });
    return { products: ids.size, books };
  });
}

/** Deletes every demo product with its texts, languages, audiences, topics, relations (both ways) and file rows. */
export async function removeLibraryDemo(db: Db): Promise<{ products: number }> {
  return db.transaction(async (tx) => {
    const demo = (await tx.select({ id: libraryProducts.id }).from(libraryProducts).where(eq(libraryProducts.isDemo, true))).map(
      (r) => r.id,
    );
    for (let s = 0; s < demo.length; s += 1000) {
      const part = demo.slice(s, s + 1000);
      await tx.delete(libraryRelations).where(or(inArray(libraryRelations.fromId, part), inArray(libraryRelations.toId, part)));
      await tx.delete(libraryProductTexts).where(inArray(libraryProductTexts.productId, part));
      await tx.delete(libraryProductLanguages).where(inArray(libraryProductLanguages.productId, part));
      await tx.delete(libraryProductAudiences).where(inArray(libraryProductAudiences.productId, part));
      await tx.delete(libraryProductTopics).where(inArray(libraryProductTopics.productId, part));
      await tx.delete(libraryFiles).where(inArray(libraryFiles.productId, part));
    }
    // A real book may re-publish a demo one: it becomes the first edition of its title (for it and its later editions).
    const orphans = demo.length
      ? await tx
          .update(libraryProducts)
          .set({ edition: 'first', editionOfId: null })
          .where(and(eq(libraryProducts.isDemo, false), inArray(libraryProducts.editionOfId, demo)))
          .returning({ id: libraryProducts.id })
      : [];
    for (const o of orphans) {
      await tx.execute(sql`
        with recursive later(id, depth) as (
          select ${o.id}::int, 0
          union select p.id, l.depth + 1 from library_products p join later l on p.edition_of_id = l.id where l.depth < 1000
        ) update library_products set title_root_id = ${o.id} where id in (select id from later)`);
    }
    const removed = await tx.delete(libraryProducts).where(eq(libraryProducts.isDemo, true)).returning({ id: libraryProducts.id });
    await recordAudit(tx, systemActor('cli', 'seed --remove-demo'), 'remove-demo', 'library', null, null, { products: removed.length });
    return { products: removed.length };
  });
}

/** A few real files on demo products (a PDF with text on books, a cover image), through the same path as uploads,
 *  so downloads, thumbnails, PDF search and T5a's "digitised" are alive on first start. Skipped when present. */
export async function seedLibraryDemoFiles(db: Db, store: FileStore): Promise<number> {
  const demo = await db
    .select({ id: libraryProducts.id, kind: libraryProducts.kind })
    .from(libraryProducts)
    .where(and(eq(libraryProducts.isDemo, true), eq(libraryProducts.status, 'published')))
    .orderBy(libraryProducts.id);
  if (!demo.length) return 0;
  const [has] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(libraryFiles)
    .where(
      inArray(
        libraryFiles.productId,
        demo.map((d) => d.id),
      ),
    );
  if (Number(has?.n) > 0) return 0;
  const actor = systemActor('seed', 'seed --demo');
  const books = demo.filter((d) => d.kind === 'book').slice(0, 4);
  let n = 0;
  for (const [i, b] of books.entries()) {
    const pdf = makePdf([
      `Tai lieu minh hoa (demo) so ${i + 1}`,
      'Quy\x80n con ng\x81\x82i - human rights handbook (demo)',
      'Noi dung nay la du lieu minh hoa, khong phai thong tin that.',
    ]);
    await attachProductFile(db, store, actor, b.id, {
      bytes: pdf,
      filename: `tai-lieu-demo-${i + 1}.pdf`,
      caption: 'Bản PDF minh hoạ (demo)',
    });
    await attachProductFile(db, store, actor, b.id, {
      bytes: await makeCover(i),
      filename: `bia-sach-demo-${i + 1}.png`,
      caption: 'Bìa sách minh hoạ (demo)',
    });
    n += 2;
  }
  return n;
}
