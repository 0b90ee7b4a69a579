// T2a–T2d as indicator facts (see indicators/indicators.facts.ts). A record is a person on a target group's roster
// (rec_id = person id, as the old provider's records); it counts when covered by the office's rule (training.coverage.ts)
// as of the span's last day. Sessions only ever add to a person's count, so a person is not covered until one day C
// (the end of the session that reaches both thresholds) and covered from C on. The facts of a (person, group) are
// therefore one per stretch of days on the roster (overlapping or adjacent memberships joined), split in two at C:
// mode 'asof', a handful of facts per person whatever the number of days. Merged duplicates have no facts (their
// memberships and attendance moved to the person kept). A person is placed by their organisation (org_id).
// Refresh key: the person id. The triggers (migration 0022) mark the people whose memberships or attendance change,
// the attendees of a session or course whose dates or kind change, and everyone when the rule changes.
import { sql, type SQL } from 'drizzle-orm';
import { TARGET_GROUPS, type CoverageRule, type TargetGroup } from '../../../shared/contracts/training.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { deleteFacts, type Described, type FactIndicator, type FactSource } from '../indicators/indicators.facts.js';
import { getCoverageRule } from './training.coverage.js';
import { coverageDetail, coverageHref, personLabel } from './training.indicators.js';

const GROUPS = sql.join(TARGET_GROUPS.map((g) => sql`${g}`), sql`, `);

/** The attendance rows that count under the rule (sessions held entirely within its window), of `people` (null: all),
 *  each with its session's end day and whether it counts as a training session (t) and as an information update (u). */
function countedAttendance(rule: CoverageRule, people: number[] | null): SQL {
  const training = rule.requireCompletion ? sql`a.completed` : sql`a.attended`;
  return sql`select a.person_id, s.ends_on,
      c.kind in ('training', 'both') and ${training} as t, c.kind in ('update', 'both') and a.attended as u
    from training_attendance a join training_sessions s on s.id = a.session_id join training_courses c on c.id = s.course_id
    where s.starts_on >= ${rule.windowFrom}::date and s.ends_on <= ${rule.windowTo}::date
      ${people ? sql`and a.person_id = any(${intArray(people)})` : sql``}`;
}

/** Rewrites the T2 facts of `people` (null: everyone) in one statement. */
async function refresh(db: Db, people: number[] | null): Promise<void> {
  await deleteFacts(db, [...TARGET_GROUPS], people);
  if (people && !people.length) return;
  const rule = await getCoverageRule(db);
  const minT = rule.minTrainings, minU = rule.minUpdates;
  // C: the day the person becomes covered (-infinity when the rule asks for nothing; null when not yet).
  const coveredFrom = sql`case when (${minT}::int > 0 and tc.d is null) or (${minU}::int > 0 and uc.d is null) then null
    else greatest(case when ${minT}::int > 0 then tc.d end, case when ${minU}::int > 0 then uc.d end, '-infinity'::date) end`;
  await db.execute(sql`
    with ppl as (
      select p.id, p.organisation_id from training_people p
      where p.merged_into_id is null ${people ? sql`and p.id = any(${intArray(people)})` : sql``}
    ), mem as (
      select m.person_id, m.target_group as g, m.valid_from as f, coalesce(m.valid_to, 'infinity'::date) as t
      from training_memberships m join ppl on ppl.id = m.person_id
      where m.target_group in (${GROUPS}) and (m.valid_to is null or m.valid_to >= m.valid_from)
    ), marked as (
      -- a membership starts a new stretch unless it begins on or the day after the end of an earlier one
      select mem.*, case when f <= max(t) over (partition by person_id, g order by f, t rows between unbounded preceding and 1 preceding) + 1
        then 0 else 1 end as starts
      from mem
    ), stretch as (
      select person_id, g, min(f) as f, max(t) as t
      from (select marked.*, sum(starts) over (partition by person_id, g order by f, t rows unbounded preceding) as k from marked) x
      group by person_id, g, k
    ), att as (${countedAttendance(rule, people)}
    ), tc as (
      select person_id, ends_on as d from (select person_id, ends_on, row_number() over (partition by person_id order by ends_on) as n from att where t) x where n = ${minT}
    ), uc as (
      select person_id, ends_on as d from (select person_id, ends_on, row_number() over (partition by person_id order by ends_on) as n from att where u) x where n = ${minU}
    ), cov as (
      select ppl.id as person_id, ppl.organisation_id, ${coveredFrom} as c
      from ppl left join tc on tc.person_id = ppl.id left join uc on uc.person_id = ppl.id
    )
    insert into indicator_facts (ind, src, rec_type, rec_id, d_from, d_to, counts, org_id)
    select st.g, st.person_id, 'training_person', st.person_id, part.d_from, nullif(part.d_to, 'infinity'::date), part.counts, cov.organisation_id
    from stretch st join cov on cov.person_id = st.person_id
    cross join lateral (values (false, st.f, least(st.t, cov.c - 1)), (true, greatest(st.f, cov.c), st.t)) as part(counts, d_from, d_to)
    where case when part.counts then cov.c <= st.t else cov.c is null or cov.c > st.f end`);
}

/** Sessions that count for each of `people` as of `day` (the drill-down page's people only). */
async function countsAsOf(db: Db, people: number[], day: string): Promise<Map<number, { trainings: number; updates: number; position: string | null }>> {
  if (!people.length) return new Map();
  const rule = await getCoverageRule(db);
  const r = await rows<{ id: number; position: string | null; tr: number; up: number }>(db, sql`
    with att as (${countedAttendance(rule, people)} and s.ends_on <= ${day}::date)
    select p.id, p.position, (select count(*) filter (where t) from att where att.person_id = p.id)::int as tr,
      (select count(*) filter (where u) from att where att.person_id = p.id)::int as up
    from training_people p where p.id = any(${intArray(people)})`);
  return new Map(r.map((x) => [Number(x.id), { trainings: Number(x.tr), updates: Number(x.up), position: x.position }]));
}

function indicator(group: TargetGroup): FactIndicator {
  return {
    id: group,
    mode: 'asof',
    async describe(db, facts, span) {
      const counts = await countsAsOf(db, facts.map((f) => Number(f.rec_id)), span.lastDay);
      const out = new Map<number, Described>();
      for (const f of facts) {
        const id = Number(f.rec_id), c = counts.get(id);
        out.set(id, {
          label: personLabel(id, c?.position ?? null),
          detail: coverageDetail(f.counts, c?.trainings ?? 0, c?.updates ?? 0),
          href: coverageHref(group, id, span.lastDay),
        });
      }
      return out;
    },
  };
}

export const trainingFactSource: FactSource = { name: 'training', indicators: TARGET_GROUPS.map(indicator), refresh };
