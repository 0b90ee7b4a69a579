// Training sessions as evidence of UN recommendations (the recommendations module's EvidenceResolver): a session's
// label (course title and place), first day, organiser and workspace link, and the evidence picker's search by
// course title or place (diacritics and case ignored). Every signed-in user sees the sessions (not the rosters);
// sessions have no public page — their attendance is personal data — so they count in the workspace and the report
// draft but never show on the public tracker.
import { sql } from 'drizzle-orm';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { containsPattern } from '../../kernel/text.js';
import type { EvidenceHit, EvidenceRecord, EvidenceResolver } from '../recommendations/recommendations.evidence.js';

type Row = { id: number; title: string; starts_on: string; place: string | null; unit: string | null; country: string | null; organiser_id: number; org: string };

function toRecord(r: Row): EvidenceHit {
  const where = [r.place, r.unit ?? r.country].filter(Boolean).join(', ');
  return {
    id: Number(r.id), label: where ? `${r.title} — ${where}` : r.title, date: r.starts_on, organisationId: Number(r.organiser_id), organisationName: r.org,
    href: `/training?tab=courses&session=${r.id}`, publicHref: null, public: false,
  };
}
const SELECT = sql`select s.id, c.title, s.starts_on::text as starts_on, s.place, u.name_vi as unit, s.country_code as country, s.organiser_id, o.name_vi as org
  from training_sessions s join training_courses c on c.id = s.course_id join organisations o on o.id = s.organiser_id
  left join admin_units u on u.id = s.province_unit_id`;

export const trainingSessionResolver: EvidenceResolver = {
  type: 'training_session',
  label: { vi: 'Lớp tập huấn', en: 'Training sessions' },
  async resolve(db: Db, ids: number[]) {
    if (!ids.length) return new Map<number, EvidenceRecord>();
    const r = await rows<Row>(db, sql`${SELECT} where s.id = any(${intArray(new Set(ids))})`);
    return new Map(r.map((x) => [Number(x.id), toRecord(x)]));
  },
  async search(db, _actor, q) {
    const words = q.words.map((w) => sql`lower(f_unaccent(c.title || ' ' || coalesce(s.place, ''))) like ${containsPattern(w)}`);
    const r = await rows<Row>(db, sql`${SELECT} where ${sql.join(words, sql` and `)}
      ${q.organisationIds ? sql`and s.organiser_id = any(${intArray(q.organisationIds)})` : sql``}
      order by s.starts_on desc, s.id desc limit ${q.limit}`);
    return r.map(toRecord);
  },
};
