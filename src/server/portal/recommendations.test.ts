// The public recommendation tracker: server-rendered without scripts, filterable by cycle, theme, position, status and
// State with plain GET parameters; the three named recommendations first; a recommendation's page with its public
// evidence only (a draft press item tagged as evidence stays hidden, and uncounted); open data as CSV and JSON with the
// same filters.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../test/factories.js';
import { testApp } from '../../../test/test-db.js';
import { createPressItem, publishPressItem } from '../modules/press/press.service.js';
import { tagEvidence } from '../modules/recommendations/recommendations.evidence.js';
import * as SEdit from '../modules/recommendations/recommendations.edit.js';

let app: Awaited<ReturnType<typeof testApp>>['app'];
let recId = 0,
  draftTitle = '',
  publicTitle = '',
  publicId = 0;

beforeAll(async () => {
  const t = await testApp();
  app = t.app;
  const org = await makeOrg(t.db, {
    code: 'BTT-PORTAL',
    nameVi: 'Bộ cổng thử',
    nameEn: 'Portal Test Ministry',
    kind: 'ministry',
    isStateAdminAgency: true,
  });
  const base = { mechanism: 'upr', cycle: 'UPR-IV', sourceDocument: 'A/HRC/FICTION/2', communication: true };
  const r = await SEdit.createRecommendation(
    t.db,
    seedActor,
    {
      ...base,
      paragraph: '5.1',
      textEn: 'Fictional tracker text about media literacy.',
      position: 'supported',
      themes: ['Media'],
      recommendingStates: ['Freedonia'],
    },
    { fictional: true },
  );
  await SEdit.createRecommendation(
    t.db,
    seedActor,
    {
      ...base,
      paragraph: '5.2',
      textEn: 'Fictional noted text, formula =1+1.',
      position: 'noted',
      themes: ['Education'],
      recommendingStates: ['Sylvania'],
    },
    { fictional: true },
  );
  await SEdit.assignImplementers(t.db, seedActor, r.id, { leadOrganisationId: org.id });
  recId = r.id;
  const pub = await createPressItem(t.db, seedActor, { kind: 'press_release', organisationId: org.id, title: 'Thông cáo công khai (thử)' });
  await publishPressItem(t.db, seedActor, pub.id);
  const draft = await createPressItem(t.db, seedActor, { kind: 'statement', organisationId: org.id, title: 'Bản nháp nội bộ (thử)' });
  await tagEvidence(t.db, seedActor, r.id, { recordType: 'press_item', recordId: pub.id });
  await tagEvidence(t.db, seedActor, r.id, { recordType: 'press_item', recordId: draft.id });
  draftTitle = draft.title;
  publicTitle = pub.title;
  publicId = pub.id;
});

describe('public tracker', () => {
  it('lists recommendations without any script, the three named ones first, and filters by GET parameters', async () => {
    const res = await app.inject({ method: 'GET', url: '/khuyen-nghi' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/<script(?![^>]*application\/ld\+json)/); // structured data only, no executable script
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.body.indexOf('UPR-III 38.63')).toBeGreaterThan(-1);
    expect(res.body.indexOf('UPR-III 38.63')).toBeLessThan(res.body.indexOf('UPR-IV 5.1'));
    expect(res.body).toContain('Nguyên văn chưa được nhập');
    const noted = await app.inject({ method: 'GET', url: '/khuyen-nghi?position=noted' });
    expect(noted.body).toContain('UPR-IV 5.2');
    expect(noted.body).not.toContain('>UPR-IV 5.1<');
    const byState = await app.inject({
      method: 'GET',
      url: '/en/recommendations?state=Freedonia&theme=Media&status=not_started&cycle=UPR-IV',
    });
    expect(byState.body).toContain('1 recommendation<');
    expect(byState.body).toContain('UPR-IV 5.1');
  });

  it('shows a recommendation with its public evidence only', async () => {
    const res = await app.inject({ method: 'GET', url: `/en/recommendations/${recId}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Fictional tracker text about media literacy.');
    expect(res.body).toContain(`href="/en/news/${publicId}"`);
    expect(res.body).toContain(publicTitle);
    expect(res.body).not.toContain(draftTitle);
    expect(res.body).toContain('Portal Test Ministry');
    expect((await app.inject({ method: 'GET', url: '/khuyen-nghi/999999' })).statusCode).toBe(404);
  });

  it('exports open data as CSV and JSON with the filters', async () => {
    const json = await app.inject({ method: 'GET', url: '/khuyen-nghi/du-lieu.json?cycle=UPR-IV' });
    const body = json.json() as { count: number; recommendations: { paragraph: string; position: string; evidence_count: number }[] };
    expect(body.count).toBe(2);
    // The draft press item tagged as evidence is not public: open data counts only the published one.
    expect(body.recommendations.find((r) => r.paragraph === '5.1')).toMatchObject({ position: 'supported', evidence_count: 1 });
    const csv = await app.inject({ method: 'GET', url: '/en/recommendations/data.csv?position=noted' });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^id,mechanism,cycle,document,paragraph/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"Fictional noted text, formula =1+1."');
  });
});
