/**
 * The public portal's pages as React components, rendered to static HTML on the server.
 * No client script: every page reads and navigates with JavaScript off.
 */
import type { ReactNode } from 'react';
import { DECISION, PROGRAMME_NAME, PURPOSE, SECTIONS, type Lang, type Section } from './programme.js';
import { FOOTER, INFO_PATHS } from './info.text.js';
import { UI } from './portal.text.js';

export interface PageContext {
  lang: Lang;
  /** This page's path and its counterpart in the other language. */
  path: string;
  altPath: string;
  cssHref: string;
  /** Absolute origin for canonical/hreflang/JSON-LD URLs, when the server knows it. */
  baseUrl?: string;
  /** Error pages: not indexed, no canonical. */
  noindex?: boolean;
  /** Feeds announced with <link rel="alternate"> (absolute hrefs). */
  feeds?: { type: string; href: string; title: string }[];
  /** More schema.org nodes for the page's JSON-LD graph (e.g. a NewsArticle). */
  ld?: Record<string, unknown>[];
  /** The demo data is still being loaded in the background (first start): the page says so. */
  demoLoading?: boolean;
}

const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');
const homePath = (lang: Lang) => (lang === 'vi' ? '/' : '/en/');
export const abs = (ctx: PageContext, p: string) => (ctx.baseUrl ? ctx.baseUrl.replace(/\/$/, '') + p : p);

/** A query-string or form value as trimmed text of at most `max` characters (the first of a repeated one; '' when absent). */
export function queryText(v: unknown, max: number): string {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim().slice(0, max) : '';
}

/** JSON inside <script> must not be able to close the element. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function jsonLd(ctx: PageContext, title: string) {
  const { lang } = ctx;
  const site = abs(ctx, homePath(lang));
  return {
    '@context': 'https://schema.org',
    '@graph': [
      {
        '@type': 'WebSite',
        '@id': `${site}#website`,
        url: site,
        name: `${UI[lang].siteName} — ${PROGRAMME_NAME[lang]}`,
        inLanguage: lang,
        description: PURPOSE[lang],
        publisher: { '@id': `${site}#organization` },
      },
      {
        '@type': 'GovernmentOrganization',
        '@id': `${site}#organization`,
        name: PROGRAMME_NAME[lang],
        description: `${UI[lang].approvedBy} ${DECISION[lang]}`,
        areaServed: { '@type': 'Country', name: lang === 'vi' ? 'Việt Nam' : 'Viet Nam' },
      },
      { '@type': 'WebPage', url: abs(ctx, ctx.path), name: title, inLanguage: lang, isPartOf: { '@id': `${site}#website` } },
      ...(ctx.ld ?? []),
    ],
  };
}

/** The words a list's page links need (each section has its own, in both languages). */
export type PaginationText = { pagination: string; prev: string; next: string; page: (n: number) => string };

/** The links to a list's feeds (RSS, Atom, JSON Feed) under `base`, with the list's query (`?…` or ''). */
export function FeedLinks({ label, base, query }: { label: string; base: string; query: string }) {
  return (
    <p className="feeds">
      {label}:{' '}
      <a href={`${base}/rss.xml${query}`} type="application/rss+xml">
        RSS
      </a>
      {' · '}
      <a href={`${base}/atom.xml${query}`} type="application/atom+xml">
        Atom
      </a>
      {' · '}
      <a href={`${base}/feed.json${query}`} type="application/feed+json">
        JSON Feed
      </a>
    </p>
  );
}

/** Page links of a list: the first, the last and two either side of the current page, with previous and next. */
export function Pagination({
  page: cur,
  pages,
  href,
  t,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  t: PaginationText;
}) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, cur - 2, cur - 1, cur, cur + 1, cur + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return (
    <nav className="pagination" aria-label={t.pagination}>
      <ul>
        {cur > 1 ? (
          <li>
            <a href={href(cur - 1)} rel="prev">
              {t.prev}
            </a>
          </li>
        ) : null}
        {shown.map((n, i) => (
          <li key={n}>
            {i > 0 && n - shown[i - 1]! > 1 ? (
              <span className="gap" aria-hidden="true">
                …
              </span>
            ) : null}
            <a href={href(n)} aria-current={n === cur ? 'page' : undefined} aria-label={t.page(n)}>
              {n}
            </a>
          </li>
        ))}
        {cur < pages ? (
          <li>
            <a href={href(cur + 1)} rel="next">
              {t.next}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function Layout(props: { ctx: PageContext; title: string; current?: Section['key']; children: ReactNode }) {
  const { ctx, title, current } = props;
  const { lang } = ctx;
  const t = UI[lang];
  const alt = other(lang);
  const [viPath, enPath] = lang === 'vi' ? [ctx.path, ctx.altPath] : [ctx.altPath, ctx.path];
  const fullTitle = ctx.path === homePath(lang) ? `${t.siteName} — ${PROGRAMME_NAME[lang]}` : `${title} — ${t.siteName}`;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={PURPOSE[lang]} />
        {ctx.noindex ? <meta name="robots" content="noindex" /> : <link rel="canonical" href={abs(ctx, ctx.path)} />}
        {ctx.noindex ? null : (
          <>
            <link rel="alternate" hrefLang="vi" href={abs(ctx, viPath)} />
            <link rel="alternate" hrefLang="en" href={abs(ctx, enPath)} />
            <link rel="alternate" hrefLang="x-default" href={abs(ctx, viPath)} />
          </>
        )}
        {(ctx.feeds ?? []).map((f) => (
          <link key={f.href} rel="alternate" type={f.type} href={f.href} title={f.title} />
        ))}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={ctx.cssHref} />
        {ctx.noindex ? null : <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: safeJson(jsonLd(ctx, fullTitle)) }} />}
      </head>
      <body>
        <a className="skip" href="#main">
          {t.skip}
        </a>
        <header className="site-header">
          <div className="wrap header-row">
            <a className="brand" href={homePath(lang)}>
              <span className="brand-name">{t.siteName}</span>
              <span className="brand-sub">{PROGRAMME_NAME[lang]}</span>
            </a>
            <div className="header-links">
              <a href={ctx.altPath} hrefLang={alt} lang={alt} rel="alternate">
                {t.switchLabel}
              </a>
              <a href="/app/">
                {t.signIn} / <span lang={alt}>{t.signInOther}</span>
              </a>
            </div>
          </div>
          <nav className="wrap site-nav" aria-label={t.navLabel}>
            <ul>
              {SECTIONS.map((s) => (
                <li key={s.key}>
                  <a href={s.path[lang]} aria-current={s.key === current ? 'page' : undefined}>
                    {s.title[lang]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" className="wrap" tabIndex={-1}>
          {ctx.demoLoading ? (
            <p className="notice info" role="status">
              {UI.vi.demoLoading} <span lang="en">{UI.en.demoLoading}</span>
            </p>
          ) : null}
          {props.children}
        </main>
        <footer className="site-footer">
          <div className="wrap footer-cols">
            <nav aria-labelledby="footer-about-h">
              <h2 id="footer-about-h">{FOOTER[lang].heading}</h2>
              <ul className="footer-links">
                {(['contact', 'accessibility', 'privacy'] as const).map((k) => (
                  <li key={k}>
                    <a href={INFO_PATHS[k][lang]} aria-current={ctx.path === INFO_PATHS[k][lang] ? 'page' : undefined}>
                      {FOOTER[lang][k]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div>
              <h2>{t.sources}</h2>
              <ul>
                <li>
                  {t.sourceDecision}
                  {DECISION[lang]}.
                </li>
                <li>
                  {t.mapLicence},{' '}
                  <a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">
                    CC BY-SA 4.0
                  </a>
                  .
                </li>
              </ul>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}

export function SectionPage({ ctx, section }: { ctx: PageContext; section: Section }) {
  const { lang } = ctx;
  const t = UI[lang];
  return (
    <Layout ctx={ctx} title={section.title[lang]} current={section.key}>
      <h1>{section.title[lang]}</h1>
      <p className="lead">{section.summary[lang]}</p>
      <p className="notice">{t.comingSoon}</p>
      <p>
        <a href={homePath(lang)}>{t.backHome}</a>
      </p>
    </Layout>
  );
}

export function NotFoundPage({ ctx }: { ctx: PageContext }) {
  const t = UI[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.notFoundTitle}>
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundText}</p>
      <p>
        <a href={homePath(ctx.lang)}>{t.backHome}</a>
      </p>
    </Layout>
  );
}
