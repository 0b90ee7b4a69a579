/**
 * The public exhibitions under /trien-lam (vi) and /en/exhibitions (en): the programme's coverage of the 63 pre-2025
 * provinces (a server-rendered map, the same as the progress page's) and the published online exhibitions; an online
 * exhibition's page: its narrative in the page's language (falling back to the first one given) and a gallery that
 * works without JavaScript — an ordered list of figures, each with its alt text, caption, credit, responsive image
 * (the library's 320 px thumbnail and the full image through srcset) and "previous / next" links that move the
 * keyboard focus from item to item (#item-N targets). Links to the IIIF manifest and the printable catalogue.
 * Reads only through the exhibitions and library services.
 */
import type { FastifyInstance } from 'fastify';
import type { Exhibition } from '../../shared/contracts/exhibitions.js';
import type { FileStore } from '../kernel/storage.js';
import { exhibitionImages, manifestUrl, type PublicImage } from '../modules/exhibitions/exhibitions.iiif.js';
import { computeCoverage } from '../modules/exhibitions/exhibitions.indicators.js';
import { getPublicExhibition, listPublishedOnline } from '../modules/exhibitions/exhibitions.service.js';
import { productFileThumbnailUrl, productFileUrl } from '../modules/library/library.files.js';
import type { NewsroomDeps } from './newsroom.routes.js';
import { Layout, type PageContext } from './portal.views.js';
import type { Lang } from './programme.js';
import { renderProvinceMapSvg } from './provinceMapSvg.js';

export const EXH = {
  vi: {
    base: '/trien-lam',
    title: 'Triển lãm',
    lead: 'Triển lãm ảnh và tài liệu lưu trữ về quyền con người ở Việt Nam, trực tiếp tại các tỉnh, thành phố và ở nước ngoài, và trực tuyến.',
    coverage: 'Độ phủ của chỉ tiêu T3',
    covered63: (x: number, n: number) => `${x}/${n} tỉnh, thành phố (bản đồ 63 đơn vị, mục tiêu của Đề án)`,
    covered34: (x: number, n: number) => `${x}/${n} tỉnh, thành phố (bản đồ 34 đơn vị từ 1/7/2025)`,
    abroad: (n: number) => `${n} địa điểm ở nước ngoài`,
    mapTitle: 'Tỉnh, thành phố (63 đơn vị) đã có triển lãm',
    exhibitions: (n: number) => `${n} triển lãm`,
    none: 'Chưa có',
    points: (n: number) =>
      n
        ? `Màu của mỗi tỉnh là số triển lãm trực tiếp đã tổ chức tại đó (mọi triển lãm đã ghi nhận). Mỗi chấm tròn là địa điểm của một triển lãm đã được công bố trên cổng thông tin (${n} địa điểm); di chuột lên chấm, hoặc mở danh sách dưới bản đồ, để xem tên triển lãm và địa điểm.`
        : 'Màu của mỗi tỉnh là số triển lãm trực tiếp đã tổ chức tại đó (mọi triển lãm đã ghi nhận). Chưa có địa điểm triển lãm nào được công bố trên cổng thông tin.',
    venueList: (n: number) => `Danh sách địa điểm trên bản đồ (${n})`,
    online: 'Triển lãm trực tuyến',
    noOnline: 'Chưa có triển lãm trực tuyến nào được công bố.',
    items: (n: number) => `${n} tư liệu`,
    dates: 'Thời gian',
    organisers: 'Đơn vị tổ chức',
    gallery: 'Các tư liệu trưng bày',
    item: (k: number, n: number) => `Tư liệu ${k}/${n}`,
    prev: 'Tư liệu trước',
    next: 'Tư liệu sau',
    full: 'Xem ảnh gốc',
    noImage: 'Tư liệu không có ảnh',
    credit: 'Nguồn',
    iiif: 'Bản kê IIIF (xem bằng trình xem IIIF bất kỳ)',
    catalogue: 'Ca-ta-lô in (PDF)',
    back: 'Tất cả triển lãm',
    source: 'Xem trong thư viện',
  },
  en: {
    base: '/en/exhibitions',
    title: 'Exhibitions',
    lead: 'Photo and archival-document exhibitions on human rights in Viet Nam: on site in the provinces and abroad, and online.',
    coverage: 'Coverage of target T3',
    covered63: (x: number, n: number) => `${x} of ${n} provinces (63-unit map, the programme's target)`,
    covered34: (x: number, n: number) => `${x} of ${n} provinces (34-unit map since 1 July 2025)`,
    abroad: (n: number) => `${n} locations abroad`,
    mapTitle: 'Provinces (63-unit map) with an exhibition',
    exhibitions: (n: number) => `${n} exhibition${n === 1 ? '' : 's'}`,
    none: 'None yet',
    points: (n: number) =>
      n
        ? `Each province's colour is the number of physical exhibitions held there (every exhibition recorded). Each dot is the venue of an exhibition published on this portal (${n} venue${n === 1 ? '' : 's'}); hover over a dot, or open the list below the map, for the exhibition and its place.`
        : "Each province's colour is the number of physical exhibitions held there (every exhibition recorded). No exhibition venue has been published on this portal yet.",
    venueList: (n: number) => `The venues on the map (${n})`,
    online: 'Online exhibitions',
    noOnline: 'No online exhibition has been published yet.',
    items: (n: number) => `${n} item${n === 1 ? '' : 's'}`,
    dates: 'Dates',
    organisers: 'Organisers',
    gallery: 'Items on show',
    item: (k: number, n: number) => `Item ${k} of ${n}`,
    prev: 'Previous item',
    next: 'Next item',
    full: 'View the original image',
    noImage: 'This item has no image',
    credit: 'Credit',
    iiif: 'IIIF manifest (open in any IIIF viewer)',
    catalogue: 'Printable catalogue (PDF)',
    back: 'All exhibitions',
    source: 'See it in the library',
  },
} as const;

const ISO: Record<Lang, string> = { vi: 'vie', en: 'eng' };
/** The text in the page's language, else the first given. */
export function pick<T extends { language: string }>(list: T[], lang: Lang): T | undefined {
  return list.find((x) => x.language === ISO[lang]) ?? list[0];
}
/** A lang attribute for a text in another language than the page's (ISO 639-3 'vie'/'eng'; none when it is the page's). */
const langOf = (iso3: string, page: Lang) => {
  const tag = iso3 === 'vie' ? 'vi' : iso3 === 'eng' ? 'en' : iso3;
  return tag === page ? undefined : tag;
};
const dmy = (d: string, lang: Lang) => (lang === 'vi' ? `${+d.slice(8, 10)}/${+d.slice(5, 7)}/${d.slice(0, 4)}` : d);
const orgName = (o: Exhibition['organisers'][number], lang: Lang) => (lang === 'en' ? (o.nameEn ?? o.name) : o.name);

export function ExhibitionListPage({
  ctx,
  online,
  coverage,
  mapSvg,
}: {
  ctx: PageContext;
  online: Exhibition[];
  coverage: Awaited<ReturnType<typeof computeCoverage>>;
  mapSvg: string;
}) {
  const t = EXH[ctx.lang];
  return (
    <Layout ctx={ctx} title={t.title} current="exhibitions">
      <h1>{t.title}</h1>
      <p className="lead">{t.lead}</p>
      <section aria-labelledby="coverage">
        <h2 id="coverage">{t.coverage}</h2>
        <ul>
          <li>{t.covered63(coverage.map63.covered, coverage.map63.total)}</li>
          <li>{t.covered34(coverage.map34.covered, coverage.map34.total)}</li>
          <li>
            {t.abroad(coverage.abroad.length)}
            {coverage.abroad.length
              ? `: ${coverage.abroad.map((a) => `${a.city} (${ctx.lang === 'vi' ? a.countryName : a.countryNameEn})`).join(', ')}`
              : ''}
          </li>
        </ul>
        <p data-testid="map-points-note">{t.points(coverage.venues.length)}</p>
        {/* Server-generated SVG (renderProvinceMapSvg escapes every text); each province's <title> carries its value. */}
        <div className="map-figure" dangerouslySetInnerHTML={{ __html: mapSvg }} />
        {coverage.venues.length > 0 && (
          // The dots' names without a mouse: every venue in a list that opens by keyboard, touch and screen readers.
          <details data-testid="map-venues">
            <summary>{t.venueList(coverage.venues.length)}</summary>
            <ul>
              {coverage.venues.map((v) => (
                <li key={v.id}>
                  <span lang={ctx.lang === 'en' && v.titleEn === v.title ? 'vi' : undefined}>
                    {ctx.lang === 'vi' ? v.title : v.titleEn}
                  </span>
                  {' — '}
                  {ctx.lang === 'vi' ? v.place : v.placeEn}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
      <section aria-labelledby="online">
        <h2 id="online">{t.online}</h2>
        {online.length === 0 ? (
          <p>{t.noOnline}</p>
        ) : (
          <ul className="cards">
            {online.map((e) => {
              const text = pick(e.texts, ctx.lang)!;
              return (
                <li key={e.id}>
                  <h3>
                    <a href={`${t.base}/${e.id}`} lang={text.language === 'eng' ? 'en' : text.language === 'vie' ? 'vi' : undefined}>
                      {text.title}
                    </a>
                  </h3>
                  <p>
                    {dmy(e.startDate, ctx.lang)} – {dmy(e.endDate, ctx.lang)} · {t.items(e.items.length)}
                  </p>
                  {text.description ? (
                    <p lang={text.language === 'eng' ? 'en' : text.language === 'vie' ? 'vi' : undefined}>{text.description}</p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </Layout>
  );
}

export function OnlineExhibitionPage({
  ctx,
  e,
  images,
  manifest,
}: {
  ctx: PageContext;
  e: Exhibition;
  images: Map<number, PublicImage>;
  manifest: string;
}) {
  const t = EXH[ctx.lang];
  const text = pick(e.texts, ctx.lang)!;
  const narrativeText = pick(
    e.texts.filter((x) => x.narrative),
    ctx.lang,
  );
  const narrative = (narrativeText?.narrative ?? '').split(/\n\s*\n/).filter(Boolean);
  const n = e.items.length;
  return (
    <Layout ctx={ctx} title={text.title} current="exhibitions">
      <p className="eyebrow">
        <a href={t.base}>{t.back}</a>
      </p>
      <h1 lang={langOf(text.language, ctx.lang)}>{text.title}</h1>
      {text.description ? (
        <p className="lead" lang={langOf(text.language, ctx.lang)}>
          {text.description}
        </p>
      ) : null}
      <dl className="item-facts">
        <dt>{t.dates}</dt>
        <dd>
          {dmy(e.startDate, ctx.lang)} – {dmy(e.endDate, ctx.lang)}
        </dd>
        <dt>{t.organisers}</dt>
        <dd>
          {e.organisers.map((o, i) => (
            <span key={i} lang={ctx.lang === 'en' && !o.nameEn ? 'vi' : undefined}>
              {i ? '; ' : null}
              {orgName(o, ctx.lang)}
            </span>
          ))}
        </dd>
      </dl>
      <div className="item-body" lang={narrativeText ? langOf(narrativeText.language, ctx.lang) : undefined}>
        {narrative.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      <section aria-labelledby="gallery">
        <h2 id="gallery">{t.gallery}</h2>
        <ol className="gallery">
          {e.items.map((it, k) => {
            const caption = pick(it.captions, ctx.lang)?.text ?? it.title;
            const img = it.image ? images.get(it.image.fileId) : undefined;
            const alt = caption === it.title ? it.title : `${it.title}. ${caption}`;
            return (
              <li key={it.position} id={`item-${k + 1}`} tabIndex={-1} aria-label={t.item(k + 1, n)}>
                <figure>
                  {img ? (
                    <a href={productFileUrl(img.fileId)}>
                      <img
                        alt={alt}
                        src={img.thumb ? productFileThumbnailUrl(img.fileId) : productFileUrl(img.fileId)}
                        srcSet={[
                          img.thumb ? `${productFileThumbnailUrl(img.fileId)} ${img.thumb.width}w` : null,
                          `${productFileUrl(img.fileId)} ${img.full.width}w`,
                        ]
                          .filter(Boolean)
                          .join(', ')}
                        sizes="(max-width: 700px) 100vw, 640px"
                        width={img.full.width}
                        height={img.full.height}
                        loading={k > 1 ? 'lazy' : undefined}
                        decoding="async"
                      />
                      <span className="visually-hidden">{t.full}</span>
                    </a>
                  ) : (
                    <p className="note">{t.noImage}</p>
                  )}
                  <figcaption>
                    <span className="gallery-count">{t.item(k + 1, n)}</span> {caption}
                    {it.credit ? (
                      <small>
                        {' '}
                        · {t.credit}: {it.credit}
                      </small>
                    ) : null}{' '}
                    <a href={`${ctx.lang === 'vi' ? '/thu-vien' : '/en/library'}/${it.productId}`}>{t.source}</a>
                  </figcaption>
                </figure>
                <nav className="gallery-nav" aria-label={t.item(k + 1, n)}>
                  {k > 0 ? (
                    <a href={`#item-${k}`} rel="prev">
                      ← {t.prev}
                    </a>
                  ) : null}
                  {k < n - 1 ? (
                    <a href={`#item-${k + 2}`} rel="next">
                      {t.next} →
                    </a>
                  ) : null}
                </nav>
              </li>
            );
          })}
        </ol>
      </section>
      <ul className="inline">
        <li>
          <a href={manifest} type="application/ld+json">
            {t.iiif}
          </a>
        </li>
        <li>
          <a href={`/api/public/exhibitions/${e.id}/catalogue.pdf?lang=${ctx.lang}`} type="application/pdf">
            {t.catalogue}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

export function exhibitionsRoutes(app: FastifyInstance, deps: NewsroomDeps & { store: FileStore }) {
  const { db, ctx, sendPage, notFound, store } = deps;
  for (const lang of ['vi', 'en'] as const) {
    const t = EXH[lang];
    const altBase = EXH[other(lang)].base;
    app.get(t.base, async (_req, reply) => {
      // Only the venues of exhibitions shown on the portal are points (their titles are public); the figures count all.
      const [online, coverage] = await Promise.all([
        listPublishedOnline(db),
        computeCoverage(db, {}, new Date(), { publicVenuesOnly: true }),
      ]);
      const mapSvg = renderProvinceMapSvg({
        map: '63',
        unit: 'count',
        lang,
        title: t.mapTitle,
        externalShapes: true,
        values: new Map(
          coverage.map63.units.map((u) => [
            u.code,
            {
              value: u.exhibitions, // 0 is a gap (its own colour), not "no data"
              text: `${lang === 'vi' ? u.nameVi : u.nameEn}: ${u.exhibitions ? t.exhibitions(u.exhibitions) : t.none}`,
            },
          ]),
        ),
        points: coverage.venues.map((v) => ({
          lon: v.lon,
          lat: v.lat,
          label: lang === 'vi' ? `${v.title} — ${v.place}` : `${v.titleEn} — ${v.placeEn}`,
        })),
      });
      return sendPage(
        reply,
        200,
        <ExhibitionListPage ctx={ctx(lang, t.base, altBase)} online={online} coverage={coverage} mapSvg={mapSvg} />,
      );
    });
    app.get(`${t.base}/:id`, async (req, reply) => {
      const raw = (req.params as { id: string }).id;
      const id = /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : NaN;
      const e = Number.isNaN(id) ? null : await getPublicExhibition(db, id).catch(() => null);
      if (!e) return notFound(req, reply);
      const images = await exhibitionImages(db, store, e);
      const c = ctx(lang, `${t.base}/${id}`, `${altBase}/${id}`);
      return sendPage(reply, 200, <OnlineExhibitionPage ctx={c} e={e} images={images} manifest={manifestUrl('', e.id)} />);
    });
  }
}
