// RSS/Atom feeds registered by the programme office, polled by a background job (and "poll now" in the workspace).
//   - Fetching goes through kernel/safeFetch only (http(s), size and time limits, never a non-public address — checked
//     after DNS resolution and on every redirect). Demo feeds name a fixture file of the product (data/demo/feeds/),
//     read from disk instead of the network, so the demo needs no outside network.
//   - Parsing: RSS 2.0, RSS 1.0 (RDF) and Atom 1.0. A document declaring entities (<!ENTITY …>) is refused (entity
//     expansion attacks); malformed XML or a document that is no feed is an error on the feed, shown to the office.
//   - Only an entry's title, text, link and date are read — never its author, dc:creator or contributor.
//   - Each entry is taken in once per feed (fc_feed_entries keeps a hash of its guid/id, else link, else title+text);
//     new entries become monitored items through the same ingest as every other source (groups, on-topic, matching).
//   - The job claims due feeds with `for update skip locked` and moves their next poll first, so several copies of the
//     server never poll one feed twice.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, eq, sql } from 'drizzle-orm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import * as C from '../../../shared/contracts/factcheck.js';
import { recordAudit, systemActor, type Actor } from '../../kernel/audit.js';
import { intArray, lockRow, rows, textArray, type Db, iso } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { safeFetch, SafeFetchError, type SafeFetchOptions } from '../../kernel/safeFetch.js';
import { readableText } from '../../kernel/html.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { ingestItems } from './factcheck.items.js';
import { assertOffice } from './factcheck.roles.js';
import { fcFeedEntries, fcFeeds } from './factcheck.tables.js';

export const FEED_ENTITY = 'fc_feed';
export const DEMO_FEEDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/demo/feeds');
/** Largest feed document read (bytes), the time for one fetch, and the entries taken from one poll at most. */
export const FEED_MAX_BYTES = 2 * 1024 * 1024;
export const FEED_TIMEOUT_MS = 15_000;
export const FEED_MAX_ENTRIES = 500;
/** Feeds polled by one run of the job at most (the rest wait for the next run). */
const FEEDS_PER_RUN = 10;

// ---------------------------------------------------------------- parsing

export type FeedEntry = { key: string; title: string; text: string; link: string | null; publishedAt: string | null };
export class FeedParseError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  removeNSPrefix: false,
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'entry', 'link'].includes(name),
});

/** Text of a node that may be a string, an object with #text, or CDATA. */
function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'object') return textOf((v as Record<string, unknown>)['#text'] ?? '');
  return '';
}

function isoDate(s: string): string | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/** Parses an RSS 2.0, RSS 1.0 or Atom 1.0 document into its entries (newest first as the feed gives them). */
export function parseFeed(xml: string): FeedEntry[] {
  const body = xml.replace(/^\uFEFF/, '');
  if (/<!ENTITY/i.test(body)) throw new FeedParseError('the document declares XML entities (refused: entity expansion)');
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new FeedParseError(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  let doc: Record<string, any>;
  try {
    doc = parser.parse(body);
  } catch (e) {
    throw new FeedParseError(`not well-formed XML (${(e as Error).message})`);
  }
  const raw: { title: unknown; text: unknown; link: string | null; id: unknown; date: unknown }[] = [];
  if (doc.rss?.channel || doc['rdf:RDF']) {
    const items: any[] = doc.rss?.channel?.item ?? doc['rdf:RDF']?.item ?? doc.rss?.channel?.[0]?.item ?? [];
    for (const it of items) {
      raw.push({
        title: it.title,
        text: it['content:encoded'] ?? it.description ?? '',
        link: textOf(it.link) || null,
        id: it.guid ?? it['@rdf:about'],
        date: it.pubDate ?? it['dc:date'] ?? it['dcterms:issued'],
      });
    }
  } else if (doc.feed) {
    for (const e of (doc.feed.entry ?? []) as any[]) {
      const links = (e.link ?? []) as any[];
      const alt = links.find((l) => !l['@rel'] || l['@rel'] === 'alternate') ?? links[0];
      raw.push({
        title: e.title,
        text: e.content ?? e.summary ?? '',
        link: alt?.['@href'] ?? null,
        id: e.id,
        date: e.published ?? e.updated,
      });
    }
  } else {
    throw new FeedParseError('not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> root)');
  }
  return raw
    .slice(0, FEED_MAX_ENTRIES)
    .map((r) => {
      const title = nfc(readableText(textOf(r.title)));
      const text = nfc(readableText(textOf(r.text)));
      let link = r.link ? r.link.trim() : null;
      if (link && !C.isHttpUrl(link)) link = null;
      const id = textOf(r.id).trim();
      return { key: sha1(id || link || `${title}\n${text}`), title, text, link, publishedAt: isoDate(textOf(r.date).trim()) };
    })
    .filter((e) => e.title !== '' || e.text !== '' || e.link !== null);
}

/** The item text of an entry: its title, then its text (unless the text only repeats the title). */
export function entryText(e: FeedEntry): string {
  // A title cut short ("… ") that the text continues is not repeated.
  const head = e.title.replace(/\s*(…|\.\.\.)$/, '');
  const t = e.text.startsWith(head) ? e.text : [e.title, e.text].filter(Boolean).join('\n');
  return t.slice(0, 20_000);
}

// ---------------------------------------------------------------- office's registry

type FeedRow = typeof fcFeeds.$inferSelect;
const present = (f: FeedRow): C.Feed => ({
  id: f.id,
  title: f.title,
  url: f.url,
  platform: f.platform,
  active: f.active,
  everyMinutes: f.everyMinutes,
  fixture: f.fixture,
  nextPollAt: iso(f.nextPollAt)!,
  lastPolledAt: iso(f.lastPolledAt),
  lastStatus: f.lastStatus as C.Feed['lastStatus'],
  lastError: f.lastError,
  lastNew: f.lastNew,
  totalItems: f.totalItems,
  isDemo: f.isDemo,
});

export async function listFeeds(db: Db): Promise<C.Feed[]> {
  return (await db.select().from(fcFeeds).orderBy(asc(fcFeeds.title), asc(fcFeeds.id))).map(present);
}

export async function getFeed(db: Db, id: number): Promise<C.Feed> {
  const [f] = await db.select().from(fcFeeds).where(eq(fcFeeds.id, id));
  if (!f) throw notFound(`Feed ${id}`);
  return present(f);
}

async function assertUniqueUrl(db: Db, url: string, id: number | null) {
  const same = await rows<{ id: number }>(db, sql`select id from fc_feeds where url = ${url} and id is distinct from ${id}`);
  if (same.length)
    throw new AppError('conflict', `This feed is already registered (feed ${same[0]!.id})`, [
      { field: 'url', message: 'already registered' },
    ]);
}

export async function createFeed(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean; fixture?: string } = {}): Promise<C.Feed> {
  assertOffice(actor, 'register and poll feeds');
  const input = parseInput(C.FeedInput, raw);
  return db.transaction(async (tx) => {
    await assertUniqueUrl(tx, input.url, null);
    const [f] = await tx
      .insert(fcFeeds)
      .values({
        title: nfc(input.title),
        url: input.url,
        platform: input.platform,
        everyMinutes: input.everyMinutes,
        active: input.active,
        fixture: opts.fixture ?? null,
        isDemo: opts.isDemo ?? false,
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, actor, 'create', FEED_ENTITY, f!.id, null, present(f!));
    return present(f!);
  });
}

export async function updateFeed(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Feed> {
  assertOffice(actor, 'register and poll feeds');
  const input = parseInput(C.FeedInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockRow(tx, 'fc_feeds', id, 'Feed', getFeed);
    await assertUniqueUrl(tx, input.url, id);
    const [f] = await tx
      .update(fcFeeds)
      .set({
        title: nfc(input.title),
        url: input.url,
        platform: input.platform,
        everyMinutes: input.everyMinutes,
        active: input.active,
        // Another address is another source: the demo fixture no longer stands in for it.
        ...(input.url !== before.url ? { fixture: null } : {}),
      })
      .where(eq(fcFeeds.id, id))
      .returning();
    await recordAudit(tx, actor, 'update', FEED_ENTITY, id, before, present(f!));
    return present(f!);
  });
}

// ---------------------------------------------------------------- polling

export type FeedFetchOptions = Pick<SafeFetchOptions, 'testOnlyAllowedAddresses' | 'resolve' | 'timeoutMs' | 'maxBytes'> & {
  fixturesDir?: string;
};

type Fetched =
  | { status: 'ok'; body: string; etag: string | null; lastModified: string | null }
  | { status: 'not_modified' }
  | { status: 'error'; error: string };

async function fetchFeed(f: FeedRow, opts: FeedFetchOptions): Promise<Fetched> {
  if (f.fixture) {
    const name = path.basename(f.fixture);
    try {
      return {
        status: 'ok',
        body: await readFile(path.join(opts.fixturesDir ?? DEMO_FEEDS_DIR, name), 'utf8'),
        etag: null,
        lastModified: null,
      };
    } catch {
      return { status: 'error', error: `the demo fixture ${name} is missing` };
    }
  }
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8',
    'user-agent': 'RightsHub feed poller',
  };
  if (f.etag) headers['if-none-match'] = f.etag;
  if (f.lastModified) headers['if-modified-since'] = f.lastModified;
  try {
    const r = await safeFetch(f.url, {
      maxBytes: opts.maxBytes ?? FEED_MAX_BYTES,
      timeoutMs: opts.timeoutMs ?? FEED_TIMEOUT_MS,
      headers,
      testOnlyAllowedAddresses: opts.testOnlyAllowedAddresses,
      resolve: opts.resolve,
    });
    if (r.status === 304) return { status: 'not_modified' };
    if (r.status < 200 || r.status >= 300) return { status: 'error', error: `the server answered HTTP ${r.status}` };
    const h = (k: string) => {
      const v = r.headers[k];
      return typeof v === 'string' ? v.slice(0, 500) : null;
    };
    return { status: 'ok', body: r.body.toString('utf8'), etag: h('etag'), lastModified: h('last-modified') };
  } catch (e) {
    if (e instanceof SafeFetchError) return { status: 'error', error: `${e.code}: ${e.message}` };
    throw e;
  }
}

/** Fetches one feed and takes in its new entries. An unreachable, refused or malformed feed is recorded on the feed
 *  (status error, the reason) and returned — not thrown: one bad feed never stops the others. */
export async function pollFeed(db: Db, actor: Actor, id: number, opts: FeedFetchOptions = {}, now = new Date()): Promise<C.PollResult> {
  const [f] = await db.select().from(fcFeeds).where(eq(fcFeeds.id, id));
  if (!f) throw notFound(`Feed ${id}`);
  const fetched = await fetchFeed(f, opts);
  let entries: FeedEntry[] = [];
  let error: string | null = fetched.status === 'error' ? fetched.error : null;
  if (fetched.status === 'ok') {
    try {
      entries = parseFeed(fetched.body);
    } catch (e) {
      if (!(e instanceof FeedParseError)) throw e;
      error = e.message;
    }
  }
  return db.transaction(async (tx) => {
    const before = await lockRow(tx, 'fc_feeds', id, 'Feed', getFeed);
    const result: C.PollResult = {
      feedId: id,
      status: error ? 'error' : fetched.status === 'not_modified' ? 'not_modified' : 'ok',
      entries: entries.length,
      created: 0,
      suggested: 0,
      autoLinked: 0,
      error,
    };
    if (!error && entries.length) {
      // Entries not seen before (the unique key keeps a concurrent poll from taking one twice); one statement each way.
      const unique = [...new Map(entries.map((e) => [e.key, e])).values()];
      const taken = new Set(
        (
          await tx
            .insert(fcFeedEntries)
            .values(unique.map((e) => ({ feedId: id, entryKey: e.key, seenAt: now })))
            .onConflictDoNothing()
            .returning({ k: fcFeedEntries.entryKey })
        ).map((x) => x.k),
      );
      const fresh = unique.filter((e) => taken.has(e.key));
      if (fresh.length) {
        const r = await ingestItems(
          tx,
          actor,
          fresh.map((e) => ({
            text: entryText(e),
            url: e.link,
            platform: f.platform as (typeof C.PLATFORMS)[number],
            publishedAt: e.publishedAt,
          })),
          'feed',
          { isDemo: f.isDemo },
        );
        await tx.execute(sql`update fc_feed_entries e set item_id = u.item from unnest(${textArray(fresh.map((e) => e.key))}, ${intArray(r.ids)}) as u(k, item)
          where e.feed_id = ${id} and e.entry_key = u.k`);
        Object.assign(result, { created: r.created, suggested: r.suggested, autoLinked: r.autoLinked });
      }
    }
    const set: Partial<typeof fcFeeds.$inferInsert> = {
      lastPolledAt: now,
      lastStatus: error ? 'error' : 'ok',
      lastError: error,
      lastNew: result.created,
      totalItems: f.totalItems + result.created,
      nextPollAt: new Date(now.getTime() + f.everyMinutes * 60_000),
    };
    if (fetched.status === 'ok' && !error) {
      set.etag = fetched.etag;
      set.lastModified = fetched.lastModified;
    }
    await tx.update(fcFeeds).set(set).where(eq(fcFeeds.id, id));
    // The audit log records what changed the records: new items, or the feed going from fine to failing and back.
    if (result.created > 0 || (before.lastStatus ?? 'ok') !== set.lastStatus) {
      await recordAudit(tx, actor, 'poll', FEED_ENTITY, id, { lastStatus: before.lastStatus, lastError: before.lastError }, result);
    }
    return result;
  });
}

/** "Poll now" from the workspace (the office). */
export async function pollFeedNow(db: Db, actor: Actor, id: number, opts: FeedFetchOptions = {}): Promise<C.PollResult> {
  assertOffice(actor, 'register and poll feeds');
  await getFeed(db, id);
  return pollFeed(db, actor, id, opts);
}

/** The job: claims the active feeds that are due (moving their next poll so no other copy takes them), polls each. */
export async function pollDueFeeds(db: Db, opts: FeedFetchOptions = {}, now = new Date()): Promise<number> {
  const due = await db.transaction(async (tx) =>
    rows<{ id: number }>(
      tx,
      sql`
    update fc_feeds set next_poll_at = ${now}::timestamptz + make_interval(mins => every_minutes)
    where id in (select id from fc_feeds where active and next_poll_at <= ${now}::timestamptz order by next_poll_at, id limit ${FEEDS_PER_RUN} for update skip locked)
    returning id`,
    ),
  );
  let created = 0;
  const actor = systemActor('job', 'feed poller');
  for (const { id } of due.sort((a, b) => a.id - b.id)) created += (await pollFeed(db, actor, id, opts, now)).created;
  return created;
}
