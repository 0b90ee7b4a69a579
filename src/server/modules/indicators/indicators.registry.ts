// The indicator registry's computing half: each module registers one `IndicatorProvider` per target it owns
// (through the `indicators` field of its entry in modules/index.ts). A provider returns the records behind
// the figure for a span of time; the indicators service filters them by scope, breaks them down, computes the
// value and pages the drill-down. A target without a provider shows "no data source yet".
import type { Bilingual, Breakdown, IndicatorId } from '../../../shared/contracts/indicators.js';
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../kernel/db.js';

/** The instants [start, end) and their Viet Nam calendar days; periodId is the period the span ends with. */
export type Span = { start: Date; end: Date; firstDay: string; lastDay: string; periodId: string };

/** The row of a drill-down: a breakdown row (both null for the whole figure) and the scope's organisation filter. */
export type DrillRow = { breakdown: Breakdown | null; key: string | null; organisationId: number | null };

export type RelatedRecord = { type: string; id: number; label: string; href: string | null };

/** One record behind an indicator: an agency (T1), a person (T2), a province (T3), a product (T4) … */
export interface IndicatorRecord {
  type: string;
  id: number;
  label: string;
  /** In the numerator. */
  counts: boolean;
  /** In the denominator (percent indicators); a count indicator counts the records with `counts`. */
  inDenominator: boolean;
  /** Still awaiting review (indicators with a pendingLabel, e.g. T5b): counted beside the figure, never hidden. */
  pending?: boolean;
  /** Where the record is: a unit on the map valid on the record's date, or null (central, abroad). */
  unit: { map: '34' | '63'; code: string } | null;
  orgKind: string | null;
  organisationId: number | null;
  organisationName: string | null;
  /** Every organisation behind the record when there are several (e.g. all the organisers of the exhibitions that
   *  covered a province); the organisation and kind filters then match any of them. Absent: `organisationId`/`orgKind`. */
  organisations?: { id: number; kind: string | null }[];
  /** Keys for the module's own breakdowns (language codes, channels …). */
  dims?: Partial<Record<Breakdown, string[]>>;
  /** Labels of this record's own `dims` keys (e.g. organisation names), used before the provider's dimLabel. */
  dimLabels?: Partial<Record<Breakdown, Record<string, Bilingual>>>;
  /** For a breakdown whose rows each count something else (T4b's parts: ethnic, foreign, digital): the keys of the
   *  rows in which this record counts (it is in every row of `dims` as considered). Absent: `counts` in every row. */
  countsIn?: Partial<Record<Breakdown, string[]>>;
  detail: Bilingual | null;
  /** Path of the record's page in the workspace (under /app). */
  href: string | null;
  /** Opaque data the provider's expand() may use. */
  refs?: number[];
}

export interface IndicatorProvider {
  id: IndicatorId;
  /** Audit entities whose writes can change the records (writes through seed and CLI always count). A write to
   *  anything else keeps the cached records; without the list, every write recomputes. */
  dependsOn?: string[];
  /** Every record considered for the span, each saying whether it counts. */
  records(db: Db, span: Span): Promise<IndicatorRecord[]>;
  /** Labels of the provider's own breakdown keys. */
  dimLabel?(breakdown: Breakdown, key: string): Bilingual;
  /** The records behind each record of one drill-down page (e.g. the items that made an agency count); `row` is the
   *  breakdown row and the organisation filter the drill-down is for, so the provider may keep only what stands behind
   *  that row (T3 by organiser: only that organiser's exhibitions). */
  expand?(db: Db, records: IndicatorRecord[], row?: DrillRow): Promise<Map<IndicatorRecord, RelatedRecord[]>>;
}

/** The newest audit entry's id: it changes with every write through any path (API, import, CLI, seed, job). */
export async function writeStamp(db: Db): Promise<number> {
  const [r] = await rows<{ id: number | null }>(db, sql`select max(id)::int as id from audit_log`);
  return Number(r?.id ?? 0);
}

/** Whether any audit entry in (from, to] may change records that depend on `entities` (writes through seed and CLI
 *  always may; without a list, every write may). A provider that keeps its own cache uses it like the service does. */
export async function changedSince(db: Db, entities: string[] | undefined, from: number, to: number): Promise<boolean> {
  if (!entities?.length) return true;
  const hit = await rows<{ one: number }>(
    db,
    sql`select 1 as one from audit_log where id > ${from} and id <= ${to}
    and (entity in (${sql.join(
      entities.map((e) => sql`${e}`),
      sql`, `,
    )}) or via in ('seed', 'cli')) limit 1`,
  );
  return hit.length > 0;
}
