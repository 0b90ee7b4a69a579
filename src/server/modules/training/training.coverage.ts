// Coverage: who in a target group counts as trained, as of a day. The programme office sets the rule (how many
// completed training sessions and attended information updates, within which days); the method note is written
// from the rule. The memberships and the sessions that count are read as a few rows of arrays (PGlite pays per row,
// not per value), and the figures of any day are derived from them in memory: 300,000 rostered people stay fast.
import { eq, sql } from 'drizzle-orm';
import {
  CoverageRule,
  TARGET_GROUPS,
  type CoverageQuery,
  type CoverageResult,
  type TargetGroup,
} from '../../../shared/contracts/training.js';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { forbidden } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { inScope } from './training.service.js';
import { trainingSettings } from './training.tables.js';

export const DEFAULT_RULE: CoverageRule = {
  minTrainings: 1,
  requireCompletion: true,
  minUpdates: 1,
  windowFrom: '2023-01-01',
  windowTo: '2028-12-31',
  note: { vi: '', en: '' },
};

/** The target of each group (share of the roster). */
export const GROUP_TARGET: Record<TargetGroup, number> = { T2a: 1, T2b: 1, T2c: 1, T2d: 0.7 };

export async function getCoverageRule(db: Db): Promise<CoverageRule> {
  const [r] = await db.select().from(trainingSettings).where(eq(trainingSettings.id, 1));
  return r ? { ...DEFAULT_RULE, ...(r.rule as Partial<CoverageRule>) } : { ...DEFAULT_RULE };
}

const dmy = (d: string) => `${Number(d.slice(8, 10))}/${Number(d.slice(5, 7))}/${d.slice(0, 4)}`;

/** The method note, in both languages, from the rule in force. */
export function describeRule(rule: CoverageRule): Bilingual {
  const vi: string[] = [],
    en: string[] = [];
  if (rule.minTrainings > 0) {
    vi.push(`${rule.requireCompletion ? 'đã hoàn thành' : 'đã tham dự'} ít nhất ${rule.minTrainings} buổi tập huấn`);
    en.push(
      `${rule.requireCompletion ? 'completed' : 'attended'} at least ${rule.minTrainings} training session${rule.minTrainings > 1 ? 's' : ''}`,
    );
  }
  if (rule.minUpdates > 0) {
    vi.push(`đã tham dự ít nhất ${rule.minUpdates} buổi cập nhật thông tin về tình hình quyền con người`);
    en.push(`attended at least ${rule.minUpdates} information update${rule.minUpdates > 1 ? 's' : ''} on the human-rights situation`);
  }
  const out = {
    vi: `Một người được tính là đã được tập huấn khi ${vi.join(' và ')}, trong các buổi diễn ra trọn vẹn từ ${dmy(rule.windowFrom)} đến ${dmy(rule.windowTo)} và kết thúc không muộn hơn ngày tính. Khóa "tập huấn và cập nhật" được tính cho cả hai. Mẫu số: người có tên trong danh sách nhóm đối tượng vào ngày tính (người đã rời nhóm không tính; người thuộc nhiều nhóm được tính ở từng nhóm; buổi học trước khi vào nhóm vẫn được tính). Người trùng đã hợp nhất được tính một lần.`,
    en: `A person counts as trained when they ${en.join(' and ')}, in sessions held entirely between ${rule.windowFrom} and ${rule.windowTo} and ended on or before the day of the figure. A "training and update" course counts for both. Denominator: the people on the group's roster on that day (people who left the group are out; a person in several groups counts in each; sessions before joining the group still count). Merged duplicates count once.`,
  };
  if (rule.note.vi.trim()) out.vi += ` ${rule.note.vi.trim()}`;
  if (rule.note.en.trim()) out.en += ` ${rule.note.en.trim()}`;
  return out;
}

export async function setCoverageRule(db: Db, actor: Actor, raw: unknown): Promise<{ rule: CoverageRule; methodNote: Bilingual }> {
  if (actor.role !== 'admin' && actor.role !== 'system') throw forbidden('Only the programme office (admin) sets the coverage rule');
  return db.transaction(async (tx) => {
    const rule = parseInput(CoverageRule, raw);
    const before = await getCoverageRule(tx);
    await tx
      .insert(trainingSettings)
      .values({ id: 1, rule, updatedAt: new Date() })
      .onConflictDoUpdate({ target: trainingSettings.id, set: { rule, updatedAt: new Date() } });
    await recordAudit(tx, actor, 'update', 'training_settings', 1, before, rule);
    return { rule, methodNote: describeRule(rule) };
  });
}

export type CoverageRecord = {
  person_id: number;
  target_group: TargetGroup;
  position: string | null;
  organisation_id: number;
  org_name: string;
  org_kind: string;
  map: string | null;
  unit: string | null;
  trainings: number;
  updates: number;
  covered: boolean;
};

type OrgInfo = { name: string; kind: string; map: string | null; unit: string | null };
/** Every membership of a person in a target group (sorted by group, person, start), with the end days of the sessions
 *  that count for each person under the rule: enough to say, for any day, who is on the roster and who is covered.
 *  Days are numbered from 2000-01-01. */
export type CoverageTimeline = {
  rule: CoverageRule;
  person: number[];
  group: TargetGroup[];
  from: number[];
  to: number[];
  organisation: number[];
  position: (string | null)[];
  /** Sorted end days of the counted training sessions and information updates, per person. */
  trainingDays: Map<number, number[]>;
  updateDays: Map<number, number[]>;
  orgs: Map<number, OrgInfo>;
};

const EPOCH = Date.UTC(2000, 0, 1);
const OPEN_END = 2147483647;
export const dayNumber = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH) / 86_400_000);

/** The timeline of the memberships the `where` condition keeps (on `p`, the person): three queries in all. */
export async function coverageTimeline(
  db: Db,
  opts: { group?: TargetGroup; where?: ReturnType<typeof sql> } = {},
): Promise<CoverageTimeline> {
  const rule = await getCoverageRule(db);
  // One aggregate pass: the arrays receive the rows in the same order, so index i of each is one membership.
  const [m] = await rows<{
    person: number[] | null;
    grp: TargetGroup[] | null;
    f: number[] | null;
    t: number[] | null;
    org: number[] | null;
    pos: (string | null)[] | null;
  }>(
    db,
    sql`
    select array_agg(m.person_id) as person, array_agg(m.target_group) as grp, array_agg(m.valid_from - date '2000-01-01') as f,
      array_agg(coalesce(m.valid_to - date '2000-01-01', ${OPEN_END})) as t, array_agg(p.organisation_id) as org, array_agg(p.position) as pos
    from training_memberships m join training_people p on p.id = m.person_id and p.merged_into_id is null
    where ${opts.group ? sql`m.target_group = ${opts.group}` : sql`true`} and ${opts.where ?? sql`true`}`,
  );
  const n = m?.person?.length ?? 0;
  const col = <X>(a: X[] | null | undefined): X[] => (a ?? []).map((x) => x);
  const P = col(m?.person).map(Number),
    G = col(m?.grp),
    F = col(m?.f).map(Number),
    T = col(m?.t).map(Number),
    O = col(m?.org).map(Number),
    POS = col(m?.pos);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    G[a]! < G[b]! ? -1 : G[a]! > G[b]! ? 1 : P[a]! - P[b]! || F[a]! - F[b]!,
  );
  const pick = <X>(a: X[]) => order.map((i) => a[i]!);

  const training = rule.requireCompletion ? sql`a.completed` : sql`a.attended`;
  const sessions = await rows<{ e: number; kind: string; tp: number[] | null; up: number[] | null }>(
    db,
    sql`
    select s.ends_on - date '2000-01-01' as e, c.kind,
      array_agg(a.person_id) filter (where ${training}) as tp, array_agg(a.person_id) filter (where a.attended) as up
    from training_sessions s join training_courses c on c.id = s.course_id join training_attendance a on a.session_id = s.id
    where s.starts_on >= ${rule.windowFrom}::date and s.ends_on <= ${rule.windowTo}::date
    group by s.id, s.ends_on, c.kind`,
  );
  const trainingDays = new Map<number, number[]>(),
    updateDays = new Map<number, number[]>();
  const add = (into: Map<number, number[]>, people: number[] | null, day: number) => {
    for (const raw of people ?? []) {
      const id = Number(raw);
      const list = into.get(id);
      if (list) list.push(day);
      else into.set(id, [day]);
    }
  };
  for (const s of sessions) {
    const e = Number(s.e);
    if (s.kind === 'training' || s.kind === 'both') add(trainingDays, s.tp, e);
    if (s.kind === 'update' || s.kind === 'both') add(updateDays, s.up, e);
  }
  for (const list of trainingDays.values()) list.sort((a, b) => a - b);
  for (const list of updateDays.values()) list.sort((a, b) => a - b);

  const orgRows = await rows<{ id: number; name: string; kind: string; map: string | null; unit: string | null }>(
    db,
    sql`
    select o.id, o.name_vi as name, o.kind, u.map_version as map, u.code as unit from organisations o left join admin_units u on u.id = o.province_unit_id`,
  );
  const orgs = new Map(orgRows.map((o) => [Number(o.id), { name: o.name, kind: o.kind, map: o.map, unit: o.unit }]));
  return {
    rule,
    person: pick(P),
    group: pick(G),
    from: pick(F),
    to: pick(T),
    organisation: pick(O),
    position: pick(POS),
    trainingDays,
    updateDays,
    orgs,
  };
}

/** How many of the sorted days are on or before `day`. */
function countUpTo(days: number[] | undefined, day: number): number {
  if (!days) return 0;
  let lo = 0,
    hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The (person, group) pairs on the rosters on `day`, each with the sessions ended by then and whether they are
 *  covered; in group, person order. A person who left and rejoined a group is one pair. */
export function coverageAsOf(tl: CoverageTimeline, isoDay: string): CoverageRecord[] {
  const { rule } = tl;
  const day = dayNumber(isoDay);
  const until = Math.min(day, dayNumber(rule.windowTo));
  const out: CoverageRecord[] = [];
  let lastGroup = '',
    lastPerson = -1;
  for (let i = 0; i < tl.person.length; i++) {
    if (tl.from[i]! > day || tl.to[i]! < day) continue;
    const person = tl.person[i]!,
      group = tl.group[i]!;
    if (person === lastPerson && group === lastGroup) continue;
    lastPerson = person;
    lastGroup = group;
    const org = tl.orgs.get(tl.organisation[i]!);
    const trainings = countUpTo(tl.trainingDays.get(person), until),
      updates = countUpTo(tl.updateDays.get(person), until);
    out.push({
      person_id: person,
      target_group: group,
      position: tl.position[i] ?? null,
      organisation_id: tl.organisation[i]!,
      org_name: org?.name ?? '',
      org_kind: org?.kind ?? 'other',
      map: org?.map ?? null,
      unit: org?.unit ?? null,
      trainings,
      updates,
      covered: trainings >= rule.minTrainings && updates >= rule.minUpdates,
    });
  }
  return out;
}

/** Full names of people, by id. */
export async function namesOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const [r] = await rows<{ id: number[] | null; name: string[] | null }>(
    db,
    sql`
    select array_agg(id) as id, array_agg(full_name) as name from training_people where id = any(${intArray(new Set(ids))})`,
  );
  return new Map((r?.id ?? []).map((id, i) => [Number(id), r!.name![i]!]));
}

/** Every (person, group) on the rosters on `day` with the sessions that count for them, whether they are covered,
 *  and their names (for tests, the bench and small rosters; the report pages names instead). */
export async function coverageRecords(
  db: Db,
  day: string,
  opts: { group?: TargetGroup; where?: ReturnType<typeof sql> } = {},
): Promise<(CoverageRecord & { full_name: string })[]> {
  const recs = coverageAsOf(await coverageTimeline(db, opts), day);
  const names = await namesOf(
    db,
    recs.map((r) => r.person_id),
  );
  return recs.map((r) => ({ ...r, full_name: names.get(r.person_id) ?? '' }));
}

/** Today in Viet Nam (UTC+7). */
export const vnDay = (now = new Date()) => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/** Coverage as the actor may see it: a summary per group and the people (covered or not yet), with names. */
export async function coverageReport(db: Db, actor: Actor, q: CoverageQuery): Promise<CoverageResult> {
  const asOf = q.asOf ?? vnDay();
  const where = sql`${inScope(actor, sql`p.organisation_id`)} ${
    q.organisationId
      ? sql`and p.organisation_id in (with recursive down(id, depth) as (select id, 0 from organisations where id = ${q.organisationId}
      union all select o2.id, d.depth + 1 from organisations o2 join down d on o2.parent_id = d.id where d.depth < 100) select id from down)`
      : sql``
  }`;
  const all = coverageAsOf(await coverageTimeline(db, { group: q.group, where }), asOf);
  const summary = TARGET_GROUPS.filter((g) => !q.group || g === q.group).map((g) => {
    let people = 0,
      covered = 0;
    for (const r of all)
      if (r.target_group === g) {
        people++;
        if (r.covered) covered++;
      }
    return { targetGroup: g, people, covered, target: GROUP_TARGET[g] };
  });
  const list = all.filter((r) => (!q.status || (q.status === 'covered') === r.covered) && (!q.person || r.person_id === q.person));
  // Listed by group, then name as Vietnamese readers sort it (name_key), then id: the order comes from the database as
  // one array, the names only for the page.
  const [ord] = await rows<{ ids: number[] | null }>(
    db,
    sql`select array_agg(p.id order by p.name_key, p.id) as ids from training_people p
    where p.merged_into_id is null and ${where}`,
  );
  const rank = new Map((ord?.ids ?? []).map((id, i) => [Number(id), i]));
  list.sort((a, b) =>
    a.target_group < b.target_group
      ? -1
      : a.target_group > b.target_group
        ? 1
        : (rank.get(a.person_id) ?? 0) - (rank.get(b.person_id) ?? 0),
  );
  const page = list.slice(q.offset, q.offset + q.limit);
  const names = await namesOf(
    db,
    page.map((r) => r.person_id),
  );
  return {
    asOf,
    summary,
    total: list.length,
    items: page.map((r) => ({
      personId: r.person_id,
      fullName: names.get(r.person_id) ?? '',
      position: r.position,
      organisationId: r.organisation_id,
      organisationName: r.org_name,
      targetGroup: r.target_group,
      trainings: r.trainings,
      updates: r.updates,
      covered: r.covered,
    })),
  };
}
