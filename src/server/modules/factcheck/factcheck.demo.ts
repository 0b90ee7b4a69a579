// Demo data of the fact-checking desk (all marked is_demo), written through the services so every rule holds:
//   - the claims of factcheck.demo.data.ts, researched and drafted by the demo analyst, approved and published by the
//     demo reviewer (two people) on their demo dates; one corrected (proposed by the analyst, approved by the
//     reviewer); one left drafted (awaiting a second person), one still being researched;
//   - three feeds registered by the office whose documents are the product's own fixtures (data/demo/feeds/, also
//     served at /demo/feeds/NAME): polled once here — a few hundred items, grouped, judged on-topic and matched;
//   - about seven in ten suggested links to published fact-checks confirmed by the analyst (the rest stay
//     "unreviewed", as T5b shows beside its share), half of the unsure items decided by a person;
//   - handling actions for about four in five false groups, 1–12 days after the fact-check (T5c);
//   - three complaints: one answered with the correction it led to, one open, one past its reply day.
// removeFactcheckDemo deletes all of it (call it before the directory's demo removal).
import crypto from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../kernel/audit.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { users } from '../directory/directory.tables.js';
import { DEMO_CLAIMS, DEMO_FEEDS } from './factcheck.demo.data.js';
import { replyComplaint, submitComplaint } from './factcheck.desk.js';
import { createFeed, pollFeed } from './factcheck.feeds.js';
import { confirmLink, decideItemTopic, recordHandlingAction } from './factcheck.items.js';
import { addEvidence, createClaim, proposeCorrection, transitionClaim, updateDraft } from './factcheck.service.js';
import {
  fcClaims,
  fcComplaints,
  fcContributions,
  fcCorrectionProposals,
  fcCorrections,
  fcEvidence,
  fcFeedEntries,
  fcFeeds,
  fcItemActions,
  fcItemBands,
  fcItems,
  fcLinks,
  fcSubmissions,
} from './factcheck.tables.js';

const rand = (...k: (string | number)[]) =>
  crypto
    .createHash('sha256')
    .update(`fc-demo-seed:${k.join(':')}`)
    .digest()
    .readUInt32BE(0) / 0x1_0000_0000;
const DAY = 86_400_000;
const at = (day: string, hour = 3) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

async function demoActor(db: Db, username: string): Promise<Actor | null> {
  const [u] = await db
    .select({ id: users.id, displayName: users.displayName, role: users.role, org: users.organisationId })
    .from(users)
    .where(and(eq(users.username, username), eq(users.isDemo, true)));
  return u ? { userId: u.id, name: u.displayName, role: u.role as Actor['role'], organisationId: u.org, via: 'seed' } : null;
}

/** Seeds the fact-checking demo; skipped when demo feeds exist or the directory's demo users are missing. */
export async function seedFactcheckDemo(
  db: Db,
  baseUrl: string,
  now = new Date(),
): Promise<{ claims: number; items: number; handled: number }> {
  const [has] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(fcFeeds)
    .where(eq(fcFeeds.isDemo, true));
  if (Number(has?.n) > 0) return { claims: 0, items: 0, handled: 0 };
  const analyst = await demoActor(db, 'analyst');
  const reviewer = await demoActor(db, 'reviewer');
  if (!analyst || !reviewer) return { claims: 0, items: 0, handled: 0 };

  // ---- claims and their fact-checks
  const published = new Map<number, Date>();
  for (const c of DEMO_CLAIMS) {
    const claim = await createClaim(db, analyst, { text: c.text, topics: c.topics }, { isDemo: true });
    const id = claim.id;
    const start = c.publishedOn ? new Date(at(c.publishedOn).getTime() - 6 * DAY) : new Date(now.getTime() - 10 * DAY);
    await transitionClaim(db, analyst, id, { to: 'researching' }, start);
    for (const e of c.evidence) await addEvidence(db, analyst, id, e);
    if (c.rationaleVi) await updateDraft(db, analyst, id, { ratingCode: c.rating, rationaleVi: c.rationaleVi, rationaleEn: c.rationaleEn });
    if (c.state === 'researching') continue;
    await transitionClaim(
      db,
      analyst,
      id,
      { to: 'drafted' },
      c.publishedOn ? new Date(at(c.publishedOn).getTime() - 2 * DAY) : new Date(now.getTime() - 2 * DAY),
    );
    if (c.state === 'drafted') continue;
    await transitionClaim(db, reviewer, id, { to: 'approved' }, new Date(at(c.publishedOn!).getTime() - DAY));
    await transitionClaim(db, reviewer, id, { to: 'published' }, at(c.publishedOn!));
    published.set(id, at(c.publishedOn!));
    if (c.correction) {
      // Proposed by the analyst, approved by the reviewer (the two-person rule holds for corrections too).
      await proposeCorrection(
        db,
        analyst,
        id,
        { ratingCode: c.correction.ratingCode, rationaleVi: c.correction.rationaleVi, note: c.correction.note },
        new Date(at(c.correction.on).getTime() - DAY),
      );
      await transitionClaim(db, reviewer, id, { to: 'corrected' }, at(c.correction.on));
    }
  }

  // ---- feeds (the product's own fixtures), polled once
  let items = 0;
  for (const f of DEMO_FEEDS) {
    const feed = await createFeed(
      db,
      reviewer,
      { title: f.title, url: `${baseUrl}/demo/feeds/${f.fixture}`, platform: f.platform, everyMinutes: 60 },
      { isDemo: true, fixture: f.fixture },
    );
    items += (await pollFeed(db, reviewer, feed.id, {}, now)).created;
  }

  // ---- a person's decisions: suggested links to published fact-checks (best first), unsure items
  const suggested = await rows<{ id: number; item_id: number; claim_id: number }>(
    db,
    sql`
    select distinct on (l.item_id) l.id, l.item_id, l.claim_id from fc_links l join fc_items i on i.id = l.item_id
    where i.is_demo and l.status = 'suggested' and l.claim_id = any(${intArray(published.keys())}) order by l.item_id, l.score desc, l.id`,
  );
  for (const l of suggested) if (rand('confirm', l.item_id) < 0.7) await confirmLink(db, analyst, Number(l.id));
  const unsure = await rows<{ id: number }>(db, sql`select id from fc_items where is_demo and on_topic = 'unsure' order by id`);
  for (const u of unsure) {
    const r = rand('unsure', u.id);
    if (r < 0.5) await decideItemTopic(db, analyst, Number(u.id), { onTopic: r < 0.15 });
  }

  // ---- handling of the false groups (first item of each group linked to a published false fact-check)
  const groups = await rows<{ group_id: number; item_id: number; seen: Date; claim_id: number }>(
    db,
    sql`
    select distinct on (i.group_id) i.group_id, i.id as item_id, coalesce(i.published_at, i.received_at) as seen, l.claim_id
    from fc_items i join fc_links l on l.item_id = i.id join fc_claims c on c.id = l.claim_id join fc_ratings r on r.code = c.rating_code
    where i.is_demo and l.status in ('auto', 'confirmed') and r.counts_as_false and c.status in ('published', 'corrected')
    order by i.group_id, coalesce(i.published_at, i.received_at), i.id`,
  );
  const ACTIONS = [
    ['fact_check_published', 0.4],
    ['platform_report', 0.65],
    ['correction_requested', 0.8],
    ['agency_clarification', 0.9],
    ['no_action', 1],
  ] as const;
  let handled = 0;
  for (const g of groups) {
    if (rand('handle', g.group_id) >= 0.8) continue;
    const from = Math.max(new Date(g.seen).getTime(), published.get(Number(g.claim_id))?.getTime() ?? 0);
    const day = dayOf(new Date(Math.min(now.getTime(), from + (1 + Math.floor(rand('delay', g.group_id) * 12)) * DAY)));
    const r = rand('action', g.group_id);
    const action = ACTIONS.find(([, p]) => r < p)![0];
    await recordHandlingAction(
      db,
      analyst,
      Number(g.item_id),
      {
        action,
        actedOn: day,
        reason: action === 'no_action' ? 'Bài đăng đã bị gỡ trước khi xử lý (demo)' : null,
      },
      now,
    );
    handled++;
  }
  // ---- complaints: one answered with the correction it led to, one open, one past its reply day
  const claimId = async (key: string) =>
    Number(
      (
        await rows<{ id: number }>(
          db,
          sql`select id from fc_claims where is_demo and text = ${DEMO_CLAIMS.find((c) => c.key === key)!.text}`,
        )
      )[0]!.id,
    );
  const health = DEMO_CLAIMS.find((c) => c.key === 'child-health')!;
  const complaints: { claim: string | null; text: string; at: Date; reply?: { on: Date; text: string; version: number } }[] = [
    {
      claim: 'child-health',
      text: 'Bài kiểm chứng chưa nói đến trường hợp khám chữa bệnh trái tuyến của trẻ em dưới 6 tuổi (demo).',
      at: new Date(at(health.correction!.on).getTime() - 6 * DAY),
      reply: {
        on: at(health.correction!.on),
        text: 'Cảm ơn bạn. Chúng tôi đã bổ sung trường hợp khám chữa bệnh trái tuyến (phiên bản 2); xếp loại không đổi (demo).',
        version: 2,
      },
    },
    {
      claim: 'religion-ban',
      text: 'Nguồn dẫn trong bài là Hiến pháp, nhưng không nêu văn bản hướng dẫn mới nhất; đề nghị bổ sung (demo).',
      at: new Date(now.getTime() - 3 * DAY),
    },
    {
      claim: null,
      text: 'Tôi gửi một bài đăng nghi sai sự thật từ hai tuần trước nhưng chưa thấy kết quả kiểm chứng (demo).',
      at: new Date(now.getTime() - 20 * DAY),
    },
  ];
  for (const c of complaints) {
    const r = await submitComplaint(db, { claimId: c.claim ? await claimId(c.claim) : null, text: c.text, locale: 'vi' }, c.at);
    await db.update(fcComplaints).set({ isDemo: true }).where(eq(fcComplaints.id, r.id));
    if (c.reply)
      await replyComplaint(
        db,
        reviewer,
        r.id,
        { status: 'answered', reply: c.reply.text, correctionVersion: c.reply.version },
        { now: c.reply.on },
      );
  }
  return { claims: DEMO_CLAIMS.length, items, handled };
}

/** Removes the fact-checking demo: demo items (and all that hangs on them), demo claims, demo feeds, demo complaints. */
export async function removeFactcheckDemo(db: Db): Promise<{ claims: number; items: number; feeds: number }> {
  return db.transaction(async (tx) => {
    const items = (await tx.select({ id: fcItems.id }).from(fcItems).where(eq(fcItems.isDemo, true))).map((r) => r.id);
    const claims = (await tx.select({ id: fcClaims.id }).from(fcClaims).where(eq(fcClaims.isDemo, true))).map((r) => r.id);
    const feeds = (await tx.select({ id: fcFeeds.id }).from(fcFeeds).where(eq(fcFeeds.isDemo, true))).map((r) => r.id);
    if (feeds.length) await tx.delete(fcFeedEntries).where(inArray(fcFeedEntries.feedId, feeds));
    await tx.delete(fcComplaints).where(eq(fcComplaints.isDemo, true));
    if (items.length) {
      await tx.delete(fcFeedEntries).where(inArray(fcFeedEntries.itemId, items));
      await tx.delete(fcSubmissions).where(inArray(fcSubmissions.itemId, items));
      for (const t of [fcItemActions, fcLinks, fcItemBands] as const) await tx.delete(t).where(inArray(t.itemId, items));
    }
    if (claims.length) {
      await tx.delete(fcLinks).where(inArray(fcLinks.claimId, claims));
      await tx.execute(sql`update fc_complaints set claim_id = null where claim_id = any(${intArray(claims)})`);
      for (const t of [fcEvidence, fcCorrections, fcCorrectionProposals, fcContributions] as const)
        await tx.delete(t).where(inArray(t.claimId, claims));
    }
    if (items.length) {
      // Real items grouped with a demo item start their own group again.
      await tx.execute(sql`update fc_items r set group_id = (select min(x.id) from fc_items x where x.group_id = r.group_id and not x.is_demo)
        where r.group_id = any(${intArray(items)}) and not r.is_demo`);
      await tx.delete(fcItems).where(inArray(fcItems.id, items));
    }
    if (claims.length) await tx.delete(fcClaims).where(inArray(fcClaims.id, claims));
    if (feeds.length) await tx.delete(fcFeeds).where(inArray(fcFeeds.id, feeds));
    return { claims: claims.length, items: items.length, feeds: feeds.length };
  });
}
