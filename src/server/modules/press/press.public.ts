// Public reads for the newsroom (portal): the listed items (published or corrected, never drafts, scheduled
// or withdrawn), the facets to filter them by, translations of an item, and what the sitemap lists.
// Service functions only, no Fastify; the press tables are read, never written.
import { and, asc, desc, eq, gte, ilike, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { PressItem, PressKind, PressStatus, PublicPressItem, PublicSpokesperson } from '../../../shared/contracts/press.js';
import { iso, type Db } from '../../kernel/db.js';
import { containsPattern, fold } from '../../kernel/text.js';
import { organisations } from '../directory/directory.tables.js';
import { toPublic } from './press.service.js';
import { attachmentsByItem } from './press.attachments.js';
import { pressItems, pressItemTopics, pressSpokespersons, pressTopics } from './press.tables.js';
import { listTopics } from './press.topics.js';
import { PUBLIC_STATUSES } from './press.workflow.js';
import { listPublicSpokespersons } from './spokespersons.service.js';
import { sitemapSource } from '../../kernel/sitemap.js';
import { tablesStamp } from '../../kernel/versions.js';

/** What the newsroom lists and the feeds carry; withdrawn items are reachable only by their own page. */
export const LISTED_STATUSES = ['published', 'corrected'] as const;

export interface NewsQuery {
  q?: string;
  organisationId?: number;
  topic?: string;
  language?: string;
  limit?: number;
  offset?: number;
  /** One item per translation group among the items the filters keep: the one in this language (ISO 639-3) when
   *  there is one, else the first published; its translations are shown beside it (listGroupTranslations). */
  groupFor?: string;
}

export type NewsItem = PublicPressItem & { organisationNameEn: string | null };

const listed = () => inArray(pressItems.status, [...LISTED_STATUSES]);

function conditions(q: NewsQuery): SQL {
  const where: SQL[] = [listed()];
  if (q.organisationId) where.push(eq(pressItems.organisationId, q.organisationId));
  if (q.language) where.push(eq(pressItems.language, q.language));
  if (q.topic)
    where.push(
      sql`exists (select 1 from ${pressItemTopics} it join ${pressTopics} t on t.id = it.topic_id where it.item_id = ${pressItems.id} and t.code = ${q.topic})`,
    );
  if (q.groupFor) {
    const L = q.groupFor;
    where.push(sql`not exists (
      select 1 from press_items o
      where o.translation_group_id = ${pressItems.translationGroupId} and o.id <> ${pressItems.id}
        and o.status in (${sql.join(
          LISTED_STATUSES.map((x) => sql`${x}`),
          sql`, `,
        )})
        ${q.organisationId ? sql`and o.organisation_id = ${q.organisationId}` : sql``}
        ${
          q.topic
            ? sql`and exists (select 1 from ${pressItemTopics} it2 join ${pressTopics} t2 on t2.id = it2.topic_id where it2.item_id = o.id and t2.code = ${q.topic})`
            : sql``
        }
        and (
          (o.language = ${L} and ${pressItems.language} <> ${L})
          or ((o.language = ${L}) = (${pressItems.language} = ${L})
              and (coalesce(o.published_at, o.created_at), o.id) < (coalesce(${pressItems.publishedAt}, ${pressItems.createdAt}), ${pressItems.id}))
        ))`);
  }
  // search_text is folded at write time (fold: lower case, no diacritics, đ→d), so folding the query is enough.
  for (const word of fold(q.q ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 10)) {
    where.push(ilike(pressItems.searchText, containsPattern(word)));
  }
  return and(...where)!;
}

/** A search's total is counted up to this many; beyond it the newsroom says "more than 1,000". */
export const COUNT_CAP = 1000;
const countCache = new WeakMap<Db, Map<string, { key: string; at: number; total: number; capped: boolean }>>();

/** The tables the counts and facets read: their change stamp (kernel/versions.ts) keys the caches below, exact
 *  after any committed write on any server copy. */
const FACET_TABLES = ['press_items', 'press_item_topics', 'press_topics', 'organisations'];
const stampOf = async (db: Db) => (await tablesStamp(db, FACET_TABLES)) ?? `untracked:${Math.random()}`;

/** How many listed items match: exact for filters (cheap on the indexes), capped for text searches (a common
 *  word matches most items and counting them all is the costly part of a page). Cached until the press tables change. */
async function countNewsItems(db: Db, q: NewsQuery, cond: SQL): Promise<{ total: number; capped: boolean }> {
  const key = await stampOf(db);
  const which = JSON.stringify([fold(q.q ?? '').trim(), q.organisationId ?? null, q.topic ?? null, q.language ?? null, q.groupFor ?? null]);
  let cache = countCache.get(db);
  if (!cache) countCache.set(db, (cache = new Map()));
  const hit = cache.get(which);
  if (hit && hit.key === key) return hit;
  let total: number,
    capped = false;
  if (q.q?.trim()) {
    const [t] = await db.select({ n: sql<number>`count(*)::int` }).from(
      db
        .select({ one: sql`1` })
        .from(pressItems)
        .where(cond)
        .limit(COUNT_CAP + 1)
        .as('hits'),
    );
    total = Math.min(t?.n ?? 0, COUNT_CAP);
    capped = (t?.n ?? 0) > COUNT_CAP;
  } else {
    const [t] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(pressItems)
      .where(cond);
    total = t?.n ?? 0;
  }
  cache.delete(which);
  cache.set(which, { key, at: Date.now(), total, capped });
  while (cache.size > 500) cache.delete(cache.keys().next().value!);
  return { total, capped };
}

/** Listed items, newest first, with their topics and the organisation's names in both languages. `capped`:
 *  the total is a lower bound (a text search with more than COUNT_CAP hits). */
export async function listNewsItems(
  db: Db,
  q: NewsQuery,
  opts: { count?: boolean } = {},
): Promise<{ items: NewsItem[]; total: number; capped: boolean }> {
  const cond = conditions(q);
  const rows = await db
    .select({ id: pressItems.id })
    .from(pressItems)
    .where(cond)
    .orderBy(desc(pressItems.publishedAt), desc(pressItems.id))
    .limit(Math.min(q.limit ?? 20, 200))
    .offset(q.offset ?? 0);
  // Feeds need no total.
  const { total, capped } = opts.count === false ? { total: -1, capped: false } : await countNewsItems(db, q, cond);
  const items = await loadItems(
    db,
    rows.map((r) => r.id),
  );
  return { items, total, capped };
}

/** Items by id in the given order, in two queries (rows, topics), mapped like the press service's public reads. */
async function loadItems(db: Db, ids: number[]): Promise<NewsItem[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ p: pressItems, nameVi: organisations.nameVi, nameEn: organisations.nameEn })
    .from(pressItems)
    .innerJoin(organisations, eq(organisations.id, pressItems.organisationId))
    .where(inArray(pressItems.id, ids));
  const links = await db
    .select({
      itemId: pressItemTopics.itemId,
      id: pressTopics.id,
      code: pressTopics.code,
      nameVi: pressTopics.nameVi,
      nameEn: pressTopics.nameEn,
    })
    .from(pressItemTopics)
    .innerJoin(pressTopics, eq(pressTopics.id, pressItemTopics.topicId))
    .where(inArray(pressItemTopics.itemId, ids))
    .orderBy(asc(pressTopics.sortOrder));
  const byId = new Map(rows.map((r) => [r.p.id, r]));
  const files = await attachmentsByItem(db, ids);
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const { p } = r;
    const full: PressItem = {
      id: p.id,
      kind: p.kind as PressKind,
      organisationId: p.organisationId,
      organisationName: r.nameVi,
      title: p.title,
      audiences: p.audiences,
      bodyHtml: p.bodyHtml,
      summary: p.summary,
      language: p.language,
      translationGroupId: p.translationGroupId,
      topics: links.filter((l) => l.itemId === p.id).map(({ itemId: _i, ...t }) => t),
      heldAt: iso(p.heldAt),
      scheduledAt: iso(p.scheduledAt),
      publishedAt: iso(p.publishedAt),
      status: p.status as PressStatus,
      withdrawalReason: p.withdrawalReason,
      withdrawnAt: iso(p.withdrawnAt),
      corrections: p.corrections,
      isDemo: p.isDemo,
      updatedAt: iso(p.updatedAt)!,
      attachments: files.get(p.id) ?? [],
    };
    // toPublic drops the internal fields and empties a withdrawn item's body.
    return [{ ...toPublic(full), organisationNameEn: r.nameEn }];
  });
}

/** One item as the public sees it (withdrawn ones as tombstones), or null when it is not public. */
export async function getNewsItem(db: Db, id: number): Promise<NewsItem | null> {
  const [item] = await loadItems(db, [id]);
  return item && PUBLIC_STATUSES.includes(item.status) ? item : null;
}

/** Other listed items of the same translation group. */
export async function listTranslations(db: Db, item: { id: number; translationGroupId: string }) {
  return db
    .select({ id: pressItems.id, language: pressItems.language, title: pressItems.title })
    .from(pressItems)
    .where(and(eq(pressItems.translationGroupId, item.translationGroupId), ne(pressItems.id, item.id), listed()))
    .orderBy(asc(pressItems.language), asc(pressItems.id));
}

/** Every listed item of some translation groups (id, language, title): the newsroom groups an item with its
 *  translations and shows the reader's language first. */
export async function listGroupTranslations(db: Db, groupIds: string[]) {
  if (!groupIds.length) return [];
  return db
    .select({
      id: pressItems.id,
      language: pressItems.language,
      title: pressItems.title,
      translationGroupId: pressItems.translationGroupId,
    })
    .from(pressItems)
    .where(and(inArray(pressItems.translationGroupId, [...new Set(groupIds)]), listed()))
    .orderBy(asc(pressItems.language), asc(pressItems.id));
}

export interface NewsFacets {
  organisations: { id: number; nameVi: string; nameEn: string | null; count: number }[];
  topics: { code: string; nameVi: string; nameEn: string }[];
  languages: { code: string; count: number }[];
}

const facetCache = new WeakMap<Db, { key: string; at: number; facets: NewsFacets }>();

/** The facets, recomputed when the press tables changed (on any copy). */
export async function getNewsFacets(db: Db): Promise<NewsFacets> {
  const key = await stampOf(db);
  const hit = facetCache.get(db);
  if (hit && hit.key === key) return hit.facets;
  const facets = await computeNewsFacets(db);
  facetCache.set(db, { key, at: Date.now(), facets });
  return facets;
}

/** The values the newsroom can be filtered by: only organisations and languages that have listed items. */
async function computeNewsFacets(db: Db): Promise<NewsFacets> {
  const orgs = await db
    .select({ id: organisations.id, nameVi: organisations.nameVi, nameEn: organisations.nameEn, count: sql<number>`count(*)::int` })
    .from(pressItems)
    .innerJoin(organisations, eq(organisations.id, pressItems.organisationId))
    .where(listed())
    .groupBy(organisations.id, organisations.nameVi, organisations.nameEn)
    .orderBy(asc(organisations.nameVi));
  const langs = await db
    .select({ code: pressItems.language, count: sql<number>`count(*)::int` })
    .from(pressItems)
    .where(listed())
    .groupBy(pressItems.language)
    .orderBy(desc(sql`count(*)`), asc(pressItems.language));
  const topics = (await listTopics(db)).map(({ code, nameVi, nameEn }) => ({ code, nameVi, nameEn }));
  return { organisations: orgs, topics, languages: langs };
}

/** The listed items, for the sitemap (read block by block). */
export const pressSitemap = sitemapSource(pressItems, { id: pressItems.id, updatedAt: pressItems.updatedAt }, listed);

/** Current spokespersons (public contact fields only) grouped by organisation, with its English name. */
export async function listNewsSpokespersons(
  db: Db,
): Promise<{ organisationId: number; nameVi: string; nameEn: string | null; people: PublicSpokesperson[] }[]> {
  const people = await listPublicSpokespersons(db);
  const ids = [...new Set(people.map((p) => p.organisationId))];
  const names = ids.length
    ? await db.select({ id: organisations.id, nameEn: organisations.nameEn }).from(organisations).where(inArray(organisations.id, ids))
    : [];
  const en = new Map(names.map((n) => [n.id, n.nameEn]));
  const groups = new Map<number, { organisationId: number; nameVi: string; nameEn: string | null; people: PublicSpokesperson[] }>();
  for (const p of people) {
    const g = groups.get(p.organisationId) ?? {
      organisationId: p.organisationId,
      nameVi: p.organisationName,
      nameEn: en.get(p.organisationId) ?? null,
      people: [],
    };
    g.people.push(p);
    groups.set(p.organisationId, g);
  }
  return [...groups.values()];
}

/** The spokespersons of an organisation in office on a day (YYYY-MM-DD, Viet Nam time), public contact fields only:
 *  who spoke for the agency when an item was published. */
export async function spokespersonsOn(
  db: Db,
  organisationId: number,
  day: string,
): Promise<{ id: number; fullName: string; position: string | null; email: string | null; phone: string | null }[]> {
  const rows = await db
    .select()
    .from(pressSpokespersons)
    .where(
      and(
        eq(pressSpokespersons.organisationId, organisationId),
        lte(pressSpokespersons.validFrom, day),
        or(isNull(pressSpokespersons.validTo), gte(pressSpokespersons.validTo, day)),
      ),
    )
    .orderBy(asc(pressSpokespersons.validFrom), asc(pressSpokespersons.id));
  return rows.map((r) => ({
    id: r.id,
    fullName: r.fullName,
    position: r.position,
    email: r.emailPublic ? r.email : null,
    phone: r.phonePublic ? r.phone : null,
  }));
}
