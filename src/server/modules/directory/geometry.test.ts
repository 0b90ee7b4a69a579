// Province map geometry: both maps, every unit once with the directory's codes and names, the archipelagos kept,
// small coordinates; and the public, cacheable route.
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../../test/test-db.js';
import { polygonsOf, type ProvinceGeoJson } from '../../../shared/provinceGeometry.js';
import { asciiName, readReference } from './directory.reference.js';
import { loadProvinceGeometry, provinceGeometryJson } from './geometry.js';

const positions = (fc: ProvinceGeoJson, code: string) => polygonsOf(fc.features.find((f) => f.properties.code === code)!).flat(2);

describe('province geometry', () => {
  it.each([['34'], ['63']] as const)('has one feature per unit of the %s-unit map, with its code and names', (map) => {
    const fc = loadProvinceGeometry(map);
    const csv = readReference(`provinces-${map}.csv`);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(csv.length);
    expect(fc.features.map((f) => f.properties.code)).toEqual(csv.map((r) => r.code).sort());
    for (const r of csv) {
      const f = fc.features.find((x) => x.properties.code === r.code)!;
      expect(f.properties).toEqual({ code: r.code, nameVi: r.name_vi, nameEn: map === '63' ? r.name_en : asciiName(r.name_vi) });
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    }
    expect(loadProvinceGeometry(map)).toBe(fc); // read once
  });

  it.each([['34'], ['63']] as const)('keeps the Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa) archipelagos on the %s-unit map', (map) => {
    const fc = loadProvinceGeometry(map);
    const east = (code: string) => positions(fc, code).filter(([x]) => x > 111.5);
    expect(east('48').length).toBeGreaterThan(0); // Đà Nẵng: Hoàng Sa, 15.7–17.1° N
    expect(east('48').every(([, y]) => y > 15 && y < 17.5)).toBe(true);
    expect(east('56').length).toBeGreaterThan(0); // Khánh Hòa: Trường Sa, 7–12° N
    expect(east('56').every(([, y]) => y > 6.5 && y < 12.5)).toBe(true);
    for (const f of fc.features.filter((x) => !['48', '56'].includes(x.properties.code))) {
      expect(
        positions(fc, f.properties.code).every(([x]) => x < 110),
        f.properties.nameVi,
      ).toBe(true);
    }
  });

  it('rounds to 3 decimals and keeps every ring a closed ring', () => {
    for (const map of ['34', '63'] as const) {
      const fc = loadProvinceGeometry(map);
      const bad: string[] = [];
      for (const f of fc.features) {
        for (const ring of polygonsOf(f).flat()) {
          const [fx, fy] = ring[0];
          const [lx, ly] = ring[ring.length - 1];
          if (ring.length < 4 || fx !== lx || fy !== ly) bad.push(`${f.properties.code}: open or short ring`);
          for (const [x, y] of ring) {
            if (Math.round(x * 1000) / 1000 !== x || Math.round(y * 1000) / 1000 !== y)
              bad.push(`${f.properties.code}: ${x},${y} not rounded`);
            if (x < 102 || x > 117.1 || y < 6.9 || y > 23.4) bad.push(`${f.properties.code}: ${x},${y} outside Viet Nam`);
          }
        }
      }
      expect(bad).toEqual([]);
      // Small enough for a slow line: well under half a megabyte, about a fifth of the full-precision GeoJSON.
      expect(provinceGeometryJson(map).json.length).toBeLessThan(450_000);
    }
  });
});

describe('GET /api/units/geometry/:map', () => {
  let app: Awaited<ReturnType<typeof testApp>>['app'];
  beforeAll(async () => {
    app = (await testApp()).app;
  });

  it('is public and cacheable, with a strong ETag and 304 on If-None-Match', async () => {
    const r34 = await app.inject({ method: 'GET', url: '/api/units/geometry/34' });
    expect(r34.statusCode).toBe(200);
    expect(r34.headers['content-type']).toMatch(/^application\/json/);
    expect(r34.headers['cache-control']).toBe('public, max-age=86400');
    const etag = String(r34.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/); // strong: no W/
    expect(etag).toBe(provinceGeometryJson('34').etag);
    const body = r34.json() as ProvinceGeoJson;
    expect(body.features).toHaveLength(34);
    expect(body.features[0].properties).toEqual({ code: '01', nameVi: 'Hà Nội', nameEn: 'Ha Noi' });

    const again = await app.inject({ method: 'GET', url: '/api/units/geometry/34', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(
      (await app.inject({ method: 'GET', url: '/api/units/geometry/34', headers: { 'if-none-match': `"other", ${etag}` } })).statusCode,
    ).toBe(304);
    expect((await app.inject({ method: 'GET', url: '/api/units/geometry/34', headers: { 'if-none-match': '"stale"' } })).statusCode).toBe(
      200,
    );

    const r63 = await app.inject({ method: 'GET', url: '/api/units/geometry/63', headers: { 'if-none-match': etag } });
    expect(r63.statusCode).toBe(200);
    expect(r63.headers.etag).not.toBe(etag);
    expect((r63.json() as ProvinceGeoJson).features).toHaveLength(63);
    // Other API answers are still never stored.
    expect((await app.inject({ method: 'GET', url: '/api/units?map=34' })).headers['cache-control']).toBe('no-store');
  });

  it('refuses any other map with the standard 400', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/units/geometry/99' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('validation_failed');
    expect(r.json().error.details[0].field).toMatch(/map/);
    expect(r.headers['cache-control']).toBe('no-store');
  });
});
