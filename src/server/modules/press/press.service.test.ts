// Press services directly: validation of spokespersons and items, topics, translations, scheduling in the
// past refused, due scheduled items published at their time, and the audit trail of each write.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { AppError } from '../../kernel/errors.js';
import { createPressItem, publishDueItems, schedulePressItem, getPressItem, listPressItems, updatePressItem } from './press.service.js';
import { listTopics, loadPressTopics, PRESS_TOPICS } from './press.topics.js';
import { createSpokesperson, endSpokesperson, listPublicSpokespersons, updateSpokesperson } from './spokespersons.service.js';

let db: Db;
let orgA: number, orgB: number, editor: Actor;
beforeAll(async () => {
  db = (await testDatabase()).db;
  orgA = (await makeOrg(db, { kind: 'ministry', isStateAdminAgency: true })).id;
  orgB = (await makeOrg(db, { kind: 'ministry', isStateAdminAgency: true })).id;
  const u = await makeUser(db, 'editor', orgA);
  editor = { userId: u.id, name: u.username, role: 'editor', organisationId: orgA, via: 'api' };
});
const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? `${e.code}:${(e.details as { field: string }[] | undefined)?.[0]?.field ?? ''}` : String(e);
  }
};

describe('press services', () => {
  it('loads topics idempotently', async () => {
    await loadPressTopics(db);
    await loadPressTopics(db);
    expect((await listTopics(db)).length).toBe(PRESS_TOPICS.length);
  });

  it('validates spokespersons and never moves them between organisations', async () => {
    expect(
      await code(createSpokesperson(db, editor, { organisationId: orgA, fullName: 'X', validFrom: '2026-02-01', validTo: '2026-01-01' })),
    ).toBe('validation_failed:validTo');
    expect(
      await code(createSpokesperson(db, editor, { organisationId: orgA, fullName: 'X', validFrom: '2026-02-01', email: 'not-an-email' })),
    ).toBe('validation_failed:email');
    const s = await createSpokesperson(db, editor, {
      organisationId: orgA,
      fullName: '  Nguyễn  Văn Thử ',
      validFrom: '2026-01-01',
      phone: '024 123',
      phonePublic: true,
    });
    expect(s.fullName).toBe('Nguyễn  Văn Thử');
    expect(await code(updateSpokesperson(db, seedActor, s.id, { organisationId: orgB, fullName: 'X', validFrom: '2026-01-01' }))).toBe(
      'validation_failed:organisationId',
    );
    expect(await code(endSpokesperson(db, editor, s.id, '2025-12-31'))).toBe('validation_failed:validTo');
    expect((await listPublicSpokespersons(db, { organisationId: orgA }))[0]).toMatchObject({ phone: '024 123', email: null });
    const audit = await db.execute(sql`select action from audit_log where entity = 'press_spokesperson' and entity_id = ${String(s.id)}`);
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual(['create']);
  });

  it('validates items: unknown topics, translations across organisations', async () => {
    const base = { kind: 'statement', organisationId: orgA, title: 'Tuyên bố', bodyHtml: '<p>x</p>' };
    expect(await code(createPressItem(db, editor, { ...base, topicIds: [999999] }))).toBe('validation_failed:topicIds');
    expect(await code(createPressItem(db, editor, { ...base, kind: 'tweet' }))).toBe('validation_failed:kind');
    const other = await createPressItem(db, seedActor, { ...base, organisationId: orgB });
    expect(await code(createPressItem(db, editor, { ...base, translationOf: other.id }))).toBe('validation_failed:translationOf');
  });

  it('keeps the audience groups an item is meant for (each once, in order) and refuses a number outside 1–6', async () => {
    const base = { kind: 'press_release', organisationId: orgA, title: 'Thông cáo cho báo chí', bodyHtml: '<p>x</p>' };
    expect(await code(createPressItem(db, editor, { ...base, audiences: [3, 7] }))).toBe('validation_failed:audiences.1');
    const it1 = await createPressItem(db, editor, { ...base, audiences: [5, 3, 3] });
    expect(it1.audiences).toEqual([3, 5]);
    expect((await getPressItem(db, it1.id)).audiences).toEqual([3, 5]);
    expect((await updatePressItem(db, editor, it1.id, { ...base, audiences: [1] })).audiences).toEqual([1]);
    expect((await createPressItem(db, editor, base)).audiences).toEqual([]);
  });

  it('refuses scheduling in the past and publishes due items at their scheduled time', async () => {
    const i = await createPressItem(db, editor, { kind: 'press_release', organisationId: orgA, title: 'Lên lịch', bodyHtml: '' });
    expect(await code(schedulePressItem(db, editor, i.id, { scheduledAt: '2020-01-01T00:00:00Z' }))).toBe('validation_failed:scheduledAt');
    await schedulePressItem(db, editor, i.id, { scheduledAt: '2030-01-01T02:00:00Z' });
    expect(await publishDueItems(db, new Date('2029-12-31T00:00:00Z'))).toBe(0);
    expect(await publishDueItems(db, new Date('2030-01-02T00:00:00Z'))).toBe(1);
    expect(await getPressItem(db, i.id)).toMatchObject({ status: 'published', publishedAt: '2030-01-01T02:00:00.000Z', scheduledAt: null });
    expect((await listPressItems(db, { status: 'published', organisationId: orgA })).total).toBe(1);
  });
});
