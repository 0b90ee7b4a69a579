// An EvidenceResolver for records one SQL select describes (what the modules' resolvers have in common): resolve by
// id in one query with one array parameter; the picker's search — every folded word in the title, among the given
// organisations, newest first. It imports nothing at run time from the recommendations module, so a module's
// resolver can use it without an import cycle.
import { sql, type SQL } from 'drizzle-orm';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import { intArray, rows } from '../../kernel/db.js';
import { containsPattern } from '../../kernel/text.js';
import type { EvidenceHit, EvidenceRecord, EvidenceResolver } from './recommendations.evidence.js';

export function sqlEvidenceResolver<Row>(o: {
  type: string;
  label: Bilingual;
  /** `select … from … join …` without a where clause. */
  select: SQL;
  /** The record's id and organisation columns. */
  id: SQL;
  organisation: SQL;
  /** The record's title contains the LIKE `pattern` (already folded: compare with a folded title). */
  titleLike: (pattern: string) => SQL;
  newestFirst: SQL;
  toRecord: (row: Row) => EvidenceHit;
}): EvidenceResolver {
  return {
    type: o.type,
    label: o.label,
    async resolve(db, ids) {
      if (!ids.length) return new Map<number, EvidenceRecord>();
      const r = await rows<Row>(db, sql`${o.select} where ${o.id} = any(${intArray(new Set(ids))})`);
      return new Map(r.map((x): [number, EvidenceRecord] => { const h = o.toRecord(x); return [h.id, h]; }));
    },
    async search(db, _actor, q) {
      const words = sql.join(q.words.map((w) => sql`(${o.titleLike(containsPattern(w))})`), sql` and `);
      const r = await rows<Row>(db, sql`${o.select} where ${words}
        ${q.organisationIds ? sql`and ${o.organisation} = any(${intArray(q.organisationIds)})` : sql``}
        order by ${o.newestFirst} limit ${q.limit}`);
      return r.map(o.toRecord);
    },
  };
}
