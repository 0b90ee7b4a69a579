// Library products in Excel (library.excel.ts): what a valid import needs loaded (bulkLookups) and writes
// (set-based statements in one transaction, an audit entry per product).
import { sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/audit.js';
import { intArray, rows as sqlRows, type Db } from '../../kernel/db.js';
import { noProgress, type ProgressReporter } from '../../kernel/progress.js';
import { noteLibraryWrite, productSearchFields } from './library.search.js';
import { AUDIT_ENTITY } from './library.service.js';
import { columns as productRow, productChildRows } from './library.write.js';
import { type ProductLookups } from './library.validate.js';
import { chunks, type LibraryImportResult, productAsInput, type Row } from './library.excel.columns.js';

// ---------------------------------------------------------------- the lookups of a bulk import

type Node = {
  id: number;
  kind: string;
  root: number | null;
  editionOfId: number | null;
  edges: { kind: string; to: number }[];
  fromFile?: boolean;
};

/** validateProduct's questions answered from one load: the products the rows name (and everything reachable from them
 *  through relations and earlier editions), overlaid with what the rows will write. */
export async function bulkLookups(
  tx: Db,
  writes: Row[],
  rowsById: Map<number, Row>,
  languageCodes: Set<string>,
  topicIds: Set<number>,
  isbnHolders: Map<string, { id: number; title: string | null }[]>,
): Promise<ProductLookups & { node(id: number): Node | undefined }> {
  const world = new Map<number, Node>();
  const start = new Set<number>();
  for (const r of writes) {
    if (!r.isNew) start.add(r.id);
    const b = r.input!.book;
    if (b?.editionOfId) start.add(b.editionOfId);
    for (const rel of r.input!.relations) start.add(rel.targetId);
  }
  const writing = new Set(writes.map((r) => r.id));
  for (const id of writing) start.delete(id);
  const updated = writes.filter((r) => !r.isNew).map((r) => r.id);
  if (start.size || updated.length) {
    // Later editions of the updated products, then everything reachable from the named products.
    const later = updated.length
      ? await sqlRows<{ id: number }>(tx, sql`select id from library_products where edition_of_id = any(${intArray(updated)})`)
      : [];
    for (const l of later) start.add(Number(l.id));
    for (const id of updated) start.add(id);
    const reach = await sqlRows<{ id: number }>(
      tx,
      sql`
      with recursive reach(id, depth) as (
        select x, 0 from unnest(${intArray(start)}) x
        union
        select n.next, reach.depth + 1 from reach cross join lateral (
          select r.to_id as next from library_relations r where r.from_id = reach.id
          union all select p.edition_of_id from library_products p where p.id = reach.id and p.edition_of_id is not null
        ) n where reach.depth < 1000
      ) select distinct id from reach`,
    );
    const ids = reach.map((r) => Number(r.id));
    for (const part of chunks(ids, 5000)) {
      const [products, edges] = await Promise.all([
        sqlRows<{ id: number; kind: string; root: number | null; prev: number | null }>(
          tx,
          sql`select id, kind, title_root_id as root, edition_of_id as prev from library_products where id = any(${intArray(part)})`,
        ),
        sqlRows<{ f: number; t: number; kind: string }>(
          tx,
          sql`select from_id as f, to_id as t, kind from library_relations where from_id = any(${intArray(part)})`,
        ),
      ]);
      for (const p of products)
        world.set(Number(p.id), {
          id: Number(p.id),
          kind: p.kind,
          root: p.root === null ? null : Number(p.root),
          editionOfId: p.prev === null ? null : Number(p.prev),
          edges: [],
        });
      for (const e of edges) world.get(Number(e.f))?.edges.push({ kind: e.kind, to: Number(e.t) });
    }
  }
  // What the rows will write replaces the stored products (new ones get their ids already).
  for (const r of writes) {
    const b = r.input!.kind === 'book' ? (r.input!.book ?? null) : null;
    const editionOfId = b?.edition === 'republication' ? (b.editionOfId ?? null) : null;
    const edges = r.input!.relations.map((x) => ({ kind: x.kind as string, to: x.targetId }));
    if (editionOfId && !edges.some((e) => e.kind === 'edition_of' && e.to === editionOfId))
      edges.push({ kind: 'edition_of', to: editionOfId });
    world.set(r.id, {
      id: r.id,
      kind: r.input!.kind,
      root: rowsById.get(r.id)?.before?.book?.titleRootId ?? null,
      editionOfId,
      edges,
      fromFile: true,
    });
  }
  const stored = new Map<number, number>(); // id → number of stored products (not rewritten here) naming it as their earlier edition
  for (const n of world.values()) if (n.editionOfId && !n.fromFile) stored.set(n.editionOfId, (stored.get(n.editionOfId) ?? 0) + 1);
  return {
    node: (id) => world.get(id),
    knownLanguages: async (codes) => new Set(codes.filter((c) => languageCodes.has(c))),
    knownTopics: async (ids) => new Set(ids.filter((i) => topicIds.has(i))),
    isbnHolder: async (isbn, selfId) => isbnHolders.get(isbn)?.find((h) => h.id !== selfId),
    product: async (id) => {
      const n = world.get(id);
      return n ? { id, kind: n.kind, root: n.root } : undefined;
    },
    existingProducts: async (ids) => new Set(ids.filter((i) => world.has(i))),
    editionChain: async (id) => {
      const out: number[] = [];
      for (
        let n = world.get(id), seen = 0;
        n && seen < 1000 && !out.includes(n.id);
        n = n.editionOfId ? world.get(n.editionOfId) : undefined, seen++
      )
        out.push(n.id);
      return out;
    },
    reaches: async (kind, from, self) => {
      const seen = new Set<number>([from]);
      const todo = [from];
      while (todo.length) {
        const id = todo.pop()!;
        if (id === self) return true;
        for (const e of world.get(id)?.edges ?? [])
          if (e.kind === kind && !seen.has(e.to)) {
            seen.add(e.to);
            todo.push(e.to);
          }
      }
      return false;
    },
    // Stored re-publications only (as for the service, where a new product has none): a row of the file naming a
    // product that is not a book is told so on its own row.
    laterEditions: async (id) => stored.get(id) ?? 0,
  };
}

// ---------------------------------------------------------------- the writes

/** Inserts rows given as JSON objects in one statement per chunk (jsonb_to_recordset: one bound parameter, however many
 *  rows; far cheaper than thousands of parameters on PGlite). `cols`: column → SQL type, in the objects' keys. */
async function insertJson(
  tx: Db,
  table: string,
  cols: Record<string, string>,
  items: Record<string, unknown>[],
  chunk = 2000,
  /** After each statement (the figure, a turn of the event loop), with the rows it wrote. */
  afterChunk: (rows: number) => Promise<void> = async () => undefined,
) {
  const names = Object.keys(cols);
  const list = sql.raw(names.map((n) => `"${n}"`).join(', '));
  const types = sql.raw(names.map((n) => `"${n}" ${cols[n]}`).join(', '));
  for (const part of chunks(items, chunk)) {
    await tx.execute(
      sql`insert into ${sql.raw(table)} (${list}) select ${list} from jsonb_to_recordset(${JSON.stringify(part)}::jsonb) as x(${types})`,
    );
    await afterChunk(part.length); // the event loop runs between statements (the embedded database runs them on this thread)
  }
}

/** What an import writes for a row, in the form of productAsInput. */
function writtenAsInput(r: Row, kids: ReturnType<typeof productChildRows>, titleRootId: number | null, publishedAt: string | null) {
  const c = productRow(r.input!, r.resolved!);
  return {
    id: r.id,
    status: r.status,
    publishedAt,
    kind: c.kind,
    organisationId: c.organisationId,
    date: c.date,
    channel: c.channel,
    texts: kids.texts.map((t) => ({ language: t.language, title: t.title, description: t.description })),
    languages: kids.languages.map((l) => l.language),
    audiences: kids.audiences.map((a) => a.audience),
    topicIds: kids.topics.map((t) => t.topicId),
    rights: c.rights,
    licence: c.licence,
    url: c.url,
    relations: kids.relations.map((x) => ({ kind: x.kind, targetId: x.toId })),
    book: c.edition
      ? {
          isbn: c.isbn,
          publisher: c.publisher,
          year: c.bookYear,
          pages: c.pages,
          edition: c.edition,
          editionOfId: c.editionOfId,
          titleRootId,
        }
      : null,
  };
}

const PRODUCT_COLUMNS_SQL: Record<string, string> = {
  id: 'int',
  kind: 'text',
  organisation_id: 'int',
  channel: 'text',
  date: 'date',
  rights: 'text',
  licence: 'text',
  url: 'text',
  isbn: 'text',
  publisher: 'text',
  book_year: 'int',
  pages: 'int',
  edition: 'text',
  edition_of_id: 'int',
  title_root_id: 'int',
  status: 'text',
  published_at: 'timestamptz',
  search_text: 'text',
  search_exact: 'text',
  search_title: 'text',
  sort_key: 'text',
};

export async function writeAll(
  tx: Db,
  actor: Actor,
  all: Row[],
  writes: Row[],
  rowCount: number,
  lookups: { node(id: number): Node | undefined },
  phase: (p: string) => void,
  progress: ProgressReporter = noProgress,
): Promise<LibraryImportResult> {
  const now = new Date().toISOString();
  const byId = new Map(writes.map((r) => [r.id, r]));
  // Title roots: the service's rule (a re-publication's root is its earlier edition's root), through the file's rows.
  const rootOf = (r: Row, depth = 0): number | null => {
    if (r.input!.kind !== 'book') return null;
    const prev = r.resolved!.editionOf?.id;
    if (!prev) return r.id;
    const inFile = byId.get(prev);
    if (inFile && depth < 1000) return rootOf(inFile, depth + 1);
    return lookups.node(prev)?.root ?? prev;
  };
  const created = writes.filter((r) => r.isNew);
  const updated = writes.filter((r) => !r.isNew);
  const publishes = writes.filter((r) => r.status === 'published' && r.before?.status !== 'published');
  const children = new Map(writes.map((r) => [r.id, productChildRows(r.id, r.input!, r.resolved!)]));

  // Updated products lose their child rows and outgoing relations (as updateProduct's writeChildren does); their search
  // fields keep their files' extracted text (as refreshProductSearch does).
  const fileTexts = new Map<number, string[]>();
  for (const part of chunks(
    updated.map((r) => r.id),
    5000,
  )) {
    const ids = intArray(part);
    for (const f of await sqlRows<{ product_id: number; t: string | null }>(
      tx,
      sql`select product_id, extracted_text as t from library_files where product_id = any(${ids}) order by id`,
    )) {
      fileTexts.set(Number(f.product_id), [...(fileTexts.get(Number(f.product_id)) ?? []), f.t ?? '']);
    }
    for (const table of ['library_product_texts', 'library_product_languages', 'library_product_audiences', 'library_product_topics']) {
      await tx.execute(sql`delete from ${sql.raw(table)} where product_id = any(${ids})`);
    }
    await tx.execute(sql`delete from library_relations where from_id = any(${ids})`);
  }
  const productValues = (r: Row) => {
    const c = productRow(r.input!, r.resolved!);
    const s = productSearchFields(children.get(r.id)!.texts, fileTexts.get(r.id) ?? []);
    return {
      id: r.id,
      kind: c.kind,
      organisation_id: c.organisationId,
      channel: c.channel,
      date: c.date,
      rights: c.rights,
      licence: c.licence,
      url: c.url,
      isbn: c.isbn,
      publisher: c.publisher,
      book_year: c.bookYear,
      pages: c.pages,
      edition: c.edition,
      edition_of_id: c.editionOfId,
      title_root_id: rootOf(r),
      status: r.status,
      published_at: r.status === 'published' && r.before?.status !== 'published' ? now : null,
      search_text: s.searchText,
      search_exact: s.searchExact,
      search_title: s.searchTitle,
      sort_key: s.sortKey,
    };
  };
  const types = sql.raw(
    Object.entries(PRODUCT_COLUMNS_SQL)
      .map(([n, t]) => `${n} ${t}`)
      .join(', '),
  );
  // The figure: products written (updated, then created) of all the products written.
  let written = 0;
  const wrote = async (n: number) => {
    written += n;
    await progress.step('write', written, writes.length);
  };
  const turn = () => progress.step('write', written, writes.length);
  for (const part of chunks(updated, 2000)) {
    await progress.step('write', written, writes.length);
    await tx.execute(sql`
      update library_products p set kind = v.kind, organisation_id = v.organisation_id, channel = v.channel, date = v.date, rights = v.rights,
        licence = v.licence, url = v.url, isbn = v.isbn, publisher = v.publisher, book_year = v.book_year, pages = v.pages, edition = v.edition,
        edition_of_id = v.edition_of_id, title_root_id = v.title_root_id, status = v.status, published_at = coalesce(v.published_at, p.published_at),
        search_text = v.search_text, search_exact = v.search_exact, search_title = v.search_title, sort_key = v.sort_key, updated_at = ${now}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(part.map(productValues))}::jsonb) as v(${types})
      where p.id = v.id`);
    await wrote(part.length);
  }
  phase('updates written');
  // New products, with the ids they were given.
  await insertJson(
    tx,
    'library_products',
    { ...PRODUCT_COLUMNS_SQL, created_by: 'int' },
    created.map((r) => ({ ...productValues(r), created_by: actor.userId })),
    1000,
    wrote,
  );
  phase('products inserted');
  // Child rows of both.
  const kids = [...children.values()];
  await insertJson(
    tx,
    'library_product_texts',
    { product_id: 'int', position: 'int', language: 'text', title: 'text', description: 'text' },
    kids.flatMap((c) =>
      c.texts.map((x) => ({
        product_id: x.productId,
        position: x.position,
        language: x.language,
        title: x.title,
        description: x.description,
      })),
    ),
    2000,
    turn,
  );
  await insertJson(
    tx,
    'library_product_languages',
    { product_id: 'int', language: 'text' },
    kids.flatMap((c) => c.languages.map((x) => ({ product_id: x.productId, language: x.language }))),
    10_000,
    turn,
  );
  await insertJson(
    tx,
    'library_product_audiences',
    { product_id: 'int', audience: 'int' },
    kids.flatMap((c) => c.audiences.map((x) => ({ product_id: x.productId, audience: x.audience }))),
    10_000,
    turn,
  );
  await insertJson(
    tx,
    'library_product_topics',
    { product_id: 'int', topic_id: 'int' },
    kids.flatMap((c) => c.topics.map((x) => ({ product_id: x.productId, topic_id: x.topicId }))),
    10_000,
    turn,
  );
  await insertJson(
    tx,
    'library_relations',
    { from_id: 'int', to_id: 'int', kind: 'text' },
    kids.flatMap((c) => c.relations.map((x) => ({ from_id: x.fromId, to_id: x.toId, kind: x.kind }))),
    10_000,
    turn,
  );
  // Later editions (not in the file) of updated books follow their new title root, as updateProduct's setTitleRoots does.
  const roots = updated.filter((r) => r.input!.kind === 'book' || r.before?.kind === 'book').map((r) => ({ id: r.id, root: rootOf(r) }));
  if (roots.length) {
    await tx.execute(sql`
      with recursive later(id, root, depth) as (
        select p.id, s.root, 1 from library_products p join jsonb_to_recordset(${JSON.stringify(roots)}::jsonb) as s(id int, root int) on p.edition_of_id = s.id
        where not (p.id = any(${intArray(byId.keys())}))
        union select p.id, l.root, l.depth + 1 from library_products p join later l on p.edition_of_id = l.id where l.depth < 1000
      ) update library_products set title_root_id = later.root from later where library_products.id = later.id`);
  }
  noteLibraryWrite();
  phase('child rows inserted');

  // Audit: an entry per product created or updated (before and after in the form of its input, with its id and status:
  // the full API view of 20,000 products would double the import's time), one per publication, one for the import.
  type Entry = {
    actor_id: number | null;
    actor_name: string;
    via: string;
    action: string;
    entity: string;
    entity_id: string | null;
    before: unknown;
    after: unknown;
  };
  const entry = (action: string, id: number | null, before: unknown, after: unknown, entity = AUDIT_ENTITY): Entry => ({
    actor_id: actor.userId,
    actor_name: actor.name,
    via: actor.via,
    action,
    entity,
    entity_id: id === null ? null : String(id),
    before: before ?? null,
    after: after ?? null,
  });
  const AUDIT_COLUMNS = {
    actor_id: 'int',
    actor_name: 'text',
    via: 'text',
    action: 'text',
    entity: 'text',
    entity_id: 'text',
    before: 'jsonb',
    after: 'jsonb',
  };
  for (const part of chunks(writes, 1000)) {
    await progress.step('write', written, writes.length);
    const entries: Entry[] = [];
    for (const r of part) {
      const published = r.status === 'published' && r.before?.status !== 'published';
      entries.push(
        entry(
          r.isNew ? 'create' : 'update',
          r.id,
          r.before ? productAsInput(r.before) : null,
          writtenAsInput(r, children.get(r.id)!, rootOf(r), published ? now : (r.before?.publishedAt ?? null)),
        ),
      );
      if (published) entries.push(entry('publish', r.id, null, { id: r.id, status: 'published', publishedAt: now }));
    }
    await insertJson(tx, 'audit_log', AUDIT_COLUMNS, entries, 1000, turn);
  }
  const result: LibraryImportResult = {
    created: created.length,
    updated: updated.length,
    published: publishes.length,
    unchanged: all.length - writes.length,
    rows: rowCount,
  };
  await insertJson(tx, 'audit_log', AUDIT_COLUMNS, [entry('import', null, null, result, 'library')]);
  phase('audited');
  return result;
}
