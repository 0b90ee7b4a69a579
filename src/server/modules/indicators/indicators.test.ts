// The indicator registry against hand-worked fixtures on a real database: T1 from press records for a period,
// breakdowns on both maps (the crosswalk), filters, drill-down, "no data source yet", an empty scope, status
// against the trajectory, the office's settings, and figures that follow every write at once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { takeOutSources } from '../../../../test/indicator-sources.js';
import { testDatabase } from '../../../../test/test-db.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { createPressItem, publishPressItem } from '../press/press.service.js';
import { createSpokesperson } from '../press/spokespersons.service.js';
import { indicatorProviders } from '../providers.js';
import { pressFactSource } from '../press/press.facts.js';
import type { IndicatorProvider } from './indicators.registry.js';
import { drillDown, getDashboard, linearTrajectory, loadGeo, placeOn, statusOf, updateIndicatorSettings } from './indicators.service.js';

let db: Db;
const org: Record<string, number> = {};
const NOW = new Date('2026-12-01T00:00:00Z');

async function publish(key: string, at: string) {
  const i = await createPressItem(db, seedActor, {
    kind: 'press_release',
    organisationId: org[key],
    title: `Thông cáo của ${key}`,
    bodyHtml: '<p>Nội dung</p>',
  });
  await publishPressItem(db, seedActor, i.id, { publishedAt: new Date(at).toISOString() }, NOW);
  return i.id;
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  // Hand-worked Q1 2026: A (Hà Nội) and B (Tuyên Quang) comply; C (ministry) has no spokesperson; D (Tuyên Quang) gave no information.
  org.A = (await makeOrg(db, { nameVi: 'UBND thử Hà Nội', kind: 'provincial_committee', provinceCode: '01', isStateAdminAgency: true })).id;
  org.B = (
    await makeOrg(db, { nameVi: 'UBND thử Tuyên Quang', kind: 'provincial_committee', provinceCode: '08', isStateAdminAgency: true })
  ).id;
  org.C = (await makeOrg(db, { nameVi: 'Bộ thử', kind: 'ministry', isStateAdminAgency: true })).id;
  org.D = (
    await makeOrg(db, { nameVi: 'Sở thử Tuyên Quang', kind: 'provincial_department', provinceCode: '08', isStateAdminAgency: true })
  ).id;
  for (const k of ['A', 'B', 'D'])
    await createSpokesperson(db, seedActor, { organisationId: org[k], fullName: `Người phát ngôn ${k}`, validFrom: '2025-01-01' });
  await publish('A', '2026-02-10T09:00:00+07:00');
  await publish('B', '2026-04-05T09:00:00+07:00'); // late for Q1 (within 15 grace days)
  await publish('C', '2026-03-01T09:00:00+07:00');
});

const fig = async (scope: Record<string, unknown>) => (await getDashboard(db, scope)).figures.find((f) => f.id === 'T1')!;

describe('T1 through the registry', () => {
  it('computes numerator, denominator and value from the records', async () => {
    const f = await fig({ period: '2026-Q1' });
    expect([f.numerator, f.denominator]).toEqual([2, 4]);
    expect(f.value).toBe(0.5);
    expect(f.period).toEqual({ id: '2026-Q1', firstDay: '2026-01-01', lastDay: '2026-03-31' });
  });

  it('breaks down by province on the 34-unit map and by organisation kind', async () => {
    const f = await fig({ period: '2026-Q1', map: '34' });
    const rows = f.breakdowns.province!;
    expect(rows.filter((r) => r.key !== '_none')).toHaveLength(34);
    expect(rows.find((r) => r.key === '08')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, label: { vi: 'Tuyên Quang' } });
    expect(rows.find((r) => r.key === '04')).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(rows.find((r) => r.key === '_none')).toMatchObject({ numerator: 0, denominator: 1 });
    expect(f.breakdowns.orgKind!.find((r) => r.key === 'provincial_committee')).toMatchObject({ numerator: 2, denominator: 2, value: 1 });
  });

  it('on the 63-unit map, agencies of a merged province count for each former unit (attributed)', async () => {
    const f = await fig({ period: '2026-Q1', map: '63' });
    const rows = f.breakdowns.province!;
    expect(rows.filter((r) => r.key !== '_none')).toHaveLength(63);
    for (const code of ['02', '08'])
      expect(rows.find((r) => r.key === code)).toMatchObject({ numerator: 1, denominator: 2, attributed: true });
    expect(rows.find((r) => r.key === '01')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(rows.find((r) => r.key === '01')!.attributed).toBeUndefined();
  });

  it('filters by province on either map and by organisation kind', async () => {
    expect(await fig({ period: '2026-Q1', map: '63', province: '02' })).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await fig({ period: '2026-Q1', map: '34', province: '08' })).toMatchObject({ numerator: 1, denominator: 2 });
    expect(await fig({ period: '2026-Q1', orgKind: 'ministry' })).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
  });

  it('an empty scope has no value and no status, never a zero', async () => {
    const f = await fig({ period: '2026-Q1', orgKind: 'mission_abroad' });
    expect(f).toMatchObject({ numerator: 0, denominator: 0, value: null, status: 'no_data' });
  });

  it('drills down to the agencies behind each part, with the items that made them count', async () => {
    const num = await drillDown(db, 'T1', { period: '2026-Q1', part: 'numerator' });
    expect(num.total).toBe(2);
    expect(num.records.map((r) => r.id).sort()).toEqual([org.A, org.B].sort());
    const a = num.records.find((r) => r.id === org.A)!;
    expect(a.related).toEqual([
      expect.objectContaining({ type: 'press_item', label: 'Thông cáo của A', href: expect.stringMatching(/^\/press\?item=\d+$/) }),
    ]);
    expect(a.detail!.en).toContain('on time');
    expect(num.records.find((r) => r.id === org.B)!.detail!.en).toContain('late');
    const gap = await drillDown(db, 'T1', { period: '2026-Q1', part: 'gap' });
    expect(gap.records.map((r) => r.label).sort()).toEqual(['Bộ thử', 'Sở thử Tuyên Quang']);
    const row = await drillDown(db, 'T1', { period: '2026-Q1', part: 'denominator', map: '63', breakdown: 'province', key: '02' });
    expect(row.records.map((r) => r.id).sort()).toEqual([org.B, org.D].sort());
    expect(row.records[0]!.province).toBe('Hà Giang, Tuyên Quang');
  });

  it('follows a write at once (no stale figure)', async () => {
    const before = await fig({ period: '2026-Q1' });
    await createSpokesperson(db, seedActor, { organisationId: org.C, fullName: 'Người phát ngôn C', validFrom: '2026-01-01' });
    const after = await fig({ period: '2026-Q1' });
    expect([before.numerator, after.numerator]).toEqual([2, 3]);
  });

  it('keeps its facts through writes that cannot change them, and refreshes the agency a write changes', async () => {
    const spy = vi.spyOn(pressFactSource, 'refresh');
    await fig({ period: '2026-Q1' });
    const admin: Actor = { ...seedActor, role: 'admin', via: 'api' };
    await updateIndicatorSettings(db, admin, 'T4a', { baseline: 10 }); // an API write of another entity
    await fig({ period: '2026-Q1' });
    expect(spy.mock.calls.length).toBe(0);
    await createSpokesperson(db, admin, { organisationId: org.D, fullName: 'Người phát ngôn D2', validFrom: '2026-01-01' });
    await fig({ period: '2026-Q1' });
    expect(spy.mock.calls.map((c) => c[1])).toEqual([[org.D]]);
    await updateIndicatorSettings(db, admin, 'T4a', { baseline: null });
    spy.mockRestore();
  });

  it('shows a trend over the last periods of the same kind', async () => {
    const f = await fig({ period: '2026-Q1' });
    expect(f.trend.map((t) => t.period)).toEqual(['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    expect(f.trend.at(-1)!.value).toBe(f.value);
    const y = await fig({ period: '2026' });
    expect(y.trend.map((t) => t.period)).toEqual(['2023', '2024', '2025', '2026']);
  });

  it('refuses periods outside the programme and unknown provinces with the field named', async () => {
    await expect(getDashboard(db, { period: '2019' })).rejects.toMatchObject({ code: 'validation_failed', details: [{ field: 'period' }] });
    await expect(getDashboard(db, { period: '2026', map: '34', province: '02' })).rejects.toMatchObject({
      details: [{ field: 'province' }],
    });
  });
});

describe('targets without a module', () => {
  // Every target has its module now; taking the fact-checking providers and facts out stands for a target not yet built.
  let restore: () => void;
  beforeAll(() => {
    restore = takeOutSources((id) => id === 'T5b' || id === 'T5c');
  });
  afterAll(() => restore());
  it('say "no data source yet": defined, unavailable, and without a figure', async () => {
    const d = await getDashboard(db, { period: '2026' });
    expect(d.indicators.map((i) => i.id)).toEqual(['T1', 'T2a', 'T2b', 'T2c', 'T2d', 'T3', 'T4a', 'T4b', 'T5a', 'T5b', 'T5c', 'T6']);
    const built = ['T1', 'T2a', 'T2b', 'T2c', 'T2d', 'T3', 'T4a', 'T4b', 'T5a', 'T6']; // all but the providers taken out
    for (const i of d.indicators) expect(i.available, i.id).toBe(built.includes(i.id));
    expect(d.figures.map((f) => f.id)).toEqual(built);
    await expect(drillDown(db, 'T5b', { period: '2026' })).rejects.toMatchObject({ code: 'not_found' });
    expect(d.indicators.find((i) => i.id === 'T4b')!.target).toEqual({ kind: 'band', min: 0.15, max: 0.2 });
    expect(d.indicators.find((i) => i.id === 'T5b')!.target).toEqual({ kind: 'below', value: 0.1 });
  });
});

describe('the crosswalk for records placed on the 63-unit map', () => {
  // A stand-in provider for a later module (say exhibitions): a 2024 record in Hà Giang, one in 2026 in Tuyên Quang (new map).
  const fake: IndicatorProvider = {
    id: 'T3',
    async records() {
      return [
        {
          type: 'exhibition',
          id: 1,
          label: 'Triển lãm 2024 ở Hà Giang',
          counts: true,
          inDenominator: true,
          unit: { map: '63', code: '02' },
          orgKind: null,
          organisationId: null,
          organisationName: null,
          detail: null,
          href: null,
        },
        {
          type: 'exhibition',
          id: 2,
          label: 'Triển lãm 2026 ở Tuyên Quang',
          counts: true,
          inDenominator: true,
          unit: { map: '34', code: '08' },
          orgKind: null,
          organisationId: null,
          organisationName: null,
          detail: null,
          href: null,
        },
      ];
    },
  };
  // Put first, so it stands in for the exhibitions module's own T3 provider during these tests.
  beforeAll(async () => {
    indicatorProviders.unshift(fake);
    await recordAudit(db, seedActor, 'test', 'test', null, null, null); // a write: records cached from the real provider are recomputed
  });
  afterAll(() => {
    indicatorProviders.splice(indicatorProviders.indexOf(fake), 1);
  });

  it('a record of 2024 in Hà Giang counts for Tuyên Quang on the new map', async () => {
    const geo = await loadGeo(db);
    expect(placeOn(geo, { map: '63', code: '02' }, '34')).toEqual({ codes: ['08'], attributed: false });
    const d = await getDashboard(db, { period: '2026', map: '34', province: '08' });
    expect(d.figures.find((f) => f.id === 'T3')).toMatchObject({ numerator: 2, value: 2 });
    const old = await getDashboard(db, { period: '2026', map: '63' });
    const rows = old.figures.find((f) => f.id === 'T3')!.breakdowns.province!;
    expect(rows.find((r) => r.key === '02')).toMatchObject({ numerator: 2 }); // its own record + the new-map one, attributed
    expect(rows.find((r) => r.key === '02')!.attributed).toBe(true);
    expect(rows.find((r) => r.key === '08')).toMatchObject({ numerator: 1, attributed: true });
  });

  it('a province is judged against its own target for T3 (its former units), never against 63', async () => {
    // Tuyên Quang on the 34-unit map was formed from Hà Giang and Tuyên Quang: its own target is 2 units, both covered.
    const d = await getDashboard(db, { period: '2026', map: '34', province: '08' });
    const t3 = d.figures.find((f) => f.id === 'T3')!;
    expect(t3.target).toEqual({ kind: 'at_least', value: 2 });
    expect(Number.isInteger(t3.expected)).toBe(true);
    expect(t3.expected).toBeLessThanOrEqual(2);
    expect(t3.status).toBe('on_track');
    // T4a (1,000 titles) is a national count: one province has no target for it, and is not judged.
    const t4a = d.figures.find((f) => f.id === 'T4a')!;
    expect(t4a).toMatchObject({ target: null, expected: null, status: 'no_data' });
    // A share keeps its target in a province.
    expect(d.figures.find((f) => f.id === 'T1')!.target).toEqual({ kind: 'at_least', value: 1 });
    expect(d.summary.noTarget).toBe(1);
    const s = d.summary;
    expect(s.onTrack + s.atRisk + s.behind + s.noData + s.noTarget).toBe(d.indicators.length);
    // On the 63-unit map a single unit's target is 1; Hà Nội has no exhibition, so it is behind and listed first.
    const old = await getDashboard(db, { period: '2026', map: '63', province: '02' });
    expect(old.figures.find((f) => f.id === 'T3')).toMatchObject({ target: { kind: 'at_least', value: 1 }, status: 'on_track' });
    const rows = (await getDashboard(db, { period: '2026', map: '63' })).figures.find((f) => f.id === 'T3')!.breakdowns.province!;
    expect(rows.find((r) => r.key === '02')!.status).toBe('on_track');
    expect(rows.find((r) => r.key === '01')!.status).toBe('off_track');
  });
});

describe('the summary of the dashboard', () => {
  it('counts every target once, a target without a data source as no data', async () => {
    const restore = takeOutSources((id) => id === 'T5b');
    try {
      const d = await getDashboard(db, { period: '2026' });
      const s = d.summary;
      expect(s.noTarget).toBe(0);
      expect(s.onTrack + s.atRisk + s.behind + s.noData).toBe(12);
      const count = (st: string) => d.figures.filter((f) => f.status === st).length;
      expect([s.onTrack, s.atRisk, s.behind]).toEqual([count('on_track'), count('at_risk'), count('off_track')]);
      expect(s.noData).toBe(count('no_data') + 1); // + T5b, without a source
    } finally {
      restore();
    }
  });
});

describe('a band target (T4b)', () => {
  it('by default leads from a baseline above the band to its upper edge, and 48 % in 2026 is not on track', async () => {
    const admin: Actor = { ...seedActor, role: 'admin', via: 'api' };
    const def = await updateIndicatorSettings(db, admin, 'T4b', { baseline: 0.45 });
    try {
      expect(def.trajectoryIsDefault).toBe(true);
      expect(def.trajectory.map((p) => p.value)).toEqual([0.45, 0.4, 0.35, 0.3, 0.25, 0.2]);
      expect(statusOf(def, 0.48, 0.3)).toBe('off_track');
      const f = (await getDashboard(db, { period: '2026' })).figures.find((x) => x.id === 'T4b')!;
      expect(f.expected).toBe(0.3);
      expect(f.status).toBe(statusOf(def, f.value, 0.3));
    } finally {
      await updateIndicatorSettings(db, admin, 'T4b', { baseline: null });
    }
  });
});

describe('trajectory and status', () => {
  it('defaults to a linear trajectory from the baseline to the target', () => {
    expect(linearTrajectory(0, 1).map((p) => p.value)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
  it('decides on track, at risk and off track by the written rule', () => {
    const pct = { unit: 'percent' as const, target: { kind: 'at_least' as const, value: 1 } };
    expect(statusOf(pct, 0.8, 0.8)).toBe('on_track');
    expect(statusOf(pct, 0.71, 0.8)).toBe('at_risk');
    expect(statusOf(pct, 0.69, 0.8)).toBe('off_track');
    const below = { unit: 'percent' as const, target: { kind: 'below' as const, value: 0.1 } };
    expect(statusOf(below, 0.09, 0.1)).toBe('on_track');
    expect(statusOf(below, 0.19, 0.1)).toBe('at_risk');
    expect(statusOf(below, 0.25, 0.1)).toBe('off_track');
    const count = { unit: 'count' as const, target: { kind: 'at_least' as const, value: 1000 } };
    expect(statusOf(count, 560, 600)).toBe('at_risk');
    expect(statusOf(count, null, 600)).toBe('no_data');
  });

  it('the programme office sets a trajectory; the status follows it; others may not', async () => {
    const admin: Actor = { ...seedActor, role: 'admin', via: 'api' };
    const trajectory = [2023, 2024, 2025, 2026, 2027, 2028].map((year) => ({ year, value: year >= 2026 ? 0.9 : 0.5 }));
    const def = await updateIndicatorSettings(db, admin, 'T1', { trajectory });
    expect(def.trajectoryIsDefault).toBe(false);
    const f = await fig({ period: '2026-Q1' });
    expect(f.expected).toBe(0.9);
    expect(f.status).toBe('off_track'); // 0.75 < 0.9 − 0.1
    await expect(updateIndicatorSettings(db, admin, 'T1', { trajectory: trajectory.slice(1) })).rejects.toMatchObject({
      details: [{ field: 'trajectory' }],
    });
    await expect(updateIndicatorSettings(db, admin, 'T1', { baseline: 3 })).rejects.toMatchObject({ details: [{ field: 'baseline' }] });
    const editor = await makeUser(db, 'editor', org.A);
    const actor: Actor = { userId: editor.id, name: editor.username, role: 'editor', organisationId: org.A, via: 'api' };
    await expect(updateIndicatorSettings(db, actor, 'T1', { baseline: 0.2 })).rejects.toMatchObject({ code: 'forbidden' });
    const reset = await updateIndicatorSettings(db, admin, 'T1', { trajectory: null });
    expect(reset.trajectoryIsDefault).toBe(true);
  });
});
