// Library products as evidence of UN recommendations (the recommendations module's EvidenceResolver): labels, dates,
// organisations and links of products by id, and the evidence picker's search by title in any of the product's
// languages (diacritics and case ignored). Every signed-in user sees every product; the public sees published ones.
import { sql } from 'drizzle-orm';
import { sqlEvidenceResolver } from '../recommendations/recommendations.resolver.js';

type Row = { id: number; title: string | null; status: string; date: string; organisation_id: number; org: string };

export const libraryProductResolver = sqlEvidenceResolver<Row>({
  type: 'library_product',
  label: { vi: 'Sản phẩm thư viện', en: 'Library products' },
  select: sql`select p.id, t.title, p.status, p.date::text as date, p.organisation_id, o.name_vi as org from library_products p
    join organisations o on o.id = p.organisation_id left join library_product_texts t on t.product_id = p.id and t.position = 0`,
  id: sql`p.id`,
  organisation: sql`p.organisation_id`,
  // search_text (trigram index) contains the folded titles: it narrows; search_title (the titles only) decides.
  titleLike: (pattern) => sql`p.search_text like ${pattern} and p.search_title like ${pattern}`,
  newestFirst: sql`p.date desc, p.id desc`,
  toRecord: (r) => {
    const isPublic = r.status === 'published';
    return {
      id: Number(r.id),
      label: r.title ?? `#${r.id}`,
      date: r.date,
      organisationId: Number(r.organisation_id),
      organisationName: r.org,
      href: `/library?product=${r.id}`,
      publicHref: isPublic ? `/thu-vien/${r.id}` : null,
      public: isPublic,
    };
  },
});
