// OAI-PMH (library.oai.ts): the repository (names, base URL, admin e-mail, page sizes) and XML text escaping.
import { isIP } from 'node:net';

export const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';
export const OAI_SCHEMA = 'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd';
export const OAI_DC_NS = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const OAI_DC_SCHEMA = 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export const REPOSITORY_NAME = 'RightsHub — Thư viện Đề án truyền thông về quyền con người';
/** earliestDatestamp while the repository has no record: the first day of the programme period 2023–2028. */
export const PROGRAMME_START_DATESTAMP = '2023-01-01T00:00:00Z';
/** adminEmail when BASE_URL's host is not a domain name (localhost, an IP address). */
export const FALLBACK_ADMIN_EMAIL = 'thuvien@rightshub.example.vn';
/** Records per list response: large pages keep a full harvest's round trips few (they are streamed, see CHUNK). */
export const DEFAULT_PAGE_SIZE = 500;
/** Records read (and their details batched) per query while a list response is streamed. */
export const CHUNK = 250;

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
  if (!adminEmails.length || bad.length)
    throw new Error(`OAI-PMH adminEmail must be e-mail addresses (got ${JSON.stringify(adminEmails)})`);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new Error(`OAI-PMH pageSize must be 1…1000 (got ${pageSize})`);
  return {
    origin,
    baseURL: `${origin}/oai`,
    host: new URL(origin).hostname,
    adminEmails,
    pageSize,
    now: options.now ?? (() => new Date()),
  };
}

// ---------------------------------------------------------------- XML

/** What XML 1.0 forbids: C0 controls but tab/LF/CR, U+FFFE/U+FFFF, unpaired surrogates. */
/* eslint-disable no-control-regex -- these control characters are what is looked for */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/* eslint-enable no-control-regex */
const XML_FORBIDDEN_ALL = new RegExp(XML_FORBIDDEN.source, 'g');

/** Drops what XML 1.0 forbids, escapes the rest. */
export function xmlText(s: string): string {
  return s
    .replace(XML_FORBIDDEN_ALL, '')
    .replace(/[&<>"'\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' })[c]!);
}
/** An attribute value: as text, and tab/LF kept as character references (attribute values are normalised). */
const xmlAttr = (s: string) => xmlText(s).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
/** True when the string survives xmlText unchanged apart from escaping (no forbidden characters). */
export const isXmlSafe = (s: string) => !XML_FORBIDDEN.test(s);

export const el = (name: string, text: string, attrs: Record<string, string | undefined> = {}) =>
  `<${name}${attrString(attrs)}>${xmlText(text)}</${name}>`;
export function attrString(attrs: Record<string, string | number | undefined>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}
