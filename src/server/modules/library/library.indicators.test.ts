// T4a, T4b and T5a through the indicator registry (getDashboard, drillDown) against a hand-worked fixture:
// a title published and re-published counts once for T4a; T4b's three parts and their union; T5a's published and
// digitised products among all (drafts included, withdrawn ones not); placed by the producing organisation.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { FigureRow } from '../../../shared/contracts/indicators.js';
import type { Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { getOrganisation, updateOrganisation } from '../directory/organisations.service.js';
import { createPressItem } from '../press/press.service.js';
import { drillDown, getDashboard } from '../indicators/indicators.service.js';
import { pressTopics } from '../press/press.tables.js';
import { createProduct, publishProduct, withdrawProduct } from './library.write.js';
import { libraryFiles } from './library.tables.js';

let db: Db;
const org: Record<string, number> = {};
const id: Record<string, number> = {};

let isbn = 0;
const nextIsbn = () => {
  const first12 = `9786049800${String(++isbn).padStart(2, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 ? 3 : 1);
  return first12 + ((10 - (sum % 10)) % 10);
};

type P = {
  org: string;
  date: string;
  kind?: string;
  channel?: string;
  languages?: string[];
  audiences?: number[];
  url?: string;
  status?: 'draft' | 'published' | 'withdrawn';
  editionOf?: string;
};
async function add(key: string, p: P) {
  const kind = p.kind ?? 'book';
  const c = await createProduct(db, seedActor, {
    kind,
    organisationId: org[p.org],
    channel: p.channel ?? 'print',
    date: p.date,
    languages: p.languages ?? ['vie'],
    audiences: p.audiences ?? [],
    texts: [{ language: 'vie', title: `Sản phẩm ${key}` }],
    url: p.url ?? null,
    book:
      kind === 'book'
        ? { isbn: nextIsbn(), edition: p.editionOf ? 'republication' : 'first', editionOfId: p.editionOf ? id[p.editionOf] : null }
        : null,
  });
  id[key] = c.id;
  const status = p.status ?? 'published';
  if (status !== 'draft') await publishProduct(db, seedActor, c.id, new Date(`${p.date}T09:00:00+07:00`));
  if (status === 'withdrawn') await withdrawProduct(db, seedActor, c.id, { reason: 'thu hồi' });
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  org.H = (await makeOrg(db, { nameVi: 'UBND thử Hà Nội', kind: 'provincial_committee', provinceCode: '01' })).id;
  org.T = (await makeOrg(db, { nameVi: 'Sở thử Tuyên Quang', kind: 'provincial_department', provinceCode: '08' })).id;
  org.M = (await makeOrg(db, { nameVi: 'Bộ thử', kind: 'ministry' })).id;
  org.E = (await makeOrg(db, { nameVi: 'Đại sứ quán thử', kind: 'mission_abroad', countryCode: 'FR' })).id;
  // Books. b1 (2024) re-published as b2 (2025), b2 as b3 (2026): one title. b7 (2022, before the programme) re-published in 2026 as b8.
  await add('b1', { org: 'H', date: '2024-03-01', url: 'https://example.org/b1' });
  await add('b2', { org: 'T', date: '2025-06-01', languages: ['vie', 'hmn'], editionOf: 'b1' });
  await add('b3', { org: 'H', date: '2026-02-01', editionOf: 'b2' });
  await add('b4', { org: 'M', date: '2026-01-15', languages: ['eng'], audiences: [5, 6] });
  await add('b5', { org: 'H', date: '2026-03-01', status: 'draft' });
  await add('b6', { org: 'T', date: '2025-05-01', status: 'withdrawn' });
  await add('b7', { org: 'M', date: '2022-12-01' });
  await add('b8', { org: 'T', date: '2026-04-10', editionOf: 'b7' });
  // Other products.
  await add('p1', { org: 'H', date: '2026-05-02', kind: 'video', channel: 'television', languages: ['vie', 'khm'], audiences: [2] });
  await add('p2', {
    org: 'T',
    date: '2026-06-03',
    kind: 'news_article',
    channel: 'online_press',
    audiences: [1, 3],
    url: 'https://example.org/p2',
  });
  await add('p3', {
    org: 'E',
    date: '2026-07-04',
    kind: 'social_media_post',
    channel: 'social_media',
    languages: ['eng'],
    audiences: [5],
    url: 'https://example.org/p3',
  });
  await add('p4', { org: 'M', date: '2026-08-05', kind: 'periodical_article' });
  await add('p5', {
    org: 'H',
    date: '2026-09-06',
    kind: 'infographic',
    channel: 'website',
    status: 'draft',
    url: 'https://example.org/p5',
  });
  await add('p6', { org: 'H', date: '2026-10-07', kind: 'video', channel: 'television' });
  await add('p7', { org: 'T', date: '2025-11-08', kind: 'news_article', channel: 'online_press', url: 'https://example.org/p7' });
  // b4 is digitised by a file.
  await db
    .insert(libraryFiles)
    .values({ productId: id.b4!, sha256: 'd'.repeat(64), size: 100, mediaType: 'application/pdf', filename: 'b4.pdf' });
  expect((await db.select().from(pressTopics)).length).toBeGreaterThan(0);
});

const fig = async (indicator: string, scope: Record<string, unknown>) =>
  (await getDashboard(db, scope)).figures.find((f) => f.id === indicator)!;
const row = (f: Awaited<ReturnType<typeof fig>>, b: string, key: string) =>
  (f.breakdowns as Record<string, FigureRow[]>)[b]!.find((r) => r.key === key);

describe('T4a: book titles, a re-published title once', () => {
  it('counts title roots with a published edition in the span (cumulative from 2023)', async () => {
    expect(await fig('T4a', { period: '2024' })).toMatchObject({ numerator: 1, value: 1, denominator: null });
    expect(await fig('T4a', { period: '2025' })).toMatchObject({ value: 1 }); // b1 and its re-publication b2: one title; b6 withdrawn
    const f = await fig('T4a', { period: '2026' });
    expect(f.value).toBe(3); // b1 (b1, b2, b3), b4, b7 (re-published in 2026 as b8); not the draft b5
    expect(f.span).toEqual({ firstDay: '2023-01-01', lastDay: '2026-12-31' });
    expect(f.trend.map((t) => t.value)).toEqual([0, 1, 1, 3]);
  });

  it('places a title by its earliest edition in the span, and breaks down by kind and language', async () => {
    const f = await fig('T4a', { period: '2026' });
    expect(row(f, 'province', '01')).toMatchObject({ numerator: 1 }); // b1's title (Hà Nội)
    expect(row(f, 'province', '08')).toMatchObject({ numerator: 1 }); // b7's title, placed by b8 (Tuyên Quang)
    expect(row(f, 'province', '_none')).toMatchObject({ numerator: 1 }); // b4 (ministry)
    expect(row(f, 'orgKind', 'ministry')).toMatchObject({ numerator: 1 });
    expect(row(f, 'language', 'ethnic')).toMatchObject({ numerator: 1, label: { vi: 'Tiếng dân tộc thiểu số' } }); // b2's Hmong edition
    expect(row(f, 'language', 'foreign')).toMatchObject({ numerator: 1 });
    expect(await fig('T4a', { period: '2026', province: '08' })).toMatchObject({ value: 1, expected: null });
  });

  it('drills down to the titles, each with its editions', async () => {
    const d = await drillDown(db, 'T4a', { period: '2026', part: 'numerator' });
    expect(d.total).toBe(3);
    const t = d.records.find((r) => r.id === id.b1)!;
    expect(t).toMatchObject({ type: 'library_title', label: 'Sản phẩm b1', href: `/library?product=${id.b1}` });
    expect(t.detail!.en).toMatch(/^3 editions in the span: /);
    expect(t.detail!.vi).toContain('tái bản');
    expect(t.related.map((r) => r.id)).toEqual([id.b1, id.b2, id.b3]);
    expect(t.related[2]).toMatchObject({ type: 'library_product', label: 'Sản phẩm b3' });
    expect(d.records.find((r) => r.id === id.b7)!.related.map((r) => r.id)).toEqual([id.b8]);
  });
});

describe('T4b: ethnic-minority, foreign or digital, and each part', () => {
  it("is the union of the three parts over the period's published products", async () => {
    // 2026, published: b3, b4, b8, p1, p2, p3, p4, p6 (8); counting: b4 (foreign), p1 (ethnic), p2 (digital), p3 (foreign and digital) → 4.
    const f = await fig('T4b', { period: '2026' });
    expect([f.numerator, f.denominator, f.value]).toEqual([4, 8, 0.5]);
    expect(f.breakdowns.part).toEqual([
      { key: 'digital', label: { vi: 'Nền tảng số', en: 'Digital platform' }, numerator: 2, denominator: 8, value: 0.25 },
      {
        key: 'ethnic',
        label: { vi: 'Tiếng dân tộc thiểu số', en: 'Ethnic-minority language' },
        numerator: 1,
        denominator: 8,
        value: 0.125,
      },
      { key: 'foreign', label: { vi: 'Tiếng nước ngoài', en: 'Foreign language' }, numerator: 2, denominator: 8, value: 0.25 },
    ]);
    // 2 + 1 + 2 = 5 > 4: p3 meets two parts and counts once in the union
  });

  it('breaks down by language group, channel, audience, kind, province and organisation kind', async () => {
    const f = await fig('T4b', { period: '2026' });
    expect(row(f, 'language', 'national')).toMatchObject({ numerator: 2, denominator: 6 }); // b3, b8, p1, p2, p4, p6; p1 and p2 count
    expect(row(f, 'language', 'foreign')).toMatchObject({ numerator: 2, denominator: 2 });
    expect(row(f, 'channel', 'print')).toMatchObject({ numerator: 1, denominator: 4, label: { vi: 'Ấn phẩm in', en: 'Print' } });
    expect(row(f, 'channel', 'television')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(row(f, 'audience', '5')).toMatchObject({
      numerator: 2,
      denominator: 2,
      label: { en: 'Foreign missions, organisations and people in Viet Nam' },
    });
    expect(row(f, 'kind', 'book')).toMatchObject({ numerator: 1, denominator: 3, label: { vi: 'Sách' } });
    expect(row(f, 'province', '01')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(row(f, 'province', '08')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(row(f, 'province', '_none')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(row(f, 'orgKind', 'mission_abroad')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(await fig('T4b', { period: '2026', map: '63', province: '08' })).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await fig('T4b', { period: '2025' })).toMatchObject({ numerator: 2, denominator: 2 }); // b2 (Hmong) and p7 (online press); b6 was withdrawn
  });

  it('drills down to each part and to the union', async () => {
    const ethnic = await drillDown(db, 'T4b', { period: '2026', breakdown: 'part', key: 'ethnic', part: 'numerator' });
    expect(ethnic.records.map((r) => r.id)).toEqual([id.p1]);
    const notForeign = await drillDown(db, 'T4b', { period: '2026', breakdown: 'part', key: 'foreign', part: 'gap' });
    expect(notForeign.total).toBe(6);
    expect(notForeign.records.every((r) => !r.counts)).toBe(true);
    expect(notForeign.records.map((r) => r.id)).toContain(id.p2); // digital, so in the union, but not foreign
    const union = await drillDown(db, 'T4b', { period: '2026', part: 'numerator' });
    expect(union.records.map((r) => r.id).sort((a, b) => a - b)).toEqual([id.b4, id.p1, id.p2, id.p3].sort((a, b) => a - b));
    const p3 = union.records.find((r) => r.id === id.p3)!;
    expect(p3.detail!.en).toBe('Ethnic-minority language: no; foreign language: yes; digital platform: yes (Social media)');
    expect(p3.href).toBe(`/library?product=${id.p3}`);
  });
});

describe('T5a: published and digitised (a file or a link) among all products', () => {
  it('counts drafts in the denominator and leaves withdrawn products out', async () => {
    // 2023–2026: b1, b2, b3, b4, b5 (draft), b8, p1 … p7 (p5 draft) = 13; b6 withdrawn, b7 before 2023.
    // Counting: b1 (link), b4 (file), p2, p3, p7 (links) = 5; p5 has a link but is a draft.
    const f = await fig('T5a', { period: '2026' });
    expect([f.numerator, f.denominator]).toEqual([5, 13]);
    expect(row(f, 'kind', 'book')).toMatchObject({ numerator: 2, denominator: 6 });
    expect(row(f, 'orgKind', 'provincial_committee')).toMatchObject({ numerator: 1, denominator: 6 }); // H: b1, b3, b5, p1, p5, p6; only b1 counts
    expect(await fig('T5a', { period: '2024' })).toMatchObject({ numerator: 1, denominator: 1 });
    const gap = await drillDown(db, 'T5a', { period: '2026', part: 'gap' });
    const p5 = gap.records.find((r) => r.id === id.p5)!;
    expect(p5.detail!.en).toBe('Published: no; digitised files: 0; online link: yes');
    const b4 = (await drillDown(db, 'T5a', { period: '2026', part: 'numerator' })).records.find((r) => r.id === id.b4)!;
    expect(b4.detail!.vi).toBe('Đã công bố: có; tệp số hóa: 1; đường dẫn trực tuyến: không');
  });

  it('follows a write at once', async () => {
    await publishProduct(db, seedActor, id.p5!, new Date('2026-09-06T09:00:00+07:00'));
    expect(await fig('T5a', { period: '2026' })).toMatchObject({ numerator: 6, denominator: 13 });
  });
});

describe('the figure cache', () => {
  it("keeps the library figures over other modules' writes and follows product and organisation writes", async () => {
    const admin: Actor = { ...seedActor, role: 'admin', via: 'api' };
    const before = await fig('T4b', { period: '2026' });
    await createPressItem(db, admin, {
      kind: 'press_release',
      organisationId: org.H,
      title: 'Thông cáo không liên quan',
      bodyHtml: '<p>x</p>',
    });
    expect(await fig('T4b', { period: '2026' })).toMatchObject({ numerator: before.numerator, denominator: before.denominator });
    // The Tuyên Quang department moves to Hà Nội: its products follow.
    const t = await getOrganisation(db, org.T);
    await updateOrganisation(db, admin, org.T, { code: t.code, nameVi: t.nameVi, kind: t.kind, provinceCode: '01' });
    const after = await fig('T4b', { period: '2026' });
    const [h, tq] = [row(before, 'province', '01')!, row(before, 'province', '08')!];
    expect(tq).toMatchObject({ numerator: 1, denominator: 2 }); // b8, p2
    expect(row(after, 'province', '01')).toMatchObject({ numerator: h.numerator + 1, denominator: h.denominator! + 2 });
    expect(row(after, 'province', '08')).toMatchObject({ numerator: 0, denominator: 0 });
  });
});
