// Every write route of the OpenAPI document, for every role (issue 17: adding the provincial coordinator touches every
// authorisation check): each route is called by a signed-in user of each role except the office, and logged out, with
// a body made from its schema (required fields with plausible values) and ids of real records. A route a new role can
// write through without being meant to, or that fails with a 5xx for some role, fails this test by name.
//  - Logged out: 401 everywhere except the public writes listed in PUBLIC_WRITES.
//  - Read-only roles (viewer; analyst outside fact-checking; the coordinator outside the cycle's decisions): never a 2xx,
//    except the writes every signed-in user has (their own account) and the ones their role is for (ROLE_WRITES).
//  - No role ever gets a 5xx.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor, TEST_PASSWORD } from '../../test/factories.js';
import { signIn, testApp, type Session } from '../../test/test-db.js';
import { ROLES, type Role } from '../shared/contracts/directory.js';
import { createUser } from './modules/directory/users.service.js';

type Schema = { type?: string | string[]; enum?: unknown[]; const?: unknown; format?: string; pattern?: string; minLength?: number; minimum?: number; minItems?: number;
  properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };
type Operation = { parameters?: { in: string; name: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };

/** Writes anyone may make without signing in (a new one fails the test by name until it is listed here). */
const PUBLIC_WRITES = ['POST /api/auth/login'];
/** Writes every signed-in user makes: their own account, and a dry run that writes nothing. */
const EVERYONE = ['PUT /api/auth/me/locale', 'POST /api/factcheck/topic-rules/test'];
/** What each read-only role writes all the same: analysts write fact-checks (factcheck.service WRITERS); a provincial
 *  coordinator decides the reports of its province (when the office has turned coordinators on). */
const ROLE_WRITES: Partial<Record<Role, (key: string) => boolean>> = {
  analyst: (key) => key.split(' ')[1]!.startsWith('/api/factcheck/'),
  coordinator: (key) => ['POST /api/cycle/reports/{id}/approve', 'POST /api/cycle/reports/{id}/return'].includes(key),
};
const READ_ONLY: Role[] = ['viewer', 'analyst', 'coordinator'];

let t: Awaited<ReturnType<typeof testApp>>;
const sessions = new Map<Role, Session>();
let routes: { key: string; method: string; path: string; op: Operation }[];
let orgId = 0;

/** A value the schema accepts, as far as a sample can: enums, dates, lengths, minimums, required fields. */
function sample(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return null;
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return sample(alt.find((x) => x.type !== 'null') ?? alt[0], depth + 1);
  if (s.allOf?.length) return sample(s.allOf[0], depth + 1);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (type === 'string') {
    if (s.format === 'date' || s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-06-15';
    if (s.format === 'date-time') return '2026-06-15T09:00:00+07:00';
    if (s.format === 'email') return 'walk@example.org';
    if (s.format === 'uri') return 'https://example.org/walk';
    const text = 'Kiểm tra quyền'.padEnd(Math.max(s.minLength ?? 0, 14), 'x');
    if (!s.pattern) return text;
    const re = new RegExp(s.pattern);
    return [text, 'walk-1', 'vie', 'T1', '01', 'VN', 'x', 'C1', '9786040000002'].find((c) => re.test(c)) ?? text;
  }
  if (type === 'integer' || type === 'number') return orgId && (s.minimum ?? 1) <= orgId ? orgId : Math.max(s.minimum ?? 1, 1);
  if (type === 'boolean') return false;
  if (type === 'array') return Array.from({ length: Math.max(s.minItems ?? 0, 1) }, () => sample(s.items, depth + 1));
  if (type === 'object' || s.properties) return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k], depth + 1)]));
  return null;
}

beforeAll(async () => {
  t = await testApp();
  const db = t.db;
  orgId = (await makeOrg(db, { kind: 'provincial_department', provinceCode: '01', nameVi: 'Sở thử quyền' })).id;
  for (const role of ROLES) {
    if (role === 'admin') continue;
    const username = `walk.${role}`;
    await createUser(db, seedActor, {
      username, displayName: `Thử ${role}`, password: TEST_PASSWORD, role,
      organisationId: role === 'editor' || role === 'viewer' ? orgId : null, provinceCode: role === 'coordinator' ? '01' : null,
    });
    sessions.set(role, await signIn(t.app, username, TEST_PASSWORD));
  }
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, Operation>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops)
    // Signing out would end the walker's own session (it is the caller's own, and covered by the auth tests).
    .filter(([m]) => ['post', 'put', 'patch', 'delete'].includes(m) && !(m === 'post' && path === '/api/auth/logout'))
    .map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase(), path, op })));
});

async function call(role: Role | null, r: (typeof routes)[number]) {
  const url = r.path.replace(/\{([^}]+)\}/g, (_, n: string) => {
    const p = r.op.parameters?.find((x) => x.in === 'path' && x.name === n);
    return encodeURIComponent(String(sample(p?.schema) ?? orgId));
  });
  const json = r.op.requestBody?.content?.['application/json']?.schema;
  const headers = role ? sessions.get(role)!.headers : {};
  return t.app.inject({ method: r.method as 'POST', url, headers, ...(json ? { payload: sample(json) as object } : r.method === 'DELETE' ? {} : { payload: {} }) });
}

describe('every write route, for every role', () => {
  it('is walked: the document lists the writes of every module, the cycle\'s included', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.map((r) => r.key)).toEqual(expect.arrayContaining(['POST /api/cycle/reports/{id}/approve', 'POST /api/cycle/periods/{id}/close', 'POST /api/organisations']));
  });

  it('answers a caller who is not signed in 401 (or a 4xx for its input), never a write, except the public writes', async () => {
    const open: string[] = [];
    let unauthenticated = 0;
    for (const r of routes) {
      if (!r.path.startsWith('/api/')) continue;
      const res = await call(null, r);
      expect(res.statusCode, `${r.key}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      if (res.statusCode < 300) open.push(r.key);
      if (res.statusCode === 401) unauthenticated++;
    }
    expect(open.sort()).toEqual(PUBLIC_WRITES.filter((k) => routes.some((r) => r.key === k) && k !== 'POST /api/auth/login').sort());
    expect(unauthenticated).toBeGreaterThan(routes.length / 2);
  }, 300_000);

  it('lets no read-only role write (the coordinator only decides its province\'s reports), and no role meets a 5xx', async () => {
    const leaks: string[] = [];
    const refusals = new Map<Role, number>();
    for (const role of ROLES) {
      if (role === 'admin') continue;
      for (const r of routes) {
        if (!r.path.startsWith('/api/')) continue;
        const res = await call(role, r);
        expect(res.statusCode, `${role} ${r.key}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode === 403) refusals.set(role, (refusals.get(role) ?? 0) + 1);
        if (!READ_ONLY.includes(role) || res.statusCode >= 300) continue;
        if (!EVERYONE.includes(r.key) && !ROLE_WRITES[role]?.(r.key)) leaks.push(`${role} ${r.key} → ${res.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
    // The walk reaches the checks: most writes refuse the read-only roles as such (403), not only for bad input.
    for (const role of READ_ONLY) expect(refusals.get(role) ?? 0, role).toBeGreaterThan(routes.length / 3);
  }, 900_000);
});
