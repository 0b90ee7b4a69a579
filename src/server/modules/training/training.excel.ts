// Excel imports of rosters and sign-in sheets, with a review step, and the roster export (audited: personal data).
// An import is streamed from the file (limits checked while reading: kernel/xlsx.ts), every row validated (every bad
// row reported with its row number and column, nothing kept), every name matched against the roster indexed once
// (training.match.ts), and the rows staged in training_import_rows; its progress (rows read / matched / written) is
// kept on its training_imports row while it runs. The user decides every ambiguous and unknown row (this person, or a
// new one), one by one or by accepting every suggestion above a score (training.review.ts); the commit then writes all
// rows or none, with multi-row `insert … select from unnest(…)`. Headers may be the template's English column names or
// the usual Vietnamese ones ("Họ và tên", "Đơn vị", "Chức vụ" …), below a title block.
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import type { FieldIssue } from '../../../shared/contracts/directory.js';
import {
  ImportCommit,
  ROSTER_PURPOSE,
  TARGET_GROUPS,
  type Candidate,
  type ImportCommitResult,
  type ImportPreview,
  type MembershipInput,
  type Resolution,
  type ReviewRow,
  type RosterQuery,
  type TargetGroup,
} from '../../../shared/contracts/training.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { boolArray, intArray, numericArray, rows, textArray, type Db } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { importQueue, type ImportTicket } from '../../kernel/imports.js';
import { noProgress, type ProgressReporter } from '../../kernel/progress.js';
import { fold } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDatesWritable } from '../../kernel/dateLock.js';
import { limitError, streamSheet, type SheetLimits } from '../../kernel/xlsx.js';
import { organisations } from '../directory/directory.tables.js';
import { isWithin } from '../directory/organisations.service.js';
import { cleanName, matchName, PersonIndex, type IndexedPerson } from './training.match.js';
import { getSession, membershipDays, peopleInView, rosterForExport, rowsAsSeen, scopeOrganisations } from './training.service.js';
import { trainingImports } from './training.tables.js';

export const MAX_IMPORT_ROWS = 100_000;
/** What an import file may hold; checked while it is read, the first limit passed refuses it with its name. */
export const IMPORT_LIMITS: SheetLimits = {
  rows: MAX_IMPORT_ROWS + 20,
  columns: 40,
  cellChars: 1000,
  uncompressedBytes: 150 * 1024 * 1024,
};
/** How many of the rows worth a look the preview returns (every one needing a decision comes first); every row is
 *  reachable through the review pages (training.review.ts). */
const PREVIEW_ROWS = 5000;
/** Progress is saved on the import's row every this many rows. */
const PROGRESS_EVERY = 5000;
/** Rows per multi-row statement when writing. */
const CHUNK = 10_000;
/** Rows per statement when staging (short statements: see stage). */
const STAGE_CHUNK = 2000;

/** Column → the headers accepted for it (folded). */
const COLUMNS = {
  full_name: ['full_name', 'ho va ten', 'ho ten', 'name', 'full name', 'ten'],
  organisation: [
    'organisation',
    'organisation_code',
    'organization',
    'don vi',
    'co quan',
    'co quan, don vi',
    'ma don vi',
    'don vi cong tac',
  ],
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

/** The data rows under the header row (the first of the first ten rows naming the full-name column), streamed. */
async function* readSheet(buf: Buffer, allowed: Column[], required: Column[]): AsyncGenerator<Parsed> {
  let header: (Column | null)[] | null = null;
  let headerRow = 0,
    count = 0;
  for await (const { row, cells } of streamSheet(buf, IMPORT_LIMITS)) {
    const texts = cells.map((c) => (c ?? '').trim());
    if (!header) {
      if (row > 10) break;
      if (!texts.some((c) => columnOf(c) === 'full_name')) continue;
      headerRow = row;
      const issues: FieldIssue[] = [];
      header = texts.map((c) => {
        const col = c ? columnOf(c) : null;
        if (c && !IGNORED.has(fold(c)) && (!col || !allowed.includes(col)))
          issues.push({ row, field: c, message: `unknown column "${c}"; expected: ${allowed.join(', ')}` });
        return col && allowed.includes(col) ? col : null;
      });
      for (const r of required) if (!header.includes(r)) issues.push({ row, field: r, message: `missing column "${r}"` });
      if (issues.length) throw new AppError('import_invalid', 'The header row is wrong', issues);
      continue;
    }
    const values: Partial<Record<Column, string>> = {};
    header.forEach((h, idx) => {
      if (h) values[h] = (cells[idx] ?? '').normalize('NFC').trim();
    });
    if (Object.values(values).every((v) => !v)) continue;
    if (++count > MAX_IMPORT_ROWS) throw limitError('data_rows', `more than ${MAX_IMPORT_ROWS.toLocaleString('en')} data rows`, row);
    yield { row, values };
  }
  if (!header)
    throw new AppError('import_invalid', 'No header row with a name column ("Họ và tên" or full_name) in the first ten rows', [
      { row: 1, field: 'full_name', message: 'missing column "full_name" (Họ và tên)' },
    ]);
  if (!count)
    throw new AppError('import_invalid', 'The sheet has no data rows', [
      { row: headerRow + 1, field: 'file', message: 'no data rows below the header' },
    ]);
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
  if (m) {
    y = +m[1]!;
    mo = +m[2]!;
    d = +m[3]!;
  } else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
    if (!m) return null;
    d = +m[1]!;
    mo = +m[2]!;
    y = +m[3]!;
  }
  const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso ? null : iso;
}

type Orgs = { byKey: Map<string, number[]>; name: Map<number, string> };
async function loadOrgs(db: Db): Promise<Orgs> {
  const all = await db
    .select({
      id: organisations.id,
      code: organisations.code,
      nameVi: organisations.nameVi,
      nameEn: organisations.nameEn,
      shortName: organisations.shortName,
    })
    .from(organisations);
  const byKey = new Map<string, number[]>();
  const add = (k: string | null, id: number) => {
    if (!k) return;
    const f = fold(k);
    const l = byKey.get(f) ?? [];
    if (!l.includes(id)) l.push(id);
    byKey.set(f, l);
  };
  for (const o of all) {
    add(o.code, o.id);
    add(o.nameVi, o.id);
    add(o.nameEn, o.id);
    add(o.shortName, o.id);
  }
  return { byKey, name: new Map(all.map((o) => [o.id, o.nameVi])) };
}
const orgOf = (orgs: Orgs, text: string): number | null => {
  const l = orgs.byKey.get(fold(text));
  return l && l.length === 1 ? l[0]! : null;
};

/** Every person not merged away, indexed for matching (name_key is fold(full_name), kept by the service): read as arrays (one row, not 300,000), positions left
 *  out (read later for the candidates shown), organisation names shared from the directory's map. */
async function loadIndex(db: Db, orgs: Orgs): Promise<PersonIndex> {
  const [r] = await rows<{ ids: number[] | null; names: string[] | null; keys: string[] | null; orgs: number[] | null }>(
    db,
    sql`
    select array_agg(id order by id) as ids, array_agg(full_name order by id) as names, array_agg(name_key order by id) as keys, array_agg(organisation_id order by id) as orgs
    from training_people where merged_into_id is null`,
  );
  const index = new PersonIndex();
  const ids = r?.ids ?? [],
    names = r?.names ?? [],
    keys = r?.keys ?? [],
    orgIds = r?.orgs ?? [];
  for (let i = 0; i < ids.length; i++) {
    const organisationId = Number(orgIds[i]);
    index.add(
      {
        id: Number(ids[i]),
        fullName: names[i]!,
        position: null,
        organisationId,
        organisationName: orgs.name.get(organisationId) ?? '',
      } satisfies IndexedPerson,
      keys[i]!,
    );
  }
  return index;
}

function assertWriter(actor: Actor) {
  if (actor.role !== 'admin' && actor.role !== 'editor' && actor.role !== 'system')
    throw forbidden(`Your role (${actor.role}) is read-only`);
}

type Staged = ReviewRow & { how: string | null; suggestedId: number | null; score: number | null; outside: Candidate[] };
/** A row validated, before matching. */
type Valid = Pick<
  ReviewRow,
  'row' | 'fullName' | 'position' | 'organisationId' | 'organisationText' | 'memberships' | 'attended' | 'completed' | 'assessment'
>;
type Check = (p: Parsed, orgs: Orgs, bad: (field: string, message: string) => void) => Promise<Valid | null>;
export type Kind = 'roster' | 'signin';

/** Rows written so far by the commits this process is running: a commit's transaction hides the import row's own
 *  updates until it ends, so the progress route reads this while the state is "writing". */
const writing = new Map<number, number>();
export const liveRowsWritten = (importId: number): number | undefined => writing.get(importId);

async function beginImport(
  db: Db,
  actor: Actor,
  kind: Kind,
  sessionId: number | null,
  state: 'queued' | 'reading' = 'reading',
): Promise<number> {
  const [imp] = await db
    .insert(trainingImports)
    .values({ kind, sessionId, state, createdBy: actor.userId, createdByName: actor.name })
    .returning({ id: trainingImports.id });
  return imp!.id;
}

/** Background imports of this process waiting for their turn in the import queue (kernel/imports), by id. */
const waiting = new Map<number, ImportTicket>();
/** How many imports are queued before this one in this process; undefined when it is not waiting here. */
export const queuedAhead = (importId: number): number | undefined => waiting.get(importId)?.ahead();

/** Starts an import in the background, in its turn: answers with its id at once ("queued" while imports before it
 *  run); the failure of a run is kept on the import's row. */
async function startInBackground(
  db: Db,
  actor: Actor,
  kind: Kind,
  sessionId: number | null,
  buf: Buffer,
  columns: { allowed: Column[]; required: Column[] },
  check: Check,
  ticket: ImportTicket,
  progress: ProgressReporter,
): Promise<{ importId: number }> {
  const importId = await beginImport(db, actor, kind, sessionId, ticket.running() ? 'reading' : 'queued');
  waiting.set(importId, ticket);
  void (async () => {
    try {
      await ticket.started;
      waiting.delete(importId);
      await saveProgress(db, importId, { state: 'reading' });
      await runImport(db, actor, importId, kind, sessionId, buf, columns, check, progress);
    } catch {
      /* the failure is on the import's row */
    } finally {
      waiting.delete(importId);
      ticket.done();
      progress.finish();
    }
  })();
  return { importId };
}

async function saveProgress(
  db: Db,
  importId: number,
  set: Partial<{ state: string; rowsRead: number; rowsMatched: number }>,
): Promise<void> {
  await db
    .update(trainingImports)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(trainingImports.id, importId));
}

async function failImport(db: Db, importId: number, e: unknown, rowsRead: number): Promise<void> {
  const error =
    e instanceof AppError
      ? { code: e.code, message: e.message, details: Array.isArray(e.details) ? e.details : [] }
      : { code: 'internal', message: 'The import could not be read', details: [] };
  await db
    .update(trainingImports)
    .set({ state: 'failed', error, rowsRead, updatedAt: new Date() })
    .where(eq(trainingImports.id, importId))
    .catch(() => undefined);
  await db.execute(sql`delete from training_import_rows where import_id = ${importId}`).catch(() => undefined);
}

/** Positions of the people offered as candidates (the index leaves them out). */
async function withPositions(db: Db, staged: Staged[]): Promise<void> {
  const ids = [...new Set(staged.flatMap((r) => [...r.candidates, ...r.outside].map((c) => c.personId)))];
  if (!ids.length) return;
  const pos = new Map(
    (
      await rows<{ id: number; position: string | null }>(
        db,
        sql`select id, position from training_people where id = any(${intArray(ids)})`,
      )
    ).map((p) => [Number(p.id), p.position]),
  );
  for (const r of staged) for (const c of [...r.candidates, ...r.outside]) c.position = pos.get(c.personId) ?? null;
}

/** Streams the sheet, validates every row, matches every valid one (until a row is bad: then nothing will be kept)
 *  among the people the importer may see (people of other organisations are kept apart, unnamed to them: seenBy),
 *  saving progress on the way; stages the rows for review, or records why the import failed. */
async function runImport(
  db: Db,
  actor: Actor,
  importId: number,
  kind: Kind,
  sessionId: number | null,
  buf: Buffer,
  columns: { allowed: Column[]; required: Column[] },
  check: Check,
  progress: ProgressReporter = noProgress,
): Promise<ImportPreview> {
  let read = 0;
  try {
    const orgs = await loadOrgs(db);
    const scope = await scopeOrganisations(db, actor);
    const visible = (c: Candidate) => scope === null || scope.has(c.organisationId);
    let index: PersonIndex | null = null;
    const issues: FieldIssue[] = [];
    const staged: Staged[] = [];
    for await (const parsed of readSheet(buf, columns.allowed, columns.required)) {
      read++;
      const before = issues.length;
      const v = await check(parsed, orgs, (field, message) => issues.push({ row: parsed.row, field, message }));
      if (v && issues.length === before && !issues.length) {
        index ??= await loadIndex(db, orgs);
        const m = matchName(index, v.fullName, v.organisationId, visible);
        staged.push({
          ...v,
          status: m.status === 'unknown' && kind === 'roster' ? 'new' : m.status,
          personId: m.personId,
          how: m.how,
          candidates: m.candidates,
          suggestedId: m.suggestion?.personId ?? null,
          score: m.suggestion?.score ?? null,
          outside: m.outside,
        });
      }
      if (read % PROGRESS_EVERY === 0) await saveProgress(db, importId, { rowsRead: read, rowsMatched: staged.length });
      await progress.step('match', staged.length); // rows read and matched as they come (how many in all: not known yet)
    }
    if (issues.length)
      throw new AppError(
        'import_invalid',
        `${new Set(issues.map((i) => i.row)).size} row(s) cannot be imported; nothing was written`,
        issues,
      );
    await saveProgress(db, importId, { state: 'matching', rowsRead: read, rowsMatched: staged.length });
    await withPositions(db, staged);
    return await stage(db, actor, importId, kind, sessionId, staged, progress);
  } catch (e) {
    await failImport(db, importId, e, read);
    throw e;
  }
}

/** The staged rows, written with multi-row inserts of STAGE_CHUNK rows, each its own statement with a turn of the
 *  event loop between them (the embedded database runs a statement on this thread: one long transaction would hold
 *  every other request); the import becomes "ready" with its counts once the last is in. Rows of an import that is
 *  not ready are never reviewed or written (importForWrite), and a failed import's rows are removed (failImport).
 *  The candidates kept are those the importer may see, then those beyond (for the programme office); each reader sees
 *  its own (seenBy). */
async function stage(
  db: Db,
  actor: Actor,
  importId: number,
  kind: Kind,
  sessionId: number | null,
  staged: Staged[],
  progress: ProgressReporter,
): Promise<ImportPreview> {
  const counts = { matched: 0, ambiguous: 0, unknown: 0, new: 0 };
  for (const r of staged) counts[r.status]++;
  const suggested = staged.filter((r) => r.status === 'ambiguous' && r.suggestedId !== null).length;
  for (let i = 0; i < staged.length; i += STAGE_CHUNK) {
    const c = staged.slice(i, i + STAGE_CHUNK);
    progress.report('write', i, staged.length);
    await nextTurn();
    await db.execute(sql`insert into training_import_rows (import_id, row, status, how, full_name, name_key, position, organisation_id, organisation_text,
        person_id, suggested_id, score, candidate_ids, candidates, detail)
      select ${importId}, u.row, u.status, u.how, u.full_name, u.name_key, u.position, u.organisation_id, u.organisation_text,
        u.person_id, u.suggested_id, u.score, u.candidate_ids::int[], u.candidates::jsonb, u.detail::jsonb
      from unnest(${intArray(c.map((r) => r.row))}, ${textArray(c.map((r) => r.status))}, ${textArray(c.map((r) => r.how))}, ${textArray(c.map((r) => r.fullName))},
        ${textArray(c.map((r) => fold(r.fullName)))}, ${textArray(c.map((r) => r.position))}, ${intArray(c.map((r) => r.organisationId))}, ${textArray(c.map((r) => r.organisationText))},
        ${intArray(c.map((r) => r.personId))}, ${intArray(c.map((r) => r.suggestedId))}, ${intArray(c.map((r) => r.score))},
        ${textArray(c.map((r) => `{${[...r.candidates, ...r.outside].map((x) => x.personId).join(',')}}`))}, ${textArray(c.map((r) => (r.candidates.length || r.outside.length ? JSON.stringify([...r.candidates, ...r.outside]) : '[]')))},
        ${textArray(c.map((r) => JSON.stringify(kind === 'signin' ? { attended: r.attended, completed: r.completed, assessment: r.assessment } : { memberships: r.memberships })))})
        as u(row, status, how, full_name, name_key, position, organisation_id, organisation_text, person_id, suggested_id, score, candidate_ids, candidates, detail)`);
  }
  await db
    .update(trainingImports)
    .set({ state: 'ready', counts: { ...counts, suggested }, rowsMatched: staged.length, updatedAt: new Date() })
    .where(eq(trainingImports.id, importId));
  progress.report('write', staged.length, staged.length);
  const order = { ambiguous: 0, unknown: 1, new: 2, matched: 3 } as const;
  const worth = staged
    .filter((r) => r.status !== 'matched' || r.how !== 'exact')
    .sort((a, b) => order[a.status] - order[b.status] || a.row - b.row);
  const rows = worth.slice(0, PREVIEW_ROWS).map(({ how: _how, outside, ...r }) => ({ ...r, candidates: [...r.candidates, ...outside] }));
  return { importId, kind, sessionId, total: staged.length, counts, suggested, rows: await rowsAsSeen(db, actor, rows) };
}

// ---------------------------------------------------------------- roster sheets

async function checkRosterImport(db: Db, actor: Actor): Promise<Check> {
  assertWriter(actor);
  const allowed = new Map<number, boolean>();
  const canWrite = async (orgId: number) => {
    if (actor.role === 'admin' || actor.role === 'system') return true;
    if (!allowed.has(orgId)) allowed.set(orgId, actor.organisationId !== null && (await isWithin(db, actor.organisationId, orgId)));
    return allowed.get(orgId)!;
  };
  return async ({ row, values: v }, orgs, bad) => {
    let ok = true;
    const no = (field: string, message: string) => {
      ok = false;
      bad(field, message);
    };
    const fullName = cleanName(v.full_name ?? '');
    if (!fullName) no('full_name', 'required');
    else if (fullName.length > 200) no('full_name', 'at most 200 characters');
    const organisationId = v.organisation ? orgOf(orgs, v.organisation) : null;
    if (!v.organisation) no('organisation', 'required');
    else if (!organisationId) no('organisation', `no single organisation with code or name "${v.organisation}"`);
    else if (!(await canWrite(organisationId)))
      no('organisation', 'outside your organisation: only that organisation and the programme office keep its roster');
    const groups = (v.target_groups ?? '')
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map((g) => `T${g.replace(/^t/i, '').toLowerCase()}`);
    const badGroup = groups.find((g) => !(TARGET_GROUPS as readonly string[]).includes(g));
    if (!groups.length) no('target_groups', 'required: T2a, T2b, T2c or T2d (several separated by commas)');
    else if (badGroup) no('target_groups', `unknown group "${badGroup}"; expected T2a, T2b, T2c or T2d`);
    const from = v.valid_from ? day(v.valid_from) : null;
    if (!from) no('valid_from', v.valid_from ? `"${v.valid_from}" is not a date (YYYY-MM-DD or D/M/YYYY)` : 'required');
    const to = v.valid_to ? day(v.valid_to) : null;
    if (v.valid_to && !to) no('valid_to', `"${v.valid_to}" is not a date (YYYY-MM-DD or D/M/YYYY)`);
    if (from && to && to < from) no('valid_to', 'before valid_from');
    if (!ok) return null;
    const memberships: MembershipInput[] = [...new Set(groups)].map((g) => ({
      targetGroup: g as TargetGroup,
      validFrom: from!,
      validTo: to,
    }));
    return { row, fullName, position: v.position || null, organisationId, organisationText: v.organisation ?? '', memberships };
  };
}
const ROSTER_SHEET = { allowed: ROSTER_COLUMNS, required: ['full_name', 'organisation', 'target_groups', 'valid_from'] as Column[] };

/** Reads a roster sheet, validates every row, matches every name against the roster; staged for review. */
export async function previewRosterImport(db: Db, actor: Actor, buf: Buffer, progress = noProgress): Promise<ImportPreview> {
  const check = await checkRosterImport(db, actor);
  return runImport(db, actor, await beginImport(db, actor, 'roster', null), 'roster', null, buf, ROSTER_SHEET, check, progress);
}

/** The same, in the background, in its turn in the import queue (`ticket`, taken before the upload was read; else
 *  taken here): answers with the import's id at once; its progress is polled (training.review.ts). */
export async function startRosterImport(
  db: Db,
  actor: Actor,
  buf: Buffer,
  ticket?: ImportTicket,
  progress = noProgress,
): Promise<{ importId: number }> {
  const check = await checkRosterImport(db, actor);
  return startInBackground(db, actor, 'roster', null, buf, ROSTER_SHEET, check, ticket ?? importQueue.enter(), progress);
}

// ---------------------------------------------------------------- sign-in sheets

async function checkSigninImport(db: Db, actor: Actor, sessionId: number): Promise<Check> {
  assertWriter(actor);
  const session = await getSession(db, sessionId);
  if (actor.role === 'editor' && (actor.organisationId === null || !(await isWithin(db, actor.organisationId, session.organiserId)))) {
    throw forbidden("Only the session's organiser (and the programme office) records its attendance");
  }
  return async ({ row, values: v }, orgs, bad) => {
    let ok = true;
    const no = (field: string, message: string) => {
      ok = false;
      bad(field, message);
    };
    const fullName = cleanName(v.full_name ?? '');
    if (!fullName) no('full_name', 'required');
    const organisationId = v.organisation ? orgOf(orgs, v.organisation) : null;
    const attended = yesNo(v.attended, true);
    if (attended === null) no('attended', `"${v.attended}" is not yes or no (x, có, không …)`);
    const completed = yesNo(v.completed, false);
    if (completed === null) no('completed', `"${v.completed}" is not yes or no (x, có, không …)`);
    if (completed && attended === false) no('completed', 'completed without attending');
    let assessment: number | null = null;
    if (v.assessment) {
      assessment = Number(v.assessment.replace(',', '.'));
      if (!Number.isFinite(assessment) || assessment < 0 || assessment > 100)
        no('assessment', `"${v.assessment}" is not a number from 0 to 100`);
    }
    if (!ok) return null;
    return {
      row,
      fullName,
      position: v.position || null,
      organisationId,
      organisationText: v.organisation ?? '',
      attended: attended!,
      completed: completed!,
      assessment,
    };
  };
}
const SIGNIN_SHEET = { allowed: SIGNIN_COLUMNS, required: ['full_name'] as Column[] };

/** Reads a sign-in sheet of a session, validates every row, matches every name; staged for review. */
export async function previewSigninImport(
  db: Db,
  actor: Actor,
  sessionId: number,
  buf: Buffer,
  progress = noProgress,
): Promise<ImportPreview> {
  const check = await checkSigninImport(db, actor, sessionId);
  return runImport(db, actor, await beginImport(db, actor, 'signin', sessionId), 'signin', sessionId, buf, SIGNIN_SHEET, check, progress);
}

/** The same, in the background, in its turn in the import queue (see startRosterImport). */
export async function startSigninImport(
  db: Db,
  actor: Actor,
  sessionId: number,
  buf: Buffer,
  ticket?: ImportTicket,
  progress = noProgress,
): Promise<{ importId: number }> {
  const check = await checkSigninImport(db, actor, sessionId);
  return startInBackground(db, actor, 'signin', sessionId, buf, SIGNIN_SHEET, check, ticket ?? importQueue.enter(), progress);
}

// ---------------------------------------------------------------- commit

type StagedRow = {
  row: number;
  status: ReviewRow['status'];
  full_name: string;
  position: string | null;
  organisation_id: number | null;
  person_id: number | null;
  detail: { attended?: boolean; completed?: boolean; assessment?: number | null; memberships?: MembershipInput[] };
  decision: Resolution | null;
};

/** The import, locked, if the actor may write it. */
export async function importForWrite(tx: Db, actor: Actor, importId: number) {
  const [imp] = await tx.select().from(trainingImports).where(eq(trainingImports.id, importId)).for('update');
  if (!imp) throw notFound(`Import ${importId}`);
  if (imp.committedAt) throw new AppError('conflict', `Import ${importId} was already written`);
  if (actor.role !== 'admin' && actor.role !== 'system' && imp.createdBy !== actor.userId)
    throw forbidden('Only who read this import (or the programme office) may write it');
  if (imp.state !== 'ready')
    throw new AppError(
      'conflict',
      imp.state === 'failed' ? `Import ${importId} failed: read the file again` : `Import ${importId} is still being read (${imp.state})`,
    );
  return imp;
}

/** What is wrong with decisions on an import's rows: the person picked must exist, not be merged away, and be one the
 *  actor may see (someone of another organisation is linked by the programme office, never named to the importer: an
 *  attendance raises its person's coverage); a new person needs an existing organisation — for a roster import one
 *  whose roster the actor keeps; a sign-in sheet may add a new person of any organisation. */
export async function resolutionIssues(
  tx: Db,
  actor: Actor,
  kind: Kind,
  decided: { row: number; res: Resolution }[],
): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const people = await peopleInView(
    tx,
    actor,
    decided.flatMap(({ res }) => ('personId' in res ? [res.personId] : [])),
  );
  const wanted = [...new Set(decided.flatMap(({ res }) => ('create' in res ? [res.organisationId] : [])))];
  const orgIds = new Set(
    wanted.length
      ? (await rows<{ id: number }>(tx, sql`select id from organisations where id = any(${intArray(wanted)})`)).map((o) => Number(o.id))
      : [],
  );
  const writable = new Map<number, boolean>();
  const canWrite = async (orgId: number) => {
    if (actor.role === 'admin' || actor.role === 'system') return true;
    if (!writable.has(orgId)) writable.set(orgId, actor.organisationId !== null && (await isWithin(tx, actor.organisationId, orgId)));
    return writable.get(orgId)!;
  };
  for (const { row, res } of decided) {
    if ('personId' in res) {
      const p = people.get(res.personId);
      if (!p) issues.push({ row, field: 'personId', message: `person ${res.personId} does not exist or was merged` });
      else if (!p.seen)
        issues.push({
          row,
          field: 'personId',
          message: `person ${res.personId} is outside your organisation: the programme office can link them`,
        });
      else if (kind === 'roster' && !(await canWrite(p.organisationId)))
        issues.push({ row, field: 'personId', message: "this person's roster belongs to another organisation" });
    } else if (!orgIds.has(res.organisationId))
      issues.push({ row, field: 'organisationId', message: `no organisation ${res.organisationId}` });
    else if (kind === 'roster' && !(await canWrite(res.organisationId)))
      issues.push({ row, field: 'organisationId', message: 'outside your organisation' });
  }
  return issues;
}

/** Writes a reviewed import: every row needing a decision must have one (kept on the server, or given here; given here
 *  wins); all rows or none, in one transaction, with multi-row writes. */
export async function commitImport(db: Db, actor: Actor, importId: number, raw: unknown): Promise<ImportCommitResult> {
  assertWriter(actor);
  const input = parseInput(ImportCommit, raw);
  writing.set(importId, 0);
  try {
    return await db.transaction(async (tx) => {
      const imp = await importForWrite(tx, actor, importId);
      const staged = (
        await rows<StagedRow>(
          tx,
          sql`select row, status, full_name, position, organisation_id, person_id, detail, decision
        from training_import_rows where import_id = ${importId} order by row`,
        )
      ).map((r) => ({
        ...r,
        row: Number(r.row),
        organisation_id: r.organisation_id === null ? null : Number(r.organisation_id),
        person_id: r.person_id === null ? null : Number(r.person_id),
      }));
      const decided = new Map(input.resolutions.map((r) => [r.row, r.resolution]));
      const issues: FieldIssue[] = [];
      const known = new Set(staged.map((r) => r.row));
      for (const r of input.resolutions)
        if (!known.has(r.row)) issues.push({ row: r.row, field: 'row', message: 'no such row in this import' });
      const plan: { r: StagedRow; res: Resolution }[] = [];
      for (const r of staged) {
        const res: Resolution | null =
          decided.get(r.row) ??
          r.decision ??
          (r.status === 'matched'
            ? { personId: r.person_id! }
            : r.status === 'new' && r.organisation_id
              ? { create: true, organisationId: r.organisation_id }
              : null);
        if (!res) {
          issues.push({ row: r.row, field: 'full_name', message: `"${r.full_name}" is ${r.status}: pick the person or create a new one` });
          continue;
        }
        plan.push({ r, res });
      }
      issues.push(
        ...(await resolutionIssues(
          tx,
          actor,
          imp.kind as Kind,
          plan.map(({ r, res }) => ({ row: r.row, res })),
        )),
      );
      if (issues.length)
        throw new AppError(
          'import_invalid',
          `${new Set(issues.map((i) => i.row)).size} row(s) still need a decision or are wrong; nothing was written`,
          issues,
        );
      // Dated writes: the session's days (a sign-in sheet), each membership's days (a roster), under the date lock.
      if (imp.kind === 'roster')
        await assertDatesWritable(
          tx,
          actor,
          plan.flatMap(({ r }) => membershipDays(r.detail.memberships ?? [], r.row)),
        );
      else if (imp.sessionId)
        await assertDatesWritable(tx, actor, [{ field: 'sessionId', day: (await getSession(tx, imp.sessionId)).endsOn }]);

      // New people: one per (name, organisation) even when the sheet lists them twice.
      const toCreate = new Map<string, { fullName: string; position: string | null; organisationId: number }>();
      for (const { r, res } of plan)
        if ('create' in res)
          toCreate.set(`${fold(r.full_name)}|${res.organisationId}`, {
            fullName: r.full_name,
            position: r.position,
            organisationId: res.organisationId,
          });
      const createdId = new Map<string, number>();
      const creates = [...toCreate.values()];
      for (let i = 0; i < creates.length; i += CHUNK) {
        await nextTurn(); // the event loop runs between statements (the embedded database runs them on this thread)
        const c = creates.slice(i, i + CHUNK);
        const ids = await rows<{ id: number; name_key: string; organisation_id: number }>(
          tx,
          sql`insert into training_people (full_name, name_key, position, organisation_id)
          select * from unnest(${textArray(c.map((p) => p.fullName))}, ${textArray(c.map((p) => fold(p.fullName)))}, ${textArray(c.map((p) => p.position))}, ${intArray(c.map((p) => p.organisationId))})
          returning id, name_key, organisation_id`,
        );
        for (const x of ids) createdId.set(`${x.name_key}|${Number(x.organisation_id)}`, Number(x.id));
      }
      const personOf = ({ r, res }: { r: StagedRow; res: Resolution }) =>
        'personId' in res ? res.personId : createdId.get(`${fold(r.full_name)}|${res.organisationId}`)!;

      let updated: number,
        attendance = 0;
      if (imp.kind === 'roster') {
        updated = await writeMemberships(
          tx,
          plan.map((p) => ({
            personId: personOf(p),
            existing: 'personId' in p.res,
            position: p.r.position,
            memberships: p.r.detail.memberships ?? [],
          })),
        );
        writing.set(importId, plan.length);
      } else {
        // One row per person: a person listed twice attended if either line says so.
        const byPerson = new Map<number, { attended: boolean; completed: boolean; assessment: number | null }>();
        for (const p of plan) {
          const pid = personOf(p),
            prev = byPerson.get(pid);
          const cur = {
            attended: p.r.detail.attended ?? true,
            completed: p.r.detail.completed ?? false,
            assessment: p.r.detail.assessment ?? null,
          };
          const best = Math.max(prev?.assessment ?? -1, cur.assessment ?? -1);
          byPerson.set(
            pid,
            prev
              ? { attended: prev.attended || cur.attended, completed: prev.completed || cur.completed, assessment: best < 0 ? null : best }
              : cur,
          );
        }
        const values = [...byPerson];
        for (let i = 0; i < values.length; i += CHUNK) {
          await nextTurn(); // the event loop runs between statements (the embedded database runs them on this thread)
          const c = values.slice(i, i + CHUNK);
          await tx.execute(sql`insert into training_attendance (session_id, person_id, attended, completed, assessment)
            select ${imp.sessionId!}, u.p, u.a, u.c, u.s from unnest(${intArray(c.map(([p]) => p))}, ${boolArray(c.map(([, a]) => a.attended))}, ${boolArray(c.map(([, a]) => a.completed))}, ${numericArray(c.map(([, a]) => a.assessment))}) as u(p, a, c, s)
            on conflict (session_id, person_id) do update set attended = excluded.attended, completed = excluded.completed, assessment = excluded.assessment`);
          writing.set(importId, Math.round(((i + c.length) / values.length) * plan.length));
        }
        attendance = values.length;
        updated = plan.filter((p) => 'personId' in p.res).length;
      }
      await tx
        .update(trainingImports)
        .set({ committedAt: new Date(), state: 'committed', rowsWritten: staged.length, updatedAt: new Date() })
        .where(eq(trainingImports.id, importId));
      const result = { rows: staged.length, created: createdId.size, updated, attendance };
      await recordAudit(tx, actor, 'import', 'training_import', importId, null, {
        kind: imp.kind,
        sessionId: imp.sessionId,
        ...result,
        createdPeople: [...createdId.values()].slice(0, 1000),
      });
      return result;
    });
  } finally {
    writing.delete(importId);
  }
}

/** A roster import's memberships: new ones added in one statement, existing ones (same person, group and start)
 *  given the sheet's end; positions of existing people updated. Returns how many existing people were updated. */
async function writeMemberships(
  tx: Db,
  plan: { personId: number; existing: boolean; position: string | null; memberships: MembershipInput[] }[],
): Promise<number> {
  const mine = [...new Set(plan.map((p) => p.personId))];
  const existing = new Set<string>();
  for (const m of await rows<{ person_id: number; target_group: string; valid_from: string }>(
    tx,
    sql`select person_id, target_group, valid_from::text as valid_from from training_memberships where person_id = any(${intArray(mine)})`,
  )) {
    existing.add(`${m.person_id}|${m.target_group}|${m.valid_from}`);
  }
  const add: { personId: number; targetGroup: string; validFrom: string; validTo: string | null }[] = [];
  const change: typeof add = [];
  for (const p of plan) {
    for (const m of p.memberships) {
      const k = `${p.personId}|${m.targetGroup}|${m.validFrom}`;
      const row = { personId: p.personId, targetGroup: m.targetGroup, validFrom: m.validFrom, validTo: m.validTo ?? null };
      if (existing.has(k)) change.push(row);
      else {
        existing.add(k);
        add.push(row);
      }
    }
  }
  const cols = (xs: typeof add) =>
    sql`${intArray(xs.map((x) => x.personId))}, ${textArray(xs.map((x) => x.targetGroup))}, ${textArray(xs.map((x) => x.validFrom))}, ${textArray(xs.map((x) => x.validTo))}`;
  for (let i = 0; i < add.length; i += CHUNK) {
    await nextTurn(); // the event loop runs between statements (the embedded database runs them on this thread)
    await tx.execute(
      sql`insert into training_memberships (person_id, target_group, valid_from, valid_to) select u.p, u.g, u.f::date, u.t::date from unnest(${cols(add.slice(i, i + CHUNK))}) as u(p, g, f, t)`,
    );
  }
  for (let i = 0; i < change.length; i += CHUNK) {
    await nextTurn(); // the event loop runs between statements (the embedded database runs them on this thread)
    await tx.execute(sql`update training_memberships m set valid_to = u.t::date from unnest(${cols(change.slice(i, i + CHUNK))}) as u(p, g, f, t)
      where m.person_id = u.p and m.target_group = u.g and m.valid_from = u.f::date`);
  }
  const moved = plan.filter((p) => p.existing && p.position);
  if (moved.length) {
    await tx.execute(
      sql`update training_people t set position = u.pos, updated_at = now() from unnest(${intArray(moved.map((p) => p.personId))}, ${textArray(moved.map((p) => p.position))}) as u(id, pos) where t.id = u.id`,
    );
  }
  return plan.filter((p) => p.existing).length;
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
  help.addRow([
    'target_groups: T2a, T2b, T2c, T2d — valid_from / valid_to: YYYY-MM-DD hoặc/or D/M/YYYY — organisation: mã hoặc tên đơn vị / code or name',
  ]);
  help.getColumn(1).width = 140;
  return { wb, ws };
}

/** The roster the actor may see, in the import's columns (one line per membership). Recorded in the audit log. */
export async function exportRoster(db: Db, actor: Actor, q: Partial<RosterQuery>): Promise<{ buf: Buffer; count: number }> {
  const people = await rosterForExport(db, actor, q);
  const codes = new Map(
    (await db.select({ id: organisations.id, code: organisations.code }).from(organisations)).map((o) => [o.id, o.code]),
  );
  const { wb, ws } = rosterBook();
  for (const p of people) {
    const ms = p.memberships.length ? p.memberships : [null];
    for (const m of ms)
      ws.addRow([
        p.fullName,
        p.position ?? '',
        codes.get(p.organisationId) ?? '',
        m?.targetGroup ?? '',
        m?.validFrom ?? '',
        m?.validTo ?? '',
      ]);
  }
  ws.columns.forEach((c) => {
    c.width = 24;
  });
  await recordAudit(db, actor, 'export', 'training_roster', null, null, { filter: q, people: people.length });
  return { buf: Buffer.from(await wb.xlsx.writeBuffer()), count: people.length };
}

export async function rosterTemplate(): Promise<Buffer> {
  return Buffer.from(await rosterBook().wb.xlsx.writeBuffer());
}

/** A sign-in sheet as organisers fill it in: a title block, Vietnamese headers, one line per attendee. */
export async function signinSheet(
  title: string,
  lines: { name: string; position?: string; organisation?: string; completed?: boolean; assessment?: number }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('diem-danh');
  ws.addRow(['DANH SÁCH ĐIỂM DANH / SIGN-IN SHEET']);
  ws.addRow([title]);
  ws.addRow([]);
  ws.addRow(['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Có mặt', 'Hoàn thành', 'Điểm', 'Ký tên']);
  ws.getRow(4).font = { bold: true };
  lines.forEach((l, i) =>
    ws.addRow([i + 1, l.name, l.position ?? '', l.organisation ?? '', 'x', l.completed === false ? '' : 'x', l.assessment ?? '', '']),
  );
  [6, 28, 22, 36, 9, 11, 8, 14].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
