// T2a–T2d from the indicator facts against the old record-by-record providers (the oracle), on randomised rosters:
// people in several groups who join, leave and come back (overlapping and adjacent memberships), organisations of
// every kind in merged and unmerged provinces and on the pre-2025 map, sessions of training / update / both courses,
// attended or completed or not, inside and outside the rule's window, merged duplicates. Then a series of writes
// through the training services, each followed by a read, so the figures follow the triggers' dirty keys.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { seededRandom } from '../../../../test/random.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { IndicatorScope } from '../../../shared/contracts/indicators.js';
import type { TargetGroup } from '../../../shared/contracts/training.js';
import { rows, type Db } from '../../kernel/db.js';
import { issueCertificate } from './training.certificates.js';
import { DEFAULT_RULE, setCoverageRule } from './training.coverage.js';
import { drillDown } from '../indicators/indicators.service.js';
import { compareWithOracle, overlappingFacts } from '../indicators/indicators.oracle.js';
import { refreshAllFacts } from '../indicators/indicators.facts.js';
import {
  createCourse,
  createPerson,
  createSession,
  mergePeople,
  recordAttendance,
  updateCourse,
  updatePerson,
  updateSession,
} from './training.service.js';

const IDS = ['T2a', 'T2b', 'T2c', 'T2d'] as const;
const GROUPS: TargetGroup[] = [...IDS];

const rnd = seededRandom(20261206).next;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const DAY0 = Date.UTC(2022, 9, 1);
/** A day between October 2022 and the end of 2027. */
const randomDay = () => new Date(DAY0 + Math.floor(rnd() * 1918) * 86_400_000).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

let db: Db;
const orgs: number[] = [];
const courses: Record<'training' | 'update' | 'both', number> = { training: 0, update: 0, both: 0 };
const sessions: { id: number; courseId: number; startsOn: string; endsOn: string; organiserId: number }[] = [];
const people: {
  id: number;
  organisationId: number;
  memberships: { targetGroup: TargetGroup; validFrom: string; validTo: string | null }[];
}[] = [];

const years: IndicatorScope[] = ['2023', '2024', '2025', '2026', '2027'].map((period) => ({ period }));
const SCOPES: IndicatorScope[] = [
  ...years,
  { period: '2025-Q3' },
  { period: '2026-Q1' },
  { period: '2024-06' },
  { period: '2026-11' },
  { period: '2026', map: '34', province: '08' },
  { period: '2025', map: '34', province: '01' },
  { period: '2026', map: '63', province: '02' },
  { period: '2024', map: '63', province: '08' },
];

function memberships(): { targetGroup: TargetGroup; validFrom: string; validTo: string | null }[] {
  const out: { targetGroup: TargetGroup; validFrom: string; validTo: string | null }[] = [];
  const groups = rnd() < 0.15 ? [] : [pick(GROUPS), ...(rnd() < 0.35 ? [pick(GROUPS)] : [])];
  for (const g of groups) {
    const from = randomDay();
    const to = rnd() < 0.45 ? addDays(from, Math.floor(rnd() * 900)) : null;
    out.push({ targetGroup: g, validFrom: from, validTo: to });
    const r = rnd();
    if (to && r < 0.25)
      out.push({ targetGroup: g, validFrom: addDays(to, 1), validTo: null }); // came back the next day
    else if (to && r < 0.45)
      out.push({ targetGroup: g, validFrom: addDays(to, 30 + Math.floor(rnd() * 300)), validTo: rnd() < 0.5 ? null : addDays(to, 400) }); // came back later
    else if (r < 0.55)
      out.push({ targetGroup: g, validFrom: addDays(from, Math.floor(rnd() * 200)), validTo: rnd() < 0.5 ? null : addDays(from, 250) }); // overlapping entry
  }
  return out;
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  const kinds: [string, string | null, string?][] = [
    ['provincial_committee', '01'],
    ['provincial_department', '08'],
    ['provincial_committee', '08'],
    ['press', null],
    ['press', '01'],
    ['socio_political_central', null],
    ['socio_political_provincial', '08'],
    ['ministry', null],
    ['mission_abroad', null, 'FR'],
    ['other', '04'],
  ];
  for (const [kind, provinceCode, countryCode] of kinds)
    orgs.push((await makeOrg(db, { kind: kind as 'other', provinceCode, countryCode })).id);
  // Organisations still placed on the pre-2025 map: Hà Giang (02, merged into Tuyên Quang 08) and Hà Nội (01).
  await db.execute(
    sql`update organisations set province_unit_id = (select id from admin_units where map_version = '63' and code = '02') where id = ${orgs[1]!}`,
  );
  await db.execute(
    sql`update organisations set province_unit_id = (select id from admin_units where map_version = '63' and code = '01') where id = ${orgs[9]!}`,
  );
  for (const kind of ['training', 'update', 'both'] as const)
    courses[kind] = (await createCourse(db, seedActor, { title: `Khóa ${kind}`, kind, format: 'in_person', organisationId: orgs[0]! })).id;
  for (let i = 0; i < 24; i++) {
    const startsOn = randomDay(),
      endsOn = addDays(startsOn, Math.floor(rnd() * 4));
    const courseId = courses[pick(['training', 'update', 'both'] as const)];
    const abroad = rnd() < 0.15;
    const s = await createSession(db, seedActor, {
      courseId,
      startsOn,
      endsOn,
      organiserId: orgs[0]!,
      ...(abroad ? { countryCode: 'FR' } : { provinceCode: '01' }),
    });
    sessions.push({ id: s.id, courseId, startsOn, endsOn, organiserId: orgs[0]! });
  }
  for (let i = 0; i < 110; i++) {
    const organisationId = pick(orgs),
      ms = memberships();
    const p = await createPerson(db, seedActor, {
      fullName: `Người thử ${i}`,
      position: rnd() < 0.8 ? 'Chuyên viên' : null,
      organisationId,
      memberships: ms,
    });
    people.push({ id: p.id, organisationId, memberships: ms });
  }
  for (const p of people) {
    const n = Math.floor(rnd() * 5);
    for (let k = 0; k < n; k++) {
      const s = pick(sessions),
        attended = rnd() < 0.85;
      await recordAttendance(
        db,
        seedActor,
        { sessionId: s.id, personId: p.id, attended, completed: attended && rnd() < 0.7 },
        { audit: false },
      );
    }
  }
  // Merged duplicates: the second of each pair moves into the first.
  for (let i = 0; i < 4; i++) await mergePeople(db, seedActor, { keepId: people[i * 2]!.id, mergeId: people[i * 2 + 1]!.id });
});

const oracle = (scopes: IndicatorScope[]) => compareWithOracle(db, [...IDS], scopes);
const overlaps = async () =>
  (
    await Promise.all(IDS.map((id) => overlappingFacts(db, id, ['2023-01-01', '2024-06-30', '2025-07-01', '2026-12-31', '2027-12-31'])))
  ).flat();

describe('T2 facts', () => {
  it('give what the providers give for every scope, from the first build', async () => {
    expect(await oracle([...SCOPES, { period: '2026', orgKind: 'press' }, { period: '2025', organisationId: orgs[2]! }])).toEqual([]);
    expect(await overlaps()).toEqual([]);
    // A person counts in each of their groups; the roster changes with the days (not everyone is on it every year).
    const [n] = await rows<{ groups: number; people: number }>(
      db,
      sql`select count(distinct ind)::int as groups, count(distinct rec_id)::int as people from indicator_facts where ind like 'T2%'`,
    );
    expect(n).toMatchObject({ groups: 4 });
    expect(Number(n!.people)).toBeGreaterThan(50);
  });

  it('name people by number and position in the drill-down, with the sessions that count as of the last day', async () => {
    const d = await drillDown(db, 'T2a', { period: '2027', part: 'denominator', limit: 500 });
    const o = await drillDown(db, 'T2a', { period: '2027', part: 'denominator', limit: 500 }, { oracle: true });
    const text = (r: (typeof d.records)[number]) =>
      `${r.id}|${r.label}|${r.detail?.vi}|${r.detail?.en}|${r.href}|${r.organisationName}|${r.province}|${r.counts}`;
    expect(d.records.map(text)).toEqual(o.records.map(text));
    expect(d.records.length).toBeGreaterThan(0);
  });

  it('follow each write through the training services', async () => {
    const steps: [string, () => Promise<unknown>][] = [
      [
        'a new person on two rosters',
        () =>
          createPerson(db, seedActor, {
            fullName: 'Người mới',
            organisationId: orgs[3]!,
            memberships: [
              { targetGroup: 'T2c', validFrom: '2024-02-01' },
              { targetGroup: 'T2a', validFrom: '2023-05-01', validTo: '2026-03-31' },
            ],
          }),
      ],
      [
        'an attendance recorded',
        () => recordAttendance(db, seedActor, { sessionId: sessions[0]!.id, personId: people[10]!.id, attended: true, completed: true }),
      ],
      [
        'an attendance corrected (not completed)',
        async () => {
          const [a] = await rows<{ session_id: number; person_id: number }>(
            db,
            sql`select session_id, person_id from training_attendance where completed order by id limit 1`,
          );
          return recordAttendance(db, seedActor, {
            sessionId: Number(a!.session_id),
            personId: Number(a!.person_id),
            attended: true,
            completed: false,
          });
        },
      ],
      [
        'a certificate issued (no change)',
        async () => {
          const [a] = await rows<{ id: number }>(db, sql`select id from training_attendance where completed order by id limit 1`);
          return issueCertificate(db, seedActor, Number(a!.id), 'https://example.org/verify');
        },
      ],
      [
        'a person moved to another organisation and off a roster',
        () =>
          updatePerson(db, seedActor, people[12]!.id, {
            fullName: 'Người thử 12',
            organisationId: orgs[7]!,
            memberships: people[12]!.memberships.slice(1),
          }),
      ],
      [
        'a person joining a roster',
        () =>
          updatePerson(db, seedActor, people[20]!.id, {
            fullName: 'Người thử 20',
            organisationId: people[20]!.organisationId,
            memberships: [...people[20]!.memberships, { targetGroup: 'T2d', validFrom: '2025-01-01', validTo: null }],
          }),
      ],
      [
        'a session moved out of the window',
        () =>
          updateSession(db, seedActor, sessions[1]!.id, {
            courseId: sessions[1]!.courseId,
            startsOn: '2022-12-30',
            endsOn: '2023-01-02',
            provinceCode: '01',
            organiserId: orgs[0]!,
          }),
      ],
      [
        'a session moved later',
        () =>
          updateSession(db, seedActor, sessions[2]!.id, {
            courseId: sessions[2]!.courseId,
            startsOn: '2027-03-01',
            endsOn: '2027-03-02',
            provinceCode: '01',
            organiserId: orgs[0]!,
          }),
      ],
      [
        'a course becoming an information update',
        () =>
          updateCourse(db, seedActor, courses.training, {
            title: 'Khóa training',
            kind: 'update',
            format: 'in_person',
            organisationId: orgs[0]!,
          }),
      ],
      ['two people merged', () => mergePeople(db, seedActor, { keepId: people[30]!.id, mergeId: people[31]!.id })],
      [
        'the rule: two trainings attended, no update, a narrower window',
        () =>
          setCoverageRule(db, seedActor, {
            ...DEFAULT_RULE,
            minTrainings: 2,
            requireCompletion: false,
            minUpdates: 0,
            windowFrom: '2023-06-01',
            windowTo: '2026-06-30',
          }),
      ],
      ['the rule: one update, no training', () => setCoverageRule(db, seedActor, { ...DEFAULT_RULE, minTrainings: 0, minUpdates: 1 })],
      [
        'the rule: one completed training and two updates',
        () => setCoverageRule(db, seedActor, { ...DEFAULT_RULE, minTrainings: 1, requireCompletion: true, minUpdates: 2 }),
      ],
    ];
    for (const [what, write] of steps) {
      await write();
      // Every figure, breakdown and drill-down of 2026; the figures and breakdowns of a quarter on the old map.
      const diff = [
        ...(await oracle([{ period: '2026' }])),
        ...(await compareWithOracle(db, [...IDS], [{ period: '2025-Q3', map: '63', province: '02' }], { drill: false })),
      ];
      expect({ what, diff }).toEqual({ what, diff: [] });
    }
    expect(await oracle(SCOPES)).toEqual([]);
    expect(await overlaps()).toEqual([]);
  });

  it('give the same facts when rebuilt from nothing', async () => {
    const before = await rows<{ f: string }>(
      db,
      sql`select ind || rec_id || d_from || coalesce(d_to::text, '') || counts || org_id as f from indicator_facts where ind like 'T2%' order by 1`,
    );
    await refreshAllFacts(db, ['training']);
    const after = await rows<{ f: string }>(
      db,
      sql`select ind || rec_id || d_from || coalesce(d_to::text, '') || counts || org_id as f from indicator_facts where ind like 'T2%' order by 1`,
    );
    expect(after).toEqual(before);
  });
});
