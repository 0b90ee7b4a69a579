// Helpers of the programme cycle's tests: records that make an organisation expected to report (a rostered person on
// T2a from a day, optionally trained at a session ending that day), and a signed-in session per role.
import { systemActor } from '../src/server/kernel/audit.js';
import type { Db } from '../src/server/kernel/db.js';
import { createCourse, createPerson, createSession, recordAttendance } from '../src/server/modules/training/training.service.js';

const seed = systemActor('seed', 'test');
let course: number | null = null;
let n = 0;

/** A person on org's T2a roster from `day` (a record dated in the period); `trained`: also trained (counts) that day. */
export async function rosterRecord(db: Db, organisationId: number, day: string, trained = false): Promise<number> {
  n++;
  const person = await createPerson(db, seed, {
    fullName: `Cán bộ thử ${n}`,
    position: 'Chuyên viên',
    organisationId,
    memberships: [{ targetGroup: 'T2a', validFrom: day }],
  });
  if (trained) {
    course ??= (await createCourse(db, seed, { title: 'Tập huấn quyền con người', kind: 'both', format: 'in_person', organisationId })).id;
    const s = await createSession(db, seed, {
      courseId: course,
      startsOn: day,
      endsOn: day,
      provinceCode: '01',
      organiserId: organisationId,
    });
    await recordAttendance(db, seed, { sessionId: s.id, personId: person.id, attended: true, completed: true });
  }
  return person.id;
}
