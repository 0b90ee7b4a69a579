// The workspace map's ECharts option, rendered by ECharts itself (server-side SVG mode, no browser): one shape per
// province in the shared colours, tooltips in the user's language and escaped, and a click on each province's
// anchor point (what <ProvinceMap> publishes in data-province-points for browser tests) selects that province.
import { afterEach, describe, expect, it } from 'vitest';
import { loadProvinceGeometry } from '../../server/modules/directory/geometry';
import { colourFor, mapClasses, MAP_PALETTE, NO_DATA_COLOUR } from '../../shared/mapScale';
import { archipelagoOf, interiorPoint, polygonsOf } from '../../shared/provinceGeometry';
import {
  buildProvinceMapOption,
  ensureMap,
  init,
  MIN_ISLET_DEG,
  onProvinceClick,
  withVisibleIslets,
  type ECharts,
} from './provinceMapChart';

let chart: ECharts | null = null;
/** Cities (longitude, latitude) and their province's code, the same on both maps. */
const CITIES: [string, number, number, string][] = [
  ['Hà Nội', 105.8542, 21.0285, '01'],
  ['Huế', 107.5909, 16.4637, '46'],
  ['Đà Lạt', 108.4583, 11.9404, '68'],
  ['TP. Hồ Chí Minh', 106.7009, 10.7769, '79'],
  ['Cần Thơ', 105.7469, 10.0452, '92'],
];
afterEach(() => {
  chart?.dispose();
  chart = null;
});

describe('province map chart', () => {
  it.each([['34'], ['63']] as const)(
    'draws every province of the %s-unit map in its class colour; a click on its anchor selects it',
    (map) => {
      const geo = loadProvinceGeometry(map);
      const classes = mapClasses('percent');
      const values = geo.features.map((f, i) => ({ code: f.properties.code, value: i % 5 === 0 ? null : (i * 11) % 100 }));
      chart = init(null as unknown as HTMLElement, null, { renderer: 'svg', ssr: true, width: 600, height: 720 });
      ensureMap(map, geo);
      chart.setOption(buildProvinceMapOption({ map, geo, values, unit: 'percent', lang: 'vi', classes }));
      const svg = chart.renderToSVGString();
      const fills = [...svg.matchAll(/<path [^>]*fill="(#[0-9a-f]{6})"/gi)].map((m) => m[1].toLowerCase());
      expect(fills).toHaveLength(geo.features.length);
      const expected = values.map((v) => colourFor(v.value, classes).toLowerCase()).sort();
      expect([...fills].sort()).toEqual(expected);
      expect(fills).toContain(NO_DATA_COLOUR.toLowerCase());

      const clicked: string[] = [];
      onProvinceClick(chart, (code) => clicked.push(code));
      const zr = chart.getZr();
      const press = (ev: 'mousedown' | 'mouseup', [x, y]: number[]) => zr.handler.dispatch(ev, { zrX: x, zrY: y } as never);
      const points = new Map(
        geo.features.map((f) => [f.properties.code, chart!.convertToPixel({ seriesIndex: 0 }, interiorPoint(f)) as number[]]),
      );
      for (const f of geo.features) {
        const p = points.get(f.properties.code)!;
        expect(p[0]).toBeGreaterThan(0);
        expect(p[1]).toBeGreaterThan(0);
        press('mousedown', p);
        press('mouseup', p);
        expect(clicked.at(-1), f.properties.nameVi).toBe(f.properties.code);
      }
      expect(clicked).toHaveLength(geo.features.length);
      // Pressed on one province, released on another: no selection.
      press('mousedown', points.get('01')!);
      press('mouseup', points.get('79')!);
      expect(clicked).toHaveLength(geo.features.length);
    },
  );

  it.each([['34'], ['63']] as const)('places a city (a venue point) inside its province on the %s-unit map', (map) => {
    // The points layer of <ProvinceMap> uses the chart's own projection (convertToPixel) to place venues.
    const geo = loadProvinceGeometry(map);
    chart = init(null as unknown as HTMLElement, null, { renderer: 'svg', ssr: true, width: 600, height: 720 });
    ensureMap(map, geo);
    chart.setOption(buildProvinceMapOption({ map, geo, values: [], unit: 'count', lang: 'vi', classes: mapClasses('count', 10) }));
    const clicked: string[] = [];
    onProvinceClick(chart, (code) => clicked.push(code));
    const zr = chart.getZr();
    for (const [city, lon, lat, code] of CITIES) {
      const p = chart.convertToPixel({ seriesIndex: 0 }, [lon, lat]) as number[];
      zr.handler.dispatch('mousedown', { zrX: p[0], zrY: p[1] } as never);
      zr.handler.dispatch('mouseup', { zrX: p[0], zrY: p[1] } as never);
      expect(clicked.at(-1), city).toBe(code);
    }
  });

  it('writes the tooltip in the chosen language, with the given text, escaped', () => {
    const geo = loadProvinceGeometry('34');
    const option = buildProvinceMapOption({
      map: '34',
      geo,
      unit: 'percent',
      lang: 'en',
      classes: mapClasses('percent', undefined, 'en'),
      values: [
        { code: '01', value: 72.5 },
        { code: '79', value: 10, text: '<img src=x onerror=alert(1)> 10%' },
      ],
    });
    const series = (option.series as { data: { name: string; tip: string; itemStyle: { areaColor: string } }[] }[])[0];
    const item = (code: string) => series.data.find((d) => d.name === code)!;
    expect(series.data).toHaveLength(34);
    expect(item('01').tip).toBe('Ha Noi: 72.5%');
    expect(item('01').itemStyle.areaColor).toBe(MAP_PALETTE[3]);
    expect(item('79').tip).toBe('Ho Chi Minh: &lt;img src=x onerror=alert(1)&gt; 10%');
    expect(item('48').tip).toBe('Da Nang: No data');
    expect(item('48').itemStyle.areaColor).toBe(NO_DATA_COLOUR);
  });
});

describe('withVisibleIslets', () => {
  it('turns each islet of the archipelagos into a box of at least MIN_ISLET_DEG, and leaves everything else alone', () => {
    const geo = loadProvinceGeometry('34');
    const shown = withVisibleIslets(geo);
    expect(shown.features).toHaveLength(34);
    for (const [i, f] of shown.features.entries()) {
      if (!['48', '56'].includes(f.properties.code)) {
        expect(f).toBe(geo.features[i]);
        continue;
      }
      const islets = polygonsOf(f).filter((p) => archipelagoOf(p[0]));
      expect(islets.length, f.properties.nameVi).toBeGreaterThan(0);
      for (const p of islets) {
        expect(p).toHaveLength(1);
        const xs = p[0].map((q) => q[0]);
        const ys = p[0].map((q) => q[1]);
        expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThanOrEqual(MIN_ISLET_DEG - 1e-9);
        expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThanOrEqual(MIN_ISLET_DEG - 1e-9);
      }
      // The mainland part is unchanged.
      const mainland = (g: typeof f) => polygonsOf(g).filter((p) => !archipelagoOf(p[0]));
      expect(mainland(f)).toEqual(mainland(geo.features[i]));
    }
  });
});
