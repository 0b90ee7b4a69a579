// Training bench (T2a–T2d) on embedded PGlite: a roster of 300,000 people across the demo directory's organisations
// (four target groups, some joined late or left), 60 sessions and about 450,000 attendance rows, generated with
// set-based SQL. Measured, through the module's own services:
//   (1) coverage as of a day for each group and the whole indicators dashboard: first, cached, and after a write;
//   (2) the import of a 50,000-row sign-in sheet: read + validate + match every name (preview), then the write of
//       the reviewed import with a decision for every ambiguous and unknown row (commit, all or nothing).
// Called from bench/run.ts; `BENCH_ONLY=training npm run bench` runs this part alone. BENCH_TRAINING_PEOPLE and
// BENCH_TRAINING_ROWS change the sizes (a quick trial at reduced size); BENCH_TRAINING_DASHBOARD=0 skips the dashboard.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/server/kernel/audit.js';
import { openPglite, rows, type Database } from '../src/server/kernel/db.js';
import { seedDemo } from '../src/server/modules/directory/directory.demo.js';
import { getDashboard } from '../src/server/modules/indicators/indicators.service.js';
import { loadAllReference } from '../src/server/modules/index.js';
import { coverageReport } from '../src/server/modules/training/training.coverage.js';
import { commitImport, previewSigninImport, signinSheet } from '../src/server/modules/training/training.excel.js';
import { createCourse, createSession, recordAttendance } from '../src/server/modules/training/training.service.js';
import { n } from './press.js';

const PEOPLE = Number(process.env.BENCH_TRAINING_PEOPLE ?? 300_000);
const ROWS = Number(process.env.BENCH_TRAINING_ROWS ?? 50_000);
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Đức', 'Ngọc', 'Quốc', 'Thanh', 'Hữu', 'Kim'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phong', 'Phương', 'Quân', 'Sơn', 'Thảo', 'Trang', 'Tuấn', 'Việt', 'Yến'];
const arr = (a: string[]) => sql`array[${sql.join(a.map((x) => sql`${x}`), sql`, `)}]::text[]`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The roster (`people` people with four-word names spread over every organisation, their target-group memberships),
 *  two courses, 60 sessions and about 1.5 attendance rows a person, generated with set-based SQL on a migrated
 *  database with the demo directory. Returns the sessions' ids and a summary line. Also feeds bench/national.ts. */
export async function generateTraining(d: Database, people: number): Promise<{ sessions: number[]; orgId: number; line: string }> {
  const db = d.db;
  const actor = systemActor('cli', 'bench');
  const t0 = performance.now();
  // People: four-word names (family, two middle, given), spread over the organisations; name_key as fold() makes it.
  await db.execute(sql`
    with orgs as (select id, kind, row_number() over (order by id) - 1 as k, count(*) over () as n from organisations)
    insert into training_people (full_name, name_key, position, organisation_id)
    select nm, lower(regexp_replace(f_unaccent(nm), '\s+', ' ', 'g')), 'Chuyên viên (bench)', o.id
    from (select i, (${arr(SURNAMES)})[1 + i % 16] || ' ' || (${arr(MIDDLE)})[1 + (i / 16) % 10] || ' ' || (${arr(MIDDLE)})[1 + (i / 160) % 10] || ' ' || (${arr(GIVEN)})[1 + (i / 7) % 26] as nm
          from generate_series(0, ${people - 1}) i) g
    join orgs o on o.k = g.i % o.n`);
  await db.execute(sql`
    insert into training_memberships (person_id, target_group, valid_from, valid_to)
    select p.id, case when o.kind = 'press' then 'T2c' when o.kind like 'socio_political%' then 'T2d' when p.id % 3 = 0 then 'T2b' else 'T2a' end,
      case when p.id % 11 = 0 then date '2025-09-01' else date '2023-01-01' end, case when p.id % 17 = 0 then date '2025-06-30' end
    from training_people p join organisations o on o.id = p.organisation_id`);
  const [org] = await rows<{ id: number }>(db, sql`select id from organisations where code = 'UBND-01'`);
  const orgId = Number(org!.id);
  const cBoth = (await createCourse(db, actor, { title: 'Tập huấn và cập nhật (bench)', kind: 'both', format: 'in_person', organisationId: orgId })).id;
  const cUpd = (await createCourse(db, actor, { title: 'Cập nhật thông tin (bench)', kind: 'update', format: 'online', organisationId: orgId })).id;
  const sessions: number[] = [];
  for (let s = 0; s < 60; s++) {
    const day = `${2023 + (s % 4)}-${String(1 + (s % 12)).padStart(2, '0')}-15`;
    sessions.push((await createSession(db, actor, { courseId: s % 3 ? cBoth : cUpd, startsOn: day, endsOn: day, provinceCode: '01', organiserId: orgId })).id);
  }
  await db.execute(sql`
    insert into training_attendance (session_id, person_id, attended, completed)
    select (${sql`array[${sql.join(sessions.map((x) => sql`${x}`), sql`, `)}]::int[]`})[1 + (p.id * 7 + k) % 60], p.id, true, (p.id + k) % 5 <> 0
    from training_people p cross join generate_series(0, 2) k where (p.id * 13 + k) % 10 < 5
    on conflict do nothing`);
  await db.execute(sql`analyze`);
  const counts = await rows<{ p: number; a: number; m: number }>(db, sql`select (select count(*)::int from training_people) as p, (select count(*)::int from training_attendance) as a, (select count(*)::int from training_memberships) as m`);
  return { sessions, orgId, line: `training: ${n(Number(counts[0]!.p))} people, ${n(Number(counts[0]!.m))} memberships, ${n(Number(counts[0]!.a))} attendance rows in ${secs(performance.now() - t0)}` };
}

/** A sign-in sheet of `count` lines — names as written on paper (exact, without diacritics, upper case, word order
 *  changed) of the first people of the roster, some unknown — imported into the newest session through the module's
 *  services: read + validate + match (preview), then the reviewed import written with a decision for every ambiguous
 *  and unknown row (commit, all or nothing). `read` is the reference: the same file read with exceljs alone. */
export async function signinImport(d: Database, count: number): Promise<{ readMs: number; previewMs: number; commitMs: number; bytes: number; lines: string[] }> {
  const db = d.db;
  const actor = systemActor('cli', 'bench');
  const ps = await rows<{ full_name: string; code: string }>(db, sql`
    select p.full_name, o.code from training_people p join organisations o on o.id = p.organisation_id order by p.id limit ${count}`);
  const sheet = ps.map((p, i) => {
    const v = i % 10;
    const name = v === 7 ? `${p.full_name.split(' ').slice(1).join(' ')} ${p.full_name.split(' ')[0]}` : v === 8 ? `Trịnh Khách Mời ${i}` : v < 4 ? p.full_name : v < 6 ? p.full_name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D') : p.full_name.toUpperCase();
    return { name, organisation: p.code };
  });
  const buf = await signinSheet('Bench', sheet);
  let t = performance.now();
  await new ExcelJS.Workbook().xlsx.load(buf as never);
  const readMs = performance.now() - t;
  const [s] = await rows<{ id: number }>(db, sql`select id from training_sessions order by id desc limit 1`);
  const [org] = await rows<{ id: number }>(db, sql`select id from organisations where code = 'UBND-01'`);
  t = performance.now();
  const preview = await previewSigninImport(db, actor, Number(s!.id), buf);
  const previewMs = performance.now() - t;
  const staged = await rows<{ rows: { row: number; status: string; organisationId: number | null; candidates: { personId: number }[] }[] }>(db, sql`select rows from training_imports where id = ${preview.importId}`);
  const resolutions = staged[0]!.rows.filter((r) => r.status === 'ambiguous' || r.status === 'unknown')
    .map((r) => ({ row: r.row, resolution: r.candidates[0] ? { personId: r.candidates[0].personId } : { create: true as const, organisationId: r.organisationId ?? Number(org!.id) } }));
  t = performance.now();
  const done = await commitImport(db, actor, preview.importId, { resolutions });
  const commitMs = performance.now() - t;
  return {
    readMs, previewMs, commitMs, bytes: buf.length,
    lines: [
      `training: sign-in import of ${n(sheet.length)} rows (${(buf.length / 1e6).toFixed(1)} MB; exceljs reads it alone in ${secs(readMs)}): read, validated and matched in ${secs(previewMs)} — ${n(preview.counts.matched)} matched, ${n(preview.counts.ambiguous)} ambiguous, ${n(preview.counts.unknown)} unknown`,
      `training: reviewed import written (${n(resolutions.length)} decisions) in ${secs(commitMs)}: ${n(done.attendance)} attendance rows, ${n(done.created)} new people`,
    ],
  };
}

export async function benchTraining(root: string) {
  const d = await openPglite(path.join(root, 'training', 'db'));
  const db = d.db;
  try {
    await d.migrate();
    await loadAllReference(db);
    await seedDemo(db);
    const { sessions, line } = await generateTraining(d, PEOPLE);
    console.log(line.replace('training: ', 'training: generated '));

    // (1) coverage as of a day, per group, and the dashboard.
    // The coverage page of the programme office: a group's summary and its first 50 people by name.
    const office = { ...systemActor('api', 'bench'), role: 'admin' as const };
    for (const group of ['T2a', 'T2b', 'T2c', 'T2d'] as const) {
      const t = performance.now();
      const r = await coverageReport(db, office, { asOf: '2026-06-30', group, limit: 50, offset: 0 });
      const s = r.summary[0]!;
      console.log(`training: coverage page ${group} as of 2026-06-30 (summary + first 50 by name): ${n(s.covered)} covered of ${n(s.people)} in ${secs(performance.now() - t)}`);
    }
    let t = performance.now();
    if (process.env.BENCH_TRAINING_DASHBOARD !== '0') {
      const dashboard = async (what: string) => {
        const t1 = performance.now();
        const dash = await getDashboard(db, { period: '2026' });
        const f = (id: string) => dash.figures.find((x) => x.id === id);
        console.log(`training: indicators dashboard ${what} (every target with its trend 2023–2026, T2 over ${n(PEOPLE)} people) in ${secs(performance.now() - t1)}; T2a ${((f('T2a')?.value ?? 0) * 100).toFixed(1)}%, T2d ${((f('T2d')?.value ?? 0) * 100).toFixed(1)}%`);
      };
      await dashboard('first');
      await dashboard('again (cached)');
      // A focal point marks one person's attendance: every T2 figure of every trend year is recomputed.
      const [who] = await rows<{ id: number }>(db, sql`select person_id as id from training_memberships order by person_id desc limit 1`);
      await recordAttendance(db, systemActor('api', 'bench'), { sessionId: sessions.at(-1)!, personId: Number(who!.id), attended: true, completed: true });
      await dashboard('after one attendance is recorded');
    }

    // (2) a sign-in sheet of ROWS lines.
    for (const l of (await signinImport(d, ROWS)).lines) console.log(l);
  } finally {
    await d.close();
  }
}
