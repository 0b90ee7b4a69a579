// Library demo data: fictional products ("(demo)") of the demo organisations, 2023 to now, books with valid Viet Nam
// ISBNs and re-publications linked to their first edition, several languages and channels, drafts and a withdrawn
// one; real figures for T4a, T4b and T5a; a second seeding changes nothing; removal leaves nothing behind and the
// directory's demo can go after it.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/test-db.js';
import { rows, type Db } from '../../kernel/db.js';
import { removeDemo, seedDemo } from '../directory/directory.demo.js';
import { getDashboard } from '../indicators/indicators.service.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFileStore } from '../../kernel/storage.js';
import { demoIsbn, removeLibraryDemo, seedLibraryDemo, seedLibraryDemoFiles } from './library.demo.js';
import { checkIsbn } from './library.isbn.js';
import { getPublicProduct, listProductsBasic } from './library.service.js';

let db: Db;
const NOW = new Date('2026-11-29T05:00:00Z');
beforeAll(async () => {
  db = (await testDatabase()).db;
});
const n = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(db, q))[0]!.n);

describe('library demo data', () => {
  it('gives about 40 books and 55 other products, all fictional and marked demo', async () => {
    await seedDemo(db);
    const r = await seedLibraryDemo(db, NOW);
    expect(r.books).toBeGreaterThanOrEqual(38);
    expect(r.products).toBeGreaterThanOrEqual(90);
    expect(await n(sql`select count(*)::int as n from library_products where not is_demo`)).toBe(0);
    expect(await n(sql`select count(*)::int as n from library_product_texts where title not like '%(demo)'`)).toBe(0);
    expect(await n(sql`select count(*)::int as n from library_products where published_at > ${NOW.toISOString()}`)).toBe(0);
    expect(await n(sql`select count(distinct extract(year from date))::int as n from library_products`)).toBe(4); // 2023–2026
    expect(await n(sql`select count(distinct organisation_id)::int as n from library_products`)).toBeGreaterThan(15);
    expect(await n(sql`select count(*)::int as n from library_products where status = 'draft'`)).toBeGreaterThanOrEqual(3);
    expect(await n(sql`select count(*)::int as n from library_products where status = 'withdrawn'`)).toBeGreaterThanOrEqual(1);
    expect(await n(sql`select count(*)::int as n from library_products where url is not null`)).toBeGreaterThan(20);
    expect(await n(sql`select count(*)::int as n from library_files`)).toBe(0);
  });

  it('books have valid ISBNs of the Viet Nam group; re-publications point to their first edition', async () => {
    const isbns = await rows<{ isbn: string }>(db, sql`select isbn from library_products where isbn is not null`);
    expect(isbns.length).toBeGreaterThanOrEqual(35);
    for (const { isbn } of isbns) {
      expect(isbn.startsWith('978604'), isbn).toBe(true);
      expect(checkIsbn(isbn).valid, isbn).toBe(true);
    }
    expect(demoIsbn(1)).toBe('9786044999012');
    const repubs = await rows<{ id: number; edition_of_id: number; title_root_id: number; root_edition: string }>(
      db,
      sql`
      select p.id, p.edition_of_id, p.title_root_id, r.edition as root_edition from library_products p join library_products r on r.id = p.title_root_id
      where p.edition = 'republication'`,
    );
    expect(repubs.length).toBeGreaterThanOrEqual(4);
    for (const x of repubs) expect(x.root_edition).toBe('first');
    expect(repubs.some((x) => x.edition_of_id !== x.title_root_id)).toBe(true); // a re-publication of a re-publication
    expect(await n(sql`select count(*)::int as n from library_relations where kind = 'edition_of'`)).toBe(repubs.length);
    expect(await n(sql`select count(*)::int as n from library_relations where kind = 'translation_of'`)).toBeGreaterThanOrEqual(10);
  });

  it('uses several languages and channels', async () => {
    const langs = (await rows<{ language: string }>(db, sql`select distinct language from library_product_languages`)).map(
      (l) => l.language,
    );
    for (const l of ['vie', 'eng', 'fra', 'hmn', 'khm', 'tyz']) expect(langs, l).toContain(l);
    expect(await n(sql`select count(distinct channel)::int as n from library_products`)).toBeGreaterThanOrEqual(6);
    expect(await n(sql`select count(distinct kind)::int as n from library_products`)).toBeGreaterThanOrEqual(9);
  });

  it('makes T4a, T4b and T5a show real figures', async () => {
    const d = await getDashboard(db, { period: '2026' });
    const f = (id: string) => d.figures.find((x) => x.id === id)!;
    expect(f('T4a').value).toBeGreaterThanOrEqual(25);
    expect(f('T4a').value).toBeLessThan(f('T4a').numerator + 1);
    for (const id of ['T4b', 'T5a']) {
      expect(f(id).value, id).toBeGreaterThan(0.1);
      expect(f(id).value, id).toBeLessThan(0.9);
    }
    for (const part of ['ethnic', 'foreign', 'digital'])
      expect(f('T4b').breakdowns.part!.find((r) => r.key === part)!.numerator, part).toBeGreaterThan(0);
    const y2024 = (await getDashboard(db, { period: '2024' })).figures.find((x) => x.id === 'T4b')!;
    expect(y2024.denominator).toBeGreaterThan(10);
    // re-published titles count once: fewer titles than published books
    const published = await n(sql`select count(*)::int as n from library_products where kind = 'book' and status = 'published'`);
    expect(f('T4a').value).toBeLessThan(published);
  });

  it('is searchable, and the withdrawn book is a public tombstone with its reason', async () => {
    expect((await listProductsBasic(db, { q: 'quyen tre em' }, { publicOnly: true })).total).toBeGreaterThan(0);
    const [w] = await rows<{ id: number }>(db, sql`select id from library_products where status = 'withdrawn' and kind = 'book'`);
    expect(await getPublicProduct(db, w!.id)).toMatchObject({ status: 'withdrawn', withdrawalReason: expect.stringContaining('(demo)') });
  });

  it('a second seeding changes nothing', async () => {
    const before = await n(sql`select count(*)::int as n from library_products`);
    expect(await seedLibraryDemo(db, NOW)).toEqual({ products: 0, books: 0 });
    expect(await n(sql`select count(*)::int as n from library_products`)).toBe(before);
  });

  it('is removed entirely, and the directory demo can then be removed', async () => {
    const r = await removeLibraryDemo(db);
    expect(r.products).toBeGreaterThanOrEqual(90);
    for (const t of [
      'library_products',
      'library_product_texts',
      'library_product_languages',
      'library_product_audiences',
      'library_product_topics',
      'library_relations',
    ]) {
      expect(await n(sql`select count(*)::int as n from ${sql.identifier(t)}`), t).toBe(0);
    }
    const d = await removeDemo(db);
    expect(d.kept).toEqual([]);
  });

  it('puts real files on a few published books: a PDF whose text is searchable and a cover with a thumbnail', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-demo-files-'));
    try {
      const store = createFileStore(dir);
      await seedDemo(db);
      await seedLibraryDemo(db, NOW); // (again: an earlier test removed it)
      const added = await seedLibraryDemoFiles(db, store);
      expect(added).toBe(8);
      expect(await seedLibraryDemoFiles(db, store)).toBe(0); // once
      expect(
        await n(
          sql`select count(*)::int as n from library_files where media_type = 'application/pdf' and extracted_text ilike '%human rights handbook%'`,
        ),
      ).toBe(4);
      expect(
        await n(sql`select count(*)::int as n from library_files where media_type = 'image/png' and thumbnail_sha256 is not null`),
      ).toBe(4);
      expect(
        await n(
          sql`select count(*)::int as n from library_products p where exists (select 1 from library_files f where f.product_id = p.id) and p.search_text like '%quyen con nguoi%'`,
        ),
      ).toBe(4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
