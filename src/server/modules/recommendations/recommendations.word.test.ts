// The report draft (Word): per cluster, each recommendation with its reference, text (or the note that it awaits
// import), position, status, agencies, actions, approved reports (not the ones awaiting review) and its evidence
// with counts; Vietnamese in the Decree 30/2020 layout (A4, 30/15 mm side margins, national motto) and English.
import JSZip from 'jszip';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, seedActor } from '../../../../test/factories.js';
import { testDatabase } from '../../../../test/test-db.js';
import type { Database, Db } from '../../kernel/db.js';
import * as schema from '../../schema.js';
import { createPressItem } from '../press/press.service.js';
import { tagEvidence } from './recommendations.evidence.js';
import * as SEdit from './recommendations.edit.js';
import * as SProgress from './recommendations.progress.js';
import { recommendationReportDraft } from './recommendations.word.js';

let db: Db;
let database: Database;
let clusterId = 0;
let orgId = 0;
const docText = async (buf: Buffer) => {
  const xml = await (await JSZip.loadAsync(buf)).file('word/document.xml')!.async('string');
  return {
    xml,
    text: xml
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&'),
  };
};

beforeAll(async () => {
  database = await testDatabase();
  db = database.db;
  const org = await makeOrg(db, {
    code: 'BTT-WORD',
    nameVi: 'Bộ thử báo cáo',
    nameEn: 'Report Test Ministry',
    kind: 'ministry',
    isStateAdminAgency: true,
  });
  orgId = org.id;
  clusterId = (await SEdit.createCluster(db, seedActor, { code: 'C1', nameVi: 'Nhóm truyền thông', nameEn: 'Communication cluster' })).id;
  const r = await SEdit.createRecommendation(
    db,
    seedActor,
    {
      mechanism: 'upr',
      cycle: 'UPR-IV',
      sourceDocument: 'A/HRC/FICTION/3',
      paragraph: '7.1',
      textEn: 'Fictional report text.',
      position: 'supported',
      clusterId,
      recommendingStates: ['Freedonia'],
    },
    { fictional: true },
  );
  await SEdit.addTranslation(db, seedActor, r.id, { textVi: 'Nội dung thử cho báo cáo.' });
  await SEdit.assignImplementers(db, seedActor, r.id, { leadOrganisationId: org.id });
  await SProgress.createAction(db, seedActor, r.id, { organisationId: org.id, title: 'Lớp tập huấn thử', targetDate: '2026-05-01' });
  const ok = await SProgress.submitReport(db, seedActor, r.id, {
    organisationId: org.id,
    period: '2026-H1',
    narrative: 'Báo cáo đã duyệt thử.',
    figures: [{ label: 'Lớp', value: '2' }],
  });
  await SProgress.reviewReport(db, seedActor, ok.id, { decision: 'approve' });
  await SProgress.submitReport(db, seedActor, r.id, { organisationId: org.id, period: '2026-H2', narrative: 'Báo cáo chờ duyệt thử.' });
  for (let i = 0; i < 22; i++) {
    const p = await createPressItem(db, seedActor, { kind: 'press_release', organisationId: org.id, title: `Tin minh chứng ${i}` });
    await tagEvidence(db, seedActor, r.id, { recordType: 'press_item', recordId: p.id });
  }
});

describe('report draft', () => {
  it('writes the cluster in Vietnamese in the Decree 30 layout', async () => {
    const { xml, text } = await docText(
      await recommendationReportDraft(db, { lang: 'vi', clusterId, now: new Date('2026-11-29T03:00:00Z') }),
    );
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Hà Nội, ngày 29 tháng 11 năm 2026');
    expect(text).toContain('1. C1. Nhóm truyền thông');
    expect(text).toContain('1.1. UPR-IV 7.1 (A/HRC/FICTION/3) — Freedonia (hư cấu, dữ liệu minh hoạ)');
    expect(text).toContain('Nội dung thử cho báo cáo.');
    expect(text).toContain('Lớp tập huấn thử');
    expect(text).toContain('Báo cáo đã duyệt thử. (Lớp: 2)');
    expect(text).not.toContain('Báo cáo chờ duyệt thử.');
    expect(text).toContain('Minh chứng (22): Tin báo chí 22');
    expect(text).toContain('… và 2 minh chứng khác.');
    expect(xml).toMatch(/w:left="1701"/); // 30 mm
    expect(xml).toMatch(/w:right="850"/); // 15 mm
  });

  it('writes the English draft, all clusters, the three named references awaiting their text', async () => {
    const { text } = await docText(await recommendationReportDraft(db, { lang: 'en' }));
    expect(text).toContain('SOCIALIST REPUBLIC OF VIET NAM');
    expect(text).toContain('Fictional report text.');
    expect(text).toContain('Recommendations without a cluster');
    expect(text).toContain('UPR-III 38.63 (A/HRC/41/7)');
    expect(text).toContain('No original text yet');
  });
});

describe('report draft at scale', () => {
  /** The same database through a drizzle instance that counts the statements it sends. */
  function counting(): { db: Db; count: () => number } {
    let n = 0;
    const logger = {
      logQuery: () => {
        n++;
      },
    };
    const client = (db as unknown as { $client: unknown }).$client;
    const counted = (database.kind === 'pglite'
      ? drizzlePglite(client as never, { schema, logger })
      : drizzlePg(client as never, { schema, logger })) as unknown as Db;
    return { db: counted, count: () => n };
  }
  async function addRecommendations(k: number, from: number) {
    for (let i = 0; i < k; i++) {
      const r = await SEdit.createRecommendation(
        db,
        seedActor,
        {
          mechanism: 'upr',
          cycle: 'UPR-IV',
          sourceDocument: 'A/HRC/FICTION/3',
          paragraph: `8.${from + i}`,
          textEn: `Fictional scale text ${i}.`,
          position: 'noted',
          clusterId: i % 2 ? clusterId : null,
        },
        { fictional: true },
      );
      await SEdit.assignImplementers(db, seedActor, r.id, { leadOrganisationId: orgId });
      await SProgress.createAction(db, seedActor, r.id, {
        organisationId: orgId,
        title: `Hoạt động quy mô ${i}`,
        targetDate: '2026-07-01',
      });
      const rep = await SProgress.submitReport(db, seedActor, r.id, {
        organisationId: orgId,
        period: '2026-H1',
        narrative: `Báo cáo quy mô ${i}.`,
      });
      await SProgress.reviewReport(db, seedActor, rep.id, { decision: 'approve' });
      const p = await createPressItem(db, seedActor, { kind: 'press_release', organisationId: orgId, title: `Tin quy mô ${i}` });
      await tagEvidence(db, seedActor, r.id, { recordType: 'press_item', recordId: p.id });
    }
  }

  it('reads every recommendation of the draft in a fixed number of queries, however many there are', async () => {
    const first = counting();
    const before = await docText(await recommendationReportDraft(first.db, { lang: 'en' }));
    await addRecommendations(6, 1);
    const second = counting();
    const after = await docText(await recommendationReportDraft(second.db, { lang: 'en' }));
    expect(after.text).toContain('Báo cáo quy mô 5.');
    expect(after.text).toContain('Tin quy mô 5');
    expect(after.text.length).toBeGreaterThan(before.text.length);
    expect(second.count()).toBe(first.count());
    expect(first.count()).toBeGreaterThan(5); // the counter sees the queries
    expect(second.count()).toBeLessThan(20);
  });
});
