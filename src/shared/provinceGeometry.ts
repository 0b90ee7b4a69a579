// The province map geometry as the server sends it (GET /api/units/geometry/:map) and the few plain helpers
// both renderers need: the portal's SVG (server) and the workspace's ECharts map (web). No dependencies.

export type Position = [number, number];
export type Ring = Position[];

export interface ProvinceFeature {
  type: 'Feature';
  properties: { code: string; nameVi: string; nameEn: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface ProvinceGeoJson {
  type: 'FeatureCollection';
  features: ProvinceFeature[];
}

export type Archipelago = 'hoangSa' | 'truongSa';

/** Every point of the mainland and its coastal islands lies west of 109.5° E; the archipelagos lie east of 110° E. */
export const ARCHIPELAGO_MIN_LON = 110;

/** Map labels of the two archipelagos (Vietnamese maps must show them, named). */
export const ARCHIPELAGO_LABELS: Record<Archipelago, { vi: string; en: string }> = {
  hoangSa: { vi: 'Q.Đ. Hoàng Sa', en: 'Hoàng Sa (Paracel) Is.' },
  truongSa: { vi: 'Q.Đ. Trường Sa', en: 'Trường Sa (Spratly) Is.' },
};

/** Hoàng Sa (north of 14° N, under Đà Nẵng) or Trường Sa (south of it, under Khánh Hòa) for an offshore ring; null otherwise. */
export function archipelagoOf(ring: Ring): Archipelago | null {
  if (ring.length === 0 || !ring.every(([x]) => x > ARCHIPELAGO_MIN_LON)) return null;
  return ring[0][1] > 14 ? 'hoangSa' : 'truongSa';
}

export function polygonsOf(f: ProvinceFeature): Ring[][] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

/** [minLon, minLat, maxLon, maxLat] of each archipelago's islands in a map; absent when the map has none. */
export function archipelagoBounds(fc: ProvinceGeoJson): Partial<Record<Archipelago, [number, number, number, number]>> {
  const out: Partial<Record<Archipelago, [number, number, number, number]>> = {};
  for (const f of fc.features) {
    for (const poly of polygonsOf(f)) {
      const a = archipelagoOf(poly[0]);
      if (!a) continue;
      const b = (out[a] ??= [Infinity, Infinity, -Infinity, -Infinity]);
      for (const [x, y] of poly[0]) {
        b[0] = Math.min(b[0], x);
        b[1] = Math.min(b[1], y);
        b[2] = Math.max(b[2], x);
        b[3] = Math.max(b[3], y);
      }
    }
  }
  return out;
}

function ringArea(r: Ring): number {
  let a = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) a += (r[j][0] - r[i][0]) * (r[j][1] + r[i][1]);
  return Math.abs(a / 2);
}

/**
 * A point well inside a province (never on a border): on the largest polygon, the middle of the widest
 * horizontal inside-span among 24 scan lines. Deterministic. Used to place a click or a label.
 */
export function interiorPoint(f: ProvinceFeature): Position {
  let best: Ring[] = [];
  let bestArea = -1;
  for (const poly of polygonsOf(f)) {
    const a = ringArea(poly[0]) - poly.slice(1).reduce((s, h) => s + ringArea(h), 0);
    if (a > bestArea) {
      bestArea = a;
      best = poly;
    }
  }
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of best[0]) {
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const N = 24;
  let pick: Position = best[0][0];
  let widest = -1;
  for (let i = 0; i < N; i++) {
    const y = minY + ((i + 0.5) / N) * (maxY - minY);
    const xs: number[] = [];
    for (const ring of best) {
      for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
        const [x1, y1] = ring[j];
        const [x2, y2] = ring[k];
        if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      if (xs[k + 1] - xs[k] > widest) {
        widest = xs[k + 1] - xs[k];
        pick = [(xs[k] + xs[k + 1]) / 2, y];
      }
    }
  }
  return pick;
}
