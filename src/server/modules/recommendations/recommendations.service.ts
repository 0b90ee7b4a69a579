// UN human-rights recommendations to Viet Nam (target T6). The programme office (admin) keeps the recommendations:
// their reference (mechanism, cycle, document, paragraph), original English text (set once, by import or by hand, and
// never changed: a different text is a conflict), Vietnamese translation (every version kept), position, themes,
// links and clusters, who implements them (a lead agency and co-implementers) and their status. An implementing
// agency's editors (its organisation subtree) write only their own organisation's actions and progress reports;
// the programme office approves a report or returns it with comments. Status changes follow STATUS_RULES and are kept
// as history. Every write validates, authorises, writes and records an audit entry in one transaction.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import * as C from '../../../shared/contracts/recommendations.js';
import type { Bilingual } from '../../../shared/contracts/indicators.js';
import { recordAudit, type Actor } from '../../kernel/audit.js';
import { type Db, intArray, lockRow, rows, iso } from '../../kernel/db.js';
import { AppError, forbidden, notFound } from '../../kernel/errors.js';
import { vnDate } from '../../kernel/periods.js';
import { containsPattern, fold, nfc } from '../../kernel/text.js';
import { sitemapSource } from '../../kernel/sitemap.js';
import { parseInput } from '../../kernel/validate.js';
import { assertDatesWritable } from '../../kernel/dateLock.js';
import { organisations } from '../directory/directory.tables.js';
import { assertCanWriteUnder } from '../directory/organisations.service.js';
import {
  recActions, recClusters, recCoImplementers, recLinks, recommendations, recReports, recStatusHistory, recTranslations,
} from './recommendations.tables.js';

export const AUDIT = { recommendation: 'recommendation', action: 'rec_action', report: 'rec_report', evidence: 'rec_evidence', cluster: 'rec_cluster' } as const;

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
  in_progress: { vi: 'Đang triển khai: đã có cơ quan chủ trì và ít nhất một hoạt động (không bị huỷ).', en: 'In progress: a lead agency is assigned and at least one action (not cancelled) is planned.' },
  partly_implemented: { vi: 'Đã thực hiện một phần: ít nhất một hoạt động đã hoàn thành và ít nhất một báo cáo tiến độ đã được Văn phòng Đề án phê duyệt.', en: 'Partly implemented: at least one action is done and at least one progress report has been approved by the programme office.' },
  implemented: { vi: 'Đã thực hiện: mọi hoạt động không bị huỷ đã hoàn thành, có báo cáo tiến độ được phê duyệt và có ít nhất một minh chứng.', en: 'Implemented: every action that is not cancelled is done, a progress report is approved and at least one piece of evidence is tagged.' },
};
export const STATUS_NOTE: Bilingual = {
  vi: `Chỉ Văn phòng Đề án thay đổi trạng thái. Mỗi bước tiến phải thoả quy tắc của trạng thái đích (có thể vượt bước nếu thoả): ${Object.values(STATUS_RULES).map((r) => r.vi).join(' ')} Lùi trạng thái cần nêu lý do. Mọi thay đổi được lưu lịch sử.`,
  en: `Only the programme office changes the status. A step forward must meet the rule of the status it goes to (steps may be skipped when it is met): ${Object.values(STATUS_RULES).map((r) => r.en).join(' ')} A step back needs a reason. Every change is kept in the history.`,
};

/** The position of a status in the order not started → implemented. */
export const REC_ORDER = (s: C.RecStatus) => C.REC_STATUSES.indexOf(s);
export const recLabel = (r: { cycle: string; paragraph: string }) => `${r.cycle} ${r.paragraph}`;
const today = () => vnDate(new Date());
type Detail = { row?: number; field: string; message: string };
const fail = (code: 'validation_failed' | 'conflict', details: Detail[]): never => {
  throw new AppError(code, details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
};
/** Whitespace and Unicode normalised: how two original texts are compared. */
export const sameText = (a: string | null, b: string | null) => (a === null || b === null ? a === b : nfc(a).replace(/\s+/g, ' ').trim() === nfc(b).replace(/\s+/g, ' ').trim());

// ---------------------------------------------------------------- authorisation

export function assertOffice(actor: Actor) {
  if (actor.role !== 'admin' && actor.role !== 'system') throw forbidden('Only the programme office (admin) manages recommendations, their status and report reviews');
}

/** An implementing agency's write: admins anywhere; editors for an organisation in their subtree that is the
 *  recommendation's lead agency or a co-implementer. */
async function assertImplementer(db: Db, actor: Actor, recId: number, orgId: number) {
  if (actor.role === 'admin' || actor.role === 'system') return;
  await assertCanWriteUnder(db, actor, orgId, 'the organisation');
  const [r] = await rows<{ ok: boolean }>(db, sql`
    select (exists(select 1 from recommendations where id = ${recId} and lead_organisation_id = ${orgId})
      or exists(select 1 from rec_co_implementers where recommendation_id = ${recId} and organisation_id = ${orgId})) as ok`);
  if (!r?.ok) throw forbidden('Only the lead agency and the co-implementers of this recommendation report on it');
}

// ---------------------------------------------------------------- reads

type RecRow = typeof recommendations.$inferSelect;

/** Full recommendations for the given ids, in the order given (unknown ids skipped). */
export async function loadRecommendations(db: Db, ids: number[]): Promise<C.Recommendation[]> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  const base = await db.select().from(recommendations).where(sql`${recommendations.id} = any(${intArray(wanted)})`);
  if (!base.length) return [];
  const found = intArray(base.map((r) => r.id));
  const orgIds = [...new Set(base.map((r) => r.leadOrganisationId).filter((x): x is number => x !== null))];
  const [tr, cos, clusters, links, due, ev] = await Promise.all([
    rows<{ id: number; version: number; text_vi: string }>(db, sql`
      select distinct on (recommendation_id) recommendation_id as id, version, text_vi from rec_translations
      where recommendation_id = any(${found}) order by recommendation_id, version desc`),
    db.select({ recId: recCoImplementers.recommendationId, id: organisations.id, name: organisations.nameVi, nameEn: organisations.nameEn })
      .from(recCoImplementers).innerJoin(organisations, eq(organisations.id, recCoImplementers.organisationId)).where(sql`${recCoImplementers.recommendationId} = any(${found})`),
    db.select().from(recClusters),
    rows<{ self: number; other: number; kind: string; direction: 'out' | 'in'; cycle: string; paragraph: string }>(db, sql`
      select l.from_id as self, l.to_id as other, l.kind, 'out' as direction, r.cycle, r.paragraph from rec_links l join recommendations r on r.id = l.to_id where l.from_id = any(${found})
      union all
      select l.to_id, l.from_id, l.kind, 'in', r.cycle, r.paragraph from rec_links l join recommendations r on r.id = l.from_id where l.to_id = any(${found})`),
    rows<{ id: number; overdue: number; next_due: string | null }>(db, sql`
      select recommendation_id as id, count(*) filter (where target_date < ${today()}::date)::int as overdue, min(target_date)::text as next_due
      from rec_actions where recommendation_id = any(${found}) and status in ('planned', 'in_progress') group by recommendation_id`),
    rows<{ id: number; n: number }>(db, sql`select recommendation_id as id, count(*)::int as n from rec_evidence where recommendation_id = any(${found}) group by recommendation_id`),
  ]);
  const leads = orgIds.length ? await db.select({ id: organisations.id, name: organisations.nameVi, nameEn: organisations.nameEn }).from(organisations).where(inArray(organisations.id, orgIds)) : [];
  const leadBy = new Map(leads.map((o) => [o.id, o]));
  const trBy = new Map(tr.map((t) => [Number(t.id), t]));
  const clusterBy = new Map(clusters.map((c) => [c.id, c]));
  const dueBy = new Map(due.map((d) => [Number(d.id), d]));
  const evBy = new Map(ev.map((e) => [Number(e.id), Number(e.n)]));
  const toRec = (r: RecRow): C.Recommendation => {
    const t = trBy.get(r.id);
    const c = r.clusterId ? clusterBy.get(r.clusterId) : undefined;
    return {
      id: r.id, mechanism: r.mechanism as C.Mechanism, cycle: r.cycle, sourceDocument: r.sourceDocument, paragraph: r.paragraph, label: recLabel(r),
      recommendingStates: r.recommendingStates, textEn: r.textEn, textEnSource: r.textEnSource, textVi: t?.text_vi ?? null, translationVersion: t ? Number(t.version) : null,
      position: r.position as C.Position | null, positionSource: r.positionSource, themes: r.themes, affectedPersons: r.affectedPersons, sdgTargets: r.sdgTargets,
      actionCategory: r.actionCategory, communication: r.communication, named: isNamed(r), targets: r.targets as C.Recommendation['targets'],
      status: r.status as C.RecStatus, lead: r.leadOrganisationId ? (leadBy.get(r.leadOrganisationId) ?? null) : null,
      coImplementers: cos.filter((x) => x.recId === r.id).map(({ recId: _r, ...o }) => o),
      cluster: c ? { id: c.id, code: c.code, nameVi: c.nameVi, nameEn: c.nameEn } : null,
      links: links.filter((l) => Number(l.self) === r.id).map((l) => ({ kind: l.kind as C.LinkKind, direction: l.direction, id: Number(l.other), label: recLabel(l) })),
      fictional: r.fictional, isDemo: r.isDemo,
      overdueActions: Number(dueBy.get(r.id)?.overdue ?? 0), nextDue: dueBy.get(r.id)?.next_due ?? null, evidenceCount: evBy.get(r.id) ?? 0,
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
export const recommendationsSitemap = sitemapSource(recommendations, { id: recommendations.id, updatedAt: recommendations.updatedAt }, () => undefined);

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
    where.push(sql`(r.lead_organisation_id = ${q.organisationId} or exists (select 1 from rec_co_implementers c where c.recommendation_id = r.id and c.organisation_id = ${q.organisationId}))`);
  }
  if (q.due) {
    const d = today();
    const soon = vnDate(new Date(Date.now() + 30 * 86400_000));
    where.push(q.due === 'overdue'
      ? sql`exists (select 1 from rec_actions a where a.recommendation_id = r.id and a.status in ('planned', 'in_progress') and a.target_date < ${d}::date)`
      : sql`exists (select 1 from rec_actions a where a.recommendation_id = r.id and a.status in ('planned', 'in_progress') and a.target_date >= ${d}::date and a.target_date <= ${soon}::date)`);
  }
  for (const word of fold(q.q ?? '').split(' ').filter(Boolean).slice(0, 10)) {
    where.push(sql`r.search_text like ${containsPattern(word)}`);
  }
  return where.length ? sql.join(where.map((w) => sql`(${w})`), sql` and `) : sql`true`;
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
  return { items: await loadRecommendations(db, page.map((r) => Number(r.id))), total: Number(count[0]?.n ?? 0) };
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
  const a = await db.select({ a: recActions, organisationName: organisations.nameVi }).from(recActions)
    .innerJoin(organisations, eq(organisations.id, recActions.organisationId)).where(sql`${recActions.recommendationId} = any(${intArray(new Set(recIds))})`)
    .orderBy(asc(recActions.recommendationId), asc(recActions.targetDate), asc(recActions.id));
  const d = today();
  for (const { a: x, organisationName } of a) {
    const list = out.get(x.recommendationId) ?? [];
    if (!list.length) out.set(x.recommendationId, list);
    list.push({
      id: x.id, recommendationId: x.recommendationId, organisationId: x.organisationId, organisationName, title: x.title, targetDate: x.targetDate,
      status: x.status as C.ActionStatus, completedOn: x.completedOn, overdue: (x.status === 'planned' || x.status === 'in_progress') && x.targetDate < d,
    });
  }
  return out;
}

function toReport(x: typeof recReports.$inferSelect, organisationName: string): C.Report {
  return {
    id: x.id, recommendationId: x.recommendationId, organisationId: x.organisationId, organisationName, period: x.period, narrative: x.narrative, figures: x.figures,
    status: x.status as C.ReportStatus, reviewComment: x.reviewComment, submittedBy: x.submittedBy, submittedAt: iso(x.submittedAt)!,
    reviewedBy: x.reviewedBy, reviewedAt: iso(x.reviewedAt),
  };
}

export async function listReports(db: Db, recId: number): Promise<C.Report[]> {
  return (await listReportsOf(db, [recId])).get(recId) ?? [];
}

/** The progress reports of many recommendations in one query (`status`: only those), each list newest first. */
export async function listReportsOf(db: Db, recIds: number[], status?: C.ReportStatus): Promise<Map<number, C.Report[]>> {
  const out = new Map<number, C.Report[]>();
  if (!recIds.length) return out;
  const r = await db.select({ r: recReports, organisationName: organisations.nameVi }).from(recReports)
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
  return h.map((x) => ({ from: x.fromStatus as C.RecStatus | null, to: x.toStatus as C.RecStatus, reason: x.reason, actorName: x.actorName, at: iso(x.at)! }));
}

export async function listClusters(db: Db): Promise<C.Cluster[]> {
  const r = await rows<{ id: number; code: string; name_vi: string; name_en: string; n: number }>(db, sql`
    select c.id, c.code, c.name_vi, c.name_en, (select count(*)::int from recommendations r where r.cluster_id = c.id) as n from rec_clusters c order by c.code`);
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

// ---------------------------------------------------------------- writes: recommendations

/** The database columns of a validated input; the original text only when the recommendation has none yet. */
export function recColumns(input: C.RecommendationInput) {
  const t = (s: string | null | undefined) => (s ? nfc(s) : null);
  const list = (l: string[]) => [...new Set(l.map(nfc))];
  return {
    mechanism: input.mechanism, cycle: input.cycle, sourceDocument: input.sourceDocument, paragraph: input.paragraph,
    recommendingStates: list(input.recommendingStates), position: input.position ?? null, positionSource: t(input.positionSource),
    themes: list(input.themes), affectedPersons: list(input.affectedPersons), sdgTargets: list(input.sdgTargets), actionCategory: input.actionCategory ?? null,
    communication: input.communication, targets: [...new Set(input.targets)], clusterId: input.clusterId ?? null,
  };
}

async function refreshSearch(db: Db, id: number) {
  await db.execute(sql`update recommendations r set search_text = lower(f_unaccent(concat_ws(' ', r.cycle, r.source_document, r.paragraph, r.text_en,
    (select t.text_vi from rec_translations t where t.recommendation_id = r.id order by t.version desc limit 1),
    array_to_string(r.recommending_states, ' '), array_to_string(r.themes, ' '), array_to_string(r.affected_persons, ' ')))) where r.id = ${id}`);
}

async function assertCluster(db: Db, id: number | null | undefined, row?: number) {
  if (!id) return;
  const [c] = await db.select({ id: recClusters.id }).from(recClusters).where(eq(recClusters.id, id));
  if (!c) fail('validation_failed', [{ ...(row ? { row } : {}), field: 'clusterId', message: `no cluster ${id}` }]);
}

/** Finds a recommendation by its reference (mechanism, cycle, document, paragraph). */
export async function findByRef(db: Db, ref: { mechanism: string; cycle: string; sourceDocument: string; paragraph: string }) {
  const [r] = await db.select().from(recommendations).where(and(eq(recommendations.mechanism, ref.mechanism), eq(recommendations.cycle, ref.cycle),
    eq(recommendations.sourceDocument, ref.sourceDocument), eq(recommendations.paragraph, ref.paragraph)));
  return r;
}

export async function createRecommendation(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean; fictional?: boolean } = {}): Promise<C.Recommendation> {
  assertOffice(actor);
  const input = parseInput(C.RecommendationInput, raw);
  return db.transaction(async (tx) => {
    const existing = await findByRef(tx, input);
    if (existing) fail('conflict', [{ field: 'paragraph', message: `${recLabel(input)} of ${input.sourceDocument} already exists (#${existing.id})` }]);
    await assertCluster(tx, input.clusterId);
    const [row] = await tx.insert(recommendations).values({
      ...recColumns(input), textEn: input.textEn ? nfc(input.textEn) : null, textEnSource: input.textEn ? (input.textEnSource ?? 'manual entry') : null,
      isDemo: opts.isDemo ?? false, fictional: opts.fictional ?? false,
    }).returning({ id: recommendations.id });
    await tx.insert(recStatusHistory).values({ recommendationId: row!.id, fromStatus: null, toStatus: 'not_started', actorName: actor.name });
    await refreshSearch(tx, row!.id);
    const after = await getRecommendation(tx, row!.id);
    await recordAudit(tx, actor, 'create', AUDIT.recommendation, row!.id, null, after);
    return after;
  });
}

const lockRec = (db: Db, id: number): Promise<C.Recommendation> => lockRow(db, 'recommendations', id, 'Recommendation', getRecommendation);

/** Edits a recommendation. The original text: absent keeps it; the same text is fine; a different one is refused. */
export async function updateRecommendation(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Recommendation> {
  assertOffice(actor);
  const input = parseInput(C.RecommendationInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockRec(tx, id);
    const other = await findByRef(tx, input);
    if (other && other.id !== id) fail('conflict', [{ field: 'paragraph', message: `${recLabel(input)} of ${input.sourceDocument} already exists (#${other.id})` }]);
    if (input.textEn && before.textEn !== null && !sameText(before.textEn, input.textEn)) {
      fail('conflict', [{ field: 'textEn', message: 'the original text is kept unchanged once imported; this text differs from it' }]);
    }
    await assertCluster(tx, input.clusterId);
    const setText = before.textEn === null && input.textEn ? { textEn: nfc(input.textEn), textEnSource: input.textEnSource ?? 'manual entry' } : {};
    await tx.update(recommendations).set({ ...recColumns(input), ...setText, updatedAt: new Date() }).where(eq(recommendations.id, id));
    await refreshSearch(tx, id);
    const after = await getRecommendation(tx, id);
    await recordAudit(tx, actor, 'update', AUDIT.recommendation, id, before, after);
    return after;
  });
}

/** A new version of the Vietnamese translation (the office or the lead agency's editors). */
export async function addTranslation(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Recommendation> {
  const input = parseInput(C.TranslationInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockRec(tx, id);
    if (actor.role !== 'admin' && actor.role !== 'system') {
      if (!before.lead) throw forbidden('Only the programme office translates a recommendation without a lead agency');
      await assertCanWriteUnder(tx, actor, before.lead.id, 'the lead agency');
    }
    if (before.textVi !== null && nfc(input.textVi) === before.textVi) fail('validation_failed', [{ field: 'textVi', message: 'the same as the current translation' }]);
    await tx.insert(recTranslations).values({ recommendationId: id, version: (before.translationVersion ?? 0) + 1, textVi: nfc(input.textVi), note: input.note ? nfc(input.note) : null, createdBy: actor.name });
    await tx.update(recommendations).set({ updatedAt: new Date() }).where(eq(recommendations.id, id));
    await refreshSearch(tx, id);
    const after = await getRecommendation(tx, id);
    await recordAudit(tx, actor, 'translate', AUDIT.recommendation, id, before, after);
    return after;
  });
}

async function assertOrgs(db: Db, ids: number[], field: string) {
  if (!ids.length) return;
  const found = new Set((await db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, ids))).map((o) => o.id));
  const details = ids.map((id, i) => (found.has(id) ? null : { field: `${field}${field === 'coImplementerIds' ? `.${i}` : ''}`, message: `no organisation ${id}` })).filter((d): d is Detail => d !== null);
  if (details.length) fail('validation_failed', details);
}

/** Sets the lead agency and the co-implementers (the programme office). */
export async function assignImplementers(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Recommendation> {
  assertOffice(actor);
  const input = parseInput(C.AssignInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockRec(tx, id);
    if (input.leadOrganisationId) await assertOrgs(tx, [input.leadOrganisationId], 'leadOrganisationId');
    const co = [...new Set(input.coImplementerIds)].filter((x) => x !== input.leadOrganisationId);
    await assertOrgs(tx, co, 'coImplementerIds');
    await tx.update(recommendations).set({ leadOrganisationId: input.leadOrganisationId, updatedAt: new Date() }).where(eq(recommendations.id, id));
    await tx.delete(recCoImplementers).where(eq(recCoImplementers.recommendationId, id));
    if (co.length) await tx.insert(recCoImplementers).values(co.map((organisationId) => ({ recommendationId: id, organisationId })));
    const after = await getRecommendation(tx, id);
    await recordAudit(tx, actor, 'assign', AUDIT.recommendation, id, before, after);
    return after;
  });
}

/** A write on a recommendation's links by the programme office, audited as `action`. */
async function changeLinks(db: Db, actor: Actor, id: number, raw: unknown, action: 'link' | 'unlink', write: (tx: Db, before: C.Recommendation, input: z.infer<typeof C.LinkInput>) => Promise<void>): Promise<C.Recommendation> {
  assertOffice(actor);
  const input = parseInput(C.LinkInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockRec(tx, id);
    await write(tx, before, input);
    const after = await getRecommendation(tx, id);
    await recordAudit(tx, actor, action, AUDIT.recommendation, id, before, after);
    return after;
  });
}

/** Links a recommendation to another: `successor_of` (this one, of a later cycle, continues the target) or `overlaps`. */
export async function linkRecommendations(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Recommendation> {
  return changeLinks(db, actor, id, raw, 'link', async (tx, before, input) => {
    if (input.targetId === id) fail('validation_failed', [{ field: 'targetId', message: 'a recommendation cannot be linked to itself' }]);
    const [target] = await tx.select().from(recommendations).where(eq(recommendations.id, input.targetId));
    if (!target) fail('validation_failed', [{ field: 'targetId', message: `no recommendation ${input.targetId}` }]);
    if (input.kind === 'successor_of' && target!.cycle === before.cycle) fail('validation_failed', [{ field: 'targetId', message: `a successor belongs to a later cycle than ${target!.cycle}` }]);
    const exists = before.links.some((l) => l.id === input.targetId && l.kind === input.kind && (l.direction === 'out' || input.kind === 'overlaps'));
    if (exists) fail('conflict', [{ field: 'targetId', message: 'already linked' }]);
    await tx.insert(recLinks).values({ fromId: id, toId: input.targetId, kind: input.kind });
  });
}

export async function unlinkRecommendations(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Recommendation> {
  return changeLinks(db, actor, id, raw, 'unlink', async (tx, _before, input) => {
    await tx.delete(recLinks).where(sql`kind = ${input.kind} and ((from_id = ${id} and to_id = ${input.targetId}) or (from_id = ${input.targetId} and to_id = ${id}))`);
  });
}

export async function createCluster(db: Db, actor: Actor, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.Cluster> {
  assertOffice(actor);
  const input = parseInput(C.ClusterInput, raw);
  return db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: recClusters.id }).from(recClusters).where(eq(recClusters.code, input.code));
    if (dup) fail('conflict', [{ field: 'code', message: `cluster ${input.code} already exists` }]);
    const [c] = await tx.insert(recClusters).values({ code: input.code, nameVi: nfc(input.nameVi), nameEn: nfc(input.nameEn), isDemo: opts.isDemo ?? false }).returning();
    const after = { id: c!.id, code: c!.code, nameVi: c!.nameVi, nameEn: c!.nameEn, count: 0 };
    await recordAudit(tx, actor, 'create', AUDIT.cluster, c!.id, null, after);
    return after;
  });
}

// ---------------------------------------------------------------- status

/** What the rule of `to` needs that the recommendation lacks (empty: allowed). */
export async function statusBlockers(db: Db, id: number, to: C.RecStatus): Promise<string[]> {
  const [f] = await rows<{ lead: boolean; actions: number; done: number; open: number; approved: number; evidence: number }>(db, sql`
    select (r.lead_organisation_id is not null) as lead,
      (select count(*)::int from rec_actions a where a.recommendation_id = r.id and a.status <> 'cancelled') as actions,
      (select count(*)::int from rec_actions a where a.recommendation_id = r.id and a.status = 'done') as done,
      (select count(*)::int from rec_actions a where a.recommendation_id = r.id and a.status in ('planned', 'in_progress')) as open,
      (select count(*)::int from rec_reports p where p.recommendation_id = r.id and p.status = 'approved') as approved,
      (select count(*)::int from rec_evidence e where e.recommendation_id = r.id) as evidence
    from recommendations r where r.id = ${id}`);
  if (!f) return [];
  const n = (k: keyof typeof f) => Number(f[k]);
  const out: string[] = [];
  if (to === 'in_progress') {
    if (!f.lead) out.push('no lead agency is assigned');
    if (n('actions') === 0) out.push('no action is planned');
  }
  if (to === 'partly_implemented' || to === 'implemented') {
    if (n('done') === 0) out.push('no action is done');
    if (n('approved') === 0) out.push('no progress report is approved');
  }
  if (to === 'implemented') {
    if (n('open') > 0) out.push(`${n('open')} action(s) are still open`);
    if (n('evidence') === 0) out.push('no evidence is tagged');
  }
  return out;
}

/** Changes the status (the programme office): forward when the target status's rule holds, back with a reason. */
export async function setStatus(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()): Promise<C.Recommendation> {
  assertOffice(actor);
  const input = parseInput(C.StatusInput, raw);
  return db.transaction(async (tx) => {
    const before = await lockRec(tx, id);
    const from = C.REC_STATUSES.indexOf(before.status), to = C.REC_STATUSES.indexOf(input.status);
    if (from === to) fail('conflict', [{ field: 'status', message: `already ${input.status}` }]);
    if (to < from && !input.reason) fail('validation_failed', [{ field: 'reason', message: 'a step back needs a reason' }]);
    if (to > from) {
      const blockers = await statusBlockers(tx, id, input.status);
      if (blockers.length) fail('conflict', blockers.map((message) => ({ field: 'status', message: `${input.status}: ${message}` })));
    }
    await tx.update(recommendations).set({ status: input.status, updatedAt: now }).where(eq(recommendations.id, id));
    await tx.insert(recStatusHistory).values({ recommendationId: id, fromStatus: before.status, toStatus: input.status, reason: input.reason ? nfc(input.reason) : null, actorName: actor.name, at: now });
    const after = await getRecommendation(tx, id);
    await recordAudit(tx, actor, 'status', AUDIT.recommendation, id, before, { ...after, reason: input.reason ?? null });
    return after;
  });
}

// ---------------------------------------------------------------- actions

function checkAction(input: C.ActionInput) {
  if (input.status === 'done' && !input.completedOn) fail('validation_failed', [{ field: 'completedOn', message: 'a done action says when it was completed' }]);
  if (input.status !== 'done' && input.completedOn) fail('validation_failed', [{ field: 'completedOn', message: 'only a done action has a completion date' }]);
}

async function getAction(db: Db, id: number): Promise<C.Action> {
  const [a] = await db.select({ recommendationId: recActions.recommendationId }).from(recActions).where(eq(recActions.id, id));
  if (!a) throw notFound(`Action ${id}`);
  return (await listActions(db, a.recommendationId)).find((x) => x.id === id)!;
}

export async function createAction(db: Db, actor: Actor, recId: number, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.Action> {
  const input = parseInput(C.ActionInput, raw);
  checkAction(input);
  return db.transaction(async (tx) => {
    await lockRec(tx, recId);
    await assertImplementer(tx, actor, recId, input.organisationId);
    await assertDatesWritable(tx, actor, [{ field: 'completedOn', day: input.completedOn }]);
    const [a] = await tx.insert(recActions).values({ recommendationId: recId, organisationId: input.organisationId, title: nfc(input.title), targetDate: input.targetDate,
      status: input.status, completedOn: input.completedOn ?? null, isDemo: opts.isDemo ?? false }).returning({ id: recActions.id });
    const after = await getAction(tx, a!.id);
    await recordAudit(tx, actor, 'create', AUDIT.action, a!.id, null, after);
    return after;
  });
}

/** Edits an action: its organisation's editors (and the new organisation's, when it moves) or the office. */
export async function updateAction(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Action> {
  const input = parseInput(C.ActionInput, raw);
  checkAction(input);
  return db.transaction(async (tx) => {
    const before = await getAction(tx, id);
    await assertImplementer(tx, actor, before.recommendationId, before.organisationId);
    if (input.organisationId !== before.organisationId) await assertImplementer(tx, actor, before.recommendationId, input.organisationId);
    await assertDatesWritable(tx, actor, [{ field: 'completedOn', day: before.completedOn }, { field: 'completedOn', day: input.completedOn }]);
    await tx.update(recActions).set({ organisationId: input.organisationId, title: nfc(input.title), targetDate: input.targetDate, status: input.status,
      completedOn: input.completedOn ?? null, updatedAt: new Date() }).where(eq(recActions.id, id));
    const after = await getAction(tx, id);
    await recordAudit(tx, actor, 'update', AUDIT.action, id, before, after);
    return after;
  });
}

// ---------------------------------------------------------------- progress reports

async function getReport(db: Db, id: number): Promise<C.Report> {
  const [r] = await db.select({ r: recReports, organisationName: organisations.nameVi }).from(recReports)
    .innerJoin(organisations, eq(organisations.id, recReports.organisationId)).where(eq(recReports.id, id));
  if (!r) throw notFound(`Progress report ${id}`);
  return toReport(r.r, r.organisationName);
}

export async function submitReport(db: Db, actor: Actor, recId: number, raw: unknown, opts: { isDemo?: boolean } = {}): Promise<C.Report> {
  const input = parseInput(C.ReportInput, raw);
  return db.transaction(async (tx) => {
    await lockRec(tx, recId);
    await assertImplementer(tx, actor, recId, input.organisationId);
    const [r] = await tx.insert(recReports).values({ recommendationId: recId, organisationId: input.organisationId, period: input.period, narrative: nfc(input.narrative),
      figures: input.figures.map((f) => ({ label: nfc(f.label), value: nfc(f.value) })), status: 'submitted', submittedBy: actor.name, isDemo: opts.isDemo ?? false }).returning({ id: recReports.id });
    const after = await getReport(tx, r!.id);
    await recordAudit(tx, actor, 'submit', AUDIT.report, r!.id, null, after);
    return after;
  });
}

/** Resubmits a returned report with its changes (the same organisation). */
export async function resubmitReport(db: Db, actor: Actor, id: number, raw: unknown): Promise<C.Report> {
  const input = parseInput(C.ReportInput, raw);
  return db.transaction(async (tx) => {
    const before = await getReport(tx, id);
    await assertImplementer(tx, actor, before.recommendationId, before.organisationId);
    if (input.organisationId !== before.organisationId) fail('validation_failed', [{ field: 'organisationId', message: 'a report stays with the organisation that submitted it' }]);
    if (before.status !== 'returned') fail('conflict', [{ field: 'status', message: `a ${before.status} report cannot be resubmitted; only a returned one` }]);
    await tx.update(recReports).set({ period: input.period, narrative: nfc(input.narrative), figures: input.figures, status: 'submitted', submittedBy: actor.name, submittedAt: new Date() }).where(eq(recReports.id, id));
    const after = await getReport(tx, id);
    await recordAudit(tx, actor, 'resubmit', AUDIT.report, id, before, after);
    return after;
  });
}

/** The programme office approves a submitted report or returns it with comments (required). */
export async function reviewReport(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()): Promise<C.Report> {
  assertOffice(actor);
  const input = parseInput(C.ReviewInput, raw);
  if (input.decision === 'return' && !input.comment) fail('validation_failed', [{ field: 'comment', message: 'a returned report says what to change' }]);
  return db.transaction(async (tx) => {
    const before = await getReport(tx, id);
    if (before.status !== 'submitted') fail('conflict', [{ field: 'status', message: `a ${before.status} report cannot be reviewed; only a submitted one` }]);
    await tx.update(recReports).set({ status: input.decision === 'approve' ? 'approved' : 'returned', reviewComment: input.comment ? nfc(input.comment) : null, reviewedBy: actor.name, reviewedAt: now })
      .where(eq(recReports.id, id));
    const after = await getReport(tx, id);
    await recordAudit(tx, actor, input.decision === 'approve' ? 'approve' : 'return', AUDIT.report, id, before, after);
    return after;
  });
}

/** Recommendations whose open actions are due within `days` or overdue, for the workspace's due list. */
export async function listDueActions(db: Db, opts: { organisationId?: number; days?: number } = {}): Promise<(C.Action & { recommendationLabel: string })[]> {
  const until = vnDate(new Date(Date.now() + (opts.days ?? 30) * 86400_000));
  const r = await rows<{ id: number; rec: number; cycle: string; paragraph: string }>(db, sql`
    select a.id, a.recommendation_id as rec, r.cycle, r.paragraph from rec_actions a join recommendations r on r.id = a.recommendation_id
    where a.status in ('planned', 'in_progress') and a.target_date <= ${until}::date ${opts.organisationId ? sql`and a.organisation_id = ${opts.organisationId}` : sql``}
    order by a.target_date, a.id limit 500`);
  const byRec = await listActionsOf(db, r.map((x) => Number(x.rec)));
  return r.map((x) => ({ ...byRec.get(Number(x.rec))!.find((a) => a.id === Number(x.id))!, recommendationLabel: recLabel(x) }));
}
