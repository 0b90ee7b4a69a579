// Corrections that correct: a correction changes the title, summary and body of a published item (the body
// sanitised as on create) with a required note, keeps the replaced text in the item's history, updates the search
// text and records the audit entry with before and after; it is refused for drafts, for an editor of another
// organisation, and without a note. Through the services and through the API.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import {
  correctPressItem,
  createPressItem,
  getPressItem,
  getPublicPressItem,
  listPressItems,
  publishPressItem,
  withdrawPressItem,
} from './press.service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let db: Db;
let orgA: number, orgB: number;
let editorA: Actor, editorB: Actor;
let sessionA: Session, sessionB: Session;

beforeAll(async () => {
  t = await testApp();
  db = t.db;
  orgA = (await makeOrg(db, { kind: 'ministry', isStateAdminAgency: true })).id;
  orgB = (await makeOrg(db, { kind: 'ministry', isStateAdminAgency: true })).id;
  const a = await makeUser(db, 'editor', orgA);
  const b = await makeUser(db, 'editor', orgB);
  editorA = { userId: a.id, name: 'Biên tập viên Bí Mật', role: 'editor', organisationId: orgA, via: 'api' };
  editorB = { userId: b.id, name: b.username, role: 'editor', organisationId: orgB, via: 'api' };
  sessionA = await signIn(t.app, a.username, a.password);
  sessionB = await signIn(t.app, b.username, b.password);
});

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? `${e.code}:${(e.details as { field: string }[] | undefined)?.[0]?.field ?? ''}` : String(e);
  }
};

async function published(title: string, org = orgA) {
  const i = await createPressItem(db, seedActor, {
    kind: 'press_release',
    organisationId: org,
    title,
    summary: 'Tóm tắt ban đầu',
    bodyHtml: '<p>Số liệu: 12 trường hợp</p>',
  });
  return publishPressItem(db, seedActor, i.id, { publishedAt: '2026-02-01T02:00:00Z' });
}

describe('correcting a published item', () => {
  it('changes title, summary and body, keeps the previous text, updates search and audits before/after', async () => {
    const item = await published('Thông cáo về trợ giúp pháp lý');
    const at = new Date('2026-02-03T03:00:00Z');
    const after = await correctPressItem(
      db,
      editorA,
      item.id,
      {
        note: 'Sửa số liệu ở đoạn 1',
        title: 'Thông cáo về trợ giúp pháp lý miễn phí',
        summary: 'Tóm tắt đã sửa',
        bodyHtml: '<p onclick="x()">Số liệu: 21 trường hợp<script>alert(1)</script></p>',
      },
      at,
    );
    expect(after).toMatchObject({
      status: 'corrected',
      title: 'Thông cáo về trợ giúp pháp lý miễn phí',
      summary: 'Tóm tắt đã sửa',
      bodyHtml: '<p>Số liệu: 21 trường hợp</p>',
    });
    expect(after.corrections).toEqual([
      {
        at: at.toISOString(),
        by: 'Biên tập viên Bí Mật',
        note: 'Sửa số liệu ở đoạn 1',
        changed: ['title', 'summary', 'body'],
        previous: { title: 'Thông cáo về trợ giúp pháp lý', summary: 'Tóm tắt ban đầu', bodyHtml: '<p>Số liệu: 12 trường hợp</p>' },
      },
    ]);
    // search_text follows the corrected text.
    const found = (q: string) => listPressItems(db, { q, organisationId: orgA }).then((r) => r.items.map((i) => i.id));
    expect(await found('mien phi')).toContain(item.id);
    expect(await found('21 truong hop')).toContain(item.id);
    expect(await found('12 truong hop')).not.toContain(item.id);
    // The audit entry of the correction has the text before and after.
    const audit = await db.execute(
      sql`select action, before, after from audit_log where entity = 'press_item' and entity_id = ${String(item.id)} order by id`,
    );
    const rows = (audit as unknown as { rows: { action: string; before: { title: string }; after: { title: string } }[] }).rows;
    expect(rows.map((r) => r.action)).toEqual(['create', 'publish', 'correct']);
    expect(rows[2].before.title).toBe('Thông cáo về trợ giúp pháp lý');
    expect(rows[2].after.title).toBe('Thông cáo về trợ giúp pháp lý miễn phí');
  });

  it('records only the fields that changed and keeps every earlier version through further corrections', async () => {
    const item = await published('Họp báo định kỳ quý I');
    // The workspace form sends everything back pre-filled: only the changed body counts.
    await correctPressItem(
      db,
      editorA,
      item.id,
      { note: 'Sửa giờ họp', title: 'Họp báo định kỳ quý I', summary: 'Tóm tắt ban đầu', bodyHtml: '<p>Họp lúc 15 giờ</p>' },
      new Date('2026-02-02T00:00:00Z'),
    );
    await correctPressItem(db, editorA, item.id, { note: 'Bổ sung địa điểm' }, new Date('2026-02-03T00:00:00Z'));
    await correctPressItem(
      db,
      editorA,
      item.id,
      { note: 'Sửa tên', title: 'Họp báo định kỳ quý I năm 2026', summary: null },
      new Date('2026-02-04T00:00:00Z'),
    );
    const i = await getPressItem(db, item.id);
    expect(i).toMatchObject({ title: 'Họp báo định kỳ quý I năm 2026', summary: null, bodyHtml: '<p>Họp lúc 15 giờ</p>' });
    expect(i.corrections.map((c) => [c.note, c.changed, c.previous])).toEqual([
      ['Sửa giờ họp', ['body'], { bodyHtml: '<p>Số liệu: 12 trường hợp</p>' }],
      ['Bổ sung địa điểm', [], {}],
      ['Sửa tên', ['title', 'summary'], { title: 'Họp báo định kỳ quý I', summary: 'Tóm tắt ban đầu' }],
    ]);
    // The public read has what changed and the previous title, never who corrected nor the replaced body.
    const pub = await getPublicPressItem(db, item.id);
    expect(pub.corrections).toEqual([
      { at: '2026-02-02T00:00:00.000Z', note: 'Sửa giờ họp', changed: ['body'] },
      { at: '2026-02-03T00:00:00.000Z', note: 'Bổ sung địa điểm', changed: [] },
      { at: '2026-02-04T00:00:00.000Z', note: 'Sửa tên', changed: ['title', 'summary'], previous: { title: 'Họp báo định kỳ quý I' } },
    ]);
  });

  it('refuses a correction without a note, of a draft or withdrawn item, and by an editor of another organisation', async () => {
    const item = await published('Tuyên bố về quyền trẻ em');
    expect(await code(correctPressItem(db, editorA, item.id, {}))).toBe('validation_failed:note');
    expect(await code(correctPressItem(db, editorA, item.id, { note: '   ' }))).toBe('validation_failed:note');
    expect(await code(correctPressItem(db, editorA, item.id, { note: '', title: 'Tiêu đề mới' }))).toBe('validation_failed:note');
    expect(await code(correctPressItem(db, editorA, item.id, { note: 'x', title: '' }))).toBe('validation_failed:title');
    expect(await code(correctPressItem(db, editorB, item.id, { note: 'Sửa', title: 'Tiêu đề của người khác' }))).toBe('forbidden:');
    const draft = await createPressItem(db, editorA, { kind: 'statement', organisationId: orgA, title: 'Bản nháp', bodyHtml: '' });
    expect(await code(correctPressItem(db, editorA, draft.id, { note: 'Sửa', title: 'Bản nháp đã sửa' }))).toBe('conflict:status');
    await withdrawPressItem(db, editorA, item.id, { reason: 'Đăng nhầm' });
    expect(await code(correctPressItem(db, editorA, item.id, { note: 'Sửa' }))).toBe('conflict:status');
    // Nothing changed by the refused attempts.
    expect((await getPressItem(db, item.id)).title).toBe('Tuyên bố về quyền trẻ em');
    expect(await getPressItem(db, draft.id)).toMatchObject({ title: 'Bản nháp', status: 'draft', corrections: [] });
  });

  it('through the API: field errors, 403 for another organisation, the public endpoint without the corrector', async () => {
    const item = await published('Trả lời báo chí về nhà ở xã hội');
    const post = (s: Session, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/press/items/${item.id}/correct`, headers: s.headers, payload });
    const noNote = await post(sessionA, { title: 'Trả lời báo chí về nhà ở xã hội (sửa)' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.details.map((d: { field: string }) => d.field)).toEqual(['note']);
    expect((await post(sessionB, { note: 'Sửa', title: 'X' })).statusCode).toBe(403);
    const ok = await post(sessionA, {
      note: 'Sửa tiêu đề',
      title: 'Trả lời báo chí về nhà ở xã hội năm 2026',
      bodyHtml: '<p>Mới</p><img src=x onerror=alert(1)>',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      title: 'Trả lời báo chí về nhà ở xã hội năm 2026',
      bodyHtml: '<p>Mới</p>',
      corrections: [{ note: 'Sửa tiêu đề', changed: ['title', 'body'] }],
    });
    const pub = (await t.app.inject({ method: 'GET', url: `/api/public/press/items/${item.id}` })).json();
    expect(pub.title).toBe('Trả lời báo chí về nhà ở xã hội năm 2026');
    expect(pub.corrections).toEqual([
      { at: expect.any(String), note: 'Sửa tiêu đề', changed: ['title', 'body'], previous: { title: 'Trả lời báo chí về nhà ở xã hội' } },
    ]);
    expect(JSON.stringify(pub)).not.toContain('Số liệu: 12');
  });
});
