// A module's public records as the portal's sitemap reads them, without loading them all: records are grouped in
// blocks of ids (block b of size n holds the ids in [b·n, (b+1)·n)), so a sitemap part keeps its URLs when records
// are added or removed elsewhere, the index is one grouped query, and a part is read in keyset pages (id order, the
// primary key's index, no OFFSET). Each module declares its source next to its tables (which records are public).
import { and, asc, gt, gte, lt, max, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { iso, type Db } from './db.js';

export interface SitemapRecord {
  id: number;
  updatedAt: string | null;
}

export interface SitemapSource {
  /** The blocks of `size` ids holding at least one public record, ascending, each with its newest change. */
  blocks(db: Db, size: number): Promise<{ block: number; lastmod: string | null }[]>;
  /** Public records with ids in [from, to) and above `after`, ascending by id, at most `limit`. */
  page(db: Db, range: { from: number; to: number; after: number; limit: number }): Promise<SitemapRecord[]>;
}

/** The source of a table whose public rows `isPublic` selects (undefined: every row). */
export function sitemapSource(table: PgTable, cols: { id: PgColumn; updatedAt: PgColumn }, isPublic: () => SQL | undefined): SitemapSource {
  return {
    async blocks(db, size) {
      const n = Math.max(1, Math.trunc(size));
      const block = sql<number>`(${cols.id} / ${sql.raw(String(n))})`;
      const r = await db
        .select({ block, lastmod: max(cols.updatedAt) })
        .from(table)
        .where(isPublic())
        .groupBy(block)
        .orderBy(block);
      return r.map((x) => ({ block: Number(x.block), lastmod: x.lastmod === null ? null : iso(x.lastmod as Date | string) }));
    },
    async page(db, { from, to, after, limit }) {
      const r = await db
        .select({ id: cols.id, updatedAt: cols.updatedAt })
        .from(table)
        .where(and(isPublic(), gte(cols.id, from), lt(cols.id, to), gt(cols.id, after)))
        .orderBy(asc(cols.id))
        .limit(limit);
      return r.map((x) => ({ id: Number(x.id), updatedAt: x.updatedAt === null ? null : iso(x.updatedAt as Date | string) }));
    },
  };
}
