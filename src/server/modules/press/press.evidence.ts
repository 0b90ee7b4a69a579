// Press items as evidence of UN recommendations (the recommendations module's EvidenceResolver): labels, dates,
// organisations and links of items by id, and the evidence picker's search by title (diacritics and case ignored).
// Every signed-in user sees every press item in the workspace; the public sees published and corrected ones.
import { sql } from 'drizzle-orm';
import { sqlEvidenceResolver } from '../recommendations/recommendations.resolver.js';

type Row = {
  id: number;
  title: string;
  status: string;
  published_at: Date | string | null;
  held_at: Date | string | null;
  organisation_id: number;
  org: string;
};
const day = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString().slice(0, 10));

export const pressItemResolver = sqlEvidenceResolver<Row>({
  type: 'press_item',
  label: { vi: 'Tin báo chí', en: 'Press items' },
  select: sql`select p.id, p.title, p.status, p.published_at, p.held_at, p.organisation_id, o.name_vi as org from press_items p join organisations o on o.id = p.organisation_id`,
  id: sql`p.id`,
  organisation: sql`p.organisation_id`,
  // search_text starts with the folded title and has a trigram index: it narrows, the title decides.
  titleLike: (pattern) => sql`p.search_text like ${pattern} and lower(f_unaccent(p.title)) like ${pattern}`,
  newestFirst: sql`coalesce(p.published_at, p.held_at, p.created_at) desc, p.id desc`,
  toRecord: (r) => {
    const isPublic = r.status === 'published' || r.status === 'corrected';
    return {
      id: Number(r.id),
      label: r.title,
      date: day(r.published_at ?? r.held_at),
      organisationId: Number(r.organisation_id),
      organisationName: r.org,
      href: `/press?item=${r.id}`,
      publicHref: isPublic ? `/tin-tuc/${r.id}` : null,
      public: isPublic,
    };
  },
});
