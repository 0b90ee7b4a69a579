// Personal data stays in its scope, on every route (issue 16, Tests): people on the training rosters (their names, in
// lists, attendance, imports, exports, certificates), spokespersons' contacts not flagged public, user accounts and the
// fact-checking desk's contact addresses. Canaries of each kind are planted in two organisations; then every route of
// the OpenAPI document that can answer personal data is called as an editor of organisation X, a viewer of X's child
// organisation, an editor of another organisation Y, the provincial coordinator of X's province (who decides reports
// there but reads no roster, contact or account), a logged-out caller (and the programme office, which sees
// everything but the desk's addresses), and every answer — JSON, HTML, feeds, Excel and Word files unzipped, PDFs as
// text — is searched for every canary. Each caller must find exactly the canaries in its scope.
// A route is covered without being listed when it has no path parameter and reads (GET): it is called. Any other route
// whose answer can carry personal data (its schema has a personal field, or it answers a file or a page) must be listed
// below, with the URLs to call or the reason it carries none: a new route that is not fails this test by name.
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../test/factories.js';
import { signIn, testApp, type Session } from '../../test/test-db.js';
import { unzip } from '../../test/zip.js';
import type { Actor } from './kernel/audit.js';
import { createUser } from './modules/directory/users.service.js';
import { submitClaim, submitComplaint } from './modules/factcheck/factcheck.desk.js';
import { createSpokesperson } from './modules/press/spokespersons.service.js';
import { previewSigninImport, signinSheet } from './modules/training/training.excel.js';
import { createCourse, createPerson, createSession, recordAttendance } from './modules/training/training.service.js';

type Caller = 'editorX' | 'viewerX' | 'editorY' | 'coordinatorX' | 'anonymous' | 'office';
const CALLERS: Caller[] = ['editorX', 'viewerX', 'editorY', 'coordinatorX', 'anonymous', 'office'];

/** Fields of an answer that name or reach a person. */
const PERSONAL_FIELDS = new Set([
  'fullName',
  'displayName',
  'username',
  'email',
  'phone',
  'candidates',
  'actorName',
  'draftedByName',
  'approvedByName',
  'requestedByName',
  'decidedByName',
  'closedByName',
]);

let t: Awaited<ReturnType<typeof testApp>>;
const sessions = new Map<Caller, Session | null>();
/** The canaries: text that must reach only the callers listed. */
const canaries: { text: string; what: string; seenBy: Caller[] }[] = [];
const ids: Record<string, number> = {};
let orgX: { id: number; code: string }, orgXChild: { id: number; code: string }, orgY: { id: number; code: string };

beforeAll(async () => {
  t = await testApp();
  const db = t.db;
  orgX = await makeOrg(db, { kind: 'provincial_committee', provinceCode: '01', nameVi: 'UBND thử Hà Nội' });
  orgXChild = await makeOrg(db, { kind: 'provincial_department', provinceCode: '01', nameVi: 'Sở thử Hà Nội', parentId: orgX.id });
  orgY = await makeOrg(db, { kind: 'provincial_department', provinceCode: '79', nameVi: 'Sở thử TP Hồ Chí Minh' });
  const edX = await makeUser(db, 'editor', orgX.id),
    viX = await makeUser(db, 'viewer', orgXChild.id),
    edY = await makeUser(db, 'editor', orgY.id),
    office = await makeUser(db, 'admin');
  sessions.set('editorX', await signIn(t.app, edX.username, TEST_PASSWORD));
  sessions.set('viewerX', await signIn(t.app, viX.username, TEST_PASSWORD));
  sessions.set('editorY', await signIn(t.app, edY.username, TEST_PASSWORD));
  sessions.set('office', await signIn(t.app, office.username, TEST_PASSWORD));
  await createUser(db, seedActor, {
    username: 'coordinator.x',
    displayName: 'Điều phối Hà Nội',
    password: TEST_PASSWORD,
    role: 'coordinator',
    provinceCode: '01',
  });
  sessions.set('coordinatorX', await signIn(t.app, 'coordinator.x', TEST_PASSWORD));
  sessions.set('anonymous', null);
  const actorOf = (u: { id: number; username: string }, org: number): Actor => ({
    userId: u.id,
    name: u.username,
    role: 'editor',
    organisationId: org,
    via: 'api',
  });

  // Rostered people, each on T2a, at a session of X and one of Y (the programme office records them), completed.
  const course = await createCourse(db, seedActor, {
    title: 'Tập huấn và cập nhật',
    kind: 'both',
    format: 'in_person',
    organisationId: orgX.id,
  });
  ids.sessionX = (
    await createSession(db, seedActor, {
      courseId: course.id,
      startsOn: '2026-03-10',
      endsOn: '2026-03-10',
      provinceCode: '01',
      organiserId: orgX.id,
    })
  ).id;
  ids.sessionY = (
    await createSession(db, seedActor, {
      courseId: course.id,
      startsOn: '2026-03-12',
      endsOn: '2026-03-12',
      provinceCode: '79',
      organiserId: orgY.id,
    })
  ).id;
  const roster = [
    { key: 'Rxparent', org: orgX.id, seenBy: ['editorX', 'office'] },
    { key: 'Rxchild', org: orgXChild.id, seenBy: ['editorX', 'viewerX', 'office'] },
    { key: 'Ryorg', org: orgY.id, seenBy: ['editorY', 'office'] },
  ] as const;
  for (const r of roster) {
    const fullName = `Nguyễn Văn ${r.key}`;
    ids[r.key] = (
      await createPerson(db, seedActor, {
        fullName,
        position: 'Chuyên viên',
        organisationId: r.org,
        memberships: [{ targetGroup: 'T2a', validFrom: '2023-01-01' }],
      })
    ).id;
    for (const s of [ids.sessionX, ids.sessionY]) {
      ids[`att-${r.key}-${s}`] = (
        await recordAttendance(db, seedActor, { sessionId: s, personId: ids[r.key]!, attended: true, completed: true })
      ).id;
    }
    canaries.push({ text: fullName, what: 'a rostered person', seenBy: [...r.seenBy] });
  }
  // Spokespersons: name and position are public; contacts not flagged public only for their organisation subtree.
  for (const [org, key, seenBy] of [
    [orgX.id, 'x', ['editorX', 'office']],
    [orgY.id, 'y', ['editorY', 'office']],
  ] as const) {
    const email = `spokes.${key}@canary.example`,
      phone = key === 'x' ? '0900 111 222' : '0900 333 444';
    ids[`spokes-${key}`] = (
      await createSpokesperson(db, seedActor, {
        organisationId: org,
        fullName: `Người phát ngôn ${key}`,
        validFrom: '2024-01-01',
        email,
        phone,
      })
    ).id;
    canaries.push(
      { text: email, what: "a spokesperson's private e-mail", seenBy: [...seenBy] },
      { text: phone, what: "a spokesperson's private phone", seenBy: [...seenBy] },
    );
  }
  // User accounts (not the callers): the programme office only.
  for (const [org, key] of [
    [orgX.id, 'ux'],
    [orgY.id, 'uy'],
  ] as const) {
    await createUser(db, seedActor, {
      username: `canary.${key}`,
      displayName: `Tài khoản ${key}canary`,
      password: TEST_PASSWORD,
      role: 'viewer',
      organisationId: org,
      email: `${key}@canary.example`,
    });
    canaries.push(
      ...[`canary.${key}`, `Tài khoản ${key}canary`, `${key}@canary.example`].map((text) => ({
        text,
        what: 'a user account',
        seenBy: ['office'] as Caller[],
      })),
    );
  }
  // The fact-checking desk: addresses kept with consent reach nobody (the reply is mailed, then they are erased).
  ids.complaint = (
    await submitComplaint(db, {
      text: 'Xin xem lại bài kiểm chứng về quyền con người.',
      email: 'complainant@canary.example',
      consent: true,
      locale: 'vi',
    })
  ).id;
  await submitClaim(db, { text: 'Tin đồn cần kiểm chứng về quyền con người ở Việt Nam.', email: 'sender@canary.example', consent: true });
  canaries.push(
    { text: 'complainant@canary.example', what: 'a desk contact', seenBy: [] },
    { text: 'sender@canary.example', what: 'a desk contact', seenBy: [] },
  );
  // Imports: rows typed by who read the sheet, for them and the office; names beyond the importer's roster reordered,
  // so that a candidate shown would carry the roster's spelling (a canary).
  for (const [u, org, key, session] of [
    [edX, orgX, 'X', ids.sessionX],
    [edY, orgY, 'Y', ids.sessionY],
  ] as const) {
    const typed = `Lê Thị Import${key}`;
    const p = await previewSigninImport(
      db,
      actorOf(u, org.id),
      session,
      await signinSheet('Lớp thử', [
        { name: typed, organisation: org.code },
        { name: 'Rxparent Nguyễn Văn' },
        { name: 'Rxchild Nguyễn Văn' },
        { name: 'Ryorg Nguyễn Văn' },
      ]),
    );
    ids[`import${key}`] = p.importId;
    canaries.push({ text: typed, what: 'an import row', seenBy: key === 'X' ? ['editorX', 'office'] : ['editorY', 'office'] });
  }
});

// ---------------------------------------------------------------- the routes

type Call = { method?: 'GET' | 'POST'; url: string; file?: () => Promise<Buffer> };
const rosterSheet = async (orgCode: string) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('r');
  ws.addRow(['Họ và tên', 'Đơn vị', 'Nhóm đối tượng', 'Từ ngày']);
  for (const n of ['Rxparent Nguyễn Văn', 'Rxchild Nguyễn Văn', 'Ryorg Nguyễn Văn']) ws.addRow([n, orgCode, 'T2a', '2024-01-01']);
  return Buffer.from(await wb.xlsx.writeBuffer());
};
/** Routes with path parameters (or writes) that can answer personal data: the URLs to call, every caller. */
const CALLED: Record<string, () => Call[]> = {
  'GET /api/training/people/{id}': () => ['Rxparent', 'Rxchild', 'Ryorg'].map((k) => ({ url: `/api/training/people/${ids[k]}` })),
  'GET /api/training/sessions/{id}/attendance': () =>
    [ids.sessionX, ids.sessionY].map((s) => ({ url: `/api/training/sessions/${s}/attendance` })),
  'GET /api/training/attendance/{id}/certificate.pdf': () =>
    Object.keys(ids)
      .filter((k) => k.startsWith('att-'))
      .map((k) => ({ url: `/api/training/attendance/${ids[k]}/certificate.pdf` })),
  'GET /api/training/import/{id}': () => [ids.importX, ids.importY].map((i) => ({ url: `/api/training/import/${i}` })),
  'GET /api/training/import/{id}/rows': () => [ids.importX, ids.importY].map((i) => ({ url: `/api/training/import/${i}/rows?status=all` })),
  'GET /api/press/spokespersons/{id}': () => [ids['spokes-x'], ids['spokes-y']].map((i) => ({ url: `/api/press/spokespersons/${i}` })),
  'GET /api/factcheck/complaints/{id}': () => [{ url: `/api/factcheck/complaints/${ids.complaint}` }],
  'GET /api/indicators/{id}/records': () =>
    ['T2a', 'T2b'].flatMap((g) => ['numerator', 'gap'].map((part) => ({ url: `/api/indicators/${g}/records?period=2026&part=${part}` }))),
  'POST /api/training/sessions/{id}/import': () =>
    [ids.sessionX, ids.sessionY].map((s) => ({
      method: 'POST',
      url: `/api/training/sessions/${s}/import`,
      file: () => signinSheet('Lớp', [{ name: 'Rxparent Nguyễn Văn' }, { name: 'Rxchild Nguyễn Văn' }, { name: 'Ryorg Nguyễn Văn' }]),
    })),
  'POST /api/training/import/roster': () =>
    [orgX.code, orgXChild.code, orgY.code].map((code) => ({
      method: 'POST',
      url: '/api/training/import/roster',
      file: () => rosterSheet(code),
    })),
};
const CYCLE_STAFF =
  'closedByName / actorName: who closed a period or acted on a report (staff at work, by design); organisations, figures and narratives, no roster';
const PUBLIC_CONTENT =
  'public content (press items, library products, exhibitions, recommendations, fact-checks): no roster, private contact or account';
const WRITER_ONLY =
  'answers the record just written, to a writer of its organisation only (refused otherwise: the write-authorisation test)';
/** Routes that need not be called, and why. */
const NOT_CALLED: Record<string, string> = {
  'GET /api/public/training/certificates/{code}':
    "the public check: a certificate's holder, to whoever holds its code (printed on the certificate)",
  'GET /api/recommendations/{id}': "actorName: who changed a recommendation's status (staff at work, by design)",
  'GET /api/factcheck/claims/{id}': 'draftedByName / approvedByName: the fact-checkers who signed a version (staff at work, by design)',
  'POST /api/factcheck/claims': 'the fact-checkers who signed a version (staff at work, by design)',
  'PATCH /api/factcheck/claims/{id}': 'the fact-checkers who signed a version (staff at work, by design)',
  'POST /api/exhibitions/{id}/organisers/{organisationId}/confirm':
    'requestedByName / decidedByName: the staff who named or confirmed a co-organiser (staff at work, by design)',
  'POST /api/exhibitions/{id}/organisers/{organisationId}/decline':
    'requestedByName / decidedByName: the staff who named or confirmed a co-organiser (staff at work, by design)',
  'POST /api/exhibitions': 'requestedByName / decidedByName: the staff who named or confirmed a co-organiser (staff at work, by design)',
  'GET /api/exhibitions/{id}':
    'requestedByName / decidedByName: the staff who named or confirmed a co-organiser (staff at work, by design)',
  'PUT /api/exhibitions/{id}':
    'requestedByName / decidedByName: the staff who named or confirmed a co-organiser (staff at work, by design)',
  'POST /api/exhibitions/{id}/publish-online':
    'requestedByName / decidedByName: the staff who named or confirmed a co-organiser (staff at work, by design)',
  'POST /api/exhibitions/{id}/show-on-portal':
    'requestedByName / decidedByName: the staff who named or confirmed a co-organiser (staff at work, by design)',
  'POST /api/exhibitions/{id}/hide-from-portal':
    'requestedByName / decidedByName: the staff who named or confirmed a co-organiser (staff at work, by design)',
  'POST /api/exhibitions/{id}/unpublish-online':
    'requestedByName / decidedByName: the staff who named or confirmed a co-organiser (staff at work, by design)',
  'GET /sitemap-pages-{n}': 'public URLs of published records only (no names)',
  'GET /sitemap-news-{n}': 'public URLs of published records only (no names)',
  'GET /sitemap-library-{n}': 'public URLs of published records only (no names)',
  'GET /sitemap-exhibitions-{n}': 'public URLs of published records only (no names)',
  'GET /sitemap-factchecks-{n}': 'public URLs of published records only (no names)',
  'GET /sitemap-recommendations-{n}': 'public URLs of published records only (no names)',
  'POST /api/factcheck/claims/{id}/correction': 'the fact-checkers who signed a version (staff at work, by design)',
  'DELETE /api/factcheck/claims/{id}/correction': 'the fact-checkers who signed a version (staff at work, by design)',
  'POST /api/factcheck/claims/{id}/evidence': 'the fact-checkers who signed a version (staff at work, by design)',
  'POST /api/factcheck/claims/{id}/transition': 'the fact-checkers who signed a version (staff at work, by design)',
  'GET /api/exhibitions/former-units': 'candidates are former provinces, not people',
  'GET /api/plans/{id}/history': "actorName: the staff who took each step of a plan's approval (staff at work, by design)",
  'POST /api/auth/login': 'the account that signed in (oneself)',
  'PUT /api/auth/me/locale': "one's own account",
  'GET /api/auth/oidc/{provider}/start': 'a redirect to the identity provider (no body)',
  'GET /api/auth/oidc/{provider}/callback': "a redirect into the workspace or to the sign-in page with a refusal's code (no body)",
  'PUT /api/notifications/preferences':
    "one's own notification choices and e-mail address (GET is called: each caller sees only their own)",
  'POST /api/users': WRITER_ONLY,
  'PUT /api/users/{id}': WRITER_ONLY,
  'POST /api/press/spokespersons': WRITER_ONLY,
  'PUT /api/press/spokespersons/{id}': WRITER_ONLY,
  'POST /api/press/spokespersons/{id}/end': WRITER_ONLY,
  'POST /api/training/people': WRITER_ONLY,
  'PUT /api/training/people/{id}': WRITER_ONLY,
  'POST /api/training/people/merge': WRITER_ONLY,
  'GET /api/units/geometry/{map}': 'province outlines',
  'GET /api/press/items/{id}/attachments': PUBLIC_CONTENT,
  'GET /api/public/press/attachments/{attachmentId}': PUBLIC_CONTENT,
  'GET /api/library/files/{fileId}': PUBLIC_CONTENT,
  'GET /api/library/files/{fileId}/thumbnail': PUBLIC_CONTENT,
  'GET /api/public/exhibitions/{id}/manifest.json': PUBLIC_CONTENT,
  'GET /api/public/exhibitions/{id}/catalogue.pdf': PUBLIC_CONTENT,
  'GET /api/exhibitions/{id}/catalogue.pdf': PUBLIC_CONTENT,
  'GET /api/exhibitions/{id}/photos/{photoId}': PUBLIC_CONTENT,
  'GET /api/public/iiif/image/{fileId}': PUBLIC_CONTENT,
  'GET /api/public/iiif/image/{fileId}/info.json': PUBLIC_CONTENT,
  'GET /api/public/iiif/image/{fileId}/full/{size}/0/default.jpg': PUBLIC_CONTENT,
  'GET /tin-tuc/{id}': PUBLIC_CONTENT,
  'GET /en/news/{id}': PUBLIC_CONTENT,
  'GET /thu-vien/{id}': PUBLIC_CONTENT,
  'GET /en/library/{id}': PUBLIC_CONTENT,
  'GET /trien-lam/{id}': PUBLIC_CONTENT,
  'GET /en/exhibitions/{id}': PUBLIC_CONTENT,
  'GET /khuyen-nghi/{id}': PUBLIC_CONTENT,
  'GET /en/recommendations/{id}': PUBLIC_CONTENT,
  'GET /kiem-chung/{id}': PUBLIC_CONTENT,
  'GET /en/fact-checks/{id}': PUBLIC_CONTENT,
  'POST /api/cycle/periods': CYCLE_STAFF,
  'GET /api/cycle/periods/{id}': CYCLE_STAFF,
  'PUT /api/cycle/periods/{id}': CYCLE_STAFF,
  'GET /api/cycle/periods/{id}/completeness': CYCLE_STAFF,
  'POST /api/cycle/periods/{id}/close': CYCLE_STAFF,
  'POST /api/cycle/periods/{id}/reopen': CYCLE_STAFF,
  'POST /api/cycle/periods/{id}/republish': CYCLE_STAFF,
  'GET /api/cycle/periods/{id}/official': CYCLE_STAFF,
  'POST /api/cycle/reports': CYCLE_STAFF,
  'GET /api/cycle/reports/{id}': CYCLE_STAFF,
  'PUT /api/cycle/reports/{id}': CYCLE_STAFF,
  'POST /api/cycle/reports/{id}/submit': CYCLE_STAFF,
  'POST /api/cycle/reports/{id}/return': CYCLE_STAFF,
  'POST /api/cycle/reports/{id}/approve': CYCLE_STAFF,
  'GET /api/cycle/periods/{id}/completeness.xlsx': "organisations and their reports' states, no person",
  // The consolidated programme report: national readers only (cycle.consolidated.test); who closed a period and who
  // edited a summary paragraph (staff at work), organisations, figures and narratives — no roster, no contact.
  'GET /api/cycle/periods/{id}/summary': CYCLE_STAFF,
  'PUT /api/cycle/periods/{id}/summary': CYCLE_STAFF,
  'GET /api/cycle/periods/{id}/report.docx': CYCLE_STAFF,
  'GET /api/cycle/periods/{id}/report.xlsx': CYCLE_STAFF,
  'GET /api/cycle/reports/{id}/files/{fileId}':
    "a file a focal point attached to a report, for the report's readers only (cycle.reports.test)",
  'GET /app/{*}': "the workspace's static files",
  'GET /{*}': "the portal's not-found page",
};

type Operation = { key: string; method: string; path: string; personal: boolean; file: boolean };
async function operations(): Promise<Operation[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
  };
  const fields = (s: unknown, out = new Set<string>()): Set<string> => {
    if (Array.isArray(s)) s.forEach((x) => fields(x, out));
    else if (s && typeof s === 'object')
      for (const [k, v] of Object.entries(s)) {
        if (k === 'properties' && v && typeof v === 'object') Object.keys(v).forEach((f) => out.add(f));
        fields(v, out);
      }
    return out;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([m, op]) => {
      const ok = Object.entries(op.responses ?? {})
        .filter(([code]) => code.startsWith('2'))
        .map(([, r]) => r);
      return {
        key: `${m.toUpperCase()} ${path}`,
        method: m.toUpperCase(),
        path,
        personal: ok.some((r) => [...fields(r.content)].some((f) => PERSONAL_FIELDS.has(f))),
        file: ok.length === 0 || ok.some((r) => !r.content), // a file or a page: its schema says nothing
      };
    }),
  );
}

/** An answer as text: JSON, HTML, feeds and CSV as they are; Excel and Word files unzipped; PDFs read as text. */
async function textOf(res: { headers: Record<string, unknown>; rawPayload: Buffer; body: string }): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('spreadsheetml') || type.includes('wordprocessingml'))
    return [...unzip(res.rawPayload).values()].map((b) => b.toString('utf8')).join('\n');
  if (type.includes('application/pdf'))
    return (await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), { mergePages: true })).text;
  if (type.startsWith('image/')) return '';
  return res.body;
}

async function call(caller: Caller, c: Call) {
  const s = sessions.get(caller) ?? null;
  if (!c.file) return t.app.inject({ method: c.method ?? 'GET', url: c.url, headers: s?.headers ?? {} });
  const boundary = '----rh' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    await c.file(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: c.method ?? 'POST',
    url: c.url,
    headers: { ...(s?.headers ?? {}), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

describe('personal data on every route', () => {
  it('lists every route that can answer personal data: called, or said why it carries none', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(150);
    const unlisted = ops
      .filter((o) => (o.method !== 'GET' || o.path.includes('{')) && (o.personal || (o.method === 'GET' && o.file)))
      .map((o) => o.key)
      .filter((k) => !CALLED[k] && !NOT_CALLED[k]);
    expect(unlisted, 'routes that can answer personal data: list them in CALLED (with URLs) or NOT_CALLED (with the reason)').toEqual([]);
    const stale = [...Object.keys(CALLED), ...Object.keys(NOT_CALLED)].filter((k) => !ops.some((o) => o.key === k));
    expect(stale, 'listed routes that no longer exist').toEqual([]);
  });

  it('answers every caller only the people, contacts and accounts in its scope, whatever the route', async () => {
    const ops = await operations();
    const calls: { key: string; c: Call }[] = [
      ...ops.filter((o) => o.method === 'GET' && !o.path.includes('{')).map((o) => ({ key: o.key, c: { url: o.path } })),
      ...Object.entries(CALLED).flatMap(([key, f]) => f().map((c) => ({ key, c }))),
    ];
    const leaks: string[] = [];
    const seen = new Map<Caller, Set<string>>(CALLERS.map((c) => [c, new Set()]));
    for (const caller of CALLERS) {
      for (const { key, c } of calls) {
        const res = await call(caller, c);
        expect(res.statusCode, `${caller} ${key} (${c.url})`).toBeLessThan(500);
        const text = await textOf(res);
        for (const k of canaries) {
          if (!text.includes(k.text)) continue;
          seen.get(caller)!.add(k.text);
          if (!k.seenBy.includes(caller)) leaks.push(`${caller} read ${k.what} "${k.text}" in ${c.method ?? 'GET'} ${c.url}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // every canary reached everyone entitled to it somewhere: the walk reached the data
    for (const caller of CALLERS)
      expect([...seen.get(caller)!].sort(), caller).toEqual(
        canaries
          .filter((k) => k.seenBy.includes(caller))
          .map((k) => k.text)
          .sort(),
      );
  }, 600_000);
});
