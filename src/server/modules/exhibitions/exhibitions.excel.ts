// Excel import of past exhibitions: one row per exhibition, every row checked by the service's own rules (venue on
// the map valid on the dates, pre-2025 unit, abroad, end before start, items that are published library products,
// organisers the importer may write for); every bad row is reported with its row number and column, and nothing is
// written unless every row is sound (one transaction). The template has a help sheet in Vietnamese and English.
import { desc } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FieldIssue } from '../../../shared/contracts/directory.js';
import { EXHIBITION_FORMATS, EXHIBITION_KINDS, ExhibitionInput } from '../../../shared/contracts/exhibitions.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { parseInput } from '../../kernel/validate.js';
import { organisations } from '../directory/directory.tables.js';
import { readRows, readWorkbook } from '../directory/organisations.excel.js';
import { assertCanWriteUnder, findOrganisationByCode } from '../directory/organisations.service.js';
import { productSummaries } from '../library/library.service.js';
import { AUDIT_ENTITY, exhibitionColumns, loadExhibitions, loadReference, validateExhibition, writeExhibitionChildren } from './exhibitions.service.js';
import { exhibitions } from './exhibitions.tables.js';

export const EXHIBITION_COLUMNS = [
  'title_vi', 'title_en', 'kind', 'format', 'organiser_codes', 'start_date', 'end_date', 'audiences', 'caption_languages', 'visitors', 'views',
  'venue_name', 'province_code', 'former_province_code', 'country_code', 'city', 'item_ids',
] as const;
const REQUIRED = ['title_vi', 'kind', 'format', 'organiser_codes', 'start_date', 'end_date'];

/** Column of each field of the input, so a problem names the column the user sees. */
const COLUMN_OF: [RegExp, string][] = [
  [/^texts\.0/, 'title_vi'], [/^texts\.1/, 'title_en'], [/^organiserIds/, 'organiser_codes'], [/^startDate/, 'start_date'], [/^endDate/, 'end_date'],
  [/^audiences/, 'audiences'], [/^captionLanguages/, 'caption_languages'], [/^visitors/, 'visitors'], [/^views/, 'views'], [/^venue\.name/, 'venue_name'],
  [/^venue\.(provinceCode|map)/, 'province_code'], [/^venue\.formerProvinceCode/, 'former_province_code'], [/^venue\.countryCode/, 'country_code'],
  [/^venue\.city/, 'city'], [/^venue/, 'province_code'], [/^items/, 'item_ids'], [/^kind/, 'kind'], [/^format/, 'format'],
];
const columnOf = (field: string) => COLUMN_OF.find(([re]) => re.test(field))?.[1] ?? field;
const list = (s: string | undefined) => (s ?? '').split(/[;,]/).map((x) => x.trim()).filter(Boolean);
const int = (s: string | undefined) => (s ? (/^\d+$/.test(s) ? Number(s) : NaN) : null);

export type ExhibitionImportResult = { created: number; updated: number; rows: number };

/** Imports a filled-in template; throws import_invalid listing every problem by row and column, writing nothing. */
export async function importExhibitions(db: Db, actor: Actor, buf: Buffer): Promise<ExhibitionImportResult> {
  if (actor.role !== 'admin' && actor.role !== 'editor' && actor.role !== 'system') throw new AppError('forbidden', `Your role (${actor.role}) is read-only`);
  const sheet = readRows(await readWorkbook(buf), EXHIBITION_COLUMNS, REQUIRED);
  return db.transaction(async (tx) => {
    const ref = await loadReference(tx);
    const issues: FieldIssue[] = [];
    const orgIds = new Map<string, number | null>();
    for (const code of new Set(sheet.flatMap((r) => list(r.values.organiser_codes)))) orgIds.set(code.toLowerCase(), (await findOrganisationByCode(tx, code))?.id ?? null);
    const products = await productSummaries(tx, sheet.flatMap((r) => list(r.values.item_ids).map(Number)).filter(Number.isInteger));
    const good: { row: number; input: ReturnType<typeof ExhibitionInput.parse>; v: Awaited<ReturnType<typeof validateExhibition>> }[] = [];
    for (const { row, values: v } of sheet) {
      const rowIssues: FieldIssue[] = [];
      const organisers = list(v.organiser_codes).map((c) => {
        const id = orgIds.get(c.toLowerCase());
        if (!id) rowIssues.push({ row, field: 'organiser_codes', message: `no organisation with code ${c}` });
        return id ?? 0;
      });
      const items = list(v.item_ids).map((x) => {
        if (!/^\d+$/.test(x)) rowIssues.push({ row, field: 'item_ids', message: `${x} is not a library product id` });
        return { productId: Number(x), captions: [] };
      });
      const abroad = Boolean(v.country_code);
      const raw = {
        texts: [{ language: 'vie', title: v.title_vi }, ...(v.title_en ? [{ language: 'eng', title: v.title_en }] : [])],
        kind: v.kind, format: v.format, organiserIds: organisers, startDate: v.start_date, endDate: v.end_date,
        audiences: list(v.audiences).map(Number), captionLanguages: list(v.caption_languages).map((x) => x.toLowerCase()), visitors: int(v.visitors), views: int(v.views),
        venue: v.format === 'online' && !v.venue_name && !v.province_code && !abroad ? null
          : abroad ? { location: 'abroad', name: v.venue_name, countryCode: v.country_code, city: v.city }
            : { location: 'vietnam', name: v.venue_name, provinceCode: v.province_code, formerProvinceCode: v.former_province_code || null },
        items,
      };
      if (rowIssues.length) { issues.push(...rowIssues); continue; }
      try {
        const input = parseInput(ExhibitionInput, raw, row);
        const checked = await validateExhibition(tx, ref, input, row, products);
        await assertCanWriteUnder(tx, actor, input.organiserIds[0]!, `the lead organiser ${list(v.organiser_codes)[0]}`);
        good.push({ row, input, v: checked });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const details = Array.isArray(e.details) && e.details.length ? (e.details as FieldIssue[]) : [{ field: 'organiser_codes', message: e.message }];
        issues.push(...details.map((d) => ({ row, field: columnOf(d.field), message: d.message })));
      }
    }
    if (issues.length) {
      const rowsWithIssues = new Set(issues.map((i) => i.row)).size;
      throw new AppError('import_invalid', `${issues.length} problem(s) in ${rowsWithIssues} row(s); nothing was imported`, issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
    }
    for (const g of good) {
      const [r] = await tx.insert(exhibitions).values({ ...exhibitionColumns(g.input, g.v), createdBy: actor.userId }).returning({ id: exhibitions.id });
      await writeExhibitionChildren(tx, r!.id, g.input);
    }
    await recordAudit(tx, { ...actor, via: 'import' }, 'import', AUDIT_ENTITY, null, null, { rows: sheet.length, created: good.length });
    return { created: good.length, updated: 0, rows: sheet.length };
  });
}

/** A workbook whose first sheet has the template's header row. */
function exhibitionsSheet() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RightsHub';
  const ws = wb.addWorksheet('exhibitions');
  ws.addRow([...EXHIBITION_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  return { wb, ws };
}

/** Every exhibition in the template's columns (organiser codes, the venue's codes, item ids), newest first. */
export async function exportExhibitions(db: Db): Promise<Buffer> {
  const { wb, ws } = exhibitionsSheet();
  const ids = (await db.select({ id: exhibitions.id }).from(exhibitions).orderBy(desc(exhibitions.startDate), desc(exhibitions.id)).limit(20_000)).map((r) => r.id);
  const codes = new Map((await db.select({ id: organisations.id, code: organisations.code }).from(organisations)).map((o) => [o.id, o.code]));
  for (let i = 0; i < ids.length; i += 500) {
    for (const e of await loadExhibitions(db, ids.slice(i, i + 500))) {
      const text = (l: string) => e.texts.find((x) => x.language === l)?.title ?? '';
      const v = e.venue;
      ws.addRow([text('vie') || e.texts[0]?.title || '', text('eng'), e.kind, e.format, e.organisers.map((o) => codes.get(o.id) ?? '').join(';'), e.startDate, e.endDate,
        e.audiences.join(';'), e.captionLanguages.join(';'), e.visitors ?? '', e.views ?? '', v?.name ?? '', v?.provinceCode ?? '',
        v?.location === 'vietnam' && v.map === '34' ? v.formerProvinceCode ?? '' : '', v?.countryCode ?? '', v?.city ?? '', e.items.map((it) => it.productId).join(';')]);
    }
  }
  ws.columns.forEach((c, i) => { c.width = i < 2 ? 40 : 16; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template: the header row, an example row and a help sheet (Vietnamese and English). */
export async function exhibitionTemplate(): Promise<Buffer> {
  const { wb, ws } = exhibitionsSheet();
  ws.addRow(['Triển lãm ảnh "Quyền con người ở Việt Nam"', 'Photo exhibition "Human rights in Viet Nam"', 'photographs', 'physical', 'SVHTTDL-08', '2025-09-02', '2025-09-10',
    '2;5', 'vie;eng', '1500', '', 'Bảo tàng tỉnh', '08', '02', '', '', '']);
  ws.columns.forEach((c, i) => { c.width = i < 2 ? 40 : 16; });
  const help = wb.addWorksheet('help');
  help.addRow(['column', 'ý nghĩa', 'meaning']);
  const rows: [string, string, string][] = [
    ['kind', EXHIBITION_KINDS.join(', '), 'photographs, archival_documents or both'],
    ['format', EXHIBITION_FORMATS.join(', '), 'physical, online or both'],
    ['organiser_codes', 'mã đơn vị tổ chức, cách nhau bởi dấu ;, đơn vị đầu tiên là đơn vị chủ trì', 'organisation codes separated by ;, the first is the lead organiser'],
    ['start_date, end_date', 'YYYY-MM-DD; ngày kết thúc không trước ngày bắt đầu', 'YYYY-MM-DD; the end is not before the start'],
    ['audiences', 'nhóm đối tượng 1–6, cách nhau bởi ;', 'target groups 1–6 separated by ;'],
    ['caption_languages', 'mã ISO 639-3, ví dụ vie;eng;fra', 'ISO 639-3 codes, e.g. vie;eng;fra'],
    ['province_code', 'mã tỉnh trên bản đồ có hiệu lực vào ngày bắt đầu: 63 đơn vị trước 1/7/2025, 34 đơn vị từ 1/7/2025', 'province code on the map valid on the start date: 63-unit map before 1 July 2025, 34-unit map from then'],
    ['former_province_code', 'đơn vị trước 2025 nơi có địa điểm (bắt buộc khi tỉnh mới hợp thành từ nhiều đơn vị)', 'the pre-2025 unit of the venue (required when the new province was formed from several)'],
    ['country_code, city', 'triển lãm ở nước ngoài: mã quốc gia ISO 3166-1 alpha-2 và thành phố', 'abroad: ISO 3166-1 alpha-2 country code and city'],
    ['item_ids', 'mã sản phẩm thư viện đã công bố, cách nhau bởi ;', 'ids of published library products separated by ;'],
  ];
  for (const r of rows) help.addRow(r);
  help.columns.forEach((c) => { c.width = 60; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
