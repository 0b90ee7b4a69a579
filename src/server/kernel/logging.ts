// What the log may say about an error. A failed query's bound parameters (drizzle and PGlite attach them; drizzle
// also writes them into its message) and PostgreSQL's DETAIL ("Key (username)=(…)", "Failing row contains (…)") carry
// personal data and password hashes: they are never logged. Kept: the error's type, message (a parameter's value
// quoted in it is blanked), the SQL text with its placeholders, the stack frames, SQLSTATE and the names of the
// table, column and constraint, and the same for its causes. Used as the logger's `err` serializer, so every
// `log.error({ err })` goes through it.

const KEEP = ['code', 'statusCode', 'severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;
const REDACTED = '[redacted]';

function paramTexts(p: unknown): string[] {
  if (p === null || p === undefined || typeof p === 'boolean') return [];
  if (typeof p === 'string') return [p];
  if (typeof p === 'number' || typeof p === 'bigint') return [String(p)];
  if (p instanceof Date) return Number.isNaN(p.getTime()) ? [] : [p.toISOString()];
  if (Array.isArray(p)) return p.flatMap(paramTexts);
  if (typeof p === 'object' && !(p instanceof Uint8Array)) {
    try {
      return [JSON.stringify(p)];
    } catch {
      return [];
    }
  }
  return [];
}

/** `s` with every parameter's value blanked: quoted anywhere, and bare when long enough not to be an ordinary word. */
function blank(s: string, secrets: string[]): string {
  let out = s;
  for (const v of secrets) {
    if (!v) continue;
    out = out.split(`"${v}"`).join(`"${REDACTED}"`);
    if (v.length >= 4) out = out.split(v).join(REDACTED);
  }
  return out;
}

export type SafeError = { type: string; message: string; stack: string; cause?: SafeError; errors?: SafeError[] } & Record<string, unknown>;

export function safeError(err: unknown, secrets: string[] = [], depth = 0): SafeError {
  if (typeof err !== 'object' || err === null) return { type: typeof err, message: String(err), stack: '' };
  const e = err as Error & Record<string, unknown>;
  const params = Array.isArray(e.params) ? e.params : [];
  const known = params.length ? [...secrets, ...params.flatMap(paramTexts)] : secrets;
  // drizzle's message is "Failed query: <sql>\nparams: <values>": the SQL stays, the values go.
  const message = blank(String(e.message ?? '').split('\nparams: ')[0]!, known);
  const type = (e.constructor && e.constructor !== Object ? e.constructor.name : undefined) ?? String(e.name ?? 'Error');
  const frames = typeof e.stack === 'string' ? e.stack.split('\n').filter((l) => /^\s+at /.test(l)) : [];
  const out: SafeError = { type, message, stack: frames.length ? [`${String(e.name ?? type)}: ${message}`, ...frames].join('\n') : '' };
  for (const k of KEEP) if (typeof e[k] === 'string' || typeof e[k] === 'number') out[k] = e[k];
  if (depth < 5 && e.cause !== undefined) out.cause = safeError(e.cause, known, depth + 1);
  if (depth < 5 && Array.isArray(e.errors)) out.errors = e.errors.slice(0, 10).map((x) => safeError(x, known, depth + 1));
  return out;
}
