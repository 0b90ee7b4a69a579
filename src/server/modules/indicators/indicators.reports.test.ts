// The official reports against a hand-worked fixture, read back with independent readers: the workbook with
// exceljs, the Word document by unzipping it (node:zlib) and reading word/document.xml. Their figures must be
// the dashboard's; targets without a data source say so (never 0). Then the routes: signed in or 401.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { takeOutSources } from '../../../../test/indicator-sources.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import { unzip } from '../../../../test/zip.js';
import type { Db } from '../../kernel/db.js';
import { createPressItem, publishPressItem } from '../press/press.service.js';
import { createSpokesperson } from '../press/spokespersons.service.js';
import { indicatorProviders } from '../providers.js';
import { buildIndicatorWorkbook } from './indicators.excel.js';
import type { IndicatorProvider, IndicatorRecord } from './indicators.registry.js';
import { formatFigure } from './indicators.reports.js';
import { drillDown, getDashboard } from './indicators.service.js';
import { buildIndicatorReport, placeAndDate } from './indicators.word.js';
import { periodLabel } from '../../../shared/labels';

let t: Awaited<ReturnType<typeof testApp>>;
let db: Db;
let viewer: Session;
const org: Record<string, number> = {};
const NOW = new Date('2026-12-01T00:00:00Z');
const Q1 = { period: '2026-Q1' };

async function publish(key: string, at: string) {
  const i = await createPressItem(db, seedActor, {
    kind: 'press_release',
    organisationId: org[key],
    title: `Thông cáo của ${key}`,
    bodyHtml: '<p>Nội dung</p>',
  });
  await publishPressItem(db, seedActor, i.id, { publishedAt: new Date(at).toISOString() }, NOW);
}

// The reports are checked against T1 alone; the other modules' providers and facts are tested with their module.
let restore: () => void;
beforeAll(() => {
  restore = takeOutSources((id) => id !== 'T1');
});
afterAll(() => restore());

beforeAll(async () => {
  t = await testApp();
  db = t.db;
  // Q1 2026: A (Hà Nội, on time) and B (Tuyên Quang, late within the grace days) comply; C (ministry) has no spokesperson → 2/3.
  org.A = (await makeOrg(db, { nameVi: 'UBND thử Hà Nội', kind: 'provincial_committee', provinceCode: '01', isStateAdminAgency: true })).id;
  org.B = (
    await makeOrg(db, { nameVi: 'UBND thử Tuyên Quang', kind: 'provincial_committee', provinceCode: '08', isStateAdminAgency: true })
  ).id;
  org.C = (await makeOrg(db, { nameVi: 'Bộ thử', kind: 'ministry', isStateAdminAgency: true })).id;
  for (const k of ['A', 'B'])
    await createSpokesperson(db, seedActor, { organisationId: org[k], fullName: `Người phát ngôn ${k}`, validFrom: '2025-01-01' });
  await publish('A', '2026-02-10T09:00:00+07:00');
  await publish('B', '2026-04-05T09:00:00+07:00');
  await publish('C', '2026-03-01T09:00:00+07:00');
  const u = await makeUser(db, 'viewer');
  viewer = await signIn(t.app, u.username, u.password);
});

// ---------------------------------------------------------------- readers

/** The text of a document.xml: the runs' text, in order, with paragraphs on their own lines. */
const docText = (xml: string) =>
  xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

async function workbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function rowsOf(ws: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const out: ExcelJS.CellValue[][] = [];
  ws.eachRow({ includeEmpty: true }, (r, n) => {
    out[n - 1] = (r.values as ExcelJS.CellValue[]).slice(1);
  });
  return Array.from(out, (r) => r ?? []);
}

// ---------------------------------------------------------------- the workbook

describe('the Excel workbook', () => {
  it("has one summary row per indicator with the dashboard's numbers as numbers; no data source is said, never 0", async () => {
    const d = await getDashboard(db, Q1);
    const f = d.figures.find((x) => x.id === 'T1')!;
    expect([f.numerator, f.denominator]).toEqual([2, 3]);
    const wb = await workbook(await buildIndicatorWorkbook(db, Q1, 'vi'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Phạm vi', 'T1']);
    const sum = wb.getWorksheet('Tổng hợp')!;
    const rows = rowsOf(sum);
    expect(rows[0]).toEqual([
      'Mã',
      'Chỉ tiêu',
      'Mục tiêu đến năm 2028',
      'Giá trị',
      'Tử số',
      'Mẫu số',
      'Kỳ vọng theo lộ trình (2026)',
      'Đánh giá',
      'Nguồn dữ liệu',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['T1', 'T2a', 'T2b', 'T2c', 'T2d', 'T3', 'T4a', 'T4b', 'T5a', 'T5b', 'T5c', 'T6']);
    const t1 = sum.getRow(2);
    expect(t1.getCell(4).value).toBe(f.value);
    expect(t1.getCell(4).numFmt).toBe('0.0%');
    expect([t1.getCell(5).value, t1.getCell(6).value, t1.getCell(7).value]).toEqual([f.numerator, f.denominator, f.expected]);
    expect(t1.getCell(8).value).toBe(
      { on_track: 'Đúng tiến độ', at_risk: 'Có nguy cơ', off_track: 'Chậm tiến độ', no_data: 'Chưa có số liệu' }[f.status],
    );
    for (let r = 3; r <= 13; r++) {
      const row = sum.getRow(r);
      expect(row.getCell(4).value, `row ${r}`).toBe('Chưa có nguồn dữ liệu');
      expect(row.getCell(8).value).toBe('Chưa có nguồn dữ liệu');
      for (const c of [5, 6, 7]) expect(row.getCell(c).value ?? null, `row ${r} col ${c}`).toBeNull();
    }
    expect(sum.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sum.autoFilter).toBeTruthy();
    expect(sum.getRow(1).font?.bold).toBe(true);
  });

  it('states the scope and the status rule', async () => {
    const wb = await workbook(
      await buildIndicatorWorkbook(db, { period: '2026-Q1', map: '34', province: '08' }, 'vi', { now: new Date('2026-04-20T03:00:00Z') }),
    );
    const text = rowsOf(wb.getWorksheet('Phạm vi')!)
      .map((r) => r.join(' | '))
      .join('\n');
    expect(text).toContain('quý I năm 2026 (01/01/2026 – 31/03/2026)');
    expect(text).not.toContain('2026-Q1');
    expect(text).toContain('Tuyên Quang (08)');
    expect(text).toContain('10:00 ngày 20/04/2026');
    expect(text).toContain('Đúng tiến độ: đạt hoặc vượt giá trị kỳ vọng');
  });

  it('gives each available indicator a sheet: figure, trend, breakdowns, and every record of the denominator', async () => {
    const scope = { period: '2026-Q1', map: '63' } as const;
    const f = (await getDashboard(db, scope)).figures.find((x) => x.id === 'T1')!;
    const den = await drillDown(db, 'T1', { ...scope, part: 'denominator' });
    const ws = (await workbook(await buildIndicatorWorkbook(db, scope, 'vi'))).getWorksheet('T1')!;
    const rows = rowsOf(ws);
    const at = (label: string) => rows.findIndex((r) => r[0] === label);
    expect(rows[at('Tử số')][1]).toBe(f.numerator);
    expect(rows[at('Mẫu số')][1]).toBe(f.denominator);
    expect(rows[at('Giá trị')][1]).toBe(f.value);
    // trend
    const trend = at('Xu hướng');
    expect(rows.slice(trend + 2, trend + 2 + f.trend.length).map((r) => r[0])).toEqual(f.trend.map((p) => periodLabel(p.period, 'vi')));
    // province on the 63-unit map: Hà Giang and Tuyên Quang attributed from the new Tuyên Quang
    const tq = rows.find((r) => r[0] === '02')!;
    expect(tq.slice(1, 5)).toEqual(['Hà Giang', 1, 1, 1]);
    expect(String(tq[5])).toMatch(/^Quy đổi/);
    expect(rows.find((r) => r[0] === '01')![5] ?? null).toBeNull();
    expect(rows.some((r) => r[1] === 'UBND tỉnh, thành phố')).toBe(true); // by kind
    // every record of the denominator
    const head = rows.findIndex((r) => r[0] === 'Mã hồ sơ');
    expect(rows[head]).toEqual(['Mã hồ sơ', 'Hồ sơ', 'Tổ chức', 'Tỉnh, thành phố', 'Được tính', 'Chi tiết', 'Hồ sơ liên quan']);
    const recs = rows.slice(head + 1).filter((r) => r.length);
    expect(recs.map((r) => r[0]).sort()).toEqual(den.records.map((r) => r.id).sort());
    expect(recs.map((r) => r[0]).sort()).toEqual([org.A, org.B, org.C].sort());
    const a = recs.find((r) => r[0] === org.A)!;
    expect(a.slice(1, 5)).toEqual(['UBND thử Hà Nội', 'UBND thử Hà Nội', 'Hà Nội', 'Có']);
    expect(String(a[5])).toContain('đúng hạn');
    expect(String(a[6])).toContain('Thông cáo của A');
    expect(recs.find((r) => r[0] === org.C)![4]).toBe('Không');
    expect(ws.autoFilter).toBe(`A${head + 1}:G${head + 1 + recs.length}`);
  });

  it('speaks English when asked', async () => {
    const wb = await workbook(await buildIndicatorWorkbook(db, Q1, 'en'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Scope', 'T1']);
    const sum = wb.getWorksheet('Summary')!;
    expect(sum.getRow(1).getCell(4).value).toBe('Value');
    expect(sum.getRow(3).getCell(4).value).toBe('No data source yet');
    expect(rowsOf(wb.getWorksheet('T1')!).some((r) => r[0] === 'Record id')).toBe(true);
  });
});

describe('a large denominator', () => {
  // A stand-in provider for a later module (T4b, a percent): 2,345 products, every third one counts.
  const N = 2345;
  const fake: IndicatorProvider = {
    id: 'T4b',
    async records() {
      return Array.from({ length: N }, (_, i): IndicatorRecord => ({
        type: 'product',
        id: i + 1,
        label: `Sản phẩm ${i + 1}`,
        counts: i % 3 === 0,
        inDenominator: true,
        unit: { map: '34', code: '01' },
        orgKind: 'press',
        organisationId: null,
        organisationName: null,
        detail: null,
        href: null,
      }));
    },
  };
  beforeAll(() => {
    indicatorProviders.push(fake);
  });
  afterAll(() => {
    indicatorProviders.splice(indicatorProviders.indexOf(fake), 1);
  });

  it('lists every record, paging through the drill-down', async () => {
    const f = (await getDashboard(db, Q1)).figures.find((x) => x.id === 'T4b')!;
    const wb = await workbook(await buildIndicatorWorkbook(db, Q1, 'en'));
    const sum = rowsOf(wb.getWorksheet('Summary')!).find((r) => r[0] === 'T4b')!;
    expect(sum.slice(3, 6)).toEqual([f.value, 782, N]);
    const rows = rowsOf(wb.getWorksheet('T4b')!);
    const head = rows.findIndex((r) => r[0] === 'Record id');
    const ids = rows.slice(head + 1).map((r) => r[0]);
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);
  });
});

// ---------------------------------------------------------------- a province's own targets

describe("a province's report judges it against its own targets, as the dashboard does", () => {
  // Stand-in providers: T3 (a count of provinces with an exhibition; a province's own target is its former units) and
  // T4a (book titles: a national count, a province only contributes). Both have one record in the new Tuyên Quang
  // (08), formed from two former units (Hà Giang, Tuyên Quang).
  const record = (type: string, id: number): IndicatorRecord => ({
    type,
    id,
    label: `${type} ${id}`,
    counts: true,
    inDenominator: true,
    unit: { map: '34', code: '08' },
    orgKind: 'press',
    organisationId: null,
    organisationName: null,
    detail: null,
    href: null,
  });
  const fakes: IndicatorProvider[] = [
    { id: 'T3', records: async () => [record('exhibition', 1)] },
    { id: 'T4a', records: async () => [record('product', 2)] },
  ];
  const TQ = { period: '2026-Q1', map: '34', province: '08' } as const;
  beforeAll(() => {
    indicatorProviders.push(...fakes);
  });
  afterAll(() => {
    for (const f of fakes) indicatorProviders.splice(indicatorProviders.indexOf(f), 1);
  });

  it("in the workbook: T3 against the province's own target, T4a as a contribution not judged", async () => {
    const d = await getDashboard(db, TQ);
    const t3 = d.figures.find((x) => x.id === 'T3')!;
    expect(t3.target).toEqual({ kind: 'at_least', value: 2 });
    expect(d.figures.find((x) => x.id === 'T4a')!.target).toBeNull();
    const wb = await workbook(await buildIndicatorWorkbook(db, TQ, 'vi'));
    const sum = rowsOf(wb.getWorksheet('Tổng hợp')!);
    const row = (id: string) => sum.find((r) => r[0] === id)!;
    expect(row('T3')[2]).toBe('≥ 2 (chỉ tiêu riêng)');
    expect(row('T3')[6]).toBe(t3.expected);
    expect(row('T3')[7]).toBe(
      { on_track: 'Đúng tiến độ', at_risk: 'Có nguy cơ', off_track: 'Chậm tiến độ', no_data: 'Chưa có số liệu' }[t3.status],
    );
    expect(row('T4a')[2]).toBe('—');
    expect(row('T4a')[6] ?? null).toBeNull();
    expect(row('T4a')[7]).toBe('Không đánh giá (phần đóng góp)');
    // T1, a share, keeps the decision's target.
    expect(row('T1')[2]).toBe(d.indicators.find((x) => x.id === 'T1')!.targetLabel.vi);
    const sheet = rowsOf(wb.getWorksheet('T3')!);
    expect(sheet.find((r) => r[0] === 'Chỉ tiêu của phạm vi báo cáo')?.[1]).toBe('≥ 2');
    expect(String(rowsOf(wb.getWorksheet('T4a')!).find((r) => r[0] === 'Chỉ tiêu của phạm vi báo cáo')?.[1])).toContain(
      'đóng góp vào chỉ tiêu toàn quốc ≥ 1.000',
    );
    const scope = rowsOf(wb.getWorksheet('Phạm vi')!).find((r) => r[0] === 'Tình hình chung')!;
    expect(String(scope[1])).toMatch(/^trong 12 chỉ tiêu: .*1 không đánh giá \(phần đóng góp\)/);
  });

  it('in the Word report: the own target is stated, the contribution is not judged, the standing is said', async () => {
    const text = docText(
      unzip(await buildIndicatorReport(db, TQ, 'vi'))
        .get('word/document.xml')!
        .toString('utf8'),
    );
    expect(text).toContain('Chỉ tiêu riêng của phạm vi báo cáo (phần của địa bàn trong chỉ tiêu toàn quốc): ≥ 2.');
    expect(text).toContain('kết quả là phần đóng góp vào chỉ tiêu toàn quốc');
    expect(text).toMatch(/Tình hình chung: trong 12 chỉ tiêu: /);
    const en = docText(
      unzip(await buildIndicatorReport(db, TQ, 'en'))
        .get('word/document.xml')!
        .toString('utf8'),
    );
    expect(en).toContain("This scope's own target (its share of the national target): ≥ 2.");
    expect(en).toContain('Not judged (a contribution)');
  });

  it("in the country's report, each province row of T3 says its status against its own target", async () => {
    const scope = { period: '2026-Q1', map: '34' } as const;
    const f = (await getDashboard(db, scope)).figures.find((x) => x.id === 'T3')!;
    const tqRow = f.breakdowns.province!.find((r) => r.key === '08')!;
    expect(tqRow.status).toBeTruthy();
    const rows = rowsOf((await workbook(await buildIndicatorWorkbook(db, scope, 'vi'))).getWorksheet('T3')!);
    expect(rows.some((r) => r[6] === 'Đánh giá (theo chỉ tiêu riêng của tỉnh)')).toBe(true);
    const words = { on_track: 'Đúng tiến độ', at_risk: 'Có nguy cơ', off_track: 'Chậm tiến độ', no_data: 'Chưa có số liệu' };
    expect(rows.find((r) => r[0] === '08')![6]).toBe(words[tqRow.status!]);
    const text = docText(
      unzip(await buildIndicatorReport(db, scope, 'vi'))
        .get('word/document.xml')!
        .toString('utf8'),
    );
    expect(text).toContain('tỉnh chậm tiến độ nhất trước (mỗi tỉnh đánh giá theo chỉ tiêu riêng của tỉnh)');
  });
});

// ---------------------------------------------------------------- the Word report

describe('the Word report', () => {
  let files: Map<string, Buffer>;
  let xml: string;
  let text: string;
  beforeAll(async () => {
    files = unzip(await buildIndicatorReport(db, Q1, 'vi', { now: new Date('2026-04-05T02:00:00Z') }));
    xml = files.get('word/document.xml')!.toString('utf8');
    text = docText(xml);
  });

  it('has the heading of Decree 30: issuing body, number, national motto, place and date', () => {
    expect(text).toContain('VĂN PHÒNG ĐỀ ÁN TRUYỀN THÔNG VỀ QUYỀN CON NGƯỜI');
    expect(text).toContain('Số: …/BC-VPĐA');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Hà Nội, ngày 05 tháng 4 năm 2026');
    expect(text).toMatch(/\nBÁO CÁO\n/);
    expect(text).toContain('Tiến độ thực hiện Đề án truyền thông về quyền con người ở Việt Nam giai đoạn 2023–2028, kỳ quý I năm 2026');
    // the header table has no borders
    const firstTable = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
    expect(firstTable).toMatch(/<w:tblBorders>(?:<w:\w+ w:val="(?:none|nil)"[^>]*\/>)+<\/w:tblBorders>/);
  });

  it("writes the body in Times New Roman 14 pt, justified, on A4 with the decree's margins", () => {
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toContain('<w:sz w:val="28"/>');
    expect(xml).toContain('<w:jc w:val="both"/>');
    expect(xml).toMatch(/<w:ind w:firstLine="567"\/>/);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
  });

  it('states T1 as the dashboard shows it, and the targets without a data source', async () => {
    const f = (await getDashboard(db, Q1)).figures.find((x) => x.id === 'T1')!;
    const shown = formatFigure(f.value, 'percent', 'vi');
    expect(shown).toBe('66,7 %');
    expect(text).toContain(`Kết quả quý I năm 2026: 2 trên tổng số 3 cơ quan đạt yêu cầu của chỉ tiêu, tỉ lệ ${shown}.`);
    expect(text).toContain('Đánh giá: ');
    expect(text).toContain('Chưa có nguồn dữ liệu: mô-đun Tập huấn chưa được đưa vào hệ thống');
    expect(text).toContain('Bảng 1. T1 – Theo tỉnh, thành phố (bản đồ 34 đơn vị)');
    expect(text).toContain('Biểu đồ 1. T1');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('- Lưu: VT, VPĐA.');
    expect(text).toContain('KT. CHÁNH VĂN PHÒNG');
  });

  it('embeds the trend chart as a PNG', () => {
    const pngs = [...files.keys()].filter((k) => /^word\/media\/.+\.png$/.test(k));
    expect(pngs.length).toBe(1);
    expect(files.get(pngs[0])!.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('has an English version with the same structure', async () => {
    const en = docText(
      unzip(await buildIndicatorReport(db, Q1, 'en', { now: new Date('2026-04-05T02:00:00Z') }))
        .get('word/document.xml')!
        .toString('utf8'),
    );
    for (const s of [
      'SOCIALIST REPUBLIC OF VIET NAM',
      'Independence - Freedom - Happiness',
      'Ha Noi, 5 April 2026',
      'REPORT',
      'Q1 2026',
      '66.7%',
      'No data source yet',
      'Recipients:',
    ])
      expect(en).toContain(s);
  });

  it('writes day and month as the decree does', () => {
    expect(placeAndDate('Hà Nội', new Date('2026-02-04T20:00:00Z'), 'vi')).toBe('Hà Nội, ngày 05 tháng 02 năm 2026');
    expect(placeAndDate('Hà Nội', new Date('2026-12-31T10:00:00Z'), 'vi')).toBe('Hà Nội, ngày 31 tháng 12 năm 2026');
  });
});

// ---------------------------------------------------------------- routes

describe('report routes', () => {
  it('serve both files to a signed-in user with their type and name', async () => {
    const x = await t.app.inject({ method: 'GET', url: '/api/indicators/report.xlsx?period=2026-Q1', headers: viewer.headers });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(x.headers['content-disposition']).toBe('attachment; filename="bao-cao-tien-do-2026-Q1.xlsx"');
    expect((await workbook(x.rawPayload)).worksheets[0].name).toBe('Tổng hợp');
    const d = await t.app.inject({
      method: 'GET',
      url: '/api/indicators/report.docx?period=2026-Q1&lang=en&map=63',
      headers: viewer.headers,
    });
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(d.headers['content-disposition']).toBe('attachment; filename="progress-report-2026-Q1.docx"');
    expect(unzip(d.rawPayload).get('word/document.xml')!.toString('utf8')).toContain('SOCIALIST REPUBLIC OF VIET NAM');
  });

  it('are in the OpenAPI description with their query', async () => {
    const paths = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json().paths;
    for (const p of ['/api/indicators/report.xlsx', '/api/indicators/report.docx']) {
      expect(paths[p].get.parameters.map((x: { name: string }) => x.name)).toEqual(
        expect.arrayContaining(['period', 'map', 'province', 'orgKind', 'organisationId', 'lang']),
      );
    }
  });

  it('refuse a logged-out client and a bad scope', async () => {
    for (const url of ['/api/indicators/report.xlsx', '/api/indicators/report.docx']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: `${url}?lang=fr`, headers: viewer.headers })).statusCode).toBe(400);
      expect((await t.app.inject({ method: 'GET', url: `${url}?period=2019`, headers: viewer.headers })).statusCode).toBe(400);
    }
  });
});
