/**
 * A province map as a static SVG string for the public portal (no client script). Every province is one <path>
 * filled with the shared colour scale (src/shared/mapScale.ts), with a <title> "name: value" (the browser's
 * tooltip and the accessible name) and, when given, a link. The Hoàng Sa and Trường Sa archipelagos are drawn
 * (each islet or reef as a box at least two pixels wide), framed and named. A legend lists the five classes and "no data".
 *
 * CSP-safe: no script, no style element, no style attribute; only presentation attributes (fill=, stroke=…).
 * Every text and attribute value is escaped. Projection: equirectangular, longitudes scaled by cos(mid latitude),
 * on a grid of 0.01° (coordinates are whole viewBox units), about 80–100 KB for either map.
 */
import { createHash } from 'node:crypto';
import type { MapVersion } from '../../shared/contracts/directory.js';
import { colourFor, mapClasses, NO_DATA_COLOUR, NO_DATA_LABEL, type MapLang, type MapUnit } from '../../shared/mapScale.js';
import { ARCHIPELAGO_LABELS, archipelagoOf, polygonsOf, type Archipelago, type Position } from '../../shared/provinceGeometry.js';
import { escapeHtml } from '../kernel/html.js';
import { buildProvinceGeometry } from '../modules/directory/geometry.js';

export interface ProvinceMapSvgOptions {
  map: MapVersion;
  /** Province code → its value, the text shown for it (tooltip) and an optional link. Missing codes: no data. */
  values: Map<string, { value: number | null; text: string; href?: string }>;
  unit: MapUnit;
  lang: MapLang;
  /** The map's accessible name (<title>). */
  title: string;
  /** Rendered width in CSS pixels (default 520); the height follows the map's aspect ratio. */
  width?: number;
  /** Points drawn over the provinces (e.g. venues), each a circle with its label as <title>; off-map ones are left out. */
  points?: { lon: number; lat: number; label: string }[];
  /** Draw each province as a `<use>` of the map's shapes file (provinceShapesUrl) instead of inlining its outline:
   *  the page carries ~3 KB of map instead of ~40 KB, and the outlines are fetched once and cached for good. */
  externalShapes?: boolean;
}

/** The shapes file of a map: every province's outline as `<path id="p<code>">` (no fill: a `<use>` gives it its
 *  colour), and a hash of it for the versioned URL. */
export function provinceShapesFile(map: MapVersion): { body: string; hash: string } {
  const cached = shapesFiles.get(map);
  if (cached) return cached;
  const geo = projectMap(map);
  const body =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${geo.width} ${geo.height}">` +
    geo.shapes.map((s) => `<path id="p${esc(s.code)}" d="${s.d}"/>`).join('') +
    '</svg>';
  const file = { body, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) };
  shapesFiles.set(map, file);
  return file;
}
const shapesFiles = new Map<MapVersion, { body: string; hash: string }>();

/** The versioned URL of a map's shapes file (served immutable by the portal). */
export function provinceShapesUrl(map: MapVersion): string {
  return `/ban-do/tinh-${map}.svg?v=${provinceShapesFile(map).hash}`;
}

/** Where a longitude/latitude lands in the map's viewBox (the same projection as the provinces' paths). */
export function projectLonLat(map: MapVersion, lon: number, lat: number): Position {
  return projectMap(map).project([lon, lat]);
}

/** The viewBox outline of a province's rings, projected like the drawing (for tests: which province a point is in). */
export function projectedRings(map: MapVersion, code: string): Position[][] {
  const fc = buildProvinceGeometry(map, { decimals: 3, tolerance: 0.005 });
  const f = fc.features.find((x) => x.properties.code === code);
  const { project } = projectMap(map);
  return f ? polygonsOf(f).flatMap((poly) => poly.map((ring) => ring.map(project))) : [];
}

/** viewBox units per degree of latitude (one unit = 0.01°). */
const K = 100;
const PAD = 40;
/** Smallest drawn islet, in units (about 2 px at the default width): the archipelagos must stay visible. */
const MIN_ISLET = 7;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";
const TEXT_COLOUR = '#1b1b1b';

interface Shape {
  code: string;
  nameVi: string;
  nameEn: string;
  d: string;
}
interface Projected {
  width: number;
  height: number;
  shapes: Shape[];
  project: (p: Position) => Position;
  archipelagos: { key: Archipelago; box: [number, number, number, number] }[];
}

/** Numbers of a path command: a space between them unless the next one starts with "-". */
function nums(values: number[]): string {
  let s = '';
  for (const v of values) s += s === '' || v < 0 ? String(v) : ` ${v}`;
  return s;
}

function ringPath(pts: Position[]): string {
  const deltas: number[] = [];
  for (let i = 1; i < pts.length; i++) deltas.push(pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]);
  return `M${nums(pts[0])}l${nums(deltas)}z`;
}

const projected = new Map<MapVersion, Projected>();

function projectMap(map: MapVersion): Projected {
  const cached = projected.get(map);
  if (cached) return cached;
  // Half a grid unit of simplification: nothing visible is lost at 0.01°.
  const fc = buildProvinceGeometry(map, { decimals: 3, tolerance: 0.005 });
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of fc.features)
    for (const poly of polygonsOf(f))
      for (const [x, y] of poly[0]) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  const kx = K * Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const project = ([lon, lat]: Position): Position => [Math.round((lon - minX) * kx) + PAD, Math.round((maxY - lat) * K) + PAD];

  const boxes = new Map<Archipelago, [number, number, number, number]>();
  const shapes = fc.features.map((f) => {
    const rings: string[] = [];
    let fallback: Position | null = null;
    for (const poly of polygonsOf(f)) {
      const arch = archipelagoOf(poly[0]);
      for (const [i, ring] of poly.entries()) {
        const pts: Position[] = [];
        for (const p of ring.map(project)) {
          const last = pts[pts.length - 1];
          if (!last || last[0] !== p[0] || last[1] !== p[1]) pts.push(p);
        }
        if (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        if (i === 0 && arch) {
          const b = boxes.get(arch) ?? [Infinity, Infinity, -Infinity, -Infinity];
          boxes.set(arch, [Math.min(b[0], x0), Math.min(b[1], y0), Math.max(b[2], x1), Math.max(b[3], y1)]);
        }
        fallback ??= pts[0];
        if (arch) {
          // An islet or reef of an archipelago: a small one as its box, at least MIN_ISLET wide and high, so it shows
          // as a dot of the province's colour (a thin reef's outline would vanish under the white border); lagoons are left out.
          if (i > 0) continue;
          if (x1 - x0 >= 2 * MIN_ISLET && y1 - y0 >= 2 * MIN_ISLET) {
            rings.push(ringPath(pts));
            continue;
          }
          const w = Math.max(MIN_ISLET, x1 - x0);
          const h = Math.max(MIN_ISLET, y1 - y0);
          rings.push(`M${Math.round((x0 + x1 - w) / 2)} ${Math.round((y0 + y1 - h) / 2)}h${w}v${h}h${-w}z`);
        } else if (new Set(pts.map((p) => `${p[0]},${p[1]}`)).size >= 3) {
          rings.push(ringPath(pts));
        }
        // Any other ring that collapsed on the grid is an islet (or a hole) too small to see at this scale.
      }
    }
    if (rings.length === 0 && fallback) {
      // Never a province without a shape (none of the shipped units is this small).
      const [x, y] = fallback;
      rings.push(`M${x} ${y}h${MIN_ISLET}v${MIN_ISLET}h${-MIN_ISLET}z`);
    }
    return { code: f.properties.code, nameVi: f.properties.nameVi, nameEn: f.properties.nameEn, d: rings.join('') };
  });
  const [wMax] = project([maxX, minY]);
  const [, hMax] = project([maxX, minY]);
  const result: Projected = {
    width: wMax + PAD,
    height: hMax + PAD,
    shapes,
    project,
    archipelagos: [...boxes.entries()].map(([key, box]) => ({ key, box })),
  };
  projected.set(map, result);
  return result;
}

/** Only site paths, fragments and http(s) URLs become links. */
function safeHref(href: string | undefined): string | null {
  if (!href) return null;
  const h = href.trim();
  if ((h.startsWith('/') && !h.startsWith('//')) || h.startsWith('#') || h.startsWith('?') || /^https?:\/\//i.test(h)) return h;
  return null;
}

const esc = escapeHtml;

const DESC: Record<MapLang, (n: number) => string> = {
  vi: (n) =>
    `Bản đồ ${n} tỉnh, thành phố, gồm cả quần đảo Hoàng Sa (thành phố Đà Nẵng) và quần đảo Trường Sa (tỉnh Khánh Hòa). ` +
    'Màu càng đậm, giá trị càng cao; màu xám: không có số liệu.',
  en: (n) =>
    `Map of the ${n} provinces and cities, including the Hoàng Sa (Paracel) archipelago (Đà Nẵng city) and the Trường Sa (Spratly) ` +
    'archipelago (Khánh Hòa province). Darker means higher; grey: no data.',
};
const LEGEND: Record<MapLang, string> = { vi: 'Chú giải', en: 'Legend' };

export function renderProvinceMapSvg(opts: ProvinceMapSvgOptions): string {
  const { map, values, unit, lang, title } = opts;
  const geo = projectMap(map);
  const max = Math.max(0, ...[...values.values()].map((v) => v.value).filter((v): v is number => v !== null && Number.isFinite(v)));
  const classes = mapClasses(unit, max, lang);
  const id = `pm${map}-${createHash('sha256').update(`${map}|${lang}|${unit}|${title}`).digest('hex').slice(0, 8)}`;
  const width = Math.max(100, Math.round(opts.width ?? 520));
  const height = Math.round((width * geo.height) / geo.width);
  const links = [...values.values()].some((v) => safeHref(v.href));
  const shapesUrl = opts.externalShapes ? provinceShapesUrl(map) : '';

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${geo.width} ${geo.height}" width="${width}" height="${height}" ` +
      `role="${links ? 'group' : 'img'}" aria-labelledby="${id}-t ${id}-d" font-family="${esc(FONT)}" class="province-map">`,
    `<title id="${id}-t">${esc(title)}</title>`,
    `<desc id="${id}-d">${esc(DESC[lang](geo.shapes.length))}</desc>`,
    '<g stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round" fill-rule="evenodd">',
  );
  for (const s of geo.shapes) {
    const v = values.get(s.code);
    const name = lang === 'vi' ? s.nameVi : s.nameEn;
    const label = `<title>${esc(`${name}: ${v?.text ?? NO_DATA_LABEL[lang]}`)}</title>`;
    const fill = colourFor(v?.value ?? null, classes);
    const href = safeHref(v?.href);
    const shape = opts.externalShapes
      ? `<use href="${esc(shapesUrl)}#p${esc(s.code)}" fill="${fill}" data-code="${esc(s.code)}"`
      : `<path d="${s.d}" fill="${fill}" data-code="${esc(s.code)}"`;
    const tag = opts.externalShapes ? 'use' : 'path';
    if (href) out.push(`<a href="${esc(href)}">${label}${shape}/></a>`);
    else out.push(`${shape}>${label}</${tag}>`);
  }
  out.push('</g>');

  // The points (venues): circles over the provinces, each with its <title>.
  const pts = (opts.points ?? [])
    .map((p) => ({ ...p, xy: geo.project([p.lon, p.lat]) }))
    .filter(({ xy: [x, y] }) => x >= 0 && y >= 0 && x <= geo.width && y <= geo.height);
  if (pts.length) {
    out.push('<g fill="#c2410c" stroke="#ffffff" stroke-width="4" class="map-points">');
    for (const p of pts) out.push(`<circle cx="${p.xy[0]}" cy="${p.xy[1]}" r="14"><title>${esc(p.label)}</title></circle>`);
    out.push('</g>');
  }

  // The archipelagos: a dashed frame and a name (Hoàng Sa below its frame, Trường Sa above).
  const FS = 36;
  out.push(`<g font-size="${FS}" fill="${TEXT_COLOUR}" text-anchor="middle">`);
  for (const { key, box } of geo.archipelagos) {
    const [x0, y0, x1, y1] = [box[0] - 12, box[1] - 12, box[2] + 12, box[3] + 12];
    out.push(
      `<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" rx="8" fill="none" stroke="#6b7280" stroke-width="2" stroke-dasharray="8 6"/>`,
    );
    const ty = key === 'hoangSa' ? y1 + FS + 4 : y0 - 12;
    out.push(`<text x="${Math.round((x0 + x1) / 2)}" y="${ty}">${esc(ARCHIPELAGO_LABELS[key][lang])}</text>`);
  }
  out.push('</g>');

  // The legend, west of the central provinces (Laos and Cambodia are not drawn: that area is empty).
  const [lx, ly] = geo.project([102.25, 16.4]);
  const ROW = 54;
  const SW = 36;
  const rows = [...classes.map((c) => ({ colour: c.colour, label: c.label })), { colour: NO_DATA_COLOUR, label: NO_DATA_LABEL[lang] }];
  out.push(`<g font-size="${FS}" fill="${TEXT_COLOUR}">`, `<text x="${lx}" y="${ly}" font-weight="600">${esc(LEGEND[lang])}</text>`);
  rows.forEach((r, i) => {
    const y = ly + 16 + i * ROW;
    out.push(
      `<rect x="${lx}" y="${y}" width="${SW}" height="${SW}" fill="${r.colour}" stroke="#6b7280" stroke-width="1"/>`,
      `<text x="${lx + SW + 12}" y="${y + SW - 8}">${esc(r.label)}</text>`,
    );
  });
  out.push('</g>', '</svg>');
  return out.join('');
}
