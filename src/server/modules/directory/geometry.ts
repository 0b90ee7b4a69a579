// Province map geometry for display: data/reference/vn-provinces-<map>.topojson (see SOURCES.md) as a small GeoJSON
// FeatureCollection, one feature per unit, with the unit's code and names (from the same CSVs as admin_units).
// Borders are simplified on the shared arcs of the topology (Douglas–Peucker, then rounded to a grid), so
// neighbouring provinces keep exactly the same border and no gaps open. Every island stays, the tiny islands of
// the Hoàng Sa and Trường Sa archipelagos included: a ring that collapses on the grid becomes one grid square.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MapVersion } from '../../../shared/contracts/directory.js';
import type { Position, ProvinceFeature, ProvinceGeoJson, Ring } from '../../../shared/provinceGeometry.js';
import { asciiName, readReference, REFERENCE_DIR } from './directory.reference.js';

export type { ProvinceFeature, ProvinceGeoJson } from '../../../shared/provinceGeometry.js';

const LAYER: Record<MapVersion, string> = { '63': 'provinces63', '34': 'provinces34' };

export interface SimplifyOptions {
  /** Decimal places kept in degrees (3 ≈ 110 m). */
  decimals: number;
  /** Douglas–Peucker tolerance in degrees, applied before rounding (0: none). */
  tolerance: number;
}

/** What the API serves: 3 decimals, 0.002° tolerance (well under a pixel on a whole-country map). */
export const API_GEOMETRY: SimplifyOptions = { decimals: 3, tolerance: 0.002 };

function simplifyLine(pts: Position[], tol: number): Position[] {
  if (tol <= 0 || pts.length <= 2) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  const tol2 = tol * tol;
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = pts[a];
    const dx = pts[b][0] - ax;
    const dy = pts[b][1] - ay;
    const len2 = dx * dx + dy * dy;
    let maxD = -1;
    let maxI = -1;
    for (let i = a + 1; i < b; i++) {
      const px = pts[i][0] - ax;
      const py = pts[i][1] - ay;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * dx + py * dy) / len2));
      const d = (px - t * dx) ** 2 + (py - t * dy) ** 2;
      if (d > maxD) {
        maxD = d;
        maxI = i;
      }
    }
    if (maxD > tol2) {
      keep[maxI] = 1;
      stack.push([a, maxI], [maxI, b]);
    }
  }
  return pts.filter((_, i) => keep[i]);
}

function dedupe(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function readTopology(map: MapVersion): Topology {
  return JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, `vn-provinces-${map}.topojson`), 'utf8')) as Topology;
}

/** Code → names, from provinces-<map>.csv (the same source and the same English-name rule as the admin_units table). */
function unitNames(map: MapVersion): Map<string, { nameVi: string; nameEn: string }> {
  return new Map(
    readReference(`provinces-${map}.csv`).map((r) => [
      r.code,
      { nameVi: r.name_vi, nameEn: map === '63' ? r.name_en : asciiName(r.name_vi) },
    ]),
  );
}

/** The map's features, simplified and rounded as asked. Not memoised: see loadProvinceGeometry. */
export function buildProvinceGeometry(map: MapVersion, opts: SimplifyOptions): ProvinceGeoJson {
  const topo = readTopology(map);
  const f = 10 ** opts.decimals;
  const grid = 1 / f;
  const round = (v: number) => Math.round(v * f) / f;
  const [sx, sy] = topo.transform?.scale ?? [1, 1];
  const [tx, ty] = topo.transform?.translate ?? [0, 0];
  // Decode (delta + transform), simplify and round every shared arc once; a topology without transform takes them as they are.
  const arcs = topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const abs: Position[] = arc.map(([dx, dy]) => (topo.transform ? [(x += dx) * sx + tx, (y += dy) * sy + ty] : [dx, dy]));
    const out = dedupe(simplifyLine(abs, opts.tolerance).map(([px, py]) => [round(px), round(py)] as Position));
    return out.length === 1 ? [out[0], out[0]] : out;
  });
  const simplified: Topology = { type: 'Topology', arcs, objects: topo.objects };
  const fc = feature(simplified, topo.objects[LAYER[map]] as GeometryCollection<{ code: string }>);
  const names = unitNames(map);
  const fixRing = (ring: Position[]): Ring => {
    const r = dedupe(ring as Ring);
    if (r.length > 1 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1]) r.pop();
    if (new Set(r.map((p) => `${p[0]},${p[1]}`)).size >= 3) return [...r, r[0]];
    // Collapsed on the grid (an islet): one grid square where it was, so it stays on the map.
    const [x, y] = r[0];
    return [
      [x, y],
      [round(x + grid), y],
      [round(x + grid), round(y + grid)],
      [x, round(y + grid)],
      [x, y],
    ];
  };
  const features: ProvinceFeature[] = fc.features.map((ft) => {
    const code = String(ft.properties?.code ?? '');
    const n = names.get(code);
    if (!n) throw new Error(`vn-provinces-${map}.topojson: code ${code} is not in provinces-${map}.csv`);
    const g = ft.geometry as { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
    const geometry: ProvinceFeature['geometry'] =
      g.type === 'Polygon'
        ? { type: 'Polygon', coordinates: g.coordinates.map(fixRing) }
        : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(fixRing)) };
    return { type: 'Feature', properties: { code, nameVi: n.nameVi, nameEn: n.nameEn }, geometry };
  });
  features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  return { type: 'FeatureCollection', features };
}

const memo = new Map<MapVersion, ProvinceGeoJson>();
const memoJson = new Map<MapVersion, { json: string; etag: string }>();

/** The province map geometry the API serves (read once per process, then kept). */
export function loadProvinceGeometry(map: MapVersion): ProvinceGeoJson {
  let g = memo.get(map);
  if (!g) {
    g = buildProvinceGeometry(map, API_GEOMETRY);
    memo.set(map, g);
  }
  return g;
}

/** The same as prepared JSON with a strong ETag (a hash of the bytes). */
export function provinceGeometryJson(map: MapVersion): { json: string; etag: string } {
  let r = memoJson.get(map);
  if (!r) {
    const json = JSON.stringify(loadProvinceGeometry(map));
    r = { json, etag: `"vn${map}-${createHash('sha256').update(json).digest('hex').slice(0, 20)}"` };
    memoJson.set(map, r);
  }
  return r;
}
