// Training sessions as evidence of UN recommendations (the recommendations module's EvidenceResolver): a session's
// label (course title and place), first day, organiser and workspace link, and the evidence picker's search by
// course title or place (diacritics and case ignored). Every signed-in user sees the sessions (not the rosters);
// sessions have no public page — their attendance is personal data — so they count in the workspace and the report
// draft but never show on the public tracker.
import { sql } from 'drizzle-orm';
import { sqlEvidenceResolver } from '../recommendations/recommendations.resolver.js';

type Row = {
  id: number;
  title: string;
  starts_on: string;
  place: string | null;
  unit: string | null;
  country: string | null;
  organiser_id: number;
  org: string;
};

export const trainingSessionResolver = sqlEvidenceResolver<Row>({
  type: 'training_session',
  label: { vi: 'Lớp tập huấn', en: 'Training sessions' },
  select: sql`select s.id, c.title, s.starts_on::text as starts_on, s.place, u.name_vi as unit, s.country_code as country, s.organiser_id, o.name_vi as org
    from training_sessions s join training_courses c on c.id = s.course_id join organisations o on o.id = s.organiser_id
    left join admin_units u on u.id = s.province_unit_id`,
  id: sql`s.id`,
  organisation: sql`s.organiser_id`,
  titleLike: (pattern) => sql`lower(f_unaccent(c.title || ' ' || coalesce(s.place, ''))) like ${pattern}`,
  newestFirst: sql`s.starts_on desc, s.id desc`,
  toRecord: (r) => {
    const where = [r.place, r.unit ?? r.country].filter(Boolean).join(', ');
    return {
      id: Number(r.id),
      label: where ? `${r.title} — ${where}` : r.title,
      date: r.starts_on,
      organisationId: Number(r.organiser_id),
      organisationName: r.org,
      href: `/training?tab=courses&session=${r.id}`,
      publicHref: null,
      public: false,
    };
  },
});
