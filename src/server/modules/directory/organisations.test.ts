// Organisations through the HTTP API: the tree, search, validation, authorisation by role and subtree,
// CSRF, deactivation instead of deletion, and the audit trail of every write.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Organisation } from '../../../shared/contracts/directory.js';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Session, editorA: Session, viewer: Session;
let provA: Organisation, deptA: Organisation, provB: Organisation;

beforeAll(async () => {
  t = await testApp();
  provA = await makeOrg(t.db, {
    code: 'UBND-48',
    nameVi: 'Ủy ban nhân dân thành phố Đà Nẵng',
    kind: 'provincial_committee',
    provinceCode: '48',
    isStateAdminAgency: true,
  });
  deptA = await makeOrg(t.db, {
    code: 'SO-48',
    nameVi: 'Sở Văn hóa Đà Nẵng',
    kind: 'provincial_department',
    parentId: provA.id,
    provinceCode: '48',
  });
  provB = await makeOrg(t.db, {
    code: 'UBND-56',
    nameVi: 'Ủy ban nhân dân tỉnh Khánh Hòa',
    kind: 'provincial_committee',
    provinceCode: '56',
  });
  const a = await makeUser(t.db, 'admin');
  const e = await makeUser(t.db, 'editor', provA.id);
  const v = await makeUser(t.db, 'viewer');
  admin = await signIn(t.app, a.username, a.password);
  editorA = await signIn(t.app, e.username, e.password);
  viewer = await signIn(t.app, v.username, v.password);
});

const body = (o: Organisation, patch: Record<string, unknown> = {}) => ({
  code: o.code,
  nameVi: o.nameVi,
  nameEn: o.nameEn,
  kind: o.kind,
  parentId: o.parentId,
  provinceCode: o.provinceCode,
  countryCode: o.countryCode,
  isStateAdminAgency: o.isStateAdminAgency,
  ...patch,
});

describe('organisations API', () => {
  it('refuses a logged-out client with 401 and the error shape', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/organisations' });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toMatchObject({ error: { code: 'unauthenticated', message: 'Sign in first' } });
  });

  it('creates an organisation with its province on the current map and records it in the audit log', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: admin.headers,
      payload: { code: 'BAO-TQ', nameVi: 'Báo Tuyên Quang', kind: 'press', provinceCode: '08' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ code: 'BAO-TQ', provinceCode: '08', provinceName: 'Tuyên Quang', active: true });
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/audit?entity=organisation&entityId=${r.json().id}`,
      headers: admin.headers,
    });
    expect(audit.json().items[0]).toMatchObject({ action: 'create', via: 'api', before: null, after: { code: 'BAO-TQ' } });
  });

  it('names the field when input is bad: empty, over-long, unknown or old-map province, duplicate code', async () => {
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/organisations', headers: admin.headers, payload });
    const empty = await post({ code: 'X1', nameVi: '', kind: 'press' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].field).toBe('nameVi');
    const long = await post({ code: 'X1', nameVi: 'a'.repeat(301), kind: 'press' });
    expect(long.json().error.details[0].field).toBe('nameVi');
    const old = await post({ code: 'X1', nameVi: 'Báo Hà Giang', kind: 'press', provinceCode: '02' });
    expect(old.statusCode).toBe(400);
    expect(old.json().error.details[0]).toMatchObject({ field: 'provinceCode' });
    expect(old.json().error.message).toMatch(/08 \(Tuyên Quang\)/);
    const dup = await post({ code: 'ubnd-48', nameVi: 'Trùng mã', kind: 'other' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details[0].field).toBe('code');
  });

  it('finds organisations without diacritics', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/organisations?q=da%20nang', headers: viewer.headers });
    expect(
      r
        .json()
        .items.map((o: Organisation) => o.code)
        .sort(),
    ).toEqual(['SO-48', 'UBND-48']);
  });

  it('returns the whole tree with parents', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/organisations/tree', headers: viewer.headers });
    expect(r.json().find((n: { code: string }) => n.code === 'SO-48').parentId).toBe(provA.id);
  });

  it('sends the tree with an ETag, 304 while unchanged and a new tree after a write', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/organisations/tree', headers: viewer.headers });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"org-tree-active-/);
    const same = await t.app.inject({
      method: 'GET',
      url: '/api/organisations/tree',
      headers: { ...viewer.headers, 'if-none-match': etag },
    });
    expect(same.statusCode).toBe(304);
    await t.app.inject({
      method: 'PUT',
      url: `/api/organisations/${provB.id}`,
      headers: admin.headers,
      payload: body(provB, { nameEn: 'Khanh Hoa People’s Committee' }),
    });
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/organisations/tree',
      headers: { ...viewer.headers, 'if-none-match': etag },
    });
    expect(after.statusCode).toBe(200);
    expect(after.json().find((n: { id: number }) => n.id === provB.id).nameEn).toBe('Khanh Hoa People’s Committee');
  });

  it("lets an editor change their own subtree but not another province's organisation", async () => {
    const own = await t.app.inject({
      method: 'PUT',
      url: `/api/organisations/${deptA.id}`,
      headers: editorA.headers,
      payload: body(deptA, { nameEn: 'Da Nang Department of Culture' }),
    });
    expect(own.statusCode).toBe(200);
    const other = await t.app.inject({
      method: 'PUT',
      url: `/api/organisations/${provB.id}`,
      headers: editorA.headers,
      payload: body(provB, { nameVi: 'Đổi tên' }),
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('forbidden');
    const moveOut = await t.app.inject({
      method: 'PUT',
      url: `/api/organisations/${deptA.id}`,
      headers: editorA.headers,
      payload: body(deptA, { parentId: provB.id }),
    });
    expect(moveOut.statusCode).toBe(403);
  });

  it('refuses every write from a viewer', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: viewer.headers,
      payload: { code: 'V1', nameVi: 'Không được', kind: 'other' },
    });
    expect(r.statusCode).toBe(403);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: admin.cookie },
      payload: { code: 'C1', nameVi: 'Không CSRF', kind: 'other' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('csrf_failed');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { cookie: admin.cookie, 'x-csrf-token': 'nope' },
      payload: { code: 'C1', nameVi: 'x', kind: 'other' },
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('refuses a cycle in the tree', async () => {
    const r = await t.app.inject({
      method: 'PUT',
      url: `/api/organisations/${provA.id}`,
      headers: admin.headers,
      payload: body(provA, { parentId: deptA.id }),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0]).toMatchObject({ field: 'parentId', message: expect.stringMatching(/cycle/) });
  });

  it('refuses a wrong content type', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: { ...admin.headers, 'content-type': 'text/plain' },
      payload: 'code=1',
    });
    expect(r.statusCode).toBe(415);
    expect(r.json().error.code).toBe('unsupported_media_type');
  });

  it('deactivates with a successor instead of deleting, and can reactivate', async () => {
    const old = await makeOrg(t.db, { code: 'OLD-1', nameVi: 'Cơ quan cũ', kind: 'central_agency' });
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/organisations/${old.id}/deactivate`,
      headers: admin.headers,
      payload: { successorId: provA.id },
    });
    expect(r.json()).toMatchObject({ active: false, successorId: provA.id });
    const list = await t.app.inject({ method: 'GET', url: '/api/organisations?q=co%20quan%20cu', headers: admin.headers });
    // The inactive one is listed no more; its name now finds its successor (merged into it).
    expect(list.json().items.map((o: Organisation) => o.id)).toEqual([provA.id]);
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/organisations?q=co%20quan%20cu&includeInactive=true',
      headers: admin.headers,
    });
    expect(
      all
        .json()
        .items.map((o: Organisation) => o.id)
        .sort(),
    ).toEqual([provA.id, old.id].sort());
    const back = await t.app.inject({ method: 'POST', url: `/api/organisations/${old.id}/reactivate`, headers: admin.headers });
    expect(back.json()).toMatchObject({ active: true, successorId: null });
    const audit = await t.app.inject({ method: 'GET', url: `/api/audit?entity=organisation&entityId=${old.id}`, headers: admin.headers });
    expect(audit.json().items.map((a: { action: string }) => a.action)).toEqual(['reactivate', 'deactivate', 'create']);
  });

  it("lets an editor name a successor only within its own subtree: a successor outside it takes over the period's records (T1)", async () => {
    const gone = await makeOrg(t.db, {
      code: 'SO-48-CU',
      nameVi: 'Sở cũ Đà Nẵng',
      kind: 'provincial_department',
      parentId: provA.id,
      provinceCode: '48',
    });
    const deactivate = (s: Session, successorId: number) =>
      t.app.inject({ method: 'POST', url: `/api/organisations/${gone.id}/deactivate`, headers: s.headers, payload: { successorId } });
    const r = await deactivate(editorA, provB.id);
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/the successor is outside it/) });
    const still = await t.app.inject({ method: 'GET', url: `/api/organisations/${gone.id}`, headers: admin.headers });
    expect(still.json()).toMatchObject({ active: true, successorId: null });
    expect((await deactivate(editorA, deptA.id)).json()).toMatchObject({ active: false, successorId: deptA.id });
    await t.app.inject({ method: 'POST', url: `/api/organisations/${gone.id}/reactivate`, headers: admin.headers });
    expect((await deactivate(admin, provB.id)).json()).toMatchObject({ active: false, successorId: provB.id });
  });

  it('requires a country for a mission abroad', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: admin.headers,
      payload: { code: 'M1', nameVi: 'Phái đoàn', kind: 'mission_abroad' },
    });
    expect(r.json().error.details[0].field).toBe('countryCode');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: admin.headers,
      payload: { code: 'M1', nameVi: 'Phái đoàn', kind: 'mission_abroad', countryCode: 'ch' },
    });
    expect(ok.json()).toMatchObject({ countryCode: 'CH', countryName: 'Thụy Sĩ' });
  });
});
