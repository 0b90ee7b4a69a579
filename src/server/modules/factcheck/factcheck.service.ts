// Claims and their fact-checks: one transition map (TRANSITIONS) is the whole state machine
//   new → researching → drafted → approved → published → corrected (again and again); published/corrected → withdrawn;
//   drafted → researching and approved → researching send a draft back.
// Rules enforced here, not only in the interface:
//   - a draft needs a rating, a rationale and at least one piece of evidence (a source with its stored snapshot);
//   - the two-person rule: everyone who wrote a version's content is its author (fc_contributions: the draft's rating,
//     rationale, claim wording, topics and evidence, and whoever marked it drafted; a correction's proposal), and
//     approval comes only from a reviewer or admin who is none of them;
//   - a correction is proposed (proposeCorrection: new rating and/or rationale and a note; anyone who writes
//     fact-checks, and several people may amend it), then approved by such a reviewer (the move to corrected), which
//     keeps the previous rating and rationale (fc_corrections, listed with the claim);
//   - publication and withdrawal only by a reviewer or admin; a withdrawal needs a reason.
// Every write validates, authorises, writes and audits in one transaction.
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import * as C from '../../../shared/contracts/factcheck.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { lockRow, type Db, iso, textArray } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { matchRecentItems, REMATCH_DAYS } from './factcheck.items.js';
import { assertMayWrite, assertReviewer, REVIEWERS } from './factcheck.roles.js';
import { normaliseText } from './factcheck.normalise.js';
import { readSearch, searchIds } from './factcheck.search.js';
import { users } from '../directory/directory.tables.js';
import { fcClaims, fcContributions, fcCorrectionProposals, fcCorrections, fcEvidence, fcRatings } from './factcheck.tables.js';

export const AUDIT_ENTITY = 'fc_claim';
type State = C.FcState;

/** The state machine: from → the states it may move to. Nothing else moves a claim. */
export const TRANSITIONS: Record<State, readonly State[]> = {
  new: ['researching'],
  researching: ['drafted'],
  drafted: ['researching', 'approved'],
  approved: ['researching', 'published'],
  published: ['corrected', 'withdrawn'],
  corrected: ['corrected', 'withdrawn'],
  withdrawn: [],
};
export const canMove = (from: State, to: State) => TRANSITIONS[from].includes(to);

const opt = (s: string | null | undefined) => (s ? nfc(s) : null);

export async function listRatings(db: Db): Promise<C.Rating[]> {
  return (await db.select().from(fcRatings).orderBy(asc(fcRatings.position))) as C.Rating[];
}

type ClaimRow = typeof fcClaims.$inferSelect;
function summary(r: ClaimRow) {
  return {
    id: r.id,
    text: r.text,
    language: r.language,
    topics: r.topics,
    status: r.status as State,
    ratingCode: r.ratingCode,
    rationaleVi: r.rationaleVi,
    rationaleEn: r.rationaleEn,
    draftedBy: r.draftedBy,
    draftedAt: iso(r.draftedAt),
    approvedBy: r.approvedBy,
    approvedAt: iso(r.approvedAt),
    publishedAt: iso(r.publishedAt),
    version: r.version,
    withdrawnAt: iso(r.withdrawnAt),
    withdrawalReason: r.withdrawalReason,
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

export async function getClaim(db: Db, id: number): Promise<C.Claim> {
  const [r] = await db.select().from(fcClaims).where(eq(fcClaims.id, id));
  if (!r) throw notFound(`Claim ${id}`);
  const ev = await db.select().from(fcEvidence).where(eq(fcEvidence.claimId, id)).orderBy(asc(fcEvidence.id));
  const cs = await db.select().from(fcCorrections).where(eq(fcCorrections.claimId, id)).orderBy(asc(fcCorrections.version));
  const contributors = await db
    .select()
    .from(fcContributions)
    .where(eq(fcContributions.claimId, id))
    .orderBy(asc(fcContributions.version), asc(fcContributions.firstAt), asc(fcContributions.userId));
  const [proposal] = await db.select().from(fcCorrectionProposals).where(eq(fcCorrectionProposals.claimId, id));
  const staff = [r.draftedBy, r.approvedBy, ...contributors.map((c) => c.userId)].filter((x): x is number => x !== null);
  const names = new Map(
    staff.length
      ? (await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, staff))).map((u) => [u.id, u.name])
      : [],
  );
  return {
    ...summary(r),
    draftedByName: r.draftedBy === null ? null : (names.get(r.draftedBy) ?? null),
    approvedByName: r.approvedBy === null ? null : (names.get(r.approvedBy) ?? null),
    contributors: contributors.map((c) => ({ version: c.version, userId: c.userId, name: names.get(c.userId) ?? null, parts: c.parts })),
    pendingCorrection: proposal
      ? {
          version: proposal.version,
          ratingCode: proposal.ratingCode,
          rationaleVi: proposal.rationaleVi,
          rationaleEn: proposal.rationaleEn,
          note: proposal.note,
          proposedAt: iso(proposal.proposedAt)!,
          updatedAt: iso(proposal.updatedAt)!,
        }
      : null,
    evidence: ev.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      snapshot: e.snapshot,
      fetchedAt: iso(e.fetchedAt)!,
      addedBy: e.addedBy,
    })),
    corrections: cs.map((c) => ({
      version: c.version,
      previousRatingCode: c.previousRatingCode,
      previousRationaleVi: c.previousRationaleVi,
      previousRationaleEn: c.previousRationaleEn,
      ratingCode: c.ratingCode,
      rationaleVi: c.rationaleVi,
      rationaleEn: c.rationaleEn,
      note: c.note,
      correctedBy: c.correctedBy,
      correctedAt: iso(c.correctedAt)!,
    })),
    next: [...TRANSITIONS[r.status as State]],
  };
}

export async function listClaims(db: Db, raw: unknown) {
  const q = parseInput(C.ClaimListQuery, raw);
  const where: SQL[] = [];
  if (q.status) where.push(eq(fcClaims.status, q.status));
  if (q.q) {
    // The items' search (factcheck.search.ts): whole words, phrases, informal spellings, accent-exact first.
    const search = readSearch(q.q);
    const echo = { unsearchable: search.unsearchable, terms: search.terms };
    if (search.unsearchable || !search.folded) return { total: 0, search: echo, rows: [] };
    const page = await searchIds(db, {
      table: sql`fc_claims`,
      idColumn: sql`fc_claims.id`,
      textColumn: sql`fc_claims.text`,
      where,
      search,
      limit: q.limit,
      offset: q.offset,
    });
    const found = page.ids.length ? await db.select().from(fcClaims).where(inArray(fcClaims.id, page.ids)) : [];
    const byId = new Map(found.map((r) => [r.id, r]));
    return { total: page.total, search: echo, rows: page.ids.flatMap((id) => (byId.has(id) ? [summary(byId.get(id)!)] : [])) };
  }
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = (await db.select({ n: count() }).from(fcClaims).where(cond)) as [{ n: number }];
  const list = await db
    .select()
    .from(fcClaims)
    .where(cond)
    .orderBy(desc(fcClaims.updatedAt), desc(fcClaims.id))
    .limit(q.limit)
    .offset(q.offset);
  return { total: Number(n), rows: list.map(summary) };
}

const lockClaim = (db: Db, id: number): Promise<ClaimRow> =>
  lockRow(db, 'fc_claims', id, 'Claim', async (d, i) => (await d.select().from(fcClaims).where(eq(fcClaims.id, i)))[0]!);

/** The draft and its evidence change only while the claim is new or being researched. */
function assertResearching(row: ClaimRow, message: string) {
  if (row.status !== 'new' && row.status !== 'researching')
    throw new AppError('conflict', message, [{ field: 'status', message: `is ${row.status}` }]);
}

/** Notes that the actor wrote these parts of a version's content (fc_contributions); a user once, parts merged. */
async function contributed(tx: Db, actor: Actor, claimId: number, version: number, parts: string[], now = new Date()) {
  if (actor.userId === null || !parts.length) return;
  await tx
    .insert(fcContributions)
    .values({ claimId, version, userId: actor.userId, parts: [...new Set(parts)].sort(), firstAt: now, lastAt: now })
    .onConflictDoUpdate({
      target: [fcContributions.claimId, fcContributions.version, fcContributions.userId],
      set: {
        parts: sql`(select array_agg(distinct p order by p) from unnest(${fcContributions.parts} || ${textArray(parts)}) p)`,
        lastAt: now,
      },
    });
}

/** The authors of a version: everyone who wrote part of its content (and, for the draft, whoever marked it drafted). */
async function authorsOf(tx: Db, row: ClaimRow, version: number): Promise<Set<number>> {
  const list = await tx
    .select({ userId: fcContributions.userId })
    .from(fcContributions)
    .where(and(eq(fcContributions.claimId, row.id), eq(fcContributions.version, version)));
  const out = new Set(list.map((x) => x.userId));
  if (version === 1 && row.draftedBy !== null) out.add(row.draftedBy);
  return out;
}

/** The two-person rule: the approver is a known user who wrote none of the version's content. */
async function assertNotAuthor(tx: Db, actor: Actor, row: ClaimRow, version: number, what: 'draft' | 'correction') {
  if (actor.userId === null || (await authorsOf(tx, row, version)).has(actor.userId)) {
    throw new AppError('forbidden', `A ${what} is approved by a reviewer who wrote none of it`, [
      {
        field: 'approvedBy',
        message:
          what === 'draft'
            ? 'you wrote part of this draft (its rating, rationale, wording or evidence) or marked it drafted: another reviewer approves it'
            : 'you wrote part of this correction: another reviewer approves it',
      },
    ]);
  }
}

export async function createClaim(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.Claim> {
  assertMayWrite(actor);
  const input = parseInput(C.ClaimInput, raw);
  return db.transaction(async (tx) => {
    const text = nfc(input.text);
    const [r] = await tx
      .insert(fcClaims)
      .values({
        text,
        language: input.language ?? normaliseText(text).lang,
        topics: [...new Set(input.topics)],
        createdBy: actor.userId,
        isDemo: opts.isDemo ?? false,
      })
      .returning({ id: fcClaims.id });
    const after = await getClaim(tx, r!.id);
    await recordAudit(tx, actor, 'create', AUDIT_ENTITY, r!.id, null, after);
    await rematch(tx, actor, r!.id);
    return after;
  });
}

/** The recent items the claim now matches get their links (factcheck.items.ts matchRecentItems), on record. */
async function rematch(tx: Db, actor: Actor, id: number) {
  const n = await matchRecentItems(tx, id);
  if (n) await recordAudit(tx, actor, 'match-recent-items', AUDIT_ENTITY, id, null, { links: n, days: REMATCH_DAYS });
}

/** Edits the claim and its draft (rating, rationale) while it is new or being researched. */
export async function updateDraft(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Claim> {
  assertMayWrite(actor);
  const input = parseInput(C.DraftInput, raw);
  return db.transaction(async (tx) => {
    const row = await lockClaim(tx, id);
    assertResearching(row, `A ${row.status} fact-check is not edited; send it back to researching, or correct it once published`);
    const before = await getClaim(tx, id);
    const set: Partial<typeof fcClaims.$inferInsert> = { updatedAt: new Date() };
    if (input.text !== undefined) {
      set.text = nfc(input.text);
      set.language = normaliseText(set.text).lang;
    }
    if (input.topics !== undefined) set.topics = [...new Set(input.topics)];
    if (input.ratingCode !== undefined) set.ratingCode = input.ratingCode;
    if (input.rationaleVi !== undefined) set.rationaleVi = opt(input.rationaleVi);
    if (input.rationaleEn !== undefined) set.rationaleEn = opt(input.rationaleEn);
    await tx.update(fcClaims).set(set).where(eq(fcClaims.id, id));
    const after = await getClaim(tx, id);
    const parts = [
      after.text !== before.text ? 'text' : null,
      JSON.stringify(after.topics) !== JSON.stringify(before.topics) ? 'topics' : null,
      after.ratingCode !== before.ratingCode ? 'rating' : null,
      after.rationaleVi !== before.rationaleVi || after.rationaleEn !== before.rationaleEn ? 'rationale' : null,
    ].filter((x): x is string => x !== null);
    await contributed(tx, actor, id, row.version, parts);
    await recordAudit(tx, actor, 'update', AUDIT_ENTITY, id, before, after);
    if (set.text !== undefined && set.text !== before.text) await rematch(tx, actor, id);
    return after;
  });
}

/** Adds a source relied on (its URL, title and the text relied on as stored snapshot) while new or researching. */
export async function addEvidence(db: Db, actor: Actor, claimId: number, raw: unknown): Promise<C.Claim> {
  assertMayWrite(actor);
  const input = parseInput(C.EvidenceInput, raw);
  return db.transaction(async (tx) => {
    const row = await lockClaim(tx, claimId);
    assertResearching(row, `Evidence is added while researching (this fact-check is ${row.status})`);
    const [e] = await tx
      .insert(fcEvidence)
      .values({
        claimId,
        url: input.url,
        title: nfc(input.title),
        snapshot: nfc(input.snapshot),
        fetchedAt: new Date(input.fetchedAt),
        addedBy: actor.userId,
      })
      .returning();
    await tx.update(fcClaims).set({ updatedAt: new Date() }).where(eq(fcClaims.id, claimId));
    await contributed(tx, actor, claimId, row.version, ['evidence']);
    await recordAudit(tx, actor, 'add-evidence', AUDIT_ENTITY, claimId, null, e);
    return getClaim(tx, claimId);
  });
}

/** Moves a claim along the state machine; every rule of the move is checked here. */
export async function transitionClaim(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()): Promise<C.Claim> {
  assertMayWrite(actor);
  const input = parseInput(C.TransitionInput, raw);
  return db.transaction(async (tx) => {
    const row = await lockClaim(tx, id);
    const from = row.status as State;
    const to = input.to;
    if (!canMove(from, to)) {
      throw new AppError(
        'conflict',
        `A ${from} fact-check cannot move to ${to}${TRANSITIONS[from].length ? ` (next: ${TRANSITIONS[from].join(', ')})` : ''}`,
        [{ field: 'to', message: `not allowed from ${from}` }],
      );
    }
    const before = await getClaim(tx, id);
    const set: Partial<typeof fcClaims.$inferInsert> = { status: to, updatedAt: now };
    if (to === 'researching') {
      if (from === 'approved') assertReviewer(actor, 'reopen an approved fact-check');
      set.approvedBy = null;
      set.approvedAt = null;
    } else if (to === 'drafted') {
      const details: { field: string; message: string }[] = [];
      if (!row.ratingCode) details.push({ field: 'ratingCode', message: 'a draft needs a rating' });
      if (!row.rationaleVi && !row.rationaleEn)
        details.push({ field: 'rationaleVi', message: 'a draft needs a rationale (Vietnamese or English)' });
      if (!before.evidence.length)
        details.push({ field: 'evidence', message: 'a draft needs at least one source with the text relied on' });
      if (details.length) throw new AppError('validation_failed', details.map((d) => d.message).join('; '), details);
      set.draftedBy = actor.userId;
      set.draftedAt = now;
      await contributed(tx, actor, id, row.version, ['drafted'], now);
    } else if (to === 'approved') {
      assertReviewer(actor, 'approve a fact-check');
      await assertNotAuthor(tx, actor, row, row.version, 'draft');
      set.approvedBy = actor.userId;
      set.approvedAt = now;
    } else if (to === 'published') {
      assertReviewer(actor, 'publish a fact-check');
      set.publishedBy = actor.userId;
      set.publishedAt = now;
      set.version = 1;
    } else if (to === 'corrected') {
      // Approval of the pending correction: its content was proposed (proposeCorrection), never given with the move.
      const given = (['ratingCode', 'rationaleVi', 'rationaleEn', 'note'] as const).filter((k) => input[k] !== undefined);
      if (given.length) {
        throw new AppError(
          'validation_failed',
          'A correction is proposed first (POST …/correction), then approved by a reviewer who wrote none of it',
          given.map((field) => ({ field, message: "give it in the correction's proposal, not in its approval" })),
        );
      }
      assertReviewer(actor, 'approve a correction');
      const [p] = await tx.select().from(fcCorrectionProposals).where(eq(fcCorrectionProposals.claimId, id));
      if (!p)
        throw new AppError('conflict', 'No correction is proposed for this fact-check', [
          { field: 'correction', message: 'propose the correction first' },
        ]);
      await assertNotAuthor(tx, actor, row, p.version, 'correction');
      await tx.insert(fcCorrections).values({
        claimId: id,
        version: p.version,
        previousRatingCode: row.ratingCode!,
        previousRationaleVi: row.rationaleVi,
        previousRationaleEn: row.rationaleEn,
        ratingCode: p.ratingCode,
        rationaleVi: p.rationaleVi,
        rationaleEn: p.rationaleEn,
        note: p.note,
        correctedBy: actor.userId,
        correctedAt: now,
      });
      await tx.delete(fcCorrectionProposals).where(eq(fcCorrectionProposals.claimId, id));
      Object.assign(set, { ratingCode: p.ratingCode, rationaleVi: p.rationaleVi, rationaleEn: p.rationaleEn, version: p.version });
    } else if (to === 'withdrawn') {
      assertReviewer(actor, 'withdraw a fact-check');
      if (!input.reason)
        throw new AppError('validation_failed', 'A withdrawal gives its reason (shown to readers)', [
          { field: 'reason', message: 'required' },
        ]);
      set.withdrawnAt = now;
      set.withdrawalReason = nfc(input.reason);
      await dropProposal(tx, id);
    }
    await tx.update(fcClaims).set(set).where(eq(fcClaims.id, id));
    const after = await getClaim(tx, id);
    await recordAudit(tx, actor, `move-${to}`, AUDIT_ENTITY, id, before, after);
    return after;
  });
}

/** Removes the pending correction of a claim and what its authors wrote (it will never be a version). */
async function dropProposal(tx: Db, claimId: number) {
  const [p] = await tx
    .delete(fcCorrectionProposals)
    .where(eq(fcCorrectionProposals.claimId, claimId))
    .returning({ version: fcCorrectionProposals.version });
  if (p) await tx.delete(fcContributions).where(and(eq(fcContributions.claimId, claimId), eq(fcContributions.version, p.version)));
}

/** Proposes a correction of a published (or corrected) fact-check, or amends the pending one (fields left out keep
 *  the proposal's, else the fact-check's): a new rating and/or rationale and the note shown to readers. Whoever
 *  proposes or amends it becomes one of its authors; a reviewer who is none of them approves it (the move to
 *  corrected). Anyone who writes fact-checks may propose. */
export async function proposeCorrection(db: Db, actor: Actor, claimId: number, raw: unknown, now = new Date()): Promise<C.Claim> {
  assertMayWrite(actor);
  const input = parseInput(C.CorrectionProposalInput, raw);
  return db.transaction(async (tx) => {
    const row = await lockClaim(tx, claimId);
    if (row.status !== 'published' && row.status !== 'corrected') {
      throw new AppError('conflict', `Only a published fact-check is corrected (this one is ${row.status})`, [
        { field: 'status', message: `is ${row.status}` },
      ]);
    }
    const before = await getClaim(tx, claimId);
    const was = before.pendingCorrection;
    const base = {
      ratingCode: was?.ratingCode ?? row.ratingCode!,
      rationaleVi: was ? was.rationaleVi : row.rationaleVi,
      rationaleEn: was ? was.rationaleEn : row.rationaleEn,
      note: was?.note ?? null,
    };
    const next = {
      ratingCode: input.ratingCode ?? base.ratingCode,
      rationaleVi: input.rationaleVi !== undefined ? opt(input.rationaleVi) : base.rationaleVi,
      rationaleEn: input.rationaleEn !== undefined ? opt(input.rationaleEn) : base.rationaleEn,
      note: input.note !== undefined ? nfc(input.note) : base.note,
    };
    const details: { field: string; message: string }[] = [];
    if (!next.note) details.push({ field: 'note', message: 'say what was corrected and why (shown to readers)' });
    if (next.ratingCode === row.ratingCode && next.rationaleVi === row.rationaleVi && next.rationaleEn === row.rationaleEn)
      details.push({ field: 'ratingCode', message: 'a correction changes the rating or the rationale' });
    if (!next.rationaleVi && !next.rationaleEn) details.push({ field: 'rationaleVi', message: 'a fact-check keeps a rationale' });
    if (details.length) throw new AppError('validation_failed', details.map((d) => d.message).join('; '), details);
    const version = row.version + 1;
    const parts = [
      next.ratingCode !== base.ratingCode ? 'rating' : null,
      next.rationaleVi !== base.rationaleVi || next.rationaleEn !== base.rationaleEn ? 'rationale' : null,
      next.note !== base.note ? 'note' : null,
    ].filter((x): x is string => x !== null);
    if (was) {
      await tx
        .update(fcCorrectionProposals)
        .set({ ...next, note: next.note!, updatedAt: now })
        .where(eq(fcCorrectionProposals.claimId, claimId));
    } else {
      await tx
        .insert(fcCorrectionProposals)
        .values({ claimId, version, ...next, note: next.note!, proposedBy: actor.userId, proposedAt: now, updatedAt: now });
    }
    await contributed(tx, actor, claimId, version, parts.length ? parts : ['correction'], now);
    const after = await getClaim(tx, claimId);
    await recordAudit(tx, actor, was ? 'amend-correction' : 'propose-correction', AUDIT_ENTITY, claimId, before, after);
    return after;
  });
}

/** Discards the pending correction: a reviewer, or one of its authors. */
export async function discardCorrection(db: Db, actor: Actor, claimId: number): Promise<C.Claim> {
  assertMayWrite(actor);
  return db.transaction(async (tx) => {
    const row = await lockClaim(tx, claimId);
    const before = await getClaim(tx, claimId);
    const p = before.pendingCorrection;
    if (!p)
      throw new AppError('conflict', 'No correction is proposed for this fact-check', [
        { field: 'correction', message: 'nothing to discard' },
      ]);
    if (!REVIEWERS.includes(actor.role) && !(actor.userId !== null && (await authorsOf(tx, row, p.version)).has(actor.userId))) {
      throw forbidden('Only a reviewer or an author of the proposed correction discards it');
    }
    await dropProposal(tx, claimId);
    const after = await getClaim(tx, claimId);
    await recordAudit(tx, actor, 'discard-correction', AUDIT_ENTITY, claimId, before, after);
    return after;
  });
}
