// The ECharts side of <ProvinceMap>: loaded on demand with import() (its own chunk), registering only what a
// province map needs from echarts/core: the map series, the tooltip and the SVG renderer (real DOM paths, so the
// map is crisp at any zoom and a browser test can hover and click it). Colours come from the shared scale
// (src/shared/mapScale.ts) as each province's areaColor; the legend and the archipelago names are HTML drawn by
// <ProvinceMap>, so no visualMap or graphic component is bundled.
import { MapChart, type MapSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { getMap, init, registerMap, use as registerChartParts, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { colourFor, formatValue, type MapClass, type MapLang, type MapUnit } from '../../shared/mapScale';
import { archipelagoOf, polygonsOf, type ProvinceGeoJson, type Ring } from '../../shared/provinceGeometry';

registerChartParts([MapChart, TooltipComponent, SVGRenderer]);

export type ProvinceMapOption = ComposeOption<MapSeriesOption | TooltipComponentOption>;
export type { ECharts };
export { init };

/** ECharts' name of a map version's registered geometry. */
export const mapName = (map: '34' | '63') => `vn${map}`;

/** Registers the geometry once per session (it never changes while the page lives). */
export function ensureMap(map: '34' | '63', geo: ProvinceGeoJson): string {
  const name = mapName(map);
  if (!getMap(name)) registerMap(name, withVisibleIslets(geo) as unknown as Parameters<typeof registerMap>[1]);
  return name;
}

/** Smallest drawn islet of the archipelagos, in degrees: about two pixels on a whole-country map. */
export const MIN_ISLET_DEG = 0.07;

/**
 * The islets and reefs of Hoàng Sa and Trường Sa are far below a pixel on a whole-country map and would vanish
 * under the borders: for display (and as click targets), each one becomes its bounding box, at least
 * MIN_ISLET_DEG wide and high, centred where it is. Mainland provinces and coastal islands are left as they are.
 */
export function withVisibleIslets(geo: ProvinceGeoJson): ProvinceGeoJson {
  const box = (ring: Ring): Ring => {
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const w = Math.max(MIN_ISLET_DEG, x1 - x0) / 2;
    const h = Math.max(MIN_ISLET_DEG, y1 - y0) / 2;
    const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
    return [
      [cx - w, cy - h],
      [cx + w, cy - h],
      [cx + w, cy + h],
      [cx - w, cy + h],
      [cx - w, cy - h],
    ];
  };
  return {
    ...geo,
    features: geo.features.map((f) => {
      const polys = polygonsOf(f);
      if (!polys.some((p) => archipelagoOf(p[0]))) return f;
      return { ...f, geometry: { type: 'MultiPolygon', coordinates: polys.map((p) => (archipelagoOf(p[0]) ? [box(p[0])] : p)) } };
    }),
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Calls `select(code)` when a province is clicked. A press and a release on the same province, as ECharts finds
 * them on its own shapes, rather than the DOM's click: hovering re-draws the SVG (the emphasis), and when that
 * lands between the press and the release the browser sends no click at all (seen with fast, scripted clicks).
 * Touch works too: ECharts turns taps into the same mouse events.
 */
export function onProvinceClick(chart: ECharts, select: (code: string) => void): void {
  let pressed: string | null = null;
  const provinceOf = (p: { componentType?: string; name?: unknown }) =>
    p.componentType === 'series' && typeof p.name === 'string' && p.name ? p.name : null;
  chart.on('mousedown', (p) => {
    const button = (p.event?.event as MouseEvent | undefined)?.button ?? 0;
    pressed = button === 0 ? provinceOf(p) : null;
  });
  chart.on('mouseup', (p) => {
    const code = provinceOf(p);
    if (code && code === pressed) select(code);
    pressed = null;
  });
  chart.on('globalout', () => {
    pressed = null;
  });
}

/** Longitude-to-latitude scale of the map: cos(15° N), the middle of Viet Nam (the portal's SVG uses the same). */
export const ASPECT_SCALE = Math.cos((15.17 * Math.PI) / 180);

export interface ProvinceMapOptionInput {
  map: '34' | '63';
  geo: ProvinceGeoJson;
  values: { code: string; value: number | null; text?: string }[];
  unit: MapUnit;
  lang: MapLang;
  classes: MapClass[];
}

/** The whole chart option: one map series keyed by province code, every province present (no value: grey). */
export function buildProvinceMapOption({ map, geo, values, unit, lang, classes }: ProvinceMapOptionInput): ProvinceMapOption {
  const byCode = new Map(values.map((v) => [v.code, v]));
  const data = geo.features.map((f) => {
    const code = f.properties.code;
    const v = byCode.get(code);
    const value = v?.value ?? null;
    const colour = colourFor(value, classes);
    const name = lang === 'vi' ? f.properties.nameVi : f.properties.nameEn;
    return {
      name: code,
      value: value ?? NaN,
      // Shown in the tooltip; already escaped.
      tip: escapeHtml(`${name}: ${v?.text ?? formatValue(value, unit, lang)}`),
      itemStyle: { areaColor: colour },
      emphasis: { itemStyle: { areaColor: colour } },
    };
  });
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p) => (p as { data?: { tip?: string } }).data?.tip ?? '',
    },
    series: [
      {
        type: 'map',
        map: mapName(map),
        nameProperty: 'code',
        aspectScale: ASPECT_SCALE,
        roam: false,
        selectedMode: false,
        left: 4,
        right: 4,
        top: 4,
        bottom: 4,
        label: { show: false },
        itemStyle: { areaColor: colourFor(null, classes), borderColor: '#ffffff', borderWidth: 0.6 },
        // Hover: a thick dark outline, the colour stays (it carries the value).
        emphasis: { label: { show: false }, itemStyle: { borderColor: '#1b1b1b', borderWidth: 1.5 } },
        data,
      },
    ],
  };
}
