// The recommendations service on a real database: the reference is unique; the original text is set once and never
// changed (service and database refuse); translations are versioned; who may write what (the office manages
// recommendations, status and reviews; an agency writes only its own actions and reports); the report cycle
// submitted → returned → resubmitted → approved; status rules with history; evidence from press, library and a
// module registered later, counted and listed with public filtering; T6 with the named recommendations.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Organisation } from '../../../shared/contracts/directory.js';
import type { Actor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { createProduct, publishProduct } from '../library/library.write.js';
import { createPressItem, publishPressItem } from '../press/press.service.js';
import { getDashboard } from '../indicators/indicators.service.js';
import { listEvidence, registerEvidenceResolver, tagEvidence, untagEvidence } from './recommendations.evidence.js';
import { t6Provider } from './recommendations.indicators.js';
import { getRecommendationPage } from './recommendations.page.js';
import * as S from './recommendations.service.js';
import * as SEdit from './recommendations.edit.js';
import * as SStatus from './recommendations.status.js';
import * as SProgress from './recommendations.progress.js';

let db: Db;
let ministry: Organisation, dept: Organisation, other: Organisation;
let admin: Actor, editorM: Actor, editorD: Actor, editorO: Actor, viewer: Actor;

async function actor(role: 'admin' | 'editor' | 'viewer', org: number | null = null): Promise<Actor> {
  const u = await makeUser(db, role, org);
  return { userId: u.id, name: u.username, role, organisationId: org, via: 'api' };
}
const problem = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    const x = e as { code: string; details?: { field: string; message: string }[] };
    return { code: x.code, fields: (x.details ?? []).map((d) => d.field), messages: (x.details ?? []).map((d) => d.message).join(' | ') };
  }
  throw new Error('expected a failure');
};
let para = 100;
const recInput = (patch: Record<string, unknown> = {}) => ({
  mechanism: 'upr',
  cycle: 'UPR-IV',
  sourceDocument: 'A/HRC/TEST/1',
  paragraph: `99.${para++}`,
  recommendingStates: ['Freedonia'],
  textEn: 'Fictional test text: continue human-rights awareness campaigns.',
  position: 'supported',
  positionSource: 'test addendum',
  themes: ['Awareness raising'],
  communication: true,
  targets: ['T1', 'T6'],
  ...patch,
});

beforeAll(async () => {
  db = (await testDatabase()).db;
  ministry = await makeOrg(db, { code: 'BTT-T', nameVi: 'Bộ Thông tin thử', kind: 'ministry', isStateAdminAgency: true });
  dept = await makeOrg(db, { code: 'CUC-T', nameVi: 'Cục thử', kind: 'other', parentId: ministry.id });
  other = await makeOrg(db, { code: 'BKH-T', nameVi: 'Bộ khác thử', kind: 'ministry', isStateAdminAgency: true });
  admin = await actor('admin');
  editorM = await actor('editor', ministry.id);
  editorD = await actor('editor', dept.id);
  editorO = await actor('editor', other.id);
  viewer = await actor('viewer');
});

describe('recommendations', () => {
  it('creates a recommendation with its history and refuses the same reference twice', async () => {
    const input = recInput();
    const r = await SEdit.createRecommendation(db, admin, input);
    expect(r).toMatchObject({
      label: `UPR-IV ${input.paragraph}`,
      status: 'not_started',
      position: 'supported',
      textEnSource: 'manual entry',
    });
    expect(await S.listStatusHistory(db, r.id)).toMatchObject([{ from: null, to: 'not_started' }]);
    expect(await problem(SEdit.createRecommendation(db, admin, input))).toMatchObject({ code: 'conflict', fields: ['paragraph'] });
  });

  it('names bad fields: paragraph, cycle, SDG target, action category', async () => {
    const p = await problem(
      SEdit.createRecommendation(db, admin, recInput({ paragraph: 'abc', cycle: 'upr 3', sdgTargets: ['sixteen'], actionCategory: 7 })),
    );
    expect(p.code).toBe('validation_failed');
    expect(p.fields).toEqual(expect.arrayContaining(['paragraph', 'cycle', 'sdgTargets.0', 'actionCategory']));
  });

  it('keeps the original English text once set: same text passes, a different one is a conflict, the database refuses too', async () => {
    const r = await SEdit.createRecommendation(db, admin, recInput({ textEn: null }));
    expect(r.textEn).toBeNull();
    const withText = await SEdit.updateRecommendation(
      db,
      admin,
      r.id,
      recInput({ paragraph: r.paragraph, textEn: 'Original  text.', textEnSource: 'UHRI' }),
    );
    expect(withText.textEn).toBe('Original  text.');
    await SEdit.updateRecommendation(db, admin, r.id, recInput({ paragraph: r.paragraph, textEn: 'Original text.', themes: ['Media'] }));
    const kept = await SEdit.updateRecommendation(db, admin, r.id, recInput({ paragraph: r.paragraph, textEn: null }));
    expect(kept.textEn).toBe('Original  text.');
    expect(
      await problem(SEdit.updateRecommendation(db, admin, r.id, recInput({ paragraph: r.paragraph, textEn: 'A changed text.' }))),
    ).toMatchObject({ code: 'conflict', fields: ['textEn'] });
    await expect(db.execute(sql`update recommendations set text_en = 'tampered' where id = ${r.id}`)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/immutable/) },
    });
    expect((await S.getRecommendation(db, r.id)).textEn).toBe('Original  text.');
  });

  it('versions the Vietnamese translation', async () => {
    const r = await SEdit.createRecommendation(db, admin, recInput());
    await SEdit.addTranslation(db, admin, r.id, { textVi: 'Bản dịch thứ nhất (thử).' });
    const v2 = await SEdit.addTranslation(db, admin, r.id, { textVi: 'Bản dịch thứ hai (thử).', note: 'sửa thuật ngữ' });
    expect(v2).toMatchObject({ textVi: 'Bản dịch thứ hai (thử).', translationVersion: 2 });
    expect((await S.listTranslations(db, r.id)).map((t) => t.version)).toEqual([2, 1]);
    expect(await problem(SEdit.addTranslation(db, admin, r.id, { textVi: 'Bản dịch thứ hai (thử).' }))).toMatchObject({
      fields: ['textVi'],
    });
    expect((await problem(SEdit.addTranslation(db, editorO, r.id, { textVi: 'x' }))).code).toBe('forbidden');
  });

  it('links across cycles and overlaps, both ways, and refuses a successor in the same cycle', async () => {
    const old = await SEdit.createRecommendation(db, admin, recInput({ cycle: 'UPR-III' }));
    const now = await SEdit.createRecommendation(db, admin, recInput());
    const twin = await SEdit.createRecommendation(db, admin, recInput());
    await SEdit.linkRecommendations(db, admin, now.id, { targetId: old.id, kind: 'successor_of' });
    const r = await SEdit.linkRecommendations(db, admin, now.id, { targetId: twin.id, kind: 'overlaps' });
    expect(r.links).toEqual(
      expect.arrayContaining([
        { kind: 'successor_of', direction: 'out', id: old.id, label: old.label },
        { kind: 'overlaps', direction: 'out', id: twin.id, label: twin.label },
      ]),
    );
    expect((await S.getRecommendation(db, old.id)).links).toEqual([
      { kind: 'successor_of', direction: 'in', id: now.id, label: now.label },
    ]);
    expect(await problem(SEdit.linkRecommendations(db, admin, twin.id, { targetId: now.id, kind: 'successor_of' }))).toMatchObject({
      fields: ['targetId'],
    });
    expect((await SEdit.unlinkRecommendations(db, admin, now.id, { targetId: twin.id, kind: 'overlaps' })).links).toHaveLength(1);
  });

  it('groups recommendations in clusters', async () => {
    const c = await SEdit.createCluster(db, admin, { code: 'MEDIA', nameVi: 'Truyền thông', nameEn: 'Communication' });
    const r = await SEdit.createRecommendation(db, admin, recInput({ clusterId: c.id }));
    expect(r.cluster).toMatchObject({ code: 'MEDIA' });
    expect((await S.listClusters(db)).find((x) => x.code === 'MEDIA')!.count).toBe(1);
    expect(await problem(SEdit.createRecommendation(db, admin, recInput({ clusterId: 99999 })))).toMatchObject({ fields: ['clusterId'] });
  });
});

describe('authorisation', () => {
  it('only the programme office manages recommendations, implementers and status', async () => {
    expect((await problem(SEdit.createRecommendation(db, editorM, recInput()))).code).toBe('forbidden');
    expect((await problem(SEdit.createRecommendation(db, viewer, recInput()))).code).toBe('forbidden');
    const r = await SEdit.createRecommendation(db, admin, recInput());
    expect((await problem(SEdit.assignImplementers(db, editorM, r.id, { leadOrganisationId: ministry.id }))).code).toBe('forbidden');
    expect((await problem(SStatus.setStatus(db, editorM, r.id, { status: 'in_progress' }))).code).toBe('forbidden');
  });

  it("keeps an action's audience groups through an edit and names the entry outside 1–6", async () => {
    const r = await SEdit.createRecommendation(db, admin, recInput());
    await SEdit.assignImplementers(db, admin, r.id, { leadOrganisationId: ministry.id, coImplementerIds: [] });
    const base = { organisationId: ministry.id, title: 'Tọa đàm với báo chí nước ngoài (thử)', targetDate: '2026-06-30' };
    const bad = await problem(SProgress.createAction(db, editorM, r.id, { ...base, audiences: [5, 9] }));
    expect(bad).toMatchObject({ code: 'validation_failed', fields: ['audiences.1'] });
    const a = await SProgress.createAction(db, editorM, r.id, { ...base, audiences: [5, 3] });
    expect(a.audiences).toEqual([3, 5]);
    const done = await SProgress.updateAction(db, editorM, a.id, {
      ...base,
      status: 'done',
      completedOn: '2026-05-01',
      audiences: [3, 5, 6],
    });
    expect(done).toMatchObject({ status: 'done', audiences: [3, 5, 6] });
    expect((await S.listActions(db, r.id)).find((x) => x.id === a.id)!.audiences).toEqual([3, 5, 6]);
  });

  it('an agency writes only its own actions and reports', async () => {
    const r = await SEdit.createRecommendation(db, admin, recInput());
    await SEdit.assignImplementers(db, admin, r.id, { leadOrganisationId: ministry.id, coImplementerIds: [] });
    // The lead agency's editor, and its department's editor for the ministry? No: a department editor's subtree is below the ministry.
    const a = await SProgress.createAction(db, editorM, r.id, {
      organisationId: ministry.id,
      title: 'Tập huấn phóng viên (thử)',
      targetDate: '2026-06-30',
    });
    expect(a).toMatchObject({ organisationName: 'Bộ Thông tin thử', status: 'planned' });
    expect(
      (await problem(SProgress.createAction(db, editorD, r.id, { organisationId: ministry.id, title: 'x', targetDate: '2026-06-30' })))
        .code,
    ).toBe('forbidden');
    expect(
      (await problem(SProgress.createAction(db, editorO, r.id, { organisationId: other.id, title: 'x', targetDate: '2026-06-30' }))).code,
    ).toBe('forbidden');
    expect(
      (await problem(SProgress.updateAction(db, editorO, a.id, { organisationId: ministry.id, title: 'hijack', targetDate: '2026-06-30' })))
        .code,
    ).toBe('forbidden');
    expect(
      (await problem(SProgress.submitReport(db, editorO, r.id, { organisationId: other.id, period: '2026-H1', narrative: 'x' }))).code,
    ).toBe('forbidden');
    // Once a co-implementer, the other ministry reports for itself, still not for the lead.
    await SEdit.assignImplementers(db, admin, r.id, { leadOrganisationId: ministry.id, coImplementerIds: [other.id] });
    await SProgress.createAction(db, editorO, r.id, {
      organisationId: other.id,
      title: 'Phát hành tờ gấp (thử)',
      targetDate: '2026-09-30',
    });
    expect(
      (await problem(SProgress.updateAction(db, editorO, a.id, { organisationId: ministry.id, title: 'hijack', targetDate: '2026-06-30' })))
        .code,
    ).toBe('forbidden');
    expect(
      (await problem(SProgress.createAction(db, viewer, r.id, { organisationId: other.id, title: 'x', targetDate: '2026-06-30' }))).code,
    ).toBe('forbidden');
  });

  it('names unknown organisations when assigning', async () => {
    const r = await SEdit.createRecommendation(db, admin, recInput());
    expect(
      await problem(SEdit.assignImplementers(db, admin, r.id, { leadOrganisationId: 999999, coImplementerIds: [other.id, 888888] })),
    ).toMatchObject({ fields: ['leadOrganisationId'] });
    expect(
      await problem(SEdit.assignImplementers(db, admin, r.id, { leadOrganisationId: ministry.id, coImplementerIds: [other.id, 888888] })),
    ).toMatchObject({ fields: ['coImplementerIds.1'] });
  });
});

describe('progress reports and status', () => {
  it('goes submitted → returned with comments → resubmitted → approved; only the office reviews', async () => {
    const r = await SEdit.createRecommendation(db, admin, recInput());
    await SEdit.assignImplementers(db, admin, r.id, { leadOrganisationId: ministry.id });
    const rep = await SProgress.submitReport(db, editorM, r.id, {
      organisationId: ministry.id,
      period: '2026-H1',
      narrative: 'Đã tổ chức 3 lớp (thử).',
      figures: [{ label: 'Lớp', value: '3' }],
    });
    expect(rep.status).toBe('submitted');
    expect((await problem(SProgress.reviewReport(db, editorM, rep.id, { decision: 'approve' }))).code).toBe('forbidden');
    expect(await problem(SProgress.reviewReport(db, admin, rep.id, { decision: 'return' }))).toMatchObject({ fields: ['comment'] });
    const back = await SProgress.reviewReport(db, admin, rep.id, { decision: 'return', comment: 'Bổ sung số người tham dự' });
    expect(back).toMatchObject({ status: 'returned', reviewComment: 'Bổ sung số người tham dự' });
    expect(await problem(SProgress.reviewReport(db, admin, rep.id, { decision: 'approve' }))).toMatchObject({ code: 'conflict' });
    const again = await SProgress.resubmitReport(db, editorM, rep.id, {
      organisationId: ministry.id,
      period: '2026-H1',
      narrative: 'Đã tổ chức 3 lớp, 120 người (thử).',
    });
    expect(again.status).toBe('submitted');
    expect((await SProgress.reviewReport(db, admin, rep.id, { decision: 'approve' })).status).toBe('approved');
    expect(
      await problem(SProgress.resubmitReport(db, editorM, rep.id, { organisationId: ministry.id, period: '2026-H1', narrative: 'x' })),
    ).toMatchObject({ code: 'conflict' });
    const audit = await rows<{ action: string }>(
      db,
      sql`select action from audit_log where entity = 'rec_report' and entity_id = ${String(rep.id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['submit', 'return', 'resubmit', 'approve']);
  });

  it('moves status only when the rule holds, back only with a reason, and keeps the history', async () => {
    const r = await SEdit.createRecommendation(db, admin, recInput());
    const blocked = await problem(SStatus.setStatus(db, admin, r.id, { status: 'in_progress' }));
    expect(blocked.code).toBe('conflict');
    expect(blocked.messages).toMatch(/no lead agency.*no action/);
    await SEdit.assignImplementers(db, admin, r.id, { leadOrganisationId: ministry.id });
    const a = await SProgress.createAction(db, editorM, r.id, {
      organisationId: ministry.id,
      title: 'Hoạt động (thử)',
      targetDate: '2020-01-31',
    });
    expect((await S.getRecommendation(db, r.id)).overdueActions).toBe(1);
    expect((await SStatus.setStatus(db, admin, r.id, { status: 'in_progress' })).status).toBe('in_progress');
    expect((await problem(SStatus.setStatus(db, admin, r.id, { status: 'implemented' }))).messages).toMatch(
      /no action is done.*no progress report is approved.*still open.*no evidence/,
    );
    await SProgress.updateAction(db, editorM, a.id, {
      organisationId: ministry.id,
      title: 'Hoạt động (thử)',
      targetDate: '2020-01-31',
      status: 'done',
      completedOn: '2020-01-30',
    });
    const rep = await SProgress.submitReport(db, editorM, r.id, { organisationId: ministry.id, period: '2026', narrative: 'Xong (thử).' });
    await SProgress.reviewReport(db, admin, rep.id, { decision: 'approve' });
    expect((await SStatus.setStatus(db, admin, r.id, { status: 'partly_implemented' })).status).toBe('partly_implemented');
    expect(await problem(SStatus.setStatus(db, admin, r.id, { status: 'in_progress' }))).toMatchObject({ fields: ['reason'] });
    await SStatus.setStatus(db, admin, r.id, { status: 'in_progress', reason: 'Báo cáo cần kiểm tra lại' });
    expect((await S.listStatusHistory(db, r.id)).map((h) => h.to)).toEqual([
      'not_started',
      'in_progress',
      'partly_implemented',
      'in_progress',
    ]);
    expect((await S.listStatusHistory(db, r.id)).at(-1)!.reason).toBe('Báo cáo cần kiểm tra lại');
  });

  it('lists due and overdue work', async () => {
    const r = await SEdit.createRecommendation(db, admin, recInput());
    await SEdit.assignImplementers(db, admin, r.id, { leadOrganisationId: other.id });
    await SProgress.createAction(db, admin, r.id, { organisationId: other.id, title: 'Quá hạn (thử)', targetDate: '2021-05-01' });
    const overdue = await S.listRecommendations(db, { due: 'overdue', organisationId: other.id });
    expect(overdue.items.map((x) => x.id)).toContain(r.id);
    const due = await SProgress.listDueActions(db, { organisationId: other.id });
    expect(due.find((x) => x.title === 'Quá hạn (thử)')).toMatchObject({ overdue: true, recommendationLabel: r.label });
  });
});

describe('evidence from every module', () => {
  it("tags press items, library products and a later module's records; counts, lists, filters for the public", async () => {
    const r = await SEdit.createRecommendation(db, admin, recInput());
    const item = await createPressItem(db, seedActor, {
      kind: 'press_release',
      organisationId: ministry.id,
      title: 'Thông cáo về quyền con người (thử)',
    });
    await publishPressItem(db, seedActor, item.id);
    const draft = await createPressItem(db, seedActor, { kind: 'statement', organisationId: ministry.id, title: 'Bản nháp (thử)' });
    const product = await createProduct(db, seedActor, {
      kind: 'video',
      organisationId: ministry.id,
      channel: 'social_media',
      date: '2025-05-01',
      languages: ['vie'],
      texts: [{ language: 'vie', title: 'Video về quyền con người (thử)' }],
    });
    await publishProduct(db, seedActor, product.id);
    // A module that lands later registers its resolver: nothing else changes.
    registerEvidenceResolver({
      type: 'fact_check',
      label: { vi: 'Kiểm chứng', en: 'Fact-checks' },
      resolve: async (_db, ids) =>
        new Map(
          ids
            .filter((id) => id === 7)
            .map((id) => [
              id,
              {
                label: 'Kiểm chứng thử 7',
                date: '2025-06-01',
                organisationId: ministry.id,
                organisationName: ministry.nameVi,
                href: '/factcheck/7',
                publicHref: null,
                public: true,
              },
            ]),
        ),
    });
    await tagEvidence(db, editorM, r.id, { recordType: 'press_item', recordId: item.id });
    await tagEvidence(db, editorM, r.id, { recordType: 'press_item', recordId: draft.id, note: 'chưa đăng' });
    await tagEvidence(db, editorM, r.id, { recordType: 'library_product', recordId: product.id });
    await tagEvidence(db, admin, r.id, { recordType: 'fact_check', recordId: 7 });
    expect((await problem(tagEvidence(db, editorM, r.id, { recordType: 'press_item', recordId: item.id }))).code).toBe('conflict');
    expect((await problem(tagEvidence(db, editorO, r.id, { recordType: 'library_product', recordId: product.id }))).code).toBe('forbidden');
    expect(await problem(tagEvidence(db, admin, r.id, { recordType: 'no_such_record', recordId: 1 }))).toMatchObject({
      fields: ['recordType'],
    });
    expect(await problem(tagEvidence(db, admin, r.id, { recordType: 'fact_check', recordId: 8 }))).toMatchObject({ fields: ['recordId'] });

    const all = await listEvidence(db, r.id);
    expect(all.total).toBe(4);
    expect(Object.fromEntries(all.counts.map((c) => [c.recordType, c.count]))).toEqual({
      fact_check: 1,
      library_product: 1,
      press_item: 2,
    });
    expect(all.items.find((i) => i.recordType === 'press_item' && i.recordId === item.id)).toMatchObject({
      label: 'Thông cáo về quyền con người (thử)',
      href: `/press?item=${item.id}`,
      publicHref: `/tin-tuc/${item.id}`,
      public: true,
    });
    expect(all.items.find((i) => i.recordType === 'library_product')).toMatchObject({
      publicHref: `/thu-vien/${product.id}`,
      organisationName: 'Bộ Thông tin thử',
    });
    const pub = await listEvidence(db, r.id, { publicOnly: true });
    expect(pub.total).toBe(3);
    expect(pub.items.some((i) => i.recordId === draft.id && i.recordType === 'press_item')).toBe(false);
    expect((await S.getRecommendation(db, r.id)).evidenceCount).toBe(4);

    const page = await getRecommendationPage(db, r.id);
    expect(page.evidence.total).toBe(4);
    expect(page.targets.map((t) => t.id)).toEqual(['T1', 'T6']);
    expect(page.targets[1]!.name.en).toMatch(/recommendations/i);

    await untagEvidence(db, editorM, r.id, { recordType: 'press_item', recordId: draft.id });
    expect((await listEvidence(db, r.id)).total).toBe(3);
    expect((await problem(untagEvidence(db, editorO, r.id, { recordType: 'press_item', recordId: item.id }))).code).toBe('forbidden');
  });
});

describe('T6', () => {
  it('counts accepted communication recommendations implemented, the three named ones always in and first', async () => {
    // The three named recommendations are reference data (loaded at every start), without text until imported.
    const named = await S.getRecommendation(
      db,
      (await SEdit.findByRef(db, { mechanism: 'upr', cycle: 'UPR-III', sourceDocument: 'A/HRC/41/7', paragraph: '38.63' }))!.id,
    );
    expect(named).toMatchObject({ named: true, textEn: null, position: 'supported', communication: true, fictional: false });
    const noted = await SEdit.createRecommendation(db, admin, recInput({ position: 'noted' }));
    const notComm = await SEdit.createRecommendation(db, admin, recInput({ communication: false }));
    const done = await SEdit.createRecommendation(db, admin, recInput());
    await SEdit.assignImplementers(db, admin, done.id, { leadOrganisationId: ministry.id });
    await SProgress.createAction(db, admin, done.id, {
      organisationId: ministry.id,
      title: 'Xong (thử)',
      targetDate: '2024-01-01',
      status: 'done',
      completedOn: '2024-01-01',
    });
    const rep = await SProgress.submitReport(db, admin, done.id, { organisationId: ministry.id, period: '2024', narrative: 'Xong (thử).' });
    await SProgress.reviewReport(db, admin, rep.id, { decision: 'approve' });
    const item = await createPressItem(db, seedActor, { kind: 'press_release', organisationId: ministry.id, title: 'Minh chứng (thử)' });
    await tagEvidence(db, admin, done.id, { recordType: 'press_item', recordId: item.id });
    await SStatus.setStatus(db, admin, done.id, { status: 'implemented' });

    const end = new Date(Date.now() + 86400_000);
    const recs = await t6Provider.records(db, {
      start: new Date('2023-01-01'),
      end,
      firstDay: '2023-01-01',
      lastDay: '2099-12-31',
      periodId: '2026',
    });
    const ids = recs.map((r) => r.id);
    expect(recs.slice(0, 3).map((r) => r.label)).toEqual(['UPR-III 38.63 ★', 'UPR-III 38.67 ★', 'UPR-III 38.86 ★']);
    expect(recs[0]).toMatchObject({ id: named.id, counts: false });
    expect(ids).toContain(done.id);
    expect(ids).not.toContain(noted.id);
    expect(ids).not.toContain(notComm.id);
    expect(recs.find((r) => r.id === done.id)).toMatchObject({ counts: true, organisationName: 'Bộ Thông tin thử' });
    // Before the status changed, the same recommendation did not count.
    const earlier = await t6Provider.records(db, {
      start: new Date('2023-01-01'),
      end: new Date('2024-01-01'),
      firstDay: '2023-01-01',
      lastDay: '2023-12-31',
      periodId: '2023',
    });
    expect(earlier.find((r) => r.id === done.id)).toBeUndefined();

    const d = await getDashboard(db, {}, { only: ['T6'] });
    const f = d.figures.find((x) => x.id === 'T6')!;
    expect(f.numerator).toBeGreaterThanOrEqual(1);
    expect(f.denominator).toBe(recs.length);
  });
});
