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
// Parts: library.oai.repository.ts (names, page sizes, XML escaping), library.oai.args.ts (arguments, tokens),
// library.oai.records.ts (sets, headers, oai_dc); this file answers the verbs.
import { sql, type SQL } from 'drizzle-orm';
import { PRODUCT_KINDS } from '../../../shared/contracts/library.js';
import { rows, type Db } from '../../kernel/db.js';
import {
  attrString,
  CHUNK,
  el,
  isXmlSafe,
  OAI_DC_NS,
  OAI_DC_SCHEMA,
  OAI_NS,
  OAI_SCHEMA,
  type OaiRepository,
  PROGRAMME_START_DATESTAMP,
  REPOSITORY_NAME,
  xmlText,
  XSI_NS,
} from './library.oai.repository.js';
import {
  ARGUMENTS,
  checkListQuery,
  decodeToken,
  encodeToken,
  type ErrorCode,
  type ListQuery,
  type ListToken,
  parseUtcBound,
  utcSeconds,
  type Verb,
  VERBS,
} from './library.oai.args.js';
import {
  findRecord,
  HEADER_COLUMNS,
  type HeaderRow,
  headerXml,
  KIND_NAME_VI,
  loadDetails,
  orgSetSegment,
  RECORDS,
  recordXml,
  setCondition,
} from './library.oai.records.js';

// ---------------------------------------------------------------- responses

interface OaiError {
  code: ErrorCode;
  message: string;
}
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
  if (typeof r === 'string') {
    yield r;
    return;
  }
  yield r.head;
  yield* r.stream;
  yield ENVELOPE_TAIL;
}

async function prepareOaiRequest(
  db: Db,
  repo: OaiRepository,
  args: [string, string][],
): Promise<string | { head: string; stream: AsyncIterable<string> }> {
  const verbs = args.filter(([k]) => k === 'verb').map(([, v]) => v);
  const verb = verbs[0] as Verb;
  if (verbs.length !== 1 || !VERBS.includes(verb)) {
    const message =
      verbs.length === 0
        ? 'The verb argument is missing'
        : verbs.length > 1
          ? 'The verb argument is repeated'
          : `"${verbs[0]}" is not an OAI-PMH verb`;
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
    case 'Identify':
      return { body: await identify(db, repo) };
    case 'ListMetadataFormats':
      return listMetadataFormats(db, repo, a.identifier);
    case 'ListSets':
      return listSets(db, repo, a.resumptionToken);
    case 'GetRecord':
      return getRecord(db, repo, a.identifier!, a.metadataPrefix!);
    case 'ListIdentifiers':
    case 'ListRecords':
      return list(db, repo, verb, a);
  }
}

async function identify(db: Db, repo: OaiRepository): Promise<string> {
  const [r] = await rows<{ earliest: string | null }>(
    db,
    sql`select to_char(min(p.updated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as earliest from library_products p
        where p.status in ('published', 'withdrawn')`,
  );
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
  if (identifier !== undefined && !(await findRecord(db, repo, identifier)))
    return fail('idDoesNotExist', `No record has the identifier ${identifier}`);
  return { body: `<ListMetadataFormats>\n${OAI_DC_FORMAT}\n</ListMetadataFormats>` };
}

async function allSets(db: Db): Promise<{ spec: string; name: string }[]> {
  const orgs = await rows<{ code: string; name_vi: string }>(
    db,
    sql`select o.code, o.name_vi from organisations o
        where exists (select 1 from library_products p where p.organisation_id = o.id and p.status in ('published', 'withdrawn'))
        order by o.code, o.id`,
  );
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
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

/** The resumptionToken element: none on a complete first page, an empty one on the last page of a list. */
function resumptionXml(cursor: number, completeListSize: number, next: string | null): string {
  if (next === null && cursor === 0) return '';
  return `<resumptionToken${attrString({ completeListSize, cursor })}>${next === null ? '' : xmlText(next)}</resumptionToken>`;
}

async function getRecord(db: Db, repo: OaiRepository, identifier: string, metadataPrefix: string): Promise<Outcome> {
  const errors: OaiError[] = [];
  if (metadataPrefix !== 'oai_dc')
    errors.push({ code: 'cannotDisseminateFormat', message: `The metadata format "${metadataPrefix}" is not available; use oai_dc` });
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
  if (q.metadataPrefix !== 'oai_dc')
    return fail('cannotDisseminateFormat', `The metadata format "${q.metadataPrefix}" is not available; use oai_dc`);

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
  const read = (from: ListToken['after'] | null, n: number) =>
    rows<HeaderRow>(
      db,
      sql`select ${HEADER_COLUMNS} from ${RECORDS}${filter}${
        from ? sql` and (p.updated_at, p.id) > (${from.at}::timestamptz, ${from.id})` : sql``
      } order by p.updated_at, p.id limit ${n}`,
    );
  const chunk = Math.min(CHUNK, repo.pageSize);
  let batch = await read(after, chunk + 1);
  if (!batch.length) return fail('noRecordsMatch', 'No record matches the request');
  const stream = async function* () {
    yield `<${verb}>\n`;
    let shown = 0,
      more: boolean;
    let last: HeaderRow;
    for (;;) {
      const want = Math.min(chunk, repo.pageSize - shown);
      const part = batch.slice(0, want);
      more = batch.length > want;
      if (verb === 'ListIdentifiers') yield part.map((r) => `${headerXml(repo, r)}\n`).join('');
      else {
        const d = await loadDetails(
          db,
          part.filter((r) => r.status === 'published').map((r) => r.id),
        );
        yield part.map((r) => `${recordXml(repo, r, d)}\n`).join('');
      }
      shown += part.length;
      last = part[part.length - 1]!;
      if (!more || shown >= repo.pageSize) break;
      batch = await read({ at: last.key_at, id: last.id }, Math.min(chunk, repo.pageSize - shown) + 1);
      if (!batch.length) {
        more = false;
        break;
      }
    }
    // completeListSize: counted once, on the first page (exact then); on the last page exactly what was returned, so
    // a list that grew during the harvest ends with its true size; in between at least what is known to exist.
    if (total === null && more)
      total = Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from ${RECORDS}${filter}`))[0]?.n ?? 0);
    const size = more ? Math.max(total ?? 0, cursor + shown + 1) : cursor + shown;
    const next = more ? encodeToken({ verb, ...q, after: { at: last!.key_at, id: last!.id }, cursor: cursor + shown, total: size }) : null;
    const tokenXml = resumptionXml(cursor, size, next);
    yield `${tokenXml ? `${tokenXml}\n` : ''}</${verb}>`;
  };
  return { stream: stream() };
}
