// OAI-PMH 2.0 data provider over the library (http://www.openarchives.org/OAI/openarchivesprotocol.html), with
// the one mandatory metadata format, oai_dc (unqualified Dublin Core). Protocol only: no Fastify here (the routes
// are in library.oai.routes.ts), so the whole protocol is testable as `handleOaiRequest(db, repo, args)`.
//
// Records are the library's products: published ones with metadata, withdrawn ones as deleted records (header
// status="deleted", no metadata; deletedRecord = persistent). Drafts never appear, not even as deleted records.
// Datestamp = updated_at in UTC to the second, so every write to a product must bump its updated_at.
//
// Lists are paged with a keyset on (updated_at, id): the resumption token carries the request (metadataPrefix,
// from, until, set) and the last (updated_at, id) returned, to the microsecond. Records inserted or changed while a
// harvest runs get a later updated_at, so they come at the end of the same list; nothing is skipped or repeated
// because something before the cursor moved. Tokens do not expire. They are opaque to harvesters (base64url JSON
// with a checksum); a changed or truncated token is refused with badResumptionToken.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { sql, type SQL } from 'drizzle-orm';
import { PRODUCT_KINDS, type ProductKind } from '../../../shared/contracts/library.js';
import { intArray, rows, type Db } from '../../kernel/db.js';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
export const OAI_SCHEMA = 'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd';
export const OAI_DC_NS = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const OAI_DC_SCHEMA = 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export const REPOSITORY_NAME = 'RightsHub — Thư viện Đề án truyền thông về quyền con người';
/** earliestDatestamp while the repository has no record: the first day of the programme period 2023–2028. */
export const PROGRAMME_START_DATESTAMP = '2023-01-01T00:00:00Z';
/** adminEmail when BASE_URL's host is not a domain name (localhost, an IP address). */
export const FALLBACK_ADMIN_EMAIL = 'thuvien@rightshub.example.vn';
/** Records per list response: large pages keep a full harvest's round trips few (they are streamed, see CHUNK). */
export const DEFAULT_PAGE_SIZE = 500;
/** Records read (and their details batched) per query while a list response is streamed. */
const CHUNK = 250;

/** Where the repository lives and how it pages; built once from the configuration (see `oaiRepository`). */
export interface OaiRepository {
  /** config.baseUrl without a trailing slash: portal and file links are absolute from it. */
  origin: string;
  /** origin + '/oai'. */
  baseURL: string;
  /** The namespace part of identifiers: `oai:<host>:product/<id>`. */
  host: string;
  adminEmails: string[];
  pageSize: number;
  /** The clock (tests); responseDate only. */
  now: () => Date;
}

export interface OaiRepositoryOptions {
  /** One or more addresses; default `thuvien@<host of BASE_URL>`, or FALLBACK_ADMIN_EMAIL for a host without a dot. */
  adminEmail?: string | string[];
  /** Records (or headers, or sets) per response; default 100. */
  pageSize?: number;
  now?: () => Date;
}

const EMAIL = /^\S+@(\S+\.)+\S+$/; // the OAI-PMH schema's emailType

/** The default adminEmail for a base URL: `thuvien@<host>` when the host is a domain name with a dot. */
export function defaultAdminEmail(baseUrl: string): string {
  const host = new URL(baseUrl).hostname;
  return host.includes('.') && !isIP(host.replace(/^\[|\]$/g, '')) ? `thuvien@${host}` : FALLBACK_ADMIN_EMAIL;
}

export function oaiRepository(baseUrl: string, options: OaiRepositoryOptions = {}): OaiRepository {
  const origin = baseUrl.replace(/\/+$/, '');
  const adminEmails = options.adminEmail === undefined ? [defaultAdminEmail(origin)] : [options.adminEmail].flat();
  const bad = adminEmails.filter((e) => !EMAIL.test(e));
  if (!adminEmails.length || bad.length) throw new Error(`OAI-PMH adminEmail must be e-mail addresses (got ${JSON.stringify(adminEmails)})`);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new Error(`OAI-PMH pageSize must be 1…1000 (got ${pageSize})`);
  return { origin, baseURL: `${origin}/oai`, host: new URL(origin).hostname, adminEmails, pageSize, now: options.now ?? (() => new Date()) };
}

// ---------------------------------------------------------------- XML

/** Drops what XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, unpaired surrogates), escapes the rest. */
export function xmlText(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/[&<>"'\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' })[c]!);
}
/** An attribute value: as text, and tab/LF kept as character references (attribute values are normalised). */
const xmlAttr = (s: string) => xmlText(s).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
/** True when the string survives xmlText unchanged apart from escaping (no forbidden characters). */
// eslint-disable-next-line no-control-regex
const isXmlSafe = (s: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

const el = (name: string, text: string, attrs: Record<string, string | undefined> = {}) =>
  `<${name}${attrString(attrs)}>${xmlText(text)}</${name}>`;
function attrString(attrs: Record<string, string | number | undefined>): string {
  return Object.entries(attrs).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join('');
}

// ---------------------------------------------------------------- arguments

export const VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords'] as const;
export type Verb = (typeof VERBS)[number];
export type ErrorCode = 'badVerb' | 'badArgument' | 'cannotDisseminateFormat' | 'idDoesNotExist' | 'noRecordsMatch' | 'badResumptionToken' | 'noMetadataFormats' | 'noSetHierarchy';

/** Arguments each verb accepts: required ones, optional ones, and the exclusive resumptionToken. */
const ARGUMENTS: Record<Verb, { required: string[]; optional: string[]; token: boolean }> = {
  Identify: { required: [], optional: [], token: false },
  ListMetadataFormats: { required: [], optional: ['identifier'], token: false },
  ListSets: { required: [], optional: [], token: true },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [], token: false },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], token: true },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], token: true },
};

const METADATA_PREFIX = /^[A-Za-z0-9\-_.!~*'()]+$/;
const SET_SPEC = /^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/;

/** A from/until argument: day or second granularity, UTC. `start` is the first instant it covers, `end` the first
 *  instant after it (exclusive), so both bounds are inclusive at the argument's granularity. */
export interface UtcBound { text: string; granularity: 'day' | 'second'; start: Date; end: Date }

export function parseUtcBound(text: string): UtcBound | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1).filter((v) => v !== undefined).map(Number);
  if (y! < 1 || mo! < 1 || mo! > 12 || d! < 1 || h > 23 || mi > 59 || s > 59) return null;
  const start = new Date(Date.UTC(y!, mo! - 1, d!, h, mi, s));
  start.setUTCFullYear(y!); // years before 100 are not shifted by Date.UTC
  if (start.getUTCDate() !== d || start.getUTCMonth() !== mo! - 1) return null; // 2025-02-30
  const day = m[4] === undefined;
  return { text, granularity: day ? 'day' : 'second', start, end: new Date(start.getTime() + (day ? 86_400_000 : 1000)) };
}

/** `YYYY-MM-DDThh:mm:ssZ` of a date. */
export const utcSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

interface ListQuery { metadataPrefix: string; from?: string; until?: string; set?: string }
/** `total`: completeListSize as counted when the harvest began (counting what remains on every page would make a
 *  full harvest quadratic); the last page gives the exact size. */
interface ListToken extends ListQuery { verb: 'ListIdentifiers' | 'ListRecords'; after: { at: string; id: number }; cursor: number; total?: number }
interface SetsToken { verb: 'ListSets'; offset: number }
type Token = ListToken | SetsToken;

const TOKEN_SALT = 'rightshub-oai-1:';
const checksum = (payload: string) => createHash('sha256').update(TOKEN_SALT + payload).digest('base64url').slice(0, 12);

export function encodeToken(t: Token): string {
  const payload = Buffer.from(JSON.stringify(t), 'utf8').toString('base64url');
  return `${payload}.${checksum(payload)}`;
}

const KEY_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 2 ** 31;

/** The token's content, or null if it is not one of ours (changed, truncated, another verb's, malformed). */
export function decodeToken(token: string, verb: Verb): Token | null {
  const m = /^([A-Za-z0-9_-]{1,4000})\.([A-Za-z0-9_-]{12})$/.exec(token);
  if (!m || checksum(m[1]!) !== m[2]) return null;
  let t: Record<string, unknown>;
  try { t = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')); } catch { return null; }
  if (!t || typeof t !== 'object' || t.verb !== verb) return null;
  if (verb === 'ListSets') return isCount(t.offset) ? { verb, offset: t.offset } : null;
  const after = t.after as { at?: unknown; id?: unknown } | undefined;
  const str = (v: unknown) => v === undefined || typeof v === 'string';
  if (typeof t.metadataPrefix !== 'string' || !str(t.from) || !str(t.until) || !str(t.set) || !isCount(t.cursor)) return null;
  if (!after || typeof after.at !== 'string' || !KEY_AT.test(after.at) || !isCount(after.id)) return null;
  const q: ListToken = {
    verb: verb as ListToken['verb'], metadataPrefix: t.metadataPrefix, from: t.from as string | undefined, until: t.until as string | undefined,
    set: t.set as string | undefined, after: { at: after.at, id: after.id }, cursor: t.cursor,
    ...(isCount(t.total) ? { total: t.total } : {}),
  };
  if (checkListQuery(q)) return null;
  return q;
}

/** What is wrong with a list request's arguments (badArgument), or null. */
function checkListQuery(q: ListQuery): string | null {
  if (!METADATA_PREFIX.test(q.metadataPrefix)) return 'metadataPrefix has characters a metadata prefix cannot have';
  if (q.set !== undefined && !SET_SPEC.test(q.set)) return `set "${q.set}" is not a setSpec`;
  const from = q.from === undefined ? undefined : parseUtcBound(q.from);
  const until = q.until === undefined ? undefined : parseUtcBound(q.until);
  if (from === null) return 'from must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC)';
  if (until === null) return 'until must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC)';
  if (from && until && from.granularity !== until.granularity) return 'from and until must have the same granularity';
  if (from && until && from.start > until.start) return 'from is later than until';
  return null;
}

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
  book: 'Text', periodical_article: 'Text', news_article: 'Text', video: 'MovingImage', audio: 'Sound', infographic: 'StillImage',
  photo: 'StillImage', archival_document: 'Text', exhibition_catalogue: 'Text', social_media_post: 'Text', web_page: 'Text', other: null,
};

/** An organisation code as a setSpec segment: characters outside [A-Za-z0-9-_.] become `~XX` (UTF-8 bytes, hex),
 *  so any code fits the setSpec pattern and decodes back. Codes that follow the directory contract are unchanged. */
export function orgSetSegment(code: string): string {
  return Array.from(Buffer.from(code, 'utf8')).map((b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9\-_.]/.test(c) ? c : `~${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}
function orgCodeOfSegment(segment: string): string | null {
  if (!/^([A-Za-z0-9\-_.]|~[0-9A-F]{2})+$/.test(segment)) return null;
  const bytes: number[] = [];
  for (let i = 0; i < segment.length; i++) {
    if (segment[i] === '~') { bytes.push(parseInt(segment.slice(i + 1, i + 3), 16)); i += 2; } else bytes.push(segment.charCodeAt(i));
  }
  const code = Buffer.from(bytes).toString('utf8');
  return orgSetSegment(code) === segment ? code : null;
}

/** The records a setSpec selects, as a condition on `p` (library_products) and `o` (organisations); null = none. */
function setCondition(spec: string): SQL | null {
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

interface HeaderRow {
  id: number; status: 'published' | 'withdrawn'; kind: string; org_code: string; org_name: string;
  datestamp: string; key_at: string;
  date: string; rights: string | null; licence: string | null; url: string | null; isbn: string | null; publisher: string | null;
  edition_of_id: number | null;
}

const HEADER_COLUMNS = sql`p.id, p.status, p.kind, o.code as org_code, o.name_vi as org_name,
  to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as datestamp,
  to_char(p.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key_at,
  p.date::text as date, p.rights, p.licence, p.url, p.isbn, p.publisher, p.edition_of_id`;
const RECORDS = sql`library_products p join organisations o on o.id = p.organisation_id where p.status in ('published', 'withdrawn')`;

export const oaiIdentifier = (repo: OaiRepository, id: number) => `oai:${repo.host}:product/${id}`;

function productIdOf(repo: OaiRepository, identifier: string): number | null {
  const prefix = `oai:${repo.host}:product/`;
  if (!identifier.startsWith(prefix)) return null;
  const rest = identifier.slice(prefix.length);
  if (!/^[1-9]\d{0,9}$/.test(rest) || Number(rest) > 2 ** 31 - 1) return null;
  return Number(rest);
}

async function findRecord(db: Db, repo: OaiRepository, identifier: string): Promise<HeaderRow | null> {
  const id = productIdOf(repo, identifier);
  if (id === null) return null;
  const r = await rows<HeaderRow>(db, sql`select ${HEADER_COLUMNS} from ${RECORDS} and p.id = ${id}`);
  return r[0] ?? null;
}

/** ISO 639-3 → BCP 47 for xml:lang: the ISO 639-1 code where one exists (BCP 47 requires the shortest), else the
 *  3-letter code, which is a valid language subtag. Covers every language of data/reference/languages.csv. */
const ISO639_1: Record<string, string> = {
  vie: 'vi', eng: 'en', fra: 'fr', zho: 'zh', rus: 'ru', spa: 'es', jpn: 'ja', deu: 'de', lao: 'lo', tha: 'th', ind: 'id', kor: 'ko', khm: 'km',
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
    if (g) g.push(r); else m.set(r.product_id, [r]);
  }
  return m;
}

/** Everything the oai_dc records of these (published) products need, in five queries: texts, the languages and
 *  topics (one key lookup each in library_product_facets, topic names from press_topics in their order), relations
 *  and files. */
async function loadDetails(db: Db, ids: number[]): Promise<Details> {
  const empty: Details = { texts: new Map(), languages: new Map(), topics: new Map(), related: new Map(), files: new Map() };
  if (!ids.length) return empty;
  const list = intArray(ids); // one parameter, however many ids
  const [texts, facets, topicNames, related, files] = await Promise.all([
    rows<{ product_id: number; language: string; title: string; description: string | null }>(db,
      sql`select product_id, language, title, description from library_product_texts where product_id = any(${list}) order by product_id, position`),
    rows<{ product_id: number; languages: string[]; topic_ids: number[] }>(db,
      sql`select product_id, languages, topic_ids from library_product_facets where product_id = any(${list})`),
    rows<{ id: number; name_vi: string; name_en: string }>(db, sql`select id, name_vi, name_en from press_topics order by sort_order, id`),
    // Relations both ways, to published products only (a draft's number is not public; a withdrawn one is deleted).
    rows<{ product_id: number; other: number }>(db,
      sql`select r.from_id as product_id, r.to_id as other from library_relations r join library_products q on q.id = r.to_id and q.status = 'published'
          where r.from_id = any(${list})
          union
          select r.to_id as product_id, r.from_id as other from library_relations r join library_products q on q.id = r.from_id and q.status = 'published'
          where r.to_id = any(${list})
          union
          select p.id as product_id, p.edition_of_id as other from library_products p join library_products q on q.id = p.edition_of_id and q.status = 'published'
          where p.id = any(${list})
          order by 1, 2`),
    rows<{ product_id: number; id: number; media_type: string }>(db,
      sql`select product_id, id, media_type from library_files where product_id = any(${list}) order by product_id, id`),
  ]);
  const topicOrder = topicNames.map((t) => ({ ...t, id: Number(t.id) }));
  return {
    texts: group(texts),
    languages: new Map(facets.filter((f) => f.languages.length).map((f) => [Number(f.product_id), [...f.languages].sort()])),
    topics: new Map(facets.filter((f) => f.topic_ids.length).map((f) => {
      const mine = new Set(f.topic_ids.map(Number));
      return [Number(f.product_id), topicOrder.filter((t) => mine.has(t.id)).map(({ name_vi, name_en }) => ({ name_vi, name_en }))];
    })),
    related: new Map([...group(related)].map(([k, v]) => [k, v.map((r) => r.other).filter((o) => o !== k)])),
    files: group(files),
  };
}

function headerXml(repo: OaiRepository, r: HeaderRow): string {
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

function recordXml(repo: OaiRepository, r: HeaderRow, d: Details): string {
  if (r.status === 'withdrawn') return `<record>${headerXml(repo, r)}</record>`;
  return `<record>${headerXml(repo, r)}\n<metadata>\n${oaiDcXml(repo, r, d)}\n</metadata></record>`;
}

// ---------------------------------------------------------------- responses

interface OaiError { code: ErrorCode; message: string }
/** `stream`: a list's body, read and sent chunk by chunk. */
type Outcome = { errors: OaiError[] } | { body: string } | { stream: AsyncIterable<string> };
const fail = (code: ErrorCode, message: string): Outcome => ({ errors: [{ code, message }] });

function envelopeHead(repo: OaiRepository, request: Record<string, string | undefined>): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<OAI-PMH xmlns="${OAI_NS}" xmlns:xsi="${XSI_NS}" xsi:schemaLocation="${OAI_NS} ${OAI_SCHEMA}">`,
    el('responseDate', utcSeconds(repo.now())),
    el('request', repo.baseURL, request),
    '',
  ].join('\n');
}
const ENVELOPE_TAIL = '\n</OAI-PMH>\n';

function envelope(repo: OaiRepository, request: Record<string, string | undefined>, content: string): string {
  return envelopeHead(repo, request) + content + ENVELOPE_TAIL;
}

const errorsXml = (errors: OaiError[]) => errors.map((e) => el('error', e.message, { code: e.code })).join('\n');

/** A syntactically plausible URI (the identifier attribute of <request> is an anyURI). */
const URI_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]{0,2000}$/;

/**
 * Answers one OAI-PMH request. `args` are the request's arguments in order, as decoded from the query string or
 * the form body (repeats kept, so they can be refused). Always a complete OAI-PMH document; errors are in it.
 */
export async function handleOaiRequest(db: Db, repo: OaiRepository, args: [string, string][]): Promise<string> {
  let out = '';
  for await (const part of streamOaiRequest(db, repo, args)) out += part;
  return out;
}

/** The same answer in parts: a list's records are sent chunk by chunk as they are read (a page of ListRecords is
 *  never held whole in memory). Protocol errors are known before the first part. */
export async function* streamOaiRequest(db: Db, repo: OaiRepository, args: [string, string][]): AsyncGenerator<string> {
  const r = await prepareOaiRequest(db, repo, args);
  if (typeof r === 'string') { yield r; return; }
  yield r.head;
  yield* r.stream;
  yield ENVELOPE_TAIL;
}

async function prepareOaiRequest(db: Db, repo: OaiRepository, args: [string, string][]): Promise<string | { head: string; stream: AsyncIterable<string> }> {
  const verbs = args.filter(([k]) => k === 'verb').map(([, v]) => v);
  const verb = verbs[0] as Verb;
  if (verbs.length !== 1 || !VERBS.includes(verb)) {
    const message = verbs.length === 0 ? 'The verb argument is missing'
      : verbs.length > 1 ? 'The verb argument is repeated' : `"${verbs[0]}" is not an OAI-PMH verb`;
    return envelope(repo, {}, errorsXml([{ code: 'badVerb', message }]));
  }
  const badArgument = (message: string) => envelope(repo, {}, errorsXml([{ code: 'badArgument', message }]));
  const spec = ARGUMENTS[verb];
  const allowed = new Set([...spec.required, ...spec.optional, ...(spec.token ? ['resumptionToken'] : [])]);
  const a: Record<string, string> = {};
  for (const [k, v] of args) {
    if (k === 'verb') continue;
    if (!allowed.has(k)) return badArgument(`${verb} does not take the argument "${k}"`);
    if (k in a) return badArgument(`The argument "${k}" is repeated`);
    a[k] = v;
  }
  const token = a.resumptionToken;
  if (token !== undefined) {
    const others = Object.keys(a).filter((k) => k !== 'resumptionToken');
    if (others.length) return badArgument(`resumptionToken is an exclusive argument (also given: ${others.join(', ')})`);
  } else {
    const missing = spec.required.filter((k) => !(k in a));
    if (missing.length) return badArgument(`${verb} needs the argument${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
  if (a.metadataPrefix !== undefined || a.from !== undefined || a.until !== undefined || a.set !== undefined) {
    const problem = checkListQuery({ metadataPrefix: a.metadataPrefix ?? 'oai_dc', from: a.from, until: a.until, set: a.set });
    if (problem) return badArgument(problem);
  }
  if (a.identifier !== undefined && !a.identifier) return badArgument('identifier is empty');
  if (token !== undefined && !token) return badArgument('resumptionToken is empty');

  // The arguments are well formed: the request element echoes them.
  const echo: Record<string, string | undefined> = { verb, ...a };
  if (echo.identifier !== undefined && !(URI_LIKE.test(echo.identifier) && isXmlSafe(echo.identifier))) delete echo.identifier;
  if (echo.resumptionToken !== undefined && !isXmlSafe(echo.resumptionToken)) delete echo.resumptionToken;

  const outcome = await answer(db, repo, verb, a);
  if ('stream' in outcome) return { head: envelopeHead(repo, echo), stream: outcome.stream };
  return envelope(repo, echo, 'errors' in outcome ? errorsXml(outcome.errors) : outcome.body);
}

async function answer(db: Db, repo: OaiRepository, verb: Verb, a: Record<string, string>): Promise<Outcome> {
  switch (verb) {
    case 'Identify': return { body: await identify(db, repo) };
    case 'ListMetadataFormats': return listMetadataFormats(db, repo, a.identifier);
    case 'ListSets': return listSets(db, repo, a.resumptionToken);
    case 'GetRecord': return getRecord(db, repo, a.identifier!, a.metadataPrefix!);
    case 'ListIdentifiers':
    case 'ListRecords': return list(db, repo, verb, a);
  }
}

async function identify(db: Db, repo: OaiRepository): Promise<string> {
  const [r] = await rows<{ earliest: string | null }>(db,
    sql`select to_char(min(p.updated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as earliest from library_products p
        where p.status in ('published', 'withdrawn')`);
  return [
    '<Identify>',
    el('repositoryName', REPOSITORY_NAME),
    el('baseURL', repo.baseURL),
    el('protocolVersion', '2.0'),
    ...repo.adminEmails.map((e) => el('adminEmail', e)),
    el('earliestDatestamp', r?.earliest ?? PROGRAMME_START_DATESTAMP),
    el('deletedRecord', 'persistent'),
    el('granularity', 'YYYY-MM-DDThh:mm:ssZ'),
    '</Identify>',
  ].join('\n');
}

const OAI_DC_FORMAT = `<metadataFormat>${el('metadataPrefix', 'oai_dc')}${el('schema', OAI_DC_SCHEMA)}${el('metadataNamespace', OAI_DC_NS)}</metadataFormat>`;

async function listMetadataFormats(db: Db, repo: OaiRepository, identifier?: string): Promise<Outcome> {
  if (identifier !== undefined && !(await findRecord(db, repo, identifier))) return fail('idDoesNotExist', `No record has the identifier ${identifier}`);
  return { body: `<ListMetadataFormats>\n${OAI_DC_FORMAT}\n</ListMetadataFormats>` };
}

async function allSets(db: Db): Promise<{ spec: string; name: string }[]> {
  const orgs = await rows<{ code: string; name_vi: string }>(db,
    sql`select o.code, o.name_vi from organisations o
        where exists (select 1 from library_products p where p.organisation_id = o.id and p.status in ('published', 'withdrawn'))
        order by o.code, o.id`);
  return [
    { spec: 'kind', name: 'Theo loại sản phẩm' },
    ...PRODUCT_KINDS.map((k) => ({ spec: `kind:${k}`, name: KIND_NAME_VI[k] })),
    { spec: 'org', name: 'Theo cơ quan, tổ chức' },
    ...orgs.map((o) => ({ spec: `org:${orgSetSegment(o.code)}`, name: o.name_vi })),
  ];
}

async function listSets(db: Db, repo: OaiRepository, token?: string): Promise<Outcome> {
  let offset = 0;
  if (token !== undefined) {
    const t = decodeToken(token, 'ListSets');
    if (!t || t.verb !== 'ListSets') return fail('badResumptionToken', 'The resumptionToken is not valid');
    offset = t.offset;
  }
  const sets = await allSets(db);
  if (offset >= sets.length) return fail('badResumptionToken', 'The resumptionToken is past the end of the list');
  const page = sets.slice(offset, offset + repo.pageSize);
  const more = offset + page.length < sets.length;
  return {
    body: [
      '<ListSets>',
      ...page.map((s) => `<set>${el('setSpec', s.spec)}${el('setName', s.name)}</set>`),
      resumptionXml(offset, sets.length, more ? encodeToken({ verb: 'ListSets', offset: offset + page.length }) : null),
      '</ListSets>',
    ].filter(Boolean).join('\n'),
  };
}

/** The resumptionToken element: none on a complete first page, an empty one on the last page of a list. */
function resumptionXml(cursor: number, completeListSize: number, next: string | null): string {
  if (next === null && cursor === 0) return '';
  return `<resumptionToken${attrString({ completeListSize, cursor })}>${next === null ? '' : xmlText(next)}</resumptionToken>`;
}

async function getRecord(db: Db, repo: OaiRepository, identifier: string, metadataPrefix: string): Promise<Outcome> {
  const errors: OaiError[] = [];
  if (metadataPrefix !== 'oai_dc') errors.push({ code: 'cannotDisseminateFormat', message: `The metadata format "${metadataPrefix}" is not available; use oai_dc` });
  const r = await findRecord(db, repo, identifier);
  if (!r) errors.push({ code: 'idDoesNotExist', message: `No record has the identifier ${identifier}` });
  if (errors.length || !r) return { errors };
  const d = await loadDetails(db, r.status === 'published' ? [r.id] : []);
  return { body: `<GetRecord>\n${recordXml(repo, r, d)}\n</GetRecord>` };
}

async function list(db: Db, repo: OaiRepository, verb: 'ListIdentifiers' | 'ListRecords', a: Record<string, string>): Promise<Outcome> {
  let q: ListQuery;
  let after: ListToken['after'] | null = null;
  let cursor = 0;
  let total: number | null = null;
  if (a.resumptionToken !== undefined) {
    const t = decodeToken(a.resumptionToken, verb);
    if (!t || t.verb === 'ListSets') return fail('badResumptionToken', 'The resumptionToken is not valid');
    q = { metadataPrefix: t.metadataPrefix, from: t.from, until: t.until, set: t.set };
    after = t.after;
    cursor = t.cursor;
    total = t.total ?? null;
  } else {
    q = { metadataPrefix: a.metadataPrefix!, from: a.from, until: a.until, set: a.set };
  }
  if (q.metadataPrefix !== 'oai_dc') return fail('cannotDisseminateFormat', `The metadata format "${q.metadataPrefix}" is not available; use oai_dc`);

  const conditions: SQL[] = [];
  const from = q.from === undefined ? null : parseUtcBound(q.from);
  const until = q.until === undefined ? null : parseUtcBound(q.until);
  if (from) conditions.push(sql`p.updated_at >= ${from.start.toISOString()}::timestamptz`);
  if (until) conditions.push(sql`p.updated_at < ${until.end.toISOString()}::timestamptz`);
  if (q.set !== undefined) {
    const c = setCondition(q.set);
    if (!c) return fail('noRecordsMatch', `No set "${q.set}" in this repository`);
    conditions.push(c);
  }
  const filter = conditions.length ? sql` and ${sql.join(conditions, sql` and `)}` : sql``;
  // Read in chunks along the (updated_at, id) index of the records or of the set (migration 0019); each chunk's
  // details in five batched queries, its XML sent before the next chunk is read.
  const read = (from: ListToken['after'] | null, n: number) => rows<HeaderRow>(db, sql`select ${HEADER_COLUMNS} from ${RECORDS}${filter}${
    from ? sql` and (p.updated_at, p.id) > (${from.at}::timestamptz, ${from.id})` : sql``} order by p.updated_at, p.id limit ${n}`);
  const chunk = Math.min(CHUNK, repo.pageSize);
  let batch = await read(after, chunk + 1);
  if (!batch.length) return fail('noRecordsMatch', 'No record matches the request');
  const stream = async function* () {
    yield `<${verb}>\n`;
    let shown = 0, more: boolean;
    let last: HeaderRow;
    for (;;) {
      const want = Math.min(chunk, repo.pageSize - shown);
      const part = batch.slice(0, want);
      more = batch.length > want;
      if (verb === 'ListIdentifiers') yield part.map((r) => `${headerXml(repo, r)}\n`).join('');
      else {
        const d = await loadDetails(db, part.filter((r) => r.status === 'published').map((r) => r.id));
        yield part.map((r) => `${recordXml(repo, r, d)}\n`).join('');
      }
      shown += part.length;
      last = part[part.length - 1]!;
      if (!more || shown >= repo.pageSize) break;
      batch = await read({ at: last.key_at, id: last.id }, Math.min(chunk, repo.pageSize - shown) + 1);
      if (!batch.length) { more = false; break; }
    }
    // completeListSize: counted once, on the first page (exact then); on the last page exactly what was returned, so
    // a list that grew during the harvest ends with its true size; in between at least what is known to exist.
    if (total === null && more) total = Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from ${RECORDS}${filter}`))[0]?.n ?? 0);
    const size = more ? Math.max(total ?? 0, cursor + shown + 1) : cursor + shown;
    const next = more ? encodeToken({ verb, ...q, after: { at: last!.key_at, id: last!.id }, cursor: cursor + shown, total: size }) : null;
    const tokenXml = resumptionXml(cursor, size, next);
    yield `${tokenXml ? `${tokenXml}\n` : ''}</${verb}>`;
  };
  return { stream: stream() };
}
