// Exhibitions as evidence of UN recommendations (the recommendations module's EvidenceResolver): an exhibition's
// main title, first day, lead organiser and links, and the evidence picker's search by title in any language
// (diacritics and case ignored). Every signed-in user sees every exhibition; the public sees the online exhibitions
// published on the portal (/trien-lam/:id), so only those show on the public tracker.
import { sql } from 'drizzle-orm';
import { sqlEvidenceResolver } from '../recommendations/recommendations.resolver.js';

type Row = { id: number; title: string | null; start_date: string; online: boolean; organisation_id: number; org: string };

export const exhibitionResolver = sqlEvidenceResolver<Row>({
  type: 'exhibition',
  label: { vi: 'Triển lãm', en: 'Exhibitions' },
  select: sql`select e.id, t.title, e.start_date::text as start_date, e.online_published_at is not null as online, e.organisation_id, o.name_vi as org
    from exhibitions e join organisations o on o.id = e.organisation_id left join exhibition_texts t on t.exhibition_id = e.id and t.position = 0`,
  id: sql`e.id`,
  organisation: sql`e.organisation_id`,
  titleLike: (pattern) =>
    sql`exists (select 1 from exhibition_texts x where x.exhibition_id = e.id and lower(f_unaccent(x.title)) like ${pattern})`,
  newestFirst: sql`e.start_date desc, e.id desc`,
  toRecord: (r) => ({
    id: Number(r.id),
    label: r.title ?? `#${r.id}`,
    date: r.start_date,
    organisationId: Number(r.organisation_id),
    organisationName: r.org,
    href: `/exhibitions?exhibition=${r.id}`,
    publicHref: r.online ? `/trien-lam/${r.id}` : null,
    public: Boolean(r.online),
  }),
});
