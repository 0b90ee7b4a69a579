// Input hygiene on every route of the OpenAPI document, so a new route cannot miss it: a NUL in any string (path,
// query string, every field of a JSON body, sign-in included) and 2^31 in any integer path or query parameter answer
// 400 naming the field, never 500; text an export cannot carry (U+FFFE and the other non-characters, control
// characters, broken surrogates) is refused the same way, in uploads' text fields and in imports too.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser } from '../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../test/test-db.js';
import { intRangeIssues, stripUnstorable, unstorableText } from './input.js';
import { parseInput } from './validate.js';
import { z } from 'zod';

type Schema = {
  type?: string;
  enum?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean;
  required?: string[];
};
type Parameter = { in: string; name: string; required?: boolean; schema?: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Session;
let routes: { path: string; method: string; op: Operation }[];
beforeAll(async () => {
  t = await testApp();
  const u = await makeUser(t.db, 'admin');
  admin = await signIn(t.app, u.username, u.password);
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, Operation>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
});

const NUL = '\u0000';
const BIG = '2147483648';
const sample = (s?: Schema) => (s?.type === 'integer' || s?.type === 'number' ? '1' : (s?.enum?.[0] ?? 'x'));
const params = (op: Operation, where: string) => (op.parameters ?? []).filter((p) => p.in === where);
function url(path: string, op: Operation, over: Record<string, string> = {}, query: Record<string, string> = {}) {
  const p = path.replace(/\{([^}]+)\}/g, (_, n: string) =>
    encodeURIComponent(over[n] ?? sample(params(op, 'path').find((x) => x.name === n)?.schema)),
  );
  const q = new URLSearchParams(query).toString();
  return q ? `${p}?${q}` : p;
}

/** Every string leaf of a JSON schema: its path (arrays at index 0), for a body holding a NUL there and nothing else. */
function stringLeaves(s: Schema | undefined, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (!s || path.length > 8) return out;
  for (const o of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) stringLeaves(o, path, out);
  if (s.type === 'string') out.push(path);
  if (s.properties) for (const [k, v] of Object.entries(s.properties)) stringLeaves(v, [...path, k], out);
  if (s.items) stringLeaves(s.items, [...path, 0], out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') stringLeaves(s.additionalProperties, [...path, 'k'], out);
  return out;
}
function bodyWith(path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [bodyWith(rest, value)] : { [head!]: bodyWith(rest, value) };
}

async function expectRefused(method: string, u: string, field: string, payload?: unknown) {
  const r = await t.app.inject({
    method: method as 'GET',
    url: u,
    headers: admin.headers,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  const label = `${method} ${u} ${payload === undefined ? '' : JSON.stringify(payload)}`;
  expect(r.statusCode, `${label} → ${r.body.slice(0, 300)}`).toBe(400);
  expect(
    r.json().error.details.map((d: { field: string }) => d.field),
    label,
  ).toContain(field);
}

describe('every route of the OpenAPI document', () => {
  it('is walked (the document lists the API, the workspace and the portal)', () => {
    expect(routes.length).toBeGreaterThan(200);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /api/auth/login', 'GET /api/organisations/{id}', 'GET /tin-tuc/{id}']),
    );
  });

  it('refuses 2^31 in an integer path parameter, naming it; a string path parameter holding it is no error either', async () => {
    let n = 0;
    for (const { path, method, op } of routes) {
      if (path.startsWith('/api/docs')) continue;
      for (const p of params(op, 'path')) {
        if (p.schema?.type === 'integer') {
          await expectRefused(method, url(path, op, { [p.name]: BIG }), `params.${p.name}`);
          n++;
        } else {
          const r = await t.app.inject({ method: method as 'GET', url: url(path, op, { [p.name]: BIG }), headers: admin.headers });
          expect(r.statusCode, `${method} ${path} with ${p.name}=${BIG}: ${r.body.slice(0, 200)}`).toBeLessThan(500);
        }
      }
    }
    expect(n).toBeGreaterThan(90);
  });

  it('refuses a NUL in any path or query parameter, naming it', async () => {
    let n = 0;
    for (const { path, method, op } of routes) {
      if (path.startsWith('/api/docs')) continue;
      for (const p of params(op, 'path')) {
        await expectRefused(method, url(path, op, { [p.name]: `a${NUL}b` }), `params.${p.name}`);
        n++;
      }
      for (const p of params(op, 'query')) {
        await expectRefused(method, url(path, op, {}, { [p.name]: `a${NUL}b` }), `querystring.${p.name}`);
        n++;
      }
    }
    expect(n).toBeGreaterThan(300);
  });

  it('refuses 2^31 in an integer query parameter, naming it', async () => {
    let n = 0;
    for (const { path, method, op } of routes) {
      const query = params(op, 'query');
      for (const p of query.filter((x) => x.schema?.type === 'integer')) {
        // Other required parameters would be refused first: give them a value a later check may still refuse.
        if (query.some((x) => x !== p && x.required)) continue;
        await expectRefused(method, url(path, op, {}, { [p.name]: BIG }), `querystring.${p.name}`);
        n++;
      }
    }
    expect(n).toBeGreaterThan(30);
  });

  it('refuses a NUL in any string field of a JSON body (sign-in included), naming the field', async () => {
    let n = 0;
    for (const { path, method, op } of routes) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const seen = new Set<string>();
      for (const leaf of stringLeaves(schema)) {
        const field = leaf.join('.') || '(input)';
        if (seen.has(field)) continue;
        seen.add(field);
        await expectRefused(method, url(path, op), field, bodyWith(leaf, `a${NUL}b`));
        n++;
      }
    }
    expect(n).toBeGreaterThan(250);
  });
});

describe('text an export cannot carry', () => {
  it('names the character and where it is; strips it from text that arrives by machine', () => {
    expect(unstorableText('Quyền con người\tở Việt Nam\r\n😀')).toBeNull();
    expect(unstorableText('ab\uFFFEc')).toBe('must not contain the Unicode non-character U+FFFE (at character 3)');
    expect(unstorableText('😀\u{10FFFF}')).toBe('must not contain the Unicode non-character U+10FFFF (at character 2)');
    expect(unstorableText('x\uFDD0')).toMatch(/U\+FDD0/);
    expect(unstorableText('x\u000Bx')).toMatch(/control character U\+000B/);
    expect(unstorableText('x\uD800x')).toMatch(/lone surrogate U\+D800/);
    expect(unstorableText('\u0000')).toMatch(/NUL/);
    expect(stripUnstorable('a\u0000b\uFFFEc\uFFFF😀')).toBe('abc😀');
  });

  it('refuses a product holding U+FFFE (and its kin) with the field named, and the Excel export opens', async () => {
    const org = await makeOrg(t.db);
    const product = (title: string) => ({
      kind: 'web_page',
      organisationId: org.id,
      texts: [{ language: 'vie', title, description: 'Mô tả' }],
      languages: ['vie'],
      channel: 'website',
      date: '2026-03-01',
      url: 'https://example.org/a',
    });
    for (const bad of ['\uFFFE', '\uFFFF', '\uFDD0', '\u{1FFFE}', '\u000B', '\u0001', '\uDC00']) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/library/products',
        headers: admin.headers,
        payload: product(`Tài liệu ${bad} hỏng`),
      });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().error.details).toEqual([{ field: 'texts.0.title', message: expect.stringMatching(/must not contain/) }]);
    }
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/library/products',
      headers: admin.headers,
      payload: product('Tài liệu\tđúng 😀'),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const x = await t.app.inject({ method: 'GET', url: '/api/library/products/export.xlsx', headers: admin.headers });
    expect(x.statusCode, x.body.slice(0, 200)).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String));
    expect(cells.some((c) => c.includes('Tài liệu\tđúng 😀'))).toBe(true);
    expect(cells.some((c) => /hỏng/.test(c))).toBe(false);
  });

  it("refuses it in an upload's caption, naming the field", async () => {
    const org = await makeOrg(t.db);
    const product = await t.app.inject({
      method: 'POST',
      url: '/api/library/products',
      headers: admin.headers,
      payload: {
        kind: 'photo',
        organisationId: org.id,
        texts: [{ language: 'vie', title: 'Ảnh tư liệu' }],
        languages: ['vie'],
        channel: 'website',
        date: '2026-03-01',
      },
    });
    expect(product.statusCode, product.body).toBe(201);
    for (const u of [`/api/library/products/${product.json().id}/files`, '/api/press/items/1/attachments', '/api/exhibitions/1/photos']) {
      for (const caption of [`Ảnh ${NUL}`, 'Ảnh \uFFFE']) await expectRefusedRaw(u, caption);
    }
  });

  it("refuses it in services (imports, CLI) with the row named; integers past PostgreSQL's integer too", () => {
    const S = z.object({
      name: z.string(),
      organisationId: z.number().int(),
      views: z.number().int().max(1e12).optional(),
      share: z.number().optional(),
    });
    expect(() => parseInput(S, { name: 'a\uFFFEb', organisationId: 1 }, 7)).toThrow(
      expect.objectContaining({ details: [{ row: 7, field: 'name', message: expect.stringMatching(/U\+FFFE/) }] }),
    );
    expect(() => parseInput(S, { name: 'a', organisationId: 2 ** 31 }, 8)).toThrow(
      expect.objectContaining({ details: [{ row: 8, field: 'organisationId', message: 'must be at most 2147483647' }] }),
    );
    // A bound the contract sets itself, and numbers that are not integers, are left alone.
    expect(parseInput(S, { name: 'a', organisationId: -5, views: 5e9, share: 5e9 })).toEqual({
      name: 'a',
      organisationId: -5,
      views: 5e9,
      share: 5e9,
    });
    expect(intRangeIssues(z.array(z.object({ id: z.coerce.number().int().optional() })), [{ id: 1 }, { id: -(2 ** 31) - 1 }])).toEqual([
      { field: '1.id', message: 'must be at least -2147483648' },
    ]);
  });
});

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function expectRefusedRaw(u: string, caption: string) {
  const boundary = '----rh';
  const body = Buffer.concat([
    Buffer.from(
      [
        `--${boundary}`,
        'Content-Disposition: form-data; name="caption"',
        '',
        caption,
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="a.png"',
        'Content-Type: image/png',
        '',
        '',
      ].join('\r\n'),
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const r = await t.app.inject({
    method: 'POST',
    url: u,
    headers: { ...admin.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  expect(r.statusCode, `${u}: ${r.body}`).toBe(400);
  expect(r.json().error.details.map((d: { field: string }) => d.field)).toContain('caption');
}
