// Press items as evidence of UN recommendations (the recommendations module's EvidenceResolver): labels, dates,
// organisations and links of items by id, and the evidence picker's search by title (diacritics and case ignored).
// Every signed-in user sees every press item in the workspace; the public sees published and corrected ones.
import { sql } from 'drizzle-orm';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { containsPattern } from '../../kernel/text.js';
import type { EvidenceHit, EvidenceRecord, EvidenceResolver } from '../recommendations/recommendations.evidence.js';

type Row = { id: number; title: string; status: string; published_at: Date | string | null; held_at: Date | string | null; organisation_id: number; org: string };
const day = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString().slice(0, 10));

function toRecord(r: Row): EvidenceHit {
  const isPublic = r.status === 'published' || r.status === 'corrected';
  return {
    id: Number(r.id), label: r.title, date: day(r.published_at ?? r.held_at), organisationId: Number(r.organisation_id), organisationName: r.org,
    href: `/press?item=${r.id}`, publicHref: isPublic ? `/tin-tuc/${r.id}` : null, public: isPublic,
  };
}
const SELECT = sql`select p.id, p.title, p.status, p.published_at, p.held_at, p.organisation_id, o.name_vi as org from press_items p join organisations o on o.id = p.organisation_id`;

export const pressItemResolver: EvidenceResolver = {
  type: 'press_item',
  label: { vi: 'Tin báo chí', en: 'Press items' },
  async resolve(db: Db, ids: number[]) {
    if (!ids.length) return new Map<number, EvidenceRecord>();
    const r = await rows<Row>(db, sql`${SELECT} where p.id = any(${intArray(new Set(ids))})`);
    return new Map(r.map((x) => [Number(x.id), toRecord(x)]));
  },
  async search(db, _actor, q) {
    // search_text starts with the folded title and has a trigram index: it narrows, the title decides.
    const words = q.words.map((w) => sql`p.search_text like ${containsPattern(w)} and lower(f_unaccent(p.title)) like ${containsPattern(w)}`);
    const r = await rows<Row>(db, sql`${SELECT} where ${sql.join(words, sql` and `)}
      ${q.organisationIds ? sql`and p.organisation_id = any(${intArray(q.organisationIds)})` : sql``}
      order by coalesce(p.published_at, p.held_at, p.created_at) desc, p.id desc limit ${q.limit}`);
    return r.map(toRecord);
  },
};
