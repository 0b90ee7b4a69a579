// The library service on a real database: create, update, publish and withdraw with their audit entries; who may
// write (editors in their subtree, admins, nobody else); every bad input named by its field (languages, topics,
// ISBN with the corrected check digit, duplicate ISBN, relations, cycles, book fields); nothing half-written when a
// write fails; title roots of re-publications; relations read both ways; files mapped; the simple list and the
// public view (drafts hidden, withdrawn products as tombstones).
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Organisation } from '../../../shared/contracts/directory.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { pressTopics } from '../press/press.tables.js';
import { createProduct, publishProduct, updateProduct, withdrawProduct } from './library.write.js';
import { getProduct, getPublicProduct, listLanguages, listProductsBasic, loadProducts } from './library.service.js';
import { libraryFiles } from './library.tables.js';

// A switch to make the search refresh (the last step of every write) fail, to prove the write is all or nothing.
const failing = vi.hoisted(() => ({ on: false }));
vi.mock('./library.search.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./library.search.js')>();
  return {
    ...actual,
    refreshProductSearch: async (db: Db, id: number) => {
      if (failing.on) throw new Error('simulated failure after the rows were written');
      return actual.refreshProductSearch(db, id);
    },
  };
});

let db: Db;
let provA: Organisation, deptA: Organisation, provB: Organisation;
let admin: Actor, editorA: Actor, editorB: Actor, viewer: Actor, reviewer: Actor;
let topic: Record<string, number>;

async function actor(role: 'admin' | 'editor' | 'viewer' | 'reviewer', org: number | null = null): Promise<Actor> {
  const u = await makeUser(db, role, org);
  return { userId: u.id, name: u.username, role, organisationId: org, via: 'api' };
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  provA = await makeOrg(db, {
    code: 'UBND-48',
    nameVi: 'Ủy ban nhân dân thành phố Đà Nẵng',
    kind: 'provincial_committee',
    provinceCode: '48',
    isStateAdminAgency: true,
  });
  deptA = await makeOrg(db, {
    code: 'SVHTTDL-48',
    nameVi: 'Sở Văn hóa, Thể thao và Du lịch Đà Nẵng',
    kind: 'provincial_department',
    parentId: provA.id,
    provinceCode: '48',
    isStateAdminAgency: true,
  });
  provB = await makeOrg(db, {
    code: 'UBND-56',
    nameVi: 'Ủy ban nhân dân tỉnh Khánh Hòa',
    kind: 'provincial_committee',
    provinceCode: '56',
    isStateAdminAgency: true,
  });
  admin = await actor('admin');
  editorA = await actor('editor', provA.id);
  editorB = await actor('editor', provB.id);
  viewer = await actor('viewer');
  reviewer = await actor('reviewer');
  topic = Object.fromEntries((await db.select().from(pressTopics)).map((t) => [t.code, t.id]));
});

let isbnSeq = 100;
/** A valid ISBN-13 in the 978-604 group, new each time. */
function nextIsbn(): string {
  const first12 = `978604300${String(isbnSeq++).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 ? 3 : 1);
  return first12 + ((10 - (sum % 10)) % 10);
}

const bookInput = (organisationId: number, patch: Record<string, unknown> = {}, book: Record<string, unknown> = {}) => ({
  kind: 'book',
  organisationId,
  channel: 'print',
  date: '2025-03-15',
  languages: ['vie'],
  audiences: [1, 2],
  topicIds: [topic.children!],
  texts: [
    { language: 'vie', title: 'Quyền trẻ em trong pháp luật', description: 'Sách hỏi đáp' },
    { language: 'eng', title: "Children's rights in law" },
  ],
  book: { isbn: nextIsbn(), publisher: 'NXB Thử nghiệm', year: 2025, pages: 120, edition: 'first', ...book },
  ...patch,
});
const videoInput = (organisationId: number, patch: Record<string, unknown> = {}) => ({
  kind: 'video',
  organisationId,
  channel: 'social_media',
  date: '2025-05-01',
  languages: ['vie', 'hmn'],
  texts: [{ language: 'vie', title: 'Video về quyền của đồng bào dân tộc' }],
  ...patch,
});

const count = async (table: string) =>
  Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n);
const TABLES = [
  'library_products',
  'library_product_texts',
  'library_product_languages',
  'library_product_audiences',
  'library_product_topics',
  'library_relations',
  'audit_log',
];
const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(t)])));
const auditOf = async (id: number) =>
  await rows<{ action: string; actor_name: string; after: { status?: string; withdrawalReason?: string } | null }>(
    db,
    sql`select action, actor_name, after from audit_log where entity = 'library_product' and entity_id = ${String(id)} order by id`,
  );
const fieldsOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return ((e as { details?: { field: string }[] }).details ?? []).map((d) => d.field);
  }
  throw new Error('expected a failure');
};

describe('the lifecycle, with audit', () => {
  it('creates a draft with everything it was given, and audits it', async () => {
    const p = await createProduct(db, editorA, bookInput(deptA.id));
    expect(p).toMatchObject({
      kind: 'book',
      status: 'draft',
      organisationId: deptA.id,
      organisationName: deptA.nameVi,
      channel: 'print',
      digital: false,
      date: '2025-03-15',
      texts: [
        { language: 'vie', title: 'Quyền trẻ em trong pháp luật', description: 'Sách hỏi đáp' },
        { language: 'eng', title: "Children's rights in law", description: null },
      ],
      languages: [{ code: 'vie', group: 'national', nameVi: 'Tiếng Việt', nameEn: 'Vietnamese' }],
      audiences: [1, 2],
      topics: [{ code: 'children' }],
      book: { edition: 'first', editionOfId: null, titleRootId: p.id, publisher: 'NXB Thử nghiệm', pages: 120 },
      publishedAt: null,
      withdrawalReason: null,
      files: [],
      isDemo: false,
    });
    expect(p.book!.isbnHyphenated).toMatch(/^978-604-300-\d{3}-\d$/);
    expect(p.book!.isbn).toBe(p.book!.isbnHyphenated!.replace(/-/g, ''));
    const audit = await auditOf(p.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'create', actor_name: editorA.name })]);
    const [s] = await rows<{ search_text: string }>(db, sql`select search_text from library_products where id = ${p.id}`);
    expect(s!.search_text).toContain('quyen tre em trong phap luat'); // the search fields are refreshed in the write
  });

  it('edits drafts and published products, publishes once, withdraws with a reason; a withdrawn one is not edited', async () => {
    const p = await createProduct(db, editorA, bookInput(deptA.id));
    const edited = await updateProduct(
      db,
      editorA,
      p.id,
      bookInput(deptA.id, { texts: [{ language: 'vie', title: 'Quyền trẻ em (bản sửa)' }], audiences: [3] }, { isbn: p.book!.isbn }),
    );
    expect(edited).toMatchObject({ texts: [{ title: 'Quyền trẻ em (bản sửa)' }], audiences: [3], status: 'draft' });
    const at = new Date('2025-04-01T02:00:00Z');
    const pub = await publishProduct(db, editorA, p.id, at);
    expect(pub).toMatchObject({ status: 'published', publishedAt: at.toISOString() });
    await expect(publishProduct(db, editorA, p.id)).rejects.toMatchObject({ code: 'conflict', details: [{ field: 'status' }] });
    const again = await updateProduct(
      db,
      editorA,
      p.id,
      bookInput(deptA.id, { texts: [{ language: 'vie', title: 'Quyền trẻ em (đã xuất bản, sửa lỗi chính tả)' }] }, { isbn: p.book!.isbn }),
    );
    expect(again).toMatchObject({ status: 'published', publishedAt: at.toISOString() });
    await expect(withdrawProduct(db, editorA, p.id, { reason: '' })).rejects.toMatchObject({ details: [{ field: 'reason' }] });
    const w = await withdrawProduct(db, editorA, p.id, { reason: 'Sai số liệu, sẽ tái bản' });
    expect(w).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Sai số liệu, sẽ tái bản' });
    expect(w.withdrawnAt).not.toBeNull();
    expect((await getProduct(db, p.id)).withdrawalReason).toBe('Sai số liệu, sẽ tái bản');
    await expect(updateProduct(db, editorA, p.id, bookInput(deptA.id))).rejects.toMatchObject({
      code: 'conflict',
      details: [{ field: 'status' }],
    });
    await expect(withdrawProduct(db, editorA, p.id, { reason: 'lần nữa' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await auditOf(p.id)).map((a) => a.action)).toEqual(['create', 'update', 'publish', 'update', 'withdraw']);
    expect((await auditOf(p.id)).at(-1)!.after).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Sai số liệu, sẽ tái bản' });
    // A withdrawn product frees its ISBN.
    const reused = await createProduct(db, editorA, bookInput(deptA.id, {}, { isbn: p.book!.isbnHyphenated }));
    expect(reused.book!.isbn).toBe(p.book!.isbn);
  });

  it('a draft cannot be withdrawn', async () => {
    const p = await createProduct(db, admin, videoInput(provB.id));
    await expect(withdrawProduct(db, admin, p.id, { reason: 'x' })).rejects.toMatchObject({
      code: 'conflict',
      details: [{ field: 'status' }],
    });
  });
});

describe('authorisation', () => {
  it('editors write within their subtree only; admins anywhere', async () => {
    await expect(createProduct(db, editorA, videoInput(provB.id))).rejects.toMatchObject({ code: 'forbidden' });
    const b = await createProduct(db, editorB, videoInput(provB.id));
    await expect(updateProduct(db, editorA, b.id, videoInput(provB.id))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(publishProduct(db, editorA, b.id)).rejects.toMatchObject({ code: 'forbidden' });
    // Moving a product into an organisation outside the subtree is refused too.
    const a = await createProduct(db, editorA, videoInput(deptA.id));
    await expect(updateProduct(db, editorA, a.id, videoInput(provB.id))).rejects.toMatchObject({ code: 'forbidden' });
    expect((await publishProduct(db, admin, b.id)).status).toBe('published');
    expect((await withdrawProduct(db, admin, b.id, { reason: 'trùng lặp' })).status).toBe('withdrawn');
  });

  it('viewers and reviewers read only', async () => {
    const a = await createProduct(db, editorA, videoInput(deptA.id));
    for (const who of [viewer, reviewer]) {
      await expect(createProduct(db, who, videoInput(deptA.id))).rejects.toMatchObject({ code: 'forbidden' });
      await expect(updateProduct(db, who, a.id, videoInput(deptA.id))).rejects.toMatchObject({ code: 'forbidden' });
      await expect(publishProduct(db, who, a.id)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(withdrawProduct(db, who, a.id, { reason: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect((await getProduct(db, a.id)).id).toBe(a.id);
  });
});

describe('every bad input is named by its field', () => {
  it('unknown languages, in the content languages and in the texts', async () => {
    const f = await fieldsOf(
      createProduct(
        db,
        editorA,
        videoInput(deptA.id, {
          languages: ['vie', 'xyz'],
          texts: [
            { language: 'qqq', title: 'T' },
            { language: 'vie', title: 'T2' },
          ],
        }),
      ),
    );
    expect(f).toEqual(['languages.1', 'texts.0.language']);
    // a malformed code is refused by the contract
    expect(await fieldsOf(createProduct(db, editorA, videoInput(deptA.id, { languages: ['vi'] })))).toEqual(['languages.0']);
  });

  it('unknown topics, a wrong date, a link that is not http(s), two texts in one language', async () => {
    const f = await fieldsOf(
      createProduct(
        db,
        editorA,
        videoInput(deptA.id, {
          topicIds: [topic.children, 999_999],
          date: '2025-02-30',
          url: 'ftp://example.org/x',
          texts: [
            { language: 'vie', title: 'A' },
            { language: 'vie', title: 'B' },
          ],
        }),
      ),
    );
    expect(f.sort()).toEqual(['date', 'texts.1.language', 'topicIds.1', 'url']);
  });

  it('a bad ISBN, with the corrected check digit suggested', async () => {
    const e = await createProduct(db, editorA, bookInput(deptA.id, {}, { isbn: '978-604-0-00000-1' })).catch((x) => x);
    expect(e).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'book.isbn', message: 'ISBN 978-604-0-00000-1 has a wrong check digit; did you mean 978-604-0-00000-2?' }],
    });
  });

  it('a duplicate ISBN among products not withdrawn, naming the other product', async () => {
    const first = await createProduct(db, editorA, bookInput(deptA.id));
    const e = await createProduct(db, editorB, bookInput(provB.id, {}, { isbn: first.book!.isbnHyphenated })).catch((x) => x);
    expect(e).toMatchObject({
      code: 'conflict',
      details: [{ field: 'book.isbn', message: expect.stringContaining(`#${first.id} «Quyền trẻ em trong pháp luật»`) }],
    });
    // its own ISBN is no duplicate on update
    expect((await updateProduct(db, editorA, first.id, bookInput(deptA.id, {}, { isbn: first.book!.isbn }))).book!.isbn).toBe(
      first.book!.isbn,
    );
  });

  it('book fields: required for a book, refused for anything else; a re-publication names an earlier book', async () => {
    expect(await fieldsOf(createProduct(db, editorA, bookInput(deptA.id, { book: null })))).toEqual(['book']);
    expect(await fieldsOf(createProduct(db, editorA, videoInput(deptA.id, { book: { edition: 'first' } })))).toEqual(['book']);
    expect(await fieldsOf(createProduct(db, editorA, bookInput(deptA.id, {}, { edition: 'republication' })))).toEqual(['book.editionOfId']);
    const video = await createProduct(db, editorA, videoInput(deptA.id));
    expect(
      await fieldsOf(createProduct(db, editorA, bookInput(deptA.id, {}, { edition: 'republication', editionOfId: video.id }))),
    ).toEqual(['book.editionOfId']);
    expect(
      await fieldsOf(createProduct(db, editorA, bookInput(deptA.id, {}, { edition: 'republication', editionOfId: 99_999_999 }))),
    ).toEqual(['book.editionOfId']);
    const book = await createProduct(db, editorA, bookInput(deptA.id));
    expect(await fieldsOf(createProduct(db, editorA, bookInput(deptA.id, {}, { edition: 'first', editionOfId: book.id })))).toEqual([
      'book.editionOfId',
    ]);
  });

  it('relations: the target exists, is not the product itself, and makes no cycle of editions or parts', async () => {
    expect(
      await fieldsOf(createProduct(db, editorA, videoInput(deptA.id, { relations: [{ kind: 'part_of', targetId: 99_999_999 }] }))),
    ).toEqual(['relations.0.targetId']);
    const a = await createProduct(db, editorA, videoInput(deptA.id));
    expect(
      await fieldsOf(updateProduct(db, editorA, a.id, videoInput(deptA.id, { relations: [{ kind: 'translation_of', targetId: a.id }] }))),
    ).toEqual(['relations.0.targetId']);
    const b = await createProduct(db, editorA, videoInput(deptA.id, { relations: [{ kind: 'part_of', targetId: a.id }] }));
    const c = await createProduct(db, editorA, videoInput(deptA.id, { relations: [{ kind: 'part_of', targetId: b.id }] }));
    // a part_of b part_of … would close the loop c → b → a → c
    const e = await updateProduct(
      db,
      editorA,
      a.id,
      videoInput(deptA.id, {
        relations: [
          { kind: 'translation_of', targetId: b.id },
          { kind: 'part_of', targetId: c.id },
        ],
      }),
    ).catch((x) => x);
    expect(e).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'relations.1.targetId', message: expect.stringContaining('cycle') }],
    });
    // other kinds do not make a cycle
    expect(
      (
        await updateProduct(db, editorA, a.id, videoInput(deptA.id, { relations: [{ kind: 'translation_of', targetId: c.id }] }))
      ).relations.filter((r) => r.direction === 'out'),
    ).toEqual([expect.objectContaining({ kind: 'translation_of', id: c.id })]);
    // an edition cycle through the book fields
    const first = await createProduct(db, editorA, bookInput(deptA.id));
    const second = await createProduct(db, editorA, bookInput(deptA.id, {}, { edition: 'republication', editionOfId: first.id }));
    expect(
      await fieldsOf(
        updateProduct(
          db,
          editorA,
          first.id,
          bookInput(deptA.id, {}, { isbn: first.book!.isbn, edition: 'republication', editionOfId: second.id }),
        ),
      ),
    ).toEqual(['book.editionOfId']);
  });

  it('several problems at once are all reported', async () => {
    const f = await fieldsOf(
      createProduct(db, editorA, bookInput(deptA.id, { languages: ['zzz'], topicIds: [999_998] }, { isbn: '978-604-0-00000-1' })),
    );
    expect(f).toEqual(['languages.0', 'topicIds.0', 'book.isbn']);
  });
});

describe('nothing is half-written', () => {
  it('failed creates and updates leave every table as it was', async () => {
    const p = await createProduct(db, editorA, bookInput(deptA.id, { relations: [] }));
    const before = await counts();
    await expect(createProduct(db, editorA, bookInput(deptA.id, {}, { isbn: '978-604-0-00000-1' }))).rejects.toBeTruthy();
    await expect(createProduct(db, editorB, bookInput(deptA.id))).rejects.toBeTruthy();
    await expect(
      updateProduct(db, editorA, p.id, bookInput(deptA.id, { languages: ['vie', 'xyz'] }, { isbn: p.book!.isbn })),
    ).rejects.toBeTruthy();
    // a failure after every row was written (the last step, the search refresh) rolls the whole write back
    failing.on = true;
    try {
      await expect(createProduct(db, editorA, bookInput(deptA.id))).rejects.toThrow('simulated failure');
      await expect(
        updateProduct(
          db,
          editorA,
          p.id,
          bookInput(deptA.id, { texts: [{ language: 'vie', title: 'Không được lưu' }], audiences: [6] }, { isbn: p.book!.isbn }),
        ),
      ).rejects.toThrow('simulated failure');
      await expect(publishProduct(db, editorA, p.id)).rejects.toThrow('simulated failure');
    } finally {
      failing.on = false;
    }
    expect(await counts()).toEqual(before);
    expect(await getProduct(db, p.id)).toMatchObject({
      status: 'draft',
      texts: [{ title: 'Quyền trẻ em trong pháp luật' }, { title: "Children's rights in law" }],
      audiences: [1, 2],
    });
  });
});

describe('editions and title roots', () => {
  it('a re-publication points to the first publication of its title, through a chain, and follows edits', async () => {
    const first = await createProduct(db, editorA, bookInput(deptA.id));
    const r1 = await createProduct(db, editorA, bookInput(deptA.id, {}, { edition: 'republication', editionOfId: first.id }));
    const r2 = await createProduct(db, editorA, bookInput(deptA.id, {}, { edition: 'republication', editionOfId: r1.id }));
    expect(r1.book).toMatchObject({ edition: 'republication', editionOfId: first.id, titleRootId: first.id });
    expect(r2.book).toMatchObject({ editionOfId: r1.id, titleRootId: first.id });
    // the re-publication is an edition of the earlier one, seen from both sides
    expect(r1.relations).toEqual([
      expect.objectContaining({
        kind: 'edition_of',
        direction: 'out',
        id: first.id,
        title: 'Quyền trẻ em trong pháp luật',
        status: 'draft',
      }),
    ]);
    expect((await getProduct(db, first.id)).relations).toEqual([
      expect.objectContaining({ kind: 'edition_of', direction: 'in', id: r1.id }),
    ]);
    // r1 turns out to be a first publication: it and r2 become their own title
    await updateProduct(db, editorA, r1.id, bookInput(deptA.id, {}, { isbn: r1.book!.isbn, edition: 'first' }));
    expect((await getProduct(db, r1.id)).book).toMatchObject({ edition: 'first', editionOfId: null, titleRootId: r1.id });
    expect((await getProduct(db, r2.id)).book!.titleRootId).toBe(r1.id);
    expect((await getProduct(db, r1.id)).relations.map((r) => [r.kind, r.direction, r.id])).toEqual([['edition_of', 'in', r2.id]]);
    // a book that later editions re-publish stays a book
    expect(await fieldsOf(updateProduct(db, editorA, r1.id, videoInput(deptA.id)))).toEqual(['kind']);
  });
});

describe('reads', () => {
  it('loads products in the order asked, with languages, relations both ways and files', async () => {
    const a = await createProduct(db, editorA, videoInput(deptA.id, { languages: ['eng', 'hmn', 'vie'] }));
    const b = await createProduct(db, editorA, videoInput(deptA.id, { relations: [{ kind: 'translation_of', targetId: a.id }] }));
    await db.insert(libraryFiles).values([
      {
        productId: a.id,
        sha256: 'a'.repeat(64),
        size: 10,
        mediaType: 'image/png',
        filename: 'anh.png',
        caption: 'Ảnh',
        thumbnailSha256: 'b'.repeat(64),
      },
      { productId: a.id, sha256: 'c'.repeat(64), size: 20, mediaType: 'application/pdf', filename: 'sach.pdf' },
    ]);
    const [pb, pa] = await loadProducts(db, [b.id, 99_999_999, a.id, b.id]);
    expect([pb!.id, pa!.id]).toEqual([b.id, a.id]);
    expect(pa!.languages.map((l) => [l.code, l.group])).toEqual([
      ['vie', 'national'],
      ['hmn', 'ethnic'],
      ['eng', 'foreign'],
    ]);
    expect(pa!.relations).toEqual([
      { kind: 'translation_of', direction: 'in', id: b.id, title: 'Video về quyền của đồng bào dân tộc', status: 'draft' },
    ]);
    expect(pb!.relations).toEqual([
      { kind: 'translation_of', direction: 'out', id: a.id, title: 'Video về quyền của đồng bào dân tộc', status: 'draft' },
    ]);
    expect(pa!.files).toEqual([
      expect.objectContaining({ filename: 'anh.png', mediaType: 'image/png', size: 10, caption: 'Ảnh', hasThumbnail: true }),
      expect.objectContaining({ filename: 'sach.pdf', hasThumbnail: false, caption: null }),
    ]);
    expect(pa!.digital).toBe(true);
    await expect(getProduct(db, 99_999_999)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists the languages: national, ethnic, foreign', async () => {
    const l = await listLanguages(db);
    expect(l[0]).toEqual({ code: 'vie', nameVi: 'Tiếng Việt', nameEn: 'Vietnamese', group: 'national' });
    expect(l.find((x) => x.code === 'hmn')!.group).toBe('ethnic');
    const groups = l.map((x) => x.group);
    expect(groups.indexOf('foreign')).toBeGreaterThan(groups.lastIndexOf('ethnic'));
  });

  it('the simple list filters, searches without diacritics, pages and counts; the public sees published products only', async () => {
    const org = (await makeOrg(db, { nameVi: 'Tổ chức danh sách', kind: 'other' })).id;
    const mk = async (title: string, patch: Record<string, unknown>, status: 'draft' | 'published' | 'withdrawn') => {
      const p = await createProduct(db, seedActor, videoInput(org, { texts: [{ language: 'vie', title }], languages: ['vie'], ...patch }));
      if (status !== 'draft') await publishProduct(db, seedActor, p.id);
      if (status === 'withdrawn') await withdrawProduct(db, seedActor, p.id, { reason: 'thu hồi' });
      return p.id;
    };
    const x1 = await mk(
      'Quyền trẻ em vùng cao',
      { date: '2024-01-10', languages: ['hmn'], audiences: [2], topicIds: [topic.children] },
      'published',
    );
    const x2 = await mk('Quyền của phụ nữ', { date: '2025-06-01', kind: 'infographic', channel: 'website' }, 'published');
    const x3 = await mk('Bản nháp về quyền trẻ em', { date: '2026-01-01' }, 'draft');
    const x4 = await mk('Quyền trẻ em (đã thu hồi)', { date: '2025-01-01' }, 'withdrawn');
    const ids = async (q: Record<string, unknown>, publicOnly = false) =>
      (await listProductsBasic(db, { organisationId: org, ...q }, { publicOnly })).items.map((p) => p.id);
    expect(await ids({})).toEqual([x3, x2, x4, x1]); // newest first
    expect(await listProductsBasic(db, { organisationId: org, limit: 2, offset: 1 }, { publicOnly: false })).toMatchObject({
      total: 4,
      items: [{ id: x2 }, { id: x4 }],
    });
    expect(await ids({ q: 'quyen TRE em' })).toEqual([x3, x4, x1]);
    expect(await ids({ q: 'quyền trẻ em' }, true)).toEqual([x1]);
    expect(await ids({ status: 'draft' })).toEqual([x3]);
    expect(await ids({ status: 'draft' }, true)).toEqual([x2, x1]); // the public never sees drafts, whatever is asked
    expect(await ids({ kind: 'infographic' })).toEqual([x2]);
    expect(await ids({ channel: 'website' })).toEqual([x2]);
    expect(await ids({ language: 'hmn' })).toEqual([x1]);
    expect(await ids({ languageGroup: 'ethnic' })).toEqual([x1]);
    expect(await ids({ audience: 2 })).toEqual([x1]);
    expect(await ids({ topic: 'children' })).toEqual([x1]);
    expect(await ids({ year: 2025 })).toEqual([x2, x4]);
    expect(await ids({ q: '100%_\\' })).toEqual([]);
  });

  it('the public view: drafts are not found, a withdrawn product is a tombstone, relations to drafts are hidden', async () => {
    const draft = await createProduct(db, editorA, videoInput(deptA.id));
    const pub = await createProduct(
      db,
      editorA,
      videoInput(deptA.id, {
        url: 'https://example.org/v',
        texts: [{ language: 'vie', title: 'Công khai', description: 'Mô tả' }],
        relations: [{ kind: 'part_of', targetId: draft.id }],
      }),
    );
    await publishProduct(db, editorA, pub.id);
    await expect(getPublicProduct(db, draft.id)).rejects.toMatchObject({ code: 'not_found' });
    const p = await getPublicProduct(db, pub.id);
    expect(p).toMatchObject({ status: 'published', url: 'https://example.org/v', texts: [{ description: 'Mô tả' }], relations: [] });
    expect(p).not.toHaveProperty('isDemo');
    await withdrawProduct(db, editorA, pub.id, { reason: 'Nội dung cần cập nhật' });
    expect(await getPublicProduct(db, pub.id)).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: 'Nội dung cần cập nhật',
      url: null,
      files: [],
      texts: [{ title: 'Công khai', description: null }],
    });
  });
});
