// T2a–T2d through the indicator registry: the roster on the period's last day is the denominator, covered people
// the numerator; breakdowns by province and organisation kind; drill-down to covered and not-yet people (by number,
// names stay on the training pages); a new attendance changes the figure at once.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { FigureRow } from '../../../shared/contracts/indicators.js';
import type { Db } from '../../kernel/db.js';
import { drillDown, getDashboard } from '../indicators/indicators.service.js';
import { createCourse, createPerson, createSession, recordAttendance } from './training.service.js';

let db: Db;
const id: Record<string, number> = {};
let hn: number, tq: number, socio: number, both: number, sTwo: number;

beforeAll(async () => {
  db = (await testDatabase()).db;
  hn = (await makeOrg(db, { kind: 'provincial_committee', provinceCode: '01' })).id;
  tq = (await makeOrg(db, { kind: 'provincial_department', provinceCode: '08' })).id;
  socio = (await makeOrg(db, { kind: 'socio_political_central' })).id;
  both = (await createCourse(db, seedActor, { title: 'Tập huấn và cập nhật', kind: 'both', format: 'in_person', organisationId: hn })).id;
  const s1 = (
    await createSession(db, seedActor, {
      courseId: both,
      startsOn: '2025-03-01',
      endsOn: '2025-03-02',
      provinceCode: '01',
      organiserId: hn,
    })
  ).id;
  sTwo = (
    await createSession(db, seedActor, {
      courseId: both,
      startsOn: '2026-03-01',
      endsOn: '2026-03-02',
      provinceCode: '01',
      organiserId: hn,
    })
  ).id;
  const person = async (key: string, org: number, group: string, from = '2023-01-01', to: string | null = null) =>
    (id[key] = (
      await createPerson(db, seedActor, {
        fullName: `Người ${key}`,
        position: 'Chuyên viên',
        organisationId: org,
        memberships: [{ targetGroup: group, validFrom: from, validTo: to }],
      })
    ).id);
  await person('a1', hn, 'T2a');
  await person('a2', hn, 'T2a');
  await person('a3', tq, 'T2a');
  await person('a4', tq, 'T2a', '2023-01-01', '2025-06-30');
  await person('d1', socio, 'T2d');
  await person('d2', socio, 'T2d');
  for (const k of ['a1', 'a3', 'a4', 'd1'])
    await recordAttendance(db, seedActor, { sessionId: s1, personId: id[k]!, attended: true, completed: true });
});

const fig = async (indicator: string, scope: Record<string, unknown>) =>
  (await getDashboard(db, scope)).figures.find((f) => f.id === indicator)!;
const row = (f: Awaited<ReturnType<typeof fig>>, b: string, key: string) =>
  (f.breakdowns as Record<string, FigureRow[]>)[b]!.find((r) => r.key === key);

describe('T2 coverage as indicators', () => {
  it('divides the covered by the roster on the last day of the period', async () => {
    expect(await fig('T2a', { period: '2024' })).toMatchObject({ numerator: 0, denominator: 4 });
    expect(await fig('T2a', { period: '2025' })).toMatchObject({ numerator: 2, denominator: 3 }); // a4 left on 30 June 2025
    expect(await fig('T2d', { period: '2025' })).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    expect(await fig('T2b', { period: '2025' })).toMatchObject({ denominator: 0 });
  });

  it('breaks down by province and organisation kind', async () => {
    const f = await fig('T2a', { period: '2025' });
    expect(row(f, 'province', '01')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(row(f, 'province', '08')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(row(f, 'orgKind', 'provincial_department')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(await fig('T2a', { period: '2025', province: '01' })).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('drills down to covered and not-yet people without their names', async () => {
    const gap = await drillDown(db, 'T2a', { period: '2025', part: 'gap' });
    expect(gap.records.map((r) => r.id)).toEqual([id.a2]);
    expect(gap.records[0]).toMatchObject({
      type: 'training_person',
      label: `#${id.a2}`,
      href: `/training/coverage?group=T2a&person=${id.a2}&asOf=2025-12-31`,
    });
    expect(gap.records[0]!.detail!.en).toBe('Not yet covered: 0 training sessions, 0 information updates');
    const num = await drillDown(db, 'T2a', { period: '2025', part: 'numerator' });
    expect(num.records.map((r) => r.id).sort()).toEqual([id.a1, id.a3].sort());
    expect(JSON.stringify(num)).not.toContain('Người a1');
    expect(JSON.stringify([gap, num])).not.toContain('Chuyên viên');
  });

  it('changes as soon as an attendance is recorded', async () => {
    expect(await fig('T2a', { period: '2026' })).toMatchObject({ numerator: 2, denominator: 3 });
    await recordAttendance(db, seedActor, { sessionId: sTwo, personId: id.a2!, attended: true, completed: true });
    expect(await fig('T2a', { period: '2026' })).toMatchObject({ numerator: 3, denominator: 3, value: 1 });
  });
});
