// The public library's list page (library.views.tsx): the GET search form with facet counts, browse links, sort,
// pagination and feed links.
import type { PublicProduct } from '../../shared/contracts/library.js';
import type { Facets } from '../modules/library/library.search.js';
import { productFileThumbnailUrl } from '../modules/library/library.files.js';
import { audienceLabel, channelLabel, kindLabel, LIB, orgDisplayName, pickText } from './library.text.js';
import { FeedLinks, Layout, Pagination, type PageContext } from './portal.views.js';
import type { Lang } from './programme.js';
import { formatNumber } from './portal.text.js';
import { dateOf, type FilterKey, filterQuery, langAttr, type LibraryFilter, listHref, productPath, withFilter } from './library.views.js';

// ---------------------------------------------------------------- the list

export function LibraryFeedLinks({ lang, filter }: { lang: Lang; filter?: LibraryFilter }) {
  const t = LIB[lang];
  return <FeedLinks label={t.feeds} base={t.base} query={filter ? filterQuery(filter, { feed: true }) : ''} />;
}

type Option = { value: string; label: string; count?: number; about?: boolean };
/** A facet count as shown: "khoảng 1.200" / "about 1,200" when the search estimated it. */
const countText = (lang: Lang, o: Option) => `${o.about ? `${LIB[lang].about} ` : ''}${formatNumber(o.count ?? 0, lang)}`;

/** A select of facet values with their counts; the chosen value stays listed even when nothing else matches it. */
function FacetSelect(props: { lang: Lang; id: string; name: string; label: string; value: string; options: Option[] }) {
  const { lang, id, name, label, value } = props;
  const all = LIB[lang].all;
  const options =
    value && !props.options.some((o) => o.value === value) ? [...props.options, { value, label: value, count: 0 }] : props.options;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.count === undefined ? o.label : `${o.label} (${countText(lang, o)})`}
          </option>
        ))}
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
    org: facets.organisation.map((f) => ({
      value: String(f.value),
      label: orgDisplayName(f.nameVi, f.nameEn, lang),
      count: f.count,
      about,
    })),
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
  if (chosen && !shown.some((o) => o.value === chosen))
    shown.push(options.find((o) => o.value === chosen) ?? { value: chosen, label: chosen, count: 0 });
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
                <a href={withFilter(lang, filter, name, undefined)} className="unselect">
                  {t.unselect}
                  <span className="visually-hidden">: {o.label}</span>
                </a>
              </>
            ) : (
              <>
                <a href={withFilter(lang, filter, name, o.value)}>{o.label}</a> ({countText(lang, o)})
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function LibraryListPage(props: {
  ctx: PageContext;
  filter: LibraryFilter;
  facets: Facets;
  products: PublicProduct[];
  total: number;
  estimated?: boolean;
  pageSize: number;
  maxPage: number;
}) {
  const { ctx, filter, facets, products, total, estimated = false, pageSize, maxPage } = props;
  const { lang } = ctx;
  const t = LIB[lang];
  const pages = Math.min(maxPage, Math.max(1, Math.ceil(total / pageSize)));
  const opts = facetOptions(facets, lang);
  const orgNames = new Map(facets.organisation.map((o) => [o.value, orgDisplayName(o.nameVi, o.nameEn, lang)]));
  const filtered = Boolean(
    filter.q || filter.kind || filter.lang || filter.channel || filter.audience || filter.topic || filter.org || filter.year || filter.sort,
  );
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
            <p id="f-q-hint" className="hint">
              {t.searchHint}
            </p>
          </div>
          <FacetSelect lang={lang} id="f-kind" name="kind" label={t.kind} value={filter.kind ?? ''} options={opts.kind} />
          <FacetSelect lang={lang} id="f-lang" name="lang" label={t.language} value={filter.lang ?? ''} options={opts.lang} />
          <FacetSelect lang={lang} id="f-channel" name="channel" label={t.channel} value={filter.channel ?? ''} options={opts.channel} />
          <FacetSelect
            lang={lang}
            id="f-audience"
            name="audience"
            label={t.audience}
            value={filter.audience ? String(filter.audience) : ''}
            options={opts.audience}
          />
          <FacetSelect lang={lang} id="f-topic" name="topic" label={t.topic} value={filter.topic ?? ''} options={opts.topic} />
          <FacetSelect
            lang={lang}
            id="f-org"
            name="org"
            label={t.organisation}
            value={filter.org ? String(filter.org) : ''}
            options={opts.org}
          />
          <FacetSelect
            lang={lang}
            id="f-year"
            name="year"
            label={t.year}
            value={filter.year ? String(filter.year) : ''}
            options={opts.year}
          />
          <div className="field">
            <label htmlFor="f-sort">{t.sort}</label>
            <select id="f-sort" name="sort" defaultValue={sort}>
              {(['relevance', 'date', 'title'] as const).map((s) => (
                <option key={s} value={s}>
                  {t.sorts[s]}
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

      <div className="library-layout">
        <div className="library-results">
          <h2 id="results-h">
            {estimated ? t.resultsAbout(total) : t.results(total)}
            {filter.page > 1 ? ` — ${t.pageOf(filter.page, pages)}` : ''}
          </h2>
          {products.length === 0 ? (
            <p className="notice">{t.none}</p>
          ) : (
            <ol className="news-list library-list" aria-labelledby="results-h">
              {products.map((p) => (
                <ListEntry key={p.id} p={p} lang={lang} orgName={orgNames.get(p.organisationId) ?? p.organisationName} />
              ))}
            </ol>
          )}
          <Pagination page={filter.page} pages={pages} href={(n) => listHref(lang, filter, n)} t={LIB[lang]} />
          <LibraryFeedLinks lang={lang} filter={filter} />
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
  const descLang = text.description ? text.language : (p.texts.find((x) => x.description)?.language ?? text.language);
  return (
    <li>
      {thumb ? <img className="thumb" src={productFileThumbnailUrl(thumb.id)} alt="" loading="lazy" /> : null}
      <h3 lang={langAttr(text.language, lang)}>
        <a href={productPath(lang, p.id)}>{text.title}</a>
      </h3>
      <p className="news-meta">
        {kindLabel(p.kind, lang)}
        {' · '}
        {orgName}
        {' · '}
        <time dateTime={p.date}>{dateOf(p.date, lang)}</time>
        {p.languages.length ? (
          <>
            {' · '}
            {p.languages.map((l) => (lang === 'en' ? l.nameEn : l.nameVi)).join(', ')}
          </>
        ) : null}
      </p>
      {desc ? (
        <p className="summary" lang={langAttr(descLang, lang)}>
          {excerpt(desc)}
        </p>
      ) : null}
    </li>
  );
}
