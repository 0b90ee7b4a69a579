// OAI-PMH (library.oai.ts): the verbs and their arguments, from/until bounds, resumption tokens (opaque,
// checksummed keyset cursors: see library.oai.ts).
import { createHash } from 'node:crypto';

// ---------------------------------------------------------------- arguments

export const VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords'] as const;
export type Verb = (typeof VERBS)[number];
export type ErrorCode =
  | 'badVerb'
  | 'badArgument'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'badResumptionToken'
  | 'noMetadataFormats'
  | 'noSetHierarchy';

/** Arguments each verb accepts: required ones, optional ones, and the exclusive resumptionToken. */
export const ARGUMENTS: Record<Verb, { required: string[]; optional: string[]; token: boolean }> = {
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
export interface UtcBound {
  text: string;
  granularity: 'day' | 'second';
  start: Date;
  end: Date;
}

export function parseUtcBound(text: string): UtcBound | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})Z)?$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m
    .slice(1)
    .filter((v) => v !== undefined)
    .map(Number);
  if (y! < 1 || mo! < 1 || mo! > 12 || d! < 1 || h > 23 || mi > 59 || s > 59) return null;
  const start = new Date(Date.UTC(y!, mo! - 1, d!, h, mi, s));
  start.setUTCFullYear(y!); // years before 100 are not shifted by Date.UTC
  if (start.getUTCDate() !== d || start.getUTCMonth() !== mo! - 1) return null; // 2025-02-30
  const day = m[4] === undefined;
  return { text, granularity: day ? 'day' : 'second', start, end: new Date(start.getTime() + (day ? 86_400_000 : 1000)) };
}

/** `YYYY-MM-DDThh:mm:ssZ` of a date. */
export const utcSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface ListQuery {
  metadataPrefix: string;
  from?: string;
  until?: string;
  set?: string;
}
/** `total`: completeListSize as counted when the harvest began (counting what remains on every page would make a
 *  full harvest quadratic); the last page gives the exact size. */
export interface ListToken extends ListQuery {
  verb: 'ListIdentifiers' | 'ListRecords';
  after: { at: string; id: number };
  cursor: number;
  total?: number;
}
interface SetsToken {
  verb: 'ListSets';
  offset: number;
}
type Token = ListToken | SetsToken;

const TOKEN_SALT = 'rightshub-oai-1:';
const checksum = (payload: string) =>
  createHash('sha256')
    .update(TOKEN_SALT + payload)
    .digest('base64url')
    .slice(0, 12);

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
  try {
    t = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!t || typeof t !== 'object' || t.verb !== verb) return null;
  if (verb === 'ListSets') return isCount(t.offset) ? { verb, offset: t.offset } : null;
  const after = t.after as { at?: unknown; id?: unknown } | undefined;
  const str = (v: unknown) => v === undefined || typeof v === 'string';
  if (typeof t.metadataPrefix !== 'string' || !str(t.from) || !str(t.until) || !str(t.set) || !isCount(t.cursor)) return null;
  if (!after || typeof after.at !== 'string' || !KEY_AT.test(after.at) || !isCount(after.id)) return null;
  const q: ListToken = {
    verb: verb as ListToken['verb'],
    metadataPrefix: t.metadataPrefix,
    from: t.from as string | undefined,
    until: t.until as string | undefined,
    set: t.set as string | undefined,
    after: { at: after.at, id: after.id },
    cursor: t.cursor,
    ...(isCount(t.total) ? { total: t.total } : {}),
  };
  if (checkListQuery(q)) return null;
  return q;
}

/** What is wrong with a list request's arguments (badArgument), or null. */
export function checkListQuery(q: ListQuery): string | null {
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
