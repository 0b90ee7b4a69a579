// The demo's whole evidence chain: once the exhibitions and training demos exist, fictional recommendations carry
// training sessions and exhibitions as evidence beside press items and products; the public tracker lists the
// exhibitions (public) and never the training sessions; seeding twice adds nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/test-db.js';
import { rows, type Db } from '../../kernel/db.js';
import { seedDemo } from '../directory/directory.demo.js';
import { seedExhibitionsDemo } from '../exhibitions/exhibitions.demo.js';
import { createFileStore } from '../../kernel/storage.js';
import { seedLibraryDemo, seedLibraryDemoFiles } from '../library/library.demo.js';
import { seedPressDemo } from '../press/press.demo.js';
import { seedTrainingDemo } from '../training/training.demo.js';
import { seedRecommendationsDemo, seedRecommendationsDemoChain } from './recommendations.demo.js';
import { listEvidence } from './recommendations.evidence.js';

let db: Db;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rh-chain-'));
beforeAll(async () => {
  db = (await testDatabase()).db;
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('recommendations demo chain', () => {
  it('tags demo training sessions and exhibitions once, public only where the record is public', async () => {
    await seedDemo(db);
    await seedPressDemo(db);
    await seedLibraryDemo(db);
    await seedLibraryDemoFiles(db, createFileStore(dataDir)); // images: the online exhibitions need them
    await seedExhibitionsDemo(db);
    await seedRecommendationsDemo(db);
    await seedTrainingDemo(db);
    expect(await seedRecommendationsDemoChain(db)).toBe(4);
    expect(await seedRecommendationsDemoChain(db)).toBe(0);
    const types = await rows<{ t: string }>(db, sql`select distinct record_type as t from rec_evidence order by 1`);
    expect(types.map((x) => x.t)).toEqual(['exhibition', 'library_product', 'press_item', 'training_session']);
    const [training] = await rows<{ id: number }>(db, sql`select id from recommendations where fictional and paragraph = '901.2'`);
    const all = await listEvidence(db, Number(training!.id));
    expect(all.counts.find((c) => c.recordType === 'training_session')?.count).toBe(2);
    const pub = await listEvidence(db, Number(training!.id), { publicOnly: true });
    expect(pub.items.some((i) => i.recordType === 'training_session')).toBe(false);
    const [awareness] = await rows<{ id: number }>(db, sql`select id from recommendations where fictional and paragraph = '901.1'`);
    const shown = await listEvidence(db, Number(awareness!.id), { publicOnly: true });
    expect(shown.counts.find((c) => c.recordType === 'exhibition')?.count).toBe(2);
  });
});
