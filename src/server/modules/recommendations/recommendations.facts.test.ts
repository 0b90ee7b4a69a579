// T6 from the indicator facts gives exactly what the record-by-record provider gives (the oracle), on randomised
// recommendations (positions, communication marking, the three named ones whatever their marking, lead organisations of
// every kind in provinces of both maps or none, creation and status changes over 2023–2027 near Viet Nam's midnight,
// several changes on one day, changes recorded before creation), for years, halves, quarters and months, on both maps
// with a province, a kind and an organisation — after the full build and after writes through the services (created,
// re-marked, lead changed, statuses moved forward and back), each followed by a read.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import { recordAudit, systemActor, type Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import type { IndicatorScope } from '../../../shared/contracts/indicators.js';
import { compareWithOracle, overlappingFacts } from '../indicators/indicators.oracle.js';
import { drillDown } from '../indicators/indicators.service.js';
import { assignImplementers, createRecommendation, updateRecommendation } from './recommendations.edit.js';
import { setStatus } from './recommendations.status.js';

let db: Db;
let office: Actor;
const orgs: { id: number; kind: string }[] = [];

let seed = 6_2026;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
/** A random instant from late 2022 to 2027; one in four within half an hour of a Vietnamese midnight (17:00Z). */
function instant(from = Date.UTC(2022, 11, 15), days = 1850): Date {
  const day = from + Math.floor(rand() * days) * 86_400_000;
  const minutes = rand() < 0.25 ? 16 * 60 + 30 + Math.floor(rand() * 60) : Math.floor(rand() * 1440);
  return new Date(Math.floor(day / 86_400_000) * 86_400_000 + minutes * 60_000);
}
const STATUSES = ['not_started', 'in_progress', 'partly_implemented', 'implemented'] as const;
const KINDS = ['ministry', 'central_agency', 'provincial_committee', 'provincial_department', 'press', 'other'] as const;
const scope = (s: Partial<IndicatorScope>) => s as IndicatorScope;

async function generate() {
  const p34 = (await rows<{ code: string }>(db, sql`select code from admin_units where map_version = '34' order by code`)).map(
    (r) => r.code,
  );
  const u63 = (await rows<{ id: number }>(db, sql`select id from admin_units where map_version = '63' order by code`)).map((r) =>
    Number(r.id),
  );
  for (let i = 0; i < 14; i++) {
    const kind = pick(KINDS);
    const o = await makeOrg(db, { kind, provinceCode: kind.startsWith('provincial') || rand() < 0.3 ? pick(p34) : null });
    orgs.push({ id: o.id, kind });
  }
  // Units of the old map (records from before the 2025 merger).
  for (const o of orgs.slice(0, 4)) await db.execute(sql`update organisations set province_unit_id = ${pick(u63)} where id = ${o.id}`);
  const named = ['38.63', '38.67', '38.86'];
  const values = [];
  for (let i = 0; i < 160; i++) {
    const isNamed = i < 3;
    const mechanism = i === 3 ? 'treaty_body' : isNamed || rand() < 0.7 ? 'upr' : pick(['treaty_body', 'special_procedure']);
    const cycle = isNamed || i === 3 ? 'UPR-III' : pick(['UPR-III', 'UPR-IV', 'CCPR-2019']);
    const paragraph = isNamed ? named[i]! : i === 3 ? '38.63' : `${100 + i}.${1 + Math.floor(rand() * 40)}`;
    const position = isNamed
      ? i === 0
        ? null
        : pick(['supported', 'noted'])
      : pick(['supported', 'supported_in_part', 'noted', null] as const);
    const communication = isNamed ? i === 2 : rand() < 0.6;
    const lead = rand() < 0.85 ? pick(orgs).id : null;
    values.push(
      sql`(${mechanism}, ${cycle}, ${isNamed ? 'A/HRC/41/7' : 'A/HRC/TEST/1'}, ${paragraph}, ${position}, ${communication}, ${lead}::int, ${instant().toISOString()}::timestamptz)`,
    );
  }
  await db.execute(sql`insert into recommendations (mechanism, cycle, source_document, paragraph, position, communication, lead_organisation_id, created_at)
    values ${sql.join(values, sql`, `)} on conflict do nothing`);
  const recs = await rows<{ id: number; created_at: Date }>(db, sql`select id, created_at from recommendations order by id`);
  const history = [];
  for (const r of recs) {
    let t = new Date(r.created_at).getTime();
    // Now and then a change recorded before the creation (an import of an older history).
    if (rand() < 0.1)
      history.push(sql`(${Number(r.id)}, ${pick(STATUSES)}, 'test', ${new Date(t - 3 * 86_400_000).toISOString()}::timestamptz)`);
    const n = Math.floor(rand() * 6);
    for (let k = 0; k < n; k++) {
      t += rand() < 0.25 ? Math.floor(rand() * 3 * 3600_000) : Math.floor(rand() * 400) * 86_400_000; // some on the same day
      history.push(sql`(${Number(r.id)}, ${pick(STATUSES)}, 'test', ${new Date(t).toISOString()}::timestamptz)`);
    }
  }
  await db.execute(sql`insert into rec_status_history (recommendation_id, to_status, actor_name, at) values ${sql.join(history, sql`, `)}`);
  // The status column as the history leaves it (the services read it for the next move).
  await db.execute(
    sql`update recommendations r set status = coalesce((select h.to_status from rec_status_history h where h.recommendation_id = r.id order by h.at desc, h.id desc limit 1), 'not_started')`,
  );
}

const check = async (list: IndicatorScope[]) => expect(await compareWithOracle(db, ['T6'], list)).toEqual([]);

beforeAll(async () => {
  db = (await testDatabase()).db;
  const u = await makeUser(db, 'admin');
  office = { userId: u.id, name: u.username, role: 'admin', organisationId: null, via: 'api' };
  await generate();
}, 120_000);

describe('T6 from the indicator facts', () => {
  it('gives what the records give, for every kind of period and scope, with at most one fact per recommendation', async () => {
    const [p63] = await rows<{ code: string }>(
      db,
      sql`select u.code from organisations o join admin_units u on u.id = o.province_unit_id where u.map_version = '63' limit 1`,
    );
    const [p34] = await rows<{ code: string }>(
      db,
      sql`select u.code from organisations o join admin_units u on u.id = o.province_unit_id where u.map_version = '34' limit 1`,
    );
    const withLead = orgs.find((o) => o.kind !== 'press')!;
    await check([
      scope({ period: '2023' }),
      scope({ period: '2024' }),
      scope({ period: '2025' }),
      scope({ period: '2026' }),
      scope({ period: '2027' }),
      scope({ period: '2025-H1' }),
      scope({ period: '2024-Q3' }),
      scope({ period: '2026-Q4' }),
      scope({ period: '2025-02' }),
      scope({ period: '2023-01' }),
      scope({ period: '2026', map: '63', province: p63!.code }),
      scope({ period: '2026', map: '34', province: p34!.code }),
      scope({ period: '2024', map: '63', province: p63!.code }),
      scope({ period: '2026', orgKind: withLead.kind as IndicatorScope['orgKind'] }),
      scope({ period: '2026', organisationId: withLead.id }),
    ]);
    expect(await overlappingFacts(db, 'T6', ['2023-01-01', '2024-06-30', '2025-12-31', '2026-12-31', '2027-12-31'])).toEqual([]);
  }, 300_000);

  it('describes each recommendation as the records do, the named ones first', async () => {
    for (const part of ['denominator', 'numerator', 'gap'] as const) {
      const q = { period: '2026', part, limit: 200 };
      const [a, o] = await Promise.all([drillDown(db, 'T6', q), drillDown(db, 'T6', q, { oracle: true })]);
      expect(a.total).toBe(o.total);
      const byId = new Map(o.records.map((r) => [r.id, r]));
      const seen = (r: (typeof a.records)[number]) => ({
        label: r.label,
        detail: r.detail,
        href: r.href,
        org: r.organisationName,
        province: r.province,
      });
      for (const r of a.records) expect(seen(r)).toEqual(seen(byId.get(r.id)!));
      if (part === 'denominator') expect(a.records.slice(0, 3).every((r) => r.label.endsWith('★'))).toBe(true);
    }
  }, 120_000);

  it('stays exact after writes through the services', async () => {
    const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(db, q))[0]!;
    // A new accepted communication recommendation (created now: its first status today).
    const created = await createRecommendation(db, office, {
      mechanism: 'upr',
      cycle: 'UPR-IV',
      sourceDocument: 'A/HRC/TEST/2',
      paragraph: '12.7',
      position: 'supported',
      communication: true,
    });
    await check([scope({ period: '2026' }), scope({ period: '2026-12' }), scope({ period: '2025' })]);
    // Its status moved forward (with what the rule needs) on a day in the past, and back later.
    await db.execute(
      sql`insert into rec_actions (recommendation_id, organisation_id, title, target_date, status, completed_on) values (${created.id}, ${orgs[0]!.id}, 'Tập huấn', '2026-06-01', 'done', '2026-05-30')`,
    );
    await db.execute(
      sql`insert into rec_reports (recommendation_id, organisation_id, period, narrative, status, submitted_by) values (${created.id}, ${orgs[0]!.id}, '2026-H1', 'Báo cáo', 'approved', 'test')`,
    );
    await db.execute(
      sql`insert into rec_evidence (recommendation_id, record_type, record_id, tagged_by) values (${created.id}, 'press_item', 1, 'test')`,
    );
    await assignImplementers(db, office, created.id, { leadOrganisationId: orgs[1]!.id, coImplementerIds: [] });
    await setStatus(db, office, created.id, { status: 'implemented' }, new Date('2026-12-06T16:59:00Z')); // 23:59 in Viet Nam
    await check([
      scope({ period: '2026' }),
      scope({ period: '2026-12' }),
      scope({ period: '2026', orgKind: orgs[1]!.kind as IndicatorScope['orgKind'] }),
    ]);
    await setStatus(db, office, created.id, { status: 'in_progress', reason: 'Thiếu minh chứng.' }, new Date('2026-12-06T17:01:00Z')); // the next day there
    await check([scope({ period: '2026' }), scope({ period: '2026-12' })]);
    // A recommendation re-marked: no longer on communication, then accepted again.
    const rec = await one<{ id: number; mechanism: string; cycle: string; source_document: string; paragraph: string }>(sql`
      select id, mechanism, cycle, source_document, paragraph from recommendations where communication and position = 'supported' and id > 3 order by id limit 1`);
    const input = {
      mechanism: rec.mechanism,
      cycle: rec.cycle,
      sourceDocument: rec.source_document,
      paragraph: rec.paragraph,
      position: 'supported',
    };
    await updateRecommendation(db, office, rec.id, { ...input, communication: false });
    await check([scope({ period: '2026' }), scope({ period: '2025-Q2' })]);
    await updateRecommendation(db, office, rec.id, { ...input, communication: true, position: 'supported_in_part' });
    await check([scope({ period: '2026' })]);
    // A lead organisation changed (the record moves between kinds and provinces).
    const moved = await one<{ id: number }>(
      sql`select id from recommendations where communication and position in ('supported', 'supported_in_part') order by id desc limit 1`,
    );
    await assignImplementers(db, office, moved.id, { leadOrganisationId: orgs[5]!.id, coImplementerIds: [] });
    await check([
      scope({ period: '2026', orgKind: orgs[5]!.kind as IndicatorScope['orgKind'] }),
      scope({ period: '2026', organisationId: orgs[5]!.id }),
    ]);
    // A status step back with a reason, dated in a past quarter; a history row deleted by hand.
    const back = await one<{ id: number }>(
      sql`select id from recommendations where status = 'implemented' and (communication or id <= 3) order by id limit 1`,
    );
    await setStatus(
      db,
      office,
      back.id,
      { status: 'partly_implemented', reason: 'Một hoạt động bị mở lại.' },
      new Date('2025-09-30T17:00:00Z'),
    );
    await check([scope({ period: '2025-Q3' }), scope({ period: '2025-Q4' }), scope({ period: '2025' })]);
    await db.execute(
      sql`delete from rec_status_history where id = (select max(id) from rec_status_history where recommendation_id = ${back.id})`,
    );
    await recordAudit(db, systemActor('cli', 'test'), 'test', 'recommendation', back.id, null, null);
    await check([scope({ period: '2025-Q3' }), scope({ period: '2025-Q4' })]);
    expect(await overlappingFacts(db, 'T6', ['2025-09-30', '2025-10-01', '2026-12-06', '2026-12-07'])).toEqual([]);
  }, 600_000);
});
