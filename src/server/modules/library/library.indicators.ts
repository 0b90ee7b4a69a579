// Targets T4a, T4b and T5a as indicators: the library's providers for the indicator registry. A product is placed in
// its producing organisation's province (on the map of that organisation's unit, the 34-unit map) and kind.
//  - T4a (count, cumulative): human-rights book titles. Records: the title roots (first publications) with at least
//    one published book edition dated in the span; a title published and re-published several times is one record,
//    its detail lists the editions. Placed by the earliest of those editions.
//  - T4b (percent, per period): records are the published products dated in the period; one counts when it is in an
//    ethnic-minority language, in a foreign language or on a digital channel (the union). The `part` breakdown gives
//    the three parts separately, each over all the period's products.
//  - T5a (percent, cumulative): records are the products dated in the span, drafts included, withdrawn ones not; one
//    counts when it is published and digitised: it has a file or a link online.
import { inArray, sql } from 'drizzle-orm';
import { isDigitalChannel, type Channel, type ProductKind } from '../../../shared/contracts/library.js';
import type { Bilingual, Breakdown } from '../../../shared/contracts/indicators.js';
import { rows, type Db } from '../../kernel/db.js';
import type { IndicatorProvider, IndicatorRecord, RelatedRecord, Span } from '../indicators/indicators.registry.js';
import { libraryProductTexts } from './library.tables.js';
import { breakdownLabel } from '../../../shared/labels.js';

/** Audit entities whose writes can change the records: products (and their files, audited on the product) and the
 *  organisations that place them. */
const DEPENDS_ON = ['library_product', 'organisation'];

/** Where a product's page is in the workspace (under /app). */
export const productHref = (id: number) => `/library?product=${id}`;

type Row = {
  id: number;
  kind: string;
  channel: string;
  status: string;
  date: string;
  url: string | null;
  root: number | null;
  edition: string | null;
  organisation_id: number;
  org_name: string;
  org_kind: string;
  map: string | null;
  unit: string | null;
  title: string | null;
  groups: string | null;
  audiences: string | null;
  files: number;
};

/** Products dated in the span (Viet Nam calendar days) with what the three indicators need. */
async function productsIn(db: Db, span: Span, where: ReturnType<typeof sql>): Promise<Row[]> {
  return rows<Row>(
    db,
    sql`
    select p.id, p.kind, p.channel, p.status, p.date::text as date, p.url, p.title_root_id as root, p.edition,
      p.organisation_id, o.name_vi as org_name, o.kind as org_kind, u.map_version as map, u.code as unit, t.title,
      (select string_agg(distinct lg."group", ',') from library_product_languages pl join languages lg on lg.code = pl.language where pl.product_id = p.id) as groups,
      (select string_agg(pa.audience::text, ',' order by pa.audience) from library_product_audiences pa where pa.product_id = p.id) as audiences,
      (select count(*)::int from library_files f where f.product_id = p.id) as files
    from library_products p
    join organisations o on o.id = p.organisation_id
    left join admin_units u on u.id = o.province_unit_id
    left join library_product_texts t on t.product_id = p.id and t.position = 0
    where p.date >= ${span.firstDay}::date and p.date <= ${span.lastDay}::date and ${where}
    order by p.date, p.id`,
  );
}

const list = (s: string | null) => (s ? s.split(',').filter(Boolean) : []);
const place = (r: Row) => ({
  unit: r.map && r.unit ? { map: r.map as '34' | '63', code: r.unit } : null,
  orgKind: r.org_kind,
  organisationId: Number(r.organisation_id),
  organisationName: r.org_name,
});
const dmy = (d: string) => `${Number(d.slice(8, 10))}/${Number(d.slice(5, 7))}/${d.slice(0, 4)}`;
const yesNo = (b: boolean) => ({ vi: b ? 'có' : 'không', en: b ? 'yes' : 'no' });

// ---------------------------------------------------------------- details (the indicator facts show the same texts)

/** T4a: a title's editions in the span, in date order. */
export function t4aDetail(eds: { id: number; edition: string | null; date: string }[]): Bilingual {
  const what = (e: { edition: string | null }) => ({
    vi: e.edition === 'republication' ? 'tái bản' : 'xuất bản lần đầu',
    en: e.edition === 'republication' ? 're-published' : 'first published',
  });
  return {
    vi: `${eds.length} ấn bản trong kỳ: ${eds.map((e) => `#${e.id} (${what(e).vi}, ${dmy(e.date)})`).join('; ')}`,
    en: `${eds.length} edition${eds.length > 1 ? 's' : ''} in the span: ${eds.map((e) => `#${e.id} (${what(e).en}, ${e.date})`).join('; ')}`,
  };
}

/** T4b: which parts a product meets, and its channel. */
export function t4bDetail(parts: string[], channel: string): Bilingual {
  const ch = CHANNEL_LABELS[channel as Channel] ?? { vi: channel, en: channel };
  return {
    vi: `Tiếng dân tộc thiểu số: ${yesNo(parts.includes('ethnic')).vi}; tiếng nước ngoài: ${yesNo(parts.includes('foreign')).vi}; nền tảng số: ${yesNo(parts.includes('digital')).vi} (${ch.vi})`,
    en: `Ethnic-minority language: ${yesNo(parts.includes('ethnic')).en}; foreign language: ${yesNo(parts.includes('foreign')).en}; digital platform: ${yesNo(parts.includes('digital')).en} (${ch.en})`,
  };
}

/** T5a: published, its files, its link. */
export function t5aDetail(published: boolean, files: number, url: boolean): Bilingual {
  return {
    vi: `Đã công bố: ${yesNo(published).vi}; tệp số hóa: ${files}; đường dẫn trực tuyến: ${yesNo(url).vi}`,
    en: `Published: ${yesNo(published).en}; digitised files: ${files}; online link: ${yesNo(url).en}`,
  };
}

// ---------------------------------------------------------------- labels

export const LANGUAGE_GROUP_LABELS: Record<string, Bilingual> = {
  national: { vi: 'Tiếng Việt', en: 'Vietnamese' },
  ethnic: { vi: 'Tiếng dân tộc thiểu số', en: 'Ethnic-minority languages' },
  foreign: { vi: 'Tiếng nước ngoài', en: 'Foreign languages' },
};

export const CHANNEL_LABELS: Record<Channel, Bilingual> = {
  print: { vi: 'Ấn phẩm in', en: 'Print' },
  television: { vi: 'Truyền hình', en: 'Television' },
  radio: { vi: 'Phát thanh', en: 'Radio' },
  online_press: { vi: 'Báo điện tử', en: 'Online press' },
  social_media: { vi: 'Mạng xã hội', en: 'Social media' },
  website: { vi: 'Trang thông tin điện tử', en: 'Website' },
  mobile_app: { vi: 'Ứng dụng di động', en: 'Mobile app' },
  outdoor: { vi: 'Cổ động trực quan', en: 'Outdoor' },
  other: { vi: 'Kênh khác', en: 'Other channel' },
};

/** The six target groups of the decision (programme.md, "Audiences"), short. */
export const AUDIENCE_LABELS: Record<string, Bilingual> = {
  1: {
    vi: 'Cán bộ làm công tác quyền con người, truyền thông, đối ngoại',
    en: 'Officials (human rights, communication, external information)',
  },
  2: { vi: 'Nhân dân, cộng đồng tôn giáo, dân tộc', en: 'People, religious and ethnic communities' },
  3: { vi: 'Báo chí trong và ngoài nước', en: 'Domestic and international press' },
  4: { vi: 'Người Việt Nam ở nước ngoài', en: 'Vietnamese abroad' },
  5: { vi: 'Cơ quan, tổ chức, người nước ngoài tại Việt Nam', en: 'Foreign missions, organisations and people in Viet Nam' },
  6: { vi: 'Giới chính trị, tổ chức quốc tế và khu vực', en: 'Foreign political circles, international and regional organisations' },
};

export const KIND_LABELS: Record<ProductKind, Bilingual> = {
  book: { vi: 'Sách', en: 'Book' },
  periodical_article: { vi: 'Bài tạp chí', en: 'Periodical article' },
  news_article: { vi: 'Bài báo', en: 'News article' },
  video: { vi: 'Video', en: 'Video' },
  audio: { vi: 'Âm thanh', en: 'Audio' },
  infographic: { vi: 'Đồ họa thông tin', en: 'Infographic' },
  photo: { vi: 'Ảnh', en: 'Photo' },
  archival_document: { vi: 'Tài liệu lưu trữ', en: 'Archival document' },
  exhibition_catalogue: { vi: 'Ca-ta-lô triển lãm', en: 'Exhibition catalogue' },
  social_media_post: { vi: 'Bài đăng mạng xã hội', en: 'Social media post' },
  web_page: { vi: 'Trang web', en: 'Web page' },
  other: { vi: 'Khác', en: 'Other' },
};

export const PART_LABELS: Record<string, Bilingual> = {
  ethnic: { vi: 'Tiếng dân tộc thiểu số', en: 'Ethnic-minority language' },
  foreign: { vi: 'Tiếng nước ngoài', en: 'Foreign language' },
  digital: { vi: 'Nền tảng số', en: 'Digital platform' },
};

export function libraryDimLabel(breakdown: Breakdown, key: string): Bilingual {
  const table: Partial<Record<Breakdown, Record<string, Bilingual>>> = {
    language: LANGUAGE_GROUP_LABELS,
    channel: CHANNEL_LABELS,
    audience: AUDIENCE_LABELS,
    kind: KIND_LABELS,
    part: PART_LABELS,
  };
  return table[breakdown]?.[key] ?? breakdownLabel(breakdown, key);
}

/** The main titles (position 0) of products, by id. */
export async function productTitles(db: Db, ids: number[]): Promise<Map<number, string>> {
  const titles = ids.length
    ? await db
        .select({ id: libraryProductTexts.productId, title: libraryProductTexts.title })
        .from(libraryProductTexts)
        .where(sql`${inArray(libraryProductTexts.productId, [...new Set(ids)])} and ${libraryProductTexts.position} = 0`)
    : [];
  return new Map(titles.map((t) => [t.id, t.title]));
}

/** Products as related records (a drill-down shows at most 20 per record), titled from `titles`. */
export const relatedProducts = (ids: number[], titles: Map<number, string>): RelatedRecord[] =>
  ids.slice(0, 20).map((id) => ({ type: 'library_product', id, label: titles.get(id) ?? `#${id}`, href: productHref(id) }));

/** The products behind records (their refs), as related records with their titles. */
async function expandRefs(db: Db, records: IndicatorRecord[]): Promise<Map<IndicatorRecord, RelatedRecord[]>> {
  const byId = await productTitles(
    db,
    records.flatMap((r) => (r.refs ?? []).slice(0, 20)),
  );
  return new Map(records.map((r) => [r, relatedProducts(r.refs ?? [], byId)]));
}

// ---------------------------------------------------------------- T4a

export const t4aProvider: IndicatorProvider = {
  id: 'T4a',
  dependsOn: DEPENDS_ON,
  async records(db, span) {
    const editions = await productsIn(db, span, sql`p.kind = 'book' and p.status = 'published'`);
    const byRoot = new Map<number, Row[]>();
    for (const e of editions) {
      const root = Number(e.root ?? e.id);
      byRoot.set(root, [...(byRoot.get(root) ?? []), e]);
    }
    const missing = [...byRoot.keys()].filter((root) => !editions.some((e) => Number(e.id) === root));
    const rootTitles = new Map<number, string>();
    if (missing.length) {
      const t = await db
        .select({ id: libraryProductTexts.productId, title: libraryProductTexts.title })
        .from(libraryProductTexts)
        .where(sql`${inArray(libraryProductTexts.productId, missing)} and ${libraryProductTexts.position} = 0`);
      for (const x of t) rootTitles.set(x.id, x.title);
    }
    return [...byRoot].map(([root, eds]): IndicatorRecord => {
      const first = eds[0]!; // the earliest edition in the span places the title
      const rootRow = eds.find((e) => Number(e.id) === root);
      const label = rootRow?.title ?? rootTitles.get(root) ?? first.title ?? `#${root}`;
      return {
        type: 'library_title',
        id: root,
        label,
        counts: true,
        inDenominator: true,
        ...place(first),
        dims: { language: [...new Set(eds.flatMap((e) => list(e.groups)))].sort() },
        detail: t4aDetail(eds),
        href: productHref(root),
        refs: eds.map((e) => Number(e.id)),
      };
    });
  },
  dimLabel: libraryDimLabel,
  expand: expandRefs,
};

// ---------------------------------------------------------------- T4b

/** The parts of T4b a product meets. */
export function t4bParts(groups: string[], channel: string): ('ethnic' | 'foreign' | 'digital')[] {
  const parts: ('ethnic' | 'foreign' | 'digital')[] = [];
  if (groups.includes('ethnic')) parts.push('ethnic');
  if (groups.includes('foreign')) parts.push('foreign');
  if (isDigitalChannel(channel)) parts.push('digital');
  return parts;
}

export const t4bProvider: IndicatorProvider = {
  id: 'T4b',
  dependsOn: DEPENDS_ON,
  async records(db, span) {
    const products = await productsIn(db, span, sql`p.status = 'published'`);
    return products.map((r): IndicatorRecord => {
      const groups = list(r.groups);
      const parts = t4bParts(groups, r.channel);
      return {
        type: 'library_product',
        id: Number(r.id),
        label: r.title ?? `#${r.id}`,
        counts: parts.length > 0,
        inDenominator: true,
        ...place(r),
        dims: {
          language: groups.sort(),
          channel: [r.channel],
          audience: list(r.audiences),
          kind: [r.kind],
          part: ['ethnic', 'foreign', 'digital'],
        },
        countsIn: { part: parts },
        detail: t4bDetail(parts, r.channel),
        href: productHref(Number(r.id)),
      };
    });
  },
  dimLabel: libraryDimLabel,
};

// ---------------------------------------------------------------- T5a

export const t5aProvider: IndicatorProvider = {
  id: 'T5a',
  dependsOn: DEPENDS_ON,
  async records(db, span) {
    const products = await productsIn(db, span, sql`p.status <> 'withdrawn'`);
    return products.map((r): IndicatorRecord => {
      const published = r.status === 'published';
      const files = Number(r.files);
      const online = files > 0 || Boolean(r.url);
      return {
        type: 'library_product',
        id: Number(r.id),
        label: r.title ?? `#${r.id}`,
        counts: published && online,
        inDenominator: true,
        ...place(r),
        dims: { kind: [r.kind] },
        detail: t5aDetail(published, files, Boolean(r.url)),
        href: productHref(Number(r.id)),
      };
    });
  },
  dimLabel: libraryDimLabel,
};

export const libraryProviders: IndicatorProvider[] = [t4aProvider, t4bProvider, t5aProvider];
