// The public library's product page (library.views.tsx): facts in the page language, titles and descriptions in every
// language, book fields, files, language versions and related products, a citation, schema.org JSON-LD; or its tombstone.
import type { ReactNode } from 'react';
import type { ProductKind, PublicProduct } from '../../shared/contracts/library.js';
import { productFileThumbnailUrl, productFileUrl } from '../modules/library/library.files.js';
import { fileKind, formatDate, formatSize } from './newsroom.text.js';
import { audienceLabel, bcp47, channelLabel, citation, kindLabel, LIB, licenceUrl, pickText } from './library.text.js';
import { abs, Layout, type PageContext } from './portal.views.js';
import type { Lang } from './programme.js';
import { dateOf, isHttp, langAttr, languageName, type LanguageNames, only, productPath } from './library.views.js';
import { LibraryFeedLinks } from './library.list.views.js';

// ---------------------------------------------------------------- a product

export interface RelatedEntry {
  id: number;
  title: string;
  titleLang: string;
  languages: string[];
  status: string;
  label: string;
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
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function RelatedLink({ r, lang, names }: { r: RelatedEntry; lang: Lang; names: LanguageNames }) {
  const t = LIB[lang];
  return (
    <>
      <a href={productPath(lang, r.id)} lang={langAttr(r.titleLang, lang)} hrefLang={bcp47(r.hrefLang)}>
        {r.title}
      </a>
      {r.languages.length ? <> ({r.languages.map((c) => languageName(names, c, lang)).join(', ')})</> : null}
      {r.status === 'withdrawn' ? (
        <>
          {' '}
          — <span className="badge">{t.withdrawnBadge}</span>
        </>
      ) : null}
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
          {kindLabel(p.kind, lang)}
          {' · '}
          {extras.orgName}
          {' · '}
          <time dateTime={p.date}>{dateOf(p.date, lang)}</time>
        </p>
        <div className="notice tombstone">
          <p>
            {t.withdrawnOn} {p.withdrawnAt ? <time dateTime={p.withdrawnAt}>{formatDate(p.withdrawnAt, lang)}</time> : null}.
          </p>
          {p.withdrawalReason ? (
            <p>
              <strong>{t.reason}:</strong> {p.withdrawalReason}
            </p>
          ) : null}
        </div>
        <p>
          <a href={t.base}>{t.backToLibrary}</a>
        </p>
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
        <h1 id="product-title" lang={titleLang}>
          {text.title}
        </h1>
        {text.description ? (
          <p className="lead product-description" lang={titleLang}>
            {text.description}
          </p>
        ) : null}

        <dl className="item-facts product-facts">
          <Fact label={t.kind}>
            <a href={only(lang, 'kind', p.kind)}>{kindLabel(p.kind, lang)}</a>
          </Fact>
          <Fact label={t.organisation}>
            <a href={only(lang, 'org', p.organisationId)}>{extras.orgName}</a>
          </Fact>
          <Fact label={t.date}>
            <time dateTime={p.date}>{dateOf(p.date, lang)}</time> (
            <a href={only(lang, 'year', Number(p.date.slice(0, 4)))}>{p.date.slice(0, 4)}</a>)
          </Fact>
          {p.languages.length ? (
            <Fact label={t.languages}>
              <ul className="inline">
                {p.languages.map((l) => (
                  <li key={l.code}>
                    <a href={only(lang, 'lang', l.code)}>{lang === 'en' ? l.nameEn : l.nameVi}</a>
                  </li>
                ))}
              </ul>
            </Fact>
          ) : null}
          <Fact label={t.channel}>
            <a href={only(lang, 'channel', p.channel)}>{channelLabel(p.channel, lang)}</a>
          </Fact>
          {p.audiences.length ? (
            <Fact label={t.audience}>
              <ul className="plain">
                {p.audiences.map((a) => (
                  <li key={a}>
                    <a href={only(lang, 'audience', a)}>{audienceLabel(a, lang)}</a>
                  </li>
                ))}
              </ul>
            </Fact>
          ) : null}
          {p.topics.length ? (
            <Fact label={t.topic}>
              <ul className="inline">
                {p.topics.map((x) => (
                  <li key={x.code}>
                    <a href={only(lang, 'topic', x.code)}>{lang === 'en' ? x.nameEn : x.nameVi}</a>
                  </li>
                ))}
              </ul>
            </Fact>
          ) : null}
          {p.book?.isbnHyphenated ? (
            <Fact label={t.isbn}>
              <span className="isbn">{p.book.isbnHyphenated}</span>
            </Fact>
          ) : null}
          {p.book?.publisher ? <Fact label={t.publisher}>{p.book.publisher}</Fact> : null}
          {p.book?.year ? <Fact label={t.bookYear}>{p.book.year}</Fact> : null}
          {p.book?.pages ? <Fact label={t.pages}>{t.pagesValue(p.book.pages)}</Fact> : null}
          {p.book ? (
            <Fact label={t.edition}>
              {extras.editionOf ? (
                <>
                  {t.republicationOf} <RelatedLink r={extras.editionOf} lang={lang} names={extras.names} />
                </>
              ) : p.book.edition === 'republication' ? (
                t.republication
              ) : (
                t.firstEdition
              )}
              {extras.firstEdition && extras.firstEdition.id !== extras.editionOf?.id ? (
                <>
                  {'; '}
                  {t.firstEditionLink}: <RelatedLink r={extras.firstEdition} lang={lang} names={extras.names} />
                </>
              ) : null}
            </Fact>
          ) : null}
          {p.rights ? <Fact label={t.rights}>{p.rights}</Fact> : null}
          {p.licence ? (
            <Fact label={t.licence}>
              {licenceHref ? (
                <a href={licenceHref} rel="license">
                  {p.licence}
                </a>
              ) : (
                p.licence
              )}
            </Fact>
          ) : null}
          {isHttp(p.url) ? (
            <Fact label={t.online}>
              <a href={p.url} rel="noopener noreferrer" className="url">
                {p.url}
              </a>
            </Fact>
          ) : null}
          {p.publishedAt ? (
            <Fact label={t.publishedOn}>
              <time dateTime={p.publishedAt}>{formatDate(p.publishedAt, lang)}</time>
            </Fact>
          ) : null}
        </dl>

        {others.length ? (
          <section aria-labelledby="texts-h" className="product-texts">
            <h2 id="texts-h">{t.otherTitles}</h2>
            {others.map((x) => (
              <section key={x.language}>
                <h3>{languageName(extras.names, x.language, lang)}</h3>
                <p className="other-title" lang={langAttr(x.language, lang)}>
                  {x.title}
                </p>
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
                    <a href={productFileUrl(f.id)} download={f.filename} type={f.mediaType.split(';')[0]}>
                      {t.download}: {f.filename}
                    </a>{' '}
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
                <li key={r.id}>
                  {r.label}: <RelatedLink r={r} lang={lang} names={extras.names} />
                </li>
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
                  <ul className="plain">
                    {list.map((r) => (
                      <li key={r.id}>
                        <RelatedLink r={r} lang={lang} names={extras.names} />
                      </li>
                    ))}
                  </ul>
                </Fact>
              ))}
            </dl>
          </section>
        ) : null}

        <section aria-labelledby="citation-h" className="product-citation">
          <h2 id="citation-h">{t.citation}</h2>
          <p className="hint" id="citation-hint">
            {t.citationHint}
          </p>
          <p className="citation" id="citation" aria-describedby="citation-hint">
            {cite}
          </p>
        </section>
      </article>
      <p>
        <a href={t.base}>{t.backToLibrary}</a>
      </p>
      <LibraryFeedLinks lang={lang} />
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
  book: 'Book',
  video: 'VideoObject',
  audio: 'AudioObject',
  photo: 'ImageObject',
  infographic: 'ImageObject',
  news_article: 'NewsArticle',
  periodical_article: 'Article',
  archival_document: 'CreativeWork',
  exhibition_catalogue: 'CreativeWork',
  social_media_post: 'CreativeWork',
  web_page: 'CreativeWork',
  other: 'CreativeWork',
};
export const schemaType = (k: ProductKind) => SCHEMA_TYPE[k] ?? 'CreativeWork';

/** The product as a schema.org node of the type fitting its kind, with absolute URLs. */
export function productLd(
  ctx: PageContext,
  p: PublicProduct,
  extras: Pick<ProductExtras, 'orgName' | 'languageVersions' | 'firstEdition'>,
) {
  const { lang } = ctx;
  const type = schemaType(p.kind);
  const url = abs(ctx, productPath(lang, p.id));
  const text = pickText(p, lang);
  const org = { '@type': 'Organization', name: extras.orgName };
  const files = p.files.map((f) => ({
    '@type': 'MediaObject',
    name: f.caption || f.filename,
    contentUrl: abs(ctx, productFileUrl(f.id)),
    encodingFormat: f.mediaType,
    contentSize: `${f.size} B`,
  }));
  const licence = licenceUrl(p.licence) ?? p.licence ?? undefined;
  const media = p.files.find((f) =>
    type === 'VideoObject'
      ? f.mediaType.startsWith('video/')
      : type === 'AudioObject'
        ? f.mediaType.startsWith('audio/')
        : f.mediaType.startsWith('image/'),
  );
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
    ...(p.topics.length
      ? {
          keywords: p.topics.map((x) => (lang === 'en' ? x.nameEn : x.nameVi)),
          about: p.topics.map((x) => ({ '@type': 'Thing', name: lang === 'en' ? x.nameEn : x.nameVi })),
        }
      : {}),
    ...(p.audiences.length ? { audience: p.audiences.map((a) => ({ '@type': 'Audience', audienceType: audienceLabel(a, lang) })) } : {}),
    ...(thumb ? { thumbnailUrl: abs(ctx, productFileThumbnailUrl(thumb.id)) } : {}),
    ...(files.length ? { associatedMedia: files } : {}),
    ...(extras.languageVersions.length
      ? {
          workTranslation: extras.languageVersions.map((r) => ({
            '@id': `${abs(ctx, productPath(lang, r.id))}#product`,
            url: abs(ctx, productPath(lang, r.id)),
            name: r.title,
          })),
        }
      : {}),
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
      ...(media
        ? { contentUrl: abs(ctx, productFileUrl(media.id)), encodingFormat: media.mediaType }
        : isHttp(p.url)
          ? { contentUrl: p.url }
          : {}),
    });
  } else if (type === 'Article' || type === 'NewsArticle') {
    Object.assign(node, { headline: text.title.length > 110 ? text.title.slice(0, 109) + '…' : text.title });
  }
  return node;
}
