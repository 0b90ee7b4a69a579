// Exhibitions as evidence of UN recommendations (the recommendations module's EvidenceResolver): an exhibition's
// main title, first day, lead organiser and links, and the evidence picker's search by title in any language
// (diacritics and case ignored). Every signed-in user sees every exhibition; the public sees the online exhibitions
// published on the portal (/trien-lam/:id), so only those show on the public tracker.
import { sql } from 'drizzle-orm';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { containsPattern } from '../../kernel/text.js';
import type { EvidenceHit, EvidenceRecord, EvidenceResolver } from '../recommendations/recommendations.evidence.js';

type Row = { id: number; title: string | null; start_date: string; online: boolean; organisation_id: number; org: string };

function toRecord(r: Row): EvidenceHit {
  return {
    id: Number(r.id), label: r.title ?? `#${r.id}`, date: r.start_date, organisationId: Number(r.organisation_id), organisationName: r.org,
    href: `/exhibitions?exhibition=${r.id}`, publicHref: r.online ? `/trien-lam/${r.id}` : null, public: Boolean(r.online),
  };
}
const SELECT = sql`select e.id, t.title, e.start_date::text as start_date, e.online_published_at is not null as online, e.organisation_id, o.name_vi as org
  from exhibitions e join organisations o on o.id = e.organisation_id left join exhibition_texts t on t.exhibition_id = e.id and t.position = 0`;

export const exhibitionResolver: EvidenceResolver = {
  type: 'exhibition',
  label: { vi: 'Triển lãm', en: 'Exhibitions' },
  async resolve(db: Db, ids: number[]) {
    if (!ids.length) return new Map<number, EvidenceRecord>();
    const r = await rows<Row>(db, sql`${SELECT} where e.id = any(${intArray(new Set(ids))})`);
    return new Map(r.map((x) => [Number(x.id), toRecord(x)]));
  },
  async search(db, _actor, q) {
    const words = q.words.map((w) => sql`exists (select 1 from exhibition_texts x where x.exhibition_id = e.id and lower(f_unaccent(x.title)) like ${containsPattern(w)})`);
    const r = await rows<Row>(db, sql`${SELECT} where ${sql.join(words, sql` and `)}
      ${q.organisationIds ? sql`and e.organisation_id = any(${intArray(q.organisationIds)})` : sql``}
      order by e.start_date desc, e.id desc limit ${q.limit}`);
    return r.map(toRecord);
  },
};
