// Excel import of past exhibitions: a sound file creates every row; a file with bad rows (unknown province, a province
// of the wrong map for the dates, a missing pre-2025 unit, end before start, an unpublished item, an unknown
// organiser) reports each bad row by number and column and writes nothing; editors import only for their subtree.
// The items sheet carries the items with a caption per language; an export edited and imported back updates the
// exhibitions it lists (keeping what the sheet does not carry); a bad items row is named by sheet, row and column.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { createProduct, publishProduct } from '../library/library.write.js';
import { createExhibition, getExhibition } from './exhibitions.service.js';
import { EXHIBITION_COLUMNS, exhibitionTemplate, exportExhibitions, importExhibitions, ITEM_COLUMNS } from './exhibitions.excel.js';

let db: Db;
let published: number, published2: number, draft: number;
let orgId: number;
let editor: Actor;
const count = async () => Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from exhibitions`))[0]!.n);

async function sheet(data: Record<string, string>[], items?: { columns?: string[]; rows: Record<string, string>[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('exhibitions');
  // item_ids: the older files' column (items without captions), still read
  const columns = [...EXHIBITION_COLUMNS, ...(data.some((d) => d.item_ids) ? ['item_ids'] : [])];
  ws.addRow(columns);
  for (const d of data) ws.addRow(columns.map((c) => d[c] ?? ''));
  if (items) {
    const columns = items.columns ?? [...ITEM_COLUMNS, 'caption_vie', 'caption_eng'];
    const is = wb.addWorksheet('items');
    is.addRow(columns);
    for (const d of items.rows) is.addRow(columns.map((c) => d[c] ?? ''));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const issuesOf = async (p: Promise<unknown>) => {
  const err = (await p.catch((e: { code: string; details: unknown }) => e)) as { code: string; details: unknown };
  expect(err.code).toBe('import_invalid');
  return (err.details as { sheet?: string; row: number; field: string }[]).map((d) => `${d.sheet}:${d.row}:${d.field}`);
};

const row = (patch: Record<string, string> = {}) => ({
  title_vi: 'Triển lãm ảnh đã qua',
  kind: 'photographs',
  format: 'physical',
  organiser_codes: 'SVH-IMP-08',
  start_date: '2024-04-01',
  end_date: '2024-04-10',
  caption_languages: 'vie',
  visitors: '900',
  venue_name: 'Bảo tàng',
  province_code: '02',
  ...patch,
});

beforeAll(async () => {
  db = (await testDatabase()).db;
  const org = await makeOrg(db, { code: 'SVH-IMP-08', nameVi: 'Sở Văn hóa (thử nhập)', kind: 'provincial_department', provinceCode: '08' });
  orgId = org.id;
  await makeOrg(db, { code: 'SVH-IMP-48', nameVi: 'Sở Văn hóa khác (thử nhập)', kind: 'provincial_department', provinceCode: '48' });
  const u = await makeUser(db, 'editor', org.id);
  editor = { userId: u.id, name: u.username, role: 'editor', organisationId: org.id, via: 'import' };
  const p = await createProduct(db, seedActor, {
    kind: 'photo',
    organisationId: org.id,
    channel: 'print',
    date: '2024-01-01',
    languages: ['vie'],
    texts: [{ language: 'vie', title: 'Ảnh' }],
  });
  published = (await publishProduct(db, seedActor, p.id)).id;
  const p2 = await createProduct(db, seedActor, {
    kind: 'photo',
    organisationId: org.id,
    channel: 'print',
    date: '2024-01-01',
    languages: ['vie'],
    texts: [{ language: 'vie', title: 'Ảnh 2' }],
  });
  published2 = (await publishProduct(db, seedActor, p2.id)).id;
  draft = (
    await createProduct(db, seedActor, {
      kind: 'photo',
      organisationId: org.id,
      channel: 'print',
      date: '2024-01-01',
      languages: ['vie'],
      texts: [{ language: 'vie', title: 'Nháp' }],
    })
  ).id;
});

describe('exhibition import', () => {
  it('imports every row of a sound file, before and after the 2025 merger and abroad', async () => {
    const r = await importExhibitions(
      db,
      editor,
      await sheet([
        row({ item_ids: String(published) }),
        row({
          start_date: '2025-10-01',
          end_date: '2025-10-05',
          province_code: '08',
          former_province_code: '08',
          title_en: 'Past photo exhibition',
          caption_languages: 'vie;eng',
        }),
        row({ province_code: '', venue_name: 'Maison du Vietnam', country_code: 'FR', city: 'Paris' }),
      ]),
    );
    expect(r).toEqual({ created: 3, updated: 0, rows: 3 });
    const placed = await rows<{ former: string; map: string }>(
      db,
      sql`select f.code as former, u.map_version as map from exhibitions e join admin_units f on f.id = e.former_unit_id join admin_units u on u.id = e.unit_id order by e.id`,
    );
    expect(placed).toEqual([
      { former: '02', map: '63' },
      { former: '08', map: '34' },
    ]);
  });

  it('reports every bad row by number and column and writes nothing', async () => {
    const before = await count();
    const err = await importExhibitions(
      db,
      editor,
      await sheet([
        row(), // row 2 is fine
        row({ province_code: '99' }), // 3: unknown province
        row({ start_date: '2025-09-01', end_date: '2025-09-03', province_code: '02' }), // 4: Hà Giang is on the old map
        row({ start_date: '2025-09-01', end_date: '2025-09-03', province_code: '08' }), // 5: merged province, no pre-2025 unit
        row({ end_date: '2024-03-01' }), // 6: end before start
        row({ item_ids: String(draft) }), // 7: unpublished item
        row({ organiser_codes: 'NO-SUCH-ORG' }), // 8
      ]),
    ).catch((e) => e);
    expect(err.code).toBe('import_invalid');
    expect(err.details.map((d: { row: number; field: string }) => `${d.row}:${d.field}`)).toEqual([
      '3:province_code',
      '4:province_code',
      '5:former_province_code',
      '6:end_date',
      '7:item_ids',
      '8:organiser_codes',
    ]);
    expect(err.details.every((d: { sheet: string }) => d.sheet === 'exhibitions')).toBe(true);
    expect(await count()).toBe(before);
  });

  it('imports the items of the items sheet with a caption per language, in order', async () => {
    const r = await importExhibitions(
      db,
      editor,
      await sheet(
        [row({ key: 'a', title_vi: 'Triển lãm có tư liệu' }), row({ key: 'b', title_vi: 'Triển lãm thứ hai', province_code: '01' })],
        {
          columns: [...ITEM_COLUMNS, 'caption_vie', 'caption_eng', 'caption_fra'],
          rows: [
            {
              exhibition_key: 'A',
              product_id: String(published2),
              caption_vie: 'Ảnh thứ nhất',
              caption_eng: 'First photo',
              caption_fra: 'Première photo',
            },
            { exhibition_key: 'a', product_id: String(published), caption_vie: 'Ảnh thứ hai' },
            { exhibition_key: 'b', product_id: String(published) },
          ],
        },
      ),
    );
    expect(r).toEqual({ created: 2, updated: 0, rows: 2 });
    const [a] = await rows<{ id: number }>(db, sql`select exhibition_id as id from exhibition_texts where title = 'Triển lãm có tư liệu'`);
    const e = await getExhibition(db, Number(a!.id));
    expect(e.items.map((it) => [it.productId, it.captions])).toEqual([
      [
        published2,
        [
          { language: 'vie', text: 'Ảnh thứ nhất' },
          { language: 'eng', text: 'First photo' },
          { language: 'fra', text: 'Première photo' },
        ],
      ],
      [published, [{ language: 'vie', text: 'Ảnh thứ hai' }]],
    ]);
    expect(e.hasForeignVersion).toBe(true);
  });

  it('names every bad items row by sheet, row and column, and writes nothing', async () => {
    const before = await count();
    expect(
      await issuesOf(
        importExhibitions(
          db,
          editor,
          await sheet([row({ key: 'a' }), row({ key: 'b' })], {
            rows: [
              { exhibition_key: 'a', product_id: String(published), caption_vie: 'Tốt' },
              { exhibition_key: 'a', product_id: String(draft), caption_vie: 'Chưa công bố' }, // 3: unpublished
              { exhibition_key: 'zzz', product_id: String(published) }, // 4: no such key
              { exhibition_key: 'b', product_id: 'abc' }, // 5: not an id
              { exhibition_key: 'b', product_id: '99999999' }, // 6: no such product
            ],
          }),
        ),
      ),
    ).toEqual(['items:3:product_id', 'items:4:exhibition_key', 'items:5:product_id']);
    // Row b's own products are checked once its rows are readable
    expect(
      await issuesOf(
        importExhibitions(db, editor, await sheet([row({ key: 'b' })], { rows: [{ exhibition_key: 'b', product_id: '99999999' }] })),
      ),
    ).toEqual(['items:2:product_id']);
    expect(
      await issuesOf(
        importExhibitions(db, editor, await sheet([row({ key: 'a' })], { columns: [...ITEM_COLUMNS, 'caption_zzz', 'note'], rows: [] })),
      ),
    ).toEqual(['items:1:caption_zzz', 'items:1:note']);
    expect(
      await issuesOf(importExhibitions(db, editor, await sheet([row({ key: 'a' }), row({ key: 'A' }), row({ id: '99999999' })]))),
    ).toEqual(['exhibitions:3:key', 'exhibitions:4:id']);
    expect(await count()).toBe(before);
  });

  it('updates the exhibitions of an edited export, keeping what the sheet does not carry', async () => {
    const e = await createExhibition(db, editor, {
      texts: [
        { language: 'vie', title: 'Triển lãm để xuất', narrative: 'Lời dẫn giữ nguyên.' },
        { language: 'fra', title: 'Exposition' },
      ],
      kind: 'photographs',
      format: 'both',
      organiserIds: [orgId],
      startDate: '2024-05-01',
      endDate: '2024-05-09',
      captionLanguages: ['vie'],
      visitors: 10,
      views: 20,
      venue: { location: 'vietnam', name: 'Nhà văn hoá', provinceCode: '02', lat: 22.8, lon: 104.98 },
      items: [
        {
          productId: published,
          captions: [
            { language: 'vie', text: 'Chú thích cũ' },
            { language: 'eng', text: 'Old caption' },
          ],
        },
      ],
    });
    const before = await count();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportExhibitions(db)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['exhibitions', 'items']);
    const ex = wb.getWorksheet('exhibitions')!,
      items = wb.getWorksheet('items')!;
    const header = (ex.getRow(1).values as string[]).slice(1);
    expect(header).toEqual([...EXHIBITION_COLUMNS]);
    const col = (name: string) => header.indexOf(name) + 1;
    let mine = 0;
    ex.eachRow((r, n) => {
      if (n > 1 && String(r.getCell(col('id')).value) === String(e.id)) mine = n;
    });
    expect(ex.getRow(mine).getCell(col('lat')).value).toBe(22.8);
    ex.getRow(mine).getCell(col('title_vi')).value = 'Triển lãm đã sửa';
    ex.getRow(mine).getCell(col('visitors')).value = 1234;
    const ih = (items.getRow(1).values as string[]).slice(1);
    expect(ih.slice(0, 4)).toEqual(['exhibition_key', 'product_id', 'caption_vie', 'caption_eng']);
    let itemRow = 0;
    items.eachRow((r, n) => {
      if (n > 1 && String(r.getCell(1).value) === String(e.id)) itemRow = n;
    });
    items.getRow(itemRow).getCell(ih.indexOf('caption_eng') + 1).value = 'New caption';
    items.addRow([String(e.id), published2, 'Tư liệu thêm']);
    const r = await importExhibitions(db, editor, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.created).toBe(0);
    expect(r.updated).toBe(r.rows);
    expect(await count()).toBe(before);
    const after = await getExhibition(db, e.id);
    expect(after.texts).toEqual([
      { language: 'vie', title: 'Triển lãm đã sửa', description: null, narrative: 'Lời dẫn giữ nguyên.' },
      { language: 'fra', title: 'Exposition', description: null, narrative: null },
    ]);
    expect(after.visitors).toBe(1234);
    expect(after.venue).toMatchObject({ lat: 22.8, lon: 104.98, formerProvinceCode: '02' });
    expect(after.items.map((it) => [it.productId, it.captions])).toEqual([
      [
        published,
        [
          { language: 'vie', text: 'Chú thích cũ' },
          { language: 'eng', text: 'New caption' },
        ],
      ],
      [published2, [{ language: 'vie', text: 'Tư liệu thêm' }]],
    ]);
    const audit = await rows<{ action: string; via: string }>(
      db,
      sql`select action, via from audit_log where entity = 'exhibition' and entity_id = ${String(e.id)} order by id`,
    );
    expect(audit.map((a) => `${a.action}/${a.via}`)).toEqual(['create/import', 'update/import']);
    // Without an items sheet an update keeps the items.
    wb.removeWorksheet(items.id);
    ex.getRow(mine).getCell(col('views')).value = 99;
    await importExhibitions(db, editor, Buffer.from(await wb.xlsx.writeBuffer()));
    const kept = await getExhibition(db, e.id);
    expect(kept.views).toBe(99);
    expect(kept.items).toHaveLength(2);
  });

  it("refuses rows led by an organisation outside the editor's subtree", async () => {
    const err = await importExhibitions(db, editor, await sheet([row({ organiser_codes: 'SVH-IMP-48' })])).catch((e) => e);
    expect(err.code).toBe('import_invalid');
    expect(err.details[0]).toMatchObject({ row: 2, field: 'organiser_codes' });
  });

  it('offers a template with a help sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exhibitionTemplate()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['exhibitions', 'items', 'help']);
    expect((wb.worksheets[1]!.getRow(1).values as string[]).slice(1)).toEqual([...ITEM_COLUMNS, 'caption_vie', 'caption_eng']);
    expect((wb.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual([...EXHIBITION_COLUMNS]);
  });
});
