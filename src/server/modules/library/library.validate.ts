// Library products (library.service.ts): who may write, and the validation of a product's input — organisation,
// real dates, ISBN, edition and relations (no cycles), languages and topics — each problem named by its field.
import { eq, inArray, sql } from 'drizzle-orm';
import * as C from '../../../shared/contracts/library.js';
import { type Actor } from '../../kernel/audit.js';
import { type Db, rows } from '../../kernel/db.js';
import { AppError, forbidden } from '../../kernel/errors.js';
import { organisations } from '../directory/directory.tables.js';
import { pressTopics } from '../press/press.tables.js';
import { checkIsbn } from './library.isbn.js';
import { languages, libraryProducts } from './library.tables.js';
import { type Detail } from './library.service.js';

// ---------------------------------------------------------------- validation

export function assertMayWrite(actor: Actor) {
  if (!['admin', 'editor', 'system'].includes(actor.role)) throw forbidden(`Your role (${actor.role}) is read-only`);
}

export function fail(details: Detail[]): never {
  const onlyDuplicates = details.every((d) => d.field === 'book.isbn' && d.message.includes('already used'));
  throw new AppError(onlyDuplicates ? 'conflict' : 'validation_failed', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
}

export async function assertOrganisation(db: Db, id: number) {
  const [o] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id));
  if (!o) fail([{ field: 'organisationId', message: `no organisation ${id}` }]);
}

export const isRealDate = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
};

/** Everything the write needs besides the input, once the input is known to be sound. */
export type Resolved = {
  isbn: string | null;
  editionOf: { id: number; root: number } | null;
  relations: { kind: C.RelationKind; targetId: number }[];
};
export type ResolvedProduct = Resolved;

/** What validation asks the database. The service asks it each time (productLookups); a bulk import (library.excel.ts)
 *  answers the same questions from what it loaded once plus the rows of its file, and runs the same validateProduct. */
export interface ProductLookups {
  /** Which of these language codes are on the language list. */
  knownLanguages(codes: string[]): Promise<Set<string>>;
  /** Which of these topic ids exist. */
  knownTopics(ids: number[]): Promise<Set<number>>;
  /** A non-withdrawn product other than `selfId` holding this ISBN-13 (the service also serialises writers of it). */
  isbnHolder(isbn13: string, selfId: number | null): Promise<{ id: number; title: string | null } | undefined>;
  /** A product's kind and title root. */
  product(id: number): Promise<{ id: number; kind: string; root: number | null } | undefined>;
  /** Which of these product ids exist. */
  existingProducts(ids: number[]): Promise<Set<number>>;
  /** The ids from `id` up its chain of earlier editions (edition_of_id), `id` first. */
  editionChain(id: number): Promise<number[]>;
  /** Does walking `kind` relations from `start` reach `self`? */
  reaches(kind: string, start: number, self: number): Promise<boolean>;
  /** How many products name `id` as their earlier edition. */
  laterEditions(id: number): Promise<number>;
}

/** The lookups of validateProduct, answered by the database (`db` may be a transaction). */
export function productLookups(db: Db): ProductLookups {
  return {
    knownLanguages: async (codes) =>
      new Set(
        codes.length
          ? (await db.select({ code: languages.code }).from(languages).where(inArray(languages.code, codes))).map((l) => l.code)
          : [],
      ),
    knownTopics: async (ids) =>
      new Set(
        ids.length ? (await db.select({ id: pressTopics.id }).from(pressTopics).where(inArray(pressTopics.id, ids))).map((t) => t.id) : [],
      ),
    isbnHolder: async (isbn, selfId) => {
      // Serialise writers of one ISBN so that two requests cannot both take it.
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'library_isbn:' + isbn}))`);
      const [other] = await rows<{ id: number; title: string | null }>(
        db,
        sql`
        select p.id, t.title from library_products p left join library_product_texts t on t.product_id = p.id and t.position = 0
        where p.isbn = ${isbn} and p.status <> 'withdrawn' ${selfId ? sql`and p.id <> ${selfId}` : sql``} order by p.id limit 1`,
      );
      return other;
    },
    product: async (id) => {
      const [t] = await db
        .select({ id: libraryProducts.id, kind: libraryProducts.kind, root: libraryProducts.titleRootId })
        .from(libraryProducts)
        .where(eq(libraryProducts.id, id));
      return t;
    },
    existingProducts: async (ids) =>
      new Set(
        ids.length
          ? (await db.select({ id: libraryProducts.id }).from(libraryProducts).where(inArray(libraryProducts.id, ids))).map((r) => r.id)
          : [],
      ),
    editionChain: (id) => editionChainOf(db, id),
    reaches: (kind, start, self) => reaches(db, kind, start, self),
    laterEditions: async (id) => {
      const [later] = await rows<{ n: number }>(db, sql`select count(*)::int as n from library_products where edition_of_id = ${id}`);
      return Number(later?.n ?? 0);
    },
  };
}

/** Walks edges of one relation kind from `start`: does it reach `self`? (An existing cycle elsewhere stops the walk.) */
async function reaches(db: Db, kind: string, start: number, self: number): Promise<boolean> {
  const r = await rows<{ found: boolean }>(
    db,
    sql`
    with recursive walk(id, depth) as (
      select ${start}::int, 0
      union select r.to_id, w.depth + 1 from library_relations r join walk w on r.from_id = w.id where r.kind = ${kind} and w.depth < 1000
    ) select exists(select 1 from walk where id = ${self}) as found`,
  );
  return Boolean(r[0]?.found);
}

/** Validates what the schema cannot: languages and topics known, relations sound (target exists, not itself, no
 *  cycle of edition_of or part_of), book fields (ISBN check digit, unique among non-withdrawn products; a
 *  re-publication names an earlier book). Collects every problem, then throws once. `selfId` is null on create. */
export async function validate(db: Db, input: C.ProductInput, selfId: number | null): Promise<Resolved> {
  return validateProduct(input, selfId, productLookups(db));
}

/** validate() over any lookups: every rule of a product write beyond the contract. Throws validation_failed (or
 *  conflict for a taken ISBN) with every problem, each named by its field (`book.isbn`, `texts.1.language` …). */
export async function validateProduct(input: C.ProductInput, selfId: number | null, look: ProductLookups): Promise<Resolved> {
  const details: Detail[] = [];
  // Dates and link
  if (!isRealDate(input.date)) details.push({ field: 'date', message: `${input.date} is not a calendar date` });
  if (input.url && !/^https?:\/\//i.test(input.url)) details.push({ field: 'url', message: 'must be an http:// or https:// address' });
  // Languages
  const codes = [...new Set([...input.languages, ...input.texts.map((t) => t.language)])];
  const known = await look.knownLanguages(codes);
  input.languages.forEach((c, i) => {
    if (!known.has(c)) details.push({ field: `languages.${i}`, message: `unknown language code ${c} (ISO 639-3, from the language list)` });
  });
  const seenText = new Map<string, number>();
  input.texts.forEach((t, i) => {
    if (!known.has(t.language))
      details.push({ field: `texts.${i}.language`, message: `unknown language code ${t.language} (ISO 639-3, from the language list)` });
    else if (seenText.has(t.language))
      details.push({
        field: `texts.${i}.language`,
        message: `a second title in ${t.language} (text ${seenText.get(t.language)} is already in it); one text per language`,
      });
    else seenText.set(t.language, i);
  });
  // Topics
  const topicIds = [...new Set(input.topicIds)];
  if (topicIds.length) {
    const found = await look.knownTopics(topicIds);
    input.topicIds.forEach((t, i) => {
      if (!found.has(t)) details.push({ field: `topicIds.${i}`, message: `unknown topic ${t}` });
    });
  }
  // Book fields
  let isbn: string | null = null;
  let editionOf: Resolved['editionOf'] = null;
  const book = input.book ?? null;
  if (input.kind === 'book' && !book)
    details.push({ field: 'book', message: 'a book needs its book fields (edition; ISBN, publisher … when known)' });
  if (input.kind !== 'book' && book)
    details.push({ field: 'book', message: `only books have book fields; this product is a ${input.kind}` });
  if (input.kind === 'book' && book) {
    if (book.isbn) {
      const c = checkIsbn(book.isbn);
      if (!c.valid) details.push({ field: 'book.isbn', message: c.message });
      else {
        isbn = c.isbn13;
        const other = await look.isbnHolder(isbn, selfId);
        if (other)
          details.push({
            field: 'book.isbn',
            message: `ISBN ${c.hyphenated} is already used by product #${other.id} «${other.title ?? ''}»`,
          });
      }
    }
    if (book.edition === 'republication') {
      const target = book.editionOfId ?? null;
      if (!target) details.push({ field: 'book.editionOfId', message: 'a re-publication names the earlier edition it re-publishes' });
      else if (target === selfId) details.push({ field: 'book.editionOfId', message: 'a book cannot be a re-publication of itself' });
      else {
        const t = await look.product(target);
        if (!t) details.push({ field: 'book.editionOfId', message: `no product ${target}` });
        else if (t.kind !== 'book') details.push({ field: 'book.editionOfId', message: `product ${target} is a ${t.kind}, not a book` });
        else if (selfId && (await look.editionChain(target)).includes(selfId))
          details.push({ field: 'book.editionOfId', message: `product ${target} is itself a later edition of this book (a cycle)` });
        else editionOf = { id: t.id, root: t.root ?? t.id };
      }
    } else if (book.editionOfId) {
      details.push({ field: 'book.editionOfId', message: 'only a re-publication names an earlier edition (edition: republication)' });
    }
  }
  if (selfId && input.kind !== 'book') {
    const later = await look.laterEditions(selfId);
    if (later > 0)
      details.push({ field: 'kind', message: `${later} re-publication(s) name this book as their earlier edition; it stays a book` });
  }
  // Relations
  const relations: Resolved['relations'] = [];
  const targets = [...new Set(input.relations.map((r) => r.targetId))];
  const existing = await look.existingProducts(targets);
  for (const [i, r] of input.relations.entries()) {
    const field = `relations.${i}.targetId`;
    if (r.targetId === selfId) details.push({ field, message: 'a product cannot be related to itself' });
    else if (!existing.has(r.targetId)) details.push({ field, message: `no product ${r.targetId}` });
    else if (selfId && r.kind !== 'translation_of' && (await look.reaches(r.kind, r.targetId, selfId))) {
      details.push({ field, message: `product ${r.targetId} is already, through ${r.kind}, below this product (a cycle)` });
    } else if (!relations.some((x) => x.kind === r.kind && x.targetId === r.targetId))
      relations.push({ kind: r.kind, targetId: r.targetId });
  }
  // A re-publication is an edition of the book it re-publishes.
  if (editionOf && !relations.some((x) => x.kind === 'edition_of' && x.targetId === editionOf!.id)) {
    if (selfId && (await look.reaches('edition_of', editionOf.id, selfId)))
      details.push({ field: 'book.editionOfId', message: `product ${editionOf.id} is already an edition of this book (a cycle)` });
    else relations.push({ kind: 'edition_of', targetId: editionOf.id });
  }
  if (details.length) fail(details);
  return { isbn, editionOf, relations };
}

/** The ids from `id` up its chain of earlier editions (edition_of_id), `id` first. */
async function editionChainOf(db: Db, id: number): Promise<number[]> {
  const r = await rows<{ id: number }>(
    db,
    sql`
    with recursive up(id, prev, depth) as (
      select id, edition_of_id, 0 from library_products where id = ${id}
      union select p.id, p.edition_of_id, up.depth + 1 from library_products p join up on p.id = up.prev where up.depth < 1000
    ) select id from up order by depth`,
  );
  return r.map((x) => Number(x.id));
}
