// Library search on a real database: diacritic-insensitive words, accent-exact and title ranking, phrases,
// exclusions, prefixes, filters with facet counts, Vietnamese title order, public visibility, hostile input.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { ProductListQuery } from '../../../shared/contracts/library.js';
import { rows, type Db } from '../../kernel/db.js';
import { pressTopics } from '../press/press.tables.js';
import { matchDensity, parseSearchQuery, refreshProductSearch, searchProducts, sortKeyVi, tableStats } from './library.search.js';
import {
  libraryFiles,
  libraryProductAudiences,
  libraryProductLanguages,
  libraryProductTexts,
  libraryProducts,
  libraryProductTopics,
} from './library.tables.js';

let db: Db;
let orgA: number, orgB: number;
let topicIds: Map<string, number>;

type P = {
  title: string;
  description?: string;
  more?: { language: string; title: string; description?: string }[];
  fileText?: string;
  kind?: string;
  channel?: string;
  date?: string;
  status?: string;
  org?: number;
  languages?: string[];
  audiences?: number[];
  topics?: string[];
};
const ids = new Map<string, number>();

async function add(p: P): Promise<number> {
  const [row] = await db
    .insert(libraryProducts)
    .values({
      kind: p.kind ?? 'book',
      organisationId: p.org ?? orgA,
      channel: p.channel ?? 'print',
      date: p.date ?? '2025-01-01',
      status: p.status ?? 'published',
    })
    .returning({ id: libraryProducts.id });
  const id = row!.id;
  await db.insert(libraryProductTexts).values(
    [{ language: 'vie', title: p.title, description: p.description ?? null }, ...(p.more ?? [])].map((t, position) => ({
      productId: id,
      position,
      language: t.language,
      title: t.title,
      description: t.description ?? null,
    })),
  );
  await db.insert(libraryProductLanguages).values((p.languages ?? ['vie']).map((language) => ({ productId: id, language })));
  if (p.audiences?.length) await db.insert(libraryProductAudiences).values(p.audiences.map((audience) => ({ productId: id, audience })));
  if (p.topics?.length) await db.insert(libraryProductTopics).values(p.topics.map((c) => ({ productId: id, topicId: topicIds.get(c)! })));
  if (p.fileText) {
    await db.insert(libraryFiles).values({
      productId: id,
      sha256: 'a'.repeat(64),
      size: 1,
      mediaType: 'application/pdf',
      filename: 'x.pdf',
      extractedText: p.fileText,
    });
  }
  await refreshProductSearch(db, id);
  ids.set(p.title, id);
  return id;
}

const search = (q: ProductListQuery, publicOnly = false) => searchProducts(db, { limit: 50, offset: 0, ...q }, { publicOnly });
const titles = async (q: ProductListQuery, publicOnly = false) => {
  const r = await search(q, publicOnly);
  const byId = new Map([...ids].map(([t, i]) => [i, t]));
  return r.ids.map((i) => byId.get(i));
};

beforeAll(async () => {
  db = (await testDatabase()).db;
  orgA = (await makeOrg(db, { nameVi: 'Sở Văn hóa thử' })).id;
  orgB = (await makeOrg(db, { nameVi: 'Báo Nhân Dân thử' })).id;
  topicIds = new Map((await db.select({ id: pressTopics.id, code: pressTopics.code }).from(pressTopics)).map((t) => [t.code, t.id]));

  await add({ title: 'Du lịch cộng đồng ở Đắk Lắk', description: 'Buôn làng Tây Nguyên', date: '2024-03-01' });
  await add({ title: 'Sổ tay tuyên truyền', description: 'Bảo đảm quyền con người trong hoạt động tư pháp', date: '2024-04-01' });
  await add({ title: 'Con người có quyền được học tập', description: 'Giáo dục phổ thông', date: '2024-05-01' });
  // Accent pairs: the folded-only match is newer, so only the accent tier can put the exact one first.
  await add({ title: 'Lực lượng thanh niên xung kích', date: '2023-01-01' });
  await add({ title: 'Lúc bình minh trên biển', date: '2025-06-01' });
  // Title versus description: the description match is newer.
  await add({ title: 'Bình đẳng giới trong gia đình', description: 'Tài liệu hỏi đáp', date: '2022-01-01' });
  await add({ title: 'Tài liệu hỏi đáp pháp luật', description: 'Nội dung về bình đẳng giới ở nông thôn', date: '2025-01-01' });
  // Phrases across punctuation, and words whose pairs all occur but never as the whole phrase.
  await add({ title: 'Tờ rơi mùa xuân', description: 'Hội thi: kể chuyện, vẽ tranh về quê hương', date: '2024-06-01' });
  await add({ title: 'Tờ rơi mùa thu', description: 'Kể chuyện hay, chuyện vẽ đẹp', date: '2024-07-01' });
  // Text only in a PDF.
  await add({ title: 'Báo cáo quốc gia', fileText: 'Tài liệu kèm theo: số liệu về người khuyết tật ở Hà Giang', date: '2021-01-01' });
  // Title order (Vietnamese): An < Ăn < Ấn < Bình < Dũng < Đà; a marker word ties them to this test.
  for (const [i, t] of ['Đà Nẵng xưa', 'Bình Định', 'Ấn tượng Huế', 'Ăn Tết', 'Dũng sĩ', 'An Giang'].entries()) {
    await add({ title: t, description: 'sapxepthu', date: `2020-0${i + 1}-01` });
  }
  // Facets: six products carrying the marker "dacdiem".
  await add({
    title: 'Phim tài liệu một',
    description: 'dacdiem',
    kind: 'video',
    channel: 'television',
    date: '2024-02-01',
    org: orgA,
    languages: ['vie'],
    audiences: [1, 2],
    topics: ['children'],
  });
  await add({
    title: 'Phim tài liệu hai',
    description: 'dacdiem',
    kind: 'video',
    channel: 'online_press',
    date: '2025-02-01',
    org: orgB,
    languages: ['vie', 'eng'],
    audiences: [2],
    topics: ['children', 'women'],
  });
  await add({
    title: 'Sách ảnh ba',
    description: 'dacdiem',
    kind: 'book',
    channel: 'print',
    date: '2024-07-01',
    org: orgA,
    languages: ['hmn'],
    audiences: [3],
    topics: ['women'],
  });
  await add({
    title: 'Sách ảnh bốn',
    description: 'dacdiem',
    kind: 'book',
    channel: 'print',
    date: '2023-07-01',
    org: orgB,
    languages: ['vie'],
    audiences: [1],
    topics: [],
  });
  await add({
    title: 'Bản nháp năm',
    description: 'dacdiem',
    kind: 'book',
    channel: 'print',
    date: '2024-09-01',
    org: orgA,
    status: 'draft',
    languages: ['vie'],
  });
  await add({
    title: 'Đã thu hồi sáu',
    description: 'dacdiem',
    kind: 'video',
    channel: 'television',
    date: '2024-10-01',
    org: orgA,
    status: 'withdrawn',
    languages: ['eng'],
  });
});

describe('parseSearchQuery', () => {
  it('splits words, quoted phrases, exclusions and prefixes, and folds them', () => {
    const p = parseSearchQuery('Đắk  "Quyền con người" -lúc nguo* -"tư pháp"');
    expect(p.must.map((t) => [t.folded, t.exact, t.phrase, t.prefix, t.accented])).toEqual([
      ['dak', 'đắk', false, false, true],
      ['quyen con nguoi', 'quyền con người', true, false, true],
      ['nguo', 'nguo', false, true, false],
    ]);
    expect(p.not.map((t) => [t.folded, t.phrase])).toEqual([
      ['luc', false],
      ['tu phap', true],
    ]);
    expect(parseSearchQuery('x* Đ*').must.map((t) => [t.folded, t.prefix])).toEqual([
      ['x', false],
      ['d', false],
    ]); // one-letter prefixes are words
  });
  it('drops terms without letters or digits and caps the number of terms', () => {
    expect(parseSearchQuery('%_\\\'")( - * ""')).toEqual({ must: [], not: [] });
    expect(parseSearchQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')).must).toHaveLength(10);
  });
});

describe('searchProducts: text', () => {
  it('ignores diacritics: "dak lak" finds "Đắk Lắk"', async () => {
    expect(await titles({ q: 'dak lak' })).toEqual(['Du lịch cộng đồng ở Đắk Lắk']);
    expect(await titles({ q: 'ĐẮK LẮK' })).toEqual(['Du lịch cộng đồng ở Đắk Lắk']);
  });

  it('"quyen con nguoi" finds "quyền con người" in a description; every word must occur', async () => {
    const found = await titles({ q: 'quyen con nguoi' });
    expect(found).toContain('Sổ tay tuyên truyền');
    expect(found).toContain('Con người có quyền được học tập'); // words apart still match without quotes
    expect(await titles({ q: 'quyen con nguoi tay nguyen' })).toEqual([]);
  });

  it('quoted phrases match adjacent words in order (folded)', async () => {
    expect(await titles({ q: '"quyen con nguoi"' })).toEqual(['Sổ tay tuyên truyền']);
    expect(await titles({ q: '"quyền con người"' })).toEqual(['Sổ tay tuyên truyền']);
    expect(await titles({ q: '"con nguoi quyen"' })).toEqual([]);
  });

  it('phrases ignore punctuation between the words, and need all of them in a row', async () => {
    expect(await titles({ q: '"ke chuyen ve tranh"' })).toEqual(['Tờ rơi mùa xuân']);
    expect(await titles({ q: '"kể chuyện vẽ"' })).toEqual(['Tờ rơi mùa xuân']);
    expect(await titles({ q: '"chuyen ve"' })).toEqual(['Tờ rơi mùa thu', 'Tờ rơi mùa xuân']);
    expect(await titles({ q: '"tranh chuyen"' })).toEqual([]);
    expect(await titles({ q: 'ke chuyen ve tranh' })).toEqual(['Tờ rơi mùa xuân']);
    expect(await titles({ q: 'ke chuyen ve' })).toEqual(['Tờ rơi mùa thu', 'Tờ rơi mùa xuân']);
  });

  it('a leading minus excludes a word or phrase', async () => {
    expect(await titles({ q: 'quyen con nguoi -tu -phap' })).toEqual(['Con người có quyền được học tập']);
    expect(await titles({ q: 'quyen con nguoi -"tư pháp"' })).toEqual(['Con người có quyền được học tập']);
  });

  it('a trailing star matches a word prefix; plain words match whole words only', async () => {
    expect(await titles({ q: 'khuye' })).toEqual([]);
    expect(await titles({ q: 'khuye*' })).toEqual(['Báo cáo quốc gia']);
    expect(await titles({ q: 'khuyế*' })).toEqual(['Báo cáo quốc gia']);
  });

  it('finds text extracted from files', async () => {
    expect(await titles({ q: 'nguoi khuyet tat ha giang' })).toEqual(['Báo cáo quốc gia']);
  });

  it('ranks the accent-exact match first; a query without accents returns both', async () => {
    expect(await titles({ q: 'lực' })).toEqual(['Lực lượng thanh niên xung kích', 'Lúc bình minh trên biển']);
    expect(await titles({ q: 'lúc' })).toEqual(['Lúc bình minh trên biển', 'Lực lượng thanh niên xung kích']);
    const plain = await titles({ q: 'luc' });
    expect(plain).toHaveLength(2);
    expect(plain[0]).toBe('Lúc bình minh trên biển'); // no accent tier: newest first
  });

  it('ranks title matches above description matches', async () => {
    expect(await titles({ q: 'binh dang gioi' })).toEqual(['Bình đẳng giới trong gia đình', 'Tài liệu hỏi đáp pháp luật']);
    expect(await titles({ q: 'binh dang gioi', sort: 'date' })).toEqual(['Tài liệu hỏi đáp pháp luật', 'Bình đẳng giới trong gia đình']);
  });

  it('treats SQL- and regex-looking input as text', async () => {
    for (const q of [
      '%_\\\'")( ',
      "'; drop table library_products; --",
      '.*[(?',
      '"unterminated',
      '-',
      '*',
      '""',
      '\\',
      'a:* | b & !c <-> d',
      'x'.repeat(200),
    ]) {
      const r = await search({ q });
      expect(Array.isArray(r.ids)).toBe(true);
    }
    // Input without words has nothing to search: nothing, never everything (an emoji alone too).
    expect((await search({ q: '%_\\\'")( ' })).total).toBe(0);
    for (const q of ['😀', '🙏🏻', '…']) expect(await search({ q })).toMatchObject({ ids: [], total: 0 });
    expect((await search({ q: '  ' })).total).toBe((await search({})).total); // an empty box is the plain listing
    expect((await search({ q: "'; drop table library_products; --" })).ids).toEqual([]);
    expect((await rows<{ n: number }>(db, sql`select count(*)::int as n from library_products`))[0]!.n).toBe(22);
    expect(await titles({ q: 'lak & dak' })).toEqual(['Du lịch cộng đồng ở Đắk Lắk']);
  });
});

describe('searchProducts: sort, visibility, filters and facets', () => {
  it('sorts titles in Vietnamese order', async () => {
    expect(await titles({ q: 'sapxepthu', sort: 'title' })).toEqual([
      'An Giang',
      'Ăn Tết',
      'Ấn tượng Huế',
      'Bình Định',
      'Dũng sĩ',
      'Đà Nẵng xưa',
    ]);
    expect(
      sortKeyVi('An') < sortKeyVi('Ăn') &&
        sortKeyVi('Ăn') < sortKeyVi('Ấn') &&
        sortKeyVi('Ấn') < sortKeyVi('Bình') &&
        sortKeyVi('Bình') < sortKeyVi('Đà'),
    ).toBe(true);
  });

  it('sorts newest first without a query, and pages', async () => {
    const all = await search({ q: 'sapxepthu' });
    expect(all.total).toBe(6);
    const page = await search({ q: 'sapxepthu', sort: 'date', limit: 2, offset: 1 });
    expect(page.ids).toHaveLength(2);
    expect(page.total).toBe(6);
    expect(await titles({ q: 'sapxepthu', sort: 'date', limit: 2, offset: 1 })).toEqual(['Dũng sĩ', 'Ăn Tết']);
  });

  it('publicOnly keeps published products only', async () => {
    expect(await titles({ q: 'dacdiem', sort: 'title' }, true)).toEqual([
      'Phim tài liệu hai',
      'Phim tài liệu một',
      'Sách ảnh ba',
      'Sách ảnh bốn',
    ]);
    expect((await search({ q: 'dacdiem', status: 'draft' }, true)).ids).toEqual([]);
    expect(await titles({ q: 'dacdiem', status: 'draft' })).toEqual(['Bản nháp năm']);
    expect((await search({ q: 'dacdiem' })).total).toBe(6);
  });

  it('filters by kind, channel, organisation, year, language, language group, audience and topic', async () => {
    const t = (q: ProductListQuery) => titles({ q: 'dacdiem', sort: 'title', ...q });
    expect(await t({ kind: 'video' })).toEqual(['Đã thu hồi sáu', 'Phim tài liệu hai', 'Phim tài liệu một']);
    expect(await t({ channel: 'print' })).toEqual(['Bản nháp năm', 'Sách ảnh ba', 'Sách ảnh bốn']);
    expect(await t({ organisationId: orgB })).toEqual(['Phim tài liệu hai', 'Sách ảnh bốn']);
    expect(await t({ year: 2024 })).toEqual(['Bản nháp năm', 'Đã thu hồi sáu', 'Phim tài liệu một', 'Sách ảnh ba']);
    expect(await t({ language: 'eng' })).toEqual(['Đã thu hồi sáu', 'Phim tài liệu hai']);
    expect(await t({ languageGroup: 'ethnic' })).toEqual(['Sách ảnh ba']);
    expect(await t({ audience: 2 })).toEqual(['Phim tài liệu hai', 'Phim tài liệu một']);
    expect(await t({ topic: 'women' })).toEqual(['Phim tài liệu hai', 'Sách ảnh ba']);
    expect(await t({ kind: 'book', year: 2024, organisationId: orgA })).toEqual(['Bản nháp năm', 'Sách ảnh ba']);
  });

  it('counts facets over the matches, each ignoring its own filter', async () => {
    const r = await search({ q: 'dacdiem' }, true);
    expect(r.total).toBe(4);
    expect(r.facets.estimated).toBe(false);
    const f = r.facets;
    expect(f.kind).toEqual([
      { value: 'book', count: 2 },
      { value: 'video', count: 2 },
    ]);
    expect(f.channel).toEqual([
      { value: 'print', count: 2 },
      { value: 'online_press', count: 1 },
      { value: 'television', count: 1 },
    ]);
    expect(f.year).toEqual([
      { value: 2025, count: 1 },
      { value: 2024, count: 2 },
      { value: 2023, count: 1 },
    ]);
    expect(f.audience).toEqual([
      { value: 1, count: 2 },
      { value: 2, count: 2 },
      { value: 3, count: 1 },
    ]);
    expect(f.language.map((l) => [l.value, l.count, l.group])).toEqual(
      [
        ['vie', 3],
        ['eng', 1],
        ['hmn', 1],
      ].map(([v, c]) => [v, c, v === 'hmn' ? 'ethnic' : v === 'vie' ? 'national' : 'foreign']),
    );
    expect(f.language[0]!.nameVi).toBe('Tiếng Việt');
    expect(f.topic.map((t) => [t.value, t.count])).toEqual([
      ['children', 2],
      ['women', 2],
    ]);
    expect(f.organisation.map((o) => [o.value, o.count, o.nameVi])).toEqual([
      [orgA, 2, 'Sở Văn hóa thử'],
      [orgB, 2, 'Báo Nhân Dân thử'],
    ]);

    // With kind=video: the kind facet still lists every kind; the others count videos only.
    const v = await search({ q: 'dacdiem', kind: 'video' }, true);
    expect(v.total).toBe(2);
    expect(v.facets.kind).toEqual([
      { value: 'book', count: 2 },
      { value: 'video', count: 2 },
    ]);
    expect(v.facets.channel).toEqual([
      { value: 'online_press', count: 1 },
      { value: 'television', count: 1 },
    ]);
    expect(v.facets.language.map((l) => [l.value, l.count])).toEqual([
      ['vie', 2],
      ['eng', 1],
    ]);
    expect(v.facets.topic.map((t) => [t.value, t.count])).toEqual([
      ['children', 2],
      ['women', 1],
    ]);

    // Two filters: each facet applies the other one.
    const w = await search({ q: 'dacdiem', kind: 'book', year: 2024 }, true);
    expect(w.total).toBe(1);
    expect(w.facets.kind).toEqual([
      { value: 'book', count: 1 },
      { value: 'video', count: 1 },
    ]); // year 2024 only
    expect(w.facets.year).toEqual([
      { value: 2024, count: 1 },
      { value: 2023, count: 1 },
    ]); // books only

    // Without publicOnly drafts and withdrawn products count too.
    const all = await search({ q: 'dacdiem' });
    expect(all.total).toBe(6);
    expect(all.facets.kind).toEqual([
      { value: 'book', count: 3 },
      { value: 'video', count: 3 },
    ]);
  });

  it('sees new products in totals and facets at once (cache keyed by the write stamp)', async () => {
    expect((await search({ q: 'dacdiem' }, true)).total).toBe(4);
    await add({ title: 'Tờ gấp bảy', description: 'dacdiem', kind: 'infographic', channel: 'outdoor', date: '2026-01-05', org: orgB });
    const r = await search({ q: 'dacdiem' }, true);
    expect(r.total).toBe(5);
    expect(r.facets.kind.find((k) => k.value === 'infographic')).toEqual({ value: 'infographic', count: 1 });
    // A status change made in the database is seen too (updated_at moves).
    await db
      .update(libraryProducts)
      .set({ status: 'withdrawn', updatedAt: new Date() })
      .where(sql`${libraryProducts.id} = ${ids.get('Tờ gấp bảy')!}`);
    expect((await search({ q: 'dacdiem' }, true)).total).toBe(4);
  });

  it('past the candidates, estimates the total and the facets and says so; pages go on newest first', async () => {
    const cap = 3;
    const text = await searchProducts(db, { q: 'sapxepthu', limit: 50, offset: 0 }, { publicOnly: false, cap });
    expect(text.ids).toHaveLength(6); // the page itself is never cut
    expect(text.estimated).toBe(true);
    expect(text.total).toBeGreaterThan(cap);
    expect(text.facets.estimated).toBe(true);
    expect(text.facets.sample).toBe(cap);
    expect(text.facets.year.map((y) => y.value)).toEqual([2020]);
    const all = await search({ q: 'sapxepthu', sort: 'date' });
    expect(all.estimated).toBeUndefined();
    expect(all.facets.estimated).toBe(false);
    // Pages past the candidates continue newest first, without repeating or skipping anything.
    const pages = [];
    for (let offset = 0; offset < 6; offset += 2)
      pages.push(...(await searchProducts(db, { q: 'sapxepthu', sort: 'date', limit: 2, offset }, { publicOnly: false, cap })).ids);
    expect(pages).toEqual(all.ids);
    const relevance = [];
    for (let offset = 0; offset < 6; offset += 2)
      relevance.push(...(await searchProducts(db, { q: 'sapxepthu', limit: 2, offset }, { publicOnly: false, cap })).ids);
    expect(new Set(relevance).size).toBe(6);
    // Filters alone: exact below the cap, estimated above it.
    const books = await search({ kind: 'book', status: 'published' });
    expect(books.estimated).toBeUndefined();
    const capped = await searchProducts(db, { kind: 'book', status: 'published', limit: 50, offset: 0 }, { publicOnly: false, cap: 2 });
    expect(capped.estimated).toBe(true);
    expect(capped.ids).toEqual(books.ids.slice(0, 50));
  });

  it('counts every facet like a brute-force count over the matches (below the cap)', async () => {
    const queries: ProductListQuery[] = [
      { q: 'dacdiem' },
      { q: 'dacdiem', kind: 'video' },
      { q: 'dacdiem', language: 'vie', year: 2024 },
      { audience: 2 },
      { topic: 'women', channel: 'print' },
      {},
    ];
    type Row = {
      id: number;
      kind: string;
      channel: string;
      organisation_id: number;
      year: number;
      status: string;
      langs: string[];
      auds: number[];
      topics: string[];
    };
    const all = await rows<Row>(
      db,
      sql`select p.id, p.kind, p.channel, p.organisation_id, extract(year from p.date)::int as year, p.status,
      array(select language from library_product_languages where product_id = p.id) as langs, array(select audience from library_product_audiences where product_id = p.id) as auds,
      array(select t.code from library_product_topics x join press_topics t on t.id = x.topic_id where x.product_id = p.id) as topics from library_products p`,
    );
    for (const q of queries) {
      const r = await search(q, true);
      const text = new Set((await searchProducts(db, { q: q.q, limit: 200, offset: 0, sort: 'date' }, { publicOnly: true })).ids);
      const base = all.filter((p) => p.status === 'published' && text.has(Number(p.id)));
      const tests: Record<string, (p: Row) => boolean> = {
        kind: (p) => !q.kind || p.kind === q.kind,
        channel: (p) => !q.channel || p.channel === q.channel,
        year: (p) => !q.year || p.year === q.year,
        organisation: (p) => !q.organisationId || p.organisation_id === q.organisationId,
        language: (p) => !q.language || p.langs.includes(q.language),
        audience: (p) => !q.audience || p.auds.map(Number).includes(Number(q.audience)),
        topic: (p) => !q.topic || p.topics.includes(q.topic),
      };
      const others = (except: string) => base.filter((p) => Object.entries(tests).every(([k, f]) => k === except || f(p)));
      const tally = (list: Row[], key: (p: Row) => (string | number)[]) => {
        const m = new Map<string, number>();
        for (const p of list) for (const v of new Set(key(p))) m.set(String(v), (m.get(String(v)) ?? 0) + 1);
        return Object.fromEntries([...m].sort());
      };
      const got = (list: { value: string | number; count: number }[]) =>
        Object.fromEntries(list.map((f) => [String(f.value), f.count]).sort());
      expect(r.total, JSON.stringify(q)).toBe(others('').length);
      expect(got(r.facets.kind)).toEqual(tally(others('kind'), (p) => [p.kind]));
      expect(got(r.facets.channel)).toEqual(tally(others('channel'), (p) => [p.channel]));
      expect(got(r.facets.year)).toEqual(tally(others('year'), (p) => [p.year]));
      expect(got(r.facets.organisation)).toEqual(tally(others('organisation'), (p) => [p.organisation_id]));
      expect(got(r.facets.language)).toEqual(tally(others('language'), (p) => p.langs));
      expect(got(r.facets.audience)).toEqual(tally(others('audience'), (p) => p.auds));
      expect(got(r.facets.topic)).toEqual(tally(others('topic'), (p) => p.topics));
    }
  });

  it("keeps each product's facet arrays equal to its link tables through every kind of write (database triggers)", async () => {
    const truth = () =>
      rows<{ id: number; l: string[]; a: number[]; t: number[] }>(
        db,
        sql`select p.id,
      array(select language from library_product_languages where product_id = p.id order by 1) as l,
      array(select audience from library_product_audiences where product_id = p.id order by 1) as a,
      array(select topic_id from library_product_topics where product_id = p.id order by 1) as t from library_products p order by p.id`,
      );
    const kept = () =>
      rows<{ id: number; l: string[]; a: number[]; t: number[] }>(
        db,
        sql`select p.id, coalesce(f.languages, '{}') as l,
      coalesce(f.audiences, '{}') as a, coalesce(f.topic_ids, '{}') as t from library_products p left join library_product_facets f on f.product_id = p.id order by p.id`,
      );
    expect(await kept()).toEqual(await truth());
    const id = await add({ title: 'Mặt hàng ba mặt', languages: ['vie', 'eng'], audiences: [3, 1], topics: ['women', 'children'] });
    const other = await add({ title: 'Mặt hàng khác', languages: ['vie'], audiences: [2] });
    expect((await kept()).find((r) => Number(r.id) === id)).toEqual({
      id,
      l: ['eng', 'vie'],
      a: [1, 3],
      t: [topicIds.get('children')!, topicIds.get('women')!].sort((x, y) => x - y),
    });
    // One statement over two products, an update of a link, deletes, and a whole product going away.
    await db.execute(sql`insert into library_product_audiences (product_id, audience) values (${id}, 5), (${other}, 5)`);
    await db.execute(sql`update library_product_languages set language = 'fra' where product_id = ${id} and language = 'eng'`);
    await db.execute(sql`delete from library_product_topics where product_id = ${id}`);
    expect(await kept()).toEqual(await truth());
    for (const table of ['library_product_languages', 'library_product_audiences', 'library_product_topics', 'library_product_texts']) {
      await db.execute(sql`delete from ${sql.identifier(table)} where product_id = ${other}`);
    }
    await db.execute(sql`delete from library_products where id = ${other}`);
    ids.delete('Mặt hàng khác');
    expect(await kept()).toEqual(await truth());
    expect(await rows(db, sql`select 1 from library_product_facets where product_id = ${other}`)).toEqual([]);
    // The filters read the arrays: the product is found by its new language and audience, not by its old topic.
    expect(await titles({ language: 'fra' })).toContain('Mặt hàng ba mặt');
    expect(await titles({ audience: 5 })).toContain('Mặt hàng ba mặt');
    expect(await titles({ topic: 'women' })).not.toContain('Mặt hàng ba mặt');
  });

  it('answers a word in most products by walking the newest ones, with exactly the newest matches (and falls back when the walk finds too few)', async () => {
    // 160 products of which most say "phobien"; "hiemgap" in a few, "thuonggap" in nearly all of them.
    for (let i = 0; i < 160; i++) {
      const words = [i % 8 ? 'phobien' : 'khac', i % 20 === 0 ? 'hiemgap' : '', i % 10 ? 'thuonggap' : ''].filter(Boolean).join(' ');
      await add({
        title: `Mẫu dày ${i}`,
        description: words,
        date: `2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
        status: i % 9 ? 'published' : 'draft',
      });
    }
    await db.execute(sql`analyze library_products`);
    const stats = await tableStats(db);
    expect(matchDensity(parseSearchQuery('phobien'), stats)).toBeGreaterThanOrEqual(0.2);
    expect(matchDensity(parseSearchQuery('"phobien thuonggap"'), stats)).toBeGreaterThanOrEqual(0.2);
    expect(matchDensity(parseSearchQuery('phobien hiemgap'), stats)).toBeLessThan(0.2);
    expect(matchDensity(parseSearchQuery('phobie*'), stats)).toBeGreaterThanOrEqual(0.2);
    expect(matchDensity(parseSearchQuery('khongcotu*'), stats)).toBe(0);
    const all = await rows<{ id: number; d: string; status: string }>(
      db,
      sql`select id, description as d, p.status from library_products p
      join library_product_texts t on t.product_id = p.id and t.position = 0 order by p.date desc, p.id desc`,
    );
    const newest = (keep: (d: string) => boolean, n: number) =>
      all
        .filter((r) => r.status === 'published' && keep(r.d ?? ''))
        .slice(0, n)
        .map((r) => Number(r.id));
    const has = (w: string) => (d: string) => d.split(' ').includes(w);
    for (const [q, keep] of [
      ['phobien', has('phobien')],
      ['phobie*', (d: string) => d.split(' ').some((w) => w.startsWith('phobie'))],
      ['"phobien thuonggap"', (d: string) => d.includes('phobien thuonggap')],
      // The walk reads the newest rows, most of which the exclusion drops: too few, so the windows answer.
      ['phobien -thuonggap', (d: string) => has('phobien')(d) && !has('thuonggap')(d)],
    ] as const) {
      const r = await searchProducts(db, { q, sort: 'date', limit: 20, offset: 0 }, { publicOnly: true, cap: 20, fresh: true });
      expect(r.ids, q).toEqual(newest(keep, 20));
    }
  });

  it('searches titles in every language', async () => {
    await add({ title: 'Sổ tay pháp luật', more: [{ language: 'eng', title: 'Legal handbook for migrants' }], date: '2024-01-01' });
    expect(await titles({ q: 'migrants' })).toEqual(['Sổ tay pháp luật']);
  });
});
