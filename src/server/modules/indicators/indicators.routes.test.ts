// The indicators API: signed-in users only, the dashboard's figures for a scope from the query string, the
// drill-down with paging, and trajectories set by the programme office only, with the field named on error.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor } from '../../../../test/factories.js';
import { takeOutSources } from '../../../../test/indicator-sources.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import { createPressItem, publishPressItem } from '../press/press.service.js';
import { createSpokesperson } from '../press/spokespersons.service.js';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Session, editor: Session, viewer: Session;

beforeAll(async () => {
  t = await testApp();
  const orgs: { id: number }[] = [];
  for (let i = 0; i < 5; i++)
    orgs.push(await makeOrg(t.db, { nameVi: `UBND thử ${i}`, kind: 'provincial_committee', provinceCode: '48', isStateAdminAgency: true }));
  for (const o of orgs.slice(0, 3)) {
    await createSpokesperson(t.db, seedActor, { organisationId: o.id, fullName: 'Người phát ngôn', validFrom: '2025-01-01' });
    const i = await createPressItem(t.db, seedActor, { kind: 'statement', organisationId: o.id, title: 'Tuyên bố', bodyHtml: '<p>x</p>' });
    await publishPressItem(t.db, seedActor, i.id, { publishedAt: '2026-05-05T03:00:00Z' });
  }
  const user = async (role: 'admin' | 'editor' | 'viewer') => {
    const u = await makeUser(t.db, role, role === 'editor' ? orgs[0]!.id : null);
    return signIn(t.app, u.username, u.password);
  };
  admin = await user('admin');
  editor = await user('editor');
  viewer = await user('viewer');
});

const req = (s: Session | null, method: 'GET' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s?.headers ?? {}, ...(payload ? { payload } : {}) });

describe('indicators API', () => {
  it('is for signed-in users', async () => {
    for (const url of ['/api/indicators', '/api/indicators/definitions', '/api/indicators/T1/records'])
      expect((await req(null, 'GET', url)).statusCode, url).toBe(401);
  });

  it('computes the figures of a scope from the query string', async () => {
    const r = await req(viewer, 'GET', '/api/indicators?period=2026-Q2&map=34&province=48');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.scope).toMatchObject({ period: { id: '2026-Q2' }, map: '34', province: '48' });
    expect(body.figures.map((f: { id: string }) => f.id)).toEqual([
      'T1',
      'T2a',
      'T2b',
      'T2c',
      'T2d',
      'T3',
      'T4a',
      'T4b',
      'T5a',
      'T5b',
      'T5c',
      'T6',
    ]);
    expect(body.figures[0]).toMatchObject({ id: 'T1', numerator: 3, denominator: 5, value: 0.6 });
    expect(body.indicators.filter((d: { available: boolean }) => !d.available)).toHaveLength(0);
    // T5b carries its unreviewed count beside the value (none here: no monitored items).
    expect(body.figures.find((f: { id: string }) => f.id === 'T5b')).toMatchObject({
      numerator: 0,
      denominator: 0,
      value: null,
      pending: 0,
    });
    const bad = await req(viewer, 'GET', '/api/indicators?period=2026-Q5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('period');
  });

  it('pages the records behind a figure', async () => {
    const page1 = (await req(viewer, 'GET', '/api/indicators/T1/records?period=2026-Q2&part=denominator&limit=2')).json();
    const page3 = (await req(viewer, 'GET', '/api/indicators/T1/records?period=2026-Q2&part=denominator&limit=2&offset=4')).json();
    expect(page1.total).toBe(5);
    expect(page1.records).toHaveLength(2);
    expect(page3.records).toHaveLength(1);
    const gap = (await req(viewer, 'GET', '/api/indicators/T1/records?period=2026-Q2&part=gap')).json();
    expect(gap.records.every((r: { counts: boolean }) => !r.counts)).toBe(true);
    expect((await req(viewer, 'GET', '/api/indicators/T9/records')).statusCode).toBe(400);
    // A target whose module has no data source answers 404 (the fact-checking provider and facts taken out for the check).
    const restore = takeOutSources((id) => id === 'T5b');
    try {
      expect((await req(viewer, 'GET', '/api/indicators/T5b/records')).statusCode).toBe(404);
    } finally {
      restore();
    }
  });

  it('lets only the programme office set a trajectory, and names the bad field', async () => {
    const trajectory = [2023, 2024, 2025, 2026, 2027, 2028].map((year, i) => ({ year, value: 0.5 + i * 0.1 }));
    expect((await req(editor, 'PUT', '/api/indicators/T1/settings', { trajectory })).statusCode).toBe(403);
    const bad = await req(admin, 'PUT', '/api/indicators/T1/settings', {
      trajectory: trajectory.map((p) => (p.year === 2026 ? { ...p, value: 80 } : p)),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('trajectory.3.value');
    const ok = await req(admin, 'PUT', '/api/indicators/T1/settings', { trajectory });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().trajectory.find((p: { year: number }) => p.year === 2026).value).toBeCloseTo(0.8);
    const fig = (await req(viewer, 'GET', '/api/indicators?period=2026-Q2')).json().figures[0];
    expect(fig.expected).toBeCloseTo(0.8);
    expect(fig.status).toBe('off_track'); // 0.6 < 0.8 − 0.1
    const audit = (await req(admin, 'GET', '/api/audit?entity=indicator')).json();
    expect(JSON.stringify(audit)).toContain('indicator.settings');
  });
});
