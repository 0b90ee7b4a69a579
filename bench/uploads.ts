// Uploads bench (issue 16, finding 1): the server's peak memory (its resident high-water mark, VmHWM, reset between
// phases through /proc/<pid>/clear_refs) while it reads
//   (1) the largest import the limits allow: a sign-in sheet of 100,000 rows (training's MAX_IMPORT_ROWS), uploaded,
//       read, matched and staged in the background as the workspace does it;
//   (2) four of them at once (IMPORTS_AT_ONCE = 2 run, the others wait their turn);
//   (3) four concurrent zip bombs (a few MB each, a gigabyte of XML inside), each refused with 413;
// with the longest /healthz answer during each phase. On PGlite, the directory's demo data as the roster.
// Called from bench/run.ts; `BENCH_ONLY=uploads npm run bench` runs this part alone; BENCH_UPLOAD_ROWS changes the size.
import fs from 'node:fs';
import path from 'node:path';
import { systemActor } from '../src/server/kernel/audit.js';
import { openPglite, rows } from '../src/server/kernel/db.js';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD, seedDemo } from '../src/server/modules/directory/directory.demo.js';
import { loadAllReference } from '../src/server/modules/index.js';
import { MAX_IMPORT_ROWS } from '../src/server/modules/training/training.excel.js';
import { createCourse, createSession } from '../src/server/modules/training/training.service.js';
import { xlsx, zipBomb, type BombKind } from '../test/xlsx.js';
import { n } from './press.js';
import { benchServer, serverPid } from './server.js';
import { peakRssMiB } from './training.js';

const ROWS = Number(process.env.BENCH_UPLOAD_ROWS ?? MAX_IMPORT_ROWS);

/** Resets the process's high-water mark to its current resident size (Linux ≥ 4.0); false where it cannot. */
function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
const rssMiB = (pid: number) => {
  try {
    return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
  } catch {
    return null;
  }
};

export async function benchUploads(root: string) {
  const dir = path.join(root, 'uploads');
  const d = await openPglite(path.join(dir, 'db'));
  let sessionId: number;
  let names: string[];
  try {
    await d.migrate();
    await loadAllReference(d.db);
    await seedDemo(d.db);
    const [org] = await rows<{ id: number; code: string }>(d.db, sql`select id, code from organisations where code = 'UBND-01'`);
    const actor = systemActor('cli', 'bench');
    const course = await createCourse(d.db, actor, {
      title: 'Tập huấn (bench tải lên)',
      kind: 'both',
      format: 'in_person',
      organisationId: Number(org!.id),
    });
    sessionId = (
      await createSession(d.db, actor, {
        courseId: course.id,
        startsOn: '2026-05-05',
        endsOn: '2026-05-05',
        provinceCode: '01',
        organiserId: Number(org!.id),
      })
    ).id;
    names = (await rows<{ full_name: string }>(d.db, sql`select full_name from training_people order by id`)).map((p) => p.full_name);
  } finally {
    await d.close();
  }
  // The largest sign-in sheet allowed: rostered people (as written, and without diacritics) and unknown guests.
  const t0 = performance.now();
  const lines: (string | null)[][] = [['STT', 'Họ và tên', 'Đơn vị', 'Chức vụ', 'Có mặt']];
  for (let i = 0; i < ROWS; i++) {
    const p = names[i % Math.max(1, names.length)];
    const name =
      !p || i % 3 === 2
        ? `Khách mời Trần Thị ${i}`
        : i % 3 === 1
          ? p.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
          : p;
    lines.push([String(i + 1), name, 'UBND-01', 'Chuyên viên', 'x']);
  }
  const sheet = xlsx(lines);
  const kinds: BombKind[] = ['cell', 'rows', 'strings', 'columns'];
  const bombs = await Promise.all(kinds.map((k) => zipBomb(k)));
  console.log(
    `uploads: a ${n(ROWS)}-row sign-in sheet (${(sheet.length / 1024 / 1024).toFixed(1)} MiB) and four zip bombs (${bombs.map((b) => `${(b.length / 1024 / 1024).toFixed(1)} MiB`).join(', ')}, 1 GiB of XML each) made in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const srv = benchServer(3194);
  const { child, t0: started } = srv.start(dir, { args: [] });
  try {
    await srv.waitHealthy(started);
    const pid = serverPid(child)!;
    const login = await fetch(`${srv.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    if (!login.ok) throw new Error(`sign-in failed: HTTP ${login.status}`);
    const headers = {
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken,
    };
    const upload = async (url: string, buf: Buffer, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(buf)]), name);
      const res = await fetch(`${srv.base}${url}`, { method: 'POST', headers, body: form });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    /** Runs `work` while /healthz is asked every 200 ms; the peak RSS over the phase, the slowest /healthz answer. */
    const phase = async (label: string, work: () => Promise<string>) => {
      const canReset = resetPeak(pid);
      const before = rssMiB(pid);
      let slowest = 0,
        stop = false;
      const probe = (async () => {
        while (!stop) {
          const t = performance.now();
          await fetch(`${srv.base}/healthz`)
            .then((r) => r.arrayBuffer())
            .catch(() => undefined);
          slowest = Math.max(slowest, performance.now() - t);
          await new Promise((r) => setTimeout(r, 200));
        }
      })();
      const t = performance.now();
      let detail: string;
      try {
        detail = await work();
      } finally {
        stop = true;
        await probe;
      }
      console.log(
        `uploads: ${label}: server peak RSS ${peakRssMiB(pid) ?? '?'} MiB${canReset ? '' : ' (since start: VmHWM could not be reset)'} (RSS ${before ?? '?'} MiB before) in ${((performance.now() - t) / 1000).toFixed(1)} s; slowest /healthz ${slowest.toFixed(0)} ms; ${detail}`,
      );
    };
    const background = async () => {
      const r = await upload(`/api/training/sessions/${sessionId}/import?background=true`, sheet, 'diem-danh.xlsx');
      if (r.status !== 202) throw new Error(`upload: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      const id = r.body.importId as number;
      let maxAhead = 0;
      for (;;) {
        const s = (await (await fetch(`${srv.base}/api/training/import/${id}`, { headers })).json()) as {
          state: string;
          ahead: number | null;
          total: number | null;
          error: { message: string } | null;
        };
        maxAhead = Math.max(maxAhead, s.ahead ?? 0);
        if (s.state === 'failed') throw new Error(`import failed: ${s.error?.message}`);
        if (s.state === 'ready') return { total: s.total ?? 0, maxAhead };
        await new Promise((res) => setTimeout(res, 500));
      }
    };
    await phase(`the largest allowed import (${n(ROWS)}-row sign-in sheet, read + matched + staged)`, async () => {
      const r = await background();
      return `${n(r.total)} rows staged`;
    });
    await phase(`four of them at once (2 read at a time, the others queued)`, async () => {
      const all = await Promise.all([0, 1, 2, 3].map(() => background()));
      return `${n(all.reduce((a, r) => a + r.total, 0))} rows staged; at most ${Math.max(...all.map((r) => r.maxAhead))} import(s) waiting ahead of one`;
    });
    await phase('four concurrent zip bombs (organisations, library, fact-check items, sign-in sheet)', async () => {
      const routes = [
        '/api/organisations/import',
        '/api/library/import',
        '/api/factcheck/items/import',
        `/api/training/sessions/${sessionId}/import`,
      ];
      const answers = await Promise.all(bombs.map((b, i) => upload(routes[i]!, b, 'bomb.xlsx')));
      return answers
        .map(
          (a, i) =>
            `${kinds[i]} → ${a.status} ${(a.body.error as { details?: { field: string }[] } | undefined)?.details?.[0]?.field ?? ''}`,
        )
        .join(', ');
    });
  } finally {
    await srv.stop(child);
  }
}
