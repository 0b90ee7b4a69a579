// The test oracle of the indicator facts: compares what the facts give (figures, trends, every breakdown row, drill-down
// record sets) with the record-by-record computation from the providers' records, for any scopes. Used by tests only.
import type { IndicatorId, IndicatorScope } from '../../../shared/contracts/indicators.js';
import { rows, type Db } from '../../kernel/db.js';
import { sql } from 'drizzle-orm';
import { drillDown, getDashboard } from './indicators.service.js';
import { factIndicatorOf, syncFacts } from './indicators.facts.js';

type Row = {
  key: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  pending?: number;
  attributed?: boolean;
  label: { vi: string };
};
const close = (a: number | null | undefined, b: number | null | undefined) =>
  (a ?? null) === (b ?? null) || (a != null && b != null && Math.abs(a - b) < 1e-9);

/** Every difference between the facts and the oracle for these indicators and scopes (empty: the same). Drill-downs are
 *  compared as sets of (type, id, counts) for the numerator, the gap and each breakdown's first non-empty rows. */
export async function compareWithOracle(
  db: Db,
  ids: IndicatorId[],
  scopes: IndicatorScope[],
  opts: { drill?: boolean } = {},
): Promise<string[]> {
  const out: string[] = [];
  for (const scope of scopes) {
    const [facts, oracle] = await Promise.all([
      getDashboard(db, scope, { only: ids }),
      getDashboard(db, scope, { only: ids, oracle: true }),
    ]);
    const tag = JSON.stringify(scope);
    for (const o of oracle.figures) {
      const f = facts.figures.find((x) => x.id === o.id);
      if (!f) {
        out.push(`${o.id} ${tag}: no figure from the facts`);
        continue;
      }
      for (const k of ['numerator', 'denominator', 'value', 'pending'] as const) {
        if (!close(f[k] as number | null, o[k] as number | null)) out.push(`${o.id} ${tag}: ${k} facts=${f[k]} oracle=${o[k]}`);
      }
      if (JSON.stringify(f.trend) !== JSON.stringify(o.trend))
        out.push(`${o.id} ${tag}: trend facts=${JSON.stringify(f.trend)} oracle=${JSON.stringify(o.trend)}`);
      for (const [b, oRows] of Object.entries(o.breakdowns) as [string, Row[]][]) {
        const fRows = (f.breakdowns as Record<string, Row[]>)[b] ?? [];
        const norm = (rs: Row[]) => new Map(rs.map((r) => [r.key, r]));
        const fm = norm(fRows),
          om = norm(oRows);
        for (const key of new Set([...fm.keys(), ...om.keys()])) {
          const a = fm.get(key),
            c = om.get(key);
          // A row with nothing in it may be listed by one side only (the oracle lists every unit of the map).
          const empty = (r?: Row) => !r || (r.numerator === 0 && !r.denominator && !r.pending);
          if (!a || !c) {
            if (!(empty(a) && empty(c))) out.push(`${o.id} ${tag}: ${b}/${key} facts=${JSON.stringify(a)} oracle=${JSON.stringify(c)}`);
            continue;
          }
          if (
            a.numerator !== c.numerator ||
            a.denominator !== c.denominator ||
            !close(a.value, c.value) ||
            (a.pending ?? 0) !== (c.pending ?? 0) ||
            Boolean(a.attributed) !== Boolean(c.attributed) ||
            a.label.vi !== c.label.vi
          ) {
            out.push(`${o.id} ${tag}: ${b}/${key} facts=${JSON.stringify(a)} oracle=${JSON.stringify(c)}`);
          }
        }
        if (b !== 'province' && fRows.map((r) => r.key).join() !== oRows.map((r) => r.key).join()) {
          out.push(`${o.id} ${tag}: ${b} row order facts=${fRows.map((r) => r.key).join()} oracle=${oRows.map((r) => r.key).join()}`);
        }
      }
      if (opts.drill === false) continue;
      const drills: { part: 'numerator' | 'gap' | 'denominator' | 'pending'; breakdown?: string; key?: string }[] = [
        { part: 'numerator' },
        { part: 'gap' },
        { part: 'pending' },
      ];
      for (const [b, oRows] of Object.entries(o.breakdowns) as [string, Row[]][]) {
        for (const r of oRows.filter((x) => x.numerator > 0 || (x.denominator ?? 0) > 0).slice(0, 2))
          drills.push({ part: 'denominator', breakdown: b, key: r.key }, { part: 'numerator', breakdown: b, key: r.key });
      }
      for (const d of drills) {
        const q = { ...scope, ...d, limit: 1000 } as Parameters<typeof drillDown>[2];
        const [a, c] = await Promise.all([drillDown(db, o.id, q), drillDown(db, o.id, q, { oracle: true })]);
        const set = (rs: typeof a.records) =>
          rs
            .map((r) => `${r.type}#${r.id}:${r.counts ? 1 : 0}:${r.province ?? ''}`)
            .sort()
            .join(' ');
        if (a.total !== c.total || set(a.records) !== set(c.records)) {
          out.push(
            `${o.id} ${tag}: drill ${JSON.stringify(d)} facts(${a.total})=${set(a.records).slice(0, 300)} oracle(${c.total})=${set(c.records).slice(0, 300)}`,
          );
        }
      }
    }
  }
  return out;
}

/** Records with more than one fact selected by one span (a module must keep at most one): up to 10, as text. */
export async function overlappingFacts(db: Db, id: IndicatorId, days: string[]): Promise<string[]> {
  await syncFacts(db);
  const fi = factIndicatorOf(id);
  if (!fi) return [`${id}: no fact source`];
  const out: string[] = [];
  for (const day of days) {
    const cond =
      fi.indicator.mode === 'asof'
        ? sql`d_from <= ${day}::date and (d_to is null or d_to >= ${day}::date)`
        : fi.indicator.mode === 'overlap'
          ? sql`d_from <= ${day}::date and (d_to is null or d_to >= '2023-01-01'::date)`
          : fi.indicator.mode === 'dated'
            ? sql`d_from = ${day}::date`
            : sql`period_id = ${day.slice(0, 4)}`;
    const r = await rows<{ rec_id: number; n: number }>(
      db,
      sql`select rec_id, count(*)::int as n from indicator_facts where ind = ${id} and ${cond}
      group by rec_id having count(*) > 1 limit 10`,
    );
    out.push(...r.map((x) => `${id} ${day}: record ${x.rec_id} has ${x.n} facts`));
  }
  return out;
}
