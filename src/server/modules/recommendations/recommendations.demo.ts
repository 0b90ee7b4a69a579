// Reference data and demo data of the recommendations module.
//  - loadNamedReferences (reference, every start, not demo): the three recommendations the programme decision names,
//    UPR cycle III, A/HRC/41/7 paragraphs 38.63, 38.67 and 38.86, as references only: no text (it arrives by import
//    from the Universal Human Rights Index or the Government matrix; it is never written here), accepted as the
//    decision says, on communication, mapped to T6.
//  - seedRecommendationsDemo: FICTIONAL recommendations (fictional document A/HRC/DEMO/1, fictional States Freedonia and
//    Sylvania, every text starting "[FICTIONAL DEMO]"), a cluster, lead agencies, actions (one overdue), progress reports
//    (one approved, one awaiting review), evidence from the demo press items and library products, status history.
//    Everything is is_demo; removeRecommendationsDemo deletes it (call it before the directory's removeDemo).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { systemActor } from '../../kernel/audit.js';
import { rows, type Db } from '../../kernel/db.js';
import { organisations } from '../directory/directory.tables.js';
import { libraryProducts } from '../library/library.tables.js';
import { pressItems } from '../press/press.tables.js';
import { tagEvidence } from './recommendations.evidence.js';
import * as S from './recommendations.service.js';
import * as SEdit from './recommendations.edit.js';
import * as SStatus from './recommendations.status.js';
import * as SProgress from './recommendations.progress.js';
import {
  recActions,
  recClusters,
  recCoImplementers,
  recEvidence,
  recLinks,
  recommendations,
  recReports,
  recStatusHistory,
  recTranslations,
} from './recommendations.tables.js';

const seed = systemActor('seed', 'demo');

export async function loadNamedReferences(db: Db): Promise<number> {
  let added = 0;
  for (const n of S.NAMED) {
    if (await SEdit.findByRef(db, { mechanism: 'upr', ...n })) continue;
    await SEdit.createRecommendation(db, systemActor('seed', 'reference'), {
      mechanism: 'upr',
      ...n,
      position: 'supported',
      communication: true,
      targets: ['T6'],
      positionSource: 'Quyết định phê duyệt Đề án nêu là khuyến nghị được chấp thuận / named as accepted in the programme decision',
    });
    added++;
  }
  return added;
}

const FICTIONAL = [
  {
    p: '901.1',
    cycle: 'UPR-IV',
    states: ['Freedonia'],
    theme: 'Awareness raising',
    en: 'Expand human-rights awareness programmes in schools and universities.',
    vi: 'Mở rộng chương trình nâng cao nhận thức về quyền con người trong trường học.',
    status: 'implemented',
  },
  {
    p: '901.2',
    cycle: 'UPR-IV',
    states: ['Sylvania'],
    theme: 'Media',
    en: 'Train journalists on reporting about human rights.',
    vi: 'Tập huấn nhà báo về đưa tin quyền con người.',
    status: 'partly_implemented',
  },
  {
    p: '901.3',
    cycle: 'UPR-IV',
    states: ['Freedonia', 'Sylvania'],
    theme: 'Access to information',
    en: 'Publish human-rights materials in ethnic-minority languages.',
    vi: 'Xuất bản tài liệu quyền con người bằng tiếng dân tộc thiểu số.',
    status: 'in_progress',
  },
  {
    p: '901.4',
    cycle: 'UPR-IV',
    states: ['Sylvania'],
    theme: 'Awareness raising',
    en: 'Hold a national human-rights communication week.',
    vi: 'Tổ chức tuần truyền thông quốc gia về quyền con người.',
    status: 'not_started',
  },
  {
    p: '901.5',
    cycle: 'UPR-IV',
    states: ['Freedonia'],
    theme: 'Digital',
    en: 'Put human-rights documents online in open formats.',
    vi: 'Đưa tài liệu quyền con người lên mạng ở định dạng mở.',
    status: 'not_started',
  },
  {
    p: '801.1',
    cycle: 'UPR-III',
    states: ['Freedonia'],
    theme: 'Awareness raising',
    en: 'Strengthen human-rights education for officials.',
    vi: 'Tăng cường giáo dục quyền con người cho cán bộ.',
    status: 'implemented',
  },
] as const;

export async function seedRecommendationsDemo(db: Db): Promise<{ recommendations: number }> {
  const [existing] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recommendations)
    .where(eq(recommendations.isDemo, true));
  if (Number(existing?.n ?? 0) > 0) return { recommendations: 0 };
  await loadNamedReferences(db);
  const orgs = await db
    .select({ id: organisations.id, code: organisations.code })
    .from(organisations)
    .where(and(eq(organisations.isDemo, true), inArray(organisations.code, ['UBND-01', 'BNG', 'SVHTTDL-01'])));
  const org = (c: string) => orgs.find((o) => o.code === c)?.id ?? orgs[0]?.id ?? null;
  if (!orgs.length) return { recommendations: 0 };
  const lead = org('UBND-01')!,
    co = org('BNG');
  const cluster = await SEdit.createCluster(
    db,
    seed,
    { code: 'DEMO-AWARE', nameVi: 'Truyền thông, nâng cao nhận thức (demo)', nameEn: 'Communication and awareness (demo)' },
    { isDemo: true },
  );
  const press = await db
    .select({ id: pressItems.id })
    .from(pressItems)
    .where(and(eq(pressItems.isDemo, true), eq(pressItems.organisationId, lead), inArray(pressItems.status, ['published', 'corrected'])))
    .limit(3);
  const products = await db
    .select({ id: libraryProducts.id })
    .from(libraryProducts)
    .where(and(eq(libraryProducts.isDemo, true), eq(libraryProducts.status, 'published')))
    .limit(3);
  const ids: number[] = [];
  for (const [i, f] of FICTIONAL.entries()) {
    const r = await SEdit.createRecommendation(
      db,
      seed,
      {
        mechanism: 'upr',
        cycle: f.cycle,
        sourceDocument: 'A/HRC/DEMO/1',
        paragraph: f.p,
        recommendingStates: [...f.states],
        textEn: `[FICTIONAL DEMO] ${f.en}`,
        textEnSource: 'demo data (fictional)',
        position: i === 4 ? 'noted' : i === 3 ? 'supported_in_part' : 'supported',
        positionSource: 'demo data (fictional)',
        themes: [f.theme],
        affectedPersons: ['Young people'],
        sdgTargets: ['16.10', '4.7'],
        actionCategory: 3 + (i % 3),
        communication: true,
        targets: i % 2 ? ['T4b', 'T6'] : ['T1', 'T6'],
        clusterId: cluster.id,
      },
      { isDemo: true, fictional: true },
    );
    ids.push(r.id);
    await SEdit.addTranslation(db, seed, r.id, { textVi: `[DEMO HƯ CẤU] ${f.vi}` });
    if (f.status === 'not_started' && i === 4) continue;
    await SEdit.assignImplementers(db, seed, r.id, { leadOrganisationId: lead, coImplementerIds: co && i % 2 ? [co] : [] });
    const done = f.status === 'implemented' || f.status === 'partly_implemented';
    await SProgress.createAction(
      db,
      seed,
      r.id,
      {
        organisationId: lead,
        title: `Hoạt động 1 của khuyến nghị ${f.p} (demo)`,
        targetDate: '2025-06-30',
        status: done ? 'done' : 'planned',
        completedOn: done ? '2025-06-20' : null,
      },
      { isDemo: true },
    );
    await SProgress.createAction(
      db,
      seed,
      r.id,
      {
        organisationId: lead,
        title: `Hoạt động 2 của khuyến nghị ${f.p} (demo)`,
        targetDate: f.status === 'in_progress' ? '2025-03-31' : '2027-12-31',
        status: f.status === 'implemented' ? 'done' : 'planned',
        completedOn: f.status === 'implemented' ? '2025-11-15' : null,
      },
      { isDemo: true },
    );
    if (done) {
      const rep = await SProgress.submitReport(
        db,
        seed,
        r.id,
        {
          organisationId: lead,
          period: '2025-H1',
          narrative: `Báo cáo tiến độ (demo) của khuyến nghị ${f.p}.`,
          figures: [{ label: 'Số lớp tập huấn (demo)', value: '4' }],
        },
        { isDemo: true },
      );
      await SProgress.reviewReport(db, seed, rep.id, { decision: 'approve' });
    }
    if (f.status === 'in_progress')
      await SProgress.submitReport(
        db,
        seed,
        r.id,
        { organisationId: lead, period: '2025-H2', narrative: `Báo cáo chờ duyệt (demo) của khuyến nghị ${f.p}.` },
        { isDemo: true },
      );
    for (const [j, p] of press.entries())
      if (j <= i % 3) await tagEvidence(db, seed, r.id, { recordType: 'press_item', recordId: p.id }, { isDemo: true });
    for (const [j, p] of products.entries())
      if (j <= i % 2) await tagEvidence(db, seed, r.id, { recordType: 'library_product', recordId: p.id }, { isDemo: true });
    for (const step of ['in_progress', 'partly_implemented', 'implemented'] as const) {
      if (S.REC_ORDER(step) > S.REC_ORDER(f.status)) break;
      // Without demo press items or products to tag, "implemented" is out of reach: stop where the rules stop.
      if ((await SStatus.statusBlockers(db, r.id, step)).length) break;
      await SStatus.setStatus(db, seed, r.id, { status: step });
    }
  }
  await SEdit.linkRecommendations(db, seed, ids[0]!, { targetId: ids[5]!, kind: 'successor_of' });
  await SEdit.linkRecommendations(db, seed, ids[1]!, { targetId: ids[2]!, kind: 'overlaps' });
  return { recommendations: ids.length };
}

export async function removeRecommendationsDemo(db: Db): Promise<{ recommendations: number }> {
  return db.transaction(async (tx) => {
    const demo = (await tx.select({ id: recommendations.id }).from(recommendations).where(eq(recommendations.isDemo, true))).map(
      (r) => r.id,
    );
    // Demo tags, actions and reports on real recommendations go too; then the demo recommendations and all that hangs on them.
    await tx.delete(recEvidence).where(eq(recEvidence.isDemo, true));
    await tx.delete(recActions).where(eq(recActions.isDemo, true));
    await tx.delete(recReports).where(eq(recReports.isDemo, true));
    if (demo.length) {
      for (const t of [recEvidence, recActions, recReports, recTranslations, recCoImplementers, recStatusHistory] as const)
        await tx.delete(t).where(inArray(t.recommendationId, demo));
      await tx.delete(recLinks).where(sql`from_id in ${demo} or to_id in ${demo}`);
      await tx.delete(recommendations).where(inArray(recommendations.id, demo));
    }
    // Real recommendations led by demo organisations lose that assignment (the directory's demo is removed next).
    await tx.execute(
      sql`update recommendations set lead_organisation_id = null where lead_organisation_id in (select id from organisations where is_demo)`,
    );
    await tx.execute(sql`delete from rec_co_implementers where organisation_id in (select id from organisations where is_demo)`);
    await tx.delete(recClusters).where(eq(recClusters.isDemo, true));
    return { recommendations: demo.length };
  });
}

/** The rest of the demo chain, once the training and exhibitions demos exist (seeded after this module's demo): the
 *  fictional recommendation on training journalists gets two demo training sessions as evidence, the one on awareness
 *  the two online exhibitions. Idempotent. */
export async function seedRecommendationsDemoChain(db: Db): Promise<number> {
  const already = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recEvidence)
    .where(and(eq(recEvidence.isDemo, true), inArray(recEvidence.recordType, ['training_session', 'exhibition'])));
  if (Number(already[0]?.n ?? 0) > 0) return 0;
  const recs = await db
    .select({ id: recommendations.id, p: recommendations.paragraph })
    .from(recommendations)
    .where(and(eq(recommendations.fictional, true), inArray(recommendations.paragraph, ['901.1', '901.2'])));
  const rec = (p: string) => recs.find((r) => r.p === p)?.id;
  const sessions = await rows<{ id: number }>(db, sql`select id from training_sessions where is_demo order by starts_on desc, id limit 2`);
  const shows = await rows<{ id: number }>(
    db,
    sql`select id from exhibitions where is_demo and online_published_at is not null order by id limit 2`,
  );
  let n = 0;
  for (const s of sessions)
    if (rec('901.2')) {
      await tagEvidence(db, seed, rec('901.2')!, { recordType: 'training_session', recordId: Number(s.id) }, { isDemo: true });
      n++;
    }
  for (const e of shows)
    if (rec('901.1')) {
      await tagEvidence(db, seed, rec('901.1')!, { recordType: 'exhibition', recordId: Number(e.id) }, { isDemo: true });
      n++;
    }
  return n;
}
