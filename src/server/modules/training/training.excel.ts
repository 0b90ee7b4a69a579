// Excel imports of rosters and sign-in sheets, with a review step, and the roster export (audited: personal data).
// An import is read, every row validated (every bad row reported with its row number and column, nothing kept),
// then every name matched (training.match.ts) and the result staged. The user decides every ambiguous and unknown
// row (this person, or a new one); the commit then writes all rows or none. Headers may be the template's English
// column names or the usual Vietnamese ones ("Họ và tên", "Đơn vị", "Chức vụ" …), below a title block.
import ExcelJS from 'exceljs';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { FieldIssue } from '../../../shared/contracts/directory.js';
import {
  ImportCommit, ROSTER_PURPOSE, TARGET_GROUPS,
  type ImportCommitResult, type ImportPreview, type MembershipInput, type Resolution, type ReviewRow, type RosterQuery, type TargetGroup,
} from '../../../shared/contracts/training.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { fold } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { organisations } from '../directory/directory.tables.js';
import { cellText, readWorkbook } from '../directory/organisations.excel.js';
import { isWithin } from '../directory/organisations.service.js';
import { cleanName, matchName, PersonIndex, type IndexedPerson } from './training.match.js';
import { getSession, inScope, rosterForExport } from './training.service.js';
import { trainingAttendance, trainingImports, trainingMemberships, trainingPeople } from './training.tables.js';

export const MAX_IMPORT_ROWS = 100_000;
/** How many of the rows worth a look the preview returns (every one needing a decision comes first). */
const PREVIEW_ROWS = 5000;

/** Column → the headers accepted for it (folded). */
const COLUMNS = {
  full_name: ['full_name', 'ho va ten', 'ho ten', 'name', 'full name', 'ten'],
  organisation: ['organisation', 'organisation_code', 'organization', 'don vi', 'co quan', 'co quan, don vi', 'ma don vi', 'don vi cong tac'],
  position: ['position', 'chuc vu', 'chuc danh'],
  target_groups: ['target_groups', 'nhom doi tuong', 'nhom'],
  valid_from: ['valid_from', 'tu ngay'],
  valid_to: ['valid_to', 'den ngay'],
  attended: ['attended', 'co mat', 'tham du', 'diem danh'],
  completed: ['completed', 'hoan thanh'],
  assessment: ['assessment', 'diem', 'ket qua', 'danh gia'],
} as const;
type Column = keyof typeof COLUMNS;
const IGNORED = new Set(['stt', 'tt', 'no', 'no.', '#', 'ky ten', 'chu ky', 'signature', 'ghi chu', 'note', 'notes']);
export const ROSTER_COLUMNS: Column[] = ['full_name', 'position', 'organisation', 'target_groups', 'valid_from', 'valid_to'];
export const SIGNIN_COLUMNS: Column[] = ['full_name', 'position', 'organisation', 'attended', 'completed', 'assessment'];

type Parsed = { row: number; values: Partial<Record<Column, string>> };

function columnOf(header: string): Column | null {
  const h = fold(header).replace(/[*:]/g, '').trim();
  for (const [col, names] of Object.entries(COLUMNS)) if ((names as readonly string[]).includes(h)) return col as Column;
  return null;
}

/** The data rows under the header row (the first of the first ten rows naming the full-name column). */
function readSheet(ws: ExcelJS.Worksheet, allowed: Column[], required: Column[]): Parsed[] {
  let headerRow = 0;
  let header: (Column | null)[] = [];
  for (let i = 1; i <= Math.min(10, ws.rowCount); i++) {
    const cells = (ws.getRow(i).values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v).trim());
    if (cells.some((c) => columnOf(c) === 'full_name')) {
      headerRow = i;
      const issues: FieldIssue[] = [];
      header = cells.map((c) => {
        const col = c ? columnOf(c) : null;
        if (c && !IGNORED.has(fold(c)) && (!col || !allowed.includes(col))) issues.push({ row: i, field: c, message: `unknown column "${c}"; expected: ${allowed.join(', ')}` });
        return col && allowed.includes(col) ? col : null;
      });
      for (const r of required) if (!header.includes(r)) issues.push({ row: i, field: r, message: `missing column "${r}"` });
      if (issues.length) throw new AppError('import_invalid', 'The header row is wrong', issues);
      break;
    }
  }
  if (!headerRow) throw new AppError('import_invalid', 'No header row with a name column ("Họ và tên" or full_name) in the first ten rows', [{ row: 1, field: 'full_name', message: 'missing column "full_name" (Họ và tên)' }]);
  const out: Parsed[] = [];
  for (let i = headerRow + 1; i <= ws.rowCount; i++) {
    const cells = (ws.getRow(i).values as ExcelJS.CellValue[]) ?? [];
    const values: Partial<Record<Column, string>> = {};
    header.forEach((h, idx) => { if (h) values[h] = cellText(cells[idx + 1]).normalize('NFC').trim(); });
    if (Object.values(values).every((v) => !v)) continue;
    out.push({ row: i, values });
  }
  if (!out.length) throw new AppError('import_invalid', 'The sheet has no data rows', [{ row: headerRow + 1, field: 'file', message: 'no data rows below the header' }]);
  if (out.length > MAX_IMPORT_ROWS) throw new AppError('import_invalid', `Too many rows (${out.length}); the limit is ${MAX_IMPORT_ROWS}`, [{ field: 'file', message: 'too many rows' }]);
  return out;
}

const YES = new Set(['x', 'yes', 'y', 'true', '1', 'co', 'c', 'dat', 'v', '✓', '✔']);
const NO = new Set(['no', 'n', 'false', '0', 'khong', 'k', 'vang', '-']);
function yesNo(v: string | undefined, dflt: boolean): boolean | null {
  if (v === undefined || v === '') return dflt;
  const f = fold(v);
  return YES.has(f) ? true : NO.has(f) ? false : null;
}
/** ISO (YYYY-MM-DD) or Vietnamese (D/M/YYYY) dates. */
function day(v: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  let y: number, mo: number, d: number;
  if (m) { y = +m[1]!; mo = +m[2]!; d = +m[3]!; } else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
    if (!m) return null;
    d = +m[1]!; mo = +m[2]!; y = +m[3]!;
  }
  const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso ? null : iso;
}

type Orgs = { byKey: Map<string, number[]>; name: Map<number, string> };
async function loadOrgs(db: Db): Promise<Orgs> {
  const all = await db.select({ id: organisations.id, code: organisations.code, nameVi: organisations.nameVi, nameEn: organisations.nameEn, shortName: organisations.shortName }).from(organisations);
  const byKey = new Map<string, number[]>();
  const add = (k: string | null, id: number) => { if (!k) return; const f = fold(k); const l = byKey.get(f) ?? []; if (!l.includes(id)) l.push(id); byKey.set(f, l); };
  for (const o of all) { add(o.code, o.id); add(o.nameVi, o.id); add(o.nameEn, o.id); add(o.shortName, o.id); }
  return { byKey, name: new Map(all.map((o) => [o.id, o.nameVi])) };
}
const orgOf = (orgs: Orgs, text: string): number | null => { const l = orgs.byKey.get(fold(text)); return l && l.length === 1 ? l[0]! : null; };

/** Every person not merged away, indexed for matching. */
async function loadIndex(db: Db): Promise<PersonIndex> {
  const ps = await rows<{ id: number; full_name: string; position: string | null; organisation_id: number; org: string }>(db, sql`
    select p.id, p.full_name, p.position, p.organisation_id, o.name_vi as org from training_people p join organisations o on o.id = p.organisation_id where p.merged_into_id is null`);
  return new PersonIndex(ps.map((p): IndexedPerson => ({ id: Number(p.id), fullName: p.full_name, position: p.position, organisationId: Number(p.organisation_id), organisationName: p.org })));
}

function assertWriter(actor: Actor) {
  if (actor.role !== 'admin' && actor.role !== 'editor' && actor.role !== 'system') throw forbidden(`Your role (${actor.role}) is read-only`);
}

type Staged = ReviewRow & { how: string | null };

async function stage(db: Db, actor: Actor, kind: 'roster' | 'signin', sessionId: number | null, staged: Staged[]): Promise<ImportPreview> {
  const counts = { matched: 0, ambiguous: 0, unknown: 0, new: 0 };
  for (const r of staged) counts[r.status]++;
  const [imp] = await db.insert(trainingImports).values({ kind, sessionId, rows: staged, createdBy: actor.userId, createdByName: actor.name }).returning({ id: trainingImports.id });
  const order = { ambiguous: 0, unknown: 1, new: 2, matched: 3 } as const;
  const worth = staged.filter((r) => r.status !== 'matched' || r.how !== 'exact').sort((a, b) => order[a.status] - order[b.status] || a.row - b.row);
  return { importId: imp.id, kind, sessionId, total: staged.length, counts, rows: worth.slice(0, PREVIEW_ROWS).map(({ how: _how, ...r }) => r) };
}

/** Reads a roster sheet, validates every row, matches every name against the roster; staged for review. */
export async function previewRosterImport(db: Db, actor: Actor, buf: Buffer): Promise<ImportPreview> {
  assertWriter(actor);
  const parsed = readSheet(await readWorkbook(buf), ROSTER_COLUMNS, ['full_name', 'organisation', 'target_groups', 'valid_from']);
  const orgs = await loadOrgs(db);
  const issues: FieldIssue[] = [];
  const allowed = new Map<number, boolean>();
  const canWrite = async (orgId: number) => {
    if (actor.role === 'admin' || actor.role === 'system') return true;
    if (!allowed.has(orgId)) allowed.set(orgId, actor.organisationId !== null && (await isWithin(db, actor.organisationId, orgId)));
    return allowed.get(orgId)!;
  };
  const index = await loadIndex(db);
  const staged: Staged[] = [];
  for (const { row, values: v } of parsed) {
    const bad = (field: string, message: string) => issues.push({ row, field, message });
    const fullName = cleanName(v.full_name ?? '');
    if (!fullName) bad('full_name', 'required');
    else if (fullName.length > 200) bad('full_name', 'at most 200 characters');
    const organisationId = v.organisation ? orgOf(orgs, v.organisation) : null;
    if (!v.organisation) bad('organisation', 'required');
    else if (!organisationId) bad('organisation', `no single organisation with code or name "${v.organisation}"`);
    else if (!(await canWrite(organisationId))) bad('organisation', 'outside your organisation: only that organisation and the programme office keep its roster');
    const groups = (v.target_groups ?? '').split(/[,;\s]+/).filter(Boolean).map((g) => `T${g.replace(/^t/i, '').toLowerCase()}`);
    const badGroup = groups.find((g) => !(TARGET_GROUPS as readonly string[]).includes(g));
    if (!groups.length) bad('target_groups', 'required: T2a, T2b, T2c or T2d (several separated by commas)');
    else if (badGroup) bad('target_groups', `unknown group "${badGroup}"; expected T2a, T2b, T2c or T2d`);
    const from = v.valid_from ? day(v.valid_from) : null;
    if (!from) bad('valid_from', v.valid_from ? `"${v.valid_from}" is not a date (YYYY-MM-DD or D/M/YYYY)` : 'required');
    const to = v.valid_to ? day(v.valid_to) : null;
    if (v.valid_to && !to) bad('valid_to', `"${v.valid_to}" is not a date (YYYY-MM-DD or D/M/YYYY)`);
    if (from && to && to < from) bad('valid_to', 'before valid_from');
    if (issues.length && issues[issues.length - 1]!.row === row) continue;
    const memberships: MembershipInput[] = [...new Set(groups)].map((g) => ({ targetGroup: g as TargetGroup, validFrom: from!, validTo: to }));
    const m = matchName(index, fullName, organisationId);
    staged.push({
      row, fullName, position: v.position || null, organisationId, organisationText: v.organisation ?? '', memberships,
      status: m.status === 'unknown' ? 'new' : m.status, personId: m.personId, how: m.how, candidates: m.candidates,
    });
  }
  if (issues.length) throw new AppError('import_invalid', `${new Set(issues.map((i) => i.row)).size} row(s) cannot be imported; nothing was written`, issues);
  return stage(db, actor, 'roster', null, staged);
}

/** Reads a sign-in sheet of a session, validates every row, matches every name; staged for review. */
export async function previewSigninImport(db: Db, actor: Actor, sessionId: number, buf: Buffer): Promise<ImportPreview> {
  assertWriter(actor);
  const session = await getSession(db, sessionId);
  if (actor.role === 'editor' && (actor.organisationId === null || !(await isWithin(db, actor.organisationId, session.organiserId)))) {
    throw forbidden('Only the session\'s organiser (and the programme office) records its attendance');
  }
  const parsed = readSheet(await readWorkbook(buf), SIGNIN_COLUMNS, ['full_name']);
  const orgs = await loadOrgs(db);
  const index = await loadIndex(db);
  const issues: FieldIssue[] = [];
  const staged: Staged[] = [];
  for (const { row, values: v } of parsed) {
    const bad = (field: string, message: string) => issues.push({ row, field, message });
    const fullName = cleanName(v.full_name ?? '');
    if (!fullName) bad('full_name', 'required');
    const organisationId = v.organisation ? orgOf(orgs, v.organisation) : null;
    const attended = yesNo(v.attended, true);
    if (attended === null) bad('attended', `"${v.attended}" is not yes or no (x, có, không …)`);
    const completed = yesNo(v.completed, false);
    if (completed === null) bad('completed', `"${v.completed}" is not yes or no (x, có, không …)`);
    if (completed && attended === false) bad('completed', 'completed without attending');
    let assessment: number | null = null;
    if (v.assessment) {
      assessment = Number(v.assessment.replace(',', '.'));
      if (!Number.isFinite(assessment) || assessment < 0 || assessment > 100) bad('assessment', `"${v.assessment}" is not a number from 0 to 100`);
    }
    if (issues.length && issues[issues.length - 1]!.row === row) continue;
    const m = matchName(index, fullName, organisationId);
    staged.push({
      row, fullName, position: v.position || null, organisationId, organisationText: v.organisation ?? '',
      attended: attended!, completed: completed!, assessment, status: m.status, personId: m.personId, how: m.how, candidates: m.candidates,
    });
  }
  if (issues.length) throw new AppError('import_invalid', `${new Set(issues.map((i) => i.row)).size} row(s) cannot be imported; nothing was written`, issues);
  return stage(db, actor, 'signin', sessionId, staged);
}

/** Writes a reviewed import: every row needing a decision must have one; all rows or none. */
export async function commitImport(db: Db, actor: Actor, importId: number, raw: unknown): Promise<ImportCommitResult> {
  assertWriter(actor);
  const input = parseInput(ImportCommit, raw);
  return db.transaction(async (tx) => {
    const [imp] = await tx.select().from(trainingImports).where(eq(trainingImports.id, importId)).for('update');
    if (!imp) throw notFound(`Import ${importId}`);
    if (imp.committedAt) throw new AppError('conflict', `Import ${importId} was already written`);
    if (actor.role !== 'admin' && actor.role !== 'system' && imp.createdBy !== actor.userId) throw forbidden('Only who read this import (or the programme office) may write it');
    const staged = imp.rows as Staged[];
    const decided = new Map(input.resolutions.map((r) => [r.row, r.resolution]));
    const issues: FieldIssue[] = [];
    const known = new Set(staged.map((r) => r.row));
    for (const r of input.resolutions) if (!known.has(r.row)) issues.push({ row: r.row, field: 'row', message: 'no such row in this import' });
    const plan: { r: Staged; res: Resolution }[] = [];
    for (const r of staged) {
      const res: Resolution | null = decided.get(r.row)
        ?? (r.status === 'matched' ? { personId: r.personId! } : r.status === 'new' && r.organisationId ? { create: true, organisationId: r.organisationId } : null);
      if (!res) { issues.push({ row: r.row, field: 'full_name', message: `"${r.fullName}" is ${r.status}: pick the person or create a new one` }); continue; }
      plan.push({ r, res });
    }
    // The people picked must exist, not be merged away, and be a candidate of the row or on a roster the actor sees.
    const picked = [...new Set(plan.flatMap(({ res }) => ('personId' in res ? [res.personId] : [])))];
    const visible = new Map<number, { org: number; seen: boolean }>();
    for (let i = 0; i < picked.length; i += 5000) {
      const chunk = picked.slice(i, i + 5000);
      const found = await tx.select({ id: trainingPeople.id, org: trainingPeople.organisationId, seen: sql<boolean>`${inScope(actor, sql`${trainingPeople.organisationId}`)}` })
        .from(trainingPeople).where(and(inArray(trainingPeople.id, chunk), isNull(trainingPeople.mergedIntoId)));
      for (const f of found) visible.set(f.id, { org: f.org, seen: Boolean(f.seen) });
    }
    const orgIds = new Set((await tx.select({ id: organisations.id }).from(organisations)).map((o) => o.id));
    const writable = new Map<number, boolean>();
    const canWrite = async (orgId: number) => {
      if (actor.role === 'admin' || actor.role === 'system') return true;
      if (!writable.has(orgId)) writable.set(orgId, actor.organisationId !== null && (await isWithin(tx, actor.organisationId, orgId)));
      return writable.get(orgId)!;
    };
    for (const { r, res } of plan) {
      if ('personId' in res) {
        const v = visible.get(res.personId);
        if (!v) issues.push({ row: r.row, field: 'personId', message: `person ${res.personId} does not exist or was merged` });
        else if (!v.seen && r.personId !== res.personId && !r.candidates.some((c) => c.personId === res.personId)) issues.push({ row: r.row, field: 'personId', message: `person ${res.personId} is not a candidate for this row` });
        else if (imp.kind === 'roster' && !(await canWrite(v.org))) issues.push({ row: r.row, field: 'personId', message: 'this person\'s roster belongs to another organisation' });
      } else if (!orgIds.has(res.organisationId)) issues.push({ row: r.row, field: 'organisationId', message: `no organisation ${res.organisationId}` });
      else if (imp.kind === 'roster' && !(await canWrite(res.organisationId))) issues.push({ row: r.row, field: 'organisationId', message: 'outside your organisation' });
    }
    if (issues.length) throw new AppError('import_invalid', `${new Set(issues.map((i) => i.row)).size} row(s) still need a decision or are wrong; nothing was written`, issues);

    // New people: one per (name, organisation) even when the sheet lists them twice.
    const toCreate = new Map<string, { fullName: string; position: string | null; organisationId: number }>();
    for (const { r, res } of plan) if ('create' in res) toCreate.set(`${fold(r.fullName)}|${res.organisationId}`, { fullName: r.fullName, position: r.position, organisationId: res.organisationId });
    const createdId = new Map<string, number>();
    const creates = [...toCreate];
    for (let i = 0; i < creates.length; i += 2000) {
      const chunk = creates.slice(i, i + 2000);
      const ids = await tx.insert(trainingPeople).values(chunk.map(([, p]) => ({ fullName: p.fullName, nameKey: fold(p.fullName), position: p.position, organisationId: p.organisationId })))
        .returning({ id: trainingPeople.id });
      chunk.forEach(([k], j) => createdId.set(k, ids[j]!.id));
    }
    const personOf = ({ r, res }: { r: Staged; res: Resolution }) => ('personId' in res ? res.personId : createdId.get(`${fold(r.fullName)}|${res.organisationId}`)!);

    let updated = 0, attendance = 0;
    if (imp.kind === 'roster') {
      const existing = new Set<string>();
      const mine = [...new Set(plan.map(personOf))];
      for (let i = 0; i < mine.length; i += 5000) {
        for (const m of await tx.select().from(trainingMemberships).where(inArray(trainingMemberships.personId, mine.slice(i, i + 5000)))) existing.add(`${m.personId}|${m.targetGroup}|${m.validFrom}`);
      }
      const add: (typeof trainingMemberships.$inferInsert)[] = [];
      for (const p of plan) {
        const pid = personOf(p);
        if ('personId' in p.res) updated++;
        for (const m of p.r.memberships ?? []) {
          const k = `${pid}|${m.targetGroup}|${m.validFrom}`;
          if (existing.has(k)) {
            await tx.update(trainingMemberships).set({ validTo: m.validTo ?? null })
              .where(and(eq(trainingMemberships.personId, pid), eq(trainingMemberships.targetGroup, m.targetGroup), eq(trainingMemberships.validFrom, m.validFrom)));
          } else { existing.add(k); add.push({ personId: pid, targetGroup: m.targetGroup, validFrom: m.validFrom, validTo: m.validTo ?? null }); }
        }
        if ('personId' in p.res && p.r.position) await tx.update(trainingPeople).set({ position: p.r.position, updatedAt: new Date() }).where(eq(trainingPeople.id, pid));
      }
      for (let i = 0; i < add.length; i += 5000) await tx.insert(trainingMemberships).values(add.slice(i, i + 5000));
    } else {
      // One row per person: a person listed twice attended if either line says so.
      const byPerson = new Map<number, { attended: boolean; completed: boolean; assessment: number | null }>();
      for (const p of plan) {
        const pid = personOf(p), prev = byPerson.get(pid);
        const cur = { attended: p.r.attended ?? true, completed: p.r.completed ?? false, assessment: p.r.assessment ?? null };
        byPerson.set(pid, prev ? { attended: prev.attended || cur.attended, completed: prev.completed || cur.completed, assessment: Math.max(prev.assessment ?? -1, cur.assessment ?? -1) < 0 ? null : Math.max(prev.assessment ?? -1, cur.assessment ?? -1) } : cur);
      }
      const values = [...byPerson].map(([personId, a]) => ({ sessionId: imp.sessionId!, personId, ...a }));
      for (let i = 0; i < values.length; i += 2000) {
        await tx.insert(trainingAttendance).values(values.slice(i, i + 2000)).onConflictDoUpdate({
          target: [trainingAttendance.sessionId, trainingAttendance.personId],
          set: { attended: sql`excluded.attended`, completed: sql`excluded.completed`, assessment: sql`excluded.assessment` },
        });
      }
      attendance = values.length;
      updated = plan.filter((p) => 'personId' in p.res).length;
    }
    await tx.update(trainingImports).set({ committedAt: new Date() }).where(eq(trainingImports.id, importId));
    const result = { rows: staged.length, created: createdId.size, updated, attendance };
    await recordAudit(tx, actor, 'import', 'training_import', importId, null, { kind: imp.kind, sessionId: imp.sessionId, ...result, createdPeople: [...createdId.values()].slice(0, 1000) });
    return result;
  });
}

// ---------------------------------------------------------------- roster export and templates

function rosterBook(): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('roster');
  ws.addRow(ROSTER_COLUMNS);
  ws.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('purpose');
  help.addRow([ROSTER_PURPOSE.vi]);
  help.addRow([ROSTER_PURPOSE.en]);
  help.addRow(['target_groups: T2a, T2b, T2c, T2d — valid_from / valid_to: YYYY-MM-DD hoặc/or D/M/YYYY — organisation: mã hoặc tên đơn vị / code or name']);
  help.getColumn(1).width = 140;
  return { wb, ws };
}

/** The roster the actor may see, in the import's columns (one line per membership). Recorded in the audit log. */
export async function exportRoster(db: Db, actor: Actor, q: Partial<RosterQuery>): Promise<{ buf: Buffer; count: number }> {
  const people = await rosterForExport(db, actor, q);
  const codes = new Map((await db.select({ id: organisations.id, code: organisations.code }).from(organisations)).map((o) => [o.id, o.code]));
  const { wb, ws } = rosterBook();
  for (const p of people) {
    const ms = p.memberships.length ? p.memberships : [null];
    for (const m of ms) ws.addRow([p.fullName, p.position ?? '', codes.get(p.organisationId) ?? '', m?.targetGroup ?? '', m?.validFrom ?? '', m?.validTo ?? '']);
  }
  ws.columns.forEach((c) => { c.width = 24; });
  await recordAudit(db, actor, 'export', 'training_roster', null, null, { filter: q, people: people.length });
  return { buf: Buffer.from(await wb.xlsx.writeBuffer()), count: people.length };
}

export async function rosterTemplate(): Promise<Buffer> {
  return Buffer.from(await rosterBook().wb.xlsx.writeBuffer());
}

/** A sign-in sheet as organisers fill it in: a title block, Vietnamese headers, one line per attendee. */
export async function signinSheet(title: string, lines: { name: string; position?: string; organisation?: string; completed?: boolean; assessment?: number }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('diem-danh');
  ws.addRow(['DANH SÁCH ĐIỂM DANH / SIGN-IN SHEET']);
  ws.addRow([title]);
  ws.addRow([]);
  ws.addRow(['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Có mặt', 'Hoàn thành', 'Điểm', 'Ký tên']);
  ws.getRow(4).font = { bold: true };
  lines.forEach((l, i) => ws.addRow([i + 1, l.name, l.position ?? '', l.organisation ?? '', 'x', l.completed === false ? '' : 'x', l.assessment ?? '', '']));
  [6, 28, 22, 36, 9, 11, 8, 14].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
