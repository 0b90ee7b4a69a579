// Training services: rostered people and their target-group memberships, duplicate detection and merging,
// courses, sessions and attendance. Personal data (Decree 13/2023/NĐ-CP): a roster is visible only to the
// person's organisation and the organisations above it, and to the programme office (admin); exports are audited.
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import {
  AttendanceInput,
  CourseInput,
  MergeInput,
  PersonInput,
  SessionInput,
  type Attendance,
  type Candidate,
  type Course,
  type Person,
  type RosterQuery,
  type Session,
  type TargetGroup,
} from '../../../shared/contracts/training.js';
import { audienceSet } from '../../../shared/contracts/library.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { containsPattern, fold, nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDatesWritable, type DatedField } from '../../kernel/dateLock.js';
import { adminUnits, organisations } from '../directory/directory.tables.js';
import { libraryProducts } from '../library/library.tables.js';
import { assertCanWriteUnder, getOrganisation, subtreeIds } from '../directory/organisations.service.js';
import { MAP34_VALID_FROM } from '../directory/directory.reference.js';
import { seenBy } from './training.match.js';
import { trainingAttendance, trainingCourses, trainingMemberships, trainingPeople, trainingSessions } from './training.tables.js';

// ---------------------------------------------------------------- who sees whom

/** The organisations whose people the actor may see: null = all (programme office, system), else a subtree. */
export function readScope(actor: Actor): { all: true } | { all: false; rootId: number | null } {
  if (actor.role === 'admin' || actor.role === 'system') return { all: true };
  return { all: false, rootId: actor.organisationId };
}

/** SQL condition: `column` (an organisation id) lies in the actor's subtree (or true for the programme office). */
export function inScope(actor: Actor, column: SQL | string): SQL {
  const scope = readScope(actor);
  if (scope.all) return sql`true`;
  if (scope.rootId === null) return sql`false`;
  const col = typeof column === 'string' ? sql.raw(column) : column;
  return sql`${col} in (with recursive down(id, depth) as (select id, 0 from organisations where id = ${scope.rootId}
    union all select o.id, d.depth + 1 from organisations o join down d on o.parent_id = d.id where d.depth < 100) select id from down)`;
}

const OUTSIDE = 'This person belongs to an organisation outside yours; only that organisation and the programme office see its roster';

async function assertCanSeePerson(db: Db, actor: Actor, organisationId: number, field?: string): Promise<void> {
  const [r] = await rows<{ ok: boolean }>(db, sql`select ${inScope(actor, sql`${organisationId}::int`)} as ok`);
  if (!r?.ok)
    throw new AppError('forbidden', OUTSIDE, field ? [{ field, message: 'outside the organisations whose roster you see' }] : undefined);
}

/** Of `ids`, the people not merged away: their organisation and whether the actor may see them. */
export async function peopleInView(
  db: Db,
  actor: Actor,
  ids: Iterable<number>,
): Promise<Map<number, { organisationId: number; seen: boolean }>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const r = await rows<{ id: number; org: number; seen: boolean }>(
    db,
    sql`select id, organisation_id as org, ${inScope(actor, 'organisation_id')} as seen
    from training_people where id = any(${intArray(list)}) and merged_into_id is null`,
  );
  return new Map(r.map((x) => [Number(x.id), { organisationId: Number(x.org), seen: Boolean(x.seen) }]));
}

/** Staged import rows as the actor sees them (training.match.ts seenBy): people beyond the actor's scope unnamed. */
export async function rowsAsSeen<
  R extends { candidates: Candidate[]; personId: number | null; suggestedId?: number | null; score?: number | null },
>(db: Db, actor: Actor, rs: R[]) {
  const seen = await peopleInView(
    db,
    actor,
    rs.flatMap((r) => [...r.candidates.map((c) => c.personId), r.personId ?? 0, r.suggestedId ?? 0]).filter((id) => id > 0),
  );
  return rs.map((r) => seenBy(r, seen));
}

/** The organisations whose people the actor may see, as a set (null: every one, for the programme office). */
export async function scopeOrganisations(db: Db, actor: Actor): Promise<Set<number> | null> {
  const scope = readScope(actor);
  if (scope.all) return null;
  return new Set(scope.rootId === null ? [] : await subtreeIds(db, scope.rootId));
}

// ---------------------------------------------------------------- people

const personKey = (fullName: string) => fold(fullName);

async function loadPeople(db: Db, where: SQL): Promise<Person[]> {
  const ps = await db
    .select({ p: trainingPeople, organisationName: organisations.nameVi })
    .from(trainingPeople)
    .innerJoin(organisations, eq(organisations.id, trainingPeople.organisationId))
    .where(where)
    .orderBy(asc(trainingPeople.nameKey), asc(trainingPeople.id));
  return withDetails(
    db,
    ps.map(({ p, organisationName }) => ({ p, organisationName })),
  );
}

async function withDetails(db: Db, ps: { p: typeof trainingPeople.$inferSelect; organisationName: string }[]): Promise<Person[]> {
  const ids = ps.map((x) => x.p.id);
  const ms = ids.length
    ? await db
        .select()
        .from(trainingMemberships)
        .where(inArray(trainingMemberships.personId, ids))
        .orderBy(asc(trainingMemberships.validFrom), asc(trainingMemberships.id))
    : [];
  const counts = ids.length
    ? await db
        .select({ personId: trainingAttendance.personId, n: sql<number>`count(*)::int` })
        .from(trainingAttendance)
        .where(inArray(trainingAttendance.personId, ids))
        .groupBy(trainingAttendance.personId)
    : [];
  const n = new Map(counts.map((c) => [c.personId, Number(c.n)]));
  return ps.map(({ p, organisationName }) => ({
    id: p.id,
    fullName: p.fullName,
    position: p.position,
    organisationId: p.organisationId,
    organisationName,
    memberships: ms
      .filter((m) => m.personId === p.id)
      .map((m) => ({ id: m.id, targetGroup: m.targetGroup as TargetGroup, validFrom: m.validFrom, validTo: m.validTo })),
    attendanceCount: n.get(p.id) ?? 0,
    isDemo: p.isDemo,
  }));
}

async function personRow(db: Db, id: number) {
  const [p] = await db.select().from(trainingPeople).where(eq(trainingPeople.id, id));
  if (!p) throw notFound(`Person ${id}`);
  return p;
}

export async function getPerson(db: Db, actor: Actor, id: number): Promise<Person> {
  const p = await personRow(db, id);
  await assertCanSeePerson(db, actor, p.organisationId);
  return (await loadPeople(db, eq(trainingPeople.id, id)))[0]!;
}

function rosterWhere(actor: Actor, q: Partial<RosterQuery>): SQL {
  const where: SQL[] = [isNull(trainingPeople.mergedIntoId), inScope(actor, sql`${trainingPeople.organisationId}`)];
  if (q.organisationId) where.push(eq(trainingPeople.organisationId, q.organisationId));
  if (q.q) where.push(sql`${trainingPeople.nameKey} like ${containsPattern(fold(q.q))}`);
  if (q.group || q.asOf) {
    const day = q.asOf ?? null;
    where.push(sql`exists (select 1 from training_memberships m where m.person_id = ${trainingPeople.id}
      ${q.group ? sql`and m.target_group = ${q.group}` : sql``}
      ${day ? sql`and m.valid_from <= ${day}::date and (m.valid_to is null or m.valid_to >= ${day}::date)` : sql``})`);
  }
  return and(...where)!;
}

/** The roster the actor may see: people (not merged away) with their memberships, filtered. */
export async function listRoster(db: Db, actor: Actor, q: RosterQuery): Promise<{ items: Person[]; total: number }> {
  const where = rosterWhere(actor, q);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(trainingPeople)
    .where(where);
  const ps = await db
    .select({ p: trainingPeople, organisationName: organisations.nameVi })
    .from(trainingPeople)
    .innerJoin(organisations, eq(organisations.id, trainingPeople.organisationId))
    .where(where)
    .orderBy(asc(trainingPeople.nameKey), asc(trainingPeople.id))
    .limit(q.limit)
    .offset(q.offset);
  return { items: await withDetails(db, ps), total: Number(total) };
}

/** Every roster row the actor may see (for the export); the export itself is audited by the caller. */
export async function rosterForExport(db: Db, actor: Actor, q: Partial<RosterQuery>): Promise<Person[]> {
  return loadPeople(db, rosterWhere(actor, q));
}

async function writeMemberships(db: Db, personId: number, ms: PersonInput['memberships']) {
  await db.delete(trainingMemberships).where(eq(trainingMemberships.personId, personId));
  if (ms.length)
    await db
      .insert(trainingMemberships)
      .values(ms.map((m) => ({ personId, targetGroup: m.targetGroup, validFrom: m.validFrom, validTo: m.validTo ?? null })));
}

/** A person's memberships' days, as the date lock reads them (in an import: with the row). */
export const membershipDays = (ms: { validFrom: string; validTo?: string | null }[], row?: number): DatedField[] =>
  ms.flatMap((m, i) => [
    { field: `memberships.${i}.validFrom`, day: m.validFrom, row },
    { field: `memberships.${i}.validTo`, day: m.validTo, row },
  ]);

export async function createPerson(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean; row?: number } = {}): Promise<Person> {
  return db.transaction(async (tx) => {
    const input = parseInput(PersonInput, raw, opts.row);
    await getOrganisation(tx, input.organisationId);
    await assertCanWriteUnder(tx, actor, input.organisationId, "the person's organisation");
    await assertDatesWritable(tx, actor, membershipDays(input.memberships, opts.row));
    const fullName = nfc(input.fullName).replace(/\s+/g, ' ');
    const [c] = await tx
      .insert(trainingPeople)
      .values({
        fullName,
        nameKey: personKey(fullName),
        position: input.position ? nfc(input.position) : null,
        organisationId: input.organisationId,
        isDemo: opts.isDemo ?? false,
      })
      .returning({ id: trainingPeople.id });
    await writeMemberships(tx, c.id, input.memberships);
    const after = (await loadPeople(tx, eq(trainingPeople.id, c.id)))[0]!;
    await recordAudit(tx, actor, 'create', 'training_person', c.id, null, after);
    return after;
  });
}

export async function updatePerson(db: Db, actor: Actor, id: number, raw: unknown): Promise<Person> {
  return db.transaction(async (tx) => {
    const p = await personRow(tx, id);
    if (p.mergedIntoId) throw new AppError('conflict', `Person ${id} was merged into ${p.mergedIntoId}`);
    await assertCanWriteUnder(tx, actor, p.organisationId, "the person's organisation");
    const input = parseInput(PersonInput, raw);
    if (input.organisationId !== p.organisationId) await assertCanWriteUnder(tx, actor, input.organisationId, 'the new organisation');
    const before = (await loadPeople(tx, eq(trainingPeople.id, id)))[0]!;
    // The person's coverage counts for its organisation over its memberships' days: a change is a write dated then.
    await assertDatesWritable(tx, actor, [...membershipDays(before.memberships), ...membershipDays(input.memberships)]);
    const fullName = nfc(input.fullName).replace(/\s+/g, ' ');
    await tx
      .update(trainingPeople)
      .set({
        fullName,
        nameKey: personKey(fullName),
        position: input.position ? nfc(input.position) : null,
        organisationId: input.organisationId,
        updatedAt: new Date(),
      })
      .where(eq(trainingPeople.id, id));
    await writeMemberships(tx, id, input.memberships);
    const after = (await loadPeople(tx, eq(trainingPeople.id, id)))[0]!;
    await recordAudit(tx, actor, 'update', 'training_person', id, before, after);
    return after;
  });
}

/** A key under which two spellings of one name meet: folded, words sorted ("Văn An Nguyễn" = "Nguyễn Văn An"). */
export const sortedKey = (name: string) => fold(name).split(' ').filter(Boolean).sort().join(' ');

/** Possible duplicates the actor may see: people whose names are the same once folded and word-sorted. */
export async function findDuplicates(db: Db, actor: Actor): Promise<{ key: string; people: Person[] }[]> {
  const all = await db
    .select({ id: trainingPeople.id, name: trainingPeople.fullName })
    .from(trainingPeople)
    .where(and(isNull(trainingPeople.mergedIntoId), inScope(actor, sql`${trainingPeople.organisationId}`)));
  const groups = new Map<string, number[]>();
  for (const p of all) {
    const k = sortedKey(p.name);
    groups.set(k, [...(groups.get(k) ?? []), p.id]);
  }
  const dup = [...groups].filter(([, ids]) => ids.length > 1).slice(0, 200);
  const people = await loadPeople(db, inArray(trainingPeople.id, dup.flatMap(([, ids]) => ids).concat(-1)));
  const byId = new Map(people.map((p) => [p.id, p]));
  return dup.map(([key, ids]) => ({ key, people: ids.map((i) => byId.get(i)!).filter(Boolean) }));
}

/** Merges `mergeId` into `keepId`: every attendance and membership moves to the kept person (one session attended
 *  by both: one row, attended/completed if either was, the better assessment); the merged row stays, pointing on. */
export async function mergePeople(db: Db, actor: Actor, raw: unknown): Promise<Person> {
  return db.transaction(async (tx) => {
    const { keepId, mergeId } = parseInput(MergeInput, raw);
    const keep = await personRow(tx, keepId),
      gone = await personRow(tx, mergeId);
    if (keep.mergedIntoId || gone.mergedIntoId)
      throw new AppError('conflict', 'One of these people was already merged', [
        { field: keep.mergedIntoId ? 'keepId' : 'mergeId', message: 'already merged' },
      ]);
    await assertCanWriteUnder(tx, actor, keep.organisationId, "the kept person's organisation");
    await assertCanWriteUnder(tx, actor, gone.organisationId, "the merged person's organisation");
    const before = {
      keep: (await loadPeople(tx, eq(trainingPeople.id, keepId)))[0],
      merged: (await loadPeople(tx, eq(trainingPeople.id, mergeId)))[0],
    };
    await tx.execute(sql`update training_attendance k set attended = k.attended or g.attended, completed = k.completed or g.completed,
      assessment = greatest(k.assessment, g.assessment), certificate_code = coalesce(k.certificate_code, g.certificate_code),
      certificate_issued_at = coalesce(k.certificate_issued_at, g.certificate_issued_at)
      from training_attendance g where k.person_id = ${keepId} and g.person_id = ${mergeId} and g.session_id = k.session_id`);
    await tx.execute(
      sql`delete from training_attendance g using training_attendance k where g.person_id = ${mergeId} and k.person_id = ${keepId} and k.session_id = g.session_id`,
    );
    await tx.update(trainingAttendance).set({ personId: keepId }).where(eq(trainingAttendance.personId, mergeId));
    await tx.update(trainingMemberships).set({ personId: keepId }).where(eq(trainingMemberships.personId, mergeId));
    await tx.update(trainingPeople).set({ mergedIntoId: keepId, updatedAt: new Date() }).where(eq(trainingPeople.id, mergeId));
    const after = (await loadPeople(tx, eq(trainingPeople.id, keepId)))[0]!;
    await recordAudit(tx, actor, 'merge', 'training_person', keepId, before, { kept: after, mergedId: mergeId });
    return after;
  });
}

// ---------------------------------------------------------------- courses

async function courseOut(db: Db, where: SQL): Promise<Course[]> {
  const r = await db
    .select({
      c: trainingCourses,
      organisationName: organisations.nameVi,
      sessionCount: sql<number>`(select count(*)::int from training_sessions s where s.course_id = ${trainingCourses.id})`,
    })
    .from(trainingCourses)
    .innerJoin(organisations, eq(organisations.id, trainingCourses.organisationId))
    .where(where)
    .orderBy(asc(trainingCourses.title), asc(trainingCourses.id));
  return r.map(({ c, organisationName, sessionCount }) => ({
    id: c.id,
    title: c.title,
    topics: c.topics,
    kind: c.kind as Course['kind'],
    format: c.format as Course['format'],
    hours: c.hours === null ? null : Number(c.hours),
    organisationId: c.organisationId,
    organisationName,
    materialIds: c.materialIds,
    audiences: c.audiences,
    sessionCount: Number(sessionCount),
    isDemo: c.isDemo,
  }));
}

export async function listCourses(db: Db): Promise<Course[]> {
  return courseOut(db, sql`true`);
}
export async function getCourse(db: Db, id: number): Promise<Course> {
  const [c] = await courseOut(db, eq(trainingCourses.id, id));
  if (!c) throw notFound(`Course ${id}`);
  return c;
}

/** The course's materials must be products of the library: every unknown id is named by its position. */
async function assertMaterialsExist(db: Db, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const found = new Set(
    (await db.select({ id: libraryProducts.id }).from(libraryProducts).where(inArray(libraryProducts.id, ids))).map((r) => r.id),
  );
  const details = ids.flatMap((id, i) => (found.has(id) ? [] : [{ field: `materialIds.${i}`, message: `no library product ${id}` }]));
  if (details.length)
    throw new AppError('validation_failed', `Unknown library product(s): ${ids.filter((id) => !found.has(id)).join(', ')}`, details);
}

function courseValues(input: CourseInput) {
  return {
    title: nfc(input.title),
    topics: input.topics.map(nfc),
    kind: input.kind,
    format: input.format,
    hours: input.hours ?? null,
    organisationId: input.organisationId,
    materialIds: [...new Set(input.materialIds)],
    audiences: audienceSet(input.audiences),
  };
}

/** Creation of a record owned by an organisation, written and audited in one transaction. */
async function createOwned<T>(
  db: Db,
  actor: Actor,
  o: { entity: string; what: string; owner: number; insert: (db: Db) => Promise<number>; get: (db: Db, id: number) => Promise<T> },
): Promise<T> {
  return db.transaction(async (tx) => {
    await getOrganisation(tx, o.owner);
    await assertCanWriteUnder(tx, actor, o.owner, o.what);
    const id = await o.insert(tx);
    const after = await o.get(tx, id);
    await recordAudit(tx, actor, 'create', o.entity, id, null, after);
    return after;
  });
}

export async function createCourse(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<Course> {
  const input = parseInput(CourseInput, raw);
  return createOwned(db, actor, {
    entity: 'training_course',
    what: "the course's organisation",
    owner: input.organisationId,
    get: getCourse,
    insert: async (tx) => {
      await assertMaterialsExist(tx, input.materialIds);
      return (
        await tx
          .insert(trainingCourses)
          .values({ ...courseValues(input), isDemo: opts.isDemo ?? false })
          .returning({ id: trainingCourses.id })
      )[0]!.id;
    },
  });
}

export async function updateCourse(db: Db, actor: Actor, id: number, raw: unknown): Promise<Course> {
  return updateOwned(db, actor, id, raw, {
    entity: 'training_course',
    what: "the course's organisation",
    get: getCourse,
    ownerOf: (c) => c.organisationId,
    parse: (r) => parseInput(CourseInput, r),
    newOwner: (i) => i.organisationId,
    write: async (tx, i) => {
      await assertMaterialsExist(tx, i.materialIds);
      return tx
        .update(trainingCourses)
        .set({ ...courseValues(i), updatedAt: new Date() })
        .where(eq(trainingCourses.id, id));
    },
  });
}

/** Update of a record owned by an organisation: the actor writes under the current owner and, when it changes, the
 *  new one; written and audited in one transaction. */
async function updateOwned<T, I>(
  db: Db,
  actor: Actor,
  id: number,
  raw: unknown,
  o: {
    entity: string;
    what: string;
    get: (db: Db, id: number) => Promise<T>;
    ownerOf: (x: T) => number;
    parse: (raw: unknown) => I;
    newOwner: (input: I) => number;
    write: (db: Db, input: I) => Promise<unknown>;
  },
): Promise<T> {
  return db.transaction(async (tx) => {
    const before = await o.get(tx, id);
    await assertCanWriteUnder(tx, actor, o.ownerOf(before), o.what);
    const input = o.parse(raw);
    if (o.newOwner(input) !== o.ownerOf(before)) await assertCanWriteUnder(tx, actor, o.newOwner(input), 'the new organisation');
    await o.write(tx, input);
    const after = await o.get(tx, id);
    await recordAudit(tx, actor, 'update', o.entity, id, before, after);
    return after;
  });
}

// ---------------------------------------------------------------- sessions

async function sessionOut(db: Db, where: SQL): Promise<Session[]> {
  const r = await rows<Record<string, unknown>>(
    db,
    sql`
    select s.id, s.course_id, c.title, c.kind, s.starts_on::text as starts_on, s.ends_on::text as ends_on, u.code as unit_code, u.map_version, u.name_vi as unit_name,
      s.country_code, s.place, s.organiser_id, o.name_vi as organiser_name, s.trainers, s.is_demo,
      (select count(*)::int from training_attendance a where a.session_id = s.id) as n
    from training_sessions s join training_courses c on c.id = s.course_id join organisations o on o.id = s.organiser_id
    left join admin_units u on u.id = s.province_unit_id where ${where} order by s.starts_on desc, s.id desc`,
  );
  return r.map((x) => ({
    id: Number(x.id),
    courseId: Number(x.course_id),
    courseTitle: String(x.title),
    courseKind: x.kind as Session['courseKind'],
    startsOn: String(x.starts_on),
    endsOn: String(x.ends_on),
    provinceCode: (x.unit_code as string) ?? null,
    provinceMap: (x.map_version as string) ?? null,
    provinceName: (x.unit_name as string) ?? null,
    countryCode: (x.country_code as string) ?? null,
    place: (x.place as string) ?? null,
    organiserId: Number(x.organiser_id),
    organiserName: String(x.organiser_name),
    trainers: (x.trainers as string) ?? null,
    attendanceCount: Number(x.n),
    isDemo: Boolean(x.is_demo),
  }));
}

export async function listSessions(db: Db, q: { courseId?: number } = {}): Promise<Session[]> {
  return sessionOut(db, q.courseId ? sql`s.course_id = ${q.courseId}` : sql`true`);
}
export async function getSession(db: Db, id: number): Promise<Session> {
  const [s] = await sessionOut(db, sql`s.id = ${id}`);
  if (!s) throw notFound(`Session ${id}`);
  return s;
}

/** The province on the map valid on the session's first day (63 units before 1 July 2025, 34 after). */
async function sessionUnit(db: Db, code: string, day: string): Promise<number> {
  const map = day < MAP34_VALID_FROM ? '63' : '34';
  const c = code.trim().padStart(2, '0');
  const [u] = await db
    .select({ id: adminUnits.id })
    .from(adminUnits)
    .where(and(eq(adminUnits.mapVersion, map), eq(adminUnits.code, c)));
  if (!u)
    throw new AppError('validation_failed', `Unknown province code ${c} on the ${map}-unit map (valid on ${day})`, [
      { field: 'provinceCode', message: `no province ${c} on the ${map}-unit map valid on ${day}` },
    ]);
  return u.id;
}

async function sessionValues(db: Db, input: SessionInput) {
  await getCourse(db, input.courseId);
  await getOrganisation(db, input.organiserId);
  return {
    courseId: input.courseId,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    provinceUnitId: input.provinceCode ? await sessionUnit(db, input.provinceCode, input.startsOn) : null,
    countryCode: input.countryCode ? input.countryCode.toUpperCase() : null,
    place: input.place ? nfc(input.place) : null,
    organiserId: input.organiserId,
    trainers: input.trainers ? nfc(input.trainers) : null,
  };
}

/** A session's days, as the date lock reads them. */
const sessionDays = (s: { startsOn: string; endsOn: string }): DatedField[] => [
  { field: 'startsOn', day: s.startsOn },
  { field: 'endsOn', day: s.endsOn },
];

export async function createSession(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<Session> {
  const input = parseInput(SessionInput, raw);
  return createOwned(db, actor, {
    entity: 'training_session',
    what: 'the organiser',
    owner: input.organiserId,
    get: getSession,
    insert: async (tx) => {
      await assertDatesWritable(tx, actor, sessionDays(input));
      return (
        await tx
          .insert(trainingSessions)
          .values({ ...(await sessionValues(tx, input)), isDemo: opts.isDemo ?? false })
          .returning({ id: trainingSessions.id })
      )[0]!.id;
    },
  });
}

export async function updateSession(db: Db, actor: Actor, id: number, raw: unknown): Promise<Session> {
  return updateOwned(db, actor, id, raw, {
    entity: 'training_session',
    what: 'the organiser',
    get: getSession,
    ownerOf: (x) => x.organiserId,
    parse: (r) => parseInput(SessionInput, r),
    newOwner: (i) => i.organiserId,
    write: async (tx, i) => {
      await assertDatesWritable(tx, actor, [...sessionDays(await getSession(tx, id)), ...sessionDays(i)]);
      return tx
        .update(trainingSessions)
        .set(await sessionValues(tx, i))
        .where(eq(trainingSessions.id, id));
    },
  });
}

// ---------------------------------------------------------------- attendance

/** Attendance of a session as the reader may see it: the attendees of the reader's organisation subtree (all of them
 *  for the programme office). The organiser's side sees its own people; attendees from elsewhere are only counted
 *  (the session's attendanceCount) — their names are that organisation's roster. */
export async function listAttendance(db: Db, actor: Actor, sessionId: number): Promise<Attendance[]> {
  await getSession(db, sessionId);
  const r = await db
    .select({ a: trainingAttendance, fullName: trainingPeople.fullName, organisationName: organisations.nameVi })
    .from(trainingAttendance)
    .innerJoin(trainingPeople, eq(trainingPeople.id, trainingAttendance.personId))
    .innerJoin(organisations, eq(organisations.id, trainingPeople.organisationId))
    .where(and(eq(trainingAttendance.sessionId, sessionId), inScope(actor, sql`${trainingPeople.organisationId}`)))
    .orderBy(asc(trainingPeople.nameKey), asc(trainingAttendance.id));
  return r.map(({ a, fullName, organisationName }) => ({
    id: a.id,
    sessionId: a.sessionId,
    personId: a.personId,
    fullName,
    organisationName,
    attended: a.attended,
    completed: a.completed,
    assessment: a.assessment === null ? null : Number(a.assessment),
    certificateCode: a.certificateCode,
  }));
}

/** Records (or corrects) one person's attendance of a session; the organiser's side writes it, and only for people it
 *  may see (its own organisation subtree; the programme office: anyone): an attendance raises the person's coverage,
 *  which belongs to the person's organisation. */
export async function recordAttendance(
  db: Db,
  actor: Actor,
  raw: unknown,
  opts: { isDemo?: boolean; audit?: boolean } = {},
): Promise<{ id: number }> {
  const input = parseInput(AttendanceInput, raw);
  const run = async (tx: Db) => {
    const s = await getSession(tx, input.sessionId);
    await assertCanWriteUnder(tx, actor, s.organiserId, "the session's organiser");
    await assertDatesWritable(tx, actor, [{ field: 'sessionId', day: s.endsOn }]);
    const p = await personRow(tx, input.personId);
    await assertCanSeePerson(tx, actor, p.organisationId, 'personId');
    if (p.mergedIntoId)
      throw new AppError('validation_failed', `Person ${p.id} was merged into ${p.mergedIntoId}`, [
        { field: 'personId', message: `merged into ${p.mergedIntoId}` },
      ]);
    const values = { attended: input.attended, completed: input.completed, assessment: input.assessment ?? null };
    const [r] = await tx
      .insert(trainingAttendance)
      .values({ sessionId: input.sessionId, personId: input.personId, ...values, isDemo: opts.isDemo ?? false })
      .onConflictDoUpdate({ target: [trainingAttendance.sessionId, trainingAttendance.personId], set: values })
      .returning({ id: trainingAttendance.id });
    if (opts.audit !== false) await recordAudit(tx, actor, 'record', 'training_attendance', r.id, null, input);
    return r;
  };
  return opts.audit === false ? run(db) : db.transaction(run);
}
