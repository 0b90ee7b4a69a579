// OAI-PMH (library.oai.ts): sets (kinds, organisations), record headers and oai_dc records, read in batches.
import { sql, type SQL } from 'drizzle-orm';
import { PRODUCT_KINDS, type ProductKind } from '../../../shared/contracts/library.js';
import { intArray, rows, type Db } from '../../kernel/db.js';
import { DC_NS, el, OAI_DC_NS, OAI_DC_SCHEMA, type OaiRepository, XSI_NS } from './library.oai.repository.js';

// ---------------------------------------------------------------- sets

/** Vietnamese names of the product kinds (setName of `kind:<kind>`). */
export const KIND_NAME_VI: Record<ProductKind, string> = {
  book: 'Sách',
  periodical_article: 'Bài đăng trên báo, tạp chí',
  news_article: 'Tin, bài báo chí',
  video: 'Video',
  audio: 'Âm thanh',
  infographic: 'Đồ họa thông tin (infographic)',
  photo: 'Ảnh',
  archival_document: 'Tài liệu lưu trữ',
  exhibition_catalogue: 'Catalogue triển lãm',
  social_media_post: 'Bài đăng mạng xã hội',
  web_page: 'Trang web',
  other: 'Sản phẩm khác',
};

/** DCMI Type Vocabulary term of each kind (dc:type); `other` has none. */
export const DCMI_TYPE: Record<ProductKind, string | null> = {
  book: 'Text',
  periodical_article: 'Text',
  news_article: 'Text',
  video: 'MovingImage',
  audio: 'Sound',
  infographic: 'StillImage',
  photo: 'StillImage',
  archival_document: 'Text',
  exhibition_catalogue: 'Text',
  social_media_post: 'Text',
  web_page: 'Text',
  other: null,
};

/** An organisation code as a setSpec segment: characters outside [A-Za-z0-9-_.] become `~XX` (UTF-8 bytes, hex),
 *  so any code fits the setSpec pattern and decodes back. Codes that follow the directory contract are unchanged. */
export function orgSetSegment(code: string): string {
  return Array.from(Buffer.from(code, 'utf8'))
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-_.]/.test(c) ? c : `~${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}
function orgCodeOfSegment(segment: string): string | null {
  if (!/^([A-Za-z0-9\-_.]|~[0-9A-F]{2})+$/.test(segment)) return null;
  const bytes: number[] = [];
  for (let i = 0; i < segment.length; i++) {
    if (segment[i] === '~') {
      bytes.push(parseInt(segment.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(segment.charCodeAt(i));
  }
  const code = Buffer.from(bytes).toString('utf8');
  return orgSetSegment(code) === segment ? code : null;
}

/** The records a setSpec selects, as a condition on `p` (library_products) and `o` (organisations); null = none. */
export function setCondition(spec: string): SQL | null {
  const [top, value, ...rest] = spec.split(':');
  if (rest.length) return null;
  if (top === 'kind') {
    if (value === undefined) return sql`true`;
    return (PRODUCT_KINDS as readonly string[]).includes(value) ? sql`p.kind = ${value}` : null;
  }
  if (top === 'org') {
    if (value === undefined) return sql`true`;
    const code = orgCodeOfSegment(value);
    // By the organisation's id, so the set's (organisation_id, updated_at, id) index answers.
    return code === null ? null : sql`p.organisation_id = (select o2.id from organisations o2 where o2.code = ${code})`;
  }
  return null;
}

// ---------------------------------------------------------------- records

export interface HeaderRow {
  id: number;
  status: 'published' | 'withdrawn';
  kind: string;
  org_code: string;
  org_name: string;
  datestamp: string;
  key_at: string;
  date: string;
  rights: string | null;
  licence: string | null;
  url: string | null;
  isbn: string | null;
  publisher: string | null;
  edition_of_id: number | null;
}

export const HEADER_COLUMNS = sql`p.id, p.status, p.kind, o.code as org_code, o.name_vi as org_name,
  to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as datestamp,
  to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key_at,
  p.date::text as date, p.rights, p.licence, p.url, p.isbn, p.publisher, p.edition_of_id`;
export const RECORDS = sql`library_products p join organisations o on o.id = p.organisation_id where p.status in ('published', 'withdrawn')`;

export const oaiIdentifier = (repo: OaiRepository, id: number) => `oai:${repo.host}:product/${id}`;

function productIdOf(repo: OaiRepository, identifier: string): number | null {
  const prefix = `oai:${repo.host}:product/`;
  if (!identifier.startsWith(prefix)) return null;
  const rest = identifier.slice(prefix.length);
  if (!/^[1-9]\d{0,9}$/.test(rest) || Number(rest) > 2 ** 31 - 1) return null;
  return Number(rest);
}

export async function findRecord(db: Db, repo: OaiRepository, identifier: string): Promise<HeaderRow | null> {
  const id = productIdOf(repo, identifier);
  if (id === null) return null;
  const r = await rows<HeaderRow>(db, sql`select ${HEADER_COLUMNS} from ${RECORDS} and p.id = ${id}`);
  return r[0] ?? null;
}

/** ISO 639-3 → BCP 47 for xml:lang: the ISO 639-1 code where one exists (BCP 47 requires the shortest), else the
 *  3-letter code, which is a valid language subtag. Covers every language of data/reference/languages.csv. */
const ISO639_1: Record<string, string> = {
  vie: 'vi',
  eng: 'en',
  fra: 'fr',
  zho: 'zh',
  rus: 'ru',
  spa: 'es',
  jpn: 'ja',
  deu: 'de',
  lao: 'lo',
  tha: 'th',
  ind: 'id',
  kor: 'ko',
  khm: 'km',
};
export function xmlLang(iso3: string): string | undefined {
  const tag = ISO639_1[iso3] ?? iso3;
  return /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(tag) ? tag : undefined;
}

interface Details {
  texts: Map<number, { language: string; title: string; description: string | null }[]>;
  languages: Map<number, string[]>;
  topics: Map<number, { name_vi: string; name_en: string }[]>;
  related: Map<number, number[]>;
  files: Map<number, { id: number; media_type: string }[]>;
}

function group<T extends { product_id: number }>(list: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of list) {
    const g = m.get(r.product_id);
    if (g) g.push(r);
    else m.set(r.product_id, [r]);
  }
  return m;
}

/** Everything the oai_dc records of these (published) products need, in five queries: texts, the languages and
 *  topics (one key lookup each in library_product_facets, topic names from press_topics in their order), relations
 *  and files. */
export async function loadDetails(db: Db, ids: number[]): Promise<Details> {
  const empty: Details = { texts: new Map(), languages: new Map(), topics: new Map(), related: new Map(), files: new Map() };
  if (!ids.length) return empty;
  const list = intArray(ids); // one parameter, however many ids
  const [texts, facets, topicNames, related, files] = await Promise.all([
    rows<{ product_id: number; language: string; title: string; description: string | null }>(
      db,
      sql`select product_id, language, title, description from library_product_texts where product_id = any(${list}) order by product_id, position`,
    ),
    rows<{ product_id: number; languages: string[]; topic_ids: number[] }>(
      db,
      sql`select product_id, languages, topic_ids from library_product_facets where product_id = any(${list})`,
    ),
    rows<{ id: number; name_vi: string; name_en: string }>(db, sql`select id, name_vi, name_en from press_topics order by sort_order, id`),
    // Relations both ways, to published products only (a draft's number is not public; a withdrawn one is deleted).
    rows<{ product_id: number; other: number }>(
      db,
      sql`select r.from_id as product_id, r.to_id as other from library_relations r join library_products q on q.id = r.to_id and q.status = 'published'
          where r.from_id = any(${list})
          union
          select r.to_id as product_id, r.from_id as other from library_relations r join library_products q on q.id = r.from_id and q.status = 'published'
          where r.to_id = any(${list})
          union
          select p.id as product_id, p.edition_of_id as other from library_products p join library_products q on q.id = p.edition_of_id and q.status = 'published'
          where p.id = any(${list})
          order by 1, 2`,
    ),
    rows<{ product_id: number; id: number; media_type: string }>(
      db,
      sql`select product_id, id, media_type from library_files where product_id = any(${list}) order by product_id, id`,
    ),
  ]);
  const topicOrder = topicNames.map((t) => ({ ...t, id: Number(t.id) }));
  return {
    texts: group(texts),
    languages: new Map(facets.filter((f) => f.languages.length).map((f) => [Number(f.product_id), [...f.languages].sort()])),
    topics: new Map(
      facets
        .filter((f) => f.topic_ids.length)
        .map((f) => {
          const mine = new Set(f.topic_ids.map(Number));
          return [Number(f.product_id), topicOrder.filter((t) => mine.has(t.id)).map(({ name_vi, name_en }) => ({ name_vi, name_en }))];
        }),
    ),
    related: new Map([...group(related)].map(([k, v]) => [k, v.map((r) => r.other).filter((o) => o !== k)])),
    files: group(files),
  };
}

export function headerXml(repo: OaiRepository, r: HeaderRow): string {
  return [
    `<header${r.status === 'withdrawn' ? ' status="deleted"' : ''}>`,
    el('identifier', oaiIdentifier(repo, r.id)),
    el('datestamp', r.datestamp),
    el('setSpec', `kind:${r.kind}`),
    el('setSpec', `org:${orgSetSegment(r.org_code)}`),
    '</header>',
  ].join('');
}

/** The oai_dc record of a published product. */
export function oaiDcXml(repo: OaiRepository, r: HeaderRow, d: Details): string {
  const dc = (name: string, text: string | null | undefined, lang?: string) =>
    text && text.trim() ? el(`dc:${name}`, text.trim(), { 'xml:lang': lang }) : '';
  const texts = d.texts.get(r.id) ?? [];
  const kind = r.kind as ProductKind;
  const parts = [
    ...texts.map((t) => dc('title', t.title, xmlLang(t.language))),
    dc('creator', r.org_name, 'vi'),
    ...(d.topics.get(r.id) ?? []).flatMap((t) => [dc('subject', t.name_vi, 'vi'), dc('subject', t.name_en, 'en')]),
    ...texts.map((t) => dc('description', t.description, xmlLang(t.language))),
    r.publisher?.trim() ? dc('publisher', r.publisher) : dc('publisher', r.org_name, 'vi'),
    dc('date', r.date),
    dc('type', DCMI_TYPE[kind] ?? null),
    dc('type', KIND_NAME_VI[kind] ?? null, 'vi'),
    ...[...new Set((d.files.get(r.id) ?? []).map((f) => f.media_type))].map((t) => dc('format', t)),
    dc('identifier', `${repo.origin}/thu-vien/${r.id}`),
    r.isbn ? dc('identifier', `urn:isbn:${r.isbn}`) : '',
    dc('identifier', r.url),
    ...(d.files.get(r.id) ?? []).map((f) => dc('identifier', `${repo.origin}/api/library/files/${f.id}`)),
    ...(d.languages.get(r.id) ?? []).map((l) => dc('language', l)),
    ...(d.related.get(r.id) ?? []).map((o) => dc('relation', oaiIdentifier(repo, o))),
    dc('rights', r.rights),
    dc('rights', r.licence),
  ];
  return [
    `<oai_dc:dc xmlns:oai_dc="${OAI_DC_NS}" xmlns:dc="${DC_NS}" xmlns:xsi="${XSI_NS}" xsi:schemaLocation="${OAI_DC_NS} ${OAI_DC_SCHEMA}">`,
    ...parts.filter(Boolean),
    '</oai_dc:dc>',
  ].join('\n');
}

export function recordXml(repo: OaiRepository, r: HeaderRow, d: Details): string {
  if (r.status === 'withdrawn') return `<record>${headerXml(repo, r)}</record>`;
  return `<record>${headerXml(repo, r)}\n<metadata>\n${oaiDcXml(repo, r, d)}\n</metadata></record>`;
}
