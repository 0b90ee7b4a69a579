// Loads the reference facts the product ships in data/reference/: both province maps, unit types with
// validity dates, the 63→34 crosswalk and the ISO 3166-1 countries. Idempotent: safe on every start.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { parseCsv } from '../../kernel/csv.js';
import type { Db } from '../../kernel/db.js';
import { adminUnitCrosswalk, adminUnits, adminUnitTypes, countries } from './directory.tables.js';

export const REFERENCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/reference');
export const MAP63_VALID_TO = '2025-06-30';
export const MAP34_VALID_FROM = '2025-07-01';

export function readReference(file: string): Record<string, string>[] {
  return parseCsv(fs.readFileSync(path.join(REFERENCE_DIR, file), 'utf8'));
}

/** "Đắk Lắk" → "Dak Lak": diacritics removed, case kept (the convention of provinces-63.csv's name_en). */
export function asciiName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** Type changes inside a map's life. Code 46 (Thừa Thiên Huế) became a municipality on 2025-01-01. */
const TYPE_CHANGES_63: Record<string, { type: string; validFrom: string | null; validTo: string | null }[]> = {
  '46': [
    { type: 'province', validFrom: null, validTo: '2024-12-31' },
    { type: 'municipality', validFrom: '2025-01-01', validTo: MAP63_VALID_TO },
  ],
};

export async function loadReferenceData(db: Db): Promise<{ units: number; countries: number }> {
  const existing = await db.select({ n: sql<number>`count(*)::int` }).from(adminUnits);
  let unitCount = existing[0]?.n ?? 0;
  if (unitCount === 0) {
    await db.transaction(async (tx) => {
      const p63 = readReference('provinces-63.csv');
      const p34 = readReference('provinces-34.csv');
      const ids63 = new Map<string, number>();
      for (const r of p63) {
        const [u] = await tx
          .insert(adminUnits)
          .values({
            mapVersion: '63',
            code: r.code,
            nameVi: r.name_vi,
            nameEn: r.name_en,
            region: r.region || null,
            validFrom: null,
            validTo: MAP63_VALID_TO,
          })
          .returning({ id: adminUnits.id });
        ids63.set(r.code, u.id);
        const changes = TYPE_CHANGES_63[r.code] ?? [{ type: r.type, validFrom: null, validTo: MAP63_VALID_TO }];
        for (const c of changes) await tx.insert(adminUnitTypes).values({ unitId: u.id, ...c });
      }
      for (const r of p34) {
        const [u] = await tx
          .insert(adminUnits)
          .values({
            mapVersion: '34',
            code: r.code,
            nameVi: r.name_vi,
            nameEn: asciiName(r.name_vi),
            region: null,
            validFrom: MAP34_VALID_FROM,
            validTo: null,
          })
          .returning({ id: adminUnits.id });
        await tx.insert(adminUnitTypes).values({ unitId: u.id, type: r.type, validFrom: MAP34_VALID_FROM, validTo: null });
        for (const old of r.merged_from_codes
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean)) {
          const oldId = ids63.get(old);
          if (!oldId) throw new Error(`provinces-34.csv: ${r.code} merges unknown 63-unit code ${old}`);
          await tx.insert(adminUnitCrosswalk).values({ oldUnitId: oldId, newUnitId: u.id });
        }
      }
    });
    unitCount = 63 + 34;
  }
  const cc = await db.select({ n: sql<number>`count(*)::int` }).from(countries);
  if ((cc[0]?.n ?? 0) === 0) {
    const rowsC = readReference('countries.csv');
    await db
      .insert(countries)
      .values(rowsC.map((r) => ({ alpha2: r.alpha2, alpha3: r.alpha3, numeric: r.numeric, nameEn: r.name_en, nameVi: r.name_vi })));
  }
  const cc2 = await db.select({ n: sql<number>`count(*)::int` }).from(countries);
  return { units: unitCount, countries: cc2[0]?.n ?? 0 };
}
