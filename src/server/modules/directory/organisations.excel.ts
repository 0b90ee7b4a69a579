// Excel import and export of organisations. Every row is validated and every bad row reported with its
// row number and field; the import writes all rows or none.
import ExcelJS from 'exceljs';
import { asc, eq } from 'drizzle-orm';
import { ORG_KINDS, type FieldIssue, type ImportResult } from '../../../shared/contracts/directory.js';
import type { Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { countRead, noProgress, type ProgressReporter } from '../../kernel/progress.js';
import { EXCEL_CELL_CHARS, readTable, streamSheet, type SheetLimits, type SheetRow } from '../../kernel/xlsx.js';
import { adminUnits, organisations } from './directory.tables.js';
import { createOrganisation, findOrganisationByCode, updateOrganisation } from './organisations.service.js';

type Table = { header: string[]; rows: SheetRow[] };

export const ORG_COLUMNS = [
  'code',
  'name_vi',
  'name_en',
  'short_name',
  'kind',
  'parent_code',
  'province_code',
  'country_code',
  'state_admin_agency',
  'valid_from',
  'valid_to',
  'successor_code',
  'succession_kind',
] as const;
const REQUIRED = ['code', 'name_vi', 'kind'];
/** Yes / no cells of every directory-style import (Vietnamese or English; empty is no). */
export const YES = new Set(['yes', 'y', 'true', '1', 'có', 'co', 'x']);
export const NO = new Set(['no', 'n', 'false', '0', 'không', 'khong', '']);
export const MAX_IMPORT_ROWS = 20000;

/** What a directory-style import file may hold; checked while it is read (kernel/xlsx), the first limit passed refuses
 *  it (413) with the limit named. Exhibitions and fact-check items read with the same limits. */
export const IMPORT_LIMITS: SheetLimits = {
  rows: 10 * MAX_IMPORT_ROWS + 1000,
  columns: 200,
  cellChars: EXCEL_CELL_CHARS,
  uncompressedBytes: 100 * 1024 * 1024,
};

type ParsedRow = { row: number; values: Record<string, string> };

/** The first sheet of an .xlsx upload with its header in row 1, streamed with the limits above; at most
 *  MAX_IMPORT_ROWS data rows. */
export const readFirstSheet = (buf: Buffer, progress: ProgressReporter = noProgress): Promise<Table> =>
  readTable(countRead(streamSheet(buf, IMPORT_LIMITS), progress), MAX_IMPORT_ROWS);

/** The rows of a sheet (header in row 1) as values by column name (lower case), checked against `columns`. */
export function readRows(table: Table, columns: readonly string[], required: string[]): ParsedRow[] {
  const header = table.header.map((v) => v.toLowerCase());
  const issues: FieldIssue[] = [];
  for (const h of header)
    if (h && !columns.includes(h)) issues.push({ row: 1, field: h, message: `unknown column "${h}"; expected: ${columns.join(', ')}` });
  for (const r of required) if (!header.includes(r)) issues.push({ row: 1, field: r, message: `missing column "${r}"` });
  if (issues.length) throw new AppError('import_invalid', 'The header row is wrong', issues);
  const out: ParsedRow[] = [];
  for (const { row, cells } of table.rows) {
    const values: Record<string, string> = {};
    header.forEach((h, idx) => {
      if (h) values[h] = cells[idx] ?? '';
    });
    if (Object.values(values).every((v) => v === '')) continue;
    out.push({ row, values });
  }
  if (out.length === 0)
    throw new AppError('import_invalid', 'The sheet has no data rows', [
      { row: 2, field: 'file', message: 'no data rows below the header' },
    ]);
  return out;
}

export async function importOrganisations(db: Db, actor: Actor, buf: Buffer, progress = noProgress): Promise<ImportResult> {
  const rowsIn = readRows(await readFirstSheet(buf, progress), ORG_COLUMNS, REQUIRED);
  const issues: FieldIssue[] = [];
  const skip = new Set<ParsedRow>(); // rows that cannot be tried at all (duplicate code, part of a cycle)
  const byCode = new Map<string, ParsedRow>();
  for (const r of rowsIn) {
    const code = r.values.code.toLowerCase();
    if (code && byCode.has(code)) {
      issues.push({ row: r.row, field: 'code', message: `duplicate code ${r.values.code} (also on row ${byCode.get(code)!.row})` });
      skip.add(r);
    } else if (code) byCode.set(code, r);
    const b = (r.values.state_admin_agency ?? '').toLowerCase();
    if (!YES.has(b) && !NO.has(b))
      issues.push({ row: r.row, field: 'state_admin_agency', message: `"${r.values.state_admin_agency}" is not yes/no (có/không)` });
    if (r.values.kind && !(ORG_KINDS as readonly string[]).includes(r.values.kind))
      issues.push({ row: r.row, field: 'kind', message: `unknown kind "${r.values.kind}"; one of ${ORG_KINDS.join(', ')}` });
  }
  // Parents and successors first: a row whose parent or successor is another row of the file waits for it; a loop is
  // an error (of the column that closes it).
  const ordered: ParsedRow[] = [];
  const state = new Map<ParsedRow, 'visiting' | 'done'>();
  const visit = (r: ParsedRow, trail: number[], via: 'parent_code' | 'successor_code') => {
    if (state.get(r) === 'done') return;
    if (state.get(r) === 'visiting') {
      issues.push({
        row: r.row,
        field: via,
        message:
          via === 'parent_code'
            ? `cycle in the organisation tree through rows ${[...trail, r.row].join(' → ')}`
            : `cycle of successions through rows ${[...trail, r.row].join(' → ')}`,
      });
      skip.add(r);
      return;
    }
    state.set(r, 'visiting');
    for (const col of ['parent_code', 'successor_code'] as const) {
      const p = r.values[col] ? byCode.get(r.values[col].toLowerCase()) : undefined;
      if (p && p !== r) visit(p, [...trail, r.row], col);
      else if (p === r) {
        issues.push({
          row: r.row,
          field: col,
          message: col === 'parent_code' ? 'an organisation cannot be its own parent' : 'an organisation cannot succeed itself',
        });
        skip.add(r);
      }
    }
    state.set(r, 'done');
    ordered.push(r);
  };
  for (const r of rowsIn) visit(r, [], 'parent_code');

  let created = 0;
  let updated = 0;
  const importActor: Actor = { ...actor, via: 'import' };
  await db.transaction(async (tx) => {
    const ids = new Map<string, number>();
    // Every other row is still tried, inside its own savepoint, so that one report lists every problem.
    const tried = ordered.filter((x) => !skip.has(x));
    let written = 0;
    for (const r of tried) {
      await progress.step('write', written++, tried.length); // the event loop (and a poll of this figure) gets its turns
      const v = r.values;
      // The organisation a code column names (in the file, written before this row, or already recorded): null when
      // empty, 'failed' when it cannot be had (an unknown code is reported here; a failed row of the file reported there).
      const ref = async (col: 'parent_code' | 'successor_code'): Promise<number | null | 'failed'> => {
        const c = v[col];
        if (!c) return null;
        const id = ids.get(c.toLowerCase()) ?? (await findOrganisationByCode(tx, c))?.id;
        if (id !== undefined) return id;
        if (!byCode.has(c.toLowerCase())) issues.push({ row: r.row, field: col, message: `no organisation has code ${c}` });
        return 'failed';
      };
      const parentId = await ref('parent_code');
      const successorId = await ref('successor_code');
      if (parentId === 'failed' || successorId === 'failed') continue;
      // A column the file leaves out leaves what is recorded unchanged (files of the template before the history columns).
      const given = (col: string, value: unknown) => (col in v ? value : undefined);
      const input = {
        code: v.code,
        nameVi: v.name_vi,
        nameEn: v.name_en || null,
        shortName: v.short_name || null,
        kind: v.kind,
        parentId,
        provinceCode: v.province_code || null,
        countryCode: v.country_code || null,
        isStateAdminAgency: YES.has((v.state_admin_agency ?? '').toLowerCase()),
        validFrom: given('valid_from', v.valid_from || null),
        validTo: given('valid_to', v.valid_to || null),
        successorId: given('successor_code', successorId),
        successionKind: given('succession_kind', v.succession_kind || null),
      };
      try {
        const existing = await findOrganisationByCode(tx, v.code);
        const org = existing
          ? await updateOrganisation(tx, importActor, existing.id, input, { row: r.row })
          : await createOrganisation(tx, importActor, input, { row: r.row });
        ids.set(v.code.toLowerCase(), org.id);
        if (existing) updated++;
        else created++;
      } catch (e) {
        if (!(e instanceof AppError) || e.code === 'internal') throw e;
        const ds = Array.isArray(e.details) && e.details.length ? (e.details as FieldIssue[]) : [{ field: 'row', message: e.message }];
        for (const d of ds) issues.push({ ...d, row: r.row, field: snake(d.field) });
      }
    }
    progress.report('write', tried.length, tried.length);
    if (issues.length) throw importError(issues);
  });
  return { created, updated, rows: rowsIn.length };
}

const snake = (f: string) =>
  (
    ({
      nameVi: 'name_vi',
      nameEn: 'name_en',
      shortName: 'short_name',
      parentId: 'parent_code',
      provinceCode: 'province_code',
      countryCode: 'country_code',
      isStateAdminAgency: 'state_admin_agency',
      validFrom: 'valid_from',
      validTo: 'valid_to',
      successorId: 'successor_code',
      successionKind: 'succession_kind',
    }) as Record<string, string>
  )[f] ?? f;

/** The one refusal of an import: every problem (one per row and column), by row. */
export function importError(all: FieldIssue[]): AppError {
  const seen = new Set<string>();
  const issues = all.filter((i) => {
    const k = `${i.row}:${i.field}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const rowsWithIssues = new Set(issues.map((i) => i.row)).size;
  return new AppError('import_invalid', `${issues.length} problem(s) in ${rowsWithIssues} row(s); nothing was imported`, issues);
}

export async function exportOrganisations(db: Db, opts: { template?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RightsHub';
  const ws = wb.addWorksheet('organisations');
  ws.addRow([...ORG_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  if (!opts.template) {
    const all = await db
      .select({ o: organisations, province: adminUnits.code })
      .from(organisations)
      .leftJoin(adminUnits, eq(adminUnits.id, organisations.provinceUnitId))
      .where(eq(organisations.active, true))
      .orderBy(asc(organisations.id));
    const codeOf = new Map(
      (await db.select({ id: organisations.id, code: organisations.code }).from(organisations)).map((r) => [r.id, r.code]),
    );
    for (const { o, province } of all) {
      ws.addRow([
        o.code,
        o.nameVi,
        o.nameEn ?? '',
        o.shortName ?? '',
        o.kind,
        o.parentId ? (codeOf.get(o.parentId) ?? '') : '',
        province ?? '',
        o.countryCode ?? '',
        o.isStateAdminAgency ? 'yes' : 'no',
        o.validFrom ?? '',
        o.validTo ?? '',
        o.successorId ? (codeOf.get(o.successorId) ?? '') : '',
        o.successionKind ?? '',
      ]);
    }
  }
  ws.columns.forEach((c, i) => {
    c.width = i === 1 || i === 2 ? 48 : 16;
  });
  const help = wb.addWorksheet('help');
  help.addRow(['column', 'meaning']);
  help.addRow(['code', 'unique code of the organisation (letters, digits, . _ -)']);
  help.addRow(['kind', ORG_KINDS.join(', ')]);
  help.addRow(['parent_code', 'code of the parent organisation (in this file or already in RightsHub)']);
  help.addRow([
    'province_code',
    'province code on the map of the organisation’s dates: the 34-unit map (from 1 July 2025), e.g. 01 Hà Nội, 08 Tuyên Quang; ' +
      'for a former agency whose valid_to is before 1 July 2025, the 63-unit map, e.g. 02 Hà Giang',
  ]);
  help.addRow(['country_code', 'ISO 3166-1 alpha-2, for missions abroad, e.g. CH']);
  help.addRow(['state_admin_agency', 'yes / no (có / không): state administrative agency (target T1)']);
  help.addRow(['valid_from, valid_to', 'first and last day of the organisation (YYYY-MM-DD or an Excel date); empty: open']);
  help.addRow(['successor_code', 'code of the organisation that took over from it (in this file or already in RightsHub); needs valid_to']);
  help.addRow(['succession_kind', 'with a successor: merged_into, split_from (the successor was split from it) or renamed']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
