// Spokespersons: who speaks for an organisation, appointed by which decision, from when to when.
// Never deleted: an appointment ends by setting validTo, so "who was spokesperson when" stays answerable.
// Editors write only for their organisation's subtree; the public sees only fields flagged public.
import { and, asc, desc, eq, gte, isNull, lte, or, type SQL } from 'drizzle-orm';
import { SpokespersonInput, type PublicSpokesperson, type Spokesperson } from '../../../shared/contracts/press.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { nfc } from '../../kernel/text.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDatesWritable } from '../../kernel/dateLock.js';
import { organisations } from '../directory/directory.tables.js';
import { assertCanWriteUnder, getOrganisation, subtreeIds } from '../directory/organisations.service.js';
import { pressSpokespersons } from './press.tables.js';

const base = (db: Db) =>
  db
    .select({ s: pressSpokespersons, organisationName: organisations.nameVi })
    .from(pressSpokespersons)
    .innerJoin(organisations, eq(organisations.id, pressSpokespersons.organisationId));
type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

function toSpokesperson({ s, organisationName }: Row): Spokesperson {
  return {
    id: s.id,
    organisationId: s.organisationId,
    organisationName,
    fullName: s.fullName,
    position: s.position,
    decisionNumber: s.decisionNumber,
    decisionDate: s.decisionDate,
    validFrom: s.validFrom,
    validTo: s.validTo,
    email: s.email,
    emailPublic: s.emailPublic,
    phone: s.phone,
    phonePublic: s.phonePublic,
    isDemo: s.isDemo,
    updatedAt: new Date(s.updatedAt).toISOString(),
  };
}

/** Today's date in Viet Nam (UTC+7), as YYYY-MM-DD. */
export function vnToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Appointments valid on `day` (YYYY-MM-DD). */
export const validOn = (day: string): SQL =>
  and(lte(pressSpokespersons.validFrom, day), or(isNull(pressSpokespersons.validTo), gte(pressSpokespersons.validTo, day)))!;

export async function getSpokesperson(db: Db, id: number): Promise<Spokesperson> {
  const [r] = await base(db).where(eq(pressSpokespersons.id, id));
  if (!r) throw notFound(`Spokesperson ${id}`);
  return toSpokesperson(r);
}

export async function listSpokespersons(db: Db, q: { organisationId?: number; current?: string }): Promise<Spokesperson[]> {
  const where: SQL[] = [];
  if (q.organisationId) where.push(eq(pressSpokespersons.organisationId, q.organisationId));
  if (q.current === 'true') where.push(validOn(vnToday()));
  const r = await base(db)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(organisations.nameVi), desc(pressSpokespersons.validFrom), asc(pressSpokespersons.id));
  return r.map(toSpokesperson);
}

/** The appointments as `actor` may see them: contacts not flagged public only for the spokesperson's organisation subtree
 *  and the programme office (a personal phone or address is personal data); name, position and decision for everyone. */
export async function contactsAsSeen(db: Db, actor: Actor, list: Spokesperson[]): Promise<Spokesperson[]> {
  if (actor.role === 'admin' || actor.role === 'system') return list;
  const mine = new Set(actor.organisationId === null ? [] : await subtreeIds(db, actor.organisationId));
  return list.map((s) =>
    mine.has(s.organisationId) ? s : { ...s, email: s.emailPublic ? s.email : null, phone: s.phonePublic ? s.phone : null },
  );
}

export async function listPublicSpokespersons(db: Db, q: { organisationId?: number } = {}): Promise<PublicSpokesperson[]> {
  const all = await listSpokespersons(db, { organisationId: q.organisationId, current: 'true' });
  return all.map((s) => ({
    id: s.id,
    organisationId: s.organisationId,
    organisationName: s.organisationName,
    fullName: s.fullName,
    position: s.position,
    validFrom: s.validFrom,
    email: s.emailPublic ? s.email : null,
    phone: s.phonePublic ? s.phone : null,
  }));
}

function values(input: SpokespersonInput) {
  return {
    organisationId: input.organisationId,
    fullName: nfc(input.fullName),
    position: input.position ? nfc(input.position) : null,
    decisionNumber: input.decisionNumber ? nfc(input.decisionNumber) : null,
    decisionDate: input.decisionDate ?? null,
    validFrom: input.validFrom,
    validTo: input.validTo ?? null,
    email: input.email ?? null,
    emailPublic: input.emailPublic,
    phone: input.phone ? input.phone.trim() : null,
    phonePublic: input.phonePublic,
  };
}

export async function createSpokesperson(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<Spokesperson> {
  return db.transaction(async (tx) => {
    const input = parseInput(SpokespersonInput, raw);
    await getOrganisation(tx, input.organisationId);
    await assertCanWriteUnder(tx, actor, input.organisationId, "the spokesperson's organisation");
    await assertDatesWritable(tx, actor, [
      { field: 'validFrom', day: input.validFrom },
      { field: 'validTo', day: input.validTo },
    ]);
    const [c] = await tx
      .insert(pressSpokespersons)
      .values({ ...values(input), isDemo: opts.isDemo ?? false })
      .returning({ id: pressSpokespersons.id });
    const after = await getSpokesperson(tx, c.id);
    await recordAudit(tx, actor, 'create', 'press_spokesperson', c.id, null, after);
    return after;
  });
}

export async function updateSpokesperson(db: Db, actor: Actor, id: number, raw: unknown): Promise<Spokesperson> {
  return db.transaction(async (tx) => {
    const before = await getSpokesperson(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisationId, "the spokesperson's organisation");
    const input = parseInput(SpokespersonInput, raw);
    if (input.organisationId !== before.organisationId) {
      throw new AppError(
        'validation_failed',
        'A spokesperson cannot move to another organisation; end this appointment and create a new one',
        [{ field: 'organisationId', message: 'cannot change' }],
      );
    }
    await assertDatesWritable(tx, actor, [
      { field: 'validFrom', day: before.validFrom },
      { field: 'validTo', day: before.validTo },
      { field: 'validFrom', day: input.validFrom },
      { field: 'validTo', day: input.validTo },
    ]);
    await tx
      .update(pressSpokespersons)
      .set({ ...values(input), updatedAt: new Date() })
      .where(eq(pressSpokespersons.id, id));
    const after = await getSpokesperson(tx, id);
    await recordAudit(tx, actor, 'update', 'press_spokesperson', id, before, after);
    return after;
  });
}

/** Ends an appointment on `validTo` (the last day it was valid); the record stays as history. */
export async function endSpokesperson(db: Db, actor: Actor, id: number, validTo: string): Promise<Spokesperson> {
  return db.transaction(async (tx) => {
    const before = await getSpokesperson(tx, id);
    await assertCanWriteUnder(tx, actor, before.organisationId, "the spokesperson's organisation");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(validTo) || validTo < before.validFrom) {
      throw new AppError('validation_failed', 'The end date must be a date on or after the start of the appointment', [
        { field: 'validTo', message: `must be on or after ${before.validFrom}` },
      ]);
    }
    await assertDatesWritable(tx, actor, [{ field: 'validTo', day: validTo }]);
    await tx.update(pressSpokespersons).set({ validTo, updatedAt: new Date() }).where(eq(pressSpokespersons.id, id));
    const after = await getSpokesperson(tx, id);
    await recordAudit(tx, actor, 'end', 'press_spokesperson', id, before, after);
    return after;
  });
}
