// UN human-rights recommendations to Viet Nam (target T6). The programme office (admin) keeps the recommendations:
// their reference (mechanism, cycle, document, paragraph), original English text (set once, by import or by hand, and
// never changed: a different text is a conflict), Vietnamese translation (every version kept), position, themes,
// links and clusters, who implements them (a lead agency and co-implementers) and their status. An implementing
// agency's editors (its organisation subtree) write only their own organisation's actions and progress reports;
// the programme office approves a report or returns it with comments. Status changes follow STATUS_RULES and are kept
// as history. Every write validates, authorises, writes and records an audit entry in one transaction.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import * as C from '../../../shared/contracts/recommendations.js';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import { type Actor } from '../../kernel/audit.js';
import { type Db, intArray, rows, iso } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { vnDate } from '../../kernel/periods.js';
import { containsPattern, fold, nfc } from '../../kernel/text.js';
import { sitemapSource } from '../../kernel/sitemap.js';
import { parseInput } from '../../kernel/validate.js';
import { organisations } from '../directory/directory.tables.js';
import { assertCanWriteUnder } from '../directory/organisations.service.js';
import {
  recActions,
  recClusters,
  recCoImplementers,
  recommendations,
  recReports,
  recStatusHistory,
  recTranslations,
} from './recommendations.tables.js';

export const AUDIT = {
  recommendation: 'recommendation',
  action: 'rec_action',
  report: 'rec_report',
  evidence: 'rec_evidence',
  cluster: 'rec_cluster',
} as const;

/** The three recommendations the programme decision names (UPR cycle III, report A/HRC/41/7, paragraph 38). */
export const NAMED = [
  { cycle: 'UPR-III', sourceDocument: 'A/HRC/41/7', paragraph: '38.63' },
  { cycle: 'UPR-III', sourceDocument: 'A/HRC/41/7', paragraph: '38.67' },
  { cycle: 'UPR-III', sourceDocument: 'A/HRC/41/7', paragraph: '38.86' },
] as const;
export const isNamed = (r: { cycle: string; paragraph: string; mechanism?: string }) =>
  (r.mechanism ?? 'upr') === 'upr' && NAMED.some((n) => n.cycle === r.cycle && n.paragraph === r.paragraph);

/** The rule of each status step (shown as the method note of the status and in the T6 method note). */
export const STATUS_RULES: Record<C.RecStatus, Bilingual> = {
  not_started: { vi: 'Chưa triển khai: trạng thái ban đầu.', en: 'Not started: the initial status.' },
  in_progress: {
    vi: 'Đang triển khai: đã có cơ quan chủ trì và ít nhất một hoạt động (không bị huỷ).',
    en: 'In progress: a lead agency is assigned and at least one action (not cancelled) is planned.',
  },
  partly_implemented: {
    vi: 'Đã thực hiện một phần: ít nhất một hoạt động đã hoàn thành và ít nhất một báo cáo tiến độ đã được Văn phòng Đề án phê duyệt.',
    en: 'Partly implemented: at least one action is done and at least one progress report has been approved by the programme office.',
  },
  implemented: {
    vi: 'Đã thực hiện: mọi hoạt động không bị huỷ đã hoàn thành, có báo cáo tiến độ được phê duyệt và có ít nhất một minh chứng.',
    en: 'Implemented: every action that is not cancelled is done, a progress report is approved and at least one piece of evidence is tagged.',
  },
};
export const STATUS_NOTE: Bilingual = {
  vi: `Chỉ Văn phòng Đề án thay đổi trạng thái. Mỗi bước tiến phải thoả quy tắc của trạng thái đích (có thể vượt bước nếu thoả): ${Object.values(
    STATUS_RULES,
  )
    .map((r) => r.vi)
    .join(' ')} Lùi trạng thái cần nêu lý do. Mọi thay đổi được lưu lịch sử.`,
  en: `Only the programme office changes the status. A step forward must meet the rule of the status it goes to (steps may be skipped when it is met): ${Object.values(
    STATUS_RULES,
  )
    .map((r) => r.en)
    .join(' ')} A step back needs a reason. Every change is kept in the history.`,
};

/** The position of a status in the order not started → implemented. */
export const REC_ORDER = (s: C.RecStatus) => C.REC_STATUSES.indexOf(s);
export const recLabel = (r: { cycle: string; paragraph: string }) => `${r.cycle} ${r.paragraph}`;
const today = () => vnDate(new Date());
export type Detail = { row?: number; field: string; message: string };
export const fail = (code: 'validation_failed' | 'conflict', details: Detail[]): never => {
  throw new AppError(code, details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
};
/** Whitespace and Unicode normalised: how two original texts are compared. */
export const sameText = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : nfc(a).replace(/\s+/g, ' ').trim() === nfc(b).replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------- authorisation

export function assertOffice(actor: Actor) {
  if (actor.role !== 'admin' && actor.role !== 'system')
    throw forbidden('Only the programme office (admin) manages recommendations, their status and report reviews');
}

/** An implementing agency's write: admins anywhere; editors for an organisation in their subtree that is the
 *  recommendation's lead agency or a co-implementer. */
export async function assertImplementer(db: Db, actor: Actor, recId: number, orgId: number) {
  if (actor.role === 'admin' || actor.role === 'system') return;
  await assertCanWriteUnder(db, actor, orgId, 'the organisation');
  const [r] = await rows<{ ok: boolean }>(
    db,
    sql`
    select (exists(select 1 from recommendations where id = ${recId} and lead_organisation_id = ${orgId})
      or exists(select 1 from rec_co_implementers where recommendation_id = ${recId} and organisation_id = ${orgId})) as ok`,
  );
  if (!r?.ok) throw forbidden('Only the lead agency and the co-implementers of this recommendation report on it');
}

// ---------------------------------------------------------------- reads

type RecRow = typeof recommendations.$inferSelect;

/** Full recommendations for the given ids, in the order given (unknown ids skipped). */
export async function loadRecommendations(db: Db, ids: number[]): Promise<C.Recommendation[]> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  const base = await db
    .select()
    .from(recommendations)
    .where(sql`${recommendations.id} = any(${intArray(wanted)})`);
  if (!base.length) return [];
  const found = intArray(base.map((r) => r.id));
  const orgIds = [...new Set(base.map((r) => r.leadOrganisationId).filter((x): x is number => x !== null))];
  const [tr, cos, clusters, links, due, ev] = await Promise.all([
    rows<{ id: number; version: number; text_vi: string }>(
      db,
      sql`
      select distinct on (recommendation_id) recommendation_id as id, version, text_vi from rec_translations
      where recommendation_id = any(${found}) order by recommendation_id, version desc`,
    ),
    db
      .select({ recId: recCoImplementers.recommendationId, id: organisations.id, name: organisations.nameVi, nameEn: organisations.nameEn })
      .from(recCoImplementers)
      .innerJoin(organisations, eq(organisations.id, recCoImplementers.organisationId))
      .where(sql`${recCoImplementers.recommendationId} = any(${found})`),
    db.select().from(recClusters),
    rows<{ self: number; other: number; kind: string; direction: 'out' | 'in'; cycle: string; paragraph: string }>(
      db,
      sql`
      select l.from_id as self, l.to_id as other, l.kind, 'out' as direction, r.cycle, r.paragraph from rec_links l join recommendations r on r.id = l.to_id where l.from_id = any(${found})
      union all
      select l.to_id, l.from_id, l.kind, 'in', r.cycle, r.paragraph from rec_links l join recommendations r on r.id = l.from_id where l.to_id = any(${found})`,
    ),
    rows<{ id: number; overdue: number; next_due: string | null }>(
      db,
      sql`
      select recommendation_id as id, count(*) filter (where target_date < ${today()}::date)::int as overdue, min(target_date)::text as next_due
      from rec_actions where recommendation_id = any(${found}) and status in ('planned', 'in_progress') group by recommendation_id`,
    ),
    rows<{ id: number; n: number }>(
      db,
      sql`select recommendation_id as id, count(*)::int as n from rec_evidence where recommendation_id = any(${found}) group by recommendation_id`,
    ),
  ]);
  const leads = orgIds.length
    ? await db
        .select({ id: organisations.id, name: organisations.nameVi, nameEn: organisations.nameEn })
        .from(organisations)
        .where(inArray(organisations.id, orgIds))
    : [];
  const leadBy = new Map(leads.map((o) => [o.id, o]));
  const trBy = new Map(tr.map((t) => [Number(t.id), t]));
  const clusterBy = new Map(clusters.map((c) => [c.id, c]));
  const dueBy = new Map(due.map((d) => [Number(d.id), d]));
  const evBy = new Map(ev.map((e) => [Number(e.id), Number(e.n)]));
  const toRec = (r: RecRow): C.Recommendation => {
    const t = trBy.get(r.id);
    const c = r.clusterId ? clusterBy.get(r.clusterId) : undefined;
    return {
      id: r.id,
      mechanism: r.mechanism as C.Mechanism,
      cycle: r.cycle,
      sourceDocument: r.sourceDocument,
      paragraph: r.paragraph,
      label: recLabel(r),
      recommendingStates: r.recommendingStates,
      textEn: r.textEn,
      textEnSource: r.textEnSource,
      textVi: t?.text_vi ?? null,
      translationVersion: t ? Number(t.version) : null,
      position: r.position as C.Position | null,
      positionSource: r.positionSource,
      themes: r.themes,
      affectedPersons: r.affectedPersons,
      sdgTargets: r.sdgTargets,
      actionCategory: r.actionCategory,
      communication: r.communication,
      named: isNamed(r),
      targets: r.targets as C.Recommendation['targets'],
      status: r.status as C.RecStatus,
      lead: r.leadOrganisationId ? (leadBy.get(r.leadOrganisationId) ?? null) : null,
      coImplementers: cos.filter((x) => x.recId === r.id).map(({ recId: _r, ...o }) => o),
      cluster: c ? { id: c.id, code: c.code, nameVi: c.nameVi, nameEn: c.nameEn } : null,
      links: links
        .filter((l) => Number(l.self) === r.id)
        .map((l) => ({ kind: l.kind as C.LinkKind, direction: l.direction, id: Number(l.other), label: recLabel(l) })),
      fictional: r.fictional,
      isDemo: r.isDemo,
      overdueActions: Number(dueBy.get(r.id)?.overdue ?? 0),
      nextDue: dueBy.get(r.id)?.next_due ?? null,
      evidenceCount: evBy.get(r.id) ?? 0,
      updatedAt: iso(r.updatedAt)!,
    };
  };
  const byId = new Map(base.map((r) => [r.id, toRec(r)]));
  return wanted.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
}

export async function getRecommendation(db: Db, id: number): Promise<C.Recommendation> {
  const [r] = await loadRecommendations(db, [id]);
  if (!r) throw notFound(`Recommendation ${id}`);
  return r;
}

/** The conditions of a list query (workspace and public tracker). */
/** Every recommendation has a public page: the sitemap's source (read block by block). */
export const recommendationsSitemap = sitemapSource(
  recommendations,
  { id: recommendations.id, updatedAt: recommendations.updatedAt },
  () => undefined,
);

export function listConditions(q: C.RecListQuery): SQL {
  const where: SQL[] = [];
  if (q.cycle) where.push(sql`r.cycle = ${q.cycle}`);
  if (q.mechanism) where.push(sql`r.mechanism = ${q.mechanism}`);
  if (q.position) where.push(sql`r.position = ${q.position}`);
  if (q.status) where.push(sql`r.status = ${q.status}`);
  if (q.theme) where.push(sql`${q.theme} = any(r.themes)`);
  if (q.state) where.push(sql`${q.state} = any(r.recommending_states)`);
  if (q.clusterId) where.push(sql`r.cluster_id = ${q.clusterId}`);
  if (q.communication) where.push(sql`r.communication = ${q.communication === 'true'}`);
  if (q.organisationId) {
    where.push(
      sql`(r.lead_organisation_id = ${q.organisationId} or exists (select 1 from rec_co_implementers c where c.recommendation_id = r.id and c.organisation_id = ${q.organisationId}))`,
    );
  }
  if (q.due) {
    const d = today();
    const soon = vnDate(new Date(Date.now() + 30 * 86400_000));
    where.push(
      q.due === 'overdue'
        ? sql`exists (select 1 from rec_actions a where a.recommendation_id = r.id and a.status in ('planned', 'in_progress') and a.target_date < ${d}::date)`
        : sql`exists (select 1 from rec_actions a where a.recommendation_id = r.id and a.status in ('planned', 'in_progress') and a.target_date >= ${d}::date and a.target_date <= ${soon}::date)`,
    );
  }
  for (const word of fold(q.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 10)) {
    where.push(sql`r.search_text like ${containsPattern(word)}`);
  }
  return where.length
    ? sql.join(
        where.map((w) => sql`(${w})`),
        sql` and `,
      )
    : sql`true`;
}

/** Natural order: cycle, then document, then the paragraph's numbers (38.9 before 38.63). */
export const ORDER = sql`r.cycle, r.source_document, string_to_array(regexp_replace(r.paragraph, '[^0-9.]', '', 'g'), '.')::int[], r.paragraph, r.id`;

export async function listRecommendations(db: Db, query: unknown): Promise<{ items: C.Recommendation[]; total: number }> {
  const q = parseInput(C.RecListQuery, query ?? {});
  const cond = listConditions(q);
  const [page, count] = await Promise.all([
    rows<{ id: number }>(db, sql`select r.id from recommendations r where ${cond} order by ${ORDER} limit ${q.limit} offset ${q.offset}`),
    rows<{ n: number }>(db, sql`select count(*)::int as n from recommendations r where ${cond}`),
  ]);
  return {
    items: await loadRecommendations(
      db,
      page.map((r) => Number(r.id)),
    ),
    total: Number(count[0]?.n ?? 0),
  };
}

export async function listTranslations(db: Db, id: number): Promise<C.Translation[]> {
  const t = await db.select().from(recTranslations).where(eq(recTranslations.recommendationId, id)).orderBy(desc(recTranslations.version));
  return t.map((x) => ({ version: x.version, textVi: x.textVi, note: x.note, createdBy: x.createdBy, createdAt: iso(x.createdAt)! }));
}

export async function listActions(db: Db, recId: number): Promise<C.Action[]> {
  return (await listActionsOf(db, [recId])).get(recId) ?? [];
}

/** The actions of many recommendations in one query, each list by target date. */
export async function listActionsOf(db: Db, recIds: number[]): Promise<Map<number, C.Action[]>> {
  const out = new Map<number, C.Action[]>();
  if (!recIds.length) return out;
  const a = await db
    .select({ a: recActions, organisationName: organisations.nameVi })
    .from(recActions)
    .innerJoin(organisations, eq(organisations.id, recActions.organisationId))
    .where(sql`${recActions.recommendationId} = any(${intArray(new Set(recIds))})`)
    .orderBy(asc(recActions.recommendationId), asc(recActions.targetDate), asc(recActions.id));
  const d = today();
  for (const { a: x, organisationName } of a) {
    const list = out.get(x.recommendationId) ?? [];
    if (!list.length) out.set(x.recommendationId, list);
    list.push({
      id: x.id,
      recommendationId: x.recommendationId,
      organisationId: x.organisationId,
      organisationName,
      title: x.title,
      targetDate: x.targetDate,
      status: x.status as C.ActionStatus,
      audiences: x.audiences,
      completedOn: x.completedOn,
      overdue: (x.status === 'planned' || x.status === 'in_progress') && x.targetDate < d,
    });
  }
  return out;
}

export function toReport(x: typeof recReports.$inferSelect, organisationName: string): C.Report {
  return {
    id: x.id,
    recommendationId: x.recommendationId,
    organisationId: x.organisationId,
    organisationName,
    period: x.period,
    narrative: x.narrative,
    figures: x.figures,
    status: x.status as C.ReportStatus,
    reviewComment: x.reviewComment,
    submittedBy: x.submittedBy,
    submittedAt: iso(x.submittedAt)!,
    reviewedBy: x.reviewedBy,
    reviewedAt: iso(x.reviewedAt),
  };
}

export async function listReports(db: Db, recId: number): Promise<C.Report[]> {
  return (await listReportsOf(db, [recId])).get(recId) ?? [];
}

/** The progress reports of many recommendations in one query (`status`: only those), each list newest first. */
export async function listReportsOf(db: Db, recIds: number[], status?: C.ReportStatus): Promise<Map<number, C.Report[]>> {
  const out = new Map<number, C.Report[]>();
  if (!recIds.length) return out;
  const r = await db
    .select({ r: recReports, organisationName: organisations.nameVi })
    .from(recReports)
    .innerJoin(organisations, eq(organisations.id, recReports.organisationId))
    .where(and(sql`${recReports.recommendationId} = any(${intArray(new Set(recIds))})`, status ? eq(recReports.status, status) : undefined))
    .orderBy(asc(recReports.recommendationId), desc(recReports.submittedAt), desc(recReports.id));
  for (const x of r) {
    const list = out.get(x.r.recommendationId) ?? [];
    if (!list.length) out.set(x.r.recommendationId, list);
    list.push(toReport(x.r, x.organisationName));
  }
  return out;
}

export async function listStatusHistory(db: Db, recId: number): Promise<C.StatusChange[]> {
  const h = await db.select().from(recStatusHistory).where(eq(recStatusHistory.recommendationId, recId)).orderBy(asc(recStatusHistory.id));
  return h.map((x) => ({
    from: x.fromStatus as C.RecStatus | null,
    to: x.toStatus as C.RecStatus,
    reason: x.reason,
    actorName: x.actorName,
    at: iso(x.at)!,
  }));
}

export async function listClusters(db: Db): Promise<C.Cluster[]> {
  const r = await rows<{ id: number; code: string; name_vi: string; name_en: string; n: number }>(
    db,
    sql`
    select c.id, c.code, c.name_vi, c.name_en, (select count(*)::int from recommendations r where r.cluster_id = c.id) as n from rec_clusters c order by c.code`,
  );
  return r.map((c) => ({ id: Number(c.id), code: c.code, nameVi: c.name_vi, nameEn: c.name_en, count: Number(c.n) }));
}

/** The values the filters offer: cycles, themes and recommending states in use. */
export async function listFacets(db: Db): Promise<{ cycles: string[]; themes: string[]; states: string[] }> {
  const [cycles, themes, states] = await Promise.all([
    rows<{ v: string }>(db, sql`select distinct cycle as v from recommendations order by 1`),
    rows<{ v: string }>(db, sql`select distinct unnest(themes) as v from recommendations order by 1`),
    rows<{ v: string }>(db, sql`select distinct unnest(recommending_states) as v from recommendations order by 1`),
  ]);
  return { cycles: cycles.map((x) => x.v), themes: themes.map((x) => x.v), states: states.map((x) => x.v) };
}

/** How many recommendations stood at each status at an instant (from their status history; created later: not
 *  counted): all of them, and those on communication and awareness the Government accepted (T6's). For reports. */
export async function statusCountsAt(db: Db, at: Date): Promise<{ status: C.RecStatus; all: number; communication: number }[]> {
  const r = await rows<{ status: string | null; all: number; communication: number }>(
    db,
    sql`
    select h.status, count(*)::int as all,
      count(*) filter (where r.communication and r.position in ('supported', 'supported_in_part'))::int as communication
    from recommendations r
    left join lateral (select x.to_status as status from rec_status_history x where x.recommendation_id = r.id and x.at < ${at.toISOString()}::timestamptz
      order by x.at desc, x.id desc limit 1) h on true
    where r.created_at < ${at.toISOString()}::timestamptz group by 1`,
  );
  return C.REC_STATUSES.map((status) => {
    const mine = r.filter((x) => (x.status ?? 'not_started') === status);
    return {
      status,
      all: mine.reduce((a, x) => a + Number(x.all), 0),
      communication: mine.reduce((a, x) => a + Number(x.communication), 0),
    };
  });
}
