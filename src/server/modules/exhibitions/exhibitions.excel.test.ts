// Excel import of past exhibitions: a sound file creates every row; a file with bad rows (unknown province, a province
// of the wrong map for the dates, a missing pre-2025 unit, end before start, an unpublished item, an unknown
// organiser) reports each bad row by number and column and writes nothing; editors import only for their subtree.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { createProduct, publishProduct } from '../library/library.service.js';
import { EXHIBITION_COLUMNS, exhibitionTemplate, importExhibitions } from './exhibitions.excel.js';

let db: Db;
let published: number, draft: number;
let editor: Actor;
const count = async () => Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from exhibitions`))[0]!.n);

async function sheet(data: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('exhibitions');
  ws.addRow([...EXHIBITION_COLUMNS]);
  for (const d of data) ws.addRow(EXHIBITION_COLUMNS.map((c) => d[c] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const row = (patch: Record<string, string> = {}) => ({
  title_vi: 'Triển lãm ảnh đã qua', kind: 'photographs', format: 'physical', organiser_codes: 'SVH-IMP-08', start_date: '2024-04-01', end_date: '2024-04-10',
  caption_languages: 'vie', visitors: '900', venue_name: 'Bảo tàng', province_code: '02', ...patch,
});

beforeAll(async () => {
  db = (await testDatabase()).db;
  const org = await makeOrg(db, { code: 'SVH-IMP-08', nameVi: 'Sở Văn hóa (thử nhập)', kind: 'provincial_department', provinceCode: '08' });
  await makeOrg(db, { code: 'SVH-IMP-48', nameVi: 'Sở Văn hóa khác (thử nhập)', kind: 'provincial_department', provinceCode: '48' });
  const u = await makeUser(db, 'editor', org.id);
  editor = { userId: u.id, name: u.username, role: 'editor', organisationId: org.id, via: 'import' };
  const p = await createProduct(db, seedActor, { kind: 'photo', organisationId: org.id, channel: 'print', date: '2024-01-01', languages: ['vie'], texts: [{ language: 'vie', title: 'Ảnh' }] });
  published = (await publishProduct(db, seedActor, p.id)).id;
  draft = (await createProduct(db, seedActor, { kind: 'photo', organisationId: org.id, channel: 'print', date: '2024-01-01', languages: ['vie'], texts: [{ language: 'vie', title: 'Nháp' }] })).id;
});

describe('exhibition import', () => {
  it('imports every row of a sound file, before and after the 2025 merger and abroad', async () => {
    const r = await importExhibitions(db, editor, await sheet([
      row({ item_ids: String(published) }),
      row({ start_date: '2025-10-01', end_date: '2025-10-05', province_code: '08', former_province_code: '08', title_en: 'Past photo exhibition', caption_languages: 'vie;eng' }),
      row({ province_code: '', venue_name: 'Maison du Vietnam', country_code: 'FR', city: 'Paris' }),
    ]));
    expect(r).toEqual({ created: 3, updated: 0, rows: 3 });
    const placed = await rows<{ former: string; map: string }>(db, sql`select f.code as former, u.map_version as map from exhibitions e join admin_units f on f.id = e.former_unit_id join admin_units u on u.id = e.unit_id order by e.id`);
    expect(placed).toEqual([{ former: '02', map: '63' }, { former: '08', map: '34' }]);
  });

  it('reports every bad row by number and column and writes nothing', async () => {
    const before = await count();
    const err = await importExhibitions(db, editor, await sheet([
      row(), // row 2 is fine
      row({ province_code: '99' }), // 3: unknown province
      row({ start_date: '2025-09-01', end_date: '2025-09-03', province_code: '02' }), // 4: Hà Giang is on the old map
      row({ start_date: '2025-09-01', end_date: '2025-09-03', province_code: '08' }), // 5: merged province, no pre-2025 unit
      row({ end_date: '2024-03-01' }), // 6: end before start
      row({ item_ids: String(draft) }), // 7: unpublished item
      row({ organiser_codes: 'NO-SUCH-ORG' }), // 8
    ])).catch((e) => e);
    expect(err.code).toBe('import_invalid');
    expect(err.details.map((d: { row: number; field: string }) => `${d.row}:${d.field}`)).toEqual([
      '3:province_code', '4:province_code', '5:former_province_code', '6:end_date', '7:item_ids', '8:organiser_codes',
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses rows led by an organisation outside the editor\'s subtree', async () => {
    const err = await importExhibitions(db, editor, await sheet([row({ organiser_codes: 'SVH-IMP-48' })])).catch((e) => e);
    expect(err.code).toBe('import_invalid');
    expect(err.details[0]).toMatchObject({ row: 2, field: 'organiser_codes' });
  });

  it('offers a template with a help sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exhibitionTemplate()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['exhibitions', 'help']);
    expect((wb.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual([...EXHIBITION_COLUMNS]);
  });
});
