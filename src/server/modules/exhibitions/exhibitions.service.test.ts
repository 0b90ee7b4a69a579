// The exhibitions service and T3 on a real database: venues on the map valid on the dates, the pre-2025 unit
// (pre-filled where the crosswalk leaves one choice, required where a province was formed from several), abroad,
// every bad input named by its field with nothing written, who may write, online publication, and T3 / coverage on
// both maps across the 2025 merger; T3 by organiser with co-organisers; the portal listing and the venues' labels in
// both languages.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Organisation } from '../../../shared/contracts/directory.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { drillDown, getDashboard } from '../indicators/indicators.service.js';
import { createProduct, publishProduct } from '../library/library.write.js';
import { computeCoverage } from './exhibitions.indicators.js';
import {
  createExhibition,
  formerUnits,
  getExhibition,
  listExhibitions,
  loadReference,
  setExhibitionPublic,
  setOnlinePublished,
  updateExhibition,
} from './exhibitions.service.js';

let db: Db;
let hanoi: Organisation, tq: Organisation, other: Organisation;
let admin: Actor, editorTq: Actor, editorOther: Actor, viewer: Actor;
let published: number[] = [];
let draft: number;

async function actor(role: 'admin' | 'editor' | 'viewer', org: number | null = null): Promise<Actor> {
  const u = await makeUser(db, role, org);
  return { userId: u.id, name: u.username, role, organisationId: org, via: 'api' };
}

async function product(org: number, title: string, publish = true): Promise<number> {
  const p = await createProduct(db, seedActor, {
    kind: 'photo',
    organisationId: org,
    channel: 'print',
    date: '2024-01-10',
    languages: ['vie'],
    texts: [{ language: 'vie', title }],
  });
  if (publish) await publishProduct(db, seedActor, p.id);
  return p.id;
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  hanoi = await makeOrg(db, { code: 'UBND-01x', nameVi: 'UBND thành phố Hà Nội (thử)', kind: 'provincial_committee', provinceCode: '01' });
  tq = await makeOrg(db, { code: 'SVH-08x', nameVi: 'Sở Văn hóa Tuyên Quang (thử)', kind: 'provincial_department', provinceCode: '08' });
  other = await makeOrg(db, { code: 'SVH-48x', nameVi: 'Sở Văn hóa Đà Nẵng (thử)', kind: 'provincial_department', provinceCode: '48' });
  admin = await actor('admin');
  editorTq = await actor('editor', tq.id);
  editorOther = await actor('editor', other.id);
  viewer = await actor('viewer');
  published = [await product(tq.id, 'Ảnh tư liệu 1'), await product(tq.id, 'Ảnh tư liệu 2')];
  draft = await product(tq.id, 'Ảnh chưa công bố', false);
});

const input = (patch: Record<string, unknown> = {}) => ({
  texts: [
    { language: 'vie', title: 'Triển lãm ảnh quyền con người' },
    { language: 'eng', title: 'Human rights photo exhibition' },
  ],
  kind: 'photographs',
  format: 'physical',
  organiserIds: [tq.id],
  startDate: '2025-09-01',
  endDate: '2025-09-10',
  audiences: [2],
  captionLanguages: ['vie', 'eng'],
  visitors: 1200,
  venue: { location: 'vietnam', name: 'Bảo tàng tỉnh', provinceCode: '08', formerProvinceCode: '02' },
  items: [
    {
      productId: published[0],
      captions: [
        { language: 'vie', text: 'Chú thích' },
        { language: 'eng', text: 'Caption' },
      ],
    },
  ],
  ...patch,
});
const fieldsOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return ((e as { details?: { field: string }[] }).details ?? []).map((d) => d.field);
  }
  throw new Error('expected a failure');
};
const countExhibitions = async () =>
  Number(
    (
      await rows<{ n: number }>(
        db,
        sql`select (select count(*) from exhibitions) + (select count(*) from exhibition_items) + (select count(*) from exhibition_texts) as n`,
      )
    )[0]!.n,
  );

describe('venues across the 2025 merger', () => {
  it('offers the former units of a merged province, and pre-fills the single one', async () => {
    const ref = await loadReference(db);
    const merged = formerUnits(ref, '34', '08');
    expect(merged.candidates.map((c) => c.nameVi)).toEqual(['Hà Giang', 'Tuyên Quang']);
    expect(merged.prefilled).toBeNull();
    expect(formerUnits(ref, '34', '01').prefilled).toBe('01');
    expect(formerUnits(ref, '63', '02').prefilled).toBe('02');
  });

  it('records the chosen pre-2025 unit of a venue in a merged province', async () => {
    const e = await createExhibition(db, editorTq, input());
    expect(e.venue).toMatchObject({
      map: '34',
      provinceCode: '08',
      provinceName: 'Tuyên Quang',
      provinceNameEn: 'Tuyen Quang',
      formerProvinceCode: '02',
      formerProvinceName: 'Hà Giang',
      formerProvinceNameEn: 'Ha Giang',
    });
    expect(e.hasForeignVersion).toBe(true);
    expect(e.items[0]).toMatchObject({ productId: published[0], title: 'Ảnh tư liệu 1' });
  });

  it('refuses a venue in a merged province without its pre-2025 unit, and writes nothing', async () => {
    const before = await countExhibitions();
    const f = await fieldsOf(
      createExhibition(db, editorTq, input({ venue: { location: 'vietnam', name: 'Nhà văn hóa', provinceCode: '08' } })),
    );
    expect(f).toEqual(['venue.formerProvinceCode']);
    expect(
      await fieldsOf(
        createExhibition(db, editorTq, input({ venue: { location: 'vietnam', name: 'X', provinceCode: '08', formerProvinceCode: '19' } })),
      ),
    ).toEqual(['venue.formerProvinceCode']);
    expect(await countExhibitions()).toBe(before);
  });

  it('pre-fills the pre-2025 unit when the crosswalk leaves one choice', async () => {
    const e = await createExhibition(
      db,
      admin,
      input({ organiserIds: [hanoi.id], venue: { location: 'vietnam', name: 'Hoàng thành', provinceCode: '01' } }),
    );
    expect(e.venue).toMatchObject({ map: '34', provinceCode: '01', formerProvinceCode: '01' });
  });

  it('places an exhibition before 1 July 2025 on the 63-unit map', async () => {
    const e = await createExhibition(
      db,
      admin,
      input({ startDate: '2024-05-01', endDate: '2024-05-03', venue: { location: 'vietnam', name: 'Bảo tàng', provinceCode: '02' } }),
    );
    expect(e.venue).toMatchObject({ map: '63', provinceCode: '02', formerProvinceCode: '02' });
  });

  it('refuses a province of the wrong map for the dates and unknown provinces', async () => {
    const f1 = await fieldsOf(createExhibition(db, admin, input({ venue: { location: 'vietnam', name: 'X', provinceCode: '02' } })));
    expect(f1).toEqual(['venue.provinceCode']); // Hà Giang no longer exists in September 2025
    expect(
      await fieldsOf(
        createExhibition(
          db,
          admin,
          input({
            startDate: '2024-01-01',
            endDate: '2024-01-02',
            venue: { location: 'vietnam', name: 'X', map: '34', provinceCode: '08' },
          }),
        ),
      ),
    ).toEqual(['venue.map']);
    expect(await fieldsOf(createExhibition(db, admin, input({ venue: { location: 'vietnam', name: 'X', provinceCode: '99' } })))).toEqual([
      'venue.provinceCode',
    ]);
    try {
      await createExhibition(db, admin, input({ venue: { location: 'vietnam', name: 'X', provinceCode: '02' } }));
    } catch (e) {
      expect((e as Error).message).toContain('63-unit map');
      expect((e as Error).message).toContain('Tuyên Quang');
    }
  });

  it('places exhibitions abroad by country and city', async () => {
    const e = await createExhibition(
      db,
      admin,
      input({ organiserIds: [hanoi.id], venue: { location: 'abroad', name: 'Palais des Nations', countryCode: 'ch', city: 'Genève' } }),
    );
    expect(e.venue).toMatchObject({
      location: 'abroad',
      countryCode: 'CH',
      countryName: 'Thụy Sĩ',
      countryNameEn: 'Switzerland',
      city: 'Genève',
      provinceCode: null,
    });
    expect(
      await fieldsOf(createExhibition(db, admin, input({ venue: { location: 'abroad', name: 'X', countryCode: 'QQ', city: 'Y' } }))),
    ).toEqual(['venue.countryCode']);
  });
});

describe('bad input', () => {
  it('reports every problem at once: end before start, unpublished and unknown items, unknown languages, missing venue', async () => {
    const before = await countExhibitions();
    const f = await fieldsOf(
      createExhibition(
        db,
        admin,
        input({
          endDate: '2025-08-01',
          captionLanguages: ['zzz'],
          venue: null,
          items: [
            { productId: draft, captions: [] },
            { productId: 999999, captions: [] },
          ],
        }),
      ),
    );
    expect(f.sort()).toEqual(['captionLanguages.0', 'endDate', 'items.0.productId', 'items.1.productId', 'venue']);
    expect(await countExhibitions()).toBe(before);
  });

  it('an online-only exhibition has no venue and no visitors', async () => {
    expect((await fieldsOf(createExhibition(db, admin, input({ format: 'online' })))).sort()).toEqual(['venue', 'visitors']);
  });
});

describe('authorisation', () => {
  it('lets editors write only exhibitions led by their subtree; other roles read only', async () => {
    await expect(createExhibition(db, viewer, input())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createExhibition(db, editorOther, input())).rejects.toMatchObject({ code: 'forbidden' });
    const e = await createExhibition(db, editorTq, input());
    await expect(updateExhibition(db, editorOther, e.id, input({ visitors: 1 }))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setOnlinePublished(db, viewer, e.id, true)).rejects.toMatchObject({ code: 'forbidden' });
    const u = await updateExhibition(db, editorTq, e.id, input({ visitors: 1500 }));
    expect(u.visitors).toBe(1500);
    const audit = await rows<{ action: string }>(
      db,
      sql`select action from audit_log where entity = 'exhibition' and entity_id = ${String(e.id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });
});

describe('online version', () => {
  it('publishes an online exhibition with items; refuses a physical-only one', async () => {
    const phys = await createExhibition(db, editorTq, input());
    expect(await fieldsOf(setOnlinePublished(db, editorTq, phys.id, true))).toEqual(['format']);
    const online = await createExhibition(
      db,
      editorTq,
      input({
        format: 'online',
        venue: null,
        visitors: null,
        views: 300,
        texts: [{ language: 'vie', title: 'Triển lãm trực tuyến', narrative: 'Lời dẫn.' }],
        items: published.map((productId) => ({ productId, captions: [{ language: 'vie', text: 'Ảnh' }] })),
      }),
    );
    const p = await setOnlinePublished(db, editorTq, online.id, true);
    expect(p.onlinePublishedAt).not.toBeNull();
    const list = await listExhibitions(db, { location: 'online' });
    expect(list.items.find((x) => x.id === online.id)).toMatchObject({
      online: true,
      public: true,
      items: 2,
      place: 'Trực tuyến',
      placeEn: 'Online',
    });
    expect((await getExhibition(db, online.id)).texts[0]!.narrative).toBe('Lời dẫn.');
  });
});

describe('T3 and coverage on both maps', () => {
  it('counts pre-2025 units covered, lists the ones not covered, and covers new provinces through the crosswalk', async () => {
    const cov = await computeCoverage(db, { until: '2026-06-30' });
    const covered63 = cov.map63.units
      .filter((u) => u.exhibitions > 0)
      .map((u) => u.code)
      .sort();
    expect(covered63).toEqual(['01', '02']); // Hà Giang (venue in today's Tuyên Quang, former Hà Giang), Hà Nội
    expect(cov.map63).toMatchObject({ covered: 2, total: 63 });
    expect(
      cov.map34.units
        .filter((u) => u.exhibitions > 0)
        .map((u) => u.code)
        .sort(),
    ).toEqual(['01', '08']);
    expect(cov.map34.total).toBe(34);
    expect(cov.abroad).toEqual([expect.objectContaining({ countryCode: 'CH', city: 'Genève', exhibitions: 1 })]);
    expect(cov.foreign.withForeign).toBe(cov.foreign.total);
    // T3 through the indicators service: x of 63, the gap is the 61 uncovered units, Tuyên Quang (08) is not attributed
    const dash = await getDashboard(db, { period: '2025', map: '63' }, { only: ['T3'] });
    const t3 = dash.figures[0]!;
    expect(t3.value).toBe(2);
    expect(t3.breakdowns.province!.find((r) => r.key === '08')!.numerator).toBe(0);
    const gap = await drillDown(db, 'T3', { period: '2025', map: '63', part: 'gap', limit: 100 });
    expect(gap.total).toBe(61);
    expect(gap.records.map((r) => r.label)).toContain('Tuyên Quang');
    const num = await drillDown(db, 'T3', { period: '2025', map: '63', part: 'numerator' });
    expect(num.records.find((r) => r.label === 'Hà Giang')!.related.length).toBeGreaterThan(0);
    // 2024 alone: only the Hà Giang exhibition of May 2024
    expect((await getDashboard(db, { period: '2024', map: '63' }, { only: ['T3'] })).figures[0]!.value).toBe(1);
  });

  it('filters coverage by organiser', async () => {
    const cov = await computeCoverage(db, { until: '2026-06-30', organisationId: hanoi.id });
    expect(cov.map63.units.filter((u) => u.exhibitions > 0).map((u) => u.code)).toEqual(['01']);
  });
});

describe('T3 by organiser', () => {
  it("credits every organiser of an exhibition, counts a unit once overall, and drills down to that organiser's exhibitions", async () => {
    const coA = await makeOrg(db, {
      code: 'CO-A',
      nameVi: 'Đơn vị đồng tổ chức A',
      nameEn: 'Co-organiser A',
      kind: 'press',
      provinceCode: '01',
    });
    const coB = await makeOrg(db, { code: 'CO-B', nameVi: 'Đơn vị đồng tổ chức B', kind: 'central_agency', provinceCode: null });
    const place = (provinceCode: string) => ({ location: 'vietnam', name: 'Nhà hát', provinceCode });
    const before = (await getDashboard(db, { period: '2024', map: '63' }, { only: ['T3'] })).figures[0]!.value!;
    // Cao Bằng (04): a joint exhibition of A and B, and one of Hà Nội alone; Bắc Kạn (06, today part of Thái Nguyên 19): B alone.
    const joint = await createExhibition(
      db,
      admin,
      input({ organiserIds: [coA.id, coB.id], startDate: '2024-03-01', endDate: '2024-03-05', venue: place('04') }),
    );
    const other = await createExhibition(
      db,
      admin,
      input({ organiserIds: [hanoi.id], startDate: '2024-04-01', endDate: '2024-04-05', venue: place('04') }),
    );
    const solo = await createExhibition(
      db,
      admin,
      input({ organiserIds: [coB.id], startDate: '2024-06-01', endDate: '2024-06-02', venue: place('06') }),
    );

    const t3 = (await getDashboard(db, { period: '2024', map: '63' }, { only: ['T3'] })).figures[0]!;
    expect(t3.value).toBe(before + 2); // Cao Bằng once, though three organisations held two exhibitions there
    const row = (id: number) => t3.breakdowns.organiser!.find((r) => r.key === String(id));
    expect(row(coA.id)).toMatchObject({ numerator: 1, label: { vi: 'Đơn vị đồng tổ chức A', en: 'Co-organiser A' } });
    expect(row(coB.id)!.numerator).toBe(2);
    expect(row(hanoi.id)!.numerator).toBeGreaterThanOrEqual(1);

    // The drill-down of an organiser's row: the units it covered, each with only that organiser's exhibitions.
    const drillA = await drillDown(db, 'T3', { period: '2024', map: '63', part: 'numerator', breakdown: 'organiser', key: String(coA.id) });
    expect(drillA.records.map((r) => [r.label, r.related.map((x) => x.id)])).toEqual([['Cao Bằng', [joint.id]]]);
    const drillB = await drillDown(db, 'T3', { period: '2024', map: '63', part: 'numerator', breakdown: 'organiser', key: String(coB.id) });
    expect(drillB.records.map((r) => [r.label, r.related.map((x) => x.id)])).toEqual([
      ['Cao Bằng', [joint.id]],
      ['Bắc Kạn', [solo.id]],
    ]);
    // The whole figure's drill-down still shows every exhibition of the unit.
    const all = await drillDown(db, 'T3', { period: '2024', map: '63', part: 'numerator', limit: 100 });
    expect(all.records.find((r) => r.label === 'Cao Bằng')!.related.map((x) => x.id)).toEqual([joint.id, other.id]);
    // Filtered by a co-organiser (not the lead): its units, and only its exhibitions behind them.
    const scoped = await getDashboard(db, { period: '2024', map: '63', organisationId: coB.id }, { only: ['T3'] });
    expect(scoped.figures[0]!.value).toBe(2);
    const scopedDrill = await drillDown(db, 'T3', { period: '2024', map: '63', part: 'numerator', organisationId: coA.id });
    expect(scopedDrill.records.map((r) => [r.label, r.related.map((x) => x.id)])).toEqual([['Cao Bằng', [joint.id]]]);
    expect((await getDashboard(db, { period: '2024', map: '63', orgKind: 'press' }, { only: ['T3'] })).figures[0]!.value).toBe(1);

    // Coverage per organiser: both maps (Bắc Kạn is in Thái Nguyên on the 34-unit map), abroad, exhibitions.
    const cov = await computeCoverage(db, { until: '2024-12-31' });
    const by = (id: number) => cov.byOrganiser.find((o) => o.id === id);
    expect(by(coA.id)).toMatchObject({ code: 'CO-A', covered63: 1, covered34: 1, abroad: 0, exhibitions: 1 });
    expect(by(coB.id)).toMatchObject({ covered63: 2, covered34: 2, abroad: 0, exhibitions: 2 });
    expect(cov.map63.units.find((u) => u.code === '04')!.exhibitions).toBe(2);
  });
});

describe('portal listing and labels', () => {
  it('shows an exhibition on the portal only when listed or published online; venues carry both languages', async () => {
    const e = await createExhibition(
      db,
      editorTq,
      input({
        startDate: '2026-02-01',
        endDate: '2026-02-03',
        venue: { location: 'vietnam', name: 'Bảo tàng tỉnh', provinceCode: '08', formerProvinceCode: '02', lat: 22.82, lon: 104.98 },
      }),
    );
    expect(e).toMatchObject({ isPublic: false, publicAt: null });
    const venue = async (publicOnly: boolean) =>
      (await computeCoverage(db, { until: '2026-06-30' }, new Date(), { publicVenuesOnly: publicOnly })).venues.find((v) => v.id === e.id);
    expect(await venue(true)).toBeUndefined();
    expect(await venue(false)).toEqual({
      id: e.id,
      title: 'Triển lãm ảnh quyền con người',
      titleEn: 'Human rights photo exhibition',
      lat: 22.82,
      lon: 104.98,
      place: 'Bảo tàng tỉnh, Hà Giang',
      placeEn: 'Bảo tàng tỉnh, Ha Giang',
      public: false,
    });
    await expect(setExhibitionPublic(db, viewer, e.id, true)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setExhibitionPublic(db, editorOther, e.id, true)).rejects.toMatchObject({ code: 'forbidden' });
    const shown = await setExhibitionPublic(db, editorTq, e.id, true);
    expect(shown.isPublic).toBe(true);
    expect(shown.publicAt).not.toBeNull();
    expect((await venue(true))?.public).toBe(true);
    expect((await listExhibitions(db, { q: 'quyen con nguoi', year: 2026 })).items.find((x) => x.id === e.id)).toMatchObject({
      public: true,
      placeEn: 'Tuyen Quang (Ha Giang)',
      // The list gives the English title for English pages.
      title: 'Triển lãm ảnh quyền con người',
      titleEn: 'Human rights photo exhibition',
    });
    await setExhibitionPublic(db, editorTq, e.id, false);
    expect(await venue(true)).toBeUndefined();
    const audit = await rows<{ action: string }>(
      db,
      sql`select action from audit_log where entity = 'exhibition' and entity_id = ${String(e.id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'make-public', 'make-internal']);
    // An exhibition published online is public; it cannot be made internal while it is.
    const both = await createExhibition(db, editorTq, input({ format: 'both', views: 10, startDate: '2026-02-01', endDate: '2026-02-03' }));
    await setOnlinePublished(db, editorTq, both.id, true);
    expect((await getExhibition(db, both.id)).isPublic).toBe(true);
    await expect(setExhibitionPublic(db, editorTq, both.id, false)).rejects.toMatchObject({ code: 'conflict' });
  });
});
