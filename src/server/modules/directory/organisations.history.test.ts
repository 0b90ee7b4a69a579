// Organisations before 1 July 2025: a former agency carries its province on the 63-unit map (the map of its dates),
// a current one is refused a former code naming the field, and T1 counts each period with the agencies of that
// period, placed on both maps (the 63-unit map directly, the 34-unit map through the crosswalk).
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Organisation } from '../../../shared/contracts/directory.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { compareWithOracle } from '../indicators/indicators.oracle.js';
import { getDashboard } from '../indicators/indicators.service.js';
import { computeT1 } from '../press/press.compliance.js';
import { getOrganisation, listOrganisations, setOrganisationActive, updateOrganisation } from './organisations.service.js';

let db: Db;
let former: Organisation, successor: Organisation;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

async function t1(period: string, map: '63' | '34') {
  const d = await getDashboard(db, { period, map }, { only: ['T1'] });
  return d.figures[0]!;
}
const row = (f: Awaited<ReturnType<typeof t1>>, key: string) => f.breakdowns.province?.find((r) => r.key === key);

beforeAll(async () => {
  db = (await testDatabase()).db;
  // Sở of Hà Giang (63-unit code 02) until the merger, then the Sở of Tuyên Quang (34-unit code 08, formed from 02 and 08).
  const agency = (code: string, nameVi: string, provinceCode: string, dates: object) =>
    makeOrg(db, { code, nameVi, kind: 'provincial_department', provinceCode, isStateAdminAgency: true, ...dates });
  successor = await agency('SO-TQ-2025', 'Sở Văn hóa, Thể thao và Du lịch tỉnh Tuyên Quang', '08', { validFrom: '2025-07-01' });
  former = await agency('SO-HG-2020', 'Sở Thông tin và Truyền thông tỉnh Hà Giang', '02', {
    validFrom: '2020-01-01',
    validTo: '2025-06-30',
  });
  // Deactivated with its successor (the last day becomes today), then given its real last day back.
  await setOrganisationActive(db, seedActor, former.id, false, successor.id);
  const { code, nameVi, kind } = former;
  former = await updateOrganisation(db, seedActor, former.id, {
    code,
    nameVi,
    kind,
    provinceCode: '02',
    isStateAdminAgency: true,
    validTo: '2025-06-30',
  });
});

describe('a former agency on the 63-unit map', () => {
  it('keeps its 63-unit province, and is no longer active', () => {
    expect(former).toMatchObject({ provinceCode: '02', provinceName: 'Hà Giang', provinceMap: '63', validTo: '2025-06-30', active: false });
    expect(successor).toMatchObject({ provinceCode: '08', provinceMap: '34', active: true });
  });

  it('refuses a former code for a current organisation, naming the field and the unit it became', async () => {
    const e = await refusal(makeOrg(db, { nameVi: 'Sở mới', kind: 'provincial_department', provinceCode: '02' }));
    expect(e.details).toEqual([expect.objectContaining({ field: 'provinceCode', message: expect.stringContaining('08') })]);
    // Nor when the organisation's dates reach past the merger.
    const late = await refusal(makeOrg(db, { nameVi: 'Sở cũ', kind: 'provincial_department', provinceCode: '02', validTo: '2025-07-01' }));
    expect(late.details).toEqual([expect.objectContaining({ field: 'provinceCode' })]);
  });

  it('refuses a code that is not on the 63-unit map for a former agency, and dates out of order', async () => {
    const e = await refusal(makeOrg(db, { nameVi: 'Sở cũ', kind: 'provincial_department', provinceCode: '99', validTo: '2024-12-31' }));
    expect(e.details).toEqual([expect.objectContaining({ field: 'provinceCode', message: expect.stringContaining('63-unit') })]);
    const d = await refusal(makeOrg(db, { nameVi: 'Sở cũ', kind: 'other', validFrom: '2025-01-01', validTo: '2024-12-31' }));
    expect(d.details).toEqual([expect.objectContaining({ field: 'validTo' })]);
  });
});

describe('T1 counts the agencies of each period', () => {
  it('2024 counts the former agency (not its successor), in its 63-unit province and in its 34-unit province', async () => {
    const rows = (await computeT1(db, { period: '2024' })).rows;
    expect(rows.find((r) => r.organisationId === former.id)).toMatchObject({ provinceCode: '02', provinceMap: '63' });
    expect(rows.some((r) => r.organisationId === successor.id)).toBe(false);
    const on63 = await t1('2024', '63');
    expect(row(on63, '02')).toMatchObject({ denominator: 1 });
    expect(row(on63, '02')!.attributed).toBeFalsy();
    expect(row(on63, '08')?.denominator ?? 0).toBe(0);
    expect(row(await t1('2024', '34'), '08')).toMatchObject({ denominator: 1 });
  });

  it('2026 counts the successor, not the former agency', async () => {
    const rows = (await computeT1(db, { period: '2026' })).rows;
    expect(rows.some((r) => r.organisationId === former.id)).toBe(false);
    expect(rows.find((r) => r.organisationId === successor.id)).toMatchObject({ provinceCode: '08', provinceMap: '34' });
    expect(row(await t1('2026', '34'), '08')).toMatchObject({ denominator: 1 });
    // On the 63-unit map the successor counts for each former unit of its province, marked attributed.
    expect(row(await t1('2026', '63'), '02')).toMatchObject({ denominator: 1, attributed: true });
  });

  it('the facts agree with the record-by-record oracle on both maps', async () => {
    const scopes = ['2024', '2025', '2026'].flatMap((period) => (['63', '34'] as const).map((map) => ({ period, map })));
    expect(await compareWithOracle(db, ['T1'], scopes)).toEqual([]);
  });
});

describe('the kind of succession', () => {
  it('is kept with the successor, merged_into when a deactivation names one', async () => {
    expect(former).toMatchObject({ successorId: successor.id, successionKind: 'merged_into' });
    const renamed = await makeOrg(db, {
      nameVi: 'Bộ Thông tin và Truyền thông',
      kind: 'ministry',
      validTo: '2025-02-28',
      successorId: successor.id,
      successionKind: 'renamed',
    });
    expect(renamed).toMatchObject({ successorId: successor.id, successionKind: 'renamed', active: false });
  });

  it("is shown on the successor's page among its predecessors", async () => {
    const page = await getOrganisation(db, successor.id);
    expect(page.predecessors).toEqual(
      expect.arrayContaining([
        { id: former.id, code: former.code, nameVi: former.nameVi, successionKind: 'merged_into', validTo: '2025-06-30' },
      ]),
    );
  });

  it('is refused without a successor, and a successor without its kind or a last day, naming the field', async () => {
    const fields = async (input: object) =>
      ((await refusal(makeOrg(db, { nameVi: 'Tổ chức cũ', kind: 'other', ...input }))).details as { field: string }[]).map((d) => d.field);
    expect(await fields({ validTo: '2024-01-31', successionKind: 'renamed' })).toEqual(['successionKind']);
    expect(await fields({ validTo: '2024-01-31', successorId: successor.id })).toEqual(['successionKind']);
    expect(await fields({ successorId: successor.id, successionKind: 'split_from' })).toEqual(['validTo']);
    expect(await fields({ validTo: '2024-01-31', successorId: 99_999_999, successionKind: 'merged_into' })).toEqual(['successorId']);
  });

  it('never goes round in a circle', async () => {
    const { code, nameVi, kind } = successor;
    const e = await refusal(
      updateOrganisation(db, seedActor, successor.id, {
        code,
        nameVi,
        kind,
        validTo: '2030-12-31',
        successorId: former.id,
        successionKind: 'renamed',
      }),
    );
    expect(e.details).toEqual([expect.objectContaining({ field: 'successorId' })]);
  });
});

describe('former names', () => {
  const search = async (q: string) =>
    (await listOrganisations(db, { q, limit: 100, offset: 0, includeInactive: 'true' })).items.map((o) => o.code);

  it("find the organisation a ministry was merged into or renamed to, and follow the predecessor's writes", async () => {
    const interior = await makeOrg(db, { code: 'BNV', nameVi: 'Bộ Nội vụ', kind: 'ministry' });
    const labour = await makeOrg(db, {
      code: 'BLDTBXH',
      nameVi: 'Bộ Lao động - Thương binh và Xã hội',
      kind: 'ministry',
      validTo: '2025-02-28',
      successorId: interior.id,
      successionKind: 'merged_into',
    });
    // Without diacritics, the current ministry is found by its predecessor's name (and the predecessor itself).
    expect(await search('thuong binh va xa hoi')).toEqual(expect.arrayContaining(['BNV', 'BLDTBXH']));
    expect((await listOrganisations(db, { q: 'thuong binh va xa hoi', limit: 100, offset: 0 })).items.map((o) => o.code)).toEqual(['BNV']);
    // The predecessor renamed: the new name finds the successor, the old one no longer does.
    const { code, kind, validTo } = labour;
    await updateOrganisation(db, seedActor, labour.id, { code, kind, validTo, nameVi: 'Bộ Lao động cũ' });
    expect(await search('thuong binh')).not.toContain('BNV');
    expect(await search('lao dong cu')).toContain('BNV');
    // Back in service (no successor any more): the successor no longer carries its name.
    await setOrganisationActive(db, seedActor, labour.id, true);
    expect(await search('lao dong cu')).toEqual(['BLDTBXH']);
  });
});
