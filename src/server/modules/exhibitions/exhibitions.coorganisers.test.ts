// Co-organisers must confirm (issue 16, finding 10): an editor who names another organisation as co-organiser only
// requests it. Until an editor of that organisation's subtree (or the programme office) confirms, the exhibition does
// not count for it (T3 by organiser, the organisation filter, coverage by organiser) and the portal, the IIIF manifest
// and the catalogue do not name it; a declined co-organiser counts nowhere. Over HTTP: who may confirm or decline, the
// requests waiting for an organisation, the exhibition page's states.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { extractText } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeUser, seedActor, TEST_PASSWORD } from '../../../../test/factories.js';
import { signIn, testApp, type Session } from '../../../../test/test-db.js';
import type { Organisation } from '../../../shared/contracts/directory.js';
import type { Exhibition } from '../../../shared/contracts/exhibitions.js';
import { rows, type Db } from '../../kernel/db.js';
import { getDashboard } from '../indicators/indicators.service.js';
import { createProduct, publishProduct } from '../library/library.write.js';
import { computeCoverage } from './exhibitions.indicators.js';

let app: FastifyInstance;
let db: Db;
let lead: Organisation, co: Organisation, coChild: Organisation, stranger: Organisation, own: Organisation;
let s: Record<'admin' | 'leadEditor' | 'coEditor' | 'strangerEditor' | 'viewer', Session>;
let productId: number;

const call = (who: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  const t = await testApp({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'rh-coorg-')) });
  app = t.app;
  db = t.db;
  lead = await makeOrg(db, {
    code: 'LEAD-CO',
    nameVi: 'Sở Văn hóa tổ chức chính (thử)',
    kind: 'provincial_department',
    provinceCode: '04',
  });
  own = await makeOrg(db, { code: 'OWN-CO', nameVi: 'Trung tâm trực thuộc Sở (thử)', kind: 'other', parentId: lead.id });
  co = await makeOrg(db, { code: 'CO-ORG', nameVi: 'Báo Đồng tổ chức (thử)', nameEn: 'Co-organising paper (test)', kind: 'press' });
  coChild = await makeOrg(db, { code: 'CO-CHILD', nameVi: 'Phòng thuộc báo (thử)', kind: 'other', parentId: co.id });
  stranger = await makeOrg(db, { code: 'STR-ORG', nameVi: 'Đơn vị khác (thử)', kind: 'central_agency' });
  const user = async (role: 'admin' | 'editor' | 'viewer', org: number | null) =>
    signIn(app, (await makeUser(db, role, org)).username, TEST_PASSWORD);
  s = {
    admin: await user('admin', null),
    leadEditor: await user('editor', lead.id),
    coEditor: await user('editor', co.id),
    strangerEditor: await user('editor', stranger.id),
    viewer: await user('viewer', null),
  };
  const p = await createProduct(db, seedActor, {
    kind: 'photo',
    organisationId: lead.id,
    channel: 'print',
    date: '2024-01-10',
    languages: ['vie'],
    texts: [{ language: 'vie', title: 'Ảnh tư liệu (thử)' }],
  });
  await publishProduct(db, seedActor, p.id);
  productId = p.id;
}, 120_000);

const input = (organiserIds: number[], patch: Record<string, unknown> = {}) => ({
  texts: [{ language: 'vie', title: 'Triển lãm đồng tổ chức (thử)' }],
  kind: 'photographs',
  format: 'both',
  organiserIds,
  startDate: '2024-05-02',
  endDate: '2024-05-09',
  audiences: [2],
  captionLanguages: ['vie'],
  venue: { location: 'vietnam', name: 'Nhà văn hoá', provinceCode: '04' },
  items: [{ productId, captions: [] }],
  ...patch,
});
/** T3 for 2024 with the organisation filter, and the organisation's row of the organiser breakdown. */
async function t3For(orgId: number) {
  const scoped = (await getDashboard(db, { period: '2024', map: '63', organisationId: orgId }, { only: ['T3'] })).figures[0]!.value;
  const all = (await getDashboard(db, { period: '2024', map: '63' }, { only: ['T3'] })).figures[0]!;
  return { scoped, row: all.breakdowns.organiser?.find((r) => r.key === String(orgId))?.numerator ?? 0 };
}
const coverageOf = async (orgId: number) =>
  (await computeCoverage(db, { from: '2024-01-01', until: '2024-12-31' })).byOrganiser.find((o) => o.id === orgId);
const states = (e: Exhibition) => e.organisers.map((o) => [o.id, o.confirmation]);

describe('a co-organiser named by another organisation', () => {
  let e: Exhibition;

  it('is pending and does not count for it: not in its T3, its breakdown row, its coverage or its filter', async () => {
    const res = await call(s.leadEditor, 'POST', '/api/exhibitions', input([lead.id, co.id, own.id]));
    expect(res.statusCode, res.body).toBe(201);
    e = res.json();
    expect(await t3For(co.id)).toEqual({ scoped: 0, row: 0 });
    expect(await t3For(lead.id)).toEqual({ scoped: 1, row: 1 });
    expect(await coverageOf(co.id)).toBeUndefined();
    // The lead and the editor's own subtree are confirmed at once; the other organisation is asked.
    expect(states(e)).toEqual([
      [lead.id, 'confirmed'],
      [co.id, 'pending'],
      [own.id, 'confirmed'],
    ]);
    expect((await call(s.viewer, 'GET', `/api/exhibitions?organisationId=${co.id}`)).json().total).toBe(0);
  });

  it('is decided only by an editor of its own subtree or the programme office', async () => {
    for (const who of [s.leadEditor, s.strangerEditor, s.viewer]) {
      const r = await call(who, 'POST', `/api/exhibitions/${e.id}/organisers/${co.id}/confirm`);
      expect(r.statusCode, r.body).toBe(403);
    }
    expect((await call(null, 'POST', `/api/exhibitions/${e.id}/organisers/${co.id}/confirm`)).statusCode).toBe(401);
    // The lead is not confirmed or declined; an organisation that is not an organiser is not found.
    expect((await call(s.admin, 'POST', `/api/exhibitions/${e.id}/organisers/${lead.id}/decline`)).statusCode).toBe(409);
    expect((await call(s.admin, 'POST', `/api/exhibitions/${e.id}/organisers/${stranger.id}/confirm`)).statusCode).toBe(404);
    expect(states((await call(s.viewer, 'GET', `/api/exhibitions/${e.id}`)).json())).toEqual([
      [lead.id, 'confirmed'],
      [co.id, 'pending'],
      [own.id, 'confirmed'],
    ]);
  });

  it("waits in its organisation's requests (and the office's), nobody else's", async () => {
    const mine = (await call(s.coEditor, 'GET', '/api/exhibitions/co-organiser-requests')).json();
    expect(mine.items).toEqual([
      expect.objectContaining({
        exhibitionId: e.id,
        title: 'Triển lãm đồng tổ chức (thử)',
        organisation: expect.objectContaining({ id: co.id }),
        lead: expect.objectContaining({ id: lead.id }),
      }),
    ]);
    expect(mine.items[0].requestedByName).toBeTruthy();
    expect((await call(s.strangerEditor, 'GET', '/api/exhibitions/co-organiser-requests')).json()).toEqual({ items: [], total: 0 });
    expect((await call(s.leadEditor, 'GET', '/api/exhibitions/co-organiser-requests')).json().total).toBe(0);
    expect((await call(s.viewer, 'GET', '/api/exhibitions/co-organiser-requests')).json().total).toBe(0);
    expect(
      (await call(s.admin, 'GET', '/api/exhibitions/co-organiser-requests'))
        .json()
        .items.map((x: { exhibitionId: number }) => x.exhibitionId),
    ).toContain(e.id);
  });

  it('is not named on the portal, in the IIIF manifest or in the catalogue while pending', async () => {
    expect((await call(s.leadEditor, 'POST', `/api/exhibitions/${e.id}/publish-online`)).statusCode).toBe(200);
    const page = await call(null, 'GET', `/trien-lam/${e.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Sở Văn hóa tổ chức chính (thử)');
    expect(page.body).not.toContain('Báo Đồng tổ chức (thử)');
    const manifest = await call(null, 'GET', `/api/public/exhibitions/${e.id}/manifest.json`);
    expect(manifest.body).not.toContain('Báo Đồng tổ chức');
    expect(manifest.body).toContain('Sở Văn hóa tổ chức chính');
    const pdf = await call(s.leadEditor, 'GET', `/api/exhibitions/${e.id}/catalogue.pdf?lang=vi`);
    const text = (await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true })).text;
    expect(text).toContain('Sở Văn hóa tổ chức chính');
    expect(text).not.toContain('Báo Đồng tổ chức');
  });

  it('counts for it once its editor confirms, and no more once the office declines; each decision on record', async () => {
    const r = await call(s.coEditor, 'POST', `/api/exhibitions/${e.id}/organisers/${co.id}/confirm`);
    expect(r.statusCode, r.body).toBe(200);
    const confirmed = r.json() as Exhibition;
    expect(confirmed.organisers[1]).toMatchObject({
      id: co.id,
      confirmation: 'confirmed',
      decidedByName: expect.any(String),
      decidedAt: expect.any(String),
    });
    expect(await t3For(co.id)).toEqual({ scoped: 1, row: 1 });
    expect(await coverageOf(co.id)).toMatchObject({ covered63: 1, exhibitions: 1 });
    expect((await call(s.coEditor, 'GET', '/api/exhibitions/co-organiser-requests')).json().total).toBe(0);
    expect((await call(null, 'GET', `/trien-lam/${e.id}`)).body).toContain('Báo Đồng tổ chức (thử)');

    expect((await call(s.admin, 'POST', `/api/exhibitions/${e.id}/organisers/${co.id}/decline`)).statusCode).toBe(200);
    expect(await t3For(co.id)).toEqual({ scoped: 0, row: 0 });
    expect((await call(null, 'GET', `/trien-lam/${e.id}`)).body).not.toContain('Báo Đồng tổ chức (thử)');
    const audit = await rows<{ action: string }>(
      db,
      sql`select action from audit_log where entity = 'exhibition' and entity_id = ${String(e.id)} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'publish-online', 'confirm-organiser', 'decline-organiser']);
  });

  it("keeps its decision when the lead's editor saves the exhibition again; removed and named again, it is asked again", async () => {
    const saved = await call(s.leadEditor, 'PUT', `/api/exhibitions/${e.id}`, input([lead.id, co.id, own.id], { endDate: '2024-05-10' }));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(states(saved.json())).toEqual([
      [lead.id, 'confirmed'],
      [co.id, 'declined'],
      [own.id, 'confirmed'],
    ]);
    await call(s.leadEditor, 'PUT', `/api/exhibitions/${e.id}`, input([lead.id, own.id]));
    const again = await call(s.leadEditor, 'PUT', `/api/exhibitions/${e.id}`, input([lead.id, own.id, co.id]));
    expect(states(again.json())).toEqual([
      [lead.id, 'confirmed'],
      [own.id, 'confirmed'],
      [co.id, 'pending'],
    ]);
    expect(await t3For(co.id)).toEqual({ scoped: 0, row: 0 });
  });

  it("is confirmed at once when the writer may decide for it: its own editor (a parent's too) or the office", async () => {
    const byCo = await call(
      s.coEditor,
      'POST',
      '/api/exhibitions',
      input([co.id, coChild.id, lead.id], { startDate: '2024-08-01', endDate: '2024-08-02' }),
    );
    expect(states(byCo.json())).toEqual([
      [co.id, 'confirmed'],
      [coChild.id, 'confirmed'],
      [lead.id, 'pending'],
    ]);
    const byOffice = await call(
      s.admin,
      'POST',
      '/api/exhibitions',
      input([stranger.id, co.id], { startDate: '2024-09-01', endDate: '2024-09-02' }),
    );
    expect(states(byOffice.json())).toEqual([
      [stranger.id, 'confirmed'],
      [co.id, 'confirmed'],
    ]);
  });
});
