// Target T1 as an indicator: the press module's provider for the indicator registry. The records are the
// expected agencies of the period (computeT1's rows): each counts when it has a current spokesperson and gave
// periodic information (on time or late); the items behind it are its drill-down.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../kernel/db.js';
import type { IndicatorProvider, IndicatorRecord, RelatedRecord } from '../indicators/indicators.registry.js';
import { computeT1 } from './press.compliance.js';
import { pressItems } from './press.tables.js';

const INFO = {
  on_time: { vi: 'đúng hạn', en: 'on time' },
  late: { vi: 'muộn', en: 'late' },
  missing: { vi: 'thiếu', en: 'missing' },
} as const;

export const t1Provider: IndicatorProvider = {
  id: 'T1',
  dependsOn: ['press_item', 'press_spokesperson', 'press_reporting_settings', 'organisation'],
  async records(db, span) {
    const r = await computeT1(db, { period: span.periodId });
    return r.rows.map((row): IndicatorRecord => ({
      type: 'organisation', id: row.organisationId, label: row.nameVi, counts: row.compliant, inDenominator: true,
      unit: row.provinceCode ? { map: '34', code: row.provinceCode } : null, orgKind: row.kind, organisationId: row.organisationId, organisationName: row.nameVi,
      detail: {
        vi: `Người phát ngôn: ${row.spokespersonId ? 'có' : 'không'}; thông tin định kỳ: ${INFO[row.information].vi}${row.itemCount ? ` (${row.itemCount} tin)` : ''}`,
        en: `Spokesperson: ${row.spokespersonId ? 'yes' : 'no'}; periodic information: ${INFO[row.information].en}${row.itemCount ? ` (${row.itemCount} items)` : ''}`,
      },
      href: `/press/compliance?period=${encodeURIComponent(span.periodId)}&organisation=${row.organisationId}`,
      refs: row.itemIds,
    }));
  },
  async expand(db, records) {
    const ids = [...new Set(records.flatMap((r) => (r.refs ?? []).slice(0, 10)))];
    const titles = ids.length ? await db.select({ id: pressItems.id, title: pressItems.title }).from(pressItems).where(inArray(pressItems.id, ids)) : [];
    const byId = new Map(titles.map((t) => [t.id, t.title]));
    return new Map(records.map((r) => [r, (r.refs ?? []).slice(0, 10).map((id): RelatedRecord => ({ type: 'press_item', id, label: byId.get(id) ?? `#${id}`, href: `/press?item=${id}` }))]));
  },
};
