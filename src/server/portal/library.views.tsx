/**
 * The public library's pages: the list (GET search form with facet counts, browse links, sort, pagination) and a
 * product (facts in the page language, titles and descriptions in every language, book fields, files, language
 * versions and related products, a citation, schema.org JSON-LD) or its tombstone. Static HTML, no client script.
 */
import type { ReactNode } from 'react';
import type { Channel, ProductKind, PublicProduct } from '../../shared/contracts/library.js';
import type { Facets } from '../modules/library/library.search.js';
import { productFileThumbnailUrl, productFileUrl } from '../modules/library/library.files.js';
import { fileKind, formatDate, formatSize } from './newsroom.text.js';
import {
  audienceLabel, bcp47, channelLabel, citation, kindLabel, LIB, licenceUrl, orgDisplayName, pickText,
} from './library.text.js';
import { abs, Layout, type PageContext } from './portal.views.js';
import type { Lang } from './programme.js';
import { formatNumber } from './portal.text.js';

export type LibrarySort = 'relevance' | 'date' | 'title';

export interface LibraryFilter {
  q: string;
  kind?: ProductKind;
  /** A content language (ISO 639-3). */
  lang?: string;
  channel?: Channel;
  audience?: number;
  topic?: string;
  org?: number;
  year?: number;
  /** Absent: relevance with search words, else newest first. */
  sort?: LibrarySort;
  page: number;
}

type FilterKey = 'kind' | 'lang' | 'channel' | 'audience' | 'topic' | 'org' | 'year';

/** The filter's query string (page 1 and the default sort omitted), so links, the form and feeds agree. */
export function filterQuery(f: LibraryFilter, opts: { page?: number; feed?: boolean } = {}): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.kind) p.set('kind', f.kind);
  if (f.lang) p.set('lang', f.lang);
  if (f.channel) p.set('channel', f.channel);
  if (f.audience) p.set('audience', String(f.audience));
  if (f.topic) p.set('topic', f.topic);
  if (f.org) p.set('org', String(f.org));
  if (f.year) p.set('year', String(f.year));
  if (!opts.feed) {
    if (f.sort) p.set('sort', f.sort);
    const page = opts.page ?? f.page;
    if (page > 1) p.set('page', String(page));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const listHref = (lang: Lang, f: LibraryFilter, page = f.page) => LIB[lang].base + filterQuery(f, { page });
/** The list with one filter set (or removed with `undefined`), the rest kept, from page 1. */
const withFilter = (lang: Lang, f: LibraryFilter, key: FilterKey, value: string | number | undefined) =>
  listHref(lang, { ...f, [key]: value, page: 1 }, 1);
/** The list filtered by one value only (browse links on a product page). */
const only = (lang: Lang, key: FilterKey, value: string | number) => withFilter(lang, { q: '', page: 1 }, key, value);

export const productPath = (lang: Lang, id: number) => `${LIB[lang].base}/${id}`;
/** A lang attribute only when the text's language differs from the page's. */
const langAttr = (iso3: string, lang: Lang) => (bcp47(iso3) === lang ? undefined : bcp47(iso3));
const dateOf = (d: string, lang: Lang) => formatDate(`${d}T12:00:00+07:00`, lang);
const isHttp = (u: string | null | undefined): u is string => Boolean(u && /^https?:\/\//i.test(u));

export type LanguageNames = Map<string, { nameVi: string; nameEn: string }>;
const languageName = (names: LanguageNames, code: string, lang: Lang) => {
  const n = names.get(code);
  return n ? (lang === 'en' ? n.nameEn : n.nameVi) : code;
};

// ---------------------------------------------------------------- the list

function Pagination({ lang, filter, pages }: { lang: Lang; filter: LibraryFilter; pages: number }) {
  if (pages <= 1) return null;
  const t = LIB[lang];
  const cur = filter.page;
  const shown = [...new Set([1, cur - 2, cur - 1, cur, cur + 1, cur + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return (
    <nav className="pagination" aria-label={t.pagination}>
      <ul>
        {cur > 1 ? <li><a href={listHref(lang, filter, cur - 1)} rel="prev">{t.prev}</a></li> : null}
        {shown.map((n, i) => (
          <li key={n}>
            {i > 0 && n - shown[i - 1]! > 1 ? <span className="gap" aria-hidden="true">…</span> : null}
            <a href={listHref(lang, filter, n)} aria-current={n === cur ? 'page' : undefined} aria-label={t.page(n)}>{n}</a>
          </li>
        ))}
        {cur < pages ? <li><a href={listHref(lang, filter, cur + 1)} rel="next">{t.next}</a></li> : null}
      </ul>
    </nav>
  );
}

export function FeedLinks({ lang, filter }: { lang: Lang; filter?: LibraryFilter }) {
  const t = LIB[lang];
  const q = filter ? filterQuery(filter, { feed: true }) : '';
  return (
    <p className="feeds">
      {t.feeds}: <a href={`${t.base}/rss.xml${q}`} type="application/rss+xml">RSS</a>
      {' · '}<a href={`${t.base}/atom.xml${q}`} type="application/atom+xml">Atom</a>
      {' · '}<a href={`${t.base}/feed.json${q}`} type="application/feed+json">JSON Feed</a>
    </p>
  );
}

type Option = { value: string; label: string; count?: number; about?: boolean };
/** A facet count as shown: "khoảng 1.200" / "about 1,200" when the search estimated it. */
const countText = (lang: Lang, o: Option) => `${o.about ? `${LIB[lang].about} ` : ''}${formatNumber(o.count ?? 0, lang)}`;

/** A select of facet values with their counts; the chosen value stays listed even when nothing else matches it. */
function FacetSelect(props: { lang: Lang; id: string; name: string; label: string; value: string; options: Option[] }) {
  const { lang, id, name, label, value } = props;
  const all = LIB[lang].all;
  const options = value && !props.options.some((o) => o.value === value) ? [...props.options, { value, label: value, count: 0 }] : props.options;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <option value="">{all}</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.count === undefined ? o.label : `${o.label} (${countText(lang, o)})`}</option>)}
      </select>
    </div>
  );
}

/** Facet options in the page language, from the search's counts. */
export function facetOptions(facets: Facets, lang: Lang) {
  const about = !!facets.estimated;
  return {
    kind: facets.kind.map((f) => ({ value: f.value, label: kindLabel(f.value, lang), count: f.count, about })),
    lang: facets.language.map((f) => ({ value: f.value, label: lang === 'en' ? f.nameEn : f.nameVi, count: f.count, about })),
    channel: facets.channel.map((f) => ({ value: f.value, label: channelLabel(f.value, lang), count: f.count, about })),
    audience: facets.audience.map((f) => ({ value: String(f.value), label: audienceLabel(f.value, lang), count: f.count, about })),
    topic: facets.topic.map((f) => ({ value: f.value, label: lang === 'en' ? f.nameEn : f.nameVi, count: f.count, about })),
    org: facets.organisation.map((f) => ({ value: String(f.value), label: orgDisplayName(f.nameVi, f.nameEn, lang), count: f.count, about })),
    year: facets.year.map((f) => ({ value: String(f.value), label: String(f.value), count: f.count, about })),
  } satisfies Record<FilterKey, Option[]>;
}

/** One browse group: every value a link (with its count) that sets the filter; the chosen one shown with a link
 *  that removes it. */
function BrowseGroup(props: { lang: Lang; filter: LibraryFilter; name: FilterKey; heading: string; options: Option[]; limit?: number }) {
  const { lang, filter, name, heading, options, limit = 12 } = props;
  const t = LIB[lang];
  const chosen = filter[name] === undefined ? '' : String(filter[name]);
  if (!options.length && !chosen) return null;
  const shown = options.slice(0, limit);
  if (chosen && !shown.some((o) => o.value === chosen)) shown.push(options.find((o) => o.value === chosen) ?? { value: chosen, label: chosen, count: 0 });
  const id = `browse-${name}`;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      <ul>
        {shown.map((o) => (
          <li key={o.value}>
            {o.value === chosen ? (
              <>
                <strong aria-current="true">{o.label}</strong> ({countText(lang, o)}){' '}
                <a href={withFilter(lang, filter, name, undefined)} className="unselect">{t.unselect}<span className="visually-hidden">: {o.label}</span></a>
              </>
            ) : (
              <><a href={withFilter(lang, filter, name, o.value)}>{o.label}</a> ({countText(lang, o)})</>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function LibraryListPage(props: {
  ctx: PageContext; filter: LibraryFilter; facets: Facets; products: PublicProduct[]; total: number; estimated?: boolean; pageSize: number; maxPage: number;
}) {
  const { ctx, filter, facets, products, total, estimated = false, pageSize, maxPage } = props;
  const { lang } = ctx;
  const t = LIB[lang];
  const pages = Math.min(maxPage, Math.max(1, Math.ceil(total / pageSize)));
  const opts = facetOptions(facets, lang);
  const orgNames = new Map(facets.organisation.map((o) => [o.value, orgDisplayName(o.nameVi, o.nameEn, lang)]));
  const filtered = Boolean(filter.q || filter.kind || filter.lang || filter.channel || filter.audience || filter.topic || filter.org || filter.year || filter.sort);
  const heading = filter.page > 1 ? `${t.title} — ${t.pageOf(filter.page, pages)}` : t.title;
  const sort = filter.sort ?? (filter.q ? 'relevance' : 'date');
  return (
    <Layout ctx={ctx} title={heading} current="library">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>

      <form className="news-filters library-filters" method="get" action={t.base} role="search" aria-labelledby="filters-h">
        <h2 id="filters-h">{t.filters}</h2>
        <div className="fields">
          <div className="field field-q">
            <label htmlFor="f-q">{t.search}</label>
            <input id="f-q" name="q" type="search" defaultValue={filter.q} maxLength={200} aria-describedby="f-q-hint" />
            <p id="f-q-hint" className="hint">{t.searchHint}</p>
          </div>
          <FacetSelect lang={lang} id="f-kind" name="kind" label={t.kind} value={filter.kind ?? ''} options={opts.kind} />
          <FacetSelect lang={lang} id="f-lang" name="lang" label={t.language} value={filter.lang ?? ''} options={opts.lang} />
          <FacetSelect lang={lang} id="f-channel" name="channel" label={t.channel} value={filter.channel ?? ''} options={opts.channel} />
          <FacetSelect lang={lang} id="f-audience" name="audience" label={t.audience} value={filter.audience ? String(filter.audience) : ''} options={opts.audience} />
          <FacetSelect lang={lang} id="f-topic" name="topic" label={t.topic} value={filter.topic ?? ''} options={opts.topic} />
          <FacetSelect lang={lang} id="f-org" name="org" label={t.organisation} value={filter.org ? String(filter.org) : ''} options={opts.org} />
          <FacetSelect lang={lang} id="f-year" name="year" label={t.year} value={filter.year ? String(filter.year) : ''} options={opts.year} />
          <div className="field">
            <label htmlFor="f-sort">{t.sort}</label>
            <select id="f-sort" name="sort" defaultValue={sort}>
              {(['relevance', 'date', 'title'] as const).map((s) => <option key={s} value={s}>{t.sorts[s]}</option>)}
            </select>
          </div>
        </div>
        <p className="actions">
          <button type="submit">{t.apply}</button>
          {filtered ? <a href={t.base}>{t.reset}</a> : null}
        </p>
      </form>

      <div className="library-layout">
        <div className="library-results">
          <h2 id="results-h">{estimated ? t.resultsAbout(total) : t.results(total)}{filter.page > 1 ? ` — ${t.pageOf(filter.page, pages)}` : ''}</h2>
          {products.length === 0 ? <p className="notice">{t.none}</p> : (
            <ol className="news-list library-list" aria-labelledby="results-h">
              {products.map((p) => <ListEntry key={p.id} p={p} lang={lang} orgName={orgNames.get(p.organisationId) ?? p.organisationName} />)}
            </ol>
          )}
          <Pagination lang={lang} filter={filter} pages={pages} />
          <FeedLinks lang={lang} filter={filter} />
        </div>
        <nav className="library-browse" aria-labelledby="browse-h">
          <h2 id="browse-h">{t.browse}</h2>
          <p className="hint">{t.browseLead}</p>
          <BrowseGroup lang={lang} filter={filter} name="kind" heading={t.kind} options={opts.kind} />
          <BrowseGroup lang={lang} filter={filter} name="topic" heading={t.topic} options={opts.topic} limit={20} />
          <BrowseGroup lang={lang} filter={filter} name="lang" heading={t.language} options={opts.lang} />
          <BrowseGroup lang={lang} filter={filter} name="audience" heading={t.audience} options={opts.audience} />
          <BrowseGroup lang={lang} filter={filter} name="year" heading={t.year} options={opts.year} />
        </nav>
      </div>
    </Layout>
  );
}

const excerpt = (s: string, max = 280) => (s.length > max ? `${s.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : s);

function ListEntry({ p, lang, orgName }: { p: PublicProduct; lang: Lang; orgName: string }) {
  const text = pickText(p, lang);
  const thumb = p.files.find((f) => f.hasThumbnail);
  const desc = text.description ?? p.texts.find((x) => x.description)?.description ?? null;
  const descLang = text.description ? text.language : p.texts.find((x) => x.description)?.language ?? text.language;
  return (
    <li>
      {thumb ? <img className="thumb" src={productFileThumbnailUrl(thumb.id)} alt="" loading="lazy" /> : null}
      <h3 lang={langAttr(text.language, lang)}><a href={productPath(lang, p.id)}>{text.title}</a></h3>
      <p className="news-meta">
        {kindLabel(p.kind, lang)}{' · '}{orgName}{' · '}<time dateTime={p.date}>{dateOf(p.date, lang)}</time>
        {p.languages.length ? <>{' · '}{p.languages.map((l) => (lang === 'en' ? l.nameEn : l.nameVi)).join(', ')}</> : null}
      </p>
      {desc ? <p className="summary" lang={langAttr(descLang, lang)}>{excerpt(desc)}</p> : null}
    </li>
  );
}

// ---------------------------------------------------------------- a product

export interface RelatedEntry {
  id: number; title: string; titleLang: string; languages: string[]; status: string; label: string;
  /** The language that sets it apart from the product on the page (ISO 639-3), for hreflang. */
  hrefLang: string;
}

/** What a product page shows besides the product: its organisation's name, related products (loaded), the first
 *  and the re-published edition, and the language names. */
export interface ProductExtras {
  orgName: string;
  languageVersions: RelatedEntry[];
  related: RelatedEntry[];
  editionOf: RelatedEntry | null;
  firstEdition: RelatedEntry | null;
  names: LanguageNames;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return <><dt>{label}</dt><dd>{children}</dd></>;
}

function RelatedLink({ r, lang, names }: { r: RelatedEntry; lang: Lang; names: LanguageNames }) {
  const t = LIB[lang];
  return (
    <>
      <a href={productPath(lang, r.id)} lang={langAttr(r.titleLang, lang)} hrefLang={bcp47(r.hrefLang)}>{r.title}</a>
      {r.languages.length ? <> ({r.languages.map((c) => languageName(names, c, lang)).join(', ')})</> : null}
      {r.status === 'withdrawn' ? <> — <span className="badge">{t.withdrawnBadge}</span></> : null}
    </>
  );
}

export function ProductPage(props: { ctx: PageContext; product: PublicProduct; extras: ProductExtras }) {
  const { ctx, product: p, extras } = props;
  const { lang } = ctx;
  const t = LIB[lang];
  const text = pickText(p, lang);
  const titleLang = langAttr(text.language, lang);

  if (p.status === 'withdrawn') {
    return (
      <Layout ctx={ctx} title={t.withdrawnTitle} current="library">
        <p className="eyebrow">{t.withdrawnTitle}</p>
        <h1 lang={titleLang}>{text.title}</h1>
        <p className="news-meta">
          {kindLabel(p.kind, lang)}{' · '}{extras.orgName}{' · '}<time dateTime={p.date}>{dateOf(p.date, lang)}</time>
        </p>
        <div className="notice tombstone">
          <p>{t.withdrawnOn} {p.withdrawnAt ? <time dateTime={p.withdrawnAt}>{formatDate(p.withdrawnAt, lang)}</time> : null}.</p>
          {p.withdrawalReason ? <p><strong>{t.reason}:</strong> {p.withdrawalReason}</p> : null}
        </div>
        <p><a href={t.base}>{t.backToLibrary}</a></p>
      </Layout>
    );
  }

  const others = p.texts.filter((x) => x !== text);
  const licenceHref = licenceUrl(p.licence);
  const cite = citation(p, lang, extras.orgName, abs(ctx, productPath(lang, p.id)));
  const relGroups = groupBy(extras.related, (r) => r.label);
  return (
    <Layout ctx={ctx} title={text.title} current="library">
      <article className="product" aria-labelledby="product-title">
        <p className="eyebrow">{kindLabel(p.kind, lang)}</p>
        <h1 id="product-title" lang={titleLang}>{text.title}</h1>
        {text.description ? <p className="lead product-description" lang={titleLang}>{text.description}</p> : null}

        <dl className="item-facts product-facts">
          <Fact label={t.kind}><a href={only(lang, 'kind', p.kind)}>{kindLabel(p.kind, lang)}</a></Fact>
          <Fact label={t.organisation}><a href={only(lang, 'org', p.organisationId)}>{extras.orgName}</a></Fact>
          <Fact label={t.date}><time dateTime={p.date}>{dateOf(p.date, lang)}</time> (<a href={only(lang, 'year', Number(p.date.slice(0, 4)))}>{p.date.slice(0, 4)}</a>)</Fact>
          {p.languages.length ? (
            <Fact label={t.languages}>
              <ul className="inline">
                {p.languages.map((l) => <li key={l.code}><a href={only(lang, 'lang', l.code)}>{lang === 'en' ? l.nameEn : l.nameVi}</a></li>)}
              </ul>
            </Fact>
          ) : null}
          <Fact label={t.channel}><a href={only(lang, 'channel', p.channel)}>{channelLabel(p.channel, lang)}</a></Fact>
          {p.audiences.length ? (
            <Fact label={t.audience}>
              <ul className="plain">
                {p.audiences.map((a) => <li key={a}><a href={only(lang, 'audience', a)}>{audienceLabel(a, lang)}</a></li>)}
              </ul>
            </Fact>
          ) : null}
          {p.topics.length ? (
            <Fact label={t.topic}>
              <ul className="inline">
                {p.topics.map((x) => <li key={x.code}><a href={only(lang, 'topic', x.code)}>{lang === 'en' ? x.nameEn : x.nameVi}</a></li>)}
              </ul>
            </Fact>
          ) : null}
          {p.book?.isbnHyphenated ? <Fact label={t.isbn}><span className="isbn">{p.book.isbnHyphenated}</span></Fact> : null}
          {p.book?.publisher ? <Fact label={t.publisher}>{p.book.publisher}</Fact> : null}
          {p.book?.year ? <Fact label={t.bookYear}>{p.book.year}</Fact> : null}
          {p.book?.pages ? <Fact label={t.pages}>{t.pagesValue(p.book.pages)}</Fact> : null}
          {p.book ? (
            <Fact label={t.edition}>
              {extras.editionOf
                ? <>{t.republicationOf}{' '}<RelatedLink r={extras.editionOf} lang={lang} names={extras.names} /></>
                : p.book.edition === 'republication' ? t.republication : t.firstEdition}
              {extras.firstEdition && extras.firstEdition.id !== extras.editionOf?.id ? (
                <>{'; '}{t.firstEditionLink}: <RelatedLink r={extras.firstEdition} lang={lang} names={extras.names} /></>
              ) : null}
            </Fact>
          ) : null}
          {p.rights ? <Fact label={t.rights}>{p.rights}</Fact> : null}
          {p.licence ? <Fact label={t.licence}>{licenceHref ? <a href={licenceHref} rel="license">{p.licence}</a> : p.licence}</Fact> : null}
          {isHttp(p.url) ? <Fact label={t.online}><a href={p.url} rel="noopener noreferrer" className="url">{p.url}</a></Fact> : null}
          {p.publishedAt ? <Fact label={t.publishedOn}><time dateTime={p.publishedAt}>{formatDate(p.publishedAt, lang)}</time></Fact> : null}
        </dl>

        {others.length ? (
          <section aria-labelledby="texts-h" className="product-texts">
            <h2 id="texts-h">{t.otherTitles}</h2>
            {others.map((x) => (
              <section key={x.language}>
                <h3>{languageName(extras.names, x.language, lang)}</h3>
                <p className="other-title" lang={langAttr(x.language, lang)}>{x.title}</p>
                {x.description ? <p lang={langAttr(x.language, lang)}>{x.description}</p> : null}
              </section>
            ))}
          </section>
        ) : null}

        {p.files.length ? (
          <section aria-labelledby="files-h" className="product-files">
            <h2 id="files-h">{t.files}</h2>
            <ul>
              {p.files.map((f) => (
                <li key={f.id}>
                  {f.hasThumbnail ? (
                    <a href={productFileUrl(f.id)} className="thumb-link">
                      <img className="thumb" src={productFileThumbnailUrl(f.id)} alt={f.caption || text.title} loading="lazy" />
                    </a>
                  ) : null}
                  <span className="file-info">
                    <a href={productFileUrl(f.id)} download={f.filename} type={f.mediaType.split(';')[0]}>{t.download}: {f.filename}</a>{' '}
                    ({fileKind(f.mediaType)}, {formatSize(f.size, lang)}){f.caption ? <> — {f.caption}</> : null}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {extras.languageVersions.length ? (
          <section aria-labelledby="versions-h">
            <h2 id="versions-h">{t.languageVersions}</h2>
            <ul>
              {extras.languageVersions.map((r) => (
                <li key={r.id}>{r.label}: <RelatedLink r={r} lang={lang} names={extras.names} /></li>
              ))}
            </ul>
          </section>
        ) : null}

        {extras.related.length ? (
          <section aria-labelledby="related-h">
            <h2 id="related-h">{t.related}</h2>
            <dl className="item-facts">
              {[...relGroups].map(([label, list]) => (
                <Fact key={label} label={label}>
                  <ul className="plain">{list.map((r) => <li key={r.id}><RelatedLink r={r} lang={lang} names={extras.names} /></li>)}</ul>
                </Fact>
              ))}
            </dl>
          </section>
        ) : null}

        <section aria-labelledby="citation-h" className="product-citation">
          <h2 id="citation-h">{t.citation}</h2>
          <p className="hint" id="citation-hint">{t.citationHint}</p>
          <p className="citation" id="citation" aria-describedby="citation-hint">{cite}</p>
        </section>
      </article>
      <p><a href={t.base}>{t.backToLibrary}</a></p>
      <FeedLinks lang={lang} />
    </Layout>
  );
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

// ---------------------------------------------------------------- schema.org

const SCHEMA_TYPE: Record<ProductKind, string> = {
  book: 'Book', video: 'VideoObject', audio: 'AudioObject', photo: 'ImageObject', infographic: 'ImageObject',
  news_article: 'NewsArticle', periodical_article: 'Article',
  archival_document: 'CreativeWork', exhibition_catalogue: 'CreativeWork', social_media_post: 'CreativeWork', web_page: 'CreativeWork', other: 'CreativeWork',
};
export const schemaType = (k: ProductKind) => SCHEMA_TYPE[k] ?? 'CreativeWork';

/** The product as a schema.org node of the type fitting its kind, with absolute URLs. */
export function productLd(ctx: PageContext, p: PublicProduct, extras: Pick<ProductExtras, 'orgName' | 'languageVersions' | 'firstEdition'>) {
  const { lang } = ctx;
  const type = schemaType(p.kind);
  const url = abs(ctx, productPath(lang, p.id));
  const text = pickText(p, lang);
  const org = { '@type': 'Organization', name: extras.orgName };
  const files = p.files.map((f) => ({
    '@type': 'MediaObject', name: f.caption || f.filename, contentUrl: abs(ctx, productFileUrl(f.id)), encodingFormat: f.mediaType, contentSize: `${f.size} B`,
  }));
  const licence = licenceUrl(p.licence) ?? p.licence ?? undefined;
  const media = p.files.find((f) => (type === 'VideoObject' ? f.mediaType.startsWith('video/') : type === 'AudioObject' ? f.mediaType.startsWith('audio/') : f.mediaType.startsWith('image/')));
  const thumb = p.files.find((f) => f.hasThumbnail);
  const node: Record<string, unknown> = {
    '@type': type,
    '@id': `${url}#product`,
    url,
    mainEntityOfPage: url,
    name: text.title,
    ...(p.texts.length > 1 ? { alternateName: p.texts.filter((x) => x !== text).map((x) => x.title) } : {}),
    ...(text.description ? { description: text.description } : {}),
    inLanguage: p.languages.length === 1 ? bcp47(p.languages[0]!.code) : p.languages.map((l) => bcp47(l.code)),
    datePublished: p.date,
    ...(p.book?.year && p.book.year !== Number(p.date.slice(0, 4)) ? { copyrightYear: p.book.year } : {}),
    author: org,
    publisher: p.book?.publisher ? { '@type': 'Organization', name: p.book.publisher } : org,
    ...(licence ? { license: licence } : {}),
    ...(p.rights ? { copyrightNotice: p.rights } : {}),
    ...(isHttp(p.url) ? { sameAs: p.url } : {}),
    genre: kindLabel(p.kind, lang),
    ...(p.topics.length ? { keywords: p.topics.map((x) => (lang === 'en' ? x.nameEn : x.nameVi)), about: p.topics.map((x) => ({ '@type': 'Thing', name: lang === 'en' ? x.nameEn : x.nameVi })) } : {}),
    ...(p.audiences.length ? { audience: p.audiences.map((a) => ({ '@type': 'Audience', audienceType: audienceLabel(a, lang) })) } : {}),
    ...(thumb ? { thumbnailUrl: abs(ctx, productFileThumbnailUrl(thumb.id)) } : {}),
    ...(files.length ? { associatedMedia: files } : {}),
    ...(extras.languageVersions.length ? { workTranslation: extras.languageVersions.map((r) => ({ '@id': `${abs(ctx, productPath(lang, r.id))}#product`, url: abs(ctx, productPath(lang, r.id)), name: r.title })) } : {}),
  };
  if (type === 'Book') {
    Object.assign(node, {
      ...(p.book?.isbn ? { isbn: p.book.isbn } : {}),
      ...(p.book?.pages ? { numberOfPages: p.book.pages } : {}),
      bookEdition: p.book?.edition === 'republication' ? LIB[lang].republication : LIB[lang].firstEdition,
      ...(p.digital ? { bookFormat: 'https://schema.org/EBook' } : {}),
      ...(extras.firstEdition && extras.firstEdition.id !== p.id ? { isBasedOn: abs(ctx, productPath(lang, extras.firstEdition.id)) } : {}),
    });
  } else if (type === 'VideoObject' || type === 'AudioObject' || type === 'ImageObject') {
    Object.assign(node, {
      uploadDate: p.publishedAt ?? p.date,
      ...(media ? { contentUrl: abs(ctx, productFileUrl(media.id)), encodingFormat: media.mediaType } : isHttp(p.url) ? { contentUrl: p.url } : {}),
    });
  } else if (type === 'Article' || type === 'NewsArticle') {
    Object.assign(node, { headline: text.title.length > 110 ? text.title.slice(0, 109) + '…' : text.title });
  }
  return node;
}
