// The indicator-facts engine on its own, with a fake module: a table of records, triggers that mark their keys dirty,
// a fact source that rewrites them, and an old-style provider over the same table as the oracle. On random records
// (places on both maps, own units, no place, kinds, languages, parts), every figure, trend, breakdown row and drill-down
// set of the facts equals the oracle's, before and after writes; a read after a committed write includes it; keyset
// pages cover the records once each; two refreshes at the same moment leave one set of facts.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { recordAudit } from '../../kernel/audit.js';
import { takeOutSources } from '../../../../test/indicator-sources.js';
import { testDatabase } from '../../../../test/test-db.js';
import { rows, type Database, type Db } from '../../kernel/db.js';
import { indicatorProviders } from '../providers.js';
import { compareWithOracle } from './indicators.oracle.js';
import { deleteFacts, overrideFactSource, syncFacts, type FactSource } from './indicators.facts.js';
import type { IndicatorProvider, IndicatorRecord } from './indicators.registry.js';
import { drillDown, getDashboard } from './indicators.service.js';

let d: Database;
let db: Db;
const undo: (() => void)[] = [];

// A seeded generator: the same random records on every run.
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;

type Fake = {
  id: number;
  organisation_id: number | null;
  unit_id: number | null;
  day: string;
  digital: boolean;
  langs: string[];
  published: boolean;
};

const fakeProvider: IndicatorProvider = {
  id: 'T4b',
  async records(pdb, span) {
    const r = await rows<
      Fake & {
        kind: string | null;
        name: string | null;
        map: string | null;
        code: string | null;
        umap: string | null;
        ucode: string | null;
      }
    >(
      pdb,
      sql`
      select f.id, f.organisation_id, f.unit_id, f.day::text as day, f.digital, f.langs, f.published, o.kind, o.name_vi as name,
        ou.map_version as map, ou.code, uu.map_version as umap, uu.code as ucode
      from fake_records f left join organisations o on o.id = f.organisation_id left join admin_units ou on ou.id = o.province_unit_id
      left join admin_units uu on uu.id = f.unit_id
      where f.published and f.day between ${span.firstDay}::date and ${span.lastDay}::date order by f.id`,
    );
    return r.map((x): IndicatorRecord => {
      const parts = [...x.langs.filter((l) => l === 'ethnic' || l === 'foreign'), ...(x.digital ? ['digital'] : [])];
      const unit = x.ucode ? { map: x.umap as '34' | '63', code: x.ucode } : x.code ? { map: x.map as '34' | '63', code: x.code } : null;
      return {
        type: 'fake',
        id: x.id,
        label: `Fake ${x.id}`,
        counts: parts.length > 0,
        inDenominator: true,
        unit,
        orgKind: x.kind,
        organisationId: x.organisation_id,
        organisationName: x.name,
        dims: { language: [...x.langs].sort(), part: ['ethnic', 'foreign', 'digital'] },
        countsIn: { part: parts },
        detail: null,
        href: null,
      };
    });
  },
};

const fakeSource: FactSource = {
  name: 'fake',
  indicators: [
    {
      id: 'T4b',
      mode: 'dated',
      countsInBreakdowns: ['part'],
      async describe(_db, facts) {
        return new Map(facts.map((f) => [Number(f.rec_id), { label: `Fake ${f.rec_id}`, detail: null, href: null }]));
      },
    },
  ],
  async refresh(tx, keys) {
    await deleteFacts(tx, ['T4b'], keys);
    const only = keys === null ? sql`true` : sql`f.id = any(${`{${keys.join(',')}}`}::int[])`;
    await tx.execute(sql`insert into indicator_facts (ind, src, rec_type, rec_id, d_from, counts, unit_id, org_id, dims, counts_in, sort_key)
      select 'T4b', f.id, 'fake', f.id, f.day, p.parts <> '{}', f.unit_id, f.organisation_id,
        array(select 'language:' || l from unnest(f.langs) l) || array['part:ethnic', 'part:foreign', 'part:digital'],
        array(select 'part:' || x from unnest(p.parts) x), lpad(f.id::text, 8, '0')
      from fake_records f
      cross join lateral (select array(select l from unnest(f.langs) l where l in ('ethnic', 'foreign')) || case when f.digital then array['digital'] else '{}' end as parts) p
      where f.published and ${only}`);
  },
};

beforeAll(async () => {
  d = await testDatabase();
  db = d.db;
  // The library's own T4b (its provider and its fact source, whose rebuilds would rewrite every T4b fact) steps aside.
  undo.push(takeOutSources((id) => id === 'T4b'));
  indicatorProviders.push(fakeProvider);
  undo.push(() => {
    indicatorProviders.splice(indicatorProviders.indexOf(fakeProvider), 1);
  });
  undo.push(overrideFactSource(fakeSource));
  await db.execute(sql`create table fake_records (id serial primary key, organisation_id int, unit_id int, day date not null, digital boolean not null,
    langs text[] not null, published boolean not null default true)`);
  for (const [op, ref] of [
    ['insert', 'new table as new_rows'],
    ['update', 'old table as old_rows new table as new_rows'],
    ['delete', 'old table as old_rows'],
  ]) {
    await db.execute(
      sql.raw(
        `create trigger fake_${op} after ${op} on fake_records referencing ${ref} for each statement execute function rh_mark_dirty('fake', 'id')`,
      ),
    );
  }
  const orgs = [
    await makeOrg(db, { nameVi: 'UBND thử Hà Nội', kind: 'provincial_committee', provinceCode: '01' }),
    await makeOrg(db, { nameVi: 'Sở thử Tuyên Quang', kind: 'provincial_department', provinceCode: '08' }), // formed from 02 and 08
    await makeOrg(db, { nameVi: 'Báo thử', kind: 'press', provinceCode: '08' }),
    await makeOrg(db, { nameVi: 'Bộ thử', kind: 'ministry' }),
  ].map((o) => o.id);
  const units63 = (
    await rows<{ id: number }>(db, sql`select id from admin_units where map_version = '63' and code in ('02', '08', '01', '79')`)
  ).map((u) => u.id);
  const values = [];
  for (let i = 0; i < 400; i++) {
    const day = `${pick(['2023', '2024', '2025', '2026'])}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const org = rnd() < 0.1 ? null : pick(orgs);
    const unit = rnd() < 0.2 ? pick(units63) : null;
    const langs = ['national', 'ethnic', 'foreign'].filter(() => rnd() < 0.35);
    values.push(sql`(${org}, ${unit}, ${day}::date, ${rnd() < 0.3}, ${`{${langs.join(',')}}`}::text[], ${rnd() < 0.9})`);
  }
  await db.execute(
    sql`insert into fake_records (organisation_id, unit_id, day, digital, langs, published) values ${sql.join(values, sql`, `)}`,
  );
});

afterAll(async () => {
  for (const u of undo.reverse()) u();
  await d.close();
});

/** A raw write to the fake table, then an audit entry: the oracle's record cache is keyed by the newest audit id (the
 *  facts need none: the triggers mark the keys). */
async function write(q: ReturnType<typeof sql>) {
  await db.execute(q);
  await recordAudit(db, seedActor, 'update', 'fake', 0, null, null);
}

const SCOPES = [
  { period: '2025' },
  { period: '2026-Q2' },
  { period: '2024-03' },
  { period: '2023-H2' },
  { period: '2025', map: '63' as const },
  { period: '2025', map: '63' as const, province: '02' },
  { period: '2026', map: '34' as const, province: '08' },
  { period: '2024', orgKind: 'press' as const },
];

describe('indicator facts (engine, fake module)', () => {
  it('give every figure, trend, breakdown row and drill-down of the record-by-record computation', async () => {
    expect(await compareWithOracle(db, ['T4b'], SCOPES)).toEqual([]);
  }, 120_000);

  it('include a committed write in the next read, and keep matching after updates and deletes', async () => {
    const before = (await getDashboard(db, { period: '2025' }, { only: ['T4b'] })).figures[0]!;
    await write(sql`insert into fake_records (organisation_id, day, digital, langs) values (null, '2025-06-01', true, '{}')`);
    const after = (await getDashboard(db, { period: '2025' }, { only: ['T4b'] })).figures[0]!;
    expect(after.denominator).toBe(before.denominator! + 1);
    expect(after.numerator).toBe(before.numerator + 1);
    await write(sql`update fake_records set digital = not digital, day = day + 40 where id % 7 = 0`);
    await write(sql`delete from fake_records where id % 11 = 0`);
    await write(sql`update fake_records set published = false where id % 13 = 0`);
    expect(await compareWithOracle(db, ['T4b'], SCOPES.slice(0, 4), { drill: false })).toEqual([]);
  }, 120_000);

  it('page through a drill-down with the keyset cursor, each record once, as the offset pages do', async () => {
    const q = { period: '2025', part: 'denominator' as const, limit: 7 };
    const all = await drillDown(db, 'T4b', { ...q, limit: 1000 });
    const seen: number[] = [];
    let after: string | undefined;
    for (let page = 0; page < 200; page++) {
      const r = await drillDown(db, 'T4b', { ...q, ...(after ? { after } : {}) });
      seen.push(...r.records.map((x) => x.id));
      if (!r.next) break;
      after = r.next;
    }
    expect(seen).toEqual(all.records.map((x) => x.id));
    expect(new Set(seen).size).toBe(all.total);
    await expect(drillDown(db, 'T4b', { ...q, after: 'not-a-cursor' })).rejects.toMatchObject({ code: 'validation_failed' });
    const nul = Buffer.from(JSON.stringify(['a\u0000b', 1])).toString('base64url');
    await expect(drillDown(db, 'T4b', { ...q, after: nul })).rejects.toMatchObject({ code: 'validation_failed' });
  }, 60_000);

  it('refresh once when two readers ask at the same moment', async () => {
    await write(sql`update fake_records set digital = not digital where id % 5 = 0`);
    await Promise.all([syncFacts(db), syncFacts(db), syncFacts(db)]);
    const dup = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from (select rec_id from indicator_facts where ind = 'T4b' group by rec_id having count(*) > 1) x`,
    );
    expect(dup[0]!.n).toBe(0);
    expect(await rows(db, sql`select 1 from indicator_dirty where source = 'fake'`)).toEqual([]);
    expect(await compareWithOracle(db, ['T4b'], [{ period: '2026' }], { drill: false })).toEqual([]);
  }, 60_000);
});
