// Library products in Excel (library.excel.ts): the columns, a product as cells and back (what an update
// would leave), and the row an import works on.
import { sql } from 'drizzle-orm';
import * as C from '../../../shared/contracts/library.js';
import { nfc } from '../../kernel/text.js';
import { checkIsbn } from './library.isbn.js';
import { type ResolvedProduct } from './library.validate.js';

// ---------------------------------------------------------------- columns

/** Titles in the template; an import accepts title_N… up to the contract's 20, an export adds what its products use. */
export const TEMPLATE_TEXTS = 3;
export const MAX_TEXTS = 20;
const HEAD = ['id', 'ref', 'kind', 'organisation_code', 'date', 'channel', 'languages'] as const;
const TAIL = [
  'audiences',
  'topics',
  'rights',
  'licence',
  'url',
  'isbn',
  'publisher',
  'year',
  'pages',
  'edition',
  'edition_of',
  'translation_of',
  'part_of',
  'status',
] as const;
export const textColumns = (n: number) => [`title_${n}_lang`, `title_${n}`, `description_${n}`];
export const productColumns = (texts = TEMPLATE_TEXTS): string[] => [
  ...HEAD,
  ...Array.from({ length: texts }, (_, i) => textColumns(i + 1)).flat(),
  ...TAIL,
];
/** The template's columns, in order. */
export const LIBRARY_COLUMNS = productColumns();
export const ACCEPTED = productColumns(MAX_TEXTS);
/** What a new product (a row without `id`) needs. */
export const ESSENTIAL = ['kind', 'organisation_code', 'date', 'channel', 'languages', 'title_1'];
/** Columns that make a row carry book fields (edition_of is a plain relation for other kinds). */
export const BOOK_COLUMNS = ['isbn', 'publisher', 'year', 'pages', 'edition'];
export const RELATION_COLUMNS = {
  edition_of: 'edition_of',
  translation_of: 'translation_of',
  part_of: 'part_of',
} as const satisfies Record<C.RelationKind, string>;
export const IMPORT_STATUSES = ['draft', 'published'] as const;
export const MAX_INT = 2_147_483_647;
export const SHEET = 'products';
export const HELP = 'Hướng dẫn - Help'; // Excel forbids "/" in sheet names

export type LibraryImportResult = { created: number; updated: number; published: number; unchanged: number; rows: number };

// ---------------------------------------------------------------- product → cells (export) and back

export const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[;,]/)
    .map((x) => x.trim())
    .filter(Boolean);
export const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** The cells of a product, as the template has them (`texts`: how many title columns). */
export function productCells(p: C.Product, orgCode: Map<number, string>, texts: number): Record<string, string | number> {
  const out = (kind: C.RelationKind) => p.relations.filter((r) => r.direction === 'out' && r.kind === kind).map((r) => r.id);
  const editions = out('edition_of');
  const first = p.book?.editionOfId ?? null;
  const cells: Record<string, string | number> = {
    id: p.id,
    ref: '',
    kind: p.kind,
    organisation_code: orgCode.get(p.organisationId) ?? '',
    date: p.date,
    channel: p.channel,
    languages: p.languages.map((l) => l.code).join(';'),
    audiences: p.audiences.join(';'),
    topics: p.topics.map((t) => t.code).join(';'),
    rights: p.rights ?? '',
    licence: p.licence ?? '',
    url: p.url ?? '',
    isbn: p.book?.isbnHyphenated ?? p.book?.isbn ?? '',
    publisher: p.book?.publisher ?? '',
    year: p.book?.year ?? '',
    pages: p.book?.pages ?? '',
    edition: p.book?.edition ?? '',
    edition_of: (first ? [first, ...editions.filter((e) => e !== first)] : editions).join(';'),
    translation_of: out('translation_of').join(';'),
    part_of: out('part_of').join(';'),
    status: p.status,
  };
  for (let n = 1; n <= texts; n++) {
    const t = p.texts[n - 1];
    cells[`title_${n}_lang`] = t?.language ?? '';
    cells[`title_${n}`] = t?.title ?? '';
    cells[`description_${n}`] = t?.description ?? '';
  }
  return cells;
}

/** What a write would leave: equal for a stored product and a row that would not change it. */
function canonical(p: {
  kind: string;
  organisationId: number;
  channel: string;
  date: string;
  rights: string | null;
  licence: string | null;
  url: string | null;
  book: {
    isbn: string | null;
    publisher: string | null;
    year: number | null;
    pages: number | null;
    edition: string;
    editionOfId: number | null;
  } | null;
  texts: { language: string; title: string; description: string | null }[];
  languages: string[];
  audiences: number[];
  topicIds: number[];
  relations: string[];
  status: string;
}): string {
  const t = (s: string | null | undefined) => (s ? nfc(s.trim()) : null);
  const set = <T>(xs: T[]) => [...new Set(xs)].sort();
  return JSON.stringify([
    p.kind,
    p.organisationId,
    p.channel,
    p.date,
    t(p.rights),
    t(p.licence),
    t(p.url),
    p.book
      ? [p.book.isbn, t(p.book.publisher), p.book.year ?? null, p.book.pages ?? null, p.book.edition, p.book.editionOfId ?? null]
      : null,
    p.texts.map((x) => [x.language, t(x.title), t(x.description)]),
    set(p.languages),
    set(p.audiences),
    set(p.topicIds),
    set(p.relations),
    p.status,
  ]);
}

export const canonicalOfProduct = (p: C.Product) =>
  canonical({
    ...p,
    book: p.book ? { ...p.book } : null,
    languages: p.languages.map((l) => l.code),
    topicIds: p.topics.map((x) => x.id),
    relations: p.relations.filter((r) => r.direction === 'out').map((r) => `${r.kind}:${r.id}`),
  });

export function canonicalOfInput(i: C.ProductInput, status: string): string {
  const b = i.book ?? null;
  const isbn = b?.isbn ? (checkIsbn(b.isbn).isbn13 ?? b.isbn) : null;
  const editionOf = b?.edition === 'republication' ? (b.editionOfId ?? null) : null;
  return canonical({
    ...i,
    rights: i.rights ?? null,
    licence: i.licence ?? null,
    url: i.url ?? null,
    book: b
      ? {
          isbn,
          publisher: b.publisher ?? null,
          year: b.year ?? null,
          pages: b.pages ?? null,
          edition: b.edition,
          editionOfId: b.editionOfId ?? null,
        }
      : null,
    texts: i.texts.map((x) => ({ language: x.language, title: x.title, description: x.description ?? null })),
    relations: [...i.relations.map((r) => `${r.kind}:${r.targetId}`), ...(editionOf ? [`edition_of:${editionOf}`] : [])],
    status,
  });
}

/** A stored product in the form of its input, with its id and status (the audit snapshot of an import's update). */
export function productAsInput(p: C.Product) {
  return {
    id: p.id,
    status: p.status,
    publishedAt: p.publishedAt,
    kind: p.kind,
    organisationId: p.organisationId,
    date: p.date,
    channel: p.channel,
    texts: p.texts.map((t) => ({ language: t.language, title: t.title, description: t.description })),
    languages: p.languages.map((l) => l.code),
    audiences: p.audiences,
    topicIds: p.topics.map((t) => t.id),
    rights: p.rights,
    licence: p.licence,
    url: p.url,
    relations: p.relations.filter((r) => r.direction === 'out').map((r) => ({ kind: r.kind, targetId: r.id })),
    book: p.book
      ? {
          isbn: p.book.isbn,
          publisher: p.book.publisher,
          year: p.book.year,
          pages: p.book.pages,
          edition: p.book.edition,
          editionOfId: p.book.editionOfId,
          titleRootId: p.book.titleRootId,
        }
      : null,
  };
}

export type Row = {
  row: number;
  /** Cells after merging: a product's current cells under the sheet's for an update. */
  v: Record<string, string>;
  id: number;
  isNew: boolean;
  before?: C.Product;
  status: C.ProductStatus;
  raw?: Record<string, unknown>;
  input?: C.ProductInput;
  resolved?: ResolvedProduct;
  /** texts[i] came from title_{textCol[i]}; relations[i] from the column relCol[i]. */
  textCol: number[];
  relCol: string[];
  /** The book column a "book" problem is named after. */
  bookCol: string;
  isbn13: string | null;
  changed: boolean;
};

/** Sets of ints and texts as one bound parameter (no limit on the number of values). */
export const textArray = (xs: Iterable<string>) => sql`array(select jsonb_array_elements_text(${JSON.stringify([...xs])}::jsonb))`;
export const chunks = <T>(xs: T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
