// Targets T2a–T2d as indicators: the training module's providers. Records are the people on the group's roster on
// the span's last day; one counts when covered by the programme office's rule (training.coverage.ts). A person is
// placed by their organisation (its province on the 34-unit map, its kind). The drill-down shows people by number
// and position only: names are personal data, shown on the training coverage page to the person's organisation
// and the programme office (the href leads there).
import type { TargetGroup } from '../../../shared/contracts/training.js';
import { TARGET_GROUPS } from '../../../shared/contracts/training.js';
import { changedSince, writeStamp, type IndicatorProvider, type IndicatorRecord } from '../indicators/indicators.registry.js';
import type { Db } from '../../kernel/db.js';
import { coverageAsOf, coverageTimeline, type CoverageRecord, type CoverageTimeline } from './training.coverage.js';

const DEPENDS_ON = [
  'training_person',
  'training_session',
  'training_course',
  'training_attendance',
  'training_import',
  'training_settings',
  'organisation',
];

export const coverageHref = (group: string, personId: number, asOf: string) =>
  `/training/coverage?group=${group}&person=${personId}&asOf=${asOf}`;
/** A person as the drill-down names them: by number only. Every signed-in user may open a drill-down, and a position
 *  with its organisation (shown beside it) can name someone: names and positions stay on the training pages, which
 *  show them only to readers whose organisation holds the person (issue 16). */
export const personLabel = (personId: number) => `#${personId}`;
/** Whether a person is covered, with the sessions that count for them as of the day. */
export const coverageDetail = (covered: boolean, trainings: number, updates: number) => ({
  vi: `${covered ? 'Đã được tập huấn' : 'Chưa được tập huấn'}: ${trainings} buổi tập huấn, ${updates} buổi cập nhật thông tin`,
  en: `${covered ? 'Covered' : 'Not yet covered'}: ${trainings} training session${trainings === 1 ? '' : 's'}, ${updates} information update${updates === 1 ? '' : 's'}`,
});

/** The memberships and counted sessions of everyone are read in one query, shared by the four providers and every
 *  day of a trend, keyed by the newest audit id of the entities coverage depends on (another module's writes keep it).
 *  Each day's records are then derived in memory, also shared by the four groups. */
const shared = new WeakMap<Db, { stamp: number; timeline: Promise<CoverageTimeline>; days: Map<string, CoverageRecord[]> }>();
async function recordsOfDay(db: Db, day: string): Promise<CoverageRecord[]> {
  const stamp = await writeStamp(db);
  let entry = shared.get(db);
  // Writes since then that cannot change coverage (another module's) keep the timeline.
  if (entry && entry.stamp < stamp && !(await changedSince(db, DEPENDS_ON, entry.stamp, stamp))) entry.stamp = Math.max(entry.stamp, stamp);
  // The four providers ask at the same moment: one of them may have started the new timeline while this one waited.
  entry = shared.get(db);
  if (!entry || entry.stamp < stamp) {
    const timeline = coverageTimeline(db);
    entry = { stamp, timeline, days: new Map() };
    shared.set(db, entry);
    timeline.catch(() => {
      if (shared.get(db)?.timeline === timeline) shared.delete(db);
    });
  }
  const tl = await entry.timeline;
  let recs = entry.days.get(day);
  if (!recs) {
    recs = coverageAsOf(tl, day);
    if (entry.days.size >= 16) entry.days.delete(entry.days.keys().next().value!);
    entry.days.set(day, recs);
  }
  return recs;
}

/** A record of the T2 indicators. Hundreds of thousands are made per day and group, so the texts (label, detail, link)
 *  are built only when read (a drill-down page), and the place is one shared object per organisation. */
class PersonRecord implements IndicatorRecord {
  readonly type = 'training_person';
  readonly inDenominator = true;
  constructor(
    private readonly r: CoverageRecord,
    readonly unit: IndicatorRecord['unit'],
    private readonly day: string,
  ) {}
  get id() {
    return this.r.person_id;
  }
  get counts() {
    return this.r.covered;
  }
  get orgKind() {
    return this.r.org_kind;
  }
  get organisationId() {
    return this.r.organisation_id;
  }
  get organisationName() {
    return this.r.org_name;
  }
  get label() {
    return personLabel(this.r.person_id);
  }
  get detail() {
    return coverageDetail(this.r.covered, this.r.trainings, this.r.updates);
  }
  get href() {
    return coverageHref(this.r.target_group, this.r.person_id, this.day);
  }
  toJSON() {
    const { type, id, label, counts, inDenominator, unit, orgKind, organisationId, organisationName, detail, href } = this;
    return { type, id, label, counts, inDenominator, unit, orgKind, organisationId, organisationName, detail, href };
  }
}

function provider(group: TargetGroup): IndicatorProvider {
  return {
    id: group,
    dependsOn: DEPENDS_ON,
    async records(db, span) {
      const units = new Map<string, IndicatorRecord['unit']>();
      const unitOf = (r: CoverageRecord) => {
        if (!r.map || !r.unit) return null;
        const key = `${r.map}|${r.unit}`;
        let u = units.get(key);
        if (u === undefined) units.set(key, (u = { map: r.map as '34' | '63', code: r.unit }));
        return u;
      };
      const out: IndicatorRecord[] = [];
      for (const r of await recordsOfDay(db, span.lastDay))
        if (r.target_group === group) out.push(new PersonRecord(r, unitOf(r), span.lastDay));
      return out;
    },
  };
}

export const trainingProviders: IndicatorProvider[] = TARGET_GROUPS.map(provider);
