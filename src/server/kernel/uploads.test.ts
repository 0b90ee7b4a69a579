// Uploads that cannot take the server down (issue 16, finding 1), on every import route of every module: a
// million-row sheet is refused while it is read, with the limit named; four concurrent zip bombs leave the heap alone;
// a 100,000-row import leaves /healthz and the portal answering; imports beyond the few the server reads at once
// wait their turn ("queued, N ahead") or, when the queue is full, are refused with 503 and Retry-After.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../test/test-db.js';
import { multipart, rowsFile, xlsx, zipBomb, type BombKind } from '../../../test/xlsx.js';
import { createCourse, createSession } from '../modules/training/training.service.js';
import { importQueue } from './imports.js';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Session;
let sessionId: number;
let orgCode: string;
/** Every route that reads an uploaded spreadsheet (the file's name matters to the fact-check import only). */
let routes: { name: string; url: string; filename?: string }[];

const post = (url: string, buf: Buffer, filename = 'upload.xlsx', s: Session = admin) => {
  const m = multipart(buf, filename);
  return t.app.inject({ method: 'POST', url, headers: { ...s.headers, ...m.headers }, payload: m.payload });
};

beforeAll(async () => {
  t = await testApp();
  const org = await makeOrg(t.db, { kind: 'provincial_department', provinceCode: '01', nameVi: 'Sở thử tải lên' });
  orgCode = org.code;
  const u = await makeUser(t.db, 'admin');
  admin = await signIn(t.app, u.username, TEST_PASSWORD);
  const course = await createCourse(t.db, seedActor, {
    title: 'Lớp thử tải lên',
    kind: 'both',
    format: 'in_person',
    organisationId: org.id,
  });
  sessionId = (
    await createSession(t.db, seedActor, {
      courseId: course.id,
      startsOn: '2026-04-10',
      endsOn: '2026-04-10',
      provinceCode: '01',
      organiserId: org.id,
    })
  ).id;
  routes = [
    { name: 'organisations', url: '/api/organisations/import' },
    { name: 'exhibitions', url: '/api/exhibitions/import' },
    { name: 'library', url: '/api/library/import' },
    { name: 'fact-check items', url: '/api/factcheck/items/import', filename: 'items.xlsx' },
    { name: 'recommendations (UHRI)', url: '/api/recommendations/import?format=uhri' },
    { name: 'recommendations (matrix)', url: '/api/recommendations/import?format=matrix' },
    { name: 'training roster', url: '/api/training/import/roster' },
    { name: 'training sign-in sheet', url: `/api/training/sessions/${sessionId}/import` },
    { name: 'press spokespersons', url: '/api/press/spokespersons/import' },
    { name: 'press items', url: '/api/press/items/import' },
  ];
}, 120_000);
afterAll(() => importQueue.configure({ concurrency: 2, maxWaiting: 8 }));

describe('limits checked while reading, on every import route', () => {
  it('refuses a 1,000,000-row sheet early with 413 naming the row limit, on every route', async () => {
    const million = await rowsFile(1_000_000);
    const rosterMillion = await rowsFile(1_000_000, ['Họ và tên', 'Đơn vị', 'Nhóm đối tượng', 'Từ ngày']); // every row bad: still refused at the limit
    for (const r of routes) {
      const started = performance.now();
      const res = await post(r.url, r.name === 'training roster' ? rosterMillion : million, r.filename);
      expect(res.statusCode, `${r.name}: ${res.body.slice(0, 300)}`).toBe(413);
      const { error } = res.json() as { error: { code: string; details: { row?: number; field: string }[] } };
      expect(error.code).toBe('payload_too_large');
      expect(['rows', 'data_rows'], r.name).toContain(error.details[0]!.field);
      // refused at the first row past the limit, not after reading the million
      expect(error.details[0]!.row, r.name).toBeLessThanOrEqual(100_100);
      expect(performance.now() - started, r.name).toBeLessThan(60_000);
    }
  }, 600_000);

  it('answers four concurrent zip bombs (1–4 MB, a gigabyte of XML each) with 413 without exhausting the heap', async () => {
    const kinds: BombKind[] = ['cell', 'rows', 'strings', 'columns'];
    const bombs = await Promise.all(kinds.map((k) => zipBomb(k)));
    for (const b of bombs) expect(b.length).toBeLessThan(4 * 1024 * 1024);
    global.gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 20);
    try {
      // each bomb to every route, four at a time
      for (let i = 0; i < routes.length; i += 2) {
        const batch = kinds.map((k, j) => ({ kind: k, bomb: bombs[j]!, route: routes[(i + j) % routes.length]! }));
        const answers = await Promise.all(batch.map((b) => post(b.route.url, b.bomb, b.route.filename)));
        answers.forEach((res, j) => {
          const what = `${batch[j]!.kind} bomb to ${batch[j]!.route.name}: ${res.body.slice(0, 300)}`;
          const { error } = res.json() as { error: { details: { row?: number; field: string }[] } };
          if (res.statusCode === 422) {
            // a sheet whose header a module checks first (the roster's) is refused there, before the rest is read
            expect(
              error.details.every((d) => (d.row ?? 0) <= 10),
              what,
            ).toBe(true);
          } else {
            expect(res.statusCode, what).toBe(413);
            expect(error.details[0]!.field, what).toMatch(/^(rows|columns|cellChars|uncompressedBytes|sharedStrings|data_rows)$/);
          }
        });
      }
    } finally {
      clearInterval(sampler);
    }
    expect(peak - base, `heap grew by ${Math.round((peak - base) / 1024 / 1024)} MiB`).toBeLessThan(256 * 1024 * 1024);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  }, 900_000);
});

describe('the server keeps answering during an import', () => {
  // What a load balancer's health check would notice (a 5-second timeout, a common default), not a speed: an import
  // once held the event loop for 30 s. The machine running the suite may be busy, so the bound is the check's timeout.
  const HEALTH_CHECK_TIMEOUT_MS = 5000;
  it("answers /healthz and the portal within a health check's timeout while a 100,000-row sign-in sheet is read, matched and staged", async () => {
    const rows: string[][] = [['Họ và tên', 'Đơn vị', 'Chức vụ']];
    for (let i = 0; i < 100_000; i++) rows.push([`Khách mời Nguyễn Văn ${i}`, orgCode, 'Chuyên viên']);
    const sheet = xlsx(rows);
    const res = await post(`/api/training/sessions/${sessionId}/import?background=true`, sheet);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(202);
    const { importId } = res.json() as { importId: number };
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const slowest = { healthz: 0, portal: 0 };
    let state = 'queued';
    let polls = 0;
    try {
      while (state !== 'ready' && state !== 'failed') {
        // A check is due every 100 ms: its time counts from when it was due, so a stall that began in between counts.
        let due = performance.now() + 100;
        await new Promise((r) => setTimeout(r, 100));
        for (const [what, url] of [
          ['healthz', '/healthz'],
          ['portal', '/'],
        ] as const) {
          const r = await t.app.inject({ method: 'GET', url });
          slowest[what] = Math.max(slowest[what], performance.now() - due);
          due = performance.now();
          expect(r.statusCode, `${url} during the import`).toBe(200);
        }
        state = (await t.app.inject({ method: 'GET', url: `/api/training/import/${importId}`, headers: admin.headers })).json().state;
        polls++;
      }
    } finally {
      delay.disable();
    }
    expect(state).toBe('ready');
    expect(polls).toBeGreaterThan(3); // the import took a while: the answers were measured while it ran
    expect(slowest.healthz, `slowest /healthz ${slowest.healthz.toFixed(0)} ms`).toBeLessThan(HEALTH_CHECK_TIMEOUT_MS);
    expect(slowest.portal, `slowest portal page ${slowest.portal.toFixed(0)} ms`).toBeLessThan(HEALTH_CHECK_TIMEOUT_MS);
    // no freeze (reading, matching and staging hand the event loop back every few milliseconds)
    expect(delay.max / 1e6, `longest event-loop stall ${(delay.max / 1e6).toFixed(0)} ms`).toBeLessThan(HEALTH_CHECK_TIMEOUT_MS);
  }, 600_000);
});

describe('imports beyond the few read at once wait their turn', () => {
  it('reports a background import as queued with how many are ahead, refuses with 503 and Retry-After when the queue is full, and runs the waiting ones in turn', async () => {
    importQueue.configure({ concurrency: 1, maxWaiting: 2 });
    const holder = importQueue.enter(); // an import running elsewhere
    await holder.started;
    const sheet = xlsx([
      ['Họ và tên', 'Đơn vị'],
      ['Nguyễn Thị Hàng Đợi', orgCode],
    ]);
    try {
      const a = await post(`/api/training/sessions/${sessionId}/import?background=true`, sheet);
      const b = await post(
        '/api/training/import/roster?background=true',
        xlsx([
          ['Họ và tên', 'Đơn vị', 'Nhóm đối tượng', 'Từ ngày'],
          ['Trần Văn Chờ', orgCode, 'T2a', '2025-01-01'],
        ]),
      );
      expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
      const status = async (id: number) =>
        (await t.app.inject({ method: 'GET', url: `/api/training/import/${id}`, headers: admin.headers })).json();
      expect(await status(a.json().importId)).toMatchObject({ state: 'queued', ahead: 0, rowsRead: 0 });
      expect(await status(b.json().importId)).toMatchObject({ state: 'queued', ahead: 1 });
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toMatchObject({
        status: 'ok',
        imports: { running: 1, queued: 2 },
      });
      // the queue is full: an import answered at once is refused, with when to try again, and nothing is read
      const full = await post(
        '/api/organisations/import',
        xlsx([
          ['code', 'name_vi', 'kind'],
          ['X-1', 'Tổ chức thử', 'other'],
        ]),
      );
      expect(full.statusCode).toBe(503);
      expect(full.headers['retry-after']).toBe('30');
      expect(full.json().error).toMatchObject({ code: 'busy', details: [{ field: 'file' }] });
      const full2 = await post(`/api/training/sessions/${sessionId}/import?background=true`, sheet);
      expect(full2.statusCode).toBe(503);
      holder.done();
      for (const id of [a.json().importId, b.json().importId]) {
        let s = await status(id);
        for (let i = 0; i < 200 && !['ready', 'failed'].includes(s.state); i++) {
          await new Promise((r) => setTimeout(r, 50));
          s = await status(id);
        }
        expect(s).toMatchObject({ state: 'ready', ahead: null, rowsRead: 1 });
      }
      expect(importQueue.stats()).toMatchObject({ running: 0, queued: 0 });
    } finally {
      holder.done();
      importQueue.configure({ concurrency: 2, maxWaiting: 8 });
    }
  }, 120_000);
});
