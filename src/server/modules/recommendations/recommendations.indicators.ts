// Target T6 as an indicator: "the international recommendations accepted by the Government on strengthening
// communication and awareness of human rights are completed, including recommendations 63, 67 and 86 of the third UPR
// cycle". Records: every recommendation marked as on communication whose position is supported or supported in part,
// plus the three named ones whatever their marking (they are named by the decision). One counts when its status at
// the end of the span (from its status history) is "implemented". The named ones come first and say so.
import { sql } from 'drizzle-orm';
import { rows } from '../../kernel/db.js';
import type { IndicatorProvider, IndicatorRecord } from '../indicators/indicators.registry.js';
import { isNamed, recLabel } from './recommendations.service.js';

export const STATUS_LABELS = {
  not_started: { vi: 'Chưa triển khai', en: 'Not started' },
  in_progress: { vi: 'Đang triển khai', en: 'In progress' },
  partly_implemented: { vi: 'Đã thực hiện một phần', en: 'Partly implemented' },
  implemented: { vi: 'Đã thực hiện', en: 'Implemented' },
} as const;

/** Where a recommendation's page is in the workspace (under /app). */
export const recommendationHref = (id: number) => `/recommendations?id=${id}`;

/** T6's record label: the reference, starred when the decision names it. */
export const t6Label = (r: { cycle: string; paragraph: string }, named: boolean) => `${recLabel(r)}${named ? ' ★' : ''}`;

/** T6's record detail: named or not, the status at the end of the span, and whether the position is known. */
export const t6Detail = (named: boolean, status: keyof typeof STATUS_LABELS, hasPosition: boolean) => ({
  vi: `${named ? 'Khuyến nghị được nêu trong Quyết định. ' : ''}Trạng thái: ${STATUS_LABELS[status].vi}${hasPosition ? '' : '; lập trường chưa được nhập'}`,
  en: `${named ? 'Named in the decision. ' : ''}Status: ${STATUS_LABELS[status].en}${hasPosition ? '' : '; position not yet imported'}`,
});

type Row = {
  id: number;
  mechanism: string;
  cycle: string;
  paragraph: string;
  position: string | null;
  communication: boolean;
  status: string | null;
  org_id: number | null;
  org_name: string | null;
  org_kind: string | null;
  map: string | null;
  unit: string | null;
};

export const t6Provider: IndicatorProvider = {
  id: 'T6',
  dependsOn: ['recommendation', 'organisation'],
  async records(db, span) {
    const r = await rows<Row>(
      db,
      sql`
      select r.id, r.mechanism, r.cycle, r.paragraph, r.position, r.communication,
        (select h.to_status from rec_status_history h where h.recommendation_id = r.id and h.at < ${span.end.toISOString()}::timestamptz order by h.at desc, h.id desc limit 1) as status,
        o.id as org_id, o.name_vi as org_name, o.kind as org_kind, u.map_version as map, u.code as unit
      from recommendations r left join organisations o on o.id = r.lead_organisation_id left join admin_units u on u.id = o.province_unit_id
      where r.created_at < ${span.end.toISOString()}::timestamptz
        and ((r.communication and r.position in ('supported', 'supported_in_part')) or (r.mechanism = 'upr' and r.cycle = 'UPR-III' and r.paragraph in ('38.63', '38.67', '38.86')))`,
    );
    const records = r.map((x): IndicatorRecord & { named: boolean } => {
      const named = isNamed(x);
      const status = (x.status ?? 'not_started') as keyof typeof STATUS_LABELS;
      return {
        type: 'recommendation',
        id: Number(x.id),
        label: t6Label(x, named),
        counts: status === 'implemented',
        inDenominator: true,
        unit: x.map && x.unit ? { map: x.map as '34' | '63', code: x.unit } : null,
        orgKind: x.org_kind,
        organisationId: x.org_id === null ? null : Number(x.org_id),
        organisationName: x.org_name,
        detail: t6Detail(named, status, Boolean(x.position)),
        href: recommendationHref(Number(x.id)),
        named,
      };
    });
    return records.sort((a, b) => Number(b.named) - Number(a.named) || a.label.localeCompare(b.label)).map(({ named: _n, ...rec }) => rec);
  },
};
