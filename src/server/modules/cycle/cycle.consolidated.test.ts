// The consolidated programme report on a real database, through the API as the office and the national readers use it:
// the Word report (unzipped) shows a closed year's official figure with its close version and not a late record's
// change, the revised live figure beside it, the agencies' narratives grouped by section with who said what, the
// completeness counts with who is missing, plan vs spending by source, and the office's edited paragraph in place of
// the generated one (and the generated one back after a reset); the English report; the Excel annex with every table;
// a mid-term review combining its years; refusals of other roles; bad input naming the field.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rosterRecord } from '../../../../test/cycle.js';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import { unzip } from '../../../../test/zip.js';
import type { ConsolidatedSummary } from '../../../shared/contracts/cycle.js';
import { rows } from '../../kernel/db.js';
import { approvePlan, createPlan, recordSpending, submitPlan } from '../plans/plans.service.js';
import '../plans/plans.cycle.js';
import { createPeriod } from './cycle.periods.js';

let t: Awaited<ReturnType<typeof testApp>>;
const s: Record<string, Session> = {};
let p2025: number, p2024: number, mid: number;

type Method = 'GET' | 'POST' | 'PUT';
const call = (who: string, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: s[who]!.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
const fields = (r: { json(): { error?: { details?: { field: string }[] } } }) => (r.json().error?.details ?? []).map((d) => d.field);
const docText = (buf: Buffer) =>
  unzip(buf)
    .get('word/document.xml')!
    .toString('utf8')
    .replace(/<\/w:p><\/w:tc>/g, ' | ')
    .replace(/<\/w:tr>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const word = async (id: number, lang = 'vi') => {
  const r = await call('office', 'GET', `/api/cycle/periods/${id}/report.docx?lang=${lang}`);
  expect(r.statusCode, r.body).toBe(200);
  return docText(r.rawPayload);
};
const summary = async (id: number, lang = 'vi', who = 'office') =>
  (await call(who, 'GET', `/api/cycle/periods/${id}/summary?lang=${lang}`)).json() as ConsolidatedSummary;
/** The paragraph of the Word text that starts with `start`. */
const line = (text: string, start: string) => text.split('\n').find((l) => l.startsWith(start)) ?? '';

beforeAll(async () => {
  t = await testApp();
  const db = t.db;
  const a = await makeOrg(db, { code: 'SO-VH-A', nameVi: 'Sở Văn hoá Alpha', kind: 'provincial_department', provinceCode: '01' });
  const b = await makeOrg(db, { code: 'SO-VH-B', nameVi: 'Sở Văn hoá Beta', kind: 'provincial_department', provinceCode: '79' });
  // T2a of 2025: one of two rostered officials trained (50 %); 2024: one of one (100 %).
  await rosterRecord(db, a.id, '2025-03-01', true);
  await rosterRecord(db, b.id, '2025-04-01');
  await rosterRecord(db, a.id, '2024-05-01', true);
  const plan = await createPlan(db, seedActor, {
    organisationId: a.id,
    year: 2025,
    activities: [
      {
        title: 'Tập huấn cán bộ',
        targets: ['T2a'],
        startMonth: '2025-03',
        endMonth: '2025-04',
        budget: { central: 40_000_000, local: 10_000_000 },
      },
      { title: 'Triển lãm ảnh', targets: ['T3'], startMonth: '2025-09', endMonth: '2025-09', budget: { other: 25_000_000 } },
    ],
  });
  await submitPlan(db, seedActor, plan.id);
  await approvePlan(db, seedActor, plan.id);
  await recordSpending(db, seedActor, plan.id, { activityNo: 1, source: 'central', amount: 32_500_000, spentOn: '2025-04-20' });

  const office = await makeUser(db, 'admin'),
    edA = await makeUser(db, 'editor', a.id),
    analyst = await makeUser(db, 'analyst'),
    reviewer = await makeUser(db, 'reviewer');
  const viewer = await makeUser(db, 'viewer', a.id);
  s.office = await signIn(t.app, office.username, TEST_PASSWORD);
  s.editorA = await signIn(t.app, edA.username, TEST_PASSWORD);
  s.analyst = await signIn(t.app, analyst.username, TEST_PASSWORD);
  s.reviewer = await signIn(t.app, reviewer.username, TEST_PASSWORD);
  s.viewer = await signIn(t.app, viewer.username, TEST_PASSWORD);
  p2024 = (await createPeriod(db, seedActor, { kind: 'yearly', year: 2024, deadline: '2025-01-31' })).id;
  p2025 = (await createPeriod(db, seedActor, { kind: 'yearly', year: 2025, deadline: '2026-01-31' })).id;
  mid = (await createPeriod(db, seedActor, { kind: 'midterm', deadline: '2026-03-31' })).id;
  const rep = (await call('editorA', 'POST', '/api/cycle/reports', { periodId: p2025, organisationId: a.id })).json().id as number;
  await call('editorA', 'PUT', `/api/cycle/reports/${rep}`, {
    sections: {
      results: 'Đã tập huấn 40 cán bộ về quyền con người.',
      difficulties: 'Thiếu giảng viên có kinh nghiệm.',
      proposals: 'Đề nghị bổ sung tài liệu song ngữ.',
      nextTasks: 'Mở rộng tập huấn cho cấp xã.',
    },
  });
  expect((await call('editorA', 'POST', `/api/cycle/reports/${rep}/submit`)).statusCode).toBe(200);
  expect((await call('office', 'POST', `/api/cycle/reports/${rep}/approve`, {})).statusCode).toBe(200);
  expect((await call('office', 'POST', `/api/cycle/periods/${p2025}/close`, {})).statusCode).toBe(200);
  // A record entered after the close, dated in 2025: the live T2a becomes 1 of 3, the official stays 1 of 2.
  await rosterRecord(db, a.id, '2025-06-01');
});

describe('the consolidated report of a closed year', () => {
  it("prints the official figure with its close, not the late record's change, and the revised live figure beside it", async () => {
    const text = await word(p2025);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Kết quả thực hiện Đề án truyền thông về quyền con người ở Việt Nam giai đoạn 2023–2028: Năm 2025');
    // T2a of 2025 (the officials rostered in 2025, trained by its end): 2 of 3 at the close; 2 of 4 with the late record.
    const t2a = line(text, 'Năm 2025: 66,7');
    expect(t2a).toMatch(/^Năm 2025: 66,7 ?% \(số liệu chính thức, khoá sổ lần 1 ngày \d\d\/\d\d\/\d{4}, người khoá sổ: /);
    expect(text).not.toMatch(/Năm 2025: 50/);
    expect(text).toMatch(/Số liệu hiện nay: 50 ?% – đã thay đổi sau khoá sổ \(1 hồ sơ khác với số liệu chính thức\)/);
    // The trend over the programme's years: 2024 (live, 100 %) and 2025 (official, 66,7 %).
    expect(text).toMatch(/Diễn biến qua các năm: 2023: [^;]+; 2024: 100 ?%; 2025: 66,7 ?%\./);
    // The annex: official and live side by side, with the records that differ, and the table's period and source.
    expect(text).toMatch(/T2a \| [^|]+ \| 66,7 ?% \| 50 ?% \| 1 \|/);
    expect(text).toMatch(/Kỳ: Năm 2025\. Nguồn: số liệu chính thức, khoá sổ lần 1 ngày/);
  });

  it('groups the approved narratives by section under the target they report on, with the organisation that said it', async () => {
    const text = await word(p2025);
    const t2 = text.slice(text.indexOf('2. Mục tiêu 2'), text.indexOf('3. Mục tiêu 3'));
    expect(t2).toContain('Ý kiến của các cơ quan, tổ chức (từ báo cáo đã được phê duyệt)');
    for (const [title, said] of [
      ['Kết quả đạt được:', 'Đã tập huấn 40 cán bộ'],
      ['Khó khăn, vướng mắc và nguyên nhân:', 'Thiếu giảng viên'],
      ['Đề xuất, kiến nghị:', 'Đề nghị bổ sung tài liệu song ngữ'],
      ['Nhiệm vụ kỳ tới:', 'Mở rộng tập huấn'],
    ] as const) {
      expect(t2.indexOf(title)).toBeGreaterThan(-1);
      expect(t2).toContain(`Sở Văn hoá Alpha (2025): ${said}`);
      expect(t2.indexOf(`Sở Văn hoá Alpha (2025): ${said}`)).toBeGreaterThan(t2.indexOf(title));
    }
    // Not under a target it has no figures for.
    const t1 = text.slice(text.indexOf('1. Mục tiêu 1'), text.indexOf('2. Mục tiêu 2'));
    expect(t1).not.toContain('Sở Văn hoá Alpha');
    expect(t1).toContain('Chưa có báo cáo được phê duyệt nêu ý kiến về mục tiêu này.');
  });

  it('counts completeness (expected, submitted, on time, late, missing) and names who is missing', async () => {
    const text = await word(p2025);
    // Two organisations expected (records in 2025, a plan), one submitted after the deadline, one missing.
    expect(text).toMatch(/Năm 2025 \| 2 \| 1 \| 0 \| 1 \| 1 \| 50 ?% \|/);
    const missing = text.slice(text.indexOf('Cơ quan, tổ chức chưa nộp báo cáo'));
    expect(missing).toContain('Sở Văn hoá Beta');
    expect(missing.slice(0, missing.indexOf('IV. KẾ HOẠCH'))).not.toContain('Sở Văn hoá Alpha');
    expect(text).toMatch(/Kỳ: Năm 2025\. Nguồn: Năm 2025: danh sách phải báo cáo tại thời điểm khoá sổ/);
  });

  it('shows plan vs spending by funding source, with its source', async () => {
    const text = await word(p2025);
    expect(text).toMatch(/Ngân sách trung ương \| 40\.000\.000 \| 32\.500\.000 \| 81,3 ?% \|/);
    expect(text).toMatch(/Ngân sách địa phương \| 10\.000\.000 \| 0 \|/);
    expect(text).toMatch(/Nguồn hợp pháp khác \| 25\.000\.000 \| 0 \|/);
    expect(text).toMatch(/Tổng cộng \| 75\.000\.000 \| 32\.500\.000 \|/);
    expect(text).toContain('Kỳ: Năm 2025. Nguồn: 2025: kế hoạch của 1 cơ quan, tổ chức');
    expect(text).toContain('V. THỰC HIỆN KHUYẾN NGHỊ CỦA LIÊN HỢP QUỐC');
  });

  it("puts the office's edited paragraph in place of the generated one, keeps it per period, audits it and resets it", async () => {
    const before = await summary(p2025);
    expect(before.canEdit).toBe(true);
    expect(before.sections.map((x) => x.section)).toEqual([
      'overall',
      'target:T1',
      'target:T2',
      'target:T3',
      'target:T4',
      'target:T5',
      'target:T6',
      'conclusions',
    ]);
    const overall = before.sections[0]!;
    expect(overall.edited).toBeNull();
    expect(overall.generated).toContain('1/2 cơ quan, tổ chức đã nộp báo cáo (0 đúng hạn, 1 muộn), 1 chưa nộp');
    expect(await word(p2025)).toContain(overall.generated);

    const edited = 'Năm 2025, Đề án được triển khai đồng bộ; Văn phòng Đề án đánh giá chung là đạt yêu cầu.';
    const put = await call('office', 'PUT', `/api/cycle/periods/${p2025}/summary`, {
      lang: 'vi',
      sections: [{ section: 'overall', text: edited }],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((put.json() as ConsolidatedSummary).sections[0]).toMatchObject({ edited, text: edited, generated: overall.generated });
    const text = await word(p2025);
    expect(text).toContain(edited);
    expect(text).not.toContain(overall.generated);
    // Kept for this period and language only.
    expect((await summary(mid)).sections[0]!.edited).toBeNull();
    expect((await summary(p2025, 'en')).sections[0]!.edited).toBeNull();
    expect((await summary(p2025, 'vi', 'analyst')).sections[0]).toMatchObject({ text: edited });
    const audit = await rows<{ action: string; after: { section: string; text: string } }>(
      t.db,
      sql`select action, after from audit_log where entity = 'cycle_summary' and entity_id = ${String(p2025)} order by id`,
    );
    expect(audit.at(-1)).toMatchObject({ action: 'edit', after: { section: 'overall', text: edited } });

    const reset = await call('office', 'PUT', `/api/cycle/periods/${p2025}/summary`, {
      lang: 'vi',
      sections: [{ section: 'overall', text: null }],
    });
    expect((reset.json() as ConsolidatedSummary).sections[0]).toMatchObject({ edited: null, text: overall.generated });
    expect(await word(p2025)).toContain(overall.generated);
    expect(
      (await rows<{ action: string }>(t.db, sql`select action from audit_log where entity = 'cycle_summary' order by id desc limit 1`))[0]!
        .action,
    ).toBe('reset');
  });

  it('is written in English on request', async () => {
    const text = await word(p2025, 'en');
    expect(text).toContain('SOCIALIST REPUBLIC OF VIET NAM');
    expect(text).toContain('Results of the Communication Programme on Human Rights in Viet Nam, 2023–2028: Year 2025');
    expect(text).toMatch(/Year 2025: 66\.7 ?% \(official figures, close version 1 of \d+ \w+ \d{4}, closed by /);
    expect(text).toMatch(/Live figure now: 50 ?% – revised since the official figure/);
    expect(text).toContain('Sở Văn hoá Alpha (2025): Đã tập huấn 40 cán bộ');
    expect(text).toMatch(/Central state budget \| 40,000,000 \| 32,500,000 \|/);
    expect(text).not.toContain('Ngân sách trung ương');
  });

  it('has an Excel annex with every table, each naming its period and source', async () => {
    const r = await call('analyst', 'GET', `/api/cycle/periods/${p2025}/report.xlsx?lang=vi`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain('phu-luc-bao-cao-tong-hop-2025.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tóm tắt',
      'Số liệu 2025',
      'Diễn biến',
      'Tình hình báo cáo',
      'Theo loại tổ chức',
      'Theo tỉnh',
      'Chưa báo cáo',
      'Ý kiến',
      'Kinh phí theo nguồn',
      'Kinh phí theo mục tiêu',
      'Kinh phí theo tổ chức',
      'Khuyến nghị',
    ]);
    const values = (name: string) =>
      wb
        .getWorksheet(name)!
        .getSheetValues()
        .filter(Boolean)
        .map((row) => (row as unknown[]).slice(1));
    const figs = values('Số liệu 2025');
    expect(String(figs[2]![0])).toMatch(/^Nguồn: số liệu chính thức, khoá sổ lần 1 ngày/);
    const t2a = figs.find((x) => x[0] === 'T2a')!;
    expect(t2a.slice(2, 10)).toEqual([2, 3, 2 / 3, 'chính thức', 2, 4, 0.5, 1]);
    expect(t2a.at(-1)).toBe('tỉ lệ (0–1)');
    expect(values('Tình hình báo cáo').find((x) => x[0] === 'Năm 2025')).toEqual(['Năm 2025', 2, 1, 0, 1, 1, 0.5]);
    expect(values('Chưa báo cáo').some((x) => x[2] === 'Sở Văn hoá Beta')).toBe(true);
    const said = values('Ý kiến').filter((x) => x[1] === 'Sở Văn hoá Alpha');
    expect(said.map((x) => x[3])).toEqual([
      'Kết quả đạt được',
      'Khó khăn, vướng mắc và nguyên nhân',
      'Đề xuất, kiến nghị',
      'Nhiệm vụ kỳ tới',
    ]);
    expect(said[0]![2]).toBe('T2');
    expect(values('Kinh phí theo nguồn').find((x) => x[1] === 'Ngân sách trung ương')).toEqual([
      2025,
      'Ngân sách trung ương',
      40_000_000,
      32_500_000,
      0.8125,
    ]);
  });
});

describe('a review', () => {
  it("combines the years of its span: each year's figures with their source, completeness of each year", async () => {
    const text = await word(mid);
    expect(text).toContain(
      'Kết quả thực hiện Đề án truyền thông về quyền con người ở Việt Nam giai đoạn 2023–2028: Sơ kết giữa kỳ 2023–2025',
    );
    expect(text).toContain('Năm 2023: số liệu tạm tính (kỳ chưa khoá sổ).');
    expect(text).toContain('Năm 2024: số liệu tạm tính (kỳ chưa khoá sổ).');
    expect(text).toMatch(/Năm 2025: số liệu chính thức, khoá sổ lần 1 ngày/);
    // T2a in each year: 2024 provisional 100 %, 2025 official 66,7 % with the live figure beside it.
    expect(text).toMatch(/Năm 2024: 100 ?% \(số liệu tạm tính \(kỳ chưa khoá sổ\)\)\./);
    expect(text).toMatch(/Năm 2025: 66,7 ?% \(số liệu chính thức, khoá sổ lần 1[^\n]+\n+Số liệu hiện nay: 50 ?%/);
    // Completeness: one row per yearly period of the calendar in the span.
    expect(text).toMatch(/Năm 2024 \| 1 \| 0 \| 0 \| 0 \| 1 \|/);
    expect(text).toMatch(/Năm 2025 \| 2 \| 1 \| 0 \| 1 \| 1 \|/);
    // The review is a period of the calendar too: those with records in its span are expected to report for it.
    expect(text).toMatch(/Sơ kết giữa kỳ 2023–2025 \| 2 \| 0 \| 0 \| 0 \| 2 \|/);
    expect(text).toContain('Sở Văn hoá Alpha (2025): Đã tập huấn 40 cán bộ');
    const s2 = await summary(mid);
    expect(s2.sections[0]!.generated).toMatch(
      /Số liệu Năm 2025 là số liệu chính thức \(đã khoá sổ\)\. Số liệu Năm 2023 và Năm 2024 là số liệu tạm tính/,
    );
    void p2024;
  });
});

describe('who may read and edit it', () => {
  it('is read by the office and the national roles, edited by the office only', async () => {
    expect((await call('reviewer', 'GET', `/api/cycle/periods/${p2025}/report.docx?lang=en`)).statusCode).toBe(200);
    expect((await call('analyst', 'GET', `/api/cycle/periods/${p2025}/summary`)).json().canEdit).toBe(false);
    for (const who of ['editorA', 'viewer']) {
      expect((await call(who, 'GET', `/api/cycle/periods/${p2025}/summary`)).statusCode).toBe(403);
      expect((await call(who, 'GET', `/api/cycle/periods/${p2025}/report.docx`)).statusCode).toBe(403);
      expect((await call(who, 'GET', `/api/cycle/periods/${p2025}/report.xlsx`)).statusCode).toBe(403);
    }
    for (const who of ['analyst', 'reviewer', 'editorA']) {
      expect(
        (
          await call(who, 'PUT', `/api/cycle/periods/${p2025}/summary`, {
            lang: 'vi',
            sections: [{ section: 'overall', text: 'Không được sửa.' }],
          })
        ).statusCode,
      ).toBe(403);
    }
    expect((await summary(p2025)).sections[0]!.edited).toBeNull();
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const unknown = await call('office', 'GET', '/api/cycle/periods/999999/report.docx');
    expect(unknown.statusCode).toBe(404);
    expect(fields(unknown)).toEqual(['period']);
    expect(
      fields(
        await call('office', 'PUT', '/api/cycle/periods/999999/summary', {
          lang: 'vi',
          sections: [{ section: 'overall', text: 'Văn bản.' }],
        }),
      ),
    ).toEqual(['period']);
    const long = await call('office', 'PUT', `/api/cycle/periods/${p2025}/summary`, {
      lang: 'vi',
      sections: [
        { section: 'conclusions', text: 'Kết luận hợp lệ.' },
        { section: 'overall', text: 'x'.repeat(10_001) },
      ],
    });
    expect(long.statusCode).toBe(400);
    expect(fields(long)).toEqual(['sections.1.text']);
    const bad = await call('office', 'PUT', `/api/cycle/periods/${p2025}/summary`, {
      lang: 'vi',
      sections: [{ section: 'target:T9', text: 'Không có mục tiêu này.' }],
    });
    expect(fields(bad)).toEqual(['sections.0.section']);
    const twice = await call('office', 'PUT', `/api/cycle/periods/${p2025}/summary`, {
      lang: 'vi',
      sections: [
        { section: 'overall', text: 'Một.' },
        { section: 'overall', text: 'Hai.' },
      ],
    });
    expect(fields(twice)).toEqual(['sections.1.section']);
    expect(fields(await call('office', 'GET', `/api/cycle/periods/${p2025}/summary?lang=fr`))).toEqual(['querystring.lang']);
    expect((await summary(p2025)).sections.filter((x) => x.edited !== null)).toEqual([]);
  });
});
