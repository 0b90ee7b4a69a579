// The public fact-checking desk's reading pages (factchecks.routes.tsx): the list with its filter (parsed from the query), a fact-check with
// its ClaimReview JSON-LD and complaint form, the methodology.
import { COMPLAINT_REPLY_DAYS, type Rating } from '../../shared/contracts/factcheck.js';
import { type PublicFactCheck, type PublicFactCheckRow, type PublicFilter } from '../modules/factcheck/factcheck.public.js';
import { formatDate } from './newsroom.text.js';
import { UI } from './portal.text.js';
import { abs, Layout, queryText, type PageContext } from './portal.views.js';
import type { Lang } from './programme.js';
import { MEANING, other, P, PAGE_SIZE, ratingLabel, T, topicLabel } from './factchecks.text.js';
import { ComplaintForm } from './factchecks.forms.js';

// ---------------------------------------------------------------- filter

export function parseFactCheckFilter(query: unknown, ratingCodes: string[]): PublicFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const rating = queryText(q.rating, 40);
  const topic = queryText(q.topic, 60);
  const page = Number(queryText(q.page, 6));
  return {
    q: queryText(q.q, 200) || undefined,
    rating: ratingCodes.includes(rating) ? rating : undefined,
    topic: /^[a-z0-9_]{1,60}$/.test(topic) ? topic : undefined,
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}
export function qstr(f: PublicFilter, page?: number): string {
  const sp = new URLSearchParams();
  if (f.q) sp.set('q', f.q);
  if (f.rating) sp.set('rating', f.rating);
  if (f.topic) sp.set('topic', f.topic);
  if (page && page > 1) sp.set('page', String(page));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

// ---------------------------------------------------------------- views

function DeskLinks({ lang }: { lang: Lang }) {
  const t = T[lang];
  return (
    <ul className="inline fc-links">
      <li>
        <a href={P.methodology[lang]}>{t.methodology}</a>
      </li>
      <li>
        <a href={P.submit[lang]}>{t.submit}</a>
      </li>
      <li>
        <a href={P.complaints[lang]}>{t.complaints}</a>
      </li>
    </ul>
  );
}

export function ListPage(props: {
  ctx: PageContext;
  filter: PublicFilter;
  ratings: Rating[];
  topics: string[];
  rows: PublicFactCheckRow[];
  total: number;
}) {
  const { ctx, filter, ratings, topics, rows, total } = props;
  const lang = ctx.lang;
  const t = T[lang];
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = Boolean(filter.q || filter.rating || filter.topic);
  return (
    <Layout ctx={ctx} title={filter.page > 1 ? `${t.title} — ${t.page(filter.page, pages)}` : t.title} current="factChecks">
      <h1>{t.title}</h1>
      <p className="lead">{t.intro}</p>
      <DeskLinks lang={lang} />
      <form className="news-filters" method="get" action={P.list[lang]} role="search" aria-labelledby="fc-filters-h">
        <h2 id="fc-filters-h">{t.filters}</h2>
        <div className="fields">
          <div className="field field-q">
            <label htmlFor="fc-q">{t.q}</label>
            <input id="fc-q" name="q" type="search" defaultValue={filter.q ?? ''} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="fc-rating">{t.rating}</label>
            <select id="fc-rating" name="rating" defaultValue={filter.rating ?? ''}>
              <option value="">{t.all}</option>
              {ratings.map((r) => (
                <option key={r.code} value={r.code}>
                  {lang === 'vi' ? r.labelVi : r.labelEn}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="fc-topic">{t.topic}</label>
            <select id="fc-topic" name="topic" defaultValue={filter.topic ?? ''}>
              <option value="">{t.all}</option>
              {topics.map((x) => (
                <option key={x} value={x}>
                  {topicLabel(x, lang)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="actions">
          <button type="submit">{t.apply}</button>
          {filtered ? <a href={P.list[lang]}>{t.reset}</a> : null}
        </p>
      </form>
      <h2 id="fc-results-h">
        {t.results(total)}
        {filter.page > 1 ? ` — ${t.page(filter.page, pages)}` : ''}
      </h2>
      {rows.length === 0 ? (
        <p className="notice">{filtered ? t.none : t.empty}</p>
      ) : (
        <ul className="news-list" aria-labelledby="fc-results-h">
          {rows.map((r) => (
            <li key={r.id}>
              <p className="news-meta">
                <span className={`badge rating rating-${r.ratingCode ?? 'none'}`}>{ratingLabel(ratings, r.ratingCode, lang)}</span>
                {r.publishedAt ? (
                  <>
                    {' '}
                    {t.published} <time dateTime={r.publishedAt}>{formatDate(r.publishedAt, lang)}</time>
                  </>
                ) : null}
                {r.status === 'corrected' ? <> · {t.corrected(r.version)}</> : null}
                {r.topics.length ? <> · {r.topics.map((x) => topicLabel(x, lang)).join(', ')}</> : null}
              </p>
              <h3>
                <a href={`${P.list[lang]}/${r.id}`} lang={r.language}>
                  {r.text}
                </a>
              </h3>
              {r.status === 'withdrawn' && r.withdrawnAt ? (
                <p className="notice">
                  {t.withdrawnBadge}: {t.withdrawnNotice(formatDate(r.withdrawnAt, lang))}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={t.page(filter.page, pages)}>
          <ul>
            {filter.page > 1 ? (
              <li>
                <a href={P.list[lang] + qstr(filter, filter.page - 1)} rel="prev">
                  {t.prev}
                </a>
              </li>
            ) : null}
            <li>
              <span>{t.page(filter.page, pages)}</span>
            </li>
            {filter.page < pages ? (
              <li>
                <a href={P.list[lang] + qstr(filter, filter.page + 1)} rel="next">
                  {t.next}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

/** schema.org ClaimReview of a public fact-check (never of a withdrawn one). */
export function claimReviewLd(ctx: PageContext, fc: PublicFactCheck, url: string) {
  const { claim, rating, appearances } = fc;
  const lang = ctx.lang;
  const lastCorrection = claim.corrections.at(-1);
  const works = appearances.map((a) => ({ '@type': 'CreativeWork', url: a.url, datePublished: a.at }));
  return {
    '@type': 'ClaimReview',
    url,
    claimReviewed: claim.text,
    datePublished: claim.publishedAt ?? undefined,
    ...(claim.status === 'corrected' && lastCorrection ? { dateModified: lastCorrection.correctedAt } : {}),
    author: { '@type': 'Organization', name: `${UI[lang].siteName} — ${T[lang].title}`, url: abs(ctx, P.list[lang]) },
    reviewRating: {
      '@type': 'Rating',
      ...(rating?.ratingValue != null ? { ratingValue: rating.ratingValue } : {}),
      bestRating: 5,
      worstRating: 1,
      alternateName: rating?.alternateName ?? claim.ratingCode,
    },
    itemReviewed: {
      '@type': 'Claim',
      ...(works.length ? { appearance: works, firstAppearance: works[0] } : {}),
    },
    inLanguage: lang,
  };
}

export function FactCheckPage({ ctx, fc, ratings, token }: { ctx: PageContext; fc: PublicFactCheck; ratings: Rating[]; token: string }) {
  const lang = ctx.lang;
  const t = T[lang];
  const { claim } = fc;
  const own = lang === 'vi' ? claim.rationaleVi : claim.rationaleEn;
  const fallback = lang === 'vi' ? claim.rationaleEn : claim.rationaleVi;
  const withdrawn = claim.status === 'withdrawn';
  return (
    <Layout ctx={ctx} title={`${claim.text.slice(0, 80)} — ${t.title}`} current="factChecks">
      <p>
        <a href={P.list[lang]}>← {t.back}</a>
      </p>
      <p className="eyebrow">{t.claim}</p>
      <h1 lang={claim.language}>{claim.text}</h1>
      {withdrawn ? (
        <div className="notice fc-withdrawn" role="note">
          <p>
            <strong>{t.withdrawnBadge}.</strong> {claim.withdrawnAt ? t.withdrawnNotice(formatDate(claim.withdrawnAt, lang)) : null}
          </p>
          {claim.withdrawalReason ? (
            <p>
              {t.reason}: {claim.withdrawalReason}
            </p>
          ) : null}
        </div>
      ) : null}
      <section className={`verdict verdict-${claim.ratingCode ?? 'none'}`} aria-labelledby="fc-verdict-h" data-testid="fc-verdict">
        <h2 id="fc-verdict-h" className="verdict-label">
          {t.rating}
        </h2>
        <p className="verdict-rating">
          <strong className={`rating rating-${claim.ratingCode ?? 'none'}`} data-testid="fc-rating">
            {ratingLabel(ratings, claim.ratingCode, lang)}
          </strong>
        </p>
        {claim.ratingCode && MEANING[claim.ratingCode] ? <p className="verdict-meaning">{MEANING[claim.ratingCode]![lang]}</p> : null}
      </section>
      <dl className="item-facts">
        {claim.publishedAt ? (
          <>
            <dt>{t.published}</dt>
            <dd>
              <time dateTime={claim.publishedAt}>{formatDate(claim.publishedAt, lang)}</time>
            </dd>
          </>
        ) : null}
        {claim.version > 1 ? (
          <>
            <dt>{t.versionLabel}</dt>
            <dd>
              <a href="#fc-corrections-h">{t.lastVersion(claim.version)}</a>
            </dd>
          </>
        ) : null}
        {claim.topics.length ? (
          <>
            <dt>{t.topic}</dt>
            <dd>{claim.topics.map((x) => topicLabel(x, lang)).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="fc-rationale-h">
        <h2 id="fc-rationale-h">{t.rationale}</h2>
        {own ? (
          <p className="fc-text">{own}</p>
        ) : fallback ? (
          <>
            <p className="note">{t.onlyOther}</p>
            <p className="fc-text" lang={other(lang)}>
              {fallback}
            </p>
          </>
        ) : (
          <p>—</p>
        )}
      </section>
      <section aria-labelledby="fc-evidence-h">
        <h2 id="fc-evidence-h">{t.evidence}</h2>
        {claim.evidence.length ? (
          <ol className="fc-evidence">
            {claim.evidence.map((e) => (
              <li key={e.id}>
                <p>
                  <a href={e.url} rel="nofollow noopener noreferrer">
                    {e.title}
                  </a>{' '}
                  <span className="note">
                    ({t.fetched} <time dateTime={e.fetchedAt}>{formatDate(e.fetchedAt, lang)}</time>)
                  </span>
                </p>
                <details>
                  <summary>{t.snapshot}</summary>
                  <blockquote cite={e.url} className="fc-text">
                    {e.snapshot}
                  </blockquote>
                </details>
              </li>
            ))}
          </ol>
        ) : (
          <p>{t.noEvidence}</p>
        )}
      </section>
      <section aria-labelledby="fc-corrections-h" className={claim.corrections.length ? 'corrections' : undefined}>
        <h2 id="fc-corrections-h">{t.corrections}</h2>
        {claim.corrections.length ? (
          <ol>
            {claim.corrections.map((c) => {
              const changedRationale = c.rationaleVi !== c.previousRationaleVi || c.rationaleEn !== c.previousRationaleEn;
              return (
                <li key={c.version}>
                  <strong>{t.version(c.version)}</strong> — <time dateTime={c.correctedAt}>{formatDate(c.correctedAt, lang)}</time>
                  <ul>
                    {c.ratingCode !== c.previousRatingCode ? (
                      <li>{t.ratingChange(ratingLabel(ratings, c.previousRatingCode, lang), ratingLabel(ratings, c.ratingCode, lang))}</li>
                    ) : null}
                    {changedRationale ? <li>{t.rationaleChanged}</li> : null}
                    <li>{c.note}</li>
                  </ul>
                </li>
              );
            })}
          </ol>
        ) : (
          <p>{t.noCorrections}</p>
        )}
      </section>
      {fc.appearances.length ? (
        <section aria-labelledby="fc-appear-h" className="fc-appear">
          <h2 id="fc-appear-h">{t.appearances}</h2>
          <details>
            <summary>{t.appearancesShow(fc.appearances.length)}</summary>
            <ul className="fc-appearances">
              {fc.appearances.map((a) => (
                <li key={a.url}>
                  <span className="url">{a.url}</span> (<time dateTime={a.at}>{formatDate(a.at, lang)}</time>)
                </li>
              ))}
            </ul>
          </details>
        </section>
      ) : null}
      <section aria-labelledby="fc-complain-h" className="fc-complain">
        <h2 id="fc-complain-h">{t.complainAbout}</h2>
        <p>
          {t.complainIntro(COMPLAINT_REPLY_DAYS)} <a href={P.methodology[lang]}>{t.methodology}</a>
        </p>
        <ComplaintForm
          lang={lang}
          token={token}
          values={{ text: '', email: '', consent: false, claimId: claim.id }}
          errors={{}}
          headingId="fc-complain-h"
        />
      </section>
    </Layout>
  );
}

export function MethodologyPage({ ctx, ratings }: { ctx: PageContext; ratings: Rating[] }) {
  const lang = ctx.lang;
  const t = T[lang];
  return (
    <Layout ctx={ctx} title={t.methodology} current="factChecks">
      <p>
        <a href={P.list[lang]}>← {t.back}</a>
      </p>
      <h1>{t.methodology}</h1>
      <p className="lead">{t.standard}</p>
      <h2 id="fc-scale-h">{t.scale}</h2>
      <table className="targets" aria-labelledby="fc-scale-h">
        <thead>
          <tr>
            <th scope="col">{t.scaleLabel}</th>
            <th scope="col">{t.scaleMeaning}</th>
            <th scope="col">{t.scaleFalse}</th>
            <th scope="col">{t.ratingValue}</th>
          </tr>
        </thead>
        <tbody>
          {ratings.map((r) => (
            <tr key={r.code}>
              <th scope="row">
                {lang === 'vi' ? r.labelVi : r.labelEn}{' '}
                <span className="note" lang="en">
                  ({r.alternateName})
                </span>
              </th>
              <td>{MEANING[r.code]?.[lang] ?? ''}</td>
              <td>{r.countsAsFalse ? t.yes : t.no}</td>
              <td>{r.ratingValue ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.process}</h2>
      <ol>
        {t.processSteps.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ol>
      <h2>{t.correctionsPolicy}</h2>
      <p>{t.correctionsText}</p>
      <h2>{t.complaintsPolicy}</h2>
      <p>
        {t.complaintsText(COMPLAINT_REPLY_DAYS)} <a href={P.complaints[lang]}>{t.complaints}</a>
      </p>
      <h2>{t.privacy}</h2>
      <p>{t.privacyText}</p>
      <p>
        <a href={P.submit[lang]}>{t.submit}</a>
      </p>
    </Layout>
  );
}
