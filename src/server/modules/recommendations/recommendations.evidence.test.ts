// Evidence from the training and exhibitions modules, and the evidence picker. A training session and an exhibition
// tagged as evidence show on the recommendation's workspace page with counts and links; on the public tracker only
// what the public may see (an online exhibition published on the portal; never a training session, never a physical
// exhibition), in its list count too. The picker finds press items, library products, training sessions and
// exhibitions by title without diacritics, among the records the user may tag; a record lists the recommendations
// it serves. A published fact-check (a claim with its verdict published) is evidence too: found by its text, linked to
// the claim's page and to /kiem-chung/<id>; a claim not yet published is not offered nor accepted.
import { beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../kernel/periods.js';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Organisation } from '../../../shared/contracts/directory.js';
import type { Actor } from '../../kernel/audit.js';
import type { Db } from '../../kernel/db.js';
import { createExhibition, setOnlinePublished } from '../exhibitions/exhibitions.service.js';
import { createClaim } from '../factcheck/factcheck.service.js';
import { fcClaims } from '../factcheck/factcheck.tables.js';
import { createProduct, publishProduct } from '../library/library.write.js';
import { createPressItem, publishPressItem } from '../press/press.service.js';
import { createCourse, createSession } from '../training/training.service.js';
import { evidenceTypes, listEvidence, recommendationsOfRecord, searchEvidence, tagEvidence } from './recommendations.evidence.js';
import { getRecommendationPage } from './recommendations.page.js';
import * as S from './recommendations.service.js';
import * as SEdit from './recommendations.edit.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
let hanoi: Organisation, dept: Organisation, other: Organisation;
let admin: Actor, editorHanoi: Actor, editorOther: Actor, viewer: Actor;
let editorSession: Session, viewerSession: Session;
let recId = 0;
const ids = { session: 0, physical: 0, online: 0, press: 0, product: 0, otherSession: 0 };

async function actor(
  role: 'admin' | 'editor' | 'viewer' | 'analyst' | 'reviewer',
  org: number | null = null,
): Promise<{ actor: Actor; password: string; username: string }> {
  const u = await makeUser(db, role, org);
  return { actor: { userId: u.id, name: u.username, role, organisationId: org, via: 'api' }, password: u.password, username: u.username };
}
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: string; details?: { field: string }[] };
  }
  throw new Error('expected a failure');
};

beforeAll(async () => {
  const t = await testApp();
  app = t.app;
  db = t.db;
  hanoi = await makeOrg(db, { code: 'EVI-HN', nameVi: 'Sở thử Hà Nội', kind: 'provincial_department', provinceCode: '01' });
  dept = await makeOrg(db, { code: 'EVI-HN-P', nameVi: 'Phòng thử trực thuộc', kind: 'other', parentId: hanoi.id });
  other = await makeOrg(db, { code: 'EVI-DN', nameVi: 'Sở thử Đà Nẵng', kind: 'provincial_department', provinceCode: '48' });
  admin = (await actor('admin')).actor;
  const e = await actor('editor', hanoi.id);
  editorHanoi = e.actor;
  editorSession = await signIn(app, e.username, e.password);
  editorOther = (await actor('editor', other.id)).actor;
  const v = await actor('viewer');
  viewer = v.actor;
  viewerSession = await signIn(app, v.username, v.password);

  const course = await createCourse(db, seedActor, {
    title: 'Tập huấn kỹ năng truyền thông về quyền con người (thử)',
    kind: 'training',
    format: 'in_person',
    organisationId: hanoi.id,
  });
  ids.session = (
    await createSession(db, seedActor, {
      courseId: course.id,
      startsOn: '2026-04-02',
      endsOn: '2026-04-03',
      provinceCode: '01',
      place: 'Hội trường A',
      organiserId: dept.id,
    })
  ).id;
  const otherCourse = await createCourse(db, seedActor, {
    title: 'Tập huấn phóng viên Đà Nẵng (thử)',
    kind: 'training',
    format: 'in_person',
    organisationId: other.id,
  });
  ids.otherSession = (
    await createSession(db, seedActor, {
      courseId: otherCourse.id,
      startsOn: '2026-05-02',
      endsOn: '2026-05-02',
      provinceCode: '48',
      organiserId: other.id,
    })
  ).id;

  const photo = await createProduct(db, seedActor, {
    kind: 'photo',
    organisationId: hanoi.id,
    channel: 'print',
    date: '2025-08-01',
    languages: ['vie'],
    texts: [{ language: 'vie', title: 'Ảnh tư liệu quyền trẻ em (thử)' }],
  });
  await publishProduct(db, seedActor, photo.id);
  ids.product = photo.id;
  const exhibition = (patch: Record<string, unknown>) => ({
    kind: 'photographs',
    organiserIds: [hanoi.id],
    startDate: '2025-09-01',
    endDate: '2025-09-10',
    audiences: [2],
    captionLanguages: ['vie'],
    items: [{ productId: photo.id, captions: [{ language: 'vie', text: 'Ảnh' }] }],
    ...patch,
  });
  ids.physical = (
    await createExhibition(
      db,
      seedActor,
      exhibition({
        texts: [{ language: 'vie', title: 'Triển lãm ảnh Quyền con người tại Hà Nội (thử)' }],
        format: 'physical',
        visitors: 500,
        venue: { location: 'vietnam', name: 'Bảo tàng thử', provinceCode: '01' },
      }),
    )
  ).id;
  ids.online = (
    await createExhibition(
      db,
      seedActor,
      exhibition({
        texts: [{ language: 'vie', title: 'Triển lãm trực tuyến Quyền con người (thử)' }],
        format: 'online',
        venue: null,
        views: 40,
      }),
    )
  ).id;
  await setOnlinePublished(db, seedActor, ids.online, true);
  const item = await createPressItem(db, seedActor, {
    kind: 'press_release',
    organisationId: hanoi.id,
    title: 'Thông cáo về Triển lãm quyền con người (thử)',
  });
  await publishPressItem(db, seedActor, item.id);
  ids.press = item.id;

  recId = (
    await SEdit.createRecommendation(
      db,
      admin,
      {
        mechanism: 'upr',
        cycle: 'UPR-IV',
        sourceDocument: 'A/HRC/EVI/1',
        paragraph: '12.1',
        recommendingStates: ['Freedonia'],
        textEn: 'Fictional evidence test text.',
        position: 'supported',
        communication: true,
        targets: ['T2a', 'T3'],
      },
      { fictional: true },
    )
  ).id;
});

describe('training sessions and exhibitions as evidence', () => {
  it("are registered kinds of evidence, tagged by their organisation's editors and counted on the recommendation page", async () => {
    expect(evidenceTypes().map((t) => t.recordType)).toEqual([
      'press_item',
      'library_product',
      'training_session',
      'exhibition',
      'fact_check',
    ]);
    await tagEvidence(db, editorHanoi, recId, { recordType: 'training_session', recordId: ids.session }); // organised by a department below Hà Nội
    await tagEvidence(db, editorHanoi, recId, { recordType: 'exhibition', recordId: ids.physical });
    await tagEvidence(db, admin, recId, { recordType: 'exhibition', recordId: ids.online });
    expect((await failure(tagEvidence(db, editorHanoi, recId, { recordType: 'exhibition', recordId: ids.physical }))).code).toBe(
      'conflict',
    );
    expect(
      (await failure(tagEvidence(db, editorOther, recId, { recordType: 'training_session', recordId: ids.session + 1000 }))).details?.map(
        (d) => d.field,
      ),
    ).toEqual(['recordId']);
    const r2 = (
      await SEdit.createRecommendation(db, admin, {
        mechanism: 'upr',
        cycle: 'UPR-IV',
        sourceDocument: 'A/HRC/EVI/1',
        paragraph: '12.2',
        position: 'supported',
      })
    ).id;
    expect((await failure(tagEvidence(db, editorOther, r2, { recordType: 'training_session', recordId: ids.session }))).code).toBe(
      'forbidden',
    );

    const page = await getRecommendationPage(db, recId);
    expect(page.evidence.total).toBe(3);
    expect(Object.fromEntries(page.evidence.counts.map((c) => [c.recordType, [c.label.vi, c.count]]))).toEqual({
      exhibition: ['Triển lãm', 2],
      training_session: ['Lớp tập huấn', 1],
    });
    expect(page.evidence.items.find((i) => i.recordType === 'training_session')).toMatchObject({
      label: 'Tập huấn kỹ năng truyền thông về quyền con người (thử) — Hội trường A, Hà Nội',
      date: '2026-04-02',
      organisationName: 'Phòng thử trực thuộc',
      href: `/training?tab=courses&session=${ids.session}`,
      publicHref: null,
      public: false,
      missing: false,
    });
    expect(page.evidence.items.find((i) => i.recordId === ids.physical && i.recordType === 'exhibition')).toMatchObject({
      label: 'Triển lãm ảnh Quyền con người tại Hà Nội (thử)',
      date: '2025-09-01',
      organisationName: 'Sở thử Hà Nội',
      href: `/exhibitions?exhibition=${ids.physical}`,
      public: false,
      publicHref: null,
    });
    expect(page.evidence.items.find((i) => i.recordId === ids.online && i.recordType === 'exhibition')).toMatchObject({
      public: true,
      publicHref: `/trien-lam/${ids.online}`,
    });

    const pub = await listEvidence(db, recId, { publicOnly: true });
    expect(pub.total).toBe(1);
    expect(pub.items.map((i) => [i.recordType, i.recordId])).toEqual([['exhibition', ids.online]]);
  });

  it('shows only the public one on the tracker, with its link in each language, and counts only it in the list', async () => {
    const vi = await app.inject({ method: 'GET', url: `/khuyen-nghi/${recId}` });
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain(`href="/trien-lam/${ids.online}"`);
    expect(vi.body).toContain('Triển lãm trực tuyến Quyền con người (thử)');
    expect(vi.body).toContain('Triển lãm: 1');
    expect(vi.body).not.toContain('Tập huấn kỹ năng truyền thông');
    expect(vi.body).not.toContain('Triển lãm ảnh Quyền con người tại Hà Nội');
    const en = await app.inject({ method: 'GET', url: `/en/recommendations/${recId}` });
    expect(en.body).toContain(`href="/en/exhibitions/${ids.online}"`);
    expect(en.body).toContain('Exhibitions: 1');
    const data = await app.inject({ method: 'GET', url: '/en/recommendations/data.json?cycle=UPR-IV' });
    const row = (data.json() as { recommendations: { id: number; evidence_count: number }[] }).recommendations.find((r) => r.id === recId);
    expect(row?.evidence_count).toBe(1);
    expect((await S.getRecommendation(db, recId)).evidenceCount).toBe(3); // the workspace counts all three
  });

  it("lists, on the record's side, the recommendations a record serves", async () => {
    expect(await recommendationsOfRecord(db, 'training_session', ids.session)).toMatchObject([
      { id: recId, label: 'UPR-IV 12.1', status: 'not_started', fictional: true, taggedBy: editorHanoi.name },
    ]);
    expect(await recommendationsOfRecord(db, 'exhibition', 999_999)).toEqual([]);
    const res = await app.inject({
      method: 'GET',
      url: `/api/recommendations/of-record?recordType=exhibition&recordId=${ids.online}`,
      headers: viewerSession.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject([{ id: recId, label: 'UPR-IV 12.1' }]);
  });
});

describe('the evidence picker', () => {
  const found = async (a: Actor, q: Record<string, unknown>) =>
    (await searchEvidence(db, a, q)).items.map((i) => `${i.recordType}:${i.recordId}`);

  it('finds records of every kind by title, without diacritics or case', async () => {
    expect(await found(admin, { q: 'trien lam quyen con nguoi' })).toEqual(
      expect.arrayContaining([`exhibition:${ids.online}`, `exhibition:${ids.physical}`, `press_item:${ids.press}`]),
    );
    expect(await found(admin, { q: 'TẬP HUẤN' })).toEqual(
      expect.arrayContaining([`training_session:${ids.session}`, `training_session:${ids.otherSession}`]),
    );
    expect(await found(admin, { q: 'anh tu lieu quyen tre em' })).toEqual([`library_product:${ids.product}`]);
    expect(await found(admin, { q: 'da nang phong vien' })).toEqual([`training_session:${ids.otherSession}`]);
    expect(await found(admin, { q: 'trien lam', recordType: 'exhibition' })).toEqual([
      `exhibition:${ids.physical}`,
      `exhibition:${ids.online}`,
    ]); // by date, then title
    expect(await found(admin, { q: 'khong co tieu de nay' })).toEqual([]);
  });

  it('shows kind, title, date and organisation, and marks what is already evidence of the recommendation', async () => {
    const { items } = await searchEvidence(db, admin, { q: 'truc tuyen', recommendationId: recId });
    expect(items).toEqual([
      {
        recordType: 'exhibition',
        typeLabel: { vi: 'Triển lãm', en: 'Exhibitions' },
        recordId: ids.online,
        label: 'Triển lãm trực tuyến Quyền con người (thử)',
        date: '2025-09-01',
        organisationName: 'Sở thử Hà Nội',
        href: `/exhibitions?exhibition=${ids.online}`,
        public: true,
        tagged: true,
      },
    ]);
    expect((await searchEvidence(db, admin, { q: 'truc tuyen', recommendationId: recId + 1 })).items[0]!.tagged).toBe(false);
  });

  it("offers an editor only the records of their organisation's subtree; read-only roles are refused", async () => {
    const mine = await found(editorHanoi, { q: 'tap huan' });
    expect(mine).toEqual([`training_session:${ids.session}`]);
    expect(await found(editorOther, { q: 'tap huan' })).toEqual([`training_session:${ids.otherSession}`]);
    expect(await found(editorOther, { q: 'trien lam' })).toEqual([]);
    expect(await found(admin, { q: 'tap huan', organisationId: dept.id })).toEqual([`training_session:${ids.session}`]); // one organisation and below
    expect(await found(admin, { q: 'tap huan', organisationId: hanoi.id })).toEqual([`training_session:${ids.session}`]);
    expect(await found(editorHanoi, { q: 'tap huan', organisationId: other.id })).toEqual([]); // not theirs to tag
    expect((await failure(searchEvidence(db, viewer, { q: 'tap huan' }))).code).toBe('forbidden');
    expect((await failure(searchEvidence(db, admin, { q: '  ' }))).details?.map((d) => d.field)).toEqual(['q']);
    expect((await failure(searchEvidence(db, admin, { q: 'x', recordType: 'no_such_kind' }))).details?.map((d) => d.field)).toEqual([
      'recordType',
    ]);
  });

  it('answers over HTTP', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/recommendations/evidence-search?q=${encodeURIComponent('hoi truong')}&recommendationId=${recId}`,
      headers: editorSession.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ items: [{ recordType: 'training_session', recordId: ids.session, tagged: true }] });
    const denied = await app.inject({ method: 'GET', url: '/api/recommendations/evidence-search?q=tap', headers: viewerSession.headers });
    expect(denied.statusCode).toBe(403);
  });
});

describe('published fact-checks as evidence', () => {
  const claimIds = { published: 0, draft: 0 };
  let publishedAt = new Date();

  beforeAll(async () => {
    const analyst = (await actor('analyst')).actor;
    const reviewer = (await actor('reviewer', hanoi.id)).actor;
    // The verdict as the two-person review leaves it once published (the review itself is factcheck.service.test's).
    publishedAt = new Date(Date.now() - 3600_000);
    const [c] = await db
      .insert(fcClaims)
      .values({
        text: 'Việt Nam cấm mọi hoạt động tôn giáo (thử kiểm chứng)',
        language: 'vi',
        status: 'published',
        ratingCode: 'false',
        rationaleVi: 'Luật Tín ngưỡng, tôn giáo 2016 vẫn có hiệu lực.',
        draftedBy: analyst.userId,
        approvedBy: reviewer.userId,
        publishedBy: reviewer.userId,
        publishedAt,
      })
      .returning({ id: fcClaims.id });
    claimIds.published = c!.id;
    claimIds.draft = (await createClaim(db, analyst, { text: 'Việt Nam cấm mọi lễ hội tôn giáo (thử kiểm chứng, chưa công bố)' })).id;
  });

  it('are found by the claim’s text without diacritics; a claim not yet published is not offered', async () => {
    const { items } = await searchEvidence(db, admin, { q: 'cam moi hoat dong ton giao', recordType: 'fact_check' });
    expect(items).toEqual([
      {
        recordType: 'fact_check',
        typeLabel: { vi: 'Kiểm chứng thông tin', en: 'Fact-checks' },
        recordId: claimIds.published,
        label: expect.stringMatching(/^Việt Nam cấm mọi hoạt động tôn giáo \(thử kiểm chứng\) — \S/),
        date: vnDate(publishedAt),
        organisationName: hanoi.nameVi, // the publisher's organisation
        href: `/factcheck?tab=claims&claim=${claimIds.published}`,
        public: true,
        tagged: false,
      },
    ]);
    const all = (await searchEvidence(db, admin, { q: 'thu kiem chung' })).items.map((i) => `${i.recordType}:${i.recordId}`);
    expect(all).toEqual([`fact_check:${claimIds.published}`]);
    // The publisher's organisation's editors may tag it; another organisation's may not.
    expect((await searchEvidence(db, editorHanoi, { q: 'thu kiem chung' })).items.map((i) => i.recordId)).toEqual([claimIds.published]);
    expect((await searchEvidence(db, editorOther, { q: 'thu kiem chung' })).items).toEqual([]);
  });

  it('are tagged, listed on the recommendation with both links, shown on the tracker and on the claim’s side', async () => {
    const tagged = await tagEvidence(db, editorHanoi, recId, { recordType: 'fact_check', recordId: claimIds.published });
    expect(tagged).toMatchObject({
      recordType: 'fact_check',
      href: `/factcheck?tab=claims&claim=${claimIds.published}`,
      publicHref: `/kiem-chung/${claimIds.published}`,
      public: true,
      missing: false,
    });
    expect(
      (await failure(tagEvidence(db, admin, recId, { recordType: 'fact_check', recordId: claimIds.draft }))).details?.map((d) => d.field),
    ).toEqual(['recordId']);
    expect((await failure(tagEvidence(db, editorOther, recId, { recordType: 'fact_check', recordId: claimIds.published }))).code).toBe(
      'forbidden',
    );
    const page = await getRecommendationPage(db, recId);
    expect(page.evidence.counts.find((c) => c.recordType === 'fact_check')).toEqual({
      recordType: 'fact_check',
      label: { vi: 'Kiểm chứng thông tin', en: 'Fact-checks' },
      count: 1,
    });
    const pub = await listEvidence(db, recId, { publicOnly: true });
    expect(pub.items.map((i) => [i.recordType, i.recordId])).toContainEqual(['fact_check', claimIds.published]);
    const vi = await app.inject({ method: 'GET', url: `/khuyen-nghi/${recId}` });
    expect(vi.body).toContain(`href="/kiem-chung/${claimIds.published}"`);
    const en = await app.inject({ method: 'GET', url: `/en/recommendations/${recId}` });
    expect(en.body).toContain(`href="/en/fact-checks/${claimIds.published}"`);
    const res = await app.inject({
      method: 'GET',
      url: `/api/recommendations/of-record?recordType=fact_check&recordId=${claimIds.published}`,
      headers: viewerSession.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject([{ id: recId, label: 'UPR-IV 12.1', taggedBy: editorHanoi.name }]);
  });
});
