/**
 * The newsroom's pages: the list with its GET filter form and pagination, an item (or its tombstone), and
 * the current spokespersons. Static HTML, no client script; every link and form works with JavaScript off.
 */
import type { NewsFacets, NewsItem } from '../modules/press/press.public.js';
import type { PublicSpokesperson } from '../../shared/contracts/press.js';
import { abs, FeedLinks, Layout, Pagination, type PageContext } from './portal.views.js';
import { groupTranslations, type Translation } from './newsroom.group.js';
import { fileKind, formatDate, formatSize, KIND_LABEL, langTag, languageName, NEWS } from './newsroom.text.js';
import type { Lang } from './programme.js';

export interface NewsFilter {
  q: string;
  org?: number;
  topic?: string;
  lang?: string;
  page: number;
}

/** The list URL for a filter (page 1 omitted), so links and the form agree. */
export function listHref(lang: Lang, f: NewsFilter, page = f.page): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.org) p.set('org', String(f.org));
  if (f.topic) p.set('topic', f.topic);
  if (f.lang) p.set('lang', f.lang);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return NEWS[lang].base + (s ? `?${s}` : '');
}

/** A lang attribute for text in another language than the page's (none when it is the page's). */
export const tagIfOther = (iso3: string, lang: Lang) => (langTag(iso3) === lang ? undefined : langTag(iso3));

const orgName = (i: { organisationName: string; organisationNameEn: string | null }, lang: Lang) =>
  (lang === 'en' && i.organisationNameEn) || i.organisationName;
/** An organisation's name, marked Vietnamese where an English page has no English name for it. */
function OrgName({ item, lang }: { item: { organisationName: string; organisationNameEn: string | null }; lang: Lang }) {
  return lang === 'en' && !item.organisationNameEn ? <span lang="vi">{item.organisationName}</span> : <>{orgName(item, lang)}</>;
}

function Meta({ item, lang }: { item: NewsItem; lang: Lang }) {
  const t = NEWS[lang];
  return (
    <p className="news-meta" lang={lang}>
      <a href={listHref(lang, { q: '', org: item.organisationId, page: 1 })}>
        <OrgName item={item} lang={lang} />
      </a>
      {' · '}
      {KIND_LABEL[item.kind][lang]}
      {item.publishedAt ? (
        <>
          {' · '}
          <time dateTime={item.publishedAt}>{formatDate(item.publishedAt, lang)}</time>
        </>
      ) : null}
      {item.language !== (lang === 'vi' ? 'vie' : 'eng') ? (
        <>
          {' · '}
          {languageName(item.language, lang)}
        </>
      ) : null}
      {item.status === 'corrected' ? (
        <>
          {' · '}
          <span className="badge">{t.corrections}</span>
        </>
      ) : null}
    </p>
  );
}

function NewsFeedLinks({ lang, org }: { lang: Lang; org?: number }) {
  const t = NEWS[lang];
  return <FeedLinks label={t.feeds} base={t.base} query={org ? `?org=${org}` : ''} />;
}

export function NewsListPage(props: {
  ctx: PageContext;
  filter: NewsFilter;
  facets: NewsFacets;
  items: NewsItem[];
  /** The listed translations of the items' groups (newsroom.group.ts). */
  translations?: Translation[];
  total: number;
  capped?: boolean;
  pageSize: number;
}) {
  const { ctx, filter, facets, items, translations = [], total, capped = false, pageSize } = props;
  const { lang } = ctx;
  const t = NEWS[lang];
  // A capped total (a search with more hits than were counted) is a lower bound: offer the next page while pages are full.
  const pages = Math.max(1, Math.ceil(total / pageSize), capped && items.length === pageSize ? filter.page + 1 : 0);
  const filtered = Boolean(filter.q || filter.org || filter.topic || filter.lang);
  const heading = filter.page > 1 ? `${t.title} — ${t.pageOf(filter.page, pages)}` : t.title;
  return (
    <Layout ctx={ctx} title={heading} current="news">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <p>
        <a href={`${t.base}/${lang === 'vi' ? 'nguoi-phat-ngon' : 'spokespersons'}`}>{t.spokespersons}</a>
      </p>

      <form className="news-filters" method="get" action={t.base} role="search" aria-labelledby="filters-h">
        <h2 id="filters-h">{t.filters}</h2>
        <div className="fields">
          <div className="field field-q">
            <label htmlFor="f-q">{t.search}</label>
            <input id="f-q" name="q" type="search" defaultValue={filter.q} maxLength={200} aria-describedby="f-q-hint" />
            <p id="f-q-hint" className="hint">
              {t.searchHint}
            </p>
          </div>
          <div className="field">
            <label htmlFor="f-org">{t.organisation}</label>
            <select id="f-org" name="org" defaultValue={filter.org ? String(filter.org) : ''} aria-describedby="f-org-hint">
              <option value="">{t.all}</option>
              {orgOptions(facets, filter.org).map((o) => (
                <option key={o.id} value={o.id}>
                  {(lang === 'en' && o.nameEn) || o.nameVi} ({o.count})
                </option>
              ))}
            </select>
            {facets.organisations.length > ORG_OPTIONS ? (
              <p id="f-org-hint" className="hint">
                {t.organisationsTop(ORG_OPTIONS)}; <a href={organisationsHref(lang)}>{t.organisationsAll(facets.organisations.length)}</a>
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="f-topic">{t.topic}</label>
            <select id="f-topic" name="topic" defaultValue={filter.topic ?? ''}>
              <option value="">{t.all}</option>
              {facets.topics.map((o) => (
                <option key={o.code} value={o.code}>
                  {lang === 'en' ? o.nameEn : o.nameVi}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-lang">{t.language}</label>
            <select id="f-lang" name="lang" defaultValue={filter.lang ?? ''}>
              <option value="">{t.all}</option>
              {facets.languages.map((o) => (
                <option key={o.code} value={o.code}>
                  {languageName(o.code, lang)} ({o.count})
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="actions">
          <button type="submit">{t.apply}</button>
          {filtered ? <a href={t.base}>{t.reset}</a> : null}
        </p>
      </form>

      <h2 id="results-h">
        {capped ? t.resultsMore(total) : t.results(total)}
        {filter.page > 1 ? ` — ${capped ? t.page(filter.page) : t.pageOf(filter.page, pages)}` : ''}
      </h2>
      {items.length === 0 ? (
        <p className="notice">{t.none}</p>
      ) : (
        <ol className="news-list" aria-labelledby="results-h">
          {groupTranslations(items, translations, lang).map(({ item: i, title, others }) => (
            <li key={i.id}>
              <h3>
                <a href={`${t.base}/${title.id}`} lang={tagIfOther(title.language, lang)}>
                  {title.text}
                </a>
              </h3>
              <Meta item={i} lang={lang} />
              {i.summary ? (
                <p className="summary" lang={tagIfOther(i.language, lang)}>
                  {i.summary}
                </p>
              ) : null}
              {others.length ? (
                <p className="news-translations">
                  {t.translations}:{' '}
                  {others.map((x, k) => (
                    <span key={x.id}>
                      {k ? ', ' : null}
                      <a href={`${t.base}/${x.id}`} hrefLang={langTag(x.language)}>
                        {languageName(x.language, lang)}
                      </a>
                    </span>
                  ))}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pagination page={filter.page} pages={pages} href={(n) => listHref(lang, filter, n)} t={NEWS[lang]} />
      <NewsFeedLinks lang={lang} org={filter.org} />
    </Layout>
  );
}

export function newsArticleLd(ctx: PageContext, item: NewsItem) {
  const url = abs(ctx, `${NEWS[ctx.lang].base}/${item.id}`);
  const modified = item.corrections.at(-1)?.at ?? item.publishedAt;
  const org = { '@type': 'GovernmentOrganization', name: orgName(item, ctx.lang) };
  return {
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    url,
    mainEntityOfPage: url,
    headline: item.title.length > 110 ? item.title.slice(0, 109) + '…' : item.title,
    name: item.title,
    ...(item.summary ? { description: item.summary } : {}),
    inLanguage: langTag(item.language),
    datePublished: item.publishedAt,
    dateModified: modified,
    author: org,
    publisher: org,
    articleSection: KIND_LABEL[item.kind][ctx.lang],
    keywords: item.topics.map((x) => (ctx.lang === 'en' ? x.nameEn : x.nameVi)),
  };
}

export function NewsItemPage(props: {
  ctx: PageContext;
  item: NewsItem;
  translations: { id: number; language: string; title: string }[];
  /** The agency's spokespersons on the day of publication. */
  spokespersons?: { id: number; fullName: string; position: string | null; email: string | null; phone: string | null }[];
}) {
  const { ctx, item, translations, spokespersons = [] } = props;
  const { lang } = ctx;
  const t = NEWS[lang];
  const itemLang = langTag(item.language);
  if (item.status === 'withdrawn') {
    return (
      <Layout ctx={ctx} title={t.withdrawnTitle} current="news">
        <p className="eyebrow">{t.withdrawnTitle}</p>
        <h1 lang={itemLang === lang ? undefined : itemLang}>{item.title}</h1>
        <Meta item={item} lang={lang} />
        <div className="notice tombstone">
          <p>
            {t.withdrawnOn} {item.withdrawnAt ? <time dateTime={item.withdrawnAt}>{formatDate(item.withdrawnAt, lang)}</time> : null}.
          </p>
          {item.withdrawalReason ? (
            <p>
              <strong>{t.reason}:</strong> {item.withdrawalReason}
            </p>
          ) : null}
        </div>
        <p>
          <a href={t.base}>{t.backToNews}</a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout ctx={ctx} title={item.title} current="news">
      <article lang={itemLang === lang ? undefined : itemLang} aria-labelledby="item-title">
        <p className="eyebrow">{KIND_LABEL[item.kind][lang]}</p>
        <h1 id="item-title">{item.title}</h1>
        <dl className="item-facts" lang={lang}>
          <dt>{t.organisation}</dt>
          <dd>
            <a href={listHref(lang, { q: '', org: item.organisationId, page: 1 })}>{orgName(item, lang)}</a>
          </dd>
          {spokespersons.length ? (
            <>
              <dt>{t.spokesperson}</dt>
              <dd>
                <ul className="plain">
                  {spokespersons.map((p) => (
                    <li key={p.id} className="item-spokesperson">
                      <span lang="vi">{p.fullName}</span>
                      {p.position ? (
                        <>
                          , <span lang="vi">{p.position}</span>
                        </>
                      ) : null}
                      {p.email ? (
                        <>
                          {' · '}
                          <a href={`mailto:${p.email}`}>{p.email}</a>
                        </>
                      ) : null}
                      {p.phone ? (
                        <>
                          {' · '}
                          <a href={`tel:${p.phone.replace(/[^+0-9]/g, '')}`}>{p.phone}</a>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          <dt>{t.date}</dt>
          <dd>{item.publishedAt ? <time dateTime={item.publishedAt}>{formatDate(item.publishedAt, lang, true)}</time> : null}</dd>
          {item.topics.length ? (
            <>
              <dt>{t.topic}</dt>
              <dd>
                <ul className="inline">
                  {item.topics.map((x) => (
                    <li key={x.code}>
                      <a href={listHref(lang, { q: '', topic: x.code, page: 1 })}>{lang === 'en' ? x.nameEn : x.nameVi}</a>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          <dt>{t.language}</dt>
          <dd>{languageName(item.language, lang)}</dd>
        </dl>
        {item.corrections.length ? (
          <section className="corrections" aria-labelledby="corrections-h" lang={lang}>
            <h2 id="corrections-h">{t.corrections}</h2>
            <p>{t.correctedLead}</p>
            <ul>
              {item.corrections.map((c, i) => (
                <li key={i}>
                  <strong>
                    {t.correctedOn} <time dateTime={c.at}>{formatDate(c.at, lang, true)}</time>:
                  </strong>{' '}
                  {c.note}
                  {c.changed.length ? (
                    <>
                      {' '}
                      ({t.changedFields}: {c.changed.map((f) => t.fieldNames[f]).join(', ')})
                    </>
                  ) : null}
                  {c.previous?.title !== undefined ? (
                    <p className="previous-title">
                      {t.previousTitle}: <q lang={itemLang === lang ? undefined : itemLang}>{c.previous.title}</q>
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {item.summary ? <p className="lead">{item.summary}</p> : null}
        {/* bodyHtml is sanitised by the press service (kernel/html.ts allow-list) before it is stored, and
            never written any other way; that is the only reason it may be inserted as HTML here. */}
        <div className="item-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
        {item.attachments.length ? (
          <section className="attachments" aria-labelledby="attachments-h" lang={lang}>
            <h2 id="attachments-h">{t.attachments}</h2>
            <ul>
              {item.attachments.map((a) => (
                <li key={a.id}>
                  <a href={a.url} download={a.filename} type={a.mediaType.split(';')[0]}>
                    {a.filename}
                  </a>{' '}
                  ({fileKind(a.mediaType)}, {formatSize(a.size, lang)}){a.caption ? <> — {a.caption}</> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
      {translations.length ? (
        <section aria-labelledby="translations-h">
          <h2 id="translations-h">{t.translations}</h2>
          <ul>
            {translations.map((x) => (
              <li key={x.id}>
                <a href={`${t.base}/${x.id}`} hrefLang={langTag(x.language)} lang={langTag(x.language)}>
                  {x.title}
                </a>{' '}
                ({languageName(x.language, lang)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <a href={t.base}>{t.backToNews}</a>
      </p>
    </Layout>
  );
}

/** The filter offers the organisations with most items (and the one chosen); a page of its own lists them all:
 *  2,000 options made the newsroom page 150 KB. */
export const ORG_OPTIONS = 30;
export const organisationsHref = (lang: Lang) => (lang === 'vi' ? '/tin-tuc/co-quan' : '/en/news/organisations');

function orgOptions(facets: NewsFacets, chosen: number | undefined) {
  const top = [...facets.organisations].sort((a, b) => b.count - a.count || a.id - b.id).slice(0, ORG_OPTIONS);
  const extra = chosen && !top.some((o) => o.id === chosen) ? facets.organisations.filter((o) => o.id === chosen) : [];
  return [...extra, ...top].sort((a, b) => facets.organisations.indexOf(a) - facets.organisations.indexOf(b));
}

/** Every organisation that has published, each linking to its items (and so to its feeds). */
export function OrganisationsPage({ ctx, facets }: { ctx: PageContext; facets: NewsFacets }) {
  const { lang } = ctx;
  const t = NEWS[lang];
  return (
    <Layout ctx={ctx} title={t.organisationsTitle} current="news">
      <h1>{t.organisationsTitle}</h1>
      <p className="lead">{t.organisationsLead}</p>
      <ul className="org-list">
        {facets.organisations.map((o) => (
          <li key={o.id}>
            <a href={listHref(lang, { q: '', org: o.id, page: 1 })}>{(lang === 'en' && o.nameEn) || o.nameVi}</a> ({t.items(o.count)})
          </li>
        ))}
      </ul>
      <p>
        <a href={t.base}>{t.backToNews}</a>
      </p>
    </Layout>
  );
}

export function SpokespersonsPage(props: {
  ctx: PageContext;
  groups: { organisationId: number; nameVi: string; nameEn: string | null; people: PublicSpokesperson[] }[];
}) {
  const { ctx, groups } = props;
  const { lang } = ctx;
  const t = NEWS[lang];
  return (
    <Layout ctx={ctx} title={t.spokespersons} current="news">
      <h1>{t.spokespersons}</h1>
      <p className="lead">{t.spokespersonsLead}</p>
      {groups.length === 0 ? (
        <p className="notice">{t.noSpokespersons}</p>
      ) : (
        <ul className="cards spokes">
          {groups.map((g) => (
            <li key={g.organisationId}>
              <h2>
                <a href={listHref(lang, { q: '', org: g.organisationId, page: 1 })}>{(lang === 'en' && g.nameEn) || g.nameVi}</a>
              </h2>
              {g.people.map((p) => (
                <dl key={p.id}>
                  <dt className="name">{p.fullName}</dt>
                  {p.position ? (
                    <dd>
                      {t.position}: {p.position}
                    </dd>
                  ) : null}
                  {p.email ? (
                    <dd>
                      {t.email}: <a href={`mailto:${p.email}`}>{p.email}</a>
                    </dd>
                  ) : null}
                  {p.phone ? (
                    <dd>
                      {t.phone}: <a href={`tel:${p.phone.replace(/[^0-9+]/g, '')}`}>{p.phone}</a>
                    </dd>
                  ) : null}
                  <dd>
                    {t.since}: <time dateTime={p.validFrom}>{formatDate(`${p.validFrom}T00:00:00+07:00`, lang)}</time>
                  </dd>
                </dl>
              ))}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={t.base}>{t.backToNews}</a>
      </p>
    </Layout>
  );
}
