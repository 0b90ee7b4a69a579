// Targets T5b and T5c as indicators. One record per duplicate group of monitored items (a viral claim counts once):
//   T5b  the period's monitored sample: on-topic groups with an item appearing in the period (published, else
//        received), except groups made only of public-form submissions (a self-selected sample). Counts: a group with an
//        item linked (auto or confirmed) to a published fact-check rated false/partly false (published before the
//        period's end). Pending ("unreviewed", shown beside the share): a group not counted that has a suggested link
//        awaiting a person, or an auto/confirmed link to a claim whose fact-check is not yet published.
//   T5c  the false groups detected (as T5b counts them, public-form groups included); counts when an item of the
//        group has a handling action dated on or before the period's last day. The detail gives the time to handle.
// Breakdowns: platform, topic and language of the group's in-period on-topic items; drill-down to the group's items.
import { sql } from 'drizzle-orm';
import { PLATFORM_LABELS, TOPIC_LABELS } from '../../../shared/contracts/factcheck.js';
import type { Bilingual, Breakdown } from '../../../shared/contracts/indicators.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { vnDate } from '../../kernel/periods.js';
import { writeStamp, type IndicatorProvider, type IndicatorRecord, type Span } from '../indicators/indicators.registry.js';
import { breakdownLabel } from '../../../shared/labels.js';

const LANGUAGE_LABELS: Record<string, Bilingual> = { vi: { vi: 'Tiếng Việt', en: 'Vietnamese' }, en: { vi: 'Tiếng Anh', en: 'English' } };

export const ACTION_LABELS: Record<string, Bilingual> = {
  fact_check_published: { vi: 'Đăng kết luận kiểm chứng', en: 'Fact-check published' },
  agency_clarification: { vi: 'Cơ quan có trách nhiệm đính chính, làm rõ', en: 'Clarification by the responsible agency' },
  correction_requested: { vi: 'Đề nghị bên đăng cải chính', en: 'Correction requested from the publisher' },
  platform_report: { vi: 'Báo cáo qua kênh của nền tảng', en: "Reported through the platform's channel" },
  no_action: { vi: 'Không cần xử lý', en: 'No action needed' },
};

/** Where a group's items are listed in the workspace. */
export const groupHref = (groupId: number) => `/factcheck?tab=items&group=${groupId}`;

type Group = {
  groupId: number;
  label: string;
  items: number[];
  platforms: Set<string>;
  topics: Set<string>;
  languages: Set<string>;
  formOnly: boolean;
  firstSeen: Date;
  isFalse: boolean;
  falseClaims: number[];
  pending: boolean;
  handledOn: string | null;
  firstAction: string | null;
};

/** Both providers read the same groups for a span: one computation per (span, newest write) is shared for a moment. */
const memo = new Map<string, Promise<Group[]>>();

async function groupsOf(db: Db, span: Span): Promise<Group[]> {
  const its = await rows<{
    id: number;
    group_id: number;
    platform: string;
    language: string;
    topics: string[];
    source: string;
    t: Date;
    excerpt: string;
  }>(
    db,
    sql`
    select i.id, i.group_id, i.platform, i.language, i.topics, i.source, coalesce(i.published_at, i.received_at) as t, left(i.text, 140) as excerpt
    from fc_items i
    where i.on_topic = 'yes' and coalesce(i.published_at, i.received_at) >= ${span.start.toISOString()}::timestamptz
      and coalesce(i.published_at, i.received_at) < ${span.end.toISOString()}::timestamptz
    order by coalesce(i.published_at, i.received_at), i.id`,
  );
  const groups = new Map<number, Group>();
  for (const it of its) {
    const gid = Number(it.group_id);
    let g = groups.get(gid);
    if (!g) {
      g = {
        groupId: gid,
        label: it.excerpt || `#${it.id}`,
        items: [],
        platforms: new Set(),
        topics: new Set(),
        languages: new Set(),
        formOnly: true,
        firstSeen: new Date(it.t),
        isFalse: false,
        falseClaims: [],
        pending: false,
        handledOn: null,
        firstAction: null,
      };
      groups.set(gid, g);
    }
    g.items.push(Number(it.id));
    g.platforms.add(it.platform);
    g.languages.add(it.language);
    for (const t of it.topics ?? []) g.topics.add(t);
    if (it.source !== 'form') g.formOnly = false;
  }
  if (!groups.size) return [];
  const ids = intArray(groups.keys());
  // Links of every item of these groups (any time: a repost seen earlier still ties the group to the claim).
  const links = await rows<{
    group_id: number;
    claim_id: number;
    status: string;
    claim_status: string;
    published_at: Date | null;
    counts_as_false: boolean | null;
  }>(
    db,
    sql`
    select m.group_id, l.claim_id, l.status, c.status as claim_status, c.published_at, r.counts_as_false
    from fc_links l join fc_items m on m.id = l.item_id join fc_claims c on c.id = l.claim_id left join fc_ratings r on r.code = c.rating_code
    where m.group_id = any(${ids}) and l.status <> 'undone'`,
  );
  for (const l of links) {
    const g = groups.get(Number(l.group_id))!;
    const decided = l.status === 'auto' || l.status === 'confirmed';
    const published =
      (l.claim_status === 'published' || l.claim_status === 'corrected') && l.published_at !== null && new Date(l.published_at) < span.end;
    if (decided && published && l.counts_as_false) {
      g.isFalse = true;
      if (!g.falseClaims.includes(Number(l.claim_id))) g.falseClaims.push(Number(l.claim_id));
    } else if (l.status === 'suggested' || (decided && !published && l.claim_status !== 'withdrawn')) g.pending = true;
  }
  const actions = await rows<{ group_id: number; acted_on: string; action: string }>(
    db,
    sql`
    select m.group_id, min(a.acted_on)::text as acted_on, (array_agg(a.action order by a.acted_on, a.id))[1] as action
    from fc_item_actions a join fc_items m on m.id = a.item_id
    where m.group_id = any(${ids}) and a.acted_on <= ${span.lastDay}::date group by m.group_id`,
  );
  for (const a of actions) {
    const g = groups.get(Number(a.group_id))!;
    g.handledOn = a.acted_on;
    g.firstAction = a.action;
  }
  return [...groups.values()];
}

async function sharedGroups(db: Db, span: Span): Promise<Group[]> {
  const key = `${span.start.toISOString()}|${span.end.toISOString()}|${await writeStamp(db)}`;
  let p = memo.get(key);
  if (!p) {
    p = groupsOf(db, span);
    memo.set(key, p);
    // Kept for the one dashboard computation that asks T5b and T5c for the same span; the service caches records.
    setTimeout(() => memo.delete(key), 2_000).unref();
    p.catch(() => memo.delete(key));
  }
  return p;
}

/** Calendar days in Viet Nam from the first appearance to the day of the first action. */
export const days = (from: Date | string, toDay: string) =>
  Math.max(0, Math.round((Date.parse(toDay) - Date.parse(typeof from === 'string' ? from : vnDate(from))) / 86_400_000));

/** A group's label: its first in-period item's excerpt, with the number of in-period items when several. */
export const groupLabel = (excerpt: string, n: number) => `${excerpt}${n > 1 ? ` (×${n})` : ''}`;

/** An item of a group as the drill-down lists it. */
export const itemRelated = (i: { id: number; platform: string; excerpt: string }) => ({
  type: 'fc_item',
  id: Number(i.id),
  label: `${PLATFORM_LABELS[i.platform]?.vi ?? i.platform}: ${i.excerpt}`,
  href: `/factcheck?tab=items&item=${i.id}`,
});

/** What T5b says of a group: the false fact-checks it is linked to, or why it is unreviewed. */
export const t5bDetail = (isFalse: boolean, falseClaims: number[], pending: boolean): Bilingual =>
  isFalse
    ? {
        vi: `Liên kết với kết luận kiểm chứng sai lệch: nhận định ${falseClaims.map((c) => `#${c}`).join(', ')}`,
        en: `Linked to a fact-check rated false: claim ${falseClaims.map((c) => `#${c}`).join(', ')}`,
      }
    : pending
      ? {
          vi: 'Chưa rà soát: còn liên kết chờ quyết định hoặc nhận định chưa có kết luận công bố',
          en: 'Unreviewed: a link awaits a decision, or the claim has no published fact-check yet',
        }
      : { vi: 'Không liên kết với kết luận sai lệch nào', en: 'Not linked to any fact-check rated false' };

/** What T5c says of a false group: when and how it was first handled, after how many days. */
export function t5cDetail(handledOn: string | null, firstAction: string | null, afterDays: number): Bilingual {
  const a = firstAction ? ACTION_LABELS[firstAction] : null;
  return handledOn !== null
    ? {
        vi: `Đã xử lý ngày ${handledOn} (${a?.vi}), sau ${afterDays} ngày`,
        en: `Handled on ${handledOn} (${a?.en}), after ${afterDays} days`,
      }
    : { vi: 'Chưa có hành động xử lý', en: 'No handling action yet' };
}

function baseRecord(g: Group): Omit<IndicatorRecord, 'counts' | 'inDenominator' | 'detail'> {
  return {
    type: 'fc_group',
    id: g.groupId,
    label: groupLabel(g.label, g.items.length),
    unit: null,
    orgKind: null,
    organisationId: null,
    organisationName: null,
    href: groupHref(g.groupId),
    refs: g.items,
    dims: { platform: [...g.platforms].sort(), topic: g.topics.size ? [...g.topics].sort() : ['_none'], language: [...g.languages].sort() },
  };
}

export function dimLabel(b: Breakdown, key: string): Bilingual {
  const table = b === 'platform' ? PLATFORM_LABELS : b === 'topic' ? TOPIC_LABELS : b === 'language' ? LANGUAGE_LABELS : {};
  return table[key] ?? breakdownLabel(b, key);
}

/** The items of each group on a drill-down page (the group's in-period on-topic items, up to 20). */
async function expand(db: Db, records: IndicatorRecord[]) {
  const ids = records.flatMap((r) => (r.refs ?? []).slice(0, 20));
  const out = new Map<IndicatorRecord, { type: string; id: number; label: string; href: string | null }[]>();
  if (!ids.length) return out;
  const items = await rows<{ id: number; platform: string; excerpt: string }>(
    db,
    sql`select id, platform, left(text, 100) as excerpt from fc_items where id = any(${intArray(ids)})`,
  );
  const byId = new Map(items.map((i) => [Number(i.id), i]));
  for (const r of records) {
    out.set(
      r,
      (r.refs ?? [])
        .slice(0, 20)
        .map((id) => byId.get(id))
        .filter(Boolean)
        .map((i) => itemRelated(i!)),
    );
  }
  return out;
}

const DEPENDS = ['fc_item', 'fc_link', 'fc_claim', 'fc_feed', 'fc_submission'];

export const t5bProvider: IndicatorProvider = {
  id: 'T5b',
  dependsOn: DEPENDS,
  async records(db, span) {
    return (await sharedGroups(db, span))
      .filter((g) => !g.formOnly)
      .map((g) => ({
        ...baseRecord(g),
        counts: g.isFalse,
        inDenominator: true,
        pending: !g.isFalse && g.pending,
        detail: t5bDetail(g.isFalse, g.falseClaims, g.pending),
      }));
  },
  dimLabel,
  expand,
};

export const t5cProvider: IndicatorProvider = {
  id: 'T5c',
  dependsOn: DEPENDS,
  async records(db, span) {
    return (await sharedGroups(db, span))
      .filter((g) => g.isFalse)
      .map((g) => ({
        ...baseRecord(g),
        counts: g.handledOn !== null,
        inDenominator: true,
        detail: t5cDetail(g.handledOn, g.firstAction, g.handledOn === null ? 0 : days(g.firstSeen, g.handledOn)),
      }));
  },
  dimLabel,
  expand,
};

export const factcheckProviders: IndicatorProvider[] = [t5bProvider, t5cProvider];
