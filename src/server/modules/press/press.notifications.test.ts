// T1's periodic information missing, as notifications: in the last REMINDER_DAYS_AHEAD days of the current period
// and during the previous period's grace days, each expected agency without information is told — its editors and
// those of the organisations above it, nobody of another organisation, no viewer — and the programme office gets one
// count per period. An agency that gave information is not told; each event once.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { person, toldOf } from '../../../../test/notifications.js';
import { testDatabase } from '../../../../test/test-db.js';
import { rows, type Db } from '../../kernel/db.js';
import { sql } from 'drizzle-orm';
import { generateNotifications } from '../notifications/notifications.service.js';
import { PRESS_T1_MISSING, pressNotificationSource } from './press.notifications.js';
import { createPressItem, publishPressItem } from './press.service.js';

let db: Db;
const org: Record<string, number> = {};
const who: Record<string, number> = {};
const pass = (at: string) =>
  generateNotifications(db, { daysAhead: 14, mail: false, now: new Date(at), sources: [pressNotificationSource] });

beforeAll(async () => {
  db = (await testDatabase()).db;
  org.parent = (await makeOrg(db, { nameVi: 'Bộ chủ quản (thử)', kind: 'ministry' })).id; // not expected itself
  org.X = (await makeOrg(db, { nameVi: 'Cục X (thử)', kind: 'ministry', isStateAdminAgency: true, parentId: org.parent })).id;
  org.Y = (await makeOrg(db, { nameVi: 'Cục Y (thử)', kind: 'ministry', isStateAdminAgency: true })).id;
  org.Z = (await makeOrg(db, { nameVi: 'Cục Z (thử)', kind: 'ministry', isStateAdminAgency: true })).id;
  who.edX = (await person(db, 'editor', org.X)).id;
  who.edParent = (await person(db, 'editor', org.parent)).id;
  who.edY = (await person(db, 'editor', org.Y)).id;
  who.edZ = (await person(db, 'editor', org.Z)).id;
  who.viewerX = (await person(db, 'viewer', org.X)).id;
  who.office = (await person(db, 'admin', null)).id;
  who.reviewer = (await person(db, 'reviewer', null)).id;
  const i = await createPressItem(db, seedActor, {
    kind: 'press_release',
    organisationId: org.Y,
    title: 'Thông cáo quý II (thử)',
    bodyHtml: '<p>Nội dung</p>',
  });
  await publishPressItem(db, seedActor, i.id, { publishedAt: '2026-05-10T09:00:00+07:00' }, new Date('2026-05-10T03:00:00Z'));
});

describe('T1 notifications', () => {
  it("say nothing while the period's end is further away than the days ahead", async () => {
    expect(await pass('2026-05-01T03:00:00Z')).toBe(0);
  });

  it('tell the editors who may publish for an agency without information, and the office how many', async () => {
    await pass('2026-06-20T03:00:00Z'); // Q2 2026 ends in 10 days
    const told = await toldOf(db, [PRESS_T1_MISSING]);
    expect(told.get(who.edX)).toEqual([`${PRESS_T1_MISSING} 2026-Q2:${org.X}:due`]);
    expect(told.get(who.edParent)).toEqual([`${PRESS_T1_MISSING} 2026-Q2:${org.X}:due`]);
    expect(told.get(who.edZ)).toEqual([`${PRESS_T1_MISSING} 2026-Q2:${org.Z}:due`]);
    expect(told.get(who.office)).toEqual([`${PRESS_T1_MISSING} 2026-Q2:office:due`]);
    for (const u of [who.edY, who.viewerX, who.reviewer]) expect(told.get(u), String(u)).toBeUndefined();
    const [n] = await rows<{ title_vi: string; link: string; due: string; organisation_id: number }>(
      db,
      sql`
      select title_vi, link, due::text as due, organisation_id from notifications where user_id = ${who.edX}`,
    );
    expect(n).toEqual({
      title_vi: 'Chưa cung cấp thông tin định kỳ quý 2/2026: Cục X (thử)',
      link: '/press/compliance?period=2026-Q2',
      due: '2026-06-30',
      organisation_id: org.X,
    });
    const [o] = await rows<{ title_en: string }>(db, sql`select title_en from notifications where user_id = ${who.office}`);
    expect(o!.title_en).toMatch(/^\d+ of \d+ agencies have given no periodic information for Q2 2026$/);
  });

  it('tell each event once, then again as late during the grace days', async () => {
    expect(await pass('2026-06-25T03:00:00Z')).toBe(0);
    const i = await createPressItem(db, seedActor, {
      kind: 'press_release',
      organisationId: org.Z,
      title: 'Thông cáo muộn (thử)',
      bodyHtml: '<p>Nội dung</p>',
    });
    await publishPressItem(db, seedActor, i.id, { publishedAt: '2026-07-02T09:00:00+07:00' }, new Date('2026-07-02T03:00:00Z'));
    await pass('2026-07-05T03:00:00Z'); // Q3 is far from its end; Q2's grace runs to 2026-07-15
    const told = await toldOf(db, [PRESS_T1_MISSING]);
    expect(told.get(who.edX)).toEqual([`${PRESS_T1_MISSING} 2026-Q2:${org.X}:due`, `${PRESS_T1_MISSING} 2026-Q2:${org.X}:late`]);
    expect(told.get(who.edZ)).toEqual([`${PRESS_T1_MISSING} 2026-Q2:${org.Z}:due`]); // Z gave it, late: not told again
    expect(await pass('2026-07-20T03:00:00Z')).toBe(0); // the grace is over
  });
});
