// Excel in and out for plans: the template (pre-filled with the kind's suggested activities), a sound file creating
// plans for several organisations, the export edited and imported back (numbers kept, a new version for an approved
// plan), and bad files: every problem named by sheet, row and column (unknown organisations or targets, negative or
// non-numeric amounts, activities tied to no target, months outside the year, a plan awaiting the office, an editor
// outside the organisation, an activity with spending left out, a wrong header), with nothing written.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { exportPlans, importPlans, parseAmount, parseMonth, PLAN_COLUMNS, planTemplateWorkbook } from './plans.excel.js';
import { approvePlan, getPlan, getPlanVersion, listPlans, recordSpending, submitPlan } from './plans.service.js';

let db: Db;
let office: Actor, editor: Actor;
let a: { id: number; code: string }, b: { id: number; code: string };

async function sheet(
  data: Record<string, string | number>[],
  columns: readonly string[] = PLAN_COLUMNS,
  name = 'activities',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(name);
  ws.addRow([...columns]);
  for (const d of data) ws.addRow(columns.map((c) => d[c] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const row = (patch: Record<string, string | number> = {}) => ({
  organisation_code: 'XL-A',
  year: 2026,
  title: 'Tập huấn',
  targets: 'T2a; t2b',
  audiences: '1',
  start_month: '2026-03',
  end_month: '5',
  expected_outputs: '2 lớp',
  budget_central: 100000000,
  budget_local: '50.000.000',
  budget_other: '',
  ...patch,
});
async function issuesOf(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (x: { code: string; details: { sheet?: string; row?: number; field: string; message: string }[] }) => x,
  );
  expect(e?.code).toBe('import_invalid');
  return e!.details;
}
const planCount = async () => Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from plans`))[0]!.n);
const activityCount = async () => Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from plan_activities`))[0]!.n);

beforeAll(async () => {
  db = (await testDatabase()).db;
  a = await makeOrg(db, { code: 'XL-A', kind: 'provincial_committee', provinceCode: '08' });
  b = await makeOrg(db, { code: 'XL-B', kind: 'provincial_department', provinceCode: '08', parentId: a.id });
  await makeOrg(db, { code: 'XL-OUT', kind: 'press', provinceCode: '01' });
  const u = await makeUser(db, 'editor', a.id);
  editor = { userId: u.id, name: u.username, role: 'editor', organisationId: a.id, via: 'import' };
  const o = await makeUser(db, 'admin');
  office = { userId: o.id, name: o.username, role: 'admin', organisationId: null, via: 'import' };
});

describe('cells', () => {
  it('reads amounts and months the ways people type them', () => {
    expect(parseAmount('150000000')).toBe(150_000_000);
    expect(parseAmount('150.000.000')).toBe(150_000_000);
    expect(parseAmount('150,000,000 đ')).toBe(150_000_000);
    expect(parseAmount('')).toBe(0);
    expect(parseAmount('-5')).toEqual({ error: expect.stringMatching(/negative/) });
    expect(parseAmount('1.5')).toEqual({ error: expect.stringMatching(/whole/) });
    expect(parseAmount('mười triệu')).toEqual({ error: expect.stringMatching(/not a number/) });
    expect(parseMonth('2026-03', 2026)).toBe('2026-03');
    expect(parseMonth('2026-03-15', 2026)).toBe('2026-03');
    expect(parseMonth('03/2026', 2026)).toBe('2026-03');
    expect(parseMonth('7', 2026)).toBe('2026-07');
    expect(parseMonth('13', 2026)).toEqual({ error: expect.any(String) });
  });
});

describe('the template', () => {
  it("has the import's columns, a help sheet, and for an organisation and year its kind's suggested activities", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await planTemplateWorkbook(db, editor, { organisationId: b.id, year: 2026 })) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['activities', 'help', 'lists']);
    const ws = wb.getWorksheet('activities')!;
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual([...PLAN_COLUMNS]);
    expect(ws.rowCount).toBeGreaterThan(2);
    expect(ws.getRow(2).getCell(1).value).toBe('XL-B');
    // the filled template imports as it is: a plan with the template's activities (no budget yet)
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await importPlans(db, editor, buf)).toEqual({ created: 1, updated: 0, rows: ws.rowCount - 1 });
    expect((await listPlans(db, editor, { organisationId: b.id, year: 2026 })).items[0]).toMatchObject({ status: 'draft', planned: 0 });
  });
});

describe('importing', () => {
  it('creates the plans of a sound file, several organisations at once', async () => {
    const r = await importPlans(
      db,
      editor,
      await sheet([
        row(),
        row({
          title: 'Triển lãm ảnh',
          targets: 'T3',
          audiences: '2;5',
          start_month: '8',
          end_month: '2026-10',
          budget_central: '',
          budget_local: '200,000,000',
        }),
        row({
          organisation_code: 'xl-b',
          year: 2025,
          title: 'Sách',
          targets: 'T4a',
          start_month: '2025-02',
          end_month: '2025-06',
          budget_local: 0,
        }),
      ]),
    );
    expect(r).toEqual({ created: 2, updated: 0, rows: 3 });
  });

  it('reports every bad row by sheet, row and column, and writes nothing', async () => {
    const plans = await planCount(),
      activities = await activityCount();
    const issues = await issuesOf(
      importPlans(
        db,
        editor,
        await sheet([
          row({ organisation_code: 'NO-SUCH' }), // 2
          row({ targets: 'T7' }), // 3
          row({ targets: '' }), // 4
          row({ budget_central: -5 }), // 5
          row({ budget_local: 'nhiều tiền' }), // 6
          row({ start_month: '2025-12' }), // 7
          row({ year: 2031 }), // 8
          row({ organisation_code: 'XL-OUT' }), // 9
          row({ title: '' }), // 10
          row({ targets: 'T2' }), // 11
          row({ budget_other: '12.5' }), // 12
          row({ audiences: '9' }), // 13
          row({ organisation_code: 'XL-B', year: 2025, start_month: '2025-03', end_month: '2025-05', activity_no: 44 }), // 14: not a number of that plan
        ]),
      ),
    );
    const at = (r: number) => issues.filter((i) => i.row === r).map((i) => i.field);
    expect(issues.every((i) => i.sheet === 'activities')).toBe(true);
    expect(at(2)).toEqual(['organisation_code']);
    expect(issues.find((i) => i.row === 2)!.message).toMatch(/unknown organisation code "NO-SUCH"/);
    expect(at(3)).toEqual(['targets']);
    expect(issues.find((i) => i.row === 3)!.message).toMatch(/unknown target "T7"/);
    expect(at(4)).toEqual(['targets']);
    expect(issues.find((i) => i.row === 4)!.message).toMatch(/at least one target/);
    expect(at(5)).toEqual(['budget_central']);
    expect(issues.find((i) => i.row === 5)!.message).toMatch(/negative/);
    expect(at(6)).toEqual(['budget_local']);
    expect(issues.find((i) => i.row === 6)!.message).toMatch(/not a number/);
    expect(at(7)).toEqual(['start_month']);
    expect(at(8)).toEqual(['year']);
    expect(at(9)).toEqual(['organisation_code']);
    expect(issues.find((i) => i.row === 9)!.message).toMatch(/your own organisation/);
    expect(at(10)).toEqual(['title']);
    expect(issues.find((i) => i.row === 11)!.message).toMatch(/T2a, T2b, T2c, T2d/);
    expect(at(12)).toEqual(['budget_other']);
    expect(at(13)).toEqual(['audiences']);
    expect(at(14)).toEqual(['activity_no']);
    expect(await planCount()).toBe(plans);
    expect(await activityCount()).toBe(activities);
  });

  it('names a wrong header, a file that is not a workbook and an empty sheet', async () => {
    const wrong = await issuesOf(importPlans(db, editor, await sheet([row()], [...PLAN_COLUMNS.filter((c) => c !== 'targets'), 'colour'])));
    expect(wrong.map((i) => `${i.sheet}:${i.row}:${i.field}`).sort()).toEqual(['activities:1:colour', 'activities:1:targets']);
    expect(await importPlans(db, editor, Buffer.from('not a workbook')).catch((e: { code: string }) => e.code)).toBe(
      'unsupported_media_type',
    );
    expect((await issuesOf(importPlans(db, editor, await sheet([]))))[0]).toMatchObject({ sheet: 'activities', row: 2, field: 'file' });
    expect(await importPlans(db, { ...editor, role: 'viewer' }, await sheet([row()])).catch((e: { code: string }) => e.code)).toBe(
      'forbidden',
    );
  });

  it('round-trips the export: edits land in the open version, numbers are kept, an approved plan gets a new version', async () => {
    const [plan] = (await listPlans(db, office, { organisationId: a.id, year: 2026 })).items;
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load((await exportPlans(db, editor, { year: 2026, organisationId: a.id })) as unknown as ArrayBuffer);
    const ws = exported.getWorksheet('activities')!;
    const head = (ws.getRow(1).values as string[]).slice(1);
    const col = (name: string) => head.indexOf(name) + 1;
    for (let i = ws.rowCount; i >= 2; i--) if (ws.getRow(i).getCell(1).value !== 'XL-A') ws.spliceRows(i, 1); // the subtree's other plans
    expect(ws.rowCount).toBe(3);
    expect(ws.getRow(2).getCell(col('activity_no')).value).toBe(1);
    expect(ws.getRow(3).getCell(col('budget_local')).value).toBe(200_000_000);
    ws.getRow(3).getCell(col('title')).value = 'Triển lãm ảnh và tư liệu';
    ws.getRow(3).getCell(col('budget_local')).value = 220_000_000;
    const edited = Buffer.from(await exported.xlsx.writeBuffer());
    expect(await importPlans(db, editor, edited)).toEqual({ created: 0, updated: 1, rows: 2 });
    let d = await getPlan(db, editor, plan!.id);
    expect(d.current.activities.map((x) => [x.no, x.title, x.budget.local])).toEqual([
      [1, 'Tập huấn', 50_000_000],
      [2, 'Triển lãm ảnh và tư liệu', 220_000_000],
    ]);
    expect(d.version).toBe(1);
    // submitted: refused until the office decides
    await submitPlan(db, editor, plan!.id);
    const waiting = await issuesOf(importPlans(db, editor, edited));
    expect(waiting.map((i) => `${i.row}:${i.field}`)).toEqual(['2:organisation_code', '3:organisation_code']);
    expect(waiting[0]!.message).toMatch(/awaits the programme office/);
    // approved: the file makes version 2, version 1 is kept as it was
    await approvePlan(db, office, plan!.id);
    await recordSpending(db, editor, plan!.id, { activityNo: 2, source: 'local', amount: 1_000_000, spentOn: '2026-08-20' });
    expect(await importPlans(db, editor, edited)).toEqual({ created: 0, updated: 1, rows: 2 });
    d = await getPlan(db, editor, plan!.id);
    expect(d).toMatchObject({ version: 2, status: 'draft', approvedVersion: 1 });
    expect((await getPlanVersion(db, editor, plan!.id, 1)).status).toBe('approved');
    // an activity with spending cannot be left out of the file
    const onlyFirst = new ExcelJS.Workbook();
    await onlyFirst.xlsx.load(edited as unknown as ArrayBuffer);
    onlyFirst.getWorksheet('activities')!.spliceRows(3, 1);
    const gone = await issuesOf(importPlans(db, editor, Buffer.from(await onlyFirst.xlsx.writeBuffer())));
    expect(gone).toEqual([{ sheet: 'activities', row: 2, field: 'activity_no', message: expect.stringMatching(/#2 has spending/) }]);
  });
});
