// Reference data of the library: the ISO 639-3 languages the programme uses, grouped national / ethnic-minority /
// foreign (data/reference/languages.csv, sources in SOURCES.md). Idempotent: upserts on every start.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db.js';
import { parseCsv } from '../../kernel/csv.js';
import { REFERENCE_DIR } from '../directory/directory.reference.js';
import { languages } from './library.tables.js';

export function readLanguages(): { code: string; nameVi: string; nameEn: string; group: string }[] {
  return parseCsv(fs.readFileSync(path.join(REFERENCE_DIR, 'languages.csv'), 'utf8')).map((r) => ({
    code: r.iso639_3!,
    nameVi: r.name_vi!,
    nameEn: r.name_en!,
    group: r.group!,
  }));
}

export async function loadLanguages(db: Db): Promise<number> {
  const rows = readLanguages();
  await db
    .insert(languages)
    .values(rows)
    .onConflictDoUpdate({
      target: languages.code,
      set: { nameVi: sql`excluded.name_vi`, nameEn: sql`excluded.name_en`, group: sql`excluded.group` },
    });
  return rows.length;
}
