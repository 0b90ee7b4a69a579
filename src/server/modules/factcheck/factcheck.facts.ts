// T5b and T5c as indicator facts (modules/indicators/indicators.facts.ts), source 'factcheck', key = a duplicate group.
// Mode 'period': one fact per (group, standard period of 2023–2029 in which the group has an on-topic item), as the
// provider (factcheck.indicators.ts, the oracle) computes the group for that period: its in-period on-topic items give
// the label, the breakdowns (platform, topic — '_none' without one —, language) and whether it is made only of
// public-form items (then outside T5b); its links (any item, any time, not undone) say whether it is false (a
// published fact-check rated false before the period's end) or unreviewed; its handling actions up to the period's
// last day say whether T5c counts it. The migration's triggers mark a group dirty on any write to its items (the old
// and the new group when de-duplication moves one), their links and actions, the claims linked, and the ratings.
import { sql, type SQL } from 'drizzle-orm';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { makePeriod } from '../../kernel/periods.js';
import { deleteFacts, type Described, type FactIndicator, type FactRow, type FactSource } from '../indicators/indicators.facts.js';
import { days, dimLabel, groupHref, groupLabel, itemRelated, t5bDetail, t5cDetail } from './factcheck.indicators.js';

export const FACTCHECK_SOURCE = 'factcheck';
const FIRST_YEAR = 2023;
const LAST_YEAR = 2029;

/** Every standard period the facts are kept for: (id, first day, last day, end instant). */
const PERIODS = (() => {
  const out: { id: string; firstDay: string; lastDay: string; end: string }[] = [];
  const kinds = [
    ['yearly', 1],
    ['half_yearly', 2],
    ['quarterly', 4],
    ['monthly', 12],
  ] as const;
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    for (const [kind, n] of kinds) {
      for (let i = 0; i < n; i++) {
        const p = makePeriod(kind, y, i);
        out.push({ id: p.id!, firstDay: p.firstDay, lastDay: p.lastDay, end: p.end.toISOString() });
      }
    }
  }
  return out;
})();
/** The periods as a literal VALUES list (our own constants: no parameters to bind on every refresh). */
const periodValues = sql.raw(
  PERIODS.map((p) => `('${p.id}'::text, '${p.firstDay}'::date, '${p.lastDay}'::date, '${p.end}'::timestamptz)`).join(', '),
);

/** What describe() reads of a fact (kept in its info). */
/** What describe() reads of a fact (kept in its info): the group's first 20 in-period items, their number, the day it
 *  was first seen in the period; the group's false fact-checks [claim, published at] and its first handling action. */
type Info = { items: number[]; n: number; seen: string; claims: [number, string][] | null; handled: string | null; action: string | null };

/** Rewrites the T5b and T5c facts of these groups (null: all), in one statement. */
async function refresh(db: Db, keys: number[] | null): Promise<void> {
  await deleteFacts(db, ['T5b', 'T5c'], keys);
  if (keys && !keys.length) return;
  const ofGroups = (col: SQL): SQL => (keys ? sql`and ${col} = any(${intArray(keys)})` : sql``);
  // A full rebuild sorts and hashes every item four times (year, half, quarter, month): in memory, not on disk.
  if (!keys || keys.length > 1000) await db.execute(sql`set local work_mem = '64MB'`);
  // The Viet Nam calendar (UTC+7, no daylight saving) of an item's time gives its year, half, quarter and month.
  await db.execute(sql`
    with p(pid, first_day, last_day, pend) as (values ${periodValues}),
    it as materialized (
      select i.id, i.group_id as g, i.platform, i.language, i.topics, i.source, i.t, u.pid
      from (select i.*, coalesce(i.published_at, i.received_at) as t, (coalesce(i.published_at, i.received_at) at time zone 'UTC') + interval '7 hours' as loc
            from fc_items i where i.on_topic = 'yes' and i.group_id is not null ${ofGroups(sql`i.group_id`)}) i
      cross join lateral unnest(array[
        to_char(i.loc, 'YYYY'), to_char(i.loc, 'YYYY') || '-H' || ((extract(month from i.loc)::int - 1) / 6 + 1),
        to_char(i.loc, 'YYYY') || '-Q' || to_char(i.loc, 'Q'), to_char(i.loc, 'YYYY-MM')]) as u(pid)),
    gp as materialized (
      select it.g, p.pid, p.first_day, p.last_day, p.pend, count(*)::int as n, min(it.t) as first_seen,
        (array_agg(it.id order by it.t, it.id))[1:20] as items, bool_and(it.source = 'form') as form_only,
        array_agg(distinct 'platform:' || it.platform) || array_agg(distinct 'language:' || it.language) as dims
      from it join p on p.pid = it.pid
      group by it.g, p.pid, p.first_day, p.last_day, p.pend),
    tp as (
      select it.g, it.pid, array_agg(distinct 'topic:' || x) as topics
      from it cross join lateral jsonb_array_elements_text(it.topics) as x group by it.g, it.pid),
    -- Per group, once: from when a published false fact-check ties it (auto or confirmed link), until when a decided link
    -- leaves it unreviewed (a claim not withdrawn whose fact-check is unpublished: for ever), whether a suggestion waits,
    -- and its first handling action. A period ending at pend is false when false_from < pend, unreviewed when a
    -- suggestion waits or open_until >= pend, handled when the first action is on or before its last day.
    gl as (
      select m.group_id as g,
        min(c.published_at) filter (where l.status in ('auto', 'confirmed') and c.status in ('published', 'corrected') and r.counts_as_false) as false_from,
        max(case when c.status in ('published', 'corrected') and c.published_at is not null then c.published_at else 'infinity' end)
          filter (where l.status in ('auto', 'confirmed') and c.status <> 'withdrawn') as open_until,
        bool_or(l.status = 'suggested') as suggested,
        jsonb_agg(distinct jsonb_build_array(c.id, c.published_at)) filter (where l.status in ('auto', 'confirmed') and c.status in ('published', 'corrected')
          and c.published_at is not null and r.counts_as_false) as claims
      from fc_links l join fc_items m on m.id = l.item_id join fc_claims c on c.id = l.claim_id left join fc_ratings r on r.code = c.rating_code
      where l.status <> 'undone' ${ofGroups(sql`m.group_id`)}
      group by m.group_id),
    ga as (
      select distinct on (m.group_id) m.group_id as g, a.acted_on, a.action
      from fc_item_actions a join fc_items m on m.id = a.item_id where true ${ofGroups(sql`m.group_id`)}
      order by m.group_id, a.acted_on, a.id),
    base as materialized (
      select gp.g, gp.pid, gp.first_day, gp.last_day, gp.form_only, coalesce(gl.false_from < gp.pend, false) as is_false,
        coalesce(gl.suggested or gl.open_until >= gp.pend, false) as pending, ga.acted_on <= gp.last_day as handled,
        gp.dims || coalesce(tp.topics, array['topic:_none']) as dims,
        to_char(gp.first_seen at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || lpad(gp.items[1]::text, 11, '0') as sort_key,
        jsonb_build_object('items', to_jsonb(gp.items), 'n', gp.n, 'claims', gl.claims, 'handled', ga.acted_on::text, 'action', ga.action,
          'seen', to_char((gp.first_seen at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD')) as info
      from gp left join gl on gl.g = gp.g left join ga on ga.g = gp.g left join tp on tp.g = gp.g and tp.pid = gp.pid),
    b as (
      insert into indicator_facts (ind, src, rec_type, rec_id, period_id, d_from, d_to, counts, in_den, pending, dims, sort_key, info)
      select 'T5b', g, 'fc_group', g, pid, first_day, last_day, is_false, true, not is_false and pending, dims, sort_key, info
      from base where not form_only)
    insert into indicator_facts (ind, src, rec_type, rec_id, period_id, d_from, d_to, counts, in_den, pending, dims, sort_key, info)
    select 'T5c', g, 'fc_group', g, pid, first_day, last_day, coalesce(handled, false), true, false, dims, sort_key, info
    from base where is_false`);
}

/** The label, detail and in-period items (as related) of one page of groups. */
async function describeWith(
  db: Db,
  facts: FactRow[],
  detail: (f: FactRow, i: Info) => Described['detail'],
): Promise<Map<number, Described>> {
  const infos = facts.map((f) => ({ id: Number(f.rec_id), info: f.info as Info, f }));
  const ids = [...new Set(infos.flatMap((x) => x.info.items))];
  const items = ids.length
    ? await rows<{ id: number; platform: string; label: string; excerpt: string }>(
        db,
        sql`
    select id, platform, left(text, 140) as label, left(text, 100) as excerpt from fc_items where id = any(${intArray(ids)})`,
      )
    : [];
  const byId = new Map(items.map((i) => [Number(i.id), i]));
  return new Map(
    infos.map(({ id, info, f }) => {
      const first = byId.get(info.items[0]!);
      return [
        id,
        {
          label: groupLabel(first?.label || `#${info.items[0]}`, info.n),
          detail: detail(f, info),
          href: groupHref(id),
          related: info.items
            .map((x) => byId.get(x))
            .filter((x) => x !== undefined)
            .map((i) => itemRelated(i)),
        },
      ];
    }),
  );
}

export const t5bFacts: FactIndicator = {
  id: 'T5b',
  mode: 'period',
  dimLabel,
  describe: (db, facts, span) =>
    describeWith(db, facts, (f, i) =>
      t5bDetail(
        f.counts,
        (i.claims ?? [])
          .filter(([, at]) => Date.parse(at) < span.end.getTime())
          .map(([c]) => c)
          .sort((a, b) => a - b),
        f.pending,
      ),
    ),
};

export const t5cFacts: FactIndicator = {
  id: 'T5c',
  mode: 'period',
  dimLabel,
  describe: (db, facts) =>
    describeWith(db, facts, (f, i) => (f.counts ? t5cDetail(i.handled, i.action, days(i.seen, i.handled!)) : t5cDetail(null, null, 0))),
};

export const factcheckFactSource: FactSource = { name: FACTCHECK_SOURCE, indicators: [t5bFacts, t5cFacts], refresh };
