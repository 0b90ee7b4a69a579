// The library API: the public language list; the form's ISBN check; products for signed-in users (401 otherwise)
// with their lifecycle, editors limited to their subtree (403), viewers read-only, bad input answered 400 with the
// fields named; the public reads: published products only, a withdrawn one as a tombstone, drafts 404; and the
// file routes registered alongside.
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
  deptA = await makeOrg(t.db, { code: 'BAO-48', nameVi: 'Báo Đà Nẵng', kind: 'press', parentId: provA.id, provinceCode: '48' });
  provB = await makeOrg(t.db, {
    code: 'UBND-56',
    nameVi: 'Ủy ban nhân dân tỉnh Khánh Hòa',
    kind: 'provincial_committee',
    provinceCode: '56',
    isStateAdminAgency: true,
  });
  const session = async (role: 'admin' | 'editor' | 'viewer', org: number | null = null) => {
    const u = await makeUser(t.db, role, org);
    return signIn(t.app, u.username, u.password);
  };
  admin = await session('admin');
  editorA = await session('editor', provA.id);
  viewer = await session('viewer');
});

const req = (s: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s?.headers ?? {}, ...(payload ? { payload } : {}) });
const product = (organisationId: number, patch: object = {}) => ({
  kind: 'news_article',
  organisationId,
  channel: 'online_press',
  date: '2026-02-10',
  languages: ['vie'],
  texts: [{ language: 'vie', title: 'Tin về quyền của người khuyết tật', description: 'Bài viết' }],
  url: 'https://example.org/tin',
  ...patch,
});

describe('reference and the ISBN check', () => {
  it('lists the languages without sign-in', async () => {
    const r = await req(null, 'GET', '/api/library/languages');
    expect(r.statusCode).toBe(200);
    expect(r.json()[0]).toEqual({ code: 'vie', nameVi: 'Tiếng Việt', nameEn: 'Vietnamese', group: 'national' });
    expect(r.json().find((l: { code: string }) => l.code === 'khm')).toMatchObject({ group: 'ethnic' });
  });

  it('checks an ISBN for the form (signed in)', async () => {
    expect((await req(null, 'GET', '/api/library/isbn?isbn=0-306-40615-2')).statusCode).toBe(401);
    expect((await req(viewer, 'GET', '/api/library/isbn?isbn=0-306-40615-2')).json()).toEqual({
      valid: true,
      isbn13: '9780306406157',
      hyphenated: '978-0-306-40615-7',
    });
    expect((await req(viewer, 'GET', `/api/library/isbn?isbn=${encodeURIComponent('978-604-0-00000-1')}`)).json()).toEqual({
      valid: false,
      isbn13: null,
      hyphenated: null,
      suggestion: '978-604-0-00000-2',
      message: 'ISBN 978-604-0-00000-1 has a wrong check digit; did you mean 978-604-0-00000-2?',
    });
  });
});

describe('products', () => {
  it('are for signed-in users', async () => {
    for (const url of ['/api/library/products', '/api/library/products/1']) expect((await req(null, 'GET', url)).statusCode, url).toBe(401);
    expect((await req(null, 'POST', '/api/library/products', product(provA.id))).statusCode).toBe(401);
  });

  it('go through their lifecycle over HTTP, each step audited', async () => {
    const c = await req(editorA, 'POST', '/api/library/products', product(deptA.id));
    expect(c.statusCode).toBe(201);
    const id = c.json().id;
    expect(c.json()).toMatchObject({ status: 'draft', organisationName: 'Báo Đà Nẵng', digital: true, book: null });
    const u = await req(editorA, 'PUT', `/api/library/products/${id}`, product(deptA.id, { audiences: [2, 3] }));
    expect(u.statusCode).toBe(200);
    expect(u.json().audiences).toEqual([2, 3]);
    expect((await req(viewer, 'GET', `/api/library/products/${id}`)).json()).toMatchObject({ id, audiences: [2, 3] });
    const p = await req(editorA, 'POST', `/api/library/products/${id}/publish`);
    expect(p.statusCode).toBe(200);
    expect(p.json().status).toBe('published');
    expect((await req(editorA, 'POST', `/api/library/products/${id}/publish`)).statusCode).toBe(409);
    const w = await req(editorA, 'POST', `/api/library/products/${id}/withdraw`, { reason: 'Thông tin đã cũ' });
    expect(w.statusCode).toBe(200);
    expect(w.json()).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Thông tin đã cũ' });
    const audit = await req(admin, 'GET', `/api/audit?entity=library_product&entityId=${id}`);
    expect(audit.json().items.map((a: { action: string }) => a.action)).toEqual(['withdraw', 'publish', 'update', 'create']);
    expect((await req(admin, 'GET', '/api/library/products/99999999')).statusCode).toBe(404);
  });

  it('refuses an editor acting for another province and any write by a viewer', async () => {
    expect((await req(editorA, 'POST', '/api/library/products', product(provB.id))).statusCode).toBe(403);
    const other = (await req(admin, 'POST', '/api/library/products', product(provB.id))).json();
    expect((await req(editorA, 'PUT', `/api/library/products/${other.id}`, product(provB.id))).statusCode).toBe(403);
    expect((await req(editorA, 'POST', `/api/library/products/${other.id}/publish`)).statusCode).toBe(403);
    expect((await req(viewer, 'POST', '/api/library/products', product(provA.id))).statusCode).toBe(403);
    expect((await req(viewer, 'POST', `/api/library/products/${other.id}/publish`)).statusCode).toBe(403);
  });

  it('answers bad input with 400 and the fields named', async () => {
    const r = await req(
      editorA,
      'POST',
      '/api/library/products',
      product(deptA.id, { languages: ['vie', 'xyz'], kind: 'book', book: { isbn: '978-604-0-00000-1' } }),
    );
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details).toEqual([
      { field: 'languages.1', message: expect.stringContaining('xyz') },
      { field: 'book.isbn', message: 'ISBN 978-604-0-00000-1 has a wrong check digit; did you mean 978-604-0-00000-2?' },
    ]);
    const s = await req(editorA, 'POST', '/api/library/products', product(deptA.id, { texts: [], channel: 'pigeon' }));
    expect(s.statusCode).toBe(400);
    expect(
      s
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['channel', 'texts']);
  });

  it('lists with filters and the total', async () => {
    await req(
      editorA,
      'POST',
      '/api/library/products',
      product(deptA.id, { kind: 'video', channel: 'television', texts: [{ language: 'vie', title: 'Phóng sự quyền trẻ em' }] }),
    );
    const r = await req(
      viewer,
      'GET',
      `/api/library/products?organisationId=${deptA.id}&kind=video&q=${encodeURIComponent('quyen tre em')}`,
    );
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ total: 1, items: [{ kind: 'video', texts: [{ title: 'Phóng sự quyền trẻ em' }] }] });
    expect((await req(viewer, 'GET', '/api/library/products?kind=spaceship')).statusCode).toBe(400);
  });
});

describe('public reads', () => {
  it('show published products only; a withdrawn one is a tombstone; drafts are not found', async () => {
    const org = (await makeOrg(t.db, { nameVi: 'Tổ chức công khai', kind: 'other' })).id;
    const mk = async (title: string) =>
      (
        await req(
          admin,
          'POST',
          '/api/library/products',
          product(org, { texts: [{ language: 'vie', title, description: 'Mô tả đầy đủ' }] }),
        )
      ).json().id as number;
    const draft = await mk('Bản nháp công khai?');
    const pub = await mk('Sản phẩm công khai');
    const gone = await mk('Sản phẩm đã thu hồi');
    for (const id of [pub, gone]) await req(admin, 'POST', `/api/library/products/${id}/publish`);
    await req(admin, 'POST', `/api/library/products/${gone}/withdraw`, { reason: 'Trùng lặp' });
    const list = await req(null, 'GET', `/api/public/library/products?organisationId=${org}`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: pub, status: 'published' }] });
    expect(list.json().items[0]).not.toHaveProperty('isDemo');
    expect((await req(null, 'GET', `/api/public/library/products?organisationId=${org}&status=draft`)).json().total).toBe(1);
    expect((await req(null, 'GET', `/api/public/library/products/${draft}`)).statusCode).toBe(404);
    expect((await req(null, 'GET', `/api/public/library/products/${pub}`)).json()).toMatchObject({
      id: pub,
      texts: [{ description: 'Mô tả đầy đủ' }],
      url: 'https://example.org/tin',
    });
    const tomb = await req(null, 'GET', `/api/public/library/products/${gone}`);
    expect(tomb.statusCode).toBe(200);
    expect(tomb.json()).toMatchObject({
      status: 'withdrawn',
      withdrawalReason: 'Trùng lặp',
      url: null,
      files: [],
      texts: [{ title: 'Sản phẩm đã thu hồi', description: null }],
    });
  });
});

describe('the API description', () => {
  it('documents the library endpoints with their schemas', async () => {
    const r = await req(null, 'GET', '/api/docs/json');
    expect(r.statusCode).toBe(200);
    const paths = r.json().paths;
    for (const p of [
      '/api/library/languages',
      '/api/library/isbn',
      '/api/library/products',
      '/api/library/products/{id}',
      '/api/library/products/{id}/publish',
      '/api/library/products/{id}/withdraw',
      '/api/public/library/products',
      '/api/public/library/products/{id}',
    ])
      expect(paths[p], p).toBeTruthy();
    expect(paths['/api/library/products'].get.parameters.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['q', 'kind', 'language', 'status', 'limit']),
    );
    expect(paths['/api/public/library/products'].get.parameters.map((x: { name: string }) => x.name)).not.toContain('status');
  });
});

describe('files', () => {
  it('the file routes are registered with the library routes', () => {
    expect(t.app.hasRoute({ method: 'POST', url: '/api/library/products/:id/files' })).toBe(true);
    expect(t.app.hasRoute({ method: 'GET', url: '/api/library/files/:fileId' })).toBe(true);
  });
});
