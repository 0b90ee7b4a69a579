// The newsroom's totals: exact for filters, capped at COUNT_CAP for text searches (stated as "more than"), and
// cached only until the next write — a new item shows in the total at once.
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { testApp } from '../../../../test/test-db.js';
import type { Db } from '../../kernel/db.js';
import { COUNT_CAP, listNewsItems } from './press.public.js';
import { createPressItem, publishPressItem } from './press.service.js';

let app: FastifyInstance;
let db: Db;
let orgId: number;
const N = COUNT_CAP + 5;

beforeAll(async () => {
  ({ app, db } = await testApp());
  orgId = (await makeOrg(db, { nameVi: 'Bộ thử số đếm', kind: 'ministry', isStateAdminAgency: true })).id;
  await db.execute(sql`
    insert into press_items (kind, organisation_id, title, body_html, language, translation_group_id, published_at, status, search_text)
    select 'press_release', ${orgId}, 'Quyền con người — bản tin ' || g, '<p>x</p>', 'vie', md5('t' || g),
      timestamptz '2026-01-01 08:00+07' + make_interval(mins => g), 'published', 'quyen con nguoi — ban tin ' || g
    from generate_series(1, ${N}::int) g`);
});

describe('newsroom totals', () => {
  it('counts a filter exactly and caps a text search at the cap, saying so', async () => {
    const all = await listNewsItems(db, { organisationId: orgId, limit: 20 });
    expect([all.total, all.capped]).toEqual([N, false]);
    const search = await listNewsItems(db, { q: 'quyen con nguoi', limit: 20 });
    expect([search.total, search.capped, search.items.length]).toEqual([COUNT_CAP, true, 20]);
    const few = await listNewsItems(db, { q: 'ban tin 1004', limit: 20 });
    expect([few.total, few.capped]).toEqual([1, false]);
  });

  it('the page says "more than 1,000" and still offers the next page', async () => {
    const vi = await app.inject({ url: '/tin-tuc?q=quyen+con+nguoi' });
    expect(vi.body).toContain('Hơn 1.000 bản tin');
    expect(vi.body).toMatch(/rel="next"/);
    const en = await app.inject({ url: '/en/news?q=quyen+con+nguoi&page=51' });
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('More than 1,000 items — Page 51');
  });

  it('a new item is in the total at once (the cached count follows writes)', async () => {
    expect((await listNewsItems(db, { organisationId: orgId })).total).toBe(N);
    const i = await createPressItem(db, seedActor, {
      kind: 'statement',
      organisationId: orgId,
      title: 'Tuyên bố mới',
      bodyHtml: '<p>y</p>',
    });
    await publishPressItem(db, seedActor, i.id, {});
    expect((await listNewsItems(db, { organisationId: orgId })).total).toBe(N + 1);
  });
});
