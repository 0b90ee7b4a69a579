// T6 as indicator facts (modules/indicators/indicators.facts.ts), source 'recommendations', key = a recommendation.
// Mode 'asof' (cumulative): the accepted communication recommendations and the three named ones keep one fact per
// stretch of days their status (from rec_status_history) is unchanged, from the Viet Nam calendar day they were
// created; a span selects the stretch holding on its last day, as the provider (recommendations.indicators.ts, the
// oracle) reads the last status recorded before the span's end. Placed by the lead organisation; the named ones first.
import { sql } from 'drizzle-orm';
import { intArray, type Db } from '../../kernel/db.js';
import { deleteFacts, type Described, type FactIndicator, type FactSource } from '../indicators/indicators.facts.js';
import { recommendationHref, t6Detail, t6Label, type STATUS_LABELS } from './recommendations.indicators.js';
import { NAMED } from './recommendations.service.js';

export const RECOMMENDATIONS_SOURCE = 'recommendations';

type Info = { cycle: string; paragraph: string; named: boolean; status: keyof typeof STATUS_LABELS; position: boolean };

/** The Viet Nam calendar day (UTC+7, no daylight saving) of a timestamptz column. */
const vnDay = (col: ReturnType<typeof sql.raw>) => sql`((${col} at time zone 'UTC') + interval '7 hours')::date`;

async function refresh(db: Db, keys: number[] | null): Promise<void> {
  await deleteFacts(db, ['T6'], keys);
  if (keys && !keys.length) return;
  const named = sql.join(
    NAMED.map((n) => sql`(r.cycle = ${n.cycle} and r.paragraph = ${n.paragraph})`),
    sql` or `,
  );
  await db.execute(sql`
    with r as materialized (
      select r.id, r.lead_organisation_id, r.cycle, r.paragraph, r.position, ${vnDay(sql.raw('r.created_at'))} as c_day,
        (r.mechanism = 'upr' and (${named})) as named
      from recommendations r
      where ((r.communication and r.position in ('supported', 'supported_in_part')) or (r.mechanism = 'upr' and (${named})))
        ${keys ? sql`and r.id = any(${intArray(keys)})` : sql``}),
    -- The status at the end of each day a change was recorded (changes before creation count from the creation day).
    hd as (
      select distinct on (h.recommendation_id, greatest(${vnDay(sql.raw('h.at'))}, r.c_day)) h.recommendation_id as rid,
        greatest(${vnDay(sql.raw('h.at'))}, r.c_day) as d, h.to_status as status
      from rec_status_history h join r on r.id = h.recommendation_id
      order by h.recommendation_id, greatest(${vnDay(sql.raw('h.at'))}, r.c_day), h.at desc, h.id desc),
    b as (
      select rid, d, status from hd
      union all
      select r.id, r.c_day, 'not_started' from r where not exists (select 1 from hd where hd.rid = r.id and hd.d = r.c_day)),
    s as (select rid, d, status, lag(status) over (partition by rid order by d) as prev from b),
    k as (select rid, d, status, lead(d) over (partition by rid order by d) as nxt from s where prev is distinct from status)
    insert into indicator_facts (ind, src, rec_type, rec_id, d_from, d_to, counts, in_den, pending, org_id, sort_key, info)
    select 'T6', r.id, 'recommendation', r.id, k.d, k.nxt - 1, k.status = 'implemented', true, false, r.lead_organisation_id,
      (case when r.named then '0' else '1' end) || r.cycle || ' ' || r.paragraph,
      jsonb_build_object('cycle', r.cycle, 'paragraph', r.paragraph, 'named', r.named, 'status', k.status, 'position', r.position is not null and r.position <> '')
    from k join r on r.id = k.rid`);
}

export const t6Facts: FactIndicator = {
  id: 'T6',
  mode: 'asof',
  async describe(_db, facts) {
    return new Map(
      facts.map((f): [number, Described] => {
        const i = f.info as Info;
        return [
          Number(f.rec_id),
          {
            label: t6Label(i, i.named),
            detail: t6Detail(i.named, i.status, i.position),
            href: recommendationHref(Number(f.rec_id)),
          },
        ];
      }),
    );
  },
};

export const recommendationsFactSource: FactSource = { name: RECOMMENDATIONS_SOURCE, indicators: [t6Facts], refresh };
