// Demo data of the training module: rosters for the demo provinces' committees, departments, newspapers and Front
// committees (T2a–T2d), three courses, sessions from 2024 to 2026 and attendance so that coverage is alive (about
// half covered, some people joining or leaving their group), two near-namesakes in Hà Nội's committee, and an
// upcoming session with no attendance yet for trying the sign-in import (its example sheet: signinExample()).
// Positions carry "(demo)"; everything is marked is_demo and removed by removeTrainingDemo (before the directory's).
import crypto from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { recordAudit, systemActor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { fold } from '../../kernel/text.js';
import { organisations } from '../directory/directory.tables.js';
import { signinSheet } from './training.excel.js';
import { createCourse, createSession } from './training.service.js';
import {
  trainingAttendance,
  trainingCourses,
  trainingImports,
  trainingMemberships,
  trainingPeople,
  trainingSessions,
} from './training.tables.js';

/** Vietnamese name parts the demo (and the training bench) build rostered people's names from. */
export const SURNAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
export const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Đức', 'Ngọc', 'Quốc', 'Thanh', 'Hữu', 'Kim'];
export const GIVEN = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phong',
  'Phương',
  'Quân',
  'Sơn',
  'Thảo',
  'Trang',
  'Tuấn',
  'Việt',
  'Yến',
];
/** Title of the session kept free for trying the sign-in import. */
export const SAMPLE_SESSION_PLACE = 'Hội trường mẫu, Hà Nội (demo)';

function rand(...n: number[]): number {
  return (
    crypto
      .createHash('sha256')
      .update(`training:${n.join(':')}`)
      .digest()
      .readUInt32BE(0) / 0x1_0000_0000
  );
}

const GROUP_BY_PREFIX: Record<string, { group: string; positions: string[] }> = {
  'UBND-': { group: 'T2a', positions: ['Phó Chánh Văn phòng (demo)', 'Chuyên viên pháp chế (demo)'] },
  'SVHTTDL-': { group: 'T2b', positions: ['Trưởng phòng Thông tin (demo)', 'Chuyên viên truyền thông (demo)'] },
  'BAO-': { group: 'T2c', positions: ['Phóng viên đối ngoại (demo)', 'Biên tập viên (demo)'] },
  'MTTQ-': { group: 'T2d', positions: ['Phó Chủ tịch (demo)', 'Trưởng ban (demo)'] },
};

export async function seedTrainingDemo(db: Db, now = new Date()): Promise<{ people: number; sessions: number; attendance: number }> {
  const actor = systemActor('seed', 'seed --demo');
  const orgs = await db
    .select({ id: organisations.id, code: organisations.code })
    .from(organisations)
    .where(and(eq(organisations.isDemo, true), or(...Object.keys(GROUP_BY_PREFIX).map((p) => sql`${organisations.code} like ${`${p}%`}`))))
    .orderBy(organisations.code);
  if (!orgs.length) return { people: 0, sessions: 0, attendance: 0 };
  const hanoi = orgs.find((o) => o.code === 'UBND-01') ?? orgs[0]!;

  // People: five per organisation, plus two near-namesakes in Hà Nội's committee.
  const people: (typeof trainingPeople.$inferInsert & { group: string; from: string; to: string | null })[] = [];
  orgs.forEach((o, i) => {
    const g = GROUP_BY_PREFIX[Object.keys(GROUP_BY_PREFIX).find((p) => o.code.startsWith(p))!]!;
    for (let k = 0; k < 5; k++) {
      const fullName = `${SURNAMES[(i * 7 + k * 3) % SURNAMES.length]} ${MIDDLE[(i + k * 5) % MIDDLE.length]} ${GIVEN[(i * 11 + k * 7) % GIVEN.length]}`;
      const r = rand(i, k, 1);
      people.push({
        fullName,
        nameKey: fold(fullName),
        position: g.positions[k % 2]!,
        organisationId: o.id,
        isDemo: true,
        group: g.group,
        from: r < 0.15 ? '2025-09-01' : '2023-01-01',
        to: r > 0.93 ? '2025-06-30' : null,
      });
    }
  });
  for (const fullName of ['Lê Thị Hà', 'Lê Thị Hạ'])
    people.push({
      fullName,
      nameKey: fold(fullName),
      position: 'Chuyên viên (demo)',
      organisationId: hanoi.id,
      isDemo: true,
      group: 'T2a',
      from: '2024-01-01',
      to: null,
    });
  const ids: number[] = [];
  for (let i = 0; i < people.length; i += 1000) {
    const chunk = people.slice(i, i + 1000);
    ids.push(
      ...(
        await db
          .insert(trainingPeople)
          .values(chunk.map(({ group: _g, from: _f, to: _t, ...p }) => p))
          .returning({ id: trainingPeople.id })
      ).map((r) => r.id),
    );
  }
  await db
    .insert(trainingMemberships)
    .values(people.map((p, i) => ({ personId: ids[i]!, targetGroup: p.group, validFrom: p.from, validTo: p.to })));

  // Courses and sessions.
  const course = async (title: string, kind: string, format: string, hours: number) =>
    (await createCourse(db, actor, { title, kind, format, hours, organisationId: hanoi.id, topics: ['quyền con người'] }, { isDemo: true }))
      .id;
  const cBoth = await course('Tập huấn và cập nhật tình hình quyền con người (demo)', 'both', 'in_person', 16);
  const cTrain = await course('Kỹ năng truyền thông về quyền con người (demo)', 'training', 'blended', 24);
  const cUpdate = await course('Cập nhật thông tin về quyền con người (demo)', 'update', 'online', 4);
  const session = async (
    courseId: number,
    startsOn: string,
    endsOn: string,
    place: string,
    provinceCode: string | null,
    countryCode: string | null = null,
  ) =>
    (
      await createSession(
        db,
        actor,
        { courseId, startsOn, endsOn, provinceCode, countryCode, place, organiserId: hanoi.id, trainers: 'Giảng viên mẫu (demo)' },
        { isDemo: true },
      )
    ).id;
  const sessions = [
    { id: await session(cBoth, '2024-05-14', '2024-05-15', 'Hà Nội (demo)', '01'), kind: 'both' },
    { id: await session(cTrain, '2025-03-18', '2025-03-20', 'Đà Nẵng (demo)', '48'), kind: 'training' },
    { id: await session(cUpdate, '2025-09-09', '2025-09-09', 'Trực tuyến (demo)', '01'), kind: 'update' },
    { id: await session(cBoth, '2026-03-24', '2026-03-25', 'Thành phố Hồ Chí Minh (demo)', '79'), kind: 'both' },
    { id: await session(cUpdate, '2025-11-05', '2025-11-05', 'Geneva (demo)', null, 'CH'), kind: 'update' },
  ];
  // The sample session: a fortnight before the seeding, so what the example sheet records counts at once.
  const day = (back: number) => new Date(now.getTime() + 7 * 3600_000 - back * 86_400_000).toISOString().slice(0, 10);
  await session(cBoth, day(15), day(14), SAMPLE_SESSION_PLACE, '01');

  // Attendance: most people attend something; about half complete a training and get an update.
  const att: (typeof trainingAttendance.$inferInsert)[] = [];
  ids.forEach((personId, i) => {
    if (i >= ids.length - 2) return; // the near-namesakes: not yet trained
    const r = rand(personId % 1000, i);
    const pick = r < 0.35 ? [0] : r < 0.55 ? [1, 2] : r < 0.7 ? [3] : r < 0.8 ? [1] : r < 0.88 ? [4] : [];
    for (const s of pick)
      att.push({
        sessionId: sessions[s]!.id,
        personId,
        attended: true,
        completed: sessions[s]!.kind !== 'update' && rand(i, s) < 0.9,
        isDemo: true,
      });
  });
  for (let i = 0; i < att.length; i += 2000) await db.insert(trainingAttendance).values(att.slice(i, i + 2000));
  await recordAudit(db, actor, 'seed', 'training_person', null, null, { people: ids.length, attendance: att.length, demo: true });
  return { people: ids.length, sessions: sessions.length + 1, attendance: att.length };
}

export async function removeTrainingDemo(db: Db): Promise<{ people: number; sessions: number; courses: number }> {
  return db.transaction(async (tx) => {
    const demoPeople = (await tx.select({ id: trainingPeople.id }).from(trainingPeople).where(eq(trainingPeople.isDemo, true))).map(
      (r) => r.id,
    );
    const demoSessions = (await tx.select({ id: trainingSessions.id }).from(trainingSessions).where(eq(trainingSessions.isDemo, true))).map(
      (r) => r.id,
    );
    const none = [-1];
    await tx
      .delete(trainingAttendance)
      .where(
        or(
          eq(trainingAttendance.isDemo, true),
          inArray(trainingAttendance.personId, demoPeople.concat(none)),
          inArray(trainingAttendance.sessionId, demoSessions.concat(none)),
        ),
      );
    await tx.delete(trainingImports).where(inArray(trainingImports.sessionId, demoSessions.concat(none)));
    await tx.delete(trainingMemberships).where(inArray(trainingMemberships.personId, demoPeople.concat(none)));
    await tx
      .update(trainingPeople)
      .set({ mergedIntoId: null })
      .where(inArray(trainingPeople.mergedIntoId, demoPeople.concat(none)));
    await tx.delete(trainingPeople).where(eq(trainingPeople.isDemo, true));
    await tx.delete(trainingSessions).where(eq(trainingSessions.isDemo, true));
    const courses = await tx.delete(trainingCourses).where(eq(trainingCourses.isDemo, true)).returning({ id: trainingCourses.id });
    const result = { people: demoPeople.length, sessions: demoSessions.length, courses: courses.length };
    await recordAudit(tx, systemActor('cli', 'seed --remove-demo'), 'remove-demo', 'training_person', null, null, result);
    return result;
  });
}

/** The example sign-in sheet offered beside the import: for the demo's sample session, people of Hà Nội's committee
 *  written as sheets really are (one without diacritics, one in another word order, "Le Thi Ha" who could be either
 *  of two people). Without demo data: generic sample names. */
export async function signinExample(db: Db): Promise<Buffer> {
  const ps = await rows<{ full_name: string; position: string | null; code: string }>(
    db,
    sql`
    select p.full_name, p.position, o.code from training_people p join organisations o on o.id = p.organisation_id
    where p.is_demo and o.code = 'UBND-01' and p.merged_into_id is null order by p.id limit 5`,
  );
  const title = 'Lớp tập huấn và cập nhật tình hình quyền con người (demo)';
  if (ps.length < 5) {
    return signinSheet(title, [
      { name: 'Nguyễn Văn Mẫu', position: 'Chuyên viên' },
      { name: 'Tran Thi Vi Du', position: 'Chuyên viên' },
    ]);
  }
  const words = (s: string) => s.split(' ');
  const reorder = (s: string) => {
    const w = words(s);
    return [...w.slice(1), w[0]].join(' ');
  };
  return signinSheet(title, [
    { name: ps[0]!.full_name, position: ps[0]!.position ?? '', organisation: ps[0]!.code, assessment: 8.5 },
    {
      name: fold(ps[1]!.full_name).replace(/\b\w/g, (c) => c.toUpperCase()),
      position: ps[1]!.position ?? '',
      organisation: ps[1]!.code,
      assessment: 9,
    },
    { name: ps[2]!.full_name.toUpperCase(), position: ps[2]!.position ?? '', organisation: ps[2]!.code },
    { name: reorder(ps[3]!.full_name), position: ps[3]!.position ?? '', organisation: ps[3]!.code },
    { name: 'Le Thi Ha', position: 'Chuyên viên', organisation: ps[4]!.code },
  ]);
}
