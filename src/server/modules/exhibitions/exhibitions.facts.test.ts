// T3 from the indicator facts against the old record-by-record provider (the oracle), on randomised exhibitions:
// venues in pre-2025 units before and after the 2025 merger (merged provinces with a chosen former unit), several
// organisers of every kind (co-organisers not the lead), abroad, online, exhibitions running into 2023 from before;
// then writes through the services (new exhibitions, organisers added and removed, venues moved between units, dates
// moved, a venue moved abroad), each followed by a read (the dirty-key path). Co-organisers are confirmed, pending or
// declined (only confirmed ones count): some set at random, others named by an editor of another organisation and
// then confirmed or declined by the co-organiser's own editor through the service.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { seededRandom } from '../../../../test/random.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { IndicatorScope } from '../../../shared/contracts/indicators.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { refreshAllFacts } from '../indicators/indicators.facts.js';
import { compareWithOracle, overlappingFacts } from '../indicators/indicators.oracle.js';
import { createExhibition, decideCoOrganiser, getExhibition, updateExhibition } from './exhibitions.service.js';

const admin: Actor = { ...seedActor, role: 'admin', via: 'api' };
const editorOf = async (organisationId: number): Promise<Actor> => {
  const u = await makeUser(db, 'editor', organisationId);
  return { userId: u.id, name: u.username, role: 'editor', organisationId, via: 'api' };
};

let db: Db;
const r = seededRandom(20230101);
const orgIds: number[] = [];
/** Pre-2025 units used (a few, so units get several exhibitions), with their province on the 34-unit map. */
let units: { old: string; new: string }[] = [];

const plus = (d: string, days: number) => new Date(Date.parse(d) + days * 86_400_000).toISOString().slice(0, 10);

/** A venue for an exhibition starting on `start`: in Viet Nam on the map of that day (with the pre-2025 unit), abroad, or none (online). */
function venue(start: string, where: 'vietnam' | 'abroad' | 'online', unit = r.pick(units)) {
  if (where === 'online') return { format: 'online', venue: null };
  if (where === 'abroad')
    return {
      format: r.pick(['physical', 'both']),
      venue: { location: 'abroad', name: 'Trung tâm văn hoá', countryCode: r.pick(['FR', 'CH', 'JP']), city: 'Thành phố' },
    };
  const v = start < '2025-07-01' ? { provinceCode: unit.old } : { provinceCode: unit.new, formerProvinceCode: unit.old };
  return { format: r.pick(['physical', 'both']), venue: { location: 'vietnam', name: 'Nhà văn hoá', ...v } };
}

function input(n: number, p: { start?: string; where?: 'vietnam' | 'abroad' | 'online'; organisers?: number[] } = {}) {
  const start = p.start ?? r.day('2022-10-01', '2027-11-30');
  const roll = r.next();
  const where = p.where ?? (roll < 0.75 ? 'vietnam' : roll < 0.87 ? 'abroad' : 'online');
  const organisers = p.organisers ?? [...new Set(Array.from({ length: 1 + Math.floor(r.next() * 3) }, () => r.pick(orgIds)))];
  return {
    texts: [
      { language: 'vie', title: `Triển lãm thử ${n}` },
      ...(r.next() < 0.5 ? [{ language: 'eng', title: `Test exhibition ${n}` }] : []),
    ],
    kind: r.pick(['photographs', 'archival_documents', 'both']),
    organiserIds: organisers,
    startDate: start,
    endDate: plus(start, Math.floor(r.next() * 90)),
    audiences: [2],
    captionLanguages: ['vie'],
    ...venue(start, where),
  };
}

/** An exhibition's own input again, with changes. */
async function edit(id: number, change: (i: Record<string, unknown>) => void) {
  const e = await getExhibition(db, id);
  const i: Record<string, unknown> = {
    texts: e.texts.map((t) => ({ language: t.language, title: t.title })),
    kind: e.kind,
    format: e.format,
    organiserIds: e.organisers.map((o) => o.id),
    startDate: e.startDate,
    endDate: e.endDate,
    audiences: e.audiences,
    captionLanguages: e.captionLanguages,
    venue: e.venue
      ? e.venue.location === 'abroad'
        ? { location: 'abroad', name: e.venue.name, countryCode: e.venue.countryCode, city: e.venue.city }
        : { location: 'vietnam', name: e.venue.name, provinceCode: e.venue.provinceCode, formerProvinceCode: e.venue.formerProvinceCode }
      : null,
  };
  change(i);
  return updateExhibition(db, admin, id, i);
}

const check = async (scopes: Record<string, unknown>[]) =>
  expect(await compareWithOracle(db, ['T3'], scopes as IndicatorScope[])).toEqual([]);
const DAYS = ['2023-01-01', '2023-06-30', '2024-12-31', '2025-07-01', '2026-03-31', '2027-12-31'];

beforeAll(async () => {
  db = (await testDatabase()).db;
  const kinds = [
    'provincial_department',
    'provincial_committee',
    'press',
    'central_agency',
    'ministry',
    'socio_political_central',
    'mission_abroad',
  ] as const;
  const provinces = ['01', '08', '79', '48', null, null, null];
  for (let i = 0; i < kinds.length; i++) {
    orgIds.push(
      (
        await makeOrg(db, {
          nameVi: `Đơn vị tổ chức thử ${i + 1}`,
          nameEn: i % 2 ? `Test organiser ${i + 1}` : null,
          kind: kinds[i]!,
          provinceCode: provinces[i],
          ...(kinds[i] === 'mission_abroad' ? { countryCode: 'FR' } : {}),
        })
      ).id,
    );
  }
  const cw = await rows<{ old: string; new: string }>(
    db,
    sql`select o.code as old, n.code as new from admin_unit_crosswalk c
    join admin_units o on o.id = c.old_unit_id join admin_units n on n.id = c.new_unit_id order by o.code`,
  );
  // Hà Nội, Hà Giang and Tuyên Quang (merged), the three former units of Hồ Chí Minh City, Đà Nẵng and Quảng Nam, Cao Bằng.
  units = cw.filter((c) => ['01', '02', '08', '74', '77', '79', '48', '49', '04'].includes(c.old));
  expect(units.length).toBe(9);
  for (let i = 0; i < 45; i++) await createExhibition(db, admin, input(i + 1));
  // One running from 2022 into 2023.
  await createExhibition(db, admin, input(99, { start: '2022-12-20', where: 'vietnam', organisers: [orgIds[2]!, orgIds[3]!] }));
  // About a third of the co-organisers wait for their organisation's confirmation, a sixth declined it.
  const co = await rows<{ e: number; p: number }>(
    db,
    sql`select exhibition_id as e, position as p from exhibition_organisers where position > 0 order by 1, 2`,
  );
  for (const c of co) {
    const x = r.next();
    if (x < 0.5)
      await db.execute(
        sql`update exhibition_organisers set confirmation = ${x < 0.33 ? 'pending' : 'declined'} where exhibition_id = ${c.e} and position = ${c.p}`,
      );
  }
}, 300_000);

describe('exhibition facts against the oracle', () => {
  it('give every figure, trend, breakdown row and drill-down the provider gives', async () => {
    await check([
      { period: '2023' },
      { period: '2025', map: '63' },
      { period: '2026-Q2' },
      { period: '2024-03' },
      { period: '2027' },
      { period: '2026', map: '63', province: '02' },
      { period: '2026', map: '63', province: '79' },
      { period: '2026', map: '34', province: '08' },
      { period: '2025', orgKind: 'press' },
      { period: '2026', organisationId: orgIds[3] },
      { period: '2027', map: '63', organisationId: orgIds[0] },
    ]);
    expect(await overlappingFacts(db, 'T3', DAYS)).toEqual([]);
  }, 300_000);

  it('stay exact after each write through the services', async () => {
    const ids = (await rows<{ id: number }>(db, sql`select id from exhibitions where location = 'vietnam' order by start_date, id`)).map(
      (x) => Number(x.id),
    );
    // A new exhibition in a unit not yet covered, with a co-organiser.
    const fresh = await createExhibition(
      db,
      admin,
      input(100, { start: '2024-05-01', where: 'vietnam', organisers: [orgIds[1]!, orgIds[4]!] }),
    );
    await edit(fresh.id, (i) => {
      i.venue = { location: 'vietnam', name: 'Nhà hát', provinceCode: '11' };
    });
    await check([
      { period: '2024', map: '63' },
      { period: '2026', orgKind: 'ministry' },
    ]);
    // The first exhibition of a unit gets another co-organiser, then loses its lead.
    const first = ids[0]!;
    await edit(first, (i) => {
      i.organiserIds = [...(i.organiserIds as number[]), orgIds[6]!].filter((x, k, a) => a.indexOf(x) === k);
    });
    await check([{ period: '2025' }, { period: '2026', organisationId: orgIds[6] }]);
    await edit(first, (i) => {
      i.organiserIds = (i.organiserIds as number[]).length > 1 ? (i.organiserIds as number[]).slice(1) : [orgIds[5]!];
    });
    await check([{ period: '2025', orgKind: 'socio_political_central' }, { period: '2027' }]);
    // An exhibition moves to another unit (both units change), then to a later date, then abroad.
    const mover = ids[Math.floor(ids.length / 2)]!;
    const e = await getExhibition(db, mover);
    const other = units.find((u) => u.old !== e.venue!.formerProvinceCode)!;
    await edit(mover, (i) => {
      i.venue = venue(String(i.startDate), 'vietnam', other).venue;
    });
    await check([{ period: '2026', map: '63' }, { period: '2025-Q4' }]);
    await edit(mover, (i) => {
      i.startDate = '2027-03-01';
      i.endDate = '2027-03-02';
      i.venue = venue('2027-03-01', 'vietnam', other).venue;
    });
    await check([{ period: '2026' }, { period: '2027-03' }]);
    await edit(mover, (i) => {
      i.venue = venue('2027-03-01', 'abroad').venue;
    });
    await check([{ period: '2027' }, { period: '2027', map: '34', province: other.new }]);
    // A co-organiser named by another organisation's editor: pending (counts nowhere), confirmed by its own editor
    // (counts), then declined (counts no more). The unit is one no other exhibition covers in 2027.
    const lead = await editorOf(orgIds[0]!),
      co = await editorOf(orgIds[6]!);
    const named = await createExhibition(
      db,
      lead,
      input(101, { start: '2027-06-01', where: 'vietnam', organisers: [orgIds[0]!, orgIds[6]!] }),
    );
    expect(named.organisers.map((o) => o.confirmation)).toEqual(['confirmed', 'pending']);
    await check([{ period: '2027' }, { period: '2027', organisationId: orgIds[6] }, { period: '2027-06', map: '63' }]);
    await decideCoOrganiser(db, co, named.id, orgIds[6]!, 'confirmed');
    await check([{ period: '2027' }, { period: '2027', organisationId: orgIds[6] }, { period: '2027-06', map: '63' }]);
    await decideCoOrganiser(db, co, named.id, orgIds[6]!, 'declined');
    await check([{ period: '2027' }, { period: '2027', organisationId: orgIds[6] }, { period: '2027-06', map: '63' }]);
    expect(await overlappingFacts(db, 'T3', DAYS)).toEqual([]);
  }, 600_000);

  it('rebuild to the same facts from scratch', async () => {
    const snapshot = async () =>
      (
        await rows<{ s: string }>(
          db,
          sql`select src || '|' || rec_id || '|' || d_from || '|' || coalesce(d_to::text, '') || '|' || counts
      || '|' || coalesce(org_id, 0) || '|' || array_to_string(org_ids, ',') || '|' || array_to_string(dims, ',') || '|' || sort_key as s
      from indicator_facts where ind = 'T3' order by 1`,
        )
      ).map((x) => x.s);
    const before = await snapshot();
    await refreshAllFacts(db, ['exhibitions']);
    expect(await snapshot()).toEqual(before);
    expect(before.length).toBeGreaterThan(63);
  }, 120_000);
});
