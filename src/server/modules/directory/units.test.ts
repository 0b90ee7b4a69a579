// The two province maps and the crosswalk: every old unit maps to exactly one new unit, and every new
// unit's territory is exactly the union of its old units (checked on the shipped geometry).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/test-db.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { REFERENCE_DIR, readReference } from './directory.reference.js';
import { listCountries, listUnits, resolveProvince34 } from './units.service.js';

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});

type Topo = {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: number[][][];
  objects: Record<string, { geometries: { type: string; arcs: unknown; properties: Record<string, string> }[] }>;
};

/** Planar area (in squared degrees, on the quantised grid) of every feature of a TopoJSON layer. */
function topoAreas(file: string, layer: string): Map<string, number> {
  const topo = JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, file), 'utf8')) as Topo;
  const arcs = topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => [(x += dx), (y += dy)]);
  });
  const ring = (idx: number[]) => idx.flatMap((i) => (i >= 0 ? arcs[i] : [...arcs[~i]].reverse()));
  const ringArea = (pts: number[][]) => {
    let a = 0;
    for (let i = 0; i < pts.length - 1; i++) a += pts[i][0] * pts[i + 1][1] - pts[i + 1][0] * pts[i][1];
    return a / 2;
  };
  const polyArea = (rings: number[][]) =>
    rings.reduce((s, r, i) => s + (i === 0 ? Math.abs(ringArea(ring(r))) : -Math.abs(ringArea(ring(r)))), 0);
  const out = new Map<string, number>();
  for (const g of topo.objects[layer].geometries) {
    const polys = (g.type === 'Polygon' ? [g.arcs] : g.arcs) as number[][][];
    out.set(g.properties.code, (out.get(g.properties.code) ?? 0) + polys.reduce((s, p) => s + polyArea(p), 0));
  }
  return out;
}

describe('administrative units', () => {
  it('has 63 units on the old map and 34 on the new, identified by (map, code)', async () => {
    const u63 = await listUnits(db, '63');
    const u34 = await listUnits(db, '34');
    expect(u63).toHaveLength(63);
    expect(u34).toHaveLength(34);
    // Code 08 exists on both maps and means different territories.
    expect(u63.find((u) => u.code === '08')!.crosswalk).toEqual([{ code: '08', nameVi: 'Tuyên Quang' }]);
    expect(u34.find((u) => u.code === '08')!.crosswalk.map((c) => c.code)).toEqual(['02', '08']);
    expect(u63.every((u) => u.validTo === '2025-06-30')).toBe(true);
    expect(u34.every((u) => u.validFrom === '2025-07-01')).toBe(true);
  });

  it('maps every old unit to exactly one new unit, as the resolution says', async () => {
    const u63 = await listUnits(db, '63');
    for (const u of u63) expect(u.crosswalk, u.nameVi).toHaveLength(1);
    const expected = new Map(readReference('provinces-34.csv').map((r) => [r.code, r.merged_from_codes.split(';').sort()]));
    for (const u of await listUnits(db, '34'))
      expect(
        u.crosswalk.map((c) => c.code),
        u.nameVi,
      ).toEqual(expected.get(u.code));
  });

  it("makes every new unit's area the union of its old units' areas", async () => {
    const a63 = topoAreas('vn-provinces-63.topojson', 'provinces63');
    const a34 = topoAreas('vn-provinces-34.topojson', 'provinces34');
    expect(a63.size).toBe(63);
    expect(a34.size).toBe(34);
    for (const u of await listUnits(db, '34')) {
      const sum = u.crosswalk.reduce((s, c) => s + a63.get(c.code)!, 0);
      expect(Math.abs(sum - a34.get(u.code)!) / a34.get(u.code)!, u.nameVi).toBeLessThan(1e-6);
    }
  });

  it('keeps unit types with validity dates (Huế became a municipality on 2025-01-01)', async () => {
    const hue = (await listUnits(db, '63')).find((u) => u.code === '46')!;
    expect(hue.typeHistory).toEqual([
      { type: 'province', validFrom: null, validTo: '2024-12-31' },
      { type: 'municipality', validFrom: '2025-01-01', validTo: '2025-06-30' },
    ]);
    const u34 = await listUnits(db, '34');
    expect(
      u34
        .filter((u) => u.type === 'municipality')
        .map((u) => u.code)
        .sort(),
    ).toEqual(['01', '31', '46', '48', '79', '92']);
  });

  it('refuses a 63-unit code where the current map is needed, naming the unit it became', async () => {
    expect(await resolveProvince34(db, '08')).toBeGreaterThan(0);
    const err = await resolveProvince34(db, '02').catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.message).toMatch(/63-unit map.*08 \(Tuyên Quang\)/);
    await expect(resolveProvince34(db, '99')).rejects.toThrow(/Unknown province code 99/);
  });

  it('lists the countries of the world for work done abroad', async () => {
    const c = await listCountries(db);
    expect(c.length).toBeGreaterThanOrEqual(249);
    expect(c.find((x) => x.alpha2 === 'CH')).toMatchObject({ alpha3: 'CHE', nameVi: 'Thụy Sĩ' });
  });
});
