// T1's indicator facts against the old record-by-record computation (the provider over computeT1, the oracle) on
// randomised press data: agencies in several provinces (merged ones too) and kinds, some not state administrative
// agencies, included or excluded by the settings, created or deactivated mid-period with successors (chains, and a
// cycle), spokespersons appointed and ended mid-period, items on time, late, beyond the grace days, draft, scheduled,
// withdrawn and corrected, some at the Vietnamese midnight of a period's end. Then a series of writes through the
// press and directory services (and plain SQL), each followed by a read, so the facts of the dirty agencies are
// rewritten (not the whole source) and must still agree.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { seededRandom } from '../../../../test/random.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { OrgKind } from '../../../shared/contracts/directory.js';
import type { IndicatorScope } from '../../../shared/contracts/indicators.js';
import type { T1Result } from '../../../shared/contracts/press.js';
import { recordAudit } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { setOrganisationActive, updateOrganisation, getOrganisation } from '../directory/organisations.service.js';
import { refreshAllFacts, syncFacts } from '../indicators/indicators.facts.js';
import { compareWithOracle, overlappingFacts } from '../indicators/indicators.oracle.js';
import { drillDown } from '../indicators/indicators.service.js';
import {
  correctPressItem,
  createPressItem,
  publishPressItem,
  schedulePressItem,
  updatePressItem,
  withdrawPressItem,
} from './press.service.js';
import { updateReportingSettings } from './press.settings.js';
import { computeT1, computeT1FromRecords } from './press.compliance.js';
import { createSpokesperson, endSpokesperson, updateSpokesperson } from './spokespersons.service.js';

const SEED = Number(process.env.TEST_SEED ?? 20260515);
const NOW = new Date('2030-01-01T00:00:00Z');
const rand = seededRandom(SEED).next;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chance = (p: number) => rand() < p;
const DAY = 86_400_000;
const START = Date.parse('2023-01-01T00:00:00+07:00');
const END = Date.parse('2028-01-01T00:00:00+07:00');
/** A random day of 2023–2027 (YYYY-MM-DD). */
const day = () => new Date(START + Math.floor(rand() * ((END - START) / DAY)) * DAY + 7 * 3600_000).toISOString().slice(0, 10);
/** A random instant of 2023–2027; one in five lands within minutes of a Vietnamese midnight at a month's end. */
function instant(): string {
  if (chance(0.2)) {
    const y = 2023 + Math.floor(rand() * 5),
      m = Math.floor(rand() * 12);
    const midnight = Date.UTC(y, m + 1, 1) - 7 * 3600_000; // 00:00 (UTC+7) on the 1st of the next month
    return new Date(midnight + (chance(0.5) ? -1 : 1) * (1 + Math.floor(rand() * 30)) * 60_000).toISOString();
  }
  return new Date(START + Math.floor(rand() * (END - START))).toISOString();
}

let db: Db;
const orgs: number[] = [];
const published: number[] = [];
const spokespersons: { id: number; org: number; validFrom: string }[] = [];

const PROVINCES = ['01', '08', '25', '79', '04', '48', null] as const;
const KINDS = ['ministry', 'provincial_committee', 'provincial_department', 'central_agency', 'press', 'other'] as const;

async function item(org: number, opts: { at?: string; status?: 'draft' | 'scheduled' | 'published' | 'withdrawn' | 'corrected' } = {}) {
  const i = await createPressItem(db, seedActor, {
    kind: pick(['press_release', 'statement', 'press_conference', 'press_answer'] as const),
    organisationId: org,
    title: `Tin ${rand().toString(36).slice(2, 8)}`,
    bodyHtml: '<p>Nội dung</p>',
  });
  const status =
    opts.status ??
    pick(['draft', 'scheduled', 'published', 'published', 'published', 'published', 'published', 'withdrawn', 'corrected'] as const);
  if (status === 'draft') return i.id;
  if (status === 'scheduled') {
    await schedulePressItem(db, seedActor, i.id, { scheduledAt: '2029-06-01T09:00:00+07:00' }, new Date('2029-01-01T00:00:00Z'));
    return i.id;
  }
  await publishPressItem(db, seedActor, i.id, { publishedAt: opts.at ?? instant() }, NOW);
  if (status === 'withdrawn') await withdrawPressItem(db, seedActor, i.id, { reason: 'Sai số liệu' }, NOW);
  else {
    if (status === 'corrected') await correctPressItem(db, seedActor, i.id, { note: 'Đính chính' }, NOW);
    published.push(i.id);
  }
  return i.id;
}

async function spokesperson(org: number) {
  const validFrom = chance(0.4) ? '2022-06-01' : day();
  const s = await createSpokesperson(db, seedActor, {
    organisationId: org,
    fullName: `Người phát ngôn ${spokespersons.length}`,
    validFrom,
  });
  spokespersons.push({ id: s.id, org, validFrom });
  if (chance(0.25)) {
    const to = day();
    if (to >= validFrom) await endSpokesperson(db, seedActor, s.id, to);
  }
}

/** A write in plain SQL (no service, no audit entry): the triggers still mark the facts; an audit entry is added only so
 *  the oracle's record cache (keyed by the newest audit id) sees the write too. */
async function plainSql(statement: ReturnType<typeof sql>) {
  await db.execute(statement);
  await recordAudit(db, seedActor, 'test', 'plain_sql', 0, null, null);
}
const setOrg = (id: number, set: ReturnType<typeof sql>) => plainSql(sql`update organisations set ${set} where id = ${id}`);

beforeAll(async () => {
  db = (await testDatabase()).db;
  for (let k = 0; k < 36; k++) {
    const province = pick(PROVINCES);
    const o = await makeOrg(db, {
      nameVi: `${pick(['Sở', 'Bộ', 'Ủy ban', 'Đài', 'Cục', 'Ban'])} thử ${k} ${pick(['Tư pháp', 'Nội vụ', 'Y tế', 'Giáo dục', 'Đối ngoại'])}`,
      kind: province ? pick(KINDS.slice(1)) : pick(KINDS),
      provinceCode: province,
      isStateAdminAgency: chance(0.8),
    });
    orgs.push(o.id);
  }
  // Created mid-programme; deactivated with a successor (some chains: the successor deactivated later or in the same
  // period with a successor of its own); deactivated without date; a cycle of two deactivated on the same day.
  for (const id of orgs.slice(0, 6)) await setOrg(id, sql`valid_from = ${day()}::date`);
  const chainEnd = orgs[6]!;
  await setOrg(orgs[7]!, sql`active = false, valid_to = '2025-05-10', successor_id = ${chainEnd}`);
  await setOrg(orgs[8]!, sql`active = false, valid_to = '2025-05-03', successor_id = ${orgs[7]!}`); // same quarter: chain 8 → 7 → 6
  await setOrg(orgs[9]!, sql`active = false, valid_to = '2024-02-20', successor_id = ${orgs[7]!}`); // an earlier period
  for (const id of orgs.slice(10, 15))
    await setOrg(id, sql`active = false, valid_to = ${day()}::date, successor_id = ${pick(orgs.slice(15))}`);
  await setOrg(orgs[15]!, sql`active = false`);
  await setOrg(orgs[16]!, sql`active = false, valid_to = '2026-08-08', successor_id = ${orgs[17]!}`);
  await setOrg(orgs[17]!, sql`active = false, valid_to = '2026-08-08', successor_id = ${orgs[16]!}`);
  for (const id of orgs) {
    if (chance(0.85)) await spokesperson(id);
    if (chance(0.2)) await spokesperson(id);
  }
  for (let k = 0; k < 260; k++) await item(pick(orgs));
  // Items of the chain's predecessors around their deactivation.
  for (const at of ['2025-04-20T10:00:00+07:00', '2025-05-05T10:00:00+07:00', '2025-07-03T10:00:00+07:00'])
    await item(orgs[8]!, { at, status: 'published' });
  await item(orgs[9]!, { at: '2024-02-01T10:00:00+07:00', status: 'published' });
  await item(orgs[16]!, { at: '2026-07-15T10:00:00+07:00', status: 'published' });
  await updateReportingSettings(db, seedActor, {
    graceDays: 20,
    includeOrgIds: orgs.filter((_, i) => i % 7 === 3),
    excludeOrgIds: orgs.filter((_, i) => i % 11 === 5),
  });
}, 600_000);

const orgScope = () => orgs[6]!;
function scopes(): IndicatorScope[] {
  return [
    { period: '2025-Q2', map: '34' },
    { period: '2026', map: '34' },
    { period: '2024-H1', map: '63' },
    { period: '2027-02', map: '34' },
    { period: '2025', map: '34', province: '08' },
    { period: '2025-Q2', map: '63', province: '02' },
    { period: '2026-H2', map: '63', province: '79' },
    { period: '2024-Q1', map: '34', orgKind: 'provincial_department' },
    { period: '2025-05', map: '34', organisationId: orgScope() },
  ] as IndicatorScope[];
}
const few: IndicatorScope[] = [
  { period: '2025-Q2', map: '34' },
  { period: '2026-08', map: '63' },
  { period: '2027', map: '34' },
] as IndicatorScope[];

describe('T1 facts against the record-by-record computation', () => {
  it(`agree on figures, trends, breakdowns and drill-downs for years, halves, quarters and months (seed ${SEED})`, async () => {
    expect(await compareWithOracle(db, ['T1'], scopes())).toEqual([]);
    expect(await overlappingFacts(db, 'T1', ['2023-06-30', '2024-06-30', '2025-06-30', '2026-06-30', '2027-06-30'])).toEqual([]);
    // The data has what the rule turns on: predecessors' items, late and missing information, agencies without a spokesperson.
    const [k] = await rows<{ preds: number; late: number; missing: number; nobody: number; counts: number }>(
      db,
      sql`select
      count(*) filter (where info ? 'p')::int as preds, count(*) filter (where info->>'i' = 'late')::int as late,
      count(*) filter (where info->>'i' = 'missing')::int as missing, count(*) filter (where info->'s' = 'null'::jsonb)::int as nobody,
      count(*) filter (where counts)::int as counts from indicator_facts where ind = 'T1'`,
    );
    for (const [what, n] of Object.entries(k!)) expect(n, what).toBeGreaterThan(0);
  }, 600_000);

  it('a full rebuild gives the same facts as the ones kept by the writes', async () => {
    const snapshot = () =>
      rows<{ f: string }>(
        db,
        sql`select string_agg(concat_ws('|', src, period_id, counts, d_from, d_to, org_id, sort_key, info::text), ',' order by src, period_id) as f from indicator_facts where ind = 'T1'`,
      );
    await syncFacts(db);
    const kept = await snapshot();
    await refreshAllFacts(db, ['press']);
    expect((await snapshot())[0]!.f).toBe(kept[0]!.f);
  });

  it("the drill-down shows the old texts, and the items behind an agency including its predecessors'", async () => {
    const d = await drillDown(db, 'T1', { period: '2025-Q2', part: 'denominator', organisationId: orgs[6]!, limit: 5 });
    const o = await drillDown(db, 'T1', { period: '2025-Q2', part: 'denominator', organisationId: orgs[6]!, limit: 5 }, { oracle: true });
    expect(d.records.map((r) => [r.id, r.label, r.detail, r.href])).toEqual(o.records.map((r) => [r.id, r.label, r.detail, r.href]));
    expect(d.records[0]!.related.map((r) => r.id).sort()).toEqual(o.records[0]!.related.map((r) => r.id).sort());
    const all = await drillDown(db, 'T1', { period: '2026', part: 'denominator', limit: 200 });
    const allO = await drillDown(db, 'T1', { period: '2026', part: 'denominator', limit: 200 }, { oracle: true });
    const texts = (r: typeof all) =>
      new Map(r.records.map((x) => [x.id, JSON.stringify([x.label, x.detail, x.href, x.related.map((y) => y.id).sort()])]));
    expect(texts(all)).toEqual(texts(allO));
  }, 120_000);
});

/** The compliance page (computeT1, from the facts) against the computation from the records, row by row. Predecessors
 *  are compared as sets: the records' order of them follows the table's physical order. */
async function compliance(period: string, q: { provinceCode?: string; orgKind?: OrgKind } = {}) {
  const norm = (r: T1Result) => ({
    ...r,
    rows: r.rows.map((x) => ({
      ...x,
      predecessorIds: [...x.predecessorIds].sort((a, b) => a - b),
      itemIds: x.predecessorIds.length > 1 ? [...x.itemIds].sort((a, b) => a - b) : x.itemIds,
    })),
  });
  expect(norm(await computeT1(db, { period, ...q })), `compliance ${period} ${JSON.stringify(q)}`).toEqual(
    norm(await computeT1FromRecords(db, { period, ...q })),
  );
}

describe('the compliance page from the facts', () => {
  it('gives every row as the records do, for any kind of period and subset', async () => {
    for (const period of ['2023-Q1', '2024', '2024-H2', '2025-Q2', '2025-05', '2026-08', '2027-12']) await compliance(period);
    await compliance('2025-Q2', { provinceCode: '08' });
    await compliance('2026', { orgKind: 'provincial_department' });
  }, 120_000);
});

describe('T1 facts follow every write', () => {
  const check = async (what: string, sc: IndicatorScope[] = few) => {
    expect(await compareWithOracle(db, ['T1'], sc, { drill: false }), what).toEqual([]);
    await compliance(sc[0]!.period!);
  };
  const dirty = () =>
    rows<{ key: string | null }>(db, sql`select key from indicator_dirty where source = 'press' order by key`).then((r) =>
      r.map((x) => (x.key === null ? null : Number(x.key))),
    );

  it('an item published, withdrawn, corrected, edited as a draft', async () => {
    await syncFacts(db);
    const draft = await item(pick(orgs), { status: 'draft' });
    expect(await dirty()).toEqual([]); // a draft changes no count
    await updatePressItem(db, seedActor, draft, { kind: 'statement', organisationId: orgs[3]!, title: 'Nháp sửa', bodyHtml: '' });
    expect(await dirty()).toEqual([]);
    await publishPressItem(db, seedActor, draft, { publishedAt: '2025-06-30T23:59:00+07:00' }, NOW);
    expect(await dirty()).toEqual([orgs[3]!]);
    await check('published');
    await withdrawPressItem(
      db,
      seedActor,
      published.find((id) => id !== draft)!,
      { reason: 'Thu hồi' },
      NOW,
    );
    await check('withdrawn', scopes());
    await correctPressItem(db, seedActor, draft, { note: 'Đính chính', title: 'Tiêu đề mới' }, NOW);
    await check('corrected');
  }, 300_000);

  it("a predecessor's item marks its successors down the chain", async () => {
    await syncFacts(db);
    await item(orgs[8]!, { at: '2025-05-01T08:00:00+07:00', status: 'published' });
    expect(await dirty()).toEqual([orgs[6]!, orgs[7]!, orgs[8]!].sort((a, b) => a - b));
    await check('predecessor item', [{ period: '2025-Q2', map: '34', organisationId: orgs[6]! }, ...few] as IndicatorScope[]);
  }, 120_000);

  it('spokespersons appointed, changed and ended', async () => {
    const org = orgs[20]!;
    const s = await createSpokesperson(db, seedActor, { organisationId: org, fullName: 'Người phát ngôn mới', validFrom: '2025-04-15' });
    await check('appointed');
    await updateSpokesperson(db, seedActor, s.id, { organisationId: org, fullName: 'Người phát ngôn mới', validFrom: '2025-07-01' });
    await check('moved');
    await endSpokesperson(db, seedActor, s.id, '2026-08-15');
    await check('ended', scopes());
  }, 300_000);

  it('the reporting settings: grace days, include and exclude lists', async () => {
    await updateReportingSettings(db, seedActor, { graceDays: 45 });
    await check('grace 45');
    await updateReportingSettings(db, seedActor, {
      graceDays: 0,
      includeOrgIds: [orgs[2]!, orgs[30]!],
      excludeOrgIds: [orgs[6]!, orgs[21]!],
    });
    await check('grace 0, lists', scopes());
    await updateReportingSettings(db, seedActor, { graceDays: 15 });
    await check('grace 15');
  }, 600_000);

  it('agencies changed, deactivated with a successor, re-dated, reactivated', async () => {
    const o = await getOrganisation(db, orgs[25]!);
    await updateOrganisation(db, seedActor, o.id, {
      code: o.code,
      nameVi: 'Ủy ban đổi tên',
      kind: 'ministry',
      provinceCode: '25',
      isStateAdminAgency: !o.isStateAdminAgency,
    });
    await check('kind, province and state agency changed');
    await setOrganisationActive(db, seedActor, orgs[26]!, false, orgs[27]!); // today, with a successor
    await check('deactivated today', [{ period: new Date().toISOString().slice(0, 4), map: '34' }, ...few] as IndicatorScope[]);
    await setOrg(orgs[28]!, sql`active = false, valid_to = '2026-08-20', successor_id = ${orgs[29]!}`);
    await setOrg(orgs[29]!, sql`valid_to = '2026-08-25', successor_id = ${orgs[31]!}`); // a chain within August 2026
    await check('chain in a month', [
      { period: '2026-08', map: '34' },
      { period: '2026-Q3', map: '34' },
      { period: '2026', map: '34' },
    ] as IndicatorScope[]);
    await setOrg(orgs[6]!, sql`valid_from = '2025-04-01'`);
    await check('re-dated');
    await setOrganisationActive(db, seedActor, orgs[26]!, true);
    await setOrg(orgs[28]!, sql`successor_id = null`);
    await check('reactivated, successor removed', scopes());
  }, 600_000);

  it('an item deleted and moved to another agency in plain SQL', async () => {
    const [a, b] = [published[0]!, published[1]!];
    await plainSql(sql`delete from press_items where id = ${a}`);
    await plainSql(sql`update press_items set organisation_id = ${orgs[7]!}, published_at = '2025-05-02T09:00:00+07:00' where id = ${b}`);
    await check('deleted and moved', [{ period: '2025-Q2', map: '34', organisationId: orgs[6]! }, ...few] as IndicatorScope[]);
    expect(await overlappingFacts(db, 'T1', ['2025-06-30', '2026-06-30'])).toEqual([]);
  }, 300_000);
});
