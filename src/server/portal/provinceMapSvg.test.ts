// The portal's static province map: well-formed SVG, one path per province, names and values in the titles,
// the archipelagos named, a legend, links, and nothing a strict CSP would refuse or a province name could inject.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { MAP_PALETTE, NO_DATA_COLOUR } from '../../shared/mapScale.js';
import { readReference } from '../modules/directory/directory.reference.js';
import { projectedRings, projectLonLat, renderProvinceMapSvg } from './provinceMapSvg.js';

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['path', 'a', 'text', 'rect', 'g'].includes(name),
});

/** Every element named `name`, anywhere below `node`. */
function all(node: unknown, name: string, out: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const n of node) all(n, name, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === name) for (const n of Array.isArray(v) ? v : [v]) out.push(n as Node);
      if (!k.startsWith('@')) all(v, name, out);
    }
  }
  return out;
}
const titleText = (n: Node) =>
  String((n.title as Node | string | undefined) && (typeof n.title === 'object' ? (n.title as Node)['#text'] : n.title));

describe('renderProvinceMapSvg', () => {
  it.each([['34'], ['63']] as const)(
    'draws the %s-unit map: one path per province with its name and value, well-formed and small',
    (map) => {
      const csv = readReference(`provinces-${map}.csv`);
      const values = new Map<string, { value: number | null; text: string }>(
        csv.map((r, i) => [r.code, { value: (i * 17) % 101, text: `${(i * 17) % 101} %` }]),
      );
      values.set('01', { value: null, text: 'chưa có số liệu' });
      const svg = renderProvinceMapSvg({ map, values, unit: 'percent', lang: 'vi', title: 'Tiến độ mục tiêu T1' });
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg.length).toBeLessThan(250_000);
      const doc = parser.parse(svg) as { svg: Node };
      const root = doc.svg;
      expect(root['@role']).toBe('img');
      const [t, d] = String(root['@aria-labelledby']).split(' ');
      expect((root.title as Node)['@id']).toBe(t);
      expect((root.title as Node)['#text']).toBe('Tiến độ mục tiêu T1');
      expect((root.desc as Node)['@id']).toBe(d);
      expect(String((root.desc as Node)['#text'])).toMatch(/Hoàng Sa.*Trường Sa/);

      const paths = all(root, 'path');
      expect(paths).toHaveLength(csv.length);
      expect(paths.map((p) => p['@data-code']).sort()).toEqual(csv.map((r) => r.code).sort());
      for (const p of paths) {
        const r = csv.find((x) => x.code === p['@data-code'])!;
        expect(titleText(p)).toBe(`${r.name_vi}: ${values.get(r.code)!.text}`);
        expect(String(p['@d'])).toMatch(/^M[-\d ]+[lhvz]/);
        expect([...MAP_PALETTE, NO_DATA_COLOUR]).toContain(p['@fill']);
      }
      expect(paths.find((p) => p['@data-code'] === '01')!['@fill']).toBe(NO_DATA_COLOUR);
      expect(paths.find((p) => p['@data-code'] === csv[1].code)!['@fill']).toBe(MAP_PALETTE[0]); // 17 %

      const texts = all(root, 'text').map((n) => String(typeof n === 'object' ? n['#text'] : n));
      expect(texts).toEqual(
        expect.arrayContaining(['Q.Đ. Hoàng Sa', 'Q.Đ. Trường Sa', 'Chú giải', '0–20 %', '80–100 %', 'Không có số liệu']),
      );
      // Nothing a strict CSP refuses: no script, no style element or attribute, no event handler.
      expect(svg).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    },
  );

  it('draws the archipelagos inside Đà Nẵng and Khánh Hòa, east of the mainland', () => {
    const svg = renderProvinceMapSvg({ map: '34', values: new Map(), unit: 'count', lang: 'en', title: 'Map' });
    const paths = all(parser.parse(svg), 'path');
    // The right-most x of a path's moveto points: the archipelagos are far east of every mainland province.
    const maxX = (p: Node) => Math.max(...[...String(p['@d']).matchAll(/M(-?\d+) /g)].map((m) => Number(m[1])));
    const east = paths
      .filter((p) => maxX(p) > 1000)
      .map((p) => p['@data-code'])
      .sort();
    expect(east).toEqual(['48', '56']);
    expect(svg).toContain('Hoàng Sa (Paracel) Is.');
    expect(svg).toContain('Trường Sa (Spratly) Is.');
    expect(svg).toContain('>No data<');
    expect(titleText(paths.find((p) => p['@data-code'] === '01')!)).toBe('Ha Noi: No data');
  });

  it('links provinces, uses the count scale and escapes every text', () => {
    const values = new Map([
      ['01', { value: 1200, text: '1.200 <script>alert(1)</script>', href: '/en/progress?unit=01&x="1"' }],
      ['79', { value: 5, text: 'a & b', href: 'javascript:alert(1)' }],
      ['48', { value: 600, text: '600', href: 'https://example.org/p' }],
    ]);
    const svg = renderProvinceMapSvg({ map: '34', values, unit: 'count', lang: 'vi', title: 'Số tin bài <b>"T1"</b>', width: 400 });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('javascript:');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const root = parser.parse(svg).svg as Node;
    expect(root['@role']).toBe('group'); // links inside stay reachable for assistive technology
    expect(root['@width']).toBe('400');
    expect((root.title as Node)['#text']).toBe('Số tin bài <b>"T1"</b>');
    const links = all(root, 'a');
    expect(links.map((a) => a['@href'])).toEqual(['/en/progress?unit=01&x="1"', 'https://example.org/p']);
    expect(titleText(links[0])).toBe('Hà Nội: 1.200 <script>alert(1)</script>');
    expect(all(links[0], 'path')).toHaveLength(1);
    expect(all(root, 'path')).toHaveLength(34);
    // Counts up to 1,200 → steps of 250; the legend says so.
    const texts = all(root, 'text').map((n) => String(n['#text']));
    expect(texts).toContain('1.001–1.250');
    expect(texts).toContain('0'); // a count of zero has a class of its own
  });
});

/** Even-odd point-in-polygon over all the rings (holes subtract). */
function inside([x, y]: number[], rings: number[][][]): boolean {
  let c = false;
  for (const r of rings)
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      if (r[i][1] > y !== r[j][1] > y && x < ((r[j][0] - r[i][0]) * (y - r[i][1])) / (r[j][1] - r[i][1]) + r[i][0]) c = !c;
    }
  return c;
}

describe('venue points on the portal map', () => {
  const CITIES: [string, number, number, string][] = [
    ['Hà Nội', 105.8542, 21.0285, '01'],
    ['Huế', 107.5909, 16.4637, '46'],
    ['Đà Lạt', 108.4583, 11.9404, '68'],
    ['TP. Hồ Chí Minh', 106.7009, 10.7769, '79'],
    ['Cần Thơ', 105.7469, 10.0452, '92'],
  ];
  it.each([['34'], ['63']] as const)('projects a city inside its province on the %s-unit map, and only there', (map) => {
    for (const [city, lon, lat, code] of CITIES) {
      const p = projectLonLat(map, lon, lat);
      expect(inside(p, projectedRings(map, code)), city).toBe(true);
      expect(inside(p, projectedRings(map, code === '01' ? '79' : '01')), city).toBe(false);
    }
  });

  it('draws each venue as a circle with its label as <title>, escaped, and leaves off-map points out', () => {
    const svg = renderProvinceMapSvg({
      map: '63',
      values: new Map(),
      unit: 'count',
      lang: 'vi',
      title: 'Triển lãm',
      points: [
        { lon: 105.8542, lat: 21.0285, label: 'Triển lãm <b>A</b> — Hà Nội' },
        { lon: 6.14, lat: 46.2, label: 'Genève' },
      ],
    });
    expect(XMLValidator.validate(svg)).toBe(true);
    const circles = all(parser.parse(svg), 'circle');
    expect(circles).toHaveLength(1);
    expect(titleText(circles[0]!)).toBe('Triển lãm <b>A</b> — Hà Nội');
    expect(svg).toContain('&lt;b&gt;A&lt;/b&gt;');
    expect([Number(circles[0]!['@cx']), Number(circles[0]!['@cy'])]).toEqual(projectLonLat('63', 105.8542, 21.0285));
  });
});
