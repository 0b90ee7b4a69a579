// Target T1 as an indicator: the press module's provider for the indicator registry. The records are the
// expected agencies of the period (computeT1FromRecords's rows): each counts when it has a current spokesperson and gave
// periodic information (on time or late); the items behind it are its drill-down.
import { inArray } from 'drizzle-orm';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import type { IndicatorProvider, IndicatorRecord, RelatedRecord } from '../indicators/indicators.registry.js';
import { computeT1FromRecords } from './press.compliance.js';
import { pressItems } from './press.tables.js';

const INFO = {
  on_time: { vi: 'đúng hạn', en: 'on time' },
  late: { vi: 'muộn', en: 'late' },
  missing: { vi: 'thiếu', en: 'missing' },
} as const;

/** The drill-down text of an agency for T1 (the provider's and the facts' describe()). */
export function t1Detail(spokesperson: boolean, information: keyof typeof INFO, itemCount: number): Bilingual {
  return {
    vi: `Người phát ngôn: ${spokesperson ? 'có' : 'không'}; thông tin định kỳ: ${INFO[information].vi}${itemCount ? ` (${itemCount} tin)` : ''}`,
    en: `Spokesperson: ${spokesperson ? 'yes' : 'no'}; periodic information: ${INFO[information].en}${itemCount ? ` (${itemCount} items)` : ''}`,
  };
}
export const t1Href = (periodId: string, organisationId: number) =>
  `/press/compliance?period=${encodeURIComponent(periodId)}&organisation=${organisationId}`;

export const t1Provider: IndicatorProvider = {
  id: 'T1',
  dependsOn: ['press_item', 'press_spokesperson', 'press_reporting_settings', 'organisation'],
  async records(db, span) {
    const r = await computeT1FromRecords(db, { period: span.periodId });
    return r.rows.map((row): IndicatorRecord => ({
      type: 'organisation',
      id: row.organisationId,
      label: row.nameVi,
      counts: row.compliant,
      inDenominator: true,
      unit: row.provinceCode ? { map: row.provinceMap ?? '34', code: row.provinceCode } : null,
      orgKind: row.kind,
      organisationId: row.organisationId,
      organisationName: row.nameVi,
      detail: t1Detail(row.spokespersonId !== null, row.information, row.itemCount),
      href: t1Href(span.periodId, row.organisationId),
      refs: row.itemIds,
    }));
  },
  async expand(db, records) {
    const ids = [...new Set(records.flatMap((r) => (r.refs ?? []).slice(0, 10)))];
    const titles = ids.length
      ? await db.select({ id: pressItems.id, title: pressItems.title }).from(pressItems).where(inArray(pressItems.id, ids))
      : [];
    const byId = new Map(titles.map((t) => [t.id, t.title]));
    return new Map(
      records.map((r) => [
        r,
        (r.refs ?? [])
          .slice(0, 10)
          .map((id): RelatedRecord => ({ type: 'press_item', id, label: byId.get(id) ?? `#${id}`, href: `/press?item=${id}` })),
      ]),
    );
  },
};
