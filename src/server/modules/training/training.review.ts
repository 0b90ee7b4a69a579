// The review of an import, however many rows it has: its progress while it is read, matched and written (polled by
// the workspace), its rows by pages (keyset on the row number) with filters, the reviewer's decisions kept on the
// server until the commit, and "accept every suggestion scored at least N" in one audited request.
import { sql, type SQL } from 'drizzle-orm';
import {
  AcceptSuggestions,
  ImportDecisions,
  type ImportRowsPage,
  type ImportRowsQuery,
  type ImportStatus,
  type Resolution,
  type ReviewRow,
} from '../../../shared/contracts/training.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { intArray, rows, textArray, type Db } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { containsPattern, fold } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { importForWrite, liveRowsWritten, queuedAhead, resolutionIssues, type Kind } from './training.excel.js';
import { inScope, rowsAsSeen } from './training.service.js';

/** An import still "reading" with no progress saved for this long was interrupted (its process stopped). */
const STALE_MS = 10 * 60 * 1000;

type ImportRow = {
  id: number;
  kind: 'roster' | 'signin';
  session_id: number | null;
  state: ImportStatus['state'];
  rows_read: number;
  rows_matched: number;
  rows_written: number;
  counts: (ImportStatus['counts'] & { suggested?: number }) | null;
  error: ImportStatus['error'];
  created_by: number | null;
  updated_at: string | Date;
};

async function importForRead(db: Db, actor: Actor, importId: number): Promise<ImportRow> {
  const [imp] = await rows<ImportRow>(
    db,
    sql`select id, kind, session_id, state, rows_read, rows_matched, rows_written, counts, error, created_by, updated_at
    from training_imports where id = ${importId}`,
  );
  if (!imp) throw notFound(`Import ${importId}`);
  if (actor.role !== 'admin' && actor.role !== 'system' && (imp.created_by === null || Number(imp.created_by) !== actor.userId))
    throw forbidden('Only who read this import (or the programme office) may review it');
  return imp;
}

/** Where an import is: rows read, matched and written so far, and once matched its counts and what is left to decide. */
export async function importStatus(db: Db, actor: Actor, importId: number): Promise<ImportStatus> {
  const imp = await importForRead(db, actor, importId);
  let state = imp.state,
    error = imp.error;
  let ahead: number | null = null;
  if (state === 'queued') {
    // Waiting here: its place in this process's queue; waiting in another copy: the imports queued before it.
    ahead =
      queuedAhead(importId) ??
      Number(
        (
          await rows<{ n: number }>(db, sql`select count(*)::int as n from training_imports where state = 'queued' and id < ${importId}`)
        )[0]!.n,
      );
  }
  if (
    (state === 'reading' || state === 'matching' || (state === 'queued' && queuedAhead(importId) === undefined)) &&
    Date.now() - new Date(imp.updated_at).getTime() > STALE_MS
  ) {
    state = 'failed';
    ahead = null;
    error = {
      code: 'internal',
      message: 'The import was interrupted (the server stopped while reading it): read the file again',
      details: [],
    };
  }
  const live = liveRowsWritten(importId);
  if (live !== undefined && state === 'ready') state = 'writing';
  const [n] =
    state === 'ready' || state === 'writing'
      ? await rows<{ total: number; undecided: number }>(
          db,
          sql`select count(*)::int as total,
        (count(*) filter (where status in ('ambiguous', 'unknown') and decision is null))::int as undecided from training_import_rows where import_id = ${importId}`,
        )
      : [{ total: Number(imp.rows_matched), undecided: 0 }];
  const { suggested = 0, ...counts } = imp.counts ?? {};
  return {
    importId: Number(imp.id),
    kind: imp.kind,
    sessionId: imp.session_id === null ? null : Number(imp.session_id),
    state,
    ahead,
    rowsRead: Number(imp.rows_read),
    rowsMatched: Number(imp.rows_matched),
    rowsWritten: live ?? Number(imp.rows_written),
    total: imp.counts ? Number(n!.total) : null,
    counts: imp.counts ? (counts as NonNullable<ImportStatus['counts']>) : null,
    suggested: Number(suggested),
    undecided: Number(n!.undecided),
    error: error ?? null,
  };
}

/** The SQL condition of a page's filters (the keyset bound apart). */
function rowFilter(importId: number, q: Partial<ImportRowsQuery>): SQL {
  const where: SQL[] = [sql`import_id = ${importId}`];
  const status = q.status ?? 'needs';
  if (status === 'needs') where.push(sql`status in ('ambiguous', 'unknown')`);
  else if (status === 'suggested') where.push(sql`status = 'ambiguous' and suggested_id is not null`);
  else if (status !== 'all') where.push(sql`status = ${status}`);
  if (q.organisationId) where.push(sql`organisation_id = ${q.organisationId}`);
  if (q.minScore !== undefined) where.push(sql`score >= ${q.minScore}`);
  if (q.maxScore !== undefined) where.push(sql`score <= ${q.maxScore}`);
  if (q.decided === 'yes') where.push(sql`decision is not null`);
  if (q.decided === 'no') where.push(sql`decision is null`);
  if (q.q?.trim()) {
    const like = containsPattern(fold(q.q));
    where.push(sql`(name_key like ${like} or lower(f_unaccent(organisation_text)) like ${like})`);
  }
  return sql.join(where, sql` and `);
}

type StoredRow = {
  row: number;
  status: ReviewRow['status'];
  full_name: string;
  position: string | null;
  organisation_id: number | null;
  organisation_text: string;
  person_id: number | null;
  suggested_id: number | null;
  score: number | null;
  candidates: ReviewRow['candidates'];
  detail: Partial<ReviewRow>;
  decision: Resolution | null;
};
const num = (x: number | null) => (x === null ? null : Number(x));

/** A page of an import's rows, in row order after `after`, filtered; `nextAfter` is the bound of the next page. People the
 *  reader may not see are not named: their rows say that someone outside the reader's organisation matches. */
export async function listImportRows(db: Db, actor: Actor, importId: number, q: ImportRowsQuery): Promise<ImportRowsPage> {
  await importForRead(db, actor, importId);
  const where = rowFilter(importId, q);
  const page = await rows<StoredRow>(
    db,
    sql`select row, status, full_name, position, organisation_id, organisation_text, person_id, suggested_id, score, candidates, detail, decision
    from training_import_rows where ${where} and row > ${q.after} order by row limit ${q.limit + 1}`,
  );
  const [{ total }] = await rows<{ total: number }>(db, sql`select count(*)::int as total from training_import_rows where ${where}`);
  const more = page.length > q.limit;
  const items = page.slice(0, q.limit).map((r): ReviewRow => ({
    row: Number(r.row),
    fullName: r.full_name,
    position: r.position,
    organisationId: num(r.organisation_id),
    organisationText: r.organisation_text,
    status: r.status,
    personId: num(r.person_id),
    candidates: r.candidates ?? [],
    ...(r.detail.memberships
      ? { memberships: r.detail.memberships }
      : { attended: r.detail.attended, completed: r.detail.completed, assessment: r.detail.assessment ?? null }),
    suggestedId: num(r.suggested_id),
    score: num(r.score),
    decision: r.decision,
  }));
  return { items: await rowsAsSeen(db, actor, items), total: Number(total), nextAfter: more ? items[items.length - 1]!.row : null };
}

/** Keeps the reviewer's decisions (null clears one) until the commit, which checks them all again: a person picked must
 *  be one the reviewer may see (resolutionIssues); every wrong decision is named by its row, and none is kept. */
export async function decideImportRows(db: Db, actor: Actor, importId: number, raw: unknown): Promise<{ decided: number }> {
  const input = parseInput(ImportDecisions, raw);
  return db.transaction(async (tx) => {
    const imp = await importForWrite(tx, actor, importId);
    const ds = input.decisions;
    const wrong = await resolutionIssues(
      tx,
      actor,
      imp.kind as Kind,
      ds.flatMap((d) => (d.resolution ? [{ row: d.row, res: d.resolution }] : [])),
    );
    if (wrong.length)
      throw new AppError('validation_failed', `${new Set(wrong.map((i) => i.row)).size} decision(s) cannot be kept; none was`, wrong);
    const done = await rows<{ row: number }>(
      tx,
      sql`update training_import_rows r set decision = u.d::jsonb
      from unnest(${intArray(ds.map((d) => d.row))}, ${textArray(ds.map((d) => (d.resolution ? JSON.stringify(d.resolution) : null)))}) as u(row, d)
      where r.import_id = ${importId} and r.row = u.row returning r.row`,
    );
    const found = new Set(done.map((d) => Number(d.row)));
    const missing = ds.filter((d) => !found.has(d.row));
    if (missing.length)
      throw new AppError(
        'validation_failed',
        `${missing.length} row(s) are not in this import`,
        missing.map((d) => ({ row: d.row, field: 'row', message: 'no such row in this import' })),
      );
    await recordAudit(tx, actor, 'decide', 'training_import', importId, null, { rows: ds.length });
    return { decided: found.size };
  });
}

/** Accepts every suggestion scored at least minScore (within the filters) for rows not yet decided, of people the actor
 *  may see (an import staged before candidates were limited to the importer's scope may suggest others); audited. */
export async function acceptSuggestions(db: Db, actor: Actor, importId: number, raw: unknown): Promise<{ accepted: number }> {
  const input = parseInput(AcceptSuggestions, raw);
  return db.transaction(async (tx) => {
    await importForWrite(tx, actor, importId);
    const where = rowFilter(importId, {
      status: 'suggested',
      organisationId: input.organisationId,
      q: input.q,
      minScore: input.minScore,
      decided: 'no',
    });
    const [{ n }] = await rows<{ n: number }>(
      tx,
      sql`with u as (update training_import_rows set decision = jsonb_build_object('personId', suggested_id)
      where ${where} and suggested_id in (select id from training_people where merged_into_id is null and ${inScope(actor, 'organisation_id')})
      returning 1) select count(*)::int as n from u`,
    );
    await recordAudit(tx, actor, 'accept_suggestions', 'training_import', importId, null, { ...input, accepted: Number(n) });
    return { accepted: Number(n) };
  });
}
