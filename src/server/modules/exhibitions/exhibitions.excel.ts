// Excel import and export of exhibitions, in two sheets:
//  - "exhibitions": one row per exhibition. `id` empty creates it; `id` of an existing exhibition (as exported)
//    updates it, so export → edit → import is a round trip. `key` names the row for the items sheet (default: its id).
//  - "items": the items shown, in order: `exhibition_key` (the row's key or id), `product_id` (a published library
//    product) and one `caption_<language>` column per caption language (ISO 639-3: caption_vie, caption_eng …).
//    When the workbook has an items sheet, it lists the items of every exhibition in the file (an exhibition with no
//    items rows ends up with none); without it, an updated exhibition keeps its items.
// An update changes only what the sheet carries: descriptions, online narratives, texts in other languages, photos
// and the portal publication are kept. Every row is checked by the service's own rules (venue on the map valid on
// the dates, pre-2025 unit, abroad, end before start, published items, organisers the importer may write for);
// every problem is reported with its sheet, row and column, and nothing is written unless every row is sound (one
// transaction). The template has a help sheet in Vietnamese and English.
import { desc, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FieldIssue } from '../../../shared/contracts/directory.js';
import { EXHIBITION_FORMATS, EXHIBITION_KINDS, ExhibitionInput, type Exhibition } from '../../../shared/contracts/exhibitions.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { rows as sqlRows, type Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDatesWritable } from '../../kernel/dateLock.js';
import { countRead, noProgress } from '../../kernel/progress.js';
import { openWorkbook, readTable, type SheetRow } from '../../kernel/xlsx.js';
import { organisations } from '../directory/directory.tables.js';
import { IMPORT_LIMITS, MAX_IMPORT_ROWS, readRows } from '../directory/organisations.excel.js';
import { assertCanWriteUnder, findOrganisationByCode } from '../directory/organisations.service.js';
import { productSummaries } from '../library/library.service.js';
import {
  AUDIT_ENTITY,
  exhibitionColumns,
  exhibitionDays,
  loadExhibitions,
  loadReference,
  validateExhibition,
  writeExhibitionChildren,
} from './exhibitions.service.js';
import { exhibitions } from './exhibitions.tables.js';

export const EXHIBITIONS_SHEET = 'exhibitions';
export const ITEMS_SHEET = 'items';
export const EXHIBITION_COLUMNS = [
  'id',
  'key',
  'title_vi',
  'title_en',
  'kind',
  'format',
  'organiser_codes',
  'start_date',
  'end_date',
  'audiences',
  'caption_languages',
  'visitors',
  'views',
  'venue_name',
  'province_code',
  'former_province_code',
  'country_code',
  'city',
  'lat',
  'lon',
] as const;
/** Still read from older files: item ids without captions (not together with an items sheet). */
const LEGACY_COLUMNS = ['item_ids'];
const REQUIRED = ['title_vi', 'kind', 'format', 'organiser_codes', 'start_date', 'end_date'];
/** The items sheet's fixed columns; `caption_<ISO 639-3>` columns follow. */
export const ITEM_COLUMNS = ['exhibition_key', 'product_id'] as const;
const CAPTION = /^caption_([a-z]{3})$/;

/** Column of each field of the input, so a problem names the column the user sees. */
const COLUMN_OF: [RegExp, string][] = [
  [/^organiserIds/, 'organiser_codes'],
  [/^startDate/, 'start_date'],
  [/^endDate/, 'end_date'],
  [/^audiences/, 'audiences'],
  [/^captionLanguages/, 'caption_languages'],
  [/^visitors/, 'visitors'],
  [/^views/, 'views'],
  [/^venue\.name/, 'venue_name'],
  [/^venue\.(provinceCode|map)/, 'province_code'],
  [/^venue\.formerProvinceCode/, 'former_province_code'],
  [/^venue\.countryCode/, 'country_code'],
  [/^venue\.city/, 'city'],
  [/^venue\.lat/, 'lat'],
  [/^venue\.lon/, 'lon'],
  [/^venue/, 'province_code'],
  [/^items/, 'item_ids'],
  [/^kind/, 'kind'],
  [/^format/, 'format'],
];
const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[;,]/)
    .map((x) => x.trim())
    .filter(Boolean);
const int = (s: string | undefined) => (s ? (/^\d+$/.test(s) ? Number(s) : NaN) : null);
const num = (s: string | undefined) => (s ? (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN) : null);

export type ExhibitionImportResult = { created: number; updated: number; rows: number };
type Input = ReturnType<typeof ExhibitionInput.parse>;
type ItemRow = { row: number; key: string; productId: number; captions: { language: string; text: string; column: string }[] };

/** The items sheet: its header (fixed columns and caption columns of known languages) and its rows. */
function readItems(table: { header: string[]; rows: SheetRow[] }, languages: Map<string, string>, issues: FieldIssue[]): ItemRow[] {
  const header = table.header.map((v) => v.toLowerCase());
  const bad = (row: number, field: string, message: string) => issues.push({ sheet: ITEMS_SHEET, row, field, message });
  for (const h of header) {
    if (!h || (ITEM_COLUMNS as readonly string[]).includes(h)) continue;
    const m = CAPTION.exec(h);
    if (!m) bad(1, h, `unknown column "${h}"; expected: ${ITEM_COLUMNS.join(', ')} and caption_<language> (caption_vie, caption_eng …)`);
    else if (!languages.has(m[1]!)) bad(1, h, `unknown language code ${m[1]} (ISO 639-3, from the language list)`);
  }
  for (const r of ITEM_COLUMNS) if (!header.includes(r)) bad(1, r, `missing column "${r}"`);
  if (issues.some((i) => i.sheet === ITEMS_SHEET)) return [];
  const out: ItemRow[] = [];
  for (const { row: i, cells } of table.rows) {
    const v: Record<string, string> = {};
    header.forEach((h, idx) => {
      if (h) v[h] = cells[idx] ?? '';
    });
    if (Object.values(v).every((x) => x === '')) continue;
    if (!v.exhibition_key) bad(i, 'exhibition_key', 'required: the key (or id) of a row of the exhibitions sheet');
    if (!/^\d{1,9}$/.test(v.product_id ?? ''))
      bad(
        i,
        'product_id',
        v.product_id ? `${v.product_id} is not a library product id` : 'required: the id of a published library product',
      );
    const captions = header.filter((h) => CAPTION.test(h) && v[h]).map((h) => ({ language: CAPTION.exec(h)![1]!, text: v[h]!, column: h }));
    out.push({ row: i, key: (v.exhibition_key ?? '').toLowerCase(), productId: Number(v.product_id), captions });
  }
  return out;
}

/** The sheet named `name` (case and spaces aside), else (for the exhibitions) the first one. */
function sheetNamed(names: string[], name: string, fallbackFirst: boolean): number | undefined {
  const i = names.findIndex((w) => w.trim().toLowerCase() === name);
  return i >= 0 ? i : fallbackFirst && names.length ? 0 : undefined;
}

/** The texts of an update: the sheet's titles over the exhibition's texts (descriptions, narratives and texts in
 *  other languages kept); an empty title_en keeps the English text as it is. */
function mergedTexts(existing: Exhibition | null, titleVi: string, titleEn: string) {
  const texts = (existing?.texts ?? []).map((t) => ({
    language: t.language,
    title: t.title,
    description: t.description,
    narrative: t.narrative,
  }));
  const set = (language: string, title: string, first: boolean) => {
    const t = texts.find((x) => x.language === language);
    if (t) t.title = title;
    else if (first) texts.unshift({ language, title, description: null, narrative: null });
    else texts.push({ language, title, description: null, narrative: null });
  };
  set('vie', titleVi, true);
  if (titleEn) set('eng', titleEn, false);
  return texts;
}

/** Imports a filled-in template or an edited export; throws import_invalid listing every problem by sheet, row and
 *  column, writing nothing. */
export async function importExhibitions(db: Db, actor: Actor, buf: Buffer, progress = noProgress): Promise<ExhibitionImportResult> {
  if (actor.role !== 'admin' && actor.role !== 'editor' && actor.role !== 'system')
    throw new AppError('forbidden', `Your role (${actor.role}) is read-only`);
  // Both sheets are read (streamed, limits checked while reading) before the transaction begins.
  const wb = await openWorkbook(buf, IMPORT_LIMITS);
  const main = sheetNamed(wb.sheets, EXHIBITIONS_SHEET, true);
  if (main === undefined) throw new AppError('import_invalid', 'The workbook has no sheet', [{ field: 'file', message: 'no worksheet' }]);
  const named = sheetNamed(wb.sheets, ITEMS_SHEET, false);
  const count = { read: 0 };
  const itemsTable =
    named !== undefined && named !== main ? await readTable(countRead(wb.rows(named), progress, count), MAX_IMPORT_ROWS * 10) : null;
  let sheet: ReturnType<typeof readRows>;
  try {
    sheet = readRows(
      await readTable(countRead(wb.rows(main), progress, count), MAX_IMPORT_ROWS),
      [...EXHIBITION_COLUMNS, ...LEGACY_COLUMNS],
      REQUIRED,
    );
  } catch (e) {
    if (e instanceof AppError && Array.isArray(e.details))
      throw new AppError(
        e.code,
        e.message,
        (e.details as FieldIssue[]).map((d) => ({ sheet: EXHIBITIONS_SHEET, ...d })),
      );
    throw e;
  }
  return db.transaction(async (tx) => {
    const ref = await loadReference(tx);
    const issues: FieldIssue[] = [];
    const bad = (row: number, field: string, message: string) => issues.push({ sheet: EXHIBITIONS_SHEET, row, field, message });
    const itemRows = itemsTable ? readItems(itemsTable, ref.languages, issues) : null;

    // Existing exhibitions named by id (locked: nothing changes them under the import).
    const ids = [
      ...new Set(
        sheet
          .map((r) => r.values.id ?? '')
          .filter((x) => /^\d{1,9}$/.test(x))
          .map(Number),
      ),
    ];
    if (ids.length) await sqlRows(tx, sql`select id from exhibitions where id in ${ids} order by id for update`);
    const existing = new Map<number, Exhibition>();
    for (let i = 0; i < ids.length; i += 500) for (const e of await loadExhibitions(tx, ids.slice(i, i + 500))) existing.set(e.id, e);

    // Keys: each row's key (or id) is unique; every items row points at one.
    const keyOf = new Map<(typeof sheet)[number], string>();
    const rowOfKey = new Map<string, number>();
    const idRows = new Map<number, number>();
    for (const r of sheet) {
      const id = r.values.id ?? '';
      if (id) {
        if (!/^\d{1,9}$/.test(id)) bad(r.row, 'id', `${id} is not an exhibition id (leave it empty to create a new exhibition)`);
        else if (!existing.has(Number(id))) bad(r.row, 'id', `no exhibition ${id} (leave the id empty to create a new exhibition)`);
        else if (idRows.has(Number(id))) bad(r.row, 'id', `exhibition ${id} is also on row ${idRows.get(Number(id))}`);
        else idRows.set(Number(id), r.row);
      }
      const key = (r.values.key || id).toLowerCase();
      if (!key) continue;
      if (rowOfKey.has(key)) bad(r.row, r.values.key ? 'key' : 'id', `the key ${key} is also on row ${rowOfKey.get(key)}`);
      else {
        rowOfKey.set(key, r.row);
        keyOf.set(r, key);
      }
    }
    const itemsByKey = new Map<string, ItemRow[]>();
    for (const it of itemRows ?? []) {
      if (!it.key) continue;
      if (!rowOfKey.has(it.key)) {
        issues.push({
          sheet: ITEMS_SHEET,
          row: it.row,
          field: 'exhibition_key',
          message: `no row of the exhibitions sheet has the key or id ${it.key}`,
        });
        continue;
      }
      itemsByKey.set(it.key, [...(itemsByKey.get(it.key) ?? []), it]);
    }

    const orgIds = new Map<string, number | null>();
    for (const code of new Set(sheet.flatMap((r) => list(r.values.organiser_codes))))
      orgIds.set(code.toLowerCase(), (await findOrganisationByCode(tx, code))?.id ?? null);
    const products = await productSummaries(
      tx,
      [
        ...sheet.flatMap((r) => list(r.values.item_ids).map(Number)),
        ...(itemRows ?? []).map((it) => it.productId),
        ...[...existing.values()].flatMap((e) => e.items.map((it) => it.productId)),
      ].filter(Number.isInteger),
    );

    type Good = { row: number; input: Input; v: Awaited<ReturnType<typeof validateExhibition>>; before: Exhibition | null };
    const good: Good[] = [];
    let checked = 0;
    for (const r of sheet) {
      await progress.step('match', checked++, sheet.length); // organisers, library items, places: the event loop gets its turns
      const { row, values: v } = r;
      const rowIssues: FieldIssue[] = [];
      const before = v.id && /^\d{1,9}$/.test(v.id) ? (existing.get(Number(v.id)) ?? null) : null;
      if (v.id && !before) continue; // the id's own problem is reported
      const organisers = list(v.organiser_codes).map((c) => {
        const id = orgIds.get(c.toLowerCase());
        if (!id) rowIssues.push({ sheet: EXHIBITIONS_SHEET, row, field: 'organiser_codes', message: `no organisation with code ${c}` });
        return id ?? 0;
      });
      // Items: the items sheet's rows for this key, else the legacy item_ids, else (an update) the items it has.
      const sheetItems = itemRows ? (itemsByKey.get(keyOf.get(r) ?? '') ?? []) : null;
      if (sheetItems && list(v.item_ids).length)
        rowIssues.push({
          sheet: EXHIBITIONS_SHEET,
          row,
          field: 'item_ids',
          message: `give the items in the "${ITEMS_SHEET}" sheet, not in item_ids`,
        });
      const legacy = list(v.item_ids).map((x) => {
        if (!/^\d{1,9}$/.test(x))
          rowIssues.push({ sheet: EXHIBITIONS_SHEET, row, field: 'item_ids', message: `${x} is not a library product id` });
        return { productId: Number(x), captions: [] as { language: string; text: string }[] };
      });
      const items = sheetItems
        ? sheetItems.map((it) => ({ productId: it.productId, captions: it.captions.map(({ language, text }) => ({ language, text })) }))
        : legacy.length || !before
          ? legacy
          : before.items.map((it) => ({ productId: it.productId, captions: it.captions }));
      if (sheetItems?.some((it) => !Number.isInteger(it.productId))) {
        issues.push(...rowIssues);
        continue;
      } // the items rows' own problems are reported
      const lat = num(v.lat),
        lon = num(v.lon);
      if (Number.isNaN(lat))
        rowIssues.push({ sheet: EXHIBITIONS_SHEET, row, field: 'lat', message: `${v.lat} is not a latitude (decimal degrees)` });
      if (Number.isNaN(lon))
        rowIssues.push({ sheet: EXHIBITIONS_SHEET, row, field: 'lon', message: `${v.lon} is not a longitude (decimal degrees)` });
      const abroad = Boolean(v.country_code);
      const texts = mergedTexts(before, v.title_vi ?? '', v.title_en ?? '');
      const raw = {
        texts,
        kind: v.kind,
        format: v.format,
        organiserIds: organisers,
        startDate: v.start_date,
        endDate: v.end_date,
        audiences: list(v.audiences).map(Number),
        captionLanguages: list(v.caption_languages).map((x) => x.toLowerCase()),
        visitors: int(v.visitors),
        views: int(v.views),
        venue:
          v.format === 'online' && !v.venue_name && !v.province_code && !abroad
            ? null
            : abroad
              ? { location: 'abroad', name: v.venue_name, countryCode: v.country_code, city: v.city, lat, lon }
              : {
                  location: 'vietnam',
                  name: v.venue_name,
                  provinceCode: v.province_code,
                  formerProvinceCode: v.former_province_code || null,
                  lat,
                  lon,
                },
        items,
      };
      if (rowIssues.length) {
        issues.push(...rowIssues);
        continue;
      }
      // Where a problem of the input lies: the exhibitions sheet's column, or the items sheet's row and column.
      const place = (field: string): Omit<FieldIssue, 'message'> => {
        const t = /^texts\.(\d+)/.exec(field);
        if (t) return { sheet: EXHIBITIONS_SHEET, row, field: texts[+t[1]!]?.language === 'eng' ? 'title_en' : 'title_vi' };
        const m = /^items\.(\d+)(?:\.captions\.(\d+))?/.exec(field);
        if (m && sheetItems) {
          const it = sheetItems[+m[1]!];
          if (it)
            return {
              sheet: ITEMS_SHEET,
              row: it.row,
              field: m[2] !== undefined ? (it.captions[+m[2]]?.column ?? 'product_id') : 'product_id',
            };
        }
        if (m && !legacy.length && before) return { sheet: EXHIBITIONS_SHEET, row, field: 'id' };
        return { sheet: EXHIBITIONS_SHEET, row, field: COLUMN_OF.find(([re]) => re.test(field))?.[1] ?? field };
      };
      try {
        const input = parseInput(ExhibitionInput, raw, row);
        const checked = await validateExhibition(tx, ref, input, row, products);
        if (before) {
          await assertCanWriteUnder(tx, actor, before.organisers[0]!.id, `the lead organiser of exhibition ${before.id}`);
          if (input.organiserIds[0] !== before.organisers[0]!.id)
            await assertCanWriteUnder(tx, actor, input.organiserIds[0]!, `the new lead organiser ${list(v.organiser_codes)[0]}`);
          if (before.onlinePublishedAt && (input.format === 'physical' || !input.items.length)) {
            throw new AppError('conflict', 'published online', [
              {
                field: input.format === 'physical' ? 'format' : 'items',
                message: 'the online version is published: unpublish it before removing its items or its online format',
              },
            ]);
          }
        } else await assertCanWriteUnder(tx, actor, input.organiserIds[0]!, `the lead organiser ${list(v.organiser_codes)[0]}`);
        await assertDatesWritable(tx, actor, [...(before ? exhibitionDays(before) : []), ...exhibitionDays(input)]);
        good.push({ row, input, v: checked, before });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const details =
          Array.isArray(e.details) && e.details.length ? (e.details as FieldIssue[]) : [{ field: 'organiserIds', message: e.message }];
        issues.push(...details.map((d) => ({ ...place(d.field), message: d.message })));
      }
    }
    if (issues.length) {
      const rowsWithIssues = new Set(issues.map((i) => `${i.sheet}:${i.row}`)).size;
      const order = (i: FieldIssue) => (i.sheet === ITEMS_SHEET ? 1 : 0);
      throw new AppError(
        'import_invalid',
        `${issues.length} problem(s) in ${rowsWithIssues} row(s); nothing was imported`,
        issues.sort((a, b) => order(a) - order(b) || (a.row ?? 0) - (b.row ?? 0)),
      );
    }
    const via = { ...actor, via: 'import' as const };
    let created = 0,
      updated = 0;
    for (const [i, g] of good.entries()) {
      await progress.step('write', i, good.length);
      if (g.before) {
        await tx
          .update(exhibitions)
          .set({ ...exhibitionColumns(g.input, g.v), updatedAt: new Date() })
          .where(eq(exhibitions.id, g.before.id));
        await writeExhibitionChildren(tx, via, g.before.id, g.input);
        const [after] = await loadExhibitions(tx, [g.before.id]);
        await recordAudit(tx, via, 'update', AUDIT_ENTITY, g.before.id, g.before, after);
        updated++;
      } else {
        const [r] = await tx
          .insert(exhibitions)
          .values({ ...exhibitionColumns(g.input, g.v), createdBy: actor.userId })
          .returning({ id: exhibitions.id });
        await writeExhibitionChildren(tx, via, r!.id, g.input);
        created++;
      }
    }
    await recordAudit(tx, via, 'import', AUDIT_ENTITY, null, null, {
      rows: sheet.length,
      created,
      updated,
      items: itemRows?.length ?? null,
    });
    progress.report('write', good.length, good.length);
    return { created, updated, rows: sheet.length };
  });
}

/** A workbook with the exhibitions sheet and the items sheet (with these caption languages), headers in bold. */
function workbook(captionLanguages: string[]) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RightsHub';
  const ws = wb.addWorksheet(EXHIBITIONS_SHEET);
  ws.addRow([...EXHIBITION_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  const items = wb.addWorksheet(ITEMS_SHEET);
  items.addRow([...ITEM_COLUMNS, ...captionLanguages.map((l) => `caption_${l}`)]);
  items.getRow(1).font = { bold: true };
  return { wb, ws, items };
}
const widths = (ws: ExcelJS.Worksheet, wide: number[]) =>
  ws.columns.forEach((c, i) => {
    c.width = wide.includes(i) ? 40 : 16;
  });

/** Every exhibition (id and key = its id, organiser codes, the venue's codes and coordinates) and its items with
 *  every caption, newest first: edit it and import it back to update. */
export async function exportExhibitions(db: Db): Promise<Buffer> {
  const ids = (
    await db
      .select({ id: exhibitions.id })
      .from(exhibitions)
      .orderBy(desc(exhibitions.startDate), desc(exhibitions.id))
      .limit(MAX_IMPORT_ROWS)
  ).map((r) => r.id);
  const codes = new Map(
    (await db.select({ id: organisations.id, code: organisations.code }).from(organisations)).map((o) => [o.id, o.code]),
  );
  const all: Exhibition[] = [];
  for (let i = 0; i < ids.length; i += 500) all.push(...(await loadExhibitions(db, ids.slice(i, i + 500))));
  const langs = [...new Set(all.flatMap((e) => e.items.flatMap((it) => it.captions.map((c) => c.language))))];
  const rank = (l: string) => (l === 'vie' ? 0 : l === 'eng' ? 1 : 2);
  const captionLanguages = [...new Set(['vie', 'eng', ...langs])].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const { wb, ws, items } = workbook(captionLanguages);
  for (const e of all) {
    const text = (l: string) => e.texts.find((x) => x.language === l)?.title ?? '';
    const v = e.venue;
    ws.addRow([
      e.id,
      String(e.id),
      text('vie') || e.texts[0]?.title || '',
      text('eng'),
      e.kind,
      e.format,
      e.organisers.map((o) => codes.get(o.id) ?? '').join(';'),
      e.startDate,
      e.endDate,
      e.audiences.join(';'),
      e.captionLanguages.join(';'),
      e.visitors ?? '',
      e.views ?? '',
      v?.name ?? '',
      v?.provinceCode ?? '',
      v?.location === 'vietnam' && v.map === '34' ? (v.formerProvinceCode ?? '') : '',
      v?.countryCode ?? '',
      v?.city ?? '',
      v?.lat ?? '',
      v?.lon ?? '',
    ]);
    for (const it of e.items)
      items.addRow([String(e.id), it.productId, ...captionLanguages.map((l) => it.captions.find((c) => c.language === l)?.text ?? '')]);
  }
  widths(ws, [2, 3]);
  widths(items, [2, 3]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template: both sheets with an example, and a help sheet (Vietnamese and English). */
export async function exhibitionTemplate(): Promise<Buffer> {
  const { wb, ws, items } = workbook(['vie', 'eng']);
  ws.addRow([
    '',
    'E1',
    'Triển lãm ảnh "Quyền con người ở Việt Nam"',
    'Photo exhibition "Human rights in Viet Nam"',
    'photographs',
    'physical',
    'SVHTTDL-08',
    '2025-09-02',
    '2025-09-10',
    '2;5',
    'vie;eng',
    '1500',
    '',
    'Bảo tàng tỉnh',
    '08',
    '02',
    '',
    '',
    '22.8233',
    '104.9836',
  ]);
  items.addRow(['E1', '123', 'Ảnh: lễ khai mạc', 'Photo: the opening']);
  widths(ws, [2, 3]);
  widths(items, [2, 3]);
  const help = wb.addWorksheet('help');
  help.addRow(['column', 'ý nghĩa', 'meaning']);
  const rows: [string, string, string][] = [
    [
      'id',
      'để trống để tạo triển lãm mới; mã triển lãm (từ tệp xuất) để cập nhật triển lãm đó',
      'empty to create a new exhibition; an exhibition id (from an export) to update it',
    ],
    [
      'key',
      'tên gọi của dòng để trang "items" tham chiếu (mặc định: id)',
      'a name for the row that the "items" sheet refers to (default: the id)',
    ],
    ['kind', EXHIBITION_KINDS.join(', '), 'photographs, archival_documents or both'],
    ['format', EXHIBITION_FORMATS.join(', '), 'physical, online or both'],
    [
      'organiser_codes',
      'mã đơn vị tổ chức, cách nhau bởi dấu ;, đơn vị đầu tiên là đơn vị chủ trì',
      'organisation codes separated by ;, the first is the lead organiser',
    ],
    ['start_date, end_date', 'YYYY-MM-DD; ngày kết thúc không trước ngày bắt đầu', 'YYYY-MM-DD; the end is not before the start'],
    ['audiences', 'nhóm đối tượng 1–6, cách nhau bởi ;', 'target groups 1–6 separated by ;'],
    ['caption_languages', 'mã ISO 639-3, ví dụ vie;eng;fra', 'ISO 639-3 codes, e.g. vie;eng;fra'],
    [
      'province_code',
      'mã tỉnh trên bản đồ có hiệu lực vào ngày bắt đầu: 63 đơn vị trước 1/7/2025, 34 đơn vị từ 1/7/2025',
      'province code on the map valid on the start date: 63-unit map before 1 July 2025, 34-unit map from then',
    ],
    [
      'former_province_code',
      'đơn vị trước 2025 nơi có địa điểm (bắt buộc khi tỉnh mới hợp thành từ nhiều đơn vị)',
      'the pre-2025 unit of the venue (required when the new province was formed from several)',
    ],
    [
      'country_code, city',
      'triển lãm ở nước ngoài: mã quốc gia ISO 3166-1 alpha-2 và thành phố',
      'abroad: ISO 3166-1 alpha-2 country code and city',
    ],
    ['lat, lon', 'toạ độ địa điểm (độ thập phân), không bắt buộc', "the venue's coordinates (decimal degrees), optional"],
    [
      'items: exhibition_key',
      'key (hoặc id) của dòng triển lãm; các tư liệu theo thứ tự trưng bày',
      "the key (or id) of the exhibition's row; items in the order shown",
    ],
    ['items: product_id', 'mã sản phẩm thư viện đã công bố', 'id of a published library product'],
    [
      'items: caption_vie, caption_eng …',
      'chú thích theo từng ngôn ngữ (mã ISO 639-3; thêm cột, ví dụ caption_fra)',
      'the caption per language (ISO 639-3 codes; add columns, e.g. caption_fra)',
    ],
    [
      '',
      'Khi có trang "items", trang này liệt kê mọi tư liệu của các triển lãm trong tệp; không có trang này, triển lãm được cập nhật giữ nguyên tư liệu. Cập nhật giữ nguyên mô tả, lời dẫn trực tuyến, ảnh sự kiện và trạng thái công bố.',
      'With an "items" sheet, it lists every item of the exhibitions in the file; without it, an updated exhibition keeps its items. An update keeps descriptions, online narratives, event photos and the portal publication.',
    ],
  ];
  for (const r of rows) help.addRow(r);
  help.columns.forEach((c) => {
    c.width = 60;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
