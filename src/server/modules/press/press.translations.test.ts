// Translations linked in the workspace: `translationOf` on create (and on update of a draft) puts an item in the
// chosen item's translation group, if that item exists and is of the same organisation or one the actor may write
// for, and the group has no item in that language yet; the other language versions are listed; a draft or
// scheduled item can be unlinked (a fresh group), a published one cannot. Through the services and the API.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import {
  createPressItem,
  getPressItem,
  listPressTranslations,
  publishPressItem,
  unlinkPressTranslation,
  updatePressItem,
} from './press.service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let db: Db;
let prov: number, dept: number, other: number;
let editor: Actor, otherEditor: Actor;
let session: Session;

beforeAll(async () => {
  t = await testApp();
  db = t.db;
  prov = (await makeOrg(db, { kind: 'provincial_committee', isStateAdminAgency: true })).id;
  dept = (await makeOrg(db, { kind: 'provincial_department', parentId: prov, isStateAdminAgency: true })).id;
  other = (await makeOrg(db, { kind: 'provincial_committee', isStateAdminAgency: true })).id;
  const u = await makeUser(db, 'editor', prov);
  const o = await makeUser(db, 'editor', other);
  editor = { userId: u.id, name: u.username, role: 'editor', organisationId: prov, via: 'api' };
  otherEditor = { userId: o.id, name: o.username, role: 'editor', organisationId: other, via: 'api' };
  session = await signIn(t.app, u.username, u.password);
});

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? `${e.code}:${(e.details as { field: string }[] | undefined)?.[0]?.field ?? ''}` : String(e);
  }
};
const input = (organisationId: number, language: string, patch: object = {}) => ({
  kind: 'press_release',
  organisationId,
  title: `Thông cáo (${language})`,
  bodyHtml: '<p>x</p>',
  language,
  ...patch,
});

describe('press item translations', () => {
  it("links a new item into the chosen item's group and lists the other language versions", async () => {
    const vi = await createPressItem(db, editor, input(prov, 'vie'));
    const en = await createPressItem(db, editor, input(prov, 'eng', { translationOf: vi.id }));
    // Translation of a translation: same group.
    const fr = await createPressItem(db, editor, input(prov, 'fra', { translationOf: en.id }));
    expect(new Set([vi, en, fr].map((i) => i.translationGroupId)).size).toBe(1);
    expect((await listPressTranslations(db, vi.id)).map((x) => [x.id, x.language, x.status])).toEqual([
      [en.id, 'eng', 'draft'],
      [fr.id, 'fra', 'draft'],
    ]);
    expect((await listPressTranslations(db, fr.id)).map((x) => x.id)).toEqual([en.id, vi.id]);
  });

  it("refuses an unknown item, another organisation's item, and a second item in a language the group has", async () => {
    const vi = await createPressItem(db, editor, input(prov, 'vie'));
    expect(await code(createPressItem(db, editor, input(prov, 'eng', { translationOf: 99_999_999 })))).toBe(
      'validation_failed:translationOf',
    );
    const foreign = await createPressItem(db, otherEditor, input(other, 'vie'));
    expect(await code(createPressItem(db, editor, input(prov, 'eng', { translationOf: foreign.id })))).toBe(
      'validation_failed:translationOf',
    );
    // One item per language: a second Vietnamese version, or a second English one, is refused.
    expect(await code(createPressItem(db, editor, input(prov, 'vie', { translationOf: vi.id })))).toBe('validation_failed:translationOf');
    await createPressItem(db, editor, input(prov, 'eng', { translationOf: vi.id }));
    expect(await code(createPressItem(db, editor, input(prov, 'eng', { translationOf: vi.id })))).toBe('validation_failed:translationOf');
    expect((await listPressTranslations(db, vi.id)).length).toBe(1);
  });

  it("accepts an item of an organisation the actor may write for (a department's version of its committee's item)", async () => {
    const vi = await createPressItem(db, editor, input(prov, 'vie'));
    const en = await createPressItem(db, editor, input(dept, 'eng', { translationOf: vi.id }));
    expect(en.translationGroupId).toBe(vi.translationGroupId);
    // The other province's editor cannot link to it.
    expect(await code(createPressItem(db, otherEditor, input(other, 'fra', { translationOf: vi.id })))).toBe(
      'validation_failed:translationOf',
    );
  });

  it('links on update, refuses a language change that would give the group two items in one language', async () => {
    const vi = await createPressItem(db, editor, input(prov, 'vie'));
    const en = await createPressItem(db, editor, input(prov, 'eng'));
    expect(await code(updatePressItem(db, editor, en.id, input(prov, 'eng', { translationOf: en.id })))).toBe(
      'validation_failed:translationOf',
    );
    const linked = await updatePressItem(db, editor, en.id, input(prov, 'eng', { translationOf: vi.id }));
    expect(linked.translationGroupId).toBe(vi.translationGroupId);
    // Saving again without translationOf keeps the link.
    expect((await updatePressItem(db, editor, en.id, input(prov, 'eng', { title: 'Press release' }))).translationGroupId).toBe(
      vi.translationGroupId,
    );
    expect(await code(updatePressItem(db, editor, en.id, input(prov, 'vie')))).toBe('validation_failed:language');
    expect((await getPressItem(db, en.id)).language).toBe('eng');
  });

  it("unlinks a draft (fresh group, audited), never a published item, an unlinked one, or another organisation's", async () => {
    const vi = await createPressItem(db, editor, input(prov, 'vie'));
    const en = await createPressItem(db, editor, input(prov, 'eng', { translationOf: vi.id }));
    const fr = await createPressItem(db, editor, input(prov, 'fra', { translationOf: vi.id }));
    await publishPressItem(db, editor, vi.id);
    expect(await code(unlinkPressTranslation(db, editor, vi.id))).toBe('conflict:status');
    expect(await code(unlinkPressTranslation(db, otherEditor, en.id))).toBe('forbidden:');
    const alone = await unlinkPressTranslation(db, editor, en.id);
    expect(alone.translationGroupId).not.toBe(vi.translationGroupId);
    expect((await listPressTranslations(db, vi.id)).map((x) => x.id)).toEqual([fr.id]);
    expect(await listPressTranslations(db, en.id)).toEqual([]);
    expect(await code(unlinkPressTranslation(db, editor, en.id))).toBe('conflict:translationOf');
    const audit = await db.execute(
      sql`select action, before, after from audit_log where entity = 'press_item' and entity_id = ${String(en.id)} order by id`,
    );
    const rows = (
      audit as unknown as { rows: { action: string; before: { translationGroupId: string }; after: { translationGroupId: string } }[] }
    ).rows;
    expect(rows.map((r) => r.action)).toEqual(['create', 'unlink_translation']);
    expect(rows[1].before.translationGroupId).toBe(vi.translationGroupId);
    expect(rows[1].after.translationGroupId).toBe(alone.translationGroupId);
  });

  it('through the API: the translations list, the translationOf field error and unlinking', async () => {
    const vi = (
      await t.app.inject({ method: 'POST', url: '/api/press/items', headers: session.headers, payload: input(prov, 'vie') })
    ).json();
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/press/items',
      headers: session.headers,
      payload: input(prov, 'eng', { translationOf: vi.id }),
    });
    expect(en.statusCode).toBe(201);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/press/items',
      headers: session.headers,
      payload: input(prov, 'eng', { translationOf: vi.id }),
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details).toEqual([{ field: 'translationOf', message: expect.stringContaining('one item per language') }]);
    const list = await t.app.inject({ method: 'GET', url: `/api/press/items/${vi.id}/translations`, headers: session.headers });
    expect(list.json()).toEqual([{ id: en.json().id, title: 'Thông cáo (eng)', language: 'eng', status: 'draft', organisationId: prov }]);
    expect((await t.app.inject({ method: 'GET', url: `/api/press/items/${vi.id}/translations` })).statusCode).toBe(401);
    const un = await t.app.inject({
      method: 'POST',
      url: `/api/press/items/${en.json().id}/unlink-translation`,
      headers: session.headers,
      payload: {},
    });
    expect(un.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/press/items/${vi.id}/translations`, headers: session.headers })).json()).toEqual(
      [],
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/press/items/99999999/translations', headers: session.headers })).statusCode,
    ).toBe(404);
  });
});
