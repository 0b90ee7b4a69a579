// T2a–T2d as indicator facts (see indicators/indicators.facts.ts). A record is a person on a target group's roster
// (rec_id = person id, as the old provider's records); it counts when covered by the office's rule (training.coverage.ts)
// as of the span's last day. Sessions only ever add to a person's count, so a person is not covered until one day C
// (the end of the session that reaches both thresholds) and covered from C on. The facts of a (person, group) are
// therefore one per stretch of days on the roster (overlapping or adjacent memberships joined), split in two at C:
// mode 'asof', a handful of facts per person whatever the number of days. Merged duplicates have no facts (their
// memberships and attendance moved to the person kept). A person is placed by their organisation (org_id).
// Refresh key: the person id; memberships and counted sessions are read as arrays and the facts written by arrays.
// The triggers (migration 0022) mark the people whose memberships or attendance change,
// the attendees of a session or course whose dates or kind change, and everyone when the rule changes.
import { sql, type SQL } from 'drizzle-orm';
import { TARGET_GROUPS, type CoverageRule, type TargetGroup } from '../../../shared/contracts/training.js';
import { intArray, rows, textArray, type Db } from '../../kernel/db.js';
import { type Described, type FactIndicator, type FactSource } from '../indicators/indicators.facts.js';
import { getCoverageRule } from './training.coverage.js';
import { coverageDetail, coverageHref, personLabel } from './training.indicators.js';

const GROUPS = sql.join(
  TARGET_GROUPS.map((g) => sql`${g}`),
  sql`, `,
);

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

const OPEN = 2147483647;
/** Rows written per insert statement (each column one array parameter). */
const CHUNK = 50_000;

/** One fact: a person on a group's roster from day `from` to day `to` (numbered from 2000-01-01; OPEN: still on it),
 *  covered or not all along. */
type Fact = { group: string; person: number; from: number; to: number; covered: boolean; org: number };

/** The facts of the memberships (sorted by person, group, from), given when each person became covered. */
function factsOf(
  m: { person: number[]; group: string[]; from: number[]; to: number[]; org: number[] },
  coveredFrom: (person: number) => number | null,
): Fact[] {
  const out: Fact[] = [];
  const emit = (group: string, person: number, org: number, f: number, t: number) => {
    const c = coveredFrom(person);
    if (c === null || c > f) out.push({ group, person, from: f, to: c === null ? t : Math.min(t, c - 1), covered: false, org });
    if (c !== null && c <= t) out.push({ group, person, from: Math.max(f, c), to: t, covered: true, org });
  };
  let i = 0;
  while (i < m.person.length) {
    const person = m.person[i]!,
      group = m.group[i]!,
      org = m.org[i]!;
    // One stretch: memberships of the same group that overlap or follow on the next day.
    let f = m.from[i]!,
      t = m.to[i]!;
    for (i++; i < m.person.length && m.person[i] === person && m.group[i] === group; i++) {
      if (m.from[i]! <= t + 1) t = Math.max(t, m.to[i]!);
      else {
        emit(group, person, org, f, t);
        f = m.from[i]!;
        t = m.to[i]!;
      }
    }
    emit(group, person, org, f, t);
  }
  return out;
}

/** Rewrites the T2 facts of `people` (null: everyone) where they changed. The memberships and the counted sessions are read as a few
 *  rows of arrays (PGlite pays per row, not per value), the facts computed here and written by arrays (unnest). */
async function refresh(db: Db, people: number[] | null): Promise<void> {
  if (people && !people.length) return;
  const rule = await getCoverageRule(db);
  const only = (col: SQL) => (people ? sql`and ${col} = any(${intArray(people)})` : sql``);
  // The facts there are now: only those that differ from the new ones are deleted or written (a rebuild after a rule
  // change, or an import's thousands of attendances, change few people's facts; the write is what costs).
  const [old] = await rows<{
    id: string[] | null;
    g: string[] | null;
    p: number[] | null;
    f: number[] | null;
    t: (number | null)[] | null;
    c: boolean[] | null;
    o: number[] | null;
  }>(
    db,
    sql`
    select array_agg(id) as id, array_agg(ind) as g, array_agg(src) as p, array_agg(d_from - date '2000-01-01') as f, array_agg(d_to - date '2000-01-01') as t,
      array_agg(counts) as c, array_agg(org_id) as o
    from indicator_facts where ind in (${GROUPS}) ${only(sql`src`)}`,
  );
  const stale = new Map<string, string[]>();
  const keyOf = (g: string, p: number, f: number, t: number, c: boolean, o: number) => `${g}|${p}|${f}|${t}|${c ? 1 : 0}|${o}`;
  (old?.id ?? []).forEach((id, i) => {
    const k = keyOf(
      old!.g![i]!,
      Number(old!.p![i]),
      Number(old!.f![i]),
      old!.t![i] === null ? OPEN : Number(old!.t![i]),
      old!.c![i]!,
      Number(old!.o![i]),
    );
    const ids = stale.get(k);
    if (ids) ids.push(String(id));
    else stale.set(k, [String(id)]);
  });
  // One aggregate pass: the arrays receive the rows in the same order, so index i of each is one membership.
  const [m] = await rows<{ p: number[] | null; g: string[] | null; f: number[] | null; t: number[] | null; o: number[] | null }>(
    db,
    sql`
    select array_agg(m.person_id) as p, array_agg(m.target_group) as g, array_agg(m.valid_from - date '2000-01-01') as f,
      array_agg(coalesce(m.valid_to - date '2000-01-01', ${OPEN})) as t, array_agg(p.organisation_id) as o
    from training_memberships m join training_people p on p.id = m.person_id and p.merged_into_id is null
    where m.target_group in (${GROUPS}) and (m.valid_to is null or m.valid_to >= m.valid_from) ${only(sql`m.person_id`)}`,
  );
  const write = async (facts: Fact[]) => {
    const fresh = facts.filter((x) => !stale.get(keyOf(x.group, x.person, x.from, x.to, x.covered, x.org))?.pop());
    const gone = [...stale.values()].flat();
    for (let k = 0; k < gone.length; k += CHUNK) {
      await db.execute(sql`delete from indicator_facts where id = any(${`{${gone.slice(k, k + CHUNK).join(',')}}`}::bigint[])`);
    }
    for (let k = 0; k < fresh.length; k += CHUNK) {
      const part = fresh.slice(k, k + CHUNK);
      await db.execute(sql`insert into indicator_facts (ind, src, rec_type, rec_id, d_from, d_to, counts, org_id)
        select x.g, x.p, 'training_person', x.p, date '2000-01-01' + x.f, case when x.t = ${OPEN} then null else date '2000-01-01' + x.t end, x.c, x.o
        from unnest(${textArray(part.map((x) => x.group))}, ${intArray(part.map((x) => x.person))}, ${intArray(part.map((x) => x.from))},
          ${intArray(part.map((x) => x.to))}, ${sql`${`{${part.map((x) => (x.covered ? 't' : 'f')).join(',')}}`}::boolean[]`}, ${intArray(part.map((x) => x.org))}) as x(g, p, f, t, c, o)`);
    }
  };
  if (!m?.p?.length) return write([]);
  // The end days of each person's counted sessions, read as one row per end day.
  const training = rule.requireCompletion ? sql`a.completed` : sql`a.attended`;
  const days = await rows<{ e: number; tp: number[] | null; up: number[] | null }>(
    db,
    sql`
    select s.ends_on - date '2000-01-01' as e, array_agg(a.person_id) filter (where c.kind in ('training', 'both') and ${training}) as tp,
      array_agg(a.person_id) filter (where c.kind in ('update', 'both') and a.attended) as up
    from training_attendance a join training_sessions s on s.id = a.session_id join training_courses c on c.id = s.course_id
    where s.starts_on >= ${rule.windowFrom}::date and s.ends_on <= ${rule.windowTo}::date ${only(sql`a.person_id`)}
    group by s.ends_on order by s.ends_on`,
  );
  // Days come in order: the day of a person's n-th counted session is the day their count reaches n.
  const reached = (min: number, col: 'tp' | 'up') => {
    const count = new Map<number, number>(),
      at = new Map<number, number>();
    if (min > 0) {
      for (const d of days) {
        for (const raw of d[col] ?? []) {
          const id = Number(raw),
            n = (count.get(id) ?? 0) + 1;
          count.set(id, n);
          if (n === min) at.set(id, Number(d.e));
        }
      }
    }
    return at;
  };
  const tAt = reached(rule.minTrainings, 'tp'),
    uAt = reached(rule.minUpdates, 'up');
  const coveredFrom = (person: number): number | null => {
    const t = rule.minTrainings > 0 ? tAt.get(person) : -OPEN,
      u = rule.minUpdates > 0 ? uAt.get(person) : -OPEN;
    return t === undefined || u === undefined ? null : Math.max(t, u);
  };
  const P = m.p.map(Number),
    G = m.g!,
    F = m.f!.map(Number),
    T = m.t!.map(Number),
    O = m.o!.map(Number);
  const order = P.map((_, i) => i).sort(
    (a, b) => P[a]! - P[b]! || (G[a]! < G[b]! ? -1 : G[a]! > G[b]! ? 1 : F[a]! - F[b]! || T[a]! - T[b]!),
  );
  const pick = <X>(xs: X[]) => order.map((i) => xs[i]!);
  const facts = factsOf({ person: pick(P), group: pick(G), from: pick(F), to: pick(T), org: pick(O) }, coveredFrom);
  await write(facts);
}

/** Sessions that count for each of `people` as of `day` (the drill-down page's people only). */
async function countsAsOf(db: Db, people: number[], day: string): Promise<Map<number, { trainings: number; updates: number }>> {
  if (!people.length) return new Map();
  const rule = await getCoverageRule(db);
  const r = await rows<{ id: number; tr: number; up: number }>(
    db,
    sql`
    with att as (${countedAttendance(rule, people)} and s.ends_on <= ${day}::date)
    select p.id, (select count(*) filter (where t) from att where att.person_id = p.id)::int as tr,
      (select count(*) filter (where u) from att where att.person_id = p.id)::int as up
    from training_people p where p.id = any(${intArray(people)})`,
  );
  return new Map(r.map((x) => [Number(x.id), { trainings: Number(x.tr), updates: Number(x.up) }]));
}

function indicator(group: TargetGroup): FactIndicator {
  return {
    id: group,
    mode: 'asof',
    async describe(db, facts, span) {
      const counts = await countsAsOf(
        db,
        facts.map((f) => Number(f.rec_id)),
        span.lastDay,
      );
      const out = new Map<number, Described>();
      for (const f of facts) {
        const id = Number(f.rec_id),
          c = counts.get(id);
        out.set(id, {
          label: personLabel(id),
          detail: coverageDetail(f.counts, c?.trainings ?? 0, c?.updates ?? 0),
          href: coverageHref(group, id, span.lastDay),
        });
      }
      return out;
    },
  };
}

export const trainingFactSource: FactSource = { name: 'training', indicators: TARGET_GROUPS.map(indicator), refresh };
