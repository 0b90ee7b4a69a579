// Input hygiene every route and service shares, so no route can forget it:
// - text that PostgreSQL cannot store (NUL) or an XML export cannot carry (the other C0 controls but tab, LF and CR,
//   lone surrogates) and Unicode non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF, U+nFFFE/U+nFFFF) is refused with
//   the field named: a hook on every request (params, query string, body) and parseInput (imports, CLI, services);
// - integers are bounded to PostgreSQL's integer (−2³¹ … 2³¹−1) unless the contract sets a wider bound itself, so an
//   id of 2³¹ is a 400 naming the field instead of a database error: the validator compiler of every route and
//   parseInput, walking the contract beside the parsed value.
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError } from './errors.js';

export type InputIssue = { row?: number; field: string; message: string };
type Path = (string | number)[];

const SUPPLEMENTARY_NONCHARS = Array.from(
  { length: 16 },
  (_, i) => `\\u{${(i + 1).toString(16)}FFFE}\\u{${(i + 1).toString(16)}FFFF}`,
).join('');
// With the u flag, [\uD800-\uDFFF] matches only a surrogate that is not part of a pair.
const UNSTORABLE_SOURCE = `[\\0-\\x08\\x0B\\x0C\\x0E-\\x1F\\uD800-\\uDFFF\\uFDD0-\\uFDEF\\uFFFE\\uFFFF${SUPPLEMENTARY_NONCHARS}]`;
const UNSTORABLE = new RegExp(UNSTORABLE_SOURCE, 'u');
const UNSTORABLE_ALL = new RegExp(UNSTORABLE_SOURCE, 'gu');

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function describe(c: string): string {
  const cp = c.codePointAt(0)!;
  if (cp === 0) return 'a NUL character (U+0000)';
  if (cp < 0x20) return `the control character ${codePoint(c)}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `a broken character (lone surrogate ${codePoint(c)})`;
  return `the Unicode non-character ${codePoint(c)}`;
}

/** Why `s` cannot be stored and exported as it is, or null when it can. */
export function unstorableText(s: string): string | null {
  const m = UNSTORABLE.exec(s);
  if (!m) return null;
  return `must not contain ${describe(m[0])} (at character ${[...s.slice(0, m.index)].length + 1})`;
}

/** `s` without the characters unstorableText refuses: for text that arrives by machine (feeds, fetched pages). */
export const stripUnstorable = (s: string) => (UNSTORABLE.test(s) ? s.replace(UNSTORABLE_ALL, '') : s);

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  // The query string parser's objects have a prototype without one (fast-querystring's `new Empty()`).
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null;
};

export const fieldName = (path: Path) => path.map(String).join('.') || '(input)';
const MAX_ISSUES = 20;

/** Every string (and object key) in `value` that cannot be stored, with its field path. */
export function textIssues(value: unknown, path: Path = [], out: InputIssue[] = []): InputIssue[] {
  if (out.length >= MAX_ISSUES) return out;
  if (typeof value === 'string') {
    const why = unstorableText(value);
    if (why) out.push({ field: fieldName(path), message: why });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => textIssues(v, [...path, i], out));
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const why = unstorableText(k);
      if (why) out.push({ field: fieldName([...path, k]), message: `the name ${why}` });
      else textIssues(v, [...path, k], out);
    }
  }
  return out;
}

export const INT_MAX = 2_147_483_647;
export const INT_MIN = -2_147_483_648;

type Def = {
  type: string;
  innerType?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
};
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } })?._zod?.def;

/** Integers of `value` (parsed with `schema`) outside PostgreSQL's integer where the contract gave no wider bound. */
export function intRangeIssues(schema: unknown, value: unknown, path: Path = [], out: InputIssue[] = []): InputIssue[] {
  const def = defOf(schema);
  if (!def || value === undefined || value === null || out.length >= MAX_ISSUES) return out;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return intRangeIssues(def.innerType, value, path, out);
    case 'pipe':
      return intRangeIssues(def.out, value, path, out);
    case 'lazy':
      return intRangeIssues(def.getter!(), value, path, out);
    case 'object':
      if (isPlainObject(value)) for (const [k, s] of Object.entries(def.shape ?? {})) intRangeIssues(s, value[k], [...path, k], out);
      return out;
    case 'array':
      if (Array.isArray(value)) value.forEach((v, i) => intRangeIssues(def.element, v, [...path, i], out));
      return out;
    case 'tuple':
      if (Array.isArray(value)) value.forEach((v, i) => intRangeIssues(def.items![i] ?? def.rest, v, [...path, i], out));
      return out;
    case 'record':
      if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) intRangeIssues(def.valueType, v, [...path, k], out);
      return out;
    case 'union': {
      const option = def.options!.find((o) => (o as z.ZodType).safeParse(value).success);
      return option ? intRangeIssues(option, value, path, out) : out;
    }
    case 'intersection':
      intRangeIssues(def.left, value, path, out);
      return intRangeIssues(def.right, value, path, out);
    case 'number': {
      const n = schema as z.ZodNumber;
      if (typeof value !== 'number' || !n.isInt) return out;
      // `.int()` alone means "safe integer"; a bound the contract set beyond PostgreSQL's integer is kept.
      if (value > INT_MAX && (n.maxValue ?? Infinity) >= Number.MAX_SAFE_INTEGER)
        out.push({ field: fieldName(path), message: `must be at most ${INT_MAX}` });
      if (value < INT_MIN && (n.minValue ?? -Infinity) <= Number.MIN_SAFE_INTEGER)
        out.push({ field: fieldName(path), message: `must be at least ${INT_MIN}` });
      return out;
    }
    default:
      return out;
  }
}

/** The one error of bad input: validation_failed, every field named (and the row, for imports). */
export function inputError(issues: InputIssue[], row?: number): AppError {
  const details = issues.map((i) => ({ ...(row !== undefined ? { row } : {}), field: i.field, message: i.message }));
  return new AppError('validation_failed', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
}

/** fastify-type-provider-zod's validator, then the integer bounds; fields are named like its errors (`params.id`,
 *  `querystring.q`, body fields by their path). */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = zodValidatorCompiler(route);
  const prefix: Path = route.httpPart && route.httpPart !== 'body' ? [route.httpPart] : [];
  return (data: unknown) => {
    const r = validate(data) as { value?: unknown; error?: Error };
    if (r.error) return r;
    const issues = intRangeIssues(route.schema, r.value, prefix);
    return issues.length ? { error: inputError(issues) } : r;
  };
};

/** Installs both checks on every route registered after it (call before the modules' routes). */
export function installInputChecks(app: FastifyInstance) {
  app.setValidatorCompiler(validatorCompiler);
  app.addHook('preValidation', async (req) => {
    const issues = textIssues(req.params, ['params']);
    textIssues(req.query, ['querystring'], issues);
    textIssues(req.body, [], issues);
    if (issues.length) throw inputError(issues);
  });
}
