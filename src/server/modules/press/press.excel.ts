// Excel export of compliance for a period: one row per expected agency with its spokesperson and the
// items that count, then the T1 figure and the method note, so the sheet stands on its own.
import ExcelJS from 'exceljs';
import { inArray } from 'drizzle-orm';
import type { T1Result } from '../../../shared/contracts/press.js';
import type { Db } from '../../kernel/db.js';
import { pressSpokespersons } from './press.tables.js';

export const COMPLIANCE_COLUMNS = [
  'code',
  'name_vi',
  'kind',
  'province_code',
  'spokesperson',
  'information',
  'item_ids',
  'predecessor_ids',
  'compliant',
] as const;
const INFO_VI: Record<string, string> = { on_time: 'đúng hạn', late: 'muộn', missing: 'thiếu' };

export async function exportCompliance(db: Db, r: T1Result): Promise<Buffer> {
  const ids = r.rows.map((x) => x.spokespersonId).filter((x): x is number => x !== null);
  const names = new Map(
    (ids.length
      ? await db
          .select({ id: pressSpokespersons.id, name: pressSpokespersons.fullName })
          .from(pressSpokespersons)
          .where(inArray(pressSpokespersons.id, ids))
      : []
    ).map((s) => [s.id, s.name]),
  );
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RightsHub';
  const ws = wb.addWorksheet('compliance');
  ws.addRow([...COMPLIANCE_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const x of r.rows) {
    ws.addRow([
      x.code,
      x.nameVi,
      x.kind,
      x.provinceCode ?? '',
      x.spokespersonId ? (names.get(x.spokespersonId) ?? '') : '',
      `${x.information} (${INFO_VI[x.information]})`,
      x.itemIds.join(' '),
      x.predecessorIds.join(' '),
      x.compliant ? 'yes' : 'no',
    ]);
  }
  ws.columns.forEach((c, i) => {
    c.width = i === 1 ? 56 : i === 4 ? 28 : 16;
  });
  const t1 = wb.addWorksheet('T1');
  t1.addRow(['period', r.period.id ?? `${r.period.firstDay}..${r.period.lastDay}`]);
  t1.addRow(['first_day', r.period.firstDay]);
  t1.addRow(['last_day', r.period.lastDay]);
  t1.addRow(['grace_days', r.graceDays]);
  t1.addRow(['numerator', r.numerator]);
  t1.addRow(['denominator', r.denominator]);
  t1.addRow(['value', r.value === null ? '' : Math.round(r.value * 10000) / 100 + '%']);
  t1.addRow(['method (vi)', r.methodNote.vi]);
  t1.addRow(['method (en)', r.methodNote.en]);
  t1.getColumn(1).width = 16;
  t1.getColumn(2).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
