// What a module writes to offer its records as evidence of recommendations (recommendations.evidence.ts): the
// EvidenceResolver contract, and sqlEvidenceResolver for records one SQL select describes (what the modules' resolvers
// have in common): resolve by id in one query with one array parameter; the picker's search — every folded word in
// the title, among the given organisations, newest first. It imports nothing else of the recommendations module, so
// a module's resolver (<module>.evidence.ts) depends on this file alone.
import { sql, type SQL } from 'drizzle-orm';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { containsPattern } from '../../kernel/text.js';
import type { Actor } from '../../kernel/audit.js';

/** One record as evidence. `public`: the public may see it (published); the tracker lists only those. */
export type EvidenceRecord = {
  label: string;
  date: string | null;
  organisationId: number | null;
  organisationName: string | null;
  /** Workspace path (under /app). */
  href: string | null;
  /** Portal path (Vietnamese), when public. */
  publicHref: string | null;
  public: boolean;
};
/** A record found by a resolver's search. */
export type EvidenceHit = EvidenceRecord & { id: number };
/** What the picker asks a resolver for. */
export type EvidenceQuery = {
  /** Folded words (diacritics and case removed): every one occurs in the record's title. */
  words: string[];
  /** Only records of these organisations (an editor's subtree: what they may tag); null: any organisation. */
  organisationIds: number[] | null;
  limit: number;
};

export interface EvidenceResolver {
  type: string;
  label: Bilingual;
  /** The records among `ids` that exist (unknown ids are absent from the map). One call for any number of ids. */
  resolve(db: Db, ids: number[]): Promise<Map<number, EvidenceRecord>>;
  /** The records whose title matches, that `actor` may see, newest first (the evidence picker). */
  search?(db: Db, actor: Actor, q: EvidenceQuery): Promise<EvidenceHit[]>;
}

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
      return new Map(
        r.map((x): [number, EvidenceRecord] => {
          const h = o.toRecord(x);
          return [h.id, h];
        }),
      );
    },
    async search(db, _actor, q) {
      const words = sql.join(
        q.words.map((w) => sql`(${o.titleLike(containsPattern(w))})`),
        sql` and `,
      );
      const r = await rows<Row>(
        db,
        sql`${o.select} where ${words}
        ${q.organisationIds ? sql`and ${o.organisation} = any(${intArray(q.organisationIds)})` : sql``}
        order by ${o.newestFirst} limit ${q.limit}`,
      );
      return r.map(o.toRecord);
    },
  };
}
