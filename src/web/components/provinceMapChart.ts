// The ECharts side of <ProvinceMap>: loaded on demand with import() (its own chunk), registering only what a
// province map needs from echarts/core: the map series, the tooltip and the SVG renderer (real DOM paths, so the
// map is crisp at any zoom and a browser test can hover and click it). Colours come from the shared scale
// (src/shared/mapScale.ts) as each province's areaColor; the legend and the archipelago names are HTML drawn by
// <ProvinceMap>, so no visualMap or graphic component is bundled.
import { MapChart, type MapSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { getMap, init, registerMap, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { colourFor, formatValue, type MapClass, type MapLang, type MapUnit } from '../../shared/mapScale';
import type { ProvinceGeoJson } from '../../shared/provinceGeometry';

use([MapChart, TooltipComponent, SVGRenderer]);

export type ProvinceMapOption = ComposeOption<MapSeriesOption | TooltipComponentOption>;
export type { ECharts };
export { init };

/** ECharts' name of a map version's registered geometry. */
export const mapName = (map: '34' | '63') => `vn${map}`;

/** Registers the geometry once per session (it never changes while the page lives). */
export function ensureMap(map: '34' | '63', geo: ProvinceGeoJson): string {
  const name = mapName(map);
  if (!getMap(name)) registerMap(name, geo as unknown as Parameters<typeof registerMap>[1]);
  return name;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

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
    series: [{
      type: 'map',
      map: mapName(map),
      nameProperty: 'code',
      aspectScale: ASPECT_SCALE,
      roam: false,
      selectedMode: false,
      left: 4, right: 4, top: 4, bottom: 4,
      label: { show: false },
      itemStyle: { areaColor: colourFor(null, classes), borderColor: '#ffffff', borderWidth: 0.6 },
      // Hover: a thick dark outline, the colour stays (it carries the value).
      emphasis: { label: { show: false }, itemStyle: { borderColor: '#1b1b1b', borderWidth: 1.5 } },
      data,
    }],
  };
}
