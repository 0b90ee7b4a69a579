// Training services: coverage as of a day (joining and leaving groups, several groups, sessions outside the
// programme period, the office's rule), merging duplicates keeping every attendance, and the personal-data limits
// (only the person's organisation subtree and the programme office see a roster).
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import { createProduct } from '../library/library.write.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { coverageRecords, coverageReport, describeRule, getCoverageRule, setCoverageRule, DEFAULT_RULE } from './training.coverage.js';
import {
  createCourse,
  getCourse,
  createPerson,
  updateCourse as updateCourse_,
  createSession,
  findDuplicates,
  getPerson,
  listAttendance,
  listRoster,
  mergePeople,
  recordAttendance,
} from './training.service.js';

let db: Db;
let parent: number, child: number, other: number;
let editorChild: Actor, editorOther: Actor, viewerParent: Actor;
const admin: Actor = { userId: null, name: 'office', role: 'admin', organisationId: null, via: 'api' };
let trainingCourse: number, updateCourse: number, bothCourse: number;

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};
const session = async (courseId: number, startsOn: string, endsOn = startsOn) =>
  (await createSession(db, seedActor, { courseId, startsOn, endsOn, provinceCode: '01', organiserId: parent })).id;
const covered = async (day: string, personId: number, group = 'T2a') =>
  (await coverageRecords(db, day)).find((r) => r.person_id === personId && r.target_group === group);

beforeAll(async () => {
  db = (await testDatabase()).db;
  parent = (await makeOrg(db, { kind: 'ministry' })).id;
  child = (await makeOrg(db, { kind: 'provincial_department', parentId: parent })).id;
  other = (await makeOrg(db, { kind: 'ministry' })).id;
  editorChild = { userId: null, name: 'ed-child', role: 'editor', organisationId: child, via: 'api' };
  editorOther = { userId: null, name: 'ed-other', role: 'editor', organisationId: other, via: 'api' };
  viewerParent = { userId: null, name: 'viewer-parent', role: 'viewer', organisationId: parent, via: 'api' };
  trainingCourse = (
    await createCourse(db, seedActor, {
      title: 'Kỹ năng truyền thông về quyền con người',
      kind: 'training',
      format: 'in_person',
      organisationId: parent,
    })
  ).id;
  updateCourse = (
    await createCourse(db, seedActor, {
      title: 'Cập nhật tình hình quyền con người',
      kind: 'update',
      format: 'online',
      organisationId: parent,
    })
  ).id;
  bothCourse = (
    await createCourse(db, seedActor, { title: 'Tập huấn và cập nhật', kind: 'both', format: 'blended', organisationId: parent })
  ).id;
});

describe('coverage as of a day', () => {
  it('counts a person only while in the group, and only when trained and updated within the programme period', async () => {
    const p = await createPerson(db, editorChild, {
      fullName: 'Nguyễn Thị Thử',
      organisationId: child,
      memberships: [{ targetGroup: 'T2a', validFrom: '2024-01-01', validTo: '2025-12-31' }],
    });
    const t = await session(trainingCourse, '2024-03-10', '2024-03-12');
    const u = await session(updateCourse, '2025-02-01');
    expect(await covered('2023-12-31', p.id)).toBeUndefined(); // not yet in the group
    await recordAttendance(db, seedActor, { sessionId: t, personId: p.id, attended: true, completed: true });
    expect(await covered('2024-06-30', p.id)).toMatchObject({ trainings: 1, updates: 0, covered: false }); // trained, not updated
    await recordAttendance(db, seedActor, { sessionId: u, personId: p.id, attended: true });
    expect((await covered('2024-06-30', p.id))?.covered).toBe(false); // the update came later than the day
    expect((await covered('2025-06-30', p.id))?.covered).toBe(true);
    expect(await covered('2026-01-01', p.id)).toBeUndefined(); // left the group: out of the denominator
  });

  it('needs completion for training (attending only is not enough) and counts a "both" course for both', async () => {
    const p = await createPerson(db, seedActor, {
      fullName: 'Trần Văn Hai',
      organisationId: child,
      memberships: [{ targetGroup: 'T2b', validFrom: '2023-01-01' }],
    });
    const t = await session(trainingCourse, '2024-05-01');
    await recordAttendance(db, seedActor, { sessionId: t, personId: p.id, attended: true, completed: false });
    await recordAttendance(db, seedActor, { sessionId: await session(updateCourse, '2024-05-02'), personId: p.id });
    expect((await covered('2024-12-31', p.id, 'T2b'))?.covered).toBe(false);
    const q = await createPerson(db, seedActor, {
      fullName: 'Lê Thị Ba',
      organisationId: child,
      memberships: [{ targetGroup: 'T2b', validFrom: '2023-01-01' }],
    });
    await recordAttendance(db, seedActor, {
      sessionId: await session(bothCourse, '2024-06-01'),
      personId: q.id,
      attended: true,
      completed: true,
    });
    expect(await covered('2024-12-31', q.id, 'T2b')).toMatchObject({ trainings: 1, updates: 1, covered: true });
  });

  it('ignores sessions outside the programme period, and counts a person in several groups in each', async () => {
    const p = await createPerson(db, seedActor, {
      fullName: 'Phạm Văn Bốn',
      organisationId: child,
      memberships: [
        { targetGroup: 'T2a', validFrom: '2022-01-01' },
        { targetGroup: 'T2c', validFrom: '2022-01-01' },
      ],
    });
    await recordAttendance(db, seedActor, {
      sessionId: await session(bothCourse, '2022-12-30', '2023-01-02'),
      personId: p.id,
      completed: true,
    }); // straddles the start
    await recordAttendance(db, seedActor, { sessionId: await session(bothCourse, '2022-06-01'), personId: p.id, completed: true });
    expect(await covered('2024-01-01', p.id)).toMatchObject({ trainings: 0, covered: false });
    await recordAttendance(db, seedActor, { sessionId: await session(bothCourse, '2023-01-03'), personId: p.id, completed: true });
    expect((await covered('2024-01-01', p.id, 'T2a'))?.covered).toBe(true);
    expect((await covered('2024-01-01', p.id, 'T2c'))?.covered).toBe(true);
  });

  it('follows the rule the programme office sets, and writes the method note from it', async () => {
    expect(await code(setCoverageRule(db, editorChild, DEFAULT_RULE))).toBe('forbidden');
    expect(await code(setCoverageRule(db, admin, { ...DEFAULT_RULE, minTrainings: 0, minUpdates: 0 }))).toBe('validation_failed');
    const p = await createPerson(db, seedActor, {
      fullName: 'Hoàng Thị Năm',
      organisationId: child,
      memberships: [{ targetGroup: 'T2d', validFrom: '2023-01-01' }],
    });
    await recordAttendance(db, seedActor, {
      sessionId: await session(trainingCourse, '2024-09-01'),
      personId: p.id,
      attended: true,
      completed: false,
    });
    expect((await covered('2024-12-31', p.id, 'T2d'))?.covered).toBe(false);
    const r = await setCoverageRule(db, admin, {
      ...DEFAULT_RULE,
      requireCompletion: false,
      minUpdates: 0,
      note: { vi: 'Ghi chú của Văn phòng.', en: 'Office note.' },
    });
    expect(r.methodNote.en).toContain('attended at least 1 training session');
    expect(r.methodNote.en).not.toContain('information update');
    expect(r.methodNote.en).toContain('Office note.');
    expect((await covered('2024-12-31', p.id, 'T2d'))?.covered).toBe(true);
    await setCoverageRule(db, admin, DEFAULT_RULE);
    expect(await getCoverageRule(db)).toEqual(DEFAULT_RULE);
    expect(describeRule(DEFAULT_RULE).vi).toContain('đã hoàn thành ít nhất 1 buổi tập huấn');
  });
});

describe('duplicates and merging', () => {
  it('finds the same name spelt differently and merges keeping every attendance', async () => {
    const a = await createPerson(db, seedActor, {
      fullName: 'Đỗ Minh Sáu',
      organisationId: child,
      memberships: [{ targetGroup: 'T2a', validFrom: '2023-01-01' }],
    });
    const b = await createPerson(db, seedActor, { fullName: 'Minh Sau Do', organisationId: child });
    const s1 = await session(trainingCourse, '2024-04-01'),
      s2 = await session(updateCourse, '2024-04-02'),
      s3 = await session(trainingCourse, '2024-04-03');
    await recordAttendance(db, seedActor, { sessionId: s1, personId: a.id, attended: true, completed: false });
    await recordAttendance(db, seedActor, { sessionId: s1, personId: b.id, attended: true, completed: true, assessment: 80 });
    await recordAttendance(db, seedActor, { sessionId: s2, personId: b.id });
    await recordAttendance(db, seedActor, { sessionId: s3, personId: b.id, attended: true, completed: true });
    const dups = await findDuplicates(db, admin);
    expect(
      dups
        .find((d) => d.people.some((p) => p.id === a.id))
        ?.people.map((p) => p.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    expect(await code(mergePeople(db, editorOther, { keepId: a.id, mergeId: b.id }))).toBe('forbidden');
    const kept = await mergePeople(db, editorChild, { keepId: a.id, mergeId: b.id });
    expect(kept.attendanceCount).toBe(3);
    const s1rows = await listAttendance(db, admin, s1);
    expect(s1rows.filter((r) => r.personId === a.id)).toMatchObject([{ completed: true, assessment: 80 }]);
    expect((await covered('2024-12-31', a.id))?.covered).toBe(true);
    expect((await listRoster(db, admin, { q: 'sau', limit: 50, offset: 0 })).items.map((p) => p.id)).toEqual([a.id]);
    expect(await code(recordAttendance(db, seedActor, { sessionId: s1, personId: b.id }))).toBe('validation_failed');
  });
});

describe('personal-data limits', () => {
  it("shows a roster only to the person's organisation subtree and the programme office", async () => {
    const p = await createPerson(db, editorChild, {
      fullName: 'Vũ Thị Bảy',
      organisationId: child,
      memberships: [{ targetGroup: 'T2a', validFrom: '2023-01-01' }],
    });
    expect(await code(createPerson(db, editorOther, { fullName: 'X', organisationId: child }))).toBe('forbidden');
    expect(await code(getPerson(db, editorOther, p.id))).toBe('forbidden');
    expect((await getPerson(db, viewerParent, p.id)).fullName).toBe('Vũ Thị Bảy'); // above it in the tree
    expect((await getPerson(db, admin, p.id)).fullName).toBe('Vũ Thị Bảy');
    expect((await listRoster(db, editorOther, { limit: 50, offset: 0 })).total).toBe(0);
    expect((await listRoster(db, viewerParent, { q: 'bay', limit: 50, offset: 0 })).items.map((x) => x.id)).toEqual([p.id]);
    const noOrg: Actor = { ...viewerParent, organisationId: null };
    expect((await listRoster(db, noOrg, { limit: 50, offset: 0 })).total).toBe(0);
    const rep = await coverageReport(db, editorOther, { asOf: '2025-01-01', limit: 50, offset: 0 });
    expect(rep.total).toBe(0);
    expect((await coverageReport(db, admin, { asOf: '2025-01-01', limit: 500, offset: 0 })).items.some((r) => r.personId === p.id)).toBe(
      true,
    );
  });

  it("takes only library products as a course's materials, naming the unknown one", async () => {
    const product = await createProduct(db, seedActor, {
      kind: 'infographic',
      organisationId: parent,
      channel: 'website',
      date: '2025-03-01',
      languages: ['vie'],
      audiences: [],
      texts: [{ language: 'vie', title: 'Tờ gấp thử' }],
    });
    const base = { title: 'Khóa có tài liệu', kind: 'training', format: 'online', organisationId: parent } as const;
    const err = await createCourse(db, seedActor, { ...base, materialIds: [product.id, 999_999] }).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details).toEqual([{ field: 'materialIds.1', message: 'no library product 999999' }]);
    const c = await createCourse(db, seedActor, { ...base, materialIds: [product.id] });
    expect(c.materialIds).toEqual([product.id]);
    expect(await code(updateCourse_(db, seedActor, c.id, { ...base, materialIds: [999_998] }))).toBe('validation_failed');
  });

  it("keeps a course's audience groups (each once, in order) and names the entry outside 1–6", async () => {
    const base = { title: 'Khóa cho báo chí', kind: 'training', format: 'in_person', organisationId: parent } as const;
    const err = await createCourse(db, seedActor, { ...base, audiences: [0] }).catch((e: AppError) => e);
    expect((err as AppError).details).toMatchObject([{ field: 'audiences.0' }]);
    const c = await createCourse(db, seedActor, { ...base, audiences: [6, 2, 6] });
    expect(c.audiences).toEqual([2, 6]);
    expect((await updateCourse_(db, seedActor, c.id, { ...base, audiences: [3] })).audiences).toEqual([3]);
    expect((await getCourse(db, c.id)).audiences).toEqual([3]);
  });

  it('keeps only what the purpose needs: no identity number, birth date or address column', async () => {
    const cols = await rows<{ column_name: string }>(
      db,
      sql`select column_name from information_schema.columns where table_name = 'training_people'`,
    );
    expect(cols.map((c) => c.column_name).sort()).toEqual([
      'created_at',
      'full_name',
      'id',
      'is_demo',
      'merged_into_id',
      'name_key',
      'organisation_id',
      'position',
      'updated_at',
    ]);
  });
});
