/**
 * The public recommendation tracker under /khuyen-nghi (vi) and /en/recommendations (en): server-rendered, no
 * JavaScript. The list filters by cycle, theme, position, status and recommending State with a plain GET form; T6's
 * figure and the three recommendations the decision names are shown first, each on its own. A recommendation's page
 * shows its texts, position, implementing agencies, actions, approved progress reports, status history and its
 * public evidence (published records only) with links. Open data: the filtered list as CSV and JSON.
 * Reads only through the recommendations module's services.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  POSITIONS,
  REC_STATUSES,
  type RecListQuery,
  type Recommendation,
  type RecommendationPage,
} from '../../shared/contracts/recommendations.js';
import { rows } from '../kernel/db.js';
import { sql } from 'drizzle-orm';
import { STATUS_LABELS } from '../modules/recommendations/recommendations.indicators.js';
import { publicEvidenceTotals } from '../modules/recommendations/recommendations.evidence.js';
import { getRecommendationPage } from '../modules/recommendations/recommendations.page.js';
import { listFacets, listRecommendations, NAMED, STATUS_NOTE } from '../modules/recommendations/recommendations.service.js';
import type { NewsroomDeps } from './newsroom.routes.js';
import { Layout, queryText, type PageContext } from './portal.views.js';
import type { Lang } from './programme.js';
import { fmtDate } from '../kernel/format.js';

const PAGE_SIZE = 50;
const EXPORT_MAX = 20_000;
const BASE = { vi: '/khuyen-nghi', en: '/en/recommendations' } as const;
const DATA = { vi: '/khuyen-nghi/du-lieu', en: '/en/recommendations/data' } as const;
const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

const T = {
  vi: {
    title: 'Khuyến nghị quốc tế về quyền con người',
    intro:
      'Tình hình thực hiện các khuyến nghị của các cơ chế nhân quyền Liên hợp quốc mà Việt Nam đã chấp thuận (mục tiêu T6 của Đề án). Mọi số liệu được tính từ hồ sơ.',
    filters: 'Bộ lọc',
    cycle: 'Chu kỳ',
    theme: 'Chủ đề',
    position: 'Lập trường',
    status: 'Trạng thái',
    state: 'Quốc gia khuyến nghị',
    all: 'Tất cả',
    apply: 'Lọc',
    reset: 'Bỏ lọc',
    results: (n: number) => `${n} khuyến nghị`,
    none: 'Không có khuyến nghị nào khớp bộ lọc.',
    named: 'Ba khuyến nghị được nêu trong Đề án',
    t6: 'Chỉ tiêu T6',
    t6Figure: (done: number, all: number) => `${done}/${all} khuyến nghị về truyền thông đã chấp thuận đã được thực hiện`,
    noText: 'Nguyên văn chưa được nhập.',
    positions: { supported: 'Ủng hộ', supported_in_part: 'Ủng hộ một phần', noted: 'Ghi nhận' } as Record<string, string>,
    reference: 'Khuyến nghị',
    text: 'Nội dung',
    lead: 'Cơ quan chủ trì',
    evidence: 'Minh chứng',
    openData: 'Dữ liệu mở',
    fictional: 'hư cấu (dữ liệu minh hoạ)',
    original: 'Nguyên văn (tiếng Anh)',
    translation: 'Bản dịch tiếng Việt',
    states: 'Quốc gia khuyến nghị',
    actions: 'Hoạt động',
    reports: 'Báo cáo tiến độ đã phê duyệt',
    history: 'Lịch sử trạng thái',
    rules: 'Quy tắc trạng thái',
    co: 'Cơ quan phối hợp',
    due: 'Hạn',
    back: 'Tất cả khuyến nghị',
    page: (p: number, n: number) => `Trang ${p}/${n}`,
    prev: 'Trang trước',
    next: 'Trang sau',
    themes: 'Chủ đề',
    sdg: 'Mục tiêu phát triển bền vững',
    actionStatus: { planned: 'kế hoạch', in_progress: 'đang làm', done: 'đã xong', cancelled: 'đã huỷ' } as Record<string, string>,
  },
  en: {
    title: 'International human-rights recommendations',
    intro:
      "How the recommendations of the UN human-rights mechanisms accepted by Viet Nam are being implemented (the programme's target T6). Every figure is computed from the records.",
    filters: 'Filters',
    cycle: 'Cycle',
    theme: 'Theme',
    position: 'Position',
    status: 'Status',
    state: 'Recommending State',
    all: 'All',
    apply: 'Filter',
    reset: 'Clear filters',
    results: (n: number) => `${n} recommendation${n === 1 ? '' : 's'}`,
    none: 'No recommendation matches the filters.',
    named: 'The three recommendations named in the programme',
    t6: 'Target T6',
    t6Figure: (done: number, all: number) => `${done} of ${all} accepted recommendations on communication implemented`,
    noText: 'The original text has not been imported yet.',
    positions: { supported: 'Supported', supported_in_part: 'Supported in part', noted: 'Noted' } as Record<string, string>,
    reference: 'Recommendation',
    text: 'Text',
    lead: 'Lead agency',
    evidence: 'Evidence',
    openData: 'Open data',
    fictional: 'fictional (demo data)',
    original: 'Original text (English)',
    translation: 'Vietnamese translation',
    states: 'Recommending States',
    actions: 'Actions',
    reports: 'Approved progress reports',
    history: 'Status history',
    rules: 'Status rules',
    co: 'Co-implementers',
    due: 'Due',
    back: 'All recommendations',
    page: (p: number, n: number) => `Page ${p} of ${n}`,
    prev: 'Previous page',
    next: 'Next page',
    themes: 'Themes',
    sdg: 'Sustainable Development Goal targets',
    actionStatus: { planned: 'planned', in_progress: 'in progress', done: 'done', cancelled: 'cancelled' } as Record<string, string>,
  },
};

type Filter = { cycle?: string; theme?: string; position?: string; status?: string; state?: string; page: number };

export function parseTrackerFilter(query: unknown): Filter {
  const q = (query ?? {}) as Record<string, unknown>;
  const pick = (k: string, list?: readonly string[]) => {
    const v = queryText(q[k], 200);
    return v && (!list || list.includes(v)) ? v : undefined;
  };
  const page = Number(queryText(q.page, 6));
  return {
    cycle: pick('cycle'),
    theme: pick('theme'),
    position: pick('position', POSITIONS),
    status: pick('status', REC_STATUSES),
    state: pick('state'),
    page: Number.isInteger(page) && page > 0 && page < 1000 ? page : 1,
  };
}
const toQuery = (f: Filter, extra: Partial<RecListQuery> = {}) =>
  ({
    cycle: f.cycle,
    theme: f.theme,
    position: f.position as RecListQuery['position'],
    status: f.status as RecListQuery['status'],
    state: f.state,
    limit: PAGE_SIZE,
    offset: (f.page - 1) * PAGE_SIZE,
    ...extra,
  }) as RecListQuery;
function qstr(f: Filter, page?: number): string {
  const sp = new URLSearchParams();
  for (const k of ['cycle', 'theme', 'position', 'status', 'state'] as const) if (f[k]) sp.set(k, f[k]!);
  if (page && page > 1) sp.set('page', String(page));
  const s = sp.toString();
  return s ? `?${s}` : '';
}
const statusLabel = (s: string, lang: Lang) => STATUS_LABELS[s as keyof typeof STATUS_LABELS]?.[lang] ?? s;
const text = (r: Recommendation, lang: Lang) => (lang === 'vi' ? (r.textVi ?? r.textEn) : r.textEn) ?? null;

function Select({
  id,
  name,
  label,
  value,
  options,
  all,
}: {
  id: string;
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  all: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ''}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function TrackerPage(props: {
  ctx: PageContext;
  filter: Filter;
  facets: Awaited<ReturnType<typeof listFacets>>;
  items: Recommendation[];
  total: number;
  named: Recommendation[];
  t6: { done: number; all: number };
}) {
  const { ctx, filter, facets, items, total, named, t6 } = props;
  const lang = ctx.lang;
  const t = T[lang];
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(filter.cycle || filter.theme || filter.position || filter.status || filter.state);
  return (
    <Layout ctx={ctx} title={filter.page > 1 ? `${t.title} — ${t.page(filter.page, pages)}` : t.title} current="recommendations">
      <h1>{t.title}</h1>
      <p className="lead">{t.intro}</p>
      <section aria-labelledby="t6-h">
        <h2 id="t6-h">{t.t6}</h2>
        <p className="figure-value">{t.t6Figure(t6.done, t6.all)}</p>
        <h3>{t.named}</h3>
        <ul className="news-list">
          {named.map((r) => (
            <li key={r.id}>
              <a href={`${BASE[lang]}/${r.id}`}>{r.label}</a> —{' '}
              <span className={`status status-${r.status}`}>{statusLabel(r.status, lang)}</span>
              {text(r, lang) ? '' : ` (${t.noText})`}
            </li>
          ))}
        </ul>
      </section>
      <form className="news-filters" method="get" action={BASE[lang]} role="search" aria-labelledby="filters-h">
        <h2 id="filters-h">{t.filters}</h2>
        <div className="fields">
          <Select
            id="f-cycle"
            name="cycle"
            label={t.cycle}
            value={filter.cycle}
            all={t.all}
            options={facets.cycles.map((c) => ({ value: c, label: c }))}
          />
          <Select
            id="f-theme"
            name="theme"
            label={t.theme}
            value={filter.theme}
            all={t.all}
            options={facets.themes.map((c) => ({ value: c, label: c }))}
          />
          <Select
            id="f-position"
            name="position"
            label={t.position}
            value={filter.position}
            all={t.all}
            options={POSITIONS.map((p) => ({ value: p, label: t.positions[p]! }))}
          />
          <Select
            id="f-status"
            name="status"
            label={t.status}
            value={filter.status}
            all={t.all}
            options={REC_STATUSES.map((s) => ({ value: s, label: statusLabel(s, lang) }))}
          />
          <Select
            id="f-state"
            name="state"
            label={t.state}
            value={filter.state}
            all={t.all}
            options={facets.states.map((c) => ({ value: c, label: c }))}
          />
        </div>
        <p className="actions">
          <button type="submit">{t.apply}</button>
          {filtered ? <a href={BASE[lang]}>{t.reset}</a> : null}
        </p>
      </form>
      <h2 id="results-h">
        {t.results(total)}
        {filter.page > 1 ? ` — ${t.page(filter.page, pages)}` : ''}
      </h2>
      {items.length === 0 ? (
        <p className="notice">{t.none}</p>
      ) : (
        <table className="province-table" aria-labelledby="results-h">
          <thead>
            <tr>
              <th scope="col">{t.reference}</th>
              <th scope="col">{t.text}</th>
              <th scope="col">{t.position}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.lead}</th>
              <th scope="col">{t.evidence}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a href={`${BASE[lang]}/${r.id}`}>{r.label}</a>
                  {r.fictional ? <span className="badge"> {t.fictional}</span> : null}
                </th>
                <td>{(text(r, lang) ?? t.noText).slice(0, 240)}</td>
                <td>{r.position ? t.positions[r.position] : '—'}</td>
                <td>{statusLabel(r.status, lang)}</td>
                <td>{r.lead ? (lang === 'en' ? (r.lead.nameEn ?? r.lead.name) : r.lead.name) : '—'}</td>
                <td>{r.evidenceCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t.page(filter.page, pages)}>
          {filter.page > 1 ? (
            <a href={BASE[lang] + qstr(filter, filter.page - 1)} rel="prev">
              {t.prev}
            </a>
          ) : null}
          <span> {t.page(filter.page, pages)} </span>
          {filter.page < pages ? (
            <a href={BASE[lang] + qstr(filter, filter.page + 1)} rel="next">
              {t.next}
            </a>
          ) : null}
        </nav>
      ) : null}
      <p className="feeds">
        {t.openData}: <a href={`${DATA[lang]}.csv${qstr(filter)}`}>CSV</a> · <a href={`${DATA[lang]}.json${qstr(filter)}`}>JSON</a>
      </p>
    </Layout>
  );
}

/** A record's portal path in the page's language (resolvers give the Vietnamese one). */
const EN_PATHS: [RegExp, string][] = [
  [/^\/tin-tuc\//, '/en/news/'],
  [/^\/thu-vien\//, '/en/library/'],
  [/^\/trien-lam\//, '/en/exhibitions/'],
  [/^\/kiem-chung\//, '/en/fact-checks/'],
];
export const publicHref = (href: string, lang: Lang) =>
  lang === 'en' ? EN_PATHS.reduce((h, [from, to]) => h.replace(from, to), href) : href;

/** The list with each recommendation's evidence counted as the public sees it (published records only). */
async function withPublicEvidence(db: NewsroomDeps['db'], items: Recommendation[]): Promise<Recommendation[]> {
  const totals = await publicEvidenceTotals(
    db,
    items.map((r) => r.id),
  );
  return items.map((r) => ({ ...r, evidenceCount: totals.get(r.id) ?? 0 }));
}

function RecommendationPublicPage({ ctx, page }: { ctx: PageContext; page: RecommendationPage }) {
  const lang = ctx.lang;
  const t = T[lang];
  const r = page.recommendation;
  const org = (o: { name: string; nameEn: string | null }) => (lang === 'en' ? (o.nameEn ?? o.name) : o.name);
  return (
    <Layout ctx={ctx} title={`${r.label} — ${t.title}`} current="recommendations">
      <p>
        <a href={BASE[lang]}>← {t.back}</a>
      </p>
      <h1>
        {r.label}
        {r.fictional ? <span className="badge"> {t.fictional}</span> : null}
      </h1>
      <dl className="item-facts">
        <dt>{t.status}</dt>
        <dd>{statusLabel(r.status, lang)}</dd>
        <dt>{t.position}</dt>
        <dd>
          {r.position ? t.positions[r.position] : '—'}
          {r.positionSource ? ` (${r.positionSource})` : ''}
        </dd>
        <dt>{t.states}</dt>
        <dd>{r.recommendingStates.join(', ') || '—'}</dd>
        <dt>{t.themes}</dt>
        <dd>{r.themes.join(', ') || '—'}</dd>
        <dt>{t.sdg}</dt>
        <dd>{r.sdgTargets.join(', ') || '—'}</dd>
        <dt>{t.lead}</dt>
        <dd>{r.lead ? org(r.lead) : '—'}</dd>
        <dt>{t.co}</dt>
        <dd>{r.coImplementers.map(org).join(', ') || '—'}</dd>
      </dl>
      <h2>{t.original}</h2>
      <p lang="en">{r.textEn ?? t.noText}</p>
      {r.textVi ? (
        <>
          <h2>{t.translation}</h2>
          <p lang="vi">{r.textVi}</p>
        </>
      ) : null}
      <h2>{t.actions}</h2>
      {page.actions.length ? (
        <ul>
          {page.actions.map((a) => (
            <li key={a.id}>
              {a.title} — {a.organisationName}; {t.due} {a.targetDate}; {t.actionStatus[a.status]}
            </li>
          ))}
        </ul>
      ) : (
        <p>—</p>
      )}
      <h2>{t.reports}</h2>
      {page.reports.length ? (
        page.reports.map((p) => (
          <section key={p.id}>
            <h3>
              {p.period} — {p.organisationName}
            </h3>
            <p>{p.narrative}</p>
            {p.figures.length ? <p>{p.figures.map((f) => `${f.label}: ${f.value}`).join('; ')}</p> : null}
          </section>
        ))
      ) : (
        <p>—</p>
      )}
      <h2>
        {t.evidence} ({page.evidence.total})
      </h2>
      {page.evidence.counts.length ? <p>{page.evidence.counts.map((c) => `${c.label[lang]}: ${c.count}`).join(' · ')}</p> : null}
      <ul>
        {page.evidence.items.map((e) => (
          <li key={`${e.recordType}:${e.recordId}`}>
            {e.publicHref ? <a href={publicHref(e.publicHref, lang)}>{e.label}</a> : e.label}
            {e.date ? ` (${fmtDate(e.date, lang)})` : ''}
          </li>
        ))}
      </ul>
      <h2>{t.history}</h2>
      <ol>
        {page.history.map((h, i) => (
          <li key={i}>
            {fmtDate(h.at, lang)}: {h.from ? `${statusLabel(h.from, lang)} → ` : ''}
            {statusLabel(h.to, lang)}
            {h.reason ? ` — ${h.reason}` : ''}
          </li>
        ))}
      </ol>
      <p className="note">
        <strong>{t.rules}:</strong> {STATUS_NOTE[lang]}
      </p>
    </Layout>
  );
}

const CSV_COLUMNS = [
  'id',
  'mechanism',
  'cycle',
  'document',
  'paragraph',
  'recommending_states',
  'text_en',
  'text_vi',
  'position',
  'position_source',
  'themes',
  'affected_persons',
  'sdg_targets',
  'action_category',
  'status',
  'lead_agency',
  'co_implementers',
  'evidence_count',
  'fictional',
];
/* eslint-disable @typescript-eslint/no-base-to-string -- cells are the open-data row's strings, numbers and lists */
const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;
};
/* eslint-enable @typescript-eslint/no-base-to-string */
export const openDataRow = (r: Recommendation) => ({
  id: r.id,
  mechanism: r.mechanism,
  cycle: r.cycle,
  document: r.sourceDocument,
  paragraph: r.paragraph,
  recommending_states: r.recommendingStates.join('; '),
  text_en: r.textEn,
  text_vi: r.textVi,
  position: r.position,
  position_source: r.positionSource,
  themes: r.themes.join('; '),
  affected_persons: r.affectedPersons.join('; '),
  sdg_targets: r.sdgTargets.join('; '),
  action_category: r.actionCategory,
  status: r.status,
  lead_agency: r.lead?.name ?? null,
  co_implementers: r.coImplementers.map((c) => c.name).join('; '),
  evidence_count: r.evidenceCount,
  fictional: r.fictional,
});

export function recommendationPortalRoutes(app: FastifyInstance, deps: Omit<NewsroomDeps, 'origin'>) {
  const { db, ctx, sendPage, securityHeaders, notFound } = deps;
  for (const lang of ['vi', 'en'] as const) {
    app.get(BASE[lang], async (req, reply) => {
      const filter = parseTrackerFilter(req.query);
      const [facets, list, namedRows, t6] = await Promise.all([
        listFacets(db),
        listRecommendations(db, toQuery(filter)),
        rows<{ id: number }>(
          db,
          sql`select id from recommendations where mechanism = 'upr' and cycle = 'UPR-III' and source_document = ${NAMED[0].sourceDocument} and paragraph in ${NAMED.map((n) => n.paragraph)} order by paragraph`,
        ),
        rows<{ done: number; n: number }>(
          db,
          sql`select count(*) filter (where status = 'implemented')::int as done, count(*)::int as n from recommendations
          where (communication and position in ('supported', 'supported_in_part')) or (mechanism = 'upr' and cycle = 'UPR-III' and paragraph in ${NAMED.map((n) => n.paragraph)})`,
        ),
      ]);
      const named = await Promise.all(namedRows.map((x) => getRecommendationPage(db, Number(x.id)).then((p) => p.recommendation)));
      const path = BASE[lang] + qstr(filter, filter.page);
      return sendPage(
        reply,
        200,
        <TrackerPage
          ctx={ctx(lang, path, BASE[other(lang)] + qstr(filter, filter.page), filter.page > 1)}
          filter={filter}
          facets={facets}
          items={await withPublicEvidence(db, list.items)}
          total={list.total}
          named={named}
          t6={{ done: Number(t6[0]?.done ?? 0), all: Number(t6[0]?.n ?? 0) }}
        />,
      );
    });
    app.get(`${BASE[lang]}/:id`, async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const id = /^[1-9]\d{0,8}$/.test(req.params.id) ? Number(req.params.id) : null;
      if (!id) return notFound(req, reply);
      let page: RecommendationPage;
      try {
        page = await getRecommendationPage(db, id, { publicOnly: true });
      } catch {
        return notFound(req, reply);
      }
      return sendPage(
        reply,
        200,
        <RecommendationPublicPage ctx={ctx(lang, `${BASE[lang]}/${id}`, `${BASE[other(lang)]}/${id}`)} page={page} />,
      );
    });
    for (const fmt of ['csv', 'json'] as const) {
      app.get(`${DATA[lang]}.${fmt}`, async (req, reply) => {
        const filter = parseTrackerFilter(req.query);
        const all: Recommendation[] = [];
        for (let offset = 0; offset < EXPORT_MAX; offset += 500) {
          const r = await listRecommendations(db, { ...toQuery(filter), limit: 500, offset });
          all.push(...r.items);
          if (r.items.length < 500) break;
        }
        const data = (await withPublicEvidence(db, all)).map(openDataRow);
        securityHeaders(reply)
          .header('cache-control', 'public, max-age=300')
          .header('access-control-allow-origin', '*')
          .header('content-disposition', `attachment; filename="recommendations.${fmt}"`);
        if (fmt === 'json')
          return reply
            .type('application/json; charset=utf-8')
            .send(JSON.stringify({ count: data.length, licence: 'CC BY 4.0', recommendations: data }));
        return reply
          .type('text/csv; charset=utf-8')
          .send(
            '\uFEFF' +
              [CSV_COLUMNS.join(','), ...data.map((d) => CSV_COLUMNS.map((c) => csvCell(d[c as keyof typeof d])).join(','))].join('\r\n') +
              '\r\n',
          );
      });
    }
  }
}
