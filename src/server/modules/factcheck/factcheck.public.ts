// Public reads of the fact-checking desk (the portal's pages): published fact-checks (published and corrected; a
// withdrawn one stays listed with its withdrawal notice), a fact-check with its evidence and corrections, where the
// claim appeared (items linked automatically or confirmed by a person: their URLs only — never who posted them),
// the public rating scale. Nothing else of the desk is public: a claim still being researched is not found here.
import { and, asc, count, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type * as C from '../../../shared/contracts/factcheck.js';
import { iso, type Db } from '../../kernel/db.js';
import { sitemapSource } from '../../kernel/sitemap.js';
import { containsPattern, fold } from '../../kernel/text.js';
import { getClaim, listRatings } from './factcheck.service.js';
import { fcClaims, fcItems, fcLinks } from './factcheck.tables.js';

export const PUBLIC_STATES = ['published', 'corrected', 'withdrawn'] as const;
const isPublic = inArray(fcClaims.status, [...PUBLIC_STATES]);

export type PublicFilter = { q?: string; rating?: string; topic?: string; page: number };
export type PublicFactCheckRow = {
  id: number;
  text: string;
  language: string;
  topics: string[];
  status: C.FcState;
  ratingCode: string | null;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
  withdrawnAt: string | null;
};

/** The public list, newest publication first; search is accent- and case-insensitive over the claim and rationale. */
export async function listPublicFactChecks(
  db: Db,
  f: PublicFilter,
  pageSize: number,
): Promise<{ total: number; rows: PublicFactCheckRow[] }> {
  const where: SQL[] = [isPublic];
  for (const word of fold(f.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 10)) {
    where.push(
      sql`lower(f_unaccent(${fcClaims.text} || ' ' || coalesce(${fcClaims.rationaleVi}, '') || ' ' || coalesce(${fcClaims.rationaleEn}, ''))) like ${containsPattern(word)}`,
    );
  }
  if (f.rating) where.push(eq(fcClaims.ratingCode, f.rating));
  if (f.topic) where.push(sql`${fcClaims.topics} @> ${JSON.stringify([f.topic])}::jsonb`);
  const cond = and(...where);
  const [{ n }] = (await db.select({ n: count() }).from(fcClaims).where(cond)) as [{ n: number }];
  const list = await db
    .select()
    .from(fcClaims)
    .where(cond)
    .orderBy(desc(fcClaims.publishedAt), desc(fcClaims.id))
    .limit(pageSize)
    .offset((f.page - 1) * pageSize);
  return {
    total: Number(n),
    rows: list.map((r) => ({
      id: r.id,
      text: r.text,
      language: r.language,
      topics: r.topics,
      status: r.status as C.FcState,
      ratingCode: r.ratingCode,
      publishedAt: iso(r.publishedAt),
      updatedAt: iso(r.updatedAt)!,
      version: r.version,
      withdrawnAt: iso(r.withdrawnAt),
    })),
  };
}

/** Topics of the public fact-checks (the list's filter). */
export async function publicTopics(db: Db): Promise<string[]> {
  const r = await db.select({ topics: fcClaims.topics }).from(fcClaims).where(isPublic);
  return [...new Set(r.flatMap((x) => x.topics))].sort();
}

export type Appearance = { url: string; at: string };
export type PublicFactCheck = { claim: C.Claim; rating: C.Rating | null; appearances: Appearance[] };

/** A public fact-check with where the claim appeared (earliest first), or null when it is not public. */
export async function getPublicFactCheck(db: Db, id: number): Promise<PublicFactCheck | null> {
  const [r] = await db
    .select({ status: fcClaims.status })
    .from(fcClaims)
    .where(and(eq(fcClaims.id, id), isPublic));
  if (!r) return null;
  const claim = await getClaim(db, id);
  const ratings = await listRatings(db);
  const items = await db
    .select({ url: fcItems.url, publishedAt: fcItems.publishedAt, receivedAt: fcItems.receivedAt })
    .from(fcLinks)
    .innerJoin(fcItems, eq(fcItems.id, fcLinks.itemId))
    .where(and(eq(fcLinks.claimId, id), inArray(fcLinks.status, ['auto', 'confirmed']), isNotNull(fcItems.url)))
    .orderBy(asc(sql`coalesce(${fcItems.publishedAt}, ${fcItems.receivedAt})`), asc(fcItems.id));
  const seen = new Set<string>();
  const appearances: Appearance[] = [];
  for (const i of items) {
    if (!i.url || seen.has(i.url)) continue;
    seen.add(i.url);
    appearances.push({ url: i.url, at: iso(i.publishedAt ?? i.receivedAt)! });
  }
  return { claim, rating: ratings.find((x) => x.code === claim.ratingCode) ?? null, appearances };
}

/** Public fact-checks for the sitemap, read block by block (withdrawn ones are not indexed). */
export const factCheckSitemap = sitemapSource(fcClaims, { id: fcClaims.id, updatedAt: fcClaims.updatedAt }, () =>
  inArray(fcClaims.status, ['published', 'corrected']),
);

export { listRatings };
