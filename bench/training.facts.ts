// T2a–T2d indicator facts at national scale: 300,000 rostered people, about 450,000 attendance rows (the training
// bench's data, generated with set-based SQL), on PGlite, or on PostgreSQL when BENCH_DATABASE_URL is set (a database
// `rh_bench_training_facts` is created there and dropped after). Measured, each beside the old record-by-record
// computation (the providers, now the test oracle) in the same run:
//   - a full rebuild of the T2 facts (refreshAllFacts) | the old coverage timeline read and one day derived from it;
//     the facts built from none, and rebuilt after a change of the coverage rule;
//   - one person's refresh after one attendance is recorded (median of 20);
//   - the T2 figures of the dashboard (2026 with the trend 2023–2026) right after that write | the same from the providers;
//   - the refresh after one 50,000-row attendance statement (a sign-in import's write).
// Run: `npx tsx bench/training.facts.ts` (BENCH_TRAINING_PEOPLE changes the size; BENCH_DIR keeps the PGlite data dir
// and reuses its data on the next run; BENCH_KEEP=1 keeps the PostgreSQL database and reuses it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/server/kernel/audit.js';
import { openPg, openPglite, rows, type Database } from '../src/server/kernel/db.js';
import { seedDemo } from '../src/server/modules/directory/directory.demo.js';
import { refreshAllFacts, syncFacts } from '../src/server/modules/indicators/indicators.facts.js';
import { getDashboard } from '../src/server/modules/indicators/indicators.service.js';
import { loadAllReference } from '../src/server/modules/index.js';
import { coverageAsOf, coverageTimeline, DEFAULT_RULE, setCoverageRule } from '../src/server/modules/training/training.coverage.js';
import { createCourse, createSession, recordAttendance } from '../src/server/modules/training/training.service.js';
import { n } from './press.js';
import { addMemberships } from './training.js';

const PEOPLE = Number(process.env.BENCH_TRAINING_PEOPLE ?? 300_000);
const T2 = ['T2a', 'T2b', 'T2c', 'T2d'] as const;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The training bench's roster and attendance (bench/training.ts), with a training-only course too; set-based SQL. */
async function generate(d: Database): Promise<number[]> {
  const db = d.db,
    actor = systemActor('cli', 'bench');
  await db.execute(sql`
    with orgs as (select id, row_number() over (order by id) - 1 as k, count(*) over () as n from organisations)
    insert into training_people (full_name, name_key, position, organisation_id)
    select 'Người ' || i, 'nguoi ' || i, 'Chuyên viên (bench)', o.id from generate_series(0, ${PEOPLE - 1}) i join orgs o on o.k = i % o.n`);
  await addMemberships(db);
  const [org] = await rows<{ id: number }>(db, sql`select id from organisations where code = 'UBND-01'`);
  const orgId = Number(org!.id);
  const course = async (kind: 'both' | 'update' | 'training') =>
    (await createCourse(db, actor, { title: `${kind} (bench)`, kind, format: 'in_person', organisationId: orgId })).id;
  const kinds = [await course('update'), await course('both'), await course('training')];
  const sessions: number[] = [];
  for (let s = 0; s < 60; s++) {
    const day = `${2023 + (s % 4)}-${String(1 + (s % 12)).padStart(2, '0')}-15`;
    sessions.push(
      (await createSession(db, actor, { courseId: kinds[s % 3]!, startsOn: day, endsOn: day, provinceCode: '01', organiserId: orgId })).id,
    );
  }
  await db.execute(sql`
    insert into training_attendance (session_id, person_id, attended, completed)
    select (${sql`array[${sql.join(
      sessions.map((x) => sql`${x}`),
      sql`, `,
    )}]::int[]`})[1 + (p.id * 7 + k) % 60], p.id, true, (p.id + k) % 5 <> 0
    from training_people p cross join generate_series(0, 2) k where (p.id * 13 + k) % 10 < 5
    on conflict do nothing`);
  await db.execute(sql`analyze`);
  return sessions;
}

async function bench(d: Database, label: string, generated = false) {
  const db = d.db;
  await d.migrate();
  let t = 0;
  if (!generated) {
    await loadAllReference(db);
    await seedDemo(db);
    [t] = await time(() => generate(d));
  }
  const [c] = await rows<{ p: number; a: number; m: number; dirty: number }>(
    db,
    sql`select (select count(*)::int from training_people) as p,
    (select count(*)::int from training_attendance) as a, (select count(*)::int from training_memberships) as m, (select count(*)::int from indicator_dirty where source = 'training') as dirty`,
  );
  console.log(
    `${label}: generated ${n(c!.p)} people, ${n(c!.m)} memberships, ${n(c!.a)} attendance rows in ${ms(t)} (${n(c!.dirty)} dirty keys written by the triggers)`,
  );
  await syncFacts(db); // the first read builds every source's facts

  const rebuild: number[] = [],
    old: number[] = [];
  for (let i = 0; i < 3; i++) {
    rebuild.push((await time(() => refreshAllFacts(db, ['training'])))[0]);
    old.push((await time(async () => coverageAsOf(await coverageTimeline(db), '2026-12-31')))[0]);
  }
  const [f] = await rows<{ n: number }>(db, sql`select count(*)::int as n from indicator_facts where ind like 'T2%'`);
  console.log(
    `${label}: full rebuild of the T2 facts (${n(f!.n)} facts, none changed): median ${ms(median(rebuild))} (${rebuild.map(ms).join(', ')}) | reference, the old coverage timeline + one day: median ${ms(median(old))}`,
  );
  await db.execute(sql`delete from indicator_facts where ind in ('T2a', 'T2b', 'T2c', 'T2d')`);
  const [empty] = await time(() => refreshAllFacts(db, ['training']));
  const office = { ...systemActor('api', 'bench'), role: 'admin' as const };
  await setCoverageRule(db, office, { ...DEFAULT_RULE, minUpdates: 2 });
  const [rule] = await time(() => syncFacts(db));
  await setCoverageRule(db, office, DEFAULT_RULE);
  await syncFacts(db);
  console.log(`${label}: T2 facts built from none ${ms(empty)}; after a rule change (two updates) ${ms(rule)}`);

  const sessions = await rows<{ id: number }>(db, sql`select id from training_sessions order by id desc limit 20`);
  const people = await rows<{ id: number }>(db, sql`select person_id as id from training_memberships order by person_id desc limit 20`);
  const one: number[] = [],
    write: number[] = [];
  for (let i = 0; i < 20; i++) {
    write.push(
      (
        await time(() =>
          recordAttendance(db, systemActor('api', 'bench'), {
            sessionId: Number(sessions[i]!.id),
            personId: Number(people[i]!.id),
            attended: true,
            completed: true,
          }),
        )
      )[0],
    );
    one.push((await time(() => syncFacts(db)))[0]);
  }
  console.log(
    `${label}: one person's refresh after one attendance: median ${ms(median(one))}, max ${ms(Math.max(...one))} | reference, the write itself (recordAttendance): median ${ms(median(write))}`,
  );

  await getDashboard(db, { period: '2026' }, { only: [...T2] });
  await getDashboard(db, { period: '2026' }, { only: [...T2], oracle: true });
  await recordAttendance(db, systemActor('api', 'bench'), {
    sessionId: Number(sessions[0]!.id),
    personId: Number(people[5]!.id),
    attended: true,
    completed: false,
  });
  const [tf, dash] = await time(() => getDashboard(db, { period: '2026' }, { only: [...T2] }));
  const [tc] = await time(() => getDashboard(db, { period: '2026' }, { only: [...T2] }));
  await recordAttendance(db, systemActor('api', 'bench'), {
    sessionId: Number(sessions[1]!.id),
    personId: Number(people[6]!.id),
    attended: true,
    completed: false,
  });
  const [to, odash] = await time(() => getDashboard(db, { period: '2026' }, { only: [...T2], oracle: true }));
  const same =
    JSON.stringify(dash.figures.map((x) => [x.numerator, x.denominator])) ===
    JSON.stringify(odash.figures.map((x) => [x.numerator, x.denominator]));
  console.log(
    `${label}: T2 dashboard (2026, trend 2023–2026) after one write: facts ${ms(tf)}, again ${ms(tc)} | reference, the providers after one write: ${ms(to)}${same ? '' : ' (figures differ: see the test)'}; T2a ${dash.figures[0]!.numerator}/${dash.figures[0]!.denominator}`,
  );

  const [ti] = await time(() =>
    db.execute(sql`insert into training_attendance (session_id, person_id, attended, completed)
    select ${Number(sessions[2]!.id)}, id, true, true from training_people where merged_into_id is null order by id limit 50000 on conflict do nothing`),
  );
  const [ts] = await time(() => syncFacts(db));
  console.log(
    `${label}: one statement writing 50,000 attendance rows (a sign-in import) ${ms(ti)} with its trigger; the refresh of its 50,000 people ${ms(ts)}`,
  );
}

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const keep = process.env.BENCH_KEEP === '1';
    const exists = (await admin.query("select 1 from pg_database where datname = 'rh_bench_training_facts'")).rowCount === 1;
    if (!keep || !exists) {
      await admin.query('drop database if exists rh_bench_training_facts with (force)');
      await admin.query('create database rh_bench_training_facts');
    }
    const u = new URL(url);
    u.pathname = '/rh_bench_training_facts';
    const d = openPg(u.toString(), 4);
    try {
      await bench(d, 'PostgreSQL', keep && exists);
    } finally {
      await d.close();
      if (!keep) await admin.query('drop database if exists rh_bench_training_facts with (force)');
      await admin.end();
    }
    return;
  }
  const keep = process.env.BENCH_DIR;
  const root = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rh-bench-t2facts-'));
  const generated = Boolean(keep && fs.existsSync(path.join(root, 'generated')));
  const d = await openPglite(path.join(root, 'db'));
  try {
    await bench(d, 'PGlite', generated);
    if (keep) fs.writeFileSync(path.join(root, 'generated'), '');
  } finally {
    await d.close();
    if (!keep) fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
