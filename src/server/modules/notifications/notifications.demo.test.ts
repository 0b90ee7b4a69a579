// Demo notifications: after the modules' demo data, every demo user finds notices waiting in the inbox (some read
// already), of the kinds their work calls for; removing them leaves nothing of theirs, and the directory's demo can go.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/test-db.js';
import { rows, type Db } from '../../kernel/db.js';
import { DEMO_USERS, removeDemo, seedDemo } from '../directory/directory.demo.js';
import { removeFactcheckDemo, seedFactcheckDemo } from '../factcheck/factcheck.demo.js';
import { removePressDemo, seedPressDemo } from '../press/press.demo.js';
import { removeRecommendationsDemo, seedRecommendationsDemo } from '../recommendations/recommendations.demo.js';
import { removeNotificationsDemo, seedNotificationsDemo } from './notifications.demo.js';
import { listNotifications } from './notifications.service.js';
import type { Actor } from '../../kernel/audit.js';

let db: Db;
const NOW = new Date('2026-11-29T05:00:00Z');
beforeAll(async () => {
  db = (await testDatabase()).db;
});

describe('demo notifications', () => {
  it('wait for every demo user, of the kinds their work calls for', async () => {
    await seedDemo(db);
    await seedPressDemo(db);
    await seedRecommendationsDemo(db);
    await seedFactcheckDemo(db, 'http://localhost:3000', NOW);
    const r = await seedNotificationsDemo(db, NOW);
    expect(r.notifications).toBeGreaterThan(DEMO_USERS.length);
    const kinds: Record<string, string[]> = {};
    for (const d of DEMO_USERS) {
      const [u] = await rows<{ id: number; role: Actor['role']; org: number | null }>(
        db,
        sql`select id, role, organisation_id as org from users where username = ${d.username}`,
      );
      const actor: Actor = { userId: Number(u!.id), name: d.username, role: u!.role, organisationId: u!.org, via: 'api' };
      const inbox = await listNotifications(db, actor, { limit: 200 });
      expect(inbox.unread, d.username).toBeGreaterThan(0);
      kinds[d.username] = [...new Set(inbox.rows.map((n) => n.kind))].sort();
    }
    expect(kinds.admin).toEqual(
      expect.arrayContaining(['factcheck.review_waiting', 'notifications.welcome', 'press.t1_missing', 'recommendations.action_due']),
    );
    expect(kinds.reviewer).toEqual(
      expect.arrayContaining(['factcheck.complaint_due', 'factcheck.review_waiting', 'notifications.welcome']),
    );
    expect(kinds.editor).toEqual(expect.arrayContaining(['notifications.welcome', 'press.t1_missing', 'recommendations.action_due']));
    expect(kinds.analyst).toEqual(['notifications.welcome']);
    expect(kinds.viewer).toEqual(['notifications.welcome']);
    const [{ read }] = await rows<{ read: number }>(db, sql`select count(*)::int as read from notifications where read_at is not null`);
    expect(read).toBeGreaterThan(0);
  });

  it("go with the demo, before the directory's", async () => {
    expect((await removeNotificationsDemo(db)).notifications).toBeGreaterThan(0);
    await removeFactcheckDemo(db);
    await removeRecommendationsDemo(db);
    await removePressDemo(db);
    const r = await removeDemo(db);
    expect(r.kept).toEqual([]);
    const [{ n }] = await rows<{ n: number }>(db, sql`select count(*)::int as n from notifications`);
    expect(n).toBe(0);
  });
});
