// Excel import of spokespersons and of press items, each from the first sheet of a workbook (header in row 1; the
// template has a notes sheet after it). Every row goes through the service's own create (spokespersons.service.ts,
// press.service.ts: the contract's rules, the organisation an editor may write for, the date lock) inside a savepoint,
// so one answer lists every problem by row and column; nothing is written unless every row is sound (one
// transaction). `commit: false` checks the file the same way and writes nothing (the preview).
// Re-import: a row equal to a record already there (a spokesperson: organisation, name and first day; an item:
// organisation, kind, language, title and publication day, or both unpublished) is skipped and counted, so importing
// the same file twice writes its records once; a row equal to an earlier row of the same file is an error.
// Items with a publication day are recorded as published at 00:00 that day in Viet Nam (back-entry, which only the
// programme office may do, as in the workspace); `period`, if given, must contain that day.
import { parseAudienceCell } from '../../../shared/contracts/library.js';
import { and, eq, inArray, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FieldIssue } from '../../../shared/contracts/directory.js';
import { PRESS_KINDS, type PressImportResult } from '../../../shared/contracts/press.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { parsePeriodId, vnDate, vnMidnight } from '../../kernel/periods.js';
import { noProgress, type ProgressReporter } from '../../kernel/progress.js';
import { fold } from '../../kernel/text.js';
import { importError, NO, readFirstSheet, readRows, YES } from '../directory/organisations.excel.js';
import { findOrganisationByCode } from '../directory/organisations.service.js';
import { createPressItem, publishPressItem } from './press.service.js';
import { pressItems, pressSpokespersons, pressTopics } from './press.tables.js';
import { createSpokesperson } from './spokespersons.service.js';

export const SPOKESPERSON_COLUMNS = [
  'organisation_code',
  'full_name',
  'position',
  'decision_number',
  'decision_date',
  'valid_from',
  'valid_to',
  'email',
  'email_public',
  'phone',
  'phone_public',
] as const;
export const PRESS_ITEM_COLUMNS = [
  'organisation_code',
  'kind',
  'title',
  'summary',
  'body',
  'language',
  'topic_codes',
  'held_on',
  'published_on',
  'period',
  'audiences',
] as const;

type Values = Record<string, string>;
/** What one row turns into: the key that finds it again (re-import) and how to write it. */
type Planned = { key: string; exists: (tx: Db) => Promise<boolean>; write: (tx: Db, via: Actor) => Promise<unknown> };
type Kind = {
  entity: string;
  columns: readonly string[];
  required: string[];
  /** The column named when a row repeats an earlier one. */
  keyColumn: string;
  /** The column a field of the service's input is read from (camelCase → the sheet's snake_case otherwise). */
  columnOf: Record<string, string>;
  /** A row's own checks (issues pushed with `bad`); null when the row cannot be tried. */
  plan: (tx: Db, actor: Actor, v: Values, bad: (field: string, message: string) => void) => Promise<Planned | null>;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[;,]/)
    .map((x) => x.trim())
    .filter(Boolean);
/** Whether a row of `table` meets `where`: the record a re-imported row is already. */
const anyRow = async (db: Db, table: typeof pressItems | typeof pressSpokespersons, where: SQL | undefined) =>
  (
    await db
      .select({ one: sql<number>`1` })
      .from(table)
      .where(where)
      .limit(1)
  ).length > 0;
/** The same name or title, case and diacritics aside. */
const sameText = (column: AnyColumn, value: string | undefined) =>
  sql`lower(f_unaccent(${column})) = lower(f_unaccent(${(value ?? '').trim()}))`;
const snake = (f: string) => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

async function organisationOf(tx: Db, code: string, bad: (field: string, message: string) => void) {
  if (!code) bad('organisation_code', 'required');
  const org = code ? await findOrganisationByCode(tx, code) : null;
  if (code && !org) bad('organisation_code', `no organisation with code ${code}`);
  return org;
}
function yesNo(v: string | undefined, field: string, bad: (field: string, message: string) => void) {
  const s = (v ?? '').trim().toLowerCase();
  if (!YES.has(s) && !NO.has(s)) bad(field, `"${v}" is not yes/no (có/không)`);
  return YES.has(s);
}
/** 00:00 in Viet Nam on a YYYY-MM-DD day, as an ISO instant; undefined (and an issue) when the cell is no date. */
function dayStart(v: string | undefined, field: string, bad: (field: string, message: string) => void): string | null | undefined {
  if (!v) return null;
  const [y, m, d] = v.split('-').map(Number);
  if (!DAY.test(v) || vnDate(vnMidnight(y!, m!, d!)) !== v) {
    bad(field, `${v} is not a date (YYYY-MM-DD)`);
    return undefined;
  }
  return vnMidnight(y!, m!, d!).toISOString();
}

const SPOKESPERSONS: Kind = {
  entity: 'press_spokesperson',
  columns: SPOKESPERSON_COLUMNS,
  required: ['organisation_code', 'full_name', 'valid_from'],
  keyColumn: 'full_name',
  columnOf: { organisationId: 'organisation_code' },
  async plan(tx, _actor, v, bad) {
    const org = await organisationOf(tx, v.organisation_code ?? '', bad);
    const emailPublic = yesNo(v.email_public, 'email_public', bad);
    const phonePublic = yesNo(v.phone_public, 'phone_public', bad);
    if (!org) return null;
    const raw = {
      organisationId: org.id,
      fullName: v.full_name,
      position: v.position || null,
      decisionNumber: v.decision_number || null,
      decisionDate: v.decision_date || null,
      validFrom: v.valid_from,
      validTo: v.valid_to || null,
      email: v.email || null,
      emailPublic,
      phone: v.phone || null,
      phonePublic,
    };
    return {
      key: [raw.organisationId, fold(v.full_name ?? ''), v.valid_from].join('|'),
      exists: async (db) =>
        DAY.test(raw.validFrom ?? '') && // an unreadable day is the create's to refuse
        anyRow(
          db,
          pressSpokespersons,
          and(
            eq(pressSpokespersons.organisationId, raw.organisationId),
            eq(pressSpokespersons.validFrom, raw.validFrom!),
            sameText(pressSpokespersons.fullName, v.full_name),
          ),
        ),
      write: (db, via) => createSpokesperson(db, via, raw),
    };
  },
};

const PRESS_ITEMS: Kind = {
  entity: 'press_item',
  columns: PRESS_ITEM_COLUMNS,
  required: ['organisation_code', 'kind', 'title'],
  keyColumn: 'title',
  columnOf: {
    organisationId: 'organisation_code',
    bodyHtml: 'body',
    topicIds: 'topic_codes',
    heldAt: 'held_on',
    publishedAt: 'published_on',
  },
  async plan(tx, actor, v, bad) {
    const org = await organisationOf(tx, v.organisation_code ?? '', bad);
    const codes = list(v.topic_codes);
    const topics = codes.length
      ? await tx.select({ id: pressTopics.id, code: pressTopics.code }).from(pressTopics).where(inArray(pressTopics.code, codes))
      : [];
    for (const c of codes)
      if (!topics.some((t) => t.code === c)) bad('topic_codes', `unknown topic code ${c}; see the topics in the notes sheet`);
    if (v.kind && !(PRESS_KINDS as readonly string[]).includes(v.kind))
      bad('kind', `unknown kind "${v.kind}"; one of ${PRESS_KINDS.join(', ')}`);
    const audiences = parseAudienceCell(v.audiences);
    if (!Array.isArray(audiences)) bad('audiences', `"${audiences.bad}" is not an audience group; the numbers 1–6 separated by ;`);
    const heldAt = dayStart(v.held_on, 'held_on', bad);
    const publishedAt = dayStart(v.published_on, 'published_on', bad);
    if (v.period) {
      try {
        const p = parsePeriodId(v.period);
        if (!v.published_on) bad('period', 'a period needs the day the item was published (published_on)');
        else if (publishedAt && !(v.published_on >= p.firstDay && v.published_on <= p.lastDay))
          bad('published_on', `${v.published_on} is not in the period ${v.period} (${p.firstDay} – ${p.lastDay})`);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        bad('period', `unknown period "${v.period}"; one of YYYY, YYYY-H1, YYYY-Q1, YYYY-MM`);
      }
    }
    const mayBackdate = actor.role === 'admin' || actor.role === 'system';
    if (publishedAt && !mayBackdate) bad('published_on', 'Only administrators may record a past publication date');
    if (!org || heldAt === undefined || publishedAt === undefined) return null;
    const raw = {
      kind: v.kind,
      organisationId: org.id,
      title: v.title,
      bodyHtml: v.body ?? '',
      summary: v.summary || null,
      language: (v.language || 'vie').toLowerCase(),
      topicIds: topics.map((t) => t.id),
      heldAt,
      audiences: Array.isArray(audiences) ? audiences : [],
    };
    const day = publishedAt ? new Date(publishedAt) : null;
    return {
      key: [raw.organisationId, raw.kind, raw.language, fold(v.title ?? ''), v.published_on ?? ''].join('|'),
      exists: (db) =>
        anyRow(
          db,
          pressItems,
          and(
            eq(pressItems.organisationId, raw.organisationId),
            eq(pressItems.kind, raw.kind ?? ''),
            eq(pressItems.language, raw.language),
            day ? eq(pressItems.publishedAt, day) : isNull(pressItems.publishedAt),
            sameText(pressItems.title, v.title),
          ),
        ),
      write: async (db, via) => {
        const item = await createPressItem(db, via, raw);
        if (publishedAt && mayBackdate) await publishPressItem(db, via, item.id, { publishedAt });
      },
    };
  },
};

/** Reads, checks and (with `commit`) writes one import; throws import_invalid listing every problem. */
async function runImport(
  kind: Kind,
  db: Db,
  actor: Actor,
  buf: Buffer,
  opts: { commit?: boolean; progress?: ProgressReporter } = {},
): Promise<PressImportResult> {
  if (actor.role !== 'admin' && actor.role !== 'editor' && actor.role !== 'system')
    throw new AppError('forbidden', `Your role (${actor.role}) is read-only`);
  const progress = opts.progress ?? noProgress;
  const commit = opts.commit ?? true;
  const sheet = readRows(await readFirstSheet(buf, progress), kind.columns, kind.required);
  const via: Actor = { ...actor, via: 'import' };
  const rollback = new Error('preview');
  let result: PressImportResult = { created: 0, updated: 0, skipped: 0, rows: sheet.length, committed: commit };
  try {
    await db.transaction(async (tx) => {
      const issues: FieldIssue[] = [];
      /** A service's refusal as problems of the row, each in the column its field is read from. */
      const collect = (e: unknown, bad: (field: string, message: string) => void) => {
        if (!(e instanceof AppError) || e.code === 'internal') throw e;
        const ds =
          Array.isArray(e.details) && e.details.length ? (e.details as FieldIssue[]) : [{ field: 'organisationId', message: e.message }];
        for (const d of ds) bad(kind.columnOf[d.field.split('.')[0]!] ?? snake(d.field.split('.')[0]!), d.message);
      };
      const rowOfKey = new Map<string, number>();
      let created = 0,
        skipped = 0;
      for (const [i, { row, values: v }] of sheet.entries()) {
        await progress.step('write', i, sheet.length); // the event loop (and a poll of this figure) gets its turns
        const bad = (field: string, message: string) => issues.push({ row, field, message });
        const before = issues.length;
        const planned = await kind.plan(tx, actor, v, bad);
        if (!planned) continue;
        // A row with problems of its own is still given to the service (nothing is kept then), so that one answer
        // lists the rest of its problems too.
        if (issues.length > before) {
          await tx.transaction((sp) => planned.write(sp, via)).catch((e: unknown) => collect(e, bad));
          continue;
        }
        if (rowOfKey.has(planned.key)) {
          bad(kind.keyColumn, `the same record as row ${rowOfKey.get(planned.key)}`);
          continue;
        }
        rowOfKey.set(planned.key, row);
        if (await planned.exists(tx)) {
          skipped++;
          continue;
        }
        try {
          await tx.transaction((sp) => planned.write(sp, via)); // a savepoint: a refused row leaves nothing behind
          created++;
        } catch (e) {
          collect(e, bad);
        }
      }
      progress.report('write', sheet.length, sheet.length);
      if (issues.length) throw importError(issues);
      result = { created, updated: 0, skipped, rows: sheet.length, committed: commit };
      if (!commit) throw rollback;
      await recordAudit(tx, via, 'import', kind.entity, null, null, { rows: sheet.length, created, skipped });
    });
  } catch (e) {
    if (e !== rollback) throw e;
  }
  return result;
}

export const importSpokespersons = (db: Db, actor: Actor, buf: Buffer, opts?: { commit?: boolean; progress?: ProgressReporter }) =>
  runImport(SPOKESPERSONS, db, actor, buf, opts);
export const importPressItems = (db: Db, actor: Actor, buf: Buffer, opts?: { commit?: boolean; progress?: ProgressReporter }) =>
  runImport(PRESS_ITEMS, db, actor, buf, opts);

/** The notes sheet: per column (or group of columns), its meaning in Vietnamese and in English. */
type Notes = Record<string, { vi: string; en: string }>;
async function template(name: string, columns: readonly string[], example: string[], notes: Notes): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RightsHub';
  const ws = wb.addWorksheet(name);
  ws.addRow([...columns]);
  ws.getRow(1).font = { bold: true };
  ws.addRow(example);
  ws.columns.forEach((c) => {
    c.width = 22;
  });
  const help = wb.addWorksheet('notes');
  help.addRow(['column', 'ý nghĩa', 'meaning']);
  help.getRow(1).font = { bold: true };
  for (const [column, { vi, en }] of Object.entries(notes)) help.addRow([column, vi, en]);
  help.addRow([
    '',
    'Mọi dòng được kiểm tra trước khi ghi; nếu có lỗi, không dòng nào được ghi và mỗi lỗi nêu dòng và cột. Dòng trùng với hồ sơ đã có được bỏ qua (nhập lại cùng một tệp không tạo bản ghi mới). Xoá dòng ví dụ trước khi nhập.',
    'Every row is checked before anything is written; with any problem nothing is written and each problem names its row and column. A row equal to a record already there is skipped (importing the same file again creates nothing new). Delete the example row before importing.',
  ]);
  help.columns.forEach((c, i) => {
    c.width = i === 0 ? 22 : 70;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const ORG_NOTE: Notes = {
  organisation_code: {
    vi: 'mã tổ chức (trong danh mục tổ chức); biên tập viên chỉ nhập cho tổ chức của mình và cấp dưới',
    en: 'the organisation code (from the directory); an editor imports only for their own organisation and those below it',
  },
};

export const spokespersonTemplate = () =>
  template(
    'spokespersons',
    SPOKESPERSON_COLUMNS,
    'SO-TTTT-01|Nguyễn Văn A|Phó Giám đốc|123/QĐ-UBND|2025-01-02|2025-01-15||nguoiphatngon@example.gov.vn|có|024 3825 0000|không'.split(
      '|',
    ),
    {
      ...ORG_NOTE,
      full_name: { vi: 'họ và tên người phát ngôn (bắt buộc)', en: "the spokesperson's full name (required)" },
      'decision_number, decision_date': {
        vi: 'số và ngày quyết định giao nhiệm vụ (không bắt buộc)',
        en: 'number and date of the appointing decision (optional)',
      },
      'valid_from, valid_to': {
        vi: 'YYYY-MM-DD; valid_to để trống khi còn đảm nhiệm',
        en: 'YYYY-MM-DD; valid_to empty while the appointment lasts',
      },
      'email_public, phone_public': {
        vi: 'có/không: công khai thư điện tử, số điện thoại trên cổng thông tin',
        en: 'yes/no: show the e-mail, the phone on the portal',
      },
    },
  );

export async function pressItemTemplate(db: Db): Promise<Buffer> {
  const topics = await db.select({ code: pressTopics.code, nameVi: pressTopics.nameVi, nameEn: pressTopics.nameEn }).from(pressTopics);
  const example = `SO-TTTT-01|press_release|Thông cáo báo chí về ...|Tóm tắt|<p>Nội dung</p>|vie|${topics[0]?.code ?? ''}||2025-08-20|2025-Q3|1;3`;
  return template('press_items', PRESS_ITEM_COLUMNS, example.split('|'), {
    ...ORG_NOTE,
    kind: { vi: PRESS_KINDS.join(', '), en: `${PRESS_KINDS.join(', ')} (press release, press conference, statement, answer to the press)` },
    'title, summary, body': {
      vi: 'tiêu đề (bắt buộc), tóm tắt, nội dung (văn bản hoặc HTML, được làm sạch)',
      en: 'title (required), summary, body (text or HTML, sanitised)',
    },
    language: { vi: 'mã ISO 639-3, mặc định vie', en: 'ISO 639-3 code, vie when empty' },
    topic_codes: {
      vi: `mã chủ đề, cách nhau bởi ;: ${topics.map((t) => `${t.code} (${t.nameVi})`).join(', ')}`,
      en: `topic codes separated by ;: ${topics.map((t) => `${t.code} (${t.nameEn})`).join(', ')}`,
    },
    held_on: {
      vi: 'ngày họp báo / phát biểu (YYYY-MM-DD), không bắt buộc',
      en: 'day of the conference or statement (YYYY-MM-DD), optional',
    },
    published_on: {
      vi: 'ngày đã công bố (YYYY-MM-DD, giờ Việt Nam): tin được ghi là đã công bố ngày đó (chỉ Văn phòng chương trình); để trống: bản nháp',
      en: 'day it was published (YYYY-MM-DD, Viet Nam time): recorded as published that day (programme office only); empty: a draft',
    },
    period: {
      vi: 'kỳ báo cáo chứa ngày công bố (2025, 2025-H1, 2025-Q3, 2025-08), không bắt buộc',
      en: 'the reporting period containing the publication day (2025, 2025-H1, 2025-Q3, 2025-08), optional',
    },
    audiences: {
      vi: 'nhóm đối tượng của Quyết định (1–6), cách nhau bởi ;, ví dụ 1;3 (3: báo chí trong và ngoài nước), không bắt buộc',
      en: "the decision's audience groups (1–6) separated by ;, e.g. 1;3 (3: domestic and international press), optional",
    },
  });
}
