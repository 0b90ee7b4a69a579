// Published fact-checks as evidence of UN recommendations (the recommendations module's EvidenceResolver): a claim
// whose verdict was published (published, corrected; a withdrawn one still resolves, no longer public) by id, and the
// evidence picker's search in the claim's text (diacritics and case ignored) among the claims published now.
// The label is the claim (shortened) with its rating; the date is the publication's day in Viet Nam; the
// organisation is the one of the person who published it (claims have no organisation of their own), so that
// organisation's editors may tag it and the programme office may tag any.
import { sql } from 'drizzle-orm';
import { vnDate } from '../../kernel/periods.js';
import { sqlEvidenceResolver } from '../recommendations/recommendations.resolver.js';

type Row = {
  id: number;
  text: string;
  status: string;
  published_at: Date | string | null;
  rating: string | null;
  organisation_id: number | null;
  org: string | null;
};
const LABEL_CHARS = 200;
const shortened = (s: string) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > LABEL_CHARS ? `${one.slice(0, LABEL_CHARS - 1).trimEnd()}…` : one;
};
const PUBLIC = sql`c.status in ('published', 'corrected')`;

export const factCheckResolver = sqlEvidenceResolver<Row>({
  type: 'fact_check',
  label: { vi: 'Kiểm chứng thông tin', en: 'Fact-checks' },
  // Only claims whose verdict has been published: a claim still in research is no evidence.
  select: sql`select c.id, c.text, c.status, c.published_at, r.label_vi as rating, u.organisation_id, o.name_vi as org
    from (select * from fc_claims where published_at is not null) c
    left join fc_ratings r on r.code = c.rating_code
    left join users u on u.id = c.published_by
    left join organisations o on o.id = u.organisation_id`,
  id: sql`c.id`,
  organisation: sql`u.organisation_id`,
  titleLike: (pattern) => sql`${PUBLIC} and lower(f_unaccent(c.text)) like ${pattern}`,
  newestFirst: sql`c.published_at desc, c.id desc`,
  toRecord: (r) => {
    const isPublic = r.status === 'published' || r.status === 'corrected';
    return {
      id: Number(r.id),
      label: r.rating ? `${shortened(r.text)} — ${r.rating}` : shortened(r.text),
      date: r.published_at === null ? null : vnDate(new Date(r.published_at)),
      organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
      organisationName: r.org,
      href: `/factcheck?tab=claims&claim=${r.id}`,
      publicHref: isPublic ? `/kiem-chung/${r.id}` : null,
      public: isPublic,
    };
  },
});
