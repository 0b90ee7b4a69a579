// Training bench (T2a–T2d): a roster of 300,000 people across the demo directory's organisations (four target groups,
// some joined late or left), 60 sessions and about 450,000 attendance rows, generated with set-based SQL. Measured:
//   (1) on PGlite, through the module's services: coverage as of a day for each group and the indicators dashboard;
//   (2) the import of a 50,000-row sign-in sheet through the real server (HTTP, as the workspace does it): upload,
//       read + validate + match (polled until ready), the decisions of the review (every suggestion accepted, every
//       unknown name created), then the write — "match + write" is upload→ready plus the commit; beside it, the
//       reference of the same run: reading the same file with exceljs alone; and the server's peak RSS (VmHWM).
//       On PGlite, and on PostgreSQL when BENCH_DATABASE_URL (or DATABASE_URL) is set.
// Called from bench/run.ts; `BENCH_ONLY=training npm run bench` runs this part alone. BENCH_TRAINING_PEOPLE and
// BENCH_TRAINING_ROWS change the sizes (a quick trial at reduced size); BENCH_TRAINING_DASHBOARD=0 skips (1).
// benchSigninImport(base, headers, file) is exported for the national bench (`npm run bench -- --national`).
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { systemActor } from '../src/server/kernel/audit.js';
import { openPg, openPglite, rows, type Database, type Db } from '../src/server/kernel/db.js';
import { DEMO_PASSWORD, seedDemo } from '../src/server/modules/directory/directory.demo.js';
import { getDashboard } from '../src/server/modules/indicators/indicators.service.js';
import { loadAllReference } from '../src/server/modules/index.js';
import { coverageReport } from '../src/server/modules/training/training.coverage.js';
import { GIVEN, MIDDLE, SURNAMES } from '../src/server/modules/training/training.demo.js';
import { signinSheet } from '../src/server/modules/training/training.excel.js';
import { createCourse, createSession, recordAttendance } from '../src/server/modules/training/training.service.js';
import { n } from './press.js';
import { benchServer } from './server.js';

const PEOPLE = Number(process.env.BENCH_TRAINING_PEOPLE ?? 300_000);
const ROWS = Number(process.env.BENCH_TRAINING_ROWS ?? 50_000);
const arr = (a: string[]) =>
  sql`array[${sql.join(
    a.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The roster, sessions and attendance of the bench, generated with set-based SQL; returns the sessions' ids. */
export async function generate(db: Db, people = PEOPLE): Promise<number[]> {
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
  await addMemberships(db);
  const [org] = await rows<{ id: number }>(db, sql`select id from organisations where code = 'UBND-01'`);
  const orgId = Number(org!.id);
  const cBoth = (
    await createCourse(db, actor, { title: 'Tập huấn và cập nhật (bench)', kind: 'both', format: 'in_person', organisationId: orgId })
  ).id;
  const cUpd = (
    await createCourse(db, actor, { title: 'Cập nhật thông tin (bench)', kind: 'update', format: 'online', organisationId: orgId })
  ).id;
  const sessions: number[] = [];
  for (let s = 0; s < 60; s++) {
    const day = `${2023 + (s % 4)}-${String(1 + (s % 12)).padStart(2, '0')}-15`;
    sessions.push(
      (
        await createSession(db, actor, {
          courseId: s % 3 ? cBoth : cUpd,
          startsOn: day,
          endsOn: day,
          provinceCode: '01',
          organiserId: orgId,
        })
      ).id,
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
  const counts = await rows<{ p: number; a: number; m: number }>(
    db,
    sql`select (select count(*)::int from training_people) as p, (select count(*)::int from training_attendance) as a, (select count(*)::int from training_memberships) as m`,
  );
  console.log(
    `training: generated ${n(Number(counts[0]!.p))} people, ${n(Number(counts[0]!.m))} memberships, ${n(Number(counts[0]!.a))} attendance rows in ${secs(performance.now() - t0)}`,
  );
  return sessions;
}

/** The roster and sessions for the national bench (bench/national.ts): `people` people; the sessions and a summary line. */
export async function generateTraining(d: Database, people: number): Promise<{ sessions: number[]; line: string }> {
  const t0 = performance.now();
  const sessions = await generate(d.db, people);
  return { sessions, line: `training: ${n(people)} people generated in ${secs(performance.now() - t0)}` };
}

/** A sign-in sheet of `count` (default ROWS) lines: names as written on paper (exact, without diacritics, upper case, word order
 *  changed) of rostered people, and unknown guests. */
export async function writeSheet(db: Db, file: string, count = ROWS): Promise<void> {
  const ps = await rows<{ full_name: string; code: string }>(
    db,
    sql`
    select p.full_name, o.code from training_people p join organisations o on o.id = p.organisation_id order by p.id limit ${count}`,
  );
  const lines = ps.map((p, i) => {
    const v = i % 10;
    const name =
      v === 7
        ? `${p.full_name.split(' ').slice(1).join(' ')} ${p.full_name.split(' ')[0]}`
        : v === 8
          ? `Trịnh Khách Mời ${i}`
          : v < 4
            ? p.full_name
            : v < 6
              ? p.full_name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
              : p.full_name.toUpperCase();
    return { name, organisation: p.code };
  });
  fs.writeFileSync(file, await signinSheet('Bench', lines));
}

/** Peak resident memory of a process (its high-water mark), MiB; null where /proc is not there. */
export function peakRssMiB(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export type SigninImportFigure = { measure: 'signin_import_50k_s'; measured: number; reference: number; unit: 's' };

/** Imports the sign-in sheet `file` into a session through a running server (headers: a signed-in writer's cookie and
 *  x-csrf-token) as the workspace does: upload in the background, poll the progress until read and matched, accept
 *  every suggestion and create every unknown name (review, not timed), write. measured = upload→ready + the write, in
 *  seconds; reference = reading the same file with exceljs alone, in this process, in the same run. peakRssMiB = the
 *  server's high-water mark when opts.pid is given. */
export async function benchSigninImport(
  base: string,
  headers: Record<string, string>,
  file: string,
  opts: { sessionId?: number; pid?: number; log?: (line: string) => void } = {},
): Promise<
  SigninImportFigure & { peakRssMiB: number | null; readS: number; writeS: number; rows: number; counts: Record<string, number> }
> {
  const log = opts.log ?? (() => undefined);
  const buf = fs.readFileSync(file);
  // the reference: exceljs alone reads the whole file (every cell of every row)
  let t = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  let cells = 0;
  wb.worksheets[0]!.eachRow((r) => {
    cells += (r.values as unknown[]).length;
  });
  const reference = (performance.now() - t) / 1000;
  const api = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...headers, ...(body instanceof FormData || body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${(await res.text()).slice(0, 500)}`);
    return res.json() as Promise<T>;
  };
  const sessionId =
    opts.sessionId ?? (await api<{ id: number }[]>('GET', '/api/training/sessions')).map((s) => s.id).sort((a, b) => b - a)[0]!;
  t = performance.now();
  const form = new FormData();
  form.append('file', new Blob([buf]), path.basename(file));
  const { importId } = await api<{ importId: number }>('POST', `/api/training/sessions/${sessionId}/import?background=true`, form);
  type Status = {
    state: string;
    rowsRead: number;
    rowsMatched: number;
    rowsWritten: number;
    total: number | null;
    counts: Record<string, number> | null;
    suggested: number;
    undecided: number;
    error: { message: string } | null;
  };
  let status: Status;
  let last = 0;
  for (;;) {
    status = await api<Status>('GET', `/api/training/import/${importId}`);
    if (status.state === 'failed') throw new Error(`import failed: ${status.error?.message}`);
    if (status.state === 'ready') break;
    if (performance.now() - last > 2000) {
      last = performance.now();
      log(`  … ${status.state}: ${n(status.rowsRead)} read, ${n(status.rowsMatched)} matched`);
    }
    await new Promise((r) => setTimeout(r, 500)); // as often as the workspace polls
  }
  const readS = (performance.now() - t) / 1000;
  const tReview = performance.now();
  const { accepted } = await api<{ accepted: number }>('POST', `/api/training/import/${importId}/accept-suggestions`, { minScore: 0 });
  let created = 0;
  for (let after = 0; ;) {
    const page = await api<{
      items: { row: number; organisationId: number | null; candidates: { personId: number }[] }[];
      nextAfter: number | null;
    }>('GET', `/api/training/import/${importId}/rows?status=needs&decided=no&limit=500&after=${after}`);
    const decisions = page.items.map((r) => ({
      row: r.row,
      resolution: r.candidates[0] ? { personId: r.candidates[0].personId } : { create: true, organisationId: r.organisationId ?? 1 },
    }));
    created += decisions.filter((d) => 'create' in d.resolution).length;
    if (decisions.length) await api('PUT', `/api/training/import/${importId}/decisions`, { decisions });
    if (page.nextAfter === null) break;
    after = page.nextAfter;
  }
  const reviewS = (performance.now() - tReview) / 1000;
  t = performance.now();
  const done = await api<{ rows: number; created: number; attendance: number }>('POST', `/api/training/import/${importId}/commit`, {});
  const writeS = (performance.now() - t) / 1000;
  log(
    `  review (not timed): ${n(accepted)} suggestions accepted, ${n(created)} other decisions in ${reviewS.toFixed(2)} s; written: ${n(done.attendance)} attendance rows, ${n(done.created)} new people`,
  );
  const measured = readS + writeS;
  return {
    measure: 'signin_import_50k_s',
    measured: Math.round(measured * 100) / 100,
    reference: Math.round(reference * 100) / 100,
    unit: 's',
    peakRssMiB: peakRssMiB(opts.pid),
    readS,
    writeS,
    rows: status.total ?? 0,
    counts: { ...(status.counts ?? {}), suggested: status.suggested, cells },
  };
}

/** Starts the server on a prepared database, signs in as the demo admin, runs benchSigninImport, prints, stops. */
async function signinOverHttp(label: string, dataDir: string, env: Record<string, string>, file: string, sessionId: number) {
  const srv = benchServer(3197);
  const { child, t0 } = srv.start(dataDir, { env, args: [] });
  try {
    await srv.waitHealthy(t0);
    const login = await fetch(`${srv.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    if (!login.ok) throw new Error(`sign-in failed: HTTP ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const r = await benchSigninImport(srv.base, { cookie, 'x-csrf-token': csrfToken }, file, {
      sessionId,
      pid: child.pid,
      log: console.log,
    });
    console.log(
      `training: sign-in import of ${n(r.rows)} rows on ${label} (server over HTTP): matched + written in ${r.measured.toFixed(2)} s (read + validate + match ${r.readS.toFixed(2)} s, write ${r.writeS.toFixed(2)} s; goal ≤ 15 s) — reference, same run: exceljs alone reads the file in ${r.reference.toFixed(2)} s (×${(r.measured / r.reference).toFixed(1)}); server peak RSS ${r.peakRssMiB ?? '?'} MiB (goal < 1024); ${n(r.counts.matched ?? 0)} matched, ${n(r.counts.ambiguous ?? 0)} ambiguous (${n(r.counts.suggested ?? 0)} with a suggestion), ${n(r.counts.unknown ?? 0)} unknown`,
    );
    return r;
  } finally {
    await srv.stop(child);
  }
}

export async function prepare(d: Database): Promise<number[]> {
  await d.migrate();
  await loadAllReference(d.db);
  await seedDemo(d.db);
  return generate(d.db);
}

export async function benchTraining(root: string) {
  const dir = path.join(root, 'training');
  const file = path.join(dir, 'signin-50k.xlsx');
  const d = await openPglite(path.join(dir, 'db'));
  const db = d.db;
  let sessionId: number;
  try {
    const sessions = await prepare(d);
    sessionId = sessions.at(-1)!;
    if (process.env.BENCH_TRAINING_DASHBOARD !== '0') await coverageAndDashboard(db, sessions);
    await writeSheet(db, file);
  } finally {
    await d.close();
  }
  await signinOverHttp('PGlite', dir, {}, file, sessionId);

  const url = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (url) {
    const admin = openPg(url, 1);
    await admin.db.execute(sql`drop database if exists rh_bench_training`);
    await admin.db.execute(sql`create database rh_bench_training`);
    await admin.close();
    const benchUrl = new URL(url);
    benchUrl.pathname = '/rh_bench_training';
    const pg = openPg(benchUrl.toString());
    let pgSession: number;
    try {
      pgSession = (await prepare(pg)).at(-1)!;
    } finally {
      await pg.close();
    }
    try {
      await signinOverHttp('PostgreSQL', path.join(root, 'training-pg'), { DATABASE_URL: benchUrl.toString() }, file, pgSession);
    } finally {
      const again = openPg(url, 1);
      await again.db.execute(sql`drop database if exists rh_bench_training`).catch(() => undefined);
      await again.close();
    }
  }
}

/** (1) coverage as of a day, per group, and the dashboard (first, cached, after one attendance is recorded). */
async function coverageAndDashboard(db: Db, sessions: number[]) {
  // The coverage page of the programme office: a group's summary and its first 50 people by name.
  const office = { ...systemActor('api', 'bench'), role: 'admin' as const };
  for (const group of ['T2a', 'T2b', 'T2c', 'T2d'] as const) {
    const t = performance.now();
    const r = await coverageReport(db, office, { asOf: '2026-06-30', group, limit: 50, offset: 0 });
    const s = r.summary[0]!;
    console.log(
      `training: coverage page ${group} as of 2026-06-30 (summary + first 50 by name): ${n(s.covered)} covered of ${n(s.people)} in ${secs(performance.now() - t)}`,
    );
  }
  const dashboard = async (what: string) => {
    const t1 = performance.now();
    const dash = await getDashboard(db, { period: '2026' });
    const f = (id: string) => dash.figures.find((x) => x.id === id);
    console.log(
      `training: indicators dashboard ${what} (every target with its trend 2023–2026, T2 over ${n(PEOPLE)} people) in ${secs(performance.now() - t1)}; T2a ${((f('T2a')?.value ?? 0) * 100).toFixed(1)}%, T2d ${((f('T2d')?.value ?? 0) * 100).toFixed(1)}%`,
    );
  };
  await dashboard('first');
  await dashboard('again (cached)');
  // A focal point marks one person's attendance: every T2 figure of every trend year is recomputed.
  const [who] = await rows<{ id: number }>(db, sql`select person_id as id from training_memberships order by person_id desc limit 1`);
  await recordAttendance(db, systemActor('api', 'bench'), {
    sessionId: sessions.at(-1)!,
    personId: Number(who!.id),
    attended: true,
    completed: true,
  });
  await dashboard('after one attendance is recorded');
}

/** Every rostered person's target group by its organisation's kind, some joining late and some leaving (shared by
 *  the training benches' generators). */
export async function addMemberships(db: Db): Promise<void> {
  await db.execute(sql`
    insert into training_memberships (person_id, target_group, valid_from, valid_to)
    select p.id, case when o.kind = 'press' then 'T2c' when o.kind like 'socio_political%' then 'T2d' when p.id % 3 = 0 then 'T2b' else 'T2a' end,
      case when p.id % 11 = 0 then date '2025-09-01' else date '2023-01-01' end, case when p.id % 17 = 0 then date '2025-06-30' end
    from training_people p join organisations o on o.id = p.organisation_id`);
}
