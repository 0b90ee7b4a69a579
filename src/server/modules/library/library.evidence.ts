// Library products as evidence of UN recommendations (the recommendations module's EvidenceResolver): labels, dates,
// organisations and links of products by id, and the evidence picker's search by title in any of the product's
// languages (diacritics and case ignored). Every signed-in user sees every product; the public sees published ones.
import { sql } from 'drizzle-orm';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { containsPattern } from '../../kernel/text.js';
import type { EvidenceHit, EvidenceRecord, EvidenceResolver } from '../recommendations/recommendations.evidence.js';

type Row = { id: number; title: string | null; status: string; date: string; organisation_id: number; org: string };

function toRecord(r: Row): EvidenceHit {
  const isPublic = r.status === 'published';
  return {
    id: Number(r.id), label: r.title ?? `#${r.id}`, date: r.date, organisationId: Number(r.organisation_id), organisationName: r.org,
    href: `/library?product=${r.id}`, publicHref: isPublic ? `/thu-vien/${r.id}` : null, public: isPublic,
  };
}
const SELECT = sql`select p.id, t.title, p.status, p.date::text as date, p.organisation_id, o.name_vi as org from library_products p
  join organisations o on o.id = p.organisation_id left join library_product_texts t on t.product_id = p.id and t.position = 0`;

export const libraryProductResolver: EvidenceResolver = {
  type: 'library_product',
  label: { vi: 'Sản phẩm thư viện', en: 'Library products' },
  async resolve(db: Db, ids: number[]) {
    if (!ids.length) return new Map<number, EvidenceRecord>();
    const r = await rows<Row>(db, sql`${SELECT} where p.id = any(${intArray(new Set(ids))})`);
    return new Map(r.map((x) => [Number(x.id), toRecord(x)]));
  },
  async search(db, _actor, q) {
    // search_text (trigram index) contains the folded titles: it narrows; search_title (the titles only) decides.
    const words = q.words.map((w) => sql`p.search_text like ${containsPattern(w)} and p.search_title like ${containsPattern(w)}`);
    const r = await rows<Row>(db, sql`${SELECT} where ${sql.join(words, sql` and `)}
      ${q.organisationIds ? sql`and p.organisation_id = any(${intArray(q.organisationIds)})` : sql``}
      order by p.date desc, p.id desc limit ${q.limit}`);
    return r.map(toRecord);
  },
};
