// Library products (library.service.ts): the writes — create, update, publish, withdraw — each validated
// (library.validate.ts), authorised, written with its children and search fields and audited in one transaction.
import { eq, sql } from 'drizzle-orm';
import * as C from '../../../shared/contracts/library.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { type Db, lockRow } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDatesWritable } from '../../kernel/dateLock.js';
import { assertCanWriteUnder } from '../directory/organisations.service.js';
import { refreshProductSearch } from './library.search.js';
import {
  libraryProductAudiences,
  libraryProductLanguages,
  libraryProducts,
  libraryProductTexts,
  libraryProductTopics,
  libraryRelations,
} from './library.tables.js';
import { AUDIT_ENTITY, getProduct } from './library.service.js';
import { assertMayWrite, assertOrganisation, fail, type Resolved, validate } from './library.validate.js';

// ---------------------------------------------------------------- writes

/** The product row's columns of a validated input (bulk writers use the same: library.excel.ts). */
export function columns(input: C.ProductInput, v: Resolved) {
  const book = input.kind === 'book' ? (input.book ?? null) : null;
  const text = (s: string | null | undefined) => (s ? nfc(s) : null);
  return {
    kind: input.kind,
    organisationId: input.organisationId,
    channel: input.channel,
    date: input.date,
    rights: text(input.rights),
    licence: text(input.licence),
    url: input.url ? input.url.trim() : null,
    isbn: v.isbn,
    publisher: text(book?.publisher),
    bookYear: book?.year ?? null,
    pages: book?.pages ?? null,
    edition: book ? book.edition : null,
    editionOfId: v.editionOf?.id ?? null,
  };
}

/** Replaces the product's texts, languages, audiences, topics and outgoing relations. */
async function writeChildren(db: Db, id: number, input: C.ProductInput, v: Resolved) {
  await db.delete(libraryProductTexts).where(eq(libraryProductTexts.productId, id));
  await db.delete(libraryProductLanguages).where(eq(libraryProductLanguages.productId, id));
  await db.delete(libraryProductAudiences).where(eq(libraryProductAudiences.productId, id));
  await db.delete(libraryProductTopics).where(eq(libraryProductTopics.productId, id));
  await db.delete(libraryRelations).where(eq(libraryRelations.fromId, id));
  const c = productChildRows(id, input, v);
  await db.insert(libraryProductTexts).values(c.texts);
  await db.insert(libraryProductLanguages).values(c.languages);
  if (c.audiences.length) await db.insert(libraryProductAudiences).values(c.audiences);
  if (c.topics.length) await db.insert(libraryProductTopics).values(c.topics);
  if (c.relations.length) await db.insert(libraryRelations).values(c.relations);
}

/** The rows of a product's texts, languages, audiences, topics and outgoing relations (bulk writers use the same). */
export function productChildRows(id: number, input: C.ProductInput, v: Resolved) {
  return {
    texts: input.texts.map((t, position) => ({
      productId: id,
      position,
      language: t.language,
      title: nfc(t.title),
      description: t.description ? nfc(t.description) : null,
    })),
    languages: [...new Set(input.languages)].map((language) => ({ productId: id, language })),
    audiences: [...new Set(input.audiences)].map((audience) => ({ productId: id, audience })),
    topics: [...new Set(input.topicIds)].map((topicId) => ({ productId: id, topicId })),
    relations: v.relations.map((r) => ({ fromId: id, toId: r.targetId, kind: r.kind })),
  };
}

/** Sets the title root of a book and of every later edition that re-publishes it (directly or further down). */
async function setTitleRoots(db: Db, id: number, root: number | null) {
  await db.execute(sql`
    with recursive later(id, depth) as (
      select ${id}::int, 0
      union select p.id, l.depth + 1 from library_products p join later l on p.edition_of_id = l.id where l.depth < 1000
    ) update library_products set title_root_id = ${root} where id in (select id from later)`);
}

const isUniqueIsbnViolation = (e: unknown): boolean => {
  for (
    let x = e as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined, i = 0;
    x && i < 4;
    x = x.cause as typeof x, i++
  ) {
    if (x.code === '23505' && (x.constraint === 'library_products_isbn_uq' || String(x.message).includes('library_products_isbn_uq')))
      return true;
  }
  return false;
};

/** Runs a write; a race lost on the ISBN's unique index becomes the same answer as the check gives. */
async function guarded<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (isUniqueIsbnViolation(e)) fail([{ field: 'book.isbn', message: 'this ISBN is already used by another product' }]);
    throw e;
  }
}

export async function createProduct(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.Product> {
  assertMayWrite(actor);
  const input = parseInput(C.ProductInput, raw);
  return guarded(() =>
    db.transaction(async (tx) => {
      await assertOrganisation(tx, input.organisationId);
      await assertCanWriteUnder(tx, actor, input.organisationId, "the product's organisation");
      const v = await validate(tx, input, null);
      await assertDatesWritable(tx, actor, [{ field: 'date', day: input.date }]);
      const [row] = await tx
        .insert(libraryProducts)
        .values({ ...columns(input, v), status: 'draft', createdBy: actor.userId, isDemo: opts.isDemo ?? false })
        .returning({ id: libraryProducts.id });
      const id = row!.id;
      if (input.kind === 'book')
        await tx
          .update(libraryProducts)
          .set({ titleRootId: v.editionOf?.root ?? id })
          .where(eq(libraryProducts.id, id));
      await writeChildren(tx, id, input, v);
      await refreshProductSearch(tx, id);
      const after = await getProduct(tx, id);
      await recordAudit(tx, actor, 'create', AUDIT_ENTITY, id, null, after);
      return after;
    }),
  );
}

/** Locks the product row for the rest of the transaction and returns it as the API shows it. */
const lockProduct = (db: Db, id: number): Promise<C.Product> => lockRow(db, 'library_products', id, 'Product', getProduct);

/** Edits a draft or published product (everything but its status); a withdrawn product is not edited. */
export async function updateProduct(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Product> {
  assertMayWrite(actor);
  return guarded(() =>
    db.transaction(async (tx) => {
      const before = await lockProduct(tx, id);
      await assertCanWriteUnder(tx, actor, before.organisationId, "the product's organisation");
      if (before.status === 'withdrawn')
        throw new AppError('conflict', 'A withdrawn product cannot be edited', [
          { field: 'status', message: 'withdrawn products are not editable' },
        ]);
      const input = parseInput(C.ProductInput, raw);
      if (input.organisationId !== before.organisationId) {
        await assertOrganisation(tx, input.organisationId);
        await assertCanWriteUnder(tx, actor, input.organisationId, 'the new organisation');
      }
      const v = await validate(tx, input, id);
      await assertDatesWritable(tx, actor, [
        { field: 'date', day: before.date },
        { field: 'date', day: input.date },
      ]);
      await tx
        .update(libraryProducts)
        .set({ ...columns(input, v), updatedAt: new Date() })
        .where(eq(libraryProducts.id, id));
      await setTitleRoots(tx, id, input.kind === 'book' ? (v.editionOf?.root ?? id) : null);
      await writeChildren(tx, id, input, v);
      await refreshProductSearch(tx, id);
      const after = await getProduct(tx, id);
      await recordAudit(tx, actor, 'update', AUDIT_ENTITY, id, before, after);
      return after;
    }),
  );
}

/** Moves a product from one of `from` to `to`; editors of its organisation's subtree or admins. */
async function transition(
  db: Db,
  actor: Actor,
  id: number,
  action: 'publish' | 'withdraw',
  from: C.ProductStatus,
  to: C.ProductStatus,
  patch: Partial<typeof libraryProducts.$inferInsert>,
  extra: Record<string, unknown> = {},
): Promise<C.Product> {
  assertMayWrite(actor);
  return db.transaction(async (tx) => {
    const before = await lockProduct(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisationId, "the product's organisation");
    if (before.status !== from) {
      throw new AppError('conflict', `A ${before.status} product cannot be ${action === 'publish' ? 'published' : 'withdrawn'}`, [
        { field: 'status', message: `${before.status} → ${to} is not allowed; only ${from} → ${to}` },
      ]);
    }
    // A product counts on its date (T4b, T5a): publishing or withdrawing it is a write dated then.
    await assertDatesWritable(tx, actor, [{ field: 'date', day: before.date }]);
    await tx
      .update(libraryProducts)
      .set({ ...patch, status: to, updatedAt: new Date() })
      .where(eq(libraryProducts.id, id));
    await refreshProductSearch(tx, id);
    const after = { ...(await getProduct(tx, id)), ...extra };
    await recordAudit(tx, actor, action, AUDIT_ENTITY, id, before, after);
    return after;
  });
}

/** Publishes a draft, dated now (seeding passes the product's own time as `now`). */
export async function publishProduct(db: Db, actor: Actor, id: number, now = new Date()): Promise<C.Product> {
  return transition(db, actor, id, 'publish', 'draft', 'published', { publishedAt: now });
}

/** Withdraws a published product with a reason; it stays as a tombstone (and its ISBN is free again). */
export async function withdrawProduct(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()): Promise<C.Product> {
  assertMayWrite(actor);
  const input = parseInput(C.WithdrawProductInput, raw);
  const reason = nfc(input.reason);
  return transition(db, actor, id, 'withdraw', 'published', 'withdrawn', { withdrawnAt: now }, { withdrawalReason: reason });
}
