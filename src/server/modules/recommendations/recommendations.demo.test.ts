// Recommendations demo: every demo recommendation is fictional and says so in both languages; the three real
// recommendations named by the decision are references without any text; the whole chain is there (lead agency,
// actions, reports, evidence from press and library, statuses reached by the rules, links); T6 shows figures;
// removal leaves the references and nothing else, and the directory's demo can go after it.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/test-db.js';
import { rows, type Db } from '../../kernel/db.js';
import { removeDemo, seedDemo } from '../directory/directory.demo.js';
import { getDashboard } from '../indicators/indicators.service.js';
import { removeLibraryDemo, seedLibraryDemo } from '../library/library.demo.js';
import { removePressDemo, seedPressDemo } from '../press/press.demo.js';
import { removeRecommendationsDemo, seedRecommendationsDemo } from './recommendations.demo.js';

let db: Db;
beforeAll(async () => {
  db = (await testDatabase()).db;
});
const n = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(db, q))[0]!.n);

describe('recommendations demo', () => {
  it('seeds a fictional chain beside the three real references, and removes it', async () => {
    await seedDemo(db);
    await seedPressDemo(db);
    await seedLibraryDemo(db);
    expect((await seedRecommendationsDemo(db)).recommendations).toBe(6);
    expect((await seedRecommendationsDemo(db)).recommendations).toBe(0);
    expect(
      await n(
        sql`select count(*)::int as n from recommendations where is_demo and (not fictional or text_en not like '[FICTIONAL DEMO]%')`,
      ),
    ).toBe(0);
    expect(
      await n(
        sql`select count(*)::int as n from rec_translations t join recommendations r on r.id = t.recommendation_id where r.is_demo and t.text_vi not like '[DEMO HƯ CẤU]%'`,
      ),
    ).toBe(0);
    const refs = await rows<{ paragraph: string; text_en: string | null; is_demo: boolean }>(
      db,
      sql`select paragraph, text_en, is_demo from recommendations where cycle = 'UPR-III' and source_document = 'A/HRC/41/7' order by paragraph`,
    );
    expect(refs).toEqual([
      { paragraph: '38.63', text_en: null, is_demo: false },
      { paragraph: '38.67', text_en: null, is_demo: false },
      { paragraph: '38.86', text_en: null, is_demo: false },
    ]);
    expect(
      await n(
        sql`select count(*)::int as n from rec_translations t join recommendations r on r.id = t.recommendation_id where not r.is_demo`,
      ),
    ).toBe(0);
    expect(await n(sql`select count(distinct record_type)::int as n from rec_evidence`)).toBe(2);
    expect(await n(sql`select count(*)::int as n from recommendations where status = 'implemented'`)).toBeGreaterThanOrEqual(1);
    expect(await n(sql`select count(*)::int as n from rec_reports where status = 'submitted'`)).toBeGreaterThanOrEqual(1);
    expect(await n(sql`select count(*)::int as n from rec_links`)).toBe(2);
    const t6 = (await getDashboard(db, {}, { only: ['T6'] })).figures[0]!;
    expect(t6.denominator).toBe(3 + 5); // the three references and the five accepted fictional ones (one is noted)
    expect(t6.numerator).toBeGreaterThanOrEqual(1);

    await removeRecommendationsDemo(db);
    expect(await n(sql`select count(*)::int as n from recommendations`)).toBe(3);
    expect(await n(sql`select count(*)::int as n from rec_evidence`)).toBe(0);
    await removeLibraryDemo(db);
    await removePressDemo(db);
    await removeDemo(db);
    expect(await n(sql`select count(*)::int as n from organisations where is_demo`)).toBe(0);
  }, 180_000); // the directory, press and library demos are seeded first
});
