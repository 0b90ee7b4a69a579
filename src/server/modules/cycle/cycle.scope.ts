// Who may do what in the programme cycle. The programme office (admin) sets the calendar, closes periods and
// decides reports last; an editor writes the reports of its organisation's subtree; a provincial coordinator decides
// (approves or returns) the reports of its province's organisations before the office, when the office turns that
// on, and reads that province's reports and completeness; analysts and reviewers read everything; viewers their
// organisation's subtree. Every refusal names why; a coordinator acting outside its province is told which province
// the organisation is in.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../kernel/audit.js';
import { intArray, rows, textArray, type Db } from '../../kernel/db.js';
import { AppError, forbidden } from '../../kernel/errors.js';
import { adminUnits, organisations } from '../directory/directory.tables.js';
import { isWithin, subtreeIds } from '../directory/organisations.service.js';

export const isOffice = (actor: Actor) => actor.role === 'admin' || actor.role === 'system';

export function assertOffice(actor: Actor, what: string): void {
  if (!isOffice(actor)) throw forbidden(`Only the programme office (admin) may ${what} (your role: ${actor.role})`);
}

/** An organisation's province on the current map (code and name), or null (central, abroad, none). */
export async function provinceOfOrganisation(db: Db, organisationId: number): Promise<{ code: string; name: string } | null> {
  const [r] = await db
    .select({ code: adminUnits.code, name: adminUnits.nameVi })
    .from(organisations)
    .leftJoin(adminUnits, eq(adminUnits.id, organisations.provinceUnitId))
    .where(eq(organisations.id, organisationId));
  return r?.code ? { code: r.code, name: r.name! } : null;
}

async function provinceName(db: Db, code: string): Promise<string> {
  const r = await rows<{ name: string }>(db, sql`select name_vi as name from admin_units where map_version = '34' and code = ${code}`);
  return r[0]?.name ?? code;
}

/** Refuses a coordinator acting on an organisation outside its province, naming both provinces. */
export async function assertInProvince(db: Db, actor: Actor, organisationId: number, field = 'organisationId'): Promise<void> {
  if (actor.role !== 'coordinator') return;
  const mine = actor.provinceCode ?? null;
  const theirs = await provinceOfOrganisation(db, organisationId);
  if (mine && theirs?.code === mine) return;
  const where = theirs ? `in province ${theirs.code} (${theirs.name})` : 'not in any province (central or abroad)';
  const yours = mine ? `province ${mine} (${await provinceName(db, mine)})` : 'no province';
  throw new AppError('forbidden', `Outside your province: organisation ${organisationId} is ${where}; you coordinate ${yours}`, [
    { field, message: `organisation ${where}; you coordinate ${yours}` },
  ]);
}

/** The active coordinators of each province (by code on the current map). */
export async function coordinatorsOf(db: Db, provinceCodes: Iterable<string>): Promise<Map<string, number[]>> {
  const codes = [...new Set(provinceCodes)];
  const out = new Map<string, number[]>();
  if (!codes.length) return out;
  const r = await rows<{ code: string; id: number }>(
    db,
    sql`select a.code, u.id from users u join admin_units a on a.id = u.province_unit_id
    where u.role = 'coordinator' and u.active and a.code = any(${textArray(codes)}) order by u.id`,
  );
  for (const x of r) out.set(x.code, [...(out.get(x.code) ?? []), Number(x.id)]);
  return out;
}

/** Where something an organisation submits (a report, a plan) goes first: the province's coordinator when the office
 *  has turned coordinators on and the organisation's province has an active one, else the office. */
export async function firstStage(db: Db, organisationId: number): Promise<'province' | 'office'> {
  if (!(await coordinatorsEnabled(db))) return 'office';
  const province = await provinceOfOrganisation(db, organisationId);
  if (!province) return 'office';
  return (await coordinatorsOf(db, [province.code])).get(province.code)?.length ? 'province' : 'office';
}

/** Whether the actor decides (approves or returns) a submitted item of an organisation now: the office always; the
 *  province's coordinator while it waits for the province. */
export async function decides(
  db: Db,
  actor: Actor,
  item: { status: string; awaiting: string | null; organisationId: number },
): Promise<boolean> {
  if (item.status !== 'submitted') return false;
  if (isOffice(actor)) return true;
  if (actor.role !== 'coordinator' || item.awaiting !== 'province') return false;
  return (await provinceOfOrganisation(db, item.organisationId))?.code === actor.provinceCode;
}

/** Refuses a decision (approve / return) on an organisation's `noun` (report, plan) by anyone but the office and the
 *  coordinators (a coordinator outside the organisation's province is refused, naming both provinces). */
export async function assertMayDecide(
  db: Db,
  actor: Actor,
  organisationId: number,
  noun: string,
  verb: 'approve' | 'return',
): Promise<void> {
  if (isOffice(actor)) return;
  if (actor.role !== 'coordinator')
    throw forbidden(`Only the programme office or the province's coordinator may ${verb} a ${noun} (your role: ${actor.role})`);
  await assertInProvince(db, actor, organisationId);
}

/** A coordinator decides a submitted item only while coordinators are on and it waits for the province; `what` names
 *  it ("Report 12", "Plan 3"), `noun` its kind. */
export async function assertProvinceStage(
  db: Db,
  actor: Actor,
  item: { awaiting: string | null },
  what: string,
  noun: string,
): Promise<void> {
  if (actor.role !== 'coordinator') return;
  if (!(await coordinatorsEnabled(db)))
    throw forbidden(`Provincial coordinators do not decide ${noun}s: the programme office has not turned them on`);
  if (item.awaiting !== 'province')
    throw new AppError('forbidden', `${what} has passed the province and waits for the programme office`, [
      { field: 'status', message: 'waits for the programme office' },
    ]);
}

async function coordinatorsEnabled(db: Db): Promise<boolean> {
  const [s] = await rows<{ on: boolean }>(db, sql`select coordinators_enabled as on from cycle_settings where id = 1`);
  return Boolean(s?.on);
}

/** Editors (their subtree) and the office write an organisation's report. */
export async function canWriteFor(db: Db, actor: Actor, organisationId: number): Promise<boolean> {
  if (isOffice(actor)) return true;
  return actor.role === 'editor' && actor.organisationId !== null && isWithin(db, actor.organisationId, organisationId);
}

export async function assertWriteFor(db: Db, actor: Actor, organisationId: number): Promise<void> {
  if (isOffice(actor)) return;
  if (actor.role !== 'editor')
    throw forbidden(`Your role (${actor.role}) does not write reports: the organisation's focal point (editor) does`);
  if (!(await canWriteFor(db, actor, organisationId))) {
    throw new AppError('forbidden', 'You may only write the reports of your own organisation and those below it', [
      { field: 'organisationId', message: 'outside your organisation' },
    ]);
  }
}

/** Whether the actor reads an organisation's reports. */
export async function canReadFor(db: Db, actor: Actor, organisationId: number): Promise<boolean> {
  if (isOffice(actor) || actor.role === 'analyst' || actor.role === 'reviewer') return true;
  if (actor.role === 'coordinator')
    return Boolean(actor.provinceCode) && (await provinceOfOrganisation(db, organisationId))?.code === actor.provinceCode;
  return actor.organisationId !== null && isWithin(db, actor.organisationId, organisationId);
}

/** The organisations whose reports the actor reads, as an SQL condition on `column` (an organisation id). */
export async function readableOrganisations(db: Db, actor: Actor, column: SQL): Promise<SQL> {
  if (isOffice(actor) || actor.role === 'analyst' || actor.role === 'reviewer') return sql`true`;
  if (actor.role === 'coordinator') {
    if (!actor.provinceCode) return sql`false`;
    return sql`${column} in (select o.id from organisations o join admin_units u on u.id = o.province_unit_id where u.code = ${actor.provinceCode})`;
  }
  if (actor.organisationId === null) return sql`false`;
  return sql`${column} = any(${intArray(await subtreeIds(db, actor.organisationId))})`;
}
