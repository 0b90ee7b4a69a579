// Administrative units on the 63- and 34-unit maps, their types over time and the crosswalk between them.
import { and, asc, eq } from 'drizzle-orm';
import { MAP34_FROM, type AdminUnit, type Country, type MapVersion } from '../../../shared/contracts/directory.js';
import { vnToday } from '../../../shared/format.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { adminUnitCrosswalk, adminUnits, adminUnitTypes, countries } from './directory.tables.js';

export async function listUnits(db: Db, map: MapVersion): Promise<AdminUnit[]> {
  const units = await db.select().from(adminUnits).where(eq(adminUnits.mapVersion, map)).orderBy(asc(adminUnits.code));
  const types = (await db.select().from(adminUnitTypes)).sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
  const all = await db.select().from(adminUnits);
  const byId = new Map(all.map((u) => [u.id, u]));
  const cw = await db.select().from(adminUnitCrosswalk);
  const today = vnToday();
  return units.map((u) => {
    const history = types
      .filter((t) => t.unitId === u.id)
      .map((t) => ({ type: t.type as 'province' | 'municipality', validFrom: t.validFrom, validTo: t.validTo }));
    const current =
      history.find((t) => (!t.validFrom || t.validFrom <= today) && (!t.validTo || t.validTo >= today)) ?? history[history.length - 1];
    const links =
      map === '63'
        ? cw.filter((c) => c.oldUnitId === u.id).map((c) => byId.get(c.newUnitId)!)
        : cw.filter((c) => c.newUnitId === u.id).map((c) => byId.get(c.oldUnitId)!);
    return {
      id: u.id,
      mapVersion: map,
      code: u.code,
      nameVi: u.nameVi,
      nameEn: u.nameEn,
      type: current.type,
      validFrom: u.validFrom,
      validTo: u.validTo,
      region: u.region,
      crosswalk: links.sort((a, b) => a.code.localeCompare(b.code)).map((l) => ({ code: l.code, nameVi: l.nameVi })),
      typeHistory: history,
    };
  });
}

/** The current-map (34-unit) unit for a province code; a code that exists only on the 63-unit map is refused
 *  with the name of the unit it merged into, so the user can correct it. */
export async function resolveProvince34(db: Db, code: string, field = 'provinceCode'): Promise<number> {
  const c = code.trim().padStart(2, '0');
  const [u] = await db
    .select()
    .from(adminUnits)
    .where(and(eq(adminUnits.mapVersion, '34'), eq(adminUnits.code, c)));
  if (u) return u.id;
  const [old] = await db
    .select()
    .from(adminUnits)
    .where(and(eq(adminUnits.mapVersion, '63'), eq(adminUnits.code, c)));
  if (old) {
    const [link] = await db
      .select({ code: adminUnits.code, nameVi: adminUnits.nameVi })
      .from(adminUnitCrosswalk)
      .innerJoin(adminUnits, eq(adminUnits.id, adminUnitCrosswalk.newUnitId))
      .where(eq(adminUnitCrosswalk.oldUnitId, old.id));
    throw new AppError(
      'validation_failed',
      `Province code ${c} (${old.nameVi}) is on the 63-unit map, valid until 2025-06-30; use the 34-unit code ${link.code} (${link.nameVi})`,
      [{ field, message: `code ${c} (${old.nameVi}) belongs to the 63-unit map; since 2025-07-01 it is ${link.code} (${link.nameVi})` }],
    );
  }
  throw new AppError('validation_failed', `Unknown province code ${c}`, [
    { field, message: `unknown province code ${c} on the 34-unit map` },
  ]);
}

/** The unit of a province code on the map valid at an organisation's dates: the 63-unit map when its validity ends
 *  before 2025-07-01 (`validTo`), else the 34-unit map (resolveProvince34, which refuses a former code by name). */
export async function resolveProvinceAt(db: Db, code: string, validTo: string | null, field = 'provinceCode'): Promise<number> {
  if (!validTo || validTo >= MAP34_FROM) return resolveProvince34(db, code, field);
  const c = code.trim().padStart(2, '0');
  const [u] = await db
    .select({ id: adminUnits.id })
    .from(adminUnits)
    .where(and(eq(adminUnits.mapVersion, '63'), eq(adminUnits.code, c)));
  if (u) return u.id;
  throw new AppError('validation_failed', `Unknown province code ${c} on the 63-unit map`, [
    { field, message: `unknown province code ${c} on the 63-unit map` },
  ]);
}

export async function listCountries(db: Db): Promise<Country[]> {
  const r = await db.select().from(countries).orderBy(asc(countries.nameEn));
  return r.map((c) => ({ alpha2: c.alpha2, alpha3: c.alpha3, nameEn: c.nameEn, nameVi: c.nameVi }));
}

export async function assertCountry(db: Db, code: string, field = 'countryCode'): Promise<string> {
  const c = code.trim().toUpperCase();
  const [row] = await db.select({ a: countries.alpha2 }).from(countries).where(eq(countries.alpha2, c));
  if (!row)
    throw new AppError('validation_failed', `Unknown country code ${c}`, [
      { field, message: `unknown ISO 3166-1 alpha-2 country code ${c}` },
    ]);
  return c;
}
