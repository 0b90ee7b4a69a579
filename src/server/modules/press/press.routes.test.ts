// The press API: authorisation (editors only for their organisation's subtree, viewers read-only, 401 when
// logged out), the lifecycle through HTTP, sanitised bodies, public endpoints with only public fields and
// diacritic-insensitive search, reporting settings for admins, compliance JSON and its Excel export.
import ExcelJS from 'exceljs';
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
    nameVi: 'Sở Tư pháp Đà Nẵng',
    kind: 'provincial_department',
    parentId: provA.id,
    provinceCode: '48',
    isStateAdminAgency: true,
  });
  provB = await makeOrg(t.db, {
    code: 'UBND-56',
    nameVi: 'Ủy ban nhân dân tỉnh Khánh Hòa',
    kind: 'provincial_committee',
    provinceCode: '56',
    isStateAdminAgency: true,
  });
  admin = await signIn(t.app, ...(await creds('admin')));
  editorA = await signIn(t.app, ...(await creds('editor', provA.id)));
  viewer = await signIn(t.app, ...(await creds('viewer')));
});
async function creds(role: 'admin' | 'editor' | 'viewer', org: number | null = null): Promise<[string, string]> {
  const u = await makeUser(t.db, role, org);
  return [u.username, u.password];
}
const req = (s: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s?.headers ?? {}, ...(payload ? { payload } : {}) });
const draft = (organisationId: number, patch: object = {}) => ({
  kind: 'press_release',
  organisationId,
  title: 'Thông cáo về quyền con người',
  bodyHtml: '<p>Nội dung</p>',
  language: 'vie',
  ...patch,
});

describe('press API', () => {
  it('refuses logged-out clients on workspace endpoints with 401', async () => {
    for (const url of ['/api/press/items', '/api/press/spokespersons', '/api/press/compliance', '/api/press/settings']) {
      expect((await req(null, 'GET', url)).statusCode, url).toBe(401);
    }
    expect((await req(null, 'POST', '/api/press/items', draft(provA.id))).statusCode).toBe(401);
  });

  it('lists the human-rights topics in both languages', async () => {
    const r = await req(null, 'GET', '/api/press/topics');
    expect(r.statusCode).toBe(200);
    expect(r.json().length).toBeGreaterThanOrEqual(12);
    expect(r.json()[0]).toMatchObject({
      code: 'civil-political',
      nameVi: 'Quyền dân sự và chính trị',
      nameEn: 'Civil and political rights',
    });
  });

  it('lets an editor draft and publish for their subtree, sanitising the body', async () => {
    const topics = (await req(null, 'GET', '/api/press/topics')).json();
    const c = await req(
      editorA,
      'POST',
      '/api/press/items',
      draft(deptA.id, {
        bodyHtml: '<p onclick="x()">Xin chào<script>alert(1)</script><a href="javascript:alert(1)">l</a></p>',
        topicIds: [topics[3].id],
      }),
    );
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({
      status: 'draft',
      bodyHtml: '<p>Xin chào<a rel="noopener nofollow">l</a></p>',
      topics: [{ code: topics[3].code }],
    });
    const p = await req(editorA, 'POST', `/api/press/items/${c.json().id}/publish`, {});
    expect(p.statusCode).toBe(200);
    expect(p.json().status).toBe('published');
    const audit = await req(admin, 'GET', `/api/audit?entity=press_item&entityId=${c.json().id}`);
    expect(audit.json().items.map((a: { action: string }) => a.action)).toEqual(['publish', 'create']);
  });

  it("refuses an editor acting for another organisation, and a viewer's writes", async () => {
    expect((await req(editorA, 'POST', '/api/press/items', draft(provB.id))).statusCode).toBe(403);
    const other = await req(admin, 'POST', '/api/press/items', draft(provB.id));
    const pub = await req(editorA, 'POST', `/api/press/items/${other.json().id}/publish`, {});
    expect(pub.statusCode).toBe(403);
    expect(pub.json().error.code).toBe('forbidden');
    expect((await req(viewer, 'POST', '/api/press/items', draft(provA.id))).statusCode).toBe(403);
    expect((await req(viewer, 'POST', `/api/press/items/${other.json().id}/publish`, {})).statusCode).toBe(403);
    expect((await req(viewer, 'GET', `/api/press/items/${other.json().id}`)).statusCode).toBe(200);
  });

  it('lets only admins back-date a publication', async () => {
    const c = (await req(editorA, 'POST', '/api/press/items', draft(provA.id))).json();
    const back = { publishedAt: '2026-01-10T09:00:00+07:00' };
    expect((await req(editorA, 'POST', `/api/press/items/${c.id}/publish`, back)).statusCode).toBe(403);
    const ok = await req(admin, 'POST', `/api/press/items/${c.id}/publish`, back);
    expect(ok.json().publishedAt).toBe('2026-01-10T02:00:00.000Z');
  });

  it('walks the lifecycle: schedule, unschedule, publish, correct, withdraw; refuses what the map refuses', async () => {
    const c = (await req(editorA, 'POST', '/api/press/items', draft(provA.id, { title: 'Họp báo định kỳ' }))).json();
    expect(
      (await req(editorA, 'POST', `/api/press/items/${c.id}/schedule`, { scheduledAt: '2099-01-01T09:00:00+07:00' })).json().status,
    ).toBe('scheduled');
    expect((await req(editorA, 'POST', `/api/press/items/${c.id}/unschedule`)).json().status).toBe('draft');
    expect((await req(editorA, 'POST', `/api/press/items/${c.id}/withdraw`, { reason: 'x' })).statusCode).toBe(409);
    await req(editorA, 'POST', `/api/press/items/${c.id}/publish`, {});
    expect((await req(editorA, 'PUT', `/api/press/items/${c.id}`, draft(provA.id))).statusCode).toBe(409);
    const fixed = await req(editorA, 'POST', `/api/press/items/${c.id}/correct`, {
      note: 'Sửa ngày họp',
      title: 'Họp báo định kỳ (đã đính chính)',
    });
    expect(fixed.json()).toMatchObject({
      status: 'corrected',
      title: 'Họp báo định kỳ (đã đính chính)',
      corrections: [{ note: 'Sửa ngày họp' }],
    });
    expect((await req(editorA, 'POST', `/api/press/items/${c.id}/withdraw`, {})).statusCode).toBe(400);
    const w = await req(editorA, 'POST', `/api/press/items/${c.id}/withdraw`, { reason: 'Thông tin chưa chính xác' });
    expect(w.json()).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Thông tin chưa chính xác' });
    expect((await req(editorA, 'POST', `/api/press/items/${c.id}/publish`, {})).statusCode).toBe(409);
    const pub = await req(null, 'GET', `/api/public/press/items/${c.id}`);
    expect(pub.json()).toMatchObject({
      status: 'withdrawn',
      bodyHtml: '',
      withdrawalReason: 'Thông tin chưa chính xác',
      corrections: [{ note: 'Sửa ngày họp' }],
    });
    expect(pub.json().corrections[0].by).toBeUndefined();
  });

  it('links translations into one group', async () => {
    const vi = (await req(editorA, 'POST', '/api/press/items', draft(provA.id))).json();
    const en = await req(
      editorA,
      'POST',
      '/api/press/items',
      draft(provA.id, { title: 'Press release on human rights', language: 'eng', translationOf: vi.id }),
    );
    expect(en.json().translationGroupId).toBe(vi.translationGroupId);
    expect((await req(editorA, 'POST', '/api/press/items', draft(provA.id, { language: 'english' }))).json().error.details[0].field).toBe(
      'language',
    );
  });

  it('serves only public items and finds them without diacritics', async () => {
    const c = (
      await req(admin, 'POST', '/api/press/items', draft(provB.id, { title: 'Bảo đảm quyền con người của người khuyết tật' }))
    ).json();
    await req(admin, 'POST', '/api/press/items', draft(provB.id, { title: 'Bản nháp quyền con người' }));
    await req(admin, 'POST', `/api/press/items/${c.id}/publish`, {});
    const r = await req(null, 'GET', '/api/public/press/items?q=quyen%20con%20nguoi%20khuyet%20tat');
    expect(r.statusCode).toBe(200);
    expect(r.json().items.map((i: { id: number }) => i.id)).toEqual([c.id]);
    expect(r.json().items[0].isDemo).toBeUndefined();
    const all = (await req(null, 'GET', '/api/public/press/items?limit=200')).json();
    expect(all.items.every((i: { status: string }) => ['published', 'corrected', 'withdrawn'].includes(i.status))).toBe(true);
    const ws = (await req(viewer, 'GET', '/api/press/items?q=ban%20nhap')).json();
    expect(ws.items[0].status).toBe('draft');
  });

  it('keeps spokesperson history and shows only public contact fields to the public', async () => {
    const body = {
      organisationId: deptA.id,
      fullName: 'Trần Thị Demo',
      position: 'Phó Giám đốc',
      decisionNumber: '12/QĐ-STP',
      decisionDate: '2026-01-05',
      validFrom: '2026-01-05',
      email: 'pn@example.vn',
      emailPublic: true,
      phone: '0236 000 000',
      phonePublic: false,
    };
    const c = await req(editorA, 'POST', '/api/press/spokespersons', body);
    expect(c.statusCode).toBe(201);
    expect((await req(editorA, 'POST', '/api/press/spokespersons', { ...body, organisationId: provB.id })).statusCode).toBe(403);
    expect((await req(viewer, 'POST', '/api/press/spokespersons', body)).statusCode).toBe(403);
    const pub = (await req(null, 'GET', `/api/public/press/spokespersons?organisationId=${deptA.id}`)).json();
    expect(pub).toEqual([
      {
        id: c.json().id,
        organisationId: deptA.id,
        organisationName: deptA.nameVi,
        fullName: 'Trần Thị Demo',
        position: 'Phó Giám đốc',
        validFrom: '2026-01-05',
        email: 'pn@example.vn',
        phone: null,
      },
    ]);
    const ended = await req(editorA, 'POST', `/api/press/spokespersons/${c.json().id}/end`, { validTo: '2026-02-01' });
    expect(ended.json().validTo).toBe('2026-02-01');
    expect((await req(null, 'GET', `/api/public/press/spokespersons?organisationId=${deptA.id}`)).json()).toEqual([]);
    const hist = (await req(viewer, 'GET', `/api/press/spokespersons?organisationId=${deptA.id}`)).json();
    expect(hist.map((s: { id: number }) => s.id)).toEqual([c.json().id]);
  });

  it('lets only admins change reporting settings', async () => {
    expect((await req(editorA, 'PUT', '/api/press/settings', { graceDays: 30 })).statusCode).toBe(403);
    const r = await req(admin, 'PUT', '/api/press/settings', { periodKind: 'monthly', graceDays: 10 });
    expect(r.json()).toEqual({ periodKind: 'monthly', graceDays: 10, includeOrgIds: [], excludeOrgIds: [] });
    expect((await req(viewer, 'GET', '/api/press/settings')).json().periodKind).toBe('monthly');
    expect((await req(admin, 'PUT', '/api/press/settings', { periodKind: 'weekly' })).statusCode).toBe(400);
    await req(admin, 'PUT', '/api/press/settings', { periodKind: 'quarterly', graceDays: 15 });
  });

  it('reports compliance for a period as JSON and as Excel', async () => {
    const r = await req(viewer, 'GET', '/api/press/compliance?period=2026-Q1&provinceCode=48');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ denominator: 2, period: { id: '2026-Q1', start: '2025-12-31T17:00:00.000Z' } });
    const a = r.json().rows.find((x: { organisationId: number }) => x.organisationId === provA.id);
    expect(a).toMatchObject({ information: 'on_time', spokespersonId: null, compliant: false });
    expect((await req(viewer, 'GET', '/api/press/compliance?period=2026-Q9')).statusCode).toBe(400);
    const x = await req(viewer, 'GET', '/api/press/compliance.xlsx?period=2026-Q1');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('compliance')!;
    expect(ws.getRow(1).getCell(1).value).toBe('code');
    expect(ws.rowCount).toBe(1 + 3);
  });
});
