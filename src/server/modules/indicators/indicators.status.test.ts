// Where a target stands, without a database: a band target (T4b, 15–20 %) judged against the band and the path into
// it, a province's own target for the count of provinces (T3) and none for a national count (T4a), and the one-line
// summary of the statuses.
import { describe, expect, it } from 'vitest';
import type { IndicatorId, IndicatorUnit, TargetSpec } from '../../../shared/contracts/indicators.js';
import { linearTrajectory, scopeTarget, statusOf, trajectoryAim } from './indicators.service.js';
import { STATUS_ORDER, statusRank, summariseStatuses } from './indicators.summary.js';

const BAND: TargetSpec = { kind: 'band', min: 0.15, max: 0.2 };
const band = { unit: 'percent' as const, target: BAND };
/** The default trajectory's value for 2026 from a baseline. */
const expected2026 = (baseline: number) => linearTrajectory(baseline, trajectoryAim(BAND, baseline)).find((p) => p.year === 2026)!.value;

describe('a band target (T4b, 15–20 %)', () => {
  it('from above the band, the default trajectory leads down to its upper edge, not its lower', () => {
    const path = linearTrajectory(0.45, trajectoryAim(BAND, 0.45));
    expect(path.at(0)).toEqual({ year: 2023, value: 0.45 });
    expect(path.at(-1)).toEqual({ year: 2028, value: 0.2 });
    expect(expected2026(0.45)).toBeCloseTo(0.3);
  });
  it('from below, it leads up to the lower edge; from inside, it stays where it is', () => {
    expect(linearTrajectory(0.05, trajectoryAim(BAND, 0.05)).at(-1)!.value).toBe(0.15);
    expect(linearTrajectory(0.17, trajectoryAim(BAND, 0.17)).map((p) => p.value)).toEqual([0.17, 0.17, 0.17, 0.17, 0.17, 0.17]);
  });
  it('48 % with a path from 45 % is off track (it was "on track" against the lower edge)', () => {
    expect(statusOf(band, 0.48, expected2026(0.45))).toBe('off_track');
  });
  it('inside the band is on track, whatever the trajectory', () => {
    for (const e of [0.3, 0.17, 0.05]) {
      expect(statusOf(band, 0.15, e)).toBe('on_track');
      expect(statusOf(band, 0.18, e)).toBe('on_track');
      expect(statusOf(band, 0.2, e)).toBe('on_track');
    }
  });
  it('outside, on track while it follows the path toward the nearer edge; at risk within 10 points; else behind', () => {
    const e = expected2026(0.45); // 30 %
    expect(statusOf(band, 0.28, e)).toBe('on_track'); // on the way down, ahead of the path
    expect(statusOf(band, 0.35, e)).toBe('at_risk'); // 5 points above the path
    expect(statusOf(band, 0.1, e)).toBe('at_risk'); // overshot below the band by 5 points
    expect(statusOf(band, 0.02, e)).toBe('off_track');
    const up = expected2026(0.05); // 11 %, coming up from below
    expect(statusOf(band, 0.12, up)).toBe('on_track');
    expect(statusOf(band, 0.05, up)).toBe('at_risk');
    expect(statusOf(band, 0.22, up)).toBe('at_risk'); // overshot above the band
    expect(statusOf(band, 0.4, up)).toBe('off_track');
  });
  it('no value, no data', () => {
    expect(statusOf(band, null, 0.3)).toBe('no_data');
  });
});

describe("a scope's own target", () => {
  const def = (id: IndicatorId, unit: IndicatorUnit, target: TargetSpec) => ({
    id,
    unit,
    target,
    trajectory: linearTrajectory(0, target.kind === 'band' ? target.min : target.value),
  });
  const T1 = def('T1', 'percent', { kind: 'at_least', value: 1 });
  const T3 = def('T3', 'count', { kind: 'at_least', value: 63 });
  const T4a = def('T4a', 'count', { kind: 'at_least', value: 1000 });
  const scope = (over: Partial<Parameters<typeof scopeTarget>[1]> = {}) => ({
    province: null,
    orgKind: null,
    organisationId: null,
    map: '34' as const,
    lastDay: '2026-12-31',
    ...over,
  });
  const unitsOf = (code: string) => ({ '08': 2, '01': 1 })[code] ?? 1;

  it('the country: the decision’s target on the trajectory', () => {
    expect(scopeTarget(T3, scope(), unitsOf)).toEqual({ target: { kind: 'at_least', value: 63 }, expected: 37.8 });
  });
  it('a province for the count of provinces (T3): its former units, never "≥ 63"; expected a whole number', () => {
    expect(scopeTarget(T3, scope({ province: '08' }), unitsOf)).toEqual({ target: { kind: 'at_least', value: 2 }, expected: 1 });
    expect(scopeTarget(T3, scope({ province: '02', map: '63' }), unitsOf)).toEqual({ target: { kind: 'at_least', value: 1 }, expected: 1 });
    expect(scopeTarget(T3, scope({ province: '02', map: '63', lastDay: '2023-12-31' }), unitsOf).expected).toBe(0);
  });
  it('a national count in a province or for a kind has no target: its value is a contribution, not judged', () => {
    expect(scopeTarget(T4a, scope({ province: '08' }), unitsOf)).toEqual({ target: null, expected: null });
    expect(scopeTarget(T3, scope({ orgKind: 'ministry' }), unitsOf)).toEqual({ target: null, expected: null });
    expect(statusOf({ unit: 'count', target: null }, 12, null)).toBe('no_data');
  });
  it('a share applies its target in any scope', () => {
    expect(scopeTarget(T1, scope({ province: '08', orgKind: 'ministry' }), unitsOf)).toEqual({ target: T1.target, expected: 0.6 });
  });
});

describe('the summary line', () => {
  it('counts the targets in each status', () => {
    expect(summariseStatuses(['on_track', 'on_track', 'at_risk', 'off_track', 'no_data', 'no_data', 'on_track'])).toEqual({
      onTrack: 3,
      atRisk: 1,
      behind: 1,
      noData: 2,
    });
    expect(summariseStatuses([])).toEqual({ onTrack: 0, atRisk: 0, behind: 0, noData: 0 });
  });
  it('orders the worst first: behind, at risk, on track, no data', () => {
    expect(STATUS_ORDER).toEqual(['off_track', 'at_risk', 'on_track', 'no_data']);
    expect((['on_track', 'no_data', 'off_track', 'at_risk'] as const).slice().sort((a, b) => statusRank(a) - statusRank(b))).toEqual([
      'off_track',
      'at_risk',
      'on_track',
      'no_data',
    ]);
  });
});
