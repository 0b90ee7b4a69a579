// Excel in and out for plans.
//  - The activities sheet (first sheet, "activities"): one row per activity; `organisation_code` and `year` say whose
//    plan it belongs to, so one file may carry several organisations' plans. `activity_no` empty adds an activity; the
//    number of an activity of that plan (as exported) keeps it, so export → edit → import is a round trip. Targets are
//    indicator codes (T1, T2a … T6) separated by ";", audiences the numbers 1–6, months YYYY-MM (or 1–12), amounts whole
//    đồng (150000000, 150.000.000 or 150,000,000). Columns the export adds for reading (organisation_name, status,
//    version, spent_*) are ignored on import.
//  - Import: read streamed with limits (kernel/xlsx), every row checked by the contract and the plan's rules, every
//    problem reported with its sheet, row and column; nothing is written unless every row is sound (one transaction).
//    A plan without one is created (version 1, a draft); a draft or returned plan gets the file's activities; an
//    approved plan gets a new version (a draft) with them; a submitted plan waits for the office and is refused.
//  - Plan vs actual: one sheet per view (organisations, provinces on the chosen map, targets, sources), numbers as numbers.
import { sql, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { KIND_LABELS } from '../indicators/indicators.service.js';
import type { FieldIssue } from '../../../shared/contracts/directory.js';
import { INDICATOR_IDS, type IndicatorId } from '../../../shared/contracts/indicators.js';
import {
  ActivityInput,
  MAX_VND,
  PLAN_FIRST_YEAR,
  PLAN_LAST_YEAR,
  SummaryQuery,
  type Activity,
  type PlanSummary,
  type SourceAmounts,
} from '../../../shared/contracts/plans.js';
import type { Actor } from '../../kernel/audit.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { AppError, forbidden } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { countRead, noProgress, type ProgressReporter } from '../../kernel/progress.js';
import { DEFAULT_SHEET_LIMITS, limitError, streamSheet } from '../../kernel/xlsx.js';
import { findOrganisationByCode, subtreeIds } from '../directory/organisations.service.js';
import { DEFINITIONS } from '../indicators/indicators.definitions.js';
import { AUDIENCE_LABELS } from '../library/library.indicators.js';
import {
  activityIssues,
  assertCanReadPlansOf,
  canWritePlanOf,
  insertPlan,
  lockPlanRow,
  planNumbers,
  planSummary,
  readablePlanOrganisations,
  replaceOpenVersion,
  startVersion,
  type ParsedActivity,
  type PlanRow,
} from './plans.service.js';
import { PLAN_TEMPLATES } from './plans.templates.js';

export const ACTIVITIES_SHEET = 'activities';
export const PLAN_COLUMNS = [
  'organisation_code',
  'year',
  'activity_no',
  'title',
  'description',
  'targets',
  'audiences',
  'start_month',
  'end_month',
  'expected_outputs',
  'budget_central',
  'budget_local',
  'budget_other',
] as const;
/** Columns the export adds for reading; the import ignores them. */
export const READ_ONLY_COLUMNS = ['organisation_name', 'status', 'version', 'spent_central', 'spent_local', 'spent_other'] as const;
const REQUIRED = ['organisation_code', 'year', 'title', 'targets', 'start_month', 'end_month'];
/** Data rows one file may carry. */
export const MAX_PLAN_ROWS = 20_000;
const LIMITS = { ...DEFAULT_SHEET_LIMITS, rows: MAX_PLAN_ROWS + 10, columns: 30, cellChars: 5000 };

/** The column of each field of an activity, so a problem names the column the user sees. */
const COLUMN_OF: [RegExp, string][] = [
  [/^no\b/, 'activity_no'],
  [/^title/, 'title'],
  [/^description/, 'description'],
  [/^targets/, 'targets'],
  [/^audiences/, 'audiences'],
  [/^startMonth/, 'start_month'],
  [/^endMonth/, 'end_month'],
  [/^expectedOutputs/, 'expected_outputs'],
  [/^budget\.central/, 'budget_central'],
  [/^budget\.local/, 'budget_local'],
  [/^budget\.other/, 'budget_other'],
];
const columnOf = (field: string) => COLUMN_OF.find(([re]) => re.test(field))?.[1] ?? field;

// ---------------------------------------------------------------- reading cells

const list = (s: string) =>
  s
    .split(/[;,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
const TARGET_BY_FOLDED = new Map(INDICATOR_IDS.map((id) => [id.toLowerCase(), id]));

/** An amount in whole đồng: empty is 0; digit groups of three may be separated by "." "," or spaces. */
export function parseAmount(s: string): number | { error: string } {
  if (!s) return 0;
  let t = s.replace(/[\s\u00a0]/g, '').replace(/(đ|₫|vnd)$/i, '');
  if (/^-?\d{1,3}([.,]\d{3})+$/.test(t)) t = t.replace(/[.,]/g, '');
  if (/^-\d/.test(t)) return { error: `${s} is negative; amounts must not be negative` };
  if (/^\d+[.,]\d+$/.test(t)) return { error: `${s} is not a whole number of đồng` };
  if (!/^\d+$/.test(t)) return { error: `"${s}" is not a number (an amount in đồng, e.g. 150000000)` };
  const n = Number(t);
  if (n > MAX_VND) return { error: `${s} is more than 10^15 đồng` };
  return n;
}

/** A month of `year` as YYYY-MM from YYYY-MM, a date (YYYY-MM-DD), MM/YYYY or a month number 1–12. */
export function parseMonth(s: string, year: number): string | { error: string } {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})(-\d{1,2})?$/.exec(s))) return month(+m[1]!, +m[2]!, s);
  if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(s))) return month(+m[2]!, +m[1]!, s);
  if (/^\d{1,2}$/.test(s)) return month(year, +s, s);
  return { error: `"${s}" is not a month (YYYY-MM, or 1–12 for a month of the plan's year)` };
}
const month = (y: number, m: number, s: string) =>
  m >= 1 && m <= 12 ? `${y}-${String(m).padStart(2, '0')}` : { error: `"${s}" is not a month` };

export function parseTargets(s: string): IndicatorId[] | { error: string } {
  const out: IndicatorId[] = [];
  for (const x of list(s)) {
    const id = TARGET_BY_FOLDED.get(x.toLowerCase());
    if (id) {
      out.push(id);
      continue;
    }
    const parts = INDICATOR_IDS.filter((i) => i.toLowerCase().startsWith(x.toLowerCase()) && i.length > x.length);
    return {
      error: parts.length
        ? `${x} has parts: name one or more of ${parts.join(', ')}`
        : `unknown target "${x}"; one of ${INDICATOR_IDS.join(', ')}`,
    };
  }
  return out.length ? out : { error: 'an activity must serve at least one target (T1–T6)' };
}

// ---------------------------------------------------------------- the import

type Row = { row: number; v: Record<string, string> };
type Group = { code: string; year: number; rows: { row: number; activity: ParsedActivity }[] };

/** Reads the first sheet: its header (the first row with anything in it) and its data rows. */
async function readSheet(buf: Buffer, progress: ProgressReporter): Promise<{ header: string[]; headerRow: number; data: Row[] }> {
  let header: string[] | null = null;
  let headerRow = 0;
  const data: Row[] = [];
  for await (const r of countRead(streamSheet(buf, LIMITS), progress)) {
    const cells = r.cells.map((c) => (c ?? '').normalize('NFC').trim());
    if (cells.every((c) => !c)) continue;
    if (!header) {
      header = cells.map((c) => c.toLowerCase());
      headerRow = r.row;
      const known: readonly string[] = [...PLAN_COLUMNS, ...READ_ONLY_COLUMNS];
      const issues: FieldIssue[] = [];
      for (const h of header)
        if (h && !known.includes(h))
          issues.push({
            sheet: ACTIVITIES_SHEET,
            row: r.row,
            field: h,
            message: `unknown column "${h}"; expected: ${PLAN_COLUMNS.join(', ')}`,
          });
      for (const c of REQUIRED)
        if (!header.includes(c)) issues.push({ sheet: ACTIVITIES_SHEET, row: r.row, field: c, message: `missing column "${c}"` });
      if (issues.length)
        throw new AppError('import_invalid', 'The header row of the activities sheet is wrong; nothing was imported', issues);
      continue;
    }
    const v: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h) v[h] = cells[i] ?? '';
    });
    data.push({ row: r.row, v });
    if (data.length > MAX_PLAN_ROWS) throw limitError('data_rows', `more than ${MAX_PLAN_ROWS.toLocaleString('en')} activity rows`, r.row);
  }
  if (!header)
    throw new AppError('import_invalid', 'The activities sheet is empty; nothing was imported', [
      { sheet: ACTIVITIES_SHEET, row: 1, field: 'file', message: 'no header row' },
    ]);
  if (!data.length)
    throw new AppError('import_invalid', 'The activities sheet has no rows below its header; nothing was imported', [
      { sheet: ACTIVITIES_SHEET, row: headerRow + 1, field: 'file', message: 'no activity rows' },
    ]);
  return { header, headerRow, data };
}

/** One row as an activity, or its problems by column (months checked against `year` when the row's year is sound). */
function parseRow(r: Row, year: number | null, bad: (field: string, message: string) => void): ParsedActivity | null {
  const v = r.v;
  let ok = true;
  const failed = new Set<string>();
  const fail = (field: string, message: string) => {
    bad(field, message);
    failed.add(field);
    ok = false;
  };
  const amount = (col: string) => {
    const a = parseAmount(v[col] ?? '');
    if (typeof a === 'number') return a;
    fail(col, a.error);
    return 0;
  };
  const monthOf = (col: string) => {
    const m = parseMonth(v[col] ?? '', year ?? PLAN_FIRST_YEAR);
    if (typeof m !== 'string') {
      fail(col, v[col] ? m.error : 'required');
      return '';
    }
    if (year !== null && !m.startsWith(`${year}-`)) fail(col, `${v[col]} is not a month of ${year}, the plan's year`);
    return m;
  };
  const targets = parseTargets(v.targets ?? '');
  if (!Array.isArray(targets)) fail('targets', targets.error);
  const audiences = list(v.audiences ?? '').map((x) => (/^[1-6]$/.test(x) ? Number(x) : NaN));
  if (audiences.some((x) => Number.isNaN(x))) fail('audiences', `"${v.audiences}" is not a list of audience numbers 1–6 separated by ;`);
  const no = v.activity_no ? (/^\d{1,5}$/.test(v.activity_no) ? Number(v.activity_no) : NaN) : null;
  if (Number.isNaN(no)) fail('activity_no', `"${v.activity_no}" is not an activity number; leave it empty for a new activity`);
  const raw = {
    no,
    title: v.title ?? '',
    description: v.description || null,
    targets: Array.isArray(targets) ? targets : [],
    audiences: audiences.filter((x) => !Number.isNaN(x)),
    startMonth: monthOf('start_month'),
    endMonth: monthOf('end_month'),
    expectedOutputs: v.expected_outputs || null,
    budget: { central: amount('budget_central'), local: amount('budget_local'), other: amount('budget_other') },
  };
  if (ok && year !== null && raw.startMonth > raw.endMonth) fail('end_month', 'must not be before the start month');
  // The contract runs on every row, so that a row with a bad cell also hears about its other cells in the same pass
  // (a cell already reported is not reported again).
  try {
    const activity = parseInput(ActivityInput, raw);
    return ok ? activity : null;
  } catch (e) {
    if (!(e instanceof AppError) || !Array.isArray(e.details)) throw e;
    for (const d of e.details as { field: string; message: string }[]) {
      const col = columnOf(d.field);
      if (!failed.has(col)) bad(col, d.message);
      failed.add(col);
    }
    return null;
  }
}

/** Imports the activities sheet; throws import_invalid naming the sheet, row and column of every problem, writing nothing. */
export async function importPlans(
  db: Db,
  actor: Actor,
  buf: Buffer,
  progress: ProgressReporter = noProgress,
): Promise<{ created: number; updated: number; rows: number }> {
  if (actor.role !== 'admin' && actor.role !== 'editor' && actor.role !== 'system')
    throw forbidden(`Your role (${actor.role}) may not change plans`);
  const { data } = await readSheet(buf, progress);
  const issues: FieldIssue[] = [];
  const bad = (row: number, field: string, message: string) => issues.push({ sheet: ACTIVITIES_SHEET, row, field, message });
  const groups = new Map<string, Group>();
  for (const r of data) {
    const code = r.v.organisation_code ?? '';
    const yearText = r.v.year ?? '';
    const year = /^\d{4}$/.test(yearText) && +yearText >= PLAN_FIRST_YEAR && +yearText <= PLAN_LAST_YEAR ? Number(yearText) : null;
    if (!code) bad(r.row, 'organisation_code', 'required: the code of the organisation whose plan this is');
    if (year === null)
      bad(r.row, 'year', yearText ? `${yearText} is not a year of the programme (${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR})` : 'required');
    const activity = parseRow(r, year, (field, message) => bad(r.row, field, message));
    if (!code || year === null) continue;
    const key = `${code.toLowerCase()}|${year}`;
    const g = groups.get(key) ?? { code, year, rows: [] };
    if (activity) g.rows.push({ row: r.row, activity });
    else g.rows.push({ row: r.row, activity: null as unknown as ParsedActivity }); // keeps the row's place; never written
    groups.set(key, g);
  }

  return db.transaction(async (tx) => {
    const work: { group: Group; orgId: number; plan: PlanRow | null }[] = [];
    const grouped = [...groups.values()].reduce((n, g) => n + g.rows.length, 0);
    let matched = 0; // rows whose organisation and plan were found (the figure)
    for (const g of groups.values()) {
      await progress.step('match', matched, grouped);
      matched += g.rows.length;
      const rowsOf = g.rows.map((x) => x.row);
      const all = (field: string, message: string) => rowsOf.forEach((row) => bad(row, field, message));
      const org = await findOrganisationByCode(tx, g.code);
      if (!org) {
        all('organisation_code', `unknown organisation code "${g.code}"`);
        continue;
      }
      if (!(await canWritePlanOf(tx, actor, org.id))) {
        all('organisation_code', `you may only import plans of your own organisation and those below it; ${g.code} is outside it`);
        continue;
      }
      const [found] = await rows<{ id: number }>(
        tx,
        sql`select id from plans where organisation_id = ${org.id} and year = ${g.year} for update`,
      );
      const plan = found ? await lockPlanRow(tx, Number(found.id)) : null;
      if (plan?.status === 'submitted') {
        all(
          'organisation_code',
          `the ${g.year} plan of ${g.code} is submitted and awaits the programme office; it cannot be changed until it is returned or approved`,
        );
        continue;
      }
      if (g.rows.some((x) => !x.activity)) continue; // the row's own problems are reported; the plan's checks need every row
      const numbers = plan ? await planNumbers(tx, plan.id) : { known: new Set<number>(), spent: new Set<number>() };
      for (const i of activityIssues(
        g.year,
        g.rows.map((x) => x.activity),
        numbers.known,
        numbers.spent,
      )) {
        const m = /^activities\.(\d+)\.(.+)$/.exec(i.field);
        if (m) bad(g.rows[+m[1]!]!.row, columnOf(m[2]!), i.message);
        else bad(rowsOf[0]!, 'activity_no', `${i.message} (plan of ${g.code} for ${g.year})`);
      }
      work.push({ group: g, orgId: org.id, plan });
    }
    if (issues.length) {
      issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      throw new AppError(
        'import_invalid',
        `${issues.length} problem(s) in ${new Set(issues.map((i) => i.row)).size} row(s) of the activities sheet; nothing was imported`,
        issues,
      );
    }
    let created = 0,
      updated = 0,
      written = 0;
    const toWrite = work.reduce((n, w) => n + w.group.rows.length, 0);
    for (const w of work) {
      await progress.step('write', written, toWrite);
      written += w.group.rows.length;
      let plan = w.plan;
      if (!plan) {
        plan = await insertPlan(tx, actor, w.orgId, w.group.year, {});
        created++;
      } else updated++;
      if (plan.status === 'approved') await startVersion(tx, actor, plan);
      await replaceOpenVersion(
        tx,
        actor,
        plan,
        w.group.rows.map((x) => x.activity),
        null,
        'imported',
      );
    }
    progress.report('write', toWrite, toWrite);
    return { created, updated, rows: data.length };
  });
}

// ---------------------------------------------------------------- the sheet out: template and export

const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const MONEY = '#,##0';

function headerRow(ws: ExcelJS.Worksheet, values: readonly string[]) {
  const row = ws.addRow([...values]);
  row.font = { bold: true };
  row.eachCell((c) => {
    c.fill = HEAD_FILL;
  });
  return row;
}

function activitiesSheet(wb: ExcelJS.Workbook, withReadOnly: boolean): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(ACTIVITIES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = withReadOnly
    ? [
        'organisation_code',
        'organisation_name',
        'year',
        'status',
        'version',
        ...PLAN_COLUMNS.slice(2),
        'spent_central',
        'spent_local',
        'spent_other',
      ]
    : [...PLAN_COLUMNS];
  headerRow(ws, columns);
  ws.columns.forEach((c, i) => {
    const h = columns[i]!;
    c.width = ['title', 'description', 'expected_outputs', 'organisation_name'].includes(h)
      ? 48
      : h.startsWith('budget') || h.startsWith('spent')
        ? 18
        : 14;
    if (h.startsWith('budget') || h.startsWith('spent')) c.numFmt = MONEY;
  });
  return ws;
}

function helpSheets(wb: ExcelJS.Workbook): void {
  const help = wb.addWorksheet('help');
  headerRow(help, ['cột / column', 'ý nghĩa', 'meaning']);
  const rowsOfHelp: [string, string, string][] = [
    ['organisation_code', 'mã tổ chức (như trong danh mục tổ chức)', "the organisation's code (as in the directory)"],
    ['year', `năm kế hoạch (${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR})`, `the plan's year (${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR})`],
    [
      'activity_no',
      'số hoạt động trong kế hoạch; để trống khi thêm hoạt động mới',
      "the activity's number in the plan; empty for a new activity",
    ],
    ['title', 'tên hoạt động (bắt buộc)', 'the activity (required)'],
    [
      'targets',
      'mục tiêu của Đề án, cách nhau bởi ; (bắt buộc, ít nhất một): T1, T2a, T2b, T2c, T2d, T3, T4a, T4b, T5a, T5b, T5c, T6',
      'targets of the programme separated by ; (required, at least one)',
    ],
    ['audiences', 'nhóm đối tượng 1–6, cách nhau bởi ; (xem trang lists)', 'target groups 1–6 separated by ; (see the lists sheet)'],
    [
      'start_month, end_month',
      'tháng bắt đầu, kết thúc trong năm kế hoạch: YYYY-MM hoặc 1–12',
      "first and last month in the plan's year: YYYY-MM or 1–12",
    ],
    ['expected_outputs', 'kết quả, sản phẩm dự kiến', 'expected outputs'],
    [
      'budget_central',
      'kinh phí ngân sách trung ương (đồng, số nguyên, không âm)',
      'central state budget (đồng, a whole number, not negative)',
    ],
    ['budget_local', 'kinh phí ngân sách địa phương (đồng)', 'local state budget (đồng)'],
    ['budget_other', 'nguồn hợp pháp khác (đồng)', 'other lawful sources (đồng)'],
    [
      'organisation_name, status, version, spent_*',
      'chỉ để đọc (bản xuất); bỏ qua khi nhập',
      'for reading only (the export); ignored on import',
    ],
    [
      '—',
      'Nhập tệp: kế hoạch chưa có được tạo (bản nháp); kế hoạch nháp hoặc bị trả lại được thay bằng các hoạt động trong tệp; kế hoạch đã phê duyệt có phiên bản mới; kế hoạch đang chờ duyệt không nhập được. Có lỗi thì không ghi dòng nào.',
      "Import: a plan that does not exist is created (a draft); a draft or returned plan gets the file's activities; an approved plan gets a new version; a plan awaiting the office is refused. With any error nothing is written.",
    ],
  ];
  for (const r of rowsOfHelp) help.addRow(r);
  help.columns.forEach((c, i) => {
    c.width = i === 0 ? 28 : 70;
    c.alignment = { wrapText: true, vertical: 'top' };
  });
  const lists = wb.addWorksheet('lists');
  headerRow(lists, ['mã / code', 'tiếng Việt', 'English']);
  for (const d of DEFINITIONS) lists.addRow([d.id, d.name.vi, d.name.en]);
  lists.addRow([]);
  for (const [k, l] of Object.entries(AUDIENCE_LABELS)) lists.addRow([Number(k), l.vi, l.en]);
  lists.columns.forEach((c, i) => {
    c.width = i === 0 ? 10 : 60;
  });
}

const activityCells = (
  a: Pick<Activity, 'no' | 'title' | 'description' | 'targets' | 'audiences' | 'startMonth' | 'endMonth' | 'expectedOutputs'>,
) => [
  a.no || '',
  a.title,
  a.description ?? '',
  a.targets.join(';'),
  a.audiences.join(';'),
  a.startMonth,
  a.endMonth,
  a.expectedOutputs ?? '',
];

/** The sheet to fill in; for an organisation and year, pre-filled with its kind's suggested activities. */
export async function planTemplateWorkbook(db: Db, actor: Actor, q: { year?: number; organisationId?: number }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RightsHub';
  const ws = activitiesSheet(wb, false);
  if (q.organisationId && q.year) {
    await assertCanReadPlansOf(db, actor, q.organisationId);
    const [org] = await rows<{ code: string; kind: keyof typeof PLAN_TEMPLATES }>(
      db,
      sql`select code, kind from organisations where id = ${q.organisationId}`,
    );
    for (const t of org ? PLAN_TEMPLATES[org.kind] : []) {
      const m = (n: number) => `${q.year}-${String(n).padStart(2, '0')}`;
      ws.addRow([
        org!.code,
        q.year,
        ...activityCells({
          no: 0,
          title: t.title,
          description: null,
          targets: t.targets,
          audiences: t.audiences,
          startMonth: m(t.startMonth),
          endMonth: m(t.endMonth),
          expectedOutputs: t.expectedOutputs,
        }),
        0,
        0,
        0,
      ]);
    }
  }
  helpSheets(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The latest version of every plan the reader sees (of a year, of an organisation and those below it), in the
 *  import's layout plus columns for reading; one query. */
export async function exportPlans(db: Db, actor: Actor, q: { year?: number; organisationId?: number }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RightsHub';
  const ws = activitiesSheet(wb, true);
  const parts: SQL[] = [sql`true`];
  const readable = await readablePlanOrganisations(db, actor);
  if (readable !== null) parts.push(sql`p.organisation_id = any(${intArray(readable)})`);
  if (q.organisationId) parts.push(sql`p.organisation_id = any(${intArray(await subtreeIds(db, q.organisationId))})`);
  if (q.year) parts.push(sql`p.year = ${q.year}`);
  const r = await rows<{
    code: string;
    name: string;
    year: number;
    status: string;
    version: number;
    no: number;
    title: string;
    description: string | null;
    targets: string[];
    audiences: number[];
    start_month: string;
    end_month: string;
    expected_outputs: string | null;
    bc: string;
    bl: string;
    bo: string;
    sc: string;
    sl: string;
    so: string;
  }>(
    db,
    sql`
    select o.code, o.name_vi as name, p.year, p.status, p.version, a.no, a.title, a.description, a.targets, a.audiences, a.start_month, a.end_month, a.expected_outputs,
      a.budget_central::text as bc, a.budget_local::text as bl, a.budget_other::text as bo,
      coalesce(sp.c, 0)::text as sc, coalesce(sp.l, 0)::text as sl, coalesce(sp.o, 0)::text as so
    from plans p join organisations o on o.id = p.organisation_id
    join plan_versions v on v.plan_id = p.id and v.version = p.version
    join plan_activities a on a.version_id = v.id
    left join lateral (select sum(amount) filter (where source = 'central') as c, sum(amount) filter (where source = 'local') as l,
      sum(amount) filter (where source = 'other') as o from plan_spending s where s.plan_id = p.id and s.activity_no = a.no) sp on true
    where ${sql.join(parts, sql` and `)}
    order by p.year desc, o.name_vi, p.id, a.position`,
  );
  for (const x of r) {
    ws.addRow([
      x.code,
      x.name,
      Number(x.year),
      x.status,
      Number(x.version),
      ...activityCells({
        no: Number(x.no),
        title: x.title,
        description: x.description,
        targets: x.targets as IndicatorId[],
        audiences: x.audiences.map(Number),
        startMonth: x.start_month,
        endMonth: x.end_month,
        expectedOutputs: x.expected_outputs,
      }),
      Number(x.bc),
      Number(x.bl),
      Number(x.bo),
      Number(x.sc),
      Number(x.sl),
      Number(x.so),
    ]);
  }
  helpSheets(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- plan vs actual

const WORDS = {
  vi: {
    organisations: 'Theo tổ chức',
    provinces: 'Theo tỉnh',
    targets: 'Theo mục tiêu',
    bySource: 'Theo nguồn',
    orgHead: ['Mã', 'Tổ chức', 'Loại', 'Tỉnh (bản đồ 34)', 'Trạng thái', 'Phiên bản', 'Phiên bản tính'],
    provHead: ['Mã', 'Tỉnh, thành phố', 'Số tổ chức', 'Ghi chú'],
    targetHead: ['Mục tiêu', 'Tên', 'Số hoạt động'],
    sourceHead: ['Nguồn', 'Kế hoạch', 'Đã chi', 'Tỉ lệ thực hiện'],
    money: [
      'KH trung ương',
      'KH địa phương',
      'KH nguồn khác',
      'KH tổng',
      'Chi trung ương',
      'Chi địa phương',
      'Chi nguồn khác',
      'Chi tổng',
      'Tỉ lệ thực hiện',
    ],
    sourceNames: { central: 'Ngân sách trung ương', local: 'Ngân sách địa phương', other: 'Nguồn hợp pháp khác' },
    total: 'Tổng cộng',
    attributed: 'Tính cho mọi đơn vị cũ hợp thành tỉnh mới',
    map: (m: string) => `Bản đồ ${m} đơn vị`,
    note: 'Kế hoạch: phiên bản đã phê duyệt đang có hiệu lực (chưa có thì phiên bản mới nhất). Một hoạt động phục vụ nhiều mục tiêu được tính đủ cho từng mục tiêu; tổng cộng tính mỗi hoạt động một lần.',
    status: { draft: 'Nháp', submitted: 'Chờ duyệt', returned: 'Trả lại', approved: 'Đã phê duyệt', superseded: 'Đã thay thế' },
  },
  en: {
    organisations: 'By organisation',
    provinces: 'By province',
    targets: 'By target',
    bySource: 'By source',
    orgHead: ['Code', 'Organisation', 'Kind', 'Province (34-unit map)', 'Status', 'Version', 'Version counted'],
    provHead: ['Code', 'Province', 'Organisations', 'Note'],
    targetHead: ['Target', 'Name', 'Activities'],
    sourceHead: ['Source', 'Planned', 'Spent', 'Execution'],
    money: [
      'Planned central',
      'Planned local',
      'Planned other',
      'Planned total',
      'Spent central',
      'Spent local',
      'Spent other',
      'Spent total',
      'Execution',
    ],
    sourceNames: { central: 'Central state budget', local: 'Local state budget', other: 'Other lawful sources' },
    total: 'Total',
    attributed: 'Counted for every former unit of the merged province',
    map: (m: string) => `${m}-unit map`,
    note: 'Planned: the approved version in force (else the latest version). An activity serving several targets counts in full for each target; the totals count each activity once.',
    status: { draft: 'Draft', submitted: 'Submitted', returned: 'Returned', approved: 'Approved', superseded: 'Superseded' },
  },
} as const;

const moneyCells = (p: SourceAmounts, s: SourceAmounts) => [
  p.central,
  p.local,
  p.other,
  p.total,
  s.central,
  s.local,
  s.other,
  s.total,
  p.total ? s.total / p.total : null,
];

function moneyRow(ws: ExcelJS.Worksheet, lead: (string | number | null)[], p: SourceAmounts, s: SourceAmounts) {
  const row = ws.addRow([...lead, ...moneyCells(p, s)]);
  for (let i = 1; i <= 8; i++) row.getCell(lead.length + i).numFmt = MONEY;
  row.getCell(lead.length + 9).numFmt = '0.0%';
  return row;
}

/** Plan vs actual of a year as a workbook: the same figures as GET /api/plans/summary for the same query. */
export async function summaryWorkbook(db: Db, actor: Actor, raw: unknown): Promise<Buffer> {
  const q = parseInput(SummaryQuery, raw);
  const s: PlanSummary = await planSummary(db, actor, q);
  const w = WORDS[q.lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RightsHub';
  const sheet = (name: string, head: readonly string[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([`${name} — ${s.year} — ${w.map(s.map)}`]).font = { bold: true };
    headerRow(ws, [...head, ...w.money]);
    ws.columns.forEach((c, i) => {
      c.width = i === 1 ? 44 : 16;
    });
    return ws;
  };
  const orgs = sheet(w.organisations, w.orgHead);
  for (const o of s.byOrganisation)
    moneyRow(
      orgs,
      [o.code, o.name, KIND_LABELS[o.kind]?.[q.lang] ?? o.kind, o.provinceCode, w.status[o.status], o.version, o.basisVersion],
      o.planned,
      o.spent,
    );
  moneyRow(orgs, [w.total, '', '', '', '', '', ''], s.total.planned, s.total.spent).font = { bold: true };
  const prov = sheet(w.provinces, w.provHead);
  for (const p of s.byProvince)
    moneyRow(prov, [p.key, q.lang === 'en' ? p.nameEn : p.nameVi, p.organisations, p.attributed ? w.attributed : ''], p.planned, p.spent);
  const targets = sheet(w.targets, w.targetHead);
  for (const t of s.byTarget)
    moneyRow(targets, [t.target, DEFINITIONS.find((d) => d.id === t.target)?.name[q.lang] ?? t.target, t.activities], t.planned, t.spent);
  targets.addRow([]);
  targets.addRow([w.note]);
  const sources = wb.addWorksheet(w.bySource);
  sources.addRow([`${w.bySource} — ${s.year}`]).font = { bold: true };
  headerRow(sources, w.sourceHead);
  for (const x of s.bySource) {
    const row = sources.addRow([w.sourceNames[x.source], x.planned, x.spent, x.planned ? x.spent / x.planned : null]);
    row.getCell(2).numFmt = MONEY;
    row.getCell(3).numFmt = MONEY;
    row.getCell(4).numFmt = '0.0%';
  }
  const tot = sources.addRow([
    w.total,
    s.total.planned.total,
    s.total.spent.total,
    s.total.planned.total ? s.total.spent.total / s.total.planned.total : null,
  ]);
  tot.font = { bold: true };
  tot.getCell(2).numFmt = MONEY;
  tot.getCell(3).numFmt = MONEY;
  tot.getCell(4).numFmt = '0.0%';
  sources.addRow([]);
  sources.addRow([w.note]);
  sources.columns.forEach((c, i) => {
    c.width = i === 0 ? 30 : 20;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
