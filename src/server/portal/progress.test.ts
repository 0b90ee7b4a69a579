// The public progress page on a real database: figures equal to the indicators service's, formatted; "no data
// source yet" (never a 0) for targets without a module; the trend chart with its data table; the province map on
// both maps with a link per province; the province filter; bad filter values answered with a message (400),
// never a 500; no script, no inline style, the CSP; the sitemap.
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../test/factories.js';
import { readSitemap } from '../../../test/sitemap.js';
import { testApp } from '../../../test/test-db.js';
import type { Db } from '../kernel/db.js';
import { getDashboard } from '../modules/indicators/indicators.service.js';
import { indicatorProviders } from '../modules/providers.js';
import { createPressItem, publishPressItem } from '../modules/press/press.service.js';
import { createSpokesperson } from '../modules/press/spokespersons.service.js';
import { formatValue } from '../../shared/mapScale.js';
import { PORTAL_CSP } from './portal.routes.js';
import { calendar } from './progress.routes.js';
import { summariseStatuses, summaryLine } from './progress.summary.js';

let app: FastifyInstance;
let db: Db;
const org: Record<string, number> = {};
const get = (url: string) => app.inject({ method: 'GET', url });

async function publish(key: string, at: string) {
  const i = await createPressItem(db, seedActor, {
    kind: 'press_release',
    organisationId: org[key],
    title: `Thông cáo của ${key}`,
    bodyHtml: '<p>Nội dung</p>',
  });
  await publishPressItem(db, seedActor, i.id, { publishedAt: new Date(at).toISOString() });
}

beforeAll(async () => {
  const t = await testApp();
  app = t.app;
  db = t.db;
  // Q1 2026 (as in indicators.test.ts): A (Hà Nội) and B (Tuyên Quang) comply; C (ministry) has no spokesperson;
  // D (Tuyên Quang) gave no information. T1 = 2 / 4 nationally, 1 / 1 in Hà Nội, 1 / 2 in Tuyên Quang.
  org.A = (await makeOrg(db, { nameVi: 'UBND thử Hà Nội', kind: 'provincial_committee', provinceCode: '01', isStateAdminAgency: true })).id;
  org.B = (
    await makeOrg(db, { nameVi: 'UBND thử Tuyên Quang', kind: 'provincial_committee', provinceCode: '08', isStateAdminAgency: true })
  ).id;
  org.C = (await makeOrg(db, { nameVi: 'Bộ thử', kind: 'ministry', isStateAdminAgency: true })).id;
  org.D = (
    await makeOrg(db, { nameVi: 'Sở thử Tuyên Quang', kind: 'provincial_department', provinceCode: '08', isStateAdminAgency: true })
  ).id;
  for (const k of ['A', 'B', 'D'])
    await createSpokesperson(db, seedActor, { organisationId: org[k], fullName: `Người phát ngôn ${k}`, validFrom: '2025-01-01' });
  await publish('A', '2026-02-10T09:00:00+07:00');
  await publish('B', '2026-04-05T09:00:00+07:00'); // late for Q1, within the grace days
  await publish('C', '2026-03-01T09:00:00+07:00');
});

/** The block of one indicator (its <article>). */
const block = (html: string, id: string) =>
  new RegExp(`<article class="[^"]*" id="${id.toLowerCase()}"[^>]*>([\\s\\S]*?)</article>`).exec(html)?.[1] ?? '';
const figureOf = (html: string, id: string) => /<strong class="figure-value">([^<]*)<\/strong>/.exec(block(html, id))?.[1];
const mapSvg = (html: string) => /<div class="map-figure">(<svg[\s\S]*?<\/svg>)<\/div>/.exec(html)?.[1] ?? '';
const t1 = async (scope: Record<string, unknown>) => (await getDashboard(db, scope)).figures.find((f) => f.id === 'T1')!;

describe('where the programme stands', () => {
  it("the progress page opens with the summary table (value, 2028 target, status), each target's card after; counts over their target", async () => {
    const res = await get('/tien-do?year=2026&quarter=1');
    const d = await getDashboard(db, { period: '2026-Q1' });
    const s = summariseStatuses(d);
    expect(s.on_track + s.at_risk + s.off_track + s.no_data).toBe(12);
    const line = /<p class="summary-line" data-testid="status-summary">([^<]*)<\/p>/.exec(res.body)?.[1];
    expect(line).toBe(summaryLine(s, 'vi'));
    expect(line).toMatch(/^12 mục tiêu: \d+ đúng tiến độ · \d+ có nguy cơ chậm · \d+ chậm tiến độ · \d+ chưa có số liệu$/);
    const table = /<table class="data summary-table">[\s\S]*?<\/table>/.exec(res.body)?.[0] ?? '';
    expect(res.body.indexOf('summary-table')).toBeLessThan(res.body.indexOf('<article class="indicator'));
    expect(res.body.indexOf('summary-table')).toBeLessThan(res.body.indexOf('<form class="progress-filters"'));
    const rows = [...table.matchAll(/<tr><th scope="row"><a href="#([a-z0-9]+)">[\s\S]*?<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual(['t1', 't2a', 't2b', 't2c', 't2d', 't3', 't4a', 't4b', 't5a', 't5b', 't5c', 't6']);
    const row = (id: string) => rows.find((r) => r[1] === id)?.[0] ?? '';
    expect(row('t1')).toContain('<td class="summary-value">50 %</td>');
    expect(row('t1')).toContain('100% cơ quan');
    expect(row('t1')).toMatch(/class="status status-[a-z-]+"/);
    // Counts with their denominator, the target: T3 over 63 provinces, T4a over 1,000 titles.
    const t3 = d.figures.find((f) => f.id === 'T3')!;
    expect(row('t3')).toContain(`<td class="summary-value">${t3.value} / 63</td>`);
    expect(figureOf(res.body, 'T3')).toBe(`${t3.value} / 63`);
    const t4a = d.figures.find((f) => f.id === 'T4a');
    if (t4a) expect(row('t4a')).toContain(`<td class="summary-value">${t4a.value} / 1.000</td>`);
    // Expected values of counts are whole numbers, in the card and in its trend table.
    for (const m of block(res.body, 'T3').matchAll(/Kỳ vọng[\s\S]*?<\/table>/g)) expect(m[0]).not.toMatch(/\d,\d/);
    expect(/Giá trị kỳ vọng theo lộ trình năm 2026<\/dt><dd>([^<]*)</.exec(block(res.body, 'T3'))?.[1]).toMatch(/^\d+$/);
  });

  it('the home says where the programme stands, then the latest news, fact-checks and exhibitions, then the decision', async () => {
    const year = calendar(new Date()).lastYear;
    const s = summariseStatuses(await getDashboard(db, { period: String(year) }));
    for (const [url, lang] of [
      ['/', 'vi'],
      ['/en/', 'en'],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(/<p class="summary-line" data-testid="status-summary">([^<]*)<\/p>/.exec(res.body)?.[1]).toBe(summaryLine(s, lang));
      const order = ['id="standing-h"', 'id="latest-news-h"', 'id="latest-fc-h"', 'id="purpose"', 'id="targets"', 'id="audiences"'].map(
        (x) => res.body.indexOf(x),
      );
      expect(order.every((i) => i > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      // The headline figures: T1, T3 (over 63), T4a, T5c.
      const headline = /<ul class="headline">[\s\S]*?<\/ul>/.exec(res.body)?.[0] ?? '';
      for (const id of ['T1', 'T3', 'T4a', 'T5c']) expect(headline).toContain(`<span class="ind-id">${id}</span>`);
      expect(headline).toMatch(/<p class="headline-value">\d+ \/ 63<\/p>/);
    }
    const en = (await get('/en/')).body;
    expect(en).toContain('12 targets: ');
    // The latest news: the newest listed release first, its Vietnamese title marked as such on the English home.
    const news = /<section aria-labelledby="latest-news-h"[\s\S]*?<\/section>/.exec(en)?.[0] ?? '';
    expect(news).toMatch(/<a href="\/en\/news\/\d+" lang="vi">Thông cáo của B<\/a>/);
  });
});

describe('progress page', () => {
  it('shows T1 as the indicators service computes it, formatted, in Vietnamese and English', async () => {
    const f = await t1({ period: '2026-Q1' });
    expect(f.value).toBe(0.5);
    const vi = await get('/tien-do?year=2026&quarter=1');
    expect(vi.statusCode).toBe(200);
    expect(vi.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(vi.body).toContain('<html lang="vi">');
    expect(figureOf(vi.body, 'T1')).toBe(formatValue(f.value! * 100, 'percent', 'vi'));
    expect(figureOf(vi.body, 'T1')).toBe('50 %');
    expect(block(vi.body, 'T1')).toContain('2 / 4');
    expect(block(vi.body, 'T1')).toContain('100% cơ quan'); // the decision's wording of the target
    expect(vi.body).toContain('<title>Tiến độ Đề án — Quý 1/2026 — RightsHub</title>');
    expect(vi.body).toContain('aria-current="page"');
    expect(vi.body).not.toContain('sẽ sớm ra mắt');

    const en = await get('/en/progress?year=2026&quarter=1');
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<html lang="en">');
    expect(figureOf(en.body, 'T1')).toBe(formatValue(f.value! * 100, 'percent', 'en'));
    expect(figureOf(en.body, 'T1')).toBe('50%');
    expect(block(en.body, 'T1')).toContain('100% of agencies');
    // The language switch keeps the filter.
    expect(en.body).toMatch(/<a href="\/tien-do\?year=2026&amp;quarter=1" hreflang="vi" lang="vi"/i);
  });

  it('defaults to the current year on the 34-unit map, nationally, and is then indexable', async () => {
    const year = calendar(new Date()).lastYear;
    const f = await t1({ period: String(year) });
    const res = await get('/tien-do');
    expect(res.statusCode).toBe(200);
    expect(figureOf(res.body, 'T1')).toBe(formatValue(f.value === null ? null : f.value * 100, 'percent', 'vi'));
    expect(res.body).toContain(`<option value="${year}" selected="">${year}</option>`);
    expect(res.body).toMatch(/<link rel="canonical" href="[^"]*\/tien-do"\/>/);
    expect(res.body).not.toContain('noindex');
    const filtered = await get('/tien-do?year=2026');
    expect(filtered.body).toContain('<meta name="robots" content="noindex"/>');
  });

  it('has a block for each of the 12 indicators, grouped T1 … T6, and says "no data source yet" rather than 0', async () => {
    // T5c's provider taken out: it stands for a target whose module is not built.
    const t5cProvider = indicatorProviders.find((p) => p.id === 'T5c')!;
    indicatorProviders.splice(indicatorProviders.indexOf(t5cProvider), 1);
    let res: Awaited<ReturnType<typeof get>>, en: Awaited<ReturnType<typeof get>>;
    // (An address of its own: the page cache keys on the data, and this changes the code instead.)
    try {
      res = await get('/tien-do?year=2026&quarter=1&case=no-t5c');
      en = await get('/en/progress?year=2026&quarter=1&case=no-t5c');
    } finally {
      indicatorProviders.push(t5cProvider);
    }
    for (const id of ['T1', 'T2a', 'T2b', 'T2c', 'T2d', 'T3', 'T4a', 'T4b', 'T5a', 'T5b', 'T5c', 'T6'])
      expect(block(res.body, id), id).not.toBe('');
    for (const g of [1, 2, 3, 4, 5, 6]) expect(res.body).toContain(`<h2 id="group-t${g}">Mục tiêu ${g}:`);
    const t5c = block(res.body, 'T5c');
    expect(t5c).toContain('Chưa có nguồn dữ liệu');
    expect(t5c).toContain('<dd class="target-figure">90%</dd>');
    expect(t5c).not.toContain('figure-value');
    expect(t5c).not.toMatch(/>0 %</);
    expect(t5c).not.toContain('<svg');
    expect(t5c).toContain('<details class="method"><summary>Cách tính</summary>');
    expect(block(en.body, 'T5c')).toContain('No data source yet');
    expect(block(en.body, 'T4a')).toContain('1,000 titles');
    // The status is given in words with a shape, not by colour alone.
    expect(block(res.body, 'T1')).toMatch(
      /<span class="status status-(on-track|at-risk|off-track|no-data)"><span class="status-icon" aria-hidden="true">[^<]+<\/span> [^<]+<\/span>/,
    );
    expect(block(res.body, 'T1')).toContain('<details class="method"><summary>Cách tính</summary><p>Tử số:');
  });

  it('draws the trend as an SVG image with a title and description, followed by its data table', async () => {
    const f = await t1({ period: '2026-Q1' });
    const res = await get('/tien-do?year=2026&quarter=1');
    const b = block(res.body, 'T1');
    const svg = /<svg[^>]*class="trend-chart"[^>]*>[\s\S]*?<\/svg>/.exec(b)?.[0] ?? '';
    expect(svg).toMatch(/role="img"/);
    expect(svg).toMatch(/aria-labelledby="trend-t1-t trend-t1-d"/);
    expect(svg).toMatch(/<title id="trend-t1-t">Diễn biến: T1 — [^<]+<\/title>/);
    expect(svg).toMatch(/<desc id="trend-t1-d">[^<]*Quý 1\/2026: 50 %[^<]*<\/desc>/);
    expect(svg).toContain('<rect');
    expect(svg).not.toMatch(/\sstyle=/);
    // The table comes right after the chart: one row per period of the trend.
    const after = b.slice(b.indexOf('</svg>') + 6);
    expect(after.startsWith('<table class="data trend-data"><caption>Diễn biến T1 theo kỳ</caption>')).toBe(true);
    const table = /<table class="data trend-data">([\s\S]*?)<\/table>/.exec(after)![1]!;
    const rows = [...table.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>([^<]+)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(rows.map((r) => r[0])).toEqual(['Quý 4/2024', 'Quý 1/2025', 'Quý 2/2025', 'Quý 3/2025', 'Quý 4/2025', 'Quý 1/2026']);
    expect(rows.map((r) => r[1])).toEqual(f.trend.map((p) => formatValue(p.value === null ? null : p.value * 100, 'percent', 'vi')));
    // A year shows the programme's years.
    const year = await get('/en/progress?year=2026');
    const yRows = [...block(year.body, 'T1').matchAll(/<tr><th scope="row">(\d{4})<\/th>/g)].map((m) => m[1]);
    expect(yRows).toEqual(['2023', '2024', '2025', '2026']);
  });

  it('draws the province map with one linked shape per province, on the 34- and the 63-unit map, and a table below', async () => {
    const m34 = await get('/tien-do?year=2026&quarter=1');
    const svg34 = mapSvg(m34.body);
    expect(svg34).toMatch(/^<svg[^>]*aria-labelledby=/);
    // Each province is a <use> of the map's shapes file (fetched once, cached for good), coloured by its value.
    const uses34 = [...svg34.matchAll(/<use href="([^"#]+)#p(\d+)" fill="(#[0-9a-f]{6})" data-code="(\d+)"/g)];
    expect(new Set(uses34.map((m) => m[4])).size).toBe(34);
    expect((svg34.match(/<use /g) ?? []).length).toBe(34);
    expect(uses34.every((m) => m[2] === m[4])).toBe(true);
    const shapesUrl = uses34[0]![1]!.replace(/&amp;/g, '&');
    expect(shapesUrl).toMatch(/^\/ban-do\/tinh-34\.svg\?v=[0-9a-f]{12}$/);
    const shapes = await app.inject({ method: 'GET', url: shapesUrl, headers: { 'accept-encoding': 'gzip' } });
    expect(shapes.statusCode).toBe(200);
    expect(shapes.headers['content-type']).toBe('image/svg+xml');
    expect(shapes.headers['cache-control']).toContain('immutable');
    const shapesBody = zlib.gunzipSync(shapes.rawPayload).toString();
    expect(new Set([...shapesBody.matchAll(/<path id="p(\d+)" d="M[^"]+"\/>/g)].map((m) => m[1]))).toEqual(
      new Set(uses34.map((m) => m[2])),
    );
    const again = await app.inject({
      method: 'GET',
      url: shapesUrl,
      headers: { 'accept-encoding': 'gzip', 'if-none-match': shapes.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect(svg34).toContain('<a href="/tien-do?year=2026&amp;quarter=1&amp;province=01">');
    expect(svg34).toContain('Tuyên Quang: 50 % (1 / 2)');
    expect(svg34).not.toMatch(/\sstyle=/);
    // The table below the map: province, value, numerator / denominator; each province links to its filtered page.
    const table = /<table class="data province-table">([\s\S]*?)<\/table>/.exec(m34.body)?.[1] ?? '';
    expect(table).toContain(
      '<th scope="row"><a href="/tien-do?year=2026&amp;quarter=1&amp;province=08">Tuyên Quang</a></th><td>50 %</td><td>1 / 2</td>',
    );
    expect(table).toContain('<td>Không có số liệu</td><td>0 / 0</td>');
    expect((table.match(/<tr/g) ?? []).length).toBe(1 + 34 + 1); // header, 34 provinces, central agencies

    const m63 = await get('/en/progress?year=2026&quarter=1&map=63');
    expect(m63.statusCode).toBe(200);
    const svg63 = mapSvg(m63.body);
    expect(
      new Set([...svg63.matchAll(/<use href="\/ban-do\/tinh-63\.svg\?v=[0-9a-f]{12}#p(\d+)"[^>]*data-code="(\d+)"/g)].map((m) => m[2]))
        .size,
    ).toBe(63);
    expect((svg63.match(/<use /g) ?? []).length).toBe(63);
    expect(svg63).toContain('<a href="/en/progress?year=2026&amp;quarter=1&amp;map=63&amp;province=02">');
    expect(m63.body).toContain('counted via the new province'); // Hà Giang: agencies of the new Tuyên Quang
  });

  it('a province filter changes the figures; the map still shows the whole country', async () => {
    const f = await t1({ period: '2026-Q1', province: '01' });
    expect(f.value).toBe(1);
    const res = await get('/tien-do?year=2026&quarter=1&province=01');
    expect(res.statusCode).toBe(200);
    expect(figureOf(res.body, 'T1')).toBe(formatValue(100, 'percent', 'vi'));
    expect(block(res.body, 'T1')).toContain('1 / 1');
    expect(res.body).toContain('<title>Tiến độ Đề án — Quý 1/2026 — Hà Nội — RightsHub</title>');
    expect(res.body).toContain('<option value="01" selected="">Hà Nội</option>');
    expect(mapSvg(res.body)).toContain('Tuyên Quang: 50 % (1 / 2)');
    expect(res.body).toMatch(/<tr class="selected"><th scope="row"><a href="[^"]*province=01" aria-current="true">Hà Nội<\/a>/);
    const tq = await get('/en/progress?year=2026&quarter=1&map=63&province=02');
    expect(figureOf(tq.body, 'T1')).toBe('50%');
  });

  it('reads a former unit on the 34-unit map as the province it became part of', async () => {
    const res = await get('/tien-do?year=2026&quarter=1&province=02');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Mã 02 (Hà Giang) là đơn vị của bản đồ 63 đơn vị, nay thuộc Tuyên Quang');
    expect(figureOf(res.body, 'T1')).toBe('50 %');
  });

  it('answers bad filter values with a clear message and the defaults, never a 500', async () => {
    const year = calendar(new Date()).lastYear;
    const cases: [string, string][] = [
      ['/tien-do?year=1999', 'Kỳ &quot;1999&quot; không hợp lệ'],
      ['/tien-do?year=abc', 'Kỳ &quot;abc&quot; không hợp lệ'],
      ['/tien-do?period=2026-Q7', 'Kỳ &quot;2026-Q7&quot; không hợp lệ'],
      ['/tien-do?year=2025&quarter=9', 'Kỳ &quot;2025-Q9&quot; không hợp lệ'],
      ['/tien-do?map=99', 'Bản đồ &quot;99&quot; không có'],
      ['/tien-do?province=99', 'Không có tỉnh, thành phố mã &quot;99&quot;'],
      ['/tien-do?indicator=T5a', 'Chỉ số &quot;T5a&quot; không có số liệu theo tỉnh'],
      ['/en/progress?year=2031', 'The period &quot;2031&quot; is not valid'],
      [`/en/progress?year=${'9'.repeat(300)}&quarter=%3Cscript%3E`, 'is not valid'],
    ];
    for (const [url, message] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.body, url).toContain(message);
      expect(res.body, url).toContain('<div class="notice filter-errors" aria-labelledby="errors-h">');
      expect(res.body, url).toMatch(/<title>(Lỗi bộ lọc|Filter error): /);
      expect(res.body, url).toContain('<meta name="robots" content="noindex"/>');
      expect(figureOf(res.body, 'T1'), url).toBeDefined(); // the page still shows the figures, with the defaults
      expect(res.body, url).not.toContain('<script>');
    }
    const bad = await get('/tien-do?year=1999');
    expect(bad.body).toContain(`<option value="${year}" selected="">${year}</option>`);
  });

  it('uses no script, no inline style, and sends the portal CSP', async () => {
    for (const url of ['/tien-do', '/en/progress?year=2026&quarter=1&map=63&province=02']) {
      const res = await get(url);
      expect(res.headers['content-security-policy'], url).toBe(PORTAL_CSP);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      // The only script element allowed is the JSON-LD data block of indexable pages, which browsers never run.
      for (const tag of res.body.match(/<script[^>]*>/gi) ?? []) expect(tag, url).toBe('<script type="application/ld+json">');
      expect(res.body, url).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
      expect(res.body, url).not.toMatch(/\sstyle=|<style/i);
      expect(res.body, url).not.toMatch(/\son[a-z]+=/i);
      expect(res.body, url).toMatch(/<form class="progress-filters"[^>]* method="get"/);
      expect(res.body, url).toContain('href="#main"');
    }
    const filtered = await get('/tien-do?year=2026');
    expect(filtered.body).not.toMatch(/<script/i);
  });

  it('is in the sitemap in both languages; a trailing slash redirects', async () => {
    const map = await readSitemap(get);
    expect(map.body).toMatch(/<loc>[^<]*\/tien-do<\/loc>/);
    expect(map.body).toMatch(/<loc>[^<]*\/en\/progress<\/loc>/);
    const slash = await get('/tien-do/');
    expect(slash.statusCode).toBe(301);
    expect(slash.headers.location).toBe('/tien-do');
  });
});
