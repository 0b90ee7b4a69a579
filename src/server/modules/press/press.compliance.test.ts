// Compliance and T1 on a real database: period boundaries in Viet Nam time, late items, drafts, scheduled
// and withdrawn items not counting, corrected ones counting, spokespersons appointed or ended mid-period,
// agencies created or deactivated (with a successor) mid-period, include/exclude lists and subsets.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Db } from '../../kernel/db.js';
import { organisations } from '../directory/directory.tables.js';
import { computeT1 } from './press.compliance.js';
import { makePeriod, parsePeriodId, periodContaining, periodsOfYear } from '../../kernel/periods.js';
import { correctPressItem, createPressItem, publishPressItem, schedulePressItem, withdrawPressItem } from './press.service.js';
import { updateReportingSettings } from './press.settings.js';
import { createSpokesperson, endSpokesperson } from './spokespersons.service.js';

const NOW = new Date('2027-01-01T00:00:00Z');
let db: Db;
const org: Record<string, number> = {};
const item: Record<string, number> = {};

async function agency(key: string, extra: Record<string, unknown> = {}) {
  const o = await makeOrg(db, { nameVi: `Cơ quan ${key}`, kind: 'ministry', isStateAdminAgency: true, ...extra });
  org[key] = o.id;
  return o.id;
}
async function spokes(key: string, validFrom = '2025-01-01', validTo?: string) {
  const s = await createSpokesperson(db, seedActor, { organisationId: org[key], fullName: `Người phát ngôn ${key}`, validFrom });
  if (validTo) await endSpokesperson(db, seedActor, s.id, validTo);
  return s.id;
}
async function published(key: string, name: string, at: string) {
  const i = await createPressItem(db, seedActor, {
    kind: 'press_release',
    organisationId: org[key],
    title: `Thông cáo ${name}`,
    bodyHtml: '<p>Nội dung</p>',
  });
  await publishPressItem(db, seedActor, i.id, { publishedAt: new Date(at).toISOString() }, NOW);
  item[name] = i.id;
  return i.id;
}
const row = (r: Awaited<ReturnType<typeof computeT1>>, key: string) => r.rows.find((x) => x.organisationId === org[key]);

beforeAll(async () => {
  db = (await testDatabase()).db;
  await agency('A');
  await spokes('A');
  await published('A', 'lastMinute', '2026-03-31T23:30:00+07:00');
  await agency('B');
  await spokes('B');
  await published('B', 'justAfter', '2026-04-01T00:10:00+07:00');
  await agency('C');
  await spokes('C');
  await createPressItem(db, seedActor, { kind: 'statement', organisationId: org.C, title: 'Nháp', bodyHtml: '' });
  const sch = await createPressItem(db, seedActor, { kind: 'statement', organisationId: org.C, title: 'Lên lịch', bodyHtml: '' });
  await schedulePressItem(db, seedActor, sch.id, { scheduledAt: '2026-02-01T09:00:00+07:00' }, new Date('2026-01-15T00:00:00Z'));
  const w = await published('C', 'withdrawn', '2026-02-10T10:00:00+07:00');
  await withdrawPressItem(db, seedActor, w, { reason: 'Sai số liệu' });
  const c = await published('C', 'correctedQ2', '2026-05-10T10:00:00+07:00');
  await correctPressItem(db, seedActor, c, { note: 'Sửa lỗi chính tả' });
  await agency('D');
  await spokes('D', '2026-02-15');
  await published('D', 'd1', '2026-01-05T08:00:00+07:00');
  await agency('E');
  await spokes('E', '2025-01-01', '2026-02-01');
  await published('E', 'e1', '2026-02-05T08:00:00+07:00');
  await agency('G');
  await spokes('G');
  await agency('F');
  await spokes('F');
  await published('F', 'f1', '2026-01-20T08:00:00+07:00');
  await db.update(organisations).set({ active: false, validTo: '2026-02-10', successorId: org.G }).where(eq(organisations.id, org.F));
  await agency('H');
  await db.update(organisations).set({ validFrom: '2026-03-01' }).where(eq(organisations.id, org.H));
  await agency('I');
  await db.update(organisations).set({ validFrom: '2026-04-05' }).where(eq(organisations.id, org.I));
  await agency('L');
  await spokes('L');
  await published('L', 'tooLate', '2026-04-20T08:00:00+07:00');
  await agency('N', { isStateAdminAgency: false, kind: 'press' });
  await spokes('N');
  await published('N', 'n1', '2026-02-01T08:00:00+07:00');
  await agency('P', { kind: 'provincial_committee', provinceCode: '48' });
  await spokes('P');
  await published('P', 'p1', '2026-03-01T08:00:00+07:00');
});

describe('periods in Viet Nam time', () => {
  it('cuts Q1 2026 at Vietnamese midnights', () => {
    const q1 = parsePeriodId('2026-Q1');
    expect(q1.start.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(q1.end.toISOString()).toBe('2026-03-31T17:00:00.000Z');
    expect([q1.firstDay, q1.lastDay]).toEqual(['2026-01-01', '2026-03-31']);
  });
  it('puts 23:30 on 31 March in Q1 and 00:10 on 1 April in Q2', () => {
    expect(periodContaining('quarterly', new Date('2026-03-31T23:30:00+07:00')).id).toBe('2026-Q1');
    expect(periodContaining('quarterly', new Date('2026-04-01T00:10:00+07:00')).id).toBe('2026-Q2');
    expect(periodContaining('monthly', new Date('2026-12-31T17:30:00Z')).id).toBe('2027-01');
  });
  it('knows every kind of period', () => {
    expect(parsePeriodId('2026-H2')).toMatchObject({ firstDay: '2026-07-01', lastDay: '2026-12-31' });
    expect(parsePeriodId('2026-02')).toMatchObject({ firstDay: '2026-02-01', lastDay: '2026-02-28' });
    expect(parsePeriodId('2026')).toMatchObject({ firstDay: '2026-01-01', lastDay: '2026-12-31' });
    expect(periodsOfYear('quarterly', 2026).map((p) => p.id)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(makePeriod('monthly', 2026, 11).end.toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(() => parsePeriodId('2026-Q5')).toThrow();
  });
});

describe('compliance for Q1 2026', () => {
  let q1: Awaited<ReturnType<typeof computeT1>>;
  beforeAll(async () => {
    q1 = await computeT1(db, { period: '2026-Q1' });
  });

  it('counts an item published at 23:30 on the last day as on time', () => {
    expect(row(q1, 'A')).toMatchObject({ information: 'on_time', itemIds: [item.lastMinute], compliant: true });
  });
  it('counts an item published at 00:10 after the period as late, and on time for the next period', async () => {
    expect(row(q1, 'B')).toMatchObject({ information: 'late', itemIds: [item.justAfter], compliant: true });
    expect(row(await computeT1(db, { period: '2026-Q2' }), 'B')).toMatchObject({ information: 'on_time' });
  });
  it('never counts drafts, scheduled or withdrawn items, but counts corrected ones', async () => {
    expect(row(q1, 'C')).toMatchObject({ information: 'missing', itemIds: [], compliant: false });
    expect(row(await computeT1(db, { period: '2026-Q2' }), 'C')).toMatchObject({ information: 'on_time', itemIds: [item.correctedQ2] });
  });
  it('counts a spokesperson appointed mid-period, not one whose appointment ended before the last day', () => {
    expect(row(q1, 'D')!.spokespersonId).not.toBeNull();
    expect(row(q1, 'D')!.compliant).toBe(true);
    expect(row(q1, 'E')).toMatchObject({ spokespersonId: null, information: 'on_time', compliant: false });
  });
  it("passes a deactivated agency's obligation and its items to its successor", () => {
    expect(row(q1, 'F')).toBeUndefined();
    expect(row(q1, 'G')).toMatchObject({ information: 'on_time', itemIds: [item.f1], predecessorIds: [org.F], compliant: true });
  });
  it('expects an agency created during the period, not one created after it', () => {
    expect(row(q1, 'H')).toMatchObject({ information: 'missing', spokespersonId: null });
    expect(row(q1, 'I')).toBeUndefined();
  });
  it('treats items beyond the grace days as missing, and the grace is a setting', async () => {
    expect(row(q1, 'L')!.information).toBe('missing');
    await updateReportingSettings(db, seedActor, { graceDays: 30 });
    expect(row(await computeT1(db, { period: '2026-Q1' }), 'L')).toMatchObject({ information: 'late', itemIds: [item.tooLate] });
    await updateReportingSettings(db, seedActor, { graceDays: 15 });
  });
  it('gives T1 as numerator over denominator with the method note', () => {
    // expected: A B C D E G H L P (N is not a state administrative agency; F deactivated; I not yet created)
    expect(q1.denominator).toBe(9);
    expect(q1.numerator).toBe(5); // A B D G P
    expect(q1.value).toBeCloseTo(5 / 9);
    expect(q1.methodNote.en).toMatch(/last day of the period/);
    expect(q1.methodNote.vi).toMatch(/ngày cuối kỳ/);
  });
  it('honours include and exclude lists, province and kind subsets, and free ranges', async () => {
    await updateReportingSettings(db, seedActor, { includeOrgIds: [org.N], excludeOrgIds: [org.H] });
    const r = await computeT1(db, { period: '2026-Q1' });
    expect(row(r, 'N')!.compliant).toBe(true);
    expect(row(r, 'H')).toBeUndefined();
    await updateReportingSettings(db, seedActor, { includeOrgIds: [], excludeOrgIds: [] });
    const p = await computeT1(db, { period: '2026-Q1', provinceCode: '48' });
    expect(p.rows.map((x) => x.organisationId)).toEqual([org.P]);
    expect((await computeT1(db, { period: '2026-Q1', orgKind: 'provincial_committee' })).denominator).toBe(1);
    const range = await computeT1(db, { periodStart: '2025-12-31T17:00:00Z', periodEnd: '2026-03-31T17:00:00Z' });
    expect(range.numerator).toBe(q1.numerator);
    expect(range.period.id).toBeNull();
  });
});
